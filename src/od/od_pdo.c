/* SPDX-License-Identifier: GPL-2.0-or-later */
/* od_pdo.c - CiA 301 PDO communication/mapping parameters (7.5.2.35-38)
 * and other communication objects from an object dictionary; pure PDO
 * payload decoder */
#include "config.h"
#include "od_pdo.h"

#include <stdlib.h>
#include <string.h>

#include "co_ids.h"
#include "od_value.h"

#define PDO_PER_DIR 512
#define RPDO_COMM 0x1400
#define RPDO_MAP 0x1600
#define TPDO_COMM 0x1800
#define TPDO_MAP 0x1A00

/* Integer in force at index:sub; false when absent. */
static bool
get_u(const struct od *od, uint16_t index, uint8_t sub, uint64_t *v)
{
	return od_get_u64(od, index, sub, v);
}

static unsigned
sub_line(const struct od *od, uint16_t index, uint8_t sub)
{
	const struct od_sub *s = od_find_sub(od, index, sub);
	const struct od_obj *o;

	if (s != NULL)
		return od_sub_value(s)->line ? od_sub_value(s)->line : s->line;
	o = od_find(od, index);
	return o ? o->line : 0;
}

void
pdomap_set_cob(struct pdo_map *m, uint32_t cob_raw)
{
	m->cob_raw = cob_raw;
	m->can_id = cob_raw & COB_ID_MASK;
	m->valid = !(cob_raw & COB_INVALID);
	m->rtr = !(cob_raw & COB_NO_RTR);
	m->ext = (cob_raw & COB_FRAME_EXT) != 0;
	if (!m->ext)
		m->can_id &= 0x7FF;
}

static void
read_comm(const struct od *od, struct pdo_map *m)
{
	uint64_t v;
	uint16_t i = m->comm_index;

	m->has_comm = od_find(od, i) != NULL;
	if (get_u(od, i, 1, &v)) {
		m->cob_raw = (uint32_t)v;
	} else if (m->num <= 4 && od->node != 0) {
		/* predefined connection set */
		m->cob_raw = (m->tx ? COB_TPDO1 : COB_RPDO1) +
			     COB_PDO_STEP * (m->num - 1u) + od->node;
	} else {
		m->cob_raw = COB_INVALID;
	}
	pdomap_set_cob(m, m->cob_raw);
	m->has_trans = get_u(od, i, 2, &v);
	m->trans_type = (uint8_t)v;
	if (get_u(od, i, 3, &v))
		m->inhibit_100us = (uint16_t)v;
	if (get_u(od, i, 5, &v))
		m->event_ms = (uint16_t)v;
	if (get_u(od, i, 6, &v))
		m->sync_start = (uint8_t)v;
}

static bool
is_dummy(uint16_t index)
{
	return index >= 0x0001 && index < 0x0020 && od_type(index) != NULL;
}

static void
map_entry(const struct od *od, struct pdo_map *m, struct pdo_entry *e,
	  uint32_t v, struct eds_diag *diag, unsigned line)
{
	const struct od_sub *s;

	e->index = (uint16_t)(v >> 16);
	e->sub = (uint8_t)(v >> 8);
	e->bits = (uint8_t)v;
	e->offset = m->total_bits;
	e->name = "";
	if (is_dummy(e->index)) {
		e->dummy = true;
		e->dtype = e->index;
	} else if (od != NULL &&
		   (s = od_find_sub(od, e->index, e->sub)) != NULL) {
		e->known = true;
		e->dtype = s->dtype;
		e->name = s->name;
		if (od_type_bits(s->dtype) != 0 &&
		    e->bits > od_type_bits(s->dtype))
			eds_diagf(diag, od->path, line, "PDO mapping %04X: "
				  "%u bits for %04X:%02X of %u bits",
				  m->map_index, e->bits, e->index, e->sub,
				  od_type_bits(s->dtype));
	} else if (od != NULL) {
		eds_diagf(diag, od->path, line, "PDO mapping %04X: object "
			  "%04X:%02X not in the dictionary", m->map_index,
			  e->index, e->sub);
	}
	if (e->bits == 0) {
		if (od != NULL)
			eds_diagf(diag, od->path, line, "PDO mapping %04X: "
				  "entry with length 0", m->map_index);
		m->bad = true;
	}
	m->total_bits = (uint16_t)(m->total_bits + e->bits);
}

