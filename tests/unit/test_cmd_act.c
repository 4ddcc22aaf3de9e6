/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cmd_act.c - the view's actions: NMT and SDO read/write prepared
 * from CiA 309-3 words, described for the confirmation, stepped by
 * frames and time (answers scripted by hand) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd_act.h"
#include "co_tables.h"

static struct cmd_act *a;
static char err[128];

/* A frame from "ID#HEX". */
static struct co_frame
fr(const char *s)
{
	struct co_frame f;
	unsigned v;

	memset(&f, 0, sizeof(f));
	sscanf(s, "%x", &v);
	f.id = v;
	s = strchr(s, '#') + 1;
	while (s[0] && s[1] && sscanf(s, "%2x", &v) == 1) {
		f.data[f.len++] = (uint8_t)v;
		s += 2;
	}
	return f;
}

/* The next frame to send is exactly want ("ID#HEX"). */
static bool
sends(const char *want)
{
	struct co_frame f, w = fr(want);

	return cmd_act_pop(a, &f) && f.id == w.id && f.len == w.len &&
	       memcmp(f.data, w.data, f.len) == 0;
}

static enum cmd_act_state
rx(const char *s, uint64_t now_us)
{
	struct co_frame f = fr(s);

	return cmd_act_rx(a, &f, now_us);
}

static void
test_nmt(void)
{
	struct co_frame f;

	cmd_act_nmt(a, 5, NMT_CS_START);
	check(!strcmp(cmd_act_what(a), "NMT start: 000#0105") &&
	      !strcmp(cmd_act_label(a), "NMT start") &&
	      cmd_act_rsp_cob(a) == -1 && cmd_act_node(a) == 5,
	      "NMT start described with its frame, no answer awaited");
	check(cmd_act_state(a) == CMD_ACT_READY && !cmd_act_pop(a, &f),
	      "nothing to send before the start (confirmation)");
	cmd_act_start(a, 0);
	check(sends("000#0105") && cmd_act_state(a) == CMD_ACT_DONE &&
	      !strcmp(cmd_act_result(a), "OK") && !cmd_act_pop(a, &f),
	      "started: one frame, then done OK");
	cmd_act_nmt(a, 7, NMT_CS_RESET_COMM);
	check(!strcmp(cmd_act_what(a), "NMT reset-communication: 000#8207"),
	      "reset communication to node 7");
	cmd_act_start(a, 0);
	cmd_act_fail(a, "interface is down");
	check(cmd_act_state(a) == CMD_ACT_FAILED &&
	      !strcmp(cmd_act_result(a),
		      "ERROR:301 #Bus off (interface is down)"),
	      "a failed send: error 301 with the reason");
}

static void
test_read(void)
{
	check(cmd_act_sdo(a, 5, false, "0x1017 0 u16", NULL, 0, err,
			  sizeof(err)) == 0 &&
	      !strcmp(cmd_act_what(a),
		      "SDO read 1017:00 u16: 605#4017100000000000") &&
	      cmd_act_rsp_cob(a) == 0x585, "read described, answers on 585");
	cmd_act_start(a, 1000);
	check(sends("605#4017100000000000"), "upload request sent");
	check(rx("585#4B171000E8030000", 2000) == CMD_ACT_DONE &&
	      !strcmp(cmd_act_result(a), "1000"), "u16 answer: 1000");

	cmd_act_sdo(a, 5, false, "0x1017 0 u16", NULL, 0, err, sizeof(err));
	cmd_act_start(a, 0);
	check(sends("605#4017100000000000") &&
	      rx("185#4B171000E8030000", 10) == CMD_ACT_BUSY &&
	      rx("585#43171000E8030000", 20) == CMD_ACT_FAILED &&
	      !strcmp(cmd_act_result(a), "ERROR:0x06070010 #data type does "
		      "not match, length of service parameter does not "
		      "match"), "other COB-IDs ignored; 4 bytes for a u16: "
	      "length error");

	cmd_act_sdo(a, 5, false, "0x3000 0", NULL, 0, err, sizeof(err));
	cmd_act_start(a, 0);
	check(sends("605#4000300000000000") &&
	      rx("585#8000300000000206", 10) == CMD_ACT_FAILED &&
	      !strncmp(cmd_act_result(a), "ERROR:0x06020000 #object does "
		       "not exist", 35), "abort from the server, with text");
}

