# SPDX-License-Identifier: GPL-2.0-or-later
# module/feed: the feed protocol (libprtproto.la, pure C: printdevctl and
# printdev-sim use it too), the agent's feed socket (libprtfeed.la, Net-SNMP
# side) and the feed clients printdevctl and printdev-sim (pure C + POSIX).
noinst_LTLIBRARIES += libprtproto.la
libprtproto_la_SOURCES = \
	module/feed/feed_device.c \
	module/feed/feed_get.c \
	module/feed/feed_out.c \
	module/feed/feed_parse.c \
	module/feed/feed_proto.c \
	module/feed/feed_proto_internal.h \
	module/feed/feed_proto.h
PRTPROTO_LIBS = libprtproto.la $(PRTMODEL_LIBS)

noinst_LTLIBRARIES += libprtfeed.la
libprtfeed_la_SOURCES = \
	module/feed/feed_server.c \
	module/feed/feed_server_client.c \
	module/feed/feed_server_notify.c \
	module/feed/feed_server_state.c \
	module/feed/feed_server_internal.h \
	module/feed/feed_server.h
libprtfeed_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
libprtfeed_la_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)

bin_PROGRAMS += printdevctl
printdevctl_SOURCES = module/feed/printdevctl.c
printdevctl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
printdevctl_LDADD = $(PRTPROTO_LIBS)

bin_PROGRAMS += printdev-sim
printdev_sim_SOURCES = module/feed/printdev-sim.c
printdev_sim_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
printdev_sim_LDADD = $(PRTPROTO_LIBS) -lm

dist_man_MANS += doc/printdev-feed.7 doc/printdevctl.1 doc/printdev-sim.1

check_PROGRAMS += tests/unit/test_feed
TESTS += tests/unit/test_feed
tests_unit_test_feed_SOURCES = tests/unit/test_feed.c
tests_unit_test_feed_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_feed_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/module/feed
tests_unit_test_feed_LDADD = $(PRTPROTO_LIBS) libcurunner.la $(CUNIT_LIBS)

check_PROGRAMS += tests/unit/test_feed_device
TESTS += tests/unit/test_feed_device
tests_unit_test_feed_device_SOURCES = tests/unit/test_feed_device.c
tests_unit_test_feed_device_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_feed_device_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/module/feed
tests_unit_test_feed_device_LDADD = $(PRTPROTO_LIBS) libcurunner.la $(CUNIT_LIBS)

# libFuzzer target over the feed protocol (configure --enable-fuzzer CC=clang).
EXTRA_PROGRAMS += tests/fuzz/fuzz_feed
FUZZ_TARGETS += tests/fuzz/fuzz_feed
tests_fuzz_fuzz_feed_SOURCES = tests/fuzz/fuzz_feed.c
tests_fuzz_fuzz_feed_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
tests_fuzz_fuzz_feed_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_feed_LDADD = $(PRTPROTO_LIBS)
EXTRA_DIST += tests/fuzz/corpus/feed
