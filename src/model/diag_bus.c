/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_bus.c - diagnosis of the bus and the capture: SYNC period, counter
 * and jitter (CiA 301 7.2.5, 1006h/1019h), TIME jumps (7.2.6), CAN error
 * frames and controller states, drops, bus load, capture gaps, timestamps
 * going backwards, and traffic that is not CANopen at all */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "canerr.h"
#include "diag_priv.h"
#include "link.h"
#include "net_od.h"
#include "od_pdo.h"

#define SYNC_LATE_NUM 3            /* late: interval > 1.5 x period */
#define SYNC_LATE_DEN 2
#define SYNC_MISSING_X 3           /* missing: no SYNC for 3 periods */
#define SYNC_GRID_DEN 4            /* on the grid: within 25 % of it */
#define SYNC_JITTER_DEN 10         /* deviation above 10 % of the mean */
#define SYNC_JITTER_MIN_NS ((double)NS_PER_MS)
#define SYNC_JITTER_MIN_N 20
#define TIME_TOL_NS NS_PER_S       /* TIME vs capture clock */
#define GAP_X 10                   /* capture gap: 10 x shortest period */
#define GAP_MIN_NS NS_PER_S
#define BACKWARDS_TOL_NS NS_PER_MS
#define BACKWARDS_DELTAS 10        /* > 1 in 10 steps back: deltas */
#define LOAD_LIMIT 0.70
#define NOT_CO_MIN 200             /* frames before judging the protocol */
#define BUS_ID 0
#define UDS_ID_LO 0x7DFu           /* OBD functional request .. */
#define UDS_ID_HI 0x7EFu           /* ... physical ECU answers */

static void
raise_count(struct diag *d, enum diag_code c, uint64_t ts, const char *what)
{
	struct diag_finding *f;
	bool isnew;

	f = diag_get(d, c, BUS_ID, 0, ts, &isnew);
	diag_say(d, f, isnew, "%s", what);
}

/* ---- SYNC ---- */

/* 1006h of the SYNC producer (1005h bit 30) in a dictionary, else 0. */
static uint64_t
sync_cfg_period(const struct diag *d)
{
	struct od_comm c;
	int i;

	for (i = 1; d->net->od != NULL && i < NET_NODES; i++) {
		if (d->net->od->od[i] == NULL)
			continue;
		od_comm_get(d->net->od->od[i], &c);
		if (c.has_sync && (c.sync_cob & COB_SYNC_GEN) &&
		    c.has_sync_period && c.sync_period_us)
			return c.sync_period_us * 1000ull;
	}
	return 0;
}

static uint64_t
sync_period(const struct diag *d)
{
	const struct diag_state *s = d->s;

	if (s->sync_period_ns)
		return s->sync_period_ns;
	return diag_iv_regular(&s->sync) ? diag_iv_median(&s->sync) : 0;
}

static void
sync_counter(struct diag *d, const struct co_event *ev, uint64_t iv,
	     uint64_t p)
{
	struct diag_state *s = d->s;
	uint8_t c = ev->u.sync.counter, k = 1;
	char what[96];

	if (p && iv > p)
		k = (uint8_t)((iv + p / 2) / p);
	/* on by one; by k when k - 1 SYNCs are missing; a restart at 1..k
	 * after the overflow value (1019h) */
	if (s->sync_has_ctr && c != (uint8_t)(s->sync_ctr + 1) &&
	    c != (uint8_t)(s->sync_ctr + k) && c > k) {
		snprintf(what, sizeof(what), "SYNC counter %u after %u",
			 c, s->sync_ctr);
		raise_count(d, DG_SYNC_COUNTER, ev->ts_ns, what);
	}
	s->sync_has_ctr = true;
	s->sync_ctr = c;
}

static bool
near_grid(uint64_t t, uint64_t want, uint64_t p)
{
	return (t > want ? t - want : want - t) * SYNC_GRID_DEN <= p;
}

/* A SYNC more than 1.5 periods after the previous one whose successor
 * did not come back on the producer's grid: the producer was late. */
