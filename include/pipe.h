/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pipe.h - the data flow shared by file replay and live capture:
 * frame -> sinks -> consumers' raw-frame hook -> dissect -> model ->
 * consumers' events */
#ifndef COSNIFF_PIPE_H
#define COSNIFF_PIPE_H

#include <stdbool.h>
#include <stdint.h>

#include "consumer.h"
#include "diag.h"
#include "dissect.h"
#include "net.h"
#include "od_pdo.h"
#include "sink.h"

#define PIPE_MAX_SINKS 16
#define PIPE_MAX_CONSUMERS 8

/*
 * Sinks get every frame as read (loggers: -w, -W); consumers get the
 * frames and the decoded events (consumer.h).  The caller owns the
 * sinks, consumers and model; the pipe only holds pointers.  Fill it
 * with memset 0, then pipe_set_model/pipe_add_*.
 */
struct pipe {
	struct co_sink *sinks[PIPE_MAX_SINKS];
	int nsinks;
	bool sinks_off;                  /* replay re-feed: do not write */
	struct co_consumer *cons[PIPE_MAX_CONSUMERS];
	int ncons;
	/* the same, by what they take (filled by pipe_add_consumer) */
	struct co_consumer *fcons[PIPE_MAX_CONSUMERS];   /* frame() */
	int nfcons;
	struct co_consumer *econs[PIPE_MAX_CONSUMERS];   /* decoded events */
	int necons;
	bool decode;                     /* some consumer takes events */
	struct co_ctx ctx;
	struct pdo_value pdo_vals[PDO_MAX_ENTRIES];   /* ctx.pdo_vals */
	struct co_net *net;              /* model, or NULL (pipe_set_model) */
	struct diag *diag;               /* --diagnose: its deadlines run in
					  * pipe_idle(); once it finds the
					  * traffic is not CANopen the model
					  * is no longer fed */
	uint64_t nframes;
	uint64_t nsink_err;              /* failed sink writes */
	/* report a sink's first failure (main decides where) */
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
};

/* Attach the network model (or NULL: frames go to sinks and raw-frame
 * consumers only); the dissectors then see the model through p->ctx. */
void pipe_set_model(struct pipe *p, struct co_net *net);
/* Add a sink / a consumer at the end of the list; -1 when full. */
int pipe_add_sink(struct pipe *p, struct co_sink *s);
int pipe_add_consumer(struct pipe *p, struct co_consumer *c);
/* Feed one frame through sinks, consumers, dissectors and model; derived
 * events follow the frame's own event. */
void pipe_frame(struct pipe *p, const struct co_frame *f);
/* Hand an event that has no frame (source notes, link, drops) to every
 * consumer, notes_only ones included. */
void pipe_event(struct pipe *p, const struct co_event *ev);
/* Report frames lost at the source (a CO_EV_DROP event). */
void pipe_drop(struct pipe *p, uint64_t ts_ns, const char *iface,
	       uint32_t count,
	       uint64_t total);
/* Nothing received: run the model's deadlines up to now_ns (the clock,
 * in the frame timestamps' time base; frame time in a paced replay). */
void pipe_idle(struct pipe *p, uint64_t now_ns);
/* The model's next deadline in frame time, UINT64_MAX when none. */
uint64_t pipe_next_due(const struct pipe *p);
/* End of input: the model's final deadlines and open transfers, then
 * every consumer's end(). */
void pipe_end(struct pipe *p);
/* A replay starts again: every consumer's reset() (the caller resets the
 * model) and the frame count. */
void pipe_reset(struct pipe *p);
/* Flush every sink (a sink's first failure goes to warn) and every
 * consumer.  Returns -1 when a consumer's output is gone (stop the run);
 * sink failures are only counted. */
int pipe_flush(struct pipe *p);
/* The same for the consumers only (a terminal gets lines at once). */
int pipe_flush_consumers(struct pipe *p);

#endif
