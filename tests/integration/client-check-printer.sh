#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# client-check-printer.sh: what a Nagios check_printer-style plugin reads,
# read the way it reads it: SNMPv1 (and v2c) GETs of device 1 with the
# Net-SNMP tools -- hrDeviceDescr.1, hrPrinterStatus.1,
# hrPrinterDetectedErrorState.1, prtMarkerSuppliesDescription/Level/
# MaxCapacity.1.x -- and a walk of prtAlertTable.  Both shapes, both
# shipped profiles in one agent, each device read as device 1 of its own
# context through a community mapped to it (client-lib.sh).  The values are
# checked against the profile at start (idle, no error bit, no alert,
# every supply's text and level) and after the feed drives the device into
# toner low and a jam (RFC 3805 2.2.13.2: the error bits, hrPrinterStatus
# and the alert rows with their group, index, code, severity and text); the
# plugin's verdict (OK / WARNING / CRITICAL, Nagios exit codes) follows.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
. "$top_srcdir/tests/integration/client-lib.sh"

pd_init client-check-printer
pa_init
pf_init
pa_need_shapes

HRDESCR=.1.3.6.1.2.1.25.3.2.1.3.1
HRSTATUS=.1.3.6.1.2.1.25.3.5.1.1.1
HRERR=.1.3.6.1.2.1.25.3.5.1.2.1
SUP=.1.3.6.1.2.1.43.11.1.1              # prtMarkerSuppliesEntry
ALERT=.1.3.6.1.2.1.43.18.1.1            # prtAlertEntry

# cp_get VERSION OID: one value, as the plugin reads it.
cp_get() {
    snmpget -v"$1" -c "$PC_COMMUNITY" -On -Oe -OU -Ov -t 5 -r 1 "$PA_ADDR" "$2" 2>&1 | sed 's/[[:space:]]*$//'
}

# cp_errbits VERSION: hrPrinterDetectedErrorState.1 as an integer (first two
# octets, RFC 3805 bit 0 = 0x8000).
cp_errbits() {
    local h
    h=$(cp_get "$1" $HRERR | sed -n 's/^Hex-STRING: //p' | tr -d ' ')
    [ -n "$h" ] || { cp_get "$1" $HRERR | grep -q '^""$' && echo 0; return; }
    h=$(printf '%s0000' "$h" | cut -c1-4)
    echo $(( 0x$h ))
}

# check_printer VERSION: the plugin.  Prints one status line; returns 0 OK,
# 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios).
check_printer() {
    local v=$1 descr status bits n lvl max d rc=0 msg= sup=
    descr=$(cp_get "$v" $HRDESCR | sed -n 's/^STRING: "\(.*\)"$/\1/p')
    status=$(cp_get "$v" $HRSTATUS | sed -n 's/^INTEGER: //p')
    bits=$(cp_errbits "$v")
    if [ -z "$descr" ] || [ -z "$status" ] || [ -z "$bits" ]; then
        echo "UNKNOWN - device 1 does not answer as a printer"
        return 3
    fi
    # critical: noPaper noToner doorOpen jammed offline serviceRequested
    # inputTrayMissing outputTrayMissing markerSupplyMissing outputFull
    # warning: lowPaper lowToner outputNearFull overduePreventMaint
    [ $(( bits & 0x5FE8 )) -ne 0 ] && { rc=2; msg="$msg errors=$(printf '0x%04x' "$bits")"; }
    [ $rc -eq 0 ] && [ $(( bits & 0xA012 )) -ne 0 ] && { rc=1; msg="$msg warnings=$(printf '0x%04x' "$bits")"; }
    for n in $(snmpwalk -v"$v" -c "$PC_COMMUNITY" -On -t 5 -r 1 "$PA_ADDR" "$SUP.9.1" 2>/dev/null |
               sed -n "s/^\\$SUP\\.9\\.1\\.\\([0-9]*\\) = .*/\\1/p"); do
        lvl=$(cp_get "$v" "$SUP.9.1.$n" | sed -n 's/^INTEGER: //p')
        max=$(cp_get "$v" "$SUP.8.1.$n" | sed -n 's/^INTEGER: //p')
        d=$(cp_get "$v" "$SUP.6.1.$n" | sed -n 's/^STRING: "\(.*\)"$/\1/p')
        sup="$sup; $d $lvl/$max"
    done
    case $rc in 0) echo "OK - $descr status=$status$msg$sup" ;;
                1) echo "WARNING - $descr status=$status$msg$sup" ;;
                2) echo "CRITICAL - $descr status=$status$msg$sup" ;; esac
    return $rc
}

