#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-set-fullfs.sh: a SET whose state cannot be saved fails, in both
# agent shapes.  printdevStateDir is a small tmpfs (the test mounts it: it
# needs root and mount permission, and skips with exit 77 otherwise); once
# the agent saved its state, a filler file takes every free block.  Then a
# SET answers commitFailed (SNMPv2c; genErr over SNMPv1, RFC 3584), the log says the
# SET was not applied, and nothing changed: the whole walk of our subtrees
# (printdevDeviceStateSaved included) and the state file are as before, and
# a kill -9 brings back the old value.  With room again the same SET
# passes and is on disk.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-set-fullfs
pa_init
pa_need_module
pa_need_shapes

[ "$(id -u)" -eq 0 ] || pd_skip "needs root to mount a tmpfs as the state directory"
FS="$PD_TMP/statefs"
mkdir -p "$FS"
if ! mount -t tmpfs -o size=256k,mode=0700 printdev-test "$FS" 2>"$PD_TMP/mount.err"; then
    pd_skip "cannot mount a tmpfs ($(cat "$PD_TMP/mount.err")): the full-disk check needs it"
fi
# stop the agents before the tmpfs goes, then the usual clean-up
fs_cleanup() {
    local pid
    for pid in $PD_PIDS; do pd_stop_pid "$pid"; done
    mountpoint -q "$FS" && umount "$FS"
    pd_cleanup
}
trap 'fs_cleanup' EXIT

G=$PA_PRTMIB.5.1.1
fill() { dd if=/dev/zero of="$FS/filler" bs=4k 2>/dev/null; sync; }

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    rm -rf "${FS:?}"/*
    if ! pa_start_shape "$shape" "$(pa_profile office)" rw "$FS"; then
        pd_ok "$shape: agent starts" false
        continue
    fi
    d=$(pa_devices "$PA_ADDR" | head -n 1)
    d=${d:-1}
    pd_eq "$shape: SET with room on the state filesystem" noError \
        "$(pa_set_status "$PA_ADDR" 2c "$PA_RW" $G.4.$d s "before full")"
    state=$(find "$FS" -maxdepth 1 -name '*.state' | head -n 1)
    pd_ok "$shape: state file on the tmpfs" test -n "$state"
    cp "$state" "$PD_TMP/state.before"
    fill
    pa_golden_walk "$PA_ADDR" > "$PD_TMP/before"
    log=$PD_TMP/snmpd.log
    [ "$shape" = agentx ] && log=$PD_TMP/printdevd.log

    pd_eq "$shape: SET on a full state filesystem -> commitFailed" commitFailed \
        "$(pa_set_status "$PA_ADDR" 2c "$PA_RW" $G.4.$d s "while full" $G.16.$d s "Full")"
    pd_eq "$shape: SNMPv1: genErr" genError \
        "$(pa_set_status "$PA_ADDR" 1 "$PA_RW" $G.4.$d s "while full v1")"
    pd_ok "$shape: the log says the SET was not applied" \
        grep -q 'SET not applied (commitFailed): the state could not be saved' "$log"
    pa_golden_walk "$PA_ADDR" > "$PD_TMP/after"
    if cmp -s "$PD_TMP/before" "$PD_TMP/after"; then
        pd_ok "$shape: nothing changed in memory (whole walk)" true
    else
        pd_ok "$shape: nothing changed in memory (whole walk)" false
        diff "$PD_TMP/before" "$PD_TMP/after" | head -n 10 | sed 's/^/#   /'
    fi
    pd_ok "$shape: nothing changed on disk (state file)" cmp -s "$PD_TMP/state.before" "$state"
    # kill -9 and restart (still full): the acknowledged value, not the refused one
    if [ "$shape" = agentx ]; then pid=$PA_SUB_PID; else pid=$PD_SNMPD_PID; fi
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    PD_PIDS=$(printf '%s\n' $PD_PIDS | grep -vx "$pid" | tr '\n' ' ')
    if [ "$shape" = agentx ]; then
        pa_start_printdevd "$PA_SUBCONF"
    else
        pd_start_snmpd "$PA_CONF" "$PA_ADDR" && pa_wait_ready "$PA_ADDR"
    fi
    pd_eq "$shape: after kill -9 and restart: the acknowledged value" 'STRING: "before full"' \
        "$(pa_get "$PA_ADDR" $G.4.$d)"

    # room again: the same SET passes and is durable
    rm -f "$FS/filler"
    pd_eq "$shape: SET with room again" noError \
        "$(pa_set_status "$PA_ADDR" 2c "$PA_RW" $G.4.$d s "after full")"
    pd_ok "$shape: state file holds it" grep -q 'after full' "$state"

    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    pd_stop_pid "$PD_SNMPD_PID"
done

pd_finish
