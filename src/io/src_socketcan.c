/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_socketcan.c - live capture from SocketCAN CAN_RAW sockets (Linux
 * Documentation/networking/can.rst): CAN FD, error frames, kernel
 * filters, timestamps, drop counts, interfaces going down and away */
#include "config.h"
#include "src_socketcan.h"

#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/can.h>
#include <linux/can/raw.h>
#include <linux/errqueue.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/net_tstamp.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>

#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

#define SC_BATCH 64               /* frames per recvmmsg() */
#define SC_CMSG_LEN 128           /* timestamps + drop counter */
#define SC_HK_NS 1000000000ull    /* housekeeping period (link checks) */
#define SC_NAME_CACHE 32          /* ifindex -> name cache entries */

/* One interface: its socket and the batch last read from it. */
struct sc_if {
	struct ifspec spec;
	int fd;                     /* -1 while the interface is gone */
	int ifindex;                /* 0 for "any" */
	bool hwts;                  /* SO_TIMESTAMPING with hardware stamps */
	bool down;                  /* ENETDOWN seen, not up again yet */
	bool gone;                  /* unregistered (ip link del) */
	uint64_t since_ns;          /* monotonic time it went down/away */
	uint32_t drops;             /* kernel drop counter seen so far */
	uint64_t empty_ns;          /* wall clock when last found empty */
	uint64_t read_ns;           /* wall clock before the batch's read */
	int pend_err;               /* read error not reported yet */
	int n, cur;                 /* frames in the batch, next to deliver */
	struct mmsghdr msg[SC_BATCH];
	struct iovec iov[SC_BATCH];
	struct sockaddr_can addr[SC_BATCH];
	struct canfd_frame frame[SC_BATCH];
	uint64_t ts_ns[SC_BATCH];   /* decoded on refill, for merging */
	uint32_t dropc[SC_BATCH];   /* SO_RXQ_OVFL counter with each */
	union {
		char buf[SC_CMSG_LEN];
		struct cmsghdr align;
	} cmsg[SC_BATCH];
};

struct sc_name {
	int ifindex;
	char name[CO_IFNAMSIZ];
};

struct sc_priv {
	struct socketcan_opts opts;
	int nif;
	bool refill;                /* a batch ran empty: read all empty ones */
	uint64_t next_hk_ns;        /* monotonic time of next housekeeping */
	int hk_pos;                 /* interface housekeeping resumes at */
	int ctl;                    /* AF_CAN socket for ioctls */
	uint64_t stop_ns;           /* src_socketcan_stop_at(), 0 = none */
	struct sc_name names[SC_NAME_CACHE];
	int nnames;
	struct sc_if ifs[];
};

