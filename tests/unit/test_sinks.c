/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sinks.c - candump -L formatting (can-utils lib.c sprint_canframe),
 * the candump and pcap (LINKTYPE_CAN_SOCKETCAN) sinks, write failures */
#include "config.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sink.h"
#include "check.h"

static struct co_frame
frame(uint32_t id, uint16_t flags, uint8_t len, const char *hex)
{
	struct co_frame f;
	unsigned i;

	memset(&f, 0, sizeof(f));
	f.id = id;
	f.flags = flags;
	f.len = len;
	f.ts_ns = 1436509052249713000ull;
	memcpy(f.iface, "can0", 5);
	for (i = 0; hex && hex[2 * i] && i < CO_FD_MAX_DLEN; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		f.data[i] = (uint8_t)v;
	}
	return f;
}

static int
tok_is(const struct co_frame *f, const char *want)
{
	char buf[256];
	size_t n = sink_candump_fmt(buf, sizeof(buf), f);

	if (strcmp(buf, want) != 0 || n != strlen(want)) {
		printf("# got  '%s'\n# want '%s'\n", buf, want);
		return 0;
	}
	return 1;
}

static int
line_is(const struct co_frame *f, const char *want)
{
	char buf[256];
	size_t n = sink_candump_line(buf, sizeof(buf), f);

	if (strcmp(buf, want) != 0 || n != strlen(want)) {
		printf("# got  '%s'\n# want '%s'\n", buf, want);
		return 0;
	}
	return 1;
}

static void
test_tokens(void)
{
	struct co_frame f;
	char fd64[129];
	char buf[8];
	int i;

	f = frame(0x605, 0, 8, "4018100100000000");
	check(tok_is(&f, "605#4018100100000000"), "11-bit id, 8 bytes");
	f = frame(0x00A, 0, 3, "deadbe");
	check(tok_is(&f, "00A#DEADBE"), "3 zero-padded upper-case id digits");
	f = frame(0x705, 0, 0, NULL);
	check(tok_is(&f, "705#"), "zero-length data");
	f = frame(0x705, CO_F_EFF, 1, "7f");
	check(tok_is(&f, "00000705#7F"), "29-bit id: 8 digits");
	f = frame(0x1FFFFFFF, CO_F_EFF, 0, NULL);
	check(tok_is(&f, "1FFFFFFF#"), "largest 29-bit id");
	f = frame(0x705, CO_F_RTR, 0, NULL);
	check(tok_is(&f, "705#R"), "remote frame, length 0");
	f = frame(0x185, CO_F_RTR, 5, NULL);
	check(tok_is(&f, "185#R5"), "remote frame with requested length");
	f = frame(0x185, CO_F_RTR, 8, NULL);
	f.raw_dlc = 14;
	check(tok_is(&f, "185#R8_E"), "remote frame with raw DLC");
	f = frame(0x185, 0, 8, "1122334455667788");
	f.raw_dlc = 15;
	check(tok_is(&f, "185#1122334455667788_F"), "raw DLC suffix");
	f.len = 7;
	check(tok_is(&f, "185#11223344556677"), "raw DLC only with 8 bytes");
	f = frame(0x185, 0, 12, "1122334455667788990011");
	check(tok_is(&f, "185#1122334455667788"), "classic length capped at 8");
	f = frame(0x185, CO_F_FD, 12, "000102030405060708090A0B");
	f.fd_flags = CO_FD_BRS;
	check(tok_is(&f, "185##1000102030405060708090A0B"), "FD with BRS");
	f.fd_flags = 0;
	check(tok_is(&f, "185##0000102030405060708090A0B"), "FD, no flags");
	f.fd_flags = CO_FD_FDF | CO_FD_BRS | CO_FD_ESI;
	check(tok_is(&f, "185##7000102030405060708090A0B"),
	      "FD flags nibble as stored (kernel FDF kept)");
	f.len = 0;
	check(tok_is(&f, "185##7"), "FD without data");
	for (i = 0; i < 64; i++)
		snprintf(fd64 + 2 * i, 3, "%02X", i);
	f = frame(0x12345678, CO_F_EFF | CO_F_FD, 64, fd64);
	f.fd_flags = CO_FD_ESI;
	{
		char want[160] = "12345678##2";

		strcat(want, fd64);
		check(tok_is(&f, want), "64-byte FD frame, 29-bit id");
	}
	f = frame(0x04, CO_F_ERR, 8, "0004000000000000");
	check(tok_is(&f, "20000004#0004000000000000"),
	      "error frame: CAN_ERR_FLAG in the 8-digit id");
	f = frame(0x85, 0, 2, "0102");
	check(sink_candump_fmt(buf, 5, &f) == 4 && strcmp(buf, "085#") == 0,
	      "sink_candump_fmt truncates to the buffer");
}

