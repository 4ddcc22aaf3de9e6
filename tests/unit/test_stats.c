/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_stats.c - frame bit counts (ISO 11898-1, can-utils canbusload
 * modes), per-COB-ID period/jitter, bus load, --bitrate parsing */
#include "config.h"

#include <math.h>
#include <string.h>

#include "check.h"
#include "stats.h"

#define MS 1000000ull

static struct co_stats st;

static struct co_frame
frame(uint32_t id, const uint8_t *d, uint8_t len, uint16_t flags)
{
	struct co_frame f;

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.len = len;
	f.flags = flags;
	if (d)
		memcpy(f.data, d, len);
	return f;
}

static void
test_bits(void)
{
	static const uint8_t zero[64],
	    ones[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	static const uint8_t pdo[8] = {0x37, 0x02, 0xE8, 0x03};
	struct stats_bits b;
	struct co_frame f;

	f = frame(0x185, pdo, 8, 0);
	stats_frame_bits(&f, true, &b);
	check(b.arb_nostuff == 111 && b.arb_worst == 135,
	      "classic 8 bytes: 47+64 unstuffed, 55+80 worst case");
	/* exact values from an independent stuffed-stream construction */
	check(b.arb_exact == 121, "exact stuffing of 185#3702E80300000000");
	f = frame(0x000, zero, 8, 0);
	stats_frame_bits(&f, true, &b);
	check(b.arb_exact == 127, "exact stuffing of 000#0000000000000000");
	f = frame(0x7FF, ones, 8, 0);
	stats_frame_bits(&f, true, &b);
	check(b.arb_exact == 126, "exact stuffing of 7FF#FFFFFFFFFFFFFFFF");
	f = frame(0x705, NULL, 1, CO_F_RTR);
	stats_frame_bits(&f, true, &b);
	check(b.arb_nostuff == 47 && b.arb_worst == 55 && b.arb_exact == 49,
	      "remote frame carries no data bits");
	f = frame(0x1234567, zero, 0, CO_F_EFF);
	stats_frame_bits(&f, false, &b);
	check(b.arb_nostuff == 67 && b.arb_worst == 80 && b.arb_exact == 0,
	      "29-bit frame without data: 67 / 80 bits");
	f = frame(0x123, zero, 64, CO_F_FD);
	f.fd_flags = CO_FD_BRS;
	stats_frame_bits(&f, false, &b);
	check(b.data_nostuff == 1 + 1 + 4 + 21 + 512 &&
		  b.arb_nostuff == 1 + 11 + 21 + 5 + 12 + 512 - b.data_nostuff,
	      "CAN FD with BRS: data phase counted apart");
}

static void
test_bitrate(void)
{
	stats_init(&st);
	check(stats_opt_bitrate(&st, "500k") == 0 && st.bitrate == 500000 &&
		  st.dbitrate == 500000,
	      "--bitrate 500k");
	check(stats_opt_bitrate(&st, "1M,5M") == 0 && st.bitrate == 1000000 &&
		  st.dbitrate == 5000000,
	      "--bitrate 1M,5M");
	check(stats_opt_bitrate(&st, "125000") == 0 && st.bitrate == 125000,
	      "--bitrate 125000");
	check(stats_opt_bitrate(&st, "0") != 0 &&
		  stats_opt_bitrate(&st, "fast") != 0 &&
		  stats_opt_bitrate(&st, "500k,") != 0 &&
		  stats_opt_bitrate(&st, "500x") != 0,
	      "bad --bitrate rejected");
}

static void
test_periods(void)
{
	static const uint64_t t[] = {0, 10, 20, 31};
	struct co_frame f;
	const struct stats_cob *c;
	size_t i;

	stats_init(&st);
	for (i = 0; i < 4; i++) {
		f = frame(0x080, NULL, 0, 0);
		f.ts_ns = 1000 * MS + t[i] * MS;
		stats_frame(&st, &f);
	}
	c = &st.sff[0x080];
	check(c->frames == 4 && c->dt_min_ns == 10 * MS &&
		  c->dt_max_ns == 11 * MS && c->dt_sum_ns == 31 * MS,
	      "SYNC period min/max/sum");
	check(fabs(sqrt(c->dt_sq / 3 - pow(31.0 * MS / 3, 2)) - 0.4714 * MS) <
		  0.001 * MS,
	      "SYNC jitter (standard deviation)");
	f = frame(0x18FF0001, NULL, 0, CO_F_EFF);
	stats_frame(&st, &f);
	check(st.frames == 5 && st.eff[0].used + st.eff[63].used +
					(st.eff_other.frames == 0) >=
				    1,
	      "29-bit frame counted");
	f = frame(0x2000000, NULL, 8, CO_F_ERR);
	stats_frame(&st, &f);
	check(st.err_frames == 1 && st.frames == 5,
	      "error frames counted apart");
}

static void
test_eff_overflow(void)
{
	struct co_frame f;
	uint32_t i;

	stats_init(&st);
	for (i = 0; i < STATS_EFF_SLOTS + 10; i++) {
		f = frame(0x100000 + i, NULL, 0, CO_F_EFF);
		stats_frame(&st, &f);
	}
	check(st.eff_other.frames == 10, "29-bit table bounded, rest in other");
}

/* 1000 8-byte frames in one second at 125 kbit/s: 111 / 135 bits each. */
static void
test_load(void)
{
	struct co_frame f;
	double load;
	int i;

	stats_init(&st);
	stats_opt_bitrate(&st, "125k");
	for (i = 0; i <= 1000; i++) {
		f = frame(0x181, NULL, 8, 0);
		f.ts_ns = 5000 * MS + (uint64_t)i * MS;
		stats_frame(&st, &f);
	}
	stats_finish(&st);
	load = stats_bits_time(&st.bits, false, st.bitrate, st.dbitrate);
	check(fabs(load - 1001 * 111 / 125000.0) < 1e-9,
	      "busy time without stuffing");
	load = stats_bits_time(&st.bits, true, st.bitrate, st.dbitrate);
	check(fabs(load - 1001 * 135 / 125000.0) < 1e-9,
	      "busy time with worst-case stuffing");
	check(fabs(st.peak_load - 1000 * 135 / 125000.0) < 1e-9,
	      "busiest second");
}

int
main(void)
{
	test_bits();
	test_bitrate();
	test_periods();
	test_eff_overflow();
	test_load();
	return check_done();
}
