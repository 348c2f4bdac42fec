/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_change.c: live changes of a device's state (prt_change.h): the check
 * of a change against the rows it names, and its application (fields,
 * billing and marker counters, consumption, console text, the alert table,
 * the generation).  The meaning of each change, from RFC 3805 and the
 * PRISMAsync tables, is in doc/printdev-feed.7.
 *
 * Pure C: no Net-SNMP, no I/O.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "prt_change.h"
#include "prt_rules.h"

/* Level-like values: -3..-1 special, else 0..max when max is known. */
static const char *check_level(int32_t v, int32_t max, const char *what, char *tmp, size_t cap)
{
    if (v < -3) {
        snprintf(tmp, cap, "%s %" PRId32 " out of range (-3..max)", what, v);
        return tmp;
    }
    if (max >= 0 && v > max) {
        snprintf(tmp, cap, "%s %" PRId32 " exceeds the capacity %" PRId32, what, v, max);
        return tmp;
    }
    return NULL;
}

/* Characters of a UTF-8 string (continuation octets not counted). */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Whether s has a control character (C0 or DEL): device strings follow the
 * SET rule of prt_set.c. */
static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* NULL, or what is wrong with an explicit alert's template. */
static const char *check_alert(const struct prt_change *c)
{
    const struct prt_alert *a = &c->tmpl;
    bool binary = a->severity == PrtAlertSeverityLevelTC_critical ||
                  a->severity == PrtAlertSeverityLevelTC_warningBinaryChangeEvent;

    if (prt_enum_name(&prt_tc_PrtAlertSeverityLevelTC, a->severity) == NULL)
        return "severity must be critical, warning, warning-binary or other";
    if (prt_enum_name(&prt_tc_PrtAlertCodeTC, a->code) == NULL)
        return "code must be a PrtAlertCodeTC name or value";
    if (prt_enum_name(&prt_tc_PrtAlertGroupTC, a->group) == NULL)
        return "group must be a PrtAlertGroupTC name or value";
    if (a->group_index < -1)
        return "group index must be -1 or more";
    if (a->location < -2)
        return "location must be -2 or more";
    if (prt_enum_name(&prt_tc_PrtAlertTrainingLevelTC, a->training) == NULL)
        return "training must be a PrtAlertTrainingLevelTC name or value";
    if (memchr(a->description, '\0', sizeof(a->description)) == NULL || has_control(a->description))
        return "alert text contains control characters";
    if (binary && (a->key == 0 || (a->key & PRT_ALERT_KEY_DERIVED)))
        return "key must be 1..9223372036854775807";
    if (!binary && a->key != 0)
        return "a unary alert (warning, other) has no key";
    return NULL;
}

