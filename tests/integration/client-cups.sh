#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# client-cups.sh: CUPS's own backends read printdev, unmodified, in both
# shapes, both shipped profiles in one agent, each device read through a
# community mapped to its own context (device 1 there, see client-lib.sh):
#  - the `snmp` discovery backend lists the printer exactly once, as a
#    `network socket://127.0.0.1` line carrying the profile's IEEE 1284
#    device id (ppmPrinterIEEE1284DeviceId.1) and its make and model;
#  - the `socket` backend, printing a job with a PPD that says
#    `*cupsSNMPSupplies: True`, reports marker-names and marker-levels from
#    prtMarkerSuppliesTable and printer-state-reasons from
#    hrPrinterDetectedErrorState.1 as the device goes through tray empty,
#    toner low, jam, cover open, a tray pulled out, the output full and a
#    supply missing (driven on the feed with printdevctl).
# CUPS always asks UDP port 161, so the whole test runs in a private network
# namespace (loopback only) where snmpd binds 127.0.0.1:161 and a TCP sink
# plays the printer's raw port 9100.  CUPS reads its community from
# $CUPS_SERVERROOT/snmp.conf and caches supply tables in $CUPS_CACHEDIR:
# both are private to the test.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
. "$top_srcdir/tests/integration/client-lib.sh"

pc_netns_enter "$@"
pd_init client-cups
pa_init
pf_init
pa_need_shapes

# Debian's `cups` package ships the backends in backend-available and links
# the enabled ones into backend/.
CUPS_BACKEND_DIR=
for d in "${PC_CUPS_BACKENDS:-}" /usr/lib/cups/backend /usr/lib/cups/backend-available; do
    [ -n "$d" ] && [ -x "$d/snmp" ] && [ -x "$d/socket" ] && { CUPS_BACKEND_DIR=$d; break; }
done
[ -n "$CUPS_BACKEND_DIR" ] || pd_die "CUPS snmp/socket backends not found (Debian package cups; or set PC_CUPS_BACKENDS)"

HRERR=.1.3.6.1.2.1.25.3.5.1.2.1   # hrPrinterDetectedErrorState.1

pc_sink_start 9100

mkdir -p "$PD_TMP/cups"
printf 'This is a test job for the socket backend.\n' > "$PD_TMP/job.txt"
cat > "$PD_TMP/supplies.ppd" <<'EOF'
*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "PDTEST.PPD"
*Manufacturer: "printdev"
*Product: "(printdev test)"
*ModelName: "printdev test"
*ShortNickName: "printdev test"
*NickName: "printdev test"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsSNMPSupplies: True
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*DefaultFont: Courier
*Font Courier: Standard "(001.004)" Standard ROM
EOF

# cups_env RUN: the environment a CUPS scheduler gives its backends, with a
# private server root (snmp.conf) and a cache directory per RUN (the supply
# reader caches the supply table per address: each agent gets a fresh one).
cups_conf() {
    mkdir -p "$PD_TMP/cups/$1/cache"
    printf 'Address 127.0.0.1\nCommunity %s\n' "$PC_COMMUNITY" > "$PD_TMP/cups/$1/snmp.conf"
}

# cups_discover RUN: run the snmp backend against 127.0.0.1; stdout to
# RUN/discover.out.
cups_discover() {
    local dir="$PD_TMP/cups/$1"
    CUPS_SERVERROOT=$dir CUPS_CACHEDIR=$dir/cache CUPS_MAX_RUN_TIME=5 \
        pc_timeout 30 "$CUPS_BACKEND_DIR/snmp" 127.0.0.1 > "$dir/discover.out" 2> "$dir/discover.err"
}

# cups_print RUN STEP: print the job through the socket backend; its stderr
# (ATTR:/STATE: lines) to RUN/STEP.err.
cups_print() {
    local dir="$PD_TMP/cups/$1"
    env -i PATH="$PATH" CUPS_SERVERROOT="$dir" CUPS_CACHEDIR="$dir/cache" \
        DEVICE_URI="socket://127.0.0.1:9100" PPD="$PD_TMP/supplies.ppd" \
        CONTENT_TYPE=application/vnd.cups-raw FINAL_CONTENT_TYPE=application/vnd.cups-raw \
        PRINTER=printdev-test TMPDIR="$PD_TMP" \
        timeout -k 5 60 "$CUPS_BACKEND_DIR/socket" 1 tester job 1 "" "$PD_TMP/job.txt" \
        > "$dir/$2.out" 2> "$dir/$2.err"
}

