/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules.c: the alert and status rules of a print device.
 *
 * prt_rules_apply() re-derives, from the live state held in struct
 * prt_device (tray levels, sensors, supplies, covers, jams, engine state,
 * device conditions), the set of conditions that hold now, and makes the
 * prtAlertTable (RFC 3805 §2.2.13) and every derived status agree with it:
 *
 *   - one binary alert row per condition, with the severity, training level
 *     and text a PRISMAsync ("Océ-style") controller uses where its
 *     documentation gives them; the group, group index and code name the
 *     sub-unit and the condition as RFC 3805 §2.2.13 / IANA-PRINTER-MIB
 *     define them (the specific code where one exists, group index -1 where
 *     the group's table has no second index), so that every row, and every
 *     printerV2Alert, explains itself; every row has a description;
 *   - every condition has a stable key, so re-applying keeps the row and its
 *     prtAlertIndex; a condition that cleared removes its row (trailing
 *     edge), optionally appending an alertRemovalOfBinaryChangeEntry(1801)
 *     unary row;
 *   - table management per RFC 3805 §2.2.13.3/§2.2.13.4: monotonic index
 *     with wrap, event counters, eviction order, re-adding evicted binary
 *     alerts, ageing of unary rows;
 *   - the sub-unit status columns (PrtSubUnitStatusTC, §2.2.13.2.2),
 *     hrDeviceStatus, hrPrinterStatus, hrPrinterDetectedErrorState
 *     (§2.2.13.2, §2.2.13.2.1), hrDeviceErrors, console lights and the first
 *     console display line.
 *
 * Alert events are queued while the table changes and reported through
 * m->alert_cb after every status has been derived, so a callback always sees
 * a consistent device.  d->generation is bumped once per call that changed
 * anything, and never otherwise.
 *
 * Decisions where neither RFC 3805 nor the PRISMAsync documentation fixes a
 * value (each one is covered by a unit test):
 *
 *  Alerts
 *   - Every derived alert is binary: critical(3) or
 *     warningBinaryChangeEvent(5), as PRISMAsync does.  prtAlertLocation is
 *     -2 (unknown) except for jams (the media path's jam_location).
 *   - Input tray empty: warningBinaryChangeEvent, input, n, 808.  When every
 *     tray is empty or missing (and at least one is empty) the printer is
 *     out of paper: with rules.oce_all_trays_empty an extra critical row
 *     (input, group index 100, 808, "Out of paper") is added and the
 *     per-tray rows stay warnings; without it (plain RFC 3805: no extra
 *     row) each per-tray empty row becomes critical(3) instead, because the
 *     condition then stops printing.  Outputs follow the same pattern
 *     (rules.oce_all_outputs_full, "Output trays full").
 *   - A manual-feed tray (sheetFeedManual) that is empty raises nothing:
 *     a bypass tray is empty whenever nobody is feeding it by hand, and real
 *     printers report its level 0 with no alert and no inputTrayEmpty bit.
 *     It does not count as empty for "out of paper" either (the other trays
 *     decide); with paper in it, it can feed, so the printer is not out.
 *     It still raises "low" (its own threshold) and "missing".
 *   - Input tray missing: inputMediaTrayMissing(801) as
 *     warningBinaryChangeEvent, untrained: the printer still prints from
 *     the other trays (PRISMAsync lists tray conditions as non-critical).
 *     A missing tray raises no empty/low row (one row per event).  An
 *     output bin that is missing or off-line raises outputMediaTrayMissing
 *     (901), "<name> is offline" (the PRISMAsync text) or "<name> is
 *     missing", and no full row.
 *   - Toner/ink/ribbon/developer empty is critical (printing stops); parts
 *     with a life (opc, fuser, corona wire, cleaner, transfer unit, ...) raise
 *     life over / almost over as warnings with training trained(4).  The
 *     empty threshold rules.toner_empty_percent applies to every consumed
 *     supply.  A supply whose unit is percent(19) and whose max capacity is
 *     not given is taken as max 100.
 *   - Waste toner full: the sheet's training letter "Y" is taken as
 *     trained(4) and its text is kept; the row is markerSupplies, the
 *     supply index, markerWasteTonerReceptacleFull(1109) (the sheet's
 *     generalPrinter / 1 / subunitFull names no sub-unit: prtGeneralTable
 *     has no second index).  Almost full is
 *     markerWasteTonerReceptacleAlmostFull (1107), same group and index.
 *     Receptacle levels are the remaining space (RFC 3805
 *     prtMarkerSuppliesLevel), so level 0 = full.
 *   - Staples and waste boxes belong to the finisher at position n =
 *     supply.finisher (0 = the first finisher); the text starts with
 *     d->finisher_models[n-1] when present; "Stapler k" is the k-th staples
 *     supply of that finisher in index order.  The row is markerSupplies
 *     with the supply's own index (PRISMAsync's group index 100 + n names
 *     no prtMarkerSuppliesTable / prtOutputTable row), code subunitEmpty /
 *     subunitAlmostEmpty, subunitFull / subunitAlmostFull, subunitMissing.
 *   - Supply missing: markerTonerCartridgeMissing(1115) for toner, else
 *     subunitMissing(9); critical for marking agents (toner, ink, ribbon,
 *     developer), warning binary for everything else.
 *   - Service requested: critical, fieldService, generalPrinter, group index
 *     -1 (prtGeneralTable has no second index, RFC 3805 prtAlertGroupIndex),
 *     code other(1), "Service required".  Overdue preventive maintenance:
 *     warning binary, fieldService, generalPrinter, -1, other(1).  Engine
 *     off-line: warning binary, untrained, generalPrinter, -1,
 *     subunitOffline(22), "Printer is offline".
 *   - Operator intervention: critical, trained, generalPrinter, group
 *     index -1, code other(1) (no PrtAlertCodeTC value says "operator
 *     intervention"; the text does), "Operator intervention required";
 *     present while any other critical condition holds (derived or
 *     explicitly raised) when rules.oce_operator_intervention, and always
 *     while cond.operator_intervention.  PRISMAsync documents group other,
 *     index 1, which names no sub-unit and made every receiver print
 *     "other in other 1".
 *   - Keys: a derived row's key (prt_rules.h) is the hash of the identity
 *     the row had when keys were introduced; where the shown group, group
 *     index or code changed since (operator intervention, waste toner full,
 *     staples, waste boxes) the key keeps the old identity (cond_show), so
 *     a row restored from an older state file keeps its prtAlertIndex and
 *     takes the new identity in place instead of being removed and raised
 *     again.
 *
 *  Table management
 *   - A new alert evicts per RFC 3805 §2.2.13.4 (oldest non-critical unary,
 *     then oldest non-critical binary, then oldest critical), except that a
 *     non-critical alert never evicts a critical one: it waits instead.  A
 *     derived binary alert evicted while its condition holds is remembered
 *     (d->rules_pending) and re-added with a new index as soon as there is
 *     free room, criticals first; it never evicts anything itself.  An
 *     explicitly raised alert that is evicted is gone (the controller
 *     raises it again if it wants).
 *   - Unary rows age out after rules.unary_max_age seconds of sysUpTime.
 *   - hrDeviceErrors counts new critical rows; with rules.oce_status it is
 *     set equal to prtAlertCriticalEvents (PRISMAsync).
 *
 *  Statuses
 *   - Sub-unit availability from the engine state: idle 0, printing 4
 *     (markers and media paths; trays and bins stay 0: which tray feeds is
 *     not known), standby 2, warm-up 2+64, moving off-line 0+64, off-line
 *     1+32, unavailable 3, testing 1, unknown 5.  Per unit: tray/bin
 *     missing 1, bin off-line 1+32, jammed media path 3 (RFC example),
 *     channel noDataAccepted 1+32.  +8/+16 come from the active binary
 *     conditions on the unit (supply conditions count for the supply's
 *     marker); unary warning rows are events and set no flag.
 *   - With rules.oce_status, prtInputStatus is 0 or 16 (16 when empty,
 *     missing or critical), prtOutputStatus 0 or 16 (full, missing/off-line
 *     or critical), prtMarkerStatus 0, 8 (toner low) or 16 (toner empty)
 *     (PRISMAsync prtInputGroup/prtOutputGroup/prtMarkerGroup).
 *   - hrDeviceStatus/hrPrinterStatus: RFC 3805 §2.2.13.2 table by default;
 *     PRISMAsync mapping with rules.oce_status (see hr_status()).
 *   - hrPrinterDetectedErrorState is always 2 octets, bit 0 = MSB of octet
 *     1.  noPaper is set only when no tray can feed (all empty/missing, the
 *     "Out of paper" condition); inputTrayEmpty for any empty tray;
 *     noToner/lowToner for toner and ink; offline for engine off-line or
 *     moving off-line (and, with oce_status, testing = service mode).
 *   - Console display line 1: the newest critical alert's text (the
 *     operator-intervention row only when it is the only one), else the
 *     engine state for a non-idle engine ("Printing", "Warming up", ...),
 *     else the newest non-critical binary alert's text, else "Ready";
 *     truncated to prtConsoleNumberOfDisplayChars octets on a UTF-8
 *     boundary.  Not touched when d->console_text_from_feed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "prt_enums.h"
#include "prt_model.h"
#include "prt_rules.h"

/* hrPrinterDetectedErrorState bit n as a 16-bit word, octet 1 high. */
#define ERRBIT(n) ((uint16_t)(0x8000u >> (n)))

#define SUBUNIT_NONCRITICAL 8
#define SUBUNIT_CRITICAL 16
#define SUBUNIT_OFFLINE 32
#define SUBUNIT_TRANSITION 64

/* Key discriminators for conditions that share code/group/index. */
enum { SUBJ_SERVICE = 1, SUBJ_MAINT = 2, SUBJ_OFFLINE = 3, SUBJ_OPERATOR = 4, SUBJ_ALL = 5 };

/* Which sub-unit a condition marks (for the +8/+16 flags). */
enum st_unit { ST_NONE = 0, ST_INPUT, ST_OUTPUT, ST_MARKER, ST_MEDIA_PATH, ST_CHANNEL };

/* One condition that holds now (derived, or an explicit binary row). */
struct cond {
    struct prt_alert a;   /* row template incl. key */
    uint16_t bits;        /* hrPrinterDetectedErrorState bits */
    int st;               /* enum st_unit */
    int32_t st_index;
    bool derived;
    bool operator_row;    /* the "Operator intervention required" row */
};

struct cond_set {
    struct cond *v;
    size_t n, cap;
};

struct event {
    struct prt_alert a;
    enum prt_alert_event ev;
};

struct ctx {
    struct prt_model *m;
    struct prt_device *d;
    struct event *evs;
    size_t n_evs, cap_evs;
    bool changed;
    const struct cond_set *want;  /* derived conditions, while applying */
};

/* ------------------------------------------------------------------ */
/* small helpers */

static void utf8_trim(char *s)
{
    /* Drop an incomplete multi-byte sequence left at the end by truncation. */
    size_t n = strlen(s), i = n, need;
    unsigned char c;

    if (n == 0)
        return;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    if (c < 0x80)
        return;
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

static void __attribute__((format(printf, 3, 4))) textf(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(dst, n, fmt, ap);
    va_end(ap);
    utf8_trim(dst);
}

static uint64_t fnv(uint64_t h, int32_t v)
{
    uint32_t u = (uint32_t)v;
    int i;

    for (i = 0; i < 4; i++) {
        h ^= (u >> (8 * i)) & 0xFF;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static uint64_t cond_key(const struct prt_alert *a, int32_t subject)
{
    uint64_t h = UINT64_C(14695981039346656037);

    h = fnv(h, a->code);
    h = fnv(h, a->group);
    h = fnv(h, a->group_index);
    h = fnv(h, a->location);
    h = fnv(h, a->severity);
    h = fnv(h, subject);
    return h | PRT_ALERT_KEY_DERIVED;
}

static bool is_binary(const struct prt_alert *a)
{
    return a->severity == PrtAlertSeverityLevelTC_critical ||
           a->severity == PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
}

static bool is_critical(const struct prt_alert *a)
{
    return a->severity == PrtAlertSeverityLevelTC_critical;
}

static uint32_t now_ticks(const struct prt_model *m)
{
    return (m != NULL && m->uptime != NULL) ? m->uptime() : 0;
}

static size_t table_limit(const struct prt_device *d)
{
    int32_t s = d->rules.alert_table_size;

    if (s < 1)
        s = PRT_ALERT_TABLE_DEFAULT;
    if (s > PRT_MAX_ROWS)
        s = PRT_MAX_ROWS;
    return (size_t)s;
}

static void set_i32(struct ctx *c, int32_t *field, int32_t v)
{
    if (*field != v) {
        *field = v;
        c->changed = true;
    }
}

/* ------------------------------------------------------------------ */
/* condition sets */

static struct cond *cond_push(struct cond_set *s)
{
    struct cond *c;

    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 32;
        struct cond *nv = realloc(s->v, ncap * sizeof(*nv));
        if (nv == NULL)
            return NULL;
        s->v = nv;
        s->cap = ncap;
    }
    c = &s->v[s->n++];
    memset(c, 0, sizeof(*c));
    c->a.location = -2;
    c->derived = true;
    return c;
}

static const struct cond *cond_find(const struct cond_set *s, uint64_t key)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        if (s->v[i].a.key == key)
            return &s->v[i];
    return NULL;
}

/* Adds a derived condition; returns it or NULL on ENOMEM (*oom set). */
static struct cond *want(struct cond_set *s, bool *oom, int32_t sev, int32_t training,
                         int32_t group, int32_t gi, int32_t code, int32_t subject,
                         uint16_t bits, int st, int32_t st_index)
{
    struct cond *c = cond_push(s);

    if (c == NULL) {
        *oom = true;
        return NULL;
    }
    c->a.severity = sev;
    c->a.training = training;
    c->a.group = group;
    c->a.group_index = gi;
    c->a.code = code;
    c->bits = bits;
    c->st = st;
    c->st_index = st_index;
    c->a.key = cond_key(&c->a, subject);
    return c;
}

/* Sets the location (part of the key, so the key is recomputed). */
static void cond_locate(struct cond *c, int32_t location, int32_t subject)
{
    c->a.location = location;
    c->a.key = cond_key(&c->a, subject);
}

/* Gives the row the group, group index and code it shows, keeping the key
 * computed from the identity earlier releases showed (keys are stored in
 * state files and must not change, prt_rules.h). */
static void cond_show(struct cond *c, int32_t group, int32_t group_index, int32_t code)
{
    c->a.group = group;
    c->a.group_index = group_index;
    c->a.code = code;
}

/* ------------------------------------------------------------------ */
/* derived conditions */

#define W PrtAlertSeverityLevelTC_warningBinaryChangeEvent
#define C PrtAlertSeverityLevelTC_critical
#define UNTRAINED PrtAlertTrainingLevelTC_untrained
#define TRAINED PrtAlertTrainingLevelTC_trained
#define FIELD PrtAlertTrainingLevelTC_fieldService

static const char *or_default(const char *s, char *buf, size_t n, const char *what, int32_t idx)
{
    if (s[0] != '\0')
        return s;
    textf(buf, n, "%s %d", what, (int)idx);
    return buf;
}

static bool input_empty(const struct prt_input *in)
{
    return !in->missing && in->current_level == 0;
}

/* An empty manual-feed (bypass) tray is its normal state: no condition. */
static bool input_idle_manual(const struct prt_input *in)
{
    return in->type == PrtInputTypeTC_sheetFeedManual && input_empty(in);
}

static bool input_low(const struct prt_device *d, const struct prt_input *in)
{
    int64_t lvl = in->current_level;

    if (in->missing || lvl <= 0)
        return false;
    if (in->low_threshold > 0 && lvl <= in->low_threshold)
        return true;
    if (d->rules.input_low_percent > 0 && in->max_capacity > 0 &&
        lvl * 100 <= (int64_t)d->rules.input_low_percent * in->max_capacity)
        return true;
    return false;
}

static bool output_full(const struct prt_output *o)
{
    return !o->missing && !o->offline && (o->remaining_capacity == 0 || o->full_sensor);
}

static bool output_gone(const struct prt_output *o)
{
    return o->missing || o->offline;
}

static bool output_near_full(const struct prt_output *o)
{
    return !output_gone(o) && !output_full(o) && o->near_full_threshold > 0 &&
           o->remaining_capacity >= 0 && o->remaining_capacity <= o->near_full_threshold;
}

static bool all_inputs_out(const struct prt_device *d)
{
    size_t i, empty = 0;

    if (d->n_inputs == 0)
        return false;
    for (i = 0; i < d->n_inputs; i++) {
        if (input_idle_manual(&d->inputs[i]))
            continue;
        if (input_empty(&d->inputs[i]))
            empty++;
        else if (!d->inputs[i].missing)
            return false;
    }
    return empty > 0;
}

static bool all_outputs_full(const struct prt_device *d)
{
    size_t i, full = 0;

    if (d->n_outputs == 0)
        return false;
    for (i = 0; i < d->n_outputs; i++) {
        if (output_full(&d->outputs[i]))
            full++;
        else if (!output_gone(&d->outputs[i]))
            return false;
    }
    return full > 0;
}

static void derive_covers(struct ctx *c, struct cond_set *s, bool *oom)
{
    size_t i;

    for (i = 0; i < c->d->n_covers; i++) {
        const struct prt_cover *cv = &c->d->covers[i];
        char buf[32];
        int32_t code;
        struct cond *k;

        if (cv->status == PrtCoverStatusTC_coverOpen)
            code = PrtAlertCodeTC_coverOpen;
        else if (cv->status == PrtCoverStatusTC_interlockOpen)
            code = PrtAlertCodeTC_interlockOpen;
        else
            continue;
        k = want(s, oom, C, UNTRAINED, PrtAlertGroupTC_cover, cv->index, code, cv->index,
                 ERRBIT(HR_PRINTER_ERR_doorOpen), ST_NONE, 0);
        if (k == NULL)
            return;
        textf(k->a.description, sizeof(k->a.description), "%s is open",
              or_default(cv->description, buf, sizeof(buf), "Cover", cv->index));
    }
}

static void derive_jams(struct ctx *c, struct cond_set *s, bool *oom)
{
    size_t i;

    for (i = 0; i < c->d->n_media_paths; i++) {
        const struct prt_media_path *p = &c->d->media_paths[i];
        char buf[32];
        struct cond *k;

        if (!p->jammed)
            continue;
        k = want(s, oom, C, UNTRAINED, PrtAlertGroupTC_mediaPath, p->index, PrtAlertCodeTC_jam,
                 p->index, ERRBIT(HR_PRINTER_ERR_jammed), ST_MEDIA_PATH, p->index);
        if (k == NULL)
            return;
        cond_locate(k, p->jam_location, p->index);
        textf(k->a.description, sizeof(k->a.description), "Paper jam in %s",
              or_default(p->description, buf, sizeof(buf), "media path", p->index));
    }
}

static void derive_inputs(struct ctx *c, struct cond_set *s, bool *oom)
{
    const struct prt_device *d = c->d;
    bool out = all_inputs_out(d);
    size_t i;

    for (i = 0; i < d->n_inputs; i++) {
        const struct prt_input *in = &d->inputs[i];
        char buf[32];
        const char *name = or_default(in->name, buf, sizeof(buf), "Tray", in->index);
        struct cond *k;

        if (in->missing) {
            k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_input, in->index,
                     PrtAlertCodeTC_inputMediaTrayMissing, in->index,
                     ERRBIT(HR_PRINTER_ERR_inputTrayMissing), ST_INPUT, in->index);
            if (k == NULL)
                return;
            textf(k->a.description, sizeof(k->a.description), "%s is missing", name);
        } else if (input_idle_manual(in)) {
            continue;
        } else if (input_empty(in)) {
            int32_t sev = (out && !d->rules.oce_all_trays_empty) ? C : W;
            uint16_t bits = ERRBIT(HR_PRINTER_ERR_inputTrayEmpty);
            if (out)
                bits |= ERRBIT(HR_PRINTER_ERR_noPaper);
            k = want(s, oom, sev, UNTRAINED, PrtAlertGroupTC_input, in->index,
                     PrtAlertCodeTC_inputMediaSupplyEmpty, in->index, bits, ST_INPUT, in->index);
            if (k == NULL)
                return;
            textf(k->a.description, sizeof(k->a.description), "%s is empty", name);
        } else if (input_low(d, in)) {
            k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_input, in->index,
                     PrtAlertCodeTC_inputMediaSupplyLow, in->index,
                     ERRBIT(HR_PRINTER_ERR_lowPaper), ST_INPUT, in->index);
            if (k == NULL)
                return;
            textf(k->a.description, sizeof(k->a.description), "%s is low", name);
        }
    }
    if (out && d->rules.oce_all_trays_empty) {
        struct cond *k = want(s, oom, C, UNTRAINED, PrtAlertGroupTC_input,
                              PRT_ALERT_GROUP_INDEX_ALL, PrtAlertCodeTC_inputMediaSupplyEmpty,
                              -SUBJ_ALL, ERRBIT(HR_PRINTER_ERR_noPaper), ST_NONE, 0);
        if (k != NULL)
            textf(k->a.description, sizeof(k->a.description), "Out of paper");
    }
}

