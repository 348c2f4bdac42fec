# SPDX-License-Identifier: GPL-2.0-or-later
# tests/integration/trapd-lib.sh: helpers for the printdev-trapd tests and
# bench/trapd-bench.sh (sourced after tests/lib.sh and trap-lib.sh).
#
# The configuration is always the SHIPPED conf/trapd/trapd.conf with its
# install-time placeholders pointed into the private temp dir, its listen
# address replaced by a free high loopback port, and the access lines the
# caller passes appended (as an administrator would uncomment them).

TD_BIN="$top_builddir/printdev-trapd"

# td_conf OUT PORT [LINE...]: writes the configuration.
td_conf() {
    local out=$1 port=$2 shipped l
    shift 2
    shipped="$top_srcdir/conf/trapd/trapd.conf"
    [ -f "$shipped" ] || pd_die "missing $shipped"
    mkdir -p "$PD_TMP/etc" "$PD_TMP/state" "$PD_TMP/run"
    sed -e "s|^printdevListen udp:127.0.0.1:2697\$|printdevListen udp:127.0.0.1:$port|" \
        -e "s|@PRINTDEV_CONFDIR@|$PD_TMP/etc|g" \
        -e "s|@PRINTDEV_STATEDIR@|$PD_TMP/state|g" \
        -e "s|@PRINTDEV_RUNDIR@|$PD_TMP/run|g" \
        "$shipped" > "$out"
    grep -q "^printdevListen udp:127.0.0.1:$port\$" "$out" || pd_die "shipped trapd.conf: no printdevListen line"
    ! grep -q '@[A-Za-z_]*@' "$out" || pd_die "shipped trapd.conf: unsubstituted placeholder"
    [ -f "$PD_TMP/etc/trap-rules.conf" ] || cp "$top_srcdir/conf/trap-rules.conf" "$PD_TMP/etc/"
    for l in "$@"; do
        printf '%s\n' "$l" >> "$out"
    done
}

# td_stat NAME: a counter from the stats file (empty when none yet).
td_stat() {
    awk -v k="$1" '$1 == k { print $2 }' "$PD_TMP/run/trapd.stats" 2>/dev/null
}

# td_start CONF [extra args...]: starts printdev-trapd in the foreground,
# logging to $PD_TMP/trapd.log; sets TD_PID; ready when it says started.
td_start() {
    local conf=$1 log="$PD_TMP/trapd.log"
    shift
    : > "$log"
    "$TD_BIN" -f -C -c "$conf" -Lf "$log" -p "$PD_TMP/trapd.pid" "$@" &
    TD_PID=$!
    pd_track "$TD_PID"
    if ! pd_wait_for 15 grep -q 'printdev-trapd started' "$log"; then
        pd_log "printdev-trapd did not become ready; log follows"
        sed 's/^/#   /' "$log" | tail -n 30
        return 1
    fi
}

# td_events DB: number of stored events.
td_events() {
    sqlite3 "$1" 'SELECT count(*) FROM events' 2>/dev/null || echo 0
}
