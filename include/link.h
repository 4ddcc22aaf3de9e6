/* SPDX-License-Identifier: GPL-2.0-or-later */
/* link.h - CAN link status of an interface (linux/can/netlink.h via
 * libsocketcan and rtnetlink): controller state, bit timing, counters */
#ifndef COSNIFF_LINK_H
#define COSNIFF_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "tok.h"

/* Controller state, in the order of enum can_state (linux/can/netlink.h)
 * shifted by one: LINK_ST_UNKNOWN means "not reported". */
enum co_link_state {
	LINK_ST_UNKNOWN,
	LINK_ST_ERROR_ACTIVE,
	LINK_ST_ERROR_WARNING,
	LINK_ST_ERROR_PASSIVE,
	LINK_ST_BUS_OFF,
	LINK_ST_STOPPED,
	LINK_ST_SLEEPING,
};

/* Error and overrun counters of a CAN controller (struct
 * can_device_stats) and of the interface (rtnl_link_stats64). */
struct co_link_counters {
	uint32_t bus_error, error_warning, error_passive, bus_off;
	uint32_t arbitration_lost, restarts;
	uint64_t rx_packets, tx_packets;
	uint64_t rx_errors, tx_errors;
	uint64_t rx_dropped, rx_over_errors, rx_fifo_errors;
};

/*
 * What one interface tells about its link.  A virtual interface (vcan,
 * vxcan) has no controller: is_virtual is set and has_state, has_bt and
 * has_berr stay false.  Plain data, refreshed by link_query().
 */
struct co_link {
	char iface[CO_IFNAMSIZ];
	char kind[16];               /* rtnetlink link kind: "can", "vcan" */
	bool exists;
	bool up;                     /* IFF_UP */
	bool is_virtual;
	bool has_state;              /* state valid */
	bool has_bt;                 /* bitrate, sample_point valid */
	bool has_dbt;                /* CAN FD data phase timing valid */
	bool has_berr;               /* txerr, rxerr valid */
	bool has_restart;            /* restart_ms valid */
	bool has_counters;           /* cnt.bus_error .. restarts valid */
	bool has_stats;              /* cnt.rx_packets .. valid */
	enum co_link_state state;
	uint32_t bitrate;            /* bit/s (nominal / arbitration phase) */
	uint32_t sample_point;       /* tenths of a percent: 875 = 87.5 % */
	uint32_t dbitrate;           /* CAN FD data phase bit/s */
	uint32_t dsample_point;
	uint16_t txerr, rxerr;       /* transmit / receive error counters */
	uint32_t restart_ms;         /* automatic bus-off restart, 0 = off */
	uint32_t ctrlmode;           /* CAN_CTRLMODE_* flags in force */
	struct co_link_counters cnt;
};

/* Query iface.  0, or -1 with errno (ENODEV: no such interface); a CAN
 * interface that reports nothing is not an error (fields stay unset). */
int link_query(const char *iface, struct co_link *l);

/* Fill up, kind and the CAN FD data bit timing of *l from an rtnetlink
 * RTM_NEWLINK reply (as link_query() receives it; exported for tests).
 * 0, or -1 with errno (the NLMSG_ERROR code, EIO when no link in it). */
int link_parse_reply(const void *buf, size_t len, struct co_link *l);

/* Registry of this module's value tables (test_tables). */
extern const struct co_table_ref link_tables[];

/* "error-active", "bus-off", ... ; "unknown" for LINK_ST_UNKNOWN. */
const char *link_state_name(enum co_link_state s);

/* One line without newline, e.g. "can0: error-active 500000 bit/s
 * sp 87.5% tx-err 0 rx-err 0 restart-ms 100 up" or "vcan0: virtual
 * (vcan), up".  Returns the length written. */
size_t link_fmt(char *buf, size_t size, const struct co_link *l);

/* Bus bitrate for bus-load figures: nominal bit/s, 0 when unknown
 * (virtual interfaces, no controller data). */
static inline uint32_t
link_bitrate(const struct co_link *l)
{
	return l->has_bt ? l->bitrate : 0;
}

#endif
