/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_od_pdo.c - PDO parameters from an OD (tests/eds/q-pdo.eds), the
 * pure PDO decoder (bit fields, sign extension, dummies, lengths) and
 * the other communication objects */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eds.h"
#include "od_pdo.h"
#include "check.h"

static char got[OBUF_SIZE];

static struct od *
load(const char *name, uint8_t node, struct eds_diag *d)
{
	const char *top = getenv("top_srcdir");
	char path[1024], err[256];
	struct od *od;

	snprintf(path, sizeof(path), "%s/tests/eds/%s", top ? top : ".",
		 name);
	od = eds_load(path, node, d, err, sizeof(err));
	if (od == NULL)
		printf("# %s: %s\n", path, err);
	return od;
}

/* All non-dummy values of a decoded PDO as text, space separated. */
static void
values(const struct pdo_map *m, const struct pdo_value *v)
{
	struct obuf o;
	unsigned i;

	ob_reset(&o);
	for (i = 0; i < m->nentries; i++) {
		if (v[i].e->dummy)
			continue;
		if (o.len)
			ob_ch(&o, ' ');
		pdomap_value_text(&o, &v[i]);
	}
	memcpy(got, o.b, o.len);
	got[o.len] = '\0';
}

static int
is(const char *want)
{
	if (strcmp(got, want) == 0)
		return 1;
	printf("# got '%s', want '%s'\n", got, want);
	return 0;
}

static const struct pdo_map *
tpdo(const struct pdo_list *l, unsigned num)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].tx && l->v[i].num == num)
			return &l->v[i];
	return NULL;
}

static void
params(const struct pdo_list *l, const struct eds_diag *d)
{
	const struct pdo_map *m;

	check(l->n == 8, "8 PDOs (RPDO1, RPDO9, TPDO1-6): more than four");
	check(!l->v[0].tx && l->v[0].num == 1 && l->v[0].can_id == 0x27F,
	      "RPDO1 COB-ID $NODEID+0x200 for node 127");
	check(!l->v[1].tx && l->v[1].num == 9 && l->v[1].can_id == 0x555 &&
	      l->v[1].valid, "RPDO9 custom COB-ID 0x555");
	m = tpdo(l, 1);
	check(m && m->can_id == 0x1FF && m->trans_type == 254 &&
	      m->inhibit_100us == 100 && m->event_ms == 50 && m->rtr,
	      "TPDO1: COB-ID, transmission type, inhibit, event timer");
	check(m && m->nentries == 5 && m->total_bits == 32 &&
	      m->e[2].dummy && m->e[2].offset == 5 && m->e[3].offset == 8,
	      "TPDO1: 5 entries, dummy at bit 5, 32 bits");
	m = tpdo(l, 4);
	check(m && m->ext && m->can_id == 0x12345 && m->valid,
	      "TPDO4: 29-bit CAN-ID (bit 29)");
	m = tpdo(l, 5);
	check(m && !m->valid, "TPDO5: bit 31 set: not valid");
	m = tpdo(l, 6);
	check(m && m->valid && !m->rtr && m->can_id == 0x390 &&
	      m->total_bits == 96, "TPDO6: no RTR (bit 30), 96 bits");
	m = tpdo(l, 2);
	check(m && m->valid && m->can_id == 0x1F0, "TPDO2 at CAN-ID 1F0");
	check(d->n == 2 && strstr(d->msg[0], "3000:01 not in the dictionary")
	      && strstr(d->msg[1], "16 bits for 2000:00 of 8 bits"),
	      "mapping problems are warnings with file:line");
	check(d->n == 2 && strstr(d->msg[0], "q-pdo.eds:211: ") != NULL,
	      "warning names the mapping entry line");
}

static void
decode_tpdo1(const struct pdo_map *m)
{
	/* Enable=1 (bit 0), Trim=-6 (bits 1-4), dummy (5-7),
	 * Torque=-2 (bits 8-23), Mode=7 (bits 24-31) */
	static const uint8_t p[5] = { 0xF5, 0xFE, 0xFF, 0x07, 0x00 };
	struct pdo_value v[PDO_MAX_ENTRIES];
	struct obuf o;

	check(pdomap_decode(m, p, 4, v) == PDO_FIT_OK, "TPDO1 4 bytes fit");
	values(m, v);
	check(is("Enable=true Trim=-6 Torque=-2 Mode=7"),
	      "bit-packed BOOLEAN and signed 4-bit field, dummy skipped");
	check(v[1].s == -6 && v[1].u == 0xA, "signed bit field sign-extended");
	check(pdomap_decode(m, p, 3, v) == PDO_FIT_SHORT && !v[4].present,
	      "3 bytes: short, last entry missing");
	values(m, v);
	check(is("Enable=true Trim=-6 Torque=-2 Mode=(missing)"),
	      "missing entry shown");
	check(pdomap_decode(m, p, 5, v) == PDO_FIT_LONG, "5 bytes: long");
	ob_reset(&o);
	pdomap_value(&o, &v[3], true);
	memcpy(got, o.b, o.len);
	got[o.len] = '\0';
	check(is("-2"), "JSON value");
}

