#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-set-types.sh: SETs carrying a BIT STRING (0x03) or NsapAddress
# (0x45) value, which snmpset cannot send (tests/integration/snmp-rawset.pl
# encodes them by hand; every wait is bounded).
#   dlmod   printdev answers wrongType; snmpd keeps answering.
#   AgentX  Net-SNMP's master cannot encode these types in an AgentX
#           TestSet (they are not AgentX value types, RFC 2741 §5.4): the
#           request stays delegated for ever and the master answers nothing
#           at all until the subagent disconnects (upstream bug, described
#           in printdevd(8), BUGS).  printdevd never sees the request, so
#           it cannot avoid it; the documented VACM setting -- a write view
#           that leaves out every subtree printdevd registers -- keeps such
#           a SET from reaching the AgentX code: it is refused at once.
#           The bug itself is pinned: if the "master wedged" checks fail, a
#           newer Net-SNMP fixed it and the documentation should say so.
#           Stopping printdevd then frees the master without crashing it
#           (printdevd closes its session before unregistering: the other
#           order makes 5.9.3 read freed subtrees on the second such wedge).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-set-types
pa_init
pa_need_module
pa_need_shapes
command -v perl >/dev/null 2>&1 || pd_skip "perl not installed"

G=$PA_PRTMIB.5.1.1
RAW="$top_srcdir/tests/integration/snmp-rawset.pl"
WRITER="pdwriter$$"
# raw COMMUNITY OID TYPE VALUE: error-status N, or timeout (3 s)
raw() { perl "$RAW" 127.0.0.1 "$PA_PORT" "$1" "$2" "$3" "$4" 3; }
answers() { snmpget -v2c -c public -On -t 1 -r 0 "$PA_ADDR" .1.3.6.1.2.1.1.3.0 >/dev/null 2>&1; }
silent() { ! answers; }
# The documented VACM setting: writes through this community never reach a
# subtree printdevd registers (doc/printdevd.8, README).
VACM_CONF="view pdAll included .1
view pdNoSubagent included .1
view pdNoSubagent excluded $PA_PRTMIB
view pdNoSubagent excluded $PA_HRDEV
view pdNoSubagent excluded $PA_HRPRT
view pdNoSubagent excluded $PA_PPM
view pdNoSubagent excluded $PA_PDMIB
com2sec pdWriterSec 127.0.0.1 $WRITER
group pdWriterGroup v2c pdWriterSec
access pdWriterGroup \"\" any noauth exact pdAll pdNoSubagent none"

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
    PA_EXTRA_CONF=$VACM_CONF
    if ! pa_start_shape "$shape" "$(pa_profile office)" rw; then
        pd_ok "$shape: agent starts" false
        continue
    fi
    d=$(pa_devices "$PA_ADDR" | head -n 1)
    d=${d:-1}
    before=$(pa_get "$PA_ADDR" $G.4.$d)

    if [ "$shape" = dlmod ]; then
        pd_eq "$shape: BIT STRING into prtGeneralCurrentOperator -> wrongType(7)" \
            "error-status 7" "$(raw "$PA_RW" $G.4.$d 03 0080)"
        pd_eq "$shape: NsapAddress into prtGeneralCurrentOperator -> wrongType(7)" \
            "error-status 7" "$(raw "$PA_RW" $G.4.$d 45 0102)"
        pd_ok "$shape: snmpd still answers" answers
        pd_eq "$shape: value unchanged" "$before" "$(pa_get "$PA_ADDR" $G.4.$d)"
        pd_stop_pid "$PD_SNMPD_PID"
        continue
    fi

    # AgentX, the VACM setting: refused by the master's access control
    for t in 03:0080 45:0102; do
        st=$(raw "$WRITER" $G.4.$d "${t%%:*}" "${t#*:}")
        pd_ok "$shape: type 0x${t%%:*} outside the write view: refused at once ($st)" \
            sh -c "case '$st' in 'error-status '[1-9]*) exit 0;; *) exit 1;; esac"
        pd_ok "$shape: ... and the master still answers" answers
    done
    pd_eq "$shape: the same community still writes elsewhere (sysName)" noError \
        "$(pa_set_status "$PA_ADDR" 2c "$WRITER" .1.3.6.1.2.1.1.5.0 s pd-test)"

    # AgentX, the upstream bug, with write access to printdev's objects
    for t in 03:0080 45:0102; do
        pd_eq "$shape: type 0x${t%%:*} to a delegated OID: no answer (Net-SNMP AgentX bug)" \
            timeout "$(raw "$PA_RW" $G.4.$d "${t%%:*}" "${t#*:}")"
        pd_ok "$shape: ... the master answers nothing else either (wedged)" silent
        pd_ok "$shape: ... still wedged a moment later" silent
        # printdevd stops cleanly (TERM): it closes its AgentX session first,
        # so the master cancels the request before dropping our subtrees
        pa_stop_status "$PA_SUB_PID"
        PA_SUB_PID=
        pd_eq "$shape: ... printdevd stops on TERM" 0 "$PA_STATUS"
        pd_ok "$shape: ... the master answers again once the subagent is gone" \
            pd_wait_for 10 answers
        pd_ok "$shape: ... and did not crash" kill -0 "$PD_SNMPD_PID"
        pa_start_printdevd "$PA_SUBCONF" || { pd_ok "$shape: printdevd restarts" false; break; }
        pd_eq "$shape: ... value unchanged" "$before" "$(pa_get "$PA_ADDR" $G.4.$d)"
    done
    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    pd_stop_pid "$PD_SNMPD_PID"
done

pd_finish
