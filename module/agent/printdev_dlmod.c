/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev_dlmod.c: entry points of printdev.so, loaded into snmpd with
 *
 *     dlmod printdev /usr/lib/<triplet>/printdev/printdev.so
 *     printdevProfile /etc/printdev/production.conf
 *
 * The dlmod line must come BEFORE any printdev token: snmpd only knows our
 * tokens once init_printdev() has registered them ("Unknown token" for
 * earlier lines).  init never takes snmpd down: on failure it logs and
 * leaves nothing registered.  deinit (dlmod unload, SIGHUP, shutdown)
 * unregisters and frees everything.  All work is in the glue library.
 */
#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "printdev_glue.h"

void init_printdev(void);
void deinit_printdev(void);

void init_printdev(void)
{
    if (printdev_glue_init() != 0)
        snmp_log(LOG_ERR, "printdev: initialisation failed, module inactive\n");
    else
        DEBUGMSGTL(("printdev", "module initialised (%s)\n", PACKAGE_VERSION));
}

void deinit_printdev(void)
{
    printdev_glue_shutdown();
}
