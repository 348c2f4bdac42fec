/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-traphandle.c: the snmptrapd traphandle program (thin main).
 *
 *   snmptrapd.conf:  traphandle default /usr/sbin/printdev-traphandle [options]
 *
 * snmptrapd handles one trap at a time: it forks "/bin/sh -c HANDLER",
 * writes the trap to the handler's stdin and waits for it before it reads
 * the next datagram.  Whatever the handler spends is taken from every
 * trap's budget; during a burst, traps wait in the socket buffer meanwhile.
 * So this program does only what must happen before snmptrapd may go on:
 * it reads the input (at most 64 KiB; the rest is drained) and queues it
 * as one file in a spool directory (-q, else a subdirectory per option set
 * of /run/printdev-trap, else of "spool" next to the fleet database), then
 * makes sure a worker is draining the spool.  It links nothing but the C
 * library, so it starts as fast as any program can.
 *
 * The worker, printdev-trapworker (trap_worker.c), parses, translates,
 * stores and logs each queued trap, oldest first, then exits when the
 * spool stays empty.  At most one worker drains a spool: the one holding
 * an flock(2) on its ".lock" file.  This program renames its trap into the
 * spool and then tries that lock; if it gets it, it starts a worker (which
 * inherits the locked file), else the running worker will find the trap
 * (see drain_spool() for the hand-over).  One worker process per burst
 * instead of one per trap also saves loading the SQLite and JSON
 * libraries and opening the database each time.
 *
 * With -S, or when the spool cannot be used (directory not writable), the
 * worker runs in the foreground on this one trap instead, and snmptrapd
 * waits for it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef PRINTDEV_TRAP_DB
#define PRINTDEV_TRAP_DB "/var/lib/printdev/traps.db"
#endif
#ifndef PRINTDEV_TRAP_SPOOL
#define PRINTDEV_TRAP_SPOOL "/run/printdev-trap"
#endif
#ifndef PRINTDEV_TRAP_WORKER
#define PRINTDEV_TRAP_WORKER "/usr/libexec/printdev/printdev-trapworker"
#endif

#define PROG "printdev-traphandle"
#define WORKER_NAME "printdev-trapworker"
#define HANDLER_MAX_INPUT (64 * 1024)   /* as TRAP_MAX_INPUT: the worker reports more */
#define STDIN_TIMEOUT 10        /* seconds to wait for snmptrapd's input */
#define OPTSTRING ":r:j:d:ns:L:ow:A:P:t:Sq:h"
#define MAX_ARGS 64

/* The worker program: next to this one (build tree, or an installation
 * that keeps both together), else the configured libexec path. */
static const char *worker_path(char *buf, size_t bufsz)
{
    ssize_t n = readlink("/proc/self/exe", buf, bufsz - 1);
    char *slash;

    if (n > 0 && (size_t)n < bufsz - sizeof(WORKER_NAME) - 1) {
        buf[n] = '\0';
        slash = strrchr(buf, '/');
        if (slash) {
            strcpy(slash + 1, WORKER_NAME);
            if (access(buf, X_OK) == 0)
                return buf;
        }
    }
    return PRINTDEV_TRAP_WORKER;
}

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

/* Reads stdin (at most HANDLER_MAX_INPUT + 1 bytes, so that the worker can tell
 * "too big") into buf; drains the rest.  Returns the length. */
