/* SPDX-License-Identifier: GPL-2.0-or-later */
/* canerr.c - CAN error frames (Linux linux/can/error.h, ISO 11898-1 fault
 * confinement) described in the words of can-utils' candump -e */
#include "config.h"
#include "canerr.h"

#include <string.h>

#include "obuf.h"
#include "rd.h"

/*
 * Error frame layout (struct can_frame with CAN_ERR_FLAG in can_id):
 *
 * Byte | Meaning
 * -----+----------------------------------------------------------
 * id   | class bits CANERR_* (which of the bytes below are valid)
 * 0    | lost arbitration: bit position, 0 = unspecified
 * 1    | controller problems CANERR_CRTL_*
 * 2    | protocol violation type CANERR_PROT_*
 * 3    | protocol violation location (value, see prot_locs)
 * 4    | transceiver status: CANH in bits 0-3, CANL in bits 4-7
 * 5    | reserved
 * 6    | TX error counter (with CANERR_CNT)
 * 7    | RX error counter (with CANERR_CNT)
 */

#define CRTL_PASSIVE (CANERR_CRTL_RX_PASSIVE | CANERR_CRTL_TX_PASSIVE)
#define CRTL_WARNING (CANERR_CRTL_RX_WARNING | CANERR_CRTL_TX_WARNING)

static const struct co_tok classes[] = {
	{ CANERR_TX_TIMEOUT, "tx-timeout" },
	{ CANERR_LOSTARB, "lost-arbitration" },
	{ CANERR_CRTL, "controller-problem" },
	{ CANERR_PROT, "protocol-violation" },
	{ CANERR_TRX, "transceiver-status" },
	{ CANERR_ACK, "no-acknowledgement-on-tx" },
	{ CANERR_BUSOFF, "bus-off" },
	{ CANERR_BUSERROR, "bus-error" },
	{ CANERR_RESTARTED, "restarted-after-bus-off" },
	{ CANERR_CNT, "error-counter-tx-rx" },
	{ 0, NULL },
};

static const struct co_tok ctrl_bits[] = {
	{ CANERR_CRTL_RX_OVERFLOW, "rx-overflow" },
	{ CANERR_CRTL_TX_OVERFLOW, "tx-overflow" },
	{ CANERR_CRTL_RX_WARNING, "rx-error-warning" },
	{ CANERR_CRTL_TX_WARNING, "tx-error-warning" },
	{ CANERR_CRTL_RX_PASSIVE, "rx-error-passive" },
	{ CANERR_CRTL_TX_PASSIVE, "tx-error-passive" },
	{ CANERR_CRTL_ACTIVE, "back-to-error-active" },
	{ 0, NULL },
};

static const struct co_tok prot_types[] = {
	{ CANERR_PROT_BIT, "single-bit-error" },
	{ CANERR_PROT_FORM, "frame-format-error" },
	{ CANERR_PROT_STUFF, "bit-stuffing-error" },
	{ CANERR_PROT_BIT0, "tx-dominant-bit-error" },
	{ CANERR_PROT_BIT1, "tx-recessive-bit-error" },
	{ CANERR_PROT_OVERLOAD, "bus-overload" },
	{ CANERR_PROT_ACTIVE, "active-error" },
	{ CANERR_PROT_TX, "error-on-tx" },
	{ 0, NULL },
};

/* Location values of data[3]: the kernel's CAN_ERR_PROT_LOC_* plus the
 * error/overload field positions can-utils also names (SJA1000 ECC). */
