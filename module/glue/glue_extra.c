/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_extra.c: the non-Printer-MIB objects printdev serves, as glue
 * descriptors with their value functions:
 *
 *  - the printer's HOST-RESOURCES-MIB rows (RFC 2790 hrDeviceEntry 25.3.2.1,
 *    hrPrinterEntry 25.3.5.1).  These two descriptors are registered cell by
 *    cell (glue_hr_sync), never as tables: snmpd's host module owns the
 *    tables themselves.  hrDeviceType is hrDevicePrinter (25.3.1.5),
 *    hrPrinterDetectedErrorState is always 2 octets (RFC 3805 §2.2.13.2.1).
 *  - PWG 5107.1 PRINTER-PORT-MONITOR-MIB: ppmGeneral scalars,
 *    ppmPrinterTable and ppmPortTable.  ppmPrinterIndex is the device's
 *    hrDeviceIndex (so hrDeviceIndex 1 is ppmPrinterIndex 1, the row CUPS
 *    reads); ppmPrinterHrDeviceIndex repeats it.
 *  - PRINTDEV-MIB (mibs/PRINTDEV-MIB.txt): printdevAgent scalars,
 *    printdevDeviceTable, printdevBillingTable (Counter64).
 *
 * Sample:
 *   HOST-RESOURCES-MIB::hrDeviceType.1 = OID: HOST-RESOURCES-TYPES::hrDevicePrinter
 *   PRINTER-PORT-MONITOR-MIB::ppmPrinterIEEE1284DeviceId.1 = STRING: "MFG:...;MDL:...;"
 *   PRINTDEV-MIB::printdevBillingImpressions.1.2.1.2 = Counter64: 4711
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "glue_internal.h"
#include "printdev_glue.h"
#include "printdev_oids.h"

#define I ASN_INTEGER
#define S ASN_OCTET_STR
#define C ASN_COUNTER
#define G ASN_GAUGE
#define T ASN_TIMETICKS
#define O ASN_OBJECT_ID
#define NA GLUE_NA
#define RO GLUE_RO

#define TV(b) ((b) ? 1 : 2) /* TruthValue */

/* ---- hrDeviceEntry / hrPrinterEntry cells ---- */
static const struct glue_col hr_device_cols[] = {
    { 1, I, RO }, { 2, O, RO }, { 3, S, RO }, { 4, O, RO }, { 5, I, RO }, { 6, C, RO },
};
static const oid hr_device_printer[] = { HR_DEVICE_PRINTER_OID };
static const oid zero_dot_zero[] = { 0, 0 };

