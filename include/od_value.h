/* SPDX-License-Identifier: GPL-2.0-or-later */
/* od_value.h - CiA 301 data types (7.1): names, sizes, and formatting of
 * little-endian values as text and JSON */
#ifndef COSNIFF_OD_VALUE_H
#define COSNIFF_OD_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "obuf.h"

/* CiA 301 static data type indices (object dictionary 0001h-001Bh) */
enum od_dtype {
	OD_BOOLEAN = 0x0001,
	OD_INTEGER8 = 0x0002,
	OD_INTEGER16 = 0x0003,
	OD_INTEGER32 = 0x0004,
	OD_UNSIGNED8 = 0x0005,
	OD_UNSIGNED16 = 0x0006,
	OD_UNSIGNED32 = 0x0007,
	OD_REAL32 = 0x0008,
	OD_VISIBLE_STRING = 0x0009,
	OD_OCTET_STRING = 0x000A,
	OD_UNICODE_STRING = 0x000B,
	OD_TIME_OF_DAY = 0x000C,
	OD_TIME_DIFFERENCE = 0x000D,
	OD_DOMAIN = 0x000F,
	OD_INTEGER24 = 0x0010,
	OD_REAL64 = 0x0011,
	OD_INTEGER40 = 0x0012,
	OD_INTEGER48 = 0x0013,
	OD_INTEGER56 = 0x0014,
	OD_INTEGER64 = 0x0015,
	OD_UNSIGNED24 = 0x0016,
	OD_UNSIGNED40 = 0x0018,
	OD_UNSIGNED48 = 0x0019,
	OD_UNSIGNED56 = 0x001A,
	OD_UNSIGNED64 = 0x001B,
};

/* How a type's bytes are read. */
enum od_tclass {
	OD_TC_UNKNOWN, OD_TC_BOOL, OD_TC_INT, OD_TC_UINT, OD_TC_REAL,
	OD_TC_VSTRING, OD_TC_OSTRING, OD_TC_USTRING, OD_TC_TIME_OF_DAY,
	OD_TC_TIME_DIFF, OD_TC_DOMAIN,
};

struct od_type {
	uint16_t code;
	uint8_t tclass;        /* enum od_tclass */
	uint8_t bits;          /* 0: variable length */
	const char *name;
};

/* The type with that index, or NULL for indices outside the table. */
const struct od_type *od_type(uint16_t code);
/* Its name, or NULL. */
const char *od_type_name(uint16_t code);
/* Class; OD_TC_UNKNOWN for unknown codes. */
enum od_tclass od_type_class(uint16_t code);
/* Size in bits, 0 for variable-length or unknown types. */
unsigned od_type_bits(uint16_t code);
/* The whole table, terminated by a NULL name (for tests). */
extern const struct od_type od_types[];

/* How a byte count fits the type's size. */
enum od_fit { OD_FIT_OK, OD_FIT_SHORT, OD_FIT_LONG };

/*
 * Format n little-endian bytes as a value of type dtype.
 * Text: numbers in decimal, BOOLEAN false/true, strings quoted with C
 * escapes for bytes that are not printable ASCII or valid UTF-8,
 * OCTET_STRING/DOMAIN/unknown types as hex bytes, TIME_OF_DAY as a UTC
 * date, TIME_DIFFERENCE as "Nd HH:MM:SS.mmm".  A size mismatch is
 * flagged after the value: " [short: 2 < 4 bytes]" (the bytes shown in
 * hex, nothing decoded) or " [long: 6 > 4 bytes]" (the first 4 decoded).
 * JSON: a number, true/false, or a string (hex digits for byte types and
 * for short values), without the flag: the caller adds one from the
 * return value.
 */
enum od_fit od_fmt_text(struct obuf *o, uint16_t dtype, const uint8_t *p,
			size_t n);
enum od_fit od_fmt_json(struct obuf *o, uint16_t dtype, const uint8_t *p,
			size_t n);

/* A JSON string literal with escapes (no charset assumed: bytes that are
 * not valid UTF-8 are taken as Latin-1). */
void od_json_str(struct obuf *o, const uint8_t *p, size_t n);
/* Printable text: valid UTF-8 kept, other control/non-UTF-8 bytes as
 * \xNN, backslash and quote escaped. */
void od_safe_str(struct obuf *o, const uint8_t *p, size_t n);

/* Sign-extend the low bits of v. */
static inline int64_t
od_sext(uint64_t v, unsigned bits)
{
	uint64_t m;

	if (bits == 0 || bits >= 64)
		return (int64_t)v;
	m = (uint64_t)1 << (bits - 1);
	v &= ((uint64_t)1 << bits) - 1;
	return (int64_t)((v ^ m) - m);
}

#endif
