/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_feed.c: unit tests of the feed line protocol (feed_proto.c): every
 * command and its effect on the device (and, through the rules, on the
 * alert table), every kind of rejected input leaving all devices
 * byte-identical (state-file image, derived statuses and generation), the
 * atomic begin/commit batch, reads, events and session handling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "feed_proto.h"
#include "feed_proto_internal.h"
#include "prt_columns.h"
#include "prt_model.h"
#include "prt_rules.h"
#include "prt_state.h"

static struct prt_model *model;
static struct feed_session *sess;
static struct feed_out out;
static int n_changed;

static void add_device(int32_t idx, const char *name)
{
    struct prt_device *d = prt_device_new(idx, name);
    struct prt_localization l;
    struct prt_input in;
    struct prt_output o;
    struct prt_marker mk;
    struct prt_supply su;
    struct prt_colorant co;
    struct prt_media_path mp;
    struct prt_channel ch;
    struct prt_interpreter it;
    struct prt_cover cv;
    struct prt_display_line dl;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    prt_localization_init(&l, 1);
    prt_localization_add(d, &l);
    for (int i = 1; i <= 2; i++) {
        prt_input_init(&in, i);
        in.max_capacity = 500;
        in.current_level = 500;
        snprintf(in.name, sizeof(in.name), "Tray %d", i);
        prt_input_add(d, &in);
    }
    prt_output_init(&o, 1);
    o.max_capacity = 250;
    o.remaining_capacity = 250;
    snprintf(o.name, sizeof(o.name), "Stacker");
    prt_output_add(d, &o);
    prt_marker_init(&mk, 1);
    prt_marker_add(d, &mk);
    prt_colorant_init(&co, 1);
    co.marker_index = 1;
    snprintf(co.value, sizeof(co.value), "black");
    prt_colorant_add(d, &co);
    prt_supply_init(&su, 1);
    su.marker_index = 1;
    su.colorant_index = 1;
    su.type = PrtMarkerSuppliesTypeTC_toner;
    su.max_capacity = 100;
    su.level = 100;
    su.low_percent = 10;
    snprintf(su.description, sizeof(su.description), "Black toner");
    prt_supply_add(d, &su);
    prt_media_path_init(&mp, 1);
    prt_media_path_add(d, &mp);
    prt_channel_init(&ch, 1);
    prt_channel_add(d, &ch);
    prt_interpreter_init(&it, 1);
    prt_interpreter_add(d, &it);
    prt_cover_init(&cv, 1);
    cv.status = PrtCoverStatusTC_coverClosed;
    snprintf(cv.description, sizeof(cv.description), "Front door");
    prt_cover_add(d, &cv);
    for (int i = 1; i <= 2; i++) {
        memset(&dl, 0, sizeof(dl));
        dl.index = i;
        prt_display_add(d, &dl);
    }
    d->general.console_display_lines = 2;
    d->general.console_display_chars = 40;
    CU_ASSERT_EQUAL_FATAL(prt_model_add_device(model, d), 0);
    prt_rules_apply(model, d);
}

static void hook_changed(void *arg, struct prt_device *d)
{
    (void)arg;
    n_changed++;
    prt_rules_apply(model, d);
}

static void setup_one(int two_devices)
{
    struct feed_hooks h = {hook_changed};

    model = prt_model_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(model);
    add_device(1, "prod-1");
    if (two_devices)
        add_device(2, "prod-2");
    sess = feed_session_new(model, &h, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sess);
    n_changed = 0;
}

static void teardown(void)
{
    feed_session_free(sess);
    prt_model_free(model);
    feed_out_free(&out);
    sess = NULL;
    model = NULL;
}

/* Sends one line; out holds the reply. */
static enum feed_result send(const char *line)
{
    feed_out_reset(&out);
    return feed_session_line(sess, line, strlen(line), &out);
}

static int reply_is(const char *want)
{
    if (out.buf != NULL && strcmp(out.buf, want) == 0)
        return 1;
    fprintf(stderr, "\nreply \"%s\", wanted \"%s\"\n", out.buf ? out.buf : "", want);
    return 0;
}

