/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_model.h: the printdev device model.
 *
 * Pure C + POSIX, no Net-SNMP headers.  One struct prt_device per print
 * device; every Printer-MIB v2 (RFC 3805) table, the printer's
 * HOST-RESOURCES rows (RFC 2790), the PWG Port Monitor MIB rows and the
 * PRINTDEV-MIB objects are plain arrays of rows here, each row carrying its
 * own stable index (never a list position).  Arrays are kept sorted by
 * index so the SNMP glue can walk them in lexicographic order.
 *
 * Layers: this model and its rules (prt_rules.c) own state, validation,
 * MIB counters and alert events.  The glue (module/glue/) only reads rows,
 * calls prt_set_*() for SETs, and turns alert events into printerV2Alert.
 *
 * Strings are NUL-terminated and hold at most the MIB SIZE in octets
 * (arrays are SIZE + 1).
 */
#ifndef PRT_MODEL_H
#define PRT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prt_enums.h"
#include "prt_system.h"

/* Errors returned (negated) by model functions. */
enum prt_err {
    PRT_OK = 0,
    PRT_ENOENT = 1,       /* no such device / row */
    PRT_EINVAL = 2,       /* value out of range or not an assigned enum */
    PRT_ETOOLONG = 3,     /* string longer than the MIB SIZE */
    PRT_EINCONSISTENT = 4,/* valid on its own but not with other state */
    PRT_ERDONLY = 5,      /* not writable */
    PRT_EEXIST = 6,       /* duplicate index or name */
    PRT_ENOMEM = 7,
    PRT_ELIMIT = 8,       /* table or model limit reached */
    PRT_EIO = 9           /* state file could not be read or written */
};
const char *prt_strerror(int err); /* accepts err or -err */

/* Limits (indexes are Integer32 1..65535 throughout RFC 3805). */
#define PRT_INDEX_MAX 65535
/* Devices per agent.  Beyond it a device is refused with a log line naming
 * the limit.  The bound is what one snmpd serves well: every device costs
 * ~40 KiB of model and eight hrDeviceTable/hrPrinterTable cell
 * registrations, which Net-SNMP 5.9 keeps in a linearly scanned list
 * (bench/RESULTS-scale.md); run more agents (AgentX) for larger fleets. */
#define PRT_MAX_DEVICES 4096
#define PRT_MAX_ROWS 1024          /* per table per device */
#define PRT_ALERT_TABLE_DEFAULT 64 /* prtAlertTable rows per device */
#define PRT_OID_MAX 64
#define PRT_RULES_PENDING_MAX 128  /* evicted binary alerts remembered for re-adding */

struct prt_oid {
    uint32_t len;
    uint32_t ids[PRT_OID_MAX];
};

/* ---- prtGeneralTable (43.5.1) + the writable general scalars ---- */
struct prt_general {
    uint32_t config_changes;          /* prtGeneralConfigChanges, Counter32 */
    int32_t current_localization;     /* prtGeneralCurrentLocalization */
    int32_t reset;                    /* prtGeneralReset (reads notResetting) */
    char current_operator[128];       /* prtGeneralCurrentOperator */
    char service_person[128];         /* prtGeneralServicePerson */
    int32_t input_default_index;
    int32_t output_default_index;
    int32_t marker_default_index;
    int32_t media_path_default_index;
    int32_t console_localization;
    int32_t console_display_lines;    /* prtConsoleNumberOfDisplayLines */
    int32_t console_display_chars;    /* prtConsoleNumberOfDisplayChars */
    int32_t console_disable;          /* PrtConsoleDisableTC */
    int32_t startup_page;             /* PresentOnOff */
    int32_t banner_page;              /* PresentOnOff */
    char printer_name[128];           /* prtGeneralPrinterName */
    char serial_number[256];          /* prtGeneralSerialNumber */
    uint32_t alert_critical_events;   /* prtAlertCriticalEvents, Counter32 */
    uint32_t alert_all_events;        /* prtAlertAllEvents, Counter32 */
};

