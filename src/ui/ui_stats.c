/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_stats.c - statistics per COB-ID (count, rate, period, jitter,
 * min/max gap, age) with sorting, and the diagnosis pane */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "co_tables.h"
#include "diag.h"
#include "ui_priv.h"

const char *const ui_sort_names[] = { "COB-ID", "count", "rate",
				      "jitter", NULL };

static double
cob_rate(const struct stats_cob *c)
{
	return c->frames > 1 && c->last_ns > c->first_ns ?
	       (double)(c->frames - 1) * 1e9 / (double)(c->last_ns - c->first_ns)
	       : 0;
}

static double
cob_jitter(const struct stats_cob *c)
{
	double n = (double)(c->frames - 1), m, v;

	if (c->frames < 3)
		return 0;
	m = (double)c->dt_sum_ns / n;
	v = c->dt_sq / n - m * m;
	return v > 0 ? sqrt(v) : 0;
}

static const struct ui *sort_ui;   /* qsort has no argument */

static double
sort_key(const struct stats_cob *c, int col)
{
	switch (col) {
	case 1: return (double)c->frames;
	case 2: return cob_rate(c);
	case 3: return cob_jitter(c);
	default: return 0;
	}
}

static int
cmp_rows(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	double kx = sort_key(&sort_ui->stats.sff[x], sort_ui->sort);
	double ky = sort_key(&sort_ui->stats.sff[y], sort_ui->sort);
	int r = kx < ky ? -1 : kx > ky ? 1 : (x > y) - (x < y);

	if (kx == ky)
		return (x > y) - (x < y);
	return sort_ui->sort_desc ? -r : r;
}

int
ui_stats_rows(const struct ui *u, uint16_t *ids, int max)
{
	int n = 0;
	uint16_t id;

	for (id = 0; id < STATS_SFF_SLOTS && n < max; id++)
		if (u->stats.sff[id].frames)
			ids[n++] = id;
	sort_ui = u;
	if (u->sort == 0 && u->sort_desc) {
		uint16_t t;
		int i;

		for (i = 0; i < n / 2; i++) {
			t = ids[i];
			ids[i] = ids[n - 1 - i];
			ids[n - 1 - i] = t;
		}
	} else if (u->sort) {
		qsort(ids, (size_t)n, sizeof(*ids), cmp_rows);
	}
	return n;
}

static const char *
service(uint16_t id)
{
	static const char *const fc[16] = {
		"NMT", "SYNC/EMCY", "TIME", "TPDO1", "RPDO1", "TPDO2",
		"RPDO2", "TPDO3", "RPDO3", "TPDO4", "RPDO4", "SDO tx",
		"SDO rx", "?", "HB/guard", "LSS" };

	if (id == 0x080)
		return "SYNC";
	if (id > 0x080 && id < 0x100)
		return "EMCY";
	return fc[id >> 7];
}

void
ui_stats_draw(struct ui *u, struct ui_rect r)
{
	static uint16_t ids[STATS_SFF_SLOTS];
	int n = ui_stats_rows(u, ids, STATS_SFF_SLOTS), i, y = r.y + 2;
	char age[32];

	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "Statistics per COB-ID"
		"  %d ids  sort: %s %s  (s: sort, I: invert, c: clear)", n,
		ui_sort_names[u->sort], u->sort_desc ? "desc" : "asc");
	ui_put(u, r.y + 1, r.x, r.w, A_UNDERLINE, "COB service   node    "
	       "count  rate/s   period   jitter    min gap  max gap    age");
	for (i = 0; i < n && y < r.y + r.h; i++) {
		const struct stats_cob *c = &u->stats.sff[ids[i]];
		double per = c->frames > 1 ? (double)c->dt_sum_ns /
				(double)(c->frames - 1) / 1e6 : 0;
		char nd[8] = "-";

		if (ids[i] > 0x80 && ids[i] < 0x780 && (ids[i] & 0x7F))
			snprintf(nd, sizeof(nd), "%u", ids[i] & 0x7Fu);

		ui_fmt_age(age, sizeof(age), u->net->now_ns, c->last_ns);
		ui_putf(u, y++, r.x, r.w, 0, "%03X %-9s %4s %8llu %7.1f "
			"%8.2fms %7.2fms %8.2fms %7.2fms %6s", ids[i],
			service(ids[i]), nd, (unsigned long long)c->frames,
			cob_rate(c),
			per, cob_jitter(c) / 1e6,
			c->frames > 1 ? c->dt_min_ns / 1e6 : 0,
			c->frames > 1 ? c->dt_max_ns / 1e6 : 0, age);
	}
}

/* ---- diagnosis: derived events worth a look, most severe first ---- */

static int
note_sev(const struct co_event *ev)
{
	switch (ev->kind) {
	case CO_EV_HB_TIMEOUT: case CO_EV_NODE_MISSING: case CO_EV_DROP:
		return UI_SEV_ERR;
	case CO_EV_EMCY:
		return ev->u.emcy.code ? UI_SEV_ERR : UI_SEV_NOTE;
	case CO_EV_SDO_XFER:
		return ev->u.xfer.result == XFER_OK ? -1 : UI_SEV_WARN;
	case CO_EV_GUARD_TOGGLE: case CO_EV_LINK_STATE: case CO_EV_NOTE:
	case CO_EV_LINK_LOST:
		return UI_SEV_WARN;
	case CO_EV_HB_RECOVER: case CO_EV_CONFIG:
		return UI_SEV_NOTE;
	case CO_EV_BOOTUP:
		return UI_SEV_NOTE;
	default:
		return ev->status != CO_OK ? UI_SEV_WARN : -1;
	}
}

