#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/trapd-bench.sh: printdev-trapd against the snmptrapd shapes, side
# by side in one run, in rotating order, medians over the rounds:
#   trapd-v2c     printdev-trapd, SQLite, v2c printerV2Alert traps
#   trapd-v3      printdev-trapd, SQLite, v3 authPriv (SHA/AES) traps
#   trapd-pg      printdev-trapd, PostgreSQL (a private server on a Unix
#                 socket, started here; skipped when not installed)
#   traphandle    snmptrapd + printdev-traphandle (shipped snmptrapd conf)
#   noop          snmptrapd + a no-op fork handler (bench/noop-handler)
#   plain         snmptrapd logging to a file, no handler
#   snmptt        snmptrapd + snmptt --ini (standalone), few traps
# then, with the SHIPPED trapd.conf: a burst of --burst traps (kernel drops
# and stored count), and the trap -> stored latency at --rate informs/s
# (printdev-trapd answers an inform only once its batch is committed, so
# the answer time bounds trap -> stored).
#
#   bench/trapd-bench.sh [BUILDDIR] [--rounds N] [--count N] [--fork-count N]
#                        [--plain-count N] [--snmptt-count N] [--burst N]
#                        [--rate N] [--markdown FILE]
#
# Method.  Each measurement starts a private receiver on a free loopback
# port, sends COUNT copies of one pre-encoded trap as fast as one process
# can (they queue in the receive buffer), then one inform; the time to its
# answer is the time to take every earlier trap (printdev-trapd: to commit
# it; snmptrapd: its handlers returned).  For printdev-traphandle, whose
# worker runs in the background, the time until the last event is in the
# database counts ("stored").  Every run checks the stored count.  Storm
# control is off (-w 0) for the rate runs, so every trap is stored in full.
# The machine is shared: keep runs short, compare within one run only.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=$(cd "$here/.." && pwd)
top_builddir=${top_builddir:-$top_srcdir/_build}
rounds=3 count=20000 fork_count=500 plain_count=5000 stt_count=20 burst=100000 rate=5000
markdown=""
while [ $# -gt 0 ]; do
    case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --fork-count) fork_count=$2; shift 2 ;;
    --plain-count) plain_count=$2; shift 2 ;;
    --snmptt-count) stt_count=$2; shift 2 ;;
    --burst) burst=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --markdown) markdown=$2; shift 2 ;;
    -*) sed -n '/^#   bench/,/^#  *\[--rate/p' "$0" >&2; exit 2 ;;
    *) top_builddir=$(cd "$1" && pwd); shift ;;
    esac
done
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
. "$top_srcdir/tests/integration/trapd-lib.sh"
. "$top_srcdir/tests/integration/pg-lib.sh"
pd_init trapd-bench

H="$top_builddir/printdev-traphandle"
NOOP="$top_builddir/bench/noop-handler"
[ -x "$TD_BIN" ] || pd_die "build printdev-trapd first ($TD_BIN)"
[ -x "$H" ] || pd_die "build printdev-traphandle first"
[ -x "$NOOP" ] || make -C "$top_builddir" bench/noop-handler >/dev/null || pd_die "cannot build $NOOP"
command -v sqlite3 >/dev/null || pd_die "sqlite3 (the CLI) is needed to count stored events"
command -v snmptt >/dev/null || pd_log "snmptt not installed: its column is skipped"

# snmptrapd's shipped 8 MiB serverRecvBuf needs rmem_max; printdev-trapd
# (root here) forces its own 128 MiB.
rmem_old=$(cat /proc/sys/net/core/rmem_max)
rmem_note="net.core.rmem_max was $rmem_old"
restore_rmem() { [ "$(cat /proc/sys/net/core/rmem_max)" = "$rmem_old" ] || echo "$rmem_old" > /proc/sys/net/core/rmem_max; }
trap 'restore_rmem; pg_stop; pd_cleanup' EXIT
if [ "$rmem_old" -lt 8388608 ] && echo 8388608 > /proc/sys/net/core/rmem_max 2>/dev/null; then
    rmem_note="$rmem_note; raised to 8388608 for the run, restored after"
fi

P=1.3.6.1.2.1.43.18.1.1
VBS="$P.1.1.5 i 5 $P.2.1.5 i 3 $P.4.1.5 i 13 $P.5.1.5 i 1 $P.6.1.5 i 4001 $P.7.1.5 i 8"
# shellcheck disable=SC2086
pt_trap_packet "$PD_TMP/v2c.pkt" -v2c -c "$PT_COMMUNITY" 127.0.0.1:9 '' 1.3.6.1.2.1.43.18.2.0.1 $VBS
# shellcheck disable=SC2086
pt_trap_packet "$PD_TMP/v3.pkt" -v3 -e "$PT_ENGINE" -u "$PT_V3USER" -l authPriv -a SHA \
    -A "$PT_AUTHPASS" -x AES -X "$PT_PRIVPASS" 127.0.0.1:9 '' 1.3.6.1.2.1.43.18.2.0.1 $VBS

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
    cat > "$PD_TMP/stt/snmptt.conf" <<'EOF'
