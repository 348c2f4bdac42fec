/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_state.c: unit tests of the durable state file (prt_state.c): a
 * round trip of every stored field, atomic writing (mode 0600, no temp file
 * left), rejection of truncated, damaged, foreign and malformed files with
 * nothing applied, entries naming rows the profile no longer has, state
 * files refused as symbolic links or of a foreign owner, and rejected files
 * kept aside as NAME.state.bad-YYYYMMDDTHHMMSS.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cu_runner.h"
#include "prt_columns.h"
#include "prt_model.h"
#include "prt_state.h"

static char tmpdir[256];

static int suite_init(void)
{
    const char *base = getenv("TMPDIR");

    snprintf(tmpdir, sizeof(tmpdir), "%s/test_state.XXXXXX", base ? base : "/tmp");
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int suite_clean(void)
{
    char cmd[PATH_MAX + 16];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A device with a few rows in every table the state file covers. */
static struct prt_device *fixture(const char *name, int n_inputs)
{
    struct prt_device *d = prt_device_new(3, name);
    struct prt_localization l;
    struct prt_input in;
    struct prt_output out;
    struct prt_marker mk;
    struct prt_supply su;
    struct prt_colorant co;
    struct prt_media_path mp;
    struct prt_channel ch;
    struct prt_interpreter it;
    struct prt_cover cv;
    struct prt_display_line dl;
    struct prt_light li;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    prt_localization_init(&l, 1);
    CU_ASSERT_EQUAL(prt_localization_add(d, &l), 0);
    for (int i = 1; i <= n_inputs; i++) {
        prt_input_init(&in, i);
        in.max_capacity = 500;
        in.current_level = 500;
        snprintf(in.name, sizeof(in.name), "Tray %d", i);
        CU_ASSERT_EQUAL(prt_input_add(d, &in), 0);
    }
    for (int i = 1; i <= 2; i++) {
        prt_output_init(&out, i);
        out.max_capacity = 250;
        out.remaining_capacity = 250;
        CU_ASSERT_EQUAL(prt_output_add(d, &out), 0);
    }
    prt_marker_init(&mk, 1);
    CU_ASSERT_EQUAL(prt_marker_add(d, &mk), 0);
    prt_colorant_init(&co, 1);
    co.marker_index = 1;
    CU_ASSERT_EQUAL(prt_colorant_add(d, &co), 0);
    for (int i = 1; i <= 2; i++) {
        prt_supply_init(&su, i);
        su.marker_index = 1;
        su.colorant_index = 1;
        su.max_capacity = 100;
        su.level = 100;
        CU_ASSERT_EQUAL(prt_supply_add(d, &su), 0);
    }
    prt_media_path_init(&mp, 1);
    CU_ASSERT_EQUAL(prt_media_path_add(d, &mp), 0);
    prt_channel_init(&ch, 1);
    CU_ASSERT_EQUAL(prt_channel_add(d, &ch), 0);
    prt_interpreter_init(&it, 1);
    CU_ASSERT_EQUAL(prt_interpreter_add(d, &it), 0);
    for (int i = 1; i <= 2; i++) {
        prt_cover_init(&cv, i);
        cv.status = PrtCoverStatusTC_coverClosed;
        CU_ASSERT_EQUAL(prt_cover_add(d, &cv), 0);
        memset(&dl, 0, sizeof(dl));
        dl.index = i;
        CU_ASSERT_EQUAL(prt_display_add(d, &dl), 0);
        prt_light_init(&li, i);
        CU_ASSERT_EQUAL(prt_light_add(d, &li), 0);
    }
    return d;
}

static void add_alert(struct prt_device *d, int32_t index, int32_t sev, int32_t code,
                      const char *descr, uint64_t key, uint64_t seq)
{
    struct prt_alert *na = realloc(d->alerts, (d->n_alerts + 1) * sizeof(*na));
    struct prt_alert *a;

    CU_ASSERT_PTR_NOT_NULL_FATAL(na);
    d->alerts = na;
    a = &d->alerts[d->n_alerts++];
    memset(a, 0, sizeof(*a));
    a->index = index;
    a->severity = sev;
    a->training = PrtAlertTrainingLevelTC_untrained;
    a->group = PrtAlertGroupTC_input;
    a->group_index = 1;
    a->location = -2;
    a->code = code;
    snprintf(a->description, sizeof(a->description), "%s", descr);
    a->time = 4242 + (uint32_t)index;
    a->key = key;
    a->seq = seq;
}

/* Changes every live field of the fixture to a non-default value. */
static void mutate_live(struct prt_device *d)
{
    d->inputs[0].current_level = 17;
    d->inputs[1].current_level = 0;
    d->inputs[1].missing = true;
    d->outputs[0].remaining_capacity = 0;
    d->outputs[0].full_sensor = true;
    d->outputs[1].offline = true;
    d->outputs[1].missing = true;
    d->supplies[0].level = 3;
    d->supplies[1].missing = true;
    d->covers[1].status = PrtCoverStatusTC_coverOpen;
    d->media_paths[0].jammed = true;
    d->media_paths[0].jam_location = 31;
    d->markers[0].life_count = 4000000000u;
    d->markers[0].power_on_count = 1234;
    d->general.config_changes = 77;
    d->general.alert_critical_events = 5;
    d->general.alert_all_events = 9;
    d->hr_device_errors = 5;
    d->next_alert_index = 12;
    d->alert_seq = 11;
    d->cond.engine = PRT_ENGINE_PRINTING;
    d->cond.service_requested = true;
    d->cond.overdue_maintenance = true;
    d->cond.operator_intervention = true;
    d->console_text_from_feed = true;
    snprintf(d->display[0].text, sizeof(d->display[0].text), "Tray 2 \"A4\" \\ empty \xc3\xa9");
    d->billing[PRT_BILL_MONO][PRT_BILL_SMALL][PRT_BILL_SIMPLEX] = UINT64_C(18446744073709551615);
    d->billing[PRT_BILL_COLOR][PRT_BILL_LARGE][PRT_BILL_DUPLEX] = 42;
    add_alert(d, 3, PrtAlertSeverityLevelTC_warningBinaryChangeEvent,
              PrtAlertCodeTC_inputMediaSupplyEmpty, "Tray 2 is empty", UINT64_C(1) << 63 | 99, 4);
    add_alert(d, 7, PrtAlertSeverityLevelTC_critical, PrtAlertCodeTC_jam, "Paper jam \"x\"",
              UINT64_C(1) << 63 | 5, 8);
    add_alert(d, 11, PrtAlertSeverityLevelTC_warning, PrtAlertCodeTC_other, "", 0, 11);
}

static char *format(const struct prt_device *d)
{
    char *out = NULL;
    size_t len = 0;

    CU_ASSERT_EQUAL_FATAL(prt_state_format(d, &out, &len), 0);
    CU_ASSERT_EQUAL(strlen(out), len);
    return out;
}

static void path_of(char *buf, size_t cap, const char *name, const char *suffix)
{
    snprintf(buf, cap, "%s/%s.state%s", tmpdir, name, suffix);
}

static void test_round_trip(void)
{
    struct prt_device *a = fixture("rt", 3), *b = fixture("rt", 3);
    char msg[512], path[PATH_MAX];
    struct stat st;
    char *fa, *fb;

    mutate_live(a);
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    path_of(path, sizeof(path), "rt", "");
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
    path_of(path, sizeof(path), "rt", ".tmp");
    CU_ASSERT_EQUAL(stat(path, &st), -1);

    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_STRING_EQUAL(msg, "");
    /* every live field, explicitly */
    CU_ASSERT_EQUAL(b->inputs[0].current_level, 17);
    CU_ASSERT_EQUAL(b->inputs[1].current_level, 0);
    CU_ASSERT_TRUE(b->inputs[1].missing);
    CU_ASSERT_FALSE(b->inputs[0].missing);
    CU_ASSERT_EQUAL(b->outputs[0].remaining_capacity, 0);
    CU_ASSERT_TRUE(b->outputs[0].full_sensor);
    CU_ASSERT_TRUE(b->outputs[1].offline);
    CU_ASSERT_TRUE(b->outputs[1].missing);
    CU_ASSERT_EQUAL(b->supplies[0].level, 3);
    CU_ASSERT_TRUE(b->supplies[1].missing);
    CU_ASSERT_EQUAL(b->covers[1].status, PrtCoverStatusTC_coverOpen);
    CU_ASSERT_EQUAL(b->covers[0].status, PrtCoverStatusTC_coverClosed);
    CU_ASSERT_TRUE(b->media_paths[0].jammed);
    CU_ASSERT_EQUAL(b->media_paths[0].jam_location, 31);
    CU_ASSERT_EQUAL(b->markers[0].life_count, 4000000000u);
    CU_ASSERT_EQUAL(b->markers[0].power_on_count, 1234);
    CU_ASSERT_EQUAL(b->general.config_changes, 77);
    CU_ASSERT_EQUAL(b->general.alert_critical_events, 5);
    CU_ASSERT_EQUAL(b->general.alert_all_events, 9);
    CU_ASSERT_EQUAL(b->hr_device_errors, 5);
    CU_ASSERT_EQUAL(b->next_alert_index, 12);
    CU_ASSERT_EQUAL(b->alert_seq, 11);
    CU_ASSERT_EQUAL(b->cond.engine, PRT_ENGINE_PRINTING);
    CU_ASSERT_TRUE(b->cond.service_requested);
    CU_ASSERT_TRUE(b->cond.overdue_maintenance);
    CU_ASSERT_TRUE(b->cond.operator_intervention);
    CU_ASSERT_TRUE(b->console_text_from_feed);
    CU_ASSERT_STRING_EQUAL(b->display[0].text, a->display[0].text);
    CU_ASSERT_EQUAL(b->billing[PRT_BILL_MONO][PRT_BILL_SMALL][PRT_BILL_SIMPLEX],
                    UINT64_C(18446744073709551615));
    CU_ASSERT_EQUAL(b->billing[PRT_BILL_COLOR][PRT_BILL_LARGE][PRT_BILL_DUPLEX], 42);
    CU_ASSERT_EQUAL_FATAL(b->n_alerts, 3);
    CU_ASSERT_EQUAL(memcmp(a->alerts, b->alerts, 3 * sizeof(*a->alerts)), 0);
    /* and everything else the format covers */
    fa = format(a);
    fb = format(b);
    CU_ASSERT_STRING_EQUAL(fa, fb);
    if (strcmp(fa, fb) != 0)
        fprintf(stderr, "\n--- saved\n%s--- restored\n%s", fa, fb);
    free(fa);
    free(fb);
    prt_device_free(a);
    prt_device_free(b);
}

/* Every writable column the model reports is saved and comes back. */
static void test_writable_columns(void)
{
    struct prt_device *a = fixture("wr", 2), *b = fixture("wr", 2);
    char msg[512];
    char *fa, *fb;

    if (prt_column_writable(PRT_T_GENERAL, PRT_COL_GENERAL_CURRENT_OPERATOR))
        snprintf(a->general.current_operator, sizeof(a->general.current_operator),
                 "mailto:ops@example.org");
    if (prt_column_writable(PRT_T_GENERAL, PRT_COL_GENERAL_PRINTER_NAME))
        snprintf(a->general.printer_name, sizeof(a->general.printer_name), "Hall B \"left\"");
    if (prt_column_writable(PRT_T_GENERAL, PRT_COL_AUXILIARY_SHEET_BANNER_PAGE))
        a->general.banner_page = PresentOnOff_on;
    if (prt_column_writable(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_NAME))
        snprintf(a->inputs[1].media_name, sizeof(a->inputs[1].media_name), "A4 plain");
    if (prt_column_writable(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_WEIGHT))
        a->inputs[0].media_weight = 80;
    if (prt_column_writable(PRT_T_OUTPUT, PRT_COL_OUTPUT_NAME))
        snprintf(a->outputs[1].name, sizeof(a->outputs[1].name), "Stacker");
    if (prt_column_writable(PRT_T_LIGHT, PRT_COL_CONSOLE_ON_TIME))
        a->lights[0].on_time = 1000;
    if (prt_column_writable(PRT_T_CHANNEL, PRT_COL_CHANNEL_STATE))
        a->channels[0].state = PrtChannelStateTC_noDataAccepted;
    if (prt_column_writable(PRT_T_INTERPRETER, PRT_COL_INTERPRETER_DEFAULT_ORIENTATION))
        a->interpreters[0].default_orientation = PrtPrintOrientationTC_landscape;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_STRING_EQUAL(msg, "");
    CU_ASSERT_STRING_EQUAL(a->general.current_operator, b->general.current_operator);
    CU_ASSERT_STRING_EQUAL(a->general.printer_name, b->general.printer_name);
    CU_ASSERT_EQUAL(a->general.banner_page, b->general.banner_page);
    CU_ASSERT_STRING_EQUAL(a->inputs[1].media_name, b->inputs[1].media_name);
    CU_ASSERT_EQUAL(a->inputs[0].media_weight, b->inputs[0].media_weight);
    CU_ASSERT_STRING_EQUAL(a->outputs[1].name, b->outputs[1].name);
    CU_ASSERT_EQUAL(a->lights[0].on_time, b->lights[0].on_time);
    CU_ASSERT_EQUAL(a->channels[0].state, b->channels[0].state);
    CU_ASSERT_EQUAL(a->interpreters[0].default_orientation, b->interpreters[0].default_orientation);
    /* config_changes is restored as saved, not bumped by the replayed SETs */
    CU_ASSERT_EQUAL(a->general.config_changes, b->general.config_changes);
    fa = format(a);
    fb = format(b);
    CU_ASSERT_STRING_EQUAL(fa, fb);
    if (strcmp(fa, fb) != 0)
        fprintf(stderr, "\n--- saved\n%s--- restored\n%s", fa, fb);
    free(fa);
    free(fb);
    prt_device_free(a);
    prt_device_free(b);
}

/* Loading buf must fail with a file:line message and leave d unchanged. */
static void expect_rejected(const char *buf, size_t len, const char *needle)
{
    struct prt_device *d = fixture("rj", 3);
    char msg[512];
    char *before, *after;
    uint64_t gen = d->generation;
    int rc;

    before = format(d);
    rc = prt_state_load_buffer(d, "rj.state", buf, len, msg, sizeof(msg));
    CU_ASSERT(rc < 0);
    CU_ASSERT(strncmp(msg, "rj.state", 8) == 0);
    if (needle != NULL && strstr(msg, needle) == NULL) {
        fprintf(stderr, "\nmessage \"%s\" lacks \"%s\"\n", msg, needle);
        CU_FAIL("message text");
    }
    after = format(d);
    CU_ASSERT_STRING_EQUAL(before, after);
    CU_ASSERT_EQUAL(d->generation, gen);
    free(before);
    free(after);
    prt_device_free(d);
}

static void test_truncated_rejected(void)
{
    struct prt_device *a = fixture("rj", 3);
    char *f;
    size_t len;

    mutate_live(a);
    f = format(a);
    len = strlen(f);
    for (size_t cut = 0; cut < len; cut++)
        expect_rejected(f, cut, NULL);
    expect_rejected(f, len - 1, "truncated");
    free(f);
    prt_device_free(a);
}

static void test_damaged_rejected(void)
{
    struct prt_device *a = fixture("rj", 3);
    char *f;
    size_t len;

    mutate_live(a);
    f = format(a);
    len = strlen(f);
    for (size_t i = 0; i < len; i++) {
        char saved = f[i];

        f[i] = (char)(f[i] ^ 0x01);
        if (f[i] == '\0')
            f[i] = 'x';
        expect_rejected(f, len, NULL);
        f[i] = saved;
    }
    /* a changed value with the old checksum */
    {
        char *p = strstr(f, "input.current_level 1 17");
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        p[22] = '8';
        expect_rejected(f, len, "checksum");
    }
    free(f);
    prt_device_free(a);
}

/* Builds a file with a correct trailer around body. */
static char *with_trailer(const char *body)
{
    size_t bl = strlen(body), cap = bl + 64;
    char *f = malloc(cap);
    unsigned lines = 0;

    for (const char *p = body; *p; p++)
        lines += *p == '\n';
    snprintf(f, cap, "%s", body);
    snprintf(f + bl, cap - bl, "end %u %08lx\n", lines, prt_state_crc32(0, body, bl));
    return f;
}

static void reject_body(const char *body, const char *needle)
{
    char *f = with_trailer(body);

    expect_rejected(f, strlen(f), needle);
    free(f);
}

static void test_malformed_rejected(void)
{
    reject_body("printdev-state 2\ndevice 3 \"rj\"\n", "version 2");
    reject_body("printdev-stat 1\ndevice 3 \"rj\"\n", "not a printdev state file");
    reject_body("printdev-state 1\ndevice 3 \"other\"\n", "belongs to device");
    reject_body("printdev-state 1\ninput.current_level 1 5\n", "device line");
    reject_body("printdev-state 1\n", "device line");
    /* a good line followed by a bad one applies nothing */
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ninput.current_level 1 5\n"
                "cover.status 1 99\n",
                ":4: cover.status: 99 is not a PrtCoverStatusTC value");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ninput.current_level 1 5\n"
                "input.nonsense 1 5\n",
                ":4: unknown key");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ninput.current_level 1 -4\n", "out of range");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ninput.current_level 1 5x\n", ":3:");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ninput.current_level 1 99999999999\n", ":3:");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ninput.missing 1 maybe\n", "yes or no");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ninput.missing 0 yes\n", "bad index");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ndevice.alert_seq 1 5\n", "bad index");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ndisplay.text 1 \"unterminated\n", ":3:");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ndisplay.text 1 \"bad \\q escape\"\n", ":3:");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ndisplay.text 1 \"nul \\x00\"\n", ":3:");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\ndisplay.text 1 \"ok\" extra\n",
                "trailing text");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\n"
                "alert 5 3 3 8 1 -2 808 100 0 1 \"a\"\n"
                "alert 5 3 3 8 1 -2 808 100 0 2 \"b\"\n",
                ":4: alert: index 5 out of order or duplicate");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\nalert 5 2 3 8 1 -2 808 100 0 1 \"a\"\n",
                "bad severity");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\nalert 0 3 3 8 1 -2 808 100 0 1 \"a\"\n",
                "index out of range");
    reject_body("printdev-state 1\ndevice 3 \"rj\"\nalert 5 3 3 8 1 -2 808 100 0 1\n", "malformed");
    {
        /* a 256-octet description does not fit the MIB SIZE(0..255) */
        char body[1024];
        int n = snprintf(body, sizeof(body),
                         "printdev-state 1\ndevice 3 \"rj\"\nalert 5 3 3 8 1 -2 808 100 0 1 \"");
        memset(body + n, 'x', 256);
        snprintf(body + n + 256, sizeof(body) - (size_t)n - 256, "\"\n");
        reject_body(body, "alert");
    }
    /* a bad trailer */
    {
        const char *f = "printdev-state 1\ndevice 3 \"rj\"\nend 1 00000000\n";
        expect_rejected(f, strlen(f), "end line counts");
        f = "printdev-state 1\ndevice 3 \"rj\"\nend x\n";
        expect_rejected(f, strlen(f), "no end line");
        f = "printdev-state 1\ndevice 3 \"rj\"\n";
        expect_rejected(f, strlen(f), "no end line");
        expect_rejected("printdev-state 1\0\n", 18, "NUL");
    }
}

