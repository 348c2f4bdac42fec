/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdevctl.c: command-line client of the printdev feed socket, for
 * people and scripts (doc/printdevctl.1).
 *
 *   printdevctl [-s SOCKET] [-d DEVICE] [--json] COMMAND [ARG...]
 *   printdevctl -d prod-1 set input 1 level 0
 *   printdevctl -d prod-1 --json get alerts
 *   printdevctl -d prod-1 batch < tick.txt      (one atomic begin/commit)
 *   printdevctl -d prod-1 pipe < lines.txt      (line by line)
 *   printdevctl watch                           (alert events until ^C)
 *   printdevctl -C press-4 -d prod-1 pipe < fifo (a controller's session)
 *
 * Each call says `hello tool` first, so the agent never reports it with
 * printdevFeedConnected/Disconnected; -C NAME says `hello controller NAME`
 * instead, for a script that is a print controller.
 *
 * Exit status: 0 ok, 1 the agent answered "error", 2 usage, 3 cannot
 * connect / connection lost / timeout.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "feed_proto.h"
#include "prt_state.h"
#include "prt_text.h"

#define EXIT_ERR_REPLY 1
#define EXIT_USAGE 2
#define EXIT_CONNECT 3

static int fd = -1;
static int timeout_ms = 10000;
static bool json;
static bool quiet;

static char rbuf[1 << 16];
static size_t rlen;

static void usage(FILE *f)
{
    fprintf(f, "usage: printdevctl [-s SOCKET] [-d DEVICE] [-C NAME] [-j|--json] [-q] [-t SECONDS] "
               "COMMAND [ARG...]\n"
               "       printdevctl [...] batch|pipe < FILE\n"
               "       printdevctl [...] watch\n"
               "commands: set, jam, clear, status, service, maintenance, intervention, count,\n"
               "          display, raise, get, help (the feed protocol; see printdev-feed(7))\n"
               "socket: -s, else $PRINTDEV_FEED_SOCKET, else /run/printdev/feed.sock if present,\n"
               "        else /var/lib/snmp/printdev/feed.sock\n"
               "-C NAME: a print controller's session (reported with printdevFeedConnected)\n"
               "exit: 0 ok, 1 error reply, 2 usage, 3 cannot connect\n");
}

static int connect_to(const char *path)
{
    struct sockaddr_un sa;
    int s;

    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(sa.sun_path)) {
        fprintf(stderr, "printdevctl: socket path too long: %s\n", path);
        return -1;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0 || connect(s, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        fprintf(stderr, "printdevctl: cannot connect to %s: %s\n", path, strerror(errno));
        if (s >= 0)
            close(s);
        return -1;
    }
    return s;
}

static int send_all(const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = send(fd, p, len, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "printdevctl: send: %s\n", strerror(errno));
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static int send_line(const char *line)
{
    if (send_all(line, strlen(line)) < 0 || send_all("\n", 1) < 0)
        return -1;
    return 0;
}

/* Next line from the agent into line (NUL-terminated, no newline).
 * Returns 1, 0 at end of connection, -1 on error/timeout.  tmo < 0 waits
 * forever. */
static int read_line(char *line, size_t cap, int tmo)
{
    for (;;) {
        char *nl = memchr(rbuf, '\n', rlen);
        if (nl != NULL) {
            size_t n = (size_t)(nl - rbuf);
            size_t take = n < cap - 1 ? n : cap - 1;
            memcpy(line, rbuf, take);
            line[take] = '\0';
            memmove(rbuf, nl + 1, rlen - n - 1);
            rlen -= n + 1;
            return 1;
        }
        if (rlen == sizeof(rbuf)) {
            fprintf(stderr, "printdevctl: reply line too long\n");
            return -1;
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        int pr = poll(&pfd, 1, tmo);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0) {
            fprintf(stderr, "printdevctl: no reply within %d s\n", tmo / 1000);
            return -1;
        }
        ssize_t r = recv(fd, rbuf + rlen, sizeof(rbuf) - rlen, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fprintf(stderr, "printdevctl: receive: %s\n", strerror(errno));
            return -1;
        }
        if (r == 0)
            return 0;
        rlen += (size_t)r;
    }
}

/* ---- text output ---- */

/* s and a newline on f, with everything prt_text_safe_len() does not pass
 * (C0 and C1 controls, DEL, bytes outside well-formed UTF-8) written as
 * \xHH (\t \r by name), so no reply from the agent can drive a terminal. */
static void put_line(FILE *f, const char *s)
{
    size_t len = strlen(s), i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t step = prt_text_safe_len(s + i, len - i);

        if (step > 0) {
            fwrite(s + i, 1, step, f);
            i += step;
            continue;
        }
        if (c == '\t' || c == '\r')
            fprintf(f, "\\%c", c == '\t' ? 't' : 'r');
        else
            fprintf(f, "\\x%02x", c);
        i++;
    }
    fputc('\n', f);
}

/* ---- JSON output of "record key=value ..." lines ---- */

static void json_string(const char *s, size_t len)
{
    putchar('"');
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t step = prt_text_safe_len(s + i, len - i);

        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (step > 0)
            fwrite(s + i, 1, step, stdout);
        else if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0x9f) {
            printf("\\u%04x", (unsigned char)s[i + 1]); /* C1 control */
            step = 2;
        } else {
            printf("\\u%04x", c); /* C0, DEL, a byte outside UTF-8 (as Latin-1) */
        }
        i += step > 0 ? step : 1;
    }
    putchar('"');
}

