/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_profile.c: unit tests of the profile parser (prt_profile.c): the
 * shipped profiles load without errors and hold the expected rows; every
 * error class is reported with its line number; a broken device is
 * dropped while the others are registered; printdevProfile includes
 * (relative paths, missing files, nesting limit); quoting and escapes;
 * defaults filled in at finish.
 *
 * Input files come from $top_srcdir (set by make check; the build's
 * source directory otherwise); temporary files go to a mkdtemp directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cu_runner.h"
#include "prt_model.h"
#include "prt_profile.h"
#include "prt_state.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

/* ---- helpers ---- */

struct msgs {
    size_t n;
    char text[64][1024];
};

static void collect(void *arg, const char *msg)
{
    struct msgs *m = arg;

    if (m->n < sizeof(m->text) / sizeof(m->text[0]))
        snprintf(m->text[m->n], sizeof(m->text[0]), "%s", msg);
    m->n++;
}

static const char *srcdir(void)
{
    const char *s = getenv("top_srcdir");

    return s != NULL && *s ? s : TOP_SRCDIR;
}

static void src_path(char *buf, size_t len, const char *rel)
{
    snprintf(buf, len, "%s/%s", srcdir(), rel);
}

/* Does some collected message end with "<file>:<line>: <text>"? */
static int has_msg(const struct msgs *m, const char *file, int line, const char *text)
{
    char want[1024];
    size_t i, wl;

    snprintf(want, sizeof(want), "%s:%d: %s", file, line, text);
    wl = strlen(want);
    for (i = 0; i < m->n && i < sizeof(m->text) / sizeof(m->text[0]); i++) {
        size_t tl = strlen(m->text[i]);
        if (tl >= wl && strcmp(m->text[i] + tl - wl, want) == 0 &&
            (tl == wl || m->text[i][tl - wl - 1] == '/'))
            return 1;
    }
    return 0;
}

static int has_substr(const struct msgs *m, const char *text)
{
    size_t i;

    for (i = 0; i < m->n && i < sizeof(m->text) / sizeof(m->text[0]); i++)
        if (strstr(m->text[i], text) != NULL)
            return 1;
    return 0;
}

/* Loads files into a fresh model; returns the number of load errors. */
static int load(struct prt_model **mp, struct msgs *msgs, int *added, const char *rel1,
                const char *rel2)
{
    struct prt_profile *p = prt_profile_new();
    char path[4096];
    int errors;

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    *mp = prt_model_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(*mp);
    memset(msgs, 0, sizeof(*msgs));
    src_path(path, sizeof(path), rel1);
    errors = prt_profile_load_file(p, path, collect, msgs);
    if (rel2 != NULL) {
        src_path(path, sizeof(path), rel2);
        errors += prt_profile_load_file(p, path, collect, msgs);
    }
    *added = prt_profile_finish(p, *mp, collect, msgs);
    prt_profile_free(p);
    return errors;
}

static int line(struct prt_profile *p, const char *tok, const char *args, char *err, size_t errlen)
{
    static int n;

    return prt_profile_line(p, "test.conf", ++n, tok, args, err, errlen);
}