/* Rows the profile lost are skipped and reported; the rest is restored. */
static void test_missing_rows(void)
{
    struct prt_device *a = fixture("mr", 3), *b = fixture("mr", 1);
    char msg[1024];

    a->inputs[0].current_level = 42;
    a->inputs[2].current_level = 7;
    a->inputs[2].missing = true;
    add_alert(a, 2, PrtAlertSeverityLevelTC_critical, PrtAlertCodeTC_jam, "jam", 0, 2);
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(b->inputs[0].current_level, 42);
    CU_ASSERT_EQUAL(b->n_inputs, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "input 3 is not in the profile"));
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "input 2 is not in the profile"));
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "mr.state:"));
    CU_ASSERT_EQUAL(b->n_alerts, 1);
    prt_device_free(a);
    prt_device_free(b);
}

/* A level above a (smaller) capacity in the new profile is skipped. */
static void test_level_over_capacity(void)
{
    struct prt_device *a = fixture("oc", 1), *b = fixture("oc", 1);
    char msg[512];

    a->supplies[0].level = 90;
    a->supplies[1].level = 20;
    b->supplies[0].max_capacity = 50;
    b->supplies[0].level = 50;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    if (!prt_column_writable(PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_MAX_CAPACITY)) {
        CU_ASSERT_EQUAL(b->supplies[0].level, 50);
        CU_ASSERT_PTR_NOT_NULL(strstr(msg, "supply.level 1"));
    }
    CU_ASSERT_EQUAL(b->supplies[1].level, 20);
    prt_device_free(a);
    prt_device_free(b);
}