/* prtStorageRefTable (43.5.2): INDEX { hrStorageIndex, prtStorageRefSeqNumber } */
struct prt_storage_ref {
    int32_t hr_storage_index;
    int32_t seq;
    int32_t device_index;             /* prtStorageRefIndex = our hrDeviceIndex */
};

/* prtDeviceRefTable (43.5.3): INDEX { hrDeviceIndex, prtDeviceRefSeqNumber } */
struct prt_device_ref {
    int32_t seq;
    int32_t ref_index;                /* prtDeviceRefIndex */
};

/* prtCoverTable (43.6.1) */
struct prt_cover {
    int32_t index;
    char description[256];
    int32_t status;                   /* PrtCoverStatusTC; driven by the feed */
};

/* prtLocalizationTable (43.7.1) */
struct prt_localization {
    int32_t index;
    char language[3];                 /* ISO 639, 2 octets */
    char country[3];                  /* ISO 3166, 2 octets ("  " = none) */
    int32_t charset;                  /* IANACharset MIBenum */
};

/* prtInputTable (43.8.2) */
struct prt_input {
    int32_t index;
    int32_t type;                     /* PrtInputTypeTC */
    int32_t dim_unit;                 /* PrtMediaUnitTC */
    int32_t dim_feed_declared, dim_xfeed_declared;
    int32_t dim_feed_chosen, dim_xfeed_chosen;
    int32_t capacity_unit;            /* PrtCapacityUnitTC */
    int32_t max_capacity;             /* -1 no limit, -2 unknown */
    int32_t current_level;            /* -1, -2, -3 as in the MIB */
    int32_t status;                   /* PrtSubUnitStatusTC, derived */
    char media_name[64];
    char name[64];
    char vendor_name[64];
    char model[64];
    char version[64];
    char serial_number[33];
    char description[256];
    int32_t security;                 /* PresentOnOff */
    int32_t media_weight;             /* g/m2, -2 unknown */
    char media_type[64];
    char media_color[64];
    int32_t media_form_parts;
    int32_t media_load_timeout;
    int32_t next_index;
    /* live sensor state */
    bool missing;                     /* tray pulled out */
    int32_t low_threshold;            /* level at/below which "low" (units of capacity_unit); 0 = off */
};

/* prtOutputTable (43.9.2) */
struct prt_output {
    int32_t index;
    int32_t type;                     /* PrtOutputTypeTC */
    int32_t capacity_unit;
    int32_t max_capacity;
    int32_t remaining_capacity;       /* 0 = full */
    int32_t status;                   /* derived */
    char name[64];
    char vendor_name[64];
    char model[64];
    char version[64];
    char serial_number[64];
    char description[256];
    int32_t security;                 /* PresentOnOff */
    int32_t dim_unit;                 /* PrtMediaUnitTC */
    int32_t max_dim_feed, max_dim_xfeed, min_dim_feed, min_dim_xfeed;
    int32_t stacking_order;           /* PrtOutputStackingOrderTC */
    int32_t page_delivery_orientation;
    int32_t bursting, decollating, page_collated, offset_stacking; /* PresentOnOff */
    /* live sensor state */
    bool missing;                     /* bin removed / finisher off-line */
    bool offline;
    bool full_sensor;                 /* full reported by a sensor */
    int32_t near_full_threshold;      /* remaining <= this: almost full; 0 = off */
};

/* prtMarkerTable (43.10.2) */
struct prt_marker {
    int32_t index;
    int32_t mark_tech;                /* PrtMarkerMarkTechTC */
    int32_t counter_unit;             /* PrtMarkerCounterUnitTC */
    uint32_t life_count;              /* Counter32 */
    uint32_t power_on_count;          /* Counter32 */
    int32_t process_colorants;
    int32_t spot_colorants;
    int32_t addressability_unit;
    int32_t addressability_feed, addressability_xfeed;
    int32_t north_margin, south_margin, west_margin, east_margin;
    int32_t status;                   /* derived */
};

