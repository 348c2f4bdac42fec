/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_registry.c: identity -> hrDeviceIndex registry and the skeletons of
 * devices added at run time (prt_registry.h has the file format).
 *
 * Pure C + POSIX, no Net-SNMP headers.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prt_profile.h"
#include "prt_registry.h"
#include "prt_state.h"

#define REG_MAX_FILE (64u << 20)
#define REG_LINE_CAP 20480 /* a skeleton line (<= 4096 octets) quoted */

struct prt_registry *prt_registry_new(void)
{
    struct prt_registry *r = calloc(1, sizeof(*r));

    if (r != NULL)
        r->first = 1;
    return r;
}

void prt_registry_free(struct prt_registry *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->e[i].skeleton);
    free(r->e);
    free(r);
}

struct prt_registry *prt_registry_clone(const struct prt_registry *r)
{
    struct prt_registry *c;

    if (r == NULL)
        return NULL;
    c = calloc(1, sizeof(*c));
    if (c == NULL)
        return NULL;
    *c = *r;
    c->e = NULL;
    c->n = 0;
    if (r->n > 0) {
        c->e = calloc(r->n, sizeof(*c->e));
        if (c->e == NULL) {
            free(c);
            return NULL;
        }
        for (size_t i = 0; i < r->n; i++) {
            c->e[i] = r->e[i];
            c->e[i].skeleton = NULL;
            c->n = i + 1;
            if (r->e[i].skeleton != NULL) {
                c->e[i].skeleton = strdup(r->e[i].skeleton);
                if (c->e[i].skeleton == NULL) {
                    prt_registry_free(c);
                    return NULL;
                }
            }
        }
    }
    return c;
}

struct prt_reg_entry *prt_registry_find(const struct prt_registry *r, const char *identity)
{
    if (r == NULL || identity == NULL)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->e[i].identity, identity) == 0)
            return &r->e[i];
    return NULL;
}

struct prt_reg_entry *prt_registry_find_index(const struct prt_registry *r, int32_t index)
{
    if (r == NULL)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (r->e[i].active && r->e[i].index == index)
            return &r->e[i];
    return NULL;
}

bool prt_registry_name_ok(const char *s)
{
    size_t n = 0;

    if (s == NULL || *s == '\0')
        return false;
    for (; *s; s++, n++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return false;
    return n < 64;
}

int prt_registry_assign(struct prt_registry *r, const struct prt_model *m, const char *identity,
                        int32_t *index)
{
    struct prt_reg_entry *e = prt_registry_find(r, identity), *ne;
    int32_t idx;

    if (e != NULL) {
        *index = e->index;
        return 0;
    }
    idx = r->high + 1;
    if (idx < r->first)
        idx = r->first;
    /* above every profile device, so a profile device added next to the
     * others later does not meet a runtime one */
    for (size_t i = 0; m != NULL && i < m->n_devices; i++)
        if (!m->devices[i]->runtime && m->devices[i]->hr_index >= idx)
            idx = m->devices[i]->hr_index + 1;
    while (idx <= PRT_INDEX_MAX && prt_model_find(m, idx) != NULL)
        idx++;
    if (idx > PRT_INDEX_MAX)
        return -PRT_ELIMIT;
    ne = realloc(r->e, (r->n + 1) * sizeof(*ne));
    if (ne == NULL)
        return -PRT_ENOMEM;
    r->e = ne;
    e = &r->e[r->n++];
    memset(e, 0, sizeof(*e));
    snprintf(e->identity, sizeof(e->identity), "%s", identity);
    e->index = idx;
    r->high = idx;
    *index = idx;
    return 0;
}

/* ---- file format ---- */

struct buf {
    char *p;
    size_t len, cap;
    bool oom;
};

static void bput(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bput(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->oom)
        return;
    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = true;
            return;
        }
        if (b->p != NULL && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        {
            size_t cap = b->cap ? b->cap : 1024;
            char *np;
            while (cap <= b->len + (size_t)n)
                cap *= 2;
            np = realloc(b->p, cap);
            if (np == NULL) {
                b->oom = true;
                return;
            }
            b->p = np;
            b->cap = cap;
        }
    }
}

static void bquote(struct buf *b, const char *s, size_t len)
{
    size_t need = prt_state_quote(NULL, 0, s, len);
    char *q = malloc(need + 1);

    if (q == NULL) {
        b->oom = true;
        return;
    }
    prt_state_quote(q, need + 1, s, len);
    bput(b, "%s", q);
    free(q);
}