# cups_attr FILE NAME: the last value the backend reported for ATTR NAME.
cups_attr() { sed -n "s/^ATTR: $2=//p" "$1" | tail -n 1; }

# cups_reasons FILE: the printer-state-reasons in force when the backend
# ended (each STATE: line adds + or removes - one keyword), sorted, space
# separated; the backend's own progress reasons (connecting-to-device,
# cups-*) are left out: they do not come from the printer.
cups_reasons() {
    awk '/^STATE: [+-]/ {
            k = substr($2, 2)
            if (substr($2, 1, 1) == "+") on[k] = 1; else delete on[k]
         }
         END { for (k in on) if (k != "connecting-to-device" && k !~ /^cups-/) print k }' "$1" |
        sort | tr '\n' ' ' | sed 's/ $//'
}

# expected_levels: marker-levels as CUPS computes them from the profile's
# supply rows (100 * level / max; filled receptacles count down; unknown
# level or capacity is -1) after the feed changes the test made
# ($LEVEL_<n> overrides).
expected_levels() {
    local n out= lvl max cls pct
    for n in $(pc_prof_rows printdevSupply); do
        eval "lvl=\${LEVEL_$n:-}"
        [ -n "$lvl" ] || lvl=$(pc_prof_field printdevSupply "$n" level)
        max=$(pc_prof_field printdevSupply "$n" max)
        cls=$(pc_prof_field printdevSupply "$n" class)
        if [ "${max:--2}" -gt 0 ] && [ "${lvl:--2}" -ge 0 ]; then
            pct=$(( 100 * lvl / max ))
            [ "$cls" = receptacleThatIsFilled ] && pct=$(( 100 - pct ))
        else
            pct=-1
        fi
        out="$out${out:+,}$pct"
    done
    echo "$out"
}

expected_names() {
    local n out=
    for n in $(pc_prof_rows printdevSupply); do
        out="$out${out:+,}'\"$(pc_prof_field printdevSupply "$n" description)\"'"
    done
    echo "$out"
}

# first_row TOKEN [KEY VALUE]: the lowest row of TOKEN (optionally whose KEY
# is VALUE).
first_row() {
    local n
    for n in $(pc_prof_rows "$1"); do
        if [ -z "${2:-}" ] || [ "$(pc_prof_field "$1" "$n" "$2")" = "$3" ]; then
            echo "$n"
            return
        fi
    done
}