/* prtMarkerSuppliesTable (43.11.1) */
struct prt_supply {
    int32_t index;
    int32_t marker_index;
    int32_t colorant_index;
    int32_t supply_class;             /* PrtMarkerSuppliesClassTC */
    int32_t type;                     /* PrtMarkerSuppliesTypeTC */
    char description[256];
    int32_t supply_unit;              /* PrtMarkerSuppliesSupplyUnitTC */
    int32_t max_capacity;
    int32_t level;
    /* rule thresholds in percent of max_capacity; 0 = rule off */
    int32_t low_percent;              /* consumed: low at/below; receptacle: almost full at/above 100-low;
                                         -1 = use rules.toner_low_percent (the profile parser
                                         resolves it, so loaded devices hold a concrete value) */
    bool missing;                     /* cartridge removed */
    int32_t finisher;                 /* staples/waste box: 1-based position in finisher_models of the
                                         finisher holding it (Océ alert group index 100+n); 0 = first */
};

/* prtMarkerColorantTable (43.12.1) */
struct prt_colorant {
    int32_t index;
    int32_t marker_index;
    int32_t role;                     /* PrtMarkerColorantRoleTC */
    char value[256];                  /* "black", "cyan", ... */
    int32_t tonality;
};

/* prtMediaPathTable (43.13.4) */
struct prt_media_path {
    int32_t index;
    int32_t max_speed_unit;           /* PrtMediaPathMaxSpeedPrintUnitTC */
    int32_t media_size_unit;          /* PrtMediaUnitTC */
    int32_t max_speed;
    int32_t max_media_feed, max_media_xfeed, min_media_feed, min_media_xfeed;
    int32_t type;                     /* PrtMediaPathTypeTC */
    char description[256];
    int32_t status;                   /* derived */
    /* live sensor state */
    bool jammed;
    int32_t jam_location;             /* prtAlertLocation of the jam, -2 unknown */
};

/* prtChannelTable (43.14.1) */
struct prt_channel {
    int32_t index;
    int32_t type;                     /* PrtChannelTypeTC */
    char protocol_version[64];
    int32_t current_job_cntl_lang_index;
    int32_t default_page_desc_lang_index;
    int32_t state;                    /* PrtChannelStateTC */
    int32_t if_index;
    int32_t status;                   /* derived */
    char information[256];
};

/* prtInterpreterTable (43.15.1) */
struct prt_interpreter {
    int32_t index;
    int32_t lang_family;              /* PrtInterpreterLangFamilyTC */
    char lang_level[32];
    char lang_version[32];
    char description[256];
    char version[32];
    int32_t default_orientation;      /* PrtPrintOrientationTC */
    int32_t feed_addressability, xfeed_addressability;
    int32_t default_charset_in, default_charset_out; /* IANACharset */
    int32_t two_way;                  /* PrtInterpreterTwoWayTC */
};

/* prtConsoleDisplayBufferTable (43.16.5) */
struct prt_display_line {
    int32_t index;
    char text[256];
};

/* prtConsoleLightTable (43.17.6) */
struct prt_light {
    int32_t index;
    int32_t on_time, off_time;        /* ms */
    int32_t color;                    /* PrtConsoleColorTC */
    char description[256];
    int32_t role;                     /* enum prt_light_role: what drives it */
};

enum prt_light_role {
    PRT_LIGHT_NONE = 0,               /* only SET/feed changes it */
    PRT_LIGHT_READY,                  /* on when no critical alert and online */
    PRT_LIGHT_ATTENTION,              /* on/blinking when any alert active */
    PRT_LIGHT_ERROR,                  /* on when a critical alert is active */
    PRT_LIGHT_POWER                   /* always on */
};

