/* SPDX-License-Identifier: GPL-2.0-or-later */
/* consumer.h - event consumers: everything that reads the decoded stream
 * (text and JSON printers, statistics, the view, findings) */
#ifndef COSNIFF_CONSUMER_H
#define COSNIFF_CONSUMER_H

#include <stdbool.h>
#include <stdio.h>

#include "event.h"
#include "frame.h"
#include "out.h"
#include "stats.h"

/*
 * One consumer of the pipe (pipe.h).  The pipe calls, for every frame:
 *   frame(c, f)    first, before decoding (raw-frame counters);
 *   event(c, ev)   for the frame's decoded event, then for each event the
 *                  model derives from it (and for timeouts, source notes);
 * and once per run:
 *   end(c)         at the end of input, after the model's final events;
 *   reset(c)       a replay jumped back: forget everything, the pipe feeds
 *                  the run again from the first frame;
 *   flush(c)       push buffered output; -1 when the output is gone (a
 *                  closed stdout): the run then stops.
 * Every callback is optional (NULL).  A consumer without event(), or
 * with notes_only set, costs no decoding: when no other consumer takes
 * events, the pipe decodes only the frames the model needs (the fast
 * `-q --stats` run).  A notes_only consumer gets only the events the
 * pipe emits itself (pipe_event, pipe_drop: CO_EV_DROP, CO_EV_NOTE,
 * CO_EV_LINK*), never decoded or derived ones.
 *
 * Lifetime: ev, ev->frame and every pointer inside the event (SDO data,
 * names, PDO maps, reason strings) point into the frame being handled or
 * into the model, and are valid only during the call.  A consumer that
 * keeps events (the view's history, a findings list) must copy what it
 * needs or format the line at once; the model changes later (a remapped
 * PDO must not redraw old frames with the new mapping).
 *
 * Callbacks must not call back into the pipe.  priv is the consumer's own.
 */
struct co_consumer {
	const char *name;
	void (*frame)(struct co_consumer *c, const struct co_frame *f);
	void (*event)(struct co_consumer *c, const struct co_event *ev);
	void (*end)(struct co_consumer *c);
	void (*reset)(struct co_consumer *c);
	int (*flush)(struct co_consumer *c);
	bool notes_only;
	void *priv;
};

/* The line printers: one text line or one JSON object per event on fp.
 * *c is filled in place; fp and opt must outlive it.  flush() is fflush
 * and reports ferror(fp). */
struct co_printer {
	struct co_consumer c;
	FILE *fp;
	struct out_opts opt;
};
void consumer_text_init(struct co_printer *p, FILE *fp,
			const struct out_opts *opt);
void consumer_json_init(struct co_printer *p, FILE *fp,
			const struct out_opts *opt);

/* Statistics (--stats) as a consumer of raw frames: stats_frame() for
 * each, stats_finish() at the end; reset() keeps the bitrate settings.
 * st must outlive the consumer. */
void consumer_stats_init(struct co_consumer *c, struct co_stats *st);

#endif
