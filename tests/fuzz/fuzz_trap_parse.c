/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_trap_parse.c: libFuzzer target over the snmptrapd handler-input
 * parser and the translator behind it (the per-trap path of
 * printdev-traphandle), with a small fixed rule set so that matching and
 * templates run too.  Seed corpus: tests/fuzz/corpus/trap_parse/ (copies
 * of the captured fixtures).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "trap_translate.h"

static struct trap_rules *rules;

static const char rules_text[] = "device 127.0.0.0/8 lab\n"
                                 "rule r1\n trap printerV2Alert\n"
                                 " varbind 1.3.6.1.2.1.43.18.1.1.7.* ~ \"*1*\"\n"
                                 " message $text|$1|${12}|${1.3.6.1.2.1.43.18.1.1.8.}|$device\n"
                                 " device d-$2\n continue\nend\n"
                                 "rule r2\n enterprise 1.3.6.1.4.1.*\n source 127.0.0.1 ::1\n"
                                 " exec /bin/true $text $source ${1.3.6.1.}\nend\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct trap_msg m;
    struct trap_event ev;
    char buf[256];
    int rc;

    if (rules == NULL) {
        char err[256];
        if (trap_rules_parse(rules_text, sizeof rules_text - 1, "fuzz", &rules, err, sizeof err))
            __builtin_trap();
    }
    rc = trap_parse((const char *)data, size, NULL, &m);
    if (rc == 0)
        trap_translate(&m, rules, &ev);
    else
        trap_event_unparsed(&m, rules, &ev);
    /* the event is always a terminated, bounded string set */
    if (strlen(ev.text) >= sizeof ev.text || strlen(ev.device) >= sizeof ev.device)
        __builtin_trap();
    if (ev.action) {
        int i;
        for (i = 0; i < ev.action->argc; i++)
            trap_template_expand(ev.action->argv[i], &m, &ev, buf, sizeof buf);
    }
    for (size_t i = 0; i < m.n_vbs; i++)
        trap_varbind_text(&m.vbs[i], buf, sizeof buf);
    trap_msg_free(&m);
    return 0;
}
