/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_output.c: unit tests of the trap handler's outputs
 * (trap_output.c): escaping of control characters in text lines, the JSON
 * line (re-parsed with jansson: valid, one line, every field), JSON Lines
 * appends from concurrent processes (no torn or interleaved lines, mode
 * 0640), syslog datagrams received on a real Unix socket (priority,
 * facility, ident, escaping), and exec actions (no shell: shell syntax in
 * an argument stays literal; environment; stdin is /dev/null; timeout
 * kills the whole process group), and C1 controls escaped in every one.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cu_runner.h"
#include "trap_output.h"

static char tmpdir[256];

static int suite_init(void)
{
    const char *t = getenv("TMPDIR");

    umask(022);
    snprintf(tmpdir, sizeof(tmpdir), "%s/test_trap_output.XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int suite_clean(void)
{
    char cmd[600];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const struct trap_record_varbind sample_vbs[] = {
    {"1.3.6.1.2.1.1.3.0", "Timeticks", "12345", 5, "12345"},
    {"1.3.6.1.6.3.1.1.4.1.0", "OID", "1.3.6.1.2.1.43.18.2.0.1", 23, NULL},
    {"1.3.6.1.2.1.43.18.1.1.7.1.5", "INTEGER", "808", 3, NULL},
    /* control characters, quote, backslash, DEL, a C1 control (U+0085) */
    {"1.3.6.1.2.1.43.18.1.1.8.1.5", "STRING", "two\nlines\t\"q\" \\ \x7f \xc2\x85 \x01", 22, NULL},
    /* not UTF-8: goes as its display form */
    {"1.3.6.1.2.1.43.18.1.1.8.1.6", "Hex-STRING", "\xde\xad\xbe\xef\x00", 5, "DE AD BE EF 00"},
    /* not UTF-8, no display form: \xHH text */
    {"1.3.6.1.4.1.99.1", "STRING", "a\xff" "b", 3, NULL},
};

static struct trap_record sample(void)
{
    struct trap_record r = {
        .time_ms = 1795304026123LL, /* 2026-11-21T23:33:46.123Z */
        .source = "192.0.2.7",
        .device = "prod-1",
        .severity = "critical",
        .category = "printer-alert",
        .text = "critical: jam in mediaPath 1 on prod-1 - a\\nb",
        .trap_oid = "1.3.6.1.2.1.43.18.2.0.1",
        .trap_name = "printerV2Alert",
        .version = "v2c",
        .pdu = "trap2",
        .community = "pub\x1b[31m",
        .user = NULL,
        .rule = "jams",
        .vbs = sample_vbs,
        .n_vbs = sizeof(sample_vbs) / sizeof(sample_vbs[0]),
        .alert_op = "add",
        .dev_index = 1,
        .alert_index = 5,
        .removed_index = -1,
        .alert_severity = 3,
        .alert_group = 13,
        .alert_group_index = 1,
        .alert_location = 4001,
        .alert_code = 8,
        .alert_severity_name = "critical",
        .alert_group_name = "mediaPath",
        .alert_code_name = "jam",
    };
    return r;
}

static int has_raw_control(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return 1;
    }
    return 0;
}

static void test_format_line(void)
{
    struct trap_record r = sample();
    char line[2048];
    size_t n;

    r.text = "jam\nFAKE: critical injected\r\x1b[2J \\n kept";
    r.device = "dev\tice";
    n = trap_output_format_line(&r, line, sizeof(line));
    CU_ASSERT_EQUAL(n, strlen(line));
    CU_ASSERT_FALSE(has_raw_control(line, n));
    CU_ASSERT_STRING_EQUAL(line, "critical dev\\tice [printer-alert] jam\\nFAKE: critical "
                                 "injected\\r\\x1b[2J \\n kept (source 192.0.2.7, trap "
                                 "1.3.6.1.2.1.43.18.2.0.1)");
    /* truncation never splits an escape and always terminates */
    n = trap_output_format_line(&r, line, 20);
    CU_ASSERT(n < 20);
    CU_ASSERT_EQUAL(strlen(line), n);
    CU_ASSERT_STRING_EQUAL(line, "critical dev\\tice [");
    r.repeats = 4;
    n = trap_output_format_line(&r, line, sizeof(line));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, ", 4 repeats suppressed)"));
}

