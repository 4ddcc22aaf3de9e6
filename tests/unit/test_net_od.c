/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_net_od.c - the model's dictionaries: CiA 301 names, PDOs and
 * COB-IDs seeded from an EDS, the CiA 301 re-mapping procedure learned
 * from SDO transfers, mappings read back by a master, heartbeat times */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "dissect.h"
#include "co_objs.h"
#include "eds.h"
#include "net.h"
#include "net_od.h"
#include "net_view.h"
#include "od_value.h"
#include "../../src/out/out_od.h"

static const char eds_text[] =
	"[DeviceInfo]\nVendorName=t\nNrOfTXPDO=1\n"
	"[1017]\nParameterName=Producer heartbeat time\nObjectType=7\n"
	"DataType=0x0006\nAccessType=rw\nDefaultValue=100\n"
	"[1800]\nParameterName=TPDO1 communication\nObjectType=9\n"
	"SubNumber=3\n"
	"[1800sub0]\nParameterName=n\nObjectType=7\nDataType=0x0005\n"
	"AccessType=ro\nDefaultValue=2\n"
	"[1800sub1]\nParameterName=COB-ID\nObjectType=7\nDataType=0x0007\n"
	"AccessType=rw\nDefaultValue=$NODEID+0x180\n"
	"[1800sub2]\nParameterName=type\nObjectType=7\nDataType=0x0005\n"
	"AccessType=rw\nDefaultValue=254\n"
	"[1A00]\nParameterName=TPDO1 mapping\nObjectType=9\nSubNumber=3\n"
	"[1A00sub0]\nParameterName=n\nObjectType=7\nDataType=0x0005\n"
	"AccessType=rw\nDefaultValue=2\n"
	"[1A00sub1]\nParameterName=m1\nObjectType=7\nDataType=0x0007\n"
	"AccessType=rw\nDefaultValue=0x60410010\n"
	"[1A00sub2]\nParameterName=m2\nObjectType=7\nDataType=0x0007\n"
	"AccessType=rw\nDefaultValue=0x60640020\n"
	"[6041]\nParameterName=Statusword\nObjectType=7\nDataType=0x0006\n"
	"AccessType=ro\nPDOMapping=1\n"
	"[6064]\nParameterName=Position actual value\nObjectType=7\n"
	"DataType=0x0004\nAccessType=ro\nPDOMapping=1\n";

static struct co_net net;
static char last[OBUF_SIZE];
static int nconfig;
static struct co_ev_config last_cfg;

/* The change as the text printer words it, without " node=N IIII:SS ". */
static void
out_cfg_text(const struct co_event *ev)
{
	static struct obuf o;
	const struct out_opts opt = { false };
	const char *p;

	ob_reset(&o);
	out_od_text_config(&o, ev, &opt);
	o.b[o.len] = '\0';
	p = strchr(o.b + 1, ' ');
	p = p ? strchr(p + 1, ' ') : NULL;
	snprintf(last, sizeof(last), "%s", p ? p + 1 : o.b);
}

static void
collect(void *arg, const struct co_event *ev)
{
	(void)arg;
	if (ev->kind != CO_EV_CONFIG)
		return;
	nconfig++;
	last_cfg = ev->u.config;
	out_cfg_text(ev);
}

/* A finished expedited transfer writing (dl) or reading v. */
static void
xfer(uint8_t node, bool dl, uint16_t index, uint8_t sub, uint32_t v)
{
	struct co_event ev;
	uint8_t d[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 24) };

	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_SDO_XFER;
	ev.node = node;
	ev.u.xfer.dir = dl ? SDO_C2S : SDO_S2C;
	ev.u.xfer.result = XFER_OK;
	ev.u.xfer.has_mux = true;
	ev.u.xfer.index = index;
	ev.u.xfer.sub = sub;
	ev.u.xfer.got = 4;
	ev.u.xfer.data = d;
	last[0] = '\0';
	net_od_learn(&net, &ev, collect, NULL);
}

static const struct pdo_map *
pdo_at(uint32_t id)
{
	struct co_route r;

	if (!net_route(&net, id, false, &r) || r.kind != CO_RT_PDO)
		return NULL;
	return r.map;
}

