# SPDX-License-Identifier: GPL-2.0-or-later
# tests/integration/feed-lib.sh: helpers for the feed integration tests
# (tests/integration/feed-*.sh) and bench/feed-bench.sh, on top of
# tests/lib.sh and tests/integration/lib-agent.sh.  The agent under test
# gets `printdevFeedSocket $PD_TMP/feed.sock 0600` after its dlmod line (or
# in printdevd's own config), plus whatever is in PF_EXTRA (sinks, ...).
#
#   . "$top_srcdir/tests/lib.sh"
#   . "$top_srcdir/tests/integration/lib-agent.sh"
#   . "$top_srcdir/tests/integration/feed-lib.sh"
#   pd_init feed-foo; pa_init; pf_init
#   pf_start dlmod "$(pa_profile production)"
#   pf_ctl -d prod-1 set input 1 level 0

# pf_init: locate printdevctl and printdev-sim.
pf_init() {
    PF_CTL="$top_builddir/printdevctl"
    PF_SIM="$top_builddir/printdev-sim"
    [ -x "$PF_CTL" ] || pd_skip "printdevctl not built"
    [ -x "$PF_SIM" ] || pd_skip "printdev-sim not built"
    PF_SOCK="$PD_TMP/feed.sock"
    PF_EXTRA=${PF_EXTRA:-}
    PF_FEED_CONF=${PF_FEED_CONF:-}
}

pf_ctl() { "$PF_CTL" -s "$PF_SOCK" -t 10 "$@"; }

# pf_socket_up: does the agent answer on the feed socket?
pf_socket_up() { "$PF_CTL" -s "$PF_SOCK" -t 2 -q ping >/dev/null 2>&1; }

# pf_start SHAPE PROFILES [rw]: start the agent in SHAPE (dlmod|agentx) with
# the feed socket; waits for SNMP and for the feed.  PF_EXTRA: lines for the
# (master) snmpd.conf; PF_FEED_CONF: lines for the configuration of the
# process that owns the feed (snmpd.conf with dlmod, printdevd.conf).
pf_start() {
    local shape=$1 profiles=$2 rw=${3:-}
    case $shape in
        dlmod)
            pa_need_module
            PA_CONF="$PD_TMP/snmpd.conf"
            pa_conf_base "$PA_CONF" "$rw"
            pa_conf_module "$PA_CONF" "$profiles"
            {
                echo "printdevFeedSocket $PF_SOCK 0600"
                [ -n "$PF_FEED_CONF" ] && printf '%s\n' "$PF_FEED_CONF"
                [ -n "$PF_EXTRA" ] && printf '%s\n' "$PF_EXTRA"
            } >> "$PA_CONF"
            [ -n "${PA_PORT:-}" ] || PA_PORT=$(pd_free_port udp)
            PA_ADDR="udp:127.0.0.1:$PA_PORT"
            pd_start_snmpd "$PA_CONF" "$PA_ADDR" -I -smux || return 1
            pa_wait_ready "$PA_ADDR" || { pa_show_log "$PD_TMP/snmpd.log"; return 1; }
            ;;
        agentx)
            pa_need_daemon
            PA_EXTRA_CONF="$PF_EXTRA" pa_start_master "$rw" -I -smux || return 1
            PA_SUBCONF="$PD_TMP/printdevd.conf"
            pa_conf_sub "$PA_SUBCONF" "$profiles"
            {
                echo "printdevFeedSocket $PF_SOCK 0600"
                [ -n "$PF_FEED_CONF" ] && printf '%s\n' "$PF_FEED_CONF"
            } >> "$PA_SUBCONF"
            pa_start_printdevd "$PA_SUBCONF" || return 1
            ;;
        *) pd_die "unknown shape $shape" ;;
    esac
    PF_SHAPE=$shape
    if ! pd_wait_for 10 pf_socket_up; then
        pd_log "feed socket $PF_SOCK does not answer"
        pa_show_log "$PD_TMP/snmpd.log"
        pa_show_log "$PD_TMP/printdevd.log"
        return 1
    fi
}

# pf_stop: stop what pf_start started (TERM: state is saved).
pf_stop() {
    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    [ -n "${PD_SNMPD_PID:-}" ] && pd_stop_pid "$PD_SNMPD_PID"
    PD_SNMPD_PID=
}

# pf_agent_pid: the process that owns the feed socket and the state.
pf_agent_pid() {
    if [ "$PF_SHAPE" = agentx ]; then echo "$PA_SUB_PID"; else echo "$PD_SNMPD_PID"; fi
}

# pf_int ADDR OID: the integer part of a GET (INTEGER, Gauge32, Counter32...).
pf_int() { pa_get "$1" "$2" | sed -n 's/^[A-Za-z0-9]*: \(-\{0,1\}[0-9]*\).*/\1/p'; }

# pf_wait_int SECONDS ADDR OID VALUE: poll until the GET gives VALUE.
pf_wait_int() {
    local secs=$1 addr=$2 oid=$3 want=$4
    local i n=$(( secs * 10 ))
    for i in $(seq 1 "$n"); do
        [ "$(pf_int "$addr" "$oid")" = "$want" ] && return 0
        sleep 0.1
    done
    return 1
}

# pf_restart: start the agent again with the configuration pf_start wrote
# (after pf_stop or a kill), and wait for SNMP and the feed.
pf_restart() {
    if [ "$PF_SHAPE" = agentx ]; then
        if [ -z "${PD_SNMPD_PID:-}" ] || ! kill -0 "$PD_SNMPD_PID" 2>/dev/null; then
            pd_start_snmpd "$PA_CONF" "$PA_ADDR" -I -smux || return 1
        fi
        pa_start_printdevd "$PA_SUBCONF" || return 1
    else
        pd_start_snmpd "$PA_CONF" "$PA_ADDR" -I -smux || return 1
        pa_wait_ready "$PA_ADDR" || return 1
    fi
    pd_wait_for 10 pf_socket_up
}

# pf_kill9: SIGKILL the process owning the feed and the state.
pf_kill9() {
    local pid
    pid=$(pf_agent_pid)
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    PD_PIDS=$(printf '%s\n' $PD_PIDS | grep -vx "$pid" | tr '\n' ' ')
    if [ "$PF_SHAPE" = agentx ]; then PA_SUB_PID=; else PD_SNMPD_PID=; fi
}

# pf_snapshot: what must survive a restart: the Printer MIB, our
# hrPrinter row and the billing counters, normalised.
pf_snapshot() {
    {
        pa_walk "$PA_ADDR" .1.3.6.1.2.1.43
        pa_walk "$PA_ADDR" .1.3.6.1.2.1.25.3.5
        pa_walk "$PA_ADDR" "$PA_PDMIB.1.3"
    } | pa_hr_ours | pa_norm
}
