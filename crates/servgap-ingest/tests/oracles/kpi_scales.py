#!/usr/bin/env python3
"""Issue 13: satisfaction scales (CSAT 1-7 and binary, CES 1-5 and 1-7, NPS) recomputed
independently with statsmodels/numpy, and the responses-file join of the CLI test fixture.

    python3 crates/servgap-ingest/tests/oracles/kpi_scales.py

Its output is pasted into crates/servgap-core/src/kpi/tests.rs
(`issue_13_csat_on_one_to_seven_and_binary_and_ces_on_one_to_five`) and
crates/servgap-cli/tests/it/kpi_profiles.rs (`issue_13_responses_file_*`). CI runs no Python.

Definitions (docs/kpi-definitions.md): CSAT = share of answers in the top two boxes
(6-7 on 1-7, 4-5 on 1-5, 1 on binary) with a 95 % Wilson interval; CES mean of the
answers and share agreeing (4-5 on 1-5, 5-7 on 1-7); NPS = 100 (promoters 9-10 minus
detractors 0-6) / n.
"""
import json

import numpy as np
from statsmodels.stats.proportion import proportion_confint


def share(good, n):
    low, high = proportion_confint(good, n, alpha=0.05, method="wilson")
    return {"successes": int(good), "n": int(n), "share": good / n, "low": float(low), "high": float(high)}


def csat(answers, good_from):
    a = np.array(answers)
    return share(int((a >= good_from).sum()), len(a))


def ces(answers, agree_from):
    a = np.array(answers)
    return {"mean": float(a.mean()), "agree": share(int((a >= agree_from).sum()), len(a))}


def nps(answers):
    a = np.array(answers)
    return 100.0 * (float((a >= 9).mean()) - float((a <= 6).mean()))


out = {
    "csat_1_7": csat([7, 6, 5, 2, 7], 6),
    "csat_binary": csat([1, 0, 1, 1], 1),
    "ces_1_5": ces([5, 4, 3, 1, 4, 2], 4),
    "ces_1_5_read_as_1_7": ces([5, 4, 3, 1, 4, 2], 5),
}

# The responses-file fixture of the CLI test: tickets t1..t4; responses (ticket, time, csat 1-7,
# nps, ces 1-5), in file order. t2 answered twice (the later response by time counts, though it is
# the earlier row); t9 is unknown; one row
# has no ticket id (rejected).
responses = [
    ("t1", "2026-03-03T10:00:00Z", 7, 10, 5),
    ("t2", "2026-03-04T09:00:00Z", 6, 9, 4),
    ("t2", "2026-03-03T11:00:00Z", 3, 6, 2),
    ("t3", "2026-03-05T10:00:00Z", 5, 7, 3),
    ("t9", "2026-03-05T10:00:00Z", 7, 10, 5),
    ("", "2026-03-05T10:00:00Z", 7, 10, 5),
]
known = {"t1", "t2", "t3", "t4"}
latest = {}
for ticket, at, *scores in responses:
    if ticket and ticket in known and (ticket not in latest or at >= latest[ticket][0]):
        latest[ticket] = (at, scores)
joined = [scores for _, scores in latest.values()]
out["responses"] = {
    "read": len(responses),
    "joined": len(joined),
    "unmatched": sum(1 for t, *_ in responses if t and t not in known),
    "rejected": sum(1 for t, *_ in responses if not t) + sum(1 for t, *_ in responses if t in known) - len(joined),
    "csat_1_7": csat([s[0] for s in joined], 6),
    "nps": nps([s[1] for s in joined]),
    "ces_1_5": ces([s[2] for s in joined], 4),
}
print(json.dumps(out, indent=1))
