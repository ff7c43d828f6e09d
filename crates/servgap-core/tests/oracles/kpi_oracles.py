#!/usr/bin/env python3
"""Reference values for servgap-core's `kpi` module tests.

Prints Rust constants that are pasted into `crates/servgap-core/src/kpi/tests.rs`.
CI does not run this script; rerun it by hand when a definition changes.

Setup (outside the repository):

    python3 -m venv /tmp/kpi-venv
    /tmp/kpi-venv/bin/pip install pandas numpy statsmodels
    /tmp/kpi-venv/bin/python crates/servgap-core/tests/oracles/kpi_oracles.py

What each block checks:
- quantiles: numpy `np.quantile(method="linear")` (type 7, numpy/pandas default) and
  `method="inverted_cdf"` (type 1), plus pandas `Series.quantile` (linear) as a
  cross-check, on the 23 durations of `ORACLE_VALUES` and on the fixture's four
  first-response times;
- Wilson intervals: statsmodels `proportion_confint(k, n, alpha=0.05, method="wilson")`;
- the hand-computed fixture numbers (medians and p90 of the five-ticket fixture).
"""

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint


def f(x):
    """A float as a Rust literal that round-trips exactly."""
    s = repr(float(x))
    if "e" not in s and "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s


ORACLE_VALUES = [
    0, 5, 5, 17, 60, 60, 60, 61, 300, 1_799, 1_800, 3_600, 3_600, 7_200, 14_400, 28_800, 86_399,
    87_039, 87_040, 90_000, 171_000, 604_800, 2_592_000,
]
LEVELS = [(1, 2), (9, 10), (19, 20), (1, 4), (0, 1), (1, 1)]

print("// ---- quantiles: numpy linear / inverted_cdf ----")
print(f"const NUMPY_QUANTILES: [(u32, u32, f64, f64); {len(LEVELS)}] = [")
values = np.array(ORACLE_VALUES, dtype=float)
for num, den in LEVELS:
    p = num / den
    linear = np.quantile(values, p, method="linear")
    inverted = np.quantile(values, p, method="inverted_cdf")
    assert np.isclose(linear, pd.Series(values).quantile(p)), "pandas disagrees with numpy"
    print(f"    ({num}, {den}, {f(linear)}, {f(inverted)}),")
print("];")

fixture_frt = np.array([7200, 1800, 600, 171000], dtype=float)
print("const NUMPY_SMALL: [(u32, u32, f64); 2] = [")
for num, den in [(1, 2), (9, 10)]:
    print(f"    ({num}, {den}, {f(np.quantile(fixture_frt, num / den, method='linear'))}),")
print("];")

print("\n// ---- Wilson 95 % intervals: statsmodels ----")
cases = [(2, 4), (1, 4), (0, 10), (10, 10), (37, 120), (4, 5)]
print(f"const WILSON: [(u64, u64, f64, f64); {len(cases)}] = [")
for k, n in cases:
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    print(f"    ({k}, {n}, {f(low)}, {f(high)}),")
print("];")

print("\n// ---- fixture cross-check (comments in tests.rs) ----")
fixture = {
    "frt calendar": [7200, 1800, 600, 171000],
    "frt business": [3600, 1800, 600, 1800],
    "nrt calendar": [3600, 1800],
    "first resolution calendar": [18000, 1800, 600, 171000],
    "first resolution business": [9000, 1800, 600, 1800],
    "full resolution calendar": [18000, 63000, 600, 171000],
    "full resolution business": [9000, 5400, 600, 1800],
    "requester wait calendar": [12600, 3600, 600, 171000],
    "requester wait business": [9000, 3600, 600, 1800],
}
for name, xs in fixture.items():
    s = pd.Series(xs, dtype=float)
    print(f"// {name}: median {s.quantile(0.5)}, p90 {s.quantile(0.9)}, mean {s.mean()}")
