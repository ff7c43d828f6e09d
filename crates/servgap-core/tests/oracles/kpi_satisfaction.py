#!/usr/bin/env python3
"""Reference values for the KPI target ↔ CSAT association (issue 15).

Independent of servgap: pandas for the tickets, zoneinfo for business time, scipy
`fisher_exact` for Fisher's p, statsmodels `confint_proportions_2indep(method="newcomb")`
for the difference interval, and φ computed directly as the Pearson correlation of the
two 0/1 indicators (numpy `corrcoef`), not from the 2×2 formula.

    python3 crates/servgap-core/tests/oracles/kpi_satisfaction.py

Part 1, hand tables: the values pasted into `crates/servgap-core/src/kpi/satisfaction/tests.rs`.
Part 2, the demo study (`examples/study/demo`, both waves): every ticket's first response
in business time under `helpdesk/calendar.toml` (Europe/Warsaw, Monday–Friday 08:00–18:00,
the listed holidays; the export has no status changes, so nothing is paused), the two
per-ticket targets of `helpdesk/targets.toml`:
  * first response, median, business, target 1 h → condition "business first response ≤ 3600 s";
  * SLA `frt-4h` (first response within 4 h business) → "business first response ≤ 14400 s"
    (tickets without a reply have no outcome: the study runs without `--as-of`);
and CSAT satisfied = score ≥ 4 on the 1–5 scale. Per unit (`team`) and over all tickets.
The values are pasted into `crates/servgap-pipeline/tests/it/kpi_satisfaction.rs`.
"""

import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import confint_proportions_2indep


def f(x):
    """A float as a Rust literal that round-trips exactly."""
    s = repr(float(x))
    if "e" not in s and "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s


def association(a, b, c, d, alpha=0.05):
    """(p_met, p_missed, diff, low, high, phi, fisher p) of the table [[a, b], [c, d]]."""
    low, high = confint_proportions_2indep(a, a + b, c, c + d, method="newcomb", compare="diff", alpha=alpha)
    met = np.r_[np.ones(a + b), np.zeros(c + d)]
    satisfied = np.r_[np.ones(a), np.zeros(b), np.ones(c), np.zeros(d)]
    phi = np.corrcoef(met, satisfied)[0, 1] if a + b + c + d < 3_000_000 else None
    if phi is None:  # too large to materialise comfortably: the same correlation from sums
        n = a + b + c + d
        sx, sy, sxy = a + b, a + c, a
        phi = (n * sxy - sx * sy) / np.sqrt((n * sx - sx**2) * (n * sy - sy**2))
    p = fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue
    return a / (a + b), c / (c + d), a / (a + b) - c / (c + d), low, high, phi, p


HAND = [
    ("textbook", 12, 5, 3, 9, 0.95),
    ("zero_cell", 10, 0, 4, 6, 0.95),
    ("ninety", 30, 20, 18, 32, 0.90),
    ("large", 250_900, 249_100, 250_000, 250_000, 0.95),
    ("large_strong", 260_000, 240_000, 250_000, 250_000, 0.95),
]


def hand():
    print("// ---- hand tables (scipy fisher_exact, statsmodels newcomb, numpy corrcoef) ----")
    print("// (name, a, b, c, d, level, p_met, p_missed, diff, low, high, phi, fisher_p)")
    for name, a, b, c, d, level in HAND:
        values = association(a, b, c, d, alpha=1 - level)
        print(f"// {name}")
        print(f"({a}, {b}, {c}, {d}, {f(level)}, [{', '.join(f(v) for v in values)}]),")


def calendar(root):
    import tomllib

    text = tomllib.loads((root / "helpdesk/calendar.toml").read_text())
    zone = ZoneInfo(text["zone"])
    holidays = {dt.date.fromisoformat(d) for d in text["holidays"]}
    (span,) = text["weekdays"]
    start, end = (dt.time.fromisoformat(t) for t in span.split("-"))
    return zone, holidays, start, end


def business_seconds(a, b, cal):
    """Seconds of [a, b) (UTC datetimes) inside working hours."""
    zone, holidays, start, end = cal
    if b <= a:
        return 0
    total = 0
    day = a.astimezone(zone).date() - dt.timedelta(days=1)
    last = b.astimezone(zone).date() + dt.timedelta(days=1)
    while day <= last:
        if day.weekday() < 5 and day not in holidays:
            lo = dt.datetime.combine(day, start, tzinfo=zone).astimezone(dt.timezone.utc)
            hi = dt.datetime.combine(day, end, tzinfo=zone).astimezone(dt.timezone.utc)
            overlap = (min(hi, b) - max(lo, a)).total_seconds()
            total += max(0, overlap)
        day += dt.timedelta(days=1)
    return int(total)


def demo(root):
    cal = calendar(root)
    print("\n// ---- demo study: (wave, unit, condition) → a, b, c, d, met, missed, association ----")
    for wave in ["2025-h1", "2025-h2"]:
        t = pd.read_csv(root / f"data/{wave}/tickets.csv", dtype={"csat": "Int64"})
        created = pd.to_datetime(t["created"], utc=True)
        reply = pd.to_datetime(t["first_response"], utc=True)
        frt = [
            None if pd.isna(r) else business_seconds(c.to_pydatetime(), r.to_pydatetime(), cal)
            for c, r in zip(created, reply)
        ]
        t["frt_business"] = pd.array(frt, dtype="Int64")
        for condition, limit in [("first-response.business<=3600", 3600), ("sla-met:frt-4h", 14400)]:
            for unit in [None] + sorted(t["team"].unique()):
                rows = t if unit is None else t[t["team"] == unit]
                rows = rows[rows["frt_business"].notna()]
                met = rows["frt_business"] <= limit
                rated = rows[rows["csat"].notna()]
                rated_met = met[rated.index]
                good = rated["csat"] >= 4
                a = int((rated_met & good).sum())
                b = int((rated_met & ~good).sum())
                c = int((~rated_met & good).sum())
                d = int((~rated_met & ~good).sum())
                values = association(a, b, c, d)
                label = unit or "all"
                print(
                    f'("{wave}", "{label}", "{condition}", [{a}, {b}, {c}, {d}], '
                    f"{int(met.sum())}, {int((~met).sum())}, [{', '.join(f(v) for v in values)}]),"
                )


if __name__ == "__main__":
    hand()
    repo = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[4]
    demo(repo / "examples/study/demo")