static bool is_number(const char *s, size_t len)
{
    size_t i = 0;

    if (len > 0 && s[0] == '-')
        i = 1;
    if (i == len || len > 21)
        return false;
    if (s[i] == '0' && len > i + 1)
        return false;
    for (; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* One data line as a JSON object; returns false if it does not parse. */
static bool json_record(const char *line)
{
    const char *p = line, *sp = strchr(line, ' ');
    bool first = true;

    fputs("{\"record\":", stdout);
    json_string(line, sp ? (size_t)(sp - line) : strlen(line));
    p = sp;
    while (p != NULL && *p == ' ') {
        const char *k = p + 1, *eq = strchr(k, '=');
        if (eq == NULL)
            return false;
        fputs(",", stdout);
        json_string(k, (size_t)(eq - k));
        putchar(':');
        p = eq + 1;
        if (*p == '"') {
            char val[1024];
            size_t vl;
            if (prt_state_unquote(&p, val, sizeof(val), &vl) < 0)
                return false;
            json_string(val, vl);
        } else {
            const char *e = strchr(p, ' ');
            size_t vl = e ? (size_t)(e - p) : strlen(p);
            if (vl == 3 && strncmp(p, "yes", 3) == 0)
                fputs("true", stdout);
            else if (vl == 2 && strncmp(p, "no", 2) == 0)
                fputs("false", stdout);
            else if (is_number(p, vl))
                fwrite(p, 1, vl, stdout);
            else
                json_string(p, vl);
            p += vl;
        }
        first = false;
    }
    (void)first;
    fputs("}", stdout);
    return true;
}

/* Reads one reply.  Data lines are printed (or collected as JSON); events
 * are printed.  Returns 0 for ok, EXIT_ERR_REPLY, or EXIT_CONNECT. */
static int read_reply(bool print_ok)
{
    char line[FEED_LINE_MAX * 4];
    int n_json = 0;
    int rc;

    for (;;) {
        rc = read_line(line, sizeof(line), timeout_ms);
        if (rc <= 0) {
            if (rc == 0)
                fprintf(stderr, "printdevctl: the agent closed the connection\n");
            if (json && n_json > 0)
                puts("]");
            return EXIT_CONNECT;
        }
        if (strncmp(line, "ok", 2) == 0 && (line[2] == '\0' || line[2] == ' ')) {
            if (json) {
                if (n_json > 0)
                    puts("]");
            } else if (print_ok && !quiet && line[2] == ' ') {
                put_line(stdout, line + 3);
            }
            return 0;
        }
        if (strncmp(line, "error ", 6) == 0 || strcmp(line, "error") == 0) {
            if (json && n_json > 0)
                puts("]");
            fputs("printdevctl: ", stderr);
            put_line(stderr, line);
            return EXIT_ERR_REPLY;
        }
        if (strncmp(line, "event ", 6) == 0)
            continue; /* not asked for */
        if (json) {
            fputs(n_json == 0 ? "[" : ",\n", stdout);
            if (!json_record(line)) {
                fputs("null", stdout);
                fputs("printdevctl: cannot convert: ", stderr);
                put_line(stderr, line);
            }
            n_json++;
        } else if (strncmp(line, "help ", 5) == 0) {
            put_line(stdout, line + 5);
        } else {
            put_line(stdout, line);
        }
    }
}

/* Joins argv into one protocol line; words that are not plain are quoted,
 * and so is the text of display and raise. */
static int build_line(int argc, char **argv, char *out, size_t cap)
{
    size_t n = 0;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool plain = a[0] != '\0';
        bool text = (i == 2 && strcmp(argv[0], "display") == 0 && strcmp(a, "auto") != 0) ||
                    (i > 0 && strcmp(argv[0], "raise") == 0 && strcmp(argv[i - 1], "text") == 0);

        for (const char *p = a; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || strchr("_.:+-/@,", *p) != NULL))
                plain = false;
        if (n > 0) {
            if (n + 1 >= cap)
                return -1;
            out[n++] = ' ';
        }
        if (plain && !text) {
            size_t l = strlen(a);
            if (n + l >= cap)
                return -1;
            memcpy(out + n, a, l);
            n += l;
        } else {
            size_t l = prt_state_quote(out + n, cap - n, a, strlen(a));
            if (n + l >= cap)
                return -1;
            n += l;
        }
    }
    out[n] = '\0';
    return 0;
}