/* prtAlertTable (43.18.1) row. */
struct prt_alert {
    int32_t index;                    /* prtAlertIndex */
    int32_t severity;                 /* PrtAlertSeverityLevelTC */
    int32_t training;                 /* PrtAlertTrainingLevelTC */
    int32_t group;                    /* PrtAlertGroupTC */
    int32_t group_index;
    int32_t location;
    int32_t code;                     /* PrtAlertCodeTC */
    char description[256];
    uint32_t time;                    /* prtAlertTime, TimeTicks (sysUpTime at entry) */
    uint64_t key;                     /* condition key of a derived binary alert; 0 unary */
    uint64_t seq;                     /* insertion order, for eviction */
};

/* PWG Port Monitor MIB (1.3.6.1.4.1.2699.1.2) port row. */
struct prt_ppm_port {
    int32_t index;
    bool enabled;
    char name[128];
    char service_uri[256];            /* ppmPortServiceNameOrURI */
    int32_t protocol_type;            /* ppmPortProtocolType */
    int32_t target_port;              /* ppmPortProtocolTargetPort */
    bool alt_source_enabled;
    int32_t channel_index;            /* ppmPortPrtChannelIndex */
    bool lpr_byte_count_enabled;
};

/* PRINTDEV-MIB billing counters: colour mode x media size x sides. */
enum prt_bill_color { PRT_BILL_MONO = 0, PRT_BILL_COLOR = 1, PRT_BILL_NCOLOR };
enum prt_bill_size { PRT_BILL_SMALL = 0, PRT_BILL_LARGE = 1, PRT_BILL_NSIZE }; /* <= A4/Letter, larger */
enum prt_bill_sides { PRT_BILL_SIMPLEX = 0, PRT_BILL_DUPLEX = 1, PRT_BILL_NSIDES };

/* Overall engine state reported by the controller (feed "status"). */
enum prt_engine_state {
    PRT_ENGINE_IDLE = 0,
    PRT_ENGINE_PRINTING,
    PRT_ENGINE_WARMUP,
    PRT_ENGINE_STANDBY,
    PRT_ENGINE_OFFLINE,
    PRT_ENGINE_MOVING_OFFLINE,
    PRT_ENGINE_UNAVAILABLE,
    PRT_ENGINE_TESTING,
    PRT_ENGINE_UNKNOWN
};

/* Device-wide live conditions (per-unit ones live in the rows). */
struct prt_conditions {
    int32_t engine;                   /* enum prt_engine_state */
    bool service_requested;
    bool overdue_maintenance;
    bool operator_intervention;       /* set explicitly by the controller */
};

/* Rules configuration, from the profile (printdevRules ... tokens). */
struct prt_rules_config {
    int32_t toner_low_percent;        /* default for supplies without their own, default 10 */
    int32_t toner_empty_percent;      /* <= this is empty, default 0 */
    int32_t input_low_percent;        /* tray low (0 = off, default off) */
    bool oce_all_trays_empty;         /* critical "Out of paper" row, group index 100 (default on) */
    bool oce_all_outputs_full;        /* critical "Output trays full", index 100 (default on) */
    bool oce_operator_intervention;   /* extra critical "Operator intervention required" row (default on) */
    bool oce_status;                  /* PRISMAsync HR mapping (warmup/standby -> idle, ...) (default off: RFC) */
    bool oce_index_wrap_zero;         /* PRISMAsync index wrap to 0 (default off: RFC wraps to 1) */
    bool removal_entries;             /* add alertRemovalOfBinaryChangeEntry rows (default off) */
    int32_t alert_table_size;         /* max rows, default PRT_ALERT_TABLE_DEFAULT */
    uint32_t unary_max_age;           /* seconds; unary rows older than this are aged out (0 = never) */
};

/* One print device. */
struct prt_device {
    int32_t hr_index;                 /* hrDeviceIndex, 1..65535, stable */
    char name[64];                    /* profile name, e.g. "prod-1" */
    char identity[256];               /* printer identity (printer-uuid or URI), "" = none:
                                         printdevIdentity in a profile, `device add` on the feed */
    bool runtime;                     /* added at run time (prt_registry.h), not by a profile */

