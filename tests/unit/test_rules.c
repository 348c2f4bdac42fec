/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_rules.c: unit tests of the alert rules (prt_rules.c): every derived
 * alert with its exact columns, the alert-table management of RFC 3805
 * §2.2.13.3/§2.2.13.4 (index and wrap, counters, eviction order and
 * re-adding, 1801 removal entries, unary ageing), idempotence, the callback
 * sequence, and explicit raise/clear with their validation.
 * Derived statuses are in test_rules_status.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "rules_fixture.h"

/* ---- derived alerts: inputs ---- */

static void test_input_empty(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 200, 500);
    fx_now = 4242;
    fx_apply();
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, 1);
    a = &D->alerts[0];
    CU_ASSERT_EQUAL(a->index, 1);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_EQUAL(a->group, 8);
    CU_ASSERT_EQUAL(a->group_index, 1);
    CU_ASSERT_EQUAL(a->location, -2);
    CU_ASSERT_EQUAL(a->code, 808);
    CU_ASSERT_STRING_EQUAL(a->description, "Tray 1 is empty");
    CU_ASSERT_EQUAL(a->time, 4242);
    CU_ASSERT_NOT_EQUAL(a->key, 0);
    CU_ASSERT_EQUAL(D->general.alert_all_events, 1);
    CU_ASSERT_EQUAL(D->general.alert_critical_events, 0);
    CU_ASSERT_EQUAL(D->next_alert_index, 2);
}

static void test_input_unknown_levels(void)
{
    fx_begin();
    fx_input(1, "A", -1, 500);
    fx_input(2, "B", -2, 500);
    fx_input(3, "C", -3, 500);
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0);
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0);
}

static void test_input_name_fallback(void)
{
    fx_begin();
    fx_input(3, "", 0, 500);
    fx_input(4, "Other", 10, 500);
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx_row(808, 8, 3));
    CU_ASSERT_STRING_EQUAL(fx_row(808, 8, 3)->description, "Tray 3 is empty");
}

static void test_input_low(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_input(1, "Tray 1", 40, 500);
    D->inputs[0].low_threshold = 50;
    fx_input(2, "Tray 2", 60, 500); /* 12 % */
    fx_input(3, "Tray 3", 100, 500); /* 20 % */
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    a = fx_row(807, 8, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Tray 1 is low");
    D->rules.input_low_percent = 15;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    CU_ASSERT_PTR_NOT_NULL(fx_row(807, 8, 2));
    CU_ASSERT_PTR_NULL(fx_row(807, 8, 3));
    /* low turns into empty: the low row goes, the empty row comes */
    D->inputs[0].current_level = 0;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(807, 8, 1));
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 1));
}

static void test_all_trays_empty_oce(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 0, 500);
    fx_apply();
    /* two per-tray warnings, the critical "Out of paper", operator intervention */
    CU_ASSERT_EQUAL(D->n_alerts, 4);
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->severity, 5);
    CU_ASSERT_EQUAL(fx_row(808, 8, 2)->severity, 5);
    a = fx_row(808, 8, 100);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_EQUAL(a->index, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Out of paper");
    CU_ASSERT_PTR_NOT_NULL(fx_row(1, 5, -1));
    CU_ASSERT_EQUAL(D->general.alert_critical_events, 2);
    CU_ASSERT_EQUAL(D->general.alert_all_events, 4);
    /* a missing tray counts as "no paper there" */
    D->inputs[1].current_level = 300;
    D->inputs[1].missing = true;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 100));
    CU_ASSERT_PTR_NOT_NULL(fx_row(801, 8, 2));
    D->inputs[1].missing = false;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(808, 8, 100));
    CU_ASSERT_PTR_NULL(fx_row(1, 5, -1));
    CU_ASSERT_EQUAL(D->n_alerts, 1);
}

static void test_all_trays_empty_rfc(void)
{
    const struct prt_alert *a;
    int32_t old;

    fx_begin();
    D->rules.oce_all_trays_empty = false;
    D->rules.oce_operator_intervention = false;
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 10, 500);
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->severity, 5);
    old = fx_row(808, 8, 1)->index;
    D->inputs[1].current_level = 0;
    fx_apply();
    /* no group-index-100 row; the per-tray rows become critical */
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    CU_ASSERT_PTR_NULL(fx_row(808, 8, 100));
    a = fx_row(808, 8, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_NOT_EQUAL(a->index, old); /* a new event: new row, new index */
    CU_ASSERT_EQUAL(fx_row(808, 8, 2)->severity, 3);
    CU_ASSERT_EQUAL(D->hr_error_state[0] & 0x40, 0x40); /* noPaper */
}

static void test_input_missing(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    D->inputs[0].missing = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1); /* no "empty" for a missing tray */
    a = fx_row(801, 8, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Tray 1 is missing");
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0x80); /* inputTrayMissing */
}

/* ---- outputs ---- */

static void test_output_full(void)
{
    const struct prt_alert *a;
    int32_t idx;

    fx_begin();
    fx_output(1, "Top tray", 0, 250);
    fx_output(2, "Stacker", 100, 2000);
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    a = fx_row(903, 9, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_EQUAL(a->location, -2);
    CU_ASSERT_STRING_EQUAL(a->description, "Top tray is full");
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0x08);
    /* full by sensor while the count still says room */
    D->outputs[0].remaining_capacity = 10;
    D->outputs[0].full_sensor = true;
    idx = a->index;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx_row(903, 9, 1));
    CU_ASSERT_EQUAL(fx_row(903, 9, 1)->index, idx);
}

static void test_output_almost_full(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_output(1, "Top tray", 20, 250);
    D->outputs[0].near_full_threshold = 25;
    fx_output(2, "Stacker", 30, 2000);
    D->outputs[1].near_full_threshold = 25;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    a = fx_row(902, 9, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_STRING_EQUAL(a->description, "Top tray is almost full");
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0x10);
}

static void test_output_offline_missing(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_output(1, "Finisher tray", 0, 250);
    fx_output(2, "Top tray", 100, 250);
    fx_output(3, "Stacker", 100, 250);
    D->outputs[0].offline = true;
    D->outputs[1].missing = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 2); /* off-line wins over full */
    a = fx_row(901, 9, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Finisher tray is offline");
    a = fx_row(901, 9, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->description, "Top tray is missing");
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0x40); /* outputTrayMissing */
}

/* An empty bypass (sheetFeedManual) tray is its normal state, as real
 * printers report it (level 0, no alert, no inputTrayEmpty bit); it neither
 * makes nor prevents "out of paper" by itself. */
