/* SPDX-License-Identifier: GPL-2.0-or-later */
/* event.h - the one record every printer, logger and view reads:
 * a decoded frame (from a dissector) or a derived event (from the model) */
#ifndef COSNIFF_EVENT_H
#define COSNIFF_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "canerr.h"
#include "frame.h"

struct pdo_map;
struct pdo_value;

enum co_ev_kind {
	/* one per frame, from dissect.c */
	CO_EV_UNKNOWN,         /* not CANopen, or unrouted: shown raw */
	CO_EV_ERROR_FRAME,     /* CAN error frame (CAN layer) */
	CO_EV_NMT,             /* NMT module control, 0x000 */
	CO_EV_SYNC,
	CO_EV_TIME,
	CO_EV_EMCY,
	CO_EV_BOOTUP,          /* NMT error control state 0 */
	CO_EV_HEARTBEAT,
	CO_EV_GUARD_REQ,       /* RTR on 0x700+n */
	CO_EV_GUARD_RSP,       /* reply to a guarding RTR (toggle bit valid) */
	CO_EV_SDO,
	CO_EV_PDO,
	CO_EV_LSS,
	/* from the source */
	CO_EV_DROP,            /* frames lost before they reached us */
	/* derived by the model; frame is the trigger or NULL (timeouts) */
	CO_EV_SDO_XFER,        /* finished or failed SDO transfer */
	CO_EV_NODE_STATE,      /* NMT state of a node changed */
	CO_EV_HB_TIMEOUT,      /* heartbeat or guarding lost */
	CO_EV_HB_RECOVER,      /* heartbeat/guarding back after a timeout */
	CO_EV_NODE_MISSING,    /* expected node never seen */
	CO_EV_GUARD_TOGGLE,    /* guarding toggle bit did not alternate */
	CO_EV_CONFIG,          /* object dictionary value learned (EDS issue) */
	/* from live capture (capture.c, the loop): part of the record */
	CO_EV_NOTE,            /* a source's note: interface down, up again
				* (with the gap), removed, back; read errors */
	CO_EV_LINK,            /* link status (--link), at start and end */
	CO_EV_LINK_STATE,      /* CAN controller state changed */
	CO_EV_LINK_LOST,       /* frames lost before capture (driver) */
	CO_EV_FINDING,         /* diagnosis finding first raised (diag.h) */
	CO_EV__COUNT
};

/* tcpdump's split: SHORT = truncated (" [|proto]"), INVALID = bad contents */
enum co_status { CO_OK, CO_SHORT, CO_INVALID };

/*
 * co_event.has: the fields a frame really carried.  The dissector sets a
 * bit once the field's bytes were all there, so a printer shows a short
 * frame's fields without knowing wire offsets.  Derived events set none.
 */
#define CO_HAS_CMD     0x0001u   /* byte 0: NMT cs, NMT state (error
				  * control), SDO command, LSS cs */
#define CO_HAS_TARGET  0x0002u   /* NMT: target node */
#define CO_HAS_TIME    0x0004u   /* TIME: ms and days */
#define CO_HAS_CODE    0x0008u   /* EMCY: error code */
#define CO_HAS_REG     0x0010u   /* EMCY: error register */
#define CO_HAS_MSEF    0x0020u   /* EMCY: manufacturer-specific bytes */
#define CO_HAS_MUX     0x0040u   /* SDO: index and sub-index */
#define CO_HAS_DATA    0x0080u   /* SDO: the len data bytes (expedited,
				  * segment) */
#define CO_HAS_SIZE    0x0100u   /* SDO: the indicated size */
#define CO_HAS_BLKSIZE 0x0200u   /* SDO block initiate: blksize */
#define CO_HAS_PST     0x0400u   /* SDO block upload initiate: pst */
#define CO_HAS_ACK     0x0800u   /* SDO block ack: ackseq and blksize */
#define CO_HAS_CRC     0x1000u   /* SDO block end: CRC */
#define CO_HAS_ABORT   0x2000u   /* SDO abort code */
#define CO_HAS_ARG     0x4000u   /* LSS: the command's argument (mode,
				  * node-ID, error, table, delay, value,
				  * fastscan fields) */
#define CO_HAS_SPEC    0x8000u   /* LSS: implementation-specific error */

enum sdo_dir { SDO_C2S, SDO_S2C };   /* client->server 0x600+n, reverse */

