# SPDX-License-Identifier: GPL-2.0-or-later
# client-pysnmp.py: an SNMPv3 manager written with pysnmp (hlapi), as
# client-pysnmp.sh runs it.  Walks (GETBULK) or gets the OIDs given and
# prints one line per varbind in a form shell tools compare with the
# Net-SNMP tools' output:
#   .OID = INT: 42 | HEX: 4142 | OID: .1.3.6 | NULL:
# Usage: client-pysnmp.py walk|get HOST PORT USER AUTHKEY PRIVKEY CONTEXT OID...
# (SHA authentication, AES-128 privacy: authPriv).  Exit status 0 on
# success, 1 on any SNMP error (printed to stderr), 2 on bad usage.
import sys

from pysnmp.hlapi import (ContextData, ObjectIdentity, ObjectType, SnmpEngine,
                          UdpTransportTarget, UsmUserData, bulkCmd, getCmd,
                          usmAesCfb128Protocol, usmHMACSHAAuthProtocol)
from pyasn1.type import univ
from pysnmp.proto import rfc1902


def render(oid, val):
    name = "." + str(oid)
    if isinstance(val, (rfc1902.Integer32, rfc1902.Integer, rfc1902.Counter32,
                        rfc1902.Gauge32, rfc1902.Unsigned32, rfc1902.TimeTicks,
                        rfc1902.Counter64)):
        return "%s = INT: %d" % (name, int(val))
    if isinstance(val, rfc1902.OctetString):
        return "%s = HEX: %s" % (name, val.asOctets().hex().upper())
    if isinstance(val, univ.ObjectIdentifier):
        return "%s = OID: .%s" % (name, str(val))
    return "%s = %s: %s" % (name, val.__class__.__name__, val.prettyPrint())


def main(argv):
    if len(argv) < 9 or argv[1] not in ("walk", "get"):
        sys.stderr.write(__doc__ if __doc__ else "bad usage\n")
        return 2
    mode, host, port, user, authkey, privkey, context = argv[1:8]
    oids = argv[8:]
    engine = SnmpEngine()
    auth = UsmUserData(user, authkey, privkey,
                       authProtocol=usmHMACSHAAuthProtocol,
                       privProtocol=usmAesCfb128Protocol)
    target = UdpTransportTarget((host, int(port)), timeout=5, retries=1)
    ctx = ContextData(contextName=rfc1902.OctetString(context))
    if mode == "get":
        it = getCmd(engine, auth, target, ctx,
                    *[ObjectType(ObjectIdentity(o)) for o in oids],
                    lookupMib=False)
        runs = [it]
    else:
        runs = [bulkCmd(engine, auth, target, ctx, 0, 25,
                        ObjectType(ObjectIdentity(o)),
                        lexicographicMode=False, lookupMib=False)
                for o in oids]
    for it in runs:
        for err_ind, err_stat, err_idx, vbs in it:
            if err_ind:
                sys.stderr.write("error: %s\n" % err_ind)
                return 1
            if err_stat:
                sys.stderr.write("error: %s at %s\n" % (err_stat.prettyPrint(), err_idx))
                return 1
            for oid, val in vbs:
                print(render(oid, val))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
