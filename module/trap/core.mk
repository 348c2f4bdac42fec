# SPDX-License-Identifier: GPL-2.0-or-later
# module/trap (core): the pure trap parser, translator and rules
# (libprttrap.la).  No Net-SNMP headers, no MIB files: it links only the
# generated Printer-MIB enum tables (libprtcommon.la).  The handler program
# around it is in module/trap/local.mk.
noinst_LTLIBRARIES += libprttrap.la
libprttrap_la_SOURCES = \
	module/trap/trap_parse.c \
	module/trap/trap_parse.h \
	module/trap/trap_rules.c \
	module/trap/trap_rules.h \
	module/trap/trap_translate.c \
	module/trap/trap_translate.h \
	module/trap/trap_util.c \
	module/trap/trap_util.h
libprttrap_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/trap
libprttrap_la_LIBADD = libprtcommon.la

