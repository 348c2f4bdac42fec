#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/agent-bench.sh: throughput and memory of the printdev agent in both
# shapes, against a table served by snmpd itself in the same run.  A script
# for humans, NOT a timed test; method and recorded results: bench/RESULTS.md.
#
#   bench/agent-bench.sh [BUILDDIR]   (env: ROUNDS=7 DEVICES=100 MAXREP=25 WINDOWS=120)
#
# Measures, with real snmpd / snmpbulkwalk on 127.0.0.1:
#  1. dlmod: GETBULK walk of printmib (1.3.6.1.2.1.43) for a DEVICES-device
#     profile (tools/gen-large-profile.sh, ~100 varbinds per device) versus
#     snmpd's own hrSWInstalledTable (1.3.6.1.2.1.25.6.3) on the same snmpd.
#  2. AgentX: the same walk through a master snmpd from printdevd, versus
#     hrSWInstalledTable served through the same master by a second snmpd
#     running as an AgentX subagent (snmpd -X -I hrSWInstalledTable; the
#     master runs with -I -hrSWInstalledTable so the table has one owner).
#  3. per-varbind cost with a 1-device (~100 varbinds) and a DEVICES-device
#     (~10,000 varbinds) profile, in both shapes: besides whole walks (whose
#     fixed per-walk costs dominate a 100-varbind walk), WINDOWS GETBULK
#     requests of MAXREP varbinds each, starting at evenly spread OIDs of the
#     profile's own printmib walk, so both sizes do the same work per request;
#  4. resident memory per device (VmRSS of snmpd / printdevd with 1 and with
#     DEVICES devices).
# Runs are interleaved (A B A B ...); every figure is the median over ROUNDS.
# Two costs per varbind: wall time of the walk (client included) and agent
# CPU time (sum of /proc/PID/schedstat run time of the agent processes: snmpd,
# or master + subagent), which is what the extension itself costs.
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-}
if [ -z "$builddir" ]; then
    for d in "$top_srcdir"/_build*; do
        [ -f "$d/.libs/printdev.so" ] && [ -x "$d/printdevd" ] && { builddir=$d; break; }
    done
fi
[ -n "$builddir" ] && [ -d "$builddir" ] || { echo "usage: $0 BUILDDIR (no build with printdev.so and printdevd found)" >&2; exit 2; }
top_builddir=$(cd "$builddir" && pwd)
export top_srcdir top_builddir
ROUNDS=${ROUNDS:-7}
DEVICES=${DEVICES:-100}
MAXREP=${MAXREP:-25}
WINDOWS=${WINDOWS:-120}
[ "$DEVICES" -ge 2 ] || { echo "DEVICES must be >= 2" >&2; exit 2; }

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
pd_init agent-bench
pa_init
[ -n "$PA_SO" ] || pd_die "printdev.so not found under $top_builddir"
[ -n "$PA_DAEMON" ] || pd_die "printdevd not found under $top_builddir"
[ -r /proc/self/schedstat ] || pd_die "/proc/PID/schedstat not available"
PD_PASS=1   # pd_finish semantics are not used; keep the temp dir only on errors

SW=.1.3.6.1.2.1.25.6.3

now_ns() { date +%s%N; }
cpu_ns() { # PIDS...: summed on-CPU time
    local p s=0
    for p in "$@"; do s=$(( s + $(cut -d' ' -f1 "/proc/$p/schedstat") )); done
    echo "$s"
}
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }

