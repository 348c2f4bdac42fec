/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_profile_tokens.c: the profile's tokens: the key descriptors of each
 * table (one key per MIB column, generated from the column catalogue into
 * prt_column_fields.h, then the model's own settings), one handler per
 * token and the token table with its usage texts (prt_profile_tokens,
 * printdev-profile(5)).
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
#include "prt_profile_internal.h"

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
#define KP(k, type, f)                                                                             \
    {                                                                                              \
        k, K_PROTO, offsetof(type, f), 0, NULL, 0, I32MAX                                          \
    }
#define KEND                                                                                       \
    {                                                                                              \
        NULL, K_INT, 0, 0, NULL, 0, 0                                                              \
    }

static const struct key_desc general_keys[] = {PRT_PROFILE_KEYS_GENERAL, KEND};

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

static const struct key_desc localization_keys[] = {PRT_PROFILE_KEYS_LOCALIZATION, KEND};

static const struct key_desc cover_keys[] = {PRT_PROFILE_KEYS_COVER, KEND};

static const struct key_desc input_keys[] = {
    PRT_PROFILE_KEYS_INPUT, KI("low", struct prt_input, low_threshold, 0, I32MAX), KEND};

static const struct key_desc output_keys[] = {
    PRT_PROFILE_KEYS_OUTPUT, KI("nearFull", struct prt_output, near_full_threshold, 0, I32MAX),
    KEND};

static const struct key_desc marker_keys[] = {PRT_PROFILE_KEYS_MARKER, KEND};

static const struct key_desc supply_keys[] = {
    PRT_PROFILE_KEYS_MARKER_SUPPLIES, KI("low", struct prt_supply, low_percent, 0, 100),
    KI("finisher", struct prt_supply, finisher, 0, 8), KEND};

static const struct key_desc colorant_keys[] = {PRT_PROFILE_KEYS_MARKER_COLORANT, KEND};

static const struct key_desc media_path_keys[] = {PRT_PROFILE_KEYS_MEDIA_PATH, KEND};

static const struct key_desc channel_keys[] = {PRT_PROFILE_KEYS_CHANNEL, KEND};

static const struct key_desc interpreter_keys[] = {PRT_PROFILE_KEYS_INTERPRETER, KEND};

static const struct key_desc display_keys[] = {PRT_PROFILE_KEYS_CONSOLE_DISPLAY_BUFFER, KEND};

static const struct key_desc light_keys[] = {
    PRT_PROFILE_KEYS_CONSOLE_LIGHT,
    {"role", K_ROLE, offsetof(struct prt_light, role), 0, NULL, 0, 0},
    KEND};

static const struct key_desc port_keys[] = {PRT_PROFILE_KEYS_PPM_PORT, KEND};

static const struct key_desc device_ref_keys[] = {PRT_PROFILE_KEYS_DEVICE_REF, KEND};

/* ---- token handlers ---- */

static int add_rc(int rc, const char *noun, int32_t idx, char *err, size_t errlen)
{
    if (rc == -PRT_EEXIST)
        return prof_seterr(err, errlen, rc, "duplicate %s index %d", noun, (int)idx);
    if (rc == -PRT_ELIMIT)
        return prof_seterr(err, errlen, rc, "too many %s rows (max %d)", noun, PRT_MAX_ROWS);
    if (rc != 0)
        return prof_seterr(err, errlen, rc, "cannot add %s %d: %s", noun, (int)idx,
                           prt_strerror(rc));
    return 0;
}

static int tok_general(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                       char *err, size_t errlen)
{
    struct prt_general g = pd->d->general;
    uint64_t seen;
    int rc;

    (void)p;
    rc = prof_parse_keys(w, general_keys, &g, "general", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (seen == 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s needs at least one key", token);
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
    rc = prof_parse_keys(w, rules_keys, &r, "rules", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (seen == 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s needs at least one key", token);
    if (r.toner_empty_percent > r.toner_low_percent)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "tonerEmpty %d is above tonerLow %d",
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

    rc = prof_want_single(w, token, err, errlen);
    if (rc != 0)
        return rc;
    if (prof_has_control(w->buf))
        return prof_seterr(err, errlen, -PRT_EINVAL, "control character in %s", token);
    if (strlen(w->buf) >= dstlen)
        return prof_seterr(err, errlen, -PRT_ETOOLONG, "%s is longer than %zu octets", token,
                           dstlen - 1);
    prof_copy_str(dst, dstlen, w->buf);
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
    rc = prof_want_single(w, token, err, errlen);
    if (rc != 0)
        return rc;
    if (prof_parse_oid(w->buf, &pd->d->hr_device_id) != 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "'%s' is not a numeric OBJECT IDENTIFIER",
                           w->buf);
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
    rc = prof_want_single(w, token, err, errlen);
    if (rc != 0)
        return rc;
    if (prof_has_control(w->buf))
        return prof_seterr(err, errlen, -PRT_EINVAL, "control character in %s", token);
    if (strlen(w->buf) >= sizeof(d->finisher_models[0]))
        return prof_seterr(err, errlen, -PRT_ETOOLONG, "finisher model is longer than %zu octets",
                           sizeof(d->finisher_models[0]) - 1);
    if (d->n_finisher_models >= FINISHER_MAX)
        return prof_seterr(err, errlen, -PRT_ELIMIT, "too many finisher models (max %zu)",
                           FINISHER_MAX);
    prof_copy_str(d->finisher_models[d->n_finisher_models], sizeof(d->finisher_models[0]), w->buf);
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
    if ((rc = prof_want_index(w, "localization", &idx, err, errlen)) != 0)
        return rc;
    if (prt_localization_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate localization index %d", (int)idx);
    prt_localization_init(&r, idx);
    rc = prof_parse_keys(w, localization_keys, &r, "localization", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "cover", &idx, err, errlen)) != 0)
        return rc;
    if (prt_cover_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate cover index %d", (int)idx);
    prt_cover_init(&r, idx);
    rc = prof_parse_keys(w, cover_keys, &r, "cover", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "input", &idx, err, errlen)) != 0)
        return rc;
    if (prt_input_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate input index %d", (int)idx);
    prt_input_init(&r, idx);
    rc = prof_parse_keys(w, input_keys, &r, "input", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    /* prtInputMediaDim*Chosen: the size the printer will use; without a
     * sensor that is the declared size. */
    if (!(seen & (UINT64_C(1) << PRT_PKEY_INPUT_MEDIA_DIM_FEED_DIR_CHOSEN)))
        r.dim_feed_chosen = r.dim_feed_declared;
    if (!(seen & (UINT64_C(1) << PRT_PKEY_INPUT_MEDIA_DIM_X_FEED_DIR_CHOSEN)))
        r.dim_xfeed_chosen = r.dim_xfeed_declared;
    if (r.max_capacity >= 0 && r.current_level > r.max_capacity)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "level %d exceeds max %d",
                           (int)r.current_level, (int)r.max_capacity);
    if (r.next_index == idx)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "input %d cannot be its own next input",
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
    if ((rc = prof_want_index(w, "output", &idx, err, errlen)) != 0)
        return rc;
    if (prt_output_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate output index %d", (int)idx);
    prt_output_init(&r, idx);
    rc = prof_parse_keys(w, output_keys, &r, "output", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.max_capacity >= 0 && r.remaining_capacity > r.max_capacity)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "remaining %d exceeds max %d",
                           (int)r.remaining_capacity, (int)r.max_capacity);
    if (r.max_dim_feed >= 0 && r.min_dim_feed > r.max_dim_feed)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "minFeed %d exceeds maxFeed %d",
                           (int)r.min_dim_feed, (int)r.max_dim_feed);
    if (r.max_dim_xfeed >= 0 && r.min_dim_xfeed > r.max_dim_xfeed)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "minXfeed %d exceeds maxXfeed %d",
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
    if ((rc = prof_want_index(w, "marker", &idx, err, errlen)) != 0)
        return rc;
    if (prt_marker_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate marker index %d", (int)idx);
    prt_marker_init(&r, idx);
    rc = prof_parse_keys(w, marker_keys, &r, "marker", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.process_colorants == 0 && r.spot_colorants == 0)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT,
                           "processColorants and spotColorants cannot both be 0");
    if (r.power_on_count > r.life_count)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "powerOnCount %u exceeds lifeCount %u",
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
    if ((rc = prof_want_index(w, "supply", &idx, err, errlen)) != 0)
        return rc;
    if (prt_supply_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate supply index %d", (int)idx);
    prt_supply_init(&r, idx);
    r.marker_index = 1;
    rc = prof_parse_keys(w, supply_keys, &r, "supply", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.max_capacity >= 0 && r.level > r.max_capacity)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "level %d exceeds max %d", (int)r.level,
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
    if ((rc = prof_want_index(w, "colorant", &idx, err, errlen)) != 0)
        return rc;
    if (prt_colorant_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate colorant index %d", (int)idx);
    prt_colorant_init(&r, idx);
    r.marker_index = 1;
    rc = prof_parse_keys(w, colorant_keys, &r, "colorant", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "media path", &idx, err, errlen)) != 0)
        return rc;
    if (prt_media_path_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate media path index %d", (int)idx);
    prt_media_path_init(&r, idx);
    rc = prof_parse_keys(w, media_path_keys, &r, "media path", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (r.max_media_feed >= 0 && r.min_media_feed > r.max_media_feed)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "minFeed %d exceeds maxFeed %d",
                           (int)r.min_media_feed, (int)r.max_media_feed);
    if (r.max_media_xfeed >= 0 && r.min_media_xfeed > r.max_media_xfeed)
        return prof_seterr(err, errlen, -PRT_EINCONSISTENT, "minXfeed %d exceeds maxXfeed %d",
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
    if ((rc = prof_want_index(w, "channel", &idx, err, errlen)) != 0)
        return rc;
    if (prt_channel_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate channel index %d", (int)idx);
    prt_channel_init(&r, idx);
    rc = prof_parse_keys(w, channel_keys, &r, "channel", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "interpreter", &idx, err, errlen)) != 0)
        return rc;
    if (prt_interpreter_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate interpreter index %d", (int)idx);
    prt_interpreter_init(&r, idx);
    rc = prof_parse_keys(w, interpreter_keys, &r, "interpreter", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "display line", &idx, err, errlen)) != 0)
        return rc;
    if (prt_display_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate display line index %d", (int)idx);
    memset(&r, 0, sizeof(r));
    r.index = idx;
    rc = prof_parse_keys(w, display_keys, &r, "display line", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "light", &idx, err, errlen)) != 0)
        return rc;
    if (prt_light_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate light index %d", (int)idx);
    prt_light_init(&r, idx);
    rc = prof_parse_keys(w, light_keys, &r, "light", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "port", &idx, err, errlen)) != 0)
        return rc;
    if (prt_port_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate port index %d", (int)idx);
    prt_port_init(&r, idx);
    rc = prof_parse_keys(w, port_keys, &r, "port", token, &seen, err, errlen);
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
    if ((rc = prof_want_index(w, "device ref", &idx, err, errlen)) != 0)
        return rc;
    if (prt_device_ref_find(pd->d, idx))
        return prof_seterr(err, errlen, -PRT_EEXIST, "duplicate device ref index %d", (int)idx);
    memset(&r, 0, sizeof(r));
    r.seq = idx;
    r.ref_index = pd->d->hr_index;
    rc = prof_parse_keys(w, device_ref_keys, &r, "device ref", token, &seen, err, errlen);
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
    rc = prof_next_word(w, err, errlen);
    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "hrStorageIndex missing");
    if (prof_parse_long(w->buf, &n) != 0 || n < 1 || n > I32MAX)
        return prof_seterr(err, errlen, -PRT_EINVAL,
                           "hrStorageIndex '%s' out of range 1..2147483647", w->buf);
    r.hr_storage_index = (int32_t)n;
    if ((rc = prof_want_index(w, "storage ref sequence", &seq, err, errlen)) != 0)
        return rc;
    r.seq = seq;
    r.device_index = pd->d->hr_index;
    rc = prof_next_word(w, err, errlen);
    if (rc != 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s takes exactly two numbers", token);
    rc = prt_storage_ref_add(pd->d, &r);
    if (rc == -PRT_EEXIST)
        return prof_seterr(err, errlen, rc, "duplicate storage ref %d.%d", (int)r.hr_storage_index,
                           (int)seq);
    return add_rc(rc, "storage ref", seq, err, errlen);
}

/* ---- printdevSystem: the device's own SNMP context and system group ---- */

/* The line is parsed into a copy (objectID as text first), checked, then
 * stored: a bad line changes nothing. */
struct sys_line {
    struct prt_system sys;
    char object_id[768];
};
static const struct key_desc system_keys[] = {
    KS("context", struct sys_line, sys.context),
    KS("descr", struct sys_line, sys.descr),
    KS("objectID", struct sys_line, object_id),
    KS("contact", struct sys_line, sys.contact),
    KS("name", struct sys_line, sys.name),
    KS("location", struct sys_line, sys.location),
    KI("services", struct sys_line, sys.services, 0, 127),
    KB("defaultContext", struct sys_line, sys.default_context),
    KEND};
enum { SYS_CONTEXT = 0, SYS_OBJECT_ID = 2, SYS_SERVICES = 6 };

static int tok_system(struct prt_profile *p, struct pdev *pd, struct words *w, const char *token,
                      char *err, size_t errlen)
{
    struct sys_line l;
    uint64_t seen;
    int rc;

    (void)p;
    memset(&l, 0, sizeof(l));
    l.sys = pd->d->sys;
    rc = prof_parse_keys(w, system_keys, &l, "system", token, &seen, err, errlen);
    if (rc != 0)
        return rc;
    if (seen == 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s needs at least one key", token);
    if ((seen & (UINT64_C(1) << SYS_CONTEXT)) && !prt_system_context_valid(l.sys.context))
        return prof_seterr(err, errlen, -PRT_EINVAL,
                           "context '%s' must be 1..%d letters, digits, '-', '_' or '.'",
                           l.sys.context, PRT_CONTEXT_MAX);
    if (seen & (UINT64_C(1) << SYS_OBJECT_ID)) {
        struct prt_oid o;
        if (prof_parse_oid(l.object_id, &o) != 0 ||
            o.len > sizeof(l.sys.object_id) / sizeof(l.sys.object_id[0]))
            return prof_seterr(err, errlen, -PRT_EINVAL,
                               "objectID '%s' is not a numeric OBJECT IDENTIFIER", l.object_id);
        memcpy(l.sys.object_id, o.ids, o.len * sizeof(o.ids[0]));
        l.sys.object_id_len = o.len;
    }
    if (seen & (UINT64_C(1) << SYS_SERVICES))
        l.sys.services_set = true;
    pd->d->sys = l.sys;
    return 0;
}

/* ---- the token table ---- */

/* Handlers in the same order as prt_profile_tokens (index 0 and 1 are
 * printdevDevice and printdevProfile, handled in prt_profile_line). */
const struct token_def prof_token_defs[] = {{"printdevDevice", NULL},
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
                                            {"printdevIdentity", NULL}, /* prt_profile.c */
                                            {"printdevSystem", tok_system},
                                            {NULL, NULL}};

const struct prt_profile_token prt_profile_tokens[] = {
    {"printdevDevice", "hrDeviceIndex name  (starts a device)"},
    {"printdevProfile", "path  (includes a profile file)"},
    {"printdevDescr", "\"hrDeviceDescr\""},
    {"printdevDeviceId", "hrDeviceID OID, e.g. 1.3.6.1.4.1.1552.20.10.2.6330"},
    {"printdevGeneral", PRT_PROFILE_USAGE_GENERAL " VALUE ..."},
    {"printdevLocalization", "index language LL country CC charset CHARSET"},
    {"printdevInput", "index " PRT_PROFILE_USAGE_INPUT "|low VALUE ..."},
    {"printdevOutput", "index " PRT_PROFILE_USAGE_OUTPUT "|nearFull VALUE ..."},
    {"printdevMarker", "index " PRT_PROFILE_USAGE_MARKER " VALUE ..."},
    {"printdevSupply", "index " PRT_PROFILE_USAGE_MARKER_SUPPLIES "|low|finisher VALUE ..."},
    {"printdevColorant", "index " PRT_PROFILE_USAGE_MARKER_COLORANT " VALUE ..."},
    {"printdevMediaPath", "index " PRT_PROFILE_USAGE_MEDIA_PATH " VALUE ..."},
    {"printdevChannel", "index " PRT_PROFILE_USAGE_CHANNEL " VALUE ..."},
    {"printdevInterpreter", "index " PRT_PROFILE_USAGE_INTERPRETER " VALUE ..."},
    {"printdevCover", "index " PRT_PROFILE_USAGE_COVER " VALUE ..."},
    {"printdevDisplay", "index text \"TEXT\""},
    {"printdevLight", "index " PRT_PROFILE_USAGE_CONSOLE_LIGHT "|role VALUE ..."},
    {"printdevStorageRef", "hrStorageIndex sequence"},
    {"printdevDeviceRef", "sequence device hrDeviceIndex"},
    {"printdevPort", "index " PRT_PROFILE_USAGE_PPM_PORT " VALUE ..."},
    {"printdevIeee1284Id", "\"MFG:...;MDL:...;CMD:...;\""},
    {"printdevFinisher", "\"finisher model\"  (one per line, up to 8)"},
    {"printdevRules", "tonerLow|tonerEmpty|inputLow|allTraysEmpty|allOutputsFull|"
                      "operatorIntervention|oceStatus|indexWrapZero|removalEntries|"
                      "alertTableSize|unaryMaxAge VALUE ..."},
    {"printdevIdentity", "\"printer-uuid or URI\"  (the feed's device add maps onto this device)"},
    {"printdevSystem", "context|descr|objectID|contact|name|location|services|"
                       "defaultContext VALUE ...  (own SNMP context, system group)"},
    {NULL, NULL}};
