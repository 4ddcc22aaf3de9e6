/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_text.c - one greppable text line per event:
 *   <ts> <iface> <cob-id> <TAG> <details>[ [|short]| (invalid)]           */
#include "config.h"
#include "out.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "canerr.h"
#include "out_model.h"
#include "out_note.h"
#include "out_od.h"
#include "co_tables.h"
#include "tok.h"

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

	canerr_fmt(buf, sizeof(buf), &ev->u.err, opt->verbose);
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

/* --- CANopen frame kinds (dissectors; CiA 301 / CiA 305) --- */

#define TIME_MS_PER_DAY 86400000u

/* true when the frame carried every field of bits (CO_HAS_*): short
 * frames print only the fields they really contain */
static bool
text_has(const struct co_event *ev, uint16_t bits)
{
	return (ev->has & bits) == bits;
}

static void
text_node(struct obuf *o, const struct co_event *ev)
{
	ob_str(o, " node=");
	ob_u64(o, ev->node, 0);
}

/* " key=0x12AB" */
static void
text_hexkv(struct obuf *o, const char *key, uint32_t v, int digits)
{
	ob_ch(o, ' ');
	ob_str(o, key);
	ob_str(o, "=0x");
	ob_hexn(o, v, digits);
}

static void
text_ukv(struct obuf *o, const char *key, uint64_t v)
{
	ob_ch(o, ' ');
	ob_str(o, key);
	ob_ch(o, '=');
	ob_u64(o, v, 0);
}

static void
text_quoted(struct obuf *o, const char *s)
{
	ob_str(o, " \"");
	ob_str(o, s);
	ob_ch(o, '"');
}

void
out_text_obj(struct obuf *o, uint16_t index, uint8_t sub, const char *name,
	     bool verbose)
{
	ob_ch(o, ' ');
	ob_hexn(o, index, 4);
	ob_ch(o, ':');
	ob_hexn(o, sub, 2);
	if (name) {
		ob_ch(o, ' ');
		ob_str(o, name);
	}
	if (verbose && (name == NULL ||
			strcasecmp(name, co_od_name(index)) != 0))
		text_quoted(o, co_od_name(index));
}

/* " [n] 01 02 ..." */
static void
text_bytes(struct obuf *o, const uint8_t *p, unsigned n)
{
	unsigned i;

	ob_str(o, " [");
	ob_u64(o, n, 0);
	ob_ch(o, ']');
	for (i = 0; i < n; i++) {
		ob_ch(o, ' ');
		ob_hex8(o, p[i]);
	}
}

/* -v: the bytes as ASCII when they are all printable */
static void
text_ascii(struct obuf *o, const uint8_t *p, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7E || p[i] == '"')
			return;
	ob_str(o, " \"");
	ob_mem(o, (const char *)p, n);
	ob_ch(o, '"');
}

static void
text_nmt(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	const char *cmd = tok_str(co_nmt_cmds, ev->u.nmt.cs, NULL);

	if (!text_has(ev, CO_HAS_TARGET))
		ob_str(o, " node=?");
	else if (ev->u.nmt.target == 0)
		ob_str(o, " node=all");
	else
		text_node(o, ev);
	if (!text_has(ev, CO_HAS_CMD))
		return;
	if (cmd) {
		ob_ch(o, ' ');
		ob_str(o, cmd);
	}
	if (cmd == NULL || opt->verbose)
		text_hexkv(o, "cs", ev->u.nmt.cs, 2);
}

static void
text_sync(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	(void)opt;
	if (ev->u.sync.has_counter)
		text_ukv(o, "counter", ev->u.sync.counter);
}

static void
text_time(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	char buf[40];

	if (!text_has(ev, CO_HAS_TIME))
		return;
	if (ev->u.time.ms < TIME_MS_PER_DAY) {
		co_time_iso(buf, sizeof(buf), ev->u.time.days, ev->u.time.ms);
		ob_ch(o, ' ');
		ob_str(o, buf);
	}
	if (ev->u.time.rsvd)
		text_hexkv(o, "reserved", ev->u.time.rsvd, 1);
	if (opt->verbose || ev->u.time.ms >= TIME_MS_PER_DAY) {
		text_ukv(o, "days", ev->u.time.days);
		text_ukv(o, "ms", ev->u.time.ms);
	}
}

/* " reg=0x11 generic,communication" */
static void
text_emcy_reg(struct obuf *o, uint8_t reg)
{
	const struct co_tok *t;
	char sep = ' ';

	text_hexkv(o, "reg", reg, 2);
	for (t = co_emcy_reg_bits; t->s; t++) {
		if (!(reg & t->v))
			continue;
		ob_ch(o, sep);
		ob_str(o, t->s);
		sep = ',';
	}
}

