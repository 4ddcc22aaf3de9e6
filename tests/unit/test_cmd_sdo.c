/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cmd_sdo.c - the SDO client and the simulator's SDO server talk to
 * each other in memory: every mode both ways at the segment and sub-block
 * boundaries, CRC, lost segments, aborts, fallback, timeouts */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../../src/cmd/cmd_sdo.h"
#include "../../src/sim/sim_sdo.h"

/* A dictionary of three objects: 2000:00 domain (rw), 1000:00 (ro, 4
 * bytes), 1017:00 (rw, exactly 2 bytes). */
static uint8_t dom[2048];
static size_t dom_len;
static uint8_t u16v[2] = { 0xE8, 0x03 };

static uint32_t
t_read(void *ctx, uint16_t index, uint8_t sub, uint8_t **p, size_t *n)
{
	(void)ctx;
	if (sub != 0)
		return SDO_AB_NO_SUB;
	if (index == 0x2000) {
		*p = malloc(dom_len + 1);
		if (dom_len)
			memcpy(*p, dom, dom_len);
		*n = dom_len;
		return 0;
	}
	if (index == 0x1000) {
		*p = malloc(4);
		memcpy(*p, "\x92\x01\x02\x00", 4);
		*n = 4;
		return 0;
	}
	return SDO_AB_NO_OBJ;
}

static uint32_t
t_can_write(void *ctx, uint16_t index, uint8_t sub, size_t n)
{
	(void)ctx;
	if (index == 0x1000)
		return SDO_AB_READ_ONLY;
	if (index == 0x1017 && n != SIZE_MAX && n != 2)
		return n > 2 ? SDO_AB_LEN_HIGH : SDO_AB_LEN_LOW;
	if ((index != 0x2000 && index != 0x1017) || sub != 0)
		return SDO_AB_NO_OBJ;
	if (n != SIZE_MAX && n > sizeof(dom))
		return SDO_AB_LEN_HIGH;
	return 0;
}

static uint32_t
t_write(void *ctx, uint16_t index, uint8_t sub, const uint8_t *p, size_t n)
{
	uint32_t ab = t_can_write(ctx, index, sub, n);

	if (ab)
		return ab;
	if (index == 0x1017)
		memcpy(u16v, p, 2);
	else {
		if (n)
			memcpy(dom, p, n);
		dom_len = n;
	}
	return 0;
}

static const struct sdo_srv_ops ops = { t_read, t_can_write, t_write };

struct pair {
	struct sdo_cli c;
	struct sdo_srv s;
	unsigned nframes;
	int drop_at;    /* drop the Nth client->server frame (0: none) */
	unsigned ccount;
};

static void
pair_init(struct pair *p, bool no_block)
{
	struct sdo_cli_cfg cfg = { 0x605, 0x585, 100, 0, 0, false };

	memset(p, 0, sizeof(*p));
	sdo_cli_init(&p->c, &cfg);
	sdo_srv_init(&p->s);
	p->s.cob_rx = 0x605;
	p->s.cob_tx = 0x585;
	p->s.ops = &ops;
	p->s.no_block = no_block;
}

/* Shuttle frames until the client is done; returns its final rc. */
static enum sdo_cli_rc
run(struct pair *p)
{
	struct co_frame f;
	enum sdo_cli_rc rc = SDO_CLI_BUSY;
	uint64_t t = 1000;
	int guard = 100000;

	while (rc == SDO_CLI_BUSY && guard-- > 0) {
		bool moved = false;

		while (sdo_cli_pop(&p->c, &f)) {
			moved = true;
			p->nframes++;
			if (++p->ccount == (unsigned)p->drop_at)
				continue;
			sdo_srv_rx(&p->s, &f, t);
		}
		while (sdo_srv_pop(&p->s, &f)) {
			moved = true;
			p->nframes++;
			rc = sdo_cli_rx(&p->c, &f, t);
		}
		t += 10;
		if (!moved)
			rc = sdo_cli_tick(&p->c, t += 200000);
	}
	while (sdo_cli_pop(&p->c, &f))  /* a final abort or end response */
		sdo_srv_rx(&p->s, &f, t);
	return rc;
}

static void
fill(uint8_t *b, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(i * 7 + seed);
}

static const char *mode_name[] = { "auto", "expedited", "segmented",
				   "block" };

