/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_where.h: the config file and line of a printdev directive being
 * handled (glue_config_where.c has how, and its limits).
 */
#ifndef GLUE_WHERE_H
#define GLUE_WHERE_H

#include <stdbool.h>
#include <stddef.h>

/* Fills file (at most cap octets) and *line for the directive token with
 * arguments args that Net-SNMP is handing to a handler now; "(config)" and
 * 0 when it is in no file read.  ours says which tokens to list (called
 * during the first scan of a pass). */
void glue_where_find(bool (*ours)(const char *token), const char *token, const char *args,
                     char *file, size_t cap, int *line);
/* Forgets the files read: the next call reads them again (a new pass). */
void glue_where_reset(void);

#endif
