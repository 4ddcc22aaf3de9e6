/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_live.c - host-side parts of live capture: candump filter syntax
 * (candump.c), link status lines, the rotating sink (tcpdump -C/-G/-W) */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/can/netlink.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include "link.h"
#include "sink_rotate.h"
#include "sink.h"
#include "src_socketcan.h"
#include "check.h"

static void
test_spec(void)
{
	struct ifspec sp;
	const char *why = NULL;

	check(ifspec_parse("can0", &sp, &why) == 0 &&
	      strcmp(sp.iface, "can0") == 0 && sp.nfilt == 0 &&
	      sp.err_mask == 0x1FFFFFFFu && !sp.join,
	      "bare interface: no filter, every error class");
	check(ifspec_parse("can0,123:7FF,400:700,#000000FF", &sp, &why)
	      == 0 && sp.nfilt == 2 && sp.filt[0].id == 0x123 &&
	      sp.filt[0].mask == 0x7FF && sp.filt[1].id == 0x400 &&
	      sp.filt[1].mask == 0x700 && sp.err_mask == 0xFF,
	      "id:mask filters and #errmask (candump -h example)");
	check(ifspec_parse("can2,400~7F0", &sp, &why) == 0 &&
	      sp.filt[0].id == (0x400 | IFSPEC_FILTER_INV) &&
	      sp.filt[0].mask == 0x7F0, "id~mask sets CAN_INV_FILTER");
	check(ifspec_parse("vcan0,00000123:1FFFFFFF,j", &sp, &why) == 0 &&
	      sp.filt[0].id == (0x123 | IFSPEC_FILTER_EFF) && sp.join,
	      "8-digit id means 29-bit; j joins");
	check(ifspec_parse("any,0~0,#FFFFFFFF", &sp, &why) == 0 &&
	      sp.filt[0].id == IFSPEC_FILTER_INV && sp.filt[0].mask == 0 &&
	      sp.err_mask == 0x1FFFFFFFu,
	      "any,0~0,#FFFFFFFF: errors only (mask limited to classes)");
	check(ifspec_parse("can0,#0", &sp, &why) == 0 && sp.err_mask == 0,
	      "#0 turns error frames off");
	check(ifspec_parse("can0,123:FFFFFFFF", &sp, &why) == 0 &&
	      sp.filt[0].mask == 0xDFFFFFFFu,
	      "the error flag is never part of a data filter mask");
	check(ifspec_parse("can0,12G:7FF", &sp, &why) == -1 && why,
	      "bad hex digit rejected");
	check(ifspec_parse("can0,123", &sp, &why) == -1,
	      "filter without mask rejected");
	check(ifspec_parse("can0,,123:7FF", &sp, &why) == -1,
	      "empty filter rejected");
	check(ifspec_parse("can0,123456789:7FF", &sp, &why) == -1,
	      "9-digit id rejected");
	check(ifspec_parse(",123:7FF", &sp, &why) == -1,
	      "empty interface name rejected");
	check(ifspec_parse("abcdefghijklmnop", &sp, &why) == -1,
	      "16-character interface name rejected");
}

static void
test_link_fmt(void)
{
	struct co_link l;
	char buf[512];

	memset(&l, 0, sizeof(l));
	strcpy(l.iface, "vcan0");
	strcpy(l.kind, "vcan");
	l.exists = l.up = l.is_virtual = true;
	link_fmt(buf, sizeof(buf), &l);
	check(strcmp(buf, "vcan0: virtual (vcan), no controller, up") == 0,
	      "vcan is virtual, not an error");
	check(link_bitrate(&l) == 0, "virtual link: no bitrate");

	memset(&l, 0, sizeof(l));
	strcpy(l.iface, "can0");
	strcpy(l.kind, "can");
	l.exists = l.has_state = l.has_bt = l.has_dbt = l.has_berr = true;
	l.has_restart = true;
	l.state = LINK_ST_ERROR_PASSIVE;
	l.bitrate = 500000;
	l.sample_point = 875;
	l.dbitrate = 2000000;
	l.dsample_point = 750;
	l.txerr = 128;
	l.rxerr = 3;
	l.restart_ms = 100;
	link_fmt(buf, sizeof(buf), &l);
	check(strcmp(buf, "can0: error-passive 500000 bit/s sp 87.5% data "
		     "2000000 bit/s sp 75.0% tx-err 128 rx-err 3 "
		     "restart-ms 100, down") == 0,
	      "controller line: state, timing, FD data phase, counters");
	check(link_bitrate(&l) == 500000, "bitrate exposed for bus load");
	check(strcmp(link_state_name(LINK_ST_BUS_OFF), "bus-off") == 0 &&
	      strcmp(link_state_name(LINK_ST_SLEEPING), "sleeping") == 0,
	      "state names");
	link_fmt(buf, 12, &l);
	check(strlen(buf) == 11, "link_fmt truncates to the buffer");
}

