/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_ratelimit.c: unit tests of prt_ratelimit.c: one event per key per
 * interval, counts of held-back events, independent keys, interval 0,
 * expiry and a full table.
 */
#include <stdio.h>
#include <string.h>

#include "cu_runner.h"
#include "prt_ratelimit.h"

static struct prt_ratelimit rl;

static void test_one_per_interval(void)
{
    unsigned held = 99;

    prt_rl_init(&rl, 60);
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "controller a dev 1", 1000.0, &held));
    CU_ASSERT_EQUAL(held, 0);
    CU_ASSERT_FALSE(prt_rl_allow(&rl, "controller a dev 1", 1001.0, &held));
    CU_ASSERT_EQUAL(held, 1);
    CU_ASSERT_FALSE(prt_rl_allow(&rl, "controller a dev 1", 1059.9, &held));
    CU_ASSERT_EQUAL(held, 2);
    /* the window ends 60 s after the allowed event, not the last try */
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "controller a dev 1", 1060.0, &held));
    CU_ASSERT_EQUAL(held, 2);
    CU_ASSERT_FALSE(prt_rl_allow(&rl, "controller a dev 1", 1061.0, &held));
    CU_ASSERT_EQUAL(held, 1);
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "controller a dev 1", 1200.0, NULL));
}

static void test_keys_independent(void)
{
    unsigned held;

    prt_rl_init(&rl, 10);
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "a", 5.0, &held));
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "b", 5.0, &held));
    CU_ASSERT_FALSE(prt_rl_allow(&rl, "a", 6.0, &held));
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "c", 6.0, &held));
    CU_ASSERT_FALSE(prt_rl_allow(&rl, "b", 14.9, &held));
    CU_ASSERT_EQUAL(held, 1);
}

static void test_interval_zero(void)
{
    unsigned held = 5;

    prt_rl_init(&rl, 0);
    for (int i = 0; i < 100; i++)
        CU_ASSERT_TRUE(prt_rl_allow(&rl, "a", 1.0, &held));
    CU_ASSERT_EQUAL(held, 0);
    CU_ASSERT_EQUAL(rl.n, 0);
    prt_rl_init(&rl, -3);
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "a", 1.0, &held));
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "a", 1.0, &held));
}

static void test_expire(void)
{
    unsigned held;

    prt_rl_init(&rl, 10);
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "a", 0.0, &held));
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "b", 5.0, &held));
    CU_ASSERT_FALSE(prt_rl_allow(&rl, "b", 6.0, &held));
    CU_ASSERT_EQUAL(prt_rl_expire(&rl, 9.0), 2);
    /* a's window is over: forgotten; b's too, but it holds a count back */
    CU_ASSERT_EQUAL(prt_rl_expire(&rl, 20.0), 1);
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "b", 20.0, &held));
    CU_ASSERT_EQUAL(held, 1);
    CU_ASSERT_EQUAL(prt_rl_expire(&rl, 30.0), 0);
}

static void test_full_table(void)
{
    char key[32];
    unsigned held;

    prt_rl_init(&rl, 100);
    for (int i = 0; i < PRT_RL_MAX_KEYS; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        CU_ASSERT_TRUE(prt_rl_allow(&rl, key, (double)i, &held));
    }
    CU_ASSERT_EQUAL(rl.n, PRT_RL_MAX_KEYS);
    /* a new key replaces the oldest (k0), which is then allowed again */
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "new", 300.0 - 100, &held));
    CU_ASSERT_EQUAL(rl.n, PRT_RL_MAX_KEYS);
    CU_ASSERT_FALSE(prt_rl_allow(&rl, "k255", 256.0, &held));
    CU_ASSERT_TRUE(prt_rl_allow(&rl, "k0", 201.0, &held));
    /* a long key is cut, consistently */
    {
        char a[200], b[200];
        memset(a, 'x', sizeof(a) - 1);
        a[sizeof(a) - 1] = '\0';
        memcpy(b, a, sizeof(b));
        b[sizeof(b) - 2] = 'y'; /* differs only past the cut */
        prt_rl_init(&rl, 10);
        CU_ASSERT_TRUE(prt_rl_allow(&rl, a, 1.0, &held));
        CU_ASSERT_FALSE(prt_rl_allow(&rl, b, 2.0, &held));
    }
}

static void register_ratelimit_suite(void)
{
    CU_pSuite s = cu_add_suite("ratelimit", NULL, NULL);

    CU_ADD(s, test_one_per_interval);
    CU_ADD(s, test_keys_independent);
    CU_ADD(s, test_interval_zero);
    CU_ADD(s, test_expire);
    CU_ADD(s, test_full_table);
}

const cu_registrar cu_suites[] = {register_ratelimit_suite, NULL};