static void derive_outputs(struct ctx *c, struct cond_set *s, bool *oom)
{
    const struct prt_device *d = c->d;
    bool all = all_outputs_full(d);
    size_t i;

    for (i = 0; i < d->n_outputs; i++) {
        const struct prt_output *o = &d->outputs[i];
        char buf[32];
        const char *name = or_default(o->name, buf, sizeof(buf), "Output", o->index);
        struct cond *k;

        if (output_gone(o)) {
            k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_output, o->index,
                     PrtAlertCodeTC_outputMediaTrayMissing, o->index,
                     ERRBIT(HR_PRINTER_ERR_outputTrayMissing), ST_OUTPUT, o->index);
            if (k == NULL)
                return;
            textf(k->a.description, sizeof(k->a.description),
                  o->offline ? "%s is offline" : "%s is missing", name);
        } else if (output_full(o)) {
            int32_t sev = (all && !d->rules.oce_all_outputs_full) ? C : W;
            k = want(s, oom, sev, UNTRAINED, PrtAlertGroupTC_output, o->index,
                     PrtAlertCodeTC_outputMediaTrayFull, o->index,
                     ERRBIT(HR_PRINTER_ERR_outputFull), ST_OUTPUT, o->index);
            if (k == NULL)
                return;
            textf(k->a.description, sizeof(k->a.description), "%s is full", name);
        } else if (output_near_full(o)) {
            k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_output, o->index,
                     PrtAlertCodeTC_outputMediaTrayAlmostFull, o->index,
                     ERRBIT(HR_PRINTER_ERR_outputNearFull), ST_OUTPUT, o->index);
            if (k == NULL)
                return;
            textf(k->a.description, sizeof(k->a.description), "%s is almost full", name);
        }
    }
    if (all && d->rules.oce_all_outputs_full) {
        struct cond *k = want(s, oom, C, UNTRAINED, PrtAlertGroupTC_output,
                              PRT_ALERT_GROUP_INDEX_ALL, PrtAlertCodeTC_outputMediaTrayFull,
                              -SUBJ_ALL, ERRBIT(HR_PRINTER_ERR_outputFull), ST_NONE, 0);
        if (k != NULL)
            textf(k->a.description, sizeof(k->a.description), "Output trays full");
    }
}