static void
sync_late(struct diag *d, uint64_t p)
{
	struct diag_state *s = d->s;
	struct diag_finding *f;
	char a[32], b[32];
	bool isnew;

	f = diag_get(d, DG_SYNC_LATE, BUS_ID, 0, s->late_ns, &isnew);
	diag_say(d, f, isnew, "SYNC %s after the previous one, period %s",
		 diag_dur(a, sizeof(a), s->late_iv),
		 diag_dur(b, sizeof(b), p));
}

static void
sync_interval(struct diag *d, const struct co_event *ev, uint64_t iv,
	      uint64_t p)
{
	struct diag_state *s = d->s;
	struct diag_finding *f;
	char a[32], b[32];
	bool isnew;

	if (s->sync_lost) {
		s->sync_lost = false;
		f = diag_get(d, DG_SYNC_MISSING, BUS_ID, 0, ev->ts_ns, &isnew);
		if (f != NULL)
			f->count--;
		diag_say(d, f, false, "no SYNC for %s (period %s), %u "
			 "time%s; back each time", diag_dur(a, sizeof(a), iv),
			 diag_dur(b, sizeof(b), p), f ? f->count : 1,
			 f && f->count > 1 ? "s" : "");
	} else if (s->late_iv) {
		/* back on the producer's grid: held up on the bus, jitter */
		if (!near_grid(s->late_iv + iv, 2 * p, p))
			sync_late(d, p);
		s->late_iv = 0;
	} else if (iv * SYNC_LATE_DEN > p * SYNC_LATE_NUM) {
		s->late_iv = iv;     /* judged at the next SYNC */
		s->late_ns = ev->ts_ns;
	}
	(void)a;
	(void)b;
	(void)f;
	(void)isnew;
}

static void
on_sync(struct diag *d, const struct co_event *ev)
{
	struct diag_state *s = d->s;
	uint64_t p, iv = 0;

	if (ev->status != CO_OK)
		return;
	if (!s->sync_cfg_done) {
		s->sync_cfg_done = true;
		s->sync_period_ns = sync_cfg_period(d);
	}
	p = sync_period(d);
	if (s->sync.last_ns && ev->ts_ns > s->sync.last_ns &&
	    s->sync.last_ns >= s->gap_end_ns)   /* not across a gap */
		iv = ev->ts_ns - s->sync.last_ns;
	if (p && iv)
		sync_interval(d, ev, iv, p);
	if (ev->u.sync.has_counter)
		sync_counter(d, ev, iv, p);
	/* jitter over the intervals that were neither late nor missing */
	if (iv && (p == 0 || iv * SYNC_LATE_DEN <= p * SYNC_LATE_NUM)) {
		s->sync_checked++;
		s->sync_sum += (double)iv;
		s->sync_sq += (double)iv * (double)iv;
	}
	diag_iv_add(&s->sync, ev->ts_ns);
	p = sync_period(d);
	if (p)
		diag_due(d, ev->ts_ns + SYNC_MISSING_X * p);
}

static void
sync_tick(struct diag *d, uint64_t now)
{
	struct diag_state *s = d->s;
	uint64_t p = sync_period(d), t;
	struct diag_finding *f;
	char a[32];
	bool isnew;

	if (p == 0 || s->sync_lost || s->sync.last_ns == 0)
		return;
	t = (s->sync.last_ns > s->gap_end_ns ? s->sync.last_ns
					     : s->gap_end_ns) +
	    SYNC_MISSING_X * p;
	if (now < t) {
		diag_due(d, t);
		return;
	}
	if (s->last_ts_ns < t && s->gap_limit_ns &&
	    now - s->last_ts_ns >= s->gap_limit_ns)
		return;        /* the whole bus is silent: FILE_GAP */
	s->sync_lost = true;
	f = diag_get(d, DG_SYNC_MISSING, BUS_ID, 0, t, &isnew);
	diag_say(d, f, isnew, "no SYNC for %u periods of %s",
		 SYNC_MISSING_X, diag_dur(a, sizeof(a), p));
}

