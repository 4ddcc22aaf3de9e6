/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_od.h - printer pieces that use the object dictionary: typed SDO
 * values, PDO values by mapping, learned configuration events */
#ifndef COSNIFF_OUT_OD_H
#define COSNIFF_OUT_OD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "obuf.h"
#include "out.h"

/* True when obj's type is known, so a value can be typed. */
bool out_od_typed(const struct co_obj *obj);

/* The value of n bytes of obj's type: text (hex for COB-IDs and other
 * CO_OBJ_HEX objects, size mismatches flagged " [short: ...]") or JSON;
 * the JSON form returns false on a size mismatch. */
void out_od_value_text(struct obuf *o, const struct co_obj *obj,
		       const uint8_t *p, size_t n);
bool out_od_value_json(struct obuf *o, const struct co_obj *obj,
		       const uint8_t *p, size_t n);

/* Fixed-size types: bytes of the type, else 0. */
size_t out_od_type_bytes(const struct co_obj *obj);

/* " name=value ..." of a PDO with a mapping (nothing without one);
 * JSON: ,"values":{"name":value,...}.  verbose adds the communication
 * parameters in force (" [cob=0x185 trans=254 ...]", "comm":{...}). */
void out_od_pdo_text(struct obuf *o, const struct co_event *ev,
		     bool verbose);
void out_od_pdo_json(struct obuf *o, const struct co_event *ev,
		     bool verbose);

/* CO_EV_CONFIG */
void out_od_text_config(struct obuf *o, const struct co_event *ev,
			const struct out_opts *opt);
void out_od_json_config(struct obuf *o, const struct co_event *ev,
			const struct out_opts *opt);

#endif
