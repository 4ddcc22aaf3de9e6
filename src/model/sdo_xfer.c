/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo_xfer.c - CiA 301 7.2.4.3 SDO transfer reassembly: a small state
 * machine per SDO channel, one handler per frame function (enum sdo_fn) */
#include "config.h"
#include "sdo_xfer.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define CRC16_POLY 0x1021u
#define EXP_MAX 4               /* expedited data bytes */
#define BLK_N_MAX 6             /* n of a block end: 0..6 ... */
#define BLK_N_EMPTY 7           /* ... or 7 when nothing is transferred */

typedef bool (*step_fn)(struct sdo_xfer *x, const struct co_event *ev,
			struct co_event *done);

/* What to call a frame that arrives when it should not. */
static const struct fn_why {
	const char *unexpected;
	const char *orphan;
	const char *name;       /* initiate requests: the new transfer */
} fn_why[] = {
	[SDO_FN_UNKNOWN] = { "unknown command specifier",
		"unknown command specifier" },
	[SDO_FN_INIT_DL_REQ] = { "unexpected initiate download request",
		"initiate download request without initiate", "download" },
	[SDO_FN_INIT_DL_RSP] = { "unexpected initiate download response",
		"initiate download response without request" },
	[SDO_FN_DL_SEG_REQ] = { "unexpected download segment",
		"download segment without initiate" },
	[SDO_FN_DL_SEG_RSP] = { "unexpected download segment response",
		"download segment response without initiate" },
	[SDO_FN_INIT_UL_REQ] = { "unexpected initiate upload request",
		"initiate upload request without initiate", "upload" },
	[SDO_FN_INIT_UL_RSP] = { "unexpected initiate upload response",
		"initiate upload response without request" },
	[SDO_FN_UL_SEG_REQ] = { "unexpected upload segment request",
		"upload segment request without initiate" },
	[SDO_FN_UL_SEG_RSP] = { "unexpected upload segment",
		"upload segment without initiate" },
	[SDO_FN_ABORT] = { "abort", "abort" },
	[SDO_FN_BLK_DL_INIT_REQ] = { "unexpected block download initiate",
		"block download initiate", "block download" },
	[SDO_FN_BLK_DL_INIT_RSP] = { "unexpected block download response",
		"block download response without initiate" },
	[SDO_FN_BLK_DL_SEG] = { "unexpected block download segment",
		"block download segment without initiate" },
	[SDO_FN_BLK_DL_ACK] = { "unexpected block download ack",
		"block download ack without initiate" },
	[SDO_FN_BLK_DL_END_REQ] = { "unexpected block download end",
		"block download end without initiate" },
	[SDO_FN_BLK_DL_END_RSP] = { "unexpected block download end response",
		"block download end response without initiate" },
	[SDO_FN_BLK_UL_INIT_REQ] = { "unexpected block upload initiate",
		"block upload initiate", "block upload" },
	[SDO_FN_BLK_UL_INIT_RSP] = { "unexpected block upload response",
		"block upload response without initiate" },
	[SDO_FN_BLK_UL_START] = { "unexpected block upload start",
		"block upload start without initiate" },
	[SDO_FN_BLK_UL_SEG] = { "unexpected block upload segment",
		"block upload segment without initiate" },
	[SDO_FN_BLK_UL_ACK] = { "unexpected block upload ack",
		"block upload ack without initiate" },
	[SDO_FN_BLK_UL_END_REQ] = { "unexpected block upload end",
		"block upload end without initiate" },
	[SDO_FN_BLK_UL_END_RSP] = { "unexpected block upload end response",
		"block upload end response without initiate" },
};

uint16_t
sdo_crc16(uint16_t crc, const uint8_t *p, uint32_t n)
{
	uint32_t i;
	int b;

	for (i = 0; i < n; i++) {
		crc ^= (uint16_t)(p[i] << 8);
		for (b = 0; b < 8; b++) {
			bool msb = (crc & 0x8000u) != 0;

			crc = (uint16_t)(crc << 1);
			if (msb)
				crc ^= CRC16_POLY;
		}
	}
	return crc;
}

void
sdo_xfer_reset(struct sdo_xfer *x)
{
	uint8_t chan = x->chan;
	bool orphan = x->orphan;

	/* buf/blk are left alone: a finished event's data points there */
	memset(x, 0, offsetof(struct sdo_xfer, tail));
	x->chan = chan;
	x->orphan = orphan;
	x->crc_ok = -1;
}

