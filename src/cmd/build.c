/* SPDX-License-Identifier: GPL-2.0-or-later */
/* build.c - CiA 301 frame builders: NMT, SYNC, NMT error control, EMCY and
 * the SDO frames of client and server (pure; nothing is sent here) */
#include "config.h"
#include "cmd_build.h"

#include <string.h>

#include "rd.h"

void
cmd_frame(struct co_frame *f, uint32_t id, uint8_t len)
{
	memset(f, 0, sizeof(*f));
	f->id = id & CO_SFF_MASK;
	f->len = len > CO_CAN_MAX_DLEN ? CO_CAN_MAX_DLEN : len;
	f->ts_digits = 6;
}

/* Byte | Meaning:  0 | command specifier,  1 | node (0 = all) */
void
cmd_nmt(struct co_frame *f, uint8_t cs, uint8_t node)
{
	cmd_frame(f, COB_NMT, 2);
	f->data[0] = cs;
	f->data[1] = node;
}

void
cmd_guard_rtr(struct co_frame *f, uint8_t node)
{
	cmd_frame(f, COB_NMT_EC + node, 1);
	f->flags |= CO_F_RTR;
}

void
cmd_sync(struct co_frame *f, uint32_t cob, int counter)
{
	cmd_frame(f, cob, counter < 0 ? 0 : 1);
	if (counter >= 0)
		f->data[0] = (uint8_t)counter;
}

void
cmd_hb(struct co_frame *f, uint8_t node, uint8_t state)
{
	cmd_frame(f, COB_NMT_EC + node, 1);
	f->data[0] = state;
}

/* Byte | Meaning:  0-1 | error code,  2 | error register,  3-7 | msef */
void
cmd_emcy(struct co_frame *f, uint32_t cob, uint16_t code, uint8_t reg,
	 const uint8_t *msef)
{
	cmd_frame(f, cob, 8);
	f->data[0] = (uint8_t)code;
	f->data[1] = (uint8_t)(code >> 8);
	f->data[2] = reg;
	if (msef != NULL)
		memcpy(f->data + 3, msef, 5);
}

static void
put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Byte | Meaning:  0 | command,  1-2 | index,  3 | sub,  4-7 | data */
void
cmd_sdo_mux(struct co_frame *f, uint32_t cob, uint8_t b0, uint16_t index,
	    uint8_t sub, uint32_t d)
{
	cmd_frame(f, cob, 8);
	f->data[0] = b0;
	f->data[1] = (uint8_t)index;
	f->data[2] = (uint8_t)(index >> 8);
	f->data[3] = sub;
	put_le32(f->data + 4, d);
}

void
cmd_sdo_abort(struct co_frame *f, uint32_t cob, uint16_t index, uint8_t sub,
	      uint32_t code)
{
	cmd_sdo_mux(f, cob, SDO_CS_ABORT << SDO_CS_SHIFT, index, sub, code);
}

/* Expedited payload in bytes 4..: n <= 4 bytes, n encoded as 4 - n. */
static void
init_exp(struct co_frame *f, uint32_t cob, uint8_t cs, uint16_t index,
	 uint8_t sub, const uint8_t *p, size_t n)
{
	uint8_t b0 = (uint8_t)(cs << SDO_CS_SHIFT | (SDO_EXP_MAX - n) << 2 |
			       SDO_B_EXP | SDO_B_SIZE);

	cmd_sdo_mux(f, cob, b0, index, sub, 0);
	memcpy(f->data + 4, p, n);
}

void
cmd_sdo_init_dl(struct co_frame *f, uint32_t cob, uint16_t index,
		uint8_t sub, const uint8_t *p, size_t n, bool exp)
{
	if (exp && n >= 1 && n <= SDO_EXP_MAX) {
		init_exp(f, cob, SDO_CCS_INIT_DL, index, sub, p, n);
		return;
	}
	cmd_sdo_mux(f, cob, SDO_CCS_INIT_DL << SDO_CS_SHIFT | SDO_B_SIZE,
		    index, sub, (uint32_t)n);
}

