/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_set.c: unit tests of SET validation and application (prt_set.c):
 * which columns are writable, every error class (notWritable, wrongValue,
 * wrongLength, noCreation, inconsistentValue) for representative columns
 * of every table with writable objects, success paths with UNDO through
 * the returned old value, prtGeneralConfigChanges/generation accounting,
 * the prtGeneralReset semantics (an action run apart from the values) and
 * the exact undo of a request (prt_device_restore, prt_set_revert).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "prt_columns.h"
#include "prt_model.h"
#include "prt_profile.h"

static const char *const profile_lines[][2] = {
    {"printdevDevice", "1 set-test"},
    {"printdevGeneral", "printerName \"P1\" serial \"S-1\" displayLines 2 displayChars 20"},
    {"printdevLocalization", "1 language en country US charset csUTF8"},
    {"printdevLocalization", "2 language de country DE charset csUTF8"},
    {"printdevInput", "1 name \"Tray 1\" unit sheets max 500 level 400 feed 297000 xfeed 210000"},
    {"printdevInput", "2 name \"Tray 2\" unit sheets max -2 level -2"},
    {"printdevOutput", "1 name \"Bin\" unit sheets max 250 remaining 200"},
    {"printdevOutput", "2 name \"Stacker\" unit sheets max 1000 remaining 1000"},
    {"printdevMarker", "1 tech electrophotographicLaser lifeCount 1000 powerOnCount 50"},
    {"printdevColorant", "1 marker 1 value black"},
    {"printdevSupply", "1 marker 1 colorant 1 type toner unit percent max 100 level 80"},
    {"printdevMediaPath", "1 type simplex"},
    {"printdevInterpreter", "1 family langPS"},
    {"printdevInterpreter", "2 family langPJL"},
    {"printdevChannel", "1 type chPortTCP jobControlLang 2 pageDescLang 1"},
    {"printdevDisplay", "1 text \"Ready\""},
    {"printdevDisplay", "2 text \"\""},
    {"printdevLight", "1 description \"Power\" color green on 1000 role power"},
    {"printdevLight", "2 description \"Spare\" color white"},
    {"printdevCover", "1 description \"Front\""},
};

static struct prt_model *model;
static struct prt_device *dev;

static int setup(void)
{
    struct prt_profile *p = prt_profile_new();
    char err[512];
    size_t i;

    model = prt_model_new();
    if (p == NULL || model == NULL)
        return 1;
    for (i = 0; i < sizeof(profile_lines) / sizeof(profile_lines[0]); i++)
        if (prt_profile_line(p, "set.conf", (int)i + 1, profile_lines[i][0], profile_lines[i][1],
                             err, sizeof(err)) != 0) {
            fprintf(stderr, "line %zu: %s\n", i + 1, err);
            prt_profile_free(p);
            return 1;
        }
    if (prt_profile_finish(p, model, NULL, NULL) != 1) {
        prt_profile_free(p);
        return 1;
    }
    prt_profile_free(p);
    dev = prt_model_find(model, 1);
    return dev == NULL;
}

static int teardown(void)
{
    prt_model_free(model);
    model = NULL;
    dev = NULL;
    return 0;
}

/* Fresh device for each test that changes state. */
static void reload(void)
{
    teardown();
    CU_ASSERT_EQUAL_FATAL(setup(), 0);
}

static struct prt_value ival(int32_t i)
{
    struct prt_value v = {PRT_V_INT, i, NULL, 0};
    return v;
}

static struct prt_value sval(const char *s)
{
    struct prt_value v = {PRT_V_STRING, 0, s, strlen(s)};
    return v;
}

static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

