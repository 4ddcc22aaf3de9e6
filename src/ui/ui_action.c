/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_action.c - actions on the selected node (--active): NMT commands and
 * an SDO read/write, each confirmed on screen; the command runs in the
 * loop client's tick (frames sent without waiting, answers read from
 * the transmit socket, deadlines), never blocking the view */
#include "config.h"
#include "ui_action.h"

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "can_tx.h"
#include "cmd_act.h"
#include "co_tables.h"
#include "loop.h"
#include "net_od.h"
#include "ui_priv.h"

#define KEY_ESC 27
#define ACT_INPUT 128            /* bytes of the SDO words typed */
#define ACT_RX_MAX 256           /* frames read per tick at most */

enum act_mode { M_IDLE, M_MENU, M_INPUT, M_CONFIRM, M_RUN };

struct ui_act {
	struct can_tx *tx;           /* NULL: read-only view */
	char iface[CO_IFNAMSIZ];
	struct cmd_act *cmd;
	enum act_mode mode;
	bool write;                  /* M_INPUT: the words of a write */
	bool start;                  /* confirmed: the next tick sends */
	uint8_t node;
	char input[ACT_INPUT];
	char status[UI_LINE_LEN];
	bool status_bad;
	uint64_t status_ns;          /* when it was set; 0: no status */
	struct co_frame pend;        /* taken, not yet sent (queue full) */
	bool have_pend;
	uint64_t blocked_ns;         /* queue full since, 0: not */
};

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * UI_NS_PER_S + (uint64_t)ts.tv_nsec;
}

struct ui_act *
ui_act_open(struct can_tx *tx, const char *iface)
{
	struct ui_act *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->tx = tx;
	if (tx) {
		a->cmd = cmd_act_new();
		if (a->cmd == NULL) {
			free(a);
			return NULL;
		}
		/* nothing piles up in the socket while no answer is due */
		can_tx_rx_only(tx, -1);
		snprintf(a->iface, sizeof(a->iface), "%s", iface);
	}
	return a;
}

void
ui_act_close(struct ui_act *a)
{
	if (a == NULL)
		return;
	cmd_act_free(a->cmd);
	free(a);
}

static void __attribute__((format(printf, 3, 4)))
status(struct ui_act *a, bool bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof(a->status), fmt, ap);
	va_end(ap);
	a->status_bad = bad;
	a->status_ns = mono_ns();
}

/* The node the cursor is on: the drill-down's, or the nodes pane's. */
static uint8_t
selected_node(const struct ui *u)
{
	uint8_t ids[NET_NODES];
	int n, sel;

	if (u->detail)
		return (uint8_t)u->detail;
	if (u->pane != UI_NODES)
		return 0;
	n = ui_nodes_list(u, ids, NET_NODES);
	sel = u->sel[UI_NODES];
	if (n == 0)
		return 0;
	return ids[sel < n ? sel : n - 1];
}

int
ui_act_menu_key(struct ui *u, int key)
{
	struct ui_act *a = u->act;

	(void)key;
	if (a->tx == NULL) {
		status(a, true, "read-only view: nothing sent (start cosniff "
		       "with --active to act on nodes)");
	} else if (a->mode == M_RUN) {
		status(a, true, "node %u: %s still running; nothing sent",
		       a->node, cmd_act_label(a->cmd));
	} else if ((a->node = selected_node(u)) == 0) {
		status(a, true, "actions: select a node in the Nodes pane "
		       "(1) or its details first; nothing sent");
	} else {
		a->mode = M_MENU;
		a->status[0] = '\0';
	}
	return UI_REDRAW;
}

bool
ui_act_modal(const struct ui *u)
{
	return u->act && u->act->mode != M_IDLE && u->act->mode != M_RUN;
}

static void
cancel(struct ui_act *a)
{
	status(a, false, "node %u: %s cancelled: nothing sent", a->node,
	       a->mode == M_CONFIRM ? cmd_act_label(a->cmd) :
	       a->mode == M_INPUT ? (a->write ? "SDO write" : "SDO read") :
	       "menu");
	a->mode = M_IDLE;
}