static void
test_lines(void)
{
	struct co_frame f = frame(0x705, 0, 1, "7f");

	check(line_is(&f, "(1436509052.249713) can0 705#7F"), "a log line");
	f.ts_ns = 1999999999ull;
	check(line_is(&f, "(0000000001.999999) can0 705#7F"),
	      "seconds padded to 10 digits, microseconds truncated");
	f.ts_ns = 0;
	check(line_is(&f, "(0000000000.000000) can0 705#7F"), "time zero");
	f.ts_ns = 12345678901ull * 1000000000ull + 5000;
	check(line_is(&f, "(12345678901.000005) can0 705#7F"),
	      "11-digit seconds");
	memcpy(f.iface, "vcan 1\t", 8);
	f.ts_ns = 0;
	check(line_is(&f, "(0000000000.000000) vcan_1_ 705#7F"),
	      "blanks in the interface name become _");
	memset(f.iface, 'x', sizeof(f.iface));
	check(line_is(&f, "(0000000000.000000) xxxxxxxxxxxxxxxx 705#7F"),
	      "a 16-byte interface name without NUL is cut at 16");
	f.iface[0] = '\0';
	check(line_is(&f, "(0000000000.000000) can0 705#7F"),
	      "no interface name: can0");
	memcpy(f.iface, "can1", 5);
	f.flags |= CO_F_TX;
	check(line_is(&f, "(0000000000.000000) can1 705#7F"),
	      "sent frame without direction marking: plain candump -L");
	f.flags |= CO_F_DIR_MARK;
	check(line_is(&f, "(0000000000.000000) can1 705#7F T"),
	      "sent frame with direction marking: ' T' as candump -L -x");
	f.flags = CO_F_DIR_MARK;
	check(line_is(&f, "(0000000000.000000) can1 705#7F R"),
	      "explicit receive marker kept");
}