/* ---- TIME ---- */

static void
on_time(struct diag *d, const struct co_event *ev)
{
	struct diag_state *s = d->s;
	uint64_t obj = ((uint64_t)ev->u.time.days * 86400000ull +
			ev->u.time.ms) * NS_PER_MS;
	uint64_t dcap, dobj, diff;
	char what[128], a[32];

	if (ev->status != CO_OK)
		return;
	if (s->time_seen && ev->ts_ns >= s->time_cap_ns) {
		dcap = ev->ts_ns - s->time_cap_ns;
		dobj = obj >= s->time_obj_ns ? obj - s->time_obj_ns : 0;
		diff = dobj > dcap ? dobj - dcap : dcap - dobj;
		if (obj < s->time_obj_ns)
			diff = s->time_obj_ns - obj + dcap;
		if (diff > TIME_TOL_NS + dcap / 100) {
			snprintf(what, sizeof(what), "network time jumped %s "
				 "by %s", obj < s->time_obj_ns ||
				 dobj < dcap ? "back" : "ahead",
				 diag_dur(a, sizeof(a), diff));
			raise_count(d, DG_TIME_JUMP, ev->ts_ns, what);
		}
	}
	s->time_seen = true;
	s->time_obj_ns = obj;
	s->time_cap_ns = ev->ts_ns;
}

/* ---- CAN error frames, drops ---- */

static void
on_error_frame(struct diag *d, const struct co_event *ev)
{
	struct canerr_info ei;
	char what[64];

	canerr_parse(ev->frame, &ei);
	snprintf(what, sizeof(what), "CAN error frames");
	raise_count(d, DG_BUS_ERROR_FRAMES, ev->ts_ns, what);
	if (ei.classes & CANERR_BUSOFF)
		raise_count(d, DG_BUS_OFF, ev->ts_ns, "controller bus-off");
	if (ei.classes & CANERR_RESTARTED)
		raise_count(d, DG_BUS_RESTART, ev->ts_ns,
			    "controller restarted");
	if (((ei.classes & CANERR_CRTL) &&
	     (ei.ctrl & (CANERR_CRTL_RX_PASSIVE | CANERR_CRTL_TX_PASSIVE))) ||
	    (ei.has_counters && (ei.tx_err >= CANERR_PASSIVE_LEVEL ||
				 ei.rx_err >= CANERR_PASSIVE_LEVEL)))
		raise_count(d, DG_BUS_ERROR_PASSIVE, ev->ts_ns,
			    "controller error-passive");
}

static void
on_drop(struct diag *d, const struct co_event *ev)
{
	struct diag_finding *f;
	bool isnew;

	f = diag_get(d, DG_BUS_DROPS, BUS_ID, 0, ev->ts_ns, &isnew);
	if (f == NULL)
		return;
	d->s->ndropped += ev->u.drop.count;
	diag_say(d, f, isnew, "%llu frame%s lost before capture (%u "
		 "report%s)", (unsigned long long)d->s->ndropped,
		 d->s->ndropped == 1 ? "" : "s", f->count,
		 f->count == 1 ? "" : "s");
}

/* Live capture: the controller's state (--link polling), frames the
 * driver lost, the interface going down and up (link.h, capture.c). */
