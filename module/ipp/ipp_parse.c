/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_parse.c: the PWG octet-string rows (printer-supply,
 * printer-input-tray, printer-output-tray: PWG 5100.13 section 6.5;
 * printer-alert: PWG 5100.9 section 5.1) and the attribute-set container.
 *
 * The rows are "key=value;" lists whose keys are the RFC 3805 column names
 * in lower case and whose enumerated values are the MIB labels
 * (supplyThatIsConsumed, sheetFeedAutoRemovableTray, ...) or their
 * numbers; a backslash makes the next octet literal.  Strict: a key
 * without '=', a control octet, a repeated key, a number out of its
 * column's range or an unknown label is an error; keys this file does
 * not know are skipped (printers add vendor keys).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ipp_parse.h"
#include "prt_enums.h"

#define KV_MAX 32

struct kv {
    char key[32];
    char val[PDIPP_TEXT_MAX];
    bool used;
};

struct kvlist {
    struct kv kv[KV_MAX];
    size_t n;
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

/* Copies src into dst (at most cap - 1 octets) with control octets shown as '?'. */
static void shown(char *dst, size_t cap, const char *src)
{
    size_t i;

    for (i = 0; i + 1 < cap && src[i] != '\0'; i++)
        dst[i] = ((unsigned char)src[i] < 0x20 || src[i] == 0x7f) ? '?' : src[i];
    dst[i] = '\0';
}

static int kv_split(const char *s, size_t len, struct kvlist *l, char *err, size_t errlen)
{
    size_t i = 0;

    l->n = 0;
    if (len == 0)
        return fail(err, errlen, PDIPP_ESYNTAX, "empty value");
    while (i < len) {
        struct kv *kv;
        size_t k = 0, v = 0;

        if (l->n == KV_MAX)
            return fail(err, errlen, PDIPP_ETOOMANY, "more than %d keys", KV_MAX);
        kv = &l->kv[l->n];
        while (i < len && s[i] != '=' && s[i] != ';') {
            unsigned char c = (unsigned char)s[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_'))
                return fail(err, errlen, PDIPP_ESYNTAX, "octet 0x%02x in a key at offset %zu", c,
                            i);
            if (k + 1 >= sizeof(kv->key))
                return fail(err, errlen, PDIPP_ESYNTAX, "key longer than %zu octets at offset %zu",
                            sizeof(kv->key) - 1, i);
            kv->key[k++] = (char)c;
            i++;
        }
        kv->key[k] = '\0';
        if (k == 0)
            return fail(err, errlen, PDIPP_ESYNTAX, "empty key at offset %zu", i);
        if (i == len || s[i] != '=')
            return fail(err, errlen, PDIPP_ESYNTAX, "key '%s' has no '='", kv->key);
        i++;
        while (i < len && s[i] != ';') {
            unsigned char c = (unsigned char)s[i];
            if (c == '\\') {
                if (++i == len)
                    return fail(err, errlen, PDIPP_ESYNTAX, "value of '%s' ends with a backslash",
                                kv->key);
                c = (unsigned char)s[i];
            }
            if (c < 0x20 || c == 0x7f)
                return fail(err, errlen, PDIPP_ESYNTAX, "control octet 0x%02x in the value of '%s'",
                            c, kv->key);
            if (v + 1 >= sizeof(kv->val))
                return fail(err, errlen, PDIPP_EVALUE, "value of '%s' longer than %zu octets",
                            kv->key, sizeof(kv->val) - 1);
            kv->val[v++] = (char)c;
            i++;
        }
        kv->val[v] = '\0';
        if (i < len)
            i++; /* the ';' */
        for (size_t j = 0; j < l->n; j++)
            if (strcmp(l->kv[j].key, kv->key) == 0)
                return fail(err, errlen, PDIPP_ESYNTAX, "key '%s' given twice", kv->key);
        kv->used = false;
        l->n++;
    }
    return PDIPP_OK;
}

static const char *kv_get(struct kvlist *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->kv[i].key, key) == 0) {
            l->kv[i].used = true;
            return l->kv[i].val;
        }
    return NULL;
}

/* A decimal integer in [lo, hi]; absent keys keep *out. */
static int kv_int(struct kvlist *l, const char *key, int32_t lo, int32_t hi, int32_t *out,
                  char *err, size_t errlen)
{
    const char *v = kv_get(l, key);
    char *end;
    long long n;
    char tmp[40];

    if (v == NULL)
        return PDIPP_OK;
    errno = 0;
    n = strtoll(v, &end, 10);
    if (*v == '\0' || *end != '\0' || errno != 0 || (*v != '-' && (*v < '0' || *v > '9'))) {
        shown(tmp, sizeof(tmp), v);
        return fail(err, errlen, PDIPP_EVALUE, "%s '%s' is not a number", key, tmp);
    }
    if (n < lo || n > hi)
        return fail(err, errlen, PDIPP_EVALUE, "%s %lld out of range %d..%d", key, n, (int)lo,
                    (int)hi);
    *out = (int32_t)n;
    return PDIPP_OK;
}

