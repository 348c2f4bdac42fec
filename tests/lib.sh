# SPDX-License-Identifier: GPL-2.0-or-later
# tests/lib.sh: shared helpers for the integration tests (POSIX sh + bash
# features used: local).  Source it from a test script:
#
#   . "$top_srcdir/tests/lib.sh"
#   pd_init agent-walk            # own temp dir, cleanup on exit
#   port=$(pd_free_port udp)
#   pd_start_snmpd "$PD_TMP/snmpd.conf" "udp:127.0.0.1:$port"
#   pd_ok "walk works" test -n "$(snmpwalk ...)"
#   pd_finish                     # prints "N passed, N failed", exit status
#
# Everything binds loopback only, on free high ports, and every process a
# test starts is recorded and stopped by pid on exit.  Readiness is waited
# for by polling, never by a blind sleep.
# Exit status: 0 all passed, 1 a check failed, 77 skipped, 99 setup error.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SNMPD:=$(command -v snmpd || echo /usr/sbin/snmpd)}"
: "${SNMPTRAPD:=$(command -v snmptrapd || echo /usr/sbin/snmptrapd)}"

PD_PASS=0
PD_FAIL=0
PD_PIDS=""
PD_TMP=""

pd_log() { printf '# %s\n' "$*"; }

pd_skip() {
    printf 'SKIP: %s\n' "$*"
    exit 77
}

pd_die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 99
}

pd_cleanup() {
    local pid
    for pid in $PD_PIDS; do
        pd_stop_pid "$pid"
    done
    PD_PIDS=""
    if [ -n "$PD_TMP" ] && [ -d "$PD_TMP" ]; then
        if [ "${PD_FAIL:-0}" -gt 0 ] || [ -n "${PD_KEEP:-}" ]; then
            pd_log "kept $PD_TMP for inspection"
        else
            rm -rf "$PD_TMP"
        fi
    fi
}

# pd_init NAME: private temp dir and environment for one test.
pd_init() {
    PD_NAME=$1
    PD_TMP=$(mktemp -d "${TMPDIR:-/tmp}/printdev-$1.XXXXXX") || pd_die "mktemp failed"
    chmod 0755 "$PD_TMP"
    trap 'pd_cleanup' EXIT
    trap 'exit 130' INT TERM
    # Keep Net-SNMP's persistent files (engine boots, stored state) private.
    SNMP_PERSISTENT_DIR="$PD_TMP/persist"
    mkdir -p "$SNMP_PERSISTENT_DIR"
    export SNMP_PERSISTENT_DIR
    # Clients: no MIB files, numeric OIDs, unless a test asks otherwise.
    SNMPCONFPATH="$PD_TMP/clientconf"
    mkdir -p "$SNMPCONFPATH"
    printf 'mibs :\n' > "$SNMPCONFPATH/snmp.conf"
    export SNMPCONFPATH
    [ -x "$SNMPD" ] || pd_skip "snmpd not installed"
}

# pd_free_port [udp|tcp]: a port in 20000..59999 nothing listens on now.
pd_free_port() {
    local proto=${1:-udp} port i flag
    [ "$proto" = tcp ] && flag=-ltn || flag=-lun
    for i in $(seq 1 200); do
        port=$(( 20000 + ( $(od -An -N2 -tu2 /dev/urandom) % 40000 ) ))
        case " ${PD_USED_PORTS:-} " in *" $port "*) continue ;; esac
        if ! ss -H $flag "sport = :$port" 2>/dev/null | grep -q .; then
            PD_USED_PORTS="${PD_USED_PORTS:-} $port"
            echo "$port"
            return 0
        fi
    done
    pd_die "no free $proto port found"
}

# pd_track PID: stop this process when the test ends.
pd_track() { PD_PIDS="$PD_PIDS $1"; }

# pd_stop_pid PID: TERM, wait up to 10 s, then KILL.
pd_stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        pd_log "pid $pid did not stop on TERM; killing"
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null || true
    PD_PIDS=$(printf '%s\n' $PD_PIDS | grep -vx "$pid" | tr '\n' ' ')
}

# pd_wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
pd_wait_for() {
    local secs=$1 i n
    shift
    n=$(( secs * 10 ))
    for i in $(seq 1 "$n"); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# pd_snmp_ready ADDR [COMMUNITY]: does an agent answer sysUpTime.0?
pd_snmp_ready() {
    snmpget -v2c -c "${2:-public}" -t 0.3 -r 0 -On "$1" .1.3.6.1.2.1.1.3.0 2>/dev/null | grep -q Timeticks
}

# pd_start_snmpd CONF ADDR [extra snmpd args...]: start a private snmpd in
# the foreground mode (-f), logging to $PD_TMP/snmpd.log; sets PD_SNMPD_PID.
pd_start_snmpd() {
    local conf=$1 addr=$2
    shift 2
    "$SNMPD" -f -C -c "$conf" -Lf "$PD_TMP/snmpd.log" -p "$PD_TMP/snmpd.pid" "$@" "$addr" &
    PD_SNMPD_PID=$!
    pd_track "$PD_SNMPD_PID"
    if ! pd_wait_for 15 pd_snmp_ready "$addr" "${PD_COMMUNITY:-public}"; then
        pd_log "snmpd did not become ready; log follows"
        sed 's/^/#   /' "$PD_TMP/snmpd.log" 2>/dev/null | tail -n 30
        return 1
    fi
}

# pd_start_snmptrapd CONF ADDR [extra args...]: sets PD_TRAPD_PID; ready
# when its log says it is listening.
pd_start_snmptrapd() {
    local conf=$1 addr=$2 log
    shift 2
    log="$PD_TMP/snmptrapd.log"
    : > "$log"
    "$SNMPTRAPD" -f -C -c "$conf" -Lf "$log" -p "$PD_TMP/snmptrapd.pid" "$@" "$addr" &
    PD_TRAPD_PID=$!
    pd_track "$PD_TRAPD_PID"
    if ! pd_wait_for 15 grep -q 'NET-SNMP version' "$log"; then
        pd_log "snmptrapd did not become ready; log follows"
        sed 's/^/#   /' "$log" | tail -n 30
        return 1
    fi
}

# pd_ok DESCRIPTION CMD...: one check.
pd_ok() {
    local desc=$1
    shift
    if "$@"; then
        PD_PASS=$((PD_PASS + 1))
        printf 'ok %d - %s\n' $((PD_PASS + PD_FAIL)) "$desc"
    else
        PD_FAIL=$((PD_FAIL + 1))
        printf 'not ok %d - %s\n' $((PD_PASS + PD_FAIL)) "$desc"
    fi
}

# pd_eq DESCRIPTION EXPECTED ACTUAL: string equality check with a diff.
pd_eq() {
    if [ "$2" = "$3" ]; then
        pd_ok "$1" true
    else
        pd_ok "$1" false
        printf '#   expected: %s\n#   actual:   %s\n' "$2" "$3"
    fi
}

# pd_finish: closing line and exit status.
pd_finish() {
    printf '%s: %d passed, %d failed\n' "${PD_NAME:-test}" "$PD_PASS" "$PD_FAIL"
    [ "$PD_FAIL" -eq 0 ] && [ "$PD_PASS" -gt 0 ]
    exit $?
}