void
cmd_sdo_init_ul(struct co_frame *f, uint32_t cob, uint16_t index,
		uint8_t sub)
{
	cmd_sdo_mux(f, cob, SDO_CCS_INIT_UL << SDO_CS_SHIFT, index, sub, 0);
}

void
cmd_sdo_ul_seg_req(struct co_frame *f, uint32_t cob, bool toggle)
{
	cmd_frame(f, cob, 8);
	f->data[0] = (uint8_t)(SDO_CCS_UL_SEG << SDO_CS_SHIFT |
			       (toggle ? SDO_B_TOGGLE : 0));
}

void
cmd_sdo_blk_dl_init(struct co_frame *f, uint32_t cob, uint16_t index,
		    uint8_t sub, uint32_t size, bool crc)
{
	cmd_sdo_mux(f, cob, (uint8_t)(SDO_CCS_BLK_DL << SDO_CS_SHIFT |
				      (crc ? SDO_B_BLK_CRC : 0) |
				      SDO_B_BLK_SIZE),
		    index, sub, size);
}

/* Byte | Meaning:  0 | 101c c000,  1-3 | multiplexer,  4 | blksize,
 * 5 | protocol switch threshold */
void
cmd_sdo_blk_ul_init(struct co_frame *f, uint32_t cob, uint16_t index,
		    uint8_t sub, uint8_t blksize, uint8_t pst, bool crc)
{
	cmd_sdo_mux(f, cob, (uint8_t)(SDO_CCS_BLK_UL << SDO_CS_SHIFT |
				      (crc ? SDO_B_BLK_CRC : 0)),
		    index, sub, 0);
	f->data[4] = blksize;
	f->data[5] = pst;
}

void
cmd_sdo_blk_ul_start(struct co_frame *f, uint32_t cob)
{
	cmd_frame(f, cob, 8);
	f->data[0] = SDO_CCS_BLK_UL << SDO_CS_SHIFT | SDO_BLK_SS_START;
}

void
cmd_sdo_init_dl_rsp(struct co_frame *f, uint32_t cob, uint16_t index,
		    uint8_t sub)
{
	cmd_sdo_mux(f, cob, SDO_SCS_INIT_DL << SDO_CS_SHIFT, index, sub, 0);
}

void
cmd_sdo_dl_seg_rsp(struct co_frame *f, uint32_t cob, bool toggle)
{
	cmd_frame(f, cob, 8);
	f->data[0] = (uint8_t)(SDO_SCS_DL_SEG << SDO_CS_SHIFT |
			       (toggle ? SDO_B_TOGGLE : 0));
}

void
cmd_sdo_init_ul_rsp(struct co_frame *f, uint32_t cob, uint16_t index,
		    uint8_t sub, const uint8_t *p, size_t n)
{
	if (n >= 1 && n <= SDO_EXP_MAX) {
		init_exp(f, cob, SDO_SCS_INIT_UL, index, sub, p, n);
		return;
	}
	cmd_sdo_mux(f, cob, SDO_SCS_INIT_UL << SDO_CS_SHIFT | SDO_B_SIZE,
		    index, sub, (uint32_t)n);
}

void
cmd_sdo_blk_dl_init_rsp(struct co_frame *f, uint32_t cob, uint16_t index,
			uint8_t sub, uint8_t blksize, bool crc)
{
	cmd_sdo_mux(f, cob, (uint8_t)(SDO_SCS_BLK_DL << SDO_CS_SHIFT |
				      (crc ? SDO_B_BLK_CRC : 0)),
		    index, sub, 0);
	f->data[4] = blksize;
}

void
cmd_sdo_blk_ul_init_rsp(struct co_frame *f, uint32_t cob, uint16_t index,
			uint8_t sub, uint32_t size, bool crc)
{
	cmd_sdo_mux(f, cob, (uint8_t)(SDO_SCS_BLK_UL << SDO_CS_SHIFT |
				      (crc ? SDO_B_BLK_CRC : 0) |
				      SDO_B_BLK_SIZE),
		    index, sub, size);
}

