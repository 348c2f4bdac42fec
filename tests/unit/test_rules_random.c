/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_rules_random.c: randomized invariant test of prt_rules.c.  A fixed
 * seed drives thousands of random changes to a device (tray levels, bins,
 * supplies, covers, jams, engine state, device conditions, rule options,
 * table size, explicit raises and clears, time) and after each
 * prt_rules_apply() checks what must always hold:
 *   - prtAlertTable is sorted by unique index and never exceeds its size;
 *   - a second apply changes nothing (no events, same generation);
 *   - the event counters grow by exactly the rows reported ADDED;
 *   - REMOVED events name rows that existed, ADDED events rows that exist
 *     afterwards unless removed later in the same apply;
 *   - every derived row is binary, every unary row has key 0;
 *   - hrPrinterDetectedErrorState bits agree with the sensors;
 *   - a critical row puts hrDeviceStatus to down(5) (RFC mapping).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cu_runner.h"
#include "rules_fixture.h"

static uint64_t rng = UINT64_C(0x9E3779B97F4A7C15);

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

#define N_IN 4
#define N_OUT 3
#define N_SUP 8
#define N_COV 3
#define N_PATH 2

static const int32_t sup_types[N_SUP] = {
    PrtMarkerSuppliesTypeTC_toner, PrtMarkerSuppliesTypeTC_toner,
    PrtMarkerSuppliesTypeTC_wasteToner, PrtMarkerSuppliesTypeTC_opc,
    PrtMarkerSuppliesTypeTC_staples, PrtMarkerSuppliesTypeTC_staples,
    PrtMarkerSuppliesTypeTC_wastePaper, PrtMarkerSuppliesTypeTC_fuserOil,
};

static void build(void)
{
    int i;

    fx_begin();
    fx_finisher("Stacker");
    fx_finisher("Booklet");
    fx_marker(1);
    for (i = 1; i <= N_IN; i++)
        fx_input(i, "Tray", 100, 500);
    D->inputs[N_IN - 1].type = PrtInputTypeTC_sheetFeedManual; /* a bypass tray */
    for (i = 1; i <= N_OUT; i++)
        fx_output(i, "Bin", 100, 250);
    for (i = 0; i < N_SUP; i++) {
        bool recept = sup_types[i] == PrtMarkerSuppliesTypeTC_wasteToner ||
                      sup_types[i] == PrtMarkerSuppliesTypeTC_wastePaper;
        fx_supply(i + 1, 1, sup_types[i], recept ? 4 : 3, "Supply", 50, 100);
        D->supplies[i].finisher = i % 3;
    }
    for (i = 1; i <= N_COV; i++)
        fx_cover(i, "Cover", PrtCoverStatusTC_coverClosed);
    for (i = 1; i <= N_PATH; i++)
        fx_path(i, "Path");
    fx_channel(1, PrtChannelStateTC_printDataAccepted);
    fx_light(1, PRT_LIGHT_READY);
    fx_light(2, PRT_LIGHT_ATTENTION);
    fx_display(1, "");
}

