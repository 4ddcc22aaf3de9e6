/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_asc.c - Vector ASCII logs (.asc, CANalyzer/CANoe, log2asc):
 * classic, remote, CAN FD and error frames */
#include "config.h"
#include "src_text.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "canerr.h"

/*
 * Header lines, then one event per line, time in seconds first:
 *
 *   date Mon Sep 30 15:06:13.191 pm 2019    start of the measurement
 *   base hex  timestamps absolute           or "base dec", "relative"
 *   internal events logged / // version 9.0.0 / Begin Triggerblock ...
 *   1.015991 1  123             Rx   d 8 01 02 03 04 05 06 07 08 ...
 *   1.015991 1  18EBFF00x       Tx   r            (x: 29-bit; r remote)
 *   2.501000 1  ErrorFrame ...
 *   3.000000 CANFD   1 Rx   123  [name]  1 0 d 64  00 11 ... (BRS ESI
 *                                   DLC length data, more fields after)
 *   End TriggerBlock
 *
 * Channels are 1-based: channel N is interface canN-1 (log2asc's
 * numbering).  Other events (statistics, status, comments) carry no
 * frame and are skipped.  The "date" is taken as UTC.
 */

static const char *const asc_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

bool
asc_detect(const char *line)
{
	return strncasecmp(line, "date ", 5) == 0 ||
	       strncasecmp(line, "base ", 5) == 0 ||
	       strncasecmp(line, "begin triggerblock", 18) == 0 ||
	       strncmp(line, "// version", 10) == 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* "date WDAY MON DAY HH:MM:SS[.mmm] [am|pm] YEAR": ns since the epoch. */
static uint64_t
asc_date(char **tok, int n)
{
	unsigned mon, day, hh, mm, ss, year, i;
	uint64_t frac = 0;
	char *t;
	int k = 4;

	if (n < 6)
		return 0;
	for (mon = 0; mon < 12; mon++)
		if (strncasecmp(tok[2], asc_months[mon], 3) == 0)
			break;
	if (mon == 12 || sscanf(tok[3], "%u", &day) != 1 ||
	    sscanf(tok[k], "%u:%u:%u", &hh, &mm, &ss) != 3)
		return 0;
	t = strchr(tok[k], '.');
	if (t != NULL && (strlen(t + 1) > 9 || !txt_time(t + 1, 1, &frac)))
		frac = 0;
	for (i = t ? (unsigned)strlen(t + 1) : 9; i < 9; i++)
		frac *= 10;
	k++;
	if (strcasecmp(tok[k], "pm") == 0 || strcasecmp(tok[k], "am") == 0) {
		if (hh == 12)
			hh = 0;
		if ((tok[k][0] == 'p' || tok[k][0] == 'P') && hh < 12)
			hh += 12;       /* (some writers put 24 h and pm) */
		k++;
	}
	if (k >= n || sscanf(tok[k], "%u", &year) != 1 || year < 1970 ||
	    day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60)
		return 0;
	return ((uint64_t)days_from_civil(year, mon + 1, day) * 86400u +
		hh * 3600u + mm * 60u + ss) * 1000000000u + frac;
}

/* Header keywords; true when the line was one. */
static bool
asc_header(struct asc_state *st, char **tok, int n)
{
	int i;

	if (strcasecmp(tok[0], "date") == 0) {
		st->start_ns = asc_date(tok, n);
		return true;
	}
	if (strcasecmp(tok[0], "base") == 0) {
		for (i = 1; i < n; i++) {
			if (strcasecmp(tok[i], "dec") == 0)
				st->dec = true;
			else if (strcasecmp(tok[i], "hex") == 0)
				st->dec = false;
			else if (strcasecmp(tok[i], "relative") == 0)
				st->relative = true;
			else if (strcasecmp(tok[i], "absolute") == 0)
				st->relative = false;
		}
		return true;
	}
	return false;
}

static bool
asc_num(const struct asc_state *st, const char *s, unsigned maxdig,
	uint32_t *v)
{
	return st->dec ? txt_dec(s, v) : txt_hex(s, maxdig, v);
}

/* "123" or "18EBFF00x" */
static int
asc_id(struct co_source *src, const struct asc_state *st, char *s,
       struct co_frame *f)
{
	size_t n = strlen(s);
	uint32_t v;

	if (n > 1 && (s[n - 1] == 'x' || s[n - 1] == 'X')) {
		s[n - 1] = '\0';
		f->flags |= CO_F_EFF;
	}
	if (!asc_num(st, s, 8, &v) ||
	    v > (co_frame_is_eff(f) ? CO_EFF_MASK : CO_SFF_MASK))
		return txt_bad(src, "bad CAN id '%.12s'", s);
	f->id = v;
	return 0;
}

static int
asc_data(struct co_source *src, const struct asc_state *st, char **tok,
	 int n, struct co_frame *f)
{
	uint32_t v;
	int i;

	if (n < f->len)
		return txt_bad(src, "%d data bytes, the length says %u", n,
			       (unsigned)f->len);
	for (i = 0; i < f->len; i++) {
		if (!asc_num(st, tok[i], 2, &v) || v > 0xFF)
			return txt_bad(src, "bad data byte '%.8s'", tok[i]);
		f->data[i] = (uint8_t)v;
	}
	return SRC_FRAME;
}

static void
asc_dir(const char *d, struct co_frame *f)
{
	f->flags |= CO_F_DIR_MARK;
	if (strcasecmp(d, "Tx") == 0)
		f->flags |= CO_F_TX;
}

/* CH ID DIR d|r [DLC] DATA... (tok[0] is the channel) */
static int
asc_classic(struct co_source *src, const struct asc_state *st, char **tok,
	    int n, struct co_frame *f)
{
	uint32_t dlc = 0;

	if (asc_id(src, st, tok[1], f) != 0)
		return SRC_BAD;
	asc_dir(tok[2], f);
	if (n < 4 || (strcmp(tok[3], "d") != 0 && strcmp(tok[3], "r") != 0))
		return txt_bad(src, "expected 'd' or 'r' after the direction");
	if (n > 4 && !txt_hex(tok[4], 1, &dlc))
		return txt_bad(src, "bad DLC '%.8s'", tok[4]);
	if (n == 4 && tok[3][0] == 'd')
		return txt_bad(src, "data frame without a DLC");
	f->len = (uint8_t)(dlc > CO_CAN_MAX_DLEN ? CO_CAN_MAX_DLEN : dlc);
	if (dlc > CO_CAN_MAX_DLEN)
		f->raw_dlc = (uint8_t)dlc;
	if (tok[3][0] == 'r') {
		f->flags |= CO_F_RTR;
		return SRC_FRAME;
	}
	return asc_data(src, st, tok + 5, n - 5, f);
}

/* CH DIR ID [NAME] BRS ESI DLC LEN DATA... (tok[0] is the channel) */
static int
asc_fd(struct co_source *src, const struct asc_state *st, char **tok,
       int n, struct co_frame *f)
{
	uint32_t brs, esi, dlc, len;
	int i = 3;

	if (n < 7)
		return txt_bad(src, "CAN FD line too short");
	if (!txt_channel(f, tok[0]))
		return txt_bad(src, "bad channel '%.8s'", tok[0]);
	asc_dir(tok[1], f);
	if (asc_id(src, st, tok[2], f) != 0)
		return SRC_BAD;
	if (strcmp(tok[i], "0") != 0 && strcmp(tok[i], "1") != 0)
		i++;            /* a symbolic name */
	if (i + 4 > n || !txt_dec(tok[i], &brs) || !txt_dec(tok[i + 1], &esi) ||
	    !txt_hex(tok[i + 2], 1, &dlc) || !txt_dec(tok[i + 3], &len) ||
	    brs > 1 || esi > 1 || len > CO_FD_MAX_DLEN)
		return txt_bad(src, "bad CAN FD fields (BRS ESI DLC length)");
	f->flags |= CO_F_FD;
	f->fd_flags = CO_FD_FDF | (brs ? CO_FD_BRS : 0) | (esi ? CO_FD_ESI : 0);
	f->len = (uint8_t)len;
	return asc_data(src, st, tok + i + 4, n - i - 4, f);
}

static int
asc_time(struct co_source *src, struct asc_state *st, const char *s,
	 struct co_frame *f)
{
	uint64_t ns;

	if (!txt_time(s, 1000000000u, &ns))
		return txt_bad(src, "bad time '%.16s'", s);
	if (st->relative)
		ns += st->last_ns;
	st->last_ns = ns;
	f->ts_ns = st->start_ns + ns;
	return 0;
}

int
asc_line(struct co_source *src, struct asc_state *st, char *line,
	 struct co_frame *f)
{
	char *tok[TXT_MAX_TOK];
	int n = txt_split(line, tok, TXT_MAX_TOK);

	if (n == 0 || asc_header(st, tok, n) || tok[0][0] < '0' ||
	    tok[0][0] > '9' || n < 3)
		return TXT_SKIP;        /* comments, keywords, blocks */
	if (strcmp(tok[1], "CANFD") == 0)
		return asc_time(src, st, tok[0], f) != 0 ? SRC_BAD :
		       asc_fd(src, st, tok + 2, n - 2, f);
	if (tok[1][0] < '0' || tok[1][0] > '9')
		return TXT_SKIP;        /* "CAN 1 Status:...", events */
	if (strcmp(tok[2], "ErrorFrame") == 0) {
		if (asc_time(src, st, tok[0], f) != 0 ||
		    !txt_channel(f, tok[1]))
			return txt_bad(src, "bad error frame line");
		f->flags |= CO_F_ERR | CO_F_DIR_MARK;
		f->id = CANERR_PROT | CANERR_BUSERROR;
		f->len = CO_CAN_MAX_DLEN;
		return SRC_FRAME;
	}
	if (n < 5 || (strcasecmp(tok[3], "Rx") != 0 &&
		      strcasecmp(tok[3], "Tx") != 0))
		return TXT_SKIP;        /* statistics and other events */
	if (asc_time(src, st, tok[0], f) != 0)
		return SRC_BAD;
	if (!txt_channel(f, tok[1]))
		return txt_bad(src, "bad channel '%.8s'", tok[1]);
	return asc_classic(src, st, tok + 1, n - 1, f);
}
