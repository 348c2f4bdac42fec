/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state.c: durable device state, one text file per device: the files
 * themselves (atomic save, load with its ownership checks, comparison,
 * rejected files kept aside).  The format is prt_state_format.c, what is
 * stored prt_state_fields.c, the reader prt_state_read.c.
 *
 * What is kept (see prt_state.h for the format):
 *  - every column prt_column_writable() reports writable (the SETs a manager
 *    made), restored through prt_set_check()/prt_set_apply() so a restore
 *    follows exactly the path of the original SET;
 *  - the live state the controller reports: levels (prtInputCurrentLevel,
 *    prtOutputRemainingCapacity, prtMarkerSuppliesLevel), sensor conditions
 *    (cover status, tray/bin/cartridge missing, output offline/full, media
 *    path jams and their location, the device-wide conditions), console
 *    text set by the feed;
 *  - counters a manager relies on across restarts: prtMarkerLifeCount and
 *    PowerOnCount, prtGeneralConfigChanges, prtAlertCriticalEvents /
 *    AllEvents, hrDeviceErrors, the billing counters;
 *  - the active alert table with every field, next prtAlertIndex and the
 *    insertion sequence, so a restart neither re-numbers rows nor re-sends
 *    traps for alerts that were already active (RFC 3805 §2.2.13.3: indexes
 *    only restart at 1 after a printer reset).
 * Derived values (sub-unit status, HR status, lights) are not stored: the
 * caller runs prt_rules_apply() after loading.
 *
 * Pure C + POSIX: no Net-SNMP headers.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prt_state.h"
#include "prt_state_internal.h"

/* Device names become file names: keep them to a safe alphabet. */
static int name_ok(const char *name)
{
    if (name[0] == '\0' || name[0] == '.' || name[0] == '-')
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Replaces dir/name with buf durably: written to dir/name.tmp (0600, never
 * through a symbolic link), fsync'd, renamed over dir/name and the rename
 * made durable with an fsync of dir.  PRT_OK, or -PRT_EIO with errno set
 * (the temporary file is removed), -PRT_EINVAL for a path too long. */
int prt_file_replace(const char *dir, const char *name, const char *buf, size_t len)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    int fd, dfd, rc, saved;

    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path) ||
        (size_t)snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, name) >= sizeof(tmp))
        return -PRT_EINVAL;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return -PRT_EIO;
    if (fchmod(fd, 0600) < 0 || write_all(fd, buf, len) < 0 || fsync(fd) < 0) {
        saved = errno;
        close(fd);
        unlink(tmp);
        errno = saved;
        return -PRT_EIO;
    }
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        saved = errno;
        unlink(tmp);
        errno = saved;
        return -PRT_EIO;
    }
    /* Make the rename itself durable. */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -PRT_EIO;
    rc = fsync(dfd);
    saved = errno;
    close(dfd);
    errno = saved;
    return rc < 0 ? -PRT_EIO : PRT_OK;
}

int prt_state_save(const struct prt_device *d, const char *dir)
{
    char name[PATH_MAX];
    char *buf = NULL;
    size_t len = 0;
    int rc, saved;

    if (!name_ok(d->name))
        return -PRT_EINVAL;
    if ((size_t)snprintf(name, sizeof(name), "%s.state", d->name) >= sizeof(name))
        return -PRT_EINVAL;
    rc = prt_state_format(d, &buf, &len);
    if (rc < 0)
        return rc;
    rc = prt_file_replace(dir, name, buf, len);
    saved = errno;
    free(buf);
    errno = saved;
    return rc;
}


