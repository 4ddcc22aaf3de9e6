/* SPDX-License-Identifier: GPL-2.0-or-later */
/* od_pdo.h - CiA 301 PDO communication/mapping parameters and other
 * communication objects taken from an object dictionary; pure PDO
 * payload decoder */
#ifndef COSNIFF_OD_PDO_H
#define COSNIFF_OD_PDO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eds.h"
#include "obuf.h"

/* COB-ID bits of PDO/SYNC/TIME/EMCY/SDO parameters (CiA 301 7.5.2) */
#define COB_INVALID   0x80000000u   /* bit 31: PDO/EMCY/SDO not valid */
#define COB_NO_RTR    0x40000000u   /* bit 30: PDO: no RTR allowed */
#define COB_SYNC_GEN  0x40000000u   /* bit 30: 1005h: device makes SYNC */
#define COB_TIME_CONS 0x80000000u   /* bit 31: 1012h: consumes TIME */
#define COB_TIME_PROD 0x40000000u   /* bit 30: 1012h: produces TIME */
#define COB_FRAME_EXT 0x20000000u   /* bit 29: 29-bit CAN-ID */
#define COB_ID_MASK   0x1FFFFFFFu

#define PDO_MAX_ENTRIES 64           /* mapping sub-indices 1..64 */
#define PDO_MAX_BITS 512             /* CAN FD: 64 bytes */

/* One mapped object: mapping value 0xIIIISSLL. */
struct pdo_entry {
	uint16_t index;
	uint8_t sub;
	uint8_t bits;           /* length in bits */
	uint16_t offset;        /* first bit in the payload (LSB first) */
	uint16_t dtype;         /* from the OD; dummy: the index itself */
	bool dummy;             /* index 0001h-0007h: a gap of that type */
	bool known;             /* object found in the dictionary */
	const char *name;       /* owned by the od; "" when unknown */
	uint8_t flags;          /* CO_OBJ_HEX (event.h): shown in hex */
};

/* One PDO: communication (1400h+/1800h+) and mapping (1600h+/1A00h+). */
struct pdo_map {
	bool tx;                /* TPDO: sent by the node (1800h/1A00h) */
	uint16_t num;           /* 1..512 */
	uint16_t comm_index, map_index;
	bool has_comm, has_map;
	uint32_t cob_raw;       /* sub 1 as configured */
	uint32_t can_id;        /* cob_raw & COB_ID_MASK (11 or 29 bits) */
	bool valid;             /* bit 31 clear */
	bool rtr;               /* RTR allowed (bit 30 clear) */
	bool ext;               /* bit 29: extended frame */
	bool has_trans;
	uint8_t trans_type;     /* sub 2 */
	uint16_t inhibit_100us; /* sub 3 */
	uint16_t event_ms;      /* sub 5 */
	uint8_t sync_start;     /* sub 6 */
	uint8_t nentries;       /* mapping sub 0 (entries used) */
	uint16_t total_bits;
	bool bad;               /* mapping over 512 bits or entries missing */
	struct pdo_entry e[PDO_MAX_ENTRIES];
};

struct pdo_list {
	size_t n;
	struct pdo_map *v;      /* sorted: RPDOs by number, then TPDOs */
};

/*
 * Every PDO the dictionary describes (a communication or a mapping
 * object present), with values in force (ParameterValue, else
 * DefaultValue; $NODEID resolved for od->node).  Problems (mapped object
 * missing, over 64 bytes, length 0) go to *diag (may be NULL) as
 * "file:line: ...".  Returns 0, or -1 when out of memory.  Free with
 * od_pdo_list_free().
 */
int od_pdo_list(const struct od *od, struct pdo_list *out,
		struct eds_diag *diag);
void od_pdo_list_free(struct pdo_list *l);

/* For the model when it sees SDO writes: set sub 1 (COB-ID) and the
 * fields derived from it; replace the entries with n mapping values
 * 0xIIIISSLL (names and types from od, which may be NULL). */
void pdomap_set_cob(struct pdo_map *m, uint32_t cob_raw);
void pdomap_set_mapping(struct pdo_map *m, const struct od *od,
			const uint32_t *v, unsigned n);

/* One decoded entry. */
struct pdo_value {
	const struct pdo_entry *e;
	bool present;           /* the payload covers it */
	uint64_t u;             /* raw bits (entries up to 64 bits) */
	int64_t s;              /* sign-extended from e->bits (signed types) */
	const uint8_t *p;       /* entries over 64 bits: bytes in payload */
	size_t nbytes;
};

enum pdo_fit { PDO_FIT_OK, PDO_FIT_SHORT, PDO_FIT_LONG };

/*
 * Decode a payload with a mapping: out[i] for each of m->nentries
 * entries (caller provides PDO_MAX_ENTRIES).  Pure: no state, no
 * allocation.  Returns SHORT when the payload has fewer bytes than the
 * mapping needs (entries not covered have present = false), LONG when
 * it has more.
 */
enum pdo_fit pdomap_decode(const struct pdo_map *m, const uint8_t *p,
			   size_t len, struct pdo_value *out);

/* Text "name=value" (name: the sub-index name, or IIII:SS when the
 * object is unknown; "(missing)" when not covered).  Dummy entries print
 * nothing (callers skip them). */
void pdomap_value_text(struct obuf *o, const struct pdo_value *v);
/* Only the value, as text or JSON (null when not covered). */
void pdomap_value(struct obuf *o, const struct pdo_value *v, bool json);

/* Other communication objects of a node (CiA 301 7.5.2). */
struct od_sdo_chan {
	uint16_t index;         /* 1200h-127Fh server, 1280h-12FFh client */
	bool client;
	uint32_t cob_c2s;       /* sub 1: client -> server (raw, bit 31) */
	uint32_t cob_s2c;       /* sub 2: server -> client */
	bool has_peer;
	uint8_t peer;           /* sub 3: node-ID of the other side */
};

#define OD_SDO_MAX 256
#define OD_HB_CONS_MAX 127

struct od_comm {
	bool has_sync;
	uint32_t sync_cob;      /* 1005h raw: bit 30 = this device makes SYNC */
	bool has_sync_period;
	uint32_t sync_period_us;/* 1006h */
	bool has_time;
	uint32_t time_cob;      /* 1012h raw: bit 31 consumer, 30 producer */
	bool has_emcy;
	uint32_t emcy_cob;      /* 1014h raw: bit 31 = not valid */
	bool has_hb_producer;
	uint16_t hb_producer_ms;/* 1017h, 0 = off */
	uint8_t nhb_cons;
	struct {
		uint8_t node;
		uint16_t ms;
	} hb_cons[OD_HB_CONS_MAX];   /* 1016h entries with node and time */
	bool has_guard;
	uint16_t guard_time_ms; /* 100Ch */
	uint8_t life_factor;    /* 100Dh */
	uint32_t life_time_ms;  /* product; 0 = guarding off */
	size_t nsdo;
	struct od_sdo_chan sdo[OD_SDO_MAX];
};

/* Fill *c from the dictionary's values in force. */
void od_comm_get(const struct od *od, struct od_comm *c);

#endif
