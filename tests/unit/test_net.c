/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_net.c - the network model: NMT state tracking, heartbeat/guarding
 * supervision from frame time (CiA 301 7.2.8.3), EMCY history, SDO
 * transfers of several nodes interleaved, options */
#include "config.h"

#include <string.h>

#include "check.h"
#include "net.h"
#include "net_view.h"
#include "sdo_ev.h"
#include "sdo_script.h"

#define MS 1000000ull
#define T0 (1700000000ull * 1000 * MS)
#define MAX_EV 64

static struct co_net net;
static struct co_event got[MAX_EV];
static uint8_t got_data[MAX_EV][64];
static int ngot;
static struct co_frame frame;

static void
collect(void *arg, const struct co_event *ev)
{
	(void)arg;
	if (ngot >= MAX_EV)
		return;
	got[ngot] = *ev;
	if (ev->kind == CO_EV_SDO_XFER && ev->u.xfer.data) {
		memcpy(got_data[ngot], ev->u.xfer.data,
		       ev->u.xfer.got < 64 ? ev->u.xfer.got : 64);
		got[ngot].u.xfer.data = got_data[ngot];
	}
	ngot++;
}

static void
reset(void)
{
	net_init(&net);
	ngot = 0;
}

/* Tick then apply, as the pipe does. */
static void
apply(struct co_event *ev)
{
	ev->frame = &frame;
	frame.ts_ns = ev->ts_ns;
	net_tick(&net, ev->ts_ns, collect, NULL);
	net_apply(&net, ev, collect, NULL);
}

static void
send_kind(enum co_ev_kind kind, uint8_t node, uint64_t t_ms, uint8_t state,
	  bool toggle)
{
	struct co_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.node = node;
	ev.ts_ns = T0 + t_ms * MS;
	ev.u.hb.state = state;
	ev.u.hb.toggle = toggle;
	apply(&ev);
}

static void
send_nmt(uint8_t cs, uint8_t target, uint64_t t_ms)
{
	struct co_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_NMT;
	ev.ts_ns = T0 + t_ms * MS;
	ev.u.nmt.cs = cs;
	ev.u.nmt.target = target;
	apply(&ev);
}

static bool
is_state(int i, uint8_t node, uint8_t from, uint8_t to, uint8_t cause)
{
	return i < ngot && got[i].kind == CO_EV_NODE_STATE &&
	       got[i].node == node && got[i].u.nodeev.old_state == from &&
	       got[i].u.nodeev.new_state == to &&
	       got[i].u.nodeev.cause == cause;
}

static void
test_nmt_states(void)
{
	reset();
	send_kind(CO_EV_BOOTUP, 5, 0, 0, false);
	check(ngot == 1 &&
		  is_state(0, 5, NET_STATE_UNKNOWN, NMT_ST_PREOP,
			   NET_CAUSE_BOOTUP) &&
		  got[0].u.nodeev.bootups == 1,
	      "boot-up: pre-operational, #1");
	send_kind(CO_EV_HEARTBEAT, 5, 100, NMT_ST_PREOP, false);
	check(ngot == 1, "same state again: no event");
	send_kind(CO_EV_HEARTBEAT, 6, 100, NMT_ST_OPERATIONAL, false);
	check(is_state(1, 6, NET_STATE_UNKNOWN, NMT_ST_OPERATIONAL,
		       NET_CAUSE_HEARTBEAT),
	      "heartbeat gives the state");
	send_nmt(NMT_CS_START, 0, 200);
	check(ngot == 3 && is_state(2, 5, NMT_ST_PREOP, NMT_ST_OPERATIONAL,
				    NET_CAUSE_NMT),
	      "broadcast start: known nodes that change");
	send_nmt(NMT_CS_STOP, 6, 300);
	check(ngot == 4 && is_state(3, 6, NMT_ST_OPERATIONAL, NMT_ST_STOPPED,
				    NET_CAUSE_NMT),
	      "stop node 6");
	send_nmt(NMT_CS_RESET_NODE, 0, 400);
	check(ngot == 6 &&
		  is_state(4, 5, NMT_ST_OPERATIONAL, NMT_ST_BOOTUP,
			   NET_CAUSE_NMT) &&
		  is_state(5, 6, NMT_ST_STOPPED, NMT_ST_BOOTUP, NET_CAUSE_NMT),
	      "broadcast reset: initializing");
	send_kind(CO_EV_BOOTUP, 5, 500, 0, false);
	check(is_state(6, 5, NMT_ST_BOOTUP, NMT_ST_PREOP, NET_CAUSE_BOOTUP) &&
		  net.nodes[5].bootups == 2,
	      "second boot-up counted");
	send_kind(CO_EV_BOOTUP, 5, 600, 0, false);
	check(ngot == 8 && net.nodes[5].bootups == 3,
	      "a reboot in pre-operational is still reported");
	check(net.nodes[7].state == NET_STATE_UNKNOWN,
	      "broadcast does not invent nodes");
}

