# SPDX-License-Identifier: GPL-2.0-or-later
# module/agent: the two thin entry points.
#  - printdev.so: snmpd dlmod (libtool module, no Net-SNMP link libraries:
#    snmpd provides the symbols), installed as $(libdir)/printdev/printdev.so
#  - printdevd: AgentX subagent
printdevmoddir = $(libdir)/printdev
printdevmod_LTLIBRARIES = printdev.la
printdev_la_SOURCES = module/agent/printdev_dlmod.c
printdev_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/glue
printdev_la_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)
printdev_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared
printdev_la_LIBADD = $(PRTGLUE_LIBS)

sbin_PROGRAMS += printdevd
printdevd_SOURCES = module/agent/printdevd.c
printdevd_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/module/glue
printdevd_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS)
printdevd_LDADD = $(PRTGLUE_LIBS) $(NETSNMP_AGENT_LIBS)
