/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo_server.c - CiA 301 7.2.4 SDO server for the simulator: expedited,
 * segmented and block transfers both ways, CRC, aborts from the
 * dictionary (pure: frames and time in, frames out) */
#include "config.h"
#include "sim_sdo.h"

#include <stdlib.h>
#include <string.h>

#include "sdo_xfer.h"           /* sdo_crc16 */

/* What the server waits for. */
enum srv_state {
	SRV_IDLE,       /* any initiate */
	SRV_DL_SEG,     /* answered 0110 0000: wait for 000t nnnc */
	SRV_UL_SEG,     /* answered 0100 0001 + size: wait for 011t 0000 */
	SRV_BDL_SUB,    /* answered 1010 c000: sub-block segments */
	SRV_BDL_END,    /* acked the last segment: wait for 110n nn01 */
	SRV_BUL_START,  /* answered 110c 0s10: wait for 1010 0011 */
	SRV_BUL_SUB,    /* sent a sub-block: wait for 1010 0010 ack */
	SRV_BUL_END,    /* sent 110n nn01: wait for 1010 0001 */
};

void
sdo_srv_init(struct sdo_srv *s)
{
	memset(s, 0, sizeof(*s));
	s->timeout_ms = 1000;
	s->blksize = SDO_BLK_SEGS;
}

void
sdo_srv_free(struct sdo_srv *s)
{
	free(s->buf);
	s->buf = NULL;
	s->len = 0;
	s->state = SRV_IDLE;
}

bool
sdo_srv_pop(struct sdo_srv *s, struct co_frame *f)
{
	return cmd_outq_pop(&s->out, f);
}

bool
sdo_srv_busy(const struct sdo_srv *s)
{
	return s->state != SRV_IDLE;
}

static struct co_frame *
push(struct sdo_srv *s)
{
	return cmd_outq_push(&s->out);
}

static void
srv_abort(struct sdo_srv *s, uint16_t index, uint8_t sub, uint32_t code)
{
	cmd_sdo_abort(push(s), s->cob_tx, index, sub, code);
	sdo_srv_free(s);
}

static int
grow(struct sdo_srv *s, const uint8_t *p, size_t n)
{
	uint8_t *b;

	if (s->len + n > SDO_SRV_MAX_BYTES)
		return -1;
	b = realloc(s->buf, s->len + n + 1);
	if (b == NULL)
		return -1;
	s->buf = b;
	if (n)
		memcpy(s->buf + s->len, p, n);
	s->len += n;
	return 0;
}

/* ---- download (client writes) ---- */

static void
init_dl(struct sdo_srv *s, const struct sdo_msg *m)
{
	uint32_t ab;
	size_t n;

	if (m->b0 & SDO_B_EXP) {
		n = (m->b0 & SDO_B_SIZE) ? SDO_EXP_MAX - ((m->b0 >> 2) & 3u)
					 : SDO_EXP_MAX;
		ab = s->ops->write(s->ctx, m->index, m->sub, m->seg + 3, n);
		if (ab)
			srv_abort(s, m->index, m->sub, ab);
		else
			cmd_sdo_init_dl_rsp(push(s), s->cob_tx, m->index,
					    m->sub);
		return;
	}
	s->size_known = (m->b0 & SDO_B_SIZE) != 0;
	s->size = m->d;
	ab = s->ops->can_write(s->ctx, m->index, m->sub,
			       s->size_known ? s->size : SIZE_MAX);
	if (ab) {
		srv_abort(s, m->index, m->sub, ab);
		return;
	}
	cmd_sdo_init_dl_rsp(push(s), s->cob_tx, m->index, m->sub);
	s->state = SRV_DL_SEG;
}

/* All data is in: check the size, write, answer with rsp or abort. */
static bool
finish_dl(struct sdo_srv *s)
{
	uint32_t ab = 0;

	if (s->size_known && s->len != s->size)
		ab = s->len > s->size ? SDO_AB_LEN_HIGH : SDO_AB_LEN_LOW;
	if (ab == 0)
		ab = s->ops->write(s->ctx, s->index, s->sub, s->buf, s->len);
	if (ab) {
		srv_abort(s, s->index, s->sub, ab);
		return false;
	}
	return true;
}

static void
dl_seg(struct sdo_srv *s, const struct sdo_msg *m)
{
	size_t n = SDO_SEG_MAX - ((m->b0 >> 1) & 7u);
	bool t = (m->b0 & SDO_B_TOGGLE) != 0;

	if (m->cs != SDO_CCS_DL_SEG) {
		srv_abort(s, s->index, s->sub, SDO_AB_CS);
		return;
	}
	if (t != s->toggle) {
		srv_abort(s, s->index, s->sub, SDO_AB_TOGGLE);
		return;
	}
	if (grow(s, m->seg, n) != 0) {
		srv_abort(s, s->index, s->sub, SDO_AB_NO_MEM);
		return;
	}
	s->toggle = !s->toggle;
	if ((m->b0 & SDO_B_LAST) && !finish_dl(s))
		return;
	cmd_sdo_dl_seg_rsp(push(s), s->cob_tx, t);
	if (m->b0 & SDO_B_LAST)
		sdo_srv_free(s);
}

