/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_model.c: unit tests of the device model (prt_model.c): device
 * defaults, the model's sorted device list, row tables (sorted insert,
 * duplicates, index limits, look-ups) and prt_device_validate()'s
 * cross-reference checks; the named live changes (prt_change.h): each
 * checks its arguments against the device, changes nothing on an error and
 * bumps the generation once when it applies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "prt_change.h"
#include "prt_model.h"

/* A minimal device that passes validation: one row in every mandatory table. */
static struct prt_device *minimal_device(int32_t idx, const char *name)
{
    struct prt_device *d = prt_device_new(idx, name);
    struct prt_localization l;
    struct prt_input in;
    struct prt_output out;
    struct prt_marker mk;
    struct prt_media_path mp;
    struct prt_channel ch;
    struct prt_interpreter it;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    prt_localization_init(&l, 1);
    prt_input_init(&in, 1);
    prt_output_init(&out, 1);
    prt_marker_init(&mk, 1);
    prt_media_path_init(&mp, 1);
    prt_channel_init(&ch, 1);
    prt_interpreter_init(&it, 1);
    CU_ASSERT_EQUAL(prt_localization_add(d, &l), 0);
    CU_ASSERT_EQUAL(prt_input_add(d, &in), 0);
    CU_ASSERT_EQUAL(prt_output_add(d, &out), 0);
    CU_ASSERT_EQUAL(prt_marker_add(d, &mk), 0);
    CU_ASSERT_EQUAL(prt_media_path_add(d, &mp), 0);
    CU_ASSERT_EQUAL(prt_channel_add(d, &ch), 0);
    CU_ASSERT_EQUAL(prt_interpreter_add(d, &it), 0);
    return d;
}

static void test_device_defaults(void)
{
    struct prt_device *d = prt_device_new(7, "dev");

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(d->hr_index, 7);
    CU_ASSERT_STRING_EQUAL(d->name, "dev");
    CU_ASSERT_EQUAL(d->hr_device_id.len, 2);
    CU_ASSERT_EQUAL(d->hr_device_id.ids[0], 0);
    CU_ASSERT_EQUAL(d->hr_device_id.ids[1], 0);
    CU_ASSERT_EQUAL(d->general.reset, PrtGeneralResetTC_notResetting);
    CU_ASSERT_EQUAL(d->general.console_disable, PrtConsoleDisableTC_enabled);
    CU_ASSERT_EQUAL(d->next_alert_index, 1);
    CU_ASSERT_EQUAL(d->rules.toner_low_percent, 10);
    CU_ASSERT_EQUAL(d->rules.alert_table_size, PRT_ALERT_TABLE_DEFAULT);
    CU_ASSERT_TRUE(d->rules.oce_all_trays_empty);
    CU_ASSERT_TRUE(d->rules.oce_all_outputs_full);
    CU_ASSERT_TRUE(d->rules.oce_operator_intervention);
    CU_ASSERT_FALSE(d->rules.oce_status);
    CU_ASSERT_FALSE(d->rules.oce_index_wrap_zero);
    CU_ASSERT_FALSE(d->rules.removal_entries);
    CU_ASSERT_EQUAL(d->generation, 0);
    prt_device_free(d);
}

static void test_device_new_rejects(void)
{
    char longname[100];

    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    CU_ASSERT_PTR_NULL(prt_device_new(0, "a"));
    CU_ASSERT_PTR_NULL(prt_device_new(65536, "a"));
    CU_ASSERT_PTR_NULL(prt_device_new(1, ""));
    CU_ASSERT_PTR_NULL(prt_device_new(1, NULL));
    CU_ASSERT_PTR_NULL(prt_device_new(1, longname));
}

