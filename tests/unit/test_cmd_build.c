/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cmd_build.c - the frame builders give the CiA 301 bytes, and the
 * real dissector reads them back as what they were built to be */
#include "config.h"

#include <string.h>

#include "check.h"
#include "cmd_build.h"
#include "co_tables.h"
#include "dissect.h"
#include "event.h"

/* f has id, flags and exactly the bytes of hex */
static int
is(const struct co_frame *f, uint32_t id, const char *hex)
{
	size_t n = strlen(hex) / 2, i;
	unsigned b;

	if (f->id != id || f->len != n)
		return 0;
	for (i = 0; i < n; i++) {
		sscanf(hex + 2 * i, "%2x", &b);
		if (f->data[i] != b)
			return 0;
	}
	return 1;
}

static enum sdo_fn
fn_of(struct co_frame *f)
{
	struct co_ctx ctx;
	struct co_event ev;

	memset(&ctx, 0, sizeof(ctx));
	dissect_frame(&ctx, f, &ev);
	return ev.kind == CO_EV_SDO && ev.status == CO_OK ? ev.u.sdo.fn
							  : SDO_FN_UNKNOWN;
}

static void
test_nmt(void)
{
	struct co_frame f;

	cmd_nmt(&f, NMT_CS_START, 5);
	check(is(&f, 0, "0105"), "NMT start node 5: 000#0105");
	cmd_nmt(&f, NMT_CS_RESET_COMM, 0);
	check(is(&f, 0, "8200"), "NMT reset comm all: 000#8200");
	cmd_guard_rtr(&f, 0x7F);
	check(f.id == 0x77F && f.len == 1 && (f.flags & CO_F_RTR),
	      "guarding request: RTR on 0x77F, length 1");
	cmd_hb(&f, 5, NMT_ST_PREOP);
	check(is(&f, 0x705, "7F"), "heartbeat pre-operational: 705#7F");
	cmd_sync(&f, COB_SYNC, -1);
	check(is(&f, 0x80, ""), "SYNC without counter: 080#");
	cmd_sync(&f, COB_SYNC, 3);
	check(is(&f, 0x80, "03"), "SYNC counter 3: 080#03");
	cmd_emcy(&f, 0x85, 0x8130, 0x11, (const uint8_t *)"\1\2\3\4\5");
	check(is(&f, 0x85, "3081110102030405"), "EMCY 8130 reg 11");
}

static void
test_sdo_client(void)
{
	struct co_frame f;
	const uint8_t d[] = { 0xE8, 0x03, 0x11, 0x22, 0x33 };

	cmd_sdo_init_ul(&f, 0x605, 0x1018, 1);
	check(is(&f, 0x605, "4018100100000000"), "init upload 1018:01");
	check(fn_of(&f) == SDO_FN_INIT_UL_REQ, "dissector: init upload req");
	cmd_sdo_init_dl(&f, 0x605, 0x1017, 0, d, 2, true);
	check(is(&f, 0x605, "2B171000E8030000"), "expedited download 2 bytes");
	cmd_sdo_init_dl(&f, 0x605, 0x1017, 0, d, 1, true);
	check(is(&f, 0x605, "2F171000E8000000"), "expedited download 1 byte");
	cmd_sdo_init_dl(&f, 0x605, 0x2000, 0, d, 5, true);
	check(is(&f, 0x605, "2100200005000000"), "5 bytes: segmented, size 5");
	cmd_sdo_init_dl(&f, 0x605, 0x2000, 0, d, 0, true);
	check(is(&f, 0x605, "2100200000000000"), "0 bytes: segmented, size 0");
	cmd_sdo_seg(&f, 0x605, false, d, 5, true);
	check(is(&f, 0x605, "05E803112233" "0000"), "last segment, 5 bytes");
	check(fn_of(&f) == SDO_FN_DL_SEG_REQ, "dissector: download segment");
	cmd_sdo_seg(&f, 0x605, true, d, 0, true);
	check(is(&f, 0x605, "1F00000000000000"), "empty last segment, t=1");
	cmd_sdo_ul_seg_req(&f, 0x605, true);
	check(is(&f, 0x605, "7000000000000000"), "upload segment req t=1");
	cmd_sdo_blk_dl_init(&f, 0x605, 0x2000, 0, 889, true);
	check(is(&f, 0x605, "C600200079030000"), "block download init crc");
	check(fn_of(&f) == SDO_FN_BLK_DL_INIT_REQ, "dissector: blk dl init");
	cmd_sdo_blk_ul_init(&f, 0x605, 0x2000, 0, 127, 0, true);
	check(is(&f, 0x605, "A40020007F000000"), "block upload init crc 127");
	cmd_sdo_blk_ul_start(&f, 0x605);
	check(is(&f, 0x605, "A300000000000000"), "block upload start");
	cmd_sdo_blk_end(&f, 0x605, 6, 0xBEEF);
	check(is(&f, 0x605, "D9EFBE0000000000"), "block end n=6 crc");
	cmd_sdo_abort(&f, 0x605, 0x2000, 1, SDO_AB_NO_OBJ);
	check(is(&f, 0x605, "8000200100000206"), "abort 06020000");
	check(fn_of(&f) == SDO_FN_ABORT, "dissector: abort");
}

