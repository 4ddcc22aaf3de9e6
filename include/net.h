/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net.h - the network model: per-node NMT state, error control
 * (CiA 301 7.2.8.3 heartbeat / node guarding), EMCY history, SDO transfers */
#ifndef COSNIFF_NET_H
#define COSNIFF_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "co_tables.h"      /* NMT_ST_*, NMT_CS_* */
#include "event.h"
#include "sdo_xfer.h"

#define NET_NODES 128
#define NET_EMCY_HIST 16          /* EMCY records kept per node */
#define NET_SDO_EXTRA 8           /* transfers of SDO channels other than 0 */
#define NET_STATE_UNKNOWN 0xFFu   /* NMT state not known yet */
#define NET_SDO_TIMEOUT_MS 1000u
#define NET_EXPECT_MS 1000u       /* --expect without --hb-timeout */
#define NET_SDO_RECENT 32         /* finished transfers kept for views */
#define NET_HB_IV 5               /* heartbeat intervals kept (=auto) */
#define NET_HB_IV_MIN 3           /* measured before =auto supervises */

/* co_ev_node.cause: what told us about a state change. */
enum net_cause {
	NET_CAUSE_HEARTBEAT, NET_CAUSE_BOOTUP, NET_CAUSE_GUARD, NET_CAUSE_NMT,
};

/*
 * What the object dictionaries say about a node's error control (from
 * EDS/DCF files and SDO transfers seen; net_od.c): the shortest 1016h
 * consumer time any node has for it, its 1017h producer time, its guard
 * time (100Ch) and life time factor (100Dh); 0 = not known or off.
 */
struct net_hb_cfg {
	uint16_t cons_ms, prod_ms, guard_ms;
	uint8_t life;
};

struct net_emcy {
	uint64_t ts_ns;
	uint16_t code;
	uint8_t reg;
	uint8_t msef[5];
};

/* One node as seen on the bus.  Times are frame times. */
struct co_node {
	uint8_t id;
	uint8_t state;             /* NMT state or NET_STATE_UNKNOWN */
	bool seen;                 /* sent a valid frame (producer COB-IDs);
				    * only such nodes are shown */
	bool expected;             /* --expect */
	bool missing_reported;
	bool ec_seen;              /* heartbeat/boot-up/guarding seen */
	bool timed_out;            /* error control lost, not yet back */
	bool guard_pending;        /* guarding RTR sent, answer due */
	bool guarded;              /* last error control was guarding */
	int8_t guard_next;         /* toggle expected next; -1 unknown */
	bool emcy_active;
	uint16_t emcy_code;        /* last active EMCY code */
	uint8_t emcy_n;            /* records in emcy[] (<= NET_EMCY_HIST) */
	uint8_t emcy_head;         /* next slot to write */
	uint32_t emcy_total;
	uint32_t bootups;
	uint32_t hb_timeout_ms;    /* expectation in force, 0: not monitored
				    * (set by net.c's hb_update only) */
	uint32_t hb_cli_ms;        /* --hb-timeout NODE=MS */
	bool hb_auto;              /* --hb-timeout NODE=auto */
	struct net_hb_cfg hb_cfg;  /* from the dictionaries */
	uint8_t hb_iv_n, hb_iv_head;            /* =auto: recent intervals */
	uint64_t hb_iv_ns[NET_HB_IV];
	uint32_t bad;              /* short/invalid frames, not applied */
	uint32_t timeouts;
	uint32_t guard_unanswered; /* guarding RTRs sent again unanswered */
	uint32_t sdo_ok, sdo_failed, sdo_aborted;
	uint64_t first_ns, last_ns;
	uint64_t last_ec_ns;       /* last error-control message */
	uint64_t last_hb_ns;       /* last heartbeat (period measure) */
	uint64_t hb_n;             /* periods measured */
	uint64_t hb_sum_ns, hb_min_ns, hb_max_ns;
	struct net_emcy emcy[NET_EMCY_HIST];
	struct sdo_xfer sdo;       /* default SDO channel */
};

struct net_od;

/* One SDO transfer, running or finished, as views list it (net_view.h;
 * CiA 301 7.2.4). */
struct net_sdo_info {
	uint8_t node;
	uint8_t chan;              /* 0: default channel */
	uint8_t dir;               /* SDO_C2S download, SDO_S2C upload */
	uint8_t mode;              /* enum xfer_mode */
	bool running;              /* not finished yet: result unset */
	uint8_t result;            /* enum xfer_result */
	bool has_mux;
	uint16_t index;
	uint8_t sub;
	uint32_t got;              /* bytes so far */
	uint32_t size;             /* indicated size, 0 if none */
	uint32_t abort_code;       /* XFER_ABORTED */
	uint64_t start_ns;
	uint64_t dur_ns;           /* so far, when running */
};

