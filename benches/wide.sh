#!/usr/bin/env bash
# How cxsite's time grows with a file's columns (hostile input: a wide export of thousands of
# rating columns, each its own touchpoint). Documented in docs/PERFORMANCE.md ("Wide files").
#
#   bash benches/wide.sh [COLUMNS ...]        default: 3500 7000
#
# For each number of columns: writes a project of one stage with that many touchpoints and a
# wide file of 300 rows rating each (seeded, once, into target/bench/wide-COLUMNS), then runs
# `cxsite build` (site on a RAM disk) RUNS times, printing median wall and user time and peak
# RSS; and once more with CXSITE_TIMINGS=1 for the time of each stage. Twice the columns
# should cost about twice the time: more than that is work growing with their square.
set -euo pipefail
cd "$(dirname "$0")/.."
cols=("$@")
[ ${#cols[@]} -gt 0 ] || cols=(3500 7000)

source benches/common.sh

for n in "${cols[@]}"; do
  dir=target/bench/wide-$n
  if [ ! -f "$dir/data/s.csv" ]; then
    mkdir -p "$dir/data"
    python3 - "$n" "$dir" <<'PY'
import random, sys
n, d = int(sys.argv[1]), sys.argv[2]
random.seed(1)
y = ["title: Wide", "min_n: 1", "journey:", "  stages:", "    - id: s", "      name: S", "      touchpoints:"]
y += [f"        - {{ id: t{i}, name: T{i} }}" for i in range(n)]
y += ["datasets:", "  - id: survey", "    path: data/s.csv", "    format: wide", "    touchpoint_scores:",
      "      metric: csat", "      scale: [1, 5]", "      columns:"]
y += [f"        t{i}: Q{i} rating of touchpoint" for i in range(n)]
open(f"{d}/cxsite.yaml", "w").write("\n".join(y) + "\n")
with open(f"{d}/data/s.csv", "w") as f:
    f.write(",".join(f"Q{i} rating of touchpoint" for i in range(n)) + "\n")
    for _ in range(300):
        f.write(",".join(str(random.randint(1, 5)) for _ in range(n)) + "\n")
PY
  fi
  out=/dev/shm/cxsite-bench-wide-$n
  echo "--- $n columns"
  run "cxsite build (RAM disk)" 300 "$bin" build "$dir" -o "$out" -q
  CXSITE_TIMINGS=1 "$bin" build "$dir" -o "$out" -q 2>&1 | grep '^timing'
  rm -rf "$out"
done