static void
text_emcy(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	unsigned i;

	(void)opt;
	text_node(o, ev);
	if (!text_has(ev, CO_HAS_CODE))
		return;
	ob_ch(o, ' ');
	ob_hexn(o, ev->u.emcy.code, 4);
	text_quoted(o, co_emcy_text(ev->u.emcy.code));
	if (!text_has(ev, CO_HAS_REG))
		return;
	text_emcy_reg(o, ev->u.emcy.reg);
	if (!text_has(ev, CO_HAS_MSEF))
		return;
	ob_str(o, " mfr=");
	for (i = 0; i < sizeof(ev->u.emcy.msef); i++)
		ob_hex8(o, ev->u.emcy.msef[i]);
}

static void
text_state(struct obuf *o, const struct co_event *ev,
	   const struct out_opts *opt)
{
	const char *st = tok_str(co_nmt_states, ev->u.hb.state, NULL);

	text_node(o, ev);
	if (!text_has(ev, CO_HAS_CMD))
		return;
	if (st) {
		ob_ch(o, ' ');
		ob_str(o, st);
	} else {
		text_ukv(o, "state", ev->u.hb.state);
	}
	if (ev->kind == CO_EV_GUARD_RSP)
		text_ukv(o, "t", ev->u.hb.toggle);
	if (opt->verbose)       /* the byte as sent: toggle and state */
		text_hexkv(o, "raw", (ev->u.hb.toggle ? 0x80u : 0) |
			   ev->u.hb.state, 2);
}

static void
text_guard_req(struct obuf *o, const struct co_event *ev,
	       const struct out_opts *opt)
{
	text_node(o, ev);
	ob_str(o, " request");
	if (opt->verbose)
		text_ukv(o, "dlc", ev->u.guard_req.len);
}

static void
text_pdo(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	text_node(o, ev);
	ob_ch(o, ' ');
	ob_ch(o, ev->u.pdo.rx ? 'R' : 'T');
	ob_str(o, "PDO");
	ob_u64(o, ev->u.pdo.num, 0);
	if (ev->frame)
		text_payload(o, ev->frame);
	out_od_pdo_text(o, ev, opt->verbose);   /* name=value, mapping */
}

/* "exp 4 = 0x00020192": expedited data as the little-endian number */
static void
text_sdo_exp(struct obuf *o, const struct co_ev_sdo *s, bool verbose)
{
	uint32_t v = 0;
	int i;

	for (i = s->len - 1; i >= 0; i--)
		v = v << 8 | s->data[i];
	ob_str(o, " exp");
	if (s->s) {
		ob_ch(o, ' ');
		ob_u64(o, s->len, 0);
	}
	if (out_od_typed(&s->obj)) {    /* size unindicated: type's size */
		size_t n = out_od_type_bytes(&s->obj);

		ob_str(o, " = ");
		out_od_value_text(o, &s->obj, s->data,
				  s->s || n == 0 || n > s->len ? s->len : n);
	} else {
		ob_str(o, " = 0x");
		ob_hexn(o, v, s->len ? 2 * s->len : 1);
	}
	if (verbose) {
		text_bytes(o, s->data, s->len);
		text_ascii(o, s->data, s->len);
	}
}

static void
text_sdo_init(struct obuf *o, const struct co_event *ev, bool verbose)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (s->e) {
		if (text_has(ev, CO_HAS_DATA))
			text_sdo_exp(o, s, verbose);
	} else if (s->s && text_has(ev, CO_HAS_SIZE)) {
		text_ukv(o, "size", s->size);
	}
}

static void
text_sdo_seg(struct obuf *o, const struct co_event *ev, bool verbose)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (s->fn == SDO_FN_BLK_DL_SEG || s->fn == SDO_FN_BLK_UL_SEG)
		text_ukv(o, "seq", s->seqno);
	else
		text_ukv(o, "t", s->toggle);
	if (text_has(ev, CO_HAS_DATA)) {
		text_bytes(o, s->data, s->len);
		if (verbose)
			text_ascii(o, s->data, s->len);
	}
	if (s->last)
		ob_str(o, " last");
}