/* A MIB label (or its number) of tc; absent keys keep *out. */
static int kv_enum(struct kvlist *l, const char *key, const struct prt_enum *tc, int32_t *out,
                   char *err, size_t errlen)
{
    const char *v = kv_get(l, key);
    int n;
    char tmp[64];

    if (v == NULL)
        return PDIPP_OK;
    if (prt_enum_value(tc, v, &n) != 0) {
        shown(tmp, sizeof(tmp), v);
        return fail(err, errlen, PDIPP_EVALUE, "%s '%s' is not a %s", key, tmp, tc->tc);
    }
    *out = n;
    return PDIPP_OK;
}

static int kv_text(struct kvlist *l, const char *key, char *out, size_t cap, char *err,
                   size_t errlen)
{
    const char *v = kv_get(l, key);

    if (v == NULL)
        return PDIPP_OK;
    if (strlen(v) >= cap)
        return fail(err, errlen, PDIPP_EVALUE, "%s longer than %zu octets", key, cap - 1);
    strcpy(out, v);
    return PDIPP_OK;
}

#define TRY(x)                                                                                     \
    do {                                                                                           \
        int r_ = (x);                                                                              \
        if (r_ != PDIPP_OK)                                                                        \
            return r_;                                                                             \
    } while (0)

int ipp_supply_parse(const char *s, size_t len, struct ipp_supply *out, char *err, size_t errlen)
{
    struct kvlist l;
    struct ipp_supply su = {.index = 0,
                            .supply_class = PrtMarkerSuppliesClassTC_supplyThatIsConsumed,
                            .type = PrtMarkerSuppliesTypeTC_unknown,
                            .unit = PrtMarkerSuppliesSupplyUnitTC_percent,
                            .max = -2,
                            .level = -2};

    TRY(kv_split(s, len, &l, err, errlen));
    TRY(kv_int(&l, "index", 1, 65535, &su.index, err, errlen));
    TRY(kv_enum(&l, "class", &prt_tc_PrtMarkerSuppliesClassTC, &su.supply_class, err, errlen));
    TRY(kv_enum(&l, "type", &prt_tc_PrtMarkerSuppliesTypeTC, &su.type, err, errlen));
    TRY(kv_enum(&l, "unit", &prt_tc_PrtMarkerSuppliesSupplyUnitTC, &su.unit, err, errlen));
    TRY(kv_int(&l, "maxcapacity", -2, INT32_MAX, &su.max, err, errlen));
    TRY(kv_int(&l, "level", -3, INT32_MAX, &su.level, err, errlen));
    TRY(kv_text(&l, "colorantname", su.colorant, sizeof(su.colorant), err, errlen));
    if (kv_get(&l, "type") == NULL)
        return fail(err, errlen, PDIPP_EMISSING, "no type");
    if (su.max >= 0 && su.level > su.max)
        return fail(err, errlen, PDIPP_EVALUE, "level %d above maxcapacity %d", (int)su.level,
                    (int)su.max);
    *out = su;
    return PDIPP_OK;
}

static int tray_common(struct kvlist *l, struct ipp_tray *t, const char *level_key, char *err,
                       size_t errlen)
{
    TRY(kv_enum(l, "unit", &prt_tc_PrtCapacityUnitTC, &t->unit, err, errlen));
    TRY(kv_int(l, "maxcapacity", -2, INT32_MAX, &t->max, err, errlen));
    TRY(kv_int(l, level_key, -3, INT32_MAX, &t->level, err, errlen));
    TRY(kv_int(l, "status", 0, 126, &t->status, err, errlen));
    TRY(kv_text(l, "name", t->name, sizeof(t->name), err, errlen));
    if (kv_get(l, "type") == NULL)
        return fail(err, errlen, PDIPP_EMISSING, "no type");
    if (t->max >= 0 && t->level > t->max)
        return fail(err, errlen, PDIPP_EVALUE, "%s %d above maxcapacity %d", level_key,
                    (int)t->level, (int)t->max);
    return PDIPP_OK;
}

