/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_note.h - printers of the live capture's notes (CO_EV_NOTE,
 * CO_EV_LINK, CO_EV_LINK_STATE, CO_EV_LINK_LOST), used by the
 * out_text.c and out_json.c kind tables and by main for stderr */
#ifndef COSNIFF_OUT_NOTE_H
#define COSNIFF_OUT_NOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"
#include "obuf.h"
#include "out.h"

/* True for the kinds above. */
bool out_is_note(const struct co_event *ev);

/* The note as one sentence without newline, e.g. "can0: controller
 * error-active -> error-passive (tx-err 128 rx-err 0)": what main
 * prints on stderr after "cosniff: ".  0 (buf "") for other kinds. */
size_t out_note_msg(char *buf, size_t size, const struct co_event *ev);

/* Text: " " and the sentence; JSON: ,"iface":...,"text":... members. */
void out_note_text(struct obuf *o, const struct co_event *ev,
		   const struct out_opts *opt);
void out_note_json(struct obuf *o, const struct co_event *ev,
		   const struct out_opts *opt);

#endif