    /* hrDeviceTable / hrPrinterTable (HOST-RESOURCES-MIB) */
    char hr_descr[65];                /* hrDeviceDescr, DisplayString(SIZE(0..64)) */
    struct prt_oid hr_device_id;      /* hrDeviceID, 0.0 when unknown */
    int32_t hr_device_status;         /* derived hrDeviceStatus */
    uint32_t hr_device_errors;        /* Counter32 */
    int32_t hr_printer_status;        /* derived hrPrinterStatus */
    uint8_t hr_error_state[2];        /* derived hrPrinterDetectedErrorState, always 2 octets */

    /* Port Monitor MIB */
    char ieee1284_id[1024];           /* ppmPrinterIEEE1284DeviceId */
    struct prt_ppm_port *ports;
    size_t n_ports;

    struct prt_general general;
    struct prt_storage_ref *storage_refs; size_t n_storage_refs;
    struct prt_device_ref *device_refs;   size_t n_device_refs;
    struct prt_cover *covers;             size_t n_covers;
    struct prt_localization *localizations; size_t n_localizations;
    struct prt_input *inputs;             size_t n_inputs;
    struct prt_output *outputs;           size_t n_outputs;
    struct prt_marker *markers;           size_t n_markers;
    struct prt_supply *supplies;          size_t n_supplies;
    struct prt_colorant *colorants;       size_t n_colorants;
    struct prt_media_path *media_paths;   size_t n_media_paths;
    struct prt_channel *channels;         size_t n_channels;
    struct prt_interpreter *interpreters; size_t n_interpreters;
    struct prt_display_line *display;     size_t n_display;
    struct prt_light *lights;             size_t n_lights;
    struct prt_alert *alerts;             size_t n_alerts; /* sorted by index */

    /* its own SNMP context and system group (prt_system.h) */
    struct prt_system sys;

    /* PRINTDEV-MIB */
    uint64_t billing[PRT_BILL_NCOLOR][PRT_BILL_NSIZE][PRT_BILL_NSIDES]; /* Counter64 */
    char finisher_models[8][64];      /* ocePrtOutputModel-like list for Océ texts */
    size_t n_finisher_models;

    /* live state and rules */
    struct prt_conditions cond;
    struct prt_rules_config rules;
    int32_t next_alert_index;         /* prtAlertIndex given to the next row */
    uint64_t alert_seq;
    uint64_t generation;              /* bumped on every change (walk consistency, persistence) */
    uint64_t saved_generation;        /* generation last written to the state file */
    bool console_text_from_feed;      /* display text set by the controller, else derived */
    /* rules: condition keys of evicted derived binary alerts that still hold; they are
       re-added with a new index when room appears (RFC 3805 §2.2.13.4) */
    uint64_t rules_pending[PRT_RULES_PENDING_MAX];
    size_t n_rules_pending;
    /* The profile's configuration, for prtGeneralReset resetToFactoryDefaults(6):
       a deep copy made by prt_profile_finish(), owned (freed by prt_device_free),
       NULL when the device was not built from a profile.  A shallow copy of a
       device must not be passed to prt_device_free (or must clear this first). */
    struct prt_device *factory;
};

/* Alert events, reported by the model through a callback. */
enum prt_alert_event { PRT_ALERT_ADDED = 1, PRT_ALERT_REMOVED = 2 };
typedef void (*prt_alert_cb)(const struct prt_device *dev, const struct prt_alert *alert,
                             enum prt_alert_event ev, void *arg);

/* Time source for prtAlertTime (sysUpTime in centiseconds); the glue sets it. */
typedef uint32_t (*prt_uptime_fn)(void);

