/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_od.c - values decoded with the object dictionary (CiA 301 7.1 data
 * types, 7.2.2 PDO mapping) and learned configuration, as text and JSON */
#include "config.h"
#include "out_od.h"

#include <stdio.h>
#include <string.h>

#include "od_pdo.h"
#include "od_value.h"

bool
out_od_typed(const struct co_obj *obj)
{
	return obj->dtype != 0 && od_type_class(obj->dtype) != OD_TC_UNKNOWN;
}

size_t
out_od_type_bytes(const struct co_obj *obj)
{
	return (od_type_bits(obj->dtype) + 7u) / 8u;
}

void
out_od_value_text(struct obuf *o, const struct co_obj *obj,
		  const uint8_t *p, size_t n)
{
	size_t want = out_od_type_bytes(obj), i;
	uint64_t v = 0;

	if ((obj->flags & CO_OBJ_HEX) && want != 0 && n == want &&
	    od_type_class(obj->dtype) == OD_TC_UINT) {
		for (i = n; i-- > 0;)
			v = v << 8 | p[i];
		ob_str(o, "0x");
		ob_hexn(o, v, (int)(2 * n));
		return;
	}
	od_fmt_text(o, obj->dtype, p, n);
}

bool
out_od_value_json(struct obuf *o, const struct co_obj *obj,
		  const uint8_t *p, size_t n)
{
	return od_fmt_json(o, obj->dtype, p, n) == OD_FIT_OK;
}

/* True when an earlier entry of m has the name of entry i. */
static bool
name_taken(const struct pdo_map *m, unsigned i)
{
	unsigned k;

	for (k = 0; k < i; k++)
		if (!m->e[k].dummy && strcmp(m->e[k].name, m->e[i].name) == 0)
			return true;
	return false;
}

/* JSON key of entry i: its name, "6041:00" without one, "name 6041:00"
 * when an earlier entry has the same name (keys stay unique). */
static void
entry_key(struct obuf *o, const struct pdo_map *m, unsigned i)
{
	const struct pdo_entry *e = &m->e[i];
	char key[256];
	int n;

	if (e->name != NULL && e->name[0] != '\0') {
		if (!name_taken(m, i)) {
			od_json_str(o, (const uint8_t *)e->name,
				    strlen(e->name));
			return;
		}
		n = snprintf(key, sizeof(key), "%.240s %04X:%02X", e->name,
			     e->index, e->sub);
		od_json_str(o, (const uint8_t *)key,
			    n < 0 ? 0 : strnlen(key, sizeof(key)));
		return;
	}
	ob_ch(o, '"');
	ob_hexn(o, e->index, 4);
	ob_ch(o, ':');
	ob_hex8(o, e->sub);
	ob_ch(o, '"');
}

/* " [cob=0x185 trans=254 inhibit=0.0ms event=50ms sync-start=0 no-rtr]" */
static void
comm_text(struct obuf *o, const struct pdo_map *m)
{
	ob_str(o, " [cob=0x");
	ob_hexn(o, m->cob_raw, m->cob_raw > 0x7FF ? 8 : 3);
	if (m->has_trans) {
		ob_str(o, " trans=");
		ob_u64(o, m->trans_type, 0);
	}
	ob_str(o, " inhibit=");         /* 100 us units, as ms */
	ob_u64(o, m->inhibit_100us / 10u, 0);
	ob_ch(o, '.');
	ob_u64(o, m->inhibit_100us % 10u, 0);
	ob_str(o, "ms event=");
	ob_u64(o, m->event_ms, 0);
	ob_str(o, "ms");
	if (m->tx) {
		ob_str(o, " sync-start=");
		ob_u64(o, m->sync_start, 0);
	}
	if (!m->rtr)
		ob_str(o, " no-rtr");
	ob_ch(o, ']');
}

static void
comm_json(struct obuf *o, const struct pdo_map *m)
{
	ob_str(o, ",\"comm\":{\"cob_id\":");
	ob_u64(o, m->cob_raw, 0);
	if (m->has_trans) {
		ob_str(o, ",\"trans_type\":");
		ob_u64(o, m->trans_type, 0);
	}
	ob_str(o, ",\"inhibit_100us\":");
	ob_u64(o, m->inhibit_100us, 0);
	ob_str(o, ",\"event_ms\":");
	ob_u64(o, m->event_ms, 0);
	if (m->tx) {
		ob_str(o, ",\"sync_start\":");
		ob_u64(o, m->sync_start, 0);
	}
	ob_str(o, m->rtr ? ",\"rtr\":true}" : ",\"rtr\":false}");
}

