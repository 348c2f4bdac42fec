/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-ipp-state.c: the state the parts of printdev-ipp share
 * (printdev-ipp.h), its log and its clock.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "printdev-ipp.h"

struct ipp_conf conf;
struct mirror *mirrors;
size_t n_mirrors;
int verbose;
struct ipp_feedc feed;

/* One log line on stderr (the journal under systemd); control characters
 * from printers or the agent are shown as '?'. */
void logmsg(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    for (char *p = buf; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    fprintf(stderr, "printdev-ipp: %s\n", buf);
}

int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* FNV-1a of a batch: 0 is kept for "none". */
uint32_t text_hash(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ? h : 1;
}
