/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_profile.c: the device-profile parser (format: printdev-profile(5)).
 *
 * Lines are "token arguments" as in Net-SNMP config files.  Arguments are
 * words separated by blanks; a word may be quoted with "..." or '...', and
 * a backslash makes the next character literal ("Tray \"A\"").  Row
 * tokens take the row's index first and then "key value" pairs, one key per
 * MIB column; the keys of each table are described by a descriptor array
 * (struct key_desc), so one routine parses and range-checks every table.
 *
 * Values are checked against the MIB SYNTAX as they are read: integer
 * ranges, enumerations (the MIB label exactly, or an assigned number, via
 * prt_enum_value()), string SIZE limits, no control characters.  An error
 * marks the current device broken; the remaining lines are still parsed so
 * the administrator sees every problem at once.  prt_profile_finish() then
 * fills in the defaults that depend on other rows, runs
 * prt_device_validate() and hands the good devices to the model.
 *
 * Pure C + POSIX, no Net-SNMP headers.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "prt_profile.h"

#define PROFILE_MAX_DEPTH 8 /* printdevProfile nesting */
#define FINISHER_MAX                                                                               \
    (sizeof(((struct prt_device *)0)->finisher_models) /                                           \
     sizeof(((struct prt_device *)0)->finisher_models[0]))

typedef void (*report_fn)(void *arg, const char *msg);

struct pdev {
    struct prt_device *d;
    char file[256]; /* where printdevDevice was */
    int line;
    int broken;
    int bad_header;       /* printdevDevice itself was wrong: not a duplicate source */
    char label[64];       /* the name as written, for reports (control characters as '?') */
    char first_err[1024]; /* "file:line: message" */
    uint64_t general_seen;
    struct pdev *next;
};

struct prt_profile {
    struct pdev *head, *tail;
    struct pdev *cur;
    int errors;
    int depth;
    int nested_errors; /* errors reported from the last printdevProfile line */
    report_fn report;
    void *report_arg;
};

/* ---- small helpers ---- */

