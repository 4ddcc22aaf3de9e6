/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_view.c - read-only accessors of the model for views: nodes, EMCY
 * history, PDOs, SDO transfers (CiA 301 7.2.4), table overflows */
#include "config.h"
#include "net_view.h"

#include <stddef.h>

#include "net_od.h"

const struct co_node *
net_node(const struct co_net *net, unsigned id)
{
	if (id == 0 || id >= NET_NODES)
		return NULL;
	return &net->nodes[id];
}

bool
net_node_shown(const struct co_node *n)
{
	return n != NULL && (n->seen || n->expected);
}

unsigned
net_emcy_count(const struct co_node *n)
{
	return n->emcy_n;
}

const struct net_emcy *
net_emcy_at(const struct co_node *n, unsigned i)
{
	unsigned start = (unsigned)(n->emcy_head + NET_EMCY_HIST - n->emcy_n)
			 % NET_EMCY_HIST;

	if (i >= n->emcy_n)
		return NULL;
	return &n->emcy[(start + i) % NET_EMCY_HIST];
}

unsigned
net_pdo_count(const struct co_net *net)
{
	return net->od != NULL ? net->od->npdo : 0;
}

const struct pdo_map *
net_pdo_at(const struct co_net *net, unsigned i, uint8_t *node)
{
	if (i >= net_pdo_count(net))
		return NULL;
	if (node != NULL)
		*node = net->od->pdo[i].node;
	return &net->od->pdo[i].m;
}

static void
sdo_info(const struct co_net *net, uint8_t node, const struct sdo_xfer *x,
	 struct net_sdo_info *r)
{
	r->node = node;
	r->chan = x->chan;
	r->dir = x->dir;
	r->mode = x->mode;
	r->running = true;
	r->result = XFER_OK;
	r->has_mux = x->has_mux;
	r->index = x->index;
	r->sub = x->sub;
	r->got = x->got;
	r->size = x->size_ind ? x->size : 0;
	r->abort_code = 0;
	r->start_ns = x->start_ns;
	r->dur_ns = net->now_ns > x->start_ns ? net->now_ns - x->start_ns : 0;
}

unsigned
net_sdo_running(const struct co_net *net, struct net_sdo_info *out,
		unsigned max)
{
	unsigned i, n = 0;

	for (i = 1; i < NET_NODES && n < max; i++) {
		const struct sdo_xfer *x = &net->nodes[i].sdo;

		if (x->state != SDO_IDLE)
			sdo_info(net, (uint8_t)i, x, &out[n++]);
	}
	for (i = 0; i < NET_SDO_EXTRA && n < max; i++)
		if (net->sdo_extra[i].used &&
		    net->sdo_extra[i].x.state != SDO_IDLE)
			sdo_info(net, net->sdo_extra[i].node,
				 &net->sdo_extra[i].x, &out[n++]);
	return n;
}

unsigned
net_sdo_recent_count(const struct co_net *net)
{
	return net->sdo_recent_n;
}

const struct net_sdo_info *
net_sdo_recent(const struct co_net *net, unsigned i)
{
	if (i >= net->sdo_recent_n)
		return NULL;
	return &net->sdo_recent[(net->sdo_recent_head + NET_SDO_RECENT - 1 -
				 i) % NET_SDO_RECENT];
}

struct net_overflow
net_overflowed(const struct co_net *net)
{
	struct net_overflow o;

	o.od = net->od != NULL && net->od->overflow;
	o.sdo = net->sdo_extra_full;
	return o;
}
