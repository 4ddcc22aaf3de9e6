/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sim_sdo.h - CiA 301 SDO server of the simulator: expedited, segmented
 * and block transfers both ways, a pure state machine over a dictionary
 * reached through callbacks */
#ifndef COSNIFF_SIM_SDO_H
#define COSNIFF_SIM_SDO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd_build.h"
#include "frame.h"

/* The dictionary as the server sees it.  Each returns 0 or an SDO abort
 * code (SDO_AB_*). */
struct sdo_srv_ops {
	/* Copy the value of index:sub into *p (malloc'ed, the server frees
	 * it) and its length into *n. */
	uint32_t (*read)(void *ctx, uint16_t index, uint8_t sub,
			 uint8_t **p, size_t *n);
	/* May n bytes be written (n = SIZE_MAX: size not known yet)? */
	uint32_t (*can_write)(void *ctx, uint16_t index, uint8_t sub,
			      size_t n);
	uint32_t (*write)(void *ctx, uint16_t index, uint8_t sub,
			  const uint8_t *p, size_t n);
};

#define SDO_SRV_MAX_BYTES (1u << 20)   /* largest download accepted */

struct sdo_srv {
	uint32_t cob_rx;        /* client -> server, 0x600 + node */
	uint32_t cob_tx;        /* server -> client, 0x580 + node */
	uint32_t timeout_ms;    /* between frames of a transfer */
	uint8_t blksize;        /* offered for block downloads (1..127) */
	bool no_block;          /* decline block transfers (abort 05040001) */
	const struct sdo_srv_ops *ops;
	void *ctx;
	int state;              /* private: enum in sdo_server.c */
	uint16_t index;
	uint8_t sub;
	uint8_t *buf;
	size_t len, pos, blk_start;
	bool toggle, size_known, crc, last_seen;
	uint32_t size;
	uint8_t cblk, seq, nseg; /* block: size in use, last good seq, count */
	uint64_t deadline_us;
	struct cmd_outq out;
};

/* Set up; cob_rx/cob_tx, ops and ctx must be set by the caller after. */
void sdo_srv_init(struct sdo_srv *s);
/* A frame on the bus; frames not on cob_rx are ignored.  Answers are
 * queued (sdo_srv_pop). */
void sdo_srv_rx(struct sdo_srv *s, const struct co_frame *f,
		uint64_t now_us);
/* A transfer idle past timeout_ms is aborted (0x05040000). */
void sdo_srv_tick(struct sdo_srv *s, uint64_t now_us);
bool sdo_srv_pop(struct sdo_srv *s, struct co_frame *f);
/* true while a transfer is running (the deadline matters). */
bool sdo_srv_busy(const struct sdo_srv *s);
void sdo_srv_free(struct sdo_srv *s);

#endif
