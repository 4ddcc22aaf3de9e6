/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_frame.c - CAN FD DLC/length table */
#include "config.h"

#include "frame.h"
#include "check.h"

int
main(void)
{
	static const uint8_t lens[16] = { 0, 1, 2, 3, 4, 5, 6, 7,
					  8, 12, 16, 20, 24, 32, 48, 64 };
	int dlc, ok = 1;

	for (dlc = 0; dlc < 16; dlc++)
		if (co_dlc2len((uint8_t)dlc) != lens[dlc] ||
		    co_len2dlc(lens[dlc]) != dlc)
			ok = 0;
	check(ok, "dlc2len and len2dlc are inverse on the 16 lengths");
	check(co_len2dlc(9) == 9 && co_len2dlc(13) == 10 && co_len2dlc(63) == 15,
	      "len2dlc rounds up to the next FD length");
	check(co_fd_len_valid(12) && !co_fd_len_valid(9) && !co_fd_len_valid(65),
	      "co_fd_len_valid accepts only FD lengths");
	return check_done();
}
