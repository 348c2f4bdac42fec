#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trap-handler.sh: a real snmptrapd, configured with the shipped
# printdev-snmptrapd.conf (port moved to a free loopback port, paths into a
# private temp dir, the SNMPv3 example filled in), runs printdev-traphandle
# for printer alerts sent as SNMPv1 trap, v2c trap, v3 authPriv trap and
# v2c inform.  Asserted exactly: the handler's stdout lines, the JSON Lines
# file, the syslog datagrams (received on a test socket standing in for
# /dev/log), the fleet state shown by printdev-alerts (table and --json),
# the event filters, and an exec action whose argument holds shell syntax.
# Then a printer alert whose description carries C1 controls (U+009B CSI as
# UTF-8, and a raw 0x9B byte) reaches no output raw: stdout, syslog, JSON
# Lines, an action's argv and environment, printdev-alerts (table, JSON,
# events); and a trap value "-rf" after "--" in an action template arrives
# as a literal operand.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
pd_init trap-handler
[ -x "$SNMPTRAPD" ] || pd_skip "snmptrapd not installed"
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"

H="$top_builddir/printdev-traphandle"
A="$top_builddir/printdev-alerts"
SINK="$top_builddir/tests/integration/trap-syslog-sink"
DB="$PD_TMP/state/traps.db"
JL="$PD_TMP/state/events.jsonl"
port=$(pd_free_port udp)

# stand-in syslog daemon
"$SINK" "$PD_TMP/log.sock" "$PD_TMP/syslog.txt" &
pd_track $!
pd_wait_for 5 test -f "$PD_TMP/syslog.txt" || pd_die "syslog sink did not start"

# rules: name the printer, run an action for jams (argument with shell
# syntax), one that records its argv and environment for tray-missing
# alerts, and one that puts a trap value after "--"
mkdir -p "$PD_TMP/act" "$PD_TMP/etc" "$PD_TMP/c1"
: > "$PD_TMP/act/keep"
cat > "$PD_TMP/c1/record" <<'EOF'
#!/bin/sh
{ for a in "$@"; do printf 'arg:%s\n' "$a"; done; printf 'env:%s\n' "$PRINTDEV_TEXT"; } > "${0%/*}/argv.txt"
EOF
chmod 0755 "$PD_TMP/c1/record"
cat > "$PD_TMP/etc/trap-rules.conf" <<EOF
device 127.0.0.1/32 prod-1
rule jam-action
    trap 1.3.6.1.2.1.43.18.2.0.1
    varbind 1.3.6.1.2.1.43.18.1.1.7.* = 8
    exec timeout=5 /usr/bin/touch "$PD_TMP/act/jam-\$device;rm -rf keep"
end
rule record-action
    trap 1.3.6.1.2.1.43.18.2.0.1
    varbind 1.3.6.1.2.1.43.18.1.1.7.* = 801
    exec timeout=5 $PD_TMP/c1/record -- \$text
end
rule dash-action
    trap 1.3.6.1.4.1.99999.0.1
    exec timeout=5 /bin/ln -s -- \$1 $PD_TMP/c1/dash-link
end
EOF

pt_trapd_conf "$PD_TMP/snmptrapd.conf" "$port" "$H" \
    -r "$PD_TMP/etc/trap-rules.conf" -o -s local3 -L "$PD_TMP/log.sock"
pd_start_snmptrapd "$PD_TMP/snmptrapd.conf" "udp:127.0.0.1:$port" > "$PD_TMP/handler.out" ||
    pd_die "snmptrapd did not start"

# 1 jam (v1), 2 coverOpen (v2c), 3 toner empty on device 2 (v3 authPriv),
# 4 removal of alert 5 (inform), 5 coverClosed: trailing edge of 2 (v2c)
pt_printer_alert "$port" v1 1 5 3 13 1 4001 8
pt_printer_alert "$port" v2c 1 6 3 6 2 -2 3
pt_printer_alert "$port" v3 2 7 5 11 1 -2 1101
pt_printer_alert "$port" inform 1 8 4 18 5 -2 1801
pt_printer_alert "$port" v2c 1 9 4 6 2 -2 4
pt_wait_lines "$JL" 5 20 || pd_log "only $(wc -l < "$JL" 2>/dev/null) JSON lines"
pt_wait_lines "$PD_TMP/syslog.txt" 5 5