static void test_writable_columns(void)
{
    static const int rw[][2] = {
        {PRT_T_GENERAL, PRT_COL_GENERAL_CURRENT_LOCALIZATION},
        {PRT_T_GENERAL, PRT_COL_GENERAL_RESET},
        {PRT_T_GENERAL, PRT_COL_GENERAL_CURRENT_OPERATOR},
        {PRT_T_GENERAL, PRT_COL_GENERAL_SERVICE_PERSON},
        {PRT_T_GENERAL, PRT_COL_INPUT_DEFAULT_INDEX},
        {PRT_T_GENERAL, PRT_COL_OUTPUT_DEFAULT_INDEX},
        {PRT_T_GENERAL, PRT_COL_MARKER_DEFAULT_INDEX},
        {PRT_T_GENERAL, PRT_COL_MEDIA_PATH_DEFAULT_INDEX},
        {PRT_T_GENERAL, PRT_COL_CONSOLE_LOCALIZATION},
        {PRT_T_GENERAL, PRT_COL_CONSOLE_DISABLE},
        {PRT_T_GENERAL, PRT_COL_AUXILIARY_SHEET_STARTUP_PAGE},
        {PRT_T_GENERAL, PRT_COL_AUXILIARY_SHEET_BANNER_PAGE},
        {PRT_T_GENERAL, PRT_COL_GENERAL_PRINTER_NAME},
        {PRT_T_GENERAL, PRT_COL_GENERAL_SERIAL_NUMBER},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_DECLARED},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_DIM_X_FEED_DIR_DECLARED},
        {PRT_T_INPUT, PRT_COL_INPUT_MAX_CAPACITY},
        {PRT_T_INPUT, PRT_COL_INPUT_CURRENT_LEVEL},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_NAME},
        {PRT_T_INPUT, PRT_COL_INPUT_NAME},
        {PRT_T_INPUT, PRT_COL_INPUT_SECURITY},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_WEIGHT},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_TYPE},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_COLOR},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_FORM_PARTS},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_LOAD_TIMEOUT},
        {PRT_T_INPUT, PRT_COL_INPUT_NEXT_INDEX},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_MAX_CAPACITY},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_REMAINING_CAPACITY},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_NAME},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_SECURITY},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_MAX_DIM_FEED_DIR},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_MAX_DIM_X_FEED_DIR},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_MIN_DIM_FEED_DIR},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_MIN_DIM_X_FEED_DIR},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_STACKING_ORDER},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_PAGE_DELIVERY_ORIENTATION},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_BURSTING},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_DECOLLATING},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_PAGE_COLLATED},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_OFFSET_STACKING},
        {PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_MAX_CAPACITY},
        {PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_LEVEL},
        {PRT_T_CHANNEL, PRT_COL_CHANNEL_CURRENT_JOB_CNTL_LANG_INDEX},
        {PRT_T_CHANNEL, PRT_COL_CHANNEL_DEFAULT_PAGE_DESC_LANG_INDEX},
        {PRT_T_CHANNEL, PRT_COL_CHANNEL_STATE},
        {PRT_T_CHANNEL, PRT_COL_CHANNEL_IF_INDEX},
        {PRT_T_INTERPRETER, PRT_COL_INTERPRETER_DEFAULT_ORIENTATION},
        {PRT_T_INTERPRETER, PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_IN},
        {PRT_T_INTERPRETER, PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_OUT},
        {PRT_T_DISPLAY, PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT},
        {PRT_T_LIGHT, PRT_COL_CONSOLE_ON_TIME},
        {PRT_T_LIGHT, PRT_COL_CONSOLE_OFF_TIME},
    };
    static const int ro[][2] = {
        {PRT_T_GENERAL, PRT_COL_GENERAL_CONFIG_CHANGES},
        {PRT_T_GENERAL, PRT_COL_CONSOLE_NUMBER_OF_DISPLAY_LINES},
        {PRT_T_GENERAL, PRT_COL_CONSOLE_NUMBER_OF_DISPLAY_CHARS},
        {PRT_T_GENERAL, PRT_COL_ALERT_CRITICAL_EVENTS},
        {PRT_T_GENERAL, PRT_COL_ALERT_ALL_EVENTS},
        {PRT_T_INPUT, PRT_COL_INPUT_INDEX},
        {PRT_T_INPUT, PRT_COL_INPUT_TYPE},
        {PRT_T_INPUT, PRT_COL_INPUT_DIM_UNIT},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_CHOSEN},
        {PRT_T_INPUT, PRT_COL_INPUT_MEDIA_DIM_X_FEED_DIR_CHOSEN},
        {PRT_T_INPUT, PRT_COL_INPUT_CAPACITY_UNIT},
        {PRT_T_INPUT, PRT_COL_INPUT_STATUS},
        {PRT_T_INPUT, PRT_COL_INPUT_VENDOR_NAME},
        {PRT_T_INPUT, PRT_COL_INPUT_DESCRIPTION},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_TYPE},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_STATUS},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_VENDOR_NAME},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_DESCRIPTION},
        {PRT_T_OUTPUT, PRT_COL_OUTPUT_DIM_UNIT},
        {PRT_T_MARKER, PRT_COL_MARKER_LIFE_COUNT},
        {PRT_T_MARKER, PRT_COL_MARKER_STATUS},
        {PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_MARKER_INDEX},
        {PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_DESCRIPTION},
        {PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_SUPPLY_UNIT},
        {PRT_T_COLORANT, PRT_COL_MARKER_COLORANT_VALUE},
        {PRT_T_MEDIA_PATH, PRT_COL_MEDIA_PATH_MAX_SPEED},
        {PRT_T_CHANNEL, PRT_COL_CHANNEL_TYPE},
        {PRT_T_CHANNEL, PRT_COL_CHANNEL_STATUS},
        {PRT_T_CHANNEL, PRT_COL_CHANNEL_INFORMATION},
        {PRT_T_INTERPRETER, PRT_COL_INTERPRETER_LANG_FAMILY},
        {PRT_T_INTERPRETER, PRT_COL_INTERPRETER_TWO_WAY},
        {PRT_T_DISPLAY, PRT_COL_CONSOLE_DISPLAY_BUFFER_INDEX},
        {PRT_T_LIGHT, PRT_COL_CONSOLE_COLOR},
        {PRT_T_LIGHT, PRT_COL_CONSOLE_DESCRIPTION},
        {PRT_T_COVER, PRT_COL_COVER_DESCRIPTION},
        {PRT_T_COVER, PRT_COL_COVER_STATUS},
        {PRT_T_LOCALIZATION, PRT_COL_LOCALIZATION_LANGUAGE},
        {PRT_T_ALERT, PRT_COL_ALERT_SEVERITY_LEVEL},
        {PRT_T_STORAGE_REF, PRT_COL_STORAGE_REF_INDEX},
        {PRT_T_DEVICE_REF, PRT_COL_DEVICE_REF_INDEX},
        {PRT_T_HR_DEVICE, PRT_COL_HR_DEVICE_DESCR},
        {PRT_T_HR_PRINTER, PRT_COL_HR_PRINTER_STATUS},
        {PRT_T_PPM_PORT, PRT_COL_PPM_PORT_SERVICE_NAME_OR_URI},
        {PRT_T_PPM_PRINTER, PRT_COL_PPM_PRINTER_IEEE1284_DEVICE_ID},
        {99, 1},
    };
    size_t i;

    for (i = 0; i < sizeof(rw) / sizeof(rw[0]); i++) {
        CU_ASSERT_TRUE(prt_column_writable(rw[i][0], rw[i][1]));
        CU_ASSERT_NOT_EQUAL(prt_column_kind(rw[i][0], rw[i][1]), 0);
    }
    for (i = 0; i < sizeof(ro) / sizeof(ro[0]); i++) {
        CU_ASSERT_FALSE(prt_column_writable(ro[i][0], ro[i][1]));
        CU_ASSERT_EQUAL(prt_column_kind(ro[i][0], ro[i][1]), 0);
    }
    CU_ASSERT_EQUAL(prt_column_kind(PRT_T_GENERAL, PRT_COL_GENERAL_CURRENT_OPERATOR), PRT_V_STRING);
    CU_ASSERT_EQUAL(prt_column_kind(PRT_T_INPUT, PRT_COL_INPUT_CURRENT_LEVEL), PRT_V_INT);
}