/* sorted by lo, sane ranges, names, known types */
static bool
table_ok(const struct co_objdef *t)
{
	const struct co_objdef *d;
	uint16_t prev = 0;

	for (d = t; d->name; d++) {
		if (d->lo < prev || d->lo > d->hi || d->sub_lo > d->sub_hi ||
		    d->name[0] == '\0' || od_type(d->dtype) == NULL)
			return false;
		prev = d->lo;
	}
	return d != t;
}

static void
test_std_names(void)
{
	struct co_obj o;

	check(table_ok(co_objdefs), "CiA 301 table sorted and complete");
	check(table_ok(co_objdefs_402), "CiA 402 table sorted and complete");
	check(net_obj_info(NULL, 5, 0x1018, 1, &o) &&
	      strcmp(o.name, "Vendor-ID") == 0 &&
	      o.dtype == OD_UNSIGNED32 && (o.flags & CO_OBJ_HEX),
	      "1018:01 is the Vendor-ID, UNSIGNED32 in hex");
	check(net_obj_info(NULL, 5, 0x1A05, 3, &o) &&
	      strcmp(o.name, "Mapped object") == 0,
	      "1A05:03 is a TPDO6 mapping entry");
	check(net_obj_info(NULL, 5, 0x1805, 5, &o) &&
	      o.dtype == OD_UNSIGNED16, "1805:05 event timer UNSIGNED16");
	check(net_obj_info(NULL, 5, 0x6041, 0, &o) &&
	      strcmp(o.name, "Statusword") == 0,
	      "6041 without an EDS: CiA 402 Statusword");
	check(!net_obj_info(NULL, 5, 0x2000, 0, &o),
	      "2000h without an EDS: unknown");
}

static void
test_seed(void)
{
	struct od *ods[NET_NODES] = { NULL };
	const struct pdo_map *m;
	struct co_obj o;
	char err[128];

	ods[5] = eds_load_mem("t.eds", eds_text, sizeof(eds_text) - 1, 5,
			      NULL, err, sizeof(err));
	check(ods[5] != NULL, "test EDS loads");
	if (ods[5] == NULL)
		return;
	net_init(&net);
	check(net_od_seed(&net, ods) == 0, "seeded");
	m = pdo_at(0x185);
	check(m != NULL && m->tx && m->num == 1 && m->nentries == 2 &&
	      m->total_bits == 48, "TPDO1 at 0x185 with 2 entries, 48 bits");
	check(m != NULL && strcmp(m->e[1].name, "Position actual value") == 0
	      && m->e[1].dtype == OD_INTEGER32, "entry named and typed");
	check(net.nodes[5].hb_timeout_ms == 150,
	      "1017h 100 ms: expected within 150 ms");
	check(net_obj_info(&net, 5, 0x6041, 0, &o) &&
	      strcmp(o.name, "Statusword") == 0, "EDS name for 6041");
	check(pdo_at(0x186) == NULL, "no PDO at 0x186");
	/* the CiA 301 re-mapping procedure */
	xfer(5, true, 0x1800, 1, 0x80000185);
	check(strcmp(last, "TPDO1 disabled, COB-ID 0x185 -> 0x80000185") == 0,
	      "COB-ID bit 31: disabled");
	check(last_cfg.what == CO_CFG_COB && last_cfg.obj == CO_CFG_TPDO &&
		  last_cfg.num == 1 && last_cfg.has_old &&
		  last_cfg.old_v == 0x185 && last_cfg.new_v == 0x80000185 &&
		  last_cfg.index == 0x1800 && last_cfg.sub == 1,
	      "the event carries the change as data, not words");
	check(pdo_at(0x185) == NULL, "disabled PDO not routed");
	xfer(5, true, 0x1A00, 0, 0);
	check(strcmp(last, "TPDO1 mapping cleared (no objects)") == 0,
	      "sub 0 = 0 clears");
	nconfig = 0;
	xfer(5, true, 0x1A00, 1, 0x60640020);
	xfer(5, true, 0x1A00, 2, 0x60410010);
	check(nconfig == 0, "entries written while sub 0 = 0: no change yet");
	xfer(5, true, 0x1A00, 0, 2);
	check(strcmp(last, "TPDO1 mapping: 6064:00/32 6041:00/16 (6 bytes)")
	      == 0, "sub 0 = 2 applies the new entries");
	xfer(5, true, 0x1800, 1, 0x190);
	check(strcmp(last, "TPDO1 enabled, COB-ID 0x80000185 -> 0x190") == 0,
	      "valid again on a new COB-ID");
	m = pdo_at(0x190);
	check(m != NULL && m->e[0].index == 0x6064 && m->e[1].offset == 32,
	      "moved PDO decodes with the new mapping");
	nconfig = 0;
	xfer(5, false, 0x1800, 1, 0x190);
	check(nconfig == 0, "reading the same value back changes nothing");
	xfer(5, true, 0x1017, 0, 0);
	check(net.nodes[5].hb_timeout_ms == 0, "1017h = 0: not monitored");
	net_od_free(&net);
	od_free(ods[5]);
}

