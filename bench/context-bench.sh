#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/context-bench.sh: what the per-device SNMP contexts cost requests in
# the DEFAULT context, and start-up, in both shapes, with printdevContexts
# yes and no, for one or two builds side by side (e.g. before and after a
# change).  A script for humans, NOT a timed test; method and recorded
# results: bench/RESULTS-scale.md ("Default-context requests with contexts").
#
#   bench/context-bench.sh BUILDDIR [BUILDDIR2]
#       env: SIZES="1000 4000" ROUNDS=5 SHAPES="dlmod agentx" CONTEXTS="yes no"
#
# Per shape, size, build and printdevContexts setting (in rotating order,
# one agent each; tools/gen-large-profile.sh -n SIZE):
#   start   launch -> every registration made: dlmod, the log says "device(s)
#           registered"; AgentX (printdevd launched under a running master),
#           that line in printdevd's log and, with contexts, the last
#           context answering sysDescr.0 through the master (SNMPv3
#           contextName)
#   then ROUNDS rounds, each of three walks in the default context, in an
#   order that rotates from round to round:
#     gnext  snmpwalk (GETNEXT) of prtGeneralPrinterName: SIZE varbinds
#     bulk   snmpbulkwalk -Cr50 of prtGeneralTable: 19 * SIZE varbinds
#     sw     snmpbulkwalk -Cr50 of snmpd's own hrSWInstalledTable (the
#            same engine without printdev's handler: the registry walk is
#            paid by every default-context request, not by printdev's only)
#   each: wall ms and agent CPU ms (/proc/PID/schedstat; AgentX: master
#   and printdevd separately), medians over ROUNDS.
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BUILDDIR [BUILDDIR2]" >&2; exit 2; }
builds=
for b in "$@"; do
    [ -f "$b/.libs/printdev.so" ] && [ -x "$b/printdevd" ] || { echo "$b: no printdev.so / printdevd" >&2; exit 2; }
    builds="$builds $(cd "$b" && pwd)"
done
SIZES=${SIZES:-"1000 4000"}
ROUNDS=${ROUNDS:-5}
SHAPES=${SHAPES:-"dlmod agentx"}
CONTEXTS=${CONTEXTS:-"yes no"}
top_builddir=${builds# }; top_builddir=${top_builddir%% *}
export top_srcdir top_builddir

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
pd_init context-bench
pa_init
PD_PASS=1

SW=.1.3.6.1.2.1.25.6.3
GENERAL=.1.3.6.1.2.1.43.5.1        # prtGeneralTable
PNAME=.1.3.6.1.2.1.43.5.1.1.16     # prtGeneralPrinterName
SYSDESCR=.1.3.6.1.2.1.1.1.0

now_ns() { date +%s%N; }
cpu_ns() { cut -d' ' -f1 "/proc/$1/schedstat"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "NA"; else print v[int((NR + 1) / 2)] }'; }
wait_ms() { # SECONDS CMD...: poll CMD every 20 ms
    local secs=$1 i
    shift
    for i in $(seq 1 $(( secs * 50 ))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.02
    done
    return 1
}
logged() { grep -q 'device(s) registered' "$1" 2>/dev/null; }
ctx_answers() { snmpget $PA_V3 -n "$2" -On -t 0.2 -r 0 "$1" "$SYSDESCR" 2>/dev/null | grep -q STRING; }

# walk KIND ADDR MASTERPID SUBPID: prints "KIND wall_ms cpu_master_ms cpu_sub_ms varbinds"
walk() {
    local kind=$1 addr=$2 mp=$3 sp=$4 t0 c0 s0 t1 n
    t0=$(now_ns); c0=$(cpu_ns "$mp"); s0=0; [ -n "$sp" ] && s0=$(cpu_ns "$sp")
    case $kind in
        gnext) snmpwalk -v2c -c public -On -t 20 -r 0 "$addr" "$PNAME" > "$PD_TMP/w.out" ;;
        bulk) snmpbulkwalk -v2c -c public -Cr50 -On -t 20 -r 0 "$addr" "$GENERAL" > "$PD_TMP/w.out" ;;
        sw) snmpbulkwalk -v2c -c public -Cr50 -On -t 20 -r 0 "$addr" "$SW" > "$PD_TMP/w.out" ;;
    esac || return 1
    t1=$(now_ns)
    n=$(wc -l < "$PD_TMP/w.out")
    echo "$kind $(( (t1 - t0) / 1000000 )) $(( ($(cpu_ns "$mp") - c0) / 1000000 ))" \
        "$([ -n "$sp" ] && echo $(( ($(cpu_ns "$sp") - s0) / 1000000 )) || echo 0) $n"
}

