/* SPDX-License-Identifier: GPL-2.0-or-later */
/* co_objs.h - names and data types of the CiA 301 communication objects
 * (7.5.2, 1000h-1FFFh), for nodes without an EDS */
#ifndef COSNIFF_CO_OBJS_H
#define COSNIFF_CO_OBJS_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"

/* One row: objects lo..hi, sub-indices sub_lo..sub_hi. */
struct co_objdef {
	uint16_t lo, hi;
	uint8_t sub_lo, sub_hi;
	uint16_t dtype;
	uint8_t flags;          /* CO_OBJ_HEX */
	const char *name;
};

/* The table, terminated by a NULL name (for tests). */
extern const struct co_objdef co_objdefs[];

/* Fill *o for index:sub from the table; false when not listed. */
bool co_obj_std(uint16_t index, uint8_t sub, struct co_obj *o);

/* CiA 402 (drives and motion control) objects of the first axis, sub 0
 * (names for nodes without an EDS); the table, NULL-terminated. */
#define CO_PROFILE_402 402u        /* 1000h bits 0-15 */
extern const struct co_objdef co_objdefs_402[];
bool co_obj_402(uint16_t index, uint8_t sub, struct co_obj *o);

#endif
