/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_parse.c: parser for the text snmptrapd (Net-SNMP 5.9) writes to a
 * traphandle program, in the default layout and in the layout of our
 * `format execute` line (trap_parse.h).
 *
 * One pass over the input, two allocations per trap (an arena that holds
 * every string of the result, and the varbind array), no recursion.  The
 * input is checked against the limits first (size, line length, number of
 * lines), so nothing later can run away.  Anything that is not what
 * snmptrapd writes is an error with the line number; what was parsed before
 * stays in the result so that the handler can still log an "unparsed" event
 * with the sender and the trap OID.
 *
 * Value forms (quick-print, as snmptrapd forces for handlers; the typed
 * forms "TYPE: value" are accepted as well):
 *   "text"            STRING (\" and \\ unescaped; may span lines)
 *   "DE AD 00 "       Hex-STRING (octets that are not all printable),
 *                     wrapped after 16 octets
 *   42, -2            INTEGER (also Counter32/Gauge32/Counter64/UInteger)
 *   name(3), name     INTEGER shown with its enum label (-m with MIBs loaded
 *                     prints the bare label)
 *   0:0:20:34.56      Timeticks d:h:mm:ss.cc
 *   192.0.2.7         IpAddress
 *   iso.3.6..., .1.3..., MOD::name.1   OBJECT IDENTIFIER
 *   NULL              NULL
 *   1.500000, 01 02   Opaque (float/double, or raw octets)
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printdev_mib.h"
#include "trap_parse.h"

#define ERRBUF 256

/* Numeric OIDs the parser itself uses. */
#define OID_SYSUPTIME0 "1.3.6.1.2.1.1.3.0"
#define OID_TRAPOID0 "1.3.6.1.6.3.1.1.4.1.0"
#define OID_TRAPENTERPRISE0 "1.3.6.1.6.3.1.1.4.3.0"
#define OID_TRAPADDRESS0 "1.3.6.1.6.3.18.1.3.0"
#define OID_TRAPCOMMUNITY0 "1.3.6.1.6.3.18.1.4.0"
#define OID_SNMPTRAPS "1.3.6.1.6.3.1.1.5"

/* Symbolic names snmptrapd prints when MIB files are installed, for the
 * objects a printer trap handler cares about (sorted by name for bsearch).
 * Sources: SNMPv2-SMI, SNMPv2-MIB (RFC 3418), IF-MIB (RFC 2863),
 * HOST-RESOURCES-MIB (RFC 2790), Printer-MIB (RFC 3805), NET-SNMP-MIB,
 * NET-SNMP-TC, NET-SNMP-AGENT-MIB, SNMP-COMMUNITY-MIB (RFC 3584) and our
 * PRINTDEV-MIB. */
struct oid_name {
    const char *name;
    const char *oid;
};
static const struct oid_name oid_names[] = {
    {"authenticationFailure", "1.3.6.1.6.3.1.1.5.5"},
    {"coldStart", "1.3.6.1.6.3.1.1.5.1"},
    {"egpNeighborLoss", "1.3.6.1.6.3.1.1.5.6"},
    {"enterprises", "1.3.6.1.4.1"},
    {"experimental", "1.3.6.1.3"},
    {"hrDeviceDescr", "1.3.6.1.2.1.25.3.2.1.3"},
    {"hrDeviceErrors", "1.3.6.1.2.1.25.3.2.1.6"},
    {"hrDeviceID", "1.3.6.1.2.1.25.3.2.1.4"},
    {"hrDeviceIndex", "1.3.6.1.2.1.25.3.2.1.1"},
    {"hrDeviceStatus", "1.3.6.1.2.1.25.3.2.1.5"},
    {"hrDeviceType", "1.3.6.1.2.1.25.3.2.1.2"},
    {"hrPrinterDetectedErrorState", "1.3.6.1.2.1.25.3.5.1.2"},
    {"hrPrinterStatus", "1.3.6.1.2.1.25.3.5.1.1"},
    {"ifAdminStatus", "1.3.6.1.2.1.2.2.1.7"},
    {"ifDescr", "1.3.6.1.2.1.2.2.1.2"},
    {"ifIndex", "1.3.6.1.2.1.2.2.1.1"},
    {"ifOperStatus", "1.3.6.1.2.1.2.2.1.8"},
    {"internet", "1.3.6.1"},
    {"linkDown", "1.3.6.1.6.3.1.1.5.3"},
    {"linkUp", "1.3.6.1.6.3.1.1.5.4"},
    {"linux", "1.3.6.1.4.1.8072.3.2.10"},
    {"mib-2", "1.3.6.1.2.1"},
    {"netSnmp", "1.3.6.1.4.1.8072"},
    {"netSnmpAgentOIDs", "1.3.6.1.4.1.8072.3.2"},
    {"netSnmpExperimental", "1.3.6.1.4.1.8072.9999"},
    {"nsNotifyRestart", "1.3.6.1.4.1.8072.4.0.3"},
    {"nsNotifyShutdown", "1.3.6.1.4.1.8072.4.0.2"},
    {"nsNotifyStart", "1.3.6.1.4.1.8072.4.0.1"},
    {"printdevDeviceFeedConnected", PRINTDEV_MIB_STR ".1.2.1.3"},
    {"printdevDeviceName", PRINTDEV_MIB_STR ".1.2.1.1"},
    {"printdevFeedConnected", PRINTDEV_MIB_STR ".0.1"},
    {"printdevFeedDisconnected", PRINTDEV_MIB_STR ".0.2"},
    {"printdevMIB", PRINTDEV_MIB_STR},
    {"printerV1Alert", "1.3.6.1.2.1.43.18.2"},
    {"printerV2Alert", "1.3.6.1.2.1.43.18.2.0.1"},
    {"printerV2AlertPrefix", "1.3.6.1.2.1.43.18.2.0"},
    {"printmib", "1.3.6.1.2.1.43"},
    {"private", "1.3.6.1.4"},
    {"prtAlertCode", "1.3.6.1.2.1.43.18.1.1.7"},
    {"prtAlertDescription", "1.3.6.1.2.1.43.18.1.1.8"},
    {"prtAlertGroup", "1.3.6.1.2.1.43.18.1.1.4"},
    {"prtAlertGroupIndex", "1.3.6.1.2.1.43.18.1.1.5"},
    {"prtAlertIndex", "1.3.6.1.2.1.43.18.1.1.1"},
    {"prtAlertLocation", "1.3.6.1.2.1.43.18.1.1.6"},
    {"prtAlertSeverityLevel", "1.3.6.1.2.1.43.18.1.1.2"},
    {"prtAlertTime", "1.3.6.1.2.1.43.18.1.1.9"},
    {"prtAlertTrainingLevel", "1.3.6.1.2.1.43.18.1.1.3"},
    {"prtGeneralPrinterName", "1.3.6.1.2.1.43.5.1.1.16"},
    {"prtGeneralSerialNumber", "1.3.6.1.2.1.43.5.1.1.17"},
    {"snmpModules", "1.3.6.1.6.3"},
    {"snmpTrapAddress", "1.3.6.1.6.3.18.1.3"},
    {"snmpTrapCommunity", "1.3.6.1.6.3.18.1.4"},
    {"snmpTrapEnterprise", "1.3.6.1.6.3.1.1.4.3"},
    {"snmpTrapOID", "1.3.6.1.6.3.1.1.4.1"},
    {"snmpTraps", "1.3.6.1.6.3.1.1.5"},
    {"sysDescr", "1.3.6.1.2.1.1.1"},
    {"sysName", "1.3.6.1.2.1.1.5"},
    {"sysObjectID", "1.3.6.1.2.1.1.2"},
    {"sysUpTime", "1.3.6.1.2.1.1.3"},
    {"sysUpTimeInstance", "1.3.6.1.2.1.1.3.0"},
    {"warmStart", "1.3.6.1.6.3.1.1.5.2"},
};

struct typed_prefix {
    const char *text;
    enum trap_vtype type;
};
/* Type names Net-SNMP prints when quick-print is off (longest first where
 * one is a prefix of another). */
static const struct typed_prefix typed[] = {
    {"Hex-STRING: ", TV_HEXSTRING}, {"STRING: ", TV_STRING},
    {"INTEGER: ", TV_INTEGER},      {"UInteger32: ", TV_GAUGE32},
    {"OID: ", TV_OID},              {"Timeticks: ", TV_TIMETICKS},
    {"IpAddress: ", TV_IPADDRESS},  {"Network Address: ", TV_IPADDRESS},
    {"Counter32: ", TV_COUNTER32},  {"Gauge32: ", TV_GAUGE32},
    {"Counter64: ", TV_COUNTER64},  {"Opaque: ", TV_OPAQUE},
    {"BITS: ", TV_HEXSTRING},       {"NULL", TV_NULL},
};

struct parser {
    const char *p, *end;
    int line; /* 1-based line of p */
    struct trap_msg *m;
    size_t max_vbs;
};

static void set_error(struct trap_msg *m, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_error(struct trap_msg *m, int line, const char *fmt, ...)
{
    va_list ap;
    size_t n = 0;

    if (m->arena_ == NULL || m->error != NULL)
        return;
    m->error = m->arena_;
    if (line > 0)
        n = (size_t)snprintf(m->error, ERRBUF, "line %d: ", line);
    va_start(ap, fmt);
    vsnprintf(m->error + n, ERRBUF - n, fmt, ap);
    va_end(ap);
}

static char *arena_alloc(struct trap_msg *m, size_t n)
{
    char *r;

    if (n > m->arena_len_ - m->arena_used_)
        return NULL;
    r = m->arena_ + m->arena_used_;
    m->arena_used_ += n;
    return r;
}

static char *arena_dup(struct trap_msg *m, const char *s, size_t n)
{
    char *r = arena_alloc(m, n + 1);

    if (r == NULL)
        return NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

static int cmp_name(const void *k, const void *e)
{
    const char *key = k;
    const struct oid_name *on = e;
    return strcmp(key, on->name);
}

static bool is_numeric_oid(const char *s, size_t n)
{
    size_t i;
    bool digit = false;

    if (n == 0)
        return false;
    for (i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digit = true;
        } else if (s[i] == '.' && digit && i + 1 < n) {
            digit = false;
        } else {
            return false;
        }
    }
    return digit;
}

int trap_oid_normalize(const char *in, size_t inlen, char *out, size_t outsz)
{
    const char *s = in, *e = in + inlen, *dot, *colons;
    char name[64];
    const char *prefix = NULL;
    size_t nl, pl, sl;

    if (in == NULL || out == NULL || outsz == 0)
        return -1;
    while (s < e && *s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    if (s < e && *s == '.')
        s++;
    if (s >= e)
        return -1;
    /* "MODULE::name..." -> "name..." */
    colons = NULL;
    for (dot = s; dot + 1 < e; dot++) {
        if (dot[0] == ':' && dot[1] == ':') {
            colons = dot;
            break;
        }
    }
    if (colons)
        s = colons + 2;
    dot = memchr(s, '.', (size_t)(e - s));
    nl = (size_t)((dot ? dot : e) - s);
    if (nl == 0 || nl >= sizeof name)
        return -1;
    memcpy(name, s, nl);
    name[nl] = '\0';
    if (name[0] >= '0' && name[0] <= '9') {
        prefix = NULL;
        sl = (size_t)(e - s);
        if (!is_numeric_oid(s, sl) || sl + 1 > outsz)
            return -1;
        memcpy(out, s, sl);
        out[sl] = '\0';
        return (int)sl;
    }
    if (strcmp(name, "iso") == 0) {
        prefix = "1";
    } else if (strcmp(name, "ccitt") == 0) {
        prefix = "0";
    } else if (strcmp(name, "joint-iso-ccitt") == 0) {
        prefix = "2";
    } else {
        const struct oid_name *on = bsearch(name, oid_names, sizeof oid_names / sizeof oid_names[0],
                                            sizeof oid_names[0], cmp_name);
        if (on == NULL)
            return -1;
        prefix = on->oid;
    }
    pl = strlen(prefix);
    sl = dot ? (size_t)(e - dot) : 0; /* suffix including its leading '.' */
    if (sl > 0 && !is_numeric_oid(dot + 1, sl - 1))
        return -1;
    if (pl + sl + 1 > outsz)
        return -1;
    memcpy(out, prefix, pl);
    if (sl)
        memcpy(out + pl, dot, sl);
    out[pl + sl] = '\0';
    return (int)(pl + sl);
}

/* OID text to arena: normalised when possible, else as received. */
static char *oid_to_arena(struct trap_msg *m, const char *s, size_t n, bool *numeric)
{
    char buf[1024];
    int r = n < sizeof buf ? trap_oid_normalize(s, n, buf, sizeof buf) : -1;

    if (r >= 0) {
        if (numeric)
            *numeric = true;
        return arena_dup(m, buf, (size_t)r);
    }
    if (numeric)
        *numeric = false;
    return arena_dup(m, s, n);
}

/* Token characters of an OID as snmptrapd prints it (numeric, iso.3...,
 * MODULE::name.1, string indexes in quotes). */
static bool oid_token_ok(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || !(isalnum((unsigned char)s[0]) || s[0] == '.'))
        return false;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(isalnum(c) || c == '.' || c == ':' || c == '-' || c == '_' || c == '"' ||
              c == '\'' || c == '[' || c == ']'))
            return false;
    }
    return true;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Whether s[0..n) is a Net-SNMP hex dump: "XX " pairs, lines broken after a
 * space.  strict: upper-case digits only and at most 16 pairs per line (what
 * quick-print writes; used to tell a hex dump from a quoted string). */
static bool is_hexdump(const char *s, size_t n, bool strict)
{
    size_t i = 0, pairs = 0, on_line = 0;

    while (i < n) {
        if (s[i] == '\n' || s[i] == '\r') {
            if (i == 0 || s[i - 1] != ' ')
                return false;
            on_line = 0;
            i++;
            continue;
        }
        if (i + 2 >= n + (strict ? 0 : 1))
            return false;
        if (hexval(s[i]) < 0 || hexval(s[i + 1]) < 0)
            return false;
        if (strict && (islower((unsigned char)s[i]) || islower((unsigned char)s[i + 1])))
            return false;
        if (i + 2 < n && s[i + 2] != ' ')
            return false;
        i += 3;
        pairs++;
        if (strict && ++on_line > 16)
            return false;
    }
    return pairs > 0;
}

/* "01 02 FF" (trailing space already trimmed): upper-case pairs on one line. */
static bool is_upper_hex_pairs(const char *s, size_t n)
{
    size_t i;

    if (n < 2 || memchr(s, '\n', n) != NULL)
        return false;
    for (i = 0; i < n; i++)
        if (islower((unsigned char)s[i]))
            return false;
    return is_hexdump(s, n, false);
}

/* Decodes a hex dump in place-safe fashion into dst (dst may equal src's
 * arena copy); returns the number of octets. */
static size_t hex_decode(const char *s, size_t n, char *dst)
{
    size_t i = 0, o = 0;

    while (i + 1 < n) {
        int h = hexval(s[i]), l = hexval(s[i + 1]);
        if (h < 0 || l < 0) {
            i++;
            continue;
        }
        dst[o++] = (char)(h << 4 | l);
        i += 2;
    }
    dst[o] = '\0';
    return o;
}

static bool all_digits(const char *s, size_t n)
{
    size_t i;

    if (n == 0)
        return false;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Parses an optionally signed decimal; returns 0, 1 when it overflows long
 * long (only possible for unsigned Counter64 values), -1 when not a number. */
static int parse_int(const char *s, size_t n, long long *v)
{
    bool neg = false;
    unsigned long long acc = 0;
    size_t i = 0;
    bool over = false;

    if (n > 0 && s[0] == '-') {
        neg = true;
        i = 1;
    }
    if (!all_digits(s + i, n - i))
        return -1;
    for (; i < n; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (acc > (ULLONG_MAX - d) / 10) {
            over = true;
            acc = ULLONG_MAX;
            continue;
        }
        acc = acc * 10 + d;
    }
    if (neg) {
        if (over || acc > (unsigned long long)LLONG_MAX + 1ULL) {
            *v = LLONG_MIN;
            return 1;
        }
        *v = acc == (unsigned long long)LLONG_MAX + 1ULL ? LLONG_MIN : -(long long)acc;
        return 0;
    }
    if (over || acc > (unsigned long long)LLONG_MAX) {
        *v = LLONG_MAX;
        return 1;
    }
    *v = (long long)acc;
    return 0;
}

/* "d:h:mm:ss.cc" or "h:mm:ss.cc" -> 1/100 s. */
static int parse_ticks(const char *s, size_t n, long long *v)
{
    long long f[4] = {0, 0, 0, 0}, cs = 0;
    int nf = 0;
    size_t i = 0, st;

    while (i < n && nf < 4) {
        st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st || i - st > 9)
            return -1;
        if (parse_int(s + st, i - st, &f[nf]) != 0)
            return -1;
        nf++;
        if (i < n && s[i] == ':') {
            i++;
            continue;
        }
        break;
    }
    if (nf < 3)
        return -1;
    if (i < n && s[i] == '.') {
        i++;
        st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st || i - st > 2 || parse_int(s + st, i - st, &cs) != 0)
            return -1;
        if (i - st == 1)
            cs *= 10;
    }
    if (i != n)
        return -1;
    if (nf == 3) {
        f[3] = f[2];
        f[2] = f[1];
        f[1] = f[0];
        f[0] = 0;
    }
    *v = (((f[0] * 24 + f[1]) * 60 + f[2]) * 60 + f[3]) * 100 + cs;
    return 0;
}