static void
read_map(const struct od *od, struct pdo_map *m, struct eds_diag *diag)
{
	uint16_t i = m->map_index;
	uint64_t n, v;
	unsigned k;

	m->has_map = od_find(od, i) != NULL;
	if (!m->has_map)
		return;
	if (!get_u(od, i, 0, &n)) {
		/* no count: take the entries that are set */
		for (n = 0; n < PDO_MAX_ENTRIES; n++)
			if (!get_u(od, i, (uint8_t)(n + 1), &v) || v == 0)
				break;
	}
	if (n > PDO_MAX_ENTRIES) {
		eds_diagf(diag, od->path, sub_line(od, i, 0), "PDO mapping "
			  "%04X: %u entries > 64", i, (unsigned)n);
		n = PDO_MAX_ENTRIES;
		m->bad = true;
	}
	for (k = 1; k <= n; k++) {
		if (!get_u(od, i, (uint8_t)k, &v)) {
			eds_diagf(diag, od->path, sub_line(od, i, 0),
				  "PDO mapping %04X: entry %u has no value",
				  i, k);
			m->bad = true;
			break;
		}
		map_entry(od, m, &m->e[m->nentries++], (uint32_t)v, diag,
			  sub_line(od, i, (uint8_t)k));
	}
	if (m->total_bits > PDO_MAX_BITS) {
		eds_diagf(diag, od->path, sub_line(od, i, 0), "PDO mapping "
			  "%04X: %u bits > 64 bytes", i, m->total_bits);
		m->bad = true;
	}
}

/* Communication and mapping index of PDO n (0-based) in a direction;
 * true when the dictionary has either. */
static bool
pdo_exists(const struct od *od, unsigned tx, unsigned n, uint16_t *c,
	   uint16_t *mp)
{
	*c = (uint16_t)((tx ? TPDO_COMM : RPDO_COMM) + n);
	*mp = (uint16_t)((tx ? TPDO_MAP : RPDO_MAP) + n);
	return od_find(od, *c) != NULL || od_find(od, *mp) != NULL;
}

void
pdomap_set_mapping(struct pdo_map *m, const struct od *od,
		   const uint32_t *v, unsigned n)
{
	unsigned k;

	m->nentries = 0;
	m->total_bits = 0;
	m->bad = n > PDO_MAX_ENTRIES;
	if (n > PDO_MAX_ENTRIES)
		n = PDO_MAX_ENTRIES;
	memset(m->e, 0, sizeof(m->e));
	for (k = 0; k < n; k++)
		map_entry(od, m, &m->e[m->nentries++], v[k], NULL, 0);
	if (m->total_bits > PDO_MAX_BITS)
		m->bad = true;
}

int
od_pdo_list(const struct od *od, struct pdo_list *out,
	    struct eds_diag *diag)
{
	unsigned tx, n;
	uint16_t c, mp;
	size_t cnt = 0;

	memset(out, 0, sizeof(*out));
	for (tx = 0; tx < 2; tx++)
		for (n = 0; n < PDO_PER_DIR; n++)
			cnt += pdo_exists(od, tx, n, &c, &mp);
	if (cnt == 0)
		return 0;
	out->v = calloc(cnt, sizeof(*out->v));
	if (out->v == NULL)
		return -1;
	for (tx = 0; tx < 2; tx++)
		for (n = 0; n < PDO_PER_DIR; n++) {
			struct pdo_map *m;

			if (!pdo_exists(od, tx, n, &c, &mp))
				continue;
			m = &out->v[out->n++];
			m->tx = tx == 1;
			m->num = (uint16_t)(n + 1);
			m->comm_index = c;
			m->map_index = mp;
			read_comm(od, m);
			read_map(od, m, diag);
		}
	return 0;
}

