#!/usr/bin/env python3
"""Independent check of the customer reach and of two priority scores of the demo study
(issue 15), straight from the CSV files with pandas.

    python3 crates/servgap-pipeline/tests/oracles/priority_reach.py examples/study/demo

Prints:
* wave 2025-h1: per unit, respondents counted and those with P < E on every SERVQUAL-22
  item (P_i < E_i) and on every dimension (mean P over the dimension's items below mean E);
  the demo has no blank cells, so every respondent counts for every item and dimension;
* wave 2025-h2, kpi/csat/team=gdansk: tickets of team gdansk with a CSAT answer and how many
  were not satisfied (below 4 on 1-5): its reach, and the score with severity 1 and urgency 1
  (read from its components: an exact size of 1, a breach) and feasibility missing, counted
  at the neutral 0.5;
* wave 2025-h2, g5/dimension/reliability in gdansk: every component and the score.
  severity = (|mean d| - t_{0.975, n-1} * sd / sqrt(n)) / 6 (d = mean P - mean E of items
  5-9 per respondent, a 1-7 scale); impact = (stated + derived) / 2 * reach, stated = the
  dimension's mean importance points (points renormalised to 100 per respondent) over the
  largest dimension's, derived = mean over items 5-9 of r(P_i, overall), reach = share with
  d < 0; urgency = clamp(0.5 + 0.5 * (size_h2 - size_h1) / 0.2, 0, 1); feasibility = 0.875/3
  (worked by hand in prioritise.rs from the register).
The values are pasted into crates/servgap-pipeline/tests/it/prioritise.rs.
"""
import sys

import numpy as np
import pandas as pd
from scipy import stats

root = sys.argv[1] if len(sys.argv) > 1 else "examples/study/demo"
DIMENSIONS = {
    "tangibles": range(1, 5),
    "reliability": range(5, 10),
    "responsiveness": range(10, 14),
    "assurance": range(14, 18),
    "empathy": range(18, 23),
}
WEIGHTS = {"severity": 0.35, "impact": 0.30, "urgency": 0.20, "feasibility": 0.15}
NEUTRAL = 0.5


def customers(wave):
    return pd.read_csv(f"{root}/data/{wave}/customers.csv")


def dimension_difference(frame, items):
    p = frame[[f"P{i}" for i in items]].mean(axis=1)
    e = frame[[f"E{i}" for i in items]].mean(axis=1)
    return p - e


wave1 = customers("2025-h1")
for unit, frame in wave1.groupby("unit", sort=False):
    items = [int((frame[f"P{i}"] < frame[f"E{i}"]).sum()) for i in range(1, 23)]
    dims = {d: int((dimension_difference(frame, r) < 0).sum()) for d, r in DIMENSIONS.items()}
    print(f"2025-h1 {unit}: n {len(frame)}, items P<E {items}, dimensions P<E {dims}")

tickets = pd.read_csv(f"{root}/data/2025-h2/tickets.csv")
rated = tickets[(tickets["team"] == "gdansk") & tickets["csat"].notna()]
missed = int((rated["csat"] < 4).sum())
reach = missed / len(rated)
score = WEIGHTS["severity"] * 1 + WEIGHTS["impact"] * 1.0 * reach + WEIGHTS["urgency"] * 1
score += WEIGHTS["feasibility"] * NEUTRAL
print(f"2025-h2 csat gdansk: rated {len(rated)}, not satisfied {missed}, reach {reach!r}, score {score!r}")


def size_and_bound(frame):
    d = dimension_difference(frame, DIMENSIONS["reliability"])
    n = len(d)
    half = stats.t.ppf(0.975, n - 1) * d.std(ddof=1) / np.sqrt(n)
    return abs(d.mean()) / 6, (abs(d.mean()) - half) / 6, int((d < 0).sum()), n


wave2 = customers("2025-h2")
g1 = wave1[wave1["unit"] == "gdansk"]
g2 = wave2[wave2["unit"] == "gdansk"]
size_1, _, _, _ = size_and_bound(g1)
size_2, severity, below, n = size_and_bound(g2)
imp = g2[[f"imp_{d}" for d in DIMENSIONS]].astype(float)
imp = imp.div(imp.sum(axis=1), axis=0) * 100
points = imp.mean()
stated = points["imp_reliability"] / points.max()
derived = np.mean([max(0.0, g2[f"P{i}"].corr(g2["overall"])) for i in DIMENSIONS["reliability"]])
reach = below / n
impact = (stated + derived) / 2 * reach
urgency = min(1.0, max(0.0, 0.5 + 0.5 * (size_2 - size_1) / 0.2))
feasibility = 0.875 / 3
score = (
    WEIGHTS["severity"] * severity
    + WEIGHTS["impact"] * impact
    + WEIGHTS["urgency"] * urgency
    + WEIGHTS["feasibility"] * feasibility
)
print(
    f"2025-h2 reliability gdansk: size {float(size_2)!r}, severity {float(severity)!r}, stated {float(stated)!r}, "
    f"derived {float(derived)!r}, reach {below}/{n}, impact {float(impact)!r}, size h1 {float(size_1)!r}, "
    f"urgency {float(urgency)!r}, feasibility {feasibility!r}, score {float(score)!r}"
)
