# SPDX-License-Identifier: GPL-2.0-or-later
# Shared test infrastructure; each area adds its own tests in its fragment.
check_LTLIBRARIES += libcurunner.la
libcurunner_la_SOURCES = tests/unit/cu_runner.c tests/unit/cu_runner.h
libcurunner_la_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
libcurunner_la_LIBADD = $(CUNIT_LIBS)
EXTRA_DIST += tests/lib.sh
# Generated C matches its TSV sources (check-enums, check-columns).
TESTS += tests/check-generated.sh
EXTRA_DIST += tests/check-generated.sh
# One-way layers and no dependency cycle between files in module/.
TESTS += tools/check-deps.sh
EXTRA_DIST += tools/check-deps.sh
include tests/integration/trap.mk
include tests/integration/agent.mk
include tests/integration/feed.mk
include tests/integration/client.mk
