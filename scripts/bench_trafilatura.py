#!/usr/bin/env python3
"""Time trafilatura's main-text extraction over a folder of HTML pages, single thread, in memory.

Install trafilatura into a throw-away virtual environment first, for example:

    python3 -m venv /tmp/trafenv && /tmp/trafenv/bin/pip install trafilatura lxml_html_clean
    /tmp/trafenv/bin/python scripts/bench_trafilatura.py [PAGES_DIR] [--rounds N] [--jsonl OUT]

PAGES_DIR holds .html or .html.gz files (default: the public article-extraction benchmark under
../shared/bench/article-extraction/html relative to the repository). The pages are read and
decompressed before the clock starts; the timed loop runs trafilatura.extract over every page.
Prints pages/s and MB/s of decoded HTML; with --jsonl it also writes {"doc", "text"} lines that
score_articles.py reads.
"""
import argparse
import gzip
import json
import os
import sys
import time


def load_pages(folder):
    pages = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".html.gz"):
            with gzip.open(path, "rb") as f:
                raw = f.read()
        elif name.endswith(".html") or name.endswith(".htm"):
            with open(path, "rb") as f:
                raw = f.read()
        else:
            continue
        pages.append((name, raw.decode("utf-8", errors="replace")))
    return pages


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "shared", "bench", "article-extraction", "html")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="?", default=default)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--jsonl", default=None)
    args = ap.parse_args()
    try:
        import trafilatura
    except ImportError:
        sys.exit("trafilatura is not installed; see the instructions at the top of this script")
    pages = load_pages(args.pages)
    if not pages:
        sys.exit(f"no pages under {args.pages}")
    total_bytes = sum(len(html.encode("utf-8")) for _, html in pages)
    outputs = {}
    start = time.perf_counter()
    for _ in range(args.rounds):
        for name, html in pages:
            outputs[name] = trafilatura.extract(html) or ""
    elapsed = time.perf_counter() - start
    n = len(pages) * args.rounds
    print(f"trafilatura {trafilatura.__version__}: {n} pages in {elapsed:.2f}s "
          f"= {n / elapsed:.1f} pages/s, {total_bytes * args.rounds / elapsed / 1e6:.2f} MB/s")
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as f:
            for name, _ in pages:
                f.write(json.dumps({"doc": name, "text": outputs[name]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
