/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_feed_device.c: unit tests of device add / device remove on the feed
 * protocol (feed_device.c): replies, the registry handed to the save hook
 * before anything changes, all-or-nothing batches (a bad skeleton line, a
 * failing check, a failing save: no device, no registry change, no hook),
 * idempotent re-adds, removal, indexes never reused, the identity a
 * profile device claims, and the hooks the agent relies on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "feed_proto.h"
#include "prt_model.h"
#include "prt_profile.h"
#include "prt_registry.h"

static const char *const skel_lines[] = {
    "printdevDescr \"Lab printer\"",
    "printdevLocalization 1 language en country US charset csUTF8",
    "printdevMarker 1 tech electrophotographicLaser counterUnit impressions",
    "printdevColorant 1 marker 1 role process value black",
    "printdevSupply 1 marker 1 colorant 1 class supplyThatIsConsumed type toner unit percent max "
    "100 level 80 description \"Black\"",
    "printdevInput 1 type sheetFeedAutoRemovableTray name \"Tray 1\" unit sheets max 250 level 9",
    "printdevOutput 1 type removableBin name \"Out\" unit sheets max 100 remaining 100",
    "printdevMediaPath 1 type simplex",
    "printdevChannel 1 type chIPP state printDataAccepted",
    "printdevInterpreter 1 family langPS description \"PostScript\"",
    NULL};

static struct prt_model *model;
static struct feed_session *sess;
static struct feed_out out;
static int saves, save_fail, removals, set_changes, changes;
static char *saved_image; /* the registry as the last save hook saw it */

static int hook_save(void *arg, const struct prt_registry *r, char *why, size_t len)
{
    size_t n;

    (void)arg;
    if (save_fail) {
        snprintf(why, len, "disk full");
        return -1;
    }
    saves++;
    free(saved_image);
    saved_image = NULL;
    CU_ASSERT_EQUAL(prt_registry_format(r, &saved_image, &n), 0);
    return 0;
}

static void hook_removing(void *arg, struct prt_device *d)
{
    (void)arg;
    CU_ASSERT_PTR_EQUAL(prt_model_find(model, d->hr_index), d); /* still in the model */
    removals++;
}

static void hook_set_changed(void *arg)
{
    (void)arg;
    set_changes++;
}

static void hook_changed(void *arg, struct prt_device *d)
{
    (void)arg;
    (void)d;
    changes++;
}

static const struct feed_hooks hooks = {hook_changed, hook_save, hook_removing, hook_set_changed};

static int setup(void)
{
    struct prt_profile *p = prt_profile_new();
    char err[256];

    model = prt_model_new();
    /* one profile device (index 5) claiming an identity */
    prt_profile_line(p, "t", 1, "printdevDevice", "5 prof", err, sizeof(err));
    prt_profile_line(p, "t", 2, "printdevIdentity", "urn:uuid:prof", err, sizeof(err));
    for (int i = 0; skel_lines[i] != NULL; i++) {
        char tok[64];
        const char *sp = strchr(skel_lines[i], ' ');
        snprintf(tok, sizeof(tok), "%.*s", (int)(sp - skel_lines[i]), skel_lines[i]);
        CU_ASSERT_EQUAL(prt_profile_line(p, "t", 3 + i, tok, sp + 1, err, sizeof(err)), 0);
    }
    CU_ASSERT_EQUAL(prt_profile_finish(p, model, NULL, NULL), 1);
    prt_profile_free(p);
    model->registry = prt_registry_new();
    sess = feed_session_new(model, &hooks, NULL);
    saves = save_fail = removals = set_changes = changes = 0;
    return 0;
}

static int teardown(void)
{
    feed_session_free(sess);
    prt_registry_free(model->registry);
    prt_model_free(model);
    feed_out_free(&out);
    free(saved_image);
    saved_image = NULL;
    return 0;
}