/* A builder with a device and its mandatory rows, for line-level tests. */
static struct prt_profile *builder(int32_t idx, const char *name)
{
    struct prt_profile *p = prt_profile_new();
    char args[128], err[512];

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(args, sizeof(args), "%d %s", (int)idx, name);
    CU_ASSERT_EQUAL(line(p, "printdevDevice", args, err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(
        line(p, "printdevLocalization", "1 language en country US charset 106", err, sizeof(err)),
        0);
    CU_ASSERT_EQUAL(line(p, "printdevMarker", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevOutput", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevMediaPath", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevChannel", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevInterpreter", "1", err, sizeof(err)), 0);
    return p;
}

/* ---- shipped profiles ---- */

static void test_production_profile(void)
{
    struct prt_model *m;
    struct msgs msgs;
    struct prt_device *d;
    int added;
    static const uint32_t oid[] = {1, 3, 6, 1, 4, 1, 1552, 20, 10, 2, 6330};

    CU_ASSERT_EQUAL(load(&m, &msgs, &added, "conf/profiles/production.conf", NULL), 0);
    CU_ASSERT_EQUAL(msgs.n, 0);
    CU_ASSERT_EQUAL(added, 1);
    d = prt_model_find(m, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(d->name, "prod-1");
    CU_ASSERT_STRING_EQUAL(d->hr_descr, "Canon, VarioPrint 6330 TITAN");
    CU_ASSERT_EQUAL_FATAL(d->hr_device_id.len, 11);
    CU_ASSERT_EQUAL(memcmp(d->hr_device_id.ids, oid, sizeof(oid)), 0);
    CU_ASSERT_EQUAL(strncmp(d->ieee1284_id, "MFG:Oce;MDL:VarioPrint 6330", 27), 0);
    CU_ASSERT_STRING_EQUAL(d->general.printer_name, "prod-1");
    CU_ASSERT_STRING_EQUAL(d->general.serial_number, "VP6330-0042");
    CU_ASSERT_EQUAL(d->general.console_display_lines, 2);
    CU_ASSERT_EQUAL(d->n_localizations, 2);
    CU_ASSERT_EQUAL(prt_localization_find(d, 1)->charset, 106);
    /* trays, one of them the high-capacity input */
    CU_ASSERT_TRUE(d->n_inputs >= 4 && d->n_inputs <= 6);
    CU_ASSERT_EQUAL(prt_input_find(d, 5)->max_capacity, 4000);
    CU_ASSERT_EQUAL(prt_input_find(d, 5)->type, PrtInputTypeTC_sheetFeedAutoNonRemovableTray);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->dim_feed_chosen, 297000);
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 1)->vendor_name, "Oce");
    /* outputs: stacker, top tray, finisher */
    CU_ASSERT_TRUE(d->n_outputs >= 3);
    CU_ASSERT_STRING_EQUAL(prt_output_find(d, 1)->name, "Stacker");
    CU_ASSERT_EQUAL(d->n_finisher_models, 2);
    /* marker and supplies: black toner, waste toner, two staplers */
    CU_ASSERT_EQUAL(d->n_markers, 1);
    CU_ASSERT_EQUAL(prt_marker_find(d, 1)->counter_unit, PrtMarkerCounterUnitTC_impressions);
    CU_ASSERT_EQUAL(prt_supply_find(d, 1)->type, PrtMarkerSuppliesTypeTC_toner);
    CU_ASSERT_EQUAL(prt_supply_find(d, 2)->type, PrtMarkerSuppliesTypeTC_wasteToner);
    CU_ASSERT_EQUAL(prt_supply_find(d, 2)->supply_class,
                    PrtMarkerSuppliesClassTC_receptacleThatIsFilled);
    CU_ASSERT_EQUAL(prt_supply_find(d, 3)->type, PrtMarkerSuppliesTypeTC_staples);
    CU_ASSERT_EQUAL(prt_supply_find(d, 4)->type, PrtMarkerSuppliesTypeTC_staples);
    CU_ASSERT_EQUAL(prt_supply_find(d, 4)->finisher, 2);
    CU_ASSERT_STRING_EQUAL(prt_colorant_find(d, 1)->value, "black");
    /* channels LPD, TCP port, IPP and the PDF/PS/PCL interpreters */
    CU_ASSERT_EQUAL(prt_channel_find(d, 1)->type, PrtChannelTypeTC_chLPDServer);
    CU_ASSERT_EQUAL(prt_channel_find(d, 2)->type, PrtChannelTypeTC_chPortTCP);
    CU_ASSERT_EQUAL(prt_channel_find(d, 3)->type, PrtChannelTypeTC_chIPP);
    CU_ASSERT_EQUAL(prt_interpreter_find(d, 1)->lang_family, PrtInterpreterLangFamilyTC_langPDF);
    CU_ASSERT_EQUAL(prt_interpreter_find(d, 2)->lang_family, PrtInterpreterLangFamilyTC_langPS);
    CU_ASSERT_EQUAL(prt_interpreter_find(d, 3)->lang_family, PrtInterpreterLangFamilyTC_langPCL);
    CU_ASSERT_TRUE(d->n_covers >= 2);
    CU_ASSERT_EQUAL(d->n_display, 2);
    CU_ASSERT_EQUAL(d->n_lights, 3);
    CU_ASSERT_EQUAL(prt_light_find(d, 1)->role, PRT_LIGHT_POWER);
    CU_ASSERT_EQUAL(d->n_ports, 3);
    CU_ASSERT_EQUAL(strncmp(prt_port_find(d, 1)->service_uri, "ipp://", 6), 0);
    CU_ASSERT_PTR_NOT_NULL(prt_storage_ref_find(d, 31, 1));
    CU_ASSERT_TRUE(d->rules.oce_status);
    CU_ASSERT_PTR_NOT_NULL(d->factory);
    prt_model_free(m);
}

static void test_office_profile(void)
{
    struct prt_model *m;
    struct msgs msgs;
    struct prt_device *d;
    int added, toners = 0;
    size_t i;

    CU_ASSERT_EQUAL(load(&m, &msgs, &added, "conf/profiles/office.conf", NULL), 0);
    CU_ASSERT_EQUAL(msgs.n, 0);
    CU_ASSERT_EQUAL(added, 1);
    d = prt_model_find(m, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(prt_marker_find(d, 1)->process_colorants, 4);
    CU_ASSERT_EQUAL(d->n_colorants, 4);
    for (i = 0; i < d->n_supplies; i++)
        if (d->supplies[i].type == PrtMarkerSuppliesTypeTC_toner)
            toners++;
    CU_ASSERT_EQUAL(toners, 4);
    CU_ASSERT_STRING_EQUAL(prt_colorant_find(d, prt_supply_find(d, 3)->colorant_index)->value,
                           "cyan");
    /* supply without its own threshold got the device's tonerLow */
    CU_ASSERT_EQUAL(prt_supply_find(d, 1)->low_percent, 10);
    CU_ASSERT_EQUAL(prt_supply_find(d, 6)->low_percent, 5);
    CU_ASSERT_TRUE(d->n_inputs >= 2 && d->n_inputs <= 4);
    CU_ASSERT_EQUAL(d->n_outputs, 1);
    CU_ASSERT_FALSE(d->rules.oce_all_trays_empty);
    /* defaults not given name the first rows */
    CU_ASSERT_EQUAL(d->general.input_default_index, 1);
    CU_ASSERT_EQUAL(d->general.current_localization, 1);
    prt_model_free(m);
}

static void test_both_profiles(void)
{
    struct prt_model *m;
    struct msgs msgs;
    int added;

    CU_ASSERT_EQUAL(
        load(&m, &msgs, &added, "conf/profiles/production.conf", "conf/profiles/office.conf"), 0);
    CU_ASSERT_EQUAL(added, 2);
    CU_ASSERT_EQUAL(m->n_devices, 2);
    CU_ASSERT_PTR_NOT_NULL(prt_model_find_name(m, "office-1"));
    prt_model_free(m);
}

/* ---- error reporting ---- */

static void test_error_messages(void)
{
    static const struct {
        int line;
        const char *text;
    } want[] = {
        {5, "unknown input type 'tray'"},
        {6, "level 2000 exceeds max 1500"},
        {7, "value for 'name' missing"},
        {8, "unknown key 'colour' for printdevInput"},
        {9, "invalid number 'many' for 'max'"},
        {10, "max -7 out of range -2..2147483647"},
        {11, "input index 0 out of range 1..65535"},
        {13, "duplicate input index 7"},
        {14, "value for 'name' is longer than 63 octets"},
        {15, "control character in value for 'name'"},
        {16, "unterminated \" quote"},
        {17, "key 'name' given twice"},
        {18, "remaining 300 exceeds max 200"},
        {19, "unknown supply class 'consumable'"},
        {20, "language 'eng' must be exactly 2 characters"},
        {21, "unknown localization charset 'utf-8'"},
        {22, "'1.3.6.x' is not a numeric OBJECT IDENTIFIER"},
        {23, "printdevDescr is longer than 64 octets"},
        {24, "'maybe' for 'enabled' is not a boolean (yes/no, on/off, true/false)"},
        {25, "unknown token 'printdevGadget'"},
        {26, "unknown light role 'blinking'"},
        {27, "processColorants and spotColorants cannot both be 0"},
        {28, "duplicate device index 10"},
        {29, "device name 'bad/name' may only contain letters, digits, '-', '_' and '.'"},
    };
    struct prt_model *m;
    struct msgs msgs;
    int added, errors;
    size_t i;

    errors = load(&m, &msgs, &added, "tests/fixtures/profiles/errors.conf", NULL);
    CU_ASSERT_EQUAL(errors, (int)(sizeof(want) / sizeof(want[0])));
    CU_ASSERT_EQUAL(added, 0);
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int ok = has_msg(&msgs, "errors.conf", want[i].line, want[i].text);
        if (!ok)
            fprintf(stderr, "missing: errors.conf:%d: %s\n", want[i].line, want[i].text);
        CU_ASSERT_TRUE(ok);
    }
    /* line 12 is fine: no message for it */
    CU_ASSERT_FALSE(has_substr(&msgs, "errors.conf:12:"));
    /* the finish reports name the first error of each dropped device */
    CU_ASSERT_TRUE(has_substr(&msgs, "device errors (index 10) not registered: "));
    CU_ASSERT_TRUE(has_substr(&msgs, "device again (index 10) not registered: "));
    CU_ASSERT_TRUE(has_substr(&msgs, "device bad/name (index 11) not registered: "));
    CU_ASSERT_TRUE(has_msg(&msgs, "errors.conf", 5, "unknown input type 'tray'"));
    CU_ASSERT_EQUAL(msgs.n, sizeof(want) / sizeof(want[0]) + 3);
    prt_model_free(m);
}

