#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-errors.sh: exact SNMPv2 exception and ordering semantics of our
# subtrees (RFC 3416 §4.2.1-4.2.3), in both agent shapes:
#   GET of a missing instance -> noSuchInstance, of an object that does not
#   exist -> noSuchObject; GETNEXT past our last object -> the next MIB's
#   object (greater, outside our subtree), or endOfMibView when the view
#   ends there; GETBULK across table and device boundaries returns strictly
#   increasing OIDs and the same varbinds as GETNEXT, for any
#   max-repetitions.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-errors
pa_init
pa_need_module
pa_need_shapes
prof=$(pa_fleet)
[ -n "$prof" ] || pd_skip "no profiles in conf/profiles"

NSI="No Such Instance currently exists at this OID"
NSO="No Such Object available on this agent at this OID"
EOMV="No more variables left in this MIB View (It is past the end of the MIB tree)"
# A community whose view ends with PRINTDEV-MIB.
PA_EXTRA_CONF="rocommunity pdview 127.0.0.1 $PA_PDMIB"

# oid_gt A B: A > B lexicographically (sub-id wise).
oid_gt() { printf '%s = x\n%s = x\n' "$2" "$1" | pa_oids_increasing >/dev/null; }
# under OID PREFIX
under() { case $1 in "$2".*) return 0 ;; esac; return 1; }
not_under() { ! under "$1" "$2"; }

# next_after ADDR OID: the varbind a GETNEXT of OID returns.
next_after() {
    snmpgetnext -v2c -c public $PA_COPTS "$1" "$2" 2>&1 | pa_join
}

