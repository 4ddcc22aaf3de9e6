/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out.h - event printers: one text line or one JSON object per event */
#ifndef COSNIFF_OUT_H
#define COSNIFF_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "event.h"
#include "obuf.h"

struct out_opts {
	bool verbose;     /* -v: more detail on the same line */
};

/* Append the text line for ev (no newline) to o. */
void out_text_fmt(struct obuf *o, const struct co_event *ev,
		  const struct out_opts *opt);
/* Append the JSON object for ev (no newline) to o. */
void out_json_fmt(struct obuf *o, const struct co_event *ev,
		  const struct out_opts *opt);

/* Append " IIII:SS[ name][ \"OD area\"]": an object reference as every
 * text line shows it; verbose adds the CiA 301 area name when it differs. */
void out_text_obj(struct obuf *o, uint16_t index, uint8_t sub,
		  const char *name, bool verbose);

/* Print ev as one line on fp (text or JSON). */
void out_text_event(FILE *fp, const struct co_event *ev,
		    const struct out_opts *opt);
void out_json_event(FILE *fp, const struct co_event *ev,
		    const struct out_opts *opt);

#endif
