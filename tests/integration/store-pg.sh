#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# store-pg.sh: starts a private PostgreSQL server and runs the PostgreSQL
# store's unit tests (tests/unit/test_trap_store_pg) against it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/pg-lib.sh"
pd_init store-pg
pg_have || pd_skip "PostgreSQL server binaries not installed"
pg_init
pg_start
PRINTDEV_TEST_PG="host=$PG_SOCK port=$PG_PORT user=printdev"
export PRINTDEV_TEST_PG
# PD_TEST_WRAPPER: a command to run the binary under (valgrind in CI)
TMPDIR=$PD_TMP ${PD_TEST_WRAPPER:-} "$top_builddir/tests/unit/test_trap_store_pg"
pd_ok "PostgreSQL store unit tests" [ $? -eq 0 ]
pg_stop
pd_finish
