/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds_bind.c - which EDS/DCF describes which node: --eds NODE=FILE,
 * --dcf FILE, --eds-dir DIR (with DIR/nodes.conf) */
#include "config.h"
#include "eds_bind.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { LVL_NONE, LVL_DIR, LVL_CMDLINE };

/* What will be loaded for one node. */
struct plan {
	int level;
	char *path;             /* owned */
	char origin[300];
	struct od *od;          /* already loaded (DCF read for its NodeID) */
};

struct resolver {
	struct plan p[128];
	struct eds_diag *diag;
	char *err;
	size_t errlen;
};

/* Parse "5", "0x05" or "1-4" (node-IDs 1..127). */
static int
eds_parse_nodes(const char *s, uint8_t *lo, uint8_t *hi)
{
	char buf[32];
	char *dash;
	struct eds_num a, b;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (dash != NULL)
		*dash = '\0';
	if (eds_parse_int(buf, &a) != 0 || a.nodeid || a.neg || a.v < 1 ||
	    a.v > 127)
		return -1;
	b = a;
	if (dash != NULL && (eds_parse_int(dash + 1, &b) != 0 || b.nodeid ||
			     b.neg || b.v < a.v || b.v > 127))
		return -1;
	*lo = (uint8_t)a.v;
	*hi = (uint8_t)b.v;
	return 0;
}

bool
eds_bind_empty(const struct eds_bind *b)
{
	return b->n == 0 && b->dir == NULL;
}

int
eds_bind_add(struct eds_bind *b, const char *opt, const char *arg,
	     char *err, size_t errlen)
{
	struct eds_bind_ent *e;
	const char *eq = strchr(arg, '=');
	char nodes[32];

	if (strcmp(opt, "eds-dir") == 0) {
		if (b->dir != NULL) {
			snprintf(err, errlen, "--eds-dir given twice");
			return -1;
		}
		b->dir = arg;
		return 0;
	}
	if (b->n >= EDS_BIND_MAX) {
		snprintf(err, errlen, "too many --eds/--dcf options (max %d)",
			 EDS_BIND_MAX);
		return -1;
	}
	e = &b->ent[b->n];
	memset(e, 0, sizeof(*e));
	e->kind = strcmp(opt, "dcf") == 0 ? EDS_BIND_DCF : EDS_BIND_EDS;
	snprintf(e->origin, sizeof(e->origin), "--%s %s", opt, arg);
	if (eq == NULL && e->kind == EDS_BIND_DCF) {
		e->path = arg;
	} else if (eq == NULL || (size_t)(eq - arg) >= sizeof(nodes) ||
		   eq[1] == '\0') {
		snprintf(err, errlen, "--%s %s: expected NODE=FILE", opt, arg);
		return -1;
	} else {
		memcpy(nodes, arg, (size_t)(eq - arg));
		nodes[eq - arg] = '\0';
		if (eds_parse_nodes(nodes, &e->lo, &e->hi) != 0) {
			snprintf(err, errlen, "--%s %s: '%s' is not a node-ID "
				 "1..127 or a range LO-HI", opt, arg, nodes);
			return -1;
		}
		e->path = eq + 1;
	}
	b->n++;
	return 0;
}

