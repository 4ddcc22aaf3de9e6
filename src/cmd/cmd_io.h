/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_io.h - what the active subcommands share: the interface, the trace
 * of every frame (ours marked as sent), SDO transfers run to the end */
#ifndef COSNIFF_CMD_IO_H
#define COSNIFF_CMD_IO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "can_tx.h"
#include "consumer.h"
#include "cmd_sdo.h"
#include "eds.h"
#include "net.h"
#include "pipe.h"

#define CMD_TRACE_DRAIN_MS 20   /* wait for our last frames to loop back */

struct cmd {
	const char *iface;
	struct can_tx *tx;
	bool trace;             /* --trace / --json: frames on stderr */
	bool log_rxtx;          /* -W logs mark R/T */
	struct pipe pipe;
	struct co_printer printer;  /* the trace on stderr */
	struct co_net *net;     /* the trace's model */
	struct od *od[128];     /* --eds N=FILE */
	int node;               /* default node, -1: none */
	uint32_t timeout_ms;    /* SDO timeout */
	enum sdo_mode mode;
	struct sdo_cli_cfg cfg; /* blksize, pst, CRC; COB-IDs below */
	uint32_t cob_req, cob_rsp;  /* --sdo-cob; 0: 0x600/0x580 + node */
	const char *fatal;      /* an interface error ended the work */
	uint16_t fatal_err;     /* its CiA 309-3 code (301 bus off, 303) */
};

/* Send one frame; -1 after an error (c->fatal says which). */
int cmd_send(struct cmd *c, const struct co_frame *f);
/* Wait until deadline_us for a frame (traced).  1, 0 at the deadline,
 * -1 on an interface error (c->fatal). */
int cmd_recv(struct cmd *c, struct co_frame *f, uint64_t deadline_us);
/* Let our last frames loop back into the trace. */
void cmd_drain(struct cmd *c);

/* Result of a transfer or command: 0, an SDO abort code (>= 0x05000000)
 * or a CiA 309-3 error code (CMD_ERR_*). */
void cmd_sdo_cfg(struct cmd *c, uint8_t node, struct sdo_cli_cfg *cfg);
uint32_t cmd_sdo_run(struct cmd *c, struct sdo_cli *s);

/* Print "ERROR:<code> #<text>" for a result code (no newline). */
void cmd_print_error(FILE *fp, uint32_t code);

/* The subcommands beside 'cmd' (scan.c). */
int cmd_scan(struct cmd *c, int lo, int hi, uint32_t gap_ms);
int cmd_guard(struct cmd *c, const uint8_t *nodes, int n,
	      uint32_t guard_ms, uint32_t factor, uint32_t time_ms);

#endif
