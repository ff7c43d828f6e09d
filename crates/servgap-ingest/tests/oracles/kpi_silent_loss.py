#!/usr/bin/env python3
"""Independent check (pandas) of issue 13's "nothing silently lost" numbers on the three
real help-desk datasets. Its output is pasted into crates/servgap-ingest/tests/it/issue13.rs.

    /tmp/kpi2-venv/bin/python crates/servgap-ingest/tests/oracles/kpi_silent_loss.py [SHARED]

Rules, written out from docs/kpi-definitions.md and docs/kpi-mapping-format.md (issue 13):
  * ServiceNow: a case whose opened_at is later than its first audit row is created at the
    earlier time (kept, not rejected); made_sla is read from the case's last row.
  * Right-censoring of the reopen window (7 days): end = latest instant in the data (created
    or any event); tickets first solved on or after the local date of (end - 7 days) are left
    out of the reopen rate.
  * Backlog: a ticket is open from creation (or a reopen) to its solve; counted at the daily
    23:00 snapshot in the reporting zone; every day between the first and last period listed.
  * CFPB: a status ("Company response to consumer") starting with "Closed" marks a complaint
    closed without a time: not open backlog.
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SERVGAP_SHARED", os.path.join(REPO, "..", "shared"))
WEEK = 7 * 86400
DONE = {"solved", "closed"}


def seconds(text, fmt, zone):
    return int(datetime.strptime(text, fmt).replace(tzinfo=ZoneInfo(zone)).timestamp())


def local_date(second, zone):
    return datetime.fromtimestamp(second, ZoneInfo(zone)).date()


def walk(created, events):
    """Status walk of one ticket: first solve, reopen within 7 days, open ranges."""
    status, first_solve, last_solve, reopened = "new", None, None, False
    ranges, open_from = [], created
    for at, kind in events:
        if kind == "reply" or kind == status:
            continue
        if kind in DONE and status not in DONE:
            first_solve = at if first_solve is None else first_solve
            last_solve = at
            ranges.append((open_from, at))
        elif status in DONE and kind not in DONE:
            if at - last_solve <= WEEK:
                reopened = True
            open_from = at
        status = kind
    if status not in DONE:
        ranges.append((open_from, None))
    return {"first_solve": first_solve, "reopened": reopened, "ranges": ranges, "created": created}


def censored_reopen(tickets, end, zone):
    cut = local_date(end - WEEK, zone)
    solved = [t for t in tickets if t["first_solve"] is not None]
    kept = [t for t in solved if local_date(t["first_solve"], zone) < cut]
    return {
        "censored_from": str(cut),
        "censored": len(solved) - len(kept),
        "reopened": sum(t["reopened"] for t in kept),
        "n": len(kept),
        "uncensored_reopened": sum(t["reopened"] for t in solved),
        "uncensored_n": len(solved),
    }


def snapshot_day(second, zone):
    """The local date of the first 23:00 snapshot at or after `second`."""
    local = datetime.fromtimestamp(second, ZoneInfo(zone))
    snap = local.replace(hour=23, minute=0, second=0, microsecond=0)
    return local.date() if local <= snap else local.date() + timedelta(days=1)


def daily_backlog(tickets, zone):
    changes = {}
    for t in tickets:
        for start, end in t["ranges"]:
            a = snapshot_day(start, zone)
            b = None if end is None else snapshot_day(end, zone)
            if a == b:
                continue
            changes[a] = changes.get(a, 0) + 1
            if b is not None:
                changes[b] = changes.get(b, 0) - 1
    return changes


def backlog_on(changes, day):
    return sum(c for d, c in changes.items() if d <= day)


def servicenow():
    path = os.path.join(REPO, "testdata", "kpi", "servicenow_incident_event_log_first5998.csv")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["order"] = np.arange(len(df))
    fmt = "%d-%m-%Y %H:%M"
    df["t"] = [seconds(s, fmt, "UTC") for s in df["sys_updated_at"]]
    state = {
        "New": "new", "Active": "open", "Awaiting User Info": "pending", "Awaiting Problem": "on-hold",
        "Awaiting Vendor": "on-hold", "Awaiting Evidence": "on-hold", "Resolved": "solved", "Closed": "closed",
    }
    tickets, moved, made_sla_moved, flag = [], 0, 0, {"yes": 0, "no": 0}
    for _, g in df.groupby("number", sort=False):
        opened = seconds(g["opened_at"].iloc[0], fmt, "UTC")
        first = int(g["t"].min())
        last = g.iloc[-1]
        if first < opened:
            moved += 1
            made_sla_moved += last["made_sla"] == "TRUE"
        created = min(opened, first)
        g = g.sort_values(["t", "order"], kind="stable")
        tickets.append(walk(created, [(int(t), state[s]) for t, s in zip(g["t"], g["incident_state"])]))
        flag["yes" if last["made_sla"] == "TRUE" else "no"] += 1
    end = int(df["t"].max())
    changes = daily_backlog(tickets, "UTC")
    first_day = min(local_date(t["created"], "UTC") for t in tickets)
    last_day = max(
        [local_date(t["created"], "UTC") for t in tickets]
        + [local_date(t["first_solve"], "UTC") for t in tickets if t["first_solve"]]
    )
    days = (last_day - first_day).days + 1
    active_days = len(
        {local_date(t["created"], "UTC") for t in tickets}
        | {local_date(t["first_solve"], "UTC") for t in tickets if t["first_solve"]}
    )
    sept = [backlog_on(changes, datetime(2016, 9, d).date()) for d in range(1, 31)]
    return {
        "tickets": len(tickets),
        "created_moved_to_first_event": moved,
        "made_sla_true_among_moved": int(made_sla_moved),
        "made_sla": flag,
        "reopen": censored_reopen(tickets, end, "UTC"),
        "days_listed": days,
        "days_with_activity": active_days,
        "backlog_2016_09_min_max": [min(sept), max(sept)],
        "backlog_at_end": backlog_on(changes, last_day),
    }


def italian():
    path = os.path.join(SHARED, "research-data", "kpi", "helpdesk_italian_eventlog.csv")
    if not os.path.exists(path):
        return None
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["order"] = np.arange(len(df))
    df["t"] = [seconds(s, "%Y/%m/%d %H:%M:%S.%f", "Europe/Rome") for s in df["Complete Timestamp"]]
    meaning = {"Take in charge ticket": ["open", "reply"], "Resolve ticket": ["solved"], "Closed": ["closed"], "Wait": ["pending"]}
    tickets = []
    for _, g in df.groupby("Case ID", sort=False):
        g = g.sort_values(["t", "order"], kind="stable")
        events = [(int(t), k) for t, a in zip(g["t"], g["Activity"]) for k in meaning.get(a, [])]
        tickets.append(walk(int(g["t"].min()), events))
    end = int(df["t"].max())
    return {"tickets": len(tickets), "reopen": censored_reopen(tickets, end, "Europe/Rome")}


def cfpb():
    path = os.path.join(REPO, "testdata", "kpi", "cfpb_complaints_sample_1000.csv")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    status = df["Company response to consumer"]
    closed = status.str.match(r"(?i)^(closed|solved|resolved)\b")
    return {"rows": len(df), "closed_per_status": int(closed.sum()), "open_backlog": int((~closed).sum())}


if __name__ == "__main__":
    print(json.dumps({"servicenow": servicenow(), "italian": italian(), "cfpb": cfpb()}, indent=1, default=str))
