#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/scale-bench.sh: start-up time, reload (SIGHUP) time, the longest gap
# in answers seen by a poller during the reload, and resident memory of the
# printdev agent with many devices, in both shapes, next to a plain snmpd
# (no printdev) measured the same way in the same run.  A script for humans,
# NOT a timed test; method and recorded results: bench/RESULTS-scale.md.
#
#   bench/scale-bench.sh [BUILDDIR]   (env: SIZES="100 1000 4000" ROUNDS=3
#                                      SHAPES="dlmod agentx")
#
# Per size (tools/gen-large-profile.sh -n SIZE) and round, in rotating order:
#   plain   snmpd without printdev: launch -> first answer; SIGHUP -> gap
#           in answers to sysUpTime.0
#   dlmod   snmpd with printdev.so: launch -> every device registered
#           (printdevAgentDevices.0 = SIZE, the first device's hrDeviceIndex
#           and the last device's hrPrinterDetectedErrorState answer);
#           SIGHUP -> the log says the devices are registered again
#           ("reload"), and the longest gap between two answers to a GET of
#           printdevAgentDevices.0 sent every 10 ms ("gap")
#   agentx  a master snmpd and printdevd: the same, printdevd launched under
#           a running master, SIGHUP to printdevd, the poller asking the
#           master (answers count only when they carry the value, not a
#           timeout or genErr of the master)
# A reload that has not ended after LIMIT seconds (default 120) is recorded
# as LIMIT*1000 ms and the agent is stopped (killed after 10 s).
# Every figure is the median over ROUNDS.  RSS: VmRSS of snmpd (dlmod,
# plain) or of printdevd (agentx), after start-up (rss_kb) and after the
# reload (rss2_kb).  Times are wall clock, probed with 0.1 s client timeouts
# every 20 ms, so start-up figures carry up to ~0.1 s of probe granularity.
# The poller is a few lines of python3 speaking SNMPv2c over UDP itself, so
# its resolution is not limited by starting a client process per request.
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-}
if [ -z "$builddir" ]; then
    for d in "$top_srcdir"/_build*; do
        [ -f "$d/.libs/printdev.so" ] && [ -x "$d/printdevd" ] && { builddir=$d; break; }
    done
fi
[ -n "$builddir" ] && [ -d "$builddir" ] || { echo "usage: $0 BUILDDIR (no build with printdev.so and printdevd found)" >&2; exit 2; }
top_builddir=$(cd "$builddir" && pwd)
export top_srcdir top_builddir
SIZES=${SIZES:-100 1000 4000}
ROUNDS=${ROUNDS:-3}
SHAPES=${SHAPES:-dlmod agentx}
LIMIT=${LIMIT:-120} # seconds a start-up or reload may take before it is given up
command -v python3 >/dev/null 2>&1 || { echo "$0: python3 is needed for the poller" >&2; exit 2; }

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
pd_init scale-bench
pa_init
[ -n "$PA_SO" ] || pd_die "printdev.so not found under $top_builddir"
[ -n "$PA_DAEMON" ] || pd_die "printdevd not found under $top_builddir"
PD_PASS=1

UPTIME=.1.3.6.1.2.1.1.3.0
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
col() { awk -v c="$1" '{ print $c }' "$2" | median; }

# The poller: GET OID every 10 ms until STOPFILE exists (then 0.5 s more for
# late answers); prints "answers N gap_ms G" (G: longest time between two
# good answers).
cat > "$PD_TMP/poller.py" <<'EOF'
import os, select, socket, sys, time
host, port, oid, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def ber_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b

def tlv(t, v):
    return bytes([t]) + ber_len(len(v)) + v

def enc_oid(s):
    p = [int(x) for x in s.strip(".").split(".")]
    out = bytes([40 * p[0] + p[1]])
    for x in p[2:]:
        b = [x & 0x7F]
        x >>= 7
        while x:
            b.insert(0, 0x80 | (x & 0x7F))
            x >>= 7
        out += bytes(b)
    return out

def get(reqid):
    vb = tlv(0x30, tlv(0x06, enc_oid(oid)) + b"\x05\x00")
    pdu = tlv(0xA0, tlv(0x02, reqid.to_bytes(4, "big")) + b"\x02\x01\x00\x02\x01\x00" + tlv(0x30, vb))
    return tlv(0x30, b"\x02\x01\x01" + tlv(0x04, b"public") + pdu)

def read(buf, i):
    t = buf[i]
    n = buf[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[i:i + k], "big")
        i += k
    return t, i, n

