#!/usr/bin/env bash
# How cxsite's time and memory grow with groups and pages. Documented in docs/PERFORMANCE.md.
#
#   bash benches/scaling.sh [STORES ...]        default: 500 5000 100000
#
# For each number of distinct stores: generates 1,000,000 seeded rows (benches/generate.py
# ROWS DIR STORES, once, into target/bench/1000000-sSTORES), then runs `cxsite check` and
# `cxsite build` (site on a RAM disk) RUNS times each, and prints median wall time, peak RSS,
# and the groups (metrics.csv rows of `store` and `store_period`) and pages of the site.
# Growth with rows is measured by benches/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(500 5000 100000)

source benches/common.sh

rows=1000000
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(rustc --version)"
for s in "${stores[@]}"; do
  dir=target/bench/$rows-s$s
  [ -f "$dir/data/survey.csv" ] || python3 benches/generate.py "$rows" "$dir" "$s"
  out=/dev/shm/cxsite-scaling-$s
  echo "--- $s stores"
  run "cxsite check" "$rows" "$bin" check "$dir" -q
  run "cxsite build (RAM disk)" "$rows" "$bin" build "$dir" -o "$out" -q
  groups=$(awk -F, '($1 == "store" || $1 == "store_period") && $3 == "nps"' "$out/data/metrics.csv" | wc -l)
  pages=$(find "$out" -name '*.html' | wc -l)
  echo "groups with an NPS row (store, store_period): $groups; HTML pages: $pages"
  rm -rf "$out"
done
