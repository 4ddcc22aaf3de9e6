/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_od.c - the model's object dictionary knowledge (CiA 301 7.5.2):
 * PDO parameters, COB-IDs of SYNC/TIME/EMCY/SDO, heartbeat (1016h/1017h)
 * and guarding (100Ch/100Dh) times from EDS/DCF files and SDO transfers */
#include "config.h"
#include "net_od.h"

#include <stdlib.h>
#include <string.h>

#include "co_ids.h"
#include "co_objs.h"

#define IDX_DEVTYPE 0x1000u
#define IDX_GUARD 0x100Cu
#define IDX_LIFE 0x100Du
#define IDX_SYNC 0x1005u
#define IDX_TIME 0x1012u
#define IDX_EMCY 0x1014u
#define IDX_HB_CONS 0x1016u
#define IDX_HB_PROD 0x1017u
#define IDX_SDO_LO 0x1200u
#define IDX_SDO_CLIENT 0x1280u
#define IDX_SDO_HI 0x12FFu
#define IDX_RPDO_COMM 0x1400u
#define IDX_RPDO_MAP 0x1600u
#define IDX_TPDO_COMM 0x1800u
#define IDX_TPDO_MAP 0x1A00u
#define IDX_PDO_END 0x1C00u
#define PDO_PER_KIND 0x200u
#define STD_MASK 0x7FFu

/* ---- allocation and routes ---- */

static struct net_od *
od_state(struct co_net *net)
{
	struct net_od *s = net->od;

	if (s != NULL)
		return s;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	net->od = s;
	return s;
}

void
net_od_free(struct co_net *net)
{
	free(net->od);
	net->od = NULL;
}

static void
add_route(struct net_od *s, uint32_t id, bool ext, struct net_route r)
{
	unsigned i;

	if (!ext) {
		s->std[id & STD_MASK] = r;
		return;
	}
	for (i = 0; i < s->next; i++)
		if (s->ext_id[i] == id)
			break;
	if (i == NET_COB_EXT_MAX) {
		s->overflow = true;
		return;
	}
	if (i == s->next)
		s->next++;
	s->ext_id[i] = id;
	s->ext[i] = r;
}

/* COB-ID parameter value raw as a route (bit 31 = not valid). */
static void
route_cob(struct net_od *s, uint32_t raw, struct net_route r)
{
	if (raw & COB_INVALID)
		return;
	add_route(s, raw & COB_ID_MASK, (raw & COB_FRAME_EXT) != 0, r);
}

static void
routes_pdo(struct net_od *s, bool tx)
{
	unsigned i;

	for (i = 0; i < s->npdo; i++) {
		const struct pdo_map *m = &s->pdo[i].m;
		struct net_route r = { CO_RT_PDO, s->pdo[i].node, 0, 0,
				       (uint16_t)i };

		if (m->tx == tx && m->valid && m->has_comm)
			add_route(s, m->can_id, m->ext, r);
	}
}

static bool
sdo_chan_default(const struct net_sdo_chan *c)
{
	return c->node == 0 || c->node >= NET_NODES ||
	       ((c->c2s & COB_ID_MASK) == COB_SDO_RX + c->node &&
		(c->s2c & COB_ID_MASK) == COB_SDO_TX + c->node);
}

static void
routes_comm(struct net_od *s)
{
	unsigned i;

	for (i = 1; i < NET_NODES; i++) {
		const struct net_ncfg *c = &s->cfg[i];
		struct net_route r = { CO_RT_EMCY, (uint8_t)i, 0, 0, 0 };

		if (c->has_emcy && (c->emcy_cob & COB_ID_MASK) != COB_EMCY + i)
			route_cob(s, c->emcy_cob, r);
	}
	for (i = 0; i < s->nsdo; i++) {
		const struct net_sdo_chan *c = &s->sdo[i];
		struct net_route r = { CO_RT_SDO, c->node, c->chan, SDO_C2S,
				       0 };

		/* in use only with both COB-IDs valid */
		if (sdo_chan_default(c) || ((c->c2s | c->s2c) & COB_INVALID))
			continue;
		route_cob(s, c->c2s, r);
		r.dir = SDO_S2C;
		route_cob(s, c->s2c, r);
	}
	for (i = 1; i < NET_NODES; i++) {
		const struct net_ncfg *c = &s->cfg[i];
		struct net_route r = { CO_RT_TIME, 0, 0, 0, 0 };

		if (c->has_time && (c->time_cob & COB_ID_MASK) != COB_TIME)
			route_cob(s, c->time_cob & ~COB_TIME_CONS, r);
		r.kind = CO_RT_SYNC;
		if (c->has_sync && (c->sync_cob & COB_ID_MASK) != COB_SYNC)
			route_cob(s, c->sync_cob & ~COB_INVALID, r);
	}
}

