#!/usr/bin/env python3
"""Time per megabyte of `sitrep extract` on one plain-text report repeated to growing sizes.

    scripts/bench_scale.py [--bin target/release/sitrep] [--max BYTES] [--jobs N]

Two texts are repeated: a whole article (samples/03_kharkiv_glide_bombs.txt) and a one-line
report of one strike, the worst case for merging reports of one event within a document (every
repeat reports the same event at the same place). For each document size, enough documents of
that size to make 2 MB (one document from 2 MB up) are written to a temporary folder and
extracted by one process on one worker thread (`--jobs 1`); the time of extracting a one-line
file in the same way (loading the program and its gazetteer) is taken off, so the figures are
the work that grows with the text. Prints the seconds per document and per megabyte for each
document size; a flat last column means the cost is linear in the size of a document.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

SIZES = [10_000, 66_000, 264_000, 1_000_000, 4_000_000, 20_000_000]
SHORT = ("On 8 May 2025, Russian forces shelled Nikopol with artillery. One man was killed and "
         "two women were wounded, the regional governor said.")


def repeated(text, size):
    parts, n = [], 0
    while n < size:
        parts.append(text)
        n += len(text.encode()) + 2
    return "\n\n".join(parts).encode()[:size].decode("utf-8", "ignore")


def run(binary, path, jobs):
    start = time.perf_counter()
    subprocess.run([binary, "extract", "--format", "jsonl", "--jobs", str(jobs), path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "sitrep"))
    ap.add_argument("--max", type=int, default=SIZES[-1])
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"no binary at {args.bin}: cargo build --release first")
    article = open(os.path.join(root, "samples", "03_kharkiv_glide_bombs.txt"), encoding="utf-8").read()
    with tempfile.TemporaryDirectory() as tmp:
        one = os.path.join(tmp, "one.txt")
        with open(one, "w", encoding="utf-8") as f:
            f.write("Explosions in Kharkiv\n")
        base = min(run(args.bin, one, args.jobs) for _ in range(3))
        print(f"start-up (taken off below): {base:.3f} s")
        print(f"{'text':<10} {'doc size':>10} {'docs':>5} {'s/doc':>8} {'s/MB':>7}")
        for name, text in [("article", article), ("one-line", SHORT)]:
            for size in [s for s in SIZES if s <= args.max]:
                folder = os.path.join(tmp, f"{name}-{size}")
                os.mkdir(folder)
                docs = max(1, -(-2_000_000 // size))
                body = repeated(text, size)
                for i in range(docs):
                    with open(os.path.join(folder, f"{i:04}.txt"), "w", encoding="utf-8") as f:
                        f.write(body)
                rounds = 3 if size * docs <= 2_000_000 else 1
                t = max(min(run(args.bin, folder, args.jobs) for _ in range(rounds)) - base, 0.0)
                mb = size * docs / 1e6
                print(f"{name:<10} {size:>10} {docs:>5} {t / docs:>8.4f} {t / mb:>7.2f}")


if __name__ == "__main__":
    main()
