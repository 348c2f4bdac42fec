/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_state.c: libFuzzer target for the durable state file loader.
 *
 * The input is loaded as a state file into a fresh device.  Checked: no
 * crash or sanitizer report; a rejected file leaves the device exactly as
 * it was (state-file image and generation); an accepted file's device
 * formats to a file that loads again into a fresh device with the same
 * result (the loader accepts what the writer writes).  Inputs without a
 * valid trailer are rejected by the CRC check at once, so the target gives
 * inputs without an end line a correct one, to reach the parser.
 *
 *   ./configure --enable-fuzzer CC=clang && make fuzz-targets
 *   tests/fuzz/fuzz_state -max_total_time=30 CORPUS_COPY
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prt_model.h"
#include "prt_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct prt_device *fixture(void)
{
    struct prt_device *d = prt_device_new(1, "prod-1");
    struct prt_localization l;
    struct prt_input in;
    struct prt_output o;
    struct prt_marker mk;
    struct prt_supply su;
    struct prt_media_path mp;
    struct prt_cover cv;
    struct prt_display_line dl;
    struct prt_light li;
    struct prt_channel ch;
    struct prt_interpreter it;

    prt_localization_init(&l, 1);
    prt_localization_add(d, &l);
    for (int i = 1; i <= 2; i++) {
        prt_input_init(&in, i);
        in.max_capacity = 500;
        in.current_level = 250;
        prt_input_add(d, &in);
    }
    prt_output_init(&o, 1);
    o.max_capacity = 100;
    o.remaining_capacity = 100;
    prt_output_add(d, &o);
    prt_marker_init(&mk, 1);
    prt_marker_add(d, &mk);
    prt_supply_init(&su, 1);
    su.marker_index = 1;
    su.max_capacity = 100;
    su.level = 50;
    su.low_percent = 10;
    prt_supply_add(d, &su);
    prt_media_path_init(&mp, 1);
    prt_media_path_add(d, &mp);
    prt_cover_init(&cv, 1);
    prt_cover_add(d, &cv);
    memset(&dl, 0, sizeof(dl));
    dl.index = 1;
    prt_display_add(d, &dl);
    prt_light_init(&li, 1);
    prt_light_add(d, &li);
    prt_channel_init(&ch, 1);
    prt_channel_add(d, &ch);
    prt_interpreter_init(&it, 1);
    prt_interpreter_add(d, &it);
    return d;
}

static char *image(const struct prt_device *d)
{
    char *f = NULL;
    size_t len;

    if (prt_state_format(d, &f, &len) < 0)
        abort();
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct prt_device *d = fixture();
    char msg[512];
    char *buf, *before, *after;
    size_t len = size;
    uint64_t gen = d->generation;
    int rc;

    if (size > PRT_STATE_MAX_FILE)
        size = len = PRT_STATE_MAX_FILE;
    buf = malloc(size + 64);
    if (buf == NULL)
        abort();
    memcpy(buf, data, size);
    if (size > 0 && memmem(buf, size, "\nend ", 5) == NULL) {
        /* give the body a correct trailer so the parser is reached */
        unsigned lines = 0;
        if (len > 0 && buf[len - 1] != '\n')
            buf[len++] = '\n';
        for (size_t i = 0; i < len; i++)
            lines += buf[i] == '\n';
        len += (size_t)snprintf(buf + len, 64 - (len - size), "end %u %08lx\n", lines,
                                prt_state_crc32(0, buf, len));
    }
    before = image(d);
    rc = prt_state_load_buffer(d, "fuzz.state", buf, len, msg, sizeof(msg));
    after = image(d);
    if (rc < 0) {
        if (strcmp(before, after) != 0 || d->generation != gen)
            abort(); /* a rejected file changed the device */
        if (strncmp(msg, "fuzz.state", 10) != 0)
            abort(); /* no file:line */
    } else {
        /* what the writer writes, the loader takes back unchanged */
        struct prt_device *e = fixture();
        char *again;
        if (prt_state_load_buffer(e, "again.state", after, strlen(after), msg, sizeof(msg)) < 0)
            abort();
        again = image(e);
        if (strcmp(after, again) != 0)
            abort();
        free(again);
        prt_device_free(e);
    }
    free(before);
    free(after);
    free(buf);
    prt_device_free(d);
    return 0;
}