/* Sends one line; returns the reply (all lines, in out). */
static const char *send(const char *line)
{
    feed_out_reset(&out);
    feed_session_line(sess, line, strlen(line), &out);
    CU_ASSERT_FALSE(out.oom);
    return out.buf ? out.buf : "";
}

/* A whole batch adding NAME with IDENTITY (skeleton lines, then extra
 * lines); returns the reply to commit. */
static const char *add(const char *name, const char *identity, const char *const *extra)
{
    char line[512];

    send("begin");
    snprintf(line, sizeof(line), "device add %s identity=%s", name, identity);
    send(line);
    for (int i = 0; skel_lines[i] != NULL; i++)
        send(skel_lines[i]);
    for (int i = 0; extra != NULL && extra[i] != NULL; i++)
        send(extra[i]);
    return send("commit");
}

static void test_add_and_reply(void)
{
    struct prt_device *d;

    setup();
    CU_ASSERT_STRING_EQUAL(add("lab-1", "urn:uuid:a", NULL),
                           "device index=6 name=\"lab-1\" identity=\"urn:uuid:a\" added\n"
                           "ok committed 11\n");
    d = prt_model_find(model, 6);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_TRUE(d->runtime);
    CU_ASSERT_STRING_EQUAL(d->identity, "urn:uuid:a");
    CU_ASSERT_STRING_EQUAL(d->hr_descr, "Lab printer");
    CU_ASSERT_EQUAL(saves, 1);
    CU_ASSERT_EQUAL(set_changes, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(saved_image, "device 6 \"urn:uuid:a\" \"lab-1\" active\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(saved_image, "skel 6 \"printdevMediaPath 1 type simplex\"\n"));
    /* state changes go to it after the commit */
    CU_ASSERT_STRING_EQUAL(send("device lab-1"), "ok device 6 \"lab-1\"\n");
    CU_ASSERT_STRING_EQUAL(send("set supply 1 level 40"), "ok\n");
    CU_ASSERT_EQUAL(d->supplies[0].level, 40);
    /* re-add, same skeleton: unchanged, no save, no registration change */
    CU_ASSERT_PTR_NOT_NULL(strstr(add("lab-1", "urn:uuid:a", NULL), "\" unchanged\n"));
    CU_ASSERT_EQUAL(saves, 1);
    CU_ASSERT_EQUAL(set_changes, 1);
    /* outside a batch, without a skeleton: the known one */
    CU_ASSERT_STRING_EQUAL(send("device add lab-1 identity=urn:uuid:a"),
                           "ok device 6 \"lab-1\" unchanged\n");
    CU_ASSERT_EQUAL(saves, 1);
    /* re-add, one line more: updated in place, live state kept */
    {
        const char *more[] = {"printdevCover 1 description \"Door\"", NULL};
        CU_ASSERT_PTR_NOT_NULL(strstr(add("lab-1", "urn:uuid:a", more),
                                      "device index=6 name=\"lab-1\" identity=\"urn:uuid:a\" updated\n"));
    }
    CU_ASSERT_PTR_EQUAL(prt_model_find(model, 6), d);
    CU_ASSERT_EQUAL(d->n_covers, 1);
    CU_ASSERT_EQUAL(d->supplies[0].level, 40);
    CU_ASSERT_EQUAL(saves, 2);
    /* the identity the profile device claims: its device, nothing built */
    CU_ASSERT_PTR_NOT_NULL(strstr(add("x", "urn:uuid:prof", NULL),
                                  "device index=5 name=\"prof\" identity=\"urn:uuid:prof\" profile\n"));
    CU_ASSERT_PTR_NULL(prt_model_find_name(model, "x"));
    CU_ASSERT_EQUAL(model->n_devices, 2);
    CU_ASSERT_STRING_EQUAL(send("get devices"),
                           "device index=5 name=\"prof\" identity=\"urn:uuid:prof\" added=no\n"
                           "device index=6 name=\"lab-1\" identity=\"urn:uuid:a\" added=yes\n"
                           "ok 2 devices\n");
    teardown();
}