static int reply_starts(const char *want)
{
    if (out.buf != NULL && strncmp(out.buf, want, strlen(want)) == 0)
        return 1;
    fprintf(stderr, "\nreply \"%s\", wanted prefix \"%s\"\n", out.buf ? out.buf : "", want);
    return 0;
}

static struct prt_device *dev(int32_t idx)
{
    return prt_model_find(model, idx);
}

/* Everything the feed may change: the state-file image plus the derived
 * values, for every device. */
static char *snapshot(void)
{
    struct feed_out s = {0};

    for (size_t i = 0; i < model->n_devices; i++) {
        const struct prt_device *d = model->devices[i];
        char *img;
        size_t len;

        CU_ASSERT_EQUAL_FATAL(prt_state_format(d, &img, &len), 0);
        feed_out_printf(&s, "%s gen=%llu st=%d/%d/%02x%02x", img, (unsigned long long)d->generation,
                        d->hr_device_status, d->hr_printer_status, d->hr_error_state[0],
                        d->hr_error_state[1]);
        for (size_t r = 0; r < d->n_inputs; r++)
            feed_out_printf(&s, " i%d", d->inputs[r].status);
        for (size_t r = 0; r < d->n_outputs; r++)
            feed_out_printf(&s, " o%d", d->outputs[r].status);
        for (size_t r = 0; r < d->n_display; r++)
            feed_out_printf(&s, " t%s", d->display[r].text);
        free(img);
    }
    return s.buf;
}

static int has_alert(const struct prt_device *d, int32_t code, int32_t group_index)
{
    for (size_t i = 0; i < d->n_alerts; i++)
        if (d->alerts[i].code == code && d->alerts[i].group_index == group_index)
            return 1;
    return 0;
}

/* ---- tests ---- */

static void test_device_selection(void)
{
    setup_one(1);
    CU_ASSERT_EQUAL(send("set input 1 level 5"), FEED_R_ERROR);
    CU_ASSERT(reply_starts("error no device selected"));
    CU_ASSERT_EQUAL(send("device prod-2"), FEED_R_OK);
    CU_ASSERT(reply_is("ok device 2 \"prod-2\"\n"));
    CU_ASSERT_EQUAL(feed_session_device(sess), 2);
    CU_ASSERT_EQUAL(send("device 1"), FEED_R_OK);
    CU_ASSERT(reply_is("ok device 1 \"prod-1\"\n"));
    CU_ASSERT_EQUAL(send("device \"prod-2\""), FEED_R_OK);
    CU_ASSERT_EQUAL(send("device nosuch"), FEED_R_ERROR);
    CU_ASSERT(reply_is("error no device \"nosuch\"\n"));
    CU_ASSERT_EQUAL(feed_session_device(sess), 2);
    CU_ASSERT_EQUAL(send("set input 1 level 5"), FEED_R_OK);
    CU_ASSERT_EQUAL(dev(2)->inputs[0].current_level, 5);
    CU_ASSERT_EQUAL(dev(1)->inputs[0].current_level, 500);
    teardown();

    /* a single device is selected from the start */
    setup_one(0);
    CU_ASSERT_EQUAL(feed_session_device(sess), 1);
    CU_ASSERT_EQUAL(send("set input 1 level 5"), FEED_R_OK);
    teardown();
}

