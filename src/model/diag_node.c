/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_node.c - diagnosis of nodes (CiA 301 7.2.8 NMT and error control,
 * 7.2.7 EMCY, 7.2.2 PDO): heartbeat/guarding loss against the configured
 * or observed period, reboots, never-seen nodes, two producers on one
 * node-ID, PDOs outside operational, EMCY left active or storming */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "co_tables.h"
#include "diag_priv.h"
#include "net_od.h"
#include "tok.h"

#define HB_MIN_SAMPLES 3        /* same state in a row: stable */
#define HB_OBSERVED_X 3         /* observed period: loss after 3 x */
#define HB_PRODUCER_X 2         /* 1017h known: loss after 2 x */
#define FLIPS_CONFLICT 4        /* uncommanded state swaps: two nodes */
#define PDO_GRACE_NS (100 * NS_PER_MS)   /* after a state change */
#define EMCY_STORM_N 10         /* EMCYs of one node within a second */
#define PDO_NEVER_X 3           /* periods operational without the PDO */

static struct diag_node *
dnode(struct diag *d, uint8_t id)
{
	return &d->s->node[id];
}

/* Consumer heartbeat times (1016h of any node) per node watched: the
 * smallest, recomputed when the configuration changed. */
static void
consumer_table(struct diag *d)
{
	const struct net_od *od = d->net->od;
	uint32_t v, ms;
	uint8_t id;
	int i, k;

	memset(d->s->cons_ms, 0, sizeof(d->s->cons_ms));
	d->s->cons_dirty = false;
	for (i = 1; od != NULL && i < NET_NODES; i++) {
		/* sub-indices: bits 16-23 the node watched, 0-15 the time */
		for (k = 0; k < 127; k++) {
			v = od->cfg[i].hb_cons[k];
			id = (uint8_t)(v >> 16);
			ms = v & 0xFFFFu;
			if (id == 0 || id >= NET_NODES || ms == 0)
				continue;
			if (d->s->cons_ms[id] == 0 || ms < d->s->cons_ms[id])
				d->s->cons_ms[id] = (uint16_t)ms;
		}
	}
}

static uint32_t
consumer_ms(struct diag *d, uint8_t id)
{
	uint32_t ms = d->net->nodes[id].hb_cfg.cons_ms;

	if (d->s->cons_dirty)
		consumer_table(d);
	if (d->s->cons_ms[id] && (ms == 0 || d->s->cons_ms[id] < ms))
		ms = d->s->cons_ms[id];
	return ms;
}

static uint32_t
producer_ms(const struct co_net *net, uint8_t id)
{
	if (net->nodes[id].hb_cfg.prod_ms)
		return net->nodes[id].hb_cfg.prod_ms;
	if (net->od && (net->od->cfg[id].known & NET_K_HB))
		return net->od->cfg[id].hb_prod_ms;
	return 0;
}

/* Silence after which node id's heartbeat counts as lost (0: not
 * supervised); *period the period expected, *src where it comes from. */
static uint64_t
hb_limit(struct diag *d, uint8_t id, uint64_t *period, const char **src)
{
	const struct co_node *n = &d->net->nodes[id];
	uint64_t med = diag_iv_median(&dnode(d, id)->hb);
	uint64_t prod = producer_ms(d->net, id) * NS_PER_MS;
	uint64_t cons = consumer_ms(d, id) * NS_PER_MS;

	if (!diag_iv_regular(&dnode(d, id)->hb))
		med = 0;
	*period = prod ? prod : med;
	*src = prod ? "producer time 1017h" : "observed";
	if (n->hb_cli_ms && !n->hb_auto) {
		*src = "--hb-timeout";
		return n->hb_cli_ms * NS_PER_MS;
	}
	if (cons) {
		*src = "consumer time 1016h";
		return cons;
	}
	if (prod)
		return HB_PRODUCER_X * prod;
	return med ? HB_OBSERVED_X * med : 0;
}

static void
hb_lost(struct diag *d, uint8_t id, uint64_t at, uint64_t lim,
	uint64_t period, const char *src)
{
	struct diag_node *dn = dnode(d, id);
	struct diag_finding *f;
	char a[32], b[32];
	bool isnew;

	dn->hb_lost = true;
	f = diag_get(d, DG_HB_LOST, id, 0, at, &isnew);
	diag_say(d, f, isnew, "heartbeat lost: silent for more than %s "
		 "(expected every %s, %s)", diag_dur(a, sizeof(a), lim),
		 diag_dur(b, sizeof(b), period), src);
}

