/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hexdig.h - value of one hexadecimal digit, for the text parsers */
#ifndef COSNIFF_HEXDIG_H
#define COSNIFF_HEXDIG_H

/* 0..15, or -1 when c is not a hex digit (either case). */
static inline int
co_hexdig(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
