/* SPDX-License-Identifier: GPL-2.0-or-later */
/* od_value.c - CiA 301 data types (7.1): names, sizes, and formatting of
 * little-endian values as text and JSON */
#include "config.h"
#include "od_value.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Sorted by code (unit-tested). */
const struct od_type od_types[] = {
	{ OD_BOOLEAN, OD_TC_BOOL, 1, "BOOLEAN" },
	{ OD_INTEGER8, OD_TC_INT, 8, "INTEGER8" },
	{ OD_INTEGER16, OD_TC_INT, 16, "INTEGER16" },
	{ OD_INTEGER32, OD_TC_INT, 32, "INTEGER32" },
	{ OD_UNSIGNED8, OD_TC_UINT, 8, "UNSIGNED8" },
	{ OD_UNSIGNED16, OD_TC_UINT, 16, "UNSIGNED16" },
	{ OD_UNSIGNED32, OD_TC_UINT, 32, "UNSIGNED32" },
	{ OD_REAL32, OD_TC_REAL, 32, "REAL32" },
	{ OD_VISIBLE_STRING, OD_TC_VSTRING, 0, "VISIBLE_STRING" },
	{ OD_OCTET_STRING, OD_TC_OSTRING, 0, "OCTET_STRING" },
	{ OD_UNICODE_STRING, OD_TC_USTRING, 0, "UNICODE_STRING" },
	{ OD_TIME_OF_DAY, OD_TC_TIME_OF_DAY, 48, "TIME_OF_DAY" },
	{ OD_TIME_DIFFERENCE, OD_TC_TIME_DIFF, 48, "TIME_DIFFERENCE" },
	{ OD_DOMAIN, OD_TC_DOMAIN, 0, "DOMAIN" },
	{ OD_INTEGER24, OD_TC_INT, 24, "INTEGER24" },
	{ OD_REAL64, OD_TC_REAL, 64, "REAL64" },
	{ OD_INTEGER40, OD_TC_INT, 40, "INTEGER40" },
	{ OD_INTEGER48, OD_TC_INT, 48, "INTEGER48" },
	{ OD_INTEGER56, OD_TC_INT, 56, "INTEGER56" },
	{ OD_INTEGER64, OD_TC_INT, 64, "INTEGER64" },
	{ OD_UNSIGNED24, OD_TC_UINT, 24, "UNSIGNED24" },
	{ OD_UNSIGNED40, OD_TC_UINT, 40, "UNSIGNED40" },
	{ OD_UNSIGNED48, OD_TC_UINT, 48, "UNSIGNED48" },
	{ OD_UNSIGNED56, OD_TC_UINT, 56, "UNSIGNED56" },
	{ OD_UNSIGNED64, OD_TC_UINT, 64, "UNSIGNED64" },
	{ 0, 0, 0, NULL },
};

const struct od_type *
od_type(uint16_t code)
{
	const struct od_type *t;

	for (t = od_types; t->name != NULL; t++)
		if (t->code == code)
			return t;
	return NULL;
}

const char *
od_type_name(uint16_t code)
{
	const struct od_type *t = od_type(code);

	return t ? t->name : NULL;
}

enum od_tclass
od_type_class(uint16_t code)
{
	const struct od_type *t = od_type(code);

	return t ? (enum od_tclass)t->tclass : OD_TC_UNKNOWN;
}

unsigned
od_type_bits(uint16_t code)
{
	const struct od_type *t = od_type(code);

	return t ? t->bits : 0;
}

/* Bytes a fixed-size type occupies on the wire (BOOLEAN: one). */
static size_t
type_bytes(const struct od_type *t)
{
	return t->bits ? (t->bits + 7u) / 8u : 0;
}

static uint64_t
le_u64(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/* Length of a valid UTF-8 sequence at p (2..4), or 0. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	size_t len, i;

	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

void
od_safe_str(struct obuf *o, const uint8_t *p, size_t n)
{
	size_t i, u, run;

	for (i = 0; i < n; i++) {
		for (run = i; run < n && p[run] >= 0x20 && p[run] < 0x7F &&
			      p[run] != '\\' && p[run] != '"'; run++)
			;
		if (run > i) {          /* plain ASCII in one copy */
			ob_mem(o, (const char *)p + i, run - i);
			i = run;
			if (i == n)
				break;
		}
		if (p[i] == '\\' || p[i] == '"') {
			ob_ch(o, '\\');
			ob_ch(o, (char)p[i]);
		} else if (p[i] >= 0x80 && (u = utf8_len(p + i, n - i)) > 0) {
			ob_mem(o, (const char *)p + i, u);
			i += u - 1;
		} else if (p[i] == '\t') {
			ob_str(o, "\\t");
		} else {
			ob_str(o, "\\x");
			ob_hex8(o, p[i]);
		}
	}
}