static void
hb_back(struct diag *d, uint8_t id, uint64_t ts)
{
	struct diag_node *dn = dnode(d, id);
	struct diag_finding *f;
	uint64_t gap = ts - dn->hb.last_ns, period;
	const char *src;
	char a[32], b[32];
	bool isnew;

	dn->hb_lost = false;
	if (gap > dn->hb_silent_ns)
		dn->hb_silent_ns = gap;
	hb_limit(d, id, &period, &src);
	f = diag_get(d, DG_HB_LOST, id, 0, ts, &isnew);
	if (f == NULL)
		return;
	f->count--;        /* the loss was counted; this is its end */
	diag_say(d, f, false, "heartbeat lost %u time%s, back each time; "
		 "longest silence %s (expected every %s, %s)", f->count,
		 f->count == 1 ? "" : "s", diag_dur(a, sizeof(a),
		 dn->hb_silent_ns), diag_dur(b, sizeof(b), period), src);
}

/* Heartbeat deadlines; a silence of the whole bus is a capture gap
 * (diag_bus.c), not the loss of every node. */
void
diag_node_tick(struct diag *d, uint64_t now)
{
	uint64_t lim, period, t;
	const char *src;
	int i;

	for (i = 1; i < NET_NODES; i++) {
		struct diag_node *dn = dnode(d, (uint8_t)i);

		if (!dn->hb_armed || dn->hb_lost || dn->guarded)
			continue;
		lim = hb_limit(d, (uint8_t)i, &period, &src);
		if (lim == 0)
			continue;
		/* after a capture gap, supervision starts again */
		t = (dn->hb.last_ns > d->s->gap_end_ns ? dn->hb.last_ns
						       : d->s->gap_end_ns) + lim;
		if (now < t) {
			diag_due(d, t);
		} else if (d->s->last_ts_ns < t &&
			   now - d->s->last_ts_ns >= d->s->gap_limit_ns &&
			   d->s->gap_limit_ns) {
			continue;    /* bus silent: FILE_GAP says it */
		} else {
			hb_lost(d, (uint8_t)i, t, lim, period, src);
		}
	}
}

/* ---- error control ---- */

/* A heartbeat state that changed and changed back without an NMT
 * command in between: two devices answer to one node-ID. */
static void
hb_flip(struct diag *d, uint8_t id, uint8_t st, uint64_t ts)
{
	struct diag_node *dn = dnode(d, id);
	struct diag_finding *f;
	bool isnew;

	if (st == dn->hb_state && ++dn->stable >= HB_MIN_SAMPLES)
		dn->flips = 0;
	if (dn->hb_state == 0xFF || st == dn->hb_state ||
	    dn->nmt_ns >= dn->hb.last_ns || st == NMT_ST_BOOTUP) {
		dn->hb_state = st;
		return;
	}
	dn->hb_state = st;
	dn->stable = 0;
	if (++dn->flips < FLIPS_CONFLICT)
		return;
	f = diag_get(d, DG_NODE_ID_CONFLICT, id, 0, ts, &isnew);
	diag_say(d, f, isnew, "heartbeat state changes %u times without an "
		 "NMT command (now %s): two devices seem to use node-ID %u",
		 dn->flips, net_state_name(st), id);
}

static void
on_heartbeat(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = dnode(d, ev->node);

	if (dn->hb_lost)
		hb_back(d, ev->node, ev->ts_ns);
	dn->guard_pending = false;
	if (ev->kind == CO_EV_HEARTBEAT)
		hb_flip(d, ev->node, ev->u.hb.state & 0x7F, ev->ts_ns);
	diag_iv_add(&dn->hb, ev->ts_ns);
	dn->hb_armed = true;
	diag_due(d, ev->ts_ns);
}

