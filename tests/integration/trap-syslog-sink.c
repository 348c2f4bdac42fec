/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap-syslog-sink.c: a stand-in for a syslog daemon in the trap
 * integration tests.  It binds a Unix datagram socket (what /dev/log is)
 * and appends every datagram it receives to a file, one per line, exactly
 * as received except that a newline inside a datagram is written as the
 * two characters \n (so a message with a raw newline shows up and fails the
 * test instead of silently looking like two messages).
 *
 *   trap-syslog-sink SOCKET OUTFILE     (runs until SIGTERM)
 *
 * It creates SOCKET and, when it is ready, OUTFILE (empty), so a test can
 * wait for OUTFILE to exist.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv)
{
    struct sockaddr_un sa;
    struct sigaction act;
    char buf[65536], line[2 * 65536 + 2];
    int fd, out;

    if (argc != 3 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
        fprintf(stderr, "usage: trap-syslog-sink SOCKET OUTFILE\n");
        return 2;
    }
    memset(&act, 0, sizeof(act));
    act.sa_handler = on_term;
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, argv[1], strlen(argv[1]) + 1);
    unlink(argv[1]);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        perror(argv[1]);
        return 1;
    }
    out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    if (out < 0) {
        perror(argv[2]);
        return 1;
    }
    while (!stop) {
        ssize_t n = recv(fd, buf, sizeof(buf), 0), i;
        size_t p = 0;

        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("recv");
            return 1;
        }
        for (i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                line[p++] = '\\';
                line[p++] = 'n';
            } else {
                line[p++] = buf[i];
            }
        }
        line[p++] = '\n';
        if (write(out, line, p) != (ssize_t)p) {
            perror("write");
            return 1;
        }
    }
    unlink(argv[1]);
    return 0;
}