static void test_manual_tray_empty(void)
{
    const struct prt_alert *a;

    fx_begin();
    D->rules.oce_all_trays_empty = true;
    fx_input(1, "Tray 1", 300, 500);
    fx_input(2, "Bypass Tray", 0, 100);
    D->inputs[1].type = PrtInputTypeTC_sheetFeedManual;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
    CU_ASSERT_EQUAL(D->inputs[1].status, 0);
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0);
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0);
    /* the other tray runs out: out of paper, still nothing for the bypass */
    D->inputs[0].current_level = 0;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 1));
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 100));
    CU_ASSERT_PTR_NULL(fx_row(808, 8, 2));
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x40); /* noPaper */
    /* paper in the bypass: it can feed, the printer is not out of paper */
    D->inputs[1].current_level = 20;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(808, 8, 100));
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 1));
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0);
    /* low and missing still apply to a manual tray */
    D->inputs[1].current_level = 5;
    D->inputs[1].low_threshold = 10;
    fx_apply();
    a = fx_row(807, 8, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->description, "Bypass Tray is low");
    D->inputs[1].missing = true;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(801, 8, 2));
    /* the same tray typed as an automatic one is an empty tray */
    D->inputs[1].missing = false;
    D->inputs[1].current_level = 0;
    D->inputs[1].type = PrtInputTypeTC_sheetFeedAutoRemovableTray;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 2));
}

static void test_all_outputs_full(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_output(1, "Top tray", 0, 250);
    fx_output(2, "Stacker", 0, 2000);
    fx_apply();
    a = fx_row(903, 9, 100);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Output trays full");
    CU_ASSERT_EQUAL(fx_row(903, 9, 1)->severity, 5);
    CU_ASSERT_PTR_NOT_NULL(fx_row(1, 5, -1));
    /* RFC mode: no index-100 row, per-bin rows critical */
    D->rules.oce_all_outputs_full = false;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(903, 9, 100));
    CU_ASSERT_EQUAL(fx_row(903, 9, 1)->severity, 3);
    CU_ASSERT_EQUAL(fx_row(903, 9, 2)->severity, 3);
}

/* ---- supplies ---- */

static void test_toner_single(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_marker(1);
    fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "Black toner", 0, 100);
    fx_apply();
    a = fx_row(1101, 11, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Out of toner");
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x10); /* noToner */
    D->supplies[0].level = 8; /* default toner_low_percent 10 */
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(1101, 11, 1));
    a = fx_row(1104, 11, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Almost out of toner");
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x20); /* lowToner */
    D->supplies[0].level = 11;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
}

static void test_toner_several(void)
{
    fx_begin();
    fx_marker(1);
    fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "Cyan toner", 0, 100);
    fx_supply(2, 1, PrtMarkerSuppliesTypeTC_tonerCartridge, 3, "Black toner", 5, 100);
    fx_supply(3, 1, PrtMarkerSuppliesTypeTC_matteToner, 3, "Matte toner", 50, 100);
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx_row(1101, 11, 1));
    CU_ASSERT_STRING_EQUAL(fx_row(1101, 11, 1)->description, "Cyan toner: Out of toner");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx_row(1104, 11, 2));
    CU_ASSERT_STRING_EQUAL(fx_row(1104, 11, 2)->description, "Black toner: Almost out of toner");
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x30);
}

static void test_toner_thresholds(void)
{
    fx_begin();
    fx_marker(1);
    fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "K", 400, 2000); /* 20 % */
    fx_supply(2, 1, PrtMarkerSuppliesTypeTC_toner, 3, "C", 100, 2000); /* 5 % */
    D->supplies[0].low_percent = 25;  /* own threshold */
    D->supplies[1].low_percent = 0;   /* rule off */
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(1104, 11, 1));
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    D->rules.toner_empty_percent = 5; /* <= 5 % is empty */
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(1101, 11, 2));
    D->supplies[1].low_percent = -1;  /* -1: the device default (10) */
    D->supplies[1].level = 180;        /* 9 % */
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(1104, 11, 2));
    /* percent unit without max capacity: max taken as 100 */
    D->supplies[1].supply_unit = PrtMarkerSuppliesSupplyUnitTC_percent;
    D->supplies[1].max_capacity = -2;
    D->supplies[1].level = 7;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(1104, 11, 2));
    /* unknown level: nothing */
    D->supplies[1].level = -2;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(1104, 11, 2));
    CU_ASSERT_PTR_NULL(fx_row(1101, 11, 2));
}

static void test_other_marker_supplies(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_marker(1);
    fx_supply(1, 1, PrtMarkerSuppliesTypeTC_ink, 3, "Cyan ink", 0, 100);
    fx_supply(2, 1, PrtMarkerSuppliesTypeTC_opc, 3, "Drum", 0, 100);
    fx_supply(3, 1, PrtMarkerSuppliesTypeTC_developer, 3, "Developer", 5, 100);
    fx_supply(4, 1, PrtMarkerSuppliesTypeTC_fuser, 3, "Fuser", 3, 100);
    fx_supply(5, 1, PrtMarkerSuppliesTypeTC_fuserOil, 3, "Fuser oil", 0, 100);
    fx_supply(6, 1, PrtMarkerSuppliesTypeTC_inkRibbon, 3, "Ribbon", 2, 100);
    fx_supply(7, 1, PrtMarkerSuppliesTypeTC_wasteInk, 4, "Waste ink", 0, 100);
    fx_apply();
    a = fx_row(1102, 11, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Out of ink"); /* the only ink */
    a = fx_row(1112, 11, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 4);
    CU_ASSERT_STRING_EQUAL(a->description, "Drum life is over");
    a = fx_row(1113, 11, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_STRING_EQUAL(a->description, "Developer is almost empty");
    a = fx_row(10, 11, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->description, "Fuser life is almost over");
    a = fx_row(13, 11, 5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_STRING_EQUAL(a->description, "Fuser oil is empty");
    a = fx_row(1106, 11, 6);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    a = fx_row(1110, 11, 7);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->description, "Waste ink is full");
    /* developer empty is critical, opc almost over */
    D->supplies[2].level = 0;
    D->supplies[1].level = 5;
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(1114, 11, 3)->severity, 3);
    CU_ASSERT_PTR_NOT_NULL(fx_row(1111, 11, 2));
}

static void test_waste_toner(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_marker(1);
    fx_supply(4, 1, PrtMarkerSuppliesTypeTC_wasteToner, 4, "Waste toner box", 0, 100);
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    /* markerWasteTonerReceptacleFull on the supply, not the sheet's
     * generalPrinter / 1 / subunitFull */
    CU_ASSERT_PTR_NULL(fx_row(15, 5, 1));
    a = fx_row(1109, 11, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 4); /* the sheet's "Y" */
    CU_ASSERT_EQUAL(a->location, -2);
    CU_ASSERT_STRING_EQUAL(a->description, "Waste toner is full");
    D->supplies[0].level = 8; /* 8 % space left: almost full */
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(1109, 11, 4));
    a = fx_row(1107, 11, 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_STRING_EQUAL(a->description, "Waste toner is almost full");
    D->supplies[0].level = 50;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
}

static void test_staplers(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_finisher("Stacker A");
    fx_finisher("Booklet maker B");
    fx_supply(10, 0, PrtMarkerSuppliesTypeTC_staples, 3, "Staples", 5, 100);
    fx_supply(11, 0, PrtMarkerSuppliesTypeTC_staples, 3, "Staples", 0, 100);
    fx_supply(12, 0, PrtMarkerSuppliesTypeTC_staples, 3, "Staples", 0, 100);
    D->supplies[0].finisher = 2;
    D->supplies[1].finisher = 2;
    D->supplies[2].finisher = 0; /* 0: the first finisher */
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 3);
    /* each row names its staples supply (group index = supply index), the
     * text the finisher and stapler */
    a = fx_row(12, 11, 10);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Booklet maker B Stapler 1 is almost empty");
    a = fx_row(13, 11, 11);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->description, "Booklet maker B Stapler 2 is empty");
    a = fx_row(13, 11, 12);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->description, "Stacker A Stapler 1 is empty");
    /* stapler conditions are not marker-supply-missing or toner bits */
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0);
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0);
}

