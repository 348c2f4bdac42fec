/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_out.c: a printer's view (ipp_map.c) written out -- as one feed batch
 * of its live state (doc/printdev-feed.7: begin, status, set ..., jam,
 * raise / clear key, commit) and as a device profile
 * (doc/printdev-profile.5) with the rows the batch refers to: covers 1
 * and 2, input 1 and output 1 at least, media path 1, one marker.  Every
 * text is quoted with \" and \\ escaped and control octets shown as '?',
 * so nothing a printer says can end a line or a quoted string.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipp_map.h"
#include "prt_enums.h"

struct out {
    char *buf;
    size_t cap, len;
    bool overflow;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->overflow)
        return;
    va_start(ap, fmt);
    n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= o->cap - o->len) {
        o->overflow = true;
        return;
    }
    o->len += (size_t)n;
}

/* A quoted feed / profile string: \" and \\ escaped, control octets as '?'. */
static void put_q(struct out *o, const char *s)
{
    put(o, "\"");
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            put(o, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            put(o, "?");
        else
            put(o, "%c", c);
    }
    put(o, "\"");
}

int ipp_view_feed(const struct ipp_view *v, const uint64_t *present, size_t n_present, char *buf,
                  size_t cap)
{
    struct out o = {buf, cap, 0, false};

    if (cap == 0)
        return -1;
    buf[0] = '\0';
    put(&o, "begin\nstatus %s\n", v->engine);
    for (size_t i = 0; i < v->n_supply; i++)
        put(&o, "set supply %d level %d\n", (int)v->supply[i].s.index, (int)v->supply[i].s.level);
    for (size_t i = 0; i < v->n_in; i++)
        put(&o, "set input %zu level %d\n", i + 1, (int)v->in[i].level);
    put(&o, "set input 1 missing %s\n", v->in_missing ? "yes" : "no");
    for (size_t i = 0; i < v->n_out; i++)
        if (!v->out_synthetic)
            put(&o, "set output %zu remaining %d\n", i + 1, (int)v->out[i].level);
    put(&o, "set output 1 full %s\n", v->out_full ? "yes" : "no");
    put(&o, "set output 1 missing %s\n", v->out_missing ? "yes" : "no");
    put(&o, "set cover 1 %s\n",
        v->cover_open       ? "open"
        : v->interlock_open ? "interlock-open"
                            : "closed");
    put(&o, "set cover 2 %s\n", v->door_open ? "open" : "closed");
    put(&o, v->jammed ? "jam 1\n" : "clear jam 1\n");
    /* prtMarkerLifeCount / the billing counters: the feed takes at most
     * 1000000 impressions per count */
    for (uint32_t left = v->count_delta; left > 0;) {
        uint32_t n = left > 1000000 ? 1000000 : left;
        put(&o, "count %" PRIu32 "\n", n);
        left -= n;
    }
    for (size_t i = 0; i < v->n_raise; i++) {
        const struct ipp_raise *r = &v->raise[i];
        put(&o, "raise %s %s group %s index %d key %" PRIu64 " ",
            r->severity == PrtAlertSeverityLevelTC_critical ? "critical" : "warning-binary",
            prt_enum_name(&prt_tc_PrtAlertCodeTC, r->code),
            prt_enum_name(&prt_tc_PrtAlertGroupTC, r->group), (int)r->group_index, r->key);
        put_q(&o, r->text);
        put(&o, "\n");
    }
    for (size_t i = 0; i < n_present; i++) {
        bool wanted = false;
        if (!PDIPP_KEY_MINE(present[i]))
            continue;
        for (size_t j = 0; j < v->n_raise; j++)
            wanted |= v->raise[j].key == present[i];
        if (!wanted)
            put(&o, "clear key %" PRIu64 "\n", present[i]);
    }
    put(&o, "commit\n");
    return o.overflow ? -1 : (int)o.len;
}

static const char *tc(const struct prt_enum *e, int32_t v)
{
    const char *n = prt_enum_name(e, v);
    return n != NULL ? n : "other";
}