S="(source 127.0.0.1, trap 1.3.6.1.2.1.43.18.2.0.1)"
pd_eq "handler stdout: one escaped line per event" "\
critical prod-1 [printer-alert] critical: jam in mediaPath 1 (location 4001) on prod-1 $S
critical prod-1 [printer-alert] critical: coverOpen in cover 2 on prod-1 $S
warning prod-1 [printer-alert] warningBinaryChangeEvent: markerTonerEmpty in markerSupplies 1 on prod-1 printer 2 $S
info prod-1 [printer-alert] cleared: jam in mediaPath 1 (location 4001) on prod-1 (alert 5) $S
info prod-1 [printer-alert] warning: coverClosed in cover 2 on prod-1 $S" \
    "$(cat "$PD_TMP/handler.out")"

pd_eq "syslog: priority local3|severity, ident, same text" "\
<154>STAMP printdev-traphandle[PID]: critical prod-1 [printer-alert] critical: jam in mediaPath 1 (location 4001) on prod-1 $S
<154>STAMP printdev-traphandle[PID]: critical prod-1 [printer-alert] critical: coverOpen in cover 2 on prod-1 $S
<156>STAMP printdev-traphandle[PID]: warning prod-1 [printer-alert] warningBinaryChangeEvent: markerTonerEmpty in markerSupplies 1 on prod-1 printer 2 $S
<158>STAMP printdev-traphandle[PID]: info prod-1 [printer-alert] cleared: jam in mediaPath 1 (location 4001) on prod-1 (alert 5) $S
<158>STAMP printdev-traphandle[PID]: info prod-1 [printer-alert] warning: coverClosed in cover 2 on prod-1 $S" \
    "$(pt_norm < "$PD_TMP/syslog.txt")"

