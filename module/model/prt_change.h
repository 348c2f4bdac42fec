/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_change.h: live changes of a device's state, owned by the model.
 *
 * A live change is what a print controller reports between two SNMP
 * requests: an input's level, a bin sensor, a cover, a jam, the engine
 * state, impressions counted, console text, an explicit alert.  The feed
 * protocol (module/feed/feed_parse.c) only parses a line, builds the change
 * with a named model function (prt_change_input_level(), ...) and replies;
 * the model checks the change against the device
 * (prt_change_check: rows that exist, ranges against the row's capacity,
 * text that fits the console) and applies it (prt_change_apply: the
 * fields, the counters, the alert table, one generation bump).  The rules
 * (prt_rules_apply) then derive alerts and statuses from the new state;
 * the caller runs them once per device and batch.
 *
 * Pure C: no Net-SNMP, no I/O.
 */
#ifndef PRT_CHANGE_H
#define PRT_CHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prt_model.h"

#define PRT_CHANGE_COUNT_MAX 1000000 /* impressions per count */

enum prt_change_op {
    PRT_CHANGE_NONE = 0,
    PRT_CHANGE_INPUT_LEVEL,      /* row, v: prtInputCurrentLevel (-3..max) */
    PRT_CHANGE_INPUT_MISSING,    /* row, v: tray pulled out (0/1) */
    PRT_CHANGE_OUTPUT_REMAINING, /* row, v: prtOutputRemainingCapacity (-3..max) */
    PRT_CHANGE_OUTPUT_FULL,      /* row, v: bin sensors (0/1) */
    PRT_CHANGE_OUTPUT_OFFLINE,
    PRT_CHANGE_OUTPUT_MISSING,
    PRT_CHANGE_SUPPLY_LEVEL,   /* row, v: prtMarkerSuppliesLevel (-3..max) */
    PRT_CHANGE_SUPPLY_MISSING, /* row, v: cartridge removed (0/1) */
    PRT_CHANGE_COVER,          /* row, v: PrtCoverStatusTC */
    PRT_CHANGE_JAM,            /* row (media path), v: prtAlertLocation (-2..) */
    PRT_CHANGE_CLEAR_JAM,      /* row (media path) */
    PRT_CHANGE_STATUS,         /* v: engine state (enum prt_engine) */
    PRT_CHANGE_SERVICE,        /* v: device-wide conditions (0/1) */
    PRT_CHANGE_MAINTENANCE,
    PRT_CHANGE_INTERVENTION,
    PRT_CHANGE_COUNT,        /* v impressions; color, size, sides, input, output, marker */
    PRT_CHANGE_DISPLAY,      /* row (console line), text in tmpl.description */
    PRT_CHANGE_DISPLAY_AUTO, /* console text from the rules again */
    PRT_CHANGE_RAISE,        /* tmpl: an explicit alert (key set for binary ones) */
    PRT_CHANGE_CLEAR_ALERT,  /* row: prtAlertIndex of an explicit alert */
    PRT_CHANGE_CLEAR_KEY,    /* key: an explicit binary alert */
    PRT_CHANGE_NOPS
};

struct prt_change {
    int op; /* enum prt_change_op */
    int32_t row;
    int32_t v;
    int32_t color, size, sides;    /* enum prt_bill_color / _size / _sides */
    int32_t input, output, marker; /* count: rows consumed from (0 none) */
    uint64_t key;
    struct prt_alert tmpl;
};

/* Checks c against d as it is now, changing nothing.  Returns PRT_OK, or
 * -PRT_ENOENT (no such row or alert), -PRT_EINVAL (out of range) with the
 * reason, in the words of the feed protocol, in why. */
int prt_change_check(const struct prt_device *d, const struct prt_change *c, char *why, size_t cap);

/* Applies a change that passed prt_change_check() against d's current
 * state (a batch checks every change first, then applies them all) and
 * bumps d's generation.  Does not run the rules.  Returns the new alert's
 * prtAlertIndex for PRT_CHANGE_RAISE (or its negative error), else 0. */
