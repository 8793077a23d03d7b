#!/usr/bin/env bash
# Redaction of digit-heavy comments (hostile input: a comments file of digits and separators).
# Documented in docs/PERFORMANCE.md ("Redaction of digit-heavy comments").
#
#   bash benches/redact.sh [MEGABYTES ...]        default: 10
#   LINE=200000 bash benches/redact.sh 10         comments of LINE bytes (default 5000)
#
# For each size: writes a project with `text: {}` and one dataset of comments alone, whose
# comments (seeded, once, into target/bench/redact-MB-LINE) are digits spaced one by one,
# two-digit pairs joined by dashes, digits joined by dots, bracketed pairs and runs of
# `0 0 0 0`, in turn; then runs `cxsite build` (site on a RAM disk) RUNS times, printing
# median wall and user time and peak RSS, and once more with CXSITE_TIMINGS=1 for the time of
# each stage. Every comment here is longer than a sample holds as written (4 KB), so each one
# a sample keeps is redacted whole as it is kept. Last, `examples/redact_speed` times the
# redaction alone on one comment of each hostile kind at 10 KB, 100 KB and 1 MB: nanoseconds
# per byte that stay the same as the text grows are linear time.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10)
line=${LINE:-5000}

BENCH_DUCKDB=0
source benches/common.sh

for mb in "${sizes[@]}"; do
  dir=target/bench/redact-$mb-$line
  if [ ! -f "$dir/data/comments.csv" ]; then
    mkdir -p "$dir/data"
    cat > "$dir/cxsite.yaml" <<'YAML'
title: Digit-heavy comments
min_n: 1
journey:
  stages:
    - id: s
      name: S
      touchpoints:
        - { id: forum, name: Forum, channel: online }
text: {}
datasets:
  - id: forum
    path: data/comments.csv
    touchpoint: forum
    columns: { date: date, comment: text }
YAML
    python3 - "$mb" "$line" "$dir/data/comments.csv" <<'PY'
import csv, sys
size, line = int(float(sys.argv[1]) * 1e6), int(sys.argv[2])
kinds = [
    lambda n: " ".join(str(i % 10) for i in range(n // 2)),
    lambda n: "-".join("%02d" % (i % 100) for i in range(n // 3)),
    lambda n: ".".join(str(i % 10) for i in range(n // 2)),
    lambda n: " ".join("(%02d)" % (i % 100) for i in range(n // 5)),
    lambda n: " ".join("0" for _ in range(n // 2)),
]
with open(sys.argv[3], "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["id", "date", "text"])
    written, i = 0, 0
    while written < size:
        text = kinds[i % len(kinds)](line)
        out.writerow(["P%07d" % i, "2025-01-%02d" % (1 + i % 28), text])
        written, i = written + len(text) + 20, i + 1
PY
  fi
  out=/dev/shm/cxsite-bench-redact-$mb
  echo "--- $mb MB of digit-heavy comments, $line bytes each"
  run "cxsite build (RAM disk)" "$(($(wc -l < "$dir/data/comments.csv") - 1))" "$bin" build "$dir" -o "$out" -q
  CXSITE_TIMINGS=1 "$bin" build "$dir" -o "$out" -q 2>&1 | grep '^timing' || true
  rm -rf "$out"
done
echo "--- redaction alone, one comment of each kind"
cargo run --release -q --example redact_speed