/* Append confirmed data: CRC over all of it, keep what fits. */
static void
commit(struct sdo_xfer *x, const uint8_t *p, uint32_t n)
{
	uint32_t keep = 0;

	x->crc = sdo_crc16(x->crc, p, n);
	if (x->got < SDO_XFER_MAX)
		keep = SDO_XFER_MAX - x->got < n ? SDO_XFER_MAX - x->got : n;
	memcpy(x->buf + x->got, p, keep);
	x->got += n;
}

/* Fill *done from x and end the transfer. */
static bool
xfer_end(struct sdo_xfer *x, const struct co_event *ev, uint64_t ts_ns,
	 uint8_t result, const char *why, struct co_event *done)
{
	struct co_ev_xfer *xf = &done->u.xfer;

	memset(done, 0, sizeof(*done));
	done->kind = CO_EV_SDO_XFER;
	done->status = result == XFER_FAILED ? CO_INVALID : CO_OK;
	done->why = why;
	done->ts_ns = ts_ns;
	if (ev) {
		done->frame = ev->frame;
		done->cob_id = ev->cob_id;
		done->node = ev->node;
	}
	xf->dir = x->dir;
	xf->mode = x->mode;
	xf->result = result;
	xf->chan = x->chan;
	xf->has_mux = x->has_mux;
	xf->index = x->index;
	xf->sub = x->sub;
	xf->crc_ok = x->crc_ok;
	xf->size = x->size_ind ? x->size : 0;
	xf->got = x->got;
	xf->start_ns = x->start_ns;
	xf->dur_ns = ts_ns > x->start_ns ? ts_ns - x->start_ns : 0;
	xf->data = x->buf;
	xf->repeats = x->repeats;
	xf->fallback = x->fallback;
	x->orphan = result == XFER_FAILED;
	sdo_xfer_reset(x);
	return true;
}

static bool
fail(struct sdo_xfer *x, const struct co_event *ev, const char *why,
     struct co_event *done)
{
	return xfer_end(x, ev, ev->ts_ns, XFER_FAILED, why, done);
}

static bool
fn_is_upload(uint8_t fn)
{
	return fn == SDO_FN_INIT_UL_RSP || fn == SDO_FN_UL_SEG_REQ ||
	       fn == SDO_FN_UL_SEG_RSP || (fn >= SDO_FN_BLK_UL_INIT_REQ &&
					   fn <= SDO_FN_BLK_UL_END_RSP);
}

static bool
fn_is_block(uint8_t fn)
{
	return fn >= SDO_FN_BLK_DL_INIT_REQ;
}

/* A frame that does not fit the state: end the transfer (or report an
 * orphan once when idle). */
static bool
unexpected(struct sdo_xfer *x, const struct co_event *ev,
	   struct co_event *done)
{
	const struct fn_why *w = &fn_why[ev->u.sdo.fn];

	if (x->state != SDO_IDLE)
		return fail(x, ev, w->unexpected, done);
	if (x->orphan)
		return false;
	x->orphan = true;
	x->start_ns = ev->ts_ns;
	x->has_mux = ev->u.sdo.has_mux;
	x->index = ev->u.sdo.index;
	x->sub = ev->u.sdo.sub;
	x->dir = fn_is_upload(ev->u.sdo.fn) ? SDO_S2C : SDO_C2S;
	x->mode = fn_is_block(ev->u.sdo.fn) ? XFER_BLOCK : XFER_MODE_UNKNOWN;
	return fail(x, ev, w->orphan, done);
}

/* Successful end: check the indicated size and the block CRC. */
static bool
finish_ok(struct sdo_xfer *x, const struct co_event *ev,
	  struct co_event *done)
{
	if (x->mode == XFER_BLOCK && x->crc_c && x->crc_s) {
		x->crc_ok = x->crc == x->crc_rx;
		if (!x->crc_ok)
			return fail(x, ev, "CRC mismatch", done);
	}
	if (x->size_ind && x->got != x->size)
		return fail(x, ev, "size mismatch", done);
	return xfer_end(x, ev, ev->ts_ns, XFER_OK, NULL, done);
}

static bool
mux_differs(const struct sdo_xfer *x, const struct co_ev_sdo *s)
{
	return s->has_mux && (s->index != x->index || s->sub != x->sub);
}

/* The same initiate request sent again while its answer is pending is a
 * retry, not a new transfer. */
