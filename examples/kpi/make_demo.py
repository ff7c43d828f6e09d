#!/usr/bin/env python3
"""Writes examples/kpi/demo-tickets.csv: 400 synthetic help-desk tickets with
Zendesk-style export headers (seeded, so the file is reproducible).

    python3 examples/kpi/make_demo.py

Columns as Zendesk's CSV export names them: Id, Created at, Solved at, Status, Via,
Priority, Group, Requester, First reply time in minutes, Replies, Satisfaction Score.
Times carry a UTC offset (+01:00 / +02:00, Warsaw). Two rows are deliberately broken
(a solve before creation, an unreadable timestamp) to show the data-quality report.
"""
import os
import random
from datetime import datetime, timedelta, timezone

random.seed(20260401)
HERE = os.path.dirname(os.path.abspath(__file__))
CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


def warsaw(dt):
    """Naive Warsaw wall time -> aware datetime (DST from the last Sunday of March to that of October)."""
    def last_sunday(year, month):
        d = datetime(year, month + 1, 1) - timedelta(days=1)
        return d - timedelta(days=(d.weekday() + 1) % 7)
    start = last_sunday(dt.year, 3).replace(hour=2)
    end = last_sunday(dt.year, 10).replace(hour=3)
    return dt.replace(tzinfo=CEST if start <= dt < end else CET)


def fmt(dt):
    return dt.isoformat(timespec="seconds")


rows = []
start = datetime(2026, 1, 2, 0, 0)
channels = [("email", 0.45, 300), ("web", 0.30, 240), ("chat", 0.15, 20), ("phone", 0.10, 5)]
for i in range(400):
    created = start + timedelta(minutes=random.randint(0, 180 * 24 * 60))
    # Most tickets arrive in office hours.
    if random.random() < 0.8:
        created = created.replace(hour=random.randint(8, 15))
    r = random.random()
    acc = 0.0
    for name, p, median_minutes in channels:
        acc += p
        if r <= acc:
            channel, frt_median = name, median_minutes
            break
    frt = max(1, int(random.lognormvariate(0, 1.1) * frt_median))
    replies = 1 + int(random.expovariate(0.9))
    solved_after = frt + int(random.lognormvariate(0, 1.2) * 60 * 24)
    status = random.choices(["closed", "solved", "open", "pending"], [0.55, 0.3, 0.1, 0.05])[0]
    answered = not (status == "open" and random.random() < 0.5)
    created_aware = warsaw(created)
    solved = fmt(warsaw(created + timedelta(minutes=solved_after))) if status in ("closed", "solved") else ""
    csat = ""
    if status in ("closed", "solved"):
        csat = random.choices(["Good", "Bad", "Offered", "Unoffered"], [0.55, 0.08, 0.25, 0.12])[0]
    rows.append([
        str(1000 + i),
        fmt(created_aware),
        solved,
        status,
        channel,
        random.choices(["low", "normal", "high", "urgent"], [0.2, 0.55, 0.2, 0.05])[0],
        random.choices(["Support", "tier2"], [0.8, 0.2])[0],
        f"customer{random.randint(1, 250)}@example.com",
        str(frt) if answered else "",
        str(replies) if answered else "0",
        csat,
    ])
rows.sort(key=lambda r: r[1])
# Two broken rows for the data-quality report.
rows[10][2] = fmt(datetime.fromisoformat(rows[10][1]) - timedelta(hours=3))  # solved before created
rows[20][1] = "2026-02-30 10:00"  # no such date

header = ["Id", "Created at", "Solved at", "Status", "Via", "Priority", "Group", "Requester",
          "First reply time in minutes", "Replies", "Satisfaction Score"]
with open(os.path.join(HERE, "demo-tickets.csv"), "w", newline="") as f:
    f.write(",".join(header) + "\n")
    for r in rows:
        f.write(",".join(r) + "\n")
print(f"wrote {len(rows)} tickets")
