#!/usr/bin/env python3
"""Reference values for servgap-core's `stats` module tests.

Prints Rust constants that are pasted into
`crates/servgap-core/src/stats/tests.rs`. CI does not run this script; rerun it
by hand when a definition changes and paste the output again.

Setup (outside the repository):

    python3 -m venv /tmp/oracle-venv
    /tmp/oracle-venv/bin/pip install scipy pingouin statsmodels "scikit-learn>=1.6.1,<1.8"
    /tmp/oracle-venv/bin/python crates/servgap-core/tests/oracles/stats_oracles.py

Checked with Python 3.11, scipy 1.17.1, pingouin 0.7.0, statsmodels 0.15.0.

Data: /work/shared/research-data/servqual/ (override with SERVGAP_RESEARCH_DATA):
- kiosk_kservqual_2019_raw_cp949.csv: item k's expectation column header starts
  with "k-" and contains "(기대 설문)", perception "(인지 설문)";
- bb1992_servqual22_sim502.csv: Q1..Q22, tangibles = Q1..Q4.
"""

import os
import re

import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats
from statsmodels.stats.multitest import multipletests

DATA = os.environ.get("SERVGAP_RESEARCH_DATA", "/work/shared/research-data/servqual")


def f(x):
    """A float as a Rust literal that round-trips exactly."""
    x = float(x)
    if np.isnan(x):
        return "f64::NAN"
    if np.isinf(x):
        return "f64::INFINITY" if x > 0 else "f64::NEG_INFINITY"
    s = repr(x)
    if "e" not in s and "." not in s:
        s += ".0"
    return s


def opt(x):
    return "None" if x is None else f"Some({f(x)})"


def section(title):
    print(f"\n// ---- {title} ----")


# ------------------------------------------------------------------ distributions
section("distributions: scipy.stats.t / norm / f")
t_points = [
    (-7.22675, 206), (-1.80111, 206), (0.0949023, 206), (0.0, 10), (1e-9, 3),
    (-3.0, 1), (-50.0, 1), (-1e6, 1), (-2.5, 2), (-30.0, 2), (-4.0, 5), (-12.0, 5),
    (-2.0, 30), (-9.0, 30), (-30.0, 206), (-12.0, 1000), (-20.0, 10000),
    (-7.0, 1e5), (-0.5, 1e6), (-2.0, 1e6), (-7.0, 1e6), (-9.0, 1e6), (-3.3, 0.5),
    (2.2, 7.5),
]
print("/// (t, df, 2·P(T > |t|)) from `2 * stats.t.sf(abs(t), df)`.")
print("pub const T_TWO_SIDED: &[(f64, f64, f64)] = &[")
for t, df in t_points:
    print(f"    ({f(t)}, {f(df)}, {f(2 * stats.t.sf(abs(t), df))}),")
print("];")

q_points = [
    (0.975, 1), (0.975, 2), (0.975, 5), (0.975, 30), (0.975, 206), (0.975, 1e6),
    (0.995, 206), (0.95, 10), (1e-10, 5), (1e-12, 206), (0.6, 10), (0.5000001, 50),
    (0.4, 1e6), (0.025, 3.5), (0.999999, 1),
]
print("/// (p, df, x) with P(T ≤ x) = p from `stats.t.ppf(p, df)`.")
print("pub const T_QUANTILE: &[(f64, f64, f64)] = &[")
for p, df in q_points:
    print(f"    ({f(p)}, {f(df)}, {f(stats.t.ppf(p, df))}),")
print("];")

print("/// (z, 2·P(Z > |z|)) from `2 * stats.norm.sf(abs(z))`.")
print("pub const NORMAL_TWO_SIDED: &[(f64, f64)] = &[")
for z in [0.0, 0.5, -1.96, 3.0, 5.0, -8.0, 12.0, 30.0]:
    print(f"    ({f(z)}, {f(2 * stats.norm.sf(abs(z)))}),")
print("];")

f_points = [
    (0.025, 206, 618), (0.975, 206, 618), (0.025, 4, 12), (0.975, 1, 1), (0.05, 10, 1e5),
    (1e-8, 3, 20), (0.5, 2, 2), (0.025, 1e6, 3e6), (0.975, 1e6, 3e6), (0.3, 0.7, 1.5),
]


def f_isf_polished(q, d1, d2):
    """`stats.f.isf` plus Newton steps on `stats.f.sf`: at q = 1e-8 scipy's isf
    alone is off by 6e-10 relative (its sf at that point is 1.000000005e-8)."""
    x = stats.f.isf(q, d1, d2)
    for _ in range(3):
        x = x + (stats.f.sf(x, d1, d2) - q) / stats.f.pdf(x, d1, d2)
    return x


