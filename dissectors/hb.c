/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hb.c - CiA 301 7.2.8.3.2 NMT error control (0x700 + node-ID): boot-up,
 * heartbeat and node-guarding response (the RTR request is in dissect.c) */
#include "config.h"

#include "co_tables.h"
#include "dissectors.h"

#define HB_TOGGLE 0x80u   /* guarding response toggle; reserved (0) in HB */
#define HB_STATE 0x7Fu

/*
 * Byte | Meaning
 * 0    | bit 7: toggle (guarding) / reserved 0 (heartbeat);
 *      | bits 0-6: NMT state (0 boot-up, 4 stopped, 5 operational,
 *      | 127 pre-operational)
 *
 * 0x00 is always a boot-up.  Otherwise the frame is a guarding response
 * when the model says a guarding RTR is waiting for an answer; without a
 * model (guard_pending NULL) when the toggle bit is set, since a heartbeat
 * never sets it.  A heartbeat with bit 7 set (model: nothing pending) is
 * marked invalid, as is an unknown state.
 */
static bool
hb_is_guard_rsp(const struct co_ctx *ctx, uint8_t node, uint8_t b)
{
	if (ctx == NULL || ctx->guard_pending == NULL)
		return (b & HB_TOGGLE) != 0;
	return ctx->guard_pending(ctx->net, node);
}

static void
hb_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	uint8_t b = rd_u8(rd);

	ev_have(ev, rd, CO_HAS_CMD);
	ev->u.hb.toggle = (b & HB_TOGGLE) != 0;
	ev->u.hb.state = b & HB_STATE;
	if (rd_short(rd))
		return;
	if (b == NMT_ST_BOOTUP) {
		ev->kind = CO_EV_BOOTUP;
		return;
	}
	if (hb_is_guard_rsp(ctx, ev->node, b)) {
		ev->kind = CO_EV_GUARD_RSP;
	} else if (ev->u.hb.toggle) {
		ev->status = CO_INVALID;
		ev->why = "reserved bit 7 set in heartbeat";
		return;
	}
	if (ev->u.hb.state == NMT_ST_BOOTUP) {
		ev->status = CO_INVALID;
		ev->why = "boot-up state in guarding response";
	} else if (tok_str(co_nmt_states, ev->u.hb.state, NULL) == NULL) {
		ev->status = CO_INVALID;
		ev->why = "unknown NMT state";
	}
}

const struct co_dissector hb_dissector = {
	.name = "hb",
	.kind = CO_EV_HEARTBEAT,
	.min_len = 1,
	.max_len = 1,
	.decode = hb_decode,
};