static const struct co_tok prot_locs[] = {
	{ 0x00, "unspecified" },
	{ 0x02, "id.28-to-id.21" },
	{ 0x03, "start-of-frame" },
	{ 0x04, "bit-srtr" },
	{ 0x05, "bit-ide" },
	{ 0x06, "id.20-to-id.18" },
	{ 0x07, "id.17-to-id.13" },
	{ 0x08, "crc-sequence" },
	{ 0x09, "reserved-bit-0" },
	{ 0x0A, "data-field" },
	{ 0x0B, "data-length-code" },
	{ 0x0C, "bit-rtr" },
	{ 0x0D, "reserved-bit-1" },
	{ 0x0E, "id.4-to-id.0" },
	{ 0x0F, "id.12-to-id.5" },
	{ 0x11, "active-error-flag" },
	{ 0x12, "intermission" },
	{ 0x13, "tolerate-dominant-bits" },
	{ 0x16, "passive-error-flag" },
	{ 0x17, "error-delimiter" },
	{ 0x18, "crc-delimiter" },
	{ 0x19, "acknowledge-slot" },
	{ 0x1A, "end-of-frame" },
	{ 0x1B, "acknowledge-delimiter" },
	{ 0x1C, "overload-flag" },
	{ 0, NULL },
};

/* Transceiver status of data[4]: one nibble per wire. */
static const struct co_tok trx_canh[] = {
	{ 0x4, "canh-no-wire" },
	{ 0x5, "canh-short-to-bat" },
	{ 0x6, "canh-short-to-vcc" },
	{ 0x7, "canh-short-to-gnd" },
	{ 0, NULL },
};

static const struct co_tok trx_canl[] = {
	{ 0x4, "canl-no-wire" },
	{ 0x5, "canl-short-to-bat" },
	{ 0x6, "canl-short-to-vcc" },
	{ 0x7, "canl-short-to-gnd" },
	{ 0x8, "canl-short-to-canh" },
	{ 0, NULL },
};

static const struct co_tok states[] = {
	{ CANERR_STATE_ACTIVE, "error-active" },
	{ CANERR_STATE_WARNING, "error-warning" },
	{ CANERR_STATE_PASSIVE, "error-passive" },
	{ CANERR_STATE_BUS_OFF, "bus-off" },
	{ 0, NULL },
};

static const struct canerr_table {
	const char *name;
	const struct co_tok *t;
} tables[] = {
	{ "classes", classes },
	{ "ctrl_bits", ctrl_bits },
	{ "prot_types", prot_types },
	{ "prot_locs", prot_locs },
	{ "trx_canh", trx_canh },
	{ "trx_canl", trx_canl },
	{ "states", states },
};

const struct co_tok *
canerr_table(unsigned i, const char **name)
{
	if (i >= sizeof(tables) / sizeof(tables[0]))
		return NULL;
	if (name)
		*name = tables[i].name;
	return tables[i].t;
}

const char *
canerr_state_name(enum canerr_state s)
{
	return tok_str(states, (uint32_t)s, NULL);
}

const char *
canerr_class_name(uint32_t bit)
{
	return tok_str(classes, bit, NULL);
}

const char *
canerr_ctrl_name(uint8_t bit)
{
	return tok_str(ctrl_bits, bit, NULL);
}

const char *
canerr_prot_type_name(uint8_t bit)
{
	return tok_str(prot_types, bit, NULL);
}

const char *
canerr_prot_loc_name(uint8_t loc)
{
	return tok_str(prot_locs, loc, NULL);
}

int
canerr_trx_names(uint8_t trx, const char *out[2])
{
	const char *s;
	int n = 0;

	if ((s = tok_str(trx_canh, trx & 0x0Fu, NULL)) != NULL)
		out[n++] = s;
	if ((s = tok_str(trx_canl, trx >> 4, NULL)) != NULL)
		out[n++] = s;
	return n;
}

/* ISO 11898-1 fault confinement: the state a counter value means. */
static enum canerr_state
state_of_counter(unsigned cnt)
{
	if (cnt >= CANERR_PASSIVE_LEVEL)
		return CANERR_STATE_PASSIVE;
	if (cnt >= CANERR_WARNING_LEVEL)
		return CANERR_STATE_WARNING;
	return CANERR_STATE_ACTIVE;
}