static void
test_hb_period(void)
{
	const struct co_node *n = &net.nodes[9];

	reset();
	send_kind(CO_EV_HEARTBEAT, 9, 0, 5, false);
	send_kind(CO_EV_HEARTBEAT, 9, 100, 5, false);
	send_kind(CO_EV_HEARTBEAT, 9, 250, 5, false);
	check(n->hb_n == 2 && n->hb_min_ns == 100 * MS &&
		  n->hb_max_ns == 150 * MS && n->hb_sum_ns == 250 * MS,
	      "heartbeat period mean/min/max");
	check(n->seen && n->last_ns == T0 + 250 * MS, "last seen");
}

static void
test_hb_timeout(void)
{
	reset();
	check(net_opt_hb_timeout(&net, "5=1000") == 0, "--hb-timeout 5=1000");
	send_kind(CO_EV_HEARTBEAT, 5, 0, 5, false);
	send_kind(CO_EV_HEARTBEAT, 5, 500, 5, false);
	send_kind(CO_EV_HEARTBEAT, 6, 1499, 5, false);
	check(ngot == 2, "no timeout before 1000 ms of silence");
	send_kind(CO_EV_HEARTBEAT, 6, 1501, 5, false);
	check(ngot == 3 && got[2].kind == CO_EV_HB_TIMEOUT &&
		  got[2].node == 5 && got[2].ts_ns == T0 + 1500 * MS &&
		  got[2].frame == NULL && got[2].u.nodeev.expected_ms == 1000 &&
		  got[2].u.nodeev.last_ns == T0 + 500 * MS,
	      "timeout at last heartbeat + 1000 ms, frame time");
	send_kind(CO_EV_HEARTBEAT, 6, 3000, 5, false);
	check(ngot == 3, "reported once");
	send_kind(CO_EV_HEARTBEAT, 5, 3500, 5, false);
	check(ngot == 4 && got[3].kind == CO_EV_HB_RECOVER &&
		  got[3].u.nodeev.gap_ns == 3000 * MS,
	      "recovery with the gap");
	send_kind(CO_EV_HEARTBEAT, 6, 4600, 5, false);
	check(ngot == 5 && got[4].kind == CO_EV_HB_TIMEOUT &&
		  got[4].ts_ns == T0 + 4500 * MS,
	      "armed again after recovery");
	check(net.nodes[6].timed_out == false,
	      "unmonitored node never times out");
}

/* Two deadlines passed in one silence: reported in time order. */
static void
test_deadline_order(void)
{
	reset();
	net_opt_hb_timeout(&net, "1=800");
	net_opt_hb_timeout(&net, "2=300");
	send_kind(CO_EV_HEARTBEAT, 1, 0, 5, false);
	send_kind(CO_EV_HEARTBEAT, 2, 100, 5, false);
	ngot = 0;
	send_kind(CO_EV_HEARTBEAT, 3, 2000, 5, false);
	check(ngot == 3 && got[0].node == 2 &&
	      got[0].ts_ns == T0 + 400 * MS && got[1].node == 1 &&
	      got[1].ts_ns == T0 + 800 * MS && got[2].node == 3,
	      "deadlines fire in time order, before the frame's events");
}

