/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_rules_status.c: unit tests of the statuses derived by prt_rules.c:
 * hrPrinterDetectedErrorState bit positions (RFC 2790 / RFC 3805
 * §2.2.13.2.1), hrDeviceStatus/hrPrinterStatus in the RFC 3805 §2.2.13.2 and
 * PRISMAsync mappings, hrDeviceErrors, the PrtSubUnitStatusTC columns
 * (§2.2.13.2.2, RFC and PRISMAsync), console lights and display text.
 */
#include <stdint.h>
#include <string.h>

#include "cu_runner.h"
#include "rules_fixture.h"

/* ---- hrPrinterDetectedErrorState ---- */

static void two_trays(int32_t l1, int32_t l2)
{
    fx_input(1, "Tray 1", l1, 500);
    fx_input(2, "Tray 2", l2, 500);
}

static void s_low_paper(void) { two_trays(100, 20); D->inputs[1].low_threshold = 50; }
static void s_no_paper(void) { fx_input(1, "Tray 1", 0, 500); }
static void s_low_toner(void) { fx_marker(1); fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "K", 5, 100); }
static void s_no_toner(void) { fx_marker(1); fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "K", 0, 100); }
static void s_door(void) { fx_cover(1, "Front", PrtCoverStatusTC_coverOpen); }
static void s_jam(void) { fx_path(1, "P"); D->media_paths[0].jammed = true; }
static void s_offline(void) { D->cond.engine = PRT_ENGINE_OFFLINE; }
static void s_service(void) { D->cond.service_requested = true; }
static void s_in_missing(void) { two_trays(100, 100); D->inputs[0].missing = true; }
static void s_out_missing(void) { fx_output(1, "O", 100, 250); D->outputs[0].missing = true; }
static void s_supply_missing(void) { fx_supply(1, 0, PrtMarkerSuppliesTypeTC_fuser, 3, "F", 50, 100); D->supplies[0].missing = true; }
static void s_near_full(void) { fx_output(1, "O", 5, 250); D->outputs[0].near_full_threshold = 10; }
static void s_full(void) { fx_output(1, "O", 0, 250); fx_output(2, "P", 100, 250); }
static void s_tray_empty(void) { two_trays(0, 100); }
static void s_maint(void) { D->cond.overdue_maintenance = true; }

static const struct {
    const char *name;
    void (*setup)(void);
    uint8_t o1, o2;
} err_cases[] = {
    { "lowPaper bit 0", s_low_paper, 0x80, 0x00 },
    { "noPaper bit 1 (+inputTrayEmpty)", s_no_paper, 0x40, 0x04 },
    { "lowToner bit 2", s_low_toner, 0x20, 0x00 },
    { "noToner bit 3", s_no_toner, 0x10, 0x00 },
    { "doorOpen bit 4", s_door, 0x08, 0x00 },
    { "jammed bit 5", s_jam, 0x04, 0x00 },
    { "offline bit 6", s_offline, 0x02, 0x00 },
    { "serviceRequested bit 7", s_service, 0x01, 0x00 },
    { "inputTrayMissing bit 8", s_in_missing, 0x00, 0x80 },
    { "outputTrayMissing bit 9", s_out_missing, 0x00, 0x40 },
    { "markerSupplyMissing bit 10", s_supply_missing, 0x00, 0x20 },
    { "outputNearFull bit 11", s_near_full, 0x00, 0x10 },
    { "outputFull bit 12", s_full, 0x00, 0x08 },
    { "inputTrayEmpty bit 13", s_tray_empty, 0x00, 0x04 },
    { "overduePreventMaint bit 14", s_maint, 0x00, 0x02 },
};

static void test_error_state_bits(void)
{
    size_t i;

    for (i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
        fx_begin();
        err_cases[i].setup();
        fx_apply();
        if (D->hr_error_state[0] != err_cases[i].o1 || D->hr_error_state[1] != err_cases[i].o2)
            CU_FAIL(err_cases[i].name);
        CU_ASSERT_EQUAL(D->hr_error_state[0], err_cases[i].o1);
        CU_ASSERT_EQUAL(D->hr_error_state[1], err_cases[i].o2);
    }
    /* the generated constants agree: bit n = MSB-first */
    CU_ASSERT_EQUAL(HR_PRINTER_ERR_lowPaper, 0);
    CU_ASSERT_EQUAL(HR_PRINTER_ERR_overduePreventMaint, 14);
}

