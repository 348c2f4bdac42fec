#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-golden.sh: for every shipped profile (conf/profiles/*.conf), the
# normalised walk of our cells (hrDevice/hrPrinter rows 1..65535, printmib
# 1.3.6.1.2.1.43, the Port Monitor MIB 1.3.6.1.4.1.2699.1.2 and PRINTDEV-MIB
# 1.3.6.1.4.1.8072.9999.4300) equals tests/golden/<profile>.walk, served by
# snmpd with the dlmod and by a master snmpd + printdevd over AgentX: one
# golden file for both shapes.  Regenerate with tools/update-golden.sh after
# checking the difference by hand.  Every shipped profile starts as an idle
# printer: no prtAlertTable row, hrPrinterDetectedErrorState 00 00.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-golden
pa_init
pa_need_module
pa_need_shapes

profiles=$(pa_profiles)
[ -n "$profiles" ] || pd_skip "no profiles in conf/profiles"

for p in $profiles; do
    golden="$top_srcdir/tests/golden/$p.walk"
    for shape in $PA_SHAPES; do
        rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
        out="$PD_TMP/$p.$shape.walk"
        if ! pa_start_shape $shape "$(pa_profile "$p")"; then
            pd_ok "$p ($shape): agent starts" false
            continue
        fi
        pa_golden_walk "$PA_ADDR" > "$out" 2> "$out.err"
        pd_ok "$p ($shape): walk completes without client errors" test ! -s "$out.err"
        [ -s "$out.err" ] && sed 's/^/#   /' "$out.err" | head -n 5
        pd_ok "$p ($shape): OIDs strictly increasing" pa_oids_increasing < "$out"
        if [ ! -f "$golden" ]; then
            pd_ok "$p ($shape): golden file tests/golden/$p.walk exists (tools/update-golden.sh)" false
        elif pa_strip_comments "$golden" | diff -u - "$out" > "$out.diff"; then
            pd_ok "$p ($shape): walk equals tests/golden/$p.walk ($(wc -l < "$out") varbinds)" true
        else
            pd_ok "$p ($shape): walk equals tests/golden/$p.walk" false
            head -n 40 "$out.diff" | sed 's/^/#   /'
        fi
        # a shipped profile is an idle printer: no alert, no error bit, as
        # real printers in that state answer
        pd_ok "$p ($shape): starts with no alert" \
            sh -c "! grep -q '^\\.1\\.3\\.6\\.1\\.2\\.1\\.43\\.18\\.1\\.1\\.' '$out'"
        pd_ok "$p ($shape): hrPrinterDetectedErrorState 00 00" \
            grep -Eq '^\.1\.3\.6\.1\.2\.1\.25\.3\.5\.1\.2\.[0-9]+ = Hex-STRING: 00 00 *$' "$out"
        [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
        PA_SUB_PID=
        pd_stop_pid "$PD_SNMPD_PID"
    done
done

# Every golden file belongs to a shipped profile (none left behind).
for g in "$top_srcdir"/tests/golden/*.walk; do
    [ -f "$g" ] || continue
    n=$(basename "$g" .walk)
    pd_ok "tests/golden/$n.walk has a profile conf/profiles/$n.conf" test -f "$(pa_profile "$n")"
done

pd_finish
