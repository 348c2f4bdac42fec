/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state.h: durable device state (SET persistence and live state).
 *
 * One text file per device, <dir>/<name>.state, written atomically
 * (<name>.state.tmp, fsync, rename, fsync of the directory; mode 0600) so a
 * crash leaves either the previous good file or the new one.  The format is
 * line-oriented, versioned and readable:
 *
 *     printdev-state 1
 *     device 1 "prod-1"
 *     input.current_level 1 450
 *     input.missing 1 no
 *     general.current_operator 0 "mailto:ops@example.org"
 *     alert 7 3 3 8 100 -2 808 123456 34359738376 12 "Out of paper"
 *     end 42 9f3a61c2
 *
 * Every line but the last is `key index value...`; strings are quoted with
 * C-style escapes (\\ \" \n \t \r \xHH).  The trailer gives the number of
 * lines before it and the CRC-32 of those bytes, so a torn, truncated or
 * edited file is detected and rejected.  Loading is all-or-nothing: a file
 * that does not verify or parse changes nothing.  Entries naming rows the
 * profile no longer has, or values the current profile rejects, are skipped
 * and reported; everything else is restored.
 *
 * Pure C + POSIX: no Net-SNMP headers.
 */
#ifndef PRT_STATE_H
#define PRT_STATE_H

#include <stddef.h>
#include <sys/types.h>

#include "prt_model.h"

#define PRT_STATE_VERSION 1
#define PRT_STATE_MAX_FILE (4u * 1024u * 1024u) /* larger files are rejected */

/* Writes <dir>/<name>.state atomically (mode 0600).  Returns 0,
 * -PRT_EINVAL (device name unusable as a file name, path too long),
 * -PRT_ENOMEM or -PRT_EIO (errno tells why).  The caller records
 * d->saved_generation = d->generation on success. */
int prt_state_save(const struct prt_device *d, const char *dir);
/* Replaces dir/name with buf[len] atomically and durably (name.tmp, 0600,
 * fsync, rename, fsync of dir): the one way state files and the device
 * registry reach the disk.  PRT_OK, -PRT_EIO (errno set) or -PRT_EINVAL. */
int prt_file_replace(const char *dir, const char *name, const char *buf, size_t len);

/* Restores what <dir>/<name>.state holds into d.  Returns 0 when restored
 * (msg is "" or lists the entries skipped because the profile no longer
 * has them, each as "file:line: reason"), -PRT_ENOENT when there is no
 * state file, or another -PRT_E* with "file:line: reason" in msg, in which
 * case d is unchanged.  The caller runs prt_rules_apply() afterwards. */
int prt_state_load(struct prt_device *d, const char *dir, char *msg, size_t msglen);

/* 1 when <dir>/<name>.state holds exactly what prt_state_save() would write
 * for d now (a reload that only re-derived what the file holds need not
 * write and fsync it again), else 0. */
int prt_state_matches(const struct prt_device *d, const char *dir);

/* prt_state_load() reads a state file only when it is a regular file (not
 * a symbolic link: opened with O_NOFOLLOW) owned by root, by the effective
 * user or by uid (the user an agent started as root will run as; -1: none).
 * Anything else is refused with -PRT_EIO and a message saying why. */
void prt_state_trust_uid(uid_t uid);

/* A state file prt_state_load() rejected is renamed aside, so the next save
 * does not destroy it: <dir>/<name>.state becomes
 * <dir>/<name>.state.bad-YYYYMMDDTHHMMSS (UTC; -2, -3... when that exists).
 * Returns 0 with the new path in kept, -PRT_ENOENT (no file), or
 * -PRT_EINVAL / -PRT_EIO (errno tells why). */
int prt_state_keep_bad(const struct prt_device *d, const char *dir, char *kept, size_t keptlen);

/* Same as prt_state_load() on a file already in memory; name is used in
 * messages only.  For tests and fuzzing. */
int prt_state_load_buffer(struct prt_device *d, const char *name, const char *buf, size_t len,
                          char *msg, size_t msglen);

/* Serialises d in the state file format into a malloc'd buffer (*out,
 * *outlen; NUL-terminated).  Returns 0 or -PRT_ENOMEM. */
int prt_state_format(const struct prt_device *d, char **out, size_t *outlen);

/* Appends a quoted, escaped form of s (len octets) to buf; used by the
 * feed protocol too.  Returns the length the full result needs (like
 * snprintf); the output is always NUL-terminated when cap > 0. */
size_t prt_state_quote(char *buf, size_t cap, const char *s, size_t len);

/* Parses one quoted token at *p (after optional spaces) into out (cap
 * octets incl. NUL); *outlen gets its length.  Advances *p past it.
 * Returns 0, -PRT_EINVAL (malformed) or -PRT_ETOOLONG. */
int prt_state_unquote(const char **p, char *out, size_t cap, size_t *outlen);

/* CRC-32 (IEEE 802.3, as zlib) of len octets, continuing from crc (0 to start). */
unsigned long prt_state_crc32(unsigned long crc, const void *buf, size_t len);

#endif
