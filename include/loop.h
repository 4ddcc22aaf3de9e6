/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loop.h - the one main loop for files and interfaces: read frames into
 * the pipe, poll the source, a client (the view's keyboard) and the next
 * deadline; replay pacing; clean stop on SIGINT/SIGTERM */
#ifndef COSNIFF_LOOP_H
#define COSNIFF_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "capture.h"
#include "pipe.h"
#include "source.h"

#define LOOP_BUDGET_NS 20000000ull  /* frames at most this long between
				     * looks at the client and the clock */
#define LOOP_NEVER UINT64_MAX

/*
 * A client of the loop: the full-screen view.  Every turn of the loop
 * (at least after each budget of frames, and at its deadline) calls
 * tick(arg, now) with the monotonic clock in ns; tick returns the next
 * time it wants to be called (LOOP_NEVER: only after input or frames).
 * When fd (or -1) is readable, input(arg) is called; it reads the keys and
 * may change loop.replay or set loop.stop.  Callbacks must not call
 * loop_run.
 */
struct loop_client {
	int fd;
	void (*input)(void *arg);
	uint64_t (*tick)(void *arg, uint64_t now_ns);
	void *arg;
};

/*
 * Replay control of a file source, read and written by the client
 * between calls.  Without a client, a speed set before loop_run() paces
 * the replay (the run ends at the end of the file); with speed 0 the loop
 * is a plain read loop, as fast as offline decoding can be.
 */
struct loop_replay {
	/* written by the client; the loop acts on them at its next turn */
	double speed;          /* 1.0 = recorded pace, 0 = at once */
	bool paused;
	bool step;             /* deliver the next frame, then pause */
	int64_t jump_ns;       /* jump by this much frame time (< 0: back);
				* cleared by the loop when done */
	/* read-only for the client */
	bool can_jump_back;    /* the source can be reopened (not stdin) */
	uint64_t first_ns;     /* time of the first frame, 0 before it */
	uint64_t cur_ns;       /* replay position (frame time) */
	uint64_t last_ns;      /* time of the last frame of the file (read
				* ahead when a client is attached), 0 if
				* unknown */
	uint64_t frames;       /* frames delivered since the file start */
	bool at_end;           /* end of file reached (the loop goes on
				* serving the client until it stops) */
};

/*
 * One run.  The caller fills the inputs (memset 0 first), calls
 * loop_run() once, then reads the results and closes l->src (a jump back
 * replaces it with a reopened source).  The caller owns the pipe; the
 * loop calls pipe_end() at the end of input, never for a live run.
 */
/* Live: frames are held this long by default to pass them on in the
 * order of their timestamps (--reorder-ms; src/io/reorder.h says why). */
#define LOOP_REORDER_MS_DEFAULT 10u
#define LOOP_REORDER_MS_MAX 1000u

struct reorder;

struct loop {
	/* inputs */
	struct co_source *src;
	const char *path;           /* file to reopen for a jump back */
	struct pipe *pipe;
	const struct capture_opts *live;   /* NULL: src is a file */
	struct loop_client *client; /* NULL: none */
	bool flush_idle;            /* flush consumers whenever idle (tty) */
	unsigned reorder_ms;        /* live: hold for stamp order (0: off) */
	/* before a jump back re-feeds the file: reset the model (the loop
	 * then calls pipe_reset and feeds without writing sinks up to where
	 * they already are) */
	void (*reset)(void *arg);
	void *reset_arg;
	/* a source message: SRC_BAD, SRC_NOTE, SRC_DROP, SRC_ERR with
	 * src->msg (and src->pos); main decides where it goes.  A live
	 * source's SRC_NOTE is a CO_EV_NOTE event in the pipe instead, and
	 * SRC_DROP is a CO_EV_DROP event as well */
	void (*report)(void *arg, const struct co_source *src, int rc);
	void *report_arg;
	/* written by the client to end the run */
	volatile bool stop;
	struct loop_replay replay;
	/* live: the links, refreshed every second (read-only for the
	 * client during the run; NULL otherwise) */
	const struct capture_links *links;
	struct reorder *ro;         /* live: the held frames (loop.c) */
	/* results */
	struct capture_stats st;    /* frames, kernel drops, notes, order */
	int signal;                 /* the signal that ended the run, or 0 */
	bool src_failed;            /* a fatal source error ended it */
};

/*
 * Run until end of input (files without a client), the client's stop,
 * SIGINT/SIGTERM/SIGHUP, a closed output (a consumer's flush failed) or
 * a fatal source error.  Installs the signal handlers (SIGPIPE ignored
 * for live runs).  Returns 0, or -1 after a fatal source error.
 */
int loop_run(struct loop *l);

#endif