/* Rebuild the COB-ID table: RPDOs, then TPDOs (the producer wins a
 * shared COB-ID), then EMCY, SDO, TIME and SYNC. */
static void
routes_build(struct net_od *s)
{
	memset(s->std, 0, sizeof(s->std));
	s->next = 0;
	routes_pdo(s, false);
	routes_pdo(s, true);
	routes_comm(s);
}

bool
net_route(const struct co_net *net, uint32_t id, bool ext,
	  struct co_route *r)
{
	const struct net_od *s = net ? net->od : NULL;
	const struct net_route *e = NULL;
	unsigned i;

	if (s == NULL)
		return false;
	if (!ext) {
		e = &s->std[id & STD_MASK];
	} else {
		for (i = 0; i < s->next && e == NULL; i++)
			if (s->ext_id[i] == id)
				e = &s->ext[i];
	}
	if (e == NULL || e->kind == CO_RT_NONE)
		return false;
	memset(r, 0, sizeof(*r));
	r->kind = e->kind;
	r->node = e->node;
	r->chan = e->chan;
	r->dir = e->dir;
	if (e->kind == CO_RT_PDO) {
		const struct pdo_map *m = &s->pdo[e->pdo].m;

		r->rx = !m->tx;
		r->num = m->num;
		r->map = m;
	}
	return true;
}

bool
net_od_routed(const struct co_net *net, const struct co_frame *f)
{
	const struct net_od *s = net != NULL ? net->od : NULL;
	struct co_route r;

	if (s == NULL || co_frame_is_err(f))
		return false;
	/* net_route's answer without filling a route: once per PDO frame
	 * of -q --stats */
	if (!co_frame_is_eff(f))
		return s->std[f->id & STD_MASK].kind != CO_RT_NONE;
	return net_route(net, f->id, true, &r);
}

/* ---- object names ---- */

/* CiA 402 names for a node without a dictionary: unless its device type
 * (1000h, read on the bus) names another profile. */
static bool
profile_402(const struct net_od *s, uint8_t node)
{
	const struct net_ncfg *c = &s->cfg[node];

	return !c->has_devtype || (c->devtype & 0xFFFFu) == CO_PROFILE_402;
}

/* Entries of a learned mapping of a node without a dictionary get CiA
 * 402 names and types where the profile allows. */
static void
name_entries(const struct net_od *s, struct net_pdo *p)
{
	bool allow = profile_402(s, p->node);
	struct co_obj o;
	unsigned k;

	if (s->od[p->node] != NULL)
		return;
	for (k = 0; k < p->m.nentries; k++) {
		struct pdo_entry *e = &p->m.e[k];

		if (e->dummy)
			continue;
		if (allow && co_obj_402(e->index, e->sub, &o)) {
			e->name = o.name;
			e->dtype = o.dtype;
		} else {
			e->name = "";
			e->dtype = 0;
		}
	}
}

