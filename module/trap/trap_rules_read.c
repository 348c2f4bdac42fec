/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_rules_read.c: reader for the trap handler's rules file
 * (printdev-trap-rules(5)): the grammar of rule and top-level lines.
 *
 * The file is read once at start-up; everything is validated then (OID
 * patterns normalised to numeric form, networks parsed, exec paths
 * absolute, severities known), so the per-trap matcher only compares
 * strings and addresses and never allocates.  Any problem rejects the whole
 * file with "file:line: problem": a half-loaded rule set is never used.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "trap_parse.h"
#include "trap_rules.h"
#include "trap_rules_internal.h"
#include "trap_util.h"

#define MAX_LINE 4096
#define MAX_WORDS 64
#define MAX_RULES 10000
#define MAX_DEVICES 100000

/* ---- parsing ---- */

struct ctx {
    const char *name;
    int line;
    char *err;
    size_t errlen;
    struct trap_rules *r;
    struct rule *cur; /* rule being read, or NULL */
};

static int perr(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int perr(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (c->err && c->errlen) {
        n = snprintf(c->err, c->errlen, "%s:%d: ", c->name, c->line);
        if (n >= 0 && (size_t)n < c->errlen) {
            va_start(ap, fmt);
            vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return -1;
}

/* Splits a line into words in buf; double quotes group, \" and \\ escape
 * inside quotes; '#' at the start of a word starts a comment. */
static int split_words(struct ctx *c, const char *line, char *buf, char **w, int maxw)
{
    int n = 0;
    const char *p = line;
    char *o = buf;

    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            break;
        if (n >= maxw)
            return perr(c, "too many words on the line (max %d)", maxw);
        w[n++] = o;
        if (*p == '"') {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *o++ = *p++;
            }
            if (*p != '"')
                return perr(c, "unterminated quoted string");
            p++;
            if (*p != '\0' && *p != ' ' && *p != '\t')
                return perr(c, "text right after a closing quote");
        } else {
            while (*p && *p != ' ' && *p != '\t') {
                if (*p == '"')
                    return perr(c, "quote inside a word");
                *o++ = *p++;
            }
        }
        *o++ = '\0';
    }
    return n;
}

static char *xstrdup(struct ctx *c, const char *s)
{
    char *d = strdup(s);

    if (d == NULL)
        perr(c, "out of memory");
    return d;
}

/* OID pattern: numeric or known symbolic name, optional trailing "*" or
 * ".*"; stored numeric. */
static char *oid_pattern(struct ctx *c, const char *s)
{
    char buf[512], out[520];
    size_t n = strlen(s);
    const char *star = "";
    int r;

    if (n == 0 || n >= sizeof buf)
        goto bad;
    memcpy(buf, s, n + 1);
    if (n == 1 && buf[0] == '*')
        return xstrdup(c, "*");
    if (n >= 2 && buf[n - 2] == '.' && buf[n - 1] == '*') {
        buf[n - 2] = '\0';
        star = ".*";
    } else if (buf[n - 1] == '*') {
        buf[n - 1] = '\0';
        star = "*";
    }
    if (strchr(buf, '*') || strchr(buf, '?'))
        goto bad;
    r = trap_oid_normalize(buf, strlen(buf), out, sizeof out - 3);
    if (r < 0)
        goto bad;
    strcat(out, star);
    return xstrdup(c, out);
bad:
    perr(c, "bad OID pattern '%s' (numeric or a known name, optionally ending in .*)", s);
    return NULL;
}

static struct cond *new_cond(struct ctx *c, enum cond_kind k)
{
    struct rule *ru = c->cur;
    struct cond *nc = realloc(ru->conds, (ru->nconds + 1) * sizeof *nc);

    if (nc == NULL) {
        perr(c, "out of memory");
        return NULL;
    }
    ru->conds = nc;
    nc = &ru->conds[ru->nconds++];
    memset(nc, 0, sizeof *nc);
    nc->kind = k;
    return nc;
}

static bool printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

static int set_str(struct ctx *c, char **dst, const char *v, const char *what)
{
    if (*dst != NULL)
        return perr(c, "%s given twice", what);
    *dst = xstrdup(c, v);
    return *dst ? 0 : -1;
}

static int rule_line(struct ctx *c, char **w, int nw)
{
    struct rule *ru = c->cur;
    const char *k = w[0];
    struct cond *cd;
    int i;

    if (strcmp(k, "end") == 0) {
        if (nw != 1)
            return perr(c, "'end' takes no arguments");
        c->cur = NULL;
        return 0;
    }
    if (strcmp(k, "trap") == 0 || strcmp(k, "enterprise") == 0) {
        if (nw < 2)
            return perr(c, "'%s' needs at least one OID pattern", k);
        if ((cd = new_cond(c, k[0] == 't' ? C_TRAP : C_ENTERPRISE)) == NULL)
            return -1;
        cd->strs = calloc((size_t)nw - 1, sizeof *cd->strs);
        if (cd->strs == NULL)
            return perr(c, "out of memory");
        for (i = 1; i < nw; i++) {
            cd->strs[cd->n] = oid_pattern(c, w[i]);
            if (cd->strs[cd->n] == NULL)
                return -1;
            cd->n++;
        }
        return 0;
    }
    if (strcmp(k, "source") == 0) {
        if (nw < 2)
            return perr(c, "'source' needs at least one address or network");
        if ((cd = new_cond(c, C_SOURCE)) == NULL)
            return -1;
        cd->nets = calloc((size_t)nw - 1, sizeof *cd->nets);
        if (cd->nets == NULL)
            return perr(c, "out of memory");
        for (i = 1; i < nw; i++) {
            if (trap_net_parse(w[i], &cd->nets[cd->n]) < 0)
                return perr(c, "bad address or network '%s'", w[i]);
            cd->n++;
        }
        return 0;
    }
    if (strcmp(k, "version") == 0) {
        if (nw < 2 || nw > 4)
            return perr(c, "'version' needs 1, 2c or 3 (up to three)");
        if ((cd = new_cond(c, C_VERSION)) == NULL)
            return -1;
        for (i = 1; i < nw; i++) {
            int v = strcmp(w[i], "1") == 0 ? 1 : (strcmp(w[i], "2c") == 0 || strcmp(w[i], "2") == 0) ? 2
                    : strcmp(w[i], "3") == 0 ? 3 : 0;
            if (v == 0)
                return perr(c, "bad SNMP version '%s' (1, 2c or 3)", w[i]);
            cd->versions[cd->n++] = v;
        }
        return 0;
    }
    if (strcmp(k, "community") == 0 || strcmp(k, "user") == 0) {
        if (nw < 2)
            return perr(c, "'%s' needs at least one name", k);
        if ((cd = new_cond(c, k[0] == 'c' ? C_COMMUNITY : C_USER)) == NULL)
            return -1;
        cd->strs = calloc((size_t)nw - 1, sizeof *cd->strs);
        if (cd->strs == NULL)
            return perr(c, "out of memory");
        for (i = 1; i < nw; i++) {
            if ((cd->strs[cd->n] = xstrdup(c, w[i])) == NULL)
                return -1;
            cd->n++;
        }
        return 0;
    }
    if (strcmp(k, "varbind") == 0) {
        if (nw != 4 || (strcmp(w[2], "=") != 0 && strcmp(w[2], "~") != 0))
            return perr(c, "'varbind' needs: OID-PATTERN = VALUE, or OID-PATTERN ~ GLOB");
        if ((cd = new_cond(c, w[2][0] == '=' ? C_VB_EQ : C_VB_GLOB)) == NULL)
            return -1;
        if ((cd->vb_oid = oid_pattern(c, w[1])) == NULL)
            return -1;
        if ((cd->vb_value = xstrdup(c, w[3])) == NULL)
            return -1;
        return 0;
    }
    if (strcmp(k, "severity") == 0) {
        if (nw != 2 || trap_sev_from_name(w[1], &ru->sev) < 0)
            return perr(c, "'severity' needs one of critical, warning, notice, info");
        if (ru->has_sev)
            return perr(c, "severity given twice");
        ru->has_sev = true;
        return 0;
    }
    if (strcmp(k, "category") == 0) {
        size_t j, l;
        if (nw != 2)
            return perr(c, "'category' needs one word");
        l = strlen(w[1]);
        if (l == 0 || l > 31)
            return perr(c, "category must have 1 to 31 characters");
        for (j = 0; j < l; j++) {
            char ch = w[1][j];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                  ch == '-' || ch == '_' || ch == '.'))
                return perr(c, "category may hold only letters, digits, '-', '_', '.'");
        }
        return set_str(c, &ru->category, w[1], "category");
    }
    if (strcmp(k, "device") == 0 || strcmp(k, "name") == 0) {
        if (nw != 2)
            return perr(c, "inside a rule '%s' takes one name (device naming by address "
                           "belongs outside rules)", k);
        if (strlen(w[1]) > 127 || !printable(w[1]))
            return perr(c, "device name too long or not printable");
        return set_str(c, &ru->device, w[1], "device");
    }
    if (strcmp(k, "message") == 0) {
        char msg[MAX_LINE];
        size_t pos = 0;
        if (nw < 2)
            return perr(c, "'message' needs a template");
        msg[0] = '\0';
        for (i = 1; i < nw; i++) {
            if (i > 1)
                trap_raw_append(msg, sizeof msg, &pos, " ");
            trap_raw_append(msg, sizeof msg, &pos, w[i]);
        }
        if (!printable(msg))
            return perr(c, "message template holds control characters");
        return set_str(c, &ru->message, msg, "message");
    }
    if (strcmp(k, "ignore") == 0 || strcmp(k, "continue") == 0) {
        if (nw != 1)
            return perr(c, "'%s' takes no arguments", k);
        if (k[0] == 'i')
            ru->ignore = true;
        else
            ru->cont = true;
        return 0;
    }
    if (strcmp(k, "exec") == 0) {
        struct trap_action *a;
        int first = 1, timeout = TRAP_RULES_DEFAULT_EXEC_TIMEOUT, j;
        char **argv;
        if (ru->action)
            return perr(c, "exec given twice in one rule");
        if (nw >= 2 && strncmp(w[1], "timeout=", 8) == 0) {
            char *end;
            long t;
            errno = 0;
            t = strtol(w[1] + 8, &end, 10);
            if (errno || *end != '\0' || end == w[1] + 8 || t < 1 || t > 3600)
                return perr(c, "bad exec timeout '%s' (1..3600 seconds)", w[1] + 8);
            timeout = (int)t;
            first = 2;
        }
        if (nw <= first)
            return perr(c, "'exec' needs a program path");
        if (w[first][0] != '/')
            return perr(c, "exec program must be an absolute path: '%s'", w[first]);
        a = calloc(1, sizeof *a);
        argv = calloc((size_t)(nw - first + 1), sizeof *argv);
        if (a == NULL || argv == NULL) {
            free(a);
            free(argv);
            return perr(c, "out of memory");
        }
        a->argv = (const char *const *)argv;
        ru->action = a;
        for (j = first; j < nw; j++) {
            if (!printable(w[j]))
                return perr(c, "exec argument holds control characters");
            if ((argv[a->argc] = xstrdup(c, w[j])) == NULL)
                return -1;
            a->argc++;
        }
        a->path = argv[0];
        a->timeout = timeout;
        a->rule = ru->label;
        return 0;
    }
    if (strcmp(k, "rule") == 0)
        return perr(c, "'rule' inside rule '%s' (missing 'end'?)", ru->label);
    return perr(c, "unknown keyword '%s' in rule '%s'", k, ru->label);
}

