/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_file.c - open a capture file by content: pcap/pcapng (libpcap
 * savefile magics) or candump text */
#include "config.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

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

/* Ask src->wait how long to wait, and wait for input that long (again
 * and again while none comes): 0 to read, -1 to stop. */
static int
wait_input(struct co_source *src, int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int ms, r;

	for (;;) {
		ms = src->wait(src->wait_arg);
		if (ms == SRC_WAIT_STOP) {
			src->stopped = true;
			return -1;
		}
		if (ms < 0)
			return 0;
		r = poll(&pfd, 1, ms);
		if (r > 0 || (r < 0 && errno != EINTR))
			return 0;       /* input, its end, or an error */
	}
}

long
src_read(struct co_source *src, int fd, void *buf, size_t n)
{
	ssize_t r;

	for (;;) {
		if (src->stopped ||
		    (src->wait != NULL && wait_input(src, fd) < 0))
			return 0;
		r = read(fd, buf, n);
		if (r >= 0 || errno != EINTR)
			return (long)r;
	}
}

/* Read up to n bytes (fewer only at EOF); -1 on error. */
static ssize_t
read_full(int fd, unsigned char *b, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = read(fd, b + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* Read the magic with read(2) and hand those bytes to the reader as
 * look-ahead on the same descriptor: standard input and pipes (/dev/fd/N,
 * FIFOs) cannot be rewound or reopened, and without stdio buffering a
 * candump piped in is parsed line by line. */
static struct co_source *
open_fd(int fd, const char *name, bool own_fd, const char **why)
{
	unsigned char m[4];
	ssize_t n;

	n = read_full(fd, m, sizeof(m));
	if (n < 0) {
		int e = errno;

		if (own_fd)
			close(fd);
		errno = e;
		return NULL;
	}
	if (is_pcap_magic(m, (size_t)n))
		return src_pcap_fdopen(fd, name, m, (size_t)n, own_fd, why);
	return src_candump_fdopen(fd, name, m, (size_t)n, own_fd, why);
}

struct co_source *
src_file_open(const char *path, const char **why)
{
	int fd;

	*why = NULL;
	if (strcmp(path, "-") == 0)
		return open_fd(STDIN_FILENO, CO_STDIN_NAME, false, why);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	return open_fd(fd, path, true, why);
}
