#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# mib-lint.sh: PRINTDEV-MIB is clean SMIv2 and its root agrees with the C code.
#   - `smilint -l 6` prints nothing for mibs/PRINTDEV-MIB.txt (smilint exits 0
#     even when it reports problems, so its output is what counts);
#   - snmptranslate loads the module and resolves its objects;
#   - the root in module/common/printdev_mib.h (sub-identifiers and dotted
#     string) equals printdevMIB as the MIB module defines it.
# The IETF modules PRINTDEV-MIB imports (SNMPv2-SMI/TC/CONF,
# HOST-RESOURCES-MIB) are not shipped by Debian; point PRINTDEV_IETF_MIBS at a
# directory holding them (colon-separated list).  Without it the test skips.
. "$top_srcdir/tests/lib.sh"

[ -n "${PRINTDEV_IETF_MIBS:-}" ] || pd_skip "PRINTDEV_IETF_MIBS not set (directory of IETF MIB modules)"
command -v smilint >/dev/null 2>&1 || pd_skip "smilint not installed (smitools)"
PD_NAME=mib-lint
mib="$top_srcdir/mibs/PRINTDEV-MIB.txt"
path="$PRINTDEV_IETF_MIBS:/usr/share/snmp/mibs"

out=$(SMIPATH="$path" smilint -l 6 "$mib" 2>&1)
pd_eq "smilint -l 6 reports nothing" "" "$out"

root_mib=$(snmptranslate -M "$path:$top_srcdir/mibs" -m PRINTDEV-MIB -On PRINTDEV-MIB::printdevMIB 2>&1)
pd_eq "snmptranslate resolves printdevMIB" ".1.3.6.1.4.1.8072.9999.4300" "$root_mib"

hdr="$top_srcdir/module/common/printdev_mib.h"
arcs=$(sed -n 's/^#define PRINTDEV_MIB_ARCS //p' "$hdr" | tr -d ' ' | tr ',' '.')
str=$(sed -n 's/^#define PRINTDEV_MIB_STR "\(.*\)"/\1/p' "$hdr")
pd_eq "C sub-identifiers equal the MIB root" "$root_mib" ".$arcs"
pd_eq "C dotted string equals the MIB root" "$root_mib" ".$str"
n=$(grep -c '::= { netSnmpExperimental' "$mib")
pd_eq "the MIB defines its root once" 1 "$n"

for obj in printdevAgentVersion printdevDeviceName printdevBillingImpressions printdevFeedConnected; do
  o=$(snmptranslate -M "$path:$top_srcdir/mibs" -m PRINTDEV-MIB -On "PRINTDEV-MIB::$obj" 2>/dev/null)
  pd_ok "snmptranslate resolves $obj ($o)" test -n "$o"
done
pd_finish
