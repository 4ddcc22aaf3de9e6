/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo_client.c - CiA 301 7.2.4 SDO client: expedited, segmented and block
 * transfers both ways; a pure state machine (frames and time in, frames
 * out), so it runs the same against a socket and in unit tests */
#include "config.h"
#include "cmd_sdo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_build.h"
#include "sdo_xfer.h"           /* sdo_crc16 */

/* What the client waits for. */
enum cli_state {
	CLI_IDLE,
	CLI_DL_INIT,    /* sent 001x xxxx: wait for 0110 0000 */
	CLI_DL_SEG,     /* sent 000t nnnc: wait for 001t 0000 */
	CLI_UL_INIT,    /* sent 0100 0000: wait for 010x nnes */
	CLI_UL_SEG,     /* sent 011t 0000: wait for 000t nnnc */
	CLI_BDL_INIT,   /* sent 110c 0s00: wait for 1010 c000 + blksize */
	CLI_BDL_SUB,    /* sent a sub-block: wait for 1010 0010 ack */
	CLI_BDL_END,    /* sent 110n nn01: wait for 1010 0001 */
	CLI_BUL_INIT,   /* sent 101c 0000: wait for 110c 0s00 (or 010x) */
	CLI_BUL_SUB,    /* sent start/ack: receiving cseq segments */
	CLI_BUL_END,    /* acked the last sub-block: wait for 110n nn01 */
	CLI_DONE,
};

void
sdo_cli_init(struct sdo_cli *c, const struct sdo_cli_cfg *cfg)
{
	memset(c, 0, sizeof(*c));
	c->cfg = *cfg;
	if (c->cfg.timeout_ms == 0)
		c->cfg.timeout_ms = SDO_CLI_TIMEOUT_MS;
	if (c->cfg.blksize == 0 || c->cfg.blksize > SDO_BLK_SEGS)
		c->cfg.blksize = SDO_CLI_BLKSIZE;
}

void
sdo_cli_free(struct sdo_cli *c)
{
	free(c->buf);
	c->buf = NULL;
	c->len = c->cap = 0;
}

static struct co_frame *
push(struct sdo_cli *c)
{
	return cmd_outq_push(&c->out);
}

bool
sdo_cli_pop(struct sdo_cli *c, struct co_frame *f)
{
	return cmd_outq_pop(&c->out, f);
}

static void
arm(struct sdo_cli *c, uint64_t now_us)
{
	c->deadline_us = now_us + (uint64_t)c->cfg.timeout_ms * 1000u;
}

static int
reserve(struct sdo_cli *c, size_t n)
{
	uint8_t *p;
	size_t cap;

	if (n <= c->cap)
		return 0;
	if (n > SDO_CLI_MAX_BYTES) {
		errno = ENOMEM;
		return -1;
	}
	cap = c->cap ? c->cap : 64;
	while (cap < n)
		cap *= 2;
	p = realloc(c->buf, cap);
	if (p == NULL)
		return -1;
	c->buf = p;
	c->cap = cap;
	return 0;
}

static int
append(struct sdo_cli *c, const uint8_t *p, size_t n)
{
	if (n == 0)
		return 0;
	if (reserve(c, c->len + n) != 0)
		return -1;
	memcpy(c->buf + c->len, p, n);
	c->len += n;
	return 0;
}

/* We abort: queue the abort frame. */
static enum sdo_cli_rc
fail(struct sdo_cli *c, uint32_t code)
{
	cmd_sdo_abort(push(c), c->cfg.cob_req, c->index, c->sub, code);
	c->abort = code;
	c->by_server = false;
	c->state = CLI_DONE;
	return SDO_CLI_ABORTED;
}

static enum sdo_cli_rc
done(struct sdo_cli *c)
{
	c->state = CLI_DONE;
	return SDO_CLI_DONE;
}

