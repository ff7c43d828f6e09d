#!/usr/bin/env python3
"""Oracle values for measured progress (issue 15, `servgap_core::study::progress`).

Independent of servgap: scipy 1.17 (Welch `ttest_ind(equal_var=False)`, `ttest_rel`,
`wilcoxon` with an exhaustive permutation), statsmodels 0.15
(`confint_proportions_2indep(method="newcomb")`, `proportions_ztest`, `WLS`/`OLS`,
`multipletests(method="holm")`), Fieller's interval found by root-finding on the test
statistic (not by the closed form the Rust code uses), and a plain numpy bootstrap that
resamples tickets (not the order-statistic draw the Rust code uses).

Run: python3 progress_oracles.py; the printed values are pasted into
crates/servgap-core/src/study/progress/tests.rs.
"""
import numpy as np
np.set_printoptions(legacy="1.25")
from scipy import stats, optimize
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.multitest import multipletests
import statsmodels.api as sm


def summary(x):
    x = np.asarray(x, dtype=float)
    return len(x), repr(float(x.mean())), repr(float(x.var(ddof=1)))


def fieller_share(d0, d1, v0, v1, cov, crit):
    """Share closed 1 - theta, theta's set {(d1 - th d0)^2 <= c^2 (v1 - 2 th cov + th^2 v0)}."""
    f = lambda th: (d1 - th * d0) ** 2 - crit**2 * (v1 - 2 * th * cov + th**2 * v0)
    th = d1 / d0
    if f(th - 1e6) <= 0 or f(th + 1e6) <= 0:
        return "unbounded (the baseline gap is not distinguishable from 0)"
    lo = optimize.brentq(f, th - 100, th)
    hi = optimize.brentq(f, th, th + 100)
    return 1 - d1 / d0, 1 - hi, 1 - lo


rng = np.random.default_rng(15)

print("# A. Welch: employee conformance scale (7-point), independent waves")
x0 = rng.choice(np.arange(1, 8), size=40, p=[.05, .1, .15, .25, .25, .15, .05])
x1 = rng.choice(np.arange(1, 8), size=35, p=[.02, .05, .1, .2, .3, .2, .13])
print("baseline", summary(x0)); print("later", summary(x1))
t = stats.ttest_ind(x1, x0, equal_var=False)
ci = t.confidence_interval(0.95)
print("welch p", repr(t.pvalue), "df", repr(t.df), "ci", repr(ci.low), repr(ci.high))
d0, d1 = x0.mean() - 7, x1.mean() - 7
crit = stats.t.ppf(0.975, t.df)
print("share", [repr(v) for v in fieller_share(d0, d1, x0.var(ddof=1) / 40, x1.var(ddof=1) / 35, 0.0, crit)])

print("# B. Paired: the same 14 employees in both waves")
y0 = rng.integers(2, 7, size=14)
y1 = np.clip(y0 + rng.integers(-1, 3, size=14), 1, 7)
d = y1 - y0
print("y0", y0.tolist()); print("y1", y1.tolist())
print("baseline", summary(y0)); print("later", summary(y1)); print("changes", summary(d))
t = stats.ttest_rel(y1, y0)
ci = t.confidence_interval(0.95)
print("paired p", repr(t.pvalue), "ci", repr(ci.low), repr(ci.high))
w = stats.wilcoxon(y1, y0, method=stats.PermutationMethod(n_resamples=np.inf))
print("wilcoxon exact p", repr(w.pvalue))
n = 14
v0, v1, vd = y0.var(ddof=1) / n, y1.var(ddof=1) / n, d.var(ddof=1) / n
cov = np.cov(y0, y1, ddof=1)[0, 1] / n
print("cov check", repr((v0 + v1 - vd) / 2), repr(cov))
crit = stats.t.ppf(0.975, n - 1)
print("share", [repr(v) for v in fieller_share(y0.mean() - 7, y1.mean() - 7, v0, v1, cov, crit)])

print("# C. Gap 1 (managers - customers) on two waves: Welch-Satterthwaite over four means")
groups = [(8, 5.1, 1.2), (120, 5.9, 0.8), (10, 5.6, 0.9), (130, 5.85, 0.75)]  # m0, c0, m1, c1
d0, d1 = 5.1 - 5.9, 5.6 - 5.85
parts = [v / n for n, _, v in groups]
se2 = sum(parts)
df = se2**2 / sum(p * p / (n - 1) for p, (n, _, _) in zip(parts, groups))
delta = d1 - d0
tq = stats.t.ppf(0.975, df)
print("delta", repr(delta), "df", repr(df), "p", repr(2 * stats.t.sf(abs(delta) / np.sqrt(se2), df)),
      "ci", repr(delta - tq * np.sqrt(se2)), repr(delta + tq * np.sqrt(se2)))
