/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_detail.c - drill-down of one node: NMT state history, heartbeat
 * timing, EMCY history, SDO transfers, PDOs with their signals and the
 * objects seen over SDO, in one place (two columns when wide) */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "co_tables.h"
#include "net_view.h"
#include "ui_priv.h"

#define DETAIL_WIDE 120          /* two columns from this width on */

#define DETAIL_ROWS_MAX 2000     /* rows of one column, scrolled through */

/* A column being filled: its next row is c->y (from 0, before
 * scrolling); rows top.. are drawn from screen row y0 to end. */
struct dcol {
	struct ui *u;
	int x, w, y, y0, end, top;
};

static bool
room(const struct dcol *c)
{
	return c->y < DETAIL_ROWS_MAX;
}

static void __attribute__((format(printf, 3, 4)))
line(struct dcol *c, int attr, const char *fmt, ...)
{
	char b[512];
	va_list ap;
	int row;

	if (!room(c))
		return;
	row = c->y0 + c->y++ - c->top;
	if (row < c->y0 || row >= c->end)
		return;
	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	ui_put(c->u, row, c->x, c->w, attr, b);
}

static const char *
ms_or_dash(char *b, size_t n, unsigned ms)
{
	if (ms == 0)
		return "-";
	snprintf(b, n, "%u ms", ms);
	return b;
}

static void
detail_timing(struct dcol *c, unsigned id, const struct co_node *n)
{
	struct ui *u = c->u;
	char age[32], prod[16], cons[16];

	ui_fmt_age(age, sizeof(age), u->net->now_ns, n->last_ec_ns);
	line(c, 0, "NMT %s  boot-ups %u  %s, last %s ago, lost %u times%s",
	     net_state_name(n->state), n->bootups - u->base.bootups[id],
	     n->guarded ? "guarding" : n->ec_seen ? "heartbeat" :
	     "no error control", age, n->timeouts,
	     n->timed_out ? "  LOST now" : "");
	if (n->hb_n)
		line(c, 0, "period: 1017h %s, measured %.1f ms (%.1f..%.1f, "
		     "%llu); 1016h %s", ms_or_dash(prod, sizeof(prod),
						   n->hb_cfg.prod_ms),
		     (double)n->hb_sum_ns / n->hb_n / 1e6, n->hb_min_ns / 1e6,
		     n->hb_max_ns / 1e6, (unsigned long long)n->hb_n,
		     ms_or_dash(cons, sizeof(cons), n->hb_cfg.cons_ms));
}

static void
detail_states(struct dcol *c, unsigned id, int cap)
{
	struct ui *u = c->u;
	const struct ui_nodeinfo *ni = &u->node[id];
	uint32_t n = ni->nhist < UI_STATE_HIST ? ni->nhist : UI_STATE_HIST;
	uint32_t i = ni->nhist - (n < (uint32_t)cap ? n : (uint32_t)cap);
	char t[24];

	line(c, ui_attr_title(u), "State history  %u change%s", ni->nhist,
	     ni->nhist == 1 ? "" : "s");
	for (; i < ni->nhist && room(c); i++) {
		const struct ui_state_ch *h = &ni->hist[i % UI_STATE_HIST];

		ui_fmt_time(t, sizeof(t), u, h->ts_ns);
		line(c, 0, "  %10s  %s -> %s", t, net_state_name(h->from),
		     net_state_name(h->to));
	}
}

static void
detail_emcy(struct dcol *c, unsigned id, const struct co_node *n, int cap)
{
	struct ui *u = c->u;
	unsigned i, k = net_emcy_count(n);
	char t[24];

	line(c, ui_attr_title(u), "EMCY  %u total%s",
	     n->emcy_total - u->base.emcy[id],
	     n->emcy_active ? ", ACTIVE" : "");
	for (i = k; i-- > 0 && cap-- > 0 && room(c);) {
		const struct net_emcy *e = net_emcy_at(n, i);

		ui_fmt_time(t, sizeof(t), u, e->ts_ns);
		line(c, n->emcy_active && i == k - 1 ? ui_attr_bad(u) : 0,
		     "  %10s  %04X reg=0x%02X %s", t, e->code, e->reg,
		     co_emcy_text(e->code));
	}
}

static void
detail_sdo(struct dcol *c, unsigned id, int cap)
{
	struct ui *u = c->u;
	unsigned i, k = net_sdo_recent_count(u->net);
	char t[24];

	line(c, ui_attr_title(u), "SDO transfers (recent)  ok %u failed %u "
	     "aborted %u", net_node(u->net, id)->sdo_ok - u->base.sdo_ok[id],
	     net_node(u->net, id)->sdo_failed - u->base.sdo_failed[id],
	     net_node(u->net, id)->sdo_aborted - u->base.sdo_aborted[id]);
	for (i = 0; i < k && cap > 0 && room(c); i++) {
		const struct net_sdo_info *s = net_sdo_recent(u->net, i);

		if (s->node != id)
			continue;
		cap--;
		ui_fmt_time(t, sizeof(t), u, s->start_ns);
		line(c, s->result == XFER_OK ? 0 : ui_attr_bad(u),
		     "  %10s  %-8s %04X:%02X %u bytes %s", t,
		     s->dir == SDO_C2S ? "download" : "upload", s->index,
		     s->sub, s->got, s->result == XFER_OK ? "ok" :
		     s->result == XFER_ABORTED ? "ABORTED" : "FAILED");
	}
}

