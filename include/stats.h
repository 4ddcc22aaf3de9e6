/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats.h - bus statistics: frames, bytes, rate, period and jitter per
 * COB-ID, SYNC timing, bus load (bit counts as can-utils canbusload) */
#ifndef COSNIFF_STATS_H
#define COSNIFF_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "frame.h"

#define STATS_SFF_SLOTS 2048     /* every 11-bit identifier */
#define STATS_EFF_SLOTS 64       /* 29-bit identifiers kept apart */

struct stats_cob {
	uint64_t frames, bytes;
	uint64_t first_ns, last_ns;
	uint64_t dt_min_ns, dt_max_ns, dt_sum_ns;
	double dt_sq;                /* sum of squared periods, ns^2 */
};

struct stats_eff {
	bool used;
	uint32_t id;
	struct stats_cob c;
};

/* Bits on the wire, summed (see stats_frame_bits). */
struct stats_bits {
	uint64_t arb_nostuff, arb_worst, arb_exact;  /* nominal bitrate */
	uint64_t data_nostuff, data_worst;           /* FD data phase */
};

/* Cheap per-frame sums, turned into bits when needed. */
struct stats_acc {
	uint64_t sff, eff;           /* classic frames */
	uint64_t bytes;              /* their data bytes (remote: none) */
	uint64_t exact;              /* their exact bits (--exact-load) */
	struct stats_bits fd;        /* CAN FD frames, as bits */
};

struct co_stats {
	uint32_t bitrate, dbitrate;  /* bit/s; 0 = unknown */
	bool exact;                  /* also count stuff bits exactly */
	uint64_t frames, bytes, err_frames, fd_frames, rtr_frames;
	uint64_t first_ns, last_ns;
	struct stats_acc acc;
	struct stats_bits bits;      /* totals, valid after stats_finish() */
	/* busiest one-second window (worst-case stuffing) */
	uint64_t win_end_ns;
	struct stats_acc win_start;  /* acc when the window opened */
	double peak_load;            /* fraction 0..1 */
	uint64_t peak_start_ns;
	struct stats_cob sff[STATS_SFF_SLOTS];
	struct stats_eff eff[STATS_EFF_SLOTS];
	struct stats_cob eff_other;  /* 29-bit ids beyond the table */
};

void stats_init(struct co_stats *st);
/* "N" or "N,DATA" bit/s with optional k/M suffix; -1 errno EINVAL. */
int stats_opt_bitrate(struct co_stats *st, const char *arg);
/* Bit/s of the bus for the load figures (0: unknown); exact: also count
 * stuff bits exactly (--exact-load). */
void stats_set_bitrate(struct co_stats *st, uint32_t bitrate,
		       uint32_t dbitrate);
void stats_set_exact(struct co_stats *st, bool exact);
/* Account one frame (error frames are counted, not timed). */
void stats_frame(struct co_stats *st, const struct co_frame *f);
/* End of input: close the last load window, fill st->bits. */
void stats_finish(struct co_stats *st);

/*
 * Bits one frame occupies on the wire including EOF and inter-frame space,
 * as can-utils lib.c can_frame_length(): classic 47/67 + 8n without
 * stuffing, 55/80 + 10n worst case, or exact stuffing over SOF..CRC; CAN
 * FD (no exact mode) with the data phase separate when BRS is set.
 */
void stats_frame_bits(const struct co_frame *f, bool exact,
		      struct stats_bits *b);
/* Seconds the bits take at the given rates. */
double stats_bits_time(const struct stats_bits *b, bool worst,
		       uint32_t bitrate, uint32_t dbitrate);

#endif
