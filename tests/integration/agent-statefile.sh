#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-statefile.sh: the agent (dlmod shape; the code is the glue's in both
# shapes) and hostile state files:
#   - a corrupt state file is refused, logged, and kept as
#     NAME.state.bad-YYYYMMDDTHHMMSS before the next save replaces it;
#   - a state file that is a symbolic link is refused with a clear log line
#     and the file it points at is never written;
#   - a world-writable feed socket mode is accepted with a warning that
#     carries file:line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-statefile
pa_init
pa_need_module
G=$PA_PRTMIB.5.1.1
D=2 # office-1
ST=$PA_STATE/office-1.state

start() {
    : > "$PD_TMP/snmpd.log"
    PA_PORT=
    pa_start_dlmod "$(pa_profile office)" rw || pd_die "snmpd did not start"
}
bad_copies() { ls "$PA_STATE" | grep -c '^office-1\.state\.bad-[0-9]\{8\}T[0-9]\{6\}$'; }

# a valid state file with a SET value
start
pd_eq "SET the operator" noError "$(pa_set_status "$PA_ADDR" 2c "$PA_RW" $G.4.$D s op-good)"
pd_stop_pid "$PD_SNMPD_PID"
pd_ok "state file written" test -f "$ST"

# corrupt it: refused, logged, kept aside; a fresh file is saved
printf 'printdev-state 1\ndevice 2 "office-1"\ngarbage\n' > "$ST"
start
pd_ok "corrupt file: refusal logged with the kept copy" \
    grep -Eq "device office-1: state not restored: .*; the rejected file is kept as .*/office-1\.state\.bad-[0-9]{8}T[0-9]{6}" "$PD_TMP/snmpd.log"
pd_eq "corrupt file: one copy kept" 1 "$(bad_copies)"
pd_ok "corrupt file: the copy holds the rejected bytes" \
    grep -q '^garbage$' "$PA_STATE"/office-1.state.bad-*
pd_ok "corrupt file: a valid state file replaces it" grep -q '^end ' "$ST"
pd_ok "corrupt file: the value is the profile's again" \
    test "$(pa_get "$PA_ADDR" $G.4.$D)" != 'STRING: "op-good"'
pd_stop_pid "$PD_SNMPD_PID"

# a symbolic link in its place: refused, the target never written
printf 'precious\n' > "$PD_TMP/target"
rm -f "$ST" "$PA_STATE"/office-1.state.bad-*
ln -s "$PD_TMP/target" "$ST"
start
pd_ok "symlink: refusal logged" \
    grep -q "office-1.state: is a symbolic link; refused" "$PD_TMP/snmpd.log"
pd_eq "SET after the refusal" noError "$(pa_set_status "$PA_ADDR" 2c "$PA_RW" $G.4.$D s op-after)"
pd_eq "symlink: the target is untouched" precious "$(cat "$PD_TMP/target")"
pd_ok "symlink: the state file is a regular file now" test -f "$ST" -a ! -L "$ST"
pd_ok "symlink: the link was kept aside, as a link" test -L "$(ls -d "$PA_STATE"/office-1.state.bad-* | head -n 1)"
pd_stop_pid "$PD_SNMPD_PID"

# a world-writable feed socket: a warning with file:line
: > "$PD_TMP/snmpd.log"
PA_CONF="$PD_TMP/snmpd.conf"
pa_conf_base "$PA_CONF"
pa_conf_module "$PA_CONF" "$(pa_profile office)"
echo "printdevFeedSocket $PD_TMP/ww.sock 0666" >> "$PA_CONF"
PA_PORT=$(pd_free_port udp)
PA_ADDR="udp:127.0.0.1:$PA_PORT"
pd_start_snmpd "$PA_CONF" "$PA_ADDR" && pa_wait_ready "$PA_ADDR" || pd_die "snmpd (0666)"
pd_ok "0666: warning with file:line" \
    grep -Eq "snmpd.conf: line [0-9]+: .*mode 0666 lets every local user feed the agent" "$PD_TMP/snmpd.log"
pd_eq "0666: the socket has the mode asked for" 666 "$(stat -c %a "$PD_TMP/ww.sock")"
pd_stop_pid "$PD_SNMPD_PID"
pd_finish