EVENT printerV2Alert .1.3.6.1.2.1.43.18.2.0.1 "Status Events" Critical
FORMAT printer alert: index $1 severity $2 group $3 #$4 location $5 code $6
EOF
fi

have_pg=no
if pg_have; then
    pg_init
    pg_start
    have_pg=yes
else
    pd_log "PostgreSQL server binaries not installed: the trapd-pg column is skipped"
fi
pg_count() {
    "$PG_BINDIR/psql" -X -q -A -t -c 'SELECT count(*) + coalesce(sum(repeats), 0) FROM events' "$PG_CONN" 2>/dev/null || echo 0
}

now() { date +%s.%N; }
DB="$PD_TMP/state/traps.db"
stored_count() { sqlite3 "$DB" 'SELECT count(*) + coalesce(sum(repeats), 0) FROM events' 2>/dev/null || echo 0; }

# measure NAME N: prints "NAME N SECONDS CHECKED/EXPECTED"
measure() {
    local name=$1 n=$2 port dir t0 t1 got want pkt=v2c pid
    port=$(pd_free_port udp)
    dir="$PD_TMP/run-$name-$RANDOM"
    mkdir -p "$dir"
    rm -f "$DB"* "$PD_TMP/state/events.jsonl" "$dir/snmptrapd.log"
    case $name in
    trapd-*)
        td_conf "$dir/trapd.conf" "$port" "authCommunity log $PT_COMMUNITY 127.0.0.1" \
            "createUser -e $PT_ENGINE $PT_V3USER SHA \"$PT_AUTHPASS\" AES \"$PT_PRIVPASS\"" \
            "authUser log $PT_V3USER priv"
        if [ "$name" = trapd-pg ]; then
            "$PG_BINDIR/psql" -X -q -c 'TRUNCATE events, receivers, active_alerts' "$PG_CONN" \
                >/dev/null 2>&1
            td_start "$dir/trapd.conf" -s off -w 0 -d "pg:$PG_CONN" -P "$dir/pg-spool.db" \
                >/dev/null 2>&1 || pd_die "printdev-trapd (PostgreSQL) did not start"
        else
            td_start "$dir/trapd.conf" -s off -w 0 >/dev/null 2>&1 || pd_die "printdev-trapd did not start"
        fi
        pid=$TD_PID
        [ "$name" = trapd-v3 ] && pkt=v3
        ;;
    *)
        pt_trapd_conf "$dir/snmptrapd.conf" "$port" "$H" -s off -w 0 -q "$PD_TMP/spool-$RANDOM"
        case $name in
        noop) sed -i "s|^traphandle default .*|traphandle default $NOOP|" "$dir/snmptrapd.conf" ;;
        plain) sed -i '/^traphandle default /d' "$dir/snmptrapd.conf" ;;
        snmptt)
            grep -v '^format execute ' "$dir/snmptrapd.conf" |
                sed "s|^traphandle default .*|traphandle default /usr/sbin/snmptt --ini=$PD_TMP/stt/snmptt.ini|" \
                    > "$dir/c" && mv "$dir/c" "$dir/snmptrapd.conf"
            echo 'outputOption n' >> "$dir/snmptrapd.conf"
            : > "$PD_TMP/stt/snmptt.log"
            ;;
        esac
        pd_start_snmptrapd "$dir/snmptrapd.conf" "udp:127.0.0.1:$port" >/dev/null 2>&1 ||
            pd_die "snmptrapd did not start for $name"
        pid=$PD_TRAPD_PID
        ;;
    esac
    t0=$(now)
    pt_blast "$port" "$PD_TMP/$pkt.pkt" "$n"
    snmpinform -v2c -c "$PT_COMMUNITY" -t 300 -r 0 "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1 \
        >/dev/null 2>&1 || pd_log "$name: sentinel inform not answered" >&2
    t1=$(now)
    want=$((n + 1))
    case $name in
    trapd-pg) got=$(pg_count) ;;
    trapd-*) got=$(stored_count) ;;
    traphandle)
        for _ in $(seq 1 1200); do
            got=$(stored_count)
            [ "$got" -ge "$want" ] && break
            sleep 0.05
        done
        t1=$(now)
        ;;
    noop) got=$want ;;
    plain) got=$(grep -c '43.18.2.0.1' "$PD_TMP/snmptrapd.log"); want=$n ;;
    snmptt) got=$(grep -c 'printer alert' "$PD_TMP/stt/snmptt.log"); want=$n ;;
    esac
    pd_stop_pid "$pid"
    awk -v nm="$name" -v n="$want" -v a="$t0" -v b="$t1" -v g="$got" -v w="$want" \
        'BEGIN { printf "%s %d %.3f %s/%s\n", nm, n, b - a, g, w }'
}