static void test_priorities(void)
{
    CU_ASSERT_EQUAL(trap_output_syslog_priority("critical"), LOG_CRIT);
    CU_ASSERT_EQUAL(trap_output_syslog_priority("warning"), LOG_WARNING);
    CU_ASSERT_EQUAL(trap_output_syslog_priority("notice"), LOG_NOTICE);
    CU_ASSERT_EQUAL(trap_output_syslog_priority("info"), LOG_INFO);
    CU_ASSERT_EQUAL(trap_output_syslog_priority("unknown"), LOG_INFO);
    CU_ASSERT_EQUAL(trap_output_syslog_facility("daemon"), LOG_DAEMON);
    CU_ASSERT_EQUAL(trap_output_syslog_facility("local3"), LOG_LOCAL3);
    CU_ASSERT_EQUAL(trap_output_syslog_facility("bogus"), -1);
}

static void test_json_line(void)
{
    struct trap_record r = sample();
    json_error_t jerr;
    json_t *o, *vbs, *a;
    size_t len;
    char *line = trap_output_json_line(&r, &len);

    CU_ASSERT_PTR_NOT_NULL_FATAL(line);
    CU_ASSERT_EQUAL(len, strlen(line));
    /* one line: only the final newline, no raw control character */
    CU_ASSERT_EQUAL(line[len - 1], '\n');
    CU_ASSERT_FALSE(has_raw_control(line, len - 1));
    CU_ASSERT_PTR_NULL(strstr(line, "\xc2\x85"));
    o = json_loadb(line, len, 0, &jerr);
    if (!o)
        fprintf(stderr, "json: %s: %s\n", jerr.text, line);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "time")),
                           "2026-11-21T23:33:46.123Z");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "source")), "192.0.2.7");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "device")), "prod-1");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "severity")), "critical");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "category")), "printer-alert");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "text")), r.text);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "trap_oid")), r.trap_oid);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "version")), "v2c");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "community")), "pub\x1b[31m");
    CU_ASSERT_PTR_NULL(json_object_get(o, "user"));
    vbs = json_object_get(o, "varbinds");
    CU_ASSERT_EQUAL_FATAL(json_array_size(vbs), 6);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(vbs, 2), "oid")),
                           "1.3.6.1.2.1.43.18.1.1.7.1.5");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(vbs, 2), "type")),
                           "INTEGER");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(vbs, 2), "value")),
                           "808");
    /* the text varbind round-trips exactly (JSON escaped it) */
    CU_ASSERT_EQUAL(json_string_length(json_object_get(json_array_get(vbs, 3), "value")), 22);
    CU_ASSERT_EQUAL(
        memcmp(json_string_value(json_object_get(json_array_get(vbs, 3), "value")),
               sample_vbs[3].value, 22),
        0);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(vbs, 4), "value")),
                           "DE AD BE EF 00");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(vbs, 5), "value")),
                           "a\\xffb");
    a = json_object_get(o, "alert");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(a, "op")), "add");
    CU_ASSERT_EQUAL(json_integer_value(json_object_get(a, "alert_index")), 5);
    CU_ASSERT_EQUAL(json_integer_value(json_object_get(a, "code")), 8);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(a, "code_name")), "jam");
    CU_ASSERT_PTR_NULL(json_object_get(a, "removed_index"));
    json_decref(o);
    free(line);

    /* no alert, no varbinds */
    r.alert_op = NULL;
    r.n_vbs = 0;
    line = trap_output_json_line(&r, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(line);
    o = json_loads(line, 0, &jerr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_PTR_NULL(json_object_get(o, "alert"));
    CU_ASSERT_EQUAL(json_array_size(json_object_get(o, "varbinds")), 0);
    json_decref(o);
    free(line);
}

/* Concurrent appenders: each child appends LINES big events; afterwards
 * every line parses and the count is exact. */
#define WRITERS 4
#define LINES 100

static void test_jsonl_concurrent(void)
{
    char path[512], *big, *buf;
    struct trap_record r = sample();
    struct trap_record_varbind vb = {"1.3.6.1.4.1.99.2", "STRING", NULL, 0, NULL};
    pid_t pids[WRITERS];
    struct stat st;
    FILE *f;
    size_t cap = 1 << 20, n;
    int i, lines = 0, bad = 0, status;

    snprintf(path, sizeof(path), "%s/events.jsonl", tmpdir);
    big = malloc(20000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    for (i = 0; i < WRITERS; i++) {
        pids[i] = fork();
        CU_ASSERT_FATAL(pids[i] >= 0);
        if (pids[i] == 0) {
            int j, fails = 0;
            /* lines far longer than PIPE_BUF, different per writer */
            memset(big, 'A' + i, 19999);
            big[19999] = '\0';
            vb.value = big;
            vb.value_len = 19999;
            r.vbs = &vb;
            r.n_vbs = 1;
            for (j = 0; j < LINES; j++)
                if (trap_output_jsonl(path, &r) != 0)
                    fails++;
            _exit(fails ? 1 : 0);
        }
    }
    for (i = 0; i < WRITERS; i++)
        CU_ASSERT(waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status) &&
                  WEXITSTATUS(status) == 0);
    free(big);
    CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0640);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    buf = malloc(cap);
    while (fgets(buf, (int)cap, f)) {
        json_t *o;
        const char *v;

        n = strlen(buf);
        lines++;
        o = json_loadb(buf, n, 0, NULL);
        v = o ? json_string_value(
                    json_object_get(json_array_get(json_object_get(o, "varbinds"), 0), "value"))
              : NULL;
        /* a torn/interleaved line would not parse or would mix letters */
        if (!o || buf[n - 1] != '\n' || !v || strlen(v) != 19999 ||
            strspn(v, (char[]){v[0], 0}) != 19999)
            bad++;
        json_decref(o);
    }
    fclose(f);
    free(buf);
    CU_ASSERT_EQUAL(lines, WRITERS * LINES);
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_syslog_socket(void)
{
    struct sockaddr_un sa;
    struct trap_record r = sample();
    struct timeval tv = {2, 0};
    char path[300], buf[9000], expect[64];
    ssize_t n;
    int fd;

    snprintf(path, sizeof(path), "%s/log.sock", tmpdir);
    CU_ASSERT_FATAL(strlen(path) < sizeof(sa.sun_path));
    fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    CU_ASSERT_FATAL(fd >= 0);
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    CU_ASSERT_EQUAL_FATAL(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

    r.text = "jam\ninjected line\x7f";
    CU_ASSERT_EQUAL(trap_output_syslog(path, "printdev-traphandle", LOG_LOCAL3, &r), 0);
    n = recv(fd, buf, sizeof(buf) - 1, 0);
    CU_ASSERT_FATAL(n > 0);
    buf[n] = '\0';
    /* local3 (19 << 3) | crit (2) = 154 */
    CU_ASSERT_EQUAL(strncmp(buf, "<154>", 5), 0);
    snprintf(expect, sizeof(expect), " printdev-traphandle[%ld]: ", (long)getpid());
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, expect));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "critical prod-1 [printer-alert] jam\\ninjected line\\x7f"
                                       " (source 192.0.2.7, trap 1.3.6.1.2.1.43.18.2.0.1)"));
    CU_ASSERT_FALSE(has_raw_control(buf, (size_t)n));

    r.severity = "warning";
    CU_ASSERT_EQUAL(trap_output_syslog(path, "x", LOG_DAEMON, &r), 0);
    n = recv(fd, buf, sizeof(buf) - 1, 0);
    CU_ASSERT_FATAL(n > 0);
    buf[n] = '\0';
    CU_ASSERT_EQUAL(strncmp(buf, "<28>", 4), 0); /* daemon (3 << 3) | warning (4) */
    r.severity = "info";
    CU_ASSERT_EQUAL(trap_output_syslog(path, "x", LOG_DAEMON, &r), 0);
    n = recv(fd, buf, sizeof(buf) - 1, 0);
    CU_ASSERT_FATAL(n > 0);
    CU_ASSERT_EQUAL(strncmp(buf, "<30>", 4), 0);
    CU_ASSERT_EQUAL(trap_output_syslog_text(path, "x", LOG_DAEMON, LOG_ERR, "bad\nrules"), 0);
    n = recv(fd, buf, sizeof(buf) - 1, 0);
    CU_ASSERT_FATAL(n > 0);
    buf[n] = '\0';
    CU_ASSERT_EQUAL(strncmp(buf, "<27>", 4), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "bad\\nrules"));
    close(fd);
    unlink(path);
    /* nobody listening: an error, not a crash or a hang */
    CU_ASSERT_EQUAL(trap_output_syslog(path, "x", LOG_DAEMON, &r), TRAP_OUT_EIO);
}

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f)
        return NULL;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Bytes 0x80..0x9F: C1 controls, or a lone CSI in an 8-bit charset.  The
 * only non-ASCII text the C1 test uses is U+00E9 (C3 A9), so no such byte
 * may appear in what the outputs write. */
