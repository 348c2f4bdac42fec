#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-sessions.sh: which feed sessions the agent reports with
# printdevFeedConnected / printdevFeedDisconnected, seen at a real
# snmptrapd (dlmod shape): many printdevctl calls (`hello tool`), even a
# long-lived `printdevctl watch`, send none; printdev-sim (`hello controller
# NAME`) sends exactly one Connected and one Disconnected; a session that
# says no hello becomes a controller after printdevFeedControllerAfter;
# rapid reconnects of one controller give one pair per
# printdevFeedNotifyInterval, with the held-back count in the log; a
# normal end and an unexpected one (end of input inside a batch) are told
# apart in the log.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-sessions
pa_init
pf_init
pa_need_module
[ -x "$SNMPTRAPD" ] || pd_skip "snmptrapd not installed"
command -v perl >/dev/null 2>&1 || pd_skip "perl not installed"

AFTER=3      # printdevFeedControllerAfter
INTERVAL=10  # printdevFeedNotifyInterval
TPORT=$(pd_free_port udp)
TLOG="$PD_TMP/snmptrapd.log"
ALOG="$PD_TMP/snmpd.log"
cat > "$PD_TMP/snmptrapd.conf" <<CONF
authCommunity log public
format2 V2 %P|%v\n
CONF
pd_start_snmptrapd "$PD_TMP/snmptrapd.conf" "udp:127.0.0.1:$TPORT" -On -Lf "$TLOG" || pd_die "snmptrapd"

PF_EXTRA="trap2sink 127.0.0.1:$TPORT public"
PF_FEED_CONF="printdevFeedControllerAfter $AFTER
printdevFeedNotifyInterval $INTERVAL"
pf_start dlmod "$(pa_profile production)" || pd_die "agent"
pd_wait_for 10 grep -q 'coldStart\|\.1\.3\.6\.1\.6\.3\.1\.1\.5\.1' "$TLOG"
sleep 1

# snmptrapd keeps its log offset, so the log is never truncated: each step
# looks at what came after mark_traps.  n_traps 1|2: how many
# printdevFeedConnected (1) / Disconnected (2) arrived since the mark
TOFF=0
mark_traps() { TOFF=$(wc -c < "$TLOG"); }
new_traps() { tail -c +$((TOFF + 1)) "$TLOG"; }
n_traps() { new_traps | grep -ac "\.1\.3\.6\.1\.4\.1\.8072\.9999\.4300\.0\.$1[^0-9]"; }
has_trap() { [ "$(n_traps "$1")" -ge 1 ]; }
# traps_are C D: exactly C Connected and D Disconnected since the mark
traps_are() { [ "$(n_traps 1)" -eq "$1" ] && [ "$(n_traps 2)" -eq "$2" ]; }
# marker: a printerV2Alert that went out after everything before it (the
# agent sends notifications in order); waits for it to arrive
MARK=0
marker() {
    MARK=$((MARK + 1))
    pf_ctl -q -d prod-1 raise warning 1 text "marker $MARK" || return 1
    pd_wait_for 10 sh -c "tail -c +$((TOFF + 1)) '$TLOG' | grep -aq 'marker $MARK'"
}
# raw SECONDS LINES...: a client speaking the protocol by hand; sends the
# lines, reads one reply per line, stays SECONDS, then closes
raw() {
    perl -MIO::Socket::UNIX -e '
        my ($path, $wait, @lines) = @ARGV;
        $| = 1;
        my $s = IO::Socket::UNIX->new(Peer => $path) or die "connect: $!";
        for my $l (@lines) { print $s "$l\n"; my $r = <$s>; print $r; }
        sleep $wait;' "$PF_SOCK" "$@"
}

mark_traps
# 1. one-shot printdevctl calls: no Connected/Disconnected at all
i=0
while [ $i -lt 10 ]; do
    pf_ctl -q -d prod-1 set input 1 level $((i + 5)) || pd_die "printdevctl set"
    pf_ctl -q -d prod-1 get input 1 > /dev/null || pd_die "printdevctl get"
    i=$((i + 1))
done
printf 'set input 2 level 7\ncount 3\n' | pf_ctl -q -d prod-1 batch || pd_die "printdevctl batch"
printf 'ping\nping\n' | pf_ctl -q pipe || pd_die "printdevctl pipe"
# a printdevctl watch that stays well past printdevFeedControllerAfter
"$PF_CTL" -s "$PF_SOCK" -d prod-1 watch > /dev/null 2>&1 &
wpid=$!
pd_track $wpid
sleep $((AFTER + 2))
pd_stop_pid $wpid
pd_ok "24 printdevctl calls and a long watch: the marker arrives" marker
pd_ok "... and no printdevFeedConnected/Disconnected" traps_are 0 0
pd_ok "... and no controller session in the log" sh -c "! grep -q 'session started' '$ALOG'"