static char why_buf[320];

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- command-line spec: IFACE[,ID:MASK|,ID~MASK|,#ERR|,j]... ---- */

/* Parse exactly the hex digits in [s, end); false unless 1..8 digits. */
static bool
parse_hex(const char *s, const char *end, uint32_t *v)
{
	uint32_t x = 0;
	const char *p;

	if (end <= s || end - s > 8)
		return false;
	for (p = s; p < end; p++) {
		int c = *p, d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		x = x << 4 | (uint32_t)d;
	}
	*v = x;
	return true;
}

/* One filter item of length len at s. */
static int
parse_item(const char *s, size_t len, struct ifspec *sp, const char **why)
{
	const char *end = s + len, *sep;
	struct ifspec_filter *f;

	if (len == 1 && (*s == 'j' || *s == 'J')) {
		sp->join = true;
		return 0;
	}
	if (*s == '#') {
		if (!parse_hex(s + 1, end, &sp->err_mask)) {
			*why = "bad error mask (want #HEX)";
			return -1;
		}
		sp->err_mask &= CAN_ERR_MASK;
		return 0;
	}
	for (sep = s; sep < end && *sep != ':' && *sep != '~'; sep++)
		;
	if (sp->nfilt >= IFSPEC_MAX_FILTERS) {
		*why = "too many filters";
		return -1;
	}
	f = &sp->filt[sp->nfilt];
	if (sep == end || !parse_hex(s, sep, &f->id) ||
	    !parse_hex(sep + 1, end, &f->mask)) {
		*why = "bad filter (want ID:MASK, ID~MASK, #ERRMASK or j)";
		return -1;
	}
	/* candump: an 8-digit id means a 29-bit frame; never match on the
	 * error flag through a data filter */
	f->mask &= ~(uint32_t)CAN_ERR_FLAG;
	f->id &= ~(uint32_t)CAN_ERR_FLAG;
	if (sep - s == 8)
		f->id |= CAN_EFF_FLAG;
	if (*sep == '~')
		f->id |= CAN_INV_FILTER;
	sp->nfilt++;
	return 0;
}

int
ifspec_parse(const char *arg, struct ifspec *sp, const char **why)
{
	const char *p = strchr(arg, ','), *q;
	size_t n = p ? (size_t)(p - arg) : strlen(arg);

	memset(sp, 0, sizeof(*sp));
	sp->err_mask = CAN_ERR_MASK;
	if (n == 0 || n >= CO_IFNAMSIZ) {
		*why = n ? "interface name too long" : "empty interface name";
		return -1;
	}
	memcpy(sp->iface, arg, n);
	while (p != NULL) {
		p++;
		q = strchr(p, ',');
		n = q ? (size_t)(q - p) : strlen(p);
		if (n == 0) {
			*why = "empty filter";
			return -1;
		}
		if (parse_item(p, n, sp, why) != 0)
			return -1;
		p = q;
	}
	return 0;
}

/* ---- opening ---- */

static const char *
socket_why(int err)
{
	switch (err) {
	case EAFNOSUPPORT:
		return "this kernel has no SocketCAN support (socket(AF_CAN) "
		       "failed: the can and can_raw modules are missing; try "
		       "'modprobe can_raw')";
	case EPROTONOSUPPORT:
		return "the kernel module can_raw is missing (try 'modprobe "
		       "can_raw')";
	case EPERM:
	case EACCES:
		return "permission denied: live capture needs root or "
		       "CAP_NET_RAW";
	default:
		return NULL;
	}
}

static const char *
set_why(const char *iface, const char *what)
{
	snprintf(why_buf, sizeof(why_buf), "%s: %s", iface, what);
	return why_buf;
}

/* The interface's link type; -1 with errno when it cannot be read. */
static int
link_type(int ctl, const char *iface)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", iface);
	if (ioctl(ctl, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	return ifr.ifr_hwaddr.sa_family;
}

static bool
link_is_up(int ctl, const char *iface)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", iface);
	if (ioctl(ctl, SIOCGIFFLAGS, &ifr) < 0)
		return false;
	return (ifr.ifr_flags & IFF_UP) != 0;
}

/* Does the driver stamp received frames in hardware (ethtool -T)? */
static bool
has_hw_rx_tstamp(int ctl, const char *iface)
{
	struct ethtool_ts_info info;
	struct ifreq ifr;
	const unsigned need = SOF_TIMESTAMPING_RX_HARDWARE |
			      SOF_TIMESTAMPING_RAW_HARDWARE;

	memset(&info, 0, sizeof(info));
	memset(&ifr, 0, sizeof(ifr));
	info.cmd = ETHTOOL_GET_TS_INFO;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", iface);
	ifr.ifr_data = (void *)&info;
	if (ioctl(ctl, SIOCETHTOOL, &ifr) < 0)
		return false;
	return (info.so_timestamping & need) == need;
}

static int
set_int(int fd, int level, int opt, int v)
{
	return setsockopt(fd, level, opt, &v, sizeof(v));
}

static int
set_rcvbuf(int fd, int bytes)
{
	if (set_int(fd, SOL_SOCKET, SO_RCVBUFFORCE, bytes) == 0)
		return 0;
	/* without CAP_NET_ADMIN: capped by net.core.rmem_max */
	return set_int(fd, SOL_SOCKET, SO_RCVBUF, bytes);
}

static int
set_tstamp(int fd, bool hw)
{
	if (hw)
		return set_int(fd, SOL_SOCKET, SO_TIMESTAMPING,
			       SOF_TIMESTAMPING_RX_HARDWARE |
			       SOF_TIMESTAMPING_RAW_HARDWARE |
			       SOF_TIMESTAMPING_RX_SOFTWARE |
			       SOF_TIMESTAMPING_SOFTWARE);
	return set_int(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1);
}

static int
set_filters(int fd, const struct ifspec *sp)
{
	uint32_t err = sp->err_mask;

	if (setsockopt(fd, SOL_CAN_RAW, CAN_RAW_ERR_FILTER, &err,
		       sizeof(err)) < 0)
		return -1;
	if (sp->join && set_int(fd, SOL_CAN_RAW, CAN_RAW_JOIN_FILTERS, 1) < 0)
		return -1;
	if (sp->nfilt == 0)
		return 0;
	/* struct ifspec_filter has struct can_filter's layout */
	return setsockopt(fd, SOL_CAN_RAW, CAN_RAW_FILTER, sp->filt,
			  (socklen_t)(sp->nfilt * sizeof(sp->filt[0])));
}

/* Socket options in the order candump sets them; -1 with *what. */
static int
configure(struct sc_if *ifc, const struct socketcan_opts *o, const char **what)
{
	int fd = ifc->fd;

	*what = "setting the CAN filters";
	if (set_filters(fd, &ifc->spec) < 0)
		return -1;
	*what = "enabling CAN FD frames (kernel too old?)";
	if (set_int(fd, SOL_CAN_RAW, CAN_RAW_FD_FRAMES, 1) < 0)
		return -1;
	/* our own frames (commands sent later) appear in the trace */
	*what = "enabling CAN_RAW_RECV_OWN_MSGS";
	if (set_int(fd, SOL_CAN_RAW, CAN_RAW_RECV_OWN_MSGS, 1) < 0)
		return -1;
	*what = "setting the receive buffer size";
	if (set_rcvbuf(fd, o->rcvbuf > 0 ? o->rcvbuf :
		       SOCKETCAN_RCVBUF_DEFAULT) < 0)
		return -1;
	*what = "enabling timestamps";
	if (set_tstamp(fd, ifc->hwts) < 0)
		return -1;
	*what = "enabling the drop counter (SO_RXQ_OVFL)";
	if (set_int(fd, SOL_SOCKET, SO_RXQ_OVFL, 1) < 0)
		return -1;
	return 0;
}

/* Check that iface exists and is CAN; fills ifc->ifindex.  Sets *why. */
static int
check_iface(int ctl, struct sc_if *ifc, const char **why)
{
	const char *name = ifc->spec.iface;
	int type;

	if (strcmp(name, "any") == 0) {
		ifc->ifindex = 0;
		return 0;
	}
	ifc->ifindex = (int)if_nametoindex(name);
	if (ifc->ifindex == 0) {
		errno = ENODEV;
		*why = set_why(name, "no such device");
		return -1;
	}
	type = link_type(ctl, name);
	if (type >= 0 && type != ARPHRD_CAN) {
		errno = EINVAL;
		snprintf(why_buf, sizeof(why_buf),
			 "%s: not a CAN interface (link type %d, CAN is %d)",
			 name, type, ARPHRD_CAN);
		*why = why_buf;
		return -1;
	}
	return 0;
}

/* Open, configure and bind the socket of one interface. */
static int
open_if(struct sc_priv *sp, struct sc_if *ifc, const char **why)
{
	struct sockaddr_can addr;
	const char *what;
	int err;

	if (check_iface(sp->ctl, ifc, why) < 0)
		return -1;
	ifc->hwts = !sp->opts.sw_tstamp && ifc->ifindex != 0 &&
		    has_hw_rx_tstamp(sp->ctl, ifc->spec.iface);
	ifc->fd = socket(PF_CAN, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
			 CAN_RAW);
	if (ifc->fd < 0) {
		what = socket_why(errno);
		*why = set_why(ifc->spec.iface, what ? what : strerror(errno));
		return -1;
	}
	if (configure(ifc, &sp->opts, &what) < 0)
		goto fail_close;
	memset(&addr, 0, sizeof(addr));
	addr.can_family = AF_CAN;
	addr.can_ifindex = ifc->ifindex;
	what = "bind";
	if (bind(ifc->fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		goto fail_close;
	ifc->n = ifc->cur = 0;
	ifc->drops = 0;
	return 0;

fail_close:
	err = errno;
	snprintf(why_buf, sizeof(why_buf), "%s: %s: %s", ifc->spec.iface,
		 what, strerror(err));
	*why = why_buf;
	close(ifc->fd);
	ifc->fd = -1;
	errno = err;
	return -1;
}

static int
watch_if(struct co_source *src, struct sc_if *ifc)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.ptr = ifc;
	return epoll_ctl(src->fd, EPOLL_CTL_ADD, ifc->fd, &ev);
}

/* Point each message header at its buffers (fixed for the lifetime). */
static void
init_msgs(struct sc_if *ifc)
{
	int i;

	for (i = 0; i < SC_BATCH; i++) {
		ifc->iov[i].iov_base = &ifc->frame[i];
		ifc->iov[i].iov_len = sizeof(ifc->frame[i]);
		ifc->msg[i].msg_hdr.msg_iov = &ifc->iov[i];
		ifc->msg[i].msg_hdr.msg_iovlen = 1;
		ifc->msg[i].msg_hdr.msg_name = &ifc->addr[i];
		ifc->msg[i].msg_hdr.msg_control = ifc->cmsg[i].buf;
	}
}

/* ---- receiving ---- */

static uint64_t
ts2ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ull + (uint64_t)ts->tv_nsec;
}

/* Timestamp and drop counter of one received message. */
static uint64_t
msg_meta(struct sc_if *ifc, struct msghdr *mh, uint32_t *drops)
{
	struct cmsghdr *c;
	struct timespec ts[3];
	uint64_t t = 0;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SO_TIMESTAMPNS) {
			memcpy(ts, CMSG_DATA(c), sizeof(ts[0]));
			t = ts2ns(&ts[0]);
		} else if (c->cmsg_type == SO_TIMESTAMPING) {
			/* [0] software, [2] raw hardware */
			memcpy(ts, CMSG_DATA(c), sizeof(ts));
			t = ifc->hwts && ts2ns(&ts[2]) ? ts2ns(&ts[2])
						       : ts2ns(&ts[0]);
		} else if (c->cmsg_type == SO_RXQ_OVFL) {
			memcpy(drops, CMSG_DATA(c), sizeof(*drops));
		}
	}
	if (t == 0) {
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		t = ts2ns(&now);
	}
	return t;
}

