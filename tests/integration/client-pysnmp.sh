#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# client-pysnmp.sh: pysnmp (Debian's python3-pysnmp4), an independent SNMP
# implementation, reads printdev over SNMPv3 authPriv (SHA/AES) with the
# selected device's contextName (client-lib.sh).  Both shapes, both
# shipped profiles in one agent, each device as device 1 of its context.  Checked: pysnmp's GETBULK
# walk of the Printer MIB and the Port Monitor MIB and its GET of device 1's
# HOST-RESOURCES cells give exactly the OIDs, types and values the Net-SNMP
# tools read over the same v3 user; the profile's description, IEEE 1284 id
# and supply levels are what pysnmp sees; a feed change is seen by the next
# pysnmp GET; a wrong privacy key gets no data.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
. "$top_srcdir/tests/integration/client-lib.sh"

pd_init client-pysnmp
pa_init
pf_init
pa_need_shapes

# Debian's python3 (pysnmp is a Debian package); another python3 earlier in
# PATH may not see it.
PY=
for p in "${PC_PYTHON:-}" /usr/bin/python3 python3; do
    [ -n "$p" ] && "$p" -c 'import pysnmp.hlapi' >/dev/null 2>&1 && { PY=$p; break; }
done
[ -n "$PY" ] || pd_die "pysnmp not importable (Debian package python3-pysnmp4; or set PC_PYTHON)"
PYSNMP="$top_srcdir/tests/integration/client-pysnmp.py"

HRDEV1=".1.3.6.1.2.1.25.3.2.1.1.1 .1.3.6.1.2.1.25.3.2.1.2.1 .1.3.6.1.2.1.25.3.2.1.3.1 .1.3.6.1.2.1.25.3.2.1.4.1 .1.3.6.1.2.1.25.3.2.1.5.1 .1.3.6.1.2.1.25.3.2.1.6.1 .1.3.6.1.2.1.25.3.5.1.1.1 .1.3.6.1.2.1.25.3.5.1.2.1"
SUPLEVEL=.1.3.6.1.2.1.43.11.1.1.9.1   # prtMarkerSuppliesLevel.1.N

# py MODE OID...: pysnmp with the test's v3 user and the selected context.
py() {
    local mode=$1 hp=${PA_ADDR#udp:}
    shift
    pc_timeout 60 "$PY" "$PYSNMP" "$mode" "${hp%:*}" "${hp##*:}" "$PA_V3USER" "$PA_V3AUTH" \
        "${PY_PRIV:-$PA_V3PRIV}" "$PC_CONTEXT" "$@"
}

# netsnmp_norm: Net-SNMP client output (-On -Oe -Ox -Ot -OU) in the form
# client-pysnmp.py prints.
netsnmp_norm() {
    pa_join | awk -F' = ' '
        {
            oid = $1; v = substr($0, length($1) + 4)
            if (v ~ /^(INTEGER|Gauge32|Counter32|Counter64|Timeticks|UInteger32): /) {
                sub(/^[A-Za-z0-9]+: /, "", v); print oid " = INT: " v
            } else if (v ~ /^Hex-STRING: /) {
                sub(/^Hex-STRING: /, "", v); gsub(/ /, "", v); print oid " = HEX: " toupper(v)
            } else if (v == "\"\"") {
                print oid " = HEX: "
            } else if (v ~ /^OID: /) {
                print oid " = " v
            } else print oid " = ?" v
        }'
}

nsnmp() {
    local cmd=$1
    shift
    "$cmd" $PA_V3 -n "$PC_CONTEXT" -On -Oe -Ox -Ot -OU -t 5 -r 1 "$PA_ADDR" "$@"
}

# pyvalue OID: the value part of one pysnmp GET.
pyvalue() { py get "$1" | sed -n 's/^[^=]* = //p'; }

hexof() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F'; }

for shape in $PA_SHAPES; do
    # one agent serves every shipped profile; each device is read through
    # its own SNMP context (client-lib.sh pc_select)
    if ! pc_start "$shape"; then
        pd_ok "$shape: agent starts (every shipped profile)" false
        continue
    fi
    for prof in $(pa_profiles); do
        t="$shape/$prof"
        pc_select "$prof"
        for sub in .1.3.6.1.2.1.43 .1.3.6.1.4.1.2699.1.2; do
            py walk "$sub" > "$PD_TMP/py.walk" 2> "$PD_TMP/py.err"
            st=$?
            pd_eq "$t: pysnmp v3 authPriv walk of $sub succeeds" 0 "$st"
            [ "$st" = 0 ] || sed 's/^/#   /' "$PD_TMP/py.err" | tail -n 3
            nsnmp snmpbulkwalk -Cr25 "$sub" | netsnmp_norm > "$PD_TMP/ns.walk"
            pd_ok "$t: $sub: $(wc -l < "$PD_TMP/py.walk") varbinds, as many as Net-SNMP reads" \
                test "$(wc -l < "$PD_TMP/py.walk")" -eq "$(wc -l < "$PD_TMP/ns.walk")" -a -s "$PD_TMP/py.walk"
            if diff -u "$PD_TMP/ns.walk" "$PD_TMP/py.walk" > "$PD_TMP/walk.diff"; then
                pd_ok "$t: $sub: pysnmp and Net-SNMP read the same OIDs, types and values" true
            else
                pd_ok "$t: $sub: pysnmp and Net-SNMP read the same OIDs, types and values" false
                head -n 12 "$PD_TMP/walk.diff" | sed 's/^/#   /'
            fi
        done
        py get $HRDEV1 > "$PD_TMP/py.hr" 2> "$PD_TMP/py.err"
        nsnmp snmpget $HRDEV1 | netsnmp_norm > "$PD_TMP/ns.hr"
        pd_ok "$t: device 1's HOST-RESOURCES cells: pysnmp GET = Net-SNMP GET" \
            sh -c "test -s '$PD_TMP/py.hr' && diff -u '$PD_TMP/ns.hr' '$PD_TMP/py.hr'"

        pd_eq "$t: hrDeviceDescr.1 is the profile's" "HEX: $(hexof "$(pc_prof_value printdevDescr)")" \
            "$(pyvalue .1.3.6.1.2.1.25.3.2.1.3.1)"
        pd_eq "$t: ppmPrinterIEEE1284DeviceId.1 is the profile's" "HEX: $(hexof "$(pc_prof_value printdevIeee1284Id)")" \
            "$(pyvalue .1.3.6.1.4.1.2699.1.2.1.2.1.1.3.1)"
        bad=
        py walk .1.3.6.1.2.1.43.11.1.1.9 > "$PD_TMP/py.levels" 2>&1
        for n in $(pc_prof_rows printdevSupply); do
            want=$(pc_prof_field printdevSupply "$n" level)
            got=$(sed -n "s/^\\$SUPLEVEL\\.$n = INT: //p" "$PD_TMP/py.levels")
            [ "$got" = "$want" ] || bad="$bad supply $n: $got != $want;"
        done
        pd_eq "$t: every supply level is the profile's" "" "$bad"

        pc_ctl -q set supply 1 level 7
        pd_eq "$t: a feed change is seen by the next pysnmp GET" "INT: 7" "$(pyvalue $SUPLEVEL.1)"

        PY_PRIV=not-the-priv-key py get $SUPLEVEL.1 > "$PD_TMP/py.bad" 2>&1
        st=$?
        pd_ok "$t: a wrong privacy key gets no data (exit $st)" \
            sh -c "[ $st -ne 0 ] && ! grep -q ' = INT' '$PD_TMP/py.bad'"
    done
    pc_stop
done

pd_finish
