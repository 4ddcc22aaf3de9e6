/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sdo_xfer.c - SDO reassembly (CiA 301 7.2.4.3): every mode in both
 * directions, and the ways a transfer breaks */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sdo_ev.h"
#include "sdo_script.h"
#include "sdo_xfer.h"

#define MS 1000000ull
#define NODE 5

struct result {
	int n;
	struct co_event ev[8];
	uint32_t len[8];
	uint8_t data[8][SDO_XFER_MAX];
};

static struct sdo_xfer xf;
static struct script sc;
static struct result res;
static uint8_t pattern[2048];

/* Feed one frame the way dissector + model see it: the block query
 * decides how the frame decodes. */
static void
feed(struct sdo_xfer *x, char dir, const uint8_t *b, uint64_t ts,
     struct result *r)
{
	struct co_event ev, done;
	struct co_frame f;
	int blk = sdo_xfer_in_block(x, dir == 'c' ? SDO_C2S : SDO_S2C, b, 8,
				    ts);

	sdo_ev_bytes(&ev, &f, NODE, dir, b, ts, blk);
	if (!sdo_xfer_step(x, &ev, &done) || r->n >= 8)
		return;
	r->ev[r->n] = done;
	r->len[r->n] = 0;
	if (done.u.xfer.data) {
		r->len[r->n] = done.u.xfer.got < SDO_XFER_MAX ? done.u.xfer.got
							      : SDO_XFER_MAX;
		memcpy(r->data[r->n], done.u.xfer.data, r->len[r->n]);
	}
	r->ev[r->n].u.xfer.data = r->data[r->n];
	r->ev[r->n].frame = NULL;
	r->n++;
}

static void
run(void)
{
	int i;

	memset(&res, 0, sizeof(res));
	for (i = 0; i < sc.n; i++)
		feed(&xf, sc.f[i].dir, sc.f[i].b, (uint64_t)(i + 1) * MS, &res);
}

static void
start(void)
{
	memset(&xf, 0, sizeof(xf));
	sdo_xfer_reset(&xf);
	xf.orphan = false;
	sc.n = 0;
}

/* One transfer ok with exactly these bytes. */
static int
ok_with(uint8_t dir, uint8_t mode, const uint8_t *d, uint32_t n)
{
	const struct co_ev_xfer *x = &res.ev[0].u.xfer;

	return res.n == 1 && x->result == XFER_OK && x->dir == dir &&
	       x->mode == mode && x->got == n && res.ev[0].status == CO_OK &&
	       x->index == 0x2000 && x->sub == 1 &&
	       memcmp(res.data[0], d, n < SDO_XFER_MAX ? n : SDO_XFER_MAX) == 0;
}

static int
failed_with(const char *why)
{
	return res.n == 1 && res.ev[0].u.xfer.result == XFER_FAILED &&
	       res.ev[0].status == CO_INVALID && res.ev[0].why &&
	       strcmp(res.ev[0].why, why) == 0;
}

static void
test_expedited(void)
{
	static const uint8_t d[4] = {0x11, 0x22, 0x33, 0x44};
	char what[80];
	uint32_t n;

	for (n = 1; n <= 4; n++) {
		start();
		sc_download(&sc, 0x2000, 1, d, n);
		run();
		snprintf(what, sizeof(what), "expedited download %u bytes", n);
		check(ok_with(SDO_C2S, XFER_EXPEDITED, d, n), what);
		start();
		sc_upload(&sc, 0x2000, 1, d, n);
		run();
		snprintf(what, sizeof(what), "expedited upload %u bytes", n);
		check(ok_with(SDO_S2C, XFER_EXPEDITED, d, n), what);
	}
	/* e=1 s=0: size not indicated, 4 bytes */
	start();
	sc_mux(sc_add(&sc, 'c', 0x40), 0x2000, 1);
	memcpy(sc_add(&sc, 's', 0x42)->b + 4, d, 4);
	sc_mux(&sc.f[1], 0x2000, 1);
	run();
	check(ok_with(SDO_S2C, XFER_EXPEDITED, d, 4) &&
		  res.ev[0].u.xfer.size == 0,
	      "expedited upload, size not indicated");
	/* 0 bytes: segmented with size 0, one empty last segment */
	start();
	sc_download(&sc, 0x2000, 1, d, 0);
	run();
	check(ok_with(SDO_C2S, XFER_SEGMENTED, d, 0),
	      "segmented download 0 bytes");
	start();
	sc_upload(&sc, 0x2000, 1, d, 0);
	run();
	check(ok_with(SDO_S2C, XFER_SEGMENTED, d, 0),
	      "segmented upload 0 bytes");
}