static int seterr(char *err, size_t errlen, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int seterr(char *err, size_t errlen, int rc, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL && errlen > 0) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

static void copy_str(char *dst, size_t dstlen, const char *src)
{
    size_t n = strlen(src);

    if (n >= dstlen)
        n = dstlen - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Word splitter.  Returns 1 with the word in out, 0 at the end of the
 * line, -1 on a malformed word (message in err). */
struct words {
    const char *p;
    char *buf; /* holds the current word; as long as the whole line */
};

static int next_word(struct words *w, char *err, size_t errlen)
{
    const char *p = w->p;
    char *o = w->buf;
    char quote = 0;

    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (*p == '\0') {
        w->p = p;
        return 0;
    }
    if (*p == '"' || *p == '\'')
        quote = *p++;
    for (;;) {
        char c = *p;
        if (c == '\0') {
            if (quote)
                return seterr(err, errlen, -1, "unterminated %c quote", quote);
            break;
        }
        if (quote && c == quote) {
            p++;
            if (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                return seterr(err, errlen, -1, "text after closing quote");
            break;
        }
        if (!quote && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
            break;
        if (c == '\\') {
            p++;
            if (*p == '\0')
                return seterr(err, errlen, -1, "backslash at end of line");
            c = *p;
        }
        *o++ = c;
        p++;
    }
    *o = '\0';
    w->p = p;
    return 1;
}

static int has_control(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            return 1;
    }
    return 0;
}

static int parse_long(const char *s, long long *v)
{
    char *end;

    if (*s == '\0')
        return -1;
    errno = 0;
    *v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    return 0;
}

static int parse_bool(const char *s, bool *b)
{
    if (!strcmp(s, "yes") || !strcmp(s, "on") || !strcmp(s, "true") || !strcmp(s, "1")) {
        *b = true;
        return 0;
    }
    if (!strcmp(s, "no") || !strcmp(s, "off") || !strcmp(s, "false") || !strcmp(s, "0")) {
        *b = false;
        return 0;
    }
    return -1;
}

/* IANACharset labels (IANA-CHARSET-MIB) likely in a printer profile. */
static const struct prt_enum_entry charset_names[] = {
    {1, "other"},
    {2, "unknown"},
    {3, "csASCII"},
    {4, "csISOLatin1"},
    {17, "csShiftJIS"},
    {106, "csUTF8"},
    {1000, "csUnicode"},
    {1001, "csUCS4"},
    {1002, "csUnicodeASCII"},
    {1003, "csUnicodeLatin1"},
    {1013, "csUTF16BE"},
    {1014, "csUTF16LE"},
    {1015, "csUTF16"},
    {1017, "csUTF32"},
    {1018, "csUTF32BE"},
    {1019, "csUTF32LE"},
    {2024, "csWindows31J"},
};

static int parse_charset(const char *s, int32_t *v)
{
    size_t i;
    long long n;

    for (i = 0; i < sizeof(charset_names) / sizeof(charset_names[0]); i++)
        if (!strcmp(s, charset_names[i].name)) {
            *v = charset_names[i].value;
            return 0;
        }
    if (parse_long(s, &n) == 0 && n >= INT32_MIN && n <= INT32_MAX &&
        prt_charset_valid((int32_t)n)) {
        *v = (int32_t)n;
        return 0;
    }
    return -1;
}

static const char *const light_roles[] = {"none", "ready", "attention", "error", "power"};

static int parse_oid(const char *s, struct prt_oid *oid)
{
    struct prt_oid o;
    const char *p = s;

    memset(&o, 0, sizeof(o));
    if (*p == '.')
        p++;
    while (*p) {
        unsigned long long v = 0;
        int digits = 0;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (unsigned)(*p - '0');
            if (v > UINT32_MAX)
                return -1;
            p++;
            digits++;
        }
        if (digits == 0 || o.len >= PRT_OID_MAX)
            return -1;
        o.ids[o.len++] = (uint32_t)v;
        if (*p == '.') {
            p++;
            if (*p == '\0')
                return -1;
        } else if (*p != '\0') {
            return -1;
        }
    }
    /* An OBJECT IDENTIFIER has at least two arcs, the first 0..2. */
    if (o.len < 2 || o.ids[0] > 2 || (o.ids[0] < 2 && o.ids[1] > 39))
        return -1;
    *oid = o;
    return 0;
}

/* ---- descriptor-driven "key value" parsing ---- */

enum key_kind {
    K_INT,     /* int32_t in [min, max] */
    K_U32,     /* uint32_t counter */
    K_ENUM,    /* int32_t, an assigned value of tc */
    K_STR,     /* char[size]: at most size-1 octets */
    K_CODE2,   /* char[3]: exactly 2 octets (ISO 639 / 3166 codes) */
    K_BOOL,    /* bool */
    K_CHARSET, /* int32_t IANACharset */
    K_ROLE,    /* int32_t enum prt_light_role */
    K_PROTO    /* int32_t: a PrtChannelTypeTC label or any number 0.. */
};

struct key_desc {
    const char *key;
    enum key_kind kind;
    size_t off;
    size_t size;
    const struct prt_enum *tc;
    long long min, max;
};

#define I32MAX 2147483647LL
#define KI(k, type, f, lo, hi)                                                                     \
    {                                                                                              \
        k, K_INT, offsetof(type, f), 0, NULL, lo, hi                                               \
    }
#define KU(k, type, f)                                                                             \
    {                                                                                              \
        k, K_U32, offsetof(type, f), 0, NULL, 0, 4294967295LL                                      \
    }
#define KE(k, type, f, tcn)                                                                        \
    {                                                                                              \
        k, K_ENUM, offsetof(type, f), 0, &prt_tc_##tcn, 0, 0                                       \
    }
#define KS(k, type, f)                                                                             \
    {                                                                                              \
        k, K_STR, offsetof(type, f), sizeof(((type *)0)->f), NULL, 0, 0                            \
    }
#define KC(k, type, f)                                                                             \
    {                                                                                              \
        k, K_CODE2, offsetof(type, f), sizeof(((type *)0)->f), NULL, 0, 0                          \
    }
#define KB(k, type, f)                                                                             \
    {                                                                                              \
        k, K_BOOL, offsetof(type, f), 0, NULL, 0, 0                                                \
    }
#define KCS(k, type, f)                                                                            \
    {                                                                                              \
        k, K_CHARSET, offsetof(type, f), 0, NULL, 0, 0                                             \
    }
#define KEND                                                                                       \
    {                                                                                              \
        NULL, K_INT, 0, 0, NULL, 0, 0                                                              \
    }

static const struct key_desc general_keys[] = {
    KS("printerName", struct prt_general, printer_name),
    KS("serial", struct prt_general, serial_number),
    KS("operator", struct prt_general, current_operator),
    KS("servicePerson", struct prt_general, service_person),
    KI("localization", struct prt_general, current_localization, 1, 65535),
    KI("consoleLocalization", struct prt_general, console_localization, 1, 65535),
    KI("defaultInput", struct prt_general, input_default_index, 1, 65535),
    KI("defaultOutput", struct prt_general, output_default_index, 1, 65535),
    KI("defaultMarker", struct prt_general, marker_default_index, 1, 65535),
    KI("defaultMediaPath", struct prt_general, media_path_default_index, 1, 65535),
    KI("displayLines", struct prt_general, console_display_lines, 0, 65535),
    KI("displayChars", struct prt_general, console_display_chars, 0, 65535),
    KE("consoleDisable", struct prt_general, console_disable, PrtConsoleDisableTC),
    KE("startupPage", struct prt_general, startup_page, PresentOnOff),
    KE("bannerPage", struct prt_general, banner_page, PresentOnOff),
    KEND};
/* bit numbers in general_seen, by position in general_keys */
enum { G_LOC = 4, G_CONSLOC = 5, G_DEFIN = 6, G_DEFOUT = 7, G_DEFMARKER = 8, G_DEFPATH = 9 };

static const struct key_desc rules_keys[] = {
    KI("tonerLow", struct prt_rules_config, toner_low_percent, 0, 100),
    KI("tonerEmpty", struct prt_rules_config, toner_empty_percent, 0, 100),
    KI("inputLow", struct prt_rules_config, input_low_percent, 0, 100),
    KB("allTraysEmpty", struct prt_rules_config, oce_all_trays_empty),
    KB("allOutputsFull", struct prt_rules_config, oce_all_outputs_full),
    KB("operatorIntervention", struct prt_rules_config, oce_operator_intervention),
    KB("oceStatus", struct prt_rules_config, oce_status),
    KB("indexWrapZero", struct prt_rules_config, oce_index_wrap_zero),
    KB("removalEntries", struct prt_rules_config, removal_entries),
    KI("alertTableSize", struct prt_rules_config, alert_table_size, 1, PRT_MAX_ROWS),
    KU("unaryMaxAge", struct prt_rules_config, unary_max_age),
    KEND};

static const struct key_desc localization_keys[] = {
    KC("language", struct prt_localization, language),
    KC("country", struct prt_localization, country),
    KCS("charset", struct prt_localization, charset), KEND};

static const struct key_desc cover_keys[] = {
    KS("description", struct prt_cover, description),
    KE("status", struct prt_cover, status, PrtCoverStatusTC), KEND};

static const struct key_desc input_keys[] = {
    KE("type", struct prt_input, type, PrtInputTypeTC),
    KE("dimUnit", struct prt_input, dim_unit, PrtMediaUnitTC),
    KI("feed", struct prt_input, dim_feed_declared, -2, I32MAX),
    KI("xfeed", struct prt_input, dim_xfeed_declared, -2, I32MAX),
    KI("chosenFeed", struct prt_input, dim_feed_chosen, -2, I32MAX),
    KI("chosenXfeed", struct prt_input, dim_xfeed_chosen, -2, I32MAX),
    KE("unit", struct prt_input, capacity_unit, PrtCapacityUnitTC),
    KI("max", struct prt_input, max_capacity, -2, I32MAX),
    KI("level", struct prt_input, current_level, -3, I32MAX),
    KS("media", struct prt_input, media_name),
    KS("name", struct prt_input, name),
    KS("vendor", struct prt_input, vendor_name),
    KS("model", struct prt_input, model),
    KS("version", struct prt_input, version),
    KS("serial", struct prt_input, serial_number),
    KS("description", struct prt_input, description),
    KE("security", struct prt_input, security, PresentOnOff),
    KI("weight", struct prt_input, media_weight, -2, I32MAX),
    KS("mediaType", struct prt_input, media_type),
    KS("color", struct prt_input, media_color),
    KI("formParts", struct prt_input, media_form_parts, -2, I32MAX),
    KI("loadTimeout", struct prt_input, media_load_timeout, -2, I32MAX),
    KI("next", struct prt_input, next_index, -3, I32MAX),
    KI("low", struct prt_input, low_threshold, 0, I32MAX),
    KEND};
enum { IN_FEED = 2, IN_XFEED = 3, IN_CFEED = 4, IN_CXFEED = 5 };

static const struct key_desc output_keys[] = {
    KE("type", struct prt_output, type, PrtOutputTypeTC),
    KE("unit", struct prt_output, capacity_unit, PrtCapacityUnitTC),
    KI("max", struct prt_output, max_capacity, -2, I32MAX),
    KI("remaining", struct prt_output, remaining_capacity, -3, I32MAX),
    KS("name", struct prt_output, name),
    KS("vendor", struct prt_output, vendor_name),
    KS("model", struct prt_output, model),
    KS("version", struct prt_output, version),
    KS("serial", struct prt_output, serial_number),
    KS("description", struct prt_output, description),
    KE("security", struct prt_output, security, PresentOnOff),
    KE("dimUnit", struct prt_output, dim_unit, PrtMediaUnitTC),
    KI("maxFeed", struct prt_output, max_dim_feed, -2, I32MAX),
    KI("maxXfeed", struct prt_output, max_dim_xfeed, -2, I32MAX),
    KI("minFeed", struct prt_output, min_dim_feed, -2, I32MAX),
    KI("minXfeed", struct prt_output, min_dim_xfeed, -2, I32MAX),
    KE("stacking", struct prt_output, stacking_order, PrtOutputStackingOrderTC),
    KE("delivery", struct prt_output, page_delivery_orientation,
       PrtOutputPageDeliveryOrientationTC),
    KE("bursting", struct prt_output, bursting, PresentOnOff),
    KE("decollating", struct prt_output, decollating, PresentOnOff),
    KE("collated", struct prt_output, page_collated, PresentOnOff),
    KE("offsetStacking", struct prt_output, offset_stacking, PresentOnOff),
    KI("nearFull", struct prt_output, near_full_threshold, 0, I32MAX),
    KEND};

static const struct key_desc marker_keys[] = {
    KE("tech", struct prt_marker, mark_tech, PrtMarkerMarkTechTC),
    KE("counterUnit", struct prt_marker, counter_unit, PrtMarkerCounterUnitTC),
    KU("lifeCount", struct prt_marker, life_count),
    KU("powerOnCount", struct prt_marker, power_on_count),
    KI("processColorants", struct prt_marker, process_colorants, 0, 65535),
    KI("spotColorants", struct prt_marker, spot_colorants, 0, 65535),
    KE("addressUnit", struct prt_marker, addressability_unit, PrtMarkerAddressabilityUnitTC),
    KI("addressFeed", struct prt_marker, addressability_feed, -2, I32MAX),
    KI("addressXfeed", struct prt_marker, addressability_xfeed, -2, I32MAX),
    KI("north", struct prt_marker, north_margin, -2, I32MAX),
    KI("south", struct prt_marker, south_margin, -2, I32MAX),
    KI("west", struct prt_marker, west_margin, -2, I32MAX),
    KI("east", struct prt_marker, east_margin, -2, I32MAX),
    KEND};

static const struct key_desc supply_keys[] = {
    KI("marker", struct prt_supply, marker_index, 0, 65535),
    KI("colorant", struct prt_supply, colorant_index, 0, 65535),
    KE("class", struct prt_supply, supply_class, PrtMarkerSuppliesClassTC),
    KE("type", struct prt_supply, type, PrtMarkerSuppliesTypeTC),
    KS("description", struct prt_supply, description),
    KE("unit", struct prt_supply, supply_unit, PrtMarkerSuppliesSupplyUnitTC),
    KI("max", struct prt_supply, max_capacity, -2, I32MAX),
    KI("level", struct prt_supply, level, -3, I32MAX),
    KI("low", struct prt_supply, low_percent, 0, 100),
    KI("finisher", struct prt_supply, finisher, 0, 8),
    KEND};

static const struct key_desc colorant_keys[] = {
    KI("marker", struct prt_colorant, marker_index, 0, 65535),
    KE("role", struct prt_colorant, role, PrtMarkerColorantRoleTC),
    KS("value", struct prt_colorant, value),
    KI("tonality", struct prt_colorant, tonality, 2, I32MAX), KEND};

static const struct key_desc media_path_keys[] = {
    KE("speedUnit", struct prt_media_path, max_speed_unit, PrtMediaPathMaxSpeedPrintUnitTC),
    KE("sizeUnit", struct prt_media_path, media_size_unit, PrtMediaUnitTC),
    KI("speed", struct prt_media_path, max_speed, -2, I32MAX),
    KI("maxFeed", struct prt_media_path, max_media_feed, -2, I32MAX),
    KI("maxXfeed", struct prt_media_path, max_media_xfeed, -2, I32MAX),
    KI("minFeed", struct prt_media_path, min_media_feed, -2, I32MAX),
    KI("minXfeed", struct prt_media_path, min_media_xfeed, -2, I32MAX),
    KE("type", struct prt_media_path, type, PrtMediaPathTypeTC),
    KS("description", struct prt_media_path, description),
    KEND};

static const struct key_desc channel_keys[] = {
    KE("type", struct prt_channel, type, PrtChannelTypeTC),
    KS("version", struct prt_channel, protocol_version),
    KI("jobControlLang", struct prt_channel, current_job_cntl_lang_index, 0, 65535),
    KI("pageDescLang", struct prt_channel, default_page_desc_lang_index, 0, 65535),
    KE("state", struct prt_channel, state, PrtChannelStateTC),
    KI("ifIndex", struct prt_channel, if_index, 0, I32MAX),
    KS("information", struct prt_channel, information),
    KEND};

static const struct key_desc interpreter_keys[] = {
    KE("family", struct prt_interpreter, lang_family, PrtInterpreterLangFamilyTC),
    KS("level", struct prt_interpreter, lang_level),
    KS("langVersion", struct prt_interpreter, lang_version),
    KS("description", struct prt_interpreter, description),
    KS("version", struct prt_interpreter, version),
    KE("orientation", struct prt_interpreter, default_orientation, PrtPrintOrientationTC),
    KI("feedAddress", struct prt_interpreter, feed_addressability, -2, I32MAX),
    KI("xfeedAddress", struct prt_interpreter, xfeed_addressability, -2, I32MAX),
    KCS("charsetIn", struct prt_interpreter, default_charset_in),
    KCS("charsetOut", struct prt_interpreter, default_charset_out),
    KE("twoWay", struct prt_interpreter, two_way, PrtInterpreterTwoWayTC),
    KEND};

static const struct key_desc display_keys[] = {KS("text", struct prt_display_line, text), KEND};

static const struct key_desc light_keys[] = {
    KI("on", struct prt_light, on_time, 0, I32MAX),
    KI("off", struct prt_light, off_time, 0, I32MAX),
    KE("color", struct prt_light, color, PrtConsoleColorTC),
    KS("description", struct prt_light, description),
    {"role", K_ROLE, offsetof(struct prt_light, role), 0, NULL, 0, 0},
    KEND};

static const struct key_desc port_keys[] = {
    KB("enabled", struct prt_ppm_port, enabled),
    KS("name", struct prt_ppm_port, name),
    KS("uri", struct prt_ppm_port, service_uri),
    {"protocol", K_PROTO, offsetof(struct prt_ppm_port, protocol_type), 0, NULL, 0, I32MAX},
    KI("targetPort", struct prt_ppm_port, target_port, 0, 65535),
    KB("altSource", struct prt_ppm_port, alt_source_enabled),
    KI("channel", struct prt_ppm_port, channel_index, 0, 65535),
    KB("lprByteCount", struct prt_ppm_port, lpr_byte_count_enabled),
    KEND};

static const struct key_desc device_ref_keys[] = {
    KI("device", struct prt_device_ref, ref_index, 0, I32MAX), KEND};

static int set_value(const struct key_desc *k, void *obj, const char *noun, const char *val,
                     char *err, size_t errlen)
{
    char *field = (char *)obj + k->off;
    long long n;
    int32_t i32;
    int ev;
    size_t len, r;

    switch (k->kind) {
    case K_INT:
        if (parse_long(val, &n) != 0)
            return seterr(err, errlen, -PRT_EINVAL, "invalid number '%s' for '%s'", val, k->key);
        if (n < k->min || n > k->max)
            return seterr(err, errlen, -PRT_EINVAL, "%s %lld out of range %lld..%lld", k->key, n,
                          k->min, k->max);
        i32 = (int32_t)n;
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_U32: {
        uint32_t u;
        if (parse_long(val, &n) != 0)
            return seterr(err, errlen, -PRT_EINVAL, "invalid number '%s' for '%s'", val, k->key);
        if (n < 0 || n > 4294967295LL)
            return seterr(err, errlen, -PRT_EINVAL, "%s %lld out of range 0..4294967295", k->key,
                          n);
        u = (uint32_t)n;
        memcpy(field, &u, sizeof(u));
        return 0;
    }
    case K_ENUM:
        if (prt_enum_value(k->tc, val, &ev) != 0)
            return seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
        i32 = ev;
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_PROTO:
        if (prt_enum_value(&prt_tc_PrtChannelTypeTC, val, &ev) == 0) {
            i32 = ev;
        } else if (parse_long(val, &n) == 0 && n >= 0 && n <= I32MAX) {
            i32 = (int32_t)n;
        } else {
            return seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
        }
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_CHARSET:
        if (parse_charset(val, &i32) != 0)
            return seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_ROLE:
        for (r = 0; r < sizeof(light_roles) / sizeof(light_roles[0]); r++)
            if (!strcmp(val, light_roles[r])) {
                i32 = (int32_t)r;
                memcpy(field, &i32, sizeof(i32));
                return 0;
            }
        return seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
    case K_BOOL: {
        bool b;
        if (parse_bool(val, &b) != 0)
            return seterr(err, errlen, -PRT_EINVAL,
                          "'%s' for '%s' is not a boolean (yes/no, on/off, true/false)", val,
                          k->key);
        memcpy(field, &b, sizeof(b));
        return 0;
    }
    case K_STR:
    case K_CODE2:
        if (has_control(val))
            return seterr(err, errlen, -PRT_EINVAL, "control character in value for '%s'", k->key);
        len = strlen(val);
        if (k->kind == K_CODE2 && len != 2)
            return seterr(err, errlen, -PRT_EINVAL, "%s '%s' must be exactly 2 characters", k->key,
                          val);
        if (len >= k->size)
            return seterr(err, errlen, -PRT_ETOOLONG, "value for '%s' is longer than %zu octets",
                          k->key, k->size - 1);
        memcpy(field, val, len + 1);
        return 0;
    }
    return seterr(err, errlen, -PRT_EINVAL, "internal: bad key kind");
}

/* Parses "key value ..." from w into obj; *seen gets one bit per key
 * position (the descriptors have fewer than 64 keys). */
static int parse_keys(struct words *w, const struct key_desc *keys, void *obj, const char *noun,
                      const char *token, uint64_t *seen, char *err, size_t errlen)
{
    char key[64];
    int rc;

    *seen = 0;
    for (;;) {
        const struct key_desc *k;
        size_t pos;

        rc = next_word(w, err, errlen);
        if (rc < 0)
            return -PRT_EINVAL;
        if (rc == 0)
            return 0;
        copy_str(key, sizeof(key), w->buf);
        for (k = keys; k->key != NULL; k++)
            if (!strcmp(k->key, key))
                break;
        if (k->key == NULL)
            return seterr(err, errlen, -PRT_EINVAL, "unknown key '%s' for %s", w->buf, token);
        pos = (size_t)(k - keys);
        if (*seen & (UINT64_C(1) << pos))
            return seterr(err, errlen, -PRT_EINVAL, "key '%s' given twice", key);
        *seen |= UINT64_C(1) << pos;
        rc = next_word(w, err, errlen);
        if (rc < 0)
            return -PRT_EINVAL;
        if (rc == 0)
            return seterr(err, errlen, -PRT_EINVAL, "value for '%s' missing", key);
        rc = set_value(k, obj, noun, w->buf, err, errlen);
        if (rc != 0)
            return rc;
    }
}

static int want_index(struct words *w, const char *noun, int32_t *idx, char *err, size_t errlen)
{
    long long n;
    int rc = next_word(w, err, errlen);

    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return seterr(err, errlen, -PRT_EINVAL, "%s index missing", noun);
    if (parse_long(w->buf, &n) != 0)
        return seterr(err, errlen, -PRT_EINVAL, "%s index '%s' is not a number", noun, w->buf);
    if (n < 1 || n > PRT_INDEX_MAX)
        return seterr(err, errlen, -PRT_EINVAL, "%s index %lld out of range 1..65535", noun, n);
    *idx = (int32_t)n;
    return 0;
}

/* The single value of a token like printdevDescr; no further words. */
static int want_single(struct words *w, const char *token, char *err, size_t errlen)
{
    int rc = next_word(w, err, errlen);
    const char *rest;

    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return seterr(err, errlen, -PRT_EINVAL, "value for %s missing", token);
    /* only blanks may follow */
    for (rest = w->p; *rest == ' ' || *rest == '\t' || *rest == '\r' || *rest == '\n'; rest++)
        ;
    if (*rest != '\0')
        return seterr(err, errlen, -PRT_EINVAL,
                      "%s takes one value (quote it if it contains blanks)", token);
    return 0;
}

/* ---- token handlers ---- */

typedef int (*token_fn)(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                        char *err, size_t errlen);

static int add_rc(int rc, const char *noun, int32_t idx, char *err, size_t errlen)
{
    if (rc == -PRT_EEXIST)
        return seterr(err, errlen, rc, "duplicate %s index %d", noun, (int)idx);
    if (rc == -PRT_ELIMIT)
        return seterr(err, errlen, rc, "too many %s rows (max %d)", noun, PRT_MAX_ROWS);
    if (rc != 0)
        return seterr(err, errlen, rc, "cannot add %s %d: %s", noun, (int)idx, prt_strerror(rc));
    return 0;
}

static int tok_general(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                       char *err, size_t errlen)
{
    struct prt_general g = pd->d->general;
    uint64_t seen;
    int rc;

    (void)p;
    rc = parse_keys(w, general_keys, &g, "general", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (seen == 0)
        return seterr(err, errlen, -PRT_EINVAL, "%s needs at least one key", token);
    pd->d->general = g;
    pd->general_seen |= seen;
    return 0;
}

static int tok_rules(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                     char *err, size_t errlen)
{
    struct prt_rules_config r = pd->d->rules;
    uint64_t seen;
    int rc;

    (void)p;
    rc = parse_keys(w, rules_keys, &r, "rules", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (seen == 0)
        return seterr(err, errlen, -PRT_EINVAL, "%s needs at least one key", token);
    if (r.toner_empty_percent > r.toner_low_percent)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "tonerEmpty %d is above tonerLow %d",
                      (int)r.toner_empty_percent, (int)r.toner_low_percent);
    pd->d->rules = r;
    return 0;
}

/* A token whose one argument is a free-text string stored in dst (dstlen
 * bytes including the NUL): no control characters, at most dstlen - 1 octets. */
static int single_string(struct words *w, const char *token, char *dst, size_t dstlen, char *err,
                         size_t errlen)
{
    int rc;

    rc = want_single(w, token, err, errlen);
    if (rc != 0)
        return rc;
    if (has_control(w->buf))
        return seterr(err, errlen, -PRT_EINVAL, "control character in %s", token);
    if (strlen(w->buf) >= dstlen)
        return seterr(err, errlen, -PRT_ETOOLONG, "%s is longer than %zu octets", token,
                      dstlen - 1);
    copy_str(dst, dstlen, w->buf);
    return 0;
}

static int tok_descr(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                     char *err, size_t errlen)
{
    (void)p;
    return single_string(w, token, pd->d->hr_descr, sizeof(pd->d->hr_descr), err, errlen);
}

static int tok_device_id(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                         char *err, size_t errlen)
{
    int rc;

    (void)p;
    rc = want_single(w, token, err, errlen);
    if (rc != 0)
        return rc;
    if (parse_oid(w->buf, &pd->d->hr_device_id) != 0)
        return seterr(err, errlen, -PRT_EINVAL, "'%s' is not a numeric OBJECT IDENTIFIER", w->buf);
    return 0;
}

static int tok_ieee1284(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                        char *err, size_t errlen)
{
    (void)p;
    return single_string(w, token, pd->d->ieee1284_id, sizeof(pd->d->ieee1284_id), err, errlen);
}

static int tok_finisher(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                        char *err, size_t errlen)
{
    struct prt_device *d = pd->d;
    int rc;

    (void)p;
    rc = want_single(w, token, err, errlen);
    if (rc != 0)
        return rc;
    if (has_control(w->buf))
        return seterr(err, errlen, -PRT_EINVAL, "control character in %s", token);
    if (strlen(w->buf) >= sizeof(d->finisher_models[0]))
        return seterr(err, errlen, -PRT_ETOOLONG, "finisher model is longer than %zu octets",
                      sizeof(d->finisher_models[0]) - 1);
    if (d->n_finisher_models >= FINISHER_MAX)
        return seterr(err, errlen, -PRT_ELIMIT, "too many finisher models (max %zu)", FINISHER_MAX);
    copy_str(d->finisher_models[d->n_finisher_models], sizeof(d->finisher_models[0]), w->buf);
    d->n_finisher_models++;
    return 0;
}

static int tok_localization(struct prt_profile *p, struct pdev *pd, struct words *w,
                            const char *token, char *err, size_t errlen)
{
    struct prt_localization r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "localization", &idx, err, errlen)) != 0)
        return rc;
    if (prt_localization_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate localization index %d", (int)idx);
    prt_localization_init(&r, idx);
    rc = parse_keys(w, localization_keys, &r, "localization", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_localization_add(pd->d, &r), "localization", idx, err, errlen);
}

static int tok_cover(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                     char *err, size_t errlen)
{
    struct prt_cover r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "cover", &idx, err, errlen)) != 0)
        return rc;
    if (prt_cover_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate cover index %d", (int)idx);
    prt_cover_init(&r, idx);
    rc = parse_keys(w, cover_keys, &r, "cover", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_cover_add(pd->d, &r), "cover", idx, err, errlen);
}

