/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_ipp.c: module/ipp -- the PWG octet-string parsers, the
 * configuration file, and the whole mapping on attribute sets captured
 * from a real cupsd and a real ippeveprinter with `ipptool -tv ...
 * get-printer-attributes.test` (tests/fixtures/ipp/).  For each capture
 * the profile printdev-ipp writes is loaded by the model's own profile
 * parser and the feed batch is applied by the feed protocol, so the test
 * checks the rows and alerts the agent would serve.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cu_runner.h"
#include "feed_proto.h"
#include "ipp_conf.h"
#include "ipp_map.h"
#include "ipp_parse.h"
#include "prt_enums.h"
#include "prt_model.h"
#include "prt_profile.h"
#include "prt_registry.h"
#include "prt_system.h"

#define S(lit) lit, sizeof(lit) - 1

static char err[512];

static void test_supply_parse(void)
{
    struct ipp_supply s;

    CU_ASSERT_EQUAL(ipp_supply_parse(S("index=2;class=supplyThatIsConsumed;type=ink;unit=percent;"
                                       "maxcapacity=100;level=75;colorantname=black;"),
                                     &s, err, sizeof(err)),
                    PDIPP_OK);
    CU_ASSERT_EQUAL(s.index, 2);
    CU_ASSERT_EQUAL(s.supply_class, PrtMarkerSuppliesClassTC_supplyThatIsConsumed);
    CU_ASSERT_EQUAL(s.type, PrtMarkerSuppliesTypeTC_ink);
    CU_ASSERT_EQUAL(s.unit, PrtMarkerSuppliesSupplyUnitTC_percent);
    CU_ASSERT_EQUAL(s.max, 100);
    CU_ASSERT_EQUAL(s.level, 75);
    CU_ASSERT_STRING_EQUAL(s.colorant, "black");
    /* numbers for labels, no trailing ';', an escaped ';', vendor keys */
    CU_ASSERT_EQUAL(ipp_supply_parse(S("type=21;class=4;level=-3;maxcapacity=-2;x-vendor=a\\;b;"
                                       "colorantname=light\\;cyan"),
                                     &s, err, sizeof(err)),
                    PDIPP_OK);
    CU_ASSERT_EQUAL(s.type, 21);
    CU_ASSERT_EQUAL(s.level, -3);
    CU_ASSERT_STRING_EQUAL(s.colorant, "light;cyan");

    /* every malformed value is an error with a message */
    static const char *const bad[] = {
        "",
        "type",
        "type=toner;level",
        "=toner",
        "type=toner;type=ink",
        "type=tonr",
        "type=toner;level=12x",
        "type=toner;level=",
        "type=toner;level=-4",
        "type=toner;maxcapacity=10;level=11",
        "type=toner;index=0",
        "type=toner;level=99999999999",
        "type=toner;colorantname=a\\",
        "level=5",
        "type=toner;unit=litres",
        "type=toner;class=consumed",
        "ty pe=toner",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        CU_ASSERT_TRUE(ipp_supply_parse(bad[i], strlen(bad[i]), &s, err, sizeof(err)) < 0);
        CU_ASSERT_TRUE(err[0] != '\0');
    }
    /* an embedded NUL or control octet is refused, a length is respected */
    CU_ASSERT_TRUE(ipp_supply_parse("type=toner;level=5\0;", 20, &s, err, sizeof(err)) < 0);
    CU_ASSERT_TRUE(ipp_supply_parse(S("type=toner;colorantname=a\nb"), &s, err, sizeof(err)) < 0);
    CU_ASSERT_EQUAL(ipp_supply_parse("type=toner;level=5XXXX", 18, &s, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_EQUAL(s.level, 5);
}

static void test_tray_alert_parse(void)
{
    struct ipp_tray t;
    struct ipp_alert a;

    CU_ASSERT_EQUAL(ipp_input_tray_parse(S("type=sheetFeedAutoRemovableTray;mediafeed=297000;"
                                           "mediaxfeed=210000;maxcapacity=250;level=100;status=0;"
                                           "name=Tray\\ 1;medianame=iso_a4_210x297mm"),
                                         &t, err, sizeof(err)),
                    PDIPP_OK);
    CU_ASSERT_EQUAL(t.type, PrtInputTypeTC_sheetFeedAutoRemovableTray);
    CU_ASSERT_EQUAL(t.max, 250);
    CU_ASSERT_EQUAL(t.level, 100);
    CU_ASSERT_EQUAL(t.feed, 297000);
    CU_ASSERT_STRING_EQUAL(t.name, "Tray 1");
    CU_ASSERT_STRING_EQUAL(t.media, "iso_a4_210x297mm");
    CU_ASSERT_TRUE(ipp_input_tray_parse(S("type=bin;level=1"), &t, err, sizeof(err)) < 0);
    CU_ASSERT_TRUE(ipp_input_tray_parse(S("type=other;status=127"), &t, err, sizeof(err)) < 0);
    CU_ASSERT_TRUE(ipp_input_tray_parse(S("maxcapacity=5"), &t, err, sizeof(err)) < 0);

    CU_ASSERT_EQUAL(ipp_output_tray_parse(S("type=unRemovableBin;maxcapacity=-2;remaining=-3;"
                                            "status=5;name=Face\\ Down;stackingorder=lastToFirst;"
                                            "pagedelivery=faceDown;"),
                                          &t, err, sizeof(err)),
                    PDIPP_OK);
    CU_ASSERT_EQUAL(t.type, PrtOutputTypeTC_unRemovableBin);
    CU_ASSERT_EQUAL(t.level, -3);
    CU_ASSERT_EQUAL(t.stacking, PrtOutputStackingOrderTC_lastToFirst);
    CU_ASSERT_STRING_EQUAL(t.name, "Face Down");
    CU_ASSERT_TRUE(ipp_output_tray_parse(S("type=unRemovableBin;pagedelivery=sideways"), &t, err,
                                         sizeof(err)) < 0);

    CU_ASSERT_EQUAL(ipp_alert_parse(S("code=jam;index=3;severity=critical;training=trained;"
                                      "group=mediaPath;groupindex=1;location=4;time=1234"),
                                    &a, err, sizeof(err)),
                    PDIPP_OK);
    CU_ASSERT_EQUAL(a.code, PrtAlertCodeTC_jam);
    CU_ASSERT_EQUAL(a.severity, PrtAlertSeverityLevelTC_critical);
    CU_ASSERT_EQUAL(a.group, PrtAlertGroupTC_mediaPath);
    CU_ASSERT_EQUAL(a.group_index, 1);
    CU_ASSERT_EQUAL(a.location, 4);
    CU_ASSERT_TRUE(ipp_alert_parse(S("severity=critical"), &a, err, sizeof(err)) < 0);
    CU_ASSERT_TRUE(ipp_alert_parse(S("code=jam"), &a, err, sizeof(err)) < 0);
    CU_ASSERT_TRUE(ipp_alert_parse(S("code=jammed;severity=critical"), &a, err, sizeof(err)) < 0);
}

static void test_conf(void)
{
    struct ipp_conf c;

    ipp_conf_defaults(&c);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppPollInterval 5", 1, err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(c.poll_interval, 5);
    CU_ASSERT_EQUAL(
        ipp_conf_line(&c, "printdevIppQueue \"Office Laser\" index 3", 2, err, sizeof(err)), 0);
    CU_ASSERT_FALSE(c.cups_all);
    CU_ASSERT_STRING_EQUAL(c.p[0].device, "Office_Laser");
    CU_ASSERT_EQUAL(c.p[0].index, 3);
    CU_ASSERT_EQUAL(ipp_conf_line(&c,
                                  "printdevIppPrinter lab-1 ipps://lab-1.example/ipp/print "
                                  "user mon passwordFile /etc/printdev/lab-1.pw",
                                  3, err, sizeof(err)),
                    0);
    CU_ASSERT_STRING_EQUAL(c.p[1].user, "mon");
    CU_ASSERT_EQUAL(c.n, 2);
    /* errors name the line, change nothing */
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppPrinter lab-1 ipp://x/", 7, err, sizeof(err)),
                    -1);
    CU_ASSERT_STRING_EQUAL(err, "7: device 'lab-1' already configured at line 3");
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppPrinter lab-2 http://x/", 8, err, sizeof(err)),
                    -1);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppPrinter lab/2 ipp://x/", 8, err, sizeof(err)),
                    -1);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppQueue q2 index 3", 9, err, sizeof(err)), -1);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppPollInterval 0", 10, err, sizeof(err)), -1);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppSubscriptions maybe", 11, err, sizeof(err)), -1);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppFeed /x", 12, err, sizeof(err)), -1);
    CU_ASSERT_STRING_EQUAL(err, "12: unknown token 'printdevIppFeed'");
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppQueue \"q3", 13, err, sizeof(err)), -1);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "printdevIppQueue q4 colour yes", 14, err, sizeof(err)), -1);
    CU_ASSERT_EQUAL(c.n, 2);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "# comment", 15, err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(ipp_conf_line(&c, "   ", 16, err, sizeof(err)), 0);
}

