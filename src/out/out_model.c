/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_model.c - text and JSON for the model's derived events: SDO
 * transfers (CiA 301 7.2.4), NMT state changes, error-control loss */
#include "config.h"
#include "out_model.h"

#include <string.h>

#include "co_ids.h"
#include "co_tables.h"
#include "net.h"
#include "ojson.h"
#include "od_value.h"
#include "out_od.h"
#include "sdo_xfer.h"

#define TEXT_DATA_MAX 32        /* data bytes shown without -v */
#define TEXT_DATA_MAX_V 1024    /* with -v (a text line stays < OBUF_SIZE) */

static const char *const mode_names[] = {
	[XFER_EXPEDITED] = "expedited",
	[XFER_SEGMENTED] = "segmented",
	[XFER_BLOCK] = "block",
	[XFER_MODE_UNKNOWN] = "unknown",
};

static const char *const result_names[] = {
	[XFER_OK] = "ok",
	[XFER_ABORTED] = "aborted",
	[XFER_FAILED] = "failed",
};

static const char *const cause_names[] = {
	[NET_CAUSE_HEARTBEAT] = "heartbeat",
	[NET_CAUSE_BOOTUP] = "boot-up",
	[NET_CAUSE_GUARD] = "guarding",
	[NET_CAUSE_NMT] = "NMT command",
};

static const char *
name_of(const char *const *t, size_t n, unsigned v)
{
	return v < n && t[v] ? t[v] : "?";
}

#define NAME(t, v) name_of((t), sizeof(t) / sizeof((t)[0]), (v))

static uint32_t
xfer_kept(const struct co_ev_xfer *x)
{
	if (x->data == NULL)
		return 0;
	return x->got < SDO_XFER_MAX ? x->got : SDO_XFER_MAX;
}

/* Milliseconds with three decimals. */
static void
ob_ms(struct obuf *o, uint64_t ns)
{
	ob_u64(o, ns / NS_PER_MS, 0);
	ob_ch(o, '.');
	ob_u64(o, ns % NS_PER_MS / 1000u, 3);
}

static void
ob_node(struct obuf *o, const struct co_event *ev)
{
	ob_str(o, " node=");
	ob_u64(o, ev->node, 0);
}

static bool
printable(const uint8_t *p, uint32_t n)
{
	uint32_t i;

	if (n < 2)
		return false;
	for (i = 0; i < n; i++)
		if ((p[i] < 0x20 || p[i] > 0x7E) && !(p[i] == 0 && i == n - 1))
			return false;
	return true;
}

/* Typed by the object when its type is known (long byte strings keep the
 * shortened hex form below without -v). */
static bool
text_xfer_typed(struct obuf *o, const struct co_ev_xfer *x, bool verbose)
{
	uint32_t n = xfer_kept(x);
	enum od_tclass tc = od_type_class(x->obj.dtype);

	if (!out_od_typed(&x->obj) || n < x->got)
		return false;
	if (!verbose && n > TEXT_DATA_MAX &&
	    (tc == OD_TC_OSTRING || tc == OD_TC_DOMAIN))
		return false;
	ob_str(o, " = ");
	out_od_value_text(o, &x->obj, x->data, n);
	return true;
}

static void
text_string(struct obuf *o, const uint8_t *p, uint32_t show)
{
	uint32_t i;

	ob_str(o, " \"");
	for (i = 0; i < show && p[i]; i++)
		ob_ch(o, p[i] == '"' ? '\'' : (char)p[i]);
	ob_ch(o, '"');
}

/*
 * " = 0x00000123" for 1, 2 and 4 bytes (the integer sizes; a printable
 * 4-byte value also as text), a quoted string for other printable data,
 * else hex bytes; at most TEXT_DATA_MAX bytes (TEXT_DATA_MAX_V with -v).
 */
static void
text_xfer_data(struct obuf *o, const struct co_ev_xfer *x, bool verbose)
{
	uint32_t n = xfer_kept(x), show = n, i, v = 0;

	if (n == 0 || (x->result == XFER_OK && text_xfer_typed(o, x, verbose)))
		return;
	if (show > (verbose ? TEXT_DATA_MAX_V : TEXT_DATA_MAX))
		show = verbose ? TEXT_DATA_MAX_V : TEXT_DATA_MAX;
	ob_str(o, " =");
	if (n == 1 || n == 2 || n == 4) {
		for (i = n; i-- > 0;)
			v = v << 8 | x->data[i];
		ob_str(o, " 0x");
		ob_hexn(o, v, (int)n * 2);
		if (n == 4 && printable(x->data, n) && x->data[3])
			text_string(o, x->data, n);
	} else if (printable(x->data, n)) {
		text_string(o, x->data, show);
	} else {
		for (i = 0; i < show; i++) {
			ob_ch(o, ' ');
			ob_hex8(o, x->data[i]);
		}
	}
	if (show < n || n < x->got)
		ob_str(o, " ...");
}

