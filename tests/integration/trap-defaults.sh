#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trap-defaults.sh: the shipped receiver configuration
# (conf/snmptrapd/printdev-snmptrapd.conf, installed as
# /etc/printdev/snmptrapd.conf) accepts nothing until the administrator
# configures a community or an SNMPv3 user.
#
# A real snmptrapd runs the file as shipped (only its port moved to a free
# loopback port, its paths into the private temp dir, and the handler
# wrapped so that every start of it is counted).  An SNMPv3 trap from a
# user it does not know (USM refuses it), then SNMPv1 and v2c traps and a
# v2c inform with the communities "printdev" (the old default) and "public"
# are dropped: snmptrapd logs "dropping trap" for each community one, which
# is the barrier (it handles datagrams in order), the inform gets no
# answer, and the handler never starts: no event, no database.  Then the same file with its commented
# loopback example enabled for the tests' own community (trap-lib.sh): that
# community reaches the handler, "printdev" and "public" still do not.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
pd_init trap-defaults
[ -x "$SNMPTRAPD" ] || pd_skip "snmptrapd not installed"
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"

H="$top_builddir/printdev-traphandle"
SHIPPED="$top_srcdir/conf/snmptrapd/printdev-snmptrapd.conf"
STATE="$PD_TMP/state"
RUNS="$PD_TMP/handler-runs"
port=$(pd_free_port udp)
mkdir -p "$STATE"

pd_eq "shipped conf: no active authorisation line" "" \
    "$(grep -nE '^[[:space:]]*(authCommunity|authUser|authGroup|authAccess|setAccess|disableAuthorization|createUser)' "$SHIPPED")"
pd_ok "shipped conf: commented loopback community example" \
    grep -q '^#authCommunity log,execute COMMUNITY 127.0.0.1/32$' "$SHIPPED"
pd_ok "shipped conf: commented SNMPv3 user example" \
    grep -q '^#authUser log,execute USERNAME priv$' "$SHIPPED"

# The handler, wrapped: one line in $RUNS per start, then the real one in
# the foreground (-S) so that snmptrapd waits for all of its work.
cat > "$PD_TMP/handler" <<EOF
#!/bin/sh
echo run >> "$RUNS"
exec "$H" -S -s off -o "\$@"
EOF
chmod 0755 "$PD_TMP/handler"

# ---- as shipped ------------------------------------------------------------
sed -e "s|^snmpTrapdAddr udp:127.0.0.1:2697\$|snmpTrapdAddr udp:127.0.0.1:$port|" \
    -e "s|@sbindir@/printdev-traphandle|$PD_TMP/handler|" \
    -e "s|@PRINTDEV_CONFDIR@|$PD_TMP/etc|g" \
    -e "s|@PRINTDEV_STATEDIR@|$STATE|g" \
    "$SHIPPED" > "$PD_TMP/shipped.conf"
pd_ok "port substituted" grep -q "^snmpTrapdAddr udp:127.0.0.1:$port\$" "$PD_TMP/shipped.conf"
pd_ok "handler substituted" grep -q "^traphandle default $PD_TMP/handler " "$PD_TMP/shipped.conf"
pd_start_snmptrapd "$PD_TMP/shipped.conf" "udp:127.0.0.1:$port" > "$PD_TMP/handler.out" ||
    pd_die "snmptrapd did not start"
LOG="$PD_TMP/snmptrapd.log"
pd_ok "snmptrapd says it accepts nothing" \
    grep -q 'This receiver will \*NOT\* accept any incoming notifications' "$LOG"

drops() { grep -c 'dropping trap' "$LOG"; }
P=1.3.6.1.2.1.43.18.1.1
JAM="$P.2.1.5 i 3 $P.4.1.5 i 13 $P.5.1.5 i 1 $P.6.1.5 i 4001 $P.7.1.5 i 8"
# shellcheck disable=SC2086
{
    snmptrap -v3 -e "$PT_ENGINE" -u "$PT_V3USER" -l authPriv -a SHA -A "$PT_AUTHPASS" \
        -x AES -X "$PT_PRIVPASS" "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $JAM
    snmptrap -v1 -c public "127.0.0.1:$port" 1.3.6.1.2.1.43.18.2 127.0.0.1 6 1 '' $JAM
    snmptrap -v1 -c printdev "127.0.0.1:$port" 1.3.6.1.2.1.43.18.2 127.0.0.1 6 1 '' $JAM
    snmptrap -v2c -c public "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $JAM
    snmptrap -v2c -c printdev "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $JAM
} 2> "$PD_TMP/snmptrap.err"
pd_eq "snmptrap sent every trap" "" "$(cat "$PD_TMP/snmptrap.err")"
# shellcheck disable=SC2086
snmpinform -v2c -c printdev -t 2 -r 0 "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $JAM \
    > /dev/null 2>&1
pd_ok "inform with community printdev: no answer" test $? -ne 0
pd_ok "snmptrapd dropped the four v1/v2c traps and the inform" pd_wait_for 20 sh -c "[ \$(grep -c 'dropping trap' '$LOG') -ge 5 ]"
pd_eq "dropped: exactly five" 5 "$(drops)"
pd_ok "the handler never started" test ! -e "$RUNS"
pd_ok "no event reached the JSON Lines file" test ! -e "$STATE/events.jsonl"
pd_ok "no fleet database was created" test ! -e "$STATE/traps.db"
pd_eq "no handler output" "" "$(cat "$PD_TMP/handler.out")"
pd_stop_pid "$PD_TRAPD_PID"
cp "$LOG" "$PD_TMP/snmptrapd-shipped.log"

# ---- the loopback example enabled for the tests' community ---------------------
pt_trapd_conf "$PD_TMP/configured.conf" "$port" "$PD_TMP/handler"
pd_start_snmptrapd "$PD_TMP/configured.conf" "udp:127.0.0.1:$port" > "$PD_TMP/handler.out" ||
    pd_die "snmptrapd (configured) did not start"
# shellcheck disable=SC2086
{
    snmptrap -v2c -c printdev "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $JAM
    snmptrap -v1 -c public "127.0.0.1:$port" 1.3.6.1.2.1.43.18.2 127.0.0.1 6 1 '' $JAM
    snmptrap -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' 1.3.6.1.2.1.43.18.2.0.1 $JAM
} 2> "$PD_TMP/snmptrap.err"
pd_eq "snmptrap sent every trap" "" "$(cat "$PD_TMP/snmptrap.err")"
# the accepted trap came last: once its event is there, the others were
# handled (or not) before it
pd_ok "the configured community reaches the handler" pt_wait_lines "$STATE/events.jsonl" 1 20
pd_eq "the handler started once" 1 "$(wc -l < "$RUNS" 2>/dev/null)"
pd_eq "one event, from the configured community" "1 $PT_COMMUNITY" \
    "$(wc -l < "$STATE/events.jsonl") $(sed -n 's/.*"community":"\([^"]*\)".*/\1/p' "$STATE/events.jsonl")"

pd_finish