static int tok_input(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                     char *err, size_t errlen)
{
    struct prt_input r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "input", &idx, err, errlen)) != 0)
        return rc;
    if (prt_input_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate input index %d", (int)idx);
    prt_input_init(&r, idx);
    rc = parse_keys(w, input_keys, &r, "input", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    /* prtInputMediaDim*Chosen: the size the printer will use; without a
     * sensor that is the declared size. */
    if (!(seen & (UINT64_C(1) << IN_CFEED)))
        r.dim_feed_chosen = r.dim_feed_declared;
    if (!(seen & (UINT64_C(1) << IN_CXFEED)))
        r.dim_xfeed_chosen = r.dim_xfeed_declared;
    if (r.max_capacity >= 0 && r.current_level > r.max_capacity)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "level %d exceeds max %d",
                      (int)r.current_level, (int)r.max_capacity);
    if (r.next_index == idx)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "input %d cannot be its own next input",
                      (int)idx);
    return add_rc(prt_input_add(pd->d, &r), "input", idx, err, errlen);
}

static int tok_output(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                      char *err, size_t errlen)
{
    struct prt_output r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "output", &idx, err, errlen)) != 0)
        return rc;
    if (prt_output_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate output index %d", (int)idx);
    prt_output_init(&r, idx);
    rc = parse_keys(w, output_keys, &r, "output", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.max_capacity >= 0 && r.remaining_capacity > r.max_capacity)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "remaining %d exceeds max %d",
                      (int)r.remaining_capacity, (int)r.max_capacity);
    if (r.max_dim_feed >= 0 && r.min_dim_feed > r.max_dim_feed)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "minFeed %d exceeds maxFeed %d",
                      (int)r.min_dim_feed, (int)r.max_dim_feed);
    if (r.max_dim_xfeed >= 0 && r.min_dim_xfeed > r.max_dim_xfeed)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "minXfeed %d exceeds maxXfeed %d",
                      (int)r.min_dim_xfeed, (int)r.max_dim_xfeed);
    return add_rc(prt_output_add(pd->d, &r), "output", idx, err, errlen);
}

