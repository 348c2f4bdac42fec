/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_feedc.h: printdev-ipp's client side of the agent's feed socket
 * (doc/printdev-feed.7): connect (at most every 2 s), send lines, read
 * the replies.  Any failure closes the connection and tells the owner
 * (closed callback), which then sends its whole state again after the
 * next connect.  Pure C + POSIX sockets.
 */
#ifndef IPP_FEEDC_H
#define IPP_FEEDC_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct ipp_feedc {
    char path[108];
    int fd;
    int timeout_ms; /* for each reply */
    char in[65536];
    size_t len;
    time_t next_try;
    bool logged; /* "cannot connect" said once */
    void (*log)(const char *msg);
    void (*closed)(void *arg);
    void *arg;
};

void ipp_feedc_init(struct ipp_feedc *c, const char *path, void (*log)(const char *msg),
                    void (*closed)(void *arg), void *arg);
/* Connected (now or before)?  Tries at most every 2 s. */
bool ipp_feedc_connect(struct ipp_feedc *c);
void ipp_feedc_close(struct ipp_feedc *c, const char *why);
bool ipp_feedc_send(struct ipp_feedc *c, const char *s, size_t n);
/* Reads replies until count final lines ("ok..." / "error ...") arrived;
 * data lines go to on_data.  The first error line is put in err ("" when
 * none).  false: the connection was lost. */
bool ipp_feedc_replies(struct ipp_feedc *c, int count, char *err, size_t errlen,
                       void (*on_data)(void *arg, const char *line), void *arg);
/* After poll() said the socket is readable outside a request: the agent
 * closed it (or sent something unasked, which is dropped). */
void ipp_feedc_readable(struct ipp_feedc *c);

#endif