static void
text_sdo_block(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	switch (s->fn) {
	case SDO_FN_BLK_DL_INIT_REQ:
	case SDO_FN_BLK_UL_INIT_RSP:
		if (s->crc)
			ob_str(o, " crc");
		if (s->s && text_has(ev, CO_HAS_SIZE))
			text_ukv(o, "size", s->size);
		break;
	case SDO_FN_BLK_UL_INIT_REQ:
	case SDO_FN_BLK_DL_INIT_RSP:
		if (s->crc)
			ob_str(o, " crc");
		if (text_has(ev, CO_HAS_BLKSIZE))
			text_ukv(o, "blksize", s->blksize);
		if (s->fn == SDO_FN_BLK_UL_INIT_REQ &&
		    text_has(ev, CO_HAS_PST))
			text_ukv(o, "pst", s->pst);
		break;
	case SDO_FN_BLK_DL_ACK:
	case SDO_FN_BLK_UL_ACK:
		if (text_has(ev, CO_HAS_ACK)) {
			text_ukv(o, "ackseq", s->ackseq);
			text_ukv(o, "blksize", s->blksize);
		}
		break;
	case SDO_FN_BLK_DL_END_REQ:
	case SDO_FN_BLK_UL_END_REQ:
		text_ukv(o, "n", s->n);
		if (text_has(ev, CO_HAS_CRC))
			text_hexkv(o, "crc", s->crc_val, 4);
		break;
	default:
		break;
	}
}

static void
text_sdo_body(struct obuf *o, const struct co_event *ev, bool verbose)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	switch (s->fn) {
	case SDO_FN_INIT_DL_REQ:
	case SDO_FN_INIT_UL_RSP:
		text_sdo_init(o, ev, verbose);
		break;
	case SDO_FN_DL_SEG_REQ:
	case SDO_FN_UL_SEG_RSP:
	case SDO_FN_BLK_DL_SEG:
	case SDO_FN_BLK_UL_SEG:
		text_sdo_seg(o, ev, verbose);
		break;
	case SDO_FN_UL_SEG_REQ:
	case SDO_FN_DL_SEG_RSP:
		text_ukv(o, "t", s->toggle);
		break;
	case SDO_FN_ABORT:
		if (!text_has(ev, CO_HAS_ABORT))
			break;
		ob_ch(o, ' ');
		ob_hexn(o, s->abort_code, 8);
		text_quoted(o, tok_str(co_sdo_aborts, s->abort_code,
				       "unknown abort code"));
		break;
	default:
		text_sdo_block(o, ev);
		break;
	}
}

static void
text_sdo(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	text_node(o, ev);
	if (s->chan)            /* a configured SDO channel (1200h + chan) */
		text_ukv(o, "chan", s->chan);
	ob_str(o, s->dir == SDO_C2S ? " c->s" : " s->c");
	if (!text_has(ev, CO_HAS_CMD))
		return;
	if (s->fn == SDO_FN_UNKNOWN) {
		text_hexkv(o, "cmd", s->cmd, 2);
		return;
	}
	ob_ch(o, ' ');
	ob_str(o, tok_str(co_sdo_fns, s->fn, "?"));
	if (s->has_mux && text_has(ev, CO_HAS_MUX)) {
		out_text_obj(o, s->index, s->sub, s->obj.name, opt->verbose);
	}
	text_sdo_body(o, ev, opt->verbose);
	if (opt->verbose)
		text_hexkv(o, "cmd", s->cmd, 2);
}

static void
text_lss_err(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_lss *l = &ev->u.lss;

	if (!text_has(ev, CO_HAS_ARG))
		return;
	if (l->err == 0) {
		ob_str(o, " ok");
		return;
	}
	text_ukv(o, "error", l->err);
	text_quoted(o, co_lss_err_text(l->cs, l->err));
	if (l->err == 0xFF && text_has(ev, CO_HAS_SPEC))
		text_hexkv(o, "spec", l->spec_err, 2);
}

static void
text_lss_bit_timing(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_lss *l = &ev->u.lss;

	if (!l->master) {
		text_lss_err(o, ev);
		return;
	}
	if (!text_has(ev, CO_HAS_ARG))
		return;
	text_ukv(o, "table", l->tbl_sel);
	text_ukv(o, "index", l->tbl_idx);
	if (l->tbl_sel == 0)
		text_quoted(o, tok_str(co_lss_bitrates, l->tbl_idx, "unknown"));
}

static void
text_lss_fastscan(struct obuf *o, const struct co_ev_lss *l)
{
	text_hexkv(o, "id", l->val, 8);
	if (l->fs_check == LSS_FS_CHECK_ALL)
		ob_str(o, " bit=all");
	else
		text_ukv(o, "bit", l->fs_check);
	text_ukv(o, "sub", l->fs_sub);
	text_ukv(o, "next", l->fs_next);
}

