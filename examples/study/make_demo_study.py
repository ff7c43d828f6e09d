#!/usr/bin/env python3
"""Writes a realistic demo gap study (docs/study-format.md): a retail bank's customer
service with four units, two waves, all five gaps present, some standards missing and
one promise broken. Seeded and pure Python, so the committed files are reproducible:

    python3 examples/study/make_demo_study.py --out examples/study/demo             # seed 2025
    python3 examples/study/make_demo_study.py --seed 7 --small \\
        --out crates/servgap-pipeline/tests/fixtures/study-seed7                    # test fixture

What is built in, so that every gap shows:
* gap 5: perceptions fall short of expectations, most on reliability and responsiveness,
  and most in `gdansk`;
* gap 1: managers under-estimate what customers expect of reliability (by about 0.8
  points in `gdansk` and `online`) and rank tangibles too high;
* gap 2: no standard governs empathy or tangibles (customers rank empathy third);
  `records-accurate` is set below what customers expect;
* gap 3: the 4-hour first-response SLA is missed (90 % required) in every unit, most in `gdansk`;
  employees in `gdansk` rate their conformance lower;
* gap 4: the promise `reply-1h` ("we reply within one hour") holds for well under half of
  the tickets; `resolve-2d` mostly holds.
Wave 2 improves responsiveness in `warsaw` and `krakow` (faster replies there).
With `--waves 3` a third wave (2026-h1) improves them further there and changes nothing
elsewhere (`gdansk` and `online` stay as they were), so trends over three waves have a
known answer:

    python3 examples/study/make_demo_study.py --seed 14 --small --waves 3 \\
        --out crates/servgap-pipeline/tests/fixtures/study-3waves                   # three-wave fixture

With `--panel FRACTION` the customer survey is a panel: in each unit, that share of every
later wave's customers are wave-1 customers of the same unit again (their wave-1 ids), with
the same person effect and answers correlated 0.8 with their wave-1 answers; the others are
new customers, as without the option (issue 15, paired progress):

    python3 examples/study/make_demo_study.py --seed 15 --small --panel 0.6 \\
        --out crates/servgap-pipeline/tests/fixtures/study-panel                    # panel fixture
"""
import argparse
import json
import os
import random
import re
from datetime import datetime, timedelta, timezone

DIMENSIONS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
ITEM_DIMENSION = [0] * 4 + [1] * 5 + [2] * 4 + [3] * 4 + [4] * 5
MANAGEMENT_SCALES = ["marketing-research-orientation", "upward-communication", "levels-of-management",
                     "management-commitment", "goal-setting", "task-standardisation", "perception-of-feasibility"]
EMPLOYEE_SCALES = ["conformance", "promise-accuracy", "teamwork", "employee-job-fit",
                   "technology-job-fit", "perceived-control", "supervisory-control",
                   "role-conflict", "role-ambiguity", "horizontal-communication", "propensity-to-overpromise"]
UNITS = [("warsaw", "Warsaw branch", "branch"), ("krakow", "Kraków branch", "branch"),
         ("gdansk", "Gdańsk branch", "branch"), ("online", "Online and phone", "channel")]
# Per unit: extra perception shortfall on reliability/responsiveness, how far managers
# under-estimate reliability expectations, employee climate (higher is better), hours added to replies.
PROFILE = {
    "warsaw": dict(shortfall=0.3, underestimate=0.3, climate=0.6, slow=0.0),
    "krakow": dict(shortfall=0.5, underestimate=0.5, climate=0.3, slow=0.5),
    "gdansk": dict(shortfall=1.2, underestimate=0.9, climate=-0.6, slow=2.0),
    "online": dict(shortfall=0.8, underestimate=0.8, climate=0.0, slow=1.0),
}
WAVES = [("2025-h1", "First half of 2025", "2025-01-01", "2025-06-30"),
         ("2025-h2", "Second half of 2025", "2025-07-01", "2025-12-31"),
         ("2026-h1", "First half of 2026", "2026-01-01", "2026-06-30")]