static void tray_init(struct ipp_tray *t)
{
    memset(t, 0, sizeof(*t));
    t->type = 1; /* other, in both TCs */
    t->unit = PrtCapacityUnitTC_sheets;
    t->max = -2;
    t->level = -2;
    t->feed = -2;
    t->xfeed = -2;
    t->weight = -2;
    t->stacking = PrtOutputStackingOrderTC_unknown;
    t->delivery = PrtOutputPageDeliveryOrientationTC_faceDown;
}

int ipp_input_tray_parse(const char *s, size_t len, struct ipp_tray *out, char *err, size_t errlen)
{
    struct kvlist l;
    struct ipp_tray t;

    tray_init(&t);
    TRY(kv_split(s, len, &l, err, errlen));
    TRY(kv_enum(&l, "type", &prt_tc_PrtInputTypeTC, &t.type, err, errlen));
    TRY(kv_int(&l, "mediafeed", -2, INT32_MAX, &t.feed, err, errlen));
    TRY(kv_int(&l, "mediaxfeed", -2, INT32_MAX, &t.xfeed, err, errlen));
    TRY(kv_text(&l, "medianame", t.media, sizeof(t.media), err, errlen));
    TRY(tray_common(&l, &t, "level", err, errlen));
    *out = t;
    return PDIPP_OK;
}

int ipp_output_tray_parse(const char *s, size_t len, struct ipp_tray *out, char *err, size_t errlen)
{
    struct kvlist l;
    struct ipp_tray t;

    tray_init(&t);
    TRY(kv_split(s, len, &l, err, errlen));
    TRY(kv_enum(&l, "type", &prt_tc_PrtOutputTypeTC, &t.type, err, errlen));
    TRY(kv_enum(&l, "stackingorder", &prt_tc_PrtOutputStackingOrderTC, &t.stacking, err, errlen));
    TRY(kv_enum(&l, "pagedelivery", &prt_tc_PrtOutputPageDeliveryOrientationTC, &t.delivery, err,
                errlen));
    TRY(tray_common(&l, &t, "remaining", err, errlen));
    *out = t;
    return PDIPP_OK;
}

int ipp_alert_parse(const char *s, size_t len, struct ipp_alert *out, char *err, size_t errlen)
{
    struct kvlist l;
    struct ipp_alert a = {.code = 0,
                          .index = 0,
                          .severity = 0,
                          .training = PrtAlertTrainingLevelTC_unknown,
                          .group = PrtAlertGroupTC_other,
                          .group_index = -1,
                          .location = -2};

    TRY(kv_split(s, len, &l, err, errlen));
    TRY(kv_enum(&l, "code", &prt_tc_PrtAlertCodeTC, &a.code, err, errlen));
    TRY(kv_int(&l, "index", 1, INT32_MAX, &a.index, err, errlen));
    TRY(kv_enum(&l, "severity", &prt_tc_PrtAlertSeverityLevelTC, &a.severity, err, errlen));
    TRY(kv_enum(&l, "training", &prt_tc_PrtAlertTrainingLevelTC, &a.training, err, errlen));
    TRY(kv_enum(&l, "group", &prt_tc_PrtAlertGroupTC, &a.group, err, errlen));
    TRY(kv_int(&l, "groupindex", -1, INT32_MAX, &a.group_index, err, errlen));
    TRY(kv_int(&l, "location", -2, INT32_MAX, &a.location, err, errlen));
    if (a.code == 0)
        return fail(err, errlen, PDIPP_EMISSING, "no code");
    if (a.severity == 0)
        return fail(err, errlen, PDIPP_EMISSING, "no severity");
    *out = a;
    return PDIPP_OK;
}

/* ---- attribute sets */

/* ---- media-col-ready */

/* The end of the value that starts at s[i] (a {...} collection with its
 * nesting, or up to the next blank), or -1 for an unbalanced brace. */
static long col_value_end(const char *s, size_t len, size_t i)
{
    int depth = 0;

    if (i < len && s[i] != '{') {
        while (i < len && s[i] != ' ')
            i++;
        return (long)i;
    }
    for (; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len)
            i++;
        else if (s[i] == '{')
            depth++;
        else if (s[i] == '}' && --depth == 0)
            return (long)i + 1;
    }
    return -1;
}

static bool name_is(const char *name, size_t nlen, const char *want)
{
    return nlen == strlen(want) && memcmp(name, want, nlen) == 0;
}

/* Calls member(name, value) for each name=value of the collection s..len
 * (braces included); 0, or PDIPP_ESYNTAX. */
