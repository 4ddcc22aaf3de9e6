/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dissect.h - frame -> event: frame-level rules and table routing */
#ifndef COSNIFF_DISSECT_H
#define COSNIFF_DISSECT_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "frame.h"

struct co_net;

/*
 * Read-only view of what decoding may depend on (the model's state).
 * Dissectors never remember anything themselves; where the meaning of a
 * frame depends on earlier frames (SDO block sub-block segments, PDO
 * mappings) they ask the model through this const context.
 */
struct co_ctx {
	const struct co_net *net;   /* NULL: predefined connection set only */
	/* true while SDO channel chan of node is inside a block sub-block in
	 * direction dir, i.e. the next frame that way is a c|seqno segment;
	 * NULL when there is no model */
	bool (*sdo_in_block)(const struct co_net *net, uint8_t node,
			     uint8_t chan, uint8_t dir);
};

/* Decode one frame into *ev (always filled; never fails). */
void dissect_frame(const struct co_ctx *ctx, const struct co_frame *f,
		   struct co_event *ev);

#endif
