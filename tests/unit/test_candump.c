/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_candump.c - candump log/screen reader: exact parsed fields of every
 * dialect (can-utils lib.h grammar, candump.c screen output), malformed
 * lines, line bookkeeping and buffer boundaries */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "source.h"
#include "check.h"

/* One line in, one result out: what next() returned and the fields. */
struct tcase {
	const char *line;
	int rc;
	uint32_t id;
	uint16_t flags;
	uint8_t len, raw_dlc, fd_flags, ts_digits;
	uint64_t ts_ns;
	const char *iface;
	const char *data;      /* hex of data[0..len) */
	const char *msg;       /* substring of src->msg for SRC_BAD */
};

#define T_S 1000000000ull

static const struct tcase cases[] = {
	/* candump -l, 11 and 29 bit, empty, separators, markers */
	{ "(1700000000.000100) can0 123#DEADBEEF", SRC_FRAME, 0x123, 0, 4, 0,
	  0, 6, 1700000000 * T_S + 100000, "can0", "deadbeef", NULL },
	{ "(1700000000.000100) can0 12345678#00", SRC_FRAME, 0x12345678,
	  CO_F_EFF, 1, 0, 0, 6, 1700000000 * T_S + 100000, "can0", "00",
	  NULL },
	{ "(1.5) can0 00000123#", SRC_FRAME, 0x123, CO_F_EFF, 0, 0, 0, 6,
	  1500000000ull, "can0", "", NULL },
	{ "(1.5) can0 000#", SRC_FRAME, 0, 0, 0, 0, 0, 6, 1500000000ull,
	  "can0", "", NULL },
	{ "(0.000001) can0 7FF#11.22.33", SRC_FRAME, 0x7ff, 0, 3, 0, 0, 6,
	  1000, "can0", "112233", NULL },
	{ "(0.000001) can0 7ff#.11.2233.", SRC_FRAME, 0x7ff, 0, 3, 0, 0, 6,
	  1000, "can0", "112233", NULL },
	{ "(0.000001) can0 123#aabb T", SRC_FRAME, 0x123, CO_F_TX | CO_F_DIR_MARK, 2, 0, 0, 6,
	  1000, "can0", "aabb", NULL },
	{ "(0.000001) can0 123#aabb R", SRC_FRAME, 0x123, CO_F_DIR_MARK, 2, 0,
	  0, 6, 1000, "can0", "aabb", NULL },
	{ "(0.000001)   vcan0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 6, 1000,
	  "vcan0", "", NULL },
	{ "(0.000001) can0 123#1122334455667788_C", SRC_FRAME, 0x123, 0, 8,
	  12, 0, 6, 1000, "can0", "1122334455667788", NULL },
	/* remote frames */
	{ "(0.000001) can0 123#R", SRC_FRAME, 0x123, CO_F_RTR, 0, 0, 0, 6,
	  1000, "can0", "", NULL },
	{ "(0.000001) can0 123#r5", SRC_FRAME, 0x123, CO_F_RTR, 5, 0, 0, 6,
	  1000, "can0", "", NULL },
	{ "(0.000001) can0 1FFFFFFF#R8_F", SRC_FRAME, 0x1fffffff,
	  CO_F_RTR | CO_F_EFF, 8, 15, 0, 6, 1000, "can0", "", NULL },
	/* timestamps: ns, zero-based, odd digit counts */
	{ "(1700000000.123456789) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 9,
	  1700000000 * T_S + 123456789, "can0", "", NULL },
	{ "(000.123456) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 6,
	  123456000, "can0", "", NULL },
	{ "(5.123) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 6, 5123000000ull,
	  "can0", "", NULL },
	{ "(5.1234567) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 6,
	  5123456700ull, "can0", "", NULL },
	{ "(5.12345678) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 9,
	  5123456780ull, "can0", "", NULL },
	{ "(5.123456789123) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 9,
	  5123456789ull, "can0", "", NULL },
	/* the 10.6-digit fast path and its edges */
	{ "(0000000009.999999) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 6,
	  9999999000ull, "can0", "", NULL },
	{ "(9999999999.000001) can0 123#", SRC_FRAME, 0x123, 0, 0, 0, 0, 6,
	  9999999999 * T_S + 1000, "can0", "", NULL },
	{ "(1234567890.123456)can0 123#", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "expected blank after timestamp" },
	{ "(123456789:.123456) can0 123#", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "bad timestamp '(123456789:.123456'" },
	{ "(1234567890.12345/) can0 123#", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "bad timestamp" },
	{ "(/234567890.123456) can0 123#", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "bad timestamp" },
	/* CAN FD */
	{ "(0.000001) can0 123##4", SRC_FRAME, 0x123, CO_F_FD, 0, 0, 4, 6,
	  1000, "can0", "", NULL },
	{ "(0.000001) can0 123##5112233445566778899AABBCC", SRC_FRAME, 0x123,
	  CO_F_FD, 12, 0, 5, 6, 1000, "can0", "112233445566778899aabbcc",
	  NULL },
	{ "(0.000001) can0 12345678##7.01.02", SRC_FRAME, 0x12345678,
	  CO_F_FD | CO_F_EFF, 2, 0, 7, 6, 1000, "can0", "0102", NULL },
	{ "(0.000001) can0 123##1AA", SRC_FRAME, 0x123, CO_F_FD, 1, 0, 1, 6,
	  1000, "can0", "aa", NULL },
	/* error frames */
	{ "(0.000001) can0 20000004#0004000000000000", SRC_FRAME, 4, CO_F_ERR,
	  8, 0, 0, 6, 1000, "can0", "0004000000000000", NULL },
	{ "(0.000001) can0 20000080#", SRC_FRAME, 0x80, CO_F_ERR, 0, 0, 0, 6,
	  1000, "can0", "", NULL },
	/* screen format */
	{ "  can0  123   [4]  DE AD BE EF", SRC_FRAME, 0x123, 0, 4, 0, 0, 6, 0,
	  "can0", "deadbeef", NULL },
	{ "  can0  12345678   [8]  01 02 03 04 05 06 07 08", SRC_FRAME,
	  0x12345678, CO_F_EFF, 8, 0, 0, 6, 0, "can0", "0102030405060708",
	  NULL },
	{ "  can0       123   [0]", SRC_FRAME, 0x123, 0, 0, 0, 0, 6, 0, "can0",
	  "", NULL },
	{ "  can0  123   [4]  remote request", SRC_FRAME, 0x123, CO_F_RTR, 4, 0,
	  0, 6, 0, "can0", "", NULL },
	{ "  can0  123  [12]  01 02 03 04 05 06 07 08 09 0A 0B 0C", SRC_FRAME,
	  0x123, CO_F_FD, 12, 0, 4, 6, 0, "can0", "0102030405060708090a0b0c",
	  NULL },
	{ "  can0  20000004   [8]  00 04 00 00 00 00 00 00   ERRORFRAME",
	  SRC_FRAME, 4, CO_F_ERR, 8, 0, 0, 6, 0, "can0", "0004000000000000",
	  NULL },
	{ "  can0  123   [2]  41 42                     'AB'", SRC_FRAME, 0x123,
	  0, 2, 0, 0, 6, 0, "can0", "4142", NULL },
	{ " (1700000000.250000)  can0  123   [1]  FF", SRC_FRAME, 0x123, 0, 1,
	  0, 0, 6, 1700000000 * T_S + 250000000, "can0", "ff", NULL },
	{ " (2024-01-01 12:00:00.123456)  can0  123   [1]  FF", SRC_FRAME,
	  0x123, 0, 1, 0, 0, 6, 1704110400 * T_S + 123456000, "can0", "ff",
	  NULL },
	{ " (000.000200)  can0  123   [1]  FF", SRC_FRAME, 0x123, 0, 1, 0, 0,
	  6, 200000, "can0", "ff", NULL },
	{ "  can0  TX B -  123  [08]  01 02 03 04 05 06 07 08", SRC_FRAME,
	  0x123, CO_F_FD | CO_F_TX | CO_F_DIR_MARK, 8, 0, 5, 6, 0, "can0", "0102030405060708",
	  NULL },
	{ "  can0  RX - -  123   [1]  01", SRC_FRAME, 0x123, CO_F_DIR_MARK, 1,
	  0, 0, 6, 0, "can0", "01", NULL },
	{ "  can0  123   {D}  01 02 03 04 05 06 07 08", SRC_FRAME, 0x123, 0, 8,
	  13, 0, 6, 0, "can0", "0102030405060708", NULL },
	/* candump -c colours */
	{ "  \033[1m\033[34mvcan0\033[0m  123   [1]  01", SRC_FRAME, 0x123, 0,
	  1, 0, 0, 6, 0, "vcan0", "01", NULL },
	{ " (1.000001)  \033[1m\033[31m vcan0  124   [1]  02\033[0m",
	  SRC_FRAME, 0x124, 0, 1, 0, 0, 6, 1000001000ull, "vcan0", "02",
	  NULL },
	/* a UTF-8 byte order mark before the first line */
	{ "\xEF\xBB\xBF(1.000001) can0 123#01", SRC_FRAME, 0x123, 0, 1, 0, 0,
	  6, 1000001000ull, "can0", "01", NULL },
	/* no timestamp, log-style frame */
	{ "can0 123#01", SRC_FRAME, 0x123, 0, 1, 0, 0, 6, 0, "can0", "01",
	  NULL },
	/* malformed */
	{ "(0.1) can0 1G3#00", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "bad CAN id '1G3'" },
	{ "(0.1) can0 1234#00", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "bad CAN id '1234'" },
	{ "(0.1) can0 000000123#00", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "bad CAN id '000000123' (need 3 or 8 hex digits)" },
	{ "(0.1) can0 800#00", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "11-bit CAN id '800' out of range" },
	{ "(0.1) can0 C0000001#00", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "flag bits" },
	{ "(0.1) can0 123#123", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "odd number of hex digits in data" },
	{ "(0.1) can0 123#11ZZ", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "bad hex digit 'Z' in data" },
	{ "(0.1) can0 123#112233445566778899", SRC_BAD, 0, 0, 0, 0, 0, 0, 0,
	  NULL, NULL, "data longer than 8 bytes in a classic frame" },
	{ "(0.1) can0 123##4" "11223344556677889900112233445566778899001122"
	  "33445566778899001122334455667788990011223344556677889900112233"
	  "445566778899000102030405", SRC_BAD, 0, 0, 0, 0, 0, 0, 0,
	  NULL, NULL, "data longer than 64 bytes" },
	{ "(0.1) can0 123##", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "missing CAN FD flags digit" },
	{ "(0.1) can0 123#R9", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "remote frame length 9 > 8" },
	{ "(0.1) can0 123#11_9", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "raw DLC suffix" },
	{ "(0.1) can0 20000004##400", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "error frame cannot be a CAN FD frame" },
	{ "(0.1) can0 20000004#R", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "error frame cannot be a remote frame" },
	{ "(0.1) can0 12345#00:00:00000000#11", SRC_BAD, 0, 0, 0, 0, 0, 0, 0,
	  NULL, NULL, "CAN XL frame not supported" },
	{ "(0.1) can0 123###11", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "CAN XL frame not supported" },
	{ "  can0  123   [0064] (00|80:00:00000000) 11", SRC_BAD, 0, 0, 0, 0,
	  0, 0, 0, NULL, NULL, "CAN XL frame not supported" },
	{ "(1700000000.000100 can0 123#11", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "missing timestamp close paren" },
	{ "(17x0.1) can0 123#11", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "bad timestamp '(17x0.1'" },
	{ "(1.) can0 123#11", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "bad timestamp" },
	{ "(99999999999.0) can0 123#11", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "timestamp out of range" },
	{ "(0.1) can0", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "missing CAN frame after interface 'can0'" },
	{ "(0.1) 123#11", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "missing interface name" },
	{ "(0.1) can0 123#11 X", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "unexpected 'X' after frame" },
	{ "  can0  123   [4]  DE AD BE", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "3 data bytes for length 4" },
	{ "  can0  123   [2]  DE AD BE", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL,
	  NULL, "more data bytes than length 2" },
	{ "  can0  123  [65]  01", SRC_BAD, 0, 0, 0, 0,
	  0, 0, 0, NULL, NULL, "CAN FD length 65 > 64" },
	{ "  can0  123   4  DE", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "expected '[len]'" },
	{ "hello world", SRC_BAD, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
	  "not a candump line: expected a CAN frame after 'hello', "
	  "got 'world'" },
};