static void
on_bootup(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = dnode(d, ev->node);
	struct diag_finding *f;
	bool isnew;

	if (dn->hb_lost)
		hb_back(d, ev->node, ev->ts_ns);
	if (dn->heard && !dn->reset_pending) {
		f = diag_get(d, DG_NODE_REBOOT, ev->node, 0, ev->ts_ns,
			     &isnew);
		diag_say(d, f, isnew, "booted again without an NMT reset "
			 "before it");
	}
	dn->reset_pending = false;
	dn->hb_state = NMT_ST_PREOP;
	dn->flips = 0;
	dn->hb.last_ns = ev->ts_ns;   /* periods restart after a boot */
	dn->hb_armed = false;
	dn->guard_pending = false;
}

static void
on_guard_req(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = dnode(d, ev->node);
	struct diag_finding *f;
	char a[32];
	bool isnew;

	dn->guarded = true;
	if (dn->guard_pending && !dn->reset_pending) {
		f = diag_get(d, DG_GUARD_LOST, ev->node, 0, ev->ts_ns,
			     &isnew);
		diag_say(d, f, isnew, "%u node-guarding request%s not "
			 "answered (the last after %s)", f ? f->count : 1,
			 f && f->count > 1 ? "s" : "",
			 diag_dur(a, sizeof(a), ev->ts_ns - dn->guard_req_ns));
	}
	dn->guard_pending = true;
	dn->guard_req_ns = ev->ts_ns;
}

static void
on_guard_toggle(struct diag *d, const struct co_event *ev)
{
	struct diag_finding *f;
	bool isnew;

	f = diag_get(d, DG_GUARD_TOGGLE, ev->node, 0, ev->ts_ns, &isnew);
	diag_say(d, f, isnew, "node-guarding answer with toggle bit %d, "
		 "expected %d", ev->u.nodeev.toggle_got,
		 ev->u.nodeev.toggle_exp);
}

/* ---- NMT ---- */

static void
nmt_one(struct diag *d, uint8_t id, uint8_t cs, uint64_t ts)
{
	struct diag_node *dn = dnode(d, id);

	dn->nmt_ns = ts;
	if (cs == NMT_CS_RESET_NODE || cs == NMT_CS_RESET_COMM) {
		dn->reset_pending = true;
		dn->hb_armed = false;
		dn->hb_lost = false;
		dn->guard_pending = false;
	}
	if (!dn->heard && !d->net->nodes[id].seen) {
		if (dn->nmt_unseen++ == 0)
			dn->nmt_first_ns = ts;
		dn->nmt_last_ns = ts;
	}
}

static void
on_nmt(struct diag *d, const struct co_event *ev)
{
	int i;

	if (ev->status != CO_OK)
		return;
	if (ev->u.nmt.target != 0) {
		if (ev->u.nmt.target < NET_NODES)
			nmt_one(d, ev->u.nmt.target, ev->u.nmt.cs, ev->ts_ns);
		return;
	}
	for (i = 1; i < NET_NODES; i++)
		if (dnode(d, (uint8_t)i)->heard)
			nmt_one(d, (uint8_t)i, ev->u.nmt.cs, ev->ts_ns);
}

/* ---- states, PDOs, EMCY ---- */

static void
on_state(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = dnode(d, ev->node);

	dn->state_ns = ev->ts_ns;
	if (ev->u.nodeev.old_state == NMT_ST_OPERATIONAL &&
	    dn->op_since_ns) {
		dn->op_ns += ev->ts_ns - dn->op_since_ns;
		dn->op_since_ns = 0;
	}
	if (ev->u.nodeev.new_state == NMT_ST_OPERATIONAL)
		dn->op_since_ns = ev->ts_ns;
}

static void
pdo_length(struct diag *d, const struct co_event *ev)
{
	const struct pdo_map *m = ev->u.pdo.map;
	struct diag_finding *f;
	bool isnew;

	if (m == NULL || ev->u.pdo.rtr || ev->frame == NULL ||
	    ev->frame->len == (m->total_bits + 7) / 8)
		return;
	f = diag_get(d, DG_PDO_LENGTH, ev->node,
		     (uint32_t)(m->tx ? 0x1000u : 0) | m->num, ev->ts_ns,
		     &isnew);
	diag_say(d, f, isnew, "%cPDO%u (0x%03X) has %u bytes, its mapping "
		 "%u", m->tx ? 'T' : 'R', m->num, m->can_id,
		 ev->frame->len, (m->total_bits + 7) / 8);
}

