/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cu_runner.h: the one CUnit runner every unit-test binary uses.
 *
 * A test file defines its suites with register_<area>_suite() functions and
 * a NULL-terminated array named cu_suites; the runner's main() registers
 * them, runs them in basic mode (printing CUnit's summary) and exits
 * 0 when nothing failed, 1 when any assertion, test or suite failed,
 * 99 on a CUnit framework error.  CU_basic_run_tests()'s own return value
 * is never used: it is 0 even when assertions fail.
 */
#ifndef CU_RUNNER_H
#define CU_RUNNER_H

#include <CUnit/CUnit.h>

typedef void (*cu_registrar)(void);
extern const cu_registrar cu_suites[];

/* Adds a suite or aborts the run with exit status 99. */
CU_pSuite cu_add_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean);
/* Adds a test to a suite or aborts with 99. */
void cu_add_test(CU_pSuite s, const char *name, CU_TestFunc fn);
#define CU_ADD(s, fn) cu_add_test((s), #fn, (fn))

#endif
