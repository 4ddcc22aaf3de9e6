/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds_build.c - CiA 306 EDS/DCF: object sections, values, object lists,
 * device info and commissioning into struct od */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eds.h"
#include "eds_priv.h"
#include "od_value.h"
#include "hexdig.h"

/* ---- scalar keys ---- */

/* Cut a ';' or '#' comment off a value that cannot contain one. */
static void
strip_comment(struct ld *l, struct kv *kv)
{
	char *c = strpbrk(kv->val, ";#");
	char *e;

	if (c == NULL)
		return;
	*c = '\0';
	for (e = c; e > kv->val && (e[-1] == ' ' || e[-1] == '\t');)
		*--e = '\0';
	ld_warn(l, kv->line, "comment after %s value ignored", kv->key);
}

/* Integer key (ObjectType, DataType, ...); false when absent or bad. */
static bool
key_int(struct ld *l, const struct sec *s, const char *key, uint64_t *v)
{
	struct kv *kv = ld_get(l, s, key);
	struct eds_num n;

	if (kv == NULL)
		return false;
	strip_comment(l, kv);
	if (eds_parse_int(kv->val, &n) != 0 || n.nodeid || n.neg) {
		ld_warn(l, kv->line, "%s=%s: %s", kv->key, kv->val,
			n.why ? n.why : "not a plain number");
		return false;
	}
	if (n.csuffix)
		ld_warn(l, kv->line, "%s=%s: C integer suffix ignored",
			kv->key, kv->val);
	*v = n.v;
	return true;
}

/* A string with surrounding double quotes removed (with a warning). */
static char *
unquote(struct ld *l, struct kv *kv)
{
	size_t n = strlen(kv->val);

	if (n >= 2 && kv->val[0] == '"' && kv->val[n - 1] == '"') {
		ld_warn(l, kv->line, "%s: quotes around the value removed",
			kv->key);
		kv->val[n - 1] = '\0';
		kv->val++;
	}
	return kv->val;
}

static const char *
key_str(struct ld *l, const struct sec *s, const char *key)
{
	struct kv *kv = ld_get(l, s, key);

	return kv ? unquote(l, kv) : NULL;
}

/* ---- values ---- */

static void
int_range(struct ld *l, const struct kv *kv, uint16_t dtype,
	  struct od_val *v, bool neg)
{
	unsigned bits = od_type_bits(dtype);
	enum od_tclass tc = od_type_class(dtype);
	uint64_t u = v->u;

	if (bits == 0 || bits >= 64) {
		if (tc == OD_TC_UINT && neg)
			ld_warn(l, kv->line, "%s=%s: negative value for %s",
				kv->key, kv->val, od_type_name(dtype));
		return;
	}
	if (tc == OD_TC_INT) {
		int64_t s = (int64_t)u, lim = (int64_t)1 << (bits - 1);

		if (!neg && u < (uint64_t)1 << bits)
			return;     /* a bit pattern such as 0xFFFF */
		if (s >= -lim && s < lim)
			return;
	} else if (!neg && u < (uint64_t)1 << bits) {
		return;
	}
	ld_warn(l, kv->line, "%s=%s: out of range for %s", kv->key, kv->val,
		od_type_name(dtype) ? od_type_name(dtype) : "its type");
}

static void
apply_node(struct od_val *v, uint8_t node)
{
	v->u = v->nodeid ? v->base + node : v->base;
	if (v->kind == OD_V_REAL && v->nodeid)
		v->d = (double)(int64_t)v->u;
}