bool
net_obj_info(const struct co_net *net, uint8_t node, uint16_t index,
	     uint8_t sub, struct co_obj *o)
{
	const struct od *od = NULL;
	const struct od_sub *d;
	struct co_obj std;
	bool has_std = co_obj_std(index, sub, &std);

	if (net != NULL && net->od != NULL && node < NET_NODES)
		od = net->od->od[node];
	d = od ? od_find_sub(od, index, sub) : NULL;
	if (d != NULL && d->name != NULL) {
		o->name = d->name;
		o->dtype = d->dtype;
		o->flags = has_std && std.dtype == d->dtype ? std.flags : 0;
		return true;
	}
	if (has_std) {
		*o = std;
		return true;
	}
	if (od != NULL || (net != NULL && net->od != NULL &&
			   node < NET_NODES && !profile_402(net->od, node)))
		return false;
	return co_obj_402(index, sub, o);
}

/* Entries that read better in hex (CiA 402 control/status words,
 * CiA 301 COB-IDs), whatever file named them. */
static void
flag_entries(struct pdo_map *m)
{
	struct co_obj o;
	unsigned k;

	for (k = 0; k < m->nentries; k++) {
		struct pdo_entry *e = &m->e[k];

		e->flags = 0;
		if (!e->dummy && (co_obj_402(e->index, e->sub, &o) ||
				  co_obj_std(e->index, e->sub, &o)))
			e->flags = o.flags;
	}
}

/* ---- PDOs ---- */

static struct net_pdo *
pdo_slot(struct net_od *s, uint8_t node, bool tx, unsigned num)
{
	unsigned i;

	for (i = 0; i < s->npdo; i++)
		if (s->pdo[i].node == node && s->pdo[i].m.tx == tx &&
		    s->pdo[i].m.num == num)
			return &s->pdo[i];
	return NULL;
}

/* A PDO not described by a dictionary: predefined COB-ID for 1..4
 * (CiA 301 7.3.5), otherwise not valid until its COB-ID is seen. */
static struct net_pdo *
pdo_new(struct net_od *s, uint8_t node, bool tx, unsigned num)
{
	struct net_pdo *p;
	uint32_t cob = COB_INVALID;

	if (s->npdo == NET_PDO_MAX) {
		s->overflow = true;
		return NULL;
	}
	p = &s->pdo[s->npdo++];
	memset(p, 0, sizeof(*p));
	p->node = node;
	p->m.tx = tx;
	p->m.num = (uint16_t)num;
	p->m.comm_index = (uint16_t)((tx ? IDX_TPDO_COMM : IDX_RPDO_COMM) +
				     num - 1);
	p->m.map_index = (uint16_t)(p->m.comm_index + PDO_PER_KIND);
	if (num <= 4)
		cob = (tx ? COB_TPDO1 : COB_RPDO1) + (num - 1) * COB_PDO_STEP +
		      node;
	pdomap_set_cob(&p->m, cob);
	p->m.has_comm = num <= 4;
	return p;
}

static void
pdo_seed(struct net_od *s, uint8_t node, const struct pdo_map *m)
{
	struct net_pdo *p;
	unsigned k;

	if (s->npdo == NET_PDO_MAX) {
		s->overflow = true;
		return;
	}
	p = &s->pdo[s->npdo++];
	p->node = node;
	p->m = *m;
	flag_entries(&p->m);
	if (m->has_comm)
		p->known = NET_K_TRANS | NET_K_INHIBIT | NET_K_EVENT |
			   NET_K_SYNC;
	for (k = 0; k < m->nentries; k++)
		p->raw[k] = (uint32_t)m->e[k].index << 16 |
			    (uint32_t)m->e[k].sub << 8 | m->e[k].bits;
	if (!p->m.has_comm && m->num <= 4) {
		pdomap_set_cob(&p->m, (m->tx ? COB_TPDO1 : COB_RPDO1) +
			    (m->num - 1u) * COB_PDO_STEP + node);
		p->m.has_comm = true;
	}
}

/* ---- seeding from the dictionaries ---- */

static void
seed_hb_cons(struct net_ncfg *c, const struct od *od)
{
	uint64_t v;
	unsigned k;

	for (k = 1; k <= 127; k++)
		if (od_get_u64(od, IDX_HB_CONS, (uint8_t)k, &v))
			c->hb_cons[k - 1] = (uint32_t)v;
}