static bool
is_retry(struct sdo_xfer *x, const struct co_event *ev, uint8_t state)
{
	if (x->state != state || x->pending_fn != ev->u.sdo.fn ||
	    mux_differs(x, &ev->u.sdo))
		return false;
	x->last_ns = ev->ts_ns;
	return true;
}

/*
 * An initiate request starts a new transfer.  One still running is
 * reported as broken (its data is not shown: the buffer is reused).
 */
static bool
begin(struct sdo_xfer *x, const struct co_event *ev, uint8_t dir,
      uint8_t mode, uint8_t state, struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;
	bool rc = false;

	if (x->state != SDO_IDLE) {
		/* a block sub-block cut short: its segments count as done */
		if (x->state == SDO_BLK_DL_SUB || x->state == SDO_BLK_UL_SUB)
			x->got += (uint32_t)x->seq * SDO_SEG_DATA;
		if (x->size_ind && x->got > x->size)
			x->got = x->size;
		snprintf(x->why, sizeof(x->why), "interrupted by a new "
			 "%s %04X:%02X", fn_why[s->fn].name, s->index, s->sub);
		rc = fail(x, ev, x->why, done);
		done->u.xfer.data = NULL;
	}
	x->orphan = false;
	sdo_xfer_reset(x);
	x->state = state;
	x->dir = dir;
	x->mode = mode;
	x->pending_fn = s->fn;
	x->has_mux = true;
	x->index = s->index;
	x->sub = s->sub;
	x->start_ns = ev->ts_ns;
	x->last_ns = ev->ts_ns;
	return rc;
}

/* Expedited data: 4 - n bytes when the size is indicated, else 4. */
static void
take_expedited(struct sdo_xfer *x, const struct co_ev_sdo *s)
{
	uint32_t n = s->s ? (uint32_t)(EXP_MAX - (s->n & 3)) : EXP_MAX;

	if (n > s->len)
		n = s->len;
	x->size_ind = s->s;
	x->size = n;
	commit(x, s->data, n);
}

/* Segment data: 7 - n bytes. */
static void
take_segment(struct sdo_xfer *x, const struct co_ev_sdo *s)
{
	uint32_t n = SDO_SEG_DATA - (s->n & 7);

	if (n > s->len)
		n = s->len;
	commit(x, s->data, n);
}

static bool
init_dl_req(struct sdo_xfer *x, const struct co_event *ev,
	    struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;
	bool rc;

	if (is_retry(x, ev, SDO_DL_INIT))
		return false;
	rc = begin(x, ev, SDO_C2S, s->e ? XFER_EXPEDITED : XFER_SEGMENTED,
		   SDO_DL_INIT, done);
	if (s->e) {
		take_expedited(x, s);
	} else {
		x->size_ind = s->s;
		x->size = s->size;
	}
	return rc;
}

static bool
init_dl_rsp(struct sdo_xfer *x, const struct co_event *ev,
	    struct co_event *done)
{
	if (x->state != SDO_DL_INIT)
		return unexpected(x, ev, done);
	if (mux_differs(x, &ev->u.sdo))
		return fail(x, ev, "multiplexer mismatch", done);
	if (x->mode == XFER_EXPEDITED)
		return finish_ok(x, ev, done);
	x->state = SDO_DL_SEG;
	x->toggle = 0;
	return false;
}

static bool
dl_seg_req(struct sdo_xfer *x, const struct co_event *ev,
	   struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (x->state == SDO_DL_SEG_RSP && s->toggle == x->toggle)
		return false;           /* the same segment again: a retry */
	if (x->state == SDO_DL_SEG_RSP)
		return fail(x, ev, "lost segment response", done);
	if (x->state != SDO_DL_SEG)
		return unexpected(x, ev, done);
	if (s->toggle != x->toggle)
		return fail(x, ev, "toggle error", done);
	take_segment(x, s);
	x->last = s->last;
	x->state = SDO_DL_SEG_RSP;
	return false;
}

static bool
dl_seg_rsp(struct sdo_xfer *x, const struct co_event *ev,
	   struct co_event *done)
{
	if (x->state == SDO_DL_SEG && ev->u.sdo.toggle == x->toggle)
		return fail(x, ev, "lost segment", done);
	if (x->state != SDO_DL_SEG_RSP)
		return unexpected(x, ev, done);
	if (ev->u.sdo.toggle != x->toggle)
		return fail(x, ev, "toggle error", done);
	x->toggle ^= 1;
	if (x->last)
		return finish_ok(x, ev, done);
	x->state = SDO_DL_SEG;
	return false;
}

