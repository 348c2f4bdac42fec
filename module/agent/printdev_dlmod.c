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
 * leaves nothing registered.  All work is in the glue library.
 *
 * snmpd unloads and loads every dlmod again on SIGHUP.  Re-registering
 * thousands of hrDeviceTable/hrPrinterTable cells costs seconds (Net-SNMP
 * scans its registry linearly per registration), so init pins this object
 * in memory (an extra dlopen reference with RTLD_NODELETE, never dropped)
 * and deinit parks the registrations for the init that follows
 * (printdev_glue_unload); a real unload drops them from an alarm.
 */
#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <dlfcn.h>

#include "printdev_glue.h"

void init_printdev(void);
void deinit_printdev(void);

void init_printdev(void)
{
    Dl_info info;

    if (dladdr((void *)init_printdev, &info) != 0 && info.dli_fname != NULL &&
        dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE) != NULL)
        printdev_glue_set_pinned();
    else
        DEBUGMSGTL(("printdev", "cannot pin the module; a reload re-registers everything\n"));
    if (printdev_glue_init() != 0)
        snmp_log(LOG_ERR, "printdev: initialisation failed, module inactive\n");
    else
        DEBUGMSGTL(("printdev", "module initialised (%s)\n", PACKAGE_VERSION));
}

void deinit_printdev(void)
{
    printdev_glue_unload();
}
