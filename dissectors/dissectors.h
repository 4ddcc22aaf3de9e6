/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dissectors.h - the protocol dissectors (CiA 301 predefined connection
 * set, CiA 305 LSS); private to src/dissect.c, which routes to them */
#ifndef COSNIFF_DISSECTORS_H
#define COSNIFF_DISSECTORS_H

#include "dissect.h"

extern const struct co_dissector nmt_dissector;
extern const struct co_dissector sync_dissector;
extern const struct co_dissector time_dissector;
extern const struct co_dissector emcy_dissector;
extern const struct co_dissector hb_dissector;
extern const struct co_dissector sdo_dissector;
extern const struct co_dissector pdo_dissector;
extern const struct co_dissector lss_dissector;

#endif