static bool
init_ul_req(struct sdo_xfer *x, const struct co_event *ev,
	    struct co_event *done)
{
	if (is_retry(x, ev, SDO_UL_INIT))
		return false;
	return begin(x, ev, SDO_S2C, XFER_MODE_UNKNOWN, SDO_UL_INIT, done);
}

/* Also the answer to a block upload initiate when the server falls back
 * to a normal upload (size <= pst, CiA 301 protocol switch). */
static bool
init_ul_rsp(struct sdo_xfer *x, const struct co_event *ev,
	    struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (x->state != SDO_UL_INIT && x->state != SDO_BLK_UL_INIT)
		return unexpected(x, ev, done);
	if (mux_differs(x, s))
		return fail(x, ev, "multiplexer mismatch", done);
	x->fallback = x->state == SDO_BLK_UL_INIT;
	if (s->e) {
		x->mode = XFER_EXPEDITED;
		take_expedited(x, s);
		return finish_ok(x, ev, done);
	}
	x->mode = XFER_SEGMENTED;
	x->size_ind = s->s;
	x->size = s->size;
	x->state = SDO_UL_SEG;
	x->toggle = 0;
	return false;
}

static bool
ul_seg_req(struct sdo_xfer *x, const struct co_event *ev,
	   struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (x->state == SDO_UL_SEG_RSP && s->toggle == x->toggle)
		return false;           /* request repeated: a retry */
	if (x->state == SDO_UL_SEG_RSP)
		return fail(x, ev, "lost segment", done);
	if (x->state != SDO_UL_SEG)
		return unexpected(x, ev, done);
	if (s->toggle != x->toggle)
		return fail(x, ev, "toggle error", done);
	x->state = SDO_UL_SEG_RSP;
	return false;
}

static bool
ul_seg_rsp(struct sdo_xfer *x, const struct co_event *ev,
	   struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (x->state == SDO_UL_SEG && s->toggle == x->toggle)
		return fail(x, ev, "lost segment request", done);
	if (x->state != SDO_UL_SEG_RSP)
		return unexpected(x, ev, done);
	if (s->toggle != x->toggle)
		return fail(x, ev, "toggle error", done);
	take_segment(x, s);
	x->toggle ^= 1;
	if (s->last)
		return finish_ok(x, ev, done);
	x->state = SDO_UL_SEG;
	return false;
}

static bool
abort_xfer(struct sdo_xfer *x, const struct co_event *ev,
	   struct co_event *done)
{
	if (x->state == SDO_IDLE)
		return false;   /* the abort frame's own line says it all */
	xfer_end(x, ev, ev->ts_ns, XFER_ABORTED, NULL, done);
	done->u.xfer.abort_code = ev->u.sdo.abort_code;
	return true;
}

static bool
unknown_cmd(struct sdo_xfer *x, const struct co_event *ev,
	    struct co_event *done)
{
	if (x->state == SDO_IDLE)
		return false;
	return fail(x, ev, fn_why[SDO_FN_UNKNOWN].unexpected, done);
}

/* ---- block transfer ---- */

/* Start a sub-block of blksize segments (1..127). */
static bool
sub_begin(struct sdo_xfer *x, uint8_t blksize)
{
	if (blksize == 0 || blksize > SDO_BLK_SEGS)
		return false;
	x->blksize = blksize;
	x->seq = 0;
	x->cseen = false;
	x->cseq = 0;
	return true;
}

static bool
blk_dl_init_req(struct sdo_xfer *x, const struct co_event *ev,
		struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;
	bool rc;

	if (is_retry(x, ev, SDO_BLK_DL_INIT))
		return false;
	rc = begin(x, ev, SDO_C2S, XFER_BLOCK, SDO_BLK_DL_INIT, done);
	x->crc_c = s->crc;
	x->size_ind = s->s;
	x->size = s->size;
	return rc;
}

static bool
blk_dl_init_rsp(struct sdo_xfer *x, const struct co_event *ev,
		struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (x->state != SDO_BLK_DL_INIT)
		return unexpected(x, ev, done);
	if (mux_differs(x, s))
		return fail(x, ev, "multiplexer mismatch", done);
	x->crc_s = s->crc;
	if (!sub_begin(x, s->blksize))
		return fail(x, ev, "bad block size", done);
	x->state = SDO_BLK_DL_SUB;
	return false;
}