static void test_error_state_all_and_clear(void)
{
    size_t i;

    fx_begin();
    two_trays(0, 0);
    D->inputs[1].missing = true;
    fx_output(1, "O", 0, 250);
    fx_output(2, "P", 5, 250);
    D->outputs[1].near_full_threshold = 10;
    fx_output(3, "Q", 5, 250);
    D->outputs[2].offline = true;
    fx_marker(1);
    fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "K", 0, 100);
    fx_supply(2, 1, PrtMarkerSuppliesTypeTC_toner, 3, "C", 5, 100);
    fx_supply(3, 1, PrtMarkerSuppliesTypeTC_toner, 3, "M", 50, 100);
    D->supplies[2].missing = true;
    fx_input(3, "Tray 3", 0, 500);
    fx_input(4, "Tray 4", 20, 500);
    D->inputs[3].low_threshold = 50;
    s_door();
    s_jam();
    D->cond.engine = PRT_ENGINE_OFFLINE;
    s_service();
    s_maint();
    fx_apply();
    /* every assigned bit, bit 15 never */
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0xBF); /* noPaper clear: tray 4 has paper */
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0xFE);
    D->inputs[3].current_level = 0;
    fx_apply();
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x7F); /* all out: noPaper, no lowPaper */
    /* everything back to normal: both octets zero, still two octets */
    fx_begin();
    for (i = 0; i < 2; i++)
        fx_apply();
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0);
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0);
    CU_ASSERT_EQUAL(sizeof(D->hr_error_state), 2);
}

static void test_error_state_offline_variants(void)
{
    fx_begin();
    D->cond.engine = PRT_ENGINE_MOVING_OFFLINE;
    fx_apply();
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x02);
    CU_ASSERT_EQUAL(D->n_alerts, 0); /* moving off-line raises no alert yet */
    D->cond.engine = PRT_ENGINE_TESTING;
    fx_apply();
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x00);
    D->rules.oce_status = true; /* PRISMAsync: service mode reports offline */
    fx_apply();
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x02);
}

/* ---- hrDeviceStatus / hrPrinterStatus ---- */

enum { NONE = 0, WARN = 1, CRIT = 2 };

static void hr_case(bool oce, int32_t engine, int alerts, int32_t dev, int32_t prn)
{
    char msg[96];

    fx_begin();
    D->rules.oce_status = oce;
    D->cond.engine = engine;
    two_trays(100, alerts == WARN ? 0 : 100);
    fx_cover(1, "Front", alerts == CRIT ? PrtCoverStatusTC_coverOpen : PrtCoverStatusTC_coverClosed);
    fx_apply();
    snprintf(msg, sizeof(msg), "%s engine %d alerts %d: got %d/%d want %d/%d",
             oce ? "oce" : "rfc", (int)engine, alerts, (int)D->hr_device_status,
             (int)D->hr_printer_status, (int)dev, (int)prn);
    if (D->hr_device_status != dev || D->hr_printer_status != prn)
        CU_FAIL(msg);
    CU_ASSERT_EQUAL(D->hr_device_status, dev);
    CU_ASSERT_EQUAL(D->hr_printer_status, prn);
}

static void test_hr_status_rfc(void)
{
    /* RFC 3805 §2.2.13.2 */
    hr_case(false, PRT_ENGINE_IDLE, NONE, 2, 3);
    hr_case(false, PRT_ENGINE_PRINTING, NONE, 2, 4);
    hr_case(false, PRT_ENGINE_IDLE, WARN, 3, 3);
    hr_case(false, PRT_ENGINE_PRINTING, WARN, 3, 4);
    hr_case(false, PRT_ENGINE_IDLE, CRIT, 5, 1);
    hr_case(false, PRT_ENGINE_PRINTING, CRIT, 5, 1);
    hr_case(false, PRT_ENGINE_UNAVAILABLE, NONE, 5, 1);
    hr_case(false, PRT_ENGINE_MOVING_OFFLINE, NONE, 3, 3);
    hr_case(false, PRT_ENGINE_OFFLINE, NONE, 5, 1);
    hr_case(false, PRT_ENGINE_WARMUP, NONE, 5, 5);
    hr_case(false, PRT_ENGINE_WARMUP, CRIT, 5, 1);
    hr_case(false, PRT_ENGINE_STANDBY, NONE, 2, 1);
    hr_case(false, PRT_ENGINE_STANDBY, WARN, 3, 1);
    hr_case(false, PRT_ENGINE_TESTING, NONE, 4, 1);
    hr_case(false, PRT_ENGINE_UNKNOWN, NONE, 1, 2);
}