static void
test_segmented(void)
{
	static const uint32_t sizes[] = {5, 7, 8, 14, 1000};
	char what[80];
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		start();
		sc_download(&sc, 0x2000, 1, pattern, sizes[i]);
		run();
		snprintf(what, sizeof(what), "segmented download %u bytes",
			 sizes[i]);
		check(ok_with(SDO_C2S, XFER_SEGMENTED, pattern, sizes[i]) &&
			  res.ev[0].u.xfer.size == sizes[i],
		      what);
		start();
		sc_upload(&sc, 0x2000, 1, pattern, sizes[i]);
		run();
		snprintf(what, sizeof(what), "segmented upload %u bytes",
			 sizes[i]);
		check(ok_with(SDO_S2C, XFER_SEGMENTED, pattern, sizes[i]),
		      what);
	}
	start();
	sc_upload(&sc, 0x2000, 1, pattern, 14);
	run();
	check(res.ev[0].u.xfer.dur_ns == (uint64_t)(sc.n - 1) * MS &&
		  res.ev[0].u.xfer.start_ns == MS,
	      "duration first to last frame");
}

static void
test_block(void)
{
	static const uint32_t sizes[] = {0, 1, 7, 889, 890};
	char what[80];
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		start();
		sc_blk_download(&sc, 0x2000, 1, pattern, sizes[i], 127);
		run();
		snprintf(what, sizeof(what), "block download %u bytes, crc ok",
			 sizes[i]);
		check(ok_with(SDO_C2S, XFER_BLOCK, pattern, sizes[i]) &&
			  res.ev[0].u.xfer.crc_ok == 1,
		      what);
		start();
		sc_blk_upload(&sc, 0x2000, 1, pattern, sizes[i], 127);
		run();
		snprintf(what, sizeof(what), "block upload %u bytes, crc ok",
			 sizes[i]);
		check(ok_with(SDO_S2C, XFER_BLOCK, pattern, sizes[i]) &&
			  res.ev[0].u.xfer.crc_ok == 1,
		      what);
	}
	start();
	sc_blk_upload(&sc, 0x2000, 1, pattern, 100, 4);
	run();
	check(ok_with(SDO_S2C, XFER_BLOCK, pattern, 100),
	      "block upload 100 bytes in sub-blocks of 4");
	/* no CRC when the server does not support it */
	start();
	sc_blk_download(&sc, 0x2000, 1, pattern, 20, 127);
	sc.f[1].b[0] = 0xA0;
	run();
	check(ok_with(SDO_C2S, XFER_BLOCK, pattern, 20) &&
		  res.ev[0].u.xfer.crc_ok == -1,
	      "block without server CRC: unchecked");
}

/* The block query for a frame of command byte cmd, the rest 0. */
static bool
inb(uint8_t dir, uint8_t cmd, uint64_t ts)
{
	const uint8_t d[8] = {cmd};

	return sdo_xfer_in_block(&xf, dir, d, sizeof(d), ts);
}

/* The same for 8 bytes d of the client. */
static bool
inbd(const uint8_t *d, uint64_t ts)
{
	return sdo_xfer_in_block(&xf, SDO_C2S, d, 8, ts);
}

