/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_socketcan.h - live capture from Linux SocketCAN raw sockets
 * (CAN_RAW, CAN FD, error frames, kernel filters in candump syntax) */
#ifndef COSNIFF_SRC_SOCKETCAN_H
#define COSNIFF_SRC_SOCKETCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"
#include "source.h"

#define SOCKETCAN_MAX_IFACES 16    /* interfaces per capture (candump: 16) */
#define IFSPEC_MAX_FILTERS 32   /* id:mask filters per interface */

/* CAN_INV_FILTER and CAN_EFF_FLAG as in linux/can.h, kept in id */
#define IFSPEC_FILTER_INV 0x20000000u
#define IFSPEC_FILTER_EFF 0x80000000u

/* One kernel filter: matches when (rx_id & mask) == (id & mask);
 * inverted with IFSPEC_FILTER_INV in id.  Same layout as struct can_filter. */
struct ifspec_filter {
	uint32_t id;
	uint32_t mask;
};

/*
 * One command-line interface argument, candump syntax:
 *   IFACE[,ID:MASK|,ID~MASK|,#ERRMASK|,j]...
 * IFACE "any" captures every CAN interface.  An 8-digit ID selects 29-bit
 * frames (CAN_EFF_FLAG).  Without #ERRMASK every error class is received
 * (cosniff's default; candump's is none); #0 turns error frames off.
 */
struct ifspec {
	char iface[CO_IFNAMSIZ];
	struct ifspec_filter filt[IFSPEC_MAX_FILTERS];
	int nfilt;
	uint32_t err_mask;
	bool join;             /* CAN_RAW_JOIN_FILTERS: all must match */
};

/* Default receive buffer per socket, like dumpcap's large default: a
 * burst of ~30,000 frames (the kernel doubles it for bookkeeping: ~16 MiB
 * of skbs) waits there while the decoder catches up. */
#define SOCKETCAN_RCVBUF_DEFAULT (8 * 1024 * 1024)

struct socketcan_opts {
	int rcvbuf;            /* receive buffer bytes; 0: the default */
	bool sw_tstamp;        /* never use hardware timestamps */
	bool log_rxtx;         /* mark frames CO_F_DIR_MARK (candump -L -x) */
};

/* Parse one interface argument into *sp.  0, or -1 with *why set to a
 * static message (the offending text is not included). */
int ifspec_parse(const char *arg, struct ifspec *sp, const char **why);

/*
 * Open one raw socket per spec, all behind one pollable fd (src->fd).
 * next() returns frames of all interfaces merged by kernel timestamp
 * within what is pending, SRC_DROP when the kernel reports lost frames,
 * SRC_NOTE for link events (down, up again with the gap, vanished,
 * back), and SRC_IDLE when nothing is pending: poll src->fd then.
 * The source never blocks.  On failure NULL, errno set, and *why a
 * message naming the interface and the likely cause; *why points into
 * static storage valid until the next call.
 */
struct co_source *src_socketcan_open(const struct ifspec *specs, int n,
				     const struct socketcan_opts *o,
				     const char **why);

/* Receive buffer size in force on the first socket (after the kernel's
 * doubling and rmem_max clamping); 0 if unknown. */
int src_socketcan_rcvbuf(const struct co_source *src);

/* Kernel drop counters of every socket (SO_MEMINFO), summed; frames lost
 * after the last frame delivered are only visible here. */
uint64_t src_socketcan_kernel_drops(const struct co_source *src);

/* The run stops: frames stamped (CLOCK_REALTIME, software stamps) after
 * realtime_ns are left unread (next() says SRC_IDLE), so that draining
 * what was queued before the stop ends even under a flood.  Interfaces
 * with hardware stamps have their own clock and are not bounded. */
void src_socketcan_stop_at(struct co_source *src, uint64_t realtime_ns);

#endif