# measure ADDR OID REPS PIDS...: REPS bulk walks; prints
# "varbinds wall_ns_per_varbind cpu_ns_per_varbind".
measure() {
    local addr=$1 oid=$2 reps=$3 i t0 t1 c0 c1 n
    shift 3
    c0=$(cpu_ns "$@"); t0=$(now_ns)
    for i in $(seq 1 "$reps"); do
        snmpbulkwalk -v2c -c public -Cr"$MAXREP" -On -t 10 -r 0 "$addr" "$oid" > "$PD_TMP/walk.out" || return 1
    done
    t1=$(now_ns); c1=$(cpu_ns "$@")
    n=$(wc -l < "$PD_TMP/walk.out")
    [ "$n" -gt 0 ] || return 1
    echo "$n $(( (t1 - t0) / reps / n )) $(( (c1 - c0) / reps / n ))"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# col N FILE: the median of column N
col() { awk -v c="$1" '{ print $c }' "$2" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "NA" }'; }

# window ADDR OIDFILE PIDS...: WINDOWS GETBULK requests (max-repetitions
# MAXREP) from evenly spread OIDs of OIDFILE (never within MAXREP of its end,
# so every varbind returned is ours); prints agent CPU ns per varbind.
window() {
    local addr=$1 list=$2 n step i c0 c1 oid
    shift 2
    n=$(( $(wc -l < "$list") - MAXREP ))
    [ "$n" -ge 1 ] || return 1
    step=$(( n / WINDOWS )); [ "$step" -ge 1 ] || step=1
    c0=$(cpu_ns "$@")
    i=0
    for oid in $(awk -v s="$step" -v n="$n" -v w="$WINDOWS" 'NR <= n && (NR - 1) % s == 0 && c < w { print $1; c++ }' "$list"); do
        snmpbulkget -v2c -c public -Cn0 -Cr"$MAXREP" -On -t 10 -r 0 "$addr" "$oid" > /dev/null || return 1
        i=$((i + 1))
    done
    c1=$(cpu_ns "$@")
    echo $(( (c1 - c0) / (i * MAXREP) ))
}

# reps_for VARBINDS: enough walks per sample for ~10,000 varbinds.
reps_for() { r=$(( 10000 / $1 )); [ "$r" -ge 1 ] || r=1; echo "$r"; }

# run_size SHAPE SIZE ADDR PIDS...: walks of printmib and hrSWInstalledTable
# interleaved with window samples; results in $PD_TMP/SHAPE.SIZE.{ours,sw,win}.
run_size() {
    local shape=$1 size=$2 addr=$3 n_ours n_sw r
    shift 3
    : > "$PD_TMP/$shape.$size.ours"; : > "$PD_TMP/$shape.$size.sw"; : > "$PD_TMP/$shape.$size.win"
    snmpbulkwalk -v2c -c public -Cr"$MAXREP" -On "$addr" "$PA_PRTMIB" | sed 's/ = .*//' > "$PD_TMP/$shape.$size.oids"
    n_ours=$(wc -l < "$PD_TMP/$shape.$size.oids")
    n_sw=$(measure "$addr" "$SW" 1 "$@" | cut -d' ' -f1)
    [ -n "$n_sw" ] || pd_die "walk of hrSWInstalledTable failed"
    for r in $(seq 1 "$ROUNDS"); do
        measure "$addr" "$PA_PRTMIB" "$(reps_for "$n_ours")" "$@" >> "$PD_TMP/$shape.$size.ours" || pd_die "walk failed"
        measure "$addr" "$SW" "$(reps_for "$n_sw")" "$@" >> "$PD_TMP/$shape.$size.sw" || pd_die "walk failed"
        window "$addr" "$PD_TMP/$shape.$size.oids" "$@" >> "$PD_TMP/$shape.$size.win" || pd_die "window requests failed"
    done
    printf '%-7s %4d device(s): printmib %6d vb: %6d vb/s, agent CPU %5d ns/vb (window %5d ns/vb) | hrSWInstalledTable %5d vb: %6d vb/s, agent CPU %5d ns/vb\n' \
        "$shape" "$size" "$n_ours" "$(( 1000000000 / $(col 2 "$PD_TMP/$shape.$size.ours") ))" \
        "$(col 3 "$PD_TMP/$shape.$size.ours")" "$(col 1 "$PD_TMP/$shape.$size.win")" \
        "$n_sw" "$(( 1000000000 / $(col 2 "$PD_TMP/$shape.$size.sw") ))" "$(col 3 "$PD_TMP/$shape.$size.sw")"
    eval "n_${shape}_$size=$n_ours"
}

SIZES="1 $DEVICES"
for size in $SIZES; do
    [ -f "$PD_TMP/p$size.conf" ] || sh "$top_srcdir/tools/gen-large-profile.sh" -n "$size" -o "$PD_TMP/p$size.conf" ||
        pd_die "gen-large-profile failed"
done

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== profiles: tools/gen-large-profile.sh -n 1 / -n $DEVICES; Net-SNMP $(snmpd -v 2>/dev/null | sed -n 's/^NET-SNMP version: *//p')"

# ---------- dlmod shape ----------
echo "== dlmod shape (snmpd -C -c, dlmod printdev); max-repetitions $MAXREP; medians of $ROUNDS interleaved rounds"
pa_conf_base "$PD_TMP/plain.conf"
PA_PORT=$(pd_free_port udp); PA_ADDR="udp:127.0.0.1:$PA_PORT"
pd_start_snmpd "$PD_TMP/plain.conf" "$PA_ADDR" || pd_die "plain snmpd did not start"
snmpbulkwalk -v2c -c public -On "$PA_ADDR" "$SW" > /dev/null
rss_plain=$(rss_kb "$PD_SNMPD_PID")
pd_stop_pid "$PD_SNMPD_PID"
for size in $SIZES; do
    rm -rf "$PA_STATE"; mkdir -m 0700 "$PA_STATE"
    pa_start_dlmod "$PD_TMP/p$size.conf" || pd_die "snmpd with printdev.so did not start"
    run_size dlmod "$size" "$PA_ADDR" "$PD_SNMPD_PID"
    eval "rss_dlmod_$size=$(rss_kb "$PD_SNMPD_PID")"
    pd_stop_pid "$PD_SNMPD_PID"
done

# ---------- AgentX shape ----------
echo "== AgentX shape (master snmpd -I -hrSWInstalledTable; subagents printdevd and snmpd -X -I hrSWInstalledTable)"
for size in $SIZES; do
    rm -rf "$PA_STATE"; mkdir -m 0700 "$PA_STATE"
    PA_PORT=$(pd_free_port udp)
    pa_start_master "" -I -hrSWInstalledTable || pd_die "master did not start"
    master=$PD_SNMPD_PID
    pa_conf_sub "$PD_TMP/printdevd.conf" "$PD_TMP/p$size.conf"
    pa_start_printdevd "$PD_TMP/printdevd.conf" || pd_die "printdevd did not start"
    ours=$PA_SUB_PID
    printf 'agentXSocket %s\n' "$PA_SOCK" > "$PD_TMP/swsub.conf"
    mkdir -p "$PD_TMP/swsub-persist"
    SNMP_PERSISTENT_DIR="$PD_TMP/swsub-persist" "$SNMPD" -X -f -C -c "$PD_TMP/swsub.conf" \
        -Lf "$PD_TMP/swsub.log" -p "$PD_TMP/swsub.pid" -I hrSWInstalledTable &
    swsub=$!
    pd_track "$swsub"
    sw_ready() { snmpget -v2c -c public -On -t 1 -r 0 "$PA_ADDR" "$SW.1.2.1" 2>/dev/null | grep -q 'STRING'; }
    pd_wait_for 20 sw_ready || pd_die "snmpd -X subagent for hrSWInstalledTable did not register"
    # Each walk is charged the master and BOTH subagents (the idle one costs ~0).
    run_size agentx "$size" "$PA_ADDR" "$master" "$ours" "$swsub"
    eval "rss_agentx_$size=$(rss_kb "$ours")"
    pd_stop_pid "$swsub"
    pd_stop_pid "$ours"
    pd_stop_pid "$master"
done

# ---------- summary ----------
# Per-round ratios of ns/varbind (built-in / ours: > 1 means printdev is
# faster), then their median.
pair_ratio() { # FILE_OURS FILE_SW COLUMN
    paste -d' ' "$1" "$2" | awk -v c="$3" '{ o = $c; s = $(c + 3); if (o > 0) printf "%d\n", 1000 * s / o }' | median |
        awk '{ if ($1 == "NA") print "NA"; else printf "%.2f", $1 / 1000 }'
}
echo "== summary (ratios: built-in ns per varbind / printdev ns per varbind; >= 0.90 is the target)"
for shape in dlmod agentx; do
    for size in $SIZES; do
        printf '%-7s %4d device(s): speed vs built-in hrSWInstalledTable walk: wall %s x, agent CPU %s x\n' "$shape" "$size" \
            "$(pair_ratio "$PD_TMP/$shape.$size.ours" "$PD_TMP/$shape.$size.sw" 2)" \
            "$(pair_ratio "$PD_TMP/$shape.$size.ours" "$PD_TMP/$shape.$size.sw" 3)"
    done
    printf '%-7s per-varbind agent CPU in GETBULK windows, %d devices / 1 device: %s (1.00 = flat)\n' "$shape" "$DEVICES" \
        "$(ratio "$(col 1 "$PD_TMP/$shape.$DEVICES.win")" "$(col 1 "$PD_TMP/$shape.1.win")")"
done
eval "a=\$rss_dlmod_1 b=\$rss_dlmod_$DEVICES c=\$rss_agentx_1 e=\$rss_agentx_$DEVICES"
echo "RSS snmpd: no printdev $rss_plain kB, 1 device $a kB, $DEVICES devices $b kB -> $(( (b - a) / (DEVICES - 1) )) kB per device (dlmod)"
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RSS printdevd: 1 device $c kB, $DEVICES devices $e kB -> $(( (e - c) / (DEVICES - 1) )) kB per device (AgentX)"
