/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rules_fixture.c: see rules_fixture.h. */
#include <string.h>

#include "cu_runner.h"
#include "rules_fixture.h"

struct prt_model *M;
struct prt_device *D;
uint32_t fx_now;
struct fx_event fx_events[FX_MAX_EVENTS];
size_t fx_n_events;
void (*fx_probe)(const struct prt_device *d, const struct prt_alert *a, enum prt_alert_event ev);

static uint32_t fx_uptime(void)
{
    return fx_now;
}

static void fx_cb(const struct prt_device *d, const struct prt_alert *a, enum prt_alert_event ev,
                  void *arg)
{
    CU_ASSERT_PTR_EQUAL(arg, &fx_events);
    CU_ASSERT_PTR_EQUAL(d, D);
    if (fx_n_events < FX_MAX_EVENTS) {
        struct fx_event *e = &fx_events[fx_n_events++];
        e->ev = (int)ev;
        e->index = a->index;
        e->severity = a->severity;
        e->group = a->group;
        e->group_index = a->group_index;
        e->code = a->code;
    }
    if (fx_probe != NULL)
        fx_probe(d, a, ev);
}

void fx_clear_events(void)
{
    fx_n_events = 0;
}

void fx_begin(void)
{
    fx_suite_cleanup();
    M = prt_model_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(M);
    M->alert_cb = fx_cb;
    M->alert_cb_arg = &fx_events;
    M->uptime = fx_uptime;
    D = prt_device_new(1, "test");
    CU_ASSERT_PTR_NOT_NULL_FATAL(D);
    fx_now = 0;
    fx_probe = NULL;
    fx_clear_events();
}

int fx_suite_cleanup(void)
{
    prt_device_free(D);
    D = NULL;
    prt_model_free(M);
    M = NULL;
    return 0;
}

void fx_apply(void)
{
    prt_rules_apply(M, D);
}

void fx_input(int32_t index, const char *name, int32_t level, int32_t max)
{
    struct prt_input r;

    prt_input_init(&r, index);
    strcpy(r.name, name);
    r.current_level = level;
    r.max_capacity = max;
    CU_ASSERT_EQUAL_FATAL(prt_input_add(D, &r), 0);
}

void fx_output(int32_t index, const char *name, int32_t remaining, int32_t max)
{
    struct prt_output r;

    prt_output_init(&r, index);
    strcpy(r.name, name);
    r.remaining_capacity = remaining;
    r.max_capacity = max;
    CU_ASSERT_EQUAL_FATAL(prt_output_add(D, &r), 0);
}

void fx_marker(int32_t index)
{
    struct prt_marker r;

    prt_marker_init(&r, index);
    CU_ASSERT_EQUAL_FATAL(prt_marker_add(D, &r), 0);
}

void fx_supply(int32_t index, int32_t marker, int32_t type, int32_t supply_class,
               const char *descr, int32_t level, int32_t max)
{
    struct prt_supply r;

    prt_supply_init(&r, index);
    r.marker_index = marker;
    r.type = type;
    r.supply_class = supply_class;
    strcpy(r.description, descr);
    r.supply_unit = PrtMarkerSuppliesSupplyUnitTC_other;
    r.level = level;
    r.max_capacity = max;
    CU_ASSERT_EQUAL_FATAL(prt_supply_add(D, &r), 0);
}

void fx_cover(int32_t index, const char *descr, int32_t status)
{
    struct prt_cover r;

    prt_cover_init(&r, index);
    strcpy(r.description, descr);
    r.status = status;
    CU_ASSERT_EQUAL_FATAL(prt_cover_add(D, &r), 0);
}

void fx_path(int32_t index, const char *descr)
{
    struct prt_media_path r;

    prt_media_path_init(&r, index);
    strcpy(r.description, descr);
    CU_ASSERT_EQUAL_FATAL(prt_media_path_add(D, &r), 0);
}

void fx_channel(int32_t index, int32_t state)
{
    struct prt_channel r;

    prt_channel_init(&r, index);
    r.state = state;
    CU_ASSERT_EQUAL_FATAL(prt_channel_add(D, &r), 0);
}

void fx_light(int32_t index, int32_t role)
{
    struct prt_light r;

    prt_light_init(&r, index);
    r.role = role;
    r.on_time = 123;
    r.off_time = 456;
    CU_ASSERT_EQUAL_FATAL(prt_light_add(D, &r), 0);
}

void fx_display(int32_t index, const char *text)
{
    struct prt_display_line r;

    memset(&r, 0, sizeof(r));
    r.index = index;
    strcpy(r.text, text);
    CU_ASSERT_EQUAL_FATAL(prt_display_add(D, &r), 0);
}

void fx_finisher(const char *model)
{
    CU_ASSERT_FATAL(D->n_finisher_models < 8);
    strcpy(D->finisher_models[D->n_finisher_models++], model);
}

const struct prt_alert *fx_row(int32_t code, int32_t group, int32_t group_index)
{
    size_t i;

    for (i = 0; i < D->n_alerts; i++) {
        const struct prt_alert *a = &D->alerts[i];
        if (a->code == code && a->group == group && a->group_index == group_index)
            return a;
    }
    return NULL;
}