int prt_registry_format(const struct prt_registry *r, char **out, size_t *outlen)
{
    struct buf b = {0};
    unsigned long crc;
    size_t lines = 0;

    bput(&b, "printdev-registry %d\n", PRT_REGISTRY_VERSION);
    bput(&b, "high %d\n", (int)r->high);
    lines = 2;
    for (size_t i = 0; i < r->n; i++) {
        const struct prt_reg_entry *e = &r->e[i];
        bput(&b, "device %d ", (int)e->index);
        bquote(&b, e->identity, strlen(e->identity));
        bput(&b, " ");
        bquote(&b, e->name, strlen(e->name));
        bput(&b, " %s\n", e->active ? "active" : "removed");
        lines++;
        if (e->active && e->skeleton != NULL) {
            const char *s = e->skeleton;
            while (*s) {
                const char *nl = strchr(s, '\n');
                size_t l = nl ? (size_t)(nl - s) : strlen(s);
                if (l > 0) {
                    bput(&b, "skel %d ", (int)e->index);
                    bquote(&b, s, l);
                    bput(&b, "\n");
                    lines++;
                }
                s += l;
                if (*s == '\n')
                    s++;
            }
        }
    }
    if (b.oom) {
        free(b.p);
        return -PRT_ENOMEM;
    }
    crc = prt_state_crc32(0, b.p, b.len);
    bput(&b, "end %zu %08lx\n", lines, crc);
    if (b.oom) {
        free(b.p);
        return -PRT_ENOMEM;
    }
    *out = b.p;
    *outlen = b.len;
    return 0;
}