/* ---- captured attribute sets through profile, model and feed */

struct applied {
    struct prt_model *model;
    struct prt_device *dev;
    struct ipp_view view;
    char batch[32768];
};

static void report(void *arg, const char *msg)
{
    (void)arg;
    fprintf(stderr, "profile: %s\n", msg);
}

/* Loads a capture, writes its profile, loads that into a model, applies
 * the feed batch; every step must succeed. */
static int apply_fixture(const char *name, struct applied *ap)
{
    char path[1024], prof[] = "/tmp/test_ipp_profile.XXXXXX", line[4096];
    const char *top = getenv("top_srcdir");
    struct ipp_attrs as = {0};
    struct prt_profile *p;
    struct feed_session *s;
    struct feed_out out = {0};
    FILE *f;
    int fd, bad = 0;

    snprintf(path, sizeof(path), "%s/tests/fixtures/ipp/%s", top ? top : TOP_SRCDIR, name);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(ipp_attrs_read_ipptool(&as, f, err, sizeof(err)) > 20);
    fclose(f);
    if (ipp_view_build(&as, &ap->view, err, sizeof(err)) != PDIPP_OK) {
        fprintf(stderr, "%s: %s\n", name, err);
        CU_FAIL("view");
        ipp_attrs_free(&as);
        return -1;
    }
    ipp_attrs_free(&as);

    fd = mkstemp(prof);
    CU_ASSERT_FATAL(fd >= 0);
    f = fdopen(fd, "w");
    CU_ASSERT_EQUAL(ipp_view_profile(&ap->view, 1, "mirror-1", f), PDIPP_OK);
    fclose(f);
    ap->model = prt_model_new();
    p = prt_profile_new();
    CU_ASSERT_EQUAL(prt_profile_load_file(p, prof, report, NULL), 0);
    CU_ASSERT_EQUAL(prt_profile_finish(p, ap->model, report, NULL), 1);
    prt_profile_free(p);
    unlink(prof);
    ap->dev = prt_model_find_name(ap->model, "mirror-1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ap->dev);

    CU_ASSERT_TRUE(ipp_view_feed(&ap->view, NULL, 0, ap->batch, sizeof(ap->batch)) > 0);
    s = feed_session_new(ap->model, NULL, NULL);
    for (char *l = ap->batch, *nl; (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
        snprintf(line, sizeof(line), "%.*s", (int)(nl - l), l);
        feed_out_reset(&out);
        if (feed_session_line(s, line, strlen(line), &out) != FEED_R_OK) {
            fprintf(stderr, "%s: '%s' -> %s", name, line, out.buf);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf ? out.buf : "", "ok committed"));
    feed_out_free(&out);
    feed_session_free(s);
    return bad ? -1 : 0;
}

static const struct prt_alert *alert_with(const struct prt_device *d, int32_t code)
{
    for (size_t i = 0; i < d->n_alerts; i++)
        if (d->alerts[i].code == code)
            return &d->alerts[i];
    return NULL;
}

static void test_cupsd_toner_low(void)
{
    struct applied ap;
    const struct prt_alert *a;

    if (apply_fixture("cupsd-toner-low.txt", &ap) != 0)
        return;
    /* marker-* -> two toner rows, colorants from marker-colors */
    CU_ASSERT_EQUAL(ap.dev->n_supplies, 2);
    CU_ASSERT_EQUAL(ap.dev->supplies[0].level, 5);
    CU_ASSERT_EQUAL(ap.dev->supplies[1].level, 80);
    CU_ASSERT_STRING_EQUAL(ap.dev->supplies[0].description, "Black Toner");
    CU_ASSERT_EQUAL(ap.dev->n_colorants, 2);
    CU_ASSERT_STRING_EQUAL(ap.dev->colorants[1].value, "cyan");
    /* toner-low-warning with the black toner at 5 %: the supply row says it,
     * nothing is raised, the model derives exactly one alert */
    CU_ASSERT_PTR_NULL(strstr(ap.batch, "raise"));
    CU_ASSERT_EQUAL(ap.dev->n_alerts, 1);
    a = ap.dev->n_alerts == 1 ? &ap.dev->alerts[0] : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->group, PrtAlertGroupTC_markerSupplies);
    CU_ASSERT_EQUAL(a->group_index, 1);
    CU_ASSERT_EQUAL(ap.dev->hr_device_status, hrDeviceStatus_warning);
    CU_ASSERT_EQUAL(ap.dev->hr_printer_status, hrPrinterStatus_idle);
    CU_ASSERT_STRING_EQUAL(ap.view.location, "Lab 1");
    prt_model_free(ap.model);
}

static void test_cupsd_jam(void)
{
    struct applied ap;

    if (apply_fixture("cupsd-jam.txt", &ap) != 0)
        return;
    /* media-empty-error and media-jam-error: the synthetic tray at 0 and the
     * media path jammed; hrDeviceStatus down */
    CU_ASSERT_PTR_NOT_NULL(strstr(ap.batch, "jam 1\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(ap.batch, "set input 1 level 0\n"));
    CU_ASSERT_PTR_NOT_NULL(alert_with(ap.dev, PrtAlertCodeTC_jam));
    CU_ASSERT_PTR_NOT_NULL(alert_with(ap.dev, PrtAlertCodeTC_inputMediaSupplyEmpty));
    CU_ASSERT_PTR_NULL(alert_with(ap.dev, PrtAlertCodeTC_markerTonerAlmostEmpty));
    CU_ASSERT_EQUAL(ap.dev->hr_device_status, hrDeviceStatus_down);
    CU_ASSERT_TRUE(ap.dev->hr_error_state[0] & 0x40); /* noPaper, bit 1 */
    CU_ASSERT_TRUE(ap.dev->hr_error_state[0] & 0x04); /* jammed, bit 5 */
    prt_model_free(ap.model);
}

static void test_ippeveprinter(void)
{
    struct applied ap;

    if (apply_fixture("ippeveprinter-idle.txt", &ap) != 0)
        return;
    /* PWG 5100.13 rows: waste toner receptacle and black toner */
    CU_ASSERT_EQUAL(ap.dev->n_supplies, 2);
    CU_ASSERT_EQUAL(ap.dev->supplies[0].supply_class,
                    PrtMarkerSuppliesClassTC_receptacleThatIsFilled);
    CU_ASSERT_EQUAL(ap.dev->supplies[0].type, PrtMarkerSuppliesTypeTC_wasteToner);
    CU_ASSERT_STRING_EQUAL(ap.dev->supplies[0].description, "Toner Waste Tank");
    CU_ASSERT_EQUAL(ap.dev->supplies[1].level, 75);
    CU_ASSERT_EQUAL(ap.dev->supplies[1].colorant_index, 1);
    /* trays main, manual, by-pass-tray ("auto" is no tray) */
    CU_ASSERT_EQUAL(ap.dev->n_inputs, 3);
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[0].name, "main");
    CU_ASSERT_EQUAL(ap.dev->inputs[0].max_capacity, 250);
    CU_ASSERT_EQUAL(ap.dev->inputs[0].current_level, 100);
    /* media-col-ready: letter stationery in "main", an envelope in the
     * by-pass tray, nothing in "manual"; sizes in micrometers, the length
     * in the feed direction */
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[0].media_name, "na_letter_8.5x11in");
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[0].media_type, "stationery");
    CU_ASSERT_EQUAL(ap.dev->inputs[0].dim_unit, PrtMediaUnitTC_micrometers);
    CU_ASSERT_EQUAL(ap.dev->inputs[0].dim_feed_declared, 279400);
    CU_ASSERT_EQUAL(ap.dev->inputs[0].dim_xfeed_declared, 215900);
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[1].name, "manual");
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[1].media_name, "");
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[2].name, "by-pass-tray");
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[2].media_name, "na_number-10_4.125x9.5in");
    CU_ASSERT_STRING_EQUAL(ap.dev->inputs[2].media_type, "envelope");
    CU_ASSERT_EQUAL(ap.dev->inputs[2].dim_feed_declared, 241300);
    CU_ASSERT_EQUAL(ap.dev->inputs[2].dim_xfeed_declared, 104770);
    CU_ASSERT_STRING_EQUAL(ap.dev->ieee1284_id, "MFG:Example;MDL:Printer;CMD:PWG,URF;");
    CU_ASSERT_STRING_EQUAL(ap.dev->hr_descr, "Example Printer");
    CU_ASSERT_EQUAL(ap.dev->n_alerts, 0);
    CU_ASSERT_EQUAL(ap.dev->hr_device_status, hrDeviceStatus_running);
    CU_ASSERT_EQUAL(ap.dev->hr_printer_status, hrPrinterStatus_idle);

    /* unreachable: down and one critical alert that says so */
    {
        char b2[32768];
        struct feed_session *s = feed_session_new(ap.model, NULL, NULL);
        struct feed_out out = {0};
        ipp_view_unreachable(&ap.view, "Connection refused");
        CU_ASSERT_TRUE(ipp_view_feed(&ap.view, NULL, 0, b2, sizeof(b2)) > 0);
        for (char *l = b2, *nl; (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
            feed_out_reset(&out);
            CU_ASSERT_EQUAL(feed_session_line(s, l, (size_t)(nl - l), &out), FEED_R_OK);
        }
        CU_ASSERT_EQUAL(ap.dev->hr_device_status, hrDeviceStatus_down);
        CU_ASSERT_EQUAL(ap.dev->n_alerts, 1);
        CU_ASSERT_EQUAL(ap.dev->alerts[0].severity, PrtAlertSeverityLevelTC_critical);
        CU_ASSERT_STRING_EQUAL(ap.dev->alerts[0].description,
                               "Printer not reachable: Connection refused");
        /* back: the raised key is cleared */
        {
            uint64_t present = ap.view.raise[0].key;
            struct applied again;
            CU_ASSERT_EQUAL(apply_fixture("ippeveprinter-idle.txt", &again), 0);
            CU_ASSERT_TRUE(ipp_view_feed(&again.view, &present, 1, b2, sizeof(b2)) > 0);
            CU_ASSERT_PTR_NOT_NULL(strstr(b2, "clear key "));
            for (char *l = b2, *nl; (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
                feed_out_reset(&out);
                CU_ASSERT_EQUAL(feed_session_line(s, l, (size_t)(nl - l), &out), FEED_R_OK);
            }
            CU_ASSERT_EQUAL(ap.dev->n_alerts, 0);
            CU_ASSERT_EQUAL(ap.dev->hr_device_status, hrDeviceStatus_running);
            prt_model_free(again.model);
        }
        feed_out_free(&out);
        feed_session_free(s);
    }
    prt_model_free(ap.model);

    /* impressions: the caller's difference between two readings becomes
     * count commands (at most 1000000 each) on prtMarkerLifeCount */
    if (apply_fixture("ippeveprinter-idle.txt", &ap) != 0)
        return;
    CU_ASSERT_EQUAL(ap.view.impressions, -1); /* ippeveprinter does not say */
    {
        char b3[32768], line[256];
        struct feed_session *s = feed_session_new(ap.model, NULL, NULL);
        struct feed_out out = {0};
        uint32_t before = ap.dev->markers[0].life_count;
        ap.view.count_delta = 1234567;
        CU_ASSERT_TRUE(ipp_view_feed(&ap.view, NULL, 0, b3, sizeof(b3)) > 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(b3, "count 1000000\ncount 234567\n"));
        feed_out_reset(&out);
        CU_ASSERT_EQUAL(feed_session_line(s, "device mirror-1", 15, &out), FEED_R_OK);
        for (char *l = b3, *nl; (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
            snprintf(line, sizeof(line), "%.*s", (int)(nl - l), l);
            feed_out_reset(&out);
            CU_ASSERT_EQUAL(feed_session_line(s, line, strlen(line), &out), FEED_R_OK);
        }
        CU_ASSERT_EQUAL(ap.dev->markers[0].life_count - before, 1234567);
        feed_out_free(&out);
        feed_session_free(s);
    }
    prt_model_free(ap.model);

    if (apply_fixture("ippeveprinter-toner-low.txt", &ap) != 0)
        return;
    /* toner-low-report is informational; the 5 % row raises one alert */
    CU_ASSERT_EQUAL(ap.dev->n_alerts, 1);
    CU_ASSERT_EQUAL(ap.dev->n_alerts == 1 ? ap.dev->alerts[0].group_index : 0, 2);
    prt_model_free(ap.model);
}

/* Reasons alone, without rows that show them. */
static void test_reasons(void)
{
    struct ipp_attrs as = {0};
    struct ipp_view v;
    char b[8192];

    ipp_attrs_add(&as, "printer-state", S("stopped"));
    ipp_attrs_add(&as, "printer-state-reasons", S("paused"));
    CU_ASSERT_EQUAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_STRING_EQUAL(v.engine, "offline");
    ipp_attrs_free(&as);

    ipp_attrs_add(&as, "printer-state", S("processing"));
    ipp_attrs_add(&as, "printer-state-reasons", S("toner-empty-error"));
    ipp_attrs_add(&as, "printer-state-reasons", S("door-open-warning"));
    ipp_attrs_add(&as, "printer-state-reasons", S("output-area-almost-full"));
    ipp_attrs_add(&as, "printer-state-reasons", S("com.example-fuser-jam-error"));
    ipp_attrs_add(&as, "printer-state-reasons", S("cups-waiting-for-job-completed"));
    ipp_attrs_add(&as, "printer-state-reasons", S("media-low-report"));
    CU_ASSERT_EQUAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_STRING_EQUAL(v.engine, "printing");
    CU_ASSERT_TRUE(v.door_open);
    /* no supply rows: toner-empty raised; almost-full raised; the vendor
     * -error reason raised in its own words; the rest ignored */
    CU_ASSERT_EQUAL(v.n_raise, 3);
    CU_ASSERT_TRUE(ipp_view_feed(&v, NULL, 0, b, sizeof(b)) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "raise critical markerTonerEmpty group markerSupplies"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(b, "raise warning-binary outputMediaTrayAlmostFull group output"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "\"com.example-fuser-jam\"\n"));
    ipp_attrs_free(&as);

    /* PWG 5100.9 printer-alert: raised where no row says it */
    ipp_attrs_add(&as, "printer-state", S("idle"));
    ipp_attrs_add(&as, "printer-alert",
                  S("code=markerFuserOverTemperature;severity=critical;group=marker;groupindex=1"));
    ipp_attrs_add(&as, "printer-alert",
                  S("code=coverOpen;severity=critical;group=cover;groupindex=1"));
    ipp_attrs_add(&as, "printer-alert-description", S("Fuser too hot"));
    CU_ASSERT_EQUAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_EQUAL(v.n_raise, 1);
    CU_ASSERT_TRUE(ipp_view_feed(&v, NULL, 0, b, sizeof(b)) > 0);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(b, "raise critical markerFuserOverTemperature group marker index 1 key "));
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "\"Fuser too hot\"\n"));
    ipp_attrs_free(&as);
    ipp_attrs_add(&as, "printer-alert", S("code=jam;severity=badly"));
    CU_ASSERT_TRUE(ipp_view_build(&as, &v, err, sizeof(err)) < 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "printer-alert value 1"));
    ipp_attrs_free(&as);

    /* texts from the printer cannot break a feed line or a quoted string */
    ipp_attrs_add(&as, "printer-state", S("idle"));
    ipp_attrs_add(&as, "printer-state-reasons", S("com.example-x\"y\nraise-error"));
    CU_ASSERT_EQUAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_TRUE(ipp_view_feed(&v, NULL, 0, b, sizeof(b)) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "\"com.example-x\\\"y?raise\"\n"));
    ipp_attrs_free(&as);

    /* no printer-state at all: unknown, not a crash */
    ipp_attrs_add(&as, "printer-state-reasons", S("none"));
    CU_ASSERT_EQUAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_STRING_EQUAL(v.engine, "unknown");
    ipp_attrs_free(&as);

    ipp_attrs_add(&as, "printer-impressions-completed", S("4711"));
    CU_ASSERT_EQUAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_EQUAL(v.impressions, 4711);
    ipp_attrs_free(&as);

    ipp_attrs_add(&as, "printer-state", S("sleeping"));
    CU_ASSERT_TRUE(ipp_view_build(&as, &v, err, sizeof(err)) < 0);
    ipp_attrs_free(&as);
    ipp_attrs_add(&as, "printer-state", S("idle"));
    ipp_attrs_add(&as, "printer-supply", S("type=toner;level=500;maxcapacity=100"));
    CU_ASSERT_TRUE(ipp_view_build(&as, &v, err, sizeof(err)) < 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "printer-supply value 1"));
    ipp_attrs_free(&as);
    ipp_attrs_add(&as, "marker-names", S("Black"));
    ipp_attrs_add(&as, "marker-levels", S("101"));
    CU_ASSERT_TRUE(ipp_view_build(&as, &v, err, sizeof(err)) < 0);
    ipp_attrs_free(&as);
}