/* Supply kinds, by PrtMarkerSuppliesTypeTC and class. */
enum skind {
    SK_TONER, SK_INK, SK_RIBBON, SK_DEVELOPER, SK_OPC, SK_LIFE, SK_STAPLES,
    SK_WASTE_TONER, SK_WASTE_INK, SK_WASTE_PAPER, SK_WASTE_OTHER, SK_OTHER
};

static enum skind supply_kind(const struct prt_supply *s)
{
    switch (s->type) {
    case PrtMarkerSuppliesTypeTC_toner:
    case PrtMarkerSuppliesTypeTC_tonerCartridge:
    case PrtMarkerSuppliesTypeTC_matteToner:
        return SK_TONER;
    case PrtMarkerSuppliesTypeTC_ink:
    case PrtMarkerSuppliesTypeTC_inkCartridge:
    case PrtMarkerSuppliesTypeTC_matteInk:
        return SK_INK;
    case PrtMarkerSuppliesTypeTC_inkRibbon:
        return SK_RIBBON;
    case PrtMarkerSuppliesTypeTC_developer:
        return SK_DEVELOPER;
    case PrtMarkerSuppliesTypeTC_opc:
        return SK_OPC;
    case PrtMarkerSuppliesTypeTC_fuser:
    case PrtMarkerSuppliesTypeTC_coronaWire:
    case PrtMarkerSuppliesTypeTC_fuserOilWick:
    case PrtMarkerSuppliesTypeTC_cleanerUnit:
    case PrtMarkerSuppliesTypeTC_fuserCleaningPad:
    case PrtMarkerSuppliesTypeTC_transferUnit:
    case PrtMarkerSuppliesTypeTC_fuserOiler:
        return SK_LIFE;
    case PrtMarkerSuppliesTypeTC_staples:
        return SK_STAPLES;
    case PrtMarkerSuppliesTypeTC_wasteToner:
        return SK_WASTE_TONER;
    case PrtMarkerSuppliesTypeTC_wasteInk:
        return SK_WASTE_INK;
    case PrtMarkerSuppliesTypeTC_wastePaper:
        return SK_WASTE_PAPER;
    case PrtMarkerSuppliesTypeTC_wasteWax:
    case PrtMarkerSuppliesTypeTC_wasteWater:
        return SK_WASTE_OTHER;
    default:
        return s->supply_class == PrtMarkerSuppliesClassTC_receptacleThatIsFilled ? SK_WASTE_OTHER
                                                                                    : SK_OTHER;
    }
}

static bool kind_is_receptacle(enum skind k)
{
    return k == SK_WASTE_TONER || k == SK_WASTE_INK || k == SK_WASTE_PAPER || k == SK_WASTE_OTHER;
}

static int32_t supply_max(const struct prt_supply *s)
{
    if (s->max_capacity <= 0 && s->supply_unit == PrtMarkerSuppliesSupplyUnitTC_percent)
        return 100;
    return s->max_capacity;
}

static int32_t supply_low_percent(const struct prt_device *d, const struct prt_supply *s)
{
    return s->low_percent < 0 ? d->rules.toner_low_percent : s->low_percent;
}

/* Consumed: empty at level 0 or <= toner_empty_percent of max.
 * Receptacle: full at level (remaining space) 0. */
static bool supply_at_end(const struct prt_device *d, const struct prt_supply *s, bool receptacle)
{
    int64_t max = supply_max(s);

    if (s->level == 0)
        return true;
    if (receptacle || s->level < 0 || max <= 0)
        return false;
    return (int64_t)s->level * 100 <= (int64_t)d->rules.toner_empty_percent * max;
}

static bool supply_near_end(const struct prt_device *d, const struct prt_supply *s)
{
    int64_t max = supply_max(s);
    int32_t pct = supply_low_percent(d, s);

    if (s->level < 0 || max <= 0 || pct <= 0)
        return false;
    return (int64_t)s->level * 100 <= (int64_t)pct * max;
}

static size_t count_kind(const struct prt_device *d, enum skind k)
{
    size_t i, n = 0;

    for (i = 0; i < d->n_supplies; i++)
        if (supply_kind(&d->supplies[i]) == k)
            n++;
    return n;
}

/* Finisher position n (1-based) of a staples / waste-box supply, its model
 * text (may be "") and, for staples, the stapler number k on that finisher. */
static int32_t finisher_of(const struct prt_device *d, const struct prt_supply *s,
                           const char **model, int32_t *stapler)
{
    int32_t n = s->finisher > 0 ? s->finisher : 1;
    size_t i;

    *model = ((size_t)n <= d->n_finisher_models) ? d->finisher_models[n - 1] : "";
    *stapler = 0;
    for (i = 0; i < d->n_supplies; i++) {
        const struct prt_supply *o = &d->supplies[i];
        if (supply_kind(o) == supply_kind(s) && (o->finisher > 0 ? o->finisher : 1) == n)
            (*stapler)++;
        if (o == s)
            break;
    }
    return n;
}