print("/// (q, df1, df2, x) with P(F > x) = q from `stats.f.isf(q, df1, df2)`, Newton-polished.")
print("pub const F_UPPER_QUANTILE: &[(f64, f64, f64, f64)] = &[")
for q, d1, d2 in f_points:
    print(f"    ({f(q)}, {f(d1)}, {f(d2)}, {f(f_isf_polished(q, d1, d2))}),")
print("];")

# ------------------------------------------------------------------ kiosk data
raw = pd.read_csv(f"{DATA}/kiosk_kservqual_2019_raw_cp949.csv", encoding="cp949")
E, P = {}, {}
for col in raw.columns:
    m = re.match(r"\s*(\d+)-\d+\.", col)
    if not m:
        continue
    k = int(m.group(1))
    if "(기대 설문)" in col:
        E[k] = col
    elif "(인지 설문)" in col:
        P[k] = col
assert sorted(E) == list(range(1, 25)) and sorted(P) == list(range(1, 25))
e = pd.DataFrame({k: pd.to_numeric(raw[E[k]], errors="coerce") for k in range(1, 25)})
p = pd.DataFrame({k: pd.to_numeric(raw[P[k]], errors="coerce") for k in range(1, 25)})

section("paired t: kiosk items (pairwise-complete), scipy.stats.ttest_rel, pingouin")
print("/// (item, n, mean d, sd d, var E, var P, t, p, ci_low, ci_high, d_z, |d_av| pingouin)")
print("pub const KIOSK_PAIRED: &[(u32, u64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64)] = &[")
for item in (1, 5, 22):
    pair = pd.concat([p[item], e[item]], axis=1, keys=["P", "E"]).dropna()
    d = (pair["P"] - pair["E"]).to_numpy()
    res = stats.ttest_rel(pair["P"], pair["E"])
    ci = res.confidence_interval(0.95)
    dz = pg.compute_effsize(pair["P"], pair["E"], paired=True, eftype="cohen_dz")
    dav = pg.compute_effsize(pair["P"], pair["E"], paired=True, eftype="cohen")
    print(
        f"    ({item}, {len(d)}, {f(d.mean())}, {f(d.std(ddof=1))}, {f(pair['E'].var(ddof=1))}, "
        f"{f(pair['P'].var(ddof=1))}, {f(res.statistic)}, {f(res.pvalue)}, {f(ci.low)}, "
        f"{f(ci.high)}, {f(dz)}, {f(dav)}),"
    )
print("];")

# ------------------------------------------------------------------ wilcoxon
section("wilcoxon: scipy.stats.wilcoxon on expanded histograms")


def hist_of(values):
    vals, counts = np.unique(np.asarray(values, dtype=np.int64), return_counts=True)
    return [(int(v), int(c)) for v, c in zip(vals, counts)]


def expand(hist):
    return np.repeat([float(v) for v, _ in hist], [c for _, c in hist])


def rust_hist(hist):
    return "&[" + ", ".join(f"({v}, {c})" for v, c in hist) + "]"


def w_plus_minus(d, zero_method):
    d = np.asarray(d, dtype=float)
    if zero_method == "wilcox":
        d = d[d != 0]
    r = stats.rankdata(np.abs(d))
    return r[d > 0].sum(), r[d < 0].sum()


histograms = {}
for item in (1, 22):
    pair = pd.concat([p[item], e[item]], axis=1, keys=["P", "E"]).dropna()
    histograms[f"kiosk_item{item}"] = hist_of(pair["P"] - pair["E"])
histograms["small_ties_zeros"] = [(-3, 2), (-2, 5), (-1, 9), (0, 4), (1, 6), (2, 3), (3, 1)]
histograms["large_1m"] = [(-6, 1200), (-5, 3000), (-3, 250000), (-1, 300000), (0, 200000),
                          (1, 310000), (2, 20000), (4, 500)]
histograms["all_positive"] = [(1, 10), (2, 7), (5, 3)]
histograms["scaled_sign_ties"] = [(-30, 2), (-15, 3), (-7, 2), (0, 3), (7, 1), (15, 4), (30, 2)]
histograms["one_nonzero"] = [(0, 5), (2, 1)]
histograms["zero_heavy"] = [(-2, 3), (0, 40), (1, 2), (3, 1)]