static int int_arg(struct ctx *c, const char *s, long lo, long hi, int *out, const char *what)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end != '\0' || v < lo || v > hi)
        return perr(c, "bad %s '%s' (%ld..%ld)", what, s, lo, hi);
    *out = (int)v;
    return 0;
}

static const char *const facilities[] = {
    "auth",   "authpriv", "cron",   "daemon", "ftp",    "kern",   "lpr",    "mail",
    "news",   "syslog",   "user",   "uucp",   "local0", "local1", "local2", "local3",
    "local4", "local5",   "local6", "local7", NULL,
};

static int path_setting(struct ctx *c, char **dst, char **w, int nw, const char *what)
{
    if (nw != 2)
        return perr(c, "'%s' needs one absolute path or 'none'", what);
    if (*dst)
        return perr(c, "'%s' given twice", what);
    if (strcmp(w[1], "none") == 0) {
        *dst = xstrdup(c, "");
        return *dst ? 0 : -1;
    }
    if (w[1][0] != '/' || !printable(w[1]))
        return perr(c, "'%s' needs an absolute path: '%s'", what, w[1]);
    *dst = xstrdup(c, w[1]);
    return *dst ? 0 : -1;
}

static int top_line(struct ctx *c, char **w, int nw)
{
    struct trap_rules *r = c->r;
    const char *k = w[0];
    size_t i;

    if (strcmp(k, "rule") == 0) {
        struct rule *nr;
        if (nw != 2)
            return perr(c, "'rule' needs one label");
        if (strlen(w[1]) > 63 || !printable(w[1]))
            return perr(c, "rule label too long or not printable");
        for (i = 0; i < r->nrules; i++)
            if (strcmp(r->rules[i].label, w[1]) == 0)
                return perr(c, "rule '%s' already defined at line %d", w[1], r->rules[i].line);
        if (r->nrules >= MAX_RULES)
            return perr(c, "too many rules (max %d)", MAX_RULES);
        nr = realloc(r->rules, (r->nrules + 1) * sizeof *nr);
        if (nr == NULL)
            return perr(c, "out of memory");
        r->rules = nr;
        c->cur = &r->rules[r->nrules];
        memset(c->cur, 0, sizeof *c->cur);
        r->nrules++;
        c->cur->line = c->line;
        c->cur->label = xstrdup(c, w[1]);
        return c->cur->label ? 0 : -1;
    }
    if (strcmp(k, "device") == 0 || strcmp(k, "name") == 0) {
        struct devname *nd, d;
        char addr[128];
        const char *hash;
        size_t alen;
        if (nw != 3)
            return perr(c, "'%s' needs an address or network (optionally #hrDeviceIndex) "
                           "and a name", k);
        memset(&d, 0, sizeof d);
        hash = strchr(w[1], '#');
        if (hash) {
            char *end;
            long v;
            /* "ADDR#INDEX": one printer (hrDeviceIndex) behind that address */
            if (hash[1] < '0' || hash[1] > '9')
                return perr(c, "bad hrDeviceIndex '%s' in '%s' (1..%ld)", hash + 1, w[1],
                            (long)TRAP_RULES_MAX_DEV_INDEX);
            errno = 0;
            v = strtol(hash + 1, &end, 10);
            if (errno || *end != '\0' || v < 1 || v > TRAP_RULES_MAX_DEV_INDEX)
                return perr(c, "bad hrDeviceIndex '%s' in '%s' (1..%ld)", hash + 1, w[1],
                            (long)TRAP_RULES_MAX_DEV_INDEX);
            d.index = v;
        }
        alen = hash ? (size_t)(hash - w[1]) : strlen(w[1]);
        if (alen >= sizeof addr)
            return perr(c, "bad address or network '%s'", w[1]);
        memcpy(addr, w[1], alen);
        addr[alen] = '\0';
        if (trap_net_parse(addr, &d.net) < 0)
            return perr(c, "bad address or network '%s'", addr);
        if (strlen(w[2]) > 127 || !printable(w[2]))
            return perr(c, "device name too long or not printable");
        for (i = 0; i < r->ndevs; i++)
            if (r->devs[i].index == d.index && r->devs[i].net.family == d.net.family &&
                r->devs[i].net.prefix == d.net.prefix &&
                memcmp(r->devs[i].net.addr, d.net.addr, sizeof d.net.addr) == 0)
                return perr(c, "'%s' names the same %s twice", w[1],
                            d.index ? "printer" : "address or network");
        if (r->ndevs >= MAX_DEVICES)
            return perr(c, "too many device names");
        nd = realloc(r->devs, (r->ndevs + 1) * sizeof *nd);
        if (nd == NULL)
            return perr(c, "out of memory");
        r->devs = nd;
        d.name = xstrdup(c, w[2]);
        if (d.name == NULL)
            return -1;
        r->devs[r->ndevs++] = d;
        return 0;
    }
    if (strcmp(k, "storm") == 0) {
        if (nw != 3)
            return perr(c, "'storm' needs 'window SECONDS' or 'limit EVENTS'");
        if (strcmp(w[1], "window") == 0)
            return int_arg(c, w[2], 0, 86400, &r->storm_window, "storm window");
        if (strcmp(w[1], "limit") == 0)
            return int_arg(c, w[2], 1, 1000000, &r->storm_limit, "storm limit");
        return perr(c, "unknown storm setting '%s' (window, limit)", w[1]);
    }
    if (strcmp(k, "syslog") == 0) {
        if (nw != 3)
            return perr(c, "'syslog' needs 'facility NAME' or 'ident NAME'");
        if (strcmp(w[1], "facility") == 0) {
            for (i = 0; facilities[i]; i++)
                if (strcmp(facilities[i], w[2]) == 0)
                    break;
            if (facilities[i] == NULL)
                return perr(c, "unknown syslog facility '%s'", w[2]);
            free(r->facility);
            r->facility = xstrdup(c, w[2]);
            return r->facility ? 0 : -1;
        }
        if (strcmp(w[1], "ident") == 0) {
            if (strlen(w[2]) > 63 || !printable(w[2]))
                return perr(c, "syslog ident too long or not printable");
            free(r->ident);
            r->ident = xstrdup(c, w[2]);
            return r->ident ? 0 : -1;
        }
        return perr(c, "unknown syslog setting '%s' (facility, ident)", w[1]);
    }
    if (strcmp(k, "jsonl") == 0)
        return path_setting(c, &r->jsonl, w, nw, "jsonl");
    if (strcmp(k, "db") == 0)
        return path_setting(c, &r->db, w, nw, "db");
    if (strcmp(k, "end") == 0)
        return perr(c, "'end' without 'rule'");
    return perr(c, "unknown keyword '%s'", k);
}

