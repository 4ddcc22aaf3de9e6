/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_nodes.c - the node table (NMT state, heartbeat age against its
 * timeout, boot-ups, EMCY, SDO counts, PDO rate) and the drill-down of
 * one node; the per-node history the view keeps from events */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "co_objs.h"
#include "co_tables.h"
#include "obuf.h"
#include "od_value.h"
#include "eds.h"
#include "net_od.h"
#include "net_view.h"
#include "ui_priv.h"

/* Units the specifications fix for an object: CiA 301 times, and CiA
 * 402 electrical values on a node that says it is a drive (1000h). */
const char *
ui_unit(const struct ui *u, unsigned node, uint16_t index)
{
	static const struct { uint16_t index; const char *unit; } u301[] = {
		{ 0x1006, "us" }, { 0x1007, "us" }, { 0x100C, "ms" },
		{ 0x1017, "ms" }, { 0, NULL },
	}, u402[] = {
		{ 0x6075, "mA" }, { 0x6076, "mNm" }, { 0x6079, "mV" },
		{ 0, NULL },
	};
	const struct net_od *od = u->net->od;
	unsigned i;

	for (i = 0; u301[i].unit; i++)
		if (u301[i].index == index)
			return u301[i].unit;
	if (od == NULL || node >= NET_NODES || !od->cfg[node].has_devtype ||
	    (od->cfg[node].devtype & 0xFFFF) != CO_PROFILE_402)
		return NULL;
	for (i = 0; u402[i].unit; i++)
		if (u402[i].index == index)
			return u402[i].unit;
	return NULL;
}

/* Keep what a finished transfer read or wrote: the drill-down's
 * "objects seen", one slot per node and object. */
static void
obj_seen(struct ui *u, const struct co_event *ev)
{
	static struct obuf ob;
	const struct co_ev_xfer *x = &ev->u.xfer;
	uint32_t key = (uint32_t)ev->node << 24 | (uint32_t)x->index << 8 |
		       x->sub, i;
	struct ui_objseen *o = NULL;
	size_t n = x->got;

	for (i = 0; i < UI_OBJ_SLOTS; i++) {
		o = &u->obj[(key + i * 7) % UI_OBJ_SLOTS];
		if (!o->used || (o->node == ev->node && o->index == x->index &&
				 o->sub == x->sub))
			break;
	}
	if (i == UI_OBJ_SLOTS)
		return;
	o->used = true;
	o->node = ev->node;
	o->index = x->index;
	o->sub = x->sub;
	o->dir = x->dir;
	o->ts_ns = ev->ts_ns;
	o->count++;
	o->name = x->obj.name;
	ob_reset(&ob);
	if ((x->obj.flags & CO_OBJ_HEX) && n && n <= 8 &&
	    od_type_class(x->obj.dtype) == OD_TC_UINT &&
	    n * 8 == od_type_bits(x->obj.dtype)) {
		uint64_t v = 0;

		for (i = (uint32_t)n; i-- > 0;)
			v = v << 8 | x->data[i];
		ob_str(&ob, "0x");
		ob_hexn(&ob, v, (int)(2 * n));
	} else if (od_type_class(x->obj.dtype) != OD_TC_UNKNOWN) {
		od_fmt_text(&ob, x->obj.dtype, x->data, n);
	} else {
		if (n > 16)
			n = 16;
		ob_hexbytes_lc(&ob, x->data, n);
		if (x->got > n)
			ob_str(&ob, "...");
	}
	snprintf(o->value, sizeof(o->value), "%.*s", (int)ob.len, ob.b);
}

/* NMT state changes, names read on the bus (1008h uploads), objects
 * read or written. */
void
ui_node_event(struct ui *u, const struct co_event *ev)
{
	struct ui_nodeinfo *ni;
	const struct co_ev_xfer *x = &ev->u.xfer;
	size_t n;

	if (ev->node == 0 || ev->node >= NET_NODES)
		return;
	ni = &u->node[ev->node];
	if (ev->kind == CO_EV_SDO_XFER && x->result == XFER_OK &&
	    x->has_mux && x->data)
		obj_seen(u, ev);
	if (ev->kind == CO_EV_NODE_STATE) {
		struct ui_state_ch *h = &ni->hist[ni->nhist++ % UI_STATE_HIST];

		h->ts_ns = ev->ts_ns;
		h->from = ev->u.nodeev.old_state;
		h->to = ev->u.nodeev.new_state;
	} else if (ev->kind == CO_EV_SDO_XFER && x->result == XFER_OK &&
		   x->dir == SDO_S2C && x->has_mux && x->index == 0x1008 &&
		   x->data && x->got) {
		n = x->got < sizeof(ni->name) - 1 ? x->got :
		    sizeof(ni->name) - 1;
		memcpy(ni->name, x->data, n);
		ni->name[n] = '\0';
	}
}