static void
on_link(struct diag *d, const struct co_event *ev)
{
	const struct co_ev_link *l = &ev->u.link;
	struct diag_finding *f;
	char what[300];
	bool isnew;

	switch (ev->kind) {
	case CO_EV_LINK_STATE:
		snprintf(what, sizeof(what), "%s: controller %s (tx-err %u, "
			 "rx-err %u)", l->iface ? l->iface : "?",
			 link_state_name(l->new_state), l->txerr, l->rxerr);
		if (l->new_state == LINK_ST_ERROR_PASSIVE)
			raise_count(d, DG_BUS_ERROR_PASSIVE, ev->ts_ns, what);
		else if (l->new_state == LINK_ST_BUS_OFF)
			raise_count(d, DG_BUS_OFF, ev->ts_ns, what);
		else if (l->old_state == LINK_ST_BUS_OFF)
			raise_count(d, DG_BUS_RESTART, ev->ts_ns, what);
		break;
	case CO_EV_LINK_LOST:
		f = diag_get(d, DG_BUS_DROPS, BUS_ID, 0, ev->ts_ns, &isnew);
		if (f == NULL)
			break;
		d->s->ndropped += l->lost;
		diag_say(d, f, isnew, "%llu frame%s lost before capture",
			 (unsigned long long)d->s->ndropped,
			 d->s->ndropped == 1 ? "" : "s");
		break;
	case CO_EV_NOTE:
		if (l->text == NULL || (strstr(l->text, "gap") == NULL &&
					strstr(l->text, "removed") == NULL))
			break;
		f = diag_get(d, DG_BUS_LINK_DOWN, BUS_ID, 0, ev->ts_ns, &isnew);
		diag_say(d, f, isnew, "%s", l->text);
		break;
	default:
		break;
	}
}

/* ---- the capture itself ---- */

/* Shortest period of the bus's periodic traffic (SYNC, heartbeats). */
static uint64_t
min_period(const struct diag *d)
{
	uint64_t p = sync_period(d), m;
	int i;

	for (i = 1; i < NET_NODES; i++) {
		const struct diag_node *dn = &d->s->node[i];

		if (!diag_iv_regular(&dn->hb) || !dn->hb_armed)
			continue;
		m = diag_iv_median(&dn->hb);
		if (m && (p == 0 || m < p))
			p = m;
	}
	return p;
}

static void
on_frame_time(struct diag *d, const struct co_event *ev)
{
	struct diag_state *s = d->s;
	uint64_t ts = ev->ts_ns, gap;
	char what[128], a[32], b[32];

	if (s->last_ts_ns > ts + BACKWARDS_TOL_NS) {
		if (s->nback++ == 0) {
			s->back_first_ns = ts;
			s->back_pos = ev->frame->pos;
			s->back_ns = s->last_ts_ns - ts;
		}
		s->back_last_ns = ts;
	}
	if (s->last_ts_ns && ts > s->last_ts_ns && s->gap_limit_ns &&
	    (gap = ts - s->last_ts_ns) >= s->gap_limit_ns) {
		snprintf(what, sizeof(what), "no frame at all for %s although "
			 "periodic traffic came every %s or faster",
			 diag_dur(a, sizeof(a), gap),
			 diag_dur(b, sizeof(b), s->gap_limit_ns / GAP_X));
		raise_count(d, DG_FILE_GAP, s->last_ts_ns, what);
		s->gap_end_ns = ts;
	}
	if (ts > s->last_ts_ns || s->last_ts_ns > ts + BACKWARDS_TOL_NS)
		s->last_ts_ns = ts;
}

/* Recompute the gap limit now and then (periods change slowly). */
static void
gap_limit(struct diag *d)
{
	uint64_t p;

	if (d->s->nframes % 64 != 1)
		return;
	p = min_period(d);
	d->s->gap_limit_ns = 0;
	if (p)
		d->s->gap_limit_ns = GAP_X * p > GAP_MIN_NS ? GAP_X * p
							    : GAP_MIN_NS;
}

/* ---- not CANopen ---- */

static bool
is_evidence(const struct co_event *ev)
{
	if (ev->status != CO_OK)
		return false;
	switch (ev->kind) {
	case CO_EV_BOOTUP:
	case CO_EV_HEARTBEAT:
	case CO_EV_GUARD_RSP:
	case CO_EV_NMT:
		return true;
	case CO_EV_SDO_XFER:
		return ev->u.xfer.result == XFER_OK;
	default:
		return false;
	}
}

/* "12% 29-bit, " or "" */
static const char *
share(char *buf, size_t size, uint64_t n, uint64_t of, const char *what)
{
	buf[0] = '\0';
	if (n)
		snprintf(buf, size, "%llu%% %s, ",
			 (unsigned long long)(100 * n / of), what);
	return buf;
}

