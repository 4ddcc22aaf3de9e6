/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo_script.h - test helper: protocol-correct SDO frame sequences
 * (CiA 301 7.2.4.3) for every transfer mode, as (direction, 8 bytes) */
#ifndef COSNIFF_TEST_SDO_SCRIPT_H
#define COSNIFF_TEST_SDO_SCRIPT_H

#include <stdint.h>
#include <string.h>

#include "sdo_xfer.h"

#define SCRIPT_MAX 2048

struct tframe {
	char dir; /* 'c' client->server, 's' server->client */
	uint8_t b[8];
};

struct script {
	int n;
	struct tframe f[SCRIPT_MAX];
};

static inline struct tframe *
sc_add(struct script *sc, char dir, uint8_t cmd)
{
	struct tframe *t = &sc->f[sc->n++];

	t->dir = dir;
	memset(t->b, 0, 8);
	t->b[0] = cmd;
	return t;
}

static inline void
sc_mux(struct tframe *t, uint16_t index, uint8_t sub)
{
	t->b[1] = (uint8_t)index;
	t->b[2] = (uint8_t)(index >> 8);
	t->b[3] = sub;
}

static inline void
sc_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Segments of a segmented transfer sent by dir (client: 000tnnnc,
 * server: same layout), each answered by the peer's toggle frame. */
static inline void
sc_segments(struct script *sc, char dir, const uint8_t *d, uint32_t n,
	    uint8_t ack_cmd)
{
	uint32_t off = 0;
	uint8_t t = 0;

	do {
		uint32_t k = n - off > 7 ? 7 : n - off;
		int last = off + k == n;
		struct tframe *f;

		if (dir == 's') /* upload: the client asks first */
			sc_add(sc, 'c', (uint8_t)(ack_cmd | t << 4));
		f = sc_add(sc, dir, (uint8_t)(t << 4 | (7 - k) << 1 | last));
		memcpy(f->b + 1, d + off, k);
		if (dir == 'c')
			sc_add(sc, 's', (uint8_t)(ack_cmd | t << 4));
		off += k;
		t ^= 1;
	} while (off < n);
}

static inline void
sc_download(struct script *sc, uint16_t idx, uint8_t sub, const uint8_t *d,
	    uint32_t n)
{
	struct tframe *f;

	if (n >= 1 && n <= 4) {
		f = sc_add(sc, 'c', (uint8_t)(0x23 | (4 - n) << 2));
		sc_mux(f, idx, sub);
		memcpy(f->b + 4, d, n);
		sc_mux(sc_add(sc, 's', 0x60), idx, sub);
		return;
	}
	f = sc_add(sc, 'c', 0x21);
	sc_mux(f, idx, sub);
	sc_u32(f->b + 4, n);
	sc_mux(sc_add(sc, 's', 0x60), idx, sub);
	sc_segments(sc, 'c', d, n, 0x20);
}

static inline void
sc_upload(struct script *sc, uint16_t idx, uint8_t sub, const uint8_t *d,
	  uint32_t n)
{
	struct tframe *f;

	sc_mux(sc_add(sc, 'c', 0x40), idx, sub);
	if (n >= 1 && n <= 4) {
		f = sc_add(sc, 's', (uint8_t)(0x43 | (4 - n) << 2));
		sc_mux(f, idx, sub);
		memcpy(f->b + 4, d, n);
		return;
	}
	f = sc_add(sc, 's', 0x41);
	sc_mux(f, idx, sub);
	sc_u32(f->b + 4, n);
	sc_segments(sc, 's', d, n, 0x60);
}

/* Sub-blocks of blksize segments from dir; the receiver acks each. */
static inline void
sc_subblocks(struct script *sc, char dir, const uint8_t *d, uint32_t n,
	     uint8_t blksize)
{
	char peer = dir == 'c' ? 's' : 'c';
	uint32_t off = 0;

	do {            /* 0 bytes: one segment, all 7 bytes unused */
		uint8_t seq = 0;
		struct tframe *f;

		do {
			uint32_t k = n - off > 7 ? 7 : n - off;

			seq++;
			f = sc_add(sc, dir,
				   (uint8_t)((off + k == n) << 7 | seq));
			memcpy(f->b + 1, d + off, k);
			off += k;
		} while (off < n && seq < blksize);
		f = sc_add(sc, peer, 0xA2);
		f->b[1] = seq;
		f->b[2] = blksize;
	} while (off < n);
}

static inline void
sc_blk_end(struct script *sc, char dir, const uint8_t *d, uint32_t n)
{
	uint32_t last = n % 7 ? n % 7 : n ? 7 : 0;
	uint16_t crc = sdo_crc16(0, d, n);
	struct tframe *f;

	f = sc_add(sc, dir, (uint8_t)(0xC1 | (7 - last) << 2));
	f->b[1] = (uint8_t)crc;
	f->b[2] = (uint8_t)(crc >> 8);
	sc_add(sc, dir == 'c' ? 's' : 'c', 0xA1);
}

static inline void
sc_blk_download(struct script *sc, uint16_t idx, uint8_t sub, const uint8_t *d,
		uint32_t n, uint8_t blksize)
{
	struct tframe *f = sc_add(sc, 'c', 0xC6);

	sc_mux(f, idx, sub);
	sc_u32(f->b + 4, n);
	f = sc_add(sc, 's', 0xA4);
	sc_mux(f, idx, sub);
	f->b[4] = blksize;
	sc_subblocks(sc, 'c', d, n, blksize);
	sc_blk_end(sc, 'c', d, n);
}

static inline void
sc_blk_upload(struct script *sc, uint16_t idx, uint8_t sub, const uint8_t *d,
	      uint32_t n, uint8_t blksize)
{
	struct tframe *f = sc_add(sc, 'c', 0xA4);

	sc_mux(f, idx, sub);
	f->b[4] = blksize;
	f = sc_add(sc, 's', 0xC6);
	sc_mux(f, idx, sub);
	sc_u32(f->b + 4, n);
	sc_add(sc, 'c', 0xA3);
	sc_subblocks(sc, 's', d, n, blksize);
	sc_blk_end(sc, 's', d, n);
}

#endif
