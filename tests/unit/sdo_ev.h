/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo_ev.h - test helper: build the struct co_ev_sdo a dissector makes
 * from 8 SDO bytes (CiA 301 7.2.4.3), so model tests read like traces.
 * Independent of dissectors/sdo.c on purpose: a second reading of the
 * spec against which the model is checked. */
#ifndef COSNIFF_TEST_SDO_EV_H
#define COSNIFF_TEST_SDO_EV_H

#include <stdio.h>
#include <string.h>

#include "event.h"

static unsigned
hexval(char c)
{
	return c <= '9' ? (unsigned)(c - '0')
			: (unsigned)((c | 0x20) - 'a' + 10);
}

static void
sdo_mux(struct co_ev_sdo *s, const uint8_t *b)
{
	s->has_mux = true;
	s->index = (uint16_t)(b[1] | b[2] << 8);
	s->sub = b[3];
}

static uint32_t
le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static void
sdo_data(struct co_ev_sdo *s, const uint8_t *b, int from)
{
	s->len = (uint8_t)(8 - from);
	memcpy(s->data, b + from, s->len);
}

static void
sdo_seg(struct co_ev_sdo *s, const uint8_t *b, uint8_t fn)
{
	s->fn = fn;
	s->toggle = b[0] >> 4 & 1;
	s->n = b[0] >> 1 & 7;
	s->last = b[0] & 1;
	sdo_data(s, b, 1);
}

static void
sdo_init_xfer(struct co_ev_sdo *s, const uint8_t *b, uint8_t fn)
{
	s->fn = fn;
	s->n = b[0] >> 2 & 3;
	s->e = b[0] >> 1 & 1;
	s->s = b[0] & 1;
	sdo_mux(s, b);
	if (!s->e && s->s)
		s->size = le32(b + 4);
	sdo_data(s, b, 4);
}

static void
sdo_client(struct co_ev_sdo *s, const uint8_t *b)
{
	switch (b[0] >> 5) {
	case 0:
		sdo_seg(s, b, SDO_FN_DL_SEG_REQ);
		break;
	case 1:
		sdo_init_xfer(s, b, SDO_FN_INIT_DL_REQ);
		break;
	case 2:
		s->fn = SDO_FN_INIT_UL_REQ;
		sdo_mux(s, b);
		break;
	case 3:
		s->fn = SDO_FN_UL_SEG_REQ;
		s->toggle = b[0] >> 4 & 1;
		break;
	case 4:
		s->fn = SDO_FN_ABORT;
		sdo_mux(s, b);
		s->abort_code = le32(b + 4);
		break;
	case 5:
		switch (b[0] & 3) {
		case 0:
			s->fn = SDO_FN_BLK_UL_INIT_REQ;
			sdo_mux(s, b);
			s->crc = b[0] >> 2 & 1;
			s->blksize = b[4];
			s->pst = b[5];
			break;
		case 1:
			s->fn = SDO_FN_BLK_UL_END_RSP;
			break;
		case 2:
			s->fn = SDO_FN_BLK_UL_ACK;
			s->ackseq = b[1];
			s->blksize = b[2];
			break;
		default:
			s->fn = SDO_FN_BLK_UL_START;
			break;
		}
		break;
	case 6:
		if (b[0] & 1) {
			s->fn = SDO_FN_BLK_DL_END_REQ;
			s->n = b[0] >> 2 & 7;
			s->crc_val = (uint16_t)(b[1] | b[2] << 8);
		} else {
			s->fn = SDO_FN_BLK_DL_INIT_REQ;
			sdo_mux(s, b);
			s->crc = b[0] >> 2 & 1;
			s->s = b[0] >> 1 & 1;
			s->size = le32(b + 4);
		}
		break;
	default:
		s->fn = SDO_FN_UNKNOWN;
		break;
	}
}

static void
sdo_server(struct co_ev_sdo *s, const uint8_t *b)
{
	switch (b[0] >> 5) {
	case 0:
		sdo_seg(s, b, SDO_FN_UL_SEG_RSP);
		break;
	case 1:
		s->fn = SDO_FN_DL_SEG_RSP;
		s->toggle = b[0] >> 4 & 1;
		break;
	case 2:
		sdo_init_xfer(s, b, SDO_FN_INIT_UL_RSP);
		break;
	case 3:
		s->fn = SDO_FN_INIT_DL_RSP;
		sdo_mux(s, b);
		break;
	case 4:
		s->fn = SDO_FN_ABORT;
		sdo_mux(s, b);
		s->abort_code = le32(b + 4);
		break;
	case 5:
		switch (b[0] & 3) {
		case 0:
			s->fn = SDO_FN_BLK_DL_INIT_RSP;
			sdo_mux(s, b);
			s->crc = b[0] >> 2 & 1;
			s->blksize = b[4];
			break;
		case 1:
			s->fn = SDO_FN_BLK_DL_END_RSP;
			break;
		case 2:
			s->fn = SDO_FN_BLK_DL_ACK;
			s->ackseq = b[1];
			s->blksize = b[2];
			break;
		default:
			s->fn = SDO_FN_UNKNOWN;
			break;
		}
		break;
	case 6:
		if (b[0] & 1) {
			s->fn = SDO_FN_BLK_UL_END_REQ;
			s->n = b[0] >> 2 & 7;
			s->crc_val = (uint16_t)(b[1] | b[2] << 8);
		} else {
			s->fn = SDO_FN_BLK_UL_INIT_RSP;
			sdo_mux(s, b);
			s->crc = b[0] >> 2 & 1;
			s->s = b[0] >> 1 & 1;
			s->size = le32(b + 4);
		}
		break;
	default:
		s->fn = SDO_FN_UNKNOWN;
		break;
	}
}

/*
 * Fill *ev (and *f, which ev->frame points to) for node's SDO frame in
 * direction dir ('c' client->server 0x600+n, 's' reverse) with payload
 * b[8]; in_block: decode as a block segment (c|seqno).
 */
static void
sdo_ev_bytes(struct co_event *ev, struct co_frame *f, uint8_t node, char dir,
	     const uint8_t *b, uint64_t ts_ns, int in_block)
{
	struct co_ev_sdo *s = &ev->u.sdo;

	memset(f, 0, sizeof(*f));
	f->ts_ns = ts_ns;
	f->id = (dir == 'c' ? 0x600u : 0x580u) + node;
	f->len = 8;
	memcpy(f->data, b, 8);
	memset(ev, 0, sizeof(*ev));
	ev->kind = CO_EV_SDO;
	ev->frame = f;
	ev->ts_ns = ts_ns;
	ev->cob_id = f->id;
	ev->node = node;
	s->dir = dir == 'c' ? SDO_C2S : SDO_S2C;
	s->cmd = b[0];
	if (in_block) {
		s->fn = dir == 'c' ? SDO_FN_BLK_DL_SEG : SDO_FN_BLK_UL_SEG;
		s->seqno = b[0] & 0x7F;
		s->last = b[0] >> 7;
		sdo_data(s, b, 1);
	} else if (dir == 'c') {
		sdo_client(s, b);
	} else {
		sdo_server(s, b);
	}
}

/* The same from 16 hex digits. */
static inline void
sdo_ev(struct co_event *ev, struct co_frame *f, uint8_t node, char dir,
       const char *hex, uint64_t ts_ns, int in_block)
{
	uint8_t b[8] = {0};
	int i;

	for (i = 0; i < 8 && hex[2 * i] && hex[2 * i + 1]; i++)
		b[i] =
		    (uint8_t)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
	sdo_ev_bytes(ev, f, node, dir, b, ts_ns, in_block);
}

#endif