def good(buf):
    try:
        t, i, n = read(buf, 0)          # message
        t, i, n = read(buf, i); i += n  # version
        t, i, n = read(buf, i); i += n  # community
        t, i, n = read(buf, i)          # response PDU
        t, i, n = read(buf, i); i += n  # request-id
        t, i, n = read(buf, i)          # error-status
        if t != 0x02 or buf[i] != 0:
            return False
        i += n
        t, i, n = read(buf, i); i += n  # error-index
        t, i, n = read(buf, i)          # varbind list
        t, i, n = read(buf, i)          # varbind
        t, i, n = read(buf, i); i += n  # name
        return buf[i] not in (0x80, 0x81, 0x82)  # noSuchObject/Instance, endOfMibView
    except IndexError:
        return False

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
s.connect((host, port))
s.setblocking(False)
reqid, answers, last, gap, end = 1, 0, None, 0.0, None
nxt = time.monotonic()
while True:
    now = time.monotonic()
    if end is None and os.path.exists(stop):
        end = now + 0.5
    if end is not None and now >= end:
        break
    if now >= nxt and end is None:
        try:
            s.send(get(reqid))
        except OSError:
            pass
        reqid += 1
        nxt = now + 0.01
    r, _, _ = select.select([s], [], [], max(0.0, min(nxt - now, 0.01)))
    if r:
        try:
            buf = s.recv(65535)
        except OSError:
            continue
        if good(buf):
            t = time.monotonic()
            if last is not None:
                gap = max(gap, t - last)
            last = t
            answers += 1
print("answers %d gap_ms %d" % (answers, int(gap * 1000)))
EOF

