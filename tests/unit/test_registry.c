/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_registry.c: unit tests of the device registry (prt_registry.c):
 * identity -> hrDeviceIndex assignment (stable, above profile devices and
 * printdevDeviceFirstIndex, never reused), the file format (round trip,
 * every kind of damage rejected as a whole), save and load, devices built
 * from skeletons through the profile parser, and printdevIdentity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cu_runner.h"
#include "prt_model.h"
#include "prt_profile.h"
#include "prt_registry.h"

static const char skeleton[] =
    "printdevDescr \"Lab printer\"\n"
    "printdevLocalization 1 language en country US charset csUTF8\n"
    "printdevMarker 1 tech electrophotographicLaser counterUnit impressions\n"
    "printdevColorant 1 marker 1 role process value black\n"
    "printdevSupply 1 marker 1 colorant 1 class supplyThatIsConsumed type toner unit percent "
    "max 100 level 80 description \"Black \\\"K\\\" toner\"\n"
    "printdevInput 1 type sheetFeedAutoRemovableTray name \"Tray 1\" unit sheets max 250 level 9\n"
    "printdevOutput 1 type removableBin name \"Out\" unit sheets max 100 remaining 100\n"
    "printdevMediaPath 1 type simplex\n"
    "printdevChannel 1 type chIPP state printDataAccepted\n"
    "printdevInterpreter 1 family langPS description \"PostScript\"\n";

static struct prt_reg_entry *set_active(struct prt_registry *r, const char *id, const char *name,
                                        const char *skel)
{
    struct prt_reg_entry *e = prt_registry_find(r, id);

    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    e->active = true;
    snprintf(e->name, sizeof(e->name), "%s", name);
    free(e->skeleton);
    e->skeleton = skel ? strdup(skel) : NULL;
    return e;
}

static void test_assign(void)
{
    struct prt_registry *r = prt_registry_new();
    struct prt_model *m = prt_model_new();
    int32_t i1, i2, i3, again;

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->first, 1);
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:a", &i1), 0);
    CU_ASSERT_EQUAL(i1, 1);
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:b", &i2), 0);
    CU_ASSERT_EQUAL(i2, 2);
    /* the same identity: the same index, nothing new */
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:a", &again), 0);
    CU_ASSERT_EQUAL(again, 1);
    CU_ASSERT_EQUAL(r->n, 2);
    /* above every profile device and never below first */
    CU_ASSERT_EQUAL(prt_model_add_device(m, prt_device_new(7, "prof")), 0);
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:c", &i3), 0);
    CU_ASSERT_EQUAL(i3, 8);
    r->first = 100;
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:d", &i3), 0);
    CU_ASSERT_EQUAL(i3, 100);
    /* a removed identity keeps its index: another never gets it */
    prt_registry_find(r, "urn:uuid:d")->active = false;
    r->first = 1;
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:e", &i3), 0);
    CU_ASSERT_EQUAL(i3, 101);
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:d", &i3), 0);
    CU_ASSERT_EQUAL(i3, 100);
    CU_ASSERT_EQUAL(r->high, 101);
    /* the end of the index space */
    r->high = PRT_INDEX_MAX;
    CU_ASSERT_EQUAL(prt_registry_assign(r, m, "urn:uuid:z", &i3), -PRT_ELIMIT);
    CU_ASSERT_PTR_NULL(prt_registry_find(r, "urn:uuid:z"));
    prt_registry_free(r);
    prt_model_free(m);
}

