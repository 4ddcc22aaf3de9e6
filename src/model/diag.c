/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag.c - diagnosis findings: the code table (severity, why it matters,
 * what to check), aggregation of repeats, the read API */
#include "config.h"
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_priv.h"

struct diag_rule {
	const char *name;
	uint8_t sev;
	bool canopen;          /* off once the traffic is not CANopen */
	const char *why;
	const char *check;
};

#define E DIAG_ERROR
#define W DIAG_WARNING
#define N DIAG_NOTE

static const struct diag_rule rules[DG__COUNT] = {
	[DG_HB_LOST] = { "HB_LOST", E, true,
		"the node's consumers (the master) treat it as failed and "
		"react as configured (1029h): stop, error, reset",
		"power and wiring of the node, its CAN connector and "
		"termination; the producer time 1017h against the "
		"consumer time 1016h" },
	[DG_GUARD_LOST] = { "GUARD_LOST", E, true,
		"the master declares the node lost after guard time x life "
		"time factor without an answer",
		"that the node is powered and connected; its guard time "
		"100Ch and life time factor 100Dh" },
	[DG_GUARD_TOGGLE] = { "GUARD_TOGGLE", W, true,
		"a guarding answer without the alternating toggle bit looks "
		"like an old or repeated answer to the master",
		"answers lost on the bus, or a node that reset without a "
		"boot-up message" },
	[DG_NODE_REBOOT] = { "NODE_REBOOT", E, true,
		"the node restarted on its own: its configuration from the "
		"master may be gone and its outputs were reset",
		"supply voltage (brown-out), the node's watchdog, firmware "
		"crashes; EMCY messages before the boot-up" },
	[DG_NODE_MISSING] = { "NODE_MISSING", E, true,
		"a node the configuration expects never sent anything: its "
		"functions are missing from the network",
		"that it is powered, its node-ID and bit rate settings, the "
		"wiring to it" },
	[DG_NMT_NO_NODE] = { "NMT_NO_NODE", W, true,
		"an NMT command to a node that never answered: nobody knows "
		"that node's state, whatever the master assumes",
		"the node-ID the master uses against the node's setting; "
		"nodes missing from the bus" },
	[DG_NODE_ID_CONFLICT] = { "NODE_ID_CONFLICT", E, true,
		"two devices with one node-ID collide on every message they "
		"both send; their SDO and PDO traffic is mixed up",
		"the node-ID settings (switches, LSS, 2000h-range objects) "
		"of the devices on the bus" },
	[DG_PDO_NOT_OPERATIONAL] = { "PDO_NOT_OPERATIONAL", W, true,
		"PDOs may only be sent in the operational state; the master "
		"believes this node is not running",
		"the node's NMT state machine and the master's NMT start; a "
		"node that starts itself (1F80h)" },
	[DG_EMCY_ACTIVE] = { "EMCY_ACTIVE", E, true,
		"the node still reports this error: it may have stopped its "
		"function or limit its operation",
		"the device condition the code names; the error register "
		"1001h and the pre-defined error field 1003h" },
	[DG_EMCY_CLEARED] = { "EMCY_CLEARED", N, true,
		"the node reported an error that it later cleared",
		"the cause if it recurs; 1003h keeps the history" },
	[DG_EMCY_STORM] = { "EMCY_STORM", E, true,
		"a flood of EMCY messages takes bus bandwidth from PDOs and "
		"hides the first, real cause",
		"the EMCY inhibit time 1015h and the condition the codes "
		"name" },
	[DG_SDO_ABORT] = { "SDO_ABORT", W, true,
		"a read or write of the object dictionary was refused: the "
		"value was not read or not set",
		"the object, its access type and value range in the EDS; the "
		"node's state (some objects are writable only when not "
		"operational)" },
	[DG_SDO_ABORT_NO_OBJECT] = { "SDO_ABORT_NO_OBJECT", N, true,
		"the node does not have the object: usual when a tool probes "
		"optional objects",
		"that the EDS matches the device's firmware if the object "
		"was needed" },
	[DG_SDO_TIMEOUT] = { "SDO_TIMEOUT", E, true,
		"the transfer stopped without an answer: the value was not "
		"transferred",
		"that the server node is present and not overloaded; the "
		"client's SDO timeout" },
	[DG_SDO_TOGGLE] = { "SDO_TOGGLE", E, true,
		"a segment with the wrong toggle bit breaks the transfer",
		"lost or repeated frames; client and server implementations" },
	[DG_SDO_SEG_LOST] = { "SDO_SEG_LOST", E, true,
		"a segment or its answer is missing: the data is incomplete",
		"frames lost on the bus (error frames) or by the capture "
		"(drops)" },
	[DG_SDO_SEG_REPEAT] = { "SDO_SEG_REPEAT", W, true,
		"a segment was sent twice: a retry after a lost answer, or "
		"a device that sends frames twice",
		"error frames and lost answers around it" },
	[DG_SDO_SIZE] = { "SDO_SIZE", E, true,
		"the data received does not match the size announced",
		"the client and server implementations; lost segments" },
	[DG_SDO_CRC] = { "SDO_CRC", E, true,
		"the block transfer's CRC does not match the data: the "
		"value is corrupt",
		"the CRC implementation of both sides; lost or repeated "
		"segments" },
	[DG_SDO_INTERRUPTED] = { "SDO_INTERRUPTED", W, true,
		"a transfer was given up for a new one on the same channel "
		"without an abort: its data was not transferred",
		"the client's timeout and its error handling" },
	[DG_SDO_BLOCK_FALLBACK] = { "SDO_BLOCK_FALLBACK", N, true,
		"the server answered a block upload with a normal one (the "
		"protocol switch threshold, or no block support)",
		"the client's protocol switch threshold if block transfer "
		"was expected" },
	[DG_SDO_SLOW] = { "SDO_SLOW", W, true,
		"the server answered far slower than it usually does: a "
		"busy node, or frames sent again",
		"the node's load at that moment and bus errors" },
	[DG_SDO_PROTOCOL] = { "SDO_PROTOCOL", W, true,
		"a frame that does not fit the transfer in progress: the "
		"two sides disagree about the protocol",
		"the client and server SDO implementations" },
	[DG_SDO_ORPHAN] = { "SDO_ORPHAN", N, true,
		"an SDO frame without the transfer it belongs to, usually "
		"because the capture started in the middle of it",
		"nothing if it is at the start of the capture" },
	[DG_SDO_INCOMPLETE] = { "SDO_INCOMPLETE", N, true,
		"the capture ended during a transfer",
		"nothing if the capture was just stopped" },
	[DG_PDO_LENGTH] = { "PDO_LENGTH", E, true,
		"the PDO's length does not match the mapping in force: the "
		"receivers reject it (or read wrong values)",
		"the mapping (1600h/1A00h) on both sides; the DCF against "
		"the device" },
	[DG_PDO_NEVER_SENT] = { "PDO_NEVER_SENT", W, true,
		"a PDO the configuration maps and triggers was never sent: "
		"its consumers get no values",
		"the PDO's COB-ID, transmission type and event timer; the "
		"node's NMT state" },
	[DG_PDO_UNMAPPED] = { "PDO_UNMAPPED", W, true,
		"frames on a PDO COB-ID that the configuration does not "
		"map: nobody can read their contents",
		"the PDO's COB-ID (bit 31) and its mapping in the DCF" },
	[DG_SYNC_MISSING] = { "SYNC_MISSING", E, true,
		"synchronous PDOs stop without SYNC: outputs and inputs "
		"are no longer updated",
		"the SYNC producer (1005h bit 30) and its period 1006h" },
	[DG_SYNC_LATE] = { "SYNC_LATE", W, true,
		"late SYNCs delay every synchronous PDO and control loop",
		"the producer's load; bus load and higher-priority "
		"traffic" },
	[DG_SYNC_JITTER] = { "SYNC_JITTER", N, true,
		"an irregular SYNC period upsets drives that synchronise to "
		"it",
		"the SYNC producer's timer; bus load" },
	[DG_SYNC_COUNTER] = { "SYNC_COUNTER", E, true,
		"a SYNC counter that skips means lost SYNCs or two "
		"producers",
		"1019h (overflow value); only one device with 1005h "
		"bit 30" },
	[DG_TIME_JUMP] = { "TIME_JUMP", W, true,
		"the network time jumped: time-stamped data and logs of the "
		"devices disagree",
		"the TIME producer's clock (1012h bit 30)" },
	[DG_BUS_ERROR_FRAMES] = { "BUS_ERROR_FRAMES", W, false,
		"error frames destroy frames on the bus; every node "
		"retransmits and counts errors",
		"termination (120 ohm at both ends), cabling, bit timing, a "
		"node with a wrong bit rate" },
	[DG_BUS_ERROR_PASSIVE] = { "BUS_ERROR_PASSIVE", E, false,
		"an error-passive controller may no longer signal errors "
		"and is close to bus-off",
		"the physical layer: termination, cable, transceivers" },
	[DG_BUS_OFF] = { "BUS_OFF", E, false,
		"a bus-off controller sends and receives nothing until it "
		"is restarted",
		"the physical layer and bit rate; whether the controller "
		"restarts (restart-ms)" },
	[DG_BUS_RESTART] = { "BUS_RESTART", W, false,
		"the controller was restarted after bus-off: frames were "
		"lost meanwhile",
		"why it went bus-off (error frames before it)" },
	[DG_BUS_DROPS] = { "BUS_DROPS", E, false,
		"frames were lost before they were recorded: the capture is "
		"incomplete and later findings may be false",
		"the receive buffer (--rcvbuf), system load, the logger" },
	[DG_BUS_LINK_DOWN] = { "BUS_LINK_DOWN", E, false,
		"nothing was captured while the interface was down or gone: "
		"the capture has a hole",
		"the interface (ip link), the USB adapter or driver, who took "
		"the link down" },
	[DG_BUS_LOAD] = { "BUS_LOAD", W, false,
		"above about 70 % load low-priority frames wait: SDO, "
		"heartbeats and EMCY are delayed",
		"PDO event timers and inhibit times, the SYNC period, the "
		"bit rate" },
	[DG_BUS_NOT_CANOPEN] = { "BUS_NOT_CANOPEN", W, false,
		"CANopen conclusions drawn from this traffic would be "
		"wrong; cosniff stops drawing them",
		"the protocol of the bus (J1939, ISO-TP/UDS, a vendor "
		"protocol) and the capture interface" },
	[DG_FILE_TS_BACKWARDS] = { "FILE_TS_BACKWARDS", W, false,
		"time runs backwards in the capture: periods and timeouts "
		"measured over it are wrong",
		"how the log was merged or edited; the logger's clock" },
	[DG_FILE_NO_TIMESTAMP] = { "FILE_NO_TIMESTAMP", W, false,
		"a line without a timestamp cannot be placed in time; it "
		"was not decoded",
		"how the log was edited or merged" },
	[DG_FILE_MALFORMED] = { "FILE_MALFORMED", W, false,
		"lines that could not be read are missing from the "
		"analysis",
		"the log format and how the file was written" },
	[DG_FILE_GAP] = { "FILE_GAP", W, false,
		"nothing was recorded for a while although the bus had "
		"periodic traffic: the capture has a hole",
		"the logger (paused, overloaded, link down) for that time" },
};

