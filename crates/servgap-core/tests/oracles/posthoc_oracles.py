"""Reference values for servgap's post-hoc tests between segments (issue 12, item 7).

Prints a Rust module; its output is pasted as `crates/servgap-core/src/stats/groups/tests/posthoc_oracle.rs`:

    python3 -m venv /tmp/seg-venv
    /tmp/seg-venv/bin/pip install scipy pingouin scikit-posthocs
    /tmp/seg-venv/bin/python crates/servgap-core/tests/oracles/posthoc_oracles.py \
        > crates/servgap-core/src/stats/groups/tests/posthoc_oracle.rs

Independent implementations:
- `scipy.stats.studentized_range.sf` (scipy >= 1.7; numerical double integral, R's `ptukey`
  equivalent) over a grid of q, k and df, for `stats::distributions::studentized_range_upper_p`;
- pingouin `pairwise_gameshowell` (Games–Howell: Welch t, Welch–Satterthwaite df,
  p = studentized_range.sf(sqrt(2)|t|, k, df));
- scikit-posthocs `posthoc_dunn(p_adjust='holm')` (Dunn's z on mid-ranks with the tie
  correction, Holm over all pairs) and the unadjusted `posthoc_dunn(p_adjust=None)`.
"""
import itertools

import numpy as np
import pandas as pd
import pingouin as pg
import scikit_posthocs as sp
import scipy
from scipy import stats


def f(x):
    return repr(float(x))


print("//! Reference values printed by `crates/servgap-core/tests/oracles/posthoc_oracles.py`")
print(f"//! (scipy {scipy.__version__}, pingouin {pg.__version__}, scikit-posthocs {sp.__version__},")
print(f"//! numpy {np.__version__}). Regenerate with that script and paste its output here; do not edit by hand.")
print("#![allow(clippy::type_complexity, clippy::excessive_precision, clippy::unreadable_literal)]")
print()

# ---- studentized range upper tail
print("/// (q, k, df, P(Q > q)) from `stats.studentized_range.sf`.")
print("pub const PTUKEY_UPPER: &[(f64, u64, f64, f64)] = &[")
for k in [2, 3, 4, 5, 8, 10, 20]:
    for df in [1, 2, 3, 5, 10, 24.5, 60, 200, 1000]:
        for q in [0.5, 1.5, 3.0, 4.5, 6.0, 9.0, 14.0]:
            print(f"    ({f(q)}, {k}, {f(df)}, {f(stats.studentized_range.sf(q, k, df))}),")
print("];")
print()

# ---- groups shared by Games-Howell and Dunn
GROUPS = [
    [[1, 2, 2, 3, 4], [2, 3, 3, 5, 6, 6], [0, 1, 1, 2]],
    [[-3, -1, 0, 0, 2], [1, 1, 2, 4], [0, 3, 3, 3, 5, 7, 8], [-2, 0, 1]],
    [[10, 12, 15, 11], [9, 9, 14, 20, 1]],
    [[-2, -1, -1, 0, 0, 0, 1, -3, -1, 0, 2, -1], [0, 1, 1, 2, 0, 3, 1, 1, 2], [-4, -2, -3, -1, -2, 0, -1],
     [0, 0, 1, 0, -1, 0, 1, 0], [2, 3, 1, 4, 2, 3]],
]


def frame(groups):
    return pd.DataFrame({"y": [v for g in groups for v in g], "g": [i for i, g in enumerate(groups) for _ in g]})


def values(groups):
    return "&[" + ", ".join("&[" + ", ".join(str(v) for v in g) + "]" for g in groups) + "]"


print("/// Games–Howell from pingouin `pairwise_gameshowell`: groups, then per pair (i < j, in order)")
print("/// (i, j, mean_i − mean_j, se, t, df, p).")
print("pub const GAMES_HOWELL: &[(&[&[i128]], &[(usize, usize, f64, f64, f64, f64, f64)])] = &[")
for groups in GROUPS:
    gh = pg.pairwise_gameshowell(data=frame(groups), dv="y", between="g")
    rows = []
    for _, r in gh.iterrows():
        rows.append(f"({int(r['A'])}, {int(r['B'])}, {f(r['diff'])}, {f(r['se'])}, {f(r['T'])}, {f(r['df'])}, "
                    f"{f(r['pval'])})")
    print(f"    ({values(groups)}, &[{', '.join(rows)}]),")
print("];")
print()

print("/// Dunn from scikit-posthocs `posthoc_dunn`: groups, then per pair (i < j) (i, j, p, p_holm).")
print("pub const DUNN: &[(&[&[i128]], &[(usize, usize, f64, f64)])] = &[")
for groups in GROUPS:
    raw = sp.posthoc_dunn(groups, p_adjust=None)
    holm = sp.posthoc_dunn(groups, p_adjust="holm")
    rows = []
    for i, j in itertools.combinations(range(len(groups)), 2):
        rows.append(f"({i}, {j}, {f(raw.iloc[i, j])}, {f(holm.iloc[i, j])})")
    print(f"    ({values(groups)}, &[{', '.join(rows)}]),")
print("];")
print()

# ---- the demo survey by branch (scored as groups_oracles.py scores it)
import contextlib
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
with contextlib.redirect_stdout(io.StringIO()):
    import groups_oracles as go  # noqa: E402  (prints its own module; silenced)

demo = go.score(go.DEMO)
branches = sorted({r["branch"] for r in demo})
print(f"/// The demo survey by branch ({', '.join(branches)}), in the scope order of")
print("/// `groups_oracles.py`'s DEMO_BRANCHES (five dimensions, then overall): per pair (i, j),")
print("/// pingouin `pairwise_gameshowell` p and scikit-posthocs `posthoc_dunn(p_adjust='holm')` p.")
print("pub const DEMO_POSTHOC: &[(&str, &[(usize, usize, f64, f64)])] = &[")
scopes = [(name, lambda r, d=d: r["dims"][d], go.L) for d, (name, _) in enumerate(go.DIMS)]
scopes.append(("overall", lambda r: r["overall"], go.L * len(go.DIMS)))
for name, pick, scale in scopes:
    values = [[pick(r) / scale for r in demo if r["branch"] == b and pick(r) is not None] for b in branches]
    gh = pg.pairwise_gameshowell(data=frame(values), dv="y", between="g")
    holm = sp.posthoc_dunn(values, p_adjust="holm")
    rows = []
    for (_, r), (i, j) in zip(gh.iterrows(), itertools.combinations(range(len(values)), 2)):
        assert (int(r["A"]), int(r["B"])) == (i, j)
        rows.append(f"({i}, {j}, {f(r['pval'])}, {f(holm.iloc[i, j])})")
    print(f"    ({name!r}, &[{', '.join(rows)}]),".replace("'", '"'))
print("];")