/* Says what this session is (hello: a tool, so the agent sends no
 * printdevFeedConnected for it, or the controller named with -C), then
 * selects the device; both lines go out before either reply is read. */
static int start_session(const char *controller, const char *device)
{
    char line[512];
    int rc;

    if (controller != NULL) {
        if (build_line(1, (char *[]){(char *)controller}, line + 17, sizeof(line) - 17) < 0)
            return EXIT_USAGE;
        memcpy(line, "hello controller ", 17);
    } else {
        snprintf(line, sizeof(line), "hello tool");
    }
    if (send_line(line) < 0)
        return EXIT_CONNECT;
    if (device != NULL) {
        if (build_line(1, (char *[]){(char *)device}, line + 7, sizeof(line) - 7) < 0)
            return EXIT_USAGE;
        memcpy(line, "device ", 7);
        if (send_line(line) < 0)
            return EXIT_CONNECT;
    }
    rc = read_reply(false);
    if (rc == 0 && device != NULL)
        rc = read_reply(false);
    return rc;
}

/* One line of a pipelined reply stream.  Returns 1 for a final line (and
 * the worst status so far in *worst), 0 for data/event lines. */
static int pipe_reply_line(const char *line, int *worst)
{
    if (strncmp(line, "ok", 2) == 0 && (line[2] == '\0' || line[2] == ' ')) {
        if (!quiet && line[2] == ' ')
            put_line(stdout, line + 3);
        return 1;
    }
    if (strncmp(line, "error ", 6) == 0 || strcmp(line, "error") == 0) {
        fputs("printdevctl: ", stderr);
        put_line(stderr, line);
        if (*worst < EXIT_ERR_REPLY)
            *worst = EXIT_ERR_REPLY;
        return 1;
    }
    if (strncmp(line, "event ", 6) == 0)
        return 0;
    put_line(stdout, strncmp(line, "help ", 5) == 0 ? line + 5 : line);
    return 0;
}

/* pipe: every stdin line on its own, pipelined (up to PIPE_WINDOW lines in
 * flight), replies printed in order. */
