/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_candump.c - candump text reader: log files (-l/-L, can-utils lib.h
 * parse_canframe grammar) and the candump screen format (lib.c
 * snprintf_long_canframe, candump.c -t/-x/-a/-e) */
#include "config.h"
#include "source.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src_text.h"

#define CD_BUFSZ (256u * 1024u)   /* read(2) chunk; constant memory */
#define CD_MAX_LINE 1024u         /* longest line we accept */
#define CD_SKIP TXT_SKIP          /* internal: line carried no frame */
#define CD_CANDUMP (TXT_SKIP + 1) /* internal: a candump line, parse it */

#define CAN_ERR_FLAG 0x20000000u
#define CAN_RTR_FLAG 0x40000000u
#define CAN_EFF_FLAG 0x80000000u
#define XDIGIT_BAD 0xFFu

#define CD_HOLD 10                /* bad lines held before the first frame */

/* A bad line held back until the input proves to be a format we read. */
struct cd_held {
	uint64_t pos;
	char msg[256];
};

/* Text format, decided on the first line that is not blank. */
enum cd_fmt { CD_FMT_NONE, CD_FMT_CANDUMP, CD_FMT_TRC, CD_FMT_ASC };

/* Which timestamp rule a frame line is under: candump -l/-L lines
 * (id#data) with or without a timestamp; screen lines are another
 * dialect and under none.  Also the state of a log: CD_TS_NONE until
 * its first log line, then the kind of that line. */
enum cd_ts { CD_TS_NONE, CD_TS_TIMED, CD_TS_UNTIMED };

struct cd_priv {
	enum cd_fmt fmt;
	struct trc_state trc;
	struct asc_state asc;
	int fd;
	bool own_fd;
	bool eof;
	bool in_long;          /* discarding the tail of an over-long line */
	bool after_err;        /* last line was an error frame (-e text) */
	bool ifname_noted;     /* told the user about a truncated name */
	bool fdlen_noted;      /* ... about an FD length between DLC steps */
	bool have_pending;     /* pending frame to return after a NOTE */
	enum cd_ts ts;         /* the log's timestamp rule so far */
	bool esc;              /* an ESC byte was read (candump -c colours) */
	size_t start, end;     /* unread bytes are buf[start..end) */
	uint64_t last_ts;
	uint8_t last_digits;
	struct co_frame pending;
	bool known;            /* a frame (or drop count) was read */
	int nheld, replay;     /* held bad lines; the next one to report */
	int after_rc;          /* what came after them, reported next */
	uint64_t after_pos;
	struct co_frame after;
	char after_msg[256];
	struct cd_held held[CD_HOLD];
	char buf[CD_BUFSZ + 1]; /* +1: room for the NUL sentinel */
};

/* ASCII hex digit values; X (XDIGIT_BAD) for everything else, NUL too. */
#define X XDIGIT_BAD
static const uint8_t xdigit[256] = {
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, X, X, X, X, X, X,
	X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef X

static inline unsigned
xval(const char *p)
{
	return xdigit[(unsigned char)*p];
}

static inline bool
is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static inline bool
is_digit(char c)
{
	return (unsigned char)(c - '0') < 10u;
}

static inline const char *
skip_ws(const char *p)
{
	while (is_ws(*p))
		p++;
	return p;
}

static inline const char *
skip_token(const char *p, const char *e)
{
	while (p < e && !is_ws(*p))
		p++;
	return p;
}

/* Copy at most 24 characters of [p, e) up to the next blank or stop for
 * use in a message, replacing anything unprintable by '?'. */
static const char *
quote_tok(char *out, size_t size, const char *p, const char *e, char stop)
{
	size_t n = 0;

	while (p < e && !is_ws(*p) && *p != stop && n + 1 < size && n < 24) {
		unsigned char c = (unsigned char)*p++;

		out[n++] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
	}
	if (p < e && !is_ws(*p) && *p != stop && n + 4 < size) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int
cd_bad(struct co_source *src, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(src->msg, sizeof(src->msg), fmt, ap);
	va_end(ap);
	return SRC_BAD;
}

/* ---- timestamps ---------------------------------------------------- */

/* Fraction digits after '.': value in ns and the digit count. */
static const char *
parse_frac(const char *p, uint64_t *ns, unsigned *ndig)
{
	static const uint32_t scale[10] = { 1000000000u, 100000000u,
		10000000u, 1000000u, 100000u, 10000u, 1000u, 100u, 10u, 1u };
	uint64_t v = 0;
	unsigned n = 0;

	while (is_digit(*p)) {
		if (n < 9)
			v = v * 10 + (uint64_t)(*p - '0');
		n++;
		p++;
	}
	*ndig = n;
	*ns = v * scale[n < 9 ? n : 9];
	return p;
}

/* "YYYY-MM-DD HH:MM:SS" of candump -t A, in local time as candump
 * writes it (localtime); p points at the year. */
static const char *
parse_date(const char *p, uint64_t *sec)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	struct tm tm;
	time_t t;
	int v[6], i, k = 0;

	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? !is_digit(p[i]) : p[i] != shape[i])
			return NULL;
	}
	for (i = 0; i < 6; i++) {
		int w = i == 0 ? 4 : 2, x = 0;

		while (w--)
			x = x * 10 + (p[k++] - '0');
		v[i] = x;
		k++;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	tm.tm_isdst = -1;
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 ||
	    v[4] > 59 || v[5] > 60)
		return NULL;
	t = mktime(&tm);
	if (t == (time_t)-1 || t < 0)
		return NULL;
	*sec = (uint64_t)t;
	return p + sizeof(shape) - 1;
}