static bool
parse_intval(struct ld *l, struct kv *kv, uint16_t dtype, struct od_val *v,
	     bool quiet)
{
	struct eds_num n;

	if (od_type_class(dtype) == OD_TC_BOOL &&
	    (strcasecmp(kv->val, "true") == 0 ||
	     strcasecmp(kv->val, "false") == 0)) {
		v->kind = OD_V_INT;
		v->base = v->u = strcasecmp(kv->val, "true") == 0;
		return true;
	}
	if (eds_parse_int(kv->val, &n) != 0) {
		if (!quiet)
			ld_warn(l, kv->line, "%s=%s: %s", kv->key, kv->val,
				n.why);
		return false;
	}
	if (n.csuffix && !quiet)
		ld_warn(l, kv->line, "%s=%s: C integer suffix ignored",
			kv->key, kv->val);
	if (n.leadzero && !quiet)
		ld_warn(l, kv->line, "%s=%s: leading zero: read as decimal, "
			"not octal", kv->key, kv->val);
	v->kind = OD_V_INT;
	v->nodeid = n.nodeid;
	v->base = n.v;
	apply_node(v, l->od->node);
	if (!quiet)
		int_range(l, kv, dtype, v, n.neg);
	return true;
}

static void
parse_real(struct ld *l, struct kv *kv, uint16_t dtype, struct od_val *v)
{
	char *end;
	double d;

	if (kv->val[0] != '\0' && strpbrk(kv->val, "xX$hH") == NULL) {
		d = strtod(kv->val, &end);
		if (*end == '\0') {
			v->kind = OD_V_REAL;
			v->d = d;
			return;
		}
	}
	if (parse_intval(l, kv, OD_UNSIGNED64, v, true)) {
		v->kind = OD_V_REAL;
		v->d = (double)(int64_t)v->u;
		return;
	}
	v->kind = OD_V_BAD;
	ld_warn(l, kv->line, "%s=%s: not a number for %s", kv->key, kv->val,
		od_type_name(dtype));
}

/* OCTET_STRING defaults are hex digits (blanks between bytes allowed). */
static void
parse_octets(struct ld *l, struct kv *kv, struct od_val *v)
{
	const char *s = kv->val;
	size_t n = strlen(s), k = 0;
	uint8_t *p;
	int hi = -1;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	p = ld_alloc(l, n / 2 + 1);
	if (p == NULL)
		return;
	for (; *s != '\0'; s++) {
		int d = co_hexdig(*s);

		if (*s == ' ' || *s == '\t')
			continue;
		if (d < 0)
			break;
		if (hi < 0) {
			hi = d;
		} else {
			p[k++] = (uint8_t)(hi << 4 | d);
			hi = -1;
		}
	}
	v->kind = OD_V_BYTES;
	if (*s != '\0' || hi >= 0) {
		ld_warn(l, kv->line, "%s=%s: OCTET_STRING value is not hex "
			"bytes; kept as text", kv->key, kv->val);
		v->bytes = (const uint8_t *)kv->val;
		v->nbytes = strlen(kv->val);
		return;
	}
	v->bytes = p;
	v->nbytes = k;
}

static void
parse_val(struct ld *l, struct kv *kv, uint16_t dtype, struct od_val *v)
{
	enum od_tclass tc = od_type_class(dtype);

	memset(v, 0, sizeof(*v));
	if (kv == NULL)
		return;
	v->line = kv->line;
	switch (tc) {
	case OD_TC_VSTRING:
	case OD_TC_USTRING:
	case OD_TC_DOMAIN:
		v->raw = unquote(l, kv);
		if (*v->raw == '\0')
			return;
		v->kind = OD_V_BYTES;
		v->bytes = (const uint8_t *)v->raw;
		v->nbytes = strlen(v->raw);
		return;
	case OD_TC_OSTRING:
		v->raw = kv->val;
		if (*v->raw != '\0')
			parse_octets(l, kv, v);
		return;
	default:
		break;
	}
	strip_comment(l, kv);
	v->raw = kv->val;
	if (*v->raw == '\0')
		return;
	if (tc == OD_TC_REAL)
		parse_real(l, kv, dtype, v);
	else if (tc != OD_TC_UNKNOWN)
		v->kind = parse_intval(l, kv, dtype, v, false) ? OD_V_INT
							       : OD_V_BAD;
	else if (!parse_intval(l, kv, dtype, v, true)) {
		v->kind = OD_V_BYTES;   /* unknown type: keep the text */
		v->bytes = (const uint8_t *)v->raw;
		v->nbytes = strlen(v->raw);
	}
}

