/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nmt.c - CiA 301 7.2.8.3.1 NMT module control (COB-ID 0x000) */
#include "config.h"

#include "co_tables.h"
#include "dissectors.h"

/*
 * Byte | Meaning
 * 0    | command specifier (start 01, stop 02, pre-op 80, reset 81/82)
 * 1    | target node-ID, 0 = all nodes
 *
 * ev->node is the target, so "node=5" finds commands sent to node 5.
 */
static void
nmt_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	(void)ctx;
	ev->u.nmt.cs = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_CMD);
	ev->u.nmt.target = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_TARGET);
	ev->node = ev->u.nmt.target;
	if (tok_str(co_nmt_cmds, ev->u.nmt.cs, NULL) == NULL) {
		ev->status = CO_INVALID;
		ev->why = "unknown command";
	} else if (ev->u.nmt.target > 127) {
		ev->status = CO_INVALID;
		ev->why = "node-id > 127";
	}
}

const struct co_dissector nmt_dissector = {
	.name = "nmt",
	.kind = CO_EV_NMT,
	.min_len = 2,
	.max_len = 2,
	.decode = nmt_decode,
};
