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
  (scipy `ttest_ind(equal_var=False).confidence_interval`), and its p;
* g4/promise/reply-1h: tickets of the unit's team with a first reply; held = reply within
  3600 s of calendar time; gap = share held − 1; change = difference of the shares with
  Newcombe's hybrid score interval (statsmodels `confint_proportions_2indep(method="newcomb")`)
  and the score test's p (`test_proportions_2indep(method="score")`);
* share of the gap closed = (baseline shortfall − current shortfall) / baseline shortfall,
  shortfall = −gap; its interval = the change's interval divided by the baseline shortfall
  (the baseline taken as known: the interval of the change, rescaled);
* over three waves: the least-squares slope of the wave values against the wave index
  0, 1, 2 (numpy polyfit).
The values are pasted into crates/servgap-pipeline/tests/it/progress_oracle.rs.
"""
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../.."))
DIMENSIONS = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
              "assurance": range(14, 18), "empathy": range(18, 23)}
STUDIES = {
    "demo": ("examples/study/demo", ["2025-h1", "2025-h2"]),
    "3waves": ("crates/servgap-pipeline/tests/fixtures/study-3waves", ["2025-h1", "2025-h2", "2026-h1"]),
}
METRICS = [("g5/dimension/responsiveness", "warsaw"), ("g5/dimension/responsiveness", "gdansk"),
           ("g4/promise/reply-1h", "krakow"), ("g4/promise/reply-1h", "online")]


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


def mean_metric(root, waves, unit, dimension):
    base = dimension_scores(root, waves[0], unit, dimension)
    rows = [(waves[0], base.mean(), len(base), None)]
    for wave in waves[1:]:
        later = dimension_scores(root, wave, unit, dimension)
        test = stats.ttest_ind(later, base, equal_var=False)
        ci = test.confidence_interval(0.95)
        rows.append((wave, later.mean(), len(later), (later.mean() - base.mean(), ci.low, ci.high, test.pvalue)))
    return rows


def share_metric(root, waves, unit):
    held0, n0 = reply_counts(root, waves[0], unit)
    rows = [(waves[0], held0 / n0 - 1.0, n0, None)]
    for wave in waves[1:]:
        held, n = reply_counts(root, wave, unit)
        low, high = confint_proportions_2indep(held, n, held0, n0, method="newcomb", compare="diff")
        p = test_proportions_2indep(held, n, held0, n0, method="score", compare="diff").pvalue
        rows.append((wave, held / n - 1.0, n, (held / n - held0 / n0, low, high, p)))
    return rows


def report(name, root, waves):
    root = os.path.join(ROOT, root)
    for gap, unit in METRICS:
        rows = share_metric(root, waves, unit) if gap.startswith("g4/") else \
            mean_metric(root, waves, unit, gap.rsplit("/", 1)[1])
        shortfall0 = -rows[0][1]
        print(f"{name} {gap} {unit}: baseline {rows[0][0]} gap {rows[0][1]!r} n {rows[0][2]}")
        for wave, value, n, (change, low, high, p) in rows[1:]:
            print(f"  {wave}: gap {value!r} n {n} change {change!r} ci [{low!r}, {high!r}] p {p!r}")
            print(f"    share closed {change / shortfall0!r} ci [{low / shortfall0!r}, {high / shortfall0!r}]")
        if len(rows) >= 3:
            slope = np.polyfit(np.arange(len(rows)), np.array([r[1] for r in rows]), 1)[0]
            print(f"  slope per wave {slope!r}")


if __name__ == "__main__":
    for name in sys.argv[1:] or STUDIES:
        report(name, *STUDIES[name])
