/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_feed.c: libFuzzer target for the feed line protocol.
 *
 * The input is split at newlines and sent line by line to one session on
 * a fresh two-device model.  Checked for every line: no crash or sanitizer
 * report; exactly one final reply line, "ok..." or "error ..."; and a line
 * answered with "error" leaves every device as it was, byte for byte (the
 * device structs and all their row arrays), and the device list and the
 * device registry (device add / device remove) too.
 *
 *   ./configure --enable-fuzzer CC=clang && make fuzz-targets
 *   tests/fuzz/fuzz_feed -max_total_time=30 tests/fuzz/corpus/feed
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_proto.h"
#include "prt_model.h"
#include "prt_registry.h"
#include "prt_rules.h"

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

/* The raw bytes of every device and of every row array: a rejected line
 * must not change one of them (pointers included: no reallocation). */
static void add(struct feed_out *s, const void *p, size_t n)
{
    if (s->oom || p == NULL || n == 0)
        return;
    while (s->len + n + 1 > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 4096;
        char *nb = realloc(s->buf, ncap);
        if (nb == NULL)
            abort();
        s->buf = nb;
        s->cap = ncap;
    }
    memcpy(s->buf + s->len, p, n);
    s->len += n;
}

static struct feed_out snapshot(const struct prt_model *m)
{
    struct feed_out s = {0};

    add(&s, &m->n_devices, sizeof(m->n_devices));
    if (m->registry != NULL) {
        char *img = NULL;
        size_t n = 0;
        if (prt_registry_format(m->registry, &img, &n) != 0)
            abort();
        add(&s, img, n);
        free(img);
    }
    for (size_t i = 0; i < m->n_devices; i++) {
        const struct prt_device *d = m->devices[i];

        add(&s, d, sizeof(*d));
        add(&s, d->inputs, d->n_inputs * sizeof(*d->inputs));
        add(&s, d->outputs, d->n_outputs * sizeof(*d->outputs));
        add(&s, d->markers, d->n_markers * sizeof(*d->markers));
        add(&s, d->supplies, d->n_supplies * sizeof(*d->supplies));
        add(&s, d->media_paths, d->n_media_paths * sizeof(*d->media_paths));
        add(&s, d->covers, d->n_covers * sizeof(*d->covers));
        add(&s, d->display, d->n_display * sizeof(*d->display));
        add(&s, d->lights, d->n_lights * sizeof(*d->lights));
        add(&s, d->alerts, d->n_alerts * sizeof(*d->alerts));
    }
    return s;
}

static bool same(const struct feed_out *a, const struct feed_out *b)
{
    return a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct prt_model *m = prt_model_new();
    struct feed_session *s;
    struct feed_out out = {0};
    const char *p = (const char *)data, *end = p + size;

    prt_model_add_device(m, fixture(1, "prod-1"));
    prt_model_add_device(m, fixture(2, "prod-2"));
    for (size_t i = 0; i < m->n_devices; i++)
        prt_rules_apply(m, m->devices[i]);
    s = feed_session_new(m, NULL, NULL);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        struct feed_out before = snapshot(m), after;
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
            if (!same(&before, &after))
                abort(); /* a rejected line changed the devices */
            feed_out_free(&after);
        } else if (strncmp(last, "ok", 2) != 0) {
            abort();
        }
        feed_out_free(&before);
        if (r == FEED_R_QUIT)
            break;
        p += len + (nl != NULL);
    }
    feed_session_free(s);
    feed_out_free(&out);
    prt_registry_free(m->registry);
    prt_model_free(m);
    return 0;
}
