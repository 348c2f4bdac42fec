#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ipp-cupsd-agentx.sh: ipp-cupsd.sh with the agent as printdevd, the AgentX
# subagent of a real snmpd (the other shape of the same agent code):
# printdev-ipp's device add/remove, updates, alerts, traps (through the
# master agent), restarts and SIGHUP reload against it.
PI_SHAPE=agentx
. "$top_srcdir/tests/integration/ipp-cupsd.sh"
