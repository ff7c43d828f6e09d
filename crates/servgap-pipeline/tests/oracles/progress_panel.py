#!/usr/bin/env python3
"""Independent check of panel (paired) progress (issue 15 part 4), straight from the raw CSV
files of the panel fixture (pandas + scipy + statsmodels; nothing servgap wrote is read):

    python3 crates/servgap-pipeline/tests/oracles/progress_panel.py

The fixture `crates/servgap-pipeline/tests/fixtures/study-panel` is written by
`examples/study/make_demo_study.py --seed 15 --small --panel 0.6`: in each unit 24 of wave
2025-h2's 40 customers are wave 2025-h1 customers again, under their wave-1 ids.

The plan checked (one action per metric, baseline 2025-h1, in this order):
* g5/dimension/responsiveness in warsaw, g5/item/12 in krakow, g5/dimension/reliability in
  gdansk: customer-survey gaps. Each customer's value is P − E of the item, or the mean of
  the dimension's items' P − E (the files have no blanks). The wave's gap D is the mean over
  the unit's customers. Respondents are matched by the `id` column within the unit; with
  24 of 40 matched (≥ half of the smaller wave) the waves are a panel:
  - change = mean of d = later − baseline over the matched customers, its interval, p and
    df from `scipy.stats.ttest_rel(later, baseline)`;
  - Wilcoxon signed-rank p of d, zeros dropped ("wilcox"), two-sided, exact with ties. scipy's
    `method="exact"` is not exact with ties (d has many), and its exhaustive
    `PermutationMethod(n_resamples=inf)` took 121 s for 16 changes here (hours for 24), so the
    p below enumerates every one of the 2^m sign patterns of the m non-zero changes by brute
    force in numpy: W⁺ = Σ of the mid-ranks (`scipy.stats.rankdata` of |d|) given a + sign,
    p = min(1, 2·min(#(W⁺ ≤ w), #(W⁺ ≥ w)) / 2^m). (servgap builds the same distribution by
    dynamic programming, a different algorithm.) Checked against scipy's permutation test on
    the first 14 changes (`wilcoxon_check`);
  - share of the gap closed S = 1 − D₁/D₀ (D over all the unit's customers of each wave), with
    Fieller's interval of θ = D₁/D₀: the roots (scipy `brentq`) of
    (D₁ − θD₀)² = c²(V₁ − 2θC + θ²V₀), V = s²/n of each wave, C = (V₀ + V₁ − s_d²/m)/2 (the
    covariance the matched changes imply), c = t quantile at the paired df.
  With `--independent` the same metrics are Welch (`ttest_ind(equal_var=False)`) on all the
  unit's customers, and Fieller with C = 0 at Welch's df.
* g4/promise/reply-1h in online: tickets, never paired: Newcombe's interval and the pooled z p
  (statsmodels), as in progress_study.py.
Holm over the four tests (statsmodels `multipletests(method="holm")`), for each design.
The values are pasted into crates/servgap-pipeline/tests/it/progress_panel.rs.
"""
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.optimize import brentq
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

sys.path.insert(0, os.path.dirname(__file__))
from progress_study import reply_counts  # noqa: E402  (the ticket side is checked there)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../.."))
STUDY = os.path.join(ROOT, "crates/servgap-pipeline/tests/fixtures/study-panel")
WAVES = ["2025-h1", "2025-h2"]
DIMENSIONS = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
              "assurance": range(14, 18), "empathy": range(18, 23)}
METRICS = [("g5/dimension/responsiveness", "warsaw"), ("g5/item/12", "krakow"),
           ("g5/dimension/reliability", "gdansk"), ("g4/promise/reply-1h", "online")]


def customer_values(wave, unit, gap):
    """Series of each customer's gap value, indexed by id (first row of an id wins)."""
    frame = pd.read_csv(f"{STUDY}/data/{wave}/customers.csv", dtype={"id": str})
    frame = frame[frame["unit"] == unit].drop_duplicates("id").set_index("id")
    kind, name = gap.split("/")[1:]
    items = [int(name)] if kind == "item" else DIMENSIONS[name]
    gaps = pd.concat([frame[f"P{i}"] - frame[f"E{i}"] for i in items], axis=1)
    return gaps.mean(axis=1)


def exact_signed_rank_p(d):
    """Two-sided exact p of the signed-rank statistic with mid-ranks, zeros dropped, by
    enumerating every sign pattern (doubled ranks, so the sums are integers). The changes are
    multiples of 1/k (k items of a dimension), so they are first made integers in units of
    1/60: floating-point noise (0.2 vs 0.19999999999999996) would otherwise break ties."""
    d = np.rint(np.asarray(d) * 60).astype(np.int64)
    d = d[d != 0]
    m = len(d)
    ranks2 = np.rint(2 * stats.rankdata(np.abs(d))).astype(np.int64)
    observed = int(ranks2[d > 0].sum())
    below = above = 0
    bits = np.arange(m, dtype=np.uint64)
    chunk = 1 << min(m, 18)
    for start in range(0, 1 << m, chunk):
        masks = np.arange(start, start + chunk, dtype=np.uint64)
        signs = ((masks[:, None] >> bits) & np.uint64(1)).astype(np.int64)
        sums = signs @ ranks2
        below += int((sums <= observed).sum())
        above += int((sums >= observed).sum())
    return min(1.0, 2 * min(below, above) / float(1 << m)), m


