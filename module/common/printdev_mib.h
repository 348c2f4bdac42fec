/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev_mib.h: the root of PRINTDEV-MIB, the only place in C that spells it.
 *
 * mibs/PRINTDEV-MIB.txt: printdevMIB ::= { netSnmpExperimental 4300 },
 * netSnmpExperimental = 1.3.6.1.4.1.8072.9999 (NET-SNMP-MIB).  It stays
 * under Net-SNMP's experimental arc until an IANA enterprise number exists.
 * The agent glue uses the sub-identifier list, the pure trap translator the
 * dotted string; tests/integration/mib-lint.sh checks that both agree with
 * each other and with the MIB module.
 */
#ifndef PRINTDEV_MIB_H
#define PRINTDEV_MIB_H

#define PRINTDEV_MIB_ARCS 1, 3, 6, 1, 4, 1, 8072, 9999, 4300
#define PRINTDEV_MIB_STR "1.3.6.1.4.1.8072.9999.4300"

#endif