static int
menu_key(struct ui_act *a, int key)
{
	static const struct { int key; uint8_t cs; } nmt[] = {
		{ 's', NMT_CS_START }, { 'o', NMT_CS_STOP },
		{ 'p', NMT_CS_PREOP }, { 'n', NMT_CS_RESET_NODE },
		{ 'c', NMT_CS_RESET_COMM },
	};
	size_t i;

	for (i = 0; i < sizeof(nmt) / sizeof(nmt[0]); i++)
		if (key == nmt[i].key) {
			cmd_act_nmt(a->cmd, a->node, nmt[i].cs);
			a->mode = M_CONFIRM;
			return UI_REDRAW;
		}
	if (key == 'r' || key == 'w') {
		a->write = key == 'w';
		a->input[0] = '\0';
		a->mode = M_INPUT;
		return UI_REDRAW;
	}
	cancel(a);
	return UI_REDRAW;
}

static void
input_done(struct ui *u, struct ui_act *a)
{
	const struct od *od = u->net->od ? u->net->od->od[a->node] : NULL;
	char err[UI_LINE_LEN];

	if (cmd_act_sdo(a->cmd, a->node, a->write, a->input, od, 0, err,
			sizeof(err)) != 0) {
		a->mode = M_IDLE;
		status(a, true, "SDO %s '%s': %s; nothing sent",
		       a->write ? "write" : "read", a->input, err);
		return;
	}
	a->mode = M_CONFIRM;
}

static int
input_key(struct ui *u, struct ui_act *a, int key)
{
	size_t n = strlen(a->input);

	if (key == KEY_ESC)
		cancel(a);
	else if (key == '\r' || key == '\n' || key == KEY_ENTER)
		input_done(u, a);
	else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (n)
			a->input[n - 1] = '\0';
	} else if (key >= 0x20 && key < 0x7F && n + 1 < sizeof(a->input)) {
		a->input[n] = (char)key;
		a->input[n + 1] = '\0';
	}
	return UI_REDRAW;
}

