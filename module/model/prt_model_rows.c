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

#include "prt_columns.h"
#include "prt_model.h"

/* ---- row templates ---- */

void prt_input_init(struct prt_input *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->type = PrtInputTypeTC_other;
    r->dim_unit = PrtMediaUnitTC_micrometers;
    r->dim_feed_declared = r->dim_xfeed_declared = -2;
    r->dim_feed_chosen = r->dim_xfeed_chosen = -2;
    r->capacity_unit = PrtCapacityUnitTC_sheets;
    r->max_capacity = -2;
    r->current_level = -2;
    r->security = PresentOnOff_notPresent;
    r->media_weight = -2;
    r->media_form_parts = -2;
    r->media_load_timeout = -2;
    r->next_index = -3; /* input switching not supported */
}

void prt_output_init(struct prt_output *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->type = PrtOutputTypeTC_other;
    r->capacity_unit = PrtCapacityUnitTC_sheets;
    r->max_capacity = -2;
    r->remaining_capacity = -2;
    r->security = PresentOnOff_notPresent;
    r->dim_unit = PrtMediaUnitTC_micrometers;
    r->max_dim_feed = r->max_dim_xfeed = r->min_dim_feed = r->min_dim_xfeed = -2;
    r->stacking_order = PrtOutputStackingOrderTC_unknown;
    r->page_delivery_orientation = PrtOutputPageDeliveryOrientationTC_faceDown;
    r->bursting = r->decollating = r->page_collated = r->offset_stacking = PresentOnOff_notPresent;
}

void prt_marker_init(struct prt_marker *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->mark_tech = PrtMarkerMarkTechTC_unknown;
    r->counter_unit = PrtMarkerCounterUnitTC_impressions;
    r->process_colorants = 1;
    r->addressability_unit = PrtMarkerAddressabilityUnitTC_tenThousandthsOfInches;
    r->addressability_feed = r->addressability_xfeed = -2;
    r->north_margin = r->south_margin = r->west_margin = r->east_margin = -2;
}

void prt_supply_init(struct prt_supply *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->supply_class = PrtMarkerSuppliesClassTC_supplyThatIsConsumed;
    r->type = PrtMarkerSuppliesTypeTC_unknown;
    r->supply_unit = PrtMarkerSuppliesSupplyUnitTC_percent;
    r->max_capacity = -2;
    r->level = -2;
    r->low_percent = -1; /* -1: use the device's rules.toner_low_percent */
}

void prt_colorant_init(struct prt_colorant *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->role = PrtMarkerColorantRoleTC_process;
    r->tonality = 256;
}

void prt_media_path_init(struct prt_media_path *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->max_speed_unit = PrtMediaPathMaxSpeedPrintUnitTC_impressionsPerHour;
    r->media_size_unit = PrtMediaUnitTC_micrometers;
    r->max_speed = -2;
    r->max_media_feed = r->max_media_xfeed = r->min_media_feed = r->min_media_xfeed = -2;
    r->type = PrtMediaPathTypeTC_simplex;
    r->jam_location = -2;
}

void prt_channel_init(struct prt_channel *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->type = PrtChannelTypeTC_other;
    r->state = PrtChannelStateTC_printDataAccepted;
}

void prt_interpreter_init(struct prt_interpreter *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->lang_family = PrtInterpreterLangFamilyTC_other;
    r->default_orientation = PrtPrintOrientationTC_portrait;
    r->feed_addressability = r->xfeed_addressability = -2;
    r->default_charset_in = r->default_charset_out = PRT_CHARSET_UTF8;
    r->two_way = PrtInterpreterTwoWayTC_no;
}

void prt_cover_init(struct prt_cover *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->status = PrtCoverStatusTC_coverClosed;
}

void prt_localization_init(struct prt_localization *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    memcpy(r->language, "en", 3);
    memcpy(r->country, "US", 3);
    r->charset = PRT_CHARSET_UTF8;
}

void prt_light_init(struct prt_light *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->color = PrtConsoleColorTC_unknown;
    r->role = PRT_LIGHT_NONE;
}

void prt_port_init(struct prt_ppm_port *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->enabled = true;
}

bool prt_charset_valid(int32_t charset)
{
    /* IANACharset MIBenum values: other(1), unknown(2), then the registry's
     * ranges 3..999 (ISO/IANA), 1000..1999 (Unicode), 2000..2999 (vendor). */
    return charset >= 1 && charset <= 2999;
}
