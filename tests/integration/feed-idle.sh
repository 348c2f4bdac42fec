#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-idle.sh: idle feed clients cannot lock the controller out (both
# shapes).  16 clients fill every slot, half of them sending nothing, half
# sending half a line; printdevctl still gets its answer (the user with the
# most connections loses its least active one), the idle clients are closed
# after printdevFeedIdleTimeout with a reason, and a client that completed
# its lines and waits is left alone.  Bad printdevFeedIdleTimeout values are
# refused with file:line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-idle
pa_init
pf_init
pa_need_shapes
command -v perl >/dev/null 2>&1 || pd_skip "perl not installed"

IDLE=3
CLIENTS=$PA_PDMIB.1.1.4.0 # printdevAgentFeedClients.0

# hold N: N raw clients (odd ones send half a line); prints "closed C idle I
# full F" once every one was closed by the agent or 30 s passed.
hold() {
    perl -MIO::Socket::UNIX -MIO::Select -MTime::HiRes=time -e '
        my ($path, $n) = @ARGV;
        my @s;
        for my $i (1 .. $n) {
            my $s = IO::Socket::UNIX->new(Peer => $path) or die "connect $i: $!";
            if ($i % 2) { syswrite($s, "get al"); }
            push @s, $s;
        }
        my $sel = IO::Select->new(@s);
        my (%closed, %msg);
        my $t0 = time;
        while ($sel->count && time - $t0 < 30) {
            for my $h ($sel->can_read(0.5)) {
                my $buf;
                my $r = sysread($h, $buf, 4096);
                if (!$r) { $closed{$h} = 1; $sel->remove($h); }
                else { $msg{$h} .= $buf; }
            }
        }
        my $idle = grep { /^error idle/ } values %msg;
        my $full = grep { /^error feed full/ } values %msg;
        print "closed ", scalar(keys %closed), " idle $idle full $full\n";' "$PF_SOCK" "$1"
}

# polite: a client that completes a line, waits longer than the timeout and
# is still answered.
polite() {
    perl -MIO::Socket::UNIX -e '
        my ($path, $wait) = @ARGV;
        my $s = IO::Socket::UNIX->new(Peer => $path) or die "connect: $!";
        print $s "ping\n";
        my $a = <$s>;
        sleep $wait;
        print $s "ping\n";
        my $b = <$s>;
        chomp($a, $b);
        print "$a|$b\n";' "$PF_SOCK" "$1"
}

# start SHAPE TIMEOUT: the agent with printdevFeedIdleTimeout TIMEOUT; sets log
start() {
    : > "$PD_TMP/snmpd.log"
    : > "$PD_TMP/printdevd.log"
    PA_PORT=
    PF_FEED_CONF="printdevFeedIdleTimeout $2"
    pf_start "$1" "$(pa_profile office)" || pd_die "$1: agent did not start"
    log=$PD_TMP/snmpd.log
    [ "$1" = agentx ] && log=$PD_TMP/printdevd.log
}

for shape in $PA_SHAPES; do
    # every slot taken (no timeout): a new client still gets in
    start "$shape" 0
    hold 16 > "$PD_TMP/hold.out" &
    holder=$!
    pd_ok "$shape: 16 idle clients hold every slot" \
        pf_wait_int 10 "$PA_ADDR" "$CLIENTS" 16
    pd_ok "$shape: printdevctl still answered" "$PF_CTL" -s "$PF_SOCK" -t 10 -q ping
    pd_ok "$shape: full feed logged" grep -q 'feed full (16 clients): dropped' "$log"
    pf_stop
    wait "$holder"
    pd_eq "$shape: one idle client made room, with a reason" \
        "closed 16 idle 0 full 1" "$(cat "$PD_TMP/hold.out")"

    # idle clients are closed after the timeout
    start "$shape" "$IDLE"
    hold 16 > "$PD_TMP/hold.out" &
    holder=$!
    wait "$holder"
    pd_eq "$shape: every idle client closed after the timeout, with a reason" \
        "closed 16 idle 16 full 0" "$(cat "$PD_TMP/hold.out")"
    pd_ok "$shape: idle disconnections logged" \
        grep -q "idle for $IDLE s (no complete line, or replies not read); disconnected" "$log"
    pd_ok "$shape: no client left" pf_wait_int 10 "$PA_ADDR" "$CLIENTS" 0
    pd_eq "$shape: a client that completed its line and waits is kept" \
        "ok pong|ok pong" "$(polite $((IDLE + 2)))"
    pf_stop
done

# configuration errors carry file:line; SNMP keeps working
if [ -n "$PA_SO" ]; then
    start dlmod soon
    pd_ok "bad timeout refused with file:line" \
        grep -Eq 'snmpd.conf: line [0-9]+: .*printdevFeedIdleTimeout: expected seconds' "$PD_TMP/snmpd.log"
    pf_stop
fi
pd_finish
