# SPDX-License-Identifier: GPL-2.0-or-later
# module/common: pure helpers shared by the agent and the trap side.
noinst_LTLIBRARIES += libprtcommon.la
libprtcommon_la_SOURCES = \
	module/common/prt_enums.c \
	module/common/printdev_mib.h \
	module/common/prt_columns.c \
	module/common/prt_columns.h \
	module/common/prt_enums.h \
	module/common/prt_enums_tables.c \
	module/common/prt_text.c \
	module/common/prt_text.h
