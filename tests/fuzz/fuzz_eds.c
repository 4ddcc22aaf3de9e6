/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_eds.c - libFuzzer target: the EDS/DCF loader (INI parser, number
 * and $NODEID expressions, object building, PDO mappings) */
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "eds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eds_diag diag;
	char err[256];
	struct od *od;

	memset(&diag, 0, sizeof(diag));
	od = eds_load_mem("fuzz.eds", (const char *)data, size,
			  size ? data[0] % 128 : 5, &diag, err, sizeof(err));
	od_free(od);
	eds_diag_free(&diag);
	return 0;
}
