/* SPDX-License-Identifier: GPL-2.0-or-later */
/* msgring.h - messages for the user kept in a ring while a full-screen
 * view owns the terminal (stderr would corrupt the screen); the view
 * shows them, main prints them after the screen is restored */
#ifndef COSNIFF_MSGRING_H
#define COSNIFF_MSGRING_H

#include <stdint.h>
#include <stdio.h>

#define MSGRING_MAX 64        /* messages kept; older ones are dropped */
#define MSGRING_LEN 256       /* bytes per message, longer ones cut */

struct msgring {
	char msg[MSGRING_MAX][MSGRING_LEN];
	unsigned head;        /* next slot written */
	unsigned count;       /* messages kept (<= MSGRING_MAX) */
	uint64_t total;       /* messages ever added */
};

void msgring_init(struct msgring *r);
/* Add one message line as stderr would show it, without newline
 * ("cosniff: vcan0: interface down; ...", "trace.log:12: bad id"). */
void msgring_add(struct msgring *r, const char *msg);
/* The i-th kept message, 0 = oldest; NULL past the end. */
const char *msgring_get(const struct msgring *r, unsigned i);
/* Messages that fell off the ring. */
uint64_t msgring_lost(const struct msgring *r);
/* Print every kept message as a line (after endwin), then forget
 * them. */
void msgring_print(struct msgring *r, FILE *fp);

#endif