static void
pdo_state(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = dnode(d, ev->node);
	uint8_t st = d->net->nodes[ev->node].state;
	struct diag_finding *f;
	bool isnew;

	if (st == NMT_ST_OPERATIONAL || st == NET_STATE_UNKNOWN ||
	    ev->ts_ns < dn->state_ns + PDO_GRACE_NS)
		return;
	f = diag_get(d, DG_PDO_NOT_OPERATIONAL, ev->node, 0, ev->ts_ns,
		     &isnew);
	diag_say(d, f, isnew, "sent %u PDO%s while %s (first on 0x%03X)",
		 f ? f->count : 1, f && f->count > 1 ? "s" : "",
		 net_state_name(st), (unsigned)ev->cob_id);
}

static void
on_pdo(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = dnode(d, ev->node);
	const struct pdo_map *m = ev->u.pdo.map;
	struct diag_finding *f;
	bool isnew;

	pdo_length(d, ev);
	if (ev->u.pdo.rx || ev->u.pdo.rtr)
		return;
	if (m && m->num >= 1 && m->num <= 512)
		dn->tpdo_seen[(m->num - 1) / 64] |= 1ull << ((m->num - 1) % 64);
	pdo_state(d, ev);
	if (m != NULL || d->net->od == NULL ||
	    d->net->od->od[ev->node] == NULL)
		return;
	f = diag_get(d, DG_PDO_UNMAPPED, ev->node, ev->cob_id, ev->ts_ns,
		     &isnew);
	diag_say(d, f, isnew, "%u frame%s on 0x%03X, a TPDO COB-ID its "
		 "dictionary does not map", f ? f->count : 1,
		 f && f->count > 1 ? "s" : "", (unsigned)ev->cob_id);
}

static void
on_emcy(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = dnode(d, ev->node);
	struct diag_finding *f;
	bool isnew;

	if (ev->status != CO_OK)
		return;
	if (ev->ts_ns >= dn->emcy_win_ns + NS_PER_S) {
		dn->emcy_win_ns = ev->ts_ns;
		dn->emcy_win_n = 0;
	}
	if (++dn->emcy_win_n != EMCY_STORM_N)
		return;
	f = diag_get(d, DG_EMCY_STORM, ev->node, 0, ev->ts_ns, &isnew);
	diag_say(d, f, isnew, "%u or more EMCY messages within a second "
		 "(last code %04X %s)", EMCY_STORM_N,
		 ev->u.emcy.code, co_emcy_text(ev->u.emcy.code));
}

static void
on_sync_op(struct diag *d)
{
	int i;

	for (i = 1; i < NET_NODES; i++)
		if (d->net->nodes[i].state == NMT_ST_OPERATIONAL)
			dnode(d, (uint8_t)i)->syncs_op++;
}

void
diag_node_event(struct diag *d, const struct co_event *ev)
{
	bool node_ok = ev->node > 0 && ev->node < NET_NODES;

	switch (ev->kind) {
	case CO_EV_NMT: on_nmt(d, ev); return;
	case CO_EV_SYNC: on_sync_op(d); return;
	case CO_EV_CONFIG: d->s->cons_dirty = true; return;
	default: break;
	}
	if (!node_ok)
		return;
	switch (ev->kind) {
	case CO_EV_BOOTUP: on_bootup(d, ev); break;
	case CO_EV_HEARTBEAT:
	case CO_EV_GUARD_RSP:
		if (ev->status == CO_OK)
			on_heartbeat(d, ev);
		break;
	case CO_EV_GUARD_REQ: on_guard_req(d, ev); break;
	case CO_EV_GUARD_TOGGLE: on_guard_toggle(d, ev); break;
	case CO_EV_NODE_STATE: on_state(d, ev); break;
	case CO_EV_PDO: on_pdo(d, ev); break;
	case CO_EV_EMCY: on_emcy(d, ev); break;
	case CO_EV_NODE_MISSING: {
		struct diag_finding *f;
		bool isnew;

		f = diag_get(d, DG_NODE_MISSING, ev->node, 0, ev->ts_ns,
			     &isnew);
		diag_say(d, f, isnew, "expected (--expect) but never seen");
		break;
	}
	default: break;
	}
	if (co_ev_from_node(ev))
		dnode(d, ev->node)->heard = true;
}

