/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_obuf.c - the output buffer's number writers against printf */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "obuf.h"
#include "check.h"

static bool
u64_ok(uint64_t v, int width)
{
	struct obuf o;
	char want[32];

	ob_reset(&o);
	ob_u64(&o, v, width);
	ob_ch(&o, '\0');
	snprintf(want, sizeof(want), "%0*" PRIu64, width, v);
	if (strcmp(o.b, want) == 0)
		return true;
	fprintf(stderr, "# ob_u64(%" PRIu64 ", %d) = '%s', want '%s'\n",
		v, width, o.b, want);
	return false;
}

int
main(void)
{
	uint64_t p = 1, x = 0x9E3779B97F4A7C15ull;
	bool ok = true;
	int i, w;

	/* every power of ten and its neighbours, at every width */
	for (i = 0; i < 20; i++, p *= 10)
		for (w = 0; w <= 21; w += 3)
			ok &= u64_ok(p - 1, w) & u64_ok(p, w) & u64_ok(p + 1, w);
	check(ok, "ob_u64 equals printf at powers of ten, widths 0-21");
	ok = u64_ok(0, 0) && u64_ok(0, 9) && u64_ok(UINT64_MAX, 0) &&
	     u64_ok(UINT64_MAX, 6);
	check(ok, "ob_u64 of 0 and UINT64_MAX");
	for (i = 0, ok = true; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		ok &= u64_ok(x >> (i % 64), i % 10);
	}
	check(ok, "ob_u64 equals printf on 100000 pseudo-random numbers");
	for (i = 0, ok = true; i < 1000; i++)
		ok &= u64_ok((uint64_t)i, 0) & u64_ok((uint64_t)i, 2);
	check(ok, "ob_u64 of 0..999");
	return check_done();
}
