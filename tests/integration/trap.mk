# SPDX-License-Identifier: GPL-2.0-or-later
# Trap side tests: unit tests of the store and the outputs, and integration
# tests with a real snmptrapd driving printdev-traphandle.
check_PROGRAMS += tests/unit/test_trap_store tests/unit/test_trap_output
TESTS += tests/unit/test_trap_store tests/unit/test_trap_output

tests_unit_test_trap_store_SOURCES = tests/unit/test_trap_store.c tests/unit/store_fixture.c \
	tests/unit/store_fixture.h
tests_unit_test_trap_store_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(SQLITE_CFLAGS)
tests_unit_test_trap_store_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/module/trap
tests_unit_test_trap_store_LDADD = libprttrapio.la libcurunner.la $(CUNIT_LIBS) $(SQLITE_LIBS)

# The PostgreSQL store's unit tests need a server: store-pg.sh starts one
# and runs them.
check_PROGRAMS += tests/unit/test_trap_store_pg
tests_unit_test_trap_store_pg_SOURCES = tests/unit/test_trap_store_pg.c tests/unit/store_fixture.c \
	tests/unit/store_fixture.h
tests_unit_test_trap_store_pg_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(LIBPQ_CFLAGS)
tests_unit_test_trap_store_pg_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/module/trap
tests_unit_test_trap_store_pg_LDADD = libprttrapio.la libcurunner.la $(CUNIT_LIBS) $(LIBPQ_LIBS)

tests_unit_test_trap_output_SOURCES = tests/unit/test_trap_output.c
tests_unit_test_trap_output_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_test_trap_output_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/module/trap
tests_unit_test_trap_output_LDADD = libprttrapio.la libcurunner.la $(CUNIT_LIBS) $(JANSSON_LIBS)

# The pipeline's stored JSON equals the outputs' JSON writer.
check_PROGRAMS += tests/unit/test_trap_pipeline
TESTS += tests/unit/test_trap_pipeline
tests_unit_test_trap_pipeline_SOURCES = tests/unit/test_trap_pipeline.c
tests_unit_test_trap_pipeline_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_trap_pipeline_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/module/trap -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_trap_pipeline_LDADD = libprttrapio.la libprttrap.la libprtcommon.la \
	libcurunner.la $(CUNIT_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS) -lpthread

# Both front ends give the same event for every captured fixture.
check_PROGRAMS += tests/unit/test_trap_frontends
TESTS += tests/unit/test_trap_frontends
tests_unit_test_trap_frontends_SOURCES = tests/unit/test_trap_frontends.c
tests_unit_test_trap_frontends_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(NETSNMP_CFLAGS)
tests_unit_test_trap_frontends_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/module/trap -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_trap_frontends_LDADD = libprttrapd.la libprttrap.la libprtcommon.la \
	libcurunner.la $(CUNIT_LIBS) -lnetsnmp

# A stand-in syslog daemon (Unix datagram socket -> file) for trap-*.sh.
check_PROGRAMS += tests/integration/trap-syslog-sink
tests_integration_trap_syslog_sink_SOURCES = tests/integration/trap-syslog-sink.c

# Integration tests: a real snmptrapd with the shipped configuration.
TESTS += tests/integration/trap-handler.sh tests/integration/trap-burst.sh \
	tests/integration/trap-input.sh tests/integration/trap-dbremove.sh \
	tests/integration/trap-defaults.sh tests/integration/store-pg.sh tests/integration/trap-pg.sh tests/integration/trapd-pg.sh
EXTRA_DIST += tests/integration/trap-lib.sh tests/integration/pg-lib.sh \
	tests/integration/trapd-lib.sh \
	tests/integration/store-pg.sh tests/integration/trap-pg.sh \
	tests/integration/trapd-pg.sh tests/integration/trap-handler.sh \
	tests/integration/trap-burst.sh tests/integration/trap-input.sh \
	tests/integration/trap-dbremove.sh tests/integration/trap-defaults.sh

# printdev-trapd with real senders (snmptrap/snmpinform, pysnmp), SIGKILL
# mid-stream, actions that must not hold up receiving.
TESTS += tests/integration/trapd-basic.sh tests/integration/trapd-kill.sh \
	tests/integration/trapd-pysnmp.sh tests/integration/trapd-actions.sh
EXTRA_DIST += tests/integration/trapd-basic.sh tests/integration/trapd-kill.sh \
	tests/integration/trapd-informs.pl tests/integration/trapd-pysnmp.sh \
	tests/integration/trapd-pysnmp.py tests/integration/trapd-actions.sh
