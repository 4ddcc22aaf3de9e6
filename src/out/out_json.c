/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_json.c - one JSON object per event (JSON lines); keys in cosniff(1) */
#include "config.h"
#include "out.h"

#include <stdbool.h>
#include <stddef.h>

#include "canerr.h"
#include "out_model.h"
#include "out_note.h"
#include "out_od.h"
#include "od_value.h"
#include "ojson.h"
#include "co_tables.h"
#include "tok.h"

typedef void (*json_fn)(struct obuf *o, const struct co_event *ev,
			const struct out_opts *opt);

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
	char buf[CANERR_FMT_MAX];

	json_frame_data(o, ev->frame);
	canerr_fmt(buf, sizeof(buf), &ev->u.err, opt->verbose);
	json_key(o, "error");
	json_str(o, buf);
	json_canerr(o, &ev->u.err);
}

static void
json_drop(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	(void)opt;
	if (ev->u.drop.iface) {
		json_key(o, "iface");
		json_str(o, ev->u.drop.iface);
	}
	json_key(o, "count");
	ob_u64(o, ev->u.drop.count, 0);
	json_key(o, "total");
	ob_u64(o, ev->u.drop.total, 0);
}

/* --- CANopen frame kinds (dissectors; CiA 301 / CiA 305) --- */

/* true when the frame carried every field of bits (CO_HAS_*) */
static bool
json_has(const struct co_event *ev, uint16_t bits)
{
	return (ev->has & bits) == bits;
}

/* "name": an object name from an EDS (any bytes) */
static void
json_name(struct obuf *o, const char *name)
{
	json_key(o, "name");
	od_json_str(o, (const uint8_t *)name, strlen(name));
}

static void
json_bytes(struct obuf *o, const char *key, const uint8_t *p, size_t n)
{
	json_key(o, key);
	ob_ch(o, '"');
	ob_hexbytes_lc(o, p, n);
	ob_ch(o, '"');
}

/* -v: the raw payload of a decoded frame */
static void
json_raw(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	const struct co_frame *f = ev->frame;

	if (!opt->verbose || f == NULL || co_frame_is_rtr(f))
		return;
	json_ukv(o, "len", f->len);
	json_bytes(o, "raw", f->data, f->len);
}

static void
json_nmt(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	if (json_has(ev, CO_HAS_CMD)) {
		json_skv(o, "command",
			 tok_str(co_nmt_cmds, ev->u.nmt.cs, "unknown"));
		json_hexkv(o, "cs", ev->u.nmt.cs, 2);
	}
	if (json_has(ev, CO_HAS_TARGET))
		json_ukv(o, "target", ev->u.nmt.target);
	json_raw(o, ev, opt);
}

static void
json_sync(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	if (ev->u.sync.has_counter)
		json_ukv(o, "counter", ev->u.sync.counter);
	json_raw(o, ev, opt);
}

static void
json_time(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	char buf[40];

	if (json_has(ev, CO_HAS_TIME)) {
		if (ev->u.time.ms < 86400000u) {
			co_time_iso(buf, sizeof(buf), ev->u.time.days,
				    ev->u.time.ms);
			json_skv(o, "time", buf);
		}
		json_ukv(o, "days", ev->u.time.days);
		json_ukv(o, "ms", ev->u.time.ms);
		if (ev->u.time.rsvd)
			json_ukv(o, "reserved", ev->u.time.rsvd);
	}
	json_raw(o, ev, opt);
}

static void
json_emcy_reg(struct obuf *o, uint8_t reg)
{
	const struct co_tok *t;
	char sep = '[';

	json_hexkv(o, "register", reg, 2);
	json_key(o, "register_bits");
	for (t = co_emcy_reg_bits; t->s; t++) {
		if (!(reg & t->v))
			continue;
		ob_ch(o, sep);
		json_str(o, t->s);
		sep = ',';
	}
	if (sep == '[')
		ob_ch(o, '[');
	ob_ch(o, ']');
}

