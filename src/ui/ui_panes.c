/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_panes.c - the SDO transfer, PDO value and EMCY log panes */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tok.h"
#include "co_tables.h"
#include "net_od.h"
#include "net_view.h"
#include "ui_priv.h"

/* ---- SDO transfers ---- */

static void
sdo_row(struct ui *u, int y, struct ui_rect r, const struct net_sdo_info *s)
{
	static const char *const mode[] = { "exp", "seg", "block", "?" };
	char prog[32], dur[32], res[96];
	struct co_obj o = { 0 };
	int attr = 0;

	if (!net_obj_info(u->net, s->node, s->index, s->sub, &o) ||
	    o.name == NULL)
		o.name = co_od_name(s->index);

	if (s->size)
		snprintf(prog, sizeof(prog), "%u/%u", s->got, s->size);
	else
		snprintf(prog, sizeof(prog), "%u", s->got);
	snprintf(dur, sizeof(dur), "%.1fms", (double)s->dur_ns / 1e6);
	if (s->running) {
		snprintf(res, sizeof(res), "running");
	} else if (s->result == XFER_OK) {
		snprintf(res, sizeof(res), "ok");
	} else if (s->result == XFER_ABORTED) {
		snprintf(res, sizeof(res), "ABORT %08X %s", s->abort_code,
			 tok_str(co_sdo_aborts, s->abort_code, ""));
		attr = ui_attr_bad(u);
	} else {
		snprintf(res, sizeof(res), "FAILED");
		attr = ui_attr_bad(u);
	}
	ui_putf(u, y, r.x, r.w, attr, "%4u %-4s %04X:%02X %-22.22s %-5s "
		"%-11s %9s %s", s->node, s->dir == SDO_C2S ? "down" : "up",
		s->index, s->sub, o.name,
		mode[s->mode < 4 ? s->mode : 3], prog, dur, res);
}

void
ui_sdo_draw(struct ui *u, struct ui_rect r)
{
	struct net_sdo_info run[16];
	unsigned nrun = net_sdo_running(u->net, run, 16), i;
	unsigned nrec = net_sdo_recent_count(u->net);
	int y = r.y + 2;

	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "SDO transfers  %u "
		"running  %llu done (newest first)", nrun,
		(unsigned long long)u->net->sdo_xfers);
	ui_put(u, r.y + 1, r.x, r.w, A_UNDERLINE, "node dir  object  name"
	       "                   mode  bytes            dur result");
	for (i = 0; i < nrun && y < r.y + r.h; i++)
		sdo_row(u, y++, r, &run[i]);
	for (i = 0; i < nrec && y < r.y + r.h; i++)
		sdo_row(u, y++, r, net_sdo_recent(u->net, i));
}

/* ---- PDO values: the last decoded line per PDO COB-ID ---- */

void
ui_pdo_event(struct ui *u, const struct co_event *ev,
	     const struct ui_line *line)
{
	const struct co_frame *f = ev->frame;
	struct ui_pdoval *p = NULL;
	unsigned i, n;

	if (f == NULL)
		return;
	for (i = 0; i < UI_PDO_SLOTS; i++) {
		p = &u->pdo[(ev->cob_id + i) % UI_PDO_SLOTS];
		if (!p->used || p->cob == ev->cob_id)
			break;
	}
	if (i == UI_PDO_SLOTS)
		return;
	n = f->len < 8 ? f->len : 8;
	if (!p->used || p->len != n || memcmp(p->data, f->data, n) != 0)
		p->changed_ns = ev->ts_ns;
	p->used = true;
	p->cob = ev->cob_id;
	p->node = ev->node;
	p->len = (uint8_t)n;
	memcpy(p->data, f->data, n);
	p->ts_ns = ev->ts_ns;
	p->count++;
	ui_line_copy(&p->line, line);
}

static int
pdo_rows(const struct ui *u, const struct ui_pdoval **v, int max)
{
	uint32_t cob;
	unsigned i;
	int n = 0;

	/* in COB-ID order, without sorting: walk the ids */
	for (cob = 0; cob < 0x800 && n < max; cob++)
		for (i = 0; i < UI_PDO_SLOTS; i++) {
			const struct ui_pdoval *p =
				&u->pdo[(cob + i) % UI_PDO_SLOTS];

			if (!p->used)
				break;
			if (p->cob == cob) {
				v[n++] = p;
				break;
			}
		}
	return n;
}

void
ui_pdo_draw(struct ui *u, struct ui_rect r)
{
	const struct ui_pdoval *v[64];
	int n = pdo_rows(u, v, 64), i, y = r.y + 2;
	char age[32], buf[UI_LINE_LEN];
	const char *s;

	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "PDO values  %d COB-IDs"
		"  * = changed within 1 s", n);
	ui_put(u, r.y + 1, r.x, r.w, A_UNDERLINE,
	       "node  COB  count    age   PDO    decoded (last frame)");
	for (i = 0; i < n && y < r.y + r.h; i++) {
		bool chg = u->net->now_ns < v[i]->changed_ns + UI_NS_PER_S;

		ui_fmt_age(age, sizeof(age), u->net->now_ns, v[i]->ts_ns);
		/* the line without its time and COB-ID columns */
		s = ui_skip_words(ui_line_text(&v[i]->line, buf), 5);
		ui_putf(u, y++, r.x, r.w, chg ? A_BOLD : 0,
			"%4u  %03X %6llu %6s %c %s", v[i]->node, v[i]->cob,
			(unsigned long long)v[i]->count, age, chg ? '*' : ' ',
			s);
	}
}

/* ---- EMCY log ---- */

void
ui_emcy_draw(struct ui *u, struct ui_rect r)
{
	uint8_t ids[NET_NODES];
	int n = ui_nodes_list(u, ids, NET_NODES), i, y = r.y + 2, act = 0;
	unsigned k, c;
	char t[24];

	for (i = 0; i < n; i++)
		act += net_node(u->net, ids[i])->emcy_active;
	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "EMCY  %d active "
		"(newest first per node)", act);
	ui_put(u, r.y + 1, r.x, r.w, A_UNDERLINE, "      time node code "
	       "reg  state   meaning                      mfr");
	for (i = 0; i < n; i++) {
		const struct co_node *nd = net_node(u->net, ids[i]);

		c = net_emcy_count(nd);
		for (k = c; k-- > 0 && y < r.y + r.h;) {
			const struct net_emcy *e = net_emcy_at(nd, k);
			bool on = nd->emcy_active && k == c - 1;

			ui_fmt_time(t, sizeof(t), u, e->ts_ns);
			ui_putf(u, y++, r.x, r.w, on ? ui_attr_bad(u) : 0,
				"%10s %4u %04X 0x%02X %-7s %-28.28s %02X %02X "
				"%02X %02X %02X", t, ids[i], e->code, e->reg,
				on ? "ACTIVE" : e->code ? "cleared" : "reset",
				co_emcy_text(e->code), e->msef[0], e->msef[1],
				e->msef[2], e->msef[3], e->msef[4]);
		}
	}
}
