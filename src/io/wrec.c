/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wrec.c - write buffered whole records, one file page per write(2), so
 * that a kill never leaves part of a record in the file */
#include "config.h"
#include "wrec.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

void
wrec_init(struct wrec *w, int fd)
{
	off_t o = lseek(fd, 0, SEEK_CUR);

	w->fd = fd;
	w->off = o > 0 ? (uint64_t)o : 0;
	w->n = 0;
}

void
wrec_add(struct wrec *w, size_t end)
{
	if (w->n < WREC_MAX)
		w->end[w->n++] = (uint32_t)end;
}

/* write(2) all of p[0..n); returns the bytes written, errno on short. */
static size_t
write_all(int fd, const char *p, size_t n)
{
	size_t off = 0;

	while (off < n) {
		ssize_t r = write(fd, p + off, n - off);

		if (r > 0) {
			off += (size_t)r;
		} else if (r < 0 && errno == EINTR) {
			continue;
		} else if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };

			if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
				break;
		} else {
			if (r == 0)
				errno = EIO;
			break;
		}
	}
	return off;
}

size_t
wrec_chunk(const struct wrec *w, size_t len, size_t start, size_t *i)
{
	uint64_t lim;
	size_t j, stop;

	/* buffer offset of the next page boundary of the file */
	lim = ((w->off + start) / WREC_PAGE + 1) * WREC_PAGE - w->off;
	for (j = *i; j < w->n && w->end[j] <= lim; j++)
		;
	if (j == *i && j < w->n)
		j++;            /* a record across the boundary: alone */
	stop = j > *i ? w->end[j - 1] : len;
	if (stop <= start || stop > len)
		stop = len;     /* bytes after the last record */
	*i = j;
	return stop;
}

size_t
wrec_write(struct wrec *w, const char *buf, size_t len)
{
	size_t start = 0, i = 0, stop, done;

	while (start < len) {
		stop = wrec_chunk(w, len, start, &i);
		done = write_all(w->fd, buf + start, stop - start);
		w->off += done;
		if (done < stop - start) {
			start += done;
			for (i = 0, w->lost = 0; i < w->n; i++)
				w->lost += w->end[i] > start;
			w->n = 0;
			return start;
		}
		start = stop;
	}
	w->n = 0;
	w->lost = 0;
	return len;
}