static void
json_emcy(struct obuf *o, const struct co_event *ev,
	  const struct out_opts *opt)
{
	if (json_has(ev, CO_HAS_CODE)) {
		json_hexkv(o, "code", ev->u.emcy.code, 4);
		json_skv(o, "text", co_emcy_text(ev->u.emcy.code));
	}
	if (json_has(ev, CO_HAS_REG))
		json_emcy_reg(o, ev->u.emcy.reg);
	if (json_has(ev, CO_HAS_MSEF))
		json_bytes(o, "mfr", ev->u.emcy.msef,
			   sizeof(ev->u.emcy.msef));
	json_raw(o, ev, opt);
}

static void
json_state(struct obuf *o, const struct co_event *ev,
	   const struct out_opts *opt)
{
	if (json_has(ev, CO_HAS_CMD)) {
		json_skv(o, "state",
			 tok_str(co_nmt_states, ev->u.hb.state, "unknown"));
		json_ukv(o, "state_code", ev->u.hb.state);
		if (ev->kind == CO_EV_GUARD_RSP || ev->u.hb.toggle)
			json_bkv(o, "toggle", ev->u.hb.toggle);
	}
	json_raw(o, ev, opt);
}

static void
json_guard_req(struct obuf *o, const struct co_event *ev,
	       const struct out_opts *opt)
{
	(void)opt;
	json_ukv(o, "len", ev->u.guard_req.len);
	json_bkv(o, "rtr", true);
}

static void
json_pdo(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	json_key(o, "pdo");
	ob_str(o, ev->u.pdo.rx ? "\"RPDO" : "\"TPDO");
	ob_u64(o, ev->u.pdo.num, 0);
	ob_ch(o, '"');
	if (ev->frame)
		json_frame_data(o, ev->frame);
	out_od_pdo_json(o, ev, opt->verbose);   /* "values" by the mapping */
}

/* "value": expedited data typed by the object (size unindicated: the
 * type's size) */
static void
json_sdo_value(struct obuf *o, const struct co_ev_sdo *s)
{
	size_t n = out_od_type_bytes(&s->obj);

	if (!out_od_typed(&s->obj))
		return;
	json_key(o, "value");
	if (!out_od_value_json(o, &s->obj, s->data,
			       s->s || n == 0 || n > s->len ? s->len : n))
		json_skv(o, "value_size", "mismatch");
}

static void
json_sdo_init(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	json_bkv(o, "e", s->e);
	json_bkv(o, "s", s->s);
	if (s->e && s->s)
		json_ukv(o, "n", s->n);
	if (s->s && json_has(ev, CO_HAS_SIZE))
		json_ukv(o, "size", s->size);
	if (s->e && json_has(ev, CO_HAS_DATA)) {
		json_bytes(o, "data", s->data, s->len);
		json_sdo_value(o, s);
	}
}

static void
json_sdo_block(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	switch (s->fn) {
	case SDO_FN_BLK_DL_INIT_REQ:
	case SDO_FN_BLK_UL_INIT_RSP:
		json_bkv(o, "crc", s->crc);
		json_bkv(o, "s", s->s);
		if (s->s && json_has(ev, CO_HAS_SIZE))
			json_ukv(o, "size", s->size);
		break;
	case SDO_FN_BLK_UL_INIT_REQ:
	case SDO_FN_BLK_DL_INIT_RSP:
		json_bkv(o, "crc", s->crc);
		if (json_has(ev, CO_HAS_BLKSIZE))
			json_ukv(o, "blksize", s->blksize);
		if (s->fn == SDO_FN_BLK_UL_INIT_REQ &&
		    json_has(ev, CO_HAS_PST))
			json_ukv(o, "pst", s->pst);
		break;
	case SDO_FN_BLK_DL_ACK:
	case SDO_FN_BLK_UL_ACK:
		if (json_has(ev, CO_HAS_ACK)) {
			json_ukv(o, "ackseq", s->ackseq);
			json_ukv(o, "blksize", s->blksize);
		}
		break;
	case SDO_FN_BLK_DL_END_REQ:
	case SDO_FN_BLK_UL_END_REQ:
		json_ukv(o, "n", s->n);
		if (json_has(ev, CO_HAS_CRC))
			json_hexkv(o, "crc_val", s->crc_val, 4);
		break;
	default:
		break;
	}
}

