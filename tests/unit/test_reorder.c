/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_reorder.c - live frames held for timestamp order: order, numbers,
 * the hold, a full buffer, pass-through */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "../../src/io/reorder.h"
#include "check.h"

#define MS 1000000ull

static struct co_frame
frame(uint64_t ts, uint32_t id, uint64_t n)
{
	struct co_frame f;

	memset(&f, 0, sizeof(f));
	f.ts_ns = ts;
	f.id = id;
	f.pos = f.index = n;
	return f;
}

/* An answer (id 0x585) that arrived before its request (0x605): passed
 * on after the request, the numbers in arrival sequence. */
static void
test_order(void)
{
	struct reorder r;
	struct co_frame f, out[4];
	int n = 0;

	check(reorder_init(&r, 10) == 0, "init");
	f = frame(1000, 0x701, 1);
	check(!reorder_put(&r, &f, 0, &out[0]), "held");
	f = frame(3000, 0x585, 2);
	reorder_put(&r, &f, 1 * MS, &out[0]);
	f = frame(2000, 0x605, 3);
	reorder_put(&r, &f, 2 * MS, &out[0]);
	check(reorder_due(&r) == 10 * MS && !reorder_pop(&r, 10 * MS - 1, &f),
	      "nothing before the oldest arrival's hold has passed");
	while (n < 4 && reorder_pop(&r, 12 * MS, &out[n]))
		n++;
	check(n == 3 && out[0].id == 0x701 && out[1].id == 0x605 &&
	      out[2].id == 0x585, "passed on in timestamp order");
	check(out[0].index == 1 && out[1].index == 2 && out[2].index == 3 &&
	      out[1].pos == 2, "numbers in arrival sequence");
	check(r.moved == 1 && r.late == 0, "one put back, none late");
	f = frame(1500, 0x181, 4);
	reorder_put(&r, &f, 20 * MS, &out[0]);
	check(r.late == 1 && reorder_pop(&r, UINT64_MAX, &out[0]) &&
	      out[0].id == 0x181 && reorder_due(&r) == UINT64_MAX,
	      "later than the hold: counted, passed on, all flushed");
	reorder_free(&r);
}

/* A full buffer lets the oldest go at once; hold 0 holds nothing. */
static void
test_full_and_off(void)
{
	struct reorder r;
	struct co_frame f, out;
	unsigned i, early = 0;
	uint64_t last = 0;
	bool sorted = true;

	reorder_init(&r, 10);
	for (i = 0; i < REORDER_CAP + 5; i++) {
		f = frame((uint64_t)(i ^ 1) * 100, 0x100, i + 1);
		if (reorder_put(&r, &f, 0, &out)) {
			early++;
			sorted = sorted && out.ts_ns >= last;
			last = out.ts_ns;
		}
	}
	while (reorder_pop(&r, UINT64_MAX, &out)) {
		sorted = sorted && out.ts_ns >= last;
		last = out.ts_ns;
	}
	check(early == 5 && sorted, "full: the oldest go at once, in order");
	reorder_free(&r);
	check(reorder_init(&r, 0) == 0 && r.f == NULL, "hold 0: nothing kept");
	f = frame(5, 0x80, 9);
	check(reorder_put(&r, &f, 0, &out) && out.id == 0x80 &&
	      out.index == 9 && reorder_due(&r) == UINT64_MAX,
	      "hold 0: passed straight on");
	reorder_free(&r);
}

int
main(void)
{
	test_order();
	test_full_and_off();
	return check_done();
}
