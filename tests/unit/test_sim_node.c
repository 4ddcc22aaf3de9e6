/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sim_node.c - one simulated slave from tests/sim-drive.eds, driven
 * by frames and time: boot-up, heartbeat, NMT states, guarding toggle,
 * TPDOs on SYNC and event timer, RPDOs, SDO, faults */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd_build.h"
#include "co_tables.h"
#include "../../src/sim/sim.h"

#define MS 1000u

static struct sim_node n;

/* The next frame out is id#hex (data frame). */
static int
next_is(uint32_t id, const char *hex)
{
	struct co_frame f;
	size_t i, len = strlen(hex) / 2;
	unsigned b;

	if (!sim_node_pop(&n, &f) || f.id != id || f.len != len)
		return 0;
	for (i = 0; i < len; i++) {
		sscanf(hex + 2 * i, "%2x", &b);
		if (f.data[i] != b)
			return 0;
	}
	return 1;
}

static int
quiet(void)
{
	struct co_frame f;

	return !sim_node_pop(&n, &f);
}

static void
rx(uint32_t id, const char *hex, bool rtr, uint64_t t)
{
	struct co_frame f;
	size_t i, len = strlen(hex) / 2;
	unsigned b;

	cmd_frame(&f, id, (uint8_t)len);
	for (i = 0; i < len; i++) {
		sscanf(hex + 2 * i, "%2x", &b);
		f.data[i] = (uint8_t)b;
	}
	if (rtr)
		f.flags |= CO_F_RTR;
	sim_node_rx(&n, &f, t);
}

static void
test_nmt(void)
{
	check(next_is(0x705, "00") && quiet(), "boot-up 705#00 first");
	sim_node_tick(&n, 199 * MS);
	check(quiet(), "no heartbeat before 1017h = 200 ms");
	check(sim_node_deadline(&n) == 200 * MS, "deadline: the heartbeat");
	sim_node_tick(&n, 200 * MS);
	check(next_is(0x705, "7F"), "heartbeat pre-operational at 200 ms");
	rx(0x000, "0105", false, 210 * MS);
	check(n.nmt == NMT_ST_OPERATIONAL, "NMT start: operational");
	rx(0x000, "0206", false, 211 * MS);
	check(n.nmt == NMT_ST_OPERATIONAL, "NMT stop for node 6 ignored");
	rx(0x705, "", true, 212 * MS);
	rx(0x705, "", true, 213 * MS);
	check(next_is(0x705, "05") && next_is(0x705, "85"),
	      "guarding answers toggle: 05 then 85");
}

static void
test_pdo(void)
{
	rx(0x080, "", false, 220 * MS);
	check(next_is(0x185, "5A44332211"),
	      "SYNC: TPDO1 (type 1) = 6000:01 5A, 2001:00 11223344");
	sim_node_tick(&n, 250 * MS);
	sim_node_tick(&n, 330 * MS);
	check(next_is(0x285, "E803"), "TPDO2 event timer 100 ms: 2003 = 1000");
	rx(0x205, "AA3412", false, 331 * MS);
	check(sim_od_u(&n.od, 0x6200, 1, 0) == 0xAA &&
	      sim_od_u(&n.od, 0x2003, 0, 0) == 0x1234,
	      "RPDO1 205#AA3412: 6200:01 = AA, 2003:00 = 1234");
	rx(0x205, "AA", false, 332 * MS);
	check(next_is(0x085, "1082000000000000"),
	      "short RPDO: EMCY 8210");
	rx(0x185, "", true, 333 * MS);
	check(next_is(0x185, "5A44332211"), "RTR on 0x185: TPDO1 sent");
}