static void test_hr_status_oce(void)
{
    /* PRISMAsync "device group of the HR MIB" */
    hr_case(true, PRT_ENGINE_WARMUP, NONE, 2, 3);
    hr_case(true, PRT_ENGINE_STANDBY, NONE, 2, 3);
    hr_case(true, PRT_ENGINE_IDLE, NONE, 2, 3);
    hr_case(true, PRT_ENGINE_PRINTING, NONE, 2, 4);
    hr_case(true, PRT_ENGINE_PRINTING, WARN, 2, 4);
    hr_case(true, PRT_ENGINE_IDLE, WARN, 2, 3);
    hr_case(true, PRT_ENGINE_IDLE, CRIT, 5, 1);
    hr_case(true, PRT_ENGINE_OFFLINE, NONE, 5, 1);
    hr_case(true, PRT_ENGINE_TESTING, NONE, 5, 1);
    hr_case(true, PRT_ENGINE_UNAVAILABLE, NONE, 5, 1);
    hr_case(true, PRT_ENGINE_UNKNOWN, NONE, 2, 3);
    hr_case(true, PRT_ENGINE_MOVING_OFFLINE, NONE, 2, 3);
}

static void test_hr_device_errors(void)
{
    fx_begin();
    D->hr_device_errors = 7;
    s_door();
    fx_apply();
    CU_ASSERT_EQUAL(D->hr_device_errors, 9); /* cover + operator intervention */
    D->covers[0].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_EQUAL(D->hr_device_errors, 9);

    fx_begin();
    D->rules.oce_status = true;
    D->hr_device_errors = 7;
    D->general.alert_critical_events = 3;
    fx_apply();
    CU_ASSERT_EQUAL(D->hr_device_errors, 3);
    s_door();
    fx_apply();
    CU_ASSERT_EQUAL(D->general.alert_critical_events, 5);
    CU_ASSERT_EQUAL(D->hr_device_errors, 5);
}

/* ---- sub-unit status columns ---- */

static void test_input_status_rfc(void)
{
    fx_begin();
    D->rules.oce_operator_intervention = false;
    two_trays(0, 100);
    fx_input(3, "Tray 3", 100, 500);
    D->inputs[2].missing = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->inputs[0].status, 8);  /* empty: non-critical */
    CU_ASSERT_EQUAL(D->inputs[1].status, 0);
    CU_ASSERT_EQUAL(D->inputs[2].status, 9);  /* unavailable on request + non-critical */
    D->rules.oce_all_trays_empty = false;
    D->inputs[1].current_level = 0;
    fx_apply();
    CU_ASSERT_EQUAL(D->inputs[0].status, 16); /* all out, RFC: critical */
    CU_ASSERT_EQUAL(D->inputs[1].status, 16);
    D->rules.oce_all_trays_empty = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->inputs[0].status, 8);  /* per-tray rows stay warnings */
    D->inputs[0].current_level = D->inputs[1].current_level = 100;
    D->inputs[2].missing = false;
    {
        static const struct { int32_t engine, status; } e[] = {
            { PRT_ENGINE_IDLE, 0 },    { PRT_ENGINE_PRINTING, 0 },     { PRT_ENGINE_STANDBY, 2 },
            { PRT_ENGINE_WARMUP, 66 }, { PRT_ENGINE_MOVING_OFFLINE, 64 }, { PRT_ENGINE_OFFLINE, 33 },
            { PRT_ENGINE_UNAVAILABLE, 3 }, { PRT_ENGINE_TESTING, 1 },  { PRT_ENGINE_UNKNOWN, 5 },
        };
        size_t i;
        for (i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
            D->cond.engine = e[i].engine;
            fx_apply();
            CU_ASSERT_EQUAL(D->inputs[1].status, e[i].status);
        }
    }
}

static void test_input_status_oce(void)
{
    fx_begin();
    D->rules.oce_status = true;
    two_trays(0, 20);
    D->inputs[1].low_threshold = 50;
    fx_input(3, "Tray 3", 100, 500);
    fx_input(4, "Tray 4", 100, 500);
    D->inputs[3].missing = true;
    D->cond.engine = PRT_ENGINE_STANDBY;
    fx_apply();
    CU_ASSERT_EQUAL(D->inputs[0].status, 16); /* empty */
    CU_ASSERT_EQUAL(D->inputs[1].status, 0);  /* low: still 0 */
    CU_ASSERT_EQUAL(D->inputs[2].status, 0);
    CU_ASSERT_EQUAL(D->inputs[3].status, 16); /* missing */
}

