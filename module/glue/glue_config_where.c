/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_config_where.c: the config file and line of a printdev directive,
 * found by reading the configuration files ourselves.
 *
 * Net-SNMP 5.9.3 keeps the file and line it is reading private (static in
 * read_config.c; nothing in <net-snmp/library/read_config.h> or the
 * library's exported symbols gives them to a handler), and the only place
 * it shows them is its own log text.  So, the first time a handler asks
 * in a read pass, the files snmpd (or printdevd) reads are read here the
 * same way, in the same order, and every line whose directive is one of
 * ours is listed with its file, line, token and arguments:
 *   - the -c files when they start with '-' (snmpd reads them first);
 *   - unless -C (NETSNMP_DS_LIB_DONT_READ_CONFIGS) or "don't persist": for
 *     the application type and for "snmp" (a [TYPE] section may carry our
 *     tokens), every directory of SNMPCONFPATH, else of the configuration
 *     path and then the persistent directory: TYPE.N.conf backups in the
 *     persistent directory, TYPE.conf, TYPE.local.conf;
 *   - the -c files (NETSNMP_DS_LIB_OPTIONALCONFIG, comma-separated);
 *   - inside each file, at their place: [TYPE] sections (whole file or one
 *     line), includeFile (relative to the including file), includeDir
 *     (.conf files in directory order, as Net-SNMP reads them) and
 *     includeSearch, up to Net-SNMP's depth of 16.
 * A handler call (token and the rest of the line as Net-SNMP hands it
 * over) takes the next unused listed line with the same token (case
 * insensitive, as Net-SNMP matches) and the same arguments, searching
 * from after the previous match, then from the start.
 *
 * Limits: a directive that reaches the handler but is in no file read here
 * (a --printdevX=... command-line option, or a file read through a path
 * this code does not know) gets the position "(config)" line 0.  Two
 * identical lines of ours before and after printdev's own dlmod line (the
 * first is "Unknown token" to snmpd) cannot be told apart: the first is
 * taken.  glue_where_reset() (called from free_config(), before every
 * re-read) starts a new pass.
 */
#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "glue_where.h"

#define WHERE_MAX_DEPTH 16 /* Net-SNMP's CONFIG_MAX_RECURSE_DEPTH */
#define WHERE_MAX_FILES 4096

struct occ {
    char *file;
    int line;
    char *token;
    char *args;
    bool used;
};

static struct {
    bool scanned;
    struct occ *v;
    size_t n, cap;
    size_t cursor;
    unsigned files;
    bool (*ours)(const char *token);
} w;

static void add(const char *file, int line, const char *token, const char *args)
{
    struct occ o;

    if (w.n == w.cap) {
        size_t cap = w.cap ? w.cap * 2 : 32;
        struct occ *nv = realloc(w.v, cap * sizeof(*nv));
        if (nv == NULL)
            return;
        w.v = nv;
        w.cap = cap;
    }
    o.file = strdup(file);
    o.token = strdup(token);
    o.args = strdup(args);
    o.line = line;
    o.used = false;
    if (o.file == NULL || o.token == NULL || o.args == NULL) {
        free(o.file);
        free(o.token);
        free(o.args);
        return;
    }
    w.v[w.n++] = o;
}

/* Net-SNMP's word rules: skip blanks; NULL at the end or at a comment. */
static char *skip_blank(char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return (*p == '\0' || *p == '#') ? NULL : p;
}

/* Cuts the word at *p (NUL-terminates it) and returns the rest after the
 * blanks that follow, or NULL when nothing follows. */
