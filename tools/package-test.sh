#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/package-test.sh [--keep]: the Debian package test (CI, as root, no
# systemd needed).
#
#  1. builds the binary packages from a copy of this checkout
#     (dpkg-buildpackage -us -uc -b; DEB_BUILD_OPTIONS=nocheck unless
#     PD_PKG_CHECK=1, since CI ran `make check` already) and runs lintian:
#     errors fail, warnings are listed;
#  2. installs them with apt-get, checks the files, owners and modes, that
#     the snmpd snippet is disabled and the units are not enabled;
#  3. starts snmptrapd with the installed configuration as it is and checks
#     that it drops traps sent with the communities "printdev" and "public"
#     without running the handler; starts snmpd and snmptrapd by hand, as
#     Debian-snmp like the packaged units, on free loopback high ports given
#     on the command line, with the installed configuration (the module's
#     snippet enabled the way its header tells an administrator to, the
#     receiver's commented loopback community example enabled with a
#     community of the test's own), walks the Printer MIB and compares
#     it with the installed profile, drives the installed feed socket with
#     printdevctl so the agent sends a printerV2Alert, sends one more with
#     snmptrap, and checks the translated events (JSON Lines) and
#     printdev-alerts;
#  4. reinstalls (the upgrade path keeps device state), removes (conffiles
#     and state stay) and purges (everything goes).
# Prints "package-test: N passed, N failed"; exit status 0 only if all passed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
keep=""
[ "${1:-}" = "--keep" ] && keep=1

if [ "$(id -u)" -ne 0 ]; then
    echo "package-test: must run as root (installs and purges Debian packages)" >&2
    exit 2
fi
for c in dpkg-buildpackage apt-get snmpwalk snmpget snmptrap runuser setpriv ss; do
    command -v "$c" >/dev/null || { echo "package-test: $c is missing" >&2; exit 2; }
done

SNMPD=/usr/sbin/snmpd
SNMPTRAPD=/usr/sbin/snmptrapd
# shellcheck source=tests/lib.sh
. "$top/tests/lib.sh"
pd_init package-test
[ -n "$keep" ] && PD_KEEP=1
chmod 0755 "$PD_TMP"
export DEBIAN_FRONTEND=noninteractive

PKGS="printdev-common printdev-snmpd-module printdevd printdev-traphandle printdev-mibs printdev-ipp"
MA=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

section() { printf '# ---- %s\n' "$*"; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
known() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -qv 'not-installed'; }
owner_mode() { stat -c '%U:%G %a' "$1" 2>/dev/null; }
not() { ! "$@"; }
# no_world_access FILE: "other" has no permission bits.
no_world_access() { case $(stat -c %A "$1" 2>/dev/null) in *---) return 0 ;; *) return 1 ;; esac; }

purge_all() {
    local p list=""
    for p in $PKGS; do known "$p" && list="$list $p"; done
    [ -z "$list" ] || apt-get purge -y -q $list > "$PD_TMP/purge-before.log" 2>&1
}

# ---- 1. build ---------------------------------------------------------------
section "build"
purge_all
src=$PD_TMP/build/printdev
mkdir -p "$src"
# The files of this checkout: tracked and new ones, without build trees
# and generated files (.gitignore), or, outside git, everything but builds.
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$top" && git ls-files -z -c -o --exclude-standard | xargs -0 tar -cf - --no-recursion) |
        tar -xf - -C "$src"
else
    (cd "$top" && tar --exclude='./_build*' --exclude=./.git -cf - .) | tar -xf - -C "$src"
fi
[ -n "${PD_PKG_CHECK:-}" ] || export DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}"
if (cd "$src" && dpkg-buildpackage -us -uc -b) > "$PD_TMP/build.log" 2>&1; then
    pd_ok "dpkg-buildpackage -us -uc -b" true
else
    pd_ok "dpkg-buildpackage -us -uc -b" false
    tail -n 40 "$PD_TMP/build.log" | sed 's/^/#   /'
    pd_finish
fi
debs=""
for p in $PKGS; do
    f=$(ls "$PD_TMP"/build/"${p}"_*.deb 2>/dev/null | head -n 1)
    pd_ok "package $p built" test -n "$f"
    debs="$debs $f"
done

