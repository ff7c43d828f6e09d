#!/usr/bin/env python3
"""Issue 13: profile-dependent KPIs recomputed independently with pandas/numpy.

The numbers it prints are pasted into crates/servgap-cli/tests/it/kpi.rs
(`issue_13_*` tests), which run `servgap kpi --definitions ... --reconcile`. CI runs no Python.

    python3 -m venv /tmp/kpi3-venv && /tmp/kpi3-venv/bin/pip install pandas numpy
    /tmp/kpi3-venv/bin/python crates/servgap-ingest/tests/oracles/kpi_profiles.py [SHARED]

Written from the definitions in docs/kpi-definitions.md ("Definition profiles"), not from
servgap's code:
  * FCR, servgap: first-solved tickets with exactly one agent reply and no reopen within
    7 days of the solve before it; Zendesk: first-solved tickets with fewer than two agent
    replies; Zammad: first solve strictly less than 900 s after creation.
  * reopen rate: share of first-solved tickets with a reopen within 7 days (window) or with
    any reopen (counter: ServiceNow, Zammad).
  * full resolution (tickets ending solved/closed): created -> last solve; Zammad: created ->
    the change into closed when the ticket ends closed.
  * business time: Rome calendar Monday-Friday 09:00-13:00 and 14:00-18:00 (no holidays),
    real seconds; servgap subtracts time in pending/on-hold, Zendesk subtracts nothing.
    "Affected" = tickets whose two business full-resolution times differ.
  * quantiles: numpy's default (type 7).
Event meanings: those of examples/kpi/mappings/helpdesk-italian.toml and servicenow-incidents.toml.
"""
import json
import os
import sys
from datetime import datetime, timedelta, time
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SERVGAP_SHARED", os.path.join(REPO, "..", "shared"))
DATA = os.path.join(SHARED, "research-data", "kpi")
WEEK = 7 * 86400
DONE = {"solved", "closed"}
ROME = ZoneInfo("Europe/Rome")
SHIFTS = [(time(9), time(13)), (time(14), time(18))]


def local_seconds(text, fmt, zone):
    return int(datetime.strptime(text, fmt).replace(tzinfo=ZoneInfo(zone)).timestamp())


def working_ranges(a, b):
    """Working [start, end) instants of the Rome calendar overlapping [a, b)."""
    day = datetime.fromtimestamp(a, ROME).date()
    last = datetime.fromtimestamp(b, ROME).date()
    while day <= last:
        if day.weekday() < 5:
            for start, end in SHIFTS:
                s = int(datetime.combine(day, start, ROME).timestamp())
                e = int(datetime.combine(day, end, ROME).timestamp())
                lo, hi = max(s, a), min(e, b)
                if lo < hi:
                    yield lo, hi
        day += timedelta(days=1)


def business(a, b, pauses):
    total = 0
    for lo, hi in working_ranges(a, b):
        total += hi - lo
        for p0, p1 in pauses:
            x, y = max(lo, p0), min(hi, p1)
            if x < y:
                total -= y - x
    return total


def walk(created, events):
    """events: (seconds, kind) in time order; kind is a status or 'reply'."""
    status, since = "new", created
    first_solve = last_solve = entered_closed = None
    within = anytime = False
    replies = 0
    pauses = []
    for at, kind in events:
        if kind == "reply":
            replies += 1
            continue
        if kind == status:
            continue
        if status in ("pending", "on-hold") and since < at:
            pauses.append((since, at))
        if kind in DONE and status not in DONE:
            first_solve = at if first_solve is None else first_solve
            last_solve = at
        elif status in DONE and kind not in DONE:
            anytime = True
            if last_solve is not None and at - last_solve <= WEEK:
                within = True
        if kind == "closed":
            entered_closed = at
        status, since = kind, at
    if status in ("pending", "on-hold"):
        pauses.append((since, 2**62))
    done = status in DONE
    return dict(
        created=created, first_solve=first_solve, replies=replies, within=within, anytime=anytime,
        full_end=last_solve if done else None,
        close_end=(entered_closed if status == "closed" else last_solve) if done else None,
        pauses=pauses,
    )


def share(flags):
    return {"successes": int(sum(flags)), "n": len(flags), "share": float(np.mean(flags))}


