/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wrec.h - write buffered whole records (log lines, pcap records) so that
 * a process killed at any moment leaves only whole records in the file */
#ifndef COSNIFF_WREC_H
#define COSNIFF_WREC_H

#include <stddef.h>
#include <stdint.h>

/*
 * Linux copies a write(2) into a file one page at a time and stops at a
 * page boundary when the process is being killed (SIGKILL, or a signal
 * without a handler), leaving the bytes before it in the file.  A write
 * that contains no page boundary of the file is therefore all or
 * nothing.  wrec_write() splits a buffer of whole records into writes that
 * each lie inside one page of the file, and writes a record that crosses
 * a boundary by itself (the only remaining window is the kernel copying
 * that record's first part, well under a microsecond).
 *
 * struct wrec tracks the file offset (pages) and the record ends: add
 * each record with wrec_add() after it is in the buffer.
 */
#define WREC_MAX 16384          /* records per buffer (>= 256 KiB / 16) */
#define WREC_PAGE 4096u         /* the smallest page size Linux uses */

struct wrec {
	int fd;
	uint64_t off;           /* file offset of the buffer's first byte */
	size_t n;               /* records in the buffer */
	size_t lost;            /* after a short wrec_write: records not
				 * wholly written */
	uint32_t end[WREC_MAX]; /* end of each record, from the buffer start */
};

/* Start tracking fd; the offset is its current position (0 for a pipe). */
void wrec_init(struct wrec *w, int fd);
/* True when one more record fits in the table. */
static inline int
wrec_room(const struct wrec *w)
{
	return w->n < WREC_MAX;
}
/* Record that the buffer now ends at end (a record boundary). */
void wrec_add(struct wrec *w, size_t end);
/* The end of the next write(2) from buffer offset start (i: the first
 * record not yet written, updated): a run of records inside one page of
 * the file, or one record across a page boundary.  For tests. */
size_t wrec_chunk(const struct wrec *w, size_t len, size_t start, size_t *i);
/* Write the buffer's len bytes (all records added); returns the bytes
 * written: len, or less with errno set (the rest is not in the file;
 * w->lost counts the records cut or left out).  Clears the record table
 * either way. */
size_t wrec_write(struct wrec *w, const char *buf, size_t len);

#endif