static void
test_sdo_and_stop(void)
{
	struct co_frame f;

	cmd_sdo_init_ul(&f, 0x605, 0x1000, 0);
	sim_node_rx(&n, &f, 340 * MS);
	check(next_is(0x585, "4300100092010200"), "SDO read of 1000h");
	cmd_sdo_init_dl(&f, 0x605, 0x1017, 0, (const uint8_t *)"\x64\0", 2,
			true);
	sim_node_rx(&n, &f, 341 * MS);
	check(next_is(0x585, "6017100000000000") &&
	      sim_od_u(&n.od, 0x1017, 0, 0) == 100, "SDO write 1017h = 100");
	rx(0x000, "0200", false, 342 * MS);
	cmd_sdo_init_ul(&f, 0x605, 0x1000, 0);
	sim_node_rx(&n, &f, 343 * MS);
	check(quiet(), "stopped: no SDO answer");
	sim_node_tick(&n, 500 * MS);
	check(next_is(0x705, "04"), "heartbeat stopped");
	rx(0x000, "8205", false, 501 * MS);
	check(next_is(0x705, "00") && n.nmt == NMT_ST_PREOP &&
	      sim_od_u(&n.od, 0x1017, 0, 0) == 200 &&
	      sim_od_u(&n.od, 0x2003, 0, 0) == 0x1234,
	      "reset comm: boot-up, 1017h back to 200, 2003h kept");
	rx(0x000, "8100", false, 502 * MS);
	check(next_is(0x705, "00") && sim_od_u(&n.od, 0x2003, 0, 0) == 1000,
	      "reset node: application values back too");
}

/* Life guarding: 100Ch x 100Dh without a request is an EMCY 8130. */
static void
test_life(void)
{
	sim_od_set_u(&n.od, 0x1017, 0, 0);
	sim_node_tick(&n, 600 * MS);
	while (sim_node_pop(&n, &(struct co_frame){ 0 }))
		;
	sim_od_set_u(&n.od, 0x100C, 0, 50);
	sim_od_set_u(&n.od, 0x100D, 0, 3);
	rx(0x705, "", true, 610 * MS);
	check(next_is(0x705, "7F"), "guarding answer, toggle 0 after reset");
	sim_node_tick(&n, 759 * MS);
	check(quiet(), "no life guarding event within 150 ms");
	sim_node_tick(&n, 760 * MS);
	check(next_is(0x085, "3081010000000000"),
	      "life time over: EMCY 8130 (life guard error)");
	sim_node_tick(&n, 990 * MS);
	check(quiet(), "reported once");
	sim_od_set_u(&n.od, 0x100C, 0, 0);
	sim_od_set_u(&n.od, 0x1001, 0, 0);
	sim_od_set_u(&n.od, 0x1017, 0, 200);
}

static void
test_faults(void)
{
	check(sim_fault_parse("emcy@100:8130", &n.fault[0]) == 0 &&
	      n.fault[0].code == 0x8130 && n.fault[0].at_us == 100 * MS,
	      "fault emcy@100:8130 parsed");
	check(sim_fault_parse("silent@200:300", &n.fault[1]) == 0 &&
	      n.fault[1].for_us == 300 * MS, "fault silent@200:300 parsed");
	check(sim_fault_parse("melt@1", &n.fault[2]) != 0 &&
	      sim_fault_parse("emcy@x", &n.fault[2]) != 0,
	      "bad faults refused");
	n.nfault = 2;
	n.start_us = 1000 * MS;
	sim_node_tick(&n, 1100 * MS);
	check(next_is(0x085, "3081010000000000") &&
	      sim_od_u(&n.od, 0x1001, 0, 0) == 1,
	      "EMCY 8130 at 100 ms, error register bit 0");
	sim_node_tick(&n, 1200 * MS);
	rx(0x705, "", true, 1250 * MS);
	sim_node_tick(&n, 1400 * MS);
	check(quiet() && n.silent, "silent: no heartbeat, no guarding");
	sim_node_tick(&n, 1500 * MS);
	check(!n.silent && next_is(0x705, "7F"), "after 300 ms: heard again");
}