static int hr_device_value(const struct glue_table *t, const struct prt_model *m,
                           const struct prt_device *d, const void *row, const oid *idx,
                           oid col, struct glue_val *v)
{
    switch (col) {
    case 1: v->i = d->hr_index; break;
    case 2:
        v->p = hr_device_printer;
        v->len = sizeof(hr_device_printer);
        break;
    case 3: glue_set_string(v, d->hr_descr); break;
    case 4:
        if (d->hr_device_id.len < 2 || d->hr_device_id.len > PRT_OID_MAX) {
            v->p = zero_dot_zero; /* "unknown" per HOST-RESOURCES-MIB ProductID */
            v->len = sizeof(zero_dot_zero);
        } else {
            for (uint32_t i = 0; i < d->hr_device_id.len; i++)
                v->obuf[i] = d->hr_device_id.ids[i];
            v->p = v->obuf;
            v->len = d->hr_device_id.len * sizeof(oid);
        }
        break;
    case 5: v->i = d->hr_device_status; break;
    case 6: v->i = (long)d->hr_device_errors; break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col hr_printer_cols[] = { { 1, I, RO }, { 2, S, RO } };

static int hr_printer_value(const struct glue_table *t, const struct prt_model *m,
                            const struct prt_device *d, const void *row, const oid *idx,
                            oid col, struct glue_val *v)
{
    switch (col) {
    case 1: v->i = d->hr_printer_status; break;
    case 2:
        v->p = d->hr_error_state;
        v->len = 2;
        break;
    default: return -1;
    }
    return 0;
}

const struct glue_table glue_hr_device_table = {
    .name = "hrDeviceTable", .entry = { HR_DEVICE_ENTRY_OID }, .entry_len = 10,
    .cols = hr_device_cols, .ncols = GLUE_NCOLS(hr_device_cols), .shape = GLUE_IX_DEVICE,
    .value = hr_device_value,
};
const struct glue_table glue_hr_printer_table = {
    .name = "hrPrinterTable", .entry = { HR_PRINTER_ENTRY_OID }, .entry_len = 10,
    .cols = hr_printer_cols, .ncols = GLUE_NCOLS(hr_printer_cols), .shape = GLUE_IX_DEVICE,
    .value = hr_printer_value,
};

/* ---- Port Monitor MIB ---- */
static const struct glue_col ppm_general_cols[] = { { 1, S, RO }, { 2, G, RO }, { 3, G, RO } };

static int ppm_general_value(const struct glue_table *t, const struct prt_model *m,
                             const struct prt_device *d, const void *row, const oid *idx,
                             oid col, struct glue_val *v)
{
    size_t ports = 0;
    switch (col) {
    case 1: glue_set_string(v, "en"); break; /* ppmGeneralNaturalLanguage: RFC 1766 tag */
    case 2: v->i = (long)m->n_devices; break;
    case 3:
        for (size_t i = 0; i < m->n_devices; i++)
            ports += m->devices[i]->n_ports;
        v->i = (long)ports;
        break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col ppm_printer_cols[] = {
    { 1, I, NA }, { 2, S, RO }, { 3, S, RO }, { 4, G, RO },
    { 5, I, RO }, { 6, I, RO }, { 7, S, RO }, { 8, I, RO },
};

static int ppm_printer_value(const struct glue_table *t, const struct prt_model *m,
                             const struct prt_device *d, const void *row, const oid *idx,
                             oid col, struct glue_val *v)
{
    switch (col) {
    case 2:
        glue_set_string(v, d->general.printer_name[0] ? d->general.printer_name : d->name);
        break;
    case 3: glue_set_string(v, d->ieee1284_id); break;
    case 4: v->i = (long)d->n_ports; break;
    case 5: v->i = d->n_ports ? d->ports[0].index : 0; break;
    case 6: v->i = d->hr_index; break;
    case 7: glue_set_string(v, ""); break; /* the community is not published */
    case 8: v->i = TV(1); break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col ppm_port_cols[] = {
    { 1, I, NA }, { 2, I, RO }, { 3, S, RO }, { 4, S, RO }, { 5, I, RO },
    { 6, I, RO }, { 7, I, RO }, { 8, I, RO }, { 9, I, RO },
};

static int ppm_port_value(const struct glue_table *t, const struct prt_model *m,
                          const struct prt_device *d, const void *row, const oid *idx,
                          oid col, struct glue_val *v)
{
    const struct prt_ppm_port *p = row;
    switch (col) {
    case 2: v->i = TV(p->enabled); break;
    case 3: glue_set_string(v, p->name); break;
    case 4: glue_set_string(v, p->service_uri); break;
    case 5: v->i = p->protocol_type; break;
    case 6: v->i = p->target_port; break;
    case 7: v->i = TV(p->alt_source_enabled); break;
    case 8: v->i = p->channel_index; break;
    case 9: v->i = TV(p->lpr_byte_count_enabled); break;
    default: return -1;
    }
    return 0;
}

/* ---- PRINTDEV-MIB ---- */
static struct glue_devinfo *devinfo;
static size_t n_devinfo;
static uint32_t agent_last_update;
static unsigned feed_clients;

int glue_devinfo_reset(const struct prt_model *m)
{
    glue_devinfo_free();
    if (m->n_devices == 0)
        return 0;
    devinfo = calloc(m->n_devices, sizeof(*devinfo));
    if (!devinfo)
        return -1;
    for (size_t i = 0; i < m->n_devices; i++)
        devinfo[i].hr_index = m->devices[i]->hr_index;
    n_devinfo = m->n_devices;
    return 0;
}

void glue_devinfo_free(void)
{
    free(devinfo);
    devinfo = NULL;
    n_devinfo = 0;
    agent_last_update = 0;
    feed_clients = 0;
}

static struct glue_devinfo *devinfo_find(int32_t hr)
{
    size_t lo = 0, hi = n_devinfo;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (devinfo[mid].hr_index == hr)
            return &devinfo[mid];
        if (devinfo[mid].hr_index < hr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void glue_devinfo_touch(int32_t hr_index, uint32_t now)
{
    struct glue_devinfo *di = devinfo_find(hr_index);
    if (now == 0)
        now = 1; /* 0 means "never" */
    if (di)
        di->last_update = now;
    agent_last_update = now;
}

void glue_devinfo_connected(int32_t hr_index, int connected)
{
    struct glue_devinfo *di = devinfo_find(hr_index);
    if (di)
        di->feed_connected = connected;
}

void printdev_glue_feed_clients(unsigned n)
{
    feed_clients = n;
}

static const struct glue_col agent_cols[] = {
    { 1, S, RO }, { 2, G, RO }, { 3, G, RO }, { 4, G, RO }, { 5, T, RO },
};

static int agent_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    switch (col) {
    case 1: glue_set_string(v, PACKAGE_VERSION); break;
    case 2: v->i = (long)m->n_devices; break;
    case 3: v->i = (long)printdev_glue_profile_errors(); break;
    case 4: v->i = (long)feed_clients; break;
    case 5: v->i = (long)agent_last_update; break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col pdev_cols[] = {
    { 1, S, RO }, { 2, I, RO }, { 3, I, RO }, { 4, T, RO }, { 5, I, RO },
};

static int pdev_value(const struct glue_table *t, const struct prt_model *m,
                      const struct prt_device *d, const void *row, const oid *idx, oid col,
                      struct glue_val *v)
{
    const struct glue_devinfo *di = devinfo_find(d->hr_index);
    switch (col) {
    case 1: glue_set_string(v, d->name); break;
    case 2: v->i = TV(1); break; /* only devices whose profile loaded are registered */
    case 3: v->i = TV(di && di->feed_connected); break;
    case 4: v->i = di ? (long)di->last_update : 0; break;
    case 5: v->i = TV(d->saved_generation == d->generation); break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col billing_cols[] = {
    { 1, I, NA }, { 2, I, NA }, { 3, I, NA }, { 4, ASN_COUNTER64, RO },
};

static int billing_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    uint64_t n;
    if (col != 4)
        return -1;
    /* index values are 1-based enums; the model's arrays are 0-based */
    n = d->billing[idx[1] - 1][idx[2] - 1][idx[3] - 1];
    v->c64.high = (u_long)(n >> 32);
    v->c64.low = (u_long)(n & 0xffffffffu);
    return 0;
}

#define COLS(a) .cols = a, .ncols = GLUE_NCOLS(a)

const struct glue_table glue_extra_tables[] = {
    { .name = "ppmGeneral", .entry = { PPM_MIB_OBJECTS_OID, 1 }, .entry_len = 11,
      COLS(ppm_general_cols), .shape = GLUE_IX_SCALAR, .value = ppm_general_value },
    { .name = "ppmPrinterTable", .entry = { PPM_MIB_OBJECTS_OID, 2, 1, 1 }, .entry_len = 13,
      COLS(ppm_printer_cols), .shape = GLUE_IX_DEVICE, .value = ppm_printer_value },
    { .name = "ppmPortTable", .entry = { PPM_MIB_OBJECTS_OID, 3, 1, 1 }, .entry_len = 13,
      COLS(ppm_port_cols), GLUE_ROWS(prt_ppm_port, ports, n_ports), .value = ppm_port_value },
    { .name = "printdevDeviceTable", .entry = { PRINTDEV_MIB_OID, 1, 2, 1 }, .entry_len = 12,
      COLS(pdev_cols), .shape = GLUE_IX_DEVICE, .value = pdev_value },
    { .name = "printdevBillingTable", .entry = { PRINTDEV_MIB_OID, 1, 3, 1 }, .entry_len = 12,
      COLS(billing_cols), .shape = GLUE_IX_BILLING, .value = billing_value },
};
const size_t glue_extra_ntables = GLUE_NCOLS(glue_extra_tables);

/* printdevAgent is served even when no device loaded, so that
 * printdevAgentProfileErrors can be read remotely. */
const struct glue_table glue_agent_table = {
    .name = "printdevAgent", .entry = { PRINTDEV_MIB_OID, 1, 1 }, .entry_len = 11,
    COLS(agent_cols), .shape = GLUE_IX_SCALAR, .value = agent_value,
};
