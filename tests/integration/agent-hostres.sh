#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-hostres.sh: our HOST-RESOURCES-MIB rows next to snmpd's own host
# module (RFC 2790; printer-mib-facts §4), in both agent shapes:
#   - hrDeviceTable walks strictly ordered; our devices are the rows
#     1..65535 and come first in every column; hrDeviceIndex.d = d,
#     hrDeviceType.d = hrDevicePrinter (1.3.6.1.2.1.25.3.1.5),
#     hrDeviceDescr.d is the profile's text, every device has an
#     hrPrinterTable row;
#   - snmpd's own rows (type*65536+n, e.g. processors at 196608) are all
#     still there, identical to a snmpd without printdev;
#   - hrPrinterDetectedErrorState is exactly 2 octets, bit 15 is never set,
#     and its bits agree with the alert table (RFC 3805 §2.2.13.2.1: toner
#     empty <-> noToner, toner low <-> lowToner, input empty <->
#     inputTrayEmpty/noPaper, jam <-> jammed, output full <-> outputFull,
#     ...); a critical alert means hrDeviceStatus down(5) -- for the shipped
#     profiles, a variant with conditions present at load, and live changes
#     through the feed socket (jam, cover, missing tray/cartridge, full bin,
#     then everything cleared again).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-hostres
pa_init
pa_need_module
pa_need_shapes
profiles=$(pa_profiles)
[ -n "$profiles" ] || pd_skip "no profiles in conf/profiles"
HRD=$PA_HRDEV.1
HRP=$PA_HRPRT.1
PRINTER_OID="OID: .1.3.6.1.2.1.25.3.1.5"

# host_rows: the host module's rows (index >= 65536) of the stable columns
# hrDeviceIndex, hrDeviceType, hrDeviceDescr and hrDeviceID.
host_rows() {
    pa_walk "$1" "$PA_HRDEV" | awk -F' = ' '{
        n = split($1, p, ".")
        if (p[n] + 0 >= 65536 && p[n - 1] + 0 <= 4) print }'
}

# Baseline: the same snmpd without printdev.
pa_conf_base "$PD_TMP/plain.conf"
PA_PORT=$(pd_free_port udp)
pd_start_snmpd "$PD_TMP/plain.conf" "udp:127.0.0.1:$PA_PORT" || pd_die "plain snmpd did not start"
host_rows "udp:127.0.0.1:$PA_PORT" > "$PD_TMP/host.base"
pd_ok "baseline snmpd has host-module device rows ($(wc -l < "$PD_TMP/host.base") cells)" test -s "$PD_TMP/host.base"
pd_stop_pid "$PD_SNMPD_PID"