/* NULL, or the reason c cannot be applied to d now (*err the error). */
static const char *reason(const struct prt_device *d, const struct prt_change *c, char *tmp,
                          size_t cap, int *err)
{
    *err = -PRT_EINVAL;
    switch (c->op) {
    case PRT_CHANGE_INPUT_LEVEL: {
        const struct prt_input *in = prt_input_find(d, c->row);
        if (in == NULL)
            goto norow;
        return check_level(c->v, in->max_capacity, "level", tmp, cap);
    }
    case PRT_CHANGE_INPUT_MISSING:
        if (prt_input_find(d, c->row) == NULL)
            goto norow;
        return NULL;
    case PRT_CHANGE_OUTPUT_REMAINING: {
        const struct prt_output *o = prt_output_find(d, c->row);
        if (o == NULL)
            goto norow;
        return check_level(c->v, o->max_capacity, "remaining capacity", tmp, cap);
    }
    case PRT_CHANGE_OUTPUT_FULL:
    case PRT_CHANGE_OUTPUT_OFFLINE:
    case PRT_CHANGE_OUTPUT_MISSING:
        if (prt_output_find(d, c->row) == NULL)
            goto norow;
        return NULL;
    case PRT_CHANGE_SUPPLY_LEVEL: {
        const struct prt_supply *s = prt_supply_find(d, c->row);
        if (s == NULL)
            goto norow;
        return check_level(c->v, s->max_capacity, "level", tmp, cap);
    }
    case PRT_CHANGE_SUPPLY_MISSING:
        if (prt_supply_find(d, c->row) == NULL)
            goto norow;
        return NULL;
    case PRT_CHANGE_COVER:
        if (prt_cover_find(d, c->row) == NULL)
            goto norow;
        if (prt_enum_name(&prt_tc_PrtCoverStatusTC, c->v) == NULL)
            return "cover state must be open, closed, interlock-open, interlock-closed, other or "
                   "unknown";
        return NULL;
    case PRT_CHANGE_JAM:
        if (c->v < -2)
            return "location must be -2 or more";
        /* fall through */
    case PRT_CHANGE_CLEAR_JAM:
        if (prt_media_path_find(d, c->row) == NULL)
            goto norow;
        return NULL;
    case PRT_CHANGE_STATUS:
        if (c->v < PRT_ENGINE_IDLE || c->v > PRT_ENGINE_UNKNOWN)
            return "unknown engine state";
        return NULL;
    case PRT_CHANGE_SERVICE:
    case PRT_CHANGE_MAINTENANCE:
    case PRT_CHANGE_INTERVENTION:
    case PRT_CHANGE_DISPLAY_AUTO:
        return NULL;
    case PRT_CHANGE_COUNT:
        if (c->v < 1 || c->v > PRT_CHANGE_COUNT_MAX) {
            snprintf(tmp, cap, "impressions must be 1..%d", PRT_CHANGE_COUNT_MAX);
            return tmp;
        }
        if (c->color < 0 || c->color >= PRT_BILL_NCOLOR || c->size < 0 ||
            c->size >= PRT_BILL_NSIZE || c->sides < 0 || c->sides >= PRT_BILL_NSIDES)
            return "color, size or sides out of range";
        if (c->input < 0 || c->output < 0 || c->marker < 0)
            return "input, output and marker must be indexes (0: none)";
        if (c->input && prt_input_find(d, c->input) == NULL) {
            *err = -PRT_ENOENT;
            snprintf(tmp, cap, "device has no input %" PRId32, c->input);
            return tmp;
        }
        if (c->output && prt_output_find(d, c->output) == NULL) {
            *err = -PRT_ENOENT;
            snprintf(tmp, cap, "device has no output %" PRId32, c->output);
            return tmp;
        }
        if (c->marker && prt_marker_find(d, c->marker) == NULL) {
            *err = -PRT_ENOENT;
            snprintf(tmp, cap, "device has no marker %" PRId32, c->marker);
            return tmp;
        }
        return NULL;
    case PRT_CHANGE_DISPLAY:
        if (prt_display_find(d, c->row) == NULL)
            goto norow;
        if (memchr(c->tmpl.description, '\0', sizeof(c->tmpl.description)) == NULL ||
            has_control(c->tmpl.description))
            return "display text contains control characters";
        if (d->general.console_display_chars > 0 &&
            utf8_chars(c->tmpl.description) > (size_t)d->general.console_display_chars) {
            *err = -PRT_ETOOLONG;
            snprintf(tmp, cap, "display text longer than the %" PRId32 " characters of a line",
                     d->general.console_display_chars);
            return tmp;
        }
        return NULL;
    case PRT_CHANGE_RAISE:
        return check_alert(c);
    case PRT_CHANGE_CLEAR_ALERT: {
        const struct prt_alert *a = prt_alert_find(d, c->row);
        if (a == NULL) {
            *err = -PRT_ENOENT;
            snprintf(tmp, cap, "no active alert %" PRId32, c->row);
            return tmp;
        }
        if (a->key & PRT_ALERT_KEY_DERIVED) {
            snprintf(tmp, cap, "alert %" PRId32 " follows the device state; clear its condition",
                     c->row);
            return tmp;
        }
        return NULL;
    }
    case PRT_CHANGE_CLEAR_KEY:
        if (c->key == 0 || (c->key & PRT_ALERT_KEY_DERIVED) ||
            prt_alert_find_key(d, c->key) == NULL) {
            *err = -PRT_ENOENT;
            snprintf(tmp, cap, "no raised alert with key %" PRIu64, c->key);
            return tmp;
        }
        return NULL;
    }
    return "internal error: unchecked command";
norow : {
    *err = -PRT_ENOENT;
    static const char *const what[] = {
        [PRT_CHANGE_INPUT_LEVEL] = "input",
        [PRT_CHANGE_INPUT_MISSING] = "input",
        [PRT_CHANGE_OUTPUT_REMAINING] = "output",
        [PRT_CHANGE_OUTPUT_FULL] = "output",
        [PRT_CHANGE_OUTPUT_OFFLINE] = "output",
        [PRT_CHANGE_OUTPUT_MISSING] = "output",
        [PRT_CHANGE_SUPPLY_LEVEL] = "supply",
        [PRT_CHANGE_SUPPLY_MISSING] = "supply",
        [PRT_CHANGE_COVER] = "cover",
        [PRT_CHANGE_JAM] = "media path",
        [PRT_CHANGE_CLEAR_JAM] = "media path",
        [PRT_CHANGE_DISPLAY] = "display line",
    };
    snprintf(tmp, cap, "device %s has no %s %" PRId32, d->name, what[c->op], c->row);
    return tmp;
}
}

