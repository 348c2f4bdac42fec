/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_internal.h: the descriptor that every printdev table is registered
 * from, shared by the table engine (glue_table.c) and the table definitions
 * (glue_printer.c for RFC 3805, glue_extra.c for the Port Monitor MIB and
 * PRINTDEV-MIB), and by the SET transaction (glue_set.c).
 *
 * One table style: a table is an entry OID, a sorted column list (sub-id,
 * SMI type, access), an index shape and one value function that switches on
 * the column.  Glue keeps no rows: the index is decoded from the request OID
 * and the model row is looked up (binary search) for every request, so rows
 * may come and go between requests without anything dangling.
 */
#ifndef GLUE_INTERNAL_H
#define GLUE_INTERNAL_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "prt_model.h"

enum glue_access { GLUE_NA = 0, GLUE_RO = 1, GLUE_RW = 2 };

struct glue_col {
    oid sub;           /* column sub-id under the entry */
    u_char type;       /* ASN_INTEGER, ASN_OCTET_STR, ASN_COUNTER, ... */
    u_char access;     /* enum glue_access */
};

/* Index shapes.  The hrDeviceIndex is always the first index, except for
 * prtStorageRefTable (hrStorageIndex first) and the scalar groups. */
enum glue_index {
    GLUE_IX_SCALAR = 1, /* scalars: the only instance is .0 */
    GLUE_IX_DEVICE,     /* INDEX { hrDeviceIndex } */
    GLUE_IX_ROW,        /* INDEX { hrDeviceIndex, <row index> } from a sorted model array */
    GLUE_IX_BILLING,    /* INDEX { hrDeviceIndex, color, size, sides } */
    GLUE_IX_STORAGE     /* INDEX { hrStorageIndex, prtStorageRefSeqNumber } */
};

/* A value produced by a table's value function. */
struct glue_val {
    u_char type;
    int32_t hr;                 /* the device's hrDeviceIndex as presented (1 in its context) */
    long i;                     /* INTEGER, Counter32, Gauge32, TimeTicks */
    struct counter64 c64;       /* Counter64 */
    const void *p;              /* OCTET STRING / OBJECT IDENTIFIER */
    size_t len;                 /* in octets */
    oid obuf[PRT_OID_MAX];      /* scratch for OIDs converted from the model */
};

struct glue_table;
/* Fills v for column col of a row (row is NULL for DEVICE/SCALAR shapes;
 * idx points at the decoded index sub-ids).  Returns 0, or -1 when the
 * instance does not exist after all. */
typedef int (*glue_value_fn)(const struct glue_table *t, const struct prt_model *m,
                             const struct prt_device *d, const void *row,
                             const oid *idx, oid col, struct glue_val *v);

struct glue_table {
    const char *name;           /* MIB table name, also the debug token suffix */
    oid entry[24];              /* the entry OID (table OID + .1) */
    size_t entry_len;
    const struct glue_col *cols;
    size_t ncols;
    int shape;                  /* enum glue_index */
    int set_table;              /* enum prt_table for prt_set_*, 0 = read-only */
    /* GLUE_IX_ROW: where the sorted rows live in struct prt_device */
    size_t arr_off, n_off, row_size, idx_off;
    glue_value_fn value;
};

#define GLUE_ROWS(type, arr, n)                                                         \
    .shape = GLUE_IX_ROW, .arr_off = offsetof(struct prt_device, arr),                \
    .n_off = offsetof(struct prt_device, n), .row_size = sizeof(struct type),          \
    .idx_off = offsetof(struct type, index)

#define GLUE_NCOLS(a) (sizeof(a) / sizeof((a)[0]))

extern const struct glue_table glue_printer_tables[];
extern const size_t glue_printer_ntables;
extern const struct glue_table glue_extra_tables[];
extern const size_t glue_extra_ntables;
extern const struct glue_table glue_agent_table;

/* What a request sees.  In the default context the whole model, every
 * device at its own hrDeviceIndex; in a device's own SNMP context
 * (glue_context.c) that device alone, as hrDeviceIndex 1 (and
 * ppmPrinterIndex 1), which is what single-printer clients read. */
struct glue_view {
    const struct prt_model *m;  /* NULL: nothing loaded */
    struct prt_device *only;    /* the context's device, NULL in the default context */
};
/* The hrDeviceIndex d is presented at in view vw. */
static inline int32_t glue_view_hr(const struct glue_view *vw, const struct prt_device *d)
{
    return vw->only ? 1 : d->hr_index;
}

/* An instance: index sub-ids plus the model objects they name. */
struct inst {
    oid idx[4];
    size_t len;
    struct prt_device *d;
    const void *row;
};

extern const struct glue_table glue_hr_device_table, glue_hr_printer_table;

/* glue_table.c */
int glue_tables_register(const struct glue_table *t, size_t n);
/* A registration of table t served by the engine's handler, in context
 * (NULL: the default context), with priority (0: Net-SNMP's default); not
 * registered yet.  NULL without memory. */