static void
test_learn_no_eds(void)
{
	const struct pdo_map *m;

	net_init(&net);
	check(net.od == NULL, "no state before anything is learned");
	xfer(7, false, 0x1A00, 0, 2);       /* master reads sub 0 first */
	check(last[0] == '\0', "count alone says nothing");
	xfer(7, false, 0x1A00, 1, 0x60410010);
	check(last[0] == '\0', "one of two entries known");
	xfer(7, false, 0x1A00, 2, 0x21000108);
	check(strcmp(last, "TPDO1 mapping: 6041:00/16 2100:01/8 (3 bytes)")
	      == 0, "mapping learned from uploads");
	m = pdo_at(0x187);
	check(m != NULL && m->nentries == 2 &&
	      strcmp(m->e[0].name, "Statusword") == 0 &&
	      m->e[1].name[0] == '\0',
	      "predefined COB-ID 0x187, CiA 402 name, 2100:01 unnamed");
	xfer(7, false, 0x1000, 0, 0x00020191);
	check(m != NULL && m->e[0].name[0] == '\0' && m->e[0].dtype == 0,
	      "device type CiA 401: no CiA 402 names");
	xfer(7, true, 0x1A04, 0, 1);
	xfer(7, true, 0x1A04, 1, 0x60640020);
	check(strcmp(last, "TPDO5 mapping: 6064:00/32 (4 bytes)") == 0,
	      "TPDO5 mapping");
	xfer(7, true, 0x1804, 1, 0x40000387);
	check(pdo_at(0x387) != NULL && pdo_at(0x387)->num == 5,
	      "TPDO5 routed on 0x387 once its COB-ID is known");
	xfer(7, true, 0x1014, 0, 0xC7);
	{
		struct co_route r;

		check(net_route(&net, 0xC7, false, &r) &&
		      r.kind == CO_RT_EMCY && r.node == 7,
		      "EMCY moved to 0x0C7");
	}
	xfer(7, true, 0x1012, 0, 0xC0000104);
	{
		struct co_route r;

		check(net_route(&net, 0x104, false, &r) &&
		      r.kind == CO_RT_TIME,
		      "TIME on 0x104 (consumer/producer bits ignored)");
		xfer(7, true, 0x1201, 1, 0x00000650);
		check(!net_route(&net, 0x650, false, &r),
		      "SDO channel unused while sub 2 is not valid");
		xfer(7, true, 0x1201, 2, 0x000005D0);
		check(net_route(&net, 0x650, false, &r) &&
		      r.kind == CO_RT_SDO && r.node == 7 && r.chan == 1 &&
		      r.dir == SDO_C2S, "SDO channel 1201h: client->server");
		check(net_route(&net, 0x5D0, false, &r) &&
		      r.kind == CO_RT_SDO && r.dir == SDO_S2C,
		      "SDO channel 1201h: server->client");
	}
	xfer(1, true, 0x1016, 1, 0x00070064);
	check(net.nodes[7].hb_timeout_ms == 100,
	      "1016h of node 1: node 7 within 100 ms");
	check(strcmp(last, "heartbeat consumer: node 7 within 100 ms") == 0,
	      "consumer entry reported");
	xfer(20, true, 0x100C, 0, 100);
	check(strcmp(last, "guarding time 100 ms") == 0, "guard time");
	xfer(20, true, 0x100D, 0, 3);
	check(net.nodes[20].hb_timeout_ms == 300,
	      "guarded: lost after guard time x life time factor");
	xfer(20, true, 0x1017, 0, 40);
	check(net.nodes[20].hb_timeout_ms == 60,
	      "a heartbeat producer time takes precedence over guarding");
	nconfig = 0;
	xfer(20, true, 0x1017, 1, 40);
	check(nconfig == 0, "1017h has no sub 1");
	net_od_free(&net);
}