static int col_members(const char *s, size_t len, int depth,
                       void (*member)(void *arg, int depth, const char *name, size_t nlen,
                                      const char *v, size_t vlen),
                       void *arg)
{
    size_t i = 1;

    if (len < 2 || s[0] != '{' || s[len - 1] != '}' || depth > 4)
        return PDIPP_ESYNTAX;
    len--; /* the closing brace */
    while (i < len) {
        size_t name = i, eq;
        long end;

        while (i < len && s[i] != '=' && s[i] != ' ' && s[i] != '{' && s[i] != '}')
            i++;
        if (i >= len || s[i] != '=') {
            /* a word of a text value with blanks: skipped */
            if (i < len && (s[i] == '{' || s[i] == '}'))
                return PDIPP_ESYNTAX;
            i++;
            continue;
        }
        eq = i++;
        end = col_value_end(s, len, i);
        if (end < 0)
            return PDIPP_ESYNTAX;
        if (eq > name)
            member(arg, depth, s + name, eq - name, s + i, (size_t)end - i);
        /* the one nested collection printdev reads */
        if (s[i] == '{' && name_is(s + name, eq - name, "media-size") &&
            col_members(s + i, (size_t)end - i, depth + 1, member, arg) != 0)
            return PDIPP_ESYNTAX;
        i = (size_t)end;
        while (i < len && s[i] == ' ')
            i++;
    }
    return PDIPP_OK;
}

struct media_parse {
    struct ipp_media *m;
    char key[PDIPP_NAME_MAX];
    bool bad;
    char why[120];
};

/* A keyword or name value into out ("" when it does not fit or has
 * octets a MIB string should not carry). */
static void col_text(char *out, size_t cap, const char *v, size_t vlen)
{
    out[0] = '\0';
    if (vlen == 0 || vlen >= cap || v[0] == '{')
        return;
    for (size_t i = 0; i < vlen; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f || v[i] == '\\' || v[i] == '"')
            return;
    memcpy(out, v, vlen);
    out[vlen] = '\0';
}

static void col_int(struct media_parse *mp, const char *what, int32_t lo, int32_t *out,
                    const char *v, size_t vlen)
{
    char buf[16];
    char *end;
    long n;

    if (vlen == 0 || vlen >= sizeof(buf)) {
        mp->bad = true;
        snprintf(mp->why, sizeof(mp->why), "%s: not a number", what);
        return;
    }
    memcpy(buf, v, vlen);
    buf[vlen] = '\0';
    n = strtol(buf, &end, 10);
    if (*end != '\0' || n < lo || n > INT32_MAX) {
        mp->bad = true;
        shown(buf, sizeof(buf), buf);
        snprintf(mp->why, sizeof(mp->why), "%s: bad value '%s'", what, buf);
        return;
    }
    *out = (int32_t)n;
}

static void media_member(void *arg, int depth, const char *name, size_t nlen, const char *v,
                         size_t vlen)
{
    struct media_parse *mp = arg;
    struct ipp_media *m = mp->m;

    if (depth == 1 && name_is(name, nlen, "x-dimension"))
        col_int(mp, "x-dimension", 0, &m->x, v, vlen);
    else if (depth == 1 && name_is(name, nlen, "y-dimension"))
        col_int(mp, "y-dimension", 0, &m->y, v, vlen);
    else if (depth != 0)
        return;
    else if (name_is(name, nlen, "media-source"))
        col_text(m->source, sizeof(m->source), v, vlen);
    else if (name_is(name, nlen, "media-size-name"))
        col_text(m->name, sizeof(m->name), v, vlen);
    else if (name_is(name, nlen, "media-key"))
        col_text(mp->key, sizeof(mp->key), v, vlen);
    else if (name_is(name, nlen, "media-type"))
        col_text(m->type, sizeof(m->type), v, vlen);
    else if (name_is(name, nlen, "media-color"))
        col_text(m->color, sizeof(m->color), v, vlen);
    else if (name_is(name, nlen, "media-weight-metric"))
        col_int(mp, "media-weight-metric", 0, &m->weight, v, vlen);
}

int ipp_media_col_parse(const char *s, size_t len, struct ipp_media *out, char *err, size_t errlen)
{
    struct ipp_media m;
    struct media_parse mp;

    memset(&m, 0, sizeof(m));
    m.x = m.y = -1;
    m.weight = -2;
    memset(&mp, 0, sizeof(mp));
    mp.m = &m;
    if (memchr(s, '\0', len) != NULL)
        return fail(err, errlen, PDIPP_ESYNTAX, "a NUL octet in a collection");
    if (col_members(s, len, 0, media_member, &mp) != PDIPP_OK)
        return fail(err, errlen, PDIPP_ESYNTAX, "not a {name=value ...} collection");
    if (mp.bad)
        return fail(err, errlen, PDIPP_EVALUE, "%s", mp.why);
    if (m.name[0] == '\0')
        memcpy(m.name, mp.key, sizeof(m.name));
    *out = m;
    return PDIPP_OK;
}