static void test_waste_box(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_finisher("Stacker A");
    fx_supply(20, 0, PrtMarkerSuppliesTypeTC_wastePaper, 4, "Punch waste", 0, 100);
    D->supplies[0].finisher = 1;
    fx_apply();
    a = fx_row(15, 11, 20);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Stacker A waste box is full");
    D->supplies[0].missing = true;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(15, 11, 20));
    a = fx_row(9, 11, 20);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_STRING_EQUAL(a->description, "Stacker A waste box is absent");
}

static void test_supply_missing(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_marker(1);
    fx_supply(1, 1, PrtMarkerSuppliesTypeTC_toner, 3, "Black toner", 0, 100);
    fx_supply(2, 1, PrtMarkerSuppliesTypeTC_fuser, 3, "Fuser", 50, 100);
    D->supplies[0].missing = true;
    D->supplies[1].missing = true;
    fx_apply();
    a = fx_row(1115, 11, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Black toner is missing");
    CU_ASSERT_PTR_NULL(fx_row(1101, 11, 1)); /* one row per event */
    a = fx_row(9, 11, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0x20);
}

/* ---- covers, jams, general ---- */

static void test_cover_open(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_cover(2, "Front cover", PrtCoverStatusTC_coverOpen);
    fx_cover(3, "Toner door", PrtCoverStatusTC_interlockOpen);
    fx_cover(4, "Side", PrtCoverStatusTC_coverClosed);
    fx_apply();
    a = fx_row(3, 6, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Front cover is open");
    a = fx_row(5, 6, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(a->description, "Toner door is open");
    CU_ASSERT_PTR_NULL(fx_row(3, 6, 4));
    CU_ASSERT_EQUAL(D->n_alerts, 3); /* + operator intervention */
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x08);
    D->covers[0].status = PrtCoverStatusTC_coverClosed;
    D->covers[1].status = PrtCoverStatusTC_interlockClosed;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
}

static void test_jam(void)
{
    const struct prt_alert *a;
    int32_t idx;

    fx_begin();
    fx_path(1, "Duplex path");
    fx_path(2, "Paper path");
    D->media_paths[0].jammed = true;
    D->media_paths[0].jam_location = 17;
    fx_apply();
    a = fx_row(8, 13, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_EQUAL(a->location, 17);
    CU_ASSERT_STRING_EQUAL(a->description, "Paper jam in Duplex path");
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x04);
    /* the jam moves: a new row at the new location */
    idx = a->index;
    D->media_paths[0].jam_location = 18;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx_row(8, 13, 1));
    CU_ASSERT_EQUAL(fx_row(8, 13, 1)->location, 18);
    CU_ASSERT_NOT_EQUAL(fx_row(8, 13, 1)->index, idx);
}

static void test_service_offline_maint(void)
{
    const struct prt_alert *a;

    fx_begin();
    D->cond.service_requested = true;
    fx_apply();
    a = fx_row(1, 5, -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_EQUAL(a->training, 5);
    CU_ASSERT_STRING_EQUAL(a->description, "Service required");
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x01);
    D->cond.service_requested = false;
    D->cond.overdue_maintenance = true;
    D->cond.engine = PRT_ENGINE_OFFLINE;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    a = fx_row(1, 5, -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 5);
    CU_ASSERT_STRING_EQUAL(a->description, "Preventive maintenance overdue");
    a = fx_row(22, 5, -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 5);
    CU_ASSERT_EQUAL(a->training, 3);
    CU_ASSERT_STRING_EQUAL(a->description, "Printer is offline");
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x02);
    CU_ASSERT_EQUAL(D->hr_error_state[1], 0x02);
}

static void test_operator_intervention(void)
{
    const struct prt_alert *a;

    fx_begin();
    fx_path(1, "Path");
    D->media_paths[0].jammed = true;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    a = fx_row(1, 5, -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->severity, 3);
    CU_ASSERT_EQUAL(a->training, 4);
    CU_ASSERT_EQUAL(a->location, -2);
    CU_ASSERT_STRING_EQUAL(a->description, "Operator intervention required");
    CU_ASSERT_EQUAL(a->index, 2); /* after the alert that caused it */
    D->media_paths[0].jammed = false;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
    /* the controller's own flag, without any critical alert */
    D->cond.operator_intervention = true;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(1, 5, -1));
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    /* rule off: a critical alert alone */
    D->cond.operator_intervention = false;
    D->rules.oce_operator_intervention = false;
    D->media_paths[0].jammed = true;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(1, 5, -1));
    CU_ASSERT_EQUAL(D->n_alerts, 1);
}

static void test_description_refresh(void)
{
    int32_t idx;
    uint64_t gen;

    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_apply();
    idx = fx_row(808, 8, 1)->index;
    gen = D->generation;
    fx_clear_events();
    strcpy(D->inputs[0].name, "Main tray");
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->index, idx);
    CU_ASSERT_STRING_EQUAL(fx_row(808, 8, 1)->description, "Main tray is empty");
    CU_ASSERT_EQUAL(fx_n_events, 0);
    CU_ASSERT_EQUAL(D->generation, gen + 1);
}

/* ---- idempotence, generation, callbacks ---- */

