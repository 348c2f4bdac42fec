/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_pipeline.c: the pipeline's stored-varbinds JSON
 * (trap_pipeline_json_varbinds, written without a JSON library for speed)
 * is byte for byte what the outputs' JSON writer (trap_output_json_varbinds)
 * gives: for every captured fixture and for every single byte value,
 * quotes, backslashes, controls, DEL, C1 controls, NULs, 4-byte UTF-8 and
 * invalid UTF-8 (shown in its display form).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "trap_output.h"
#include "trap_pipeline.h"
#include "trap_translate.h"

static void same_json(const struct trap_record *r, const char *what)
{
    char *a = trap_output_json_varbinds(r), *b = trap_pipeline_json_varbinds(r);

    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    if (strcmp(a, b) != 0) {
        printf("\n%s:\n  output:   %s\n  pipeline: %s\n", what, a, b);
        CU_FAIL("JSON differs");
    }
    free(a);
    free(b);
}

/* One varbind of these bytes, with its display text as the pipeline
 * renders it. */
static void one_value(const char *bytes, size_t n, enum trap_vtype t, const char *what)
{
    struct trap_varbind vb = {.oid = "1.3.6.1.4.1.1552.99.1.0", .oid_numeric = true, .type = t};
    struct trap_record_varbind rv;
    struct trap_record r = {0};
    char value[64], display[512];

    memcpy(value, bytes, n);
    value[n] = '\0';
    vb.value = value;
    vb.value_len = n;
    trap_varbind_text(&vb, display, sizeof display);
    rv.oid = vb.oid;
    rv.type = trap_vtype_name(t);
    rv.value = value;
    rv.value_len = n;
    rv.display = display;
    r.vbs = &rv;
    r.n_vbs = 1;
    same_json(&r, what);
}

static void test_every_byte(void)
{
    int c;
    char b[4], what[64];

    for (c = 0; c < 256; c++) {
        b[0] = 'a';
        b[1] = (char)c;
        b[2] = 'z';
        snprintf(what, sizeof what, "byte 0x%02x", c);
        one_value(b, 3, TV_STRING, what);
        one_value(b, 3, TV_HEXSTRING, what);
    }
}

/* a literal and its length without the terminating NUL */
#define CASE(lit) {lit, sizeof(lit) - 1}

static void test_special_strings(void)
{
    static const struct {
        const char *s;
        size_t n;
    } cases[] = {
        CASE("\"quoted\" back\\slash/"),
        CASE("nul\0inside"),
        CASE("\xc2\x80\xc2\x9f\xc2\xa0 C1 and NBSP"),
        CASE("\x7f del"),
        CASE("Oc\xc3\xa9 caf\xc3\xa9"),
        CASE("\xf0\x9f\x96\xa8 printer"),
        CASE("\xed\xa0\x80 surrogate"),
        CASE("\xc0\xaf overlong"),
        CASE("\xde\xad\xbe\xef\x00\xff"),
        CASE("tab\tnl\ncr\rbs\bff\f"),
        CASE(""),
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        one_value(cases[i].s, cases[i].n, TV_STRING, cases[i].s);
        one_value(cases[i].s, cases[i].n, TV_HEXSTRING, cases[i].s);
        one_value(cases[i].s, cases[i].n, TV_OPAQUE, cases[i].s);
    }
}

static int txt_file(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return n > 4 && strcmp(d->d_name + n - 4, ".txt") == 0;
}

static void test_fixtures(void)
{
    const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR;
    char dir[2048], path[4096];
    struct dirent **list = NULL;
    int n, i;

    snprintf(dir, sizeof dir, "%s/tests/fixtures/trap", top);
    n = scandir(dir, &list, txt_file, alphasort);
    CU_ASSERT_FATAL(n > 100);
    for (i = 0; i < n; i++) {
        static char buf[TRAP_MAX_INPUT + 1];
        struct trap_record_varbind rv[TRAP_MAX_VARBINDS];
        static char display[TRAP_MAX_VARBINDS][1024];
        struct trap_record r = {0};
        struct trap_msg m;
        size_t len, k;
        FILE *f;

        snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
        f = fopen(path, "rb");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        len = fread(buf, 1, TRAP_MAX_INPUT, f);
        fclose(f);
        trap_parse(buf, len, NULL, &m);
        for (k = 0; k < m.n_vbs; k++) {
            trap_varbind_text(&m.vbs[k], display[k], sizeof display[k]);
            rv[k].oid = m.vbs[k].oid;
            rv[k].type = trap_vtype_name(m.vbs[k].type);
            rv[k].value = m.vbs[k].value;
            rv[k].value_len = m.vbs[k].value_len;
            rv[k].display = display[k];
        }
        r.vbs = rv;
        r.n_vbs = m.n_vbs;
        same_json(&r, list[i]->d_name);
        trap_msg_free(&m);
        free(list[i]);
    }
    free(list);
}

static void register_trap_pipeline_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_pipeline", NULL, NULL);
    CU_ADD(s, test_every_byte);
    CU_ADD(s, test_special_strings);
    CU_ADD(s, test_fixtures);
}

const cu_registrar cu_suites[] = {register_trap_pipeline_suite, NULL};
