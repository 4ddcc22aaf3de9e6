/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_panes.c - the SDO transfer, PDO value and EMCY log panes */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tok.h"
#include "co_tables.h"
#include "obuf.h"
#include "od_value.h"
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

/* ---- PDO values: one line per mapped signal, raw when unmapped ---- */

/* Keep the signals of one received PDO; a value that differs from the
 * last one of the same entry is marked changed. */
static void
sig_update(struct ui_pdoval *p, const struct pdo_map *m,
	   const struct pdo_value *v, uint64_t ts)
{
	unsigned i, n = 0;

	for (i = 0; i < m->nentries && n < UI_PDO_SIGS; i++) {
		struct ui_sig *s = &p->sig[n];
		size_t nb = v[i].p && v[i].nbytes ? v[i].nbytes : 0;
		bool same = n < p->nsig && s->e.index == m->e[i].index &&
			    s->e.sub == m->e[i].sub &&
			    s->e.bits == m->e[i].bits;

		if (m->e[i].dummy)
			continue;
		if (nb > sizeof(s->bytes))
			nb = sizeof(s->bytes);
		if (!same)
			s->changed_ns = 0;
		else if (s->present != v[i].present || s->u != v[i].u ||
			 s->nbytes != nb || memcmp(s->bytes, v[i].p ? v[i].p :
						   s->bytes, nb) != 0)
			s->changed_ns = ts;
		s->e = m->e[i];
		s->present = v[i].present;
		s->u = v[i].u;
		s->s = v[i].s;
		s->nbytes = (uint8_t)nb;
		if (nb)
			memcpy(s->bytes, v[i].p, nb);
		n++;
	}
	p->nsig = (uint8_t)n;
}

void
ui_pdo_event(struct ui *u, const struct co_event *ev)
{
	const struct co_frame *f = ev->frame;
	struct ui_pdoval *p = NULL;
	unsigned i, n;

	if (f == NULL || ev->u.pdo.rtr)
		return;
	for (i = 0; i < UI_PDO_SLOTS; i++) {
		p = &u->pdo[(ev->cob_id + i) % UI_PDO_SLOTS];
		if (!p->used || p->cob == ev->cob_id)
			break;
	}
	if (i == UI_PDO_SLOTS)
		return;
	n = f->len < 8 ? f->len : 8;
	if (p->used && (p->len != n || memcmp(p->data, f->data, n) != 0))
		p->changed_ns = ev->ts_ns;
	p->used = true;
	p->cob = ev->cob_id;
	p->node = ev->node;
	p->num = ev->u.pdo.num;
	p->rx = ev->u.pdo.rx;
	p->len = (uint8_t)n;
	memcpy(p->data, f->data, n);
	p->ts_ns = ev->ts_ns;
	p->count++;
	if (ev->u.pdo.map && ev->u.pdo.vals)
		sig_update(p, ev->u.pdo.map, ev->u.pdo.vals, ev->ts_ns);
	else
		p->nsig = 0;
}

/* The value of a signal as the text output prints it (hex for
 * CO_OBJ_HEX objects such as Statusword). */