static int tok_marker(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                      char *err, size_t errlen)
{
    struct prt_marker r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "marker", &idx, err, errlen)) != 0)
        return rc;
    if (prt_marker_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate marker index %d", (int)idx);
    prt_marker_init(&r, idx);
    rc = parse_keys(w, marker_keys, &r, "marker", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.process_colorants == 0 && r.spot_colorants == 0)
        return seterr(err, errlen, -PRT_EINCONSISTENT,
                      "processColorants and spotColorants cannot both be 0");
    if (r.power_on_count > r.life_count)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "powerOnCount %u exceeds lifeCount %u",
                      r.power_on_count, r.life_count);
    return add_rc(prt_marker_add(pd->d, &r), "marker", idx, err, errlen);
}

static int tok_supply(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                      char *err, size_t errlen)
{
    struct prt_supply r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "supply", &idx, err, errlen)) != 0)
        return rc;
    if (prt_supply_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate supply index %d", (int)idx);
    prt_supply_init(&r, idx);
    r.marker_index = 1;
    rc = parse_keys(w, supply_keys, &r, "supply", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.max_capacity >= 0 && r.level > r.max_capacity)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "level %d exceeds max %d", (int)r.level,
                      (int)r.max_capacity);
    return add_rc(prt_supply_add(pd->d, &r), "supply", idx, err, errlen);
}