static void
not_canopen(struct diag *d)
{
	struct diag_state *s = d->s;
	struct diag_finding *f;
	char a[64], b[64], c[64];
	bool isnew;
	uint32_t i;

	d->not_canopen = true;
	for (i = 0; i < d->n; i++)
		if (d->f[i].code != DG_BUS_NOT_CANOPEN &&
		    d->f[i].code < DG_BUS_ERROR_FRAMES)
			d->f[i].hidden = true;
	f = diag_get(d, DG_BUS_NOT_CANOPEN, BUS_ID, 0, s->now_ns, &isnew);
	if (f == NULL)
		return;
	f->first_ns = s->first_ns;
	diag_say(d, f, isnew, "this traffic does not look like CANopen: of "
		 "%llu frames, %s%s%sand none is a heartbeat, boot-up, NMT "
		 "command or SDO transfer", (unsigned long long)s->nframes,
		 share(a, sizeof(a), s->neff, s->nframes, "29-bit (J1939?)"),
		 share(b, sizeof(b), s->nunknown, s->nframes,
		       s->nuds * 2 >= s->nunknown && s->nuds ?
		       "on 0x7DF-0x7EF (UDS/OBD over ISO-TP?)" :
		       "on identifiers no CANopen service uses"),
		 share(c, sizeof(c), s->ninvalid, s->nframes,
		       "invalid as CANopen"));
}

/* Judged at 200, 1000, 5000, ... frames: nothing CANopen at all, and at
 * least half of the frames 29-bit or invalid as CANopen. */
static void
judge_protocol(struct diag *d, const struct co_event *ev)
{
	struct diag_state *s = d->s;
	uint64_t n;

	if (is_evidence(ev))
		s->nevidence++;
	if (ev->kind == CO_EV_SDO_XFER && ev->u.xfer.result == XFER_FAILED)
		s->ninvalid++;
	if (ev->frame == NULL || d->not_canopen)
		return;
	s->nframes++;
	if (ev->frame->flags & CO_F_EFF)
		s->neff++;
	else if (ev->kind == CO_EV_UNKNOWN)
		s->nunknown++;
	if (ev->kind == CO_EV_UNKNOWN && !(ev->frame->flags & CO_F_EFF) &&
	    ev->frame->id >= UDS_ID_LO && ev->frame->id <= UDS_ID_HI)
		s->nuds++;
	else if (ev->status != CO_OK && ev->kind != CO_EV_ERROR_FRAME)
		s->ninvalid++;
	n = s->nframes;
	if (n < NOT_CO_MIN || s->nevidence != 0)
		return;
	if (n != NOT_CO_MIN && n != 5 * NOT_CO_MIN && n % 5000 != 0)
		return;
	if ((s->neff + s->nunknown + s->ninvalid) * 2 >= n)
		not_canopen(d);
}

void
diag_bus_event(struct diag *d, const struct co_event *ev)
{
	judge_protocol(d, ev);
	if (ev->kind == CO_EV_DROP) {
		on_drop(d, ev);
		return;
	}
	if (ev->kind == CO_EV_NOTE || ev->kind == CO_EV_LINK_STATE ||
	    ev->kind == CO_EV_LINK_LOST) {
		on_link(d, ev);
		return;
	}
	if (ev->frame == NULL)
		return;
	on_frame_time(d, ev);
	gap_limit(d);
	if (ev->kind == CO_EV_ERROR_FRAME)
		on_error_frame(d, ev);
	if (d->not_canopen)
		return;
	if (ev->kind == CO_EV_SYNC)
		on_sync(d, ev);
	else if (ev->kind == CO_EV_TIME)
		on_time(d, ev);
}

void
diag_bus_tick(struct diag *d, uint64_t now_ns)
{
	sync_tick(d, now_ns);
}

/* SYNC intervals whose standard deviation exceeds 10 % of their mean
 * (and 1 ms: log timestamps have that resolution). */