/* What one SDO frame is (CiA 301 7.2.4.3). */
enum sdo_fn {
	SDO_FN_UNKNOWN,
	SDO_FN_INIT_DL_REQ, SDO_FN_INIT_DL_RSP,
	SDO_FN_DL_SEG_REQ, SDO_FN_DL_SEG_RSP,
	SDO_FN_INIT_UL_REQ, SDO_FN_INIT_UL_RSP,
	SDO_FN_UL_SEG_REQ, SDO_FN_UL_SEG_RSP,
	SDO_FN_ABORT,
	SDO_FN_BLK_DL_INIT_REQ, SDO_FN_BLK_DL_INIT_RSP,
	SDO_FN_BLK_DL_SEG, SDO_FN_BLK_DL_ACK,
	SDO_FN_BLK_DL_END_REQ, SDO_FN_BLK_DL_END_RSP,
	SDO_FN_BLK_UL_INIT_REQ, SDO_FN_BLK_UL_INIT_RSP,
	SDO_FN_BLK_UL_START, SDO_FN_BLK_UL_SEG, SDO_FN_BLK_UL_ACK,
	SDO_FN_BLK_UL_END_REQ, SDO_FN_BLK_UL_END_RSP,
};

/*
 * What an SDO's object is: from the node's EDS/DCF, else the built-in
 * table of CiA 301 communication objects (co_objs.h); filled by
 * dissect.c (frames) and the model (transfers).  name NULL: unknown.
 */
#define CO_OBJ_HEX 0x01        /* integers read better in hex (COB-IDs) */
struct co_obj {
	const char *name;      /* sub-object name; owned by the od/table */
	uint16_t dtype;        /* CiA 301 data type (od_value.h), 0 unknown */
	uint8_t flags;         /* CO_OBJ_* */
};

struct co_ev_sdo {
	uint8_t dir;           /* enum sdo_dir */
	uint8_t fn;            /* enum sdo_fn */
	uint8_t chan;          /* SDO channel: 0 = default 0x580/0x600 */
	uint8_t cmd;           /* byte 0 as sent */
	bool has_mux;          /* index/sub valid */
	uint16_t index;
	uint8_t sub;
	bool e, s;             /* expedited, size indicated */
	bool toggle, last;     /* segment t bit, c bit (last segment) */
	bool crc;              /* block initiate: CRC supported */
	uint8_t n;             /* unused bytes (expedited, segment, blk end) */
	uint8_t seqno;         /* block segment sequence number 1..127 */
	uint8_t blksize, ackseq, pst;
	uint16_t crc_val;      /* block end */
	uint32_t size;         /* indicated size */
	uint32_t abort_code;
	uint8_t len;           /* valid bytes in data[] */
	uint8_t data[7];
	struct co_obj obj;     /* index:sub's name and type (has_mux) */
};

/* XFER_MODE_UNKNOWN: an upload that ended before the server's answer */
enum xfer_mode { XFER_EXPEDITED, XFER_SEGMENTED, XFER_BLOCK,
		 XFER_MODE_UNKNOWN };
enum xfer_result { XFER_OK, XFER_ABORTED, XFER_FAILED };

/* A finished or failed SDO transfer.  data points into the model and is
 * valid only while the event is being handled. */
struct co_ev_xfer {
	uint8_t dir;           /* SDO_C2S download (write), SDO_S2C upload */
	uint8_t mode;          /* enum xfer_mode */
	uint8_t result;        /* enum xfer_result */
	uint8_t chan;
	bool has_mux;          /* index/sub known (not for an orphan segment) */
	uint16_t index;
	uint8_t sub;
	int8_t crc_ok;         /* -1 not used, 0 mismatch, 1 verified */
	uint32_t size;         /* indicated size, 0 if none */
	uint32_t got;          /* bytes received */
	uint32_t abort_code;
	uint64_t start_ns;
	uint64_t dur_ns;
	const uint8_t *data;
	const char *reason;    /* failures: lost segment, toggle error, ... */
	struct co_obj obj;     /* index:sub's name and type (has_mux) */
	uint16_t repeats;      /* segments (or answers) sent twice */
	bool fallback;         /* block upload answered as a normal one */
};

struct co_ev_lss {
	bool master;           /* 0x7E5 master->slave, else slave->master */
	uint8_t cs;
	uint8_t mode, nid, err, spec_err, tbl_sel, tbl_idx;
	uint8_t fs_check, fs_sub, fs_next;
	uint16_t delay_ms;
	uint32_t val;
};

struct co_ev_node {
	uint8_t old_state, new_state;
	uint32_t expected_ms;   /* period that was expected */
	uint64_t last_ns;       /* last time the node was heard */
	uint64_t gap_ns;        /* silence length (recover) */
	uint8_t cause;          /* enum net_cause (net.h): state changes */
	int8_t toggle_exp;      /* guard toggle: expected, received */
	int8_t toggle_got;
	uint32_t bootups;       /* boot-ups counted so far */
};

struct co_ev_drop {
	uint32_t count;
	uint64_t total;
	const char *iface;     /* where they were lost; NULL: not known */
};

struct diag_finding;
struct co_link;

/* CO_EV_NOTE and the CO_EV_LINK* events.  iface and text point into the
 * source or the capture's link table (valid during the call). */
