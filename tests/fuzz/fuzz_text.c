/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_text.c - libFuzzer target: the text readers (candump logs and
 * screen output, PEAK .trc, Vector .asc) on arbitrary bytes */
#define _GNU_SOURCE
#include "fuzz_src.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_source(data, size, src_candump_fdopen);
	return 0;
}