static void test_broken_device_dropped(void)
{
    struct prt_model *m;
    struct msgs msgs;
    int added;

    CU_ASSERT_EQUAL(load(&m, &msgs, &added, "tests/fixtures/profiles/broken.conf", NULL), 1);
    CU_ASSERT_EQUAL(added, 2);
    CU_ASSERT_PTR_NOT_NULL(prt_model_find(m, 21));
    CU_ASSERT_PTR_NULL(prt_model_find(m, 22));
    CU_ASSERT_PTR_NOT_NULL(prt_model_find(m, 23));
    CU_ASSERT_PTR_NULL(prt_model_find(m, 24));
    CU_ASSERT_EQUAL(prt_model_find(m, 23)->n_inputs, 2);
    CU_ASSERT_TRUE(has_msg(&msgs, "broken.conf", 9, "level 120 exceeds max 100"));
    CU_ASSERT_TRUE(has_substr(&msgs, "device bad-b (index 22) not registered: "));
    /* a validation failure points at the device's printdevDevice line */
    CU_ASSERT_TRUE(has_msg(&msgs, "broken.conf", 16, "default input 9 does not exist"));
    CU_ASSERT_TRUE(has_substr(&msgs, "device bad-d (index 24) not registered: "));
    CU_ASSERT_EQUAL(msgs.n, 3);
    prt_model_free(m);
}

static void test_include_errors(void)
{
    struct prt_model *m;
    struct msgs msgs;
    int added;

    CU_ASSERT_EQUAL(load(&m, &msgs, &added, "tests/fixtures/profiles/missing-include.conf", NULL),
                    1);
    CU_ASSERT_EQUAL(added, 0);
    CU_ASSERT_TRUE(has_substr(&msgs, "missing-include.conf:5: cannot open profile '"));
    CU_ASSERT_TRUE(has_substr(&msgs, "does-not-exist.inc': No such file or directory"));
    CU_ASSERT_TRUE(has_substr(&msgs, "device lost (index 31) not registered: "));
    prt_model_free(m);

    CU_ASSERT_EQUAL(load(&m, &msgs, &added, "tests/fixtures/profiles/loop.conf", NULL), 1);
    CU_ASSERT_TRUE(has_substr(&msgs, "nested deeper than 8 levels"));
    prt_model_free(m);

    CU_ASSERT_EQUAL(load(&m, &msgs, &added, "tests/fixtures/profiles/no-such-file.conf", NULL), 1);
    CU_ASSERT_TRUE(has_substr(&msgs, "no-such-file.conf: cannot open profile"));
    prt_model_free(m);
}

/* Includes in a temporary tree: relative to the including file, errors
 * inside an included file carry that file's name and line. */