/* Saved capacity and level are replayed whatever order fits the profile
 * (prt_set_check keeps level <= max both ways). */
static void test_level_and_capacity_order(void)
{
    static const int32_t cases[][2] = {{300, 250}, {800, 700}};
    char msg[512];

    if (!prt_column_writable(PRT_T_INPUT, PRT_COL_INPUT_MAX_CAPACITY) ||
        !prt_column_writable(PRT_T_INPUT, PRT_COL_INPUT_CURRENT_LEVEL))
        return;
    for (size_t i = 0; i < 2; i++) {
        struct prt_device *a = fixture("lc", 1), *b = fixture("lc", 1);

        b->inputs[0].max_capacity = 500;
        b->inputs[0].current_level = 400;
        a->inputs[0].max_capacity = cases[i][0];
        a->inputs[0].current_level = cases[i][1];
        CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
        CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
        CU_ASSERT_STRING_EQUAL(msg, "");
        CU_ASSERT_EQUAL(b->inputs[0].max_capacity, cases[i][0]);
        CU_ASSERT_EQUAL(b->inputs[0].current_level, cases[i][1]);
        prt_device_free(a);
        prt_device_free(b);
    }
}

/* Lights the rules drive are neither saved nor restored. */
static void test_role_lights(void)
{
    struct prt_device *a = fixture("lr", 1), *b = fixture("lr", 1);
    char msg[512];
    char *f;
    size_t len;

    a->lights[0].role = PRT_LIGHT_READY;
    a->lights[0].on_time = 1000;
    b->lights[0].role = PRT_LIGHT_READY;
    CU_ASSERT_EQUAL(prt_state_format(a, &f, &len), 0);
    CU_ASSERT_PTR_NULL(strstr(f, "light.on_time 1 "));
    if (prt_column_writable(PRT_T_LIGHT, PRT_COL_CONSOLE_ON_TIME))
        CU_ASSERT_PTR_NOT_NULL(strstr(f, "light.on_time 2 "));
    free(f);
    /* a file written while the light had no role: skipped without a word */
    a->lights[0].role = PRT_LIGHT_NONE;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_STRING_EQUAL(msg, "");
    CU_ASSERT_EQUAL(b->lights[0].on_time, 0);
    prt_device_free(a);
    prt_device_free(b);
}

