/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_act.h - one active command for the full-screen view: NMT or an SDO
 * read/write on a node, prepared from CiA 309-3 words, then run as a
 * non-blocking state machine fed with frames and the clock (sends nothing
 * itself: the caller takes the frames and transmits them) */
#ifndef COSNIFF_CMD_ACT_H
#define COSNIFF_CMD_ACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"

#define CMD_ACT_TEXT 160        /* bytes of the what/result texts */

struct od;
struct cmd_act;

enum cmd_act_state {
	CMD_ACT_READY,          /* prepared, nothing sent */
	CMD_ACT_BUSY,           /* started: send what cmd_act_pop() gives */
	CMD_ACT_DONE,           /* result: a value or "OK" */
	CMD_ACT_FAILED,         /* result: "ERROR:<code> #<text>" */
};

struct cmd_act *cmd_act_new(void);
void cmd_act_free(struct cmd_act *a);

/* Prepare NMT command cs (NMT_CS_*) for node (0: all nodes). */
void cmd_act_nmt(struct cmd_act *a, uint8_t node, uint8_t cs);

/*
 * Prepare an SDO read (write false) of node from "INDEX SUB [TYPE]", or a
 * write from "INDEX SUB [TYPE] VALUE" (the words of CiA 309-3 after r/w:
 * INDEX a number in C syntax or an object name of od, the type from od
 * when not given, else hex bytes).  timeout_ms 0: the default.  0, or -1
 * with the reason in err.
 */
int cmd_act_sdo(struct cmd_act *a, uint8_t node, bool write,
		const char *words, const struct od *od, uint32_t timeout_ms,
		char *err, size_t errlen);

/* What will be sent, for a confirmation: "NMT start: 000#0105",
 * "SDO read 1017:00 u16: 605#4017100000000000". */
const char *cmd_act_what(const struct cmd_act *a);
/* The same without the frame: "NMT start", "SDO read 1017:00 u16". */
const char *cmd_act_label(const struct cmd_act *a);
/* The node it is for. */
uint8_t cmd_act_node(const struct cmd_act *a);
/* The COB-ID answers come on; -1 when none are awaited (NMT). */
int32_t cmd_act_rsp_cob(const struct cmd_act *a);

/* Start at now_us (monotonic): the frames to send are queued. */
void cmd_act_start(struct cmd_act *a, uint64_t now_us);
/* The next frame to send; false when none is queued. */
bool cmd_act_pop(struct cmd_act *a, struct co_frame *f);
/* A received frame (others than the answers are ignored). */
enum cmd_act_state cmd_act_rx(struct cmd_act *a, const struct co_frame *f,
			      uint64_t now_us);
/* Time passes: a silent server times the transfer out (and the abort
 * frame is queued). */
enum cmd_act_state cmd_act_tick(struct cmd_act *a, uint64_t now_us);
/* Sending failed: the action ends with CiA 309-3 error 301 and why. */
void cmd_act_fail(struct cmd_act *a, const char *why);

enum cmd_act_state cmd_act_state(const struct cmd_act *a);
/* "1000", "\"text\"", "OK", "ERROR:0x06020000 #object does not exist
 * ..." (long values cut with "..."). */
const char *cmd_act_result(const struct cmd_act *a);

#endif
