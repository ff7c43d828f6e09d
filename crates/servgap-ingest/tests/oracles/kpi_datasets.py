#!/usr/bin/env python3
"""Independent KPI computation on the three real help-desk datasets, with pandas/numpy.

The numbers it prints are pasted into crates/servgap-ingest/tests/it/tickets.rs, which
checks servgap's importers and KPI engine against them. CI runs no Python.

    python3 -m venv /tmp/kpi2-venv && /tmp/kpi2-venv/bin/pip install pandas numpy
    /tmp/kpi2-venv/bin/python crates/servgap-ingest/tests/oracles/kpi_datasets.py [SHARED]

SHARED defaults to ../shared beside the repository (or $SERVGAP_SHARED).

The definitions are servgap's (docs/kpi-definitions.md) applied to the example mapping
files in examples/kpi/mappings/, written out here from scratch with pandas:
  * ticket = case; events sorted by time (ties keep file order); the ticket starts "new";
  * a status event equal to the current status is ignored; a solve is a change into
    solved or closed from a status that is neither; a reopen is a change from solved/closed
    to anything else, "within the window" when it comes <= 7 days after the last solve;
  * first response = first agent reply - created; first resolution = first solve - created;
    full resolution = last solve - created when the ticket ends solved/closed;
  * requester wait = time spent in new, open or on-hold, for tickets that end solved/closed;
  * FCR = solved with exactly one agent reply and no reopen within the window;
  * quantiles: numpy's default (linear, Hyndman-Fan type 7) on whole seconds;
  * shares with a 95 % Wilson interval (z = 1.959963984540054).
"""
import json
import os
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SERVGAP_SHARED", os.path.join(REPO, "..", "shared"))
DATA = os.path.join(SHARED, "research-data", "kpi")
Z = 1.959963984540054
WEEK = 7 * 86400
DONE = {"solved", "closed"}


def wilson(successes, n):
    p = successes / n
    denom = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denom
    half = Z / denom * np.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return {"successes": int(successes), "n": int(n), "share": p, "low": centre - half, "high": centre + half}


def dist(values):
    a = np.asarray(values, dtype=np.int64)
    return {
        "n": int(a.size),
        "median": float(np.quantile(a, 0.5)),
        "p90": float(np.quantile(a, 0.9)),
        "mean": float(a.mean()),
        "min": int(a.min()),
        "max": int(a.max()),
    }


def local_seconds(text, fmt, zone):
    """Wall time in `zone` -> Unix seconds; fold=0 takes the earlier instant in a fold and
    moves a time in a gap forward by the gap, as jiff's "compatible" rule does."""
    dt = datetime.strptime(text, fmt).replace(tzinfo=ZoneInfo(zone))
    return int(dt.timestamp())


def walk(created, events):
    """events: list of (seconds, kind) in time order; kind is a status or 'reply'."""
    status, since = "new", created
    first_solve = last_solve = None
    reopened_within = False
    replies = 0
    first_reply = None
    waiting = 0
    for at, kind in events:
        if kind == "reply":
            replies += 1
            if first_reply is None:
                first_reply = at
            continue
        if kind == status:
            continue
        if status in ("new", "open", "on-hold"):
            waiting += at - since
        if kind in DONE and status not in DONE:
            first_solve = at if first_solve is None else first_solve
            last_solve = at
        elif status in DONE and kind not in DONE:
            if last_solve is not None and at - last_solve <= WEEK:
                reopened_within = True
        status, since = kind, at
    done = status in DONE
    return {
        "frt": None if first_reply is None else first_reply - created,
        "first_resolution": None if first_solve is None else first_solve - created,
        "full_resolution": last_solve - created if done and last_solve is not None else None,
        "requester_wait": waiting if done and last_solve is not None else None,
        "solved": first_solve is not None,
        "reopened_within": reopened_within,
        "fcr": first_solve is not None and replies == 1 and not reopened_within,
    }


def summarise(per_ticket):
    out = {}
    for key in ("frt", "first_resolution", "full_resolution", "requester_wait"):
        values = [t[key] for t in per_ticket if t[key] is not None]
        out[key] = dist(values) if values else None
    solved = [t for t in per_ticket if t["solved"]]
    out["reopen_within_7d"] = wilson(sum(t["reopened_within"] for t in solved), len(solved))
    out["fcr"] = wilson(sum(t["fcr"] for t in solved), len(solved))
    out["tickets"] = len(per_ticket)
    return out


