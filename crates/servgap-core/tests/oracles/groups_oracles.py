"""Reference values for servgap's group comparisons (`stats::groups`, `servqual::compare`).

Prints a Rust module; its output is pasted as `crates/servgap-core/src/stats/groups/tests/oracle.rs`:

    python3 -m venv /tmp/groups-venv
    /tmp/groups-venv/bin/pip install scipy pingouin "scikit-learn>=1.6.1,<1.8"
    /tmp/groups-venv/bin/python crates/servgap-core/tests/oracles/groups_oracles.py \
        > crates/servgap-core/src/stats/groups/tests/oracle.rs

Independent implementations: scipy.stats `f_oneway`, `kruskal`, `ttest_ind(equal_var=False)`
with `.confidence_interval()`, `f.sf`, `chi2.sf`; pingouin `welch_anova`.

The demo data (`examples/demo/`) are read with the standard csv module and scored
exactly as servgap scores them (README, "Missing-data policy"): an item counts for a
respondent when E and P are both integers on 1..7 (a blank or an out-of-scale cell is
missing); the respondent's dimension gap is the mean of their valid item gaps when they
cover at least half of the dimension's items (ceil(k/2)); the overall gap is the mean of
the five dimension gaps, for respondents scored on every dimension. Scaled values are the
dimension gap times L = 60 (the common denominator of the possible means for dimensions of
4 and 5 items), and the overall gap times 5 * 60, as servgap stores them.
"""
import csv
import math
import os
import statistics
import sys

import numpy as np
import pingouin as pg
import pandas as pd
import scipy
from scipy import stats

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
DEMO = os.path.join(ROOT, "examples", "demo", "servqual22-demo.csv")
WAVE2 = os.path.join(ROOT, "examples", "demo", "servqual22-wave2-demo.csv")
DIMS = [("tangibles", range(1, 5)), ("reliability", range(5, 10)), ("responsiveness", range(10, 14)),
        ("assurance", range(14, 18)), ("empathy", range(18, 23))]
L = 60


def f(x):
    return repr(float(x))


def rating(text):
    try:
        v = int(text)
    except ValueError:
        return None
    return v if 1 <= v <= 7 else None


