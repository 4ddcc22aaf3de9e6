/* SPDX-License-Identifier: GPL-2.0-or-later */
/* co_tables.h - CiA 301/305 value names shared by dissectors, printers, model
 * and UI: NMT commands and states, EMCY codes, SDO abort codes, LSS */
#ifndef COSNIFF_CO_TABLES_H
#define COSNIFF_CO_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "tok.h"

/* CiA 301 7.2.8.3.1 NMT module control command specifiers. */
#define NMT_CS_START 0x01
#define NMT_CS_STOP 0x02
#define NMT_CS_PREOP 0x80
#define NMT_CS_RESET_NODE 0x81
#define NMT_CS_RESET_COMM 0x82

/* CiA 301 7.2.8.3.2 NMT states as sent in heartbeat / guarding. */
#define NMT_ST_BOOTUP 0x00
#define NMT_ST_STOPPED 0x04
#define NMT_ST_OPERATIONAL 0x05
#define NMT_ST_PREOP 0x7F

/* CiA 305 LSS COB-IDs and command specifiers. */
#define COB_LSS_SLAVE 0x7E4
#define COB_LSS_MASTER 0x7E5
#define LSS_SWITCH_GLOBAL 0x04
#define LSS_CONF_NODE_ID 0x11
#define LSS_CONF_BIT_TIMING 0x13
#define LSS_ACTIVATE_BIT_TIMING 0x15
#define LSS_STORE 0x17
#define LSS_SWITCH_SEL_VENDOR 0x40
#define LSS_SWITCH_SEL_PRODUCT 0x41
#define LSS_SWITCH_SEL_REVISION 0x42
#define LSS_SWITCH_SEL_SERIAL 0x43
#define LSS_SWITCH_SEL_RSP 0x44
#define LSS_IDENT_VENDOR 0x46
#define LSS_IDENT_PRODUCT 0x47
#define LSS_IDENT_REV_LOW 0x48
#define LSS_IDENT_REV_HIGH 0x49
#define LSS_IDENT_SERIAL_LOW 0x4A
#define LSS_IDENT_SERIAL_HIGH 0x4B
#define LSS_IDENT_NON_CONF 0x4C
#define LSS_IDENT_SLAVE 0x4F
#define LSS_IDENT_NON_CONF_SLAVE 0x50
#define LSS_FASTSCAN 0x51
#define LSS_INQ_VENDOR 0x5A
#define LSS_INQ_PRODUCT 0x5B
#define LSS_INQ_REVISION 0x5C
#define LSS_INQ_SERIAL 0x5D
#define LSS_INQ_NODE_ID 0x5E
#define LSS_FS_CHECK_ALL 0x80   /* fastscan bit check: reset, all slaves */

extern const struct co_tok co_nmt_cmds[];     /* "start", "reset-node" */
extern const struct co_tok co_nmt_states[];   /* "operational" */
extern const struct co_tok co_emcy_reg_bits[]; /* error register 0x1001 */
extern const struct co_tok co_sdo_aborts[];   /* abort code -> text */
extern const struct co_tok co_sdo_fns[];      /* enum sdo_fn -> name */
extern const struct co_tok co_lss_cmds[];     /* command specifier */
extern const struct co_tok co_lss_modes[];    /* switch state global */
extern const struct co_tok co_lss_bitrates[]; /* table 0 index -> rate */
extern const struct co_tok co_lss_val_names[]; /* key of the u32 field */

/* Every table above, for the table invariant test; ends with name NULL. */
extern const struct co_table_ref co_table_list[];

/* CiA 301 text of an EMCY error code: exact code, else its class. */
const char *co_emcy_text(uint16_t code);

/* Name of an object dictionary index: a CiA 301/302 communication object,
 * else its area ("RPDO mapping parameter", "manufacturer-specific"). */
const char *co_od_name(uint16_t index);

/* Text of an LSS configure/store response error code (cs 0x11/13/17). */
const char *co_lss_err_text(uint8_t cs, uint8_t err);

/* "dlc 2 < 8" (have < need) or "dlc 12 > 8" (have > need) as a static
 * string, for ev->why; a generic text for pairs not in the table. */
const char *co_why_dlc(unsigned have, unsigned need);

/*
 * Format a CiA 301 TIME_OF_DAY (ms after midnight, days since 1984-01-01)
 * as ISO 8601 UTC, "2015-07-10T06:17:32.249Z", into buf (>= 25 bytes).
 * Returns the length written.
 */
size_t co_time_iso(char *buf, size_t size, uint16_t days, uint32_t ms);

#endif