static int tok_colorant(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                        char *err, size_t errlen)
{
    struct prt_colorant r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "colorant", &idx, err, errlen)) != 0)
        return rc;
    if (prt_colorant_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate colorant index %d", (int)idx);
    prt_colorant_init(&r, idx);
    r.marker_index = 1;
    rc = parse_keys(w, colorant_keys, &r, "colorant", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_colorant_add(pd->d, &r), "colorant", idx, err, errlen);
}

static int tok_media_path(struct prt_profile *p, struct pdev *pd, struct words *w,
                          const char *token, char *err, size_t errlen)
{
    struct prt_media_path r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "media path", &idx, err, errlen)) != 0)
        return rc;
    if (prt_media_path_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate media path index %d", (int)idx);
    prt_media_path_init(&r, idx);
    rc = parse_keys(w, media_path_keys, &r, "media path", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.max_media_feed >= 0 && r.min_media_feed > r.max_media_feed)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "minFeed %d exceeds maxFeed %d",
                      (int)r.min_media_feed, (int)r.max_media_feed);
    if (r.max_media_xfeed >= 0 && r.min_media_xfeed > r.max_media_xfeed)
        return seterr(err, errlen, -PRT_EINCONSISTENT, "minXfeed %d exceeds maxXfeed %d",
                      (int)r.min_media_xfeed, (int)r.max_media_xfeed);
    return add_rc(prt_media_path_add(pd->d, &r), "media path", idx, err, errlen);
}

static int tok_channel(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                       char *err, size_t errlen)
{
    struct prt_channel r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "channel", &idx, err, errlen)) != 0)
        return rc;
    if (prt_channel_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate channel index %d", (int)idx);
    prt_channel_init(&r, idx);
    rc = parse_keys(w, channel_keys, &r, "channel", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_channel_add(pd->d, &r), "channel", idx, err, errlen);
}

static int tok_interpreter(struct prt_profile *p, struct pdev *pd, struct words *w,
                           const char *token, char *err, size_t errlen)
{
    struct prt_interpreter r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "interpreter", &idx, err, errlen)) != 0)
        return rc;
    if (prt_interpreter_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate interpreter index %d", (int)idx);
    prt_interpreter_init(&r, idx);
    rc = parse_keys(w, interpreter_keys, &r, "interpreter", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_interpreter_add(pd->d, &r), "interpreter", idx, err, errlen);
}

static int tok_display(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                       char *err, size_t errlen)
{
    struct prt_display_line r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "display line", &idx, err, errlen)) != 0)
        return rc;
    if (prt_display_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate display line index %d", (int)idx);
    memset(&r, 0, sizeof(r));
    r.index = idx;
    rc = parse_keys(w, display_keys, &r, "display line", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_display_add(pd->d, &r), "display line", idx, err, errlen);
}

