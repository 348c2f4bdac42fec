/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ipp.c: libFuzzer target for the PWG octet-string parsers
 * (printer-supply, printer-input-tray, printer-output-tray, printer-alert),
 * the media-col-ready collection parser, and the mapping that uses them.
 *
 * The first input octet picks the parser (bits 0-1; bit 3: media-col-ready,
 * then with one printer-input-tray "main") and whether the printer-state
 * attributes are present (bit 2); the rest is the octet string
 * (any bytes, no terminator).  Checked: no crash or sanitizer report; a
 * parser answers 0 or a negative error with a message; a success holds
 * values in their MIB ranges.  Then the same octets go through
 * ipp_view_build() as one printer-supply / -input-tray / -output-tray /
 * -alert value, and a view that builds must give a feed batch that ends
 * with "commit".
 *
 *   ./configure --enable-fuzzer CC=clang && make fuzz-targets
 *   tests/fuzz/fuzz_ipp -max_total_time=30 tests/fuzz/corpus/ipp
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipp_map.h"
#include "ipp_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const attr[] = {"printer-supply", "printer-input-tray",
                                       "printer-output-tray", "printer-alert", "media-col-ready"};
    char err[256];
    const char *s;
    size_t len;
    int which, r;
    struct ipp_attrs as = {0};
    static struct ipp_view v;
    static char batch[65536];

    if (size < 1)
        return 0;
    which = (data[0] & 8) ? 4 : data[0] & 3;
    s = (const char *)data + 1;
    len = size - 1;
    err[0] = '\0';
    switch (which) {
    case 0: {
        struct ipp_supply su;
        r = ipp_supply_parse(s, len, &su, err, sizeof(err));
        if (r == PDIPP_OK &&
            (su.level < -3 || su.max < -2 || (su.max >= 0 && su.level > su.max) || su.index < 0 ||
             memchr(su.colorant, '\0', sizeof(su.colorant)) == NULL))
            abort();
        break;
    }
    case 1:
    case 2: {
        struct ipp_tray t;
        r = which == 1 ? ipp_input_tray_parse(s, len, &t, err, sizeof(err))
                       : ipp_output_tray_parse(s, len, &t, err, sizeof(err));
        if (r == PDIPP_OK && (t.level < -3 || t.status < 0 || t.status > 126 ||
                              memchr(t.name, '\0', sizeof(t.name)) == NULL))
            abort();
        break;
    }
    case 4: {
        struct ipp_media m;
        r = ipp_media_col_parse(s, len, &m, err, sizeof(err));
        if (r == PDIPP_OK &&
            (memchr(m.source, '\0', sizeof(m.source)) == NULL ||
             memchr(m.name, '\0', sizeof(m.name)) == NULL || m.x < -1 || m.y < -1 || m.weight < -2))
            abort();
        break;
    }
    default: {
        struct ipp_alert a;
        r = ipp_alert_parse(s, len, &a, err, sizeof(err));
        if (r == PDIPP_OK && (a.code == 0 || a.severity == 0))
            abort();
        break;
    }
    }
    if (r != PDIPP_OK && (r >= 0 || err[0] == '\0'))
        abort();

    /* bit 2 of the selector: with or without printer-state (optional) */
    if ((data[0] & 4) == 0) {
        ipp_attrs_add(&as, "printer-state", "stopped", 7);
        ipp_attrs_add(&as, "printer-state-reasons", "media-empty-error", 17);
    }
    if (which == 4) {
        static const char tray[] = "type=sheetFeedAutoRemovableTray;maxcapacity=250;level=100;"
                                   "status=0;name=main";
        ipp_attrs_add(&as, "printer-input-tray", tray, sizeof(tray) - 1);
    }
    ipp_attrs_add(&as, attr[which], s, len);
    if (ipp_view_build(&as, &v, err, sizeof(err)) == PDIPP_OK) {
        int n = ipp_view_feed(&v, NULL, 0, batch, sizeof(batch));
        if (n < 7 || strcmp(batch + n - 7, "commit\n") != 0)
            abort();
    }
    ipp_attrs_free(&as);
    return 0;
}