/* " 26 of 30 bytes in 9.000 ms" (nothing for an orphan frame) */
static void
text_xfer_size(struct obuf *o, const struct co_ev_xfer *x)
{
	if (x->got == 0 && x->dur_ns == 0)
		return;
	ob_ch(o, ' ');
	ob_u64(o, x->got, 0);
	if (x->size && x->size != x->got) {
		ob_str(o, " of ");
		ob_u64(o, x->size, 0);
	}
	ob_str(o, " bytes in ");
	ob_ms(o, x->dur_ns);
	ob_str(o, " ms");
}

void
out_model_text_xfer(struct obuf *o, const struct co_event *ev,
		    const struct out_opts *opt)
{
	const struct co_ev_xfer *x = &ev->u.xfer;

	ob_node(o, ev);
	if (x->chan) {
		ob_str(o, " chan=");
		ob_u64(o, x->chan, 0);
	}
	ob_str(o, x->dir == SDO_C2S ? " download" : " upload");
	if (x->has_mux) {
		out_text_obj(o, x->index, x->sub, x->obj.name, opt->verbose);
	}
	if (x->mode != XFER_MODE_UNKNOWN) {
		ob_ch(o, ' ');
		ob_str(o, NAME(mode_names, x->mode));
	}
	ob_ch(o, ' ');
	ob_str(o, NAME(result_names, x->result));
	if (x->result == XFER_ABORTED) {
		ob_ch(o, ' ');
		ob_hexn(o, x->abort_code, 8);
		ob_str(o, " (");
		ob_str(o, tok_str(co_sdo_aborts, x->abort_code,
				  "unknown abort code"));
		ob_ch(o, ')');
	}
	text_xfer_size(o, x);
	if (x->crc_ok >= 0)
		ob_str(o, x->crc_ok ? " crc ok" : " crc MISMATCH");
	if (x->fallback)
		ob_str(o, " (block request fell back)");
	if (x->repeats) {
		ob_str(o, " (");
		ob_u64(o, x->repeats, 0);
		ob_str(o, " repeated)");
	}
	if (x->got > SDO_XFER_MAX)
		ob_str(o, " [data truncated]");
	text_xfer_data(o, x, opt->verbose);
}

void
out_model_text_node_state(struct obuf *o, const struct co_event *ev,
			  const struct out_opts *opt)
{
	const struct co_ev_node *n = &ev->u.nodeev;

	(void)opt;
	ob_node(o, ev);
	ob_ch(o, ' ');
	ob_str(o, net_state_name(n->old_state));
	ob_str(o, " -> ");
	ob_str(o, net_state_name(n->new_state));
	ob_str(o, " (");
	ob_str(o, NAME(cause_names, n->cause));
	if (n->cause == NET_CAUSE_BOOTUP) {
		ob_str(o, " #");
		ob_u64(o, n->bootups, 0);
	}
	ob_ch(o, ')');
}

void
out_model_text_hb_timeout(struct obuf *o, const struct co_event *ev,
			  const struct out_opts *opt)
{
	const struct co_ev_node *n = &ev->u.nodeev;

	(void)opt;
	ob_node(o, ev);
	ob_ch(o, ' ');
	ob_str(o, NAME(cause_names, n->cause));
	ob_str(o, " lost: silent for ");
	ob_u64(o, n->expected_ms, 0);
	ob_str(o, " ms since ");
	ob_ts(o, n->last_ns, 6);
}

void
out_model_text_hb_recover(struct obuf *o, const struct co_event *ev,
			  const struct out_opts *opt)
{
	const struct co_ev_node *n = &ev->u.nodeev;

	(void)opt;
	ob_node(o, ev);
	ob_ch(o, ' ');
	ob_str(o, NAME(cause_names, n->cause));
	ob_str(o, " back after ");
	ob_ms(o, n->gap_ns);
	ob_str(o, " ms silence (timeout ");
	ob_u64(o, n->expected_ms, 0);
	ob_str(o, " ms)");
}

/* node_missing from the end of input rather than its deadline */
static bool
missing_at_end(const struct co_ev_node *n)
{
	return n->gap_ns < (uint64_t)n->expected_ms * NS_PER_MS;
}

void
out_model_text_node_missing(struct obuf *o, const struct co_event *ev,
			    const struct out_opts *opt)
{
	const struct co_ev_node *n = &ev->u.nodeev;

	(void)opt;
	ob_node(o, ev);
	if (missing_at_end(n)) {
		ob_str(o, " expected node not seen before the end of input (");
		ob_ms(o, n->gap_ns);
		ob_str(o, " ms of input, deadline ");
	} else {
		ob_str(o, " expected node not seen in ");
	}
	ob_u64(o, n->expected_ms, 0);
	ob_str(o, " ms");
	if (missing_at_end(n))
		ob_ch(o, ')');
}

