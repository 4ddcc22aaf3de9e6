/* SPDX-License-Identifier: GPL-2.0-or-later */
/* replay.c - the main loop for a paced file or one with a client (the
 * view): the recorded pace times a speed factor, pause, single step,
 * jumps forward and back (reopen, reset, re-feed without writing the
 * sinks again) */
#include "config.h"
#include "loop_priv.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

struct replay_run {
	struct co_frame pend;      /* read, not yet delivered */
	bool have_pend, eof, ended;
	uint64_t nread;            /* frames delivered since the file opened */
	uint64_t hwm;              /* frames the sinks already got */
	uint64_t last_ts;          /* time of the last frame delivered */
	/* virtual clock: frame time vt_base at monotonic time wall_base,
	 * running at speed (the settings in force, copied from l->replay) */
	uint64_t vt_base, wall_base;
	double speed;
	bool paused;
	bool seeking;              /* jump: deliver up to target at once */
	uint64_t target;
	struct co_source *scan;    /* read-ahead for replay.last_ns */
	uint64_t scan_last;
};

static bool
paced(const struct replay_run *r)
{
	return r->speed > 0 && !r->paused;
}

/* Frame time of the replay position at monotonic time now. */
static uint64_t
position(const struct replay_run *r, uint64_t now)
{
	uint64_t vt;

	if (r->eof)
		return r->last_ts;
	if (r->paused || !paced(r) || now < r->wall_base)
		return r->paused ? r->vt_base : r->last_ts;
	vt = r->vt_base + (uint64_t)((double)(now - r->wall_base) * r->speed);
	if (r->have_pend && vt > r->pend.ts_ns && r->pend.ts_ns > r->last_ts)
		vt = r->pend.ts_ns;
	return vt < r->last_ts ? r->last_ts : vt;
}

/* Monotonic time at which frame time ts is reached (paced only). */
static uint64_t
wall_of(const struct replay_run *r, uint64_t ts)
{
	if (ts <= r->vt_base)
		return r->wall_base;
	return r->wall_base + (uint64_t)((double)(ts - r->vt_base) / r->speed);
}

static void
rebase(struct replay_run *r, uint64_t vt, uint64_t now)
{
	r->vt_base = vt;
	r->wall_base = now;
}

static bool
due(const struct loop *l, const struct replay_run *r, uint64_t now)
{
	if (r->seeking)
		return r->pend.ts_ns <= r->target;
	if (l->replay.step)
		return true;
	if (r->paused)
		return false;
	return !paced(r) || r->pend.ts_ns <= position(r, now);
}

static void
at_eof(struct loop *l, struct replay_run *r, uint64_t now)
{
	r->eof = true;
	r->seeking = false;
	l->replay.at_end = true;
	if (r->last_ts > l->replay.last_ns)
		l->replay.last_ns = r->last_ts;
	rebase(r, r->last_ts, now);
	if (!r->ended)
		pipe_end(l->pipe);
	r->ended = true;
}

static void
deliver(struct loop *l, struct replay_run *r)
{
	l->pipe->sinks_off = r->nread < r->hwm;
	pipe_frame(l->pipe, &r->pend);
	r->have_pend = false;
	r->nread++;
	if (r->nread > r->hwm) {
		r->hwm = r->nread;
		l->st.frames = r->hwm;
	}
	if (r->pend.ts_ns > r->last_ts || r->nread == 1)
		r->last_ts = r->pend.ts_ns;
	l->replay.frames = r->nread;
	if (l->replay.step) {
		l->replay.step = false;
		l->replay.paused = r->paused = true;
		r->vt_base = r->last_ts;
	}
}

/* 1 when r->pend holds the next frame, 0 at the end of the file. */
static int
fill(struct loop *l, struct replay_run *r, uint64_t now)
{
	if (r->have_pend)
		return 1;
	if (loop_next_frame(l, &r->pend) <= 0) {
		at_eof(l, r, now);
		return 0;
	}
	r->have_pend = true;
	if (l->replay.first_ns == 0 && r->nread == 0) {
		l->replay.first_ns = r->pend.ts_ns;
		r->last_ts = r->pend.ts_ns;
		rebase(r, r->pend.ts_ns, now);
	}
	return 1;
}

/* Deliver every frame whose time has come, within the budget. */
static void
feed(struct loop *l, struct replay_run *r)
{
	uint64_t now = loop_mono_ns(), until = now + LOOP_BUDGET_NS;
	int i;

	for (i = 1; !loop_stopping(l) && fill(l, r, now); i++) {
		if (!due(l, r, now)) {
			if (!r->seeking)
				break;
			/* the jump arrived: go on from its target */
			r->seeking = false;
			rebase(r, r->target, now);
			continue;
		}
		deliver(l, r);
		if (i % LOOP_CLOCK_EVERY == 0 &&
		    (now = loop_mono_ns()) >= until)
			break;
	}
	/* the model's deadlines run on the replay clock between frames */
	if (r->have_pend && !r->seeking && (paced(r) || r->paused)) {
		uint64_t t = position(r, now);

		if (t >= r->pend.ts_ns)
			t = r->pend.ts_ns - 1;
		pipe_idle(l->pipe, t);
	}
}

