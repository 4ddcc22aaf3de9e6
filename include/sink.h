/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sink.h - frame sinks: candump log writer, pcap writer */
#ifndef COSNIFF_SINK_H
#define COSNIFF_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"

/*
 * A frame sink.  write() returns 0, or -1 with errno set and msg filled;
 * a failed write is counted in nerr and the sink stays usable.  flush()
 * pushes buffered frames to the file.  close() flushes and frees.
 *
 * The file sinks buffer 256 KiB and write(2) when the buffer is full or
 * on flush(); a write() or flush() that fails reports -1 for the buffer,
 * so nerr counts every frame lost with it (not the calls) and nwritten the
 * frames handed to the kernel.  msg is "NAME: strerror".
 */
/* What a view shows of a sink (sink_status()): the file being written,
 * its size (bytes written plus buffered), files started (rotation). */
struct sink_status {
	const char *file;
	uint64_t bytes;
	uint32_t files;
};

struct co_sink {
	char name[256];
	uint64_t nwritten;
	uint64_t nerr;
	char msg[256];
	int (*write)(struct co_sink *s, const struct co_frame *f);
	int (*flush)(struct co_sink *s);
	int (*close)(struct co_sink *s);
	/* optional, read-only: fill *st (see sink_status) */
	void (*status)(const struct co_sink *s, struct sink_status *st);
	void *priv;
};

/* The sink's status; a sink without a status hook gives its name, 0
 * bytes, 1 file. */
static inline void
sink_status(const struct co_sink *s, struct sink_status *st)
{
	st->file = s->name;
	st->bytes = 0;
	st->files = 1;
	if (s->status)
		s->status(s, st);
}

/* "-" writes to standard output.  NULL with errno set on failure.
 * sink_candump_open: candump -L lines (plus " T"/" R" for frames with
 * CO_F_DIR_MARK); sink_pcap_open: pcap, LINKTYPE_CAN_SOCKETCAN,
 * ns timestamps.  See cosniff(1) OUTPUT FILES. */
struct co_sink *sink_candump_open(const char *path);
struct co_sink *sink_pcap_open(const char *path);

/* Format f's "ID#DATA" token exactly as can-utils' snprintf_canframe()
 * (candump -L); returns the length written (buf is NUL-terminated). */
size_t sink_candump_fmt(char *buf, size_t size, const struct co_frame *f);
/* Format a whole candump -L line without newline: "(sec.usec) iface tok". */
size_t sink_candump_line(char *buf, size_t size, const struct co_frame *f);

#endif