int ipp_attrs_add(struct ipp_attrs *as, const char *name, const char *value, size_t len)
{
    struct ipp_attr *a = NULL;
    struct ipp_value *nv;
    char *copy;

    for (size_t i = as->n; i-- > 0;)
        if (strcmp(as->a[i].name, name) == 0) {
            a = &as->a[i];
            break;
        }
    if (a == NULL) {
        if (as->n == PDIPP_ATTRS_MAX)
            return PDIPP_ETOOMANY;
        if (as->n == as->cap) {
            size_t cap = as->cap ? as->cap * 2 : 64;
            struct ipp_attr *na = realloc(as->a, cap * sizeof(*na));
            if (na == NULL)
                return PDIPP_ENOMEM;
            as->a = na;
            as->cap = cap;
        }
        a = &as->a[as->n];
        a->name = strdup(name);
        if (a->name == NULL)
            return PDIPP_ENOMEM;
        a->v = NULL;
        a->n = 0;
        as->n++;
    }
    if (a->n == PDIPP_VALUES_MAX)
        return PDIPP_ETOOMANY;
    copy = malloc(len + 1);
    if (copy == NULL)
        return PDIPP_ENOMEM;
    memcpy(copy, value, len);
    copy[len] = '\0';
    nv = realloc(a->v, (a->n + 1) * sizeof(*nv));
    if (nv == NULL) {
        free(copy);
        return PDIPP_ENOMEM;
    }
    a->v = nv;
    a->v[a->n].s = copy;
    a->v[a->n].len = len;
    a->n++;
    return PDIPP_OK;
}

const struct ipp_attr *ipp_attrs_get(const struct ipp_attrs *as, const char *name)
{
    for (size_t i = 0; i < as->n; i++)
        if (strcmp(as->a[i].name, name) == 0)
            return &as->a[i];
    return NULL;
}

const char *ipp_attrs_str(const struct ipp_attrs *as, const char *name)
{
    const struct ipp_attr *a = ipp_attrs_get(as, name);

    return a != NULL && a->n > 0 ? a->v[0].s : NULL;
}

void ipp_attrs_free(struct ipp_attrs *as)
{
    for (size_t i = 0; i < as->n; i++) {
        for (size_t j = 0; j < as->a[i].n; j++)
            free(as->a[i].v[j].s);
        free(as->a[i].v);
        free(as->a[i].name);
    }
    free(as->a);
    memset(as, 0, sizeof(*as));
}

int ipp_attrs_read_ipptool(struct ipp_attrs *as, FILE *f, char *err, size_t errlen)
{
    char line[65536];
    unsigned lineno = 0;
    int count = 0;
    bool in_response = false;

    while (fgets(line, sizeof(line), f) != NULL) {
        char *p = line, *name, *type, *eq, *val;
        size_t n = strlen(line);
        bool multi;

        lineno++;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        while (*p == ' ')
            p++;
        /* Only the response's attributes: those after "status-code = ". */
        if (strncmp(p, "status-code = ", 14) == 0) {
            in_response = true;
            continue;
        }
        if (!in_response || p - line < 8)
            continue;
        name = p;
        type = strstr(p, " (");
        eq = type != NULL ? strstr(type, ") = ") : NULL;
        if (type == NULL || eq == NULL) {
            if (strncmp(p, "EXPECTED:", 9) == 0 || strncmp(p, "GOT:", 4) == 0)
                continue;
            return fail(err, errlen, PDIPP_ESYNTAX, "line %u: not 'name (type) = value'", lineno);
        }
        *type = '\0';
        multi = strncmp(type + 2, "1setOf ", 7) == 0;
        val = eq + 4;
        if (!multi) {
            if (ipp_attrs_add(as, name, val, strlen(val)) != PDIPP_OK)
                return fail(err, errlen, PDIPP_ENOMEM, "line %u: too many values", lineno);
        } else {
            char *start = val;
            int depth = 0;
            for (char *q = val;; q++) {
                /* a collection's members may hold commas themselves */
                if (*q == '{')
                    depth++;
                else if (*q == '}' && depth > 0)
                    depth--;
                if ((*q == ',' && depth == 0) || *q == '\0') {
                    bool end = *q == '\0';
                    *q = '\0';
                    if (ipp_attrs_add(as, name, start, strlen(start)) != PDIPP_OK)
                        return fail(err, errlen, PDIPP_ENOMEM, "line %u: too many values", lineno);
                    if (end)
                        break;
                    start = q + 1;
                }
            }
        }
        count++;
    }
    return count;
}
