/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_model_rows.c: the row templates of the device model.  One
 * prt_<table>_init() per table fills a fresh row with its index and the RFC
 * 3805 defaults (prt_device_new() starts from them), and
 * prt_charset_valid() says which IANACharset values a row may hold.
 *
 * Pure C + POSIX: no Net-SNMP headers.  The model as a whole is described
 * atop prt_model.c.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "prt_column_fields.h"
#include "prt_columns.h"
#include "prt_model.h"

/* ---- row templates ---- */

void prt_input_init(struct prt_input *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_INPUT(r);
}

void prt_output_init(struct prt_output *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_OUTPUT(r);
}

void prt_marker_init(struct prt_marker *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_MARKER(r);
}

void prt_supply_init(struct prt_supply *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_MARKER_SUPPLIES(r);
    r->low_percent = -1; /* -1: use the device's rules.toner_low_percent */
}

void prt_colorant_init(struct prt_colorant *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_MARKER_COLORANT(r);
}

void prt_media_path_init(struct prt_media_path *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_MEDIA_PATH(r);
    r->jam_location = -2;
}

void prt_channel_init(struct prt_channel *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_CHANNEL(r);
}

void prt_interpreter_init(struct prt_interpreter *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_INTERPRETER(r);
}

void prt_cover_init(struct prt_cover *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_COVER(r);
}

void prt_localization_init(struct prt_localization *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_LOCALIZATION(r);
    memcpy(r->language, "en", 3);
    memcpy(r->country, "US", 3);
}

void prt_light_init(struct prt_light *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_CONSOLE_LIGHT(r);
    r->role = PRT_LIGHT_NONE;
}

void prt_port_init(struct prt_ppm_port *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    PRT_ROW_DEFAULTS_PPM_PORT(r);
}

bool prt_charset_valid(int32_t charset)
{
    /* IANACharset MIBenum values: other(1), unknown(2), then the registry's
     * ranges 3..999 (ISO/IANA), 1000..1999 (Unicode), 2000..2999 (vendor). */
    return charset >= 1 && charset <= 2999;
}
