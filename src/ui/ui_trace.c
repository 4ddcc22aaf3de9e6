/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_trace.c - the trace pane: a bounded ring of the decoded lines (the
 * text printer's words; a frame's own event kept as a record and
 * formatted only when shown, searched or filtered), follow, filter,
 * search */
#include "config.h"

#include <curses.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "obuf.h"
#include "out.h"
#include "ui_priv.h"

int
ui_trace_init(struct ui_trace *t, unsigned cap)
{
	memset(t, 0, sizeof(*t));
	t->cap = cap ? cap : UI_HISTORY_DEFAULT;
	t->ring = calloc(t->cap, sizeof(*t->ring));
	t->follow = true;
	t->mark = UINT64_MAX;
	return t->ring ? 0 : -1;
}

void
ui_trace_free(struct ui_trace *t)
{
	free(t->ring);
	t->ring = NULL;
}

/* The leading "SECONDS.USEC" of a line in microseconds, 0 if none. */
static uint64_t
line_us(const char *s)
{
	char *e;
	unsigned long long sec = strtoull(s, &e, 10), us = 0;
	int i;

	if (e == s || *e != '.')
		return 0;
	for (i = 1; i <= 6 && e[i] >= '0' && e[i] <= '9'; i++)
		us = us * 10 + (unsigned long long)(e[i] - '0');
	return i == 7 ? sec * 1000000ull + us : 0;
}

/* ---- lines: records and texts ---- */

/* The union members a record keeps fit in its UI_REC_U bytes; a PDO's
 * map and values (pointers into the model) are left out, and it is kept
 * as a record only when it has none. */
_Static_assert(sizeof(((struct co_event *)0)->u.nmt) <= UI_REC_U &&
	       sizeof(((struct co_event *)0)->u.sync) <= UI_REC_U &&
	       sizeof(((struct co_event *)0)->u.time) <= UI_REC_U &&
	       sizeof(((struct co_event *)0)->u.emcy) <= UI_REC_U &&
	       sizeof(((struct co_event *)0)->u.hb) <= UI_REC_U &&
	       sizeof(((struct co_event *)0)->u.guard_req) <= UI_REC_U &&
	       offsetof(struct co_event, u.pdo.map) -
	       offsetof(struct co_event, u) >= UI_REC_U,
	       "struct ui_rec keeps too little of the event");

/*
 * Can the text of ev be made later from a record?  Only a frame's own
 * event, with classic payload and a plain status, whose printer reads
 * nothing but the frame, the event's scalar fields and constant tables
 * (out_text.c's text_nmt, text_sync, ...); everything the model derives
 * or owns (SDO names, transfers, mappings) is formatted at once.
 */
static bool
recordable(const struct co_event *ev)
{
	const struct co_frame *f = ev->frame;

	if (f == NULL || ev->status != CO_OK || f->len > 8 ||
	    (f->flags & (CO_F_FD | CO_F_ERR)))
		return false;
	switch (ev->kind) {
	case CO_EV_UNKNOWN: case CO_EV_NMT: case CO_EV_SYNC:
	case CO_EV_TIME: case CO_EV_EMCY: case CO_EV_BOOTUP:
	case CO_EV_HEARTBEAT: case CO_EV_GUARD_REQ: case CO_EV_GUARD_RSP:
		return true;
	case CO_EV_PDO:
		return ev->u.pdo.map == NULL && ev->u.pdo.vals == NULL;
	default:
		return false;
	}
}

static void
rec_keep(struct ui_rec *r, const struct co_event *ev, bool verbose)
{
	const struct co_frame *f = ev->frame;

	r->ts_ns = ev->ts_ns;
	r->cob_id = ev->cob_id;
	r->id = f->id;
	r->has = ev->has;
	r->flags = f->flags;
	r->kind = (uint8_t)ev->kind;
	r->len = f->len;
	r->raw_dlc = f->raw_dlc;
	r->fd_flags = f->fd_flags;
	r->ts_digits = f->ts_digits;
	r->verbose = verbose;
	memcpy(r->data, f->data, sizeof(r->data));
	memcpy(r->u, &ev->u, UI_REC_U);
	memcpy(r->iface, f->iface, sizeof(r->iface));
}

