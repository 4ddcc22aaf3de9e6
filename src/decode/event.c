/* SPDX-License-Identifier: GPL-2.0-or-later */
/* event.c - event kind names shared by the text and JSON printers */
#include "config.h"
#include "event.h"

#include <stddef.h>

static const char *const kind_names[CO_EV__COUNT] = {
	[CO_EV_UNKNOWN] = "unknown",
	[CO_EV_ERROR_FRAME] = "error_frame",
	[CO_EV_NMT] = "nmt",
	[CO_EV_SYNC] = "sync",
	[CO_EV_TIME] = "time",
	[CO_EV_EMCY] = "emcy",
	[CO_EV_BOOTUP] = "bootup",
	[CO_EV_HEARTBEAT] = "heartbeat",
	[CO_EV_GUARD_REQ] = "guard_request",
	[CO_EV_GUARD_RSP] = "guard_response",
	[CO_EV_SDO] = "sdo",
	[CO_EV_PDO] = "pdo",
	[CO_EV_LSS] = "lss",
	[CO_EV_DROP] = "drop",
	[CO_EV_SDO_XFER] = "sdo_transfer",
	[CO_EV_NODE_STATE] = "node_state",
	[CO_EV_HB_TIMEOUT] = "heartbeat_timeout",
	[CO_EV_HB_RECOVER] = "heartbeat_recovered",
	[CO_EV_NODE_MISSING] = "node_missing",
	[CO_EV_GUARD_TOGGLE] = "guard_toggle_error",
	[CO_EV_CONFIG] = "config",
	[CO_EV_NOTE] = "note",
	[CO_EV_LINK] = "link",
	[CO_EV_LINK_STATE] = "link_state",
	[CO_EV_LINK_LOST] = "link_lost",
	[CO_EV_FINDING] = "finding",
};

const char *
co_ev_kind_name(enum co_ev_kind k)
{
	if ((unsigned)k >= CO_EV__COUNT || kind_names[k] == NULL)
		return "unknown";
	return kind_names[k];
}

bool
co_ev_from_node(const struct co_event *ev)
{
	if (ev->frame == NULL || ev->status != CO_OK)
		return false;
	switch (ev->kind) {
	case CO_EV_BOOTUP:
	case CO_EV_HEARTBEAT:
	case CO_EV_GUARD_RSP:
	case CO_EV_EMCY:
		return true;
	case CO_EV_SDO:
		return ev->u.sdo.dir == SDO_S2C;
	case CO_EV_PDO:
		return !ev->u.pdo.rx && !ev->u.pdo.rtr;
	default:
		return false;
	}
}