static void test_include_tree(void)
{
    char dir[] = "/tmp/test_profile.XXXXXX", path[4200], sub[4200], err[512];
    struct prt_profile *p;
    struct prt_model *m;
    struct msgs msgs;
    FILE *f;
    char minimal[4096];

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    src_path(minimal, sizeof(minimal), "tests/fixtures/profiles/minimal.inc");
    snprintf(sub, sizeof(sub), "%s/sub.conf", dir);
    f = fopen(sub, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fprintf(f,
            "# included\nprintdevProfile %s\nprintdevInput 2 name \"Tray 2\"\n"
            "printdevInput 3 type nonsense\n",
            minimal);
    fclose(f);
    snprintf(path, sizeof(path), "%s/main.conf", dir);
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fprintf(f,
            "printdevDevice 41 inc-a\nprintdevProfile sub.conf\n"
            "printdevDevice 42 inc-b\nprintdevProfile %s\n",
            minimal);
    fclose(f);

    p = prt_profile_new();
    m = prt_model_new();
    memset(&msgs, 0, sizeof(msgs));
    CU_ASSERT_EQUAL(prt_profile_load_file(p, path, collect, &msgs), 1);
    CU_ASSERT_TRUE(has_msg(&msgs, "sub.conf", 4, "unknown input type 'nonsense'"));
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, collect, &msgs), 1);
    CU_ASSERT_PTR_NULL(prt_model_find(m, 41));
    CU_ASSERT_PTR_NOT_NULL(prt_model_find(m, 42));
    CU_ASSERT_TRUE(has_substr(&msgs, "device inc-a (index 41) not registered: "));
    CU_ASSERT_EQUAL(prt_profile_errors(p), 1);

    /* from prt_profile_line without a reporter: one summed-up error */
    CU_ASSERT_EQUAL(prt_profile_line(p, path, 1, "printdevDevice", "43 inc-c", err, sizeof(err)),
                    0);
    CU_ASSERT_EQUAL(prt_profile_line(p, path, 2, "printdevProfile", "sub.conf", err, sizeof(err)),
                    -PRT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "1 error(s) in included profile"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "sub.conf:4: unknown input type 'nonsense'"));
    /* with a reporter: each error reported, the include line itself is fine */
    memset(&msgs, 0, sizeof(msgs));
    prt_profile_set_report(p, collect, &msgs);
    CU_ASSERT_EQUAL(prt_profile_line(p, path, 3, "printdevDevice", "44 inc-d", err, sizeof(err)),
                    0);
    CU_ASSERT_EQUAL(prt_profile_line(p, path, 4, "printdevProfile", "sub.conf", err, sizeof(err)),
                    0);
    CU_ASSERT_EQUAL(msgs.n, 1);
    CU_ASSERT_TRUE(has_msg(&msgs, "sub.conf", 4, "unknown input type 'nonsense'"));
    prt_profile_free(p);
    prt_model_free(m);
    unlink(sub);
    unlink(path);
    rmdir(dir);
}

/* ---- line-level behaviour ---- */

static void test_quoting_and_escapes(void)
{
    struct prt_profile *p = builder(50, "quotes");
    struct prt_model *m = prt_model_new();
    struct prt_device *d;
    char err[512];

    CU_ASSERT_EQUAL(
        line(p, "printdevInput",
             "1 name \"Tray \\\"A\\\" 1\" media 'A4 plain' description Back\\ slash\\\\ "
             "vendor \"\" mediaType \"it's\" color 'say \"hi\"'",
             err, sizeof(err)),
        0);
    CU_ASSERT_EQUAL(line(p, "printdevDescr", "\"Model  with   blanks\"", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevDescr", "two words", err, sizeof(err)), -PRT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "takes one value"));
    CU_ASSERT_EQUAL(line(p, "printdevCover", "1 description \"x\"y", err, sizeof(err)),
                    -PRT_EINVAL);
    CU_ASSERT_STRING_EQUAL(err, "text after closing quote");
    CU_ASSERT_EQUAL(line(p, "printdevCover", "2 description abc\\", err, sizeof(err)), -PRT_EINVAL);
    CU_ASSERT_STRING_EQUAL(err, "backslash at end of line");
    /* UTF-8 is fine, it is not a control character */
    CU_ASSERT_EQUAL(
        line(p, "printdevCover", "3 description \"Vordere T\xc3\xbcr\"", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevGeneral",
                         "printerName \"Line\x01"
                         "Feed\"",
                         err, sizeof(err)),
                    -PRT_EINVAL);
    /* the device had errors above: it is dropped, so inspect a fresh one */
    prt_profile_free(p);

    p = builder(51, "quotes2");
    CU_ASSERT_EQUAL(
        line(p, "printdevInput",
             "1 name \"Tray \\\"A\\\" 1\" media 'A4 plain' description Back\\ slash\\\\ "
             "vendor \"\" mediaType \"it's\" color 'say \"hi\"'",
             err, sizeof(err)),
        0);
    CU_ASSERT_EQUAL(line(p, "printdevDescr", "\"Model  with   blanks\"", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(
        line(p, "printdevCover", "3 description \"Vordere T\xc3\xbcr\"", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, NULL, NULL), 1);
    d = prt_model_find(m, 51);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 1)->name, "Tray \"A\" 1");
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 1)->media_name, "A4 plain");
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 1)->description, "Back slash\\");
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 1)->vendor_name, "");
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 1)->media_type, "it's");
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 1)->media_color, "say \"hi\"");
    CU_ASSERT_STRING_EQUAL(d->hr_descr, "Model  with   blanks");
    CU_ASSERT_STRING_EQUAL(prt_cover_find(d, 3)->description, "Vordere T\xc3\xbcr");
    prt_profile_free(p);
    prt_model_free(m);
}