static void
test_missing(void)
{
	reset();
	check(net_opt_expect(&net, "7,9-10") == 0, "--expect 7,9-10");
	check(net_opt_hb_timeout(&net, "10=3000") == 0, "--hb-timeout 10=3000");
	send_kind(CO_EV_HEARTBEAT, 9, 0, 5, false);
	send_kind(CO_EV_HEARTBEAT, 9, 999, 5, false);
	check(ngot == 1, "nothing missing within 1000 ms");
	send_kind(CO_EV_HEARTBEAT, 9, 1001, 5, false);
	check(ngot == 2 && got[1].kind == CO_EV_NODE_MISSING &&
		  got[1].node == 7 && got[1].ts_ns == T0 + 1000 * MS,
	      "node 7 missing after 1000 ms");
	net_finish(&net, collect, NULL);
	check(ngot == 3 && got[2].kind == CO_EV_NODE_MISSING &&
		  got[2].node == 10 && got[2].ts_ns == T0 + 1001 * MS,
	      "node 10 (3000 ms) reported at end of input");
}

static void
test_guarding(void)
{
	reset();
	send_kind(CO_EV_BOOTUP, 3, 0, 0, false);
	send_kind(CO_EV_GUARD_REQ, 3, 100, 0, false);
	check(net_guard_pending(&net, 3) && !net_guard_pending(&net, 4),
	      "guard_pending after the RTR");
	send_kind(CO_EV_GUARD_RSP, 3, 101, NMT_ST_PREOP, false);
	check(!net_guard_pending(&net, 3), "answered");
	check(net.nodes[3].guard_unanswered == 0, "no request unanswered");
	send_kind(CO_EV_GUARD_REQ, 3, 200, 0, false);
	send_kind(CO_EV_HEARTBEAT, 3, 201, NMT_ST_PREOP, true);
	check(ngot == 1, "toggle 0 then 1: fine (heartbeat while pending "
			 "is the answer)");
	send_kind(CO_EV_GUARD_REQ, 3, 300, 0, false);
	send_kind(CO_EV_GUARD_RSP, 3, 301, NMT_ST_PREOP, true);
	check(ngot == 2 && got[1].kind == CO_EV_GUARD_TOGGLE &&
		  got[1].u.nodeev.toggle_exp == 0 &&
		  got[1].u.nodeev.toggle_got == 1,
	      "toggle did not alternate");
	send_kind(CO_EV_GUARD_REQ, 3, 400, 0, false);
	send_kind(CO_EV_GUARD_RSP, 3, 401, NMT_ST_PREOP, false);
	check(ngot == 2, "resynchronised after the error");
	send_nmt(NMT_CS_RESET_COMM, 3, 500);
	send_kind(CO_EV_GUARD_REQ, 3, 600, 0, false);
	send_kind(CO_EV_GUARD_RSP, 3, 601, NMT_ST_PREOP, true);
	check(ngot == 5 && got[3].kind == CO_EV_GUARD_TOGGLE,
	      "first answer after reset must have toggle 0");
	send_kind(CO_EV_GUARD_REQ, 3, 700, 0, false);
	send_kind(CO_EV_GUARD_REQ, 3, 800, 0, false);
	check(net.nodes[3].guard_unanswered == 1,
	      "a request sent again without answer is counted");
}