/* "Statusword=0x0637" for CO_OBJ_HEX entries of a whole unsigned type */
static bool
entry_hex(struct obuf *o, const struct pdo_value *v)
{
	const struct pdo_entry *e = v->e;

	if (!(e->flags & CO_OBJ_HEX) || !v->present ||
	    od_type_class(e->dtype) != OD_TC_UINT ||
	    e->bits != od_type_bits(e->dtype) || e->name[0] == '\0')
		return false;
	od_safe_str(o, (const uint8_t *)e->name, strlen(e->name));
	ob_str(o, "=0x");
	ob_hexn(o, v->u, (e->bits + 3) / 4);
	return true;
}

void
out_od_pdo_text(struct obuf *o, const struct co_event *ev, bool verbose)
{
	const struct pdo_map *m = ev->u.pdo.map;
	const struct pdo_value *v = ev->u.pdo.vals;
	unsigned i;

	if (m == NULL)
		return;
	if (v != NULL) {
		for (i = 0; i < m->nentries; i++) {
			if (m->e[i].dummy)
				continue;
			ob_ch(o, ' ');
			if (!entry_hex(o, &v[i]))
				pdomap_value_text(o, &v[i]);
		}
	}
	if (verbose)
		comm_text(o, m);
}

void
out_od_pdo_json(struct obuf *o, const struct co_event *ev, bool verbose)
{
	const struct pdo_map *m = ev->u.pdo.map;
	const struct pdo_value *v = ev->u.pdo.vals;
	unsigned i;
	char sep = '{';

	if (m != NULL && verbose)
		comm_json(o, m);
	if (m == NULL || v == NULL)
		return;
	ob_str(o, ",\"values\":");
	for (i = 0; i < m->nentries; i++) {
		if (m->e[i].dummy)
			continue;
		ob_ch(o, sep);
		sep = ',';
		entry_key(o, m, i);
		ob_ch(o, ':');
		if (v[i].present && m->e[i].dtype == 0 && m->e[i].bits <= 64)
			ob_u64(o, v[i].u, 0);   /* type unknown: unsigned */
		else
			pdomap_value(o, &v[i], true);
	}
	if (sep == '{')
		ob_ch(o, '{');
	ob_ch(o, '}');
}

/* ---- CO_EV_CONFIG: the model's structured change, worded here ---- */

static const char *const cfg_objs[] = {
	[CO_CFG_RPDO] = "RPDO", [CO_CFG_TPDO] = "TPDO",
	[CO_CFG_SYNC] = "SYNC", [CO_CFG_TIME] = "TIME",
	[CO_CFG_EMCY] = "EMCY", [CO_CFG_SDO] = "SDO",
	[CO_CFG_HEARTBEAT] = "heartbeat", [CO_CFG_GUARDING] = "guarding",
};

/* Number settings: the words and the unit. */
static const struct cfg_num {
	const char *name, *unit;
} cfg_nums[] = {
	[CO_CFG_TRANS] = { "transmission type", "" },
	[CO_CFG_INHIBIT] = { "inhibit time", " x 100 us" },
	[CO_CFG_EVENT] = { "event timer", " ms" },
	[CO_CFG_SYNC_START] = { "SYNC start value", "" },
	[CO_CFG_HB_PROD] = { "producer time", " ms" },
	[CO_CFG_GUARD] = { "time", " ms" },
	[CO_CFG_LIFE] = { "life time factor", "" },
};

/* "TPDO1", "SYNC", "heartbeat" */
static void
cfg_object(struct obuf *o, const struct co_ev_config *c)
{
	ob_str(o, c->obj < sizeof(cfg_objs) / sizeof(cfg_objs[0]) &&
	       cfg_objs[c->obj] ? cfg_objs[c->obj] : "?");
	if (c->obj == CO_CFG_RPDO || c->obj == CO_CFG_TPDO)
		ob_u64(o, c->num, 0);
}

/* "0x185", or all 32 bits when flag bits are set */
static void
cfg_cob(struct obuf *o, uint32_t raw)
{
	ob_str(o, "0x");
	ob_hexn(o, raw, raw & ~(uint32_t)0x7FFu ? 8 : 3);
}

/* "TPDO1 COB-ID 0x185 -> 0x190", " disabled,"/" enabled," when bit 31
 * changes */
static void
cfg_cob_change(struct obuf *o, const struct co_ev_config *c)
{
	cfg_object(o, c);
	if (!(c->old_v & COB_INVALID) && (c->new_v & COB_INVALID))
		ob_str(o, " disabled,");
	else if ((c->old_v & COB_INVALID) && !(c->new_v & COB_INVALID))
		ob_str(o, " enabled,");
	ob_str(o, " COB-ID ");
	cfg_cob(o, c->old_v);
	ob_str(o, " -> ");
	cfg_cob(o, c->new_v);
}