/* Read a batch from one interface.  Returns the number of frames, 0 when
 * nothing is pending, -1 with errno on a socket error. */
static int
refill(struct sc_if *ifc)
{
	struct timespec t;
	int i, n;

	for (i = 0; i < SC_BATCH; i++) {
		ifc->msg[i].msg_hdr.msg_namelen = sizeof(ifc->addr[i]);
		ifc->msg[i].msg_hdr.msg_controllen = SC_CMSG_LEN;
		ifc->msg[i].msg_hdr.msg_flags = 0;
	}
	/* software stamps come from this clock: whatever is stamped
	 * before t and not returned now arrives after t */
	clock_gettime(CLOCK_REALTIME, &t);
	n = recvmmsg(ifc->fd, ifc->msg, SC_BATCH, MSG_DONTWAIT, NULL);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		      errno == EINTR)) {
		ifc->empty_ns = ifc->hwts ? UINT64_MAX : ts2ns(&t);
		return 0;
	}
	if (n < 0)
		return -1;
	ifc->n = n;
	ifc->cur = 0;
	ifc->read_ns = ts2ns(&t);
	return n;
}

/* Interface name for an ifindex, cached (like candump's idx2dindex). */
static const char *
if_name(struct sc_priv *sp, struct sc_if *ifc, int ifindex)
{
	struct ifreq ifr;
	int i;

	if (ifindex == ifc->ifindex && ifindex != 0)
		return ifc->spec.iface;
	for (i = 0; i < sp->nnames; i++)
		if (sp->names[i].ifindex == ifindex)
			return sp->names[i].name;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = ifindex;
	if (ioctl(sp->ctl, SIOCGIFNAME, &ifr) < 0)
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "if%d", ifindex);
	i = sp->nnames < SC_NAME_CACHE ? sp->nnames++ : ifindex %
							SC_NAME_CACHE;
	sp->names[i].ifindex = ifindex;
	memset(sp->names[i].name, 0, sizeof(sp->names[i].name));
	snprintf(sp->names[i].name, sizeof(sp->names[i].name), "%.15s",
		 ifr.ifr_name);
	return sp->names[i].name;
}

