/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules.h: extra declarations of the alert and status rules.
 *
 * The main entry points (prt_rules_apply, prt_alert_raise, prt_alert_clear)
 * are declared in prt_model.h.  This header adds the constants a caller or a
 * test needs to interpret what the rules produce: the condition-key space of
 * derived alerts, the Océ "all units" group index, the console-light timings,
 * and key-based look-up/clearing of explicitly raised binary alerts.
 */
#ifndef PRT_RULES_H
#define PRT_RULES_H

#include <stdint.h>

#include "prt_model.h"

/* Condition keys (struct prt_alert.key).  0 = unary row.  Keys with this bit
 * set belong to alerts derived by prt_rules_apply() from the live state (a
 * hash of code, group, group index, location, severity and source row); keys
 * without it are chosen by the controller for binary alerts it raises itself
 * with prt_alert_raise().  Derived keys are saved with the alert rows in the
 * state file and recognised after a restart (the row keeps its index), so
 * the hash must never change between releases. */
#define PRT_ALERT_KEY_DERIVED (UINT64_C(1) << 63)

/* prtAlertGroupIndex of the PRISMAsync "all input trays empty" / "all output
 * trays full" rows; staplers and waste boxes use 100 + finisher position. */
#define PRT_ALERT_GROUP_INDEX_ALL 100

/* prtConsoleOnTime / prtConsoleOffTime written for role-driven lights
 * (RFC 3805 prtConsoleLightTable: on>0,off=0 steady on; both 0 off; both >0
 * blinking). */
#define PRT_LIGHT_ON_MS 1000
#define PRT_LIGHT_BLINK_ON_MS 500
#define PRT_LIGHT_BLINK_OFF_MS 500

/* Light states as the rules write them. */
enum prt_light_state { PRT_LIGHT_OFF = 0, PRT_LIGHT_ON = 1, PRT_LIGHT_BLINK = 2 };
/* Reads back the state of a light from its on/off times. */
enum prt_light_state prt_light_state_of(const struct prt_light *l);

/* The row of an explicitly raised binary alert with this key, or NULL. */
struct prt_alert *prt_alert_find_key(const struct prt_device *d, uint64_t key);
/* Clears an explicitly raised binary alert by its key (trailing edge).
 * Returns 0, -PRT_ENOENT when no row has the key, -PRT_EINVAL for key 0 or a
 * derived key. */
int prt_alert_clear_key(struct prt_model *m, struct prt_device *d, uint64_t key);

#endif