# check_errstate ADDR: hrPrinterDetectedErrorState versus prtAlertTable.
check_errstate() {
    local a=$1 dev
    pa_walk "$a" "$PA_PRTMIB.18.1.1" > "$PD_TMP/alerts"
    for dev in $devs; do
        es=$(snmpget -v2c -c public -On -Ox "$a" "$HRP.2.$dev" | sed -n 's/^[^=]* = Hex-STRING: //p' | tr -d ' ')
        pd_eq "$label: hrPrinterDetectedErrorState.$dev is 2 octets ($es)" 4 "${#es}"
        [ "${#es}" -eq 4 ] || continue
        status=$(pa_get "$a" "$HRD.5.$dev")
        awk -v dev="$dev" -v es="$es" -v status="$status" -v label="$label" '
            function hex(s,   i, v, c) { v = 0; s = toupper(s)
                for (i = 1; i <= length(s); i++) { c = index("0123456789ABCDEF", substr(s, i, 1)) - 1; v = v * 16 + c }
                return v }
            function bit(mask) { return int(bits / mask) % 2 }
            function val(s) { sub(/^[A-Za-z0-9]*: /, "", s); return s + 0 }
            BEGIN { bits = hex(es); FS = " = " }
            {
                n = split($1, p, ".")
                if (p[n - 1] != dev) next
                col = p[n - 2]; ai = p[n]
                if (col == 2) sev[ai] = val($2)
                if (col == 4) grp[ai] = val($2)
                if (col == 5) gix[ai] = val($2)
                if (col == 7) code[ai] = val($2)
            }
            function has(g, c1, c2, c3, c4,   i) {
                for (i in code)
                    if ((g == 0 || grp[i] == g) && (code[i] == c1 || code[i] == c2 || code[i] == c3 || code[i] == c4)) return 1
                return 0 }
            function hasfull(   i) {
                for (i in code) if (grp[i] == 9 && (code[i] == 903 || code[i] == 15) && gix[i] <= 100) return 1
                return 0 }
            function chk(name, mask, cond) {
                if (bit(mask) != cond) { printf "#   %s: device %s: bit %s is %d but the alerts say %d\n", label, dev, name, bit(mask), cond; bad = 1 } }
            END {
                chk("noToner", 4096, has(11, 1101, 1102, 1103, 1114))
                chk("lowToner", 8192, has(11, 1104, 1105, 1106, 1113))
                chk("jammed", 1024, has(0, 8, 8, 8, 8))
                chk("doorOpen", 2048, has(0, 3, 5, 501, 18))
                chk("inputTrayMissing", 128, has(8, 801, 9, 801, 9))
                chk("outputTrayMissing", 64, has(9, 901, 9, 901, 9))
                chk("outputNearFull", 16, has(9, 902, 14, 902, 14))
                chk("outputFull", 8, hasfull())
                chk("markerSupplyMissing", 32, has(11, 1115, 9, 1115, 9))
                chk("lowPaper", 32768, has(8, 807, 12, 807, 12))
                empty = has(8, 808, 13, 808, 13)
                if (empty && !bit(4) && !bit(16384)) { printf "#   %s: device %s: input empty alert but neither inputTrayEmpty nor noPaper\n", label, dev; bad = 1 }
                if (!empty && (bit(4) || bit(16384))) { printf "#   %s: device %s: inputTrayEmpty/noPaper without an input empty alert\n", label, dev; bad = 1 }
                if (bit(1)) { printf "#   %s: device %s: unassigned bit 15 set\n", label, dev; bad = 1 }
                crit = 0; for (i in sev) if (sev[i] == 3) crit = 1
                if (crit && status != "INTEGER: 5") { printf "#   %s: device %s: critical alert but hrDeviceStatus %s\n", label, dev, status; bad = 1 }
                nal = 0; for (i in code) nal++
                printf "#   device %s: %d alerts, error state %s, %s\n", dev, nal, es, status
                exit bad
            }' "$PD_TMP/alerts"
        pd_ok "$label: hrPrinterDetectedErrorState.$dev agrees with the alert table" test $? -eq 0
    done
}

# A variant of the office profile with conditions present at load: black
# toner low, cyan toner empty, tray 1 low, output bin full, front cover open.
variant="$PD_TMP/office-alerts.conf"
if [ -f "$(pa_profile office)" ]; then
    sed -e 's/^printdevDevice 2 office-1/printdevDevice 3 office-alerts/' \
        -e '/description "Black Toner"/s/level 40/level 5/' \
        -e '/description "Cyan Toner"/s/level 20/level 0/' \
        -e '/name "Tray 1"/s/level 330/level 20/' \
        -e '/name "Internal Tray"/s/remaining 500/remaining 0/' \
        -e '/description "Front cover"/s/status coverClosed/status coverOpen/' \
        "$(pa_profile office)" > "$variant"
    if [ "$(diff "$(pa_profile office)" "$variant" | grep -c '^>')" -ne 6 ]; then
        pd_log "office profile changed shape; variant with alerts not used"
        variant=
    fi
else
    variant=
fi

