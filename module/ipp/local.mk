# SPDX-License-Identifier: GPL-2.0-or-later
# module/ipp: printdev-ipp, the mirror of CUPS queues and IPP printers into
# agent devices over the feed socket.  libprtipp.la is pure C (the PWG
# octet-string parsers, the IPP -> device mapping, the configuration
# file); only the program's own files (printdev-ipp*.[ch]) use libcups.
noinst_LTLIBRARIES += libprtipp.la
libprtipp_la_SOURCES = \
	module/ipp/ipp_parse.c \
	module/ipp/ipp_parse.h \
	module/ipp/ipp_map.c \
	module/ipp/ipp_map.h \
	module/ipp/ipp_out.c \
	module/ipp/ipp_skel.c \
	module/ipp/ipp_conf.c \
	module/ipp/ipp_conf.h \
	module/ipp/ipp_feedc.c \
	module/ipp/ipp_feedc.h
PRTIPP_LIBS = libprtipp.la libprtcommon.la

if BUILD_IPP
sbin_PROGRAMS += printdev-ipp
printdev_ipp_SOURCES = \
	module/ipp/printdev-ipp.c \
	module/ipp/printdev-ipp.h \
	module/ipp/printdev-ipp-state.c \
	module/ipp/printdev-ipp-cups.c \
	module/ipp/printdev-ipp-feed.c \
	module/ipp/printdev-ipp-reload.c
printdev_ipp_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/ipp
printdev_ipp_CFLAGS = $(AM_CFLAGS) $(CUPS_CFLAGS)
printdev_ipp_LDADD = $(PRTIPP_LIBS) $(CUPS_LIBS)
dist_man_MANS += doc/printdev-ipp.8
endif
EXTRA_DIST += module/ipp/printdev-ipp.c module/ipp/printdev-ipp.h module/ipp/printdev-ipp-state.c \
	module/ipp/printdev-ipp-cups.c module/ipp/printdev-ipp-feed.c module/ipp/printdev-ipp-reload.c \
	doc/printdev-ipp.8

check_PROGRAMS += tests/unit/test_ipp
TESTS += tests/unit/test_ipp
tests_unit_test_ipp_SOURCES = tests/unit/test_ipp.c
tests_unit_test_ipp_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_ipp_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/module/ipp \
	-I$(top_srcdir)/module/feed -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_ipp_LDADD = libprtipp.la $(PRTPROTO_LIBS) libcurunner.la $(CUNIT_LIBS)
EXTRA_DIST += tests/fixtures/ipp

# libFuzzer target over the PWG octet-string parsers.
EXTRA_PROGRAMS += tests/fuzz/fuzz_ipp
FUZZ_TARGETS += tests/fuzz/fuzz_ipp
tests_fuzz_fuzz_ipp_SOURCES = tests/fuzz/fuzz_ipp.c
tests_fuzz_fuzz_ipp_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/ipp
tests_fuzz_fuzz_ipp_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_ipp_LDADD = $(PRTIPP_LIBS)
EXTRA_DIST += tests/fuzz/corpus/ipp

# Integration: a private cupsd and ippeveprinter mirrored into a real agent.
IPP_INTEGRATION_TESTS = tests/integration/ipp-cupsd.sh tests/integration/ipp-cupsd-agentx.sh \
	tests/integration/ipp-eve.sh tests/integration/ipp-cups-snmp.sh \
	tests/integration/ipp-cups-snmp-agentx.sh
if BUILD_IPP
TESTS += $(IPP_INTEGRATION_TESTS)
endif
EXTRA_DIST += $(IPP_INTEGRATION_TESTS) tests/integration/ipp-lib.sh bench/ipp-bench.sh bench/RESULTS-ipp.md