print("share", fieller_share(d0, d1, parts[0] + parts[1], parts[2] + parts[3], 0.0, tq))

print("# D. Promise held: 61/100 then 78/110 (Newcombe hybrid score, pooled z)")
lo, hi = confint_proportions_2indep(78, 110, 61, 100, method="newcomb", compare="diff")
z, p = proportions_ztest([78, 61], [110, 100])
print("newcombe", repr(lo), repr(hi), "z", repr(z), "p", repr(p))
p0, p1 = 0.61, 78 / 110
print("share", [repr(v) for v in fieller_share(p0 - 1, p1 - 1, p0 * (1 - p0) / 100, p1 * (1 - p1) / 110, 0.0,
                                               stats.norm.ppf(0.975))])

print("# E. Median first response (s): numpy bootstrap resampling tickets, B = 40000")
t0 = np.round(rng.lognormal(np.log(5400), 0.8, size=150)).astype(int)
t1 = np.round(rng.lognormal(np.log(4300), 0.8, size=160)).astype(int)
print("t0", sorted(t0.tolist()))
print("t1", sorted(t1.tolist()))
m0, m1 = np.median(t0), np.median(t1)
B = 40000
b0 = np.median(rng.choice(t0, size=(B, 150)), axis=1)
b1 = np.median(rng.choice(t1, size=(B, 160)), axis=1)
delta = b1 - b0
print("medians", repr(m0), repr(m1), "ci", repr(np.quantile(delta, 0.025)), repr(np.quantile(delta, 0.975)))
pb = min(1.0, 2 * min(1 + (delta <= 0).sum(), 1 + (delta >= 0).sum()) / (B + 1))
print("bootstrap p", repr(pb))
target = 3600
s = ((b0 - target) - (b1 - target)) / (b0 - target)
print("share", repr(((m0 - target) - (m1 - target)) / (m0 - target)), repr(np.quantile(s, 0.025)),
      repr(np.quantile(s, 0.975)))

print("# F. Trend of D over three waves")
x = np.array([0.0, 1.0, 2.0]); y = np.array([-1.6, -1.2, -0.7]); var = np.array([0.04, 0.05, 0.03])
fit = sm.WLS(y, sm.add_constant(x), weights=1 / var).fit(cov_type="fixed scale")
print("wls slope", repr(fit.params[1]), "se", repr(fit.bse[1]), "p", repr(fit.pvalues[1]),
      "ci", repr(fit.conf_int()[1][0]), repr(fit.conf_int()[1][1]))
fit = sm.OLS(np.array([-0.4, -0.3, -0.15]), sm.add_constant(x)).fit()
print("ols slope", repr(fit.params[1]), "p", repr(fit.pvalues[1]), "ci", repr(fit.conf_int()[1][0]),
      repr(fit.conf_int()[1][1]))

print("# F2. Trend against the waves' dates (issue 15: calendar time, slope per year)")
# Three half-year waves; a wave's date is its fieldwork's midpoint (start + (end - start)/2),
# x = years of 365.25 days since the baseline's date. Scale gaps D = mean - 7, Var = s^2/n.
import datetime as dt
def midpoint(start, end):
    return dt.date.fromisoformat(start).toordinal() + (dt.date.fromisoformat(end).toordinal()
                                                       - dt.date.fromisoformat(start).toordinal()) / 2
mids = np.array([midpoint("2025-01-01", "2025-06-30"), midpoint("2025-07-01", "2025-12-31"),
                 midpoint("2026-01-01", "2026-06-30")])
x = (mids - mids[0]) / 365.25
waves = [(40, 4.2, 2.4), (35, 4.9, 1.9), (38, 5.6, 2.1)]
y = np.array([m - 7.0 for _, m, _ in waves]); var = np.array([v / n for n, _, v in waves])
fit = sm.WLS(y, sm.add_constant(x), weights=1 / var).fit(cov_type="fixed scale")
print("years", [repr(v) for v in x])
print("wls slope per year", repr(fit.params[1]), "p", repr(fit.pvalues[1]),
      "ci", repr(fit.conf_int()[1][0]), repr(fit.conf_int()[1][1]))

print("# F3. Expected share by a wave's date (schedule 2025-07-01 to 2025-12-31)")
start, due = dt.date(2025, 7, 1).toordinal(), dt.date(2025, 12, 31).toordinal()
for name, t in zip(["w1", "w2", "w3"], mids):
    print(name, "fraction of the schedule", repr(min(max((t - start) / (due - start), 0.0), 1.0)))

print("# G. Holm over a plan's family")
print("holm", [repr(v) for v in multipletests([0.012, 0.3, 0.0004, 0.04], method="holm")[1]])
