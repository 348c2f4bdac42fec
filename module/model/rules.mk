# SPDX-License-Identifier: GPL-2.0-or-later
# module/model rules: alerts and derived statuses (pure C, no Net-SNMP).
noinst_LTLIBRARIES += libprtrules.la
libprtrules_la_SOURCES = \
	module/model/prt_change.c \
	module/model/prt_change.h \
	module/model/prt_rules.c \
	module/model/prt_rules_cond.c \
	module/model/prt_rules_internal.h \
	module/model/prt_rules_status.c \
	module/model/prt_rules_table.c \
	module/model/prt_rules_util.c \
	module/model/prt_rules.h
# libprtcommon.la comes with libprtmodel.la (link rules before the model).

check_PROGRAMS += tests/unit/test_rules
TESTS += tests/unit/test_rules
tests_unit_test_rules_SOURCES = \
	tests/unit/test_rules.c \
	tests/unit/test_rules_status.c \
	tests/unit/test_rules_random.c \
	tests/unit/rules_fixture.c \
	tests/unit/rules_fixture.h
tests_unit_test_rules_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_rules_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_rules_LDADD = libprtrules.la libprtmodel.la libprtcommon.la libcurunner.la $(CUNIT_LIBS)