/* The device keeps its state when the profile renumbers it; the log says so. */
static void test_renumbered_device(void)
{
    struct prt_device *a = fixture("rn", 1), *b = fixture("rn", 1);
    char msg[512];

    b->hr_index = 9;
    a->inputs[0].current_level = 33;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(b->inputs[0].current_level, 33);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(msg, "rn.state:2: ignored: the hrDeviceIndex it was saved for (3)"));
    prt_device_free(a);
    prt_device_free(b);
}

static void test_no_file_and_bad_names(void)
{
    struct prt_device *d = fixture("absent", 1);
    char msg[512];

    CU_ASSERT_EQUAL(prt_state_load(d, tmpdir, msg, sizeof(msg)), -PRT_ENOENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "absent.state"));
    prt_device_free(d);

    d = fixture("../evil", 1);
    CU_ASSERT_EQUAL(prt_state_save(d, tmpdir), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_state_load(d, tmpdir, msg, sizeof(msg)), -PRT_EINVAL);
    prt_device_free(d);

    d = fixture("nodir", 1);
    CU_ASSERT_EQUAL(prt_state_save(d, "/nonexistent-dir-for-state-test"), -PRT_EIO);
    prt_device_free(d);
}

/* A stale temp file from a crash does not matter; a save replaces the file
 * and keeps the old one until the rename. */
