/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dissectors.h - the protocol dissectors (CiA 301 predefined connection
 * set, CiA 305 LSS); private to src/decode/dissect.c, which routes to
 * them */
#ifndef COSNIFF_DISSECTORS_H
#define COSNIFF_DISSECTORS_H

#include "dissect.h"

/* Record that the field(s) just read were all in the frame (event.h
 * CO_HAS_*): the reader has not run past the end. */
static inline void
ev_have(struct co_event *ev, const struct co_rd *rd, uint16_t bits)
{
	if (!rd_short(rd))
		ev->has |= bits;
}

/* The same for n bytes still to be read. */
static inline void
ev_have_next(struct co_event *ev, const struct co_rd *rd, size_t n,
	     uint16_t bits)
{
	if (!rd_short(rd) && rd_left(rd) >= n)
		ev->has |= bits;
}

extern const struct co_dissector nmt_dissector;
extern const struct co_dissector sync_dissector;
extern const struct co_dissector time_dissector;
extern const struct co_dissector emcy_dissector;
extern const struct co_dissector hb_dissector;
extern const struct co_dissector sdo_dissector;
extern const struct co_dissector pdo_dissector;
extern const struct co_dissector lss_dissector;

#endif
