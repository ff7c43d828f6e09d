"""Oracle values for the gap-study measures (issue 14), independent of servgap.

Run: python3 gap_study_oracles.py   (scipy >= 1.11, statsmodels >= 0.14)
The printed numbers are pasted into crates/servgap-core/src/study/measure_tests.rs.
"""
import itertools
import math

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint


def welch(n1, m1, v1, n2, m2, v2, level=0.95):
    res = stats.ttest_ind_from_stats(m1, math.sqrt(v1), n1, m2, math.sqrt(v2), n2, equal_var=False)
    se = math.sqrt(v1 / n1 + v2 / n2)
    df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    q = stats.t.ppf(0.5 + level / 2, df)
    d = m1 - m2
    return dict(diff=d, t=res.statistic, p=res.pvalue, df=df, low=d - q * se, high=d + q * se)


def exact_rank_p(x, y):
    """Two-sided exact p over all pairings: share with |stat| >= |observed|."""
    rho0 = stats.spearmanr(x, y).statistic
    tau0 = stats.kendalltau(x, y).statistic
    hits_r = hits_t = total = 0
    for perm in itertools.permutations(y):
        total += 1
        r = stats.spearmanr(x, perm).statistic
        t = stats.kendalltau(x, perm).statistic
        hits_r += abs(r) >= abs(rho0) * (1 - 1e-12) - 1e-14
        hits_t += abs(t) >= abs(tau0) * (1 - 1e-12) - 1e-14
    return rho0, hits_r / total, tau0, hits_t / total


def scipy_pairings(x, y, statistic):
    res = stats.permutation_test((x, y), lambda a, b: statistic(a, b).statistic,
                                 permutation_type="pairings", n_resamples=np.inf, alternative="two-sided")
    return res.pvalue


print("== gap 1: Welch, managers n=12 mean 5.1 var 1.2 vs customers n=200 mean 5.9 var 0.8")
print(welch(12, 5.1, 1.2, 200, 5.9, 0.8))

print("== gap 1: importance ranks, k=5 (managers vs customers mean points)")
m = [22.0, 30.0, 18.0, 15.0, 15.0]
c = [32.0, 25.0, 19.0, 11.0, 13.0]
print(exact_rank_p(m, c))
print("scipy permutation_test pairings p (rho, tau):",
      scipy_pairings(m, c, stats.spearmanr), scipy_pairings(m, c, stats.kendalltau))

print("== ranks k=6 without ties")
x6 = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
y6 = [2.0, 1.0, 4.0, 3.0, 6.0, 5.0]
print(exact_rank_p(x6, y6))

print("== ranks k=12 asymptotic (no ties)")
x12 = list(range(1, 13))
y12 = [3, 1, 2, 6, 4, 5, 9, 7, 8, 12, 10, 11]
r = stats.spearmanr(x12, y12)
t = stats.kendalltau(x12, y12, method="asymptotic")
print(r.statistic, r.pvalue, t.statistic, t.pvalue)

print("== Wilson 61/100, 140/200, 9/10")
for k, n in [(61, 100), (140, 200), (9, 10)]:
    print(k, n, proportion_confint(k, n, alpha=0.05, method="wilson"))

print("== one-sample t: n=30 mean 5.4 sd 1.1 (scale max 7)")
se = 1.1 / math.sqrt(30)
q = stats.t.ppf(0.975, 29)
print(5.4 - q * se - 7, 5.4 + q * se - 7)

print("== alignment: target 6.0 vs customers E mean 6.3 sd 0.9 n=150: target - CI(mean)")
se = 0.9 / math.sqrt(150)
q = stats.t.ppf(0.975, 149)
print(6.0 - (6.3 + q * se), 6.0 - (6.3 - q * se))

print("== threshold counts: durations and share <= 3600 s")
d = np.array([60, 600, 1200, 3599, 3600, 3601, 7200, 90000, 100000, 200000])
print((d <= 3600).sum(), len(d), np.median(d), np.quantile(d, 0.9))

print("== gap 1 from raw answers (measure_tests.rs knowledge_from_analyses): item a1 E")
cust = [6, 7, 5, 7, 6, 7]
mgr = [5, 6, 5, 4]
res = stats.ttest_ind(mgr, cust, equal_var=False)
ci = res.confidence_interval(0.95)
print(np.mean(mgr) - np.mean(cust), res.statistic, res.pvalue, ci.low, ci.high)

print("== alignment from raw answers: target 6 vs customers' E on a1 = [7, 6, 7, 6]")
sd = stats.tstd([7, 6, 7, 6])
q = stats.t.ppf(0.975, 3)
print(6 - (6.5 + q * sd / 2), 6 - (6.5 - q * sd / 2))