/* The device add batch (ipp_skel.c) of every capture, through a feed
 * session into a model without devices: the device is built from the IPP
 * layout and validated; the live levels are not in the skeleton, so a
 * second reading with other levels re-adds it unchanged. */
static void add_through_feed(const char *name, int32_t want_supplies)
{
    static char batch[65536];
    char path[1024], line[4096], id[256];
    const char *top = getenv("top_srcdir");
    struct ipp_attrs as = {0};
    struct ipp_view v;
    struct prt_model *m = prt_model_new();
    struct feed_session *s = feed_session_new(m, NULL, NULL);
    struct feed_out out = {0};
    struct prt_device *d;
    FILE *f;
    int n, round;

    snprintf(path, sizeof(path), "%s/tests/fixtures/ipp/%s", top ? top : TOP_SRCDIR, name);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(ipp_attrs_read_ipptool(&as, f, err, sizeof(err)) > 20);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    ipp_attrs_free(&as);
    CU_ASSERT_EQUAL_FATAL(ipp_view_identity(&v, "ipp://fallback/x", id, sizeof(id)), PDIPP_OK);
    CU_ASSERT_TRUE(strncmp(id, "urn:uuid:", 9) == 0);
    for (round = 0; round < 2; round++) {
        if (round == 1)
            for (size_t i = 0; i < v.n_supply; i++)
                v.supply[i].s.level = 1; /* only levels moved */
        n = ipp_view_add_batch(&v, "mirror-1", NULL, id, batch, sizeof(batch));
        CU_ASSERT_FATAL(n > 0);
        {
            static const char head[] = "begin\ndevice add mirror-1 identity=urn:uuid:";
            CU_ASSERT_TRUE(strncmp(batch, head, sizeof(head) - 1) == 0);
        }
        CU_ASSERT_PTR_NULL(strstr(batch, "printdevDevice"));
        CU_ASSERT_PTR_NULL(strstr(batch, "\n#"));
        for (char *l = batch, *nl; (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
            snprintf(line, sizeof(line), "%.*s", (int)(nl - l), l);
            feed_out_reset(&out);
            if (feed_session_line(s, line, strlen(line), &out) != FEED_R_OK)
                fprintf(stderr, "%s: '%s' -> %s", name, line, out.buf);
        }
        CU_ASSERT_PTR_NOT_NULL(strstr(out.buf ? out.buf : "", round == 0
                                                                  ? "\" added\nok committed"
                                                                  : "\" unchanged\nok committed"));
    }
    d = prt_model_find_name(m, "mirror-1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(d->hr_index, 1);
    CU_ASSERT_STRING_EQUAL(d->identity, id);
    CU_ASSERT_EQUAL((int32_t)d->n_supplies, want_supplies);
    /* no URI-usable identity: refused rather than sent */
    v.uuid[0] = '\0';
    v.uri[0] = '\0';
    CU_ASSERT_EQUAL(ipp_view_identity(&v, "ipp://a b", id, sizeof(id)), PDIPP_ESYNTAX);
    CU_ASSERT_EQUAL(ipp_view_identity(&v, "ipp://h/p", id, sizeof(id)), PDIPP_OK);
    CU_ASSERT_STRING_EQUAL(id, "ipp://h/p");
    /* too small a buffer */
    CU_ASSERT_EQUAL(ipp_view_add_batch(&v, "mirror-1", NULL, id, batch, 100), -1);
    feed_out_free(&out);
    feed_session_free(s);
    prt_registry_free(m->registry);
    prt_model_free(m);
}

static void test_add_batch(void)
{
    add_through_feed("cupsd-toner-low.txt", 2);
    add_through_feed("ippeveprinter-idle.txt", 2);
}

/* feed_batch: a batch through the session line by line; the last reply. */
static const char *feed_batch(struct feed_session *s, char *batch, struct feed_out *out)
{
    char line[4096];

    for (char *l = batch, *nl; (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
        snprintf(line, sizeof(line), "%.*s", (int)(nl - l), l);
        feed_out_reset(out);
        feed_session_line(s, line, strlen(line), out);
    }
    return out->buf ? out->buf : "";
}

/* Device names longer than a context name: the first 32 octets are the
 * context; a second name with the same first 32 octets is refused with the
 * feed's "context-taken: ..." error word and accepted
 * in ipp_context_alt()'s context, which is stable and a valid context. */
static void test_long_names(void)
{
    static char batch[65536];
    static const char a[] = "mirrored-queue-with-a-long-name-A-01";
    static const char b[] = "mirrored-queue-with-a-long-name-B-01";
    char path[1024], alt[PDIPP_CONTEXT_MAX + 1], alt2[PDIPP_CONTEXT_MAX + 1];
    const char *top = getenv("top_srcdir");
    struct ipp_attrs as = {0};
    struct ipp_view v;
    struct prt_model *m = prt_model_new();
    struct feed_session *s = feed_session_new(m, NULL, NULL);
    struct feed_out out = {0};
    struct prt_device *d;
    FILE *f;

    ipp_context_alt(b, alt, sizeof(alt));
    ipp_context_alt(b, alt2, sizeof(alt2));
    CU_ASSERT_STRING_EQUAL(alt, alt2);
    CU_ASSERT_EQUAL(strlen(alt), 32);
    CU_ASSERT_TRUE(strncmp(alt, b, 23) == 0 && alt[23] == '-');
    CU_ASSERT_TRUE(prt_system_context_valid(alt));
    ipp_context_alt(a, alt2, sizeof(alt2));
    CU_ASSERT_STRING_NOT_EQUAL(alt, alt2);
    ipp_context_alt("q1", alt2, sizeof(alt2));
    CU_ASSERT_TRUE(strncmp(alt2, "q1-", 3) == 0 && strlen(alt2) == 11);
    CU_ASSERT_TRUE(prt_system_context_valid(alt2));

    snprintf(path, sizeof(path), "%s/tests/fixtures/ipp/cupsd-toner-low.txt",
             top ? top : TOP_SRCDIR);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(ipp_attrs_read_ipptool(&as, f, err, sizeof(err)) > 20);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(ipp_view_build(&as, &v, err, sizeof(err)), PDIPP_OK);
    ipp_attrs_free(&as);
    CU_ASSERT_FATAL(ipp_view_add_batch(&v, a, NULL, "urn:uuid:a", batch, sizeof(batch)) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(batch, "printdevSystem context mirrored-queue-with-a-long-name-"
                                         " location "));
    CU_ASSERT_PTR_NOT_NULL(strstr(feed_batch(s, batch, &out), "added\nok committed"));
    d = prt_model_find_name(m, a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(prt_system_context(d), "mirrored-queue-with-a-long-name-");
    /* the same first 32 octets: refused, nothing added */
    CU_ASSERT_FATAL(ipp_view_add_batch(&v, b, NULL, "urn:uuid:b", batch, sizeof(batch)) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(feed_batch(s, batch, &out),
                                  "context 'mirrored-queue-with-a-long-name-' is already the "
                                  "context of device mirrored-queue-with-a-long-name-A-01"));
    /* recognised by the error word, not by the English text */
    CU_ASSERT_TRUE(ipp_context_taken(out.buf));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "error batch rejected: context-taken: device "));
    CU_ASSERT_TRUE(ipp_context_taken("error context-taken: device x: whatever"));
    CU_ASSERT_FALSE(ipp_context_taken("error batch rejected: device x: context 'x' is already "
                                      "the context of device y"));
    CU_ASSERT_FALSE(ipp_context_taken("error batch rejected: command 2: context-taken: x"));
    CU_ASSERT_FALSE(ipp_context_taken("ok device 3 \"x\" added"));
    CU_ASSERT_PTR_NULL(prt_model_find_name(m, b));
    /* in the fallback context: added there */
    CU_ASSERT_FATAL(ipp_view_add_batch(&v, b, alt, "urn:uuid:b", batch, sizeof(batch)) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(feed_batch(s, batch, &out), "added\nok committed"));
    d = prt_model_find_name(m, b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(prt_system_context(d), alt);
    /* a context longer than a context name is not sent */
    CU_ASSERT_EQUAL(ipp_view_add_batch(&v, b, "c23456789012345678901234567890123", "urn:uuid:b",
                                       batch, sizeof(batch)),
                    -1);
    feed_out_free(&out);
    feed_session_free(s);
    prt_registry_free(m->registry);
    prt_model_free(m);
}

/* The cupsd-toner-low reading with printer-impressions-completed = total
 * (NULL: without it).  Neither cupsd 2.4 nor ippeveprinter offers the
 * attribute, so it is added to the captured set. */
static void view_with_impressions(struct ipp_view *v, const char *total)
{
    char path[1024];
    const char *top = getenv("top_srcdir");
    struct ipp_attrs as = {0};
    FILE *f;

    snprintf(path, sizeof(path), "%s/tests/fixtures/ipp/cupsd-toner-low.txt",
             top ? top : TOP_SRCDIR);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(ipp_attrs_read_ipptool(&as, f, err, sizeof(err)) > 20);
    fclose(f);
    if (total != NULL)
        CU_ASSERT_EQUAL(ipp_attrs_add(&as, "printer-impressions-completed", total, strlen(total)),
                        0);
    CU_ASSERT_EQUAL_FATAL(ipp_view_build(&as, v, err, sizeof(err)), PDIPP_OK);
    ipp_attrs_free(&as);
}

/* "get markers" of device imp: its data lines go to the counting (as
 * printdev-ipp's collect_life does); the agent's prtMarkerLifeCount. */
static long long agent_life(struct feed_session *s, struct feed_out *out, struct ipp_count *c)
{
    static char cmds[] = "device imp\nget markers\n";
    const char *r = feed_batch(s, cmds, out), *l;

    for (const char *p = r; *p != '\0'; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
        if (c != NULL)
            ipp_count_marker_line(c, p);
    l = strstr(r, "marker index=1 life=");
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    return strtoll(l + 20, NULL, 10);
}

/* One mirror step through the session: the reading total, the state batch
 * with its "count" lines, accepted.  Returns whether "behind" was said. */
static bool count_step(struct feed_session *s, struct feed_out *out, struct ipp_count *c,
                       const char *total)
{
    static char batch[65536], cmds[65536 + 64];
    struct ipp_view v;
    bool behind;

    view_with_impressions(&v, total);
    if (ipp_count_wants_agent(c, &v))
        (void)agent_life(s, out, c);
    behind = ipp_count_step(c, &v);
    CU_ASSERT_FATAL(ipp_view_feed(&v, NULL, 0, batch, sizeof(batch)) > 0);
    snprintf(cmds, sizeof(cmds), "device imp\n%s", batch);
    CU_ASSERT_PTR_NOT_NULL(strstr(feed_batch(s, cmds, out), "ok committed"));
    ipp_count_accepted(c, &v);
    return behind;
}

/* prtMarkerLifeCount follows printer-impressions-completed: caught up from
 * the agent's saved value after a (re)start, never going back. */
static void test_impressions(void)
{
    static char batch[65536];
    struct prt_model *m = prt_model_new();
    struct feed_session *s = feed_session_new(m, NULL, NULL);
    struct feed_out out = {0};
    struct ipp_count c;
    struct ipp_view v;
    static char cmd[] = "device imp\ncount 700\n", more[] = "device imp\ncount 100\n";

    view_with_impressions(&v, NULL);
    CU_ASSERT_EQUAL(v.impressions, -1);
    CU_ASSERT_FATAL(ipp_view_add_batch(&v, "imp", NULL, "urn:uuid:imp", batch, sizeof(batch)) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(feed_batch(s, batch, &out), "added\nok committed"));
    /* the agent's saved value: 700 impressions counted before */
    CU_ASSERT_PTR_NOT_NULL(strstr(feed_batch(s, cmd, &out), "ok"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 700);

    /* a printer without the attribute: nothing read, nothing counted */
    ipp_count_reset(&c);
    c.logged_behind = false;
    CU_ASSERT_FALSE(ipp_count_wants_agent(&c, &v));
    CU_ASSERT_FALSE(ipp_count_step(&c, &v));
    CU_ASSERT_EQUAL(v.count_delta, 0);

    /* the first reading: the agent's 700 caught up to the printer's 5000 */
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5000"));
    CU_ASSERT_EQUAL(c.agent, 700);
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5000);
    /* then the increments */
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5010"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5010);
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5010"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5010);
    /* printdev-ipp (or the agent) restarts; the printer printed 40 since */
    ipp_count_reset(&c);
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5050"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5050);
    /* the agent is ahead of the printer (counted elsewhere too): said once,
     * never back, the printer's new impressions on top */
    CU_ASSERT_PTR_NOT_NULL(strstr(feed_batch(s, more, &out), "ok"));
    ipp_count_reset(&c);
    CU_ASSERT_TRUE(count_step(s, &out, &c, "5060"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5150);
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5070"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5160);
    ipp_count_reset(&c);
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5080")); /* once */
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5160);
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5081"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5161);
    /* the printer's counter went back (replaced): a new base, no change */
    CU_ASSERT_FALSE(count_step(s, &out, &c, "3"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5161);
    CU_ASSERT_FALSE(count_step(s, &out, &c, "5"));
    CU_ASSERT_EQUAL(agent_life(s, &out, NULL), 5163);

    /* a large total is caught up in steps of PDIPP_COUNT_STEP_MAX; an
     * implausible jump later is a new base */
    ipp_count_reset(&c);
    ipp_count_marker_line(&c, "marker index=2 life=9 power_on=9 unit=7");
    ipp_count_marker_line(&c, "marker index=1 life=0 power_on=0 unit=7");
    CU_ASSERT_EQUAL(c.agent, 0);
    view_with_impressions(&v, "250000000");
    CU_ASSERT_FALSE(ipp_count_wants_agent(&c, &v));
    for (unsigned want = PDIPP_COUNT_STEP_MAX, i = 0; i < 4; i++) {
        ipp_count_step(&c, &v);
        CU_ASSERT_EQUAL(v.count_delta, i < 2 ? want : i == 2 ? 50000000u : 0u);
        ipp_count_accepted(&c, &v);
    }
    CU_ASSERT_EQUAL(c.counted, 250000000);
    view_with_impressions(&v, "450000001");
    ipp_count_step(&c, &v);
    CU_ASSERT_EQUAL(v.count_delta, 0);
    view_with_impressions(&v, "450000011");
    ipp_count_step(&c, &v);
    CU_ASSERT_EQUAL(v.count_delta, 10);

    feed_out_free(&out);
    feed_session_free(s);
    prt_registry_free(m->registry);
    prt_model_free(m);
}

static void test_media_col_parse(void)
{
    struct ipp_media m;

    /* as ipptool (and printdev-ipp through libcups) writes a media-col value */
    CU_ASSERT_EQUAL(ipp_media_col_parse(S("{media-key=na_letter_8.5x11in_main_stationery "
                                          "media-size={x-dimension=21590 y-dimension=27940} "
                                          "media-size-name=na_letter_8.5x11in "
                                          "media-bottom-margin=635 media-source=main "
                                          "media-type=stationery media-color=white "
                                          "media-weight-metric=80}"),
                                        &m, err, sizeof(err)),
                    PDIPP_OK);
    CU_ASSERT_STRING_EQUAL(m.source, "main");
    CU_ASSERT_STRING_EQUAL(m.name, "na_letter_8.5x11in");
    CU_ASSERT_STRING_EQUAL(m.type, "stationery");
    CU_ASSERT_STRING_EQUAL(m.color, "white");
    CU_ASSERT_EQUAL(m.x, 21590);
    CU_ASSERT_EQUAL(m.y, 27940);
    CU_ASSERT_EQUAL(m.weight, 80);
    /* no media-size-name: the media-key names it; a text with blanks and
     * another nested collection are skipped */
    CU_ASSERT_EQUAL(
        ipp_media_col_parse(S("{media-info=Plain paper, 80 g media-key=iso_a4_210x297mm "
                              "media-source-properties={media-source-feed-direction=x-dimension} "
                              "media-source=tray-1}"),
                            &m, err, sizeof(err)),
        PDIPP_OK);
    CU_ASSERT_STRING_EQUAL(m.name, "iso_a4_210x297mm");
    CU_ASSERT_STRING_EQUAL(m.source, "tray-1");
    CU_ASSERT_EQUAL(m.x, -1);
    CU_ASSERT_EQUAL(m.weight, -2);
    CU_ASSERT_EQUAL(ipp_media_col_parse(S("{media-size={x-dimension=21000 y-dimension=29700}"), &m,
                                        err, sizeof(err)),
                    PDIPP_ESYNTAX);
    CU_ASSERT_EQUAL(ipp_media_col_parse(S("media-source=main"), &m, err, sizeof(err)),
                    PDIPP_ESYNTAX);
    CU_ASSERT_EQUAL(ipp_media_col_parse(S("{media-size={x-dimension=-5 y-dimension=29700}}"), &m,
                                        err, sizeof(err)),
                    PDIPP_EVALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "x-dimension"));
    CU_ASSERT_EQUAL(ipp_media_col_parse(S("{media-weight-metric=heavy}"), &m, err, sizeof(err)),
                    PDIPP_EVALUE);
    CU_ASSERT_EQUAL(ipp_media_col_parse(S("{}"), &m, err, sizeof(err)), PDIPP_OK);
    CU_ASSERT_STRING_EQUAL(m.source, "");
}

static void register_ipp_suite(void)
{
    CU_pSuite s = cu_add_suite("ipp", NULL, NULL);

    CU_ADD(s, test_supply_parse);
    CU_ADD(s, test_impressions);
    CU_ADD(s, test_tray_alert_parse);
    CU_ADD(s, test_media_col_parse);
    CU_ADD(s, test_conf);
    CU_ADD(s, test_cupsd_toner_low);
    CU_ADD(s, test_cupsd_jam);
    CU_ADD(s, test_ippeveprinter);
    CU_ADD(s, test_reasons);
    CU_ADD(s, test_add_batch);
    CU_ADD(s, test_long_names);
}

const cu_registrar cu_suites[] = {register_ipp_suite, NULL};