static void test_model_order_and_duplicates(void)
{
    struct prt_model *m = prt_model_new();
    struct prt_device *a = prt_device_new(5, "five");
    struct prt_device *b = prt_device_new(1, "one");
    struct prt_device *c = prt_device_new(3, "three");
    struct prt_device *dup_idx = prt_device_new(3, "other");
    struct prt_device *dup_name = prt_device_new(9, "one");

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(prt_model_add_device(m, a), 0);
    CU_ASSERT_EQUAL(prt_model_add_device(m, b), 0);
    CU_ASSERT_EQUAL(prt_model_add_device(m, c), 0);
    CU_ASSERT_EQUAL(prt_model_add_device(m, dup_idx), -PRT_EEXIST);
    CU_ASSERT_EQUAL(prt_model_add_device(m, dup_name), -PRT_EEXIST);
    CU_ASSERT_EQUAL(m->n_devices, 3);
    CU_ASSERT_EQUAL(m->devices[0]->hr_index, 1);
    CU_ASSERT_EQUAL(m->devices[1]->hr_index, 3);
    CU_ASSERT_EQUAL(m->devices[2]->hr_index, 5);
    CU_ASSERT_PTR_EQUAL(prt_model_find(m, 3), c);
    CU_ASSERT_PTR_NULL(prt_model_find(m, 2));
    CU_ASSERT_PTR_EQUAL(prt_model_find_name(m, "five"), a);
    CU_ASSERT_PTR_NULL(prt_model_find_name(m, "nope"));
    CU_ASSERT_PTR_EQUAL(prt_model_next(m, 0), b);
    CU_ASSERT_PTR_EQUAL(prt_model_next(m, 1), c);
    CU_ASSERT_PTR_EQUAL(prt_model_next(m, 2), c);
    CU_ASSERT_PTR_EQUAL(prt_model_next(m, 3), a);
    CU_ASSERT_PTR_NULL(prt_model_next(m, 5));
    prt_device_free(dup_idx);
    prt_device_free(dup_name);
    prt_model_free(m);
}

static void test_rows_sorted_insert(void)
{
    struct prt_device *d = prt_device_new(1, "d");
    struct prt_input in;
    int order[] = {4, 1, 65535, 2, 3};
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        prt_input_init(&in, order[i]);
        snprintf(in.name, sizeof(in.name), "Tray %d", order[i]);
        CU_ASSERT_EQUAL(prt_input_add(d, &in), 0);
    }
    CU_ASSERT_EQUAL_FATAL(d->n_inputs, 5);
    CU_ASSERT_EQUAL(d->inputs[0].index, 1);
    CU_ASSERT_EQUAL(d->inputs[1].index, 2);
    CU_ASSERT_EQUAL(d->inputs[2].index, 3);
    CU_ASSERT_EQUAL(d->inputs[3].index, 4);
    CU_ASSERT_EQUAL(d->inputs[4].index, 65535);
    CU_ASSERT_STRING_EQUAL(prt_input_find(d, 4)->name, "Tray 4");
    CU_ASSERT_PTR_NULL(prt_input_find(d, 5));
    /* duplicates and out-of-range indexes are refused, table unchanged */
    prt_input_init(&in, 2);
    CU_ASSERT_EQUAL(prt_input_add(d, &in), -PRT_EEXIST);
    prt_input_init(&in, 0);
    CU_ASSERT_EQUAL(prt_input_add(d, &in), -PRT_EINVAL);
    prt_input_init(&in, 65536);
    CU_ASSERT_EQUAL(prt_input_add(d, &in), -PRT_EINVAL);
    CU_ASSERT_EQUAL(d->n_inputs, 5);
    prt_device_free(d);
}

static void test_rows_limit(void)
{
    struct prt_device *d = prt_device_new(1, "d");
    struct prt_cover c;
    int i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    for (i = 1; i <= PRT_MAX_ROWS; i++) {
        prt_cover_init(&c, i);
        if (prt_cover_add(d, &c) != 0)
            break;
    }
    CU_ASSERT_EQUAL(d->n_covers, PRT_MAX_ROWS);
    prt_cover_init(&c, PRT_MAX_ROWS + 1);
    CU_ASSERT_EQUAL(prt_cover_add(d, &c), -PRT_ELIMIT);
    prt_device_free(d);
}