static void test_previous_file_kept(void)
{
    struct prt_device *a = fixture("pk", 1), *b = fixture("pk", 1);
    char path[PATH_MAX], msg[256];
    FILE *fp;

    a->inputs[0].current_level = 11;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    /* a torn write of the next save, as after a crash before rename */
    path_of(path, sizeof(path), "pk", ".tmp");
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("printdev-state 1\ndevice 3 \"pk\"\ninput.current_le", fp);
    fclose(fp);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(b->inputs[0].current_level, 11);
    a->inputs[0].current_level = 12;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(b->inputs[0].current_level, 12);
    CU_ASSERT_EQUAL(access(path, F_OK), -1);
    prt_device_free(a);
    prt_device_free(b);
}

/* A state file reached through a symbolic link is refused, whatever it
 * points at; nothing is applied. */
static void test_symlink_refused(void)
{
    struct prt_device *a = fixture("sl", 1), *b = fixture("sl", 1);
    char path[PATH_MAX], target[PATH_MAX], msg[512];

    a->inputs[0].current_level = 7;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    path_of(path, sizeof(path), "sl", "");
    path_of(target, sizeof(target), "sl", ".target");
    CU_ASSERT_EQUAL_FATAL(rename(path, target), 0);
    CU_ASSERT_EQUAL_FATAL(symlink(target, path), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), -PRT_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "sl.state: is a symbolic link; refused"));
    CU_ASSERT_NOT_EQUAL(b->inputs[0].current_level, 7);
    /* a save replaces the link itself, never writes through it */
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(b->inputs[0].current_level, 7);
    unlink(path);
    unlink(target);
    prt_device_free(a);
    prt_device_free(b);
}