P=1.3.6.1.2.1.43.18.1.1
vb() { # OID TYPE VALUE
    printf '{"oid":"%s","type":"%s","value":"%s"}' "$1" "$2" "$3"
}
alert_vbs() { # D A SEV GROUP GI LOC CODE
    printf '%s,%s,%s,%s,%s,%s' "$(vb $P.1.$1.$2 INTEGER $2)" "$(vb $P.2.$1.$2 INTEGER $3)" \
        "$(vb $P.4.$1.$2 INTEGER $4)" "$(vb $P.5.$1.$2 INTEGER $5)" \
        "$(vb $P.6.$1.$2 INTEGER $6)" "$(vb $P.7.$1.$2 INTEGER $7)"
}
V2HEAD="$(vb 1.3.6.1.2.1.1.3.0 Timeticks UPTIME),$(vb 1.3.6.1.6.3.1.1.4.1.0 OID 1.3.6.1.2.1.43.18.2.0.1)"
E='"time":"TIME","source":"127.0.0.1","device":"prod-1"'
T='"trap_oid":"1.3.6.1.2.1.43.18.2.0.1","trap_name":"printerV2Alert"'
pd_eq "JSON Lines: one exact object per event" "\
{$E,\"severity\":\"critical\",\"category\":\"printer-alert\",\"text\":\"critical: jam in mediaPath 1 (location 4001) on prod-1\",$T,\"version\":\"v1\",\"pdu\":\"trap\",\"community\":\"$PT_COMMUNITY\",\"rule\":\"jam-action\",\"varbinds\":[$(alert_vbs 1 5 3 13 1 4001 8)],\"alert\":{\"op\":\"add\",\"dev_index\":1,\"alert_index\":5,\"severity_level\":3,\"severity_name\":\"critical\",\"group\":13,\"group_name\":\"mediaPath\",\"group_index\":1,\"location\":4001,\"code\":8,\"code_name\":\"jam\"}}
{$E,\"severity\":\"critical\",\"category\":\"printer-alert\",\"text\":\"critical: coverOpen in cover 2 on prod-1\",$T,\"version\":\"v2c\",\"pdu\":\"trap2\",\"community\":\"$PT_COMMUNITY\",\"varbinds\":[$V2HEAD,$(alert_vbs 1 6 3 6 2 -2 3)],\"alert\":{\"op\":\"add\",\"dev_index\":1,\"alert_index\":6,\"severity_level\":3,\"severity_name\":\"critical\",\"group\":6,\"group_name\":\"cover\",\"group_index\":2,\"location\":-2,\"code\":3,\"code_name\":\"coverOpen\"}}
{$E,\"severity\":\"warning\",\"category\":\"printer-alert\",\"text\":\"warningBinaryChangeEvent: markerTonerEmpty in markerSupplies 1 on prod-1 printer 2\",$T,\"version\":\"v3\",\"pdu\":\"trap2\",\"user\":\"$PT_V3USER\",\"varbinds\":[$V2HEAD,$(alert_vbs 2 7 5 11 1 -2 1101)],\"alert\":{\"op\":\"add\",\"dev_index\":2,\"alert_index\":7,\"severity_level\":5,\"severity_name\":\"warningBinaryChangeEvent\",\"group\":11,\"group_name\":\"markerSupplies\",\"group_index\":1,\"location\":-2,\"code\":1101,\"code_name\":\"markerTonerEmpty\"}}
{$E,\"severity\":\"info\",\"category\":\"printer-alert\",\"text\":\"cleared: jam in mediaPath 1 (location 4001) on prod-1 (alert 5)\",$T,\"version\":\"v2c\",\"pdu\":\"inform\",\"community\":\"$PT_COMMUNITY\",\"varbinds\":[$V2HEAD,$(alert_vbs 1 8 4 18 5 -2 1801)],\"alert\":{\"op\":\"remove\",\"dev_index\":1,\"alert_index\":8,\"removed_index\":5,\"severity_level\":4,\"severity_name\":\"warning\",\"group\":18,\"group_name\":\"alert\",\"group_index\":5,\"location\":-2,\"code\":1801,\"code_name\":\"alertRemovalOfBinaryChangeEntry\"}}
{$E,\"severity\":\"info\",\"category\":\"printer-alert\",\"text\":\"warning: coverClosed in cover 2 on prod-1\",$T,\"version\":\"v2c\",\"pdu\":\"trap2\",\"community\":\"$PT_COMMUNITY\",\"varbinds\":[$V2HEAD,$(alert_vbs 1 9 4 6 2 -2 4)],\"alert\":{\"op\":\"remove\",\"dev_index\":1,\"alert_index\":9,\"severity_level\":4,\"severity_name\":\"warning\",\"group\":6,\"group_name\":\"cover\",\"group_index\":2,\"location\":-2,\"code\":4,\"code_name\":\"coverClosed\"}}" \
    "$(pt_norm < "$JL" | sed -E 's/"value":"0:[0-9]+:[0-9]+:[0-9]+\.[0-9]+"/"value":"UPTIME"/g')"

pd_eq "JSON Lines file mode 0640" "640" "$(stat -c %a "$JL")"
pd_eq "database file mode 0640" "640" "$(stat -c %a "$DB")"

# fleet state: 5 removed by the 1801 entry, 6 by coverClosed; 7 remains
pd_eq "printdev-alerts --json: exactly the remaining alert" '[
  {
    "device": "prod-1",
    "source": "127.0.0.1",
    "dev_index": 2,
    "alert_index": 7,
    "severity": "warning",
    "group": 11,
    "group_name": "markerSupplies",
    "group_index": 1,
    "location": -2,
    "code": 1101,
    "code_name": "markerTonerEmpty",
    "text": "warningBinaryChangeEvent: markerTonerEmpty in markerSupplies 1 on prod-1 printer 2",
    "since": "TIME",
    "last_seen": "TIME",
    "age_s": N
  }
]' "$("$A" -d "$DB" --json | pt_norm | sed -E 's/"age_s": [0-9]+/"age_s": N/')"

pd_eq "printdev-alerts table" "prod-1 (127.0.0.1)
  DEV ALERT  SEVERITY  AGE     SINCE                 LAST SEEN             TEXT
  2   7      warning   AGE     DATE  DATE  warningBinaryChangeEvent: markerTonerEmpty in markerSupplies 1 on prod-1 printer 2" \
    "$("$A" -d "$DB" | sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}Z/DATE/g' \
        -e 's/ [0-9]+(s|m[0-9]{2}s) +DATE/ AGE     DATE/')"

pd_eq "events --severity critical" "critical: jam in mediaPath 1 (location 4001) on prod-1
critical: coverOpen in cover 2 on prod-1" \
    "$("$A" -d "$DB" events --severity critical --json | sed -n 's/^    "text": "\(.*\)",$/\1/p')"
pd_eq "events --limit 2 (newest, oldest first; a removal names what it cleared, as logged)" "cleared: jam in mediaPath 1 (location 4001) on prod-1 (alert 5)
warning: coverClosed in cover 2 on prod-1" \
    "$("$A" -d "$DB" events --limit 2 --json | sed -n 's/^    "text": "\(.*\)",$/\1/p')"
pd_eq "events --since 1h --device prod-1: all five" "5" \
    "$("$A" -d "$DB" events --since 1h --device prod-1 --json | grep -c '"id":')"
pd_eq "events --device other: none" "no events" "$("$A" -d "$DB" events --device other)"
pd_eq "events: auth column holds community or user" "$PT_COMMUNITY
$PT_COMMUNITY
$PT_V3USER
$PT_COMMUNITY
$PT_COMMUNITY" "$("$A" -d "$DB" events --json | sed -n 's/^    "auth": "\(.*\)",$/\1/p')"

# exit codes
"$A" -d "$PD_TMP/missing.db" >/dev/null 2>&1
pd_eq "printdev-alerts: no database -> 1" 1 $?
"$A" -d "$DB" bogus >/dev/null 2>&1
pd_eq "printdev-alerts: unknown command -> 2" 2 $?
"$A" -d "$DB" events --since yesterday >/dev/null 2>&1
pd_eq "printdev-alerts: bad --since -> 2" 2 $?
"$A" -d "$DB" events --severity fatal >/dev/null 2>&1
pd_eq "printdev-alerts: bad --severity -> 2" 2 $?

# the action ran once, for the jam, with its argument as one literal word
pd_eq "action: argument passed literally, nothing removed" \
    "jam-prod-1;rm -rf keep
keep" "$(ls -1 "$PD_TMP/act")"

# ---- C1 controls: a tray-missing alert (801) whose prtAlertDescription
# holds U+009B (CSI, C2 9B in UTF-8) and U+0085 (NEL); a raw 0x9B byte makes
# a text invalid UTF-8 as a whole, shown as hex (test_trap_translate)
C1DESC=$(printf 'tray \302\233[31m nel \302\205 end')
snmptrap -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 \
    $P.2.1.20 i 3 $P.4.1.20 i 8 $P.5.1.20 i 1 $P.6.1.20 i -2 $P.7.1.20 i 801 \
    $P.8.1.20 s "$C1DESC"
pt_wait_lines "$JL" 6 20 || pd_log "only $(wc -l < "$JL" 2>/dev/null) JSON lines"
pt_wait_lines "$PD_TMP/syslog.txt" 6 5
pd_wait_for 10 test -s "$PD_TMP/c1/argv.txt" || pd_log "the recording action did not run"
"$A" -d "$DB" > "$PD_TMP/c1/alerts.txt" 2>&1
"$A" -d "$DB" --json > "$PD_TMP/c1/alerts.json" 2>&1
"$A" -d "$DB" events > "$PD_TMP/c1/events.txt" 2>&1

# Bytes 0x80..0x9F: C1 controls, or CSI in an 8-bit charset.  Nothing else
# in these outputs is outside ASCII.
C1RAW=$(printf '[\200-\237]')
for f in handler.out syslog.txt state/events.jsonl c1/argv.txt c1/alerts.txt c1/alerts.json \
    c1/events.txt; do
    pd_eq "C1: $f has no raw C1 control or 0x9B byte" 0 \
        "$(LC_ALL=C grep -c "$C1RAW" "$PD_TMP/$f")"
done
C1TEXT='critical: inputMediaTrayMissing in input 1 on prod-1 - tray \xc2\x9b[31m nel \xc2\x85 end'
pd_eq "C1: handler stdout, escaped" "critical prod-1 [printer-alert] $C1TEXT $S" \
    "$(tail -n 1 "$PD_TMP/handler.out")"
pd_eq "C1: syslog, escaped" \
    "<154>STAMP printdev-traphandle[PID]: critical prod-1 [printer-alert] $C1TEXT $S" \
    "$(tail -n 1 "$PD_TMP/syslog.txt" | pt_norm)"
pd_eq "C1: action argv and PRINTDEV_TEXT, escaped" "arg:--
arg:$C1TEXT
env:$C1TEXT" "$(cat "$PD_TMP/c1/argv.txt")"
pd_ok "C1: printdev-alerts table shows the escaped text" grep -qF "$C1TEXT" "$PD_TMP/c1/alerts.txt"
pd_ok "C1: printdev-alerts events shows the escaped text" grep -qF "$C1TEXT" "$PD_TMP/c1/events.txt"

# ---- "--" in an action template: a trap value "-rf" is an operand of ln,
# not its options (-r -f); snmptrap itself needs "--" to send it
snmptrap -v2c -c "$PT_COMMUNITY" -- "127.0.0.1:$port" '' 1.3.6.1.4.1.99999.0.1 \
    1.3.6.1.4.1.99999.1 s -rf
pd_ok "dash: the action ran" pd_wait_for 20 test -L "$PD_TMP/c1/dash-link"
pd_eq "dash: -rf after -- arrived literally (symlink target)" "-rf" \
    "$(readlink "$PD_TMP/c1/dash-link")"

pd_finish