/*
 * The state the frame reports: explicit bits first (bus-off, the
 * controller-problem levels, back-to-active, restart), else what the
 * error counters imply when the frame carries them.
 */
static enum canerr_state
derive_state(const struct canerr_info *ei)
{
	unsigned hi;

	if (ei->classes & CANERR_BUSOFF)
		return CANERR_STATE_BUS_OFF;
	if (ei->classes & CANERR_CRTL) {
		if (ei->ctrl & CRTL_PASSIVE)
			return CANERR_STATE_PASSIVE;
		if (ei->ctrl & CRTL_WARNING)
			return CANERR_STATE_WARNING;
		if (ei->ctrl & CANERR_CRTL_ACTIVE)
			return CANERR_STATE_ACTIVE;
	}
	if (ei->classes & CANERR_RESTARTED)
		return CANERR_STATE_ACTIVE;
	if (!ei->has_counters)
		return CANERR_STATE_UNKNOWN;
	hi = ei->tx_err > ei->rx_err ? ei->tx_err : ei->rx_err;
	return state_of_counter(hi);
}

void
canerr_parse(const struct co_frame *f, struct canerr_info *ei)
{
	struct co_rd rd;
	size_t len = f->len > CO_CAN_MAX_DLEN ? CO_CAN_MAX_DLEN : f->len;

	memset(ei, 0, sizeof(*ei));
	ei->classes = f->id & CO_ERR_MASK;
	rd_init(&rd, f->data, len);
	ei->lostarb_bit = rd_u8(&rd);
	ei->ctrl = rd_u8(&rd);
	ei->prot_type = rd_u8(&rd);
	ei->prot_loc = rd_u8(&rd);
	ei->trx = rd_u8(&rd);
	rd_skip(&rd, 1);
	ei->tx_err = rd_u8(&rd);
	ei->rx_err = rd_u8(&rd);
	ei->truncated = rd_short(&rd);
	ei->has_counters = (ei->classes & CANERR_CNT) || ei->tx_err ||
			   ei->rx_err;
	ei->state = derive_state(ei);
}

/* "a,b,c" for the bits of v named in t (table in bit order); "unspecified"
 * when v is 0; bits without a name as one hex value. */
static void
fmt_bits(struct obuf *o, const struct co_tok *t, uint8_t v)
{
	uint8_t named = 0;
	bool first = true;

	for (; t->s != NULL; t++) {
		if (!(v & t->v))
			continue;
		if (!first)
			ob_ch(o, ',');
		ob_str(o, t->s);
		named |= (uint8_t)t->v;
		first = false;
	}
	if (v & ~named) {
		if (!first)
			ob_ch(o, ',');
		ob_str(o, "0x");
		ob_hex8(o, (uint8_t)(v & ~named));
		first = false;
	}
	if (first)
		ob_str(o, "unspecified");
}

static void
fmt_lostarb(struct obuf *o, const struct canerr_info *ei)
{
	if (ei->lostarb_bit == 0) {
		ob_str(o, "{unspecified}");
		return;
	}
	ob_str(o, "{at bit ");
	ob_u64(o, ei->lostarb_bit, 0);
	ob_ch(o, '}');
}

static void
fmt_prot(struct obuf *o, const struct canerr_info *ei)
{
	const char *loc = canerr_prot_loc_name(ei->prot_loc);

	ob_str(o, "{{");
	fmt_bits(o, prot_types, ei->prot_type);
	ob_str(o, "}{");
	if (loc) {
		ob_str(o, loc);
	} else {
		ob_str(o, "location-0x");
		ob_hex8(o, ei->prot_loc);
	}
	ob_str(o, "}}");
}

/* One wire's nibble of data[4]: its name, or "canh-0xN" if unknown. */
static void
fmt_wire(struct obuf *o, const struct co_tok *t, uint8_t nib,
	 const char *wire, bool *first)
{
	const char *s;

	if (nib == 0)
		return;
	if (!*first)
		ob_ch(o, ',');
	*first = false;
	s = tok_str(t, nib, NULL);
	if (s) {
		ob_str(o, s);
		return;
	}
	ob_str(o, wire);
	ob_str(o, "-0x");
	ob_hexn(o, nib, 1);
}

