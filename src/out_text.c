/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_text.c - one greppable text line per event:
 *   <ts> <iface> <cob-id> <TAG> <details>[ [|short]| (invalid)]           */
#include "config.h"
#include "out.h"

#include <stddef.h>

#include "canerr.h"

typedef void (*text_fn)(struct obuf *o, const struct co_event *ev,
			const struct out_opts *opt);

/* " [8] 01 02 ..." or " remote [n]" for the payload of a frame. */
static void
text_payload(struct obuf *o, const struct co_frame *f)
{
	unsigned i;

	if (co_frame_is_rtr(f)) {
		ob_str(o, " remote [");
		ob_u64(o, f->len, 0);
		ob_ch(o, ']');
		return;
	}
	if (co_frame_is_fd(f)) {
		ob_str(o, " FD");
		if (f->fd_flags & CO_FD_BRS)
			ob_str(o, " BRS");
		if (f->fd_flags & CO_FD_ESI)
			ob_str(o, " ESI");
	}
	ob_str(o, " [");
	ob_u64(o, f->len, 0);
	ob_ch(o, ']');
	for (i = 0; i < f->len; i++) {
		ob_ch(o, ' ');
		ob_hex8(o, f->data[i]);
	}
	if (f->raw_dlc) {
		ob_str(o, " dlc=");
		ob_u64(o, f->raw_dlc, 0);
	}
}

static void
text_unknown(struct obuf *o, const struct co_event *ev,
	     const struct out_opts *opt)
{
	(void)opt;
	if (ev->frame)
		text_payload(o, ev->frame);
}

static void
text_error_frame(struct obuf *o, const struct co_event *ev,
		 const struct out_opts *opt)
{
	char buf[CANERR_FMT_MAX];

	canerr_fmt(buf, sizeof(buf), ev->frame, opt->verbose);
	ob_ch(o, ' ');
	ob_str(o, buf);
}

static void
text_drop(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	(void)opt;
	ob_str(o, " ");
	ob_u64(o, ev->u.drop.count, 0);
	ob_str(o, " frames lost (total ");
	ob_u64(o, ev->u.drop.total, 0);
	ob_ch(o, ')');
}

static const struct text_kind {
	const char *tag;
	text_fn fn;
} text_kinds[CO_EV__COUNT] = {
	[CO_EV_UNKNOWN] = { "CAN", text_unknown },
	[CO_EV_ERROR_FRAME] = { "ERR", text_error_frame },
	[CO_EV_DROP] = { "DROP", text_drop },
};

static void
text_head(struct obuf *o, const struct co_event *ev, const char *tag)
{
	const struct co_frame *f = ev->frame;
	size_t start;

	ob_ts(o, ev->ts_ns, f ? f->ts_digits : 6);
	ob_ch(o, ' ');
	if (f == NULL) {
		ob_str(o, "- -");
	} else {
		ob_str(o, f->iface[0] ? f->iface : "-");
		ob_ch(o, ' ');
		if (co_frame_is_err(f))
			ob_hexn(o, f->id | 0x20000000u, 8);
		else if (co_frame_is_eff(f))
			ob_hexn(o, f->id, 8);
		else
			ob_hexn(o, f->id, 3);
	}
	ob_ch(o, ' ');
	start = o->len;
	ob_str(o, tag);
	while (o->len - start < 4)
		ob_ch(o, ' ');
}

void
out_text_fmt(struct obuf *o, const struct co_event *ev,
	     const struct out_opts *opt)
{
	const struct text_kind *k = NULL;

	if ((unsigned)ev->kind < CO_EV__COUNT && text_kinds[ev->kind].fn)
		k = &text_kinds[ev->kind];
	if (k == NULL) {
		text_head(o, ev, co_ev_kind_name(ev->kind));
		text_unknown(o, ev, opt);
	} else {
		text_head(o, ev, k->tag);
		k->fn(o, ev, opt);
	}
	if (ev->status == CO_SHORT) {
		ob_str(o, " [|short");
		if (ev->why) {
			ob_str(o, ": ");
			ob_str(o, ev->why);
		}
		ob_ch(o, ']');
	} else if (ev->status == CO_INVALID) {
		ob_str(o, " (invalid");
		if (ev->why) {
			ob_str(o, ": ");
			ob_str(o, ev->why);
		}
		ob_ch(o, ')');
	}
	if (ev->frame && (ev->frame->flags & CO_F_TX))
		ob_str(o, " [sent]");
}

void
out_text_event(FILE *fp, const struct co_event *ev, const struct out_opts *opt)
{
	struct obuf o;

	ob_reset(&o);
	out_text_fmt(&o, ev, opt);
	ob_ch(&o, '\n');
	fwrite(o.b, 1, o.len, fp);
}