static void
sdo_chan_set(struct net_od *s, uint8_t owner, uint16_t index,
	     const struct od_sdo_chan *from)
{
	struct net_sdo_chan *c = NULL;
	unsigned i;

	for (i = 0; i < s->nsdo && c == NULL; i++)
		if (s->sdo[i].owner == owner && s->sdo[i].index == index)
			c = &s->sdo[i];
	if (c == NULL) {
		if (s->nsdo == NET_SDO_CHAN_MAX) {
			s->overflow = true;
			return;
		}
		c = &s->sdo[s->nsdo++];
		c->owner = owner;
		c->index = index;
		c->c2s = c->s2c = COB_INVALID;
		c->node = index < IDX_SDO_CLIENT ? owner : 0;
	}
	c->chan = (uint8_t)(index - IDX_SDO_LO);
	if (from != NULL) {
		c->c2s = from->cob_c2s;
		c->s2c = from->cob_s2c;
		if (from->client && from->has_peer)
			c->node = from->peer;
	}
}

static void
seed_comm(struct net_od *s, uint8_t node, const struct od *od)
{
	struct od_comm *c = malloc(sizeof(*c));
	struct net_ncfg *n = &s->cfg[node];
	size_t i;

	if (c == NULL)
		return;
	od_comm_get(od, c);
	n->has_sync = c->has_sync;
	n->sync_cob = c->sync_cob;
	n->has_time = c->has_time;
	n->time_cob = c->time_cob;
	n->has_emcy = c->has_emcy;
	n->emcy_cob = c->emcy_cob;
	n->hb_prod_ms = c->has_hb_producer ? c->hb_producer_ms : 0;
	n->guard_ms = c->guard_time_ms;
	n->life = c->life_factor;
	n->known = (uint8_t)((c->has_hb_producer ? NET_K_HB : 0) |
			     (c->has_guard ? NET_K_GUARD | NET_K_LIFE : 0));
	seed_hb_cons(n, od);
	for (i = 0; i < c->nsdo; i++)
		if (c->sdo[i].index != IDX_SDO_LO)
			sdo_chan_set(s, node, c->sdo[i].index, &c->sdo[i]);
	free(c);
}

/* Tell the model what the dictionaries say of each node's error control
 * (net_hb_configure owns the policy): the shortest 1016h consumer time
 * any node has for it, its 1017h, 100Ch and 100Dh. */
static void
hb_expect(struct co_net *net)
{
	struct net_od *s = net->od;
	uint32_t cons[NET_NODES] = { 0 };
	struct net_hb_cfg h;
	unsigned c, k, p;

	for (c = 1; c < NET_NODES; c++)
		for (k = 0; k < 127; k++) {
			uint32_t e = s->cfg[c].hb_cons[k];

			p = e >> 16 & 0xFF;
			if (p == 0 || p >= NET_NODES || (e & 0xFFFF) == 0)
				continue;
			if (cons[p] == 0 || (e & 0xFFFF) < cons[p])
				cons[p] = e & 0xFFFF;
		}
	for (p = 1; p < NET_NODES; p++) {
		h.cons_ms = (uint16_t)cons[p];
		h.prod_ms = s->cfg[p].hb_prod_ms;
		h.guard_ms = s->cfg[p].guard_ms;
		h.life = s->cfg[p].life;
		net_hb_configure(net, (uint8_t)p, &h);
	}
}

static int
seed_node(struct net_od *s, uint8_t node, const struct od *od)
{
	struct pdo_list l = { 0, NULL };
	size_t i;

	s->od[node] = od;
	if (od_pdo_list(od, &l, NULL) != 0)
		return -1;
	for (i = 0; i < l.n; i++)
		pdo_seed(s, node, &l.v[i]);
	od_pdo_list_free(&l);
	seed_comm(s, node, od);
	return 0;
}

int
net_od_seed(struct co_net *net, struct od *const od[NET_NODES])
{
	struct net_od *s;
	int i, rc = 0;

	for (i = 1; i < NET_NODES && od[i] == NULL; i++)
		;
	if (i == NET_NODES)
		return 0;
	s = od_state(net);
	if (s == NULL)
		return -1;
	for (i = 1; i < NET_NODES; i++)
		if (od[i] != NULL && seed_node(s, (uint8_t)i, od[i]) != 0)
			rc = -1;
	routes_build(s);
	hb_expect(net);
	return rc;
}

