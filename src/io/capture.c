/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.c - live main loop (cansniffer.c shape): poll() the source,
 * drain every pending frame, flush sinks at least every 200 ms, follow
 * the link status, stop cleanly on SIGINT/SIGTERM */
#include "config.h"
#include "capture.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "link.h"
#include "src_socketcan.h"

#define DRAIN_MAX 4096          /* frames between clock checks */
#define LINK_PERIOD_NS 1000000000ull
#define TICK_LAG_NS 50000000ull     /* model clock behind the wall clock */

static volatile sig_atomic_t stop_sig;

static void
on_stop(int sig)
{
	stop_sig = sig;
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: poll() returns EINTR and the loop ends */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* a closed stdout pipe is seen by fflush() instead */
	signal(SIGPIPE, SIG_IGN);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t
real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- link status ---- */

struct link_watch {
	struct co_link link[SCAN_MAX_IFACES];
	int n;
	uint64_t next_ns;
};

static void
link_print(const struct co_link *l, const char *when)
{
	char line[512];

	link_fmt(line, sizeof(line), l);
	fprintf(stderr, "cosniff: link %s: %s\n", when, line);
}

/* Frames the driver or the kernel's backlog lost before any socket saw
 * them: not in the sockets' drop counters. */
static uint64_t
link_lost(const struct co_link *l)
{
	return l->cnt.rx_dropped + l->cnt.rx_over_errors +
	       l->cnt.rx_fifo_errors;
}

static void
link_changes(const struct co_link *old, const struct co_link *l,
	     struct capture_stats *st)
{
	if (old->has_state && l->has_state && old->state != l->state) {
		fprintf(stderr, "cosniff: %s: controller %s -> %s "
			"(tx-err %u rx-err %u)\n", l->iface,
			link_state_name(old->state),
			link_state_name(l->state), l->txerr, l->rxerr);
		st->notes++;
	}
	if (old->has_stats && l->has_stats && link_lost(l) > link_lost(old)) {
		fprintf(stderr, "cosniff: %s: %llu frames lost before capture "
			"(interface rx-dropped/overrun counters)\n", l->iface,
			(unsigned long long)(link_lost(l) - link_lost(old)));
		st->notes++;
	}
}

/* Refresh every link; report state changes and lost frames on stderr. */
static void
link_refresh(struct link_watch *w, struct capture_stats *st)
{
	char name[CO_IFNAMSIZ];
	int i;

	for (i = 0; i < w->n; i++) {
		struct co_link old = w->link[i];

		memcpy(name, old.iface, sizeof(name));
		if (link_query(name, &w->link[i]) < 0) {
			w->link[i] = old;   /* gone for now: keep the last */
			continue;
		}
		link_changes(&old, &w->link[i], st);
	}
}

static void
link_start(struct link_watch *w, const struct capture_opts *o)
{
	int i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < o->nifaces && i < SCAN_MAX_IFACES; i++) {
		if (strcmp(o->ifaces[i], "any") == 0)
			continue;
		w->n++;
		link_query(o->ifaces[i], &w->link[w->n - 1]);
		if (o->link)
			link_print(&w->link[w->n - 1], "at start");
	}
}

/* ---- draining ---- */

static void
report(struct co_source *src, int rc, struct capture_stats *st)
{
	if (rc == SRC_NOTE) {
		fprintf(stderr, "cosniff: %s\n", src->msg);
		st->notes++;
	} else if (rc == SRC_DROP || rc == SRC_BAD || rc == SRC_ERR) {
		fprintf(stderr, "cosniff: %s\n", src->msg);
	}
}

/* Feed pending frames through the pipe.  Returns -1 on a fatal source
 * error, 1 when the source is idle, 0 when DRAIN_MAX was reached. */
static int
drain(struct co_source *src, struct pipe *p, struct capture_stats *st)
{
	struct co_frame f;
	int i, rc;

	for (i = 0; i < DRAIN_MAX; i++) {
		rc = src->next(src, &f);
		switch (rc) {
		case SRC_FRAME:
			pipe_frame(p, &f);
			st->frames++;
			continue;
		case SRC_IDLE:
		case SRC_EOF:
			return 1;
		case SRC_DROP:
			pipe_drop(p, f.ts_ns, src->drop_delta, src->ndrop);
			st->drops += src->drop_delta;
			break;
		default:
			break;
		}
		report(src, rc, st);
		if (rc == SRC_ERR)
			return -1;
	}
	return 0;
}

/* ---- flushing ---- */

/* Kernel drops after the last delivered frame (seen via SO_MEMINFO). */
static void
final_drops(struct co_source *src, struct pipe *p, struct capture_stats *st)
{
	uint64_t k = src_socketcan_kernel_drops(src);

	if (k <= st->drops)
		return;
	pipe_drop(p, real_ns(), (uint32_t)(k - st->drops), k);
	fprintf(stderr, "cosniff: %llu more frame%s dropped by the kernel "
		"at the end of the capture\n",
		(unsigned long long)(k - st->drops), k - st->drops == 1 ?
		"" : "s");
	st->drops = k;
}

static int
poll_ms(uint64_t now, uint64_t next_flush)
{
	if (next_flush <= now)
		return 0;
	return (int)((next_flush - now) / 1000000u) + 1;
}

int
capture_run(struct co_source *src, struct pipe *p,
	    const struct capture_opts *o, struct capture_stats *st)
{
	struct pollfd pfd = { .fd = src->fd, .events = POLLIN };
	struct link_watch lw;
	uint64_t now, next_flush;
	int rc = 0, d;

	memset(st, 0, sizeof(*st));
	catch_signals();
	link_start(&lw, o);
	next_flush = now_ns() + CAPTURE_FLUSH_MS * 1000000ull;
	lw.next_ns = now_ns() + LINK_PERIOD_NS;
	while (!stop_sig) {
		now = now_ns();
		if (poll(&pfd, 1, poll_ms(now, next_flush)) < 0 &&
		    errno != EINTR)
			break;
		d = drain(src, p, st);
		if (d < 0) {
			rc = -1;
			break;
		}
		now = now_ns();
		if (d == 1) {
			/* all pending frames seen: the model's deadlines
			 * (heartbeat loss) run on the clock, a little behind
			 * it so that frames still in flight are not "late" */
			pipe_idle(p, real_ns() - TICK_LAG_NS);
			if (o->tty)
				fflush(p->fp);
		}
		if (now >= next_flush) {
			pipe_flush(p);   /* reports a sink's first failure */
			next_flush = now + CAPTURE_FLUSH_MS * 1000000ull;
		}
		if (now >= lw.next_ns) {
			link_refresh(&lw, st);
			lw.next_ns = now + LINK_PERIOD_NS;
		}
		if (p->fp && ferror(p->fp))
			break;   /* stdout closed (| head): stop like EPIPE */
	}
	/* what is already queued in the kernel still belongs to the run
	 * (bounded: a flood must not keep us from exiting) */
	for (d = 0; rc == 0 && d < 64 && drain(src, p, st) == 0; d++)
		;
	final_drops(src, p, st);
	pipe_flush(p);
	if (o->link) {
		link_refresh(&lw, st);
		for (d = 0; d < lw.n; d++)
			link_print(&lw.link[d], "at end");
	}
	return rc;
}
