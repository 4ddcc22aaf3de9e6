/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_trc.c - PEAK-System PCAN trace files (.trc), versions 1.0 to 2.1,
 * as PEAK's "PCAN-Trace file format" document describes them */
#include "config.h"
#include "src_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canerr.h"

/*
 * Lines after a ';' header (";$FILEVERSION=", ";$STARTTIME=" days since
 * 1899-12-30, ";$COLUMNS=" from 2.0), blanks between columns:
 *
 *   1.0  N) O I L D...          O ms; I 4 hex digits (11-bit) or 8
 *   1.1  N) O T I L D...        T Rx Tx Warng Error; O ms.d
 *   1.2  N) O B T I L D...      B bus 1..16; O ms.ddd
 *   1.3  N) O B T I R L D...    R reserved '-'
 *   2.0  $COLUMNS, default N,O,T,I,d,l,D    d Rx/Tx; l length in bytes
 *   2.1  $COLUMNS, default N,O,T,B,I,d,R,L,D  L DLC (CAN FD: 0..15)
 *
 * 2.x types: DT data, FD / FB (BRS) / FE (ESI) / BI (BRS+ESI) CAN FD,
 * RR remote request, ST hardware status, ER error frame, EC error
 * counter change, EV event text.  1.x: D "RTR" is a remote frame,
 * I FFFFFFFF (or type Warng) a status "00 00 00 08 BUSHEAVY", type Error
 * (1.0: D "ERROR") an error frame with I the error type.
 * Status codes and error frames are PCAN's (PCAN-Basic "Error Frames",
 * the SJA1000 Error Code Capture register split up): status 0x04 light,
 * 0x08 heavy (warning), 0x10 bus-off, 0x40000 passive.  An error frame
 * is the error type (1.x: the ID; 2.x: the first data byte), then the
 * direction (0 while sending, 1 while receiving), the position in the
 * frame (ECC bits 0-4: 2 ID.28-21, 3 start of frame, ... 25 ACK slot;
 * the values SocketCAN's data[3] takes from the same register), the RX
 * and the TX error counter: 1.0 "0008 4 ERROR 00 19 08 08", 1.1-1.3
 * type Error, 2.x type ER with 5 data bytes.  Error type 1 bit, 2 form,
 * 4 stuff, 8 other; 0 carries only new counter values (no error).
 * 2.x EC (error counter change) lines are skipped.
 */

#define TRC_STATUS_LIGHT   0x00004u
#define TRC_STATUS_HEAVY   0x00008u
#define TRC_STATUS_BUSOFF  0x00010u
#define TRC_STATUS_PASSIVE 0x40000u
#define TRC_ERR_BIT   1u
#define TRC_ERR_FORM  2u
#define TRC_ERR_STUFF 4u
#define TRC_ERR_OTHER 8u

/* Column letters of the 1.x versions and the 2.x defaults. */
static const struct trc_layout {
	unsigned version;
	const char *cols;
} trc_layouts[] = {
	{ 10, "NOILD" }, { 11, "NOTILD" }, { 12, "NOBTILD" },
	{ 13, "NOBTIRLD" }, { 20, "NOTIdlD" }, { 21, "NOTBIdRLD" },
};

/* ---- shared helpers of the text formats ----------------------------- */

int
txt_bad(struct co_source *src, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(src->msg, sizeof(src->msg), fmt, ap);
	va_end(ap);
	return SRC_BAD;
}

int
txt_split(char *line, char **tok, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == '\0' || n == max)
			return n;
		tok[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
	}
}

bool
txt_hex(const char *s, unsigned maxdig, uint32_t *v)
{
	uint32_t x = 0;
	unsigned n = 0;
	char *end;

	if (*s == '\0' || strlen(s) > maxdig)
		return false;
	x = (uint32_t)strtoul(s, &end, 16);
	n = (unsigned)(end - s);
	if (*end != '\0' || n == 0 || *s == '-' || *s == '+' || *s == ' ')
		return false;
	*v = x;
	return true;
}