if command -v lintian >/dev/null; then
    lintian --fail-on none "$PD_TMP"/build/*.changes > "$PD_TMP/lintian.log" 2>&1
    errors=$(grep -c '^E: ' "$PD_TMP/lintian.log")
    warnings=$(grep -c '^W: ' "$PD_TMP/lintian.log")
    pd_eq "lintian: no errors" 0 "$errors"
    grep '^[EW]: ' "$PD_TMP/lintian.log" | sed 's/^/#   /'
    pd_log "lintian: $errors error(s), $warnings warning(s)"
fi

# ---- 2. install -----------------------------------------------------------------
section "install"
# shellcheck disable=SC2086
if apt-get install -y -q $debs > "$PD_TMP/install.log" 2>&1; then
    pd_ok "apt-get install ./*.deb" true
else
    pd_ok "apt-get install ./*.deb" false
    tail -n 30 "$PD_TMP/install.log" | sed 's/^/#   /'
    pd_finish
fi
for p in $PKGS; do pd_ok "$p installed" installed "$p"; done

for f in /usr/lib/"$MA"/printdev/printdev.so /usr/sbin/printdevd /usr/sbin/printdev-traphandle \
         /usr/bin/printdev-alerts /usr/bin/printdevctl /usr/bin/printdev-sim \
         /usr/share/snmp/mibs/PRINTDEV-MIB.txt /etc/printdev/profiles/production.conf \
         /etc/printdev/profiles/office.conf /etc/printdev/trap-rules.conf /etc/printdev/snmptrapd.conf \
         /etc/printdev/printdevd.conf /etc/printdev/snmpd-dlmod.conf /etc/snmp/snmpd.conf.d/printdev.conf \
         /etc/snmp/snmpd.conf.d/printdev-agentx.conf /usr/lib/sysctl.d/60-printdev-rmem.conf \
         /usr/lib/tmpfiles.d/printdev.conf /usr/lib/tmpfiles.d/printdev-traphandle.conf \
         /lib/systemd/system/printdevd.service \
         /lib/systemd/system/printdev-snmptrapd.service /usr/share/man/man8/printdev.8.gz \
         /usr/share/man/man8/printdevd.8.gz /usr/sbin/printdev-trapd /etc/printdev/trapd.conf \
         /lib/systemd/system/printdev-trapd.service /usr/share/man/man8/printdev-trapd.8.gz \
         /usr/sbin/printdev-ipp /etc/printdev/ipp.conf \
         /lib/systemd/system/printdev-ipp.service /usr/share/man/man8/printdev-ipp.8.gz; do
    pd_ok "installed $f" test -e "$f"
done
pd_eq "/var/lib/printdev owner and mode" "Debian-snmp:Debian-snmp 750" "$(owner_mode /var/lib/printdev)"
pd_eq "/run/printdev owner and mode" "Debian-snmp:Debian-snmp 750" "$(owner_mode /run/printdev)"
pd_eq "/run/printdev-trap owner and mode" "Debian-snmp:Debian-snmp 750" "$(owner_mode /run/printdev-trap)"
pd_ok "snmpd snippet ships disabled (no active line)" \
    sh -c '! grep -qv "^[[:space:]]*\(#\|\$\)" /etc/snmp/snmpd.conf.d/printdev.conf'
pd_ok "module configuration names the installed module" \
    grep -q "^dlmod printdev /usr/lib/$MA/printdev/printdev.so" /etc/printdev/snmpd-dlmod.conf
for u in printdevd printdev-snmptrapd printdev-trapd; do
    pd_ok "$u.service not enabled" sh -c "! ls /etc/systemd/system/*.wants/$u.service >/dev/null 2>&1"
done
pd_ok "shipped configuration listens on loopback only" \
    sh -c '! grep -hE "^[[:space:]]*(agentaddress|snmpTrapdAddr)" /etc/printdev/*.conf /etc/snmp/snmpd.conf.d/printdev*.conf | grep -vE "(127\.0\.0\.1|\[::1\]|localhost)"'
pd_ok "printdev-trapd listens on loopback only and accepts nothing as shipped" \
    sh -c 'grep -qx "printdevListen udp:127.0.0.1:2697" /etc/printdev/trapd.conf &&
        ! grep -qE "^[[:space:]]*(authCommunity|authUser)" /etc/printdev/trapd.conf'
pd_ok "no write community in shipped configuration" \
    sh -c '! grep -hE "^[[:space:]]*rwcommunity" /etc/printdev/*.conf /etc/snmp/snmpd.conf.d/printdev*.conf /usr/share/printdev/snmpd/*.conf'

# ---- 3. run the installed agent and trap receiver ----------------------------
section "run"
run=$PD_TMP/run
mkdir -p "$run/persist" "$run/trapd-persist"
chown Debian-snmp:Debian-snmp "$run/persist" "$run/trapd-persist"
SNMPPORT=$(pd_free_port udp)
TRAPPORT=$(pd_free_port udp)
TRAPCOMM=pkgtest-trap
events=/var/lib/printdev/events.jsonl

# The installed receiver configuration as it is accepts nothing: traps with
# the communities "printdev" and "public" are dropped (snmptrapd logs each
# drop) and the handler never runs.
pd_eq "installed snmptrapd.conf has no active authorisation line" "" \
    "$(grep -E '^[[:space:]]*(authCommunity|authUser|authGroup|authAccess|disableAuthorization|createUser)' /etc/printdev/snmptrapd.conf)"
: > "$run/snmptrapd-asis.log"
chown Debian-snmp "$run/snmptrapd-asis.log"
setpriv --reuid=Debian-snmp --regid=Debian-snmp --init-groups env SNMP_PERSISTENT_DIR="$run/trapd-persist" \
    "$SNMPTRAPD" -f -C -c /etc/printdev/snmptrapd.conf -Lf "$run/snmptrapd-asis.log" \
    "udp:127.0.0.1:$TRAPPORT" > "$run/handler-asis.out" 2>&1 &
ASIS_TRAPD_PID=$!
pd_track "$ASIS_TRAPD_PID"
pd_ok "snmptrapd with the installed snmptrapd.conf as it is starts" \
    pd_wait_for 15 grep -q 'NET-SNMP version' "$run/snmptrapd-asis.log"
pd_ok "it says it accepts nothing" \
    grep -q 'will \*NOT\* accept any incoming notifications' "$run/snmptrapd-asis.log"
for c in printdev public; do
    snmptrap -v2c -c "$c" "127.0.0.1:$TRAPPORT" '' .1.3.6.1.2.1.43.18.2.0.1 \
        .1.3.6.1.2.1.43.18.1.1.7.1.40 i 8
done
pd_ok "traps with communities printdev and public dropped" \
    pd_wait_for 15 sh -c "[ \$(grep -c 'dropping trap' '$run/snmptrapd-asis.log') -ge 2 ]"
pd_ok "no event from them" test ! -s "$events"
pd_ok "the handler did not run (its spool is empty)" sh -c '! ls -A /run/printdev-trap | grep -q .'
pd_stop_pid "$ASIS_TRAPD_PID"
pd_ok "the receiver's port is released" \
    pd_wait_for 20 sh -c "! ss -H -lun 'sport = :$TRAPPORT' | grep -q ."

# The trap receiver: the installed configuration with its commented
# loopback community example enabled as an administrator would, as
# Debian-snmp (like printdev-snmptrapd.service), on the port given here.
sed -e "s|^#authCommunity log,execute COMMUNITY 127.0.0.1/32\$|authCommunity log,execute $TRAPCOMM 127.0.0.1/32|" \
    /etc/printdev/snmptrapd.conf > "$run/snmptrapd.conf"
pd_ok "loopback community example enabled" \
    grep -q "^authCommunity log,execute $TRAPCOMM 127.0.0.1/32\$" "$run/snmptrapd.conf"
: > "$run/snmptrapd.log"
chown Debian-snmp "$run/snmptrapd.log"
setpriv --reuid=Debian-snmp --regid=Debian-snmp --init-groups env SNMP_PERSISTENT_DIR="$run/trapd-persist" \
    "$SNMPTRAPD" -f -C -c "$run/snmptrapd.conf" -Lf "$run/snmptrapd.log" \
    "udp:127.0.0.1:$TRAPPORT" > "$run/handler.out" 2>&1 &
PD_TRAPD_V2_PID=$!
pd_track "$PD_TRAPD_V2_PID"
pd_ok "snmptrapd started with /etc/printdev/snmptrapd.conf and a community" \
    pd_wait_for 15 grep -q 'NET-SNMP version' "$run/snmptrapd.log"

# snmpd: the module's installed snippet, enabled as its header and the
# README say (remove the '#' in front of includeFile), run as Debian-snmp.
sed -e 's/^#\(includeFile[[:space:]]\)/\1/' /etc/snmp/snmpd.conf.d/printdev.conf > "$run/printdev.conf"
pd_ok "enabled snippet includes /etc/printdev/snmpd-dlmod.conf" \
    grep -q '^includeFile /etc/printdev/snmpd-dlmod.conf$' "$run/printdev.conf"
cat > "$run/snmpd.conf" <<EOF
rocommunity pkgtest 127.0.0.1
trap2sink 127.0.0.1:$TRAPPORT $TRAPCOMM
includeFile $run/printdev.conf
EOF
PD_COMMUNITY=pkgtest
export SNMP_PERSISTENT_DIR=$run/persist
pd_ok "snmpd with the installed module starts" \
    pd_start_snmpd "$run/snmpd.conf" "udp:127.0.0.1:$SNMPPORT" -m : -I -smux,mteTrigger,mteTriggerConf \
        -u Debian-snmp -g Debian-snmp
A="-v2c -c pkgtest -t 2 -r 1 127.0.0.1:$SNMPPORT"

# shellcheck disable=SC2086
snmpbulkwalk $A -On 1.3.6.1.2.1.43 > "$run/walk43.txt" 2>&1
rows=$(grep -c '^\.1\.3\.6\.1\.2\.1\.43\.' "$run/walk43.txt")
pd_ok "walk of 1.3.6.1.2.1.43 returns the printer ($rows objects)" test "$rows" -gt 100
# What the installed profile says, as served.
descr=$(sed -n 's/^printdevDescr[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' /etc/printdev/profiles/production.conf | head -n 1)
pname=$(sed -n 's/^printdevGeneral.*printerName "\([^"]*\)".*/\1/p' /etc/printdev/profiles/production.conf | head -n 1)
# shellcheck disable=SC2086
pd_eq "hrDeviceDescr.1 is the profile's printdevDescr" "\"$descr\"" \
    "$(snmpget $A -Oqv .1.3.6.1.2.1.25.3.2.1.3.1 2>&1)"
