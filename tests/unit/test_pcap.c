/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_pcap.c - pcap/pcapng reader: exact fields from the capture files
 * tests/mkpcaps.py writes (LINKTYPE_CAN_SOCKETCAN, SLL, SLL2) */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "source.h"
#include "check.h"

struct want {
	int rc;
	uint32_t id;
	uint16_t flags;
	uint8_t len, raw_dlc, fd_flags;
	uint64_t ts_ns;
};

#define T_S 1700000000000000000ull

static const struct want classic_ns[] = {
	{ SRC_FRAME, 0x123, 0, 3, 0, 0, T_S + 123456789 },
	{ SRC_FRAME, 0x12345678, CO_F_EFF, 8, 0, 0, T_S + 123456790 },
	{ SRC_FRAME, 0x7ff, 0, 0, 0, 0, T_S + 200000000 },
	{ SRC_FRAME, 0x6f5, CO_F_RTR, 1, 0, 0, T_S + 1000000000 },
	{ SRC_FRAME, 0x1fffffff, CO_F_RTR | CO_F_EFF, 8, 15, 0,
	  T_S + 1000000001 },
	{ SRC_FRAME, 0x6a1, 0, 8, 12, 0, T_S + 1000000002 },
	{ SRC_FRAME, 0x04, CO_F_ERR, 8, 0, 0, T_S + 2000000000 },
	{ SRC_FRAME, 0x80, CO_F_ERR, 0, 0, 0, T_S + 2000000001 },
};

static const struct want fd_ng[] = {
	{ SRC_FRAME, 0x123, CO_F_FD, 12, 0, CO_FD_FDF | CO_FD_BRS, T_S + 1 },
	{ SRC_FRAME, 0x1abcdef0, CO_F_FD | CO_F_EFF, 64, 0,
	  CO_FD_FDF | CO_FD_ESI, T_S + 2 },
	{ SRC_FRAME, 0x124, CO_F_FD, 2, 0, 0, T_S + 3 },    /* 72 bytes */
	{ SRC_FRAME, 0x125, CO_F_FD, 0, 0, CO_FD_FDF, T_S + 4 },
	{ SRC_FRAME, 0x126, 0, 1, 0, 0, T_S + 5 },
};

static const struct want sll[] = {
	{ SRC_FRAME, 0x123, 0, 2, 0, 0, T_S + 100000 },
	{ SRC_FRAME, 0x12345678, CO_F_EFF | CO_F_TX, 1, 0, 0, T_S + 200000 },
	{ SRC_FRAME, 0x124, CO_F_FD, 16, 0, CO_FD_BRS, T_S + 300000 },
	{ SRC_BAD, 0, 0, 0, 0, 0, 0 },
	{ SRC_BAD, 0, 0, 0, 0, 0, 0 },
	{ SRC_FRAME, 0x6f5, CO_F_RTR, 1, 0, 0, T_S + 600000 },
};

static const struct want sll2[] = {
	{ SRC_FRAME, 0x123, 0, 2, 0, 0, T_S + 100000 },
	{ SRC_FRAME, 0x124, CO_F_FD | CO_F_TX, 8, 0, CO_FD_FDF | CO_FD_ESI,
	  T_S + 200000 },
	{ SRC_FRAME, 0x10, CO_F_ERR, 8, 0, 0, T_S + 300000 },
};

/* Read file and compare every item with w[0..n); digits and iface are
 * the same for the whole file. */