/* Byte | Meaning:  0 | 000t nnnc (download) or 000t nnnc (upload rsp),
 * 1-7 | data, 7 - n bytes used */
void
cmd_sdo_seg(struct co_frame *f, uint32_t cob, bool toggle, const uint8_t *p,
	    size_t n, bool last)
{
	if (n > SDO_SEG_MAX)
		n = SDO_SEG_MAX;
	cmd_frame(f, cob, 8);
	f->data[0] = (uint8_t)((toggle ? SDO_B_TOGGLE : 0) |
			       (SDO_SEG_MAX - n) << 1 |
			       (last ? SDO_B_LAST : 0));
	if (n)
		memcpy(f->data + 1, p, n);
}

void
cmd_sdo_blk_seg(struct co_frame *f, uint32_t cob, uint8_t seq,
		const uint8_t *p, size_t n, bool last)
{
	if (n > SDO_SEG_MAX)
		n = SDO_SEG_MAX;
	cmd_frame(f, cob, 8);
	f->data[0] = (uint8_t)((seq & SDO_BLK_SEQ_MASK) | (last ? SDO_B_BLK_LAST : 0));
	if (n)
		memcpy(f->data + 1, p, n);
}

/* Byte | Meaning:  0 | 1010 0010 (scs 5 / ccs 5, ack),  1 | ackseq,
 * 2 | blksize.  Download acks come from the server (scs 5), upload acks
 * from the client (ccs 5): the same byte. */
void
cmd_sdo_blk_ack(struct co_frame *f, uint32_t cob, uint8_t ackseq,
		uint8_t blksize)
{
	cmd_frame(f, cob, 8);
	f->data[0] = SDO_SCS_BLK_DL << SDO_CS_SHIFT | SDO_BLK_SS_ACK;
	f->data[1] = ackseq;
	f->data[2] = blksize;
}

/* Byte | Meaning:  0 | 110n nn01 (ccs 6 / scs 6, end),  1-2 | CRC */
void
cmd_sdo_blk_end(struct co_frame *f, uint32_t cob, uint8_t unused,
		uint16_t crc)
{
	cmd_frame(f, cob, 8);
	f->data[0] = (uint8_t)(SDO_CCS_BLK_DL << SDO_CS_SHIFT |
			       (unused & 0x07u) << 2 | SDO_BLK_SS_END);
	f->data[1] = (uint8_t)crc;
	f->data[2] = (uint8_t)(crc >> 8);
}

void
cmd_sdo_blk_end_rsp(struct co_frame *f, uint32_t cob)
{
	cmd_frame(f, cob, 8);
	f->data[0] = SDO_SCS_BLK_DL << SDO_CS_SHIFT | SDO_BLK_SS_END;
}

bool
cmd_sdo_parse(const struct co_frame *f, struct sdo_msg *m)
{
	struct co_rd rd;

	memset(m, 0, sizeof(*m));
	if (f->len != 8 || (f->flags & (CO_F_RTR | CO_F_ERR)))
		return false;
	rd_init(&rd, f->data, f->len);
	m->b0 = rd_u8(&rd);
	m->cs = (uint8_t)(m->b0 >> SDO_CS_SHIFT);
	rd_bytes(&rd, m->seg, SDO_SEG_MAX);
	rd_init(&rd, f->data, f->len);
	rd_skip(&rd, 1);
	m->index = rd_le16(&rd);
	m->sub = rd_u8(&rd);
	m->d = rd_le32(&rd);
	return true;
}

struct co_frame *
cmd_outq_push(struct cmd_outq *q)
{
	int i = (q->head + q->n) % CMD_OUTQ_MAX;

	if (q->n < CMD_OUTQ_MAX)
		q->n++;
	return &q->f[i];
}

bool
cmd_outq_pop(struct cmd_outq *q, struct co_frame *f)
{
	if (q->n == 0)
		return false;
	*f = q->f[q->head];
	q->head = (q->head + 1) % CMD_OUTQ_MAX;
	q->n--;
	return true;
}
