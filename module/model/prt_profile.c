/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_profile.c: the device-profile parser (format: printdev-profile(5)):
 * devices, lines, included files and the finish.  The words and the key
 * parser are prt_profile_parse.c, the tokens prt_profile_tokens.c.
 *
 * Lines are "token arguments" as in Net-SNMP config files.  Arguments are
 * words separated by blanks; a word may be quoted with "..." or '...', and
 * a backslash makes the next character literal ("Tray \"A\"").  Row
 * tokens take the row's index first and then "key value" pairs, one key per
 * MIB column; the keys of each table are described by a descriptor array
 * (struct key_desc), so one routine parses and range-checks every table.
 *
 * Values are checked against the MIB SYNTAX as they are read: integer
 * ranges, enumerations (the MIB label exactly, or an assigned number, via
 * prt_enum_value()), string SIZE limits, no control characters.  An error
 * marks the current device broken; the remaining lines are still parsed so
 * the administrator sees every problem at once.  prt_profile_finish() then
 * fills in the defaults that depend on other rows, runs
 * prt_device_validate() and hands the good devices to the model.
 *
 * Pure C + POSIX, no Net-SNMP headers.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "prt_profile.h"
#include "prt_profile_internal.h"

/* ---- builder ---- */

struct prt_profile *prt_profile_new(void)
{
    return calloc(1, sizeof(struct prt_profile));
}

static void pdev_free_list(struct pdev *pd)
{
    while (pd != NULL) {
        struct pdev *next = pd->next;
        prt_device_free(pd->d);
        free(pd);
        pd = next;
    }
}

void prt_profile_free(struct prt_profile *p)
{
    if (p == NULL)
        return;
    pdev_free_list(p->head);
    free(p);
}

void prt_profile_set_report(struct prt_profile *p, report_fn report, void *arg)
{
    if (p == NULL)
        return;
    p->report = report;
    p->report_arg = arg;
}

int prt_profile_errors(const struct prt_profile *p)
{
    return p ? p->errors : 0;
}

static void mark_broken(struct pdev *pd, const char *file, int line, const char *msg)
{
    if (pd == NULL || pd->broken)
        return;
    pd->broken = 1;
    snprintf(pd->first_err, sizeof(pd->first_err), "%.300s:%d: %.600s", file ? file : "(config)",
             line, msg);
}