/* Fields after the command specifier; each only if the frame has it. */
static void
text_lss_body(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_lss *l = &ev->u.lss;
	const char *key = tok_str(co_lss_val_names, l->cs, NULL);

	switch (l->cs) {
	case LSS_SWITCH_GLOBAL:
		if (l->master && text_has(ev, CO_HAS_ARG)) {
			ob_ch(o, ' ');
			ob_str(o, tok_str(co_lss_modes, l->mode, "mode=?"));
		}
		return;
	case LSS_CONF_NODE_ID:          /* master: node-ID; slave: result */
		if (!l->master)
			text_lss_err(o, ev);
		else if (text_has(ev, CO_HAS_ARG))
			text_ukv(o, "node-id", l->nid);
		return;
	case LSS_INQ_NODE_ID:           /* master: nothing; slave: node-ID */
		if (!l->master && text_has(ev, CO_HAS_ARG))
			text_ukv(o, "node-id", l->nid);
		return;
	case LSS_CONF_BIT_TIMING:
		text_lss_bit_timing(o, ev);
		return;
	case LSS_ACTIVATE_BIT_TIMING:
		if (text_has(ev, CO_HAS_ARG)) {
			text_ukv(o, "delay", l->delay_ms);
			ob_str(o, "ms");
		}
		return;
	case LSS_STORE:
		if (!l->master)
			text_lss_err(o, ev);
		return;
	case LSS_FASTSCAN:
		if (text_has(ev, CO_HAS_ARG))
			text_lss_fastscan(o, l);
		return;
	default:
		break;
	}
	/* u32 values: switch selective / identify (master), inquire (slave) */
	if (key && l->master == (l->cs < LSS_INQ_VENDOR) &&
	    text_has(ev, CO_HAS_ARG))
		text_hexkv(o, key, l->val, 8);
}

static void
text_lss(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	const struct co_ev_lss *l = &ev->u.lss;
	const char *cmd = tok_str(co_lss_cmds, l->cs, NULL);

	ob_str(o, l->master ? " m->s" : " s->m");
	if (!text_has(ev, CO_HAS_CMD))
		return;
	if (cmd) {
		ob_ch(o, ' ');
		ob_str(o, cmd);
	}
	if (cmd == NULL || ev->status == CO_INVALID)
		text_hexkv(o, "cs", l->cs, 2);
	if (cmd)
		text_lss_body(o, ev);
	if (opt->verbose && ev->frame)
		text_payload(o, ev->frame);
}

static const struct text_kind {
	const char *tag;
	text_fn fn;
} text_kinds[CO_EV__COUNT] = {
	[CO_EV_UNKNOWN] = { "CAN", text_unknown },
	[CO_EV_ERROR_FRAME] = { "ERR", text_error_frame },
	[CO_EV_DROP] = { "DROP", text_drop },
	/* model: derived events (out_model.c) */
	[CO_EV_SDO_XFER] = { "SDO-XFER", out_model_text_xfer },
	[CO_EV_NODE_STATE] = { "NMT-STATE", out_model_text_node_state },
	[CO_EV_HB_TIMEOUT] = { "HB-LOST", out_model_text_hb_timeout },
	[CO_EV_HB_RECOVER] = { "HB-BACK", out_model_text_hb_recover },
	[CO_EV_NODE_MISSING] = { "MISSING", out_model_text_node_missing },
	[CO_EV_GUARD_TOGGLE] = { "GUARD-TOGGLE", out_model_text_guard_toggle },
	[CO_EV_CONFIG] = { "OD-CONFIG", out_od_text_config },   /* out_od.c */
	/* live capture notes (out_note.c) */
	[CO_EV_NOTE] = { "NOTE", out_note_text },
	[CO_EV_LINK] = { "LINK", out_note_text },
	[CO_EV_LINK_STATE] = { "LINK-STATE", out_note_text },
	[CO_EV_LINK_LOST] = { "LINK-LOST", out_note_text },
	/* CANopen frame kinds (dissect) */
	[CO_EV_NMT] = { "NMT", text_nmt },
	[CO_EV_SYNC] = { "SYNC", text_sync },
	[CO_EV_TIME] = { "TIME", text_time },
	[CO_EV_EMCY] = { "EMCY", text_emcy },
	[CO_EV_BOOTUP] = { "BOOT", text_state },
	[CO_EV_HEARTBEAT] = { "HB", text_state },
	[CO_EV_GUARD_REQ] = { "GUARD", text_guard_req },
	[CO_EV_GUARD_RSP] = { "GUARD", text_state },
	[CO_EV_SDO] = { "SDO", text_sdo },
	[CO_EV_PDO] = { "PDO", text_pdo },
	[CO_EV_LSS] = { "LSS", text_lss },
};

static void
text_head(struct obuf *o, const struct co_event *ev, const char *tag)
{
	const struct co_frame *f = ev->frame;
	size_t start;

	ob_ts(o, ev->ts_ns, f ? f->ts_digits : 6);
	ob_ch(o, ' ');
	if (f == NULL) {
		/* frames lost on an interface: its name, no COB-ID */
		ob_str(o, ev->kind == CO_EV_DROP && ev->u.drop.iface ?
			  ev->u.drop.iface : "-");
		ob_str(o, " -");
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
