/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rd.h - bounds-checked little-endian reader over a frame payload.
 * Reading past the end sets a sticky overrun flag and yields zeros, so
 * decoders stay straight-line and the caller checks once (rd_short). */
#ifndef COSNIFF_RD_H
#define COSNIFF_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct co_rd {
	const uint8_t *p;
	size_t len;
	size_t off;
	bool overrun;
};

static inline void
rd_init(struct co_rd *rd, const uint8_t *p, size_t len)
{
	rd->p = p;
	rd->len = len;
	rd->off = 0;
	rd->overrun = false;
}

static inline size_t
rd_left(const struct co_rd *rd)
{
	return rd->off < rd->len ? rd->len - rd->off : 0;
}

static inline bool
rd_short(const struct co_rd *rd)
{
	return rd->overrun;
}

static inline uint8_t
rd_u8(struct co_rd *rd)
{
	if (rd->off >= rd->len) {
		rd->overrun = true;
		return 0;
	}
	return rd->p[rd->off++];
}

/* Peek at byte off from the current position without consuming it. */
static inline uint8_t
rd_peek(const struct co_rd *rd, size_t off)
{
	return rd->off + off < rd->len ? rd->p[rd->off + off] : 0;
}

static inline uint16_t
rd_le16(struct co_rd *rd)
{
	uint16_t lo = rd_u8(rd);

	return (uint16_t)(lo | (uint16_t)rd_u8(rd) << 8);
}

static inline uint32_t
rd_le24(struct co_rd *rd)
{
	uint32_t v = rd_le16(rd);

	return v | (uint32_t)rd_u8(rd) << 16;
}

static inline uint32_t
rd_le32(struct co_rd *rd)
{
	uint32_t v = rd_le16(rd);

	return v | (uint32_t)rd_le16(rd) << 16;
}

static inline uint32_t
rd_be32(struct co_rd *rd)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = v << 8 | rd_u8(rd);
	return v;
}

/* Copy up to n bytes; short copies are zero-filled and set overrun. */
static inline void
rd_bytes(struct co_rd *rd, uint8_t *dst, size_t n)
{
	size_t have = rd_left(rd);

	if (have >= n) {
		memcpy(dst, rd->p + rd->off, n);
		rd->off += n;
		return;
	}
	memcpy(dst, rd->p + rd->off, have);
	memset(dst + have, 0, n - have);
	rd->off = rd->len;
	rd->overrun = true;
}

static inline void
rd_skip(struct co_rd *rd, size_t n)
{
	if (rd_left(rd) < n) {
		rd->off = rd->len;
		rd->overrun = true;
		return;
	}
	rd->off += n;
}

#endif
