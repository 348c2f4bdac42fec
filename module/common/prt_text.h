/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_text.h: which bytes of untrusted text may be shown as they are.
 *
 * Every place that prints text from the network or a feed client (syslog
 * lines, action arguments and environment, CLI tables, printdevctl output,
 * the trap translator's sentences) escapes what this says is not safe, so
 * they all agree on one definition:
 *   - printable ASCII (0x20..0x7e) is safe;
 *   - a well-formed UTF-8 sequence is safe unless it encodes a C1 control
 *     (U+0080..U+009F, bytes C2 80..C2 9F): terminals act on U+009B (CSI)
 *     and friends exactly as on ESC [;
 *   - everything else is not: C0 controls, DEL, C1 controls, and bytes
 *     that are not part of well-formed UTF-8 (a lone 0x9B is CSI to a
 *     terminal in an 8-bit mode).
 */
#ifndef PRT_TEXT_H
#define PRT_TEXT_H

#include <stddef.h>

/* Length (1..4) of the character at s[0..n) when it may be shown as it
 * is; 0 when the byte s[0] must be escaped (or n is 0). */
size_t prt_text_safe_len(const char *s, size_t n);

/* 1 when s[0..n) is well-formed UTF-8 as a whole (RFC 3629: shortest form,
 * no surrogates, nothing above U+10FFFF; any code point, controls
 * included), else 0. */
int prt_text_utf8_valid(const char *s, size_t n);

#endif