bool
txt_dec(const char *s, uint32_t *v)
{
	unsigned long x;
	char *end;

	if (*s < '0' || *s > '9' || strlen(s) > 9)
		return false;
	x = strtoul(s, &end, 10);
	if (*end != '\0')
		return false;
	*v = (uint32_t)x;
	return true;
}

bool
txt_time(const char *s, uint64_t scale_ns, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, div = 1;
	unsigned n = 0;

	if (*s == '-')
		return false;
	for (; *s >= '0' && *s <= '9'; s++, n++)
		whole = whole * 10 + (uint64_t)(*s - '0');
	if (n == 0 || n > 12)
		return false;
	if (*s == '.' || *s == ',') {
		for (s++; *s >= '0' && *s <= '9'; s++)
			if (div < 1000000000u) {
				frac = frac * 10 + (uint64_t)(*s - '0');
				div *= 10;
			}
	}
	if (*s != '\0')
		return false;
	*ns = whole * scale_ns + frac * scale_ns / div;
	return true;
}

bool
txt_channel(struct co_frame *f, const char *s)
{
	uint32_t ch;

	if (!txt_dec(s, &ch) || ch == 0 || ch > 99)
		return false;
	snprintf(f->iface, sizeof(f->iface), "can%u", (unsigned)ch - 1);
	return true;
}

uint64_t
txt_ole_date(const char *s)
{
	/* 25569 days from 1899-12-30 to 1970-01-01 */
	const uint64_t day_ns = 86400ull * 1000000000ull;
	uint64_t days = 0, frac_ns;
	double frac = 0.0, scale = 0.1;

	for (; *s >= '0' && *s <= '9'; s++)
		days = days * 10 + (uint64_t)(*s - '0');
	if (*s == '.' || *s == ',')
		for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
			frac += (*s - '0') * scale;
	if (*s != '\0' || days < 25569 || days > 25569 + 200000)
		return 0;
	/* ten digits of a day are ~9 us: round to PEAK's 0.1 ms display */
	frac_ns = (uint64_t)(frac * (double)day_ns / 100000.0 + 0.5) * 100000u;
	return (days - 25569) * day_ns + frac_ns;
}

/* ---- header --------------------------------------------------------- */

bool
trc_detect(const char *line)
{
	return line[0] == ';';
}

static int
trc_header(struct co_source *src, struct trc_state *st, const char *line)
{
	const char *v;
	size_t i, n;

	if (strncmp(line, ";$FILEVERSION=", 14) == 0) {
		v = line + 14;
		if (v[0] >= '1' && v[0] <= '2' && v[1] == '.' &&
		    v[2] >= '0' && v[2] <= '9' && v[3] == '\0')
			st->version = (unsigned)(v[0] - '0') * 10 +
				      (unsigned)(v[2] - '0');
		for (i = 0; i < sizeof(trc_layouts) / sizeof(trc_layouts[0]);
		     i++)
			if (trc_layouts[i].version == st->version)
				return TXT_SKIP;
		st->version = 0;
		return txt_bad(src, "PEAK trace version '%.20s' is not "
			       "1.0-1.3, 2.0 or 2.1; read as 1.0", v);
	}
	if (strncmp(line, ";$STARTTIME=", 12) == 0) {
		st->start_ns = txt_ole_date(line + 12);
		if (st->start_ns == 0)
			return txt_bad(src, "bad $STARTTIME '%.30s'",
				       line + 12);
		return TXT_SKIP;
	}
	if (strncmp(line, ";$COLUMNS=", 10) == 0) {
		for (v = line + 10, n = 0; *v && n + 1 < sizeof(st->cols); v++)
			if (*v != ',' && *v != ' ')
				st->cols[n++] = *v;
		st->cols[n] = '\0';
		if (strchr(st->cols, 'O') == NULL ||
		    strchr(st->cols, 'T') == NULL ||
		    strchr(st->cols, 'I') == NULL ||
		    strchr(st->cols, 'D') == NULL) {
			st->cols[0] = '\0';
			return txt_bad(src, "$COLUMNS without O, T, I and D "
				       "columns; the default layout is used");
		}
	}
	return TXT_SKIP;
}

