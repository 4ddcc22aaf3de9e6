/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dissect.h - frame -> event: frame-level rules and table routing */
#ifndef COSNIFF_DISSECT_H
#define COSNIFF_DISSECT_H

#include "event.h"
#include "frame.h"

struct co_net;

/* Read-only view of what decoding may depend on (the model's state). */
struct co_ctx {
	const struct co_net *net;   /* NULL: predefined connection set only */
};

/* Decode one frame into *ev (always filled; never fails). */
void dissect_frame(const struct co_ctx *ctx, const struct co_frame *f,
		   struct co_event *ev);

#endif
