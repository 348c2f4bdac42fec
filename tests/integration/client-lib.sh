# SPDX-License-Identifier: GPL-2.0-or-later
# tests/integration/client-lib.sh: helpers for the real-client tests
# (tests/integration/client-*.sh): unmodified third-party SNMP clients
# (CUPS backends, prometheus-snmp-exporter, pysnmp, the Net-SNMP tools as a
# check_printer-style plugin uses them) read one printer from an agent
# started with tests/integration/feed-lib.sh, in both shapes.
#
# Device selection is one place: pc_select.  Today every agent serves ONE
# shipped profile, renumbered so that its device is hrDeviceIndex 1, and
# the clients read it in the default context (PC_CONTEXT empty, community
# public).  When per-device contexts exist, pc_start loads every shipped
# profile unchanged in one agent (pa_fleet), pc_select sets PC_CONTEXT to the
# device's context name and PC_COMMUNITY to a community mapped to that
# context (a `com2sec -Cn CONTEXT` line plus its group/access lines, given
# to the agent through PF_EXTRA), and the renumbering goes away; the checks
# themselves stay as they are (device 1 of the selected view).  Every client
# and every cross-check read in the client tests uses PC_COMMUNITY or
# PC_CONTEXT, never a literal community.
#
#   . "$top_srcdir/tests/lib.sh"
#   . "$top_srcdir/tests/integration/lib-agent.sh"
#   . "$top_srcdir/tests/integration/feed-lib.sh"
#   . "$top_srcdir/tests/integration/client-lib.sh"
#   pd_init client-foo; pa_init; pf_init
#   pc_start dlmod office        # sets PA_ADDR, PC_DEVICE, PC_PROFILE
#   pc_ctl set supply 1 level 3  # printdevctl on the selected device

# The client's view of the selected device (see the comment above).
PC_CONTEXT=
PC_COMMUNITY=public

# pc_timeout SECONDS CMD...: every client runs bounded.
pc_timeout() { timeout -k 5 "$@"; }

# pc_select NAME: the shipped profile NAME as the clients' device 1.  Sets
# PC_PROFILE (the profile file to load), PC_DEVICE (its device name, for
# printdevctl -d), PC_CONTEXT and PC_COMMUNITY.
pc_select() {
    local src
    src=$(pa_profile "$1")
    [ -f "$src" ] || pd_die "no shipped profile $1"
    PC_DEVICE=$(awk '$1 == "printdevDevice" { print $3; exit }' "$src")
    [ -n "$PC_DEVICE" ] || pd_die "$src has no printdevDevice line"
    # Today: the default context, the device renumbered to 1.
    PC_PROFILE="$PD_TMP/$1-as-device-1.conf"
    sed 's/^printdevDevice[[:space:]]\{1,\}[0-9]\{1,\}[[:space:]]/printdevDevice 1 /' "$src" > "$PC_PROFILE"
    PC_CONTEXT=
    PC_COMMUNITY=public
}

# pc_start SHAPE NAME [PORT]: a fresh agent (fresh state directory) in SHAPE
# serving the selected profile NAME with the feed socket; PORT defaults to a
# free high port (CUPS tests pass 161 inside their private namespace).
pc_start() {
    local shape=$1 name=$2
    pc_select "$name"
    PA_STATE="$PD_TMP/state-$shape-$name"
    mkdir -p "$PA_STATE"
    chmod 0700 "$PA_STATE"
    PA_PORT=${3:-}
    pf_start "$shape" "$PC_PROFILE"
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
