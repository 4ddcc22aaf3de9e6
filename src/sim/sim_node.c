/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sim_node.c - one simulated CANopen slave (CiA 301): NMT state machine
 * with boot-up, heartbeat producer (1017h), guarding responder, SDO
 * server, TPDOs on SYNC and event timer, RPDOs into the dictionary, EMCY,
 * and scheduled faults */
#include "config.h"
#include "sim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "co_tables.h"
#include "od_pdo.h"

#define OBJ_ERR_REG 0x1001
#define OBJ_COB_SYNC 0x1005
#define OBJ_COB_EMCY 0x1014
#define OBJ_GUARD_TIME 0x100C
#define OBJ_LIFE_FACTOR 0x100D
#define OBJ_HB_CONS 0x1016
#define OBJ_HB_TIME 0x1017
#define OBJ_RPDO_COMM 0x1400
#define OBJ_RPDO_MAP 0x1600
#define OBJ_TPDO_COMM 0x1800
#define OBJ_TPDO_MAP 0x1A00
#define PDO_SYNC_MAX 240        /* transmission types 1..240: every n-th */
#define PDO_EVENT_TYPE 254      /* 254, 255: event driven */
#define PDO_INHIBIT_US 100u     /* 1800h sub 3 counts 100 us */

#define EMCY_GENERIC_REG 0x01   /* error register bit 0 */
#define EMCY_PDO_LENGTH 0x8210  /* PDO not processed: length error */
#define EMCY_LIFE_GUARD 0x8130  /* life guard error or heartbeat error */

static struct co_frame *
push(struct sim_node *n)
{
	return cmd_outq_push(&n->out);
}

static uint64_t
hb_us(const struct sim_node *n)
{
	return sim_od_u(&n->od, OBJ_HB_TIME, 0, 0) * 1000u;
}

static void
boot(struct sim_node *n, uint64_t now_us)
{
	cmd_hb(push(n), n->id, NMT_ST_BOOTUP);
	n->nmt = NMT_ST_PREOP;
	n->toggle = false;
	n->last_guard_us = 0;
	n->life_lost = false;
	n->next_hb_us = hb_us(n) ? now_us + hb_us(n) : 0;
	memset(n->sync_cnt, 0, sizeof(n->sync_cnt));
	memset(n->sent_tpdo, 0, sizeof(n->sent_tpdo));
	memset(n->tpdo_due_us, 0, sizeof(n->tpdo_due_us));
	memset(n->hb_cons, 0, sizeof(n->hb_cons));
	sdo_srv_free(&n->sdo);
}

int
sim_node_init(struct sim_node *n, uint8_t id, const struct od *od,
	      uint64_t now_us)
{
	memset(n, 0, sizeof(*n));
	n->id = id;
	if (sim_od_load(&n->od, od) != 0)
		return -1;
	sdo_srv_init(&n->sdo);
	n->sdo.cob_rx = COB_SDO_RX + id;
	n->sdo.cob_tx = COB_SDO_TX + id;
	n->sdo.ops = &sim_od_ops;
	n->sdo.ctx = &n->od;
	n->start_us = now_us;
	boot(n, now_us);
	return 0;
}

void
sim_node_free(struct sim_node *n)
{
	sdo_srv_free(&n->sdo);
	sim_od_free(&n->od);
}

bool
sim_node_pop(struct sim_node *n, struct co_frame *f)
{
	while (sdo_srv_pop(&n->sdo, f) || cmd_outq_pop(&n->out, f))
		if (!n->silent)
			return true;
	return false;
}

/* ---- PDOs ---- */

/* Bits of the mapped value at bit offset off of buf (LSB first). */
static void
put_bits(uint8_t *buf, unsigned off, const uint8_t *v, size_t vn,
	 unsigned bits)
{
	unsigned i;

	for (i = 0; i < bits; i++) {
		unsigned bit = i / 8 < vn ? (v[i / 8] >> (i % 8)) & 1u : 0;

		if (bit)
			buf[(off + i) / 8] |= (uint8_t)(1u << ((off + i) % 8));
	}
}

static void
get_bits(const uint8_t *buf, unsigned off, uint8_t *v, size_t vn,
	 unsigned bits)
{
	unsigned i;

	memset(v, 0, vn);
	for (i = 0; i < bits && i / 8 < vn; i++)
		if ((buf[(off + i) / 8] >> ((off + i) % 8)) & 1u)
			v[i / 8] |= (uint8_t)(1u << (i % 8));
}

