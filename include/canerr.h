/* SPDX-License-Identifier: GPL-2.0-or-later */
/* canerr.h - CAN error frame decoding (linux/can/error.h) in candump -e
 * vocabulary: classes, controller state, protocol violation, counters */
#ifndef COSNIFF_CANERR_H
#define COSNIFF_CANERR_H

#include <stdbool.h>
#include <stddef.h>

#include "frame.h"

/* Describe error frame f on one line, e.g.
 * "controller-problem{rx-error-warning} error-counter-tx-rx{{0}{96}}".
 * verbose adds the raw class bits.  Returns the length written. */
size_t canerr_fmt(char *buf, size_t size, const struct co_frame *f,
		  bool verbose);

#endif