#undef E
#undef W
#undef N

static const char *const sev_names[DIAG__SEV_COUNT] = {
	"error", "warning", "note",
};

const char *
diag_code_name(enum diag_code c)
{
	return (unsigned)c < DG__COUNT ? rules[c].name : "UNKNOWN";
}

const char *
diag_sev_name(enum diag_sev s)
{
	return (unsigned)s < DIAG__SEV_COUNT ? sev_names[s] : "note";
}

const char *
diag_why(const struct diag_finding *f)
{
	return rules[f->code].why;
}

const char *
diag_check(const struct diag_finding *f)
{
	return rules[f->code].check;
}

struct diag *
diag_new(const struct co_net *net, const struct co_stats *st,
	 co_emit_fn emit, void *arg)
{
	struct diag *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->s = calloc(1, sizeof(*d->s));
	if (d->s == NULL) {
		free(d);
		return NULL;
	}
	d->net = net;
	d->st = st;
	d->emit = emit;
	d->arg = arg;
	diag_reset(d);
	return d;
}

void
diag_reset(struct diag *d)
{
	struct diag_state *s = d->s;
	int i;

	memset(s, 0, sizeof(*s));
	d->n = d->lost = d->seq = 0;
	d->not_canopen = false;
	s->next_due_ns = UINT64_MAX;
	s->cons_dirty = true;
	for (i = 0; i < NET_NODES; i++)
		s->node[i].hb_state = 0xFF;
}

