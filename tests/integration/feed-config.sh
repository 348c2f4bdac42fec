#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-config.sh: the printdevFeedSocket directive (dlmod shape): mode and
# group of the socket; `none`; errors with file:line; a path that is not a
# socket is left alone; a socket another live agent uses is not stolen; a
# stale socket is replaced.  In every failing case SNMP keeps working.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-config
pa_init
pf_init
pa_need_module

# start_with LINE: snmpd with the module and LINE after it
start_with() {
    PA_CONF="$PD_TMP/snmpd.conf"
    pa_conf_base "$PA_CONF"
    pa_conf_module "$PA_CONF" "$(pa_profile office)"
    printf '%s\n' "$1" >> "$PA_CONF"
    PA_PORT=$(pd_free_port udp)
    PA_ADDR="udp:127.0.0.1:$PA_PORT"
    : > "$PD_TMP/snmpd.log"
    pd_start_snmpd "$PA_CONF" "$PA_ADDR" -I -smux && pa_wait_ready "$PA_ADDR"
}
serves() { test "$(pf_int "$PA_ADDR" "$PA_AGENT_DEVICES")" = 1; }

# mode and group
if [ "$(id -u)" = 0 ] && getent group daemon >/dev/null; then
    start_with "printdevFeedSocket $PD_TMP/g.sock 0640 daemon" || pd_die "snmpd"
    pd_eq "mode 0640" 640 "$(stat -c %a "$PD_TMP/g.sock")"
    pd_eq "group daemon" daemon "$(stat -c %G "$PD_TMP/g.sock")"
    pd_ok "it answers" "$PF_CTL" -s "$PD_TMP/g.sock" -q ping
    pf_stop
else
    pd_log "not root: group ownership not tested"
fi

# none
start_with "printdevFeedSocket none" || pd_die "snmpd"
pd_ok "none: SNMP served" serves
pd_ok "none: logged" grep -q 'feed disabled' "$PD_TMP/snmpd.log"
pd_ok "none: no default socket either" test ! -e "$PD_TMP/persist/printdev/feed.sock"
pf_stop

# configuration errors carry file:line
start_with "printdevFeedSocket relative/feed.sock" || pd_die "snmpd"
pd_ok "relative path: error with file:line" grep -Eq "snmpd.conf: line [0-9]+: .*must be absolute" "$PD_TMP/snmpd.log"
pd_ok "relative path: SNMP served" serves
pf_stop
start_with "printdevFeedSocket $PD_TMP/x.sock 0777" || pd_die "snmpd"
pd_ok "execute bits refused with file:line" grep -Eq "snmpd.conf: line [0-9]+: .*mode must be octal" "$PD_TMP/snmpd.log"
pf_stop
start_with "printdevFeedSocket $PD_TMP/x.sock 0660 no-such-group-here" || pd_die "snmpd"
pd_ok "unknown group refused with file:line" grep -Eq "snmpd.conf: line [0-9]+: .*unknown group" "$PD_TMP/snmpd.log"
pf_stop

# a regular file at the path is not replaced
echo "precious" > "$PD_TMP/file.sock"
start_with "printdevFeedSocket $PD_TMP/file.sock" || pd_die "snmpd"
pd_ok "not a socket: logged" grep -q 'exists and is not a socket' "$PD_TMP/snmpd.log"
pd_eq "not a socket: file untouched" precious "$(cat "$PD_TMP/file.sock")"
pd_ok "not a socket: SNMP served" serves
pf_stop

# a live socket of another agent is not stolen; a stale one is replaced
start_with "printdevFeedSocket $PD_TMP/shared.sock" || pd_die "snmpd"
first=$PD_SNMPD_PID
first_addr=$PA_ADDR
PD_SNMPD_PID=
mv "$PD_TMP/snmpd.log" "$PD_TMP/snmpd.first.log"
start_with "printdevFeedSocket $PD_TMP/shared.sock" || pd_die "second snmpd"
pd_ok "in use: second agent says so" grep -q 'in use by another process' "$PD_TMP/snmpd.log"
pd_ok "in use: second agent serves SNMP" serves
pf_stop
pd_ok "in use: the first agent still owns the socket" "$PF_CTL" -s "$PD_TMP/shared.sock" -q ping
kill -KILL "$first"; wait "$first" 2>/dev/null
PD_PIDS=$(printf '%s\n' $PD_PIDS | grep -vx "$first" | tr '\n' ' ')
pd_ok "stale socket left by SIGKILL" test -S "$PD_TMP/shared.sock"
start_with "printdevFeedSocket $PD_TMP/shared.sock" || pd_die "snmpd"
pd_ok "stale socket replaced" "$PF_CTL" -s "$PD_TMP/shared.sock" -q ping
pf_stop
# raw clients (perl): half-close, over-long lines, abuse
if command -v perl >/dev/null 2>&1; then
    start_with "printdevFeedSocket $PD_TMP/raw.sock" || pd_die "snmpd"
    out=$(perl -MIO::Socket::UNIX -e '
        my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "connect: $!";
        print $s "get all\n", ("x" x 10000), "\nping\n";
        shutdown($s, 1);
        my ($n, $long, $last) = (0, 0, "");
        while (my $l = <$s>) { $n++; $long++ if $l =~ /^error line longer than 4096/; $last = $l; }
        chomp $last; print "$n $long $last\n";' "$PD_TMP/raw.sock")
    set -- $out
    pd_ok "half-close: every reply arrives ($1 lines)" test "${1:-0}" -gt 20
    pd_eq "over-long line: exactly one error" 1 "${2:-}"
    pd_eq "the line after it is answered" "ok pong" "${3:-} ${4:-}"
    out=$(perl -MIO::Socket::UNIX -e '
        my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "connect: $!";
        print $s "bogus\n" x 1200;
        my ($n, $bye) = (0, 0);
        while (my $l = <$s>) { $n++; $bye++ if $l =~ /failing lines in a row; disconnecting/; }
        print "$n $bye\n";' "$PD_TMP/raw.sock")
    set -- $out
    pd_eq "1000 failing lines: disconnected with a reason" "1001 1" "${1:-} ${2:-}"
    pd_ok "the agent takes new clients afterwards" "$PF_CTL" -s "$PD_TMP/raw.sock" -q ping
    pd_ok "abuse logged" grep -q 'failing lines in a row; disconnected' "$PD_TMP/snmpd.log"
    pf_stop
else
    pd_log "perl not installed: raw-client checks skipped"
fi
pd_finish
