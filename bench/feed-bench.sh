#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/feed-bench.sh: how fast the printdev agent takes live state from the
# feed while SNMP managers walk it, and how long a feed command takes to
# become a trap at snmptrapd.  A script for humans, NOT a timed test; method
# and recorded results: bench/RESULTS-feed.md.
#
#   bench/feed-bench.sh [BUILDDIR]     (env: ROUNDS=3 TICKS=250000 LAT=500 SHAPES="dlmod agentx"
#                                            SYNC=yes: the agent's printdevFeedSync)
#
# With real snmpd / printdevd / snmptrapd / snmpbulkwalk on 127.0.0.1 and
# the shipped production profile:
#  1. Throughput.  printdevctl pipe (pipelined, 256 lines in flight) sends
#     TICKS controller ticks, each `begin; set input 1 level V; set input 2
#     level V; commit; set input 3 level V; set supply 1 level W` (4 state
#     updates, one of them a 2-update batch), while four snmpbulkwalk loops
#     (-Cr25) walk the whole Printer MIB and a fifth client checks, with
#     one GET of both cells per request and a GETBULK of the column, that
#     input 1 and input 2 never differ (a half-applied batch).  Reported:
#     updates/s (median of ROUNDS), walks completed meanwhile, violations.
#  2. Latency.  LAT times: `jam 1 location I` on the feed -> the
#     printerV2Alert carrying prtAlertLocation I and prtAlertCode jam(8)
#     logged by snmptrapd (trap2sink, v2c; -Lf to a FIFO, line-flushed, read
#     by a perl timer), then `clear jam 1`.  Reported: p50, p99, max in ms.
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-}
if [ -z "$builddir" ]; then
    for d in "$top_srcdir"/_build*; do
        [ -f "$d/.libs/printdev.so" ] && [ -x "$d/printdevd" ] && [ -x "$d/printdevctl" ] && { builddir=$d; break; }
    done
fi
[ -n "$builddir" ] && [ -d "$builddir" ] || { echo "usage: $0 BUILDDIR" >&2; exit 2; }
top_builddir=$(cd "$builddir" && pwd)
export top_srcdir top_builddir
ROUNDS=${ROUNDS:-3}
TICKS=${TICKS:-250000}
LAT=${LAT:-500}
SHAPES=${SHAPES:-dlmod agentx}
SYNC=${SYNC:-yes}
case $SYNC in yes|no) ;; *) echo "SYNC must be yes or no" >&2; exit 2 ;; esac
command -v perl >/dev/null || { echo "perl is needed for the latency timer" >&2; exit 2; }

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
pd_init feed-bench
pa_init
pf_init
PD_PASS=1

PRT=.1.3.6.1.2.1.43
L1=$PRT.8.2.1.10.1.1
L2=$PRT.8.2.1.10.1.2
now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# the tick file
FEED="$PD_TMP/ticks.txt"
awk -v n="$TICKS" 'BEGIN {
    print "device prod-1"
    for (i = 0; i < n; i++) {
        v = 1 + (i % 1400); w = 20 + (i % 80)
        print "begin"; print "set input 1 level " v; print "set input 2 level " v; print "commit"
        print "set input 3 level " v; print "set supply 1 level " w
    }
}' > "$FEED"
UPDATES=$((TICKS * 4))

# the trap receiver: -Lf into a FIFO is flushed per line
TPORT=$(pd_free_port udp)
printf 'authCommunity log public\nformat2 %%v\\n\n' > "$PD_TMP/snmptrapd.conf"
PF_EXTRA="trap2sink 127.0.0.1:$TPORT public"
PF_FEED_CONF="printdevFeedSync $SYNC"

walker() { # OUTFILE: count completed walks until killed
    local n=0
    while :; do
        snmpbulkwalk -v2c -c public -Cr25 -On -t 5 -r 0 "$PA_ADDR" $PRT > /dev/null 2>&1 && n=$((n + 1))
        echo "$n" > "$1"
    done
}
checker() { # OUTFILE: checks and violations until killed
    local n=0 bad=0 out a b
    while :; do
        out=$(snmpget -v2c -c public -On -t 5 -r 0 "$PA_ADDR" $L1 $L2 2>/dev/null)
        a=$(printf '%s\n' "$out" | sed -n "s/^$L1 = INTEGER: //p")
        b=$(printf '%s\n' "$out" | sed -n "s/^$L2 = INTEGER: //p")
        [ -n "$a" ] && [ "$a" != "$b" ] && bad=$((bad + 1))
        out=$(snmpbulkwalk -v2c -c public -Cr10 -On -t 5 -r 0 "$PA_ADDR" $PRT.8.2.1.10 2>/dev/null)
        a=$(printf '%s\n' "$out" | sed -n "s/^$L1 = INTEGER: //p")
        b=$(printf '%s\n' "$out" | sed -n "s/^$L2 = INTEGER: //p")
        [ -n "$a" ] && [ "$a" != "$b" ] && bad=$((bad + 1))
        n=$((n + 2))
        echo "$n $bad" > "$1"
    done
}

