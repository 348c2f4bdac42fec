#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-devices.sh: devices added and removed at run time over the feed
# (device add / device remove, printdevctl batch), dlmod and AgentX shapes.
# The agent starts with one profile device (prod-1, index 1, claiming the
# identity urn:uuid:prod with printdevIdentity) and printdevDeviceFirstIndex
# 10.  An added device's rows are served (printdevd: once the master has
# its registrations); `ok` means saved: SIGKILL
# right after it and the device is back after the restart, same index, with
# its live state; re-adding an identity is idempotent (same index, skeleton
# updated); a removed device's rows are gone and its index is never given to
# another identity; the identity a profile claims maps onto the profile's
# device; a batch with one bad line changes nothing (no row, no registry
# change, nothing half-registered).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-devices
pa_init
pf_init
pa_need_shapes

HRDESCR=.1.3.6.1.2.1.25.3.2.1.3     # hrDeviceDescr.N
SUPDESCR=.1.3.6.1.2.1.43.11.1.1.6   # prtMarkerSuppliesDescription.N.1
SUPLEVEL=.1.3.6.1.2.1.43.11.1.1.9   # prtMarkerSuppliesLevel.N.1
REG="$PA_STATE/devices.registry"

# skel NAME IDENTITY [DESCR]: a device add with its skeleton (profile lines)
skel() {
    cat <<EOF2
device add $1 identity=$2
printdevDescr "${3:-Lab printer}"
printdevLocalization 1 language en country US charset csUTF8
printdevMarker 1 tech electrophotographicLaser counterUnit impressions
printdevColorant 1 marker 1 role process value black
printdevSupply 1 marker 1 colorant 1 class supplyThatIsConsumed type toner unit percent max 100 level 80 description "Black toner"
printdevInput 1 type sheetFeedAutoRemovableTray name "Tray 1" unit sheets max 250 level 100
printdevOutput 1 type removableBin name "Out" unit sheets max 100 remaining 100
printdevMediaPath 1 type longEdgeBindingDuplex description "Path"
printdevChannel 1 type chIPP state printDataAccepted information "IPP"
printdevInterpreter 1 family langPS description "PostScript"
EOF2
}
add() { skel "$@" | pf_ctl batch; }
descr() { pa_get "$PA_ADDR" "$HRDESCR.$1" | sed 's/.*STRING: //'; }
absent() { pa_get "$PA_ADDR" "$1" | grep -q 'No Such'; }
served() { pa_get "$PA_ADDR" "$HRDESCR.$1" | grep -q 'STRING'; }
names() { pa_walk "$PA_ADDR" "$PA_DEVNAME" | sed 's/.*STRING: //' | tr '\n' ' '; }