# run SHAPE SIZE BUILD CONTEXTS: one agent; prints one result line
run() {
    local shape=$1 size=$2 build=$3 ctx=$4 t0 t1 mp sp="" r k kinds out last
    PA_SO=$build/.libs/printdev.so
    PA_DAEMON=$build/printdevd
    rm -rf "$PA_STATE" "$PD_TMP"/*.log; mkdir -m 0700 "$PA_STATE"
    PA_PORT=$(pd_free_port udp); PA_ADDR="udp:127.0.0.1:$PA_PORT"
    last=$(printf 'bench-%05d' "$size")
    if [ "$shape" = dlmod ]; then
        PA_CONF="$PD_TMP/snmpd.conf"
        pa_conf_base "$PA_CONF"
        pa_conf_module "$PA_CONF" "$PD_TMP/p$size.conf"
        echo "printdevContexts $ctx" >> "$PA_CONF"
        t0=$(now_ns)
        pd_start_snmpd "$PA_CONF" "$PA_ADDR" || pd_die "snmpd did not start"
        wait_ms 120 logged "$PD_TMP/snmpd.log" || pd_die "dlmod: not registered"
        t1=$(now_ns)
        mp=$PD_SNMPD_PID
    else
        pa_start_master || pd_die "master did not start"
        mp=$PD_SNMPD_PID
        pa_conf_sub "$PD_TMP/printdevd.conf" "$PD_TMP/p$size.conf"
        echo "printdevContexts $ctx" >> "$PD_TMP/printdevd.conf"
        t0=$(now_ns)
        "$PA_DAEMON" -f -x "$PA_SOCK" -C -c "$PD_TMP/printdevd.conf" -Lf "$PD_TMP/printdevd.log" \
            -p "$PD_TMP/printdevd.pid" -I 1 &
        sp=$!
        pd_track "$sp"
        wait_ms 120 logged "$PD_TMP/printdevd.log" || pd_die "agentx: not registered"
        if [ "$ctx" = yes ]; then
            wait_ms 120 ctx_answers "$PA_ADDR" "$last" || pd_die "agentx: context $last not served"
        fi
        t1=$(now_ns)
    fi
    pa_wait_ready "$PA_ADDR" 60 || pd_die "$shape: default context not ready"
    [ "$ctx" = yes ] && { ctx_answers "$PA_ADDR" "$last" || pd_die "$shape: context $last not served"; }
    : > "$PD_TMP/walks"
    kinds="gnext bulk sw"
    for r in $(seq 1 "$ROUNDS"); do
        for k in $kinds; do walk "$k" "$PA_ADDR" "$mp" "$sp" >> "$PD_TMP/walks" || pd_die "$k walk failed"; done
        kinds="${kinds#* } ${kinds%% *}"
    done
    out="start $(( (t1 - t0) / 1000000 ))"
    for k in gnext bulk sw; do
        out="$out | $k vb $(awk -v k=$k '$1 == k { print $5 }' "$PD_TMP/walks" | median)"
        out="$out wall $(awk -v k=$k '$1 == k { print $2 }' "$PD_TMP/walks" | median)"
        out="$out cpu $(awk -v k=$k '$1 == k { print $3 }' "$PD_TMP/walks" | median)"
        [ -n "$sp" ] && out="$out+$(awk -v k=$k '$1 == k { print $4 }' "$PD_TMP/walks" | median)"
    done
    printf '%-6s %5d %-28s ctx=%-3s %s  load %s\n' "$shape" "$size" "$(basename "$(dirname "$build")")/$(basename "$build")" \
        "$ctx" "$out" "$(cut -d' ' -f1 /proc/loadavg)"
    [ -n "$sp" ] && pd_stop_pid "$sp"
    pd_stop_pid "$mp"
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Net-SNMP $(snmpd -v 2>/dev/null | sed -n 's/^NET-SNMP version: *//p'); medians of $ROUNDS rounds; times in ms;" \
    "cpu = agent CPU (AgentX: master+printdevd)"
for size in $SIZES; do
    sh "$top_srcdir/tools/gen-large-profile.sh" -n "$size" -o "$PD_TMP/p$size.conf" || pd_die "gen-large-profile failed"
done
for shape in $SHAPES; do
    for size in $SIZES; do
        for ctx in $CONTEXTS; do
            for b in $builds; do run "$shape" "$size" "$b" "$ctx"; done
        done
        # the other order for the second half of the comparisons
        builds=$(echo $builds | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i }')
    done
done
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
