/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev_glue.h: the Net-SNMP glue of printdev, as seen by the two entry
 * points (printdev.so's init_printdev/deinit_printdev and printdevd's main).
 *
 * Life cycle: printdev_glue_init() registers the config tokens (profile
 * tokens plus printdevStateDir, printdevNotify, printdevNotifyRemovals) for
 * the running application type and a SNMP_CALLBACK_POST_READ_CONFIG hook.
 * Each time the configuration has been read (start-up, SIGHUP) the hook
 * builds a fresh model aside from the profile, restores saved state, applies
 * the rules, then swaps it in: the tables stay registered and only the hr
 * cells of devices that came or went are (un)registered.
 * printdev_glue_shutdown() unregisters and frees everything.
 *
 * This header is free of Net-SNMP types.  The feed server does not include
 * it: the glue hands it a struct feed_agent_ops (feed_server.h) instead.
 */
#ifndef PRINTDEV_GLUE_H
#define PRINTDEV_GLUE_H

#include <stdbool.h>
#include <stdint.h>

struct prt_model;
struct prt_device;

/* Registers config tokens and callbacks.  Never fails hard: returns 0, or -1
 * after logging (nothing is left registered then). */
int printdev_glue_init(void);
/* Unregisters every table, instance, config token and callback; frees the
 * model.  Safe to call twice. */
void printdev_glue_shutdown(void);
/* For printdev.so, whose code stays mapped after snmpd's dlclose (the entry
 * point pins it): snmpd unloads and reloads every dlmod on SIGHUP, so
 * printdev_glue_unload() keeps the model and registrations "parked" (feed
 * closed, state saved, tokens and callbacks unregistered); the next
 * printdev_glue_init() + configuration read re-uses them, and if no init
 * comes before the main loop runs again (the module was really unloaded)
 * everything is dropped as by printdev_glue_shutdown().  Without
 * printdev_glue_set_pinned() it is printdev_glue_shutdown(). */
void printdev_glue_set_pinned(void);
void printdev_glue_unload(void);

/* The current model (NULL before the first configuration was read).  It is
 * replaced on every configuration reload: do not keep the pointer across
 * returns to the Net-SNMP main loop. */
struct prt_model *printdev_glue_model(void);

/* Number of devices the last configuration left unregistered or profile
 * lines in error (printdevAgentProfileErrors). */
unsigned printdev_glue_profile_errors(void);

/* true while the feed socket accepts clients (devices may be added) */
bool printdev_glue_feed_listening(void);

/* In an AgentX subagent: true once the master refused a registration
 * (another subagent already serves these objects).  printdevd then exits
 * after snmp_shutdown(), so nothing is unregistered at the master. */
bool printdev_glue_registration_refused(void);

/* The state directory in use (printdevStateDir, default
 * <persistent dir>/printdev). */
const char *printdev_glue_state_dir(void);

#endif
