/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds_priv.h - loader internals shared by eds.c and eds_build.c only */
#ifndef COSNIFF_EDS_PRIV_H
#define COSNIFF_EDS_PRIV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eds.h"

enum sec_cls { SEC_OBJ, SEC_SUB, SEC_VALUE, SEC_NAME, SEC_OTHER };

struct kv {
	char *key, *val;
	unsigned line;
};

struct sec {
	char *name;
	unsigned line;
	size_t kv0, nkv;        /* keys: kvs[kv0 .. kv0+nkv) */
	uint8_t cls;            /* enum sec_cls */
	uint16_t index;
	uint8_t sub;
	bool dead;              /* replaced by a later duplicate */
	bool used;              /* consumed while building */
};

struct listed {
	uint16_t index;
	unsigned line;
	const char *list;
};

struct ld {
	const char *file;
	struct eds_diag *diag;
	struct od *od;
	struct sec *secs;
	size_t nsecs, capsecs;
	struct kv *kvs;
	size_t nkvs, capkvs;
	struct listed *listed;
	size_t nlisted, caplisted;
	size_t ncompact;        /* sub-indices made from CompactSubObj */
	bool compact_cut;       /* ... and the bound was hit (said once) */
};

void ld_warn(struct ld *l, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *ld_alloc(struct ld *l, size_t n);
char *ld_strdup(struct ld *l, const char *s);
size_t ld_lower(const struct ld *l, uint8_t cls, uint16_t index,
		uint8_t sub);
struct sec *ld_find(struct ld *l, uint8_t cls, uint16_t index, uint8_t sub);
struct sec *ld_find_named(struct ld *l, const char *name);
struct kv *ld_get(struct ld *l, const struct sec *s, const char *key);
int ld_check_keys(struct ld *l);
int ld_build(struct ld *l, uint8_t node, char *err, size_t errlen);

#endif
