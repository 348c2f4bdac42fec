/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev_glue.h: the Net-SNMP glue of printdev, as seen by the two entry
 * points (printdev.so's init_printdev/deinit_printdev and printdevd's main)
 * and by the feed server.
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
 * This header is free of Net-SNMP types so the feed server can include it
 * next to its own headers.
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

/* For the feed server: after a batch changed device d, re-derive alerts and
 * statuses (prt_rules_apply, sending printerV2Alert for new alerts), save the
 * durable state and stamp printdevDeviceLastUpdate / printdevAgentLastUpdate. */
void printdev_glue_changed(struct prt_device *d);

/* For the feed server's synchronous mode (printdevFeedSync yes) and the SET
 * commit: saves d's durable state now if it changed since the last save.  Returns 0, or -1
 * after logging, with the reason in why. */
int printdev_glue_save(struct prt_device *d, char *why, size_t len);
/* Between hold and release, printerV2Alert notifications are queued instead
 * of sent; release sends the queue (the feed releases after its save, so a
 * notified alert is already on disk). */
void printdev_glue_notify_hold(void);
void printdev_glue_notify_release(void);
/* Discards the queue instead (a SET whose commit failed: its alerts never
 * happened). */
void printdev_glue_notify_drop(void);

/* For the feed server: printdevDeviceFeedConnected and
 * printdevAgentFeedClients. */
void printdev_glue_feed_connected(struct prt_device *d, bool connected);
void printdev_glue_feed_clients(unsigned n);

/* In an AgentX subagent: true once the master refused a registration
 * (another subagent already serves these objects).  printdevd then exits
 * after snmp_shutdown(), so nothing is unregistered at the master. */
bool printdev_glue_registration_refused(void);

/* The state directory in use (printdevStateDir, default
 * <persistent dir>/printdev). */
const char *printdev_glue_state_dir(void);

#endif
