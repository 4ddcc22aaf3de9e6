/* SPDX-License-Identifier: GPL-2.0-or-later */
/* canerr.h - CAN error frame decoding (linux/can/error.h) in candump -e
 * vocabulary: classes, controller state, protocol violation, counters */
#ifndef COSNIFF_CANERR_H
#define COSNIFF_CANERR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "tok.h"

/* Error classes: bits of the error frame's id (linux/can/error.h). */
#define CANERR_TX_TIMEOUT 0x00000001u /* TX timeout (by the driver) */
#define CANERR_LOSTARB    0x00000002u /* lost arbitration, data[0] */
#define CANERR_CRTL       0x00000004u /* controller problem, data[1] */
#define CANERR_PROT       0x00000008u /* protocol violation, data[2..3] */
#define CANERR_TRX        0x00000010u /* transceiver status, data[4] */
#define CANERR_ACK        0x00000020u /* no ACK on transmission */
#define CANERR_BUSOFF     0x00000040u /* bus off */
#define CANERR_BUSERROR   0x00000080u /* bus error */
#define CANERR_RESTARTED  0x00000100u /* controller restarted */
#define CANERR_CNT        0x00000200u /* error counters in data[6..7] */
#define CANERR_KNOWN      0x000003FFu /* every class above */

/* Controller problems, data[1]. */
#define CANERR_CRTL_RX_OVERFLOW 0x01u
#define CANERR_CRTL_TX_OVERFLOW 0x02u
#define CANERR_CRTL_RX_WARNING  0x04u
#define CANERR_CRTL_TX_WARNING  0x08u
#define CANERR_CRTL_RX_PASSIVE  0x10u
#define CANERR_CRTL_TX_PASSIVE  0x20u
#define CANERR_CRTL_ACTIVE      0x40u /* back to error-active */

/* Protocol violation type, data[2] (location, data[3], is a value). */
#define CANERR_PROT_BIT      0x01u
#define CANERR_PROT_FORM     0x02u
#define CANERR_PROT_STUFF    0x04u
#define CANERR_PROT_BIT0     0x08u /* could not send a dominant bit */
#define CANERR_PROT_BIT1     0x10u /* could not send a recessive bit */
#define CANERR_PROT_OVERLOAD 0x20u
#define CANERR_PROT_ACTIVE   0x40u /* active error announcement */
#define CANERR_PROT_TX       0x80u /* error occurred on transmission */

/* Error counter thresholds (ISO 11898-1 fault confinement). */
#define CANERR_WARNING_LEVEL 96
#define CANERR_PASSIVE_LEVEL 128

/* Fault confinement state of the reporting controller. */
enum canerr_state {
	CANERR_STATE_UNKNOWN,  /* the frame does not say */
	CANERR_STATE_ACTIVE,
	CANERR_STATE_WARNING,
	CANERR_STATE_PASSIVE,
	CANERR_STATE_BUS_OFF,
};

/*
 * What one error frame says.  Bytes the frame does not carry (len < 8)
 * read as 0 and set truncated.
 */
struct canerr_info {
	uint32_t classes;      /* CANERR_* class bits (id & CO_ERR_MASK) */
	uint8_t lostarb_bit;   /* data[0]: bit position, 0 = unspecified */
	uint8_t ctrl;          /* data[1]: CANERR_CRTL_* */
	uint8_t prot_type;     /* data[2]: CANERR_PROT_* */
	uint8_t prot_loc;      /* data[3]: location value */
	uint8_t trx;           /* data[4]: CANH low nibble, CANL high nibble */
	uint8_t tx_err;        /* data[6] */
	uint8_t rx_err;        /* data[7] */
	bool has_counters;     /* CANERR_CNT set or counters not zero */
	bool truncated;        /* fewer than 8 data bytes */
	enum canerr_state state;
};

/* Decode error frame f (CO_F_ERR set) into *ei; never fails. */
void canerr_parse(const struct co_frame *f, struct canerr_info *ei);

/* "error-active", "error-warning", "error-passive", "bus-off" or NULL
 * for CANERR_STATE_UNKNOWN. */
const char *canerr_state_name(enum canerr_state s);

/* candump -e names: class bit -> "controller-problem", controller bit ->
 * "rx-error-warning", protocol type bit -> "bit-stuffing-error"; NULL for
 * an unknown bit.  Location value -> "data-field", NULL if unknown. */
const char *canerr_class_name(uint32_t bit);
const char *canerr_ctrl_name(uint8_t bit);
const char *canerr_prot_type_name(uint8_t bit);
const char *canerr_prot_loc_name(uint8_t loc);

/* Transceiver status words ("canh-no-wire", ...) of data[4] appended to
 * out[] (at most 2); returns the count.  Unknown nibbles give no word. */
int canerr_trx_names(uint8_t trx, const char *out[2]);

/* The value tables, for the table-invariant unit test: table i (from 0),
 * NULL past the last.  *name says which table it is. */
const struct co_tok *canerr_table(unsigned i, const char **name);

/* A buffer of this size always holds the canerr_fmt() text. */
#define CANERR_FMT_MAX 1024

/* Describe an error frame (canerr_parse) on one line (no tab, no
 * newline), e.g.
 * "controller-problem{rx-error-warning} error-counter-tx-rx{{0}{96}}".
 * verbose appends the derived state and the raw class bits
 * (" state=error-warning class=0x00000204").  Returns the length written;
 * buf is always NUL-terminated (size > 0). */
size_t canerr_fmt(char *buf, size_t size, const struct canerr_info *ei,
		  bool verbose);

/* canerr.c's value-name tables, for the table invariant test. */
extern const struct co_table_ref canerr_tables[];

#endif
