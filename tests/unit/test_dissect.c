/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_dissect.c - the CANopen dissectors on hand-built frames: routing,
 * every SDO command specifier in both directions, block segments and
 * guarding through a fake model, NMT/SYNC/TIME/EMCY/HB/PDO/LSS checks */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect.h"
#include "check.h"

struct fake_net {
	bool in_block;          /* answer of sdo_in_block */
	uint8_t blk_dir;        /* ... only for this direction */
	bool guard;             /* answer of guard_pending */
};

static bool
fake_in_block(const struct co_net *net, uint8_t node, uint8_t chan,
	      uint8_t dir, const uint8_t *d, size_t len, uint64_t ts_ns)
{
	const struct fake_net *fn = (const struct fake_net *)(const void *)net;

	(void)node;
	(void)d;
	(void)len;
	(void)ts_ns;
	return chan == 0 && fn->in_block && dir == fn->blk_dir;
}

static bool
fake_guard(const struct co_net *net, uint8_t node)
{
	const struct fake_net *fn = (const struct fake_net *)(const void *)net;

	(void)node;
	return fn->guard;
}

static struct fake_net model;
static const struct co_ctx no_model = { .net = NULL };
static const struct co_ctx with_model = {
	.net = (const struct co_net *)(const void *)&model,
	.sdo_in_block = fake_in_block,
	.guard_pending = fake_guard,
};

static struct co_frame frm;
static struct co_event ev;