static int tok_light(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                     char *err, size_t errlen)
{
    struct prt_light r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "light", &idx, err, errlen)) != 0)
        return rc;
    if (prt_light_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate light index %d", (int)idx);
    prt_light_init(&r, idx);
    rc = parse_keys(w, light_keys, &r, "light", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_light_add(pd->d, &r), "light", idx, err, errlen);
}

static int tok_port(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                    char *err, size_t errlen)
{
    struct prt_ppm_port r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "port", &idx, err, errlen)) != 0)
        return rc;
    if (prt_port_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate port index %d", (int)idx);
    prt_port_init(&r, idx);
    rc = parse_keys(w, port_keys, &r, "port", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_port_add(pd->d, &r), "port", idx, err, errlen);
}

static int tok_device_ref(struct prt_profile *p, struct pdev *pd, struct words *w,
                          const char *token, char *err, size_t errlen)
{
    struct prt_device_ref r;
    uint64_t seen;
    int32_t idx;
    int rc;

    (void)p;
    if ((rc = want_index(w, "device ref", &idx, err, errlen)) != 0)
        return rc;
    if (prt_device_ref_find(pd->d, idx))
        return seterr(err, errlen, -PRT_EEXIST, "duplicate device ref index %d", (int)idx);
    memset(&r, 0, sizeof(r));
    r.seq = idx;
    r.ref_index = pd->d->hr_index;
    rc = parse_keys(w, device_ref_keys, &r, "device ref", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    return add_rc(prt_device_ref_add(pd->d, &r), "device ref", idx, err, errlen);
}

static int tok_storage_ref(struct prt_profile *p, struct pdev *pd, struct words *w,
                           const char *token, char *err, size_t errlen)
{
    struct prt_storage_ref r;
    long long n;
    int32_t seq;
    int rc;

    (void)p;
    rc = next_word(w, err, errlen);
    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return seterr(err, errlen, -PRT_EINVAL, "hrStorageIndex missing");
    if (parse_long(w->buf, &n) != 0 || n < 1 || n > I32MAX)
        return seterr(err, errlen, -PRT_EINVAL, "hrStorageIndex '%s' out of range 1..2147483647",
                      w->buf);
    r.hr_storage_index = (int32_t)n;
    if ((rc = want_index(w, "storage ref sequence", &seq, err, errlen)) != 0)
        return rc;
    r.seq = seq;
    r.device_index = pd->d->hr_index;
    rc = next_word(w, err, errlen);
    if (rc != 0)
        return seterr(err, errlen, -PRT_EINVAL, "%s takes exactly two numbers", token);
    rc = prt_storage_ref_add(pd->d, &r);
    if (rc == -PRT_EEXIST)
        return seterr(err, errlen, rc, "duplicate storage ref %d.%d", (int)r.hr_storage_index,
                      (int)seq);
    return add_rc(rc, "storage ref", seq, err, errlen);
}

/* ---- the token table ---- */

struct token_def {
    const char *token;
    token_fn fn;
};

/* Handlers in the same order as prt_profile_tokens (index 0 and 1 are
 * printdevDevice and printdevProfile, handled in prt_profile_line). */
static const struct token_def token_defs[] = {{"printdevDevice", NULL},
                                              {"printdevProfile", NULL},
                                              {"printdevDescr", tok_descr},
                                              {"printdevDeviceId", tok_device_id},
                                              {"printdevGeneral", tok_general},
                                              {"printdevLocalization", tok_localization},
                                              {"printdevInput", tok_input},
                                              {"printdevOutput", tok_output},
                                              {"printdevMarker", tok_marker},
                                              {"printdevSupply", tok_supply},
                                              {"printdevColorant", tok_colorant},
                                              {"printdevMediaPath", tok_media_path},
                                              {"printdevChannel", tok_channel},
                                              {"printdevInterpreter", tok_interpreter},
                                              {"printdevCover", tok_cover},
                                              {"printdevDisplay", tok_display},
                                              {"printdevLight", tok_light},
                                              {"printdevStorageRef", tok_storage_ref},
                                              {"printdevDeviceRef", tok_device_ref},
                                              {"printdevPort", tok_port},
                                              {"printdevIeee1284Id", tok_ieee1284},
                                              {"printdevFinisher", tok_finisher},
                                              {"printdevRules", tok_rules},
                                              {NULL, NULL}};

const struct prt_profile_token prt_profile_tokens[] = {
    {"printdevDevice", "hrDeviceIndex name  (starts a device)"},
    {"printdevProfile", "path  (includes a profile file)"},
    {"printdevDescr", "\"hrDeviceDescr\""},
    {"printdevDeviceId", "hrDeviceID OID, e.g. 1.3.6.1.4.1.1552.20.10.2.6330"},
    {"printdevGeneral", "printerName|serial|operator|servicePerson|localization|"
                        "consoleLocalization|defaultInput|defaultOutput|defaultMarker|"
                        "defaultMediaPath|displayLines|displayChars|consoleDisable|"
                        "startupPage|bannerPage VALUE ..."},
    {"printdevLocalization", "index language LL country CC charset CHARSET"},
    {"printdevInput", "index type|dimUnit|feed|xfeed|chosenFeed|chosenXfeed|unit|max|level|"
                      "media|name|vendor|model|version|serial|description|security|weight|"
                      "mediaType|color|formParts|loadTimeout|next|low VALUE ..."},
    {"printdevOutput", "index type|unit|max|remaining|name|vendor|model|version|serial|"
                       "description|security|dimUnit|maxFeed|maxXfeed|minFeed|minXfeed|"
                       "stacking|delivery|bursting|decollating|collated|offsetStacking|"
                       "nearFull VALUE ..."},
    {"printdevMarker", "index tech|counterUnit|lifeCount|powerOnCount|processColorants|"
                       "spotColorants|addressUnit|addressFeed|addressXfeed|north|south|west|"
                       "east VALUE ..."},
    {"printdevSupply",
     "index marker|colorant|class|type|description|unit|max|level|low|finisher VALUE ..."},
    {"printdevColorant", "index marker|role|value|tonality VALUE ..."},
    {"printdevMediaPath", "index speedUnit|sizeUnit|speed|maxFeed|maxXfeed|minFeed|minXfeed|"
                          "type|description VALUE ..."},
    {"printdevChannel",
     "index type|version|jobControlLang|pageDescLang|state|ifIndex|information VALUE ..."},
    {"printdevInterpreter", "index family|level|langVersion|description|version|orientation|"
                            "feedAddress|xfeedAddress|charsetIn|charsetOut|twoWay VALUE ..."},
    {"printdevCover", "index description|status VALUE ..."},
    {"printdevDisplay", "index text \"TEXT\""},
    {"printdevLight", "index on|off|color|description|role VALUE ..."},
    {"printdevStorageRef", "hrStorageIndex sequence"},
    {"printdevDeviceRef", "sequence device hrDeviceIndex"},
    {"printdevPort", "index enabled|name|uri|protocol|targetPort|altSource|channel|"
                     "lprByteCount VALUE ..."},
    {"printdevIeee1284Id", "\"MFG:...;MDL:...;CMD:...;\""},
    {"printdevFinisher", "\"finisher model\"  (one per line, up to 8)"},
    {"printdevRules", "tonerLow|tonerEmpty|inputLow|allTraysEmpty|allOutputsFull|"
                      "operatorIntervention|oceStatus|indexWrapZero|removalEntries|"
                      "alertTableSize|unaryMaxAge VALUE ..."},
    {NULL, NULL}};

/* ---- builder ---- */

struct prt_profile *prt_profile_new(void)
{
    return calloc(1, sizeof(struct prt_profile));
}

static void pdev_free_list(struct pdev *pd)
{
    while (pd != NULL) {
        struct pdev *next = pd->next;
        prt_device_free(pd->d);
        free(pd);
        pd = next;
    }
}

void prt_profile_free(struct prt_profile *p)
{
    if (p == NULL)
        return;
    pdev_free_list(p->head);
    free(p);
}

void prt_profile_set_report(struct prt_profile *p, report_fn report, void *arg)
{
    if (p == NULL)
        return;
    p->report = report;
    p->report_arg = arg;
}

int prt_profile_errors(const struct prt_profile *p)
{
    return p ? p->errors : 0;
}

static void mark_broken(struct pdev *pd, const char *file, int line, const char *msg)
{
    if (pd == NULL || pd->broken)
        return;
    pd->broken = 1;
    snprintf(pd->first_err, sizeof(pd->first_err), "%.300s:%d: %.600s", file ? file : "(config)",
             line, msg);
}

static int valid_device_name(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static int start_device(struct prt_profile *p, const char *file, int line, struct words *w,
                        char *err, size_t errlen)
{
    struct pdev *pd, *it;
    long long n = 0;
    char name[64] = "";
    int rc, bad = 0;

    pd = calloc(1, sizeof(*pd));
    if (pd == NULL)
        return seterr(err, errlen, -PRT_ENOMEM, "out of memory");
    copy_str(pd->file, sizeof(pd->file), file ? file : "(config)");
    pd->line = line;
    if (p->tail)
        p->tail->next = pd;
    else
        p->head = pd;
    p->tail = pd;
    p->cur = pd;

    rc = next_word(w, err, errlen);
    if (rc <= 0) {
        if (rc == 0)
            seterr(err, errlen, -PRT_EINVAL, "hrDeviceIndex missing");
        bad = -PRT_EINVAL;
    } else if (parse_long(w->buf, &n) != 0) {
        bad = seterr(err, errlen, -PRT_EINVAL, "hrDeviceIndex '%s' is not a number", w->buf);
    } else if (n < 1 || n > PRT_INDEX_MAX) {
        bad = seterr(err, errlen, -PRT_EINVAL, "hrDeviceIndex %lld out of range 1..65535", n);
    } else {
        rc = next_word(w, err, errlen);
        if (rc > 0)
            copy_str(pd->label, sizeof(pd->label), w->buf);
        if (rc <= 0) {
            if (rc == 0)
                seterr(err, errlen, -PRT_EINVAL, "device name missing");
            bad = -PRT_EINVAL;
        } else if (strlen(w->buf) >= sizeof(name)) {
            bad = seterr(err, errlen, -PRT_ETOOLONG, "device name is longer than %zu octets",
                         sizeof(name) - 1);
        } else if (!valid_device_name(w->buf)) {
            bad = seterr(err, errlen, -PRT_EINVAL,
                         "device name '%s' may only contain letters, digits, '-', '_' and '.'",
                         w->buf);
        } else {
            copy_str(name, sizeof(name), w->buf);
            if (next_word(w, err, errlen) != 0)
                bad = seterr(err, errlen, -PRT_EINVAL,
                             "printdevDevice takes an index and a name only");
        }
    }
    if (!bad) {
        for (it = p->head; it != pd; it = it->next) {
            if (it->bad_header)
                continue;
            if (it->d && it->d->hr_index == (int32_t)n) {
                bad = seterr(err, errlen, -PRT_EEXIST, "duplicate device index %lld", n);
                break;
            }
            if (it->d && !strcmp(it->d->name, name)) {
                bad = seterr(err, errlen, -PRT_EEXIST, "duplicate device name '%s'", name);
                break;
            }
        }
    }
    /* A broken device still gets a scratch prt_device so that its remaining
     * lines are checked (and not applied to the previous device). */
    pd->d = prt_device_new(bad ? 1 : (int32_t)n, bad ? "unnamed" : name);
    if (pd->d == NULL)
        return seterr(err, errlen, -PRT_ENOMEM, "out of memory");
    if (bad) {
        pd->d->hr_index = n >= 1 && n <= PRT_INDEX_MAX ? (int32_t)n : 0;
        if (name[0])
            copy_str(pd->d->name, sizeof(pd->d->name), name);
        pd->bad_header = 1;
        mark_broken(pd, file, line, err);
        return bad;
    }
    /* prtGeneralPrinterName defaults to the profile's device name. */
    copy_str(pd->d->general.printer_name, sizeof(pd->d->general.printer_name), name);
    return 0;
}

static int include_file(struct prt_profile *p, const char *file, struct words *w, char *err,
                        size_t errlen);

int prt_profile_line(struct prt_profile *p, const char *file, int line, const char *token,
                     const char *args, char *err, size_t errlen)
{
    struct words w;
    size_t i;
    int rc;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (p == NULL || token == NULL)
        return seterr(err, errlen, -PRT_EINVAL, "no profile");
    if (args == NULL)
        args = "";
    w.p = args;
    w.buf = malloc(strlen(args) + 1);
    if (w.buf == NULL)
        return seterr(err, errlen, -PRT_ENOMEM, "out of memory");

    if (!strcmp(token, "printdevDevice")) {
        rc = start_device(p, file, line, &w, err, errlen);
    } else if (!strcmp(token, "printdevProfile")) {
        rc = include_file(p, file, &w, err, errlen);
    } else {
        for (i = 0; token_defs[i].token != NULL; i++)
            if (!strcmp(token_defs[i].token, token))
                break;
        if (token_defs[i].token == NULL) {
            rc = seterr(err, errlen, -PRT_EINVAL, "unknown token '%s'", token);
        } else if (p->cur == NULL) {
            rc = seterr(err, errlen, -PRT_EINVAL, "%s before any printdevDevice", token);
        } else if (p->cur->d == NULL) {
            rc = seterr(err, errlen, -PRT_ENOMEM, "device could not be created");
        } else {
            rc = token_defs[i].fn(p, p->cur, &w, token, err, errlen);
        }
    }
    free(w.buf);
    if (rc != 0 && err != NULL) {
        /* messages quote the offending words: never pass control
         * characters on to a log */
        char *c;
        for (c = err; *c; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                *c = '?';
    }
    if (rc != 0) {
        /* an error marks the current device broken (idempotent: the
         * first error is the one reported by prt_profile_finish) */
        if (p->cur != NULL)
            mark_broken(p->cur, file, line, err);
        p->errors++;
    }
    return rc;
}

/* ---- files ---- */

struct sum_report {
    int count;
    char first[512];
};

static void sum_report_fn(void *arg, const char *msg)
{
    struct sum_report *s = arg;

    if (s->count++ == 0)
        copy_str(s->first, sizeof(s->first), msg);
}

static int include_file(struct prt_profile *p, const char *file, struct words *w, char *err,
                        size_t errlen)
{
    char path[4096];
    struct sum_report sum = {0, ""};
    struct stat st;
    FILE *f;
    int rc, n;

    rc = next_word(w, err, errlen);
    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return seterr(err, errlen, -PRT_EINVAL, "printdevProfile needs a file name");
    if (w->buf[0] != '/' && file != NULL && strchr(file, '/') != NULL) {
        /* relative to the directory of the including file */
        int dirlen = (int)(strrchr(file, '/') - file);
        n = snprintf(path, sizeof(path), "%.*s/%s", dirlen, file, w->buf);
    } else {
        n = snprintf(path, sizeof(path), "%s", w->buf);
    }
    if (n < 0 || (size_t)n >= sizeof(path))
        return seterr(err, errlen, -PRT_ETOOLONG, "profile path too long");
    if (next_word(w, err, errlen) != 0)
        return seterr(err, errlen, -PRT_EINVAL, "printdevProfile takes one file name");
    if (p->depth >= PROFILE_MAX_DEPTH)
        return seterr(err, errlen, -PRT_ELIMIT,
                      "printdevProfile nested deeper than %d levels (include loop?)",
                      PROFILE_MAX_DEPTH);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return seterr(err, errlen, -PRT_EINVAL, "profile '%s' is not a regular file", path);
    f = fopen(path, "r");
    if (f == NULL)
        return seterr(err, errlen, -PRT_ENOENT, "cannot open profile '%s': %s", path,
                      strerror(errno));
    fclose(f);
    if (p->report != NULL) {
        /* every error of the included file is reported with its own
         * file:line; this line itself is fine */
        p->nested_errors = prt_profile_load_file(p, path, p->report, p->report_arg);
        return 0;
    }
    n = prt_profile_load_file(p, path, sum_report_fn, &sum);
    if (n > 0) {
        p->errors -= n; /* summed up in this line's one error */
        return seterr(err, errlen, -PRT_EINVAL, "%d error(s) in included profile '%s', first: %s",
                      n, path, sum.first);
    }
    return 0;
}

int prt_profile_load_file(struct prt_profile *p, const char *path, report_fn report, void *arg)
{
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, errors = 0;
    char err[768], msg[1024];
    report_fn saved_report;
    void *saved_arg;
    struct stat st;
    int notreg = 0, open_errno = 0;

    if (p == NULL || path == NULL)
        return 1;
    /* stat first: opening a FIFO or device for reading could block */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        f = NULL;
        notreg = 1;
    } else {
        f = fopen(path, "r");
        open_errno = errno;
        if (f != NULL && (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))) {
            fclose(f);
            f = NULL;
            notreg = 1;
        }
    }
    if (f == NULL) {
        snprintf(msg, sizeof(msg), "%s: cannot open profile: %s", path,
                 notreg ? "not a regular file" : strerror(open_errno));
        if (report)
            report(arg, msg);
        p->errors++;
        return 1;
    }
    p->depth++;
    /* Errors of nested includes go to the same reporter. */
    saved_report = p->report;
    saved_arg = p->report_arg;
    p->report = report;
    p->report_arg = arg;
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *s = line, *tok, *rest;
        int rc;

        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        if (strlen(s) != (size_t)(len - (s - line))) {
            snprintf(msg, sizeof(msg), "%s:%d: NUL byte in line", path, lineno);
            if (report)
                report(arg, msg);
            if (p->cur)
                mark_broken(p->cur, path, lineno, "NUL byte in line");
            p->errors++;
            errors++;
            continue;
        }
        tok = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        rest = s;
        if (*s) {
            *s = '\0';
            rest = s + 1;
        }
        p->nested_errors = 0;
        rc = prt_profile_line(p, path, lineno, tok, rest, err, sizeof(err));
        errors += p->nested_errors;
        p->nested_errors = 0;
        if (rc != 0) {
            snprintf(msg, sizeof(msg), "%s:%d: %s", path, lineno, err);
            if (report)
                report(arg, msg);
            errors++;
        }
    }
    free(line);
    fclose(f);
    p->report = saved_report;
    p->report_arg = saved_arg;
    p->depth--;
    return errors;
}

