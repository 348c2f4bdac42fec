/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_conf.c: printdev-trapd's config tokens and access rules
 * (trapd_conf.h).  Errors go through config_perror(), which prefixes
 * file:line.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "trap_util.h"
#include "trapd_conf.h"

#define WORD 256

struct access_rule {
    struct access_rule *next;
    bool v3;         /* authUser */
    int version;     /* authCommunity -v: SNMP_VERSION_1/_2c, -1 any */
    char name[WORD]; /* community or user */
    size_t name_len;
    bool any_source;
    struct trap_net net; /* authCommunity SOURCE */
    int min_level;       /* authUser: SNMP_SEC_LEVEL_* */
};

static struct access_rule *rules;
static size_t n_rules;
static struct trapd_settings settings = {.batch_ms = -1};

static void free_access(void)
{
    while (rules) {
        struct access_rule *n = rules->next;
        free(rules);
        rules = n;
    }
    n_rules = 0;
}

/* TYPES: comma list of log, execute, net.  Returns 1 when it allows what
 * printdev-trapd does (log or execute), 0 when only net, -1 bad. */
static int parse_types(const char *s)
{
    char buf[WORD], *tok, *save = NULL;
    int ours = 0;

    snprintf(buf, sizeof buf, "%s", s);
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "log") == 0 || strcmp(tok, "execute") == 0)
            ours = 1;
        else if (strcmp(tok, "net") != 0)
            return -1;
    }
    return ours;
}

static void add_rule(struct access_rule *r)
{
    struct access_rule **t = &rules;

    while (*t)
        t = &(*t)->next;
    *t = r;
    n_rules++;
}

static struct access_rule *rule_start(const char *token, char **cp, char *word)
{
    struct access_rule *r;
    int t;

    *cp = copy_nword(*cp, word, WORD);
    t = parse_types(word);
    if (t < 0) {
        config_perror("TYPES must be a comma list of log, execute, net");
        return NULL;
    }
    if (t == 0) {
        netsnmp_config_warn("%s %s: printdev-trapd does not forward (net); rule ignored", token,
                            word);
        return NULL;
    }
    if (!*cp) {
        config_perror("missing community or user name");
        return NULL;
    }
    r = calloc(1, sizeof(*r));
    if (!r)
        config_perror("out of memory");
    return r;
}

/* authCommunity TYPES [-v 1|2c] COMMUNITY [SOURCE] */
static void parse_authcommunity(const char *token, char *line)
{
    char word[WORD];
    char *cp = line;
    struct access_rule *r = rule_start(token, &cp, word);

    if (!r)
        return;
    r->version = -1;
    cp = copy_nword(cp, word, sizeof word);
    if (strcmp(word, "-v") == 0) {
        if (!cp) {
            config_perror("-v wants 1 or 2c");
            goto bad;
        }
        cp = copy_nword(cp, word, sizeof word);
        if (strcmp(word, "1") == 0 || strcasecmp(word, "v1") == 0)
            r->version = SNMP_VERSION_1;
        else if (strcasecmp(word, "2c") == 0 || strcasecmp(word, "v2c") == 0)
            r->version = SNMP_VERSION_2c;
        else {
            config_perror("-v wants 1 or 2c");
            goto bad;
        }
        if (!cp) {
            config_perror("missing community");
            goto bad;
        }
        cp = copy_nword(cp, word, sizeof word);
    }
    snprintf(r->name, sizeof r->name, "%s", word);
    r->name_len = strlen(r->name);
    r->any_source = true;
    if (cp) {
        cp = copy_nword(cp, word, sizeof word);
        if (strcmp(word, "default") != 0) {
            if (trap_net_parse(word, &r->net) < 0) {
                config_perror("SOURCE must be an address, a network ADDR/LEN or default");
                goto bad;
            }
            r->any_source = false;
        }
    }
    if (cp) {
        config_perror("views (OID, -V) are not supported by printdev-trapd");
        goto bad;
    }
    add_rule(r);
    return;
bad:
    free(r);
}