/* The text printer's line for a record, as it was for its event. */
static void
rec_format(struct obuf *o, const struct ui_rec *r, uint8_t node)
{
	static const struct co_event ev0;
	static const struct co_frame f0;
	struct co_event ev = ev0;
	struct co_frame f = f0;

	f.ts_ns = r->ts_ns;
	f.id = r->id;
	f.flags = r->flags;
	f.len = r->len;
	f.raw_dlc = r->raw_dlc;
	f.fd_flags = r->fd_flags;
	f.ts_digits = r->ts_digits;
	memcpy(f.iface, r->iface, sizeof(f.iface));
	memcpy(f.data, r->data, sizeof(r->data));
	ev.kind = (enum co_ev_kind)r->kind;
	ev.status = CO_OK;
	ev.frame = &f;
	ev.ts_ns = r->ts_ns;
	ev.cob_id = r->cob_id;
	ev.node = node;
	ev.has = r->has;
	memcpy(&ev.u, r->u, UI_REC_U);
	ob_reset(o);
	out_text_fmt(o, &ev, &(struct out_opts){ .verbose = r->verbose });
}

/* Up to UI_LINE_LEN - 1 bytes of o's text into buf. */
static size_t
text_cut(char *buf, const struct obuf *o)
{
	size_t len = o->len < UI_LINE_LEN ? o->len : UI_LINE_LEN - 1;

	memcpy(buf, o->b, len);
	buf[len] = '\0';
	return len;
}

const char *
ui_line_text(const struct ui_line *l, char *buf)
{
	static struct obuf ob;

	if (!l->lazy)
		return l->text;
	rec_format(&ob, &l->rec, l->node);
	text_cut(buf, &ob);
	return buf;
}

/* Keep ev in l: its record, or its text now. */
static void
line_keep(struct ui_line *l, const struct co_event *ev, bool verbose)
{
	static struct obuf ob;

	l->node = ev->node;
	l->lazy = recordable(ev);
	if (l->lazy) {
		rec_keep(&l->rec, ev, verbose);
		return;
	}
	ob_reset(&ob);
	out_text_fmt(&ob, ev, &(struct out_opts){ .verbose = verbose });
	l->len = (uint16_t)text_cut(l->text, &ob);
}

const struct ui_line *
ui_trace_add(struct ui_trace *t, const struct co_event *ev, bool verbose)
{
	struct ui_line *l = &t->ring[t->total % t->cap];
	char buf[UI_LINE_LEN];

	line_keep(l, ev, verbose);
	if (t->total == 0)
		t->first_us = line_us(ui_line_text(l, buf));
	t->total++;
	return l;
}

/* A line of the view's own (an action's result), kept as text. */
void
ui_trace_add_text(struct ui_trace *t, uint8_t node, const char *text,
		  size_t len)
{
	struct ui_line *l = &t->ring[t->total % t->cap];

	if (len >= UI_LINE_LEN)
		len = UI_LINE_LEN - 1;
	l->node = node;
	l->lazy = false;
	memcpy(l->text, text, len);
	l->text[len] = '\0';
	l->len = (uint16_t)len;
	if (t->total == 0)
		t->first_us = line_us(l->text);
	t->total++;
}

/* First line still kept. */
uint64_t
ui_trace_first(const struct ui_trace *t)
{
	return t->total > t->cap ? t->total - t->cap : 0;
}

static const struct ui_line *
line_at(const struct ui_trace *t, uint64_t k)
{
	return &t->ring[k % t->cap];
}

/*
 * Filter words, all of which must hold: "node=N", "id=HEX" (the COB-ID
 * column), anything else is a case-insensitive word of the line (a
 * service: SDO, PDO, EMCY, HB-LOST...).
 */
static bool
word_ok(const struct ui_line *l, const char *text, const char *w, size_t n)
{
	char buf[UI_PROMPT_LEN], pat[UI_PROMPT_LEN + 4];

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, w, n);
	buf[n] = '\0';
	if (strncasecmp(buf, "node=", 5) == 0)
		return l->node == (uint8_t)atoi(buf + 5);
	if (strncasecmp(buf, "id=", 3) == 0) {
		snprintf(pat, sizeof(pat), " %03lX ",
			 strtoul(buf + 3, NULL, 16));
		return strstr(text, pat) != NULL;
	}
	return strcasestr(text, buf) != NULL;
}

