"""Reference values for servgap's wave comparisons (`servqual::compare::waves`, issue 12).

Prints the numbers pasted into `crates/servgap-core/src/servqual/compare/waves/tests.rs`:

    python3 -m pip install scipy statsmodels
    python3 crates/servgap-core/tests/oracles/waves_oracles.py

Independent implementations: scipy.stats `ttest_ind(equal_var=False)` with
`.confidence_interval(level)` (Welch), `ttest_1samp` (trend intervals), `ttest_rel`
(paired panel), statsmodels `multipletests(method='holm')`.

Data: a 1-7 two-column instrument with dimensions a (items a1, a2) and b (b1, b2),
three waves of 12, 15 and 11 respondents, every cell answered:

    E[w][j][i] = 1 + (3j + 5i + w) mod 7
    P[w][j][i] = min(7, 1 + (j^2 + 2i + (j*i mod 3)) mod 5 + (2w if i = 0 else 0))

Item gap G = P - E; dimension gap = mean of its two item gaps; overall gap = mean of
the two dimension gaps. Contrasts: (0,1), (1,2), then (0,2). Families: the 12 item
changes; the 6 dimension and 3 overall changes. Bonferroni simultaneous intervals at
1 - 0.05/m.
"""
import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

SIZES = [12, 15, 11]
CONTRASTS = [(0, 1), (1, 2), (0, 2)]
ALPHA = 0.05


def wave(w):
    n = SIZES[w]
    e = np.array([[1 + (3 * j + 5 * i + w) % 7 for i in range(4)] for j in range(n)], float)
    p = np.array([[min(7, 1 + (j * j + 2 * i + (j * i) % 3) % 5 + (2 * w if i == 0 else 0)) for i in range(4)] for j in range(n)], float)
    return p - e


def scores(w):
    g = wave(w)
    dims = [(g[:, 0] + g[:, 1]) / 2, (g[:, 2] + g[:, 3]) / 2]
    overall = (dims[0] + dims[1]) / 2
    return [g[:, i] for i in range(4)], dims, overall


def welch(x_to, x_from, level):
    r = stats.ttest_ind(x_to, x_from, equal_var=False)
    ci = r.confidence_interval(level)
    return r.pvalue, ci.low, ci.high


def family(rows):
    p = [welch(a, b, 0.95)[0] for a, b in rows]
    holm = multipletests(p, alpha=ALPHA, method="holm")[1]
    m = len(p)
    out = []
    for (a, b), pu, ph in zip(rows, p, holm):
        _, lo, hi = welch(a, b, 0.95)
        _, slo, shi = welch(a, b, 1 - ALPHA / m)
        out.append((a.mean() - b.mean(), pu, lo, hi, ph, slo, shi))
    return out


def show(name, values):
    print(f"// {name}: change, p unadjusted, ci unadjusted, p Holm, ci simultaneous")
    for v in values:
        print("    [" + ", ".join(repr(float(x)) for x in v) + "],")


waves = [scores(w) for w in range(3)]
items = [(waves[t][0][i], waves[f][0][i]) for f, t in CONTRASTS for i in range(4)]
dims = [(waves[t][1][d], waves[f][1][d]) for f, t in CONTRASTS for d in range(2)]
overall = [(waves[t][2], waves[f][2]) for f, t in CONTRASTS]
show("ITEMS (contrast-major, items a1 a2 b1 b2)", family(items))
scored = family(dims + overall)
show("DIMENSIONS (contrast-major, a b)", scored[:6])
show("OVERALL (per contrast)", scored[6:])
print("// TREND dimension a per wave: mean, ci")
for w in range(3):
    x = waves[w][1][0]
    ci = stats.ttest_1samp(x, 0).confidence_interval(0.95)
    print(f"    [{x.mean()!r}, {ci.low!r}, {ci.high!r}],")

# Panel: respondents j = 0..11 of waves 0 and 1 are the same people (ids j); wave 1's
# respondents 12..14 are unmatched. Paired differences wave 1 - wave 0.
print("// PANEL (dimension a, dimension b, overall, item a1): n, mean, t, p, ci")
matched = SIZES[0]
for name, pick in [("a", lambda s: s[1][0]), ("b", lambda s: s[1][1]), ("overall", lambda s: s[2]),
                   ("a1", lambda s: s[0][0])]:
    x0 = pick(waves[0])[:matched]
    x1 = pick(waves[1])[:matched]
    r = stats.ttest_rel(x1, x0)
    ci = r.confidence_interval(0.95)
    print(f"    [{matched}.0, {float((x1 - x0).mean())!r}, {float(r.statistic)!r}, {float(r.pvalue)!r}, {float(ci.low)!r}, {float(ci.high)!r}],  // {name}")
items_p = [stats.ttest_rel(waves[1][0][i][:matched], waves[0][0][i][:matched]).pvalue for i in range(4)]
print("// PANEL item family Holm p (a1 a2 b1 b2):",
      ", ".join(repr(float(x)) for x in multipletests(items_p, method="holm")[1]))