/* The model and registry as one comparable picture. */
static char *picture(void)
{
    char *img = NULL, *buf;
    size_t n = 0, cap;

    if (prt_registry_format(model->registry, &img, &n) != 0)
        return NULL;
    cap = n + 64 * (model->n_devices + 1);
    buf = malloc(cap);
    snprintf(buf, cap, "%s", img);
    for (size_t i = 0; i < model->n_devices; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, cap - l, "dev %d %s %zu\n", (int)model->devices[i]->hr_index,
                 model->devices[i]->name, model->devices[i]->n_supplies);
    }
    free(img);
    return buf;
}

static void expect_unchanged(const char *before, const char *what)
{
    char *now = picture();

    if (strcmp(before, now) != 0)
        fprintf(stderr, "\n%s changed the model:\n%s\nvs\n%s\n", what, before, now);
    CU_ASSERT_STRING_EQUAL(before, now);
    free(now);
}

static void test_all_or_nothing(void)
{
    char *before;
    const char *r;

    setup();
    add("lab-1", "urn:uuid:a", NULL);
    before = picture();
    saves = set_changes = 0;

    /* a bad skeleton line: error on the line, the batch refused */
    {
        const char *bad[] = {"printdevSupply 2 marker 1 class bogus", NULL};
        r = add("lab-2", "urn:uuid:b", bad);
        CU_ASSERT_PTR_NOT_NULL(strstr(r, "error batch rejected: 1 command failed"));
    }
    expect_unchanged(before, "a bad skeleton line");
    /* a skeleton that fails validation at commit */
    send("begin");
    send("device add lab-2 identity=urn:uuid:b");
    send("printdevDescr \"only this\"");
    r = send("commit");
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "error batch rejected: device lab-2: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "mandatory"));
    expect_unchanged(before, "a skeleton without mandatory rows");
    /* a good add with a bad state change behind it */
    {
        const char *bad[] = {"set input 9 level 1", NULL};
        send("device lab-1");
        r = add("lab-2", "urn:uuid:b", bad);
        CU_ASSERT_PTR_NOT_NULL(strstr(r, "error batch rejected"));
    }
    expect_unchanged(before, "an add with a bad set");
    /* an add and a remove of a profile device */
    send("begin");
    send("device remove prof");
    r = send("commit");
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "comes from a profile"));
    expect_unchanged(before, "removing a profile device");
    /* the name of another identity's device */
    r = add("lab-1", "urn:uuid:other", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "is used by device 6"));
    expect_unchanged(before, "a name clash");
    /* two adds of one batch, the second bad: neither */
    send("begin");
    send("device add lab-2 identity=urn:uuid:b");
    for (int i = 0; skel_lines[i] != NULL; i++)
        send(skel_lines[i]);
    send("device add lab-3 identity=urn:uuid:c");
    send("printdevDescr x");
    r = send("commit");
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "error batch rejected: device lab-3"));
    expect_unchanged(before, "a batch with a good and a bad add");
    /* the registry cannot be saved: nothing changes either */
    save_fail = 1;
    r = add("lab-2", "urn:uuid:b", NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "device registry not saved: disk full"));
    r = send("device remove lab-1");
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "error device registry not saved"));
    save_fail = 0;
    expect_unchanged(before, "a failed save");
    CU_ASSERT_EQUAL(saves, 0);
    CU_ASSERT_EQUAL(set_changes, 0);
    CU_ASSERT_EQUAL(removals, 0);
    /* and after all that the next index is still the next one */
    CU_ASSERT_PTR_NOT_NULL(strstr(add("lab-2", "urn:uuid:b", NULL), "device index=7 "));
    free(before);
    teardown();
}

