#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/ipp-bench.sh: what printdev-ipp costs and how fast an IPP state
# change reaches the MIB.  A script for humans, NOT a timed test; results:
# bench/RESULTS-ipp.md.
#
#   bench/ipp-bench.sh [BUILDDIR]   (env: N=5 printers of each kind, REPS=5,
#                                    POLL=2 s, IDLE=20 s)
#
# Real components on 127.0.0.1: N ippeveprinter instances (no
# subscriptions: polled every POLL s) and a private cupsd with N queues
# (ippget subscription), one printdev-ipp mirroring all 2N into a real
# snmpd with printdev.so (profile from printdev-ipp --profile).
#  1. Latency, subscription: a job makes the test backend report a new
#     marker level; t0 = cupsd answers it (ipptool, polled every ~30 ms),
#     t1 = snmpget shows it.  REPS times, rotating over the queues.
#  2. Latency, polling: ippeveprinter's /supplies form sets a level; t0 =
#     the form returns, t1 = snmpget shows it.  Bounded by POLL.
#     Both kinds are measured alternately in one run (rotating order).
#  3. CPU per printer per poll: printdev-ipp's utime+stime over IDLE
#     seconds of unchanged printers / (2N printers x IDLE/POLL polls);
#     the cupsd queues also cost one Get-Notifications a second each.
#  4. RSS per mirrored printer: VmRSS of the 2N-printer mirror minus that
#     of a 1-printer mirror started side by side, / (2N - 1).
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-}
if [ -z "$builddir" ]; then
    for d in "$top_srcdir"/_build*; do
        [ -f "$d/.libs/printdev.so" ] && [ -x "$d/printdev-ipp" ] && { builddir=$d; break; }
    done
fi
[ -n "$builddir" ] && [ -d "$builddir" ] || { echo "usage: $0 BUILDDIR" >&2; exit 2; }
top_builddir=$(cd "$builddir" && pwd)
export top_srcdir top_builddir
N=${N:-5}
REPS=${REPS:-5}
POLL=${POLL:-2}
IDLE=${IDLE:-20}

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
. "$top_srcdir/tests/integration/ipp-lib.sh"
pd_init ipp-bench
pa_init
pf_init
pi_init
pi_need_mdns
PD_PASS=1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
LEVEL=.1.3.6.1.2.1.43.11.1.1.9

queues=
for i in $(seq 1 "$N"); do queues="$queues q$i"; done
# shellcheck disable=SC2086
pi_start_cupsd $queues || exit 1
for q in $queues; do
    pi_job "$q" 'ATTR: marker-names=Black\ Toner marker-types=toner marker-colors=#000000 marker-levels=80 marker-low-levels=10'
done
for q in $queues; do pd_wait_for 20 sh -c "[ \"\$(ipptool -tv ipp://$PI_CUPS/printers/$q get-printer-attributes.test | sed -n 's/^ *marker-levels ([^)]*) = //p')\" = 80 ]" || exit 1; done
EPORTS=
for i in $(seq 1 "$N"); do
    p=$(pd_free_port tcp)
    pi_start_eve "eve$i" "$p" || exit 1
    EPORTS="$EPORTS $p"
done
{
    echo "printdevIppFeedSocket $PF_SOCK"
    echo "printdevIppCupsServer $PI_CUPS"
    echo "printdevIppPollInterval $POLL"
    i=1
    for q in $queues; do echo "printdevIppQueue $q device $q index $i"; i=$((i + 1)); done
    for p in $EPORTS; do echo "printdevIppPrinter eve$i ipp://localhost:$p/ipp/print index $i"; i=$((i + 1)); done
} > "$PD_TMP/ipp.conf"
"$PI_IPP" -c "$PD_TMP/ipp.conf" --profile -o "$PD_TMP/all.conf" || exit 1
pf_start dlmod "$PD_TMP/all.conf" || exit 1
"$PI_IPP" -c "$PD_TMP/ipp.conf" >> "$PD_TMP/mirror.log" 2>&1 &
MIRROR=$!
pd_track "$MIRROR"
pf_wait_int 30 "$PA_ADDR" "$LEVEL.$((2 * N)).2" 75 || { echo "mirror does not deliver"; tail "$PD_TMP/mirror.log"; exit 1; }

sub_lat=() poll_lat=()
for r in $(seq 1 "$REPS"); do
    for kind in sub poll; do
        # rotate which kind goes first
        [ $((r % 2)) -eq 0 ] && kind=$([ "$kind" = sub ] && echo poll || echo sub)
        v=$((20 + r))
        if [ "$kind" = sub ]; then
            i=$(( (r - 1) % N + 1 ))
            pi_job "q$i" "ATTR: marker-levels=$v"
            t0=
            while :; do
                [ -z "$t0" ] && [ "$(pi_attr "q$i" marker-levels)" = "$v" ] && t0=$(now_ms)
                if [ "$(pf_int "$PA_ADDR" "$LEVEL.$i.1")" = "$v" ]; then
                    t1=$(now_ms); [ -n "$t0" ] || t0=$t1; break
                fi
            done
            sub_lat+=($((t1 - t0)))
        else
            i=$(( (r - 1) % N + 1 ))
            p=$(echo $EPORTS | cut -d' ' -f"$i")
            pi_eve_supplies "$p" 25 "$v"
            t0=$(now_ms)
            while [ "$(pf_int "$PA_ADDR" "$LEVEL.$((N + i)).2")" != "$v" ]; do :; done
            t1=$(now_ms)
            poll_lat+=($((t1 - t0)))
        fi
    done
done
echo "latency subscription (cupsd, ms): ${sub_lat[*]}  median $(printf '%s\n' "${sub_lat[@]}" | median)"
echo "latency polling every ${POLL} s (ippeveprinter, ms): ${poll_lat[*]}  median $(printf '%s\n' "${poll_lat[@]}" | median)"

# a 1-printer mirror beside it, for the RSS reference
{
    echo "printdevIppFeedSocket $PF_SOCK"
    echo "printdevIppCups no"
    echo "printdevIppPollInterval $POLL"
    echo "printdevIppPrinter eve$((N + 1)) ipp://localhost:$(echo $EPORTS | cut -d' ' -f1)/ipp/print"
} > "$PD_TMP/one.conf"
"$PI_IPP" -c "$PD_TMP/one.conf" >> "$PD_TMP/one.log" 2>&1 &
ONE=$!
pd_track "$ONE"
sleep 3
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
c0=$(cpu "$MIRROR")
sleep "$IDLE"
c1=$(cpu "$MIRROR")
hz=$(getconf CLK_TCK)
rss_all=$(awk '/VmRSS/ {print $2}' "/proc/$MIRROR/status")
rss_one=$(awk '/VmRSS/ {print $2}' "/proc/$ONE/status")
awk -v c=$((c1 - c0)) -v hz="$hz" -v n=$((2 * N)) -v idle="$IDLE" -v poll="$POLL" 'BEGIN {
    ms = c * 1000 / hz
    printf "CPU: %.0f ms in %d s for %d printers = %.3f ms per printer per poll (%.2f %% of one core)\n",
        ms, idle, n, ms / (n * idle / poll), ms / (idle * 10) }'
echo "RSS: $rss_all KiB with $((2 * N)) printers, $rss_one KiB with 1: $(( (rss_all - rss_one) / (2 * N - 1) )) KiB per printer"
pd_stop_pid "$ONE"
pd_stop_pid "$MIRROR"
pf_stop
pi_stop_cupsd
for pid in $PD_PIDS; do pd_stop_pid "$pid"; done
