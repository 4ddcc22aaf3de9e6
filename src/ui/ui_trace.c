/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_trace.c - the trace pane: a bounded ring of the decoded lines (the
 * text printer's words, formatted at event time), follow, filter,
 * search */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

void
ui_trace_add(struct ui_trace *t, uint8_t node, const char *s, size_t len)
{
	struct ui_line *l = &t->ring[t->total % t->cap];

	if (len >= UI_LINE_LEN)
		len = UI_LINE_LEN - 1;
	if (t->total == 0)
		t->first_us = line_us(s);
	memcpy(l->text, s, len);
	l->text[len] = '\0';
	l->len = (uint16_t)len;
	l->node = node;
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
word_ok(const struct ui_line *l, const char *w, size_t n)
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
		return strstr(l->text, pat) != NULL;
	}
	return strcasestr(l->text, buf) != NULL;
}

bool
ui_trace_match(const struct ui_trace *t, const struct ui_line *l)
{
	const char *p = t->filter, *e;

	while (*p) {
		while (*p == ' ')
			p++;
		e = p;
		while (*e && *e != ' ')
			e++;
		if (e > p && !word_ok(l, p, (size_t)(e - p)))
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
	uint64_t us = line_us(l->text), d;
	const char *rest = strchr(l->text, ' ');

	if (t->abstime || us == 0 || rest == NULL || us < t->first_us) {
		ui_put(u, y, r.x, r.w, attr, l->text);
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

	if (!t->search[0] || t->total == 0)
		return;
	k = t->mark != UINT64_MAX && (int64_t)t->mark >= first ?
	    (int64_t)t->mark : (int64_t)t->total;
	for (;;) {
		k += forward ? 1 : -1;
		if (k < first || k >= (int64_t)t->total)
			return;
		if (ui_trace_match(t, line_at(t, (uint64_t)k)) &&
		    strcasestr(line_at(t, (uint64_t)k)->text, t->search))
			break;
	}
	t->mark = (uint64_t)k;
	t->follow = false;
	t->top = back_from(t, (uint64_t)k + 1, (LINES - 6) / 2);
}
