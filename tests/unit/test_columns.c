/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_columns.c: the column catalogue (prt_columns.h, generated from
 * tools/printdev-columns.tsv) against the model's SET validation
 * (prt_set.c): a column is writable exactly when the catalogue says
 * read-write, and a SET value is accepted exactly inside the catalogue's
 * range, SIZE or enumeration.  prt_set_check() with no device checks the
 * value and then answers -PRT_ENOENT (no row), so "value accepted" is
 * -PRT_ENOENT here.  The catalogue's state keys are checked against what
 * prt_state_format() writes, its profile keys against the profile tokens'
 * usage texts (prt_profile_tokens, the printdev-profile(5) summary).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "prt_columns.h"
#include "prt_model.h"
#include "prt_profile.h"
#include "prt_state.h"

/* The model's SET table of each catalogue table (0: not a SET table). */
static int set_table(int cat)
{
    switch (cat) {
    case PRT_CAT_GENERAL:
        return PRT_T_GENERAL;
    case PRT_CAT_COVER:
        return PRT_T_COVER;
    case PRT_CAT_LOCALIZATION:
        return PRT_T_LOCALIZATION;
    case PRT_CAT_INPUT:
        return PRT_T_INPUT;
    case PRT_CAT_OUTPUT:
        return PRT_T_OUTPUT;
    case PRT_CAT_MARKER:
        return PRT_T_MARKER;
    case PRT_CAT_MARKER_SUPPLIES:
        return PRT_T_SUPPLY;
    case PRT_CAT_MARKER_COLORANT:
        return PRT_T_COLORANT;
    case PRT_CAT_MEDIA_PATH:
        return PRT_T_MEDIA_PATH;
    case PRT_CAT_CHANNEL:
        return PRT_T_CHANNEL;
    case PRT_CAT_INTERPRETER:
        return PRT_T_INTERPRETER;
    case PRT_CAT_CONSOLE_DISPLAY_BUFFER:
        return PRT_T_DISPLAY;
    case PRT_CAT_CONSOLE_LIGHT:
        return PRT_T_LIGHT;
    case PRT_CAT_ALERT:
        return PRT_T_ALERT;
    case PRT_CAT_STORAGE_REF:
        return PRT_T_STORAGE_REF;
    case PRT_CAT_DEVICE_REF:
        return PRT_T_DEVICE_REF;
    case PRT_CAT_HR_DEVICE:
        return PRT_T_HR_DEVICE;
    case PRT_CAT_HR_PRINTER:
        return PRT_T_HR_PRINTER;
    case PRT_CAT_PPM_PRINTER:
        return PRT_T_PPM_PRINTER;
    case PRT_CAT_PPM_PORT:
        return PRT_T_PPM_PORT;
    default:
        return 0;
    }
}

static int check_int(int table, unsigned sub, long long value)
{
    struct prt_value v = {PRT_V_INT, (int32_t)value, NULL, 0};
    return prt_set_check(NULL, table, 0, (int)sub, &v);
}

static int check_len(int table, unsigned sub, size_t len)
{
    static char text[2048];
    struct prt_value v = {PRT_V_STRING, 0, text, len};
    memset(text, 'x', sizeof(text));
    return len <= sizeof(text) ? prt_set_check(NULL, table, 0, (int)sub, &v) : -1;
}

static void report(const struct prt_column *c, const char *what)
{
    fprintf(stderr, "%s: %s\n", c->name, what);
}

static void test_writable_equals_read_write(void)
{
    int n_rw = 0;

    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        for (size_t i = 0; i < prt_catalogue[t].ncols; i++) {
            const struct prt_column *c = &prt_catalogue[t].cols[i];
            int st = set_table(t), rw = c->access == PRT_ACCESS_RW;
            if (rw)
                n_rw++;
            if (rw && st == 0) {
                report(c, "read-write in the catalogue, no SET table");
                CU_FAIL("read-write column without SET support");
                continue;
            }
            if (st != 0 && prt_column_writable(st, (int)c->sub) != rw) {
                report(c, rw ? "read-write but not writable" : "writable but not read-write");
                CU_FAIL("catalogue access differs from prt_column_writable");
            }
            if (rw && prt_column_kind(st, (int)c->sub) !=
                          (c->type == PRT_COLTYPE_OCTETSTRING ? PRT_V_STRING : PRT_V_INT)) {
                report(c, "value kind differs from the catalogue type");
                CU_FAIL("catalogue type differs from prt_column_kind");
            }
        }
    CU_ASSERT(n_rw >= 50); /* RFC 3805 has 53 read-write columns */
}

