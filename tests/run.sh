#!/usr/bin/env bash
# The whole test suite, as CI runs it. Installs what the tests need (Chromium and a CJK
# font for the browser tests) when it is missing, then checks formatting and lints and runs
# every test. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} for the browser tests"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# axe-core for the browser tests, pinned by tests/browser/package-lock.json.
if [ ! -d tests/browser/node_modules/axe-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

# The property tests (proptest) draw the same cases on every run of this script, so a commit's
# CI result can be reproduced; plain `cargo test` draws new cases each time. A case one of them
# finds is added as a fixed test beside it (tests/hostile/properties.rs).
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261206}"

cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
log=$(mktemp)
status=0
cargo test 2>&1 | tee "$log" || status=1
# One closing line for the whole suite (cargo prints one per test binary, the last being the
# empty doc-test run).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit $status
