# SPDX-License-Identifier: GPL-2.0-or-later
# module/feed: the agent's feed socket (libprtfeed.la, Net-SNMP glue side),
# and the feed clients printdevctl and printdev-sim (pure C + POSIX).  The
# protocol itself (feed_proto.c) is pure and lives in libprtstate.la
# (module/model/state.mk).
noinst_LTLIBRARIES += libprtfeed.la
libprtfeed_la_SOURCES = \
	module/feed/feed_server.c \
	module/feed/feed_server.h
libprtfeed_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
libprtfeed_la_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)

bin_PROGRAMS += printdevctl
printdevctl_SOURCES = module/feed/printdevctl.c
printdevctl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
printdevctl_LDADD = $(PRTSTATE_LIBS)

bin_PROGRAMS += printdev-sim
printdev_sim_SOURCES = module/feed/printdev-sim.c
printdev_sim_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/feed
printdev_sim_LDADD = $(PRTSTATE_LIBS) -lm

dist_man_MANS += doc/printdev-feed.7 doc/printdevctl.1 doc/printdev-sim.1