static void test_set_ranges_equal_catalogue(void)
{
    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        for (size_t i = 0; i < prt_catalogue[t].ncols; i++) {
            const struct prt_column *c = &prt_catalogue[t].cols[i];
            int st = set_table(t);
            if (c->access != PRT_ACCESS_RW)
                continue;
            if (c->type == PRT_COLTYPE_OCTETSTRING) {
                /* SIZE (0..max): max octets accepted, one more is wrongLength */
                CU_ASSERT_FATAL(c->ranged);
                if (check_len(st, c->sub, (size_t)c->max) != -PRT_ENOENT)
                    report(c, "SIZE maximum refused");
                CU_ASSERT_EQUAL(check_len(st, c->sub, (size_t)c->max), -PRT_ENOENT);
                CU_ASSERT_EQUAL(check_len(st, c->sub, (size_t)c->max + 1), -PRT_ETOOLONG);
            } else if (c->values != NULL) {
                /* every assigned value, and nothing between them */
                for (int v = -5; v <= 4100; v++) {
                    int want = prt_enum_name(c->values, v) ? -PRT_ENOENT : -PRT_EINVAL;
                    if (check_int(st, c->sub, v) != want) {
                        fprintf(stderr, "%s: value %d\n", c->name, v);
                        CU_FAIL("enumeration differs from the catalogue TC");
                        break;
                    }
                }
            } else if (c->tc != NULL && strcmp(c->tc, "IANACharset") == 0) {
                CU_ASSERT_EQUAL(check_int(st, c->sub, PRT_CHARSET_UTF8), -PRT_ENOENT);
                CU_ASSERT_EQUAL(check_int(st, c->sub, 0), -PRT_EINVAL);
            } else {
                CU_ASSERT_FATAL(c->ranged);
                if (check_int(st, c->sub, c->min) != -PRT_ENOENT ||
                    check_int(st, c->sub, c->max) != -PRT_ENOENT)
                    report(c, "range end refused");
                CU_ASSERT_EQUAL(check_int(st, c->sub, c->min), -PRT_ENOENT);
                CU_ASSERT_EQUAL(check_int(st, c->sub, c->max), -PRT_ENOENT);
                if (c->min > INT32_MIN)
                    CU_ASSERT_EQUAL(check_int(st, c->sub, c->min - 1), -PRT_EINVAL);
                if (c->max < INT32_MAX)
                    CU_ASSERT_EQUAL(check_int(st, c->sub, c->max + 1), -PRT_EINVAL);
            }
        }
}

/* Persistence: what a manager writes survives a restart (except the
 * prtGeneralReset action, which always reads notResetting). */
static void test_writable_columns_persist(void)
{
    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        for (size_t i = 0; i < prt_catalogue[t].ncols; i++) {
            const struct prt_column *c = &prt_catalogue[t].cols[i];
            if (c->access != PRT_ACCESS_RW ||
                (t == PRT_CAT_GENERAL && c->sub == PRT_COL_GENERAL_RESET))
                continue;
            if (c->state_key == NULL)
                report(c, "read-write but no state key");
            CU_ASSERT_PTR_NOT_NULL(c->state_key);
        }
}

/* A device with one row in every table the state file covers. */
static struct prt_device *state_fixture(void)
{
    struct prt_device *d = prt_device_new(1, "cat");
    struct prt_input in;
    struct prt_output out;
    struct prt_marker mk;
    struct prt_supply su;
    struct prt_channel ch;
    struct prt_interpreter it;
    struct prt_cover co;
    struct prt_light li;
    struct prt_display_line dl = {1, "Ready"};

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    prt_input_init(&in, 1);
    prt_output_init(&out, 1);
    prt_marker_init(&mk, 1);
    prt_supply_init(&su, 1);
    prt_channel_init(&ch, 1);
    prt_interpreter_init(&it, 1);
    prt_cover_init(&co, 1);
    prt_light_init(&li, 1);
    CU_ASSERT_EQUAL(prt_input_add(d, &in), 0);
    CU_ASSERT_EQUAL(prt_output_add(d, &out), 0);
    CU_ASSERT_EQUAL(prt_marker_add(d, &mk), 0);
    CU_ASSERT_EQUAL(prt_supply_add(d, &su), 0);
    CU_ASSERT_EQUAL(prt_channel_add(d, &ch), 0);
    CU_ASSERT_EQUAL(prt_interpreter_add(d, &it), 0);
    CU_ASSERT_EQUAL(prt_cover_add(d, &co), 0);
    CU_ASSERT_EQUAL(prt_light_add(d, &li), 0);
    CU_ASSERT_EQUAL(prt_display_add(d, &dl), 0);
    d->console_text_from_feed = true; /* the display text is saved then */
    d->alerts = calloc(1, sizeof(*d->alerts));
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->alerts);
    d->alerts[0].index = 1;
    d->n_alerts = 1;
    return d;
}

/* Every catalogue state key is a key the state file really writes. */
static void test_state_keys_written(void)
{
    struct prt_device *d = state_fixture();
    char *text = NULL, want[128];
    size_t len = 0;
    int n_keys = 0;

    CU_ASSERT_EQUAL_FATAL(prt_state_format(d, &text, &len), 0);
    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        for (size_t i = 0; i < prt_catalogue[t].ncols; i++) {
            const struct prt_column *c = &prt_catalogue[t].cols[i];
            if (c->state_key == NULL)
                continue;
            n_keys++;
            /* "group.key INDEX VALUE", "alert ...", "billing.color.size.sides 0 N" */
            snprintf(want, sizeof(want), "\n%s%s", c->state_key,
                     strchr(c->state_key, '.')              ? " "
                     : strcmp(c->state_key, "billing") == 0 ? "."
                                                            : " ");
            if (strstr(text, want) == NULL) {
                report(c, "state key not in the state file");
                CU_FAIL("catalogue state key not written");
            }
        }
    CU_ASSERT(n_keys >= 60);
    free(text);
    prt_device_free(d);
}