if [ -n "$pname" ]; then
    # shellcheck disable=SC2086
    pd_eq "prtGeneralPrinterName.1 is the profile's printerName" "\"$pname\"" \
        "$(snmpget $A -Oqv .1.3.6.1.2.1.43.5.1.1.16.1 2>&1)"
fi
supplies=$(grep -c '^\.1\.3\.6\.1\.2\.1\.43\.11\.1\.1\.6\.1\.' "$run/walk43.txt")
psupplies=$(grep -c '^printdevSupply ' /etc/printdev/profiles/production.conf)
pd_eq "prtMarkerSuppliesTable has the profile's supplies" "$psupplies" "$supplies"
# shellcheck disable=SC2086
pd_eq "printdevAgentDevices.0" "1" "$(snmpget $A -Oqv .1.3.6.1.4.1.8072.9999.4300.1.1.2.0 2>&1)"
pd_ok "no module error in the snmpd log" sh -c "! grep -iE 'printdev.*(error|failed)|dlopen|Unknown token' '$PD_TMP/snmpd.log'"

# The feed: printdevctl on the installed socket empties tray 1; the agent
# derives the alert and sends printerV2Alert to the trap receiver.
sock=$(sed -n 's/^printdevFeedSocket[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' /etc/printdev/snmpd-dlmod.conf | head -n 1)
pd_ok "feed socket ${sock:-?} exists" pd_wait_for 10 test -S "$sock"
# snmpd creates it while still root, then runs as Debian-snmp: the group
# and mode are what let the agent and the feeders in.
pd_eq "feed socket group and mode" "Debian-snmp 660" "$(stat -c '%G %a' "$sock" 2>/dev/null)"
dev=$(sed -n 's/^printdevDevice[[:space:]]\{1,\}1[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' /etc/printdev/profiles/production.conf)
pd_ok "printdevctl sets tray 1 of $dev empty" \
    runuser -u Debian-snmp -- printdevctl -s "$sock" -d "$dev" set input 1 level 0