static int perr(char *msg, size_t msglen, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int perr(char *msg, size_t msglen, int line, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(msg, msglen, "line %d: ", line);

    if (n >= 0 && (size_t)n < msglen) {
        va_start(ap, fmt);
        vsnprintf(msg + n, msglen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -PRT_EINVAL;
}

static int parse_int(const char **p, int32_t *v)
{
    char *end;
    long n;

    while (**p == ' ')
        (*p)++;
    errno = 0;
    n = strtol(*p, &end, 10);
    if (end == *p || errno != 0 || n < 0 || n > PRT_INDEX_MAX)
        return -1;
    *p = end;
    *v = (int32_t)n;
    return 0;
}

static int append_skel(struct prt_reg_entry *e, const char *s, size_t len)
{
    size_t old = e->skeleton ? strlen(e->skeleton) : 0;
    char *n;

    if (old + len + 2 > PRT_SKELETON_MAX)
        return -PRT_ELIMIT;
    n = realloc(e->skeleton, old + len + 2);
    if (n == NULL)
        return -PRT_ENOMEM;
    memcpy(n + old, s, len);
    n[old + len] = '\n';
    n[old + len + 1] = '\0';
    e->skeleton = n;
    return 0;
}

static int parse_into(struct prt_registry *r, const char *buf, size_t len, char *msg,
                      size_t msglen)
{
    const char *p = buf, *end = buf + len;
    size_t lines = 0;
    int lineno = 0;
    bool header = false, ended = false;
    char *tmp = malloc(REG_LINE_CAP), *line = malloc(REG_LINE_CAP);
    int rc = 0;

    if (tmp == NULL || line == NULL) {
        free(tmp);
        free(line);
        return -PRT_ENOMEM;
    }
    if (memchr(buf, '\0', len) != NULL) {
        free(tmp);
        free(line);
        return perr(msg, msglen, 0, "NUL byte in file");
    }
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l;
        const char *q;

        lineno++;
        if (nl == NULL) {
            rc = perr(msg, msglen, lineno, "truncated (no newline)");
            break;
        }
        l = (size_t)(nl - p);
        if (l >= REG_LINE_CAP) {
            rc = perr(msg, msglen, lineno, "line too long");
            break;
        }
        memcpy(line, p, l);
        line[l] = '\0';
        q = line;
        if (ended) {
            rc = perr(msg, msglen, lineno, "data after the end line");
        } else if (!header) {
            if (strcmp(line, "printdev-registry 1") != 0)
                rc = perr(msg, msglen, lineno, "not a printdev registry of version %d",
                          PRT_REGISTRY_VERSION);
            header = true;
        } else if (!strncmp(line, "end ", 4)) {
            size_t n = 0;
            unsigned long crc = 0;
            if (sscanf(line + 4, "%zu %lx", &n, &crc) != 2 || n != lines ||
                crc != prt_state_crc32(0, buf, (size_t)(p - buf)))
                rc = perr(msg, msglen, lineno, "end line does not match (torn or edited file)");
            ended = true;
        } else if (!strncmp(line, "high ", 5)) {
            q += 5;
            if (parse_int(&q, &r->high) != 0 || *q != '\0')
                rc = perr(msg, msglen, lineno, "bad high index");
        } else if (!strncmp(line, "device ", 7)) {
            struct prt_reg_entry e, *ne;
            size_t ol;
            memset(&e, 0, sizeof(e));
            q += 7;
            if (parse_int(&q, &e.index) != 0 || e.index < 1 ||
                prt_state_unquote(&q, e.identity, sizeof(e.identity), &ol) != 0 ||
                !prt_identity_ok(e.identity) ||
                prt_state_unquote(&q, e.name, sizeof(e.name), &ol) != 0 ||
                (e.name[0] && !prt_registry_name_ok(e.name))) {
                rc = perr(msg, msglen, lineno, "bad device line");
            } else if (!strcmp(q, " active") || !strcmp(q, " removed")) {
                e.active = !strcmp(q, " active");
                if (prt_registry_find(r, e.identity) != NULL ||
                    (e.active && prt_registry_find_index(r, e.index) != NULL)) {
                    rc = perr(msg, msglen, lineno, "duplicate identity or index");
                } else if ((ne = realloc(r->e, (r->n + 1) * sizeof(*ne))) == NULL) {
                    rc = -PRT_ENOMEM;
                } else {
                    r->e = ne;
                    r->e[r->n++] = e;
                }
            } else {
                rc = perr(msg, msglen, lineno, "device state must be active or removed");
            }
        } else if (!strncmp(line, "skel ", 5)) {
            int32_t idx;
            size_t ol;
            struct prt_reg_entry *e;
            q += 5;
            if (parse_int(&q, &idx) != 0 ||
                prt_state_unquote(&q, tmp, REG_LINE_CAP, &ol) != 0 || *q != '\0' ||
                memchr(tmp, '\n', ol) != NULL)
                rc = perr(msg, msglen, lineno, "bad skel line");
            else if ((e = prt_registry_find_index(r, idx)) == NULL)
                rc = perr(msg, msglen, lineno, "skel line of no active device");
            else if (append_skel(e, tmp, ol) != 0)
                rc = perr(msg, msglen, lineno, "skeleton too large");
        } else {
            rc = perr(msg, msglen, lineno, "unknown line");
        }
        lines++;
        p = nl + 1;
    }
    free(tmp);
    free(line);
    if (rc == 0 && !ended)
        rc = perr(msg, msglen, lineno, "no end line (truncated file)");
    if (rc == 0) {
        for (size_t i = 0; i < r->n; i++)
            if (r->e[i].index > r->high)
                return perr(msg, msglen, lineno, "index %d above the high mark %d",
                            (int)r->e[i].index, (int)r->high);
    }
    return rc;
}

int prt_registry_parse(struct prt_registry *r, const char *buf, size_t len, char *msg,
                       size_t msglen)
{
    struct prt_registry tmp;
    int rc;

    memset(&tmp, 0, sizeof(tmp));
    tmp.first = r->first;
    rc = parse_into(&tmp, buf, len, msg, msglen);
    if (rc != 0) {
        for (size_t i = 0; i < tmp.n; i++)
            free(tmp.e[i].skeleton);
        free(tmp.e);
        return rc;
    }
    for (size_t i = 0; i < r->n; i++)
        free(r->e[i].skeleton);
    free(r->e);
    *r = tmp;
    return 0;
}

int prt_registry_save(const struct prt_registry *r, const char *dir)
{
    char *buf = NULL;
    size_t len = 0;
    int rc, saved;

    if (dir == NULL)
        return -PRT_EINVAL;
    rc = prt_registry_format(r, &buf, &len);
    if (rc < 0)
        return rc;
    rc = prt_file_replace(dir, PRT_REGISTRY_FILE, buf, len);
    saved = errno;
    free(buf);
    errno = saved;
    return rc;
}

int prt_registry_load(struct prt_registry *r, const char *dir, char *msg, size_t msglen)
{
    char path[PATH_MAX];
    struct stat st;
    char *buf;
    size_t got = 0;
    int fd, rc;

    if (msglen > 0)
        msg[0] = '\0';
    if (dir == NULL ||
        (size_t)snprintf(path, sizeof(path), "%s/%s", dir, PRT_REGISTRY_FILE) >= sizeof(path))
        return -PRT_EINVAL;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT)
            return -PRT_ENOENT;
        snprintf(msg, msglen, "%s: %s", path, strerror(errno));
        return -PRT_EIO;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > REG_MAX_FILE) {
        close(fd);
        snprintf(msg, msglen, "%s: not a regular file of at most %u octets", path, REG_MAX_FILE);
        return -PRT_EIO;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (buf == NULL) {
        close(fd);
        return -PRT_ENOMEM;
    }
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    {
        char m2[512];
        rc = prt_registry_parse(r, buf, got, m2, sizeof(m2));
        if (rc != 0)
            snprintf(msg, msglen, "%s: %s", path, m2);
    }
    free(buf);
    return rc;
}

/* ---- devices from skeletons ---- */

static const char *const refused_tokens[] = {"printdevDevice", "printdevProfile",
                                             "printdevIdentity"};

static int split_token(const char *line, char *tok, size_t tokcap, const char **rest)
{
    size_t n = 0;

    while (*line == ' ' || *line == '\t')
        line++;
    while (line[n] && line[n] != ' ' && line[n] != '\t')
        n++;
    if (n == 0 || n >= tokcap)
        return -1;
    memcpy(tok, line, n);
    tok[n] = '\0';
    line += n;
    if (*line)
        line++;
    *rest = line;
    return 0;
}

static int check_token(const char *tok, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof(refused_tokens) / sizeof(refused_tokens[0]); i++)
        if (!strcmp(tok, refused_tokens[i])) {
            snprintf(err, errlen, "%s is not allowed in a device skeleton", tok);
            return -PRT_EINVAL;
        }
    return 0;
}

