/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_note.c - live capture notes as text, JSON and stderr sentences:
 * interface down/up, link status, controller state, frames lost */
#include "config.h"
#include "out_note.h"

#include <stdio.h>

#include <linux/can/netlink.h>

#include "link.h"
#include "ojson.h"

bool
out_is_note(const struct co_event *ev)
{
	return ev->kind == CO_EV_NOTE || ev->kind == CO_EV_LINK ||
	       ev->kind == CO_EV_LINK_STATE || ev->kind == CO_EV_LINK_LOST;
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

size_t
out_note_msg(char *buf, size_t size, const struct co_event *ev)
{
	const struct co_ev_link *l = &ev->u.link;
	int n = 0;

	switch (ev->kind) {
	case CO_EV_NOTE:
		n = snprintf(buf, size, "%s", nz(l->text));
		break;
	case CO_EV_LINK:
		n = snprintf(buf, size, "link %s: %s",
			     l->when == CO_LINK_END ? "at end" : "at start",
			     nz(l->text));
		break;
	case CO_EV_LINK_STATE:
		n = snprintf(buf, size, "%s: controller %s -> %s (tx-err %u "
			     "rx-err %u)", nz(l->iface),
			     link_state_name(l->old_state),
			     link_state_name(l->new_state), l->txerr,
			     l->rxerr);
		break;
	case CO_EV_LINK_LOST:
		n = snprintf(buf, size, "%s: %llu frames lost before capture "
			     "(interface rx-dropped/overrun counters)",
			     nz(l->iface), (unsigned long long)l->lost);
		break;
	default:
		if (size)
			buf[0] = '\0';
		break;
	}
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}

void
out_note_text(struct obuf *o, const struct co_event *ev,
	      const struct out_opts *opt)
{
	char buf[512];

	(void)opt;
	out_note_msg(buf, sizeof(buf), ev);
	ob_ch(o, ' ');
	/* the tag LINK says "link" already */
	ob_str(o, ev->kind == CO_EV_LINK ? buf + 5 : buf);
}

/* "sample_point":0.875 from tenths of a percent (ip -json's figure) */
static void
json_sp(struct obuf *o, const char *key, uint32_t sp)
{
	char t[16];

	snprintf(t, sizeof(t), "%u.%03u", sp / 1000, sp % 1000);
	json_key(o, key);
	ob_str(o, t);
}

/* The figures of a LINK line as members, named after ip -details
 * -statistics -json where it has them. */
static void
json_link(struct obuf *o, const struct co_link *k)
{
	json_bkv(o, "up", k->up);
	if (k->is_virtual)
		json_bkv(o, "virtual", true);
	if (k->has_state)
		json_skv(o, "state", link_state_name(k->state));
	if (k->has_bt) {
		json_ukv(o, "bitrate", k->bitrate);
		json_sp(o, "sample_point", k->sample_point);
	}
	if (k->has_dbt) {
		json_ukv(o, "data_bitrate", k->dbitrate);
		json_sp(o, "data_sample_point", k->dsample_point);
	}
	if (k->has_berr) {
		json_ukv(o, "tx_err", k->txerr);
		json_ukv(o, "rx_err", k->rxerr);
	}
	if (k->has_restart)
		json_ukv(o, "restart_ms", k->restart_ms);
	if (k->ctrlmode & CAN_CTRLMODE_LISTENONLY)
		json_bkv(o, "listen_only", true);
	if (k->has_counters) {
		json_ukv(o, "restarts", k->cnt.restarts);
		json_ukv(o, "bus_error", k->cnt.bus_error);
		json_ukv(o, "arbitration_lost", k->cnt.arbitration_lost);
		json_ukv(o, "error_warning", k->cnt.error_warning);
		json_ukv(o, "error_passive", k->cnt.error_passive);
		json_ukv(o, "bus_off", k->cnt.bus_off);
	}
	if (k->has_stats) {
		json_ukv(o, "rx_dropped", k->cnt.rx_dropped);
		json_ukv(o, "rx_over_errors", k->cnt.rx_over_errors);
	}
}

void
out_note_json(struct obuf *o, const struct co_event *ev,
	      const struct out_opts *opt)
{
	const struct co_ev_link *l = &ev->u.link;

	(void)opt;
	if (l->iface)
		json_skv(o, "iface", l->iface);
	switch (ev->kind) {
	case CO_EV_LINK:
		json_skv(o, "when", l->when == CO_LINK_END ? "end" : "start");
		if (l->link)
			json_link(o, l->link);
		break;
	case CO_EV_LINK_STATE:
		json_skv(o, "old", link_state_name(l->old_state));
		json_skv(o, "new", link_state_name(l->new_state));
		json_ukv(o, "tx_err", l->txerr);
		json_ukv(o, "rx_err", l->rxerr);
		break;
	case CO_EV_LINK_LOST:
		json_ukv(o, "lost", l->lost);
		break;
	default:
		break;
	}
	if (l->text)
		json_skv(o, "text", l->text);
}
