/* SPDX-License-Identifier: GPL-2.0-or-later */
/* frame.h - one CAN frame as every source produces and every sink consumes
 * (Linux SocketCAN struct can_frame / canfd_frame, plus capture metadata) */
#ifndef COSNIFF_FRAME_H
#define COSNIFF_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#define CO_SFF_MASK 0x000007FFu   /* 11-bit identifier */
#define CO_EFF_MASK 0x1FFFFFFFu   /* 29-bit identifier */
#define CO_ERR_MASK 0x1FFFFFFFu   /* error class bits of an error frame id */
#define CO_CAN_MAX_DLEN 8
#define CO_FD_MAX_DLEN 64
#define CO_IFNAMSIZ 16

/* Bits of co_frame.flags. */
#define CO_F_EFF    0x0001u  /* 29-bit identifier */
#define CO_F_RTR    0x0002u  /* remote frame; len is the requested length */
#define CO_F_ERR    0x0004u  /* error frame (CAN_ERR_FLAG); id holds classes */
#define CO_F_FD     0x0008u  /* CAN FD frame; fd_flags holds BRS/ESI/FDF */
#define CO_F_TX     0x0010u  /* sent by us (MSG_DONTROUTE / candump ' T') */
#define CO_F_DIR_MARK 0x0020u /* direction recorded: -W writes ' R'/' T' */

/* CAN FD flags byte, as in linux/can.h struct canfd_frame.flags. */
#define CO_FD_BRS 0x01u
#define CO_FD_ESI 0x02u
#define CO_FD_FDF 0x04u

/*
 * A CAN frame with capture metadata.  Plain data: copy it freely.
 * len is the payload length in bytes (classic 0..8, FD 0..64); for a remote
 * frame it is the requested length and data[] is unused.  raw_dlc keeps a
 * classic frame's DLC 9..15 (len is then 8); it is 0 otherwise.
 */
struct co_frame {
	uint64_t ts_ns;        /* capture time, ns since the epoch (or 0-based) */
	uint64_t pos;          /* input position: file line or record number */
	uint64_t index;        /* frame number from 1: frames the source gave
				* (pcap: the record number), as Wireshark
				* numbers them; 0 when not from a source */
	uint32_t id;           /* identifier without flag bits */
	uint16_t flags;        /* CO_F_* */
	uint8_t len;           /* payload / requested length */
	uint8_t raw_dlc;       /* classic DLC 9..15, else 0 */
	uint8_t fd_flags;      /* CO_FD_* as read or received */
	uint8_t ts_digits;     /* fraction digits of the source timestamp (6|9) */
	char iface[CO_IFNAMSIZ];
	uint8_t data[CO_FD_MAX_DLEN];
};

static inline bool
co_frame_is_fd(const struct co_frame *f)
{
	return (f->flags & CO_F_FD) != 0;
}

static inline bool
co_frame_is_err(const struct co_frame *f)
{
	return (f->flags & CO_F_ERR) != 0;
}

static inline bool
co_frame_is_rtr(const struct co_frame *f)
{
	return (f->flags & CO_F_RTR) != 0;
}

static inline bool
co_frame_is_eff(const struct co_frame *f)
{
	return (f->flags & CO_F_EFF) != 0;
}

/* CAN FD DLC <-> length (ISO 11898-1:2015). */
uint8_t co_dlc2len(uint8_t dlc);
uint8_t co_len2dlc(uint8_t len);
/* true if len is a valid CAN FD payload length (0..8,12,16,20,24,32,48,64) */
bool co_fd_len_valid(uint8_t len);

#endif
