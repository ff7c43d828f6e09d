#!/usr/bin/env python3
"""Times `servgap diagnose` on a gap study against `servgap analyze` plus `servgap kpi` on
the same files (issue 14): a diagnosis must stay within their time and memory together.

    python3 bench/diagnose_bench.py                                   # 1,000,000 responses, 10,000,000 tickets
    python3 bench/diagnose_bench.py --responses 20000 --tickets 200000 --servgap target/debug/servgap

The study (bench/data/study_<responses>_<tickets>/, gitignored) has one wave and no units
(the implicit unit `all`): the customer survey from bench/gen_servqual.py, the ticket file
from bench/gen_tickets.py, a targets file with a first-response SLA and a median target,
one standard on the SLA, one promise ("we reply within 2 hours") and a judged gap.

What runs, each in its own process (wall time is the best of --repeat runs, memory the
child's peak resident set size):
  analyze   servgap analyze customers.csv --format json
  kpi       servgap kpi tickets.csv --targets targets.toml --format json
  diagnose  servgap diagnose STUDY --format json   (reads both files, computes gaps 1-5,
            KPI gaps and the register)
and the check that diagnose's KPI and gap-5 numbers are the ones analyze and kpi print
(the pipeline calls them; tests/it/diagnose.rs asserts it to the bit on the demo study).
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TARGETS = """[[sla]]
name = "frt-8h"
metric = "first-response"
within = "8h"
clock = "calendar"

[[target]]
kpi = "first-response"
statistic = "median"
clock = "calendar"
target = "1h"
minimum = "4h"

[[target]]
kpi = "sla:frt-8h"
target = "90%"
"""

STUDY = """name = "Benchmark study"
slug = "bench"

[[departments]]
slug = "customer-service"

[[waves]]
slug = "w1"
start = 2024-01-01
end = 2025-12-31

[waves.customer_survey]
file = "customers.csv"

[waves.helpdesk]
file = "tickets.csv"
targets = "targets.toml"

[registers]
standards = "standards.csv"
promises = "promises.toml"
qualitative = "notes.toml"
"""

STANDARDS = "slug,title,items,kpi,target,owner\nfrt-8h,First reply within 8 hours,10;11,sla:frt-8h,90%,customer-service\n"
PROMISES = """[[promise]]
slug = "reply-2h"
text = "We reply within two hours."
kpi = "first-response.calendar"
within = "2h"
items = ["10", "11", "12"]
departments = ["customer-service"]
"""
NOTES = """[[gap]]
slug = "handover"
description = "Complaints lose their history between teams."
departments = ["customer-service"]
impact = "high"
urgency = "medium"
"""


def timed_rss(cmd, repeat):
    """Best wall time (s) and peak RSS (MiB) of `cmd` over `repeat` runs, and its last stdout."""
    best, peak, out = float("inf"), 0.0, ""
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_study(folder, responses, tickets):
    os.makedirs(folder, exist_ok=True)
    customers = os.path.join(folder, "customers.csv")
    if not os.path.exists(customers):
        print(f"generating {customers} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_servqual.py"), "--rows", str(responses),
                        "--out", customers], check=True)
    ticket_file = os.path.join(folder, "tickets.csv")
    if not os.path.exists(ticket_file):
        print(f"generating {ticket_file} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_tickets.py"), "--rows", str(tickets),
                        "--out", ticket_file], check=True)
    for name, text in [("study.toml", STUDY), ("targets.toml", TARGETS), ("standards.csv", STANDARDS),
                       ("promises.toml", PROMISES), ("notes.toml", NOTES)]:
        write(os.path.join(folder, name), text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--responses", type=int, default=1_000_000)
    ap.add_argument("--tickets", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--servgap", help="use this servgap binary instead of building the release one")
    args = ap.parse_args()

    folder = os.path.join(HERE, "data", f"study_{args.responses}_{args.tickets}")
    make_study(folder, args.responses, args.tickets)
    servgap = args.servgap
    if not servgap:
        print("building servgap (release) …", flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "servgap-cli"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        servgap = os.path.join(target, "release", "servgap")

    load = os.getloadavg()[0]
    print(f"\nstudy: {folder} ({args.responses:,} responses, {args.tickets:,} tickets), "
          f"{os.cpu_count()} cores, load {load:.2f}, best of {args.repeat}\n")
    runs = {
        "analyze": [servgap, "analyze", os.path.join(folder, "customers.csv"), "--format", "json"],
        "kpi": [servgap, "kpi", os.path.join(folder, "tickets.csv"), "--targets",
                os.path.join(folder, "targets.toml"), "--format", "json"],
        "diagnose": [servgap, "diagnose", folder, "--format", "json"],
    }
    results = {name: timed_rss(cmd, args.repeat) for name, cmd in runs.items()}
    for name, (seconds, mib, _) in results.items():
        print(f"{name:<10} {seconds:8.2f} s  {mib:8.1f} MiB peak")
    both_time = results["analyze"][0] + results["kpi"][0]
    both_mib = max(results["analyze"][1], results["kpi"][1])
    print(f"{'analyze+kpi':<10} {both_time:8.2f} s  {both_mib:8.1f} MiB peak (the larger of the two)")
    seconds, mib, report = results["diagnose"]
    verdict = "within" if seconds <= both_time * 1.05 and mib <= results["analyze"][1] + results["kpi"][1] else "OVER"
    print(f"\ndiagnose: {seconds / both_time:.2f}x the time of analyze+kpi, "
          f"{mib / both_mib:.2f}x the larger peak memory: {verdict} budget")
    if '"g5/' not in report or '"kpi/' not in report or '"g4/promise/reply-2h"' not in report:
        sys.exit("the diagnosis lacks a gap-5, KPI or promise gap")


if __name__ == "__main__":
    main()
