#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/trap-bench.sh: how many traps per second snmptrapd sustains with
# printdev-traphandle, compared side by side with a no-op C handler
# (bench/noop-handler.c: reads stdin, exits) and with snmptt in standalone
# mode, all on the same snmptrapd configuration; then a 2,000-trap burst
# with the shipped configuration.
#
#   bench/trap-bench.sh [BUILDDIR] [--rounds N] [--count N] [--snmptt-count N]
#                       [--burst N] [--markdown FILE]
#
# Method.  Each measurement starts a private snmptrapd on a free loopback
# port, sends COUNT copies of one printerV2Alert (v2c) as fast as one
# process can (the datagrams queue in snmptrapd's receive buffer), then one
# snmpinform; snmptrapd answers the inform only after every earlier trap's
# handler has returned, so COUNT+1 over the time to the answer is the rate
# snmptrapd sustains.  For printdev-traphandle, whose worker runs in the
# background, the time until the last event is in the database is measured
# too ("done"), and every event is checked to be there.  Handlers run in
# interleaved order, round after round; medians are reported.
#
# Configurations.  snmptt needs snmptrapd's default handler layout with
# numeric OIDs, so the common configuration is the shipped
# printdev-snmptrapd.conf without its `format execute` line and with
# `outputOption n`; printdev-traphandle is also measured with the shipped
# configuration unchanged ("ours, shipped").  The burst uses the shipped
# configuration unchanged (serverRecvBuf 8 MiB) and raises
# net.core.rmem_max to 8 MiB when it is writable (restored afterwards).
# Storm control stays at its default for the burst (identical traps are
# counted, not logged again), and is off (-w 0) for the rate runs so that
# every trap is fully logged and stored.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=$(cd "$here/.." && pwd)
top_builddir=${top_builddir:-$top_srcdir/_build}
rounds=5 count=1000 stt_count=40 burst=2000 markdown=""
while [ $# -gt 0 ]; do
    case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --snmptt-count) stt_count=$2; shift 2 ;;
    --burst) burst=$2; shift 2 ;;
    --markdown) markdown=$2; shift 2 ;;
    -*) echo "usage: $0 [BUILDDIR] [--rounds N] [--count N] [--snmptt-count N] [--burst N] [--markdown FILE]" >&2; exit 2 ;;
    *) top_builddir=$(cd "$1" && pwd); shift ;;
    esac
done
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
pd_init trap-bench

H="$top_builddir/printdev-traphandle"
NOOP="$top_builddir/bench/noop-handler"
[ -x "$H" ] && [ -x "$top_builddir/printdev-trapworker" ] || pd_die "build printdev-traphandle first ($H)"
[ -x "$NOOP" ] || make -C "$top_builddir" bench/noop-handler >/dev/null || pd_die "cannot build $NOOP"
command -v snmptt >/dev/null || pd_log "snmptt not installed: its column is skipped"
# The same front end linked dynamically (what `make TRAPHANDLE_LINK=`
# builds; the default build links it statically), to show what the dynamic
# loader costs per trap.
HD="$PD_TMP/printdev-traphandle-dynamic"
${CC:-cc} -O2 -I"$top_builddir" -I"$top_srcdir/module/trap" \
    -DPRINTDEV_TRAP_WORKER="\"$top_builddir/printdev-trapworker\"" \
    "$top_srcdir/module/trap/printdev-traphandle.c" -o "$HD" 2>/dev/null || HD=""
[ -n "$HD" ] || pd_log "cannot compile the dynamic variant: its row is skipped"
file -L "$H" 2>/dev/null | grep -q 'statically linked' || pd_log "note: $H is not statically linked"
command -v sqlite3 >/dev/null || pd_die "sqlite3 (the CLI) is needed to count stored events"

