/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_model_internal.h: what the model files share (prt_model*.c): the
 * index range check of prt_model.c that prt_model_validate.c also uses.
 * Not for use outside module/model.
 */
#ifndef PRT_MODEL_INTERNAL_H
#define PRT_MODEL_INTERNAL_H

#include <stdint.h>

/* An RFC 3805 row index is in 1..PRT_INDEX_MAX. */
int prt_model_index_ok(int32_t index);

#endif /* PRT_MODEL_INTERNAL_H */