#define PIPE_WINDOW 256
static int pipe_stdin(void)
{
    struct feed_out sb = {0};
    size_t soff = 0;
    unsigned outstanding = 0;
    bool eof = false;
    int worst = 0;
    char line[FEED_LINE_MAX + 2];

    while (!eof || outstanding > 0 || soff < sb.len) {
        while (!eof && outstanding < PIPE_WINDOW && sb.len - soff < 65536) {
            if (fgets(line, sizeof(line), stdin) == NULL) {
                eof = true;
                break;
            }
            size_t l = strlen(line);
            if (l > 0 && line[l - 1] == '\n')
                line[--l] = '\0';
            else if (!feof(stdin)) {
                fprintf(stderr, "printdevctl: input line longer than %d octets\n", FEED_LINE_MAX);
                feed_out_free(&sb);
                return EXIT_USAGE;
            }
            feed_out_printf(&sb, "%s\n", line);
            outstanding++;
        }
        if (sb.oom) {
            fprintf(stderr, "printdevctl: out of memory\n");
            return EXIT_CONNECT;
        }
        struct pollfd pfd = {fd, (short)(POLLIN | (soff < sb.len ? POLLOUT : 0)), 0};
        int pr = poll(&pfd, 1, timeout_ms);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0) {
            fprintf(stderr, "printdevctl: no reply within %d s\n", timeout_ms / 1000);
            feed_out_free(&sb);
            return EXIT_CONNECT;
        }
        if ((pfd.revents & POLLOUT) && soff < sb.len) {
            ssize_t w = send(fd, sb.buf + soff, sb.len - soff, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w < 0 && errno != EAGAIN && errno != EINTR) {
                fprintf(stderr, "printdevctl: send: %s\n", strerror(errno));
                feed_out_free(&sb);
                return EXIT_CONNECT;
            }
            if (w > 0)
                soff += (size_t)w;
            if (soff == sb.len) {
                feed_out_reset(&sb);
                soff = 0;
            }
        }
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t r = recv(fd, rbuf + rlen, sizeof(rbuf) - rlen, MSG_DONTWAIT);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                fprintf(stderr, "printdevctl: the agent closed the connection\n");
                feed_out_free(&sb);
                return EXIT_CONNECT;
            }
            if (r > 0)
                rlen += (size_t)r;
            char *start = rbuf, *nl;
            while ((nl = memchr(start, '\n', rlen - (size_t)(start - rbuf))) != NULL) {
                *nl = '\0';
                if (pipe_reply_line(start, &worst) && outstanding > 0)
                    outstanding--;
                start = nl + 1;
            }
            rlen -= (size_t)(start - rbuf);
            memmove(rbuf, start, rlen);
            if (rlen == sizeof(rbuf)) {
                fprintf(stderr, "printdevctl: reply line too long\n");
                feed_out_free(&sb);
                return EXIT_CONNECT;
            }
        }
    }
    feed_out_free(&sb);
    return worst;
}

/* batch: begin, every stdin line, commit. */
static int batch_stdin(void)
{
    char line[FEED_LINE_MAX + 2];
    int rc;

    if (send_line("begin") < 0)
        return EXIT_CONNECT;
    if ((rc = read_reply(false)) != 0)
        return rc;
    while (fgets(line, sizeof(line), stdin) != NULL) {
        size_t l = strlen(line);
        if (l > 0 && line[l - 1] == '\n')
            line[--l] = '\0';
        else if (!feof(stdin)) {
            fprintf(stderr, "printdevctl: input line longer than %d octets\n", FEED_LINE_MAX);
            send_line("abort");
            read_reply(false);
            return EXIT_USAGE;
        }
        if (send_line(line) < 0)
            return EXIT_CONNECT;
        rc = read_reply(false);
        if (rc == EXIT_CONNECT)
            return rc;
    }
    if (send_line("commit") < 0)
        return EXIT_CONNECT;
    return read_reply(true);
}

