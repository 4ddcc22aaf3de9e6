/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds.c - CiA 306 EDS/DCF loader: INI sections to an object dictionary */
#include "config.h"
#include "eds.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eds_priv.h"
#include "ini.h"
#include "od_value.h"

/* Nothing a device description needs comes near this (the largest real
 * one seen is 480 KB); the limit keeps memory bounded. */
#define EDS_MAX_FILE (32u << 20)

/* ---- warnings ---- */

void
eds_diag_free(struct eds_diag *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->msg[i]);
	free(d->msg);
	free(d->line);
	memset(d, 0, sizeof(*d));
}

static struct od *eds_load_buf(const char *name, char *buf, size_t len,
			       uint8_t node, struct eds_diag *diag, char *err,
			       size_t errlen);

static void eds_vdiag(struct eds_diag *d, const char *file, unsigned line,
		      const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void
eds_vdiag(struct eds_diag *d, const char *file, unsigned line,
	  const char *fmt, va_list ap)
{
	char text[512];
	char *m;
	int k;
	size_t len;

	if (d == NULL)
		return;
	if (d->n >= EDS_DIAG_MAX) {
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		char **nm = realloc(d->msg, cap * sizeof(*nm));
		unsigned *nl;

		if (nm == NULL) {
			d->dropped++;
			return;
		}
		d->msg = nm;
		nl = realloc(d->line, cap * sizeof(*nl));
		if (nl == NULL) {
			d->dropped++;
			return;
		}
		d->line = nl;
		d->cap = cap;
	}
	vsnprintf(text, sizeof(text), fmt, ap);
	len = strlen(file) + strlen(text) + 16;
	m = malloc(len);
	if (m == NULL) {
		d->dropped++;
		return;
	}
	if (line)
		k = snprintf(m, len, "%s:%u: %s", file, line, text);
	else
		k = snprintf(m, len, "%s: %s", file, text);
	(void)k;
	d->line[d->n] = line;
	d->msg[d->n++] = m;
}

void
eds_diagf(struct eds_diag *d, const char *file, unsigned line,
	  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	eds_vdiag(d, file, line, fmt, ap);
	va_end(ap);
}

void
ld_warn(struct ld *l, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	eds_vdiag(l->diag, l->file, line, fmt, ap);
	va_end(ap);
}

/* Stable insertion sort of messages [from, n) by line: the loader works
 * object by object, users read files top to bottom. */
static void
diag_sort(struct eds_diag *d, size_t from)
{
	size_t i, j;

	if (d == NULL)
		return;
	for (i = from + 1; i < d->n; i++) {
		char *m = d->msg[i];
		unsigned ln = d->line[i];

		for (j = i; j > from && d->line[j - 1] > ln; j--) {
			d->msg[j] = d->msg[j - 1];
			d->line[j] = d->line[j - 1];
		}
		d->msg[j] = m;
		d->line[j] = ln;
	}
}

/* ---- memory owned by the dictionary ---- */

struct blk {
	struct blk *next;
	size_t used, cap;
	max_align_t data[];
};

struct od_mem {
	char *buf;
	struct blk *blk;
};

void *
ld_alloc(struct ld *l, size_t n)
{
	struct od_mem *m = l->od->mem;
	struct blk *b = m->blk;
	size_t al = sizeof(max_align_t);
	void *p;

	n = (n + al - 1) / al * al;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > 65536 ? n : 65536;

		b = malloc(sizeof(*b) + cap);
		if (b == NULL)
			return NULL;
		b->next = m->blk;
		b->used = 0;
		b->cap = cap;
		m->blk = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
ld_strdup(struct ld *l, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = ld_alloc(l, n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

void
od_free(struct od *od)
{
	struct blk *b, *next;

	if (od == NULL)
		return;
	if (od->mem != NULL) {
		for (b = od->mem->blk; b != NULL; b = next) {
			next = b->next;
			free(b);
		}
		free(od->mem->buf);
		free(od->mem);
	}
	free(od->objs);
	free((char *)od->path);
	free(od);
}

/* ---- sections ---- */

static int
hex4(const char *s, uint16_t *v)
{
	unsigned x = 0;
	int i;

	for (i = 0; i < 4; i++) {
		int c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		x = x << 4 | (unsigned)d;
	}
	*v = (uint16_t)x;
	return 0;
}

/* [1000], [1018sub1], [1003Value], [1003Name]; anything else: named. */
static void
classify(struct sec *s)
{
	const char *n = s->name;
	char *end;
	unsigned long sub;

	s->cls = SEC_OTHER;
	if (strlen(n) < 4 || hex4(n, &s->index) != 0)
		return;
	n += 4;
	if (*n == '\0') {
		s->cls = SEC_OBJ;
	} else if (strncasecmp(n, "sub", 3) == 0 && n[3] != '\0') {
		sub = strtoul(n + 3, &end, 16);
		if (*end == '\0' && sub <= 0xFF && n[3] != '-' &&
		    n[3] != '+' && n[3] != ' ') {
			s->cls = SEC_SUB;
			s->sub = (uint8_t)sub;
		}
	} else if (strcasecmp(n, "value") == 0) {
		s->cls = SEC_VALUE;
	} else if (strcasecmp(n, "name") == 0) {
		s->cls = SEC_NAME;
	}
}

static int
grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *np;
	size_t nc;

	if (n < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 256;
	np = realloc(*p, nc * size);
	if (np == NULL)
		return -1;
	*p = np;
	*cap = nc;
	return 0;
}

/* A short printable excerpt of a line for a message. */
static const char *
excerpt(const char *s, char *buf, size_t len)
{
	size_t i, j = 0;

	for (i = 0; s[i] != '\0' && j + 5 < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F) {
			buf[j++] = (char)c;
		} else {
			snprintf(buf + j, len - j, "\\x%02X", c);
			j += 4;
		}
	}
	if (s[i] != '\0' && j + 3 < len) {
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
	return buf;
}

static int
add_section(struct ld *l, const struct ini_item *it)
{
	struct sec *s;

	if (grow((void **)&l->secs, &l->capsecs, l->nsecs, sizeof(*s)))
		return -1;
	s = &l->secs[l->nsecs++];
	memset(s, 0, sizeof(*s));
	s->name = it->name;
	s->line = it->line;
	s->kv0 = l->nkvs;
	classify(s);
	if (it->why != NULL)
		ld_warn(l, it->line, "[%s]: %s", it->name, it->why);
	return 0;
}

static int
add_key(struct ld *l, const struct ini_item *it)
{
	struct kv *k;
	char ex[64];

	if (l->nsecs == 0) {
		ld_warn(l, it->line, "key '%s' before any section ignored",
			excerpt(it->name, ex, sizeof(ex)));
		return 0;
	}
	if (grow((void **)&l->kvs, &l->capkvs, l->nkvs, sizeof(*k)))
		return -1;
	k = &l->kvs[l->nkvs++];
	k->key = it->name;
	k->val = it->value;
	k->line = it->line;
	l->secs[l->nsecs - 1].nkv++;
	return 0;
}

static int
scan(struct ld *l, char *buf, size_t len)
{
	struct ini_rd rd;
	struct ini_item it;
	char ex[64];

	ini_init(&rd, buf, len);
	for (ini_next(&rd, &it); it.kind != INI_EOF; ini_next(&rd, &it)) {
		switch (it.kind) {
		case INI_SECTION:
			if (add_section(l, &it) != 0)
				return -1;
			break;
		case INI_KEY:
			if (add_key(l, &it) != 0)
				return -1;
			break;
		default:
			ld_warn(l, it.line, "%s: '%s'", it.why,
				excerpt(it.name, ex, sizeof(ex)));
			break;
		}
	}
	return 0;
}

static int
sec_cmp(const struct sec *a, const struct sec *b)
{
	int c;

	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->cls == SEC_OTHER) {
		c = strcasecmp(a->name, b->name);
		if (c != 0)
			return c;
	} else if (a->index != b->index) {
		return a->index < b->index ? -1 : 1;
	} else if (a->sub != b->sub) {
		return a->sub < b->sub ? -1 : 1;
	}
	return 0;
}

static int
sec_sort_cmp(const void *pa, const void *pb)
{
	const struct sec *a = pa, *b = pb;
	int c = sec_cmp(a, b);

	if (c != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Sort sections; of duplicates the last in the file wins. */
static void
sort_sections(struct ld *l)
{
	size_t i;

	qsort(l->secs, l->nsecs, sizeof(*l->secs), sec_sort_cmp);
	for (i = 1; i < l->nsecs; i++) {
		struct sec *a = &l->secs[i - 1], *b = &l->secs[i];

		if (sec_cmp(a, b) != 0)
			continue;
		a->dead = true;
		ld_warn(l, b->line,
			"duplicate section [%s] (also at line %u): "
			"the last one is used", b->name, a->line);
	}
}

/* Lower bound of (cls, index, sub) among the sorted sections. */
size_t
ld_lower(const struct ld *l, uint8_t cls, uint16_t index, uint8_t sub)
{
	size_t lo = 0, hi = l->nsecs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sec *s = &l->secs[mid];
		int c = s->cls != cls ? (s->cls < cls ? -1 : 1)
			: s->index != index ? (s->index < index ? -1 : 1)
			: s->sub != sub ? (s->sub < sub ? -1 : 1) : 0;

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct sec *
ld_find(struct ld *l, uint8_t cls, uint16_t index, uint8_t sub)
{
	size_t i = ld_lower(l, cls, index, sub);

	/* duplicates sort by line: the live one is the last */
	for (; i < l->nsecs; i++) {
		struct sec *s = &l->secs[i];

		if (s->cls != cls || s->index != index || s->sub != sub)
			return NULL;
		if (!s->dead)
			return s;
	}
	return NULL;
}

struct sec *
ld_find_named(struct ld *l, const char *name)
{
	size_t i;

	/* few named sections: a linear scan is enough */
	for (i = 0; i < l->nsecs; i++)
		if (l->secs[i].cls == SEC_OTHER && !l->secs[i].dead &&
		    strcasecmp(l->secs[i].name, name) == 0)
			return &l->secs[i];
	return NULL;
}

/* The last key of that name in the section (last wins), or NULL. */
struct kv *
ld_get(struct ld *l, const struct sec *s, const char *key)
{
	size_t i;

	for (i = s->nkv; i-- > 0;)
		if (strcasecmp(l->kvs[s->kv0 + i].key, key) == 0)
			return &l->kvs[s->kv0 + i];
	return NULL;
}

static int
kv_cmp(const void *pa, const void *pb)
{
	const struct kv *a = *(const struct kv *const *)pa;
	const struct kv *b = *(const struct kv *const *)pb;
	int c = strcasecmp(a->key, b->key);

	if (c != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Warn about each key repeated in a section (sorted copy: a list section
 * may hold thousands of keys). */
static void
check_dup_keys(struct ld *l, const struct sec *s, const struct kv **tmp)
{
	size_t i;

	for (i = 0; i < s->nkv; i++)
		tmp[i] = &l->kvs[s->kv0 + i];
	qsort(tmp, s->nkv, sizeof(*tmp), kv_cmp);
	for (i = 1; i < s->nkv; i++) {
		if (strcasecmp(tmp[i - 1]->key, tmp[i]->key) != 0)
			continue;
		ld_warn(l, tmp[i]->line,
			"[%s]: duplicate key '%s' (also at line %u): "
			"the last one is used", s->name, tmp[i]->key,
			tmp[i - 1]->line);
	}
}

/* ---- loading ---- */

/* Read up to EDS_MAX_FILE bytes of fd (a pipe or FIFO has no size:
 * read until EOF). */
static char *
read_fd(int fd, size_t *len, char *err, size_t errlen)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1), *nb;
	ssize_t r;

	while (buf != NULL) {
		if (n == cap) {
			if (cap > EDS_MAX_FILE) {
				snprintf(err, errlen, "file too large (more "
					 "than %u bytes)", EDS_MAX_FILE);
				free(buf);
				return NULL;
			}
			cap *= 2;
			nb = realloc(buf, cap + 1);
			if (nb == NULL)
				break;
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "read error: %s",
				 strerror(errno));
			free(buf);
			return NULL;
		}
		if (r == 0) {
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		n += (size_t)r;
	}
	free(buf);
	snprintf(err, errlen, "out of memory");
	return NULL;
}

/* A regular file, or a FIFO / pipe / <(...); not a directory. */
static char *
read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	char *buf = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0)
		snprintf(err, errlen, "%s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		snprintf(err, errlen, "is a directory, not an EDS/DCF file");
	else if (S_ISREG(st.st_mode) && st.st_size > (off_t)EDS_MAX_FILE)
		snprintf(err, errlen, "file too large (%lld bytes, limit %u)",
			 (long long)st.st_size, EDS_MAX_FILE);
	else
		buf = read_fd(fd, len, err, errlen);
	close(fd);
	return buf;
}

struct od *
eds_load(const char *path, uint8_t node, struct eds_diag *diag, char *err,
	 size_t errlen)
{
	size_t len;
	char *buf = read_file(path, &len, err, errlen);
	struct od *od;

	if (buf == NULL)
		return NULL;
	od = eds_load_buf(path, buf, len, node, diag, err, errlen);
	return od;
}

struct od *
eds_load_mem(const char *name, const char *text, size_t len, uint8_t node,
	     struct eds_diag *diag, char *err, size_t errlen)
{
	char *buf;

	if (len > EDS_MAX_FILE) {
		snprintf(err, errlen, "file too large");
		return NULL;
	}
	buf = malloc(len + 1);
	if (buf == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	return eds_load_buf(name, buf, len, node, diag, err, errlen);
}

/* Takes ownership of buf (len bytes plus a NUL). */
static struct od *
eds_load_buf(const char *name, char *buf, size_t len, uint8_t node,
	     struct eds_diag *diag, char *err, size_t errlen)
{
	struct ld l;
	struct od *od = calloc(1, sizeof(*od));
	size_t first = diag ? diag->n : 0;

	memset(&l, 0, sizeof(l));
	if (od == NULL || (od->mem = calloc(1, sizeof(*od->mem))) == NULL ||
	    (od->path = strdup(name)) == NULL) {
		free(buf);
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	od->mem->buf = buf;
	od->dcf_node = -1;
	l.file = od->path;
	l.diag = diag;
	l.od = od;
	if (memchr(buf, '\0', len) != NULL) {
		snprintf(err, errlen, "binary file (NUL bytes): "
			 "not an EDS/DCF");
		goto fail;
	}
	if (scan(&l, buf, len) != 0) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (l.nsecs == 0) {
		snprintf(err, errlen, "no [sections]: not an EDS/DCF file");
		goto fail;
	}
	sort_sections(&l);
	if (ld_build(&l, node, err, errlen) != 0)
		goto fail;
	free(l.secs);
	free(l.kvs);
	free(l.listed);
	diag_sort(diag, first);
	return od;
fail:
	free(l.secs);
	free(l.kvs);
	free(l.listed);
	diag_sort(diag, first);
	od_free(od);
	return NULL;
}

/* Run the duplicate key check over every live section. */
int
ld_check_keys(struct ld *l)
{
	const struct kv **tmp;
	size_t i;

	if (l->nkvs == 0)
		return 0;
	tmp = malloc(l->nkvs * sizeof(*tmp));
	if (tmp == NULL)
		return -1;
	for (i = 0; i < l->nsecs; i++)
		if (!l->secs[i].dead && l->secs[i].nkv > 1)
			check_dup_keys(l, &l->secs[i], tmp);
	free(tmp);
	return 0;
}