static void
test_emcy(void)
{
	struct co_event ev;
	int i;

	reset();
	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_EMCY;
	ev.node = 4;
	for (i = 0; i < 20; i++) {
		ev.ts_ns = T0 + (uint64_t)i * MS;
		ev.u.emcy.code = (uint16_t)(0x8130 + i);
		ev.u.emcy.reg = 0x11;
		apply(&ev);
	}
	check(net.nodes[4].emcy_n == NET_EMCY_HIST &&
		  net.nodes[4].emcy_total == 20,
	      "EMCY history bounded");
	check(net.nodes[4].emcy_active && net.nodes[4].emcy_code == 0x8143,
	      "last EMCY active");
	check(net.nodes[4].emcy[(net.nodes[4].emcy_head + 15) % 16].code ==
		  0x8143,
	      "newest record last");
	check(net_emcy_count(net_node(&net, 4)) == NET_EMCY_HIST &&
		  net_emcy_at(net_node(&net, 4), 0)->code == 0x8134 &&
		  net_emcy_at(net_node(&net, 4), 15)->code == 0x8143 &&
		  net_emcy_at(net_node(&net, 4), 16) == NULL,
	      "view: EMCY history oldest first, bounded");
	ev.u.emcy.code = 0;
	ev.u.emcy.reg = 0;
	apply(&ev);
	check(!net.nodes[4].emcy_active, "error reset clears");
	ev.u.emcy.code = 0x3210;
	ev.u.emcy.reg = 0;
	apply(&ev);
	check(!net.nodes[4].emcy_active, "error register 0: no active error");
}

/* Three nodes, three modes, frames interleaved round-robin. */
static void
test_sdo_interleaved(void)
{
	static struct script sc[3];
	static const uint8_t node[3] = {1, 2, 3};
	uint8_t d[40];
	struct co_event ev;
	struct co_frame f;
	int i, k, idx[3] = {0, 0, 0}, left = 3, ok = 0;
	uint64_t t = 0;

	for (i = 0; i < 40; i++)
		d[i] = (uint8_t)('a' + i % 26);
	reset();
	sc[0].n = sc[1].n = sc[2].n = 0;
	sc_upload(&sc[0], 0x1008, 0, d, 20);
	sc_blk_download(&sc[1], 0x1F50, 1, d, 30, 127);
	sc_download(&sc[2], 0x2001, 2, d, 14);
	while (left > 0) {
		left = 0;
		for (k = 0; k < 3; k++) {
			const struct tframe *tf;
			uint8_t dir;

			if (idx[k] >= sc[k].n)
				continue;
			left++;
			tf = &sc[k].f[idx[k]++];
			dir = tf->dir == 'c' ? SDO_C2S : SDO_S2C;
			t++;
			sdo_ev_bytes(&ev, &f, node[k], tf->dir, tf->b,
				     T0 + t * MS,
				     net_sdo_in_block(&net, node[k], 0, dir,
						      tf->b, 8, T0 + t * MS));
			net_tick(&net, ev.ts_ns, collect, NULL);
			net_apply(&net, &ev, collect, NULL);
		}
	}
	for (i = 0; i < ngot; i++) {
		const struct co_ev_xfer *x = &got[i].u.xfer;

		ok +=
		    got[i].kind == CO_EV_SDO_XFER && x->result == XFER_OK &&
		    memcmp(x->data, d, x->got) == 0 &&
		    ((got[i].node == 1 && x->index == 0x1008 && x->got == 20) ||
		     (got[i].node == 2 && x->index == 0x1F50 && x->got == 30 &&
		      x->crc_ok == 1) ||
		     (got[i].node == 3 && x->index == 0x2001 && x->got == 14));
	}
	check(ngot == 3 && ok == 3, "three nodes interleaved: 3 transfers ok");
	check(net_sdo_recent_count(&net) == 3 &&
		  net_sdo_recent(&net, 0)->node == 2 &&
		  net_sdo_recent(&net, 0)->index == 0x1F50 &&
		  net_sdo_recent(&net, 0)->mode == XFER_BLOCK &&
		  net_sdo_recent(&net, 0)->got == 30 &&
		  !net_sdo_recent(&net, 0)->running &&
		  net_sdo_recent(&net, 3) == NULL,
	      "view: recent transfers, newest first");
	check(net.nodes[2].sdo_ok == 1 && net.nodes[1].sdo_ok == 1,
	      "per-node transfer counters");
}