static char *
slurp(const char *path, size_t *n)
{
	static char buf[1 << 20];
	FILE *fp = fopen(path, "rb");

	*n = 0;
	if (fp == NULL)
		return NULL;
	*n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[*n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_candump_sink(const char *dir)
{
	char path[512];
	struct co_sink *s;
	struct co_frame f = frame(0x181, 0, 2, "0102");
	size_t n;
	char *txt;
	int i, rc = 0;

	snprintf(path, sizeof(path), "%s/out.log", dir);
	s = sink_candump_open(path);
	check(s != NULL, "sink_candump_open creates a file");
	if (s == NULL)
		return;
	for (i = 0; i < 3; i++) {
		f.ts_ns += 1000;
		rc |= s->write(s, &f);
	}
	check(rc == 0 && s->flush(s) == 0, "writes and flush succeed");
	txt = slurp(path, &n);
	check(txt && strcmp(txt, "(1436509052.249714) can0 181#0102\n"
			    "(1436509052.249715) can0 181#0102\n"
			    "(1436509052.249716) can0 181#0102\n") == 0,
	      "flush puts the lines in the file");
	check(s->nwritten == 3 && s->nerr == 0, "counters after flush");
	for (i = 0; i < 20000; i++)
		rc |= s->write(s, &f);
	check(s->close(s) == 0 && rc == 0, "close succeeds");
	txt = slurp(path, &n);
	check(n == 34u * 20003u, "20003 lines of 34 bytes in the file");
	unlink(path);
	check(sink_candump_open("/nonexistent/dir/x.log") == NULL &&
	      errno == ENOENT, "open failure: NULL and errno");
}

static void
test_candump_full(void)
{
	struct co_sink *s = sink_candump_open("/dev/full");
	struct co_frame f = frame(0x181, 0, 8, "0102030405060708");
	int i, fails = 0, first = -1;

	check(s != NULL, "sink_candump_open /dev/full");
	if (s == NULL)
		return;
	for (i = 0; i < 20000; i++)
		if (s->write(s, &f) != 0) {
			fails++;
			if (first < 0)
				first = i;
		}
	check(fails > 0 && first > 0, "writes fail once the buffer is pushed");
	check(strstr(s->msg, "/dev/full: No space left on device") != NULL,
	      "msg names the file and the reason");
	check(s->flush(s) == -1 && errno == ENOSPC, "flush fails with ENOSPC");
	check(s->nerr == 20000 && s->nwritten == 0,
	      "every lost frame is counted in nerr");
	s->write(s, &f);
	check(s->flush(s) == -1 && s->nerr == 20001,
	      "the sink stays usable: a later frame is tried and counted");
	s->write(s, &f);
	check(s->close(s) == -1 && errno == ENOSPC,
	      "close reports a failure of its last flush");
}

static void
test_pcap_sink(const char *dir)
{
	char path[512], eb[PCAP_ERRBUF_SIZE];
	struct co_sink *s;
	struct co_frame f[4];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *p;
	int ok = 1;

	f[0] = frame(0x605, 0, 8, "4018100100000000");
	f[0].raw_dlc = 12;
	f[0].ts_ns = 1700000000123456789ull;
	f[1] = frame(0x12345, CO_F_EFF | CO_F_RTR, 4, NULL);
	f[2] = frame(0x185, CO_F_FD, 12, "000102030405060708090A0B");
	f[2].fd_flags = CO_FD_BRS | 0x08;
	f[3] = frame(0x24, CO_F_ERR, 8, "0004000000000060");
	snprintf(path, sizeof(path), "%s/out.pcap", dir);
	s = sink_pcap_open(path);
	check(s != NULL, "sink_pcap_open creates a file");
	if (s == NULL)
		return;
	for (int i = 0; i < 4; i++)
		ok &= s->write(s, &f[i]) == 0;
	check(ok && s->close(s) == 0, "pcap writes and close succeed");
	p = pcap_open_offline_with_tstamp_precision(path,
			PCAP_TSTAMP_PRECISION_NANO, eb);
	check(p != NULL && pcap_datalink(p) == DLT_CAN_SOCKETCAN,
	      "libpcap reads it back: LINKTYPE_CAN_SOCKETCAN");
	if (p == NULL)
		return;
	check(pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO,
	      "nanosecond file");
	ok = pcap_next_ex(p, &h, &d) == 1 && h->caplen == 16 &&
	     h->ts.tv_sec == 1700000000 && h->ts.tv_usec == 123456789 &&
	     memcmp(d, "\x00\x00\x06\x05\x08\x00\x00\x0c"
		       "\x40\x18\x10\x01\x00\x00\x00\x00", 16) == 0;
	check(ok, "classic record: BE id, len, len8_dlc, data, ns time");
	ok = pcap_next_ex(p, &h, &d) == 1 && h->caplen == 16 &&
	     memcmp(d, "\xc0\x01\x23\x45\x04\x00\x00\x00"
		       "\x00\x00\x00\x00\x00\x00\x00\x00", 16) == 0;
	check(ok, "remote 29-bit record: EFF|RTR, requested length");
	ok = pcap_next_ex(p, &h, &d) == 1 && h->caplen == 72 &&
	     memcmp(d, "\x00\x00\x01\x85\x0c\x05\x00\x00", 8) == 0 &&
	     d[8] == 0 && d[19] == 0x0B && d[20] == 0 && d[71] == 0;
	check(ok, "FD record: 72 bytes, BRS|FDF, reserved flag bits dropped");
	ok = pcap_next_ex(p, &h, &d) == 1 && h->caplen == 16 &&
	     memcmp(d, "\x20\x00\x00\x24\x08\x00\x00\x00"
		       "\x00\x04\x00\x00\x00\x00\x00\x60", 16) == 0;
	check(ok, "error record: CAN_ERR_FLAG | classes");
	check(pcap_next_ex(p, &h, &d) == -2, "four records");
	pcap_close(p);
	unlink(path);
}

static void
test_pcap_full(void)
{
	struct co_sink *s = sink_pcap_open("/dev/full");
	struct co_frame f = frame(0x181, 0, 8, "0102030405060708");
	int i, fails = 0;

	check(s != NULL, "sink_pcap_open /dev/full (header is buffered)");
	if (s == NULL)
		return;
	for (i = 0; i < 20000; i++)
		fails += s->write(s, &f) != 0;
	check(fails > 0 && strstr(s->msg, "No space left on device"),
	      "pcap write failures reported in msg");
	check(s->flush(s) == -1, "pcap flush fails");
	check(s->nerr == 20000 && s->nwritten == 0,
	      "every lost pcap frame is counted");
	check(s->close(s) == 0, "close after a failed flush: nothing pending");
}

int
main(void)
{
	char dir[] = "/tmp/cosniff-sinks.XXXXXX";

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_tokens();
	test_lines();
	test_candump_sink(dir);
	test_candump_full();
	test_pcap_sink(dir);
	test_pcap_full();
	rmdir(dir);
	return check_done();
}
