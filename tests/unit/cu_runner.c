/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cu_runner.c: shared CUnit main(); see cu_runner.h for the exit codes. */
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#include "cu_runner.h"

static void die_cunit(const char *what)
{
    fprintf(stderr, "CUnit error in %s: %s\n", what, CU_get_error_msg());
    CU_cleanup_registry();
    exit(99);
}

CU_pSuite cu_add_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean)
{
    CU_pSuite s = CU_add_suite(name, init, clean);
    if (s == NULL)
        die_cunit(name);
    return s;
}

void cu_add_test(CU_pSuite s, const char *name, CU_TestFunc fn)
{
    if (CU_add_test(s, name, fn) == NULL)
        die_cunit(name);
}

int main(void)
{
    const cu_registrar *r;
    unsigned failures, suites_failed, tests_failed;

    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: cannot initialise the registry\n");
        return 99;
    }
    for (r = cu_suites; *r != NULL; r++)
        (*r)();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    (void)CU_basic_run_tests();
    if (CU_get_error() != CUE_SUCCESS)
        die_cunit("run");
    failures = CU_get_number_of_failures();
    suites_failed = CU_get_number_of_suites_failed();
    tests_failed = CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return (failures > 0 || suites_failed > 0 || tests_failed > 0) ? 1 : 0;
}
