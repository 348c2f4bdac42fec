#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/demo.sh BUILDDIR [--duration SECONDS] [--interval SECONDS] [--keep]
#
# A small printer fleet on this machine, end to end, with nothing installed
# and nothing but loopback used:
#
#   prod-1   production profile  <- printdev.so inside snmpd #1 (dlmod)
#   office-1 office profile      <- printdevd, AgentX subagent of snmpd #2
#   printdev-sim                 -> feeds both through their feed sockets
#   snmptrapd udp:127.0.0.1:2697 -> printdev-traphandle (JSON Lines, SQLite)
#
# Both agents send their printerV2Alert notifications (trap2sink) to the
# trap receiver.  The terminal view refreshes every few seconds: device
# status, supplies, trays and the alert table of each printer (read with
# snmpbulkwalk), the translated events as they arrive, and the fleet's
# active alerts according to printdev-alerts.
#
# Every process runs from BUILDDIR, in a private temporary directory, on
# free high loopback ports (2697 for the trap receiver when it is free).
# Everything started is stopped by pid on exit or Ctrl-C.  Without a
# terminal (CI=true, no stdin, output piped) the demo runs for 60 s unless
# --duration says otherwise, prints plain snapshots and exits 0 -- or 1 if
# a component failed.  Started by `tools/bootstrap.sh demo`.
set -uo pipefail

usage() {
    sed -n '3p' "$0" | sed 's/^# /usage: /' >&2
    exit 2
}

[ $# -ge 1 ] || usage
case "$1" in -h|--help) sed -n '3,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
builddir=$(cd "$1" 2>/dev/null && pwd) || { echo "demo: no build directory '$1'" >&2; exit 2; }
shift
top=$(cd "$(dirname "$0")/.." && pwd)

duration=""
interval=""
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
    --duration) duration=${2:-}; shift 2 || usage ;;
    --duration=*) duration=${1#*=}; shift ;;
    --interval) interval=${2:-}; shift 2 || usage ;;
    --interval=*) interval=${1#*=}; shift ;;
    --keep) keep=1; shift ;;
    *) usage ;;
    esac
done
case "$duration" in ''|*[!0-9]*) [ -z "$duration" ] || usage ;; esac
case "$interval" in *[!0-9]*|0) usage ;; esac

# A person at a terminal gets a refreshing screen until Ctrl-C; anything
# else (CI, a pipe, no stdin) a bounded run with plain output.
if [ -t 0 ] && [ -t 1 ] && [ -z "${CI:-}" ]; then
    tty=1
    : "${interval:=3}"
else
    tty=""
    : "${duration:=60}"
    : "${interval:=10}"
fi

# ---- programs -------------------------------------------------------------
SNMPD=${SNMPD:-$(command -v snmpd || echo /usr/sbin/snmpd)}
SNMPTRAPD=${SNMPTRAPD:-$(command -v snmptrapd || echo /usr/sbin/snmptrapd)}

die() {
    echo "demo: $*" >&2
    exit 1
}

# built NAME: the program NAME built in BUILDDIR (top level or an area dir).
built() {
    local p
    for p in "$builddir/$1" "$builddir"/*/"$1" "$builddir"/*/*/"$1"; do
        if [ -f "$p" ] && [ -x "$p" ]; then
            echo "$p"
            return 0
        fi
    done
    die "$1 not found under $builddir (run 'make' there first)"
}

for c in snmpget snmpbulkwalk snmptrap ss; do
    command -v "$c" >/dev/null || die "$c is missing (Debian: apt-get install snmp iproute2)"
done
[ -x "$SNMPD" ] || die "snmpd is missing (Debian: apt-get install snmpd)"
[ -x "$SNMPTRAPD" ] || die "snmptrapd is missing (Debian: apt-get install snmptrapd)"

MODULE=""
for p in "$builddir/.libs/printdev.so" "$builddir"/*/.libs/printdev.so "$builddir"/*/*/.libs/printdev.so; do
    [ -f "$p" ] && { MODULE=$p; break; }
done
[ -n "$MODULE" ] || die "printdev.so not found under $builddir (run 'make' there first)"
PRINTDEVD=$(built printdevd) || exit 1
TRAPHANDLE=$(built printdev-traphandle) || exit 1
ALERTS=$(built printdev-alerts) || exit 1
SIM=$(built printdev-sim) || exit 1

