/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cmd_ascii.c - CiA 309-3 request lines, value encoding and printing
 * (every type both ways), error texts */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../../src/cmd/cmd_ascii.h"

static struct cmd_req r;

static int
parses(const char *line)
{
	const char *why;

	return cmd_parse(line, &r, &why) == 0;
}

static void
test_parse(void)
{
	check(parses("[7] 1 5 read 0x1017 0 u16") && !strcmp(r.seq, "7") &&
	      r.net == 1 && r.node == 5 && r.verb == CMD_READ &&
	      !strcmp(r.obj, "0x1017") && r.sub == 0 && r.type &&
	      !strcmp(r.type->name, "u16"), "[seq] net node read idx sub type");
	check(parses("5 r 4119 2") && r.net == -1 && r.node == 5 &&
	      !r.type && !strcmp(r.obj, "4119") && r.sub == 2,
	      "node r, decimal index, no type");
	check(parses("w 0x2002 0 vs \"a \\\"b\\\" c\"") && r.node == -1 &&
	      r.verb == CMD_WRITE && !strcmp(r.value, "a \"b\" c"),
	      "write vs with quotes and escapes, default node");
	check(parses("w 0x2003 0 1000") && !r.type &&
	      !strcmp(r.value, "1000"), "write without type");
	check(parses("r 0x2000 0 d @out.bin") && r.has_value &&
	      !strcmp(r.value, "@out.bin"), "read to @FILE");
	check(parses("0 reset comm") && r.verb == CMD_NMT &&
	      r.nmt_cs == 0x82 && r.node == 0, "reset comm to all");
	check(parses("[x] preop") && r.nmt_cs == 0x80 && !strcmp(r.seq, "x"),
	      "preop");
	check(parses("set sdo_timeout 500") && r.verb == CMD_SET_TIMEOUT &&
	      r.num == 500, "set sdo_timeout");
	check(parses("  # comment") && r.verb == CMD_NONE, "comment line");
	check(parses("") && r.verb == CMD_NONE, "empty line");
	check(!parses("[3] 5 r 0x1017") && !strcmp(r.seq, "3"),
	      "read without sub: error, seq kept");
	check(!parses("5 r 0x1017 0 q16"), "unknown type");
	check(!parses("5 r 0x1017 256"), "sub 256");
	check(!parses("200 start"), "node 200");
	check(!parses("5 start now"), "words after start");
	check(!parses("5 w 0x2002 0 vs \"open"), "unbalanced quote");
	check(!parses("5 jump"), "unknown verb");
}

/* text -> bytes (hex) -> text */
static void
both(const char *type, const char *text, const char *hex, const char *back)
{
	const struct cmd_type *t = cmd_type_find(type);
	char got[256], what[160];
	uint8_t *p = NULL;
	size_t n = 0, i;
	FILE *fp;
	int ok;

	ok = t && cmd_encode(t, text, &p, &n, &(const char *){ 0 }) == 0 &&
	     n * 2 == strlen(hex);
	for (i = 0; ok && i < n; i++) {
		unsigned b;

		sscanf(hex + 2 * i, "%2x", &b);
		ok = p[i] == b;
	}
	memset(got, 0, sizeof(got));
	fp = fmemopen(got, sizeof(got) - 1, "w");
	if (ok && fp) {
		cmd_print_value(fp, t, p, n);
	}
	if (fp)
		fclose(fp);
	snprintf(what, sizeof(what), "%s %s = %s, printed %s", type, text,
		 hex, back);
	check(ok && !strcmp(got, back), what);
	free(p);
}

static void
refused(const char *type, const char *text)
{
	const struct cmd_type *t = cmd_type_find(type);
	const char *why;
	uint8_t *p = NULL;
	size_t n;
	char what[96];

	snprintf(what, sizeof(what), "%s '%s' refused", type, text);
	check(cmd_encode(t, text, &p, &n, &why) != 0, what);
	free(p);
}

static void
test_values(void)
{
	both("b", "true", "01", "1");
	both("i8", "-128", "80", "-128");
	both("i16", "-123", "85FF", "-123");
	both("i24", "-1", "FFFFFF", "-1");
	both("i32", "0x7fffffff", "FFFFFF7F", "2147483647");
	both("i64", "-2", "FEFFFFFFFFFFFFFF", "-2");
	both("u8", "255", "FF", "255");
	both("u16", "1000", "E803", "1000");
	both("u40", "0x0102030405", "0504030201", "4328719365");
	both("u64", "18446744073709551615", "FFFFFFFFFFFFFFFF",
	     "18446744073709551615");
	both("x32", "0xABCD", "CDAB0000", "0x0000ABCD");
	both("r32", "21.5", "0000AC41", "21.5");
	both("r64", "-0.25", "000000000000D0BF", "-0.25");
	both("t", "12345:600000", "C0270900" "3930", "12345:600000");
	both("vs", "hi \"x\"", "686920227822", "\"hi \\\"x\\\"\"");
	both("us", "Ab", "41006200", "\"Ab\"");
	both("os", "0a1B", "0A1B", "0a1b");
	both("d", "", "", "\"\"");
	refused("u8", "256");
	refused("i8", "128");
	refused("i8", "-129");
	refused("u16", "-1");
	refused("u16", "12x");
	refused("b", "2");
	refused("r32", "abc");
	refused("d", "abc");
	refused("t", "12");
}

int
main(void)
{
	test_parse();
	test_values();
	check(cmd_type_of(0x0007) && !strcmp(cmd_type_of(0x0007)->name, "u32"),
	      "UNSIGNED32 is u32, not x32");
	check(!strcmp(cmd_err_text(CMD_ERR_SYNTAX), "Syntax error") &&
	      cmd_err_text(999) == NULL, "error texts");
	return check_done();
}