static void
test_timeout(void)
{
	cmd_act_sdo(a, 9, false, "0x1000 0 u32", NULL, 300, err,
		    sizeof(err));
	cmd_act_start(a, 0);
	check(sends("609#4000100000000000") &&
	      cmd_act_tick(a, 299000) == CMD_ACT_BUSY,
	      "silent node: still waiting before 300 ms");
	check(cmd_act_tick(a, 301000) == CMD_ACT_FAILED &&
	      !strcmp(cmd_act_result(a), "ERROR:0x05040000 #SDO protocol "
		      "timed out") && sends("609#8000100000000405"),
	      "after 300 ms: timed out, abort frame queued");
}

static void
test_write(void)
{
	check(cmd_act_sdo(a, 5, true, "0x2006 0 i16 -123", NULL, 0, err,
			  sizeof(err)) == 0 &&
	      !strcmp(cmd_act_what(a),
		      "SDO write 2006:00 i16 -123: 605#2B06200085FF0000"),
	      "write described with the value and its frame");
	cmd_act_start(a, 0);
	check(sends("605#2B06200085FF0000") &&
	      rx("585#6006200000000000", 5) == CMD_ACT_DONE &&
	      !strcmp(cmd_act_result(a), "OK"), "expedited write: OK");
	check(cmd_act_sdo(a, 5, true, "0x2002 0 vs \"hello world\"", NULL,
			  0, err, sizeof(err)) == 0 &&
	      strstr(cmd_act_what(a), "605#210220000B000000 (first frame)"),
	      "11-byte write: segmented, first frame shown");
	check(cmd_act_sdo(a, 5, true, "0x2000 0 0102", NULL, 0, err,
			  sizeof(err)) == 0 &&
	      strstr(cmd_act_what(a),
		     "2000:00 (hex) 0102: 605#2B00200001020000"),
	      "no type, no dictionary: hex bytes");
}

static void
test_bad_words(void)
{
	check(cmd_act_sdo(a, 5, false, "0x1017", NULL, 0, err,
			  sizeof(err)) != 0 && err[0],
	      "read without SUB: refused with a reason");
	check(cmd_act_sdo(a, 5, false, "0x1017 0 q16", NULL, 0, err,
			  sizeof(err)) != 0, "unknown type refused");
	check(cmd_act_sdo(a, 5, true, "0x1017 0 u16", NULL, 0, err,
			  sizeof(err)) != 0, "write without a value refused");
	check(cmd_act_sdo(a, 5, true, "0x1017 0 u8 300", NULL, 0, err,
			  sizeof(err)) != 0, "u8 300 does not fit: refused");
	check(cmd_act_sdo(a, 5, false, "Producer_heartbeat_time 0", NULL, 0,
			  err, sizeof(err)) != 0 && strstr(err, "EDS"),
	      "an object name without a dictionary: refused");
	check(cmd_act_sdo(a, 0, false, "0x1000 0", NULL, 0, err,
			  sizeof(err)) != 0, "SDO to node 0 refused");
	check(cmd_act_state(a) == CMD_ACT_READY, "nothing started");
}

/* A long string value is cut with "..." to fit the status line. */
static void
test_long_value(void)
{
	char seg[32];
	int i;
	bool t = false;

	cmd_act_sdo(a, 5, false, "0x2002 0 vs", NULL, 0, err, sizeof(err));
	cmd_act_start(a, 0);
	sends("605#4002200000000000");
	rx("585#41022000D2000000", 1);        /* 210 bytes */
	for (i = 0; i < 30; i++) {
		if (!sends(t ? "605#7000000000000000" : "605#6000000000000000"))
			break;
		snprintf(seg, sizeof(seg), "585#%02X41414141414141",
			 (t ? 0x10 : 0) | (i == 29 ? 1 : 0));
		rx(seg, 2 + i);
		t = !t;
	}
	check(cmd_act_state(a) == CMD_ACT_DONE &&
	      strlen(cmd_act_result(a)) == CMD_ACT_TEXT - 1 &&
	      !strcmp(cmd_act_result(a) + CMD_ACT_TEXT - 4, "...") &&
	      !strncmp(cmd_act_result(a), "\"AAAA", 5),
	      "210-byte string read: shown cut with ...");
}

int
main(void)
{
	a = cmd_act_new();
	test_nmt();
	test_read();
	test_timeout();
	test_write();
	test_bad_words();
	test_long_value();
	cmd_act_free(a);
	return check_done();
}
