/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net.c - the network model (CiA 301): NMT state per node, heartbeat and
 * node-guarding supervision from frame time, EMCY history, SDO transfers */
#include "config.h"
#include "net.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "co_ids.h"
#include "net_od.h"
#include "tok.h"

#define HB_STATE_MASK 0x7Fu

/* The state names of co_tables.c; state 0 is a node's state after an
 * NMT reset ("initializing"), its boot-up message ends it. */
const char *
net_state_name(uint8_t state)
{
	if (state == NET_STATE_UNKNOWN)
		return "unknown";
	if (state == NMT_ST_BOOTUP)
		return "initializing";
	return tok_str(co_nmt_states, state, "invalid");
}

void
net_init(struct co_net *net)
{
	int i;

	memset(net, 0, sizeof(*net));
	for (i = 0; i < NET_NODES; i++) {
		net->nodes[i].id = (uint8_t)i;
		net->nodes[i].state = NET_STATE_UNKNOWN;
		net->nodes[i].guard_next = -1;
		net->nodes[i].sdo.crc_ok = -1;
	}
	net->sdo_timeout_ms = NET_SDO_TIMEOUT_MS;
	net->expect_ms = NET_EXPECT_MS;
	net->next_due_ns = UINT64_MAX;
}

/* ---- command-line settings ---- */

