# SPDX-License-Identifier: GPL-2.0-or-later
# module/glue: the Net-SNMP glue (the only agent-side code including
# Net-SNMP headers).  Linked into printdev.so and printdevd.
noinst_LTLIBRARIES += libprtglue.la
libprtglue_la_SOURCES = \
	module/glue/glue_columns.h \
	module/glue/glue_commit.c \
	module/glue/glue_config.c \
	module/glue/glue_config_where.c \
	module/glue/glue_devices.c \
	module/glue/glue_context.c \
	module/glue/glue_ctxorder.c \
	module/glue/glue_extra.c \
	module/glue/glue_index.c \
	module/glue/glue_internal.h \
	module/glue/glue_printer.c \
	module/glue/glue_set.c \
	module/glue/glue_table.c \
	module/glue/glue_where.h \
	module/glue/printdev_glue.h \
	module/glue/printdev_oids.h
libprtglue_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/glue -I$(top_srcdir)/module/feed
libprtglue_la_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)
# What the glue drives (feed server, then the pure libraries), in link order
# (libprtmodel.la already carries libprtcommon.la: listing it again
# duplicates its objects).
PRTGLUE_LIBS = libprtglue.la libprtfeed.la libprtproto.la libprtmodel.la

# The glue driven in-process through Net-SNMP's dispatcher (no snmpd).
check_PROGRAMS += tests/unit/test_glue
TESTS += tests/unit/test_glue
tests_unit_test_glue_SOURCES = tests/unit/test_glue.c
tests_unit_test_glue_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(NETSNMP_CFLAGS)
tests_unit_test_glue_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/module/glue -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_glue_LDADD = $(PRTGLUE_LIBS) libcurunner.la $(CUNIT_LIBS) $(NETSNMP_AGENT_LIBS)

# What the glue serves against the golden walks (every shipped profile, in
# process) and the column catalogue (descriptors, coverage).
check_PROGRAMS += tests/unit/test_glue_golden
TESTS += tests/unit/test_glue_golden
tests_unit_test_glue_golden_SOURCES = tests/unit/test_glue_golden.c
tests_unit_test_glue_golden_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(NETSNMP_CFLAGS)
tests_unit_test_glue_golden_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/module/glue -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_glue_golden_LDADD = $(PRTGLUE_LIBS) libcurunner.la $(CUNIT_LIBS) $(NETSNMP_AGENT_LIBS)