static void test_remove_never_reuse(void)
{
    setup();
    add("lab-1", "urn:uuid:a", NULL);
    add("lab-2", "urn:uuid:b", NULL);
    CU_ASSERT_STRING_EQUAL(send("device lab-1"), "ok device 6 \"lab-1\"\n");
    CU_ASSERT_STRING_EQUAL(send("device remove lab-1"), "ok removed 6\n");
    CU_ASSERT_EQUAL(removals, 1);
    CU_ASSERT_PTR_NULL(prt_model_find(model, 6));
    CU_ASSERT_EQUAL(feed_session_device(sess), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(send("set supply 1 level 3"), "error "));
    CU_ASSERT_PTR_NOT_NULL(strstr(saved_image, "device 6 \"urn:uuid:a\" \"lab-1\" removed\n"));
    CU_ASSERT_PTR_NULL(strstr(saved_image, "skel 6 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("device remove lab-1"), "error no device"));
    /* another identity: a new index; the old identity: its own */
    CU_ASSERT_PTR_NOT_NULL(strstr(add("lab-3", "urn:uuid:c", NULL), "device index=8 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(add("lab-1", "urn:uuid:a", NULL), "device index=6 "));
    /* remove by index, and two removes of one device in a batch */
    send("begin");
    send("device remove 8");
    send("device remove lab-3");
    CU_ASSERT_PTR_NOT_NULL(strstr(send("commit"), "names device lab-3 twice"));
    CU_ASSERT_STRING_EQUAL(send("device remove 8"), "ok removed 8\n");
    /* add and remove in one batch */
    send("begin");
    send("device add lab-4 identity=urn:uuid:d");
    for (int i = 0; skel_lines[i] != NULL; i++)
        send(skel_lines[i]);
    send("device remove lab-2");
    CU_ASSERT_STRING_EQUAL(send("commit"),
                           "device index=9 name=\"lab-4\" identity=\"urn:uuid:d\" added\n"
                           "device index=7 name=\"lab-2\" identity=\"urn:uuid:b\" removed\n"
                           "ok committed 12\n");
    CU_ASSERT_EQUAL(model->n_devices, 3); /* prof, lab-1, lab-4 */
    teardown();
}

static void test_line_errors(void)
{
    setup();
    CU_ASSERT_PTR_NOT_NULL(strstr(send("printdevDescr x"), "error profile lines are accepted only"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("device add lab-1"), "error usage: device add NAME"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("device add ../x identity=a"), "error device name"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("device add x identity="), "error identity must"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("device add x identity \"a b\""), "error identity must"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("device remove"), "error no device \"remove\""));
    /* without a skeleton the device fails validation: nothing added */
    CU_ASSERT_PTR_NOT_NULL(strstr(send("device add x identity=urn:uuid:x"), "mandatory"));
    CU_ASSERT_EQUAL(model->n_devices, 1);
    CU_ASSERT_EQUAL(model->registry->n, 0);
    send("begin");
    CU_ASSERT_PTR_NOT_NULL(strstr(send("printdevDescr x"), "before any device add"));
    send("device add x identity=urn:uuid:x");
    CU_ASSERT_PTR_NOT_NULL(strstr(send("printdevProfile /etc/passwd"), "not allowed"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("printdevDevice 3 y"), "not allowed"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("printdevIdentity z"), "not allowed"));
    CU_ASSERT_PTR_NOT_NULL(strstr(send("printdevNope 1"), "unknown token"));
    CU_ASSERT_STRING_EQUAL(send("abort"), "ok aborted 1\n");
    /* the device-select command keeps working for names add/remove are not */
    CU_ASSERT_STRING_EQUAL(send("device prof"), "ok device 5 \"prof\"\n");
    teardown();
}

static void register_feed_device_suite(void)
{
    CU_pSuite s = cu_add_suite("feed_device", NULL, NULL);

    CU_ADD(s, test_add_and_reply);
    CU_ADD(s, test_all_or_nothing);
    CU_ADD(s, test_remove_never_reuse);
    CU_ADD(s, test_line_errors);
}

const cu_registrar cu_suites[] = {register_feed_device_suite, NULL};