void
ui_sig_text(char *b, size_t n, const struct ui_sig *s)
{
	static struct obuf ob;
	struct pdo_value v;

	if (s->present && (s->e.flags & CO_OBJ_HEX) &&
	    od_type_class(s->e.dtype) == OD_TC_UINT &&
	    s->e.bits == od_type_bits(s->e.dtype)) {
		snprintf(b, n, "0x%0*llX", (s->e.bits + 3) / 4,
			 (unsigned long long)s->u);
		return;
	}
	memset(&v, 0, sizeof(v));
	v.e = &s->e;
	v.present = s->present;
	v.u = s->u;
	v.s = s->s;
	v.p = s->nbytes ? s->bytes : NULL;
	v.nbytes = s->nbytes;
	ob_reset(&ob);
	pdomap_value(&ob, &v, false);
	snprintf(b, n, "%.*s", (int)ob.len, ob.b);
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

static double
cob_rate(const struct ui *u, uint32_t cob)
{
	const struct stats_cob *c = cob < STATS_SFF_SLOTS ?
				    &u->stats.sff[cob] : NULL;

	return c && c->frames > 1 && c->last_ns > c->first_ns ?
	       (double)(c->frames - 1) * 1e9 /
	       (double)(c->last_ns - c->first_ns) : 0;
}

/* Column widths: signal name and value, for a pane w wide. */
static int
sig_w(int w)
{
	return w - 50 < 20 ? 20 : w - 50 > 44 ? 44 : w - 50;
}

static int
val_w(int w)
{
	return w >= 120 ? 20 : 16;
}

/* "node PDO COB": the start of every row */
static int
pdo_lead(char *b, size_t n, const struct ui_pdoval *p)
{
	return snprintf(b, n, "%4u %cPDO%-2u %03X", p->node, p->rx ? 'R' : 'T',
			p->num, p->cob);
}

static int
sig_row(struct ui *u, int y, struct ui_rect r, const struct ui_pdoval *p,
	const struct ui_sig *s)
{
	int sw = sig_w(r.w), vw = val_w(r.w);
	bool chg = s->changed_ns && u->net->now_ns < s->changed_ns +
				    UI_NS_PER_S;
	char lead[32], name[96], val[64], v[48], age[32];
	const char *unit = ui_unit(u, p->node, s->e.index);

	pdo_lead(lead, sizeof(lead), p);
	if (s->e.name[0] && (int)strlen(s->e.name) + 10 <= sw)
		snprintf(name, sizeof(name), "%s (%04X:%02X)", s->e.name,
			 s->e.index, s->e.sub);
	else if (s->e.name[0])
		snprintf(name, sizeof(name), "%s", s->e.name);
	else
		snprintf(name, sizeof(name), "%04X:%02X", s->e.index, s->e.sub);
	ui_sig_text(v, sizeof(v), s);
	snprintf(val, sizeof(val), "%s%s%s", v, unit ? " " : "",
		 unit ? unit : "");
	ui_fmt_age(age, sizeof(age), u->net->now_ns, p->ts_ns);
	ui_putf(u, y, r.x, r.w, 0, "%s %-*.*s %*.*s%c %7s %6.1f", lead, sw,
		sw, name, vw, vw, val, chg ? '*' : ' ', age,
		cob_rate(u, p->cob));
	if (chg)
		ui_putf(u, y, r.x + 17 + sw, vw, ui_attr_warn(u) | A_BOLD,
			"%*.*s", vw, vw, val);
	return y + 1;
}

static int
raw_row(struct ui *u, int y, struct ui_rect r, const struct ui_pdoval *p)
{
	int sw = sig_w(r.w), vw = val_w(r.w), k = 0;
	unsigned i;
	bool chg = u->net->now_ns < p->changed_ns + UI_NS_PER_S;
	char lead[32], raw[64], age[32];

	pdo_lead(lead, sizeof(lead), p);
	k = snprintf(raw, sizeof(raw), "(raw, no mapping) [%u]", p->len);
	for (i = 0; i < p->len && k < (int)sizeof(raw) - 4; i++)
		k += snprintf(raw + k, sizeof(raw) - (size_t)k, " %02X",
			      p->data[i]);
	ui_fmt_age(age, sizeof(age), u->net->now_ns, p->ts_ns);
	ui_putf(u, y, r.x, r.w, chg ? A_BOLD : 0, "%s %-*.*s %*s%c %7s %6.1f",
		lead, sw + vw + 1, sw + vw + 1, raw, 0, "", chg ? '*' : ' ',
		age, cob_rate(u, p->cob));
	return y + 1;
}

/* Node, then TPDOs before RPDOs, by number. */
static int
cmp_pdo(const void *a, const void *b)
{
	const struct ui_pdoval *x = *(const struct ui_pdoval *const *)a;
	const struct ui_pdoval *y = *(const struct ui_pdoval *const *)b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if (x->rx != y->rx)
		return x->rx ? 1 : -1;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return (x->cob > y->cob) - (x->cob < y->cob);
}

/* The pane's rows: each PDO's signals, or its raw line. */
struct pdo_line {
	const struct ui_pdoval *p;
	int sig;                     /* -1: the raw line */
};

static int
pdo_lines(const struct ui *u, struct pdo_line *l, int max, int *npdo,
	  int *nsig)
{
	static const struct ui_pdoval *v[UI_PDO_SLOTS];
	int n = pdo_rows(u, v, UI_PDO_SLOTS), i, k, m = 0;

	qsort(v, (size_t)n, sizeof(v[0]), cmp_pdo);
	*npdo = n;
	*nsig = 0;
	for (i = 0; i < n; i++) {
		*nsig += v[i]->nsig;
		for (k = v[i]->nsig ? 0 : -1; k < v[i]->nsig && m < max; k++)
			l[m++] = (struct pdo_line){ v[i], k };
	}
	return m;
}

void
ui_pdo_draw(struct ui *u, struct ui_rect r)
{
	static struct pdo_line l[UI_PDO_SLOTS * 4];
	int npdo, nsig, n = pdo_lines(u, l, UI_PDO_SLOTS * 4, &npdo, &nsig);
	int *sel = &u->sel[UI_PDO], first = 0, i, y = r.y + 2;
	bool mine = u->pane == UI_PDO;

	if (*sel >= n)
		*sel = n ? n - 1 : 0;
	if (mine && *sel > r.h - 3)
		first = *sel - (r.h - 3);
	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "PDO values  %d PDOs  "
		"%d signals  * = changed within 1 s", npdo, nsig);
	ui_putf(u, r.y + 1, r.x, r.w, A_UNDERLINE, "node PDO    COB %-*s "
		"%*s     age rate/s", sig_w(r.w), "signal", val_w(r.w) + 1,
		"value");
	for (i = first; i < n && y < r.y + r.h; i++) {
		if (l[i].sig < 0)
			raw_row(u, y, r, l[i].p);
		else
			sig_row(u, y, r, l[i].p, &l[i].p->sig[l[i].sig]);
		if (mine && i == *sel)
			mvchgat(y, r.x, r.w, A_REVERSE, 0, NULL);
		y++;
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
