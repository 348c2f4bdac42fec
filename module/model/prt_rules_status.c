/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules_status.c: the statuses derived from the conditions that hold
 * now: sub-unit status flags, hrDeviceStatus / hrPrinterStatus /
 * hrPrinterDetectedErrorState, the console lights and the console text.
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

/* Explicit binary rows count as active conditions too. */
int rules_add_explicit(const struct prt_device *d, struct cond_set *s)
{
    size_t i;

    for (i = 0; i < d->n_alerts; i++) {
        const struct prt_alert *a = &d->alerts[i];
        struct cond *k;
        const struct prt_supply *sp;

        if (a->key == 0 || (a->key & PRT_ALERT_KEY_DERIVED) || !rules_is_binary(a))
            continue;
        k = rules_cond_push(s);
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
        f |= rules_is_critical(&k->a) ? SUBUNIT_CRITICAL : SUBUNIT_NONCRITICAL;
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
            (k->a.code == code1 || k->a.code == code2 || rules_is_critical(&k->a)))
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
        rules_set_i32(c, &in->status, v);
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
        rules_set_i32(c, &o->status, v);
    }
    for (i = 0; i < d->n_markers; i++) {
        struct prt_marker *mk = &d->markers[i];
        int32_t f = alert_flags(act, ST_MARKER, mk->index), v;
        if (oce)
            v = (f & SUBUNIT_CRITICAL) ? SUBUNIT_CRITICAL : f;
        else
            v = engine_avail(engine, true) | f;
        rules_set_i32(c, &mk->status, v);
    }
    for (i = 0; i < d->n_media_paths; i++) {
        struct prt_media_path *p = &d->media_paths[i];
        int32_t avail = engine_avail(engine, true);
        if (p->jammed)
            avail = 3 | (avail & (SUBUNIT_OFFLINE | SUBUNIT_TRANSITION));
        rules_set_i32(c, &p->status, avail | alert_flags(act, ST_MEDIA_PATH, p->index));
    }
    for (i = 0; i < d->n_channels; i++) {
        struct prt_channel *ch = &d->channels[i];
        int32_t avail = ch->state == PrtChannelStateTC_noDataAccepted ? 1 + SUBUNIT_OFFLINE : 0;
        rules_set_i32(c, &ch->status, avail | alert_flags(act, ST_CHANNEL, ch->index));
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
    rules_set_i32(c, &l->on_time, on);
    rules_set_i32(c, &l->off_time, off);
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
        if (rules_is_critical(&k->a) != critical || (skip_operator && k->operator_row))
            continue;
        p = rules_row_by_key(d, k->a.key);
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
    rules_textf(buf, sizeof(buf), "%s", text);
    if (chars > 0 && (size_t)chars < strlen(buf)) {
        buf[chars] = '\0';
        rules_utf8_trim(buf);
    }
    if (strcmp(line->text, buf) != 0) {
        memcpy(line->text, buf, sizeof(line->text));
        c->changed = true;
    }
}

void rules_derive_status(struct ctx *c, const struct cond_set *act)
{
    struct prt_device *d = c->d;
    bool crit = false, warn = false;
    uint16_t bits = 0;
    int32_t dev, prn;
    size_t i;

    for (i = 0; i < act->n; i++) {
        const struct cond *k = &act->v[i];
        bits |= k->bits;
        if (rules_is_critical(&k->a))
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
    rules_set_i32(c, &d->hr_device_status, dev);
    rules_set_i32(c, &d->hr_printer_status, prn);
    if (d->rules.oce_status && d->hr_device_errors != d->general.alert_critical_events) {
        d->hr_device_errors = d->general.alert_critical_events;
        c->changed = true;
    }
    subunit_status(c, act);
    lights(c, crit, warn);
    display(c, act);
}
