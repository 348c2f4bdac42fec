# SPDX-License-Identifier: GPL-2.0-or-later
# mibs: PRINTDEV-MIB, installed where Net-SNMP tools look for MIB files.
printdevmibsdir = $(datadir)/snmp/mibs
dist_printdevmibs_DATA = mibs/PRINTDEV-MIB.txt
TESTS += tests/integration/mib-lint.sh
EXTRA_DIST += tests/integration/mib-lint.sh
