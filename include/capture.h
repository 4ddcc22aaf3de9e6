/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.h - the live main loop: poll the source, drain it through the
 * pipe, flush sinks on a timer, stop cleanly on SIGINT/SIGTERM */
#ifndef COSNIFF_CAPTURE_H
#define COSNIFF_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "pipe.h"
#include "source.h"

#define CAPTURE_FLUSH_MS 200   /* at most this much data at risk */

struct capture_opts {
	bool link;              /* --link: print link status at start and end */
	bool tty;               /* stdout is a terminal: flush lines at once */
	const char *const *ifaces;   /* interface names for link status */
	int nifaces;
};

/* Counters of one capture run (also printed as the summary). */
struct capture_stats {
	uint64_t frames;
	uint64_t drops;        /* reported by the kernel */
	uint64_t notes;
};

/*
 * Run until SIGINT/SIGTERM or a fatal source error.  Prints notes and
 * the summary on stderr (this is program-level code, not library).
 * Returns 0, or -1 after a fatal source error.
 */
int capture_run(struct co_source *src, struct pipe *p,
		const struct capture_opts *o, struct capture_stats *st);

#endif