static void test_line_errors(void)
{
    static const struct {
        const char *tok, *args;
        int rc;
        const char *msg;
    } cases[] = {
        {"printdevInput", "3 type 9", -PRT_EINVAL, "unknown input type '9'"},
        {"printdevInput", "3 type sheetfeedmanual", -PRT_EINVAL,
         "unknown input type 'sheetfeedmanual'"},
        {"printdevInput", "x", -PRT_EINVAL, "input index 'x' is not a number"},
        {"printdevInput", "", -PRT_EINVAL, "input index missing"},
        {"printdevInput", "70000", -PRT_EINVAL, "input index 70000 out of range 1..65535"},
        {"printdevInput", "2 next 2", -PRT_EINCONSISTENT, "input 2 cannot be its own next input"},
        {"printdevOutput", "1", -PRT_EEXIST, "duplicate output index 1"},
        {"printdevOutput", "2 stacking other", -PRT_EINVAL, "unknown output stacking 'other'"},
        {"printdevOutput", "2 minXfeed 300 maxXfeed 200", -PRT_EINCONSISTENT,
         "minXfeed 300 exceeds maxXfeed 200"},
        {"printdevMarker", "2 lifeCount 4294967296", -PRT_EINVAL,
         "lifeCount 4294967296 out of range 0..4294967295"},
        {"printdevMarker", "2 lifeCount 5 powerOnCount 6", -PRT_EINCONSISTENT,
         "powerOnCount 6 exceeds lifeCount 5"},
        {"printdevSupply", "1 level 50 max 40", -PRT_EINCONSISTENT, "level 50 exceeds max 40"},
        {"printdevSupply", "1 low 101", -PRT_EINVAL, "low 101 out of range 0..100"},
        {"printdevColorant", "1 tonality 1", -PRT_EINVAL, "tonality 1 out of range 2..2147483647"},
        {"printdevMediaPath", "2 minFeed 10 maxFeed 5", -PRT_EINCONSISTENT,
         "minFeed 10 exceeds maxFeed 5"},
        {"printdevChannel", "2 state on", -PRT_EINVAL, "unknown channel state 'on'"},
        {"printdevInterpreter", "2 charsetIn 0", -PRT_EINVAL, "unknown interpreter charsetIn '0'"},
        {"printdevLocalization", "2 country usa", -PRT_EINVAL,
         "country 'usa' must be exactly 2 characters"},
        {"printdevPort", "1 targetPort 70000", -PRT_EINVAL,
         "targetPort 70000 out of range 0..65535"},
        {"printdevPort", "1 protocol carrierPigeon", -PRT_EINVAL,
         "unknown port protocol 'carrierPigeon'"},
        {"printdevRules", "tonerLow 5 tonerEmpty 6", -PRT_EINCONSISTENT,
         "tonerEmpty 6 is above tonerLow 5"},
        {"printdevRules", "", -PRT_EINVAL, "printdevRules needs at least one key"},
        {"printdevRules", "alertTableSize 0", -PRT_EINVAL, "alertTableSize 0 out of range 1..1024"},
        {"printdevGeneral", "consoleDisable off", -PRT_EINVAL,
         "unknown general consoleDisable 'off'"},
        {"printdevGeneral", "displayLines -1", -PRT_EINVAL,
         "displayLines -1 out of range 0..65535"},
        {"printdevDeviceId", "7.1", -PRT_EINVAL, "'7.1' is not a numeric OBJECT IDENTIFIER"},
        {"printdevDeviceId", "1", -PRT_EINVAL, "'1' is not a numeric OBJECT IDENTIFIER"},
        {"printdevDeviceId", "", -PRT_EINVAL, "value for printdevDeviceId missing"},
        {"printdevStorageRef", "0 1", -PRT_EINVAL, "hrStorageIndex '0' out of range 1..2147483647"},
        {"printdevStorageRef", "5 1 9", -PRT_EINVAL,
         "printdevStorageRef takes exactly two numbers"},
        {"printdevDeviceRef", "1 device -1", -PRT_EINVAL, "device -1 out of range 0..2147483647"},
        {"printdevLight", "1 color purple", -PRT_EINVAL, "unknown light color 'purple'"},
        {"printdevDisplay", "1 text", -PRT_EINVAL, "value for 'text' missing"},
        {"printdevProfile", "", -PRT_EINVAL, "printdevProfile needs a file name"},
        {"printdevDevice", "0 x", -PRT_EINVAL, "hrDeviceIndex 0 out of range 1..65535"},
    };
    struct prt_profile *p;
    char err[512];
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc;
        p = builder(60, "lines");
        CU_ASSERT_EQUAL(line(p, "printdevInput", "1", err, sizeof(err)), 0);
        CU_ASSERT_EQUAL(line(p, "printdevSupply", "1", err, sizeof(err)), 0);
        CU_ASSERT_EQUAL(line(p, "printdevColorant", "1", err, sizeof(err)), 0);
        CU_ASSERT_EQUAL(line(p, "printdevPort", "2", err, sizeof(err)), 0);
        /* an already existing index is refused before its keys are read */
        if (strcmp(cases[i].tok, "printdevSupply") == 0 ||
            strcmp(cases[i].tok, "printdevColorant") == 0 ||
            strcmp(cases[i].tok, "printdevPort") == 0) {
            struct prt_profile *q = builder(61, "lines2");
            rc = line(q, cases[i].tok, cases[i].args, err, sizeof(err));
            prt_profile_free(q);
        } else {
            rc = line(p, cases[i].tok, cases[i].args, err, sizeof(err));
        }
        if (rc != cases[i].rc || strcmp(err, cases[i].msg) != 0)
            fprintf(stderr, "case %s %s: rc %d '%s'\n", cases[i].tok, cases[i].args, rc, err);
        CU_ASSERT_EQUAL(rc, cases[i].rc);
        CU_ASSERT_STRING_EQUAL(err, cases[i].msg);
        prt_profile_free(p);
    }
}