enum co_link_when { CO_LINK_START, CO_LINK_END };
struct co_ev_link {
	const char *iface;
	const char *text;      /* NOTE: the message; LINK: link_fmt() line */
	uint8_t when;          /* LINK: enum co_link_when */
	uint8_t old_state;     /* LINK_STATE: enum co_link_state (link.h) */
	uint8_t new_state;
	uint16_t txerr, rxerr; /* LINK_STATE: error counters */
	uint64_t lost;         /* LINK_LOST: frames */
	const struct co_link *link;  /* LINK: the whole status (link.h) */
};

/* CO_EV_CONFIG: which setting a transfer changed (CiA 301 7.5.2). */
enum co_cfg_what {
	CO_CFG_COB,            /* a COB-ID (PDO sub 1, 1005h, 1012h, 1014h) */
	CO_CFG_MAP,            /* a PDO mapping, map: the new one */
	CO_CFG_TRANS,          /* PDO transmission type */
	CO_CFG_INHIBIT,        /* PDO inhibit time, 100 us */
	CO_CFG_EVENT,          /* PDO event timer, ms */
	CO_CFG_SYNC_START,     /* PDO SYNC start value */
	CO_CFG_SDO_COB_C2S,    /* SDO channel COB-IDs */
	CO_CFG_SDO_COB_S2C,
	CO_CFG_SDO_PEER,       /* SDO channel: node-ID of the other side */
	CO_CFG_HB_PROD,        /* 1017h producer heartbeat time, ms */
	CO_CFG_HB_CONS,        /* 1016h entry: new = node << 16 | ms */
	CO_CFG_GUARD,          /* 100Ch guard time, ms */
	CO_CFG_LIFE,           /* 100Dh life time factor */
};

/* CO_EV_CONFIG: a setting learned from an SDO transfer, old -> new. */
struct co_ev_config {
	uint16_t index;
	uint8_t sub;
	uint8_t what;          /* enum co_cfg_what */
	uint8_t obj;           /* enum co_cfg_obj: whose setting */
	uint16_t num;          /* PDO number; SDO channel index */
	bool has_old;          /* old value known */
	uint32_t old_v, new_v;
	const struct pdo_map *map;   /* CO_CFG_MAP: the mapping now */
};

/* co_ev_config.obj */
enum co_cfg_obj {
	CO_CFG_RPDO, CO_CFG_TPDO, CO_CFG_SYNC, CO_CFG_TIME, CO_CFG_EMCY,
	CO_CFG_SDO, CO_CFG_HEARTBEAT, CO_CFG_GUARDING,
};

/*
 * A decoded frame or a derived event.  frame, why and the pointers in the
 * union point at data owned by the caller (source frame, dissection
 * context, model) and are valid only while the event is being handled:
 * a consumer that keeps events (a view's history) must copy what it needs
 * or format the event while it is called, never keep the pointers.
 */
struct co_event {
	enum co_ev_kind kind;
	enum co_status status;
	const char *why;               /* detail for SHORT/INVALID, or NULL */
	const struct co_frame *frame;  /* NULL for derived events */
	uint64_t ts_ns;
	uint32_t cob_id;
	uint8_t node;                  /* 0 = broadcast / none */
	uint16_t has;                  /* CO_HAS_*: fields the frame had */
	union {
		struct canerr_info err;        /* CO_EV_ERROR_FRAME */
		struct { uint8_t cs, target; } nmt;
		struct { bool has_counter; uint8_t counter; } sync;
		struct { uint32_t ms; uint16_t days; uint8_t rsvd; } time;
		struct { uint16_t code; uint8_t reg; uint8_t msef[5]; } emcy;
		struct { uint8_t state; bool toggle; } hb;
		struct { uint8_t len; } guard_req;
		struct co_ev_sdo sdo;
		/* num 1..512; map: the mapping in force (od_pdo.h), NULL
		 * when unknown; vals: its m->nentries values decoded from
		 * the payload, NULL when not decoded (no map, RTR) */
		struct {
			uint16_t num;
			bool rx, rtr;
			const struct pdo_map *map;
			const struct pdo_value *vals;
		} pdo;
		struct co_ev_lss lss;
		struct co_ev_drop drop;
		struct co_ev_link link;         /* NOTE, LINK* */
		struct co_ev_xfer xfer;
		struct co_ev_node nodeev;
		struct co_ev_config config;
		/* CO_EV_FINDING: owned by the diagnosis (diag.h) */
		const struct diag_finding *finding;
	} u;
};

/* Event consumer callback (model -> outputs). */
typedef void (*co_emit_fn)(void *arg, const struct co_event *ev);

/* Lower-case JSON "kind" name of an event kind, e.g. "sdo_transfer". */
const char *co_ev_kind_name(enum co_ev_kind k);
/* True for a valid frame the node itself sent (boot-up, heartbeat, guard
 * response, EMCY, SDO response, TPDO data): it shows the node present. */
bool co_ev_from_node(const struct co_event *ev);

#endif
