#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-persist.sh: values written by SET survive a restart of the agent,
# under the invocations users actually run (net-snmp-notes: Net-SNMP's own
# persistence silently loses data under some of them):
#   1. snmpd -C -c FILE with the dlmod
#   2. snmpd with SNMPCONFPATH pointing at the config directory (no -C)
#   3. a Debian-like layout: snmpd.conf with includeDir, the printdev lines
#      in snmpd.conf.d/, Debian's service flags (-u/-g Debian-snmp when run
#      as root, -I -smux,mteTrigger,mteTriggerConf)
#   4. printdevd -C -c FILE restarted under a running master (and a master
#      restart under a running printdevd)
#   5. live state from the feed (levels, cover, counters, the alerts they
#      raised, with their prtAlertIndex) in both shapes: the whole walk of
#      our subtrees is identical before and after a restart
# and that the state file is private (mode 0600).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-persist
pa_init
pa_need_module
pa_need_daemon
prof=$(pa_fleet)
[ -n "$prof" ] || pd_skip "no profiles in conf/profiles"
G=$PA_PRTMIB.5.1.1

val() { pa_get "$PA_ADDR" "$1"; }
setv() { pa_set_status "$PA_ADDR" 2c "$PA_RW" "$@"; }

# write_values TAG: SET operator, printer name and console disable on $d.
write_values() {
    pd_eq "$what: SET three writable columns" noError \
        "$(setv $G.4.$d s "op-$1" $G.16.$d s "name-$1" $G.13.$d i 4)"
}
# check_values TAG WHEN
check_values() {
    pd_eq "$what: values $2" "STRING: \"op-$1\" STRING: \"name-$1\" INTEGER: 4" \
        "$(val $G.4.$d) $(val $G.16.$d) $(val $G.13.$d)"
}
has_state_file() { find "$1" -maxdepth 1 -name '*.state' -type f | grep -q .; }
check_state_file() {
    local f
    pd_wait_for 10 has_state_file "$1"
    f=$(find "$1" -maxdepth 1 -name '*.state' -type f | head -n 1)
    pd_ok "$what: a state file was written in printdevStateDir" test -n "$f"
    [ -n "$f" ] && pd_eq "$what: state file mode is 0600" 600 "$(stat -c %a "$f")"
}
fresh_state() {
    rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
}
# start_env_snmpd ETCDIR [snmpd args]: snmpd reading its config through
# SNMPCONFPATH (no -C), the way a packaged snmpd reads /etc/snmp.
start_env_snmpd() {
    local etc=$1
    shift
    SNMPCONFPATH="$etc" "$SNMPD" -f -Lf "$PD_TMP/snmpd.log" -p "$PD_TMP/snmpd.pid" "$@" "$PA_ADDR" &
    PD_SNMPD_PID=$!
    pd_track "$PD_SNMPD_PID"
    pa_wait_ready "$PA_ADDR" 20 || { pa_show_log "$PD_TMP/snmpd.log"; return 1; }
}

# ---- 1. snmpd -C -c FILE ----
what="dlmod -C -c"
fresh_state
if pa_start_dlmod "$prof" rw; then
    d=$(pa_devices "$PA_ADDR" | head -n 1); d=${d:-1}
    write_values c
    check_state_file "$PA_STATE"
    pd_stop_pid "$PD_SNMPD_PID"
    pd_start_snmpd "$PA_CONF" "$PA_ADDR" && pa_wait_ready "$PA_ADDR"
    check_values c "after a restart"
    pd_stop_pid "$PD_SNMPD_PID"
    pd_start_snmpd "$PA_CONF" "$PA_ADDR" && pa_wait_ready "$PA_ADDR"
    check_values c "after a second restart without SETs"
    pd_stop_pid "$PD_SNMPD_PID"
else
    pd_ok "$what: agent starts" false
fi

# ---- 2. SNMPCONFPATH, no -C ----
what="dlmod SNMPCONFPATH"
fresh_state
etc="$PD_TMP/etc-confpath"
mkdir -p "$etc"
pa_conf_base "$etc/snmpd.conf" rw
pa_conf_module "$etc/snmpd.conf" "$prof" "$PA_STATE"
PA_PORT=$(pd_free_port udp); PA_ADDR="udp:127.0.0.1:$PA_PORT"
if start_env_snmpd "$etc"; then
    d=$(pa_devices "$PA_ADDR" | head -n 1); d=${d:-1}
    write_values p
    pd_stop_pid "$PD_SNMPD_PID"
    start_env_snmpd "$etc"
    check_values p "after a restart"
    pd_stop_pid "$PD_SNMPD_PID"
else
    pd_ok "$what: agent starts" false
fi