netsnmp_handler_registration *glue_table_registration(const struct glue_table *t,
                                                       const char *context, int priority);

/* A set of tables served through one registration (a device's context):
 * t sorted by entry OID, none under another. */
struct glue_table_set {
    const struct glue_table *const *t;
    size_t n;
};
/* A registration at root (in context) whose handler serves every table of
 * ts: GET, GETNEXT across the tables in OID order, SET by table. */
netsnmp_handler_registration *glue_table_set_registration(const struct glue_table_set *ts,
                                                           const oid *root, size_t root_len,
                                                           const char *context);

/* glue_context.c: each device alone in an SNMP context of its own.
 * glue_context_sync: makes the registered contexts those of m's devices
 * (registers the contexts of new devices, unregisters those of devices
 * gone or whose context changed, leaves the others alone) and the default
 * context's system group that of the device with printdevSystem
 * defaultContext; call it after every change of the device set, after
 * glue_hr_sync.  Returns 0, or -1 after logging (the devices that could
 * not get a context are still served in the default context).
 * glue_context_unregister drops everything, glue_context_forget the
 * bookkeeping only (a subagent closing its session). */

int glue_context_sync(const struct prt_model *m, unsigned *added, unsigned *removed);
/* printdevContexts: with 0 the next sync drops every device's context
 * (the default context's system group of printdevSystem defaultContext
 * stays); 1 (the default) serves them. */
void glue_context_enable(int on);
void glue_context_unregister(void);
void glue_context_forget(void);
/* glue_ctxorder.c: puts the default context first again in Net-SNMP's
 * per-context lists (new contexts go first there, and every request in the
 * default context walks the list up to it); call it after
 * glue_context_sync.  Does nothing with a Net-SNMP other than 5.9.x. */
void glue_default_context_first(void);
/* glue_index.c: the engine's look-ups, for the handler and glue_set.c: the
 * device of an hrDeviceIndex, the instance named by index sub-ids (1
 * found, 0 not), the next instance after the index sub-ids rest (GETNEXT;
 * 1 found, 0 none), a column. */
struct prt_device *glue_dev_exact(const struct prt_model *m, oid hr_index);
int glue_inst_exact(const struct glue_table *t, const struct glue_view *vw, const oid *idx,
                    size_t len, struct inst *in);
int glue_inst_next(const struct glue_table *t, const struct glue_view *vw, const oid *rest,
                   size_t rlen, struct inst *in);
const struct glue_col *glue_col_find(const struct glue_table *t, oid sub);

/* glue_index.c: the view of a request made in context (NULL or "": the
 * default context), from the map of registered contexts, which
 * glue_view_set_contexts() replaces (keys sorted by name, malloc'd, owned
 * from then on; NULL, 0 clears it).  A context not in the map, or whose
 * device is gone, sees nothing (vw->m NULL). */
struct glue_ctx_key {
    char name[PRT_CONTEXT_MAX + 1];
    int32_t hr;
};
void glue_view_of(const char *context, struct glue_view *vw);
void glue_view_set_contexts(struct glue_ctx_key *keys, size_t n);

/* glue_set.c: the SET phases of the engine's handler. */
void glue_set_reserve(const struct glue_table *t, const struct glue_view *vw,
                      netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests);
void glue_set_action(const struct glue_table *t, const struct glue_view *vw,
                     netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests);
void glue_set_undo(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests);
void glue_tables_unregister(void);
/* Makes the registered hrDeviceTable / hrPrinterTable cells those of m's
 * devices: registers the new devices' cells, unregisters those of devices
 * gone, leaves the others alone (a reload with the same devices registers
 * nothing).  Returns 0 or -1 (registrations made so far are kept and
 * dropped by glue_hr_unregister). */
int glue_hr_sync(const struct prt_model *m, unsigned *added, unsigned *removed);
void glue_hr_unregister(void);
/* Drops the bookkeeping only (a subagent about to close its session: the
 * master drops every registration of the session at once). */
void glue_hr_forget(void);
/* glue_config.c: makes every registration that of m's devices, changing
 * only what devices that came or went need: the tables (once), each
 * device's own context (glue_context_sync), the default context's system
 * group, the hr cells (glue_hr_sync).  The one call after adding or
 * removing devices at run time (with glue_devinfo_reset and
 * glue_storage_index_build for the PRINTDEV-MIB and prtStorageRefTable
 * look-ups).  Returns 0, or -1 after logging. */
int glue_registrations_sync(const struct prt_model *m);
/* The model the handlers serve; NULL when nothing is loaded. */
extern struct prt_model *glue_model;
/* Rebuilds the storage-ref ordering after a model change. */
int glue_storage_index_build(const struct prt_model *m);
void glue_storage_index_free(void);

/* glue_extra.c: agent-level facts served by PRINTDEV-MIB. */
struct glue_devinfo {
    int32_t hr_index;
    uint32_t last_update;       /* sysUpTime of the last feed update, 0 = never */
};
int glue_devinfo_reset(const struct prt_model *m);
/* The same after devices came or went at run time: the others keep their
 * printdevDeviceLastUpdate and printdevAgentLastUpdate stays. */