/* Eight ASCII digits at p (any alignment) as a number, or -1 if one of
 * them is not a digit: SWAR, three multiplications instead of a loop. */
static inline int64_t
digits8(const char *p)
{
	uint64_t v, lo, hi;

	memcpy(&v, p, 8);
	v = le64toh(v);
	/* every byte 0x30..0x39: high nibble 3 and low nibble + 6 < 16 */
	if (((v & 0xF0F0F0F0F0F0F0F0ull) |
	     (((v + 0x0606060606060606ull) & 0xF0F0F0F0F0F0F0F0ull) >> 4)) !=
	    0x3333333333333333ull)
		return -1;
	v -= 0x3030303030303030ull;
	v = v * 10 + (v >> 8);                   /* pairs in bytes 0,2,4,6 */
	lo = v & 0x000000FF000000FFull;          /* pairs 0 and 2 */
	hi = (v >> 16) & 0x000000FF000000FFull;  /* pairs 1 and 3 */
	return (int64_t)((lo * (100 + (1000000ull << 32)) +
			  hi * (1 + (10000ull << 32))) >> 32);
}

/* candump's own "%010llu.%06llu)" at p (after '('): the common case,
 * parsed without loops; false leaves the line to the general parser. */
static inline bool
parse_ts_fast(const char *p, const char *e, struct co_frame *f)
{
	char frac[8];
	int64_t sec8, us;
	unsigned d8, d9;

	if (e - p < 18 || p[10] != '.' || p[17] != ')')
		return false;
	sec8 = digits8(p);
	d8 = (unsigned)(unsigned char)p[8] - '0';
	d9 = (unsigned)(unsigned char)p[9] - '0';
	memcpy(frac, p + 11, 6);
	frac[6] = '0';
	frac[7] = '0';
	us = digits8(frac);      /* microseconds * 100 */
	if (sec8 < 0 || d8 > 9 || d9 > 9 || us < 0)
		return false;
	f->ts_ns = ((uint64_t)sec8 * 100 + d8 * 10 + d9) * 1000000000ull +
		   (uint64_t)us * 10;
	f->ts_digits = 6;
	return true;
}

/*
 * "(sec.frac)" with any number of digits, zero-based "(000.123456)", or
 * the date form "(2024-01-01 12:00:00.123456)".  p points after '('.
 * Returns the position after ')' or NULL with src->msg set.
 */
static const char *
parse_ts(struct co_source *src, const char *p, const char *e,
	 struct co_frame *f)
{
	const char *s = p;
	uint64_t sec = 0, ns;
	unsigned n = 0, nfrac;
	char q[40];

	while (is_digit(*p) && n < 12) {
		sec = sec * 10 + (uint64_t)(*p - '0');
		p++;
		n++;
	}
	if (n == 4 && *p == '-') {
		p = parse_date(s, &sec);
		if (p == NULL)
			goto bad;
	} else if (n == 0 || is_digit(*p)) {
		goto bad;
	}
	if (*p != '.')
		goto bad;
	p = parse_frac(p + 1, &ns, &nfrac);
	if (nfrac == 0)
		goto bad;
	if (*p != ')')
		goto bad;
	if (sec > UINT64_MAX / 1000000000u - 1) {
		cd_bad(src, "timestamp out of range");
		return NULL;
	}
	f->ts_ns = sec * 1000000000u + ns;
	f->ts_digits = nfrac <= 7 ? 6 : 9;
	return p + 1;
bad:
	if (memchr(s, ')', (size_t)(e - s)) == NULL)
		cd_bad(src, "missing timestamp close paren");
	else
		cd_bad(src, "bad timestamp '(%s'",
		       quote_tok(q, sizeof(q), s, e, ')'));
	return NULL;
}

/* ---- frame tokens ---------------------------------------------------- */

/* Hex digits of a CAN id; *n gets the digit count. */
static const char *
parse_hexid(const char *p, uint32_t *id, unsigned *n)
{
	uint32_t v = 0;
	unsigned k = 0, x;

	while ((x = xval(p)) != XDIGIT_BAD) {
		v = (v << 4) | x;
		p++;
		k++;
	}
	*id = v;
	*n = k;
	return p;
}

/* An id other than 3 digits up to 7FF: 29-bit and error frames, or what
 * is wrong with it. */
static int
set_id_other(struct co_source *src, struct co_frame *f, uint32_t v,
	     unsigned n, const char *s, const char *e)
{
	char q[40];

	if (n == 8 && (v & (CAN_EFF_FLAG | CAN_RTR_FLAG)) == 0) {
		if (v & CAN_ERR_FLAG) {
			f->id = v & CO_ERR_MASK;
			f->flags |= CO_F_ERR;
		} else {
			f->id = v;
			f->flags |= CO_F_EFF;
		}
		return 0;
	}
	if (n == 3)
		return cd_bad(src, "11-bit CAN id '%.3s' out of range", s);
	if (n == 8)
		return cd_bad(src, "CAN id '%.8s' has flag bits above the "
			      "29-bit range", s);
	return cd_bad(src, "bad CAN id '%s' (need 3 or 8 hex digits)",
		      quote_tok(q, sizeof(q), s, e, '#'));
}

/* Classify a 3- or 8-digit id into f (SFF, EFF or error frame); s is
 * the first id digit.  The common 11-bit id without a call. */
