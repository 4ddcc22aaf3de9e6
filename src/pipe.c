/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pipe.c - frame -> sinks -> consumers' raw frames -> dissect -> model ->
 * consumers' events */
#include "config.h"
#include "pipe.h"

#include <string.h>

#include "net_od.h"   /* net_route, net_obj_info */

/* Decoded and derived events: every consumer but the notes_only ones. */
static void
pipe_emit(struct pipe *p, const struct co_event *ev)
{
	int i;

	for (i = 0; i < p->necons; i++)
		p->econs[i]->event(p->econs[i], ev);
}

/* The pipe's own events (notes, drops): every consumer. */
static void
pipe_emit_all(struct pipe *p, const struct co_event *ev)
{
	int i;

	for (i = 0; i < p->ncons; i++)
		if (p->cons[i]->event)
			p->cons[i]->event(p->cons[i], ev);
}

/* co_emit_fn for the model's derived events */
static void
pipe_emit_cb(void *arg, const struct co_event *ev)
{
	pipe_emit(arg, ev);
}

void
pipe_set_model(struct pipe *p, struct co_net *net)
{
	p->net = net;
	p->ctx.net = net;
	p->ctx.sdo_in_block = net ? net_sdo_in_block : NULL;
	p->ctx.guard_pending = net ? net_guard_pending : NULL;
	p->ctx.route = net ? net_route : NULL;
	p->ctx.obj_info = net ? net_obj_info : NULL;
	p->ctx.pdo_vals = p->pdo_vals;
}

int
pipe_add_sink(struct pipe *p, struct co_sink *s)
{
	if (p->nsinks >= PIPE_MAX_SINKS)
		return -1;
	p->sinks[p->nsinks++] = s;
	return 0;
}

int
pipe_add_consumer(struct pipe *p, struct co_consumer *c)
{
	if (p->ncons >= PIPE_MAX_CONSUMERS)
		return -1;
	p->cons[p->ncons++] = c;
	if (c->frame)
		p->fcons[p->nfcons++] = c;
	if (c->event && !c->notes_only) {
		p->econs[p->necons++] = c;
		p->decode = true;
	}
	return 0;
}

static void
pipe_sinks(struct pipe *p, const struct co_frame *f)
{
	int i;

	for (i = 0; i < p->nsinks; i++) {
		struct co_sink *s = p->sinks[i];
		uint64_t nerr = s->nerr;

		if (s->write(s, f) == 0)
			continue;
		p->nsink_err++;
		/* report the first failure of each sink, then count quietly
		 * (one failed write(2) may lose many buffered frames) */
		if (nerr == 0 && p->warn)
			p->warn(p->warn_arg, s->msg);
	}
}

void
pipe_frame(struct pipe *p, const struct co_frame *f)
{
	struct co_event ev;
	int i;

	p->nframes++;
	if (!p->sinks_off)
		pipe_sinks(p, f);
	for (i = 0; i < p->nfcons; i++)
		p->fcons[i]->frame(p->fcons[i], f);
	/* a frame is decoded when a consumer or the model needs its
	 * contents; else the model only accounts it (-q --stats) */
	if (p->net) {
		net_tick(p->net, f->ts_ns, pipe_emit_cb, p);
		if (!p->decode && !net_frame(p->net, f))
			return;
	} else if (!p->decode) {
		return;
	}
	dissect_frame(&p->ctx, f, &ev);
	pipe_emit(p, &ev);
	/* not CANopen: the model's conclusions would rest on misread frames */
	if (p->net && !diag_not_canopen(p->diag))
		net_apply(p->net, &ev, pipe_emit_cb, p);
}

void
pipe_event(struct pipe *p, const struct co_event *ev)
{
	pipe_emit_all(p, ev);
}

void
pipe_idle(struct pipe *p, uint64_t now_ns)
{
	if (p->net)
		net_tick(p->net, now_ns, pipe_emit_cb, p);
	if (p->diag)
		diag_tick(p->diag, now_ns);
}

uint64_t
pipe_next_due(const struct pipe *p)
{
	uint64_t t = UINT64_MAX, dt = diag_next_due(p->diag);

	if (p->net != NULL && p->net->started)
		t = p->net->next_due_ns;
	return dt < t ? dt : t;
}

void
pipe_end(struct pipe *p)
{
	int i;

	if (p->net)
		net_finish(p->net, pipe_emit_cb, p);
	for (i = 0; i < p->ncons; i++)
		if (p->cons[i]->end)
			p->cons[i]->end(p->cons[i]);
}

void
pipe_reset(struct pipe *p)
{
	int i;

	p->nframes = 0;
	for (i = 0; i < p->ncons; i++)
		if (p->cons[i]->reset)
			p->cons[i]->reset(p->cons[i]);
}

void
pipe_drop(struct pipe *p, uint64_t ts_ns, const char *iface, uint32_t count,
	  uint64_t total)
{
	struct co_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_DROP;
	ev.ts_ns = ts_ns;
	ev.u.drop.count = count;
	ev.u.drop.total = total;
	ev.u.drop.iface = iface && iface[0] ? iface : NULL;
	pipe_emit_all(p, &ev);
}

int
pipe_flush(struct pipe *p)
{
	int i;

	for (i = 0; i < p->nsinks; i++) {
		struct co_sink *s = p->sinks[i];
		uint64_t nerr = s->nerr;

		if (s->flush(s) == 0)
			continue;
		p->nsink_err++;
		if (nerr == 0 && p->warn)
			p->warn(p->warn_arg, s->msg);
	}
	return pipe_flush_consumers(p);
}

int
pipe_flush_consumers(struct pipe *p)
{
	int i, rc = 0;

	for (i = 0; i < p->ncons; i++)
		if (p->cons[i]->flush && p->cons[i]->flush(p->cons[i]) != 0)
			rc = -1;
	return rc;
}