static const struct ui_pdoval *
pdo_slot(const struct ui *u, uint32_t cob)
{
	unsigned i;

	for (i = 0; i < UI_PDO_SLOTS; i++) {
		const struct ui_pdoval *p = &u->pdo[(cob + i) % UI_PDO_SLOTS];

		if (!p->used)
			return NULL;
		if (p->cob == cob)
			return p;
	}
	return NULL;
}

/* Each PDO of the node, with its signals' last values when sigs. */
static void
detail_pdos(struct dcol *c, unsigned id, bool sigs)
{
	struct ui *u = c->u;
	uint8_t owner;
	unsigned i;
	int k;
	char v[48];

	line(c, ui_attr_title(u), "PDOs");
	for (i = 0; i < net_pdo_count(u->net) && room(c); i++) {
		const struct pdo_map *m = net_pdo_at(u->net, i, &owner);
		const struct ui_pdoval *p;

		if (owner != id)
			continue;
		p = pdo_slot(u, m->can_id);
		line(c, 0, "  %cPDO%u  COB-ID %03X%s  %u entries, %u bits  "
		     "trans %u  %llu frames", m->tx ? 'T' : 'R', m->num,
		     m->can_id, m->valid ? "" : " (invalid)", m->nentries,
		     m->total_bits, m->trans_type,
		     (unsigned long long)(p ? p->count : 0));
		for (k = 0; sigs && p && k < p->nsig && room(c); k++) {
			const struct ui_sig *s = &p->sig[k];
			const char *unit = ui_unit(u, id, s->e.index);

			ui_sig_text(v, sizeof(v), s);
			line(c, 0, "      %04X:%02X %-28.28s %s%s%s",
			     s->e.index, s->e.sub, s->e.name, v,
			     unit ? " " : "", unit ? unit : "");
		}
	}
}

static int
cmp_obj(const void *a, const void *b)
{
	const struct ui_objseen *x = *(const struct ui_objseen *const *)a;
	const struct ui_objseen *y = *(const struct ui_objseen *const *)b;
	uint32_t kx = (uint32_t)x->index << 8 | x->sub;
	uint32_t ky = (uint32_t)y->index << 8 | y->sub;

	return (kx > ky) - (kx < ky);
}

/* Objects read or written over SDO, by index. */
static void
detail_objs(struct dcol *c, unsigned id)
{
	static const struct ui_objseen *v[UI_OBJ_SLOTS];
	struct ui *u = c->u;
	size_t n = 0, i;
	char t[24];

	for (i = 0; i < UI_OBJ_SLOTS; i++)
		if (u->obj[i].used && u->obj[i].node == id)
			v[n++] = &u->obj[i];
	qsort(v, n, sizeof(v[0]), cmp_obj);
	line(c, ui_attr_title(u), "Objects seen (SDO)  %zu", n);
	for (i = 0; i < n && room(c); i++) {
		const struct ui_objseen *o = v[i];
		const char *unit = ui_unit(u, id, o->index);

		ui_fmt_time(t, sizeof(t), u, o->ts_ns);
		line(c, 0, "  %04X:%02X %-24.24s %-5s %9s  %s%s%s", o->index,
		     o->sub, o->name ? o->name : co_od_name(o->index),
		     o->dir == SDO_C2S ? "wrote" : "read", t, o->value,
		     unit ? " " : "", unit ? unit : "");
	}
}

/* The title row; where the drill-down scrolls, which rows it shows. */
static void
detail_title(struct ui *u, struct ui_rect r, unsigned id,
	     const struct co_node *n)
{
	char why[32], rows[64] = "";
	const char *by = ui_node_expected(u, id, why, sizeof(why));

	if (u->detail_rows > u->detail_h)
		snprintf(rows, sizeof(rows), "  rows %d-%d of %d (j/k PgUp "
			 "PgDn)", u->detail_top + 1,
			 u->detail_top + u->detail_h, u->detail_rows);
	ui_putf(u, r.y, r.x, r.w, A_REVERSE, "Node %u  %s   (Esc: back)%s%s%s"
		"%s", id, ui_node_name(u, id), n->seen ? "" : "  NEVER seen",
		!n->seen && by ? ", expected: " : "", !n->seen && by ? by : "",
		rows);
}

/* Both columns scroll together; the lists are whole (up to their
 * keeping), one below the other when narrow. */
void
ui_node_detail_draw(struct ui *u, struct ui_rect r)
{
	unsigned id = (unsigned)u->detail;
	const struct co_node *n = net_node(u->net, id);
	bool wide = r.w >= DETAIL_WIDE;
	struct dcol a = { u, r.x, wide ? r.w / 2 - 1 : r.w, 0, r.y + 1,
			  r.y + r.h, u->detail_top };
	struct dcol b = { u, r.x + r.w / 2 + 1, r.w - r.w / 2 - 1, 0,
			  r.y + 1, r.y + r.h, u->detail_top };

	if (n == NULL)
		return;
	detail_timing(&a, id, n);
	detail_states(&a, id, UI_STATE_HIST);
	detail_emcy(&a, id, n, NET_EMCY_HIST);
	detail_sdo(&a, id, NET_SDO_RECENT);
	if (!wide)
		b = a;
	detail_pdos(&b, id, true);
	detail_objs(&b, id);
	u->detail_h = r.h - 1;
	u->detail_rows = a.y > b.y ? a.y : b.y;
	if (u->detail_top > u->detail_rows - u->detail_h)
		u->detail_top = u->detail_rows > u->detail_h ?
				u->detail_rows - u->detail_h : 0;
	detail_title(u, r, id, n);
}