/* A file owned by another user (not root) is refused unless that user is
 * the one the agent runs as (prt_state_trust_uid).  Needs root to chown. */
static void test_foreign_owner_refused(void)
{
    struct prt_device *a = fixture("fo", 1), *b = fixture("fo", 1);
    char path[PATH_MAX], msg[512];
    const uid_t other = 54321;

    if (geteuid() != 0) {
        prt_device_free(a);
        prt_device_free(b);
        return; /* chown needs root; the other checks still run */
    }
    a->inputs[0].current_level = 9;
    CU_ASSERT_EQUAL(prt_state_save(a, tmpdir), 0);
    path_of(path, sizeof(path), "fo", "");
    CU_ASSERT_EQUAL_FATAL(chown(path, other, (gid_t)-1), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), -PRT_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "owned by uid 54321, not by the agent's user or root"));
    CU_ASSERT_NOT_EQUAL(b->inputs[0].current_level, 9);
    prt_state_trust_uid(other);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(b->inputs[0].current_level, 9);
    prt_state_trust_uid((uid_t)-1);
    /* root's own files are accepted */
    CU_ASSERT_EQUAL_FATAL(chown(path, 0, (gid_t)-1), 0);
    CU_ASSERT_EQUAL(prt_state_load(b, tmpdir, msg, sizeof(msg)), 0);
    unlink(path);
    prt_device_free(a);
    prt_device_free(b);
}

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *fp = fopen(path, "r");
    size_t n;

    if (fp == NULL)
        return NULL;
    n = fread(buf, 1, sizeof(buf) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* A rejected file is moved aside as NAME.state.bad-YYYYMMDDTHHMMSS, never
 * over an earlier copy. */
static void test_rejected_kept(void)
{
    struct prt_device *d = fixture("kb", 1);
    char path[PATH_MAX], kept1[PATH_MAX], kept2[PATH_MAX], msg[512];
    const char *base;
    FILE *fp;
    size_t plen;

    path_of(path, sizeof(path), "kb", "");
    plen = strlen(path);
    CU_ASSERT_EQUAL(prt_state_keep_bad(d, tmpdir, kept1, sizeof(kept1)), -PRT_ENOENT);
    for (int round = 0; round < 2; round++) {
        char *keep = round == 0 ? kept1 : kept2;
        fp = fopen(path, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
        fprintf(fp, "printdev-state 1\ngarbage %d\n", round);
        fclose(fp);
        CU_ASSERT_NOT_EQUAL(prt_state_load(d, tmpdir, msg, sizeof(msg)), 0);
        CU_ASSERT_EQUAL(prt_state_keep_bad(d, tmpdir, keep, sizeof(kept1)), 0);
        CU_ASSERT_EQUAL(access(path, F_OK), -1);
        CU_ASSERT_EQUAL_FATAL(strncmp(keep, path, plen), 0);
        base = keep + plen;
        /* .bad-YYYYMMDDTHHMMSS, optionally -N */
        CU_ASSERT_EQUAL(strncmp(base, ".bad-", 5), 0);
        CU_ASSERT_TRUE(strlen(base) >= 20 && base[13] == 'T');
        for (int i = 5; i < 20; i++)
            if (i != 13)
                CU_ASSERT_TRUE(base[i] >= '0' && base[i] <= '9');
        CU_ASSERT_PTR_NOT_NULL(
            strstr(slurp(keep) ? slurp(keep) : "", round == 0 ? "garbage 0" : "garbage 1"));
    }
    CU_ASSERT_STRING_NOT_EQUAL(kept1, kept2);
    CU_ASSERT_PTR_NOT_NULL(strstr(slurp(kept1) ? slurp(kept1) : "", "garbage 0"));
    unlink(kept1);
    unlink(kept2);
    prt_device_free(d);
}

static void test_quote_unquote(void)
{
    const char raw[] = "a \"b\" \\ c\n\t\r\x01\x7f\xc3\xa9";
    char q[128], back[64];
    const char *p = q;
    size_t n, blen;

    n = prt_state_quote(q, sizeof(q), raw, strlen(raw));
    CU_ASSERT_EQUAL(n, strlen(q));
    CU_ASSERT_STRING_EQUAL(q, "\"a \\\"b\\\" \\\\ c\\n\\t\\r\\x01\\x7f\xc3\xa9\"");
    CU_ASSERT_EQUAL(prt_state_unquote(&p, back, sizeof(back), &blen), 0);
    CU_ASSERT_EQUAL(blen, strlen(raw));
    CU_ASSERT_STRING_EQUAL(back, raw);
    CU_ASSERT_EQUAL(*p, '\0');
    /* too long for the buffer */
    p = "\"abcdef\"";
    CU_ASSERT_EQUAL(prt_state_unquote(&p, back, 4, &blen), -PRT_ETOOLONG);
    /* snprintf-like truncation */
    CU_ASSERT_EQUAL(prt_state_quote(q, 4, "abcdef", 6), 8);
    CU_ASSERT_STRING_EQUAL(q, "\"ab");
    /* CRC-32 check value */
    CU_ASSERT_EQUAL(prt_state_crc32(0, "123456789", 9), 0xCBF43926UL);
}

static void register_state_suite(void)
{
    CU_pSuite s = cu_add_suite("state", suite_init, suite_clean);

    CU_ADD(s, test_round_trip);
    CU_ADD(s, test_writable_columns);
    CU_ADD(s, test_truncated_rejected);
    CU_ADD(s, test_damaged_rejected);
    CU_ADD(s, test_malformed_rejected);
    CU_ADD(s, test_missing_rows);
    CU_ADD(s, test_level_over_capacity);
    CU_ADD(s, test_level_and_capacity_order);
    CU_ADD(s, test_role_lights);
    CU_ADD(s, test_renumbered_device);
    CU_ADD(s, test_no_file_and_bad_names);
    CU_ADD(s, test_previous_file_kept);
    CU_ADD(s, test_symlink_refused);
    CU_ADD(s, test_foreign_owner_refused);
    CU_ADD(s, test_rejected_kept);
    CU_ADD(s, test_quote_unquote);
}

const cu_registrar cu_suites[] = {register_state_suite, NULL};
