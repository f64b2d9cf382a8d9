#!/usr/bin/env bash
# Compares the speed of sitrep-html's extract with trafilatura's over the same pages, each on a
# single thread with the pages in memory, and prints the ratio of pages per second.
#
#   scripts/bench_html.sh [PAGES_DIR]
#
# PAGES_DIR defaults to ../shared/bench/article-extraction/html beside the repository.
# trafilatura runs under $TRAF_PYTHON (default /tmp/trafenv/bin/python); install it with
#   python3 -m venv /tmp/trafenv && /tmp/trafenv/bin/pip install trafilatura lxml_html_clean
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pages="${1:-$root/../shared/bench/article-extraction/html}"
pages="$(cd "$pages" && pwd)"
py="${TRAF_PYTHON:-/tmp/trafenv/bin/python}"

ours_out="$(cd "$root" && SITREP_BENCH_PAGES="$pages" cargo bench -q -p sitrep-html --bench extract 2>/dev/null)"
echo "$ours_out"
ours="$(echo "$ours_out" | awk '/^extract:/ {print $2}')"

if ! "$py" -c 'import trafilatura' 2>/dev/null; then
    echo "trafilatura not found under $py; see the install line at the top of this script" >&2
    exit 1
fi
traf_out="$("$py" "$root/scripts/bench_trafilatura.py" "$pages")"
echo "$traf_out"
traf="$(echo "$traf_out" | sed -n 's/.*= \([0-9.]*\) pages\/s.*/\1/p')"

awk -v a="$ours" -v b="$traf" 'BEGIN { printf "sitrep-html / trafilatura: %.1fx pages/s\n", a / b }'