/* Start the file again: reset model, statistics and consumers. */
static int
reopen(struct loop *l, struct replay_run *r)
{
	const char *why = NULL;
	struct co_source *src = src_file_open(l->path, &why);

	if (src == NULL) {
		l->replay.can_jump_back = false;
		return -1;
	}
	l->src->close(l->src);
	l->src = src;
	if (l->reset)
		l->reset(l->reset_arg);
	pipe_reset(l->pipe);
	r->nread = 0;
	r->have_pend = r->eof = r->ended = false;
	r->last_ts = l->replay.first_ns;
	l->replay.at_end = false;
	return 0;
}

static void
jump(struct loop *l, struct replay_run *r, uint64_t now)
{
	int64_t j = l->replay.jump_ns;
	uint64_t pos = position(r, now), back;

	l->replay.jump_ns = 0;
	if (j > 0 && !r->eof) {
		r->target = pos + (uint64_t)j;
		r->seeking = true;
	} else if (j < 0 && l->replay.can_jump_back) {
		back = (uint64_t)-(j + 1) + 1;
		r->target = pos - l->replay.first_ns > back ? pos - back
							   : l->replay.first_ns;
		if (reopen(l, r) == 0)
			r->seeking = true;
	}
}

/* Take the client's settings: speed, pause, jumps. */
static void
controls(struct loop *l, struct replay_run *r, uint64_t now)
{
	if (l->replay.speed < 0)
		l->replay.speed = 0;
	if (l->replay.speed != r->speed || l->replay.paused != r->paused) {
		rebase(r, position(r, now), now);
		r->speed = l->replay.speed;
		r->paused = l->replay.paused;
	}
	if (l->replay.jump_ns != 0)
		jump(l, r, now);
	l->replay.cur_ns = position(r, now);
}

/* Monotonic time of the next frame or model deadline. */
static uint64_t
next_due(const struct loop *l, const struct replay_run *r, uint64_t now)
{
	uint64_t model = pipe_next_due(l->pipe), t;

	if (r->eof)
		return LOOP_NEVER;
	if (r->seeking || l->replay.step || !r->have_pend)
		return now;
	if (r->paused)
		return LOOP_NEVER;
	if (!paced(r))
		return now;
	t = wall_of(r, r->pend.ts_ns);
	if (model != UINT64_MAX && model < r->pend.ts_ns)
		t = wall_of(r, model);
	return t;
}

/* Idle time: read ahead to learn the time of the file's last frame. */
static void
scan_ahead(struct loop *l, struct replay_run *r)
{
	uint64_t until = loop_mono_ns() + LOOP_BUDGET_NS / 2;
	const char *why;
	struct co_frame f;
	int i, rc = SRC_FRAME;

	if (l->replay.last_ns != 0 || !l->replay.can_jump_back)
		return;
	if (r->scan == NULL && (r->scan = src_file_open(l->path, &why)) == NULL)
		return;
	for (i = 1; rc != SRC_EOF && rc != SRC_ERR; i++) {
		rc = r->scan->next(r->scan, &f);
		if (rc == SRC_FRAME && f.ts_ns > r->scan_last)
			r->scan_last = f.ts_ns;
		if (i % LOOP_CLOCK_EVERY == 0 && loop_mono_ns() >= until)
			return;
	}
	l->replay.last_ns = r->scan_last;
	r->scan->close(r->scan);
	r->scan = NULL;
}

static void
turn(struct loop *l, struct replay_run *r, struct pollfd *pfd,
     uint64_t *next_flush)
{
	uint64_t now = loop_mono_ns(), dl;

	controls(l, r, now);
	if (!r->eof)
		feed(l, r);
	if (r->eof && l->client == NULL) {
		l->stop = true;       /* nobody to show the end to */
		return;
	}
	now = loop_mono_ns();
	l->replay.cur_ns = position(r, now);
	loop_flush_due(l, now, next_flush);
	dl = loop_client_tick(l, now);
	if (*next_flush < dl)
		dl = *next_flush;
	if (next_due(l, r, now) < dl)
		dl = next_due(l, r, now);
	if (dl > now)
		scan_ahead(l, r);
	pfd->revents = 0;
	if (poll(pfd, 1, loop_poll_ms(loop_mono_ns(), dl)) > 0)
		loop_client_input(l, pfd);
}

int
loop_replay_run(struct loop *l)
{
	struct replay_run r;
	struct pollfd pfd;
	uint64_t next_flush;

	memset(&r, 0, sizeof(r));
	r.speed = l->replay.speed < 0 ? 0 : l->replay.speed;
	r.paused = l->replay.paused;
	pfd.fd = l->client ? l->client->fd : -1;
	pfd.events = POLLIN;
	next_flush = loop_mono_ns() + CAPTURE_FLUSH_MS * LOOP_NS_PER_MS;
	while (!loop_stopping(l))
		turn(l, &r, &pfd, &next_flush);
	l->signal = loop_signal();
	if (!r.ended)
		pipe_end(l->pipe);
	l->pipe->sinks_off = false;
	pipe_flush(l->pipe);
	if (r.scan)
		r.scan->close(r.scan);
	return l->src_failed ? -1 : 0;
}
