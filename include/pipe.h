/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pipe.h - the data flow shared by file replay and live capture:
 * frame -> sinks -> dissect -> model -> event printer */
#ifndef COSNIFF_PIPE_H
#define COSNIFF_PIPE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "dissect.h"
#include "net.h"
#include "out.h"
#include "sink.h"
#include "stats.h"

enum pipe_fmt { PIPE_TEXT, PIPE_JSON, PIPE_NONE };

#define PIPE_MAX_SINKS 16

struct pipe {
	enum pipe_fmt fmt;
	struct out_opts out;
	FILE *fp;                        /* where events are printed */
	struct co_sink *sinks[PIPE_MAX_SINKS];
	int nsinks;
	struct co_ctx ctx;
	struct co_net *net;              /* model, or NULL (pipe_set_model) */
	struct co_stats *stats;          /* --stats counters, or NULL */
	struct diag *diag;               /* --diagnose findings, or NULL */
	uint64_t nframes;
	uint64_t nsink_err;              /* failed sink writes */
	void (*warn)(const char *msg);   /* report a sink failure (main.c) */
};

/* Attach the network model and/or statistics (either may be NULL);
 * the dissectors then see the model through p->ctx. */
void pipe_set_model(struct pipe *p, struct co_net *net,
		    struct co_stats *st);
/* Attach the diagnosis (after pipe_set_model): it sees every event after
 * the model, and its findings are printed as they are raised. */
void pipe_set_diag(struct pipe *p, struct diag *d);
/* An input line or record that was skipped (for the diagnosis). */
void pipe_bad(struct pipe *p, uint64_t pos, bool no_ts, const char *msg);
/* Feed one frame through sinks, dissectors, model and printers; derived
 * events follow the frame's own line. */
void pipe_frame(struct pipe *p, const struct co_frame *f);
/* Report frames lost at the source. */
void pipe_drop(struct pipe *p, uint64_t ts_ns, uint32_t count,
	       uint64_t total);
/* Live capture with nothing received: run the model's deadlines at now_ns
 * (the clock, in the frame timestamps' time base). */
void pipe_idle(struct pipe *p, uint64_t now_ns);
/* End of input: the model's final deadlines and open transfers. */
void pipe_end(struct pipe *p);
/* Flush every sink; returns -1 if any flush failed. */
int pipe_flush(struct pipe *p);

#endif