/* ---- upload (client reads) ---- */

/* Read the object into buf; false after an abort. */
static bool
load(struct sdo_srv *s, const struct sdo_msg *m)
{
	uint8_t *p = NULL;
	size_t n = 0;
	uint32_t ab = s->ops->read(s->ctx, m->index, m->sub, &p, &n);

	if (ab) {
		free(p);
		srv_abort(s, m->index, m->sub, ab);
		return false;
	}
	free(s->buf);
	s->buf = p;
	s->len = n;
	s->pos = 0;
	return true;
}

static void
init_ul_rsp(struct sdo_srv *s)
{
	cmd_sdo_init_ul_rsp(push(s), s->cob_tx, s->index, s->sub, s->buf,
			    s->len);
	if (s->len >= 1 && s->len <= SDO_EXP_MAX)
		sdo_srv_free(s);
	else
		s->state = SRV_UL_SEG;
}

static void
ul_seg(struct sdo_srv *s, const struct sdo_msg *m)
{
	bool t = (m->b0 & SDO_B_TOGGLE) != 0;
	size_t n = s->len - s->pos;

	if (m->cs != SDO_CCS_UL_SEG) {
		srv_abort(s, s->index, s->sub, SDO_AB_CS);
		return;
	}
	if (t != s->toggle) {
		srv_abort(s, s->index, s->sub, SDO_AB_TOGGLE);
		return;
	}
	if (n > SDO_SEG_MAX)
		n = SDO_SEG_MAX;
	cmd_sdo_seg(push(s), s->cob_tx, t, s->buf + s->pos, n,
		    s->pos + n == s->len);
	s->pos += n;
	s->toggle = !s->toggle;
	if (s->pos == s->len)
		sdo_srv_free(s);
}

/* ---- block download ---- */

static void
init_bdl(struct sdo_srv *s, const struct sdo_msg *m)
{
	uint32_t ab;

	if (s->no_block) {
		srv_abort(s, m->index, m->sub, SDO_AB_CS);
		return;
	}
	s->size_known = (m->b0 & SDO_B_BLK_SIZE) != 0;
	s->size = m->d;
	ab = s->ops->can_write(s->ctx, m->index, m->sub,
			       s->size_known ? s->size : SIZE_MAX);
	if (ab) {
		srv_abort(s, m->index, m->sub, ab);
		return;
	}
	s->crc = (m->b0 & SDO_B_BLK_CRC) != 0;
	s->cblk = s->blksize;
	cmd_sdo_blk_dl_init_rsp(push(s), s->cob_tx, m->index, m->sub,
				s->cblk, true);
	s->seq = s->nseg = 0;
	s->last_seen = false;
	s->state = SRV_BDL_SUB;
}

static void
bdl_seg(struct sdo_srv *s, const struct sdo_msg *m)
{
	uint8_t seq = m->b0 & SDO_BLK_SEQ_MASK;

	s->nseg++;
	if (seq == s->seq + 1) {
		s->seq = seq;
		if (grow(s, m->seg, SDO_SEG_MAX) != 0) {
			srv_abort(s, s->index, s->sub, SDO_AB_NO_MEM);
			return;
		}
		if (m->b0 & SDO_B_BLK_LAST)
			s->last_seen = true;
	}
	if (!s->last_seen && s->nseg < s->cblk && seq < s->cblk)
		return;
	cmd_sdo_blk_ack(push(s), s->cob_tx, s->seq, s->cblk);
	s->seq = s->nseg = 0;
	if (s->last_seen)
		s->state = SRV_BDL_END;
}

static void
bdl_end(struct sdo_srv *s, const struct sdo_msg *m)
{
	size_t unused = (m->b0 >> 2) & 7u;
	uint16_t crc = (uint16_t)(m->seg[0] | m->seg[1] << 8);

	if (m->cs != SDO_CCS_BLK_DL || (m->b0 & SDO_B_SUB1) != SDO_BLK_SS_END ||
	    unused > s->len) {
		srv_abort(s, s->index, s->sub, SDO_AB_CS);
		return;
	}
	s->len -= unused;
	if (s->crc && sdo_crc16(0, s->buf, (uint32_t)s->len) != crc) {
		srv_abort(s, s->index, s->sub, SDO_AB_CRC);
		return;
	}
	if (!finish_dl(s))
		return;
	cmd_sdo_blk_end_rsp(push(s), s->cob_tx);
	sdo_srv_free(s);
}

/* ---- block upload ---- */

static void
init_bul(struct sdo_srv *s, const struct sdo_msg *m)
{
	uint8_t blk = m->seg[3], pst = m->seg[4];

	if (s->no_block) {
		srv_abort(s, m->index, m->sub, SDO_AB_CS);
		return;
	}
	if (blk == 0 || blk > SDO_BLK_SEGS) {
		srv_abort(s, m->index, m->sub, SDO_AB_BLKSIZE);
		return;
	}
	if (!load(s, m))
		return;
	if (pst != 0 && s->len <= pst) {        /* protocol switch */
		init_ul_rsp(s);
		return;
	}
	s->crc = (m->b0 & SDO_B_BLK_CRC) != 0;
	s->cblk = blk;
	cmd_sdo_blk_ul_init_rsp(push(s), s->cob_tx, s->index, s->sub,
				(uint32_t)s->len, true);
	s->state = SRV_BUL_START;
}

