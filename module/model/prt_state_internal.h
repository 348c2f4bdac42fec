/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state_internal.h: what the state files share (prt_state*.c): the
 * field and table descriptors of what is stored and the helpers over them.
 * Not for use outside module/model.
 */
#ifndef PRT_STATE_INTERNAL_H
#define PRT_STATE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "prt_model.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))

enum fkind { K_I32 = 1, K_U32, K_U64, K_BOOL, K_STR };

#define F_LIVE 0x1     /* always saved (live state or counter), restored directly */
#define F_FEEDTEXT 0x2 /* saved when the feed set the console text */
#define F_LAST 0x4     /* restored after every other line (replayed SETs change it) */
#define F_LEVEL 0x8    /* level against the row's max capacity (max_off) */

struct field {
    const char *key; /* text after "<table>." */
    int column;      /* MIB column sub-id, 0 when not a column */
    int kind;
    size_t off;                /* in the row, or in struct prt_device for device tables */
    size_t size;               /* of the field (strings: array size incl. NUL) */
    int64_t min, max;          /* accepted range for numbers */
    const struct prt_enum *en; /* assigned values only, when set */
    unsigned flags;
    size_t max_off; /* F_LEVEL: offset of the max capacity in the row */
};

struct table {
    const char *name;
    int table;       /* enum prt_table; 0 for device-wide groups */
    int device_wide; /* fields are offsets in struct prt_device, index 0 */
    size_t arr_off;  /* offset of the row array pointer in struct prt_device */
    size_t n_off;    /* offset of its size_t row count */
    size_t row_size;
    const struct field *fields;
    size_t n_fields;
};

/* prt_state_fields.c: every stored table, in file order */
extern const struct table state_tables[];
extern const size_t state_n_tables;
void *state_tab_rows(const struct table *t, const struct prt_device *d);
size_t state_tab_count(const struct table *t, const struct prt_device *d);
char *state_tab_row(const struct table *t, const struct prt_device *d, int64_t index);
int32_t state_get_i32(const char *base, size_t off);
int state_row_derived(const struct table *t, const char *row);
int state_field_saved(const struct table *t, const struct field *f, const struct prt_device *d);

#endif
