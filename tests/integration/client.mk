# SPDX-License-Identifier: GPL-2.0-or-later
# Real-client integration tests: unmodified third-party clients (CUPS's
# snmp and socket backends, prometheus-snmp-exporter, pysnmp, a
# check_printer-style read with the Net-SNMP tools) against both shapes of
# the agent (helpers: client-lib.sh on top of feed-lib.sh).
CLIENT_INTEGRATION_TESTS = \
	tests/integration/client-cups.sh \
	tests/integration/client-exporter.sh \
	tests/integration/client-pysnmp.sh \
	tests/integration/client-check-printer.sh
TESTS += $(CLIENT_INTEGRATION_TESTS)
EXTRA_DIST += $(CLIENT_INTEGRATION_TESTS) tests/integration/client-lib.sh \
	tests/integration/client-pysnmp.py