/* ---- finish ---- */

static int32_t first_index_or(const void *rows, size_t n, int32_t fallback)
{
    int32_t v;

    if (rows == NULL || n == 0)
        return fallback;
    memcpy(&v, rows, sizeof(v));
    return v;
}

static void resolve_defaults(struct pdev *pd)
{
    struct prt_device *d = pd->d;
    struct prt_general *g = &d->general;
    size_t i;

    /* Default indexes not given name the lowest row of their table. */
    if (!(pd->general_seen & (UINT64_C(1) << G_LOC)))
        g->current_localization = first_index_or(d->localizations, d->n_localizations, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_CONSLOC)))
        g->console_localization = g->current_localization;
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFIN)))
        g->input_default_index = first_index_or(d->inputs, d->n_inputs, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFOUT)))
        g->output_default_index = first_index_or(d->outputs, d->n_outputs, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFMARKER)))
        g->marker_default_index = first_index_or(d->markers, d->n_markers, 1);
    if (!(pd->general_seen & (UINT64_C(1) << G_DEFPATH)))
        g->media_path_default_index = first_index_or(d->media_paths, d->n_media_paths, 1);
    /* Supplies without their own threshold use the device's rules. */
    for (i = 0; i < d->n_supplies; i++)
        if (d->supplies[i].low_percent < 0)
            d->supplies[i].low_percent = d->rules.toner_low_percent;
    /* hrDeviceDescr should never be empty (RFC 2790: "a textual
     * description of this device"); fall back to the printer name. */
    if (d->hr_descr[0] == '\0')
        copy_str(d->hr_descr, sizeof(d->hr_descr), g->printer_name);
}

