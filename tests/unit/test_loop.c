/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_loop.c - the main loop with a client on a file: recorded pace and
 * speed factor, pause and single step, jumps forward and back (reset,
 * re-feed, sinks not written twice), read-ahead of the last frame time,
 * the client's input and stop */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "consumer.h"
#include "loop.h"
#include "pipe.h"
#include "sink.h"
#include "check.h"

#define NF 11                   /* frames, GAP_MS apart */
#define GAP_MS 20
#define T0 1700000000ull
#define MS 1000000ull

static char path[64];

/* What the test consumer saw: frame events with their wall time. */
struct seen {
	struct co_consumer c;
	int nev, nreset, nend;
	uint64_t ts[4 * NF];
	uint64_t wall[4 * NF];
};

static uint64_t
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void
seen_event(struct co_consumer *c, const struct co_event *ev)
{
	struct seen *s = c->priv;

	if (ev->frame == NULL || s->nev >= 4 * NF)
		return;
	s->ts[s->nev] = ev->ts_ns;
	s->wall[s->nev++] = mono();
}

static void
seen_reset(struct co_consumer *c)
{
	((struct seen *)c->priv)->nreset++;
}

static void
seen_end(struct co_consumer *c)
{
	((struct seen *)c->priv)->nend++;
}

/* A frame sink that only counts. */
static int
count_write(struct co_sink *s, const struct co_frame *f)
{
	(void)f;
	s->nwritten++;
	return 0;
}

static int
count_flush(struct co_sink *s)
{
	(void)s;
	return 0;
}

/* The client: a script run at each tick. */
struct client {
	struct loop *l;
	int fds[2];
	int nticks, ninput, nresets, nev_mark;
	uint64_t start;
	int (*script)(struct client *cl, uint64_t now);
	int state;
	uint64_t mark;
	uint64_t tick_at[8192];    /* when the loop called tick */
	int ntick_at;
};

static uint64_t
cl_tick(void *arg, uint64_t now)
{
	struct client *cl = arg;

	cl->nticks++;
	if (cl->ntick_at < 8192)
		cl->tick_at[cl->ntick_at++] = now;
	if (now - cl->start > 3000 * MS)       /* a hung test stops */
		cl->l->stop = true;
	if (cl->script(cl, now) != 0)
		cl->l->stop = true;
	return now + 2 * MS;
}

static void
cl_input(void *arg)
{
	struct client *cl = arg;
	char b;

	if (read(cl->fds[0], &b, 1) == 1 && b == 'q')
		cl->l->stop = true;
	cl->ninput++;
}

static void
cl_reset(void *arg)
{
	((struct client *)arg)->nresets++;
}

struct rig {
	struct loop l;
	struct pipe p;
	struct seen s;
	struct co_sink sink;
	struct client cl;
	struct loop_client lc;
};

static void
rig_init(struct rig *r, int (*script)(struct client *, uint64_t))
{
	const char *why;

	memset(r, 0, sizeof(*r));
	r->s.c.name = "seen";
	r->s.c.event = seen_event;
	r->s.c.reset = seen_reset;
	r->s.c.end = seen_end;
	r->s.c.priv = &r->s;
	pipe_add_consumer(&r->p, &r->s.c);
	r->sink.write = count_write;
	r->sink.flush = count_flush;
	pipe_add_sink(&r->p, &r->sink);
	if (pipe(r->cl.fds) != 0)
		abort();
	r->cl.l = &r->l;
	r->cl.script = script;
	r->lc.fd = r->cl.fds[0];
	r->lc.input = cl_input;
	r->lc.tick = cl_tick;
	r->lc.arg = &r->cl;
	r->l.src = src_file_open(path, &why);
	r->l.path = path;
	r->l.pipe = &r->p;
	r->l.client = &r->lc;
	r->l.reset = cl_reset;
	r->l.reset_arg = &r->cl;
}

static int
rig_run(struct rig *r)
{
	int rc;

	r->cl.start = mono();
	rc = loop_run(&r->l);
	r->l.src->close(r->l.src);
	close(r->cl.fds[0]);
	close(r->cl.fds[1]);
	return rc;
}

/* ---- scripts ---- */

static int
until_end(struct client *cl, uint64_t now)
{
	(void)now;
	return cl->l->replay.at_end;
}