static void test_storage_ref_composite_key(void)
{
    struct prt_device *d = prt_device_new(1, "d");
    struct prt_storage_ref s = {.hr_storage_index = 7, .seq = 2, .device_index = 1};

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(prt_storage_ref_add(d, &s), 0);
    s.seq = 1;
    CU_ASSERT_EQUAL(prt_storage_ref_add(d, &s), 0);
    s.hr_storage_index = 3;
    s.seq = 9;
    CU_ASSERT_EQUAL(prt_storage_ref_add(d, &s), 0);
    CU_ASSERT_EQUAL(prt_storage_ref_add(d, &s), -PRT_EEXIST);
    CU_ASSERT_EQUAL_FATAL(d->n_storage_refs, 3);
    CU_ASSERT_EQUAL(d->storage_refs[0].hr_storage_index, 3);
    CU_ASSERT_EQUAL(d->storage_refs[1].seq, 1);
    CU_ASSERT_EQUAL(d->storage_refs[2].seq, 2);
    CU_ASSERT_PTR_NOT_NULL(prt_storage_ref_find(d, 7, 1));
    CU_ASSERT_PTR_NULL(prt_storage_ref_find(d, 7, 3));
    prt_device_free(d);
}

static void test_validate_minimal(void)
{
    struct prt_device *d = minimal_device(1, "min");
    char msg[256];

    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    CU_ASSERT_STRING_EQUAL(msg, "");
    prt_device_free(d);
}

static void test_validate_mandatory(void)
{
    struct prt_device *d = prt_device_new(1, "empty");
    char msg[256];

    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "mandatory"));
    prt_device_free(d);
}

static void test_validate_cross_refs(void)
{
    struct prt_device *d;
    struct prt_supply s;
    struct prt_colorant c;
    struct prt_display_line dl;
    char msg[256];

    /* default input must exist */
    d = minimal_device(1, "x");
    d->general.input_default_index = 2;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "default input 2"));
    prt_device_free(d);

    /* supply naming a missing marker / colorant */
    d = minimal_device(1, "x");
    prt_supply_init(&s, 1);
    s.marker_index = 3;
    CU_ASSERT_EQUAL(prt_supply_add(d, &s), 0);
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "supply 1: marker 3"));
    prt_supply_find(d, 1)->marker_index = 1;
    prt_supply_find(d, 1)->colorant_index = 4;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "colorant 4"));
    prt_colorant_init(&c, 4);
    c.marker_index = 1;
    CU_ASSERT_EQUAL(prt_colorant_add(d, &c), 0);
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    /* level above max */
    prt_supply_find(d, 1)->max_capacity = 100;
    prt_supply_find(d, 1)->level = 101;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "level 101 exceeds max 100"));
    prt_supply_find(d, 1)->level = 100;
    /* colorant naming a missing marker */
    prt_colorant_find(d, 4)->marker_index = 2;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    prt_colorant_find(d, 4)->marker_index = 1;
    /* display lines beyond the console size */
    d->general.console_display_lines = 1;
    memset(&dl, 0, sizeof(dl));
    dl.index = 2;
    CU_ASSERT_EQUAL(prt_display_add(d, &dl), 0);
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    d->general.console_display_lines = 2;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    /* localization referenced by the console must exist */
    d->general.console_localization = 9;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "console localization 9"));
    prt_device_free(d);
}

static void test_strerror(void)
{
    CU_ASSERT_STRING_EQUAL(prt_strerror(-PRT_EEXIST), prt_strerror(PRT_EEXIST));
    CU_ASSERT_STRING_NOT_EQUAL(prt_strerror(PRT_ENOENT), prt_strerror(PRT_EINVAL));
    CU_ASSERT_STRING_EQUAL(prt_strerror(0), "success");
}