void
diag_free(struct diag *d)
{
	if (d == NULL)
		return;
	free(d->s);
	free(d);
}

/* ---- raising findings ---- */

struct diag_finding *
diag_get(struct diag *d, enum diag_code c, uint8_t node, uint32_t key,
	 uint64_t ts_ns, bool *isnew)
{
	struct diag_finding *f;
	uint32_t i;

	*isnew = false;
	if (d->not_canopen && rules[c].canopen)
		return NULL;
	for (i = 0; i < d->n; i++) {
		f = &d->f[i];
		if (f->code != c || f->node != node || f->key != key)
			continue;
		f->count++;
		if (ts_ns > f->last_ns)
			f->last_ns = ts_ns;
		return f;
	}
	if (d->n >= DIAG_MAX) {
		d->lost++;
		return NULL;
	}
	f = &d->f[d->n++];
	memset(f, 0, sizeof(*f));
	f->code = (uint8_t)c;
	f->sev = rules[c].sev;
	f->node = node;
	f->key = key;
	f->first_ns = f->last_ns = ts_ns;
	f->count = 1;
	f->seq = ++d->seq;
	*isnew = true;
	return f;
}

void
diag_announce(struct diag *d, const struct diag_finding *f)
{
	struct co_event ev;

	if (d->emit == NULL || f->hidden)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.kind = CO_EV_FINDING;
	ev.ts_ns = f->first_ns;
	ev.node = f->node;
	ev.u.finding = f;
	d->emit(d->arg, &ev);
}