bool
ui_trace_match(const struct ui_trace *t, const struct ui_line *l)
{
	const char *p = t->filter, *e, *text = NULL;
	char buf[UI_LINE_LEN];

	while (*p) {
		while (*p == ' ')
			p++;
		e = p;
		while (*e && *e != ' ')
			e++;
		if (e > p && text == NULL)
			text = ui_line_text(l, buf);
		if (e > p && !word_ok(l, text, p, (size_t)(e - p)))
			return false;
		p = e;
	}
	return true;
}

/* Lines that pass the filter, from k going backwards, until h of them:
 * the first one to show so that the last shown is just before end. */
static uint64_t
back_from(const struct ui_trace *t, uint64_t end, int h)
{
	uint64_t first = ui_trace_first(t), k = end;

	while (k > first && h > 0) {
		k--;
		if (ui_trace_match(t, line_at(t, k)))
			h--;
	}
	return k;
}

/* A line as kept, or with its time since the first line. */
static void
draw_line(struct ui *u, const struct ui_trace *t, const struct ui_line *l,
	  int y, struct ui_rect r, int attr)
{
	char buf[UI_LINE_LEN];
	const char *text = ui_line_text(l, buf), *rest = strchr(text, ' ');
	uint64_t us = line_us(text), d;

	if (t->abstime || us == 0 || rest == NULL || us < t->first_us) {
		ui_put(u, y, r.x, r.w, attr, text);
		return;
	}
	d = us - t->first_us;
	ui_putf(u, y, r.x, r.w, attr, "%4llu.%06llu%s",
		(unsigned long long)(d / 1000000u),
		(unsigned long long)(d % 1000000u), rest);
}

void
ui_trace_draw(struct ui *u, struct ui_rect r)
{
	struct ui_trace *t = &u->trace;
	uint64_t first = ui_trace_first(t), k;
	int y = r.y + 1, attr;

	ui_putf(u, r.y, r.x, r.w, ui_attr_title(u),
		"Trace  %llu lines kept (limit %u, %llu dropped)  %s%s%s%s%s",
		(unsigned long long)(t->total - first), t->cap,
		(unsigned long long)first, t->follow ? "follow" : "scroll",
		t->filter[0] ? "  filter: " : "", t->filter,
		t->search[0] ? "  search: /" : "", t->search);
	if (t->follow || t->top < first)
		t->top = back_from(t, t->total, r.h - 1);
	for (k = t->top; k < t->total && y < r.y + r.h; k++) {
		const struct ui_line *l = line_at(t, k);

		if (!ui_trace_match(t, l))
			continue;
		attr = k == t->mark ? A_REVERSE : 0;
		draw_line(u, t, l, y++, r, attr);
	}
}

/* Scroll by lines (or pages of the pane's height). */
void
ui_trace_scroll(struct ui *u, int lines, int page)
{
	struct ui_trace *t = &u->trace;
	uint64_t first = ui_trace_first(t);
	int n = lines + page * (LINES - 7);

	if (t->follow)
		t->top = back_from(t, t->total, LINES - 6);
	t->follow = false;
	for (; n < 0 && t->top > first; n++)
		t->top = back_from(t, t->top, 1);
	for (; n > 0 && t->top + 1 < t->total; n--) {
		do
			t->top++;
		while (t->top + 1 < t->total &&
		       !ui_trace_match(t, line_at(t, t->top)));
	}
	if (t->top >= back_from(t, t->total, LINES - 6) && lines + page > 0)
		t->follow = true;
}

/* Search from the mark (or the newest line): forward = newer. */
void
ui_trace_find(struct ui *u, bool forward)
{
	struct ui_trace *t = &u->trace;
	int64_t first = (int64_t)ui_trace_first(t), k;
	char buf[UI_LINE_LEN];

	if (!t->search[0] || t->total == 0)
		return;
	k = t->mark != UINT64_MAX && (int64_t)t->mark >= first ?
	    (int64_t)t->mark : (int64_t)t->total;
	for (;;) {
		k += forward ? 1 : -1;
		if (k < first || k >= (int64_t)t->total)
			return;
		if (ui_trace_match(t, line_at(t, (uint64_t)k)) &&
		    strcasestr(ui_line_text(line_at(t, (uint64_t)k), buf),
			       t->search))
			break;
	}
	t->mark = (uint64_t)k;
	t->follow = false;
	t->top = back_from(t, (uint64_t)k + 1, (LINES - 6) / 2);
}