/* The transfer was made the way mode asks for n bytes. */
static int
made_as(const struct sdo_cli *c, enum sdo_mode mode, size_t n, bool up)
{
	if (c->fell_back)
		return 0;
	switch (mode) {
	case SDO_MODE_BLOCK: return c->how == SDO_HOW_BLOCK;
	case SDO_MODE_EXP: return c->how == SDO_HOW_EXP;
	case SDO_MODE_SEG:
		if (up)         /* the server picks */
			return c->how == (n >= 1 && n <= 4 ? SDO_HOW_EXP
							   : SDO_HOW_SEG);
		return c->how == SDO_HOW_SEG;
	default:
		return c->how == (n >= 1 && n <= 4 ? SDO_HOW_EXP
						   : SDO_HOW_SEG);
	}
}

static void
roundtrip(enum sdo_mode mode, size_t n)
{
	static uint8_t want[2048];
	struct pair p;
	char what[128];
	enum sdo_cli_rc rc;
	int ok;

	fill(want, n, (unsigned)(n + mode));
	pair_init(&p, false);
	sdo_cli_download(&p.c, 0x2000, 0, want, n, mode, 0);
	rc = run(&p);
	ok = rc == SDO_CLI_DONE && dom_len == n && !memcmp(dom, want, n) &&
	     !sdo_srv_busy(&p.s) && made_as(&p.c, mode, n, false);
	snprintf(what, sizeof(what), "%s download of %zu bytes", mode_name[mode],
		 n);
	check(ok, what);
	sdo_cli_free(&p.c);
	pair_init(&p, false);
	sdo_cli_upload(&p.c, 0x2000, 0, mode, 0);
	rc = run(&p);
	ok = rc == SDO_CLI_DONE && p.c.len == n && (n == 0 || !memcmp(p.c.buf, want, n))
	     && !sdo_srv_busy(&p.s) && made_as(&p.c, mode, n, true);
	snprintf(what, sizeof(what), "%s upload of %zu bytes", mode_name[mode],
		 n);
	check(ok, what);
	sdo_cli_free(&p.c);
	sdo_srv_free(&p.s);
}

static void
test_sizes(void)
{
	static const size_t sizes[] = { 0, 1, 4, 5, 7, 8, 889, 889 + 1, 1800 };
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		roundtrip(SDO_MODE_AUTO, sizes[i]);
		roundtrip(SDO_MODE_SEG, sizes[i]);
		roundtrip(SDO_MODE_BLOCK, sizes[i]);
	}
	roundtrip(SDO_MODE_EXP, 1);
	roundtrip(SDO_MODE_EXP, 4);
}

static void
test_how(void)
{
	struct pair p;
	uint8_t d[889];

	fill(d, sizeof(d), 3);
	pair_init(&p, false);
	sdo_cli_download(&p.c, 0x2000, 0, d, sizeof(d), SDO_MODE_BLOCK, 0);
	check(run(&p) == SDO_CLI_DONE && p.c.how == SDO_HOW_BLOCK &&
	      p.c.crc, "889-byte block download with CRC");
	/* 1 init + rsp + 127 segs + ack + end + rsp */
	check(p.nframes == 132, "889 bytes = one sub-block of 127 segments");
	sdo_cli_free(&p.c);
	pair_init(&p, false);
	p.drop_at = 50;         /* segment 49 of the sub-block is lost */
	sdo_cli_download(&p.c, 0x2000, 0, d, sizeof(d), SDO_MODE_BLOCK, 0);
	check(run(&p) == SDO_CLI_DONE && dom_len == sizeof(d) &&
	      !memcmp(dom, d, sizeof(d)),
	      "lost block segment: acked up to 48, the rest resent");
	sdo_cli_free(&p.c);
	pair_init(&p, true);
	sdo_cli_download(&p.c, 0x2000, 0, d, 100, SDO_MODE_BLOCK, 0);
	check(run(&p) == SDO_CLI_DONE && p.c.fell_back &&
	      p.c.how == SDO_HOW_SEG && dom_len == 100,
	      "server declines block download: segmented fallback");
	sdo_cli_free(&p.c);
	pair_init(&p, true);
	sdo_cli_upload(&p.c, 0x2000, 0, SDO_MODE_BLOCK, 0);
	check(run(&p) == SDO_CLI_DONE && p.c.fell_back && p.c.len == 100,
	      "server declines block upload: segmented fallback");
	sdo_cli_free(&p.c);
	pair_init(&p, false);
	p.c.cfg.no_crc = true;
	sdo_cli_upload(&p.c, 0x2000, 0, SDO_MODE_BLOCK, 0);
	check(run(&p) == SDO_CLI_DONE && !p.c.crc && p.c.len == 100,
	      "block upload without CRC");
	sdo_cli_free(&p.c);
	pair_init(&p, false);
	p.c.cfg.pst = 200;
	sdo_cli_upload(&p.c, 0x2000, 0, SDO_MODE_BLOCK, 0);
	check(run(&p) == SDO_CLI_DONE && p.c.how == SDO_HOW_SEG &&
	      p.c.len == 100, "protocol switch threshold: segmented answer");
	sdo_cli_free(&p.c);
}