static void test_not_writable(void)
{
    struct prt_value v = ival(5);
    struct prt_value s = sval("x");

    /* read-only columns of every table, existing rows or not */
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CONFIG_CHANGES, &v),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_CONSOLE_NUMBER_OF_DISPLAY_LINES, &v),
        -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_COVER, 1, PRT_COL_COVER_STATUS, &v), -PRT_ERDONLY);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_LOCALIZATION, 1, PRT_COL_LOCALIZATION_CHARACTER_SET, &v),
        -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_TYPE, &v), -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 99, PRT_COL_INPUT_TYPE, &v), -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_CAPACITY_UNIT, &v),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_MARKER, 1, PRT_COL_MARKER_LIFE_COUNT, &v),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_SUPPLY, 1, PRT_COL_MARKER_SUPPLIES_DESCRIPTION, &s),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_COLORANT, 1, PRT_COL_MARKER_COLORANT_VALUE, &s),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_MEDIA_PATH, 1, PRT_COL_MEDIA_PATH_TYPE, &v),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_TYPE, &v), -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INTERPRETER, 1, PRT_COL_INTERPRETER_LANG_FAMILY, &v),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_LIGHT, 1, PRT_COL_CONSOLE_COLOR, &v), -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_ALERT, 1, PRT_COL_ALERT_CODE, &v), -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_HR_DEVICE, 1, PRT_COL_HR_DEVICE_DESCR, &s),
                    -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_PPM_PORT, 1, PRT_COL_PPM_PORT_SERVICE_NAME_OR_URI, &s),
                    -PRT_ERDONLY);
}

static void test_no_row(void)
{
    struct prt_value v = ival(1);
    struct prt_value s = sval("x");
    struct prt_value old;
    char buf[256];

    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 2, PRT_COL_GENERAL_CURRENT_LOCALIZATION, &v),
                    -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 3, PRT_COL_INPUT_CURRENT_LEVEL, &v),
                    -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 3, PRT_COL_INPUT_NAME, &s), -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 3, PRT_COL_OUTPUT_REMAINING_CAPACITY, &v),
                    -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_SUPPLY, 2, PRT_COL_MARKER_SUPPLIES_LEVEL, &v),
                    -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_CHANNEL, 2, PRT_COL_CHANNEL_STATE, &v), -PRT_ENOENT);
    v.i = 3;
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_INTERPRETER, 3, PRT_COL_INTERPRETER_DEFAULT_ORIENTATION, &v),
        -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_DISPLAY, 3, PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT, &s),
                    -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_LIGHT, 3, PRT_COL_CONSOLE_ON_TIME, &v), -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_check(NULL, PRT_T_LIGHT, 2, PRT_COL_CONSOLE_ON_TIME, &v), -PRT_ENOENT);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 3, PRT_COL_INPUT_CURRENT_LEVEL, &v, &old, buf, sizeof(buf)),
        -PRT_ENOENT);
    /* both row conventions of the general table work */
    v.i = 2;
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CURRENT_LOCALIZATION, &v),
                    0);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 1, PRT_COL_GENERAL_CURRENT_LOCALIZATION, &v),
                    0);
}