static bool is_ipv4(const char *s, size_t n)
{
    size_t i = 0;
    int parts = 0;

    while (parts < 4) {
        size_t st = i;
        long long v;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st || i - st > 3 || parse_int(s + st, i - st, &v) != 0 || v > 255)
            return false;
        parts++;
        if (parts < 4) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
    }
    return i == n;
}

static bool is_label(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || !isalpha((unsigned char)s[0]))
        return false;
    for (i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_'))
            return false;
    return true;
}

/* Sets vb->value (a copy of s[0..n)) */
static int set_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n)
{
    vb->value = arena_dup(m, s, n);
    if (vb->value == NULL)
        return -TRAP_E_NOMEM;
    vb->value_len = n;
    return 0;
}

static int set_oid_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n)
{
    vb->value = oid_to_arena(m, s, n, NULL);
    if (vb->value == NULL)
        return -TRAP_E_NOMEM;
    vb->value_len = strlen(vb->value);
    vb->type = TV_OID;
    return 0;
}

static int set_hex_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n,
                         enum trap_vtype t)
{
    char *d = arena_alloc(m, n / 2 + 2);

    if (d == NULL)
        return -TRAP_E_NOMEM;
    vb->value_len = hex_decode(s, n, d);
    vb->value = d;
    vb->type = t;
    return 0;
}