static void
bul_send(struct sdo_srv *s)
{
	uint8_t seq;
	size_t n;

	s->blk_start = s->pos;
	for (seq = 1; seq <= s->cblk; seq++) {
		n = s->len - s->pos;
		if (n > SDO_SEG_MAX)
			n = SDO_SEG_MAX;
		s->last_seen = s->pos + n >= s->len;
		cmd_sdo_blk_seg(push(s), s->cob_tx, seq, s->buf + s->pos, n,
				s->last_seen);
		s->pos += n;
		if (s->last_seen)
			break;
	}
	s->state = SRV_BUL_SUB;
}

static void
bul_ack(struct sdo_srv *s, const struct sdo_msg *m)
{
	size_t good = s->blk_start + (size_t)m->seg[0] * SDO_SEG_MAX;
	size_t unused;

	if (m->seg[1] == 0 || m->seg[1] > SDO_BLK_SEGS) {
		srv_abort(s, s->index, s->sub, SDO_AB_BLKSIZE);
		return;
	}
	s->cblk = m->seg[1];
	if (good < s->pos) {
		s->pos = good;
		bul_send(s);
		return;
	}
	if (!s->last_seen) {
		bul_send(s);
		return;
	}
	unused = s->len % SDO_SEG_MAX ? SDO_SEG_MAX - s->len % SDO_SEG_MAX
				     : (s->len ? 0 : SDO_SEG_MAX);
	cmd_sdo_blk_end(push(s), s->cob_tx, (uint8_t)unused,
			s->crc ? sdo_crc16(0, s->buf, (uint32_t)s->len) : 0);
	s->state = SRV_BUL_END;
}

static void
on_block_ul(struct sdo_srv *s, const struct sdo_msg *m)
{
	uint8_t cs = m->b0 & SDO_B_SUB;

	if (m->cs != SDO_CCS_BLK_UL) {
		srv_abort(s, s->index, s->sub, SDO_AB_CS);
	} else if (s->state == SRV_BUL_START && cs == SDO_BLK_SS_START) {
		bul_send(s);
	} else if (s->state == SRV_BUL_SUB && cs == SDO_BLK_SS_ACK) {
		bul_ack(s, m);
	} else if (s->state == SRV_BUL_END && cs == SDO_BLK_SS_END) {
		sdo_srv_free(s);
	} else {
		srv_abort(s, s->index, s->sub, SDO_AB_CS);
	}
}

/* ---- dispatch ---- */

static void
initiate(struct sdo_srv *s, const struct sdo_msg *m)
{
	sdo_srv_free(s);
	s->index = m->index;
	s->sub = m->sub;
	s->toggle = false;
	s->pos = 0;
	switch (m->cs) {
	case SDO_CCS_INIT_DL: init_dl(s, m); break;
	case SDO_CCS_INIT_UL:
		if (load(s, m))
			init_ul_rsp(s);
		break;
	case SDO_CCS_BLK_DL:
		if ((m->b0 & SDO_B_SUB1) == SDO_BLK_SS_INIT)
			init_bdl(s, m);
		else
			srv_abort(s, m->index, m->sub, SDO_AB_CS);
		break;
	case SDO_CCS_BLK_UL:
		if ((m->b0 & SDO_B_SUB) == SDO_BLK_SS_INIT)
			init_bul(s, m);
		else
			srv_abort(s, m->index, m->sub, SDO_AB_CS);
		break;
	default: srv_abort(s, m->index, m->sub, SDO_AB_CS); break;
	}
}

void
sdo_srv_rx(struct sdo_srv *s, const struct co_frame *f, uint64_t now_us)
{
	struct sdo_msg m;

	if (f->id != s->cob_rx || (f->flags & (CO_F_EFF | CO_F_TX)) ||
	    !cmd_sdo_parse(f, &m))
		return;
	s->deadline_us = now_us + (uint64_t)s->timeout_ms * 1000u;
	if (s->state == SRV_BDL_SUB) {  /* byte 0 is a sequence number */
		bdl_seg(s, &m);
		return;
	}
	if (m.cs == SDO_CS_ABORT) {
		sdo_srv_free(s);
		return;
	}
	switch (s->state) {
	case SRV_DL_SEG: dl_seg(s, &m); break;
	case SRV_UL_SEG: ul_seg(s, &m); break;
	case SRV_BDL_END: bdl_end(s, &m); break;
	case SRV_BUL_START:
	case SRV_BUL_SUB:
	case SRV_BUL_END: on_block_ul(s, &m); break;
	default: initiate(s, &m); break;
	}
}

void
sdo_srv_tick(struct sdo_srv *s, uint64_t now_us)
{
	if (s->state != SRV_IDLE && now_us >= s->deadline_us)
		srv_abort(s, s->index, s->sub, SDO_AB_TIMEOUT);
}
