/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_text.h - the text capture formats read through the candump reader's
 * line buffer: PEAK PCAN .trc and Vector .asc (private to src/io) */
#ifndef COSNIFF_SRC_TEXT_H
#define COSNIFF_SRC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "source.h"

#define TXT_SKIP 100            /* a line that carries no frame */
#define TXT_MAX_TOK 96          /* tokens per line (64 data bytes + fields) */

/* PEAK trace: version and header facts gathered from ';$' lines. */
struct trc_state {
	unsigned version;       /* 10, 11, 12, 13, 20, 21 (x10) */
	bool data_seen;         /* past the header */
	uint64_t start_ns;      /* $STARTTIME as ns since the epoch, or 0 */
	char cols[16];          /* $COLUMNS letters, NUL-terminated */
};

/* Vector ASCII log: number base, time mode, start of measurement. */
struct asc_state {
	bool dec;               /* "base dec": ids and data in decimal */
	bool relative;          /* "timestamps relative": deltas */
	uint64_t start_ns;      /* the "date" line, or 0 */
	uint64_t last_ns;       /* previous frame's time (relative mode) */
};

/* True when the first line of a file looks like this format. */
bool trc_detect(const char *line);
bool asc_detect(const char *line);

/*
 * Parse one line (NUL-terminated, no newline, trailing blanks removed)
 * into *f (cleared by the caller, f->pos set): SRC_FRAME, TXT_SKIP, or
 * SRC_BAD with src->msg naming what is wrong.
 */
int trc_line(struct co_source *src, struct trc_state *st, char *line,
	     struct co_frame *f);
int asc_line(struct co_source *src, struct asc_state *st, char *line,
	     struct co_frame *f);

/* Shared helpers (src_trc.c). */
int txt_split(char *line, char **tok, int max);
int txt_bad(struct co_source *src, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Hex number of at most maxdig digits; false if not one. */
bool txt_hex(const char *s, unsigned maxdig, uint32_t *v);
/* Decimal number; false if not one. */
bool txt_dec(const char *s, uint32_t *v);
/* "MS[.FRAC]" (trc offsets) or "S[.FRAC]" (asc) to ns: scale_ns is the
 * nanoseconds of one unit (1000000 or 1000000000). */
bool txt_time(const char *s, uint64_t scale_ns, uint64_t *ns);
/* Interface name "canN" for a 1-based channel (as log2asc numbers them);
 * false for channel 0 or above 99. */
bool txt_channel(struct co_frame *f, const char *s);
/* Days since 1899-12-30 (OLE date, PEAK $STARTTIME) to ns since the
 * epoch; 0 when not a number. */
uint64_t txt_ole_date(const char *s);

#endif
