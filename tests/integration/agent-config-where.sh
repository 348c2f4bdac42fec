#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-config-where.sh: printdev directives know their config file and
# line without reading Net-SNMP's log (glue_config_where.c reads the files
# the agent reads), in both shapes: the same bad line in the main file and
# in files pulled in by includeFile (relative) and includeDir is reported
# with each one's own FILE:LINE; a relative printdevProfile path resolves
# against the file it is written in; a [TYPE] prefix on the line works;
# after SIGHUP with lines inserted above, the new line numbers are used.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-config-where
pa_init
pa_need_shapes

ETC="$PD_TMP/etc"
mkdir -p "$ETC/profiles" "$ETC/conf.d" "$ETC/sub"
cp "$(pa_profile production)" "$ETC/profiles/p.conf"
BAD='printdevInput 1 bogusKey 3'

# line_of FILE DEVICE: the line of the bad input after "printdevDevice N DEVICE"
line_of() { awk -v d="$2" '$1 == "printdevDevice" && $3 == d { f = 1 } f && /bogusKey/ { print NR; exit }' "$1"; }

# write_conf FILE HEAD [APPTYPE]: HEAD (lines before ours), then our lines
write_conf() {
    {
        printf '%s' "$2"
        echo "printdevStateDir $PA_STATE"
        echo "printdevFeedSocket none"
        echo "printdevProfile profiles/p.conf"
        echo "printdevDevice 5 bad-main"
        echo "$BAD"
        echo "includeFile sub/more.conf"
        echo "includeDir $ETC/conf.d"
        echo "printdevDevice 8 bad-tail"
        echo "[$3] $BAD"
    } > "$1"
    printf '# included\n\nprintdevDevice 6 bad-sub\n%s\n' "$BAD" > "$ETC/sub/more.conf"
    printf 'printdevDevice 7 bad-dir\n%s\n' "$BAD" > "$ETC/conf.d/d.conf"
}

# check WHAT CONF LOG: every bad device is reported at its own FILE:LINE
check() {
    local what=$1 conf=$2 log=$3
    pd_ok "$what: relative printdevProfile resolved against its file (prod-1 registered)" \
        grep -q 'printdev: 1 device(s) registered' "$log"
    pd_ok "$what: bad-main at $conf:$(line_of "$conf" bad-main)" \
        grep -qF "device bad-main (index 5) not registered: $conf:$(line_of "$conf" bad-main): unknown key 'bogusKey'" "$log"
    pd_ok "$what: bad-sub at sub/more.conf:4 (includeFile, relative)" \
        grep -qF "device bad-sub (index 6) not registered: $ETC/sub/more.conf:4: unknown key" "$log"
    pd_ok "$what: bad-dir at conf.d/d.conf:2 (includeDir)" \
        grep -qF "device bad-dir (index 7) not registered: $ETC/conf.d/d.conf:2: unknown key" "$log"
    pd_ok "$what: bad-tail at $conf:$(line_of "$conf" bad-tail) ([TYPE] prefix)" \
        grep -qF "device bad-tail (index 8) not registered: $conf:$(line_of "$conf" bad-tail): unknown key" "$log"
    pd_ok "$what: no position unknown" sh -c "! grep -q '(config):0' '$log'"
}

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    PA_PORT=
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE"
    if [ "$shape" = dlmod ]; then
        CONF="$ETC/snmpd.conf"
        LOG="$PD_TMP/snmpd.log"
        pa_conf_base "$CONF"
        write_conf "$CONF.ours" "dlmod printdev $PA_SO
" snmpd
        cat "$CONF.ours" >> "$CONF"
        PA_PORT=$(pd_free_port udp)
        PA_ADDR="udp:127.0.0.1:$PA_PORT"
        pd_start_snmpd "$CONF" "$PA_ADDR" || { pd_ok "$shape: agent starts" false; continue; }
        PID=$PD_SNMPD_PID
    else
        CONF="$ETC/printdevd.conf"
        LOG="$PD_TMP/printdevd.log"
        pa_start_master || { pd_ok "$shape: master starts" false; continue; }
        write_conf "$CONF" "" printdevd
        pa_start_printdevd "$CONF" || { pd_ok "$shape: printdevd starts" false; continue; }
        PID=$PA_SUB_PID
    fi
    pd_ok "$shape: started" pd_wait_for 15 grep -q 'device(s) registered' "$LOG"
    check "$shape" "$CONF" "$LOG"

    # SIGHUP after inserting lines above ours: the new numbers
    : > "$LOG.before"
    cp "$LOG" "$LOG.before"
    sed -i "1i # inserted 1\\
# inserted 2\\
# inserted 3" "$CONF"
    n0=$(grep -c 'device(s) registered' "$LOG")
    kill -HUP "$PID"
    pd_ok "$shape: reloaded" pd_wait_for 15 sh -c "[ \$(grep -c 'device(s) registered' '$LOG') -gt $n0 ]"
    tail -n +"$(($(wc -l < "$LOG.before") + 1))" "$LOG" > "$LOG.after"
    check "$shape after SIGHUP" "$CONF" "$LOG.after"

    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    pd_stop_pid "$PD_SNMPD_PID"
    PD_SNMPD_PID=
done
pd_finish
