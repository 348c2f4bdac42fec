/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_conf.c: the printdev-ipp configuration file.  One directive per
 * line, "token arguments", '#' starts a comment line; values with blanks
 * are double-quoted.  Unknown tokens and keys, repeated devices and
 * out-of-range numbers are errors reported as file:line: message.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipp_conf.h"
#include "ipp_map.h"

#define MAX_WORDS 16

static int fail(char *err, size_t errlen, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, unsigned line, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(err, errlen, "%u: ", line);

    if (n < 0 || (size_t)n >= errlen)
        return -1;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

void ipp_conf_defaults(struct ipp_conf *c)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->feed_socket, sizeof(c->feed_socket), "/run/printdev/feed.sock");
    c->poll_interval = 30;
    c->subscriptions = true;
    c->cups = true;
    c->cups_all = true;
    c->first_index = 1;
    c->add_devices = true;
}

/* Splits line into words; "..." quotes (\" and \\ inside). */
static int words(char *line, char **w, unsigned lineno, char *err, size_t errlen)
{
    int n = 0;
    char *p = line;

    for (;;) {
        char *out;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0')
            return n;
        if (n == MAX_WORDS)
            return fail(err, errlen, lineno, "more than %d words", MAX_WORDS);
        w[n++] = out = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    return fail(err, errlen, lineno, "unterminated quote");
                if (*p == '"') {
                    p++;
                    break;
                }
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *out++ = *p++;
            }
            if (*p != '\0' && *p != ' ' && *p != '\t')
                return fail(err, errlen, lineno, "text after a closing quote");
        } else {
            while (*p != '\0' && *p != ' ' && *p != '\t')
                *out++ = *p++;
        }
        if (*p != '\0')
            p++;
        *out = '\0';
    }
}

static int yesno(const char *s, bool *b)
{
    if (strcmp(s, "yes") == 0 || strcmp(s, "on") == 0 || strcmp(s, "true") == 0 ||
        strcmp(s, "1") == 0)
        *b = true;
    else if (strcmp(s, "no") == 0 || strcmp(s, "off") == 0 || strcmp(s, "false") == 0 ||
             strcmp(s, "0") == 0)
        *b = false;
    else
        return -1;
    return 0;
}

static int number(const char *s, long lo, long hi, long *out)
{
    char *end;

    errno = 0;
    *out = strtol(s, &end, 10);
    return (*s == '\0' || *end != '\0' || errno != 0 || *out < lo || *out > hi) ? -1 : 0;
}

static bool valid_device(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > 63)
        return false;
    for (; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return false;
    return true;
}

static int add_printer(struct ipp_conf *c, const struct ipp_conf_printer *p, unsigned lineno,
                       char *err, size_t errlen)
{
    if (c->n == IPP_CONF_MAX_PRINTERS)
        return fail(err, errlen, lineno, "more than %d printers", IPP_CONF_MAX_PRINTERS);
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->p[i].device, p->device) == 0)
            return fail(err, errlen, lineno, "device '%s' already configured at line %u", p->device,
                        c->p[i].line);
        if (p->index != 0 && c->p[i].index == p->index)
            return fail(err, errlen, lineno, "index %d already used at line %u", (int)p->index,
                        c->p[i].line);
        if (p->queue[0] && strcmp(c->p[i].queue, p->queue) == 0)
            return fail(err, errlen, lineno, "queue '%s' already configured at line %u", p->queue,
                        c->p[i].line);
    }
    c->p[c->n++] = *p;
    return 0;
}