static void
fmt_trx(struct obuf *o, const struct canerr_info *ei)
{
	bool first = true;

	ob_ch(o, '{');
	fmt_wire(o, trx_canh, ei->trx & 0x0Fu, "canh", &first);
	fmt_wire(o, trx_canl, ei->trx >> 4, "canl", &first);
	if (first)
		ob_str(o, "unspecified");
	ob_ch(o, '}');
}

static void
fmt_counters(struct obuf *o, const struct canerr_info *ei)
{
	ob_str(o, "{{");
	ob_u64(o, ei->tx_err, 0);
	ob_str(o, "}{");
	ob_u64(o, ei->rx_err, 0);
	ob_str(o, "}}");
}

/* One class word with its detail in braces. */
static void
fmt_class(struct obuf *o, const struct canerr_info *ei, uint32_t bit)
{
	ob_str(o, canerr_class_name(bit));
	switch (bit) {
	case CANERR_LOSTARB:
		fmt_lostarb(o, ei);
		break;
	case CANERR_CRTL:
		ob_ch(o, '{');
		fmt_bits(o, ctrl_bits, ei->ctrl);
		ob_ch(o, '}');
		break;
	case CANERR_PROT:
		fmt_prot(o, ei);
		break;
	case CANERR_TRX:
		fmt_trx(o, ei);
		break;
	case CANERR_CNT:
		fmt_counters(o, ei);
		break;
	default:
		break;
	}
}

static void
fmt_info(struct obuf *o, const struct canerr_info *ei, bool verbose)
{
	const struct co_tok *t;
	size_t start = o->len;

	for (t = classes; t->s != NULL; t++) {
		if (!(ei->classes & t->v))
			continue;
		if (o->len != start)
			ob_ch(o, ' ');
		fmt_class(o, ei, t->v);
	}
	/* counters without the class bit: older kernels still fill them */
	if (!(ei->classes & CANERR_CNT) && ei->has_counters) {
		if (o->len != start)
			ob_ch(o, ' ');
		fmt_class(o, ei, CANERR_CNT);
	}
	if (ei->classes & ~CANERR_KNOWN) {
		if (o->len != start)
			ob_ch(o, ' ');
		ob_str(o, "unknown-class{0x");
		ob_hexn(o, ei->classes & ~CANERR_KNOWN, 8);
		ob_ch(o, '}');
	}
	if (o->len == start)
		ob_str(o, "unspecified");
	if (!verbose)
		return;
	if (ei->state != CANERR_STATE_UNKNOWN) {
		ob_str(o, " state=");
		ob_str(o, canerr_state_name(ei->state));
	}
	ob_str(o, " class=0x");
	ob_hexn(o, ei->classes, 8);
}

size_t
canerr_fmt(char *buf, size_t size, const struct canerr_info *ei,
	   bool verbose)
{
	struct obuf o;
	size_t n;

	if (size == 0)
		return 0;
	ob_reset(&o);
	fmt_info(&o, ei, verbose);
	n = o.len < size - 1 ? o.len : size - 1;
	memcpy(buf, o.b, n);
	buf[n] = '\0';
	return n;
}

/* The tables above, for the table invariant test (test_tables). */
const struct co_table_ref canerr_tables[] = {
	{ "canerr classes", classes, NULL },
	{ "canerr ctrl_bits", ctrl_bits, NULL },
	{ "canerr prot_types", prot_types, NULL },
	{ "canerr prot_locs", prot_locs, NULL },
	{ "canerr trx_canh", trx_canh, NULL },
	{ "canerr trx_canl", trx_canl, NULL },
	{ "canerr states", states, NULL },
	{ NULL, NULL, NULL },
};
