#!/usr/bin/env python3
"""Reference values for issue 12 items 3-6 (single-survey `analyze` statistics).

Prints the numbers pasted into `crates/servgap-core/src/stats/tests.rs`
(`issue_12_rank_biserial_*`) and `crates/servgap-core/src/servqual/tests.rs`
(`issue_12_*`). CI does not run this script.

    /tmp/oracle-venv/bin/python crates/servgap-core/tests/oracles/analysis_oracles.py

Checked with Python 3.11, scipy 1.17.1, pingouin 0.7.0, statsmodels 0.15.0.
"""

import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats
from statsmodels.stats.multitest import multipletests


def expand(histogram):
    return np.array([v for v, c in histogram for _ in range(c)], dtype=float)


def kerby(d, ranks):
    plus = ranks[d > 0].sum()
    minus = ranks[d < 0].sum()
    return (plus - minus) / (plus + minus)


def rank_biserial():
    """Item 4: pingouin's RBC (zeros dropped, non-zero differences re-ranked) under
    both zero methods, and by hand Kerby's difference on the Pratt ranks."""
    histograms = {
        "with_zeros": [(-2, 3), (-1, 4), (0, 5), (1, 2), (2, 1), (3, 1)],
        "many_zeros": [(-1, 2), (0, 9), (1, 1), (2, 3), (-3, 1)],
    }
    for name, h in histograms.items():
        d = expand(h)
        for zero_method in ("wilcox", "pratt"):
            res = pg.wilcoxon(d, zero_method=zero_method)
            print(f"{name} {zero_method}: pingouin RBC = {float(res['RBC'].iloc[0])!r}")
        nonzero = d[d != 0]
        print(f"{name}: hand Kerby on re-ranked non-zero = {float(kerby(nonzero, stats.rankdata(np.abs(nonzero))))!r}")
        pratt_ranks = stats.rankdata(np.abs(d))
        keep = d != 0
        print(f"{name}: hand Kerby on Pratt ranks = {float(kerby(d[keep], pratt_ranks[keep]))!r}")


def classic_anova_holm():
    """Item 6: Holm over the dimensions applied to the classic one-way ANOVA of the
    segment comparison, as to Welch's ANOVA and Kruskal-Wallis. Respondent gaps
    (dimension a, dimension b) per segment, as in `compare/tests.rs`."""
    segments = {
        "x": [(-2, 0), (-1, 1), (-2, -1)],
        "y": [(0, 1), (1, 2), (2, 0), (1, 1)],
        "z": [(2, -1), (3, 0), (1, -2)],
    }
    ps = []
    for dim in (0, 1):
        groups = [[g[dim] for g in rows] for rows in segments.values()]
        res = stats.f_oneway(*groups)
        ps.append(res.pvalue)
        print(f"dimension {dim}: F = {float(res.statistic)!r}, p = {float(res.pvalue)!r}")
    holm = multipletests(ps, method="holm")[1]
    print("classic ANOVA Holm p:", [float(x) for x in holm])


def r_dd_one_sample(rows):
    """Lord's difference-score reliability with every ingredient on the respondents
    complete on both batteries (P and E) of the dimension: pingouin alphas, numpy
    variances (ddof = 1) and r of the summed scales."""
    cols = ["e1", "p1", "e2", "p2"]
    df = pd.DataFrame(rows, columns=cols, dtype=float)
    both = df.dropna()
    alpha_p = pg.cronbach_alpha(both[["p1", "p2"]])[0]
    alpha_e = pg.cronbach_alpha(both[["e1", "e2"]])[0]
    p_sum = both["p1"] + both["p2"]
    e_sum = both["e1"] + both["e2"]
    vp, ve = p_sum.var(ddof=1), e_sum.var(ddof=1)
    r = np.corrcoef(p_sum, e_sum)[0, 1]
    cross = 2 * r * np.sqrt(vp * ve)
    r_dd = (vp * alpha_p + ve * alpha_e - cross) / (vp + ve - cross)
    own_e = pg.cronbach_alpha(df[["e1", "e2"]].dropna())[0]
    own_p = pg.cronbach_alpha(df[["p1", "p2"]].dropna())[0]
    # What mixing samples gave before issue 12: battery alphas from each battery's own
    # complete cases, variances and r from the complete-on-both respondents.
    mixed = (vp * own_p + ve * own_e - cross) / (vp + ve - cross)
    return dict(n=len(both), alpha_p=alpha_p, alpha_e=alpha_e, r_pe=r, r_dd=r_dd,
                battery_alpha_e=own_e, battery_alpha_p=own_p, mixed_r_dd=mixed)


# Dimension a of `small_instrument` (items a1, a2): (E1, P1, E2, P2), None = blank.
R_DD_ROWS = [
    (5, 3, 6, 4), (6, 6, 7, 5), (4, 5, 5, 5), (3, 2, 4, 3), (7, 6, 6, 6),
    (5, 4, 5, 3), (6, 3, 6, 4), (2, 2, 3, 3), (4, 4, 4, 2), (6, 5, 7, 7),
    (5, 5, 4, 4), (3, 4, 2, 4),
    # complete on E only (P2 blank), then on P only (E1 blank)
    (7, 1, 1, None), (1, 6, 7, None), (2, 7, 6, None),
    (None, 7, 3, 1), (None, 1, 5, 7),
]

# Four respondents with a negative alpha of E and r(P, E) near 1: r_DD falls far below -1.
R_DD_OUT_OF_RANGE_ROWS = [(3, 6, 7, 2), (4, 2, 5, 5), (6, 6, 7, 7), (7, 2, 1, 4)]


def difference_reliability():
    for name, rows in (("one sample", R_DD_ROWS), ("out of range", R_DD_OUT_OF_RANGE_ROWS)):
        res = r_dd_one_sample(rows)
        print(f"r_DD {name}: " + ", ".join(f"{k} = {float(v)!r}" for k, v in res.items()))


if __name__ == "__main__":
    difference_reliability()
    rank_biserial()
    classic_anova_holm()