/* ---- learning from SDO transfers ---- */

struct learn {
	struct co_net *net;
	struct net_od *s;
	const struct co_event *x;   /* the finished transfer */
	uint8_t node;
	uint16_t index;
	uint8_t sub;
	uint32_t v;                 /* value written or read */
	uint8_t obj;                /* enum co_cfg_obj of the object */
	uint16_t num;               /* PDO number */
	co_emit_fn emit;
	void *arg;
};

/* Emit a CO_EV_CONFIG: setting what of l's object, old -> v (the
 * printers word it). */
static void
say(struct learn *l, enum co_cfg_what what, bool has_old, uint32_t old,
    uint32_t v, const struct pdo_map *map)
{
	struct co_event d;

	memset(&d, 0, sizeof(d));
	d.kind = CO_EV_CONFIG;
	d.frame = l->x->frame;
	d.ts_ns = l->x->ts_ns;
	d.cob_id = l->x->cob_id;
	d.node = l->node;
	d.u.config.index = l->index;
	d.u.config.sub = l->sub;
	d.u.config.what = (uint8_t)what;
	d.u.config.obj = l->obj;
	d.u.config.num = l->num;
	d.u.config.has_old = has_old;
	d.u.config.old_v = old;
	d.u.config.new_v = v;
	d.u.config.map = map;
	l->emit(l->arg, &d);
}

static bool
map_same(const struct pdo_map *m, const uint32_t *raw, unsigned n)
{
	unsigned k;

	if (m->nentries != n)
		return false;
	for (k = 0; k < n; k++)
		if (((uint32_t)m->e[k].index << 16 |
		     (uint32_t)m->e[k].sub << 8 | m->e[k].bits) != raw[k])
			return false;
	return true;
}

static bool
raw_known(const struct net_pdo *p, unsigned n)
{
	unsigned k;

	for (k = 0; k < n; k++)
		if (p->raw[k] == 0)
			return false;
	return true;
}

static void
map_apply(struct learn *l, struct net_pdo *p, unsigned n)
{
	if (map_same(&p->m, p->raw, n))
		return;
	pdomap_set_mapping(&p->m, l->s->od[p->node], p->raw, n);
	name_entries(l->s, p);
	flag_entries(&p->m);
	p->m.has_map = true;
	say(l, CO_CFG_MAP, false, 0, n, &p->m);
}

static void
learn_map(struct learn *l, struct net_pdo *p)
{
	unsigned n = l->v & 0xFF;

	if (l->sub == 0) {
		if (n > PDO_MAX_ENTRIES)
			return;     /* the device must have refused it */
		p->want = 0;
		if (n == 0 || raw_known(p, n))
			map_apply(l, p, n);
		else
			p->want = (uint8_t)n;
		return;
	}
	if (l->sub > PDO_MAX_ENTRIES)
		return;
	p->raw[l->sub - 1] = l->v;
	if (p->want && raw_known(p, p->want)) {
		n = p->want;
		p->want = 0;
		map_apply(l, p, n);
	} else if (l->sub <= p->m.nentries) {
		map_apply(l, p, p->m.nentries);
	}
}

/* A number setting: reported when it changes or was not known (bit of
 * *known); sets the bit. */
static void
learn_num(struct learn *l, enum co_cfg_what what, uint32_t old, uint32_t v,
	  uint8_t *known, uint8_t bit)
{
	if (!(*known & bit))
		say(l, what, false, 0, v, NULL);
	else if (old != v)
		say(l, what, true, old, v, NULL);
	*known |= bit;
}