/* Append an attribute at *off in buf; returns its offset. */
static size_t
put_attr(char *buf, size_t *off, unsigned short type, const void *data,
	 size_t len)
{
	struct rtattr *a = (struct rtattr *)(buf + *off);
	size_t at = *off;

	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	if (data)
		memcpy(RTA_DATA(a), data, len);
	*off += RTA_ALIGN(a->rta_len);
	return at;
}

/* Close a nest opened at 'at' (its length covers everything after). */
static void
end_nest(char *buf, size_t at, size_t off)
{
	((struct rtattr *)(buf + at))->rta_len = (unsigned short)(off - at);
}

static void
test_link_parse(void)
{
	static char buf[1024] __attribute__((aligned(4)));
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct can_bittiming dbt;
	struct co_link l;
	size_t off, li, data;
	uint32_t state = CAN_STATE_ERROR_ACTIVE;

	memset(buf, 0, sizeof(buf));
	memset(&dbt, 0, sizeof(dbt));
	dbt.bitrate = 2000000;
	dbt.sample_point = 800;
	nh->nlmsg_type = RTM_NEWLINK;
	ifi->ifi_flags = IFF_UP;
	off = NLMSG_LENGTH(sizeof(*ifi));
	li = put_attr(buf, &off, IFLA_LINKINFO, NULL, 0);
	put_attr(buf, &off, IFLA_INFO_KIND, "can", 4);
	data = put_attr(buf, &off, IFLA_INFO_DATA, NULL, 0);
	put_attr(buf, &off, IFLA_CAN_STATE, &state, sizeof(state));
	put_attr(buf, &off, IFLA_CAN_DATA_BITTIMING, &dbt, sizeof(dbt));
	end_nest(buf, data, off);
	end_nest(buf, li, off);
	nh->nlmsg_len = (uint32_t)off;
	memset(&l, 0, sizeof(l));
	check(link_parse_reply(buf, off, &l) == 0 && l.up &&
	      strcmp(l.kind, "can") == 0,
	      "rtnetlink reply: link kind and IFF_UP");
	check(l.has_dbt && l.dbitrate == 2000000 && l.dsample_point == 800,
	      "rtnetlink reply: CAN FD data bit timing");

	memset(buf, 0, sizeof(buf));
	nh->nlmsg_type = RTM_NEWLINK;
	off = NLMSG_LENGTH(sizeof(*ifi));
	li = put_attr(buf, &off, IFLA_LINKINFO, NULL, 0);
	put_attr(buf, &off, IFLA_INFO_KIND, "vcan", 5);
	end_nest(buf, li, off);
	nh->nlmsg_len = (uint32_t)off;
	memset(&l, 0, sizeof(l));
	check(link_parse_reply(buf, off, &l) == 0 && !l.up &&
	      strcmp(l.kind, "vcan") == 0 && !l.has_dbt,
	      "rtnetlink reply: vcan, down, no timing");

	nh->nlmsg_type = NLMSG_ERROR;
	((struct nlmsgerr *)NLMSG_DATA(nh))->error = -ENODEV;
	nh->nlmsg_len = NLMSG_LENGTH(sizeof(struct nlmsgerr));
	errno = 0;
	check(link_parse_reply(buf, nh->nlmsg_len, &l) == -1 &&
	      errno == ENODEV, "rtnetlink error reply: errno");
	check(link_parse_reply(buf, 3, &l) == -1 && errno == EIO,
	      "truncated reply: EIO");
}

static struct co_frame
frame_at(uint64_t sec, uint32_t id)
{
	struct co_frame f;

	memset(&f, 0, sizeof(f));
	f.ts_ns = sec * 1000000000ull;
	f.id = id;
	f.len = 8;
	strcpy(f.iface, "can0");
	return f;
}