/* A transfer that must end with abort code want. */
static void
aborts(enum sdo_mode mode, bool up, uint16_t index, size_t n,
       uint32_t want, const char *what)
{
	uint8_t d[16] = { 0 };
	struct pair p;
	enum sdo_cli_rc rc;

	pair_init(&p, false);
	if (up)
		sdo_cli_upload(&p.c, index, 0, mode, 0);
	else
		sdo_cli_download(&p.c, index, 0, d, n, mode, 0);
	rc = run(&p);
	check(rc == SDO_CLI_ABORTED && p.c.abort == want && p.c.by_server &&
	      !sdo_srv_busy(&p.s), what);
	sdo_cli_free(&p.c);
	sdo_srv_free(&p.s);
}

static void
test_aborts(void)
{
	int m;
	char what[96];

	for (m = SDO_MODE_AUTO; m <= SDO_MODE_BLOCK; m++) {
		snprintf(what, sizeof(what), "%s: missing object 06020000",
			 mode_name[m]);
		aborts((enum sdo_mode)m, true, 0x3000, 0, SDO_AB_NO_OBJ, what);
		snprintf(what, sizeof(what), "%s: read-only 06010002",
			 mode_name[m]);
		aborts((enum sdo_mode)m, false, 0x1000, 4, SDO_AB_READ_ONLY,
		       what);
		snprintf(what, sizeof(what), "%s: 3 bytes to a UNSIGNED16 "
			 "06070012", mode_name[m]);
		aborts((enum sdo_mode)m, false, 0x1017, 3, SDO_AB_LEN_HIGH,
		       what);
	}
	aborts(SDO_MODE_SEG, false, 0x1017, 1, SDO_AB_LEN_LOW,
	       "segmented: 1 byte to a UNSIGNED16 06070013");
}

static void
test_timeout(void)
{
	struct sdo_cli_cfg cfg = { 0x605, 0x585, 500, 0, 0, false };
	struct sdo_cli c;
	struct co_frame f;

	sdo_cli_init(&c, &cfg);
	sdo_cli_upload(&c, 0x1000, 0, SDO_MODE_AUTO, 1000);
	check(sdo_cli_pop(&c, &f) && f.id == 0x605, "request queued");
	check(sdo_cli_tick(&c, 1000 + 499999) == SDO_CLI_BUSY,
	      "no timeout before 500 ms");
	check(sdo_cli_tick(&c, 1000 + 500000) == SDO_CLI_ABORTED &&
	      c.abort == SDO_AB_TIMEOUT && !c.by_server,
	      "timeout after 500 ms: 05040000");
	check(sdo_cli_pop(&c, &f) && f.data[0] == 0x80 &&
	      f.data[7] == 0x05 && f.data[6] == 0x04,
	      "abort frame sent to the server");
	cmd_sdo_init_ul_rsp(&f, 0x585, 0x1000, 0, (const uint8_t *)"ab", 2);
	check(sdo_cli_rx(&c, &f, 2000000) == SDO_CLI_ABORTED,
	      "a late answer does not revive it");
	check(sdo_cli_download(&c, 0x1017, 0, u16v, 6, SDO_MODE_EXP, 0) != 0,
	      "expedited with 6 bytes refused");
	sdo_cli_free(&c);
}

int
main(void)
{
	test_sizes();
	test_how();
	test_aborts();
	test_timeout();
	return check_done();
}