# ---- rmem_max ----------------------------------------------------------------
rmem_old=$(cat /proc/sys/net/core/rmem_max)
rmem_note="net.core.rmem_max was $rmem_old"
restore_rmem() { [ "$(cat /proc/sys/net/core/rmem_max)" = "$rmem_old" ] || echo "$rmem_old" > /proc/sys/net/core/rmem_max; }
if [ "$rmem_old" -lt 8388608 ]; then
    if echo 8388608 > /proc/sys/net/core/rmem_max 2>/dev/null; then
        rmem_note="$rmem_note; raised to 8388608 for the run (as 60-printdev-rmem.conf does), restored after"
        trap 'restore_rmem; pd_cleanup' EXIT
    else
        rmem_note="$rmem_note and NOT writable here: snmptrapd's 8 MiB serverRecvBuf is capped to it"
    fi
fi

# ---- configurations -----------------------------------------------------------
# common: shipped conf minus `format execute`, plus numeric OIDs (for snmptt)
conf_common() { # OUT PORT HANDLER-CMD...
    local out=$1 port=$2
    shift 2
    pt_trapd_conf "$out.tmp" "$port" "$@"
    grep -v '^format execute ' "$out.tmp" > "$out"
    echo 'outputOption n' >> "$out"
    rm -f "$out.tmp"
}

mkdir -p "$PD_TMP/stt"
if command -v snmptt >/dev/null; then
    sed -e "s|^log_file = .*|log_file = $PD_TMP/stt/snmptt.log|" \
        -e "s|^log_system_file = .*|log_system_file = $PD_TMP/stt/system.log|" \
        -e "s|^unknown_trap_log_file = .*|unknown_trap_log_file = $PD_TMP/stt/unknown.log|" \
        -e 's|^syslog_enable = 1|syslog_enable = 0|' \
        -e 's|^syslog_system_enable = 1|syslog_system_enable = 0|' \
        -e 's|^ipv6_enable = 1|ipv6_enable = 0|' \
        -e "s|^/etc/snmptt/snmptt.conf\$|$PD_TMP/stt/snmptt.conf|" \
        /etc/snmp/snmptt.ini > "$PD_TMP/stt/snmptt.ini"
    grep -q "^$PD_TMP/stt/snmptt.conf\$" "$PD_TMP/stt/snmptt.ini" || pd_die "snmptt.ini: no snmptt_conf_files entry to replace"
    cat > "$PD_TMP/stt/snmptt.conf" <<'EOF'
EVENT printerV2Alert .1.3.6.1.2.1.43.18.2.0.1 "Status Events" Critical
FORMAT printer alert: index $1 severity $2 group $3 #$4 location $5 code $6
EOF
fi

P=1.3.6.1.2.1.43.18.1.1
pt_trap_packet "$PD_TMP/alert.pkt" -v2c -c "$PT_COMMUNITY" 127.0.0.1:9 '' 1.3.6.1.2.1.43.18.2.0.1 \
    $P.1.1.5 i 5 $P.2.1.5 i 3 $P.4.1.5 i 13 $P.5.1.5 i 1 $P.6.1.5 i 4001 $P.7.1.5 i 8

now() { date +%s.%N; }

