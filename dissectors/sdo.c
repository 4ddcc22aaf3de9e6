/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo.c - CiA 301 7.2.4.3 SDO protocols (default SDO 0x580/0x600 + node):
 * command specifier, multiplexer, expedited/segment/block fields */
#include "config.h"

#include <string.h>

#include "co_ids.h"
#include "dissectors.h"

#define SDO_CS_SHIFT 5
#define SDO_TOGGLE 0x10u          /* segment: t */
#define SDO_SEG_N_SHIFT 1         /* segment: n in bits 1-3 */
#define SDO_SEG_N_MASK 0x07u
#define SDO_SEG_LAST 0x01u        /* segment: c, no more segments */
#define SDO_INIT_N_SHIFT 2        /* initiate: n in bits 2-3 */
#define SDO_INIT_N_MASK 0x03u
#define SDO_INIT_E 0x02u          /* initiate: expedited */
#define SDO_INIT_S 0x01u          /* initiate: size indicated */
#define SDO_BLK_CRC 0x04u         /* block initiate: cc / sc */
#define SDO_BLK_S 0x02u           /* block initiate: size indicated */
#define SDO_BLK_END_N_SHIFT 2     /* block end: n in bits 2-4 */
#define SDO_BLK_END_N_MASK 0x07u
#define SDO_BLK_SUB_MASK 0x03u    /* block upload/download-rsp: cs / ss */
#define SDO_BLK_SUB1_MASK 0x01u   /* block download-req/upload-rsp */
#define SDO_BLK_LAST 0x80u        /* sub-block segment: c */
#define SDO_BLK_SEQ_MASK 0x7Fu
#define SDO_BLKSIZE_MAX 127
#define SDO_EXP_DATA 4

typedef void (*sdo_decode_fn)(struct co_rd *rd, struct co_ev_sdo *s,
			      struct co_event *ev);

static void
sdo_bad(struct co_event *ev, const char *why)
{
	if (ev->status == CO_OK) {
		ev->status = CO_INVALID;
		ev->why = why;
	}
}

static void
sdo_mux(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	s->has_mux = true;
	s->index = rd_le16(rd);
	s->sub = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_MUX);
}

static void
sdo_blksize(struct co_ev_sdo *s, struct co_event *ev)
{
	if (s->blksize == 0 || s->blksize > SDO_BLKSIZE_MAX)
		sdo_bad(ev, "blksize not in 1..127");
}

/*
 * Segment with data: download segment request (ccs 0), upload segment
 * response (scs 0).
 * Byte | Meaning
 * 0    | cs 000, t (bit 4), n (bits 1-3, bytes without data), c (bit 0)
 * 1-7  | segment data (7 - n bytes)
 */
static void
sdo_seg_data(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	uint8_t buf[SDO_SEG_DATA];

	s->toggle = (s->cmd & SDO_TOGGLE) != 0;
	s->n = (s->cmd >> SDO_SEG_N_SHIFT) & SDO_SEG_N_MASK;
	s->last = (s->cmd & SDO_SEG_LAST) != 0;
	s->len = (uint8_t)(SDO_SEG_DATA - s->n);
	ev_have_next(ev, rd, s->len, CO_HAS_DATA);
	rd_bytes(rd, buf, sizeof(buf));
	memcpy(s->data, buf, s->len);
}

/*
 * Segment without data: upload segment request (ccs 3), download segment
 * response (scs 1).
 * Byte | Meaning
 * 0    | cs, t (bit 4)
 * 1-7  | reserved
 */
static void
sdo_seg_toggle(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	(void)ev;
	s->toggle = (s->cmd & SDO_TOGGLE) != 0;
	rd_skip(rd, SDO_SEG_DATA);
}

/*
 * Initiate download request (ccs 1), initiate upload response (scs 2).
 * Byte | Meaning
 * 0    | cs, n (bits 2-3, if e and s), e (bit 1), s (bit 1)
 * 1-3  | index (LE), sub-index
 * 4-7  | e=1: data (4 - n bytes if s, else 4); e=0, s=1: size (LE)
 */
static void
sdo_init_xfer(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	uint8_t buf[SDO_EXP_DATA];
	uint32_t v;

	s->n = (s->cmd >> SDO_INIT_N_SHIFT) & SDO_INIT_N_MASK;
	s->e = (s->cmd & SDO_INIT_E) != 0;
	s->s = (s->cmd & SDO_INIT_S) != 0;
	sdo_mux(rd, s, ev);
	if (s->e) {
		s->len = (uint8_t)(s->s ? SDO_EXP_DATA - s->n : SDO_EXP_DATA);
		ev_have_next(ev, rd, s->len, CO_HAS_DATA | CO_HAS_SIZE);
		rd_bytes(rd, buf, sizeof(buf));
		s->size = s->s ? s->len : 0;
		memcpy(s->data, buf, s->len);
		return;
	}
	v = rd_le32(rd);
	ev_have(ev, rd, CO_HAS_SIZE);
	if (s->s)
		s->size = v;
}

