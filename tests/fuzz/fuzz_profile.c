/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_profile.c: libFuzzer target for the device-profile parser.
 *
 * The input is split at newlines; each non-comment line goes to
 * prt_profile_line() as "token rest" (printdevProfile lines are skipped so
 * the target never touches the file system), then prt_profile_finish()
 * moves the good devices into a model.  Checked: no crash or sanitizer
 * report; a return code of 0 or a known -PRT_E* with a non-empty message
 * free of control characters; every registered device passes
 * prt_device_validate(); no more devices than printdevDevice lines.
 *
 *   ./configure --enable-fuzzer CC=clang && make fuzz-targets
 *   tests/fuzz/fuzz_profile -max_total_time=30 tests/fuzz/corpus/profile
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prt_model.h"
#include "prt_profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct prt_profile *p;
    struct prt_model *m;
    char *buf, *line, *next, err[512], msg[512];
    int devices = 0, added, lineno = 0;
    size_t i;

    if (size > 65536)
        return 0;
    buf = malloc(size + 1);
    p = prt_profile_new();
    m = prt_model_new();
    if (buf == NULL || p == NULL || m == NULL)
        abort();
    memcpy(buf, data, size);
    buf[size] = '\0';
    for (line = buf; line != NULL && (size_t)(line - buf) < size; line = next) {
        char *tok, *rest;
        int rc;

        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        lineno++;
        tok = line + strspn(line, " \t");
        if (*tok == '\0' || *tok == '#')
            continue;
        rest = tok + strcspn(tok, " \t");
        if (*rest != '\0')
            *rest++ = '\0';
        if (strcmp(tok, "printdevProfile") == 0)
            continue;
        if (strcmp(tok, "printdevDevice") == 0)
            devices++;
        err[0] = 'x';
        err[1] = '\0';
        rc = prt_profile_line(p, "fuzz.conf", lineno, tok, rest, err, sizeof(err));
        if (rc > 0 || rc < -PRT_EIO)
            abort();
        if (rc == 0 && err[0] != '\0')
            abort();
        if (rc != 0) {
            if (err[0] == '\0')
                abort();
            for (i = 0; err[i] != '\0'; i++)
                if ((unsigned char)err[i] < 0x20 || err[i] == 0x7f)
                    abort();
        }
    }
    added = prt_profile_finish(p, m, NULL, NULL);
    if (added < 0 || added > devices || (size_t)added != m->n_devices)
        abort();
    for (i = 0; i < m->n_devices; i++)
        if (prt_device_validate(m->devices[i], msg, sizeof(msg)) != 0)
            abort();
    prt_model_free(m);
    prt_profile_free(p);
    free(buf);
    return 0;
}