int ipp_view_profile(const struct ipp_view *v, int32_t hr_index, const char *name, FILE *f)
{
    static char buf[65536];
    struct out o = {buf, sizeof(buf), 0, false};
    char descr[65], pname[128];

    ipp_text_copy(descr, sizeof(descr), v->make_model[0] ? v->make_model : name);
    ipp_text_copy(pname, sizeof(pname), v->printer_name[0] ? v->printer_name : name);
    put(&o, "# %s: written by printdev-ipp --profile from the printer's IPP attributes.\n", name);
    if (v->uri[0])
        put(&o, "# printer-uri-supported: %s\n", v->uri);
    if (v->uuid[0])
        put(&o, "# printer-uuid: %s\n", v->uuid);
    if (v->info[0])
        put(&o, "# printer-info: %s\n", v->info);
    if (v->location[0])
        put(&o, "# printer-location: %s\n", v->location);
    put(&o, "printdevDevice %d %s\nprintdevDescr ", (int)hr_index, name);
    put_q(&o, descr);
    put(&o, "\n");
    if (v->device_id[0]) {
        put(&o, "printdevIeee1284Id ");
        put_q(&o, v->device_id);
        put(&o, "\n");
    }
    put(&o, "printdevGeneral printerName ");
    put_q(&o, pname);
    if (v->serial[0]) {
        put(&o, " serial ");
        put_q(&o, v->serial);
    }
    put(&o, "\n");
    /* the device's own SNMP context and system group: sysLocation from
     * printer-location; a device name longer than a context name (32)
     * is served in a context of its first 32 octets unless the caller
     * chose one (v->context) */
    if (v->location[0] || v->context[0] || strlen(name) > PDIPP_CONTEXT_MAX) {
        put(&o, "printdevSystem");
        if (v->context[0])
            put(&o, " context %s", v->context);
        else if (strlen(name) > PDIPP_CONTEXT_MAX)
            put(&o, " context %.*s", PDIPP_CONTEXT_MAX, name);
        if (v->location[0]) {
            put(&o, " location ");
            put_q(&o, v->location);
        }
        put(&o, "\n");
    }
    put(&o, "printdevLocalization 1 language en country US charset csUTF8\n");
    put(&o, "printdevCover 1 description \"Cover\" status coverClosed\n");
    put(&o, "printdevCover 2 description \"Door\" status coverClosed\n");
    for (size_t i = 0; i < v->n_in; i++) {
        const struct ipp_tray *t = &v->in[i];
        put(&o, "printdevInput %zu type %s name ", i + 1, tc(&prt_tc_PrtInputTypeTC, t->type));
        put_q(&o, t->name);
        put(&o, " unit %s max %d level %d media ", tc(&prt_tc_PrtCapacityUnitTC, t->unit),
            (int)t->max, (int)(t->max >= 0 && t->level > t->max ? t->max : t->level));
        put_q(&o, t->media);
        put(&o, " feed %d xfeed %d", (int)t->feed, (int)t->xfeed);
        if (t->media_type[0]) {
            put(&o, " mediaType ");
            put_q(&o, t->media_type);
        }
        if (t->media_color[0]) {
            put(&o, " color ");
            put_q(&o, t->media_color);
        }
        if (t->weight >= 0)
            put(&o, " weight %d", (int)t->weight);
        put(&o, "\n");
    }
    for (size_t i = 0; i < v->n_out; i++) {
        const struct ipp_tray *t = &v->out[i];
        put(&o, "printdevOutput %zu type %s name ", i + 1, tc(&prt_tc_PrtOutputTypeTC, t->type));
        put_q(&o, t->name);
        put(&o, " unit %s max %d remaining %d stacking %s delivery %s\n",
            tc(&prt_tc_PrtCapacityUnitTC, t->unit), (int)t->max, (int)t->level,
            tc(&prt_tc_PrtOutputStackingOrderTC, t->stacking),
            tc(&prt_tc_PrtOutputPageDeliveryOrientationTC, t->delivery));
    }
    put(&o,
        "printdevMarker 1 tech unknown counterUnit impressions processColorants %zu "
        "spotColorants 0\n",
        v->n_colorant > 0 ? v->n_colorant : 1);
    for (size_t i = 0; i < v->n_colorant; i++) {
        put(&o, "printdevColorant %zu marker 1 role process value ", i + 1);
        put_q(&o, v->colorant[i]);
        put(&o, "\n");
    }
    for (size_t i = 0; i < v->n_supply; i++) {
        const struct ipp_view_supply *s = &v->supply[i];
        put(&o, "printdevSupply %d marker 1 colorant %d class %s type %s description ",
            (int)s->s.index, (int)s->colorant,
            tc(&prt_tc_PrtMarkerSuppliesClassTC, s->s.supply_class),
            tc(&prt_tc_PrtMarkerSuppliesTypeTC, s->s.type));
        put_q(&o, s->description);
        put(&o, " unit %s max %d level %d", tc(&prt_tc_PrtMarkerSuppliesSupplyUnitTC, s->s.unit),
            (int)s->s.max, (int)s->s.level);
        if (s->low > 0)
            put(&o, " low %d", (int)s->low);
        put(&o, "\n");
    }
    put(&o, "printdevMediaPath 1 type %s\n", v->duplex ? "longEdgeBindingDuplex" : "simplex");
    for (size_t i = 0; i < v->n_interp; i++)
        put(&o, "printdevInterpreter %zu family %s description \"%s\"\n", i + 1,
            tc(&prt_tc_PrtInterpreterLangFamilyTC, v->interp[i]),
            tc(&prt_tc_PrtInterpreterLangFamilyTC, v->interp[i]));
    put(&o, "printdevChannel 1 type chIPP pageDescLang 1 information ");
    {
        char info[200];
        snprintf(info, sizeof(info), "URI=%.190s", v->uri);
        put_q(&o, info);
    }
    put(&o, "\nprintdevPort 1 enabled yes name \"IPP\" protocol chIPP channel 1 uri ");
    put_q(&o, v->uri);
    put(&o,
        "\nprintdevRules tonerLow %d allTraysEmpty no allOutputsFull no "
        "operatorIntervention no oceStatus no\n\n",
        PDIPP_TONER_LOW);
    if (o.overflow)
        return PDIPP_ETOOMANY;
    return fwrite(buf, 1, o.len, f) == o.len ? PDIPP_OK : PDIPP_ESYNTAX;
}

