/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ojson.h - JSON object members appended to an obuf: the one set of
 * helpers every JSON printer uses (keys are our own identifiers; string
 * values are escaped) */
#ifndef COSNIFF_OJSON_H
#define COSNIFF_OJSON_H

#include <stdbool.h>
#include <stdint.h>

#include "obuf.h"

/* A JSON string of s (NUL-terminated), escaping quotes, backslashes and
 * control bytes. */
static inline void
json_str(struct obuf *o, const char *s)
{
	ob_ch(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			ob_ch(o, '\\');
			ob_ch(o, (char)c);
		} else if (c < 0x20) {
			ob_str(o, "\\u00");
			ob_hex8(o, c);
		} else {
			ob_ch(o, (char)c);
		}
	}
	ob_ch(o, '"');
}

/* ,"k": (every member after the first; the object starts with "ts") */
static inline void
json_key(struct obuf *o, const char *k)
{
	ob_str(o, ",\"");
	ob_str(o, k);
	ob_str(o, "\":");
}

static inline void
json_ukv(struct obuf *o, const char *key, uint64_t v)
{
	json_key(o, key);
	ob_u64(o, v, 0);
}

static inline void
json_bkv(struct obuf *o, const char *key, bool v)
{
	json_key(o, key);
	ob_str(o, v ? "true" : "false");
}

static inline void
json_skv(struct obuf *o, const char *key, const char *s)
{
	json_key(o, key);
	json_str(o, s);
}

/* "key":"00ab": v as a lower-case hex string of digits (1..8) digits */
static inline void
json_hexkv(struct obuf *o, const char *key, uint32_t v, int digits)
{
	static const char hx[] = "0123456789abcdef";
	char t[8];
	int i;

	json_key(o, key);
	for (i = digits - 1; i >= 0; i--) {
		t[i] = hx[v & 15];
		v >>= 4;
	}
	ob_ch(o, '"');
	ob_mem(o, t, (size_t)digits);
	ob_ch(o, '"');
}

#endif
