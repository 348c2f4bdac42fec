/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_trap_rules.c: libFuzzer target over the rules-file parser; a file
 * that parses is also run against one captured-style trap so that every
 * kind of match line and action is exercised.  Seed corpus:
 * tests/fuzz/corpus/trap_rules/.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "trap_translate.h"

static const char trap_text[] =
    "PRINTDEV-TRAP 1\nlocalhost\nUDP: [127.0.0.1]:40000->[127.0.0.1]:2697\n"
    "TRAP2, SNMP v2c, community public\n. 0 0 0 0.0.0.0\n"
    "iso.3.6.1.2.1.1.3.0 0:0:20:34.56\n"
    "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.2.1.43.18.2.0.1\n"
    "iso.3.6.1.2.1.43.18.1.1.1.1.5 5\niso.3.6.1.2.1.43.18.1.1.2.1.5 3\n"
    "iso.3.6.1.2.1.43.18.1.1.4.1.5 13\niso.3.6.1.2.1.43.18.1.1.5.1.5 1\n"
    "iso.3.6.1.2.1.43.18.1.1.6.1.5 4001\niso.3.6.1.2.1.43.18.1.1.7.1.5 8\n"
    "iso.3.6.1.2.1.43.18.1.1.8.1.5 \"Jam \\\"A\\\"\"\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct trap_rules *r = NULL;
    struct trap_msg m;
    struct trap_event ev;
    char err[256];

    if (trap_rules_parse((const char *)data, size, "fuzz.conf", &r, err, sizeof err) != 0) {
        if (r != NULL || strncmp(err, "fuzz.conf:", 10) != 0)
            __builtin_trap(); /* failures leave nothing and say where */
        return 0;
    }
    (void)trap_rules_device_name(r, "127.0.0.1");
    (void)trap_rules_printer_name(r, "127.0.0.1", 2);
    (void)trap_rules_syslog_facility(r);
    if (trap_parse(trap_text, sizeof trap_text - 1, NULL, &m) == 0) {
        trap_translate(&m, r, &ev);
        if (ev.action) {
            char buf[512];
            int i;
            for (i = 0; i < ev.action->argc; i++)
                trap_template_expand(ev.action->argv[i], &m, &ev, buf, sizeof buf);
        }
    }
    trap_msg_free(&m);
    trap_rules_free(r);
    return 0;
}