static void
test_pace(double speed, const char *what)
{
	static struct rig r;
	uint64_t early = 0, late = 0, want, t;
	int i, j, n;

	rig_init(&r, until_end);
	r.l.replay.speed = speed;
	check(rig_run(&r) == 0 && r.s.nev == NF && r.s.nend == 1, what);
	for (i = 1; i < NF; i++) {
		want = (uint64_t)((double)(i * GAP_MS * MS) / speed);
		t = r.s.wall[i] - r.s.wall[0];
		if (t + 2 * MS < want)
			early++;
		/* late: the loop went round twice after the frame was due
		 * without delivering it (counted in turns, not ms, so that a
		 * loaded machine's slow wake-ups do not count) */
		for (j = n = 0; j < r.cl.ntick_at; j++)
			if (r.cl.tick_at[j] > r.s.wall[0] + want &&
			    r.cl.tick_at[j] < r.s.wall[i])
				n++;
		if (n > 1)
			late++;
	}
	check(early == 0, "  no frame before its time");
	check(late == 0, "  every frame in the first turn after its time");
	check(r.l.replay.first_ns == T0 * 1000000000ull &&
	      r.l.replay.last_ns == r.s.ts[NF - 1] &&
	      r.l.replay.cur_ns == r.s.ts[NF - 1],
	      "  first, last and current frame time");
}

static int
fast_then_quit(struct client *cl, uint64_t now)
{
	(void)now;
	if (cl->l->replay.at_end && cl->state == 0) {
		cl->state = 1;
		if (write(cl->fds[1], "q", 1) != 1)
			return 1;
	}
	return 0;
}

static void
test_fast_and_input(void)
{
	struct rig r;

	rig_init(&r, fast_then_quit);
	r.l.replay.speed = 0;
	check(rig_run(&r) == 0 && r.s.nev == NF && r.cl.ninput == 1,
	      "speed 0: every frame at once; the view stays at the end "
	      "until its key stops the loop");
	check(r.s.wall[NF - 1] - r.s.wall[0] < 150 * MS &&
	      r.l.replay.at_end && r.s.nend == 1,
	      "  not paced; end of input handled once");
}

/* paused from the start: nothing for 60 ms, then three single steps */
static int
steps(struct client *cl, uint64_t now)
{
	struct loop_replay *rp = &cl->l->replay;
	struct seen *s = cl->l->pipe->cons[0]->priv;

	if (cl->state == 0 && now - cl->start > 60 * MS) {
		if (s->nev != 0 || rp->cur_ns != rp->first_ns)
			return 1;
		cl->state = 1;
	}
	if (cl->state >= 1 && cl->state <= 3 && !rp->step) {
		if (s->nev != cl->state - 1 || !rp->paused)
			return 1;
		rp->step = true;
		cl->state++;
		cl->mark = now;
	}
	return cl->state == 4 && !rp->step && now - cl->mark > 40 * MS;
}

static void
test_steps(void)
{
	struct rig r;

	rig_init(&r, steps);
	r.l.replay.speed = 1;
	r.l.replay.paused = true;
	rig_run(&r);
	check(r.cl.state == 4 && r.s.nev == 3 && r.l.replay.paused &&
	      r.l.replay.cur_ns == r.s.ts[2],
	      "pause holds every frame; each step delivers exactly one");
}

/* speed 0 to the end, then back by half the file: reset, re-feed */
static int
jump_back(struct client *cl, uint64_t now)
{
	struct loop_replay *rp = &cl->l->replay;

	(void)now;
	if (cl->state == 0 && rp->at_end) {
		rp->jump_ns = -(int64_t)(5 * GAP_MS * MS);
		rp->paused = true;
		cl->state = 1;
		return 0;
	}
	if (cl->state == 1 && rp->jump_ns == 0) {
		struct seen *s = cl->l->pipe->cons[0]->priv;

		cl->mark = rp->cur_ns;
		cl->nev_mark = s->nev;
		rp->paused = false;
		cl->state = 2;
		return 0;
	}
	return cl->state == 2 && rp->at_end;
}