static void
test_sdo_timeout(void)
{
	struct co_event ev;
	struct co_frame f;

	reset();
	check(net_opt_sdo_timeout(&net, "500") == 0, "--sdo-timeout 500");
	sdo_ev(&ev, &f, 4, 'c', "4008100000000000", T0, 0);
	net_apply(&net, &ev, collect, NULL);
	net_tick(&net, T0 + 499 * MS, collect, NULL);
	check(ngot == 0, "no SDO timeout at 499 ms");
	net_tick(&net, T0 + 501 * MS, collect, NULL);
	check(ngot == 1 && got[0].kind == CO_EV_SDO_XFER && got[0].node == 4 &&
		  got[0].u.xfer.result == XFER_FAILED &&
		  strcmp(got[0].why, "timeout") == 0 &&
		  got[0].ts_ns == T0 + 500 * MS,
	      "SDO timeout from frame time");
	sdo_ev(&ev, &f, 4, 'c', "4008100000000000", T0 + 600 * MS, 0);
	net_apply(&net, &ev, collect, NULL);
	net_finish(&net, collect, NULL);
	check(ngot == 2 &&
		  strcmp(got[1].why, "incomplete at end of input") == 0,
	      "open transfer reported at end of input");
}

static void
test_options(void)
{
	reset();
	check(net_opt_hb_timeout(&net, "all=250") == 0 &&
		  net.nodes[1].hb_timeout_ms == 250 &&
		  net.nodes[127].hb_timeout_ms == 250,
	      "--hb-timeout all=250");
	check(net_opt_hb_timeout(&net, "*=300") == 0 &&
		  net.nodes[64].hb_timeout_ms == 300,
	      "--hb-timeout '*=300'");
	check(net_opt_hb_timeout(&net, "0x10=400") == 0 &&
		  net.nodes[16].hb_timeout_ms == 400,
	      "hex node id");
	check(net_opt_hb_timeout(&net, "5") != 0 &&
		  net_opt_hb_timeout(&net, "128=100") != 0 &&
		  net_opt_hb_timeout(&net, "0=100") != 0 &&
		  net_opt_hb_timeout(&net, "5=0") != 0 &&
		  net_opt_hb_timeout(&net, "5=10x") != 0 &&
		  net_opt_hb_timeout(&net, "x=5") != 0,
	      "bad --hb-timeout rejected");
	check(net_opt_expect(&net, "1,2,") != 0 &&
		  net_opt_expect(&net, "5-3") != 0 &&
		  net_opt_expect(&net, "200") != 0 &&
		  net_opt_expect(&net, "") != 0,
	      "bad --expect rejected");
	check(net_opt_sdo_timeout(&net, "0") != 0 &&
		  net_opt_sdo_timeout(&net, "-5") != 0,
	      "bad --sdo-timeout rejected");
	check(strcmp(net_state_name(NMT_ST_PREOP), "pre-operational") == 0 &&
		  strcmp(net_state_name(NET_STATE_UNKNOWN), "unknown") == 0,
	      "state names");
}

/* A second SDO channel (chan 2) of node 4: a transfer of its own. */
/* Feed script frames from..to-1 of node 7 (channel 0), 1 ms apart from
 * *t on, skipping frame skip (-1: none), as the dissector and model
 * would see them. */
static void
feed_script(const struct script *sc, int from, int to, int skip,
	    uint64_t *t)
{
	struct co_event ev;
	struct co_frame f;
	int i;

	for (i = from; i < to; i++) {
		const struct tframe *tf = &sc->f[i];
		uint8_t dir = tf->dir == 'c' ? SDO_C2S : SDO_S2C;

		if (i == skip)
			continue;
		*t += MS;
		sdo_ev_bytes(&ev, &f, 7, tf->dir, tf->b, *t,
			     net_sdo_in_block(&net, 7, 0, dir, tf->b, 8, *t));
		net_apply(&net, &ev, collect, NULL);
	}
}

/*
 * Block download of 890 bytes whose segment 32 was lost on the bus: the
 * server ignores 33..127 and acks 31, the client sends the rest again.
 * Segment 33 reads 0x21, an initiate download, yet it is a segment
 * (right after 31, ahead in the sub-block).  Then the same with the
 * capture missing a segment the server got: one failure, no others.
 */