def italian():
    df = pd.read_csv(os.path.join(DATA, "helpdesk_italian_eventlog.csv"), dtype=str, keep_default_na=False)
    df["order"] = np.arange(len(df))
    df["t"] = [local_seconds(s, "%Y/%m/%d %H:%M:%S.%f", "Europe/Rome") for s in df["Complete Timestamp"]]
    meaning = {
        "Take in charge ticket": ["open", "reply"],
        "Resolve ticket": ["solved"],
        "Closed": ["closed"],
        "Wait": ["pending"],
    }
    tickets = []
    for _, g in df.groupby("Case ID", sort=False):
        g = g.sort_values(["t", "order"], kind="stable")
        created = int(g["t"].min())
        events = [(int(t), kind) for t, a in zip(g["t"], g["Activity"]) for kind in meaning.get(a, [])]
        tickets.append(walk(created, events))
    out = summarise(tickets)
    # The README's own counts, for context: first "Resolve ticket" - first event (days), and
    # tickets "taken in charge again after a resolve" (any time later).
    first_event = df.groupby("Case ID")["t"].min()
    first_resolve = df[df["Activity"] == "Resolve ticket"].groupby("Case ID")["t"].min()
    days = (first_resolve - first_event.loc[first_resolve.index]) / 86400
    again = 0
    for _, g in df.sort_values(["Case ID", "t", "order"]).groupby("Case ID"):
        acts = list(g["Activity"])
        if "Resolve ticket" in acts and "Take in charge ticket" in acts[acts.index("Resolve ticket") + 1:]:
            again += 1
    out["readme_resolve_days"] = {"median": float(days.median()), "mean": float(days.mean()), "n": int(days.size)}
    out["readme_taken_again_after_resolve"] = again
    out["rows"] = len(df)
    return out


def servicenow():
    df = pd.read_csv(
        os.path.join(DATA, "servicenow_incident_event_log_first5998.csv"), dtype=str, keep_default_na=False
    )
    df["order"] = np.arange(len(df))
    fmt = "%d-%m-%Y %H:%M"
    df["t"] = [local_seconds(s, fmt, "UTC") for s in df["sys_updated_at"]]
    state = {
        "New": "new", "Active": "open", "Awaiting User Info": "pending", "Awaiting Problem": "on-hold",
        "Awaiting Vendor": "on-hold", "Awaiting Evidence": "on-hold", "Resolved": "solved", "Closed": "closed",
    }
    tickets, rejected, flag = [], [], {"yes": 0, "no": 0}
    by_priority = {}
    for number, g in df.groupby("number", sort=False):
        created = local_seconds(g["opened_at"].iloc[0], fmt, "UTC")
        if (g["t"] < created).any():
            # Issue 13: opened_at (user-entered) later than the first audit row: the earlier
            # time is the creation; the incident is kept (finding created-after-first-event).
            rejected.append(number)
            created = int(g["t"].min())
        g = g.sort_values(["t", "order"], kind="stable")
        result = walk(created, [(int(t), state[s]) for t, s in zip(g["t"], g["incident_state"])])
        tickets.append(result)
        last = df[df["number"] == number].iloc[-1]
        by_priority.setdefault(last["priority"], []).append(result)
        flag["yes" if last["made_sla"] == "TRUE" else "no"] += 1
    out = summarise(tickets)
    out["created_moved_to_first_event"] = len(rejected)
    out["made_sla"] = wilson(flag["yes"], flag["yes"] + flag["no"])
    out["first_resolution_by_priority"] = {
        p: dist([t["first_resolution"] for t in ts if t["first_resolution"] is not None])
        for p, ts in sorted(by_priority.items())
    }
    out["rows"] = len(df)
    return out


def cfpb():
    df = pd.read_csv(os.path.join(DATA, "cfpb_complaints_sample_1000.csv"), dtype=str, keep_default_na=False)
    timely = df["Timely response?"]
    return {
        "rows": len(df),
        "timely": wilson(int((timely == "Yes").sum()), int(timely.isin(["Yes", "No"]).sum())),
        "channels": {k: int(v) for k, v in df["Submitted via"].value_counts().sort_index().items()},
        "months": int(pd.to_datetime(df["Date received"]).dt.to_period("M").nunique()),
        "created_2025_12": int((pd.to_datetime(df["Date received"]).dt.to_period("M") == "2025-12").sum()),
    }


if __name__ == "__main__":
    print(json.dumps({"italian": italian(), "servicenow": servicenow(), "cfpb": cfpb()}, indent=1))
