/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tok.c - value-name table lookup */
#include "config.h"
#include "tok.h"

#include <stddef.h>

const char *
tok_str(const struct co_tok *t, uint32_t v, const char *dflt)
{
	for (; t->s != NULL; t++)
		if (t->v == v)
			return t->s;
	return dflt;
}

const char *
range_str(const struct co_range *r, uint32_t v, const char *dflt)
{
	for (; r->s != NULL; r++)
		if (v >= r->lo && v <= r->hi)
			return r->s;
	return dflt;
}
