/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_output.c: syslog, JSON Lines, stdout and exec outputs of the trap
 * handler (see trap_output.h for the rules they keep).
 *
 * Syslog is written by hand (one datagram in RFC 3164 framing to /dev/log,
 * exactly what syslog(3) sends) so that the socket can be chosen: tests
 * point it at their own socket and check what a syslog daemon would get.
 */
#include "config.h"

#include "trap_output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "prt_text.h"

#define DEFAULT_EXEC_TIMEOUT 10
#define SYSLOG_MAX 8192 /* bytes of one syslog datagram */

/* ---- escaping ----------------------------------------------------------- */

/* Appends s[0..len) to out with every byte prt_text_safe_len() does not
 * pass escaped as \n \r \t \xHH: C0 controls, DEL, C1 controls (U+009B as
 * \xc2\x9b) and bytes outside well-formed UTF-8.  Backslashes are kept:
 * texts from the translator are already escaped, and doubling them would
 * garble what it produced.  When ascii is set, every byte >= 0x80 is
 * written as \xHH.  Always leaves out NUL-terminated; never splits an
 * escape or a character. */
static void esc_append(char *out, size_t outsz, size_t *pos, const char *s, size_t len,
                       bool ascii)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, p = *pos;

    if (!outsz)
        return;
    while (s && i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n = 0, step = 1;
        char e[5];

        if (c == '\n' || c == '\r' || c == '\t') {
            e[n++] = '\\';
            e[n++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else if ((!ascii || c < 0x80) && (step = prt_text_safe_len(s + i, len - i)) > 0) {
            memcpy(e, s + i, step);
            n = step;
        } else {
            e[n++] = '\\';
            e[n++] = 'x';
            e[n++] = hex[c >> 4];
            e[n++] = hex[c & 15];
            step = 1;
        }
        if (p + n >= outsz)
            break;
        memcpy(out + p, e, n);
        p += n;
        i += step;
    }
    out[p] = '\0';
    *pos = p;
}

static void str_append(char *out, size_t outsz, size_t *pos, const char *s)
{
    esc_append(out, outsz, pos, s, s ? strlen(s) : 0, false);
}

/* ---- small helpers --------------------------------------------------------- */

void trap_output_iso_time(int64_t time_ms, char *out, size_t outsz)
{
    time_t t = (time_t)(time_ms / 1000);
    struct tm tm;
    char buf[32];

    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof(tm));
    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, outsz, "%s.%03dZ", buf, (int)(time_ms % 1000));
}

int trap_output_syslog_priority(const char *severity)
{
    if (severity && strcmp(severity, "critical") == 0)
        return LOG_CRIT;
    if (severity && strcmp(severity, "warning") == 0)
        return LOG_WARNING;
    if (severity && strcmp(severity, "notice") == 0)
        return LOG_NOTICE;
    return LOG_INFO;
}

int trap_output_syslog_facility(const char *name)
{
    static const struct {
        const char *name;
        int value;
    } fac[] = {
        {"auth", LOG_AUTH},     {"authpriv", LOG_AUTHPRIV}, {"cron", LOG_CRON},
        {"daemon", LOG_DAEMON}, {"ftp", LOG_FTP},           {"kern", LOG_KERN},
        {"lpr", LOG_LPR},       {"mail", LOG_MAIL},         {"news", LOG_NEWS},
        {"syslog", LOG_SYSLOG}, {"user", LOG_USER},         {"uucp", LOG_UUCP},
        {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1},     {"local2", LOG_LOCAL2},
        {"local3", LOG_LOCAL3}, {"local4", LOG_LOCAL4},     {"local5", LOG_LOCAL5},
        {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7},
    };
    size_t i;

    for (i = 0; name && i < sizeof(fac) / sizeof(fac[0]); i++)
        if (strcmp(name, fac[i].name) == 0)
            return fac[i].value;
    return -1;
}

