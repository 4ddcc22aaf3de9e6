/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sync.c - CiA 301 7.2.5 SYNC (COB-ID 0x080), with optional counter */
#include "config.h"

#include "dissectors.h"

#define SYNC_COUNTER_MAX 240

/*
 * Byte | Meaning
 * -    | no data (synchronous counter overflow value 0x1019 = 0)
 * 0    | counter 1..240 (0x1019 = 2..240)
 */
static void
sync_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	(void)ctx;
	if (rd_left(rd) == 0)
		return;
	ev->u.sync.has_counter = true;
	ev->u.sync.counter = rd_u8(rd);
	if (ev->u.sync.counter == 0 ||
	    ev->u.sync.counter > SYNC_COUNTER_MAX) {
		ev->status = CO_INVALID;
		ev->why = "counter not in 1..240";
	}
}

const struct co_dissector sync_dissector = {
	.name = "sync",
	.kind = CO_EV_SYNC,
	.min_len = 0,
	.max_len = 1,
	.decode = sync_decode,
};