/* All devices of one agent. */
struct prt_registry;
struct prt_model {
    struct prt_device **devices;      /* sorted by hr_index */
    size_t n_devices;
    prt_alert_cb alert_cb;
    void *alert_cb_arg;
    prt_uptime_fn uptime;
    /* devices added at run time and the identity -> hrDeviceIndex map
     * (prt_registry.h); NULL = none.  Not freed by prt_model_free: whoever
     * set it frees it (prt_registry_free) before */
    struct prt_registry *registry;
};

/* ---- model lifecycle (prt_model.c) ---- */
struct prt_model *prt_model_new(void);
void prt_model_free(struct prt_model *m);
/* Takes ownership of dev on success; -PRT_EEXIST for a duplicate index/name. */
int prt_model_add_device(struct prt_model *m, struct prt_device *dev);
struct prt_device *prt_model_find(const struct prt_model *m, int32_t hr_index);
struct prt_device *prt_model_find_name(const struct prt_model *m, const char *name);
/* A printer identity (printer-uuid "urn:uuid:..." or a URI): 1..PRT_IDENTITY_MAX
 * octets, no blanks or control characters. */
#define PRT_IDENTITY_MAX 255
bool prt_identity_ok(const char *identity);
/* The device claiming identity (non-empty), or NULL. */
struct prt_device *prt_model_find_identity(const struct prt_model *m, const char *identity);
/* The device served in SNMP context ctx (prt_system_context), or NULL. */
struct prt_device *prt_model_find_context(const struct prt_model *m, const char *ctx);
/* Takes device hr_index out of the model (not freed: the caller owns it
 * now); NULL when there is none. */
struct prt_device *prt_model_remove_device(struct prt_model *m, int32_t hr_index);
/* First device with hr_index > after (0 for the first), or NULL. */
struct prt_device *prt_model_next(const struct prt_model *m, int32_t after);

struct prt_device *prt_device_new(int32_t hr_index, const char *name); /* with RFC defaults */
void prt_device_free(struct prt_device *dev);
/* Deep copy (all row arrays); the copy's factory is NULL.  NULL on ENOMEM. */
struct prt_device *prt_device_clone(const struct prt_device *dev);
/* Puts d back exactly as snap (a prt_device_clone of d) was, in place (the
 * pointer d stays valid; d keeps its factory copy); consumes snap. */
void prt_device_restore(struct prt_device *d, struct prt_device *snap);
/* Checks cross-references (default indexes exist, supplies name real markers, ...).
 * Returns 0 or -PRT_E*, with a message in msg. */
int prt_device_validate(const struct prt_device *dev, char *msg, size_t msglen);

/* Row templates: zero the row, set its index and the MIB's neutral values
 * ("unknown" -2 for sizes/levels, notPresent for PresentOnOff features, ...).
 * Used by the profile parser, the feed and tests before filling columns. */
void prt_input_init(struct prt_input *r, int32_t index);
void prt_output_init(struct prt_output *r, int32_t index);
void prt_marker_init(struct prt_marker *r, int32_t index);
void prt_supply_init(struct prt_supply *r, int32_t index);
void prt_colorant_init(struct prt_colorant *r, int32_t index);
void prt_media_path_init(struct prt_media_path *r, int32_t index);
void prt_channel_init(struct prt_channel *r, int32_t index);
void prt_interpreter_init(struct prt_interpreter *r, int32_t index);
void prt_cover_init(struct prt_cover *r, int32_t index);
void prt_localization_init(struct prt_localization *r, int32_t index);
void prt_light_init(struct prt_light *r, int32_t index);
void prt_port_init(struct prt_ppm_port *r, int32_t index);

/* IANACharset (IANA-CHARSET-MIB) MIBenum: 1 other, 2 unknown, 3..2999 the
 * registry's ranges.  csUTF8 = 106 is what the profiles default to. */
#define PRT_CHARSET_UTF8 106
bool prt_charset_valid(int32_t charset);

