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
 * Column lists come from the column catalogue (glue_columns.h), the value
 * switches use its PRT_COL_* names.
 *
 * Sample:
 *   HOST-RESOURCES-MIB::hrDeviceType.1 = OID: HOST-RESOURCES-TYPES::hrDevicePrinter
 *   PRINTER-PORT-MONITOR-MIB::ppmPrinterIEEE1284DeviceId.1 = STRING: "MFG:...;MDL:...;"
 *   PRINTDEV-MIB::printdevBillingImpressions.1.2.1.2 = Counter64: 4711
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "feed_server.h"
#include "glue_columns.h"
#include "glue_internal.h"
#include "printdev_glue.h"
#include "printdev_oids.h"

#define TV(b) ((b) ? 1 : 2) /* TruthValue */

/* ---- hrDeviceEntry / hrPrinterEntry cells ---- */
static const struct glue_col hr_device_cols[] = { GLUE_COLS_HR_DEVICE };
static const oid hr_device_printer[] = { HR_DEVICE_PRINTER_OID };
static const oid zero_dot_zero[] = { 0, 0 };

static int hr_device_value(const struct glue_table *t, const struct prt_model *m,
                           const struct prt_device *d, const void *row, const oid *idx,
                           oid col, struct glue_val *v)
{
    switch (col) {
    case PRT_COL_HR_DEVICE_INDEX: v->i = v->hr; break;
    case PRT_COL_HR_DEVICE_TYPE:
        v->p = hr_device_printer;
        v->len = sizeof(hr_device_printer);
        break;
    case PRT_COL_HR_DEVICE_DESCR: glue_set_string(v, d->hr_descr); break;
    case PRT_COL_HR_DEVICE_ID:
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
    case PRT_COL_HR_DEVICE_STATUS: v->i = d->hr_device_status; break;
    case PRT_COL_HR_DEVICE_ERRORS: v->i = (long)d->hr_device_errors; break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col hr_printer_cols[] = { GLUE_COLS_HR_PRINTER };

static int hr_printer_value(const struct glue_table *t, const struct prt_model *m,
                            const struct prt_device *d, const void *row, const oid *idx,
                            oid col, struct glue_val *v)
{
    switch (col) {
    case PRT_COL_HR_PRINTER_STATUS: v->i = d->hr_printer_status; break;
    case PRT_COL_HR_PRINTER_DETECTED_ERROR_STATE:
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
static const struct glue_col ppm_general_cols[] = { GLUE_COLS_PPM_GENERAL };

static int ppm_general_value(const struct glue_table *t, const struct prt_model *m,
                             const struct prt_device *d, const void *row, const oid *idx,
                             oid col, struct glue_val *v)
{
    size_t ports = 0;
    switch (col) {
    case PRT_COL_PPM_GENERAL_NATURAL_LANGUAGE: glue_set_string(v, "en"); break; /* ppmGeneralNaturalLanguage: RFC 1766 tag */
    case PRT_COL_PPM_GENERAL_NUMBER_OF_PRINTERS: v->i = d ? 1 : (long)m->n_devices; break;
    case PRT_COL_PPM_GENERAL_NUMBER_OF_PORTS:
        if (d) { /* a device's own context */
            v->i = (long)d->n_ports;
            break;
        }
        for (size_t i = 0; i < m->n_devices; i++)
            ports += m->devices[i]->n_ports;
        v->i = (long)ports;
        break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col ppm_printer_cols[] = { GLUE_COLS_PPM_PRINTER };

static int ppm_printer_value(const struct glue_table *t, const struct prt_model *m,
                             const struct prt_device *d, const void *row, const oid *idx,
                             oid col, struct glue_val *v)
{
    switch (col) {
    case PRT_COL_PPM_PRINTER_NAME:
        glue_set_string(v, d->general.printer_name[0] ? d->general.printer_name : d->name);
        break;
    case PRT_COL_PPM_PRINTER_IEEE1284_DEVICE_ID: glue_set_string(v, d->ieee1284_id); break;
    case PRT_COL_PPM_PRINTER_NUMBER_OF_PORTS: v->i = (long)d->n_ports; break;
    case PRT_COL_PPM_PRINTER_PREFERRED_PORT_INDEX: v->i = d->n_ports ? d->ports[0].index : 0; break;
    case PRT_COL_PPM_PRINTER_HR_DEVICE_INDEX: v->i = v->hr; break;
    case PRT_COL_PPM_PRINTER_SNMP_COMMUNITY_NAME: glue_set_string(v, ""); break; /* the community is not published */
    case PRT_COL_PPM_PRINTER_SNMP_QUERY_ENABLED: v->i = TV(1); break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col ppm_port_cols[] = { GLUE_COLS_PPM_PORT };

static int ppm_port_value(const struct glue_table *t, const struct prt_model *m,
                          const struct prt_device *d, const void *row, const oid *idx,
                          oid col, struct glue_val *v)
{
    const struct prt_ppm_port *p = row;
    switch (col) {
    case PRT_COL_PPM_PORT_ENABLED: v->i = TV(p->enabled); break;
    case PRT_COL_PPM_PORT_NAME: glue_set_string(v, p->name); break;
    case PRT_COL_PPM_PORT_SERVICE_NAME_OR_URI: glue_set_string(v, p->service_uri); break;
    case PRT_COL_PPM_PORT_PROTOCOL_TYPE: v->i = p->protocol_type; break;
    case PRT_COL_PPM_PORT_PROTOCOL_TARGET_PORT: v->i = p->target_port; break;
    case PRT_COL_PPM_PORT_PROTOCOL_ALT_SOURCE_ENABLED: v->i = TV(p->alt_source_enabled); break;
    case PRT_COL_PPM_PORT_PRT_CHANNEL_INDEX: v->i = p->channel_index; break;
    case PRT_COL_PPM_PORT_LPR_BYTE_COUNT_ENABLED: v->i = TV(p->lpr_byte_count_enabled); break;
    default: return -1;
    }
    return 0;
}

/* ---- PRINTDEV-MIB ---- */
static struct glue_devinfo *devinfo;
static size_t n_devinfo;
static uint32_t agent_last_update;
static unsigned profile_errors;

void glue_agent_set_profile_errors(unsigned n)
{
    profile_errors = n;
}

unsigned printdev_glue_profile_errors(void)
{
    return profile_errors;
}

static struct glue_devinfo *devinfo_find(int32_t hr);

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

int glue_devinfo_resync(const struct prt_model *m)
{
    struct glue_devinfo *next = NULL;

    if (m->n_devices > 0) {
        next = calloc(m->n_devices, sizeof(*next));
        if (!next)
            return -1;
    }
    for (size_t i = 0; i < m->n_devices; i++) {
        const struct glue_devinfo *was = devinfo_find(m->devices[i]->hr_index);
        next[i].hr_index = m->devices[i]->hr_index;
        next[i].last_update = was ? was->last_update : 0;
    }
    free(devinfo);
    devinfo = next;
    n_devinfo = m->n_devices;
    return 0;
}

void glue_devinfo_free(void)
{
    free(devinfo);
    devinfo = NULL;
    n_devinfo = 0;
    agent_last_update = 0;
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

static const struct glue_col agent_cols[] = { GLUE_COLS_PRINTDEV_AGENT };

static int agent_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    switch (col) {
    case PRT_COL_PRINTDEV_AGENT_VERSION: glue_set_string(v, PACKAGE_VERSION); break;
    case PRT_COL_PRINTDEV_AGENT_DEVICES: v->i = (long)m->n_devices; break;
    case PRT_COL_PRINTDEV_AGENT_PROFILE_ERRORS: v->i = (long)printdev_glue_profile_errors(); break;
    case PRT_COL_PRINTDEV_AGENT_FEED_CLIENTS: v->i = (long)printdev_feed_client_count(); break;
    case PRT_COL_PRINTDEV_AGENT_LAST_UPDATE: v->i = (long)agent_last_update; break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col pdev_cols[] = { GLUE_COLS_PRINTDEV_DEVICE };

static int pdev_value(const struct glue_table *t, const struct prt_model *m,
                      const struct prt_device *d, const void *row, const oid *idx, oid col,
                      struct glue_val *v)
{
    const struct glue_devinfo *di = devinfo_find(d->hr_index);
    switch (col) {
    case PRT_COL_PRINTDEV_DEVICE_NAME: glue_set_string(v, d->name); break;
    case PRT_COL_PRINTDEV_DEVICE_PROFILE_LOADED: v->i = TV(1); break; /* only devices whose profile loaded are registered */
    case PRT_COL_PRINTDEV_DEVICE_FEED_CONNECTED:
        v->i = TV(printdev_feed_device_connected(d->hr_index));
        break;
    case PRT_COL_PRINTDEV_DEVICE_LAST_UPDATE: v->i = di ? (long)di->last_update : 0; break;
    case PRT_COL_PRINTDEV_DEVICE_STATE_SAVED: v->i = TV(d->saved_generation == d->generation); break;
    default: return -1;
    }
    return 0;
}

static const struct glue_col billing_cols[] = { GLUE_COLS_PRINTDEV_BILLING };

static int billing_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    uint64_t n;
    if (col != PRT_COL_PRINTDEV_BILLING_IMPRESSIONS)
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