pd_ok "the agent's printerV2Alert (inputMediaSupplyEmpty) reaches the JSON Lines log" \
    pd_wait_for 15 grep -q 'inputMediaSupplyEmpty' "$events"
# shellcheck disable=SC2086
pd_ok "prtAlertTable shows the alert (code 808)" \
    sh -c "snmpbulkwalk $A -Oqv .1.3.6.1.2.1.43.18.1.1.7.1 | grep -qx 808"

# A printerV2Alert from "another printer", sent with snmptrap.
snmptrap -v2c -c "$TRAPCOMM" "127.0.0.1:$TRAPPORT" '' .1.3.6.1.2.1.43.18.2.0.1 \
    .1.3.6.1.2.1.43.18.1.1.2.1.41 i 3 \
    .1.3.6.1.2.1.43.18.1.1.4.1.41 i 10 \
    .1.3.6.1.2.1.43.18.1.1.5.1.41 i 1 \
    .1.3.6.1.2.1.43.18.1.1.6.1.41 i -2 \
    .1.3.6.1.2.1.43.18.1.1.7.1.41 i 8 2> "$run/snmptrap.err"
pd_ok "snmptrap sent a printerV2Alert" test ! -s "$run/snmptrap.err"
pd_ok "the translated jam event is in the JSON Lines log" pd_wait_for 15 grep -q '"jam"\|jam' "$events"
pd_ok "JSON Lines log is not world-readable" no_world_access "$events"
pd_ok "the handler spools under /run/printdev-trap" sh -c 'ls -A /run/printdev-trap | grep -q .'