for shape in $PA_SHAPES; do
    # one agent serves every shipped profile; each device is read through
    # its own SNMP context (client-lib.sh pc_select)
    if ! pc_start "$shape" 161; then
        pd_ok "$shape: agent starts on 127.0.0.1:161 in the namespace (every shipped profile)" false
        continue
    fi
    for prof in $(pa_profiles); do
        run=$shape-$prof
        t="$shape/$prof"
        pc_select "$prof"
        cups_conf "$run"
        ieee=$(pc_prof_value printdevIeee1284Id)

        # --- discovery ---
        cups_discover "$run"
        st=$?
        pd_eq "$t: snmp backend exits 0" 0 "$st"
        lines=$(grep -c '^network ' "$PD_TMP/cups/$run/discover.out")
        pd_eq "$t: snmp backend lists the printer once" 1 "$lines"
        line=$(grep '^network ' "$PD_TMP/cups/$run/discover.out" | head -n 1)
        # The URI is the printer's own (ppmPortServiceNameOrURI.1.1, the
        # profile's port 1), the id ppmPrinterIEEE1284DeviceId.1.
        uri=$(pc_prof_field printdevPort 1 uri)
        case $line in
            "network $uri "*"\"$ieee\""*) pd_ok "$t: network line: port 1's URI and the IEEE 1284 id" true ;;
            *) pd_ok "$t: network line: port 1's URI and the IEEE 1284 id" false
               printf '#   want: %s ... %s\n#   line: %s\n' "$uri" "$ieee" "$line"
               sed 's/^/#   /' "$PD_TMP/cups/$run/discover.err" | tail -n 5 ;;
        esac
        mfg=$(printf '%s\n' "$ieee" | sed -n 's/.*MFG:\([^;]*\);.*/\1/p')
        mdl=$(printf '%s\n' "$ieee" | sed -n 's/.*MDL:\([^;]*\);.*/\1/p')
        case $line in
            *"\"$mfg $mdl\""*) pd_ok "$t: make and model from the device id ($mfg $mdl)" true ;;
            *) pd_ok "$t: make and model from the device id ($mfg $mdl)" false; printf '#   line: %s\n' "$line" ;;
        esac

        # --- supplies and state, idle ---
        unset LEVEL_1 LEVEL_2 LEVEL_3 LEVEL_4 LEVEL_5 LEVEL_6 LEVEL_7 LEVEL_8 LEVEL_9
        cups_print "$run" idle
        st=$?
        pd_eq "$t: socket backend prints the job (exit 0)" 0 "$st"
        [ "$st" = 0 ] || sed 's/^/#   /' "$PD_TMP/cups/$run/idle.err" | tail -n 8
        pd_eq "$t: idle: marker-names" "$(expected_names)" "$(cups_attr "$PD_TMP/cups/$run/idle.err" marker-names)"
        pd_eq "$t: idle: marker-levels" "$(expected_levels)" "$(cups_attr "$PD_TMP/cups/$run/idle.err" marker-levels)"
        pd_eq "$t: idle: no printer-state-reasons" "" "$(cups_reasons "$PD_TMP/cups/$run/idle.err")"

        # --- every input tray empty ---
        for n in $(pc_prof_rows printdevInput); do pc_ctl -q set input "$n" level 0; done
        cups_print "$run" trays-empty
        pd_eq "$t: trays empty: reasons (hrPrinterDetectedErrorState $(pa_get "$PA_ADDR" $HRERR -v2c -c "$PC_COMMUNITY"))" \
            media-empty-warning "$(cups_reasons "$PD_TMP/cups/$run/trays-empty.err")"
        for n in $(pc_prof_rows printdevInput); do
            pc_ctl -q set input "$n" level "$(pc_prof_field printdevInput "$n" max)"
        done

        # --- toner low: the first toner supply at 3 % of its capacity ---
        ton=$(first_row printdevSupply type toner)
        max=$(pc_prof_field printdevSupply "$ton" max)
        eval "LEVEL_$ton=$(( 3 * max / 100 ))"
        eval "pc_ctl -q set supply $ton level \$LEVEL_$ton"
        cups_print "$run" toner-low
        pd_eq "$t: toner low: marker-levels" "$(expected_levels)" "$(cups_attr "$PD_TMP/cups/$run/toner-low.err" marker-levels)"
        pd_eq "$t: toner low: reasons" toner-low-report "$(cups_reasons "$PD_TMP/cups/$run/toner-low.err")"

        # --- jam (toner still low) ---
        pc_ctl -q jam 1
        cups_print "$run" jam
        pd_eq "$t: jam: reasons" "media-jam-warning toner-low-report" "$(cups_reasons "$PD_TMP/cups/$run/jam.err")"
        pc_ctl -q clear jam 1

        # --- cover open ---
        pc_ctl -q set supply "$ton" level "$(pc_prof_field printdevSupply "$ton" level)"
        eval "unset LEVEL_$ton"
        pc_ctl -q set cover "$(first_row printdevCover)" open
        cups_print "$run" cover
        pd_eq "$t: cover open: reasons" door-open-report "$(cups_reasons "$PD_TMP/cups/$run/cover.err")"
        pd_eq "$t: cover open: marker-levels back to the profile's" "$(expected_levels)" \
            "$(cups_attr "$PD_TMP/cups/$run/cover.err" marker-levels)"
        pc_ctl -q set cover "$(first_row printdevCover)" closed

        # --- a tray pulled out, the output full, a supply missing ---
        pc_ctl -q set input "$(first_row printdevInput)" missing yes
        cups_print "$run" tray-missing
        pd_eq "$t: tray missing: reasons" input-tray-missing-warning "$(cups_reasons "$PD_TMP/cups/$run/tray-missing.err")"
        pc_ctl -q set input "$(first_row printdevInput)" missing no
        pc_ctl -q set output "$(first_row printdevOutput)" full yes
        cups_print "$run" output-full
        pd_eq "$t: output full: reasons" output-area-full-warning "$(cups_reasons "$PD_TMP/cups/$run/output-full.err")"
        pc_ctl -q set output "$(first_row printdevOutput)" full no
        pc_ctl -q set supply "$ton" missing yes
        cups_print "$run" supply-missing
        pd_eq "$t: supply missing: reasons" marker-supply-missing-warning "$(cups_reasons "$PD_TMP/cups/$run/supply-missing.err")"
    done
    pc_stop
done

pd_finish