/* Column letters in force for the data lines. */
static const char *
trc_cols(struct trc_state *st)
{
	size_t i;

	if (st->version >= 20 && st->cols[0] != '\0')
		return st->cols;
	if (st->version == 0)
		st->version = 10;
	for (i = 0; i < sizeof(trc_layouts) / sizeof(trc_layouts[0]); i++)
		if (trc_layouts[i].version == st->version)
			return trc_layouts[i].cols;
	return trc_layouts[0].cols;
}

/* ---- data lines ----------------------------------------------------- */

enum trc_kind { TRC_DATA, TRC_FD, TRC_RTR, TRC_STATUS, TRC_ERROR, TRC_OTHER };

struct trc_line {
	char *tok[TXT_MAX_TOK];
	int n;                  /* tokens */
	const char *cols;
	enum trc_kind kind;
	uint8_t fd_flags;
};

/* Token of column c, or NULL when the layout or the line lacks it. */
static const char *
col(const struct trc_line *l, char c)
{
	const char *p = strchr(l->cols, c);
	int i;

	if (p == NULL)
		return NULL;
	i = (int)(p - l->cols);
	return i < l->n ? l->tok[i] : NULL;
}

static int
col_index(const struct trc_line *l, char c)
{
	const char *p = strchr(l->cols, c);

	return p == NULL ? -1 : (int)(p - l->cols);
}

static const struct trc_type {
	const char *name;
	enum trc_kind kind;
	uint8_t fd_flags;
} trc_types[] = {
	{ "DT", TRC_DATA, 0 }, { "Rx", TRC_DATA, 0 }, { "Tx", TRC_DATA, 0 },
	{ "FD", TRC_FD, 0 }, { "FB", TRC_FD, CO_FD_BRS },
	{ "FE", TRC_FD, CO_FD_ESI }, { "BI", TRC_FD, CO_FD_BRS | CO_FD_ESI },
	{ "RR", TRC_RTR, 0 }, { "ST", TRC_STATUS, 0 },
	{ "Warng", TRC_STATUS, 0 }, { "ER", TRC_ERROR, 0 },
	{ "Error", TRC_ERROR, 0 }, { "EC", TRC_OTHER, 0 },
	{ "EV", TRC_OTHER, 0 },
};

static int
trc_kind(struct co_source *src, struct trc_line *l, struct co_frame *f)
{
	const char *t = col(l, 'T'), *d = col(l, 'd');
	size_t i;

	l->kind = TRC_DATA;
	if (t != NULL) {
		for (i = 0; i < sizeof(trc_types) / sizeof(trc_types[0]); i++)
			if (strcmp(t, trc_types[i].name) == 0)
				break;
		if (i == sizeof(trc_types) / sizeof(trc_types[0]))
			return txt_bad(src, "unknown message type '%.12s'", t);
		l->kind = trc_types[i].kind;
		l->fd_flags = trc_types[i].fd_flags;
		/* from 1.1 on every line has a direction: status and
		 * error lines are received */
		f->flags |= CO_F_DIR_MARK;
		if (strcmp(t, "Tx") == 0 || (d != NULL && strcmp(d, "Tx") == 0))
			f->flags |= CO_F_TX;
	}
	return 0;
}

/* Hex bytes from token i on into f->data; the count read. */
static int
trc_bytes(const struct trc_line *l, int i, uint8_t *out, int max)
{
	uint32_t v;
	int n = 0;

	for (; i < l->n && n < max; i++) {
		if (strlen(l->tok[i]) != 2 || !txt_hex(l->tok[i], 2, &v))
			break;
		out[n++] = (uint8_t)v;
	}
	return n;
}