for p in $profiles ${variant:+variant}; do
    if [ "$p" = variant ]; then pfile=$variant; else pfile=$(pa_profile "$p"); fi
    for shape in $PA_SHAPES; do
        label="$p ($shape)"
        rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
        if ! pa_start_shape $shape "$pfile"; then
            pd_ok "$label: agent starts" false
            continue
        fi
        a=$PA_ADDR
        devs=$(pa_devices "$a")
        first=$(echo "$devs" | head -n 1)
        pa_walk "$a" "$PA_HRDEV" > "$PD_TMP/hrdev" 2> "$PD_TMP/hrdev.err"
        pd_ok "$label: hrDeviceTable walk without client errors" test ! -s "$PD_TMP/hrdev.err"
        pd_ok "$label: hrDeviceTable OIDs strictly increasing" pa_oids_increasing < "$PD_TMP/hrdev"
        pa_walk "$a" "$PA_HRPRT" > "$PD_TMP/hrprt"
        pd_ok "$label: hrPrinterTable OIDs strictly increasing" pa_oids_increasing < "$PD_TMP/hrprt"
        for col in 1 2 3 4 5 6; do
            got=$(grep "^$HRD\\.$col\\." "$PD_TMP/hrdev" | head -n 1 | sed 's/ = .*//')
            pd_eq "$label: first row of hrDeviceTable column $col is ours" "$HRD.$col.$first" "$got"
        done
        for dev in $devs; do
            pd_eq "$label: hrDeviceIndex.$dev" "INTEGER: $dev" "$(pa_get "$a" "$HRD.1.$dev")"
            pd_eq "$label: hrDeviceType.$dev is hrDevicePrinter" "$PRINTER_OID" "$(pa_get "$a" "$HRD.2.$dev")"
            case $(pa_get "$a" "$HRP.1.$dev") in
                INTEGER:*) pd_ok "$label: hrPrinterStatus.$dev present" true ;;
                *) pd_ok "$label: hrPrinterStatus.$dev present" false ;;
            esac
        done
        descr=$(sed -n 's/^[[:space:]]*printdevDescr[[:space:]][[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$pfile" | head -n 1)
        if [ -n "$descr" ]; then
            pd_eq "$label: hrDeviceDescr.$first is the profile's text" "STRING: \"$descr\"" \
                "$(pa_get "$a" "$HRD.3.$first")"
        fi
        host_rows "$a" > "$PD_TMP/host.now"
        if cmp -s "$PD_TMP/host.base" "$PD_TMP/host.now"; then
            pd_ok "$label: snmpd's own hrDevice rows unchanged ($(wc -l < "$PD_TMP/host.now") cells)" true
        else
            pd_ok "$label: snmpd's own hrDevice rows unchanged" false
            diff "$PD_TMP/host.base" "$PD_TMP/host.now" | head -n 10 | sed 's/^/#   /'
        fi
        check_errstate "$a"
        if [ "$p" = variant ]; then
            n=$(grep -c "^$PA_PRTMIB\.18\.1\.1\.7\." "$PD_TMP/alerts")
            pd_ok "$label: the conditions at load raised alerts ($n)" test "$n" -ge 4
        fi
        [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
        PA_SUB_PID=
        pd_stop_pid "$PD_SNMPD_PID"
    done
done

# ---- live conditions through the feed ----
if [ -x "$top_builddir/printdevctl" ] && [ -x "$top_builddir/printdev-sim" ]; then
    . "$top_srcdir/tests/integration/feed-lib.sh"
    pf_init
    for shape in $PA_SHAPES; do
        label="feed ($shape)"
        rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
        PA_PORT=
        pf_start "$shape" "$(pa_fleet)" || { pd_ok "$label: agent with feed starts" false; continue; }
        a=$PA_ADDR
        devs=$(pa_devices "$a")
        for dev in $devs; do
            name=$(pa_get "$a" "$PA_DEVNAME.$dev" | sed -n 's/^STRING: "\(.*\)"$/\1/p')
            for cmd in "jam 1" "set cover 1 open" "set input 1 missing yes" "set supply 1 missing yes" \
                       "set output 1 full yes"; do
                # shellcheck disable=SC2086
                pf_ctl -q -d "$name" $cmd > /dev/null 2>&1 || pd_log "$label: $name: feed command failed: $cmd"
            done
        done
        label="feed ($shape), conditions set"
        check_errstate "$a"
        for dev in $devs; do
            es=$(snmpget -v2c -c public -On -Ox "$a" "$HRP.2.$dev" | sed -n 's/^[^=]* = Hex-STRING: //p' | tr -d ' ')
            pd_ok "$label: device $dev reports jammed and doorOpen ($es)" \
                test $(( 0x${es:-0} & 0x0c00 )) -eq 3072
        done
        for dev in $devs; do
            name=$(pa_get "$a" "$PA_DEVNAME.$dev" | sed -n 's/^STRING: "\(.*\)"$/\1/p')
            for cmd in "clear jam 1" "set cover 1 closed" "set input 1 missing no" "set supply 1 missing no" \
                       "set output 1 full no"; do
                # shellcheck disable=SC2086
                pf_ctl -q -d "$name" $cmd > /dev/null 2>&1 || pd_log "$label: $name: feed command failed: $cmd"
            done
        done
        label="feed ($shape), conditions cleared"
        check_errstate "$a"
        pf_stop
    done
fi

pd_finish
