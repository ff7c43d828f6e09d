#!/usr/bin/env python3
"""Writes a synthetic SERVQUAL-22 survey as CSV, for scan benchmarks.

Columns: id, E1..E22, P1..P22 (1-7), imp_tangibles..imp_empathy (summing to 100), overall (1-7).
Seeded and pure Python (no numpy needed); about 1M rows in ~30 s.

    python3 bench/gen_servqual.py --rows 1000000 --out bench/data/servqual_1m.csv
    python3 bench/gen_servqual.py --rows 20000 --bad 0.001 --out bench/data/bad_20k.csv
"""
import argparse
import os
import random

DIMENSIONS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]


def allocations(rng, count):
    """`count` random allocations of 100 points over 5 dimensions, as CSV text."""
    out = []
    for _ in range(count):
        cuts = sorted(rng.sample(range(1, 100), 4))
        parts = [b - a for a, b in zip([0] + cuts, cuts + [100])]
        out.append(",".join(map(str, parts)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--bad", type=float, default=0.0, help="share of rating cells made invalid (blank, 9, 4.5, x)")
    ap.add_argument("--out", default="bench/data/servqual_1m.csv")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    expected = ["4", "5", "5", "6", "6", "6", "7", "7", "7", "7"]
    perceived = ["1", "2", "3", "3", "4", "4", "5", "5", "6", "7"]
    bad_values = ["", "9", "4.5", "x", "0"]
    allocs = allocations(rng, 997)
    header = ["id"] + [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
    header += [f"imp_{d}" for d in DIMENSIONS] + ["overall"]
    choices = rng.choices
    with open(args.out, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        chunk = []
        for r in range(1, args.rows + 1):
            cells = choices(expected, k=22) + choices(perceived, k=22)
            if args.bad and rng.random() < args.bad * 44:
                cells[rng.randrange(44)] = rng.choice(bad_values)
            chunk.append(f"{r},{','.join(cells)},{allocs[r % 997]},{perceived[r % 10]}\n")
            if len(chunk) == 50_000:
                f.write("".join(chunk))
                chunk.clear()
        f.write("".join(chunk))


if __name__ == "__main__":
    main()