/* Decode id#hex (e.g. "4318100123010000"); flags CO_F_*. */
static const struct co_event *
dis(const struct co_ctx *ctx, uint32_t id, uint16_t flags, const char *hex)
{
	size_t i, n = strlen(hex) / 2;
	char b[3] = { 0, 0, 0 };

	memset(&frm, 0, sizeof(frm));
	frm.id = id;
	frm.flags = flags;
	frm.len = (uint8_t)n;
	frm.ts_ns = 1000;
	for (i = 0; i < n; i++) {
		b[0] = hex[2 * i];
		b[1] = hex[2 * i + 1];
		frm.data[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	dissect_frame(ctx, &frm, &ev);
	return &ev;
}

static const struct co_event *
d(uint32_t id, const char *hex)
{
	return dis(&no_model, id, 0, hex);
}

static bool
why_is(const struct co_event *e, const char *why)
{
	return e->why != NULL && strcmp(e->why, why) == 0;
}

static void
test_routing(void)
{
	const struct co_event *e;

	e = d(0x705, "05");
	check(e->kind == CO_EV_HEARTBEAT && e->node == 5 && e->ts_ns == 1000 &&
	      e->cob_id == 0x705 && e->frame == &frm, "0x705 heartbeat node 5");
	e = dis(&no_model, 0x705, CO_F_EFF, "05");
	check(e->kind == CO_EV_UNKNOWN, "29-bit 0x705 stays unknown");
	e = dis(&no_model, 0x20000004, CO_F_ERR, "0000040000000000");
	check(e->kind == CO_EV_ERROR_FRAME && e->status == CO_OK,
	      "error frame");
	e = d(0x001, "0100");
	check(e->kind == CO_EV_UNKNOWN, "0x001 reserved: unknown");
	e = d(0x101, "59A55901F92C");
	check(e->kind == CO_EV_UNKNOWN, "0x101 reserved: unknown");
	e = d(0x680, "0102030405060708");
	check(e->kind == CO_EV_UNKNOWN, "0x680 unrouted: unknown");
	e = d(0x7E3, "0102");
	check(e->kind == CO_EV_UNKNOWN, "0x7E3 unknown");
	e = d(0x580, "4300100092010200");
	check(e->kind == CO_EV_SDO && e->status == CO_INVALID &&
	      why_is(e, "node-id 0") && e->u.sdo.index == 0x1000,
	      "0x580: SDO decoded, node-id 0 invalid");
	e = d(0x700, "7F");
	check(e->kind == CO_EV_HEARTBEAT && e->status == CO_INVALID &&
	      why_is(e, "node-id 0"), "0x700 heartbeat node-id 0 invalid");
	e = d(0x200, "01");
	check(e->kind == CO_EV_PDO && e->status == CO_OK && e->u.pdo.rx &&
	      e->u.pdo.num == 1, "0x200 RPDO1 node 0 is fine");
	e = dis(&no_model, 0x705, CO_F_RTR, "");
	check(e->kind == CO_EV_GUARD_REQ && e->node == 5, "RTR 0x705 guard");
	frm.len = 1;
	dissect_frame(&no_model, &frm, &ev);
	check(ev.u.guard_req.len == 1, "guard request keeps requested dlc");
	e = dis(&no_model, 0x285, CO_F_RTR, "");
	check(e->kind == CO_EV_PDO && e->u.pdo.rtr && e->u.pdo.num == 2 &&
	      !e->u.pdo.rx, "RTR 0x285 TPDO2 request");
	e = dis(&no_model, 0x305, CO_F_RTR, "");
	check(e->kind == CO_EV_UNKNOWN, "RTR on RPDO2 unknown");
	e = dis(&no_model, 0x605, CO_F_RTR, "");
	check(e->kind == CO_EV_UNKNOWN, "RTR on SDO unknown");
}

static void
test_nmt_sync_time(void)
{
	const struct co_event *e;

	e = d(0x000, "0100");
	check(e->kind == CO_EV_NMT && e->u.nmt.cs == 1 && e->u.nmt.target == 0
	      && e->node == 0 && e->status == CO_OK, "NMT start all");
	e = d(0x000, "8205");
	check(e->u.nmt.cs == 0x82 && e->node == 5, "NMT reset comm node 5");
	e = d(0x000, "0305");
	check(e->status == CO_INVALID && why_is(e, "unknown command"),
	      "NMT unknown command invalid");
	e = d(0x000, "01");
	check(e->status == CO_SHORT && why_is(e, "dlc 1 < 2"), "NMT short");
	e = d(0x000, "010500");
	check(e->status == CO_INVALID && why_is(e, "dlc 3 > 2"), "NMT long");
	e = d(0x000, "0180");
	check(e->status == CO_INVALID, "NMT node 128 invalid");

	e = d(0x080, "");
	check(e->kind == CO_EV_SYNC && !e->u.sync.has_counter &&
	      e->status == CO_OK, "SYNC without counter");
	e = d(0x080, "F0");
	check(e->u.sync.has_counter && e->u.sync.counter == 240 &&
	      e->status == CO_OK, "SYNC counter 240");
	e = d(0x080, "00");
	check(e->status == CO_INVALID, "SYNC counter 0 invalid");
	e = d(0x080, "F1");
	check(e->status == CO_INVALID, "SYNC counter 241 invalid");
	e = d(0x080, "0102");
	check(e->status == CO_INVALID && why_is(e, "dlc 2 > 1"),
	      "SYNC 2 bytes invalid");

	e = d(0x100, "59A559F1F92C");
	check(e->kind == CO_EV_TIME && e->u.time.ms == 22652249 &&
	      e->u.time.rsvd == 0xF && e->u.time.days == 11513 &&
	      e->status == CO_OK, "TIME reserved bits masked");
	e = d(0x100, "59A55901");
	check(e->status == CO_SHORT && why_is(e, "dlc 4 < 6"), "TIME short");
	e = d(0x100, "005C2605F92C");
	check(e->status == CO_INVALID, "TIME ms >= 86400000 invalid");
}

static void
test_emcy_hb(void)
{
	const struct co_event *e;

	e = d(0x085, "3081110102030405");
	check(e->kind == CO_EV_EMCY && e->u.emcy.code == 0x8130 &&
	      e->u.emcy.reg == 0x11 && e->u.emcy.msef[0] == 1 &&
	      e->u.emcy.msef[4] == 5 && e->status == CO_OK, "EMCY fields");
	e = d(0x085, "308111");
	check(e->status == CO_SHORT && why_is(e, "dlc 3 < 8") &&
	      e->u.emcy.code == 0x8130, "EMCY short keeps code");

	e = d(0x705, "00");
	check(e->kind == CO_EV_BOOTUP, "boot-up");
	e = d(0x705, "7F");
	check(e->kind == CO_EV_HEARTBEAT && e->u.hb.state == 127, "HB preop");
	e = d(0x705, "02");
	check(e->status == CO_INVALID, "HB state 2 invalid");
	e = d(0x705, "");
	check(e->status == CO_SHORT && why_is(e, "dlc 0 < 1"), "HB short");
	e = d(0x705, "85");
	check(e->kind == CO_EV_GUARD_RSP && e->u.hb.toggle &&
	      e->u.hb.state == 5, "no model: bit 7 set = guard response");
	model.guard = false;
	e = dis(&with_model, 0x705, 0, "85");
	check(e->kind == CO_EV_HEARTBEAT && e->status == CO_INVALID,
	      "model, nothing pending: bit 7 set heartbeat invalid");
	model.guard = true;
	e = dis(&with_model, 0x705, 0, "05");
	check(e->kind == CO_EV_GUARD_RSP && !e->u.hb.toggle,
	      "model, guard pending: toggle 0 guard response");
	e = dis(&with_model, 0x705, 0, "00");
	check(e->kind == CO_EV_BOOTUP, "boot-up even while guard pending");
	e = dis(&with_model, 0x705, 0, "80");
	check(e->kind == CO_EV_GUARD_RSP && e->status == CO_INVALID,
	      "guard response state 0 invalid");
	model.guard = false;
}

/* SDO c->s on 0x605, s->c on 0x585 */
static const struct co_ev_sdo *
sc(const char *hex)
{
	return &d(0x605, hex)->u.sdo;
}

static const struct co_ev_sdo *
ss(const char *hex)
{
	return &d(0x585, hex)->u.sdo;
}

static void
test_sdo_client(void)
{
	const struct co_ev_sdo *s;

	s = sc("2F00620001000000");
	check(s->fn == SDO_FN_INIT_DL_REQ && s->dir == SDO_C2S && s->e &&
	      s->s && s->n == 3 && s->len == 1 && s->data[0] == 1 &&
	      s->size == 1 && s->index == 0x6200 && s->has_mux,
	      "c->s init download expedited 1 byte");
	s = sc("2200620001020304");
	check(s->e && !s->s && s->len == 4 && s->size == 0 &&
	      s->data[3] == 4, "c->s init download expedited, no size");
	s = sc("210810001A000000");
	check(!s->e && s->s && s->size == 26 && s->len == 0,
	      "c->s init download segmented with size");
	s = sc("2008100000000000");
	check(!s->e && !s->s && s->size == 0, "c->s init download no size");
	s = sc("0B41424344000000");
	check(s->fn == SDO_FN_DL_SEG_REQ && !s->toggle && s->n == 5 &&
	      s->last && s->len == 2 && s->data[1] == 0x42,
	      "c->s download segment t=0 n=5 c=1");
	s = sc("1041424344454647");
	check(s->toggle && !s->last && s->len == 7, "c->s dl segment t=1");
	s = sc("4018100100000000");
	check(s->fn == SDO_FN_INIT_UL_REQ && s->index == 0x1018 &&
	      s->sub == 1, "c->s init upload");
	s = sc("7000000000000000");
	check(s->fn == SDO_FN_UL_SEG_REQ && s->toggle, "c->s upload seg t=1");
	s = sc("8000100000000406");
	check(s->fn == SDO_FN_ABORT && s->abort_code == 0x06040000 &&
	      s->index == 0x1000, "c->s abort");
	s = sc("A40810007F050000");
	check(s->fn == SDO_FN_BLK_UL_INIT_REQ && s->crc && s->blksize == 127
	      && s->pst == 5 && s->index == 0x1008, "c->s block upload init");
	s = sc("A100000000000000");
	check(s->fn == SDO_FN_BLK_UL_END_RSP, "c->s block upload end rsp");
	s = sc("A2047F0000000000");
	check(s->fn == SDO_FN_BLK_UL_ACK && s->ackseq == 4 &&
	      s->blksize == 127, "c->s block upload ack");
	s = sc("A300000000000000");
	check(s->fn == SDO_FN_BLK_UL_START, "c->s block upload start");
	s = sc("C600200014000000");
	check(s->fn == SDO_FN_BLK_DL_INIT_REQ && s->crc && s->s &&
	      s->size == 20 && s->index == 0x2000, "c->s block download init");
	s = sc("C000200014000000");
	check(!s->crc && !s->s && s->size == 0, "c->s block dl init no size");
	s = sc("C5A8CC0000000000");
	check(s->fn == SDO_FN_BLK_DL_END_REQ && s->n == 1 &&
	      s->crc_val == 0xCCA8, "c->s block download end");
	check(d(0x605, "E000000000000000")->status == CO_INVALID &&
	      ev.u.sdo.fn == SDO_FN_UNKNOWN, "c->s ccs 7 invalid");
	check(d(0x605, "A2000A0000000000")->status == CO_OK &&
	      d(0x605, "A200000000000000")->status == CO_INVALID &&
	      d(0x605, "A280800000000000")->status == CO_INVALID,
	      "block ack blksize/ackseq ranges");
}

static void
test_sdo_server(void)
{
	const struct co_ev_sdo *s;

	s = ss("4B17100064000000");
	check(s->fn == SDO_FN_INIT_UL_RSP && s->dir == SDO_S2C && s->e &&
	      s->len == 2 && s->data[0] == 0x64, "s->c init upload exp 2");
	s = ss("410810001A000000");
	check(!s->e && s->s && s->size == 26, "s->c init upload with size");
	s = ss("0054696E79204E6F");
	check(s->fn == SDO_FN_UL_SEG_RSP && s->len == 7 && !s->last,
	      "s->c upload segment");
	s = ss("15696E7320210000");
	check(s->toggle && s->n == 2 && s->last && s->len == 5,
	      "s->c upload segment last n=2");
	s = ss("3000000000000000");
	check(s->fn == SDO_FN_DL_SEG_RSP && s->toggle, "s->c dl seg rsp t=1");
	s = ss("6017100000000000");
	check(s->fn == SDO_FN_INIT_DL_RSP && s->index == 0x1017,
	      "s->c init download rsp");
	s = ss("80FF2F0000000206");
	check(s->fn == SDO_FN_ABORT && s->abort_code == 0x06020000,
	      "s->c abort");
	s = ss("A40020007F000000");
	check(s->fn == SDO_FN_BLK_DL_INIT_RSP && s->crc && s->blksize == 127,
	      "s->c block download init rsp");
	s = ss("A100000000000000");
	check(s->fn == SDO_FN_BLK_DL_END_RSP, "s->c block download end rsp");
	s = ss("A2037F0000000000");
	check(s->fn == SDO_FN_BLK_DL_ACK && s->ackseq == 3,
	      "s->c block download ack");
	check(d(0x585, "A300000000000000")->status == CO_INVALID,
	      "s->c scs 5 ss 3 invalid");
	s = ss("C60810001A000000");
	check(s->fn == SDO_FN_BLK_UL_INIT_RSP && s->crc && s->s &&
	      s->size == 26, "s->c block upload init rsp");
	s = ss("C940E10000000000");
	check(s->fn == SDO_FN_BLK_UL_END_REQ && s->n == 2 &&
	      s->crc_val == 0xE140, "s->c block upload end");
	check(d(0x585, "E000000000000000")->status == CO_INVALID,
	      "s->c scs 7 invalid");
	check(d(0x585, "43001000")->status == CO_SHORT &&
	      why_is(&ev, "dlc 4 < 8"), "SDO short");
	check(d(0x605, "")->status == CO_SHORT &&
	      ev.u.sdo.fn == SDO_FN_UNKNOWN, "SDO empty");
}

static void
test_sdo_block_seg(void)
{
	const struct co_event *e;

	model.in_block = true;
	model.blk_dir = SDO_C2S;
	e = dis(&with_model, 0x605, 0, "8378666572212100");
	check(e->u.sdo.fn == SDO_FN_BLK_DL_SEG && e->u.sdo.seqno == 3 &&
	      e->u.sdo.last && e->u.sdo.len == 7 && e->u.sdo.data[0] == 0x78 &&
	      e->status == CO_OK, "in block: c->s last segment seqno 3");
	e = dis(&with_model, 0x585, 0, "A2037F0000000000");
	check(e->u.sdo.fn == SDO_FN_BLK_DL_ACK,
	      "in block c->s: server frames decode normally");
	e = dis(&with_model, 0x605, 0, "8000200010000000");
	check(e->u.sdo.fn == SDO_FN_ABORT && e->u.sdo.abort_code == 0x10 &&
	      e->u.sdo.index == 0x2000 && e->status == CO_OK,
	      "in block: 0x80 (seqno 0) is the sender's abort");
	model.blk_dir = SDO_S2C;
	e = dis(&with_model, 0x585, 0, "0154696E79204E6F");
	check(e->u.sdo.fn == SDO_FN_BLK_UL_SEG && e->u.sdo.seqno == 1 &&
	      !e->u.sdo.last, "in block: s->c upload segment seqno 1");
	model.in_block = false;
	e = dis(&with_model, 0x585, 0, "0154696E79204E6F");
	check(e->u.sdo.fn == SDO_FN_UL_SEG_RSP,
	      "outside a block: normal segment");
}

static void
test_pdo_lss(void)
{
	const struct co_event *e;
	static const char big[] = "000102030405060708090A0B";

	e = dis(&no_model, 0x185, CO_F_FD, big);
	check(e->kind == CO_EV_PDO && e->u.pdo.num == 1 && !e->u.pdo.rx &&
	      e->status == CO_OK && e->u.pdo.map == NULL, "FD TPDO1 12 bytes");
	e = d(0x505, "");
	check(e->u.pdo.num == 4 && e->u.pdo.rx, "RPDO4 empty");
	e = dis(&no_model, 0x605, CO_F_FD, big);
	check(e->status == CO_INVALID && why_is(e, "dlc 12 > 8"),
	      "FD SDO 12 bytes invalid");

	e = d(0x7E5, "0401000000000000");
	check(e->kind == CO_EV_LSS && e->u.lss.master && e->u.lss.mode == 1 &&
	      e->node == 0 && e->status == CO_OK, "LSS switch global config");
	e = d(0x7E5, "0402000000000000");
	check(e->status == CO_INVALID, "LSS mode 2 invalid");
	e = d(0x7E5, "4278563412000000");
	check(e->u.lss.val == 0x12345678, "LSS switch selective revision");
	e = d(0x7E5, "1105000000000000");
	check(e->u.lss.nid == 5 && e->status == CO_OK, "LSS conf node-id 5");
	e = d(0x7E5, "11FF000000000000");
	check(e->status == CO_OK, "LSS conf node-id 255 = unconfigured");
	e = d(0x7E5, "1180000000000000");
	check(e->status == CO_INVALID, "LSS conf node-id 128 invalid");
	e = d(0x7E4, "11FF120000000000");
	check(!e->u.lss.master && e->u.lss.err == 0xFF &&
	      e->u.lss.spec_err == 0x12, "LSS conf node-id response error");
	e = d(0x7E5, "1300040000000000");
	check(e->u.lss.tbl_sel == 0 && e->u.lss.tbl_idx == 4,
	      "LSS conf bit timing");
	e = d(0x7E5, "15C8000000000000");
	check(e->u.lss.delay_ms == 200, "LSS activate bit timing 200 ms");
	e = d(0x7E5, "5178563412801F02");
	check(e->u.lss.val == 0x12345678 && e->u.lss.fs_check == 0x80 &&
	      e->u.lss.fs_sub == 0x1F, "LSS fastscan fields");
	check(e->status == CO_INVALID, "LSS fastscan sub 31 invalid");
	e = d(0x7E5, "5100000000000102");
	check(e->status == CO_OK && e->u.lss.fs_next == 2, "LSS fastscan ok");
	e = d(0x7E4, "5E05000000000000");
	check(e->u.lss.nid == 5 && e->status == CO_OK, "LSS inquire node-id");
	e = d(0x7E4, "5D78563412000000");
	check(e->u.lss.val == 0x12345678, "LSS inquire serial response");
	e = d(0x7E4, "4400000000000000");
	check(e->status == CO_OK, "LSS switch selective response");
	e = d(0x7E5, "4400000000000000");
	check(e->status == CO_INVALID, "LSS 0x44 from master invalid");
	e = d(0x7E4, "9900000000000000");
	check(e->status == CO_INVALID, "LSS unknown cs invalid");
	e = d(0x7E5, "0401");
	check(e->status == CO_SHORT && why_is(e, "dlc 2 < 8"), "LSS short");
}

int
main(void)
{
	test_routing();
	test_nmt_sync_time();
	test_emcy_hb();
	test_sdo_client();
	test_sdo_server();
	test_sdo_block_seg();
	test_pdo_lss();
	return check_done();
}