/* authUser TYPES [-s usm] USER [noauth|auth|priv] */
static void parse_authuser(const char *token, char *line)
{
    char word[WORD];
    char *cp = line;
    struct access_rule *r = rule_start(token, &cp, word);

    if (!r)
        return;
    r->v3 = true;
    cp = copy_nword(cp, word, sizeof word);
    if (strcmp(word, "-s") == 0) {
        if (!cp) {
            config_perror("-s wants usm");
            goto bad;
        }
        cp = copy_nword(cp, word, sizeof word);
        if (strcasecmp(word, "usm") != 0) {
            config_perror("only the usm security model is supported");
            goto bad;
        }
        if (!cp) {
            config_perror("missing user name");
            goto bad;
        }
        cp = copy_nword(cp, word, sizeof word);
    }
    snprintf(r->name, sizeof r->name, "%s", word);
    r->name_len = strlen(r->name);
    r->min_level = SNMP_SEC_LEVEL_AUTHNOPRIV;
    if (cp) {
        cp = copy_nword(cp, word, sizeof word);
        if (strcasecmp(word, "noauth") == 0 || strcasecmp(word, "noAuthNoPriv") == 0)
            r->min_level = SNMP_SEC_LEVEL_NOAUTH;
        else if (strcasecmp(word, "auth") == 0 || strcasecmp(word, "authNoPriv") == 0)
            r->min_level = SNMP_SEC_LEVEL_AUTHNOPRIV;
        else if (strcasecmp(word, "priv") == 0 || strcasecmp(word, "authPriv") == 0)
            r->min_level = SNMP_SEC_LEVEL_AUTHPRIV;
        else {
            config_perror("level must be noauth, auth or priv");
            goto bad;
        }
    }
    if (cp) {
        config_perror("views (OID, -V) are not supported by printdev-trapd");
        goto bad;
    }
    add_rule(r);
    return;
bad:
    free(r);
}

/* ---- settings ----------------------------------------------------------------- */

static void free_settings(void)
{
    free(settings.listen);
    free(settings.rules);
    free(settings.db);
    free(settings.jsonl);
    free(settings.stats);
    free(settings.pg_spool);
    memset(&settings, 0, sizeof settings);
    settings.batch_ms = -1;
}

static bool parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static void set_string(char **dst, const char *line, bool absolute)
{
    char word[PATH_MAX];

    copy_nword((char *)line, word, sizeof word);
    if (!word[0] || (absolute && word[0] != '/')) {
        config_perror(absolute ? "wants an absolute path" : "wants a value");
        return;
    }
    free(*dst);
    *dst = strdup(word);
}