static int
parse_num(const char *s, char **end, unsigned long lo, unsigned long hi,
	  unsigned long *v)
{
	errno = 0;
	if (*s < '0' || *s > '9')
		goto bad;
	*v = strtoul(s, end, 0);
	if (errno != 0 || *v < lo || *v > hi)
		goto bad;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

int
net_opt_hb_timeout(struct co_net *net, const char *arg)
{
	unsigned long node = 0, ms;
	const char *eq = strchr(arg, '=');
	char *end;
	int i;

	if (eq == NULL)
		goto bad;
	if ((eq - arg == 3 && strncmp(arg, "all", 3) == 0) ||
	    (eq - arg == 1 && arg[0] == '*'))
		node = 0;
	else if (parse_num(arg, &end, 1, 127, &node) != 0 || end != eq)
		goto bad;
	if (strcmp(eq + 1, "auto") == 0)
		ms = 0;
	else if (parse_num(eq + 1, &end, 1, 86400000, &ms) != 0 || *end)
		goto bad;
	for (i = 1; i < NET_NODES; i++) {
		if (node != 0 && (unsigned long)i != node)
			continue;
		net->nodes[i].hb_cli_ms = (uint32_t)ms;
		net->nodes[i].hb_auto = ms == 0;
		net->nodes[i].hb_timeout_ms = (uint32_t)ms;
	}
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

int
net_opt_expect(struct co_net *net, const char *arg)
{
	unsigned long lo, hi;
	char *end;

	for (;;) {
		if (parse_num(arg, &end, 1, 127, &lo) != 0)
			return -1;
		hi = lo;
		if (*end == '-' &&
		    (parse_num(end + 1, &end, lo, 127, &hi) != 0))
			return -1;
		for (; lo <= hi; lo++)
			net->nodes[lo].expected = true;
		if (*end == '\0')
			return 0;
		if (*end != ',')
			break;
		arg = end + 1;
	}
	errno = EINVAL;
	return -1;
}

int
net_opt_sdo_timeout(struct co_net *net, const char *arg)
{
	unsigned long ms;
	char *end;

	if (parse_num(arg, &end, 1, 86400000, &ms) != 0 || *end) {
		errno = EINVAL;
		return -1;
	}
	net->sdo_timeout_ms = (uint32_t)ms;
	return 0;
}

/* ---- deadlines ---- */

static void
due(struct co_net *net, uint64_t t_ns)
{
	if (t_ns < net->next_due_ns)
		net->next_due_ns = t_ns;
}

static uint64_t
expect_deadline(const struct co_net *net, const struct co_node *n)
{
	uint32_t ms = n->hb_timeout_ms ? n->hb_timeout_ms : net->expect_ms;

	return net->first_ns + ms * NS_PER_MS;
}

static void
node_event(struct co_event *d, const struct co_event *ev,
	   enum co_ev_kind kind, const struct co_node *n, uint64_t ts_ns)
{
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->ts_ns = ts_ns;
	d->node = n->id;
	if (ev) {
		d->frame = ev->frame;
		d->cob_id = ev->cob_id;
	}
	d->u.nodeev.old_state = n->state;
	d->u.nodeev.new_state = n->state;
	d->u.nodeev.expected_ms = n->hb_timeout_ms;
	d->u.nodeev.last_ns = n->last_ec_ns;
	d->u.nodeev.bootups = n->bootups;
	d->u.nodeev.cause = n->guarded ? NET_CAUSE_GUARD : NET_CAUSE_HEARTBEAT;
}

static void
tick_node(struct co_net *net, struct co_node *n, uint64_t now,
	  co_emit_fn emit, void *arg)
{
	struct co_event d;
	uint64_t t;

	if (n->expected && !n->seen && !n->missing_reported) {
		t = expect_deadline(net, n);
		if (now >= t) {
			node_event(&d, NULL, CO_EV_NODE_MISSING, n, t);
			d.u.nodeev.expected_ms = (uint32_t)((t - net->first_ns)
							    / NS_PER_MS);
			d.u.nodeev.gap_ns = t - net->first_ns;
			n->missing_reported = true;
			emit(arg, &d);
		} else {
			due(net, t);
		}
	}
	if (n->hb_timeout_ms && n->ec_seen && !n->timed_out) {
		t = n->last_ec_ns + n->hb_timeout_ms * NS_PER_MS;
		if (now >= t) {
			node_event(&d, NULL, CO_EV_HB_TIMEOUT, n, t);
			d.u.nodeev.gap_ns = t - n->last_ec_ns;
			n->timed_out = true;
			n->timeouts++;
			emit(arg, &d);
		} else {
			due(net, t);
		}
	}
}

/* Keep a finished transfer in the ring views read. */
static void
xfer_keep(struct co_net *net, const struct co_event *d)
{
	const struct co_ev_xfer *x = &d->u.xfer;
	struct net_sdo_info *r = &net->sdo_recent[net->sdo_recent_head];

	r->node = d->node;
	r->running = false;
	r->chan = x->chan;
	r->dir = x->dir;
	r->mode = x->mode;
	r->result = x->result;
	r->has_mux = x->has_mux;
	r->index = x->index;
	r->sub = x->sub;
	r->got = x->got;
	r->size = x->size;
	r->abort_code = x->abort_code;
	r->start_ns = x->start_ns;
	r->dur_ns = x->dur_ns;
	net->sdo_recent_head = (uint8_t)((net->sdo_recent_head + 1) %
					 NET_SDO_RECENT);
	if (net->sdo_recent_n < NET_SDO_RECENT)
		net->sdo_recent_n++;
}

static void
xfer_done(struct co_net *net, struct co_node *n, struct co_event *d,
	  co_emit_fn emit, void *arg)
{
	d->node = n->id;
	xfer_keep(net, d);
	if (d->u.xfer.has_mux)
		net_obj_info(net, n->id, d->u.xfer.index, d->u.xfer.sub,
			     &d->u.xfer.obj);
	if (d->u.xfer.result == XFER_OK)
		n->sdo_ok++;
	else if (d->u.xfer.result == XFER_ABORTED)
		n->sdo_aborted++;
	else
		n->sdo_failed++;
	emit(arg, d);
}

static void
tick_sdo(struct co_net *net, struct co_node *n, struct sdo_xfer *x,
	 uint64_t now, co_emit_fn emit, void *arg)
{
	struct co_event d;
	uint64_t to = net->sdo_timeout_ms * NS_PER_MS;

	if (x->state == SDO_IDLE)
		return;
	if (sdo_xfer_expire(x, now, to, &d))
		xfer_done(net, n, &d, emit, arg);
	else
		due(net, x->last_ns + to);
}

/* One pass over every deadline: fire those due at t, re-arm the rest. */
static void
tick_all(struct co_net *net, uint64_t t, co_emit_fn emit, void *arg)
{
	int i;

	net->next_due_ns = UINT64_MAX;
	for (i = 1; i < NET_NODES; i++) {
		tick_node(net, &net->nodes[i], t, emit, arg);
		tick_sdo(net, &net->nodes[i], &net->nodes[i].sdo, t, emit, arg);
	}
	for (i = 0; i < NET_SDO_EXTRA; i++)
		if (net->sdo_extra[i].used)
			tick_sdo(net, &net->nodes[net->sdo_extra[i].node],
				 &net->sdo_extra[i].x, t, emit, arg);
}

/* Deadlines fire in time order: a pass at each earliest deadline up to
 * now_ns (next_due_ns may be early, never late; a pass then just
 * recomputes it). */
void
net_tick(struct co_net *net, uint64_t now_ns, co_emit_fn emit, void *arg)
{
	if (!net->started)
		return;
	while (now_ns >= net->next_due_ns)
		tick_all(net, net->next_due_ns, emit, arg);
}

void
net_finish(struct co_net *net, co_emit_fn emit, void *arg)
{
	struct co_event d;
	int i;

	if (!net->started)
		return;
	net_tick(net, net->now_ns, emit, arg);
	for (i = 1; i < NET_NODES; i++) {
		struct co_node *n = &net->nodes[i];

		if (n->expected && !n->seen && !n->missing_reported) {
			/* the input ended before the deadline */
			node_event(&d, NULL, CO_EV_NODE_MISSING, n,
				   net->now_ns);
			d.u.nodeev.expected_ms = (uint32_t)((expect_deadline(
				net, n) - net->first_ns) / NS_PER_MS);
			d.u.nodeev.gap_ns = net->now_ns - net->first_ns;
			n->missing_reported = true;
			emit(arg, &d);
		}
		if (sdo_xfer_finish(&n->sdo, net->now_ns, &d))
			xfer_done(net, n, &d, emit, arg);
	}
	for (i = 0; i < NET_SDO_EXTRA; i++)
		if (net->sdo_extra[i].used &&
		    sdo_xfer_finish(&net->sdo_extra[i].x, net->now_ns, &d))
			xfer_done(net, &net->nodes[net->sdo_extra[i].node], &d,
				  emit, arg);
}

/* ---- NMT state and error control ---- */

/* ---- error-control expectations (the one policy, net.h) ---- */

/* A producer period plus half: room for jitter without hiding a loss. */
static uint64_t
hb_margin(uint64_t period)
{
	return period + period / 2;
}

/*
 * The period a node's heartbeats keep: the (upper) median of the last
 * NET_HB_IV intervals, or the last interval when that is longer, once
 * NET_HB_IV_MIN were measured; 0 before.  Quick outliers (a start-up
 * burst, a retransmission) are outvoted, a longer period is followed at
 * once (no false loss after a 1017h change).
 */
static uint64_t
hb_period_ns(const struct co_node *n)
{
	uint64_t v[NET_HB_IV], t, last;
	int i, j, k = n->hb_iv_n;

	if (k < NET_HB_IV_MIN)
		return 0;
	memcpy(v, n->hb_iv_ns, sizeof(v));     /* k < NET_HB_IV: slots 0..k-1 */
	last = v[(n->hb_iv_head + NET_HB_IV - 1) % NET_HB_IV];
	for (i = 1; i < k; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[k / 2] > last ? v[k / 2] : last;
}

static uint32_t
hb_expect_ms(const struct co_node *n)
{
	const struct net_hb_cfg *c = &n->hb_cfg;

	if (n->hb_cli_ms)
		return n->hb_cli_ms;
	if (c->cons_ms)
		return c->cons_ms;
	if (c->prod_ms)
		return (uint32_t)hb_margin(c->prod_ms);
	if (c->guard_ms && c->life)
		return (uint32_t)c->guard_ms * c->life;
	if (n->hb_auto)
		return (uint32_t)(hb_margin(hb_period_ns(n)) / NS_PER_MS);
	return 0;
}

/* Apply the policy; a new time re-arms the deadline in the scheduler. */
static void
hb_update(struct co_net *net, struct co_node *n)
{
	uint32_t ms = hb_expect_ms(n);

	if (ms == 0 && n->hb_auto)
		return;         /* nothing learned yet: keep what there is */
	if (ms == n->hb_timeout_ms)
		return;
	n->hb_timeout_ms = ms;
	if (ms != 0 && n->ec_seen && !n->timed_out)
		due(net, n->last_ec_ns + ms * NS_PER_MS);
}

void
net_hb_configure(struct co_net *net, uint8_t node,
		 const struct net_hb_cfg *cfg)
{
	struct co_node *n;

	if (node == 0 || node >= NET_NODES)
		return;
	n = &net->nodes[node];
	n->hb_cfg = *cfg;
	hb_update(net, n);
}

static void
change_state(struct co_node *n, uint8_t state, enum net_cause cause,
	     const struct co_event *ev, co_emit_fn emit, void *arg)
{
	struct co_event d;

	node_event(&d, ev, CO_EV_NODE_STATE, n, ev->ts_ns);
	d.u.nodeev.new_state = state;
	d.u.nodeev.cause = (uint8_t)cause;
	n->state = state;
	emit(arg, &d);
}

static void
set_state(struct co_node *n, uint8_t state, enum net_cause cause,
	  const struct co_event *ev, co_emit_fn emit, void *arg)
{
	if (state != n->state)
		change_state(n, state, cause, ev, emit, arg);
}

/* Any error-control message: heartbeat, boot-up, guarding answer. */
static void
ec_message(struct co_net *net, struct co_node *n, const struct co_event *ev,
	   co_emit_fn emit, void *arg)
{
	struct co_event d;

	if (n->timed_out) {
		node_event(&d, ev, CO_EV_HB_RECOVER, n, ev->ts_ns);
		d.u.nodeev.gap_ns = ev->ts_ns - n->last_ec_ns;
		n->timed_out = false;
		emit(arg, &d);
	}
	n->ec_seen = true;
	n->guarded = ev->kind == CO_EV_GUARD_RSP || n->guard_pending;
	n->last_ec_ns = ev->ts_ns;
	if (n->hb_timeout_ms)
		due(net, ev->ts_ns + n->hb_timeout_ms * NS_PER_MS);
}

static void
hb_period(struct co_node *n, uint64_t ts_ns)
{
	uint64_t d;

	if (n->last_hb_ns != 0 && ts_ns > n->last_hb_ns) {
		d = ts_ns - n->last_hb_ns;
		if (n->hb_n == 0 || d < n->hb_min_ns)
			n->hb_min_ns = d;
		if (d > n->hb_max_ns)
			n->hb_max_ns = d;
		n->hb_sum_ns += d;
		n->hb_n++;
		n->hb_iv_ns[n->hb_iv_head] = d;
		n->hb_iv_head = (uint8_t)((n->hb_iv_head + 1) % NET_HB_IV);
		if (n->hb_iv_n < NET_HB_IV)
			n->hb_iv_n++;
	}
	n->last_hb_ns = ts_ns;
}

static void
on_bootup(struct co_net *net, struct co_node *n, const struct co_event *ev,
	  co_emit_fn emit, void *arg)
{
	ec_message(net, n, ev, emit, arg);
	n->bootups++;
	n->guard_next = 0;
	n->guard_pending = false;
	n->last_hb_ns = 0;
	/* sent on entering pre-operational; always reported (a reboot) */
	change_state(n, NMT_ST_PREOP, NET_CAUSE_BOOTUP, ev, emit, arg);
}

static void
on_heartbeat(struct co_net *net, struct co_node *n, const struct co_event *ev,
	     co_emit_fn emit, void *arg)
{
	ec_message(net, n, ev, emit, arg);
	hb_period(n, ev->ts_ns);
	if (n->hb_auto)
		hb_update(net, n);
	set_state(n, ev->u.hb.state & HB_STATE_MASK, NET_CAUSE_HEARTBEAT, ev,
		  emit, arg);
}

/* Guarding answer: toggle 0 first after boot-up/reset, then alternating
 * (CiA 301 7.2.8.3.2.1). */
static void
on_guard_rsp(struct co_net *net, struct co_node *n, const struct co_event *ev,
	     co_emit_fn emit, void *arg)
{
	struct co_event d;
	int8_t got = ev->u.hb.toggle ? 1 : 0;

	ec_message(net, n, ev, emit, arg);
	n->guard_pending = false;
	if (n->guard_next >= 0 && got != n->guard_next) {
		node_event(&d, ev, CO_EV_GUARD_TOGGLE, n, ev->ts_ns);
		d.u.nodeev.toggle_exp = n->guard_next;
		d.u.nodeev.toggle_got = got;
		emit(arg, &d);
	}
	n->guard_next = (int8_t)!got;
	set_state(n, ev->u.hb.state & HB_STATE_MASK, NET_CAUSE_GUARD, ev,
		  emit, arg);
}

/* A command to a node never heard is not a node yet: only a reset is
 * remembered (its guarding toggle and heartbeat period start over). */
static void
nmt_node(struct co_node *n, uint8_t cs, const struct co_event *ev,
	 co_emit_fn emit, void *arg)
{
	if (!n->seen) {
		if (cs == NMT_CS_RESET_NODE || cs == NMT_CS_RESET_COMM) {
			n->guard_next = 0;
			n->last_hb_ns = 0;
		}
		return;
	}
	switch (cs) {
	case NMT_CS_START:
		set_state(n, NMT_ST_OPERATIONAL, NET_CAUSE_NMT, ev, emit, arg);
		break;
	case NMT_CS_STOP:
		set_state(n, NMT_ST_STOPPED, NET_CAUSE_NMT, ev, emit, arg);
		break;
	case NMT_CS_PREOP:
		set_state(n, NMT_ST_PREOP, NET_CAUSE_NMT, ev, emit, arg);
		break;
	case NMT_CS_RESET_NODE:
	case NMT_CS_RESET_COMM:
		n->guard_next = 0;
		n->last_hb_ns = 0;
		set_state(n, NMT_ST_BOOTUP, NET_CAUSE_NMT, ev, emit, arg);
		break;
	default:
		break;
	}
}

/* NMT command: target 0 addresses every node (only those seen change
 * state: nothing is known about the others). */
static void
on_nmt(struct co_net *net, const struct co_event *ev, co_emit_fn emit,
       void *arg)
{
	uint8_t target = ev->u.nmt.target;
	int i;

	if (target != 0) {
		if (target < NET_NODES)
			nmt_node(&net->nodes[target], ev->u.nmt.cs, ev, emit,
				 arg);
		return;
	}
	for (i = 1; i < NET_NODES; i++)
		nmt_node(&net->nodes[i], ev->u.nmt.cs, ev, emit, arg);
}

/* EMCY: history ring; code 0000 (error reset) or register 0 clears. */
static void
on_emcy(struct co_node *n, const struct co_event *ev)
{
	struct net_emcy *r = &n->emcy[n->emcy_head];

	r->ts_ns = ev->ts_ns;
	r->code = ev->u.emcy.code;
	r->reg = ev->u.emcy.reg;
	memcpy(r->msef, ev->u.emcy.msef, sizeof(r->msef));
	n->emcy_head = (uint8_t)((n->emcy_head + 1) % NET_EMCY_HIST);
	if (n->emcy_n < NET_EMCY_HIST)
		n->emcy_n++;
	n->emcy_total++;
	if (r->code == 0 || r->reg == 0) {
		n->emcy_active = false;
	} else {
		n->emcy_active = true;
		n->emcy_code = r->code;
	}
}

/* ---- SDO ---- */

/* The transfer of node's SDO channel chan, made on first use. */
static struct sdo_xfer *
sdo_find(struct co_net *net, uint8_t node, uint8_t chan)
{
	struct net_sdo_slot *free_slot = NULL;
	int i;

	if (chan == 0)
		return &net->nodes[node].sdo;
	for (i = 0; i < NET_SDO_EXTRA; i++) {
		struct net_sdo_slot *s = &net->sdo_extra[i];

		if (s->used && s->node == node && s->x.chan == chan)
			return &s->x;
		if (!s->used && free_slot == NULL)
			free_slot = s;
	}
	if (free_slot == NULL) {
		net->sdo_extra_full = true;
		return NULL;
	}
	free_slot->used = true;
	free_slot->node = node;
	free_slot->x.chan = chan;
	free_slot->x.crc_ok = -1;
	return &free_slot->x;
}

static void
on_sdo(struct co_net *net, struct co_node *n, const struct co_event *ev,
       co_emit_fn emit, void *arg)
{
	struct sdo_xfer *x = sdo_find(net, n->id, ev->u.sdo.chan);
	struct co_event d;

	if (x == NULL)
		return;
	if (sdo_xfer_step(x, ev, &d)) {
		net->sdo_xfers++;
		d.node = n->id;
		xfer_done(net, n, &d, emit, arg);
		net_od_learn(net, &d, emit, arg);
	}
	if (x->state != SDO_IDLE)
		due(net, x->last_ns + net->sdo_timeout_ms * NS_PER_MS);
}

bool
net_sdo_in_block(const struct co_net *net, uint8_t node, uint8_t chan,
		 uint8_t dir, const uint8_t *d, size_t len, uint64_t ts_ns)
{
	const struct sdo_xfer *x;

	int i;

	if (net == NULL || node == 0 || node >= NET_NODES)
		return false;
	x = &net->nodes[node].sdo;
	for (i = 0; chan != 0 && i < NET_SDO_EXTRA; i++) {
		const struct net_sdo_slot *s = &net->sdo_extra[i];

		x = NULL;
		if (s->used && s->node == node && s->x.chan == chan) {
			x = &s->x;
			break;
		}
	}
	return x != NULL && sdo_xfer_in_block(x, dir, d, len, ts_ns);
}

bool
net_guard_pending(const struct co_net *net, uint8_t node)
{
	return net != NULL && node < NET_NODES &&
	       net->nodes[node].guard_pending;
}

/* ---- the one writer ---- */

static void
first_frame(struct co_net *net, uint64_t ts_ns)
{
	int i;

	net->started = true;
	net->first_ns = ts_ns;
	for (i = 1; i < NET_NODES; i++)
		if (net->nodes[i].expected)
			due(net, expect_deadline(net, &net->nodes[i]));
}

/* Frame time: the first frame starts the model's clock. */
static inline void
account_time(struct co_net *net, uint64_t ts_ns)
{
	if (!net->started)
		first_frame(net, ts_ns);
	if (ts_ns > net->now_ns)
		net->now_ns = ts_ns;
}

static inline void
mark_seen(struct co_node *n, uint64_t ts_ns)
{
	if (!n->seen)
		n->first_ns = ts_ns;
	n->seen = true;
	n->last_ns = ts_ns;
}

bool
net_frame(struct co_net *net, const struct co_frame *f)
{
	unsigned fc = co_fc(f->id);

	if (f->flags & (CO_F_EFF | CO_F_ERR)) {
		if (net_od_routed(net, f))
			return true;
		account_time(net, f->ts_ns);
		return false;
	}
	if (!co_fc_is_pdo(fc) || net_od_routed(net, f))
		return true;
	account_time(net, f->ts_ns);
	/* TPDOs: data frames sent by the node itself */
	if (!(f->flags & CO_F_RTR) && co_fc_is_tpdo(fc) &&
	    (f->id & CO_NODE_MASK) != 0)
		mark_seen(&net->nodes[f->id & CO_NODE_MASK], f->ts_ns);
	return false;
}

static void
node_apply(struct co_net *net, struct co_node *n, const struct co_event *ev,
	   co_emit_fn emit, void *arg)
{
	switch (ev->kind) {
	case CO_EV_BOOTUP:
		on_bootup(net, n, ev, emit, arg);
		break;
	case CO_EV_HEARTBEAT:
		if (n->guard_pending)
			on_guard_rsp(net, n, ev, emit, arg);
		else
			on_heartbeat(net, n, ev, emit, arg);
		break;
	case CO_EV_GUARD_RSP:
		on_guard_rsp(net, n, ev, emit, arg);
		break;
	case CO_EV_GUARD_REQ:
		if (n->guard_pending)
			n->guard_unanswered++;
		n->guard_pending = true;
		break;
	case CO_EV_EMCY:
		on_emcy(n, ev);
		break;
	case CO_EV_SDO:
		on_sdo(net, n, ev, emit, arg);
		break;
	default:
		break;
	}
}

/* A short or invalid CANopen frame: counted, not believed.  SDO frames
 * still go to their transfer, which reports the broken protocol. */
static bool
bad_frame(struct co_net *net, const struct co_event *ev)
{
	if (ev->status == CO_OK || ev->kind == CO_EV_UNKNOWN ||
	    ev->kind == CO_EV_ERROR_FRAME)
		return false;
	if (ev->status == CO_SHORT)
		net->bad_short++;
	else
		net->bad_invalid++;
	if (ev->node != 0 && ev->node < NET_NODES)
		net->nodes[ev->node].bad++;
	return ev->status == CO_SHORT || ev->kind != CO_EV_SDO;
}

void
net_apply(struct co_net *net, const struct co_event *ev, co_emit_fn emit,
	  void *arg)
{
	struct co_node *n;

	if (ev->frame == NULL)
		return;
	account_time(net, ev->ts_ns);
	if (bad_frame(net, ev))
		return;
	if (ev->kind == CO_EV_NMT) {
		on_nmt(net, ev, emit, arg);
		return;
	}
	if (ev->node == 0 || ev->node >= NET_NODES)
		return;
	n = &net->nodes[ev->node];
	if (co_ev_from_node(ev))
		mark_seen(n, ev->ts_ns);
	node_apply(net, n, ev, emit, arg);
}