/* struct can_frame / canfd_frame -> co_frame.  false: bad byte count. */
static bool
convert(const struct canfd_frame *cf, size_t nbytes, struct co_frame *f)
{
	const struct can_frame *cc = (const struct can_frame *)cf;
	uint8_t max;

	f->flags = 0;
	f->fd_flags = 0;
	f->raw_dlc = 0;
	if (nbytes == CANFD_MTU) {
		f->flags |= CO_F_FD;
		f->fd_flags = cf->flags;
		max = CO_FD_MAX_DLEN;
	} else if (nbytes == CAN_MTU) {
		max = CO_CAN_MAX_DLEN;
	} else {
		return false;
	}
	if (cf->can_id & CAN_ERR_FLAG) {
		f->flags |= CO_F_ERR;
		f->id = cf->can_id & CAN_ERR_MASK;
	} else if (cf->can_id & CAN_EFF_FLAG) {
		f->flags |= CO_F_EFF;
		f->id = cf->can_id & CAN_EFF_MASK;
	} else {
		f->id = cf->can_id & CAN_SFF_MASK;
	}
	if (cf->can_id & CAN_RTR_FLAG && !(cf->can_id & CAN_ERR_FLAG))
		f->flags |= CO_F_RTR;
	f->len = cf->len > max ? max : cf->len;
	if (max == CO_CAN_MAX_DLEN && f->len == CAN_MAX_DLEN &&
	    cc->len8_dlc > CAN_MAX_DLEN && cc->len8_dlc <= CAN_MAX_RAW_DLC)
		f->raw_dlc = cc->len8_dlc;
	if (!(f->flags & CO_F_RTR))
		memcpy(f->data, cf->data, f->len);
	return true;
}

