#!/usr/bin/env python3
"""Times `servgap kpi` beside DuckDB on the same ticket file: monthly median and p90
first-response time by channel. One run, both figures, and a check that they agree.

    python3 bench/kpi_bench.py                      # 10,000,000 tickets (generated once, ~800 MB)
    python3 bench/kpi_bench.py --rows 1000000 --repeat 5

What each side computes, per (calendar month of creation in UTC, channel):
  servgap  `servgap kpi FILE --by channel --period month --zone UTC --kpi first-response
           --threads 2 --format json`: exact median and p90 (type 7) of first-response
           seconds, plus n, mean, min, max, created/solved counts, FCR and reopen shares;
           and, on a second line, the same with every KPI (all histograms and the backlog);
  duckdb   quantile_cont(first_response - created, [0.5, 0.9]) grouped by month and channel
           (type 7 as well), with DuckDB's default threads (all cores) and with 2 threads.

Each command runs in its own process; wall time is the best of --repeat runs and peak
memory is the child's maximum resident set size. DuckDB and numpy come from PyPI into
bench/.venv (gitignored), created on first use.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
PY = os.path.join(VENV, "bin", "python")

DUCKDB_SCRIPT = r"""
import sys, json, duckdb
path, threads = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute("SET TimeZone = 'UTC'")
if threads != "default":
    con.execute(f"SET threads = {int(threads)}")
rows = con.execute(f'''
    SELECT strftime(date_trunc('month', created), '%Y-%m-%d') AS month, channel,
           count(*) AS n,
           quantile_cont(epoch(first_response) - epoch(created), [0.5, 0.9]) AS q
    FROM read_csv('{path}', header = true,
                  columns = {{'id': 'BIGINT', 'created': 'TIMESTAMPTZ', 'first_response': 'TIMESTAMPTZ',
                             'solved': 'TIMESTAMPTZ', 'channel': 'VARCHAR'}})
    WHERE first_response IS NOT NULL
    GROUP BY ALL ORDER BY ALL''').fetchall()
print(json.dumps([[m, c, n, q[0], q[1]] for m, c, n, q in rows]))
"""


def ensure_venv():
    if not os.path.exists(PY):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    for module in ("duckdb", "numpy"):
        probe = subprocess.run([PY, "-c", f"import {module}"], capture_output=True)
        if probe.returncode != 0:
            subprocess.run([PY, "-m", "pip", "install", "--quiet", module], check=True)
    out = subprocess.run([PY, "-c", "import duckdb; print(duckdb.__version__)"], capture_output=True, text=True)
    return out.stdout.strip()


def timed_rss(cmd, repeat):
    """Best wall time (s) and peak RSS (MiB) of `cmd` over `repeat` runs, and its last stdout."""
    best, peak, out = float("inf"), 0.0, ""
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Read stdout fully before waiting, so a large output cannot block the child.
        stdout = proc.stdout.read()
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"command failed: {' '.join(cmd)}\n{stderr.decode()}")
        out = stdout.decode()
        best = min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak, out


def servgap_cells(report):
    cells = {}
    for g in report["periods"]:
        seg = g["segment"]
        if seg["dimension"] != "channel":
            continue
        d = next((d for d in g["durations"] if d["kpi"] == "first-response" and d["clock"] == "calendar"), None)
        if d:
            cells[(g["period_start"], seg["value"])] = (d["n"], d["median"], d["p90"])
    return cells


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--file", help="use this file instead of generating one")
    ap.add_argument("--skip-all", action="store_true", help="skip the every-KPI servgap run")
    ap.add_argument("--servgap", help="use this servgap binary instead of building the release one")
    args = ap.parse_args()

    version = ensure_venv()
    path = args.file or os.path.join(HERE, "data", f"tickets_{args.rows}.csv")
    if not os.path.exists(path):
        print(f"generating {path} …", flush=True)
        subprocess.run([PY, os.path.join(HERE, "gen_tickets.py"), "--rows", str(args.rows), "--out", path], check=True)
    servgap = args.servgap
    if not servgap:
        print("building servgap (release) …", flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "servgap-cli"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        servgap = os.path.join(target, "release", "servgap")

    size = os.path.getsize(path) / 1e6
    load = os.getloadavg()[0]
    print(f"\nfile: {path} ({size:.0f} MB), {os.cpu_count()} cores, load {load:.2f}, best of {args.repeat}\n")
    base = [servgap, "kpi", path, "--by", "channel", "--period", "month", "--zone", "UTC", "--threads", "2",
            "--format", "json"]
    rows = []
    wall, rss, out = timed_rss(base + ["--kpi", "first-response"], args.repeat)
    ours = servgap_cells(json.loads(out))
    rows.append(("servgap kpi --kpi first-response (2 threads)", wall, rss))
    if not args.skip_all:
        wall, rss, _ = timed_rss(base, max(1, args.repeat - 1))
        rows.append(("servgap kpi, every KPI (2 threads)", wall, rss))
    theirs = None
    for threads in ("default", "2"):
        wall, rss, out = timed_rss([PY, "-c", DUCKDB_SCRIPT, path, threads], args.repeat)
        theirs = {(m, c): (n, a, b) for m, c, n, a, b in json.loads(out)}
        label = "all cores" if threads == "default" else "2 threads"
        rows.append((f"duckdb {version} quantile_cont ({label})", wall, rss))

    width = max(len(r[0]) for r in rows)
    print(f"{'command':<{width}}  {'wall s':>7}  {'peak MiB':>8}")
    for name, wall, rss in rows:
        print(f"{name:<{width}}  {wall:7.3f}  {rss:8.1f}")

    # The numbers must agree cell by cell.
    if set(ours) != set(theirs):
        sys.exit(f"\ncells differ: servgap {len(ours)}, duckdb {len(theirs)}")
    worst = 0.0
    for key, (n, med, p90) in ours.items():
        tn, tmed, tp90 = theirs[key]
        if n != tn:
            sys.exit(f"\n{key}: n {n} vs {tn}")
        worst = max(worst, abs(med - tmed), abs(p90 - tp90))
    print(f"\ncheck: {len(ours)} (month, channel) cells, n equal, largest |difference| of median/p90 = {worst:.3g} s")
    if worst > 1e-6:
        sys.exit("numbers disagree")


if __name__ == "__main__":
    main()