int32_t prt_change_apply(struct prt_model *m, struct prt_device *d, const struct prt_change *c);

/* ---- named changes ----
 * prt_change_<what>() fills *c with one change and nothing else (a record
 * for prt_change_check/apply, alone or in a batch: the feed's begin ...
 * commit checks every record before it applies any).  The device functions
 * below (prt_input_set_level, prt_jam_raise, ...) check one change against
 * d and apply it: PRT_OK, or a negative PRT_E* with the reason in why and
 * nothing changed; an applied change bumps d's generation.  None runs the
 * rules (prt_rules_apply). */
void prt_change_input_level(struct prt_change *c, int32_t input, int32_t level);
void prt_change_input_missing(struct prt_change *c, int32_t input, bool missing);
void prt_change_output_remaining(struct prt_change *c, int32_t output, int32_t remaining);
void prt_change_output_full(struct prt_change *c, int32_t output, bool full);
void prt_change_output_offline(struct prt_change *c, int32_t output, bool offline);
void prt_change_output_missing(struct prt_change *c, int32_t output, bool missing);
void prt_change_supply_level(struct prt_change *c, int32_t supply, int32_t level);
void prt_change_supply_missing(struct prt_change *c, int32_t supply, bool missing);
void prt_change_cover(struct prt_change *c, int32_t cover, int32_t status);
void prt_change_jam(struct prt_change *c, int32_t path, int32_t location);
void prt_change_jam_clear(struct prt_change *c, int32_t path);
void prt_change_engine(struct prt_change *c, int32_t engine);
void prt_change_service(struct prt_change *c, bool on);
void prt_change_maintenance(struct prt_change *c, bool on);
void prt_change_intervention(struct prt_change *c, bool on);
/* impressions of one billing kind (enum prt_bill_color/_size/_sides),
 * consumed from input/output and counted on marker (0: none, default) */
void prt_change_count(struct prt_change *c, int32_t impressions, int32_t color, int32_t size,
                      int32_t sides, int32_t input, int32_t output, int32_t marker);
/* -PRT_ETOOLONG when text does not fit a console line's buffer */
int prt_change_display(struct prt_change *c, int32_t line, const char *text);
void prt_change_display_auto(struct prt_change *c);
/* tmpl: severity, code, group, index, location, training, description and
 * key (0 for a unary alert) */
void prt_change_raise(struct prt_change *c, const struct prt_alert *tmpl);
void prt_change_clear_alert(struct prt_change *c, int32_t alert_index);
void prt_change_clear_key(struct prt_change *c, uint64_t key);

int prt_input_set_level(struct prt_model *m, struct prt_device *d, int32_t input, int32_t level,
                        char *why, size_t cap);
int prt_output_set_remaining(struct prt_model *m, struct prt_device *d, int32_t output,
                             int32_t remaining, char *why, size_t cap);
int prt_supply_set_level(struct prt_model *m, struct prt_device *d, int32_t supply, int32_t level,
                         char *why, size_t cap);
int prt_cover_set_status(struct prt_model *m, struct prt_device *d, int32_t cover, int32_t status,
                         char *why, size_t cap);
int prt_jam_raise(struct prt_model *m, struct prt_device *d, int32_t path, int32_t location,
                  char *why, size_t cap);
int prt_jam_clear(struct prt_model *m, struct prt_device *d, int32_t path, char *why, size_t cap);
int prt_marker_count_impressions(struct prt_model *m, struct prt_device *d, int32_t impressions,
                                 int32_t color, int32_t size, int32_t sides, int32_t input,
                                 int32_t output, int32_t marker, char *why, size_t cap);
int prt_display_set_text(struct prt_model *m, struct prt_device *d, int32_t line, const char *text,
                         char *why, size_t cap);
/* the new alert's prtAlertIndex (> 0), or a negative PRT_E* */
int32_t prt_alert_raise_explicit(struct prt_model *m, struct prt_device *d,
                                 const struct prt_alert *tmpl, char *why, size_t cap);

#endif