/*
 * Initiate upload request (ccs 2), initiate download response (scs 3).
 * Byte | Meaning
 * 0    | cs
 * 1-3  | index, sub-index
 * 4-7  | reserved
 */
static void
sdo_init_plain(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	sdo_mux(rd, s, ev);
	rd_skip(rd, SDO_EXP_DATA);
}

/*
 * Abort transfer (cs 4, both directions).
 * Byte | Meaning
 * 0    | 0x80
 * 1-3  | index, sub-index
 * 4-7  | abort code (LE, CiA 301 table 22)
 */
static void
sdo_abort(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	sdo_mux(rd, s, ev);
	s->abort_code = rd_le32(rd);
	ev_have(ev, rd, CO_HAS_ABORT);
}

/*
 * Block initiate with blksize: initiate block upload request (ccs 5, cs 0;
 * pst in byte 5), initiate block download response (scs 5, ss 0).
 * Byte | Meaning
 * 0    | cs, cc/sc CRC support (bit 2)
 * 1-3  | index, sub-index
 * 4    | blksize 1..127
 * 5    | pst (upload request only; else reserved)
 */
static void
sdo_blk_init_blksize(struct co_rd *rd, struct co_ev_sdo *s,
		     struct co_event *ev, bool pst)
{
	s->crc = (s->cmd & SDO_BLK_CRC) != 0;
	sdo_mux(rd, s, ev);
	s->blksize = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_BLKSIZE);
	if (pst) {
		s->pst = rd_u8(rd);
		ev_have(ev, rd, CO_HAS_PST);
	}
	rd_skip(rd, pst ? 2 : 3);
	sdo_blksize(s, ev);
}

/*
 * Block initiate with size: initiate block download request (ccs 6, cs 0),
 * initiate block upload response (scs 6, ss 0).
 * Byte | Meaning
 * 0    | cs, cc/sc CRC support (bit 2), s (bit 1)
 * 1-3  | index, sub-index
 * 4-7  | size (LE) if s
 */
static void
sdo_blk_init_size(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	uint32_t v;

	s->crc = (s->cmd & SDO_BLK_CRC) != 0;
	s->s = (s->cmd & SDO_BLK_S) != 0;
	sdo_mux(rd, s, ev);
	v = rd_le32(rd);
	ev_have(ev, rd, CO_HAS_SIZE);
	if (s->s)
		s->size = v;
}

/*
 * Block ack (client ccs 5 cs 2 in upload, server scs 5 ss 2 in download).
 * Byte | Meaning
 * 0    | cs
 * 1    | ackseq: last segment received in sequence (0 = none)
 * 2    | blksize for the next sub-block, 1..127
 */
static void
sdo_blk_ack(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	s->ackseq = rd_u8(rd);
	s->blksize = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_ACK);
	rd_skip(rd, 5);
	if (s->ackseq > SDO_BLKSIZE_MAX)
		sdo_bad(ev, "ackseq > 127");
	sdo_blksize(s, ev);
}

/*
 * Block end request (client ccs 6 cs 1 in download, server scs 6 ss 1 in
 * upload).
 * Byte | Meaning
 * 0    | cs, n (bits 2-4: bytes of the last segment without data)
 * 1-2  | CRC (LE, CRC-16-CCITT; 0 when CRC is not used)
 */
static void
sdo_blk_end(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	s->n = (s->cmd >> SDO_BLK_END_N_SHIFT) & SDO_BLK_END_N_MASK;
	s->crc_val = rd_le16(rd);
	ev_have(ev, rd, CO_HAS_CRC);
	rd_skip(rd, 5);
}

/* ccs 5: block upload, client side; cs in bits 0-1. */
static void
sdo_blk_ul_client(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	switch (s->cmd & SDO_BLK_SUB_MASK) {
	case 0:
		s->fn = SDO_FN_BLK_UL_INIT_REQ;
		sdo_blk_init_blksize(rd, s, ev, true);
		break;
	case 1:
		s->fn = SDO_FN_BLK_UL_END_RSP;
		rd_skip(rd, SDO_SEG_DATA);
		break;
	case 2:
		s->fn = SDO_FN_BLK_UL_ACK;
		sdo_blk_ack(rd, s, ev);
		break;
	default:
		s->fn = SDO_FN_BLK_UL_START;
		rd_skip(rd, SDO_SEG_DATA);
		break;
	}
}

/* ccs 6: block download, client side; cs in bit 0. */
static void
sdo_blk_dl_client(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	if ((s->cmd & SDO_BLK_SUB1_MASK) == 0) {
		s->fn = SDO_FN_BLK_DL_INIT_REQ;
		sdo_blk_init_size(rd, s, ev);
	} else {
		s->fn = SDO_FN_BLK_DL_END_REQ;
		sdo_blk_end(rd, s, ev);
	}
}

