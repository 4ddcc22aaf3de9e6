/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_action.h - actions on the selected node (--active): a menu, the SDO
 * words typed, a confirmation on screen, then the command run by the
 * view's loop client without ever blocking it */
#ifndef COSNIFF_UI_ACTION_H
#define COSNIFF_UI_ACTION_H

#include <stdbool.h>
#include <stdint.h>

struct ui;
struct ui_act;
struct can_tx;

#define UI_ACT_STATUS_NS 15000000000ull  /* a result stays 15 s */
#define UI_ACT_POLL_NS 1000000ull        /* answers looked for every ms */

/* tx NULL: a read-only view (an action key says so, nothing is sent);
 * else the socket on iface the commands go out on.  NULL: no memory. */
struct ui_act *ui_act_open(struct can_tx *tx, const char *iface);
void ui_act_close(struct ui_act *a);

/* The 'a' key: open the menu for the selected node. */
int ui_act_menu_key(struct ui *u, int key);
/* A menu, a prompt or a confirmation is open: every key goes to it. */
bool ui_act_modal(const struct ui *u);
int ui_act_key(struct ui *u, int key);
/* The loop client's tick: send, receive, deadlines.  The next time it
 * wants to run (UINT64_MAX: none). */
uint64_t ui_act_tick(struct ui *u, uint64_t now_ns);
/* The bottom lines: menu, prompt, confirmation, status. */
void ui_act_draw(struct ui *u);

#endif