/* Classifies and stores an unquoted value; forced is the typed prefix's type
 * or TV_OTHER when the value came without one. */
static int unquoted_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n,
                          enum trap_vtype forced, bool typed_form)
{
    long long v;
    const char *lp;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    /* Timeticks "(12) 0:00:00.12" (typed, or with -Ot off in quick-print) */
    if ((!typed_form || forced == TV_TIMETICKS) && n > 2 && s[0] == '(') {
        const char *cp = memchr(s, ')', n);
        long long t2;
        if (cp && parse_int(s + 1, (size_t)(cp - s - 1), &v) == 0 && v >= 0 &&
            (cp + 1 == s + n ||
             (cp[1] == ' ' && parse_ticks(cp + 2, (size_t)(s + n - cp - 2), &t2) == 0))) {
            vb->type = TV_TIMETICKS;
            vb->ival = v;
            return set_value(m, vb, s, n);
        }
    }
    if (typed_form) {
        switch (forced) {
        case TV_OID:
            return set_oid_value(m, vb, s, n);
        case TV_HEXSTRING:
        case TV_OPAQUE:
            if (is_hexdump(s, n, false))
                return set_hex_value(m, vb, s, n, forced);
            if (forced == TV_HEXSTRING) {
                /* "BITS: 84 40 lowPaper(0) ..." keeps the octets only */
                size_t k = 0;
                while (k + 2 < n && hexval(s[k]) >= 0 && hexval(s[k + 1]) >= 0 && s[k + 2] == ' ')
                    k += 3;
                if (k > 0)
                    return set_hex_value(m, vb, s, k, forced);
            }
            break;
        case TV_NULL:
            vb->type = TV_NULL;
            return set_value(m, vb, "", 0);
        default:
            break;
        }
    }
    if (n == 4 && memcmp(s, "NULL", 4) == 0) {
        vb->type = TV_NULL;
        return set_value(m, vb, "", 0);
    }
    if (parse_int(s, n, &v) >= 0) {
        vb->ival = v;
        if (typed_form && forced != TV_OTHER && forced != TV_STRING)
            vb->type = forced;
        else
            vb->type = (v == LLONG_MAX && n > 0 && s[0] != '-') ? TV_COUNTER64 : TV_INTEGER;
        return set_value(m, vb, s, n);
    }
    /* name(3) */
    lp = memchr(s, '(', n);
    if (lp && n > 2 && s[n - 1] == ')' && is_label(s, (size_t)(lp - s)) &&
        parse_int(lp + 1, (size_t)(s + n - 1 - lp - 1), &v) == 0) {
        vb->type = TV_INTEGER;
        vb->ival = v;
        return set_value(m, vb, s, n);
    }
    if (parse_ticks(s, n, &v) == 0) {
        vb->type = TV_TIMETICKS;
        vb->ival = v;
        return set_value(m, vb, s, n);
    }
    if (is_ipv4(s, n)) {
        vb->type = TV_IPADDRESS;
        return set_value(m, vb, s, n);
    }
    /* Opaque float/double "1.500000" */
    {
        const char *dp = memchr(s, '.', n);
        size_t st = (n > 0 && s[0] == '-') ? 1 : 0;
        if (dp && all_digits(s + st, (size_t)(dp - s) - st) &&
            all_digits(dp + 1, (size_t)(s + n - dp - 1))) {
            vb->type = TV_OPAQUE;
            return set_value(m, vb, s, n);
        }
    }
    if (n > 0 && (s[0] == '.' || (n >= 3 && memcmp(s, "iso", 3) == 0 && (n == 3 || s[3] == '.')) ||
                  memmem(s, n, "::", 2) != NULL || is_numeric_oid(s, n))) {
        char tmp[1024];
        if (n < sizeof tmp && trap_oid_normalize(s, n, tmp, sizeof tmp) >= 0)
            return set_oid_value(m, vb, s, n);
        if (n > 0 && s[0] != '.' && memmem(s, n, "::", 2) != NULL && oid_token_ok(s, n))
            return set_oid_value(m, vb, s, n);
    }
    if (is_upper_hex_pairs(s, n)) /* raw Opaque "01 02 FF " */
        return set_hex_value(m, vb, s, n, TV_OPAQUE);
    if (is_label(s, n)) {
        /* an enum label printed without its number (MIBs loaded) */
        vb->type = TV_INTEGER;
        vb->ival = 0;
        return set_value(m, vb, s, n);
    }
    if (typed_form && forced != TV_OTHER)
        vb->type = forced;
    else
        vb->type = TV_OTHER;
    return set_value(m, vb, s, n);
}

