/* SPDX-License-Identifier: GPL-2.0-or-later */
/* obuf.h - a fixed-size line builder for the printers' hot path (no printf
 * per field).  Appends past the end are dropped and set a sticky flag. */
#ifndef COSNIFF_OBUF_H
#define COSNIFF_OBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* large enough for an SDO transfer's data (4096 bytes) in hex */
#define OBUF_SIZE 12288

struct obuf {
	size_t len;
	bool full;
	char b[OBUF_SIZE];
};

static inline void
ob_reset(struct obuf *o)
{
	o->len = 0;
	o->full = false;
}

static inline void
ob_mem(struct obuf *o, const char *s, size_t n)
{
	if (o->len + n >= OBUF_SIZE) {
		o->full = true;
		n = OBUF_SIZE - 1 - o->len;
	}
	memcpy(o->b + o->len, s, n);
	o->len += n;
}

static inline void
ob_str(struct obuf *o, const char *s)
{
	ob_mem(o, s, strlen(s));
}

static inline void
ob_ch(struct obuf *o, char c)
{
	if (o->len + 1 >= OBUF_SIZE) {
		o->full = true;
		return;
	}
	o->b[o->len++] = c;
}

/* Two upper-case hex digits. */
static inline void
ob_hex8(struct obuf *o, uint8_t v)
{
	static const char hx[] = "0123456789ABCDEF";
	char t[2] = { hx[v >> 4], hx[v & 15] };

	ob_mem(o, t, 2);
}

/* digits hex digits (1..16), upper case, zero-padded. */
static inline void
ob_hexn(struct obuf *o, uint64_t v, int digits)
{
	static const char hx[] = "0123456789ABCDEF";
	char t[16];
	int i;

	for (i = digits - 1; i >= 0; i--) {
		t[i] = hx[v & 15];
		v >>= 4;
	}
	ob_mem(o, t, (size_t)digits);
}

/* Lower-case variant for JSON hex strings. */
static inline void
ob_hexbytes_lc(struct obuf *o, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		char t[2] = { hx[p[i] >> 4], hx[p[i] & 15] };
		ob_mem(o, t, 2);
	}
}

/* Unsigned decimal; width > 0 zero-pads to that many digits.  Two digits
 * per division: numbers are most of a JSON line's cost. */
static inline void
ob_u64(struct obuf *o, uint64_t v, int width)
{
	static const char d2[201] =
		"00010203040506070809101112131415161718192021222324"
		"25262728293031323334353637383940414243444546474849"
		"50515253545556575859606162636465666768697071727374"
		"75767778798081828384858687888990919293949596979899";
	char t[24];
	int i = 24;

	while (v >= 100) {
		unsigned r = (unsigned)(v % 100) * 2;

		v /= 100;
		t[--i] = d2[r + 1];
		t[--i] = d2[r];
	}
	if (v >= 10) {
		t[--i] = d2[v * 2 + 1];
		t[--i] = d2[v * 2];
	} else {
		t[--i] = (char)('0' + v);
	}
	while (24 - i < width && i > 0)
		t[--i] = '0';
	ob_mem(o, t + i, (size_t)(24 - i));
}

static inline void
ob_i64(struct obuf *o, int64_t v)
{
	if (v < 0) {
		ob_ch(o, '-');
		ob_u64(o, (uint64_t)0 - (uint64_t)v, 0);
	} else {
		ob_u64(o, (uint64_t)v, 0);
	}
}

/* Timestamp "sec.frac" with digits (6 or 9) fraction digits. */
static inline void
ob_ts(struct obuf *o, uint64_t ts_ns, int digits)
{
	ob_u64(o, ts_ns / 1000000000u, 0);
	ob_ch(o, '.');
	if (digits == 9)
		ob_u64(o, ts_ns % 1000000000u, 9);
	else
		ob_u64(o, ts_ns % 1000000000u / 1000u, 6);
}

#endif
