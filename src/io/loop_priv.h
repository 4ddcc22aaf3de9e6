/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loop_priv.h - what loop.c shares with replay.c (private to src/io) */
#ifndef COSNIFF_LOOP_PRIV_H
#define COSNIFF_LOOP_PRIV_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "loop.h"

#define LOOP_CLOCK_EVERY 256       /* frames between clock checks */
#define LOOP_NS_PER_MS 1000000ull

uint64_t loop_mono_ns(void);
/* SIGINT/SIGTERM/SIGHUP seen or the client set l->stop. */
bool loop_stopping(const struct loop *l);
/* The signal that asked to stop, or 0. */
int loop_signal(void);
/* poll() timeout in ms from now until the deadline (-1: LOOP_NEVER). */
int loop_poll_ms(uint64_t now, uint64_t deadline);
/* Read until a frame (1), end of input or nothing pending (0), or a
 * fatal error (-1); drops, notes and bad items are handed on. */
int loop_next_frame(struct loop *l, struct co_frame *f);
void loop_client_input(struct loop *l, const struct pollfd *pfd);
/* The client's tick; its next deadline (LOOP_NEVER without a client). */
uint64_t loop_client_tick(struct loop *l, uint64_t now);
/* Flush sinks and consumers when due; a gone output stops the run. */
void loop_flush_due(struct loop *l, uint64_t now, uint64_t *next_flush);
/* A file with a client (replay.c). */
int loop_replay_run(struct loop *l);

#endif
