/* SPDX-License-Identifier: GPL-2.0-or-later */
/* can_tx.c - SocketCAN raw socket for sending (Linux net/can/raw.c:
 * CAN_RAW_RECV_OWN_MSGS, MSG_CONFIRM on own frames, ENOBUFS back-off) */
#include "config.h"
#include "can_tx.h"

#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/can.h>
#include <linux/can/error.h>
#include <linux/can/raw.h>
#include <linux/if_arp.h>

struct can_tx {
	int fd;
	char iface[CO_IFNAMSIZ];
	uint64_t backoffs;
	unsigned wait_ms;       /* back-off on a full queue, in all */
};

uint64_t
can_tx_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static const char *
open_why(int err)
{
	switch (err) {
	case EAFNOSUPPORT:
		return "this kernel has no SocketCAN support (the can and "
		       "can_raw modules are missing)";
	case EPERM:
	case EACCES:
		return "permission denied: sending needs root or CAP_NET_RAW";
	case ENODEV:
		return "no such CAN interface";
	case ENETDOWN:
		return "interface is down (ip link set IFACE up)";
	default:
		return strerror(err);
	}
}

/* The interface exists, is CAN and is up; fills *ifindex. */
static int
check_iface(int fd, const char *iface, int *ifindex)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	if (strlen(iface) >= sizeof(ifr.ifr_name)) {
		errno = ENODEV;
		return -1;
	}
	strcpy(ifr.ifr_name, iface);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
		errno = ENODEV;
		return -1;
	}
	*ifindex = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	if (!(ifr.ifr_flags & IFF_UP)) {
		errno = ENETDOWN;
		return -1;
	}
	return 0;
}

static int
set_opts(int fd)
{
	int one = 1;
	can_err_mask_t em = CAN_ERR_BUSOFF | CAN_ERR_CRTL | CAN_ERR_RESTARTED;

	if (setsockopt(fd, SOL_CAN_RAW, CAN_RAW_RECV_OWN_MSGS, &one,
		       sizeof(one)) < 0)
		return -1;
	if (setsockopt(fd, SOL_CAN_RAW, CAN_RAW_ERR_FILTER, &em,
		       sizeof(em)) < 0)
		return -1;
	return setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one));
}

struct can_tx *
can_tx_open(const char *iface, const char **why)
{
	struct sockaddr_can addr;
	struct can_tx *tx;
	int fd, ifindex = 0, err;

	fd = socket(PF_CAN, SOCK_RAW, CAN_RAW);
	if (fd < 0)
		goto fail;
	if (check_iface(fd, iface, &ifindex) < 0 || set_opts(fd) < 0)
		goto fail_close;
	memset(&addr, 0, sizeof(addr));
	addr.can_family = AF_CAN;
	addr.can_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		goto fail_close;
	tx = calloc(1, sizeof(*tx));
	if (tx == NULL)
		goto fail_close;
	tx->fd = fd;
	tx->wait_ms = CAN_TX_BACKOFF_MS;
	snprintf(tx->iface, sizeof(tx->iface), "%s", iface);
	return tx;
fail_close:
	err = errno;
	close(fd);
	errno = err;
fail:
	*why = open_why(errno);
	return NULL;
}

int
can_tx_fd(const struct can_tx *tx)
{
	return tx->fd;
}

void
can_tx_set_wait(struct can_tx *tx, unsigned ms)
{
	tx->wait_ms = ms;
}

uint64_t
can_tx_backoffs(const struct can_tx *tx)
{
	return tx->backoffs;
}

static void
to_can(struct can_frame *cf, const struct co_frame *f)
{
	memset(cf, 0, sizeof(*cf));
	cf->can_id = f->id & ((f->flags & CO_F_EFF) ? CAN_EFF_MASK
						    : CAN_SFF_MASK);
	if (f->flags & CO_F_EFF)
		cf->can_id |= CAN_EFF_FLAG;
	if (f->flags & CO_F_RTR)
		cf->can_id |= CAN_RTR_FLAG;
	cf->len = f->len > CAN_MAX_DLEN ? CAN_MAX_DLEN : f->len;
	if (!(f->flags & CO_F_RTR))
		memcpy(cf->data, f->data, cf->len);
}

static const char *
send_why(int err)
{
	switch (err) {
	case ENETDOWN:
		return "interface is down (bus-off or ip link set down)";
	case ENOBUFS:
		return "transmit queue stayed full (no one acknowledges "
		       "frames? bus-off?)";
	case ENXIO:
	case ENODEV:
		return "interface vanished";
	default:
		return strerror(err);
	}
}

int
can_tx_send(struct can_tx *tx, const struct co_frame *f, const char **why)
{
	struct can_frame cf;
	unsigned waited_ms = 0, pause_ms = 1;

	to_can(&cf, f);
	for (;;) {
		if (write(tx->fd, &cf, sizeof(cf)) == (ssize_t)sizeof(cf))
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != ENOBUFS || waited_ms >= tx->wait_ms)
			break;
		/* the queue is full: wait for it to drain, then retry */
		tx->backoffs++;
		poll(NULL, 0, (int)pause_ms);
		waited_ms += pause_ms;
		if (pause_ms < 64)
			pause_ms *= 2;
	}
	*why = send_why(errno);
	return -1;
}