# 2. printdev-sim says hello controller: one Connected, one Disconnected
mark_traps
"$PF_SIM" -s "$PF_SOCK" -d prod-1 --name sim-1 --rate 0 > "$PD_TMP/sim.out" 2>&1 &
spid=$!
pd_track $spid
pd_ok "printdev-sim: printdevFeedConnected" pd_wait_for 10 has_trap 1
pd_ok "... naming prod-1" sh -c "tail -c +$((TOFF + 1)) '$TLOG' | grep -aEq '\.4300\.0\.1[^0-9].*\.4300\.1\.2\.1\.1\.1 = STRING: \"prod-1\"'"
pd_ok "printdev-sim: its session is logged with its name" \
    grep -q 'controller "sim-1" (uid [0-9]*) session started (hello)' "$ALOG"
pd_stop_pid $spid
pd_ok "printdev-sim stopped: printdevFeedDisconnected" pd_wait_for 10 has_trap 2
pd_ok "... the marker arrives" marker
pd_ok "... exactly one Connected and one Disconnected" traps_are 1 1
pd_ok "... a normal end, logged as such" \
    grep -q 'controller "sim-1" (uid [0-9]*) session ended (end of input)' "$ALOG"

# 3. a session without hello: a controller after printdevFeedControllerAfter
mark_traps
raw $((AFTER + 3)) "device prod-1" > "$PD_TMP/raw.out" &
rpid=$!
pd_track $rpid
pd_wait_for 10 grep -q '^ok device' "$PD_TMP/raw.out"
pd_ok "no hello, just connected: the marker arrives" marker
pd_ok "... and no Connected yet" traps_are 0 0
pd_ok "no hello, open $AFTER s: printdevFeedConnected" pd_wait_for 10 has_trap 1
pd_ok "... logged as a controller by uid" \
    grep -q "controller (uid [0-9]*, no hello) session started (open $AFTER s" "$ALOG"
pd_ok "... it leaves: printdevFeedDisconnected" pd_wait_for 15 has_trap 2
pd_ok "... exactly one of each" traps_are 1 1

# 4. an unexpected end: end of input inside a batch
raw 0 "hello controller crash-1" "device prod-1" "begin" "set input 1 level 2" > /dev/null
pd_ok "end of input inside a batch: logged as unexpected" pd_wait_for 10 \
    grep -q 'controller "crash-1" (uid [0-9]*) session ended unexpectedly: end of input inside a batch' "$ALOG"
pd_eq "... and the batch was not applied (tray 1 level)" 14 "$(pf_int "$PA_ADDR" .1.3.6.1.2.1.43.8.2.1.10.1.1)"

# 5. rapid reconnects of one controller: one pair per interval
mark_traps
t0=$(date +%s)
i=0
while [ $i -lt 5 ]; do
    pf_ctl -q -C rapid-1 -d prod-1 ping || pd_die "printdevctl -C ping"
    i=$((i + 1))
done
t1=$(date +%s)
pd_ok "5 rapid sessions: the marker arrives" marker
if [ $((t1 - t0)) -lt $((INTERVAL - 1)) ]; then
    pd_ok "5 rapid sessions within $INTERVAL s: one Connected, one Disconnected" traps_are 1 1
else
    pd_log "the 5 sessions took $((t1 - t0)) s (loaded machine): only checking the count"
    pd_ok "5 slow sessions: fewer pairs than sessions" test "$(n_traps 1)" -lt 5
fi
pd_ok "... the hold-back is logged" \
    grep -q 'controller "rapid-1" (uid [0-9]*) on device 1: printdevFeedConnected/Disconnected held back (at most one pair per '"$INTERVAL"' s' "$ALOG"
# after the interval the next session is reported again, with the count
while [ $(($(date +%s) - t0)) -le $INTERVAL ]; do sleep 1; done
mark_traps
pf_ctl -q -C rapid-1 -d prod-1 ping || pd_die "printdevctl -C ping"
pd_ok "after $INTERVAL s: reported again" pd_wait_for 10 has_trap 2
pd_ok "... one pair" traps_are 1 1
pd_ok "... with the count held back in the log" \
    grep -Eq 'controller "rapid-1" \(uid [0-9]+\) on device 1: [1-4] printdevFeedConnected/Disconnected pairs? held back since the last one sent' "$ALOG"

# 6. bad values are refused with file:line
pf_stop
PF_FEED_CONF="printdevFeedControllerAfter soon
printdevFeedNotifyInterval -1"
pf_start dlmod "$(pa_profile production)" || pd_die "agent (bad values)"
pd_ok "printdevFeedControllerAfter soon: file:line error" \
    grep -Eq 'snmpd\.conf: line [0-9]+: .*printdevFeedControllerAfter: expected seconds' "$ALOG"
pd_ok "printdevFeedNotifyInterval -1: file:line error" \
    grep -Eq 'snmpd\.conf: line [0-9]+: .*printdevFeedNotifyInterval: expected seconds' "$ALOG"
pf_stop
pd_finish
