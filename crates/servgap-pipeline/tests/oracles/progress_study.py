#!/usr/bin/env python3
"""Independent check of measured progress (issue 15), straight from the raw CSV files of a
study (pandas + scipy + statsmodels; nothing servgap wrote is read):

    python3 crates/servgap-pipeline/tests/oracles/progress_study.py

For each action metric (a gap id in one unit) of the demo study's two waves
(examples/study/demo) and of the three-wave study
(crates/servgap-pipeline/tests/fixtures/study-3waves), per wave:
* g5/dimension/<d>: each customer's dimension score P − E (mean of the dimension's items'
  P − E; the files have no blanks), the wave's gap = mean over the unit's customers;
  change from the baseline = difference of the means with Welch's interval
  (scipy `ttest_ind(equal_var=False).confidence_interval`), its p and df;
* g4/promise/reply-1h: tickets of the unit's team with a first reply; held = reply within
  3600 s of calendar time; gap = share held − 1; change = difference of the shares with
  Newcombe's hybrid score interval (statsmodels `confint_proportions_2indep(method="newcomb")`)
  and the pooled two-proportion z test's p (statsmodels `proportions_ztest`);
* share of the gap closed S = 1 − D₁/D₀ with Fieller's interval of the ratio D₁/D₀
  (written out below from Fieller 1954: Var(D) = s²/n of the customers' P − E, or
  p(1 − p)/n of the share; covariance 0; critical value t at Welch's df, or z);
* Holm over every metric × later wave of the study's list (statsmodels `multipletests`),
  verdict: adjusted p ≤ 0.05 and the gap narrowed → improved (closed when no shortfall is
  left), widened → worsened, else not moving;
* an improvement's pace against the test plan's schedule (every action runs 2025-07-01 to
  2025-12-31; expected share 0.5 for g5 metrics, 1.0 for g4): a wave's date is the midpoint of
  its fieldwork (start + (end − start)/2, dates from study.toml), E(t) = expected share ×
  clamp((t − start)/(due − start), 0, 1); on track when the share's interval reaches E(t)
  (upper bound ≥ E(t)), else behind schedule;
* over three waves: the inverse-variance weighted least-squares slope of the gap per year
  against the waves' dates (years of 365.25 days since the baseline's midpoint; statsmodels
  `WLS`, weights 1/Var(D), the z interval of known variances).
The values are pasted into crates/servgap-pipeline/tests/it/progress_oracle.rs.
"""
import datetime as dt
import os
import sys
import tomllib

import numpy as np
import pandas as pd
from scipy import stats
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../.."))
DIMENSIONS = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
              "assurance": range(14, 18), "empathy": range(18, 23)}
STUDIES = {
    "demo": ("examples/study/demo", ["2025-h1", "2025-h2"]),
    "3waves": ("crates/servgap-pipeline/tests/fixtures/study-3waves", ["2025-h1", "2025-h2", "2026-h1"]),
}
METRICS = [("g5/dimension/responsiveness", "warsaw"), ("g5/dimension/responsiveness", "gdansk"),
           ("g4/promise/reply-1h", "krakow"), ("g4/promise/reply-1h", "online")]
SCHEDULE = (dt.date(2025, 7, 1).toordinal(), dt.date(2025, 12, 31).toordinal())


def wave_dates(root):
    """Each wave's date: the midpoint of its fieldwork, as a day number (may end in .5)."""
    with open(f"{root}/study.toml", "rb") as f:
        waves = tomllib.load(f)["waves"]
    return {w["slug"]: (w["start"].toordinal() + w["end"].toordinal()) / 2 for w in waves}


def expected_by(expected_share, t):
    start, due = SCHEDULE
    return expected_share * min(max((t - start) / (due - start), 0.0), 1.0)


def dimension_scores(root, wave, unit, dimension):
    frame = pd.read_csv(f"{root}/data/{wave}/customers.csv")
    frame = frame[frame["unit"] == unit]
    items = DIMENSIONS[dimension]
    gaps = pd.concat([frame[f"P{i}"] - frame[f"E{i}"] for i in items], axis=1)
    return gaps.mean(axis=1).to_numpy()


def reply_counts(root, wave, unit):
    frame = pd.read_csv(f"{root}/data/{wave}/tickets.csv", dtype=str).fillna("")
    frame = frame[(frame["team"] == unit) & (frame["first_response"] != "")]
    created = pd.to_datetime(frame["created"], format="%Y-%m-%dT%H:%M:%SZ")
    reply = pd.to_datetime(frame["first_response"], format="%Y-%m-%dT%H:%M:%SZ")
    held = int(((reply - created).dt.total_seconds() <= 3600).sum())
    return held, len(frame)