/* ---- object and sub-index sections ---- */

static const struct {
	const char *s;
	uint8_t acc;
} access_names[] = {
	{ "ro", OD_ACC_RO },   { "wo", OD_ACC_WO },   { "rw", OD_ACC_RW },
	{ "rwr", OD_ACC_RWR }, { "rww", OD_ACC_RWW }, { "const", OD_ACC_CONST },
};

static uint8_t
parse_access(struct ld *l, struct kv *kv)
{
	size_t i;

	strip_comment(l, kv);
	for (i = 0; i < sizeof(access_names) / sizeof(access_names[0]); i++)
		if (strcasecmp(kv->val, access_names[i].s) == 0)
			return access_names[i].acc;
	ld_warn(l, kv->line, "AccessType=%s: unknown access type", kv->val);
	return OD_ACC_NONE;
}

static uint8_t
parse_otype(struct ld *l, const struct sec *s, uint8_t dflt)
{
	uint64_t v;

	if (!key_int(l, s, "ObjectType", &v))
		return dflt;
	switch (v) {
	case OD_OT_NULL:
	case OD_OT_DOMAIN:
	case OD_OT_DEFTYPE:
	case OD_OT_DEFSTRUCT:
	case OD_OT_VAR:
	case OD_OT_ARRAY:
	case OD_OT_RECORD:
		return (uint8_t)v;
	default:
		ld_warn(l, ld_get(l, s, "ObjectType")->line,
			"[%s]: unknown ObjectType %llu, taken as VAR", s->name,
			(unsigned long long)v);
		return OD_OT_VAR;
	}
}

static bool
parse_pdo(struct ld *l, const struct sec *s)
{
	struct kv *kv = ld_get(l, s, "PDOMapping");
	uint64_t v;

	if (kv == NULL)
		return false;
	if (strcasecmp(kv->val, "true") == 0)
		return true;
	if (strcasecmp(kv->val, "false") == 0)
		return false;
	if (!key_int(l, s, "PDOMapping", &v))
		return false;
	if (v > 1)
		ld_warn(l, kv->line, "PDOMapping=%s: not 0 or 1, taken as 1",
			kv->val);
	return v != 0;
}

/* Keys an object or sub-index section may carry. */
static const char *const obj_keys[] = {
	"ParameterName", "ObjectType", "DataType", "AccessType",
	"DefaultValue", "PDOMapping", "LowLimit", "HighLimit", "SubNumber",
	"CompactSubObj", "ObjFlags", "ParameterValue", "Denotation",
	"UploadFile", "DownloadFile", "Count", "Unit", "StorageLocation",
	NULL,
};

static void
check_obj_keys(struct ld *l, const struct sec *s)
{
	size_t i;
	const char *const *k;

	for (i = 0; i < s->nkv; i++) {
		const struct kv *kv = &l->kvs[s->kv0 + i];

		for (k = obj_keys; *k != NULL; k++)
			if (strcasecmp(*k, kv->key) == 0)
				break;
		if (*k == NULL)
			ld_warn(l, kv->line, "[%s]: unknown key '%s' ignored",
				s->name, kv->key);
	}
}

