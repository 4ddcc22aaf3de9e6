/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lss.c - CiA 305 layer setting services (0x7E5 master, 0x7E4 slave) */
#include "config.h"

#include "co_tables.h"
#include "dissectors.h"

#define LSS_NID_MAX 127
#define LSS_NID_UNCONF 0xFF   /* unconfigured (configure / inquire node-ID) */
#define LSS_FS_BIT_MAX 31
#define LSS_FS_SUB_MAX 3

/* What follows the command specifier (byte 0) of one LSS frame. */
enum lss_body {
	LB_NONE,      /* 1-7 reserved */
	LB_MODE,      /* 1: mode 0 waiting / 1 configuration */
	LB_VAL,       /* 1-4: vendor/product/revision/serial (LE) */
	LB_NID,       /* 1: node-ID */
	LB_ERR,       /* 1: error code, 2: implementation specific error */
	LB_BT,        /* 1: table selector, 2: table index */
	LB_DELAY,     /* 1-2: switch delay, ms (LE) */
	LB_FASTSCAN,  /* 1-4: IDNumber, 5: bit check, 6: sub, 7: next */
};

#define LSS_M 0x1   /* sent by the master (0x7E5) */
#define LSS_S 0x2   /* sent by a slave (0x7E4) */

/* Sorted by cs; body for master / slave frames. */
static const struct lss_spec {
	uint8_t cs, who;
	uint8_t m_body, s_body;
} lss_specs[] = {
	{ LSS_SWITCH_GLOBAL, LSS_M, LB_MODE, LB_NONE },
	{ LSS_CONF_NODE_ID, LSS_M | LSS_S, LB_NID, LB_ERR },
	{ LSS_CONF_BIT_TIMING, LSS_M | LSS_S, LB_BT, LB_ERR },
	{ LSS_ACTIVATE_BIT_TIMING, LSS_M, LB_DELAY, LB_NONE },
	{ LSS_STORE, LSS_M | LSS_S, LB_NONE, LB_ERR },
	{ LSS_SWITCH_SEL_VENDOR, LSS_M, LB_VAL, LB_NONE },
	{ LSS_SWITCH_SEL_PRODUCT, LSS_M, LB_VAL, LB_NONE },
	{ LSS_SWITCH_SEL_REVISION, LSS_M, LB_VAL, LB_NONE },
	{ LSS_SWITCH_SEL_SERIAL, LSS_M, LB_VAL, LB_NONE },
	{ LSS_SWITCH_SEL_RSP, LSS_S, LB_NONE, LB_NONE },
	{ LSS_IDENT_VENDOR, LSS_M, LB_VAL, LB_NONE },
	{ LSS_IDENT_PRODUCT, LSS_M, LB_VAL, LB_NONE },
	{ LSS_IDENT_REV_LOW, LSS_M, LB_VAL, LB_NONE },
	{ LSS_IDENT_REV_HIGH, LSS_M, LB_VAL, LB_NONE },
	{ LSS_IDENT_SERIAL_LOW, LSS_M, LB_VAL, LB_NONE },
	{ LSS_IDENT_SERIAL_HIGH, LSS_M, LB_VAL, LB_NONE },
	{ LSS_IDENT_NON_CONF, LSS_M, LB_NONE, LB_NONE },
	{ LSS_IDENT_SLAVE, LSS_S, LB_NONE, LB_NONE },
	{ LSS_IDENT_NON_CONF_SLAVE, LSS_S, LB_NONE, LB_NONE },
	{ LSS_FASTSCAN, LSS_M, LB_FASTSCAN, LB_NONE },
	{ LSS_INQ_VENDOR, LSS_M | LSS_S, LB_NONE, LB_VAL },
	{ LSS_INQ_PRODUCT, LSS_M | LSS_S, LB_NONE, LB_VAL },
	{ LSS_INQ_REVISION, LSS_M | LSS_S, LB_NONE, LB_VAL },
	{ LSS_INQ_SERIAL, LSS_M | LSS_S, LB_NONE, LB_VAL },
	{ LSS_INQ_NODE_ID, LSS_M | LSS_S, LB_NONE, LB_NID },
};