/* An abort frame read as a segment (c = 1, seqno 0): index, sub and the
 * abort code are in data[0..6]. */
static bool
blk_seg_abort(struct sdo_xfer *x, const struct co_event *ev,
	      struct co_event *done)
{
	const uint8_t *d = ev->u.sdo.data;

	xfer_end(x, ev, ev->ts_ns, XFER_ABORTED, NULL, done);
	done->u.xfer.abort_code = (uint32_t)d[3] | (uint32_t)d[4] << 8 |
				  (uint32_t)d[5] << 16 | (uint32_t)d[6] << 24;
	return true;
}

/*
 * A segment of a sub-block.  Only the next in-order sequence number is
 * taken; a duplicate or a segment after a gap is ignored, as the receiver
 * ignores it: its ack then says where the sender must restart.
 */
static bool
blk_seg(struct sdo_xfer *x, const struct co_event *ev,
	struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;
	uint8_t want = ev->u.sdo.dir == SDO_C2S ? SDO_BLK_DL_SUB
						: SDO_BLK_UL_SUB;
	uint8_t *dst;

	if (x->state != want)
		return unexpected(x, ev, done);
	if (s->seqno == 0 && s->last)   /* 0x80: the sender aborts */
		return blk_seg_abort(x, ev, done);
	if (s->seqno == 1 && x->seq == x->blksize && x->seq > 1)
		return fail(x, ev, "lost block ack", done);
	if (x->cseen || s->seqno != x->seq + 1 || s->seqno > x->blksize)
		return false;
	dst = x->blk + (size_t)(s->seqno - 1) * SDO_SEG_DATA;
	memset(dst, 0, SDO_SEG_DATA);
	memcpy(dst, s->data, s->len < SDO_SEG_DATA ? s->len : SDO_SEG_DATA);
	x->seq = s->seqno;
	if (s->last) {
		x->cseen = true;
		x->cseq = s->seqno;
	}
	return false;
}

/*
 * The receiver's ack: ackseq segments of this sub-block arrived.  Commit
 * them; the sender restarts with the data after ackseq in a new sub-block
 * of the new blksize.  Once the c segment is acked, its 7 bytes wait in
 * tail[] for n from the end frame.
 */
static bool
blk_ack(struct sdo_xfer *x, const struct co_event *ev,
	struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;
	uint8_t want = s->dir == SDO_S2C ? SDO_BLK_DL_SUB : SDO_BLK_UL_SUB;

	if (x->state != want)
		return unexpected(x, ev, done);
	if (s->ackseq > x->seq)
		return fail(x, ev, "lost segment", done);
	if (x->cseen && s->ackseq >= x->cseq) {
		commit(x, x->blk, (uint32_t)(x->cseq - 1) * SDO_SEG_DATA);
		memcpy(x->tail, x->blk + (size_t)(x->cseq - 1) * SDO_SEG_DATA,
		       SDO_SEG_DATA);
		x->tail_len = SDO_SEG_DATA;
		x->state = want == SDO_BLK_DL_SUB ? SDO_BLK_DL_END
						 : SDO_BLK_UL_END;
		return false;
	}
	x->retrans += (uint32_t)(x->seq - s->ackseq);
	commit(x, x->blk, (uint32_t)s->ackseq * SDO_SEG_DATA);
	if (!sub_begin(x, s->blksize))
		return fail(x, ev, "bad block size", done);
	return false;
}

/* A transfer of 0 bytes still sends one segment, all 7 bytes unused. */
static bool
blk_empty(const struct sdo_xfer *x)
{
	return x->size_ind ? x->size == 0 : x->got == 0;
}

/* End request: n bytes of the last segment carry no data; CRC follows. */
static bool
blk_end_req(struct sdo_xfer *x, const struct co_event *ev,
	    struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;
	uint8_t want = s->dir == SDO_C2S ? SDO_BLK_DL_END : SDO_BLK_UL_END;

	if (x->state != want)
		return unexpected(x, ev, done);
	if (s->n > BLK_N_MAX && !(s->n == BLK_N_EMPTY && blk_empty(x)))
		return fail(x, ev, "bad n in block end", done);
	commit(x, x->tail, (uint32_t)(x->tail_len - s->n));
	x->crc_rx = s->crc_val;
	x->state = want == SDO_BLK_DL_END ? SDO_BLK_DL_END_RSP
					  : SDO_BLK_UL_END_RSP;
	return false;
}