# measure NAME N CONFKIND HANDLER...: prints "NAME rate done_rate checked"
measure() {
    local name=$1 n=$2 kind=$3 port t0 t1 t2 got want dir
    shift 3
    port=$(pd_free_port udp)
    dir="$PD_TMP/run-$name-$RANDOM"
    mkdir -p "$dir"
    case $kind in
    common) conf_common "$dir/snmptrapd.conf" "$port" "$@" ;;
    shipped) pt_trapd_conf "$dir/snmptrapd.conf" "$port" "$@" ;;
    esac
    case $name in
    ours*) ;;
    *) # other handlers get none of printdev-traphandle's options
        sed -i "s|^traphandle default .*|traphandle default $*|" "$dir/snmptrapd.conf" ;;
    esac
    : > "$PD_TMP/stt/snmptt.log"
    pd_start_snmptrapd "$dir/snmptrapd.conf" "udp:127.0.0.1:$port" >/dev/null 2>"$dir/stderr" ||
        pd_die "snmptrapd did not start for $name"
    t0=$(now)
    pt_blast "$port" "$PD_TMP/alert.pkt" "$n"
    snmpinform -v2c -c "$PT_COMMUNITY" -t 120 -r 0 "127.0.0.1:$port" '' 1.3.6.1.4.1.8072.9999.4300.0.99 \
        >/dev/null 2>&1 || pd_log "$name: sentinel inform not answered" >&2
    # (snmpinform waits at most 120 s)
    t1=$(now)
    if ! kill -0 "$PD_TRAPD_PID" 2>/dev/null; then
        # something outside this benchmark stopped snmptrapd: no figure
        pd_log "$name: snmptrapd vanished during the run; run discarded" >&2
        return 0
    fi
    want=$((n + 1))
    got=$want
    t2=$t1
    case $name in
    ours*)
        # wait for the background worker: every event stored
        for _ in $(seq 1 600); do
            got=$(sqlite3 "$PD_TMP/state/traps.db" 'SELECT count(*) + coalesce(sum(repeats), 0) FROM events' 2>/dev/null || echo 0)
            [ "$got" -ge "$want" ] && break
            sleep 0.05
        done
        t2=$(now)
        lines=$(wc -l < "$PD_TMP/state/events.jsonl")
        [ "$lines" = "$want" ] || pd_log "$name: $lines JSON lines for $want traps" >&2
        rm -f "$PD_TMP/state/traps.db"* "$PD_TMP/state/events.jsonl"
        ;;
    snmptt)
        got=$(grep -c 'printer alert' "$PD_TMP/stt/snmptt.log")
        want=$n
        ;;
    esac
    pd_stop_pid "$PD_TRAPD_PID"
    awk -v nm="$name" -v n="$((n + 1))" -v a="$t0" -v b="$t1" -v c="$t2" -v g="$got" -v w="$want" \
        'BEGIN { printf "%s %.1f %.1f %s/%s\n", nm, n / (b - a), n / (c - a), g, w }'
}

OURS_ARGS="-s off -w 0"
# Packaged systems spool in /run/printdev-trap (tmpfs); here a tmpfs dir
# stands in for it, and "ours-disk" spools beside the database instead.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    SHM=$(mktemp -d /dev/shm/printdev-bench.XXXXXX)
    trap 'restore_rmem; rm -rf "$SHM"; pd_cleanup' EXIT
else
    SHM="$PD_TMP/spool-notmpfs"
    pd_log "no writable /dev/shm: the tmpfs spool rows use $SHM"
fi
results="$PD_TMP/results.txt"
: > "$results"
pd_log "$rmem_note"
pd_log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
    # rotate the order each round
    all="noop ours ours-disk ours-shipped ours-dynamic snmptt"
    # rotate the order by one every round
    order=$(echo $all | awk -v k=$(( (r - 1) % 6 )) '{ for (i = 0; i < NF; i++) printf "%s ", $((i + k) % NF + 1) }')
    for h in $order; do
        case $h in
        noop) line=$(measure noop "$count" common "$NOOP") ;;
        ours) line=$(measure ours "$count" common "$H" $OURS_ARGS -q "$SHM/a") ;;
        ours-disk) line=$(measure ours-disk "$count" common "$H" $OURS_ARGS) ;;
        ours-shipped) line=$(measure ours-shipped "$count" shipped "$H" $OURS_ARGS -q "$SHM/b") ;;
        ours-dynamic)
            [ -n "$HD" ] || continue
            line=$(measure ours-dynamic "$count" common "$HD" $OURS_ARGS -q "$SHM/c")
            ;;
        snmptt)
            command -v snmptt >/dev/null || continue
            line=$(measure snmptt "$stt_count" common "/usr/sbin/snmptt --ini=$PD_TMP/stt/snmptt.ini")
            ;;
        esac
        [ -n "$line" ] || continue
        echo "$r $line" >> "$results"
        pd_log "round $r: $line"
    done
