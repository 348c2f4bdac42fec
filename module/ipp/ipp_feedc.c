/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_feedc.c: the feed socket client of printdev-ipp (see ipp_feedc.h).
 * Replies are read with a deadline per line, so a stuck agent costs one
 * timeout and a reconnect, never a hang.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipp_feedc.h"

static void say(struct ipp_feedc *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct ipp_feedc *c, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    if (c->log == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    c->log(buf);
}

void ipp_feedc_init(struct ipp_feedc *c, const char *path, void (*log)(const char *msg),
                    void (*closed)(void *arg), void *arg)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->path, sizeof(c->path), "%s", path);
    c->fd = -1;
    c->timeout_ms = 15000;
    c->log = log;
    c->closed = closed;
    c->arg = arg;
}

void ipp_feedc_close(struct ipp_feedc *c, const char *why)
{
    if (c->fd >= 0) {
        say(c, "feed: connection closed (%s); reconnecting", why);
        close(c->fd);
    }
    c->fd = -1;
    c->len = 0;
    if (c->closed != NULL)
        c->closed(c->arg);
}

bool ipp_feedc_connect(struct ipp_feedc *c)
{
    struct sockaddr_un sa;

    if (c->fd >= 0)
        return true;
    if (time(NULL) < c->next_try)
        return false;
    c->next_try = time(NULL) + 2;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", c->path);
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        if (!c->logged)
            say(c, "feed: cannot connect to %s: %s (retrying every 2 s)", c->path, strerror(errno));
        c->logged = true;
        if (c->fd >= 0)
            close(c->fd);
        c->fd = -1;
        return false;
    }
    c->logged = false;
    c->len = 0;
    say(c, "feed: connected to %s", c->path);
    {
        /* a print controller's long-lived session: the agent reports it
         * with printdevFeedConnected/Disconnected (printdev-feed(7)) */
        static const char hello[] = "hello controller printdev-ipp\n";
        char err[512];
        if (!ipp_feedc_send(c, hello, sizeof(hello) - 1) ||
            !ipp_feedc_replies(c, 1, err, sizeof(err), NULL, NULL))
            return false;
        if (err[0] != '\0')
            say(c, "feed: hello refused: %s", err);
    }
    return true;
}

bool ipp_feedc_send(struct ipp_feedc *c, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = send(c->fd, s, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            ipp_feedc_close(c, strerror(errno));
            return false;
        }
        s += w;
        n -= (size_t)w;
    }
    return true;
}

/* The next line from the agent into line (without the newline; a longer
 * line is cut at cap - 1). */
static bool next_line(struct ipp_feedc *c, char *line, size_t cap)
{
    for (;;) {
        char *nl = memchr(c->in, '\n', c->len);
        struct pollfd pfd = {c->fd, POLLIN, 0};
        ssize_t r;

        if (nl != NULL) {
            size_t n = (size_t)(nl - c->in);
            size_t k = n < cap - 1 ? n : cap - 1;
            memcpy(line, c->in, k);
            line[k] = '\0';
            memmove(c->in, nl + 1, c->len - n - 1);
            c->len -= n + 1;
            return true;
        }
        if (c->len == sizeof(c->in)) {
            ipp_feedc_close(c, "reply line too long");
            return false;
        }
        if (poll(&pfd, 1, c->timeout_ms) <= 0) {
            ipp_feedc_close(c, "no reply");
            return false;
        }
        r = recv(c->fd, c->in + c->len, sizeof(c->in) - c->len, 0);
        if (r <= 0) {
            ipp_feedc_close(c, r == 0 ? "closed by the agent" : strerror(errno));
            return false;
        }
        c->len += (size_t)r;
    }
}

bool ipp_feedc_replies(struct ipp_feedc *c, int count, char *err, size_t errlen,
                       void (*on_data)(void *arg, const char *line), void *arg)
{
    char line[8192];

    err[0] = '\0';
    while (count > 0) {
        if (!next_line(c, line, sizeof(line)))
            return false;
        if (strncmp(line, "ok", 2) == 0 && (line[2] == '\0' || line[2] == ' ')) {
            count--;
        } else if (strncmp(line, "error", 5) == 0) {
            count--;
            if (err[0] == '\0')
                snprintf(err, errlen, "%.400s", line);
        } else if (on_data != NULL) {
            on_data(arg, line);
        }
    }
    return true;
}

void ipp_feedc_readable(struct ipp_feedc *c)
{
    char tmp[4096];
    ssize_t r;

    if (c->fd < 0)
        return;
    r = recv(c->fd, tmp, sizeof(tmp), MSG_DONTWAIT);
    if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
        ipp_feedc_close(c, r == 0 ? "closed by the agent" : strerror(errno));
}