/* The payload of TPDO i; its length, or -1 when unmapped or too long. */
static int
tpdo_pack(const struct sim_node *n, int i, uint8_t *buf)
{
	unsigned k, cnt, off = 0, bits;
	uint64_t e;
	const struct sim_val *v;

	cnt = (unsigned)sim_od_u(&n->od, OBJ_TPDO_MAP + i, 0, 0);
	memset(buf, 0, CO_CAN_MAX_DLEN);
	for (k = 1; k <= cnt; k++) {
		e = sim_od_u(&n->od, OBJ_TPDO_MAP + i, (uint8_t)k, 0);
		bits = (unsigned)(e & 0xFFu);
		if (off + bits > CO_CAN_MAX_DLEN * 8)
			return -1;
		v = sim_od_find(&n->od, (uint16_t)(e >> 16),
				(uint8_t)(e >> 8));
		if (v != NULL)
			put_bits(buf, off, v->p, v->n, bits);
		off += bits;
	}
	return cnt ? (int)((off + 7) / 8) : -1;
}

/* An event-driven TPDO (type 254, 255) sent less than its inhibit time
 * (1800h sub 3) ago is held back until the time is over; true then. */
static bool
tpdo_inhibited(struct sim_node *n, int i, uint64_t now_us)
{
	uint64_t inh = sim_od_u(&n->od, OBJ_TPDO_COMM + i, 3, 0) *
		       PDO_INHIBIT_US;

	if (inh == 0 || !n->sent_tpdo[i] ||
	    sim_od_u(&n->od, OBJ_TPDO_COMM + i, 2, 255) < PDO_EVENT_TYPE ||
	    now_us >= n->tpdo_at_us[i] + inh)
		return false;
	n->tpdo_due_us[i] = n->tpdo_at_us[i] + inh;
	return true;
}

static void
tpdo_send(struct sim_node *n, int i, uint64_t now_us)
{
	uint32_t cob = (uint32_t)sim_od_u(&n->od, OBJ_TPDO_COMM + i, 1,
					  COB_INVALID);
	uint8_t buf[CO_CAN_MAX_DLEN];
	struct co_frame *f;
	int len;

	if ((cob & (COB_INVALID | COB_FRAME_EXT)) ||
	    tpdo_inhibited(n, i, now_us) ||
	    (len = tpdo_pack(n, i, buf)) < 0)
		return;
	n->tpdo_due_us[i] = 0;
	n->tpdo_at_us[i] = now_us;
	f = push(n);
	cmd_frame(f, cob & CO_SFF_MASK, (uint8_t)len);
	memcpy(f->data, buf, (size_t)len);
	memcpy(n->last_tpdo[i], buf, sizeof(buf));
	n->sent_tpdo[i] = true;
}

static bool
tpdo_exists(const struct sim_node *n, int i)
{
	return sim_od_find(&n->od, OBJ_TPDO_COMM + i, 1) != NULL;
}

static void
on_sync(struct sim_node *n, uint64_t now_us)
{
	uint8_t buf[CO_CAN_MAX_DLEN];
	unsigned type;
	int i;

	for (i = 0; i < SIM_PDO_MAX; i++) {
		if (!tpdo_exists(n, i))
			continue;
		type = (unsigned)sim_od_u(&n->od, OBJ_TPDO_COMM + i, 2, 255);
		if (type == 0) {        /* acyclic: when the data changed */
			if (tpdo_pack(n, i, buf) >= 0 && (!n->sent_tpdo[i] ||
			    memcmp(buf, n->last_tpdo[i], sizeof(buf))))
				tpdo_send(n, i, now_us);
		} else if (type <= PDO_SYNC_MAX &&
			   ++n->sync_cnt[i] >= type) {
			n->sync_cnt[i] = 0;
			tpdo_send(n, i, now_us);
		}
	}
}

/* An RPDO's data into the mapped objects; short frames: EMCY 8210. */
static void
rpdo_rx(struct sim_node *n, int i, const struct co_frame *f)
{
	unsigned k, cnt, off = 0, bits;
	uint64_t e;
	struct sim_val *v;

	cnt = (unsigned)sim_od_u(&n->od, OBJ_RPDO_MAP + i, 0, 0);
	for (k = 1; k <= cnt; k++)
		off += (unsigned)(sim_od_u(&n->od, OBJ_RPDO_MAP + i,
					   (uint8_t)k, 0) & 0xFFu);
	if (off > (unsigned)f->len * 8 || off > CO_CAN_MAX_DLEN * 8) {
		cmd_emcy(push(n), COB_EMCY + n->id, EMCY_PDO_LENGTH,
			 (uint8_t)sim_od_u(&n->od, OBJ_ERR_REG, 0, 0), NULL);
		return;
	}
	off = 0;
	for (k = 1; k <= cnt; k++) {
		e = sim_od_u(&n->od, OBJ_RPDO_MAP + i, (uint8_t)k, 0);
		bits = (unsigned)(e & 0xFFu);
		v = sim_od_find(&n->od, (uint16_t)(e >> 16),
				(uint8_t)(e >> 8));
		if (v != NULL && v->n)
			get_bits(f->data, off, v->p, v->n, bits);
		off += bits;
	}
}