# answers ADDR: sysUpTime.0 answered (the same 0.1 s timeout as devices_ready)
answers() { snmpget -v2c -c public -On -t 0.1 -r 0 "$1" "$UPTIME" 2>/dev/null | grep -q Timeticks; }
# devices_ready ADDR N FIRST LAST: every device registered
devices_ready() {
    local out
    out=$(snmpget -v2c -c public -On -t 0.1 -r 0 "$1" "$PA_AGENT_DEVICES" "$PA_HRDEV.1.1.$3" "$PA_HRPRT.1.2.$4" 2>/dev/null) || return 1
    printf '%s\n' "$out" | grep -q "= Gauge32: $2\$" || return 1
    printf '%s\n' "$out" | grep -q "$PA_HRDEV.1.1.$3 = INTEGER: $3\$" || return 1
    printf '%s\n' "$out" | grep -q "$PA_HRPRT.1.2.$4 = \(Hex-STRING\|STRING\|\"\"\)"
}
# wait_ms SECONDS CMD...: poll CMD every 20 ms
wait_ms() {
    local secs=$1 i
    shift
    for i in $(seq 1 $(( secs * 50 ))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.02
    done
    return 1
}
registered_count() { grep -c 'device(s) registered' "$1" 2>/dev/null; }
more_registered() { [ "$(registered_count "$1")" -gt "$2" ]; }

# reload PID LOG ADDR OID: SIGHUP PID while polling OID at ADDR; prints
# "reload_ms gap_ms" (both LIMIT*1000 when the reload did not end within
# LIMIT seconds).  LOG empty: no log to wait for (plain snmpd).
reload() {
    local pid=$1 log=$2 addr=$3 oid=$4 n0 t0 t1 port
    port=${addr##*:}
    rm -f "$PD_TMP/stop"
    python3 "$PD_TMP/poller.py" 127.0.0.1 "$port" "$oid" "$PD_TMP/stop" > "$PD_TMP/poll.out" &
    local poller=$!
    sleep 0.5
    n0=$(registered_count "$log")
    t0=$(now_ms)
    kill -HUP "$pid"
    if [ -n "$log" ]; then
        if ! wait_ms "$LIMIT" more_registered "$log" "$n0"; then
            : > "$PD_TMP/stop"
            wait "$poller"
            echo "$(( LIMIT * 1000 )) $(( LIMIT * 1000 ))"
            return
        fi
    else
        sleep 0.2
    fi
    t1=$(now_ms)
    sleep 0.5
    : > "$PD_TMP/stop"
    wait "$poller"
    echo "$(( t1 - t0 )) $(sed -n 's/.*gap_ms \([0-9]*\).*/\1/p' "$PD_TMP/poll.out")"
}

run_plain() {
    local conf=$PD_TMP/plain.conf t0 t1 port addr pid rss
    pa_conf_base "$conf"
    port=$(pd_free_port udp); addr="udp:127.0.0.1:$port"
    t0=$(now_ms)
    "$SNMPD" -f -C -c "$conf" -Lf "$PD_TMP/plain.log" -p "$PD_TMP/plain.pid" "$addr" &
    pid=$!; pd_track "$pid"
    wait_ms 60 answers "$addr" || pd_die "plain snmpd did not start"
    t1=$(now_ms)
    rss=$(rss_kb "$pid")
    echo "$(( t1 - t0 )) $(reload "$pid" "" "$addr" "$UPTIME") $rss $(rss_kb "$pid")" >> "$PD_TMP/plain.$size"
    pd_stop_pid "$pid"
}

run_dlmod() {
    local conf=$PD_TMP/dlmod.conf t0 t1 port addr pid rss
    rm -rf "$PD_TMP/state.dlmod"; mkdir -p "$PD_TMP/state.dlmod"
    pa_conf_base "$conf"
    pa_conf_module "$conf" "$PD_TMP/p$size.conf" "$PD_TMP/state.dlmod"
    echo "printdevFeedSocket none" >> "$conf"
    port=$(pd_free_port udp); addr="udp:127.0.0.1:$port"
    : > "$PD_TMP/dlmod.log"
    t0=$(now_ms)
    "$SNMPD" -f -C -c "$conf" -Lf "$PD_TMP/dlmod.log" -p "$PD_TMP/dlmod.pid" "$addr" &
    pid=$!; pd_track "$pid"
    wait_ms "$LIMIT" devices_ready "$addr" "$size" "$first" "$last" || pd_die "dlmod: devices not registered"
    t1=$(now_ms)
    rss=$(rss_kb "$pid")
    echo "$(( t1 - t0 )) $(reload "$pid" "$PD_TMP/dlmod.log" "$addr" "$PA_AGENT_DEVICES") $rss $(rss_kb "$pid")" >> "$PD_TMP/dlmod.$size"
    pd_stop_pid "$pid"
}

run_agentx() {
    local conf=$PD_TMP/master.conf sub=$PD_TMP/sub.conf t0 t1 port addr mpid pid rss
    rm -rf "$PD_TMP/state.agentx"; mkdir -p "$PD_TMP/state.agentx"
    pa_conf_base "$conf"
    PA_SOCK=$PD_TMP/agentx.sock
    pa_conf_master "$conf"
    pa_conf_sub "$sub" "$PD_TMP/p$size.conf" "$PD_TMP/state.agentx"
    echo "printdevFeedSocket none" >> "$sub"
    port=$(pd_free_port udp); addr="udp:127.0.0.1:$port"
    "$SNMPD" -f -C -c "$conf" -Lf "$PD_TMP/master.log" -p "$PD_TMP/master.pid" "$addr" &
    mpid=$!; pd_track "$mpid"
    wait_ms 60 answers "$addr" || pd_die "master snmpd did not start"
    : > "$PD_TMP/printdevd.log"
    t0=$(now_ms)
    "$PA_DAEMON" -f -x "$PA_SOCK" -C -c "$sub" -Lf "$PD_TMP/printdevd.log" -p "$PD_TMP/printdevd.pid" -I 1 &
    pid=$!; pd_track "$pid"
    wait_ms "$LIMIT" devices_ready "$addr" "$size" "$first" "$last" || pd_die "agentx: devices not registered"
    t1=$(now_ms)
    rss=$(rss_kb "$pid")
    echo "$(( t1 - t0 )) $(reload "$pid" "$PD_TMP/printdevd.log" "$addr" "$PA_AGENT_DEVICES") $rss $(rss_kb "$pid")" >> "$PD_TMP/agentx.$size"
    pd_stop_pid "$pid"
    pd_stop_pid "$mpid"
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== build: $top_builddir; Net-SNMP $(snmpd -v 2>/dev/null | sed -n 's/^NET-SNMP version: *//p'); medians of $ROUNDS rounds, rotating order"
printf '%-7s %6s %10s %10s %10s %9s %9s\n' shape devices start_ms reload_ms gap_ms rss_kb rss2_kb
for size in $SIZES; do
    sh "$top_srcdir/tools/gen-large-profile.sh" -n "$size" -o "$PD_TMP/p$size.conf" || pd_die "gen-large-profile failed"
    first=1; last=$size
    order="plain $SHAPES"
    for r in $(seq 1 "$ROUNDS"); do
        for what in $order; do "run_$what"; done
        # rotate: A B C -> B C A
        order="$(echo "$order" | cut -d' ' -f2-) $(echo "$order" | cut -d' ' -f1)"
    done
    for what in plain $SHAPES; do
        printf '%-7s %6d %10s %10s %10s %9s %9s\n' "$what" "$size" "$(col 1 "$PD_TMP/$what.$size")" \
            "$(col 2 "$PD_TMP/$what.$size")" "$(col 3 "$PD_TMP/$what.$size")" "$(col 4 "$PD_TMP/$what.$size")" \
            "$(col 5 "$PD_TMP/$what.$size")"
    done
done
