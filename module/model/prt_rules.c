/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules.c: the alert and status rules of a print device: the entry
 * points (prt_rules_apply, prt_alert_raise, prt_alert_clear...).  The rules
 * are split by job:
 * prt_rules_cond.c (the conditions that hold now), prt_rules_table.c (the
 * prtAlertTable mechanics: rows, indexes, eviction, removal entries) and
 * prt_rules_status.c (the derived statuses, lights and console text), with
 * small shared helpers in prt_rules_util.c.
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
#include "prt_rules_internal.h"

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

    if (rules_derive(c, &want) == 0) {
        rules_sync_table(c, &want);
        /* Explicit rows may have been evicted: collect them after the sync. */
        if (rules_add_explicit(c->d, &want) == 0)
            rules_derive_status(c, &want);
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
    if (rules_is_binary(t) != (t->key != 0))
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
        rules_textf(a->description, sizeof(a->description), "%s: %s", unit, words);
    else
        rules_textf(a->description, sizeof(a->description), "%s", words);
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
    p = rules_row_by_key(d, tmpl->key);
    if (p >= 0)
        return d->alerts[p].index; /* already active: nothing changes */
    memset(&c, 0, sizeof(c));
    c.m = m;
    c.d = d;
    {
        /* Let the derived conditions protect themselves from eviction. */
        struct cond_set want = { NULL, 0, 0 };
        if (rules_derive(&c, &want) < 0) {
            free(want.v);
            return -PRT_ENOMEM;
        }
        c.want = &want;
        rc = rules_row_insert(&c, tmpl, true);
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
    rules_row_remove(&c, (size_t)p, &gone);
    rules_removal_entry(&c, &gone);
    apply(&c);
    finish(&c);
    return 0;
}

int prt_alert_clear(struct prt_model *m, struct prt_device *d, int32_t index)
{
    ssize_t p;

    if (d == NULL)
        return -PRT_EINVAL;
    p = rules_row_pos(d, index);
    if (p < 0)
        return -PRT_ENOENT;
    return clear_at(m, d, p);
}

struct prt_alert *prt_alert_find_key(const struct prt_device *d, uint64_t key)
{
    ssize_t p;

    if (d == NULL || key == 0 || (key & PRT_ALERT_KEY_DERIVED))
        return NULL;
    p = rules_row_by_key(d, key);
    return p >= 0 ? &d->alerts[p] : NULL;
}

int prt_alert_clear_key(struct prt_model *m, struct prt_device *d, uint64_t key)
{
    ssize_t p;

    if (d == NULL || key == 0 || (key & PRT_ALERT_KEY_DERIVED))
        return -PRT_EINVAL;
    p = rules_row_by_key(d, key);
    if (p < 0)
        return -PRT_ENOENT;
    return clear_at(m, d, p);
}