static inline int
set_id(struct co_source *src, struct co_frame *f, uint32_t v, unsigned n,
       const char *s, const char *e)
{
	if (n == 3 && v <= CO_SFF_MASK) {
		f->id = v;
		return 0;
	}
	return set_id_other(src, f, v, n, s, e);
}

/* Hex bytes with optional '.' separators (lib.c DATA_SEPERATOR). */
static const char *
parse_data(const char *p, struct co_frame *f, unsigned max, int *err)
{
	unsigned n = 0, hi, lo;

	for (;;) {
		hi = xval(p);
		if (hi == XDIGIT_BAD && *p == '.')
			hi = xval(++p);     /* a separator: looked for only here */
		if (hi == XDIGIT_BAD)
			break;
		lo = xval(p + 1);
		if (lo == XDIGIT_BAD) {
			*err = 1;      /* odd digit count or bad digit */
			return p + 1;
		}
		if (n == max) {
			*err = 2;      /* too long */
			return p;
		}
		f->data[n++] = (uint8_t)(hi << 4 | lo);
		p += 2;
	}
	f->len = (uint8_t)n;
	*err = 0;
	return p;
}

static int
data_error(struct co_source *src, int err, const char *p, bool fd)
{
	if (err == 2)
		return fd ? cd_bad(src, "data longer than 64 bytes in a CAN "
				   "FD frame")
			  : cd_bad(src, "data longer than 8 bytes in a "
				   "classic frame");
	if (*p == '\0' || is_ws(*p) || *p == '_' || *p == '.')
		return cd_bad(src, "odd number of hex digits in data");
	return cd_bad(src, "bad hex digit '%c' in data",
		      (*p > 0x20 && *p < 0x7f) ? *p : '?');
}

/* After "R": optional requested length 0..8, for 8 optional "_<dlc>". */
static const char *
parse_rtr(struct co_source *src, const char *p, struct co_frame *f)
{
	unsigned v = xval(p);

	f->flags |= CO_F_RTR;
	if (f->flags & CO_F_ERR) {
		cd_bad(src, "error frame cannot be a remote frame");
		return NULL;
	}
	if (v == XDIGIT_BAD)
		return p;
	if (v > CO_CAN_MAX_DLEN) {
		cd_bad(src, "remote frame length %X > 8", v);
		return NULL;
	}
	f->len = (uint8_t)v;
	p++;
	if (*p == '_') {
		v = xval(p + 1);
		if (f->len != 8 || v == XDIGIT_BAD || v <= 8) {
			cd_bad(src, "raw DLC suffix needs length 8 and a DLC "
			       "of 9..F");
			return NULL;
		}
		f->raw_dlc = (uint8_t)v;
		p += 2;
	}
	return p;
}

/* "##<flags><data>" after the id; p points at the second '#'. */
static const char *
parse_fd(struct co_source *src, const char *p, struct co_frame *f)
{
	unsigned v;
	int err;

	if (p[1] == '#') {
		cd_bad(src, "CAN XL frame not supported");
		return NULL;
	}
	if (f->flags & CO_F_ERR) {
		cd_bad(src, "error frame cannot be a CAN FD frame");
		return NULL;
	}
	v = xval(p + 1);
	if (v == XDIGIT_BAD) {
		cd_bad(src, "missing CAN FD flags digit after '##'");
		return NULL;
	}
	f->flags |= CO_F_FD;
	f->fd_flags = (uint8_t)v;
	p = parse_data(p + 2, f, CO_FD_MAX_DLEN, &err);
	if (err) {
		data_error(src, err, p, true);
		return NULL;
	}

	return p;
}

/* Classic data and the optional "_<dlc>" raw DLC suffix. */
static const char *
parse_classic(struct co_source *src, const char *p, struct co_frame *f)
{
	unsigned v;
	int err;

	p = parse_data(p, f, CO_CAN_MAX_DLEN, &err);
	if (err) {
		data_error(src, err, p, false);
		return NULL;
	}
	if (*p == '_') {
		v = xval(p + 1);
		if (f->len != 8 || v == XDIGIT_BAD || v <= 8) {
			cd_bad(src, "raw DLC suffix needs 8 data bytes and a "
			       "DLC of 9..F");
			return NULL;
		}
		f->raw_dlc = (uint8_t)v;
		p += 2;
	}
	return p;
}

/* What follows a log frame token: its end, or blanks and a " R" / " T"
 * direction marker (candump -x); else what is wrong.  q points after the
 * data. */
static int
logframe_tail(struct co_source *src, const char *q, const char *e,
	      struct co_frame *f)
{
	char t[40];

	if (!is_ws(*q)) {
		if (xval(q) == XDIGIT_BAD && *q != '.' && *q != '_')
			return data_error(src, 1, q, co_frame_is_fd(f));
		return cd_bad(src, "unexpected '%s' after frame",
			      quote_tok(t, sizeof(t), q, e, '\0'));
	}
	q = skip_ws(q);
	if (q < e && (*q == 'R' || *q == 'T') && (q + 1 == e || is_ws(q[1]))) {
		f->flags |= CO_F_DIR_MARK | (*q == 'T' ? CO_F_TX : 0);
		q = skip_ws(q + 1);
	}
	if (q < e)
		return cd_bad(src, "unexpected '%s' after frame",
			      quote_tok(t, sizeof(t), q, e, '\0'));
	return SRC_FRAME;
}

/*
 * The log-format frame token "<id>#<data>" and what may follow it.  p
 * points at the first id digit, h at the first char after the id digits
 * ('#').
 */