/* ---- link events ---- */

/* "IFACE: WHAT" plus " (gap N.NNN s)" when gap_ns is not 0. */
static int
note(struct co_source *src, const char *iface, const char *what,
     uint64_t gap_ns)
{
	if (gap_ns == 0)
		snprintf(src->msg, sizeof(src->msg), "%s: %s", iface, what);
	else
		snprintf(src->msg, sizeof(src->msg), "%s: %s (gap %.3f s)",
			 iface, what, (double)gap_ns / 1e9);
	return SRC_NOTE;
}

static void
went_down(struct sc_if *ifc)
{
	ifc->down = true;
	ifc->since_ns = mono_ns();
}

static int
came_up(struct co_source *src, struct sc_if *ifc)
{
	uint64_t gap = mono_ns() - ifc->since_ns;

	ifc->down = false;
	return note(src, ifc->spec.iface,
		    "interface up again; capture resumed", gap ? gap : 1);
}

static int
vanished(struct co_source *src, struct sc_if *ifc)
{
	struct sc_priv *sp = src->priv;

	close(ifc->fd);
	ifc->fd = -1;
	ifc->n = ifc->cur = 0;
	ifc->gone = true;
	if (!ifc->down)
		ifc->since_ns = mono_ns();
	ifc->down = false;
	sp->nnames = 0;   /* ifindexes may be reused */
	return note(src, ifc->spec.iface,
		    "interface removed; waiting for it to come back", 0);
}

/* Try to reopen a vanished interface; SRC_NOTE when it is back. */
static int
try_back(struct co_source *src, struct sc_if *ifc)
{
	struct sc_priv *sp = src->priv;
	const char *why;
	uint64_t gap;

	if (if_nametoindex(ifc->spec.iface) == 0)
		return SRC_IDLE;
	if (open_if(sp, ifc, &why) < 0 || watch_if(src, ifc) < 0) {
		if (ifc->fd >= 0)
			close(ifc->fd);
		ifc->fd = -1;
		return SRC_IDLE;   /* retried next second */
	}
	ifc->gone = false;
	gap = mono_ns() - ifc->since_ns;
	if (!link_is_up(sp->ctl, ifc->spec.iface)) {
		/* since_ns is kept: the gap runs until it is up */
		ifc->down = true;
		return note(src, ifc->spec.iface,
			    "interface is back but down; waiting for it to "
			    "come up", 0);
	}
	return note(src, ifc->spec.iface,
		    "interface is back; capture resumed", gap ? gap : 1);
}

/* Kernel drop counter of a socket (sk_drops, same as SO_RXQ_OVFL). */
static uint32_t
sock_drops(int fd)
{
	uint32_t mi[SK_MEMINFO_VARS];
	socklen_t len = sizeof(mi);

	memset(mi, 0, sizeof(mi));
	if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mi, &len) < 0 ||
	    len < (SK_MEMINFO_DROPS + 1) * sizeof(mi[0]))
		return 0;
	return mi[SK_MEMINFO_DROPS];
}

