/* SPDX-License-Identifier: GPL-2.0-or-later */
/* source.h - frame sources: candump logs, pcap/pcapng files, SocketCAN */
#ifndef COSNIFF_SOURCE_H
#define COSNIFF_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"

/* Return values of co_source.next. */
enum src_rc {
	SRC_EOF = 0,    /* no more input (files) */
	SRC_FRAME = 1,  /* *f holds a frame */
	SRC_BAD = 2,    /* a malformed line/record was skipped: msg, pos */
	SRC_DROP = 3,   /* frames were lost: drop_delta, msg (DROPCOUNT, ovfl) */
	SRC_NOTE = 4,   /* something to tell the user, nothing lost: msg */
	SRC_IDLE = 5,   /* live: nothing pending now, poll fd */
	SRC_ERR = -1,   /* read error; errno set, msg says what */
};

/*
 * A frame source.  next() fills *f (SRC_FRAME) or reports one condition;
 * the caller prints "name:pos: msg" for SRC_BAD and carries on calling
 * next().  Sources never print.  close() frees the source.
 */
struct co_source {
	char name[256];        /* path as given, CO_STDIN_NAME, or interface */
	int fd;                /* pollable descriptor for live sources, else -1 */
	uint64_t pos;          /* line or record number of the last item read */
	uint64_t nframes;      /* frames delivered */
	uint64_t nbad;         /* malformed items skipped */
	uint64_t ndrop;        /* frames reported lost in total */
	uint32_t drop_delta;   /* frames lost, with SRC_DROP */
	char msg[256];         /* with SRC_BAD/SRC_DROP/SRC_NOTE/SRC_ERR */
	bool bad_no_ts;        /* with SRC_BAD: a line without a timestamp
				* after lines with one */
	const char *unit;      /* pos counts "line"s or "record"s; NULL: line */
	int (*next)(struct co_source *src, struct co_frame *f);
	void (*close)(struct co_source *src);
	void *priv;
	/* File sources: called before every read(2) of the input and again
	 * when input does not come (a pipe or FIFO that is quiet) or the
	 * read is interrupted by a signal.  Returns how long to wait for
	 * input before calling it again (ms; -1: as long as it takes), or
	 * SRC_WAIT_STOP to stop reading (next() then returns SRC_EOF).
	 * NULL: reads just wait.  The loop flushes the sinks from here. */
	int (*wait)(void *arg);
	void *wait_arg;
	bool stopped;          /* wait() said SRC_WAIT_STOP */
};

#define SRC_WAIT_STOP (-2)

/* The note of a file whose last line or record is cut short (N bytes):
 * what a writer killed in the middle of a write(2) leaves. */
#define SRC_PARTIAL_NOTE "file ends in a partial %s, %llu byte%s " \
			 "ignored (was the writer killed?)"

/* Name of standard input in messages ("(stdin):12: bad CAN id ..."). */
#define CO_STDIN_NAME "(stdin)"

/* Open a capture file by content: pcap/pcapng magic -> libpcap, otherwise a
 * candump log.  "-" reads standard input.  NULL with errno and *why set. */
struct co_source *src_file_open(const char *path, const char **why);
struct co_source *src_candump_open(const char *path, const char **why);
struct co_source *src_pcap_open(const char *path, const char **why);
/* The same on an open descriptor (stdin, pipes, /dev/fd/N) named name
 * in messages.  pre/npre are bytes the caller already read from fd to
 * detect the format (at most 4096); they are read first.  With own_fd
 * the source closes fd when it is closed or fails to open. */
struct co_source *src_candump_fdopen(int fd, const char *name,
				     const void *pre, size_t npre,
				     bool own_fd, const char **why);
struct co_source *src_pcap_fdopen(int fd, const char *name,
				  const void *pre, size_t npre, bool own_fd,
				  const char **why);
/* read(2) for file sources: calls src->wait first (and waits for input
 * as it says), retries after EINTR unless wait says stop.  The bytes
 * read; 0 at the end of input or when stopped (src->stopped); -1 with
 * errno on an error. */
long src_read(struct co_source *src, int fd, void *buf, size_t n);

#endif