/* Unescapes a quoted string body (\" and \\) into the arena. */
static int quoted_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n,
                        enum trap_vtype forced, bool typed_form)
{
    char *d;
    size_t i, o = 0;

    if ((!typed_form && is_hexdump(s, n, true)) ||
        (typed_form && forced == TV_HEXSTRING && is_hexdump(s, n, false)))
        return set_hex_value(m, vb, s, n, TV_HEXSTRING);
    d = arena_alloc(m, n + 1);
    if (d == NULL)
        return -TRAP_E_NOMEM;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
            i++;
        d[o++] = s[i];
    }
    d[o] = '\0';
    vb->value = d;
    vb->value_len = o;
    vb->type = (typed_form && forced == TV_OPAQUE) ? TV_OPAQUE : TV_STRING;
    return 0;
}

/* End of the current physical line (position of '\n' or end). */
static const char *eol(const struct parser *ps)
{
    const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
    return nl ? nl : ps->end;
}

static void skip_line(struct parser *ps)
{
    const char *e = eol(ps);

    ps->p = e < ps->end ? e + 1 : e;
    ps->line++;
}

/* Reads one header line into the arena (without '\r'). */
static char *header_line(struct parser *ps)
{
    const char *s = ps->p, *e = eol(ps);
    size_t n = (size_t)(e - s);

    if (n > 0 && s[n - 1] == '\r')
        n--;
    skip_line(ps);
    return arena_dup(ps->m, s, n);
}