static void derive_supplies(struct ctx *c, struct cond_set *s, bool *oom)
{
    const struct prt_device *d = c->d;
    size_t n_toner = count_kind(d, SK_TONER), n_ink = count_kind(d, SK_INK);
    size_t n_wtoner = count_kind(d, SK_WASTE_TONER);
    size_t i;

    for (i = 0; i < d->n_supplies; i++) {
        const struct prt_supply *sp = &d->supplies[i];
        enum skind kind = supply_kind(sp);
        bool recept = kind_is_receptacle(kind);
        bool end = !sp->missing && supply_at_end(d, sp, recept);
        bool near = !sp->missing && !end && supply_near_end(d, sp);
        const uint16_t missing_bit = ERRBIT(HR_PRINTER_ERR_markerSupplyMissing);
        int32_t idx = sp->index, grp = PrtAlertGroupTC_markerSupplies;
        int32_t code_end, code_near, sev_end = W, sev_missing = W, training = UNTRAINED;
        uint16_t bit_end = 0, bit_near = 0;
        int st = ST_MARKER;
        char descr[256], pfx[300], buf[32];
        const char *what_end, *what_near;
        const char *model = "";
        int32_t fin = 0, stapler = 0;
        struct cond *k;

        if (!sp->missing && !end && !near)
            continue;
        textf(descr, sizeof(descr), "%s",
              or_default(sp->description, buf, sizeof(buf), "Supply", sp->index));
        switch (kind) {
        case SK_TONER:
        case SK_INK:
            code_end = kind == SK_TONER ? PrtAlertCodeTC_markerTonerEmpty
                                        : PrtAlertCodeTC_markerInkEmpty;
            code_near = kind == SK_TONER ? PrtAlertCodeTC_markerTonerAlmostEmpty
                                         : PrtAlertCodeTC_markerInkAlmostEmpty;
            sev_end = sev_missing = C;
            bit_end = ERRBIT(HR_PRINTER_ERR_noToner);
            bit_near = ERRBIT(HR_PRINTER_ERR_lowToner);
            what_end = kind == SK_TONER ? "Out of toner" : "Out of ink";
            what_near = kind == SK_TONER ? "Almost out of toner" : "Almost out of ink";
            if ((kind == SK_TONER ? n_toner : n_ink) > 1)
                textf(pfx, sizeof(pfx), "%s: ", descr);
            else
                pfx[0] = '\0';
            if (sp->missing) {
                k = want(s, oom, C, UNTRAINED, grp, idx,
                         kind == SK_TONER ? PrtAlertCodeTC_markerTonerCartridgeMissing
                                          : PrtAlertCodeTC_subunitMissing,
                         idx, missing_bit, st, sp->marker_index);
                if (k == NULL)
                    return;
                textf(k->a.description, sizeof(k->a.description), "%s is missing", descr);
                continue;
            }
            k = want(s, oom, end ? C : W, UNTRAINED, grp, idx, end ? code_end : code_near, idx,
                     end ? bit_end : bit_near, st, sp->marker_index);
            if (k == NULL)
                return;
            textf(k->a.description, sizeof(k->a.description), "%s%s", pfx,
                  end ? what_end : what_near);
            continue;
        case SK_RIBBON:
            code_end = PrtAlertCodeTC_markerPrintRibbonEmpty;
            code_near = PrtAlertCodeTC_markerPrintRibbonAlmostEmpty;
            sev_end = sev_missing = C;
            what_end = "is empty";
            what_near = "is almost empty";
            break;
        case SK_DEVELOPER:
            code_end = PrtAlertCodeTC_markerDeveloperEmpty;
            code_near = PrtAlertCodeTC_markerDeveloperAlmostEmpty;
            sev_end = sev_missing = C;
            training = TRAINED;
            what_end = "is empty";
            what_near = "is almost empty";
            break;
        case SK_OPC:
        case SK_LIFE:
            code_end = kind == SK_OPC ? PrtAlertCodeTC_markerOpcLifeOver
                                      : PrtAlertCodeTC_subunitLifeOver;
            code_near = kind == SK_OPC ? PrtAlertCodeTC_markerOpcLifeAlmostOver
                                       : PrtAlertCodeTC_subunitLifeAlmostOver;
            training = TRAINED;
            what_end = "life is over";
            what_near = "life is almost over";
            break;
        case SK_STAPLES:
            fin = finisher_of(d, sp, &model, &stapler);
            idx = PRT_ALERT_GROUP_INDEX_ALL + fin;
            st = ST_NONE;
            code_end = PrtAlertCodeTC_subunitEmpty;
            code_near = PrtAlertCodeTC_subunitAlmostEmpty;
            what_end = "is empty";
            what_near = "is almost empty";
            if (model[0] != '\0')
                textf(descr, sizeof(descr), "%s Stapler %d", model, (int)stapler);
            else
                textf(descr, sizeof(descr), "Stapler %d", (int)stapler);
            break;
        case SK_WASTE_TONER:
            if (end) {
                /* PRISMAsync: W, "Y" (-> trained), its text; key of its
                 * General printer / 1 / subunitFull, shown as the supply */
                k = want(s, oom, W, TRAINED, PrtAlertGroupTC_generalPrinter, 1,
                         PrtAlertCodeTC_subunitFull, idx, 0, ST_MARKER, sp->marker_index);
                if (k == NULL)
                    return;
                cond_show(k, grp, idx, PrtAlertCodeTC_markerWasteTonerReceptacleFull);
                if (n_wtoner > 1)
                    textf(k->a.description, sizeof(k->a.description),
                          "%s: Waste toner is full", descr);
                else
                    textf(k->a.description, sizeof(k->a.description), "Waste toner is full");
                continue;
            }
            code_end = PrtAlertCodeTC_markerWasteTonerReceptacleFull;
            code_near = PrtAlertCodeTC_markerWasteTonerReceptacleAlmostFull;
            training = TRAINED;
            what_end = "is full";
            what_near = "is almost full";
            if (!sp->missing) {
                k = want(s, oom, W, TRAINED, grp, idx, code_near, idx, 0, st, sp->marker_index);
                if (k == NULL)
                    return;
                if (n_wtoner > 1)
                    textf(k->a.description, sizeof(k->a.description),
                          "%s: Waste toner is almost full", descr);
                else
                    textf(k->a.description, sizeof(k->a.description),
                          "Waste toner is almost full");
                continue;
            }
            break;
        case SK_WASTE_INK:
            code_end = PrtAlertCodeTC_markerWasteInkReceptacleFull;
            code_near = PrtAlertCodeTC_markerWasteInkReceptacleAlmostFull;
            training = TRAINED;
            what_end = "is full";
            what_near = "is almost full";
            break;
        case SK_WASTE_PAPER:
            fin = finisher_of(d, sp, &model, &stapler);
            idx = PRT_ALERT_GROUP_INDEX_ALL + fin;
            grp = PrtAlertGroupTC_output;
            st = ST_NONE;
            code_end = PrtAlertCodeTC_subunitFull;
            code_near = PrtAlertCodeTC_subunitAlmostFull;
            what_end = "is full";
            what_near = "is almost full";
            if (model[0] != '\0')
                textf(descr, sizeof(descr), "%s waste box", model);
            else
                textf(descr, sizeof(descr), "Waste box");
            break;
        case SK_WASTE_OTHER:
            code_end = PrtAlertCodeTC_subunitFull;
            code_near = PrtAlertCodeTC_subunitAlmostFull;
            what_end = "is full";
            what_near = "is almost full";
            break;
        case SK_OTHER:
        default:
            code_end = PrtAlertCodeTC_subunitEmpty;
            code_near = PrtAlertCodeTC_subunitAlmostEmpty;
            what_end = "is empty";
            what_near = "is almost empty";
            break;
        }
        /* finisher supplies: key of the PRISMAsync 100 + n identity, shown
         * as the supply row itself */
        if (sp->missing) {
            k = want(s, oom, sev_missing, UNTRAINED, grp, idx, PrtAlertCodeTC_subunitMissing,
                     sp->index, missing_bit, st, sp->marker_index);
            if (k == NULL)
                return;
            cond_show(k, PrtAlertGroupTC_markerSupplies, sp->index, k->a.code);
            textf(k->a.description, sizeof(k->a.description), "%s %s", descr,
                  kind == SK_WASTE_PAPER ? "is absent" : "is missing");
            continue;
        }
        k = want(s, oom, end ? sev_end : W, training, grp, idx, end ? code_end : code_near,
                 sp->index, end ? bit_end : bit_near, st, sp->marker_index);
        if (k == NULL)
            return;
        cond_show(k, PrtAlertGroupTC_markerSupplies, sp->index, k->a.code);
        textf(k->a.description, sizeof(k->a.description), "%s %s", descr,
              end ? what_end : what_near);
    }
}

