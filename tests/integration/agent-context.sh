#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-context.sh: every device alone in its own SNMP context, in both
# shapes (printdev.so in snmpd, printdevd under an AgentX master), with the
# shipped profiles loaded together in one agent:
#   - v2c through a community mapped to the context (com2sec -Cn) and v3
#     authPriv with contextName: the system group has the profile's values
#     (printdevSystem), hrDeviceTable/hrPrinterTable have row 1 only, the
#     Printer-MIB, Port Monitor and PRINTDEV-MIB rows are the device's
#     default-context rows renumbered to index 1;
#   - a SET through a context changes that device (visible in the default
#     context at its own hrDeviceIndex, no other device) and survives
#     kill -9 of the agent;
#   - the default context is unchanged (sysDescr is snmpd's, all devices).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-context
pa_init
pa_need_shapes
prof="$(pa_profile production) $(pa_profile office)"
G=$PA_PRTMIB.5.1.1
SYS=.1.3.6.1.2.1.1
CTXUSER=pdctxuser

# One read-only community per context, one read-write community for
# office-1 (tests only), and a v3 user allowed in every context.
PA_EXTRA_CONF="com2sec -Cn prod-1 ctxprod 127.0.0.1 prod-1
com2sec -Cn office-1 ctxoffice 127.0.0.1 office-1
com2sec -Cn office-1 ctxofficerw 127.0.0.1 office-1-rw$$
group ctxro v2c ctxprod
group ctxro v2c ctxoffice
group ctxrw v2c ctxofficerw
createUser $CTXUSER SHA \"$PA_V3AUTH\" AES \"$PA_V3PRIV\"
group ctxv3 usm $CTXUSER
view ctxall included .1
access ctxro \"\" v2c noauth prefix ctxall none none
access ctxrw \"\" v2c noauth prefix ctxall ctxall none
access ctxv3 \"\" usm priv prefix ctxall none none"
V3CTX="-v3 -l authPriv -u $CTXUSER -a SHA -A $PA_V3AUTH -x AES -X $PA_V3PRIV"

# profile_value PROFILE KEY: the printdevSystem value of KEY in a profile.
profile_value() {
    sed -n "s/^printdevSystem.* $2 \"\\([^\"]*\\)\".*/\\1/p; s/^printdevSystem.* $2 \\([^ \"]*\\)\\( .*\\)\\{0,1\\}\$/\\1/p" "$1" | head -n 1
}
# renumber HR: default-context rows of device HR (hrDeviceIndex first) as
# index 1; prtStorageRefTable (43.5.2, hrStorageIndex first) left out.
renumber() {
    awk -F' = ' -v hr="$1" '{
        n = split($1, p, ".")
        if ($1 ~ /^\.1\.3\.6\.1\.2\.1\.43\.5\.2\./) next
        # .1.3.6.1.2.1.43.T.E.1.C.<hr>...  (entry under a table: 13 sub-ids before the index)
        # .1.3.6.1.4.1.2699.1.2.1.2.1.1.C.<hr>, .3.1.1.C.<hr>.<port>
        # PRINTDEV-MIB device/billing rows
        k = 0
        if ($1 ~ /^\.1\.3\.6\.1\.2\.1\.43\./) k = 13
        else if ($1 ~ /^\.1\.3\.6\.1\.4\.1\.2699\.1\.2\.1\.[23]\./) k = 16
        else if ($1 ~ /^\.1\.3\.6\.1\.4\.1\.8072\.9999\.4300\.1\.[23]\./) k = 15
        if (k == 0 || n < k || p[k] != hr) next
        p[k] = 1
        v = $2
        # ppmPrinterHrDeviceIndex names the device as presented: 1
        if ($1 ~ /^\.1\.3\.6\.1\.4\.1\.2699\.1\.2\.1\.2\.1\.1\.6\./) v = "INTEGER: 1"
        o = ""
        for (i = 2; i <= n; i++) o = o "." p[i]
        print o " = " v
    }'
}
ctx_walk() { # ADDR OID CLIENT-ARGS...
    local a=$1 o=$2
    shift 2
    pa_walk "$a" "$o" "$@" | pa_norm
}