# alerts: prtAlertTable of device 1 as "index group groupIndex code
# severity|description" lines.
alerts() {
    pa_walk "$PA_ADDR" "$ALERT" -v2c -c "$PC_COMMUNITY" > "$PD_TMP/alerts.walk"
    awk -F' = ' -v base="$ALERT" '
        index($1, base ".") == 1 {
            rest = substr($1, length(base) + 2); split(rest, p, ".")
            if (p[2] != 1) next
            v = $2; sub(/^[A-Za-z0-9-]+: /, "", v); gsub(/^"|"$/, "", v)
            col[p[3], p[1]] = v; idx[p[3]] = 1
        }
        END { for (i in idx) print i, col[i, 4], col[i, 5], col[i, 7], col[i, 2] "|" col[i, 8] }' \
        "$PD_TMP/alerts.walk" | sort -n
}

expected_supplies() {
    local n out=
    for n in $(pc_prof_rows printdevSupply); do
        out="$out; $(pc_prof_field printdevSupply "$n" description) ${LEVEL:-$(pc_prof_field printdevSupply "$n" level)}/$(pc_prof_field printdevSupply "$n" max)"
        LEVEL=
    done
    echo "$out"
}

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
        descr=$(pc_prof_value printdevDescr)

        # --- idle, as the profile says ---
        for v in 1 2c; do
            out=$(check_printer $v)
            rc=$?
            pd_eq "$t: v$v idle: OK, the profile's description and supplies" \
                "0 OK - $descr status=3$(expected_supplies)" "$rc $out"
        done
        pd_eq "$t: idle: hrPrinterDetectedErrorState.1 no bit set" 0 "$(cp_errbits 1)"
        pd_eq "$t: idle: prtAlertTable empty" "" "$(alerts)"

        # --- toner low: the first toner supply at its low threshold - 1 % ---
        ton=$(for n in $(pc_prof_rows printdevSupply); do
                  [ "$(pc_prof_field printdevSupply "$n" type)" = toner ] && { echo "$n"; break; }
              done)
        max=$(pc_prof_field printdevSupply "$ton" max)
        low=$(pc_prof_field printdevSupply "$ton" low)
        [ -n "$low" ] || low=$(sed -n 's/^printdevRules.* tonerLow \([0-9]*\).*/\1/p' "$PC_PROFILE")
        [ -n "$low" ] || low=10
        tlevel=$(( (low - 1) * max / 100 ))
        pc_ctl -q set supply "$ton" level "$tlevel"
        bits=$(cp_errbits 1)
        pd_eq "$t: toner low: lowToner (0x2000) is the only bit set" 8192 "$bits"
        pd_eq "$t: toner low: hrPrinterStatus.1 still idle(3)" "INTEGER: 3" "$(cp_get 1 $HRSTATUS)"
        out=$(check_printer 1)
        rc=$?
        pd_eq "$t: toner low: the plugin warns" 1 "$rc"
        case $out in *"; $(pc_prof_field printdevSupply "$ton" description) $tlevel/$max"*) ok=true ;; *) ok=false ;; esac
        pd_ok "$t: toner low: the plugin shows the supply's new level ($out)" $ok
        a=$(alerts)
        pd_eq "$t: toner low: one alert row" 1 "$(printf '%s\n' "$a" | grep -c .)"
        set -- $a
        pd_eq "$t: toner low: alert names supply $ton (group 11), warningBinaryChangeEvent(5)" "11 $ton 5" "$2 $3 ${5%%|*}"
        case $4 in 1101|1104) ok=true ;; *) ok=false ;; esac
        pd_ok "$t: toner low: code tonerLow(1101) or markerTonerAlmostEmpty(1104) (got $4)" $ok
        pd_ok "$t: toner low: the alert has a text (${a#*|})" test -n "${a#*|}"

        # --- jam ---
        pc_ctl -q jam 1
        bits=$(cp_errbits 2c)
        pd_eq "$t: jam: jammed (0x0400) and lowToner set" $(( 0x2400 )) "$(( bits & 0x2400 ))"
        pd_eq "$t: jam: hrPrinterStatus.1 other(1) (RFC 3805 2.2.13.2)" "INTEGER: 1" "$(cp_get 2c $HRSTATUS)"
        out=$(check_printer 2c)
        rc=$?
        pd_eq "$t: jam: the plugin is critical" 2 "$rc"
        jam=$(alerts | awk '$4 == 8')
        pd_eq "$t: jam: one jam(8) alert row" 1 "$(printf '%s\n' "$jam" | grep -c .)"
        set -- $jam
        pd_eq "$t: jam: critical(3), media path group (13) path 1" "13 1 3" "$2 $3 ${5%%|*}"
        pd_ok "$t: jam: the alert has a text (${jam#*|})" test -n "${jam#*|}"

        # --- back to the profile ---
        pc_ctl -q clear jam 1
        pc_ctl -q set supply "$ton" level "$(pc_prof_field printdevSupply "$ton" level)"
        out=$(check_printer 1)
        rc=$?
        pd_eq "$t: cleared: OK again" "0 OK - $descr status=3$(expected_supplies)" "$rc $out"
    done
    pc_stop
done

pd_finish