static void
test_sdo_server(void)
{
	struct co_frame f;
	const uint8_t d[] = { 0x92, 0x01, 0x02, 0x00 };

	cmd_sdo_init_ul_rsp(&f, 0x585, 0x1000, 0, d, 4);
	check(is(&f, 0x585, "4300100092010200"), "expedited upload rsp 4");
	check(fn_of(&f) == SDO_FN_INIT_UL_RSP, "dissector: init upload rsp");
	cmd_sdo_init_ul_rsp(&f, 0x585, 0x1008, 0, d, 9);
	check(is(&f, 0x585, "4108100009000000"), "segmented upload rsp 9");
	cmd_sdo_init_dl_rsp(&f, 0x585, 0x1017, 0);
	check(is(&f, 0x585, "6017100000000000"), "download rsp");
	cmd_sdo_dl_seg_rsp(&f, 0x585, true);
	check(is(&f, 0x585, "3000000000000000"), "download segment rsp t=1");
	cmd_sdo_blk_dl_init_rsp(&f, 0x585, 0x2000, 0, 127, true);
	check(is(&f, 0x585, "A40020007F000000"), "block download rsp");
	cmd_sdo_blk_ul_init_rsp(&f, 0x585, 0x2000, 0, 890, true);
	check(is(&f, 0x585, "C60020007A030000"), "block upload rsp size");
	cmd_sdo_blk_ack(&f, 0x585, 127, 64);
	check(is(&f, 0x585, "A27F400000000000"), "block ack 127, blksize 64");
	cmd_sdo_blk_seg(&f, 0x585, 3, d, 4, true);
	check(is(&f, 0x585, "8392010200000000"), "last sub-block segment 3");
	cmd_sdo_blk_end_rsp(&f, 0x585);
	check(is(&f, 0x585, "A100000000000000"), "block end response");
}

static void
test_parse_queue(void)
{
	struct co_frame f, g;
	struct sdo_msg m;
	struct cmd_outq q;
	int i, got = 0;

	cmd_sdo_abort(&f, 0x605, 0x1234, 7, 0x06090011);
	check(cmd_sdo_parse(&f, &m) && m.cs == SDO_CS_ABORT &&
	      m.index == 0x1234 && m.sub == 7 && m.d == 0x06090011,
	      "parse: abort frame fields");
	f.len = 7;
	check(!cmd_sdo_parse(&f, &m), "parse: 7-byte frame refused");
	memset(&q, 0, sizeof(q));
	for (i = 0; i < 127; i++)
		cmd_sdo_blk_seg(cmd_outq_push(&q), 0x605, (uint8_t)(i + 1),
				NULL, 0, false);
	while (cmd_outq_pop(&q, &g))
		got += g.data[0] == got + 1;
	check(got == 127, "queue: a whole sub-block in order");
}

int
main(void)
{
	test_nmt();
	test_sdo_client();
	test_sdo_server();
	test_parse_queue();
	return check_done();
}