/* Row look-up by index in any sorted table; NULL when absent. */
struct prt_input *prt_input_find(const struct prt_device *d, int32_t index);
struct prt_output *prt_output_find(const struct prt_device *d, int32_t index);
struct prt_marker *prt_marker_find(const struct prt_device *d, int32_t index);
struct prt_supply *prt_supply_find(const struct prt_device *d, int32_t index);
struct prt_colorant *prt_colorant_find(const struct prt_device *d, int32_t index);
struct prt_media_path *prt_media_path_find(const struct prt_device *d, int32_t index);
struct prt_channel *prt_channel_find(const struct prt_device *d, int32_t index);
struct prt_interpreter *prt_interpreter_find(const struct prt_device *d, int32_t index);
struct prt_cover *prt_cover_find(const struct prt_device *d, int32_t index);
struct prt_localization *prt_localization_find(const struct prt_device *d, int32_t index);
struct prt_display_line *prt_display_find(const struct prt_device *d, int32_t index);
struct prt_light *prt_light_find(const struct prt_device *d, int32_t index);
struct prt_alert *prt_alert_find(const struct prt_device *d, int32_t index);
struct prt_ppm_port *prt_port_find(const struct prt_device *d, int32_t index);
struct prt_device_ref *prt_device_ref_find(const struct prt_device *d, int32_t seq);
/* prtStorageRefTable is indexed { hrStorageIndex, prtStorageRefSeqNumber }. */
struct prt_storage_ref *prt_storage_ref_find(const struct prt_device *d, int32_t hr_storage_index,
                                             int32_t seq);

/* Row insertion keeping order; the row is copied.  -PRT_EEXIST on duplicate. */
int prt_input_add(struct prt_device *d, const struct prt_input *row);
int prt_output_add(struct prt_device *d, const struct prt_output *row);
int prt_marker_add(struct prt_device *d, const struct prt_marker *row);
int prt_supply_add(struct prt_device *d, const struct prt_supply *row);
int prt_colorant_add(struct prt_device *d, const struct prt_colorant *row);
int prt_media_path_add(struct prt_device *d, const struct prt_media_path *row);
int prt_channel_add(struct prt_device *d, const struct prt_channel *row);
int prt_interpreter_add(struct prt_device *d, const struct prt_interpreter *row);
int prt_cover_add(struct prt_device *d, const struct prt_cover *row);
int prt_localization_add(struct prt_device *d, const struct prt_localization *row);
int prt_display_add(struct prt_device *d, const struct prt_display_line *row);
int prt_light_add(struct prt_device *d, const struct prt_light *row);
int prt_storage_ref_add(struct prt_device *d, const struct prt_storage_ref *row);
int prt_device_ref_add(struct prt_device *d, const struct prt_device_ref *row);
int prt_port_add(struct prt_device *d, const struct prt_ppm_port *row);

/* ---- SET support (prt_set.c) ----
 * Objects are named by MIB table + column number (the MIB's sub-id), so the
 * glue needs no per-object code.  prt_set_check() validates without changing
 * anything; prt_set_apply() changes state (and bumps prtGeneralConfigChanges
 * where RFC 3805 says so); a multi-varbind SET checks all first, then applies
 * all, and restores with the saved value on failure. */
enum prt_table {
    PRT_T_GENERAL = 1, PRT_T_COVER, PRT_T_LOCALIZATION, PRT_T_INPUT, PRT_T_OUTPUT,
    PRT_T_MARKER, PRT_T_SUPPLY, PRT_T_COLORANT, PRT_T_MEDIA_PATH, PRT_T_CHANNEL,
    PRT_T_INTERPRETER, PRT_T_DISPLAY, PRT_T_LIGHT, PRT_T_ALERT, PRT_T_STORAGE_REF,
    PRT_T_DEVICE_REF, PRT_T_HR_DEVICE, PRT_T_HR_PRINTER, PRT_T_PPM_PRINTER, PRT_T_PPM_PORT
};
enum prt_value_kind { PRT_V_INT = 1, PRT_V_STRING = 2 };
struct prt_value {
    int kind;                         /* enum prt_value_kind */
    int32_t i;
    const char *s;                    /* not NUL-terminated; len octets */
    size_t len;
};
/* Returns PRT_OK, -PRT_ENOENT (no row: noCreation), -PRT_ERDONLY (notWritable),
 * -PRT_EINVAL (wrongValue), -PRT_ETOOLONG (wrongLength), -PRT_EINCONSISTENT. */
