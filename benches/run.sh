#!/usr/bin/env bash
# cxsite's benchmark harness. Documented in docs/PERFORMANCE.md.
#
#   bash benches/run.sh [ROWS ...]        default: 100000 1000000 5000000
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
RUNS=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 5000000)

command -v /usr/bin/time >/dev/null || { echo "installing time"; apt-get install -y -qq time >/dev/null; }
mkdir -p target/bench
if [ ! -x target/bench/venv/bin/python ]; then
  python3 -m venv target/bench/venv
  target/bench/venv/bin/pip install -q duckdb
fi
cargo build --release -q
bin=target/release/cxsite

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# run LABEL ROWS CMD...: RUNS timed runs; prints median seconds, max RSS MB, rows/s
run() {
  local label=$1 rows=$2; shift 2
  local times=() rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v "$@" >/dev/null 2>target/bench/time.log || { cat target/bench/time.log; exit 1; }
    local wall kb
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' target/bench/time.log)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' target/bench/time.log)
    times+=("$wall")
    [ "$kb" -gt "$rss" ] && rss=$kb
    rm -rf "/dev/shm/cxsite-bench-$rows"
done
  local med
  med=$(printf '%s\n' "${times[@]}" | median)
  printf '%-28s %10s rows  %7.2f s  %7.0f MB  %10.0f rows/s\n' "$label" "$rows" "$med" "$((rss / 1024))" "$(echo "$rows / $med" | bc -l)"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(rustc --version)"
for rows in "${sizes[@]}"; do
  dir=target/bench/$rows
  [ -f "$dir/data/survey.csv" ] || python3 benches/generate.py "$rows" "$dir"
  # The site written to a RAM disk measures cxsite; written to the disk, it also measures
  # the machine's small-file creation, which on the benchmark VM varied 5× within an hour.
  if [ -d /dev/shm ]; then
    run "cxsite build → RAM disk" "$rows" "$bin" build "$dir" -o "/dev/shm/cxsite-bench-$rows" -q
  fi
  run "cxsite build → disk" "$rows" "$bin" build "$dir" -o "$dir/public" -q
  run "cxsite check (ingest+metrics)" "$rows" "$bin" check "$dir" -q
  run "duckdb (numbers only)" "$rows" target/bench/venv/bin/python benches/duckdb_metrics.py "$dir/data/survey.csv"
  rm -rf "/dev/shm/cxsite-bench-$rows"
done
