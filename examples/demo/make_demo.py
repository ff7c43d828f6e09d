"""Writes the bundled demo surveys (synthetic, seeded; standard library only).

    python3 examples/demo/make_demo.py

servqual22-demo.csv       300 respondents of a fictional bank branch network, SERVQUAL-22
                          two-column (E1..E22, P1..P22 on 1-7), 100 importance points over
                          the five dimensions, overall satisfaction 1-7, and a branch column.
servqual22-3col-demo.csv  200 respondents, three-column form (A1.., D1.., P1.. on 1-9).
servqual22-wave2-demo.csv 280 respondents of a second wave, same layout as the first file:
                          reliability improved, empathy worsened a little.

A few deliberate problems (a blank, an out-of-scale answer, an allocation of 90
points, a straight-liner) show what the validation report looks like.
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DIMS = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
        "assurance": range(14, 18), "empathy": range(18, 23)}
# Perception shortfall per dimension: reliability and responsiveness lag most.
SHORTFALL = {"tangibles": 0.2, "reliability": 1.3, "responsiveness": 1.0, "assurance": 0.5, "empathy": 0.7}
IMPORTANCE = {"tangibles": 11, "reliability": 32, "responsiveness": 22, "assurance": 19, "empathy": 16}
BRANCHES = ["north", "centre", "south"]


def clip(x, lo, hi):
    return max(lo, min(hi, int(round(x))))


def allocation(rng):
    raw = {d: max(0.5, rng.gauss(w, 5)) for d, w in IMPORTANCE.items()}
    total = sum(raw.values())
    pts = {d: int(round(100 * v / total)) for d, v in raw.items()}
    pts["reliability"] += 100 - sum(pts.values())
    return pts


def two_column(rng, n=300):
    header = ["respondent", "branch"] + [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
    header += [f"imp_{d}" for d in DIMS] + ["overall"]
    rows = []
    for r in range(1, n + 1):
        branch = rng.choice(BRANCHES)
        branch_effect = {"north": -0.3, "centre": 0.0, "south": 0.35}[branch]
        person_e = rng.gauss(0, 0.5)
        person_p = rng.gauss(0, 0.7)
        e, p = {}, {}
        for d, items in DIMS.items():
            dim_p = rng.gauss(0, 0.4)
            for i in items:
                e[i] = clip(6.1 + person_e + rng.gauss(0, 0.7), 1, 7)
                p[i] = clip(6.0 - SHORTFALL[d] + branch_effect + person_p + dim_p + rng.gauss(0, 0.9), 1, 7)
        pts = allocation(rng)
        mean_p = sum(p.values()) / 22
        overall = clip(mean_p + rng.gauss(0, 0.6), 1, 7)
        row = [f"R{r:04d}", branch] + [e[i] for i in range(1, 23)] + [p[i] for i in range(1, 23)]
        row += [pts[d] for d in DIMS] + [overall]
        rows.append(row)
    # Deliberate problems.
    rows[11][2 + 22 + 6] = ""        # P7 blank: item 7 dropped for this respondent
    rows[40][2 + 3] = 8             # E4 = 8 on a 1-7 scale
    rows[57][2 + 45] -= 10          # importance points total 90
    for i in range(22):
        rows[88][2 + 22 + i] = 7    # straight-lined perceptions
    return header, rows


def three_column(rng, n=200):
    header = ["respondent"] + [f"{b}{i}" for i in range(1, 23) for b in ("A", "D", "P")]
    rows = []
    for r in range(1, n + 1):
        person = rng.gauss(0, 0.6)
        row = [f"T{r:04d}"]
        for d, items in DIMS.items():
            for i in items:
                a = clip(5.2 + person + rng.gauss(0, 0.9), 1, 9)
                des = clip(a + 1.8 + rng.gauss(0, 0.8), 1, 9)
                p = clip(6.6 - SHORTFALL[d] + person + rng.gauss(0, 1.2), 1, 9)
                row += [a, des, p]
        rows.append(row)
    return header, rows


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# Second wave, a year later: reliability improved (its shortfall shrank), empathy
# worsened a little; the other dimensions are generated as in the first wave.
WAVE2_SHORTFALL = dict(SHORTFALL, reliability=0.8, empathy=1.0)


def two_column_wave2(rng, n=280):
    """servqual22-wave2-demo.csv: an independent second sample, same layout, no deliberate problems."""
    header = ["respondent", "branch"] + [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
    header += [f"imp_{d}" for d in DIMS] + ["overall"]
    rows = []
    for r in range(1, n + 1):
        branch = rng.choice(BRANCHES)
        branch_effect = {"north": -0.3, "centre": 0.0, "south": 0.35}[branch]
        person_e = rng.gauss(0, 0.5)
        person_p = rng.gauss(0, 0.7)
        e, p = {}, {}
        for d, items in DIMS.items():
            dim_p = rng.gauss(0, 0.4)
            for i in items:
                e[i] = clip(6.1 + person_e + rng.gauss(0, 0.7), 1, 7)
                p[i] = clip(6.0 - WAVE2_SHORTFALL[d] + branch_effect + person_p + dim_p + rng.gauss(0, 0.9), 1, 7)
        pts = allocation(rng)
        mean_p = sum(p.values()) / 22
        overall = clip(mean_p + rng.gauss(0, 0.6), 1, 7)
        row = [f"W{r:04d}", branch] + [e[i] for i in range(1, 23)] + [p[i] for i in range(1, 23)]
        row += [pts[d] for d in DIMS] + [overall]
        rows.append(row)
    return header, rows


if __name__ == "__main__":
    write("servqual22-demo.csv", *two_column(random.Random(20261123)))
    write("servqual22-3col-demo.csv", *three_column(random.Random(19940101)))
    write("servqual22-wave2-demo.csv", *two_column_wave2(random.Random(20271123)))