/* ---- end of input ---- */

/* "3, 5-9, 12" of the nodes flagged in set[] into buf. */
static void
node_list(char *buf, size_t size, const bool *set)
{
	size_t len = 0;
	int i, j;

	buf[0] = '\0';
	for (i = 1; i < NET_NODES && len + 12 < size; i = j) {
		if (!set[i]) {
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < NET_NODES && set[j]; j++)
			;
		len += (size_t)snprintf(buf + len, size - len, "%s%d",
					len ? ", " : "", i);
		if (j - 1 > i)
			len += (size_t)snprintf(buf + len, size - len, "-%d",
						j - 1);
	}
}

static void
finish_nmt_unseen(struct diag *d)
{
	bool set[NET_NODES] = { false };
	uint64_t first = UINT64_MAX, last = 0;
	uint32_t cmds = 0, nodes = 0;
	uint8_t one = 0;
	struct diag_finding *f;
	char list[160];
	bool isnew;
	int i;

	for (i = 1; i < NET_NODES; i++) {
		struct diag_node *dn = dnode(d, (uint8_t)i);

		if (dn->nmt_unseen == 0 || d->net->nodes[i].seen)
			continue;
		set[i] = true;
		nodes++;
		one = (uint8_t)i;
		cmds += dn->nmt_unseen;
		if (dn->nmt_first_ns < first)
			first = dn->nmt_first_ns;
		if (dn->nmt_last_ns > last)
			last = dn->nmt_last_ns;
	}
	if (nodes == 0)
		return;
	node_list(list, sizeof(list), set);
	f = diag_get(d, DG_NMT_NO_NODE, nodes == 1 ? one : 0, 0, first,
		     &isnew);
	if (f == NULL)
		return;
	f->last_ns = last;
	f->count = cmds;
	diag_say(d, f, isnew, "%u NMT command%s to node%s never seen: %s",
		 cmds, cmds == 1 ? "" : "s", nodes == 1 ? "" : "s", list);
}

/* Expected: 1016h of some node names it, or a DCF describes it. */
static void
finish_missing(struct diag *d)
{
	const struct net_od *od = d->net->od;
	struct diag_finding *f;
	bool isnew;
	int i;

	for (i = 1; od != NULL && i < NET_NODES; i++) {
		const struct co_node *n = &d->net->nodes[i];
		const char *why = NULL;

		if (n->seen || n->expected)
			continue;   /* --expect: the model's NODE_MISSING */
		if (consumer_ms(d, (uint8_t)i))
			why = "a heartbeat consumer (1016h) watches it";
		else if (od->od[i] && od->od[i]->dcf)
			why = "its DCF was given";
		if (why == NULL)
			continue;
		f = diag_get(d, DG_NODE_MISSING, (uint8_t)i, 0,
			     d->s->now_ns, &isnew);
		diag_say(d, f, isnew, "expected (%s) but never seen", why);
	}
}

static void
emcy_reg_text(char *buf, size_t size, uint8_t reg)
{
	size_t len = 0;
	int b;

	buf[0] = '\0';
	for (b = 0; b < 8; b++) {
		if (!(reg & (1u << b)))
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					len ? ", " : "",
					tok_str(co_emcy_reg_bits, 1u << b, "?"));
		if (len >= size)
			break;
	}
}

/* The node's active EMCY (not cleared by an error reset). */
static void
finish_emcy(struct diag *d, uint8_t id)
{
	const struct co_node *n = &d->net->nodes[id];
	const struct net_emcy *r;
	struct diag_finding *f;
	uint32_t sent = 0;
	uint64_t first = 0;
	char reg[120];
	bool isnew;
	int k;

	if (!n->emcy_active || n->emcy_n == 0)
		return;
	r = &n->emcy[(n->emcy_head + NET_EMCY_HIST - 1) % NET_EMCY_HIST];
	for (k = 0; k < n->emcy_n; k++) {
		const struct net_emcy *e = &n->emcy[k];

		if (e->code == r->code) {
			sent++;
			if (first == 0 || e->ts_ns < first)
				first = e->ts_ns;
		}
	}
	f = diag_get(d, DG_EMCY_ACTIVE, id, r->code, first, &isnew);
	if (f == NULL)
		return;
	f->last_ns = r->ts_ns;
	f->count = sent;
	emcy_reg_text(reg, sizeof(reg), r->reg);
	diag_say(d, f, isnew, "EMCY %04X %s still active at the end (no "
		 "error reset); error register 0x%02X (%s)", r->code,
		 co_emcy_text(r->code), r->reg, reg);
}

