/* SPDX-License-Identifier: GPL-2.0-or-later */
/* link.c - CAN link status (linux/can/netlink.h): controller state, bit
 * timing, error counters via libsocketcan; link kind and CAN FD data
 * bit timing via one rtnetlink RTM_GETLINK request */
#include "config.h"
#include "link.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <libsocketcan.h>
#include <linux/can/netlink.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "tok.h"

static const struct co_tok state_names[] = {
	{ LINK_ST_UNKNOWN, "unknown" },
	{ LINK_ST_ERROR_ACTIVE, "error-active" },
	{ LINK_ST_ERROR_WARNING, "error-warning" },
	{ LINK_ST_ERROR_PASSIVE, "error-passive" },
	{ LINK_ST_BUS_OFF, "bus-off" },
	{ LINK_ST_STOPPED, "stopped" },
	{ LINK_ST_SLEEPING, "sleeping" },
	{ 0, NULL },
};

/* The tables above, for the table invariant test (test_tables). */
const struct co_table_ref link_tables[] = {
	{ "link state_names", state_names, NULL },
	{ NULL, NULL, NULL },
};

const char *
link_state_name(enum co_link_state s)
{
	return tok_str(state_names, (uint32_t)s, "unknown");
}

/* ---- rtnetlink: IFLA_LINKINFO {IFLA_INFO_KIND, IFLA_INFO_DATA} ---- */

struct nl_req {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
};

/* IFLA_CAN_* and IFLA_INFO_XSTATS attributes present in the reply:
 * libsocketcan prints to stderr for every attribute it does not find, so
 * it is only asked for what the driver reports. */
struct nl_seen {
	uint32_t can;            /* 1 << IFLA_CAN_* */
	bool xstats, stats64;
};

/* What parsing one reply fills. */
struct nl_parse {
	struct co_link *l;
	struct nl_seen seen;
};

/* Walk the attributes in [p, p+len) calling fn for each. */
static void
rta_walk(const void *p, size_t len,
	 void (*fn)(const struct rtattr *a, struct nl_parse *pc),
	 struct nl_parse *pc)
{
	const struct rtattr *a = p;
	unsigned int left = (unsigned int)len;

	for (; RTA_OK(a, left); a = RTA_NEXT(a, left))
		fn(a, pc);
}

static void
can_attr(const struct rtattr *a, struct nl_parse *pc)
{
	struct co_link *l = pc->l;
	struct can_bittiming bt;

	if (a->rta_type < 32)
		pc->seen.can |= 1u << a->rta_type;
	if (a->rta_type != IFLA_CAN_DATA_BITTIMING ||
	    RTA_PAYLOAD(a) < sizeof(bt))
		return;
	memcpy(&bt, RTA_DATA(a), sizeof(bt));
	if (bt.bitrate == 0)
		return;
	l->has_dbt = true;
	l->dbitrate = bt.bitrate;
	l->dsample_point = bt.sample_point;
}

static void
info_attr(const struct rtattr *a, struct nl_parse *pc)
{
	struct co_link *l = pc->l;
	size_t n = RTA_PAYLOAD(a);

	if (a->rta_type == IFLA_INFO_KIND) {
		if (n >= sizeof(l->kind))
			n = sizeof(l->kind) - 1;
		memcpy(l->kind, RTA_DATA(a), n);
		l->kind[n] = '\0';
	} else if (a->rta_type == IFLA_INFO_DATA) {
		rta_walk(RTA_DATA(a), n, can_attr, pc);
	} else if (a->rta_type == IFLA_INFO_XSTATS) {
		pc->seen.xstats = true;
	}
}

static void
link_attr(const struct rtattr *a, struct nl_parse *pc)
{
	if (a->rta_type == IFLA_LINKINFO)
		rta_walk(RTA_DATA(a), RTA_PAYLOAD(a), info_attr, pc);
	else if (a->rta_type == IFLA_STATS64)
		pc->seen.stats64 = true;
}

