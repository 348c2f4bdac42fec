/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules_cond.c: the conditions that hold now.  From a device's live
 * state (covers, jams, inputs, outputs, supplies, the engine and the
 * device-wide conditions) the rules derive a set of conditions, each a
 * prtAlertTable row template with its key, hrPrinterDetectedErrorState
 * bits and the sub-unit it marks.
 *
 * Pure C: no Net-SNMP, no I/O.  The rules as a whole are described atop
 * prt_rules.c.
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

/* Adds a derived condition; returns it or NULL on ENOMEM (*oom set). */
static struct cond *want(struct cond_set *s, bool *oom, int32_t sev, int32_t training,
                         int32_t group, int32_t gi, int32_t code, int32_t subject,
                         uint16_t bits, int st, int32_t st_index)
{
    struct cond *c = rules_cond_push(s);

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
    c->a.key = rules_cond_key(&c->a, subject);
    return c;
}

/* Sets the location (part of the key, so the key is recomputed). */
static void cond_locate(struct cond *c, int32_t location, int32_t subject)
{
    c->a.location = location;
    c->a.key = rules_cond_key(&c->a, subject);
}

/* Gives the row the group, group index and code it shows, keeping the key
 * computed from the identity earlier releases showed (keys are stored in
 * state files and must not change, prt_rules.h). */