# Per wave (index): how much `warsaw` and `krakow` improve on responsiveness (scale points)
# and the factor on their reply times; the other units never change.
IMPROVED_UNITS = ("warsaw", "krakow")
BETTER = {1: 0.3, 2: 0.6}
FASTER = {1: 0.6, 2: 0.4}
# Customers' expectation level per dimension (1-7) and importance weights.
EXPECT = [5.4, 6.5, 6.2, 6.1, 5.8]
IMPORTANCE = [10, 32, 25, 18, 15]


def clamp(x, low=1, high=7):
    return max(low, min(high, int(round(x))))


def allocation(rng, weights):
    raw = [max(0.5, rng.gauss(w, w * 0.35)) for w in weights]
    parts = [int(100 * r / sum(raw)) for r in raw]
    parts[max(range(5), key=lambda i: raw[i])] += 100 - sum(parts)
    return parts


# Correlation of a panel customer's answer noise with their wave-1 noise (`--panel`).
PANEL_RHO = 0.8


class Panel:
    """Wave-1 customers per unit (id, person effect, answer noise) and who comes back."""

    def __init__(self, fraction, seed):
        self.fraction = fraction
        self.rng = random.Random(seed * 31 + 15)  # its own stream: the main one is unchanged
        self.people = {}

    def returning(self, unit, n):
        """Positions (in the unit's wave-1 list) of the customers who answer again."""
        people = self.people.get(unit, [])
        return self.rng.sample(range(len(people)), min(len(people), round(self.fraction * n)))