void
diag_say(struct diag *d, struct diag_finding *f, bool isnew,
	 const char *fmt, ...)
{
	va_list ap;

	if (f == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(f->what, sizeof(f->what), fmt, ap);
	va_end(ap);
	if (isnew)
		diag_announce(d, f);
}

void
diag_due(struct diag *d, uint64_t t_ns)
{
	if (t_ns < d->s->next_due_ns)
		d->s->next_due_ns = t_ns;
}

const char *
diag_dur(char *buf, size_t size, uint64_t ns)
{
	if (ns >= 10 * NS_PER_S)
		snprintf(buf, size, "%.1f s", (double)ns / 1e9);
	else if (ns >= NS_PER_S)
		snprintf(buf, size, "%.3f s", (double)ns / 1e9);
	else if (ns >= NS_PER_MS)
		snprintf(buf, size, "%.0f ms", (double)ns / 1e6);
	else
		snprintf(buf, size, "%.1f ms", (double)ns / 1e6);
	return buf;
}

/* ---- intervals ---- */

/* Keep sorted[] the kept samples in order: out leaves (when the window
 * was full), in arrives; then the median and the regularity. */
static void
iv_update(struct diag_iv *iv, bool full, uint64_t out, uint64_t in)
{
	uint32_t n = iv->n < DIAG_IV ? iv->n : DIAG_IV, i, k, near = 0;
	uint64_t dev, *t = iv->sorted;

	k = n - 1;              /* the free place: the end, or out's */
	if (full) {
		for (k = 0; k < n - 1 && t[k] != out; k++)
			;
		for (; k + 1 < n; k++)
			t[k] = t[k + 1];
	}
	for (; k > 0 && t[k - 1] > in; k--)
		t[k] = t[k - 1];
	t[k] = in;
	iv->med = t[n / 2];
	iv->regular = false;
	if (n < DIAG_IV_MIN)
		return;
	/* at least 5 intervals, and 3 of 4 within 25 % of their median:
	 * a period worth supervising */
	for (i = 0; i < n; i++) {
		dev = t[i] > iv->med ? t[i] - iv->med : iv->med - t[i];
		if (dev * 4 <= iv->med)
			near++;
	}
	iv->regular = near * 4 >= n * 3;
}

void
diag_iv_put(struct diag_iv *iv, uint64_t v)
{
	uint32_t at = iv->n % DIAG_IV;
	bool full = iv->n >= DIAG_IV;
	uint64_t out = iv->v[at];

	iv->v[at] = v;
	iv->n++;
	iv_update(iv, full, out, v);
}

void
diag_iv_add(struct diag_iv *iv, uint64_t ts_ns)
{
	if (iv->last_ns != 0 && ts_ns > iv->last_ns)
		diag_iv_put(iv, ts_ns - iv->last_ns);
	iv->last_ns = ts_ns;
}

uint64_t
diag_iv_median(const struct diag_iv *iv)
{
	return iv->med;
}

bool
diag_iv_regular(const struct diag_iv *iv)
{
	return iv->regular;
}

/* ---- feeding ---- */

void
diag_event(struct diag *d, const struct co_event *ev)
{
	if (ev->kind == CO_EV_FINDING)
		return;
	if (ev->frame && !d->s->started) {
		d->s->started = true;
		d->s->first_ns = ev->ts_ns;
	}
	if (ev->ts_ns > d->s->now_ns)
		d->s->now_ns = ev->ts_ns;
	diag_bus_event(d, ev);
	if (d->not_canopen)
		return;
	diag_node_event(d, ev);
	diag_sdo_event(d, ev);
}

void
diag_tick(struct diag *d, uint64_t now_ns)
{
	if (!d->s->started || now_ns < d->s->next_due_ns)
		return;
	d->s->next_due_ns = UINT64_MAX;
	if (!d->not_canopen) {
		diag_node_tick(d, now_ns);
		diag_bus_tick(d, now_ns);
	}
}

void
diag_finish(struct diag *d)
{
	if (d->s->started && !d->not_canopen)
		diag_tick(d, d->s->now_ns);
	diag_bus_finish(d);
	if (!d->not_canopen)
		diag_node_finish(d);
}

void
diag_input_bad(struct diag *d, uint64_t pos, bool no_ts, const char *msg)
{
	struct diag_state *s = d->s;
	struct diag_finding *f;
	int k = no_ts ? 1 : 0;
	bool isnew;

	f = diag_get(d, no_ts ? DG_FILE_NO_TIMESTAMP : DG_FILE_MALFORMED, 0,
		     0, s->now_ns, &isnew);
	if (f == NULL)
		return;
	if (isnew) {
		s->bad_pos[k] = pos;
		snprintf(s->bad_msg[k], sizeof(s->bad_msg[k]), "%s", msg);
	}
	diag_say(d, f, isnew, "%u line%s %s (first: line %llu: %s)",
		 f->count, f->count == 1 ? "" : "s",
		 no_ts ? "without a timestamp in a log whose other lines "
			 "have one" : "could not be read",
		 (unsigned long long)s->bad_pos[k], s->bad_msg[k]);
}

bool
diag_not_canopen(const struct diag *d)
{
	return d != NULL && d->not_canopen;
}

uint64_t
diag_next_due(const struct diag *d)
{
	if (d == NULL || !d->s->started || d->not_canopen)
		return UINT64_MAX;
	return d->s->next_due_ns;
}

/* ---- as a pipe consumer ---- */

static void
cons_frame(struct co_consumer *c, const struct co_frame *f)
{
	diag_tick(c->priv, f->ts_ns);
}

static void
cons_event(struct co_consumer *c, const struct co_event *ev)
{
	diag_event(c->priv, ev);
}

static void
cons_end(struct co_consumer *c)
{
	diag_finish(c->priv);
}

static void
cons_reset(struct co_consumer *c)
{
	diag_reset(c->priv);
}

void
consumer_diag_init(struct co_consumer *c, struct diag *d)
{
	memset(c, 0, sizeof(*c));
	c->name = "diagnosis";
	c->frame = cons_frame;
	c->event = cons_event;
	c->end = cons_end;
	c->reset = cons_reset;
	c->priv = d;
}

/* ---- reading ---- */

static int
cmp_finding(const void *a, const void *b)
{
	const struct diag_finding *x = *(const struct diag_finding *const *)a;
	const struct diag_finding *y = *(const struct diag_finding *const *)b;

	if (x->sev != y->sev)
		return x->sev < y->sev ? -1 : 1;
	if (x->last_ns != y->last_ns)
		return x->last_ns > y->last_ns ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

size_t
diag_sorted(const struct diag *d, const struct diag_finding **out,
	    size_t max)
{
	size_t k = 0;
	uint32_t i;

	for (i = 0; i < d->n && k < max; i++)
		if (!d->f[i].hidden)
			out[k++] = &d->f[i];
	qsort(out, k, sizeof(out[0]), cmp_finding);
	return k;
}

size_t
diag_count(const struct diag *d, enum diag_sev sev)
{
	size_t k = 0;
	uint32_t i;

	for (i = 0; i < d->n; i++)
		if (!d->f[i].hidden &&
		    (sev == DIAG__SEV_COUNT || d->f[i].sev == sev))
			k++;
	return k;
}