static int
parse_logframe(struct co_source *src, const char *p, const char *h,
	       const char *e, uint32_t v, unsigned n, struct co_frame *f)
{
	const char *q = h + 1;

	if (n == 5)
		return cd_bad(src, "CAN XL frame not supported");
	if (set_id(src, f, v, n, p, e) != 0)
		return SRC_BAD;
	if (*q == 'R' || *q == 'r')
		q = parse_rtr(src, q + 1, f);
	else if (*q == '#')
		q = parse_fd(src, q, f);
	else
		q = parse_classic(src, q, f);
	if (q == NULL)
		return SRC_BAD;
	if (q < e)      /* the line goes on after the data */
		return logframe_tail(src, q, e, f);
	return SRC_FRAME;
}

/* ---- screen format --------------------------------------------------- */

/* candump -x "RX B E" / "TX - -" columns. */
static const char *
parse_xinfo(const char *p, const char *e, struct co_frame *f)
{
	if (e - p < 7 || (p[0] != 'R' && p[0] != 'T') || p[1] != 'X' ||
	    p[2] != ' ' || (p[3] != 'B' && p[3] != '-') || p[4] != ' ' ||
	    (p[5] != 'E' && p[5] != '-') || !is_ws(p[6]))
		return p;
	f->flags |= CO_F_DIR_MARK | (p[0] == 'T' ? CO_F_TX : 0);
	if (p[3] == 'B')
		f->fd_flags |= CO_FD_BRS;
	if (p[5] == 'E')
		f->fd_flags |= CO_FD_ESI;
	return skip_ws(p + 6);
}

/* "[n]" classic, "[nn]" FD, "{X}" classic with raw DLC (candump -8),
 * "[nnnn]" CAN XL. */
static const char *
parse_screen_len(struct co_source *src, const char *p, struct co_frame *f)
{
	unsigned v;

	if (p[0] == '{' && xval(p + 1) != XDIGIT_BAD && p[2] == '}') {
		v = xval(p + 1);
		f->len = (uint8_t)(v > 8 ? 8 : v);
		f->raw_dlc = (uint8_t)(v > 8 ? v : 0);
		return p + 3;
	}
	if (p[0] == '[' && is_digit(p[1]) && p[2] == ']') {
		f->len = (uint8_t)(p[1] - '0');
		if (f->len > 8) {
			cd_bad(src, "data longer than 8 bytes in a classic "
			       "frame");
			return NULL;
		}
		return p + 3;
	}
	if (p[0] == '[' && is_digit(p[1]) && is_digit(p[2]) && p[3] == ']') {
		f->len = (uint8_t)((p[1] - '0') * 10 + (p[2] - '0'));
		f->flags |= CO_F_FD;
		f->fd_flags |= CO_FD_FDF;
		if (f->flags & CO_F_ERR) {
			cd_bad(src, "error frame cannot be a CAN FD frame");
			return NULL;
		}
		if (f->len > CO_FD_MAX_DLEN) {
			cd_bad(src, "CAN FD length %u > 64", f->len);
			return NULL;
		}
		return p + 4;
	}
	if (p[0] == '[' && is_digit(p[1]) && is_digit(p[2]) &&
	    is_digit(p[3]) && is_digit(p[4]) && p[5] == ']') {
		cd_bad(src, "CAN XL frame not supported");
		return NULL;
	}
	cd_bad(src, "expected '[len]' after the CAN id");
	return NULL;
}

/* "remote request", or len bytes " XX", then optional ERRORFRAME or the
 * -a ASCII column "'....'". */
static const char *
parse_screen_data(struct co_source *src, const char *p, const char *e,
		  struct co_frame *f)
{
	static const char rr[] = "remote request";
	unsigned i, hi, lo;

	if ((size_t)(e - p) >= sizeof(rr) - 1 &&
	    memcmp(p, rr, sizeof(rr) - 1) == 0 && !co_frame_is_fd(f)) {
		if (f->flags & CO_F_ERR) {
			cd_bad(src, "error frame cannot be a remote frame");
			return NULL;
		}
		f->flags |= CO_F_RTR;
		return p + sizeof(rr) - 1;
	}
	for (i = 0; i < f->len; i++) {
		if (i > 0) {
			if (!is_ws(*p))
				goto bad;
			p = skip_ws(p);
		}
		hi = xval(p);
		lo = hi == XDIGIT_BAD ? hi : xval(p + 1);
		if (lo == XDIGIT_BAD || (p + 2 < e && !is_ws(p[2])))
			goto bad;
		f->data[i] = (uint8_t)(hi << 4 | lo);
		p += 2;
	}
	return p;
bad:
	if (p >= e)
		cd_bad(src, "%u data bytes for length %u", i, f->len);
	else
		cd_bad(src, "bad data byte '%.2s'", p);
	return NULL;
}

static int
parse_screen_tail(struct co_source *src, const char *p, const char *e,
		  struct co_frame *f)
{
	static const char ef[] = "ERRORFRAME";
	const char *q;
	char t[40];

