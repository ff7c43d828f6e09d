#!/usr/bin/env python3
"""Independent check of gap values of the demo study (issue 14), straight from the CSV files.

    python3 crates/servgap-core/tests/oracles/study_demo_gaps.py examples/study/demo

Prints, for wave 2025-h1:
* g4/promise/reply-1h in warsaw: tickets of team `warsaw` with a first reply, and how many
  had it within 3600 s of calendar time (the promise held), with the Wilson 95 % interval;
* g1/dimension/reliability in gdansk: managers' mean predicted E over items 5-9 (per
  manager, then averaged) minus customers' mean E, with Welch's t and df.
The values are pasted into crates/servgap-pipeline/tests/it/diagnose.rs.
"""
import csv
import math
import sys
from datetime import datetime

from scipy import stats

root = sys.argv[1] if len(sys.argv) > 1 else "examples/study/demo"
wave = "2025-h1"


def ts(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


met = n = 0
with open(f"{root}/data/{wave}/tickets.csv", newline="") as f:
    for row in csv.DictReader(f):
        if row["team"] != "warsaw" or not row["first_response"]:
            continue
        n += 1
        if (ts(row["first_response"]) - ts(row["created"])).total_seconds() <= 3600:
            met += 1
z = stats.norm.ppf(0.975)
p = met / n
centre = (p + z * z / (2 * n)) / (1 + z * z / n)
half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
print(f"reply-1h warsaw: met {met} of {n}, share {p!r}, wilson [{centre - half!r}, {centre + half!r}]")


def dimension_means(path, unit):
    with open(path, newline="") as f:
        return [sum(int(r[f"E{i}"]) for i in range(5, 10)) / 5 for r in csv.DictReader(f) if r["unit"] == unit]


managers = dimension_means(f"{root}/data/{wave}/managers.csv", "gdansk")
customers = dimension_means(f"{root}/data/{wave}/customers.csv", "gdansk")
t = stats.ttest_ind(managers, customers, equal_var=False)
mm, cm = sum(managers) / len(managers), sum(customers) / len(customers)
print(f"g1 reliability gdansk: managers {mm!r} (n {len(managers)}), customers {cm!r} (n {len(customers)}), "
      f"difference {mm - cm!r}, welch t {t.statistic!r}, df {t.df!r}")
