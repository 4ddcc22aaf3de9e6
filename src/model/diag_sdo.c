/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_sdo.c - diagnosis of SDO transfers (CiA 301 7.2.4): aborts,
 * timeouts, toggle errors, lost and repeated segments, sizes, block CRC,
 * interrupted transfers, block fallback, replies far slower than usual */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "co_tables.h"
#include "diag_priv.h"
#include "tok.h"

#define ABORT_NO_OBJECT 0x06020000u   /* object does not exist */
#define ABORT_NO_SUB 0x06090011u      /* sub-index does not exist */
#define SLOW_MIN_SAMPLES 5
#define SLOW_X 10                     /* 10 x the median reply time */
#define SLOW_MARGIN_NS (100 * NS_PER_MS)

/* sdo_xfer.c's failure reasons, by their fixed leading words. */
static const struct {
	const char *prefix;
	enum diag_code code;
} fail_codes[] = {
	{ "timeout", DG_SDO_TIMEOUT },
	{ "toggle error", DG_SDO_TOGGLE },
	{ "lost ", DG_SDO_SEG_LOST },
	{ "size mismatch", DG_SDO_SIZE },
	{ "CRC mismatch", DG_SDO_CRC },
	{ "interrupted", DG_SDO_INTERRUPTED },
	{ "incomplete at end", DG_SDO_INCOMPLETE },
};

static enum diag_code
fail_code(const char *why)
{
	size_t i;

	if (why == NULL)
		return DG_SDO_PROTOCOL;
	for (i = 0; i < sizeof(fail_codes) / sizeof(fail_codes[0]); i++)
		if (strncmp(why, fail_codes[i].prefix,
			    strlen(fail_codes[i].prefix)) == 0)
			return fail_codes[i].code;
	if (strstr(why, " without ") != NULL)
		return DG_SDO_ORPHAN;
	return DG_SDO_PROTOCOL;
}

static const char *const mode_names[] = {
	"expedited", "segmented", "block", "",
};

/* "upload 1018:01 (block)" */
static void
xfer_name(char *buf, size_t size, const struct co_ev_xfer *x)
{
	const char *dir = x->dir == SDO_C2S ? "download" : "upload";
	const char *mode = x->mode < 4 ? mode_names[x->mode] : "";

	if (x->has_mux)
		snprintf(buf, size, "%s%s%s %04X:%02X", mode, *mode ? " " : "",
			 dir, x->index, x->sub);
	else
		snprintf(buf, size, "%s%s%s", mode, *mode ? " " : "", dir);
}

static void
on_abort(struct diag *d, const struct co_event *ev, const char *name)
{
	const struct co_ev_xfer *x = &ev->u.xfer;
	enum diag_code c = DG_SDO_ABORT;
	struct diag_finding *f;
	bool isnew;

	if (x->abort_code == ABORT_NO_OBJECT || x->abort_code == ABORT_NO_SUB)
		c = DG_SDO_ABORT_NO_OBJECT;
	f = diag_get(d, c, ev->node, x->abort_code, ev->ts_ns, &isnew);
	diag_say(d, f, isnew, "%s aborted: %08X %s", name,
		 x->abort_code, tok_str(co_sdo_aborts, x->abort_code,
					"unknown abort code"));
}

static void
on_failed(struct diag *d, const struct co_event *ev, const char *name)
{
	const struct co_ev_xfer *x = &ev->u.xfer;
	enum diag_code c = fail_code(ev->why);
	struct diag_finding *f;
	char sz[48] = "";
	bool isnew;

	if (x->size)
		snprintf(sz, sizeof(sz), " of %u", x->size);
	f = diag_get(d, c, ev->node, 0, ev->ts_ns, &isnew);
	diag_say(d, f, isnew, "%s failed after %u%s bytes: %s",
		 name, x->got, sz, ev->why ? ev->why : "protocol error");
}

