/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ini.c - line tokenizer for the INI syntax of CiA 306 EDS/DCF files */
#include "config.h"
#include "ini.h"

#include <ctype.h>
#include <string.h>

void
ini_init(struct ini_rd *r, char *buf, size_t len)
{
	r->p = buf;
	r->end = buf + len;
	r->line = 0;
	/* a UTF-8 byte order mark is an encoding marker, not content */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Cut the next line out of the buffer; NULL at the end. */
static char *
next_line(struct ini_rd *r)
{
	char *s = r->p, *q;

	if (r->p >= r->end)
		return NULL;
	for (q = s; q < r->end && *q != '\n' && *q != '\r'; q++)
		;
	if (q < r->end && *q == '\r' && q + 1 < r->end && q[1] == '\n') {
		*q = '\0';
		r->p = q + 2;
	} else if (q < r->end) {
		*q = '\0';
		r->p = q + 1;
	} else {
		*q = '\0';    /* the buffer has a spare byte at end */
		r->p = r->end;
	}
	r->line++;
	return s;
}

static char *
trim(char *s)
{
	char *e;

	while (is_blank(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_blank(e[-1]))
		*--e = '\0';
	return s;
}

static void
section(char *s, struct ini_item *it)
{
	char *close = strchr(s, ']');
	char *rest;

	it->kind = INI_SECTION;
	it->why = NULL;
	if (close == NULL) {
		it->why = "section header without ']'";
		it->name = trim(s + 1);
		return;
	}
	*close = '\0';
	rest = trim(close + 1);
	if (*rest != '\0' && *rest != ';' && *rest != '#')
		it->why = "text after section header ignored";
	it->name = trim(s + 1);
}

/* "<junk>[Name]": a header after bytes that cannot be text (control
 * bytes, a stray BOM, punctuation), not free text that happens to
 * contain brackets. */
static int
stray_header(const char *s)
{
	const char *b = strchr(s, '[');

	if (b == NULL || s[strlen(s) - 1] != ']')
		return 0;
	for (; s < b; s++)
		if (isalnum((unsigned char)*s))
			return 0;
	return 1;
}

void
ini_next(struct ini_rd *r, struct ini_item *it)
{
	char *s, *eq;

	memset(it, 0, sizeof(*it));
	while ((s = next_line(r)) != NULL) {
		s = trim(s);
		if (*s == '\0' || *s == ';' || *s == '#')
			continue;
		it->line = r->line;
		if (*s == '[') {
			section(s, it);
			return;
		}
		eq = strchr(s, '=');
		if (eq == NULL && stray_header(s)) {
			section(strchr(s, '['), it);
			it->why = "stray bytes before section header ignored";
			return;
		}
		if (eq == NULL || eq == s) {
			it->kind = INI_STRAY;
			it->name = s;
			it->why = eq ? "line with no key before '='"
				     : "line without '=' ignored";
			return;
		}
		*eq = '\0';
		it->kind = INI_KEY;
		it->name = trim(s);
		it->value = trim(eq + 1);
		return;
	}
	it->kind = INI_EOF;
	it->line = r->line;
}
