/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_diag.h - diagnosis findings as text lines or JSON objects: the
 * CO_EV_FINDING event of the stream and the --diagnose report */
#ifndef COSNIFF_OUT_DIAG_H
#define COSNIFF_OUT_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "event.h"
#include "obuf.h"

/* The stream line of a CO_EV_FINDING event (no newline). */
void out_diag_text_event(struct obuf *o, const struct co_event *ev);
void out_diag_json_event(struct obuf *o, const struct co_event *ev);

/* Where diag_new()'s emit prints findings as they are raised: a
 * co_emit_fn with arg a struct out_diag_stream. */
struct out_diag_stream {
	FILE *fp;
	bool json;
};
void out_diag_emit(void *arg, const struct co_event *ev);

/* The end-of-run report: findings grouped by severity (text), or one
 * JSON object per finding with "final": true. */
void out_diag_report(FILE *fp, const struct diag *d, bool json);

#endif
