/* SPDX-License-Identifier: GPL-2.0-or-later */
/* frame.c - CAN FD DLC/length conversion (ISO 11898-1:2015 table 5) */
#include "config.h"
#include "frame.h"

static const uint8_t dlc2len[16] = { 0, 1, 2, 3, 4, 5, 6, 7,
				     8, 12, 16, 20, 24, 32, 48, 64 };

uint8_t
co_dlc2len(uint8_t dlc)
{
	return dlc2len[dlc & 0x0F];
}

uint8_t
co_len2dlc(uint8_t len)
{
	uint8_t dlc;

	for (dlc = 0; dlc < 15; dlc++)
		if (dlc2len[dlc] >= len)
			return dlc;
	return 15;
}

bool
co_fd_len_valid(uint8_t len)
{
	return len <= CO_FD_MAX_DLEN && dlc2len[co_len2dlc(len)] == len;
}
