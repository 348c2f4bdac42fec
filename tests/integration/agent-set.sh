#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-set.sh: SET semantics of the writable Printer-MIB columns, in both
# agent shapes (RFC 3416 §4.2.5; Net-SNMP's SNMPv1 mapping per RFC 3584
# §4.3): successful SETs of several writable columns read back; each error
# class -- wrongType, wrongLength, wrongValue, inconsistentValue,
# notWritable, noCreation -- over SNMPv2c, and the SNMPv1 statuses they map
# to (badValue, noSuchName); a multi-varbind SET with one bad varbind
# changes nothing; the read-only community cannot write.  The write
# community exists only in this test's private snmpd config.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-set
pa_init
pa_need_module
pa_need_shapes
prof=$(pa_fleet)
[ -n "$prof" ] || pd_skip "no profiles in conf/profiles"

G=$PA_PRTMIB.5.1.1      # prtGeneralEntry
long128=$(printf '%0128d' 0 | tr 0 x)
long127=$(printf '%0127d' 0 | tr 0 y)

# get_str ADDR OID: the value as printed (STRING: "..." or "").
val() { pa_get "$PA_ADDR" "$1"; }
# expect_set DESC V1|2c EXPECTED OID TYPE VALUE [...]
expect_set() {
    local desc=$1 ver=$2 exp=$3
    shift 3
    pd_eq "$shape: $desc" "$exp" "$(pa_set_status "$PA_ADDR" "$ver" "$PA_RW" "$@")"
}