/* Frames out until now: how many had id (the others are dropped). */
static int
count_id(uint32_t id)
{
	struct co_frame f;
	int c = 0;

	while (sim_node_pop(&n, &f))
		c += f.id == id;
	return c;
}

/* TPDO2 (type 255, event timer 100 ms) with an inhibit time (1801h sub
 * 3) of 250 ms: held back, sent when the time is over. */
static void
test_inhibit(const struct od *od)
{
	uint64_t t, sent[8];
	int c = 0;
	bool dl = false;

	sim_node_free(&n);
	sim_node_init(&n, 5, od, 0);
	rx(0x000, "0105", false, 0);
	sim_od_set_u(&n.od, 0x1801, 3, 2500);
	for (t = 0; t <= 1000 * MS; t += MS) {
		sim_node_tick(&n, t);
		if (count_id(0x285) && c < 8)
			sent[c++] = t;
		if (t == 300 * MS)
			dl = sim_node_deadline(&n) == 350 * MS;
	}
	check(c == 4 && sent[0] == 100 * MS && sent[1] == 350 * MS &&
	      sent[2] == 600 * MS && sent[3] == 850 * MS,
	      "inhibit 250 ms: TPDO2 at 100, 350, 600, 850 ms (not every "
	      "100 ms)");
	check(dl, "the held-back TPDO is the node's next deadline");
	sim_od_set_u(&n.od, 0x1801, 3, 0);
	for (c = 0; t <= 2000 * MS; t += MS) {
		sim_node_tick(&n, t);
		c += count_id(0x285);
	}
	check(c == 10, "inhibit 0: every 100 ms again");
}

/* Heartbeat consumer 1016h sub 1 = node 7, 400 ms: watching starts with
 * its first heartbeat; a loss is one EMCY 8130, again after a new one. */
static void
test_hb_consumer(const struct od *od)
{
	sim_node_free(&n);
	sim_node_init(&n, 5, od, 0);
	sim_od_set_u(&n.od, 0x1016, 1, 0x00070190);
	sim_node_tick(&n, 1000 * MS);
	check(count_id(0x085) == 0, "node 7 never heard: not watched");
	rx(0x707, "05", false, 1000 * MS);
	rx(0x707, "05", false, 1300 * MS);
	sim_node_tick(&n, 1699 * MS);
	check(count_id(0x085) == 0 && sim_node_deadline(&n) <= 1700 * MS,
	      "heartbeat within 400 ms: no event; the timeout is a deadline");
	sim_node_tick(&n, 1700 * MS);
	check(next_is(0x085, "3081010000000000"),
	      "400 ms without node 7: EMCY 8130 (heartbeat error)");
	sim_node_tick(&n, 2500 * MS);
	check(count_id(0x085) == 0, "reported once");
	rx(0x707, "05", false, 2600 * MS);
	sim_node_tick(&n, 3000 * MS);
	check(count_id(0x085) == 1, "heard again, lost again: a new EMCY");
	rx(0x707, "05", false, 3100 * MS);
	sim_od_set_u(&n.od, 0x1016, 1, 0x00080190);
	sim_node_tick(&n, 4000 * MS);
	check(count_id(0x085) == 0,
	      "1016h now watches node 8 (never heard): no loss from node 7's "
	      "last heartbeat");
}

int
main(void)
{
	const char *top = getenv("top_srcdir");
	char path[1024], err[256];
	struct od *od;

	snprintf(path, sizeof(path), "%s/tests/sim-drive.eds",
		 top ? top : ".");
	od = eds_load(path, 5, NULL, err, sizeof(err));
	check(od != NULL, "tests/sim-drive.eds loads");
	if (od == NULL)
		return check_done();
	check(sim_node_init(&n, 5, od, 0) == 0, "node 5 set up");
	test_nmt();
	test_pdo();
	test_sdo_and_stop();
	test_life();
	test_faults();
	test_inhibit(od);
	test_hb_consumer(od);
	sim_node_free(&n);
	od_free(od);
	return check_done();
}
