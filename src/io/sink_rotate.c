/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sink_rotate.c - file rotation around any frame sink, by size or by frame
 * time (the idea of tcpdump -C/-G/-W); the writers stay single-file */
#include "config.h"
#include "sink_rotate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define CHECK_MAX 1024   /* frames between size checks at most */

struct rot {
	struct rotate_opts o;
	sink_open_fn open_fn;
	char cur[512];           /* name of the file being written */
	struct co_sink *in;      /* NULL while no file is open */
	uint32_t idx;            /* files started so far - 1 */
	uint64_t slot;           /* period slot of the current file */
	uint64_t in_file;        /* frames in the current file */
	uint64_t check_in;       /* frames until the next size check */
	uint64_t fail_s;         /* frame second of the last failed open */
	bool failed;
	bool strf;               /* path is an strftime pattern */
};

size_t
sink_rotate_name(char *buf, size_t size, const char *path, uint32_t idx)
{
	int n;

	if (idx == 0)
		n = snprintf(buf, size, "%s", path);
	else
		n = snprintf(buf, size, "%s.%u", path, idx);
	return n < 0 ? 0 : (size_t)n;
}

static void
make_name(struct rot *r, const char *path, const struct co_frame *f)
{
	uint32_t num = r->o.max_files ? r->idx % r->o.max_files : r->idx;
	char prev[sizeof(r->cur)];
	time_t t;
	struct tm tm;
	size_t n;

	if (!r->strf) {
		sink_rotate_name(r->cur, sizeof(r->cur), path, num);
		return;
	}
	memcpy(prev, r->cur, sizeof(prev));
	t = f ? (time_t)(f->ts_ns / 1000000000u) : time(NULL);
	localtime_r(&t, &tm);
	/* the user's pattern is the format, by design (tcpdump -w -G) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	n = strftime(r->cur, sizeof(r->cur), path, &tm);
#pragma GCC diagnostic pop
	if (n == 0)
		snprintf(r->cur, sizeof(r->cur), "%s", path);
	if (r->idx > 0 && strcmp(prev, r->cur) == 0) {
		n = strlen(r->cur);
		snprintf(r->cur + n, sizeof(r->cur) - n, ".%u", num);
	}
}

/* Start file number r->idx; 0 or -1 with errno and s->msg set. */
static int
open_file(struct co_sink *s, const struct co_frame *f)
{
	struct rot *r = s->priv;

	make_name(r, s->name, f);
	r->in = r->open_fn(r->cur);
	if (r->in == NULL) {
		int err = errno;

		snprintf(s->msg, sizeof(s->msg), "%.200s: %.50s", r->cur,
			 strerror(err));
		r->failed = true;
		r->fail_s = f ? f->ts_ns / 1000000000u : 0;
		errno = err;
		return -1;
	}
	r->failed = false;
	r->in_file = 0;
	r->check_in = 1;
	r->slot = f && r->o.period_s ? f->ts_ns / 1000000000u / r->o.period_s
				     : 0;
	return 0;
}

static int
close_file(struct co_sink *s)
{
	struct rot *r = s->priv;
	int rc;

	if (r->in == NULL)
		return 0;
	rc = r->in->close(r->in);
	if (rc != 0)
		snprintf(s->msg, sizeof(s->msg), "%.200s: %.50s", r->cur,
			 strerror(errno));
	r->in = NULL;
	return rc;
}

/* Size of the current file after a flush, and when to look again. */
static bool
size_reached(struct rot *r)
{
	struct stat st;
	uint64_t per, left;

	if (r->o.max_bytes == 0 || --r->check_in > 0)
		return false;
	r->check_in = CHECK_MAX;
	if (r->in->flush(r->in) != 0 || stat(r->cur, &st) != 0)
		return false;
	if ((uint64_t)st.st_size >= r->o.max_bytes)
		return true;
	/* look again when about half of what is left is written; early
	 * while the size of a frame is not known yet */
	per = r->in_file ? (uint64_t)st.st_size / r->in_file : 0;
	if (per == 0) {
		r->check_in = 16;
		return false;
	}
	left = (r->o.max_bytes - (uint64_t)st.st_size) / per / 2;
	r->check_in = left < 1 ? 1 : left > CHECK_MAX ? CHECK_MAX : left;
	return false;
}

static bool
period_over(struct rot *r, const struct co_frame *f)
{
	uint64_t slot;

	if (r->o.period_s == 0)
		return false;
	slot = f->ts_ns / 1000000000u / r->o.period_s;
	if (r->in_file == 0)
		r->slot = slot;   /* a file opened before any frame */
	return slot != r->slot;
}

static int
rot_fail(struct co_sink *s)
{
	s->nerr++;
	return -1;
}

static int
rot_write(struct co_sink *s, const struct co_frame *f)
{
	struct rot *r = s->priv;

	if (r->in != NULL && (period_over(r, f) || size_reached(r))) {
		if (close_file(s) != 0)
			s->nerr++;
		r->idx++;
	}
	if (r->in == NULL) {
		/* a failed open is retried once per second of frame time */
		if (r->failed && f->ts_ns / 1000000000u == r->fail_s)
			return rot_fail(s);
		if (open_file(s, f) != 0)
			return rot_fail(s);
	}
	if (r->in->write(r->in, f) != 0) {
		snprintf(s->msg, sizeof(s->msg), "%s", r->in->msg);
		return rot_fail(s);
	}
	r->in_file++;
	s->nwritten++;
	return 0;
}

static int
rot_flush(struct co_sink *s)
{
	struct rot *r = s->priv;

	if (r->in == NULL || r->in->flush(r->in) == 0)
		return 0;
	snprintf(s->msg, sizeof(s->msg), "%s", r->in->msg);
	return -1;
}

static int
rot_close(struct co_sink *s)
{
	int rc = close_file(s);

	free(s->priv);
	free(s);
	return rc;
}

/* The file being written, its size, files started so far. */
static void
rot_status(const struct co_sink *s, struct sink_status *st)
{
	const struct rot *r = s->priv;

	if (r->in == NULL && r->idx == 0 && r->strf) {
		st->files = 0;       /* the pattern waits for a frame */
		return;
	}
	if (r->in != NULL)
		sink_status(r->in, st);   /* the size of the current file */
	st->file = r->cur;
	st->files = r->idx + 1;
}

struct co_sink *
sink_rotate_open(const char *path, sink_open_fn open_fn,
		const struct rotate_opts *o)
{
	struct co_sink *s = calloc(1, sizeof(*s));
	struct rot *r = calloc(1, sizeof(*r));

	if (s == NULL || r == NULL) {
		free(s);
		free(r);
		errno = ENOMEM;
		return NULL;
	}
	snprintf(s->name, sizeof(s->name), "%s", path);
	s->priv = r;
	s->write = rot_write;
	s->flush = rot_flush;
	s->close = rot_close;
	s->status = rot_status;
	r->o = *o;
	r->open_fn = open_fn;
	r->strf = strchr(path, '%') != NULL;
	/* a pattern names the file after its first frame */
	if (!r->strf && open_file(s, NULL) != 0) {
		int err = errno;

		rot_close(s);
		errno = err;
		return NULL;
	}
	return s;
}
