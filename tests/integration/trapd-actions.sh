#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trapd-actions.sh: exec actions never hold up receiving.  A rule runs a
# slow program (sleep 3, killed after its 1 s timeout) for every
# printerV2Alert; printdevActionQueue is 4.  A burst of 200 alerts is
# stored at once and an inform sent meanwhile is answered at once; the
# actions beyond the queue are dropped, counted and logged; a fast action
# (touch with a value from the trap as its argument, no shell) runs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
. "$top_srcdir/tests/integration/trapd-lib.sh"
pd_init trapd-actions
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"
command -v sqlite3 >/dev/null || pd_skip "sqlite3 not installed"
command -v perl >/dev/null || pd_skip "perl not installed (the sender)"
[ -x "$TD_BIN" ] || pd_die "printdev-trapd not built"
SLEEP=$(command -v sleep)
TOUCH=$(command -v touch)

port=$(pd_free_port udp)
CONF="$PD_TMP/trapd.conf"
DB="$PD_TMP/state/traps.db"
RULES="$PD_TMP/rules.conf"
printf '%s\n' "rule touch" "    trap 1.3.6.1.4.1.99999.0.2" \
    "    exec $TOUCH $PD_TMP/touched-\$1" "end" \
    "rule slow" "    trap printerV2Alert" "    exec timeout=1 $SLEEP 3" "end" > "$RULES"
td_conf "$CONF" "$port" "authCommunity log,execute $PT_COMMUNITY 127.0.0.1" \
    "printdevActionQueue 4" "printdevRules $RULES"
td_start "$CONF" -s off -w 0 || pd_die "printdev-trapd did not start"

P=1.3.6.1.2.1.43.18.1.1
pt_trap_packet "$PD_TMP/alert.pkt" -v2c -c "$PT_COMMUNITY" 127.0.0.1:9 '' \
    1.3.6.1.2.1.43.18.2.0.1 $P.1.1.5 i 5 $P.2.1.5 i 3 $P.4.1.5 i 13 $P.5.1.5 i 1 \
    $P.7.1.5 i 8
pt_blast "$port" "$PD_TMP/alert.pkt" 200
# held up by the actions, the inform would wait for 200 of them (1 s each)
pd_ok "inform behind 200 slow actions answered (within 30 s, not 200)" snmpinform -v2c \
    -c "$PT_COMMUNITY" -t 30 -r 0 "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
pd_eq "all 200 alerts and the inform stored" "201" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM events')"
pd_wait_for 10 sh -c "[ \"\$(awk '\$1==\"actions_dropped\"{print \$2}' '$PD_TMP/run/trapd.stats')\" -gt 0 ]"
dropped=$(td_stat actions_dropped)
pd_ok "actions beyond the queue dropped and counted ($dropped)" [ "${dropped:-0}" -ge 190 ]
pd_ok "the drops are logged, not one line each" \
    sh -c "grep -q 'actions dropped: 4 already queued' '$PD_TMP/trapd.log' &&
        [ \$(grep -c 'actions dropped' '$PD_TMP/trapd.log') -lt 20 ]"

# a fast action with a trap value as its argument, no shell in between,
# once every slow one is accounted for (run and killed after 1 s, or dropped)
pd_wait_for 60 sh -c "[ \$(( \$(awk '\$1==\"actions_run\"{print \$2}' '$PD_TMP/run/trapd.stats') + \$(awk '\$1==\"actions_dropped\"{print \$2}' '$PD_TMP/run/trapd.stats') )) -ge 200 ]"
ran=$(td_stat actions_run)
pd_eq "every slow action run or dropped" "200" "$((ran + $(td_stat actions_dropped)))"
pd_eq "the ones that ran were killed (failed)" "$ran" "$(td_stat actions_failed)"
snmptrap -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' 1.3.6.1.4.1.99999.0.2 \
    1.3.6.1.4.1.99999.1.0 s 'x;rm -rf y'
pd_ok "the action ran with the trap's value as one argument" \
    pd_wait_for 20 test -e "$PD_TMP/touched-x;rm -rf y"
pd_ok "slow actions were killed after their timeout" \
    pd_wait_for 20 grep -q 'killed after 1 s' "$PD_TMP/trapd.log"
pd_finish
