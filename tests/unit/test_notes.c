/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_notes.c - live capture notes as events: text and JSON lines,
 * the stderr sentences main prints, and the message ring a view uses */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "msgring.h"
#include "obuf.h"
#include "out.h"
#include "out_note.h"
#include "check.h"

#define TS 1700000000123456000ull

static const char *
text(const struct co_event *ev, bool json)
{
	static struct obuf o;
	struct out_opts opt = { false };

	ob_reset(&o);
	if (json)
		out_json_fmt(&o, ev, &opt);
	else
		out_text_fmt(&o, ev, &opt);
	ob_ch(&o, '\0');
	return o.b;
}

static void
mk(struct co_event *ev, enum co_ev_kind k)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = k;
	ev->ts_ns = TS;
	ev->u.link.iface = "can0";
}

/* --link --json: the figures of a controller as members, ip's names */
static void
test_link_json(void)
{
	struct co_event ev;
	struct co_link l;

	memset(&l, 0, sizeof(l));
	l.up = l.has_state = l.has_bt = l.has_berr = l.has_restart = true;
	l.has_counters = l.has_stats = true;
	l.state = LINK_ST_ERROR_WARNING;
	l.bitrate = 500000;
	l.sample_point = 875;
	l.txerr = 97;
	l.rxerr = 3;
	l.restart_ms = 100;
	l.cnt.restarts = 2;
	l.cnt.bus_off = 2;
	l.cnt.error_warning = 5;
	l.cnt.rx_over_errors = 9;
	mk(&ev, CO_EV_LINK);
	ev.u.link.text = "can0: ...";
	ev.u.link.link = &l;
	check(strstr(text(&ev, true), "\"when\":\"start\",\"up\":true,"
		     "\"state\":\"error-warning\",\"bitrate\":500000,"
		     "\"sample_point\":0.875,\"tx_err\":97,\"rx_err\":3,"
		     "\"restart_ms\":100,\"restarts\":2,\"bus_error\":0,"
		     "\"arbitration_lost\":0,\"error_warning\":5,"
		     "\"error_passive\":0,\"bus_off\":2,\"rx_dropped\":0,"
		     "\"rx_over_errors\":9,\"text\":") != NULL,
	      "--link --json: state, timing and counters as members");
	l.has_bt = l.has_berr = l.has_counters = false;
	l.has_state = l.has_restart = l.has_stats = false;
	l.is_virtual = true;
	check(strstr(text(&ev, true), "\"when\":\"start\",\"up\":true,"
		     "\"virtual\":true,\"text\":") != NULL,
	      "--link --json: a virtual link has no controller members");
}

static void
test_kinds(void)
{
	struct co_event ev;
	char msg[256];

	mk(&ev, CO_EV_NOTE);
	ev.u.link.iface = NULL;
	ev.u.link.text = "vcan0: interface down; waiting for it to come up";
	check(strcmp(text(&ev, false), "1700000000.123456 - - NOTE vcan0: "
		     "interface down; waiting for it to come up") == 0,
	      "note: a text line in the stream");
	check(strcmp(text(&ev, true), "{\"ts\":1700000000.123456,\"kind\":"
		     "\"note\",\"node\":0,\"text\":\"vcan0: interface down; "
		     "waiting for it to come up\"}") == 0,
	      "note: JSON kind note with its text");
	mk(&ev, CO_EV_LINK_STATE);
	ev.u.link.old_state = LINK_ST_ERROR_ACTIVE;
	ev.u.link.new_state = LINK_ST_ERROR_PASSIVE;
	ev.u.link.txerr = 128;
	out_note_msg(msg, sizeof(msg), &ev);
	check(strcmp(msg, "can0: controller error-active -> error-passive "
		     "(tx-err 128 rx-err 0)") == 0,
	      "controller state change: the stderr sentence of before");
	check(strstr(text(&ev, false), " - - LINK-STATE can0: controller "
		     "error-active -> error-passive") != NULL,
	      "controller state change: LINK-STATE line");
	check(strstr(text(&ev, true), "\"kind\":\"link_state\",\"node\":0,"
		     "\"iface\":\"can0\",\"old\":\"error-active\",\"new\":"
		     "\"error-passive\",\"tx_err\":128,\"rx_err\":0}") != NULL,
	      "controller state change: JSON link_state, old/new/counters");
	mk(&ev, CO_EV_LINK_LOST);
	ev.u.link.lost = 7;
	out_note_msg(msg, sizeof(msg), &ev);
	check(strcmp(msg, "can0: 7 frames lost before capture (interface "
		     "rx-dropped/overrun counters)") == 0 &&
	      strstr(text(&ev, true), "\"kind\":\"link_lost\",\"node\":0,"
		     "\"iface\":\"can0\",\"lost\":7}") != NULL,
	      "frames lost before capture: sentence and JSON link_lost");
	mk(&ev, CO_EV_LINK);
	ev.u.link.when = CO_LINK_END;
	ev.u.link.text = "vcan0: virtual (vcan), no controller, up";
	out_note_msg(msg, sizeof(msg), &ev);
	check(strcmp(msg, "link at end: vcan0: virtual (vcan), no "
		     "controller, up") == 0 &&
	      strstr(text(&ev, false), " LINK at end: vcan0: virtual") &&
	      strstr(text(&ev, true), "\"kind\":\"link\",\"node\":0,"
		     "\"iface\":\"can0\",\"when\":\"end\",\"text\":"),
	      "--link status: sentence, LINK line, JSON when end");
	test_link_json();
	mk(&ev, CO_EV_HB_TIMEOUT);
	check(!out_is_note(&ev) && out_note_msg(msg, sizeof(msg), &ev) == 0 &&
	      msg[0] == '\0', "other kinds are no notes");
}

static void
test_ring(void)
{
	static struct msgring r;
	char line[32], *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	msgring_init(&r);
	check(msgring_get(&r, 0) == NULL, "empty ring");
	for (i = 0; i < MSGRING_MAX + 3; i++) {
		snprintf(line, sizeof(line), "cosniff: m%d", i);
		msgring_add(&r, line);
	}
	check(r.count == MSGRING_MAX && msgring_lost(&r) == 3 &&
	      strcmp(msgring_get(&r, 0), "cosniff: m3") == 0 &&
	      msgring_get(&r, MSGRING_MAX) == NULL,
	      "full ring: the oldest fall off and are counted");
	fp = open_memstream(&buf, &len);
	msgring_print(&r, fp);
	fclose(fp);
	check(buf && strncmp(buf, "cosniff: 3 earlier messages not kept\n"
			     "cosniff: m3\ncosniff: m4\n", 50) == 0 &&
	      r.count == 0, "printed after the screen: lost count, oldest "
	      "first, then forgotten");
	free(buf);
}

int
main(void)
{
	test_kinds();
	test_ring();
	return check_done();
}