static bool
blk_end_rsp(struct sdo_xfer *x, const struct co_event *ev,
	    struct co_event *done)
{
	uint8_t want = ev->u.sdo.dir == SDO_S2C ? SDO_BLK_DL_END_RSP
						: SDO_BLK_UL_END_RSP;

	if (x->state != want)
		return unexpected(x, ev, done);
	return finish_ok(x, ev, done);
}

static bool
blk_ul_init_req(struct sdo_xfer *x, const struct co_event *ev,
		struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;
	bool rc;

	if (is_retry(x, ev, SDO_BLK_UL_INIT))
		return false;
	rc = begin(x, ev, SDO_S2C, XFER_BLOCK, SDO_BLK_UL_INIT, done);
	x->crc_c = s->crc;
	x->blksize = s->blksize;
	return rc;
}

static bool
blk_ul_init_rsp(struct sdo_xfer *x, const struct co_event *ev,
		struct co_event *done)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (x->state != SDO_BLK_UL_INIT)
		return unexpected(x, ev, done);
	if (mux_differs(x, s))
		return fail(x, ev, "multiplexer mismatch", done);
	x->crc_s = s->crc;
	x->size_ind = s->s;
	x->size = s->size;
	x->state = SDO_BLK_UL_START;
	return false;
}

static bool
blk_ul_start(struct sdo_xfer *x, const struct co_event *ev,
	     struct co_event *done)
{
	if (x->state != SDO_BLK_UL_START)
		return unexpected(x, ev, done);
	if (!sub_begin(x, x->blksize))
		return fail(x, ev, "bad block size", done);
	x->state = SDO_BLK_UL_SUB;
	return false;
}

static const step_fn steps[] = {
	[SDO_FN_UNKNOWN] = unknown_cmd,
	[SDO_FN_INIT_DL_REQ] = init_dl_req,
	[SDO_FN_INIT_DL_RSP] = init_dl_rsp,
	[SDO_FN_DL_SEG_REQ] = dl_seg_req,
	[SDO_FN_DL_SEG_RSP] = dl_seg_rsp,
	[SDO_FN_INIT_UL_REQ] = init_ul_req,
	[SDO_FN_INIT_UL_RSP] = init_ul_rsp,
	[SDO_FN_UL_SEG_REQ] = ul_seg_req,
	[SDO_FN_UL_SEG_RSP] = ul_seg_rsp,
	[SDO_FN_ABORT] = abort_xfer,
	[SDO_FN_BLK_DL_INIT_REQ] = blk_dl_init_req,
	[SDO_FN_BLK_DL_INIT_RSP] = blk_dl_init_rsp,
	[SDO_FN_BLK_DL_SEG] = blk_seg,
	[SDO_FN_BLK_DL_ACK] = blk_ack,
	[SDO_FN_BLK_DL_END_REQ] = blk_end_req,
	[SDO_FN_BLK_DL_END_RSP] = blk_end_rsp,
	[SDO_FN_BLK_UL_INIT_REQ] = blk_ul_init_req,
	[SDO_FN_BLK_UL_INIT_RSP] = blk_ul_init_rsp,
	[SDO_FN_BLK_UL_START] = blk_ul_start,
	[SDO_FN_BLK_UL_SEG] = blk_seg,
	[SDO_FN_BLK_UL_ACK] = blk_ack,
	[SDO_FN_BLK_UL_END_REQ] = blk_end_req,
	[SDO_FN_BLK_UL_END_RSP] = blk_end_rsp,
};

static bool
fn_is_segment(uint8_t fn)
{
	return fn == SDO_FN_DL_SEG_REQ || fn == SDO_FN_DL_SEG_RSP ||
	       fn == SDO_FN_UL_SEG_REQ || fn == SDO_FN_UL_SEG_RSP;
}

/*
 * A segment frame (or its answer) with the same bytes as the one before
 * it in the same direction: sent again (a retry, or a device sending
 * twice).  Toggles alternate, so it cannot be the next one; it is
 * counted and otherwise ignored.  (Same toggle, other data: a toggle
 * error, left to the handlers.)
 */
