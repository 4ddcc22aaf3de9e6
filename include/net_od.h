/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_od.h - what the model knows of each node's object dictionary
 * (CiA 301 7.5.2): PDO mappings and COB-IDs in force, error-control
 * times; seeded from EDS/DCF files, learned from SDO transfers seen */
#ifndef COSNIFF_NET_OD_H
#define COSNIFF_NET_OD_H

#include <stdbool.h>
#include <stdint.h>

#include "dissect.h"
#include "eds.h"
#include "net.h"
#include "od_pdo.h"

#define NET_PDO_MAX 1024          /* PDOs of all nodes */
#define NET_SDO_CHAN_MAX 64       /* SDO channels other than the default */
#define NET_COB_EXT_MAX 64        /* 29-bit COB-IDs routed */
#define NET_STD_IDS 2048

struct net_pdo {
	uint8_t node;
	uint8_t want;               /* sub 0 read/written before its entries
				     * were known: apply when they are */
	uint8_t known;              /* NET_K_*: parameters known */
	uint32_t raw[PDO_MAX_ENTRIES];   /* mapping sub 1..64 (0: unknown) */
	struct pdo_map m;
};

struct net_route {
	uint8_t kind;               /* enum co_route_kind */
	uint8_t node, chan, dir;
	uint16_t pdo;               /* index in pdo[] */
};

/* Which values are known (from a dictionary or seen on the bus). */
#define NET_K_TRANS 0x01u           /* PDO sub 2 */
#define NET_K_INHIBIT 0x02u         /* PDO sub 3 */
#define NET_K_EVENT 0x04u           /* PDO sub 5 */
#define NET_K_SYNC 0x08u            /* PDO sub 6 */
#define NET_K_HB 0x01u              /* 1017h */
#define NET_K_GUARD 0x02u           /* 100Ch */
#define NET_K_LIFE 0x04u            /* 100Dh */

/* One node's communication objects, as far as known. */
struct net_ncfg {
	uint8_t known;              /* NET_K_HB... */
	bool has_devtype;
	uint32_t devtype;           /* 1000h read from the node */
	bool has_sync, has_time, has_emcy;
	uint32_t sync_cob;          /* 1005h */
	uint32_t time_cob;          /* 1012h */
	uint32_t emcy_cob;          /* 1014h */
	uint16_t hb_prod_ms;        /* 1017h */
	uint16_t guard_ms;          /* 100Ch */
	uint8_t life;               /* 100Dh */
	uint32_t hb_cons[127];      /* 1016h sub 1..127 */
};

struct net_sdo_chan {
	uint8_t owner;              /* node whose 1200h-12FFh it is */
	uint16_t index;
	uint8_t node;               /* server node */
	uint8_t chan;               /* index - 1200h */
	uint32_t c2s, s2c;          /* sub 1, sub 2 (raw) */
};

/* Allocated once (calloc: pages untouched until used). */
struct net_od {
	const struct od *od[NET_NODES];
	struct net_ncfg cfg[NET_NODES];
	unsigned nsdo;
	struct net_sdo_chan sdo[NET_SDO_CHAN_MAX];
	unsigned npdo;
	struct net_pdo pdo[NET_PDO_MAX];
	struct net_route std[NET_STD_IDS];
	unsigned next;
	uint32_t ext_id[NET_COB_EXT_MAX];
	struct net_route ext[NET_COB_EXT_MAX];
	bool overflow;              /* a table above was full */
};

/*
 * Bind the dictionaries (od[n] for node n, NULL: none; not owned, must
 * outlive the model) and take PDOs, COB-IDs and heartbeat/guarding
 * expectations from them.  Call after the command-line options.
 * Returns -1 when out of memory.
 */
int net_od_seed(struct co_net *net, struct od *const od[NET_NODES]);
void net_od_free(struct co_net *net);

/* A finished transfer (CO_EV_SDO_XFER): apply what it writes or reads
 * of the objects above; emits a CO_EV_CONFIG per change. */
void net_od_learn(struct co_net *net, const struct co_event *xfer,
		  co_emit_fn emit, void *arg);

/* dissect.h co_ctx.route and co_ctx.obj_info */
bool net_route(const struct co_net *net, uint32_t id, bool ext,
	       struct co_route *r);
bool net_obj_info(const struct co_net *net, uint8_t node, uint16_t index,
		  uint8_t sub, struct co_obj *o);

/* True when the configuration gives f's COB-ID a meaning (so the
 * statistics-only fast path must decode it). */
bool net_od_routed(const struct co_net *net, const struct co_frame *f);

#endif