static void
test_block_query(void)
{
	static const uint8_t upload_junk[8] = {0x40, 0x18, 0x10, 1, 0x12};
	static const uint8_t blk_upload[8] = {0xA4, 0x18, 0x10, 1, 127};
	int i;

	start();
	sc_blk_download(&sc, 0x2000, 1, pattern, 15, 127);
	feed(&xf, 'c', sc.f[0].b, MS, &res);
	check(!inb(SDO_C2S, 1, 2 * MS),
	      "no sub-block before the answer");
	feed(&xf, 's', sc.f[1].b, 2 * MS, &res);
	check(inb(SDO_C2S, 1, 3 * MS) &&
		  !inb(SDO_S2C, 1, 3 * MS),
	      "sub-block open after block download response, client side");
	feed(&xf, 'c', sc.f[2].b, 3 * MS, &res);
	feed(&xf, 'c', sc.f[3].b, 4 * MS, &res);
	check(inb(SDO_C2S, 0x83, 5 * MS),
	      "still open before the c segment");
	check(inb(SDO_C2S, 0x01, 5 * MS),
	      "a duplicate segment is still a segment");
	check(inb(SDO_C2S, 0x21, 5 * MS) && inb(SDO_C2S, 0x85, 5 * MS) &&
		  inbd(upload_junk, 5 * MS),
	      "skipping ahead right after a segment: a segment after lost ones");
	check(!inb(SDO_C2S, 0x40, 5 * MS) && !inbd(blk_upload, 5 * MS),
	      "skipping ahead to a request with its reserved bytes 0: the "
	      "request");
	check(!inb(SDO_C2S, 0x21, 4 * MS + SDO_BLK_SKIP_NS) &&
		  inb(SDO_C2S, 0x21, 4 * MS + SDO_BLK_SKIP_NS - 1) &&
		  inb(SDO_C2S, 0x85, 4 * MS + SDO_BLK_SKIP_NS),
	      "skipping ahead after a pause: only an initiate request is not "
	      "a segment");
	feed(&xf, 'c', sc.f[4].b, 5 * MS, &res);
	check(!inb(SDO_C2S, 0x84, 6 * MS),
	      "closed after the c segment");
	start();
	sc_blk_download(&sc, 0x2000, 1, pattern, 700, 127);
	for (i = 0; i < 2 + 70; i++)
		feed(&xf, sc.f[i].dir, sc.f[i].b, (uint64_t)(i + 1) * MS, &res);
	check(!inb(SDO_C2S, 0x40, 73 * MS) &&
		  !inb(SDO_C2S, 0x23, 73 * MS) &&
		  !inb(SDO_C2S, 0xC6, 73 * MS) &&
		  inb(SDO_C2S, 0x47, 73 * MS) &&
		  inb(SDO_C2S, 0x48, 73 * MS) &&
		  inb(SDO_C2S, 0x01, 73 * MS),
	      "a request whose sequence number goes back is not a segment");
}

static void
test_toggle_and_lost(void)
{
	start();
	sc_upload(&sc, 0x2000, 1, pattern, 30);
	sc.f[5].b[0] ^= 0x10; /* 2nd server segment: wrong t */
	run();
	check(failed_with("toggle error"), "segmented upload toggle error");
	check(res.ev[0].u.xfer.got == 7, "data up to the bad segment");

	start();
	sc_download(&sc, 0x2000, 1, pattern, 30);
	memmove(&sc.f[4], &sc.f[5], sizeof(sc.f[0]) * (size_t)(sc.n - 5));
	sc.n--; /* 2nd client segment lost */
	run();
	check(failed_with("lost segment"), "segmented download: lost segment");

	start();
	sc_download(&sc, 0x2000, 1, pattern, 30);
	memmove(&sc.f[3], &sc.f[4], sizeof(sc.f[0]) * (size_t)(sc.n - 4));
	sc.n--;                         /* 1st server response lost */
	run();
	check(failed_with("lost segment response"),
	      "segmented download: lost response");

	start();
	sc_upload(&sc, 0x2000, 1, pattern, 30);
	memmove(&sc.f[3], &sc.f[4], sizeof(sc.f[0]) * (size_t)(sc.n - 4));
	sc.n--;                         /* 1st server segment lost */
	run();
	check(failed_with("lost segment"), "segmented upload: lost segment");

	start();
	sc_upload(&sc, 0x2000, 1, pattern, 30);
	memmove(&sc.f[4], &sc.f[5], sizeof(sc.f[0]) * (size_t)(sc.n - 5));
	sc.n--;                         /* 2nd client request lost */
	run();
	check(failed_with("lost segment request"),
	      "segmented upload: lost request");

	start();
	sc_blk_download(&sc, 0x2000, 1, pattern, 40, 127);
	memmove(&sc.f[4], &sc.f[5], sizeof(sc.f[0]) * (size_t)(sc.n - 5));
	sc.n--; /* segment 3 not in the capture */
	run();
	check(failed_with("lost segment"), "block download: lost segment");

	start();
	sc_blk_upload(&sc, 0x2000, 1, pattern, 40, 3);
	memmove(&sc.f[6], &sc.f[7], sizeof(sc.f[0]) * (size_t)(sc.n - 7));
	sc.n--;                         /* the first ack is not captured */
	run();
	check(failed_with("lost block ack"), "block upload: lost ack");
}

