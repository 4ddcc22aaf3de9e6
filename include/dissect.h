/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dissect.h - frame -> event: frame-level rules and table routing */
#ifndef COSNIFF_DISSECT_H
#define COSNIFF_DISSECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "frame.h"
#include "rd.h"

struct co_net;

/*
 * A COB-ID whose meaning the configuration sets (EDS/DCF, learned SDO
 * writes): checked by dissect.c before the predefined connection set.
 */
enum co_route_kind {
	CO_RT_NONE, CO_RT_PDO, CO_RT_SYNC, CO_RT_TIME, CO_RT_EMCY, CO_RT_SDO,
};

struct co_route {
	uint8_t kind;          /* enum co_route_kind */
	uint8_t node;          /* PDO: node owning it; EMCY producer; SDO
				* server */
	uint8_t chan;          /* SDO channel (index - 1200h) */
	uint8_t dir;           /* SDO: enum sdo_dir */
	bool rx;               /* PDO: RPDO of node */
	uint16_t num;          /* PDO number 1..512 */
	const struct pdo_map *map;   /* PDO: the mapping in force */
};

/*
 * Read-only view of what decoding may depend on (the model's state).
 * Dissectors never remember anything themselves; where the meaning of a
 * frame depends on earlier frames (SDO block sub-block segments, PDO
 * mappings) they ask the model through this const context.
 */
struct co_ctx {
	const struct co_net *net;   /* NULL: predefined connection set only */
	/* true while SDO channel chan of node is inside a block sub-block in
	 * direction dir and the frame with SDO bytes d[0..len-1] (len >= 1,
	 * d[0] the command byte) at time ts_ns continues it (a c|seqno
	 * segment); NULL when there is no model */
	bool (*sdo_in_block)(const struct co_net *net, uint8_t node,
			     uint8_t chan, uint8_t dir, const uint8_t *d,
			     size_t len, uint64_t ts_ns);
	/* true while node owes an answer to a node-guarding RTR (0x700+n),
	 * so the next 1-byte data frame on 0x700+n is a guarding response
	 * (toggle bit valid), not a heartbeat.  NULL when there is no model:
	 * a data frame with bit 7 set is then taken as a guarding response,
	 * one without as a heartbeat. */
	bool (*guard_pending)(const struct co_net *net, uint8_t node);
	/* configured meaning of CAN-ID id (ext: 29-bit); false when the
	 * predefined connection set applies.  NULL: no configuration. */
	bool (*route)(const struct co_net *net, uint32_t id, bool ext,
		      struct co_route *r);
	/* name and type of node's object index:sub (EDS/DCF, else CiA 301
	 * table); false when unknown.  NULL: not looked up. */
	bool (*obj_info)(const struct co_net *net, uint8_t node,
			 uint16_t index, uint8_t sub, struct co_obj *o);
	/* room for PDO_MAX_ENTRIES values (od_pdo.h): the PDO dissector
	 * decodes a mapped payload into it and points ev->u.pdo.vals here
	 * (valid until the next frame).  NULL: values not decoded. */
	struct pdo_value *pdo_vals;
};

/*
 * One protocol dissector (one file in dissectors/, listed in the private
 * dissectors/dissectors.h).  dissect.c has already set ev->kind to kind,
 * ev->node to the COB-ID's node bits and rd over the payload; decode()
 * fills ev->u, may refine kind/node, and sets status/why for bad contents.
 * dissect.c then marks frames shorter than min_len (or overrun reads) as
 * CO_SHORT and, if still OK, frames longer than max_len (0 = any) as
 * CO_INVALID.  Pure: no memory between frames, ctx is read-only.
 */
struct co_dissector {
	const char *name;          /* "sdo", used in messages */
	enum co_ev_kind kind;
	uint8_t min_len, max_len;  /* payload length CiA 301 requires */
	void (*decode)(const struct co_ctx *ctx, struct co_rd *rd,
		       struct co_event *ev);
};

/* Decode one frame into *ev (always filled; never fails). */
void dissect_frame(const struct co_ctx *ctx, const struct co_frame *f,
		   struct co_event *ev);

#endif
