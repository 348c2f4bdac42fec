#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# snmpd with the sanitizer runtimes preloaded (see asan-wrap.sh).
exec "$(dirname "$0")/asan-wrap.sh" "${REAL_SNMPD:-/usr/sbin/snmpd}" "$@"
