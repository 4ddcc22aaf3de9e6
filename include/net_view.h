/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_view.h - the model as views read it (live view, --stats report,
 * findings): nodes, EMCY history, PDOs, SDO transfers, table overflows */
#ifndef COSNIFF_NET_VIEW_H
#define COSNIFF_NET_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "net.h"
#include "od_pdo.h"

/*
 * A view only reads: every function here takes a const model and copies
 * or points into it; pointers stay valid until the next net_apply(),
 * net_tick() or net_finish(), which are the only writers.  A view that
 * keeps anything longer copies it.
 */

/* Node id (1..127), or NULL when id is out of range.  Every ID has a
 * record; use net_node_shown() to tell a node from an unused ID. */
const struct co_node *net_node(const struct co_net *net, unsigned id);

/* A node exists once it sent a valid frame; --expect'ed nodes are shown
 * too (as never seen).  NMT commands alone make no node. */
bool net_node_shown(const struct co_node *n);

/* EMCY history of a node, oldest first: i in 0..net_emcy_count()-1. */
unsigned net_emcy_count(const struct co_node *n);
const struct net_emcy *net_emcy_at(const struct co_node *n, unsigned i);

/* PDOs the model knows (from EDS/DCF files and learned on the bus), in
 * the order they became known: i in 0..net_pdo_count()-1; *node gets
 * the owner. */
unsigned net_pdo_count(const struct co_net *net);
const struct pdo_map *net_pdo_at(const struct co_net *net, unsigned i,
				 uint8_t *node);

/* Transfers under way, at most max into out[]; returns how many. */
unsigned net_sdo_running(const struct co_net *net, struct net_sdo_info *out,
			 unsigned max);
/* The last NET_SDO_RECENT finished transfers, i = 0 the newest. */
unsigned net_sdo_recent_count(const struct co_net *net);
const struct net_sdo_info *net_sdo_recent(const struct co_net *net,
					  unsigned i);

/* A table of the model was full, so something was not followed: PDOs,
 * SDO channels or 29-bit COB-IDs of the dictionaries (od), transfers of
 * SDO channels other than the default (sdo). */
struct net_overflow {
	bool od, sdo;
};
struct net_overflow net_overflowed(const struct co_net *net);

#endif
