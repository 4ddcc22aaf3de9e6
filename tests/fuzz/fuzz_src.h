/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_src.h - shared body of the reader fuzz targets: the input bytes
 * become a memfd that a source's fdopen reads to the end */
#ifndef COSNIFF_FUZZ_SRC_H
#define COSNIFF_FUZZ_SRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "source.h"

typedef struct co_source *(*fuzz_fdopen_fn)(int fd, const char *name,
					     const void *pre, size_t npre,
					     bool own_fd, const char **why);

/* Read data through the source opened by fdopen until EOF, a fatal error
 * or a million items (a reader that never ends is a bug too). */
static inline void
fuzz_source(const uint8_t *data, size_t size, fuzz_fdopen_fn fdopen_src)
{
	struct co_source *src;
	struct co_frame f;
	const char *why;
	int fd = memfd_create("fuzz", 0), rc, n = 0;

	if (fd < 0)
		return;
	if (write(fd, data, size) != (ssize_t)size ||
	    lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return;
	}
	src = fdopen_src(fd, "fuzz", NULL, 0, true, &why);
	if (src == NULL)
		return;
	while ((rc = src->next(src, &f)) != SRC_EOF && rc != SRC_ERR &&
	       n++ < 1000000)
		;
	src->close(src);
}

#endif
