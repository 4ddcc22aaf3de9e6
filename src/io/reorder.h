/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reorder.h - live frames held a few milliseconds and passed on in the
 * order of their timestamps (private to src/io) */
#ifndef COSNIFF_REORDER_H
#define COSNIFF_REORDER_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"

/*
 * Why: the kernel stamps a frame when it queues it for the receiving
 * sockets, on the CPU that sent or received it, and each CPU then hands
 * its queue over on its own.  On a vcan of an SMP machine the answer of
 * a local program can reach a socket before the request that caused it,
 * though its stamp is later.  Holding each frame until a few ms
 * (LOOP_REORDER_MS_DEFAULT) have passed since the oldest held one arrived
 * puts such frames back in stamp order.  Frame numbers (pos, index) stay
 * in arrival sequence: the n-th frame passed on has the n-th number.
 */
#define REORDER_CAP 4096u       /* frames held at most; then the oldest go */

struct reorder_arrival {
	uint64_t due;           /* monotonic ns: pass one frame on by then */
	uint64_t pos, index;
};

struct reorder {
	uint64_t hold_ns;       /* 0: frames pass straight through */
	struct co_frame *f;     /* f[first .. first+n-1] sorted by ts_ns */
	struct reorder_arrival *a;   /* ring in arrival order, n items */
	unsigned first, n, a_head;
	uint64_t out_ts;        /* stamp of the last frame passed on */
	uint64_t moved;         /* frames put back before later-stamped ones */
	uint64_t late;          /* frames stamped before one already passed
				 * on: more out of order than the hold */
};

/* hold_ms 0: no holding (nothing is allocated).  -1 without memory. */
int reorder_init(struct reorder *r, unsigned hold_ms);
void reorder_free(struct reorder *r);

/*
 * Take frame f that arrived at now (monotonic ns).  true with *out set
 * when a frame must be passed on at once: f itself without holding, or
 * the oldest when REORDER_CAP frames are held.
 */
bool reorder_put(struct reorder *r, const struct co_frame *f, uint64_t now,
		 struct co_frame *out);

/* true with *out set: the next frame whose time has come at now
 * (UINT64_MAX: every held frame, in order). */
bool reorder_pop(struct reorder *r, uint64_t now, struct co_frame *out);

/* When reorder_pop() has a frame next (UINT64_MAX: none held). */
uint64_t reorder_due(const struct reorder *r);

#endif