static void
start_seg_dl(struct sdo_cli *c)
{
	bool exp = c->mode != SDO_MODE_SEG && c->len <= SDO_EXP_MAX;

	cmd_sdo_init_dl(push(c), c->cfg.cob_req, c->index, c->sub, c->buf,
			c->len, exp);
	c->how = exp && c->len > 0 ? SDO_HOW_EXP : SDO_HOW_SEG;
	c->state = CLI_DL_INIT;
}

static void
start_block_dl(struct sdo_cli *c)
{
	cmd_sdo_blk_dl_init(push(c), c->cfg.cob_req, c->index, c->sub,
			    (uint32_t)c->len, !c->cfg.no_crc);
	c->how = SDO_HOW_BLOCK;
	c->state = CLI_BDL_INIT;
}

static void
start_upload(struct sdo_cli *c)
{
	if (c->mode == SDO_MODE_BLOCK && !c->fell_back) {
		cmd_sdo_blk_ul_init(push(c), c->cfg.cob_req, c->index, c->sub,
				    c->cfg.blksize, c->cfg.pst,
				    !c->cfg.no_crc);
		c->how = SDO_HOW_BLOCK;
		c->state = CLI_BUL_INIT;
		return;
	}
	cmd_sdo_init_ul(push(c), c->cfg.cob_req, c->index, c->sub);
	c->state = CLI_UL_INIT;
}

static int
begin(struct sdo_cli *c, uint16_t index, uint8_t sub, enum sdo_mode mode,
      bool upload)
{
	if (c->state != CLI_IDLE && c->state != CLI_DONE) {
		errno = EINVAL;
		return -1;
	}
	c->index = index;
	c->sub = sub;
	c->mode = mode;
	c->upload = upload;
	c->len = c->pos = 0;
	c->toggle = c->fell_back = c->size_known = c->crc = false;
	c->abort = 0;
	c->how = SDO_HOW_NONE;
	c->out.head = c->out.n = 0;
	return 0;
}

int
sdo_cli_upload(struct sdo_cli *c, uint16_t index, uint8_t sub,
	       enum sdo_mode mode, uint64_t now_us)
{
	if (begin(c, index, sub, mode, true) != 0)
		return -1;
	start_upload(c);
	arm(c, now_us);
	return 0;
}

int
sdo_cli_download(struct sdo_cli *c, uint16_t index, uint8_t sub,
		 const uint8_t *p, size_t n, enum sdo_mode mode,
		 uint64_t now_us)
{
	if (begin(c, index, sub, mode, false) != 0)
		return -1;
	if (mode == SDO_MODE_EXP && (n == 0 || n > SDO_EXP_MAX)) {
		errno = EINVAL;
		return -1;
	}
	if (n > 0 && append(c, p, n) != 0)
		return -1;
	if (mode == SDO_MODE_BLOCK)
		start_block_dl(c);
	else
		start_seg_dl(c);
	arm(c, now_us);
	return 0;
}

/* ---- segmented download ---- */

static enum sdo_cli_rc
dl_next_seg(struct sdo_cli *c)
{
	size_t n = c->len - c->pos;

	if (n > SDO_SEG_MAX)
		n = SDO_SEG_MAX;
	cmd_sdo_seg(push(c), c->cfg.cob_req, c->toggle, c->buf + c->pos, n,
		    c->pos + n == c->len);
	c->pos += n;
	c->state = CLI_DL_SEG;
	return SDO_CLI_BUSY;
}

static enum sdo_cli_rc
on_dl(struct sdo_cli *c, const struct sdo_msg *m)
{
	if (c->state == CLI_DL_INIT) {
		if (m->cs != SDO_SCS_INIT_DL || m->index != c->index ||
		    m->sub != c->sub)
			return fail(c, SDO_AB_CS);
		if (c->how == SDO_HOW_EXP)
			return done(c);
		return dl_next_seg(c);
	}
	if (m->cs != SDO_SCS_DL_SEG)
		return fail(c, SDO_AB_CS);
	if (((m->b0 & SDO_B_TOGGLE) != 0) != c->toggle)
		return fail(c, SDO_AB_TOGGLE);
	if (c->pos >= c->len)
		return done(c);
	c->toggle = !c->toggle;
	return dl_next_seg(c);
}