for shape in $PA_SHAPES; do
    pa_start_shape "$shape" "$prof" rw || { pd_ok "$shape: agent starts" false; continue; }
    a=$PA_ADDR
    ctx_ready() { pa_get "$a" $SYS.1.0 -v2c -c "$1" | grep -q '^STRING'; }
    pd_ok "$shape: context prod-1 answers" pd_wait_for 20 ctx_ready prod-1
    pd_ok "$shape: context office-1 answers" pd_wait_for 20 ctx_ready office-1
    pa_golden_walk "$a" > "$PD_TMP/default-$shape.walk"
    for dev in production:prod-1:1 office:office-1:2; do
        p=$(pa_profile "${dev%%:*}"); rest=${dev#*:}; ctx=${rest%%:*}; hr=${rest#*:}
        C="-v2c -c $ctx"
        pd_eq "$shape $ctx: sysDescr from the profile" "STRING: \"$(profile_value "$p" descr)\"" \
            "$(pa_get "$a" $SYS.1.0 $C)"
        pd_eq "$shape $ctx: sysObjectID from the profile" "OID: .$(profile_value "$p" objectID)" \
            "$(pa_get "$a" $SYS.2.0 $C)"
        pd_eq "$shape $ctx: sysContact" "STRING: \"$(profile_value "$p" contact)\"" \
            "$(pa_get "$a" $SYS.4.0 $C)"
        pd_eq "$shape $ctx: sysName is the printer name" "STRING: \"$ctx\"" "$(pa_get "$a" $SYS.5.0 $C)"
        pd_eq "$shape $ctx: sysLocation" "STRING: \"$(profile_value "$p" location)\"" \
            "$(pa_get "$a" $SYS.6.0 $C)"
        pd_eq "$shape $ctx: sysServices" "INTEGER: 72" "$(pa_get "$a" $SYS.7.0 $C)"
        up=$(pa_get "$a" $SYS.3.0 $C)
        pd_ok "$shape $ctx: sysUpTime is TimeTicks ($up)" test "${up#Timeticks}" != "$up"
        # v3 with contextName reads the same system group
        pd_eq "$shape $ctx: v3 authPriv contextName reads sysDescr" \
            "STRING: \"$(profile_value "$p" descr)\"" "$(pa_get "$a" $SYS.1.0 $V3CTX -n "$ctx")"
        # hrDeviceTable / hrPrinterTable: row 1 only, the device's values
        ctx_walk "$a" $PA_HRDEV $C > "$PD_TMP/hr.walk"
        ctx_walk "$a" $PA_HRPRT $C >> "$PD_TMP/hr.walk"
        pd_ok "$shape $ctx: hr rows are index 1 only" sh -c "! grep -v '\\.1 = ' '$PD_TMP/hr.walk' | grep -q ."
        pd_eq "$shape $ctx: hrDeviceIndex.1 = 1" "INTEGER: 1" "$(pa_get "$a" $PA_HRDEV.1.1.1 $C)"
        pd_eq "$shape $ctx: hrDeviceDescr.1 is the device's" "$(pa_get "$a" $PA_HRDEV.1.3.$hr)" \
            "$(pa_get "$a" $PA_HRDEV.1.3.1 $C)"
        pd_eq "$shape $ctx: hrPrinterStatus.1 is the device's" "$(pa_get "$a" $PA_HRPRT.1.1.$hr)" \
            "$(pa_get "$a" $PA_HRPRT.1.1.1 $C)"
        # Printer-MIB, Port Monitor, PRINTDEV-MIB rows: the device's, index 1
        renumber "$hr" < "$PD_TMP/default-$shape.walk" | sort > "$PD_TMP/want.walk"
        for o in $PA_PRTMIB $PA_PPM.1.2 $PA_PPM.1.3 $PA_PDMIB.1.2 $PA_PDMIB.1.3; do
            ctx_walk "$a" "$o" $C
        done | grep -v '= No more variables left' | grep -v "^\\$PA_PRTMIB\\.5\\.2\\." |
            sort > "$PD_TMP/got.walk"
        if [ -s "$PD_TMP/want.walk" ] && cmp -s "$PD_TMP/want.walk" "$PD_TMP/got.walk"; then
            pd_ok "$shape $ctx: Printer-MIB/ppm/PRINTDEV-MIB rows = device $hr's as index 1 ($(wc -l < "$PD_TMP/got.walk") varbinds)" true
        else
            pd_ok "$shape $ctx: Printer-MIB/ppm/PRINTDEV-MIB rows = device $hr's as index 1" false
            diff "$PD_TMP/want.walk" "$PD_TMP/got.walk" | head -n 10 | sed 's/^/#   /'
        fi
        pd_eq "$shape $ctx: ppmGeneralNumberOfPrinters.0 = 1" "Gauge32: 1" \
            "$(pa_get "$a" $PA_PPM.1.1.2.0 $C)"
        pd_eq "$shape $ctx: ppmPrinterIEEE1284DeviceId.1 is the device's" \
            "$(pa_get "$a" $PA_PPM.1.2.1.1.3.$hr)" "$(pa_get "$a" $PA_PPM.1.2.1.1.3.1 $C)"
        pd_eq "$shape $ctx: nothing at index 2" "No Such Instance currently exists at this OID" \
            "$(pa_get "$a" $G.16.2 $C)"
    done
    # the default context: snmpd's system group, every device
    sd=$(pa_get "$a" $SYS.1.0)
    pd_ok "$shape default: sysDescr is snmpd's ($sd)" test "$sd" != "STRING: \"RICOH Aficio MP C3002\""
    pd_eq "$shape default: both devices" "1 2" "$(pa_devices "$a" | tr '\n' ' ' | sed 's/ $//')"

    # SET through office-1's context reaches device 2 only
    op1=$(pa_get "$a" $G.4.1)
    pd_eq "$shape: SET prtGeneralCurrentOperator.1 in context office-1" noError \
        "$(pa_set_status "$a" 2c "office-1-rw$$" $G.4.1 s "ctx-$shape@example.org")"
    pd_eq "$shape: one SET of two tables in context office-1" noError \
        "$(pa_set_status "$a" 2c "office-1-rw$$" $G.5.1 s "svc-$shape" $PA_PRTMIB.8.2.1.12.1.1 s "ctx media")"
    pd_eq "$shape: both reached device 2" "STRING: \"svc-$shape\" STRING: \"ctx media\"" \
        "$(pa_get "$a" $G.5.2) $(pa_get "$a" $PA_PRTMIB.8.2.1.12.2.1)"
    pd_eq "$shape: SET of a read-only object in a context: notWritable" notWritable \
        "$(pa_set_status "$a" 2c "office-1-rw$$" $PA_HRDEV.1.3.1 s "x")"
    pd_eq "$shape: a SET with one bad value (prtInputMaxCapacity -5) is refused" wrongValue \
        "$(pa_set_status "$a" 2c "office-1-rw$$" $G.5.1 s "partial" $PA_PRTMIB.8.2.1.9.1.1 i -5)"
    pd_eq "$shape: ... and changes nothing" "STRING: \"svc-$shape\"" "$(pa_get "$a" $G.5.2)"
    pd_eq "$shape: read-only context community cannot SET" noAccess \
        "$(pa_set_status "$a" 2c office-1 $G.4.1 s "no@example.org")"
    pd_eq "$shape: default context sees it at hrDeviceIndex 2" "STRING: \"ctx-$shape@example.org\"" \
        "$(pa_get "$a" $G.4.2)"
    pd_eq "$shape: device 1 unchanged" "$op1" "$(pa_get "$a" $G.4.1)"
    # durable: kill -9 the process holding the state, start it again
    if [ "$shape" = dlmod ]; then
        kill -KILL "$PD_SNMPD_PID"; wait "$PD_SNMPD_PID" 2>/dev/null
        pa_restart_snmpd || pd_log "snmpd did not restart"
    else
        kill -KILL "$PA_SUB_PID"; wait "$PA_SUB_PID" 2>/dev/null
        pa_start_printdevd "$PA_SUBCONF" || pd_log "printdevd did not restart"
    fi
    pa_wait_ready "$a"
    pd_ok "$shape: context office-1 answers after kill -9" pd_wait_for 20 ctx_ready office-1
    pd_eq "$shape: SET value survives kill -9 (default context, index 2)" \
        "STRING: \"ctx-$shape@example.org\"" "$(pa_get "$a" $G.4.2)"
    pd_eq "$shape: SET value survives kill -9 (context office-1, index 1)" \
        "STRING: \"ctx-$shape@example.org\"" "$(pa_get "$a" $G.4.1 -v2c -c office-1)"
    # a reload (SIGHUP) keeps the contexts
    if [ "$shape" = dlmod ]; then hup=$PD_SNMPD_PID; log=$PD_TMP/snmpd.log; else hup=$PA_SUB_PID; log=$PD_TMP/printdevd.log; fi
    n0=$(grep -c 'device(s) registered' "$log")
    kill -HUP "$hup"
    reloaded() { [ "$(grep -c 'device(s) registered' "$log")" -gt "$n0" ]; }
    pd_ok "$shape: SIGHUP reload done" pd_wait_for 20 reloaded
    pd_ok "$shape: context prod-1 answers after SIGHUP" pd_wait_for 20 ctx_ready prod-1
    pd_eq "$shape: context office-1 after SIGHUP" "STRING: \"ctx-$shape@example.org\"" \
        "$(pa_get "$a" $G.4.1 -v2c -c office-1)"
    [ "$shape" = agentx ] && pd_stop_pid "$PA_SUB_PID"
    pd_stop_pid "$PD_SNMPD_PID"
    rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
done

# ---- printdevContexts no: the default context only ----
if case " $PA_SHAPES " in *" dlmod "*) true ;; *) false ;; esac; then
    PA_EXTRA_CONF="$PA_EXTRA_CONF" pa_start_dlmod "$prof" || pd_ok "dlmod: agent starts" false
    echo "printdevContexts no" >> "$PA_CONF"
    n0=$(grep -c 'device(s) registered' "$PD_TMP/snmpd.log")
    kill -HUP "$PD_SNMPD_PID"
    reloaded() { [ "$(grep -c 'device(s) registered' "$PD_TMP/snmpd.log")" -gt "$n0" ]; }
    pd_ok "printdevContexts no: reload done" pd_wait_for 20 reloaded
    pd_ok "printdevContexts no: context prod-1 is gone" \
        sh -c "! snmpget -v2c -c prod-1 $PA_COPTS '$PA_ADDR' $SYS.1.0 2>&1 | grep -q 'Canon'"
    pd_eq "printdevContexts no: the default context still has both devices" "1 2" \
        "$(pa_devices "$PA_ADDR" | tr '\n' ' ' | sed 's/ $//')"
    pd_stop_pid "$PD_SNMPD_PID"