/* data carried by a segment (normal or block sub-block) */
static void
json_sdo_seg(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (s->fn == SDO_FN_BLK_DL_SEG || s->fn == SDO_FN_BLK_UL_SEG) {
		json_ukv(o, "seqno", s->seqno);
	} else {
		json_bkv(o, "toggle", s->toggle);
		json_ukv(o, "n", s->n);
	}
	json_bkv(o, "last", s->last);
	if (json_has(ev, CO_HAS_DATA))
		json_bytes(o, "data", s->data, s->len);
}

static void
json_sdo_body(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	switch (s->fn) {
	case SDO_FN_INIT_DL_REQ:
	case SDO_FN_INIT_UL_RSP:
		json_sdo_init(o, ev);
		break;
	case SDO_FN_DL_SEG_REQ:
	case SDO_FN_UL_SEG_RSP:
	case SDO_FN_BLK_DL_SEG:
	case SDO_FN_BLK_UL_SEG:
		json_sdo_seg(o, ev);
		break;
	case SDO_FN_UL_SEG_REQ:
	case SDO_FN_DL_SEG_RSP:
		json_bkv(o, "toggle", s->toggle);
		break;
	case SDO_FN_ABORT:
		if (!json_has(ev, CO_HAS_ABORT))
			break;
		json_hexkv(o, "abort_code", s->abort_code, 8);
		json_skv(o, "abort_text", tok_str(co_sdo_aborts,
						  s->abort_code, "unknown"));
		break;
	default:
		json_sdo_block(o, ev);
		break;
	}
}

static void
json_sdo(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	const struct co_ev_sdo *s = &ev->u.sdo;

	if (s->chan)
		json_ukv(o, "chan", s->chan);
	json_skv(o, "dir", s->dir == SDO_C2S ? "c2s" : "s2c");
	if (json_has(ev, CO_HAS_CMD) && s->fn != SDO_FN_UNKNOWN) {
		json_skv(o, "fn", tok_str(co_sdo_fns, s->fn, "unknown"));
		json_hexkv(o, "cmd", s->cmd, 2);
		if (s->has_mux && json_has(ev, CO_HAS_MUX)) {
			json_hexkv(o, "index", s->index, 4);
			json_hexkv(o, "sub", s->sub, 2);
			if (s->obj.name)
				json_name(o, s->obj.name);
			if (opt->verbose)
				json_skv(o, "object", co_od_name(s->index));
		}
		json_sdo_body(o, ev);
	} else if (json_has(ev, CO_HAS_CMD)) {
		json_skv(o, "fn", "unknown");
		json_hexkv(o, "cmd", s->cmd, 2);
	}
	json_raw(o, ev, opt);
}

static void
json_lss_err(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_lss *l = &ev->u.lss;

	if (json_has(ev, CO_HAS_ARG)) {
		json_ukv(o, "error", l->err);
		json_skv(o, "error_text", co_lss_err_text(l->cs, l->err));
	}
	if (json_has(ev, CO_HAS_SPEC))
		json_ukv(o, "spec_error", l->spec_err);
}

static void
json_lss_bit_timing(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_lss *l = &ev->u.lss;

	if (!l->master) {
		json_lss_err(o, ev);
		return;
	}
	if (!json_has(ev, CO_HAS_ARG))
		return;
	json_ukv(o, "table", l->tbl_sel);
	json_ukv(o, "index", l->tbl_idx);
	if (l->tbl_sel == 0)
		json_skv(o, "bitrate",
			 tok_str(co_lss_bitrates, l->tbl_idx, "unknown"));
}

static void
json_lss_fastscan(struct obuf *o, const struct co_ev_lss *l)
{
	json_hexkv(o, "id", l->val, 8);
	json_ukv(o, "bit_check", l->fs_check);
	json_ukv(o, "lss_sub", l->fs_sub);
	json_ukv(o, "lss_next", l->fs_next);
}