/* ---- segmented upload ---- */

static enum sdo_cli_rc
on_ul_init(struct sdo_cli *c, const struct sdo_msg *m)
{
	size_t n;
	uint8_t d[4];

	if (m->cs != SDO_SCS_INIT_UL || m->index != c->index ||
	    m->sub != c->sub)
		return fail(c, SDO_AB_CS);
	if (m->b0 & SDO_B_EXP) {
		n = (m->b0 & SDO_B_SIZE) ? SDO_EXP_MAX - ((m->b0 >> 2) & 3u)
					 : SDO_EXP_MAX;
		memcpy(d, m->seg + 3, sizeof(d));
		c->how = SDO_HOW_EXP;
		if (append(c, d, n) != 0)
			return fail(c, SDO_AB_NO_MEM);
		return done(c);
	}
	c->size_known = (m->b0 & SDO_B_SIZE) != 0;
	c->size = m->d;
	c->how = SDO_HOW_SEG;
	if (c->size_known && c->size > SDO_CLI_MAX_BYTES)
		return fail(c, SDO_AB_NO_MEM);
	cmd_sdo_ul_seg_req(push(c), c->cfg.cob_req, c->toggle);
	c->state = CLI_UL_SEG;
	return SDO_CLI_BUSY;
}

static enum sdo_cli_rc
on_ul_seg(struct sdo_cli *c, const struct sdo_msg *m)
{
	size_t n;

	if (m->cs != SDO_SCS_UL_SEG)
		return fail(c, SDO_AB_CS);
	if (((m->b0 & SDO_B_TOGGLE) != 0) != c->toggle)
		return fail(c, SDO_AB_TOGGLE);
	n = SDO_SEG_MAX - ((m->b0 >> 1) & 7u);
	if (append(c, m->seg, n) != 0)
		return fail(c, SDO_AB_NO_MEM);
	if (m->b0 & SDO_B_LAST) {
		if (c->size_known && c->len != c->size)
			return fail(c, c->len > c->size ? SDO_AB_LEN_HIGH
							: SDO_AB_LEN_LOW);
		return done(c);
	}
	c->toggle = !c->toggle;
	cmd_sdo_ul_seg_req(push(c), c->cfg.cob_req, c->toggle);
	return SDO_CLI_BUSY;
}

/* ---- block download ---- */

static enum sdo_cli_rc
bdl_send_block(struct sdo_cli *c)
{
	uint8_t seq;
	size_t n;

	c->blk_start = c->pos;
	for (seq = 1; seq <= c->blksize; seq++) {
		n = c->len - c->pos;
		if (n > SDO_SEG_MAX)
			n = SDO_SEG_MAX;
		c->last_seen = c->pos + n >= c->len;
		cmd_sdo_blk_seg(push(c), c->cfg.cob_req, seq, c->buf + c->pos,
				n, c->last_seen);
		c->pos += n;
		if (c->last_seen)
			break;
	}
	c->state = CLI_BDL_SUB;
	return SDO_CLI_BUSY;
}

static enum sdo_cli_rc
bdl_on_ack(struct sdo_cli *c, const struct sdo_msg *m)
{
	uint8_t ackseq = m->seg[0], blksize = m->seg[1];
	size_t good = c->blk_start + (size_t)ackseq * SDO_SEG_MAX;
	size_t unused;

	if ((m->b0 & SDO_B_SUB) != SDO_BLK_SS_ACK)
		return fail(c, SDO_AB_CS);
	if (blksize == 0 || blksize > SDO_BLK_SEGS)
		return fail(c, SDO_AB_BLKSIZE);
	c->blksize = blksize;
	if (good < c->pos) {
		c->pos = good;          /* resend from the first missing one */
		return bdl_send_block(c);
	}
	if (!c->last_seen)
		return bdl_send_block(c);
	unused = c->len % SDO_SEG_MAX ? SDO_SEG_MAX - c->len % SDO_SEG_MAX
				     : (c->len ? 0 : SDO_SEG_MAX);
	cmd_sdo_blk_end(push(c), c->cfg.cob_req, (uint8_t)unused,
			c->crc ? sdo_crc16(0, c->buf, (uint32_t)c->len) : 0);
	c->state = CLI_BDL_END;
	return SDO_CLI_BUSY;
}

