/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_detail.c - drill-down of one node: NMT state history, heartbeat
 * timing, EMCY history, SDO transfers, PDOs, in one place */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "co_tables.h"
#include "net_view.h"
#include "ui_priv.h"

static int
detail_timing(struct ui *u, int y, struct ui_rect r, const struct co_node *n)
{
	char age[32];

	ui_fmt_age(age, sizeof(age), u->net->now_ns, n->last_ec_ns);
	ui_putf(u, y++, r.x, r.w, 0, "NMT %s  boot-ups %u  error control: "
		"%s, last %s ago, lost %u times%s", net_state_name(n->state),
		n->bootups, n->guarded ? "guarding" : n->ec_seen ?
		"heartbeat" : "none", age, n->timeouts,
		n->timed_out ? "  (LOST now)" : "");
	if (n->hb_n)
		ui_putf(u, y++, r.x, r.w, 0, "heartbeat period: %u ms "
			"configured, measured avg %.1f ms min %.1f max %.1f "
			"(%llu periods); consumer expects %u ms",
			n->hb_cfg.prod_ms, (double)n->hb_sum_ns / n->hb_n / 1e6,
			n->hb_min_ns / 1e6, n->hb_max_ns / 1e6,
			(unsigned long long)n->hb_n, n->hb_cfg.cons_ms);
	return y;
}

static int
detail_states(struct ui *u, int y, struct ui_rect r, unsigned id)
{
	const struct ui_nodeinfo *ni = &u->node[id];
	uint32_t i = ni->nhist > UI_STATE_HIST ? ni->nhist - UI_STATE_HIST : 0;
	char t[24];

	ui_put(u, y++, r.x, r.w, ui_attr_title(u), "State history");
	for (; i < ni->nhist && y < r.y + r.h; i++) {
		const struct ui_state_ch *h = &ni->hist[i % UI_STATE_HIST];

		ui_fmt_time(t, sizeof(t), u, h->ts_ns);
		ui_putf(u, y++, r.x, r.w, 0, "  %10s  %s -> %s", t,
			net_state_name(h->from), net_state_name(h->to));
	}
	return y;
}

static int
detail_emcy(struct ui *u, int y, struct ui_rect r, const struct co_node *n)
{
	unsigned i, c = net_emcy_count(n);
	char t[24];

	ui_putf(u, y++, r.x, r.w, ui_attr_title(u), "EMCY  %u total%s",
		n->emcy_total, n->emcy_active ? ", ACTIVE" : "");
	for (i = c; i-- > 0 && y < r.y + r.h;) {
		const struct net_emcy *e = net_emcy_at(n, i);

		ui_fmt_time(t, sizeof(t), u, e->ts_ns);
		ui_putf(u, y++, r.x, r.w, 0, "  %10s  %04X reg=0x%02X %s", t,
			e->code, e->reg, co_emcy_text(e->code));
	}
	return y;
}

static int
detail_sdo(struct ui *u, int y, struct ui_rect r, unsigned id)
{
	unsigned i, c = net_sdo_recent_count(u->net);
	char t[24];

	ui_put(u, y++, r.x, r.w, ui_attr_title(u), "SDO transfers (recent)");
	for (i = 0; i < c && y < r.y + r.h; i++) {
		const struct net_sdo_info *s = net_sdo_recent(u->net, i);

		if (s->node != id)
			continue;
		ui_fmt_time(t, sizeof(t), u, s->start_ns);
		ui_putf(u, y++, r.x, r.w, 0, "  %10s  %s %04X:%02X %u bytes "
			"%s", t, s->dir == SDO_C2S ? "download" : "upload",
			s->index, s->sub, s->got, s->result == XFER_OK ? "ok" :
			s->result == XFER_ABORTED ? "ABORTED" : "FAILED");
	}
	return y;
}

void
ui_node_detail_draw(struct ui *u, struct ui_rect r)
{
	const struct co_node *n = net_node(u->net, (unsigned)u->detail);
	uint8_t owner;
	unsigned i;
	int y = r.y + 1;

	if (n == NULL)
		return;
	ui_putf(u, r.y, r.x, r.w, A_REVERSE, "Node %d  %s   (Esc: back)",
		u->detail, ui_node_name(u, (unsigned)u->detail));
	y = detail_timing(u, y, r, n);
	y = detail_states(u, y, r, (unsigned)u->detail);
	y = detail_emcy(u, y, r, n);
	y = detail_sdo(u, y, r, (unsigned)u->detail);
	ui_put(u, y++, r.x, r.w, ui_attr_title(u), "PDOs");
	for (i = 0; i < net_pdo_count(u->net) && y < r.y + r.h; i++) {
		const struct pdo_map *m = net_pdo_at(u->net, i, &owner);

		if (owner == u->detail)
			ui_putf(u, y++, r.x, r.w, 0, "  %cPDO%u  COB-ID %03X%s"
				"  %u entries, %u bits  trans %u",
				m->tx ? 'T' : 'R', m->num, m->can_id,
				m->valid ? "" : " (invalid)", m->nentries,
				m->total_bits, m->trans_type);
	}
}
