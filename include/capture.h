/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.h - live capture around the main loop (loop.h): link status
 * at start, every second and at the end, and the kernel drops after the
 * last frame, as events in the pipe (CO_EV_LINK*, CO_EV_DROP) */
#ifndef COSNIFF_CAPTURE_H
#define COSNIFF_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "link.h"
#include "pipe.h"
#include "source.h"
#include "src_socketcan.h"

#define CAPTURE_FLUSH_MS 100         /* a kill loses < 200 ms of frames */
#define CAPTURE_LINK_PERIOD_MS 1000  /* link status refresh */

struct capture_opts {
	bool link;              /* --link: link status events at start, end */
	const char *const *ifaces;   /* interface names for link status */
	int nifaces;
};

/* Counters of one capture run (also printed as the summary). */
struct capture_stats {
	uint64_t frames;
	uint64_t drops;        /* reported by the kernel */
	uint64_t final_drops;  /* of those, seen only at the end */
	uint64_t notes;        /* NOTE and LINK_STATE/LINK_LOST events */
	uint64_t reordered;    /* put back in timestamp order (--reorder-ms) */
	uint64_t late;         /* out of order by more than the hold */
};

/* The links of a live run, refreshed every CAPTURE_LINK_PERIOD_MS. */
struct capture_links {
	struct co_link link[SOCKETCAN_MAX_IFACES];
	int n;
};

/* Query every interface of o (not "any"); with o->link a CO_EV_LINK
 * event for each. */
void capture_start(struct capture_links *w, const struct capture_opts *o,
		   struct pipe *p);
/* Refresh every link; CO_EV_LINK_STATE for a controller state change,
 * CO_EV_LINK_LOST for frames lost before capture. */
void capture_refresh(struct capture_links *w, struct pipe *p,
		     struct capture_stats *st);
/* End of a live run: kernel drops after the last delivered frame (a
 * CO_EV_DROP event, st->final_drops); with o->link the links again. */
void capture_end(struct capture_links *w, const struct capture_opts *o,
		 struct co_source *src, struct pipe *p,
		 struct capture_stats *st);

#endif
