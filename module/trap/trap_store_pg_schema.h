/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_pg_schema.h: the PostgreSQL store's schema version and
 * migrations (trap_store_pg_schema.c).
 */
#ifndef TRAP_STORE_PG_SCHEMA_H
#define TRAP_STORE_PG_SCHEMA_H

#define TRAP_STORE_PG_SCHEMA 2

extern const char *const trap_store_pg_migrations[TRAP_STORE_PG_SCHEMA];

#endif