static int watch(void)
{
    char line[FEED_LINE_MAX * 4];
    int rc;

    if (send_line("watch on") < 0)
        return EXIT_CONNECT;
    if ((rc = read_reply(false)) != 0)
        return rc;
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (;;) {
        rc = read_line(line, sizeof(line), -1);
        if (rc <= 0) {
            if (rc == 0)
                fprintf(stderr, "printdevctl: the agent closed the connection\n");
            return EXIT_CONNECT;
        }
        if (strncmp(line, "event ", 6) != 0)
            continue;
        if (json) {
            if (!json_record(line + 6)) {
                fputs("printdevctl: cannot convert: ", stderr);
                put_line(stderr, line);
            }
            putchar('\n');
        } else {
            put_line(stdout, line);
        }
    }
}

int main(int argc, char **argv)
{
    const char *sock = getenv("PRINTDEV_FEED_SOCKET");
    const char *device = NULL, *controller = NULL;
    char line[FEED_LINE_MAX + 1];
    int i, rc;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *o = argv[i];
        if (strcmp(o, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(o, "-s") == 0 || strcmp(o, "--socket") == 0) {
            if (++i >= argc)
                goto bad;
            sock = argv[i];
        } else if (strcmp(o, "-d") == 0 || strcmp(o, "--device") == 0) {
            if (++i >= argc)
                goto bad;
            device = argv[i];
        } else if (strcmp(o, "-C") == 0 || strcmp(o, "--controller") == 0) {
            if (++i >= argc)
                goto bad;
            controller = argv[i];
        } else if (strcmp(o, "-t") == 0 || strcmp(o, "--timeout") == 0) {
            char *end;
            long t;
            if (++i >= argc)
                goto bad;
            t = strtol(argv[i], &end, 10);
            if (*end != '\0' || t < 1 || t > 3600)
                goto bad;
            timeout_ms = (int)t * 1000;
        } else if (strcmp(o, "-j") == 0 || strcmp(o, "--json") == 0) {
            json = true;
        } else if (strcmp(o, "-q") == 0 || strcmp(o, "--quiet") == 0) {
            quiet = true;
        } else if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            goto bad;
        }
    }
    if (i >= argc)
        goto bad;
    /* allow options after the command too (printdevctl get alerts --json) */
    for (int j = i; j < argc; j++)
        if (strcmp(argv[j], "--json") == 0 || strcmp(argv[j], "-j") == 0) {
            json = true;
            memmove(&argv[j], &argv[j + 1], (size_t)(argc - j - 1) * sizeof(*argv));
            argc--;
            j--;
        }
    if (sock == NULL)
        sock = access("/run/printdev/feed.sock", F_OK) == 0 ? "/run/printdev/feed.sock"
                                                            : "/var/lib/snmp/printdev/feed.sock";
    if (strcmp(argv[i], "batch") != 0 && strcmp(argv[i], "pipe") != 0 &&
        strcmp(argv[i], "watch") != 0 && build_line(argc - i, argv + i, line, sizeof(line)) < 0) {
        fprintf(stderr, "printdevctl: command longer than %d octets\n", FEED_LINE_MAX);
        return EXIT_USAGE;
    }
    if ((strcmp(argv[i], "batch") == 0 || strcmp(argv[i], "pipe") == 0 ||
         strcmp(argv[i], "watch") == 0) &&
        argc - i != 1)
        goto bad;
    signal(SIGPIPE, SIG_IGN);
    fd = connect_to(sock);
    if (fd < 0)
        return EXIT_CONNECT;
    rc = start_session(controller, device);
    if (rc != 0)
        return rc;
    if (strcmp(argv[i], "batch") == 0)
        rc = batch_stdin();
    else if (strcmp(argv[i], "pipe") == 0)
        rc = pipe_stdin();
    else if (strcmp(argv[i], "watch") == 0)
        rc = watch();
    else if (send_line(line) < 0)
        rc = EXIT_CONNECT;
    else
        rc = read_reply(true);
    if (rc != EXIT_CONNECT) {
        char bye[64];
        if (send_line("quit") == 0)
            read_line(bye, sizeof(bye), 1000);
    }
    close(fd);
    return rc;
bad:
    usage(stderr);
    return EXIT_USAGE;
}