print("/// (name, histogram, zero method, continuity, W⁺, W⁻, z (scipy, signed), p)")
print("/// scipy: `wilcoxon(d, zero_method=zm, correction=c, method=\"asymptotic\")`;")
print("/// W⁺/W⁻ from `rankdata` of |d| (zeros dropped for wilcox); z sign = sign(W⁺ − μ).")
print("pub const WILCOXON_NORMAL: &[(&str, &[(i128, u64)], &str, bool, f64, f64, f64, f64)] = &[")
for name, hist in histograms.items():
    d = expand(hist)
    for zm in ("wilcox", "pratt"):
        if np.count_nonzero(d) == 0:
            continue
        for corr in (False, True):
            res = stats.wilcoxon(d, zero_method=zm, correction=corr, method="asymptotic")
            wp, wm = w_plus_minus(d, zm)
            n = len(d) if zm == "pratt" else np.count_nonzero(d)
            n0 = len(d) - np.count_nonzero(d) if zm == "pratt" else 0
            mu = n * (n + 1) / 4 - n0 * (n0 + 1) / 4
            z = abs(res.zstatistic) * np.sign(wp - mu)
            print(f"    (\"{name}\", {rust_hist(hist)}, \"{zm}\", {str(corr).lower()}, "
                  f"{f(wp)}, {f(wm)}, {f(z)}, {f(res.pvalue)}),")
print("];")