PROFILE_A=$top/conf/profiles/production.conf
PROFILE_B=$top/conf/profiles/office.conf
TRAPD_CONF_IN=$top/conf/snmptrapd/printdev-snmptrapd.conf
TRAP_RULES=$top/conf/trap-rules.conf
ENUMS=$top/tools/printer-mib-enums.tsv
for f in "$PROFILE_A" "$PROFILE_B" "$TRAPD_CONF_IN" "$ENUMS"; do
    [ -f "$f" ] || die "missing $f"
done

# ---- helpers shared with the integration tests (ports, waiting, stopping) -
# shellcheck source=tests/lib.sh
. "$top/tests/lib.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/printdev-demo.XXXXXX") || die "mktemp failed"
chmod 0700 "$T"
PIDS=()
PNAMES=()
PLOGS=()

cleanup() {
    local i
    trap - EXIT INT TERM
    [ -n "${nap_pid:-}" ] && kill "$nap_pid" 2>/dev/null
    [ -n "$tty" ] && printf '\n'
    echo "demo: stopping"
    # Last started first: feeders, subagent, agents, then the receiver.
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pd_stop_pid "${PIDS[$i]}"
    done
    if [ -n "$keep" ]; then
        echo "demo: logs and state kept in $T"
    else
        rm -rf "$T"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# track PID NAME LOG: stop PID on exit; report NAME and LOG if it dies.
track() {
    PIDS+=("$1")
    PNAMES+=("$2")
    PLOGS+=("$3")
}

# Clients: numeric OIDs, no MIB files (none needed, no warnings).
export SNMPCONFPATH=$T/client
mkdir -p "$SNMPCONFPATH"
printf 'mibs :\n' > "$SNMPCONFPATH/snmp.conf"
COMMUNITY=demo

# No MIB files (no warnings about missing ones), and none of the modules
# that would make two private snmpd collide (smux listens on port 199).
SNMPD_OPTS="-m : -I -smux,mteTrigger,mteTriggerConf"

port_in_use() { ss -H -lun "sport = :$1" 2>/dev/null | grep -q .; }

# ---- trap receiver -------------------------------------------------------
TRAPPORT=2697
if port_in_use "$TRAPPORT"; then
    TRAPPORT=$(pd_free_port udp)
    echo "demo: UDP port 2697 is busy; the trap receiver uses 127.0.0.1:$TRAPPORT instead"
fi
PORT_A=$(pd_free_port udp)
PORT_B=$(pd_free_port udp)
mkdir -p "$T/trap" "$T/a/state" "$T/b/state"

# The shipped profiles, with alertRemovalOfBinaryChangeEntry rows turned on
# so that the agents also tell the trap receiver when a binary-change alert
# (tray empty, output full, ...) ends, and the fleet view can close it.
with_removals() {
    sed -e '/^printdevRules/{s/removalEntries[[:space:]]\{1,\}no/removalEntries yes/;/removalEntries/!s/$/ removalEntries yes/}' "$1"
}
with_removals "$PROFILE_A" > "$T/a/profile.conf"
with_removals "$PROFILE_B" > "$T/b/profile.conf"

# The shipped trap rules, plus names for the two printers: both agents send
# from 127.0.0.1, so each is named by address and hrDeviceIndex.
{
    [ -f "$TRAP_RULES" ] && cat "$TRAP_RULES"
    printf '\n# demo: one name per printer behind 127.0.0.1\n'
    printf 'device 127.0.0.1#1 prod-1\ndevice 127.0.0.1#2 office-1\n'
} > "$T/trap/trap-rules.conf"
# The shipped snmptrapd configuration with this build's paths and these
# rules; the listening address comes from the command line.  The shipped
# file accepts nothing until a community is configured: the demo enables
# its commented loopback example with a community of its own.  The handler
# logs to its standard output (handler.out) instead of the host's syslog.
TRAP_COMMUNITY=demo-trap
sed -e "s|@sbindir@/printdev-traphandle|$TRAPHANDLE|g" \
    -e "s| -r @PRINTDEV_CONFDIR@/trap-rules.conf||g" \
    -e "s|@PRINTDEV_CONFDIR@|$top/conf|g" \
    -e "s|@PRINTDEV_STATEDIR@|$T/trap|g" \
    -e '/^[[:space:]]*snmpTrapdAddr/d' \
    -e "s|^#authCommunity log,execute COMMUNITY 127.0.0.1/32\$|authCommunity log,execute $TRAP_COMMUNITY 127.0.0.1/32|" \
    -e "/^traphandle/s|\$| -r $T/trap/trap-rules.conf -s off -o|" \
    "$TRAPD_CONF_IN" > "$T/trap/snmptrapd.conf"
grep -q '^traphandle' "$T/trap/snmptrapd.conf" || die "no traphandle line in $TRAPD_CONF_IN"
grep -q "^authCommunity log,execute $TRAP_COMMUNITY 127.0.0.1/32\$" "$T/trap/snmptrapd.conf" ||
    die "no commented loopback authCommunity example in $TRAPD_CONF_IN"
EVENTS=$T/trap/events.jsonl
TRAPDB=$T/trap/traps.db

: > "$T/trap/snmptrapd.log"
SNMP_PERSISTENT_DIR=$T/trap/persist "$SNMPTRAPD" -f -C -c "$T/trap/snmptrapd.conf" \
    -Lf "$T/trap/snmptrapd.log" -p "$T/trap/snmptrapd.pid" "udp:127.0.0.1:$TRAPPORT" \
    > "$T/trap/handler.out" 2>&1 &
track $! snmptrapd "$T/trap/snmptrapd.log"
pd_wait_for 15 grep -q 'NET-SNMP version' "$T/trap/snmptrapd.log" ||
    die "snmptrapd did not start: $(tail -n 5 "$T/trap/snmptrapd.log")"

# ---- printer 1: production profile, printdev.so in snmpd --------------------
cat > "$T/a/snmpd.conf" <<EOF
# demo agent 1: snmpd with the printdev module
rocommunity $COMMUNITY 127.0.0.1
dontLogTCPWrappersConnects yes
trap2sink 127.0.0.1:$TRAPPORT $TRAP_COMMUNITY
dlmod printdev $MODULE
printdevStateDir $T/a/state
printdevFeedSocket $T/a/feed.sock 0600
printdevProfile $T/a/profile.conf
# tell the trap receiver when a binary-change alert goes away
printdevNotifyRemovals yes
EOF
SNMP_PERSISTENT_DIR=$T/a/persist "$SNMPD" -f -C -c "$T/a/snmpd.conf" $SNMPD_OPTS -Lf "$T/a/snmpd.log" \
    -p "$T/a/snmpd.pid" "udp:127.0.0.1:$PORT_A" > /dev/null 2>&1 &
track $! "snmpd (dlmod)" "$T/a/snmpd.log"
pd_wait_for 15 pd_snmp_ready "127.0.0.1:$PORT_A" "$COMMUNITY" ||
    die "snmpd #1 did not start: $(tail -n 5 "$T/a/snmpd.log")"

# ---- printer 2: office profile, printdevd under snmpd #2 (AgentX) ----------
cat > "$T/b/snmpd.conf" <<EOF
# demo agent 2: snmpd as AgentX master on a private socket
rocommunity $COMMUNITY 127.0.0.1
dontLogTCPWrappersConnects yes
trap2sink 127.0.0.1:$TRAPPORT $TRAP_COMMUNITY
master agentx
agentXSocket $T/b/agentx.sock
agentXPerms 0600 0700
EOF
SNMP_PERSISTENT_DIR=$T/b/persist "$SNMPD" -f -C -c "$T/b/snmpd.conf" $SNMPD_OPTS -Lf "$T/b/snmpd.log" \
    -p "$T/b/snmpd.pid" "udp:127.0.0.1:$PORT_B" > /dev/null 2>&1 &
track $! "snmpd (AgentX master)" "$T/b/snmpd.log"
pd_wait_for 15 pd_snmp_ready "127.0.0.1:$PORT_B" "$COMMUNITY" ||
    die "snmpd #2 did not start: $(tail -n 5 "$T/b/snmpd.log")"

cat > "$T/b/printdevd.conf" <<EOF
# demo agent 2: the printdevd subagent
agentXSocket $T/b/agentx.sock
printdevStateDir $T/b/state
printdevFeedSocket $T/b/feed.sock 0600
printdevProfile $T/b/profile.conf
printdevNotifyRemovals yes
EOF
MIBS=: SNMP_PERSISTENT_DIR=$T/b/persist-printdevd "$PRINTDEVD" -f -Lf "$T/b/printdevd.log" \
    -C -c "$T/b/printdevd.conf" > /dev/null 2>&1 &
track $! printdevd "$T/b/printdevd.log"

# printdevd is up when the master answers for office-1's hrDeviceDescr.2.
served() { snmpget -v2c -c "$COMMUNITY" -t 0.5 -r 0 -Oqv "$1" "$2" 2>/dev/null | grep -qv '^No Such'; }
pd_wait_for 20 served "127.0.0.1:$PORT_B" .1.3.6.1.2.1.25.3.2.1.3.2 ||
    die "printdevd did not register with snmpd #2: $(tail -n 5 "$T/b/printdevd.log")"
pd_wait_for 10 served "127.0.0.1:$PORT_A" .1.3.6.1.2.1.25.3.2.1.3.1 ||
    die "printdev.so serves nothing in snmpd #1: $(grep -i printdev "$T/a/snmpd.log" | tail -n 5)"

# ---- the simulated print controller ---------------------------------------
pd_wait_for 10 test -S "$T/a/feed.sock" || die "no feed socket $T/a/feed.sock"
pd_wait_for 10 test -S "$T/b/feed.sock" || die "no feed socket $T/b/feed.sock"
# Twenty simulated seconds per second, and more jams and open covers than
# in real life, so that a minute of demo shows trays running out, refills,
# jams and their clearing.
SIM_OPTS="--speedup 20 --jam-rate 0.002 --cover-rate 6 --refill-delay 120 -v"
"$SIM" -s "$T/a/feed.sock" -d prod-1 --seed 1 $SIM_OPTS > "$T/a/sim.log" 2>&1 &
track $! "printdev-sim (prod-1)" "$T/a/sim.log"
"$SIM" -s "$T/b/feed.sock" -d office-1 --seed 2 --speed 30 $SIM_OPTS > "$T/b/sim.log" 2>&1 &
track $! "printdev-sim (office-1)" "$T/b/sim.log"

# ---- the view --------------------------------------------------------------
# table ADDR PREFIX DEVICE "COL:HEADER[:TC]..." : one table of one device,
# read with one bulk walk, columns decoded with the Printer-MIB enum list.
table() {
    local addr=$1 prefix=$2 dev=$3
    shift 3
    snmpbulkwalk -v2c -c "$COMMUNITY" -t 1 -r 1 -Cr25 -Oqn "$addr" "$prefix" 2>/dev/null |
        awk -v prefix="$prefix." -v dev="$dev" -v spec="$*" -v enums="$ENUMS" '
        # PrtSubUnitStatusTC (RFC 3805): availability in bits 0-2, then
        # non-critical alerts (8), critical alerts (16), off-line (32),
        # transitioning (64).
        function subunit(v,   a, s) {
            split("availableIdle unavailableOnRequest availableStandby unavailableBroken availableActive unknown availableBusy unknown", a, " ")
            s = a[v % 8 + 1]
            if (int(v / 8) % 2) s = s "+alert"
            if (int(v / 16) % 2) s = s "+criticalAlert"
            if (int(v / 32) % 2) s = s "+offline"
            if (int(v / 64) % 2) s = s "+transitioning"
            return s
        }
        BEGIN {
            while ((getline line < enums) > 0) {
                split(line, f, "\t")
                name[f[1] "/" f[2]] = f[3]
            }
            ncol = split(spec, cols, " ")
            for (i = 1; i <= ncol; i++) {
                n = split(cols[i], p, ":")
                col[i] = p[1]; head[i] = p[2]; tc[i] = (n > 2) ? p[3] : ""
                width[i] = length(head[i])
            }
            nrows = 0
        }
        index($1, prefix) == 1 {
            rest = substr($1, length(prefix) + 1)
            n = split(rest, ix, ".")
            if (n < 3 || ix[2] != dev) next
            row = ix[3]; for (k = 4; k <= n; k++) row = row "." ix[k]
            if (!(row in seen)) { seen[row] = 1; rows[++nrows] = row }
            v = $0; sub(/^[^ ]+ /, "", v); gsub(/^"|"$/, "", v)
            val[row, ix[1]] = v
        }
        END {
            if (nrows == 0) { print "    (no rows)"; exit }
            for (r = 1; r <= nrows; r++)
                for (i = 1; i <= ncol; i++) {
                    v = (col[i] == "i") ? rows[r] : val[rows[r], col[i]]
                    if (tc[i] == "SubUnit" && v ~ /^[0-9]+$/) v = subunit(v + 0)
                    else if (tc[i] != "" && ((tc[i] "/" v) in name)) v = name[tc[i] "/" v]
                    if (length(v) > 28) v = substr(v, 1, 27) "~"
                    cell[r, i] = v
                    if (length(v) > width[i]) width[i] = length(v)
                }
            line = "   "
            for (i = 1; i <= ncol; i++) line = line sprintf(" %-" width[i] "s", head[i])
            print line
            for (r = 1; r <= nrows; r++) {
                line = "   "
                for (i = 1; i <= ncol; i++) line = line sprintf(" %-" width[i] "s", cell[r, i])
                print line
            }
        }'
}

# value ADDR OID [TC]: one scalar, decoded when a TC is given.
value() {
    local v
    v=$(snmpget -v2c -c "$COMMUNITY" -t 1 -r 1 -Oqv "$1" "$2" 2>/dev/null | tr -d '"')
    if [ -n "${3:-}" ]; then
        awk -F'\t' -v tc="$3" -v v="$v" '$1 == tc && $2 == v { print $3 "(" v ")"; f = 1; exit }
            END { if (!f) print v }' "$ENUMS"
    else
        printf '%s\n' "${v:-?}"
    fi
}

# errstate ADDR DEVICE: hrPrinterDetectedErrorState as names (RFC 2790: bit 0
# is the most significant bit of the first octet).
errstate() {
    snmpget -v2c -c "$COMMUNITY" -t 1 -r 1 -Oqvx "$1" .1.3.6.1.2.1.25.3.5.1.2."$2" 2>/dev/null |
        awk -v enums="$ENUMS" '
        BEGIN {
            while ((getline line < enums) > 0) {
                split(line, f, "\t")
                if (f[1] == "hrPrinterDetectedErrorState-bit") bit[f[2]] = f[3]
            }
        }
        {
            gsub(/"/, "")
            for (i = 1; i <= NF; i++) {
                v = 0
                for (k = 1; k <= 2; k++) v = v * 16 + index("0123456789ABCDEF", toupper(substr($i, k, 1))) - 1
                for (b = 0; b < 8; b++)
                    if (int(v / 2 ^ (7 - b)) % 2) out = out " " ((((i - 1) * 8 + b) in bit) ? bit[(i - 1) * 8 + b] : "bit" ((i - 1) * 8 + b))
            }
        }
        END { print (out == "") ? " none" : out }'
}

printer() { # printer TITLE ADDR DEVICE
    local title=$1 addr=$2 dev=$3
    echo "== $title: $(value "$addr" .1.3.6.1.2.1.25.3.2.1.3."$dev")"
    echo "   hrDeviceStatus $(value "$addr" .1.3.6.1.2.1.25.3.2.1.5."$dev" hrDeviceStatus)" \
         "  hrPrinterStatus $(value "$addr" .1.3.6.1.2.1.25.3.5.1.1."$dev" hrPrinterStatus)" \
         "  console \"$(value "$addr" .1.3.6.1.2.1.43.16.5.1.2."$dev".1)\""
    echo "   hrPrinterDetectedErrorState:$(errstate "$addr" "$dev")"
    echo "  supplies (prtMarkerSuppliesTable)"
    table "$addr" .1.3.6.1.2.1.43.11.1.1 "$dev" \
        "i:# 6:description 5:type:PrtMarkerSuppliesTypeTC 9:level 8:max"
    echo "  trays (prtInputTable)"
    table "$addr" .1.3.6.1.2.1.43.8.2.1 "$dev" \
        "i:# 13:name 12:media 10:level 9:max 11:status:SubUnit"
    echo "  alerts (prtAlertTable)"
    table "$addr" .1.3.6.1.2.1.43.18.1.1 "$dev" \
        "i:# 2:severity:PrtAlertSeverityLevelTC 4:group:PrtAlertGroupTC 5:gidx 7:code:PrtAlertCodeTC 8:description"
}

cols=160
[ -z "$tty" ] || cols=$(tput cols 2>/dev/null || echo 120)
[ "$cols" -ge 60 ] 2>/dev/null || cols=120

snapshot() {
    local now=$1
    echo "printdev demo  $(date '+%H:%M:%S')  running ${now}s${duration:+ of ${duration}s}" \
         "  ${tty:+(Ctrl-C stops everything)}"
    echo "  prod-1   dlmod    snmpwalk -v2c -c $COMMUNITY 127.0.0.1:$PORT_A 1.3.6.1.2.1.43"
    echo "  office-1 AgentX   snmpwalk -v2c -c $COMMUNITY 127.0.0.1:$PORT_B 1.3.6.1.2.1.43"
    echo "  traps    snmptrapd udp:127.0.0.1:$TRAPPORT -> printdev-traphandle -> $EVENTS"
    echo
    printer "prod-1 (printdev.so in snmpd)" "127.0.0.1:$PORT_A" 1
    echo
    printer "office-1 (printdevd via AgentX)" "127.0.0.1:$PORT_B" 2
    echo
    local n=0
    [ -f "$EVENTS" ] && n=$(wc -l < "$EVENTS")
    echo "== translated events: $n so far (printdev-traphandle -o; JSON Lines in $EVENTS)"
    if [ -s "$T/trap/handler.out" ]; then
        tail -n 8 "$T/trap/handler.out" | cut -c1-$((cols - 4)) | sed 's/^/    /'
    elif [ -s "$EVENTS" ]; then
        tail -n 8 "$EVENTS" | cut -c1-$((cols - 4)) | sed 's/^/    /'
    else
        echo "    (none yet)"
    fi
    echo
    echo "== fleet's active alerts (printdev-alerts)"
    if [ -f "$TRAPDB" ]; then
        "$ALERTS" -d "$TRAPDB" 2>&1 | head -n 14 | cut -c1-$((cols - 4)) | sed 's/^/    /'
    else
        echo "    (no trap received yet)"
    fi
}

# check_alive: every component still running?
check_alive() {
    local i
    for i in "${!PIDS[@]}"; do
        if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
            echo "demo: ${PNAMES[$i]} (pid ${PIDS[$i]}) stopped unexpectedly; last lines of ${PLOGS[$i]}:" >&2
            tail -n 15 "${PLOGS[$i]}" 2>/dev/null | sed 's/^/    /' >&2
            return 1
        fi
    done
}

start=$SECONDS
status=0
while :; do
    elapsed=$((SECONDS - start))
    if [ -n "$tty" ]; then
        out=$(snapshot "$elapsed")
        printf '\033[H\033[2J%s\n' "$out"
    else
        echo "---------------------------------------------------------------------"
        snapshot "$elapsed"
    fi
    check_alive || { status=1; break; }
    nap=$interval
    if [ -n "$duration" ]; then
        [ "$elapsed" -lt "$duration" ] || break
        [ $((duration - elapsed)) -ge "$nap" ] || nap=$((duration - elapsed))
    fi
    # In the background so that a signal ends the wait at once.
    sleep "$nap" &
    nap_pid=$!
    wait "$nap_pid"
    nap_pid=""
done

events=0
[ -f "$EVENTS" ] && events=$(wc -l < "$EVENTS")
echo "demo: ran $((SECONDS - start)) s; $events trap(s) translated"
# Unattended runs double as a smoke test: both agents send coldStart at
# start-up, so an empty event log means the trap path is broken.
if [ -z "$tty" ] && [ "$status" -eq 0 ] && [ "$events" -eq 0 ]; then
    echo "demo: no trap reached printdev-traphandle; snmptrapd log: $T/trap/snmptrapd.log" >&2
    tail -n 10 "$T/trap/snmptrapd.log" "$T/trap/handler.out" 2>/dev/null | sed 's/^/    /' >&2
    status=1
fi
exit $status