/* Fill one sub-index from a [xxxx] (VAR) or [xxxxsubN] section. */
static void
fill_sub(struct ld *l, const struct sec *s, struct od_sub *sub, int otype)
{
	struct kv *kv;
	uint64_t v;

	sub->line = s->line;
	sub->name = key_str(l, s, "ParameterName");
	if (sub->name == NULL) {
		ld_warn(l, s->line, "[%s]: no ParameterName", s->name);
		sub->name = "";
	}
	sub->otype = otype >= 0 ? (uint8_t)otype
				: parse_otype(l, s, OD_OT_VAR);
	if (key_int(l, s, "DataType", &v)) {
		if (v > 0xFFFF)
			ld_warn(l, s->line, "[%s]: DataType out of range",
				s->name);
		sub->dtype = (uint16_t)v;
	} else if (sub->otype == OD_OT_DOMAIN) {
		sub->dtype = OD_DOMAIN;
	} else if (ld_get(l, s, "DataType") == NULL) {
		ld_warn(l, s->line, "[%s]: no DataType", s->name);
	}
	kv = ld_get(l, s, "AccessType");
	if (kv != NULL)
		sub->access = parse_access(l, kv);
	else if (sub->otype != OD_OT_DEFTYPE)
		ld_warn(l, s->line, "[%s]: no AccessType", s->name);
	sub->pdo = parse_pdo(l, s);
	sub->denotation = key_str(l, s, "Denotation");
	parse_val(l, ld_get(l, s, "DefaultValue"), sub->dtype, &sub->def);
	parse_val(l, ld_get(l, s, "ParameterValue"), sub->dtype, &sub->param);
	parse_val(l, ld_get(l, s, "LowLimit"), sub->dtype, &sub->low);
	parse_val(l, ld_get(l, s, "HighLimit"), sub->dtype, &sub->high);
	check_obj_keys(l, s);
}

/* Sub-index sections [xxxxsubN] of an ARRAY/RECORD object. */
static int
build_subs(struct ld *l, const struct sec *s, struct od_obj *o)
{
	size_t i, first = ld_lower(l, SEC_SUB, o->index, 0), n = 0;
	uint64_t decl;

	for (i = first; i < l->nsecs && l->secs[i].cls == SEC_SUB &&
			l->secs[i].index == o->index; i++)
		n += !l->secs[i].dead;
	o->subs = ld_alloc(l, (n ? n : 1) * sizeof(*o->subs));
	if (o->subs == NULL)
		return -1;
	for (i = first; o->nsubs < n; i++) {
		struct sec *ss = &l->secs[i];

		if (ss->dead)
			continue;
		ss->used = true;
		o->subs[o->nsubs].sub = ss->sub;
		fill_sub(l, ss, &o->subs[o->nsubs++], -1);
	}
	if (n == 0)
		ld_warn(l, s->line, "[%s]: %s without sub-index sections",
			s->name, od_otype_str(o->otype));
	else if (o->subs[0].sub != 0)
		ld_warn(l, s->line, "[%s]: no sub-index 0 section", s->name);
	if (key_int(l, s, "SubNumber", &decl) && decl != n)
		ld_warn(l, ld_get(l, s, "SubNumber")->line,
			"[%s]: SubNumber=%llu but %zu sub-index sections",
			s->name, (unsigned long long)decl, n);
	return 0;
}

/* Sub-index number of a key in a [xxxxValue]/[xxxxName] section. */
static int
entry_sub(struct ld *l, const struct sec *s, const struct kv *kv,
	  unsigned n)
{
	struct eds_num num;

	if (eds_parse_int(kv->key, &num) != 0 || num.nodeid || num.neg ||
	    num.v == 0 || num.v > n) {
		ld_warn(l, kv->line, "[%s]: key '%s' is not a sub-index "
			"1..%u; ignored", s->name, kv->key, n);
		return -1;
	}
	return (int)num.v;
}

/* [xxxxValue]: values of a compact array (ParameterValue in a DCF). */
static void
compact_values(struct ld *l, struct sec *vs, struct od_obj *o, unsigned n)
{
	size_t i;
	int k;

	vs->used = true;
	for (i = 0; i < vs->nkv; i++) {
		struct kv *kv = &l->kvs[vs->kv0 + i];
		struct od_sub *sub;

		if (strcasecmp(kv->key, "NrOfEntries") == 0) {
			sub = &o->subs[0];
			k = 0;
		} else if ((k = entry_sub(l, vs, kv, n)) < 0) {
			continue;
		}
		sub = &o->subs[k];
		parse_val(l, kv, sub->dtype, l->od->dcf ? &sub->param
							: &sub->def);
	}
}