void rules_cond_show(struct cond *c, int32_t group, int32_t group_index, int32_t code)
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
    rules_textf(buf, n, "%s %d", what, (int)idx);
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
        rules_textf(k->a.description, sizeof(k->a.description), "%s is open",
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
        rules_textf(k->a.description, sizeof(k->a.description), "Paper jam in %s",
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
            rules_textf(k->a.description, sizeof(k->a.description), "%s is missing", name);
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
            rules_textf(k->a.description, sizeof(k->a.description), "%s is empty", name);
        } else if (input_low(d, in)) {
            k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_input, in->index,
                     PrtAlertCodeTC_inputMediaSupplyLow, in->index,
                     ERRBIT(HR_PRINTER_ERR_lowPaper), ST_INPUT, in->index);
            if (k == NULL)
                return;
            rules_textf(k->a.description, sizeof(k->a.description), "%s is low", name);
        }
    }
    if (out && d->rules.oce_all_trays_empty) {
        struct cond *k = want(s, oom, C, UNTRAINED, PrtAlertGroupTC_input,
                              PRT_ALERT_GROUP_INDEX_ALL, PrtAlertCodeTC_inputMediaSupplyEmpty,
                              -SUBJ_ALL, ERRBIT(HR_PRINTER_ERR_noPaper), ST_NONE, 0);
        if (k != NULL)
            rules_textf(k->a.description, sizeof(k->a.description), "Out of paper");
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
            rules_textf(k->a.description, sizeof(k->a.description),
                        o->offline ? "%s is offline" : "%s is missing", name);
        } else if (output_full(o)) {
            int32_t sev = (all && !d->rules.oce_all_outputs_full) ? C : W;
            k = want(s, oom, sev, UNTRAINED, PrtAlertGroupTC_output, o->index,
                     PrtAlertCodeTC_outputMediaTrayFull, o->index,
                     ERRBIT(HR_PRINTER_ERR_outputFull), ST_OUTPUT, o->index);
            if (k == NULL)
                return;
            rules_textf(k->a.description, sizeof(k->a.description), "%s is full", name);
        } else if (output_near_full(o)) {
            k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_output, o->index,
                     PrtAlertCodeTC_outputMediaTrayAlmostFull, o->index,
                     ERRBIT(HR_PRINTER_ERR_outputNearFull), ST_OUTPUT, o->index);
            if (k == NULL)
                return;
            rules_textf(k->a.description, sizeof(k->a.description), "%s is almost full", name);
        }
    }
    if (all && d->rules.oce_all_outputs_full) {
        struct cond *k = want(s, oom, C, UNTRAINED, PrtAlertGroupTC_output,
                              PRT_ALERT_GROUP_INDEX_ALL, PrtAlertCodeTC_outputMediaTrayFull,
                              -SUBJ_ALL, ERRBIT(HR_PRINTER_ERR_outputFull), ST_NONE, 0);
        if (k != NULL)
            rules_textf(k->a.description, sizeof(k->a.description), "Output trays full");
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
        rules_textf(descr, sizeof(descr), "%s",
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
                rules_textf(pfx, sizeof(pfx), "%s: ", descr);
            else
                pfx[0] = '\0';
            if (sp->missing) {
                k = want(s, oom, C, UNTRAINED, grp, idx,
                         kind == SK_TONER ? PrtAlertCodeTC_markerTonerCartridgeMissing
                                          : PrtAlertCodeTC_subunitMissing,
                         idx, missing_bit, st, sp->marker_index);
                if (k == NULL)
                    return;
                rules_textf(k->a.description, sizeof(k->a.description), "%s is missing", descr);
                continue;
            }
            k = want(s, oom, end ? C : W, UNTRAINED, grp, idx, end ? code_end : code_near, idx,
                     end ? bit_end : bit_near, st, sp->marker_index);
            if (k == NULL)
                return;
            rules_textf(k->a.description, sizeof(k->a.description), "%s%s", pfx,
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
                rules_textf(descr, sizeof(descr), "%s Stapler %d", model, (int)stapler);
            else
                rules_textf(descr, sizeof(descr), "Stapler %d", (int)stapler);
            break;
        case SK_WASTE_TONER:
            if (end) {
                /* PRISMAsync: W, "Y" (-> trained), its text; key of its
                 * General printer / 1 / subunitFull, shown as the supply */
                k = want(s, oom, W, TRAINED, PrtAlertGroupTC_generalPrinter, 1,
                         PrtAlertCodeTC_subunitFull, idx, 0, ST_MARKER, sp->marker_index);
                if (k == NULL)
                    return;
                rules_cond_show(k, grp, idx, PrtAlertCodeTC_markerWasteTonerReceptacleFull);
                if (n_wtoner > 1)
                    rules_textf(k->a.description, sizeof(k->a.description),
                                "%s: Waste toner is full", descr);
                else
                    rules_textf(k->a.description, sizeof(k->a.description), "Waste toner is full");
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
                    rules_textf(k->a.description, sizeof(k->a.description),
                                "%s: Waste toner is almost full", descr);
                else
                    rules_textf(k->a.description, sizeof(k->a.description),
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
                rules_textf(descr, sizeof(descr), "%s waste box", model);
            else
                rules_textf(descr, sizeof(descr), "Waste box");
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
            rules_cond_show(k, PrtAlertGroupTC_markerSupplies, sp->index, k->a.code);
            rules_textf(k->a.description, sizeof(k->a.description), "%s %s", descr,
                        kind == SK_WASTE_PAPER ? "is absent" : "is missing");
            continue;
        }
        k = want(s, oom, end ? sev_end : W, training, grp, idx, end ? code_end : code_near,
                 sp->index, end ? bit_end : bit_near, st, sp->marker_index);
        if (k == NULL)
            return;
        rules_cond_show(k, PrtAlertGroupTC_markerSupplies, sp->index, k->a.code);
        rules_textf(k->a.description, sizeof(k->a.description), "%s %s", descr,
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
        rules_textf(k->a.description, sizeof(k->a.description), "Service required");
    }
    if (d->cond.overdue_maintenance) {
        k = want(s, oom, W, FIELD, PrtAlertGroupTC_generalPrinter, -1, PrtAlertCodeTC_other,
                 -SUBJ_MAINT, ERRBIT(HR_PRINTER_ERR_overduePreventMaint), ST_NONE, 0);
        if (k == NULL)
            return;
        rules_textf(k->a.description, sizeof(k->a.description), "Preventive maintenance overdue");
    }
    if (d->cond.engine == PRT_ENGINE_OFFLINE) {
        k = want(s, oom, W, UNTRAINED, PrtAlertGroupTC_generalPrinter, -1,
                 PrtAlertCodeTC_subunitOffline, -SUBJ_OFFLINE, 0, ST_NONE, 0);
        if (k == NULL)
            return;
        rules_textf(k->a.description, sizeof(k->a.description), "Printer is offline");
    }
}

static void derive_operator(struct ctx *c, struct cond_set *s, bool *oom)
{
    const struct prt_device *d = c->d;
    bool other_critical = false;
    size_t i;
    struct cond *k;

    for (i = 0; i < s->n && !other_critical; i++)
        other_critical = rules_is_critical(&s->v[i].a);
    for (i = 0; i < d->n_alerts && !other_critical; i++) {
        const struct prt_alert *a = &d->alerts[i];
        other_critical = rules_is_critical(a) && a->key != 0 && !(a->key & PRT_ALERT_KEY_DERIVED);
    }
    if (!d->cond.operator_intervention && !(d->rules.oce_operator_intervention && other_critical))
        return;
    /* key of the PRISMAsync identity (other, 1, other); the row names the
     * whole printer: generalPrinter, no sub-unit */
    k = want(s, oom, C, TRAINED, PrtAlertGroupTC_other, 1, PrtAlertCodeTC_other, -SUBJ_OPERATOR,
             0, ST_NONE, 0);
    if (k == NULL)
        return;
    rules_cond_show(k, PrtAlertGroupTC_generalPrinter, -1, PrtAlertCodeTC_other);
    k->operator_row = true;
    rules_textf(k->a.description, sizeof(k->a.description), "Operator intervention required");
}

/* The derived conditions, in the order new rows are added. */
int rules_derive(struct ctx *c, struct cond_set *s)
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