static int
report_drops(struct co_source *src, struct sc_if *ifc, uint32_t now_cnt)
{
	uint32_t delta = now_cnt - ifc->drops;

	ifc->drops = now_cnt;
	src->drop_delta = delta;
	src->ndrop += delta;
	snprintf(src->msg, sizeof(src->msg),
		 "%s: %u frame%s dropped by the kernel (receive buffer full; "
		 "see --rcvbuf)", ifc->spec.iface, delta,
		 delta == 1 ? "" : "s");
	return SRC_DROP;
}

/* Once a second: vanished interfaces back? down ones up? silent drops? */
static int
housekeeping_if(struct co_source *src, struct sc_if *ifc)
{
	struct sc_priv *sp = src->priv;
	uint32_t d;

	if (ifc->gone)
		return try_back(src, ifc);
	if (ifc->down && link_is_up(sp->ctl, ifc->spec.iface))
		return came_up(src, ifc);
	d = sock_drops(ifc->fd);
	if ((int32_t)(d - ifc->drops) > 0)
		return report_drops(src, ifc, d);
	return SRC_IDLE;
}

static int
housekeeping(struct co_source *src, struct co_frame *f, uint64_t now)
{
	struct sc_priv *sp = src->priv;
	int rc;

	for (; sp->hk_pos < sp->nif; sp->hk_pos++) {
		struct sc_if *ifc = &sp->ifs[sp->hk_pos];

		rc = housekeeping_if(src, ifc);
		if (rc != SRC_IDLE) {
			struct timespec t;

			/* no frame to take the time from: the clock's */
			clock_gettime(CLOCK_REALTIME, &t);
			snprintf(f->iface, sizeof(f->iface), "%s",
				 ifc->spec.iface);
			f->ts_ns = ts2ns(&t);
			return rc;
		}
	}
	sp->hk_pos = 0;
	sp->next_hk_ns = now + SC_HK_NS;
	sp->refill = true;   /* a reopened socket may hold frames */
	return SRC_IDLE;
}

/* ---- the merge ---- */

/* A read error on ifc: a link event or something to note. */
static int
read_error(struct co_source *src, struct sc_if *ifc, int err)
{
	if (err == ENODEV)
		return vanished(src, ifc);
	if (err == ENETDOWN) {
		if (ifc->down)
			return SRC_IDLE;
		went_down(ifc);
		return note(src, ifc->spec.iface,
			    "interface down; waiting for it to come up", 0);
	}
	snprintf(src->msg, sizeof(src->msg), "%s: read: %s",
		 ifc->spec.iface, strerror(err));
	return SRC_NOTE;
}

/* Decode the timestamps of a fresh batch for merging. */
static void
stamp_batch(struct sc_if *ifc)
{
	int i;

	for (i = 0; i < ifc->n; i++) {
		ifc->dropc[i] = ifc->drops;
		ifc->ts_ns[i] = msg_meta(ifc, &ifc->msg[i].msg_hdr,
					 &ifc->dropc[i]);
	}
}

/* Read every interface whose batch is used up. */
static int
refill_all(struct co_source *src)
{
	struct sc_priv *sp = src->priv;
	int i, n, rc;

	for (i = 0; i < sp->nif; i++) {
		struct sc_if *ifc = &sp->ifs[i];

		if (ifc->fd < 0 || ifc->cur < ifc->n)
			continue;
		ifc->n = ifc->cur = 0;
		if (ifc->pend_err) {
			n = -1;
			errno = ifc->pend_err;
			ifc->pend_err = 0;
		} else {
			n = refill(ifc);
		}
		if (n < 0) {
			rc = read_error(src, ifc, errno);
			if (rc != SRC_IDLE)
				return rc;
		} else if (n > 0) {
			stamp_batch(ifc);
		}
	}
	sp->refill = false;
	return SRC_IDLE;
}

static struct sc_if *
oldest(struct sc_priv *sp)
{
	struct sc_if *best = NULL;
	int i;

	for (i = 0; i < sp->nif; i++) {
		struct sc_if *ifc = &sp->ifs[i];

		if (ifc->cur >= ifc->n)
			continue;
		if (best == NULL ||
		    ifc->ts_ns[ifc->cur] < best->ts_ns[best->cur])
			best = ifc;
	}
	return best;
}