	p = skip_ws(p);
	if (p == e)
		return SRC_FRAME;
	if ((f->flags & CO_F_ERR) && (size_t)(e - p) >= sizeof(ef) - 1 &&
	    memcmp(p, ef, sizeof(ef) - 1) == 0) {
		p = skip_ws(p + sizeof(ef) - 1);
	} else if (*p == '\'' && !(f->flags & CO_F_RTR) && f->len <= 8 &&
		   e - p == f->len + 2 && e[-1] == '\'') {
		for (q = p + 1; q < e - 1; q++)
			if ((unsigned char)*q < 0x20 ||
			    (unsigned char)*q >= 0x7f)
				break;
		if (q == e - 1)
			p = e;
	}
	if (p == e)
		return SRC_FRAME;
	if (xval(p) != XDIGIT_BAD && !(f->flags & CO_F_RTR))
		return cd_bad(src, "more data bytes than length %u", f->len);
	return cd_bad(src, "unexpected '%s' after frame",
		      quote_tok(t, sizeof(t), p, e, '\0'));
}

/* "[RX B E] <id>  [len]  XX XX ...": p points after the interface name. */
static int
parse_screen(struct co_source *src, const char *p, const char *e,
	     struct co_frame *f)
{
	const char *s;
	uint32_t v;
	unsigned n;

	p = parse_xinfo(p, e, f);
	s = p;
	p = parse_hexid(p, &v, &n);
	if (*p == '#')
		return parse_logframe(src, s, p, e, v, n, f);
	if (n == 0 || (!is_ws(*p) && p != e)) {
		char q[40];

		quote_tok(q, sizeof(q), s, e, '#');
		if (n == 0 && !is_digit(*s))
			return cd_bad(src, "not a candump line: expected a "
				      "CAN frame after '%s', got '%s'",
				      f->iface, q);
		return cd_bad(src, "bad CAN id '%s'", q);
	}
	if (set_id(src, f, v, n, s, e) != 0)
		return SRC_BAD;
	p = skip_ws(p);
	p = parse_screen_len(src, p, f);
	if (p == NULL)
		return SRC_BAD;
	if (!co_frame_is_fd(f))
		f->fd_flags = 0;   /* -x B/E columns are FD-only */
	if (f->len > 0 || p < e) {
		if (!is_ws(*p) && p != e)
			return cd_bad(src, "expected blank after '[len]'");
		p = skip_ws(p);
		if (f->len > 0 || (e - p >= 6 && *p == 'r')) {
			p = parse_screen_data(src, p, e, f);
			if (p == NULL)
				return SRC_BAD;
		}
	}
	return parse_screen_tail(src, p, e, f);
}

/* ---- lines ----------------------------------------------------------- */

/* "DROPCOUNT: dropped N CAN frame[s] on 'IF' socket (total drops T)" */
static int
parse_dropcount(struct co_source *src, struct cd_priv *pv, const char *p,
		const char *e, struct co_frame *f)
{
	static const char pre[] = "DROPCOUNT: dropped ";
	uint64_t n = 0;
	const char *q, *r;
	size_t k;

	p += sizeof(pre) - 1;
	for (k = 0; is_digit(*p) && k < 10; k++, p++)
		n = n * 10 + (uint64_t)(*p - '0');
	if (k == 0 || n > UINT32_MAX || strncmp(p, " CAN frame", 10) != 0)
		return cd_bad(src, "malformed DROPCOUNT line");
	q = memchr(p, '\'', (size_t)(e - p));
	r = q ? memchr(q + 1, '\'', (size_t)(e - q - 1)) : NULL;
	if (r != NULL) {
		k = (size_t)(r - q - 1);
		if (k >= CO_IFNAMSIZ)
			k = CO_IFNAMSIZ - 1;
		memcpy(f->iface, q + 1, k);
	}
	f->ts_ns = pv->last_ts;
	f->ts_digits = pv->last_digits;
	src->drop_delta = (uint32_t)n;
	src->ndrop += n;
	k = (size_t)(e - p);
	snprintf(src->msg, sizeof(src->msg), "dropped %llu%.*s",
		 (unsigned long long)n, (int)(k < 200 ? k : 200), p);
	return SRC_DROP;
}

/* Interface name [p, q) into f; longer than 15 characters is cut. */
static bool
set_iface(struct co_frame *f, const char *p, const char *q)
{
	size_t n = (size_t)(q - p);
	bool cut = n >= CO_IFNAMSIZ;

	if (cut)
		n = CO_IFNAMSIZ - 1;
	memcpy(f->iface, p, n);
	f->iface[n] = '\0';
	return cut;
}

/* What parse_body saw of a line's shape, besides the frame. */
struct cd_shape {
	bool cut;       /* interface name longer than 15 characters */
	enum cd_ts ts;  /* CD_TS_NONE: a screen line */
};

static int
parse_body(struct co_source *src, const char *p, const char *e,
	   struct co_frame *f, struct cd_shape *sh)
{
	const char *q, *h, *s;
	bool timed = *p == '(';
	uint32_t v;
	unsigned n;

	if (timed && parse_ts_fast(p + 1, e, f)) {
		p += 19;
		if (p < e && !is_ws(*p))
			return cd_bad(src, "expected blank after timestamp");
		p = skip_ws(p);
	} else if (timed) {
		p = parse_ts(src, p + 1, e, f);
		if (p == NULL)
			return SRC_BAD;
		if (p < e && !is_ws(*p))
			return cd_bad(src, "expected blank after timestamp");
		p = skip_ws(p);
	}
	if (p == e)
		return cd_bad(src, "missing interface name and frame");
	q = skip_token(p, e);
	sh->cut = set_iface(f, p, q);
	p = skip_ws(q);
	if (p == e && memchr(f->iface, '#', sizeof(f->iface)) != NULL)
		return cd_bad(src, "missing interface name before the frame");
	if (p == e)
		return cd_bad(src, "missing CAN frame after interface '%s'",
			      f->iface);
	/* fast path: "<id>#..." */
	s = p;
	h = parse_hexid(p, &v, &n);
	if (*h == '#') {
		sh->ts = timed ? CD_TS_TIMED : CD_TS_UNTIMED;
		return parse_logframe(src, s, h, e, v, n, f);
	}
	sh->ts = CD_TS_NONE;
	return parse_screen(src, p, e, f);
}

