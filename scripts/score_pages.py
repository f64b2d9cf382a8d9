#!/usr/bin/env python3
"""Scores main-text extraction on the page set built by scripts/build_page_set.py.

    sitrep extract --format jsonl crates/html/tests/pages > /tmp/pages.jsonl
    python3 scripts/score_pages.py crates/html/tests/pages-gold.json /tmp/pages.jsonl [--verbose]

Each page's gold lists `must` snippets (passages of the article that the main text must
contain) and `must_not` snippets (boilerplate the page shows around it). A must snippet found
is a true positive, one missing a false negative; a must-not snippet found is a false positive.
Texts and snippets are compared in lower case with runs of white space made one space.
Pages marked "held-out" use layouts written after the extraction rules were tuned;
--verbose gives the figures of each set, layout and language. Precision and recall are
computed over all snippets of all pages (as in the evaluation of
trafilatura and other extractors with snippet gold). The last line is
`pages P=0.950 R=0.962 F1=0.956 pages=52 missing=0`; --verbose lists every miss and leak.
"""
import json
import re
import sys
from collections import defaultdict


def norm(s):
    return " ".join((s or "").split()).casefold()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    gold = json.load(open(args[0], encoding="utf-8"))["pages"]
    pred = {}
    for line in open(args[1], encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            pred[d.get("doc", "").split("/")[-1]] = d.get("text") or ""
    tp = fn = fp = 0
    groups = defaultdict(lambda: [0, 0, 0])
    missing = 0
    for name, g in sorted(gold.items()):
        if name not in pred:
            missing += 1
        text = norm(pred.get(name, ""))
        for s in g["must"]:
            hit = norm(s) in text
            tp += hit
            fn += not hit
            for key in (g["layout"], g["lang"], "set:" + g.get("set", "tuning")):
                groups[key][0 if hit else 1] += 1
            if verbose and not hit:
                print(f"MISS {name}: {s}")
        for s in g["must_not"]:
            hit = norm(s) in text
            fp += hit
            for key in (g["layout"], g["lang"], "set:" + g.get("set", "tuning")):
                groups[key][2] += hit
            if verbose and hit:
                print(f"LEAK {name}: {s}")
    if verbose:
        for key, (t, f, p) in sorted(groups.items()):
            r = t / (t + f) if t + f else 1.0
            pr = t / (t + p) if t + p else 1.0
            print(f"  {key:<20} P={pr:.3f} R={r:.3f}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"pages P={p:.3f} R={r:.3f} F1={f1:.3f} pages={len(gold)} missing={missing}")


if __name__ == "__main__":
    main()