static void
learn_pdo_comm(struct learn *l, struct net_pdo *p)
{
	struct pdo_map *m = &p->m;
	uint32_t old = m->cob_raw;

	switch (l->sub) {
	case 1:
		if (m->has_comm && old == l->v)
			return;
		pdomap_set_cob(m, l->v);
		m->has_comm = true;
		routes_build(l->s);
		say(l, CO_CFG_COB, true, old, l->v, NULL);
		break;
	case 2:
		m->has_trans = true;
		learn_num(l, CO_CFG_TRANS, m->trans_type, l->v & 0xFF,
			  &p->known, NET_K_TRANS);
		m->trans_type = (uint8_t)l->v;
		break;
	case 3:
		learn_num(l, CO_CFG_INHIBIT, m->inhibit_100us, l->v & 0xFFFF,
			  &p->known, NET_K_INHIBIT);
		m->inhibit_100us = (uint16_t)l->v;
		break;
	case 5:
		learn_num(l, CO_CFG_EVENT, m->event_ms, l->v & 0xFFFF,
			  &p->known, NET_K_EVENT);
		m->event_ms = (uint16_t)l->v;
		break;
	case 6:
		learn_num(l, CO_CFG_SYNC_START, m->sync_start, l->v & 0xFF,
			  &p->known, NET_K_SYNC);
		m->sync_start = (uint8_t)l->v;
		break;
	default:
		break;
	}
}

static void
learn_pdo(struct learn *l)
{
	unsigned rel = l->index - IDX_RPDO_COMM;
	bool tx = rel >= 2 * PDO_PER_KIND;
	bool map = rel % (2 * PDO_PER_KIND) >= PDO_PER_KIND;
	unsigned num = rel % PDO_PER_KIND + 1;
	struct net_pdo *p = pdo_slot(l->s, l->node, tx, num);

	if (p == NULL) {
		p = pdo_new(l->s, l->node, tx, num);
		if (p == NULL)
			return;
		routes_build(l->s);
	}
	l->obj = tx ? CO_CFG_TPDO : CO_CFG_RPDO;
	l->num = (uint16_t)num;
	if (map)
		learn_map(l, p);
	else
		learn_pdo_comm(l, p);
}

/* dflt: the predefined COB-ID, taken as the old value when unknown */
static void
learn_cob(struct learn *l, bool *has, uint32_t *cob, enum co_cfg_obj obj,
	  uint32_t dflt)
{
	uint32_t old = *has ? *cob : dflt;

	if (*has && old == l->v)
		return;
	*has = true;
	*cob = l->v;
	l->obj = (uint8_t)obj;
	say(l, CO_CFG_COB, true, old, l->v, NULL);
	routes_build(l->s);
}

static void
learn_sdo(struct learn *l)
{
	struct net_sdo_chan *e;
	unsigned i;
	uint32_t old, *cob;

	if (l->sub < 1 || l->sub > 3 || l->index == IDX_SDO_LO)
		return;         /* 1200h: the default channel, fixed */
	for (i = 0; i < l->s->nsdo; i++)
		if (l->s->sdo[i].owner == l->node &&
		    l->s->sdo[i].index == l->index)
			break;
	if (i == l->s->nsdo) {
		sdo_chan_set(l->s, l->node, l->index, NULL);
		if (i == l->s->nsdo)
			return;
	}
	e = &l->s->sdo[i];
	l->obj = CO_CFG_SDO;
	if (l->sub == 3) {
		old = e->node;
		e->node = (uint8_t)(l->v & CO_NODE_MASK);
		if (old != e->node)
			say(l, CO_CFG_SDO_PEER, true, old, e->node, NULL);
	} else {
		cob = l->sub == 1 ? &e->c2s : &e->s2c;
		old = *cob;
		*cob = l->v;
		if (old != l->v)
			say(l, l->sub == 1 ? CO_CFG_SDO_COB_C2S :
			    CO_CFG_SDO_COB_S2C, true, old, l->v, NULL);
	}
	routes_build(l->s);
}