/* "TPDO1 mapping: 6041:00/16 6064:00/32 (6 bytes)" */
static void
cfg_map(struct obuf *o, const struct co_ev_config *c)
{
	const struct pdo_map *m = c->map;
	unsigned k;

	cfg_object(o, c);
	if (m == NULL || m->nentries == 0) {
		ob_str(o, " mapping cleared (no objects)");
		return;
	}
	ob_str(o, " mapping:");
	for (k = 0; k < m->nentries; k++) {
		ob_ch(o, ' ');
		ob_hexn(o, m->e[k].index, 4);
		ob_ch(o, ':');
		ob_hexn(o, m->e[k].sub, 2);
		ob_ch(o, '/');
		ob_u64(o, m->e[k].bits, 0);
	}
	ob_str(o, " (");
	ob_u64(o, (m->total_bits + 7u) / 8u, 0);
	ob_str(o, m->total_bits > PDO_MAX_BITS ? " bytes, too long)" :
		   " bytes)");
}

/* "TPDO1 event timer 0 -> 100 ms", "... 100 ms" when the old value was
 * not known */
static void
cfg_number(struct obuf *o, const struct co_ev_config *c)
{
	const struct cfg_num *n = &cfg_nums[c->what];

	cfg_object(o, c);
	ob_ch(o, ' ');
	ob_str(o, n->name);
	ob_ch(o, ' ');
	if (c->has_old) {
		ob_u64(o, c->old_v, 0);
		ob_str(o, " -> ");
	}
	ob_u64(o, c->new_v, 0);
	ob_str(o, n->unit);
}

/* "SDO 1201h COB-ID client->server 0x601 -> 0x621", "... peer node" */
static void
cfg_sdo(struct obuf *o, const struct co_ev_config *c)
{
	ob_str(o, "SDO ");
	ob_hexn(o, c->index, 4);
	if (c->what == CO_CFG_SDO_PEER) {
		ob_str(o, "h peer node ");
		ob_u64(o, c->old_v, 0);
		ob_str(o, " -> ");
		ob_u64(o, c->new_v, 0);
		return;
	}
	ob_str(o, c->what == CO_CFG_SDO_COB_C2S ? "h COB-ID client->server " :
		   "h COB-ID server->client ");
	cfg_cob(o, c->old_v);
	ob_str(o, " -> ");
	cfg_cob(o, c->new_v);
}

/* "heartbeat consumer: node 5 within 300 ms", "... entry 2 off" */
static void
cfg_hb_cons(struct obuf *o, const struct co_ev_config *c)
{
	unsigned node = c->new_v >> 16 & 0xFFu, ms = c->new_v & 0xFFFFu;

	if (node == 0 || ms == 0) {
		ob_str(o, "heartbeat consumer entry ");
		ob_u64(o, c->sub, 0);
		ob_str(o, " off");
		return;
	}
	ob_str(o, "heartbeat consumer: node ");
	ob_u64(o, node, 0);
	ob_str(o, " within ");
	ob_u64(o, ms, 0);
	ob_str(o, " ms");
}

/* The change in words. */
static void
cfg_sentence(struct obuf *o, const struct co_ev_config *c)
{
	switch (c->what) {
	case CO_CFG_COB:
		cfg_cob_change(o, c);
		break;
	case CO_CFG_MAP:
		cfg_map(o, c);
		break;
	case CO_CFG_SDO_COB_C2S:
	case CO_CFG_SDO_COB_S2C:
	case CO_CFG_SDO_PEER:
		cfg_sdo(o, c);
		break;
	case CO_CFG_HB_CONS:
		cfg_hb_cons(o, c);
		break;
	default:
		if (c->what < sizeof(cfg_nums) / sizeof(cfg_nums[0]) &&
		    cfg_nums[c->what].name)
			cfg_number(o, c);
		else
			ob_ch(o, '?');
		break;
	}
}

void
out_od_text_config(struct obuf *o, const struct co_event *ev,
		   const struct out_opts *opt)
{
	(void)opt;
	ob_str(o, " node=");
	ob_u64(o, ev->node, 0);
	ob_ch(o, ' ');
	ob_hexn(o, ev->u.config.index, 4);
	ob_ch(o, ':');
	ob_hex8(o, ev->u.config.sub);
	ob_ch(o, ' ');
	cfg_sentence(o, &ev->u.config);
}

void
out_od_json_config(struct obuf *o, const struct co_event *ev,
		   const struct out_opts *opt)
{
	const struct co_ev_config *c = &ev->u.config;

	(void)opt;
	ob_str(o, ",\"index\":\"");
	ob_hexbytes_lc(o, (const uint8_t[]){ (uint8_t)(c->index >> 8),
					     (uint8_t)c->index }, 2);
	ob_str(o, "\",\"sub\":\"");
	ob_hexbytes_lc(o, &c->sub, 1);
	ob_str(o, "\",\"object\":\"");
	cfg_object(o, c);
	ob_str(o, "\",\"what\":\"");
	cfg_sentence(o, c);     /* ASCII, no quotes: nothing to escape */
	ob_ch(o, '"');
}