static void derive_general(struct ctx *c, struct cond_set *s, bool *oom)
{
    const struct prt_device *d = c->d;
    struct cond *k;

    if (d->cond.service_requested) {
        k = want(s, oom, C, FIELD, PrtAlertGroupTC_generalPrinter, -1, PrtAlertCodeTC_other,
                 -SUBJ_SERVICE, ERRBIT(HR_PRINTER_ERR_serviceRequested), ST_NONE, 0);
        if (k == NULL)
            return;
        textf(k->a.description, sizeof(k->a.description), "Service required");
    }
    if (d->cond.overdue_maintenance) {
        k = want(s, oom, W, FIELD, PrtAlertGroupTC_generalPrinter, -1, PrtAlertCodeTC_other,
                 -SUBJ_MAINT, ERRBIT(HR_PRINTER_ERR_overduePreventMaint), ST_NONE, 0);
        if (k == NULL)
            return;
        textf(k->a.description, sizeof(k->a.description), "Preventive maintenance overdue");
    }
    if (d->cond.engine == PRT_ENGINE_OFFLINE) {
        k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_generalPrinter, -1,
                 PrtAlertCodeTC_subunitOffline, -SUBJ_OFFLINE, 0, ST_NONE, 0);
        if (k == NULL)
            return;
        textf(k->a.description, sizeof(k->a.description), "Printer is offline");
    }
}

static void derive_operator(struct ctx *c, struct cond_set *s, bool *oom)
{
    const struct prt_device *d = c->d;
    bool other_critical = false;
    size_t i;
    struct cond *k;

    for (i = 0; i < s->n && !other_critical; i++)
        other_critical = is_critical(&s->v[i].a);
    for (i = 0; i < d->n_alerts && !other_critical; i++) {
        const struct prt_alert *a = &d->alerts[i];
        other_critical = is_critical(a) && a->key != 0 && !(a->key & PRT_ALERT_KEY_DERIVED);
    }
    if (!d->cond.operator_intervention && !(d->rules.oce_operator_intervention && other_critical))
        return;
    /* key of the PRISMAsync identity (other, 1, other); the row names the
     * whole printer: generalPrinter, no sub-unit */
    k = want(s, oom, C, TRAINED, PrtAlertGroupTC_other, 1, PrtAlertCodeTC_other, -SUBJ_OPERATOR,
             0, ST_NONE, 0);
    if (k == NULL)
        return;
    cond_show(k, PrtAlertGroupTC_generalPrinter, -1, PrtAlertCodeTC_other);
    k->operator_row = true;
    textf(k->a.description, sizeof(k->a.description), "Operator intervention required");
}

/* The derived conditions, in the order new rows are added. */
static int derive(struct ctx *c, struct cond_set *s)
{
    bool oom = false;

    derive_covers(c, s, &oom);
    if (!oom)
        derive_jams(c, s, &oom);
    if (!oom)
        derive_inputs(c, s, &oom);
    if (!oom)
        derive_outputs(c, s, &oom);
    if (!oom)
        derive_supplies(c, s, &oom);
    if (!oom)
        derive_general(c, s, &oom);
    if (!oom)
        derive_operator(c, s, &oom);
    return oom ? -PRT_ENOMEM : 0;
}

#undef W
#undef C
#undef UNTRAINED
#undef TRAINED
#undef FIELD

/* ------------------------------------------------------------------ */
/* the alert table */

static void queue(struct ctx *c, const struct prt_alert *a, enum prt_alert_event ev)
{
    if (c->n_evs == c->cap_evs) {
        size_t ncap = c->cap_evs ? c->cap_evs * 2 : 16;
        struct event *nv = realloc(c->evs, ncap * sizeof(*nv));
        if (nv == NULL) {
            /* Cannot queue: report now rather than lose the event. */
            if (c->m != NULL && c->m->alert_cb != NULL)
                c->m->alert_cb(c->d, a, ev, c->m->alert_cb_arg);
            return;
        }
        c->evs = nv;
        c->cap_evs = ncap;
    }
    c->evs[c->n_evs].a = *a;
    c->evs[c->n_evs].ev = ev;
    c->n_evs++;
}

static bool pending_has(const struct prt_device *d, uint64_t key)
{
    size_t i;

    for (i = 0; i < d->n_rules_pending; i++)
        if (d->rules_pending[i] == key)
            return true;
    return false;
}

static void pending_del(struct ctx *c, size_t i)
{
    struct prt_device *d = c->d;

    memmove(&d->rules_pending[i], &d->rules_pending[i + 1],
            (d->n_rules_pending - i - 1) * sizeof(d->rules_pending[0]));
    d->n_rules_pending--;
    c->changed = true;
}

static ssize_t row_pos(const struct prt_device *d, int32_t index)
{
    size_t i;

    for (i = 0; i < d->n_alerts; i++)
        if (d->alerts[i].index == index)
            return (ssize_t)i;
    return -1;
}

static ssize_t row_by_key(const struct prt_device *d, uint64_t key)
{
    size_t i;

    if (key == 0)
        return -1;
    for (i = 0; i < d->n_alerts; i++)
        if (d->alerts[i].key == key)
            return (ssize_t)i;
    return -1;
}

/* Removes row i from the table and queues PRT_ALERT_REMOVED. */
static void row_remove(struct ctx *c, size_t i, struct prt_alert *out)
{
    struct prt_device *d = c->d;
    struct prt_alert a = d->alerts[i];

    memmove(&d->alerts[i], &d->alerts[i + 1], (d->n_alerts - i - 1) * sizeof(d->alerts[0]));
    d->n_alerts--;
    c->changed = true;
    queue(c, &a, PRT_ALERT_REMOVED);
    if (out != NULL)
        *out = a;
}

/* Evicts row i; a derived binary alert whose condition still holds is
 * remembered for re-adding (RFC 3805 §2.2.13.4). */
static void evict(struct ctx *c, size_t i)
{
    struct prt_device *d = c->d;
    struct prt_alert gone;

    row_remove(c, i, &gone);
    if ((gone.key & PRT_ALERT_KEY_DERIVED) && c->want != NULL &&
        cond_find(c->want, gone.key) != NULL && !pending_has(d, gone.key) &&
        d->n_rules_pending < PRT_RULES_PENDING_MAX)
        d->rules_pending[d->n_rules_pending++] = gone.key;
}

/* Eviction victim (RFC 3805 §2.2.13.4): oldest non-critical unary, else
 * oldest non-critical binary, else (only for a critical newcomer) oldest
 * critical.  -1 when nothing may be evicted. */
static ssize_t pick_victim(const struct prt_device *d, bool new_critical)
{
    ssize_t best[3] = { -1, -1, -1 };
    size_t i;
    int lvl;

    for (i = 0; i < d->n_alerts; i++) {
        const struct prt_alert *a = &d->alerts[i];
        lvl = is_critical(a) ? 2 : (a->key == 0 ? 0 : 1);
        if (best[lvl] < 0 || a->seq < d->alerts[best[lvl]].seq)
            best[lvl] = (ssize_t)i;
    }
    if (best[0] >= 0)
        return best[0];
    if (best[1] >= 0)
        return best[1];
    return new_critical ? best[2] : -1;
}

static int32_t take_index(struct prt_device *d)
{
    bool zero = d->rules.oce_index_wrap_zero;
    int32_t idx;
    size_t guard;

    for (guard = 0; guard <= d->n_alerts; guard++) {
        idx = d->next_alert_index;
        if (idx < 0 || (idx == 0 && !zero))
            idx = 1;
        d->next_alert_index = idx == INT32_MAX ? (zero ? 0 : 1) : idx + 1;
        if (row_pos(d, idx) < 0)
            return idx;
    }
    return -1; /* unreachable: more candidates tried than rows exist */
}

/* Inserts a copy of tmpl as a new row (new index, time, seq), evicting per
 * RFC 3805 §2.2.13.4 when may_evict is true and the table is full.  Returns the
 * position or -PRT_ELIMIT / -PRT_ENOMEM without any change. */
static int row_insert(struct ctx *c, const struct prt_alert *tmpl, bool may_evict)
{
    struct prt_device *d = c->d;
    size_t lim = table_limit(d), pos;
    struct prt_alert row, *nv;
    int32_t idx;

    /* Check the whole eviction chain first so a refusal changes nothing. */
    if (d->n_alerts >= lim) {
        ssize_t v;
        if (!may_evict)
            return -PRT_ELIMIT;
        v = pick_victim(d, is_critical(tmpl));
        if (v < 0)
            return -PRT_ELIMIT;
        if ((d->alerts[v].key & PRT_ALERT_KEY_DERIVED) && c->want != NULL &&
            cond_find(c->want, d->alerts[v].key) != NULL &&
            d->n_rules_pending >= PRT_RULES_PENDING_MAX)
            return -PRT_ELIMIT; /* could not remember the evicted condition */
    }
    nv = realloc(d->alerts, (d->n_alerts + 1) * sizeof(*nv));
    if (nv == NULL)
        return -PRT_ENOMEM;
    d->alerts = nv;
    while (d->n_alerts >= lim) {
        ssize_t v = pick_victim(d, is_critical(tmpl));
        if (v < 0)
            return -PRT_ELIMIT;
        evict(c, (size_t)v);
    }
    idx = take_index(d);
    if (idx < 0)
        return -PRT_ELIMIT;
    row = *tmpl;
    row.index = idx;
    row.time = now_ticks(c->m);
    row.seq = ++d->alert_seq;
    for (pos = 0; pos < d->n_alerts && d->alerts[pos].index < idx; pos++)
        ;
    memmove(&d->alerts[pos + 1], &d->alerts[pos], (d->n_alerts - pos) * sizeof(d->alerts[0]));
    d->alerts[pos] = row;
    d->n_alerts++;
    d->general.alert_all_events++;
    if (is_critical(&row)) {
        d->general.alert_critical_events++;
        d->hr_device_errors++;
    }
    c->changed = true;
    queue(c, &row, PRT_ALERT_ADDED);
    return (int)pos;
}