int
can_tx_try_send(struct can_tx *tx, const struct co_frame *f,
		const char **why)
{
	struct can_frame cf;

	to_can(&cf, f);
	for (;;) {
		if (send(tx->fd, &cf, sizeof(cf), MSG_DONTWAIT) ==
		    (ssize_t)sizeof(cf))
			return 0;
		if (errno != EINTR)
			break;
	}
	if (errno == ENOBUFS || errno == EAGAIN || errno == EWOULDBLOCK) {
		tx->backoffs++;
		return 1;
	}
	*why = send_why(errno);
	return -1;
}

int
can_tx_rx_only(struct can_tx *tx, int32_t id)
{
	struct can_filter flt = {
		.can_id = (canid_t)id & CAN_SFF_MASK,
		.can_mask = CAN_SFF_MASK | CAN_EFF_FLAG | CAN_RTR_FLAG,
	};
	struct can_frame cf;

	if (setsockopt(tx->fd, SOL_CAN_RAW, CAN_RAW_FILTER, &flt,
		       id < 0 ? 0 : sizeof(flt)) < 0)
		return -1;
	while (recv(tx->fd, &cf, sizeof(cf), MSG_DONTWAIT) > 0)
		;
	return 0;
}

static void
from_can(struct co_frame *f, const struct can_frame *cf, const char *iface)
{
	memset(f, 0, sizeof(*f));
	if (cf->can_id & CAN_ERR_FLAG) {
		f->flags |= CO_F_ERR;
		f->id = cf->can_id & CAN_ERR_MASK;
	} else if (cf->can_id & CAN_EFF_FLAG) {
		f->flags |= CO_F_EFF;
		f->id = cf->can_id & CAN_EFF_MASK;
	} else {
		f->id = cf->can_id & CAN_SFF_MASK;
	}
	if (cf->can_id & CAN_RTR_FLAG)
		f->flags |= CO_F_RTR;
	f->len = cf->len > CAN_MAX_DLEN ? CAN_MAX_DLEN : cf->len;
	if (!(f->flags & CO_F_RTR))
		memcpy(f->data, cf->data, f->len);
	f->ts_digits = 6;
	memcpy(f->iface, iface, sizeof(f->iface));
}

static void
take_tstamp(struct msghdr *mh, struct co_frame *f)
{
	struct cmsghdr *c;
	struct timespec ts;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET ||
		    c->cmsg_type != SO_TIMESTAMPNS)
			continue;
		memcpy(&ts, CMSG_DATA(c), sizeof(ts));
		f->ts_ns = (uint64_t)ts.tv_sec * 1000000000u +
			   (uint64_t)ts.tv_nsec;
	}
	if (f->ts_ns == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		f->ts_ns = (uint64_t)ts.tv_sec * 1000000000u +
			   (uint64_t)ts.tv_nsec;
	}
}

static int
read_one(struct can_tx *tx, struct co_frame *f, const char **why)
{
	struct can_frame cf;
	char ctrl[CMSG_SPACE(sizeof(struct timespec)) + 64];
	struct iovec iov = { &cf, sizeof(cf) };
	struct msghdr mh;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctrl;
	mh.msg_controllen = sizeof(ctrl);
	n = recvmsg(tx->fd, &mh, MSG_DONTWAIT);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return 0;
		*why = send_why(errno);
		return -1;
	}
	if (n != (ssize_t)sizeof(cf))
		return 0;              /* not a classic frame: ignored */
	from_can(f, &cf, tx->iface);
	take_tstamp(&mh, f);
	if (mh.msg_flags & MSG_CONFIRM)
		f->flags |= CO_F_TX;   /* our own frame, sent and looped back */
	if ((f->flags & CO_F_ERR) && (f->id & CAN_ERR_BUSOFF)) {
		*why = "bus-off: the controller stopped sending";
		return -1;
	}
	return 1;
}

int
can_tx_recv(struct can_tx *tx, struct co_frame *f, int timeout_ms,
	    const char **why)
{
	struct pollfd pfd = { tx->fd, POLLIN, 0 };
	uint64_t end = can_tx_now_us() + (uint64_t)timeout_ms * 1000u, now;
	int rc;

	for (;;) {
		rc = read_one(tx, f, why);
		if (rc != 0)
			return rc;
		now = can_tx_now_us();
		if (now >= end)
			return 0;
		rc = poll(&pfd, 1, (int)((end - now + 999) / 1000));
		if (rc < 0 && errno == EINTR)
			return 0;       /* a signal: let the caller look */
		if (rc < 0) {
			*why = strerror(errno);
			return -1;
		}
	}
}

void
can_tx_close(struct can_tx *tx)
{
	if (tx == NULL)
		return;
	close(tx->fd);
	free(tx);
}