results="$PD_TMP/results.txt"
: > "$results"
pd_log "$rmem_note"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
all="trapd-v2c trapd-v3 trapd-pg traphandle noop plain snmptt"
for r in $(seq 1 "$rounds"); do
    order=$(echo $all | awk -v k=$(( (r - 1) % 7 )) '{ for (i = 0; i < NF; i++) printf "%s ", $((i + k) % NF + 1) }')
    for h in $order; do
        case $h in
        trapd-pg) [ "$have_pg" = yes ] || continue; n=$count ;;
        trapd-*) n=$count ;;
        traphandle | noop) n=$fork_count ;;
        plain) n=$plain_count ;;
        snmptt) command -v snmptt >/dev/null || continue; n=$stt_count ;;
        esac
        line=$(measure "$h" "$n")
        echo "$r $line" >> "$results"
        pd_log "round $r: $line"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# rate = traps / seconds per run; medians over the rounds
median() {
    awk -v nm="$1" '$2 == nm { printf "%.0f\n", $3 / $4 }' "$results" | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# median over rounds of (NAME / no-op of the same round)
paired() {
    awk -v nm="$1" '$2 == "noop" { b[$1] = $3 / $4 } $2 == nm { v[$1] = $3 / $4 }
        END { for (r in v) if (b[r] > 0) print v[r] / b[r] }' "$results" | sort -n |
        awk '{ x[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) printf "%.1f\n", x[(NR + 1) / 2];
              else printf "%.1f\n", (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
checks_ok=$(awk '{ split($5, a, "/"); if (a[1] != a[2]) bad++ } END { print bad ? "NO (" bad " runs short)" : "yes" }' "$results")

# ---- burst and latency with the shipped trapd.conf ----------------------------------
port=$(pd_free_port udp)
rm -f "$DB"*
td_conf "$PD_TMP/burst.conf" "$port" "authCommunity log $PT_COMMUNITY 127.0.0.1"
td_start "$PD_TMP/burst.conf" -s off >/dev/null 2>&1 || pd_die "printdev-trapd (burst) did not start"
rcvbuf=$(td_stat receive_buffer_0)
t0=$(now)
pt_blast "$port" "$PD_TMP/v2c.pkt" "$burst"
t_sent=$(now)
snmpinform -v2c -c "$PT_COMMUNITY" -t 600 -r 0 "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1 >/dev/null 2>&1
t1=$(now)
sleep 1.2 # one stats tick
b_stored=$(( $(stored_count) - 1 ))
b_drops=$(td_stat kernel_drops)
b_rows=$(sqlite3 "$DB" 'SELECT count(*) - 1 FROM events')
burst_send=$(awk -v a="$t0" -v b="$t_sent" 'BEGIN { printf "%.2f", b - a }')
burst_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
lat=$(perl "$top_srcdir/tests/integration/trapd-informs.pl" "$port" "$PT_COMMUNITY" "$rate" 3 \
    "$PD_TMP/lat.txt")
pd_stop_pid "$TD_PID"

report() {
    cat <<EOF
Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores shared with other work (load before
$load_before, after $load_after); $rounds rounds in rotating order; $rmem_note.
Counts per run: printdev-trapd $count traps, fork handlers $fork_count, plain
logging $plain_count, snmptt $stt_count.  Stored counts all as expected: $checks_ok.

| receiver | traps/s fully handled (median) | vs no-op fork handler (median of per-round ratios) |
|---|---|---|
| printdev-trapd, SQLite, v2c | $(median trapd-v2c) | $(paired trapd-v2c)x |
| printdev-trapd, SQLite, v3 authPriv (SHA/AES) | $(median trapd-v3) | $(paired trapd-v3)x |
| snmptrapd + printdev-traphandle (stored) | $(median traphandle) | $(paired traphandle)x |
| snmptrapd + no-op fork handler | $(median noop) | 1.0x |
| snmptrapd, plain logging to a file | $(median plain) | $(paired plain)x |
| snmptrapd + snmptt (standalone) | $(median snmptt) | $(paired snmptt)x |
| printdev-trapd, PostgreSQL (private server, Unix socket, fsync on) | $(median trapd-pg) | $(paired trapd-pg)x |

Burst with the shipped trapd.conf (storm control at its default: identical
traps are stored once per window and counted as repeats): $b_stored of $burst
traps handled ($b_rows event rows, the rest repeats), kernel drops ${b_drops:-?},
receive buffer $rcvbuf bytes; sent in ${burst_send} s, all committed after
${burst_secs} s.

Trap -> stored latency (informs with distinct ids at $rate/s for 3 s; an
inform is answered only after its batch is committed):
$lat (ms).

Per-run figures (round, receiver, traps, seconds, stored/expected):
\`\`\`
$(cat "$results")
\`\`\`
EOF
}
report
[ -n "$markdown" ] && report > "$markdown"
PD_PASS=1
exit 0