static void
compact_names(struct ld *l, struct sec *ns, struct od_obj *o, unsigned n)
{
	size_t i;
	int k;

	ns->used = true;
	for (i = 0; i < ns->nkv; i++) {
		struct kv *kv = &l->kvs[ns->kv0 + i];

		if (strcasecmp(kv->key, "NrOfEntries") == 0)
			continue;
		if ((k = entry_sub(l, ns, kv, n)) >= 0)
			o->subs[k].name = unquote(l, kv);
	}
}

static char *
numbered(struct ld *l, const char *name, unsigned k)
{
	char t[32];
	char *p = ld_alloc(l, strlen(name) + sizeof(t));

	snprintf(t, sizeof(t), "%u", k);
	if (p != NULL)
		sprintf(p, "%s %s", name, t);
	return p;
}

/* Sub-indices that CompactSubObj may create in one file: a few lines of
 * text become up to 254 sub-indices each, so the file size limit does not
 * bound memory (7 MB of hostile ARRAYs would be 15.7 million, ~5 GB);
 * 131072 (~40 MB) is far above any real device. */
#define EDS_MAX_COMPACT_SUBS (1u << 17)

/* n cut to what the budget leaves, said once for the file. */
static unsigned
compact_budget(struct ld *l, const struct sec *s, unsigned n)
{
	size_t left = EDS_MAX_COMPACT_SUBS - l->ncompact;

	if (n <= left) {
		l->ncompact += n;
		return n;
	}
	if (!l->compact_cut)
		ld_warn(l, s->line, "[%s]: more than %u sub-indices from "
			"CompactSubObj in this file; this and later compact "
			"objects are cut (memory bound)", s->name,
			EDS_MAX_COMPACT_SUBS);
	l->compact_cut = true;
	l->ncompact = EDS_MAX_COMPACT_SUBS;
	return (unsigned)left;
}

/* CompactSubObj=n: sub 0 holds n, subs 1..n share the object's keys. */
static int
build_compact(struct ld *l, struct sec *s, struct od_obj *o, unsigned n)
{
	struct od_sub tmpl, *s0;
	struct sec *vs = ld_find(l, SEC_VALUE, o->index, 0);
	struct sec *ns = ld_find(l, SEC_NAME, o->index, 0);
	char raw[8];
	unsigned k;

	o->compact = true;
	n = compact_budget(l, s, n);
	o->subs = ld_alloc(l, (n + 1) * sizeof(*o->subs));
	if (o->subs == NULL)
		return -1;
	memset(&tmpl, 0, sizeof(tmpl));
	fill_sub(l, s, &tmpl, OD_OT_VAR);
	tmpl.otype = OD_OT_VAR;
	s0 = &o->subs[0];
	s0->otype = OD_OT_VAR;
	s0->line = s->line;
	s0->name = "Highest sub-index supported";
	s0->dtype = OD_UNSIGNED8;
	s0->access = o->otype == OD_OT_ARRAY ? OD_ACC_RO : tmpl.access;
	snprintf(raw, sizeof(raw), "%u", n);
	s0->def.raw = ld_strdup(l, raw);
	s0->def.kind = OD_V_INT;
	s0->def.base = s0->def.u = n;
	s0->def.line = s->line;
	for (k = 1; k <= n; k++) {
		o->subs[k] = tmpl;
		o->subs[k].sub = (uint8_t)k;
		o->subs[k].name = numbered(l, tmpl.name, k);
	}
	o->nsubs = (uint16_t)(n + 1);
	if (vs != NULL)
		compact_values(l, vs, o, n);
	if (ns != NULL)
		compact_names(l, ns, o, n);
	return 0;
}

