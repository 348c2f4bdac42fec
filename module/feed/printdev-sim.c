/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-sim.c: drives one or more printdev devices through a realistic
 * production workload over the feed socket (doc/printdev-sim.1).
 *
 * At start (and after every reconnect) it reads each device's layout with
 * `get all`: trays with their media size and capacity, output bins,
 * supplies (toner, waste toner, staples), media paths and covers.  Then,
 * in fixed steps of simulated time, each device:
 *   - receives jobs (Poisson arrivals, --rate jobs per minute; pages,
 *     duplex, colour and stapling drawn per job),
 *   - prints at --speed pages per minute from a tray holding paper: every
 *     step is one begin ... commit batch with `status printing`, a `count`
 *     (billing, marker counters, tray and bin consumption done by the
 *     agent), and the toner levels lowered by page coverage,
 *   - runs out: an empty tray moves the job to another tray with the same
 *     media size, or stops the engine until an operator refills it after
 *     --refill-delay; full bins are emptied, empty toner replaced, the
 *     same way,
 *   - jams (--jam-rate per sheet) and has covers opened (--cover-rate per
 *     hour), cleared after --clear-delay.
 * Everything random comes from one seeded generator and simulated time,
 * never the wall clock, so `--seed N --duration S --fast` repeats exactly.
 *
 * Exit status: 0 done, 1 the agent refused a command, 2 usage, 3 cannot
 * connect (initially; later disconnects are retried every second).
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "feed_proto.h"
#include "prt_state.h"

#define MAX_DEVICES 64
#define MAX_ROWS 64

/* ---- options ---- */

static const char *opt_socket;
static const char *opt_devices[MAX_DEVICES];
static int n_opt_devices;
static uint64_t opt_seed = 1;
static const char *opt_name = "printdev-sim"; /* hello controller NAME */
static double opt_duration = 0; /* simulated seconds; 0 = until interrupted */
static double opt_rate = 6;     /* jobs per minute per device */
static int opt_pages_min = 1, opt_pages_max = 200;
static double opt_speed = 100; /* pages (impressions) per minute */
static double opt_duplex = 0.5, opt_color = 0.3, opt_staple = 0.2;
static double opt_coverage = 5;  /* percent toner coverage per page */
static double opt_yield = 20000; /* pages per full toner at 5 % coverage */
static double opt_refill = 60;   /* seconds until an operator reacts */
static double opt_clear = 30;    /* seconds until a jam or cover is cleared */
static double opt_jam = 0.0002;  /* jams per sheet */
static double opt_cover = 1;     /* cover openings per hour */
static double opt_step = 1;      /* simulated seconds per step */
static double opt_scale = 1;     /* simulated seconds per wall second */
static bool opt_fast;            /* no pacing */
static int opt_verbose;

static volatile sig_atomic_t stop;

/* ---- random numbers: xorshift64*, seeded, platform-independent ---- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

static double rng_unit(void) /* [0, 1) */
{
    return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

static bool chance(double p)
{
    return rng_unit() < p;
}

static int rng_range(int lo, int hi)
{
    return lo + (int)(rng_next() % (uint64_t)(hi - lo + 1));
}

/* ---- device model as the simulator sees it ---- */

struct tray {
    int index, max, level;
    bool large;
    double refill_at;
};
struct bin {
    int index, max, remaining;
    double empty_at;
};
struct supply {
    int index, max, type, cls;
    double level; /* exact, sent rounded */
    int sent;     /* last value sent */
    bool black;
    double replace_at;
};
struct path {
    int index;
    bool jammed;
    double clear_at;
};
struct cover {
    int index;
    bool open;
    double close_at;
};

struct job {
    int pages_left;
    bool duplex, color, staple;
    bool large;
};

struct sdev {
    char name[64];
    struct tray trays[MAX_ROWS];
    int n_trays;
    struct bin bins[MAX_ROWS];
    int n_bins;
    struct supply sup[MAX_ROWS];
    int n_sup;
    struct path paths[MAX_ROWS];
    int n_paths;
    struct cover covers[MAX_ROWS];
    int n_covers;
    bool busy;
    struct job job;
    int queued;         /* jobs waiting */
    double page_credit; /* fractional pages carried to the next step */
    int engine;         /* what we told the agent: 0 idle, 1 printing */
    /* statistics */
    unsigned long jobs, pages, jams, refills, covers_opened, replaced;
};

static struct sdev devs[MAX_DEVICES];
static int n_devs;
static unsigned long n_commands, n_errors;

/* ---- connection ---- */

static int fd = -1;
static char rbuf[1 << 16];
static size_t rlen;
static struct feed_out wbuf;

static int do_connect(bool quiet)
{
    struct sockaddr_un sa;

    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    if (strlen(opt_socket) >= sizeof(sa.sun_path)) {
        fprintf(stderr, "printdev-sim: socket path too long\n");
        return -1;
    }
    memcpy(sa.sun_path, opt_socket, strlen(opt_socket) + 1);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        if (!quiet)
            fprintf(stderr, "printdev-sim: cannot connect to %s: %s\n", opt_socket,
                    strerror(errno));
        if (fd >= 0)
            close(fd);
        fd = -1;
        return -1;
    }
    rlen = 0;
    return 0;
}