static int parse_varbind(struct parser *ps, struct trap_varbind *vb)
{
    struct trap_msg *m = ps->m;
    const char *s = ps->p, *e = eol(ps), *sp, *v;
    enum trap_vtype forced = TV_OTHER;
    bool typed_form = false;
    size_t i;
    int line = ps->line, rc;

    memset(vb, 0, sizeof *vb);
    sp = memchr(s, ' ', (size_t)(e - s));
    if (sp == NULL) {
        set_error(m, line, "varbind without a value");
        return -TRAP_E_SYNTAX;
    }
    if (!oid_token_ok(s, (size_t)(sp - s))) {
        set_error(m, line, "not an OID at the start of a varbind line");
        return -TRAP_E_SYNTAX;
    }
    vb->oid = oid_to_arena(m, s, (size_t)(sp - s), &vb->oid_numeric);
    if (vb->oid == NULL)
        goto nomem;
    v = sp + 1;
    if (e - v >= 2 && v[0] == '=' && v[1] == ' ')
        v += 2; /* "OID = TYPE: value" (quick-print off) */
    for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        size_t tl = strlen(typed[i].text);
        if ((size_t)(e - v) >= tl && memcmp(v, typed[i].text, tl) == 0) {
            forced = typed[i].type;
            typed_form = true;
            v += tl;
            break;
        }
    }
    if (typed_form && forced == TV_OPAQUE) {
        /* "Opaque: Float: 1.5" / "Opaque: Double: 2.25" */
        if (e - v >= 7 && memcmp(v, "Float: ", 7) == 0)
            v += 7;
        else if (e - v >= 8 && memcmp(v, "Double: ", 8) == 0)
            v += 8;
    }
    if (v < e && *v == '"') {
        /* quoted: may run over several lines */
        const char *q = v + 1, *close = NULL;
        while (q < ps->end) {
            if (*q == '\\' && q + 1 < ps->end) {
                if (q[1] == '\n')
                    ps->line++;
                q += 2;
                continue;
            }
            if (*q == '"') {
                close = q;
                break;
            }
            if (*q == '\n')
                ps->line++;
            q++;
        }
        if (close == NULL) {
            set_error(m, line, "unterminated string value");
            ps->p = ps->end;
            return -TRAP_E_TRUNCATED;
        }
        rc = quoted_value(m, vb, v + 1, (size_t)(close - v - 1), forced, typed_form);
        if (rc < 0)
            goto nomem;
        ps->p = close + 1;
        e = eol(ps);
        for (q = ps->p; q < e; q++) {
            if (*q != ' ' && *q != '\r') {
                set_error(m, ps->line, "text after a string value");
                return -TRAP_E_SYNTAX;
            }
        }
        skip_line(ps);
        return 0;
    }
    /* unquoted; a typed Hex-STRING/Opaque dump continues on lines that
     * hold only more "XX " pairs */
    skip_line(ps);
    if (typed_form && (forced == TV_HEXSTRING || forced == TV_OPAQUE)) {
        const char *ce = e;
        while (ps->p < ps->end) {
            const char *le = eol(ps);
            if (le == ps->p || !is_hexdump(ps->p, (size_t)(le - ps->p), false))
                break;
            ce = le;
            skip_line(ps);
        }
        e = ce;
    }
    rc = unquoted_value(m, vb, v, (size_t)(e - v), forced, typed_form);
    if (rc < 0)
        goto nomem;
    return 0;
nomem:
    set_error(m, line, "out of memory");
    return -TRAP_E_NOMEM;
}

/* "UDP: [127.0.0.1]:40000->[127.0.0.1]:2697" -> "127.0.0.1" */
static void transport_addr(const char *t, char *out, size_t outsz)
{
    const char *lb = t ? strchr(t, '[') : NULL, *rb;
    size_t n, i;

    out[0] = '\0';
    if (lb == NULL)
        return;
    rb = strchr(lb, ']');
    if (rb == NULL)
        return;
    n = (size_t)(rb - lb - 1);
    if (n == 0 || n >= outsz)
        return;
    for (i = 0; i < n; i++) {
        char c = lb[1 + i];
        if (!(isxdigit((unsigned char)c) || c == '.' || c == ':' || c == '%' ||
              isalnum((unsigned char)c)))
            return;
    }
    memcpy(out, lb + 1, n);
    out[n] = '\0';
}

