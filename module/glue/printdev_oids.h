/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev_oids.h: every OID prefix the printdev glue registers or sends.
 *
 * This is the one place in C where numeric OIDs are spelt.  The tables and
 * instance registrations in the glue build their OIDs from these prefixes
 * plus the MIB's column sub-ids.  PRINTDEV_MIB_OID must stay equal to
 * printdevMIB in mibs/PRINTDEV-MIB.txt (netSnmpExperimental.4300).
 *
 * Sources: Printer-MIB of RFC 3805 (printmib = mib-2.43), HOST-RESOURCES-MIB
 * of RFC 2790 (hrDeviceEntry, hrPrinterEntry, hrDevicePrinter), PWG 5107.1
 * PRINTER-PORT-MONITOR-MIB (ppmMIB = enterprises.2699.1.2).
 */
#ifndef PRINTDEV_OIDS_H
#define PRINTDEV_OIDS_H

#include "printdev_mib.h"

/* Printer-MIB v2, RFC 3805 */
#define PRINTMIB_OID 1, 3, 6, 1, 2, 1, 43
/* printerV2Alert = printmib.18.2.0.1 (RFC 3805 prtAlertTrapGroup) */
#define PRINTER_V2_ALERT_OID PRINTMIB_OID, 18, 2, 0, 1
/* prtAlertEntry, for the notification varbinds */
#define PRT_ALERT_ENTRY_OID PRINTMIB_OID, 18, 1, 1

/* HOST-RESOURCES-MIB, RFC 2790 */
#define HR_DEVICE_ENTRY_OID 1, 3, 6, 1, 2, 1, 25, 3, 2, 1
#define HR_PRINTER_ENTRY_OID 1, 3, 6, 1, 2, 1, 25, 3, 5, 1
#define HR_DEVICE_PRINTER_OID 1, 3, 6, 1, 2, 1, 25, 3, 1, 5

/* PRINTER-PORT-MONITOR-MIB, PWG 5107.1-2005: ppmMIBObjects = ppmMIB.1 */
#define PPM_MIB_OBJECTS_OID 1, 3, 6, 1, 4, 1, 2699, 1, 2, 1

/* PRINTDEV-MIB: printdevMIB = netSnmpExperimental.4300 */
#define PRINTDEV_MIB_OID PRINTDEV_MIB_ARCS
/* printdevDeviceName = printdevDeviceEntry.1 = printdevMIB.1.2.1.1 (+ .d) */
#define PRINTDEV_DEVICE_NAME_OID PRINTDEV_MIB_OID, 1, 2, 1, 1

/* snmpTrapOID.0 (SNMPv2-MIB) */
#define SNMP_TRAP_OID_0 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0

#endif