/* Fields after the command specifier; each only if the frame has it. */
static void
json_lss_body(struct obuf *o, const struct co_event *ev)
{
	const struct co_ev_lss *l = &ev->u.lss;
	const char *key = tok_str(co_lss_val_names, l->cs, NULL);

	switch (l->cs) {
	case LSS_SWITCH_GLOBAL:
		if (l->master && json_has(ev, CO_HAS_ARG)) {
			json_skv(o, "mode",
				 tok_str(co_lss_modes, l->mode, "unknown"));
			json_ukv(o, "mode_code", l->mode);
		}
		return;
	case LSS_CONF_NODE_ID:          /* master: node-ID; slave: result */
		if (!l->master)
			json_lss_err(o, ev);
		else if (json_has(ev, CO_HAS_ARG))
			json_ukv(o, "node_id", l->nid);
		return;
	case LSS_INQ_NODE_ID:           /* master: nothing; slave: node-ID */
		if (!l->master && json_has(ev, CO_HAS_ARG))
			json_ukv(o, "node_id", l->nid);
		return;
	case LSS_CONF_BIT_TIMING:
		json_lss_bit_timing(o, ev);
		return;
	case LSS_ACTIVATE_BIT_TIMING:
		if (json_has(ev, CO_HAS_ARG))
			json_ukv(o, "delay_ms", l->delay_ms);
		return;
	case LSS_STORE:
		if (!l->master)
			json_lss_err(o, ev);
		return;
	case LSS_FASTSCAN:
		if (json_has(ev, CO_HAS_ARG))
			json_lss_fastscan(o, l);
		return;
	default:
		break;
	}
	/* u32 values: switch selective / identify (master), inquire (slave) */
	if (key && l->master == (l->cs < LSS_INQ_VENDOR) &&
	    json_has(ev, CO_HAS_ARG))
		json_hexkv(o, key, l->val, 8);
}

static void
json_lss(struct obuf *o, const struct co_event *ev,
	 const struct out_opts *opt)
{
	const struct co_ev_lss *l = &ev->u.lss;
	const char *cmd = tok_str(co_lss_cmds, l->cs, NULL);

	json_skv(o, "dir", l->master ? "m2s" : "s2m");
	if (json_has(ev, CO_HAS_CMD)) {
		json_hexkv(o, "cs", l->cs, 2);
		json_skv(o, "command", cmd ? cmd : "unknown");
		if (cmd)
			json_lss_body(o, ev);
	}
	json_raw(o, ev, opt);
}

static const json_fn json_kinds[CO_EV__COUNT] = {
	[CO_EV_UNKNOWN] = json_unknown,
	[CO_EV_ERROR_FRAME] = json_error_frame,
	[CO_EV_DROP] = json_drop,
	/* model: derived events (out_model.c) */
	[CO_EV_SDO_XFER] = out_model_json_xfer,
	[CO_EV_NODE_STATE] = out_model_json_node,
	[CO_EV_HB_TIMEOUT] = out_model_json_node,
	[CO_EV_HB_RECOVER] = out_model_json_node,
	[CO_EV_NODE_MISSING] = out_model_json_node,
	[CO_EV_GUARD_TOGGLE] = out_model_json_node,
	[CO_EV_CONFIG] = out_od_json_config,       /* out_od.c */
	[CO_EV_NOTE] = out_note_json,           /* out_note.c */
	[CO_EV_LINK] = out_note_json,
	[CO_EV_LINK_STATE] = out_note_json,
	[CO_EV_LINK_LOST] = out_note_json,
	/* CANopen frame kinds (dissect) */
	[CO_EV_NMT] = json_nmt,
	[CO_EV_SYNC] = json_sync,
	[CO_EV_TIME] = json_time,
	[CO_EV_EMCY] = json_emcy,
	[CO_EV_BOOTUP] = json_state,
	[CO_EV_HEARTBEAT] = json_state,
	[CO_EV_GUARD_REQ] = json_guard_req,
	[CO_EV_GUARD_RSP] = json_state,
	[CO_EV_SDO] = json_sdo,
	[CO_EV_PDO] = json_pdo,
	[CO_EV_LSS] = json_lss,
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
		json_key(o, "frame");   /* Wireshark's frame number */
		ob_u64(o, f->index, 0);
		json_key(o, "line");    /* input line or record */
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
