# SPDX-License-Identifier: GPL-2.0-or-later
# Trap side programs: printdev-traphandle (snmptrapd traphandle) and
# printdev-alerts (fleet state CLI).  The pure parser/translator library
# libprttrap.la comes from module/trap/core.mk; this fragment adds the
# outputs and the SQLite store around it.
TRAP_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/trap \
	-DPRINTDEV_TRAP_RULES='"$(sysconfdir)/printdev/trap-rules.conf"' \
	-DPRINTDEV_TRAP_DB='"$(localstatedir)/lib/printdev/traps.db"' \
	-DPRINTDEV_TRAP_WORKER='"$(libexecdir)/printdev/printdev-trapworker"' \
	-DPRINTDEV_TRAP_SPOOL='"$(runstatedir)/printdev-trap"'

# Outputs (syslog, JSON Lines, stdout, exec) and the fleet-state store:
# no Net-SNMP, no trap parsing.
noinst_LTLIBRARIES += libprttrapio.la
libprttrapio_la_SOURCES = \
	module/trap/trap_output.c module/trap/trap_output.h \
	module/trap/trap_store.c module/trap/trap_store.h module/trap/trap_store_impl.h \
	module/trap/trap_store_common.c \
	module/trap/trap_store_sqlite.c module/trap/trap_store_sqlite_schema.c \
	module/trap/trap_store_pg.c \
	module/trap/trap_store_pg_schema.c module/trap/trap_store_pg_schema.h \
	module/trap/trap_store_spool.c module/trap/trap_store_spool.h \
	module/trap/trap_pipeline.c module/trap/trap_pipeline.h \
	module/trap/trap_pipeline_json.c \
	module/trap/trap_actions.c module/trap/trap_actions.h
libprttrapio_la_CPPFLAGS = $(TRAP_CPPFLAGS) \
	-DTRAP_STORE_DEFAULT_SPOOL='"$(localstatedir)/lib/printdev/pg-spool.db"'
libprttrapio_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(SQLITE_CFLAGS) $(LIBPQ_CFLAGS)
libprttrapio_la_LIBADD = libprtcommon.la $(JANSSON_LIBS) $(SQLITE_LIBS) $(LIBPQ_LIBS) -lpthread


# The traphandle snmptrapd runs: links only the C library and hands each
# trap to the worker (in the background, a few at a time).
# It is linked statically (it uses only a few plain libc calls): snmptrapd
# runs it once per trap and waits, and skipping the dynamic loader is what
# brings it level with a no-op handler (bench/RESULTS-trap.md).
# `make TRAPHANDLE_LINK=` links it dynamically instead; sanitizer builds
# always do (the sanitizer runtimes cannot be linked statically).
if SANITIZERS
TRAPHANDLE_LINK =
else
TRAPHANDLE_LINK = -all-static
endif
sbin_PROGRAMS += printdev-traphandle
printdev_traphandle_SOURCES = module/trap/printdev-traphandle.c
printdev_traphandle_CPPFLAGS = $(TRAP_CPPFLAGS)
printdev_traphandle_LDFLAGS = $(AM_LDFLAGS) $(TRAPHANDLE_LINK)

# The worker: parse, translate, store, log, act.
printdevlibexecdir = $(libexecdir)/printdev
printdevlibexec_PROGRAMS = printdev-trapworker
printdev_trapworker_SOURCES = module/trap/trap_worker.c
printdev_trapworker_CPPFLAGS = $(TRAP_CPPFLAGS)
printdev_trapworker_LDADD = libprttrapio.la libprttrap.la libprtcommon.la -lpthread

# The receiver: libnetsnmp's transports, BER and USM in one process, the
# same pipeline as the worker.  Only trapd_*.c and printdev-trapd.c include
# Net-SNMP.
# libprttrapd.la: the PDU front end alone (also for its tests and fuzzer).
noinst_LTLIBRARIES += libprttrapd.la
libprttrapd_la_SOURCES = module/trap/trapd_pdu.c module/trap/trapd_pdu.h
libprttrapd_la_CPPFLAGS = $(TRAP_CPPFLAGS)
libprttrapd_la_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)
libprttrapd_la_LIBADD = libprttrap.la -lnetsnmp

sbin_PROGRAMS += printdev-trapd
printdev_trapd_SOURCES = module/trap/printdev-trapd.c \
	module/trap/trapd_conf.c module/trap/trapd_conf.h \
	module/trap/trapd_commit.c module/trap/trapd_commit.h \
	module/trap/trapd_stats.c module/trap/trapd_stats.h
printdev_trapd_CPPFLAGS = $(TRAP_CPPFLAGS) \
	-DPRINTDEV_TRAPD_CONF='"$(sysconfdir)/printdev/trapd.conf"' \
	-DPRINTDEV_TRAPD_STATE='"$(localstatedir)/lib/printdev/trapd"'
printdev_trapd_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)
printdev_trapd_LDADD = libprttrapd.la libprttrapio.la libprttrap.la libprtcommon.la -lnetsnmp -lpthread

# libFuzzer target: raw datagrams through Net-SNMP's parser into the pipeline.
EXTRA_PROGRAMS += tests/fuzz/fuzz_trapd_pdu
FUZZ_TARGETS += tests/fuzz/fuzz_trapd_pdu
tests_fuzz_fuzz_trapd_pdu_SOURCES = tests/fuzz/fuzz_trapd_pdu.c
tests_fuzz_fuzz_trapd_pdu_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/trap
tests_fuzz_fuzz_trapd_pdu_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)
tests_fuzz_fuzz_trapd_pdu_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_trapd_pdu_LDADD = libprttrapd.la libprttrapio.la libprttrap.la libprtcommon.la \
	-lnetsnmp $(JANSSON_LIBS) $(SQLITE_LIBS) -lpthread
EXTRA_DIST += tests/fuzz/corpus/trapd_pdu

bin_PROGRAMS += printdev-alerts
printdev_alerts_SOURCES = module/trap/printdev-alerts.c
printdev_alerts_CPPFLAGS = $(TRAP_CPPFLAGS)
printdev_alerts_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
printdev_alerts_LDADD = libprttrapio.la libprtcommon.la $(JANSSON_LIBS)

# Store throughput for bench/store-bench.sh.
noinst_PROGRAMS += bench/store-bench
bench_store_bench_SOURCES = bench/store-bench.c
bench_store_bench_CPPFLAGS = $(TRAP_CPPFLAGS)
bench_store_bench_LDADD = libprttrapio.la

# Baseline handler for bench/trap-bench.sh (reads stdin, exits).
noinst_PROGRAMS += bench/noop-handler
bench_noop_handler_SOURCES = bench/noop-handler.c


dist_man_MANS += doc/printdev-traphandle.8 doc/printdev-alerts.1 doc/printdev-trapd.8
EXTRA_DIST += bench/trap-bench.sh bench/RESULTS-trap.md bench/store-bench.sh \
	bench/RESULTS-store.md bench/trapd-bench.sh bench/RESULTS-trapd.md