static void
test_duplicates(void)
{
	start();
	sc_upload(&sc, 0x2000, 1, pattern, 20);
	memmove(&sc.f[3], &sc.f[2], sizeof(sc.f[0]) * (size_t)(sc.n - 2));
	sc.n++; /* upload segment request twice */
	run();
	check(ok_with(SDO_S2C, XFER_SEGMENTED, pattern, 20),
	      "repeated upload segment request is a retry");

	start();
	sc_upload(&sc, 0x2000, 1, pattern, 20);
	memmove(&sc.f[4], &sc.f[3], sizeof(sc.f[0]) * (size_t)(sc.n - 3));
	sc.n++; /* server segment twice */
	run();
	check(ok_with(SDO_S2C, XFER_SEGMENTED, pattern, 20) &&
		  res.ev[0].u.xfer.repeats == 1,
	      "duplicated server segment: a repeat, counted");

	start();
	sc_blk_download(&sc, 0x2000, 1, pattern, 40, 127);
	memmove(&sc.f[4], &sc.f[3], sizeof(sc.f[0]) * (size_t)(sc.n - 3));
	sc.n++; /* block segment 2 twice */
	run();
	check(ok_with(SDO_C2S, XFER_BLOCK, pattern, 40) &&
		  res.ev[0].u.xfer.crc_ok == 1,
	      "duplicated block segment ignored");
}

/* Sub-block of 5: the server takes 3, the client restarts at 4. */
static void
test_retransmission(void)
{
	struct tframe *f;
	uint32_t off;
	int i;

	start();
	f = sc_add(&sc, 'c', 0xC6);
	sc_mux(f, 0x2000, 1);
	sc_u32(f->b + 4, 49);
	f = sc_add(&sc, 's', 0xA4);
	sc_mux(f, 0x2000, 1);
	f->b[4] = 5;
	for (i = 0; i < 5; i++) {
		f = sc_add(&sc, 'c', (uint8_t)(i + 1));
		memcpy(f->b + 1, pattern + i * 7, 7);
	}
	f = sc_add(&sc, 's', 0xA2);
	f->b[1] = 3;
	f->b[2] = 5;
	for (off = 21, i = 1; off < 49; off += 7, i++) {
		f = sc_add(&sc, 'c', (uint8_t)((off + 7 == 49) << 7 | i));
		memcpy(f->b + 1, pattern + off, 7);
	}
	f = sc_add(&sc, 's', 0xA2);
	f->b[1] = (uint8_t)(i - 1);
	f->b[2] = 5;
	sc_blk_end(&sc, 'c', pattern, 49);
	run();
	check(ok_with(SDO_C2S, XFER_BLOCK, pattern, 49) &&
		  res.ev[0].u.xfer.crc_ok == 1,
	      "block retransmission from ackseq+1");
}

static void
test_crc_size_abort(void)
{
	start();
	sc_blk_upload(&sc, 0x2000, 1, pattern, 30, 127);
	sc.f[sc.n - 2].b[1] ^= 0x01;
	run();
	check(failed_with("CRC mismatch") && res.ev[0].u.xfer.crc_ok == 0,
	      "block upload CRC mismatch");

	start();
	sc_upload(&sc, 0x2000, 1, pattern, 30);
	sc.f[1].b[4] = 31; /* indicated 31, 30 sent */
	run();
	check(failed_with("size mismatch"), "segmented size mismatch");

	start();
	sc_download(&sc, 0x2000, 1, pattern, 30);
	sc.n = 4;
	sc_mux(sc_add(&sc, 's', 0x80), 0x2000, 1);
	sc_u32(sc.f[sc.n - 1].b + 4, 0x06070010);
	run();
	check(res.n == 1 && res.ev[0].u.xfer.result == XFER_ABORTED &&
		  res.ev[0].u.xfer.abort_code == 0x06070010 &&
		  res.ev[0].status == CO_OK,
	      "abort mid-transfer by the server");

	start();
	sc_blk_upload(&sc, 0x2000, 1, pattern, 300, 127);
	sc.n = 10;
	sc_mux(sc_add(&sc, 'c', 0x80), 0x2000, 1);
	sc_u32(sc.f[sc.n - 1].b + 4, 0x05040000);
	run();
	check(res.n == 1 && res.ev[0].u.xfer.result == XFER_ABORTED &&
		  res.ev[0].u.xfer.mode == XFER_BLOCK,
	      "abort of a block upload by the client");
}