static void
decode_more(const struct pdo_list *l)
{
	static const uint8_t p5[8] = { 0, 0, 0xc0, 0x3f, 'A', 'B', 'C', 'D' };
	static const uint8_t p6[12] = { 0xff, 0xff, 0xff, 0xee, 8, 7, 6, 5,
					4, 3, 2, 1 };
	struct pdo_value v[PDO_MAX_ENTRIES];
	const struct pdo_map *m;

	m = tpdo(l, 5);
	check(m && pdomap_decode(m, p5, 8, v) == PDO_FIT_OK, "TPDO5 decodes");
	values(m, v);
	check(is("Speed=1.5 Tag=\"ABCD\""), "REAL32 and a 4-byte string");
	m = tpdo(l, 6);
	check(m && pdomap_decode(m, p6, 12, v) == PDO_FIT_OK,
	      "TPDO6: 12 bytes (CAN FD) fit");
	values(m, v);
	check(is("Offset=-1 Counter=72623859790382856"),
	      "INTEGER24 -1, 8-bit dummy, UNSIGNED64 after it");
	m = &l->v[1];
	check(pdomap_decode(m, p6, 3, v) == PDO_FIT_OK, "RPDO9 decodes");
	values(m, v);
	check(is("3000:01=0xFF Mode=0xFFFF"),
	      "unknown object as IIII:SS=hex; over-long field as number");
}

static void
entry(struct pdo_entry *e, uint16_t index, uint8_t bits, uint16_t offset,
      uint16_t dtype, const char *name)
{
	memset(e, 0, sizeof(*e));
	e->index = index;
	e->bits = bits;
	e->offset = offset;
	e->dtype = dtype;
	e->known = true;
	e->name = name;
}

/* Fields at odd offsets, built by hand: 3 + 12 (INTEGER16) + 17
 * (UNSIGNED32) + 64 (UNSIGNED64 at bit 32... then at bit 36). */
static void
bitfields(void)
{
	struct pdo_map m;
	struct pdo_value v[PDO_MAX_ENTRIES];
	uint8_t p[13];
	uint64_t big = 0x8877665544332211ull;
	unsigned i, bit;

	memset(&m, 0, sizeof(m));
	m.nentries = 4;
	entry(&m.e[0], 0x0005, 3, 0, 0x0005, "");
	m.e[0].dummy = true;
	entry(&m.e[1], 0x2001, 12, 3, 0x0003, "a");
	entry(&m.e[2], 0x2002, 17, 15, 0x0007, "b");
	entry(&m.e[3], 0x2003, 64, 36, 0x001B, "c");
	m.total_bits = 100;
	memset(p, 0, sizeof(p));
	/* a = -100 in 12 bits, b = 0x1ABCD, c = big, LSB first */
	for (bit = 0; bit < 12; bit++)
		if ((0x1000u - 100u) >> bit & 1)
			p[(3 + bit) / 8] |= (uint8_t)(1u << ((3 + bit) % 8));
	for (bit = 0; bit < 17; bit++)
		if (0x1ABCDu >> bit & 1)
			p[(15 + bit) / 8] |= (uint8_t)(1u << ((15 + bit) % 8));
	for (i = 0; i < 64; i++)
		if (big >> i & 1)
			p[(36 + i) / 8] |= (uint8_t)(1u << ((36 + i) % 8));
	check(pdomap_decode(&m, p, 13, v) == PDO_FIT_OK, "100 bits in 13 bytes");
	check(v[1].s == -100, "12-bit signed field across bytes: -100");
	check(v[2].u == 0x1ABCD, "17-bit field across three bytes");
	check(v[3].u == big, "64-bit field at bit 36 (nine bytes)");
	values(&m, v);
	check(is("a=-100 b=109517 c=9833440827789222417"), "text of fields");
}

