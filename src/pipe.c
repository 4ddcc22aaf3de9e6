/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pipe.c - frame -> sinks -> dissect -> model -> printers */
#include "config.h"
#include "pipe.h"

#include <stdio.h>
#include <string.h>

static void
pipe_emit(struct pipe *p, const struct co_event *ev)
{
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
	if (p->fmt == PIPE_NONE)
		return;
	dissect_frame(&p->ctx, f, &ev);
	pipe_emit(p, &ev);
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