static void
test_sdo_blk_lost(void)
{
	static struct script sc, rest;
	static uint8_t d[890];
	uint64_t t = T0;
	int i;

	for (i = 0; i < 890; i++)
		d[i] = (uint8_t)(i * 7 + 3);
	reset();
	sc.n = rest.n = 0;
	sc_blk_download(&sc, 0x2000, 0, d, 890, 127);
	/* init, answer, segments 1..127: 32 is frame 2 + 31 */
	feed_script(&sc, 0, 2 + 127, 2 + 31, &t);
	check(ngot == 0, "segments after a lost one are no new requests");
	sc_subblocks(&rest, 'c', d + 31 * 7, 890 - 31 * 7, 127);
	rest.f[rest.n - 1].b[1] = 97;	/* the ack of the second sub-block */
	{
		struct tframe *a = &sc.f[2 + 127];

		a->b[1] = 31;		/* the server acks 31 of the first */
		feed_script(&sc, 2 + 127, 2 + 128, -1, &t);
	}
	feed_script(&rest, 0, rest.n, -1, &t);
	feed_script(&sc, sc.n - 2, sc.n, -1, &t);
	check(ngot == 1 && got[0].kind == CO_EV_SDO_XFER &&
	      got[0].u.xfer.result == XFER_OK && got[0].u.xfer.got == 890 &&
	      memcmp(got[0].u.xfer.data, d, 64) == 0 &&
	      got[0].u.xfer.crc_ok == 1,
	      "block download with a lost segment: resent, whole, CRC ok");
	reset();
	t = T0;
	feed_script(&sc, 0, 2 + 127, 2 + 31, &t);
	sc.f[2 + 127].b[1] = 127;	/* the server got them all */
	feed_script(&sc, 2 + 127, sc.n, -1, &t);
	check(ngot == 1 && got[0].u.xfer.result == XFER_FAILED &&
	      got[0].u.xfer.index == 0x2000,
	      "a segment missing from the capture: one failed transfer");
}

static void
test_sdo_channel(void)
{
	static struct script sc;
	static const uint8_t seg1[8] = {1};
	struct co_event ev;
	struct co_frame f;
	int i;

	reset();
	sc.n = 0;
	sc_blk_download(&sc, 0x2002, 0, (const uint8_t *)"0123456789", 10,
			127);
	for (i = 0; i < sc.n; i++) {
		uint8_t dir = sc.f[i].dir == 'c' ? SDO_C2S : SDO_S2C;

		sdo_ev_bytes(&ev, &f, 4, sc.f[i].dir, sc.f[i].b,
			     T0 + (uint64_t)i * MS,
			     net_sdo_in_block(&net, 4, 2, dir, sc.f[i].b, 8,
					      T0 + (uint64_t)i * MS));
		ev.u.sdo.chan = 2;
		if (i == 2)
			check(net_sdo_in_block(&net, 4, 2, SDO_C2S, seg1, 8,
					       T0) &&
			      !net_sdo_in_block(&net, 4, 0, SDO_C2S, seg1, 8,
						T0),
			      "sub-block open on channel 2 only");
		net_apply(&net, &ev, collect, NULL);
	}
	check(ngot == 1 && got[0].u.xfer.chan == 2 &&
	      got[0].u.xfer.result == XFER_OK && got[0].u.xfer.got == 10,
	      "transfer on SDO channel 2");
}

static void
sdo_write(uint8_t node, uint16_t idx, uint8_t sub, const uint8_t *d,
	  uint32_t n, uint64_t t_ms)
{
	static struct script sc;
	struct co_event ev;
	struct co_frame f;
	int i;

	sc.n = 0;
	sc_download(&sc, idx, sub, d, n);
	for (i = 0; i < sc.n; i++) {
		sdo_ev_bytes(&ev, &f, node, sc.f[i].dir, sc.f[i].b,
			     T0 + (t_ms + (uint64_t)i) * MS, 0);
		net_apply(&net, &ev, collect, NULL);
	}
}

