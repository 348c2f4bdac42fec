#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ipp-cups-snmp-agentx.sh: ipp-cups-snmp.sh with the agent as printdevd, the
# AgentX subagent of a real snmpd on 127.0.0.1:161 in the private network
# namespace: the mirrored devices' contexts (registered asynchronously over
# AgentX, awaited) read by CUPS's snmp backend and supply reader.
PI_SHAPE=agentx
. "$top_srcdir/tests/integration/ipp-cups-snmp.sh"