/* scs 5: block download, server side; ss in bits 0-1 (3 is undefined). */
static void
sdo_blk_dl_server(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	switch (s->cmd & SDO_BLK_SUB_MASK) {
	case 0:
		s->fn = SDO_FN_BLK_DL_INIT_RSP;
		sdo_blk_init_blksize(rd, s, ev, false);
		break;
	case 1:
		s->fn = SDO_FN_BLK_DL_END_RSP;
		rd_skip(rd, SDO_SEG_DATA);
		break;
	case 2:
		s->fn = SDO_FN_BLK_DL_ACK;
		sdo_blk_ack(rd, s, ev);
		break;
	default:
		s->fn = SDO_FN_UNKNOWN;
		rd_skip(rd, SDO_SEG_DATA);
		sdo_bad(ev, "unknown block download subcommand");
		break;
	}
}

/* scs 6: block upload, server side; ss in bit 0. */
static void
sdo_blk_ul_server(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	if ((s->cmd & SDO_BLK_SUB1_MASK) == 0) {
		s->fn = SDO_FN_BLK_UL_INIT_RSP;
		sdo_blk_init_size(rd, s, ev);
	} else {
		s->fn = SDO_FN_BLK_UL_END_REQ;
		sdo_blk_end(rd, s, ev);
	}
}

static void
sdo_bad_cs(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	(void)s;
	rd_skip(rd, SDO_SEG_DATA);
	sdo_bad(ev, "unknown command specifier");
}

static const struct sdo_spec {
	sdo_decode_fn decode;
	uint8_t fn;                 /* block handlers refine it */
} sdo_specs[2][8] = {
	[SDO_C2S] = {
		{ sdo_seg_data, SDO_FN_DL_SEG_REQ },
		{ sdo_init_xfer, SDO_FN_INIT_DL_REQ },
		{ sdo_init_plain, SDO_FN_INIT_UL_REQ },
		{ sdo_seg_toggle, SDO_FN_UL_SEG_REQ },
		{ sdo_abort, SDO_FN_ABORT },
		{ sdo_blk_ul_client, SDO_FN_UNKNOWN },
		{ sdo_blk_dl_client, SDO_FN_UNKNOWN },
		{ sdo_bad_cs, SDO_FN_UNKNOWN },
	},
	[SDO_S2C] = {
		{ sdo_seg_data, SDO_FN_UL_SEG_RSP },
		{ sdo_seg_toggle, SDO_FN_DL_SEG_RSP },
		{ sdo_init_xfer, SDO_FN_INIT_UL_RSP },
		{ sdo_init_plain, SDO_FN_INIT_DL_RSP },
		{ sdo_abort, SDO_FN_ABORT },
		{ sdo_blk_dl_server, SDO_FN_UNKNOWN },
		{ sdo_blk_ul_server, SDO_FN_UNKNOWN },
		{ sdo_bad_cs, SDO_FN_UNKNOWN },
	},
};

/*
 * Sub-block data segment (only inside a block transfer, per the model;
 * seqno 0 is never a segment, so 0x80 there is the sender's abort).
 * Byte | Meaning
 * 0    | c (bit 7, last segment of the transfer), seqno 1..127
 * 1-7  | data (all 7 bytes; the block end's n says how many count)
 */
static void
sdo_blk_seg(struct co_rd *rd, struct co_ev_sdo *s, struct co_event *ev)
{
	s->fn = s->dir == SDO_C2S ? SDO_FN_BLK_DL_SEG : SDO_FN_BLK_UL_SEG;
	s->seqno = s->cmd & SDO_BLK_SEQ_MASK;
	s->last = (s->cmd & SDO_BLK_LAST) != 0;
	ev_have_next(ev, rd, SDO_SEG_DATA, CO_HAS_DATA);
	rd_bytes(rd, s->data, SDO_SEG_DATA);
	s->len = SDO_SEG_DATA;
}

static bool
sdo_in_block(const struct co_ctx *ctx, const struct co_event *ev,
	     const struct co_ev_sdo *s, const struct co_rd *rd)
{
	return ctx != NULL && ctx->sdo_in_block != NULL &&
	       ctx->sdo_in_block(ctx->net, ev->node, s->chan, s->dir, rd->p,
				 rd->len, ev->ts_ns);
}

static void
sdo_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	struct co_ev_sdo *s = &ev->u.sdo;
	const struct sdo_spec *spec;

	if (s->chan == 0)       /* else preset by a configured channel */
		s->dir = co_fc(ev->cob_id) == CO_FC_SDO_TX ? SDO_S2C : SDO_C2S;
	if (rd_left(rd) == 0)
		return;         /* no command byte: SDO_FN_UNKNOWN, short */
	s->cmd = rd_u8(rd);
	ev->has |= CO_HAS_CMD;
	if ((s->cmd & SDO_BLK_SEQ_MASK) != 0 && sdo_in_block(ctx, ev, s, rd)) {
		sdo_blk_seg(rd, s, ev);
		return;
	}
	spec = &sdo_specs[s->dir][s->cmd >> SDO_CS_SHIFT];
	s->fn = spec->fn;
	spec->decode(rd, s, ev);
}

const struct co_dissector sdo_dissector = {
	.name = "sdo",
	.kind = CO_EV_SDO,
	.min_len = 8,
	.max_len = 8,
	.decode = sdo_decode,
};
