/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_note.c - live capture notes as text, JSON and stderr sentences:
 * interface down/up, link status, controller state, frames lost */
#include "config.h"
#include "out_note.h"

#include <stdio.h>

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
