/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds.h - CiA 306 EDS/DCF loader and the object dictionary model */
#ifndef COSNIFF_EDS_H
#define COSNIFF_EDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* CiA 301 object codes (ObjectType=) */
enum od_otype {
	OD_OT_NULL = 0,
	OD_OT_DOMAIN = 2,
	OD_OT_DEFTYPE = 5,
	OD_OT_DEFSTRUCT = 6,
	OD_OT_VAR = 7,
	OD_OT_ARRAY = 8,
	OD_OT_RECORD = 9,
};

/* CiA 306 AccessType= */
enum od_access {
	OD_ACC_NONE, OD_ACC_RO, OD_ACC_WO, OD_ACC_RW, OD_ACC_RWR,
	OD_ACC_RWW, OD_ACC_CONST,
};

/* What a parsed value holds (see struct od_val). */
enum od_vkind {
	OD_V_NONE,      /* key absent or empty */
	OD_V_INT,       /* integers, BOOLEAN, TIME_*: u (two's complement) */
	OD_V_REAL,      /* REAL32/REAL64: d */
	OD_V_BYTES,     /* strings, OCTET_STRING (hex decoded), DOMAIN: bytes */
	OD_V_BAD,       /* could not be parsed (a warning says why) */
};

/*
 * A DefaultValue, ParameterValue, LowLimit or HighLimit.  raw is the text
 * as written in the file (trailing comment removed); the parsed value is
 * already adjusted for the node id the dictionary was bound to
 * (struct od.node): u = base + node when nodeid is set.
 */
struct od_val {
	const char *raw;        /* NULL when the key is absent */
	unsigned line;
	uint8_t kind;           /* enum od_vkind */
	bool nodeid;            /* expression contains $NODEID */
	uint64_t base;          /* integer value with $NODEID = 0 */
	uint64_t u;             /* integer value, $NODEID applied */
	double d;
	const uint8_t *bytes;   /* OD_V_BYTES */
	size_t nbytes;
};

/* One sub-index.  A VAR or DOMAIN object has exactly one, sub 0. */
struct od_sub {
	uint8_t sub;
	uint8_t otype;          /* enum od_otype */
	uint8_t access;         /* enum od_access */
	bool pdo;               /* PDOMapping=1 */
	uint16_t dtype;         /* CiA 301 data type index (od_value.h) */
	unsigned line;          /* section header line */
	const char *name;
	const char *denotation; /* DCF Denotation=, or NULL */
	struct od_val def;      /* DefaultValue */
	struct od_val param;    /* ParameterValue (DCF), [xxxxValue] */
	struct od_val low, high;
};

struct od_obj {
	uint16_t index;
	uint8_t otype;
	bool compact;           /* built from CompactSubObj */
	bool listed;            /* appears in an object list */
	unsigned line;
	const char *name;
	uint16_t nsubs;
	struct od_sub *subs;    /* sorted by sub */
};

struct od_devinfo {
	const char *vendor_name, *product_name, *order_code;
	uint32_t vendor_number, product_number, revision_number;
	bool has_vendor_number, has_product_number, has_revision_number;
	uint16_t nr_rx_pdo, nr_tx_pdo;
	bool lss;
};

struct od_mem;

/* An object dictionary loaded from one file.  All strings and arrays are
 * owned by it and freed by od_free(). */
struct od {
	const char *path;
	bool dcf;               /* has [DeviceComissioning] or ParameterValue */
	uint8_t node;           /* node id $NODEID was resolved with, 0: none */
	int dcf_node;           /* NodeID= of [DeviceComissioning], -1: none */
	uint32_t dcf_baud;      /* Baudrate= in kbit/s, 0: none */
	struct od_devinfo info;
	size_t nobjs, nsubs;
	struct od_obj *objs;    /* sorted by index */
	struct od_mem *mem;
};

/*
 * Warnings collected by the loader, each "file:line: text".  Bounded:
 * after EDS_DIAG_MAX messages only `dropped` counts.  Zero-initialise;
 * free with eds_diag_free().
 */
#define EDS_DIAG_MAX 2000
struct eds_diag {
	size_t n, cap, dropped;
	char **msg;
	unsigned *line;         /* line of each message (0: whole file) */
};

void eds_diag_free(struct eds_diag *d);

/* Append "file:line: text" (line 0: "file: text"). */
void eds_diagf(struct eds_diag *d, const char *file, unsigned line,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Load an EDS or DCF file.  node (1..127) is the value of $NODEID; 0
 * means "take NodeID from a DCF's [DeviceComissioning], else leave
 * $NODEID as 0 (od.node = 0)".  Oddities are appended to *diag (may be
 * NULL).  Returns NULL when nothing usable was found or the file cannot
 * be read, with the reason in err (always NUL-terminated).
 */
struct od *eds_load(const char *path, uint8_t node, struct eds_diag *diag,
		    char *err, size_t errlen);

/* The same for a file already in memory; name is used in messages. */
struct od *eds_load_mem(const char *name, const char *text, size_t len,
			uint8_t node, struct eds_diag *diag, char *err,
			size_t errlen);

void od_free(struct od *od);

/* Re-resolve every $NODEID expression for node (0..127). */
void od_set_node(struct od *od, uint8_t node);

/* Binary search; NULL when absent. */
const struct od_obj *od_find(const struct od *od, uint16_t index);
const struct od_sub *od_find_sub(const struct od *od, uint16_t index,
				 uint8_t sub);

/* The value in force: ParameterValue if present, else DefaultValue. */
const struct od_val *od_sub_value(const struct od_sub *s);

/* Integer value in force of index:sub; false when absent or not an
 * integer. */
bool od_get_u64(const struct od *od, uint16_t index, uint8_t sub,
		uint64_t *v);

/*
 * An integer as CiA 306 files write it: decimal, 0x hex, hex with an h
 * suffix (0000h), a C suffix (U, L, UL, LL, ...), a sign, and sums with
 * $NODEID in any case and order with blanks ($NODEID+0x180,
 * 0x180 + $NodeID).  Leading zeros are decimal, not octal.  Returns 0 and
 * fills *n, or -1 with n->why set.
 */
struct eds_num {
	uint64_t v;             /* two's complement, $NODEID counted as 0 */
	bool nodeid;            /* $NODEID is a term */
	bool neg;               /* the value is negative */
	bool csuffix;           /* a C integer suffix was dropped */
	bool leadzero;          /* leading zero on a decimal number > 7 */
	const char *why;
};
int eds_parse_int(const char *s, struct eds_num *n);

const char *od_otype_str(uint8_t otype);
const char *od_access_str(uint8_t access);

#endif
