# SPDX-License-Identifier: GPL-2.0-or-later
# module/trap (core): the pure trap parser, translator and rules
# (libprttrap.la).  No Net-SNMP headers, no MIB files: it links only the
# generated Printer-MIB enum tables (libprtcommon.la).  The handler program
# around it is in module/trap/local.mk.
noinst_LTLIBRARIES += libprttrap.la
libprttrap_la_SOURCES = \
	module/trap/trap_event.c \
	module/trap/trap_event.h \
	module/trap/trap_parse.c \
	module/trap/trap_parse.h \
	module/trap/trap_parse_internal.h \
	module/trap/trap_parse_oid.c \
	module/trap/trap_parse_value.c \
	module/trap/trap_rules.c \
	module/trap/trap_rules.h \
	module/trap/trap_rules_internal.h \
	module/trap/trap_rules_match.c \
	module/trap/trap_rules_read.c \
	module/trap/trap_translate.c \
	module/trap/trap_translate.h \
	module/trap/trap_util.c \
	module/trap/trap_util.h
libprttrap_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/trap
libprttrap_la_LIBADD = libprtcommon.la


# Unit tests, driven by inputs captured from a real snmptrapd
# (tests/fixtures/trap/README).
TRAP_TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/trap -I$(top_srcdir)/tests/unit \
	-DTOP_SRCDIR='"$(abs_top_srcdir)"'
check_PROGRAMS += tests/unit/test_trap_parse
TESTS += tests/unit/test_trap_parse
tests_unit_test_trap_parse_SOURCES = tests/unit/test_trap_parse.c
tests_unit_test_trap_parse_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_trap_parse_CPPFLAGS = $(TRAP_TEST_CPPFLAGS)
tests_unit_test_trap_parse_LDADD = libprttrap.la libprtcommon.la libcurunner.la $(CUNIT_LIBS)

check_PROGRAMS += tests/unit/test_trap_translate
TESTS += tests/unit/test_trap_translate
tests_unit_test_trap_translate_SOURCES = tests/unit/test_trap_translate.c
tests_unit_test_trap_translate_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_trap_translate_CPPFLAGS = $(TRAP_TEST_CPPFLAGS)
tests_unit_test_trap_translate_LDADD = libprttrap.la libprtcommon.la libcurunner.la $(CUNIT_LIBS)

check_PROGRAMS += tests/unit/test_trap_rules
TESTS += tests/unit/test_trap_rules
tests_unit_test_trap_rules_SOURCES = tests/unit/test_trap_rules.c
tests_unit_test_trap_rules_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_trap_rules_CPPFLAGS = $(TRAP_TEST_CPPFLAGS)
tests_unit_test_trap_rules_LDADD = libprttrap.la libprtcommon.la libcurunner.la $(CUNIT_LIBS)

# libFuzzer targets (configure --enable-fuzzer CC=clang; make fuzz-targets).
EXTRA_PROGRAMS += tests/fuzz/fuzz_trap_parse tests/fuzz/fuzz_trap_rules
FUZZ_TARGETS += tests/fuzz/fuzz_trap_parse tests/fuzz/fuzz_trap_rules
tests_fuzz_fuzz_trap_parse_SOURCES = tests/fuzz/fuzz_trap_parse.c
tests_fuzz_fuzz_trap_parse_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/trap
tests_fuzz_fuzz_trap_parse_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_trap_parse_LDADD = libprttrap.la libprtcommon.la
tests_fuzz_fuzz_trap_rules_SOURCES = tests/fuzz/fuzz_trap_rules.c
tests_fuzz_fuzz_trap_rules_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/trap
tests_fuzz_fuzz_trap_rules_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_trap_rules_LDADD = libprttrap.la libprtcommon.la
EXTRA_DIST += tests/fixtures/trap tests/fuzz/corpus/trap_parse tests/fuzz/corpus/trap_rules

dist_man_MANS += doc/printdev-trap-rules.5
