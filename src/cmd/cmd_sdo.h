/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_sdo.h - CiA 301 SDO client: expedited, segmented and block transfers
 * in both directions as a pure state machine driven by frames and time */
#ifndef COSNIFF_CMD_SDO_H
#define COSNIFF_CMD_SDO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd_build.h"
#include "frame.h"

#define SDO_CLI_MAX_BYTES (16u << 20)   /* largest upload kept */
#define SDO_CLI_TIMEOUT_MS 1000          /* default */
#define SDO_CLI_BLKSIZE 127              /* default block size */

/* How a transfer is made.  AUTO: expedited up to 4 bytes, else
 * segmented; the server picks for uploads.  BLOCK falls back to
 * segmented when the server aborts the block initiate (declines). */
enum sdo_mode { SDO_MODE_AUTO, SDO_MODE_EXP, SDO_MODE_SEG, SDO_MODE_BLOCK };

struct sdo_cli_cfg {
	uint32_t cob_req;       /* client -> server, 0x600 + node */
	uint32_t cob_rsp;       /* server -> client, 0x580 + node */
	uint32_t timeout_ms;    /* per step; 0: SDO_CLI_TIMEOUT_MS */
	uint8_t blksize;        /* block size asked for uploads (1..127) */
	uint8_t pst;            /* protocol switch threshold (block upload) */
	bool no_crc;            /* do not offer CRC in block transfers */
};

enum sdo_cli_rc {
	SDO_CLI_BUSY,           /* running: send what sdo_cli_pop() gives */
	SDO_CLI_DONE,           /* finished; uploads: data in buf/len */
	SDO_CLI_ABORTED,        /* abort code in .abort (.by_server) */
};

/* How the transfer actually went, for reports. */
enum sdo_cli_how { SDO_HOW_NONE, SDO_HOW_EXP, SDO_HOW_SEG, SDO_HOW_BLOCK };

struct sdo_cli {
	struct sdo_cli_cfg cfg;
	int state;              /* private: enum in sdo_client.c */
	bool upload;
	enum sdo_mode mode;
	enum sdo_cli_how how;
	bool fell_back;         /* block declined, done segmented */
	uint16_t index;
	uint8_t sub;
	uint8_t *buf;           /* owned; uploads: the data */
	size_t len, cap;
	size_t pos;             /* download: bytes confirmed / sent */
	bool toggle;
	bool size_known;
	uint32_t size;          /* size indicated by the server */
	uint64_t deadline_us;
	uint32_t abort;         /* with SDO_CLI_ABORTED */
	bool by_server;         /* the server aborted (else we did) */
	bool crc;               /* block: CRC used by both sides */
	uint8_t blksize;        /* block download: server's; upload: ours */
	uint8_t seq, nseg;      /* block: last good seq, segments this block */
	bool last_seen;         /* block: the c bit was sent / received */
	size_t blk_start;       /* block download: first byte of sub-block */
	struct cmd_outq out;     /* frames to send */
};

/* Zero *c and take the configuration (defaults filled in). */
void sdo_cli_init(struct sdo_cli *c, const struct sdo_cli_cfg *cfg);

/*
 * Start a transfer at now_us; frames to send are queued (sdo_cli_pop).
 * Download copies p[0..n).  0, or -1 with errno: EINVAL (expedited with
 * 0 or more than 4 bytes, a transfer is running), ENOMEM.
 */
int sdo_cli_upload(struct sdo_cli *c, uint16_t index, uint8_t sub,
		   enum sdo_mode mode, uint64_t now_us);
int sdo_cli_download(struct sdo_cli *c, uint16_t index, uint8_t sub,
		     const uint8_t *p, size_t n, enum sdo_mode mode,
		     uint64_t now_us);

/* A received frame; frames not on cfg.cob_rsp are ignored (BUSY). */
enum sdo_cli_rc sdo_cli_rx(struct sdo_cli *c, const struct co_frame *f,
			   uint64_t now_us);
/* Time passes: past the deadline the transfer is aborted (0x05040000)
 * and the abort frame queued. */
enum sdo_cli_rc sdo_cli_tick(struct sdo_cli *c, uint64_t now_us);

/* Take the next frame to send; false when none is queued. */
bool sdo_cli_pop(struct sdo_cli *c, struct co_frame *f);

/* Free the buffer (the struct may be reused after sdo_cli_init). */
void sdo_cli_free(struct sdo_cli *c);

#endif
