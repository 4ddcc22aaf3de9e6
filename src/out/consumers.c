/* SPDX-License-Identifier: GPL-2.0-or-later */
/* consumers.c - the text and JSON line printers and the statistics as
 * pipe consumers (consumer.h) */
#include "config.h"
#include "consumer.h"

#include <string.h>

static void
text_event(struct co_consumer *c, const struct co_event *ev)
{
	struct co_printer *p = c->priv;

	out_text_event(p->fp, ev, &p->opt);
}

static void
json_event(struct co_consumer *c, const struct co_event *ev)
{
	struct co_printer *p = c->priv;

	out_json_event(p->fp, ev, &p->opt);
}

static int
printer_flush(struct co_consumer *c)
{
	struct co_printer *p = c->priv;

	return fflush(p->fp) != 0 || ferror(p->fp) ? -1 : 0;
}

static void
printer_init(struct co_printer *p, FILE *fp, const struct out_opts *opt)
{
	memset(p, 0, sizeof(*p));
	p->fp = fp;
	p->opt = *opt;
	p->c.flush = printer_flush;
	p->c.priv = p;
}

void
consumer_text_init(struct co_printer *p, FILE *fp, const struct out_opts *opt)
{
	printer_init(p, fp, opt);
	p->c.name = "text";
	p->c.event = text_event;
}

void
consumer_json_init(struct co_printer *p, FILE *fp, const struct out_opts *opt)
{
	printer_init(p, fp, opt);
	p->c.name = "json";
	p->c.event = json_event;
}

/* ---- statistics ---- */

static void
stats_c_frame(struct co_consumer *c, const struct co_frame *f)
{
	stats_frame(c->priv, f);
}

static void
stats_c_end(struct co_consumer *c)
{
	stats_finish(c->priv);
}

static void
stats_c_reset(struct co_consumer *c)
{
	struct co_stats *st = c->priv;
	uint32_t bitrate = st->bitrate, dbitrate = st->dbitrate;
	bool exact = st->exact;

	stats_init(st);
	stats_set_bitrate(st, bitrate, dbitrate);
	stats_set_exact(st, exact);
}

void
consumer_stats_init(struct co_consumer *c, struct co_stats *st)
{
	memset(c, 0, sizeof(*c));
	c->name = "stats";
	c->frame = stats_c_frame;
	c->end = stats_c_end;
	c->reset = stats_c_reset;
	c->priv = st;
}
