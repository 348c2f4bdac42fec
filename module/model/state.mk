# SPDX-License-Identifier: GPL-2.0-or-later
# Durable device state (prt_state.c) and the feed line protocol
# (module/feed/feed_proto.c): pure C, no Net-SNMP headers.  The feed server,
# printdevctl and printdev-sim live in module/feed/local.mk.
# Link order for users: libprtstate.la libprtrules.la libprtmodel.la libprtcommon.la
noinst_LTLIBRARIES += libprtstate.la
libprtstate_la_SOURCES = \
	module/model/prt_state.c \
	module/model/prt_state_fields.c \
	module/model/prt_state_format.c \
	module/model/prt_state_internal.h \
	module/model/prt_state_read.c \
	module/model/prt_state.h \
	module/feed/feed_get.c \
	module/feed/feed_out.c \
	module/feed/feed_parse.c \
	module/feed/feed_proto.c \
	module/feed/feed_proto_internal.h \
	module/feed/feed_proto.h

PRTSTATE_LIBS = libprtstate.la libprtrules.la libprtmodel.la libprtcommon.la

check_PROGRAMS += tests/unit/test_state tests/unit/test_feed
TESTS += tests/unit/test_state tests/unit/test_feed
tests_unit_test_state_SOURCES = tests/unit/test_state.c
tests_unit_test_state_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_state_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_state_LDADD = $(PRTSTATE_LIBS) libcurunner.la $(CUNIT_LIBS)
tests_unit_test_feed_SOURCES = tests/unit/test_feed.c
tests_unit_test_feed_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_feed_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/module/feed
tests_unit_test_feed_LDADD = $(PRTSTATE_LIBS) libcurunner.la $(CUNIT_LIBS)

# libFuzzer target over the feed protocol (configure --enable-fuzzer CC=clang).
EXTRA_PROGRAMS += tests/fuzz/fuzz_feed
FUZZ_TARGETS += tests/fuzz/fuzz_feed
tests_fuzz_fuzz_feed_SOURCES = tests/fuzz/fuzz_feed.c
tests_fuzz_fuzz_feed_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
tests_fuzz_fuzz_feed_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_feed_LDADD = $(PRTSTATE_LIBS)
EXTRA_DIST += tests/fuzz/corpus/feed

# libFuzzer target over the state file loader.
EXTRA_PROGRAMS += tests/fuzz/fuzz_state
FUZZ_TARGETS += tests/fuzz/fuzz_state
tests_fuzz_fuzz_state_SOURCES = tests/fuzz/fuzz_state.c
tests_fuzz_fuzz_state_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_state_LDADD = $(PRTSTATE_LIBS)
EXTRA_DIST += tests/fuzz/corpus/state