static size_t read_input(char *buf, size_t bufsz)
{
    struct sigaction sa;
    char sink[4096];
    size_t n = 0;

    /* never hang on a writer that does not close: give up after a while
     * and pass on what arrived (the worker reports it as truncated) */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART: read() returns EINTR */
    alarm(STDIN_TIMEOUT);
    while (n < bufsz && !timed_out) {
        ssize_t r = read(STDIN_FILENO, buf + n, bufsz - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    if (n == bufsz) {
        ssize_t r;
        while (!timed_out &&
               ((r = read(STDIN_FILENO, sink, sizeof(sink))) > 0 || (r < 0 && errno == EINTR)))
            ;
    }
    alarm(0);
    return n;
}

static int write_all(int fd, const char *buf, size_t n)
{
    size_t off = 0;

    while (off < n) {
        ssize_t w = write(fd, buf + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        off += (size_t)w;
    }
    return 0;
}

/* A readable descriptor holding buf[0..n): an anonymous memory file, or
 * else a pipe made big enough to hold it all.  -1 on failure. */
static int input_fd(const char *buf, size_t n)
{
    int fd = memfd_create("printdev-trap", 0), p[2];

    if (fd >= 0) {
        if (write_all(fd, buf, n) == 0 && lseek(fd, 0, SEEK_SET) == 0)
            return fd;
        close(fd);
    }
    if (pipe(p) < 0)
        return -1;
    if (n > 65536)
        fcntl(p[1], F_SETPIPE_SZ, (int)n);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    if (write_all(p[1], buf, n) < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    close(p[1]);
    return p[0];
}

/* Closes every descriptor from lowfd up: snmptrapd does not mark its
 * sockets close-on-exec, and a worker that outlives snmptrapd must not keep
 * its UDP port bound (nor be able to read from it). */
static void close_from(int lowfd)
{
    long max, fd;

#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)lowfd, ~0U, 0) == 0)
        return;
#endif
    max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (fd = lowfd; fd < max; fd++)
        close((int)fd);
}

/* FNV-1a 64 of the arguments, as 16 hex digits. */
static void args_key(int argc, char **argv, char *out, size_t outsz)
{
    unsigned long long h = 1469598103934665603ULL;
    int i;

    for (i = 1; i < argc; i++) {
        const unsigned char *p = (const unsigned char *)argv[i];
        for (;; p++) {
            h ^= *p;
            h *= 1099511628211ULL;
            if (!*p)
                break;
        }
    }
    snprintf(out, outsz, "%016llx", h);
}

/* Queues buf[0..n) in dir (created 0750 when missing) as
 * "T<ms>.<ns>-<pid>", written under a dot name and renamed, so the worker
 * never sees a partial file and reads the reception time from the name.
 * Returns 0 or -1. */
static int spool_write(const char *dir, const struct timespec *ts, const char *buf, size_t n)
{
    char tmp[PATH_MAX], final[PATH_MAX];
    int fd;

    if (mkdir(dir, 0750) < 0 && errno != EEXIST)
        return -1;
    if (snprintf(tmp, sizeof(tmp), "%s/.in-%ld", dir, (long)getpid()) >= (int)sizeof(tmp) ||
        snprintf(final, sizeof(final), "%s/T%013lld.%06ld-%010ld", dir,
                 (long long)ts->tv_sec * 1000 + ts->tv_nsec / 1000000,
                 (long)(ts->tv_nsec % 1000000), (long)getpid()) >= (int)sizeof(final))
        return -1;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640);
    if (fd < 0)
        return -1;
    if (write_all(fd, buf, n) < 0 || close(fd) < 0 || rename(tmp, final) < 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static char buf[HANDLER_MAX_INPUT + 1];
    const char *db = PRINTDEV_TRAP_DB, *spool_opt = NULL;
    char self[PATH_MAX], stamp[32], spool[PATH_MAX], lockpath[PATH_MAX + 8];
    char *wargv[MAX_ARGS + 8] = {NULL};
    const char *worker, *slash;
    struct timespec ts;
    bool sync = false, usage_only = false;
    size_t n;
    int c, in, lock, i;
    pid_t pid;

    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(stamp, sizeof(stamp), "%lld",
             (long long)ts.tv_sec * 1000 + (long long)(ts.tv_nsec / 1000000));
    signal(SIGPIPE, SIG_IGN);

    /* Only the options that decide where the work runs; the worker checks
     * all of them (an unknown one makes it print usage and exit 2). */
    opterr = 0;
    while ((c = getopt(argc, argv, OPTSTRING)) != -1) {
        if (c == 'h' || c == '?' || c == ':')
            usage_only = true;
        else if (c == 'S')
            sync = true;
        else if (c == 'd')
            db = optarg;
        else if (c == 'q')
            spool_opt = optarg;
    }

    /* worker argv: WORKER -t STAMP <our arguments> [-Q SPOOL -F FD] */
    if (argc > MAX_ARGS) {
        fprintf(stderr, PROG ": too many arguments\n");
        return 2;
    }
    worker = worker_path(self, sizeof(self));
    wargv[0] = (char *)worker;
    wargv[1] = "-t";
    wargv[2] = stamp;
    for (i = 1; i < argc; i++)
        wargv[i + 2] = argv[i];
    if (usage_only || optind < argc) {
        /* the worker prints the usage or the error, and reads nothing */
        close_from(3);
        execv(worker, wargv);
        fprintf(stderr, PROG ": %s: %s\n", worker, strerror(errno));
        return 2;
    }

    n = read_input(buf, sizeof(buf));

    /* The spool: -q DIR, else PRINTDEV_TRAP_SPOOL (a tmpfs such as /run
     * on a packaged system: creating and renaming a file there costs far
     * less than on a journaling file system), else <database dir>/spool. */
    if (!sync) {
        const char *cand[2] = {spool_opt ? spool_opt : PRINTDEV_TRAP_SPOOL, NULL};
        char dbspool[PATH_MAX], key[20];

        slash = strrchr(db, '/');
        if (!slash)
            snprintf(dbspool, sizeof(dbspool), "spool");
        else if (snprintf(dbspool, sizeof(dbspool), "%.*s/spool", (int)(slash - db), db) >=
                 (int)sizeof(dbspool))
            dbspool[0] = '\0';
        if (!spool_opt && dbspool[0])
            cand[1] = dbspool;
        /* A worker handles what it finds with its own options, so handlers
         * configured differently must not share a spool: unless -q names
         * one, each option set gets its own subdirectory. */
        args_key(argc, argv, key, sizeof(key));
        sync = true;
        for (i = 0; i < 2 && cand[i]; i++) {
            if (spool_opt)
                snprintf(spool, sizeof(spool), "%s", cand[i]);
            else if (snprintf(spool, sizeof(spool), "%s/%s", cand[i], key) >= (int)sizeof(spool) ||
                     (mkdir(cand[i], 0750) < 0 && errno != EEXIST))
                continue;
            if (spool_write(spool, &ts, buf, n) == 0) {
                sync = false;
                break;
            }
        }
    }

    if (!sync) {
        snprintf(lockpath, sizeof(lockpath), "%s/.lock", spool);
        lock = open(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW, 0640); /* inherited */
        if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) < 0)
            return 0; /* a worker is draining the spool: it takes ours too */
        wargv[argc + 2] = "-Q";
        wargv[argc + 3] = spool;
        if (lock >= 0) {
            wargv[argc + 4] = "-F";
            wargv[argc + 5] = "3"; /* the lock, moved to fd 3 in the child */
            pid = fork();
            if (pid == 0) {
                int null = open("/dev/null", O_RDONLY);

                setsid(); /* out of snmptrapd's process group and session */
                if (null >= 0 && null != STDIN_FILENO) {
                    dup2(null, STDIN_FILENO); /* let go of snmptrapd's pipe */
                    close(null);
                }
                if (lock != 3 && dup2(lock, 3) < 0)
                    _exit(127);
                close_from(4);
                execv(worker, wargv);
                fprintf(stderr, PROG ": %s: %s\n", worker, strerror(errno));
                _exit(127);
            }
            if (pid > 0)
                return 0; /* the lock goes with the worker */
            wargv[argc + 4] = NULL; /* no fork: drain in the foreground */
            flock(lock, LOCK_UN);
        }
        close_from(3);
        execv(worker, wargv);
        fprintf(stderr, PROG ": %s: %s\n", worker, strerror(errno));
        return 0;
    }

    /* foreground, on this trap only: hand the input over as stdin */
    in = input_fd(buf, n);
    if (in < 0 || dup2(in, STDIN_FILENO) < 0) {
        fprintf(stderr, PROG ": trap input lost: %s\n", strerror(errno));
        return 0;
    }
    if (in != STDIN_FILENO)
        close(in);
    close_from(3);
    execv(worker, wargv);
    fprintf(stderr, PROG ": %s: %s\n", worker, strerror(errno));
    return 0;
}