/* EMCY codes the node sent and later reset. */
static void
finish_emcy_cleared(struct diag *d, uint8_t id)
{
	const struct co_node *n = &d->net->nodes[id];
	struct diag_finding *f;
	bool isnew;
	int k;

	for (k = 0; k < n->emcy_n; k++) {
		const struct net_emcy *e = &n->emcy[k];

		if (e->code == 0 || e->reg == 0 ||
		    (n->emcy_active && e->code == n->emcy_code))
			continue;
		f = diag_get(d, DG_EMCY_CLEARED, id, e->code, e->ts_ns,
			     &isnew);
		if (f && e->ts_ns < f->first_ns)
			f->first_ns = e->ts_ns;
		diag_say(d, f, isnew, "EMCY %04X %s reported, later reset",
			 e->code, co_emcy_text(e->code));
	}
}

/* A TPDO that its configuration triggers (event timer, or every nth
 * SYNC) but that never appeared while the node was operational. */
static void
finish_pdo(struct diag *d, const struct net_pdo *p)
{
	const struct pdo_map *m = &p->m;
	struct diag_node *dn = dnode(d, p->node);
	uint64_t op = dn->op_ns;
	struct diag_finding *f;
	bool due = false, isnew;

	if (!m->tx || !m->valid || !m->has_map || m->nentries == 0 ||
	    m->num < 1 || m->num > 512 || !d->net->nodes[p->node].seen ||
	    (dn->tpdo_seen[(m->num - 1) / 64] >> ((m->num - 1) % 64)) & 1)
		return;
	if (dn->op_since_ns)
		op += d->s->now_ns - dn->op_since_ns;
	if (m->has_trans && m->trans_type >= 1 && m->trans_type <= 240)
		due = dn->syncs_op >= PDO_NEVER_X * m->trans_type;
	else if (m->event_ms && (!m->has_trans || m->trans_type >= 254))
		due = op >= PDO_NEVER_X * m->event_ms * NS_PER_MS;
	if (!due)
		return;
	f = diag_get(d, DG_PDO_NEVER_SENT, p->node, m->num, d->s->now_ns,
		     &isnew);
	diag_say(d, f, isnew, "TPDO%u (0x%03X, %s) mapped but never sent "
		 "while operational", m->num, m->can_id,
		 m->has_trans && m->trans_type <= 240 ? "synchronous"
						      : "event timer");
}

/* Still lost at the end of the input. */
static void
finish_hb(struct diag *d, uint8_t id)
{
	struct diag_finding *f;
	uint64_t period;
	const char *src;
	bool isnew;
	char a[32], b[32];

	if (!dnode(d, id)->hb_lost)
		return;
	hb_limit(d, id, &period, &src);
	f = diag_get(d, DG_HB_LOST, id, 0, d->s->now_ns, &isnew);
	if (f == NULL)
		return;
	f->count--;
	diag_say(d, f, false, "heartbeat lost%s: silent for the last %s of "
		 "the capture (expected every %s, %s)",
		 f->count > 1 ? " (again)" : "", diag_dur(a, sizeof(a),
		 d->s->now_ns - dnode(d, id)->hb.last_ns),
		 diag_dur(b, sizeof(b), period), src);
}

void
diag_node_finish(struct diag *d)
{
	unsigned k;
	int i;

	for (i = 1; i < NET_NODES; i++)
		finish_hb(d, (uint8_t)i);
	finish_nmt_unseen(d);
	finish_missing(d);
	for (i = 1; i < NET_NODES; i++) {
		finish_emcy_cleared(d, (uint8_t)i);
		finish_emcy(d, (uint8_t)i);
	}
	for (k = 0; d->net->od && k < d->net->od->npdo; k++)
		finish_pdo(d, &d->net->od->pdo[k]);
}
