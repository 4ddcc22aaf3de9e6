/* SPDX-License-Identifier: GPL-2.0-or-later */
/* emcy.c - CiA 301 7.2.7 EMCY write (COB-ID 0x080 + node-ID) */
#include "config.h"

#include "dissectors.h"

/*
 * Byte | Meaning
 * 0-1  | emergency error code (CiA 301 table 26, profiles)
 * 2    | error register (object 0x1001)
 * 3-7  | manufacturer-specific error field
 *
 * Code and register names are looked up by the printers (co_tables.h).
 */
static void
emcy_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	(void)ctx;
	ev->u.emcy.code = rd_le16(rd);
	ev_have(ev, rd, CO_HAS_CODE);
	ev->u.emcy.reg = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_REG);
	rd_bytes(rd, ev->u.emcy.msef, sizeof(ev->u.emcy.msef));
	ev_have(ev, rd, CO_HAS_MSEF);
}

const struct co_dissector emcy_dissector = {
	.name = "emcy",
	.kind = CO_EV_EMCY,
	.min_len = 8,
	.max_len = 8,
	.decode = emcy_decode,
};