int prt_registry_build(int32_t index, const char *name, const char *identity,
                       const char *skeleton, struct prt_device **out, char *err, size_t errlen)
{
    struct prt_profile *p = prt_profile_new();
    char hdr[96], e2[768];
    const char *s = skeleton ? skeleton : "";
    int rc, lineno = 1;

    *out = NULL;
    if (p == NULL)
        return -PRT_ENOMEM;
    snprintf(hdr, sizeof(hdr), "%d %s", (int)index, name);
    rc = prt_profile_line(p, "skeleton", 0, "printdevDevice", hdr, e2, sizeof(e2));
    if (rc != 0) {
        snprintf(err, errlen, "%s", e2);
        prt_profile_free(p);
        return rc;
    }
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t l = nl ? (size_t)(nl - s) : strlen(s);
        char *line = strndup(s, l), tok[64];
        const char *rest;

        if (line == NULL) {
            prt_profile_free(p);
            return -PRT_ENOMEM;
        }
        if (split_token(line, tok, sizeof(tok), &rest) == 0) {
            rc = check_token(tok, e2, sizeof(e2));
            if (rc == 0)
                rc = prt_profile_line(p, "skeleton", lineno, tok, rest, e2, sizeof(e2));
            if (rc != 0) {
                snprintf(err, errlen, "line %d: %s", lineno, e2);
                free(line);
                prt_profile_free(p);
                return rc;
            }
        }
        free(line);
        lineno++;
        s += l;
        if (*s == '\n')
            s++;
    }
    rc = prt_profile_take_one(p, out, e2, sizeof(e2));
    prt_profile_free(p);
    if (rc != 0) {
        snprintf(err, errlen, "%s", e2);
        return rc;
    }
    snprintf((*out)->identity, sizeof((*out)->identity), "%s", identity);
    (*out)->runtime = true;
    if ((*out)->factory != NULL) {
        snprintf((*out)->factory->identity, sizeof((*out)->factory->identity), "%s", identity);
        (*out)->factory->runtime = true;
    }
    return 0;
}

int prt_registry_check_line(const char *line, char *err, size_t errlen)
{
    struct prt_profile *p;
    char tok[64], e2[768];
    const char *rest;
    int rc;

    if (split_token(line, tok, sizeof(tok), &rest) != 0) {
        snprintf(err, errlen, "malformed profile line");
        return -PRT_EINVAL;
    }
    rc = check_token(tok, err, errlen);
    if (rc != 0)
        return rc;
    p = prt_profile_new();
    if (p == NULL)
        return -PRT_ENOMEM;
    rc = prt_profile_line(p, "skeleton", 0, "printdevDevice", "1 check", e2, sizeof(e2));
    if (rc == 0)
        rc = prt_profile_line(p, "skeleton", 1, tok, rest, e2, sizeof(e2));
    if (rc != 0)
        snprintf(err, errlen, "%s", e2);
    prt_profile_free(p);
    return rc;
}

int prt_registry_forget_state(const char *dir, const char *name)
{
    char path[PATH_MAX];

    if (dir == NULL || !prt_registry_name_ok(name) ||
        (size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, name) >= sizeof(path))
        return -PRT_EINVAL;
    if (unlink(path) != 0 && errno != ENOENT)
        return -PRT_EIO;
    return 0;
}
