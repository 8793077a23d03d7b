#!/usr/bin/env bash
# cxsite's benchmark harness. Documented in docs/PERFORMANCE.md.
#
#   bash benches/run.sh [ROWS ...]        default: 100000 1000000 5000000
#   bash benches/run.sh 1000000-text      text analysis on against off (varied comments)
#
# For each size: generates the seeded data set (once, into target/bench/ROWS), then runs
#   - `cxsite build` (the whole site), written to a RAM disk (/dev/shm) and to the disk,
#   - `cxsite check` (ingest + metrics, no rendering),
#   - DuckDB computing the equivalent metric set (benches/duckdb_metrics.py),
# RUNS times each, and prints the median wall time, the peak RSS (from /usr/bin/time -v) and
# the throughput. Needs python3, /usr/bin/time (Debian `time`) and DuckDB from PyPI, which
# it installs into a virtualenv under target/bench/venv.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 5000000)

source benches/common.sh

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(rustc --version)"
for rows in "${sizes[@]}"; do
  dir=target/bench/$rows
  if [ "${rows%-text}" != "$rows" ]; then
    # generate.py --text: varied comments, a project with `text: {}` and its twin without in off/.
    n=${rows%-text}
    [ -f "$dir/off/data/survey.csv" ] || python3 benches/generate.py --text "$n" "$dir"
    run "build, text analysis off" "$n" "$bin" build "$dir/off" -o "/dev/shm/cxsite-bench-$n" -q
    run "build, text analysis on" "$n" "$bin" build "$dir" -o "/dev/shm/cxsite-bench-$n" -q
    continue
  fi
  [ -f "$dir/data/survey.csv" ] || python3 benches/generate.py "$rows" "$dir"
  # The site written to a RAM disk measures cxsite; written to the disk, it also measures
  # the machine's small-file creation, which on the benchmark VM varied 5× within an hour.
  if [ -d /dev/shm ]; then
    run "cxsite build (RAM disk)" "$rows" "$bin" build "$dir" -o "/dev/shm/cxsite-bench-$rows" -q
  fi
  run "cxsite build (disk)" "$rows" "$bin" build "$dir" -o "$dir/public" -q
  run "cxsite check (ingest+metrics)" "$rows" "$bin" check "$dir" -q
  run "duckdb (numbers only)" "$rows" target/bench/venv/bin/python benches/duckdb_metrics.py "$dir/data/survey.csv"
  rm -rf "/dev/shm/cxsite-bench-$rows"
done