size_t trap_output_format_line(const struct trap_record *r, char *out, size_t outsz)
{
    size_t p = 0;

    if (!outsz)
        return 0;
    out[0] = '\0';
    str_append(out, outsz, &p, r->severity ? r->severity : "unknown");
    str_append(out, outsz, &p, " ");
    str_append(out, outsz, &p, r->device && *r->device ? r->device : r->source);
    str_append(out, outsz, &p, " [");
    str_append(out, outsz, &p, r->category);
    str_append(out, outsz, &p, "] ");
    str_append(out, outsz, &p, r->text);
    str_append(out, outsz, &p, " (source ");
    str_append(out, outsz, &p, r->source && *r->source ? r->source : "unknown");
    if (r->trap_oid && *r->trap_oid) {
        str_append(out, outsz, &p, ", trap ");
        str_append(out, outsz, &p, r->trap_oid);
    }
    if (r->repeats > 0) {
        char n[48];

        snprintf(n, sizeof(n), ", %ld repeats suppressed", r->repeats);
        str_append(out, outsz, &p, n);
    }
    str_append(out, outsz, &p, ")");
    return p;
}

/* ---- JSON ------------------------------------------------------------------- */

/* A JSON string of bytes: as-is when valid UTF-8 (JSON escapes the rest),
 * else ASCII text with \xHH for the offending bytes. */
static json_t *jstr(const char *s, size_t len)
{
    json_t *j;
    char *buf;
    size_t p = 0;

    if (!s)
        return json_null();
    j = json_stringn(s, len);
    if (j)
        return j;
    if (len > 256 * 1024)
        len = 256 * 1024;
    buf = malloc(len * 4 + 1);
    if (!buf)
        return NULL;
    esc_append(buf, len * 4 + 1, &p, s, len, true);
    j = json_stringn(buf, p);
    free(buf);
    return j;
}

static json_t *jcstr(const char *s)
{
    return s ? jstr(s, strlen(s)) : json_null();
}

static int jset(json_t *o, const char *key, json_t *v)
{
    return v ? json_object_set_new(o, key, v) : -1;
}

char *trap_output_json_escape_controls(char *line, size_t *len)
{
    size_t i, n = 0, out_len;
    char *out, *o;

    for (i = 0; i < *len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c == 0x7f || (c == 0xc2 && i + 1 < *len && (unsigned char)line[i + 1] >= 0x80 &&
                          (unsigned char)line[i + 1] <= 0x9f))
            n++;
    }
    if (!n)
        return line;
    out_len = *len + n * 6;
    out = malloc(out_len + 1);
    if (!out) {
        free(line);
        return NULL;
    }
    for (i = 0, o = out; i < *len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c == 0x7f) {
            memcpy(o, "\\u007f", 6);
            o += 6;
        } else if (c == 0xc2 && i + 1 < *len && (unsigned char)line[i + 1] >= 0x80 &&
                   (unsigned char)line[i + 1] <= 0x9f) {
            o += sprintf(o, "\\u00%02x", (unsigned char)line[i + 1]);
            i++;
        } else {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    *len = (size_t)(o - out);
    free(line);
    return out;
}

