# SPDX-License-Identifier: GPL-2.0-or-later
# module/common: pure helpers shared by the agent and the trap side.
noinst_LTLIBRARIES += libprtcommon.la
libprtcommon_la_SOURCES = \
	module/common/prt_enums.c \
	module/common/printdev_mib.h \
	module/common/prt_columns.c \
	module/common/prt_columns.h \
	module/common/prt_enums.h \
	module/common/prt_enums_tables.c \
	module/common/prt_ratelimit.c \
	module/common/prt_ratelimit.h \
	module/common/prt_text.c \
	module/common/prt_text.h

check_PROGRAMS += tests/unit/test_ratelimit
TESTS += tests/unit/test_ratelimit
tests_unit_test_ratelimit_SOURCES = tests/unit/test_ratelimit.c
tests_unit_test_ratelimit_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_ratelimit_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_ratelimit_LDADD = libprtcommon.la libcurunner.la $(CUNIT_LIBS)
