/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_profile.h: device profiles, the administrator's description of print
 * devices in Net-SNMP config-token style (see printdev-profile(5)).
 *
 * A profile is a sequence of lines "token arguments...".  Every token
 * starts with "printdev"; "printdevDevice <hrDeviceIndex> <name>" opens a
 * device and the following tokens describe it (one token per table row,
 * "key value" pairs for the columns).  The parser collects devices in a
 * builder; prt_profile_finish() validates each one and moves the good ones
 * into a struct prt_model, so one broken device never takes the others
 * down.  Pure C + POSIX, no Net-SNMP headers: the glue registers the tokens
 * with Net-SNMP's config reader and forwards each line here.
 */
#ifndef PRT_PROFILE_H
#define PRT_PROFILE_H

#include <stddef.h>

#include "prt_model.h"

struct prt_profile; /* a builder collecting devices */

struct prt_profile *prt_profile_new(void);
void prt_profile_free(struct prt_profile *p);

/* Every token the parser accepts, with a one-line usage text (suitable for
 * Net-SNMP's register_config_handler help).  NULL-terminated. */
extern const struct prt_profile_token {
    const char *token;
    const char *help;
} prt_profile_tokens[];

/* One config line: token + the rest of the line.  Returns 0 or -PRT_E*,
 * message in err (without file:line; the caller adds it).  An error marks
 * the current device broken.  file/line are remembered for the device's
 * report and used to resolve relative printdevProfile paths. */
int prt_profile_line(struct prt_profile *p, const char *file, int line, const char *token,
                     const char *args, char *err, size_t errlen);

/* Reads a whole profile file (comments '#', blank lines, same tokens);
 * every error is reported through report(arg, "file:line: message");
 * returns the number of errors (a file that cannot be opened is one). */
int prt_profile_load_file(struct prt_profile *p, const char *path,
                          void (*report)(void *arg, const char *msg), void *arg);

/* Validates every device and moves the good ones into m; for each broken
 * device calls report with "device NAME (index N) not registered: <first
 * error at file:line>"; returns the number of devices added.  The builder
 * is empty afterwards and may be reused. */
int prt_profile_finish(struct prt_profile *p, struct prt_model *m,
                       void (*report)(void *arg, const char *msg), void *arg);

/* The one device the builder holds, finished as prt_profile_finish does
 * (defaults, validation, factory copy) but handed to the caller (*out).
 * Returns 0, or -PRT_E* with the first error ("file:line: reason") in err;
 * the builder is empty afterwards unless it held not exactly one device. */
int prt_profile_take_one(struct prt_profile *p, struct prt_device **out, char *err, size_t errlen);

/* Optional: where errors inside files included with printdevProfile from
 * prt_profile_line() are reported one by one.  Without it, such errors are
 * summed up in the printdevProfile line's own error message. */
void prt_profile_set_report(struct prt_profile *p, void (*report)(void *arg, const char *msg),
                            void *arg);

/* Number of errors seen since prt_profile_new() (all lines and files). */
int prt_profile_errors(const struct prt_profile *p);

#endif