static void drop_connection(void)
{
    if (fd >= 0)
        close(fd);
    fd = -1;
    feed_out_reset(&wbuf);
}

static int flush_out(void)
{
    size_t off = 0;

    while (off < wbuf.len) {
        ssize_t w = send(fd, wbuf.buf + off, wbuf.len - off, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        off += (size_t)w;
    }
    feed_out_reset(&wbuf);
    return 0;
}

static int read_line(char *line, size_t cap)
{
    for (;;) {
        char *nl = memchr(rbuf, '\n', rlen);
        if (nl != NULL) {
            size_t n = (size_t)(nl - rbuf), take = n < cap - 1 ? n : cap - 1;
            memcpy(line, rbuf, take);
            line[take] = '\0';
            memmove(rbuf, nl + 1, rlen - n - 1);
            rlen -= n + 1;
            return 0;
        }
        if (rlen == sizeof(rbuf))
            return -1;
        struct pollfd pfd = {fd, POLLIN, 0};
        int pr = poll(&pfd, 1, 10000);
        if (pr < 0 && errno == EINTR) {
            if (stop)
                return -1;
            continue;
        }
        if (pr <= 0)
            return -1;
        ssize_t r = recv(fd, rbuf + rlen, sizeof(rbuf) - rlen, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        rlen += (size_t)r;
    }
}

/* Queued command lines; replies are read in one go by sync_replies(). */
static unsigned n_pending;

static void cmd(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cmd(const char *fmt, ...)
{
    va_list ap;
    char line[FEED_LINE_MAX];

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    feed_out_printf(&wbuf, "%s\n", line);
    if (opt_verbose > 1)
        fprintf(stderr, "> %s\n", line);
    n_pending++;
    n_commands++;
}

/* Sends the queued lines and reads one final reply per line.  Data lines
 * go to on_data when given.  Returns -1 when the connection is lost. */
static int sync_replies(void (*on_data)(const char *line, void *arg), void *arg)
{
    char line[FEED_LINE_MAX * 4];

    if (flush_out() < 0)
        return -1;
    while (n_pending > 0) {
        if (read_line(line, sizeof(line)) < 0)
            return -1;
        if (strncmp(line, "ok", 2) == 0 && (line[2] == '\0' || line[2] == ' ')) {
            n_pending--;
        } else if (strncmp(line, "error", 5) == 0) {
            n_pending--;
            n_errors++;
            fprintf(stderr, "printdev-sim: agent: %s\n", line);
        } else if (strncmp(line, "event ", 6) != 0 && on_data != NULL) {
            on_data(line, arg);
        }
    }
    return 0;
}

/* ---- layout ---- */

/* Value of key in a "record k=v ..." line (quoted values unescaped). */
static bool kv(const char *line, const char *key, char *out, size_t cap)
{
    size_t kl = strlen(key);
    const char *p = line;

    while ((p = strchr(p, ' ')) != NULL) {
        p++;
        if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
            const char *v = p + kl + 1;
            if (*v == '"') {
                size_t n;
                return prt_state_unquote(&v, out, cap, &n) == 0;
            }
            size_t n = strcspn(v, " ");
            if (n >= cap)
                return false;
            memcpy(out, v, n);
            out[n] = '\0';
            return true;
        }
    }
    return false;
}

static int kvi(const char *line, const char *key, int dflt)
{
    char b[32];
    return kv(line, key, b, sizeof(b)) ? atoi(b) : dflt;
}

static void on_layout(const char *line, void *arg)
{
    struct sdev *d = arg;
    char b[256];

    if (strncmp(line, "input ", 6) == 0 && d->n_trays < MAX_ROWS) {
        struct tray *t = &d->trays[d->n_trays++];
        int feed = kvi(line, "feed", -2), xfeed = kvi(line, "xfeed", -2);
        t->index = kvi(line, "index", 0);
        t->max = kvi(line, "max", -2);
        t->level = kvi(line, "level", -2);
        /* larger than A4/Letter (micrometres or ten-thousandths of an inch
         * both make A4 about 210000 x 297000 or 82677 x 116929) */
        t->large =
            (xfeed > 0 && feed > 0) && ((xfeed > 216000 && xfeed < 10000000) || feed > 356000);
        t->refill_at = -1;
    } else if (strncmp(line, "output ", 7) == 0 && d->n_bins < MAX_ROWS) {
        struct bin *o = &d->bins[d->n_bins++];
        o->index = kvi(line, "index", 0);
        o->max = kvi(line, "max", -2);
        o->remaining = kvi(line, "remaining", -2);
        o->empty_at = -1;
    } else if (strncmp(line, "supply ", 7) == 0 && d->n_sup < MAX_ROWS) {
        struct supply *s = &d->sup[d->n_sup++];
        s->index = kvi(line, "index", 0);
        s->max = kvi(line, "max", -2);
        s->level = kvi(line, "level", -2);
        s->sent = (int)s->level;
        s->type = kvi(line, "type", 0);
        s->cls = kvi(line, "class", 0);
        s->black = kv(line, "description", b, sizeof(b)) &&
                   (strstr(b, "lack") != NULL || strstr(b, "BK") != NULL);
        s->replace_at = -1;
    } else if (strncmp(line, "path ", 5) == 0 && d->n_paths < MAX_ROWS) {
        struct path *p = &d->paths[d->n_paths++];
        p->index = kvi(line, "index", 0);
        p->jammed = kv(line, "jammed", b, sizeof(b)) && strcmp(b, "yes") == 0;
        p->clear_at = -1;
    } else if (strncmp(line, "cover ", 6) == 0 && d->n_covers < MAX_ROWS) {
        struct cover *c = &d->covers[d->n_covers++];
        c->index = kvi(line, "index", 0);
        c->open = kvi(line, "status", 4) == 3 || kvi(line, "status", 4) == 5;
        c->close_at = -1;
    }
}

static bool is_toner(const struct supply *s)
{
    return s->cls == 3 && (s->type == 3 || s->type == 5 || s->type == 6 || s->type == 21);
}

static int read_layout(void)
{
    char hello[200];

    /* a print controller's session: the agent reports it (printdev-feed(7)) */
    prt_state_quote(hello, sizeof(hello), opt_name, strlen(opt_name));
    cmd("hello controller %s", hello);
    for (int i = 0; i < n_devs; i++) {
        struct sdev *d = &devs[i];
        char q[200];

        d->n_trays = d->n_bins = d->n_sup = d->n_paths = d->n_covers = 0;
        prt_state_quote(q, sizeof(q), d->name, strlen(d->name));
        cmd("device %s", q);
        cmd("get all");
        if (sync_replies(on_layout, d) < 0)
            return -1;
        if (n_errors > 0)
            return -2;
        /* no black-named toner: the first toner prints mono */
        bool any_black = false;
        for (int k = 0; k < d->n_sup; k++)
            any_black |= d->sup[k].black && is_toner(&d->sup[k]);
        for (int k = 0; k < d->n_sup && !any_black; k++)
            if (is_toner(&d->sup[k]))
                any_black = d->sup[k].black = true;
        if (opt_verbose)
            fprintf(stderr,
                    "printdev-sim: %s: %d trays, %d bins, %d supplies, %d paths, %d covers\n",
                    d->name, d->n_trays, d->n_bins, d->n_sup, d->n_paths, d->n_covers);
    }
    return 0;
}

/* ---- simulation ---- */

static void note(const struct sdev *d, double t, const char *what, int idx)
{
    if (opt_verbose)
        fprintf(stderr, "[%8.0f s] %s: %s %d\n", t, d->name, what, idx);
}

static struct tray *pick_tray(struct sdev *d, bool large)
{
    struct tray *best = NULL;

    for (int i = 0; i < d->n_trays; i++) {
        struct tray *t = &d->trays[i];
        if (t->large != large || t->level == 0 || t->refill_at >= 0)
            continue;
        if (best == NULL || t->level > best->level)
            best = t;
    }
    return best;
}

static bool has_tray_of(const struct sdev *d, bool large)
{
    for (int i = 0; i < d->n_trays; i++)
        if (d->trays[i].large == large)
            return true;
    return false;
}

static struct bin *pick_bin(struct sdev *d)
{
    for (int i = 0; i < d->n_bins; i++)
        if (d->bins[i].remaining != 0 && d->bins[i].empty_at < 0)
            return &d->bins[i];
    return NULL;
}

static bool stopped(const struct sdev *d)
{
    for (int i = 0; i < d->n_paths; i++)
        if (d->paths[i].jammed)
            return true;
    for (int i = 0; i < d->n_covers; i++)
        if (d->covers[i].open)
            return true;
    for (int i = 0; i < d->n_sup; i++)
        if (is_toner(&d->sup[i]) && d->sup[i].level <= 0 && d->sup[i].max > 0)
            return true;
    return false;
}

static void set_supply(struct supply *s)
{
    int v = (int)floor(s->level + 0.5);

    if (s->level > 0 && v == 0)
        v = 1; /* some left until it is really gone */
    if (v != s->sent) {
        cmd("set supply %d level %d", s->index, v);
        s->sent = v;
    }
}

/* One step of device d at simulated time t. */
static void step(struct sdev *d, double t)
{
    /* operators and engineers */
    for (int i = 0; i < d->n_trays; i++) {
        struct tray *tr = &d->trays[i];
        if (tr->refill_at >= 0 && t >= tr->refill_at) {
            tr->level = tr->max;
            tr->refill_at = -1;
            cmd("set input %d level %d", tr->index, tr->level);
            d->refills++;
            note(d, t, "refilled tray", tr->index);
        } else if (tr->level == 0 && tr->refill_at < 0 && tr->max > 0) {
            tr->refill_at = t + opt_refill;
        }
    }
    for (int i = 0; i < d->n_bins; i++) {
        struct bin *b = &d->bins[i];
        if (b->empty_at >= 0 && t >= b->empty_at) {
            b->remaining = b->max;
            b->empty_at = -1;
            cmd("set output %d remaining %d", b->index, b->remaining);
            note(d, t, "emptied bin", b->index);
        } else if (b->remaining == 0 && b->empty_at < 0 && b->max > 0) {
            b->empty_at = t + opt_refill;
        }
    }
    for (int i = 0; i < d->n_sup; i++) {
        struct supply *s = &d->sup[i];
        bool spent = s->max > 0 && s->level <= 0;
        if (s->replace_at >= 0 && t >= s->replace_at) {
            s->level = s->max;
            s->replace_at = -1;
            set_supply(s);
            d->replaced++;
            note(d, t, "replaced supply", s->index);
        } else if (spent && s->replace_at < 0) {
            s->replace_at = t + opt_refill;
        }
    }
    for (int i = 0; i < d->n_paths; i++) {
        struct path *p = &d->paths[i];
        if (p->jammed && p->clear_at >= 0 && t >= p->clear_at) {
            p->jammed = false;
            p->clear_at = -1;
            cmd("clear jam %d", p->index);
            note(d, t, "cleared jam", p->index);
        } else if (p->jammed && p->clear_at < 0) {
            p->clear_at = t + opt_clear;
        }
    }
    for (int i = 0; i < d->n_covers; i++) {
        struct cover *c = &d->covers[i];
        if (c->open && c->close_at >= 0 && t >= c->close_at) {
            c->open = false;
            c->close_at = -1;
            cmd("set cover %d closed", c->index);
            note(d, t, "closed cover", c->index);
        } else if (c->open && c->close_at < 0) {
            c->close_at = t + opt_clear;
        }
    }
    if (d->n_covers > 0 && chance(opt_cover * opt_step / 3600.0)) {
        struct cover *c = &d->covers[rng_range(0, d->n_covers - 1)];
        if (!c->open) {
            c->open = true;
            c->close_at = t + opt_clear;
            cmd("set cover %d open", c->index);
            d->covers_opened++;
            note(d, t, "opened cover", c->index);
        }
    }

    /* job arrivals: Poisson with opt_rate per minute */
    {
        double lambda = opt_rate * opt_step / 60.0, p = exp(-lambda), u = rng_unit(), cum = p;
        int k = 0;
        while (u > cum && k < 100) {
            k++;
            p *= lambda / k;
            cum += p;
        }
        d->queued += k;
    }
    if (!d->busy && d->queued > 0) {
        d->queued--;
        d->busy = true;
        d->job.pages_left = rng_range(opt_pages_min, opt_pages_max);
        d->job.duplex = chance(opt_duplex);
        d->job.color = chance(opt_color);
        d->job.staple = chance(opt_staple);
        d->job.large = has_tray_of(d, true) && chance(0.2);
        if (!has_tray_of(d, d->job.large))
            d->job.large = !d->job.large;
        d->jobs++;
    }

    /* printing */
    bool printing = false;
    if (d->busy && !stopped(d)) {
        struct tray *tr = pick_tray(d, d->job.large);
        struct bin *bn = pick_bin(d);
        if (tr != NULL && (bn != NULL || d->n_bins == 0)) {
            double want = opt_speed * opt_step / 60.0 + d->page_credit;
            int pages = (int)want;
            d->page_credit = want - pages;
            if (pages > d->job.pages_left)
                pages = d->job.pages_left;
            int sheets = d->job.duplex ? (pages + 1) / 2 : pages;
            if (tr->level >= 0 && sheets > tr->level) {
                sheets = tr->level;
                pages = d->job.duplex ? sheets * 2 : sheets;
            }
            if (bn != NULL && bn->remaining >= 0 && sheets > bn->remaining) {
                sheets = bn->remaining;
                pages = d->job.duplex ? sheets * 2 : sheets;
            }
            if (pages > 0) {
                char outopt[32] = "";
                if (bn != NULL)
                    snprintf(outopt, sizeof(outopt), " output %d", bn->index);
                cmd("count %d color %s size %s sides %s input %d%s", pages,
                    d->job.color ? "color" : "mono", d->job.large ? "large" : "small",
                    d->job.duplex ? "duplex" : "simplex", tr->index, outopt);
                if (tr->level > 0)
                    tr->level -= sheets;
                if (bn != NULL && bn->remaining > 0)
                    bn->remaining -= sheets;
                d->pages += (unsigned long)pages;
                d->job.pages_left -= pages;
                printing = true;
                /* toner by coverage, waste toner fills with a tenth of it */
                double use =
                    (double)pages * (opt_coverage / 5.0) / opt_yield * (d->job.large ? 2.0 : 1.0);
                double used = 0;
                for (int i = 0; i < d->n_sup; i++) {
                    struct supply *s = &d->sup[i];
                    if (!is_toner(s) || s->max <= 0 || s->level <= 0)
                        continue;
                    if (!s->black && !d->job.color)
                        continue;
                    double amount = use * s->max;
                    s->level = s->level > amount ? s->level - amount : 0;
                    used += amount / s->max;
                    set_supply(s);
                }
                for (int i = 0; i < d->n_sup; i++) {
                    struct supply *s = &d->sup[i];
                    if (s->cls == 4 && s->max > 0 && s->level > 0) {
                        s->level -= used * 0.1 * s->max;
                        if (s->level < 0)
                            s->level = 0;
                        set_supply(s);
                    }
                }
                /* jams, per sheet */
                if (d->n_paths > 0 && chance(1.0 - pow(1.0 - opt_jam, sheets))) {
                    struct path *p = &d->paths[rng_range(0, d->n_paths - 1)];
                    p->jammed = true;
                    p->clear_at = t + opt_clear;
                    cmd("jam %d location %d", p->index, rng_range(1, 9));
                    d->jams++;
                    note(d, t, "jam in path", p->index);
                }
            }
            if (d->job.pages_left <= 0) {
                if (d->job.staple) {
                    for (int i = 0; i < d->n_sup; i++) {
                        struct supply *s = &d->sup[i];
                        if (s->type == 32 && s->level > 0) {
                            s->level -= 1; /* one staple per set */
                            set_supply(s);
                            break;
                        }
                    }
                }
                d->busy = false;
            }
        }
    }
    if (printing != (d->engine == 1)) {
        d->engine = printing ? 1 : 0;
        cmd("status %s", printing ? "printing" : "idle");
    }
}

static void on_sig(int sig)
{
    stop = 1;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: printdev-sim [-s SOCKET] -d DEVICE [-d DEVICE...] [options]\n"
               "  --name NAME         controller name it says hello with (default printdev-sim)\n"
               "  --seed N            random seed (default 1)\n"
               "  --duration SECS     simulated seconds to run (default: until interrupted)\n"
               "  --rate JOBS         jobs per minute per device (default 6)\n"
               "  --pages MIN-MAX     pages per job (default 1-200)\n"
               "  --speed PPM         impressions per minute (default 100)\n"
               "  --duplex P --color P --staple P   job mix probabilities (0.5, 0.3, 0.2)\n"
               "  --coverage PCT      toner coverage per page (default 5)\n"
               "  --yield PAGES       pages per toner at 5%% coverage (default 20000)\n"
               "  --refill-delay SECS operator reaction: refill, empty, replace (default 60)\n"
               "  --clear-delay SECS  jam or open cover cleared after (default 30)\n"
               "  --jam-rate P        jams per sheet (default 0.0002)\n"
               "  --cover-rate N      cover openings per hour (default 1)\n"
               "  --step SECS         simulated seconds per batch (default 1)\n"
               "  --speedup X         simulated seconds per wall-clock second (default 1)\n"
               "  --fast              do not pace at all\n"
               "  -v                  report events (-vv: every command)\n"
               "socket: -s, else $PRINTDEV_FEED_SOCKET, else /run/printdev/feed.sock\n");
}

static bool opt_double(const char *s, double *v, double lo, double hi)
{
    char *end;
    double x = strtod(s, &end);
    if (*end != '\0' || end == s || !(x >= lo && x <= hi))
        return false;
    *v = x;
    return true;
}

int main(int argc, char **argv)
{
    struct timespec t0;
    double t = 0;
    int rc;

    opt_socket = getenv("PRINTDEV_FEED_SOCKET");
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true, takes = true;

        if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(o, "-v") == 0) {
            opt_verbose++;
            takes = false;
        } else if (strcmp(o, "-vv") == 0) {
            opt_verbose += 2;
            takes = false;
        } else if (strcmp(o, "--fast") == 0) {
            opt_fast = true;
            takes = false;
        } else if (v == NULL) {
            ok = false;
        } else if (strcmp(o, "-s") == 0 || strcmp(o, "--socket") == 0) {
            opt_socket = v;
        } else if (strcmp(o, "-d") == 0 || strcmp(o, "--device") == 0) {
            if (n_opt_devices == MAX_DEVICES || strlen(v) >= sizeof(devs[0].name))
                ok = false;
            else
                opt_devices[n_opt_devices++] = v;
        } else if (strcmp(o, "--name") == 0) {
            ok = *v != '\0' && strlen(v) <= FEED_NAME_MAX;
            opt_name = v;
        } else if (strcmp(o, "--seed") == 0) {
            char *end;
            opt_seed = strtoull(v, &end, 10);
            ok = *end == '\0' && *v != '\0';
        } else if (strcmp(o, "--duration") == 0) {
            ok = opt_double(v, &opt_duration, 0, 1e9);
        } else if (strcmp(o, "--rate") == 0) {
            ok = opt_double(v, &opt_rate, 0, 10000);
        } else if (strcmp(o, "--pages") == 0) {
            ok = sscanf(v, "%d-%d", &opt_pages_min, &opt_pages_max) == 2 && opt_pages_min >= 1 &&
                 opt_pages_max >= opt_pages_min && opt_pages_max <= 1000000;
        } else if (strcmp(o, "--speed") == 0) {
            ok = opt_double(v, &opt_speed, 1, 100000);
        } else if (strcmp(o, "--duplex") == 0) {
            ok = opt_double(v, &opt_duplex, 0, 1);
        } else if (strcmp(o, "--color") == 0) {
            ok = opt_double(v, &opt_color, 0, 1);
        } else if (strcmp(o, "--staple") == 0) {
            ok = opt_double(v, &opt_staple, 0, 1);
        } else if (strcmp(o, "--coverage") == 0) {
            ok = opt_double(v, &opt_coverage, 0, 100);
        } else if (strcmp(o, "--yield") == 0) {
            ok = opt_double(v, &opt_yield, 1, 1e9);
        } else if (strcmp(o, "--refill-delay") == 0) {
            ok = opt_double(v, &opt_refill, 0, 1e6);
        } else if (strcmp(o, "--clear-delay") == 0) {
            ok = opt_double(v, &opt_clear, 0, 1e6);
        } else if (strcmp(o, "--jam-rate") == 0) {
            ok = opt_double(v, &opt_jam, 0, 1);
        } else if (strcmp(o, "--cover-rate") == 0) {
            ok = opt_double(v, &opt_cover, 0, 3600);
        } else if (strcmp(o, "--step") == 0) {
            ok = opt_double(v, &opt_step, 0.01, 3600);
        } else if (strcmp(o, "--speedup") == 0) {
            ok = opt_double(v, &opt_scale, 0.001, 1e6);
        } else {
            ok = false;
        }
        if (!ok) {
            fprintf(stderr, "printdev-sim: bad option or value: %s%s%s\n", o, v && takes ? " " : "",
                    v && takes ? v : "");
            usage(stderr);
            return 2;
        }
        if (takes)
            i++;
    }
    if (n_opt_devices == 0) {
        fprintf(stderr, "printdev-sim: name at least one device with -d\n");
        usage(stderr);
        return 2;
    }
    if (opt_socket == NULL)
        opt_socket = "/run/printdev/feed.sock";
    for (int i = 0; i < n_opt_devices; i++)
        snprintf(devs[n_devs++].name, sizeof(devs[0].name), "%s", opt_devices[i]);
    rng_state = opt_seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    if (rng_state == 0)
        rng_state = 1;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_sig);
    signal(SIGTERM, on_sig);

    if (do_connect(false) < 0)
        return 3;
    rc = read_layout();
    if (rc == -2) {
        fprintf(stderr, "printdev-sim: the agent does not know every device\n");
        return 1;
    }
    if (rc < 0) {
        fprintf(stderr, "printdev-sim: connection lost while reading the layout\n");
        return 3;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!stop && (opt_duration <= 0 || t < opt_duration)) {
        char q[200];

        if (fd < 0) {
            /* the agent restarted or reloaded: reconnect, re-read */
            sleep(1);
            if (do_connect(true) < 0 || read_layout() < 0) {
                drop_connection();
                continue;
            }
            fprintf(stderr, "printdev-sim: reconnected\n");
        }
        for (int i = 0; i < n_devs; i++) {
            struct sdev *d = &devs[i];
            size_t len0 = wbuf.len;
            unsigned p0 = n_pending, mark;

            prt_state_quote(q, sizeof(q), d->name, strlen(d->name));
            cmd("device %s", q);
            cmd("begin");
            mark = n_pending;
            step(d, t);
            if (n_pending == mark) {
                /* nothing happened this step: send no empty batch */
                wbuf.len = len0;
                if (wbuf.buf != NULL)
                    wbuf.buf[len0] = '\0';
                n_pending = p0;
                n_commands -= 2;
            } else {
                cmd("commit");
            }
        }
        if (sync_replies(NULL, NULL) < 0) {
            fprintf(stderr, "printdev-sim: connection lost; reconnecting\n");
            drop_connection();
            n_pending = 0;
            continue;
        }
        t += opt_step;
        if (!opt_fast) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            double wall = (double)(now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
            double ahead = t / opt_scale - wall;
            if (ahead > 0) {
                struct timespec ts = {(time_t)ahead, (long)((ahead - (double)(time_t)ahead) * 1e9)};
                nanosleep(&ts, NULL);
            }
        }
    }
    if (fd >= 0) {
        for (int i = 0; i < n_devs; i++) {
            if (devs[i].engine == 1) {
                char q[200];
                prt_state_quote(q, sizeof(q), devs[i].name, strlen(devs[i].name));
                cmd("device %s", q);
                cmd("status idle");
            }
        }
        sync_replies(NULL, NULL);
    }
    for (int i = 0; i < n_devs; i++) {
        const struct sdev *d = &devs[i];
        printf("%s: %.0f s, %lu jobs, %lu pages, %lu jams, %lu tray refills, %lu covers opened, "
               "%lu supplies replaced\n",
               d->name, t, d->jobs, d->pages, d->jams, d->refills, d->covers_opened, d->replaced);
    }
    printf("commands %lu, errors %lu\n", n_commands, n_errors);
    drop_connection();
    feed_out_free(&wbuf);
    return n_errors > 0 ? 1 : 0;
}