static void
learn_hb(struct learn *l)
{
	struct net_ncfg *c = &l->s->cfg[l->node];
	uint32_t old;

	l->obj = l->index == IDX_HB_PROD || l->index == IDX_HB_CONS ?
		 CO_CFG_HEARTBEAT : CO_CFG_GUARDING;
	if (l->index == IDX_HB_PROD) {
		learn_num(l, CO_CFG_HB_PROD, c->hb_prod_ms, l->v & 0xFFFF,
			  &c->known, NET_K_HB);
		c->hb_prod_ms = (uint16_t)l->v;
	} else if (l->index == IDX_GUARD) {
		learn_num(l, CO_CFG_GUARD, c->guard_ms, l->v & 0xFFFF,
			  &c->known, NET_K_GUARD);
		c->guard_ms = (uint16_t)l->v;
	} else if (l->index == IDX_LIFE) {
		learn_num(l, CO_CFG_LIFE, c->life, l->v & 0xFF, &c->known,
			  NET_K_LIFE);
		c->life = (uint8_t)l->v;
	} else if (l->sub >= 1 && l->sub <= 127) {
		old = c->hb_cons[l->sub - 1];
		c->hb_cons[l->sub - 1] = l->v;
		if (old != l->v)
			say(l, CO_CFG_HB_CONS, true, old, l->v, NULL);
	}
	hb_expect(l->net);
}

/* 1000h: decides whether CiA 402 names apply (no event) */
static void
learn_devtype(struct learn *l)
{
	struct net_ncfg *c = &l->s->cfg[l->node];
	unsigned i;

	c->has_devtype = true;
	c->devtype = l->v;
	for (i = 0; i < l->s->npdo; i++)
		if (l->s->pdo[i].node == l->node)
			name_entries(l->s, &l->s->pdo[i]);
}

/* Objects this module follows. */
static bool
learns(uint16_t index)
{
	return index == IDX_DEVTYPE || index == IDX_GUARD ||
	       index == IDX_LIFE ||
	       index == IDX_SYNC || index == IDX_TIME || index == IDX_EMCY ||
	       index == IDX_HB_CONS || index == IDX_HB_PROD ||
	       (index >= IDX_SDO_LO && index <= IDX_SDO_HI) ||
	       (index >= IDX_RPDO_COMM && index < IDX_PDO_END);
}

static void
learn_dispatch(struct learn *l)
{
	struct net_ncfg *c = &l->s->cfg[l->node];

	if (l->sub != 0 && l->index < IDX_SDO_LO && l->index != IDX_HB_CONS)
		return;         /* VAR objects: sub 0 only */
	if (l->index == IDX_DEVTYPE)
		learn_devtype(l);
	else if (l->index >= IDX_RPDO_COMM)
		learn_pdo(l);
	else if (l->index >= IDX_SDO_LO)
		learn_sdo(l);
	else if (l->index == IDX_SYNC)
		learn_cob(l, &c->has_sync, &c->sync_cob, CO_CFG_SYNC,
			  COB_SYNC);
	else if (l->index == IDX_TIME)
		learn_cob(l, &c->has_time, &c->time_cob, CO_CFG_TIME,
			  COB_TIME);
	else if (l->index == IDX_EMCY)
		learn_cob(l, &c->has_emcy, &c->emcy_cob, CO_CFG_EMCY,
			  COB_EMCY + l->node);
	else
		learn_hb(l);
}

void
net_od_learn(struct co_net *net, const struct co_event *x, co_emit_fn emit,
	     void *arg)
{
	const struct co_ev_xfer *t = &x->u.xfer;
	struct learn l;
	uint32_t k, n;

	if (t->result != XFER_OK || !t->has_mux || t->got == 0 ||
	    t->data == NULL || !learns(t->index) || x->node == 0 ||
	    x->node >= NET_NODES)
		return;
	memset(&l, 0, sizeof(l));
	l.s = od_state(net);
	if (l.s == NULL)
		return;
	l.net = net;
	l.x = x;
	l.node = x->node;
	l.index = t->index;
	l.sub = t->sub;
	n = t->got < 4 ? t->got : 4;
	for (k = n; k-- > 0;)
		l.v = l.v << 8 | t->data[k];
	l.emit = emit;
	l.arg = arg;
	learn_dispatch(&l);
}
