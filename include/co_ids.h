/* SPDX-License-Identifier: GPL-2.0-or-later */
/* co_ids.h - CiA 301 7.3.5 predefined connection set: function codes,
 * node-ID bits, default COB-IDs; SDO segment size; time units */
#ifndef COSNIFF_CO_IDS_H
#define COSNIFF_CO_IDS_H

#include <stdbool.h>
#include <stdint.h>

/* An 11-bit COB-ID is function code (bits 7-10) and node-ID (bits 0-6). */
#define CO_FC_SHIFT 7
#define CO_NODE_MASK 0x7Fu

/* Function codes (COB-ID >> CO_FC_SHIFT). */
#define CO_FC_NMT 0x0u           /* 0x000 NMT module control */
#define CO_FC_SYNC_EMCY 0x1u     /* 0x080 SYNC, 0x080 + n EMCY */
#define CO_FC_TIME 0x2u          /* 0x100 TIME */
#define CO_FC_TPDO1 0x3u         /* 0x180 + n; TPDOk: 2k + 1 */
#define CO_FC_TPDO4 0x9u
#define CO_FC_RPDO4 0xAu         /* 0x200 + n RPDO1 .. 0x500 + n RPDO4 */
#define CO_FC_SDO_TX 0xBu        /* 0x580 + n server -> client */
#define CO_FC_SDO_RX 0xCu        /* 0x600 + n client -> server */
#define CO_FC_NMT_EC 0xEu        /* 0x700 + n heartbeat, boot-up, guarding */

/* Default COB-IDs (add the node-ID where there is one). */
#define COB_SYNC 0x080u
#define COB_EMCY 0x080u
#define COB_TIME 0x100u
#define COB_TPDO1 0x180u
#define COB_RPDO1 0x200u
#define COB_PDO_STEP 0x100u      /* TPDOk / RPDOk: + (k - 1) * step */
#define COB_SDO_TX 0x580u
#define COB_SDO_RX 0x600u
#define COB_NMT_EC 0x700u

/* SDO segments carry at most 7 data bytes (CiA 301 7.2.4.3). */
#define SDO_SEG_DATA 7

/* Frame and model times are in nanoseconds. */
#define NS_PER_MS 1000000ull
#define NS_PER_S 1000000000ull

/* Function code of 11-bit identifier id. */
static inline unsigned
co_fc(uint32_t id)
{
	return (id & 0x7FFu) >> CO_FC_SHIFT;
}

/* TPDO1-4 of the predefined set: the node's own data frames. */
static inline bool
co_fc_is_tpdo(unsigned fc)
{
	return fc >= CO_FC_TPDO1 && fc <= CO_FC_TPDO4 && fc % 2 == 1;
}

/* TPDO1-4 and RPDO1-4 of the predefined set. */
static inline bool
co_fc_is_pdo(unsigned fc)
{
	return fc >= CO_FC_TPDO1 && fc <= CO_FC_RPDO4;
}

#endif
