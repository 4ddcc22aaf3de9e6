/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdo_ev.h - test helper: the SDO event the real dissector makes from 8
 * bytes (CiA 301 7.2.4.3), so model tests read like traces.  The block
 * sub-block state the model would report is given per frame. */
#ifndef COSNIFF_TEST_SDO_EV_H
#define COSNIFF_TEST_SDO_EV_H

#include <stdio.h>
#include <string.h>

#include "dissect.h"
#include "event.h"
#include "../../src/od/hexdig.h"

/* The model's answer to "is this channel inside a sub-block?", as the
 * test states it for the frame at hand. */
static bool sdo_ev_in_block;

static bool
sdo_ev_block_query(const struct co_net *net, uint8_t node, uint8_t chan,
		   uint8_t dir, const uint8_t *d, size_t len, uint64_t ts_ns)
{
	(void)d;
	(void)len;
	(void)ts_ns;
	(void)net;
	(void)node;
	(void)chan;
	(void)dir;
	return sdo_ev_in_block;
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
	struct co_ctx ctx = { .sdo_in_block = sdo_ev_block_query };

	memset(f, 0, sizeof(*f));
	f->ts_ns = ts_ns;
	f->id = (dir == 'c' ? 0x600u : 0x580u) + node;
	f->len = 8;
	memcpy(f->data, b, 8);
	sdo_ev_in_block = in_block != 0;
	dissect_frame(&ctx, f, ev);
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
		    (uint8_t)(co_hexdig(hex[2 * i]) << 4 | co_hexdig(hex[2 * i + 1]));
	sdo_ev_bytes(ev, f, node, dir, b, ts_ns, in_block);
}

#endif