static void mutate(void)
{
    static const int32_t levels[] = { 0, 0, 5, 20, 100, -1, -2, -3 };
    struct prt_alert a;
    int32_t i;

    switch (rnd(16)) {
    case 0:
    case 1:
        D->inputs[rnd(N_IN)].current_level = levels[rnd(8)];
        break;
    case 2:
        i = (int32_t)rnd(N_IN);
        D->inputs[i].missing = !D->inputs[i].missing;
        break;
    case 3:
        i = (int32_t)rnd(N_OUT);
        D->outputs[i].remaining_capacity = levels[rnd(8)];
        D->outputs[i].near_full_threshold = (int32_t)rnd(2) * 30;
        break;
    case 4:
        i = (int32_t)rnd(N_OUT);
        switch (rnd(3)) {
        case 0: D->outputs[i].missing = !D->outputs[i].missing; break;
        case 1: D->outputs[i].offline = !D->outputs[i].offline; break;
        default: D->outputs[i].full_sensor = !D->outputs[i].full_sensor; break;
        }
        break;
    case 5:
    case 6:
        i = (int32_t)rnd(N_SUP);
        if (rnd(5) == 0)
            D->supplies[i].missing = !D->supplies[i].missing;
        else
            D->supplies[i].level = levels[rnd(8)];
        break;
    case 7:
        D->covers[rnd(N_COV)].status = (int32_t)rnd(6) + 1;
        break;
    case 8:
        i = (int32_t)rnd(N_PATH);
        D->media_paths[i].jammed = !D->media_paths[i].jammed;
        D->media_paths[i].jam_location = (int32_t)rnd(3) - 2;
        break;
    case 9:
        D->cond.engine = (int32_t)rnd(PRT_ENGINE_UNKNOWN + 1);
        break;
    case 10:
        switch (rnd(3)) {
        case 0: D->cond.service_requested = !D->cond.service_requested; break;
        case 1: D->cond.overdue_maintenance = !D->cond.overdue_maintenance; break;
        default: D->cond.operator_intervention = !D->cond.operator_intervention; break;
        }
        break;
    case 11:
        switch (rnd(6)) {
        case 0: D->rules.oce_all_trays_empty = !D->rules.oce_all_trays_empty; break;
        case 1: D->rules.oce_all_outputs_full = !D->rules.oce_all_outputs_full; break;
        case 2: D->rules.oce_operator_intervention = !D->rules.oce_operator_intervention; break;
        case 3: D->rules.oce_status = !D->rules.oce_status; break;
        case 4: D->rules.removal_entries = !D->rules.removal_entries; break;
        default: D->rules.oce_index_wrap_zero = !D->rules.oce_index_wrap_zero; break;
        }
        break;
    case 12:
        D->rules.alert_table_size = (int32_t)rnd(12) + 1;
        break;
    case 13:
        memset(&a, 0, sizeof(a));
        a.training = PrtAlertTrainingLevelTC_trained;
        a.group = PrtAlertGroupTC_input;
        a.group_index = (int32_t)rnd(N_IN) + 1;
        a.location = -2;
        a.code = PrtAlertCodeTC_inputMediaSizeChange;
        switch (rnd(3)) {
        case 0: a.severity = PrtAlertSeverityLevelTC_warning; break;
        case 1: a.severity = PrtAlertSeverityLevelTC_critical; a.key = rnd(4) + 1; break;
        default:
            a.severity = PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
            a.key = rnd(4) + 1;
            break;
        }
        (void)prt_alert_raise(M, D, &a);
        break;
    case 14:
        if (D->n_alerts > 0)
            (void)prt_alert_clear(M, D, D->alerts[rnd((uint32_t)D->n_alerts)].index);
        break;
    default:
        fx_now += rnd(3) * 1000;
        D->rules.unary_max_age = rnd(2) * 15;
        if (rnd(50) == 0)
            D->next_alert_index = 2147483646;
        break;
    }
}

/* A derived row names its sub-unit (RFC 3805 prtAlertGroup /
 * prtAlertGroupIndex): a row of the group's table, -1 for generalPrinter
 * (no second index), or 100 for the Oce "all trays / all outputs" rows. */
static bool names_subunit(const struct prt_alert *a)
{
    int32_t gi = a->group_index;

    switch (a->group) {
    case PrtAlertGroupTC_generalPrinter: return gi == -1;
    case PrtAlertGroupTC_cover: return prt_cover_find(D, gi) != NULL;
    case PrtAlertGroupTC_input:
        return prt_input_find(D, gi) != NULL || (gi == 100 && a->code == 808 && a->severity == 3);
    case PrtAlertGroupTC_output:
        return prt_output_find(D, gi) != NULL || (gi == 100 && a->code == 903 && a->severity == 3);
    case PrtAlertGroupTC_markerSupplies: return prt_supply_find(D, gi) != NULL;
    case PrtAlertGroupTC_mediaPath: return prt_media_path_find(D, gi) != NULL;
    default: return false;
    }
}

static bool failed_once;