static void test_no_device_and_duplicates(void)
{
    struct prt_profile *p = prt_profile_new();
    struct prt_model *m = prt_model_new();
    struct msgs msgs;
    char err[512], args[128], longname[80];
    int i;

    CU_ASSERT_EQUAL(line(p, "printdevInput", "1", err, sizeof(err)), -PRT_EINVAL);
    CU_ASSERT_STRING_EQUAL(err, "printdevInput before any printdevDevice");
    CU_ASSERT_EQUAL(line(p, "printdevDevice", "1 one", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevDevice", "2 one", err, sizeof(err)), -PRT_EEXIST);
    CU_ASSERT_STRING_EQUAL(err, "duplicate device name 'one'");
    CU_ASSERT_EQUAL(line(p, "printdevDevice", "3", err, sizeof(err)), -PRT_EINVAL);
    CU_ASSERT_STRING_EQUAL(err, "device name missing");
    CU_ASSERT_EQUAL(line(p, "printdevDevice", "4 four extra", err, sizeof(err)), -PRT_EINVAL);
    CU_ASSERT_STRING_EQUAL(err, "printdevDevice takes an index and a name only");
    memset(longname, 'n', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    snprintf(args, sizeof(args), "5 %s", longname);
    CU_ASSERT_EQUAL(line(p, "printdevDevice", args, err, sizeof(err)), -PRT_ETOOLONG);
    /* lines after a bad printdevDevice go to the dropped device, never to
     * the previous one */
    CU_ASSERT_EQUAL(line(p, "printdevInput", "1 name \"stray\"", err, sizeof(err)), 0);
    for (i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(line(p, "printdevFinisher", "\"F\"", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevFinisher", "\"F9\"", err, sizeof(err)), -PRT_ELIMIT);
    CU_ASSERT_STRING_EQUAL(err, "too many finisher models (max 8)");
    CU_ASSERT_EQUAL(prt_profile_errors(p), 6);
    memset(&msgs, 0, sizeof(msgs));
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, collect, &msgs), 0);
    /* device one: no mandatory rows */
    CU_ASSERT_TRUE(has_substr(&msgs, "device one (index 1) not registered: test.conf:"));
    CU_ASSERT_EQUAL(msgs.n, 5);
    /* the builder is empty and reusable after finish */
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, collect, &msgs), 0);
    CU_ASSERT_EQUAL(msgs.n, 5);
    prt_profile_free(p);
    prt_model_free(m);
}

static void test_already_registered(void)
{
    struct prt_profile *p = builder(70, "dup");
    struct prt_model *m = prt_model_new();
    struct msgs msgs;
    char err[512];

    CU_ASSERT_EQUAL(line(p, "printdevInput", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, NULL, NULL), 1);
    prt_profile_free(p);
    /* a second profile naming the same index is refused at finish */
    p = builder(70, "dup-again");
    CU_ASSERT_EQUAL(line(p, "printdevInput", "1", err, sizeof(err)), 0);
    memset(&msgs, 0, sizeof(msgs));
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, collect, &msgs), 0);
    CU_ASSERT_TRUE(has_substr(&msgs, "hrDeviceIndex 70 is already registered"));
    CU_ASSERT_EQUAL(m->n_devices, 1);
    prt_profile_free(p);
    prt_model_free(m);
}

/* printdevSystem: values, defaults derived from the model, errors that
 * change nothing, and unique context names. */