static enum sdo_cli_rc
on_bdl(struct sdo_cli *c, const struct sdo_msg *m)
{
	if (m->cs != SDO_SCS_BLK_DL)
		return fail(c, SDO_AB_CS);
	if (c->state == CLI_BDL_INIT) {
		if ((m->b0 & SDO_B_SUB) != SDO_BLK_SS_INIT ||
		    m->index != c->index || m->sub != c->sub)
			return fail(c, SDO_AB_CS);
		c->crc = !c->cfg.no_crc && (m->b0 & SDO_B_BLK_CRC);
		c->blksize = m->seg[3];
		if (c->blksize == 0 || c->blksize > SDO_BLK_SEGS)
			return fail(c, SDO_AB_BLKSIZE);
		return bdl_send_block(c);
	}
	if (c->state == CLI_BDL_SUB)
		return bdl_on_ack(c, m);
	if ((m->b0 & SDO_B_SUB) != SDO_BLK_SS_END)
		return fail(c, SDO_AB_CS);
	return done(c);
}

/* ---- block upload ---- */

static void
bul_ack(struct sdo_cli *c)
{
	cmd_sdo_blk_ack(push(c), c->cfg.cob_req, c->seq, c->cfg.blksize);
	c->state = c->last_seen ? CLI_BUL_END : CLI_BUL_SUB;
	c->seq = c->nseg = 0;
}

static enum sdo_cli_rc
bul_on_init(struct sdo_cli *c, const struct sdo_msg *m)
{
	if (m->cs == SDO_SCS_INIT_UL) {         /* protocol switch */
		c->state = CLI_UL_INIT;
		return on_ul_init(c, m);
	}
	if (m->cs != SDO_SCS_BLK_UL || (m->b0 & SDO_B_SUB1) != SDO_BLK_SS_INIT ||
	    m->index != c->index || m->sub != c->sub)
		return fail(c, SDO_AB_CS);
	c->crc = !c->cfg.no_crc && (m->b0 & SDO_B_BLK_CRC);
	c->size_known = (m->b0 & SDO_B_BLK_SIZE) != 0;
	c->size = m->d;
	if (c->size_known && c->size > SDO_CLI_MAX_BYTES)
		return fail(c, SDO_AB_NO_MEM);
	cmd_sdo_blk_ul_start(push(c), c->cfg.cob_req);
	c->seq = c->nseg = 0;
	c->last_seen = false;
	c->state = CLI_BUL_SUB;
	return SDO_CLI_BUSY;
}

/* A sub-block segment: bytes 1..7 kept while the sequence is unbroken;
 * the ack names the last good one and the server resends the rest. */
static enum sdo_cli_rc
bul_on_seg(struct sdo_cli *c, const struct co_frame *f)
{
	struct sdo_msg m;
	uint8_t seq;

	cmd_sdo_parse(f, &m);
	seq = m.b0 & SDO_BLK_SEQ_MASK;
	c->nseg++;
	if (seq == c->seq + 1) {
		c->seq = seq;
		if (append(c, m.seg, SDO_SEG_MAX) != 0)
			return fail(c, SDO_AB_NO_MEM);
		if (m.b0 & SDO_B_BLK_LAST)
			c->last_seen = true;
	}
	if (c->last_seen || c->nseg >= c->cfg.blksize ||
	    seq >= c->cfg.blksize)
		bul_ack(c);
	return SDO_CLI_BUSY;
}