void
od_pdo_list_free(struct pdo_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- decoding ---- */

/* bits (1..64) starting at bit off, LSB first. */
static uint64_t
get_bits(const uint8_t *p, unsigned off, unsigned bits)
{
	unsigned byte = off >> 3, sh = off & 7, need = (sh + bits + 7) / 8;
	uint64_t v = 0;
	unsigned k;

	for (k = 0; k < need && k < 8; k++)
		v |= (uint64_t)p[byte + k] << (8 * k);
	v >>= sh;
	if (need > 8)
		v |= (uint64_t)p[byte + 8] << (64 - sh);
	if (bits < 64)
		v &= ((uint64_t)1 << bits) - 1;
	return v;
}

enum pdo_fit
pdomap_decode(const struct pdo_map *m, const uint8_t *p, size_t len,
	      struct pdo_value *out)
{
	size_t need = (m->total_bits + 7u) / 8u;
	unsigned i;

	for (i = 0; i < m->nentries; i++) {
		const struct pdo_entry *e = &m->e[i];
		struct pdo_value *v = &out[i];

		memset(v, 0, sizeof(*v));
		v->e = e;
		if ((size_t)e->offset + e->bits > len * 8u || e->bits == 0)
			continue;
		v->present = true;
		if (e->bits <= 64) {
			v->u = get_bits(p, e->offset, e->bits);
			v->s = od_sext(v->u, e->bits);
		}
		if (e->bits > 64 || (e->offset % 8 == 0 && e->bits % 8 == 0)) {
			v->p = p + e->offset / 8;
			v->nbytes = e->bits / 8u;
		}
	}
	if (len < need)
		return PDO_FIT_SHORT;
	return len > need ? PDO_FIT_LONG : PDO_FIT_OK;
}

static void
entry_value(struct obuf *o, const struct pdo_value *v, bool json)
{
	const struct pdo_entry *e = v->e;
	enum od_tclass tc = od_type_class(e->dtype);
	unsigned tbits = od_type_bits(e->dtype);
	uint8_t b[8];
	unsigned k;

	if (!v->present) {
		ob_str(o, json ? "null" : "(missing)");
		return;
	}
	if (e->bits > 64 ||
	    (tbits == 0 && v->p != NULL && tc != OD_TC_UNKNOWN)) {
		(json ? od_fmt_json : od_fmt_text)(o, e->dtype, v->p,
						   v->nbytes);
		return;
	}
	if (tc == OD_TC_INT && e->bits < tbits) {
		ob_i64(o, v->s);     /* bit field of a signed type */
	} else if ((tc == OD_TC_UINT && e->bits < tbits) ||
		   (tc == OD_TC_BOOL && e->bits > 1)) {
		ob_u64(o, v->u, 0);
	} else if (tc != OD_TC_UNKNOWN && e->bits == tbits) {
		for (k = 0; k < 8; k++)
			b[k] = (uint8_t)(v->u >> (8 * k));
		(json ? od_fmt_json : od_fmt_text)(o, e->dtype, b,
						   (tbits + 7) / 8);
	} else {
		if (json)
			ob_ch(o, '"');
		ob_str(o, "0x");
		ob_hexn(o, v->u, (e->bits + 3) / 4);
		if (json)
			ob_ch(o, '"');
	}
}

void
pdomap_value(struct obuf *o, const struct pdo_value *v, bool json)
{
	entry_value(o, v, json);
}

void
pdomap_value_text(struct obuf *o, const struct pdo_value *v)
{
	const struct pdo_entry *e = v->e;

	if (e->dummy)
		return;
	if (e->name[0] != '\0') {
		od_safe_str(o, (const uint8_t *)e->name, strlen(e->name));
	} else {
		ob_hexn(o, e->index, 4);
		ob_ch(o, ':');
		ob_hex8(o, e->sub);
	}
	ob_ch(o, '=');
	entry_value(o, v, false);
}

/* ---- other communication objects ---- */

static void
comm_sdo(const struct od *od, struct od_comm *c)
{
	unsigned i;
	uint64_t v;

	for (i = 0x1200; i <= 0x12FF && c->nsdo < OD_SDO_MAX; i++) {
		struct od_sdo_chan *s = &c->sdo[c->nsdo];
		uint16_t ix = (uint16_t)i;

		if (od_find(od, ix) == NULL)
			continue;
		memset(s, 0, sizeof(*s));
		s->index = ix;
		s->client = ix >= 0x1280;
		if (get_u(od, ix, 1, &v))
			s->cob_c2s = (uint32_t)v;
		else if (ix == 0x1200 && od->node)
			s->cob_c2s = 0x600u + od->node;
		else
			s->cob_c2s = COB_INVALID;
		if (get_u(od, ix, 2, &v))
			s->cob_s2c = (uint32_t)v;
		else if (ix == 0x1200 && od->node)
			s->cob_s2c = 0x580u + od->node;
		else
			s->cob_s2c = COB_INVALID;
		s->has_peer = get_u(od, ix, 3, &v);
		s->peer = (uint8_t)v;
		c->nsdo++;
	}
}

static void
comm_hb_cons(const struct od *od, struct od_comm *c)
{
	const struct od_obj *o = od_find(od, 0x1016);
	uint16_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->nsubs && c->nhb_cons < OD_HB_CONS_MAX; i++) {
		const struct od_val *v = od_sub_value(&o->subs[i]);
		uint32_t x = (uint32_t)v->u;

		if (o->subs[i].sub == 0 || v->kind != OD_V_INT)
			continue;
		if ((x >> 16 & 0xFF) == 0 || (x & 0xFFFF) == 0)
			continue;   /* entry not in use */
		c->hb_cons[c->nhb_cons].node = (uint8_t)(x >> 16);
		c->hb_cons[c->nhb_cons].ms = (uint16_t)x;
		c->nhb_cons++;
	}
}

void
od_comm_get(const struct od *od, struct od_comm *c)
{
	uint64_t v, w;

	memset(c, 0, sizeof(*c));
	if ((c->has_sync = get_u(od, 0x1005, 0, &v)))
		c->sync_cob = (uint32_t)v;
	if ((c->has_sync_period = get_u(od, 0x1006, 0, &v)))
		c->sync_period_us = (uint32_t)v;
	if ((c->has_time = get_u(od, 0x1012, 0, &v)))
		c->time_cob = (uint32_t)v;
	if ((c->has_emcy = get_u(od, 0x1014, 0, &v)))
		c->emcy_cob = (uint32_t)v;
	if ((c->has_hb_producer = get_u(od, 0x1017, 0, &v)))
		c->hb_producer_ms = (uint16_t)v;
	if (get_u(od, 0x100C, 0, &v) && get_u(od, 0x100D, 0, &w)) {
		c->has_guard = true;
		c->guard_time_ms = (uint16_t)v;
		c->life_factor = (uint8_t)w;
		c->life_time_ms = (uint32_t)(v & 0xFFFF) * (uint32_t)(w & 0xFF);
	}
	comm_hb_cons(od, c);
	comm_sdo(od, c);
}
