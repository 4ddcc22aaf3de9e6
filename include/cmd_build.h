/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_build.h - CiA 301 frame builders for active commands and the
 * simulator: NMT, SYNC, heartbeat, guarding, EMCY and every SDO frame
 * (pure functions: they fill a struct co_frame and send nothing) */
#ifndef COSNIFF_CMD_BUILD_H
#define COSNIFF_CMD_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"

/* Predefined connection set (CiA 301 7.3.5). */
#define COB_NMT 0x000u
#define COB_SYNC 0x080u
#define COB_EMCY 0x080u
#define COB_SDO_TX 0x580u         /* server -> client, + node */
#define COB_SDO_RX 0x600u         /* client -> server, + node */
#define COB_NMT_EC 0x700u         /* heartbeat, boot-up, guarding */

/* SDO byte 0: command specifier in bits 5-7 (CiA 301 7.2.4.3). */
#define SDO_CS_SHIFT 5
#define SDO_CCS_DL_SEG 0
#define SDO_CCS_INIT_DL 1
#define SDO_CCS_INIT_UL 2
#define SDO_CCS_UL_SEG 3
#define SDO_CS_ABORT 4
#define SDO_CCS_BLK_UL 5
#define SDO_CCS_BLK_DL 6
#define SDO_SCS_UL_SEG 0
#define SDO_SCS_DL_SEG 1
#define SDO_SCS_INIT_UL 2
#define SDO_SCS_INIT_DL 3
#define SDO_SCS_BLK_DL 5
#define SDO_SCS_BLK_UL 6

/* Bits of byte 0. */
#define SDO_B_TOGGLE 0x10u        /* segment: t */
#define SDO_B_LAST 0x01u          /* segment: c (no more segments) */
#define SDO_B_EXP 0x02u           /* initiate: e */
#define SDO_B_SIZE 0x01u          /* initiate: s */
#define SDO_B_BLK_CRC 0x04u       /* block initiate: cc / sc */
#define SDO_B_BLK_SIZE 0x02u      /* block initiate: s */
#define SDO_B_BLK_LAST 0x80u      /* sub-block segment: c */
#define SDO_BLK_SEQ_MASK 0x7Fu    /* sub-block segment: seqno */
#define SDO_B_SUB 0x03u           /* block: cs / ss */
#define SDO_B_SUB1 0x01u          /* block download req / upload rsp */
#define SDO_BLK_SS_INIT 0
#define SDO_BLK_SS_END 1
#define SDO_BLK_SS_ACK 2
#define SDO_BLK_SS_START 3

/* Abort codes used by the client and the server (CiA 301 7.2.4.3.17). */
#define SDO_AB_TOGGLE 0x05030000u
#define SDO_AB_TIMEOUT 0x05040000u
#define SDO_AB_CS 0x05040001u
#define SDO_AB_BLKSIZE 0x05040002u
#define SDO_AB_SEQNO 0x05040003u
#define SDO_AB_CRC 0x05040004u
#define SDO_AB_NO_MEM 0x05040005u
#define SDO_AB_UNSUPP 0x06010000u
#define SDO_AB_WRITE_ONLY 0x06010001u
#define SDO_AB_READ_ONLY 0x06010002u
#define SDO_AB_NO_OBJ 0x06020000u
#define SDO_AB_NO_MAP 0x06040041u
#define SDO_AB_LEN 0x06070010u
#define SDO_AB_LEN_HIGH 0x06070012u
#define SDO_AB_LEN_LOW 0x06070013u
#define SDO_AB_NO_SUB 0x06090011u
#define SDO_AB_RANGE 0x06090030u
#define SDO_AB_GENERAL 0x08000000u
#define SDO_AB_STATE 0x08000022u

#define SDO_EXP_MAX 4             /* bytes in an expedited transfer */
#define SDO_SEG_MAX 7             /* bytes per segment */

/* A classic data frame id/len, zero data. */
void cmd_frame(struct co_frame *f, uint32_t id, uint8_t len);

/* NMT module control to node (0 = all nodes): 000#CS.NN */
void cmd_nmt(struct co_frame *f, uint8_t cs, uint8_t node);
/* Node guarding request: RTR on 0x700 + node, length 1. */
void cmd_guard_rtr(struct co_frame *f, uint8_t node);
/* SYNC on cob; counter < 0: no data byte. */
void cmd_sync(struct co_frame *f, uint32_t cob, int counter);
/* Heartbeat, boot-up (state 0) or guarding answer (state | toggle). */
void cmd_hb(struct co_frame *f, uint8_t node, uint8_t state);
/* EMCY: code, error register, 5 manufacturer bytes (NULL: zero). */
void cmd_emcy(struct co_frame *f, uint32_t cob, uint16_t code, uint8_t reg,
	      const uint8_t *msef);

