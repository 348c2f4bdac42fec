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
 *
 * This file is the line grammar and the entry points; the values are read in
 * trap_parse_value.c and the OIDs in trap_parse_oid.c (trap_parse_internal.h).
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
#include "trap_parse_internal.h"

#define ERRBUF 256

/* Numeric OIDs the parser itself uses. */
#define OID_SYSUPTIME0 "1.3.6.1.2.1.1.3.0"
#define OID_TRAPOID0 "1.3.6.1.6.3.1.1.4.1.0"
#define OID_TRAPENTERPRISE0 "1.3.6.1.6.3.1.1.4.3.0"
#define OID_TRAPADDRESS0 "1.3.6.1.6.3.18.1.3.0"
#define OID_TRAPCOMMUNITY0 "1.3.6.1.6.3.18.1.4.0"
#define OID_SNMPTRAPS "1.3.6.1.6.3.1.1.5"

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
    return trap_parse_arena_dup(ps->m, s, n);
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
    if (!trap_parse_oid_token_ok(s, (size_t)(sp - s))) {
        set_error(m, line, "not an OID at the start of a varbind line");
        return -TRAP_E_SYNTAX;
    }
    vb->oid = trap_parse_oid_to_arena(m, s, (size_t)(sp - s), &vb->oid_numeric);
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
        rc = trap_parse_quoted_value(m, vb, v + 1, (size_t)(close - v - 1), forced, typed_form);
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
            if (le == ps->p || !trap_parse_is_hexdump(ps->p, (size_t)(le - ps->p), false))
                break;
            ce = le;
            skip_line(ps);
        }
        e = ce;
    }
    rc = trap_parse_unquoted_value(m, vb, v, (size_t)(e - v), forced, typed_form);
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
        m->community = trap_parse_arena_dup(m, c, (size_t)(e - c));
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
        m->user = trap_parse_arena_dup(m, c, (size_t)((ctx ? ctx : e) - c));
        if (m->user == NULL)
            return -TRAP_E_NOMEM;
        if (ctx) {
            const char *cs = ctx + 9;
            if (cs < e && *cs == ' ')
                cs++;
            m->context = trap_parse_arena_dup(m, cs, (size_t)(e - cs));
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
    if (trap_parse_int(f[3], fl[3], &v) != 0 || v < 0 || v > 0xffffffffLL) {
        set_error(m, line, "bad uptime");
        return -TRAP_E_SYNTAX;
    }
    if (m->pdu == TRAP_PDU_TRAP) {
        long long g, sp = -1;
        m->uptime = (uint32_t)v;
        if (trap_parse_int(f[1], fl[1], &g) != 0 || g < 0 || g > 6) {
            set_error(m, line, "bad generic-trap value");
            return -TRAP_E_SYNTAX;
        }
        m->enterprise = trap_parse_oid_to_arena(m, f[0], fl[0], NULL);
        if (m->enterprise == NULL)
            return -TRAP_E_NOMEM;
        /* %q: "1", ".1", or the trap OID's name when MIBs are loaded */
        if (fl[2] > 0 && f[2][0] == '.' && trap_parse_int(f[2] + 1, fl[2] - 1, &sp) == 0)
            ;
        else if (trap_parse_int(f[2], fl[2], &sp) == 0)
            ;
        else if (fl[2] < sizeof buf && (r = trap_oid_normalize(f[2], fl[2], buf, sizeof buf)) > 0) {
            const char *ld = strrchr(buf, '.');
            if (ld == NULL || trap_parse_int(ld + 1, strlen(ld + 1), &sp) != 0)
                sp = -1;
        }
        m->generic = (int)g;
        if (sp < 0 && g == 6 && fl[2] > 0 && !(f[2][0] >= '0' && f[2][0] <= '9') &&
            f[2][0] != '.' && trap_parse_oid_token_ok(f[2], fl[2])) {
            /* %q is the name of a trap OID from a MIB we do not know
             * (snmptrapd loaded a vendor MIB): that name is the trap OID */
            m->trap_oid = trap_parse_arena_dup(m, f[2], fl[2]);
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
            m->trap_oid = trap_parse_arena_dup(m, buf, (size_t)r);
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
        if (ld && trap_parse_int(ld + 1, strlen(ld + 1), &v) == 0 && v >= 0 && v <= INT_MAX) {
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
    return m ? trap_parse_arena_dup(m, s ? s : "", s ? n : 0) : NULL;
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