runuser -u Debian-snmp -- printdev-alerts -d /var/lib/printdev/traps.db > "$run/alerts.txt" 2>&1
pd_ok "printdev-alerts lists the fleet's active alerts" \
    sh -c "grep -qi 'jam' '$run/alerts.txt' && grep -qi 'inputMediaSupplyEmpty\|media.*empty\|paper' '$run/alerts.txt'"
sed 's/^/#   /' "$run/alerts.txt" | head -n 12

pd_stop_pid "$PD_SNMPD_PID"
statefile=$(ls /var/lib/printdev/*.state 2>/dev/null | head -n 1)
pd_ok "device state saved under /var/lib/printdev" test -n "$statefile"

# The shipped SNMPv3 examples, uncommented and filled in as an administrator
# would: authPriv (SHA, AES) for reading the agent, for its notifications
# (trapsess) and on the receiver (createUser -e with the sender's engine ID).
ENGINE=0x80001f8880c0ffee0001
AUTHPW=change-this-auth-pass
PRIVPW=change-this-priv-pass
sed -e 's/^#\(createUser printdevRO \)/\1/' -e 's/^#\(rouser printdevRO \)/\1/' \
    -e "s|^#trapsess -v 3 \(.*\) udp:127.0.0.1:2697\$|trapsess -v 3 -e $ENGINE \\1 udp:127.0.0.1:$TRAPPORT|" \
    /etc/printdev/snmpd-dlmod.conf > "$run/snmpd-v3.conf"
pd_ok "SNMPv3 examples present in snmpd-dlmod.conf" \
    sh -c "grep -q '^createUser printdevRO SHA' '$run/snmpd-v3.conf' && grep -q '^rouser printdevRO priv' '$run/snmpd-v3.conf' && grep -q '^trapsess -v 3 .*-l authPriv -a SHA .*-x AES' '$run/snmpd-v3.conf'"
sed -e "s|^#createUser -e 0x[0-9A-Za-z]* USERNAME SHA \"AUTH-PASSPHRASE\" AES \"PRIV-PASSPHRASE\"|createUser -e $ENGINE printdevtrap SHA \"$AUTHPW\" AES \"$PRIVPW\"|" \
    -e 's/^#authUser log,execute USERNAME priv/authUser log,execute printdevtrap priv/' \
    /etc/printdev/snmptrapd.conf > "$run/snmptrapd-v3.conf"
pd_ok "SNMPv3 example present in snmptrapd.conf" \
    sh -c "grep -q '^createUser -e $ENGINE printdevtrap SHA' '$run/snmptrapd-v3.conf' && grep -q '^authUser log,execute printdevtrap priv' '$run/snmptrapd-v3.conf'"
pd_stop_pid "$PD_TRAPD_V2_PID"
port_free() { ! ss -H -lun "sport = :$1" 2>/dev/null | grep -q .; }
pd_ok "the receiver's port is released once snmptrapd stopped" pd_wait_for 20 port_free "$TRAPPORT"
: > "$run/snmptrapd-v3.log"
chown Debian-snmp "$run/snmptrapd-v3.log"
setpriv --reuid=Debian-snmp --regid=Debian-snmp --init-groups env SNMP_PERSISTENT_DIR="$run/trapd-persist" \
    "$SNMPTRAPD" -f -C -c "$run/snmptrapd-v3.conf" -Lf "$run/snmptrapd-v3.log" \
    "udp:127.0.0.1:$TRAPPORT" >> "$run/handler.out" 2>&1 &
pd_track $!
pd_ok "snmptrapd with the SNMPv3 receiver example starts" \
    pd_wait_for 15 grep -q 'NET-SNMP version' "$run/snmptrapd-v3.log"
printf 'includeFile %s\n' "$run/snmpd-v3.conf" > "$run/snmpd-v3-main.conf"
V3="-v3 -l authPriv -u printdevRO -a SHA -A $AUTHPW -x AES -X $PRIVPW -t 2 -r 1 127.0.0.1:$SNMPPORT"
v3_ready() { snmpget $V3 -Oqv .1.3.6.1.2.1.1.3.0 >/dev/null 2>&1; }
"$SNMPD" -f -C -c "$run/snmpd-v3-main.conf" -Lf "$run/snmpd-v3.log" -m : -I -smux,mteTrigger,mteTriggerConf \
    -u Debian-snmp -g Debian-snmp "udp:127.0.0.1:$SNMPPORT" &
V3_SNMPD_PID=$!
pd_track "$V3_SNMPD_PID"
pd_ok "snmpd with the SNMPv3 example starts" pd_wait_for 15 v3_ready
# shellcheck disable=SC2086
pd_eq "SNMPv3 authPriv read of hrDeviceDescr.1" "\"$descr\"" "$(snmpget $V3 -Oqv .1.3.6.1.2.1.25.3.2.1.3.1 2>&1)"
pd_ok "no SNMPv1/v2c access in the shipped configuration" \
    not pd_snmp_ready "127.0.0.1:$SNMPPORT" public
pd_ok "printdevctl empties tray 2" \
    runuser -u Debian-snmp -- printdevctl -s "$sock" -d "$dev" set input 2 level 0
pd_ok "the agent's SNMPv3 authPriv printerV2Alert is translated" \
    pd_wait_for 15 sh -c "grep '\"user\":\"printdevtrap\"' '$events' | grep -q '\"version\":\"v3\"'"
pd_stop_pid "$V3_SNMPD_PID"

# The AgentX shape: a master snmpd with the installed printdev-agentx.conf,
# and printdevd as Debian-snmp with the unit's command line.
agentx_dir_existed=""
[ -d /var/agentx ] && agentx_dir_existed=1
MPORT=$(pd_free_port udp)
cat > "$run/master.conf" <<EOF2
rocommunity pkgtest 127.0.0.1
includeFile /etc/snmp/snmpd.conf.d/printdev-agentx.conf
EOF2
pd_ok "master snmpd with printdev-agentx.conf starts" \
    pd_start_snmpd "$run/master.conf" "udp:127.0.0.1:$MPORT" -m : -I -smux,mteTrigger,mteTriggerConf \
        -u Debian-snmp -g Debian-snmp
mkdir -p "$run/printdevd-persist"
: > "$run/printdevd.log"
chown Debian-snmp:Debian-snmp "$run/printdevd-persist" "$run/printdevd.log"
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/printdevd.service)
pd_ok "printdevd.service runs /usr/sbin/printdevd with /etc/printdev/printdevd.conf" \
    sh -c "case '$exec_start' in '/usr/sbin/printdevd '*'/etc/printdev/printdevd.conf'*) true ;; *) false ;; esac"
# The unit's command line, split into words, logging to a file instead of syslog.
# shellcheck disable=SC2046
setpriv --reuid=Debian-snmp --regid=Debian-snmp --init-groups env SNMP_PERSISTENT_DIR="$run/printdevd-persist" \
    $(echo "$exec_start" | sed 's/ -Ls[a-z0-9]*//') -Lf "$run/printdevd.log" > /dev/null 2>&1 &
PRINTDEVD_PID=$!
pd_track "$PRINTDEVD_PID"
M="-v2c -c pkgtest -t 2 -r 1 127.0.0.1:$MPORT"
# shellcheck disable=SC2086
pd_ok "printdevd (as Debian-snmp) registers with the master" \
    pd_wait_for 30 sh -c "snmpget $M -Oqv .1.3.6.1.2.1.25.3.2.1.3.1 | grep -q '\"'"
# shellcheck disable=SC2086
pd_eq "hrDeviceDescr.1 through AgentX is the profile's printdevDescr" "\"$descr\"" \
    "$(snmpget $M -Oqv .1.3.6.1.2.1.25.3.2.1.3.1 2>&1)"
kill -TERM "$PRINTDEVD_PID" 2>/dev/null
wait "$PRINTDEVD_PID"
pd_eq "printdevd exits 0 on SIGTERM" 0 "$?"
PD_PIDS=$(printf '%s\n' $PD_PIDS | grep -vx "$PRINTDEVD_PID" | tr '\n' ' ')
for pid in $PD_PIDS; do pd_stop_pid "$pid"; done
[ -n "$agentx_dir_existed" ] || rmdir /var/agentx 2>/dev/null
unset SNMP_PERSISTENT_DIR

# ---- 4. upgrade, remove, purge ------------------------------------------------
section "upgrade, remove, purge"
# The dedicated trap receiver exactly as its unit starts it (address from
# the configuration: udp:127.0.0.1:2697), when that port is free here.
if ss -H -lun "sport = :2697" 2>/dev/null | grep -q .; then
    pd_log "port 2697 busy: printdev-snmptrapd.service command line not tried"
else
    trapd_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/printdev-snmptrapd.service)
    trapd_env=$(sed -n 's/^Environment=//p' /lib/systemd/system/printdev-snmptrapd.service)
    : > "$run/unit-trapd.log"
    chown Debian-snmp "$run/unit-trapd.log"
    # shellcheck disable=SC2086,SC2046
    setpriv --reuid=Debian-snmp --regid=Debian-snmp --init-groups env $trapd_env \
        $(echo "$trapd_start" | sed 's/ -LOw//') -Lf "$run/unit-trapd.log" > /dev/null 2>&1 &
    UNIT_TRAPD_PID=$!
    pd_track "$UNIT_TRAPD_PID"
    pd_ok "printdev-snmptrapd.service command line listens on 127.0.0.1:2697" \
        pd_wait_for 15 sh -c "ss -H -lunp 'sport = :2697' | grep -q '127.0.0.1:2697.*pid=$UNIT_TRAPD_PID,'"
    pd_stop_pid "$UNIT_TRAPD_PID"