/* PDO traffic in operational: RPDOs, and RTRs asking for TPDOs. */
static void
on_pdo(struct sim_node *n, const struct co_frame *f, uint64_t now_us)
{
	uint32_t cob;
	int i;

	for (i = 0; i < SIM_PDO_MAX; i++) {
		cob = (uint32_t)sim_od_u(&n->od, OBJ_RPDO_COMM + i, 1,
					 COB_INVALID);
		if (!(f->flags & CO_F_RTR) && !(cob & COB_INVALID) &&
		    (cob & COB_ID_MASK) == f->id)
			rpdo_rx(n, i, f);
		cob = (uint32_t)sim_od_u(&n->od, OBJ_TPDO_COMM + i, 1,
					 COB_INVALID);
		if ((f->flags & CO_F_RTR) && !(cob & (COB_INVALID |
		    COB_NO_RTR)) && (cob & COB_ID_MASK) == f->id)
			tpdo_send(n, i, now_us);
	}
}

/* ---- NMT ---- */

static void event_timers(struct sim_node *n, uint64_t now_us);

static void
on_nmt(struct sim_node *n, const struct co_frame *f, uint64_t now_us)
{
	if (f->len != 2 || (f->data[1] != 0 && f->data[1] != n->id))
		return;
	switch (f->data[0]) {
	case NMT_CS_START:
		n->nmt = NMT_ST_OPERATIONAL;
		memset(n->next_ev_us, 0, sizeof(n->next_ev_us));
		event_timers(n, now_us);        /* armed from now */
		break;
	case NMT_CS_STOP: n->nmt = NMT_ST_STOPPED; break;
	case NMT_CS_PREOP: n->nmt = NMT_ST_PREOP; break;
	case NMT_CS_RESET_NODE:
		sim_od_reset(&n->od, 0, 0xFFFF);
		boot(n, now_us);
		break;
	case NMT_CS_RESET_COMM:
		sim_od_reset(&n->od, 0x1000, 0x1FFF);
		boot(n, now_us);
		break;
	default: break;
	}
}

/* ---- heartbeat consumer (1016h) ---- */

/* A 1016h entry: producer node in bits 16-23, time in ms in 0-15. */
static uint8_t
hb_cons_node(uint32_t e)
{
	return (uint8_t)(e >> 16);
}

static uint16_t
hb_cons_ms(uint32_t e)
{
	return (uint16_t)e;
}

/* 1016h sub i + 1: producer node and time (0: the entry is unused). */
static uint32_t
hb_cons_entry(const struct sim_node *n, int i)
{
	uint32_t e = (uint32_t)sim_od_u(&n->od, OBJ_HB_CONS, (uint8_t)(i + 1),
					0);

	return hb_cons_node(e) && hb_cons_node(e) <= 127 && hb_cons_ms(e) &&
	       i < (int)sim_od_u(&n->od, OBJ_HB_CONS, 0, 0) ? e : 0;
}

/* Entries written since they were last looked at start afresh (no
 * loss reported from another producer's last heartbeat). */
static void
hb_cons_sync(struct sim_node *n)
{
	uint32_t e;
	int i;

	for (i = 0; i < SIM_HB_CONS_MAX; i++) {
		e = hb_cons_entry(n, i);
		if (n->hb_cons[i].entry == e)
			continue;
		memset(&n->hb_cons[i], 0, sizeof(n->hb_cons[i]));
		n->hb_cons[i].entry = e;
	}
}

/* A heartbeat (or boot-up) of a watched producer: watching starts with
 * the first one, a loss may be reported again after it. */
static void
hb_heard(struct sim_node *n, const struct co_frame *f, uint64_t now_us)
{
	uint32_t e;
	int i;

	if ((f->flags & CO_F_RTR) || f->len != 1 || f->id <= COB_NMT_EC ||
	    f->id > COB_NMT_EC + 127)
		return;
	hb_cons_sync(n);
	for (i = 0; i < SIM_HB_CONS_MAX; i++) {
		e = hb_cons_entry(n, i);
		if (e && hb_cons_node(e) == f->id - COB_NMT_EC) {
			n->hb_cons[i].last_us = now_us;
			n->hb_cons[i].lost = false;
		}
	}
}

