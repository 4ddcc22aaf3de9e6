/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_wrec.c - whole-record writes: every write(2) is a run of whole
 * records inside one file page or a single record across a boundary, and
 * the file gets every byte */
#include "config.h"
#include "../../src/io/wrec.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define BUF 200000

static char buf[BUF], back[BUF];
static struct wrec w;

/* Records of pseudo-random sizes 1..90 filling len bytes. */
static size_t
fill(size_t len, unsigned seed)
{
	size_t at = 0, n;

	w.n = 0;
	while (at < len) {
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 90;
		if (at + n > len)
			n = len - at;
		memset(buf + at, 'a' + (int)(w.n % 26), n);
		at += n;
		wrec_add(&w, at);
	}
	return at;
}

/* The planned writes from file offset off obey the rule. */
static int
plan_ok(uint64_t off, size_t len)
{
	size_t start = 0, i = 0, stop, k;
	int bad = 0;

	w.off = off;
	while (start < len) {
		size_t i0 = i;
		uint64_t a = off + start, b;

		stop = wrec_chunk(&w, len, start, &i);
		b = off + stop;
		/* ends on a record boundary */
		for (k = 0; k < w.n && w.end[k] != stop; k++)
			;
		if (k == w.n || stop <= start)
			bad++;
		/* inside one page, or exactly one record */
		if (a / WREC_PAGE != (b - 1) / WREC_PAGE && i - i0 != 1)
			bad++;
		start = stop;
	}
	return bad == 0;
}

int
main(void)
{
	char path[] = "/tmp/test_wrec.XXXXXX";
	int fd = mkstemp(path), ok = 1;
	size_t len, got, n;
	unsigned s;

	check(fd >= 0, "temporary file");
	for (s = 1; s < 200; s++) {
		len = fill(1000 + s * 997 % BUF, s);
		if (!plan_ok(s * 131u, len))
			ok = 0;
	}
	check(ok, "199 random buffers: writes are whole records, one page or one record");
	wrec_init(&w, fd);
	len = fill(BUF, 7);
	check(wrec_write(&w, buf, len) == len && w.n == 0, "buffer written");
	len = fill(BUF / 3, 9);
	check(wrec_write(&w, buf, len) == len, "second buffer written");
	check(w.off == BUF + BUF / 3, "file offset follows");
	got = (size_t)pread(fd, back, BUF, BUF);
	check(got == len && memcmp(back, buf, len) == 0, "file has every byte");
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	wrec_init(&w, fd);
	len = fill(5000, 3);
	n = w.n;
	check(wrec_write(&w, buf, len) == 0 && w.lost == n && n > 50,
	      "/dev/full: nothing written, every record lost");
	close(fd);
	unlink(path);
	return check_done();
}
