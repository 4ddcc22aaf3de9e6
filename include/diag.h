/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag.h - diagnosis: plain-language findings built from the event stream
 * and the network model (CiA 301 error control, EMCY, SDO, PDO, SYNC/TIME;
 * CAN bus and capture); one source for the text/JSON stream, the end-of-run
 * report and the live view */
#ifndef COSNIFF_DIAG_H
#define COSNIFF_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consumer.h"
#include "event.h"
#include "net.h"
#include "stats.h"

enum diag_sev { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE, DIAG__SEV_COUNT };

/* Stable finding codes; the names (diag_code_name) are for scripts. */
enum diag_code {
	/* nodes */
	DG_HB_LOST, DG_GUARD_LOST, DG_GUARD_TOGGLE, DG_NODE_REBOOT,
	DG_NODE_MISSING, DG_NMT_NO_NODE, DG_NODE_ID_CONFLICT,
	DG_PDO_NOT_OPERATIONAL,
	/* EMCY */
	DG_EMCY_ACTIVE, DG_EMCY_CLEARED, DG_EMCY_STORM,
	/* SDO */
	DG_SDO_ABORT, DG_SDO_ABORT_NO_OBJECT, DG_SDO_TIMEOUT, DG_SDO_TOGGLE,
	DG_SDO_SEG_LOST, DG_SDO_SEG_REPEAT, DG_SDO_SIZE, DG_SDO_CRC,
	DG_SDO_INTERRUPTED, DG_SDO_BLOCK_FALLBACK, DG_SDO_SLOW,
	DG_SDO_PROTOCOL, DG_SDO_ORPHAN, DG_SDO_INCOMPLETE,
	/* PDO */
	DG_PDO_LENGTH, DG_PDO_NEVER_SENT, DG_PDO_UNMAPPED,
	/* SYNC / TIME */
	DG_SYNC_MISSING, DG_SYNC_LATE, DG_SYNC_JITTER, DG_SYNC_COUNTER,
	DG_TIME_JUMP,
	/* CAN bus and capture */
	DG_BUS_ERROR_FRAMES, DG_BUS_ERROR_PASSIVE, DG_BUS_OFF,
	DG_BUS_RESTART, DG_BUS_DROPS, DG_BUS_LINK_DOWN, DG_BUS_LOAD,
	DG_BUS_NOT_CANOPEN,
	/* input files */
	DG_FILE_TS_BACKWARDS, DG_FILE_NO_TIMESTAMP, DG_FILE_MALFORMED,
	DG_FILE_GAP,
	DG__COUNT
};

#define DIAG_TEXT 320          /* "what happened" text, with its figures */
#define DIAG_MAX 256           /* findings kept; more are counted */

/* One finding: repeats of the same code on the same node (and key) are
 * aggregated into it. */
struct diag_finding {
	uint8_t code;          /* enum diag_code */
	uint8_t sev;           /* enum diag_sev */
	uint8_t node;          /* 1..127, 0: the bus or the input file */
	uint32_t key;          /* tells findings of one code and node apart
				* (EMCY code, abort code, object, PDO) */
	uint64_t first_ns, last_ns;
	uint32_t count;
	uint32_t seq;          /* order in which findings were raised */
	bool hidden;           /* withdrawn: not CANopen traffic */
	char what[DIAG_TEXT];  /* what happened, with figures */
};

struct diag_state;

/*
 * The findings and what the rules remember between events.  Allocate with
 * diag_new(); the model (net) and statistics (st, may be NULL: no bus
 * load) are read, never written.  Findings are announced through emit as
 * CO_EV_FINDING events when first raised.
 */
struct diag {
	const struct co_net *net;
	const struct co_stats *st;
	co_emit_fn emit;
	void *arg;
	uint32_t n;            /* findings in f[] */
	uint32_t lost;         /* findings not kept (f[] full) */
	uint32_t seq;
	bool not_canopen;      /* BUS_NOT_CANOPEN raised: CANopen rules off */
	struct diag_finding f[DIAG_MAX];
	struct diag_state *s;  /* rule state (diag.c) */
};

/* NULL when out of memory.  diag_free(NULL) does nothing. */
struct diag *diag_new(const struct co_net *net, const struct co_stats *st,
		      co_emit_fn emit, void *arg);
void diag_free(struct diag *d);
/* Forget every finding and what the rules learned (a replay restarts). */
void diag_reset(struct diag *d);

/*
 * The diagnosis as a pipe consumer (consumer.h): frame() runs the
 * deadlines up to the frame's time, event() is diag_event(), end() is
 * diag_finish() (add it after the statistics consumer, whose end()
 * computes the bus load), reset() is diag_reset().
 */
void consumer_diag_init(struct co_consumer *c, struct diag *d);

/*
 * Feed one event: a decoded frame after net_apply() has seen it, or a
 * derived event of the model.  CO_EV_FINDING events are ignored.
 */
void diag_event(struct diag *d, const struct co_event *ev);
/* Deadlines (heartbeat loss, SYNC missing) up to now_ns; call before each
 * frame, like net_tick(). */
void diag_tick(struct diag *d, uint64_t now_ns);
/* An input line or record that could not be read (malformed, or no_ts:
 * a line without a timestamp in a log whose lines have one). */
void diag_input_bad(struct diag *d, uint64_t pos, bool no_ts,
		    const char *msg);
/* End of input: the checks that need the whole run (never seen, never
 * sent, still active, bus load). */
void diag_finish(struct diag *d);

/* True once the traffic was recognised as not CANopen: the model should
 * not be fed any more (its conclusions would rest on misread frames).
 * False for NULL. */
bool diag_not_canopen(const struct diag *d);
/* The next time diag_tick() has something to do; UINT64_MAX (also for
 * NULL) when nothing is due. */
uint64_t diag_next_due(const struct diag *d);

/*
 * The read API.  diag_sorted() fills out[0..max) with the visible
 * findings, errors first, then warnings, then notes; within a severity
 * the most recent (last_ns) first; returns how many.  The pointers stay
 * valid until diag_free(); the findings change as events arrive.
 */
size_t diag_sorted(const struct diag *d, const struct diag_finding **out,
		   size_t max);
/* Visible findings of severity sev (DIAG__SEV_COUNT: all). */
size_t diag_count(const struct diag *d, enum diag_sev sev);

/* "HB_LOST", ...; "error", "warning", "note". */
const char *diag_code_name(enum diag_code c);
const char *diag_sev_name(enum diag_sev s);
/* Why it matters, what to check: fixed texts of the finding's code. */
const char *diag_why(const struct diag_finding *f);
const char *diag_check(const struct diag_finding *f);

#endif