def profiles(tickets, with_business):
    solved = [t for t in tickets if t["first_solve"] is not None]
    out = {
        "fcr_servgap": share([t["replies"] == 1 and not t["within"] for t in solved]),
        "fcr_zendesk": share([t["replies"] < 2 for t in solved]),
        "fcr_zammad": share([t["first_solve"] - t["created"] < 900 for t in solved]),
        "reopen_window": share([t["within"] for t in solved]),
        "reopen_counter": share([t["anytime"] for t in solved]),
    }
    full = [t for t in tickets if t["full_end"] is not None]
    out["full_calendar_median_s"] = float(np.quantile([t["full_end"] - t["created"] for t in full], 0.5))
    out["full_calendar_median_close_s"] = float(np.quantile([t["close_end"] - t["created"] for t in full], 0.5))
    if with_business:
        paused = [business(t["created"], t["full_end"], t["pauses"]) for t in full]
        unpaused = [business(t["created"], t["full_end"], []) for t in full]
        out["full_business_median_h_servgap"] = float(np.quantile(paused, 0.5)) / 3600
        out["full_business_median_h_zendesk"] = float(np.quantile(unpaused, 0.5)) / 3600
        out["full_business_n"] = len(full)
        out["full_business_affected"] = int(sum(p != u for p, u in zip(paused, unpaused)))
    return out


def italian():
    df = pd.read_csv(os.path.join(DATA, "helpdesk_italian_eventlog.csv"), dtype=str, keep_default_na=False)
    df["order"] = np.arange(len(df))
    df["t"] = [local_seconds(s, "%Y/%m/%d %H:%M:%S.%f", "Europe/Rome") for s in df["Complete Timestamp"]]
    meaning = {"Take in charge ticket": ["open", "reply"], "Resolve ticket": ["solved"], "Closed": ["closed"],
               "Wait": ["pending"]}
    tickets = []
    for _, g in df.groupby("Case ID", sort=False):
        g = g.sort_values(["t", "order"], kind="stable")
        events = [(int(t), k) for t, a in zip(g["t"], g["Activity"]) for k in meaning.get(a, [])]
        tickets.append(walk(int(g["t"].min()), events))
    return profiles(tickets, True)


def servicenow():
    df = pd.read_csv(os.path.join(DATA, "servicenow_incident_event_log_first5998.csv"), dtype=str,
                     keep_default_na=False)
    df["order"] = np.arange(len(df))
    fmt = "%d-%m-%Y %H:%M"
    df["t"] = [local_seconds(s, fmt, "UTC") for s in df["sys_updated_at"]]
    state = {"New": "new", "Active": "open", "Awaiting User Info": "pending", "Awaiting Problem": "on-hold",
             "Awaiting Vendor": "on-hold", "Awaiting Evidence": "on-hold", "Resolved": "solved", "Closed": "closed"}
    tickets = []
    for _, g in df.groupby("number", sort=False):
        # Issue 13: an opened_at later than the first audit row gives way to that row's time.
        created = min(local_seconds(g["opened_at"].iloc[0], fmt, "UTC"), int(g["t"].min()))
        last = g.iloc[-1]  # counters of the incident's last row, in file order
        g = g.sort_values(["t", "order"], kind="stable")
        t = walk(created, [(int(t), state[s]) for t, s in zip(g["t"], g["incident_state"])])
        t["reassignments"] = int(last["reassignment_count"])
        t["reopen_count"] = int(last["reopen_count"])
        tickets.append(t)
    out = profiles(tickets, False)
    solved = [t for t in tickets if t["first_solve"] is not None]
    # ServiceNow profile: first assignment resolution = first-solved and never reassigned;
    # reopen counter = a reopen event at any time or reopen_count > 0.
    out["fcr_servicenow_first_assignment"] = share([t["reassignments"] == 0 for t in solved])
    out["reopen_counter_with_reopen_count"] = share([t["anytime"] or t["reopen_count"] > 0 for t in solved])
    out["tickets"] = len(tickets)
    return out


def cfpb():
    """CFPB: one row per complaint, dates only. Which profile-dependent inputs exist at all?"""
    df = pd.read_csv(os.path.join(DATA, "cfpb_complaints_sample_1000.csv"), dtype=str, keep_default_na=False)
    status = df["Company response to consumer"]
    closed = status.str.split(r"[^A-Za-z0-9]", n=1, regex=True).str[0].str.lower().isin(["solved", "closed", "resolved"])
    date_columns = [c for c in df.columns if c.lower().startswith("date")]
    return {
        "rows": len(df),
        "closed_per_status": int(closed.sum()),
        "open_backlog": int((~closed).sum()),
        # No column gives a reply, a solve or close time, or a status history: FCR, reopen and
        # resolution time cannot be computed under any profile.
        "date_columns": date_columns,
        "timely_yes": int((df["Timely response?"] == "Yes").sum()),
        "timely_no": int((df["Timely response?"] == "No").sum()),
    }


if __name__ == "__main__":
    print(json.dumps({"italian": italian(), "servicenow": servicenow(), "cfpb": cfpb()}, indent=1))
