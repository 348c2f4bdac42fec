# SPDX-License-Identifier: GPL-2.0-or-later
# module/glue: the Net-SNMP glue (the only agent-side code including
# Net-SNMP headers).  Linked into printdev.so and printdevd.
noinst_LTLIBRARIES += libprtglue.la
libprtglue_la_SOURCES = \
	module/glue/glue_config.c \
	module/glue/glue_extra.c \
	module/glue/glue_internal.h \
	module/glue/glue_printer.c \
	module/glue/glue_table.c \
	module/glue/printdev_glue.h \
	module/glue/printdev_oids.h
libprtglue_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/glue
libprtglue_la_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)
# The pure libraries the glue drives, in link order (libprtrules.la already
# carries libprtcommon.la: listing it again duplicates its objects).
PRTGLUE_LIBS = libprtglue.la libprtstate.la libprtrules.la libprtmodel.la