static int
build_obj(struct ld *l, struct sec *s, struct od_obj *o)
{
	uint64_t n;

	s->used = true;
	o->index = s->index;
	o->line = s->line;
	o->otype = parse_otype(l, s, OD_OT_VAR);
	o->name = key_str(l, s, "ParameterName");
	if (o->name == NULL)
		o->name = "";
	switch (o->otype) {
	case OD_OT_ARRAY:
	case OD_OT_RECORD:
	case OD_OT_DEFSTRUCT:
		if (key_int(l, s, "CompactSubObj", &n) && n > 0) {
			if (n > 254) {
				ld_warn(l, s->line, "[%s]: CompactSubObj=%llu "
					"> 254; cut to 254", s->name,
					(unsigned long long)n);
				n = 254;
			}
			return build_compact(l, s, o, (unsigned)n);
		}
		if (o->name[0] == '\0')
			ld_warn(l, s->line, "[%s]: no ParameterName", s->name);
		check_obj_keys(l, s);
		return build_subs(l, s, o);
	default:
		o->subs = ld_alloc(l, sizeof(*o->subs));
		if (o->subs == NULL)
			return -1;
		o->nsubs = 1;
		fill_sub(l, s, &o->subs[0], o->otype);
		o->name = o->subs[0].name;
		return 0;
	}
}

/* ---- object lists, device info, commissioning ---- */

static const char *const list_names[] = {
	"MandatoryObjects", "OptionalObjects", "ManufacturerObjects",
};

static int
add_listed(struct ld *l, const struct sec *s, struct kv *kv)
{
	struct eds_num n;
	struct listed *e;

	strip_comment(l, kv);
	if (eds_parse_int(kv->val, &n) != 0 || n.nodeid || n.neg ||
	    n.v == 0 || n.v > 0xFFFF) {
		ld_warn(l, kv->line, "[%s]: %s=%s is not an object index",
			s->name, kv->key, kv->val);
		return 0;
	}
	if (l->nlisted == l->caplisted) {
		size_t cap = l->caplisted ? l->caplisted * 2 : 256;
		struct listed *nl = realloc(l->listed, cap * sizeof(*nl));

		if (nl == NULL)
			return -1;
		l->listed = nl;
		l->caplisted = cap;
	}
	e = &l->listed[l->nlisted++];
	e->index = (uint16_t)n.v;
	e->line = kv->line;
	e->list = s->name;
	return 0;
}

static int
read_list(struct ld *l, struct sec *s)
{
	uint64_t decl;
	size_t i, got = 0;

	s->used = true;
	for (i = 0; i < s->nkv; i++) {
		struct kv *kv = &l->kvs[s->kv0 + i];

		if (strcasecmp(kv->key, "SupportedObjects") == 0)
			continue;
		if (add_listed(l, s, kv) != 0)
			return -1;
		got++;
	}
	if (key_int(l, s, "SupportedObjects", &decl) && decl != got)
		ld_warn(l, ld_get(l, s, "SupportedObjects")->line,
			"[%s]: SupportedObjects=%llu but %zu entries",
			s->name, (unsigned long long)decl, got);
	return 0;
}

static int
listed_cmp(const void *pa, const void *pb)
{
	const struct listed *a = pa, *b = pb;

	if (a->index != b->index)
		return a->index < b->index ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int
read_lists(struct ld *l)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		struct sec *s = ld_find_named(l, list_names[i]);

		if (s != NULL && read_list(l, s) != 0)
			return -1;
	}
	if (l->nlisted > 1)
		qsort(l->listed, l->nlisted, sizeof(*l->listed), listed_cmp);
	return 0;
}

