/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ini.h - line tokenizer for the INI syntax of CiA 306 EDS/DCF files */
#ifndef COSNIFF_INI_H
#define COSNIFF_INI_H

#include <stddef.h>

enum ini_kind {
	INI_EOF,
	INI_SECTION,    /* "[name]": name */
	INI_KEY,        /* "key=value": name, value (both trimmed) */
	INI_STRAY,      /* a line that is none of the above: name = the line */
};

struct ini_item {
	enum ini_kind kind;
	unsigned line;       /* 1-based line number */
	char *name;
	char *value;
	const char *why;     /* INI_STRAY: what is wrong; INI_SECTION: a
			      * note about the header (text after ']') */
};

/*
 * Tokenizer over a writable, NUL-terminated buffer that it modifies in
 * place (line ends and trailing blanks become NULs), so the strings it
 * returns point into the buffer and live as long as it does.  Accepts LF,
 * CRLF and lone CR line ends.  Lines whose first non-blank character is
 * ';' or '#' are comments and blank lines are skipped.  Bytes are kept as
 * they are (no charset assumed).
 */
struct ini_rd {
	char *p, *end;
	unsigned line;
};

void ini_init(struct ini_rd *r, char *buf, size_t len);
void ini_next(struct ini_rd *r, struct ini_item *it);

#endif