static void test_row_templates(void)
{
    struct prt_input in;
    struct prt_output out;
    struct prt_supply sup;
    struct prt_interpreter it;
    struct prt_media_path mp;

    prt_input_init(&in, 3);
    CU_ASSERT_EQUAL(in.index, 3);
    CU_ASSERT_EQUAL(in.max_capacity, -2);
    CU_ASSERT_EQUAL(in.current_level, -2);
    CU_ASSERT_EQUAL(in.media_weight, -2);
    CU_ASSERT_EQUAL(in.security, PresentOnOff_notPresent);
    CU_ASSERT_EQUAL(in.next_index, -3);
    CU_ASSERT_STRING_EQUAL(in.name, "");
    prt_output_init(&out, 4);
    CU_ASSERT_EQUAL(out.stacking_order, PrtOutputStackingOrderTC_unknown);
    CU_ASSERT_EQUAL(out.remaining_capacity, -2);
    prt_supply_init(&sup, 5);
    CU_ASSERT_EQUAL(sup.low_percent, -1);
    CU_ASSERT_EQUAL(sup.finisher, 0);
    prt_interpreter_init(&it, 6);
    CU_ASSERT_EQUAL(it.default_charset_in, PRT_CHARSET_UTF8);
    prt_media_path_init(&mp, 7);
    CU_ASSERT_EQUAL(mp.jam_location, -2);
    CU_ASSERT_TRUE(prt_charset_valid(106));
    CU_ASSERT_TRUE(prt_charset_valid(2024));
    CU_ASSERT_FALSE(prt_charset_valid(0));
    CU_ASSERT_FALSE(prt_charset_valid(3000));
}

static void test_find_every_table(void)
{
    struct prt_device *d = minimal_device(1, "all");
    struct prt_supply s;
    struct prt_colorant c;
    struct prt_cover cv;
    struct prt_display_line dl = {.index = 2, .text = "x"};
    struct prt_light l;
    struct prt_ppm_port pp;
    struct prt_device_ref dr = {.seq = 3, .ref_index = 1};

    prt_supply_init(&s, 9);
    prt_colorant_init(&c, 8);
    prt_cover_init(&cv, 7);
    prt_light_init(&l, 6);
    prt_port_init(&pp, 5);
    CU_ASSERT_EQUAL(prt_supply_add(d, &s), 0);
    CU_ASSERT_EQUAL(prt_colorant_add(d, &c), 0);
    CU_ASSERT_EQUAL(prt_cover_add(d, &cv), 0);
    CU_ASSERT_EQUAL(prt_display_add(d, &dl), 0);
    CU_ASSERT_EQUAL(prt_light_add(d, &l), 0);
    CU_ASSERT_EQUAL(prt_port_add(d, &pp), 0);
    CU_ASSERT_EQUAL(prt_device_ref_add(d, &dr), 0);
    CU_ASSERT_EQUAL(prt_device_ref_add(d, &dr), -PRT_EEXIST);
    CU_ASSERT_PTR_NOT_NULL(prt_input_find(d, 1));
    CU_ASSERT_PTR_NOT_NULL(prt_output_find(d, 1));
    CU_ASSERT_PTR_NOT_NULL(prt_marker_find(d, 1));
    CU_ASSERT_PTR_NOT_NULL(prt_media_path_find(d, 1));
    CU_ASSERT_PTR_NOT_NULL(prt_channel_find(d, 1));
    CU_ASSERT_PTR_NOT_NULL(prt_interpreter_find(d, 1));
    CU_ASSERT_PTR_NOT_NULL(prt_localization_find(d, 1));
    CU_ASSERT_EQUAL(prt_supply_find(d, 9)->index, 9);
    CU_ASSERT_EQUAL(prt_colorant_find(d, 8)->index, 8);
    CU_ASSERT_EQUAL(prt_cover_find(d, 7)->index, 7);
    CU_ASSERT_STRING_EQUAL(prt_display_find(d, 2)->text, "x");
    CU_ASSERT_EQUAL(prt_light_find(d, 6)->index, 6);
    CU_ASSERT_TRUE(prt_port_find(d, 5)->enabled);
    CU_ASSERT_EQUAL(prt_device_ref_find(d, 3)->ref_index, 1);
    CU_ASSERT_PTR_NULL(prt_supply_find(d, 1));
    CU_ASSERT_PTR_NULL(prt_alert_find(d, 1));
    CU_ASSERT_PTR_NULL(prt_input_find(NULL, 1));
    CU_ASSERT_EQUAL(prt_input_add(NULL, NULL), -PRT_EINVAL);
    prt_device_free(d);
}

