/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pipe.c - frame -> sinks -> dissect -> model -> printers */
#include "config.h"
#include "pipe.h"

#include <stdio.h>
#include <string.h>

#include "net_od.h"
#include "out_diag.h"

static void
pipe_finding(struct pipe *p, const struct co_event *ev)
{
	struct obuf o;

	if (p->fmt == PIPE_NONE)
		return;
	ob_reset(&o);
	if (p->fmt == PIPE_JSON)
		out_diag_json_event(&o, ev);
	else
		out_diag_text_event(&o, ev);
	ob_ch(&o, '\n');
	fwrite(o.b, 1, o.len, p->fp);
}

static void
pipe_emit(struct pipe *p, const struct co_event *ev)
{
	if (ev->kind == CO_EV_FINDING) {
		pipe_finding(p, ev);
		return;
	}
	switch (p->fmt) {
	case PIPE_TEXT:
		out_text_event(p->fp, ev, &p->out);
		break;
	case PIPE_JSON:
		out_json_event(p->fp, ev, &p->out);
		break;
	case PIPE_NONE:
		break;
	}
}

/* co_emit_fn for the model's derived events */
static void
pipe_emit_cb(void *arg, const struct co_event *ev)
{
	struct pipe *p = arg;

	pipe_emit(p, ev);
	if (p->diag && ev->kind != CO_EV_FINDING)
		diag_event(p->diag, ev);
}

void
pipe_set_diag(struct pipe *p, struct diag *d)
{
	p->diag = d;
	if (d) {
		d->emit = pipe_emit_cb;
		d->arg = p;
	}
}

void
pipe_bad(struct pipe *p, uint64_t pos, bool no_ts, const char *msg)
{
	if (p->diag)
		diag_input_bad(p->diag, pos, no_ts, msg);
}

void
pipe_set_model(struct pipe *p, struct co_net *net, struct co_stats *st)
{
	p->net = net;
	p->stats = st;
	p->ctx.net = net;
	p->ctx.sdo_in_block = net ? net_sdo_in_block : NULL;
	p->ctx.guard_pending = net ? net_guard_pending : NULL;
	p->ctx.route = net ? net_route : NULL;
	p->ctx.obj_info = net ? net_obj_info : NULL;
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
			p->warn(s->msg);
	}
}

void
pipe_frame(struct pipe *p, const struct co_frame *f)
{
	struct co_event ev;

	p->nframes++;
	pipe_sinks(p, f);
	if (p->stats)
		stats_frame(p->stats, f);
	if (p->net)
		net_tick(p->net, f->ts_ns, pipe_emit_cb, p);
	else if (p->fmt == PIPE_NONE)
		return;
	if (p->diag)
		diag_tick(p->diag, f->ts_ns);
	if (p->fmt == PIPE_NONE && !p->diag && !net_wants_frame(f) &&
	    !net_od_routed(p->net, f)) {
		net_note_frame(p->net, f);      /* statistics only */
		return;
	}
	dissect_frame(&p->ctx, f, &ev);
	pipe_emit(p, &ev);
	/* traffic that is not CANopen no longer changes the model */
	if (p->net && !diag_not_canopen(p->diag))
		net_apply(p->net, &ev, pipe_emit_cb, p);
	if (p->diag)
		diag_event(p->diag, &ev);
}

void
pipe_idle(struct pipe *p, uint64_t now_ns)
{
	if (p->net)
		net_tick(p->net, now_ns, pipe_emit_cb, p);
	if (p->diag)
		diag_tick(p->diag, now_ns);
}

void
pipe_end(struct pipe *p)
{
	if (p->net)
		net_finish(p->net, pipe_emit_cb, p);
	if (p->stats)
		stats_finish(p->stats);
	if (p->diag)
		diag_finish(p->diag);
}

void
pipe_drop(struct pipe *p, uint64_t ts_ns, uint32_t count, uint64_t total)
{
	struct co_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_DROP;
	ev.ts_ns = ts_ns;
	ev.u.drop.count = count;
	ev.u.drop.total = total;
	pipe_emit(p, &ev);
	if (p->diag)
		diag_event(p->diag, &ev);
}

int
pipe_flush(struct pipe *p)
{
	int i, rc = 0;

	for (i = 0; i < p->nsinks; i++) {
		struct co_sink *s = p->sinks[i];
		uint64_t nerr = s->nerr;

		if (s->flush(s) == 0)
			continue;
		rc = -1;
		p->nsink_err++;
		if (nerr == 0 && p->warn)
			p->warn(s->msg);
	}
	if (p->fp)
		fflush(p->fp);
	return rc;
}
