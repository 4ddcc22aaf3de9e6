/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reorder.c - live frames held a few milliseconds and passed on in the
 * order of their timestamps */
#include "config.h"
#include "reorder.h"

#include <stdlib.h>
#include <string.h>

#include "co_ids.h"

int
reorder_init(struct reorder *r, unsigned hold_ms)
{
	memset(r, 0, sizeof(*r));
	if (hold_ms == 0)
		return 0;
	r->f = calloc(REORDER_CAP, sizeof(*r->f));
	r->a = calloc(REORDER_CAP, sizeof(*r->a));
	if (r->f == NULL || r->a == NULL) {
		reorder_free(r);
		return -1;
	}
	r->hold_ns = (uint64_t)hold_ms * NS_PER_MS;
	return 0;
}

void
reorder_free(struct reorder *r)
{
	free(r->f);
	free(r->a);
	memset(r, 0, sizeof(*r));
}

/* The held frame with the smallest stamp goes, numbered as the oldest
 * arrival. */
static void
take_first(struct reorder *r, struct co_frame *out)
{
	const struct reorder_arrival *a = &r->a[r->a_head];

	*out = r->f[r->first];
	r->out_ts = out->ts_ns;
	out->pos = a->pos;
	out->index = a->index;
	r->a_head = (r->a_head + 1) % REORDER_CAP;
	r->first++;
	if (--r->n == 0)
		r->first = 0;
}

/* Insert f by its stamp; frames mostly come in order, so the search
 * starts at the end. */
static void
insert(struct reorder *r, const struct co_frame *f, uint64_t now)
{
	struct reorder_arrival *a;
	unsigned end, at;

	if (r->first + r->n == REORDER_CAP) {
		memmove(r->f, r->f + r->first, r->n * sizeof(*r->f));
		r->first = 0;
	}
	end = r->first + r->n;
	at = end;
	while (at > r->first && r->f[at - 1].ts_ns > f->ts_ns)
		at--;
	if (at < end) {
		memmove(r->f + at + 1, r->f + at, (end - at) * sizeof(*r->f));
		r->moved++;
	}
	r->f[at] = *f;
	a = &r->a[(r->a_head + r->n) % REORDER_CAP];
	a->due = now + r->hold_ns;
	a->pos = f->pos;
	a->index = f->index;
	r->n++;
}

bool
reorder_put(struct reorder *r, const struct co_frame *f, uint64_t now,
	    struct co_frame *out)
{
	bool full = false;

	if (r->hold_ns == 0) {
		*out = *f;
		return true;
	}
	if (f->ts_ns < r->out_ts)
		r->late++;
	if (r->n == REORDER_CAP) {
		take_first(r, out);
		full = true;
	}
	insert(r, f, now);
	return full;
}

bool
reorder_pop(struct reorder *r, uint64_t now, struct co_frame *out)
{
	if (r->n == 0 || r->a[r->a_head].due > now)
		return false;
	take_first(r, out);
	return true;
}

uint64_t
reorder_due(const struct reorder *r)
{
	return r->n == 0 ? UINT64_MAX : r->a[r->a_head].due;
}