static void test_clone_is_deep(void)
{
    struct prt_device *d = minimal_device(1, "orig");
    struct prt_device *c;

    d->factory = minimal_device(1, "factory");
    c = prt_device_clone(d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_PTR_NULL(c->factory);
    CU_ASSERT_PTR_NOT_EQUAL(c->inputs, d->inputs);
    CU_ASSERT_EQUAL(c->n_inputs, d->n_inputs);
    c->inputs[0].current_level = 77;
    CU_ASSERT_NOT_EQUAL(d->inputs[0].current_level, 77);
    CU_ASSERT_STRING_EQUAL(c->name, "orig");
    prt_device_free(c);
    prt_device_free(d); /* frees the factory copy too (valgrind checks) */
}

static void test_validate_more(void)
{
    struct prt_device *d;
    struct prt_supply s;
    struct prt_ppm_port pp;
    struct prt_storage_ref sr = {.hr_storage_index = 1, .seq = 1, .device_index = 9};
    struct prt_light l;
    char msg[256];

    d = minimal_device(4, "more");
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    /* both colorant counts 0 */
    d->markers[0].process_colorants = 0;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "cannot both be 0"));
    d->markers[0].process_colorants = 1;
    /* enumerations outside the TC */
    d->inputs[0].type = 9;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "PrtInputTypeTC"));
    d->inputs[0].type = PrtInputTypeTC_other;
    d->outputs[0].stacking_order = 1;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    d->outputs[0].stacking_order = PrtOutputStackingOrderTC_unknown;
    /* levels against capacities and range floors */
    d->inputs[0].max_capacity = 10;
    d->inputs[0].current_level = 11;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    d->inputs[0].current_level = -4;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    d->inputs[0].current_level = -3;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    d->outputs[0].max_capacity = 5;
    d->outputs[0].remaining_capacity = 6;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    d->outputs[0].remaining_capacity = 5;
    d->outputs[0].max_dim_feed = 100;
    d->outputs[0].min_dim_feed = 101;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "minimum media size"));
    d->outputs[0].min_dim_feed = -2;
    /* next input must exist */
    d->inputs[0].next_index = 2;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    d->inputs[0].next_index = 0;
    /* channel languages name interpreters */
    d->channels[0].default_page_desc_lang_index = 4;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "interpreter 4"));
    d->channels[0].default_page_desc_lang_index = 1;
    /* ports name channels */
    prt_port_init(&pp, 1);
    pp.channel_index = 2;
    CU_ASSERT_EQUAL(prt_port_add(d, &pp), 0);
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    d->ports[0].channel_index = 1;
    d->ports[0].target_port = 70000;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    d->ports[0].target_port = 631;
    /* staples supply on a finisher that is not listed */
    prt_supply_init(&s, 1);
    s.marker_index = 1;
    s.finisher = 1;
    CU_ASSERT_EQUAL(prt_supply_add(d, &s), 0);
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "finisher 1"));
    d->n_finisher_models = 1;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    /* storage ref must point back at this device */
    CU_ASSERT_EQUAL(prt_storage_ref_add(d, &sr), 0);
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    d->storage_refs[0].device_index = 4;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    /* light roles and times */
    prt_light_init(&l, 1);
    l.role = 9;
    CU_ASSERT_EQUAL(prt_light_add(d, &l), 0);
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    d->lights[0].role = PRT_LIGHT_ERROR;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    /* rules thresholds */
    d->rules.toner_empty_percent = 20;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINCONSISTENT);
    d->rules.toner_empty_percent = 0;
    d->rules.alert_table_size = 0;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    d->rules.alert_table_size = 64;
    /* hrDeviceID must be a real OID */
    d->hr_device_id.len = 1;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    d->hr_device_id.len = 2;
    /* the reset column always reads notResetting */
    d->general.reset = PrtGeneralResetTC_resetToNVRAM;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), -PRT_EINVAL);
    d->general.reset = PrtGeneralResetTC_notResetting;
    CU_ASSERT_EQUAL(prt_device_validate(d, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(prt_device_validate(NULL, msg, sizeof(msg)), -PRT_EINVAL);
    prt_device_free(d);
}

static void test_model_limits(void)
{
    struct prt_model *m = prt_model_new();
    struct prt_device *d;
    char name[32];
    int i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (i = PRT_MAX_DEVICES; i >= 1; i--) {
        snprintf(name, sizeof(name), "d%d", i);
        d = prt_device_new(i, name);
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        if (prt_model_add_device(m, d) != 0) {
            prt_device_free(d);
            break;
        }
    }
    CU_ASSERT_EQUAL(m->n_devices, PRT_MAX_DEVICES);
    d = prt_device_new(PRT_MAX_DEVICES + 1, "one-too-many");
    CU_ASSERT_EQUAL(prt_model_add_device(m, d), -PRT_ELIMIT);
    prt_device_free(d);
    for (i = 1; i < (int)m->n_devices; i++)
        CU_ASSERT_TRUE(m->devices[i - 1]->hr_index < m->devices[i]->hr_index);
    CU_ASSERT_EQUAL(prt_model_next(m, 100)->hr_index, 101);
    CU_ASSERT_PTR_NULL(prt_model_next(m, PRT_MAX_DEVICES));
    CU_ASSERT_EQUAL(prt_model_add_device(m, NULL), -PRT_EINVAL);
    prt_model_free(m);
    prt_model_free(NULL);
}

static void test_named_changes(void)
{
    struct prt_model *m = prt_model_new();
    struct prt_device *d = minimal_device(1, "named");
    struct prt_alert a;
    char why[256];
    uint64_t gen;
    int32_t idx;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL_FATAL(prt_model_add_device(m, d), 0);
    prt_input_find(d, 1)->max_capacity = 500;
    gen = d->generation;
    CU_ASSERT_EQUAL(prt_input_set_level(m, d, 1, 200, why, sizeof(why)), PRT_OK);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->current_level, 200);
    CU_ASSERT_EQUAL(d->generation, gen + 1);
    /* errors change nothing, not even the generation */
    CU_ASSERT_EQUAL(prt_input_set_level(m, d, 1, 501, why, sizeof(why)), -PRT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "capacity"));
    CU_ASSERT_EQUAL(prt_input_set_level(m, d, 1, -4, why, sizeof(why)), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_input_set_level(m, d, 9, 1, why, sizeof(why)), -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->current_level, 200);
    CU_ASSERT_EQUAL(d->generation, gen + 1);
    CU_ASSERT_EQUAL(prt_cover_set_status(m, d, 1, PrtCoverStatusTC_coverOpen, why, sizeof(why)),
                    -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_jam_raise(m, d, 1, 4001, why, sizeof(why)), PRT_OK);
    CU_ASSERT_TRUE(prt_media_path_find(d, 1)->jammed);
    CU_ASSERT_EQUAL(prt_jam_raise(m, d, 1, -3, why, sizeof(why)), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_jam_clear(m, d, 1, why, sizeof(why)), PRT_OK);
    CU_ASSERT_FALSE(prt_media_path_find(d, 1)->jammed);
    /* impressions: billing, marker counters, paper consumed */
    CU_ASSERT_EQUAL(prt_marker_count_impressions(m, d, 10, PRT_BILL_COLOR, PRT_BILL_SMALL,
                                                 PRT_BILL_DUPLEX, 1, 0, 0, why, sizeof(why)),
                    PRT_OK);
    CU_ASSERT_EQUAL(d->billing[PRT_BILL_COLOR][PRT_BILL_SMALL][PRT_BILL_DUPLEX], 10);
    CU_ASSERT_EQUAL(prt_marker_find(d, 1)->life_count, 10);
    CU_ASSERT_EQUAL(prt_input_find(d, 1)->current_level, 195);
    CU_ASSERT_EQUAL(prt_marker_count_impressions(m, d, 0, 0, 0, 0, 0, 0, 0, why, sizeof(why)),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_marker_count_impressions(m, d, 1, 2, 0, 0, 0, 0, 0, why, sizeof(why)),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_marker_count_impressions(m, d, 1, 0, 0, 0, 0, 7, 0, why, sizeof(why)),
                    -PRT_ENOENT);
    /* explicit alerts: the model checks the template, not only the feed */
    memset(&a, 0, sizeof(a));
    a.severity = PrtAlertSeverityLevelTC_warning;
    a.code = PrtAlertCodeTC_other;
    a.group = PrtAlertGroupTC_generalPrinter;
    a.group_index = -1;
    a.location = -2;
    a.training = PrtAlertTrainingLevelTC_untrained;
    a.key = 5;
    CU_ASSERT_EQUAL(prt_alert_raise_explicit(m, d, &a, why, sizeof(why)), -PRT_EINVAL);
    a.key = 0;
    a.description[0] = '\x07';
    CU_ASSERT_EQUAL(prt_alert_raise_explicit(m, d, &a, why, sizeof(why)), -PRT_EINVAL);
    a.description[0] = '\0';
    a.code = 77777;
    CU_ASSERT_EQUAL(prt_alert_raise_explicit(m, d, &a, why, sizeof(why)), -PRT_EINVAL);
    a.code = PrtAlertCodeTC_other;
    gen = d->generation;
    idx = prt_alert_raise_explicit(m, d, &a, why, sizeof(why));
    CU_ASSERT(idx > 0);
    CU_ASSERT_PTR_NOT_NULL(prt_alert_find(d, idx));
    CU_ASSERT(d->generation > gen);
    CU_ASSERT_EQUAL(prt_display_set_text(m, d, 1, "Ready", why, sizeof(why)), -PRT_ENOENT);
    prt_model_free(m);
}

static void register_model_suite(void)
{
    CU_pSuite s = cu_add_suite("model", NULL, NULL);

    CU_ADD(s, test_device_defaults);
    CU_ADD(s, test_device_new_rejects);
    CU_ADD(s, test_model_order_and_duplicates);
    CU_ADD(s, test_rows_sorted_insert);
    CU_ADD(s, test_rows_limit);
    CU_ADD(s, test_storage_ref_composite_key);
    CU_ADD(s, test_validate_minimal);
    CU_ADD(s, test_validate_mandatory);
    CU_ADD(s, test_validate_cross_refs);
    CU_ADD(s, test_strerror);
    CU_ADD(s, test_row_templates);
    CU_ADD(s, test_find_every_table);
    CU_ADD(s, test_clone_is_deep);
    CU_ADD(s, test_validate_more);
    CU_ADD(s, test_model_limits);
    CU_ADD(s, test_named_changes);
}

const cu_registrar cu_suites[] = {register_model_suite, NULL};