static int
parse_reply(const void *buf, size_t len, struct nl_parse *pc)
{
	const struct nlmsghdr *nh = buf;
	unsigned int left = (unsigned int)len;

	memset(&pc->seen, 0, sizeof(pc->seen));
	for (; NLMSG_OK(nh, left); nh = NLMSG_NEXT(nh, left)) {
		const struct ifinfomsg *ifi = NLMSG_DATA(nh);

		if (nh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(nh);

			errno = e->error ? -e->error : EIO;
			return -1;
		}
		if (nh->nlmsg_type != RTM_NEWLINK)
			continue;
		pc->l->up = (ifi->ifi_flags & IFF_UP) != 0;
		rta_walk(IFLA_RTA(ifi), IFLA_PAYLOAD(nh), link_attr, pc);
		return 0;
	}
	errno = EIO;
	return -1;
}

int
link_parse_reply(const void *buf, size_t len, struct co_link *l)
{
	struct nl_parse pc = { l, { 0, false, false } };

	return parse_reply(buf, len, &pc);
}

/* Ask the kernel about interface ifindex; *seen says which attributes
 * the reply had. */
static int
nl_query(int ifindex, struct co_link *l, struct nl_seen *seen)
{
	struct nl_parse pc = { l, { 0, false, false } };
	char buf[16384];
	struct timeval tv = { 1, 0 };
	struct nl_req req;
	ssize_t n;
	int fd, rc = -1;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifi));
	req.nh.nlmsg_type = RTM_GETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.nh.nlmsg_seq = 1;
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0)
		goto fail_close;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n > 0)
		rc = parse_reply(buf, (size_t)n, &pc);
	*seen = pc.seen;
fail_close:
	close(fd);
	return rc;
}

/* ---- libsocketcan: the can_dev driver's view ---- */

static bool
has(const struct nl_seen *seen, int ifla_can)
{
	return (seen->can & 1u << ifla_can) != 0;
}

static void
query_controller(struct co_link *l, const struct nl_seen *seen)
{
	struct can_bittiming bt;
	struct can_berr_counter bc;
	struct can_ctrlmode cm;
	struct can_device_stats ds;
	__u32 ms;
	int st;

	if (has(seen, IFLA_CAN_STATE) && can_get_state(l->iface, &st) == 0 &&
	    st >= 0 && st <= CAN_STATE_SLEEPING) {
		l->has_state = true;
		l->state = (enum co_link_state)(st + 1);
	}
	memset(&bt, 0, sizeof(bt));
	if (has(seen, IFLA_CAN_BITTIMING) &&
	    can_get_bittiming(l->iface, &bt) == 0 && bt.bitrate) {
		l->has_bt = true;
		l->bitrate = bt.bitrate;
		l->sample_point = bt.sample_point;
	}
	if (has(seen, IFLA_CAN_BERR_COUNTER) &&
	    can_get_berr_counter(l->iface, &bc) == 0) {
		l->has_berr = true;
		l->txerr = bc.txerr;
		l->rxerr = bc.rxerr;
	}
	if (has(seen, IFLA_CAN_RESTART_MS) &&
	    can_get_restart_ms(l->iface, &ms) == 0) {
		l->has_restart = true;
		l->restart_ms = ms;
	}
	if (has(seen, IFLA_CAN_CTRLMODE) &&
	    can_get_ctrlmode(l->iface, &cm) == 0)
		l->ctrlmode = cm.flags;
	if (seen->xstats && can_get_device_stats(l->iface, &ds) == 0) {
		l->has_counters = true;
		l->cnt.bus_error = ds.bus_error;
		l->cnt.error_warning = ds.error_warning;
		l->cnt.error_passive = ds.error_passive;
		l->cnt.bus_off = ds.bus_off;
		l->cnt.arbitration_lost = ds.arbitration_lost;
		l->cnt.restarts = ds.restarts;
	}
}

static void
query_stats(struct co_link *l, const struct nl_seen *seen)
{
	struct rtnl_link_stats64 s;

	if (!seen->stats64 || can_get_link_stats(l->iface, &s) != 0)
		return;
	l->has_stats = true;
	l->cnt.rx_packets = s.rx_packets;
	l->cnt.tx_packets = s.tx_packets;
	l->cnt.rx_errors = s.rx_errors;
	l->cnt.tx_errors = s.tx_errors;
	l->cnt.rx_dropped = s.rx_dropped;
	l->cnt.rx_over_errors = s.rx_over_errors;
	l->cnt.rx_fifo_errors = s.rx_fifo_errors;
}