/* What a finished transfer says beyond its result. */
static void
on_extra(struct diag *d, const struct co_event *ev, const char *name)
{
	const struct co_ev_xfer *x = &ev->u.xfer;
	struct diag_finding *f;
	bool isnew;

	if (x->repeats) {
		f = diag_get(d, DG_SDO_SEG_REPEAT, ev->node, 0, ev->ts_ns,
			     &isnew);
		diag_say(d, f, isnew, "%s: %u segment%s sent again",
			 name, x->repeats, x->repeats == 1 ? "" : "s");
	}
	if (x->fallback) {
		f = diag_get(d, DG_SDO_BLOCK_FALLBACK, ev->node, 0, ev->ts_ns,
			     &isnew);
		diag_say(d, f, isnew, "block upload %04X:%02X answered as a "
			 "%s upload, which %s", x->index, x->sub,
			 x->mode == XFER_EXPEDITED ? "expedited" : "segmented",
			 x->result == XFER_OK ? "succeeded"
			 : x->result == XFER_ABORTED ? "was aborted"
						     : "failed");
	}
}

static void
on_xfer(struct diag *d, const struct co_event *ev)
{
	const struct co_ev_xfer *x = &ev->u.xfer;
	char name[64];

	if (ev->node == 0 || ev->node >= NET_NODES)
		return;
	xfer_name(name, sizeof(name), x);
	on_extra(d, ev, name);
	if (x->result == XFER_ABORTED)
		on_abort(d, ev, name);
	else if (x->result == XFER_FAILED)
		on_failed(d, ev, name);
}

static bool
is_request(uint8_t fn)
{
	switch (fn) {
	case SDO_FN_INIT_DL_REQ:
	case SDO_FN_DL_SEG_REQ:
	case SDO_FN_INIT_UL_REQ:
	case SDO_FN_UL_SEG_REQ:
	case SDO_FN_BLK_DL_INIT_REQ:
	case SDO_FN_BLK_DL_END_REQ:
	case SDO_FN_BLK_UL_INIT_REQ:
		return true;
	default:
		return false;
	}
}

static void
reply_time(struct diag *d, const struct co_event *ev, uint64_t rt)
{
	struct diag_node *dn = &d->s->node[ev->node];
	uint64_t med = diag_iv_median(&dn->sdo_rt), lim = SLOW_X * med;
	struct diag_finding *f;
	char a[32], b[32];
	bool isnew;

	if (lim < med + SLOW_MARGIN_NS)
		lim = med + SLOW_MARGIN_NS;
	if (dn->sdo_rt.n >= SLOW_MIN_SAMPLES && rt > lim) {
		f = diag_get(d, DG_SDO_SLOW, ev->node, 0, ev->ts_ns, &isnew);
		diag_say(d, f, isnew, "SDO reply after %s, usually %s (%u "
			 "slow repl%s)", diag_dur(a, sizeof(a), rt),
			 diag_dur(b, sizeof(b), med), f ? f->count : 1,
			 f && f->count > 1 ? "ies" : "y");
		return;        /* not part of the usual */
	}
	diag_iv_put(&dn->sdo_rt, rt);
}

/* Reply times of the default SDO channel: request to the server's next
 * frame. */
static void
on_sdo(struct diag *d, const struct co_event *ev)
{
	struct diag_node *dn = &d->s->node[ev->node];
	uint8_t fn = ev->u.sdo.fn;

	if (ev->u.sdo.chan != 0 || ev->status != CO_OK)
		return;
	if (ev->u.sdo.dir == SDO_C2S) {
		if (is_request(fn) && (dn->sdo_req_ns == 0 ||
				       fn != SDO_FN_DL_SEG_REQ))
			dn->sdo_req_ns = ev->ts_ns;
		else if (!is_request(fn))
			dn->sdo_req_ns = 0;
		return;
	}
	if (dn->sdo_req_ns != 0 && ev->ts_ns >= dn->sdo_req_ns)
		reply_time(d, ev, ev->ts_ns - dn->sdo_req_ns);
	dn->sdo_req_ns = 0;
}

void
diag_sdo_event(struct diag *d, const struct co_event *ev)
{
	if (ev->node == 0 || ev->node >= NET_NODES)
		return;
	if (ev->kind == CO_EV_SDO_XFER)
		on_xfer(d, ev);
	else if (ev->kind == CO_EV_SDO && ev->frame)
		on_sdo(d, ev);
}
