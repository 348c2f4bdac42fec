# SPDX-License-Identifier: GPL-2.0-or-later
# tests/integration/client-lib.sh: helpers for the real-client tests
# (tests/integration/client-*.sh): unmodified third-party SNMP clients
# (CUPS backends, prometheus-snmp-exporter, pysnmp, the Net-SNMP tools as a
# check_printer-style plugin uses them) read one printer from an agent
# started with tests/integration/feed-lib.sh, in both shapes.
#
# Device selection is one place: pc_select.  One agent serves every shipped
# profile unchanged (pa_fleet, each device at its own hrDeviceIndex), and the
# clients read each device alone in its own SNMP context, where it is
# device 1 with its own system group: over v1/v2c through a community mapped
# to the context (PC_COMMUNITY, a `com2sec -Cn CONTEXT` line plus its group
# and access lines that pc_start gives the agent through PF_EXTRA), over
# SNMPv3 with contextName PC_CONTEXT (the tests' v3 user may use every
# context).  Every client and every cross-check read in the client tests
# uses PC_COMMUNITY or PC_CONTEXT, never a literal community.
#
#   . "$top_srcdir/tests/lib.sh"
#   . "$top_srcdir/tests/integration/lib-agent.sh"
#   . "$top_srcdir/tests/integration/feed-lib.sh"
#   . "$top_srcdir/tests/integration/client-lib.sh"
#   pd_init client-foo; pa_init; pf_init
#   pc_start dlmod               # every shipped profile; sets PA_ADDR
#   pc_select office             # sets PC_DEVICE, PC_PROFILE, PC_CONTEXT, PC_COMMUNITY
#   pc_ctl set supply 1 level 3  # printdevctl on the selected device

# The client's view of the selected device (see the comment above).
PC_CONTEXT=
PC_COMMUNITY=public

# pc_timeout SECONDS CMD...: every client runs bounded.
pc_timeout() { timeout -k 5 "$@"; }

# pc_context FILE: the SNMP context of the (first) device of a profile: its
# printdevSystem context, else the device name.
pc_context() {
    local c
    c=$(sed -n 's/^printdevSystem.*[[:space:]]context[[:space:]]\{1,\}\([A-Za-z0-9._-]\{1,\}\).*/\1/p' "$1" | head -n 1)
    [ -n "$c" ] || c=$(awk '$1 == "printdevDevice" { print $3; exit }' "$1")
    echo "$c"
}

# pc_community CONTEXT: the test community mapped to CONTEXT.
pc_community() { echo "ctx-$1"; }

# pc_context_conf: snmpd.conf lines mapping one community per shipped
# profile's context (read-only, loopback).
pc_context_conf() {
    local n c
    echo "view pcCtxView included .1"
    for n in $(pa_profiles); do
        c=$(pc_context "$(pa_profile "$n")")
        echo "com2sec -Cn $c pcCtx_$c 127.0.0.1 $(pc_community "$c")"
        echo "group pcCtxGroup v1 pcCtx_$c"
        echo "group pcCtxGroup v2c pcCtx_$c"
    done
    echo "access pcCtxGroup \"\" any noauth prefix pcCtxView none none"
}

# pc_select NAME: the shipped profile NAME's device, read alone in its own
# context.  Sets PC_PROFILE (the profile file), PC_DEVICE (its device name,
# for printdevctl -d), PC_CONTEXT and PC_COMMUNITY.
pc_select() {
    PC_PROFILE=$(pa_profile "$1")
    [ -f "$PC_PROFILE" ] || pd_die "no shipped profile $1"
    PC_DEVICE=$(awk '$1 == "printdevDevice" { print $3; exit }' "$PC_PROFILE")
    [ -n "$PC_DEVICE" ] || pd_die "$PC_PROFILE has no printdevDevice line"
    PC_CONTEXT=$(pc_context "$PC_PROFILE")
    PC_COMMUNITY=$(pc_community "$PC_CONTEXT")
}

# pc_ctx_ready: does every shipped profile's context answer?  (Over AgentX
# the contexts are registered after the default-context objects.)
pc_ctx_ready() {
    local n c
    for n in $(pa_profiles); do
        c=$(pc_context "$(pa_profile "$n")")
        snmpget -v2c -c "$(pc_community "$c")" -On -t 0.5 -r 0 "$PA_ADDR" .1.3.6.1.2.1.25.3.2.1.1.1 2>/dev/null |
            grep -q '= INTEGER: 1$' || return 1
    done
}