static int has_c1_byte(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 && (unsigned char)s[i] <= 0x9f)
            return 1;
    return 0;
}

/* C1 controls (U+009B CSI, U+0085 NEL as UTF-8) and a raw 0x9B byte are
 * escaped in the text line, syslog and the action environment like C0
 * controls; the JSON line carries them as \u00XX and round-trips. */
static void test_c1_controls(void)
{
    static const char text[] = "csi \xc2\x9b"
                               "2J raw \x9b"
                               "2J nel \xc2\x85 caf\xc3\xa9";
    static const char escaped[] = "csi \\xc2\\x9b2J raw \\x9b2J nel \\xc2\\x85 caf\xc3\xa9";
    struct trap_record r = sample();
    struct sockaddr_un sa;
    struct timeval tv = {2, 0};
    char line[2048], expect[2048], path[300], buf[9000], out[600], script[1200];
    char *argv[] = {"/bin/sh", "-c", script, NULL};
    json_error_t jerr;
    json_t *o;
    const char *got;
    size_t n;
    ssize_t got_n;
    int fd;

    r.text = text;
    r.device = "dev\xc2\x9b";
    n = trap_output_format_line(&r, line, sizeof(line));
    snprintf(expect, sizeof(expect),
             "critical dev\\xc2\\x9b [printer-alert] %s (source 192.0.2.7, trap "
             "1.3.6.1.2.1.43.18.2.0.1)",
             escaped);
    CU_ASSERT_STRING_EQUAL(line, expect);
    CU_ASSERT_FALSE(has_c1_byte(line, n));

    /* syslog datagram */
    snprintf(path, sizeof(path), "%s/c1-log.sock", tmpdir);
    CU_ASSERT_FATAL(strlen(path) < sizeof(sa.sun_path));
    fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    CU_ASSERT_FATAL(fd >= 0);
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    CU_ASSERT_EQUAL_FATAL(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    CU_ASSERT_EQUAL(trap_output_syslog(path, "printdev-traphandle", LOG_LOCAL3, &r), 0);
    got_n = recv(fd, buf, sizeof(buf) - 1, 0);
    CU_ASSERT_FATAL(got_n > 0);
    buf[got_n] = '\0';
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, expect));
    CU_ASSERT_FALSE(has_c1_byte(buf, (size_t)got_n));
    CU_ASSERT_FALSE(has_raw_control(buf, (size_t)got_n));
    CU_ASSERT_EQUAL(trap_output_syslog_text(path, "x", LOG_DAEMON, LOG_ERR, text), 0);
    got_n = recv(fd, buf, sizeof(buf) - 1, 0);
    CU_ASSERT_FATAL(got_n > 0);
    buf[got_n] = '\0';
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, escaped));
    CU_ASSERT_FALSE(has_c1_byte(buf, (size_t)got_n));
    close(fd);
    unlink(path);

    /* action environment */
    snprintf(out, sizeof(out), "%s/c1-env.out", tmpdir);
    snprintf(script, sizeof(script),
             "printf '%%s|%%s' \"$PRINTDEV_TEXT\" \"$PRINTDEV_DEVICE\" > '%s'", out);
    CU_ASSERT_EQUAL(trap_output_exec("/bin/sh", argv, 5, &r, NULL), 0);
    got = slurp(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    snprintf(expect, sizeof(expect), "%s|dev\\xc2\\x9b", escaped);
    CU_ASSERT_STRING_EQUAL(got, expect);
    CU_ASSERT_FALSE(has_c1_byte(got, strlen(got)));

    /* JSON: U+009B as \u009b; a text that is not UTF-8 (the raw 0x9B) goes
     * as \xHH text, every byte >= 0x80 escaped */
    got = trap_output_json_line(&r, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_FALSE(has_c1_byte(got, n));
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "\"device\":\"dev\\u009b\""));
    o = json_loadb(got, n, 0, &jerr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "device")), "dev\xc2\x9b");
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "text")),
                           "csi \\xc2\\x9b2J raw \\x9b2J nel \\xc2\\x85 caf\\xc3\\xa9");
    json_decref(o);
    free((char *)got);
}

