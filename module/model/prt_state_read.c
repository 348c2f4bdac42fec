/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state_read.c: reading a state file held in memory
 * (prt_state_load_buffer): the whole file is verified (header, trailer
 * line count and CRC-32), parsed and applied to a scratch copy of the
 * device; only when every line was good are the results copied into the
 * device.
 *
 * Pure C + POSIX: no Net-SNMP headers.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prt_state.h"
#include "prt_state_internal.h"

/* ---- reading ---- */

#define LINE_MAX_LEN 8192

struct deferred {
    unsigned line;
    const struct table *t;
    const struct field *f;
    int64_t index;
    struct prt_value v;
    char str[256];
};

struct loadctx {
    const char *name;
    char *msg;
    size_t msglen;
    unsigned skipped;
    const struct table *skip_t; /* last row reported missing */
    int64_t skip_index;
    struct prt_device *copy; /* scratch device the file is applied to */
    struct prt_alert *alerts;
    size_t n_alerts, cap_alerts;
    struct deferred *deferred; /* SETs refused as inconsistent, retried at the end */
    size_t n_deferred, cap_deferred;
    struct {
        const struct field *f;
        int64_t v;
    } last[4]; /* F_LAST values, written after the replayed SETs */
    size_t n_last;
};

static int fail(struct loadctx *c, unsigned line, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(struct loadctx *c, unsigned line, int err, const char *fmt, ...)
{
    va_list ap;
    int n = 0;

    if (c->msg == NULL || c->msglen == 0)
        return err;
    if (line > 0)
        n = snprintf(c->msg, c->msglen, "%s:%u: ", c->name, line);
    else
        n = snprintf(c->msg, c->msglen, "%s: ", c->name);
    if (n < 0 || (size_t)n >= c->msglen)
        return err;
    va_start(ap, fmt);
    vsnprintf(c->msg + n, c->msglen - (size_t)n, fmt, ap);
    va_end(ap);
    return err;
}

/* Records a skipped entry; the message keeps as many as fit. */
static void skip(struct loadctx *c, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void skip(struct loadctx *c, unsigned line, const char *fmt, ...)
{
    va_list ap;
    size_t used;
    int n;

    c->skipped++;
    if (c->msg == NULL || c->msglen == 0)
        return;
    used = strlen(c->msg);
    if (used + 1 >= c->msglen)
        return;
    n = snprintf(c->msg + used, c->msglen - used, "%s%s:%u: ignored: ", used ? "; " : "", c->name,
                 line);
    if (n < 0 || used + (size_t)n >= c->msglen)
        return;
    used += (size_t)n;
    va_start(ap, fmt);
    vsnprintf(c->msg + used, c->msglen - used, fmt, ap);
    va_end(ap);
}

/* Reads a decimal integer token at *p (after one space). */
static int parse_int(const char **pp, int64_t *v, int is_unsigned)
{
    const char *p = *pp;
    char *end;

    if (*p != ' ')
        return -1;
    p++;
    if (!((*p >= '0' && *p <= '9') || (*p == '-' && !is_unsigned && p[1] >= '0' && p[1] <= '9')))
        return -1;
    errno = 0;
    if (is_unsigned) {
        unsigned long long u = strtoull(p, &end, 10);
        if (errno || u > (unsigned long long)INT64_MAX)
            return -1;
        *v = (int64_t)u;
    } else {
        long long s = strtoll(p, &end, 10);
        if (errno)
            return -1;
        *v = s;
    }
    if (*end != ' ' && *end != '\0')
        return -1;
    *pp = end;
    return 0;
}

static int parse_u64(const char **pp, uint64_t *v)
{
    const char *p = *pp;
    char *end;
    unsigned long long u;

    if (*p != ' ' || !(p[1] >= '0' && p[1] <= '9'))
        return -1;
    errno = 0;
    u = strtoull(p + 1, &end, 10);
    if (errno || (*end != ' ' && *end != '\0'))
        return -1;
    *v = u;
    *pp = end;
    return 0;
}

static const struct table *find_table(const char *key, size_t klen, const struct field **fo)
{
    for (size_t ti = 0; ti < state_n_tables; ti++) {
        const struct table *t = &state_tables[ti];
        size_t tl = strlen(t->name);

        if (klen <= tl + 1 || strncmp(key, t->name, tl) != 0 || key[tl] != '.')
            continue;
        for (size_t fi = 0; fi < t->n_fields; fi++) {
            const char *fk = t->fields[fi].key;
            if (strlen(fk) == klen - tl - 1 && memcmp(fk, key + tl + 1, klen - tl - 1) == 0) {
                *fo = &t->fields[fi];
                return t;
            }
        }
    }
    return NULL;
}

static void store_num(char *base, const struct field *f, int64_t v)
{
    switch (f->kind) {
    case K_I32: {
        int32_t x = (int32_t)v;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    case K_U32: {
        uint32_t x = (uint32_t)v;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    case K_U64: {
        uint64_t x = (uint64_t)v;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    case K_BOOL: {
        bool x = v != 0;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    }
}

static int load_value_line(struct loadctx *c, unsigned line, const char *l, const char *sp)
{
    const struct field *f = NULL;
    const struct table *t = find_table(l, (size_t)(sp - l), &f);
    const char *p = sp;
    int64_t index, num = 0;
    uint64_t u64 = 0;
    char str[256];
    size_t slen = 0;
    char *row;
    int rc;

    if (t == NULL)
        return fail(c, line, -PRT_EINVAL, "unknown key \"%.*s\"", (int)(sp - l), l);
    if (parse_int(&p, &index, 0) < 0 || index < 0 || index > PRT_INDEX_MAX ||
        (t->device_wide && index != 0) || (!t->device_wide && index < 1))
        return fail(c, line, -PRT_EINVAL, "bad index for %s.%s", t->name, f->key);
    switch (f->kind) {
    case K_I32:
        if (parse_int(&p, &num, 0) < 0 || num < f->min || num > f->max)
            return fail(c, line, -PRT_EINVAL, "%s.%s: value out of range", t->name, f->key);
        if (f->en != NULL && prt_enum_name(f->en, (int)num) == NULL)
            return fail(c, line, -PRT_EINVAL, "%s.%s: %" PRId64 " is not a %s value", t->name,
                        f->key, num, f->en->tc);
        break;
    case K_U32:
        if (parse_int(&p, &num, 1) < 0 || num > UINT32_MAX)
            return fail(c, line, -PRT_EINVAL, "%s.%s: value out of range", t->name, f->key);
        break;
    case K_U64:
        if (parse_u64(&p, &u64) < 0)
            return fail(c, line, -PRT_EINVAL, "%s.%s: value out of range", t->name, f->key);
        break;
    case K_BOOL:
        if (strcmp(p, " yes") == 0)
            num = 1;
        else if (strcmp(p, " no") == 0)
            num = 0;
        else
            return fail(c, line, -PRT_EINVAL, "%s.%s: expected yes or no", t->name, f->key);
        p += strlen(p);
        break;
    case K_STR:
        if (*p != ' ')
            return fail(c, line, -PRT_EINVAL, "%s.%s: expected a quoted string", t->name, f->key);
        p++;
        rc = prt_state_unquote(&p, str, f->size < sizeof(str) ? f->size : sizeof(str), &slen);
        if (rc == -PRT_ETOOLONG)
            return fail(c, line, rc, "%s.%s: string longer than %zu octets", t->name, f->key,
                        f->size - 1);
        if (rc < 0)
            return fail(c, line, rc, "%s.%s: malformed string", t->name, f->key);
        break;
    }
    if (*p != '\0')
        return fail(c, line, -PRT_EINVAL, "%s.%s: trailing text", t->name, f->key);

    /* The line is well-formed; from here on problems are the profile's. */
    row = state_tab_row(t, c->copy, index);
    if (row == NULL) {
        /* once per row: the writer groups a row's lines together */
        if (c->skip_t != t || c->skip_index != index)
            skip(c, line, "%s %" PRId64 " is not in the profile", t->name, index);
        c->skip_t = t;
        c->skip_index = index;
        return PRT_OK;
    }
    if (state_row_derived(t, row))
        return PRT_OK; /* the rules set it (files from before the row got its role) */
    if (f->column > 0 && t->table > 0 && prt_column_writable(t->table, f->column) &&
        !(f->flags & F_LAST)) {
        struct prt_value v = {0}, old;
        char oldbuf[256];
        int32_t rowidx = t->device_wide ? c->copy->hr_index : (int32_t)index;

        if (f->kind == K_STR) {
            v.kind = PRT_V_STRING;
            v.s = str;
            v.len = slen;
        } else {
            v.kind = PRT_V_INT;
            v.i = (int32_t)num;
        }
        rc = prt_set_check(c->copy, t->table, rowidx, f->column, &v);
        if (rc == PRT_OK)
            rc = prt_set_apply(c->copy, t->table, rowidx, f->column, &v, &old, oldbuf,
                               sizeof(oldbuf));
        if (rc == -PRT_EINCONSISTENT) {
            /* may fit once the other saved values are in (level vs max):
             * try again after the last line */
            struct deferred *dl;

            if (c->n_deferred == c->cap_deferred) {
                size_t ncap = c->cap_deferred ? c->cap_deferred * 2 : 8;
                struct deferred *nd = realloc(c->deferred, ncap * sizeof(*nd));
                if (nd == NULL)
                    return fail(c, line, -PRT_ENOMEM, "out of memory");
                c->deferred = nd;
                c->cap_deferred = ncap;
            }
            dl = &c->deferred[c->n_deferred++];
            dl->line = line;
            dl->t = t;
            dl->f = f;
            dl->index = index;
            dl->v = v;
            if (f->kind == K_STR)
                memcpy(dl->str, str, slen + 1);
            return PRT_OK;
        }
        if (rc < 0)
            skip(c, line, "%s.%s %" PRId64 ": %s", t->name, f->key, index, prt_strerror(rc));
        return PRT_OK;
    }
    if (!(f->flags & (F_LIVE | F_FEEDTEXT))) {
        skip(c, line, "%s.%s is no longer writable", t->name, f->key);
        return PRT_OK;
    }
    if (f->flags & F_LEVEL) {
        int32_t max = state_get_i32(row, f->max_off);
        if (max >= 0 && num > max) {
            skip(c, line, "%s.%s %" PRId64 ": %" PRId64 " exceeds the capacity %" PRId32, t->name,
                 f->key, index, num, max);
            return PRT_OK;
        }
    }
    if (f->flags & F_LAST) {
        size_t i;

        for (i = 0; i < c->n_last && c->last[i].f != f; i++)
            ;
        if (i == sizeof(c->last) / sizeof(c->last[0]))
            return fail(c, line, -PRT_EINVAL, "internal error: too many deferred fields");
        c->last[i].f = f;
        c->last[i].v = num;
        if (i == c->n_last)
            c->n_last++;
        return PRT_OK;
    }
    if (f->kind == K_STR)
        memcpy(row + f->off, str, slen + 1);
    else if (f->kind == K_U64)
        memcpy(row + f->off, &u64, sizeof(u64));
    else
        store_num(row, f, num);
    return PRT_OK;
}

static int load_alert_line(struct loadctx *c, unsigned line, const char *p)
{
    struct prt_alert a;
    int64_t v[8];
    size_t slen;
    int rc;

    memset(&a, 0, sizeof(a));
    for (int i = 0; i < 8; i++)
        if (parse_int(&p, &v[i], i == 7) < 0)
            return fail(c, line, -PRT_EINVAL, "alert: malformed number in field %d", i + 1);
    if (parse_u64(&p, &a.key) < 0 || parse_u64(&p, &a.seq) < 0 || *p != ' ')
        return fail(c, line, -PRT_EINVAL, "alert: malformed key or sequence");
    p++;
    rc = prt_state_unquote(&p, a.description, sizeof(a.description), &slen);
    if (rc < 0)
        return fail(c, line, rc, "alert: malformed or too long description");
    if (*p != '\0')
        return fail(c, line, -PRT_EINVAL, "alert: trailing text");
    if (v[0] < 1 || v[0] > INT32_MAX)
        return fail(c, line, -PRT_EINVAL, "alert: index out of range");
    if (prt_enum_name(&prt_tc_PrtAlertSeverityLevelTC, (int)v[1]) == NULL || v[1] != (int)v[1])
        return fail(c, line, -PRT_EINVAL, "alert: bad severity");
    if (prt_enum_name(&prt_tc_PrtAlertTrainingLevelTC, (int)v[2]) == NULL || v[2] != (int)v[2])
        return fail(c, line, -PRT_EINVAL, "alert: bad training level");
    if (prt_enum_name(&prt_tc_PrtAlertGroupTC, (int)v[3]) == NULL || v[3] != (int)v[3])
        return fail(c, line, -PRT_EINVAL, "alert: bad group");
    if (v[4] < -1 || v[4] > INT32_MAX || v[5] < -2 || v[5] > INT32_MAX || v[6] < 1 ||
        v[6] > INT32_MAX || v[7] > UINT32_MAX)
        return fail(c, line, -PRT_EINVAL, "alert: value out of range");
    a.index = (int32_t)v[0];
    a.severity = (int32_t)v[1];
    a.training = (int32_t)v[2];
    a.group = (int32_t)v[3];
    a.group_index = (int32_t)v[4];
    a.location = (int32_t)v[5];
    a.code = (int32_t)v[6];
    a.time = (uint32_t)v[7];
    if (c->n_alerts >= PRT_MAX_ROWS)
        return fail(c, line, -PRT_ELIMIT, "alert: more than %d rows", PRT_MAX_ROWS);
    if (c->n_alerts == c->cap_alerts) {
        size_t ncap = c->cap_alerts ? c->cap_alerts * 2 : 16;
        struct prt_alert *na = realloc(c->alerts, ncap * sizeof(*na));
        if (na == NULL)
            return fail(c, line, -PRT_ENOMEM, "out of memory");
        c->alerts = na;
        c->cap_alerts = ncap;
    }
    /* The writer emits rows sorted by index; anything else is not ours. */
    if (c->n_alerts > 0 && c->alerts[c->n_alerts - 1].index >= a.index)
        return fail(c, line, -PRT_EINVAL, "alert: index %" PRId32 " out of order or duplicate",
                    a.index);
    c->alerts[c->n_alerts++] = a;
    return PRT_OK;
}

/* Scratch copy: the device struct plus private copies of the row arrays
 * the loader may write. */
static int copy_make(struct prt_device *copy, const struct prt_device *d)
{
    *copy = *d;
    for (size_t ti = 0; ti < state_n_tables; ti++) {
        const struct table *t = &state_tables[ti];
        void *src, *dst = NULL;
        size_t n;

        if (t->device_wide)
            continue;
        src = state_tab_rows(t, d);
        n = state_tab_count(t, d);
        if (n > 0) {
            dst = malloc(n * t->row_size);
            if (dst == NULL) {
                for (size_t tj = 0; tj < ti; tj++) {
                    if (!state_tables[tj].device_wide && state_tab_count(&state_tables[tj], d) > 0)
                        free(state_tab_rows(&state_tables[tj], copy));
                }
                return -PRT_ENOMEM;
            }
            memcpy(dst, src, n * t->row_size);
        }
        memcpy((char *)copy + t->arr_off, &dst, sizeof(dst));
    }
    return PRT_OK;
}

static void copy_free(struct prt_device *copy)
{
    for (size_t ti = 0; ti < state_n_tables; ti++)
        if (!state_tables[ti].device_wide)
            free(state_tab_rows(&state_tables[ti], copy));
}

/* Moves what the loader may have changed from the copy into d. */
static void copy_commit(struct prt_device *d, struct prt_device *copy, struct loadctx *c)
{
    for (size_t ti = 0; ti < state_n_tables; ti++) {
        const struct table *t = &state_tables[ti];

        if (t->device_wide) {
            for (size_t fi = 0; fi < t->n_fields; fi++)
                memcpy((char *)d + t->fields[fi].off, (char *)copy + t->fields[fi].off,
                       t->fields[fi].size);
            continue;
        }
        size_t n = state_tab_count(t, d);
        if (n > 0)
            memcpy(state_tab_rows(t, d), state_tab_rows(t, copy), n * t->row_size);
    }
    /* SETs may have touched other general columns (e.g. chosen = declared). */
    d->general = copy->general;
    for (size_t i = 0; i < c->n_last; i++)
        store_num((char *)d, c->last[i].f, c->last[i].v);
    free(d->alerts);
    d->alerts = c->alerts;
    d->n_alerts = c->n_alerts;
    c->alerts = NULL;
    d->generation++;
}

/* Replays the deferred SETs until no more of them fit; reports the rest. */
static void retry_deferred(struct loadctx *c)
{
    bool progress = true;

    while (progress && c->n_deferred > 0) {
        progress = false;
        for (size_t i = 0; i < c->n_deferred;) {
            struct deferred *dl = &c->deferred[i];
            int32_t rowidx = dl->t->device_wide ? c->copy->hr_index : (int32_t)dl->index;
            struct prt_value old;
            char oldbuf[256];
            int rc;

            if (dl->v.kind == PRT_V_STRING)
                dl->v.s = dl->str;
            rc = prt_set_check(c->copy, dl->t->table, rowidx, dl->f->column, &dl->v);
            if (rc == PRT_OK)
                rc = prt_set_apply(c->copy, dl->t->table, rowidx, dl->f->column, &dl->v, &old,
                                   oldbuf, sizeof(oldbuf));
            if (rc == -PRT_EINCONSISTENT) {
                i++;
                continue;
            }
            if (rc < 0)
                skip(c, dl->line, "%s.%s %" PRId64 ": %s", dl->t->name, dl->f->key, dl->index,
                     prt_strerror(rc));
            c->deferred[i] = c->deferred[--c->n_deferred];
            progress = true;
        }
    }
    for (size_t i = 0; i < c->n_deferred; i++)
        skip(c, c->deferred[i].line, "%s.%s %" PRId64 ": %s", c->deferred[i].t->name,
             c->deferred[i].f->key, c->deferred[i].index, prt_strerror(-PRT_EINCONSISTENT));
    c->n_deferred = 0;
}

int prt_state_load_buffer(struct prt_device *d, const char *name, const char *buf, size_t len,
                          char *msg, size_t msglen)
{
    struct loadctx c;
    struct prt_device copy;
    const char *body_end, *p, *end;
    unsigned nlines = 0, want_lines;
    unsigned long crc, want_crc;
    char line[LINE_MAX_LEN];
    char tail[64];
    int rc = PRT_OK, consumed = 0;

    memset(&c, 0, sizeof(c));
    c.name = name;
    c.msg = msg;
    c.msglen = msglen;
    if (msg != NULL && msglen > 0)
        msg[0] = '\0';

    if (len > PRT_STATE_MAX_FILE)
        return fail(&c, 0, -PRT_EINVAL, "file larger than %u octets", PRT_STATE_MAX_FILE);
    if (len == 0)
        return fail(&c, 1, -PRT_EINVAL, "empty state file");
    if (memchr(buf, '\0', len) != NULL)
        return fail(&c, 0, -PRT_EINVAL, "NUL octet in state file");
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n')
            nlines++;
    if (buf[len - 1] != '\n')
        return fail(&c, nlines + 1, -PRT_EINVAL,
                    "truncated state file (last line incomplete, no end line)");
    /* The trailer is the last line. */
    body_end = buf + len - 1;
    while (body_end > buf && body_end[-1] != '\n')
        body_end--;
    {
        size_t tl = (size_t)(buf + len - 1 - body_end);
        if (tl >= sizeof(tail) || tl == 0)
            return fail(&c, nlines, -PRT_EINVAL, "truncated or damaged state file (no end line)");
        memcpy(tail, body_end, tl);
        tail[tl] = '\0';
    }
    {
        char x[2];
        if (sscanf(tail, "end %u %8lx%1s", &want_lines, &want_crc, x) != 2 ||
            strncmp(tail, "end ", 4) != 0)
            return fail(&c, nlines, -PRT_EINVAL, "truncated or damaged state file (no end line)");
    }
    if (want_lines != nlines - 1)
        return fail(&c, nlines, -PRT_EINVAL, "end line counts %u lines, file has %u", want_lines,
                    nlines - 1);
    crc = prt_state_crc32(0, buf, (size_t)(body_end - buf));
    if (crc != want_crc)
        return fail(&c, nlines, -PRT_EINVAL,
                    "checksum mismatch (file damaged or edited): %08lx, expected %08lx", crc,
                    want_crc);

    rc = copy_make(&copy, d);
    if (rc < 0)
        return fail(&c, 0, rc, "out of memory");
    c.copy = &copy;
    p = buf;
    for (unsigned ln = 1; p < body_end; ln++, p = end + 1) {
        size_t ll;
        const char *sp;

        end = memchr(p, '\n', (size_t)(body_end - p));
        ll = (size_t)(end - p);
        if (ll >= sizeof(line)) {
            rc = fail(&c, ln, -PRT_EINVAL, "line longer than %d octets", LINE_MAX_LEN - 1);
            break;
        }
        memcpy(line, p, ll);
        line[ll] = '\0';
        if (ln == 1) {
            int ver;
            char x[2];

            if (sscanf(line, "printdev-state %d%1s", &ver, x) != 1 ||
                strncmp(line, "printdev-state ", 15) != 0) {
                rc = fail(&c, ln, -PRT_EINVAL, "not a printdev state file");
                break;
            }
            if (ver != PRT_STATE_VERSION) {
                rc = fail(&c, ln, -PRT_EINVAL, "unsupported state file version %d (this is %d)",
                          ver, PRT_STATE_VERSION);
                break;
            }
            continue;
        }
        if (line[0] == '#')
            continue;
        sp = strchr(line, ' ');
        if (sp == NULL || sp == line) {
            rc = fail(&c, ln, -PRT_EINVAL, "malformed line");
            break;
        }
        if (ln == 2) {
            const char *q = sp;
            int64_t idx;
            char nm[sizeof(d->name)];
            size_t nl;

            if ((size_t)(sp - line) != 6 || strncmp(line, "device", 6) != 0 ||
                parse_int(&q, &idx, 0) < 0 || *q != ' ') {
                rc = fail(&c, ln, -PRT_EINVAL, "expected the device line");
                break;
            }
            q++;
            if (prt_state_unquote(&q, nm, sizeof(nm), &nl) < 0 || *q != '\0') {
                rc = fail(&c, ln, -PRT_EINVAL, "malformed device name");
                break;
            }
            if (strcmp(nm, d->name) != 0) {
                rc = fail(&c, ln, -PRT_EINVAL, "state file belongs to device \"%s\", not \"%s\"",
                          nm, d->name);
                break;
            }
            if (idx != d->hr_index)
                skip(&c, ln,
                     "the hrDeviceIndex it was saved for (%" PRId64 "); the device is now %" PRId32,
                     idx, d->hr_index);
            consumed = 1;
            continue;
        }
        if (!consumed) {
            rc = fail(&c, ln, -PRT_EINVAL, "expected the device line");
            break;
        }
        if ((size_t)(sp - line) == 5 && strncmp(line, "alert", 5) == 0)
            rc = load_alert_line(&c, ln, sp);
        else
            rc = load_value_line(&c, ln, line, sp);
        if (rc < 0)
            break;
    }
    if (rc == PRT_OK && !consumed)
        rc = fail(&c, 2, -PRT_EINVAL, "expected the device line");
    if (rc == PRT_OK)
        retry_deferred(&c);
    free(c.deferred);
    if (rc < 0) {
        copy_free(&copy);
        free(c.alerts);
        return rc;
    }
    copy_commit(d, &copy, &c);
    copy_free(&copy);
    return PRT_OK;
}