/* What the model does on SDO writes to 1800h:01 and 1A00h. */
static void
learned(const struct od *od)
{
	struct pdo_map m;
	struct pdo_value v[PDO_MAX_ENTRIES];
	static const uint32_t map[2] = { 0x20000008, 0x20010010 };
	static const uint8_t p[3] = { 9, 0x18, 0xfc };

	memset(&m, 0, sizeof(m));
	pdomap_set_cob(&m, 0xC00004A1);
	check(!m.valid && !m.rtr && m.can_id == 0x4A1, "learned COB-ID bits");
	pdomap_set_cob(&m, 0x000004A1);
	check(m.valid && m.rtr, "COB-ID made valid");
	pdomap_set_mapping(&m, od, map, 2);
	check(m.nentries == 2 && m.total_bits == 24 && m.e[1].offset == 8,
	      "learned mapping: entries and offsets");
	pdomap_decode(&m, p, 3, v);
	values(&m, v);
	check(is("Mode=9 Torque=-1000"), "learned mapping decodes by name");
	pdomap_set_mapping(&m, NULL, map, 2);
	pdomap_decode(&m, p, 3, v);
	values(&m, v);
	check(is("2000:00=0x09 2001:00=0xFC18"),
	      "without a dictionary: IIII:SS=hex");
}

static void
comm(void)
{
	struct eds_diag d = { 0 };
	struct od_comm *c = malloc(sizeof(*c));
	struct od *od = load("q-nodeid.eds", 5, &d);
	char err[128];
	static const char guard[] =
		"[1000]\nParameterName=x\nDataType=7\nAccessType=ro\n"
		"[100C]\nParameterName=Guard time\nDataType=6\nAccessType=rw\n"
		"DefaultValue=100\n[100D]\nParameterName=Life time factor\n"
		"DataType=5\nAccessType=rw\nDefaultValue=3\n"
		"[1005]\nParameterName=SYNC\nDataType=7\nAccessType=rw\n"
		"DefaultValue=0x40000080\n[1012]\nParameterName=TIME\n"
		"DataType=7\nAccessType=rw\nDefaultValue=0x80000100\n"
		"[1280]\nParameterName=SDO client\nObjectType=9\n"
		"[1280sub1]\nParameterName=c2s\nDataType=7\nAccessType=rw\n"
		"DefaultValue=0x641\n[1280sub2]\nParameterName=s2c\n"
		"DataType=7\nAccessType=rw\nDefaultValue=0x5C1\n"
		"[1280sub3]\nParameterName=node\nDataType=5\nAccessType=rw\n"
		"DefaultValue=0x41\n";

	od_comm_get(od, c);
	check(c->has_emcy && c->emcy_cob == 0x85, "1014h EMCY $NodeID+0x80");
	check(c->nsdo == 1 && c->sdo[0].cob_c2s == 0x605 &&
	      c->sdo[0].cob_s2c == 0x585 && !c->sdo[0].client,
	      "1200h server SDO with $NODEID in both orders");
	od_free(od);
	od = load("q-compact.eds", 0, &d);
	od_comm_get(od, c);
	check(c->nhb_cons == 2 && c->hb_cons[0].node == 5 &&
	      c->hb_cons[0].ms == 100 && c->hb_cons[1].node == 10 &&
	      c->hb_cons[1].ms == 500,
	      "1016h consumer entries from [1016Value]");
	od_free(od);
	od = load("q-dcf.dcf", 0, &d);
	od_comm_get(od, c);
	check(c->has_hb_producer && c->hb_producer_ms == 250,
	      "1017h producer from the DCF ParameterValue");
	od_free(od);
	od = eds_load_mem("mem.eds", guard, sizeof(guard) - 1, 9, &d, err,
			  sizeof(err));
	od_comm_get(od, c);
	check(c->has_guard && c->life_time_ms == 300,
	      "guard time 100 ms x life time factor 3");
	check(c->has_sync && c->sync_cob == 0x40000080 && c->has_time &&
	      c->time_cob == 0x80000100, "1005h SYNC and 1012h TIME COB-IDs");
	check(c->nsdo == 1 && c->sdo[0].client && c->sdo[0].cob_c2s == 0x641
	      && c->sdo[0].has_peer && c->sdo[0].peer == 0x41,
	      "1280h client SDO channel with peer node");
	od_free(od);
	eds_diag_free(&d);
	free(c);
}

int
main(void)
{
	struct eds_diag d = { 0 };
	struct od *od = load("q-pdo.eds", 0x7F, NULL);
	struct pdo_list l;

	check(od != NULL, "q-pdo.eds loads");
	if (od == NULL)
		return check_done();
	check(od_pdo_list(od, &l, &d) == 0, "PDO list built");
	params(&l, &d);
	decode_tpdo1(tpdo(&l, 1));
	decode_more(&l);
	bitfields();
	learned(od);
	comm();
	od_pdo_list_free(&l);
	od_free(od);
	eds_diag_free(&d);
	return check_done();
}