/* The alertRemovalOfBinaryChangeEntry(1801) row for a removed binary row
 * (RFC 3805 §2.2.13.4 / IANA-PRINTER-MIB PrtAlertCodeTC). */
static void removal_entry(struct ctx *c, const struct prt_alert *gone)
{
    struct prt_alert r;

    if (!c->d->rules.removal_entries || !is_binary(gone))
        return;
    memset(&r, 0, sizeof(r));
    r.severity = PrtAlertSeverityLevelTC_warning;
    r.training = PrtAlertTrainingLevelTC_noInterventionRequired;
    r.group = PrtAlertGroupTC_alert;
    r.group_index = gone->index;
    r.location = -2;
    r.code = PrtAlertCodeTC_alertRemovalOfBinaryChangeEntry;
    textf(r.description, sizeof(r.description), "Cleared: %s", gone->description);
    (void)row_insert(c, &r, true);
}

static void age_unary(struct ctx *c)
{
    struct prt_device *d = c->d;
    uint64_t max = (uint64_t)d->rules.unary_max_age * 100;
    uint32_t now;
    size_t i;

    if (d->rules.unary_max_age == 0)
        return;
    now = now_ticks(c->m);
    for (i = d->n_alerts; i-- > 0;) {
        const struct prt_alert *a = &d->alerts[i];
        if (a->key == 0 && (uint64_t)(uint32_t)(now - a->time) >= max)
            row_remove(c, i, NULL);
    }
}

/* Brings the table in line with the wanted derived conditions. */
static void sync_table(struct ctx *c, const struct cond_set *s)
{
    struct prt_device *d = c->d;
    size_t i, pass;

    c->want = s;
    age_unary(c);

    /* Trailing edges: derived rows whose condition no longer holds. */
    for (i = d->n_alerts; i-- > 0;) {
        struct prt_alert gone;
        if (!(d->alerts[i].key & PRT_ALERT_KEY_DERIVED) || cond_find(s, d->alerts[i].key))
            continue;
        row_remove(c, i, &gone);
        removal_entry(c, &gone);
        i = d->n_alerts; /* the table may have changed around i: restart */
    }
    /* The table size was lowered (profile reload): evict down to it. */
    while (d->n_alerts > table_limit(d))
        evict(c, (size_t)pick_victim(d, true));
    /* Conditions that hold: refresh texts, training and shown identity of
     * their rows in place. */
    for (i = 0; i < s->n; i++) {
        ssize_t p = row_by_key(d, s->v[i].a.key);
        if (p < 0)
            continue;
        if (strcmp(d->alerts[p].description, s->v[i].a.description) != 0) {
            memcpy(d->alerts[p].description, s->v[i].a.description,
                   sizeof(d->alerts[p].description));
            c->changed = true;
        }
        set_i32(c, &d->alerts[p].training, s->v[i].a.training);
        /* a row from an older release's state file: same key, the
         * identity shown now (cond_show) */
        set_i32(c, &d->alerts[p].group, s->v[i].a.group);
        set_i32(c, &d->alerts[p].group_index, s->v[i].a.group_index);
        set_i32(c, &d->alerts[p].code, s->v[i].a.code);
    }
    /* Forget pending re-adds whose condition cleared or that are back. */
    for (i = d->n_rules_pending; i-- > 0;)
        if (!cond_find(s, d->rules_pending[i]) || row_by_key(d, d->rules_pending[i]) >= 0)
            pending_del(c, i);
    /* Re-add evicted conditions into free room only, criticals first. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < d->n_rules_pending;) {
            const struct cond *k = cond_find(s, d->rules_pending[i]);
            if (k != NULL && is_critical(&k->a) == (pass == 0) &&
                d->n_alerts < table_limit(d) && row_insert(c, &k->a, false) >= 0) {
                pending_del(c, i);
                continue;
            }
            i++;
        }
    }
    /* Leading edges: new conditions. */
    for (i = 0; i < s->n; i++) {
        const struct cond *k = &s->v[i];
        if (row_by_key(d, k->a.key) >= 0 || pending_has(d, k->a.key))
            continue;
        (void)row_insert(c, &k->a, true);
    }
    c->want = NULL;
}

/* ------------------------------------------------------------------ */
/* derived statuses */

/* Explicit binary rows count as active conditions too. */
static int add_explicit(const struct prt_device *d, struct cond_set *s)
{
    size_t i;

    for (i = 0; i < d->n_alerts; i++) {
        const struct prt_alert *a = &d->alerts[i];
        struct cond *k;
        const struct prt_supply *sp;

        if (a->key == 0 || (a->key & PRT_ALERT_KEY_DERIVED) || !is_binary(a))
            continue;
        k = cond_push(s);
        if (k == NULL)
            return -PRT_ENOMEM;
        k->a = *a;
        k->derived = false;
        switch (a->group) {
        case PrtAlertGroupTC_input: k->st = ST_INPUT; k->st_index = a->group_index; break;
        case PrtAlertGroupTC_output: k->st = ST_OUTPUT; k->st_index = a->group_index; break;
        case PrtAlertGroupTC_marker: k->st = ST_MARKER; k->st_index = a->group_index; break;
        case PrtAlertGroupTC_mediaPath: k->st = ST_MEDIA_PATH; k->st_index = a->group_index; break;
        case PrtAlertGroupTC_channel: k->st = ST_CHANNEL; k->st_index = a->group_index; break;
        case PrtAlertGroupTC_markerSupplies:
            sp = prt_supply_find(d, a->group_index);
            if (sp != NULL) {
                k->st = ST_MARKER;
                k->st_index = sp->marker_index;
            }
            break;
        default: break;
        }
        switch (a->code) {
        case PrtAlertCodeTC_jam: k->bits = ERRBIT(HR_PRINTER_ERR_jammed); break;
        case PrtAlertCodeTC_coverOpen:
        case PrtAlertCodeTC_interlockOpen:
        case PrtAlertCodeTC_doorOpen: k->bits = ERRBIT(HR_PRINTER_ERR_doorOpen); break;
        case PrtAlertCodeTC_inputMediaSupplyLow: k->bits = ERRBIT(HR_PRINTER_ERR_lowPaper); break;
        case PrtAlertCodeTC_inputMediaSupplyEmpty:
            k->bits = ERRBIT(HR_PRINTER_ERR_inputTrayEmpty);
            break;
        case PrtAlertCodeTC_inputMediaTrayMissing:
            k->bits = ERRBIT(HR_PRINTER_ERR_inputTrayMissing);
            break;
        case PrtAlertCodeTC_outputMediaTrayMissing:
            k->bits = ERRBIT(HR_PRINTER_ERR_outputTrayMissing);
            break;
        case PrtAlertCodeTC_outputMediaTrayAlmostFull:
            k->bits = ERRBIT(HR_PRINTER_ERR_outputNearFull);
            break;
        case PrtAlertCodeTC_outputMediaTrayFull: k->bits = ERRBIT(HR_PRINTER_ERR_outputFull); break;
        case PrtAlertCodeTC_markerTonerEmpty:
        case PrtAlertCodeTC_markerInkEmpty: k->bits = ERRBIT(HR_PRINTER_ERR_noToner); break;
        case PrtAlertCodeTC_markerTonerAlmostEmpty:
        case PrtAlertCodeTC_markerInkAlmostEmpty: k->bits = ERRBIT(HR_PRINTER_ERR_lowToner); break;
        case PrtAlertCodeTC_markerTonerCartridgeMissing:
            k->bits = ERRBIT(HR_PRINTER_ERR_markerSupplyMissing);
            break;
        default: break;
        }
    }
    return 0;
}

static bool engine_offline(int32_t e)
{
    return e == PRT_ENGINE_OFFLINE || e == PRT_ENGINE_MOVING_OFFLINE;
}

/* Availability + transition/off-line flags from the engine state.
 * engine_unit: markers and media paths (active while printing). */
static int32_t engine_avail(int32_t engine, bool engine_unit)
{
    switch (engine) {
    case PRT_ENGINE_IDLE: return 0;
    case PRT_ENGINE_PRINTING: return engine_unit ? 4 : 0;
    case PRT_ENGINE_WARMUP: return 2 + SUBUNIT_TRANSITION;
    case PRT_ENGINE_STANDBY: return 2;
    case PRT_ENGINE_OFFLINE: return 1 + SUBUNIT_OFFLINE;
    case PRT_ENGINE_MOVING_OFFLINE: return 0 + SUBUNIT_TRANSITION;
    case PRT_ENGINE_UNAVAILABLE: return 3;
    case PRT_ENGINE_TESTING: return 1;
    default: return 5;
    }
}

/* +8 / +16 from the active conditions on one sub-unit. */
static int32_t alert_flags(const struct cond_set *act, int st, int32_t index)
{
    int32_t f = 0;
    size_t i;

    for (i = 0; i < act->n; i++) {
        const struct cond *k = &act->v[i];
        if (k->st != st || k->st_index != index)
            continue;
        f |= is_critical(&k->a) ? SUBUNIT_CRITICAL : SUBUNIT_NONCRITICAL;
    }
    return f;
}

static bool unit_has_code(const struct cond_set *act, int st, int32_t index, int32_t code1,
                          int32_t code2)
{
    size_t i;

    for (i = 0; i < act->n; i++) {
        const struct cond *k = &act->v[i];
        if (k->st == st && k->st_index == index &&
            (k->a.code == code1 || k->a.code == code2 || is_critical(&k->a)))
            return true;
    }
    return false;
}