static void test_wrong_value(void)
{
    struct prt_value v;
    struct prt_value s;

    /* integer ranges from the SYNTAX */
    v = ival(0);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CURRENT_LOCALIZATION, &v),
                    -PRT_EINVAL);
    v = ival(65536);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_INPUT_DEFAULT_INDEX, &v),
                    -PRT_EINVAL);
    v = ival(-3);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_DECLARED, &v),
        -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MAX_CAPACITY, &v),
                    -PRT_EINVAL);
    v = ival(-4);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &v),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NEXT_INDEX, &v), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_REMAINING_CAPACITY, &v),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_SUPPLY, 1, PRT_COL_MARKER_SUPPLIES_LEVEL, &v),
                    -PRT_EINVAL);
    v = ival(-3);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_SUPPLY, 1, PRT_COL_MARKER_SUPPLIES_MAX_CAPACITY, &v),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_MAX_DIM_FEED_DIR, &v),
                    -PRT_EINVAL);
    v = ival(65536);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_CURRENT_JOB_CNTL_LANG_INDEX, &v),
        -PRT_EINVAL);
    v = ival(-1);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_IF_INDEX, &v),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_LIGHT, 2, PRT_COL_CONSOLE_ON_TIME, &v), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_LIGHT, 2, PRT_COL_CONSOLE_OFF_TIME, &v), -PRT_EINVAL);
    /* enumerations: only assigned values of the TC */
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &v), -PRT_EINVAL);
    v = ival(7);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &v), -PRT_EINVAL);
    v = ival(5);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_CONSOLE_DISABLE, &v), -PRT_EINVAL);
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_AUXILIARY_SHEET_STARTUP_PAGE, &v),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_SECURITY, &v), -PRT_EINVAL);
    v = ival(1); /* PrtOutputStackingOrderTC has no other(1) */
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_STACKING_ORDER, &v),
                    -PRT_EINVAL);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_PAGE_DELIVERY_ORIENTATION, &v),
        -PRT_EINVAL);
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_STATE, &v), -PRT_EINVAL);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_INTERPRETER, 1, PRT_COL_INTERPRETER_DEFAULT_ORIENTATION, &v),
        -PRT_EINVAL);
    v = ival(0);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_INTERPRETER, 1, PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_IN, &v),
        -PRT_EINVAL);
    v = ival(3000);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_INTERPRETER, 1, PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_OUT, &v),
        -PRT_EINVAL);
    /* the assigned neighbours pass */
    v = ival(5);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &v), 0);
    v = ival(4);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_STACKING_ORDER, &v), 0);
    v = ival(106);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_INTERPRETER, 1, PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_IN, &v), 0);
    /* a value of the wrong kind */
    s = sval("3");
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &s), -PRT_EINVAL);
    v = ival(3);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &v),
                    -PRT_EINVAL);
    /* control characters are refused */
    s = sval("bad\nname");
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &s),
                    -PRT_EINVAL);
    s.s = "nul\0byte";
    s.len = 8;
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NAME, &s), -PRT_EINVAL);
}

static void test_wrong_length(void)
{
    char *s127 = repeat('a', 127), *s128 = repeat('b', 128);
    char *s63 = repeat('c', 63), *s64 = repeat('d', 64);
    char *s255 = repeat('e', 255), *s256 = repeat('f', 256);
    struct prt_value v;

    v = sval(s127);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CURRENT_OPERATOR, &v), 0);
    v = sval(s128);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CURRENT_OPERATOR, &v),
                    -PRT_ETOOLONG);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &v),
                    -PRT_ETOOLONG);
    v = sval(s255);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_SERIAL_NUMBER, &v), 0);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_DISPLAY, 1, PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT, &v),
                    0);
    v = sval(s256);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_SERIAL_NUMBER, &v),
                    -PRT_ETOOLONG);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_DISPLAY, 1, PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT, &v),
                    -PRT_ETOOLONG);
    v = sval(s63);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_NAME, &v), 0);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_NAME, &v), 0);
    v = sval(s64);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_NAME, &v),
                    -PRT_ETOOLONG);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_COLOR, &v),
                    -PRT_ETOOLONG);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_NAME, &v), -PRT_ETOOLONG);
    /* wrongLength wins over a missing row */
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 9, PRT_COL_OUTPUT_NAME, &v), -PRT_ETOOLONG);
    free(s127);
    free(s128);
    free(s63);
    free(s64);
    free(s255);
    free(s256);
}

static void test_inconsistent(void)
{
    struct prt_value v;

    /* default indexes must name existing rows */
    v = ival(3);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CURRENT_LOCALIZATION, &v),
                    -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_INPUT_DEFAULT_INDEX, &v),
                    -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_OUTPUT_DEFAULT_INDEX, &v),
                    -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_MARKER_DEFAULT_INDEX, &v),
                    -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_MEDIA_PATH_DEFAULT_INDEX, &v),
                    -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_CONSOLE_LOCALIZATION, &v),
                    -PRT_EINCONSISTENT);
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_INPUT_DEFAULT_INDEX, &v), 0);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_OUTPUT_DEFAULT_INDEX, &v), 0);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_CONSOLE_LOCALIZATION, &v), 0);
    /* levels against capacities */
    v = ival(501);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &v),
                    -PRT_EINCONSISTENT);
    v = ival(500);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &v), 0);
    v = ival(100000); /* tray 2 has an unknown maximum */
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 2, PRT_COL_INPUT_CURRENT_LEVEL, &v), 0);
    v = ival(399); /* tray 1 holds 400 sheets */
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MAX_CAPACITY, &v),
                    -PRT_EINCONSISTENT);
    v = ival(-1);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MAX_CAPACITY, &v), 0);
    v = ival(251);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_REMAINING_CAPACITY, &v),
                    -PRT_EINCONSISTENT);
    v = ival(199);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_MAX_CAPACITY, &v),
                    -PRT_EINCONSISTENT);
    v = ival(101);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_SUPPLY, 1, PRT_COL_MARKER_SUPPLIES_LEVEL, &v),
                    -PRT_EINCONSISTENT);
    v = ival(79);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_SUPPLY, 1, PRT_COL_MARKER_SUPPLIES_MAX_CAPACITY, &v),
                    -PRT_EINCONSISTENT);
    v = ival(-3);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_SUPPLY, 1, PRT_COL_MARKER_SUPPLIES_LEVEL, &v), 0);
    /* output media size limits: minimum not above maximum */
    reload();
    v = ival(100000);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_MIN_DIM_FEED_DIR, &v), 0);
    prt_output_find(dev, 1)->max_dim_feed = 90000;
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_MIN_DIM_FEED_DIR, &v),
                    -PRT_EINCONSISTENT);
    prt_output_find(dev, 1)->min_dim_xfeed = 50000;
    v = ival(40000);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_MAX_DIM_X_FEED_DIR, &v),
                    -PRT_EINCONSISTENT);
    v = ival(-1);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_OUTPUT, 1, PRT_COL_OUTPUT_MAX_DIM_X_FEED_DIR, &v), 0);
    /* next input: another existing tray */
    v = ival(1);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NEXT_INDEX, &v),
                    -PRT_EINCONSISTENT);
    v = ival(7);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NEXT_INDEX, &v),
                    -PRT_EINCONSISTENT);
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NEXT_INDEX, &v), 0);
    /* channel languages: 0 or an interpreter */
    v = ival(3);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_CURRENT_JOB_CNTL_LANG_INDEX, &v),
        -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_DEFAULT_PAGE_DESC_LANG_INDEX, &v),
        -PRT_EINCONSISTENT);
    v = ival(0);
    CU_ASSERT_EQUAL(
        prt_set_check(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_DEFAULT_PAGE_DESC_LANG_INDEX, &v), 0);
    /* a rule-driven light cannot be written, a plain one can */
    v = ival(500);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_LIGHT, 1, PRT_COL_CONSOLE_ON_TIME, &v),
                    -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_LIGHT, 2, PRT_COL_CONSOLE_ON_TIME, &v), 0);
}

