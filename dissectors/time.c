/* SPDX-License-Identifier: GPL-2.0-or-later */
/* time.c - CiA 301 7.2.6 TIME (COB-ID 0x100): TIME_OF_DAY structure */
#include "config.h"

#include "dissectors.h"

#define TIME_MS_MASK 0x0FFFFFFFu   /* 28 bits; the high 4 are reserved */
#define TIME_MS_PER_DAY 86400000u

/*
 * Byte | Meaning
 * 0-3  | bits 0-27: ms after midnight; bits 28-31 reserved (0)
 * 4-5  | days since 1984-01-01
 *
 * The reserved bits are masked (Wireshark 4.0 uses all 32 bits and shows
 * a wrong date when they are set) and kept in u.time.rsvd for display.
 */
static void
time_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	uint32_t raw;

	(void)ctx;
	raw = rd_le32(rd);
	ev->u.time.ms = raw & TIME_MS_MASK;
	ev->u.time.rsvd = (uint8_t)(raw >> 28);
	ev->u.time.days = rd_le16(rd);
	ev_have(ev, rd, CO_HAS_TIME);
	if (ev->u.time.ms >= TIME_MS_PER_DAY) {
		ev->status = CO_INVALID;
		ev->why = "ms after midnight >= 86400000";
	}
}

const struct co_dissector time_dissector = {
	.name = "time",
	.kind = CO_EV_TIME,
	.min_len = 6,
	.max_len = 6,
	.decode = time_decode,
};