/* Deliver the next frame of ifc (or first the drops it carries). */
static int
deliver(struct co_source *src, struct sc_if *ifc, struct co_frame *f)
{
	struct sc_priv *sp = src->priv;
	struct mmsghdr *m = &ifc->msg[ifc->cur];
	uint32_t drops = ifc->dropc[ifc->cur];

	f->ts_ns = ifc->ts_ns[ifc->cur];
	/* every name lives in a NUL-padded char[CO_IFNAMSIZ] */
	memcpy(f->iface, if_name(sp, ifc, ifc->addr[ifc->cur].can_ifindex),
	       CO_IFNAMSIZ);
	if (ifc->down)
		return came_up(src, ifc);
	if ((int32_t)(drops - ifc->drops) > 0)
		return report_drops(src, ifc, drops);
	if (++ifc->cur >= ifc->n)
		sp->refill = true;
	src->pos++;
	f->pos = src->pos;
	f->index = src->pos;
	f->ts_digits = 6;
	if (!convert(&ifc->frame[ifc->cur - 1], m->msg_len, f)) {
		src->nbad++;
		snprintf(src->msg, sizeof(src->msg),
			 "%s: frame of %u bytes ignored (want %zu or %zu)",
			 f->iface, m->msg_len, (size_t)CAN_MTU,
			 (size_t)CANFD_MTU);
		return SRC_BAD;
	}
	/* MSG_DONTROUTE = sent from this host (candump -x "TX"); with
	 * --log-rxtx the log writer adds " T"/" R" as candump -L -x does,
	 * else -W writes what plain candump -L writes */
	if (m->msg_hdr.msg_flags & MSG_DONTROUTE)
		f->flags |= CO_F_TX;
	if (sp->opts.log_rxtx)
		f->flags |= CO_F_DIR_MARK;
	src->nframes++;
	return SRC_FRAME;
}

/*
 * Merge rule: a frame stamped at ts may go out only if every interface
 * with nothing buffered was found empty after ts; otherwise read those
 * again first.  At most one extra read per batch and silent interface.
 * Read errors are left for the next refill_all().  true: new frames.
 */
static bool
recheck(struct sc_priv *sp, uint64_t ts)
{
	bool got = false;
	int i, n;

	for (i = 0; i < sp->nif; i++) {
		struct sc_if *ifc = &sp->ifs[i];

		if (ifc->fd < 0 || ifc->cur < ifc->n || ifc->empty_ns >= ts)
			continue;
		ifc->n = ifc->cur = 0;
		n = refill(ifc);
		if (n > 0) {
			stamp_batch(ifc);
			got = true;
		} else if (n < 0) {
			/* the socket error is consumed: report it later */
			ifc->pend_err = errno;
			ifc->empty_ns = UINT64_MAX;
			sp->refill = true;
		}
	}
	return got;
}

/* Did the next frame of ifc arrive after src_socketcan_stop_at()?  Only
 * a stamp the kernel took before we read the frame says so: a frame it
 * received before the timestamp switch took effect (deferred for the
 * first socket that asks) is stamped when read, and is not cut. */
static bool
after_stop(const struct sc_priv *sp, const struct sc_if *ifc)
{
	uint64_t ts = ifc->ts_ns[ifc->cur];

	return sp->stop_ns && !ifc->hwts && ts > sp->stop_ns &&
	       ts < ifc->read_ns;
}

static int
sc_next(struct co_source *src, struct co_frame *f)
{
	struct sc_priv *sp = src->priv;
	struct sc_if *ifc;
	uint64_t now;
	int rc;

	if (sp->refill) {
		/* once per batch, not per frame: is housekeeping due? */
		now = mono_ns();
		if (sp->hk_pos > 0 || now >= sp->next_hk_ns) {
			rc = housekeeping(src, f, now);
			if (rc != SRC_IDLE)
				return rc;
		}

		rc = refill_all(src);
		if (rc != SRC_IDLE) {
			f->ts_ns = 0;
			return rc;
		}
	}
	ifc = oldest(sp);
	if (ifc != NULL && sp->nif > 1 && recheck(sp, ifc->ts_ns[ifc->cur]))
		ifc = oldest(sp);
	if (ifc == NULL) {
		sp->refill = true;
		return SRC_IDLE;
	}
	if (after_stop(sp, ifc))
		return SRC_IDLE;
	return deliver(src, ifc, f);
}