static void test_check_changes_nothing(void)
{
    struct prt_device *copy = prt_device_clone(dev);
    struct prt_value v = ival(10);
    struct prt_value s = sval("new name");

    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &v), 0);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NAME, &s), 0);
    v = ival(5);
    CU_ASSERT_EQUAL(prt_set_check(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_EQUAL(dev->generation, copy->generation);
    CU_ASSERT_EQUAL(memcmp(dev->inputs, copy->inputs, dev->n_inputs * sizeof(*dev->inputs)), 0);
    CU_ASSERT_EQUAL(memcmp(&dev->general, &copy->general, sizeof(dev->general)), 0);
    prt_device_free(copy);
}

static void test_apply_int_and_undo(void)
{
    struct prt_value v = ival(123), old, back;
    char buf[256];
    uint64_t gen;
    uint32_t cc;

    reload();
    gen = dev->generation;
    cc = dev->general.config_changes;
    /* a level is status: generation moves, config changes do not */
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &v, &old, buf, sizeof(buf)),
        0);
    CU_ASSERT_EQUAL(old.kind, PRT_V_INT);
    CU_ASSERT_EQUAL(old.i, 400);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->current_level, 123);
    CU_ASSERT_EQUAL(dev->generation, gen + 1);
    CU_ASSERT_EQUAL(dev->general.config_changes, cc);
    /* UNDO with the returned old value */
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &old, &back,
                                  buf, sizeof(buf)),
                    0);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->current_level, 400);
    CU_ASSERT_EQUAL(back.i, 123);
    /* a capacity is configuration */
    v = ival(600);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MAX_CAPACITY, &v, &old, buf, sizeof(buf)),
        0);
    CU_ASSERT_EQUAL(old.i, 500);
    CU_ASSERT_EQUAL(dev->general.config_changes, cc + 1);
    /* writing the same value again is no configuration change */
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MAX_CAPACITY, &v, &old, buf, sizeof(buf)),
        0);
    CU_ASSERT_EQUAL(dev->general.config_changes, cc + 1);
    /* general default index, channel, interpreter, light */
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_GENERAL, 1, PRT_COL_INPUT_DEFAULT_INDEX, &v, &old, buf,
                                  sizeof(buf)),
                    0);
    CU_ASSERT_EQUAL(dev->general.input_default_index, 2);
    CU_ASSERT_EQUAL(old.i, 1);
    v = ival(PrtChannelStateTC_noDataAccepted);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_CHANNEL, 1, PRT_COL_CHANNEL_STATE, &v, &old, buf, sizeof(buf)), 0);
    CU_ASSERT_EQUAL(prt_channel_find(dev, 1)->state, PrtChannelStateTC_noDataAccepted);
    v = ival(PrtPrintOrientationTC_landscape);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_INTERPRETER, 2,
                                  PRT_COL_INTERPRETER_DEFAULT_ORIENTATION, &v, &old, buf,
                                  sizeof(buf)),
                    0);
    CU_ASSERT_EQUAL(prt_interpreter_find(dev, 2)->default_orientation,
                    PrtPrintOrientationTC_landscape);
    v = ival(250);
    cc = dev->general.config_changes;
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_LIGHT, 2, PRT_COL_CONSOLE_OFF_TIME, &v, &old, buf, sizeof(buf)),
        0);
    CU_ASSERT_EQUAL(prt_light_find(dev, 2)->off_time, 250);
    CU_ASSERT_EQUAL(dev->general.config_changes, cc);
    /* supplies and outputs */
    v = ival(12);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_SUPPLY, 1, PRT_COL_MARKER_SUPPLIES_LEVEL, &v, &old,
                                  buf, sizeof(buf)),
                    0);
    CU_ASSERT_EQUAL(prt_supply_find(dev, 1)->level, 12);
    CU_ASSERT_EQUAL(old.i, 80);
    v = ival(PresentOnOff_on);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_OUTPUT, 2, PRT_COL_OUTPUT_OFFSET_STACKING, &v, &old,
                                  buf, sizeof(buf)),
                    0);
    CU_ASSERT_EQUAL(prt_output_find(dev, 2)->offset_stacking, PresentOnOff_on);
    CU_ASSERT_EQUAL(old.i, PresentOnOff_notPresent);
}

