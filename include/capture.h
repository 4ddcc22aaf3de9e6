/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.h - live capture around the main loop (loop.h): link status
 * at start, every second and at the end; kernel drops after the last
 * frame */
#ifndef COSNIFF_CAPTURE_H
#define COSNIFF_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "link.h"
#include "pipe.h"
#include "source.h"
#include "src_socketcan.h"

#define CAPTURE_FLUSH_MS 200         /* at most this much data at risk */
#define CAPTURE_LINK_PERIOD_MS 1000  /* link status refresh */

struct capture_opts {
	bool link;              /* --link: print link status at start and end */
	const char *const *ifaces;   /* interface names for link status */
	int nifaces;
};

/* Counters of one capture run (also printed as the summary). */
struct capture_stats {
	uint64_t frames;
	uint64_t drops;        /* reported by the kernel */
	uint64_t notes;
};

/* The links of a live run, refreshed every CAPTURE_LINK_PERIOD_MS. */
struct capture_links {
	struct co_link link[SOCKETCAN_MAX_IFACES];
	int n;
};

/* Query every interface of o (not "any"); with o->link show them. */
void capture_start(struct capture_links *w, const struct capture_opts *o);
/* Refresh every link; report controller state changes and frames lost
 * before capture. */
void capture_refresh(struct capture_links *w, struct capture_stats *st);
/* End of a live run: kernel drops after the last delivered frame (as a
 * CO_EV_DROP event and in st->drops); with o->link the links again. */
void capture_end(struct capture_links *w, const struct capture_opts *o,
		 struct co_source *src, struct pipe *p,
		 struct capture_stats *st);

#endif
