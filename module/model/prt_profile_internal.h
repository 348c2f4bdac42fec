/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_profile_internal.h: what the profile parser's files (prt_profile*.c)
 * share: the device list being built, the word splitter, the key
 * descriptors and the token table.  Not for use outside module/model.
 */
#ifndef PRT_PROFILE_INTERNAL_H
#define PRT_PROFILE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prt_column_fields.h"
#include "prt_profile.h"

#define PROFILE_MAX_DEPTH 8 /* printdevProfile nesting */
#define FINISHER_MAX                                                                               \
    (sizeof(((struct prt_device *)0)->finisher_models) /                                           \
     sizeof(((struct prt_device *)0)->finisher_models[0]))

typedef void (*report_fn)(void *arg, const char *msg);

struct pdev {
    struct prt_device *d;
    char file[256]; /* where printdevDevice was */
    int line;
    int broken;
    int bad_header;       /* printdevDevice itself was wrong: not a duplicate source */
    char label[64];       /* the name as written, for reports (control characters as '?') */
    char first_err[1024]; /* "file:line: message" */
    uint64_t general_seen;
    size_t ordinal; /* position in the profile, for reports */
    struct pdev *next;
};

struct prt_profile {
    struct pdev *head, *tail;
    struct pdev *cur;
    int errors;
    int depth;
    int nested_errors; /* errors reported from the last printdevProfile line */
    report_fn report;
    void *report_arg;
};

/* Word splitter.  Returns 1 with the word in out, 0 at the end of the
 * line, -1 on a malformed word (message in err). */
struct words {
    const char *p;
    char *buf; /* holds the current word; as long as the whole line */
};

enum key_kind {
    K_INT,     /* int32_t in [min, max] */
    K_U32,     /* uint32_t counter */
    K_ENUM,    /* int32_t, an assigned value of tc */
    K_STR,     /* char[size]: at most size-1 octets */
    K_CODE2,   /* char[3]: exactly 2 octets (ISO 639 / 3166 codes) */
    K_BOOL,    /* bool */
    K_CHARSET, /* int32_t IANACharset */
    K_ROLE,    /* int32_t enum prt_light_role */
    K_PROTO    /* int32_t: a PrtChannelTypeTC label or any number 0.. */
};

struct key_desc {
    const char *key;
    enum key_kind kind;
    size_t off;
    size_t size;
    const struct prt_enum *tc;
    long long min, max;
};

#define I32MAX 2147483647LL

/* bit numbers in general_seen, by position in general_keys (the catalogue's
 * order, prt_column_fields.h) */
enum {
    G_LOC = PRT_PKEY_GENERAL_CURRENT_LOCALIZATION,
    G_CONSLOC = PRT_PKEY_CONSOLE_LOCALIZATION,
    G_DEFIN = PRT_PKEY_INPUT_DEFAULT_INDEX,
    G_DEFOUT = PRT_PKEY_OUTPUT_DEFAULT_INDEX,
    G_DEFMARKER = PRT_PKEY_MARKER_DEFAULT_INDEX,
    G_DEFPATH = PRT_PKEY_MEDIA_PATH_DEFAULT_INDEX
};

typedef int (*token_fn)(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                        char *err, size_t errlen);

struct token_def {
    const char *token;
    token_fn fn;
};

/* prt_profile_tokens.c: handlers in the order of prt_profile_tokens (index 0
 * and 1, printdevDevice and printdevProfile, are handled in
 * prt_profile_line), NULL-terminated. */
extern const struct token_def prof_token_defs[];

/* prt_profile_parse.c */
int prof_seterr(char *err, size_t errlen, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void prof_copy_str(char *dst, size_t dstlen, const char *src);
int prof_next_word(struct words *w, char *err, size_t errlen);
int prof_has_control(const char *s);
int prof_parse_long(const char *s, long long *v);
int prof_parse_oid(const char *s, struct prt_oid *oid);
int prof_parse_keys(struct words *w, const struct key_desc *keys, void *obj, const char *noun,
                    const char *token, uint64_t *seen, char *err, size_t errlen);
int prof_want_index(struct words *w, const char *noun, int32_t *idx, char *err, size_t errlen);
int prof_want_single(struct words *w, const char *token, char *err, size_t errlen);

#endif