const char *
ui_node_name(const struct ui *u, unsigned id)
{
	const struct net_od *od = u->net->od;

	if (u->node[id].name[0])
		return u->node[id].name;
	if (od && od->od[id] && od->od[id]->info.product_name)
		return od->od[id]->info.product_name;
	return "";
}

/* Why a node is expected: --expect, a DCF for it, or another node's
 * 1016h consuming its heartbeat; NULL when nothing expects it. */
const char *
ui_node_expected(const struct ui *u, unsigned id, char *b, size_t n)
{
	const struct co_node *nd = net_node(u->net, id);
	const struct net_od *od = u->net->od;
	unsigned c, k;

	if (nd == NULL)
		return NULL;
	if (nd->expected)
		return "--expect";
	if (od && od->od[id] && od->od[id]->dcf)
		return "DCF";
	if (nd->hb_cfg.cons_ms == 0 || od == NULL)
		return NULL;
	for (c = 1; c < NET_NODES; c++)
		for (k = 0; k < 127; k++) {
			uint32_t e = od->cfg[c].hb_cons[k];

			if ((e >> 16 & 0xFF) == id && (e & 0xFFFF)) {
				snprintf(b, n, "1016h of node %u", c);
				return b;
			}
		}
	return "1016h";
}

/* Nodes seen, and those expected but never seen (read from the model
 * and the dictionaries; the model's node list is not touched). */
int
ui_nodes_list(const struct ui *u, uint8_t *ids, int max)
{
	const struct net_od *od = u->net->od;
	unsigned id;
	int n = 0;

	for (id = 1; id < NET_NODES && n < max; id++) {
		const struct co_node *nd = net_node(u->net, id);

		if (net_node_shown(nd) || nd->hb_cfg.cons_ms ||
		    (od && od->od[id] && od->od[id]->dcf))
			ids[n++] = (uint8_t)id;
	}
	return n;
}

static const char *
short_state(uint8_t st)
{
	switch (st) {
	case NMT_ST_OPERATIONAL: return "OPER";
	case NMT_ST_PREOP: return "PRE-OP";
	case NMT_ST_STOPPED: return "STOP";
	case NMT_ST_BOOTUP: return "BOOT";
	default: return "-";
	}
}

/* OK, LATE (past the period), LOST (timed out), NEVER (expected). */
static const char *
ec_state(const struct ui *u, const struct co_node *n, int *attr)
{
	uint64_t per = n->hb_cfg.prod_ms ? n->hb_cfg.prod_ms :
		       n->hb_n ? n->hb_sum_ns / n->hb_n / 1000000u : 0;

	*attr = 0;
	if (!n->seen) {
		*attr = ui_attr_bad(u);
		return "NEVER";
	}
	if (n->timed_out) {
		*attr = ui_attr_bad(u);
		return "LOST";
	}
	if (!n->ec_seen)
		return "-";
	if (per && u->net->now_ns > n->last_ec_ns +
				     per * 3 / 2 * 1000000u) {
		*attr = ui_attr_warn(u);
		return "late";
	}
	*attr = ui_attr_ok(u);
	return "ok";
}

static double
pdo_rate(const struct ui *u, unsigned id)
{
	static const uint16_t base[] = { 0x180, 0x280, 0x380, 0x480 };
	const struct stats_cob *c;
	double r = 0;
	unsigned i;

	for (i = 0; i < 4; i++) {
		c = &u->stats.sff[base[i] + id];
		if (c->frames > 1 && c->last_ns > c->first_ns)
			r += (double)(c->frames - 1) * 1e9 /
			     (double)(c->last_ns - c->first_ns);
	}
	return r;
}

/* Column widths of name and EMCY text for a pane w wide (the fixed
 * columns take 55). */
static int
name_w(int w)
{
	return w >= 110 ? 24 : w >= 87 ? 18 : 14;
}