# ---- 3. Debian-like: includeDir, service flags ----
what="dlmod Debian layout"
fresh_state
etc="$PD_TMP/etc-debian"
mkdir -p "$etc/snmpd.conf.d"
pa_conf_base "$etc/snmpd.conf" rw
echo "includeDir $etc/snmpd.conf.d" >> "$etc/snmpd.conf"
: > "$etc/snmpd.conf.d/printdev.conf"
pa_conf_module "$etc/snmpd.conf.d/printdev.conf" "$prof" "$PA_STATE"
set -- -I -smux,mteTrigger,mteTriggerConf
if [ "$(id -u)" -eq 0 ] && id Debian-snmp >/dev/null 2>&1; then
    set -- "$@" -u Debian-snmp -g Debian-snmp
    chown Debian-snmp:Debian-snmp "$PA_STATE" "$SNMP_PERSISTENT_DIR"
    what="$what, -u Debian-snmp"
fi
PA_PORT=$(pd_free_port udp); PA_ADDR="udp:127.0.0.1:$PA_PORT"
if start_env_snmpd "$etc" "$@"; then
    d=$(pa_devices "$PA_ADDR" | head -n 1); d=${d:-1}
    write_values deb
    check_state_file "$PA_STATE"
    pd_stop_pid "$PD_SNMPD_PID"
    start_env_snmpd "$etc" "$@"
    check_values deb "after a restart"
    pd_stop_pid "$PD_SNMPD_PID"
else
    pd_ok "$what: agent starts" false
fi
chown -R 0:0 "$SNMP_PERSISTENT_DIR" "$PA_STATE" 2>/dev/null

# ---- 4. AgentX ----
what="AgentX printdevd -C -c"
fresh_state
PA_PORT=$(pd_free_port udp)
if pa_start_agentx "$prof" rw; then
    d=$(pa_devices "$PA_ADDR" | head -n 1); d=${d:-1}
    write_values ax
    check_state_file "$PA_STATE"
    pa_stop_status "$PA_SUB_PID"
    pd_eq "$what: printdevd exits 0 on SIGTERM" 0 "$PA_STATUS"
    pa_start_printdevd "$PA_SUBCONF"
    check_values ax "after a printdevd restart"
    pd_stop_pid "$PD_SNMPD_PID"
    pd_start_snmpd "$PA_CONF" "$PA_ADDR"
    pa_wait_ready "$PA_ADDR" 40
    check_values ax "after a master restart (printdevd kept running)"
else
    pd_ok "$what: agent starts" false
fi

pd_stop_pid "$PD_SNMPD_PID"
[ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
PA_SUB_PID=

# ---- 5. feed state, both shapes ----
if [ -x "$top_builddir/printdevctl" ] && [ -x "$top_builddir/printdev-sim" ]; then
    . "$top_srcdir/tests/integration/feed-lib.sh"
    pf_init
    for shape in $PA_SHAPES; do
        what="feed state ($shape)"
        fresh_state
        PA_PORT=
        if ! pf_start "$shape" "$prof"; then
            pd_ok "$what: agent with feed socket starts" false
            continue
        fi
        d=$(pa_devices "$PA_ADDR" | head -n 1); d=${d:-1}
        dev=$(pa_get "$PA_ADDR" "$PA_DEVNAME.$d" | sed -n 's/^STRING: "\(.*\)"$/\1/p')
        ok=0
        for cmd in "set input 2 level 0" "set supply 1 level 3" "set cover 1 open" \
                   "count impressions 7 color color size large sides duplex"; do
            # shellcheck disable=SC2086
            pf_ctl -q -d "$dev" $cmd > /dev/null 2>&1 || { pd_log "feed command failed: $cmd"; ok=1; }
        done
        pd_eq "$what: feed commands accepted" 0 "$ok"
        pa_golden_walk "$PA_ADDR" > "$PD_TMP/feed-before.walk"
        n=$(grep -c "^$PA_PRTMIB\.18\.1\.1\.7\.$d\." "$PD_TMP/feed-before.walk")
        pd_ok "$what: the feed raised alerts on $dev ($n)" test "$n" -ge 2
        pf_stop
        pf_start "$shape" "$prof" || { pd_ok "$what: agent restarts" false; continue; }
        pa_golden_walk "$PA_ADDR" > "$PD_TMP/feed-after.walk"
        # printdevDeviceStateSaved may read false(2) right after the feed
        # (saves are coalesced); after the restart it must be true(1).
        pd_eq "$what: printdevDeviceStateSaved.$d true after the restart" "INTEGER: 1" \
            "$(pa_get "$PA_ADDR" "$PA_PDMIB.1.2.1.5.$d")"
        for f in before after; do
            grep -v "^$PA_PDMIB\.1\.2\.1\.5\." "$PD_TMP/feed-$f.walk" > "$PD_TMP/feed-$f.cmp"
        done
        if cmp -s "$PD_TMP/feed-before.cmp" "$PD_TMP/feed-after.cmp"; then
            pd_ok "$what: identical walk after a restart (levels, cover, counters, alerts and their indexes)" true
        else
            pd_ok "$what: identical walk after a restart (levels, cover, counters, alerts and their indexes)" false
            diff "$PD_TMP/feed-before.cmp" "$PD_TMP/feed-after.cmp" | head -n 12 | sed 's/^/#   /'
        fi
        pf_stop
    done
else
    pd_log "printdevctl/printdev-sim not built: feed state part not run"
fi

pd_finish