static void
test_jump_back(void)
{
	struct rig r;
	int i, ok = 1;

	rig_init(&r, jump_back);
	r.l.replay.speed = 0;
	rig_run(&r);
	/* 11 frames, then 0..5 again: position 200 ms - 100 ms = 100 ms,
	 * then on to the end */
	for (i = 0; i < NF; i++)
		ok &= r.s.ts[NF + i] == r.s.ts[i];
	check(r.cl.nresets == 1 && r.s.nreset == 1 && r.cl.nev_mark == NF + 6,
	      "jump back: model and consumers reset, frames fed again "
	      "up to the target");
	check(r.cl.mark == r.s.ts[5],
	      "  position is the target, not the end");
	check(r.s.nev == 2 * NF && ok && r.s.nend == 2 && r.l.replay.at_end,
	      "  played on to the end: every frame once more, end again");
	check(r.sink.nwritten == NF && r.l.st.frames == NF,
	      "  the sinks never get a frame a second time");
}

/* paused at the first frame, jump forward by 100 ms, then play 2x */
static int
jump_fwd(struct client *cl, uint64_t now)
{
	struct loop_replay *rp = &cl->l->replay;
	struct seen *s = cl->l->pipe->cons[0]->priv;

	(void)now;
	if (cl->state == 0 && rp->first_ns != 0) {
		rp->jump_ns = 100 * MS;
		cl->state = 1;
	} else if (cl->state == 1 && rp->jump_ns == 0 && s->nev == 6) {
		if (rp->cur_ns != rp->first_ns + 100 * MS || !rp->paused)
			return 1;
		rp->paused = false;
		rp->speed = 2;
		cl->state = 2;
		cl->mark = mono();
	}
	return rp->at_end;
}

static void
test_jump_fwd(void)
{
	struct rig r;

	rig_init(&r, jump_fwd);
	r.l.replay.speed = 1;
	r.l.replay.paused = true;
	rig_run(&r);
	check(r.cl.state == 2 && r.s.nev == NF && r.sink.nwritten == NF,
	      "jump forward while paused: frames up to the target at once");
	check(r.s.wall[NF - 1] - r.cl.mark >= 45 * MS,
	      "  then the rest at 2x the recorded pace");
}

/* paced at 1x: the last frame's time is known before the end */
static int
read_ahead(struct client *cl, uint64_t now)
{
	struct loop_replay *rp = &cl->l->replay;

	if (now - cl->start > 60 * MS) {
		cl->state = rp->last_ns != 0 && !rp->at_end;
		cl->mark = rp->last_ns;
		return 1;
	}
	return 0;
}

static void
test_read_ahead(void)
{
	struct rig r;

	rig_init(&r, read_ahead);
	r.l.replay.speed = 1;
	rig_run(&r);
	check(r.cl.state == 1 &&
	      r.cl.mark == (T0 * 1000 + (NF - 1) * GAP_MS) * MS,
	      "paced: the file's last frame time is read ahead");
	check(r.s.nend == 1 && r.s.nev < NF,
	      "  stopped early: end of input handled, once");
}

/* no client: a speed set before the run paces it; the end ends it */
static void
test_no_client(void)
{
	struct rig r;
	uint64_t t0;
	int rc;

	rig_init(&r, until_end);
	r.l.client = NULL;
	r.l.replay.speed = 4;
	t0 = mono();
	rc = rig_run(&r);
	check(rc == 0 && r.s.nev == NF && r.s.nend == 1 &&
	      r.l.replay.at_end && mono() - t0 >= 45 * MS &&
	      r.s.wall[NF - 1] - r.s.wall[0] >= 45 * MS,
	      "no client, speed 4: paced (200 ms of frames in 50 ms), "
	      "ends at the end of the file");
	rig_init(&r, until_end);
	r.l.client = NULL;
	rc = rig_run(&r);
	check(rc == 0 && r.s.nev == NF && r.s.nend == 1 &&
	      r.s.wall[NF - 1] - r.s.wall[0] < 150 * MS,
	      "no client, speed 0: the plain read loop");
}

static void
write_log(void)
{
	FILE *fp;
	int i;

	snprintf(path, sizeof(path), "/tmp/test_loop.%d.log", (int)getpid());
	fp = fopen(path, "w");
	if (fp == NULL)
		abort();
	for (i = 0; i < NF; i++)
		fprintf(fp, "(%llu.%06d) can0 181#%02X\n", T0,
			i * GAP_MS * 1000, i);
	fclose(fp);
}

int
main(void)
{
	write_log();
	test_pace(1.0, "speed 1: the recorded pace");
	test_pace(5, "speed 5: 5 times as fast");
	test_fast_and_input();
	test_steps();
	test_jump_back();
	test_jump_fwd();
	test_read_ahead();
	test_no_client();
	unlink(path);
	return check_done();
}