/* Append code point cp as UTF-8. */
static void
ob_utf8(struct obuf *o, uint32_t cp)
{
	if (cp < 0x80) {
		ob_ch(o, (char)cp);
	} else if (cp < 0x800) {
		ob_ch(o, (char)(0xC0 | cp >> 6));
		ob_ch(o, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		ob_ch(o, (char)(0xE0 | cp >> 12));
		ob_ch(o, (char)(0x80 | (cp >> 6 & 0x3F)));
		ob_ch(o, (char)(0x80 | (cp & 0x3F)));
	} else {
		ob_ch(o, (char)(0xF0 | cp >> 18));
		ob_ch(o, (char)(0x80 | (cp >> 12 & 0x3F)));
		ob_ch(o, (char)(0x80 | (cp >> 6 & 0x3F)));
		ob_ch(o, (char)(0x80 | (cp & 0x3F)));
	}
}

void
od_json_str(struct obuf *o, const uint8_t *p, size_t n)
{
	size_t i, u;

	ob_ch(o, '"');
	for (i = 0; i < n; i++) {
		if (p[i] == '\\' || p[i] == '"') {
			ob_ch(o, '\\');
			ob_ch(o, (char)p[i]);
		} else if (p[i] >= 0x20 && p[i] < 0x7F) {
			ob_ch(o, (char)p[i]);
		} else if (p[i] >= 0x80 && (u = utf8_len(p + i, n - i)) > 0) {
			ob_mem(o, (const char *)p + i, u);
			i += u - 1;
		} else if (p[i] >= 0x80) {
			ob_utf8(o, p[i]);      /* Latin-1 */
		} else {
			ob_str(o, "\\u00");
			ob_hex8(o, p[i]);
		}
	}
	ob_ch(o, '"');
}

static void
hex_bytes(struct obuf *o, const uint8_t *p, size_t n, bool spaced)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (spaced && i)
			ob_ch(o, ' ');
		ob_hex8(o, p[i]);
	}
}

/* UTF-16LE to UTF-8 (unpaired surrogates become U+FFFD). */
static void
utf16_text(struct obuf *o, const uint8_t *p, size_t n, bool json)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2) {
		uint32_t cp = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8;

		if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < n) {
			uint32_t lo = (uint32_t)p[i + 2] |
				      (uint32_t)p[i + 3] << 8;

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				     (lo - 0xDC00);
				i += 2;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD;
		if (cp == 0)
			break;
		if (cp == '"' || cp == '\\') {
			ob_ch(o, '\\');
			ob_ch(o, (char)cp);
		} else if (cp < 0x20 || cp == 0x7F) {
			ob_str(o, json ? "\\u00" : "\\x");
			ob_hex8(o, (uint8_t)cp);
		} else {
			ob_utf8(o, cp);
		}
	}
}

