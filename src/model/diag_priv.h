/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_priv.h - what the diagnosis rules remember between events, and the
 * helpers they raise findings with (diag.c, diag_node.c, diag_bus.c) */
#ifndef COSNIFF_DIAG_PRIV_H
#define COSNIFF_DIAG_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

#define NS_PER_MS 1000000ull
#define NS_PER_S 1000000000ull
#define DIAG_IV 16              /* intervals kept for a median */

/* Recent intervals of something periodic (heartbeat, SYNC, SDO reply);
 * written only by diag_iv_add/diag_iv_put, which keep the median and
 * the regularity up to date (they are read on many frames) */
struct diag_iv {
	uint64_t v[DIAG_IV];
	uint32_t n;             /* samples taken in total */
	uint64_t last_ns;       /* last occurrence, 0: none */
	uint64_t sorted[DIAG_IV];   /* the kept samples in order */
	uint64_t med;           /* their median, 0: none */
	bool regular;
};

struct diag_node {
	bool heard;             /* produced something before this event */
	/* heartbeat supervision (heartbeat producers, not guarded nodes) */
	struct diag_iv hb;
	bool hb_armed, hb_lost;
	uint64_t hb_silent_ns;  /* longest silence */
	bool guarded;           /* guarding RTRs seen */
	bool guard_pending;
	uint64_t guard_req_ns;
	bool reset_pending;     /* NMT reset sent, boot-up not seen yet */
	/* two producers: state changes nobody commanded */
	uint8_t hb_state;       /* last heartbeat state, 0xFF none */
	uint64_t nmt_ns;        /* last NMT command that addressed it */
	uint32_t flips;
	uint32_t stable;        /* heartbeats in a row in one state */
	/* NMT commands while never seen */
	uint32_t nmt_unseen;
	uint64_t nmt_first_ns, nmt_last_ns;
	/* PDOs sent while not operational */
	uint64_t state_ns;      /* when the model's state last changed */
	/* EMCY storm window */
	uint64_t emcy_win_ns;
	uint32_t emcy_win_n;
	/* SDO reply times */
	uint64_t sdo_req_ns;    /* request waiting for its reply, 0 none */
	struct diag_iv sdo_rt;
	/* TPDOs seen (by number 1..512) and time spent operational */
	uint64_t tpdo_seen[8];
	uint64_t op_since_ns, op_ns;
	uint32_t syncs_op;      /* SYNCs seen while it was operational */
};

struct diag_state {
	struct diag_node node[NET_NODES];
	uint64_t next_due_ns;
	uint16_t cons_ms[NET_NODES];   /* 1016h times per node watched */
	bool cons_dirty;
	uint64_t now_ns;
	uint64_t first_ns;
	bool started;
	/* SYNC */
	struct diag_iv sync;
	bool sync_lost, sync_has_ctr;
	uint8_t sync_ctr;
	uint64_t sync_period_ns;  /* 1006h, 0: use the median */
	bool sync_cfg_done;       /* 1006h looked up */
	uint64_t late_iv, late_ns;   /* a late SYNC, judged at the next */
	uint64_t sync_checked, sync_irregular;   /* intervals */
	/* TIME */
	bool time_seen;
	uint64_t time_obj_ns, time_cap_ns;
	/* frames and capture */
	uint64_t last_ts_ns;      /* previous frame time (backwards check) */
	uint64_t gap_limit_ns;    /* silence of the bus that is a capture
				   * gap (periodic traffic known), 0 none */
	uint64_t nframes, neff, ninvalid, nevidence;
	uint64_t ndropped;
	uint64_t nback, back_pos, back_ns, back_first_ns, back_last_ns;
	uint64_t gap_end_ns;      /* first frame after the last FILE_GAP */
	uint64_t nunknown;        /* frames no CANopen service takes */
	uint64_t nuds;            /* ... on 0x7DF-0x7EF (OBD/UDS) */
	double sync_sum, sync_sq; /* intervals: jitter */
	uint64_t bad_pos[2];      /* first malformed / no-timestamp line */
	char bad_msg[2][96];
	/* controller state from error frames */
	uint8_t err_state;
};

/* A finding of code c on node (0: bus/file) with key; new ones are added
 * (first_ns = ts).  count and last_ns are updated; *isnew tells the
 * caller to fill what[] and call diag_announce().  NULL when full or the
 * rule is off (not CANopen). */
struct diag_finding *diag_get(struct diag *d, enum diag_code c,
			      uint8_t node, uint32_t key, uint64_t ts_ns,
			      bool *isnew);
/* Emit a new finding as a CO_EV_FINDING event. */
void diag_announce(struct diag *d, const struct diag_finding *f);
/* Set what[] (printf style) and announce it when new. */
void diag_say(struct diag *d, struct diag_finding *f, bool isnew,
	      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Intervals: add the one ending at ts_ns, or a sample v; median of those
 * kept. */
void diag_iv_add(struct diag_iv *iv, uint64_t ts_ns);
void diag_iv_put(struct diag_iv *iv, uint64_t v);
uint64_t diag_iv_median(const struct diag_iv *iv);
#define DIAG_IV_MIN 5
bool diag_iv_regular(const struct diag_iv *iv);
/* Wake diag_tick() at t. */
void diag_due(struct diag *d, uint64_t t_ns);
/* "1.250 s" / "120 ms" / "0.5 ms" into buf. */
const char *diag_dur(char *buf, size_t size, uint64_t ns);

/* Rules (diag_node.c): one per event kind. */
void diag_node_event(struct diag *d, const struct co_event *ev);
void diag_node_tick(struct diag *d, uint64_t now_ns);
void diag_node_finish(struct diag *d);
void diag_sdo_event(struct diag *d, const struct co_event *ev);
/* Rules (diag_bus.c). */
void diag_bus_event(struct diag *d, const struct co_event *ev);
void diag_bus_tick(struct diag *d, uint64_t now_ns);
void diag_bus_finish(struct diag *d);

#endif