static void test_apply_string_and_undo(void)
{
    struct prt_value v = sval("Big tray"), old;
    char buf[256], saved[256];
    uint32_t cc;

    reload();
    cc = dev->general.config_changes;
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NAME, &v, &old, buf, sizeof(buf)), 0);
    CU_ASSERT_STRING_EQUAL(prt_input_find(dev, 1)->name, "Big tray");
    CU_ASSERT_EQUAL(old.kind, PRT_V_STRING);
    CU_ASSERT_EQUAL(old.len, 6);
    CU_ASSERT_EQUAL(memcmp(old.s, "Tray 1", 6), 0);
    CU_ASSERT_EQUAL(dev->general.config_changes, cc + 1);
    memcpy(saved, buf, sizeof(saved));
    old.s = saved;
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_NAME, &old, NULL, NULL, 0), 0);
    CU_ASSERT_STRING_EQUAL(prt_input_find(dev, 1)->name, "Tray 1");
    /* empty string */
    v = sval("");
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CURRENT_OPERATOR, &v, &old,
                                  buf, sizeof(buf)),
                    0);
    CU_ASSERT_STRING_EQUAL(dev->general.current_operator, "");
    /* old buffer too small: refused, nothing changed */
    v = sval("X");
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &v, &old, buf, 2),
        -PRT_ETOOLONG);
    CU_ASSERT_STRING_EQUAL(dev->general.printer_name, "P1");
    /* display text: status, and the written text is kept by the rules */
    cc = dev->general.config_changes;
    dev->console_text_from_feed = false;
    v = sval("Call operator");
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_DISPLAY, 2, PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT, &v,
                                  &old, buf, sizeof(buf)),
                    0);
    CU_ASSERT_STRING_EQUAL(prt_display_find(dev, 2)->text, "Call operator");
    CU_ASSERT_TRUE(dev->console_text_from_feed);
    CU_ASSERT_EQUAL(dev->general.config_changes, cc);
}

static void test_apply_refuses_bad(void)
{
    struct prt_device *copy;
    struct prt_value v = ival(9999), old;
    char buf[256];

    reload();
    copy = prt_device_clone(dev);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &v, &old, buf, sizeof(buf)),
        -PRT_EINCONSISTENT);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_MARKER, 1, PRT_COL_MARKER_LIFE_COUNT, &v, &old, buf, sizeof(buf)),
        -PRT_ERDONLY);
    v = ival(1);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &v, &old, buf, sizeof(buf)),
        -PRT_EINVAL);
    CU_ASSERT_EQUAL(dev->generation, copy->generation);
    CU_ASSERT_EQUAL(memcmp(dev->inputs, copy->inputs, dev->n_inputs * sizeof(*dev->inputs)), 0);
    CU_ASSERT_EQUAL(memcmp(&dev->general, &copy->general, sizeof(dev->general)), 0);
    prt_device_free(copy);
}

static void test_declared_dims_follow(void)
{
    struct prt_value v = ival(420000), old;
    char buf[256];

    reload();
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->dim_feed_chosen, 297000);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_DECLARED,
                                  &v, &old, buf, sizeof(buf)),
                    0);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->dim_feed_declared, 420000);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->dim_feed_chosen, 420000);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_DECLARED,
                                  &old, NULL, NULL, 0),
                    0);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->dim_feed_chosen, 297000);
    /* a sensed chosen size different from the declared one is kept */
    prt_input_find(dev, 1)->dim_xfeed_chosen = 200000;
    v = ival(297000);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_DIM_X_FEED_DIR_DECLARED,
                                  &v, &old, buf, sizeof(buf)),
                    0);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->dim_xfeed_chosen, 200000);
}

static void add_alert(struct prt_device *d, int32_t index)
{
    struct prt_alert *na = realloc(d->alerts, (d->n_alerts + 1) * sizeof(*na));

    CU_ASSERT_PTR_NOT_NULL_FATAL(na);
    memset(&na[d->n_alerts], 0, sizeof(*na));
    na[d->n_alerts].index = index;
    d->alerts = na;
    d->n_alerts++;
}