/* Whether word is one of the words of a usage text ("a|b|c VALUE ..."). */
static int help_has(const char *help, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = help; (p = strstr(p, word)) != NULL; p += n) {
        int start = p == help || p[-1] == ' ' || p[-1] == '|';
        int end = p[n] == '\0' || p[n] == ' ' || p[n] == '|';
        if (start && end)
            return 1;
    }
    return 0;
}

static const char *token_help(const char *token)
{
    for (const struct prt_profile_token *t = prt_profile_tokens; t->token; t++)
        if (strcmp(t->token, token) == 0)
            return t->help;
    return NULL;
}

/* Keyword profile keys (token:key) are in their token's usage text, and
 * every keyword of a row token's usage text is a catalogue column's key or
 * one of the model's own settings listed here. */
static void test_profile_keys(void)
{
    static const char *const not_columns[] = {"printdevInput:low", "printdevOutput:nearFull",
                                              "printdevSupply:low", "printdevSupply:finisher",
                                              "printdevLight:role"};
    char tok[64], key[64], full[160];
    int n_keys = 0;

    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        for (size_t i = 0; i < prt_catalogue[t].ncols; i++) {
            const struct prt_column *c = &prt_catalogue[t].cols[i];
            const char *colon, *help;
            if (c->profile_key == NULL || (colon = strchr(c->profile_key, ':')) == NULL)
                continue;
            n_keys++;
            snprintf(tok, sizeof(tok), "%.*s", (int)(colon - c->profile_key), c->profile_key);
            help = token_help(tok);
            if (help == NULL || !help_has(help, colon + 1)) {
                report(c, "profile key not in the token's usage text");
                CU_FAIL("catalogue profile key unknown to the profile parser");
            }
        }
    CU_ASSERT(n_keys >= 100);
    for (const struct prt_profile_token *pt = prt_profile_tokens; pt->token; pt++) {
        const char *p, *words;
        if (strchr(pt->help, '|') == NULL || strncmp(pt->help, "index ", 6) != 0)
            continue; /* only the row tokens' keyword lists */
        words = pt->help + 6;
        for (p = words; *p && *p != ' ';) {
            size_t n = strcspn(p, "| ");
            int found = 0;
            snprintf(key, sizeof(key), "%.*s", (int)n, p);
            snprintf(full, sizeof(full), "%s:%s", pt->token, key);
            for (size_t e = 0; e < sizeof(not_columns) / sizeof(not_columns[0]); e++)
                found |= strcmp(not_columns[e], full) == 0;
            for (int t = 0; t < PRT_CAT_NTABLES && !found; t++)
                for (size_t i = 0; i < prt_catalogue[t].ncols; i++)
                    if (prt_catalogue[t].cols[i].profile_key &&
                        strcmp(prt_catalogue[t].cols[i].profile_key, full) == 0)
                        found = 1;
            if (!found)
                fprintf(stderr, "%s: no catalogue column has this profile key\n", full);
            CU_ASSERT(found);
            p += n;
            if (*p == '|')
                p++;
        }
    }
}

/* The generated look-up and names agree with the tables. */
static void test_lookup(void)
{
    const struct prt_column *c = prt_column_get(PRT_CAT_INPUT, PRT_COL_INPUT_CURRENT_LEVEL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c->name, "prtInputCurrentLevel");
    CU_ASSERT_EQUAL(c->sub, 10);
    CU_ASSERT_EQUAL(c->min, -3);
    CU_ASSERT_STRING_EQUAL(c->state_key, "input.current_level");
    CU_ASSERT_STRING_EQUAL(c->profile_key, "printdevInput:level");
    CU_ASSERT_STRING_EQUAL(c->feed_key, "set input level");
    CU_ASSERT_PTR_NULL(prt_column_get(PRT_CAT_INPUT, 0));
    CU_ASSERT_PTR_NULL(prt_column_get(PRT_CAT_INPUT, 26));
    CU_ASSERT_PTR_NULL(prt_column_get(PRT_CAT_NTABLES, 1));
    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        for (size_t i = 0; i < prt_catalogue[t].ncols; i++)
            CU_ASSERT_EQUAL(prt_catalogue[t].cols[i].sub, i + 1);
}

static void register_columns_suite(void)
{
    CU_pSuite s = cu_add_suite("columns", NULL, NULL);
    CU_ADD(s, test_lookup);
    CU_ADD(s, test_writable_equals_read_write);
    CU_ADD(s, test_set_ranges_equal_catalogue);
    CU_ADD(s, test_writable_columns_persist);
    CU_ADD(s, test_state_keys_written);
    CU_ADD(s, test_profile_keys);
}

const cu_registrar cu_suites[] = {register_columns_suite, NULL};
