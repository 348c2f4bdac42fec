/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_conf.h: printdev-ipp's configuration file (/etc/printdev/ipp.conf,
 * tokens documented in printdev-ipp(8)).  Pure C; errors as file:line.
 */
#ifndef IPP_CONF_H
#define IPP_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPP_CONF_MAX_PRINTERS 256

struct ipp_conf_printer {
    char device[64];         /* agent device name */
    char queue[128];         /* CUPS queue name, or "" for a URI printer */
    char uri[1024];          /* URI printer: ipp://... or ipps://... */
    char user[64];           /* optional credentials */
    char password_file[256]; /* first line is the password */
    int32_t index;           /* hrDeviceIndex for --profile, 0 = next free */
    unsigned line;
};

struct ipp_conf {
    char feed_socket[108];
    unsigned poll_interval; /* seconds */
    bool subscriptions;
    bool cups;             /* mirror the local cupsd's queues */
    bool cups_all;         /* ... every queue (no printdevIppQueue line) */
    char cups_server[256]; /* "" = libcups default */
    int32_t first_index;
    bool add_devices;    /* printdevIppAddDevices: device add on the feed (default yes) */
    bool remove_devices; /* printdevIppRemoveDevices: device remove when a queue goes (no) */
    size_t n;
    struct ipp_conf_printer p[IPP_CONF_MAX_PRINTERS];
};

void ipp_conf_defaults(struct ipp_conf *c);
/* Reads path into c (after ipp_conf_defaults).  Returns 0, or -1 with
 * "path:line: message" in err. */
int ipp_conf_load(struct ipp_conf *c, const char *path, char *err, size_t errlen);
/* Parses one line (for tests and the loader); 0 or -1 with a message. */
int ipp_conf_line(struct ipp_conf *c, const char *line, unsigned lineno, char *err, size_t errlen);
/* Adds a CUPS queue found at run time when every queue is mirrored;
 * -1 when the table is full. */
int ipp_conf_add_queue(struct ipp_conf *c, const char *queue);
const struct ipp_conf_printer *ipp_conf_find_queue(const struct ipp_conf *c, const char *queue);

#endif
