/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_system.h: a device's SNMP context and the MIB-II system group it
 * answers there (RFC 3418 sysDescr, sysObjectID, sysContact, sysName,
 * sysLocation, sysServices), as configured by the profile's printdevSystem
 * token (printdev-profile(5)), with the defaults derived from the model:
 *
 *   context     the device name
 *   sysDescr    "<manufacturer> <model>" from the IEEE 1284 device id (MFG,
 *               MDL), as real printers answer (e.g. "SHARP MX-3570N"),
 *               else hrDeviceDescr
 *   sysObjectID hrDeviceID (a product OID under the vendor's enterprise),
 *               else none (the glue answers printdev's own OID)
 *   sysName     prtGeneralPrinterName, else the device name
 *   sysServices 72 (applications + end-to-end, RFC 3418)
 *
 * Pure C, no Net-SNMP headers.
 */
#ifndef PRT_SYSTEM_H
#define PRT_SYSTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* contextName is an SnmpAdminString (SIZE(0..32)), RFC 3411 */
#define PRT_CONTEXT_MAX 32
#define PRT_SYS_SERVICES_DEFAULT 72

struct prt_system {
    char context[PRT_CONTEXT_MAX + 1]; /* "" = the device name */
    char descr[256];                   /* sysDescr, "" = derived */
    uint32_t object_id[64];            /* sysObjectID, object_id_len 0 = derived */
    uint32_t object_id_len;
    char contact[256];                 /* sysContact */
    char name[256];                    /* sysName, "" = derived */
    char location[256];                /* sysLocation */
    int32_t services;                  /* sysServices 0..127 when services_set */
    bool services_set;
    bool default_context;              /* also answer the system group in the default context */
};

struct prt_device;
struct prt_model;

/* The SNMP context the device is served in alone. */
const char *prt_system_context(const struct prt_device *d);
/* sysDescr into buf (NUL-terminated, at most len-1 octets). */
void prt_system_descr(const struct prt_device *d, char *buf, size_t len);
/* sysObjectID: the sub-ids and their number; 0 when neither set nor derivable. */
size_t prt_system_object_id(const struct prt_device *d, const uint32_t **ids);
const char *prt_system_name(const struct prt_device *d);
int32_t prt_system_services(const struct prt_device *d);
/* 1 when s may be a context name (1..32 octets of letters, digits, '-',
 * '_', '.'), 0 otherwise. */
int prt_system_context_valid(const char *s);

#endif