static bool
is_repeat(struct sdo_xfer *x, const struct co_ev_sdo *s)
{
	uint8_t d = s->dir == SDO_C2S ? 0 : 1;
	uint8_t b[SDO_SEG_DATA + 1];

	if (!fn_is_segment(s->fn) || x->state == SDO_IDLE)
		return false;
	memset(b, 0, sizeof(b));
	b[0] = s->cmd;
	memcpy(b + 1, s->data, s->len < SDO_SEG_DATA ? s->len : SDO_SEG_DATA);
	if (x->prev_fn[d] == s->fn && memcmp(x->prev[d], b, sizeof(b)) == 0) {
		x->repeats++;
		return true;
	}
	x->prev_fn[d] = s->fn;
	memcpy(x->prev[d], b, sizeof(b));
	return false;
}

bool
sdo_xfer_step(struct sdo_xfer *x, const struct co_event *ev,
	      struct co_event *done)
{
	uint8_t fn = ev->u.sdo.fn;

	if (fn >= sizeof(steps) / sizeof(steps[0]) || steps[fn] == NULL)
		fn = SDO_FN_UNKNOWN;
	if (x->state != SDO_IDLE)
		x->last_ns = ev->ts_ns;
	if (is_repeat(x, &ev->u.sdo))
		return false;
	if (fn == SDO_FN_UNKNOWN)
		return unknown_cmd(x, ev, done);
	return steps[fn](x, ev, done);
}

bool
sdo_xfer_expire(struct sdo_xfer *x, uint64_t now_ns, uint64_t timeout_ns,
		struct co_event *done)
{
	if (x->state == SDO_IDLE || now_ns < x->last_ns + timeout_ns)
		return false;
	return xfer_end(x, NULL, x->last_ns + timeout_ns, XFER_FAILED,
			"timeout", done);
}

bool
sdo_xfer_finish(struct sdo_xfer *x, uint64_t now_ns, struct co_event *done)
{
	if (x->state == SDO_IDLE)
		return false;
	return xfer_end(x, NULL, now_ns, XFER_FAILED,
			"incomplete at end of input", done);
}

/* A client byte that can start a transfer, reserved bits 0 (CiA 301
 * 7.2.4.3): initiate download 001x-nnes (x = 0), initiate upload 0x40,
 * block upload initiate 101cc-00 (0xA0, 0xA4), block download initiate
 * 110cc-s0 (0xC0..0xC6). */
static bool
is_client_request(uint8_t cmd)
{
	if ((cmd & 0xF0u) == 0x20u)
		return true;
	if (cmd == 0x40u || cmd == 0xA0u || cmd == 0xA4u)
		return true;
	return (cmd & 0xF9u) == 0xC0u;
}

/* A request whose reserved bytes are all 0 (CiA 301 7.2.4.3): initiate
 * upload, block upload initiate (blksize 1..127), block download initiate
 * without size, initiate download without size or data.  Other requests
 * have no reserved bytes that could tell them from segment data. */
static bool
is_clear_request(const uint8_t *d, size_t len)
{
	uint8_t cmd = d[0];

	if (len < 8)
		return false;
	if (cmd == 0xA0u || cmd == 0xA4u)
		return d[4] >= 1 && d[4] <= SDO_BLK_SEGS && d[6] == 0 &&
		       d[7] == 0;
	if (cmd != 0x40u && cmd != 0xC0u && cmd != 0xC4u && cmd != 0x20u)
		return false;
	return (d[4] | d[5] | d[6] | d[7]) == 0;
}

bool
sdo_xfer_in_block(const struct sdo_xfer *x, uint8_t dir, const uint8_t *d,
		  size_t len, uint64_t ts_ns)
{
	uint8_t cmd = d[0];
	uint8_t seqno = cmd & 0x7Fu;

	if (x->cseen)
		return false;
	if (dir == SDO_S2C)
		return x->state == SDO_BLK_UL_SUB;
	if (x->state != SDO_BLK_DL_SUB)
		return false;
	/* the client sends its segments in order: a byte that reads as a
	 * request and is not the next sequence number is that request (a
	 * sub-block starting again at 1 after a lost ack stays a segment),
	 * unless it skips ahead right after the previous segment */
	if (seqno == x->seq + 1 || !is_client_request(cmd))
		return true;
	return seqno > x->seq && seqno <= x->blksize &&
	       ts_ns >= x->last_ns && ts_ns - x->last_ns < SDO_BLK_SKIP_NS &&
	       !is_clear_request(d, len);
}
