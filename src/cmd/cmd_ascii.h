/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_ascii.h - CiA 309-3 ASCII command lines: parsing requests, data
 * types, values to and from bytes, error codes of the answers */
#ifndef COSNIFF_CMD_ASCII_H
#define COSNIFF_CMD_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* CiA 309-3 error codes of "ERROR:<code>" answers (non-SDO). */
#define CMD_ERR_UNSUPPORTED 100
#define CMD_ERR_SYNTAX 101
#define CMD_ERR_STATE 102
#define CMD_ERR_TIMEOUT 103
#define CMD_ERR_NO_NET 104
#define CMD_ERR_NO_NODE 105
#define CMD_ERR_BAD_NET 106
#define CMD_ERR_BAD_NODE 107
#define CMD_ERR_GUARD_LOST 200
#define CMD_ERR_HB_LOST 203
#define CMD_ERR_BUS_OFF 301
#define CMD_ERR_OVERFLOW 303
#define CMD_ERR_NO_MEM 600

/* Text of a CiA 309-3 error code, or NULL. */
const char *cmd_err_text(unsigned code);

/* A data type of the command language. */
struct cmd_type {
	const char *name;       /* "u16" */
	uint16_t dtype;         /* CiA 301 data type index */
	uint8_t bytes;          /* 0: variable length */
	bool hex;               /* x8..x64: unsigned shown in hex */
};

/* By name ("u16"), or NULL. */
const struct cmd_type *cmd_type_find(const char *name);
/* The type to use for a CiA 301 data type index, or NULL. */
const struct cmd_type *cmd_type_of(uint16_t dtype);

enum cmd_verb {
	CMD_NONE,               /* empty line or comment */
	CMD_READ, CMD_WRITE, CMD_NMT,
	CMD_SET_TIMEOUT, CMD_SET_NODE, CMD_SET_NET,
};

#define CMD_TOKEN_MAX 256
#define CMD_LINE_MAX 8192

/* One request: "[seq] [[net] node] verb args...". */
struct cmd_req {
	char seq[32];           /* "" when not given */
	int net, node;          /* -1 when not given */
	enum cmd_verb verb;
	uint8_t nmt_cs;
	char obj[CMD_TOKEN_MAX];/* index as written (number or name) */
	uint8_t sub;
	const struct cmd_type *type; /* NULL: not given */
	char value[CMD_LINE_MAX];/* write: value text (quotes removed) */
	bool has_value;
	uint32_t num;           /* set: the number */
};

/*
 * Parse one line.  0 on success (CMD_NONE for blank lines and '#'
 * comments), -1 with *why (static) on a syntax error; seq is filled as
 * far as it could be read so the answer can carry it.
 */
int cmd_parse(const char *line, struct cmd_req *r, const char **why);

struct od;
/* INDEX as a number or an object name of od (NULL: numbers only). */
bool cmd_resolve_index(const struct od *od, const char *s, uint16_t *index);
/* The type r gives, else od's for index:r->sub, else NULL (hex). */
const struct cmd_type *cmd_type_for(const struct od *od,
				    const struct cmd_req *r, uint16_t index);

/* Number in C syntax (0x hex, decimal); false when not a number. */
bool cmd_number(const char *s, uint32_t max, uint32_t *v);

/*
 * The bytes of value text for type t (little-endian; vs as given, os/d
 * as hex digits, us to UTF-16LE, t/td as DAYS:MS, b as 0/1/true/false).
 * *p is malloc'ed.  0, or -1 with *why when the text does not fit t.
 */
int cmd_encode(const struct cmd_type *t, const char *text, uint8_t **p,
	       size_t *n, const char **why);

/* Print n bytes as a value of type t (NULL: hex bytes) as cmd_encode
 * reads it back; vs quoted. */
void cmd_print_value(FILE *fp, const struct cmd_type *t, const uint8_t *p,
		     size_t n);

#endif
