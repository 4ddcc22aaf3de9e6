/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_draw.c - clipped text output, attributes that carry meaning without
 * colour (NO_COLOR, monochrome), time and age formats */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ui_priv.h"

/* Write s at (y, x), at most w columns, never wrapping; control and
 * non-ASCII bytes are shown as '?'. */
void
ui_put(struct ui *u, int y, int x, int w, int attr, const char *s)
{
	int i;

	(void)u;
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attron(attr);
	move(y, x);
	for (i = 0; i < w && s[i]; i++)
		addch((unsigned char)s[i] >= 0x20 &&
		      (unsigned char)s[i] < 0x7F ? (chtype)s[i] : '?');
	attroff(attr);
}

void
ui_putf(struct ui *u, int y, int x, int w, int attr, const char *fmt, ...)
{
	char b[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	ui_put(u, y, x, w, attr, b);
}

/* s word-wrapped into r's width from row y on (long words are cut);
 * returns the next free row. */
int
ui_wrap(struct ui *u, struct ui_rect r, int y, int attr, const char *s)
{
	size_t len;
	int n;

	while (*s && y < r.y + r.h) {
		while (*s == ' ')
			s++;
		len = strlen(s);
		n = len <= (size_t)r.w ? (int)len : r.w;
		if ((size_t)n < len) {
			int k = n;

			while (k > 0 && s[k] != ' ')
				k--;
			if (k > 0)
				n = k;
		}
		ui_putf(u, y++, r.x, r.w, attr, "%.*s", n, s);
		s += n;
	}
	return y;
}

/* s after n space-separated words (runs of spaces count as one); s itself
 * when it has fewer. */
const char *
ui_skip_words(const char *s, int n)
{
	const char *p = s;

	while (n-- > 0) {
		p = strchr(p, ' ');
		if (p == NULL)
			return s;
		while (*p == ' ')
			p++;
	}
	return p;
}

int
ui_attr_bad(const struct ui *u)
{
	return u->color ? (int)(COLOR_PAIR(1) | A_BOLD) : A_REVERSE;
}

int
ui_attr_warn(const struct ui *u)
{
	return u->color ? (int)COLOR_PAIR(2) : A_BOLD;
}

int
ui_attr_ok(const struct ui *u)
{
	return u->color ? (int)COLOR_PAIR(3) : 0;
}

int
ui_attr_title(const struct ui *u)
{
	return u->color ? (int)(COLOR_PAIR(4) | A_BOLD) : A_BOLD;
}

/* Age as "0.04s", "12.3s", "4m05s", "-" when never. */
void
ui_fmt_age(char *b, size_t n, uint64_t now_ns, uint64_t then_ns)
{
	uint64_t ms;

	if (then_ns == 0 || now_ns < then_ns) {
		snprintf(b, n, "%s", then_ns ? "0.00s" : "-");
		return;
	}
	ms = (now_ns - then_ns) / 1000000u;
	if (ms < 10000)
		snprintf(b, n, "%llu.%02llus", (unsigned long long)ms / 1000,
			 (unsigned long long)ms % 1000 / 10);
	else if (ms < 600000)
		snprintf(b, n, "%llu.%llus", (unsigned long long)ms / 1000,
			 (unsigned long long)ms % 1000 / 100);
	else
		snprintf(b, n, "%llum%02llus",
			 (unsigned long long)ms / 60000,
			 (unsigned long long)ms / 1000 % 60);
}

/* Seconds since the first frame, "12.345". */
void
ui_fmt_time(char *b, size_t n, const struct ui *u, uint64_t ts_ns)
{
	uint64_t t0 = u->net->first_ns, d = ts_ns > t0 ? ts_ns - t0 : 0;

	snprintf(b, n, "%llu.%03llu", (unsigned long long)(d / UI_NS_PER_S),
		 (unsigned long long)(d % UI_NS_PER_S / 1000000u));
}
