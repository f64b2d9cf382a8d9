#!/usr/bin/env bash
# Whole-pipeline ingest throughput (reading, extraction, fusion, storage) with N `sitrep ingest`
# processes writing into one PostgreSQL record, next to one process writing into SQLite.
#
#   SITREP_BENCH_POSTGRES=postgres://user@host/db scripts/bench_workers.sh INPUT_DIR [WORKERS...]
#
# The files of INPUT_DIR are dealt round-robin to the workers (default counts: 1 2 4). Each run
# uses a fresh schema (bench_workers_N), dropped afterwards; each process runs one extraction
# thread (-j 1), so N processes use N cores. Prints stored documents per second for each run
# (a file may hold many documents: feeds, JSON Lines, WARC).
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:?usage: $0 INPUT_DIR [WORKERS...]}
shift
if [ "$#" -eq 0 ]; then workers=(1 2 4); else workers=("$@"); fi
server=${SITREP_BENCH_POSTGRES:?set SITREP_BENCH_POSTGRES=postgres://...}
cargo build --release --locked -p sitrep-cli >/dev/null
bin="$PWD/target/release/sitrep"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find -L "$input" -type f ! -name '.*' | sort >"$tmp/files"
n=$(wc -l <"$tmp/files")
sep='?'; case "$server" in *\?*) sep='&';; esac

rate() { python3 -c "import sys; print(f'{int(sys.argv[1])/float(sys.argv[2]):.0f}')" "$1" "$2"; }

start=$(date +%s.%N)
xargs -a "$tmp/files" -d '\n' "$bin" ingest -q -j 1 --db "$tmp/sqlite.db" 2>/dev/null || true
end=$(date +%s.%N)
secs=$(python3 -c "print(f'{$end-$start:.2f}')")
docs=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM documents').fetchone()[0])" "$tmp/sqlite.db")
echo "SQLite, 1 process:          $n files, $docs documents in $secs s = $(rate "$docs" "$secs") documents/s"

for w in "${workers[@]}"; do
  schema="bench_workers_$w"
  psql "$server" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null
  url="$server${sep}options=-csearch_path%3D$schema%2Cpublic"
  split -n "r/$w" -d "$tmp/files" "$tmp/part$w."
  # Create the schema before timing, as a running team's record already exists.
  "$bin" watch --status --db "$url" >/dev/null
  start=$(date +%s.%N)
  for part in "$tmp/part$w."*; do
    xargs -a "$part" -d '\n' "$bin" ingest -q -j 1 --db "$url" 2>/dev/null &
  done
  wait || true
  end=$(date +%s.%N)
  secs=$(python3 -c "print(f'{$end-$start:.2f}')")
  docs=$(psql "$url" -Atc "SELECT count(*) FROM documents")
  events=$(psql "$url" -Atc "SELECT count(*) FROM events")
  echo "PostgreSQL, $w process(es): $n files, $docs documents in $secs s = $(rate "$docs" "$secs") documents/s ($events events)"
  psql "$server" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
done
