/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_file.c - open a capture file by content: pcap/pcapng or candump text */
#include "config.h"
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* First bytes of the pcap (us, ns; both byte orders) and pcapng formats. */
static bool
is_pcap_magic(const unsigned char *m, size_t n)
{
	static const unsigned char magics[][4] = {
		{ 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 },
		{ 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d },
		{ 0x0a, 0x0d, 0x0d, 0x0a },
	};
	size_t i;

	if (n < 4)
		return false;
	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (memcmp(m, magics[i], 4) == 0)
			return true;
	return false;
}

struct co_source *
src_file_open(const char *path, const char **why)
{
	unsigned char m[4];
	size_t n;
	FILE *fp;
	int c;

	if (strcmp(path, "-") == 0) {
		/* stdin cannot be rewound: peek one byte; every pcap magic
		 * starts with a byte no candump line starts with */
		c = getc(stdin);
		if (c == EOF)
			return src_candump_open(path, why);
		ungetc(c, stdin);
		if (c == 0xd4 || c == 0xa1 || c == 0x4d || c == 0x0a)
			return src_pcap_open(path, why);
		return src_candump_open(path, why);
	}
	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	n = fread(m, 1, sizeof(m), fp);
	fclose(fp);
	if (is_pcap_magic(m, n))
		return src_pcap_open(path, why);
	return src_candump_open(path, why);
}