static void test_identity_and_name(void)
{
    char longid[300];

    CU_ASSERT_TRUE(prt_identity_ok("urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));
    CU_ASSERT_TRUE(prt_identity_ok("ipps://printer.example/ipp/print"));
    CU_ASSERT_FALSE(prt_identity_ok(""));
    CU_ASSERT_FALSE(prt_identity_ok("with blank"));
    CU_ASSERT_FALSE(prt_identity_ok("tab\there"));
    CU_ASSERT_FALSE(prt_identity_ok("nl\n"));
    memset(longid, 'x', sizeof(longid) - 1);
    longid[sizeof(longid) - 1] = '\0';
    CU_ASSERT_FALSE(prt_identity_ok(longid));
    longid[PRT_IDENTITY_MAX] = '\0';
    CU_ASSERT_TRUE(prt_identity_ok(longid));
    CU_ASSERT_TRUE(prt_registry_name_ok("lab-1.a_b"));
    CU_ASSERT_FALSE(prt_registry_name_ok("lab 1"));
    CU_ASSERT_FALSE(prt_registry_name_ok("../x"));
    CU_ASSERT_FALSE(prt_registry_name_ok(""));
}

static struct prt_registry *sample(void)
{
    struct prt_registry *r = prt_registry_new();
    int32_t idx;

    CU_ASSERT_EQUAL(prt_registry_assign(r, NULL, "urn:uuid:a", &idx), 0);
    CU_ASSERT_EQUAL(prt_registry_assign(r, NULL, "ipp://h/printers/q\"x", &idx), 0);
    set_active(r, "urn:uuid:a", "lab-1", skeleton);
    set_active(r, "ipp://h/printers/q\"x", "lab-2", NULL)->active = false;
    return r;
}

static void test_format_round_trip(void)
{
    struct prt_registry *r = sample(), *back = prt_registry_new();
    char *buf = NULL, *buf2 = NULL, msg[256];
    size_t len = 0, len2 = 0;

    CU_ASSERT_EQUAL_FATAL(prt_registry_format(r, &buf, &len), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "printdev-registry 1\nhigh 2\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "device 1 \"urn:uuid:a\" \"lab-1\" active\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "device 2 \"ipp://h/printers/q\\\"x\" \"lab-2\" removed\n"));
    CU_ASSERT_EQUAL_FATAL(prt_registry_parse(back, buf, len, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(back->high, 2);
    CU_ASSERT_EQUAL(back->n, 2);
    CU_ASSERT_STRING_EQUAL(prt_registry_find(back, "urn:uuid:a")->skeleton, skeleton);
    CU_ASSERT_FALSE(prt_registry_find(back, "ipp://h/printers/q\"x")->active);
    CU_ASSERT_EQUAL_FATAL(prt_registry_format(back, &buf2, &len2), 0);
    CU_ASSERT_EQUAL(len, len2);
    CU_ASSERT_EQUAL(memcmp(buf, buf2, len), 0);
    free(buf);
    free(buf2);
    prt_registry_free(r);
    prt_registry_free(back);
}

/* parse_bad: a damaged file is refused as a whole, r unchanged. */
static void parse_bad(const char *text, const char *want)
{
    struct prt_registry *r = sample();
    char msg[256] = "";
    int rc = prt_registry_parse(r, text, strlen(text), msg, sizeof(msg));

    CU_ASSERT_EQUAL(rc, -PRT_EINVAL);
    if (want != NULL && strstr(msg, want) == NULL)
        fprintf(stderr, "\nmessage \"%s\" lacks \"%s\"\n", msg, want);
    CU_ASSERT_TRUE(want == NULL || strstr(msg, want) != NULL);
    CU_ASSERT_EQUAL(r->n, 2);
    CU_ASSERT_EQUAL(r->high, 2);
    prt_registry_free(r);
}

static void test_damage_rejected(void)
{
    struct prt_registry *r = sample();
    char *buf = NULL, *b;
    size_t len = 0;

    CU_ASSERT_EQUAL_FATAL(prt_registry_format(r, &buf, &len), 0);
    prt_registry_free(r);
    b = strdup(buf);
    /* one octet changed: the CRC says so */
    b[strstr(b, "lab-1") - b] = 'L';
    parse_bad(b, "torn or edited");
    free(b);
    /* truncated: no end line */
    b = strndup(buf, (size_t)(strstr(buf, "end ") - buf));
    parse_bad(b, "no end line");
    free(b);
    b = strndup(buf, len - 3);
    parse_bad(b, "truncated");
    free(b);
    parse_bad("printdev-registry 2\nhigh 0\nend 2 0\n", "version");
    parse_bad("printdev-registry 1\nhigh 1\ndevice 5 \"a\" \"x\" active\nend 3 0\n", NULL);
    parse_bad("printdev-registry 1\nhigh 9\ndevice 5 \"a\" \"x\" active\ndevice 6 \"a\" \"y\" "
              "active\nend 4 0\n",
              "duplicate");
    parse_bad("printdev-registry 1\nhigh 9\nskel 5 \"printdevDescr x\"\nend 3 0\n", "no active");
    parse_bad("printdev-registry 1\nhigh 9\ndevice 5 \"a b\" \"x\" active\nend 3 0\n",
              "bad device");
    parse_bad("printdev-registry 1\nhigh 9\nbogus\nend 3 0\n", "unknown line");
    free(buf);
    {
        /* the CRC is checked: a well-formed file of the right count but
         * another CRC */
        struct prt_registry *ok = prt_registry_new();
        char msg[128];
        const char *t = "printdev-registry 1\nhigh 3\nend 2 00000000\n";
        CU_ASSERT_EQUAL(prt_registry_parse(ok, t, strlen(t), msg, sizeof(msg)), -PRT_EINVAL);
        prt_registry_free(ok);
    }
}

static void test_save_load(void)
{
    char dir[] = "/tmp/test_registry.XXXXXX", path[512], msg[512];
    struct prt_registry *r = sample(), *back = prt_registry_new();
    struct stat st;

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    CU_ASSERT_EQUAL(prt_registry_load(back, dir, msg, sizeof(msg)), -PRT_ENOENT);
    CU_ASSERT_EQUAL(prt_registry_save(r, dir), 0);
    snprintf(path, sizeof(path), "%s/%s", dir, PRT_REGISTRY_FILE);
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
    CU_ASSERT_EQUAL(prt_registry_load(back, dir, msg, sizeof(msg)), 0);
    CU_ASSERT_EQUAL(back->n, 2);
    CU_ASSERT_STRING_EQUAL(prt_registry_find(back, "urn:uuid:a")->name, "lab-1");
    /* a damaged file: an error naming it, the registry unchanged */
    {
        FILE *f = fopen(path, "a");
        fputs("junk\n", f);
        fclose(f);
    }
    CU_ASSERT_EQUAL(prt_registry_load(back, dir, msg, sizeof(msg)), -PRT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, PRT_REGISTRY_FILE));
    CU_ASSERT_EQUAL(back->n, 2);
    /* forget_state removes <name>.state only */
    snprintf(path, sizeof(path), "%s/lab-1.state", dir);
    fclose(fopen(path, "w"));
    CU_ASSERT_EQUAL(prt_registry_forget_state(dir, "lab-1"), 0);
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    CU_ASSERT_EQUAL(prt_registry_forget_state(dir, "lab-1"), 0);
    CU_ASSERT_EQUAL(prt_registry_forget_state(dir, "../x"), -PRT_EINVAL);
    snprintf(path, sizeof(path), "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(path), 0);
    prt_registry_free(r);
    prt_registry_free(back);
}

static void test_build(void)
{
    struct prt_device *d = NULL;
    char err[512];

    CU_ASSERT_EQUAL_FATAL(
        prt_registry_build(12, "lab-1", "urn:uuid:a", skeleton, &d, err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(d->hr_index, 12);
    CU_ASSERT_STRING_EQUAL(d->name, "lab-1");
    CU_ASSERT_STRING_EQUAL(d->identity, "urn:uuid:a");
    CU_ASSERT_TRUE(d->runtime);
    CU_ASSERT_STRING_EQUAL(d->hr_descr, "Lab printer");
    CU_ASSERT_STRING_EQUAL(d->supplies[0].description, "Black \"K\" toner");
    CU_ASSERT_PTR_NOT_NULL(d->factory);
    prt_device_free(d);

    /* validated as profiles are: a skeleton without its channel */
    {
        char *s = strdup(skeleton);
        char *c = strstr(s, "printdevChannel");
        *strchr(c, '\n') = ' ';
        memcpy(c, "#rintdevChannel", 15);
        d = (struct prt_device *)1;
        CU_ASSERT_NOT_EQUAL(prt_registry_build(12, "lab-1", "urn:uuid:a", s, &d, err, sizeof(err)),
                            0);
        CU_ASSERT_PTR_NULL(d);
        free(s);
    }
    CU_ASSERT_NOT_EQUAL(prt_registry_build(1, "x", "i", NULL, &d, err, sizeof(err)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "mandatory"));
    /* a bad line: its number */
    CU_ASSERT_NOT_EQUAL(prt_registry_build(1, "x", "i", "printdevDescr \"a\"\nprintdevSupply 1 class bogus\n",
                                           &d, err, sizeof(err)),
                        0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 2:"));
    /* tokens a skeleton may not hold */
    CU_ASSERT_NOT_EQUAL(prt_registry_build(1, "x", "i", "printdevProfile /etc/passwd\n", &d, err,
                                           sizeof(err)),
                        0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "not allowed"));
    CU_ASSERT_NOT_EQUAL(prt_registry_check_line("printdevDevice 2 y", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(prt_registry_check_line("printdevIdentity z", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(prt_registry_check_line("printdevProfile x", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(prt_registry_check_line("printdevBogus 1", err, sizeof(err)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown token"));
    CU_ASSERT_NOT_EQUAL(prt_registry_check_line("printdevInput 1 max -9", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(prt_registry_check_line("printdevInput 1 max 500 name \"T 1\"", err,
                                            sizeof(err)),
                    0);
}

static void test_profile_identity(void)
{
    struct prt_profile *p = prt_profile_new();
    struct prt_model *m = prt_model_new();
    char err[512];

    CU_ASSERT_NOT_EQUAL(prt_profile_line(p, "t", 1, "printdevIdentity", "x", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(prt_profile_line(p, "t", 2, "printdevDevice", "3 a", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(prt_profile_line(p, "t", 3, "printdevIdentity", "\"a b\"", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(prt_profile_line(p, "t", 3, "printdevIdentity", "x y", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(prt_profile_line(p, "t", 4, "printdevIdentity", "urn:uuid:p", err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(prt_profile_line(p, "t", 5, "printdevDevice", "4 b", err, sizeof(err)), 0);
    CU_ASSERT_NOT_EQUAL(prt_profile_line(p, "t", 6, "printdevIdentity", "urn:uuid:p", err, sizeof(err)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "claimed twice"));
    prt_profile_free(p);
    prt_model_free(m);
}

static void register_registry_suite(void)
{
    CU_pSuite s = cu_add_suite("registry", NULL, NULL);

    CU_ADD(s, test_assign);
    CU_ADD(s, test_identity_and_name);
    CU_ADD(s, test_format_round_trip);
    CU_ADD(s, test_damage_rejected);
    CU_ADD(s, test_save_load);
    CU_ADD(s, test_build);
    CU_ADD(s, test_profile_identity);
}

const cu_registrar cu_suites[] = {register_registry_suite, NULL};
