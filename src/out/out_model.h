/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_model.h - printers of the model's derived events, used by the
 * out_text.c and out_json.c kind tables */
#ifndef COSNIFF_OUT_MODEL_H
#define COSNIFF_OUT_MODEL_H

#include "event.h"
#include "obuf.h"
#include "out.h"

/* Text: append the details after the tag (no newline). */
void out_model_text_xfer(struct obuf *o, const struct co_event *ev,
			 const struct out_opts *opt);
void out_model_text_node_state(struct obuf *o, const struct co_event *ev,
			       const struct out_opts *opt);
void out_model_text_hb_timeout(struct obuf *o, const struct co_event *ev,
			       const struct out_opts *opt);
void out_model_text_hb_recover(struct obuf *o, const struct co_event *ev,
			       const struct out_opts *opt);
void out_model_text_node_missing(struct obuf *o, const struct co_event *ev,
				 const struct out_opts *opt);
void out_model_text_guard_toggle(struct obuf *o, const struct co_event *ev,
				 const struct out_opts *opt);

/* JSON: append ,"key":value pairs. */
void out_model_json_xfer(struct obuf *o, const struct co_event *ev,
			 const struct out_opts *opt);
/* node_state, heartbeat_timeout/recovered, node_missing, guard toggle */
void out_model_json_node(struct obuf *o, const struct co_event *ev,
			 const struct out_opts *opt);

#endif