/* The time a watched producer's heartbeat is overdue, 0: none. */
static uint64_t
hb_cons_due(const struct sim_node *n, int i)
{
	uint32_t e = hb_cons_entry(n, i);

	if (e == 0 || e != n->hb_cons[i].entry ||
	    n->hb_cons[i].last_us == 0 || n->hb_cons[i].lost)
		return 0;
	return n->hb_cons[i].last_us + (uint64_t)hb_cons_ms(e) * 1000u;
}

static void emcy(struct sim_node *n, uint16_t code);

static void
hb_cons_tick(struct sim_node *n, uint64_t now_us)
{
	uint64_t due;
	int i;

	if (n->nmt == NMT_ST_STOPPED)
		return;
	hb_cons_sync(n);
	for (i = 0; i < SIM_HB_CONS_MAX; i++) {
		due = hb_cons_due(n, i);
		if (due == 0 || now_us < due)
			continue;
		n->hb_cons[i].lost = true;      /* heartbeat event */
		emcy(n, EMCY_LIFE_GUARD);
	}
}

void
sim_node_rx(struct sim_node *n, const struct co_frame *f, uint64_t now_us)
{
	uint32_t sync = (uint32_t)sim_od_u(&n->od, OBJ_COB_SYNC, 0, COB_SYNC);

	if (n->silent || (f->flags & (CO_F_ERR | CO_F_EFF)))
		return;
	hb_heard(n, f, now_us);
	if (f->id == COB_NMT && !(f->flags & CO_F_RTR)) {
		on_nmt(n, f, now_us);
	} else if (f->id == COB_NMT_EC + n->id && (f->flags & CO_F_RTR)) {
		cmd_hb(push(n), n->id, (uint8_t)(n->nmt |
						 (n->toggle ? 0x80 : 0)));
		n->toggle = !n->toggle;
		n->last_guard_us = now_us;
		n->life_lost = false;
	} else if (n->nmt == NMT_ST_STOPPED) {
		return;
	} else if (f->id == n->sdo.cob_rx) {
		sdo_srv_rx(&n->sdo, f, now_us);
	} else if (f->id == (sync & CO_SFF_MASK) && !(f->flags & CO_F_RTR)) {
		if (n->nmt == NMT_ST_OPERATIONAL)
			on_sync(n, now_us);
	} else if (n->nmt == NMT_ST_OPERATIONAL) {
		on_pdo(n, f, now_us);
	}
}

/* ---- time ---- */

/* Life time (100Ch x 100Dh) in us; 0: the node does no life guarding. */
static uint64_t
life_us(const struct sim_node *n)
{
	return sim_od_u(&n->od, OBJ_GUARD_TIME, 0, 0) *
	       sim_od_u(&n->od, OBJ_LIFE_FACTOR, 0, 0) * 1000u;
}

static void
emcy(struct sim_node *n, uint16_t code)
{
	uint32_t cob = (uint32_t)sim_od_u(&n->od, OBJ_COB_EMCY, 0,
					  COB_EMCY + n->id);
	uint8_t reg = (uint8_t)sim_od_u(&n->od, OBJ_ERR_REG, 0, 0);

	if (code != 0)
		reg |= EMCY_GENERIC_REG;
	sim_od_set_u(&n->od, OBJ_ERR_REG, 0, reg);
	if (!(cob & COB_INVALID))
		cmd_emcy(push(n), cob & CO_SFF_MASK, code, reg, NULL);
}

static void
faults(struct sim_node *n, uint64_t now_us)
{
	struct sim_fault *f;
	int i;

	if (n->silent && now_us >= n->silent_until) {
		n->silent = false;
		n->next_hb_us = hb_us(n) ? now_us : 0;
	}
	for (i = 0; i < n->nfault; i++) {
		f = &n->fault[i];
		if (f->fired || now_us < n->start_us + f->at_us)
			continue;
		f->fired = true;
		if (f->kind == SIM_FAULT_EMCY) {
			emcy(n, f->code);
			continue;
		}
		n->silent = true;
		n->silent_until = f->for_us ? now_us + f->for_us : UINT64_MAX;
	}
}