LATPL="$PD_TMP/latency.pl"
cat > "$LATPL" <<'PERL'
use strict; use warnings;
use IO::Socket::UNIX; use Socket qw(SOCK_STREAM); use Time::HiRes qw(time);
my ($fifo, $sock, $n) = @ARGV;
open(my $t, '<', $fifo) or die "fifo: $!";
while (my $l = <$t>) { last if $l =~ /NET-SNMP version/; }
my $s = IO::Socket::UNIX->new(Peer => $sock, Type => SOCK_STREAM) or die "feed: $!";
$s->autoflush(1);
sub cmd { print $s "$_[0]\n"; my $r = <$s>; die "feed reply: $r" unless defined $r && $r =~ /^ok/; }
cmd("device prod-1");
my @lat;
for my $i (1 .. $n) {
    my $t0 = time;
    cmd("jam 1 location $i");
    while (my $l = <$t>) {
        if ($l =~ /43\.18\.1\.1\.6\.1\.\d+ = INTEGER: $i\b/ && $l =~ /43\.18\.1\.1\.7\.1\.\d+ = INTEGER: 8\b/) {
            push @lat, (time - $t0) * 1000; last;
        }
    }
    cmd("clear jam 1");
}
@lat = sort { $a <=> $b } @lat;
printf "%d %.2f %.2f %.2f\n", scalar(@lat), $lat[int(@lat * 0.5)], $lat[int(@lat * 0.99)], $lat[-1];
PERL

printf '# printdevFeedSync %s\n' "$SYNC"
printf '| shape | updates/s (median of %s) | walks meanwhile | half-batch violations / checks | trap latency p50 / p99 / max (ms, n=%s) |\n' "$ROUNDS" "$LAT"
printf '|---|---|---|---|---|\n'
for shape in $SHAPES; do
    PA_PORT=
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE"
    # snmptrapd first (its FIFO must have a reader before the agent sends)
    rm -f "$PD_TMP/trap.fifo" && mkfifo "$PD_TMP/trap.fifo"
    pf_start "$shape" "$(pa_profile production)" || pd_die "$shape agent did not start"

    rates= walks=0 checks=0 bad=0
    # both cells equal before the checker looks
    printf 'set input 1 level 1\nset input 2 level 1\n' | pf_ctl -q -d prod-1 batch || pd_die "initial batch"
    for r in $(seq 1 "$ROUNDS"); do
        pids=
        for w in 1 2 3 4; do walker "$PD_TMP/walk.$w" & pids="$pids $!"; done
        checker "$PD_TMP/check" & pids="$pids $!"
        sleep 1
        t0=$(now_ns)
        pf_ctl -q pipe < "$FEED" || pd_die "feed pipe failed"
        t1=$(now_ns)
        sleep 1
        for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
        rates="$rates $(( UPDATES * 1000000000 / (t1 - t0) ))"
        for w in 1 2 3 4; do
            n=$(cat "$PD_TMP/walk.$w" 2>/dev/null) # empty if killed while writing it
            walks=$((walks + ${n:-0}))
        done
        read -r c b < "$PD_TMP/check" || { c=0; b=0; }
        checks=$((checks + c)); bad=$((bad + b))
    done
    rate=$(printf '%s\n' $rates | median)

    "$SNMPTRAPD" -f -C -c "$PD_TMP/snmptrapd.conf" -Lf "$PD_TMP/trap.fifo" -On "udp:127.0.0.1:$TPORT" &
    tpid=$!
    pd_track $tpid
    lat=$(perl "$LATPL" "$PD_TMP/trap.fifo" "$PF_SOCK" "$LAT") || lat="failed"
    pd_stop_pid $tpid
    pf_stop
    set -- $lat
    printf '| %s | %s | %s | %s / %s | %s / %s / %s |\n' "$shape" "$rate" "$walks" "$bad" "$checks" "${2:-?}" "${3:-?}" "${4:-?}"
done