static void test_idempotent(void)
{
    uint64_t gen;
    int32_t idx[8];
    size_t i, n;

    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 0, 500);
    fx_path(1, "Path");
    D->media_paths[0].jammed = true;
    fx_apply();
    n = D->n_alerts;
    CU_ASSERT_EQUAL_FATAL(n, 5);
    for (i = 0; i < n; i++)
        idx[i] = D->alerts[i].index;
    gen = D->generation;
    CU_ASSERT(gen > 0);
    fx_clear_events();
    fx_now += 500;
    fx_apply();
    fx_apply();
    CU_ASSERT_EQUAL(D->generation, gen);
    CU_ASSERT_EQUAL(fx_n_events, 0);
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, n);
    for (i = 0; i < n; i++)
        CU_ASSERT_EQUAL(D->alerts[i].index, idx[i]);
    CU_ASSERT_EQUAL(D->general.alert_all_events, 5);
    /* a status-only change bumps the generation once */
    D->cond.engine = PRT_ENGINE_STANDBY;
    fx_apply();
    CU_ASSERT_EQUAL(D->generation, gen + 1);
    fx_apply();
    CU_ASSERT_EQUAL(D->generation, gen + 1);
}

static uint64_t cb_gen;
static int32_t cb_status;

static void seq_probe(const struct prt_device *dev, const struct prt_alert *a,
                      enum prt_alert_event ev)
{
    (void)a;
    (void)ev;
    cb_gen = dev->generation;
    cb_status = dev->hr_device_status;
}

static void test_callback_sequence(void)
{
    uint64_t gen;
    int32_t jam, oi;

    fx_begin();
    D->rules.removal_entries = true;
    fx_path(1, "Path");
    D->media_paths[0].jammed = true;
    fx_probe = seq_probe;
    gen = D->generation;
    fx_apply();
    CU_ASSERT_EQUAL_FATAL(fx_n_events, 2);
    CU_ASSERT_EQUAL(fx_events[0].ev, PRT_ALERT_ADDED);
    CU_ASSERT_EQUAL(fx_events[0].code, 8);
    CU_ASSERT_EQUAL(fx_events[1].ev, PRT_ALERT_ADDED);
    CU_ASSERT_EQUAL(fx_events[1].code, 1);
    jam = fx_events[0].index;
    oi = fx_events[1].index;
    /* the callback sees the finished device state */
    CU_ASSERT_EQUAL(cb_gen, gen + 1);
    CU_ASSERT_EQUAL(cb_status, hrDeviceStatus_down);
    fx_clear_events();
    D->media_paths[0].jammed = false;
    fx_apply();
    CU_ASSERT_EQUAL_FATAL(fx_n_events, 4);
    CU_ASSERT_EQUAL(fx_events[0].ev, PRT_ALERT_REMOVED);
    CU_ASSERT_EQUAL(fx_events[1].ev, PRT_ALERT_ADDED);
    CU_ASSERT_EQUAL(fx_events[1].code, 1801);
    CU_ASSERT_EQUAL(fx_events[2].ev, PRT_ALERT_REMOVED);
    CU_ASSERT_EQUAL(fx_events[3].ev, PRT_ALERT_ADDED);
    CU_ASSERT_EQUAL(fx_events[3].code, 1801);
    /* both removed rows, each followed by its own 1801 row */
    CU_ASSERT((fx_events[0].index == jam && fx_events[1].group_index == jam &&
               fx_events[2].index == oi && fx_events[3].group_index == oi) ||
              (fx_events[0].index == oi && fx_events[1].group_index == oi &&
               fx_events[2].index == jam && fx_events[3].group_index == jam));
    CU_ASSERT_EQUAL(cb_status, hrDeviceStatus_running);
    fx_probe = NULL;
}

static void test_removal_entry(void)
{
    const struct prt_alert *a;
    int32_t old;

    fx_begin();
    D->rules.removal_entries = true;
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_apply();
    old = fx_row(808, 8, 1)->index;
    fx_now = 777;
    D->inputs[0].current_level = 250;
    fx_apply();
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, 1);
    a = &D->alerts[0];
    CU_ASSERT_EQUAL(a->index, old + 1);
    CU_ASSERT_EQUAL(a->severity, 4);
    CU_ASSERT_EQUAL(a->training, 7);
    CU_ASSERT_EQUAL(a->group, 18);
    CU_ASSERT_EQUAL(a->group_index, old);
    CU_ASSERT_EQUAL(a->location, -2);
    CU_ASSERT_EQUAL(a->code, 1801);
    CU_ASSERT_EQUAL(a->time, 777);
    CU_ASSERT_EQUAL(a->key, 0);
    CU_ASSERT_EQUAL(D->general.alert_all_events, 2);
    /* the unary row stays on re-apply and sets no status flag */
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    CU_ASSERT_EQUAL(D->hr_device_status, hrDeviceStatus_running);
    /* without the option no row is appended */
    D->rules.removal_entries = false;
    D->inputs[0].current_level = 0;
    fx_apply();
    D->inputs[0].current_level = 10;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    CU_ASSERT_EQUAL(D->alerts[0].code, 1801);
}

/* ---- table management ---- */

static void test_index_wrap_rfc(void)
{
    fx_begin();
    fx_input(1, "Tray 1", 100, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_input(3, "Tray 3", 100, 500); /* keeps paper: no "Out of paper" */
    D->next_alert_index = 2147483647;
    D->inputs[0].current_level = 0;
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->index, 2147483647);
    CU_ASSERT_EQUAL(D->next_alert_index, 1);
    D->inputs[1].missing = true;
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(801, 8, 2)->index, 1);
    CU_ASSERT_EQUAL(D->next_alert_index, 2);
    /* the table stays sorted by index after the wrap */
    CU_ASSERT_EQUAL(D->alerts[0].index, 1);
    CU_ASSERT_EQUAL(D->alerts[1].index, 2147483647);
}

static void test_index_wrap_zero(void)
{
    fx_begin();
    D->rules.oce_index_wrap_zero = true;
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_input(3, "Tray 3", 100, 500); /* keeps paper: no "Out of paper" */
    D->next_alert_index = 2147483647;
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->index, 2147483647);
    CU_ASSERT_EQUAL(D->next_alert_index, 0);
    D->inputs[1].missing = true;
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(801, 8, 2)->index, 0);
    CU_ASSERT_EQUAL(D->next_alert_index, 1);
}

static void test_index_skips_used(void)
{
    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_input(3, "Tray 3", 100, 500); /* keeps paper: no "Out of paper" */
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->index, 1);
    D->next_alert_index = 1; /* e.g. after a wrap: 1 still in use */
    D->inputs[1].missing = true;
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(801, 8, 2)->index, 2);
    CU_ASSERT_EQUAL(D->next_alert_index, 3);
}

