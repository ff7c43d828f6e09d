#!/usr/bin/env python3
"""Generates a ticket-per-row CSV for the KPI benchmark (seeded, numpy-vectorised).

    bench/.venv/bin/python bench/gen_tickets.py --rows 10000000 --out bench/data/tickets_10000000.csv

Columns: id, created, first_response, solved, channel. Timestamps are UTC with a `Z`
(`2025-03-04T12:34:56Z`), created spread over two years and the file sorted by it, as
exports usually are. First response after creation is log-normal (median 2 h, long
tail past a day); 3 % of tickets have no reply yet, 10 % are not solved. About 80 bytes a row.
"""
import argparse
import os

import numpy as np

CHANNELS = np.array(["email", "web", "chat", "phone"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.rows
    start = np.datetime64("2024-01-01T00:00:00", "s").astype(np.int64)
    created = np.sort(start + rng.integers(0, 2 * 365 * 86_400, n))
    frt = np.minimum(rng.lognormal(np.log(7_200), 1.3, n), 30 * 86_400).astype(np.int64)
    solve = frt + np.minimum(rng.lognormal(np.log(86_400), 1.0, n), 60 * 86_400).astype(np.int64)
    answered = rng.random(n) >= 0.03
    solved = answered & (rng.random(n) >= 0.10)
    channel = CHANNELS[rng.choice(4, n, p=[0.45, 0.30, 0.15, 0.10])]

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    chunk = 1_000_000
    with open(args.out, "w", newline="") as f:
        f.write("id,created,first_response,solved,channel\n")
        for a in range(0, n, chunk):
            b = min(n, a + chunk)
            def iso(seconds):
                text = np.datetime_as_string(seconds.astype("datetime64[s]"), unit="s")
                return np.char.add(text, "Z")
            c = iso(created[a:b])
            r = np.where(answered[a:b], iso(created[a:b] + frt[a:b]), "")
            s = np.where(solved[a:b], iso(created[a:b] + solve[a:b]), "")
            ids = np.arange(a + 1, b + 1).astype(str)
            lines = [",".join(t) for t in zip(ids, c, r, s, channel[a:b])]
            f.write("\n".join(lines))
            f.write("\n")
    print(f"wrote {n} tickets to {args.out} ({os.path.getsize(args.out) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