static int valid_device_name(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static int start_device(struct prt_profile *p, const char *file, int line, struct words *w,
                        char *err, size_t errlen)
{
    struct pdev *pd, *it;
    long long n = 0;
    char name[64] = "";
    int rc, bad = 0;

    pd = calloc(1, sizeof(*pd));
    if (pd == NULL)
        return prof_seterr(err, errlen, -PRT_ENOMEM, "out of memory");
    prof_copy_str(pd->file, sizeof(pd->file), file ? file : "(config)");
    pd->line = line;
    if (p->tail)
        p->tail->next = pd;
    else
        p->head = pd;
    p->tail = pd;
    p->cur = pd;

    rc = prof_next_word(w, err, errlen);
    if (rc <= 0) {
        if (rc == 0)
            prof_seterr(err, errlen, -PRT_EINVAL, "hrDeviceIndex missing");
        bad = -PRT_EINVAL;
    } else if (prof_parse_long(w->buf, &n) != 0) {
        bad = prof_seterr(err, errlen, -PRT_EINVAL, "hrDeviceIndex '%s' is not a number", w->buf);
    } else if (n < 1 || n > PRT_INDEX_MAX) {
        bad = prof_seterr(err, errlen, -PRT_EINVAL, "hrDeviceIndex %lld out of range 1..65535", n);
    } else {
        rc = prof_next_word(w, err, errlen);
        if (rc > 0)
            prof_copy_str(pd->label, sizeof(pd->label), w->buf);
        if (rc <= 0) {
            if (rc == 0)
                prof_seterr(err, errlen, -PRT_EINVAL, "device name missing");
            bad = -PRT_EINVAL;
        } else if (strlen(w->buf) >= sizeof(name)) {
            bad = prof_seterr(err, errlen, -PRT_ETOOLONG, "device name is longer than %zu octets",
                              sizeof(name) - 1);
        } else if (!valid_device_name(w->buf)) {
            bad = prof_seterr(err, errlen, -PRT_EINVAL,
                              "device name '%s' may only contain letters, digits, '-', '_' and '.'",
                              w->buf);
        } else {
            prof_copy_str(name, sizeof(name), w->buf);
            if (prof_next_word(w, err, errlen) != 0)
                bad = prof_seterr(err, errlen, -PRT_EINVAL,
                                  "printdevDevice takes an index and a name only");
        }
    }
    if (!bad) {
        for (it = p->head; it != pd; it = it->next) {
            if (it->bad_header)
                continue;
            if (it->d && it->d->hr_index == (int32_t)n) {
                bad = prof_seterr(err, errlen, -PRT_EEXIST, "duplicate device index %lld", n);
                break;
            }
            if (it->d && !strcmp(it->d->name, name)) {
                bad = prof_seterr(err, errlen, -PRT_EEXIST, "duplicate device name '%s'", name);
                break;
            }
        }
    }
    /* A broken device still gets a scratch prt_device so that its remaining
     * lines are checked (and not applied to the previous device). */
    pd->d = prt_device_new(bad ? 1 : (int32_t)n, bad ? "unnamed" : name);
    if (pd->d == NULL)
        return prof_seterr(err, errlen, -PRT_ENOMEM, "out of memory");
    if (bad) {
        pd->d->hr_index = n >= 1 && n <= PRT_INDEX_MAX ? (int32_t)n : 0;
        if (name[0])
            prof_copy_str(pd->d->name, sizeof(pd->d->name), name);
        pd->bad_header = 1;
        mark_broken(pd, file, line, err);
        return bad;
    }
    /* prtGeneralPrinterName defaults to the profile's device name. */
    prof_copy_str(pd->d->general.printer_name, sizeof(pd->d->general.printer_name), name);
    return 0;
}

static int include_file(struct prt_profile *p, const char *file, struct words *w, char *err,
                        size_t errlen);

/* printdevIdentity "ID": the printer identity the device claims (a feed
 * `device add` with it maps onto this device); unique among devices. */
static int set_identity(struct prt_profile *p, struct words *w, char *err, size_t errlen)
{
    struct pdev *it;
    int rc;

    if (p->cur == NULL)
        return prof_seterr(err, errlen, -PRT_EINVAL, "printdevIdentity before any printdevDevice");
    if (p->cur->d == NULL)
        return prof_seterr(err, errlen, -PRT_ENOMEM, "device could not be created");
    rc = prof_want_single(w, "printdevIdentity", err, errlen);
    if (rc != 0)
        return rc;
    if (!prt_identity_ok(w->buf))
        return prof_seterr(err, errlen, -PRT_EINVAL,
                           "identity must be 1..%d octets without blanks or control characters",
                           PRT_IDENTITY_MAX);
    for (it = p->head; it != NULL; it = it->next)
        if (it != p->cur && it->d != NULL && !strcmp(it->d->identity, w->buf))
            return prof_seterr(err, errlen, -PRT_EEXIST, "identity '%s' claimed twice", w->buf);
    prof_copy_str(p->cur->d->identity, sizeof(p->cur->d->identity), w->buf);
    return 0;
}

int prt_profile_line(struct prt_profile *p, const char *file, int line, const char *token,
                     const char *args, char *err, size_t errlen)
{
    struct words w;
    size_t i;
    int rc;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (p == NULL || token == NULL)
        return prof_seterr(err, errlen, -PRT_EINVAL, "no profile");
    if (args == NULL)
        args = "";
    w.p = args;
    w.buf = malloc(strlen(args) + 1);
    if (w.buf == NULL)
        return prof_seterr(err, errlen, -PRT_ENOMEM, "out of memory");

    if (!strcmp(token, "printdevDevice")) {
        rc = start_device(p, file, line, &w, err, errlen);
    } else if (!strcmp(token, "printdevProfile")) {
        rc = include_file(p, file, &w, err, errlen);
    } else if (!strcmp(token, "printdevIdentity")) {
        rc = set_identity(p, &w, err, errlen);
    } else {
        for (i = 0; prof_token_defs[i].token != NULL; i++)
            if (!strcmp(prof_token_defs[i].token, token))
                break;
        if (prof_token_defs[i].token == NULL) {
            rc = prof_seterr(err, errlen, -PRT_EINVAL, "unknown token '%s'", token);
        } else if (p->cur == NULL) {
            rc = prof_seterr(err, errlen, -PRT_EINVAL, "%s before any printdevDevice", token);
        } else if (p->cur->d == NULL) {
            rc = prof_seterr(err, errlen, -PRT_ENOMEM, "device could not be created");
        } else {
            rc = prof_token_defs[i].fn(p, p->cur, &w, token, err, errlen);
        }
    }
    free(w.buf);
    if (rc != 0 && err != NULL) {
        /* messages quote the offending words: never pass control
         * characters on to a log */
        char *c;
        for (c = err; *c; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                *c = '?';
    }
    if (rc != 0) {
        /* an error marks the current device broken (idempotent: the
         * first error is the one reported by prt_profile_finish) */
        if (p->cur != NULL)
            mark_broken(p->cur, file, line, err);
        p->errors++;
    }
    return rc;
}

/* ---- files ---- */

struct sum_report {
    int count;
    char first[512];
};

static void sum_report_fn(void *arg, const char *msg)
{
    struct sum_report *s = arg;

    if (s->count++ == 0)
        prof_copy_str(s->first, sizeof(s->first), msg);
}

static int include_file(struct prt_profile *p, const char *file, struct words *w, char *err,
                        size_t errlen)
{
    char path[4096];
    struct sum_report sum = {0, ""};
    struct stat st;
    FILE *f;
    int rc, n;

    rc = prof_next_word(w, err, errlen);
    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "printdevProfile needs a file name");
    if (w->buf[0] != '/' && file != NULL && strchr(file, '/') != NULL) {
        /* relative to the directory of the including file */
        int dirlen = (int)(strrchr(file, '/') - file);
        n = snprintf(path, sizeof(path), "%.*s/%s", dirlen, file, w->buf);
    } else {
        n = snprintf(path, sizeof(path), "%s", w->buf);
    }
    if (n < 0 || (size_t)n >= sizeof(path))
        return prof_seterr(err, errlen, -PRT_ETOOLONG, "profile path too long");
    if (prof_next_word(w, err, errlen) != 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "printdevProfile takes one file name");
    if (p->depth >= PROFILE_MAX_DEPTH)
        return prof_seterr(err, errlen, -PRT_ELIMIT,
                           "printdevProfile nested deeper than %d levels (include loop?)",
                           PROFILE_MAX_DEPTH);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return prof_seterr(err, errlen, -PRT_EINVAL, "profile '%s' is not a regular file", path);
    f = fopen(path, "r");
    if (f == NULL)
        return prof_seterr(err, errlen, -PRT_ENOENT, "cannot open profile '%s': %s", path,
                           strerror(errno));
    fclose(f);
    if (p->report != NULL) {
        /* every error of the included file is reported with its own
         * file:line; this line itself is fine */
        p->nested_errors = prt_profile_load_file(p, path, p->report, p->report_arg);
        return 0;
    }
    n = prt_profile_load_file(p, path, sum_report_fn, &sum);
    if (n > 0) {
        p->errors -= n; /* summed up in this line's one error */
        return prof_seterr(err, errlen, -PRT_EINVAL,
                           "%d error(s) in included profile '%s', first: %s", n, path, sum.first);
    }
    return 0;
}

int prt_profile_load_file(struct prt_profile *p, const char *path, report_fn report, void *arg)
{
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, errors = 0;
    char err[768], msg[1024];
    report_fn saved_report;
    void *saved_arg;
    struct stat st;
    int notreg = 0, open_errno = 0;

    if (p == NULL || path == NULL)
        return 1;
    /* stat first: opening a FIFO or device for reading could block */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        f = NULL;
        notreg = 1;
    } else {
        f = fopen(path, "r");
        open_errno = errno;
        if (f != NULL && (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))) {
            fclose(f);
            f = NULL;
            notreg = 1;
        }
    }
    if (f == NULL) {
        snprintf(msg, sizeof(msg), "%s: cannot open profile: %s", path,
                 notreg ? "not a regular file" : strerror(open_errno));
        if (report)
            report(arg, msg);
        p->errors++;
        return 1;
    }
    p->depth++;
    /* Errors of nested includes go to the same reporter. */
    saved_report = p->report;
    saved_arg = p->report_arg;
    p->report = report;
    p->report_arg = arg;
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *s = line, *tok, *rest;
        int rc;

        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        if (strlen(s) != (size_t)(len - (s - line))) {
            snprintf(msg, sizeof(msg), "%s:%d: NUL byte in line", path, lineno);
            if (report)
                report(arg, msg);
            if (p->cur)
                mark_broken(p->cur, path, lineno, "NUL byte in line");
            p->errors++;
            errors++;
            continue;
        }
        tok = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        rest = s;
        if (*s) {
            *s = '\0';
            rest = s + 1;
        }
        p->nested_errors = 0;
        rc = prt_profile_line(p, path, lineno, tok, rest, err, sizeof(err));
        errors += p->nested_errors;
        p->nested_errors = 0;
        if (rc != 0) {
            snprintf(msg, sizeof(msg), "%s:%d: %s", path, lineno, err);
            if (report)
                report(arg, msg);
            errors++;
        }
    }
    free(line);
    fclose(f);
    p->report = saved_report;
    p->report_arg = saved_arg;
    p->depth--;
    return errors;
}