def score(path):
    """Per respondent: branch, item gaps (None when missing), scaled dimension gaps, scaled overall gap."""
    out = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gaps = {}
            for i in range(1, 23):
                e, p = rating(row[f"E{i}"]), rating(row[f"P{i}"])
                gaps[i] = None if e is None or p is None else p - e
            dims = []
            for _, items in DIMS:
                valid = [gaps[i] for i in items if gaps[i] is not None]
                if len(valid) >= math.ceil(len(items) / 2):
                    dims.append(sum(valid) * (L // len(valid)))
                else:
                    dims.append(None)
            overall = sum(dims) if all(d is not None for d in dims) else None
            out.append({"branch": row["branch"], "gaps": gaps, "dims": dims, "overall": overall})
    return out


def histogram(values):
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return "&[" + ", ".join(f"({v}, {c})" for v, c in sorted(counts.items())) + "]"


def summary(values):
    return f"({len(values)}, {f(statistics.fmean(values))}, {f(statistics.variance(values))})"


print("//! Reference values printed by `crates/servgap-core/tests/oracles/groups_oracles.py`")
print(f"//! (scipy {scipy.__version__}, pingouin {pg.__version__}, numpy {np.__version__}). Regenerate")
print("//! with that script and paste its output here; do not edit by hand.")
print("#![allow(clippy::type_complexity, clippy::excessive_precision, clippy::unreadable_literal)]")
print()

# ---- distributions
print("/// (x, df1, df2, P(F > x)) from `stats.f.sf`.")
print("pub const F_UPPER: &[(f64, f64, f64, f64)] = &[")
for x, d1, d2 in [(0.5, 2, 297), (3.0, 2, 297), (12.0, 2, 297), (40.0, 4, 1000), (2.5, 1, 10), (7.3, 2, 190.37),
                  (0.01, 3, 50), (150.0, 2, 5000), (1.0, 5, 5)]:
    print(f"    ({f(x)}, {f(d1)}, {f(d2)}, {f(stats.f.sf(x, d1, d2))}),")
print("];")
print("/// (x, df, P(X² > x)) from `stats.chi2.sf`.")
print("pub const CHI2_UPPER: &[(f64, f64, f64)] = &[")
for x, d in [(0.1, 2), (1.5, 2), (5.99, 2), (25.0, 2), (3.0, 1), (0.3, 1), (12.0, 4), (80.0, 4), (0.5, 7), (300.0, 2)]:
    print(f"    ({f(x)}, {f(d)}, {f(stats.chi2.sf(x, d))}),")
print("];")
print()

# ---- small hand-made groups
SMALL = [
    [[1, 2, 2, 3, 4], [2, 3, 3, 5, 6, 6], [0, 1, 1, 2]],
    [[-3, -1, 0, 0, 2], [1, 1, 2, 4], [0, 3, 3, 3, 5, 7, 8], [-2, 0, 1]],
    [[10, 12, 15, 11], [9, 9, 14, 20, 1]],
]
print("/// Small groups of integers: values, then (F, p) of `f_oneway`, (F, df1, df2, p) of")
print("/// pingouin `welch_anova`, (H, p) of `kruskal`.")
print("pub const SMALL_GROUPS: &[(&[&[i128]], (f64, f64), (f64, f64, f64, f64), (f64, f64))] = &[")
for groups in SMALL:
    fo = stats.f_oneway(*groups)
    df = pd.DataFrame({"y": [v for g in groups for v in g], "g": [i for i, g in enumerate(groups) for _ in g]})
    w = pg.welch_anova(data=df, dv="y", between="g").iloc[0]
    kw = stats.kruskal(*groups)
    vals = "&[" + ", ".join("&[" + ", ".join(str(v) for v in g) + "]" for g in groups) + "]"
    print(f"    ({vals}, ({f(fo.statistic)}, {f(fo.pvalue)}), "
          f"({f(w['F'])}, {f(w['ddof1'])}, {f(w['ddof2'])}, {f(w['p_unc'] if 'p_unc' in w else w['p-unc'])}), "
          f"({f(kw.statistic)}, {f(kw.pvalue)})),")
print("];")
print("/// Welch two-sample t of x̄ − ȳ: x, y, then (t, df, p, ci_low, ci_high) from")
print("/// `ttest_ind(x, y, equal_var=False)` and `.confidence_interval(0.95)`.")
print("pub const SMALL_WELCH: &[(&[i128], &[i128], (f64, f64, f64, f64, f64))] = &[")
for x, y in [([1, 2, 2, 3, 4], [2, 3, 3, 5, 6, 6]), ([10, 12, 15, 11], [9, 9, 14, 20, 1]), ([0, 0, 1], [5, 7, 6, 8])]:
    r = stats.ttest_ind(x, y, equal_var=False)
    ci = r.confidence_interval(0.95)
    print(f"    (&{x}, &{y}, ({f(r.statistic)}, {f(r.df)}, {f(r.pvalue)}, {f(ci.low)}, {f(ci.high)})),")
print("];")
print()

# ---- demo by branch
demo = score(DEMO)
branches = sorted({r["branch"] for r in demo})
print(f"/// The demo survey by branch ({', '.join(branches)}), respondent-level gap scores scaled")
print("/// by L = 60 (dimensions) or 300 (overall). Per scope (five dimensions, then overall):")
print("/// name, per-branch histograms of scaled values and (n, mean, variance) of the unscaled")
print("/// values, then `f_oneway` (F, p), pingouin `welch_anova` (F, df1, df2, p), `kruskal` (H, p).")
print("pub const DEMO_BRANCHES: &[(&str, &[&[(i128, u64)]], &[(u64, f64, f64)], (f64, f64), (f64, f64, f64, f64), (f64, f64))] = &[")
scopes = [(name, lambda r, d=d: r["dims"][d], L) for d, (name, _) in enumerate(DIMS)]
scopes.append(("overall", lambda r: r["overall"], L * len(DIMS)))
for name, pick, scale in scopes:
    scaled = [[pick(r) for r in demo if r["branch"] == b and pick(r) is not None] for b in branches]
    values = [[v / scale for v in g] for g in scaled]
    fo = stats.f_oneway(*values)
    df = pd.DataFrame({"y": [v for g in values for v in g], "g": [i for i, g in enumerate(values) for _ in g]})
    w = pg.welch_anova(data=df, dv="y", between="g").iloc[0]
    kw = stats.kruskal(*scaled)
    kw_unscaled = stats.kruskal(*values)
    assert abs(kw.statistic - kw_unscaled.statistic) <= 1e-12 * kw.statistic
    hists = "&[" + ", ".join(histogram(g) for g in scaled) + "]"
    sums = "&[" + ", ".join(summary(g) for g in values) + "]"
    print(f"    ({name!r}, {hists}, {sums}, ({f(fo.statistic)}, {f(fo.pvalue)}), "
          f"({f(w['F'])}, {f(w['ddof1'])}, {f(w['ddof2'])}, {f(w['p_unc'] if 'p_unc' in w else w['p-unc'])}), "
          f"({f(kw.statistic)}, {f(kw.pvalue)})),".replace("'", '"'))
print("];")
print()

# ---- waves
wave2 = score(WAVE2)
print("/// Demo (before) against the second wave (after): per scope (items 1..22, the five")
print("/// dimensions, overall gap), (n, mean, variance) before and after, then")
print("/// `ttest_ind(after, before, equal_var=False)` (t, df, p, ci_low, ci_high) of after − before.")
print("pub const WAVES: &[(&str, (u64, f64, f64), (u64, f64, f64), (f64, f64, f64, f64, f64))] = &[")
wave_scopes = [(f"item {i}", lambda r, i=i: r["gaps"][i], 1) for i in range(1, 23)] + scopes
for name, pick, scale in wave_scopes:
    before = [pick(r) / scale for r in demo if pick(r) is not None]
    after = [pick(r) / scale for r in wave2 if pick(r) is not None]
    t = stats.ttest_ind(after, before, equal_var=False)
    ci = t.confidence_interval(0.95)
    print(f"    ({name!r}, {summary(before)}, {summary(after)}, "
          f"({f(t.statistic)}, {f(t.df)}, {f(t.pvalue)}, {f(ci.low)}, {f(ci.high)})),".replace("'", '"'))
print("];")
sys.stdout.flush()