int prt_profile_finish(struct prt_profile *p, struct prt_model *m, report_fn report, void *arg)
{
    struct pdev *pd, *next;
    char msg[1536], vmsg[512];
    int added = 0, rc;

    if (p == NULL || m == NULL)
        return 0;
    for (pd = p->head; pd != NULL; pd = next) {
        next = pd->next;
        if (!pd->broken) {
            resolve_defaults(pd);
            rc = prt_device_validate(pd->d, vmsg, sizeof(vmsg));
            if (rc != 0) {
                mark_broken(pd, pd->file, pd->line, vmsg);
            } else {
                if (prt_model_find(m, pd->d->hr_index) != NULL)
                    snprintf(vmsg, sizeof(vmsg), "hrDeviceIndex %d is already registered",
                             (int)pd->d->hr_index);
                else if (prt_model_find_name(m, pd->d->name) != NULL)
                    snprintf(vmsg, sizeof(vmsg), "device name '%s' is already registered",
                             pd->d->name);
                /* the configuration resetToFactoryDefaults(6) returns to */
                pd->d->factory = prt_device_clone(pd->d);
                rc = pd->d->factory != NULL ? prt_model_add_device(m, pd->d) : -PRT_ENOMEM;
                if (rc == 0) {
                    pd->d = NULL; /* the model owns it now */
                    added++;
                } else {
                    if (rc == -PRT_ELIMIT)
                        snprintf(vmsg, sizeof(vmsg),
                                 "more than %d devices configured; one agent serves at most %d "
                                 "(PRT_MAX_DEVICES, see printdev-profile(5))",
                                 PRT_MAX_DEVICES, PRT_MAX_DEVICES);
                    else if (rc != -PRT_EEXIST)
                        snprintf(vmsg, sizeof(vmsg), "%s", prt_strerror(rc));
                    mark_broken(pd, pd->file, pd->line, vmsg);
                }
            }
        }
        if (pd->broken && report != NULL) {
            char *c;
            for (c = pd->label; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f)
                    *c = '?';
            snprintf(msg, sizeof(msg), "device %s (index %d) not registered: %s",
                     pd->label[0] ? pd->label : "?", pd->d ? (int)pd->d->hr_index : 0,
                     pd->first_err);
            report(arg, msg);
        }
        prt_device_free(pd->d);
        free(pd);
    }
    p->head = p->tail = p->cur = NULL;
    return added;
}
