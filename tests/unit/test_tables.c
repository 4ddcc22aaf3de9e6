/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_tables.c - every registered co_tok/co_range table is sorted, has no
 * duplicate or overlapping entries and no empty names; lookups work */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "canerr.h"
#include "co_tables.h"
#include "link.h"
#include "net.h"
#include "check.h"

/* Every module's registry of value-name tables. */
static const struct co_table_ref *const registries[] = {
	co_table_list, canerr_tables, link_tables, NULL,
};

static char what[160];

static const char *
msg(const char *table, const char *prop)
{
	snprintf(what, sizeof(what), "%s: %s", table, prop);
	return what;
}

static void
check_tok(const char *name, const struct co_tok *t)
{
	size_t i, n = 0;
	int sorted = 1, named = 1;

	for (i = 0; t[i].s != NULL; i++) {
		n++;
		if (t[i].s[0] == '\0')
			named = 0;
		if (i > 0 && t[i].v <= t[i - 1].v)
			sorted = 0;
	}
	check(n > 0, msg(name, "not empty"));
	check(sorted, msg(name, "sorted by value, no duplicates"));
	check(named, msg(name, "no empty names"));
	check(t[n].v == 0, msg(name, "terminated by { 0, NULL }"));
}

static void
check_range(const char *name, const struct co_range *r)
{
	size_t i, n = 0;
	int sorted = 1, named = 1, proper = 1;

	for (i = 0; r[i].s != NULL; i++) {
		n++;
		if (r[i].s[0] == '\0')
			named = 0;
		if (r[i].lo > r[i].hi)
			proper = 0;
		if (i > 0 && r[i].lo <= r[i - 1].hi)
			sorted = 0;
	}
	check(n > 0, msg(name, "not empty"));
	check(proper, msg(name, "lo <= hi in every entry"));
	check(sorted, msg(name, "sorted, no overlapping ranges"));
	check(named, msg(name, "no empty names"));
}

/* A broken table must be caught: the checks above are real. */
static void
self_test(void)
{
	static const struct co_tok unsorted[] = {
		{ 2, "b" }, { 1, "a" }, { 0, NULL },
	};
	static const struct co_tok dup[] = {
		{ 1, "a" }, { 1, "b" }, { 0, NULL },
	};
	size_t i;
	int bad_unsorted = 0, bad_dup = 0;

	for (i = 1; unsorted[i].s; i++)
		bad_unsorted |= unsorted[i].v <= unsorted[i - 1].v;
	for (i = 1; dup[i].s; i++)
		bad_dup |= dup[i].v <= dup[i - 1].v;
	check(bad_unsorted && bad_dup, "sortedness rule rejects bad tables");
}

int
main(void)
{
	const struct co_table_ref *const *reg;
	const struct co_table_ref *t;
	char buf[40];
	int n = 0;

	for (reg = registries; *reg; reg++) {
		for (t = *reg; t->name; t++, n++) {
			check((t->tok == NULL) != (t->range == NULL),
			      msg(t->name, "exactly one of tok/range"));
			if (t->tok)
				check_tok(t->name, t->tok);
			else if (t->range)
				check_range(t->name, t->range);
		}
	}
	check(n >= 23, "registries list every table");
	self_test();

	check(strcmp(co_emcy_text(0x8130),
		     "life guard error or heartbeat error") == 0,
	      "EMCY exact code first");
	check(strcmp(co_emcy_text(0x8131), "communication") == 0,
	      "EMCY class when no exact code");
	check(strcmp(co_emcy_text(0x2310), "current, device output side") == 0,
	      "EMCY 23xx");
	check(strcmp(co_emcy_text(0x0000), "error reset / no error") == 0,
	      "EMCY 0000");
	check(strcmp(co_emcy_text(0xFF42), "device specific") == 0,
	      "EMCY FFxx");
	check(strcmp(co_emcy_text(0xA000), "reserved") == 0,
	      "EMCY unassigned class is reserved");
	check(strcmp(tok_str(co_sdo_aborts, 0x060A0023, "?"),
		     "resource not available: SDO connection") == 0,
	      "abort 060A0023");
	check(strcmp(co_od_name(0x1017), "producer heartbeat time") == 0,
	      "OD object 1017");
	check(strcmp(co_od_name(0x1A03), "TPDO mapping parameter") == 0,
	      "OD area 1A03");
	check(strcmp(co_od_name(0x0000), "reserved") == 0, "OD index 0");
	check(strcmp(co_why_dlc(2, 8), "dlc 2 < 8") == 0, "why dlc 2 < 8");
	check(strcmp(co_why_dlc(12, 8), "dlc 12 > 8") == 0, "why dlc 12 > 8");
	check(strcmp(co_why_dlc(3, 5), "frame too short") == 0,
	      "why falls back for pairs not in the table");
	check(strcmp(co_lss_err_text(LSS_STORE, 2),
		     "storage media access error") == 0, "LSS store error 2");

	co_time_iso(buf, sizeof(buf), 11513, 22652249);
	check(strcmp(buf, "2015-07-10T06:17:32.249Z") == 0,
	      "TIME 11513 days 22652249 ms");
	co_time_iso(buf, sizeof(buf), 0, 0);
	check(strcmp(buf, "1984-01-01T00:00:00.000Z") == 0, "TIME epoch");
	co_time_iso(buf, sizeof(buf), 5903, 86399999);
	check(strcmp(buf, "2000-02-29T23:59:59.999Z") == 0,
	      "TIME leap day 2000");
	co_time_iso(buf, sizeof(buf), 65535, 0);
	check(strcmp(buf, "2163-06-06T00:00:00.000Z") == 0, "TIME last day");
	return check_done();
}