/* --hb-timeout 5=auto: measured, then 1017h, then 1016h of a consumer. */
static void
test_hb_auto(void)
{
	static const uint8_t prod[2] = { 200, 0 };          /* 200 ms */
	static const uint8_t cons[4] = { 0x90, 0x01, 5, 0 }; /* node 5, 400 */

	reset();
	check(net_opt_hb_timeout(&net, "5=auto") == 0 && net.nodes[5].hb_auto,
	      "--hb-timeout 5=auto");
	send_kind(CO_EV_HEARTBEAT, 5, 0, 5, false);
	send_kind(CO_EV_HEARTBEAT, 5, 60, 5, false);
	send_kind(CO_EV_HEARTBEAT, 5, 80, 5, false);
	check(net.nodes[5].hb_timeout_ms == 0, "two intervals: nothing yet");
	send_kind(CO_EV_HEARTBEAT, 5, 100, 5, false);
	check(net.nodes[5].hb_timeout_ms == 30,
	      "three intervals: 1.5 x their median");
	send_kind(CO_EV_HEARTBEAT, 5, 200, 5, false);
	check(net.nodes[5].hb_timeout_ms == 150,
	      "a longer interval is followed at once");
	sdo_write(5, 0x1017, 0, prod, 2, 210);
	check(net.nodes[5].hb_timeout_ms == 300, "1.5 x producer time (1017h)");
	sdo_write(1, 0x1016, 1, cons, 4, 220);
	check(net.nodes[5].hb_timeout_ms == 400,
	      "consumer time of a 1016h entry for node 5");
	ngot = 0;
	send_kind(CO_EV_HEARTBEAT, 6, 599, 5, false);
	check(ngot == 1, "no loss before 400 ms");
	send_kind(CO_EV_HEARTBEAT, 6, 601, 5, false);
	check(ngot == 2 && got[1].kind == CO_EV_HB_TIMEOUT &&
	      got[1].u.nodeev.expected_ms == 400, "lost after 400 ms");
}

static void
test_fast_path(void)
{
	struct co_frame f;

	reset();
	memset(&f, 0, sizeof(f));
	f.ts_ns = T0;
	f.id = 0x185;
	check(!net_frame(&net, &f), "TPDO1 contents not needed by the model");
	f.id = 0x605;
	check(net_frame(&net, &f), "SDO needed");
	f.id = 0x705;
	check(net_frame(&net, &f), "error control needed");
	f.id = 0x080;
	check(net_frame(&net, &f), "SYNC/EMCY range needed");
	f.id = 0x705;
	f.flags = CO_F_EFF;
	check(!net_frame(&net, &f), "29-bit frames not needed");
	reset();
	f.flags = 0;
	f.id = 0x285;
	net_frame(&net, &f);
	f.id = 0x20A;
	net_frame(&net, &f);
	check(net.started && net.nodes[5].seen && !net.nodes[10].seen,
	      "TPDO marks its producer seen, RPDO does not");
}

/* A start-up burst of three heartbeats 10 ms apart, then 100 ms: the
 * median outvotes the burst, no false loss; a real silence is lost. */
static void
test_hb_auto_burst(void)
{
	uint64_t t;
	int lost = 0, i;

	reset();
	net_opt_hb_timeout(&net, "all=auto");
	send_kind(CO_EV_BOOTUP, 4, 0, 0, false);
	for (t = 10; t <= 30; t += 10)
		send_kind(CO_EV_HEARTBEAT, 4, t, NMT_ST_PREOP, false);
	for (t = 130; t < 2000; t += 100)
		send_kind(CO_EV_HEARTBEAT, 4, t, NMT_ST_PREOP, false);
	for (i = 0; i < ngot; i++)
		lost += got[i].kind == CO_EV_HB_TIMEOUT;
	check(lost == 0 && net.nodes[4].hb_timeout_ms == 150,
	      "burst of 3 at start-up: period 100 ms, no false loss");
	send_kind(CO_EV_HEARTBEAT, 4, 2600, NMT_ST_PREOP, false);
	for (i = 0; i < ngot; i++)
		lost += got[i].kind == CO_EV_HB_TIMEOUT;
	check(lost == 1, "600 ms of silence is a loss");
}

