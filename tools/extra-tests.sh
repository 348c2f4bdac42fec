#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/extra-tests.sh TOP: the checks that follow `make check` in
# `tools/bootstrap.sh test` (and so in CI):
#   0. the README demo, bounded to 20 s
#   1. valgrind over every CUnit binary (leaks and memory errors fail)
#   2. an ASan+UBSan build running the whole `make check`
#   3. bounded libFuzzer runs of every fuzz target (clang)
#   4. make distcheck
#   5. the Debian package test (build, install, run, purge)
# Each stage prints its own summary; any failure stops with status 1.
set -euo pipefail
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_secs=${PD_FUZZ_SECONDS:-30}
stage() { echo; echo "======== $* ($(date -u +%T)) ========"; }

stage "demo smoke (README command 1, bounded)"
CI=true "$top/tools/demo.sh" "$top/_build" --duration 20 </dev/null

stage "valgrind: unit tests"
vg_pass=0 vg_fail=0
for t in "$top"/_build/tests/unit/test_*; do
  [ -x "$t" ] && [ -f "$t" ] || continue
  case "$t" in *.o|*.log|*.trs) continue ;; esac
  case "$t" in */test_trap_store_pg) continue ;; esac # needs its server: below
  if valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      "$t" > "$t.valgrind.log" 2>&1; then
    vg_pass=$((vg_pass + 1))
  else
    vg_fail=$((vg_fail + 1)); echo "valgrind: $(basename "$t") FAILED"; tail -n 40 "$t.valgrind.log"
  fi
done
# The PostgreSQL store's tests need a private server: store-pg.sh starts
# one and runs the binary under valgrind.
vg="valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect"
if (cd "$top/_build" && top_srcdir="$top" top_builddir="$top/_build" PD_TEST_WRAPPER="$vg" \
      sh "$top/tests/integration/store-pg.sh") > "$top/_build/test_trap_store_pg.valgrind.log" 2>&1; then
  vg_pass=$((vg_pass + 1))
else
  vg_fail=$((vg_fail + 1)); echo "valgrind: test_trap_store_pg (store-pg.sh) FAILED"
  tail -n 40 "$top/_build/test_trap_store_pg.valgrind.log"
fi
echo "valgrind: $vg_pass passed, $vg_fail failed"
[ "$vg_fail" -eq 0 ]

stage "sanitizers: ASan+UBSan build, make check"
mkdir -p "$top/_build-asan"
(cd "$top/_build-asan" && { [ -f Makefile ] || "$top/configure" -q --enable-sanitizers \
    SNMPD="$top/tools/asan-snmpd.sh" SNMPTRAPD="$top/tools/asan-snmptrapd.sh"; } \
  && make -j"$jobs" >/dev/null && ASAN_OPTIONS=detect_leaks=1 make -j"$jobs" check) || {
  for f in $(grep -l '^:test-result: \(FAIL\|ERROR\)' $(find "$top/_build-asan" -name '*.trs') 2>/dev/null); do
    echo "---- ${f%.trs}.log"; tail -n 80 "${f%.trs}.log"; done
  exit 1; }

stage "fuzz: bounded libFuzzer runs (${fuzz_secs} s each)"
mkdir -p "$top/_build-fuzz"
(cd "$top/_build-fuzz" && { [ -f Makefile ] || "$top/configure" -q --enable-fuzzer CC=clang; } \
  && make -j"$jobs" fuzz-targets >/dev/null)
fz_pass=0 fz_fail=0
for f in "$top"/_build-fuzz/tests/fuzz/fuzz_*; do
  [ -x "$f" ] && [ -f "$f" ] || continue
  case "$f" in *.o|*.log) continue ;; esac
  name=$(basename "$f")
  corpus="$top/tests/fuzz/corpus/${name#fuzz_}"
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/ 2>/dev/null || true
  if "$f" -max_total_time="$fuzz_secs" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
      "$work" > "$f.fuzz.log" 2>&1; then
    fz_pass=$((fz_pass + 1)); echo "$name: $(grep -m1 'stat::number_of_executed_units' "$f.fuzz.log" || true)"
  else
    fz_fail=$((fz_fail + 1)); echo "$name FAILED"; tail -n 40 "$f.fuzz.log"
  fi
  rm -rf "$work"
done
echo "fuzz: $fz_pass passed, $fz_fail failed"
[ "$fz_fail" -eq 0 ]

stage "make distcheck"
(cd "$top/_build" && make -j"$jobs" distcheck >/dev/null 2>"$top/_build/distcheck.err") || {
  tail -n 60 "$top/_build/distcheck.err"; exit 1; }
echo "distcheck: ok"

if [ -x "$top/tools/package-test.sh" ]; then
  stage "Debian package test"
  "$top/tools/package-test.sh"
fi