static void test_set_commands(void)
{
    struct prt_device *d;
    uint64_t gen;

    setup_one(0);
    d = dev(1);
    gen = d->generation;
    CU_ASSERT_EQUAL(send("set input 2 level 0"), FEED_R_OK);
    CU_ASSERT(reply_is("ok\n"));
    CU_ASSERT_EQUAL(d->inputs[1].current_level, 0);
    CU_ASSERT(d->generation > gen);
    CU_ASSERT_EQUAL(n_changed, 1);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_inputMediaSupplyEmpty, 2));
    CU_ASSERT_EQUAL(send("set input 2 level -3"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->inputs[1].current_level, -3);
    CU_ASSERT(!has_alert(d, PrtAlertCodeTC_inputMediaSupplyEmpty, 2));
    CU_ASSERT_EQUAL(send("set input 1 missing yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->inputs[0].missing);
    CU_ASSERT_EQUAL(send("set input 1 missing no"), FEED_R_OK);
    CU_ASSERT_FALSE(d->inputs[0].missing);
    CU_ASSERT_EQUAL(send("set output 1 remaining 0"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->outputs[0].remaining_capacity, 0);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_outputMediaTrayFull, 1));
    CU_ASSERT_EQUAL(send("set output 1 remaining 250"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set output 1 full yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->outputs[0].full_sensor);
    CU_ASSERT_EQUAL(send("set output 1 full no"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set output 1 offline yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->outputs[0].offline);
    CU_ASSERT_EQUAL(send("set output 1 offline no"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set output 1 missing yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->outputs[0].missing);
    CU_ASSERT_EQUAL(send("set output 1 missing no"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set supply 1 level 5"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->supplies[0].level, 5);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_markerTonerAlmostEmpty, 1));
    CU_ASSERT_EQUAL(send("set supply 1 level 0"), FEED_R_OK);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_markerTonerEmpty, 1));
    CU_ASSERT_EQUAL(d->hr_printer_status, hrPrinterStatus_other);
    CU_ASSERT_EQUAL(send("set supply 1 level 100"), FEED_R_OK);
    CU_ASSERT(!has_alert(d, PrtAlertCodeTC_markerTonerEmpty, 1));
    CU_ASSERT_EQUAL(send("set supply 1 missing yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->supplies[0].missing);
    CU_ASSERT_EQUAL(send("set supply 1 missing no"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set cover 1 open"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->covers[0].status, PrtCoverStatusTC_coverOpen);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_coverOpen, 1));
    CU_ASSERT_EQUAL(send("set cover 1 interlock-open"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->covers[0].status, PrtCoverStatusTC_interlockOpen);
    CU_ASSERT_EQUAL(send("set cover 1 closed"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->covers[0].status, PrtCoverStatusTC_coverClosed);
    CU_ASSERT(!has_alert(d, PrtAlertCodeTC_coverOpen, 1));
    CU_ASSERT_EQUAL(send("jam 1 location 7"), FEED_R_OK);
    CU_ASSERT_TRUE(d->media_paths[0].jammed);
    CU_ASSERT_EQUAL(d->media_paths[0].jam_location, 7);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_jam, 1));
    CU_ASSERT_EQUAL(send("clear jam 1"), FEED_R_OK);
    CU_ASSERT_FALSE(d->media_paths[0].jammed);
    CU_ASSERT(!has_alert(d, PrtAlertCodeTC_jam, 1));
    CU_ASSERT_EQUAL(send("jam 1"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->media_paths[0].jam_location, -2);
    CU_ASSERT_EQUAL(send("clear jam 1"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->n_alerts, 0);
    CU_ASSERT_EQUAL(send("status printing"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->cond.engine, PRT_ENGINE_PRINTING);
    CU_ASSERT_EQUAL(d->hr_printer_status, hrPrinterStatus_printing);
    CU_ASSERT_EQUAL(send("status moving-offline"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->cond.engine, PRT_ENGINE_MOVING_OFFLINE);
    CU_ASSERT_EQUAL(send("status idle"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->hr_printer_status, hrPrinterStatus_idle);
    CU_ASSERT_EQUAL(send("service yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->cond.service_requested);
    CU_ASSERT_EQUAL(send("service no"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("maintenance yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->cond.overdue_maintenance);
    CU_ASSERT_EQUAL(send("maintenance no"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("intervention yes"), FEED_R_OK);
    CU_ASSERT_TRUE(d->cond.operator_intervention);
    CU_ASSERT_EQUAL(send("intervention no"), FEED_R_OK);
    CU_ASSERT_FALSE(d->cond.operator_intervention);
    CU_ASSERT_EQUAL(d->n_alerts, 0);
    teardown();
}

static void test_count(void)
{
    struct prt_device *d;

    setup_one(0);
    d = dev(1);
    CU_ASSERT_EQUAL(send("count impressions 10"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->billing[PRT_BILL_MONO][PRT_BILL_SMALL][PRT_BILL_SIMPLEX], 10);
    CU_ASSERT_EQUAL(d->markers[0].life_count, 10);
    CU_ASSERT_EQUAL(d->markers[0].power_on_count, 10);
    CU_ASSERT_EQUAL(send("count 7 color color size large sides duplex input 2 output 1"),
                    FEED_R_OK);
    CU_ASSERT_EQUAL(d->billing[PRT_BILL_COLOR][PRT_BILL_LARGE][PRT_BILL_DUPLEX], 7);
    CU_ASSERT_EQUAL(d->markers[0].life_count, 10 + 14);
    CU_ASSERT_EQUAL(d->inputs[1].current_level, 500 - 4);
    CU_ASSERT_EQUAL(d->outputs[0].remaining_capacity, 250 - 4);
    /* levels stop at 0 */
    CU_ASSERT_EQUAL(send("count 1000 input 1 marker 1"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->inputs[0].current_level, 0);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_inputMediaSupplyEmpty, 1));
    /* Counter32 wraps */
    d->markers[0].life_count = UINT32_MAX;
    CU_ASSERT_EQUAL(send("count 2"), FEED_R_OK);
    CU_ASSERT_EQUAL(d->markers[0].life_count, 1);
    teardown();
}

static void test_display(void)
{
    struct prt_device *d;

    setup_one(0);
    d = dev(1);
    CU_ASSERT_EQUAL(send("display 1 \"Ready \\\"A4\\\"\""), FEED_R_OK);
    CU_ASSERT_STRING_EQUAL(d->display[0].text, "Ready \"A4\"");
    CU_ASSERT_TRUE(d->console_text_from_feed);
    CU_ASSERT_EQUAL(send("get display"), FEED_R_OK);
    CU_ASSERT(reply_starts("display index=1 text=\"Ready \\\"A4\\\"\"\ndisplay index=2 text="));
    /* the line width counts characters, not octets: 40 x "e-acute" fits */
    {
        char line[200] = "display 2 \"";
        for (int i = 0; i < 40; i++)
            strcat(line, "\xc3\xa9");
        strcat(line, "\"");
        CU_ASSERT_EQUAL(send(line), FEED_R_OK);
        line[strlen(line) - 1] = '\0';
        strcat(line, "x\"");
        CU_ASSERT_EQUAL(send(line), FEED_R_ERROR);
    }
    CU_ASSERT_EQUAL(send("display auto"), FEED_R_OK);
    CU_ASSERT_FALSE(d->console_text_from_feed);
    teardown();
}

static void test_raise_clear(void)
{
    struct prt_device *d;
    unsigned idx;
    unsigned long long key;

    setup_one(0);
    d = dev(1);
    CU_ASSERT_EQUAL(
        send("raise critical jam group mediaPath index 1 location 3 key 77 \"Jam at fuser\""),
        FEED_R_OK);
    CU_ASSERT_EQUAL(sscanf(out.buf, "ok alert %u key %llu", &idx, &key), 2);
    CU_ASSERT_EQUAL(key, 77);
    CU_ASSERT_PTR_NOT_NULL_FATAL(prt_alert_find(d, (int32_t)idx));
    CU_ASSERT_STRING_EQUAL(prt_alert_find(d, (int32_t)idx)->description, "Jam at fuser");
    CU_ASSERT_EQUAL(prt_alert_find(d, (int32_t)idx)->location, 3);
    CU_ASSERT_EQUAL(prt_alert_find(d, (int32_t)idx)->severity, PrtAlertSeverityLevelTC_critical);
    CU_ASSERT_EQUAL(send("clear key 77"), FEED_R_OK);
    CU_ASSERT_PTR_NULL(prt_alert_find(d, (int32_t)idx));
    /* binary without key: one is derived from the alert's identity */
    CU_ASSERT_EQUAL(send("raise warning-binary 1104 group markerSupplies index 1 text \"low\""),
                    FEED_R_OK);
    CU_ASSERT_EQUAL(sscanf(out.buf, "ok alert %u key %llu", &idx, &key), 2);
    CU_ASSERT(key != 0);
    CU_ASSERT_EQUAL(send("clear alert 9999"), FEED_R_ERROR);
    {
        char line[64];
        snprintf(line, sizeof(line), "clear alert %u", idx);
        CU_ASSERT_EQUAL(send(line), FEED_R_OK);
    }
    /* unary warning: cleared by index only */
    CU_ASSERT_EQUAL(send("raise warning configurationChange \"tray 1 now A3\""), FEED_R_OK);
    CU_ASSERT_EQUAL(sscanf(out.buf, "ok alert %u key %llu", &idx, &key), 2);
    CU_ASSERT_EQUAL(key, 0);
    CU_ASSERT_EQUAL(send("raise warning other key 5"), FEED_R_ERROR);
    teardown();
}

static void test_get(void)
{
    setup_one(1);
    CU_ASSERT_EQUAL(send("get devices"), FEED_R_OK);
    CU_ASSERT(
        reply_is("device index=1 name=\"prod-1\"\ndevice index=2 name=\"prod-2\"\nok 2 devices\n"));
    CU_ASSERT_EQUAL(send("get input 1"), FEED_R_ERROR);
    send("device prod-1");
    CU_ASSERT_EQUAL(send("get input 2"), FEED_R_OK);
    CU_ASSERT(
        reply_starts("input index=2 name=\"Tray 2\" level=500 max=500 unit=8 status=0 missing=no"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "\nok\n"));
    CU_ASSERT_EQUAL(send("get input 3"), FEED_R_ERROR);
    CU_ASSERT(reply_is("error device prod-1 has no input 3\n"));
    CU_ASSERT_EQUAL(send("get inputs"), FEED_R_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "input index=1 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "input index=2 "));
    CU_ASSERT_EQUAL(send("get supplies"), FEED_R_OK);
    CU_ASSERT(reply_starts("supply index=1 description=\"Black toner\" level=100 max=100"));
    CU_ASSERT_EQUAL(send("get device"), FEED_R_OK);
    CU_ASSERT(reply_starts("device index=1 name=\"prod-1\""));
    CU_ASSERT_EQUAL(send("get billing"), FEED_R_OK);
    CU_ASSERT(reply_starts("billing color=mono size=small sides=simplex impressions=0\n"));
    send("jam 1");
    CU_ASSERT_EQUAL(send("get alerts"), FEED_R_OK);
    CU_ASSERT(reply_starts("alert index=1 severity=3"));
    CU_ASSERT_EQUAL(send("get all"), FEED_R_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "path index=1 description=\"\" jammed=yes"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "cover index=1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "marker index=1"));
    CU_ASSERT_EQUAL(send("get nonsense"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("get input x"), FEED_R_ERROR);
    teardown();
}

static void test_session_commands(void)
{
    setup_one(0);
    CU_ASSERT_EQUAL(send("ping"), FEED_R_OK);
    CU_ASSERT(reply_is("ok pong\n"));
    CU_ASSERT_EQUAL(send(""), FEED_R_OK);
    CU_ASSERT(reply_is("ok\n"));
    CU_ASSERT_EQUAL(send("# a comment"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set input 1 level 3\r"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("help"), FEED_R_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "help set input N level V"));
    CU_ASSERT(strcmp(out.buf + out.len - 3, "ok\n") == 0);
    CU_ASSERT_FALSE(feed_session_watching(sess));
    CU_ASSERT_EQUAL(send("watch"), FEED_R_OK);
    CU_ASSERT_TRUE(feed_session_watching(sess));
    CU_ASSERT_EQUAL(send("watch off"), FEED_R_OK);
    CU_ASSERT_FALSE(feed_session_watching(sess));
    CU_ASSERT_EQUAL(send("quit"), FEED_R_QUIT);
    CU_ASSERT(reply_is("ok bye\n"));
    teardown();
}

/* hello: what a session is, said once; a bad one changes nothing. */
static void test_hello(void)
{
    setup_one(0);
    CU_ASSERT_EQUAL(feed_session_kind(sess), FEED_KIND_UNDECLARED);
    CU_ASSERT_STRING_EQUAL(feed_session_name(sess), "");
    CU_ASSERT_EQUAL(send("hello"), FEED_R_ERROR);
    CU_ASSERT(reply_is("error usage: hello controller NAME | hello tool\n"));
    CU_ASSERT_EQUAL(send("hello controller"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("hello tool x"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("hello robot x"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("hello controller \"\""), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("hello controller \"a\\nb\""), FEED_R_ERROR);
    CU_ASSERT(reply_is("error control character or malformed UTF-8 in controller name\n"));
    CU_ASSERT_EQUAL(send("hello controller \"\\xc2\\x9b\""), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("hello controller "
                         "x2345678901234567890123456789012345678901234567890123456789012345"),
                    FEED_R_ERROR);
    CU_ASSERT_EQUAL(feed_session_kind(sess), FEED_KIND_UNDECLARED);
    CU_ASSERT_EQUAL(send("hello controller \"press 4\""), FEED_R_OK);
    CU_ASSERT(reply_is("ok hello controller \"press 4\"\n"));
    CU_ASSERT_EQUAL(feed_session_kind(sess), FEED_KIND_CONTROLLER);
    CU_ASSERT_STRING_EQUAL(feed_session_name(sess), "press 4");
    CU_ASSERT_EQUAL(send("hello tool"), FEED_R_ERROR);
    CU_ASSERT(reply_is("error hello was already said\n"));
    CU_ASSERT_EQUAL(feed_session_kind(sess), FEED_KIND_CONTROLLER);
    teardown();
    setup_one(0);
    CU_ASSERT_EQUAL(send("hello tool"), FEED_R_OK);
    CU_ASSERT(reply_is("ok hello tool\n"));
    CU_ASSERT_EQUAL(feed_session_kind(sess), FEED_KIND_TOOL);
    CU_ASSERT_STRING_EQUAL(feed_session_name(sess), "");
    teardown();
}

static void test_event_format(void)
{
    struct prt_alert a;

    setup_one(0);
    memset(&a, 0, sizeof(a));
    a.index = 4;
    a.severity = 3;
    a.training = 3;
    a.group = 8;
    a.group_index = 100;
    a.location = -2;
    a.code = 808;
    a.time = 1234;
    snprintf(a.description, sizeof(a.description), "Out of paper\n");
    feed_out_reset(&out);
    feed_format_event(&out, dev(1), &a, PRT_ALERT_ADDED);
    CU_ASSERT(reply_is("event alert added device=1 name=\"prod-1\" index=4 severity=3 training=3 "
                       "group=8 group_index=100 location=-2 code=808 "
                       "code_name=inputMediaSupplyEmpty time=1234 "
                       "description=\"Out of paper\\n\"\n"));
    teardown();
}

/* Every rejected line leaves every device exactly as it was. */
static void test_rejections_change_nothing(void)
{
    static const char *const bad[] = {
        "bogus",
        "set",
        "set input",
        "set input 1",
        "set input 1 level",
        "set input 1 level 501", /* above max */
        "set input 1 level -4",
        "set input 1 level 12x",
        "set input 1 level 99999999999",
        "set input 9 level 1", /* no such row */
        "set input x level 1",
        "set input 1 missing maybe",
        "set input 1 colour red",
        "set input 1 level 5 extra",
        "set output 1 remaining 251",
        "set output 2 remaining 1",
        "set output 1 full perhaps",
        "set output 1 exploded yes",
        "set supply 1 level 101",
        "set supply 7 level 1",
        "set supply 1 missing",
        "set cover 1 ajar",
        "set cover 2 open",
        "set tray 1 level 3",
        "jam",
        "jam 2",
        "jam 1 location -3",
        "jam 1 place 3",
        "clear",
        "clear jam 5",
        "clear alert 999",
        "clear key 0",
        "clear key 123",
        "clear key 9223372036854775809",
        "clear everything 1",
        "status sleeping",
        "status",
        "service maybe",
        "count",
        "count 0",
        "count -5",
        "count 1000001",
        "count 5 color purple",
        "count 5 size huge",
        "count 5 sides triple",
        "count 5 input 9",
        "count 5 output 9",
        "count 5 marker 9",
        "count 5 input",
        "count 5 speed 3",
        "display 1 unquoted",
        "display 9 \"x\"",
        "display 1 \"this text is much longer than forty characters, the line width\"",
        "display 1 \"unterminated",
        "display 1 \"bad \\q escape\"",
        "display 1 \"nul \\x00\"",
        "display 1 \"a\"b",
        "display 1 \"two\\nlines\"",
        "raise warning other \"tab\\there\"",
        "raise warning other text \"bell\\x07\"",
        "raise",
        "raise critical",
        "raise fatal jam",
        "raise critical nosuchcode",
        "raise critical jam group nosuchgroup",
        "raise critical jam index -2",
        "raise critical jam location -3",
        "raise critical jam key 0",
        "raise critical jam key 9223372036854775808",
        "raise critical jam training guru",
        "raise critical jam text unquoted",
        "raise warning other key 5",
        "raise critical jam colour red",
        "device",
        "device a b",
        "device nosuch",
        "commit",
        "abort",
        "watch sideways",
        "quit now",
        "get",
        "get input 1 2 3",
        "set input 1 le\"vel 5",
        "set input 1 level 5\x01",
        "set input\x7f 1 level 5",
        "\"set\" input 1 level 5",
    };
    char *before, *after;
    char longline[FEED_LINE_MAX + 100];

    setup_one(1);
    send("device prod-1");
    send("set input 1 level 400");
    send("raise critical jam key 9");
    before = snapshot();
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        enum feed_result r = send(bad[i]);
        if (r != FEED_R_ERROR || strncmp(out.buf, "error ", 6) != 0 ||
            strchr(out.buf, '\n') != out.buf + out.len - 1) {
            fprintf(stderr, "\n\"%s\" -> \"%s\"\n", bad[i], out.buf);
            CU_FAIL("not rejected with one error line");
        }
        after = snapshot();
        if (strcmp(before, after) != 0) {
            fprintf(stderr, "\n\"%s\" changed the device\n", bad[i]);
            CU_FAIL("rejected command changed state");
        }
        free(after);
    }
    /* an oversized line */
    memset(longline, 'a', sizeof(longline) - 1);
    memcpy(longline, "display 1 \"", 11);
    longline[sizeof(longline) - 1] = '\0';
    CU_ASSERT_EQUAL(send(longline), FEED_R_ERROR);
    CU_ASSERT(reply_starts("error line longer than"));
    after = snapshot();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);
    /* an embedded NUL */
    feed_out_reset(&out);
    CU_ASSERT_EQUAL(feed_session_line(sess, "set input 1 level 5\0", 20, &out), FEED_R_ERROR);
    after = snapshot();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);
    free(before);
    CU_ASSERT_EQUAL(n_changed, 2);
    teardown();
}

static void test_batch(void)
{
    struct prt_device *d;
    char *before, *after;

    setup_one(1);
    send("device prod-1");
    d = dev(1);
    /* a good tick: everything at once, rules once per device */
    CU_ASSERT_EQUAL(send("begin"), FEED_R_OK);
    CU_ASSERT_TRUE(feed_session_in_batch(sess));
    CU_ASSERT_EQUAL(send("set input 1 level 0"), FEED_R_OK);
    CU_ASSERT(reply_is("ok queued 1\n"));
    CU_ASSERT_EQUAL(send("set input 2 level 0"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("status printing"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("device prod-2"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set supply 1 level 0"), FEED_R_OK);
    CU_ASSERT(reply_is("ok queued 4\n"));
    CU_ASSERT_EQUAL(d->inputs[0].current_level, 500); /* nothing yet */
    CU_ASSERT_EQUAL(n_changed, 0);
    CU_ASSERT_EQUAL(send("commit"), FEED_R_OK);
    CU_ASSERT(reply_is("ok committed 4\n"));
    CU_ASSERT_FALSE(feed_session_in_batch(sess));
    CU_ASSERT_EQUAL(n_changed, 2);
    CU_ASSERT_EQUAL(d->inputs[0].current_level, 0);
    CU_ASSERT_EQUAL(d->inputs[1].current_level, 0);
    CU_ASSERT_EQUAL(d->cond.engine, PRT_ENGINE_PRINTING);
    CU_ASSERT_EQUAL(dev(2)->supplies[0].level, 0);
    CU_ASSERT(has_alert(d, PrtAlertCodeTC_inputMediaSupplyEmpty, 100));

    /* one bad command rejects the whole batch */
    send("device prod-1");
    before = snapshot();
    CU_ASSERT_EQUAL(send("begin"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set input 1 level 100"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set input 1 level 900"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("set input 2 level 100"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("get input 1"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("commit"), FEED_R_ERROR);
    CU_ASSERT(reply_is("error batch rejected: 2 commands failed, nothing applied\n"));
    after = snapshot();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);

    /* the batch is checked again at commit time (an SNMP SET may have
     * changed the capacity in between) */
    CU_ASSERT_EQUAL(send("begin"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set input 2 level 100"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("set input 1 level 400"), FEED_R_OK);
    d->inputs[0].max_capacity = 300;
    free(before);
    before = snapshot();
    CU_ASSERT_EQUAL(send("commit"), FEED_R_ERROR);
    CU_ASSERT(reply_starts("error batch rejected: command 2: level 400 exceeds the capacity 300"));
    after = snapshot();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);

    /* abort drops, double clear is refused */
    CU_ASSERT_EQUAL(send("begin"), FEED_R_OK);
    CU_ASSERT_EQUAL(send("begin"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("abort"), FEED_R_OK);
    CU_ASSERT(reply_is("ok aborted 0\n"));
    send("raise critical other key 5");
    free(before);
    before = snapshot();
    send("begin");
    send("clear key 5");
    send("clear key 5");
    CU_ASSERT_EQUAL(send("commit"), FEED_R_ERROR);
    CU_ASSERT(
        reply_starts("error batch rejected: command 2: the batch clears the same alert twice"));
    after = snapshot();
    CU_ASSERT_STRING_EQUAL(before, after);
    free(after);
    free(before);

    /* batch size limit */
    send("begin");
    for (int i = 0; i < FEED_BATCH_MAX; i++)
        send("set input 1 level 1");
    CU_ASSERT_EQUAL(send("set input 1 level 1"), FEED_R_ERROR);
    CU_ASSERT_EQUAL(send("commit"), FEED_R_ERROR);
    teardown();
}

/* Reloading the configuration keeps the selection by index. */
static void test_set_model(void)
{
    struct prt_model *old;

    setup_one(1);
    send("device prod-2");
    send("begin");
    send("set input 1 level 3");
    old = model;
    model = prt_model_new();
    add_device(2, "prod-2");
    feed_session_set_model(sess, model);
    CU_ASSERT_EQUAL(feed_session_device(sess), 2);
    CU_ASSERT_FALSE(feed_session_in_batch(sess));
    CU_ASSERT_EQUAL(send("set input 1 level 3"), FEED_R_OK);
    CU_ASSERT_EQUAL(dev(2)->inputs[0].current_level, 3);
    prt_model_free(old);
    teardown();
}

/* Every catalogue column a feed command changes (printdev-columns.tsv,
 * feed field) has that command in the feed's help: "set input level" is
 * "help set input N level", "count" is "help count". */
static void test_catalogue_feed_keys(void)
{
    int n = 0;

    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        for (size_t i = 0; i < prt_catalogue[t].ncols; i++) {
            const struct prt_column *c = &prt_catalogue[t].cols[i];
            char want[128], unit[32] = "", key[32] = "";

            if (c->feed_key == NULL)
                continue;
            n++;
            if (sscanf(c->feed_key, "set %31s %31s", unit, key) >= 1)
                snprintf(want, sizeof(want), "help set %s N%s%s", unit, key[0] ? " " : "", key);
            else
                snprintf(want, sizeof(want), "help %s ", c->feed_key);
            if (strstr(fp_help_text, want) == NULL)
                fprintf(stderr, "%s: \"%s\" not in the feed's help\n", c->name, want);
            CU_ASSERT_PTR_NOT_NULL(strstr(fp_help_text, want));
        }
    CU_ASSERT(n >= 10);
}

static void register_feed_suite(void)
{
    CU_pSuite s = cu_add_suite("feed", NULL, NULL);

    CU_ADD(s, test_device_selection);
    CU_ADD(s, test_set_commands);
    CU_ADD(s, test_count);
    CU_ADD(s, test_display);
    CU_ADD(s, test_raise_clear);
    CU_ADD(s, test_get);
    CU_ADD(s, test_session_commands);
    CU_ADD(s, test_hello);
    CU_ADD(s, test_event_format);
    CU_ADD(s, test_rejections_change_nothing);
    CU_ADD(s, test_batch);
    CU_ADD(s, test_catalogue_feed_keys);
    CU_ADD(s, test_set_model);
}

const cu_registrar cu_suites[] = {register_feed_suite, NULL};
