/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dissect.c - frame-level rules: error frames to the CAN layer, RTR frames
 * to guarding / PDO requests, everything else through the CANopen routing
 * table (CiA 301 predefined connection set, CiA 305 LSS) */
#include "config.h"
#include "dissect.h"

#include <stddef.h>
#include <string.h>

#include "co_ids.h"
#include "co_tables.h"
#include "dissectors.h"


/*
 * Function code (id >> 7) -> dissector, for node-ID 0 and 1..127.
 * A route with only a node entry decodes node-ID 0 with that dissector and
 * marks the frame invalid ("node-id 0"): CiA 301 node-IDs are 1..127, but
 * the contents are still worth showing (Wireshark does the same, labelled
 * "Unknown").  PDO COB-IDs are freely assignable, so 0x180 etc. are PDOs.
 * 0x001-0x07F and 0x101-0x17F are reserved by CiA 301 and stay unknown.
 */
static const struct fc_route {
	const struct co_dissector *bcast;   /* node-ID 0 */
	const struct co_dissector *node;    /* node-ID 1..127 */
} fc_table[16] = {
	[0x0] = { &nmt_dissector, NULL },
	[0x1] = { &sync_dissector, &emcy_dissector },
	[0x2] = { &time_dissector, NULL },
	[0x3] = { &pdo_dissector, &pdo_dissector },   /* TPDO1 0x180 */
	[0x4] = { &pdo_dissector, &pdo_dissector },   /* RPDO1 0x200 */
	[0x5] = { &pdo_dissector, &pdo_dissector },   /* TPDO2 0x280 */
	[0x6] = { &pdo_dissector, &pdo_dissector },   /* RPDO2 0x300 */
	[0x7] = { &pdo_dissector, &pdo_dissector },   /* TPDO3 0x380 */
	[0x8] = { &pdo_dissector, &pdo_dissector },   /* RPDO3 0x400 */
	[0x9] = { &pdo_dissector, &pdo_dissector },   /* TPDO4 0x480 */
	[0xA] = { &pdo_dissector, &pdo_dissector },   /* RPDO4 0x500 */
	[0xB] = { NULL, &sdo_dissector },             /* 0x580 server->client */
	[0xC] = { NULL, &sdo_dissector },             /* 0x600 client->server */
	[0xE] = { NULL, &hb_dissector },              /* 0x700 NMT error ctl */
};

/* Single COB-IDs checked before fc_table (CiA 305 LSS in the 0x780 area). */
static const struct id_route {
	uint32_t id;
	const struct co_dissector *d;
} id_table[] = {
	{ COB_LSS_SLAVE, &lss_dissector },
	{ COB_LSS_MASTER, &lss_dissector },
};

static void
ev_init(struct co_event *ev, const struct co_frame *f)
{
	/* a copy, not memset: gcc turns a 112-byte memset into rep stos,
	 * whose start-up cost showed as a tenth of a statistics-only run */
	static const struct co_event zero;

	*ev = zero;
	ev->frame = f;
	ev->ts_ns = f->ts_ns;
	ev->cob_id = f->id;
}

static void
ev_mark(struct co_event *ev, enum co_status st, const char *why)
{
	ev->status = st;
	ev->why = why;
}

static const struct co_dissector *
route(uint32_t id, bool *node0)
{
	const struct fc_route *r = &fc_table[id >> CO_FC_SHIFT];
	size_t i;

	*node0 = false;
	for (i = 0; i < sizeof(id_table) / sizeof(id_table[0]); i++)
		if (id_table[i].id == id)
			return id_table[i].d;
	if ((id & CO_NODE_MASK) != 0)
		return r->node;
	if (r->bcast == NULL && r->node != NULL)
		*node0 = true;
	return r->bcast ? r->bcast : r->node;
}

/* RTR on 0x700+n: node guarding; on a TPDO COB-ID: PDO request. */
static void
dissect_rtr(const struct co_frame *f, struct co_event *ev)
{
	unsigned fc = f->id >> CO_FC_SHIFT;
	struct co_rd rd;

	ev->node = f->id & CO_NODE_MASK;
	if (fc == CO_FC_NMT_EC) {
		ev->kind = CO_EV_GUARD_REQ;
		ev->u.guard_req.len = f->len;
		if (ev->node == 0)
			ev_mark(ev, CO_INVALID, "node-id 0");
		return;
	}
	if (co_fc_is_tpdo(fc)) {
		ev->kind = CO_EV_PDO;
		rd_init(&rd, f->data, 0);
		pdo_dissector.decode(NULL, &rd, ev);
		return;
	}
	ev->kind = CO_EV_UNKNOWN;
	ev->node = 0;
}

