/* SPDX-License-Identifier: GPL-2.0-or-later */
/* can_tx.h - the transmit path: one SocketCAN raw socket per interface for
 * commands and the simulator (send with back-off, receive with own frames) */
#ifndef COSNIFF_CAN_TX_H
#define COSNIFF_CAN_TX_H

#include <stdint.h>

#include "frame.h"

/* ENOBUFS (transmit queue full): retry with a growing pause, for at most
 * this long, before the send fails. */
#define CAN_TX_BACKOFF_MS 1000

struct can_tx;

/*
 * Open a raw socket on iface for sending and receiving classic frames.
 * Own frames are received back (CAN_RAW_RECV_OWN_MSGS) and come out of
 * can_tx_recv() with CO_F_TX, so a trace shows what we sent.  Bus-off
 * error frames are received so that can_tx_recv() can report them.
 * NULL with errno set and *why a static message on failure (no such
 * interface, not CAN, down, no SocketCAN, permission).
 */
struct can_tx *can_tx_open(const char *iface, const char **why);

/* Pollable descriptor (POLLIN: can_tx_recv() has a frame). */
int can_tx_fd(const struct can_tx *tx);

/*
 * Send one classic frame (id, len, data, CO_F_RTR/CO_F_EFF).  A full
 * queue (ENOBUFS) is waited out with back-off (1, 2, 4 ... 64 ms, at most
 * CAN_TX_BACKOFF_MS in all, or what can_tx_set_wait() says).  0, or -1
 * with *why: interface down,
 * bus-off, queue full for too long, other errors by strerror.
 */
int can_tx_send(struct can_tx *tx, const struct co_frame *f,
		const char **why);

/*
 * Send one frame without waiting (the full-screen view: its loop must not
 * block).  0 sent, 1 the queue is full (ENOBUFS, or the socket's send
 * buffer: try again later), -1 with *why as can_tx_send().
 */
int can_tx_try_send(struct can_tx *tx, const struct co_frame *f,
		    const char **why);

/*
 * Receive only classic data frames with 11-bit identifier id (and the
 * error frames); id < 0: none.  Frames already queued are dropped.  0, or
 * -1 with errno.
 */
int can_tx_rx_only(struct can_tx *tx, int32_t id);

/*
 * Wait up to timeout_ms (0: do not wait) for one frame.  1 with *f
 * filled (CO_F_TX on our own frames, CO_F_ERR on error frames, ts_ns from
 * the kernel), 0 on timeout or a signal, -1 with *why on a read error, a bus-off
 * error frame or an interface that went down.
 */
int can_tx_recv(struct can_tx *tx, struct co_frame *f, int timeout_ms,
		const char **why);

/* How long can_tx_send() waits out a full queue, in all (default
 * CAN_TX_BACKOFF_MS; a slow bus or a busy host may want more). */
void can_tx_set_wait(struct can_tx *tx, unsigned ms);

/* How often a send met ENOBUFS and backed off. */
uint64_t can_tx_backoffs(const struct can_tx *tx);

void can_tx_close(struct can_tx *tx);

/* Monotonic clock in microseconds (deadlines of the state machines). */
uint64_t can_tx_now_us(void);

#endif