static void test_output_status(void)
{
    fx_begin();
    fx_output(1, "Full", 0, 250);
    fx_output(2, "Near", 5, 250);
    D->outputs[1].near_full_threshold = 10;
    fx_output(3, "Offline", 100, 250);
    D->outputs[2].offline = true;
    fx_output(4, "Missing", 100, 250);
    D->outputs[3].missing = true;
    fx_output(5, "Fine", 100, 250);
    fx_apply();
    CU_ASSERT_EQUAL(D->outputs[0].status, 8);
    CU_ASSERT_EQUAL(D->outputs[1].status, 8);
    CU_ASSERT_EQUAL(D->outputs[2].status, 41); /* 1 + 32 + 8 */
    CU_ASSERT_EQUAL(D->outputs[3].status, 9);
    CU_ASSERT_EQUAL(D->outputs[4].status, 0);
    D->rules.oce_status = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->outputs[0].status, 16);
    CU_ASSERT_EQUAL(D->outputs[1].status, 0);
    CU_ASSERT_EQUAL(D->outputs[2].status, 16);
    CU_ASSERT_EQUAL(D->outputs[3].status, 16);
    CU_ASSERT_EQUAL(D->outputs[4].status, 0);
}

static void test_marker_status(void)
{
    fx_begin();
    fx_marker(1);
    fx_marker(2);
    fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "K", 5, 100);
    fx_supply(2, 2, PrtMarkerSuppliesTypeTC_toner, 3, "C", 50, 100);
    D->cond.engine = PRT_ENGINE_PRINTING;
    fx_apply();
    CU_ASSERT_EQUAL(D->markers[0].status, 12); /* active + non-critical */
    CU_ASSERT_EQUAL(D->markers[1].status, 4);
    D->supplies[0].level = 0;
    fx_apply();
    CU_ASSERT_EQUAL(D->markers[0].status, 20);
    D->rules.oce_status = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->markers[0].status, 16);
    CU_ASSERT_EQUAL(D->markers[1].status, 0);
    D->supplies[0].level = 5;
    fx_apply();
    CU_ASSERT_EQUAL(D->markers[0].status, 8);
    /* the waste toner receptacle counts for its marker too */
    D->supplies[0].level = 50;
    fx_supply(3, 2, PrtMarkerSuppliesTypeTC_wasteToner, 4, "W", 0, 100);
    fx_apply();
    CU_ASSERT_EQUAL(D->markers[0].status, 0);
    CU_ASSERT_EQUAL(D->markers[1].status, 8);
}

static void test_media_path_status(void)
{
    fx_begin();
    fx_path(1, "A");
    fx_path(2, "B");
    D->media_paths[0].jammed = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->media_paths[0].status, 19); /* RFC example: 3 + 16 */
    CU_ASSERT_EQUAL(D->media_paths[1].status, 0);
    D->media_paths[0].jammed = false;
    D->cond.engine = PRT_ENGINE_PRINTING;
    fx_apply();
    CU_ASSERT_EQUAL(D->media_paths[0].status, 4);
    D->cond.engine = PRT_ENGINE_OFFLINE;
    fx_apply();
    CU_ASSERT_EQUAL(D->media_paths[0].status, 33);
}

static void test_channel_status(void)
{
    struct prt_alert a;

    fx_begin();
    fx_channel(1, PrtChannelStateTC_printDataAccepted);
    fx_channel(2, PrtChannelStateTC_noDataAccepted);
    fx_apply();
    CU_ASSERT_EQUAL(D->channels[0].status, 0);
    CU_ASSERT_EQUAL(D->channels[1].status, 33);
    memset(&a, 0, sizeof(a));
    a.severity = PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
    a.training = PrtAlertTrainingLevelTC_management;
    a.group = PrtAlertGroupTC_channel;
    a.group_index = 1;
    a.location = -2;
    a.code = PrtAlertCodeTC_subunitOffline;
    a.key = 77;
    CU_ASSERT(prt_alert_raise(M, D, &a) >= 1);
    CU_ASSERT_EQUAL(D->channels[0].status, 8);
}

/* ---- console lights and display ---- */

static void check_light(size_t i, int32_t on, int32_t off)
{
    CU_ASSERT_EQUAL(D->lights[i].on_time, on);
    CU_ASSERT_EQUAL(D->lights[i].off_time, off);
}

