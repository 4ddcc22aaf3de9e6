/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_pcap.c - libFuzzer target: the pcap/pcapng reader (libpcap plus
 * our SocketCAN/SLL record decoding and pcapng interface walk) */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct co_source *src;
	struct co_frame f;
	const char *why;
	int fd = memfd_create("fuzz", 0), rc, n = 0;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size ||
	    lseek(fd, 0, SEEK_SET) != 0)
		return 0;
	src = src_pcap_fdopen(fd, "fuzz", NULL, 0, true, &why);
	if (src == NULL)
		return 0;
	while ((rc = src->next(src, &f)) != SRC_EOF && rc != SRC_ERR &&
	       n++ < 1000000)
		;
	src->close(src);
	return 0;
}
