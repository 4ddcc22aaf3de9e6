/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check.h - minimal TAP producer for unit tests (sds' test_cond, without
 * globals in a shared header: each test file includes it once) */
#ifndef COSNIFF_CHECK_H
#define COSNIFF_CHECK_H

#include <stdio.h>

static int check_n, check_failed;

static void
check_at(int ok, const char *what, const char *file, int line)
{
	check_n++;
	if (!ok)
		check_failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", check_n, what);
	if (!ok)
		printf("# failed at %s:%d\n", file, line);
}

#define check(cond, what) check_at((cond) ? 1 : 0, (what), __FILE__, __LINE__)

/* Print the plan last (TAP allows a trailing plan); exit status 1 on failure. */
static int
check_done(void)
{
	printf("1..%d\n", check_n);
	return check_failed ? 1 : 0;
}

#endif