fi

# ---- a single-device agent: printdevSystem defaultContext yes ----
# The device's system group also in the default context (sysDescr ...
# sysServices), ahead of snmpd's own system module; sysUpTime and
# sysORTable stay snmpd's.
single="$PD_TMP/single.conf"
cat "$(pa_profile production)" > "$single"
echo "printdevSystem defaultContext yes" >> "$single"
p=$(pa_profile production)
for shape in $PA_SHAPES; do
    pa_start_shape "$shape" "$single" || { pd_ok "$shape single: agent starts" false; continue; }
    a=$PA_ADDR
    sys_ready() { [ "$(pa_get "$a" $SYS.1.0)" = "STRING: \"$(profile_value "$p" descr)\"" ]; }
    pd_ok "$shape single: default-context sysDescr.0 is the printer's" pd_wait_for 20 sys_ready
    pd_eq "$shape single: default-context sysObjectID.0" "OID: .$(profile_value "$p" objectID)" \
        "$(pa_get "$a" $SYS.2.0)"
    pd_eq "$shape single: default-context sysLocation.0" "STRING: \"$(profile_value "$p" location)\"" \
        "$(pa_get "$a" $SYS.6.0)"
    pd_eq "$shape single: GETNEXT sysDescr.0 -> sysObjectID.0" "$SYS.2.0" \
        "$(snmpgetnext -v2c -c public $PA_COPTS "$a" $SYS.1.0 | pa_last_oid)"
    pd_ok "$shape single: snmpd's sysORTable is still there" \
        sh -c "snmpwalk -v2c -c public $PA_COPTS '$a' $SYS.9 | grep -q '^\\$SYS\\.9\\.1\\.'"
    if [ "$shape" = dlmod ]; then
        kill -HUP "$PD_SNMPD_PID"
        pd_ok "$shape single: after SIGHUP sysDescr.0 is still the printer's" pd_wait_for 20 sys_ready
    fi
    [ "$shape" = agentx ] && pd_stop_pid "$PA_SUB_PID"
    pd_stop_pid "$PD_SNMPD_PID"
done

pd_finish