static int copy(char *dst, size_t cap, const char *src, const char *what, unsigned lineno,
                char *err, size_t errlen)
{
    for (const char *s = src; *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return fail(err, errlen, lineno, "control character in %s", what);
    if (strlen(src) >= cap)
        return fail(err, errlen, lineno, "%s longer than %zu characters", what, cap - 1);
    strcpy(dst, src);
    return 0;
}

/* [device NAME] [index N] [user U] [passwordFile F] from w[from] on. */
static int printer_keys(struct ipp_conf_printer *p, char **w, int n, int from, unsigned lineno,
                        char *err, size_t errlen)
{
    for (int i = from; i < n; i += 2) {
        long v;
        if (i + 1 >= n)
            return fail(err, errlen, lineno, "value for '%s' missing", w[i]);
        if (strcmp(w[i], "device") == 0) {
            if (!valid_device(w[i + 1]))
                return fail(err, errlen, lineno,
                            "device name '%s': use 1..63 letters, digits, '-', '_', '.'", w[i + 1]);
            strcpy(p->device, w[i + 1]);
        } else if (strcmp(w[i], "index") == 0) {
            if (number(w[i + 1], 1, 65535, &v) != 0)
                return fail(err, errlen, lineno, "index '%s' is not 1..65535", w[i + 1]);
            p->index = (int32_t)v;
        } else if (strcmp(w[i], "user") == 0) {
            if (copy(p->user, sizeof(p->user), w[i + 1], "user", lineno, err, errlen) != 0)
                return -1;
        } else if (strcmp(w[i], "passwordFile") == 0) {
            if (copy(p->password_file, sizeof(p->password_file), w[i + 1], "passwordFile", lineno,
                     err, errlen) != 0)
                return -1;
        } else {
            return fail(err, errlen, lineno, "unknown key '%s'", w[i]);
        }
    }
    return 0;
}

int ipp_conf_line(struct ipp_conf *c, const char *text, unsigned lineno, char *err, size_t errlen)
{
    char line[4096], *w[MAX_WORDS];
    int n;
    long v;

    if (strlen(text) >= sizeof(line))
        return fail(err, errlen, lineno, "line longer than %zu characters", sizeof(line) - 1);
    strcpy(line, text);
    n = words(line, w, lineno, err, errlen);
    if (n < 0)
        return -1;
    if (n == 0 || w[0][0] == '#')
        return 0;
    if (strcmp(w[0], "printdevIppFeedSocket") == 0) {
        if (n != 2)
            return fail(err, errlen, lineno, "usage: printdevIppFeedSocket PATH");
        return copy(c->feed_socket, sizeof(c->feed_socket), w[1], "socket path", lineno, err,
                    errlen);
    }
    if (strcmp(w[0], "printdevIppPollInterval") == 0) {
        if (n != 2 || number(w[1], 1, 86400, &v) != 0)
            return fail(err, errlen, lineno, "usage: printdevIppPollInterval SECONDS (1..86400)");
        c->poll_interval = (unsigned)v;
        return 0;
    }
    if (strcmp(w[0], "printdevIppSubscriptions") == 0 || strcmp(w[0], "printdevIppCups") == 0) {
        bool *b = w[0][11] == 'S' ? &c->subscriptions : &c->cups;
        if (n != 2 || yesno(w[1], b) != 0)
            return fail(err, errlen, lineno, "usage: %s yes|no", w[0]);
        return 0;
    }
    if (strcmp(w[0], "printdevIppAddDevices") == 0 ||
        strcmp(w[0], "printdevIppRemoveDevices") == 0) {
        bool *b = w[0][11] == 'A' ? &c->add_devices : &c->remove_devices;
        if (n != 2 || yesno(w[1], b) != 0)
            return fail(err, errlen, lineno, "usage: %s yes|no", w[0]);
        return 0;
    }
    if (strcmp(w[0], "printdevIppCupsServer") == 0) {
        if (n != 2)
            return fail(err, errlen, lineno, "usage: printdevIppCupsServer HOST[:PORT]|SOCKET");
        return copy(c->cups_server, sizeof(c->cups_server), w[1], "server", lineno, err, errlen);
    }
    if (strcmp(w[0], "printdevIppFirstIndex") == 0) {
        if (n != 2 || number(w[1], 1, 65535, &v) != 0)
            return fail(err, errlen, lineno, "usage: printdevIppFirstIndex N (1..65535)");
        c->first_index = (int32_t)v;
        return 0;
    }
    if (strcmp(w[0], "printdevIppQueue") == 0) {
        struct ipp_conf_printer p;
        memset(&p, 0, sizeof(p));
        p.line = lineno;
        if (n < 2)
            return fail(err, errlen, lineno,
                        "usage: printdevIppQueue QUEUE [device NAME] [index N]");
        if (copy(p.queue, sizeof(p.queue), w[1], "queue name", lineno, err, errlen) != 0 ||
            printer_keys(&p, w, n, 2, lineno, err, errlen) != 0)
            return -1;
        if (p.user[0] || p.password_file[0])
            return fail(err, errlen, lineno, "credentials are for printdevIppPrinter");
        if (p.device[0] == '\0')
            ipp_device_name(p.queue, p.device, sizeof(p.device));
        c->cups_all = false;
        return add_printer(c, &p, lineno, err, errlen);
    }
    if (strcmp(w[0], "printdevIppPrinter") == 0) {
        struct ipp_conf_printer p;
        memset(&p, 0, sizeof(p));
        p.line = lineno;
        if (n < 3)
            return fail(err, errlen, lineno,
                        "usage: printdevIppPrinter DEVICE URI [user U] [passwordFile F] [index N]");
        if (!valid_device(w[1]))
            return fail(err, errlen, lineno,
                        "device name '%s': use 1..63 letters, digits, '-', '_', '.'", w[1]);
        strcpy(p.device, w[1]);
        if (strncmp(w[2], "ipp://", 6) != 0 && strncmp(w[2], "ipps://", 7) != 0)
            return fail(err, errlen, lineno, "URI '%s' is not ipp:// or ipps://", w[2]);
        if (copy(p.uri, sizeof(p.uri), w[2], "URI", lineno, err, errlen) != 0 ||
            printer_keys(&p, w, n, 3, lineno, err, errlen) != 0)
            return -1;
        if (strcmp(w[1], p.device) != 0)
            return fail(err, errlen, lineno, "the device name is the first argument");
        if (p.password_file[0] && !p.user[0])
            return fail(err, errlen, lineno, "passwordFile without user");
        return add_printer(c, &p, lineno, err, errlen);
    }
    return fail(err, errlen, lineno, "unknown token '%s'", w[0]);
}

int ipp_conf_load(struct ipp_conf *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char line[4096], msg[512];
    unsigned lineno = 0;

    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        size_t n = strlen(line);
        lineno++;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        else if (!feof(f)) {
            snprintf(err, errlen, "%s:%u: line too long", path, lineno);
            fclose(f);
            return -1;
        }
        if (ipp_conf_line(c, line, lineno, msg, sizeof(msg)) != 0) {
            snprintf(err, errlen, "%s:%s", path, msg);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

int ipp_conf_add_queue(struct ipp_conf *c, const char *queue)
{
    struct ipp_conf_printer p;
    char err[256];

    if (ipp_conf_find_queue(c, queue) != NULL)
        return 0;
    memset(&p, 0, sizeof(p));
    if (strlen(queue) >= sizeof(p.queue))
        return -1;
    strcpy(p.queue, queue);
    ipp_device_name(queue, p.device, sizeof(p.device));
    return add_printer(c, &p, 0, err, sizeof(err));
}

const struct ipp_conf_printer *ipp_conf_find_queue(const struct ipp_conf *c, const char *queue)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->p[i].queue[0] && strcmp(c->p[i].queue, queue) == 0)
            return &c->p[i];
    return NULL;
}