static int fail(struct resolver *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
fail(struct resolver *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, r->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Bind node to path at level; same-level duplicates are errors. */
static int
bind_node(struct resolver *r, unsigned node, int level, const char *path,
	  const char *origin, struct od *od)
{
	struct plan *p = &r->p[node];
	char what[32];

	snprintf(what, sizeof(what), "node %u", node);
	if (p->level == level) {
		snprintf(r->err, r->errlen, "%s is bound twice: %s and %s",
			 what, p->origin, origin);
		od_free(od);
		return -1;
	}
	if (p->level > level) {
		eds_diagf(r->diag, path, 0, "%s: %s overrides %s", what,
			  p->origin, origin);
		od_free(od);
		return 0;
	}
	if (p->level != LVL_NONE)
		eds_diagf(r->diag, p->path, 0, "%s: %s overrides %s", what,
			  origin, p->origin);
	free(p->path);
	od_free(p->od);
	p->level = level;
	p->path = strdup(path);
	p->od = od;
	snprintf(p->origin, sizeof(p->origin), "%s", origin);
	return p->path ? 0 : fail(r, "out of memory");
}

/* A DCF bound by its own NodeID.  In a directory, one without NodeID is
 * skipped with a warning; on the command line it is an error. */
static int
bind_dcf(struct resolver *r, const char *path, int level,
	 const char *origin)
{
	char why[256];
	struct od *od = eds_load(path, 0, r->diag, why, sizeof(why));

	if (od == NULL)
		return fail(r, "%s: %s", path, why);
	if (od->dcf_node < 1 && level == LVL_DIR) {
		od_free(od);
		eds_diagf(r->diag, path, 0, "no NodeID in "
			  "[DeviceComissioning]: not bound; name it in %s",
			  EDS_NODES_CONF);
		return 0;
	}
	if (od->dcf_node < 1) {
		od_free(od);
		return fail(r, "%s: no NodeID in [DeviceComissioning]; "
			    "bind it with --dcf NODE=%s", path, path);
	}
	return bind_node(r, (unsigned)od->dcf_node, level, path, origin, od);
}

static int
bind_range(struct resolver *r, uint8_t lo, uint8_t hi, int level,
	   const char *path, const char *origin)
{
	unsigned n;

	for (n = lo; n <= hi; n++)
		if (bind_node(r, n, level, path, origin, NULL) != 0)
			return -1;
	return 0;
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

struct names {
	size_t n, cap;
	char **v;
};

static int
names_add(struct names *l, const char *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **nv = realloc(l->v, cap * sizeof(*nv));

		if (nv == NULL)
			return -1;
		l->v = nv;
		l->cap = cap;
	}
	if ((l->v[l->n] = strdup(s)) == NULL)
		return -1;
	l->n++;
	return 0;
}

static bool
names_has(const struct names *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static void
names_free(struct names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* One "NODES = FILE" line of nodes.conf. */
static int
conf_line(struct resolver *r, const char *dir, const char *conf,
	  unsigned ln, char *line, struct names *used)
{
	char *eq = strchr(line, '='), *file, *path;
	char origin[300];
	uint8_t lo, hi;
	int rc;

	if (eq == NULL) {
		snprintf(r->err, r->errlen, "%s:%u: expected NODE = FILE",
			 conf, ln);
		return -1;
	}
	*eq = '\0';
	file = trim(eq + 1);
	if (eds_parse_nodes(trim(line), &lo, &hi) != 0 || *file == '\0') {
		snprintf(r->err, r->errlen, "%s:%u: expected NODE = FILE "
			 "(NODE 1..127 or LO-HI)", conf, ln);
		return -1;
	}
	path = file[0] == '/' ? strdup(file) : join(dir, file);
	if (path == NULL || names_add(used, path) != 0) {
		free(path);
		return fail(r, "out of memory");
	}
	snprintf(origin, sizeof(origin), "%s:%u", conf, ln);
	rc = bind_range(r, lo, hi, LVL_DIR, path, origin);
	free(path);
	return rc;
}

/* DIR/nodes.conf; 0 also when it does not exist (*found false). */
static int
read_conf(struct resolver *r, const char *dir, struct names *used,
	  bool *found)
{
	char *conf = join(dir, EDS_NODES_CONF);
	char line[1024], *s;
	unsigned ln = 0;
	FILE *fp;
	int rc = 0;

	*found = false;
	if (conf == NULL)
		return fail(r, "out of memory");
	fp = fopen(conf, "r");
	if (fp == NULL) {
		rc = errno == ENOENT ? 0 : fail(r, "%s: %s", conf,
						strerror(errno));
		free(conf);
		return rc;
	}
	*found = true;
	while (rc == 0 && fgets(line, sizeof(line), fp) != NULL) {
		ln++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			snprintf(r->err, r->errlen, "%s:%u: line too long",
				 conf, ln);
			rc = -1;
			break;
		}
		s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		rc = conf_line(r, dir, conf, ln, s, used);
	}
	fclose(fp);
	free(conf);
	return rc;
}

static bool
has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.dcf in DIR not named in nodes.conf binds by its NodeID. */
static int
scan_dir(struct resolver *r, const char *dir, const struct names *used,
	 bool conf)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct names files = { 0 };
	size_t i;
	unsigned n, nbound = 0;
	int rc = 0;

	if (d == NULL)
		return fail(r, "--eds-dir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL)
		if ((has_ext(de->d_name, ".dcf") ||
		     has_ext(de->d_name, ".eds")) &&
		    names_add(&files, de->d_name) != 0)
			rc = fail(r, "out of memory");
	closedir(d);
	if (files.n > 1)
		qsort(files.v, files.n, sizeof(*files.v), str_cmp);
	for (i = 0; rc == 0 && i < files.n; i++) {
		char *path = join(dir, files.v[i]);

		if (path == NULL)
			rc = fail(r, "out of memory");
		else if (names_has(used, path))
			;
		else if (has_ext(path, ".dcf"))
			rc = bind_dcf(r, path, LVL_DIR, path);
		else
			eds_diagf(r->diag, path, 0, "not bound to a node: "
				  "name it in %s/%s", dir, EDS_NODES_CONF);
		free(path);
	}
	names_free(&files);
	for (n = 1; n < 128; n++)
		nbound += r->p[n].level == LVL_DIR;
	if (rc == 0 && nbound == 0)
		rc = fail(r, "--eds-dir %s: binds no node (no %s and no "
			  ".dcf with NodeID)", dir, conf ? EDS_NODES_CONF
			  " entry" : EDS_NODES_CONF);
	return rc;
}

static int
plan_cmdline(struct resolver *r, const struct eds_bind *b)
{
	int i;

	for (i = 0; i < b->n; i++) {
		const struct eds_bind_ent *e = &b->ent[i];
		int rc = e->lo == 0
			? bind_dcf(r, e->path, LVL_CMDLINE, e->origin)
			: bind_range(r, e->lo, e->hi, LVL_CMDLINE, e->path,
				     e->origin);

		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
plan_dir(struct resolver *r, const char *dir)
{
	struct names used = { 0 };
	bool conf;
	int rc = read_conf(r, dir, &used, &conf);

	if (rc == 0)
		rc = scan_dir(r, dir, &used, conf);
	names_free(&used);
	return rc;
}

static int
load_plans(struct resolver *r, struct od *od_for_node[128])
{
	char why[256];
	unsigned n;

	for (n = 1; n < 128; n++) {
		struct plan *p = &r->p[n];

		if (p->level == LVL_NONE)
			continue;
		if (p->od == NULL)
			p->od = eds_load(p->path, (uint8_t)n, r->diag, why,
					 sizeof(why));
		if (p->od == NULL) {
			snprintf(r->err, r->errlen, "%s: %s (%s)", p->path,
				 why, p->origin);
			return -1;
		}
		if (p->od->node != n)
			od_set_node(p->od, (uint8_t)n);
		od_for_node[n] = p->od;
		p->od = NULL;
	}
	return 0;
}

int
eds_bind_resolve(const struct eds_bind *b, struct od *od_for_node[128],
		 struct eds_diag *diag, char *err, size_t errlen)
{
	struct resolver *r = calloc(1, sizeof(*r));
	unsigned n;
	int rc;

	memset(od_for_node, 0, 128 * sizeof(*od_for_node));
	if (r == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->diag = diag;
	r->err = err;
	r->errlen = errlen;
	rc = plan_cmdline(r, b);
	if (rc == 0 && b->dir != NULL)
		rc = plan_dir(r, b->dir);
	if (rc == 0)
		rc = load_plans(r, od_for_node);
	for (n = 0; n < 128; n++) {
		free(r->p[n].path);
		od_free(r->p[n].od);
	}
	free(r);
	if (rc != 0)
		eds_bind_release(od_for_node);
	return rc;
}

void
eds_bind_release(struct od *od_for_node[128])
{
	unsigned n;

	for (n = 0; n < 128; n++) {
		od_free(od_for_node[n]);
		od_for_node[n] = NULL;
	}
}
