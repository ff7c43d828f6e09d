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


# --- KPI gaps without a linked standard or promise: ticket-level association with CSAT ---
# kpi/first-response/median/team=<unit> in wave 2025-h2 (target 1 h, business clock of
# helpdesk/calendar.toml: Monday-Friday 08:00-18:00 Europe/Warsaw, without its holidays).
# Per ticket with a first response: met = business seconds from created to first response
# <= 3600. Among those with a CSAT answer, satisfied = CSAT >= 4 (1-5). From the 2x2 table:
# phi (the Pearson r of the two 0/1 indicators, numpy), the satisfied shares when met and
# missed, their difference with Newcombe's interval (statsmodels, method "newcomb") at 95 %,
# Fisher's exact two-sided p (scipy). Reach = tickets that missed / tickets with a first
# response. Derived importance = max(0, phi); impact = derived importance x reach (no stated
# importance: nothing is touched). Every component of the four rows: severity = the exact size
# min(1, max(0, (median - 1 h) / 1 h)) of the business median; urgency = the largest of the
# trend clamp(0.5 + 0.5 (size_h2 - size_h1) / 0.2, 0, 1) over the two waves, a breach (median
# above 1 h; the median has no interval, so it is certain) and the 2 h minimum band;
# feasibility missing (nobody rated these gaps), counted at the neutral 0.5.
import datetime as dt
from zoneinfo import ZoneInfo

from statsmodels.stats.proportion import confint_proportions_2indep

WARSAW = ZoneInfo("Europe/Warsaw")
HOLIDAYS = {
    dt.date.fromisoformat(d)
    for d in ["2025-01-01", "2025-01-06", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-03",
              "2025-06-08", "2025-06-19", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25",
              "2025-12-26"]
}


def business_seconds(start, end):
    """Seconds of [start, end) inside 08:00-18:00 local time on open weekdays."""
    start, end = start.astimezone(WARSAW), end.astimezone(WARSAW)
    total, day = 0.0, start.date()
    while day <= end.date():
        if day.weekday() < 5 and day not in HOLIDAYS:
            opens = dt.datetime.combine(day, dt.time(8), WARSAW)
            closes = dt.datetime.combine(day, dt.time(18), WARSAW)
            low, high = max(start, opens), min(end, closes)
            total += max(0.0, (high - low).total_seconds())
        day += dt.timedelta(days=1)
    return total


def parse(column):
    return pd.to_datetime(column, utc=True).dt.to_pydatetime()


answered = tickets[tickets["first_response"].notna()].copy()
answered["business"] = [
    business_seconds(c, f) for c, f in zip(parse(answered["created"]), parse(answered["first_response"]))
]
answered["met"] = answered["business"] <= 3600
tickets_h1 = pd.read_csv(f"{root}/data/2025-h1/tickets.csv")
answered_h1 = tickets_h1[tickets_h1["first_response"].notna()].copy()
answered_h1["business"] = [
    business_seconds(c, f) for c, f in zip(parse(answered_h1["created"]), parse(answered_h1["first_response"]))
]


def kpi_size(median):
    """Normalised size of a lower-is-better 1 h target: the shortfall over the target, at most 1."""
    return min(1.0, max(0.0, (median - 3600) / 3600))


for unit in ["warsaw", "krakow", "gdansk", "online"]:
    team = answered[answered["team"] == unit]
    rated = team[team["csat"].notna()]
    met = rated["met"].to_numpy()
    satisfied = (rated["csat"] >= 4).to_numpy()
    a, b = int((met & satisfied).sum()), int((met & ~satisfied).sum())
    c, d = int((~met & satisfied).sum()), int((~met & ~satisfied).sum())
    phi = float(np.corrcoef(met.astype(float), satisfied.astype(float))[0, 1])
    low, high = confint_proportions_2indep(a, a + b, c, c + d, method="newcomb", compare="diff", alpha=0.05)
    p = stats.fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue
    missed = int((~team["met"]).sum())
    reach = missed / len(team)
    impact = max(0.0, phi) * reach
    print(
        f"2025-h2 first-response median {unit}: median business {float(team['business'].median())!r} s, "
        f"table [[{a}, {b}], [{c}, {d}]], phi {phi!r}, satisfied met {a / (a + b)!r} missed {c / (c + d)!r}, "
        f"difference {a / (a + b) - c / (c + d)!r} [{float(low)!r}, {float(high)!r}], fisher p {float(p)!r}, "
        f"reach {missed}/{len(team)} = {reach!r}, impact {impact!r}"
    )
    earlier = float(answered_h1[answered_h1["team"] == unit]["business"].median())
    size_1, size_2 = kpi_size(earlier), kpi_size(float(team["business"].median()))
    severity = size_2
    trend = min(1.0, max(0.0, 0.5 + 0.5 * (size_2 - size_1) / 0.2))
    breach = 1.0 if team["business"].median() > 3600 else 0.0
    below_minimum = 1.0 if team["business"].median() > 7200 else 0.0
    urgency = max(trend, breach, below_minimum)
    score = (
        WEIGHTS["severity"] * severity
        + WEIGHTS["impact"] * impact
        + WEIGHTS["urgency"] * urgency
        + WEIGHTS["feasibility"] * NEUTRAL
    )
    print(
        f"2025-h2 first-response median {unit}: severity {severity!r}, urgency {urgency!r} (trend {trend!r}), "
        f"score {score!r}"
    )
