/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * noop-handler.c: the smallest sensible snmptrapd traphandle, used only as
 * the baseline in bench/trap-bench.sh.  It drains stdin (so snmptrapd's
 * write never meets a closed pipe) and exits 0.  Whatever rate snmptrapd
 * reaches with this handler is the ceiling of fork-per-trap handling on
 * the machine; printdev-traphandle is measured against it.
 */
#include <unistd.h>

int main(void)
{
    char buf[4096];

    while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
        ;
    return 0;
}
