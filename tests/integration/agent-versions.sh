#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-versions.sh: SNMPv1, v2c and v3 (authPriv, SHA/AES user created in
# the test config) see the same content, in both agent shapes.  v1 cannot
# carry Counter64 (RFC 3584 §4.2.2.1): the agent skips those objects in v1
# GETNEXT, so the v1 walk equals the v2c walk minus its Counter64 varbinds.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-versions
pa_init
pa_need_module
pa_need_shapes
prof=$(pa_fleet)
[ -n "$prof" ] || pd_skip "no profiles in conf/profiles"

for shape in $PA_SHAPES; do
    rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
    if ! pa_start_shape $shape "$prof"; then
        pd_ok "$shape: agent starts" false
        continue
    fi
    w2="$PD_TMP/$shape.v2c" w1="$PD_TMP/$shape.v1" w3="$PD_TMP/$shape.v3"
    pa_golden_walk "$PA_ADDR" > "$w2"
    pa_golden_walk "$PA_ADDR" -v1 -c public > "$w1" 2> "$w1.err"
    pa_golden_walk "$PA_ADDR" $PA_V3 > "$w3" 2> "$w3.err"

    pd_ok "$shape: v2c walk is not empty" grep -q "^$PA_PRTMIB\\.5\\.1\\.1\\." "$w2"
    pd_ok "$shape: v3 authPriv walk has no client errors" test ! -s "$w3.err"
    if diff -u "$w2" "$w3" > "$w3.diff"; then
        pd_ok "$shape: v3 authPriv walk equals the v2c walk ($(wc -l < "$w3") varbinds)" true
    else
        pd_ok "$shape: v3 authPriv walk equals the v2c walk" false
        head -n 20 "$w3.diff" | sed 's/^/#   /'
    fi

    pd_ok "$shape: v1 walk has no client errors" test ! -s "$w1.err"
    n64=$(grep -c '= Counter64:' "$w2")
    pd_log "$shape: $n64 Counter64 varbinds in the v2c walk"
    pd_ok "$shape: v1 walk has no Counter64" sh -c "! grep -q '= Counter64:' '$w1'"
    grep -v '= Counter64:' "$w2" > "$w2.no64"
    if diff -u "$w2.no64" "$w1" > "$w1.diff"; then
        pd_ok "$shape: v1 walk equals the v2c walk without Counter64 ($(wc -l < "$w1") varbinds)" true
    else
        pd_ok "$shape: v1 walk equals the v2c walk without Counter64" false
        head -n 20 "$w1.diff" | sed 's/^/#   /'
    fi
    # A v1 GET of a Counter64 object cannot be answered (RFC 3584 §4.2.2.1).
    c64=$(grep -m 1 '= Counter64:' "$w2" | sed 's/ = .*//')
    if [ -n "$c64" ]; then
        out=$(snmpget -v1 -c public $PA_COPTS "$PA_ADDR" "$c64" 2>&1)
        pd_ok "$shape: v1 GET of a Counter64 ($c64) -> noSuchName" \
            sh -c "printf '%s' \"\$1\" | grep -q '(noSuchName)'" sh "$out"
    fi
    # A plain v1 walk of the whole printmib (what CUPS-era tools do).
    pa_walk "$PA_ADDR" "$PA_PRTMIB" -v1 -c public > "$PD_TMP/$shape.v1-43" 2>&1
    pd_ok "$shape: v1 walk of 1.3.6.1.2.1.43 returns only printmib varbinds" \
        sh -c "test -s '$PD_TMP/$shape.v1-43' && ! grep -v '^\\$PA_PRTMIB\\.' '$PD_TMP/$shape.v1-43' | grep -q ."

    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    pd_stop_pid "$PD_SNMPD_PID"
done

pd_finish