/* Remove ANSI CSI sequences (ESC '[' ... final byte 0x40-0x7E), as
 * candump -c writes around names and frames, and trailing blanks; returns
 * the new length and re-terminates the line. */
static size_t
strip_csi(char *line, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (line[i] != '\033') {
			line[o++] = line[i++];
			continue;
		}
		i++;
		if (i < len && line[i] == '[') {
			i++;
			while (i < len && (line[i] < 0x40 || line[i] > 0x7e))
				i++;
			i++;
		}
	}
	while (o > 0 && is_ws(line[o - 1]))
		o--;
	line[o] = '\0';
	return o;
}

/* Field by field: a whole-struct memset becomes "rep stos", which costs
 * more than the rest of a typical line. */
static inline void
frame_clear(struct co_frame *f, uint64_t pos)
{
	f->ts_ns = 0;
	f->pos = pos;
	f->id = 0;
	f->flags = 0;
	f->len = 0;
	f->raw_dlc = 0;
	f->fd_flags = 0;
	f->ts_digits = 6;
	memset(f->iface, 0, sizeof(f->iface));
	memset(f->data, 0, sizeof(f->data));
}

/* A log line of kind ts that is not the kind the log has shown so far:
 * the first log line decides; a log that began without timestamps may
 * have them later, one that began with them must keep them. */
static int
ts_rule(struct co_source *src, struct cd_priv *pv, enum cd_ts ts)
{
	if (pv->ts == CD_TS_NONE) {
		pv->ts = ts;
		return SRC_FRAME;
	}
	if (ts == CD_TS_TIMED)
		return SRC_FRAME;       /* in a log without timestamps */
	/* decoding it at time 0 would break every period */
	src->bad_no_ts = true;
	return cd_bad(src, "no timestamp, unlike the lines before");
}

/* What is said once (an FD length between DLC steps, a cut interface
 * name): SRC_NOTE with the frame kept for the next call. */
static int
frame_note(struct co_source *src, struct cd_priv *pv, struct co_frame *f,
	   bool cut)
{
	if (co_frame_is_fd(f) && !co_fd_len_valid(f->len) &&
	    !pv->fdlen_noted) {
		/* a host may send any length on vcan; candump logs it */
		pv->fdlen_noted = true;
		pv->pending = *f;
		pv->have_pending = true;
		snprintf(src->msg, sizeof(src->msg),
			 "CAN FD length %u is not a DLC step: a bus sends it "
			 "as %u bytes (DLC %u); read as the %u bytes logged "
			 "(said once)", f->len, co_dlc2len(co_len2dlc(f->len)),
			 co_len2dlc(f->len), f->len);
		return SRC_NOTE;
	}
	if (cut && !pv->ifname_noted) {
		pv->ifname_noted = true;
		pv->pending = *f;
		pv->have_pending = true;
		snprintf(src->msg, sizeof(src->msg),
			 "interface names longer than 15 characters are "
			 "cut to '%s'", f->iface);
		return SRC_NOTE;
	}
	return SRC_FRAME;
}

/* A frame line was read: the timestamp rule of candump logs (checked
 * only when a line's kind differs from the log's), then the notes. */
static inline int
frame_read(struct co_source *src, struct cd_priv *pv, struct co_frame *f,
	   const struct cd_shape *sh)
{
	if (sh->ts != pv->ts && sh->ts != CD_TS_NONE &&
	    ts_rule(src, pv, sh->ts) != SRC_FRAME)
		return SRC_BAD;
	pv->last_ts = f->ts_ns;
	pv->last_digits = f->ts_digits;
	pv->after_err = co_frame_is_err(f);
	if (co_frame_is_fd(f) || sh->cut)
		return frame_note(src, pv, f, sh->cut);
	return SRC_FRAME;
}

/* A line that failed, or any line of a file with an ESC byte: parse it
 * again without candump -c colours, and name an embedded NUL byte. */
static int
body_again(struct co_source *src, struct cd_priv *pv, char *line,
	   size_t len, struct co_frame *f, struct cd_shape *sh, int rc)
{
	const char *nul;

	if (pv->esc && (rc == SRC_BAD ||
			memchr(f->iface, '\033', CO_IFNAMSIZ)) &&
	    memchr(line, '\033', len) != NULL) {
		len = strip_csi(line, len);
		frame_clear(f, src->pos);
		rc = parse_body(src, skip_ws(line), line + len, f, sh);
	}
	nul = rc == SRC_BAD ? memchr(line, '\0', len) : NULL;
	if (nul != NULL)
		return cd_bad(src, "embedded NUL byte at column %zu",
			      (size_t)(nul - line) + 1);
	return rc;
}

/* Cut the newline's '\r' and trailing blanks, and terminate the line:
 * the sentinel that keeps every parser inside it. */
static inline size_t
line_end(char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\r' || is_ws(line[len - 1])))
		len--;
	line[len] = '\0';
	return len;
}