/* Invalid frames are counted, not applied; commands to nodes never
 * heard do not make nodes. */
static void
test_bad_frames(void)
{
	struct co_event ev;
	int i, states = 0;

	reset();
	for (i = 1; i < NET_NODES; i++)
		send_nmt(NMT_CS_RESET_NODE, (uint8_t)i, 0);
	send_nmt(NMT_CS_START, 0, 1);
	for (i = 1; i < NET_NODES; i++)
		states += net.nodes[i].state != NET_STATE_UNKNOWN ||
			  net.nodes[i].seen;
	check(ngot == 0 && states == 0,
	      "NMT reset scan of 127 IDs: no phantom nodes, no events");
	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_HEARTBEAT;
	ev.node = 5;
	ev.ts_ns = T0 + 10 * MS;
	ev.u.hb.state = 2;
	ev.status = CO_INVALID;
	apply(&ev);
	ev.kind = CO_EV_BOOTUP;
	ev.u.hb.state = 0;
	ev.status = CO_SHORT;
	apply(&ev);
	check(ngot == 0 && !net.nodes[5].seen && net.nodes[5].bootups == 0 &&
		  net.nodes[5].state == NET_STATE_UNKNOWN,
	      "invalid heartbeat, short boot-up: model unchanged");
	check(net.bad_invalid == 1 && net.bad_short == 1 &&
		  net.nodes[5].bad == 2, "and counted");
	send_kind(CO_EV_BOOTUP, 5, 20, 0, false);
	check(is_state(0, 5, NET_STATE_UNKNOWN, NMT_ST_PREOP,
		       NET_CAUSE_BOOTUP) && net.nodes[5].guard_next == 0,
	      "a real boot-up after the reset scan");
}

/* The read API: a running transfer, nodes that exist. */
static void
test_view(void)
{
	struct net_sdo_info run[4];
	struct co_event ev;
	struct co_frame f;

	reset();
	net_opt_expect(&net, "9");
	sdo_ev(&ev, &f, 4, 'c', "4008100000000000", T0, 0);
	net_apply(&net, &ev, collect, NULL);
	check(!net_node_shown(net_node(&net, 4)) &&
		  net_node_shown(net_node(&net, 9)) &&
		  net_node(&net, 0) == NULL && net_node(&net, 128) == NULL,
	      "view: a request makes no node; --expect shows one");
	sdo_ev(&ev, &f, 4, 's', "4108100014000000", T0 + 5 * MS, 0);
	net_apply(&net, &ev, collect, NULL);
	check(net_sdo_running(&net, run, 4) == 1 && run[0].node == 4 &&
		  run[0].running && run[0].index == 0x1008 &&
		  run[0].size == 20 && run[0].dir == SDO_S2C &&
		  run[0].mode == XFER_SEGMENTED && run[0].dur_ns == 5 * MS,
	      "view: a running upload, size and time so far");
	check(net_node_shown(net_node(&net, 4)) &&
		  net_sdo_recent_count(&net) == 0 && !net_overflowed(&net).od &&
		  !net_overflowed(&net).sdo && net_pdo_count(&net) == 0,
	      "view: the server answered; nothing finished or full");
}

int
main(void)
{
	test_view();
	test_hb_auto_burst();
	test_bad_frames();
	test_nmt_states();
	test_hb_period();
	test_hb_timeout();
	test_deadline_order();
	test_missing();
	test_guarding();
	test_emcy();
	test_sdo_interleaved();
	test_sdo_timeout();
	test_options();
	test_fast_path();
	test_sdo_channel();
	test_sdo_blk_lost();
	test_hb_auto();
	return check_done();
}