for shape in $PA_SHAPES; do
    rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
    if ! pa_start_shape $shape "$prof"; then
        pd_ok "$shape: agent starts" false
        continue
    fi
    a=$PA_ADDR
    devs=$(pa_devices "$a")
    d=$(echo "$devs" | head -n 1)
    ndev=$(echo "$devs" | grep -c .)
    pd_ok "$shape: at least one device registered" test -n "$d"
    d=${d:-1}
    missing=$(( $(echo "$devs" | sort -n | tail -n 1) + 1 ))

    # ---- GET exceptions ----
    pd_eq "$shape: GET prtGeneralPrinterName of a missing device -> noSuchInstance" \
        "$NSI" "$(pa_get "$a" "$PA_PRTMIB.5.1.1.16.$missing")"
    pd_eq "$shape: GET prtInputType of a missing input row -> noSuchInstance" \
        "$NSI" "$(pa_get "$a" "$PA_PRTMIB.8.2.1.2.$d.65535")"
    pd_eq "$shape: GET printdevAgentDevices.1 (scalar, wrong instance) -> noSuchInstance" \
        "$NSI" "$(pa_get "$a" "${PA_AGENT_DEVICES%.0}.1")"
    pd_eq "$shape: GET printdevDeviceName of a missing device -> noSuchInstance" \
        "$NSI" "$(pa_get "$a" "$PA_DEVNAME.$missing")"
    pd_eq "$shape: GET prtGeneralTable column 99 -> noSuchObject" \
        "$NSO" "$(pa_get "$a" "$PA_PRTMIB.5.1.1.99.$d")"
    pd_eq "$shape: GET printmib.99 (not in the MIB) -> noSuchObject" \
        "$NSO" "$(pa_get "$a" "$PA_PRTMIB.99.1.0")"
    pd_eq "$shape: GET printdevAgent scalar 99 -> noSuchObject" \
        "$NSO" "$(pa_get "$a" "$PA_PDMIB.1.1.99.0")"
    pd_eq "$shape: GET PRINTDEV-MIB branch .1.9 -> noSuchObject" \
        "$NSO" "$(pa_get "$a" "$PA_PDMIB.1.9.1.0")"
    case $(pa_get "$a" "$PA_PRTMIB.5.1.1.16.$d") in
        STRING:*|'""') pd_ok "$shape: GET prtGeneralPrinterName.$d answers a string" true ;;
        *) pd_ok "$shape: GET prtGeneralPrinterName.$d answers a string" false ;;
    esac

    # ---- GETNEXT past the end of each subtree ----
    for sub in $PA_PRTMIB $PA_PPM $PA_PDMIB; do
        last=$(pa_walk "$a" "$sub" | pa_last_oid)
        nxt=$(next_after "$a" "$last")
        noid=${nxt%% = *}
        if [ "${nxt#* = }" = "$EOMV" ]; then
            pd_ok "$shape: GETNEXT past the last of $sub ($last) -> endOfMibView" true
        else
            pd_ok "$shape: GETNEXT past the last of $sub ($last) leaves the subtree upwards ($noid)" \
                not_under "$noid" "$sub"
            pd_ok "$shape: ... and $noid > $last" oid_gt "$noid" "$last"
        fi
    done
    last=$(pa_walk "$a" "$PA_PDMIB" | pa_last_oid)
    nxt=$(snmpgetnext -v2c -c pdview $PA_COPTS "$a" "$last" 2>&1 | pa_join)
    pd_eq "$shape: GETNEXT past our last object in a view ending there -> endOfMibView" \
        "$last = $EOMV" "$nxt"
    first=$(snmpgetnext -v2c -c pdview $PA_COPTS "$a" .1.3 2>&1 | pa_join)
    pd_ok "$shape: the restricted view starts inside PRINTDEV-MIB ($first)" under "${first%% = *}" "$PA_PDMIB"

    # ---- GETBULK ----
    for sub in $PA_PRTMIB $PA_PDMIB $PA_PPM $PA_HRDEV; do
        pa_walk "$a" "$sub" > "$PD_TMP/next.walk"
        for rep in 1 7 50; do
            pa_bulkwalk "$a" "$sub" $rep > "$PD_TMP/bulk.walk"
            if cmp -s "$PD_TMP/next.walk" "$PD_TMP/bulk.walk"; then
                pd_ok "$shape: GETBULK walk of $sub (max-rep $rep) equals the GETNEXT walk" true
            else
                pd_ok "$shape: GETBULK walk of $sub (max-rep $rep) equals the GETNEXT walk" false
                diff "$PD_TMP/next.walk" "$PD_TMP/bulk.walk" | head -n 10 | sed 's/^/#   /'
            fi
        done
    done
    # One GETBULK from the top of printmib: strictly increasing, and its part
    # inside printmib is the start of the walk.
    snmpbulkget -v2c -c public -Cn0 -Cr300 $PA_COPTS "$a" "$PA_PRTMIB" 2>&1 | pa_join > "$PD_TMP/bulk1"
    pd_ok "$shape: GETBULK (300) from printmib: OIDs strictly increasing" pa_oids_increasing < "$PD_TMP/bulk1"
    grep "^$PA_PRTMIB\\." "$PD_TMP/bulk1" > "$PD_TMP/bulk1.in"
    n=$(wc -l < "$PD_TMP/bulk1.in")
    pa_walk "$a" "$PA_PRTMIB" | head -n "$n" > "$PD_TMP/walk1"
    pd_ok "$shape: GETBULK (300) from printmib = first $n varbinds of the walk" cmp -s "$PD_TMP/walk1" "$PD_TMP/bulk1.in"
    # Two repeaters starting near table ends: each column strictly increasing.
    lastin=$(pa_walk "$a" "$PA_PRTMIB.8.2" | pa_last_oid)
    lastgen=$(pa_walk "$a" "$PA_PRTMIB.5.1" | pa_last_oid)
    snmpbulkget -v2c -c public -Cn0 -Cr40 $PA_COPTS "$a" "$lastgen" "$lastin" 2>&1 | pa_join > "$PD_TMP/bulk2"
    awk 'NR % 2 == 1' "$PD_TMP/bulk2" > "$PD_TMP/bulk2.a"
    awk 'NR % 2 == 0' "$PD_TMP/bulk2" > "$PD_TMP/bulk2.b"
    pd_ok "$shape: GETBULK repeater 1 across prtGeneralTable's end strictly increasing" pa_oids_increasing < "$PD_TMP/bulk2.a"
    pd_ok "$shape: GETBULK repeater 2 across prtInputTable's end strictly increasing" pa_oids_increasing < "$PD_TMP/bulk2.b"
    pd_eq "$shape: GETBULK returned 80 varbinds" 80 "$(wc -l < "$PD_TMP/bulk2")"
    # Across devices: column-wise the next device follows.
    if [ "$ndev" -ge 2 ]; then
        d2=$(echo "$devs" | sed -n 2p)
        nxt=$(snmpbulkget -v2c -c public -Cn0 -Cr1 $PA_COPTS "$a" "$PA_PRTMIB.5.1.1.16.$d" 2>&1 | pa_join)
        pd_eq "$shape: GETBULK after prtGeneralPrinterName.$d is prtGeneralPrinterName.$d2" \
            "$PA_PRTMIB.5.1.1.16.$d2" "${nxt%% = *}"
    fi

    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    pd_stop_pid "$PD_SNMPD_PID"
done

pd_finish
