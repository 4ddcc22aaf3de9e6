/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_nodes.c - the node table (NMT state, heartbeat age against its
 * timeout, boot-ups, EMCY, SDO counts, PDO rate) and the drill-down of
 * one node; the per-node history the view keeps from events */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "co_tables.h"
#include "eds.h"
#include "net_od.h"
#include "net_view.h"
#include "ui_priv.h"

/* NMT state changes and names read on the bus (1008h uploads). */
void
ui_node_event(struct ui *u, const struct co_event *ev)
{
	struct ui_nodeinfo *ni;
	const struct co_ev_xfer *x = &ev->u.xfer;
	size_t n;

	if (ev->node == 0 || ev->node >= NET_NODES)
		return;
	ni = &u->node[ev->node];
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

int
ui_nodes_list(const struct ui *u, uint8_t *ids, int max)
{
	unsigned id;
	int n = 0;

	for (id = 1; id < NET_NODES && n < max; id++)
		if (net_node_shown(net_node(u->net, id)))
			ids[n++] = (uint8_t)id;
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

/* Column widths of name and EMCY text for a pane w wide. */
static int
name_w(int w)
{
	return w >= 110 ? 24 : w >= 87 ? 18 : 14;
}

static int
emcy_w(int w)
{
	return w >= 110 ? 30 : w >= 87 ? 16 : 12;
}

static void
node_row(struct ui *u, int y, struct ui_rect r, unsigned id, bool sel)
{
	const struct co_node *n = net_node(u->net, id);
	char age[32], hb[32], emcy[48];
	const char *ec;
	int attr, x = r.x, nw = name_w(r.w), ew = emcy_w(r.w);

	ec = ec_state(u, n, &attr);
	ui_fmt_age(age, sizeof(age), u->net->now_ns, n->last_ec_ns);
	if (n->hb_cfg.prod_ms)
		snprintf(hb, sizeof(hb), "%ums", n->hb_cfg.prod_ms);
	else if (n->guarded)
		snprintf(hb, sizeof(hb), "guard");
	else if (n->hb_n)
		snprintf(hb, sizeof(hb), "~%llums", (unsigned long long)
			 (n->hb_sum_ns / n->hb_n / 1000000u));
	else
		snprintf(hb, sizeof(hb), "-");
	if (n->emcy_active)
		snprintf(emcy, sizeof(emcy), "%04X %s", n->emcy_code,
			 co_emcy_text(n->emcy_code));
	else
		snprintf(emcy, sizeof(emcy), "-");
	ui_putf(u, y, x, r.w, sel ? A_REVERSE : 0,
		"%3u %-*.*s %-6s %-6s %6s %-5s %4u%s %-*.*s %3u/%u/%u %5.0f",
		id, nw, nw, ui_node_name(u, id), short_state(n->state), hb,
		age, "", n->bootups, n->bootups > 1 ? "!" : " ", ew, ew, emcy,
		n->sdo_ok, n->sdo_failed, n->sdo_aborted, pdo_rate(u, id));
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
		"age state Boot  %-*s SDO ok/f/a PDO/s", name_w(r.w), "Name",
		emcy_w(r.w), "EMCY");
	if (*sel >= r.h - 2)
		first = *sel - (r.h - 3);
	for (i = first; i < n && 2 + i - first < r.h; i++)
		node_row(u, r.y + 2 + i - first, r, ids[i], i == *sel);
	if (n == 0)
		ui_put(u, r.y + 2, r.x, r.w, 0, "  (no node seen yet)");
}