static void
test_pst_fallback(void)
{
	start();
	sc_mux(sc_add(&sc, 'c', 0xA4), 0x2000, 1);
	sc.f[0].b[4] = 127;
	sc.f[0].b[5] = 10; /* pst 10 */
	sc_upload(&sc, 0x2000, 1, pattern, 3);
	memmove(&sc.f[1], &sc.f[2], sizeof(sc.f[0]));
	sc.n = 2;
	run();
	check(ok_with(SDO_S2C, XFER_EXPEDITED, pattern, 3),
	      "block upload answered expedited (pst)");

	start();
	sc_mux(sc_add(&sc, 'c', 0xA4), 0x2000, 1);
	sc_upload(&sc, 0x2000, 1, pattern, 9);
	memmove(&sc.f[1], &sc.f[2], sizeof(sc.f[0]) * (size_t)(sc.n - 2));
	sc.n--;
	run();
	check(ok_with(SDO_S2C, XFER_SEGMENTED, pattern, 9),
	      "block upload answered segmented (pst)");
}

static void
test_timeout_orphan(void)
{
	struct co_event done;

	start();
	sc_upload(&sc, 0x2000, 1, pattern, 30);
	sc.n = 3;
	run();
	check(res.n == 0 && !sdo_xfer_expire(&xf, 900 * MS, 1000 * MS, &done),
	      "no timeout before the deadline");
	check(sdo_xfer_expire(&xf, 1004 * MS, 1000 * MS, &done) && done.why &&
		  strcmp(done.why, "timeout") == 0 && done.ts_ns == 1003 * MS &&
		  done.frame == NULL,
	      "timeout 1000 ms after the last frame");
	check(xf.state == SDO_IDLE, "idle after timeout");

	start();
	sc_upload(&sc, 0x2000, 1, pattern, 30);
	memmove(&sc.f[0], &sc.f[3], sizeof(sc.f[0]) * (size_t)(sc.n - 3));
	sc.n -= 3; /* capture starts mid-transfer */
	run();
	check(failed_with("upload segment without initiate"),
	      "mid-transfer start reported once");

	start();
	sc_upload(&sc, 0x2000, 1, pattern, 30);
	sc_upload(&sc, 0x2000, 1, pattern, 5);
	memmove(&sc.f[3], &sc.f[sc.n - 4], sizeof(sc.f[0]) * 4);
	sc.n = 7;
	run();
	check(res.n == 2 && res.ev[0].why &&
		  strcmp(res.ev[0].why,
			 "interrupted by a new upload 2000:01") == 0 &&
		  res.ev[1].u.xfer.result == XFER_OK &&
		  res.ev[1].u.xfer.got == 5,
	      "new initiate ends the open transfer");
}

static void
test_crc16(void)
{
	static const uint8_t s[] = "123456789";

	check(sdo_crc16(0, s, 9) == 0x31C3, "CRC-16 XMODEM check value");
}

static void
test_big(void)
{
	static uint8_t big[SDO_XFER_MAX + 100];
	size_t i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7 + 3);
	start();
	sc_blk_download(&sc, 0x2000, 1, big, sizeof(big), 127);
	run();
	check(res.n == 1 && res.ev[0].u.xfer.result == XFER_OK &&
		  res.ev[0].u.xfer.got == sizeof(big) &&
		  res.ev[0].u.xfer.crc_ok == 1 &&
		  memcmp(res.data[0], big, SDO_XFER_MAX) == 0,
	      "block transfer beyond the buffer: size and CRC checked");
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(pattern); i++)
		pattern[i] = (uint8_t)(i * 31 + 1);
	test_crc16();
	test_expedited();
	test_segmented();
	test_block();
	test_block_query();
	test_toggle_and_lost();
	test_duplicates();
	test_retransmission();
	test_crc_size_abort();
	test_pst_fallback();
	test_timeout_orphan();
	test_big();
	return check_done();
}
