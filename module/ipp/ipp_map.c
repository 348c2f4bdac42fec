/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_map.c: IPP printer attributes -> printdev device state (the table in
 * doc/printdev-ipp.8, section MAPPING).
 *
 * Sources: CUPS's marker-names/-levels/-types/-colors/-low-levels where a
 * cupsd queue has them, else PWG 5100.13 printer-supply (+
 * printer-supply-description); printer-input-tray and printer-output-tray, else one
 * synthetic tray each; printer-state and printer-state-reasons (RFC 8011
 * section 5.4.12/5.4.13; suffix -error = critical, -warning = warning,
 * -report = ignored); PWG 5100.9 printer-alert for conditions no other
 * attribute names.  A reason that a row's state already expresses (a
 * supply at or below its threshold for toner-low, a tray at 0 for
 * media-empty) adds nothing, so the model derives exactly one alert row.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipp_map.h"
#include "prt_enums.h"

enum action {
    A_IGNORE,
    A_MEDIA_EMPTY,
    A_MEDIA_LOW,
    A_JAM,
    A_COVER,
    A_DOOR,
    A_INTERLOCK,
    A_SUPPLY_LOW,
    A_SUPPLY_EMPTY,
    A_WASTE_ALMOST_FULL,
    A_WASTE_FULL,
    A_OUT_ALMOST_FULL,
    A_OUT_FULL,
    A_OUT_MISSING,
    A_IN_MISSING,
    A_OFFLINE,
    A_MOVING_OFFLINE,
    A_RAISE,
};

#define CRIT PrtAlertSeverityLevelTC_critical
#define WARN PrtAlertSeverityLevelTC_warningBinaryChangeEvent

struct reason {
    const char *keyword;
    enum action action;
    int32_t severity; /* without a suffix */
    int32_t code, group;
    const char *text;
};

