#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/store-bench.sh: fleet store throughput, events/s through
# trap_store_record_batch(), SQLite and PostgreSQL side by side.
#
#   bench/store-bench.sh [BUILDDIR] [--rounds N] [--events N] [--markdown FILE]
#
# Method.  bench/store-bench (store-bench.c) records EVENTS events in
# batches of 1000 and EVENTS/20 in batches of 1 (one transaction each;
# fsync-bound) into a fresh store: 500 printers, storm control on (60 s,
# limit 20), every event adds or refreshes an alert, every tenth removes
# one; "pg2" is two such writers at once on one database (disjoint
# printers; events of both over the slower one's time).  PostgreSQL is a
# private server started here (Debian's initdb and
# pg_ctl as an unprivileged user, Unix socket in a temp dir, fsync on,
# synchronous_commit on), each run on a new database.  The five
# configurations run in rotating order, round after round; medians are
# reported.  The machine's other load is not controlled: compare the
# columns of one run, not runs.  Beside the wall-clock rate, the CPU time
# spent is reported (the bench process, plus for PostgreSQL every server
# process: the postmaster's own and reaped children's times and its live
# children's); events per CPU-second depends much less on what else runs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=$(cd "$here/.." && pwd)
top_builddir=${top_builddir:-$top_srcdir/_build}
rounds=3 events=20000 markdown=""
while [ $# -gt 0 ]; do
    case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --events) events=$2; shift 2 ;;
    --markdown) markdown=$2; shift 2 ;;
    -*) echo "usage: $0 [BUILDDIR] [--rounds N] [--events N] [--markdown FILE]" >&2; exit 2 ;;
    *) top_builddir=$(cd "$1" && pwd); shift ;;
    esac
done
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/pg-lib.sh"
pd_init store-bench
B="$top_builddir/bench/store-bench"
[ -x "$B" ] || make -C "$top_builddir" bench/store-bench >/dev/null || pd_die "cannot build $B"
pg_have || pd_die "PostgreSQL server binaries not installed"
pg_init
pg_start
trap 'pg_stop; pd_cleanup' EXIT

# server_cpu: CPU seconds used so far by the PostgreSQL server
server_cpu() {
    local hz t p
    hz=$(getconf CLK_TCK)
    t=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$PG_PID/stat")
    for p in $(pgrep -P "$PG_PID"); do
        t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    awk -v t="$t" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'
}

configs="sqlite-1000 pg-1000 pg2-1000 sqlite-1 pg-1"
run=0
declare -A res pcpu
for r in $(seq 1 "$rounds"); do
    set -- $configs
    # rotate the order each round
    for k in $(seq 1 $(( (r - 1) % 5 ))); do set -- "$@" "$1"; shift; done
    for c in "$@"; do
        run=$((run + 1))
        batch=${c#*-}
        n=$events
        [ "$batch" = 1 ] && n=$((events / 20))
        case $c in
        sqlite-*) target="$PD_TMP/run$run.db" ;;
        pg*) pg_sql "CREATE DATABASE run$run" || pd_die "CREATE DATABASE failed"
              target="pg:$PG_CONN dbname=run$run" ;;
        esac
        s0=$(server_cpu)
        if [ "${c%-*}" = pg2 ]; then
            # two receivers at once, disjoint printers, one database:
            # events of both over the slower one's time
            "$B" "$target" "$n" "$batch" "$PD_TMP/spool$run-b.db" 1000 > "$PD_TMP/second" &
            second=$!
            line=$("$B" "$target" "$n" "$batch" "$PD_TMP/spool$run.db") || pd_die "$c failed"
            wait "$second" || pd_die "$c (second writer) failed"
            read -r _ _ _ s_a _ c_a <<< "$line"
            read -r _ _ _ s_b _ c_b < "$PD_TMP/second"
            line=$(awk -v n="$n" -v a="$s_a" -v b="$s_b" -v ca="$c_a" -v cb="$c_b" \
                'BEGIN { t = a > b ? a : b; printf "pg2 x %d %.3f %.0f %.3f", 2 * n, t, 2 * n / t, ca + cb }')
            n=$((2 * n))
        else
            line=$("$B" "$target" "$n" "$batch" "$PD_TMP/spool$run.db") || pd_die "$c failed"
        fi
        sleep 0.5 # the backend exits and is reaped: its time moves to the postmaster
        s1=$(server_cpu)
        read -r _ _ _ _ rate ccpu <<< "$line"
        case $c in pg*) cpu=$(awk -v a="$ccpu" -v b="$s0" -v c="$s1" 'BEGIN { printf "%.2f", a + c - b }') ;;
        *) cpu=$ccpu ;; esac
        per_cpu=$(awk -v n="$n" -v c="$cpu" 'BEGIN { if (c > 0) printf "%.0f", n / c; else print 0 }')
        res[$c]="${res[$c]:-} $rate"
        pcpu[$c]="${pcpu[$c]:-} $per_cpu"
        printf '# round %d %-12s %8s events/s  %6s CPU-s  %8s events/CPU-s\n' "$r" "$c" "$rate" "$cpu" "$per_cpu"
    done
done

median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
out=$(
    echo "| store | batch | events/s (median of $rounds) | runs | events per CPU-second (median) |"
    echo "|---|---:|---:|---|---:|"
    for c in $configs; do
        printf '| %s | %s | %s | %s | %s |\n' "${c%-*}" "${c#*-}" "$(median "${res[$c]}")" \
            "${res[$c]# }" "$(median "${pcpu[$c]}")"
    done
    echo
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
)
echo "$out"
[ -n "$markdown" ] && echo "$out" > "$markdown"
exit 0
