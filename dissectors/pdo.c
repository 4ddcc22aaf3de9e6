/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pdo.c - CiA 301 7.2.2 PDO: TPDO1-4 / RPDO1-4 of the predefined set */
#include "config.h"

#include "co_ids.h"
#include "dissectors.h"
#include "od_pdo.h"

/*
 * Byte | Meaning
 * 0..  | mapped application objects, 0..8 bytes (CAN FD: up to 64)
 *
 * Function codes 3,5,7,9 are TPDO1-4 (node transmits), 4,6,8,10 RPDO1-4.
 * The payload stays in ev->frame; decoding it needs the mapping in force
 * (EDS / learned SDO writes): dissect.c presets num, rx and u.pdo.map
 * for a configured COB-ID; the values are decoded here (ctx->pdo_vals)
 * and the length is checked against the mapping.
 * Remote frames are routed here by dissect.c as PDO requests (u.pdo.rtr).
 */
static const char *
why_len(unsigned have, unsigned need)
{
	return have < need ? "shorter than its mapping"
			   : "longer than its mapping";
}

/* The values of a mapped payload, once, for every printer and view. */
static void
pdo_values(const struct co_ctx *ctx, const struct co_rd *rd,
	   struct co_event *ev)
{
	if (ctx == NULL || ctx->pdo_vals == NULL || ev->u.pdo.rtr)
		return;
	pdomap_decode(ev->u.pdo.map, rd->p, rd->len, ctx->pdo_vals);
	ev->u.pdo.vals = ctx->pdo_vals;
}

static void
pdo_dissect(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	const struct pdo_map *m = ev->u.pdo.map;
	unsigned fc = co_fc(ev->cob_id), need;

	ev->u.pdo.rtr = co_frame_is_rtr(ev->frame);
	if (m == NULL) {        /* predefined connection set, no mapping */
		rd_skip(rd, rd_left(rd));
		ev->u.pdo.num = (uint16_t)((fc - 1) / 2);
		ev->u.pdo.rx = fc % 2 == 0;
		return;
	}
	if (m->nentries == 0) {
		/* an empty mapping (sub 0 = 0) disables the PDO; a
		 * frame on it means the mapping in force is not known */
		ev->u.pdo.map = NULL;
		rd_skip(rd, rd_left(rd));
		return;
	}
	pdo_values(ctx, rd, ev);
	rd_skip(rd, rd_left(rd));
	need = (m->total_bits + 7u) / 8u;
	if (ev->u.pdo.rtr) {
		if (ev->u.pdo.rx) {
			ev->status = CO_INVALID;
			ev->why = "RTR on an RPDO";
		} else if (!m->rtr) {
			ev->status = CO_INVALID;
			ev->why = "RTR not allowed (COB-ID bit 30)";
		}
	} else if (ev->frame->len != need) {
		ev->status = CO_INVALID;
		ev->why = why_len(ev->frame->len, need);
	}
}

const struct co_dissector pdo_dissector = {
	.name = "pdo",
	.kind = CO_EV_PDO,
	.min_len = 0,
	.max_len = 0,
	.decode = pdo_dissect,
};