int trap_rules_parse(const char *text, size_t len, const char *name, struct trap_rules **out,
                     char *err, size_t errlen)
{
    struct ctx c;
    struct trap_rules *r;
    size_t off = 0;
    char line[MAX_LINE + 1], buf[MAX_LINE + 1];
    char *w[MAX_WORDS];

    if (err && errlen)
        err[0] = '\0';
    if (out == NULL)
        return -1;
    *out = NULL;
    memset(&c, 0, sizeof c);
    c.name = name ? name : "rules";
    c.err = err;
    c.errlen = errlen;
    if (text == NULL && len > 0)
        return perr(&c, "no text");
    if (len > TRAP_RULES_MAX_FILE)
        return perr(&c, "file larger than %d bytes", TRAP_RULES_MAX_FILE);
    r = calloc(1, sizeof *r);
    if (r == NULL)
        return perr(&c, "out of memory");
    r->storm_window = TRAP_RULES_DEFAULT_STORM_WINDOW;
    r->storm_limit = TRAP_RULES_DEFAULT_STORM_LIMIT;
    c.r = r;
    while (off < len) {
        const char *nl = memchr(text + off, '\n', len - off);
        size_t n = nl ? (size_t)(nl - (text + off)) : len - off, i;
        int nw;

        c.line++;
        if (n > 0 && text[off + n - 1] == '\r')
            n--;
        if (n > MAX_LINE) {
            perr(&c, "line longer than %d bytes", MAX_LINE);
            goto fail;
        }
        memcpy(line, text + off, n);
        line[n] = '\0';
        off += (nl ? (size_t)(nl - (text + off)) + 1 : len - off);
        for (i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)line[i];
            if (ch == '\0' || (ch < 0x20 && ch != '\t') || ch == 0x7f) {
                perr(&c, "control character in the line");
                goto fail;
            }
        }
        nw = split_words(&c, line, buf, w, MAX_WORDS);
        if (nw < 0)
            goto fail;
        if (nw == 0)
            continue;
        if ((c.cur ? rule_line(&c, w, nw) : top_line(&c, w, nw)) < 0)
            goto fail;
    }
    if (c.cur) {
        c.line = c.cur->line;
        perr(&c, "rule '%s' has no 'end'", c.cur->label);
        goto fail;
    }
    *out = r;
    return 0;
fail:
    trap_rules_free(r);
    return -1;
}

int trap_rules_load(const char *path, struct trap_rules **out, char *err, size_t errlen)
{
    FILE *f;
    char *buf;
    size_t n;
    struct stat st;
    int rc;

    if (out)
        *out = NULL;
    if (path == NULL || out == NULL) {
        if (err && errlen)
            snprintf(err, errlen, "rules: no file name");
        return -1;
    }
    f = fopen(path, "r");
    if (f == NULL) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode)) {
        fclose(f);
        if (err && errlen)
            snprintf(err, errlen, "%s: not a regular file", path);
        return -1;
    }
    buf = malloc(TRAP_RULES_MAX_FILE + 1);
    if (buf == NULL) {
        fclose(f);
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    n = fread(buf, 1, TRAP_RULES_MAX_FILE + 1, f);
    if (ferror(f)) {
        if (err && errlen)
            snprintf(err, errlen, "%s: read error", path);
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    rc = trap_rules_parse(buf, n, path, out, err, errlen);
    free(buf);
    return rc;
}
