/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rules_fixture.h: fixture devices for the rules unit tests.  One model M
 * (alert callback recording events, a settable uptime fx_now) and one device
 * D, rebuilt by fx_begin() at the start of every test; rows are added with
 * the model's own prt_*_init/prt_*_add so the tests exercise real tables.
 */
#ifndef RULES_FIXTURE_H
#define RULES_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "prt_model.h"
#include "prt_rules.h"

extern struct prt_model *M;
extern struct prt_device *D;
extern uint32_t fx_now;

struct fx_event {
    int ev; /* enum prt_alert_event */
    int32_t index, severity, group, group_index, code;
};
#define FX_MAX_EVENTS 64
extern struct fx_event fx_events[FX_MAX_EVENTS];
extern size_t fx_n_events;
/* Called from the alert callback after recording, when set. */
extern void (*fx_probe)(const struct prt_device *d, const struct prt_alert *a,
                        enum prt_alert_event ev);

void fx_begin(void);
int fx_suite_cleanup(void);
void fx_apply(void);
void fx_clear_events(void);

void fx_input(int32_t index, const char *name, int32_t level, int32_t max);
void fx_output(int32_t index, const char *name, int32_t remaining, int32_t max);
void fx_marker(int32_t index);
void fx_supply(int32_t index, int32_t marker, int32_t type, int32_t supply_class,
               const char *descr, int32_t level, int32_t max);
void fx_cover(int32_t index, const char *descr, int32_t status);
void fx_path(int32_t index, const char *descr);
void fx_channel(int32_t index, int32_t state);
void fx_light(int32_t index, int32_t role);
void fx_display(int32_t index, const char *text);
void fx_finisher(const char *model);

/* First alert row with this code, group and group index, or NULL.  The
 * pointer is only valid until the table changes. */
const struct prt_alert *fx_row(int32_t code, int32_t group, int32_t group_index);

#endif