int glue_devinfo_resync(const struct prt_model *m);
void glue_devinfo_free(void);
void glue_devinfo_touch(int32_t hr_index, uint32_t now);
/* printdevAgentProfileErrors, set by glue_config.c after each read of the
 * configuration (printdev_glue_profile_errors() reads it). */
void glue_agent_set_profile_errors(unsigned n);

/* printdevNotify: a bit per PrtAlertSeverityLevelTC value.  The default,
 * "critical and warnings", is wider than RFC 3805's "a trap iff the new row
 * is critical" (printdevNotify critical gives exactly that). */
#define NOTIFY_BIT(sev) (1u << (sev))
#define PRT_SEV_OTHER PrtAlertSeverityLevelTC_other
#define PRT_SEV_CRITICAL PrtAlertSeverityLevelTC_critical
#define PRT_SEV_WARNING PrtAlertSeverityLevelTC_warning
#define PRT_SEV_WARNING_BINARY PrtAlertSeverityLevelTC_warningBinaryChangeEvent
#define NOTIFY_DEFAULT                                                                        \
    (NOTIFY_BIT(PRT_SEV_CRITICAL) | NOTIFY_BIT(PRT_SEV_WARNING) | NOTIFY_BIT(PRT_SEV_WARNING_BINARY))
#define ALERT_REMOVAL_CODE PrtAlertCodeTC_alertRemovalOfBinaryChangeEntry

/* glue_commit.c: options set by glue_config.c from printdevStateDir,
 * printdevNotify and printdevNotifyRemovals; muted while a rebuilt model
 * re-derives known state. */
extern char *glue_state_dir;
extern unsigned glue_notify_mask;
extern int glue_notify_removals;
extern int glue_notify_muted;
/* Picks the state directory (the option, or <persistentDir>/printdev) and
 * creates it. */
void glue_pick_state_dir(const char *state_dir_opt);
/* The model's alert callback: printerV2Alert, and events for the feed's
 * `watch` clients. */
void glue_alert_cb(const struct prt_device *d, const struct prt_alert *a, enum prt_alert_event ev,
                   void *arg);
/* Saves d's state if it changed since its last save (errors logged). */
void glue_save_device(struct prt_device *d);
/* Saves what the one-second save alarm would have saved. */
void glue_flush_saves(void);
/* What the feed server may ask of the glue (feed_server.h). */
extern const struct feed_agent_ops glue_feed_ops;

/* glue_commit.c: changes, saves and notifications (the feed reaches these
 * through the struct feed_agent_ops the glue registers with it).
 * printdev_glue_changed: after a batch changed device d, re-derive alerts
 * and statuses (prt_rules_apply, sending printerV2Alert for new alerts),
 * save the durable state later and stamp printdevDeviceLastUpdate /
 * printdevAgentLastUpdate. */
void printdev_glue_changed(struct prt_device *d);
/* Saves d's durable state now if it changed since the last save.  Returns
 * 0, or -1 after logging, with the reason in why. */
int printdev_glue_save(struct prt_device *d, char *why, size_t len);
/* Between hold and release, printerV2Alert notifications are queued
 * instead of sent; release sends the queue, drop discards it (a SET whose
 * commit failed: its alerts never happened). */
void printdev_glue_notify_hold(void);
void printdev_glue_notify_release(void);
void printdev_glue_notify_drop(void);
/* The durability rule, the one place for the feed and for SETs: "an
 * acknowledgement means saved, a notification goes out after the save of
 * the state it reports".  Saves the devices of s in order (an entry with d
 * NULL is skipped), setting failed and why of each; then sends the
 * notifications queued since printdev_glue_notify_hold().  GLUE_COMMIT_KEEP
 * (the feed): every device is tried and the notifications go out whatever
 * failed (the changes stay in memory).  GLUE_COMMIT_ALL (a SET): the first
 * failure stops, and the notifications are dropped (the caller takes the
 * request back).  Returns how many leading entries were saved (n when
 * all). */
enum glue_commit_mode { GLUE_COMMIT_KEEP, GLUE_COMMIT_ALL };
struct feed_save;
size_t glue_commit_durable(struct feed_save *s, size_t n, enum glue_commit_mode mode);

/* glue_devices.c: devices added at run time (feed device add / remove). */
struct prt_registry;
void glue_devices_parse_first(const char *token, char *line); /* printdevDeviceFirstIndex */
void glue_devices_release_options(void);
/* Reads the registry and adds its runtime devices to m (after the profiles). */
void glue_devices_load(struct prt_model *m, const char *state_dir);
/* The feed's device ops (added to glue_feed_ops by glue_config.c). */
int glue_devices_save_registry(const struct prt_registry *r, char *why, size_t len);
void glue_devices_removing(struct prt_device *d);

/* helpers */
uint32_t glue_uptime(void);
static inline void glue_set_string(struct glue_val *v, const char *s)
{
    v->type = ASN_OCTET_STR;
    v->p = s;
    v->len = strlen(s);
}

#endif