static void sat_sub(int32_t *level, int32_t n)
{
    if (*level < 0)
        return; /* -1 no limit, -2 unknown, -3 some: nothing to count down */
    *level = *level > n ? *level - n : 0;
}

int prt_change_check(const struct prt_device *d, const struct prt_change *c, char *why, size_t cap)
{
    char tmp[512];
    int err;
    const char *r = reason(d, c, tmp, sizeof(tmp), &err);

    if (r == NULL)
        return PRT_OK;
    snprintf(why, cap, "%s", r);
    return err;
}

int32_t prt_change_apply(struct prt_model *m, struct prt_device *d, const struct prt_change *c)
{
    int32_t rc = 0;

    switch (c->op) {
    case PRT_CHANGE_INPUT_LEVEL:
        prt_input_find(d, c->row)->current_level = c->v;
        break;
    case PRT_CHANGE_INPUT_MISSING:
        prt_input_find(d, c->row)->missing = c->v != 0;
        break;
    case PRT_CHANGE_OUTPUT_REMAINING:
        prt_output_find(d, c->row)->remaining_capacity = c->v;
        break;
    case PRT_CHANGE_OUTPUT_FULL:
        prt_output_find(d, c->row)->full_sensor = c->v != 0;
        break;
    case PRT_CHANGE_OUTPUT_OFFLINE:
        prt_output_find(d, c->row)->offline = c->v != 0;
        break;
    case PRT_CHANGE_OUTPUT_MISSING:
        prt_output_find(d, c->row)->missing = c->v != 0;
        break;
    case PRT_CHANGE_SUPPLY_LEVEL:
        prt_supply_find(d, c->row)->level = c->v;
        break;
    case PRT_CHANGE_SUPPLY_MISSING:
        prt_supply_find(d, c->row)->missing = c->v != 0;
        break;
    case PRT_CHANGE_COVER:
        prt_cover_find(d, c->row)->status = c->v;
        break;
    case PRT_CHANGE_JAM: {
        struct prt_media_path *p = prt_media_path_find(d, c->row);
        p->jammed = true;
        p->jam_location = c->v;
        break;
    }
    case PRT_CHANGE_CLEAR_JAM: {
        struct prt_media_path *p = prt_media_path_find(d, c->row);
        p->jammed = false;
        p->jam_location = -2;
        break;
    }
    case PRT_CHANGE_STATUS:
        d->cond.engine = c->v;
        break;
    case PRT_CHANGE_SERVICE:
        d->cond.service_requested = c->v != 0;
        break;
    case PRT_CHANGE_MAINTENANCE:
        d->cond.overdue_maintenance = c->v != 0;
        break;
    case PRT_CHANGE_INTERVENTION:
        d->cond.operator_intervention = c->v != 0;
        break;
    case PRT_CHANGE_COUNT: {
        struct prt_marker *mk;
        int32_t sheets = c->sides == PRT_BILL_DUPLEX ? (c->v + 1) / 2 : c->v;
        uint32_t clicks = (uint32_t)c->v * (c->size == PRT_BILL_LARGE ? 2u : 1u);

        d->billing[c->color][c->size][c->sides] += (uint64_t)c->v;
        mk = prt_marker_find(d, c->marker ? c->marker : d->general.marker_default_index);
        if (mk == NULL && d->n_markers > 0 && c->marker == 0)
            mk = &d->markers[0];
        if (mk != NULL) {
            mk->life_count += clicks; /* Counter32: wraps */
            mk->power_on_count += clicks;
        }
        if (c->input)
            sat_sub(&prt_input_find(d, c->input)->current_level, sheets);
        if (c->output)
            sat_sub(&prt_output_find(d, c->output)->remaining_capacity, sheets);
        break;
    }
    case PRT_CHANGE_DISPLAY:
        memcpy(prt_display_find(d, c->row)->text, c->tmpl.description,
               strlen(c->tmpl.description) + 1);
        d->console_text_from_feed = true;
        break;
    case PRT_CHANGE_DISPLAY_AUTO:
        d->console_text_from_feed = false;
        break;
    case PRT_CHANGE_RAISE: {
        struct prt_alert a = c->tmpl;
        a.time = m->uptime ? m->uptime() : 0;
        rc = prt_alert_raise(m, d, &a);
        break;
    }
    case PRT_CHANGE_CLEAR_ALERT:
        prt_alert_clear(m, d, c->row);
        break;
    case PRT_CHANGE_CLEAR_KEY:
        prt_alert_clear_key(m, d, c->key);
        break;
    }
    d->generation++;
    return rc;
}