int prt_state_matches(const struct prt_device *d, const char *dir)
{
    char path[PATH_MAX];
    char *want = NULL, *have;
    size_t wlen = 0, got = 0;
    struct stat st;
    int fd, same = 0;

    if (!name_ok(d->name) ||
        (size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, d->name) >= sizeof(path) ||
        prt_state_format(d, &want, &wlen) != PRT_OK)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == wlen &&
        (have = malloc(wlen + 1)) != NULL) {
        while (got < wlen) {
            ssize_t r = read(fd, have + got, wlen - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        same = got == wlen && memcmp(have, want, wlen) == 0;
        free(have);
    }
    if (fd >= 0)
        close(fd);
    free(want);
    return same;
}

/* Owners a state file may have besides root and the effective user. */
static uid_t trusted_uid = (uid_t)-1;

void prt_state_trust_uid(uid_t uid)
{
    trusted_uid = uid;
}

int prt_state_load(struct prt_device *d, const char *dir, char *msg, size_t msglen)
{
    char path[PATH_MAX];
    struct stat st;
    char *buf;
    size_t got = 0;
    int fd, rc;

    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (!name_ok(d->name) ||
        (size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, d->name) >= sizeof(path)) {
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "device name \"%s\" cannot name a state file", d->name);
        return -PRT_EINVAL;
    }
    /* never through a symbolic link (O_NOFOLLOW: ELOOP), never blocking on
     * a FIFO put in its place (O_NONBLOCK, then S_ISREG) */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        if (msg != NULL && msglen > 0) {
            if (e == ELOOP)
                snprintf(msg, msglen, "%s: is a symbolic link; refused", path);
            else
                snprintf(msg, msglen, "%s: %s", path, strerror(e));
        }
        return e == ENOENT ? -PRT_ENOENT : -PRT_EIO;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "%s: not a regular file", path);
        return -PRT_EIO;
    }
    if (st.st_uid != 0 && st.st_uid != geteuid() && st.st_uid != trusted_uid) {
        close(fd);
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "%s: owned by uid %lu, not by the agent's user or root; refused",
                     path, (unsigned long)st.st_uid);
        return -PRT_EIO;
    }
    if ((uintmax_t)st.st_size > PRT_STATE_MAX_FILE) {
        close(fd);
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "%s: file larger than %u octets", path, PRT_STATE_MAX_FILE);
        return -PRT_EINVAL;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (buf == NULL) {
        close(fd);
        return -PRT_ENOMEM;
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    rc = prt_state_load_buffer(d, path, buf, got, msg, msglen);
    free(buf);
    return rc;
}

int prt_state_keep_bad(const struct prt_device *d, const char *dir, char *kept, size_t keptlen)
{
    char path[PATH_MAX], bad[PATH_MAX], stamp[32];
    time_t now = time(NULL);
    struct tm tm;

    if (kept != NULL && keptlen > 0)
        kept[0] = '\0';
    if (!name_ok(d->name) ||
        (size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, d->name) >= sizeof(path) ||
        gmtime_r(&now, &tm) == NULL || strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm) == 0)
        return -PRT_EINVAL;
    for (int n = 1; n <= 99; n++) {
        int w = n == 1 ? snprintf(bad, sizeof(bad), "%s.bad-%s", path, stamp)
                       : snprintf(bad, sizeof(bad), "%s.bad-%s-%d", path, stamp, n);
        if (w < 0 || (size_t)w >= sizeof(bad))
            return -PRT_EINVAL;
        /* link + unlink never replaces an earlier copy (a symbolic link is
         * linked as such); where hard links to another user's file are not
         * allowed (fs.protected_hardlinks), rename unless the name is taken */
        if (link(path, bad) == 0) {
            if (unlink(path) < 0) {
                int e = errno;
                unlink(bad);
                errno = e;
                return -PRT_EIO;
            }
            if (kept != NULL && keptlen > 0)
                snprintf(kept, keptlen, "%s", bad);
            return PRT_OK;
        }
        if (errno == EPERM) {
            struct stat st;
            if (lstat(bad, &st) == 0)
                continue;
            if (rename(path, bad) == 0) {
                if (kept != NULL && keptlen > 0)
                    snprintf(kept, keptlen, "%s", bad);
                return PRT_OK;
            }
        }
        if (errno == ENOENT)
            return -PRT_ENOENT;
        if (errno != EEXIST)
            return -PRT_EIO;
    }
    errno = EEXIST;
    return -PRT_EIO;
}
