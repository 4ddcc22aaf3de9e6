/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.c - live capture around the main loop: link status, controller
 * state changes and frames lost before capture as events in the pipe;
 * the kernel drops after the last frame */
#include "config.h"
#include "capture.h"

#include <string.h>
#include <time.h>

static uint64_t
real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void
link_event(struct pipe *p, enum co_ev_kind kind, const struct co_link *l,
	   struct co_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->ts_ns = real_ns();
	ev->u.link.iface = l->iface;
	(void)p;
}

static void
link_status(struct pipe *p, const struct co_link *l, enum co_link_when when)
{
	struct co_event ev;
	char line[512];

	link_fmt(line, sizeof(line), l);
	link_event(p, CO_EV_LINK, l, &ev);
	ev.u.link.when = (uint8_t)when;
	ev.u.link.text = line;
	ev.u.link.link = l;
	pipe_event(p, &ev);
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
link_changes(struct pipe *p, const struct co_link *old,
	     const struct co_link *l, struct capture_stats *st)
{
	struct co_event ev;

	if (old->has_state && l->has_state && old->state != l->state) {
		link_event(p, CO_EV_LINK_STATE, l, &ev);
		ev.u.link.old_state = (uint8_t)old->state;
		ev.u.link.new_state = (uint8_t)l->state;
		ev.u.link.txerr = l->txerr;
		ev.u.link.rxerr = l->rxerr;
		pipe_event(p, &ev);
		st->notes++;
	}
	if (old->has_stats && l->has_stats && link_lost(l) > link_lost(old)) {
		link_event(p, CO_EV_LINK_LOST, l, &ev);
		ev.u.link.lost = link_lost(l) - link_lost(old);
		pipe_event(p, &ev);
		st->notes++;
	}
}

void
capture_refresh(struct capture_links *w, struct pipe *p,
		struct capture_stats *st)
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
		link_changes(p, &old, &w->link[i], st);
	}
}

void
capture_start(struct capture_links *w, const struct capture_opts *o,
	      struct pipe *p)
{
	int i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < o->nifaces && i < SOCKETCAN_MAX_IFACES; i++) {
		if (strcmp(o->ifaces[i], "any") == 0)
			continue;
		w->n++;
		link_query(o->ifaces[i], &w->link[w->n - 1]);
		if (o->link)
			link_status(p, &w->link[w->n - 1], CO_LINK_START);
	}
}

void
capture_end(struct capture_links *w, const struct capture_opts *o,
	    struct co_source *src, struct pipe *p, struct capture_stats *st)
{
	uint64_t k = src_socketcan_kernel_drops(src);
	int i;

	/* kernel drops after the last delivered frame (SO_MEMINFO) */
	if (k > st->drops) {
		st->final_drops = k - st->drops;
		pipe_drop(p, real_ns(), NULL, (uint32_t)st->final_drops, k);
		st->drops = k;
	}
	if (!o->link)
		return;
	capture_refresh(w, p, st);
	for (i = 0; i < w->n; i++)
		link_status(p, &w->link[i], CO_LINK_END);
}