/* ---- named changes ---- */

static void begin(struct prt_change *c, int op, int32_t row, int32_t v)
{
    memset(c, 0, sizeof(*c));
    c->op = op;
    c->row = row;
    c->v = v;
}

void prt_change_input_level(struct prt_change *c, int32_t input, int32_t level)
{
    begin(c, PRT_CHANGE_INPUT_LEVEL, input, level);
}

void prt_change_input_missing(struct prt_change *c, int32_t input, bool missing)
{
    begin(c, PRT_CHANGE_INPUT_MISSING, input, missing);
}

void prt_change_output_remaining(struct prt_change *c, int32_t output, int32_t remaining)
{
    begin(c, PRT_CHANGE_OUTPUT_REMAINING, output, remaining);
}

void prt_change_output_full(struct prt_change *c, int32_t output, bool full)
{
    begin(c, PRT_CHANGE_OUTPUT_FULL, output, full);
}

void prt_change_output_offline(struct prt_change *c, int32_t output, bool offline)
{
    begin(c, PRT_CHANGE_OUTPUT_OFFLINE, output, offline);
}

void prt_change_output_missing(struct prt_change *c, int32_t output, bool missing)
{
    begin(c, PRT_CHANGE_OUTPUT_MISSING, output, missing);
}

void prt_change_supply_level(struct prt_change *c, int32_t supply, int32_t level)
{
    begin(c, PRT_CHANGE_SUPPLY_LEVEL, supply, level);
}

void prt_change_supply_missing(struct prt_change *c, int32_t supply, bool missing)
{
    begin(c, PRT_CHANGE_SUPPLY_MISSING, supply, missing);
}

void prt_change_cover(struct prt_change *c, int32_t cover, int32_t status)
{
    begin(c, PRT_CHANGE_COVER, cover, status);
}

void prt_change_jam(struct prt_change *c, int32_t path, int32_t location)
{
    begin(c, PRT_CHANGE_JAM, path, location);
}

void prt_change_jam_clear(struct prt_change *c, int32_t path)
{
    begin(c, PRT_CHANGE_CLEAR_JAM, path, 0);
}

void prt_change_engine(struct prt_change *c, int32_t engine)
{
    begin(c, PRT_CHANGE_STATUS, 0, engine);
}

void prt_change_service(struct prt_change *c, bool on)
{
    begin(c, PRT_CHANGE_SERVICE, 0, on);
}

void prt_change_maintenance(struct prt_change *c, bool on)
{
    begin(c, PRT_CHANGE_MAINTENANCE, 0, on);
}

void prt_change_intervention(struct prt_change *c, bool on)
{
    begin(c, PRT_CHANGE_INTERVENTION, 0, on);
}

void prt_change_count(struct prt_change *c, int32_t impressions, int32_t color, int32_t size,
                      int32_t sides, int32_t input, int32_t output, int32_t marker)
{
    begin(c, PRT_CHANGE_COUNT, 0, impressions);
    c->color = color;
    c->size = size;
    c->sides = sides;
    c->input = input;
    c->output = output;
    c->marker = marker;
}