/* What a configured COB-ID route decodes with (dissect.h co_route). */
static const struct co_dissector *const rt_dissectors[] = {
	[CO_RT_PDO] = &pdo_dissector,
	[CO_RT_SYNC] = &sync_dissector,
	[CO_RT_TIME] = &time_dissector,
	[CO_RT_EMCY] = &emcy_dissector,
	[CO_RT_SDO] = &sdo_dissector,
};

static void
dissect_len(const struct co_dissector *d, const struct co_frame *f,
	    const struct co_rd *rd, struct co_event *ev)
{
	if (f->len < d->min_len)
		ev_mark(ev, CO_SHORT, co_why_dlc(f->len, d->min_len));
	else if (rd_short(rd))
		ev_mark(ev, CO_SHORT, "truncated");
	else if (ev->status == CO_OK && d->max_len && f->len > d->max_len)
		ev_mark(ev, CO_INVALID, co_why_dlc(f->len, d->max_len));
}

/* Name and type of the object an SDO frame addresses. */
static void
sdo_obj(const struct co_ctx *ctx, struct co_event *ev)
{
	struct co_ev_sdo *s = &ev->u.sdo;

	if (ev->kind == CO_EV_SDO && s->has_mux && ctx != NULL &&
	    ctx->obj_info != NULL)
		ctx->obj_info(ctx->net, ev->node, s->index, s->sub, &s->obj);
}

/*
 * A COB-ID the configuration gives a meaning (EDS/DCF, learned SDO
 * writes): PDOs at any COB-ID with their mapping, SYNC/TIME/EMCY moved,
 * extra SDO channels.  The dissector gets node, channel and PDO preset.
 */
static bool
dissect_cfg(const struct co_ctx *ctx, const struct co_frame *f,
	    struct co_event *ev)
{
	const struct co_dissector *d;
	struct co_route r;
	struct co_rd rd;
	bool rtr = co_frame_is_rtr(f);

	if (ctx == NULL || ctx->route == NULL ||
	    !ctx->route(ctx->net, f->id, co_frame_is_eff(f), &r) ||
	    r.kind >= sizeof(rt_dissectors) / sizeof(rt_dissectors[0]) ||
	    rt_dissectors[r.kind] == NULL || (rtr && r.kind != CO_RT_PDO))
		return false;
	d = rt_dissectors[r.kind];
	ev->kind = d->kind;
	ev->node = r.node;
	if (r.kind == CO_RT_PDO) {
		ev->u.pdo.num = r.num;
		ev->u.pdo.rx = r.rx;
		ev->u.pdo.map = r.map;
	} else if (r.kind == CO_RT_SDO) {
		ev->u.sdo.chan = r.chan;
		ev->u.sdo.dir = r.dir;
	}
	rd_init(&rd, f->data, rtr ? 0 : f->len);
	d->decode(ctx, &rd, ev);
	if (!rtr)
		dissect_len(d, f, &rd, ev);
	sdo_obj(ctx, ev);
	return true;
}

void
dissect_frame(const struct co_ctx *ctx, const struct co_frame *f,
	      struct co_event *ev)
{
	const struct co_dissector *d;
	struct co_rd rd;
	bool node0;

	ev_init(ev, f);
	if (co_frame_is_err(f)) {
		ev->kind = CO_EV_ERROR_FRAME;
		canerr_parse(f, &ev->u.err);
		if (f->len != CO_CAN_MAX_DLEN)
			ev_mark(ev, CO_SHORT, "error frame dlc != 8");
		return;
	}
	ev->kind = CO_EV_UNKNOWN;
	if (dissect_cfg(ctx, f, ev))
		return;
	if (co_frame_is_eff(f) || f->id > CO_SFF_MASK)
		return;
	if (co_frame_is_rtr(f)) {
		dissect_rtr(f, ev);
		return;
	}
	d = route(f->id, &node0);
	if (d == NULL)
		return;
	ev->kind = d->kind;
	ev->node = f->id & CO_NODE_MASK;
	rd_init(&rd, f->data, f->len);
	d->decode(ctx, &rd, ev);
	dissect_len(d, f, &rd, ev);
	if (node0 && ev->status == CO_OK)
		ev_mark(ev, CO_INVALID, "node-id 0");
	sdo_obj(ctx, ev);
}