static void
event_timers(struct sim_node *n, uint64_t now_us)
{
	uint64_t ev;
	unsigned type;
	int i;

	for (i = 0; i < SIM_PDO_MAX; i++) {
		if (!tpdo_exists(n, i))
			continue;
		type = (unsigned)sim_od_u(&n->od, OBJ_TPDO_COMM + i, 2, 255);
		ev = sim_od_u(&n->od, OBJ_TPDO_COMM + i, 5, 0) * 1000u;
		if (type < PDO_EVENT_TYPE || ev == 0) {
			n->next_ev_us[i] = 0;
			continue;
		}
		if (n->next_ev_us[i] == 0)
			n->next_ev_us[i] = now_us + ev;
		if (now_us < n->next_ev_us[i])
			continue;
		tpdo_send(n, i, now_us);
		n->next_ev_us[i] += ev;
		if (n->next_ev_us[i] <= now_us)
			n->next_ev_us[i] = now_us + ev;
	}
}

/* TPDOs whose inhibit time is over go out now. */
static void
inhibited_tpdos(struct sim_node *n, uint64_t now_us)
{
	int i;

	for (i = 0; i < SIM_PDO_MAX; i++)
		if (n->tpdo_due_us[i] && now_us >= n->tpdo_due_us[i])
			tpdo_send(n, i, now_us);
}

void
sim_node_tick(struct sim_node *n, uint64_t now_us)
{
	uint64_t hb = hb_us(n);

	faults(n, now_us);
	if (n->silent)
		return;
	sdo_srv_tick(&n->sdo, now_us);
	if (life_us(n) && n->last_guard_us && !n->life_lost &&
	    now_us >= n->last_guard_us + life_us(n)) {
		n->life_lost = true;    /* the master stopped guarding */
		emcy(n, EMCY_LIFE_GUARD);
	}
	if (hb == 0) {
		n->next_hb_us = 0;
	} else if (n->next_hb_us == 0 || n->next_hb_us > now_us + hb) {
		n->next_hb_us = now_us + hb;    /* 1017h was just changed */
	} else if (now_us >= n->next_hb_us) {
		cmd_hb(push(n), n->id, n->nmt);
		n->next_hb_us += hb;
		if (n->next_hb_us <= now_us)
			n->next_hb_us = now_us + hb;
	}
	hb_cons_tick(n, now_us);
	if (n->nmt == NMT_ST_OPERATIONAL) {
		event_timers(n, now_us);
		inhibited_tpdos(n, now_us);
	}
}

static uint64_t
earlier(uint64_t a, uint64_t b)
{
	return b != 0 && b < a ? b : a;
}

uint64_t
sim_node_deadline(const struct sim_node *n)
{
	uint64_t t = UINT64_MAX;
	int i;

	if (n->silent)
		t = n->silent_until;
	t = earlier(t, n->next_hb_us);
	if (life_us(n) && n->last_guard_us && !n->life_lost)
		t = earlier(t, n->last_guard_us + life_us(n));
	if (sdo_srv_busy(&n->sdo))
		t = earlier(t, n->sdo.deadline_us);
	for (i = 0; i < n->nfault; i++)
		if (!n->fault[i].fired)
			t = earlier(t, n->start_us + n->fault[i].at_us);
	if (n->nmt == NMT_ST_OPERATIONAL)
		for (i = 0; i < SIM_PDO_MAX; i++)
			t = earlier(earlier(t, n->next_ev_us[i]),
				    n->tpdo_due_us[i]);
	if (n->nmt != NMT_ST_STOPPED)
		for (i = 0; i < SIM_HB_CONS_MAX; i++)
			t = earlier(t, hb_cons_due(n, i));
	return t;
}

/* "emcy@MS[:CODE]" or "silent@MS[:FOR_MS]" */
int
sim_fault_parse(const char *s, struct sim_fault *f)
{
	const char *at = strchr(s, '@');
	unsigned long long ms, arg = 0;
	char *end;

	memset(f, 0, sizeof(*f));
	if (at == NULL)
		return -1;
	if ((size_t)(at - s) == 4 && strncmp(s, "emcy", 4) == 0) {
		f->kind = SIM_FAULT_EMCY;
		f->code = 0x1000;       /* generic error */
	} else if ((size_t)(at - s) == 6 && strncmp(s, "silent", 6) == 0) {
		f->kind = SIM_FAULT_SILENT;
	} else {
		return -1;
	}
	errno = 0;
	ms = strtoull(at + 1, &end, 10);
	if (errno || end == at + 1 || (*end != '\0' && *end != ':'))
		return -1;
	if (*end == ':') {
		arg = strtoull(end + 1, &end, f->kind == SIM_FAULT_EMCY ? 16
									: 10);
		if (errno || *end != '\0' ||
		    (f->kind == SIM_FAULT_EMCY && arg > 0xFFFF))
			return -1;
	}
	f->at_us = ms * 1000u;
	if (f->kind == SIM_FAULT_SILENT)
		f->for_us = arg * 1000u;
	else if (arg != 0)
		f->code = (uint16_t)arg;
	return 0;
}