static void
finish_jitter(struct diag *d)
{
	struct diag_state *s = d->s;
	struct diag_finding *f;
	double n = (double)s->sync_checked, mean, sd;
	char a[32], b[32];
	bool isnew;

	if (s->sync_checked < SYNC_JITTER_MIN_N)
		return;
	mean = s->sync_sum / n;
	sd = s->sync_sq / n - mean * mean;
	sd = sd > 0 ? sqrt(sd) : 0;
	if (sd * SYNC_JITTER_DEN <= mean || sd <= SYNC_JITTER_MIN_NS)
		return;
	f = diag_get(d, DG_SYNC_JITTER, BUS_ID, 0, s->sync.last_ns, &isnew);
	if (f == NULL)
		return;
	f->first_ns = s->first_ns;
	f->count = (uint32_t)s->sync_checked;
	diag_say(d, f, isnew, "SYNC interval %s on average, standard "
		 "deviation %s (%.0f %%) over %llu intervals",
		 diag_dur(a, sizeof(a), (uint64_t)mean),
		 diag_dur(b, sizeof(b), (uint64_t)sd), 100 * sd / mean,
		 (unsigned long long)s->sync_checked);
}

static void
finish_load(struct diag *d)
{
	struct diag_finding *f;
	bool isnew;

	if (d->st == NULL || d->st->bitrate == 0 ||
	    d->st->peak_load <= LOAD_LIMIT)
		return;
	f = diag_get(d, DG_BUS_LOAD, BUS_ID, 0, d->st->peak_start_ns,
		     &isnew);
	if (f == NULL)
		return;
	f->last_ns = d->st->peak_start_ns + NS_PER_S;
	diag_say(d, f, isnew, "bus load %.0f %% in the busiest second "
		 "(%u bit/s), above %.0f %%", d->st->peak_load * 100,
		 d->st->bitrate, LOAD_LIMIT * 100);
}

/* Timestamps going back: judged at the end, since candump -td logs
 * (deltas, not a time line) go back at every other line. */
static void
finish_backwards(struct diag *d)
{
	struct diag_state *s = d->s;
	struct diag_finding *f;
	bool deltas = s->nback * BACKWARDS_DELTAS > s->nframes;
	char a[32];
	bool isnew;

	if (s->nback == 0)
		return;
	f = diag_get(d, DG_FILE_TS_BACKWARDS, BUS_ID, 0, s->back_first_ns,
		     &isnew);
	if (f == NULL)
		return;
	if (s->back_last_ns > f->last_ns)
		f->last_ns = s->back_last_ns;
	f->count = (uint32_t)s->nback;
	if (deltas)
		f->sev = DIAG_NOTE;
	if (deltas)
		diag_say(d, f, isnew, "timestamps are not a time line (%llu "
			 "steps back, the first at line %llu): deltas (candump "
			 "-td)? Periods and timeouts measured on them mean "
			 "nothing", (unsigned long long)s->nback,
			 (unsigned long long)s->back_pos);
	else
		diag_say(d, f, isnew, "%llu timestamp%s earlier than the line "
			 "before (the first at line %llu, %s back)",
			 (unsigned long long)s->nback, s->nback == 1 ? "" : "s",
			 (unsigned long long)s->back_pos,
			 diag_dur(a, sizeof(a), s->back_ns));
}

void
diag_bus_finish(struct diag *d)
{
	finish_backwards(d);
	if (!d->not_canopen && d->s->sync_lost) {
		struct diag_finding *f;
		bool isnew;
		char a[32];

		f = diag_get(d, DG_SYNC_MISSING, BUS_ID, 0, d->s->now_ns,
			     &isnew);
		if (f != NULL)
			f->count--;
		diag_say(d, f, false, "no SYNC for the last %s of the capture",
			 diag_dur(a, sizeof(a),
				  d->s->now_ns - d->s->sync.last_ns));
	}
	if (!d->not_canopen && d->s->late_iv && sync_period(d))
		sync_late(d, sync_period(d));
	if (!d->not_canopen)
		finish_jitter(d);
	finish_load(d);
}
