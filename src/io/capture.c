/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.c - live capture around the main loop: link status (state,
 * lost frames) and the kernel drops after the last frame */
#include "config.h"
#include "capture.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static uint64_t
real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- link status ---- */

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
void
capture_refresh(struct capture_links *w, struct capture_stats *st)
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

void
capture_start(struct capture_links *w, const struct capture_opts *o)
{
	int i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < o->nifaces && i < SOCKETCAN_MAX_IFACES; i++) {
		if (strcmp(o->ifaces[i], "any") == 0)
			continue;
		w->n++;
		link_query(o->ifaces[i], &w->link[w->n - 1]);
		if (o->link)
			link_print(&w->link[w->n - 1], "at start");
	}
}

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


void
capture_end(struct capture_links *w, const struct capture_opts *o,
	    struct co_source *src, struct pipe *p, struct capture_stats *st)
{
	int i;

	final_drops(src, p, st);
	if (!o->link)
		return;
	capture_refresh(w, st);
	for (i = 0; i < w->n; i++)
		link_print(&w->link[i], "at end");
}
