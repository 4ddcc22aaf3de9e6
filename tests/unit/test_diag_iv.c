/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_diag_iv.c - the diagnosis' interval windows: the median and the
 * regularity kept up to date as samples arrive equal those computed from
 * scratch (sort the kept samples) after every sample */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../../src/model/diag_priv.h"

static int
cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* From scratch: the median of the kept samples, and "at least 5, 3 of
 * 4 within 25 % of the median". */
static void
reference(const struct diag_iv *iv, uint64_t *med, bool *reg)
{
	uint64_t t[DIAG_IV], dev;
	uint32_t n = iv->n < DIAG_IV ? iv->n : DIAG_IV, i, near = 0;

	*med = 0;
	*reg = false;
	if (n == 0)
		return;
	memcpy(t, iv->v, n * sizeof(t[0]));
	qsort(t, n, sizeof(t[0]), cmp);
	*med = t[n / 2];
	for (i = 0; i < n; i++) {
		dev = t[i] > *med ? t[i] - *med : *med - t[i];
		if (dev * 4 <= *med)
			near++;
	}
	*reg = n >= DIAG_IV_MIN && near * 4 >= n * 3;
}

/* kind 0: noisy period, 1: random, 2: few distinct values (ties) */
static uint64_t
sample(int kind)
{
	switch (kind) {
	case 0: return 1000000 + (uint64_t)(rand() % 400000);
	case 1: return (uint64_t)rand() % 5000000 + 1;
	default: return (uint64_t)(rand() % 3) * 1000;
	}
}

static int
run(int kind, int samples, bool by_time)
{
	struct diag_iv iv;
	uint64_t med, ts = 1000;
	bool reg;
	int i, bad = 0;

	memset(&iv, 0, sizeof(iv));
	for (i = 0; i < samples; i++) {
		if (by_time) {
			ts += sample(kind);
			diag_iv_add(&iv, ts);
		} else {
			diag_iv_put(&iv, sample(kind));
		}
		reference(&iv, &med, &reg);
		if (diag_iv_median(&iv) != med || diag_iv_regular(&iv) != reg)
			bad++;
	}
	return bad;
}

int
main(void)
{
	struct diag_iv iv;

	srand(7);
	memset(&iv, 0, sizeof(iv));
	check(diag_iv_median(&iv) == 0 && !diag_iv_regular(&iv),
	      "empty window: median 0, not regular");
	diag_iv_add(&iv, 5000);
	check(iv.n == 0 && diag_iv_median(&iv) == 0,
	      "the first occurrence makes no interval");
	diag_iv_add(&iv, 4000);
	check(iv.n == 0, "time going back makes no interval");
	check(run(0, 5000, true) == 0,
	      "noisy period (by time): median and regularity as from scratch");
	check(run(1, 5000, false) == 0,
	      "random samples: median and regularity as from scratch");
	check(run(2, 5000, false) == 0,
	      "many equal samples: median and regularity as from scratch");
	memset(&iv, 0, sizeof(iv));
	for (int i = 0; i < 4; i++)
		diag_iv_put(&iv, 1000);
	check(!diag_iv_regular(&iv), "4 equal intervals: not yet regular");
	diag_iv_put(&iv, 1000);
	check(diag_iv_regular(&iv) && diag_iv_median(&iv) == 1000,
	      "5 equal intervals: regular, median 1000");
	return check_done();
}
