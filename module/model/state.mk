# SPDX-License-Identifier: GPL-2.0-or-later
# Durable device state (prt_state.c) and the feed line protocol
# (module/feed/feed_proto.c): pure C, no Net-SNMP headers.  The feed server
# and printdevctl live in module/feed/local.mk.
noinst_LTLIBRARIES += libprtstate.la
libprtstate_la_SOURCES = \
	module/model/prt_state.c \
	module/model/prt_state.h