struct net_sdo_slot {
	bool used;
	uint8_t node;
	struct sdo_xfer x;
};

/*
 * The whole model.  Large (about 730 KiB, mostly SDO buffers that are only
 * touched when used): allocate it once.  Only net_apply(), net_tick() and
 * net_finish() write it; views read it through net_view.h.
 */
struct co_net {
	struct co_node nodes[NET_NODES];
	struct net_sdo_slot sdo_extra[NET_SDO_EXTRA];
	uint32_t sdo_timeout_ms;
	uint32_t expect_ms;
	bool started;              /* first frame seen */
	uint64_t first_ns, now_ns;
	uint64_t next_due_ns;      /* earliest deadline, UINT64_MAX none */
	uint64_t sdo_xfers;
	bool sdo_extra_full;       /* a channel's transfer was not followed */
	uint8_t sdo_recent_n, sdo_recent_head;   /* ring of the last ones */
	struct net_sdo_info sdo_recent[NET_SDO_RECENT];
	uint64_t bad_short, bad_invalid;   /* CANopen frames not applied */
	struct net_od *od;         /* dictionaries, PDOs, COB-IDs (net_od.h);
				    * NULL until an EDS or a learned write */
};

/* Set everything to defaults (no node known, timeouts off). */
void net_init(struct co_net *net);

/* Command-line settings; -1 (errno EINVAL) on a bad argument.
 * hb: "NODE=MS" or "NODE=auto" (the period measured on the bus), NODE
 * 1..127, "all" or "*"; expect: "N[,N...]" (ranges "N-M" too); ms: a
 * positive decimal number of milliseconds. */
int net_opt_hb_timeout(struct co_net *net, const char *arg);
int net_opt_expect(struct co_net *net, const char *arg);
int net_opt_sdo_timeout(struct co_net *net, const char *arg);

/*
 * Update the model with one decoded frame and emit the derived events it
 * causes (after the caller printed the frame itself).  Events point into
 * the model and are valid only during the emit call.  A short or invalid
 * CANopen frame is only counted (bad_short, bad_invalid, node's bad);
 * invalid SDO frames still reach the transfer they break.
 */
void net_apply(struct co_net *net, const struct co_event *ev,
	       co_emit_fn emit, void *arg);

/*
 * A frame whose contents no consumer reads (-q --stats): account it (frame
 * time; the presence of the node behind a TPDO of the predefined
 * connection set, which is all the model takes from such a PDO) and
 * return false, or return true when the model needs the decoded event
 * after all (net_apply, which then accounts it): every frame but PDOs,
 * 29-bit and error frames that the configuration does not route.  Time
 * and presence are kept by the same helpers as in net_apply.
 */
bool net_frame(struct co_net *net, const struct co_frame *f);

/*
 * Run every deadline that passed at now_ns (frame time in replay, the
 * clock when live): heartbeat/guarding loss, missing nodes, SDO timeouts.
 * Cheap when nothing is due.  Call before each frame.
 */
void net_tick(struct co_net *net, uint64_t now_ns, co_emit_fn emit,
	      void *arg);

/* End of input: report expected nodes never seen and SDO transfers
 * still open. */
void net_finish(struct co_net *net, co_emit_fn emit, void *arg);

/* dissect.h co_ctx.sdo_in_block */
bool net_sdo_in_block(const struct co_net *net, uint8_t node, uint8_t chan,
		      uint8_t dir, const uint8_t *d, size_t len,
		      uint64_t ts_ns);
/* True while a node-guarding RTR to node waits for its answer. */
bool net_guard_pending(const struct co_net *net, uint8_t node);

/*
 * Error-control expectations: the dictionaries' view of node (net_od.c
 * calls this whenever it changes).  The one policy for a node's
 * supervision time lives in net.c: --hb-timeout NODE=MS, else the
 * consumer time, else 1.5 x the producer time, else guard time x life
 * time factor, else (NODE=auto) 1.5 x the period measured: the median
 * of the last NET_HB_IV heartbeat intervals, or the last one if longer.
 */
void net_hb_configure(struct co_net *net, uint8_t node,
		      const struct net_hb_cfg *cfg);

/* Name of an NMT state ("operational", ..., "unknown"). */
const char *net_state_name(uint8_t state);

#endif
