/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_map.h: what an IPP printer's attributes mean for its printdev
 * device (the mapping table of printdev-ipp(8)).
 *
 * ipp_view_build() (ipp_map.c) reads an attribute set (struct ipp_attrs)
 * into a view: the layout a profile needs (supplies, colorants, trays,
 * identity) and the live state the feed reports (engine status, levels,
 * covers, jam, alerts the model's rules do not derive).  ipp_view_feed()
 * (ipp_out.c) writes that live state as one feed batch
 * (doc/printdev-feed.7), ipp_view_profile()
 * the layout as a profile (doc/printdev-profile.5).  The alert rules stay
 * in the model: a supply at 5 % becomes "set supply N level 5" and the
 * model raises the toner-low row; only conditions no row can express
 * (media-low without tray levels, spool-area-full, vendor -error reasons)
 * are raised explicitly, with keys in the IPP_KEY range.  Pure C.
 */
#ifndef IPP_MAP_H
#define IPP_MAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ipp_parse.h"

#define PDIPP_MAX_SUPPLIES 32
#define PDIPP_MAX_COLORANTS 16
#define PDIPP_MAX_TRAYS 16
#define PDIPP_MAX_INTERP 4
#define PDIPP_MAX_RAISE 32
#define PDIPP_TONER_LOW 10 /* percent; written as printdevRules tonerLow */
/* SNMP context names are at most 32 octets (prt_system.h PRT_CONTEXT_MAX) */
#define PDIPP_CONTEXT_MAX 32

/* Raised alerts of printdev-ipp carry keys (PDIPP_KEY_BASE | 32-bit hash). */
#define PDIPP_KEY_BASE (UINT64_C(0x495050) << 32)
#define PDIPP_KEY_MINE(k) (((k) >> 32) == UINT64_C(0x495050))

struct ipp_view_supply {
    struct ipp_supply s;
    char description[PDIPP_TEXT_MAX];
    int32_t low;      /* percent; 0 = printdevRules tonerLow */
    int32_t colorant; /* prtMarkerColorantIndex, 0 = none */
};

struct ipp_raise {
    uint64_t key;
    int32_t severity; /* PrtAlertSeverityLevelTC: critical or warningBinaryChangeEvent */
    int32_t code, group, group_index;
    char text[128];
};

struct ipp_view {
    /* identity and layout */
    char printer_name[128];
    char make_model[128];
    char info[128];
    char location[128];
    char device_id[1024];
    char uuid[128];
    char uri[256];
    char serial[64];
    size_t n_supply;
    struct ipp_view_supply supply[PDIPP_MAX_SUPPLIES];
    size_t n_colorant;
    char colorant[PDIPP_MAX_COLORANTS][PDIPP_NAME_MAX];
    size_t n_in, n_out;
    struct ipp_tray in[PDIPP_MAX_TRAYS], out[PDIPP_MAX_TRAYS];
    bool in_synthetic, out_synthetic; /* the printer names no trays: one row each */
    size_t n_interp;
    int32_t interp[PDIPP_MAX_INTERP];
    bool duplex;
    /* the SNMP context the device is served in (printdevSystem context):
     * "" = its name, the first PDIPP_CONTEXT_MAX octets of a longer one.
     * Not from IPP: ipp_view_build() leaves it empty, the caller sets it
     * (ipp_view_add_batch) */
    char context[PDIPP_CONTEXT_MAX + 1];
    /* live state */
    const char *engine; /* a feed "status" keyword */
    bool cover_open, door_open, interlock_open, jammed;
    bool in_missing, out_full, out_missing;
    size_t n_raise;
    struct ipp_raise raise[PDIPP_MAX_RAISE];
    /* printer-impressions-completed, -1 when the printer does not say */
    int64_t impressions;
    /* impressions to add to the device's counters in the next batch (the
     * caller's difference between two readings; the feed's "count" adds,
     * it cannot set an absolute value) */
    uint32_t count_delta;
};

/* Builds the view of a printer from its Get-Printer-Attributes answer.
 * A malformed row value is an error (err says which); the view is then
 * not to be used. */
int ipp_view_build(const struct ipp_attrs *as, struct ipp_view *v, char *err, size_t errlen);

/* The printer does not answer: engine unavailable (hrDeviceStatus down)
 * and one critical alert naming why, on top of the last known layout. */
void ipp_view_unreachable(struct ipp_view *v, const char *why);

/* The live state as feed lines "begin" ... "commit" into buf (NUL
 * terminated).  present: the IPP-range keys the device has raised now
 * (from "get alerts"); the batch clears those the view no longer wants.
 * Returns the length or -1 when cap is too small. */
int ipp_view_feed(const struct ipp_view *v, const uint64_t *present, size_t n_present, char *buf,
                  size_t cap);

/* Following printer-impressions-completed with the feed's "count" (which
 * adds, it cannot set): the agent's prtMarkerLifeCount is made to follow
 * the printer's own total.  After every (re)connection the agent's value
 * is read first (agent); a printer total at or above it is caught up to
 * (at most PDIPP_COUNT_STEP_MAX per batch), one below it is taken as the
 * base and only its increments are counted (the counter never goes back).
 * After that only increments are counted; a printer whose total went back,
 * or (not catching up) jumped by more than PDIPP_COUNT_STEP_MAX, gives a
 * new base. */
#define PDIPP_COUNT_STEP_MAX 100000000
struct ipp_count {
    int64_t counted; /* the printer total the agent's counter stands for, -1: no base yet */
    int64_t agent;   /* the agent's prtMarkerLifeCount, -1: not read */
    bool catch_up;
    bool logged_behind;
};
/* No base, the agent's value not known (a new feed connection). */
void ipp_count_reset(struct ipp_count *c);
/* The agent's value should be read ("get markers") before the next step. */
bool ipp_count_wants_agent(const struct ipp_count *c, const struct ipp_view *v);
/* A data line of "get markers": the life count of marker 1, else of the
 * first marker, is the agent's value. */
void ipp_count_marker_line(struct ipp_count *c, const char *line);
/* Sets v->count_delta for the reading v->impressions.  True (once per c)
 * when the printer's total is below the agent's value: the caller logs it. */
bool ipp_count_step(struct ipp_count *c, struct ipp_view *v);
/* The agent accepted the batch with v->count_delta. */
void ipp_count_accepted(struct ipp_count *c, const struct ipp_view *v);

/* A profile for the printer as device hr_index named name (in the context
 * v->context, else the name's). */
int ipp_view_profile(const struct ipp_view *v, int32_t hr_index, const char *name, FILE *out);

/* ipp_skel.c: the printer's identity for the agent (printer-uuid, else
 * printer-uri-supported, else fallback; PDIPP_ESYNTAX when none is usable
 * as one feed word), and the batch that adds its device ("begin", "device
 * add NAME identity=ID", the profile lines of its layout, "commit") into
 * buf; returns the length, or -1 when cap is too small. */
int ipp_view_identity(const struct ipp_view *v, const char *fallback, char *out, size_t cap);
/* context: the device's SNMP context, NULL or "" = derived from the name. */
int ipp_view_add_batch(const struct ipp_view *v, const char *name, const char *context,
                       const char *identity, char *buf, size_t cap);
/* The context a device falls back to when the agent has given the one
 * derived from its name to another device: the name's first 23 octets,
 * '-' and 8 hex digits of a hash of the whole name (stable, and distinct
 * for distinct names but for a 1 in 2^32 chance).  cap >= 33. */
void ipp_context_alt(const char *name, char *out, size_t cap);
/* The feed's error reply REPLY (the whole line) refuses a device add because
 * the device's SNMP context is another device's: its reason starts with the
 * error word "context-taken:" (printdev-feed(7), Error words), right after
 * "error " or "error batch rejected: ".  The English text is not matched. */
bool ipp_context_taken(const char *reply);

/* Copies src (NULL = "") into dst, at most cap - 1 octets, never cutting
 * a UTF-8 sequence, with control octets shown as '?'. */
void ipp_text_copy(char *dst, size_t cap, const char *src);

/* A device name from a queue name or URI: [A-Za-z0-9._-], at most 63. */
void ipp_device_name(const char *from, char *out, size_t cap);

#endif