static void test_lights(void)
{
    fx_begin();
    fx_light(1, PRT_LIGHT_NONE);
    fx_light(2, PRT_LIGHT_READY);
    fx_light(3, PRT_LIGHT_ATTENTION);
    fx_light(4, PRT_LIGHT_ERROR);
    fx_light(5, PRT_LIGHT_POWER);
    two_trays(100, 100);
    fx_cover(1, "Front", PrtCoverStatusTC_coverClosed);
    fx_apply();
    check_light(0, 123, 456); /* role none: untouched */
    check_light(1, 1000, 0);
    check_light(2, 0, 0);
    check_light(3, 0, 0);
    check_light(4, 1000, 0);
    CU_ASSERT_EQUAL(prt_light_state_of(&D->lights[1]), PRT_LIGHT_ON);
    CU_ASSERT_EQUAL(prt_light_state_of(&D->lights[2]), PRT_LIGHT_OFF);
    D->inputs[0].current_level = 0; /* a warning */
    fx_apply();
    check_light(1, 1000, 0);
    check_light(2, 1000, 0);
    check_light(3, 0, 0);
    D->covers[0].status = PrtCoverStatusTC_coverOpen; /* a critical */
    fx_apply();
    check_light(1, 0, 0);
    check_light(2, 500, 500);
    check_light(3, 1000, 0);
    check_light(4, 1000, 0);
    CU_ASSERT_EQUAL(prt_light_state_of(&D->lights[2]), PRT_LIGHT_BLINK);
    D->covers[0].status = PrtCoverStatusTC_coverClosed;
    D->inputs[0].current_level = 100;
    D->cond.engine = PRT_ENGINE_WARMUP;
    fx_apply();
    check_light(1, 500, 500);
    D->cond.engine = PRT_ENGINE_OFFLINE; /* off-line raises a warning */
    fx_apply();
    check_light(1, 0, 0);
    check_light(2, 1000, 0);
    check_light(3, 0, 0);
    check_light(0, 123, 456);
}

static void test_display(void)
{
    fx_begin();
    fx_display(1, "");
    fx_display(2, "second line");
    two_trays(100, 100);
    fx_path(1, "Duplex path");
    fx_cover(1, "Front cover", PrtCoverStatusTC_coverClosed);
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Ready");
    D->cond.engine = PRT_ENGINE_PRINTING;
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Printing");
    D->cond.engine = PRT_ENGINE_IDLE;
    D->inputs[0].current_level = 0;
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Tray 1 is empty");
    D->media_paths[0].jammed = true;
    fx_apply();
    /* the jam, not "Operator intervention required" */
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Paper jam in Duplex path");
    D->covers[0].status = PrtCoverStatusTC_coverOpen; /* newer critical */
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Front cover is open");
    D->covers[0].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Paper jam in Duplex path");
    D->media_paths[0].jammed = false;
    D->inputs[0].current_level = 100;
    D->cond.operator_intervention = true;
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Operator intervention required");
    D->cond.operator_intervention = false;
    D->general.console_display_chars = 7;
    D->cond.engine = PRT_ENGINE_WARMUP;
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Warming");
    CU_ASSERT_STRING_EQUAL(D->display[1].text, "second line");
    /* truncation never splits a UTF-8 character */
    D->cond.engine = PRT_ENGINE_IDLE;
    strcpy(D->inputs[0].name, "Bac \xc3\xa9t\xc3\xa9");  /* "Bac été" */
    D->inputs[0].current_level = 0;
    D->general.console_display_chars = 6;
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Bac \xc3\xa9");
    D->general.console_display_chars = 5;
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "Bac ");
    /* text owned by the controller */
    D->console_text_from_feed = true;
    strcpy(D->display[0].text, "From the feed");
    fx_apply();
    CU_ASSERT_STRING_EQUAL(D->display[0].text, "From the feed");
}

void register_rules_status_suite(void);
void register_rules_status_suite(void)
{
    CU_pSuite s = cu_add_suite("rules_status", NULL, fx_suite_cleanup);

    CU_ADD(s, test_error_state_bits);
    CU_ADD(s, test_error_state_all_and_clear);
    CU_ADD(s, test_error_state_offline_variants);
    CU_ADD(s, test_hr_status_rfc);
    CU_ADD(s, test_hr_status_oce);
    CU_ADD(s, test_hr_device_errors);
    CU_ADD(s, test_input_status_rfc);
    CU_ADD(s, test_input_status_oce);
    CU_ADD(s, test_output_status);
    CU_ADD(s, test_marker_status);
    CU_ADD(s, test_media_path_status);
    CU_ADD(s, test_channel_status);
    CU_ADD(s, test_lights);
    CU_ADD(s, test_display);
}