/* ---- finish ---- */

static int32_t first_index_or(const void *rows, size_t n, int32_t fallback)
{
    int32_t v;

    if (rows == NULL || n == 0)
        return fallback;
    memcpy(&v, rows, sizeof(v));
    return v;
}

static void resolve_defaults(struct pdev *pd)
{
    struct prt_device *d = pd->d;
    struct prt_general *g = &d->general;
    size_t i;

    /* Default indexes not given name the lowest row of their table. */
    if (!(pd->general_seen & (UINT64_C(1) << G_LOC)))
        g->current_localization = first_index_or(d->localizations, d->n_localizations, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_CONSLOC)))
        g->console_localization = g->current_localization;
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFIN)))
        g->input_default_index = first_index_or(d->inputs, d->n_inputs, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFOUT)))
        g->output_default_index = first_index_or(d->outputs, d->n_outputs, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFMARKER)))
        g->marker_default_index = first_index_or(d->markers, d->n_markers, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFPATH)))
        g->media_path_default_index = first_index_or(d->media_paths, d->n_media_paths, 1);
    /* Supplies without their own threshold use the device's rules. */
    for (i = 0; i < d->n_supplies; i++)
        if (d->supplies[i].low_percent < 0)
            d->supplies[i].low_percent = d->rules.toner_low_percent;
    /* hrDeviceDescr should never be empty (RFC 2790: "a textual
     * description of this device"); fall back to the printer name. */
    if (d->hr_descr[0] == '\0')
        prof_copy_str(d->hr_descr, sizeof(d->hr_descr), g->printer_name);
}

