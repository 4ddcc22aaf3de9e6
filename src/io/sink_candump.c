/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sink_candump.c - frame sink writing candump -L log lines, byte for byte as
 * can-utils' candump/lib.c print them (readable by canplayer, log2asc,
 * python-can and Wireshark) */
#include "config.h"
#include "sink.h"
#include "wrec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Line format (candump.c, lib.c sprint_canframe, can-utils 2020.11 to
 * 2025; see cosniff(1)):
 *
 *   (SSSSSSSSSS.UUUUUU) IFACE TOKEN[ T| R]\n
 *
 * seconds zero-padded to at least 10 digits, microseconds 6 digits
 * (truncated, as struct timeval is), TOKEN one of
 *
 *   123#11223344           11-bit id: 3 upper-case hex digits
 *   12345678#11            29-bit id: 8 digits
 *   20000004#0004000000000000   error frame: class bits | CAN_ERR_FLAG
 *   123#R  123#R5  123#R8_E     remote frame, requested length, raw DLC
 *   123#1122334455667788_E      8 bytes with raw DLC 9..15
 *   123##1112233                CAN FD: flags nibble, then data
 *
 * The trailing " T"/" R" (candump -x) is written when the frame carries
 * CO_F_DIR_MARK (with CO_F_TX).
 */

#define LOG_ERR_FLAG 0x20000000u    /* CAN_ERR_FLAG in the printed id */
#define LOG_MAX_RAW_DLC 15
#define LOG_LINE_MAX 256            /* longest line is ~200 bytes */
#define LOG_BUF_SIZE (256u * 1024u) /* bytes buffered between writes */
#define LOG_DEFAULT_IFACE "can0"    /* for frames without an interface */

struct sink_candump {
	struct co_sink sink;
	int fd;
	bool own_fd;          /* close fd at the end (not stdout) */
	size_t len;           /* bytes waiting in buf */
	uint64_t pending;     /* frames whose lines are in buf */
	struct wrec wr;       /* where buf's lines end, for whole-line writes */
	char buf[LOG_BUF_SIZE];
};

static const char hex_uc[] = "0123456789ABCDEF";

static char *
put_hex(char *p, uint32_t v, int digits)
{
	int i;

	for (i = digits - 1; i >= 0; i--) {
		p[i] = hex_uc[v & 15u];
		v >>= 4;
	}
	return p + digits;
}

/* Decimal, zero-padded to width digits (more if v needs them). */
static char *
put_dec(char *p, uint64_t v, int width)
{
	char t[20];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v != 0);
	while (n < width)
		t[n++] = '0';
	while (n > 0)
		*p++ = t[--n];
	return p;
}

static bool
raw_dlc_valid(const struct co_frame *f)
{
	return f->raw_dlc > CO_CAN_MAX_DLEN && f->raw_dlc <= LOG_MAX_RAW_DLC;
}

static char *
put_id(char *p, const struct co_frame *f)
{
	if (co_frame_is_err(f))
		p = put_hex(p, (f->id & CO_ERR_MASK) | LOG_ERR_FLAG, 8);
	else if (co_frame_is_eff(f))
		p = put_hex(p, f->id & CO_EFF_MASK, 8);
	else
		p = put_hex(p, f->id & CO_SFF_MASK, 3);
	*p++ = '#';
	return p;
}

/* "R", "R<len>" or "R8_<dlc>" of a classic remote frame. */
static char *
put_remote(char *p, const struct co_frame *f, unsigned len)
{
	*p++ = 'R';
	if (len == 0)
		return p;
	*p++ = hex_uc[len];
	if (len == CO_CAN_MAX_DLEN && raw_dlc_valid(f)) {
		*p++ = '_';
		*p++ = hex_uc[f->raw_dlc];
	}
	return p;
}

/* The frame token; p must have room for LOG_LINE_MAX bytes. */
static char *
put_token(char *p, const struct co_frame *f)
{
	bool fd = co_frame_is_fd(f);
	unsigned i, len = f->len;

	if (len > (fd ? CO_FD_MAX_DLEN : CO_CAN_MAX_DLEN))
		len = fd ? CO_FD_MAX_DLEN : CO_CAN_MAX_DLEN;
	p = put_id(p, f);
	if (!fd && co_frame_is_rtr(f))
		return put_remote(p, f, len);
	if (fd) {
		*p++ = '#';
		*p++ = hex_uc[f->fd_flags & 0x0Fu];
	}
	for (i = 0; i < len; i++) {
		*p++ = hex_uc[f->data[i] >> 4];
		*p++ = hex_uc[f->data[i] & 0x0Fu];
	}
	if (!fd && len == CO_CAN_MAX_DLEN && raw_dlc_valid(f)) {
		*p++ = '_';
		*p++ = hex_uc[f->raw_dlc];
	}
	return p;
}

