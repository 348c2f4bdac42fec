# SPDX-License-Identifier: GPL-2.0-or-later
# module/model: the pure device model (no Net-SNMP headers), one library:
# model lifecycle and tables, SET validation, live changes, the profile
# parser, the alert and status rules, durable state.
noinst_LTLIBRARIES += libprtmodel.la
libprtmodel_la_SOURCES = \
	module/model/prt_change.c \
	module/model/prt_change.h \
	module/model/prt_column_fields.h \
	module/model/prt_model.c \
	module/model/prt_model_rows.c \
	module/model/prt_model_validate.c \
	module/model/prt_model.h \
	module/model/prt_model_internal.h \
	module/model/prt_profile.c \
	module/model/prt_profile_internal.h \
	module/model/prt_profile_parse.c \
	module/model/prt_profile_tokens.c \
	module/model/prt_profile.h \
	module/model/prt_registry.c \
	module/model/prt_registry.h \
	module/model/prt_rules.c \
	module/model/prt_rules_cond.c \
	module/model/prt_rules_internal.h \
	module/model/prt_rules_status.c \
	module/model/prt_rules_table.c \
	module/model/prt_rules_util.c \
	module/model/prt_rules.h \
	module/model/prt_set.c \
	module/model/prt_state.c \
	module/model/prt_state_fields.c \
	module/model/prt_state_format.c \
	module/model/prt_state_internal.h \
	module/model/prt_state_read.c \
	module/model/prt_state.h \
	module/model/prt_system.c \
	module/model/prt_system.h
# The model's column facts and enums (the only copy of libprtcommon.la in the
# agent's link).
libprtmodel_la_LIBADD = libprtcommon.la
PRTMODEL_LIBS = libprtmodel.la

check_PROGRAMS += tests/unit/test_model
TESTS += tests/unit/test_model
tests_unit_test_model_SOURCES = tests/unit/test_model.c
tests_unit_test_model_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_model_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_model_LDADD = $(PRTMODEL_LIBS) libcurunner.la $(CUNIT_LIBS)

# Shipped example profiles (printdev-profile(5)).
profilesdir = $(pkgdatadir)/profiles
dist_profiles_DATA = \
	conf/profiles/production.conf \
	conf/profiles/office.conf \
	conf/profiles/README

check_PROGRAMS += tests/unit/test_set
TESTS += tests/unit/test_set
tests_unit_test_set_SOURCES = tests/unit/test_set.c
tests_unit_test_set_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_set_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_set_LDADD = $(PRTMODEL_LIBS) libcurunner.la $(CUNIT_LIBS)

# The column catalogue against SET validation (access, ranges, SIZE, enums).
check_PROGRAMS += tests/unit/test_columns
TESTS += tests/unit/test_columns
tests_unit_test_columns_SOURCES = tests/unit/test_columns.c
tests_unit_test_columns_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_columns_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_columns_LDADD = $(PRTMODEL_LIBS) libcurunner.la $(CUNIT_LIBS)

check_PROGRAMS += tests/unit/test_profile
TESTS += tests/unit/test_profile
tests_unit_test_profile_SOURCES = tests/unit/test_profile.c
tests_unit_test_profile_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_profile_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_profile_LDADD = $(PRTMODEL_LIBS) libcurunner.la $(CUNIT_LIBS)
EXTRA_DIST += \
	tests/fixtures/profiles/minimal.inc \
	tests/fixtures/profiles/errors.conf \
	tests/fixtures/profiles/broken.conf \
	tests/fixtures/profiles/loop.conf \
	tests/fixtures/profiles/missing-include.conf \
	tests/fixtures/state/production-before-catalogue.state

check_PROGRAMS += tests/unit/test_registry
TESTS += tests/unit/test_registry
tests_unit_test_registry_SOURCES = tests/unit/test_registry.c
tests_unit_test_registry_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_registry_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_registry_LDADD = $(PRTMODEL_LIBS) libcurunner.la $(CUNIT_LIBS)

dist_man_MANS += doc/printdev-profile.5

# Benchmark profile generator (also exercised by test_profile).
dist_noinst_SCRIPTS += tools/gen-large-profile.sh

# libFuzzer target over the profile parser (configure --enable-fuzzer CC=clang).
EXTRA_PROGRAMS += tests/fuzz/fuzz_profile
FUZZ_TARGETS += tests/fuzz/fuzz_profile
tests_fuzz_fuzz_profile_SOURCES = tests/fuzz/fuzz_profile.c
tests_fuzz_fuzz_profile_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_profile_LDADD = $(PRTMODEL_LIBS)
EXTRA_DIST += tests/fuzz/corpus/profile

# The rules, over fixtures and random steps.
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
tests_unit_test_rules_LDADD = $(PRTMODEL_LIBS) libcurunner.la $(CUNIT_LIBS)

# Durable state.
check_PROGRAMS += tests/unit/test_state
TESTS += tests/unit/test_state
tests_unit_test_state_SOURCES = tests/unit/test_state.c
tests_unit_test_state_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_state_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_state_LDADD = $(PRTMODEL_LIBS) libcurunner.la $(CUNIT_LIBS)

# libFuzzer target over the state file loader.
EXTRA_PROGRAMS += tests/fuzz/fuzz_state
FUZZ_TARGETS += tests/fuzz/fuzz_state
tests_fuzz_fuzz_state_SOURCES = tests/fuzz/fuzz_state.c
tests_fuzz_fuzz_state_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_state_LDADD = $(PRTMODEL_LIBS)
EXTRA_DIST += tests/fuzz/corpus/state