int prt_set_check(const struct prt_device *d, int table, int32_t row, int column,
                  const struct prt_value *v);
/* Saves the old value into old (strings: into oldbuf, oldbuf_len >= 256).
 * An action column (prt_set_is_action) is checked only: nothing changes. */
int prt_set_apply(struct prt_device *d, int table, int32_t row, int column,
                  const struct prt_value *v, struct prt_value *old, char *oldbuf,
                  size_t oldbuf_len);
/* prtGeneralReset is an action, not a value: a SET request applies every
 * value first and runs the actions once, after every varbind passed. */
bool prt_set_is_action(int table, int column);
/* Runs an action (prtGeneralReset v->i on d); checks v like prt_set_check.
 * Returns PRT_OK or the check's error (nothing changed then). */
int prt_set_action(struct prt_device *d, int table, int column, const struct prt_value *v);
/* Puts an old value back (undo of a value prt_set_apply wrote while the
 * device changed meanwhile): value rules only, no prtGeneralConfigChanges
 * counting; bumps the generation.  Exact undo restores a snapshot instead
 * (prt_device_restore). */
int prt_set_revert(struct prt_device *d, int table, int32_t row, int column,
                   const struct prt_value *old);
bool prt_column_writable(int table, int column);
/* PRT_V_INT or PRT_V_STRING for a writable column, 0 for any other. */
int prt_column_kind(int table, int column);
/* Notes on the SET semantics (details in prt_set.c):
 * - PRT_T_GENERAL: row is 0 or the device's hr_index.
 * - Check order follows RFC 3416 §4.2.5: -PRT_ERDONLY (column never
 *   writable), value errors (-PRT_EINVAL / -PRT_ETOOLONG), -PRT_ENOENT (no
 *   row), -PRT_EINCONSISTENT.  Strings with NUL or other control characters
 *   are refused (-PRT_EINVAL).
 * - prt_set_apply() bumps d->generation on success and
 *   general.config_changes when a configuration object actually changed.
 * - prtGeneralReset (prt_set_action): 3 no-op; 4 and 5 restart the device
 *   (power-on counts, alert table, prtAlertIndex, critical/all event
 *   counters) keeping the configuration; 6 also restores the profile's
 *   configuration.  It always reads back notResetting(3); only a snapshot
 *   taken before it (prt_device_clone / prt_device_restore) undoes it. */

/* ---- rules (prt_rules.c) ----
 * Re-derives the alert table from the live state: adds rows for conditions
 * that hold (new prtAlertIndex, callback PRT_ALERT_ADDED), removes rows whose
 * condition cleared (callback PRT_ALERT_REMOVED, plus a 1801 row when
 * rules.removal_entries), ages out unary rows, applies the RFC 3805 §2.2.13.4
 * eviction order, then derives every status (sub-unit status columns,
 * hrDeviceStatus, hrPrinterStatus, hrPrinterDetectedErrorState,
 * hrDeviceErrors, console lights and display text). */
void prt_rules_apply(struct prt_model *m, struct prt_device *d);
/* Adds a unary (warning(4)) or explicit alert raised by the controller.  An
 * empty description is filled in from the code and the sub-unit's name
 * ("Tray 2: input media supply empty"), so every row has a text. */
int prt_alert_raise(struct prt_model *m, struct prt_device *d, const struct prt_alert *tmpl);
/* Clears an explicitly raised alert by index. */
int prt_alert_clear(struct prt_model *m, struct prt_device *d, int32_t index);

#endif
