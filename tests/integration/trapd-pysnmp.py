# SPDX-License-Identifier: GPL-2.0-or-later
# trapd-pysnmp.py: sends one printerV2Alert with pysnmp (an SNMP engine
# that is not Net-SNMP) to 127.0.0.1:PORT and prints "answered" (informs),
# "sent" (traps) or "failed: ...".
#   python3 trapd-pysnmp.py PORT v2c-trap|v2c-inform|v3-trap|v3-inform \
#       COMMUNITY USER AUTHPASS PRIVPASS ENGINEID-HEX
import sys

from pysnmp.hlapi import (CommunityData, ContextData, Integer, NotificationType,
                          ObjectIdentity, OctetString, SnmpEngine, UdpTransportTarget,
                          UsmUserData, sendNotification, usmAesCfb128Protocol,
                          usmHMACSHAAuthProtocol)

port, kind, community, user, authpass, privpass, engine = sys.argv[1:8]
port = int(port)
if kind.startswith('v3'):
    # a trap is sent by its (authoritative) sender: the printer's engine ID;
    # an inform goes to the receiver's engine, discovered first
    auth = UsmUserData(user, authpass, privpass, authProtocol=usmHMACSHAAuthProtocol,
                       privProtocol=usmAesCfb128Protocol)
    snmp = SnmpEngine(OctetString(hexValue=engine)) if kind == 'v3-trap' else SnmpEngine()
else:
    auth = CommunityData(community, mpModel=1)
    snmp = SnmpEngine()
col = '1.3.6.1.2.1.43.18.1.1'
n = NotificationType(ObjectIdentity('1.3.6.1.2.1.43.18.2.0.1')).addVarBinds(
    (col + '.2.1.9', Integer(3)), (col + '.4.1.9', Integer(13)), (col + '.5.1.9', Integer(1)),
    (col + '.7.1.9', Integer(8)),
    (col + '.8.1.9', OctetString('Papierstau in Fach 1 \u2013 bitte \u00f6ffnen'.encode())))
inform = kind.endswith('inform')
err, status, _, _ = next(sendNotification(
    snmp, auth, UdpTransportTarget(('127.0.0.1', port), timeout=5, retries=0), ContextData(),
    'inform' if inform else 'trap', n))
if err or status:
    print('failed: %s' % (err or status.prettyPrint()))
else:
    print('answered' if inform else 'sent')