static struct prt_alert unary(const char *text)
{
    struct prt_alert a;

    memset(&a, 0, sizeof(a));
    a.severity = PrtAlertSeverityLevelTC_warning;
    a.training = PrtAlertTrainingLevelTC_noInterventionRequired;
    a.group = PrtAlertGroupTC_input;
    a.group_index = 1;
    a.location = -2;
    a.code = PrtAlertCodeTC_inputMediaSizeChange;
    strcpy(a.description, text);
    return a;
}

/* Table of 3: unary U, warning W (tray 1 empty), critical C1 (cover 1). */
static void eviction_fixture(void)
{
    struct prt_alert u = unary("Paper size changed");

    fx_begin();
    D->rules.alert_table_size = 3;
    D->rules.oce_operator_intervention = false;
    fx_input(1, "Tray 1", 100, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_cover(1, "Cover 1", PrtCoverStatusTC_coverClosed);
    fx_cover(2, "Cover 2", PrtCoverStatusTC_coverClosed);
    fx_cover(3, "Cover 3", PrtCoverStatusTC_coverClosed);
    fx_cover(4, "Cover 4", PrtCoverStatusTC_coverClosed);
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &u), 1);
    D->inputs[0].current_level = 0;
    fx_apply();
    D->covers[0].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 3);
}

static void test_evict_order(void)
{
    eviction_fixture();
    fx_clear_events();
    /* level 1: the unary row goes first */
    D->covers[1].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 3);
    CU_ASSERT_PTR_NULL(prt_alert_find(D, 1));
    CU_ASSERT_EQUAL_FATAL(fx_n_events, 2);
    CU_ASSERT_EQUAL(fx_events[0].ev, PRT_ALERT_REMOVED);
    CU_ASSERT_EQUAL(fx_events[0].index, 1);
    CU_ASSERT_EQUAL(fx_events[1].ev, PRT_ALERT_ADDED);
    CU_ASSERT_EQUAL(fx_events[1].index, 4);
    /* level 2: then the oldest non-critical binary (tray 1 empty) */
    D->covers[2].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(808, 8, 1));
    CU_ASSERT_EQUAL(D->n_rules_pending, 1);
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, 3));
    /* level 3: only criticals left: the oldest critical (cover 1) */
    D->covers[3].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    CU_ASSERT_PTR_NULL(fx_row(3, 6, 1));
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, 2));
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, 3));
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, 4));
    CU_ASSERT_EQUAL(D->n_rules_pending, 2);
    /* the error state still reports the evicted conditions */
    CU_ASSERT_EQUAL(D->hr_error_state[1] & 0x04, 0x04);
}

static void test_evict_unary_before_older_binary(void)
{
    struct prt_alert u = unary("Paper size changed");

    fx_begin();
    D->rules.alert_table_size = 2;
    D->rules.oce_operator_intervention = false;
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_cover(1, "Cover 1", PrtCoverStatusTC_coverClosed);
    fx_apply(); /* the warning is the oldest row */
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &u), 2);
    D->covers[0].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    CU_ASSERT_PTR_NULL(prt_alert_find(D, 2));       /* the newer unary row went */
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 1));       /* the older binary stayed */
    CU_ASSERT_EQUAL(D->n_rules_pending, 0);
}

static void test_evict_readd(void)
{
    uint64_t gen;
    int32_t next;

    eviction_fixture();
    D->covers[1].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    D->covers[2].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    D->covers[3].status = PrtCoverStatusTC_coverOpen;
    fx_apply();
    /* pending: tray 1 empty (warning), cover 1 (critical); re-apply is stable */
    gen = D->generation;
    fx_clear_events();
    fx_apply();
    CU_ASSERT_EQUAL(D->generation, gen);
    CU_ASSERT_EQUAL(fx_n_events, 0);
    /* room appears: the critical comes back first, with a new index */
    next = D->next_alert_index;
    D->covers[3].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx_row(3, 6, 1));
    CU_ASSERT_EQUAL(fx_row(3, 6, 1)->index, next);
    CU_ASSERT_PTR_NULL(fx_row(808, 8, 1));
    CU_ASSERT_EQUAL(D->n_rules_pending, 1);
    D->covers[2].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx_row(808, 8, 1));
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->index, next + 1);
    CU_ASSERT_EQUAL(D->n_rules_pending, 0);
    /* a pending condition that clears is simply forgotten */
    D->covers[0].status = PrtCoverStatusTC_coverClosed;
    D->covers[1].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
}

static void test_evict_warning_never_critical(void)
{
    fx_begin();
    D->rules.alert_table_size = 2;
    D->rules.oce_operator_intervention = false;
    fx_cover(1, "A", PrtCoverStatusTC_coverOpen);
    fx_cover(2, "B", PrtCoverStatusTC_coverOpen);
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, 1));
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, 2));
    CU_ASSERT_PTR_NULL(fx_row(808, 8, 1));
    /* the warning still counts for the status */
    CU_ASSERT_EQUAL(D->inputs[0].status, 8);
    D->covers[1].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_PTR_NOT_NULL(fx_row(808, 8, 1));
}

static void test_unary_ageing(void)
{
    struct prt_alert u = unary("Paper size changed");

    fx_begin();
    D->rules.unary_max_age = 10;
    fx_now = 100;
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &u), 1);
    CU_ASSERT_EQUAL(D->alerts[0].time, 100);
    fx_now = 100 + 999;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    fx_clear_events();
    fx_now = 100 + 1000;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
    CU_ASSERT_EQUAL_FATAL(fx_n_events, 1);
    CU_ASSERT_EQUAL(fx_events[0].ev, PRT_ALERT_REMOVED);
    CU_ASSERT_EQUAL(fx_events[0].index, 1);
    /* ageing off: never removed; uptime wrap handled */
    D->rules.unary_max_age = 0;
    fx_now = 4294967000u;
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &u), 2);
    fx_now = 50;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    D->rules.unary_max_age = 5; /* 296 + 50 ticks later: 3.46 s < 5 s */
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    fx_now = 300;
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 0);
}

static void test_null_uptime(void)
{
    fx_begin();
    M->uptime = NULL;
    fx_now = 999;
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_apply();
    CU_ASSERT_EQUAL(D->alerts[0].time, 0);
    /* a NULL model works too (no callback, time 0) */
    D->inputs[1].missing = true;
    prt_rules_apply(NULL, D);
    CU_ASSERT_PTR_NOT_NULL(fx_row(801, 8, 2));
}