static void test_exec_no_shell(void)
{
    struct trap_record r = sample();
    char cwd[512], keep[600], odd[600];
    char arg[] = "x;rm -rf keep;$(touch pwned)`touch pwned2`";
    char *argv[] = {"/usr/bin/touch", arg, NULL};
    struct stat st;
    int fd;

    CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof(cwd)));
    CU_ASSERT_EQUAL_FATAL(chdir(tmpdir), 0);
    fd = open("keep", O_CREAT | O_WRONLY, 0600);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    CU_ASSERT_EQUAL(trap_output_exec("/usr/bin/touch", argv, 5, &r, NULL), 0);
    snprintf(keep, sizeof(keep), "%s/keep", tmpdir);
    snprintf(odd, sizeof(odd), "%s/%s", tmpdir, arg);
    CU_ASSERT_EQUAL(stat(keep, &st), 0);  /* not removed */
    CU_ASSERT_EQUAL(stat(odd, &st), 0);   /* the argument was one file name */
    CU_ASSERT_NOT_EQUAL(stat("pwned", &st), 0);
    CU_ASSERT_NOT_EQUAL(stat("pwned2", &st), 0);
    CU_ASSERT_EQUAL(chdir(cwd), 0);
}

static void test_exec_env_stdin(void)
{
    struct trap_record r = sample();
    char out[600], script[1200];
    char *argv[] = {"/bin/sh", "-c", script, NULL};
    const char *got;

    r.text = "jam $(touch pwned)\nnext";
    snprintf(out, sizeof(out), "%s/env.out", tmpdir);
    /* the action program here happens to be a shell script; what matters is
     * that the values arrive as data */
    snprintf(script, sizeof(script),
             "cd '%s' && { printf '%%s|%%s|%%s|%%s|%%s|%%s|' \"$PRINTDEV_SEVERITY\" "
             "\"$PRINTDEV_DEVICE\" \"$PRINTDEV_TEXT\" \"$PRINTDEV_SOURCE\" \"$PRINTDEV_TRAP_OID\" "
             "\"$PRINTDEV_ALERT_CODE\"; cat; printf '|%%s' \"${HOME:-nohome}\"; } > env.out",
             tmpdir);
    CU_ASSERT_EQUAL(trap_output_exec("/bin/sh", argv, 5, &r, NULL), 0);
    got = slurp(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    /* text with its newline escaped, stdin empty (/dev/null), minimal env */
    CU_ASSERT_STRING_EQUAL(got, "critical|prod-1|jam $(touch pwned)\\nnext|192.0.2.7|"
                                "1.3.6.1.2.1.43.18.2.0.1|8||nohome");
    CU_ASSERT_NOT_EQUAL(access("pwned", F_OK), 0);
}

static void test_exec_status_and_errors(void)
{
    struct trap_record r = sample();
    char *f[] = {"/bin/false", NULL};
    char *missing[] = {"/nonexistent/program", NULL};
    int st = 0;

    CU_ASSERT_EQUAL(trap_output_exec("/bin/false", f, 5, &r, &st), TRAP_OUT_EEXEC);
    CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 1);
    CU_ASSERT_EQUAL(trap_output_exec("/nonexistent/program", missing, 5, &r, &st),
                    TRAP_OUT_EEXEC);
    CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 127);
    CU_ASSERT_EQUAL(trap_output_exec("bin/true", NULL, 5, &r, NULL), TRAP_OUT_EINVAL);
    CU_ASSERT_EQUAL(trap_output_exec("/bin/true", NULL, 5, &r, NULL), 0);
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_exec_timeout(void)
{
    struct trap_record r = sample();
    char script[700], pidfile[600];
    char *argv[] = {"/bin/sh", "-c", script, NULL};
    char *sleeper[] = {"/bin/sleep", "30", NULL};
    double t0;
    const char *txt;
    long gpid;
    int rc;

    /* a child outliving its timeout is stopped */
    t0 = now_s();
    rc = trap_output_exec("/bin/sleep", sleeper, 1, &r, NULL);
    CU_ASSERT_EQUAL(rc, TRAP_OUT_ETIMEOUT);
    CU_ASSERT(now_s() - t0 < 3.5);

    /* the whole process group goes, background grandchild included */
    snprintf(pidfile, sizeof(pidfile), "%s/grandchild.pid", tmpdir);
    snprintf(script, sizeof(script),
             "trap '' TERM; /bin/sleep 30 & echo $! > '%s'; wait; /bin/sleep 30", pidfile);
    t0 = now_s();
    rc = trap_output_exec("/bin/sh", argv, 1, &r, NULL);
    CU_ASSERT_EQUAL(rc, TRAP_OUT_ETIMEOUT);
    CU_ASSERT(now_s() - t0 < 3.5);
    txt = slurp(pidfile);
    CU_ASSERT_PTR_NOT_NULL_FATAL(txt);
    gpid = strtol(txt, NULL, 10);
    CU_ASSERT_FATAL(gpid > 1);
    {
        /* gone, or a zombie waiting for its (new) parent to reap it */
        char stat_path[64], state = 'X';
        FILE *f;
        int i;

        for (i = 0; i < 50; i++) {
            snprintf(stat_path, sizeof(stat_path), "/proc/%ld/stat", gpid);
            f = fopen(stat_path, "r");
            state = 'X';
            if (f) {
                if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
                    state = '?';
                fclose(f);
            }
            if (state == 'X' || state == 'Z')
                break;
            usleep(20000);
        }
        CU_ASSERT(state == 'X' || state == 'Z');
    }
}

static void register_trap_output_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_output", suite_init, suite_clean);

    CU_ADD(s, test_format_line);
    CU_ADD(s, test_priorities);
    CU_ADD(s, test_json_line);
    CU_ADD(s, test_jsonl_concurrent);
    CU_ADD(s, test_syslog_socket);
    CU_ADD(s, test_exec_no_shell);
    CU_ADD(s, test_exec_env_stdin);
    CU_ADD(s, test_exec_status_and_errors);
    CU_ADD(s, test_exec_timeout);
    CU_ADD(s, test_c1_controls);
}

const cu_registrar cu_suites[] = {register_trap_output_suite, NULL};
