/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sim.h - simulated CANopen slaves from EDS/DCF files: the dictionary's
 * values, NMT slave, heartbeat, guarding, SDO server, PDOs, EMCY and
 * faults (pure: frames and time in, frames out) */
#ifndef COSNIFF_SIM_H
#define COSNIFF_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd_build.h"
#include "eds.h"
#include "frame.h"
#include "sim_sdo.h"

/* One sub-index with its current value. */
struct sim_val {
	uint16_t index;
	uint8_t sub;
	uint8_t access;         /* enum od_access */
	bool pdo;               /* may be mapped */
	uint16_t dtype;
	size_t fixed;           /* size in bytes of fixed-size types, else 0 */
	uint8_t *p;             /* owned */
	size_t n;
};

/* The values of one node's dictionary, sorted by index and sub. */
struct sim_od {
	const struct od *od;    /* the loaded file (not owned) */
	struct sim_val *v;
	size_t n;
};

/* Fill from the values in force (ParameterValue, else DefaultValue).
 * 0 or -1 (ENOMEM). */
int sim_od_load(struct sim_od *s, const struct od *od);
/* Back to the values in force for lo <= index <= hi (NMT resets). */
int sim_od_reset(struct sim_od *s, uint16_t lo, uint16_t hi);
void sim_od_free(struct sim_od *s);
struct sim_val *sim_od_find(const struct sim_od *s, uint16_t index,
			    uint8_t sub);
/* Integer value of index:sub, little-endian, dflt when absent. */
uint64_t sim_od_u(const struct sim_od *s, uint16_t index, uint8_t sub,
		  uint64_t dflt);
/* Set an integer value regardless of access (the device itself). */
void sim_od_set_u(struct sim_od *s, uint16_t index, uint8_t sub,
		  uint64_t v);
/* The SDO server's view: access and length checked. */
extern const struct sdo_srv_ops sim_od_ops;

#define SIM_PDO_MAX 32          /* TPDOs/RPDOs per node handled */

/* A scheduled fault. */
enum sim_fault_kind { SIM_FAULT_EMCY, SIM_FAULT_SILENT };
struct sim_fault {
	enum sim_fault_kind kind;
	uint64_t at_us;         /* after start */
	uint64_t for_us;        /* silence: how long, 0 = for good */
	uint16_t code;          /* EMCY error code */
	bool fired;
};
#define SIM_FAULTS_MAX 8
#define SIM_HB_CONS_MAX 16      /* 1016h entries watched */

/* One heartbeat consumer entry (1016h sub i + 1). */
struct sim_hb_cons {
	uint32_t entry;         /* the 1016h value watched (a new one starts
				 * afresh) */
	uint64_t last_us;       /* last heartbeat heard, 0: not yet */
	bool lost;              /* timeout reported, until heard again */
};

struct sim_node {
	uint8_t id;
	struct sim_od od;
	struct sdo_srv sdo;
	uint8_t nmt;            /* NMT_ST_* */
	bool toggle;            /* next guarding answer's toggle bit */
	uint64_t last_guard_us; /* last guarding request, 0: none yet */
	bool life_lost;         /* life guarding event reported */
	uint64_t start_us;
	uint64_t next_hb_us;    /* 0: no heartbeat */
	uint8_t sync_cnt[SIM_PDO_MAX];
	uint64_t next_ev_us[SIM_PDO_MAX];
	uint8_t last_tpdo[SIM_PDO_MAX][8];
	bool sent_tpdo[SIM_PDO_MAX];
	uint64_t tpdo_at_us[SIM_PDO_MAX];  /* last sent (inhibit time) */
	uint64_t tpdo_due_us[SIM_PDO_MAX]; /* held back by the inhibit
					    * time until then, 0: none */
	struct sim_hb_cons hb_cons[SIM_HB_CONS_MAX];
	struct sim_fault fault[SIM_FAULTS_MAX];
	int nfault;
	uint64_t silent_until;  /* UINT64_MAX: silent for good */
	bool silent;
	struct cmd_outq out;
};

/* Set up node id from its dictionary and boot it at now_us (boot-up
 * frame, pre-operational).  0 or -1 (ENOMEM). */
int sim_node_init(struct sim_node *n, uint8_t id, const struct od *od,
		  uint64_t now_us);
void sim_node_free(struct sim_node *n);
/* A frame on the bus (also the other simulated nodes' frames). */
void sim_node_rx(struct sim_node *n, const struct co_frame *f,
		 uint64_t now_us);
/* Heartbeat, event timers, TPDOs held back by their inhibit time, the
 * heartbeat consumer (1016h: EMCY 8130 once per loss), SDO timeout,
 * faults due at now_us. */
void sim_node_tick(struct sim_node *n, uint64_t now_us);
/* The earliest time sim_node_tick has something to do. */
uint64_t sim_node_deadline(const struct sim_node *n);
bool sim_node_pop(struct sim_node *n, struct co_frame *f);

/* Parse "KIND@MS[:ARG]": emcy@MS[:CODE] or silent@MS[:FOR_MS]. */
int sim_fault_parse(const char *s, struct sim_fault *f);

#endif
