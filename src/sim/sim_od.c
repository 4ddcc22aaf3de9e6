/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sim_od.c - the simulator's object dictionary values (CiA 301 7.4):
 * initial values from EDS/DCF, access and length rules of SDO access */
#include "config.h"
#include "sim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "od_value.h"

#define SIM_STR_MAX 4096        /* longest VISIBLE/OCTET/UNICODE string */

/* Bytes of a value in force, little-endian, sized by the type. */
static int
initial(struct sim_val *v, const struct od_val *val)
{
	size_t n = v->fixed;
	uint64_t u = val ? val->u : 0;
	float f32;
	double f64;
	unsigned i;

	if (val && val->kind == OD_V_BYTES && !v->fixed)
		n = val->nbytes;
	v->p = calloc(1, n + 1);
	if (v->p == NULL)
		return -1;
	v->n = n;
	if (val == NULL || val->kind == OD_V_NONE || val->kind == OD_V_BAD)
		return 0;
	if (val->kind == OD_V_BYTES) {
		memcpy(v->p, val->bytes, val->nbytes < n ? val->nbytes : n);
		return 0;
	}
	if (val->kind == OD_V_REAL && n == 4) {
		f32 = (float)val->d;
		memcpy(&u, &f32, 4);
	} else if (val->kind == OD_V_REAL && n == 8) {
		f64 = val->d;
		memcpy(&u, &f64, 8);
	}
	for (i = 0; i < n && i < 8; i++)
		v->p[i] = (uint8_t)(u >> (8 * i));
	return 0;
}

static int
add_sub(struct sim_od *s, const struct od_obj *o, const struct od_sub *sb)
{
	struct sim_val *v = &s->v[s->n];

	memset(v, 0, sizeof(*v));
	v->index = o->index;
	v->sub = sb->sub;
	v->access = sb->access;
	v->pdo = sb->pdo;
	v->dtype = o->otype == OD_OT_DOMAIN ? OD_DOMAIN : sb->dtype;
	v->fixed = od_type_bits(v->dtype) / 8;
	if (initial(v, od_sub_value(sb)) != 0)
		return -1;
	s->n++;
	return 0;
}

int
sim_od_load(struct sim_od *s, const struct od *od)
{
	size_t i, j;

	memset(s, 0, sizeof(*s));
	s->od = od;
	s->v = calloc(od->nsubs + 1, sizeof(*s->v));
	if (s->v == NULL)
		return -1;
	for (i = 0; i < od->nobjs; i++)
		for (j = 0; j < od->objs[i].nsubs; j++)
			if (add_sub(s, &od->objs[i], &od->objs[i].subs[j]))
				return -1;
	return 0;
}

int
sim_od_reset(struct sim_od *s, uint16_t lo, uint16_t hi)
{
	const struct od_sub *sb;
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct sim_val *v = &s->v[i];

		if (v->index < lo || v->index > hi)
			continue;
		sb = od_find_sub(s->od, v->index, v->sub);
		free(v->p);
		v->p = NULL;
		if (sb == NULL || initial(v, od_sub_value(sb)) != 0)
			return -1;
	}
	return 0;
}

void
sim_od_free(struct sim_od *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].p);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

struct sim_val *
sim_od_find(const struct sim_od *s, uint16_t index, uint8_t sub)
{
	size_t lo = 0, hi = s->n;
	uint32_t key = (uint32_t)index << 8 | sub, k;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		k = (uint32_t)s->v[mid].index << 8 | s->v[mid].sub;
		if (k == key)
			return &s->v[mid];
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

uint64_t
sim_od_u(const struct sim_od *s, uint16_t index, uint8_t sub, uint64_t dflt)
{
	const struct sim_val *v = sim_od_find(s, index, sub);
	uint64_t u = 0;
	size_t i;

	if (v == NULL || v->n == 0)
		return dflt;
	for (i = 0; i < v->n && i < 8; i++)
		u |= (uint64_t)v->p[i] << (8 * i);
	return u;
}

void
sim_od_set_u(struct sim_od *s, uint16_t index, uint8_t sub, uint64_t u)
{
	struct sim_val *v = sim_od_find(s, index, sub);
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n && i < 8; i++)
		v->p[i] = (uint8_t)(u >> (8 * i));
}

/* 06020000 no object, 06090011 no such sub-index. */
static uint32_t
lookup(const struct sim_od *s, uint16_t index, uint8_t sub,
       struct sim_val **v)
{
	*v = sim_od_find(s, index, sub);
	if (*v != NULL)
		return 0;
	return od_find(s->od, index) ? SDO_AB_NO_SUB : SDO_AB_NO_OBJ;
}

static uint32_t
od_read(void *ctx, uint16_t index, uint8_t sub, uint8_t **p, size_t *n)
{
	struct sim_val *v;
	uint32_t ab = lookup(ctx, index, sub, &v);

	if (ab)
		return ab;
	if (v->access == OD_ACC_WO)
		return SDO_AB_WRITE_ONLY;
	*p = malloc(v->n + 1);
	if (*p == NULL)
		return SDO_AB_NO_MEM;
	if (v->n)
		memcpy(*p, v->p, v->n);
	*n = v->n;
	return 0;
}

static uint32_t
od_can_write(void *ctx, uint16_t index, uint8_t sub, size_t n)
{
	struct sim_val *v;
	uint32_t ab = lookup(ctx, index, sub, &v);

	if (ab)
		return ab;
	if (v->access == OD_ACC_RO || v->access == OD_ACC_CONST)
		return SDO_AB_READ_ONLY;
	if (n == SIZE_MAX)
		return 0;
	if (v->fixed && n != v->fixed)
		return n > v->fixed ? SDO_AB_LEN_HIGH : SDO_AB_LEN_LOW;
	if (!v->fixed && v->dtype != OD_DOMAIN && n > SIM_STR_MAX)
		return SDO_AB_LEN_HIGH;
	if (n > SDO_SRV_MAX_BYTES)
		return SDO_AB_NO_MEM;
	return 0;
}

static uint32_t
od_write(void *ctx, uint16_t index, uint8_t sub, const uint8_t *p, size_t n)
{
	struct sim_val *v;
	uint32_t ab = od_can_write(ctx, index, sub, n);
	uint8_t *b;

	if (ab)
		return ab;
	lookup(ctx, index, sub, &v);
	b = malloc(n + 1);
	if (b == NULL)
		return SDO_AB_NO_MEM;
	if (n)
		memcpy(b, p, n);
	free(v->p);
	v->p = b;
	v->n = n;
	return 0;
}

const struct sdo_srv_ops sim_od_ops = { od_read, od_can_write, od_write };