void
ui_note_event(struct ui *u, const struct co_event *ev, const char *line)
{
	int sev = note_sev(ev);
	struct ui_note *n;

	if (sev < 0)
		return;
	n = &u->notes[u->nnotes++ % UI_NOTES_MAX];
	n->sev = (uint8_t)sev;
	n->node = ev->node;
	n->ts_ns = ev->ts_ns;
	snprintf(n->text, sizeof(n->text), "%s", line);
}

/* The view's own notes, when no diagnosis runs. */
static void
notes_draw(struct ui *u, struct ui_rect r)
{
	static const char sevc[] = "NWE";
	uint64_t first = u->nnotes > UI_NOTES_MAX ? u->nnotes - UI_NOTES_MAX
						  : 0, k;
	int y = r.y + 1, sev, cnt[3] = { 0, 0, 0 };
	char t[24];

	for (k = first; k < u->nnotes; k++)
		cnt[u->notes[k % UI_NOTES_MAX].sev]++;
	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "Diagnosis  %d E  %d W  "
		"%d N  (most severe, then newest first)", cnt[2], cnt[1],
		cnt[0]);
	for (sev = UI_SEV_ERR; sev >= UI_SEV_NOTE; sev--)
		for (k = u->nnotes; k-- > first && y < r.y + r.h;) {
			const struct ui_note *n = &u->notes[k % UI_NOTES_MAX];

			if (n->sev != sev)
				continue;
			ui_fmt_time(t, sizeof(t), u, n->ts_ns);
			ui_putf(u, y++, r.x, r.w, sev == UI_SEV_ERR ?
				ui_attr_bad(u) : sev == UI_SEV_WARN ?
				ui_attr_warn(u) : 0, "%c %9s %s", sevc[sev], t,
				ui_skip_words(n->text, 3));
		}
}

static int
finding_attr(const struct ui *u, uint8_t sev)
{
	return sev == DIAG_ERROR ? ui_attr_bad(u) :
	       sev == DIAG_WARNING ? ui_attr_warn(u) : 0;
}

/* One finding in the list.  Returns the next free row. */
static int
finding_draw(struct ui *u, struct ui_rect r, int y,
	     const struct diag_finding *f, bool sel)
{
	static const char sevc[] = "EWN";
	char t[24], node[8] = "-", times[24] = "";

	ui_fmt_time(t, sizeof(t), u, f->last_ns);
	if (f->node)
		snprintf(node, sizeof(node), "%u", f->node);
	if (f->count > 1)
		snprintf(times, sizeof(times), " (x%u)", f->count);
	ui_putf(u, y++, r.x, r.w, finding_attr(u, f->sev) |
		(sel ? (int)A_REVERSE : 0), "%c %9s %3s %s%s",
		sevc[f->sev < 3 ? f->sev : 2], t, node, f->what, times);
	return y;
}

/* The whole finding (Enter): what happened, when, which node, why it
 * matters, what to check. */
static void
finding_open(struct ui *u, struct ui_rect r, const struct diag_finding *f)
{
	struct ui_rect t = { r.y, r.x + 2, r.h, r.w - 2 };
	char a[24], b[24], node[40] = "the bus or the input";
	int y = r.y + 1;

	ui_fmt_time(a, sizeof(a), u, f->first_ns);
	ui_fmt_time(b, sizeof(b), u, f->last_ns);
	if (f->node)
		snprintf(node, sizeof(node), "node %u %s", f->node,
			 ui_node_name(u, f->node));
	ui_putf(u, r.y, r.x, r.w, finding_attr(u, f->sev) | A_BOLD,
		"%s %s  (Enter/Esc: back to the list)",
		diag_sev_name(f->sev), diag_code_name(f->code));
	ui_put(u, y++, r.x, r.w, ui_attr_title(u), "What happened");
	y = ui_wrap(u, t, y, finding_attr(u, f->sev), f->what);
	if (y < r.y + r.h)
		ui_putf(u, y++, t.x, t.w, 0, "%s; %u time%s, first %s s, last "
			"%s s", node, f->count, f->count == 1 ? "" : "s", a,
			b);
	if (y < r.y + r.h)
		ui_put(u, y++, r.x, r.w, ui_attr_title(u), "Why it matters");
	y = ui_wrap(u, t, y, 0, diag_why(f));
	if (y < r.y + r.h)
		ui_put(u, y++, r.x, r.w, ui_attr_title(u), "What to check");
	ui_wrap(u, t, y, 0, diag_check(f));
}

void
ui_diag_draw(struct ui *u, struct ui_rect r)
{
	static const struct diag_finding *f[256];
	size_t n, i;
	int y = r.y + 1, *sel = &u->sel[UI_DIAG], first = 0;

	if (u->opt.diag == NULL) {
		notes_draw(u, r);
		return;
	}
	n = diag_sorted(u->opt.diag, f, 256);
	if (*sel >= (int)n)
		*sel = n ? (int)n - 1 : 0;
	if (u->pane == UI_DIAG && u->diag_open && n > 0) {
		finding_open(u, r, f[*sel]);
		return;
	}
	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u), "Diagnosis  %zu E  %zu W"
		"  %zu N  (Enter: the whole finding)",
		diag_count(u->opt.diag, DIAG_ERROR),
		diag_count(u->opt.diag, DIAG_WARNING),
		diag_count(u->opt.diag, DIAG_NOTE));
	if (u->pane == UI_DIAG && *sel > r.h - 5)
		first = *sel - (r.h - 5);
	for (i = (size_t)first; i < n && y < r.y + r.h; i++)
		y = finding_draw(u, r, y, f[i], u->pane == UI_DIAG &&
				 (int)i == *sel);
	if (n == 0)
		ui_put(u, y, r.x, r.w, 0, "  (no findings)");
}
