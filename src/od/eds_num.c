/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds_num.c - CiA 306 integer values and $NODEID expressions */
#include "config.h"
#include "eds.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "hexdig.h"

static const char *
skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Digits in base at s; -1 on overflow or no digit. */
static int
digits(const char *s, size_t len, unsigned base, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		int d = co_hexdig(s[i]);

		if (d < 0 || (unsigned)d >= base)
			return -1;
		if (x > (UINT64_MAX - (unsigned)d) / base)
			return -1;
		x = x * base + (unsigned)d;
	}
	*v = x;
	return 0;
}

/* One unsigned number term; advances *sp past it and its suffix. */
static int
term_num(const char **sp, uint64_t *v, struct eds_num *n)
{
	const char *s = *sp, *q;
	size_t len, sfx = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		for (q = s + 2; co_hexdig(*q) >= 0; q++)
			;
		if (digits(s + 2, (size_t)(q - s - 2), 16, v) != 0)
			return -1;
	} else {
		for (q = s; co_hexdig(*q) >= 0; q++)
			;
		len = (size_t)(q - s);
		if (*q == 'h' || *q == 'H') {
			if (digits(s, len, 16, v) != 0)
				return -1;
			q++;
		} else if (digits(s, len, 10, v) != 0) {
			return -1;
		} else if (s[0] == '0' && len > 1 && *v > 7) {
			n->leadzero = true;
		}
	}
	while (sfx < 3 && (q[sfx] == 'u' || q[sfx] == 'U' || q[sfx] == 'l' ||
			   q[sfx] == 'L'))
		sfx++;
	if (sfx)
		n->csuffix = true;
	q += sfx;
	if (isalnum((unsigned char)*q) || *q == '_')
		return -1;
	*sp = q;
	return 0;
}

static int
fail(struct eds_num *n, const char *why)
{
	n->why = why;
	return -1;
}

int
eds_parse_int(const char *s, struct eds_num *n)
{
	uint64_t sum = 0, v;
	bool minus, any_minus = false, first = true;

	memset(n, 0, sizeof(*n));
	s = skip_blank(s);
	if (*s == '\0')
		return fail(n, "empty value");
	while (*s != '\0') {
		minus = false;
		if (*s == '+' || *s == '-') {
			minus = *s == '-';
			any_minus |= minus;
			s = skip_blank(s + 1);
		} else if (!first) {
			return fail(n, "expected '+' or '-' between terms");
		}
		if (strncasecmp(s, "$NODEID", 7) == 0) {
			if (n->nodeid)
				return fail(n, "$NODEID used twice");
			if (minus)
				return fail(n, "$NODEID subtracted");
			n->nodeid = true;
			s += 7;
		} else if (term_num(&s, &v, n) == 0) {
			sum = minus ? sum - v : sum + v;
		} else {
			return fail(n, "not a number");
		}
		first = false;
		s = skip_blank(s);
	}
	n->v = sum;
	/* without a '-' anywhere, large values are unsigned, not negative */
	n->neg = any_minus && (int64_t)sum < 0;
	return 0;
}