for shape in $PA_SHAPES; do
    rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
    if ! pa_start_shape $shape "$prof" rw; then
        pd_ok "$shape: agent starts" false
        continue
    fi
    d=$(pa_devices "$PA_ADDR" | head -n 1)
    d=${d:-1}
    inputs=$(pa_walk "$PA_ADDR" "$PA_PRTMIB.8.2.1.2.$d" | sed -n "s/^.*\\.\\([0-9]*\\) = .*/\\1/p")
    in_last=$(echo "$inputs" | tail -n 1)

    # ---- successful SETs (v2c), read back ----
    expect_set "SET prtGeneralCurrentOperator" 2c noError $G.4.$d s "ops@example.org"
    pd_eq "$shape: prtGeneralCurrentOperator reads back" 'STRING: "ops@example.org"' "$(val $G.4.$d)"
    expect_set "SET prtGeneralServicePerson (127 octets, the maximum)" 2c noError $G.5.$d s "$long127"
    pd_eq "$shape: prtGeneralServicePerson reads back" "STRING: \"$long127\"" "$(val $G.5.$d)"
    expect_set "SET prtGeneralPrinterName" 2c noError $G.16.$d s "Print room 2"
    pd_eq "$shape: prtGeneralPrinterName reads back" 'STRING: "Print room 2"' "$(val $G.16.$d)"
    expect_set "SET prtConsoleDisable disabled(4)" 2c noError $G.13.$d i 4
    pd_eq "$shape: prtConsoleDisable reads back" 'INTEGER: 4' "$(val $G.13.$d)"
    if [ -n "$in_last" ]; then
        expect_set "SET prtInputDefaultIndex to input $in_last" 2c noError $G.6.$d i "$in_last"
        pd_eq "$shape: prtInputDefaultIndex reads back" "INTEGER: $in_last" "$(val $G.6.$d)"
    fi
    expect_set "SET prtInputMediaName of input 1 (a table row)" 2c noError $PA_PRTMIB.8.2.1.12.$d.1 s "A4 recycled"
    pd_eq "$shape: prtInputMediaName reads back" 'STRING: "A4 recycled"' "$(val $PA_PRTMIB.8.2.1.12.$d.1)"
    expect_set "SET prtInterpreterDefaultOrientation landscape(4)" 2c noError $PA_PRTMIB.15.1.1.7.$d.1 i 4
    pd_eq "$shape: prtInterpreterDefaultOrientation reads back" 'INTEGER: 4' "$(val $PA_PRTMIB.15.1.1.7.$d.1)"
    expect_set "wrongValue: prtInterpreterDefaultOrientation 2 (not an enum value)" 2c wrongValue $PA_PRTMIB.15.1.1.7.$d.1 i 2
    d2=$(pa_devices "$PA_ADDR" | sed -n 2p)
    if [ -n "$d2" ]; then
        expect_set "SET on two devices in one PDU" 2c noError $G.16.$d s "first" $G.16.$d2 s "second"
        pd_eq "$shape: both devices read back" 'STRING: "first" STRING: "second"' "$(val $G.16.$d) $(val $G.16.$d2)"
    fi
    expect_set "SET two columns in one PDU" 2c noError $G.4.$d s "two@example.org" $G.16.$d s "Room 3"
    pd_eq "$shape: both read back" 'STRING: "two@example.org" STRING: "Room 3"' "$(val $G.4.$d) $(val $G.16.$d)"
    snmpset $PA_V3 $PA_COPTS "$PA_ADDR" $G.4.$d s "v3@example.org" > "$PD_TMP/v3set" 2>&1
    pd_eq "$shape: SET over v3 authPriv (rwuser) reads back" 'STRING: "v3@example.org"' "$(val $G.4.$d)"

    # ---- error classes over v2c ----
    expect_set "wrongType: INTEGER into prtGeneralCurrentOperator" 2c wrongType $G.4.$d i 5
    expect_set "wrongType: STRING into prtInputDefaultIndex" 2c wrongType $G.6.$d s "1"
    expect_set "wrongLength: 128 octets into prtGeneralCurrentOperator (SIZE 0..127)" 2c wrongLength $G.4.$d s "$long128"
    expect_set "wrongValue: prtConsoleDisable 99 (not an enum value)" 2c wrongValue $G.13.$d i 99
    expect_set "wrongValue: prtGeneralCurrentLocalization 0 (range 1..65535)" 2c wrongValue $G.2.$d i 0
    expect_set "inconsistentValue: prtInputDefaultIndex 65535 (no such input)" 2c inconsistentValue $G.6.$d i 65535
    expect_set "inconsistentValue: prtGeneralCurrentLocalization 65535 (no such row)" 2c inconsistentValue $G.2.$d i 65535
    # (snmpset cannot send Counter32; RFC 3416 §4.2.5 checks notWritable
    # before the type, so Gauge32 must give notWritable too.)
    expect_set "notWritable: prtGeneralConfigChanges (read-only Counter32)" 2c notWritable $G.1.$d u 7
    expect_set "notWritable: prtMarkerLifeCount (read-only Counter32)" 2c notWritable $PA_PRTMIB.10.2.1.4.$d.1 u 7
    expect_set "notWritable: prtCoverStatus (read-only INTEGER)" 2c notWritable $PA_PRTMIB.6.1.1.3.$d.1 i 3
    expect_set "notWritable: hrDeviceDescr of our device" 2c notWritable .1.3.6.1.2.1.25.3.2.1.3.$d s "x"
    expect_set "noCreation: prtGeneralCurrentOperator of a missing device" 2c noCreation $G.4.65535 s "x"
    expect_set "noCreation: prtInputMediaName of a missing input row" 2c noCreation $PA_PRTMIB.8.2.1.12.$d.65535 s "x"

    # ---- the same over v1 ----
    expect_set "v1 wrongType -> badValue" 1 badValue $G.4.$d i 5
    expect_set "v1 wrongLength -> badValue" 1 badValue $G.4.$d s "$long128"
    expect_set "v1 wrongValue -> badValue" 1 badValue $G.13.$d i 99
    expect_set "v1 inconsistentValue -> badValue" 1 badValue $G.6.$d i 65535
    expect_set "v1 notWritable -> noSuchName" 1 noSuchName $PA_PRTMIB.6.1.1.3.$d.1 i 3
    expect_set "v1 noCreation -> noSuchName" 1 noSuchName $G.4.65535 s "x"
    expect_set "v1 SET prtGeneralCurrentOperator succeeds" 1 noError $G.4.$d s "v1@example.org"
    pd_eq "$shape: v1 SET reads back" 'STRING: "v1@example.org"' "$(val $G.4.$d)"

    # ---- all or nothing ----
    before="$(val $G.4.$d) $(val $G.16.$d) $(val $G.13.$d)"
    expect_set "good + bad (wrongValue last) fails" 2c wrongValue $G.4.$d s "half@example.org" $G.16.$d s "Half" $G.13.$d i 99
    pd_eq "$shape: ... and changed nothing" "$before" "$(val $G.4.$d) $(val $G.16.$d) $(val $G.13.$d)"
    expect_set "bad (inconsistentValue first) + good fails" 2c inconsistentValue $G.6.$d i 65535 $G.4.$d s "half@example.org"
    pd_eq "$shape: ... and changed nothing" "$before" "$(val $G.4.$d) $(val $G.16.$d) $(val $G.13.$d)"
    expect_set "good + wrongLength in the middle + good fails" 2c wrongLength $G.16.$d s "Half" $G.4.$d s "$long128" $G.13.$d i 3
    pd_eq "$shape: ... and changed nothing" "$before" "$(val $G.4.$d) $(val $G.16.$d) $(val $G.13.$d)"
    expect_set "good + notWritable fails" 2c notWritable $G.4.$d s "half@example.org" $PA_PRTMIB.6.1.1.3.$d.1 i 3
    pd_eq "$shape: ... and changed nothing" "$before" "$(val $G.4.$d) $(val $G.16.$d) $(val $G.13.$d)"

    # ---- the read-only community cannot write ----
    pd_eq "$shape: SET with the read-only community -> noAccess" noAccess \
        "$(pa_set_status "$PA_ADDR" 2c public $G.4.$d s "ro@example.org")"
    pd_eq "$shape: ... and changed nothing" "$before" "$(val $G.4.$d) $(val $G.16.$d) $(val $G.13.$d)"

    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    pd_stop_pid "$PD_SNMPD_PID"
done

pd_finish
