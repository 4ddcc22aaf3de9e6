/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo_xfer.h - CiA 301 7.2.4.3 SDO transfer reassembly: expedited,
 * segmented and block transfers of one SDO channel, both directions */
#ifndef COSNIFF_SDO_XFER_H
#define COSNIFF_SDO_XFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "co_ids.h"
#include "event.h"

/*
 * Data kept per transfer.  Larger transfers still complete and have their
 * size and CRC checked, but only the first SDO_XFER_MAX bytes are kept
 * (co_ev_xfer.got > SDO_XFER_MAX says so).  One struct sdo_xfer per node
 * and channel: 128 x ~5 KiB, and only touched pages cost memory.
 */
#define SDO_XFER_MAX 4096
#define SDO_BLK_SEGS 127          /* segments per sub-block, at most */

/* The wire bytes the state expects next (c = client, s = server). */
enum sdo_state {
	SDO_IDLE,
	SDO_DL_INIT,       /* c: 001-nnes sent; expect s: 0x60 */
	SDO_DL_SEG,        /* expect c: 000tnnnc */
	SDO_DL_SEG_RSP,    /* expect s: 001t0000 */
	SDO_UL_INIT,       /* c: 0x40 sent; expect s: 010-nnes */
	SDO_UL_SEG,        /* expect c: 011t0000 */
	SDO_UL_SEG_RSP,    /* expect s: 000tnnnc */
	SDO_BLK_DL_INIT,   /* c: 110--cs0 sent; expect s: 101--c00 */
	SDO_BLK_DL_SUB,    /* c: cnnnnnnn segments; s: 101--010 ack */
	SDO_BLK_DL_END,    /* expect c: 110nnn01 + CRC */
	SDO_BLK_DL_END_RSP,/* expect s: 101--001 */
	SDO_BLK_UL_INIT,   /* c: 101--c00 sent; expect s: 110--cs0 or a
			    * normal 010-nnes answer (pst fallback) */
	SDO_BLK_UL_START,  /* expect c: 101--011 */
	SDO_BLK_UL_SUB,    /* s: cnnnnnnn segments; c: 101--010 ack */
	SDO_BLK_UL_END,    /* expect s: 110nnn01 + CRC */
	SDO_BLK_UL_END_RSP,/* expect c: 101--001 */
};

struct sdo_xfer {
	uint8_t state;          /* enum sdo_state */
	uint8_t dir;            /* SDO_C2S download, SDO_S2C upload */
	uint8_t mode;           /* enum xfer_mode */
	uint8_t chan;
	uint16_t index;
	uint8_t sub;
	uint8_t toggle;         /* toggle expected in the next segment */
	bool size_ind;          /* size indicated by the initiate */
	bool last;              /* segmented: c bit seen */
	bool crc_c, crc_s;      /* block: client / server support CRC */
	bool orphan;            /* failure reported; quiet until initiate */
	bool has_mux;           /* index/sub known */
	bool cseen;             /* block: c bit seen in this sub-block */
	int8_t crc_ok;          /* -1 not checked, 0 mismatch, 1 verified */
	uint8_t blksize;        /* block: segments in this sub-block */
	uint8_t seq;            /* block: last in-order seqno received */
	uint8_t cseq;           /* block: seqno of the c segment */
	uint8_t pending_fn;     /* last request (repeat detection) */
	uint8_t tail_len;       /* block: bytes of the last segment */
	uint16_t crc;           /* CRC-16-CCITT over the data so far */
	uint16_t crc_rx;        /* CRC from the end frame */
	uint32_t size;          /* indicated size (size_ind) */
	uint32_t got;           /* data bytes confirmed so far */
	uint32_t retrans;       /* block: segments sent again */
	uint16_t repeats;       /* segments (or answers) sent twice */
	bool fallback;          /* block upload answered as a normal one */
	uint8_t prev_fn[2];     /* last segment frame each way (by dir) */
	uint8_t prev[2][SDO_SEG_DATA + 1];   /* its bytes */
	uint64_t start_ns;
	uint64_t last_ns;       /* last frame of this transfer */
	uint8_t tail[SDO_SEG_DATA];
	uint8_t blk[SDO_BLK_SEGS * SDO_SEG_DATA];   /* sub-block staging */
	uint8_t buf[SDO_XFER_MAX];
	char why[80];           /* failure text naming a new transfer */
};

/* Put x in the idle state (channel number kept). */
void sdo_xfer_reset(struct sdo_xfer *x);

/*
 * Feed one decoded SDO frame (ev->kind == CO_EV_SDO) of this channel.
 * Returns true and fills *done (a CO_EV_SDO_XFER event whose data points
 * into x) when a transfer finished, was aborted or broke; the transfer is
 * then reset.  At most one event per frame.
 */
bool sdo_xfer_step(struct sdo_xfer *x, const struct co_event *ev,
		   struct co_event *done);

/*
 * Expire a transfer idle for longer than timeout_ns at time now_ns.
 * Returns true and fills *done (reason "timeout", ts = last frame +
 * timeout, frame NULL) when it did.
 */
bool sdo_xfer_expire(struct sdo_xfer *x, uint64_t now_ns,
		     uint64_t timeout_ns, struct co_event *done);

/* End of input: a transfer still in progress is reported as failed
 * ("incomplete at end of input") with time now_ns. */
bool sdo_xfer_finish(struct sdo_xfer *x, uint64_t now_ns,
		     struct co_event *done);

/* A client's segments follow each other closely: one that skips ahead
 * of the next sequence number within this time of the previous frame
 * comes after segments lost on the way (a bus or capture drop). */
#define SDO_BLK_SKIP_NS (100 * NS_PER_MS)

/* True while a block sub-block is being sent in direction dir and the
 * frame at ts_ns with SDO bytes d[0..len-1] (d[0] the command byte) can
 * continue it.  A client sends its segments in order: a command byte
 * that reads as an initiate request and whose sequence number is not the
 * next one is that new request (CiA 301 7.2.4.3.9), unless it skips
 * ahead within the sub-block, within SDO_BLK_SKIP_NS of the previous
 * frame, and is no request whose reserved bytes are 0: then it is a
 * segment after lost ones, which the server ignores as the tracker does
 * (a lost frame must not turn the rest of a sub-block into requests). */
bool sdo_xfer_in_block(const struct sdo_xfer *x, uint8_t dir,
		       const uint8_t *d, size_t len, uint64_t ts_ns);

/* CRC-16-CCITT as SDO block transfer uses it (poly 0x1021, init 0). */
uint16_t sdo_crc16(uint16_t crc, const uint8_t *p, uint32_t n);

#endif