static void subunit_status(struct ctx *c, const struct cond_set *act)
{
    struct prt_device *d = c->d;
    int32_t engine = d->cond.engine;
    bool oce = d->rules.oce_status;
    size_t i;

    for (i = 0; i < d->n_inputs; i++) {
        struct prt_input *in = &d->inputs[i];
        int32_t v;
        if (oce)
            v = unit_has_code(act, ST_INPUT, in->index, PrtAlertCodeTC_inputMediaSupplyEmpty,
                              PrtAlertCodeTC_inputMediaTrayMissing) ? SUBUNIT_CRITICAL : 0;
        else
            v = (in->missing ? 1 : engine_avail(engine, false)) |
                alert_flags(act, ST_INPUT, in->index);
        set_i32(c, &in->status, v);
    }
    for (i = 0; i < d->n_outputs; i++) {
        struct prt_output *o = &d->outputs[i];
        int32_t v;
        if (oce)
            v = unit_has_code(act, ST_OUTPUT, o->index, PrtAlertCodeTC_outputMediaTrayFull,
                              PrtAlertCodeTC_outputMediaTrayMissing) ? SUBUNIT_CRITICAL : 0;
        else if (o->offline)
            v = (1 + SUBUNIT_OFFLINE) | alert_flags(act, ST_OUTPUT, o->index);
        else
            v = (o->missing ? 1 : engine_avail(engine, false)) |
                alert_flags(act, ST_OUTPUT, o->index);
        set_i32(c, &o->status, v);
    }
    for (i = 0; i < d->n_markers; i++) {
        struct prt_marker *mk = &d->markers[i];
        int32_t f = alert_flags(act, ST_MARKER, mk->index), v;
        if (oce)
            v = (f & SUBUNIT_CRITICAL) ? SUBUNIT_CRITICAL : f;
        else
            v = engine_avail(engine, true) | f;
        set_i32(c, &mk->status, v);
    }
    for (i = 0; i < d->n_media_paths; i++) {
        struct prt_media_path *p = &d->media_paths[i];
        int32_t avail = engine_avail(engine, true);
        if (p->jammed)
            avail = 3 | (avail & (SUBUNIT_OFFLINE | SUBUNIT_TRANSITION));
        set_i32(c, &p->status, avail | alert_flags(act, ST_MEDIA_PATH, p->index));
    }
    for (i = 0; i < d->n_channels; i++) {
        struct prt_channel *ch = &d->channels[i];
        int32_t avail = ch->state == PrtChannelStateTC_noDataAccepted ? 1 + SUBUNIT_OFFLINE : 0;
        set_i32(c, &ch->status, avail | alert_flags(act, ST_CHANNEL, ch->index));
    }
}

/* hrDeviceStatus / hrPrinterStatus.
 * RFC 3805 §2.2.13.2: idle running/idle; printing running/printing;
 * non-critical alert warning/(idle|printing); critical down/other;
 * unavailable down/other; moving off-line warning/(idle|printing);
 * off-line down/other; moving on-line (warm-up) down/warmup; standby
 * running/other; testing testing/other; unknown unknown/unknown.
 * PRISMAsync (§5.2): never unknown or testing; warm-up, standby and
 * initialising running/idle; a non-critical alert keeps running; service
 * modes (testing) and off-line down/other with the offline bit; critical
 * down/other; unknown is reported as running/idle (initialising). */
static void hr_status(const struct prt_device *d, bool crit, bool warn, int32_t *dev,
                      int32_t *prn)
{
    int32_t e = d->cond.engine;
    int32_t busy = e == PRT_ENGINE_PRINTING ? hrPrinterStatus_printing : hrPrinterStatus_idle;

    if (d->rules.oce_status) {
        if (e == PRT_ENGINE_OFFLINE || e == PRT_ENGINE_TESTING || e == PRT_ENGINE_UNAVAILABLE ||
            crit) {
            *dev = hrDeviceStatus_down;
            *prn = hrPrinterStatus_other;
        } else {
            *dev = hrDeviceStatus_running;
            *prn = busy;
        }
        return;
    }
    switch (e) {
    case PRT_ENGINE_UNKNOWN:
        *dev = hrDeviceStatus_unknown;
        *prn = hrPrinterStatus_unknown;
        return;
    case PRT_ENGINE_TESTING:
        *dev = hrDeviceStatus_testing;
        *prn = hrPrinterStatus_other;
        return;
    case PRT_ENGINE_OFFLINE:
    case PRT_ENGINE_UNAVAILABLE:
        *dev = hrDeviceStatus_down;
        *prn = hrPrinterStatus_other;
        return;
    default:
        break;
    }
    if (crit) {
        *dev = hrDeviceStatus_down;
        *prn = hrPrinterStatus_other;
    } else if (e == PRT_ENGINE_WARMUP) {
        *dev = hrDeviceStatus_down;
        *prn = hrPrinterStatus_warmup;
    } else if (e == PRT_ENGINE_MOVING_OFFLINE) {
        *dev = hrDeviceStatus_warning;
        *prn = hrPrinterStatus_idle;
    } else if (e == PRT_ENGINE_STANDBY) {
        *dev = warn ? hrDeviceStatus_warning : hrDeviceStatus_running;
        *prn = hrPrinterStatus_other;
    } else {
        *dev = warn ? hrDeviceStatus_warning : hrDeviceStatus_running;
        *prn = busy;
    }
}

static void set_light(struct ctx *c, struct prt_light *l, enum prt_light_state st)
{
    int32_t on = 0, off = 0;

    if (st == PRT_LIGHT_ON) {
        on = PRT_LIGHT_ON_MS;
    } else if (st == PRT_LIGHT_BLINK) {
        on = PRT_LIGHT_BLINK_ON_MS;
        off = PRT_LIGHT_BLINK_OFF_MS;
    }
    set_i32(c, &l->on_time, on);
    set_i32(c, &l->off_time, off);
}

enum prt_light_state prt_light_state_of(const struct prt_light *l)
{
    if (l->on_time <= 0)
        return PRT_LIGHT_OFF;
    return l->off_time > 0 ? PRT_LIGHT_BLINK : PRT_LIGHT_ON;
}

static void lights(struct ctx *c, bool crit, bool warn)
{
    struct prt_device *d = c->d;
    int32_t e = d->cond.engine;
    size_t i;

    for (i = 0; i < d->n_lights; i++) {
        struct prt_light *l = &d->lights[i];
        enum prt_light_state st;

        switch (l->role) {
        case PRT_LIGHT_READY:
            if (crit)
                st = PRT_LIGHT_OFF;
            else if (e == PRT_ENGINE_IDLE || e == PRT_ENGINE_PRINTING || e == PRT_ENGINE_STANDBY)
                st = PRT_LIGHT_ON;
            else if (e == PRT_ENGINE_WARMUP || e == PRT_ENGINE_MOVING_OFFLINE)
                st = PRT_LIGHT_BLINK;
            else
                st = PRT_LIGHT_OFF;
            break;
        case PRT_LIGHT_ATTENTION:
            st = crit ? PRT_LIGHT_BLINK : warn ? PRT_LIGHT_ON : PRT_LIGHT_OFF;
            break;
        case PRT_LIGHT_ERROR:
            st = crit ? PRT_LIGHT_ON : PRT_LIGHT_OFF;
            break;
        case PRT_LIGHT_POWER:
            st = PRT_LIGHT_ON;
            break;
        default:
            continue;
        }
        set_light(c, l, st);
    }
}

static const char *engine_text(int32_t e)
{
    switch (e) {
    case PRT_ENGINE_PRINTING: return "Printing";
    case PRT_ENGINE_WARMUP: return "Warming up";
    case PRT_ENGINE_STANDBY: return "Energy save mode";
    case PRT_ENGINE_OFFLINE: return "Offline";
    case PRT_ENGINE_MOVING_OFFLINE: return "Going offline";
    case PRT_ENGINE_UNAVAILABLE: return "Unavailable";
    case PRT_ENGINE_TESTING: return "Service mode";
    case PRT_ENGINE_UNKNOWN: return "Status unknown";
    default: return NULL;
    }
}

/* The newest (highest row seq) active condition of the wanted criticality. */
static const struct cond *newest(const struct prt_device *d, const struct cond_set *act,
                                 bool critical, bool skip_operator)
{
    const struct cond *best = NULL;
    uint64_t best_seq = 0;
    size_t i;

    for (i = 0; i < act->n; i++) {
        const struct cond *k = &act->v[i];
        ssize_t p;
        uint64_t seq;
        if (is_critical(&k->a) != critical || (skip_operator && k->operator_row))
            continue;
        p = row_by_key(d, k->a.key);
        seq = p >= 0 ? d->alerts[p].seq : 0;
        if (best == NULL || seq > best_seq) {
            best = k;
            best_seq = seq;
        }
    }
    return best;
}

static void display(struct ctx *c, const struct cond_set *act)
{
    struct prt_device *d = c->d;
    struct prt_display_line *line;
    const struct cond *k;
    const char *text;
    char buf[256];
    int32_t chars = d->general.console_display_chars;

    if (d->console_text_from_feed || d->n_display == 0)
        return;
    line = &d->display[0];
    if ((k = newest(d, act, true, true)) != NULL || (k = newest(d, act, true, false)) != NULL)
        text = k->a.description;
    else if ((text = engine_text(d->cond.engine)) != NULL)
        ;
    else if ((k = newest(d, act, false, false)) != NULL)
        text = k->a.description;
    else
        text = "Ready";
    textf(buf, sizeof(buf), "%s", text);
    if (chars > 0 && (size_t)chars < strlen(buf)) {
        buf[chars] = '\0';
        utf8_trim(buf);
    }
    if (strcmp(line->text, buf) != 0) {
        memcpy(line->text, buf, sizeof(line->text));
        c->changed = true;
    }
}