done
pd_log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { # NAME FIELD
    awk -v nm="$1" -v f="$2" '$2 == nm { print $f }' "$results" | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
m_noop=$(median noop 3)
m_ours=$(median ours 3)
m_ours_done=$(median ours 4)
m_ship=$(median ours-shipped 3)
m_ship_done=$(median ours-shipped 4)
m_stt=$(median snmptt 3)
m_disk=$(median ours-disk 3)
m_disk_done=$(median ours-disk 4)
m_dyn=$(median ours-dynamic 3)
m_dyn_done=$(median ours-dynamic 4)
# median over rounds of (handler / no-op of the same round): pairs runs
# made seconds apart, so slow drifts in machine load cancel out
paired() {
    awk -v nm="$1" '$2 == "noop" { b[$1] = $3 } $2 == nm { v[$1] = $3 }
        END { for (r in v) if (b[r] > 0) print v[r] / b[r] }' "$results" | sort -n |
        awk '{ x[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) printf "%.2f\n", x[(NR + 1) / 2];
              else printf "%.2f\n", (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# ---- burst with the shipped configuration --------------------------------------
port=$(pd_free_port udp)
pt_trapd_conf "$PD_TMP/burst.conf" "$port" "$H"
rm -f "$PD_TMP/state/traps.db"* "$PD_TMP/state/events.jsonl"
pd_start_snmptrapd "$PD_TMP/burst.conf" "udp:127.0.0.1:$port" >/dev/null 2>&1 || pd_die "burst snmptrapd"
rcvbuf=$(ss -H -uln -m "sport = :$port" 2>/dev/null | grep -o 'rb[0-9]*' | head -1)
t0=$(now)
pt_blast "$port" "$PD_TMP/alert.pkt" "$burst"
snmpinform -v2c -c "$PT_COMMUNITY" -t 600 -r 0 "127.0.0.1:$port" '' 1.3.6.1.4.1.8072.9999.4300.0.99 >/dev/null 2>&1
for _ in $(seq 1 600); do
    handled=$(sqlite3 "$PD_TMP/state/traps.db" 'SELECT count(*) + coalesce(sum(repeats), 0) - 1 FROM events' 2>/dev/null || echo 0)
    [ "$handled" -ge "$burst" ] && break
    sleep 0.1
done
t1=$(now)
stored=$(sqlite3 "$PD_TMP/state/traps.db" "SELECT count(*) - 1 FROM events")
logged=$(($(wc -l < "$PD_TMP/state/events.jsonl") - 1))
pd_stop_pid "$PD_TRAPD_PID"
burst_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')

report() {
    cat <<EOF
| handler (same snmptrapd config) | traps/s accepted (median) | traps/s fully stored (median) | vs no-op: ratio of medians / median of per-round ratios |
|---|---|---|---|
| no-op C handler (bench/noop-handler) | $m_noop | - | 1.00 |
| printdev-traphandle (static front), spool on tmpfs (as /run when packaged) | $m_ours | $m_ours_done | $(ratio "$m_ours" "$m_noop") / $(paired ours) |
| printdev-traphandle, spool beside the database (ext4) | $m_disk | $m_disk_done | $(ratio "$m_disk" "$m_noop") / $(paired ours-disk) |
| printdev-traphandle, shipped conf (format execute), tmpfs spool | $m_ship | $m_ship_done | $(ratio "$m_ship" "$m_noop") / $(paired ours-shipped) |
| printdev-traphandle, front linked dynamically, tmpfs spool | $m_dyn | $m_dyn_done | $(ratio "$m_dyn" "$m_noop") / $(paired ours-dynamic) |
| snmptt --ini (standalone, $stt_count traps per run) | $m_stt | - | $(ratio "$m_stt" "$m_noop") / $(paired snmptt) |

printdev-traphandle (tmpfs spool) vs snmptt: $(ratio "$m_ours" "$m_stt")x (medians);
no-op vs snmptt: $(ratio "$m_noop" "$m_stt")x.

Burst with the shipped configuration: $handled of $burst traps handled ($stored stored as
events, the rest counted as storm repeats; $logged JSON lines), in ${burst_secs} s;
receive buffer reported by ss: ${rcvbuf:-unknown}; $rmem_note.

Per-run figures (round, handler, accepted/s, stored/s, checked/expected):
\`\`\`
$(cat "$results")
\`\`\`
EOF
}
report
[ -n "$markdown" ] && report > "$markdown"
PD_PASS=1
exit 0
