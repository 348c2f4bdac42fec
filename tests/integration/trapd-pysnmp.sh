#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trapd-pysnmp.sh: printdev-trapd with a sender that is not Net-SNMP
# (pysnmp): v2c trap and inform, v3 authPriv (SHA/AES) trap and inform,
# each carrying a UTF-8 prtAlertDescription: one event each with the
# printer's own text, informs answered once stored.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
. "$top_srcdir/tests/integration/trapd-lib.sh"
pd_init trapd-pysnmp
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import pysnmp.hlapi' 2>/dev/null || pd_skip "python3-pysnmp4 not installed"
command -v sqlite3 >/dev/null || pd_skip "sqlite3 not installed"
[ -x "$TD_BIN" ] || pd_die "printdev-trapd not built"

port=$(pd_free_port udp)
CONF="$PD_TMP/trapd.conf"
DB="$PD_TMP/state/traps.db"
td_conf "$CONF" "$port" "authCommunity log $PT_COMMUNITY 127.0.0.1" \
    "createUser -e $PT_ENGINE $PT_V3USER SHA \"$PT_AUTHPASS\" AES \"$PT_PRIVPASS\"" \
    "createUser $PT_V3USER SHA \"$PT_AUTHPASS\" AES \"$PT_PRIVPASS\"" \
    "authUser log $PT_V3USER priv"
td_start "$CONF" -s off -w 0 || pd_die "printdev-trapd did not start"

send() {
    "$PY" "$top_srcdir/tests/integration/trapd-pysnmp.py" "$port" "$1" "$PT_COMMUNITY" \
        "$PT_V3USER" "$PT_AUTHPASS" "$PT_PRIVPASS" "${PT_ENGINE#0x}" 2>&1 | tail -n 1
}
pd_eq "pysnmp v2c trap" "sent" "$(send v2c-trap)"
pd_eq "pysnmp v2c inform answered" "answered" "$(send v2c-inform)"
pd_eq "pysnmp v3 authPriv trap" "sent" "$(send v3-trap)"
pd_eq "pysnmp v3 authPriv inform answered" "answered" "$(send v3-inform)"
pd_wait_for 10 sh -c "[ \$(sqlite3 '$DB' 'SELECT count(*) FROM events') -ge 4 ]"
text="critical: jam in mediaPath 1 on 127.0.0.1 - Papierstau in Fach 1 – bitte öffnen"
pd_eq "four events with the printer's own text" "v2c $PT_COMMUNITY $text
v2c $PT_COMMUNITY $text
v3 $PT_V3USER $text
v3 $PT_V3USER $text" "$(sqlite3 -separator ' ' "$DB" 'SELECT version, auth, text FROM events ORDER BY id')"
pd_finish