static void test_counters(void)
{
    fx_begin();
    fx_cover(1, "A", PrtCoverStatusTC_coverOpen);
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    D->general.alert_all_events = 10;
    D->general.alert_critical_events = 4;
    fx_apply();
    CU_ASSERT_EQUAL(D->general.alert_all_events, 13);     /* cover, tray, operator */
    CU_ASSERT_EQUAL(D->general.alert_critical_events, 6); /* cover, operator */
    D->covers[0].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_EQUAL(D->general.alert_all_events, 13);
    CU_ASSERT_EQUAL(D->general.alert_critical_events, 6);
}

/* ---- explicit raise / clear ---- */

static void test_raise_validation(void)
{
    struct prt_alert good = unary("x"), bad;
    uint64_t gen;
    int32_t next;

    fx_begin();
    gen = D->generation;
    next = D->next_alert_index;
#define REJECT(field, value, err)                                \
    do {                                                         \
        bad = good;                                              \
        bad.field = value;                                       \
        CU_ASSERT_EQUAL(prt_alert_raise(M, D, &bad), -(err));    \
    } while (0)
    REJECT(severity, 2, PRT_EINVAL);
    REJECT(severity, 6, PRT_EINVAL);
    REJECT(training, 8, PRT_EINVAL);
    REJECT(training, 0, PRT_EINVAL);
    REJECT(group, 19, PRT_EINVAL);
    REJECT(code, 1508, PRT_EINVAL);
    REJECT(code, 0, PRT_EINVAL);
    REJECT(group_index, -2, PRT_EINVAL);
    REJECT(location, -3, PRT_EINVAL);
    REJECT(key, 5, PRT_EINVAL);                       /* unary with a key */
    REJECT(severity, PrtAlertSeverityLevelTC_critical, PRT_EINVAL); /* binary, key 0 */
    REJECT(severity, PrtAlertSeverityLevelTC_warningBinaryChangeEvent, PRT_EINVAL);
    bad = good;
    bad.severity = PrtAlertSeverityLevelTC_critical;
    bad.key = PRT_ALERT_KEY_DERIVED | 7; /* derived key space is reserved */
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &bad), -PRT_EINVAL);
    bad = good;
    memset(bad.description, 'a', sizeof(bad.description));
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &bad), -PRT_ETOOLONG);
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, NULL), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_alert_raise(M, NULL, &good), -PRT_EINVAL);
#undef REJECT
    CU_ASSERT_EQUAL(D->n_alerts, 0);
    CU_ASSERT_EQUAL(D->generation, gen);
    CU_ASSERT_EQUAL(D->next_alert_index, next);
    CU_ASSERT_EQUAL(D->general.alert_all_events, 0);
    CU_ASSERT_EQUAL(fx_n_events, 0);
    /* finisher codes and other(1) severity are accepted */
    bad = good;
    bad.code = 30203;
    bad.group = PrtAlertGroupTC_finDevice;
    bad.severity = PrtAlertSeverityLevelTC_other;
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &bad), 1);
}

/* An alert raised without a text gets one: the code in words, after the
 * name of the sub-unit its group index names. */
static void test_raise_default_text(void)
{
    static const struct {
        int32_t group, gi, code;
        const char *text;
    } cases[] = {
        { PrtAlertGroupTC_input, 1, PrtAlertCodeTC_inputMediaSizeChange,
          "Tray 1: input media size change" },
        { PrtAlertGroupTC_input, 9, PrtAlertCodeTC_inputMediaSizeChange,
          "Input media size change" }, /* no tray 9 */
        { PrtAlertGroupTC_marker, 1, PrtAlertCodeTC_markerFuserOverTemperature,
          "Marker fuser over temperature" },
        { PrtAlertGroupTC_cover, 1, PrtAlertCodeTC_coverOpen, "Front door: cover open" },
        { PrtAlertGroupTC_generalPrinter, -1, PrtAlertCodeTC_other, "Other condition" },
        { PrtAlertGroupTC_generalPrinter, -1, PrtAlertCodeTC_unknown, "Unknown condition" },
        { PrtAlertGroupTC_generalPrinter, -1, 30213, "Stapler empty" }, /* finisher block */
    };
    struct prt_alert a = unary("");
    size_t i;
    int idx;

    fx_begin();
    D->rules.oce_operator_intervention = false;
    fx_input(1, "Tray 1", 100, 500);
    fx_marker(1);
    fx_cover(1, "Front door", PrtCoverStatusTC_coverClosed);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        a.group = cases[i].group;
        a.group_index = cases[i].gi;
        a.code = cases[i].code;
        idx = prt_alert_raise(M, D, &a);
        CU_ASSERT_FATAL(idx > 0);
        CU_ASSERT_STRING_EQUAL(prt_alert_find(D, idx)->description, cases[i].text);
    }
    /* a text of its own is kept */
    a = unary("Paper size changed to A3");
    idx = prt_alert_raise(M, D, &a);
    CU_ASSERT_FATAL(idx > 0);
    CU_ASSERT_STRING_EQUAL(prt_alert_find(D, idx)->description, "Paper size changed to A3");
}

static void test_raise_binary_and_clear(void)
{
    struct prt_alert a = unary("Fuser over temperature");
    int idx, oi;

    fx_begin();
    fx_marker(1);
    a.severity = PrtAlertSeverityLevelTC_critical;
    a.training = PrtAlertTrainingLevelTC_fieldService;
    a.group = PrtAlertGroupTC_marker;
    a.code = PrtAlertCodeTC_markerFuserOverTemperature;
    a.key = 0x1234;
    fx_now = 55;
    idx = prt_alert_raise(M, D, &a);
    CU_ASSERT_EQUAL(idx, 1);
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, 2); /* + operator intervention */
    CU_ASSERT_EQUAL(prt_alert_find(D, 1)->time, 55);
    CU_ASSERT_EQUAL(prt_alert_find(D, 1)->key, 0x1234);
    CU_ASSERT_PTR_EQUAL(prt_alert_find_key(D, 0x1234), prt_alert_find(D, 1));
    oi = fx_row(1, 5, -1)->index;
    CU_ASSERT_EQUAL(oi, 2);
    CU_ASSERT_EQUAL(D->hr_device_status, hrDeviceStatus_down);
    CU_ASSERT_EQUAL(D->markers[0].status, 16);
    CU_ASSERT_EQUAL(fx_n_events, 2);
    /* same key again: nothing changes */
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &a), 1);
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    CU_ASSERT_EQUAL(fx_n_events, 2);
    /* re-applying the rules keeps explicit rows */
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 2);
    /* derived rows cannot be cleared by hand; unknown index */
    CU_ASSERT_EQUAL(prt_alert_clear(M, D, oi), -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(prt_alert_clear(M, D, 99), -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_alert_clear_key(M, D, 0), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_alert_clear_key(M, D, 0x999), -PRT_ENOENT);
    fx_clear_events();
    CU_ASSERT_EQUAL(prt_alert_clear(M, D, idx), 0);
    CU_ASSERT_EQUAL(D->n_alerts, 0);
    CU_ASSERT_EQUAL(D->hr_device_status, hrDeviceStatus_running);
    CU_ASSERT_EQUAL_FATAL(fx_n_events, 2);
    CU_ASSERT_EQUAL(fx_events[0].ev, PRT_ALERT_REMOVED);
    CU_ASSERT_EQUAL(fx_events[0].index, 1);
    CU_ASSERT_EQUAL(fx_events[1].ev, PRT_ALERT_REMOVED);
    CU_ASSERT_EQUAL(fx_events[1].index, 2);
    /* clear by key, with a removal entry */
    D->rules.removal_entries = true;
    a.severity = PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
    idx = prt_alert_raise(M, D, &a);
    CU_ASSERT_EQUAL(idx, 3);
    CU_ASSERT_EQUAL(D->markers[0].status, 8);
    CU_ASSERT_EQUAL(prt_alert_clear_key(M, D, 0x1234), 0);
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, 1);
    CU_ASSERT_EQUAL(D->alerts[0].code, 1801);
    CU_ASSERT_EQUAL(D->alerts[0].group_index, 3);
}