static void
sc_close(struct co_source *src)
{
	struct sc_priv *sp;
	int i;

	if (src == NULL)
		return;
	sp = src->priv;
	for (i = 0; sp != NULL && i < sp->nif; i++)
		if (sp->ifs[i].fd >= 0)
			close(sp->ifs[i].fd);
	if (sp != NULL && sp->ctl >= 0)
		close(sp->ctl);
	if (src->fd >= 0)
		close(src->fd);
	free(sp);
	free(src);
}

static int
open_all(struct co_source *src, const struct ifspec *specs,
	 const char **why)
{
	struct sc_priv *sp = src->priv;
	int i;

	for (i = 0; i < sp->nif; i++) {
		struct sc_if *ifc = &sp->ifs[i];

		ifc->spec = specs[i];
		ifc->fd = -1;
		init_msgs(ifc);
		if (open_if(sp, ifc, why) < 0)
			return -1;
		if (watch_if(src, ifc) < 0) {
			*why = set_why(ifc->spec.iface, strerror(errno));
			return -1;
		}
		/* down already: said by the first next(), like a read
		 * error (bind() leaves ENETDOWN pending on the socket) */
		if (ifc->ifindex != 0 &&
		    !link_is_up(sp->ctl, ifc->spec.iface))
			ifc->pend_err = ENETDOWN;
	}
	return 0;
}

/* The control socket doubles as the AF_CAN availability check. */
static int
open_ctl(struct sc_priv *sp, const char **why)
{
	const char *w;

	sp->ctl = socket(PF_CAN, SOCK_RAW | SOCK_CLOEXEC, CAN_RAW);
	if (sp->ctl >= 0)
		return 0;
	w = socket_why(errno);
	*why = w ? w : strerror(errno);
	return -1;
}

struct co_source *
src_socketcan_open(const struct ifspec *specs, int n,
		   const struct socketcan_opts *o, const char **why)
{
	struct co_source *src;
	struct sc_priv *sp;
	int err, i;

	*why = NULL;
	if (n < 1 || n > SOCKETCAN_MAX_IFACES) {
		*why = "between 1 and 16 interfaces";
		errno = EINVAL;
		return NULL;
	}
	src = calloc(1, sizeof(*src));
	sp = calloc(1, sizeof(*sp) + (size_t)n * sizeof(sp->ifs[0]));
	if (src == NULL || sp == NULL) {
		free(src);
		free(sp);
		errno = ENOMEM;
		return NULL;
	}
	src->priv = sp;
	src->fd = -1;
	sp->ctl = -1;
	for (i = 0; i < n; i++)
		sp->ifs[i].fd = -1;   /* sc_close() after a partial open */
	src->next = sc_next;
	src->close = sc_close;
	sp->opts = *o;
	sp->nif = n;
	sp->refill = true;
	sp->next_hk_ns = mono_ns() + SC_HK_NS;
	src->fd = epoll_create1(EPOLL_CLOEXEC);
	if (src->fd < 0 || open_ctl(sp, why) < 0 ||
	    open_all(src, specs, why) < 0)
		goto fail;
	snprintf(src->name, sizeof(src->name), "%s%s", specs[0].iface,
		 n > 1 ? ",..." : "");
	return src;

fail:
	err = errno;
	if (*why == NULL)
		*why = strerror(err);
	sc_close(src);
	errno = err;
	return NULL;
}

int
src_socketcan_rcvbuf(const struct co_source *src)
{
	const struct sc_priv *sp = src->priv;
	socklen_t len;
	int v = 0;

	len = sizeof(v);
	if (sp->nif < 1 || sp->ifs[0].fd < 0 ||
	    getsockopt(sp->ifs[0].fd, SOL_SOCKET, SO_RCVBUF, &v, &len) < 0)
		return 0;
	return v;
}

uint64_t
src_socketcan_kernel_drops(const struct co_source *src)
{
	const struct sc_priv *sp = src->priv;
	uint64_t sum = 0;
	int i;

	for (i = 0; i < sp->nif; i++)
		sum += sock_drops(sp->ifs[i].fd);
	return sum;
}

void
src_socketcan_stop_at(struct co_source *src, uint64_t realtime_ns)
{
	struct sc_priv *sp = src->priv;

	sp->stop_ns = realtime_ns;
}
