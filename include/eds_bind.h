/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds_bind.h - which EDS/DCF describes which node: --eds NODE=FILE,
 * --dcf FILE, --eds-dir DIR (with DIR/nodes.conf) */
#ifndef COSNIFF_EDS_BIND_H
#define COSNIFF_EDS_BIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eds.h"

#define EDS_BIND_MAX 256
#define EDS_NODES_CONF "nodes.conf"

enum eds_bind_kind { EDS_BIND_EDS, EDS_BIND_DCF };

struct eds_bind_ent {
	uint8_t kind;           /* enum eds_bind_kind */
	uint8_t lo, hi;         /* node range (lo == hi for one node); DCF
				 * without a node: 0 (its NodeID) */
	const char *path;       /* the option argument's file part */
	char origin[48];        /* "--eds 5=drive.eds" for messages */
};

/* The binding options as given; zero-initialise.  Strings point into
 * argv and must outlive the struct. */
struct eds_bind {
	int n;
	struct eds_bind_ent ent[EDS_BIND_MAX];
	const char *dir;        /* --eds-dir, or NULL */
};

/*
 * Record one option: opt is "eds" (arg NODE=FILE or LO-HI=FILE), "dcf"
 * (FILE, or NODE=FILE to override its NodeID) or "eds-dir" (DIR).
 * Returns 0, or -1 with a message in err.
 */
int eds_bind_add(struct eds_bind *b, const char *opt, const char *arg,
		 char *err, size_t errlen);

/* True when no binding option was given. */
bool eds_bind_empty(const struct eds_bind *b);

/*
 * Load every bound file for its node into od_for_node[node] (others
 * NULL).  Command-line bindings win over --eds-dir ones (with a
 * warning); two bindings of one node on the same level, a file that
 * does not load, a DCF without NodeID or a bad nodes.conf line are
 * errors.  Loader warnings go to *diag.  Returns 0, or -1 with err set
 * and nothing loaded.
 */
int eds_bind_resolve(const struct eds_bind *b, struct od *od_for_node[128],
		     struct eds_diag *diag, char *err, size_t errlen);

/* od_free() every dictionary and clear the table. */
void eds_bind_release(struct od *od_for_node[128]);

#endif
