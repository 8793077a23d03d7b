# Shared by benches/run.sh and benches/scaling.sh: the binary, the DuckDB virtualenv, and
# `run LABEL ROWS CMD...`, which runs CMD `RUNS` times and prints the median wall time, the
# median user CPU time (steadier than wall on a shared host), the peak RSS (from
# /usr/bin/time -v) and the throughput.
RUNS=${RUNS:-5}
command -v /usr/bin/time >/dev/null || { echo "installing time"; apt-get install -y -qq time >/dev/null; }
mkdir -p target/bench
# A script that compares with nothing (benches/redact.sh) sets BENCH_DUCKDB=0.
if [ "${BENCH_DUCKDB:-1}" = 1 ] && [ ! -x target/bench/venv/bin/python ]; then
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
  local times=() users=() rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v "$@" >/dev/null 2>target/bench/time.log || { cat target/bench/time.log; exit 1; }
    local wall kb
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' target/bench/time.log)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' target/bench/time.log)
    times+=("$wall")
    users+=("$(awk -F': ' '/User time/ {print $2}' target/bench/time.log)")
    [ "$kb" -gt "$rss" ] && rss=$kb
    rm -rf "/dev/shm/cxsite-bench-$rows"
done
  local med user
  med=$(printf '%s\n' "${times[@]}" | median)
  user=$(printf '%s\n' "${users[@]}" | median)
  printf '%-28s %10s rows  %7.2f s  %7.2f s user  %7.0f MB  %10.0f rows/s\n' "$label" "$rows" "$med" "$user" "$((rss / 1024))" "$(echo "$rows / $med" | bc -l)"
}