rng = np.random.default_rng(20240611)
print("/// (n, sign mask, W⁺, exact p, auto p): differences ±1..±n (bit i−1 set → +i, no")
print("/// ties, no zeros); exact p = `wilcoxon(d, method=\"exact\")`, auto p =")
print("/// `wilcoxon(d, method=\"exact\")` for n ≤ 50 and `method=\"asymptotic\"`,")
print("/// correction=False for n > 50 (scipy's rule, which servgap's Auto follows).")
print("pub const WILCOXON_EXACT: &[(u64, u64, f64, f64, f64)] = &[")
for n in range(1, 61):
    mask = int(rng.integers(0, 2**n)) if n < 63 else 0
    # Bias some cases towards the tails so tiny exact p-values are covered.
    if n % 7 == 0:
        mask = mask & ((1 << (n // 3)) - 1)
    d = np.array([(i if (mask >> (i - 1)) & 1 else -i) for i in range(1, n + 1)], dtype=float)
    exact = stats.wilcoxon(d, method="exact")
    wp, _ = w_plus_minus(d, "wilcox")
    if n <= 50:
        auto_p = exact.pvalue
    else:
        auto_p = stats.wilcoxon(d, method="asymptotic", correction=False).pvalue
    print(f"    ({n}, {mask}, {f(wp)}, {f(exact.pvalue)}, {f(auto_p)}),")
print("];")

# ------------------------------------------------------------------ multiplicity
section("multiplicity: statsmodels multipletests (holm, fdr_bh) on the non-None entries")
cases = [
    [0.01, 0.04, 0.03, 0.005, None, 0.5, 0.04, 0.9],
    [9.46e-12, 0.92, 0.073, 0.0073, 0.051, 0.049, 0.3, 0.3, 1.0, None, None],
    [0.2, 0.6, 0.7],
    [0.001],
]
cases.append(list(rng.uniform(0, 0.2, 22)))
print("/// (p, Holm, BH); None entries skipped.")
print("pub const MULTIPLICITY: &[(&[Option<f64>], &[Option<f64>], &[Option<f64>])] = &[")
for case in cases:
    idx = [i for i, v in enumerate(case) if v is not None]
    vals = np.array([case[i] for i in idx])
    holm = [None] * len(case)
    bh = [None] * len(case)
    for i, a, b in zip(idx, multipletests(vals, method="holm")[1],
                       multipletests(vals, method="fdr_bh")[1]):
        holm[i], bh[i] = a, b
    fmt = lambda xs: "&[" + ", ".join(opt(x) for x in xs) + "]"
    print(f"    ({fmt(case)}, {fmt(holm)}, {fmt(bh)}),")
print("];")

# ------------------------------------------------------------------ reliability
section("reliability: bb1992 tangibles Q1..Q4 (n = 502)")
bb = pd.read_csv(f"{DATA}/bb1992_servqual22_sim502.csv")
tang = bb[["Q1", "Q2", "Q3", "Q4"]]
cov = np.cov(tang.to_numpy(), rowvar=False, ddof=1)
print("/// `np.cov(bb1992[Q1..Q4], ddof=1)`, row-major.")
print("pub const BB_TANGIBLES_COV: [f64; 16] = [")
for row in cov:
    print("    " + ", ".join(f(x) for x in row) + ",")
print("];")
alpha, ci = pg.cronbach_alpha(tang)
print(f"/// pingouin.cronbach_alpha (its CI is rounded to 3 dp: {ci}).")
print(f"pub const BB_TANGIBLES_ALPHA: f64 = {f(alpha)};")
corr = np.corrcoef(tang.to_numpy(), rowvar=False)
rbar = corr[np.triu_indices(4, 1)].mean()
print("/// k·r̄/(1 + (k − 1)·r̄) from `np.corrcoef` (psych std.alpha).")
print(f"pub const BB_TANGIBLES_STD_ALPHA: f64 = {f(4 * rbar / (1 + 3 * rbar))};")
drop = [pg.cronbach_alpha(tang.drop(columns=c))[0] for c in tang.columns]
print("/// pingouin.cronbach_alpha of the other three items.")
print("pub const BB_TANGIBLES_ALPHA_DROP: [f64; 4] = [" + ", ".join(f(x) for x in drop) + "];")
rdrop = [np.corrcoef(tang[c], tang.drop(columns=c).sum(axis=1))[0, 1] for c in tang.columns]
print("/// Pearson r(item, sum of the other items) on the raw data.")
print("pub const BB_TANGIBLES_R_DROP: [f64; 4] = [" + ", ".join(f(x) for x in rdrop) + "];")

section("reliability: Feldt interval (pingouin's formula, unrounded, scipy.stats.f.isf)")
print("/// (alpha, n, k, level, lower, upper)")
print("pub const FELDT: &[(f64, u64, usize, f64, f64, f64)] = &[")
# servqual.md §4.2 "manual Feldt CI for tangible P" (0.757476, 0.844222) is the n = 211 row
# (all rows, as pingouin counts them with pairwise deletion), not n = 207.
for a, n, k, lvl in [(0.804421, 207, 4, 0.95), (0.804421, 211, 4, 0.95), (0.661629, 502, 4, 0.95), (0.5, 10, 2, 0.9),
                     (0.95, 100000, 22, 0.99), (-0.2, 30, 3, 0.95)]:
    df1 = n - 1
    df2 = df1 * (k - 1)
    lo = 1 - (1 - a) * stats.f.isf((1 - lvl) / 2, df1, df2)
    hi = 1 - (1 - a) * stats.f.isf((1 + lvl) / 2, df1, df2)
    print(f"    ({f(a)}, {n}, {k}, {f(lvl)}, {f(lo)}, {f(hi)}),")
print("];")
tp = p[[4, 5, 6, 22]].dropna()
print(f"/// kiosk tangible P (listwise n = {len(tp)}): pingouin α and its rounded CI.")
a_tp, ci_tp = pg.cronbach_alpha(tp)
print(f"pub const KIOSK_TANGIBLE_P_ALPHA: f64 = {f(a_tp)}; // CI {ci_tp}")

section("reliability: kiosk security (items 19, 20, 21), listwise over E and P")
items = [19, 20, 21]
cc = pd.concat([e[items].add_prefix("E"), p[items].add_prefix("P")], axis=1).dropna()
ce = cc[[f"E{i}" for i in items]]
cp = cc[[f"P{i}" for i in items]]
cov_e = np.cov(ce.to_numpy(), rowvar=False, ddof=1)
cov_p = np.cov(cp.to_numpy(), rowvar=False, ddof=1)
a_e = pg.cronbach_alpha(ce)[0]
a_p = pg.cronbach_alpha(cp)[0]
se_sum = ce.sum(axis=1)
sp_sum = cp.sum(axis=1)
r_pe = np.corrcoef(se_sum, sp_sum)[0, 1]
var_e, var_p = se_sum.var(ddof=1), sp_sum.var(ddof=1)
num = var_p * a_p + var_e * a_e - 2 * r_pe * np.sqrt(var_p * var_e)
den = var_p + var_e - 2 * r_pe * np.sqrt(var_p * var_e)
print(f"/// n = {len(cc)}; α by pingouin, sums' variances and r by numpy; r_DD by the PCB formula.")
print("pub const KIOSK_SECURITY_COV_E: [f64; 9] = [" + ", ".join(f(x) for x in cov_e.ravel()) + "];")
print("pub const KIOSK_SECURITY_COV_P: [f64; 9] = [" + ", ".join(f(x) for x in cov_p.ravel()) + "];")
print(f"pub const KIOSK_SECURITY_ALPHA_E: f64 = {f(a_e)};")
print(f"pub const KIOSK_SECURITY_ALPHA_P: f64 = {f(a_p)};")
print(f"pub const KIOSK_SECURITY_VAR_E: f64 = {f(var_e)}; // sd {np.sqrt(var_e):.6f}")
print(f"pub const KIOSK_SECURITY_VAR_P: f64 = {f(var_p)}; // sd {np.sqrt(var_p):.6f}")
print(f"pub const KIOSK_SECURITY_R_PE: f64 = {f(r_pe)};")
print(f"pub const KIOSK_SECURITY_R_DD: f64 = {f(num / den)};")