static const struct reason reasons[] = {
    {"none", A_IGNORE, 0, 0, 0, NULL},
    {"connecting-to-device", A_IGNORE, 0, 0, 0, NULL},
    {"media-empty", A_MEDIA_EMPTY, CRIT, PrtAlertCodeTC_inputMediaSupplyEmpty,
     PrtAlertGroupTC_input, NULL},
    {"media-needed", A_MEDIA_EMPTY, CRIT, PrtAlertCodeTC_inputMediaSupplyEmpty,
     PrtAlertGroupTC_input, NULL},
    {"media-low", A_MEDIA_LOW, WARN, PrtAlertCodeTC_inputMediaSupplyLow, PrtAlertGroupTC_input,
     "Paper is low"},
    {"media-jam", A_JAM, CRIT, PrtAlertCodeTC_jam, PrtAlertGroupTC_mediaPath, NULL},
    {"cover-open", A_COVER, CRIT, PrtAlertCodeTC_coverOpen, PrtAlertGroupTC_cover, NULL},
    {"door-open", A_DOOR, CRIT, PrtAlertCodeTC_doorOpen, PrtAlertGroupTC_cover, NULL},
    {"interlock-open", A_INTERLOCK, CRIT, PrtAlertCodeTC_interlockOpen, PrtAlertGroupTC_cover,
     NULL},
    {"toner-low", A_SUPPLY_LOW, WARN, PrtAlertCodeTC_markerTonerAlmostEmpty,
     PrtAlertGroupTC_markerSupplies, "Toner is low"},
    {"toner-empty", A_SUPPLY_EMPTY, CRIT, PrtAlertCodeTC_markerTonerEmpty,
     PrtAlertGroupTC_markerSupplies, "Toner is empty"},
    {"marker-supply-low", A_SUPPLY_LOW, WARN, PrtAlertCodeTC_subunitAlmostEmpty,
     PrtAlertGroupTC_markerSupplies, "Marker supply is low"},
    {"marker-supply-empty", A_SUPPLY_EMPTY, CRIT, PrtAlertCodeTC_subunitEmpty,
     PrtAlertGroupTC_markerSupplies, "Marker supply is empty"},
    {"marker-waste-almost-full", A_WASTE_ALMOST_FULL, WARN,
     PrtAlertCodeTC_markerWasteTonerReceptacleAlmostFull, PrtAlertGroupTC_markerSupplies,
     "Waste receptacle is almost full"},
    {"marker-waste-full", A_WASTE_FULL, CRIT, PrtAlertCodeTC_markerWasteTonerReceptacleFull,
     PrtAlertGroupTC_markerSupplies, "Waste receptacle is full"},
    {"developer-low", A_RAISE, WARN, PrtAlertCodeTC_markerDeveloperAlmostEmpty,
     PrtAlertGroupTC_markerSupplies, "Developer is low"},
    {"developer-empty", A_RAISE, CRIT, PrtAlertCodeTC_markerDeveloperEmpty,
     PrtAlertGroupTC_markerSupplies, "Developer is empty"},
    {"opc-near-eol", A_RAISE, WARN, PrtAlertCodeTC_markerOpcLifeAlmostOver,
     PrtAlertGroupTC_markerSupplies, "Photoconductor is near end of life"},
    {"opc-life-over", A_RAISE, CRIT, PrtAlertCodeTC_markerOpcLifeOver,
     PrtAlertGroupTC_markerSupplies, "Photoconductor life is over"},
    {"fuser-over-temp", A_RAISE, CRIT, PrtAlertCodeTC_markerFuserOverTemperature,
     PrtAlertGroupTC_marker, "Fuser temperature is too high"},
    {"fuser-under-temp", A_RAISE, WARN, PrtAlertCodeTC_markerFuserUnderTemperature,
     PrtAlertGroupTC_marker, "Fuser temperature is too low"},
    {"output-area-almost-full", A_OUT_ALMOST_FULL, WARN, PrtAlertCodeTC_outputMediaTrayAlmostFull,
     PrtAlertGroupTC_output, "Output area is almost full"},
    {"output-area-full", A_OUT_FULL, CRIT, PrtAlertCodeTC_outputMediaTrayFull,
     PrtAlertGroupTC_output, NULL},
    {"output-tray-missing", A_OUT_MISSING, CRIT, PrtAlertCodeTC_outputMediaTrayMissing,
     PrtAlertGroupTC_output, NULL},
    {"input-tray-missing", A_IN_MISSING, CRIT, PrtAlertCodeTC_inputMediaTrayMissing,
     PrtAlertGroupTC_input, NULL},
    {"offline", A_OFFLINE, CRIT, 0, 0, NULL},
    {"shutdown", A_OFFLINE, CRIT, 0, 0, NULL},
    {"paused", A_OFFLINE, CRIT, 0, 0, NULL},
    {"moving-to-paused", A_MOVING_OFFLINE, WARN, 0, 0, NULL},
    {"spool-area-full", A_RAISE, WARN, PrtAlertCodeTC_other, PrtAlertGroupTC_generalPrinter,
     "Spool area is full"},
};

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL && errlen > 0) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

void ipp_text_copy(char *dst, size_t cap, const char *src)
{
    size_t i;

    if (src == NULL)
        src = "";
    for (i = 0; i + 1 < cap && src[i] != '\0'; i++)
        dst[i] = ((unsigned char)src[i] < 0x20 || src[i] == 0x7f) ? '?' : src[i];
    /* never cut a UTF-8 sequence in half */
    if (src[i] != '\0')
        while (i > 0 && ((unsigned char)dst[i - 1] & 0xc0) == 0x80)
            i--;
    if (i > 0 && src[i] != '\0' && ((unsigned char)dst[i - 1] & 0xc0) == 0xc0)
        i--;
    dst[i] = '\0';
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ? h : 1;
}

static bool to_int(const char *s, long *out)
{
    char *end;

    if (s == NULL || *s == '\0')
        return false;
    *out = strtol(s, &end, 10);
    return *end == '\0';
}

void ipp_device_name(const char *from, char *out, size_t cap)
{
    size_t n = 0;

    for (; from != NULL && *from != '\0' && n + 1 < cap && n < 63; from++) {
        unsigned char c = (unsigned char)*from;
        out[n++] = (isalnum(c) || c == '-' || c == '_' || c == '.') ? (char)c : '_';
    }
    if (n == 0 && cap > 1)
        out[n++] = '_';
    out[n] = '\0';
}

