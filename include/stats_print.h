/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_print.h - the --stats report: bus, per-node and per-COB-ID tables */
#ifndef COSNIFF_STATS_PRINT_H
#define COSNIFF_STATS_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "net.h"
#include "stats.h"

/* Print the report on fp: readable tables, or JSON lines (kinds
 * stats_bus, stats_node, stats_cob) when json is set. */
void stats_print(FILE *fp, const struct co_stats *st,
		 const struct co_net *net, bool json);

#endif