def wilcoxon_check(d):
    """The brute force against scipy's exhaustive permutation test on the first 14 non-zero
    changes (small enough for scipy)."""
    head = d[d != 0][:14]
    mine = exact_signed_rank_p(head)[0]
    scipy_p = stats.wilcoxon(head, method=stats.PermutationMethod(n_resamples=np.inf, batch=2 ** 16)).pvalue
    assert abs(mine - scipy_p) < 1e-12, (mine, scipy_p)
    return mine


def fieller(d0, d1, v0, v1, cov, critical):
    """S = 1 − θ; θ the two roots of the Fieller pivot around θ̂ = D₁/D₀."""
    pivot = lambda t: (d1 - t * d0) ** 2 - critical ** 2 * (v1 - 2 * t * cov + t * t * v0)
    theta = d1 / d0
    low = brentq(pivot, theta - 50, theta)
    high = brentq(pivot, theta, theta + 50)
    return 1 - high, 1 - low


def survey_metric(unit, gap, paired):
    base, later = customer_values(WAVES[0], unit, gap), customer_values(WAVES[1], unit, gap)
    d0, d1 = base.mean(), later.mean()
    v0, v1 = base.var(ddof=1) / len(base), later.var(ddof=1) / len(later)
    ids = (len(base), len(later))
    common = base.index.intersection(later.index)
    out = dict(d0=d0, d1=d1, n=(len(base), len(later)), ids=ids, matched=len(common))
    if paired:
        a, b = base.loc[common].to_numpy(), later.loc[common].to_numpy()
        test = stats.ttest_rel(b, a)
        ci = test.confidence_interval(0.95)
        d = b - a
        exact, nonzero = exact_signed_rank_p(d)
        cov = (v0 + v1 - d.var(ddof=1) / len(d)) / 2
        share = fieller(d0, d1, v0, v1, cov, stats.t.ppf(0.975, test.df))
        out.update(change=d.mean(), low=ci.low, high=ci.high, p=test.pvalue, df=test.df,
                   wilcoxon=exact, nonzero=nonzero, paired_n=len(d), share=share)
    else:
        test = stats.ttest_ind(later, base, equal_var=False)
        ci = test.confidence_interval(0.95)
        share = fieller(d0, d1, v0, v1, 0.0, stats.t.ppf(0.975, test.df))
        out.update(change=d1 - d0, low=ci.low, high=ci.high, p=test.pvalue, df=test.df, share=share)
    return out


def ticket_metric(unit):
    held0, n0 = reply_counts(STUDY, WAVES[0], unit)
    held1, n1 = reply_counts(STUDY, WAVES[1], unit)
    p0, p1 = held0 / n0, held1 / n1
    low, high = confint_proportions_2indep(held1, n1, held0, n0, method="newcomb", compare="diff")
    p = proportions_ztest([held1, held0], [n1, n0])[1]
    v0, v1 = p0 * (1 - p0) / n0, p1 * (1 - p1) / n1
    share = fieller(p0 - 1, p1 - 1, v0, v1, 0.0, stats.norm.ppf(0.975))
    return dict(d0=p0 - 1, d1=p1 - 1, n=(n0, n1), change=p1 - p0, low=low, high=high, p=p, share=share)


def report(paired):
    rows = [(gap, unit, ticket_metric(unit) if gap.startswith("g4/") else survey_metric(unit, gap, paired))
            for gap, unit in METRICS]
    adjusted = multipletests([r["p"] for _, _, r in rows], method="holm")[1]
    print("paired (auto)" if paired else "independent (--independent)")
    for (gap, unit, r), holm in zip(rows, adjusted):
        verdict = "not-moving" if holm > 0.05 else ("improved" if r["change"] > 0 else "worsened")
        print(f"  {gap} {unit}: D0 {float(r['d0'])!r} D1 {float(r['d1'])!r} n {r['n']}")
        if "ids" in r:
            print(f"    ids {r['ids']} matched {r['matched']}")
        print(f"    change {float(r['change'])!r} ci [{float(r['low'])!r}, {float(r['high'])!r}]")
        print(f"    p {float(r['p'])!r} holm {float(holm)!r} {verdict}" + (f" df {float(r['df'])!r}" if "df" in r else ""))
        if "wilcoxon" in r:
            print(f"    paired n {r['paired_n']} non-zero {r['nonzero']} exact wilcoxon p {float(r['wilcoxon'])!r}")
        print(f"    share closed {float(1 - r['d1'] / r['d0'])!r} ci [{float(r['share'][0])!r}, {float(r['share'][1])!r}]")


if __name__ == "__main__":
    if "--check" in sys.argv:
        base = customer_values(WAVES[0], "warsaw", METRICS[0][0])
        later = customer_values(WAVES[1], "warsaw", METRICS[0][0])
        common = base.index.intersection(later.index)
        print("brute force = scipy permutation on 14 changes:",
              wilcoxon_check(later.loc[common].to_numpy() - base.loc[common].to_numpy()))
    report(paired=True)
    report(paired=False)
