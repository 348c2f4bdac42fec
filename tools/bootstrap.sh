#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/bootstrap.sh: one command from a fresh Debian 12 machine.
#
#   tools/bootstrap.sh demo   install what is needed, build, run the demo
#   tools/bootstrap.sh test   install what is needed, build, run every test
#   tools/bootstrap.sh deps   only install the Debian packages
#
# Run as root or with sudo available (apt-get needs it).  Everything else
# runs in the checkout: builds go to _build/ (and _build-asan/, _build-fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
mode=${1:-test}
jobs=$(nproc 2>/dev/null || echo 2)

# Build and test dependencies (Debian 12 package names).
DEPS=(
  build-essential autoconf automake libtool pkg-config gawk
  libsnmp-dev snmp snmpd snmptrapd
  libcunit1-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  iproute2 procps psmisc smitools valgrind clang libclang-rt-14-dev
  debhelper devscripts lintian fakeroot dpkg-dev snmptt python3-pysnmp4
  libcups2-dev cups-daemon cups-client cups-ipp-utils avahi-daemon dbus curl
  cups python3 prometheus-snmp-exporter
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_deps() {
  local missing=()
  for p in "${DEPS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  # Debian may start the packaged daemons on install (system ports 161/162).
  # Our tests and demo run private instances on high ports; stop only the
  # system services, by their service manager or by their own pid files,
  # never by name (that would hit other users' private instances).
  for svc in snmpd snmptrapd; do
    local pidf=/run/$svc.pid pid
    [ -f "$pidf" ] || continue
    pid=$(cat "$pidf" 2>/dev/null || true)
    case "$pid" in ''|*[!0-9]*) continue ;; esac
    kill -0 "$pid" 2>/dev/null || continue
    as_root systemctl stop "$svc" 2>/dev/null || as_root service "$svc" stop 2>/dev/null \
      || as_root kill "$pid" || true
  done
}

build() { # build DIR [configure args...]
  local dir=$1
  shift
  [ -x "$top/configure" ] || "$top/autogen.sh"
  mkdir -p "$dir"
  (cd "$dir" && { [ -f Makefile ] || "$top/configure" "$@"; } && make -j"$jobs")
}

stage() { echo; echo "======== $* ($(date -u +%T)) ========"; }

run_tests() {
  local t0=$SECONDS
  stage "build"
  build "$top/_build"
  stage "make check"
  (cd "$top/_build" && make -j"$jobs" check) || { cat_failed_logs "$top/_build"; exit 1; }
  if [ -x "$top/tools/extra-tests.sh" ]; then
    "$top/tools/extra-tests.sh" "$top" || exit 1
  fi
  stage "all tests passed in $((SECONDS - t0)) s"
}

cat_failed_logs() {
  local f
  for f in $(grep -l '^:test-result: \(FAIL\|ERROR\)' $(find "$1" -name '*.trs') 2>/dev/null); do
    echo "---- ${f%.trs}.log"
    tail -n 80 "${f%.trs}.log"
  done
}

case "$mode" in
  deps) install_deps ;;
  test) install_deps; run_tests ;;
  demo)
    install_deps
    build "$top/_build"
    exec "$top/tools/demo.sh" "$top/_build"
    ;;
  *) echo "usage: $0 demo|test|deps" >&2; exit 2 ;;
esac
