#!/usr/bin/env python3
"""Times `servgap analyze` beside DuckDB on the same SERVQUAL file, in one run.

    python3 bench/servqual_bench.py                 # 1,000,000 respondents (generated once)
    python3 bench/servqual_bench.py --rows 200000 --repeat 5

What each side computes:
  servgap  the full analysis (per-item and per-dimension moments, paired t, Wilcoxon,
           every covariance for alpha, weighted scores, IPA), JSON to a temporary file;
  duckdb   (a) per item: n, means and sample variances of E, P and P - E, and the
               paired t statistic (computed from those in Python);
           (b) the same plus every covariance among the 44 rating columns (990
               covar_samp aggregates), which is what servgap needs for alpha.

Each command runs in its own process; wall time is the best of --repeat runs and
peak memory is the child's maximum resident set size. DuckDB comes from PyPI:
the script creates bench/.venv (gitignored) with it on first use.

On a shared, loaded machine wall time says little; `--instructions` counts the
instructions servgap executes instead (valgrind's cachegrind, one run, no DuckDB),
which do not depend on the load:

    python3 bench/servqual_bench.py --rows 100000 --instructions
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
PY = os.path.join(VENV, "bin", "python")

DUCKDB_SCRIPT = r"""
import sys, duckdb
path, mode = sys.argv[1], sys.argv[2]
items = range(1, 23)
cols = []
for i in items:
    cols += [f"count(*) FILTER (WHERE E{i} IS NOT NULL AND P{i} IS NOT NULL)",
             f"avg(E{i})", f"avg(P{i})", f"var_samp(E{i})", f"var_samp(P{i})",
             f"avg(P{i} - E{i})", f"var_samp(P{i} - E{i})"]
if mode == "covariances":
    names = [f"E{i}" for i in items] + [f"P{i}" for i in items]
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            cols.append(f"covar_samp({names[a]}, {names[b]})")
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
row = con.execute(f"SELECT {', '.join(cols)} FROM read_csv('{path}')").fetchone()
t = []
for k in range(22):
    n, _, _, _, _, g, vg = row[7 * k: 7 * k + 7]
    t.append(g / (vg / n) ** 0.5)
print(f"t(item 1) = {t[0]:.6f}")
"""


def ensure_duckdb():
    if not os.path.exists(PY):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    probe = subprocess.run([PY, "-c", "import duckdb; print(duckdb.__version__)"], capture_output=True, text=True)
    if probe.returncode != 0:
        subprocess.run([PY, "-m", "pip", "install", "--quiet", "duckdb"], check=True)
        probe = subprocess.run([PY, "-c", "import duckdb; print(duckdb.__version__)"], capture_output=True, text=True)
    return probe.stdout.strip()


def timed(cmd, repeat):
    """Best wall time (s) and peak RSS (MiB) of `cmd` over `repeat` runs."""
    best, peak, out = float("inf"), 0.0, ""
    for _ in range(repeat):
        # Output goes to files, not pipes: a child writing more than a pipe holds
        # would block while we wait for it.
        with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=out_file, stderr=err_file, text=True)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            out_file.seek(0)
            err_file.seek(0)
            out, err = out_file.read(), err_file.read()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"command failed: {' '.join(cmd)}\n{err}")
        best = min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak, out


def instructions(cmd):
    """Instructions executed by `cmd` (all threads), counted by cachegrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cachegrind.out")
        subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}"] + cmd,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            for line in f:
                if line.startswith("summary:"):
                    return int(line.split()[1])
    sys.exit("cachegrind wrote no summary")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--file", help="use this file instead of generating one")
    ap.add_argument("--instructions", action="store_true",
                    help="count servgap's instructions with cachegrind instead of timing both")
    args = ap.parse_args()

    path = args.file or os.path.join(HERE, "data", f"servqual_{args.rows}.csv")
    if not os.path.exists(path):
        print(f"generating {path} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_servqual.py"), "--rows", str(args.rows), "--out", path],
                       check=True)
    print("building servgap (release) …", flush=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "servgap-cli"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    servgap = os.path.join(target, "release", "servgap")
    if args.instructions:
        count = instructions([servgap, "analyze", path, "--format", "json", "--quiet"])
        rows = max(1, sum(1 for _ in open(path, "rb")) - 1)
        print(f"servgap analyze {path}: {count:,} instructions ({count / rows:,.0f} per row)")
        return
    version = ensure_duckdb()

    size = os.path.getsize(path) / 1e6
    print(f"\nfile: {path} ({size:.0f} MB), {os.cpu_count()} cores, best of {args.repeat}\n")
    rows = []
    wall, rss, out = timed([servgap, "analyze", path, "--format", "json", "--quiet"], args.repeat)
    t1 = json.loads(out)["items"][0]["comparisons"][0]["t"]["t"]
    rows.append(("servgap analyze (everything)", wall, rss, f"t(item 1) = {t1:.6f}"))
    for mode, label in (("moments", "duckdb: per-item moments + t"), ("covariances", "duckdb: + all covariances")):
        wall, rss, out = timed([PY, "-c", DUCKDB_SCRIPT, path, mode], args.repeat)
        rows.append((f"{label} ({version})", wall, rss, out.strip()))
    width = max(len(r[0]) for r in rows)
    print(f"{'command':<{width}}  {'wall s':>7}  {'peak MiB':>8}  check")
    for name, wall, rss, check in rows:
        print(f"{name:<{width}}  {wall:7.3f}  {rss:8.1f}  {check}")


if __name__ == "__main__":
    main()