static const struct lss_spec *
lss_find(uint8_t cs)
{
	size_t i;

	for (i = 0; i < sizeof(lss_specs) / sizeof(lss_specs[0]); i++)
		if (lss_specs[i].cs == cs)
			return &lss_specs[i];
	return NULL;
}

static void
lss_bad(struct co_event *ev, const char *why)
{
	if (ev->status == CO_OK) {
		ev->status = CO_INVALID;
		ev->why = why;
	}
}

static void
lss_fastscan(struct co_rd *rd, struct co_ev_lss *l, struct co_event *ev)
{
	l->val = rd_le32(rd);
	l->fs_check = rd_u8(rd);
	l->fs_sub = rd_u8(rd);
	l->fs_next = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_ARG);
	if (l->fs_check > LSS_FS_BIT_MAX && l->fs_check != LSS_FS_CHECK_ALL)
		lss_bad(ev, "bit check not in 0..31 or 128");
	else if (l->fs_sub > LSS_FS_SUB_MAX || l->fs_next > LSS_FS_SUB_MAX)
		lss_bad(ev, "LSS sub/next not in 0..3");
}

static void
lss_body(struct co_rd *rd, enum lss_body b, struct co_ev_lss *l,
	 struct co_event *ev)
{
	switch (b) {
	case LB_MODE:
		l->mode = rd_u8(rd);
		ev_have(ev, rd, CO_HAS_ARG);
		if (tok_str(co_lss_modes, l->mode, NULL) == NULL)
			lss_bad(ev, "mode not 0 or 1");
		break;
	case LB_VAL:
		l->val = rd_le32(rd);
		ev_have(ev, rd, CO_HAS_ARG);
		break;
	case LB_NID:
		l->nid = rd_u8(rd);
		ev_have(ev, rd, CO_HAS_ARG);
		if ((l->nid == 0 || l->nid > LSS_NID_MAX) &&
		    l->nid != LSS_NID_UNCONF)
			lss_bad(ev, "node-id not in 1..127");
		break;
	case LB_ERR:
		l->err = rd_u8(rd);
		ev_have(ev, rd, CO_HAS_ARG);
		l->spec_err = rd_u8(rd);
		ev_have(ev, rd, CO_HAS_SPEC);
		break;
	case LB_BT:
		l->tbl_sel = rd_u8(rd);
		l->tbl_idx = rd_u8(rd);
		ev_have(ev, rd, CO_HAS_ARG);
		break;
	case LB_DELAY:
		l->delay_ms = rd_le16(rd);
		ev_have(ev, rd, CO_HAS_ARG);
		break;
	case LB_FASTSCAN:
		lss_fastscan(rd, l, ev);
		break;
	case LB_NONE:
		break;
	}
	rd_skip(rd, rd_left(rd));
}

/*
 * Byte | Meaning
 * 0    | command specifier (CiA 305; same value for request and response)
 * 1-7  | per command, see enum lss_body; unused bytes reserved
 *
 * ev->node stays 0: LSS addresses devices by identity, not node-ID.
 */
static void
lss_decode(const struct co_ctx *ctx, struct co_rd *rd, struct co_event *ev)
{
	struct co_ev_lss *l = &ev->u.lss;
	const struct lss_spec *sp;

	(void)ctx;
	ev->node = 0;
	l->master = ev->cob_id == COB_LSS_MASTER;
	l->cs = rd_u8(rd);
	ev_have(ev, rd, CO_HAS_CMD);
	sp = lss_find(l->cs);
	if (sp == NULL || !(sp->who & (l->master ? LSS_M : LSS_S))) {
		rd_skip(rd, rd_left(rd));
		lss_bad(ev, "unknown command specifier");
		return;
	}
	lss_body(rd, l->master ? sp->m_body : sp->s_body, l, ev);
}

const struct co_dissector lss_dissector = {
	.name = "lss",
	.kind = CO_EV_LSS,
	.min_len = 8,
	.max_len = 8,
	.decode = lss_decode,
};