static void
to_hex(char *out, const uint8_t *d, unsigned n)
{
	static const char hx[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hx[d[i] >> 4];
		out[2 * i + 1] = hx[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* A source over text (look-ahead) followed by /dev/null. */
static struct co_source *
open_text(const char *text, size_t n, int *fd)
{
	const char *why;

	*fd = open("/dev/null", O_RDONLY);
	return src_candump_fdopen(*fd, "t", text, n, false, &why);
}

static int
one_case(const struct tcase *c)
{
	struct co_source *s;
	struct co_frame f;
	char hex[160];
	int fd, rc, ok = 1;

	s = open_text(c->line, strlen(c->line), &fd);
	if (s == NULL)
		return 0;
	rc = s->next(s, &f);
	if (rc != c->rc) {
		printf("# '%s': rc %d, want %d (%s)\n", c->line, rc, c->rc,
		       s->msg);
		ok = 0;
	} else if (rc == SRC_BAD) {
		if (strstr(s->msg, c->msg) == NULL || s->pos != 1 ||
		    s->nbad != 1) {
			printf("# '%s': msg '%s', want '%s'\n", c->line,
			       s->msg, c->msg);
			ok = 0;
		}
	} else {
		to_hex(hex, f.data, co_frame_is_rtr(&f) ? 0 : f.len);
		if (f.id != c->id || f.flags != c->flags || f.len != c->len ||
		    f.raw_dlc != c->raw_dlc || f.fd_flags != c->fd_flags ||
		    f.ts_digits != c->ts_digits || f.ts_ns != c->ts_ns ||
		    strcmp(f.iface, c->iface) != 0 ||
		    strcmp(hex, c->data) != 0 || f.pos != 1) {
			printf("# '%s': id %X flags %X len %u dlc %u fd %X "
			       "dig %u ts %llu if '%s' data %s pos %llu\n",
			       c->line, f.id, f.flags, f.len, f.raw_dlc,
			       f.fd_flags, f.ts_digits,
			       (unsigned long long)f.ts_ns, f.iface, hex,
			       (unsigned long long)f.pos);
			ok = 0;
		}
	}
	if (s->next(s, &f) != SRC_EOF)
		ok = 0;
	s->close(s);
	close(fd);
	return ok;
}

/* Run text through a source, recording rc and pos of every item. */
static int
run(const char *text, size_t n, int *rcs, uint64_t *pos, int max,
    struct co_source **keep)
{
	struct co_source *s;
	struct co_frame f;
	int fd, k = 0, rc;

	s = open_text(text, n, &fd);
	while (k < max && (rc = s->next(s, &f)) != SRC_EOF) {
		rcs[k] = rc;
		pos[k] = rc == SRC_FRAME ? f.pos : s->pos;
		k++;
	}
	close(fd);
	*keep = s;
	return k;
}

/* FD lengths between DLC steps (any length on vcan): read, noted once */
static void
test_fd_len(void)
{
	static const char text[] =
		"(0.1) can0 123##10102030405060708090A0B0C0D0E0F1011121314151617\n"
		"  can0  123  [09]  01 02 03 04 05 06 07 08 09\n";
	struct co_source *s;
	struct co_frame f;
	int fd, rc1, rc2, rc3, rc4;

	s = open_text(text, sizeof(text) - 1, &fd);
	rc1 = s->next(s, &f);
	check(rc1 == SRC_NOTE && strstr(s->msg, "length 23 is not a DLC "
	      "step: a bus sends it as 24 bytes (DLC 12)") != NULL,
	      "FD length 23: noted with the rounding");
	rc2 = s->next(s, &f);
	check(rc2 == SRC_FRAME && f.len == 23 && f.data[22] == 0x17,
	      "FD length 23: the frame as logged");
	rc3 = s->next(s, &f);
	check(rc3 == SRC_FRAME && f.len == 9 && co_frame_is_fd(&f),
	      "screen [09]: read, the note is not repeated");
	rc4 = s->next(s, &f);
	check(rc4 == SRC_EOF && s->nbad == 0, "no line rejected");
	s->close(s);
	close(fd);
}

static void
test_lines(void)
{
	static const char text[] =
		"\n"
		"# a comment\n"
		"(0.1) can0 123#11\r\n"
		"   \t \n"
		"(0.2) can0 12#11\n"
		" (0.25)  can0  20000004   [8]  00 04 00 00 00 00 00 00   ERRORFRAME\n"
		"\tcontroller-problem{rx-error-warning}\n"
		"\terror-counter-tx-rx{{0}{96}}\n"
		"DROPCOUNT: dropped 3 CAN frames on 'can0' socket "
		"(total drops 7)\n"
		"\tstray tab line\n"
		"(0.3) can0 124#22";
	int rcs[16];
	uint64_t pos[16];
	struct co_source *s;
	int n;

	n = run(text, sizeof(text) - 1, rcs, pos, 16, &s);
	check(n == 6, "lines: 6 items from 11 lines");
	check(rcs[0] == SRC_FRAME && pos[0] == 3, "CRLF line is line 3");
	check(rcs[1] == SRC_BAD && pos[1] == 5, "bad line 5 after blank");
	check(rcs[2] == SRC_FRAME && pos[2] == 6, "error frame at line 6");
	check(rcs[3] == SRC_DROP && pos[3] == 9 && s->drop_delta == 3 &&
	      s->ndrop == 3, "-e lines skipped; DROPCOUNT: 3 frames, line 9");
	check(rcs[4] == SRC_BAD && pos[4] == 10,
	      "a tab line not after an error frame is not skipped");
	check(rcs[5] == SRC_NOTE && pos[5] == 11 &&
	      strstr(s->msg, "partial line, 17 bytes ignored") != NULL,
	      "last line without newline: cut short, noted, not read");
	check(s->nframes == 2 && s->nbad == 2, "counts: 2 frames, 2 bad");
	s->close(s);
}

static void
test_nul_and_long(void)
{
	static char text[3000];
	int rcs[8];
	uint64_t pos[8];
	struct co_source *s;
	size_t n = 0;
	int k;

	memcpy(text + n, "(0.1) can0 123#1\0002\n", 20);
	n += 20;
	memset(text + n, 'A', 2000);
	n += 2000;
	text[n++] = '\n';
	memcpy(text + n, "(0.2) can0 123#11\n", 18);
	n += 18;
	k = run(text, n, rcs, pos, 8, &s);
	check(k == 3 && rcs[0] == SRC_BAD && pos[0] == 1,
	      "embedded NUL: bad line 1");
	check(k == 3 && rcs[1] == SRC_BAD && pos[1] == 2,
	      "over-long line: bad line 2");
	check(k == 3 && rcs[2] == SRC_FRAME && pos[2] == 3,
	      "resync after the long line");
	s->close(s);
}

/* Lines cross the 256 KiB read buffer many times; over-long lines longer
 * than the buffer are skipped without losing the following line. */
static void
test_big_file(void)
{
	char path[] = "/tmp/test_candump.XXXXXX";
	struct co_source *s;
	struct co_frame f;
	const char *why;
	FILE *fp;
	int fd, rc, i, ok = 1, nbad = 0;
	unsigned n = 0;

	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	for (i = 0; i < 40000; i++) {
		fprintf(fp, "(%d.%06d) can%d %08X#%08X\n", i, i % 1000000,
			i % 10, (unsigned)i, (unsigned)i * 7u);
		if (i == 20000) {
			int j;

			for (j = 0; j < 300000; j++)
				fputc('x', fp);
			fputc('\n', fp);
		}
	}
	fclose(fp);
	s = src_candump_open(path, &why);
	while ((rc = s->next(s, &f)) != SRC_EOF) {
		if (rc == SRC_BAD) {
			nbad++;
			continue;
		}
		if (rc != SRC_FRAME || f.id != n || f.len != 4 ||
		    f.data[3] != (uint8_t)(n * 7u) ||
		    f.ts_ns != (uint64_t)n * T_S + n * 1000ull)
			ok = 0;
		n++;
	}
	check(ok && n == 40000, "40000 frames across buffer refills");
	check(nbad == 1 && s->nbad == 1, "one 300 kB line reported once");
	check(s->pos == 40001, "line count includes the long line");
	s->close(s);
	unlink(path);
}

static void
test_iface_cut(void)
{
	static const char text[] =
		"(0.1) a_very_long_interface_name 123#11\n"
		"(0.2) a_very_long_interface_name 124#22\n";
	struct co_source *s;
	struct co_frame f;
	int fd, rc1, rc2, rc3;

	s = open_text(text, sizeof(text) - 1, &fd);
	rc1 = s->next(s, &f);
	check(rc1 == SRC_NOTE && strstr(s->msg, "a_very_long_int") != NULL,
	      "long interface name: one note");
	rc2 = s->next(s, &f);
	check(rc2 == SRC_FRAME && f.id == 0x123 &&
	      strcmp(f.iface, "a_very_long_int") == 0 && f.pos == 1,
	      "then the frame with the cut name");
	rc3 = s->next(s, &f);
	check(rc3 == SRC_FRAME && f.id == 0x124, "no second note");
	s->close(s);
	close(fd);
}

/* A candump log that began with timestamps must keep them (a log line
 * without one is bad and says so in bad_no_ts); one that began without
 * them may have them later; screen lines are under no such rule. */
static void
test_ts_rule(void)
{
	static const char timed[] =
		"(0.1) can0 123#11\n"
		"can0 124#22\n"
		"(0.3) can0 125#33\n"
		"  can0  126   [1]  44\n"
		"(0.5) can0 12#55\n"
		"can0 127#66\n"
		"can0 128#77\n"
		"(0.8) can0 129#88\n";
	static const char untimed[] =
		"can0 123#11\n"
		"(0.2) can0 124#22\n"
		"can0 125#33\n";
	static const int want[] = { SRC_FRAME, SRC_BAD, SRC_FRAME, SRC_FRAME,
		SRC_BAD, SRC_BAD, SRC_BAD, SRC_FRAME };
	static const bool no_ts[] = { false, true, false, false, false, true,
		true, false };
	struct co_source *s;
	struct co_frame f;
	int fd, k, rc, ok = 1;

	s = open_text(timed, sizeof(timed) - 1, &fd);
	for (k = 0; k < 8; k++) {
		rc = s->next(s, &f);
		if (rc != want[k] || (rc == SRC_BAD && (s->bad_no_ts !=
		    no_ts[k] || (no_ts[k] && strstr(s->msg, "no timestamp, "
		    "unlike the lines before") == NULL))))
			ok = 0;
	}
	check(ok && s->next(s, &f) == SRC_EOF && s->nframes == 4 &&
	      s->nbad == 4, "timed log: lines without a timestamp are bad "
	      "(and say so), a screen line is not, other bad lines are not "
	      "'no timestamp'");
	s->close(s);
	close(fd);
	s = open_text(untimed, sizeof(untimed) - 1, &fd);
	for (k = 0, ok = 1; k < 3; k++)
		ok &= s->next(s, &f) == SRC_FRAME;
	check(ok && s->next(s, &f) == SRC_EOF && s->nbad == 0,
	      "log without timestamps: one with them later, then without");
	s->close(s);
	close(fd);
}

static void
test_pipe(void)
{
	static const char text[] = "(1.000002) can0 123#11\n";
	struct co_source *s;
	struct co_frame f;
	const char *why;
	int p[2], rc;

	if (pipe(p) != 0) {
		check(0, "pipe");
		return;
	}
	if (write(p[1], text + 4, sizeof(text) - 5) < 0)
		check(0, "write");
	close(p[1]);
	s = src_candump_fdopen(p[0], CO_STDIN_NAME, text, 4, false, &why);
	rc = s->next(s, &f);
	check(rc == SRC_FRAME && f.ts_ns == 1000002000ull && f.id == 0x123,
	      "look-ahead bytes plus descriptor (stdin path)");
	check(strcmp(s->name, "(stdin)") == 0, "stdin is named (stdin)");
	s->close(s);
	close(p[0]);
}

int
main(void)
{
	size_t i;
	char what[200];

	setenv("TZ", "UTC0", 1);   /* candump -t A dates are local time */
	tzset();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(what, sizeof(what), "%s", cases[i].line);
		check(one_case(&cases[i]), what);
	}
	test_lines();
	test_nul_and_long();
	test_big_file();
	test_iface_cut();
	test_pipe();
	test_fd_len();
	test_ts_rule();
	return check_done();
}