int
ui_act_key(struct ui *u, int key)
{
	struct ui_act *a = u->act;

	if (key == KEY_RESIZE)
		return UI_RESIZE;
	switch (a->mode) {
	case M_MENU:
		return menu_key(a, key);
	case M_INPUT:
		return input_key(u, a, key);
	case M_CONFIRM:
		if (key == 'y' || key == 'Y' || key == '\r' || key == '\n' ||
		    key == KEY_ENTER) {
			a->mode = M_RUN;
			a->start = true;
			status(a, false, "node %u: %s: sending",
			       a->node, cmd_act_label(a->cmd));
		} else {
			cancel(a);
		}
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

/* ---- running: the loop client's tick ---- */

/* The result as a line of the trace, in the printer's shape. */
static void
trace_line(struct ui *u, struct ui_act *a)
{
	char line[UI_LINE_LEN];
	struct timespec ts;
	int n;

	clock_gettime(CLOCK_REALTIME, &ts);
	n = snprintf(line, sizeof(line), "%lld.%06ld %s --- ACT  node=%u "
		     "%s -> %s", (long long)ts.tv_sec, ts.tv_nsec / 1000,
		     a->iface, a->node, cmd_act_label(a->cmd),
		     cmd_act_result(a->cmd));
	if (n < 0)
		return;
	ui_trace_add_text(&u->trace, a->node, line, (size_t)n);
}

/* Sending failed: nothing more goes out for this action. */
static void
send_failed(struct ui_act *a, const char *why)
{
	struct co_frame f;

	cmd_act_fail(a->cmd, why);
	a->have_pend = false;
	while (cmd_act_pop(a->cmd, &f))
		;
}

/* Send what is queued; a full queue is tried again at the next tick, for
 * CAN_TX_BACKOFF_MS at most. */
static void
send_queued(struct ui_act *a, uint64_t now_ns)
{
	const char *why = NULL;
	int rc;

	for (;;) {
		if (!a->have_pend && !cmd_act_pop(a->cmd, &a->pend))
			return;
		a->have_pend = true;
		rc = can_tx_try_send(a->tx, &a->pend, &why);
		if (rc == 0) {
			a->have_pend = false;
			a->blocked_ns = 0;
			continue;
		}
		if (rc < 0) {
			send_failed(a, why);
		} else if (a->blocked_ns == 0) {
			a->blocked_ns = now_ns;
		} else if (now_ns - a->blocked_ns >=
			   CAN_TX_BACKOFF_MS * 1000000ull) {
			send_failed(a, "transmit queue stayed full");
			a->blocked_ns = 0;
		}
		return;
	}
}

static void
receive(struct ui_act *a, uint64_t now_us)
{
	const char *why = NULL;
	struct co_frame f;
	int i, rc;

	for (i = 0; i < ACT_RX_MAX; i++) {
		if (cmd_act_state(a->cmd) != CMD_ACT_BUSY)
			return;
		rc = can_tx_recv(a->tx, &f, 0, &why);
		if (rc == 0)
			return;
		if (rc < 0) {
			send_failed(a, why);
			return;
		}
		if (!(f.flags & CO_F_ERR))
			cmd_act_rx(a->cmd, &f, now_us);
	}
}

static void
run(struct ui *u, struct ui_act *a, uint64_t now_ns)
{
	uint64_t now_us = now_ns / 1000;
	enum cmd_act_state st;

	if (a->start) {
		a->start = false;
		if (can_tx_rx_only(a->tx, cmd_act_rsp_cob(a->cmd)) != 0)
			send_failed(a, strerror(errno));
		else
			cmd_act_start(a->cmd, now_us);
	}
	send_queued(a, now_ns);
	receive(a, now_us);
	cmd_act_tick(a->cmd, now_us);
	send_queued(a, now_ns);         /* an abort after a timeout */
	st = cmd_act_state(a->cmd);
	if (st == CMD_ACT_BUSY || a->have_pend)
		return;
	can_tx_rx_only(a->tx, -1);
	a->mode = M_IDLE;
	status(a, st == CMD_ACT_FAILED, "node %u: %s -> %s", a->node,
	       cmd_act_label(a->cmd), cmd_act_result(a->cmd));
	trace_line(u, a);
	u->dirty = true;
	u->last_draw_ns = 0;
}

uint64_t
ui_act_tick(struct ui *u, uint64_t now_ns)
{
	struct ui_act *a = u->act;

	if (a == NULL)
		return LOOP_NEVER;
	if (a->mode == M_RUN)
		run(u, a, now_ns);
	if (a->mode == M_RUN)
		return now_ns + UI_ACT_POLL_NS;
	if (a->status_ns && now_ns >= a->status_ns + UI_ACT_STATUS_NS) {
		a->status_ns = 0;
		a->status[0] = '\0';
		u->dirty = true;
	}
	return a->status_ns ? a->status_ns + UI_ACT_STATUS_NS : LOOP_NEVER;
}

/* ---- the bottom lines ---- */

static void
line(struct ui *u, int y, int attr, const char *s)
{
	move(y, 0);
	clrtoeol();
	ui_put(u, y, 0, COLS, attr, s);
}

void
ui_act_draw(struct ui *u)
{
	struct ui_act *a = u->act;
	char b[UI_LINE_LEN + ACT_INPUT];
	const char *nm;

	if (a == NULL || LINES < 10)
		return;
	switch (a->mode) {
	case M_MENU:
		snprintf(b, sizeof(b), "node %u on %s: s start  o stop  "
			 "p preop  n reset node  c reset comm  r SDO read  "
			 "w SDO write  (other key: cancel)", a->node,
			 a->iface);
		line(u, LINES - 1, A_REVERSE, b);
		return;
	case M_INPUT:
		line(u, LINES - 2, 0, a->write ?
		     "INDEX SUB [TYPE] VALUE, e.g. 0x2006 0 i16 -123 (type "
		     "from the EDS/DCF if loaded); Enter, Esc: cancel" :
		     "INDEX SUB [TYPE], e.g. 0x1017 0 u16 (type from the "
		     "EDS/DCF if loaded, else hex); Enter, Esc: cancel");
		snprintf(b, sizeof(b), "SDO %s node %u: %s_",
			 a->write ? "write" : "read", a->node, a->input);
		line(u, LINES - 1, A_REVERSE, b);
		return;
	case M_CONFIRM:
		nm = ui_node_name(u, a->node);
		snprintf(b, sizeof(b), "send on %s to node %u%s%s%s: %s",
			 a->iface, a->node, nm[0] ? " \"" : "", nm,
			 nm[0] ? "\"" : "", cmd_act_what(a->cmd));
		line(u, LINES - 2, ui_attr_warn(u), b);
		line(u, LINES - 1, A_REVERSE, "Send it? y/Enter: send, "
		     "any other key: cancel");
		return;
	default:
		break;
	}
	if (a->status[0])
		line(u, LINES - 2, a->status_bad ? ui_attr_bad(u) :
		     ui_attr_ok(u), a->status);
}
