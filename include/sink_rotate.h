/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sink_rotate.h - a sink that wraps a pcap/candump writer and starts a new
 * file by size or by time (tcpdump -C / -G / -W) */
#ifndef COSNIFF_SINK_ROTATE_H
#define COSNIFF_SINK_ROTATE_H

#include <stddef.h>
#include <stdint.h>

#include "sink.h"

struct rotate_opts {
	uint64_t max_bytes;     /* new file when this size is reached; 0 off */
	uint32_t period_s;      /* new file at each multiple of this many
				 * seconds of frame time (UTC); 0 off */
	uint32_t max_files;     /* keep at most this many (ring); 0 = all */
};

typedef struct co_sink *(*sink_open_fn)(const char *path);

/*
 * Open path through open_fn, wrapped.  File names: the first file is
 * path itself, the next ones path.1, path.2, ...; with max_files N the
 * numbers wrap after N-1 and old files are overwritten.  When path holds
 * a '%', it is an strftime(3) pattern expanded with the local time of the
 * file's first frame (a number is appended if the name repeats), and the
 * first file is only created with the first frame.  The wrapper's nerr
 * counts failed writes, including frames lost while a new file could not
 * be opened (retried at each write, at most once per second of frame
 * time).  NULL with errno set when the first file cannot be opened.
 */
struct co_sink *sink_rotate_open(const char *path, sink_open_fn open_fn,
				const struct rotate_opts *o);

/* Name of file number idx for path (no strftime expansion). */
size_t sink_rotate_name(char *buf, size_t size, const char *path,
		       uint32_t idx);

#endif
