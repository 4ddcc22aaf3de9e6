/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pdo.c - CiA 301 7.2.2 PDO: TPDO1-4 / RPDO1-4 of the predefined set */
#include "config.h"

#include "dissectors.h"

#define FC_SHIFT 7   /* fc = COB-ID >> 7; TPDOn: 2n+1, RPDOn: 2n+2 */

/*
 * Byte | Meaning
 * 0..  | mapped application objects, 0..8 bytes (CAN FD: up to 64)
 *
 * Function codes 3,5,7,9 are TPDO1-4 (node transmits), 4,6,8,10 RPDO1-4.
 * The payload stays in ev->frame; decoding it needs the mapping in force
 * (EDS / learned SDO writes), which u.pdo.map will point to (NULL here).
 * Remote frames are routed here by dissect.c as PDO requests (u.pdo.rtr).
 */
static void
pdo_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	unsigned fc = ev->cob_id >> FC_SHIFT;

	(void)ctx;
	ev->u.pdo.num = (uint8_t)((fc - 1) / 2);
	ev->u.pdo.rx = fc % 2 == 0;
	ev->u.pdo.rtr = co_frame_is_rtr(ev->frame);
	ev->u.pdo.map = NULL;
	rd_skip(rd, rd_left(rd));
}

const struct co_dissector pdo_dissector = {
	.name = "pdo",
	.kind = CO_EV_PDO,
	.min_len = 0,
	.max_len = 0,
	.decode = pdo_decode,
};
