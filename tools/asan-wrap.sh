#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# asan-wrap.sh PROGRAM ARGS...: run a program that is not built with
# sanitizers (snmpd, snmptrapd) so that it can dlopen our sanitizer-built
# module: preload the ASan/UBSan runtimes.  Leak detection is off for the
# host program (snmpd does not free everything at exit); our own code's
# leaks are checked by valgrind and by the sanitizer builds of our programs.
cc=${CC:-cc}
asan=$($cc -print-file-name=libasan.so)
ubsan=$($cc -print-file-name=libubsan.so)
LD_PRELOAD="$asan $ubsan${LD_PRELOAD:+ $LD_PRELOAD}"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0:abort_on_error=1"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1"
export LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS
exec "$@"