fi

# An administrator's edit of a conffile survives the upgrade.
echo "# local edit kept across upgrades" >> /etc/printdev/snmpd-dlmod.conf
# shellcheck disable=SC2086
pd_ok "reinstall (upgrade path)" sh -c "apt-get install -y -q --reinstall $debs > '$PD_TMP/reinstall.log' 2>&1"
pd_ok "device state kept across the upgrade" test -n "$statefile" -a -f "$statefile"
pd_ok "edited conffile kept across the upgrade" grep -q '^# local edit kept across upgrades' /etc/printdev/snmpd-dlmod.conf

# shellcheck disable=SC2086
pd_ok "apt-get remove" sh -c "apt-get remove -y -q $PKGS > '$PD_TMP/remove.log' 2>&1"
for f in /usr/lib/"$MA"/printdev/printdev.so /usr/sbin/printdevd /usr/sbin/printdev-traphandle \
         /usr/bin/printdevctl /usr/share/snmp/mibs/PRINTDEV-MIB.txt; do
    pd_ok "removed $f" test ! -e "$f"
done
pd_ok "remove keeps the conffiles" test -f /etc/printdev/profiles/production.conf
pd_ok "remove keeps the device state" test -d /var/lib/printdev

# shellcheck disable=SC2086
pd_ok "apt-get purge" sh -c "apt-get purge -y -q $PKGS > '$PD_TMP/purge.log' 2>&1"
for f in /etc/printdev /etc/snmp/snmpd.conf.d/printdev.conf /etc/snmp/snmpd.conf.d/printdev-agentx.conf \
         /var/lib/printdev /run/printdev /run/printdev-trap /usr/lib/tmpfiles.d/printdev.conf \
         /lib/systemd/system/printdevd.service; do
    pd_ok "purged $f" test ! -e "$f"
done
for p in $PKGS; do pd_ok "$p gone from dpkg" not known "$p"; done

pd_finish
