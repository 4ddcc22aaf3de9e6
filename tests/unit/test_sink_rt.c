/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sink_rt.c - random frames written by the candump and pcap sinks
 * and read back by the file sources give the same frames (ids, flags,
 * lengths, data, raw DLC, FD flags, time) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sink.h"
#include "source.h"
#include "check.h"

#define NFRAMES 50000

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

/* xorshift64*: deterministic, so a failure can be reproduced */
static uint32_t
rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32) % n;
}

static void
random_data(struct co_frame *f)
{
	unsigned i;

	for (i = 0; i < f->len; i++)
		f->data[i] = (uint8_t)rnd(256);
}

/* One valid frame of a random kind; times in whole microseconds, rising. */
static void
random_frame(struct co_frame *f, uint64_t *t_us)
{
	static const char *const ifaces[] = { "can0", "can1", "vcan0",
					      "slcan12" };

	memset(f, 0, sizeof(*f));
	*t_us += rnd(2000000);
	f->ts_ns = *t_us * 1000u;
	snprintf(f->iface, sizeof(f->iface), "%s", ifaces[rnd(4)]);
	switch (rnd(5)) {
	case 0:		/* classic data, raw DLC now and then */
		f->flags = rnd(2) ? CO_F_EFF : 0;
		f->len = (uint8_t)rnd(9);
		if (f->len == 8 && rnd(3) == 0)
			f->raw_dlc = (uint8_t)(9 + rnd(7));
		break;
	case 1:		/* remote */
		f->flags = CO_F_RTR | (rnd(2) ? CO_F_EFF : 0);
		f->len = (uint8_t)rnd(9);
		if (f->len == 8 && rnd(2))
			f->raw_dlc = (uint8_t)(9 + rnd(7));
		break;
	case 2:		/* CAN FD, any flags the kernel gives */
		f->flags = CO_F_FD | (rnd(2) ? CO_F_EFF : 0);
		f->len = co_dlc2len((uint8_t)rnd(16));
		f->fd_flags = (uint8_t)rnd(8);
		break;
	case 3:		/* error frame */
		f->flags = CO_F_ERR;
		f->id = rnd(0x400);
		f->len = 8;
		random_data(f);
		return;
	default:	/* CANopen-like 11-bit traffic */
		f->len = (uint8_t)rnd(9);
		break;
	}
	f->id = (f->flags & CO_F_EFF) ? rnd(0x20000000u) : rnd(0x800);
	if (!(f->flags & CO_F_RTR))
		random_data(f);
}

/* Does what the source gave (b) match what was written (a)? */
static int
same_frame(const struct co_frame *a, const struct co_frame *b, bool pcap)
{
	uint16_t kinds = CO_F_EFF | CO_F_RTR | CO_F_ERR | CO_F_FD;
	uint8_t fdf = a->fd_flags;

	if (pcap && co_frame_is_fd(a))
		fdf = (uint8_t)((a->fd_flags & (CO_FD_BRS | CO_FD_ESI)) |
				CO_FD_FDF);
	if (a->id != b->id || (a->flags & kinds) != (b->flags & kinds) ||
	    a->len != b->len || a->raw_dlc != b->raw_dlc ||
	    a->ts_ns != b->ts_ns || fdf != b->fd_flags)
		return 0;
	if (!pcap && strcmp(a->iface, b->iface) != 0)
		return 0;
	return co_frame_is_rtr(a) || memcmp(a->data, b->data, a->len) == 0;
}

static void
report(int i, const struct co_frame *a, const struct co_frame *b)
{
	char x[256], y[256];

	sink_candump_line(x, sizeof(x), a);
	sink_candump_line(y, sizeof(y), b);
	printf("# frame %d: wrote %s (raw %u fd %u)\n#   read %s (raw %u fd %u)\n",
	       i, x, a->raw_dlc, a->fd_flags, y, b->raw_dlc, b->fd_flags);
}

static void
round_trip(const char *path, bool pcap, const struct co_frame *fr)
{
	struct co_sink *s;
	struct co_source *src;
	struct co_frame g;
	const char *why = NULL;
	int i = 0, bad = 0, rc, wrc = 0;
	char what[96];

	s = pcap ? sink_pcap_open(path) : sink_candump_open(path);
	if (s == NULL) {
		check(0, pcap ? "open pcap sink" : "open candump sink");
		return;
	}
	for (i = 0; i < NFRAMES; i++)
		wrc |= s->write(s, &fr[i]);
	wrc |= s->close(s);
	src = src_file_open(path, &why);
	check(wrc == 0 && src != NULL, pcap ? "pcap written and reopened"
					    : "log written and reopened");
	if (src == NULL)
		return;
	i = 0;
	while ((rc = src->next(src, &g)) != SRC_EOF && rc != SRC_ERR) {
		if (rc != SRC_FRAME || i >= NFRAMES) {
			bad++;
			continue;
		}
		if (!same_frame(&fr[i], &g, pcap) && bad++ < 3)
			report(i, &fr[i], &g);
		i++;
	}
	src->close(src);
	snprintf(what, sizeof(what), "%s: %d random frames read back equal",
		 pcap ? "pcap" : "candump log", NFRAMES);
	check(rc == SRC_EOF && i == NFRAMES && bad == 0, what);
}

int
main(void)
{
	static struct co_frame fr[NFRAMES];
	char dir[] = "/tmp/cosniff-sinkrt.XXXXXX";
	char path[512];
	uint64_t t_us = 1700000000ull * 1000000u;
	int i;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	for (i = 0; i < NFRAMES; i++)
		random_frame(&fr[i], &t_us);
	snprintf(path, sizeof(path), "%s/rt.log", dir);
	round_trip(path, false, fr);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rt.pcap", dir);
	round_trip(path, true, fr);
	unlink(path);
	rmdir(dir);
	return check_done();
}
