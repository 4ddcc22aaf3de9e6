/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_od_value.c - CiA 301 data types: table, text and JSON formatting of
 * every type, size mismatches */
#include "config.h"

#include <string.h>

#include "od_value.h"
#include "check.h"

static char got[OBUF_SIZE];

/* Format as text; got holds the result. */
static enum od_fit
text(uint16_t t, const void *p, size_t n)
{
	struct obuf o;
	enum od_fit f;

	ob_reset(&o);
	f = od_fmt_text(&o, t, p, n);
	memcpy(got, o.b, o.len);
	got[o.len] = '\0';
	return f;
}

static enum od_fit
json(uint16_t t, const void *p, size_t n)
{
	struct obuf o;
	enum od_fit f;

	ob_reset(&o);
	f = od_fmt_json(&o, t, p, n);
	memcpy(got, o.b, o.len);
	got[o.len] = '\0';
	return f;
}

static int
is(const char *want)
{
	if (strcmp(got, want) == 0)
		return 1;
	printf("# got '%s', want '%s'\n", got, want);
	return 0;
}

static void
table(void)
{
	const struct od_type *t;
	int sorted = 1, named = 1;

	for (t = od_types; t->name != NULL; t++) {
		if (t[1].name != NULL && t[1].code <= t->code)
			sorted = 0;
		if (t->name[0] == '\0')
			named = 0;
	}
	check(sorted, "type table sorted by code, no duplicates");
	check(named, "type table has no empty names");
	check(od_type_bits(OD_INTEGER24) == 24 && od_type_bits(OD_UNSIGNED56)
	      == 56 && od_type_bits(OD_VISIBLE_STRING) == 0,
	      "sizes: INTEGER24 24, UNSIGNED56 56, strings variable");
	check(od_type(0x0017) == NULL && od_type(0x000E) == NULL,
	      "0017h and 000Eh are not types");
	check(strcmp(od_type_name(0x001B), "UNSIGNED64") == 0 &&
	      strcmp(od_type_name(0x0011), "REAL64") == 0 &&
	      strcmp(od_type_name(0x0010), "INTEGER24") == 0 &&
	      strcmp(od_type_name(0x0016), "UNSIGNED24") == 0,
	      "CiA 301 codes: 001Bh UNSIGNED64, 0011h REAL64, 0010h "
	      "INTEGER24, 0016h UNSIGNED24");
}

static void
integers(void)
{
	static const uint8_t ff[8] = { 0xff, 0xff, 0xff, 0xff,
				       0xff, 0xff, 0xff, 0xff };
	static const uint8_t min[8] = { 0, 0, 0, 0, 0, 0, 0, 0x80 };

	text(OD_BOOLEAN, "\x00", 1);
	check(is("false"), "BOOLEAN 0 is false");
	text(OD_BOOLEAN, "\x01", 1);
	check(is("true"), "BOOLEAN 1 is true");
	text(OD_BOOLEAN, "\x02", 1);
	check(is("2"), "BOOLEAN 2 shown as a number");
	json(OD_BOOLEAN, "\x01", 1);
	check(is("true"), "BOOLEAN JSON true");
	text(OD_INTEGER8, ff, 1);
	check(is("-1"), "INTEGER8 FF is -1");
	text(OD_INTEGER16, min + 6, 2);
	check(is("-32768"), "INTEGER16 0080 is -32768");
	text(OD_INTEGER24, min + 5, 3);
	check(is("-8388608"), "INTEGER24 minimum");
	text(OD_INTEGER32, ff, 4);
	check(is("-1"), "INTEGER32 -1");
	text(OD_INTEGER40, min + 3, 5);
	check(is("-549755813888"), "INTEGER40 minimum");
	text(OD_INTEGER48, min + 2, 6);
	check(is("-140737488355328"), "INTEGER48 minimum");
	text(OD_INTEGER56, min + 1, 7);
	check(is("-36028797018963968"), "INTEGER56 minimum");
	text(OD_INTEGER64, min, 8);
	check(is("-9223372036854775808"), "INTEGER64 minimum");
	json(OD_INTEGER16, "\x2e\xfb", 2);
	check(is("-1234"), "INTEGER16 JSON number");
	text(OD_UNSIGNED8, ff, 1);
	check(is("255"), "UNSIGNED8 max");
	text(OD_UNSIGNED16, "\x34\x12", 2);
	check(is("4660"), "UNSIGNED16 little-endian");
	text(OD_UNSIGNED24, ff, 3);
	check(is("16777215"), "UNSIGNED24 max");
	text(OD_UNSIGNED32, "\x78\x56\x34\x12", 4);
	check(is("305419896"), "UNSIGNED32 0x12345678");
	text(OD_UNSIGNED40, ff, 5);
	check(is("1099511627775"), "UNSIGNED40 max");
	text(OD_UNSIGNED48, ff, 6);
	check(is("281474976710655"), "UNSIGNED48 max");
	text(OD_UNSIGNED56, ff, 7);
	check(is("72057594037927935"), "UNSIGNED56 max");
	text(OD_UNSIGNED64, ff, 8);
	check(is("18446744073709551615"), "UNSIGNED64 max");
	json(OD_UNSIGNED32, "\x78\x56\x34\x12", 4);
	check(is("305419896"), "UNSIGNED32 JSON number");
}

