/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_feed.c: libFuzzer target for the feed line protocol.
 *
 * The input is split at newlines and sent line by line to one session on
 * a fresh two-device model.  Checked for every line: no crash or sanitizer
 * report; exactly one final reply line, "ok..." or "error ..."; and a line
 * answered with "error" leaves every device as it was (state-file image,
 * derived statuses, generation).
 *
 *   ./configure --enable-fuzzer CC=clang && make fuzz-targets
 *   tests/fuzz/fuzz_feed -max_total_time=30 tests/fuzz/corpus/feed
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_proto.h"
#include "prt_model.h"
#include "prt_rules.h"
#include "prt_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct prt_device *fixture(int32_t idx, const char *name)
{
    struct prt_device *d = prt_device_new(idx, name);
    struct prt_localization l;
    struct prt_input in;
    struct prt_output o;
    struct prt_marker mk;
    struct prt_supply su;
    struct prt_media_path mp;
    struct prt_cover cv;
    struct prt_display_line dl;

    prt_localization_init(&l, 1);
    prt_localization_add(d, &l);
    for (int i = 1; i <= 3; i++) {
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
    for (int i = 1; i <= 2; i++) {
        prt_supply_init(&su, i);
        su.marker_index = 1;
        su.type = i == 1 ? PrtMarkerSuppliesTypeTC_toner : PrtMarkerSuppliesTypeTC_wasteToner;
        su.supply_class = i == 1 ? PrtMarkerSuppliesClassTC_supplyThatIsConsumed
                                 : PrtMarkerSuppliesClassTC_receptacleThatIsFilled;
        su.max_capacity = 100;
        su.level = 50;
        su.low_percent = 10;
        prt_supply_add(d, &su);
    }
    prt_media_path_init(&mp, 1);
    prt_media_path_add(d, &mp);
    prt_cover_init(&cv, 1);
    cv.status = PrtCoverStatusTC_coverClosed;
    prt_cover_add(d, &cv);
    memset(&dl, 0, sizeof(dl));
    dl.index = 1;
    prt_display_add(d, &dl);
    d->general.console_display_chars = 40;
    return d;
}

static char *snapshot(const struct prt_model *m)
{
    struct feed_out s = { 0 };

    for (size_t i = 0; i < m->n_devices; i++) {
        const struct prt_device *d = m->devices[i];
        char *img;
        size_t len;

        if (prt_state_format(d, &img, &len) < 0)
            abort();
        feed_out_printf(&s, "%s %llu %d %d %d%d", img, (unsigned long long)d->generation,
                        d->hr_device_status, d->hr_printer_status, d->hr_error_state[0],
                        d->hr_error_state[1]);
        for (size_t r = 0; r < d->n_inputs; r++)
            feed_out_printf(&s, " %d", d->inputs[r].status);
        free(img);
    }
    if (s.oom)
        abort();
    return s.buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct prt_model *m = prt_model_new();
    struct feed_session *s;
    struct feed_out out = { 0 };
    const char *p = (const char *)data, *end = p + size;

    prt_model_add_device(m, fixture(1, "prod-1"));
    prt_model_add_device(m, fixture(2, "prod-2"));
    for (size_t i = 0; i < m->n_devices; i++)
        prt_rules_apply(m, m->devices[i]);
    s = feed_session_new(m, NULL, NULL);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *before = snapshot(m), *after;
        enum feed_result r;
        const char *last;

        feed_out_reset(&out);
        r = feed_session_line(s, p, len, &out);
        if (out.oom || out.len == 0 || out.buf[out.len - 1] != '\n')
            abort();
        /* the final line */
        last = out.buf + out.len - 1;
        while (last > out.buf && last[-1] != '\n')
            last--;
        if (r == FEED_R_ERROR) {
            if (strncmp(last, "error ", 6) != 0)
                abort();
            after = snapshot(m);
            if (strcmp(before, after) != 0)
                abort(); /* a rejected line changed the devices */
            free(after);
        } else if (strncmp(last, "ok", 2) != 0) {
            abort();
        }
        free(before);
        if (r == FEED_R_QUIT)
            break;
        p += len + (nl != NULL);
    }
    feed_session_free(s);
    feed_out_free(&out);
    prt_model_free(m);
    return 0;
}
