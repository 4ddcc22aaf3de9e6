/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tok.h - value-name tables (tcpdump struct tok, Wireshark range_string) */
#ifndef COSNIFF_TOK_H
#define COSNIFF_TOK_H

#include <stdint.h>

/* Terminated by { 0, NULL }; sorted by v, no duplicates (unit-tested). */
struct co_tok {
	uint32_t v;
	const char *s;
};

/* Terminated by { 0, 0, NULL }; sorted by lo, not overlapping unless a
 * narrower range precedes... see range_str: the first match wins. */
struct co_range {
	uint32_t lo, hi;
	const char *s;
};

/* A named table, for registries that the table invariant unit test walks
 * (co_table_list, canerr_tables, link_tables); a registry ends with name
 * NULL.  Every module with co_tok/co_range tables exports one. */
struct co_table_ref {
	const char *name;
	const struct co_tok *tok;     /* one of tok/range is set */
	const struct co_range *range;
};

const char *tok_str(const struct co_tok *t, uint32_t v, const char *dflt);
const char *range_str(const struct co_range *r, uint32_t v, const char *dflt);

#endif