static void copy_addr(char *dst, size_t dsz, const char *s, size_t n)
{
    size_t i;

    dst[0] = '\0';
    if (n == 0 || n >= dsz)
        return;
    for (i = 0; i < n; i++)
        if (!(isxdigit((unsigned char)s[i]) || s[i] == '.' || s[i] == ':'))
            return;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* %P: "TRAP, SNMP v1, community public" / "TRAP2, SNMP v3, user u, context c" */
static int parse_security(struct parser *ps)
{
    struct trap_msg *m = ps->m;
    const char *s = ps->p, *e = eol(ps), *c;
    int line = ps->line;
    size_t n;

    if (e > s && e[-1] == '\r')
        e--;
    n = (size_t)(e - s);
    if (n >= 6 && memcmp(s, "TRAP2,", 6) == 0)
        m->pdu = TRAP_PDU_TRAP2;
    else if (n >= 5 && memcmp(s, "TRAP,", 5) == 0)
        m->pdu = TRAP_PDU_TRAP;
    else if (n >= 7 && memcmp(s, "INFORM,", 7) == 0)
        m->pdu = TRAP_PDU_INFORM;
    else {
        set_error(m, line, "expected the PDU and security line (%%P)");
        return -TRAP_E_SYNTAX;
    }
    c = memmem(s, n, ", SNMP v", 8);
    if (c == NULL) {
        set_error(m, line, "no SNMP version in the security line");
        return -TRAP_E_SYNTAX;
    }
    c += 8;
    if (e - c >= 2 && memcmp(c, "1,", 2) == 0)
        m->version = 1;
    else if (e - c >= 3 && memcmp(c, "2c,", 3) == 0)
        m->version = 2;
    else if (e - c >= 2 && memcmp(c, "3,", 2) == 0)
        m->version = 3;
    else {
        set_error(m, line, "unknown SNMP version in the security line");
        return -TRAP_E_SYNTAX;
    }
    c = memchr(c, ',', (size_t)(e - c));
    c = c ? c + 1 : e;
    while (c < e && *c == ' ')
        c++;
    if (m->version < 3) {
        if (e - c >= 10 && memcmp(c, "community ", 10) == 0)
            c += 10;
        else if (e - c == 9 && memcmp(c, "community", 9) == 0)
            c += 9;
        else {
            set_error(m, line, "no community in the security line");
            return -TRAP_E_SYNTAX;
        }
        m->community = arena_dup(m, c, (size_t)(e - c));
        if (m->community == NULL)
            return -TRAP_E_NOMEM;
    } else {
        const char *ctx = NULL, *k;
        if (e - c >= 5 && memcmp(c, "user ", 5) == 0)
            c += 5;
        else {
            set_error(m, line, "no user in the security line");
            return -TRAP_E_SYNTAX;
        }
        for (k = c; k + 10 <= e; k++)
            if (memcmp(k, ", context ", 10) == 0 || (k + 9 == e && memcmp(k, ", context", 9) == 0))
                ctx = k;
        if (ctx == NULL && e - c >= 9 && memcmp(e - 9, ", context", 9) == 0)
            ctx = e - 9;
        m->user = arena_dup(m, c, (size_t)((ctx ? ctx : e) - c));
        if (m->user == NULL)
            return -TRAP_E_NOMEM;
        if (ctx) {
            const char *cs = ctx + 9;
            if (cs < e && *cs == ' ')
                cs++;
            m->context = arena_dup(m, cs, (size_t)(e - cs));
            if (m->context == NULL)
                return -TRAP_E_NOMEM;
        }
    }
    skip_line(ps);
    return 0;
}

/* "%N %w %q %T %a": enterprise generic specific uptime agent-addr */
static int parse_v1_line(struct parser *ps)
{
    struct trap_msg *m = ps->m;
    const char *s = ps->p, *e = eol(ps), *f[5];
    size_t fl[5];
    int nf = 0, line = ps->line;
    long long v;
    char buf[1024];
    int r;

    if (e > s && e[-1] == '\r')
        e--;
    while (s < e && nf < 5) {
        const char *st = s;
        while (s < e && *s != ' ')
            s++;
        f[nf] = st;
        fl[nf] = (size_t)(s - st);
        nf++;
        while (s < e && *s == ' ')
            s++;
    }
    if (nf < 4 || s != e) {
        set_error(m, line, "expected \"enterprise generic specific uptime [agent]\" (%%N %%w %%q %%T %%a)");
        return -TRAP_E_SYNTAX;
    }
    if (parse_int(f[3], fl[3], &v) != 0 || v < 0 || v > 0xffffffffLL) {
        set_error(m, line, "bad uptime");
        return -TRAP_E_SYNTAX;
    }
    if (m->pdu == TRAP_PDU_TRAP) {
        long long g, sp = -1;
        m->uptime = (uint32_t)v;
        if (parse_int(f[1], fl[1], &g) != 0 || g < 0 || g > 6) {
            set_error(m, line, "bad generic-trap value");
            return -TRAP_E_SYNTAX;
        }
        m->enterprise = oid_to_arena(m, f[0], fl[0], NULL);
        if (m->enterprise == NULL)
            return -TRAP_E_NOMEM;
        /* %q: "1", ".1", or the trap OID's name when MIBs are loaded */
        if (fl[2] > 0 && f[2][0] == '.' && parse_int(f[2] + 1, fl[2] - 1, &sp) == 0)
            ;
        else if (parse_int(f[2], fl[2], &sp) == 0)
            ;
        else if (fl[2] < sizeof buf && (r = trap_oid_normalize(f[2], fl[2], buf, sizeof buf)) > 0) {
            const char *ld = strrchr(buf, '.');
            if (ld == NULL || parse_int(ld + 1, strlen(ld + 1), &sp) != 0)
                sp = -1;
        }
        m->generic = (int)g;
        if (sp < 0 && g == 6 && fl[2] > 0 && !(f[2][0] >= '0' && f[2][0] <= '9') &&
            f[2][0] != '.' && oid_token_ok(f[2], fl[2])) {
            /* %q is the name of a trap OID from a MIB we do not know
             * (snmptrapd loaded a vendor MIB): that name is the trap OID */
            m->trap_oid = arena_dup(m, f[2], fl[2]);
            if (m->trap_oid == NULL)
                return -TRAP_E_NOMEM;
            goto agent;
        }
        if (sp < 0 || sp > 0xffffffffLL) {
            set_error(m, line, "bad specific-trap value");
            return -TRAP_E_SYNTAX;
        }
        m->specific = (int)sp;
        if (g == 6)
            r = snprintf(buf, sizeof buf, "%s.0.%lld", m->enterprise, sp);
        else
            r = snprintf(buf, sizeof buf, OID_SNMPTRAPS ".%lld", g + 1);
        if (r > 0 && (size_t)r < sizeof buf) {
            m->trap_oid = arena_dup(m, buf, (size_t)r);
            if (m->trap_oid == NULL)
                return -TRAP_E_NOMEM;
        }
    agent:
        if (nf == 5 && !(fl[4] == 7 && memcmp(f[4], "0.0.0.0", 7) == 0))
            copy_addr(m->agent_addr, sizeof m->agent_addr, f[4], fl[4]);
    }
    skip_line(ps);
    return 0;
}

/* Learns version/community/agent/trap OID from the well-known varbinds. */
static void scan_varbinds(struct trap_msg *m)
{
    size_t i;

    for (i = 0; i < m->n_vbs; i++) {
        const struct trap_varbind *vb = &m->vbs[i];
        if (!vb->oid_numeric)
            continue;
        if (strcmp(vb->oid, OID_SYSUPTIME0) == 0 && vb->type == TV_TIMETICKS) {
            if (m->layout == TRAP_LAYOUT_DEFAULT || m->pdu != TRAP_PDU_TRAP)
                m->uptime = (uint32_t)vb->ival;
        } else if (strcmp(vb->oid, OID_TRAPOID0) == 0 && vb->type == TV_OID) {
            if (m->trap_oid == NULL)
                m->trap_oid = vb->value;
        } else if (strcmp(vb->oid, OID_TRAPADDRESS0) == 0 && vb->type == TV_IPADDRESS) {
            copy_addr(m->agent_addr, sizeof m->agent_addr, vb->value, vb->value_len);
        } else if (strcmp(vb->oid, OID_TRAPCOMMUNITY0) == 0 && vb->type == TV_STRING) {
            if (m->community == NULL)
                m->community = vb->value;
            if (m->version == 0) {
                m->version = 1;
                m->pdu = TRAP_PDU_TRAP;
            }
        } else if (strcmp(vb->oid, OID_TRAPENTERPRISE0) == 0 && vb->type == TV_OID) {
            if (m->enterprise == NULL)
                m->enterprise = vb->value;
        }
    }
    /* A converted v1 trap: recover generic/specific from the trap OID
     * (RFC 3584 §3.1). */
    if (m->layout == TRAP_LAYOUT_DEFAULT && m->version == 1 && m->trap_oid) {
        size_t bl = strlen(OID_SNMPTRAPS);
        const char *ld = strrchr(m->trap_oid, '.');
        long long v;
        if (ld && parse_int(ld + 1, strlen(ld + 1), &v) == 0 && v >= 0 && v <= INT_MAX) {
            if (strncmp(m->trap_oid, OID_SNMPTRAPS ".", bl + 1) == 0 && v >= 1 && v <= 6 &&
                (size_t)(ld - m->trap_oid) == bl) {
                m->generic = (int)v - 1;
                m->specific = 0;
            } else {
                m->generic = 6;
                m->specific = (int)v;
            }
        }
    }
    if (m->src_addr[0] == '\0' && m->agent_addr[0] != '\0')
        memcpy(m->src_addr, m->agent_addr, sizeof m->src_addr);
}

int trap_parse(const char *buf, size_t len, const struct trap_parse_opts *opts,
               struct trap_msg *out)
{
    size_t max_input = TRAP_MAX_INPUT, max_vbs = TRAP_MAX_VARBINDS, max_line = TRAP_MAX_LINE;
    size_t lines = 1, cur = 0, i, n, alloc_vbs;
    struct parser ps;
    int rc = 0;
    bool too_big = false;

    if (out == NULL)
        return -TRAP_E_INVAL;
    memset(out, 0, sizeof *out);
    out->generic = -1;
    out->specific = -1;
    if (opts) {
        if (opts->max_input)
            max_input = opts->max_input;
        if (opts->max_varbinds)
            max_vbs = opts->max_varbinds;
        if (opts->max_line)
            max_line = opts->max_line;
    }
    n = len;
    if (buf == NULL)
        n = 0;
    if (n > max_input) {
        n = max_input;
        too_big = true;
    }
    /* Limits first: line length and line count bound everything below. */
    for (i = 0; i < n;) {
        const char *nl = memchr(buf + i, '\n', n - i);
        cur = nl ? (size_t)(nl - (buf + i)) : n - i;
        if (cur > max_line) {
            n = i; /* keep the complete lines before it */
            too_big = true;
            break;
        }
        if (nl == NULL)
            break;
        lines++;
        i += cur + 1;
    }
    out->arena_len_ = ERRBUF + 3 * n + 1024;
    out->arena_ = malloc(out->arena_len_);
    if (out->arena_ == NULL)
        return -TRAP_E_NOMEM;
    out->arena_used_ = ERRBUF;
    if (too_big)
        set_error(out, 0, "input over the limits (%zu bytes, lines of %zu bytes)", max_input,
                  max_line);
    if (n == 0) {
        set_error(out, 0, "empty input");
        return too_big ? -TRAP_E_TOOBIG : -TRAP_E_EMPTY;
    }
    alloc_vbs = lines < max_vbs ? lines : max_vbs;
    out->vbs = calloc(alloc_vbs, sizeof *out->vbs);
    if (out->vbs == NULL) {
        set_error(out, 0, "out of memory");
        return -TRAP_E_NOMEM;
    }
    ps.p = buf;
    ps.end = buf + n;
    ps.line = 1;
    ps.m = out;
    ps.max_vbs = max_vbs;

    if ((size_t)(ps.end - ps.p) >= strlen(TRAP_FORMAT_MARKER) &&
        memcmp(ps.p, "PRINTDEV-TRAP ", 14) == 0) {
        const char *e = eol(&ps);
        size_t ml = strlen(TRAP_FORMAT_MARKER);
        if ((size_t)(e - ps.p) < ml || memcmp(ps.p, TRAP_FORMAT_MARKER, ml) != 0 ||
            ((size_t)(e - ps.p) > ml && !(e - ps.p == (ptrdiff_t)ml + 1 && ps.p[ml] == '\r'))) {
            set_error(out, 1, "unsupported PRINTDEV-TRAP layout version");
            return -TRAP_E_SYNTAX;
        }
        out->layout = TRAP_LAYOUT_FORMAT;
        skip_line(&ps);
    }
    out->hostname = header_line(&ps);
    if (ps.p >= ps.end) {
        set_error(out, ps.line, "input ends after the hostname line");
        rc = -TRAP_E_TRUNCATED;
        goto done;
    }
    out->transport = header_line(&ps);
    if (out->hostname == NULL || out->transport == NULL) {
        set_error(out, 0, "out of memory");
        rc = -TRAP_E_NOMEM;
        goto done;
    }
    transport_addr(out->transport, out->src_addr, sizeof out->src_addr);
    if (out->layout == TRAP_LAYOUT_FORMAT) {
        if (ps.p >= ps.end) {
            set_error(out, ps.line, "input ends before the security line");
            rc = -TRAP_E_TRUNCATED;
            goto done;
        }
        rc = parse_security(&ps);
        if (rc < 0)
            goto done;
        if (ps.p >= ps.end) {
            set_error(out, ps.line, "input ends before the enterprise line");
            rc = -TRAP_E_TRUNCATED;
            goto done;
        }
        rc = parse_v1_line(&ps);
        if (rc < 0)
            goto done;
    }
    while (ps.p < ps.end) {
        const char *e = eol(&ps), *q;
        for (q = ps.p; q < e && (*q == ' ' || *q == '\r' || *q == '\t'); q++)
            ;
        if (q == e) { /* blank line (an empty %v ends in one) */
            skip_line(&ps);
            continue;
        }
        if (out->n_vbs >= max_vbs) {
            set_error(out, ps.line, "more than %zu varbinds", max_vbs);
            rc = -TRAP_E_TOOBIG;
            goto done;
        }
        if (out->n_vbs >= alloc_vbs) { /* cannot happen: one line per varbind at least */
            set_error(out, ps.line, "internal varbind count");
            rc = -TRAP_E_TOOBIG;
            goto done;
        }
        rc = parse_varbind(&ps, &out->vbs[out->n_vbs]);
        if (rc < 0)
            goto done;
        out->n_vbs++;
    }
    if (out->layout == TRAP_LAYOUT_DEFAULT && out->n_vbs == 0) {
        set_error(out, ps.line, "no varbinds");
        rc = -TRAP_E_TRUNCATED;
        goto done;
    }
done:
    if (too_big && rc != -TRAP_E_NOMEM)
        rc = -TRAP_E_TOOBIG;
    scan_varbinds(out);
    out->ok = rc == 0;
    return rc;
}

void trap_msg_free(struct trap_msg *m)
{
    if (m == NULL)
        return;
    free(m->arena_);
    free(m->vbs);
    memset(m, 0, sizeof *m);
    m->generic = -1;
    m->specific = -1;
}

int trap_msg_init(struct trap_msg *m, size_t max_vbs, size_t arena_len)
{
    if (m == NULL)
        return -TRAP_E_INVAL;
    memset(m, 0, sizeof *m);
    m->generic = -1;
    m->specific = -1;
    m->layout = TRAP_LAYOUT_FORMAT;
    m->arena_len_ = ERRBUF + arena_len;
    m->arena_ = malloc(m->arena_len_);
    m->vbs = calloc(max_vbs ? max_vbs : 1, sizeof *m->vbs);
    if (m->arena_ == NULL || m->vbs == NULL) {
        trap_msg_free(m);
        return -TRAP_E_NOMEM;
    }
    m->arena_used_ = ERRBUF;
    m->vbs_cap_ = max_vbs;
    return 0;
}

char *trap_msg_dup(struct trap_msg *m, const char *s, size_t n)
{
    return m ? arena_dup(m, s ? s : "", s ? n : 0) : NULL;
}

struct trap_varbind *trap_msg_add_vb(struct trap_msg *m)
{
    if (m == NULL || m->arena_ == NULL || m->n_vbs >= m->vbs_cap_)
        return NULL;
    return &m->vbs[m->n_vbs++];
}

void trap_msg_finish(struct trap_msg *m)
{
    if (m == NULL)
        return;
    scan_varbinds(m);
    m->ok = m->error == NULL;
}

const struct trap_varbind *trap_msg_find(const struct trap_msg *m, const char *oid)
{
    size_t i, ol;
    bool prefix;

    if (m == NULL || oid == NULL || m->vbs == NULL)
        return NULL;
    ol = strlen(oid);
    prefix = ol > 0 && oid[ol - 1] == '.';
    for (i = 0; i < m->n_vbs; i++) {
        const char *o = m->vbs[i].oid;
        if (o == NULL)
            continue;
        if (prefix ? strncmp(o, oid, ol) == 0 : strcmp(o, oid) == 0)
            return &m->vbs[i];
    }
    return NULL;
}

size_t trap_msg_first_payload(const struct trap_msg *m)
{
    size_t i = 0;

    if (m == NULL)
        return 0;
    while (i < m->n_vbs && i < 2 && m->vbs[i].oid &&
           (strcmp(m->vbs[i].oid, OID_SYSUPTIME0) == 0 || strcmp(m->vbs[i].oid, OID_TRAPOID0) == 0))
        i++;
    return i;
}

const char *trap_vtype_name(enum trap_vtype t)
{
    static const char *const names[] = {"INTEGER",   "STRING",    "Hex-STRING", "OID",
                                        "Timeticks", "IpAddress", "Counter32",  "Gauge32",
                                        "Counter64", "Opaque",    "NULL",       "other"};
    if ((unsigned)t >= sizeof names / sizeof names[0])
        return "other";
    return names[t];
}

const char *trap_pdu_name(enum trap_pdu p)
{
    switch (p) {
    case TRAP_PDU_TRAP:
        return "trap";
    case TRAP_PDU_TRAP2:
        return "trap2";
    case TRAP_PDU_INFORM:
        return "inform";
    default:
        return "unknown";
    }
}