/* ---- supplies */

static int32_t colorant_of(struct ipp_view *v, const char *name)
{
    if (name == NULL || *name == '\0' || strcmp(name, "unknown") == 0 ||
        strcmp(name, "no-color") == 0 || strcmp(name, "none") == 0)
        return 0;
    for (size_t i = 0; i < v->n_colorant; i++)
        if (strcmp(v->colorant[i], name) == 0)
            return (int32_t)i + 1;
    if (v->n_colorant == PDIPP_MAX_COLORANTS)
        return 0;
    ipp_text_copy(v->colorant[v->n_colorant], PDIPP_NAME_MAX, name);
    return (int32_t)++v->n_colorant;
}

/* CUPS marker-colors: "#RRGGBB" (several for a multi-colour supply) or "none". */
static const char *color_name(const char *hex)
{
    static const struct {
        const char *hex, *name;
    } known[] = {{"#000000", "black"},  {"#00FFFF", "cyan"}, {"#FF00FF", "magenta"},
                 {"#FFFF00", "yellow"}, {"#FF0000", "red"},  {"#00FF00", "green"},
                 {"#0000FF", "blue"},   {"#808080", "gray"}, {"#FFFFFF", "white"}};

    if (hex == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (strcasecmp(hex, known[i].hex) == 0)
            return known[i].name;
    return NULL;
}

/* CUPS marker-types keyword (waste-toner) -> PrtMarkerSuppliesTypeTC (wasteToner). */
static int32_t supply_type(const char *kw)
{
    char camel[64];
    size_t n = 0;
    bool up = false;
    int v;

    if (kw == NULL)
        return PrtMarkerSuppliesTypeTC_unknown;
    for (; *kw != '\0' && n + 1 < sizeof(camel); kw++) {
        if (*kw == '-') {
            up = true;
            continue;
        }
        camel[n++] = up ? (char)toupper((unsigned char)*kw) : *kw;
        up = false;
    }
    camel[n] = '\0';
    if (n > 0 && !isdigit((unsigned char)camel[0]) &&
        prt_enum_value(&prt_tc_PrtMarkerSuppliesTypeTC, camel, &v) == 0)
        return v;
    return PrtMarkerSuppliesTypeTC_other;
}

static int supplies_pwg(struct ipp_view *v, const struct ipp_attr *a, const struct ipp_attrs *as,
                        char *err, size_t errlen)
{
    const struct ipp_attr *d = ipp_attrs_get(as, "printer-supply-description");
    char why[200];

    for (size_t i = 0; i < a->n; i++) {
        struct ipp_view_supply *s;
        int r;

        if (v->n_supply == PDIPP_MAX_SUPPLIES)
            return fail(err, errlen, PDIPP_ETOOMANY, "more than %d supplies", PDIPP_MAX_SUPPLIES);
        s = &v->supply[v->n_supply];
        memset(s, 0, sizeof(*s));
        r = ipp_supply_parse(a->v[i].s, a->v[i].len, &s->s, why, sizeof(why));
        if (r != PDIPP_OK)
            return fail(err, errlen, r, "printer-supply value %zu: %s", i + 1, why);
        if (s->s.index == 0)
            s->s.index = (int32_t)i + 1;
        for (size_t j = 0; j < v->n_supply; j++)
            if (v->supply[j].s.index == s->s.index)
                return fail(err, errlen, PDIPP_EVALUE, "printer-supply value %zu: index %d twice",
                            i + 1, (int)s->s.index);
        if (d != NULL && i < d->n)
            ipp_text_copy(s->description, sizeof(s->description), d->v[i].s);
        else
            ipp_text_copy(s->description, sizeof(s->description),
                          prt_enum_name(&prt_tc_PrtMarkerSuppliesTypeTC, s->s.type));
        s->colorant = colorant_of(v, s->s.colorant);
        v->n_supply++;
    }
    return PDIPP_OK;
}

static const char *nth(const struct ipp_attr *a, size_t i)
{
    return a != NULL && i < a->n ? a->v[i].s : NULL;
}

static int supplies_cups(struct ipp_view *v, const struct ipp_attrs *as, char *err, size_t errlen)
{
    const struct ipp_attr *names = ipp_attrs_get(as, "marker-names");
    const struct ipp_attr *levels = ipp_attrs_get(as, "marker-levels");
    const struct ipp_attr *types = ipp_attrs_get(as, "marker-types");
    const struct ipp_attr *colors = ipp_attrs_get(as, "marker-colors");
    const struct ipp_attr *lows = ipp_attrs_get(as, "marker-low-levels");

    if (names == NULL)
        return PDIPP_OK;
    for (size_t i = 0; i < names->n; i++) {
        struct ipp_view_supply *s;
        long lv = -2, low = 0;

        if (v->n_supply == PDIPP_MAX_SUPPLIES)
            return fail(err, errlen, PDIPP_ETOOMANY, "more than %d markers", PDIPP_MAX_SUPPLIES);
        if (nth(levels, i) != NULL && (!to_int(nth(levels, i), &lv) || lv < -3 || lv > 100))
            return fail(err, errlen, PDIPP_EVALUE, "marker-levels value %zu is not -3..100", i + 1);
        if (nth(lows, i) != NULL && (!to_int(nth(lows, i), &low) || low < 0 || low > 100))
            return fail(err, errlen, PDIPP_EVALUE, "marker-low-levels value %zu is not 0..100",
                        i + 1);
        s = &v->supply[v->n_supply];
        memset(s, 0, sizeof(*s));
        s->s.index = (int32_t)i + 1;
        s->s.type = supply_type(nth(types, i));
        s->s.supply_class = nth(types, i) != NULL && strncmp(nth(types, i), "waste-", 6) == 0
                                ? PrtMarkerSuppliesClassTC_receptacleThatIsFilled
                                : PrtMarkerSuppliesClassTC_supplyThatIsConsumed;
        s->s.unit = PrtMarkerSuppliesSupplyUnitTC_percent;
        s->s.max = 100;
        /* CUPS: -1 unavailable, -2 unknown, -3 unknown but not empty; a waste
         * box's level is how full it is, the MIB's the space left. */
        if (lv >= 0)
            s->s.level = s->s.supply_class == PrtMarkerSuppliesClassTC_receptacleThatIsFilled
                             ? (int32_t)(100 - lv)
                             : (int32_t)lv;
        else
            s->s.level = lv == -3 ? -3 : -2;
        s->low =
            s->s.supply_class == PrtMarkerSuppliesClassTC_supplyThatIsConsumed ? (int32_t)low : 0;
        ipp_text_copy(s->description, sizeof(s->description), names->v[i].s);
        s->colorant = colorant_of(v, color_name(nth(colors, i)));
        v->n_supply++;
    }
    return PDIPP_OK;
}

/* Percent of a supply's capacity, or -1 when not known. */
static int32_t pct(const struct ipp_supply *s)
{
    if (s->max <= 0 || s->level < 0)
        return -1;
    return (int32_t)((int64_t)s->level * 100 / s->max);
}

/* Does a supply row already show the condition (so the model derives it)? */
static bool supply_shows(const struct ipp_view *v, enum action act)
{
    for (size_t i = 0; i < v->n_supply; i++) {
        const struct ipp_view_supply *s = &v->supply[i];
        int32_t p = pct(&s->s), low = s->low > 0 ? s->low : PDIPP_TONER_LOW;
        bool consumed = s->s.supply_class != PrtMarkerSuppliesClassTC_receptacleThatIsFilled;

        if (p < 0)
            continue;
        if (consumed && act == A_SUPPLY_LOW && p <= low)
            return true;
        if (consumed && act == A_SUPPLY_EMPTY && s->s.level == 0)
            return true;
        if (!consumed && act == A_WASTE_ALMOST_FULL && p <= low)
            return true;
        if (!consumed && act == A_WASTE_FULL && s->s.level == 0)
            return true;
    }
    return false;
}

static int32_t first_supply(const struct ipp_view *v, bool consumed)
{
    for (size_t i = 0; i < v->n_supply; i++)
        if ((v->supply[i].s.supply_class != PrtMarkerSuppliesClassTC_receptacleThatIsFilled) ==
            consumed)
            return v->supply[i].s.index;
    return -1;
}

/* ---- trays */

static int trays(struct ipp_view *v, const struct ipp_attrs *as, bool input, char *err,
                 size_t errlen)
{
    const char *attr = input ? "printer-input-tray" : "printer-output-tray";
    const struct ipp_attr *a = ipp_attrs_get(as, attr);
    struct ipp_tray *t = input ? v->in : v->out;
    size_t *n = input ? &v->n_in : &v->n_out;
    char why[200];

    *n = 0;
    if (a != NULL)
        for (size_t i = 0; i < a->n; i++) {
            int r;
            if (*n == PDIPP_MAX_TRAYS)
                return fail(err, errlen, PDIPP_ETOOMANY, "more than %d %s values", PDIPP_MAX_TRAYS,
                            attr);
            r = input ? ipp_input_tray_parse(a->v[i].s, a->v[i].len, &t[*n], why, sizeof(why))
                      : ipp_output_tray_parse(a->v[i].s, a->v[i].len, &t[*n], why, sizeof(why));
            if (r != PDIPP_OK)
                return fail(err, errlen, r, "%s value %zu: %s", attr, i + 1, why);
            /* "auto" is the media-source that lets the printer choose
             * (ippeveprinter lists it first): not a tray. */
            if (input && strcmp(t[*n].name, "auto") == 0)
                continue;
            (*n)++;
        }
    if (*n == 0) {
        memset(&t[0], 0, sizeof(t[0]));
        t[0].type = input ? PrtInputTypeTC_other : PrtOutputTypeTC_other;
        t[0].unit = PrtCapacityUnitTC_sheets;
        t[0].max = -2;
        t[0].level = -3; /* some left / room left: nothing to report */
        t[0].feed = t[0].xfeed = -2;
        t[0].weight = -2;
        t[0].stacking = PrtOutputStackingOrderTC_unknown;
        t[0].delivery = PrtOutputPageDeliveryOrientationTC_faceDown;
        snprintf(t[0].name, sizeof(t[0].name), "%s", input ? "Input" : "Output");
        *n = 1;
        if (input)
            v->in_synthetic = true;
        else
            v->out_synthetic = true;
    }
    return PDIPP_OK;
}

/* media-col-ready: the media loaded in each input tray (its media-source
 * is the tray's name; a printer that names no trays has one synthetic tray,
 * which takes the media when exactly one is ready).  What the tray's own
 * printer-input-tray value says wins; the size goes into the declared
 * dimensions (micrometers, the profile's default dimUnit) only when the
 * tray gives none: y-dimension (the length) in the feed direction, as a
 * sheet is fed short edge first. */
static int media_ready(struct ipp_view *v, const struct ipp_attrs *as, char *err, size_t errlen)
{
    const struct ipp_attr *a = ipp_attrs_get(as, "media-col-ready");
    char why[200];

    if (a == NULL)
        return PDIPP_OK;
    for (size_t i = 0; i < a->n; i++) {
        struct ipp_media m;
        struct ipp_tray *t = NULL;
        int r = ipp_media_col_parse(a->v[i].s, a->v[i].len, &m, why, sizeof(why));

        if (r != PDIPP_OK)
            return fail(err, errlen, r, "media-col-ready value %zu: %s", i + 1, why);
        if (v->in_synthetic)
            t = a->n == 1 ? &v->in[0] : NULL;
        else
            for (size_t j = 0; j < v->n_in && t == NULL; j++)
                if (m.source[0] && strcmp(v->in[j].name, m.source) == 0)
                    t = &v->in[j];
        if (t == NULL)
            continue;
        if (t->media[0] == '\0')
            memcpy(t->media, m.name, sizeof(t->media));
        if (t->media_type[0] == '\0')
            memcpy(t->media_type, m.type, sizeof(t->media_type));
        if (t->media_color[0] == '\0')
            memcpy(t->media_color, m.color, sizeof(t->media_color));
        if (t->weight < 0)
            t->weight = m.weight;
        if (t->feed <= 0 && t->xfeed <= 0 && m.x > 0 && m.y > 0 && m.x <= INT32_MAX / 10 &&
            m.y <= INT32_MAX / 10) {
            t->feed = m.y * 10;
            t->xfeed = m.x * 10;
        }
    }
    return PDIPP_OK;
}

/* ---- alerts the rows cannot express */

static void want_raise(struct ipp_view *v, const char *keyword, int32_t severity, int32_t code,
                       int32_t group, int32_t group_index, const char *text)
{
    uint64_t key = PDIPP_KEY_BASE | fnv1a(keyword);
    struct ipp_raise *r;

    for (size_t i = 0; i < v->n_raise; i++)
        if (v->raise[i].key == key)
            return;
    if (v->n_raise == PDIPP_MAX_RAISE)
        return;
    r = &v->raise[v->n_raise++];
    r->key = key;
    r->severity = severity;
    r->code = code;
    r->group = group;
    r->group_index = group == PrtAlertGroupTC_generalPrinter ? -1 : group_index;
    ipp_text_copy(r->text, sizeof(r->text), text);
}

static void apply_reason(struct ipp_view *v, const char *value, bool *critical)
{
    char base[128];
    size_t n = strlen(value);
    int32_t sev = 0; /* 0: the reason's own severity */
    const struct reason *r = NULL;

    if (n >= sizeof(base))
        return;
    memcpy(base, value, n + 1);
    if (n > 6 && strcmp(base + n - 6, "-error") == 0) {
        base[n - 6] = '\0';
        sev = CRIT;
    } else if (n > 8 && strcmp(base + n - 8, "-warning") == 0) {
        base[n - 8] = '\0';
        sev = WARN;
    } else if (n > 7 && strcmp(base + n - 7, "-report") == 0) {
        return;
    }
    for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
        if (strcmp(reasons[i].keyword, base) == 0)
            r = &reasons[i];
    if (r == NULL) {
        /* Unknown (vendor, cups-...) reasons count only with a suffix. */
        if (sev != 0)
            want_raise(v, base, sev, PrtAlertCodeTC_other, PrtAlertGroupTC_generalPrinter, -1,
                       base);
        if (sev == CRIT)
            *critical = true;
        return;
    }
    if (sev == 0)
        sev = r->severity;
    switch (r->action) {
    case A_IGNORE:
        return;
    case A_MEDIA_EMPTY: {
        bool shown = false;
        for (size_t i = 0; i < v->n_in; i++)
            shown |= v->in[i].level == 0 && v->in[i].type != PrtInputTypeTC_sheetFeedManual;
        for (size_t i = 0; !shown && i < v->n_in; i++)
            if (v->in[i].type != PrtInputTypeTC_sheetFeedManual) {
                v->in[i].level = 0;
                shown = true;
            }
        *critical = true;
        return;
    }
    case A_JAM:
        v->jammed = true;
        *critical = true;
        return;
    case A_COVER:
        v->cover_open = true;
        *critical = true;
        return;
    case A_DOOR:
        v->door_open = true;
        *critical = true;
        return;
    case A_INTERLOCK:
        v->interlock_open = true;
        *critical = true;
        return;
    case A_OUT_FULL:
        v->out_full = true;
        *critical = true;
        return;
    case A_OUT_MISSING:
        v->out_missing = true;
        *critical = true;
        return;
    case A_IN_MISSING:
        v->in_missing = true;
        *critical = true;
        return;
    case A_OFFLINE:
        v->engine = "offline";
        return;
    case A_MOVING_OFFLINE:
        if (strcmp(v->engine, "offline") != 0)
            v->engine = "moving-offline";
        return;
    case A_SUPPLY_LOW:
    case A_SUPPLY_EMPTY:
    case A_WASTE_ALMOST_FULL:
    case A_WASTE_FULL:
        if (supply_shows(v, r->action))
            return;
        want_raise(v, base, sev, r->code, r->group,
                   first_supply(v, r->action == A_SUPPLY_LOW || r->action == A_SUPPLY_EMPTY),
                   r->text);
        break;
    case A_MEDIA_LOW:
        want_raise(v, base, sev, r->code, r->group, 1, r->text);
        break;
    case A_OUT_ALMOST_FULL:
        want_raise(v, base, sev, r->code, r->group, 1, r->text);
        break;
    case A_RAISE:
        want_raise(v, base, sev, r->code, r->group,
                   r->group == PrtAlertGroupTC_markerSupplies ? first_supply(v, true) : 1, r->text);
        break;
    }
    if (sev == CRIT)
        *critical = true;
}

/* PWG 5100.9 printer-alert rows for what no other attribute says: covers,
 * trays, supplies and jams come from their rows and reasons. */
static int printer_alerts(struct ipp_view *v, const struct ipp_attrs *as, bool *critical, char *err,
                          size_t errlen)
{
    const struct ipp_attr *a = ipp_attrs_get(as, "printer-alert");
    const struct ipp_attr *d = ipp_attrs_get(as, "printer-alert-description");
    char why[200], key[96];

    if (a == NULL)
        return PDIPP_OK;
    for (size_t i = 0; i < a->n; i++) {
        struct ipp_alert al;
        const char *cn;
        int r = ipp_alert_parse(a->v[i].s, a->v[i].len, &al, why, sizeof(why));

        if (r != PDIPP_OK)
            return fail(err, errlen, r, "printer-alert value %zu: %s", i + 1, why);
        switch (al.group) {
        case PrtAlertGroupTC_cover:
        case PrtAlertGroupTC_input:
        case PrtAlertGroupTC_output:
        case PrtAlertGroupTC_markerSupplies:
        case PrtAlertGroupTC_mediaPath:
            continue;
        default:
            break;
        }
        if (al.code == PrtAlertCodeTC_jam || al.code == PrtAlertCodeTC_coverOpen ||
            al.code == PrtAlertCodeTC_doorOpen || al.code == PrtAlertCodeTC_interlockOpen ||
            al.code == PrtAlertCodeTC_alertRemovalOfBinaryChangeEntry ||
            al.severity == PrtAlertSeverityLevelTC_other)
            continue;
        cn = prt_enum_name(&prt_tc_PrtAlertCodeTC, al.code);
        snprintf(key, sizeof(key), "printer-alert:%d:%d:%d", (int)al.code, (int)al.group,
                 (int)al.group_index);
        want_raise(v, key, al.severity == PrtAlertSeverityLevelTC_critical ? CRIT : WARN, al.code,
                   al.group, al.group_index, d != NULL && i < d->n ? d->v[i].s : cn);
        if (al.severity == PrtAlertSeverityLevelTC_critical)
            *critical = true;
    }
    return PDIPP_OK;
}

static void interpreters(struct ipp_view *v, const struct ipp_attrs *as)
{
    static const struct {
        const char *mime;
        int32_t family;
    } fam[] = {{"application/pdf", PrtInterpreterLangFamilyTC_langPDF},
               {"application/postscript", PrtInterpreterLangFamilyTC_langPS},
               {"application/vnd.hp-pcl", PrtInterpreterLangFamilyTC_langPCL},
               {"application/vnd.hp-pclxl", PrtInterpreterLangFamilyTC_langPCLXL}};
    const struct ipp_attr *a = ipp_attrs_get(as, "document-format-supported");

    v->n_interp = 0;
    for (size_t f = 0; f < sizeof(fam) / sizeof(fam[0]); f++)
        for (size_t i = 0; a != NULL && i < a->n; i++)
            if (strcmp(a->v[i].s, fam[f].mime) == 0 && v->n_interp < PDIPP_MAX_INTERP) {
                v->interp[v->n_interp++] = fam[f].family;
                break;
            }
    if (v->n_interp == 0)
        v->interp[v->n_interp++] = PrtInterpreterLangFamilyTC_other;
}

int ipp_view_build(const struct ipp_attrs *as, struct ipp_view *v, char *err, size_t errlen)
{
    const struct ipp_attr *a, *sides;
    const char *state = ipp_attrs_str(as, "printer-state");
    bool critical = false;
    int r;

    memset(v, 0, sizeof(*v));
    ipp_text_copy(v->printer_name, sizeof(v->printer_name), ipp_attrs_str(as, "printer-name"));
    ipp_text_copy(v->make_model, sizeof(v->make_model),
                  ipp_attrs_str(as, "printer-make-and-model"));
    ipp_text_copy(v->info, sizeof(v->info), ipp_attrs_str(as, "printer-info"));
    ipp_text_copy(v->location, sizeof(v->location), ipp_attrs_str(as, "printer-location"));
    ipp_text_copy(v->device_id, sizeof(v->device_id), ipp_attrs_str(as, "printer-device-id"));
    ipp_text_copy(v->uuid, sizeof(v->uuid), ipp_attrs_str(as, "printer-uuid"));
    ipp_text_copy(v->uri, sizeof(v->uri), ipp_attrs_str(as, "printer-uri-supported"));
    ipp_text_copy(v->serial, sizeof(v->serial), ipp_attrs_str(as, "printer-serial-number"));

    /* cupsd synthesises printer-supply from marker-* (colorantname=#RRGGBB,
     * no thresholds): a queue's marker-* attributes are the better source. */
    a = ipp_attrs_get(as, "printer-supply");
    r = a != NULL && ipp_attrs_get(as, "marker-names") == NULL ? supplies_pwg(v, a, as, err, errlen)
                                                               : supplies_cups(v, as, err, errlen);
    if (r != PDIPP_OK)
        return r;
    if ((r = trays(v, as, true, err, errlen)) != PDIPP_OK ||
        (r = trays(v, as, false, err, errlen)) != PDIPP_OK ||
        (r = media_ready(v, as, err, errlen)) != PDIPP_OK)
        return r;
    interpreters(v, as);
    sides = ipp_attrs_get(as, "sides-supported");
    for (size_t i = 0; sides != NULL && i < sides->n; i++)
        v->duplex |= strcmp(sides->v[i].s, "two-sided-long-edge") == 0;

    /* RFC 8011 section 5.4.11: idle(3), processing(4), stopped(5) */
    if (state == NULL)
        v->engine = "unknown";
    else if (strcmp(state, "idle") == 0 || strcmp(state, "3") == 0)
        v->engine = "idle";
    else if (strcmp(state, "processing") == 0 || strcmp(state, "4") == 0)
        v->engine = "printing";
    else if (strcmp(state, "stopped") == 0 || strcmp(state, "5") == 0)
        v->engine = "idle";
    else
        return fail(err, errlen, PDIPP_EVALUE, "printer-state is not idle, processing or stopped");

    {
        const char *imp = ipp_attrs_str(as, "printer-impressions-completed");
        long n;
        v->impressions = imp != NULL && to_int(imp, &n) && n >= 0 ? n : -1;
    }

    a = ipp_attrs_get(as, "printer-state-reasons");
    for (size_t i = 0; a != NULL && i < a->n; i++)
        apply_reason(v, a->v[i].s, &critical);
    if ((r = printer_alerts(v, as, &critical, err, errlen)) != PDIPP_OK)
        return r;
    /* stopped with nothing that explains it: the printer is not printing */
    if (state != NULL && (strcmp(state, "stopped") == 0 || strcmp(state, "5") == 0) && !critical &&
        strcmp(v->engine, "idle") == 0)
        v->engine = "offline";
    return PDIPP_OK;
}

void ipp_view_unreachable(struct ipp_view *v, const char *why)
{
    char text[128];

    v->engine = "unavailable";
    v->n_raise = 0;
    snprintf(text, sizeof(text), "Printer not reachable: %s", why != NULL ? why : "no answer");
    want_raise(v, "printdev-ipp-unreachable", CRIT, PrtAlertCodeTC_other,
               PrtAlertGroupTC_generalPrinter, -1, text);
}