static void test_reset(void)
{
    struct prt_value v, old, name = sval("Renamed");
    char buf[256];
    uint32_t cc;

    reload();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dev->factory);
    add_alert(dev, 7);
    dev->next_alert_index = 8;
    dev->general.alert_all_events = 7;
    dev->general.alert_critical_events = 2;
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &name, &old,
                                  buf, sizeof(buf)),
                    0);

    /* notResetting(3): nothing happens */
    v = ival(PrtGeneralResetTC_notResetting);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_EQUAL(dev->n_alerts, 1);
    CU_ASSERT_EQUAL(prt_marker_find(dev, 1)->power_on_count, 50);

    /* resetToNVRAM(5): restart with the current configuration */
    cc = dev->general.config_changes;
    v = ival(PrtGeneralResetTC_resetToNVRAM);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_EQUAL(dev->general.reset, PrtGeneralResetTC_notResetting);
    CU_ASSERT_EQUAL(dev->n_alerts, 0);
    CU_ASSERT_EQUAL(dev->next_alert_index, 1);
    CU_ASSERT_EQUAL(dev->general.alert_all_events, 0);
    CU_ASSERT_EQUAL(dev->general.alert_critical_events, 0);
    CU_ASSERT_EQUAL(prt_marker_find(dev, 1)->power_on_count, 0);
    CU_ASSERT_EQUAL(prt_marker_find(dev, 1)->life_count, 1000);
    CU_ASSERT_STRING_EQUAL(dev->general.printer_name, "Renamed");
    CU_ASSERT_EQUAL(dev->general.config_changes, cc);

    /* powerCycleReset(4) behaves the same */
    add_alert(dev, 1);
    v = ival(PrtGeneralResetTC_powerCycleReset);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_EQUAL(dev->n_alerts, 0);
    CU_ASSERT_STRING_EQUAL(dev->general.printer_name, "Renamed");

    /* resetToFactoryDefaults(6): the profile's configuration comes back,
     * levels stay what the sensors said */
    v = ival(700);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MAX_CAPACITY, &v, &old, buf, sizeof(buf)),
        0);
    v = ival(650);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_CURRENT_LEVEL, &v, &old, buf, sizeof(buf)),
        0);
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_INPUT_DEFAULT_INDEX, &v, &old, buf,
                                  sizeof(buf)),
                    0);
    cc = dev->general.config_changes;
    v = ival(PrtGeneralResetTC_resetToFactoryDefaults);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_STRING_EQUAL(dev->general.printer_name, "P1");
    CU_ASSERT_EQUAL(dev->general.input_default_index, 1);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->max_capacity, 500);
    /* the level is clamped to the restored capacity */
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->current_level, 500);
    CU_ASSERT_EQUAL(dev->general.config_changes, cc + 1);
    CU_ASSERT_EQUAL(dev->general.reset, PrtGeneralResetTC_notResetting);
}

static void test_reset_without_factory(void)
{
    struct prt_device *d = prt_device_clone(dev);
    struct prt_value v = sval("Other"), old;
    char buf[256];

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NULL(d->factory);
    CU_ASSERT_EQUAL(prt_set_apply(d, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &v, &old, buf,
                                  sizeof(buf)),
                    0);
    v = ival(PrtGeneralResetTC_resetToFactoryDefaults);
    CU_ASSERT_EQUAL(prt_set_action(d, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_STRING_EQUAL(d->general.printer_name, "Other");
    prt_device_free(d);
}

/* prtGeneralReset is an action: prt_set_apply only checks it (a request
 * with a bad varbind must not have reset anything), prt_set_action runs it
 * and refuses what prt_set_check refuses. */
static void test_reset_is_action(void)
{
    struct prt_value v, old;
    char buf[256];
    uint64_t gen;

    reload();
    CU_ASSERT_TRUE(prt_set_is_action(PRT_T_GENERAL, 3));
    CU_ASSERT_FALSE(prt_set_is_action(PRT_T_GENERAL, 4));
    CU_ASSERT_FALSE(prt_set_is_action(PRT_T_INPUT, 3));
    add_alert(dev, 3);
    gen = dev->generation;
    v = ival(PrtGeneralResetTC_powerCycleReset);
    CU_ASSERT_EQUAL(
        prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &v, &old, buf, sizeof(buf)), 0);
    CU_ASSERT_EQUAL(old.i, PrtGeneralResetTC_notResetting);
    CU_ASSERT_EQUAL(dev->n_alerts, 1);
    CU_ASSERT_EQUAL(prt_marker_find(dev, 1)->power_on_count, 50);
    CU_ASSERT_EQUAL(dev->generation, gen);
    v = ival(2);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), -PRT_EINVAL);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_CURRENT_OPERATOR, &v),
                    -PRT_ERDONLY);
    v = ival(PrtGeneralResetTC_notResetting);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_EQUAL(dev->generation, gen);
    CU_ASSERT_EQUAL(dev->n_alerts, 1);
    v = ival(PrtGeneralResetTC_powerCycleReset);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    CU_ASSERT_EQUAL(dev->n_alerts, 0);
    CU_ASSERT(dev->generation > gen);
}

#define SAME_ROWS(a, b, arr, n)                                                                    \
    ((a)->n == (b)->n &&                                                                           \
     ((a)->n == 0 || memcmp((a)->arr, (b)->arr, (a)->n * sizeof(*(a)->arr)) == 0))

/* Everything a SET, a reset or the rules can change on a device. */
static int same_device(const struct prt_device *a, const struct prt_device *b)
{
    return a->generation == b->generation && a->saved_generation == b->saved_generation &&
           memcmp(&a->general, &b->general, sizeof(a->general)) == 0 &&
           a->next_alert_index == b->next_alert_index &&
           a->console_text_from_feed == b->console_text_from_feed &&
           a->n_rules_pending == b->n_rules_pending && SAME_ROWS(a, b, alerts, n_alerts) &&
           SAME_ROWS(a, b, inputs, n_inputs) && SAME_ROWS(a, b, outputs, n_outputs) &&
           SAME_ROWS(a, b, markers, n_markers) && SAME_ROWS(a, b, supplies, n_supplies) &&
           SAME_ROWS(a, b, channels, n_channels) && SAME_ROWS(a, b, interpreters, n_interpreters) &&
           SAME_ROWS(a, b, display, n_display) && SAME_ROWS(a, b, lights, n_lights);
}