void
out_model_text_guard_toggle(struct obuf *o, const struct co_event *ev,
			    const struct out_opts *opt)
{
	(void)opt;
	ob_node(o, ev);
	ob_str(o, " guarding toggle ");
	ob_u64(o, (uint64_t)ev->u.nodeev.toggle_got, 0);
	ob_str(o, ", expected ");
	ob_u64(o, (uint64_t)ev->u.nodeev.toggle_exp, 0);
}

/* ---- JSON ---- */

static void
jms(struct obuf *o, const char *k, uint64_t ns)
{
	json_key(o, k);
	ob_ms(o, ns);
}

void
out_model_json_xfer(struct obuf *o, const struct co_event *ev,
		    const struct out_opts *opt)
{
	const struct co_ev_xfer *x = &ev->u.xfer;

	(void)opt;
	if (x->chan)
		json_ukv(o, "chan", x->chan);
	if (x->has_mux) {       /* hex strings, as the sdo frame objects */
		json_key(o, "index");
		ob_ch(o, '"');
		ob_hexn(o, x->index, 4);
		ob_ch(o, '"');
		json_key(o, "sub");
		ob_ch(o, '"');
		ob_hexn(o, x->sub, 2);
		ob_ch(o, '"');
		if (x->obj.name) {
			json_key(o, "name");
			od_json_str(o, (const uint8_t *)x->obj.name,
				    strlen(x->obj.name));
		}
	}
	json_skv(o, "dir", x->dir == SDO_C2S ? "download" : "upload");
	json_skv(o, "mode", NAME(mode_names, x->mode));
	json_ukv(o, "size", x->got);
	if (x->size)
		json_ukv(o, "indicated_size", x->size);
	json_key(o, "data");
	ob_ch(o, '"');
	ob_hexbytes_lc(o, x->data, xfer_kept(x));
	ob_ch(o, '"');
	if (x->got > SDO_XFER_MAX)
		ob_str(o, ",\"data_truncated\":true");
	if (x->result == XFER_OK && out_od_typed(&x->obj) &&
	    x->got <= SDO_XFER_MAX && x->data) {
		json_key(o, "value");
		if (!out_od_value_json(o, &x->obj, x->data, x->got))
			json_skv(o, "value_size", "mismatch");
	}
	json_skv(o, "result", NAME(result_names, x->result));
	if (x->result == XFER_ABORTED)
		json_ukv(o, "abort_code", x->abort_code);
	if (ev->why)
		json_skv(o, "reason", ev->why);
	if (x->crc_ok >= 0)
		ob_str(o, x->crc_ok ? ",\"crc_ok\":true" : ",\"crc_ok\":false");
	if (x->fallback)
		json_bkv(o, "block_fallback", true);
	if (x->repeats)
		json_ukv(o, "repeats", x->repeats);
	json_key(o, "start");
	ob_ts(o, x->start_ns, 6);
	jms(o, "duration_ms", x->dur_ns);
}

void
out_model_json_node(struct obuf *o, const struct co_event *ev,
		    const struct out_opts *opt)
{
	const struct co_ev_node *n = &ev->u.nodeev;

	(void)opt;
	switch (ev->kind) {
	case CO_EV_NODE_STATE:
		json_skv(o, "old_state", net_state_name(n->old_state));
		json_skv(o, "state", net_state_name(n->new_state));
		json_skv(o, "cause", NAME(cause_names, n->cause));
		json_ukv(o, "bootups", n->bootups);
		break;
	case CO_EV_HB_TIMEOUT:
		json_skv(o, "via", NAME(cause_names, n->cause));
		json_ukv(o, "timeout_ms", n->expected_ms);
		json_key(o, "last_seen");
		ob_ts(o, n->last_ns, 6);
		break;
	case CO_EV_HB_RECOVER:
		json_skv(o, "via", NAME(cause_names, n->cause));
		json_ukv(o, "timeout_ms", n->expected_ms);
		jms(o, "gap_ms", n->gap_ns);
		break;
	case CO_EV_NODE_MISSING:
		json_ukv(o, "timeout_ms", n->expected_ms);
		if (missing_at_end(n)) {
			ob_str(o, ",\"end_of_input\":true");
			jms(o, "input_ms", n->gap_ns);
		}
		break;
	case CO_EV_GUARD_TOGGLE:
		json_ukv(o, "toggle", (uint64_t)n->toggle_got);
		json_ukv(o, "expected", (uint64_t)n->toggle_exp);
		break;
	default:
		break;
	}
}