static void
reals(void)
{
	static const uint8_t r32[4] = { 0, 0, 0xc0, 0x3f };
	static const uint8_t r64[8] = { 0, 0, 0, 0, 0, 0, 0xf8, 0xbf };
	static const uint8_t nan32[4] = { 0, 0, 0xc0, 0x7f };
	static const uint8_t inf32[4] = { 0, 0, 0x80, 0xff };

	text(OD_REAL32, r32, 4);
	check(is("1.5"), "REAL32 1.5");
	text(OD_REAL64, r64, 8);
	check(is("-1.5"), "REAL64 -1.5");
	json(OD_REAL32, r32, 4);
	check(is("1.5"), "REAL32 JSON number");
	text(OD_REAL32, nan32, 4);
	check(is("NaN"), "REAL32 NaN text");
	json(OD_REAL32, nan32, 4);
	check(is("\"NaN\""), "REAL32 NaN JSON is a string");
	json(OD_REAL32, inf32, 4);
	check(is("\"-Infinity\""), "REAL32 -inf JSON is a string");
}

static void
strings(void)
{
	static const uint8_t u16[] = { 'a', 0, 0xac, 0x20, '"', 0 };
	static const uint8_t tod[6] = { 0x95, 0x2c, 0xb3, 0x02, 0x12, 0x39 };
	static const uint8_t tdf[6] = { 0xfc, 0xce, 0x38, 0x00, 3, 0 };

	text(OD_VISIBLE_STRING, "abc\0\0", 5);
	check(is("\"abc\""), "VISIBLE_STRING trailing NULs dropped");
	text(OD_VISIBLE_STRING, "T\xb0" "C\t\"\\", 6);
	check(is("\"T\\xB0C\\t\\\"\\\\\""),
	      "VISIBLE_STRING Latin-1 byte, tab, quote, backslash escaped");
	text(OD_VISIBLE_STRING, "\xe2\x82\xac", 3);
	check(is("\"\xe2\x82\xac\""), "VISIBLE_STRING valid UTF-8 kept");
	json(OD_VISIBLE_STRING, "T\xb0\x01", 3);
	check(is("\"T\xc2\xb0\\u0001\""),
	      "VISIBLE_STRING JSON: Latin-1 as UTF-8, control escaped");
	text(OD_OCTET_STRING, "\x01\x02\xab", 3);
	check(is("01 02 AB"), "OCTET_STRING as hex bytes");
	json(OD_OCTET_STRING, "\x01\x02\xab", 3);
	check(is("\"0102ab\""), "OCTET_STRING JSON hex string");
	text(OD_UNICODE_STRING, u16, sizeof(u16));
	check(is("\"a\xe2\x82\xac\\\"\""), "UNICODE_STRING UTF-16LE to UTF-8");
	check(text(OD_UNICODE_STRING, u16, 3) == OD_FIT_LONG &&
	      is("\"a\" [odd byte count]"),
	      "UNICODE_STRING odd length flagged");
	text(OD_TIME_OF_DAY, tod, 6);
	check(is("2024-01-01 12:34:56.789"), "TIME_OF_DAY date and time");
	text(OD_TIME_OF_DAY, "\0\0\0\0\0\0", 6);
	check(is("1984-01-01 00:00:00.000"), "TIME_OF_DAY epoch 1984");
	json(OD_TIME_OF_DAY, tod, 6);
	check(is("\"2024-01-01 12:34:56.789\""), "TIME_OF_DAY JSON string");
	text(OD_TIME_DIFFERENCE, tdf, 6);
	check(is("3d 01:02:03.004"), "TIME_DIFFERENCE days and time");
	text(OD_DOMAIN, "\xde\xad", 2);
	check(is("DE AD"), "DOMAIN as hex bytes");
	json(OD_DOMAIN, "\xde\xad", 2);
	check(is("\"dead\""), "DOMAIN JSON hex string");
	text(0x0040, "\x01\x02", 2);
	check(is("01 02"), "unknown type as hex bytes");
}

static void
sizes(void)
{
	check(text(OD_UNSIGNED32, "\x01\x02", 2) == OD_FIT_SHORT &&
	      is("01 02 [short: 2 < 4 bytes]"), "too few bytes flagged");
	check(json(OD_UNSIGNED32, "\x01\x02", 2) == OD_FIT_SHORT &&
	      is("\"0102\""), "too few bytes: JSON hex string");
	check(text(OD_UNSIGNED16, "\x01\x00\x09", 3) == OD_FIT_LONG &&
	      is("1 [long: 3 > 2 bytes]"), "too many bytes flagged");
	check(json(OD_UNSIGNED16, "\x01\x00\x09", 3) == OD_FIT_LONG &&
	      is("1"), "too many bytes: JSON value of the first bytes");
	check(text(OD_BOOLEAN, "", 0) == OD_FIT_SHORT &&
	      is("(empty) [short: 0 < 1 bytes]"), "empty BOOLEAN flagged");
	check(text(OD_TIME_OF_DAY, "\0\0\0\0", 4) == OD_FIT_SHORT,
	      "TIME_OF_DAY needs 6 bytes");
	check(text(OD_REAL64, "\0\0\0\0", 4) == OD_FIT_SHORT,
	      "REAL64 needs 8 bytes");
	check(text(OD_VISIBLE_STRING, "", 0) == OD_FIT_OK && is("\"\""),
	      "empty string is fine");
	check(od_sext(0xA, 4) == -6 && od_sext(0x7, 4) == 7 &&
	      od_sext(0xFFFFFF, 24) == -1, "od_sext sign-extends bit fields");
}

int
main(void)
{
	table();
	integers();
	reals();
	strings();
	sizes();
	return check_done();
}