static enum sdo_cli_rc
bul_on_end(struct sdo_cli *c, const struct sdo_msg *m)
{
	size_t unused = (m->b0 >> 2) & 7u;

	if (m->cs != SDO_SCS_BLK_UL || (m->b0 & SDO_B_SUB1) != SDO_BLK_SS_END)
		return fail(c, SDO_AB_CS);
	if (unused > c->len)
		return fail(c, SDO_AB_CS);
	c->len -= unused;
	if (c->crc && sdo_crc16(0, c->buf, (uint32_t)c->len) !=
		      (uint16_t)(m->seg[0] | m->seg[1] << 8))
		return fail(c, SDO_AB_CRC);
	if (c->size_known && c->len != c->size)
		return fail(c, c->len > c->size ? SDO_AB_LEN_HIGH
						: SDO_AB_LEN_LOW);
	cmd_sdo_blk_end_rsp(push(c), c->cfg.cob_req);
	return done(c);
}

/* ---- dispatch ---- */

/* The server declined a block transfer: do it segmented. */
static bool
declined(struct sdo_cli *c, const struct sdo_msg *m)
{
	if (m->cs != SDO_CS_ABORT || c->mode != SDO_MODE_BLOCK ||
	    (c->state != CLI_BDL_INIT && c->state != CLI_BUL_INIT))
		return false;
	if (m->d != SDO_AB_CS && m->d != SDO_AB_UNSUPP)
		return false;
	c->fell_back = true;
	c->how = SDO_HOW_NONE;
	if (c->upload)
		start_upload(c);
	else
		start_seg_dl(c);
	return true;
}

static enum sdo_cli_rc
step(struct sdo_cli *c, const struct co_frame *f, const struct sdo_msg *m)
{
	switch (c->state) {
	case CLI_DL_INIT:
	case CLI_DL_SEG: return on_dl(c, m);
	case CLI_UL_INIT: return on_ul_init(c, m);
	case CLI_UL_SEG: return on_ul_seg(c, m);
	case CLI_BDL_INIT:
	case CLI_BDL_SUB:
	case CLI_BDL_END: return on_bdl(c, m);
	case CLI_BUL_INIT: return bul_on_init(c, m);
	case CLI_BUL_SUB: return bul_on_seg(c, f);
	case CLI_BUL_END: return bul_on_end(c, m);
	default: return SDO_CLI_BUSY;
	}
}

/* The result of a client that is not waiting for anything. */
static enum sdo_cli_rc
rest_rc(const struct sdo_cli *c)
{
	if (c->state != CLI_DONE)
		return SDO_CLI_BUSY;
	return c->abort ? SDO_CLI_ABORTED : SDO_CLI_DONE;
}

enum sdo_cli_rc
sdo_cli_rx(struct sdo_cli *c, const struct co_frame *f, uint64_t now_us)
{
	struct sdo_msg m;

	if (c->state == CLI_IDLE || c->state == CLI_DONE ||
	    (f->flags & (CO_F_TX | CO_F_EFF)) || f->id != c->cfg.cob_rsp)
		return rest_rc(c);
	if (!cmd_sdo_parse(f, &m))
		return SDO_CLI_BUSY;    /* not an SDO frame: not ours */
	arm(c, now_us);
	/* in a sub-block every byte 0 is a sequence number */
	if (m.cs == SDO_CS_ABORT && c->state != CLI_BUL_SUB) {
		if (declined(c, &m))
			return SDO_CLI_BUSY;
		c->abort = m.d;
		c->by_server = true;
		c->state = CLI_DONE;
		return SDO_CLI_ABORTED;
	}
	return step(c, f, &m);
}

enum sdo_cli_rc
sdo_cli_tick(struct sdo_cli *c, uint64_t now_us)
{
	if (c->state == CLI_IDLE || c->state == CLI_DONE)
		return rest_rc(c);
	if (now_us < c->deadline_us)
		return SDO_CLI_BUSY;
	return fail(c, SDO_AB_TIMEOUT);
}
