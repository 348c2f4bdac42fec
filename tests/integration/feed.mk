# SPDX-License-Identifier: GPL-2.0-or-later
# Feed integration tests: the agent's feed socket with real snmpd,
# snmptrapd, printdevd and Net-SNMP clients (helpers: feed-lib.sh).
FEED_INTEGRATION_TESTS = \
	tests/integration/feed-basic.sh \
	tests/integration/feed-traps.sh \
	tests/integration/feed-restart.sh \
	tests/integration/feed-durable.sh \
	tests/integration/feed-sim.sh \
	tests/integration/feed-config.sh \
	tests/integration/feed-idle.sh \
	tests/integration/feed-devices.sh \
	tests/integration/feed-sessions.sh
TESTS += $(FEED_INTEGRATION_TESTS)
EXTRA_DIST += $(FEED_INTEGRATION_TESTS) tests/integration/feed-lib.sh
EXTRA_DIST += bench/feed-bench.sh bench/RESULTS-feed.md