static void test_system(void)
{
    struct prt_profile *p = builder(90, "sys-a");
    struct prt_model *m = prt_model_new();
    struct prt_device *d;
    struct msgs msgs;
    const uint32_t *ids;
    char err[512], buf[256];

    CU_ASSERT_EQUAL(line(p, "printdevInput", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevIeee1284Id", "\"MFG:Oce;MDL:VarioPrint 6330;CLS:PRINTER;\"",
                         err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevDeviceId", "1.3.6.1.4.1.1552.20.10.2.6330", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevSystem", "contact \"ops\" location \"hall B\"", err,
                         sizeof(err)), 0);
    /* errors: nothing of the line is kept */
    CU_ASSERT_NOT_EQUAL(line(p, "printdevSystem", "location x context bad/name", err, sizeof(err)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "context"));
    CU_ASSERT_NOT_EQUAL(line(p, "printdevSystem", "objectID 1.3.x", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(line(p, "printdevSystem", "services 128", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(line(p, "printdevSystem", "", err, sizeof(err)), 0);
    prt_profile_free(p); /* the failed lines marked sys-a broken */

    p = builder(90, "sys-a");
    CU_ASSERT_EQUAL(line(p, "printdevInput", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevIeee1284Id", "\"MFG:Oce;MDL:VarioPrint 6330;CLS:PRINTER;\"",
                         err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevDeviceId", "1.3.6.1.4.1.1552.20.10.2.6330", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevSystem", "contact \"ops\" location \"hall B\"", err,
                         sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevDevice", "91 sys-b", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevLocalization", "1 language en country US charset 106", err,
                         sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevMarker", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevOutput", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevMediaPath", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevChannel", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevInterpreter", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevInput", "1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevSystem", "context sys-b2 descr \"Maker Model\" objectID "
                         "1.3.6.1.4.1.367.1.1 name nb services 6 defaultContext yes", err,
                         sizeof(err)), 0);
    /* a third device asking for sys-b2's context is refused at finish */
    CU_ASSERT_EQUAL(line(p, "printdevDevice", "92 sys-c", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevSystem", "context sys-b2", err, sizeof(err)), 0);
    memset(&msgs, 0, sizeof(msgs));
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, collect, &msgs), 2);
    CU_ASSERT_TRUE(has_substr(&msgs, "context 'sys-b2' is already the context of device 'sys-b'"));

    d = prt_model_find(m, 90);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(prt_system_context(d), "sys-a");
    prt_system_descr(d, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "Oce VarioPrint 6330");
    CU_ASSERT_EQUAL(prt_system_object_id(d, &ids), 11);
    CU_ASSERT_EQUAL(ids[6], 1552);
    CU_ASSERT_STRING_EQUAL(prt_system_name(d), "sys-a");
    CU_ASSERT_STRING_EQUAL(d->sys.contact, "ops");
    CU_ASSERT_STRING_EQUAL(d->sys.location, "hall B");
    CU_ASSERT_EQUAL(prt_system_services(d), 72);
    CU_ASSERT_FALSE(d->sys.default_context);

    d = prt_model_find(m, 91);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(prt_system_context(d), "sys-b2");
    prt_system_descr(d, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "Maker Model");
    CU_ASSERT_EQUAL(prt_system_object_id(d, &ids), 9);
    CU_ASSERT_EQUAL(ids[6], 367);
    CU_ASSERT_STRING_EQUAL(prt_system_name(d), "nb");
    CU_ASSERT_EQUAL(prt_system_services(d), 6);
    CU_ASSERT_TRUE(d->sys.default_context);
    CU_ASSERT_PTR_NULL(prt_model_find(m, 92));

    CU_ASSERT_TRUE(prt_system_context_valid("a.b-c_1"));
    CU_ASSERT_FALSE(prt_system_context_valid(""));
    CU_ASSERT_FALSE(prt_system_context_valid("a b"));
    CU_ASSERT_FALSE(prt_system_context_valid("123456789012345678901234567890123"));
    prt_profile_free(p);
    prt_model_free(m);
}

static void test_enum_numbers_and_labels(void)
{
    struct prt_profile *p = builder(80, "enums");
    struct prt_model *m = prt_model_new();
    struct prt_device *d;
    char err[512];

    CU_ASSERT_EQUAL(line(p, "printdevInput", "1 type 5 unit percent security 3", err, sizeof(err)),
                    0);
    CU_ASSERT_EQUAL(line(p, "printdevSupply", "1 type hundrethsOfFluidOunces", err, sizeof(err)),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(
        line(p, "printdevSupply", "2 unit hundrethsOfFluidOunces type 36", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(
        line(p, "printdevPort", "1 protocol 9999 enabled off altSource true", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevLight", "1 role ready color 9", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(
        line(p, "printdevInterpreter", "2 charsetIn 2024 charsetOut csUTF16", err, sizeof(err)), 0);
    prt_profile_free(p);

    p = builder(81, "enums2");
    CU_ASSERT_EQUAL(line(p, "printdevInput", "1 type 5 unit percent security 3", err, sizeof(err)),
                    0);
    CU_ASSERT_EQUAL(
        line(p, "printdevSupply", "2 unit hundrethsOfFluidOunces type 36", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(
        line(p, "printdevPort", "1 protocol 9999 enabled off altSource true", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevLight", "1 role ready color 9", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(
        line(p, "printdevInterpreter", "2 charsetIn 2024 charsetOut csUTF16", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(
        line(p, "printdevRules", "removalEntries on unaryMaxAge 3600", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(line(p, "printdevDeviceId", ".1.3.6.1.4.1.367.1", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, NULL, NULL), 1);
    d = prt_model_find(m, 81);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->type, PrtInputTypeTC_sheetFeedManual);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->capacity_unit, PrtCapacityUnitTC_percent);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->security, PresentOnOff_on);
    CU_ASSERT_EQUAL(prt_supply_find(d, 2)->type, PrtMarkerSuppliesTypeTC_matteInk);
    CU_ASSERT_EQUAL(prt_supply_find(d, 2)->supply_unit, 14);
    CU_ASSERT_EQUAL(prt_port_find(d, 1)->protocol_type, 9999);
    CU_ASSERT_FALSE(prt_port_find(d, 1)->enabled);
    CU_ASSERT_TRUE(prt_port_find(d, 1)->alt_source_enabled);
    CU_ASSERT_EQUAL(prt_light_find(d, 1)->role, PRT_LIGHT_READY);
    CU_ASSERT_EQUAL(prt_light_find(d, 1)->color, PrtConsoleColorTC_yellow);
    CU_ASSERT_EQUAL(prt_interpreter_find(d, 2)->default_charset_in, 2024);
    CU_ASSERT_EQUAL(prt_interpreter_find(d, 2)->default_charset_out, 1015);
    CU_ASSERT_TRUE(d->rules.removal_entries);
    CU_ASSERT_EQUAL(d->rules.unary_max_age, 3600);
    CU_ASSERT_EQUAL(d->hr_device_id.len, 8);
    CU_ASSERT_EQUAL(d->hr_device_id.ids[6], 367);
    /* the hrDeviceDescr and printer name default to the device name */
    CU_ASSERT_STRING_EQUAL(d->hr_descr, "enums2");
    CU_ASSERT_STRING_EQUAL(d->general.printer_name, "enums2");
    prt_profile_free(p);
    prt_model_free(m);
}

static void test_token_table(void)
{
    struct prt_profile *p = prt_profile_new();
    char err[512];
    size_t i;

    CU_ASSERT_EQUAL(line(p, "printdevDevice", "90 tokens", err, sizeof(err)), 0);
    for (i = 0; prt_profile_tokens[i].token != NULL; i++) {
        CU_ASSERT_EQUAL(strncmp(prt_profile_tokens[i].token, "printdev", 8), 0);
        CU_ASSERT_PTR_NOT_NULL(prt_profile_tokens[i].help);
        if (strcmp(prt_profile_tokens[i].token, "printdevDevice") == 0)
            continue;
        /* every listed token is known to the parser (whatever else its
         * arguments make it say) */
        line(p, prt_profile_tokens[i].token, "", err, sizeof(err));
        CU_ASSERT_PTR_NULL(strstr(err, "unknown token"));
    }
    CU_ASSERT_EQUAL(i, 25); /* printdevIdentity and printdevSystem included */
    prt_profile_free(p);
}

/* The benchmark profile generator writes a profile that loads cleanly. */
static void test_generated_large_profile(void)
{
    char dir[] = "/tmp/test_profile.XXXXXX", path[4200], cmd[8600];
    struct prt_profile *p;
    struct prt_model *m;
    struct msgs msgs;

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/large.conf", dir);
    snprintf(cmd, sizeof(cmd), "sh '%s/tools/gen-large-profile.sh' -n 100 -f 101 -o '%s'", srcdir(),
             path);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    p = prt_profile_new();
    m = prt_model_new();
    memset(&msgs, 0, sizeof(msgs));
    CU_ASSERT_EQUAL(prt_profile_load_file(p, path, collect, &msgs), 0);
    CU_ASSERT_EQUAL(prt_profile_finish(p, m, collect, &msgs), 100);
    CU_ASSERT_EQUAL(msgs.n, 0);
    CU_ASSERT_EQUAL(m->devices[0]->hr_index, 101);
    CU_ASSERT_EQUAL(m->devices[99]->hr_index, 200);
    CU_ASSERT_STRING_EQUAL(m->devices[99]->name, "bench-00200");
    prt_profile_free(p);
    prt_model_free(m);
    /* bad arguments are refused */
    snprintf(cmd, sizeof(cmd), "sh '%s/tools/gen-large-profile.sh' -n 0 >/dev/null 2>&1", srcdir());
    CU_ASSERT_NOT_EQUAL(system(cmd), 0);
    unlink(path);
    rmdir(dir);
}

/* PRT_MAX_DEVICES: the devices beyond it are refused, each with a message
 * naming the limit; the first PRT_MAX_DEVICES are served. */
static void test_device_limit(void)
{
    struct prt_profile *p = prt_profile_new();
    struct prt_model *m = prt_model_new();
    static struct msgs msgs;
    char args[64], err[512];
    int added, bad = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    memset(&msgs, 0, sizeof(msgs));
    for (int i = 1; i <= PRT_MAX_DEVICES + 2; i++) {
        snprintf(args, sizeof(args), "%d dev-%d", i, i);
        bad += line(p, "printdevDevice", args, err, sizeof(err)) != 0;
        bad += line(p, "printdevLocalization", "1 language en country US charset 106", err,
                    sizeof(err)) != 0;
        bad += line(p, "printdevInput", "1", err, sizeof(err)) != 0;
        bad += line(p, "printdevMarker", "1", err, sizeof(err)) != 0;
        bad += line(p, "printdevOutput", "1", err, sizeof(err)) != 0;
        bad += line(p, "printdevMediaPath", "1", err, sizeof(err)) != 0;
        bad += line(p, "printdevChannel", "1", err, sizeof(err)) != 0;
        bad += line(p, "printdevInterpreter", "1", err, sizeof(err)) != 0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    added = prt_profile_finish(p, m, collect, &msgs);
    CU_ASSERT_EQUAL(added, PRT_MAX_DEVICES);
    CU_ASSERT_EQUAL(m->n_devices, (size_t)PRT_MAX_DEVICES);
    CU_ASSERT_PTR_NOT_NULL(prt_model_find(m, PRT_MAX_DEVICES));
    CU_ASSERT_PTR_NULL(prt_model_find(m, PRT_MAX_DEVICES + 1));
    CU_ASSERT_EQUAL(msgs.n, 2);
    snprintf(args, sizeof(args), "device dev-%d (index %d) not registered: ", PRT_MAX_DEVICES + 2,
             PRT_MAX_DEVICES + 2);
    CU_ASSERT_TRUE(has_substr(&msgs, args));
    CU_ASSERT_TRUE(has_substr(&msgs, "more than 4096 devices configured; one agent serves at "
                                     "most 4096 (PRT_MAX_DEVICES"));
    prt_profile_free(p);
    prt_model_free(m);
}

/* A state file written before the state fields came from the column
 * catalogue (tests/fixtures/state/production-before-catalogue.state: device
 * prod-1 of conf/profiles/production.conf with live values, configuration
 * SETs and console text) loads, and is written again byte for byte. */
static void test_state_file_from_before_catalogue(void)
{
    struct prt_model *m = prt_model_new();
    struct prt_profile *p = prt_profile_new();
    struct prt_device *d;
    char path[1024], msg[512], *buf, *out = NULL;
    size_t len, outlen = 0;
    FILE *f;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    src_path(path, sizeof(path), "conf/profiles/production.conf");
    CU_ASSERT_EQUAL_FATAL(prt_profile_load_file(p, path, NULL, NULL), 0);
    CU_ASSERT(prt_profile_finish(p, m, NULL, NULL) > 0);
    d = prt_model_find(m, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    src_path(path, sizeof(path), "tests/fixtures/state/production-before-catalogue.state");
    f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    buf = malloc(1 << 16);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    CU_ASSERT(len > 0 && len < 1 << 16);
    if (prt_state_load_buffer(d, "old.state", buf, len, msg, sizeof(msg)) != 0)
        fprintf(stderr, "load: %s\n", msg);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->current_level, 7);
    CU_ASSERT_STRING_EQUAL(d->general.printer_name, "saved \"name\"");
    CU_ASSERT_TRUE(prt_media_path_find(d, 1)->jammed);
    CU_ASSERT_EQUAL(prt_state_format(d, &out, &outlen), 0);
    CU_ASSERT_EQUAL(outlen, len);
    CU_ASSERT(out != NULL && outlen == len && memcmp(out, buf, len) == 0);
    free(out);
    free(buf);
    prt_profile_free(p);
    prt_model_free(m);
}

static void register_profile_suite(void)
{
    CU_pSuite s = cu_add_suite("profile", NULL, NULL);

    CU_ADD(s, test_production_profile);
    CU_ADD(s, test_office_profile);
    CU_ADD(s, test_both_profiles);
    CU_ADD(s, test_error_messages);
    CU_ADD(s, test_broken_device_dropped);
    CU_ADD(s, test_include_errors);
    CU_ADD(s, test_include_tree);
    CU_ADD(s, test_quoting_and_escapes);
    CU_ADD(s, test_line_errors);
    CU_ADD(s, test_no_device_and_duplicates);
    CU_ADD(s, test_already_registered);
    CU_ADD(s, test_system);
    CU_ADD(s, test_enum_numbers_and_labels);
    CU_ADD(s, test_token_table);
    CU_ADD(s, test_generated_large_profile);
    CU_ADD(s, test_device_limit);
    CU_ADD(s, test_state_file_from_before_catalogue);
}

const cu_registrar cu_suites[] = {register_profile_suite, NULL};