def fieller(d0, d1, v0, v1, critical):
    """S = 1 − θ, θ = D₁/D₀: the roots of (D₁ − θD₀)² = c²(V₁ + θ²V₀)."""
    a = d0 * d0 - critical ** 2 * v0
    b = d0 * d1
    k = d1 * d1 - critical ** 2 * v1
    root = np.sqrt(max(b * b - a * k, 0.0))
    return 1 - (b + root) / a, 1 - (b - root) / a


def mean_metric(root, waves, unit, dimension):
    base = dimension_scores(root, waves[0], unit, dimension)
    var = lambda x: x.var(ddof=1) / len(x)
    rows = [(waves[0], base.mean(), len(base), var(base), None)]
    for wave in waves[1:]:
        later = dimension_scores(root, wave, unit, dimension)
        test = stats.ttest_ind(later, base, equal_var=False)
        ci = test.confidence_interval(0.95)
        share = fieller(base.mean(), later.mean(), var(base), var(later), stats.t.ppf(0.975, test.df))
        rows.append((wave, later.mean(), len(later), var(later),
                     (later.mean() - base.mean(), ci.low, ci.high, test.pvalue, share)))
    return rows


def share_metric(root, waves, unit):
    held0, n0 = reply_counts(root, waves[0], unit)
    p0 = held0 / n0
    rows = [(waves[0], p0 - 1.0, n0, p0 * (1 - p0) / n0, None)]
    for wave in waves[1:]:
        held, n = reply_counts(root, wave, unit)
        p1 = held / n
        low, high = confint_proportions_2indep(held, n, held0, n0, method="newcomb", compare="diff")
        p = proportions_ztest([held, held0], [n, n0])[1]
        share = fieller(p0 - 1.0, p1 - 1.0, p0 * (1 - p0) / n0, p1 * (1 - p1) / n, stats.norm.ppf(0.975))
        rows.append((wave, p1 - 1.0, n, p1 * (1 - p1) / n, (p1 - p0, low, high, p, share)))
    return rows


def report(name, root, waves):
    root = os.path.join(ROOT, root)
    dates = wave_dates(root)
    series = [(gap, unit, share_metric(root, waves, unit) if gap.startswith("g4/")
               else mean_metric(root, waves, unit, gap.rsplit("/", 1)[1])) for gap, unit in METRICS]
    raw = [row[4][3] for _, _, rows in series for row in rows[1:]]
    adjusted = iter(multipletests(raw, method="holm")[1])
    for gap, unit, rows in series:
        print(f"{name} {gap} {unit}: baseline {rows[0][0]} gap {float(rows[0][1])!r} n {rows[0][2]}")
        expected_share = 1.0 if gap.startswith("g4/") else 0.5
        for wave, value, n, _, (change, low, high, p, share) in rows[1:]:
            p_holm = next(adjusted)
            verdict = "not-moving" if p_holm > 0.05 else ("improved" if change > 0 else "worsened")
            e = expected_by(expected_share, dates[wave])
            pace = ("on-track" if share[1] >= e else "behind-schedule") if verdict == "improved" else "-"
            print(f"  {wave}: gap {float(value)!r} n {n} change {float(change)!r} "
                  f"ci [{float(low)!r}, {float(high)!r}] p {float(p)!r} holm {float(p_holm)!r} {verdict}")
            print(f"    share closed {float(1 - value / rows[0][1])!r} ci [{float(share[0])!r}, {float(share[1])!r}]"
                  f" expected {e!r} pace {pace}")
        if len(rows) >= 3:
            years = [(dates[r[0]] - dates[rows[0][0]]) / 365.25 for r in rows]
            x = sm.add_constant(np.array(years))
            fit = sm.WLS(np.array([r[1] for r in rows]), x, weights=[1 / r[3] for r in rows]).fit()
            # Known variances: the slope's SE is √((XᵀWX)⁻¹), not rescaled by the residual scale.
            se = float(np.sqrt(fit.normalized_cov_params[1, 1]))
            z = float(stats.norm.ppf(0.975))
            slope = float(fit.params[1])
            print(f"  wls slope per year {slope!r} ci [{slope - z * se!r}, {slope + z * se!r}]")


if __name__ == "__main__":
    for name in sys.argv[1:] or STUDIES:
        report(name, *STUDIES[name])