static void test_raise_table_full(void)
{
    struct prt_alert u = unary("u");
    uint64_t gen;

    fx_begin();
    D->rules.alert_table_size = 1;
    D->rules.oce_operator_intervention = false;
    fx_cover(1, "A", PrtCoverStatusTC_coverOpen);
    fx_apply();
    gen = D->generation;
    /* a unary warning cannot push out a critical alert */
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &u), -PRT_ELIMIT);
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    CU_ASSERT_EQUAL(D->generation, gen);
    /* unary replaces unary */
    D->covers[0].status = PrtCoverStatusTC_coverClosed;
    fx_apply();
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &u), 2);
    CU_ASSERT_EQUAL(prt_alert_raise(M, D, &u), 3);
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    CU_ASSERT_EQUAL(D->alerts[0].index, 3);
}


static void test_table_shrink(void)
{
    fx_begin();
    D->rules.oce_operator_intervention = false;
    fx_cover(1, "A", PrtCoverStatusTC_coverOpen);
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 0, 500);
    fx_input(3, "Tray 3", 100, 500);
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 3);
    fx_clear_events();
    D->rules.alert_table_size = 1; /* lowered, e.g. by a profile reload */
    fx_apply();
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, 1);
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, 1)); /* the critical one stays */
    CU_ASSERT_EQUAL(D->n_rules_pending, 2);
    CU_ASSERT_EQUAL(fx_n_events, 2);
    CU_ASSERT_EQUAL(fx_events[0].ev, PRT_ALERT_REMOVED);
    CU_ASSERT_EQUAL(fx_events[0].code, 808);
    CU_ASSERT_EQUAL(fx_events[0].group_index, 1); /* oldest first */
}

static void test_restored_rows_keep_index(void)
{
    struct prt_alert saved[8];
    size_t n, i;
    int32_t next;

    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 0, 500);
    fx_path(1, "Path");
    D->media_paths[0].jammed = true;
    fx_apply();
    n = D->n_alerts;
    CU_ASSERT_FATAL(n > 0 && n <= 8);
    memcpy(saved, D->alerts, n * sizeof(saved[0]));
    next = D->next_alert_index;
    /* a new device with the same state, alert rows restored as from a state file */
    fx_begin();
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 0, 500);
    fx_path(1, "Path");
    D->media_paths[0].jammed = true;
    D->alerts = malloc(n * sizeof(saved[0]));
    CU_ASSERT_PTR_NOT_NULL_FATAL(D->alerts);
    memcpy(D->alerts, saved, n * sizeof(saved[0]));
    D->n_alerts = n;
    D->next_alert_index = next;
    fx_apply();
    CU_ASSERT_EQUAL(fx_n_events, 0);
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, n);
    for (i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(D->alerts[i].index, saved[i].index);
        CU_ASSERT_EQUAL(D->alerts[i].key, saved[i].key);
    }
    CU_ASSERT_EQUAL(D->next_alert_index, next);
}

