/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui.h - the full-screen ncurses view: one more consumer of the events
 * and a reader of the model, driven by the main loop as its client */
#ifndef COSNIFF_UI_H
#define COSNIFF_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "consumer.h"
#include "loop.h"
#include "msgring.h"
#include "net.h"

#define UI_HISTORY_DEFAULT 100000u   /* trace lines kept (--history) */
#define UI_HISTORY_MAX 10000000u

struct ui_opts {
	const char *source;          /* file name or interface list */
	bool replay;                 /* -r FILE: replay controls */
	double speed;                /* initial replay speed */
	unsigned history;            /* trace lines kept */
	bool exit_at_end;            /* replay: stop once the end is drawn */
	bool verbose;                /* -v lines in the trace */
	const char *logs[32];        /* -w/-W files, shown with sizes */
	int nlogs;
	int npcap;                   /* logs[0..npcap) are -w, the rest -W */
	uint32_t bitrate;            /* --bitrate, 0 unknown */
	const struct pipe *pipe;     /* its sinks: files shown with sizes */
	bool no_color;               /* --no-color (NO_COLOR works too) */
	const struct diag *diag;     /* findings for the diagnosis pane, or
				      * NULL (then: the view's own notes) */
	struct can_tx *tx;           /* --active: commands go out here (not
				      * owned); NULL: the view never sends */
	const char *tx_iface;        /* its interface name */
};

struct ui;
struct diag;
struct can_tx;

/*
 * Take the terminal (initscr) and build the view.  net, msgs and the loop
 * must outlive it; the view only reads net.  Returns NULL with errno
 * set when the terminal cannot be used (the caller falls back to lines).
 */
struct ui *ui_open(const struct ui_opts *opt, const struct co_net *net,
		   struct msgring *msgs, struct loop *l);
/* The consumer to add to the pipe and the client to give the loop. */
struct co_consumer *ui_consumer(struct ui *u);
struct loop_client *ui_client(struct ui *u);
/* Restore the terminal (endwin) and free the view. */
void ui_close(struct ui *u);

/* True when stdout and stdin are terminals a view can use. */
bool ui_possible(void);

#endif