def customers(rng, n, wave, panel=None):
    rows = [["id", "unit"] + [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
            + [f"imp_{d}" for d in DIMENSIONS] + ["overall"]]
    k = 0
    for unit, _, _ in UNITS:
        p = PROFILE[unit]
        better = BETTER.get(wave, 0.0) if unit in IMPROVED_UNITS else 0.0
        back = panel.returning(unit, n) if panel is not None and wave > 0 else []
        for j in range(n):
            k += 1
            person = rng.gauss(0, 0.5)
            e_noise = [rng.gauss(0, 0.7) for _ in ITEM_DIMENSION]
            p_noise = [rng.gauss(0, 0.9) for _ in ITEM_DIMENSION]
            ident = f"c{wave + 1}-{k}"
            if j < len(back):
                ident, person, old_e, old_p = panel.people[unit][back[j]]
                mix = lambda old, new: [PANEL_RHO * a + (1 - PANEL_RHO ** 2) ** 0.5 * b for a, b in zip(old, new)]
                e_noise, p_noise = mix(old_e, e_noise), mix(old_p, p_noise)
            elif panel is not None and wave == 0:
                panel.people.setdefault(unit, []).append((ident, person, e_noise, p_noise))
            e = [clamp(EXPECT[d] + person + e_noise[i]) for i, d in enumerate(ITEM_DIMENSION)]
            p_ = []
            for i, d in enumerate(ITEM_DIMENSION):
                short = 0.6 + (p["shortfall"] - better if d in (1, 2) else 0.2)
                p_.append(clamp(EXPECT[d] - short + person + p_noise[i]))
            overall = clamp(sum(p_) / 22 + rng.gauss(0, 0.6))
            rows.append([ident, unit] + e + p_ + allocation(rng, IMPORTANCE) + [overall])
    return rows


def managers(rng, n):
    items = [f"{s}-{j}" for s in MANAGEMENT_SCALES for j in (1, 2, 3)]
    rows = [["id", "unit"] + [f"E{i}" for i in range(1, 23)] + [f"imp_{d}" for d in DIMENSIONS] + items]
    believed = [22, 22, 20, 18, 18]  # managers think tangibles matter more, reliability less
    k = 0
    for unit, _, _ in UNITS:
        p = PROFILE[unit]
        for _ in range(n):
            k += 1
            e = [clamp(EXPECT[d] - (p["underestimate"] if d == 1 else 0.1) + rng.gauss(0, 0.6))
                 for d in ITEM_DIMENSION]
            factors = []
            for s in MANAGEMENT_SCALES:
                level = 4.6 + p["climate"] * (-1 if s == "levels-of-management" else 1) * 0.8
                factors += [clamp(level + rng.gauss(0, 0.9)) for _ in range(3)]
            rows.append([f"m-{k}", unit] + e + allocation(rng, believed) + factors)
    return rows


def employees(rng, n):
    items = [f"{s}-{j}" for s in EMPLOYEE_SCALES for j in (1, 2, 3)]
    rows = [["id", "unit"] + items]
    k = 0
    for unit, _, _ in UNITS:
        p = PROFILE[unit]
        for _ in range(n):
            k += 1
            person = rng.gauss(0, 0.5)
            values = []
            for s in EMPLOYEE_SCALES:
                sign = -1 if s in ("role-conflict", "role-ambiguity", "propensity-to-overpromise") else 1
                base = 5.0 if s == "conformance" else 4.4
                if s == "promise-accuracy":
                    base = 3.8
                values += [clamp(base + sign * p["climate"] + person + rng.gauss(0, 0.9)) for _ in range(3)]
            rows.append([f"s-{k}", unit] + values)
    return rows


def tickets(rng, n, wave):
    start = datetime.fromisoformat(WAVES[wave][2]).replace(tzinfo=timezone.utc)
    days = 180
    rows = [["id", "created", "first_response", "solved", "channel", "team", "csat"]]
    channels = {"online": ["chat", "phone", "email"]}
    out = []
    for t in range(n):
        unit = rng.choices([u[0] for u in UNITS], weights=[3, 2, 2, 4])[0]
        p = PROFILE[unit]
        faster = FASTER.get(wave, 1.0) if unit in IMPROVED_UNITS else 1.0
        # Working hours 08:00-18:00 Warsaw (07:00-17:00 UTC), Monday to Friday.
        day = start + timedelta(days=rng.randrange(days))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        created = day.replace(hour=7) + timedelta(seconds=rng.randrange(10 * 3600))
        first = rng.lognormvariate(0, 0.9) * 3600 * (1.3 + p["slow"]) * faster
        reply = created + timedelta(seconds=int(first)) if rng.random() > 0.02 else None
        solve_hours = rng.lognormvariate(0, 0.8) * (10 + 6 * p["slow"])
        solved = created + timedelta(seconds=int(first + solve_hours * 3600)) if reply and rng.random() > 0.06 else None
        channel = rng.choice(channels.get(unit, ["branch", "email", "phone"]))
        csat = "" if rng.random() > 0.35 else str(clamp(4.6 - 0.4 * first / 3600 + rng.gauss(0, 0.8), 1, 5))
        iso = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ") if d else ""
        out.append((created, [None, iso(created), iso(reply), iso(solved), channel, unit, csat]))
    out.sort(key=lambda r: r[0])
    for i, (_, row) in enumerate(out, 1):
        row[0] = f"t{wave + 1}-{i}"
        rows.append(row)
    return rows


def write_csv(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write(",".join(str(c) for c in row) + "\n")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


STUDY_HEAD = """# servgap study file (docs/study-format.md). Generated by examples/study/make_demo_study.py --seed {seed}.
name = "Bank Pomorski: customer service gap study"
slug = "bank-pomorski"
"""

UNIT = """
[[units]]
slug = "{slug}"
name = "{name}"
kind = "{kind}"
"""

DEPARTMENTS = """
[[departments]]
slug = "customer-service"
name = "Customer service"

[[departments]]
slug = "operations"
name = "Operations"

[[departments]]
slug = "marketing"
name = "Marketing"

[[departments]]
slug = "hr"
name = "Human resources"

[[departments]]
slug = "it"
name = "IT"
"""

WAVE = """
[[waves]]
slug = "{slug}"
name = "{name}"
start = {start}
end = {end}

[waves.customer_survey]
file = "data/{slug}/customers.csv"
instrument = "servqual22"
unit_column = "unit"

[waves.management_survey]
file = "data/{slug}/managers.csv"
mapping = "mappings/management.toml"
factors_mapping = "mappings/scales.toml"
unit_column = "unit"

[waves.employee_survey]
file = "data/{slug}/employees.csv"
mapping = "mappings/scales.toml"
unit_column = "unit"

[waves.helpdesk]
file = "data/{slug}/tickets.csv"
calendar = "helpdesk/calendar.toml"
targets = "helpdesk/targets.toml"
unit_by = "team"
"""

REGISTERS = """
[registers]
standards = "registers/standards.csv"
promises = "registers/promises.toml"
qualitative = "registers/qualitative.toml"
actions = "registers/actions.toml"
"""

# The action plan agreed on the first wave's gaps (docs/study-format.md, "Actions"). The
# metric baselines are left out: progress takes the measured 2025-h1 value. Built in: the
# Gdańsk rota is done (its metric can be judged on 2025-h2), one Warsaw task is late on
# 2025-10-15, and the complaint hand-over action has no owner.
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def toml_value(value):
    """A TOML value as the register writes it: strings quoted (JSON escapes are TOML escapes),
    lists inline, dates and numbers bare."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str) and not DATE.fullmatch(value):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def toml_table(header, fields):
    """One `[header]` or `[[header]]` table: a blank line, the header, then `key = value` lines;
    fields whose value is None are left out."""
    lines = [header] + [f"{key} = {toml_value(value)}" for key, value in fields.items() if value is not None]
    return "\n" + "\n".join(lines) + "\n"


def action(slug, title, description, start, due, gaps, departments, owner=None, metric=None,
           tasks=(), history=()):
    """One `[[action]]` of the register with its metric, tasks (title, owner, due, status) and
    status history (date, status, comment or None)."""
    text = toml_table("[[action]]", dict(slug=slug, title=title, description=description, owner=owner,
                                         departments=departments, start=start, due=due, gaps=gaps))
    if metric:
        gap, unit, target, expected_share = metric
        text += toml_table("[action.metric]", dict(gap=gap, unit=unit, baseline_wave="2025-h1", target=target,
                                                   expected_share=expected_share))
    for task_title, task_owner, task_due, status in tasks:
        text += toml_table("[[action.task]]", dict(title=task_title, owner=task_owner, due=task_due, status=status))
    for date, status, comment in history:
        text += toml_table("[[action.history]]", dict(date=date, status=status, comment=comment))
    return text


ACTIONS = "# The action plan (docs/study-format.md, \"Actions\"): written by make_demo_study.py." + "".join([
    action("reply-rota-gdansk", "Morning reply rota in Gdańsk",
           "Two agents answer the overnight queue from 8:00, so first replies meet the 4-hour standard.",
           "2025-07-01", "2025-09-30",
           ["g3/standard/frt-4h", "g4/promise/reply-1h", "g5/dimension/responsiveness"], ["customer-service"],
           owner="Marta Wiśniewska", metric=("g3/standard/frt-4h", "gdansk", 0.9, 1.0),
           tasks=[("Roster two agents for 8:00-10:00", "Marta Wiśniewska", "2025-07-15", "done"),
                  ("Auto-acknowledge every message within 10 minutes", "Piotr Zieliński", "2025-08-31", "done")],
           history=[("2025-07-01", "in-progress", "Rota agreed with the branch manager."),
                    ("2025-09-12", "done", "Both tasks finished.")]),
    action("callback-warsaw", "Same-day call-backs in Warsaw",
           "Every missed call is returned the same day; a daily list goes to the team leader.",
           "2025-07-15", "2025-12-15", ["g5/dimension/responsiveness", "g5/item/12"], ["customer-service", "it"],
           owner="Tomasz Lewandowski", metric=("g5/dimension/responsiveness", "warsaw", 5.9, 0.7),
           tasks=[("Missed-call list from the phone system", "IT service desk", "2025-09-15", "in-progress"),
                  ("Train the team on call-back scripts", "Tomasz Lewandowski", "2025-11-30", "planned")],
           history=[("2025-07-15", "in-progress", None),
                    ("2025-08-20", "blocked", "Waiting for the phone system export."),
                    ("2025-09-01", "in-progress", "Export available.")]),
    action("complaint-handover", "Complaint history travels with the case",
           "Branches attach the conversation to the complaint ticket before it goes to the back office.",
           "2025-08-01", "2026-03-31", ["note/complaint-handover"], ["operations", "it"],
           history=[("2025-08-01", "planned", None),
                    ("2025-10-01", "blocked", "No owner agreed between operations and IT.")]),
])

MANAGEMENT_MAPPING = """# The management expectation battery: columns E1..E22 hold each manager's
# prediction of what customers expect (the instrument's one rating column).
[patterns]
perceived = "E{item}"
"""

SCALES_MAPPING = """# Factor-scale items are named by their item ids (marketing-research-orientation-1, teamwork-2, ...).
[patterns]
perceived = "{item}"
"""

CALENDAR = """# Business hours of the demo help desk (docs/calendar-format.md).
zone = "Europe/Warsaw"
weekdays = ["08:00-18:00"]
holidays = ["2025-01-01", "2025-01-06", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-03",
            "2025-06-08", "2025-06-19", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25", "2025-12-26"]
"""

TARGETS = """# SLAs and KPI targets of the demo help desk (docs/targets-format.md).
[[sla]]
name = "frt-4h"
metric = "first-response"
within = "4h"
clock = "business"

[[sla]]
name = "resolve-3d"
metric = "resolution"
within = "30h"          # three 10-hour business days
clock = "business"

[[target]]
label = "First response, median (business)"
kpi = "first-response"
statistic = "median"
target = "1h"
minimum = "2h"

[[target]]
label = "First-response SLA attainment"
kpi = "sla:frt-4h"
target = "90%"
minimum = "80%"

[[target]]
label = "CSAT"
kpi = "csat"
target = "85%"
minimum = "75%"
"""

STANDARDS = """slug,title,items,dimensions,kpi,target,minimum,direction,required_share,owner,since
frt-4h,First reply within 4 business hours for 90 % of tickets,10;11,,sla:frt-4h,90%,80%,,,customer-service,2024-01-01
resolve-3d,Problems resolved within 3 business days for 85 % of tickets,5;8,,sla:resolve-3d,85%,,,,operations,2024-01-01
records-accurate,Customer records checked at every visit (target rating 5.5 of 7),9,,,5.5,,higher,,operations,2024-06-01
courtesy,Courtesy and competence training for all front-line staff (target 6 of 7),,assurance,,6,,higher,,hr,2023-09-01
"""

PROMISES = """# External promises (register for gap 4): docs/study-format.md.
[[promise]]
slug = "reply-1h"
text = "We reply to every message within one hour."
channel = "website"
since = "2024-03-01"
kpi = "first-response.calendar"
within = "1h"
items = ["10", "11", "12"]
departments = ["marketing", "customer-service"]

[[promise]]
slug = "resolve-2d"
text = "Most problems are solved within two working days."
channel = "contract"
since = "2023-01-01"
kpi = "full-resolution.business"
within = "20h"
items = ["5", "8"]
departments = ["operations"]
"""

QUALITATIVE = """# Gaps observed by people rather than measured: docs/study-format.md.
[[gap]]
slug = "complaint-handover"
description = "Complaints passed from branches to the back office lose their history; customers repeat their story."
departments = ["operations", "it"]
evidence = "Process review workshop, 2025-05-14: 9 of 12 sampled complaints re-asked for details."
impact = "high"
urgency = "medium"

[[gap]]
slug = "campaign-briefing"
description = "Branch staff learn about marketing campaigns from customers."
departments = ["marketing", "customer-service"]
evidence = "Staff focus group, Gdańsk, 2025-04-02."
impact = "medium"
urgency = "high"
"""

PRIORITIES = """
[priorities]
# How gaps are ranked (issue 15, docs/study-format.md): component weights, the top k and
# the stability simulation (draws, weights perturbed by ±weight_range, seed), and the
# departments' feasibility ratings.
weights = { severity = 0.35, impact = 0.30, urgency = 0.20, feasibility = 0.15 }
top_k = 5
weight_range = 0.2
draws = 1000
seed = 15
feasibility = "registers/feasibility.csv"
"""

# Several raters per gap: effort XS-XL, cost in PLN, rating 1 (hard) to 5 (easy), an
# optional deadline (regulatory or contractual). Written as is, not drawn from the seed,
# so that the data files stay the same whatever this register holds.
FEASIBILITY = """gap,unit,department,rater,effort,cost,rating,deadline,comment
g3/standard/frt-4h,,customer-service,Head of contact centre,M,40000,3,2026-03-31,needs two more agents at peak hours
g3/standard/frt-4h,,operations,Workforce planner,L,60000,2,2026-03-31,rota change needs union consultation
g3/standard/frt-4h,,it,Service desk lead,S,15000,4,2026-03-31,auto-routing rule in the ticket tool
g4/promise/reply-1h,,marketing,Brand manager,XS,2000,5,,reword the website promise
g4/promise/reply-1h,,customer-service,Head of contact centre,L,50000,2,,keeping the promise means staffing to it
g5/dimension/reliability,,operations,Branch network director,L,120000,2,,process redesign across branches
g5/dimension/reliability,,customer-service,Quality lead,M,30000,3,,
g5/dimension/responsiveness,,customer-service,Head of contact centre,M,40000,3,,
g5/dimension/responsiveness,,it,Service desk lead,S,10000,4,,queue dashboards for branches
g5/dimension/responsiveness,gdansk,operations,Gdańsk branch manager,M,20000,3,,
note/complaint-handover,,operations,Back-office manager,M,25000,3,2026-06-30,complaint ombudsman rules apply from mid-2026
note/complaint-handover,,it,CRM product owner,L,80000,2,2026-06-30,case history in the CRM
note/campaign-briefing,,marketing,Campaign manager,XS,1000,5,,brief branches a week ahead
note/campaign-briefing,,customer-service,Branch trainer,S,3000,4,,
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--small", action="store_true", help="fewer rows (for test fixtures)")
    ap.add_argument("--waves", type=int, choices=(2, 3), default=2, help="number of waves (3 adds 2026-h1)")
    ap.add_argument("--panel", type=float, metavar="FRACTION",
                    help="share of each later wave's customers who are wave-1 customers again (a panel)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    panel = Panel(args.panel, args.seed) if args.panel else None
    n_customers, n_managers, n_employees, n_tickets = (40, 5, 8, 600) if args.small else (150, 8, 20, 2500)
    out = args.out
    study = STUDY_HEAD.format(seed=args.seed)
    study += "".join(UNIT.format(slug=s, name=n, kind=k) for s, n, k in UNITS)
    study += DEPARTMENTS
    for wave, (slug, name, start, end) in enumerate(WAVES[:args.waves]):
        study += WAVE.format(slug=slug, name=name, start=start, end=end)
        write_csv(f"{out}/data/{slug}/customers.csv", customers(rng, n_customers, wave, panel))
        write_csv(f"{out}/data/{slug}/managers.csv", managers(rng, n_managers))
        write_csv(f"{out}/data/{slug}/employees.csv", employees(rng, n_employees))
        write_csv(f"{out}/data/{slug}/tickets.csv", tickets(rng, n_tickets, wave))
    study += REGISTERS
    study += PRIORITIES
    write(f"{out}/study.toml", study)
    write(f"{out}/mappings/management.toml", MANAGEMENT_MAPPING)
    write(f"{out}/mappings/scales.toml", SCALES_MAPPING)
    write(f"{out}/helpdesk/calendar.toml", CALENDAR)
    write(f"{out}/helpdesk/targets.toml", TARGETS)
    write(f"{out}/registers/standards.csv", STANDARDS)
    write(f"{out}/registers/promises.toml", PROMISES)
    write(f"{out}/registers/qualitative.toml", QUALITATIVE)
    write(f"{out}/registers/feasibility.csv", FEASIBILITY)
    write(f"{out}/registers/actions.toml", ACTIONS)
    print(f"wrote the study to {out} (seed {args.seed})")


if __name__ == "__main__":
    main()