#define CHECK(cond)                                      \
    do {                                                 \
        if (!(cond) && !failed_once) {                   \
            failed_once = true;                          \
            CU_FAIL("invariant broken: " #cond);         \
            fprintf(stderr, "step %d: %s\n", step, #cond); \
        }                                                \
    } while (0)

static void test_random_invariants(void)
{
    int step;

    build();
    failed_once = false;
    for (step = 0; step < 20000 && !failed_once; step++) {
        uint32_t all0, crit0;
        int32_t before[1024];
        size_t nbefore, i, j;
        uint32_t added = 0, added_crit = 0;
        uint64_t gen;
        bool any_critical = false, tray_empty = false, paper = false, jam = false, door = false;

        mutate();
        /* raise/clear already ran the rules; check from here with a fresh apply */
        fx_clear_events();
        all0 = D->general.alert_all_events;
        crit0 = D->general.alert_critical_events;
        nbefore = D->n_alerts;
        for (i = 0; i < nbefore && i < 1024; i++)
            before[i] = D->alerts[i].index;
        fx_apply();

        for (i = 0; i < fx_n_events; i++) {
            if (fx_events[i].ev == PRT_ALERT_ADDED) {
                added++;
                if (fx_events[i].severity == PrtAlertSeverityLevelTC_critical)
                    added_crit++;
            }
        }
        CHECK(fx_n_events < FX_MAX_EVENTS);
        CHECK(D->general.alert_all_events - all0 == added);
        CHECK(D->general.alert_critical_events - crit0 == added_crit);
        for (i = 0; i < fx_n_events; i++) {
            bool found = false;
            if (fx_events[i].ev != PRT_ALERT_REMOVED)
                continue;
            for (j = 0; j < nbefore && !found; j++)
                found = before[j] == fx_events[i].index;
            for (j = 0; j < i && !found; j++)
                found = fx_events[j].ev == PRT_ALERT_ADDED && fx_events[j].index == fx_events[i].index;
            CHECK(found);
        }
        for (i = 0; i < fx_n_events; i++) {
            bool later_removed = false;
            if (fx_events[i].ev != PRT_ALERT_ADDED)
                continue;
            for (j = i + 1; j < fx_n_events; j++)
                later_removed |= fx_events[j].ev == PRT_ALERT_REMOVED &&
                                 fx_events[j].index == fx_events[i].index;
            CHECK(later_removed || prt_alert_find(D, fx_events[i].index) != NULL);
        }
        CHECK(D->n_alerts <= (size_t)D->rules.alert_table_size);
        for (i = 0; i < D->n_alerts; i++) {
            const struct prt_alert *a = &D->alerts[i];
            if (i > 0)
                CHECK(D->alerts[i - 1].index < a->index);
            CHECK(a->description[0] != '\0');
            if (a->key & PRT_ALERT_KEY_DERIVED) {
                CHECK(a->severity == 3 || a->severity == 5);
                CHECK(names_subunit(a));
            }
            if (a->key == 0)
                CHECK(a->severity == 4 || a->severity == 1);
            if (a->severity == 3)
                any_critical = true;
        }
        for (i = 0; i < N_IN; i++) {
            const struct prt_input *in = &D->inputs[i];
            bool manual = in->type == PrtInputTypeTC_sheetFeedManual;
            if (!in->missing && in->current_level == 0 && !manual)
                tray_empty = true;
            if (!in->missing && in->current_level != 0)
                paper = true;
        }
        for (i = 0; i < N_PATH; i++)
            jam |= D->media_paths[i].jammed;
        for (i = 0; i < N_COV; i++)
            door |= D->covers[i].status == PrtCoverStatusTC_coverOpen ||
                    D->covers[i].status == PrtCoverStatusTC_interlockOpen;
        CHECK(((D->hr_error_state[1] & 0x04) != 0) == tray_empty);
        CHECK(((D->hr_error_state[0] & 0x40) != 0) == (tray_empty && !paper));
        CHECK(((D->hr_error_state[0] & 0x04) != 0) == jam);
        CHECK(((D->hr_error_state[0] & 0x08) != 0) == door);
        CHECK((D->hr_error_state[1] & 0x01) == 0);
        if (any_critical && !D->rules.oce_status && D->cond.engine != PRT_ENGINE_UNKNOWN &&
            D->cond.engine != PRT_ENGINE_TESTING)
            CHECK(D->hr_device_status == hrDeviceStatus_down);
        if (any_critical && D->rules.oce_status)
            CHECK(D->hr_device_status == hrDeviceStatus_down);

        gen = D->generation;
        fx_clear_events();
        fx_apply();
        CHECK(fx_n_events == 0);
        CHECK(D->generation == gen);
    }
    CU_ASSERT_EQUAL(step, 20000);
}

void register_rules_random_suite(void);
void register_rules_random_suite(void)
{
    CU_pSuite s = cu_add_suite("rules_random", NULL, fx_suite_cleanup);

    CU_ADD(s, test_random_invariants);
}
