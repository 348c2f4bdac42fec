/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_pipeline_json.c: the "varbinds" JSON array stored with each event
 * (trap_pipeline_json_varbinds() in trap_pipeline.h), written by hand: byte
 * for byte what the outputs' JSON writer (trap_output_json_varbinds, with
 * jansson) gives, at a fraction of its cost (it was half of a batch's
 * time).  tests/unit/test_trap_pipeline.c holds the two to each other.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "prt_text.h"
#include "trap_output.h"
#include "trap_pipeline.h"

struct jbuf {
    char *s;
    size_t len, cap;
    bool bad;
};

static void jb_put(struct jbuf *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t nc = (b->cap ? b->cap * 2 : 512) + n;
        char *ns = realloc(b->s, nc);
        if (!ns) {
            b->bad = true;
            return;
        }
        b->s = ns;
        b->cap = nc;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* A JSON string of valid UTF-8 bytes, escaped exactly as the outputs'
 * JSON (jansson's compact dump, then DEL and C1 controls as \u00xx). */
static void jb_str(struct jbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF", lhex[] = "0123456789abcdef";
    size_t i, run = 0;

    jb_put(b, "\"", 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        size_t el = 0;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            el = 2;
        } else if (c < 0x20) {
            esc[0] = '\\';
            el = 2;
            switch (c) {
            case '\b':
                esc[1] = 'b';
                break;
            case '\f':
                esc[1] = 'f';
                break;
            case '\n':
                esc[1] = 'n';
                break;
            case '\r':
                esc[1] = 'r';
                break;
            case '\t':
                esc[1] = 't';
                break;
            default:
                memcpy(esc + 1, "u00", 3);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                el = 6;
            }
        } else if (c == 0x7f) {
            memcpy(esc, "\\u007f", 6);
            el = 6;
        } else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9f) {
            unsigned char d = (unsigned char)s[i + 1];
            memcpy(esc, "\\u00", 4);
            esc[4] = lhex[d >> 4];
            esc[5] = lhex[d & 15];
            el = 6;
        }
        if (el) {
            jb_put(b, s + i - run, run);
            run = 0;
            jb_put(b, esc, el);
            if (c == 0xc2)
                i++;
        } else {
            run++;
        }
    }
    jb_put(b, s + n - run, run);
    jb_put(b, "\"", 1);
}

char *trap_pipeline_json_varbinds(const struct trap_record *r)
{
    struct jbuf b = {0};
    size_t i;

    jb_put(&b, "[", 1);
    for (i = 0; i < r->n_vbs; i++) {
        const struct trap_record_varbind *v = &r->vbs[i];
        const char *oid = v->oid ? v->oid : "", *type = v->type ? v->type : "";
        /* valid UTF-8 text as it is, else its display form */
        const char *val = v->value;
        size_t vl = v->value_len;
        if (!val || !prt_text_utf8_valid(val, vl)) {
            if (!v->display || !prt_text_utf8_valid(v->display, strlen(v->display))) {
                free(b.s); /* rare: the outputs' own fallback */
                return trap_output_json_varbinds(r);
            }
            val = v->display;
            vl = strlen(val);
        }
        if (!prt_text_utf8_valid(oid, strlen(oid)) || !prt_text_utf8_valid(type, strlen(type))) {
            free(b.s);
            return trap_output_json_varbinds(r);
        }
        jb_put(&b, i ? ",{\"oid\":" : "{\"oid\":", i ? 8 : 7);
        jb_str(&b, oid, strlen(oid));
        jb_put(&b, ",\"type\":", 8);
        jb_str(&b, type, strlen(type));
        jb_put(&b, ",\"value\":", 9);
        jb_str(&b, val, vl);
        jb_put(&b, "}", 1);
    }
    jb_put(&b, "]", 1);
    if (b.bad) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