int prt_change_display(struct prt_change *c, int32_t line, const char *text)
{
    size_t n = strlen(text);

    begin(c, PRT_CHANGE_DISPLAY, line, 0);
    if (n >= sizeof(c->tmpl.description))
        return -PRT_ETOOLONG;
    memcpy(c->tmpl.description, text, n + 1);
    return PRT_OK;
}

void prt_change_display_auto(struct prt_change *c)
{
    begin(c, PRT_CHANGE_DISPLAY_AUTO, 0, 0);
}

void prt_change_raise(struct prt_change *c, const struct prt_alert *tmpl)
{
    begin(c, PRT_CHANGE_RAISE, 0, 0);
    c->tmpl = *tmpl;
    c->key = tmpl->key;
}

void prt_change_clear_alert(struct prt_change *c, int32_t alert_index)
{
    begin(c, PRT_CHANGE_CLEAR_ALERT, alert_index, 0);
}

void prt_change_clear_key(struct prt_change *c, uint64_t key)
{
    begin(c, PRT_CHANGE_CLEAR_KEY, 0, 0);
    c->key = key;
}

/* One change, checked and applied. */
static int32_t one(struct prt_model *m, struct prt_device *d, const struct prt_change *c, char *why,
                   size_t cap)
{
    int rc = prt_change_check(d, c, why, cap);

    if (rc != PRT_OK)
        return rc;
    return prt_change_apply(m, d, c);
}

int prt_input_set_level(struct prt_model *m, struct prt_device *d, int32_t input, int32_t level,
                        char *why, size_t cap)
{
    struct prt_change c;

    prt_change_input_level(&c, input, level);
    return one(m, d, &c, why, cap);
}

int prt_output_set_remaining(struct prt_model *m, struct prt_device *d, int32_t output,
                             int32_t remaining, char *why, size_t cap)
{
    struct prt_change c;

    prt_change_output_remaining(&c, output, remaining);
    return one(m, d, &c, why, cap);
}

int prt_supply_set_level(struct prt_model *m, struct prt_device *d, int32_t supply, int32_t level,
                         char *why, size_t cap)
{
    struct prt_change c;

    prt_change_supply_level(&c, supply, level);
    return one(m, d, &c, why, cap);
}

int prt_cover_set_status(struct prt_model *m, struct prt_device *d, int32_t cover, int32_t status,
                         char *why, size_t cap)
{
    struct prt_change c;

    prt_change_cover(&c, cover, status);
    return one(m, d, &c, why, cap);
}

int prt_jam_raise(struct prt_model *m, struct prt_device *d, int32_t path, int32_t location,
                  char *why, size_t cap)
{
    struct prt_change c;

    prt_change_jam(&c, path, location);
    return one(m, d, &c, why, cap);
}

int prt_jam_clear(struct prt_model *m, struct prt_device *d, int32_t path, char *why, size_t cap)
{
    struct prt_change c;

    prt_change_jam_clear(&c, path);
    return one(m, d, &c, why, cap);
}

int prt_marker_count_impressions(struct prt_model *m, struct prt_device *d, int32_t impressions,
                                 int32_t color, int32_t size, int32_t sides, int32_t input,
                                 int32_t output, int32_t marker, char *why, size_t cap)
{
    struct prt_change c;

    prt_change_count(&c, impressions, color, size, sides, input, output, marker);
    return one(m, d, &c, why, cap);
}

int prt_display_set_text(struct prt_model *m, struct prt_device *d, int32_t line, const char *text,
                         char *why, size_t cap)
{
    struct prt_change c;

    if (prt_change_display(&c, line, text) != PRT_OK) {
        snprintf(why, cap, "display text longer than %zu octets", sizeof(c.tmpl.description) - 1);
        return -PRT_ETOOLONG;
    }
    return one(m, d, &c, why, cap);
}

int32_t prt_alert_raise_explicit(struct prt_model *m, struct prt_device *d,
                                 const struct prt_alert *tmpl, char *why, size_t cap)
{
    struct prt_change c;

    prt_change_raise(&c, tmpl);
    return one(m, d, &c, why, cap);
}
