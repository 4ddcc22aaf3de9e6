/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loop.c - the one main loop (cansniffer.c shape): poll() the source, the
 * client's fd and the next deadline; drain frames within a time budget;
 * pace a replay; stop cleanly on SIGINT/SIGTERM/SIGHUP */
#include "config.h"
#include "loop_priv.h"
#include "reorder.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#define TICK_LAG_NS 50000000ull  /* live model clock behind the wall clock */
#define FINAL_DRAIN_MS 10000     /* at most this long draining after a
					 * live stop (frames queued before it) */

static volatile sig_atomic_t stop_sig;
static uint64_t file_flush;      /* file input: the next timed flush */

/* The first signal asks the loop to stop; a second one while it is still
 * stopping (a blocked read) ends the program the default way. */
static void
on_stop(int sig)
{
	if (stop_sig != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	stop_sig = sig;
}

static void
catch_signals(bool live)
{
	struct sigaction sa;

	stop_sig = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: poll() returns EINTR and the loop ends */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* live: a closed stdout pipe is seen by the printer's flush */
	if (live)
		signal(SIGPIPE, SIG_IGN);
}

static uint64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t
loop_mono_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

bool
loop_stopping(const struct loop *l)
{
	return stop_sig != 0 || l->stop;
}

int
loop_signal(void)
{
	return stop_sig;
}

int
loop_poll_ms(uint64_t now, uint64_t deadline)
{
	uint64_t ms;

	if (deadline == LOOP_NEVER)
		return -1;
	if (deadline <= now)
		return 0;
	ms = (deadline - now + LOOP_NS_PER_MS - 1) / LOOP_NS_PER_MS;
	return ms > 60000 ? 60000 : (int)ms;
}

static uint64_t
min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* A live source's note (interface down, up again, ...) as an event. */
static void
live_note(struct loop *l, const struct co_source *src)
{
	struct co_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_NOTE;
	ev.ts_ns = clock_ns(CLOCK_REALTIME);
	ev.u.link.text = src->msg;
	pipe_event(l->pipe, &ev);
}

/* What next() returned when it was no frame: 0 to read on, -1 at the
 * end of input (or nothing pending), -2 after a fatal error. */
static int
other_item(struct loop *l, int rc, const struct co_frame *f)
{
	struct co_source *src = l->src;

	switch (rc) {
	case SRC_EOF:
	case SRC_IDLE:
		return -1;
	case SRC_DROP:
		pipe_drop(l->pipe, f->ts_ns, src->drop_delta, src->ndrop);
		l->st.drops += src->drop_delta;
		break;
	case SRC_NOTE:
		l->st.notes++;
		if (l->live) {          /* part of the record */
			live_note(l, src);
			return 0;
		}
		break;
	default:
		break;
	}
	/* a replay that jumped back already reported these */
	if (l->report && !l->pipe->sinks_off)
		l->report(l->report_arg, src, rc);
	if (rc == SRC_ERR) {
		l->src_failed = true;
		return -2;
	}
	return 0;
}

int
loop_next_frame(struct loop *l, struct co_frame *f)
{
	int rc;

	for (;;) {
		rc = l->src->next(l->src, f);
		if (rc == SRC_FRAME)
			return 1;
		rc = other_item(l, rc, f);
		if (rc < 0)
			return rc == -1 ? 0 : -1;
	}
}

void
loop_client_input(struct loop *l, const struct pollfd *pfd)
{
	if (l->client && l->client->input &&
	    (pfd->revents & (POLLIN | POLLHUP | POLLERR)))
		l->client->input(l->client->arg);
}

uint64_t
loop_client_tick(struct loop *l, uint64_t now)
{
	if (l->client == NULL || l->client->tick == NULL)
		return LOOP_NEVER;
	return l->client->tick(l->client->arg, now);
}

void
loop_flush_due(struct loop *l, uint64_t now, uint64_t *next_flush)
{
	if (now < *next_flush)
		return;
	if (pipe_flush(l->pipe) != 0)
		l->stop = true;
	*next_flush = now + CAPTURE_FLUSH_MS * LOOP_NS_PER_MS;
}

/* ---- files without a client: as fast as a plain read loop ---- */

static int
run_plain(struct loop *l)
{
	struct co_source *src = l->src;
	struct pipe *p = l->pipe;
	struct co_frame f;
	uint64_t n = 0, last = 0;
	int rc = 0;

	/* the hot loop of offline decoding: frames straight to the pipe */
	while (stop_sig == 0) {
		rc = src->next(src, &f);
		if (rc == SRC_FRAME) {
			pipe_frame(p, &f);
			last = f.ts_ns;
			n++;
		} else if ((rc = other_item(l, rc, &f)) < 0) {
			break;
		}
	}
	if (rc == -1 && stop_sig == 0)
		l->replay.at_end = true;
	l->signal = stop_sig;
	l->st.frames = n;
	l->replay.frames = n;
	l->replay.cur_ns = last;
	pipe_end(l->pipe);
	return l->src_failed ? -1 : 0;
}

/* ---- live: poll the sockets, the client and the deadlines ---- */

/* Feed pending frames within the budget: 1 when the source is idle,
 * 0 when the budget ran out, -1 on a fatal source error. */
/* Pass on the held frames whose time has come at now (UINT64_MAX:
 * all). */
static void
release_due(struct loop *l, uint64_t now)
{
	struct co_frame f;

	while (reorder_pop(l->ro, now, &f))
		pipe_frame(l->pipe, &f);
}

static int
drain_live(struct loop *l)
{
	uint64_t now = loop_mono_ns(), until = now + LOOP_BUDGET_NS;
	struct co_frame f, out;
	int i, rc;

	for (i = 1;; i++) {
		rc = loop_next_frame(l, &f);
		if (rc <= 0) {
			release_due(l, loop_mono_ns());
			return rc < 0 ? -1 : 1;
		}
		l->st.frames++;
		if (reorder_put(l->ro, &f, now, &out))
			pipe_frame(l->pipe, &out);
		if (i % LOOP_CLOCK_EVERY == 0) {
			now = loop_mono_ns();
			release_due(l, now);
			if (now >= until)
				return 0;
		}
	}
}

/* The model's next deadline on the monotonic clock (live: the model runs
 * TICK_LAG_NS behind the realtime clock of the frame timestamps). */
static uint64_t
live_model_due(const struct loop *l, uint64_t now)
{
	uint64_t due = pipe_next_due(l->pipe), real;

	if (due == UINT64_MAX)
		return LOOP_NEVER;
	real = clock_ns(CLOCK_REALTIME);
	due += TICK_LAG_NS;
	return due <= real ? now : now + (due - real);
}

static int
live_turn(struct loop *l, struct pollfd pfd[2], uint64_t deadline)
{
	uint64_t now = loop_mono_ns();
	int d;

	if (poll(pfd, l->client ? 2 : 1, loop_poll_ms(now, deadline)) < 0 &&
	    errno != EINTR)
		return -1;
	d = drain_live(l);
	if (d < 0)
		return -1;
	if (l->client)
		loop_client_input(l, &pfd[1]);
	if (d == 1) {
		/* all pending frames seen: the model's deadlines (heartbeat
		 * loss) run on the clock, a little behind it so that frames
		 * still in flight are not "late" */
		pipe_idle(l->pipe, clock_ns(CLOCK_REALTIME) - TICK_LAG_NS);
		if (l->flush_idle && pipe_flush_consumers(l->pipe) != 0)
			l->stop = true;
	}
	return 0;
}

static int
run_live(struct loop *l)
{
	struct pollfd pfd[2];
	struct capture_links links;
	uint64_t now, next_flush, next_link, next_client = 0, dl;
	int rc = 0;

	memset(pfd, 0, sizeof(pfd));
	pfd[0].fd = l->src->fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = l->client ? l->client->fd : -1;
	pfd[1].events = POLLIN;
	capture_start(&links, l->live, l->pipe);
	l->links = &links;
	now = loop_mono_ns();
	next_flush = now + CAPTURE_FLUSH_MS * LOOP_NS_PER_MS;
	next_link = now + CAPTURE_LINK_PERIOD_MS * LOOP_NS_PER_MS;
	while (!loop_stopping(l) && rc == 0) {
		dl = min_u64(min_u64(next_flush, next_link), next_client);
		dl = min_u64(dl, live_model_due(l, loop_mono_ns()));
		dl = min_u64(dl, reorder_due(l->ro));
		rc = live_turn(l, pfd, dl);
		now = loop_mono_ns();
		loop_flush_due(l, now, &next_flush);
		if (now >= next_link) {
			capture_refresh(&links, l->pipe, &l->st);
			next_link = now +
				    CAPTURE_LINK_PERIOD_MS * LOOP_NS_PER_MS;
		}
		next_client = loop_client_tick(l, now);
	}
	l->signal = stop_sig;
	/* what was queued in the kernel before the stop still belongs to
	 * the run; later frames are not read, so a flood cannot keep us
	 * from exiting (bounded in time all the same) */
	src_socketcan_stop_at(l->src, clock_ns(CLOCK_REALTIME));
	dl = loop_mono_ns() + FINAL_DRAIN_MS * LOOP_NS_PER_MS;
	while (rc == 0 && loop_mono_ns() < dl && drain_live(l) == 0)
		;
	release_due(l, UINT64_MAX);
	l->st.reordered = l->ro->moved;
	l->st.late = l->ro->late;
	capture_end(&links, l->live, l->src, l->pipe, &l->st);
	l->links = NULL;
	pipe_end(l->pipe);
	pipe_flush(l->pipe);
	return l->src_failed ? -1 : 0;
}

/* Live with its frames held for stamp order (without memory for that:
 * in arrival order). */
static int
run_held(struct loop *l)
{
	struct reorder ro;
	int rc;

	if (reorder_init(&ro, l->reorder_ms) != 0)
		reorder_init(&ro, 0);
	l->ro = &ro;
	rc = run_live(l);
	l->ro = NULL;
	reorder_free(&ro);
	return rc;
}

/* src->wait of a file source, before each read: the sinks are flushed
 * on time while the input is slow or quiet (a pipe, a FIFO), and a
 * signal ends a read that waits. */
static int
file_wait(void *arg)
{
	struct loop *l = arg;
	uint64_t now;

	if (loop_stopping(l))
		return SRC_WAIT_STOP;
	now = loop_mono_ns();
	loop_flush_due(l, now, &file_flush);
	return loop_poll_ms(now, file_flush);
}

int
loop_run(struct loop *l)
{
	catch_signals(l->live != NULL);
	if (l->live == NULL) {
		file_flush = loop_mono_ns() +
			     CAPTURE_FLUSH_MS * LOOP_NS_PER_MS;
		l->src->wait = file_wait;
		l->src->wait_arg = l;
	}
	l->replay.can_jump_back = l->path != NULL && l->client != NULL &&
				  strcmp(l->path, "-") != 0;
	if (l->live)
		return run_held(l);
	if (l->client == NULL && l->replay.speed <= 0 && !l->replay.paused)
		return run_plain(l);
	return loop_replay_run(l);
}