void ipp_count_reset(struct ipp_count *c)
{
    c->counted = -1;
    c->agent = -1;
    c->catch_up = false;
}

bool ipp_count_wants_agent(const struct ipp_count *c, const struct ipp_view *v)
{
    return v->impressions >= 0 && c->counted < 0 && c->agent < 0;
}

void ipp_count_marker_line(struct ipp_count *c, const char *line)
{
    const char *l = strstr(line, " life=");
    char *end;
    long index;
    long long life;

    if (strncmp(line, "marker index=", 13) != 0 || l == NULL)
        return;
    index = strtol(line + 13, &end, 10);
    life = strtoll(l + 6, &end, 10);
    if (life >= 0 && (c->agent < 0 || index == 1))
        c->agent = life;
}

bool ipp_count_step(struct ipp_count *c, struct ipp_view *v)
{
    int64_t p = v->impressions, d;
    bool behind = false;

    v->count_delta = 0;
    if (p < 0)
        return false;
    if (c->counted < 0) {
        if (c->agent >= 0 && p >= c->agent) {
            c->counted = c->agent;
            c->catch_up = p > c->agent;
        } else {
            behind = c->agent >= 0 && !c->logged_behind;
            c->logged_behind |= behind;
            c->counted = p;
        }
    } else if (p < c->counted) {
        c->counted = p; /* the printer's counter went back: a new base */
        c->catch_up = false;
    } else if (!c->catch_up && p - c->counted > PDIPP_COUNT_STEP_MAX) {
        c->counted = p; /* not a plausible step: a new base */
    }
    d = p - c->counted;
    v->count_delta = (uint32_t)(d > PDIPP_COUNT_STEP_MAX ? PDIPP_COUNT_STEP_MAX : d);
    return behind;
}

void ipp_count_accepted(struct ipp_count *c, const struct ipp_view *v)
{
    if (c->counted < 0)
        return;
    c->counted += v->count_delta;
    if (c->counted >= v->impressions)
        c->catch_up = false;
}
