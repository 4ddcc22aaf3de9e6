/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_frames.c - libFuzzer target: dissectors, network model, text and
 * JSON printers and statistics on an arbitrary sequence of frames */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consumer.h"
#include "net.h"
#include "net_od.h"
#include "pipe.h"
#include "stats.h"
#include "stats_print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Input: records of
 *   Byte | Meaning
 *   0    | bit 0 EFF, 1 RTR, 2 ERR, 3 FD (BRS/ESI from bits 4, 5)
 *   1-2  | id low 16 bits (EFF: times 0x2001 to reach 29 bits)
 *   3    | length (classic 0..8 and raw DLC, FD 0..64)
 *   4    | time step in ms
 *   5-   | data bytes
 */
static size_t
next_frame(const uint8_t *d, size_t n, struct co_frame *f, uint64_t *t)
{
	size_t len, max;

	if (n < 5)
		return 0;
	memset(f, 0, sizeof(*f));
	f->flags = (uint16_t)(((d[0] & 1) ? CO_F_EFF : 0) |
			      ((d[0] & 2) ? CO_F_RTR : 0) |
			      ((d[0] & 4) ? CO_F_ERR : 0) |
			      ((d[0] & 8) ? CO_F_FD : 0));
	f->fd_flags = (uint8_t)((d[0] >> 4) & 3);
	f->id = (uint32_t)(d[1] | d[2] << 8);
	f->id = (f->flags & (CO_F_EFF | CO_F_ERR)) ?
		(f->id * 0x2001u) & CO_EFF_MASK : f->id & CO_SFF_MASK;
	max = (f->flags & CO_F_FD) ? CO_FD_MAX_DLEN : CO_CAN_MAX_DLEN;
	len = d[3] % (max + 1);
	if (!(f->flags & CO_F_FD) && d[3] > 8 && d[3] <= 15) {
		len = 8;
		f->raw_dlc = d[3];
	}
	f->len = (uint8_t)len;
	*t += (uint64_t)d[4] * 1000000u;
	f->ts_ns = *t;
	f->ts_digits = 6;
	memcpy(f->iface, "can0", 5);
	if (f->flags & CO_F_RTR)
		len = 0;
	if (len > n - 5)
		len = n - 5;
	memcpy(f->data, d + 5, len);
	return 5 + len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct co_net net;
	static struct co_stats st;
	struct co_printer text, json;
	struct co_consumer sc;
	struct out_opts out = { .verbose = size & 1 };
	struct pipe p;
	struct co_frame f;
	uint64_t t = 1700000000ull * 1000000000u, k = 0;
	FILE *null = fopen("/dev/null", "w");
	size_t used;

	if (null == NULL)
		return 0;
	net_init(&net);
	stats_init(&st);
	memset(&p, 0, sizeof(p));
	consumer_text_init(&text, null, &out);
	consumer_json_init(&json, null, &out);
	consumer_stats_init(&sc, &st);
	pipe_add_consumer(&p, &text.c);
	pipe_add_consumer(&p, &json.c);
	pipe_add_consumer(&p, &sc);
	pipe_set_model(&p, &net);
	while ((used = next_frame(data, size, &f, &t)) != 0) {
		f.pos = f.index = ++k;
		pipe_frame(&p, &f);
		if (k % 16 == 0)
			pipe_idle(&p, t);
		data += used;
		size -= used;
	}
	pipe_end(&p);
	stats_print(null, &st, &net, false);
	net_od_free(&net);
	fclose(null);
	return 0;
}