int prt_profile_take_one(struct prt_profile *p, struct prt_device **out, char *err, size_t errlen)
{
    struct pdev *pd;
    char vmsg[512];
    int rc;

    *out = NULL;
    if (p == NULL || p->head == NULL || p->head != p->tail)
        return prof_seterr(err, errlen, -PRT_EINVAL, "exactly one device expected");
    pd = p->head;
    if (pd->d == NULL)
        return prof_seterr(err, errlen, -PRT_ENOMEM, "out of memory");
    if (pd->broken)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s", pd->first_err);
    resolve_defaults(pd);
    rc = prt_device_validate(pd->d, vmsg, sizeof(vmsg));
    if (rc != 0)
        return prof_seterr(err, errlen, rc, "%s", vmsg);
    pd->d->factory = prt_device_clone(pd->d);
    if (pd->d->factory == NULL)
        return prof_seterr(err, errlen, -PRT_ENOMEM, "out of memory");
    *out = pd->d;
    pd->d = NULL;
    free(pd);
    p->head = p->tail = p->cur = NULL;
    return 0;
}

/* ---- SNMP contexts: each device's must be unique ---- */

static int pdev_ctx_cmp(const void *a, const void *b)
{
    const struct pdev *x = *(const struct pdev *const *)a, *y = *(const struct pdev *const *)b;
    int c = strcmp(prt_system_context(x->d), prt_system_context(y->d));
    if (c != 0)
        return c;
    return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

/* Marks broken every device whose context name is not valid (a device name
 * longer than a context name may be) or is already taken by an earlier
 * device of the profile or by a device of m.  Sorting keeps this
 * O(n log n) for the profile's own devices. */
static void check_contexts(struct prt_profile *p, const struct prt_model *m)
{
    struct pdev *pd, **v;
    const struct prt_device *owner;
    size_t n = 0, i;
    char msg[256];

    for (pd = p->head; pd != NULL; pd = pd->next) {
        pd->ordinal = n;
        if (pd->broken)
            continue;
        if (!prt_system_context_valid(prt_system_context(pd->d))) {
            snprintf(msg, sizeof(msg),
                     "device name '%s' is longer than a context name (%d octets): set "
                     "printdevSystem context",
                     pd->d->name, PRT_CONTEXT_MAX);
            mark_broken(pd, pd->file, pd->line, msg);
            continue;
        }
        owner = prt_model_find_context(m, prt_system_context(pd->d));
        if (owner != NULL) {
            snprintf(msg, sizeof(msg), "context '%s' is already the context of device '%s'",
                     prt_system_context(pd->d), owner->name);
            mark_broken(pd, pd->file, pd->line, msg);
            continue;
        }
        n++;
    }
    if (n < 2 || !(v = malloc(n * sizeof(*v))))
        return; /* without memory prt_model_add_device fails these devices anyway */
    for (i = 0, pd = p->head; pd != NULL; pd = pd->next)
        if (!pd->broken)
            v[i++] = pd;
    qsort(v, n, sizeof(*v), pdev_ctx_cmp);
    for (i = 1; i < n; i++)
        if (!strcmp(prt_system_context(v[i]->d), prt_system_context(v[i - 1]->d))) {
            size_t first = i - 1;
            while (first > 0 && v[first]->broken)
                first--;
            snprintf(msg, sizeof(msg), "context '%s' is already the context of device '%s' (%.100s:%d)",
                     prt_system_context(v[i]->d), v[first]->d->name, v[first]->file,
                     v[first]->line);
            mark_broken(v[i], v[i]->file, v[i]->line, msg);
        }
    free(v);
}

int prt_profile_finish(struct prt_profile *p, struct prt_model *m, report_fn report, void *arg)
{
    struct pdev *pd, *next;
    char msg[1536], vmsg[512];
    int added = 0, rc;

    if (p == NULL || m == NULL)
        return 0;
    check_contexts(p, m);
    for (pd = p->head; pd != NULL; pd = next) {
        next = pd->next;
        if (!pd->broken) {
            resolve_defaults(pd);
            rc = prt_device_validate(pd->d, vmsg, sizeof(vmsg));
            if (rc != 0) {
                mark_broken(pd, pd->file, pd->line, vmsg);
            } else {
                if (prt_model_find(m, pd->d->hr_index) != NULL)
                    snprintf(vmsg, sizeof(vmsg), "hrDeviceIndex %d is already registered",
                             (int)pd->d->hr_index);
                else if (prt_model_find_name(m, pd->d->name) != NULL)
                    snprintf(vmsg, sizeof(vmsg), "device name '%s' is already registered",
                             pd->d->name);
                /* the configuration resetToFactoryDefaults(6) returns to */
                pd->d->factory = prt_device_clone(pd->d);
                rc = pd->d->factory != NULL ? prt_model_add_device(m, pd->d) : -PRT_ENOMEM;
                if (rc == 0) {
                    pd->d = NULL; /* the model owns it now */
                    added++;
                } else {
                    if (rc == -PRT_ELIMIT)
                        snprintf(vmsg, sizeof(vmsg),
                                 "more than %d devices configured; one agent serves at most %d "
                                 "(PRT_MAX_DEVICES, see printdev-profile(5))",
                                 PRT_MAX_DEVICES, PRT_MAX_DEVICES);
                    else if (rc != -PRT_EEXIST)
                        snprintf(vmsg, sizeof(vmsg), "%s", prt_strerror(rc));
                    mark_broken(pd, pd->file, pd->line, vmsg);
                }
            }
        }
        if (pd->broken && report != NULL) {
            char *c;
            for (c = pd->label; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f)
                    *c = '?';
            snprintf(msg, sizeof(msg), "device %s (index %d) not registered: %s",
                     pd->label[0] ? pd->label : "?", pd->d ? (int)pd->d->hr_index : 0,
                     pd->first_err);
            report(arg, msg);
        }
        prt_device_free(pd->d);
        free(pd);
    }
    p->head = p->tail = p->cur = NULL;
    return added;
}
