/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_skel.c: a printer's view (ipp_map.c) as the feed batch that adds its
 * device to the agent (doc/printdev-feed.7, "Devices"):
 *
 *     begin
 *     device add NAME identity=urn:uuid:...
 *     printdevDescr "..."            the profile ipp_view_profile() writes,
 *     printdevInput 1 ...            without comments and printdevDevice
 *     ...
 *     commit
 *
 * The live values (tray, bin and supply levels) are left out of the
 * skeleton ("unknown"): the state batch that follows sets them, and the
 * skeleton stays the same while only levels move, so a re-add changes
 * nothing in the agent.  Pure C + POSIX.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipp_map.h"

int ipp_view_identity(const struct ipp_view *v, const char *fallback, char *out, size_t cap)
{
    const char *id = v->uuid[0] ? v->uuid : v->uri[0] ? v->uri : fallback;
    size_t n = id != NULL ? strlen(id) : 0;

    if (n == 0 || n > 255 || n >= cap)
        return PDIPP_ESYNTAX;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)id[i] <= 0x20 || id[i] == 0x7f || id[i] == '"' || id[i] == '\\')
            return PDIPP_ESYNTAX;
    memcpy(out, id, n + 1);
    return PDIPP_OK;
}

void ipp_context_alt(const char *name, char *out, size_t cap)
{
    uint32_t h = 2166136261u; /* FNV-1a */

    for (const char *s = name; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    snprintf(out, cap, "%.23s-%08" PRIx32, name, h);
}

int ipp_view_add_batch(const struct ipp_view *v, const char *name, const char *context,
                       const char *identity, char *buf, size_t cap)
{
    struct ipp_view *layout = malloc(sizeof(*layout));
    char *prof = NULL, *p;
    size_t plen = 0, len = 0;
    FILE *f;
    int rc, n;

    if (layout == NULL)
        return -1;
    *layout = *v;
    if (context != NULL && strlen(context) > PDIPP_CONTEXT_MAX) {
        free(layout);
        return -1;
    }
    snprintf(layout->context, sizeof(layout->context), "%s", context != NULL ? context : "");
    for (size_t i = 0; i < layout->n_in; i++)
        layout->in[i].level = -2;
    for (size_t i = 0; i < layout->n_out; i++)
        layout->out[i].level = -2;
    for (size_t i = 0; i < layout->n_supply; i++)
        layout->supply[i].s.level = -2;
    f = open_memstream(&prof, &plen);
    if (f == NULL) {
        free(layout);
        return -1;
    }
    rc = ipp_view_profile(layout, 1, name, f);
    free(layout);
    if (fclose(f) != 0 || rc != PDIPP_OK) {
        free(prof);
        return -1;
    }
    n = snprintf(buf, cap, "begin\ndevice add %s identity=%s\n", name, identity);
    if (n < 0 || (size_t)n >= cap) {
        free(prof);
        return -1;
    }
    len = (size_t)n;
    for (p = prof; p != NULL && *p != '\0';) {
        char *nl = strchr(p, '\n');
        size_t l = nl != NULL ? (size_t)(nl - p) : strlen(p);
        if (l > 0 && p[0] != '#' && strncmp(p, "printdevDevice ", 15) != 0) {
            if (len + l + 1 >= cap) {
                free(prof);
                return -1;
            }
            memcpy(buf + len, p, l);
            buf[len + l] = '\n';
            len += l + 1;
        }
        p += l + (nl != NULL);
    }
    free(prof);
    n = snprintf(buf + len, cap - len, "commit\n");
    if (n < 0 || (size_t)n >= cap - len)
        return -1;
    return (int)(len + (size_t)n);
}

bool ipp_context_taken(const char *reply)
{
    static const char word[] = "context-taken:";

    if (strncmp(reply, "error ", 6) != 0)
        return false;
    reply += 6;
    if (strncmp(reply, "batch rejected: ", 16) == 0)
        reply += 16;
    return strncmp(reply, word, sizeof(word) - 1) == 0;
}
