/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_registry.h: devices added at run time (feed `device add`) and the
 * hrDeviceIndex of every printer identity the agent has ever seen.
 *
 * An identity (a printer-uuid "urn:uuid:...", else a printer URI) is given
 * an hrDeviceIndex once and keeps it for ever: the registry remembers every
 * identity with its index, and the highest index ever handed out (high), so
 * an index is never given to another identity, not even after the device
 * was removed.  Each active entry also carries the device's skeleton, the
 * profile lines (printdev-profile(5) grammar, without printdevDevice) that
 * rebuild it after a restart.
 *
 * The registry is one file, <state dir>/devices.registry, written
 * atomically (tmp file, fsync, rename, fsync of the directory; mode 0600):
 *
 *     printdev-registry 1
 *     high 7
 *     device 5 "urn:uuid:..." "lab-1" active
 *     skel 5 "printdevSupply 1 class supplyThatIsConsumed ..."
 *     device 6 "ipp://old/printers/x" "old-x" removed
 *     end 6 1a2b3c4d
 *
 * (the trailer: lines before it and their CRC-32, as in state files; a
 * torn or edited file is rejected as a whole).
 *
 * Pure C + POSIX, no Net-SNMP headers.
 */
#ifndef PRT_REGISTRY_H
#define PRT_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prt_model.h"

#define PRT_REGISTRY_VERSION 1
#define PRT_REGISTRY_FILE "devices.registry"
#define PRT_SKELETON_MAX (1u << 20) /* octets of profile lines per device */

struct prt_reg_entry {
    char identity[PRT_IDENTITY_MAX + 1];
    int32_t index;
    char name[64];
    bool active;    /* a device now; false: removed, the index stays reserved */
    char *skeleton; /* profile lines separated by '\n' (may be NULL = none) */
};

struct prt_registry {
    struct prt_reg_entry *e;
    size_t n;
    int32_t high;  /* highest index ever given to an identity (persisted) */
    int32_t first; /* lowest index to give (printdevDeviceFirstIndex; not persisted) */
};

struct prt_registry *prt_registry_new(void);
void prt_registry_free(struct prt_registry *r);
struct prt_registry *prt_registry_clone(const struct prt_registry *r);

struct prt_reg_entry *prt_registry_find(const struct prt_registry *r, const char *identity);
/* The active entry holding index, or NULL. */
struct prt_reg_entry *prt_registry_find_index(const struct prt_registry *r, int32_t index);

/* Valid device name: as printdevDevice's (identities: prt_identity_ok). */
bool prt_registry_name_ok(const char *name);

/* The index of identity: its entry's, else a new one above every index
 * ever given (high) and above every profile device of m, never below
 * first.  A new entry is created (inactive, no skeleton).
 * Returns 0 or -PRT_ELIMIT (65535 reached) / -PRT_ENOMEM. */
int prt_registry_assign(struct prt_registry *r, const struct prt_model *m, const char *identity,
                        int32_t *index);

/* Serialises / parses the file format above.  Parse fills an empty r;
 * returns 0 or -PRT_EINVAL with "line N: reason" in msg. */
int prt_registry_format(const struct prt_registry *r, char **out, size_t *outlen);
int prt_registry_parse(struct prt_registry *r, const char *buf, size_t len, char *msg,
                       size_t msglen);

/* <dir>/devices.registry: save (atomic, fsync'd; 0 or -PRT_EIO with errno)
 * and load (0, -PRT_ENOENT when there is none, or another error with the
 * reason in msg; r unchanged then). */
int prt_registry_save(const struct prt_registry *r, const char *dir);
int prt_registry_load(struct prt_registry *r, const char *dir, char *msg, size_t msglen);

/* Builds the device of identity with index and name from skeleton (profile
 * lines, '\n'-separated) through the profile parser, validated as profiles
 * are.  Returns 0 with *out (owned by the caller; d->identity and
 * d->runtime set), or -PRT_E* with "line N: reason" in err. */
int prt_registry_build(int32_t index, const char *name, const char *identity,
                       const char *skeleton, struct prt_device **out, char *err, size_t errlen);

/* Checks one skeleton line (token + arguments) on its own; the tokens
 * printdevDevice, printdevProfile and printdevIdentity are refused.
 * Returns 0 or -PRT_E* with the reason in err. */
int prt_registry_check_line(const char *line, char *err, size_t errlen);

/* Removes <dir>/<name>.state of a removed device (a later device of the
 * same name must not inherit it).  0, or -PRT_EIO. */
int prt_registry_forget_state(const char *dir, const char *name);

#endif