/* A SET request's undo: the snapshot taken before its first write brings
 * back every value, the counters (prtGeneralConfigChanges, the generation
 * behind printdevDeviceStateSaved), the alerts and prtAlertIndex a reset
 * cleared, and the chosen media size that followed a declared one; the
 * device pointer stays the same and its factory copy stays. */
static void test_restore_exact(void)
{
    struct prt_device *before, *snap;
    struct prt_device *factory;
    struct prt_value v, old, name = sval("Undone");
    char buf[256];

    reload();
    add_alert(dev, 4);
    dev->next_alert_index = 5;
    dev->saved_generation = dev->generation;
    factory = dev->factory;
    before = prt_device_clone(dev);
    snap = prt_device_clone(dev);
    CU_ASSERT_PTR_NOT_NULL_FATAL(before);
    CU_ASSERT_PTR_NOT_NULL_FATAL(snap);

    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &name, &old,
                                  buf, sizeof(buf)),
                    0);
    v = ival(210001);
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_INPUT, 1, PRT_COL_INPUT_MEDIA_DIM_X_FEED_DIR_DECLARED,
                                  &v, &old, buf, sizeof(buf)),
                    0);
    v = sval("Hello");
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_DISPLAY, 2, PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT, &v,
                                  &old, buf, sizeof(buf)),
                    0);
    v = ival(PrtGeneralResetTC_resetToFactoryDefaults);
    CU_ASSERT_EQUAL(prt_set_action(dev, PRT_T_GENERAL, PRT_COL_GENERAL_RESET, &v), 0);
    add_alert(dev, 1); /* as the rules would after the restart */
    dev->next_alert_index = 2;
    CU_ASSERT_FALSE(same_device(dev, before));

    prt_device_restore(dev, snap);
    CU_ASSERT_TRUE(same_device(dev, before));
    CU_ASSERT_PTR_EQUAL(dev->factory, factory);
    CU_ASSERT_PTR_EQUAL(prt_model_find(model, dev->hr_index), dev);
    CU_ASSERT_EQUAL(dev->n_alerts, 1);
    CU_ASSERT_EQUAL(dev->next_alert_index, 5);
    CU_ASSERT_EQUAL(prt_input_find(dev, 1)->dim_xfeed_chosen, before->inputs[0].dim_xfeed_chosen);
    CU_ASSERT_EQUAL(dev->saved_generation, dev->generation);
    prt_device_free(before);
}

/* prt_set_revert puts a value back without counting a configuration
 * change; the generation moves (the device changed); value rules hold. */
static void test_revert(void)
{
    struct prt_value v, old, name = sval("Reverted");
    char buf[256];
    uint32_t cc;
    uint64_t gen;

    reload();
    CU_ASSERT_EQUAL(prt_set_apply(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &name, &old,
                                  buf, sizeof(buf)),
                    0);
    cc = dev->general.config_changes;
    gen = dev->generation;
    CU_ASSERT_EQUAL(prt_set_revert(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_PRINTER_NAME, &old), 0);
    CU_ASSERT_STRING_EQUAL(dev->general.printer_name, "P1");
    CU_ASSERT_EQUAL(dev->general.config_changes, cc);
    CU_ASSERT(dev->generation > gen);
    v = ival(99);
    CU_ASSERT_EQUAL(prt_set_revert(dev, PRT_T_GENERAL, 0, PRT_COL_CONSOLE_DISABLE, &v),
                    -PRT_EINVAL);
    v = ival(4);
    CU_ASSERT_EQUAL(prt_set_revert(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_RESET, &v), -PRT_ERDONLY);
    CU_ASSERT_EQUAL(prt_set_revert(dev, PRT_T_INPUT, 99, PRT_COL_INPUT_CURRENT_LEVEL, &v),
                    -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_set_revert(dev, PRT_T_GENERAL, 0, PRT_COL_GENERAL_CONFIG_CHANGES, &v),
                    -PRT_ERDONLY);
}

static void register_set_suite(void)
{
    CU_pSuite s = cu_add_suite("set", setup, teardown);

    CU_ADD(s, test_writable_columns);
    CU_ADD(s, test_not_writable);
    CU_ADD(s, test_no_row);
    CU_ADD(s, test_wrong_value);
    CU_ADD(s, test_wrong_length);
    CU_ADD(s, test_inconsistent);
    CU_ADD(s, test_check_changes_nothing);
    CU_ADD(s, test_apply_int_and_undo);
    CU_ADD(s, test_apply_string_and_undo);
    CU_ADD(s, test_apply_refuses_bad);
    CU_ADD(s, test_declared_dims_follow);
    CU_ADD(s, test_reset);
    CU_ADD(s, test_reset_without_factory);
    CU_ADD(s, test_reset_is_action);
    CU_ADD(s, test_restore_exact);
    CU_ADD(s, test_revert);
}

const cu_registrar cu_suites[] = {register_set_suite, NULL};