static json_t *json_alert(const struct trap_record *r)
{
    json_t *a = json_object();
    int bad = 0;

    if (!a)
        return NULL;
    bad |= jset(a, "op", jcstr(r->alert_op));
    bad |= jset(a, "dev_index", json_integer(r->dev_index));
    bad |= jset(a, "alert_index", json_integer(r->alert_index));
    if (r->removed_index >= 0)
        bad |= jset(a, "removed_index", json_integer(r->removed_index));
    bad |= jset(a, "severity_level", json_integer(r->alert_severity));
    if (r->alert_severity_name)
        bad |= jset(a, "severity_name", jcstr(r->alert_severity_name));
    if (r->alert_training) {
        bad |= jset(a, "training_level", json_integer(r->alert_training));
        if (r->alert_training_name)
            bad |= jset(a, "training_name", jcstr(r->alert_training_name));
    }
    bad |= jset(a, "group", json_integer(r->alert_group));
    if (r->alert_group_name)
        bad |= jset(a, "group_name", jcstr(r->alert_group_name));
    bad |= jset(a, "group_index", json_integer(r->alert_group_index));
    bad |= jset(a, "location", json_integer(r->alert_location));
    bad |= jset(a, "code", json_integer(r->alert_code));
    if (r->alert_code_name)
        bad |= jset(a, "code_name", jcstr(r->alert_code_name));
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *json_varbinds(const struct trap_record *r)
{
    json_t *vbs = json_array();
    size_t i;
    int bad = 0;

    if (!vbs)
        return NULL;
    for (i = 0; i < r->n_vbs && !bad; i++) {
        const struct trap_record_varbind *v = &r->vbs[i];
        json_t *vb = json_object();
        json_t *val;

        if (!vb) {
            bad = 1;
            break;
        }
        /* Valid UTF-8 text goes as it is; binary as its display form. */
        val = v->value ? json_stringn(v->value, v->value_len) : NULL;
        if (!val)
            val = v->display ? jcstr(v->display) : jstr(v->value, v->value_len);
        bad |= jset(vb, "oid", jcstr(v->oid ? v->oid : ""));
        bad |= jset(vb, "type", jcstr(v->type ? v->type : ""));
        bad |= jset(vb, "value", val);
        bad |= json_array_append_new(vbs, vb);
    }
    if (bad) {
        json_decref(vbs);
        return NULL;
    }
    return vbs;
}

char *trap_output_json_varbinds(const struct trap_record *r)
{
    json_t *vbs = r ? json_varbinds(r) : NULL;
    char *s;
    size_t n;

    if (!vbs)
        return NULL;
    s = json_dumps(vbs, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(vbs);
    if (!s)
        return NULL;
    n = strlen(s);
    return trap_output_json_escape_controls(s, &n);
}

char *trap_output_json_line(const struct trap_record *r, size_t *len)
{
    json_t *o, *vbs;
    char when[40], *s;
    size_t n;
    int bad = 0;

    if (!r || !len)
        return NULL;
    o = json_object();
    vbs = json_varbinds(r);
    if (!o || !vbs) {
        json_decref(o);
        json_decref(vbs);
        return NULL;
    }
    trap_output_iso_time(r->time_ms, when, sizeof(when));
    bad |= jset(o, "time", json_string(when));
    bad |= jset(o, "source", jcstr(r->source ? r->source : ""));
    bad |= jset(o, "device", jcstr(r->device ? r->device : ""));
    bad |= jset(o, "severity", jcstr(r->severity ? r->severity : "unknown"));
    bad |= jset(o, "category", jcstr(r->category ? r->category : ""));
    bad |= jset(o, "text", jcstr(r->text ? r->text : ""));
    bad |= jset(o, "trap_oid", jcstr(r->trap_oid ? r->trap_oid : ""));
    if (r->trap_name && *r->trap_name)
        bad |= jset(o, "trap_name", jcstr(r->trap_name));
    bad |= jset(o, "version", jcstr(r->version ? r->version : ""));
    if (r->pdu)
        bad |= jset(o, "pdu", jcstr(r->pdu));
    if (r->community)
        bad |= jset(o, "community", jcstr(r->community));
    if (r->user)
        bad |= jset(o, "user", jcstr(r->user));
    if (r->rule)
        bad |= jset(o, "rule", jcstr(r->rule));
    bad |= json_object_set_new(o, "varbinds", vbs);
    if (r->alert_op)
        bad |= jset(o, "alert", json_alert(r));
    if (r->repeats > 0)
        bad |= jset(o, "repeats", json_integer(r->repeats));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return NULL;
    n = strlen(s);
    s = trap_output_json_escape_controls(s, &n);
    if (!s)
        return NULL;
    /* room for the newline: json_dumps gives exactly strlen + 1 */
    {
        char *line = realloc(s, n + 2);
        if (!line) {
            free(s);
            return NULL;
        }
        line[n] = '\n';
        line[n + 1] = '\0';
        *len = n + 1;
        return line;
    }
}

int trap_output_jsonl(const char *path, const struct trap_record *r)
{
    size_t len;
    char *line;
    ssize_t w;
    int fd, err;

    if (!path || !r)
        return TRAP_OUT_EINVAL;
    line = trap_output_json_line(r, &len);
    if (!line)
        return TRAP_OUT_ENOMEM;
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
    if (fd < 0) {
        err = errno;
        free(line);
        errno = err;
        return TRAP_OUT_EIO;
    }
    do
        w = write(fd, line, len);
    while (w < 0 && errno == EINTR);
    err = errno;
    close(fd);
    free(line);
    if (w != (ssize_t)len) {
        /* A short append leaves a partial line; nothing safe can finish it
         * without risking interleaving, so report it. */
        errno = w < 0 ? err : ENOSPC;
        return TRAP_OUT_EIO;
    }
    return TRAP_OUT_OK;
}

/* ---- syslog ------------------------------------------------------------------ */

/* Sends "<PRI>Mmm dd hh:mm:ss ident[pid]: " + body (RFC 3164 framing, what
 * syslog(3) writes to /dev/log). */
static int syslog_send(const char *sock_path, const char *ident, int facility, int priority,
                       const char *body, size_t body_len)
{
    struct sockaddr_un sa;
    char msg[SYSLOG_MAX], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    size_t p;
    int fd, n, err;
    ssize_t w;

    if (!sock_path)
        sock_path = "/dev/log";
    if (!ident)
        ident = "printdev-traphandle";
    if (strlen(sock_path) >= sizeof(sa.sun_path))
        return TRAP_OUT_EINVAL;
    if (facility < 0)
        facility = LOG_DAEMON;
    if (!localtime_r(&now, &tm))
        memset(&tm, 0, sizeof(tm));
    strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm);
    n = snprintf(msg, sizeof(msg), "<%d>%s ", (facility & LOG_FACMASK) | (priority & LOG_PRIMASK),
                 stamp);
    if (n < 0 || (size_t)n >= sizeof(msg))
        return TRAP_OUT_EINVAL;
    p = (size_t)n;
    esc_append(msg, sizeof(msg), &p, ident, strlen(ident), true);
    n = snprintf(msg + p, sizeof(msg) - p, "[%ld]: ", (long)getpid());
    if (n < 0 || (size_t)n >= sizeof(msg) - p)
        return TRAP_OUT_EINVAL;
    p += (size_t)n;
    esc_append(msg, sizeof(msg), &p, body, body_len, false);

    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return TRAP_OUT_EIO;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    strcpy(sa.sun_path, sock_path);
    do
        w = sendto(fd, msg, p, 0, (struct sockaddr *)&sa, sizeof(sa));
    while (w < 0 && errno == EINTR);
    err = errno;
    close(fd);
    if (w != (ssize_t)p) {
        errno = err;
        return TRAP_OUT_EIO;
    }
    return TRAP_OUT_OK;
}

int trap_output_syslog(const char *sock_path, const char *ident, int facility,
                       const struct trap_record *r)
{
    char line[SYSLOG_MAX];
    size_t n;

    if (!r)
        return TRAP_OUT_EINVAL;
    n = trap_output_format_line(r, line, sizeof(line));
    return syslog_send(sock_path, ident, facility, trap_output_syslog_priority(r->severity), line,
                       n);
}

int trap_output_syslog_text(const char *sock_path, const char *ident, int facility, int priority,
                            const char *text)
{
    return syslog_send(sock_path, ident, facility, priority, text ? text : "",
                       text ? strlen(text) : 0);
}

int trap_output_stdout(int fd, const struct trap_record *r)
{
    char line[8192];
    size_t n = trap_output_format_line(r, line, sizeof(line) - 1);
    size_t off = 0;

    line[n++] = '\n';
    while (off < n) {
        ssize_t w = write(fd, line + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return TRAP_OUT_EIO;
        off += (size_t)w;
    }
    return TRAP_OUT_OK;
}

/* ---- exec actions -------------------------------------------------------------- */

#define ENV_MAX 20
#define ENV_LEN 1200

struct env_buf {
    char *vec[ENV_MAX + 1];
    char vars[ENV_MAX][ENV_LEN];
    int n;
};

static void env_add(struct env_buf *e, const char *name, const char *value)
{
    size_t p;

    if (e->n >= ENV_MAX || !value)
        return;
    p = (size_t)snprintf(e->vars[e->n], ENV_LEN, "%s=", name);
    if (p >= ENV_LEN)
        return;
    str_append(e->vars[e->n], ENV_LEN, &p, value);
    e->vec[e->n] = e->vars[e->n];
    e->n++;
    e->vec[e->n] = NULL;
}

static void env_addl(struct env_buf *e, const char *name, long v)
{
    char num[32];

    snprintf(num, sizeof(num), "%ld", v);
    env_add(e, name, num);
}

static void build_env(struct env_buf *e, const struct trap_record *r)
{
    char when[40];

    e->n = 0;
    e->vec[0] = NULL;
    env_add(e, "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env_add(e, "PRINTDEV_SEVERITY", r->severity);
    env_add(e, "PRINTDEV_DEVICE", r->device);
    env_add(e, "PRINTDEV_TEXT", r->text);
    env_add(e, "PRINTDEV_SOURCE", r->source);
    env_add(e, "PRINTDEV_TRAP_OID", r->trap_oid);
    env_add(e, "PRINTDEV_TRAP_NAME", r->trap_name);
    env_add(e, "PRINTDEV_CATEGORY", r->category);
    env_add(e, "PRINTDEV_VERSION", r->version);
    trap_output_iso_time(r->time_ms, when, sizeof(when));
    env_add(e, "PRINTDEV_TIME", when);
    env_add(e, "PRINTDEV_RULE", r->rule);
    if (r->alert_op) {
        env_add(e, "PRINTDEV_ALERT_OP", r->alert_op);
        env_addl(e, "PRINTDEV_DEV_INDEX", r->dev_index);
        env_addl(e, "PRINTDEV_ALERT_INDEX", r->alert_index);
        env_addl(e, "PRINTDEV_ALERT_CODE", r->alert_code);
        env_addl(e, "PRINTDEV_ALERT_GROUP", r->alert_group);
    }
}

/* In the child: never returns. */
static void exec_child(const char *path, char *const argv[], char *const envp[])
{
    int fd, maxfd;

    setpgid(0, 0);
    /* Default signal handling for the program. */
    signal(SIGPIPE, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    fd = open("/dev/null", O_RDONLY);
    if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
        _exit(127);
    if (fd != STDIN_FILENO)
        close(fd);
    /* stdout carries the handler's own output (tests read it): send the
     * program's output to stderr, which snmptrapd logs. */
    if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        _exit(127);
    maxfd = (int)sysconf(_SC_OPEN_MAX);
    if (maxfd < 0 || maxfd > 65536)
        maxfd = 65536;
    for (fd = 3; fd < maxfd; fd++)
        close(fd);
    execve(path, argv, envp);
    _exit(127);
}

int trap_output_exec(const char *path, char *const argv[], int timeout,
                     const struct trap_record *r, int *status)
{
    struct env_buf env;
    sigset_t chld, old;
    struct timespec deadline, now, left;
    pid_t pid, w;
    int st = 0, killed = 0, rc;
    char *const default_argv[] = {(char *)path, NULL};

    if (!path || path[0] != '/' || !r)
        return TRAP_OUT_EINVAL;
    if (!argv || !argv[0])
        argv = default_argv;
    if (timeout <= 0)
        timeout = DEFAULT_EXEC_TIMEOUT;
    build_env(&env, r);

    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    pid = fork();
    if (pid < 0) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        return TRAP_OUT_EEXEC;
    }
    if (pid == 0) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        exec_child(path, argv, env.vec);
    }
    setpgid(pid, pid); /* also in the parent: no race with the kill below */

    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout;
    for (;;) {
        w = waitpid(pid, &st, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            st = 0;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        left.tv_sec = deadline.tv_sec - now.tv_sec;
        left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
        if (left.tv_nsec < 0) {
            left.tv_nsec += 1000000000L;
            left.tv_sec--;
        }
        if (left.tv_sec < 0) {
            if (killed >= 2) {
                /* KILL sent a second ago and still not reaped: wait. */
                waitpid(pid, &st, 0);
                break;
            }
            killed++;
            kill(-pid, killed == 1 ? SIGTERM : SIGKILL);
            kill(pid, killed == 1 ? SIGTERM : SIGKILL);
            clock_gettime(CLOCK_MONOTONIC, &deadline);
            deadline.tv_sec += 1;
            continue;
        }
        sigtimedwait(&chld, NULL, &left);
    }
    if (killed)
        kill(-pid, SIGKILL); /* anything left in its process group */
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (status)
        *status = st;
    if (killed)
        rc = TRAP_OUT_ETIMEOUT;
    else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        rc = TRAP_OUT_OK;
    else
        rc = TRAP_OUT_EEXEC;
    return rc;
}