/* An SDO frame with a multiplexer: byte 0, index, sub, 4 bytes of d. */
void cmd_sdo_mux(struct co_frame *f, uint32_t cob, uint8_t b0,
		 uint16_t index, uint8_t sub, uint32_t d);
void cmd_sdo_abort(struct co_frame *f, uint32_t cob, uint16_t index,
		   uint8_t sub, uint32_t code);

/* Client requests. */
/* Initiate download: expedited when n <= 4 and exp, else size n. */
void cmd_sdo_init_dl(struct co_frame *f, uint32_t cob, uint16_t index,
		     uint8_t sub, const uint8_t *p, size_t n, bool exp);
void cmd_sdo_init_ul(struct co_frame *f, uint32_t cob, uint16_t index,
		     uint8_t sub);
void cmd_sdo_ul_seg_req(struct co_frame *f, uint32_t cob, bool toggle);
void cmd_sdo_blk_dl_init(struct co_frame *f, uint32_t cob, uint16_t index,
			 uint8_t sub, uint32_t size, bool crc);
void cmd_sdo_blk_ul_init(struct co_frame *f, uint32_t cob, uint16_t index,
			 uint8_t sub, uint8_t blksize, uint8_t pst,
			 bool crc);
void cmd_sdo_blk_ul_start(struct co_frame *f, uint32_t cob);

/* Server responses. */
void cmd_sdo_init_dl_rsp(struct co_frame *f, uint32_t cob, uint16_t index,
			 uint8_t sub);
void cmd_sdo_dl_seg_rsp(struct co_frame *f, uint32_t cob, bool toggle);
/* Initiate upload response: expedited when n <= 4, else size n. */
void cmd_sdo_init_ul_rsp(struct co_frame *f, uint32_t cob, uint16_t index,
			 uint8_t sub, const uint8_t *p, size_t n);
void cmd_sdo_blk_dl_init_rsp(struct co_frame *f, uint32_t cob,
			     uint16_t index, uint8_t sub, uint8_t blksize,
			     bool crc);
void cmd_sdo_blk_ul_init_rsp(struct co_frame *f, uint32_t cob,
			     uint16_t index, uint8_t sub, uint32_t size,
			     bool crc);

/* Both directions (the bytes are the same for client and server). */
/* Download or upload segment: t, 7 - n unused bytes, c. */
void cmd_sdo_seg(struct co_frame *f, uint32_t cob, bool toggle,
		 const uint8_t *p, size_t n, bool last);
/* Sub-block segment seq (1..127), n bytes, c = last of the transfer. */
void cmd_sdo_blk_seg(struct co_frame *f, uint32_t cob, uint8_t seq,
		     const uint8_t *p, size_t n, bool last);
/* Block ack (download: server; upload: client). */
void cmd_sdo_blk_ack(struct co_frame *f, uint32_t cob, uint8_t ackseq,
		     uint8_t blksize);
/* Block end (download: client; upload: server): unused bytes, CRC. */
void cmd_sdo_blk_end(struct co_frame *f, uint32_t cob, uint8_t unused,
		     uint16_t crc);
/* Block end response (download: server; upload: client). */
void cmd_sdo_blk_end_rsp(struct co_frame *f, uint32_t cob);

/*
 * One SDO frame taken apart (through rd.h): byte 0, its command
 * specifier, the multiplexer and the 4-byte field of initiate frames, and
 * bytes 1..7 for segments.  false when the frame is not 8 bytes long (the
 * caller aborts or ignores it).
 */
struct sdo_msg {
	uint8_t b0, cs;
	uint16_t index;
	uint8_t sub;
	uint32_t d;               /* bytes 4-7, little-endian */
	uint8_t seg[SDO_SEG_MAX]; /* bytes 1-7 */
};
bool cmd_sdo_parse(const struct co_frame *f, struct sdo_msg *m);

/* A FIFO of frames to send: a whole SDO sub-block fits. */
#define CMD_OUTQ_MAX 130
struct cmd_outq {
	struct co_frame f[CMD_OUTQ_MAX];
	int head, n;
};
/* The slot for the next frame (when full, the newest is overwritten). */
struct co_frame *cmd_outq_push(struct cmd_outq *q);
/* Take the oldest frame; false when empty. */
bool cmd_outq_pop(struct cmd_outq *q, struct co_frame *f);

#endif