static void test_keys(void)
{
    uint64_t k_warn, k_crit;

    fx_begin();
    D->rules.oce_all_trays_empty = false;
    fx_input(1, "Tray 1", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_apply();
    k_warn = fx_row(808, 8, 1)->key;
    CU_ASSERT((k_warn & PRT_ALERT_KEY_DERIVED) != 0);
    D->inputs[1].current_level = 0;
    fx_apply();
    k_crit = fx_row(808, 8, 1)->key;
    CU_ASSERT((k_crit & PRT_ALERT_KEY_DERIVED) != 0);
    CU_ASSERT_NOT_EQUAL(k_warn, k_crit); /* severity is part of the condition */
    CU_ASSERT_NOT_EQUAL(fx_row(808, 8, 2)->key, k_crit);
    /* the same condition on another device has the same key */
    fx_begin();
    fx_input(1, "Other name", 0, 500);
    fx_input(2, "Tray 2", 100, 500);
    fx_apply();
    CU_ASSERT_EQUAL(fx_row(808, 8, 1)->key, k_warn);
    /* explicit look-up never returns derived rows */
    CU_ASSERT_PTR_NULL(prt_alert_find_key(D, k_warn));
}

/* Rows whose shown group / group index / code changed keep the keys of
 * their earlier identity (state files store keys), and a row restored with
 * the earlier identity takes the new one in place: same index, no event. */
static void keys_fixture(void)
{
    fx_begin();
    fx_marker(1);
    fx_path(1, "Path");
    fx_finisher("Stacker A");
    fx_finisher("Booklet maker B");
    fx_supply(4, 1, PrtMarkerSuppliesTypeTC_wasteToner, 4, "Waste toner box", 0, 100);
    fx_supply(10, 0, PrtMarkerSuppliesTypeTC_staples, 3, "Staples", 5, 100);
    fx_supply(11, 0, PrtMarkerSuppliesTypeTC_staples, 3, "Staples", 0, 100);
    fx_supply(20, 0, PrtMarkerSuppliesTypeTC_wastePaper, 4, "Punch waste", 0, 100);
    fx_supply(21, 0, PrtMarkerSuppliesTypeTC_wastePaper, 4, "Punch waste", 50, 100);
    D->supplies[1].finisher = 2;
    D->supplies[2].finisher = 2;
    D->supplies[3].finisher = 1;
    D->supplies[4].finisher = 2;
    D->supplies[4].missing = true;
    D->media_paths[0].jammed = true;
}

static void test_keys_of_earlier_releases(void)
{
    /* code, group, group index shown now; the earlier identity; the key */
    static const struct {
        int32_t code, group, gi, old_code, old_group, old_gi;
        uint64_t key;
    } rows[] = {
        { 8, 13, 1, 8, 13, 1, UINT64_C(0xb9671723043b41ae) },
        { 1109, 11, 4, 15, 5, 1, UINT64_C(0xca99c9c60c1ede6a) },
        { 12, 11, 10, 12, 11, 102, UINT64_C(0x9f841aad6ab9dace) },
        { 13, 11, 11, 13, 11, 102, UINT64_C(0xcea8d1aa79862a5e) },
        { 15, 11, 20, 15, 9, 101, UINT64_C(0xd5edf795dd996252) },
        { 9, 11, 21, 9, 9, 102, UINT64_C(0x9683589a5405801e) },
        { 1, 5, -1, 1, 1, 1, UINT64_C(0xf1ee568dabcca1ad) },
    };
    const size_t n = sizeof(rows) / sizeof(rows[0]);
    struct prt_alert saved[8];
    size_t i;

    keys_fixture();
    fx_apply();
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, n);
    for (i = 0; i < n; i++) {
        const struct prt_alert *a = fx_row(rows[i].code, rows[i].group, rows[i].gi);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_EQUAL(a->key, rows[i].key);
    }
    /* the same rows as an earlier release saved them */
    memcpy(saved, D->alerts, n * sizeof(saved[0]));
    for (i = 0; i < n; i++) {
        size_t j;
        for (j = 0; j < n && saved[j].key != rows[i].key; j++)
            ;
        CU_ASSERT_FATAL(j < n);
        saved[j].code = rows[i].old_code;
        saved[j].group = rows[i].old_group;
        saved[j].group_index = rows[i].old_gi;
    }
    keys_fixture();
    D->alerts = malloc(n * sizeof(saved[0]));
    CU_ASSERT_PTR_NOT_NULL_FATAL(D->alerts);
    memcpy(D->alerts, saved, n * sizeof(saved[0]));
    D->n_alerts = n;
    D->next_alert_index = (int32_t)n + 1;
    fx_apply();
    CU_ASSERT_EQUAL(fx_n_events, 0);
    CU_ASSERT_EQUAL_FATAL(D->n_alerts, n);
    for (i = 0; i < n; i++) {
        const struct prt_alert *a = fx_row(rows[i].code, rows[i].group, rows[i].gi);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_EQUAL(a->key, rows[i].key);
        CU_ASSERT_EQUAL(a->index, saved[a - D->alerts].index);
    }
}

static void test_pending_overflow_stable(void)
{
    char name[16];
    uint64_t gen;
    int i;

    fx_begin();
    D->rules.alert_table_size = 1;
    D->rules.oce_operator_intervention = false;
    for (i = 1; i <= PRT_RULES_PENDING_MAX + 2; i++) {
        snprintf(name, sizeof(name), "C%d", i);
        fx_cover(i, name, PrtCoverStatusTC_coverOpen);
    }
    fx_apply();
    CU_ASSERT_EQUAL(D->n_alerts, 1);
    CU_ASSERT_EQUAL(D->n_rules_pending, PRT_RULES_PENDING_MAX);
    /* the row kept is the last one whose eviction could still be remembered */
    CU_ASSERT_PTR_NOT_NULL(fx_row(3, 6, PRT_RULES_PENDING_MAX + 1));
    gen = D->generation;
    fx_clear_events();
    fx_apply();
    CU_ASSERT_EQUAL(D->generation, gen);
    CU_ASSERT_EQUAL(fx_n_events, 0);
    CU_ASSERT_EQUAL(D->hr_error_state[0], 0x08);
}

void register_rules_suite(void);
void register_rules_suite(void)
{
    CU_pSuite s = cu_add_suite("rules_alerts", NULL, fx_suite_cleanup);

    CU_ADD(s, test_input_empty);
    CU_ADD(s, test_input_unknown_levels);
    CU_ADD(s, test_input_name_fallback);
    CU_ADD(s, test_input_low);
    CU_ADD(s, test_all_trays_empty_oce);
    CU_ADD(s, test_all_trays_empty_rfc);
    CU_ADD(s, test_input_missing);
    CU_ADD(s, test_output_full);
    CU_ADD(s, test_output_almost_full);
    CU_ADD(s, test_output_offline_missing);
    CU_ADD(s, test_all_outputs_full);
    CU_ADD(s, test_toner_single);
    CU_ADD(s, test_toner_several);
    CU_ADD(s, test_toner_thresholds);
    CU_ADD(s, test_other_marker_supplies);
    CU_ADD(s, test_manual_tray_empty);
    CU_ADD(s, test_waste_toner);
    CU_ADD(s, test_staplers);
    CU_ADD(s, test_waste_box);
    CU_ADD(s, test_supply_missing);
    CU_ADD(s, test_cover_open);
    CU_ADD(s, test_jam);
    CU_ADD(s, test_service_offline_maint);
    CU_ADD(s, test_operator_intervention);
    CU_ADD(s, test_description_refresh);
    CU_ADD(s, test_idempotent);
    CU_ADD(s, test_callback_sequence);
    CU_ADD(s, test_removal_entry);
    CU_ADD(s, test_index_wrap_rfc);
    CU_ADD(s, test_index_wrap_zero);
    CU_ADD(s, test_index_skips_used);
    CU_ADD(s, test_evict_order);
    CU_ADD(s, test_evict_unary_before_older_binary);
    CU_ADD(s, test_evict_readd);
    CU_ADD(s, test_evict_warning_never_critical);
    CU_ADD(s, test_unary_ageing);
    CU_ADD(s, test_null_uptime);
    CU_ADD(s, test_counters);
    CU_ADD(s, test_raise_validation);
    CU_ADD(s, test_raise_default_text);
    CU_ADD(s, test_raise_binary_and_clear);
    CU_ADD(s, test_raise_table_full);
    CU_ADD(s, test_table_shrink);
    CU_ADD(s, test_restored_rows_keep_index);
    CU_ADD(s, test_keys);
    CU_ADD(s, test_keys_of_earlier_releases);
    CU_ADD(s, test_pending_overflow_stable);
}

void register_rules_status_suite(void);
void register_rules_random_suite(void);
const cu_registrar cu_suites[] = { register_rules_suite, register_rules_status_suite,
                                   register_rules_random_suite, NULL };