static int
trc_status(struct co_source *src, struct co_frame *f, uint32_t st)
{
	f->flags |= CO_F_ERR;
	f->len = CO_CAN_MAX_DLEN;
	if (st & TRC_STATUS_BUSOFF) {
		f->id = CANERR_BUSOFF;
	} else if (st & TRC_STATUS_PASSIVE) {
		f->id = CANERR_CRTL;
		f->data[1] = CANERR_CRTL_RX_PASSIVE | CANERR_CRTL_TX_PASSIVE;
	} else if (st & TRC_STATUS_HEAVY) {
		f->id = CANERR_CRTL;
		f->data[1] = CANERR_CRTL_RX_WARNING | CANERR_CRTL_TX_WARNING;
	} else if (st == 0 || st == TRC_STATUS_LIGHT) {
		f->id = CANERR_CRTL;    /* below the warning level again */
		f->data[1] = CANERR_CRTL_ACTIVE;
	} else {
		return txt_bad(src, "unknown PCAN status 0x%X", (unsigned)st);
	}
	return SRC_FRAME;
}

/* A PCAN error frame as SocketCAN's: b is direction (0 sending),
 * position, RX and TX counter; n of them present.  Type 0 carries only
 * the counters. */
static int
trc_error(struct co_source *src, struct co_frame *f, uint32_t type,
	  const uint8_t *b, int n)
{
	if (type > TRC_ERR_OTHER || (type & (type - 1)) != 0)
		return txt_bad(src, "unknown PCAN error type 0x%X",
			       (unsigned)type);
	f->flags |= CO_F_ERR;
	f->len = CO_CAN_MAX_DLEN;
	f->id = 0;
	if (type != 0) {
		f->id = CANERR_PROT | CANERR_BUSERROR;
		if (type == TRC_ERR_BIT)
			f->data[2] = CANERR_PROT_BIT;
		else if (type == TRC_ERR_FORM)
			f->data[2] = CANERR_PROT_FORM;
		else if (type == TRC_ERR_STUFF)
			f->data[2] = CANERR_PROT_STUFF;
		if (n >= 1 && b[0] == 0)
			f->data[2] |= CANERR_PROT_TX;
		if (n >= 2)
			f->data[3] = b[1];
	}
	if (n >= 4) {
		f->id |= CANERR_CNT;
		f->data[6] = b[3];
		f->data[7] = b[2];
	} else if (type == 0) {
		return txt_bad(src, "error counter record without the "
			       "counters");
	}
	return SRC_FRAME;
}

/* 2.x ST/ER lines may leave I and the length blank: the data bytes are
 * the two-digit tokens after the direction and the '-' / length ones. */