static char *cut_word(char *p)
{
    while (*p && !isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return NULL;
    *p++ = '\0';
    while (*p && isspace((unsigned char)*p))
        p++;
    return *p ? p : NULL;
}

static void scan_file(const char *path, const char *type, const char *app, int depth);

static void scan_type(const char *header, const char *app, int depth)
{
    const char *env = netsnmp_getenv("SNMPCONFPATH");
    const char *persfile = netsnmp_getenv("SNMP_PERSISTENT_FILE");
    const char *pers = get_persistent_directory();
    const char *paths[2] = {env, NULL};
    char *perspath = strdup(pers ? pers : "");

    if (perspath == NULL)
        return;
    if (env == NULL) {
        paths[0] = get_configuration_directory();
        paths[1] = perspath;
    }
    for (int k = 0; k < 2 && paths[k] != NULL; k++) {
        char *list = strdup(paths[k]), *save = NULL;
        if (list == NULL)
            break;
        for (char *dir = strtok_r(list, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
            struct stat st;
            char file[PATH_MAX];

            if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
                continue;
            if (strncmp(dir, perspath, strlen(perspath)) == 0 ||
                (persfile != NULL && strncmp(dir, persfile, strlen(persfile)) == 0)) {
                for (int j = 0; j <= NETSNMP_MAX_PERSISTENT_BACKUPS; j++) {
                    snprintf(file, sizeof(file), "%s/%s.%d.conf", dir, header, j);
                    if (stat(file, &st) != 0)
                        break;
                    scan_file(file, header, app, depth);
                }
            }
            snprintf(file, sizeof(file), "%s/%s.conf", dir, header);
            scan_file(file, header, app, depth);
            snprintf(file, sizeof(file), "%s/%s.local.conf", dir, header);
            scan_file(file, header, app, depth);
        }
        free(list);
    }
    free(perspath);
}

static void scan_file(const char *path, const char *type, const char *app, int depth)
{
    FILE *f;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0;
    char ctx[64];

    if (depth > WHERE_MAX_DEPTH || w.files >= WHERE_MAX_FILES)
        return;
    f = fopen(path, "r");
    if (f == NULL)
        return;
    w.files++;
    snprintf(ctx, sizeof(ctx), "%s", type);
    while ((len = getline(&buf, &cap, f)) >= 0) {
        char *p, *rest;
        const char *line_ctx = ctx;
        char sect[64];

        lineno++;
        if (len > 0 && buf[len - 1] == '\n')
            buf[len - 1] = '\0';
        if ((p = skip_blank(buf)) == NULL)
            continue;
        rest = cut_word(p);
        if (p[0] == '[') {
            size_t l = strlen(p);
            if (l < 2 || p[l - 1] != ']')
                continue;
            snprintf(sect, sizeof(sect), "%.*s", (int)(l - 2), p + 1);
            if (rest == NULL) {
                snprintf(ctx, sizeof(ctx), "%s", sect);
                continue;
            }
            /* [TYPE] token args: this line only (no include here) */
            line_ctx = sect;
            p = rest;
            rest = cut_word(p);
        } else if (strncasecmp(p, "include", 7) == 0 && rest != NULL) {
            char fname[PATH_MAX];
            if (strcasecmp(p, "includeFile") == 0) {
                if (rest[0] == '/') {
                    snprintf(fname, sizeof(fname), "%s", rest);
                } else {
                    const char *slash = strrchr(path, '/');
                    snprintf(fname, sizeof(fname), "%.*s%s",
                             slash ? (int)(slash - path + 1) : 0, path, rest);
                }
                scan_file(fname, ctx, app, depth + 1);
                continue;
            }
            if (strcasecmp(p, "includeDir") == 0) {
                DIR *d = opendir(rest);
                struct dirent *e;
                if (d == NULL)
                    continue;
                while ((e = readdir(d)) != NULL) {
                    size_t l = strlen(e->d_name);
                    if (e->d_name[0] == '.' || l <= 5 || strcmp(e->d_name + l - 5, ".conf") != 0)
                        continue;
                    snprintf(fname, sizeof(fname), "%s/%s", rest, e->d_name);
                    scan_file(fname, ctx, app, depth + 1);
                }
                closedir(d);
                continue;
            }
            if (strcasecmp(p, "includeSearch") == 0) {
                size_t l = strlen(rest);
                snprintf(fname, sizeof(fname), "%.*s",
                         (int)(l > 5 && strcmp(rest + l - 5, ".conf") == 0 ? l - 5 : l), rest);
                scan_type(fname, app, depth + 1);
                continue;
            }
        }
        if (rest != NULL && strcmp(line_ctx, app) == 0 && w.ours(p))
            add(path, lineno, p, rest);
    }
    free(buf);
    fclose(f);
}

static void scan_optional(const char *list, const char *app)
{
    char *copy = strdup(list), *save = NULL;
    struct stat st;

    if (copy == NULL)
        return;
    for (char *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save))
        if (stat(f, &st) == 0)
            scan_file(f, app, app, 0);
    free(copy);
}

static void scan(void)
{
    const char *app = netsnmp_ds_get_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_APPTYPE);
    const char *opt = netsnmp_ds_get_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG);

    w.scanned = true;
    w.files = 0;
    if (app == NULL)
        return;
    if (opt != NULL && opt[0] == '-') {
        scan_optional(opt + 1, app);
        opt = NULL;
    }
    if (!netsnmp_ds_get_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE) &&
        !netsnmp_ds_get_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS)) {
        scan_type(app, app, 0);
        if (strcmp(app, "snmp") != 0)
            scan_type("snmp", app, 0);
    }
    if (opt != NULL)
        scan_optional(opt, app);
}

static bool matches(const struct occ *o, const char *token, const char *args)
{
    return !o->used && strcasecmp(o->token, token) == 0 && strcmp(o->args, args) == 0;
}

void glue_where_find(bool (*ours)(const char *token), const char *token, const char *args,
                     char *file, size_t cap, int *line)
{
    size_t i;

    snprintf(file, cap, "(config)");
    *line = 0;
    if (!w.scanned) {
        w.ours = ours;
        scan();
    }
    for (i = w.cursor; i < w.n && !matches(&w.v[i], token, args); i++)
        ;
    if (i == w.n) {
        for (i = 0; i < w.cursor && i < w.n && !matches(&w.v[i], token, args); i++)
            ;
        if (i == w.cursor || i == w.n)
            return;
    }
    w.v[i].used = true;
    w.cursor = i + 1;
    snprintf(file, cap, "%s", w.v[i].file);
    *line = w.v[i].line;
}

void glue_where_reset(void)
{
    for (size_t i = 0; i < w.n; i++) {
        free(w.v[i].file);
        free(w.v[i].token);
        free(w.v[i].args);
    }
    free(w.v);
    memset(&w, 0, sizeof(w));
}
