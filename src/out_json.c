/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_json.c - one JSON object per event (JSON lines); keys in cosniff(1) */
#include "config.h"
#include "out.h"

#include <stddef.h>

#include "canerr.h"

typedef void (*json_fn)(struct obuf *o, const struct co_event *ev,
			const struct out_opts *opt);

/* JSON string body escaping for the few strings we emit. */
static void
json_str(struct obuf *o, const char *s)
{
	ob_ch(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			ob_ch(o, '\\');
			ob_ch(o, (char)c);
		} else if (c < 0x20) {
			ob_str(o, "\\u00");
			ob_hex8(o, c);
		} else {
			ob_ch(o, (char)c);
		}
	}
	ob_ch(o, '"');
}

static void
json_key(struct obuf *o, const char *k)
{
	ob_ch(o, ',');
	ob_ch(o, '"');
	ob_str(o, k);
	ob_str(o, "\":");
}

static void
json_frame_data(struct obuf *o, const struct co_frame *f)
{
	json_key(o, "len");
	ob_u64(o, f->len, 0);
	if (co_frame_is_rtr(f)) {
		json_key(o, "rtr");
		ob_str(o, "true");
		return;
	}
	if (co_frame_is_fd(f)) {
		json_key(o, "fd");
		ob_str(o, "true");
		json_key(o, "brs");
		ob_str(o, (f->fd_flags & CO_FD_BRS) ? "true" : "false");
		json_key(o, "esi");
		ob_str(o, (f->fd_flags & CO_FD_ESI) ? "true" : "false");
	}
	if (f->raw_dlc) {
		json_key(o, "dlc");
		ob_u64(o, f->raw_dlc, 0);
	}
	json_key(o, "data");
	ob_ch(o, '"');
	ob_hexbytes_lc(o, f->data, f->len);
	ob_ch(o, '"');
}

static void
json_unknown(struct obuf *o, const struct co_event *ev,
	     const struct out_opts *opt)
{
	(void)opt;
	if (ev->frame)
		json_frame_data(o, ev->frame);
}

/* ,"key":["name",...] for the bits of v that have a name. */
static void
json_names(struct obuf *o, const char *key, uint32_t v,
	   const char *(*name)(uint32_t bit))
{
	uint32_t bit;
	bool first = true;

	json_key(o, key);
	ob_ch(o, '[');
	for (bit = 1; bit != 0 && bit <= v; bit <<= 1) {
		const char *s = (v & bit) ? name(bit) : NULL;

		if (s == NULL)
			continue;
		if (!first)
			ob_ch(o, ',');
		json_str(o, s);
		first = false;
	}
	ob_ch(o, ']');
}

static const char *
json_ctrl_name(uint32_t bit)
{
	return canerr_ctrl_name((uint8_t)bit);
}

static const char *
json_prot_name(uint32_t bit)
{
	return canerr_prot_type_name((uint8_t)bit);
}

/* Structured error frame fields: only those the classes make valid. */
static void
json_canerr(struct obuf *o, const struct canerr_info *ei)
{
	const char *w[2], *s;
	int i, n;

	json_names(o, "classes", ei->classes, canerr_class_name);
	if ((s = canerr_state_name(ei->state)) != NULL) {
		json_key(o, "state");
		json_str(o, s);
	}
	if (ei->has_counters) {
		json_key(o, "tx_err");
		ob_u64(o, ei->tx_err, 0);
		json_key(o, "rx_err");
		ob_u64(o, ei->rx_err, 0);
	}
	if (ei->classes & CANERR_LOSTARB) {
		json_key(o, "lostarb_bit");
		ob_u64(o, ei->lostarb_bit, 0);
	}
	if (ei->classes & CANERR_CRTL)
		json_names(o, "ctrl", ei->ctrl, json_ctrl_name);
	if (ei->classes & CANERR_PROT) {
		json_names(o, "prot_type", ei->prot_type, json_prot_name);
		json_key(o, "prot_loc");
		s = canerr_prot_loc_name(ei->prot_loc);
		if (s) {
			json_str(o, s);
		} else {
			ob_str(o, "\"location-0x");
			ob_hex8(o, ei->prot_loc);
			ob_ch(o, '"');
		}
	}
	if (ei->classes & CANERR_TRX) {
		n = canerr_trx_names(ei->trx, w);
		json_key(o, "trx");
		ob_ch(o, '[');
		for (i = 0; i < n; i++) {
			if (i)
				ob_ch(o, ',');
			json_str(o, w[i]);
		}
		ob_ch(o, ']');
	}
}

static void
json_error_frame(struct obuf *o, const struct co_event *ev,
		 const struct out_opts *opt)
{
	struct canerr_info ei;
	char buf[CANERR_FMT_MAX];

	json_frame_data(o, ev->frame);
	canerr_fmt(buf, sizeof(buf), ev->frame, opt->verbose);
	json_key(o, "error");
	json_str(o, buf);
	canerr_parse(ev->frame, &ei);
	json_canerr(o, &ei);
}

static void
json_drop(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	(void)opt;
	json_key(o, "count");
	ob_u64(o, ev->u.drop.count, 0);
	json_key(o, "total");
	ob_u64(o, ev->u.drop.total, 0);
}

static const json_fn json_kinds[CO_EV__COUNT] = {
	[CO_EV_UNKNOWN] = json_unknown,
	[CO_EV_ERROR_FRAME] = json_error_frame,
	[CO_EV_DROP] = json_drop,
};

static void
json_head(struct obuf *o, const struct co_event *ev)
{
	const struct co_frame *f = ev->frame;

	ob_str(o, "{\"ts\":");
	ob_ts(o, ev->ts_ns, f ? f->ts_digits : 6);
	if (f) {
		json_key(o, "iface");
		json_str(o, f->iface);
		json_key(o, "frame");
		ob_u64(o, f->pos, 0);
	}
	json_key(o, "kind");
	json_str(o, co_ev_kind_name(ev->kind));
	if (f) {
		json_key(o, "cob_id");
		ob_u64(o, f->id, 0);
		if (co_frame_is_eff(f)) {
			json_key(o, "ext");
			ob_str(o, "true");
		}
	}
	json_key(o, "node");
	ob_u64(o, ev->node, 0);
	if (f && (f->flags & CO_F_TX)) {
		json_key(o, "sent");
		ob_str(o, "true");
	}
}

void
out_json_fmt(struct obuf *o, const struct co_event *ev,
	     const struct out_opts *opt)
{
	json_head(o, ev);
	if ((unsigned)ev->kind < CO_EV__COUNT && json_kinds[ev->kind])
		json_kinds[ev->kind](o, ev, opt);
	if (ev->status != CO_OK) {
		json_key(o, "status");
		json_str(o, ev->status == CO_SHORT ? "short" : "invalid");
		if (ev->why) {
			json_key(o, "why");
			json_str(o, ev->why);
		}
	}
	ob_ch(o, '}');
}

void
out_json_event(FILE *fp, const struct co_event *ev, const struct out_opts *opt)
{
	struct obuf o;

	ob_reset(&o);
	out_json_fmt(&o, ev, opt);
	ob_ch(&o, '\n');
	fwrite(o.b, 1, o.len, fp);
}