static int
trc_event(struct co_source *src, struct trc_line *l, struct co_frame *f)
{
	uint8_t b[8];
	int i = col_index(l, 'T') + 1, n;

	while (i < l->n && strcmp(l->tok[i], "Rx") != 0 &&
	       strcmp(l->tok[i], "Tx") != 0)
		i++;
	for (i++; i < l->n && (strcmp(l->tok[i], "-") == 0 ||
			       strlen(l->tok[i]) != 2); i++)
		;
	n = trc_bytes(l, i, b, (int)sizeof(b));
	if (l->kind == TRC_STATUS) {
		if (n < 4)
			return txt_bad(src, "status line without its 4 bytes");
		return trc_status(src, f, (uint32_t)b[0] << 24 |
				  (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
				  b[3]);
	}
	if (n < 1)
		return txt_bad(src, "error frame line without data bytes");
	return trc_error(src, f, b[0], b + 1, n - 1);
}

/* Length column: 2.1's L is a DLC (CAN FD 0..15), 2.0's l and 1.x's L
 * a byte count. */
static int
trc_len(struct co_source *src, const struct trc_line *l, struct co_frame *f)
{
	bool fd = co_frame_is_fd(f);
	const char *s;
	uint32_t v;

	if ((s = col(l, 'l')) != NULL) {
		if (!txt_dec(s, &v) || v > (fd ? CO_FD_MAX_DLEN : 8u))
			return txt_bad(src, "bad data length '%.8s'", s);
		f->len = (uint8_t)v;
	} else if ((s = col(l, 'L')) != NULL) {
		if (!txt_dec(s, &v) || v > 15)
			return txt_bad(src, "bad DLC '%.8s'", s);
		if (fd)
			f->len = co_dlc2len((uint8_t)v);
		else if (v > CO_CAN_MAX_DLEN) {
			f->len = CO_CAN_MAX_DLEN;
			f->raw_dlc = (uint8_t)v;
		} else {
			f->len = (uint8_t)v;
		}
	} else {
		return txt_bad(src, "no length column");
	}
	return 0;
}

static int
trc_id(struct co_source *src, const struct trc_line *l, struct co_frame *f)
{
	const char *s = col(l, 'I');
	uint32_t v;

	if (s == NULL || !txt_hex(s, 8, &v))
		return txt_bad(src, "bad CAN id '%.12s'", s ? s : "");
	if (strlen(s) > 4) {
		if (v > CO_EFF_MASK)
			return txt_bad(src, "CAN id '%.12s' out of range", s);
		f->flags |= CO_F_EFF;
	} else if (v > CO_SFF_MASK) {
		return txt_bad(src, "11-bit CAN id '%s' out of range", s);
	}
	f->id = v;
	return 0;
}

/* Data, remote and FD frames, and the 1.x status and error lines. */
static int
trc_frame(struct co_source *src, struct trc_line *l, struct co_frame *f)
{
	int d = col_index(l, 'D'), n;
	uint8_t b[4];

	if (l->kind == TRC_FD) {
		f->flags |= CO_F_FD;
		f->fd_flags = l->fd_flags | CO_FD_FDF;
	}
	if (col(l, 'I') != NULL && strcmp(col(l, 'I'), "FFFFFFFF") == 0)
		l->kind = TRC_STATUS;
	if (l->kind == TRC_STATUS) {
		if (trc_bytes(l, d, b, 4) < 4)
			return txt_bad(src, "status line without its 4 bytes");
		return trc_status(src, f, (uint32_t)b[0] << 24 |
				  (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
				  b[3]);
	}
	if (trc_id(src, l, f) != 0 || trc_len(src, l, f) != 0)
		return SRC_BAD;
	if (d < l->n && strcmp(l->tok[d], "ERROR") == 0) {
		l->kind = TRC_ERROR;
		d++;
	}
	if (l->kind == TRC_ERROR)
		return trc_error(src, f, f->id, b, trc_bytes(l, d, b, 4));
	if (l->kind == TRC_RTR || (d < l->n && strcmp(l->tok[d], "RTR") == 0)) {
		f->flags |= CO_F_RTR;
		return SRC_FRAME;
	}
	n = trc_bytes(l, d, f->data, f->len);
	if (n < f->len)
		return txt_bad(src, "%d data bytes, the length says %u", n,
			       (unsigned)f->len);
	return SRC_FRAME;
}

/* Time offset (ms since $STARTTIME) and bus (interface canN-1). */
static int
trc_time_bus(struct co_source *src, const struct trc_state *st,
	     const struct trc_line *l, struct co_frame *f)
{
	const char *o = col(l, 'O'), *b = col(l, 'B');
	uint64_t ns;

	if (o == NULL || !txt_time(o, 1000000u, &ns))
		return txt_bad(src, "bad time offset '%.16s'", o ? o : "");
	f->ts_ns = st->start_ns + ns;
	if (b != NULL && strcmp(b, "-") != 0 && !txt_channel(f, b))
		return txt_bad(src, "bad bus number '%.8s'", b);
	if (f->iface[0] == '\0')
		memcpy(f->iface, "can0", 5);
	return 0;
}

int
trc_line(struct co_source *src, struct trc_state *st, char *line,
	 struct co_frame *f)
{
	struct trc_line l;
	int rc;

	if (line[0] == ';')
		return st->data_seen ? TXT_SKIP : trc_header(src, st, line);
	st->data_seen = true;
	memset(&l, 0, sizeof(l));
	l.cols = trc_cols(st);
	l.n = txt_split(line, l.tok, TXT_MAX_TOK);
	if (l.n == 0)
		return TXT_SKIP;
	if ((rc = trc_time_bus(src, st, &l, f)) != 0 ||
	    (rc = trc_kind(src, &l, f)) != 0)
		return rc;
	if (l.kind == TRC_OTHER)
		return TXT_SKIP;
	if (st->version >= 20 &&
	    (l.kind == TRC_STATUS || l.kind == TRC_ERROR))
		return trc_event(src, &l, f);
	return trc_frame(src, &l, f);
}