static void derive_status(struct ctx *c, const struct cond_set *act)
{
    struct prt_device *d = c->d;
    bool crit = false, warn = false;
    uint16_t bits = 0;
    int32_t dev, prn;
    size_t i;

    for (i = 0; i < act->n; i++) {
        const struct cond *k = &act->v[i];
        bits |= k->bits;
        if (is_critical(&k->a))
            crit = true;
        else
            warn = true;
    }
    if (engine_offline(d->cond.engine) ||
        (d->rules.oce_status && d->cond.engine == PRT_ENGINE_TESTING))
        bits |= ERRBIT(HR_PRINTER_ERR_offline);
    if (d->hr_error_state[0] != (uint8_t)(bits >> 8) || d->hr_error_state[1] != (uint8_t)bits) {
        d->hr_error_state[0] = (uint8_t)(bits >> 8);
        d->hr_error_state[1] = (uint8_t)bits;
        c->changed = true;
    }
    hr_status(d, crit, warn, &dev, &prn);
    set_i32(c, &d->hr_device_status, dev);
    set_i32(c, &d->hr_printer_status, prn);
    if (d->rules.oce_status && d->hr_device_errors != d->general.alert_critical_events) {
        d->hr_device_errors = d->general.alert_critical_events;
        c->changed = true;
    }
    subunit_status(c, act);
    lights(c, crit, warn);
    display(c, act);
}

/* ------------------------------------------------------------------ */
/* entry points */

static void finish(struct ctx *c)
{
    size_t i;

    if (c->changed)
        c->d->generation++;
    for (i = 0; i < c->n_evs; i++)
        if (c->m != NULL && c->m->alert_cb != NULL)
            c->m->alert_cb(c->d, &c->evs[i].a, c->evs[i].ev, c->m->alert_cb_arg);
    free(c->evs);
    c->evs = NULL;
    c->n_evs = c->cap_evs = 0;
}

/* The body of prt_rules_apply; events stay queued in c. */
static void apply(struct ctx *c)
{
    struct cond_set want = { NULL, 0, 0 };

    if (derive(c, &want) == 0) {
        sync_table(c, &want);
        /* Explicit rows may have been evicted: collect them after the sync. */
        if (add_explicit(c->d, &want) == 0)
            derive_status(c, &want);
    }
    free(want.v);
}

void prt_rules_apply(struct prt_model *m, struct prt_device *d)
{
    struct ctx c;

    if (d == NULL)
        return;
    memset(&c, 0, sizeof(c));
    c.m = m;
    c.d = d;
    apply(&c);
    finish(&c);
}

static int check_alert(const struct prt_alert *t)
{
    if (prt_enum_name(&prt_tc_PrtAlertSeverityLevelTC, t->severity) == NULL ||
        prt_enum_name(&prt_tc_PrtAlertTrainingLevelTC, t->training) == NULL ||
        prt_enum_name(&prt_tc_PrtAlertGroupTC, t->group) == NULL ||
        prt_enum_name(&prt_tc_PrtAlertCodeTC, t->code) == NULL)
        return -PRT_EINVAL;
    if (t->group_index < -1 || t->location < -2)
        return -PRT_EINVAL;
    if (memchr(t->description, '\0', sizeof(t->description)) == NULL)
        return -PRT_ETOOLONG;
    if (t->key & PRT_ALERT_KEY_DERIVED)
        return -PRT_EINVAL;
    /* Critical and warningBinaryChangeEvent are binary: they need a key to
     * be cleared by; warning(4) and other(1) are unary (RFC 3805 §2.2.13). */
    if (is_binary(t) != (t->key != 0))
        return -PRT_EINVAL;
    return 0;
}

/* The name of the sub-unit an alert's group and group index point at, or
 * NULL (no table with names, no such row, or an empty name). */
static const char *subunit_name(const struct prt_device *d, int32_t group, int32_t gi)
{
    const char *n = NULL;

    switch (group) {
    case PrtAlertGroupTC_input: {
        const struct prt_input *r = prt_input_find(d, gi);
        n = r ? r->name : NULL;
        break;
    }
    case PrtAlertGroupTC_output: {
        const struct prt_output *r = prt_output_find(d, gi);
        n = r ? r->name : NULL;
        break;
    }
    case PrtAlertGroupTC_cover: {
        const struct prt_cover *r = prt_cover_find(d, gi);
        n = r ? r->description : NULL;
        break;
    }
    case PrtAlertGroupTC_markerSupplies: {
        const struct prt_supply *r = prt_supply_find(d, gi);
        n = r ? r->description : NULL;
        break;
    }
    case PrtAlertGroupTC_mediaPath: {
        const struct prt_media_path *r = prt_media_path_find(d, gi);
        n = r ? r->description : NULL;
        break;
    }
    default:
        break;
    }
    return (n != NULL && n[0] != '\0') ? n : NULL;
}

/* A text for an alert raised without one (RFC 3805 prtAlertDescription may
 * be empty, but a receiver then has nothing to show): the code's label in
 * words ("markerFuserOverTemperature" -> "Marker fuser over temperature"),
 * after the sub-unit's name when the group index names a row. */
static void default_text(const struct prt_device *d, struct prt_alert *a)
{
    const char *label = prt_enum_name(&prt_tc_PrtAlertCodeTC, a->code);
    const char *unit = subunit_name(d, a->group, a->group_index);
    char words[128];
    size_t i, n = 0;

    if (a->code == PrtAlertCodeTC_other || a->code == PrtAlertCodeTC_unknown)
        label = a->code == PrtAlertCodeTC_other ? "otherCondition" : "unknownCondition";
    for (i = 0; label != NULL && label[i] != '\0' && n + 2 < sizeof(words); i++) {
        char ch = label[i];
        if (ch >= 'A' && ch <= 'Z') {
            words[n++] = ' ';
            ch = (char)(ch - 'A' + 'a');
        }
        words[n++] = ch;
    }
    words[n] = '\0';
    if (unit == NULL && words[0] >= 'a' && words[0] <= 'z')
        words[0] = (char)(words[0] - 'a' + 'A');
    if (unit != NULL)
        textf(a->description, sizeof(a->description), "%s: %s", unit, words);
    else
        textf(a->description, sizeof(a->description), "%s", words);
}

int prt_alert_raise(struct prt_model *m, struct prt_device *d, const struct prt_alert *tmpl)
{
    struct ctx c;
    ssize_t p;
    int rc;
    int32_t index;
    struct prt_alert filled;

    if (d == NULL || tmpl == NULL)
        return -PRT_EINVAL;
    rc = check_alert(tmpl);
    if (rc < 0)
        return rc;
    if (tmpl->description[0] == '\0') {
        filled = *tmpl;
        default_text(d, &filled);
        tmpl = &filled;
    }
    p = row_by_key(d, tmpl->key);
    if (p >= 0)
        return d->alerts[p].index; /* already active: nothing changes */
    memset(&c, 0, sizeof(c));
    c.m = m;
    c.d = d;
    {
        /* Let the derived conditions protect themselves from eviction. */
        struct cond_set want = { NULL, 0, 0 };
        if (derive(&c, &want) < 0) {
            free(want.v);
            return -PRT_ENOMEM;
        }
        c.want = &want;
        rc = row_insert(&c, tmpl, true);
        c.want = NULL;
        free(want.v);
    }
    if (rc < 0) {
        finish(&c);
        return rc;
    }
    index = d->alerts[rc].index;
    apply(&c);
    finish(&c);
    return index;
}

static int clear_at(struct prt_model *m, struct prt_device *d, ssize_t p)
{
    struct ctx c;
    struct prt_alert gone;

    if (d->alerts[p].key & PRT_ALERT_KEY_DERIVED)
        return -PRT_EINCONSISTENT; /* derived alerts clear with their condition */
    memset(&c, 0, sizeof(c));
    c.m = m;
    c.d = d;
    row_remove(&c, (size_t)p, &gone);
    removal_entry(&c, &gone);
    apply(&c);
    finish(&c);
    return 0;
}

int prt_alert_clear(struct prt_model *m, struct prt_device *d, int32_t index)
{
    ssize_t p;

    if (d == NULL)
        return -PRT_EINVAL;
    p = row_pos(d, index);
    if (p < 0)
        return -PRT_ENOENT;
    return clear_at(m, d, p);
}

struct prt_alert *prt_alert_find_key(const struct prt_device *d, uint64_t key)
{
    ssize_t p;

    if (d == NULL || key == 0 || (key & PRT_ALERT_KEY_DERIVED))
        return NULL;
    p = row_by_key(d, key);
    return p >= 0 ? &d->alerts[p] : NULL;
}

int prt_alert_clear_key(struct prt_model *m, struct prt_device *d, uint64_t key)
{
    ssize_t p;

    if (d == NULL || key == 0 || (key & PRT_ALERT_KEY_DERIVED))
        return -PRT_EINVAL;
    p = row_by_key(d, key);
    if (p < 0)
        return -PRT_ENOENT;
    return clear_at(m, d, p);
}