static void
check_file(const char *name, const struct want *w, size_t n,
	   uint8_t digits, const char *iface)
{
	char path[1024], what[200];
	const char *top = getenv("top_srcdir");
	const char *why;
	struct co_source *s;
	struct co_frame f;
	size_t i = 0;
	int rc, ok = 1;

	snprintf(path, sizeof(path), "%s/tests/logs/%s", top ? top : ".",
		 name);
	s = src_file_open(path, &why);
	if (s == NULL) {
		check(0, name);
		return;
	}
	while ((rc = s->next(s, &f)) != SRC_EOF && rc != SRC_ERR) {
		if (i >= n || rc != w[i].rc || s->pos != i + 1) {
			ok = 0;
			break;
		}
		if (rc == SRC_FRAME &&
		    (f.id != w[i].id || f.flags != w[i].flags ||
		     f.len != w[i].len || f.raw_dlc != w[i].raw_dlc ||
		     f.fd_flags != w[i].fd_flags || f.ts_ns != w[i].ts_ns ||
		     f.ts_digits != digits || f.pos != i + 1 ||
		     strcmp(f.iface, iface) != 0)) {
			printf("# %s #%zu: id %X flags %X len %u dlc %u fd %X "
			       "ts %llu dig %u if %s\n", name, i + 1, f.id,
			       f.flags, f.len, f.raw_dlc, f.fd_flags,
			       (unsigned long long)f.ts_ns, f.ts_digits,
			       f.iface);
			ok = 0;
		}
		i++;
	}
	snprintf(what, sizeof(what), "%s: %zu items, fields as written", name,
		 n);
	check(ok && i == n && rc == SRC_EOF, what);
	s->close(s);
}

/* pc-multi.pcapng: 3000 packets alternating can0 (us) / vcan1 (ns), then
 * a second section whose interface 0 is vcan5. */
static int
check_multi(struct co_source *s)
{
	struct co_frame f;
	int rc, i = 0, ok = 1;

	while ((rc = s->next(s, &f)) == SRC_FRAME) {
		const char *want = i == 3000 ? "vcan5" : i % 2 ? "vcan1" : "can0";
		uint8_t dig = i == 3000 || i % 2 ? 9 : 6;

		if (strcmp(f.iface, want) != 0 || f.ts_digits != dig ||
		    (i < 3000 && (f.len != 2 ||
				  (f.data[0] << 8 | f.data[1]) != i))) {
			if (ok)
				printf("# packet %d: %s, %u digits\n", i,
				       f.iface, f.ts_digits);
			ok = 0;
		}
		i++;
	}
	return ok && rc == SRC_EOF && i == 3001;
}

/* The same file through a pipe in chunks of 1 to 7 bytes: the walker
 * must follow blocks across any read boundary. */
static int
multi_through_pipe(const char *path)
{
	struct co_source *s;
	const char *why;
	int p[2], fd, ok;
	pid_t pid;

	if (pipe(p) != 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		char b[8];
		ssize_t n;
		unsigned k = 0;

		close(p[0]);
		fd = open(path, O_RDONLY);
		while ((n = read(fd, b, 1 + k++ % 7)) > 0)
			if (write(p[1], b, (size_t)n) != n)
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	s = src_pcap_fdopen(p[0], "pipe", NULL, 0, true, &why);
	ok = s != NULL && check_multi(s);
	if (s)
		s->close(s);
	waitpid(pid, NULL, 0);
	return ok;
}

int
main(void)
{
	char path[1024];
	const char *top = getenv("top_srcdir");
	const char *why;
	struct co_source *s;

	check_file("pc-classic-ns.pcap", classic_ns,
		   sizeof(classic_ns) / sizeof(classic_ns[0]), 9, "can0");
	check_file("pc-fd.pcapng", fd_ng, sizeof(fd_ng) / sizeof(fd_ng[0]),
		   9, "vcan1");
	check_file("pc-sll.pcap", sll, sizeof(sll) / sizeof(sll[0]), 6,
		   "can0");
	check_file("pc-sll2.pcap", sll2, sizeof(sll2) / sizeof(sll2[0]), 6,
		   "can0");
	snprintf(path, sizeof(path), "%s/tests/logs/pc-multi.pcapng",
		 top ? top : ".");
	s = src_file_open(path, &why);
	check(s != NULL && check_multi(s),
	      "pcapng, 2 sections, 3 interfaces: name and digits per packet");
	if (s)
		s->close(s);
	check(multi_through_pipe(path),
	      "the same through a pipe in 1..7-byte chunks");
	return check_done();
}
