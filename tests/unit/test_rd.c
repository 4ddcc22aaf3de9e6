/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rd.c - the bounds-checked reader: values, sticky overrun, zero fill */
#include "config.h"

#include "rd.h"
#include "check.h"

int
main(void)
{
	static const uint8_t b[] = { 0x01, 0x02, 0x03, 0x04, 0x05 };
	uint8_t out[4] = { 0xff, 0xff, 0xff, 0xff };
	struct co_rd rd;

	rd_init(&rd, b, sizeof(b));
	check(rd_u8(&rd) == 0x01, "rd_u8 reads the first byte");
	check(rd_le16(&rd) == 0x0302, "rd_le16 is little-endian");
	check(rd_left(&rd) == 2, "rd_left counts what is left");
	check(!rd_short(&rd), "no overrun inside the buffer");
	check(rd_le32(&rd) == 0x0504, "rd_le32 past the end yields zeros");
	check(rd_short(&rd), "overrun is flagged");
	check(rd_u8(&rd) == 0 && rd_short(&rd), "overrun is sticky");

	rd_init(&rd, b, sizeof(b));
	check(rd_be32(&rd) == 0x01020304u, "rd_be32 is big-endian");
	rd_init(&rd, b, sizeof(b));
	rd_skip(&rd, 3);
	rd_bytes(&rd, out, 4);
	check(out[0] == 4 && out[1] == 5 && out[2] == 0 && out[3] == 0,
	      "rd_bytes zero-fills a short copy");
	check(rd_short(&rd), "a short rd_bytes sets overrun");
	rd_init(&rd, b, 3);
	check(rd_le24(&rd) == 0x030201u && !rd_short(&rd), "rd_le24 reads 3 bytes");
	rd_init(&rd, b, 0);
	check(rd_peek(&rd, 0) == 0 && !rd_short(&rd), "rd_peek past the end is 0, no overrun");
	return check_done();
}