static struct co_event dev;

/* dissect_frame() with the model's routes, as pipe.c wires it */
static const struct co_event *
decode(uint32_t id, uint16_t flags, const uint8_t *d, uint8_t len)
{
	static struct co_frame f;
	static struct pdo_value vals[PDO_MAX_ENTRIES];
	struct co_ctx ctx = { .net = &net, .route = net_route,
			      .obj_info = net_obj_info, .pdo_vals = vals };

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.flags = flags;
	f.len = len;
	if (d)
		memcpy(f.data, d, len);
	dissect_frame(&ctx, &f, &dev);
	return &dev;
}

static void
test_dissect_routes(void)
{
	static const uint8_t pdo[6] = { 0x37, 0x06, 0xE8, 0x03, 0, 0 };
	static const uint8_t sdo[8] = { 0x40, 0x18, 0x10, 0x01 };
	const struct co_event *e;
	uint8_t owner = 0;

	net_init(&net);
	xfer(3, true, 0x1A09, 1, 0x60410010);
	xfer(3, true, 0x1A09, 0, 1);
	xfer(3, true, 0x1809, 1, 0x6000ABCD);     /* 29-bit, no RTR */
	e = decode(0xABCD, CO_F_EFF, pdo, 2);
	check(e->kind == CO_EV_PDO && e->node == 3 && e->u.pdo.num == 10 &&
	      !e->u.pdo.rx && e->u.pdo.map != NULL && e->status == CO_OK,
	      "29-bit TPDO10 of node 3 with its mapping");
	check(net_pdo_count(&net) == 1 && net_pdo_at(&net, 0, &owner) &&
		  owner == 3 && net_pdo_at(&net, 0, NULL)->num == 10 &&
		  net_pdo_at(&net, 1, NULL) == NULL,
	      "view: the PDO list");
	check(e->u.pdo.vals != NULL && e->u.pdo.vals[0].present &&
	      e->u.pdo.vals[0].u == 0x0637,
	      "its values decoded once, in the dissector");
	e = decode(0xABCD, CO_F_EFF, pdo, 6);
	check(e->status == CO_INVALID && e->u.pdo.map != NULL,
	      "6 bytes for a 2-byte mapping: invalid");
	e = decode(0xABCD, CO_F_EFF | CO_F_RTR, NULL, 0);
	check(e->kind == CO_EV_PDO && e->u.pdo.rtr &&
	      e->status == CO_INVALID, "RTR refused by COB-ID bit 30");
	e = decode(0xABCD, 0, pdo, 2);
	check(e->kind == CO_EV_UNKNOWN, "same number as 11-bit: not routed");
	xfer(3, true, 0x1202, 1, 0x6C3);
	xfer(3, true, 0x1202, 2, 0x5C3);
	e = decode(0x6C3, 0, sdo, 8);
	check(e->kind == CO_EV_SDO && e->node == 3 && e->u.sdo.chan == 2 &&
	      e->u.sdo.dir == SDO_C2S && e->u.sdo.index == 0x1018 &&
	      e->u.sdo.obj.name != NULL &&
	      strcmp(e->u.sdo.obj.name, "Vendor-ID") == 0,
	      "SDO channel 2 request, object named");
	e = decode(0x5C3, 0, sdo, 8);
	check(e->kind == CO_EV_SDO && e->u.sdo.dir == SDO_S2C &&
	      e->u.sdo.chan == 2, "SDO channel 2 response direction");
	e = decode(0x183, 0, pdo, 6);
	check(e->kind == CO_EV_PDO && e->u.pdo.map == NULL &&
	      e->u.pdo.num == 1, "predefined TPDO1 stays unmapped");
	net_od_free(&net);
	e = decode(0x185, 0, pdo, 6);
	check(e->kind == CO_EV_PDO && e->u.pdo.map == NULL,
	      "no configuration: predefined set only");
}

int
main(void)
{
	test_std_names();
	test_seed();
	test_learn_no_eds();
	test_dissect_routes();
	return check_done();
}
