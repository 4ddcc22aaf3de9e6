/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_io.c - frames in and out for the active subcommands: every frame is
 * traced through the normal pipe (ours marked sent), SDO transfers are run
 * to their end, results become CiA 309-3 answers */
#include "config.h"
#include "cmd_io.h"

#include <errno.h>
#include <string.h>

#include "cmd_ascii.h"
#include "cmd_build.h"
#include "co_tables.h"

int
cmd_send(struct cmd *c, const struct co_frame *f)
{
	const char *why = NULL;

	if (c->fatal)
		return -1;
	if (can_tx_send(c->tx, f, &why) == 0)
		return 0;
	/* a queue that stayed full is an overflow, the rest bus off or
	 * down (CiA 309-3 301, 303) */
	c->fatal_err = errno == ENOBUFS ? CMD_ERR_OVERFLOW : CMD_ERR_BUS_OFF;
	c->fatal = why;
	return -1;
}

static void
trace(struct cmd *c, struct co_frame *f)
{
	if (c->log_rxtx)
		f->flags |= CO_F_DIR_MARK;
	pipe_frame(&c->pipe, f);
	if (c->trace)
		pipe_flush_consumers(&c->pipe);
}

int
cmd_recv(struct cmd *c, struct co_frame *f, uint64_t deadline_us)
{
	const char *why = NULL;
	uint64_t now;
	int rc;

	for (;;) {
		if (c->fatal)
			return -1;
		now = can_tx_now_us();
		rc = can_tx_recv(c->tx, f, now >= deadline_us ? 0 :
				 (int)((deadline_us - now + 999) / 1000), &why);
		if (rc < 0) {
			c->fatal_err = CMD_ERR_BUS_OFF;
			c->fatal = why;
			return -1;
		}
		if (rc == 1) {
			trace(c, f);
			return 1;
		}
		if (can_tx_now_us() >= deadline_us)
			return 0;
	}
}

void
cmd_drain(struct cmd *c)
{
	struct co_frame f;
	uint64_t end = can_tx_now_us() + CMD_TRACE_DRAIN_MS * 1000u;

	while (cmd_recv(c, &f, end) == 1)
		;
}

void
cmd_sdo_cfg(struct cmd *c, uint8_t node, struct sdo_cli_cfg *cfg)
{
	*cfg = c->cfg;
	cfg->timeout_ms = c->timeout_ms;
	cfg->cob_req = c->cob_req ? c->cob_req : COB_SDO_RX + node;
	cfg->cob_rsp = c->cob_rsp ? c->cob_rsp : COB_SDO_TX + node;
}

static bool
send_queued(struct cmd *c, struct sdo_cli *s)
{
	struct co_frame f;

	while (sdo_cli_pop(s, &f))
		if (cmd_send(c, &f) != 0)
			return false;
	return true;
}

uint32_t
cmd_sdo_run(struct cmd *c, struct sdo_cli *s)
{
	enum sdo_cli_rc rc = SDO_CLI_BUSY;
	struct co_frame f;
	int r;

	for (;;) {
		if (!send_queued(c, s))
			return c->fatal_err;
		if (rc == SDO_CLI_DONE)
			return 0;
		if (rc == SDO_CLI_ABORTED)
			return s->abort;
		r = cmd_recv(c, &f, s->deadline_us);
		if (r < 0)
			return c->fatal_err;
		if (r == 1)
			rc = sdo_cli_rx(s, &f, can_tx_now_us());
		else
			rc = sdo_cli_tick(s, can_tx_now_us());
	}
}

void
cmd_print_error(FILE *fp, uint32_t code)
{
	const char *t;

	if (code >= 0x01000000u) {
		t = tok_str(co_sdo_aborts, code, "unknown abort code");
		fprintf(fp, "ERROR:0x%08X #%s", code, t);
		return;
	}
	t = cmd_err_text(code);
	fprintf(fp, "ERROR:%u #%s", code, t ? t : "error");
}