static bool
is_listed(const struct ld *l, uint16_t index)
{
	size_t lo = 0, hi = l->nlisted;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->listed[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->nlisted && l->listed[lo].index == index;
}

static uint32_t
info_u32(struct ld *l, const struct sec *s, const char *key, bool *has)
{
	uint64_t v = 0;

	*has = key_int(l, s, key, &v);
	if (*has && v > 0xFFFFFFFFu)
		ld_warn(l, ld_get(l, s, key)->line, "%s: more than 32 bits",
			key);
	return (uint32_t)v;
}

static void
read_devinfo(struct ld *l)
{
	struct sec *s = ld_find_named(l, "DeviceInfo");
	struct od_devinfo *d = &l->od->info;
	bool has;
	uint64_t v;

	if (s == NULL) {
		ld_warn(l, 0, "no [DeviceInfo] section");
		return;
	}
	s->used = true;
	d->vendor_name = key_str(l, s, "VendorName");
	d->product_name = key_str(l, s, "ProductName");
	d->order_code = key_str(l, s, "OrderCode");
	d->vendor_number = info_u32(l, s, "VendorNumber",
				    &d->has_vendor_number);
	d->product_number = info_u32(l, s, "ProductNumber",
				     &d->has_product_number);
	d->revision_number = info_u32(l, s, "RevisionNumber",
				      &d->has_revision_number);
	d->nr_rx_pdo = (uint16_t)info_u32(l, s, "NrOfRXPDO", &has);
	d->nr_tx_pdo = (uint16_t)info_u32(l, s, "NrOfTXPDO", &has);
	d->lss = key_int(l, s, "LSS_Supported", &v) && v != 0;
}

/* [DeviceComissioning] (CiA 306 spelling) or [DeviceCommissioning]. */
static void
read_commissioning(struct ld *l)
{
	struct sec *s = ld_find_named(l, "DeviceComissioning");
	uint64_t v;

	if (s == NULL) {
		s = ld_find_named(l, "DeviceCommissioning");
		if (s != NULL)
			ld_warn(l, s->line, "[DeviceCommissioning]: CiA 306 "
				"spells it [DeviceComissioning]; accepted");
	}
	if (s == NULL)
		return;
	s->used = true;
	l->od->dcf = true;
	if (key_int(l, s, "NodeID", &v)) {
		if (v >= 1 && v <= 127)
			l->od->dcf_node = (int)v;
		else
			ld_warn(l, ld_get(l, s, "NodeID")->line,
				"NodeID=%llu: not a node-ID 1..127",
				(unsigned long long)v);
	}
	if (key_int(l, s, "Baudrate", &v))
		l->od->dcf_baud = (uint32_t)v;
}

/* ---- the whole file ---- */

static int
build_objects(struct ld *l)
{
	size_t i, n = 0, k = 0;
	struct od *od = l->od;

	for (i = 0; i < l->nsecs; i++)
		n += l->secs[i].cls == SEC_OBJ && !l->secs[i].dead;
	od->objs = calloc(n ? n : 1, sizeof(*od->objs));
	if (od->objs == NULL)
		return -1;
	for (i = 0; i < l->nsecs && k < n; i++) {
		struct sec *s = &l->secs[i];
		struct od_obj *o = &od->objs[k];

		if (s->cls != SEC_OBJ || s->dead)
			continue;
		if (build_obj(l, s, o) != 0)
			return -1;
		o->listed = is_listed(l, o->index);
		if (!o->listed)
			ld_warn(l, s->line, "[%s]: object not in any object "
				"list", s->name);
		od->nsubs += o->nsubs;
		k++;
	}
	od->nobjs = k;
	for (i = 0; i < l->nlisted; i++) {
		const struct listed *e = &l->listed[i];

		if (i > 0 && l->listed[i - 1].index == e->index)
			continue;
		if (od_find(od, e->index) == NULL)
			ld_warn(l, e->line, "object %04X listed in [%s] has "
				"no section", e->index, e->list);
	}
	return 0;
}

static const char *const known_sections[] = {
	"FileInfo", "DeviceInfo", "DummyUsage", "Comments",
	"MandatoryObjects", "OptionalObjects", "ManufacturerObjects",
	"DeviceComissioning", "DeviceCommissioning", "SupportedModules",
	"ConnectedModules", NULL,
};

/* Tool sections, CiA 302-4 dynamic channels, modular devices. */
static bool
known_section(const char *name)
{
	const char *const *k;

	for (k = known_sections; *k != NULL; k++)
		if (strcasecmp(*k, name) == 0)
			return true;
	return strncasecmp(name, "Tool", 4) == 0 ||
	       strncasecmp(name, "DynamicChannels", 15) == 0 ||
	       ((name[0] == 'M' || name[0] == 'm') && name[1] >= '0' &&
		name[1] <= '9');
}

static void
leftovers(struct ld *l)
{
	size_t i;

	for (i = 0; i < l->nsecs; i++) {
		struct sec *s = &l->secs[i];

		if (s->dead || s->used)
			continue;
		if (s->cls == SEC_SUB)
			ld_warn(l, s->line, "[%s]: no ARRAY/RECORD object "
				"[%04X] for it; ignored", s->name, s->index);
		else if (s->cls == SEC_VALUE || s->cls == SEC_NAME)
			ld_warn(l, s->line, "[%s]: no object [%04X] with "
				"CompactSubObj for it; ignored", s->name,
				s->index);
		else if (!known_section(s->name))
			ld_warn(l, s->line, "unknown section [%s] ignored",
				s->name);
	}
}

int
ld_build(struct ld *l, uint8_t node, char *err, size_t errlen)
{
	struct od *od = l->od;
	const char *ext = strrchr(od->path, '.');

	if (ld_check_keys(l) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	read_commissioning(l);
	if (ext != NULL && strcasecmp(ext, ".dcf") == 0)
		od->dcf = true;
	if (node == 0 && od->dcf_node > 0)
		node = (uint8_t)od->dcf_node;
	else if (node != 0 && od->dcf_node > 0 && node != od->dcf_node)
		ld_warn(l, 0, "bound to node %u but the DCF says NodeID=%d",
			node, od->dcf_node);
	od->node = node;
	read_devinfo(l);
	if (read_lists(l) != 0 || build_objects(l) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	leftovers(l);
	if (od->nobjs == 0) {
		snprintf(err, errlen, "no object sections ([1000] ...): "
			 "nothing to load");
		return -1;
	}
	return 0;
}

/* ---- queries ---- */

const struct od_obj *
od_find(const struct od *od, uint16_t index)
{
	size_t lo = 0, hi = od->nobjs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (od->objs[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < od->nobjs && od->objs[lo].index == index ? &od->objs[lo]
							     : NULL;
}

const struct od_sub *
od_find_sub(const struct od *od, uint16_t index, uint8_t sub)
{
	const struct od_obj *o = od_find(od, index);
	size_t lo = 0, hi;

	if (o == NULL)
		return NULL;
	hi = o->nsubs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->subs[mid].sub < sub)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < o->nsubs && o->subs[lo].sub == sub ? &o->subs[lo] : NULL;
}

const struct od_val *
od_sub_value(const struct od_sub *s)
{
	return s->param.kind != OD_V_NONE ? &s->param : &s->def;
}

bool
od_get_u64(const struct od *od, uint16_t index, uint8_t sub, uint64_t *v)
{
	const struct od_sub *s = od_find_sub(od, index, sub);
	const struct od_val *val;

	if (s == NULL)
		return false;
	val = od_sub_value(s);
	if (val->kind != OD_V_INT)
		return false;
	*v = val->u;
	return true;
}

static void
renode(struct od_val *v, uint8_t node)
{
	if (v->kind == OD_V_INT && v->nodeid)
		v->u = v->base + node;
}

void
od_set_node(struct od *od, uint8_t node)
{
	size_t i, j;

	od->node = node;
	for (i = 0; i < od->nobjs; i++) {
		for (j = 0; j < od->objs[i].nsubs; j++) {
			struct od_sub *s = &od->objs[i].subs[j];

			renode(&s->def, node);
			renode(&s->param, node);
			renode(&s->low, node);
			renode(&s->high, node);
		}
	}
}

const char *
od_otype_str(uint8_t otype)
{
	switch (otype) {
	case OD_OT_NULL: return "NULL";
	case OD_OT_DOMAIN: return "DOMAIN";
	case OD_OT_DEFTYPE: return "DEFTYPE";
	case OD_OT_DEFSTRUCT: return "DEFSTRUCT";
	case OD_OT_VAR: return "VAR";
	case OD_OT_ARRAY: return "ARRAY";
	case OD_OT_RECORD: return "RECORD";
	default: return "?";
	}
}

const char *
od_access_str(uint8_t access)
{
	static const char *const s[] = {
		"-", "ro", "wo", "rw", "rwr", "rww", "const",
	};

	return access < sizeof(s) / sizeof(s[0]) ? s[access] : "?";
}
