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
	module/trap/trap_store_sqlite.c module/trap/trap_store_sqlite_schema.c \
	module/trap/trap_store_pg.c \
	module/trap/trap_store_pg_schema.c module/trap/trap_store_pg_schema.h \
	module/trap/trap_store_spool.c module/trap/trap_store_spool.h
libprttrapio_la_CPPFLAGS = $(TRAP_CPPFLAGS) \
	-DTRAP_STORE_DEFAULT_SPOOL='"$(localstatedir)/lib/printdev/pg-spool.db"'
libprttrapio_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(SQLITE_CFLAGS) $(LIBPQ_CFLAGS)
libprttrapio_la_LIBADD = $(JANSSON_LIBS) $(SQLITE_LIBS) $(LIBPQ_LIBS)


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
printdev_trapworker_LDADD = libprttrapio.la libprttrap.la libprtcommon.la

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


dist_man_MANS += doc/printdev-traphandle.8 doc/printdev-alerts.1
EXTRA_DIST += bench/trap-bench.sh bench/RESULTS-trap.md bench/store-bench.sh \
	bench/RESULTS-store.md