static void parse_setting(const char *token, char *line)
{
    char a[WORD], b[WORD];
    char *cp;
    long v, w;

    if (strcasecmp(token, "printdevListen") == 0) {
        set_string(&settings.listen, line, false);
    } else if (strcasecmp(token, "printdevReceiveBuffer") == 0) {
        if (!parse_long(line, 65536, 1L << 30, &v))
            config_perror("printdevReceiveBuffer wants bytes, 65536..1073741824");
        else
            settings.rcvbuf = v;
    } else if (strcasecmp(token, "printdevBatch") == 0) {
        cp = copy_nword(line, a, sizeof a);
        b[0] = '\0';
        if (cp)
            copy_nword(cp, b, sizeof b);
        if (!parse_long(a, 1, 100000, &v) || !parse_long(b, 0, 10000, &w)) {
            config_perror("printdevBatch wants MAX-TRAPS (1..100000) and MS (0..10000)");
            return;
        }
        settings.batch_max = (int)v;
        settings.batch_ms = (int)w;
    } else if (strcasecmp(token, "printdevRules") == 0) {
        set_string(&settings.rules, line, true);
    } else if (strcasecmp(token, "printdevDatabase") == 0) {
        /* a file, or a PostgreSQL connection string */
        set_string(&settings.db, line,
                   strncmp(line, "postgres", 8) != 0 && strncmp(line, "pg:", 3) != 0);
    } else if (strcasecmp(token, "printdevStoreSpool") == 0) {
        set_string(&settings.pg_spool, line, true);
    } else if (strcasecmp(token, "printdevJsonl") == 0) {
        set_string(&settings.jsonl, line, true);
    } else if (strcasecmp(token, "printdevStatsFile") == 0) {
        set_string(&settings.stats, line, true);
    } else if (strcasecmp(token, "printdevAlertMaxAge") == 0) {
        if (!parse_long(line, 0, 100L * 366 * 86400, &v))
            config_perror("printdevAlertMaxAge wants seconds (0: never)");
        else
            settings.alert_max_age = v;
    } else if (strcasecmp(token, "printdevActionQueue") == 0) {
        if (!parse_long(line, 1, 1000000, &v))
            config_perror("printdevActionQueue wants 1..1000000");
        else
            settings.action_queue = (int)v;
    }
}

void trapd_conf_register(void)
{
    static const char *const tokens[][2] = {
        {"printdevListen", "ADDR[,ADDR...]"},
        {"printdevReceiveBuffer", "BYTES"},
        {"printdevBatch", "MAX-TRAPS MS"},
        {"printdevRules", "FILE"},
        {"printdevDatabase", "FILE | postgresql://... | pg:CONNINFO"},
        {"printdevStoreSpool", "FILE"},
        {"printdevJsonl", "FILE"},
        {"printdevStatsFile", "FILE"},
        {"printdevActionQueue", "N"},
        {"printdevAlertMaxAge", "SECONDS"},
    };
    size_t i;

    register_config_handler(TRAPD_APP, "authCommunity", parse_authcommunity, free_access,
                            "TYPES [-v 1|2c] COMMUNITY [SOURCE]");
    register_config_handler(TRAPD_APP, "authUser", parse_authuser, free_access,
                            "TYPES [-s usm] USER [noauth|auth|priv]");
    for (i = 0; i < sizeof tokens / sizeof tokens[0]; i++)
        register_config_handler(TRAPD_APP, tokens[i][0], parse_setting, free_settings,
                                tokens[i][1]);
}

const struct trapd_settings *trapd_conf_settings(void)
{
    return &settings;
}

size_t trapd_conf_rules(void)
{
    return n_rules;
}

enum trapd_deny trapd_access_check(const netsnmp_pdu *pdu, const char *src)
{
    const struct access_rule *r;
    bool v3;

    if (pdu->version == SNMP_VERSION_3) {
        if (pdu->securityModel != SNMP_SEC_MODEL_USM)
            return TRAPD_DENY_MODEL;
        v3 = true;
    } else if (pdu->version == SNMP_VERSION_1 || pdu->version == SNMP_VERSION_2c) {
        v3 = false;
    } else {
        return TRAPD_DENY_MODEL;
    }
    for (r = rules; r; r = r->next) {
        if (r->v3 != v3)
            continue;
        if (v3) {
            if (pdu->securityName && pdu->securityNameLen == r->name_len &&
                memcmp(pdu->securityName, r->name, r->name_len) == 0 &&
                pdu->securityLevel >= r->min_level)
                return TRAPD_ALLOW;
        } else {
            if ((r->version < 0 || r->version == pdu->version) && pdu->community &&
                pdu->community_len == r->name_len &&
                memcmp(pdu->community, r->name, r->name_len) == 0 &&
                (r->any_source || (src && *src && trap_net_contains(&r->net, src))))
                return TRAPD_ALLOW;
        }
    }
    return v3 ? TRAPD_DENY_USER : TRAPD_DENY_COMMUNITY;
}