static long
fsize(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int
count_lines(const char *path)
{
	FILE *fp = fopen(path, "r");
	int c, n = 0;

	if (fp == NULL)
		return -1;
	while ((c = getc(fp)) != EOF)
		n += c == '\n';
	fclose(fp);
	return n;
}

static void
test_rotate_size(const char *dir)
{
	struct rotate_opts o = { .max_bytes = 2000 };
	char path[256], name[300];
	struct co_sink *s;
	struct co_frame f;
	int i, total = 0, files = 0, bad = 0;

	snprintf(path, sizeof(path), "%s/size.log", dir);
	s = sink_rotate_open(path, sink_candump_open, &o);
	check(s != NULL && fsize(path) == 0, "first file created at open");
	for (i = 0; s && i < 500; i++) {
		f = frame_at(1700000000 + (uint64_t)i, (uint32_t)i);
		s->write(s, &f);
	}
	check(s && s->close(s) == 0, "rotating sink closes");
	for (i = 0; i < 100; i++) {
		long sz;

		sink_rotate_name(name, sizeof(name), path, (uint32_t)i);
		if ((sz = fsize(name)) < 0)
			break;
		files++;
		total += count_lines(name);
		/* all but the last file end just past the limit */
		sink_rotate_name(name, sizeof(name), path, (uint32_t)i + 1);
		if (fsize(name) >= 0 && (sz < 2000 || sz > 2000 + 80))
			bad++;
	}
	check(total == 500, "every frame in exactly one file");
	check(files >= 10 && bad == 0,
	      "FILE, FILE.1, ...: each ends within one line past 2000 bytes");
}

static void
test_rotate_time(const char *dir)
{
	struct rotate_opts o = { .period_s = 10, .max_files = 3 };
	char path[256], name[300];
	struct co_sink *s;
	struct co_frame f;
	uint64_t t;
	int n0, n1, n2;

	snprintf(path, sizeof(path), "%s/time.log", dir);
	s = sink_rotate_open(path, sink_candump_open, &o);
	/* 1700000000 is a multiple of 10: slots of 10 s frame time */
	for (t = 0; s && t < 45; t++) {
		f = frame_at(1700000000 + t, 0x100);
		s->write(s, &f);
	}
	if (s)
		s->close(s);
	/* slots 0..4, ring of 3: FILE (slot 3), FILE.1 (4), FILE.2 (2) */
	n0 = count_lines(path);
	sink_rotate_name(name, sizeof(name), path, 1);
	n1 = count_lines(name);
	sink_rotate_name(name, sizeof(name), path, 2);
	n2 = count_lines(name);
	check(n0 == 10 && n1 == 5 && n2 == 10,
	      "--rotate-time 10 --rotate-files 3: ring of three slot files");
	sink_rotate_name(name, sizeof(name), path, 3);
	check(fsize(name) < 0, "no fourth file");
}

static void
test_rotate_strftime(const char *dir)
{
	struct rotate_opts o = { .period_s = 60 };
	char path[256], name[300];
	struct co_sink *s;
	struct co_frame f;

	setenv("TZ", "UTC0", 1);
	snprintf(path, sizeof(path), "%s/cap-%%H%%M.log", dir);
	s = sink_rotate_open(path, sink_candump_open, &o);
	f = frame_at(1700000000, 1);   /* 22:13:20 UTC */
	check(s && s->write(s, &f) == 0, "pattern: first write opens");
	f = frame_at(1700000070, 2);
	check(s && s->write(s, &f) == 0, "pattern: next minute");
	if (s)
		s->close(s);
	snprintf(name, sizeof(name), "%s/cap-2213.log", dir);
	check(count_lines(name) == 1, "strftime name from the first frame");
	snprintf(name, sizeof(name), "%s/cap-2214.log", dir);
	check(count_lines(name) == 1, "second file named by its frame");
}

static void
test_rotate_fail(const char *dir)
{
	struct rotate_opts o = { .max_bytes = 1000 };
	char path[256];
	struct co_sink *s;

	snprintf(path, sizeof(path), "%s/no/such/dir.log", dir);
	errno = 0;
	s = sink_rotate_open(path, sink_candump_open, &o);
	check(s == NULL && errno == ENOENT, "open failure: NULL, errno");
}

int
main(void)
{
	char dir[] = "/tmp/cosniff-live.XXXXXX";
	char cmd[64];

	test_spec();
	test_link_fmt();
	test_link_parse();
	if (mkdtemp(dir) == NULL) {
		check(0, "mkdtemp");
		return check_done();
	}
	test_rotate_size(dir);
	test_rotate_time(dir);
	test_rotate_strftime(dir);
	test_rotate_fail(dir);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		check(0, "cleanup");
	return check_done();
}