static int
emcy_w(int w)
{
	return w >= 110 ? 30 : w >= 87 ? 16 : 11;
}

static void
hb_text(const struct co_node *n, char *hb, size_t sz)
{
	if (n->hb_cfg.prod_ms)
		snprintf(hb, sz, "%ums", n->hb_cfg.prod_ms);
	else if (n->guarded)
		snprintf(hb, sz, "guard");
	else if (n->hb_n)
		snprintf(hb, sz, "~%llums", (unsigned long long)
			 (n->hb_sum_ns / n->hb_n / 1000000u));
	else
		snprintf(hb, sz, "-");
}

/* A node something expects that never sent a frame. */
static void
never_row(struct ui *u, int y, struct ui_rect r, unsigned id, bool sel)
{
	const struct co_node *n = net_node(u->net, id);
	int nw = name_w(r.w);
	char hb[32], why[32];
	const char *by = ui_node_expected(u, id, why, sizeof(why));

	hb_text(n, hb, sizeof(hb));
	ui_putf(u, y, r.x, r.w, sel ? A_REVERSE : 0, "%3u %-*.*s %-6s %-6s "
		"%6s %-5s %5s %s%s%s", id, nw, nw, ui_node_name(u, id), "-",
		hb, "-", "", "-", r.w >= 100 ? "expected (" : "never seen, ",
		by ? by : "?", r.w >= 100 ? "), never seen" : "");
	ui_put(u, y, r.x + nw + 26, 5, ui_attr_bad(u) |
	       (sel ? (int)A_REVERSE : 0), "NEVER");
}

static void
node_row(struct ui *u, int y, struct ui_rect r, unsigned id, bool sel)
{
	const struct co_node *n = net_node(u->net, id);
	const struct ui_base *b = &u->base;
	char age[32], hb[32], emcy[48], sdo[40];
	const char *ec;
	int attr, x = r.x, nw = name_w(r.w), ew = emcy_w(r.w);
	uint32_t boots = n->bootups - b->bootups[id];

	if (!n->seen) {
		never_row(u, y, r, id, sel);
		return;
	}
	ec = ec_state(u, n, &attr);
	ui_fmt_age(age, sizeof(age), u->net->now_ns, n->last_ec_ns);
	hb_text(n, hb, sizeof(hb));
	if (n->emcy_active)
		snprintf(emcy, sizeof(emcy), "%04X %s", n->emcy_code,
			 co_emcy_text(n->emcy_code));
	else
		snprintf(emcy, sizeof(emcy), "-");
	snprintf(sdo, sizeof(sdo), "%u/%u/%u", n->sdo_ok - b->sdo_ok[id],
		 n->sdo_failed - b->sdo_failed[id],
		 n->sdo_aborted - b->sdo_aborted[id]);
	ui_putf(u, y, x, r.w, sel ? A_REVERSE : 0,
		"%3u %-*.*s %-6s %-6s %6s %-5s %4u%s %-*.*s %9s %5.0f",
		id, nw, nw, ui_node_name(u, id), short_state(n->state), hb,
		age, "", boots, boots > 1 ? "!" : " ", ew, ew, emcy,
		sdo, pdo_rate(u, id));
	ui_put(u, y, x + nw + 26, 5, sel ? (int)A_REVERSE | attr : attr, ec);
}

void
ui_nodes_draw(struct ui *u, struct ui_rect r)
{
	uint8_t ids[NET_NODES];
	int n = ui_nodes_list(u, ids, NET_NODES), i, first = 0;
	int *sel = &u->sel[UI_NODES];

	if (*sel >= n)
		*sel = n ? n - 1 : 0;
	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "Nodes  %d  (Enter: "
		"details)", n);
	ui_putf(u, r.y + 1, r.x, r.w, A_UNDERLINE, " ID %-*s NMT    HB        "
		"age state Boot  %-*s SDO o/f/a PDO/s", name_w(r.w), "Name",
		emcy_w(r.w), "EMCY");
	if (*sel >= r.h - 2)
		first = *sel - (r.h - 3);
	for (i = first; i < n && 2 + i - first < r.h; i++)
		node_row(u, r.y + 2 + i - first, r, ids[i], i == *sel);
	if (n == 0)
		ui_put(u, r.y + 2, r.x, r.w, 0, "  (no node seen yet)");
}