sed 's/^printdevDevice 1 prod-1$/&\nprintdevIdentity urn:uuid:prod/' "$(pa_profile production)" > "$PD_TMP/prod.conf"
grep -q '^printdevIdentity urn:uuid:prod$' "$PD_TMP/prod.conf" || pd_die "profile copy"
PF_FEED_CONF="printdevDeviceFirstIndex 10"

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    PA_PORT=
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE" && chmod 0700 "$PA_STATE"
    pf_start "$shape" "$PD_TMP/prod.conf" || { pd_ok "$shape: agent starts" false; continue; }

    out=$(add lab-1 urn:uuid:aaaa)
    pd_eq "$shape: device add replies with the new index" \
        'device index=10 name="lab-1" identity="urn:uuid:aaaa" added' "$(printf '%s\n' "$out" | head -n 1)"
    # printdevd: the master serves the rows once it has the registrations
    # (asynchronous AgentX Register PDUs, normally milliseconds after ok)
    pd_wait_for 10 served 10
    pd_eq "$shape: its hrDeviceDescr is served" '"Lab printer"' "$(descr 10)"
    pd_eq "$shape: its supply row is served" '"Black toner"' "$(pa_get "$PA_ADDR" "$SUPDESCR.10.1" | sed 's/.*STRING: //')"
    pd_ok "$shape: live state on it" pf_ctl -q -d lab-1 set supply 1 level 33
    pf_ctl device add bare identity=urn:uuid:bare 2>/dev/null
    pd_eq "$shape: a device add without a skeleton fails validation" 1 $?
    # SIGKILL the moment the add is acknowledged
    out=$(add lab-2 urn:uuid:bbbb)
    pf_kill9
    pd_eq "$shape: lab-2 acknowledged at 11" \
        'device index=11 name="lab-2" identity="urn:uuid:bbbb" added' "$(printf '%s\n' "$out" | head -n 1)"
    pf_restart || { pd_ok "$shape: agent restarts after SIGKILL" false; pf_stop; continue; }
    pd_eq "$shape: after SIGKILL: lab-1 back at 10" '"Lab printer"' "$(descr 10)"
    pd_eq "$shape:   ... with its live state" 33 "$(pf_int "$PA_ADDR" "$SUPLEVEL.10.1")"
    pd_eq "$shape:   ... and lab-2 at 11 (SIGKILL right after its ok)" '"prod-1" "lab-1" "lab-2" ' "$(names)"
    pd_eq "$shape:   ... its hrDeviceDescr" '"Lab printer"' "$(descr 11)"

    pd_eq "$shape: re-add, same skeleton: unchanged, same index" \
        'device index=10 name="lab-1" identity="urn:uuid:aaaa" unchanged' "$(add lab-1 urn:uuid:aaaa | head -n 1)"
    pd_eq "$shape: re-add, new skeleton: updated, same index" \
        'device index=10 name="lab-1" identity="urn:uuid:aaaa" updated' \
        "$(add lab-1 urn:uuid:aaaa 'Lab printer v2' | head -n 1)"
    pd_eq "$shape:   ... new hrDeviceDescr" '"Lab printer v2"' "$(descr 10)"
    pd_eq "$shape:   ... live state kept" 33 "$(pf_int "$PA_ADDR" "$SUPLEVEL.10.1")"

    pd_eq "$shape: the identity a profile claims maps onto the profile device" \
        'device index=1 name="prod-1" identity="urn:uuid:prod" profile' \
        "$(add other urn:uuid:prod | head -n 1)"
    pd_ok "$shape:   ... no device 'other'" sh -c "! printf '%s' '$(names)' | grep -q other"

    # a bad batch changes nothing
    cp "$REG" "$PD_TMP/reg.before"
    before=$(names)
    { skel lab-4 urn:uuid:dddd; echo 'printdevSupply 2 marker 1 class bogus'; } | pf_ctl batch 2>/dev/null
    pd_eq "$shape: bad skeleton line: error" 1 $?
    { skel lab-4 urn:uuid:dddd; echo 'set input 99 level 1'; } | pf_ctl -d lab-1 batch 2>/dev/null
    pd_eq "$shape: bad command in the batch: error" 1 $?
    { skel lab-4 urn:uuid:dddd | grep -v printdevChannel; } | pf_ctl batch 2>/dev/null
    pd_eq "$shape: skeleton failing validation (no channel): error" 1 $?
    { skel lab-4 urn:uuid:dddd; skel lab-1 urn:uuid:eeee; } | pf_ctl batch 2>/dev/null
    pd_eq "$shape: name of another identity: error" 1 $?
    pf_ctl device remove prod-1 2>/dev/null
    pd_eq "$shape: a profile device cannot be removed" 1 $?
    pd_eq "$shape:   ... devices unchanged" "$before" "$(names)"
    pd_ok "$shape:   ... registry unchanged" cmp -s "$REG" "$PD_TMP/reg.before"
    pd_ok "$shape:   ... no hrDeviceDescr.12" absent "$HRDESCR.12"

    pd_eq "$shape: device remove" 'removed 10' "$(pf_ctl device remove lab-1)"
    pd_ok "$shape:   ... its rows are gone" absent "$HRDESCR.10"
    pd_ok "$shape:   ... and its supply rows" absent "$SUPDESCR.10.1"
    pd_ok "$shape:   ... its state file too" test ! -e "$PA_STATE/lab-1.state"
    pd_eq "$shape: another identity gets a new index, not 10" \
        'device index=12 name="lab-3" identity="urn:uuid:cccc" added' "$(add lab-3 urn:uuid:cccc | head -n 1)"
    pd_eq "$shape: the removed identity comes back at its own index" \
        'device index=10 name="lab-1" identity="urn:uuid:aaaa" added' "$(add lab-1 urn:uuid:aaaa | head -n 1)"
    pd_eq "$shape: remove by index" 'removed 12' "$(pf_ctl device remove 12)"
    pf_stop
    pf_restart || { pd_ok "$shape: agent restarts" false; pf_stop; continue; }
    pd_eq "$shape: after a restart: the same devices" '"prod-1" "lab-1" "lab-2" ' "$(names)"
    pd_eq "$shape:   ... get devices names identities and origin" \
'device index=1 name="prod-1" identity="urn:uuid:prod" added=no
device index=10 name="lab-1" identity="urn:uuid:aaaa" added=yes
device index=11 name="lab-2" identity="urn:uuid:bbbb" added=yes' "$(pf_ctl -q get devices)"
    pd_eq "$shape:   ... next new identity above every index ever given" \
        'device index=13 name="lab-5" identity="urn:uuid:ffff" added' "$(add lab-5 urn:uuid:ffff | head -n 1)"
    pf_stop
done
pd_finish