/* Interface name as one word: blanks and control bytes become '_'. */
static char *
put_iface(char *p, const struct co_frame *f)
{
	size_t i;

	if (f->iface[0] == '\0') {
		memcpy(p, LOG_DEFAULT_IFACE, sizeof(LOG_DEFAULT_IFACE) - 1);
		return p + sizeof(LOG_DEFAULT_IFACE) - 1;
	}
	for (i = 0; i < CO_IFNAMSIZ && f->iface[i] != '\0'; i++) {
		unsigned char c = (unsigned char)f->iface[i];

		*p++ = (c <= ' ' || c >= 0x7f) ? '_' : (char)c;
	}
	return p;
}

/* A whole line without newline; p must have room for LOG_LINE_MAX. */
static char *
put_line(char *p, const struct co_frame *f)
{
	*p++ = '(';
	p = put_dec(p, f->ts_ns / 1000000000u, 10);
	*p++ = '.';
	p = put_dec(p, f->ts_ns % 1000000000u / 1000u, 6);
	*p++ = ')';
	*p++ = ' ';
	p = put_iface(p, f);
	*p++ = ' ';
	p = put_token(p, f);
	if (f->flags & CO_F_DIR_MARK) {
		*p++ = ' ';
		*p++ = (f->flags & CO_F_TX) ? 'T' : 'R';
	}
	return p;
}

static size_t
copy_out(char *buf, size_t size, const char *s, size_t n)
{
	if (size == 0)
		return 0;
	if (n > size - 1)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return n;
}

size_t
sink_candump_fmt(char *buf, size_t size, const struct co_frame *f)
{
	char tmp[LOG_LINE_MAX];

	return copy_out(buf, size, tmp, (size_t)(put_token(tmp, f) - tmp));
}

size_t
sink_candump_line(char *buf, size_t size, const struct co_frame *f)
{
	char tmp[LOG_LINE_MAX];

	return copy_out(buf, size, tmp, (size_t)(put_line(tmp, f) - tmp));
}

/* Lines (newlines) in s[0..n): frames lost when a write fails there. */
static uint64_t
count_lines(const char *s, size_t n)
{
	const char *end = s + n, *q;
	uint64_t c = 0;

	while (s < end && (q = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		c++;
		s = q + 1;
	}
	return c;
}

/* Push buf to the kernel, whole lines only (wrec.h: a kill leaves no half
 * line).  A failure drops the buffered lines (counted in nerr, reason in
 * msg) so that the sink can go on with later frames. */
static int
drain(struct sink_candump *lc)
{
	struct co_sink *s = &lc->sink;
	size_t done;
	uint64_t lost;
	int err;

	if (lc->len == 0)
		return 0;
	done = wrec_write(&lc->wr, lc->buf, lc->len);
	if (done == lc->len) {
		s->nwritten += lc->pending;
		lc->len = 0;
		lc->pending = 0;
		return 0;
	}
	err = errno;
	lost = count_lines(lc->buf + done, lc->len - done);
	s->nerr += lost;
	s->nwritten += lc->pending - lost;
	snprintf(s->msg, sizeof(s->msg), "%.200s: %s", s->name, strerror(err));
	lc->len = 0;
	lc->pending = 0;
	errno = err;
	return -1;
}

static int
candump_write(struct co_sink *s, const struct co_frame *f)
{
	struct sink_candump *lc = s->priv;
	int rc = 0;

	if (lc->len + LOG_LINE_MAX > sizeof(lc->buf) || !wrec_room(&lc->wr))
		rc = drain(lc);
	lc->len += (size_t)(put_line(lc->buf + lc->len, f) -
			    (lc->buf + lc->len));
	lc->buf[lc->len++] = '\n';
	wrec_add(&lc->wr, lc->len);
	lc->pending++;
	return rc;
}

static int
candump_flush(struct co_sink *s)
{
	return drain(s->priv);
}

static int
candump_close(struct co_sink *s)
{
	struct sink_candump *lc = s->priv;
	int rc, err = 0;

	rc = drain(lc);
	if (rc != 0)
		err = errno;
	if (lc->own_fd && close(lc->fd) != 0 && rc == 0) {
		err = errno;
		snprintf(s->msg, sizeof(s->msg), "%.200s: %s", s->name,
			 strerror(err));
		rc = -1;
	}
	free(lc);
	errno = err;
	return rc;
}

/* Bytes in the file and in the buffer. */
static void
candump_status(const struct co_sink *s, struct sink_status *st)
{
	const struct sink_candump *lc = s->priv;

	st->bytes = lc->wr.off + lc->len;
}

struct co_sink *
sink_candump_open(const char *path)
{
	struct sink_candump *lc;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = STDOUT_FILENO;
	else if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			    0666)) < 0)
		return NULL;
	lc = calloc(1, sizeof(*lc));
	if (lc == NULL) {
		if (fd != STDOUT_FILENO)
			close(fd);
		errno = ENOMEM;
		return NULL;
	}
	lc->fd = fd;
	lc->own_fd = fd != STDOUT_FILENO;
	wrec_init(&lc->wr, fd);
	snprintf(lc->sink.name, sizeof(lc->sink.name), "%s", path);
	lc->sink.write = candump_write;
	lc->sink.flush = candump_flush;
	lc->sink.close = candump_close;
	lc->sink.status = candump_status;
	lc->sink.priv = lc;
	return &lc->sink;
}