# pc_start SHAPE [PORT]: a fresh agent (fresh state directory) in SHAPE
# serving every shipped profile, with the feed socket and the context
# communities; PORT defaults to a free high port (CUPS tests pass 161 inside
# their private namespace).
pc_start() {
    local shape=$1
    PA_STATE="$PD_TMP/state-$shape"
    mkdir -p "$PA_STATE"
    chmod 0700 "$PA_STATE"
    PA_PORT=${2:-}
    PF_EXTRA="${PC_EXTRA:-}
$(pc_context_conf)"
    pf_start "$shape" "$(pa_fleet)" || return 1
    pd_wait_for 20 pc_ctx_ready || { pd_log "the devices' contexts do not answer"; return 1; }
}

pc_stop() { pf_stop; }

# pc_ctl ARGS...: printdevctl on the selected device.
pc_ctl() { pf_ctl -d "$PC_DEVICE" "$@"; }

# pc_prof_field TOKEN N KEY: the value of KEY in the profile row `TOKEN N`
# (e.g. printdevSupply 1 level) of the selected profile file.
pc_prof_field() {
    awk -v tok="$1" -v n="$2" -v key="$3" '
        $1 == tok && $2 == n {
            line = $0; sub(/^[^ ]+ [^ ]+ /, "", line)
            while (line != "") {
                if (match(line, /^[A-Za-z0-9]+ /) == 0) exit
                k = substr(line, 1, RLENGTH - 1); line = substr(line, RLENGTH + 1)
                if (substr(line, 1, 1) == "\"") {
                    line = substr(line, 2); e = index(line, "\"")
                    v = substr(line, 1, e - 1); line = substr(line, e + 1)
                } else {
                    e = index(line, " "); if (e == 0) e = length(line) + 1
                    v = substr(line, 1, e - 1); line = substr(line, e)
                }
                sub(/^ +/, "", line)
                if (k == key) { print v; exit }
            }
        }' "$PC_PROFILE"
}

# pc_prof_rows TOKEN: the row numbers of every TOKEN line, in order.
pc_prof_rows() { awk -v tok="$1" '$1 == tok { print $2 }' "$PC_PROFILE" | sort -n; }

# pc_prof_value TOKEN: the first quoted value of a device-wide token
# (printdevDescr, printdevIeee1284Id).
pc_prof_value() {
    sed -n "s/^$1[[:space:]]\\{1,\\}\"\\(.*\\)\"[[:space:]]*\$/\\1/p" "$PC_PROFILE" | head -n 1
}

# pc_netns_enter "$@": run the calling test again inside a private network
# namespace (only loopback, brought up here), where its agent may bind
# 127.0.0.1:161 without touching the machine's ports.  Skips (77) only when
# no namespace can be made.  Call before pd_init.
pc_netns_enter() {
    if [ -z "${PC_IN_NETNS:-}" ]; then
        command -v unshare >/dev/null 2>&1 || pd_skip "unshare(1) not installed: no private network namespace"
        command -v ip >/dev/null 2>&1 || pd_skip "ip(8) not installed: cannot bring up loopback in a namespace"
        if unshare -n true 2>/dev/null; then
            PC_IN_NETNS=1 exec unshare -n -- "${SHELL:-/bin/sh}" "$0" "$@"
        elif unshare -rn true 2>/dev/null; then
            PC_IN_NETNS=1 exec unshare -rn -- "${SHELL:-/bin/sh}" "$0" "$@"
        fi
        pd_skip "cannot create a private network namespace (unshare -n needs root or user namespaces)"
    fi
    ip link set lo up || pd_die "cannot bring up loopback in the private namespace"
}

# pc_sink_start PORT: a TCP sink on 127.0.0.1:PORT that reads every
# connection to its end (a printer's raw port for the CUPS backends); sets
# PC_SINK_PID.
pc_sink_start() {
    command -v python3 >/dev/null 2>&1 || pd_die "python3 is needed for the TCP sink"
    python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
while True:
    c, _ = s.accept()
    c.settimeout(30)
    try:
        while c.recv(65536):
            pass
    except OSError:
        pass
    c.close()
' "$1" &
    PC_SINK_PID=$!
    pd_track "$PC_SINK_PID"
    pd_wait_for 10 sh -c "ss -H -ltn 'sport = :$1' | grep -q ." || pd_die "TCP sink on port $1 did not start"
}
