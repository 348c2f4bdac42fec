/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipp_parse.h: strict parsers for the Printer-MIB rows that IPP printers
 * publish as octet strings -- PWG 5100.13 printer-supply,
 * printer-input-tray and printer-output-tray, and PWG 5100.9
 * printer-alert -- plus the text form of an IPP attribute set
 * (struct ipp_attrs) that both printdev-ipp and the tests fill.
 *
 * Pure C: no libcups, no Net-SNMP.  Every parser takes a byte string with
 * its length (octet strings may hold any byte), never reads past it,
 * and returns 0 or a negative IPP_E* with a message in err.
 */
#ifndef IPP_PARSE_H
#define IPP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
    PDIPP_OK = 0,
    PDIPP_ESYNTAX = -1,  /* not a key=value; list */
    PDIPP_EVALUE = -2,   /* a value out of range or not a known label */
    PDIPP_EMISSING = -3, /* a required key is absent */
    PDIPP_ENOMEM = -4,
    PDIPP_ETOOMANY = -5, /* more rows or values than printdev keeps */
};

#define PDIPP_TEXT_MAX 256 /* longest text kept from a key's value (MIB SIZE 255) */
#define PDIPP_NAME_MAX 64  /* names of trays, colorants (MIB SIZE 63) */

/* One PWG 5100.13 printer-supply value (RFC 3805 prtMarkerSuppliesEntry). */
struct ipp_supply {
    int32_t index;                 /* prtMarkerSuppliesIndex, 1.. */
    int32_t supply_class;          /* PrtMarkerSuppliesClassTC */
    int32_t type;                  /* PrtMarkerSuppliesTypeTC */
    int32_t unit;                  /* PrtMarkerSuppliesSupplyUnitTC */
    int32_t max;                   /* prtMarkerSuppliesMaxCapacity, -2.. */
    int32_t level;                 /* prtMarkerSuppliesLevel, -3.. */
    char colorant[PDIPP_NAME_MAX]; /* colorantname, "" when absent */
};

/* One printer-input-tray or printer-output-tray value. */
struct ipp_tray {
    int32_t type;     /* PrtInputTypeTC or PrtOutputTypeTC */
    int32_t unit;     /* PrtCapacityUnitTC */
    int32_t max;      /* maxcapacity, -2.. */
    int32_t level;    /* input: level; output: remaining (-3..) */
    int32_t status;   /* PrtSubUnitStatusTC bits, 0..126 */
    int32_t feed;     /* input: mediafeed, -2 when absent */
    int32_t xfeed;    /* input: mediaxfeed */
    int32_t stacking; /* output: PrtOutputStackingOrderTC, 2 (unknown) when absent */
    int32_t delivery; /* output: PrtOutputPageDeliveryOrientationTC, 4 (faceDown) */
    char name[PDIPP_NAME_MAX];
    char media[PDIPP_NAME_MAX]; /* input: medianame, else from media-col-ready */
    /* input, from media-col-ready (ipp_map.c): "" / -2 when not known */
    char media_type[PDIPP_NAME_MAX];
    char media_color[PDIPP_NAME_MAX];
    int32_t weight; /* g/m2 */
};

/* One PWG 5100.9 printer-alert value (an RFC 3805 prtAlertEntry). */
struct ipp_alert {
    int32_t code;        /* PrtAlertCodeTC */
    int32_t index;       /* the printer's prtAlertIndex, or 0 */
    int32_t severity;    /* PrtAlertSeverityLevelTC */
    int32_t training;    /* PrtAlertTrainingLevelTC, 2 (unknown) when absent */
    int32_t group;       /* PrtAlertGroupTC, 1 (other) when absent */
    int32_t group_index; /* -1 when absent */
    int32_t location;    /* -2 when absent */
};

int ipp_supply_parse(const char *s, size_t len, struct ipp_supply *out, char *err, size_t errlen);
int ipp_input_tray_parse(const char *s, size_t len, struct ipp_tray *out, char *err, size_t errlen);
int ipp_output_tray_parse(const char *s, size_t len, struct ipp_tray *out, char *err,
                          size_t errlen);
int ipp_alert_parse(const char *s, size_t len, struct ipp_alert *out, char *err, size_t errlen);

/* One media-col-ready value (PWG 5100.7 media-col), as libcups and ipptool
 * write a collection: {name=value name={...} ...}.  The members printdev
 * maps; absent ones are "" or -1 (weight -2).  Other members, and text
 * values with blanks in them, are skipped. */
struct ipp_media {
    char source[PDIPP_NAME_MAX]; /* media-source: the input tray's name */
    char name[PDIPP_NAME_MAX];   /* media-size-name, else media-key */
    char type[PDIPP_NAME_MAX];   /* media-type */
    char color[PDIPP_NAME_MAX];  /* media-color */
    int32_t x, y;                /* media-size x-/y-dimension, 1/100 mm */
    int32_t weight;              /* media-weight-metric, g/m2 */
};
int ipp_media_col_parse(const char *s, size_t len, struct ipp_media *out, char *err,
                        size_t errlen);

/* An IPP attribute set as text: each value as a NUL-terminated string
 * (integers in decimal, enums by keyword, octet strings as their bytes
 * with a NUL appended and their length kept). */
struct ipp_value {
    char *s;
    size_t len;
};
struct ipp_attr {
    char *name;
    struct ipp_value *v;
    size_t n;
};
struct ipp_attrs {
    struct ipp_attr *a;
    size_t n, cap;
};

#define PDIPP_ATTRS_MAX 1024 /* attributes kept per printer */
#define PDIPP_VALUES_MAX 256 /* values kept per attribute */

/* Appends one value to attribute name (created on first use). */
int ipp_attrs_add(struct ipp_attrs *as, const char *name, const char *value, size_t len);
const struct ipp_attr *ipp_attrs_get(const struct ipp_attrs *as, const char *name);
/* The first value of name, or NULL. */
const char *ipp_attrs_str(const struct ipp_attrs *as, const char *name);
void ipp_attrs_free(struct ipp_attrs *as);
/* Reads the attribute lines of `ipptool -tv ... get-printer-attributes.test`
 * ("    name (type) = v1,v2"); a "1setOf" value list is split at commas.
 * Returns the number of attributes read or a negative IPP_E*. */
int ipp_attrs_read_ipptool(struct ipp_attrs *as, FILE *f, char *err, size_t errlen);

#endif