/* The first line that is not blank decides the dialect; the lines of a
 * .trc or .asc file go to their reader.  *p is the line's first
 * character that is not blank, after a byte order mark on line 1.
 * Returns CD_CANDUMP for a candump line, else the line's result. */
static int
line_dialect(struct co_source *src, struct cd_priv *pv, char *line,
	     size_t len, const char **p, struct co_frame *f)
{
	if (src->pos == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
		*p = skip_ws(line + 3); /* UTF-8 byte order mark (Windows) */
	if (pv->fmt == CD_FMT_NONE && *p != line + len)
		pv->fmt = trc_detect(*p) ? CD_FMT_TRC :
			  asc_detect(*p) ? CD_FMT_ASC : CD_FMT_CANDUMP;
	if (pv->fmt == CD_FMT_TRC)
		return trc_line(src, &pv->trc, (char *)*p, f);
	if (pv->fmt == CD_FMT_ASC)
		return asc_line(src, &pv->asc, (char *)*p, f);
	return CD_CANDUMP;
}

/* One line: its result, CD_SKIP when it carries none. */
static inline int
parse_line(struct co_source *src, struct cd_priv *pv, char *line,
	   size_t len, struct co_frame *f)
{
	const char *p, *e;
	struct cd_shape sh;
	int rc;

	len = line_end(line, len);
	e = line + len;
	if (*line == '\t' && pv->after_err)
		return CD_SKIP;    /* candump -e error frame explanation */
	pv->after_err = false;
	frame_clear(f, src->pos);
	p = skip_ws(line);
	/* one compare for a candump file; line 1 (and its byte order
	 * mark) always takes this branch: no dialect is known before it */
	if (pv->fmt != CD_FMT_CANDUMP &&
	    (rc = line_dialect(src, pv, line, len, &p, f)) != CD_CANDUMP)
		return rc;
	if (*p == 'D' && strncmp(p, "DROPCOUNT: dropped ", 19) == 0)
		return parse_dropcount(src, pv, p, e, f);
	if (p == e || *p == '#')
		return CD_SKIP;
	rc = parse_body(src, p, e, f, &sh);
	if (pv->esc || rc != SRC_FRAME)
		rc = body_again(src, pv, line, len, f, &sh, rc);
	if (rc != SRC_FRAME)
		return rc;
	return frame_read(src, pv, f, &sh);
}

/* ---- buffer ---------------------------------------------------------- */

/* Read more input after the unread bytes; 0 at EOF, -1 on error. */
static int
fill(struct co_source *src, struct cd_priv *pv)
{
	ssize_t n;

	if (pv->start > 0) {
		memmove(pv->buf, pv->buf + pv->start, pv->end - pv->start);
		pv->end -= pv->start;
		pv->start = 0;
	}
	n = src_read(src, pv->fd, pv->buf + pv->end, CD_BUFSZ - pv->end);
	if (n < 0) {
		snprintf(src->msg, sizeof(src->msg), "read: %s",
			 strerror(errno));
		return -1;
	}
	/* one scan per read: lines are searched for colour codes only
	 * in a file that has an ESC byte at all */
	if (n > 0 && !pv->esc)
		pv->esc = memchr(pv->buf + pv->end, '\033', (size_t)n) != NULL;
	pv->end += (size_t)n;
	if (n == 0)
		pv->eof = true;
	return n > 0;
}

/* Over-long line: report it once; without its newline in the buffer,
 * drop what we have and the bytes up to its newline. */
static int
too_long(struct co_source *src, struct cd_priv *pv, bool discard)
{
	if (discard) {
		pv->in_long = true;
		pv->start = pv->end = 0;
	}
	src->pos++;
	src->nbad++;
	snprintf(src->msg, sizeof(src->msg),
		 "line too long (more than %u bytes)", CD_MAX_LINE);
	return SRC_BAD;
}

/*
 * The input ends without a newline.  candump and cosniff end every line
 * with one: the rest of a candump log is a line cut short (a writer
 * killed in the middle of a write), whose data may look whole, so it is
 * left out with a note.  Other writers (.trc, .asc) may leave the
 * newline out: their last line is read, as is a first line.  NULL with *rc at the end.
 */
static char *
last_line(struct co_source *src, struct cd_priv *pv, size_t *len, int *rc)
{
	char *s = pv->buf + pv->start;
	size_t n = pv->end - pv->start, i = 0;

	pv->start = pv->end;
	*rc = SRC_EOF;
	while (i < n && (is_ws(s[i]) || s[i] == '\r'))
		i++;
	if (n == 0 || pv->in_long || src->stopped || i == n)
		return NULL;
	src->pos++;
	if (pv->fmt != CD_FMT_CANDUMP || s[i] == '#') {
		*len = n;
		return s;
	}
	snprintf(src->msg, sizeof(src->msg), SRC_PARTIAL_NOTE, "line",
		 (unsigned long long)n, n == 1 ? "" : "s");
	*rc = SRC_NOTE;
	return NULL;
}

/* Next complete line (or the unterminated last one): NULL at EOF. */
static char *
next_line(struct co_source *src, struct cd_priv *pv, size_t *len, int *rc)
{
	char *s, *nl;

	for (;;) {
		s = pv->buf + pv->start;
		nl = memchr(s, '\n', pv->end - pv->start);
		if (nl != NULL) {
			pv->start = (size_t)(nl + 1 - pv->buf);
			if (pv->in_long) {
				pv->in_long = false;
				continue;
			}
			*len = (size_t)(nl - s);
			if (*len > CD_MAX_LINE) {
				*rc = too_long(src, pv, false);
				return NULL;
			}
			src->pos++;
			return s;
		}
		if (pv->in_long)
			pv->start = pv->end;
		else if (pv->end - pv->start > CD_MAX_LINE) {
			*rc = too_long(src, pv, true);
			return NULL;
		}
		if (pv->eof)
			return last_line(src, pv, len, rc);
		if (fill(src, pv) < 0) {
			*rc = SRC_ERR;
			return NULL;
		}
	}
}

/* Report the next held bad line, then what followed them. */
static int
cd_replay(struct co_source *src, struct cd_priv *pv, struct co_frame *f)
{
	if (pv->replay < pv->nheld) {
		src->pos = pv->held[pv->replay].pos;
		memcpy(src->msg, pv->held[pv->replay].msg, sizeof(src->msg));
		pv->replay++;
		src->nbad++;
		return SRC_BAD;
	}
	pv->nheld = pv->replay = 0;
	src->pos = pv->after_pos;
	memcpy(src->msg, pv->after_msg, sizeof(src->msg));
	*f = pv->after;
	if (pv->after_rc == SRC_FRAME)
		f->index = ++src->nframes;
	return pv->after_rc;
}

/*
 * Until the first frame, bad lines are held back: when the first
 * CD_HOLD lines that are not blank or comments all fail, the input is
 * no format we read, and one message says so instead of one per line.
 * Returns rc, or the first held line to report, or SRC_ERR.
 */
static int
cd_hold(struct co_source *src, struct cd_priv *pv, int rc,
	struct co_frame *f)
{
	struct cd_held *h;

	if (rc == SRC_BAD && pv->nheld < CD_HOLD) {
		h = &pv->held[pv->nheld++];
		h->pos = src->pos;
		memcpy(h->msg, src->msg, sizeof(h->msg));
		if (pv->nheld < CD_HOLD)
			return CD_SKIP;
		snprintf(src->msg, sizeof(src->msg), "not a capture cosniff "
			 "reads (candump log or screen output, pcap/pcapng, "
			 "PEAK .trc, Vector .asc): none of the %d lines from "
			 "line %llu on is a CAN frame", CD_HOLD,
			 (unsigned long long)pv->held[0].pos);
		return SRC_ERR;
	}
	pv->known = true;
	if (pv->nheld == 0)
		return rc;
	pv->after_rc = rc;
	pv->after_pos = src->pos;
	pv->after = *f;
	memcpy(pv->after_msg, src->msg, sizeof(pv->after_msg));
	return cd_replay(src, pv, f);
}

static int
cd_next(struct co_source *src, struct co_frame *f)
{
	struct cd_priv *pv = src->priv;
	size_t len;
	char *line;
	int rc;

	src->bad_no_ts = false;
	if (pv->nheld > 0 && pv->known)
		return cd_replay(src, pv, f);
	if (pv->have_pending) {
		pv->have_pending = false;
		*f = pv->pending;
		f->index = ++src->nframes;
		return SRC_FRAME;
	}
	for (;;) {
		line = next_line(src, pv, &len, &rc);
		if (line == NULL && rc == SRC_BAD)
			src->nbad--;    /* too long: counted below */
		else if (line == NULL) {
			if (!pv->known && pv->nheld > 0 && rc == SRC_EOF)
				return cd_hold(src, pv, SRC_EOF, f);
			return rc;
		} else
			rc = parse_line(src, pv, line, len, f);
		if (rc == CD_SKIP)
			continue;
		if (!pv->known) {
			rc = cd_hold(src, pv, rc, f);
			if (rc == CD_SKIP)
				continue;
			if (pv->nheld > 0)
				return rc;      /* a held line, counted */
		}
		if (rc == SRC_FRAME)
			f->index = ++src->nframes;
		else if (rc == SRC_BAD)
			src->nbad++;
		return rc;
	}
}

static void
cd_close(struct co_source *src)
{
	struct cd_priv *pv = src->priv;

	if (pv->own_fd)
		close(pv->fd);
	free(pv);
	free(src);
}

struct co_source *
src_candump_fdopen(int fd, const char *name, const void *pre, size_t npre,
		   bool own_fd, const char **why)
{
	struct co_source *src;
	struct cd_priv *pv;

	*why = NULL;
	src = calloc(1, sizeof(*src));
	pv = malloc(sizeof(*pv));
	if (src == NULL || pv == NULL || npre > CD_BUFSZ) {
		if (npre > CD_BUFSZ)
			errno = EINVAL;
		free(src);
		free(pv);
		if (own_fd)
			close(fd);
		return NULL;
	}
	memset(pv, 0, offsetof(struct cd_priv, buf));
	pv->fd = fd;
	pv->own_fd = own_fd;
	pv->last_digits = 6;
	if (npre)
		memcpy(pv->buf, pre, npre);
	pv->end = npre;
	pv->esc = npre > 0 && memchr(pre, '\033', npre) != NULL;
	snprintf(src->name, sizeof(src->name), "%s", name);
	src->fd = -1;
	src->unit = "line";
	src->next = cd_next;
	src->close = cd_close;
	src->priv = pv;
	return src;
}

struct co_source *
src_candump_open(const char *path, const char **why)
{
	int fd;

	*why = NULL;
	if (strcmp(path, "-") == 0)
		return src_candump_fdopen(STDIN_FILENO, CO_STDIN_NAME, NULL, 0,
					  false, why);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	return src_candump_fdopen(fd, path, NULL, 0, true, why);
}
