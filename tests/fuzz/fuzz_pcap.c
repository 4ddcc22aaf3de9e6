/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_pcap.c - libFuzzer target: the pcap/pcapng reader (libpcap plus
 * our SocketCAN/SLL record decoding and pcapng interface walk) */
#define _GNU_SOURCE
#include "fuzz_src.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_source(data, size, src_pcap_fdopen);
	return 0;
}