/* Days since 1984-01-01 to a civil date (proleptic Gregorian). */
static void
civil_date(uint32_t days, int *y, unsigned *m, unsigned *d)
{
	/* shift to days since 0000-03-01 (era arithmetic) */
	int64_t z = (int64_t)days + 724581;     /* 1984-01-01 */
	int64_t era = z / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

static void
clock_ms(struct obuf *o, uint32_t ms)
{
	ob_u64(o, ms / 3600000u, 2);
	ob_ch(o, ':');
	ob_u64(o, ms / 60000u % 60u, 2);
	ob_ch(o, ':');
	ob_u64(o, ms / 1000u % 60u, 2);
	ob_ch(o, '.');
	ob_u64(o, ms % 1000u, 3);
}

/* TIME_OF_DAY / TIME_DIFFERENCE: ms (28 bits), 4 reserved, days (16) */
static void
time_text(struct obuf *o, const uint8_t *p, bool of_day)
{
	uint32_t ms = (uint32_t)le_u64(p, 4) & 0x0FFFFFFFu;
	uint32_t days = (uint32_t)le_u64(p + 4, 2);
	unsigned m, d;
	int y;

	if (of_day) {
		civil_date(days, &y, &m, &d);
		ob_u64(o, (uint64_t)y, 4);
		ob_ch(o, '-');
		ob_u64(o, m, 2);
		ob_ch(o, '-');
		ob_u64(o, d, 2);
		ob_ch(o, ' ');
	} else {
		ob_u64(o, days, 0);
		ob_str(o, "d ");
	}
	clock_ms(o, ms);
}

static void
real_text(struct obuf *o, const uint8_t *p, unsigned bits, bool json)
{
	char t[40];
	double v;
	uint64_t u = le_u64(p, bits / 8);

	if (bits == 32) {
		uint32_t w = (uint32_t)u;
		float f;

		memcpy(&f, &w, sizeof(f));
		v = f;
	} else {
		memcpy(&v, &u, sizeof(v));
	}
	if (isnan(v)) {
		ob_str(o, json ? "\"NaN\"" : "NaN");
		return;
	}
	if (isinf(v)) {
		ob_str(o, v < 0 ? (json ? "\"-Infinity\"" : "-inf")
				: (json ? "\"Infinity\"" : "inf"));
		return;
	}
	snprintf(t, sizeof(t), "%.*g", bits == 32 ? 9 : 17, v);
	ob_str(o, t);
}

/* Fixed-size value of n == its size, or a variable-length one. */
static void
fmt_value(struct obuf *o, const struct od_type *t, const uint8_t *p,
	  size_t n, bool json)
{
	uint64_t u = le_u64(p, n < 8 ? n : 8);

	switch (t->tclass) {
	case OD_TC_BOOL:
		if (u <= 1)
			ob_str(o, u ? "true" : "false");
		else
			ob_u64(o, u, 0);
		break;
	case OD_TC_INT:
		ob_i64(o, od_sext(u, t->bits));
		break;
	case OD_TC_UINT:
		ob_u64(o, u, 0);
		break;
	case OD_TC_REAL:
		real_text(o, p, t->bits, json);
		break;
	case OD_TC_VSTRING:
		while (n > 0 && p[n - 1] == 0)
			n--;
		if (json) {
			od_json_str(o, p, n);
		} else {
			ob_ch(o, '"');
			od_safe_str(o, p, n);
			ob_ch(o, '"');
		}
		break;
	case OD_TC_USTRING:
		ob_ch(o, '"');
		utf16_text(o, p, n, json);
		ob_ch(o, '"');
		break;
	case OD_TC_TIME_OF_DAY:
	case OD_TC_TIME_DIFF:
		if (json)
			ob_ch(o, '"');
		time_text(o, p, t->tclass == OD_TC_TIME_OF_DAY);
		if (json)
			ob_ch(o, '"');
		break;
	default:           /* OCTET_STRING, DOMAIN */
		if (json) {
			ob_ch(o, '"');
			ob_hexbytes_lc(o, p, n);
			ob_ch(o, '"');
		} else {
			hex_bytes(o, p, n, true);
		}
		break;
	}
}

/* Raw bytes of a value that could not be decoded (unknown type, short). */
static void
fmt_raw(struct obuf *o, const uint8_t *p, size_t n, bool json)
{
	if (json) {
		ob_ch(o, '"');
		ob_hexbytes_lc(o, p, n);
		ob_ch(o, '"');
	} else if (n == 0) {
		ob_str(o, "(empty)");
	} else {
		hex_bytes(o, p, n, true);
	}
}

static void
fit_note(struct obuf *o, const char *what, size_t n, const char *cmp,
	 size_t want)
{
	ob_str(o, " [");
	ob_str(o, what);
	ob_str(o, ": ");
	ob_u64(o, n, 0);
	ob_str(o, cmp);
	ob_u64(o, want, 0);
	ob_str(o, " bytes]");
}

static enum od_fit
fmt_any(struct obuf *o, uint16_t dtype, const uint8_t *p, size_t n,
	bool json)
{
	const struct od_type *t = od_type(dtype);
	size_t want;

	if (t == NULL) {
		fmt_raw(o, p, n, json);
		return OD_FIT_OK;
	}
	want = type_bytes(t);
	if (want == 0) {
		if (t->tclass == OD_TC_USTRING && n % 2) {
			fmt_value(o, t, p, n - 1, json);
			if (!json)
				ob_str(o, " [odd byte count]");
			return OD_FIT_LONG;
		}
		fmt_value(o, t, p, n, json);
		return OD_FIT_OK;
	}
	if (n < want) {
		fmt_raw(o, p, n, json);
		if (!json)
			fit_note(o, "short", n, " < ", want);
		return OD_FIT_SHORT;
	}
	fmt_value(o, t, p, want, json);
	if (n > want) {
		if (!json)
			fit_note(o, "long", n, " > ", want);
		return OD_FIT_LONG;
	}
	return OD_FIT_OK;
}

enum od_fit
od_fmt_text(struct obuf *o, uint16_t dtype, const uint8_t *p, size_t n)
{
	return fmt_any(o, dtype, p, n, false);
}

enum od_fit
od_fmt_json(struct obuf *o, uint16_t dtype, const uint8_t *p, size_t n)
{
	return fmt_any(o, dtype, p, n, true);
}