int
link_query(const char *iface, struct co_link *l)
{
	struct nl_seen seen = { 0, false, false };
	unsigned int idx;

	memset(l, 0, sizeof(*l));
	snprintf(l->iface, sizeof(l->iface), "%s", iface);
	idx = if_nametoindex(iface);
	if (idx == 0) {
		errno = ENODEV;
		return -1;
	}
	l->exists = true;
	if (nl_query((int)idx, l, &seen) < 0)
		return -1;
	l->is_virtual = strcmp(l->kind, "vcan") == 0 ||
			strcmp(l->kind, "vxcan") == 0;
	query_stats(l, &seen);
	/* a virtual link has no controller: asking would only fail */
	if (!l->is_virtual && strcmp(l->kind, "can") == 0)
		query_controller(l, &seen);
	return 0;
}

/* ---- formatting ---- */

struct lbuf {
	char *p;
	size_t size, len;
};

static void
lb_add(struct lbuf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + 1 >= b->size)
		return;
	if (n > b->size - 1 - b->len)
		n = b->size - 1 - b->len;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
lb_num(struct lbuf *b, const char *pre, unsigned long long v,
       const char *post)
{
	char t[32];

	snprintf(t, sizeof(t), "%llu", v);
	lb_add(b, pre);
	lb_add(b, t);
	lb_add(b, post);
}

/* " 500000 bit/s sp 87.5%" */
static void
lb_timing(struct lbuf *b, const char *what, uint32_t rate, uint32_t sp)
{
	lb_num(b, what, rate, " bit/s");
	if (sp) {
		lb_num(b, " sp ", sp / 10, ".");
		lb_num(b, "", sp % 10, "%");
	}
}

static void
lb_controller(struct lbuf *b, const struct co_link *l)
{
	lb_add(b, " ");
	lb_add(b, l->has_state ? link_state_name(l->state) : "state-unknown");
	if (l->has_bt)
		lb_timing(b, " ", l->bitrate, l->sample_point);
	if (l->has_dbt)
		lb_timing(b, " data ", l->dbitrate, l->dsample_point);
	if (l->has_berr) {
		lb_num(b, " tx-err ", l->txerr, "");
		lb_num(b, " rx-err ", l->rxerr, "");
	}
	if (l->has_restart)
		lb_num(b, " restart-ms ", l->restart_ms, "");
	if (l->ctrlmode & CAN_CTRLMODE_LISTENONLY)
		lb_add(b, " listen-only");
	if (l->has_counters) {
		lb_num(b, " bus-errors ", l->cnt.bus_error, "");
		lb_num(b, " error-warn ", l->cnt.error_warning, "");
		lb_num(b, " error-pass ", l->cnt.error_passive, "");
		lb_num(b, " bus-off ", l->cnt.bus_off, "");
		lb_num(b, " arb-lost ", l->cnt.arbitration_lost, "");
		lb_num(b, " restarts ", l->cnt.restarts, "");
	}
}

size_t
link_fmt(char *buf, size_t size, const struct co_link *l)
{
	struct lbuf b = { buf, size, 0 };

	if (size == 0)
		return 0;
	buf[0] = '\0';
	lb_add(&b, l->iface);
	lb_add(&b, ":");
	if (!l->exists) {
		lb_add(&b, " no such device");
		return b.len;
	}
	if (l->is_virtual) {
		lb_add(&b, " virtual (");
		lb_add(&b, l->kind);
		lb_add(&b, "), no controller");
	} else if (strcmp(l->kind, "can") == 0) {
		lb_controller(&b, l);
	} else {
		lb_add(&b, " kind ");
		lb_add(&b, l->kind[0] ? l->kind : "unknown");
	}
	lb_add(&b, l->up ? ", up" : ", down");
	if (l->has_stats) {
		lb_num(&b, ", rx-dropped ", l->cnt.rx_dropped, "");
		lb_num(&b, " rx-overruns ", l->cnt.rx_over_errors, "");
	}
	return b.len;
}
