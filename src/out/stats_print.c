/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_print.c - end-of-run report (--stats): bus, node and COB-ID
 * tables as text, or JSON lines (CiA 301 predefined connection set) */
#include "config.h"
#include "stats_print.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "co_ids.h"
#include "co_tables.h"
#include "net_view.h"


/* Period summary of one COB-ID, ms. */
struct period {
	bool timed;             /* the input has timestamps */
	bool valid;
	double mean, jitter, min, max, rate;
};

/* Seconds from the first frame to the last; NO_TS when the input had no
 * timestamps (every frame at 0: timing is "n/a", not 0). */
#define NO_TS (-1.0)

static double
duration_s(const struct co_stats *st)
{
	if (st->last_ns == 0)
		return NO_TS;
	return (double)(st->last_ns - st->first_ns) / NS_PER_S;
}

static void
period_of(const struct stats_cob *c, double dur_s, struct period *p)
{
	double k = (double)(c->frames - 1), var;

	p->timed = dur_s != NO_TS;
	p->rate = dur_s > 0 ? (double)c->frames / dur_s : 0;
	p->valid = p->timed && c->frames >= 2;
	if (!p->valid)
		return;
	p->mean = (double)c->dt_sum_ns / k;
	var = c->dt_sq / k - p->mean * p->mean;
	p->jitter = var > 0 ? sqrt(var) / NS_PER_MS : 0;
	p->mean /= NS_PER_MS;
	p->min = (double)c->dt_min_ns / NS_PER_MS;
	p->max = (double)c->dt_max_ns / NS_PER_MS;
}

/* A COB-ID of the predefined connection set that belongs to node n
 * (EMCY, PDOs, SDOs, NMT error control; both directions). */
static bool
cob_of_node(unsigned id, unsigned n)
{
	unsigned fc = id >> CO_FC_SHIFT;

	if ((id & CO_NODE_MASK) != n)
		return false;
	return fc == CO_FC_SYNC_EMCY ||
	       (fc >= CO_FC_TPDO1 && fc <= CO_FC_SDO_RX) || fc == CO_FC_NMT_EC;
}

static void
node_traffic(const struct co_stats *st, unsigned n, uint64_t *frames,
	     uint64_t *bytes)
{
	unsigned fc;

	*frames = *bytes = 0;
	for (fc = 0; fc < 16; fc++) {
		unsigned id = fc << CO_FC_SHIFT | n;

		if (!cob_of_node(id, n))
			continue;
		*frames += st->sff[id].frames;
		*bytes += st->sff[id].bytes;
	}
}


static void
print_ts(FILE *fp, uint64_t ns)
{
	fprintf(fp, "%" PRIu64 ".%06" PRIu64, ns / 1000000000u,
		ns % 1000000000u / 1000u);
}

/* ---- text ---- */

/* Malformed CANopen frames the model did not believe (only when any). */
static void
text_bad(FILE *fp, const struct co_net *net)
{
	if (net->bad_short == 0 && net->bad_invalid == 0)
		return;
	fprintf(fp, "malformed CANopen frames %" PRIu64 " (%" PRIu64
		" short, %" PRIu64 " invalid), not applied to the model\n",
		net->bad_short + net->bad_invalid, net->bad_short,
		net->bad_invalid);
}

static void
text_load(FILE *fp, const struct co_stats *st)
{
	double dur = duration_s(st);

	if (st->bitrate == 0 || dur <= 0) {
		fprintf(fp, "bus load: n/a (%s)\n", st->bitrate == 0 ?
			"give --bitrate" : dur == NO_TS ? "no timestamps" :
			"trace too short");
		return;
	}
	fprintf(fp, "bus load at %" PRIu32 " bit/s", st->bitrate);
	if (st->fd_frames)
		fprintf(fp, " (data %" PRIu32 " bit/s)", st->dbitrate);
	fprintf(fp, ": %.2f %% worst-case stuffing, %.2f %% no stuffing",
		100 * stats_bits_time(&st->bits, true, st->bitrate,
				      st->dbitrate) / dur,
		100 * stats_bits_time(&st->bits, false, st->bitrate,
				      st->dbitrate) / dur);
	if (st->exact)
		fprintf(fp, ", %.2f %% exact stuffing%s",
			100 * ((double)st->bits.arb_exact / st->bitrate +
			       (double)st->bits.data_worst / st->dbitrate) /
			dur, st->fd_frames ? " (FD worst-case)" : "");
	fprintf(fp, "; busiest second %.2f %% at ", 100 * st->peak_load);
	print_ts(fp, st->peak_start_ns);
	if (stats_bits_time(&st->bits, false, st->bitrate, st->dbitrate) > dur)
		fputs(" (over 100 %: frames closer than the bit rate allows;"
		      " check --bitrate)", fp);
	fputc('\n', fp);
}

static void
text_bus(FILE *fp, const struct co_stats *st)
{
	struct period p;
	double dur = duration_s(st);

	fprintf(fp, "== statistics ==\n");
	fprintf(fp, "frames %" PRIu64 " (%" PRIu64 " remote, %" PRIu64
		" FD), error frames %" PRIu64 ", data bytes %" PRIu64,
		st->frames, st->rtr_frames, st->fd_frames, st->err_frames,
		st->bytes);
	if (dur == NO_TS)
		fputs(", duration n/a (no timestamps)\n", fp);
	else
		fprintf(fp, ", %.6f s, %.1f frames/s\n", dur,
			dur > 0 ? (double)st->frames / dur : 0.0);
	text_load(fp, st);
	period_of(&st->sff[COB_SYNC], dur, &p);
	fprintf(fp, "SYNC 080: %" PRIu64 " frames", st->sff[COB_SYNC].frames);
	if (p.valid)
		fprintf(fp, ", period %.3f ms, jitter %.3f ms (min %.3f, "
			"max %.3f)", p.mean, p.jitter, p.min, p.max);
	else if (!p.timed && st->sff[COB_SYNC].frames >= 2)
		fputs(", period n/a (no timestamps)", fp);
	fputc('\n', fp);
}

static void
text_hb(FILE *fp, const struct co_node *n)
{
	char b[64] = "-";

	if (n->hb_n != 0)
		snprintf(b, sizeof(b), "%.1f/%.1f/%.1f",
			 (double)n->hb_sum_ns / (double)n->hb_n / NS_PER_MS,
			 (double)n->hb_min_ns / NS_PER_MS,
			 (double)n->hb_max_ns / NS_PER_MS);
	fprintf(fp, " %-22s", b);
}

static void
text_nodes(FILE *fp, const struct co_stats *st, const struct co_net *net)
{
	unsigned i;
	uint64_t fr, by;

	fprintf(fp, "node state           boot hb-ms mean/min/max  "
		"last-seen            frames    bytes lost emcy      "
		"sdo-ok/fail/abort\n");
	for (i = 1; i < NET_NODES; i++) {
		const struct co_node *n = net_node(net, i);

		if (!net_node_shown(n))
			continue;
		node_traffic(st, i, &fr, &by);
		fprintf(fp, "%4u %-15s %4" PRIu32, i, net_state_name(n->state),
			n->bootups);
		text_hb(fp, n);
		fputc(' ', fp);
		if (!n->seen)
			fprintf(fp, "%17s", "never");
		else if (duration_s(st) == NO_TS)
			fprintf(fp, "%17s", "n/a");
		else
			print_ts(fp, n->last_ns);
		fprintf(fp, " %9" PRIu64 " %8" PRIu64 " %4" PRIu32, fr, by,
			n->timeouts);
		if (n->emcy_active)
			fprintf(fp, " %04X/%-4" PRIu32, n->emcy_code,
				n->emcy_total);
		else
			fprintf(fp, " -/%-7" PRIu32, n->emcy_total);
		fprintf(fp, " %" PRIu32 "/%" PRIu32 "/%" PRIu32 "\n",
			n->sdo_ok, n->sdo_failed, n->sdo_aborted);
	}
}

static void
text_cob_row(FILE *fp, const char *name, const struct stats_cob *c,
	     double dur)
{
	struct period p;

	period_of(c, dur, &p);
	fprintf(fp, "%8s %9" PRIu64 " %10" PRIu64, name, c->frames, c->bytes);
	if (!p.timed) {
		fprintf(fp, " %9s %10s %9s %9s %10s\n", "n/a", "n/a", "n/a",
			"n/a", "n/a");
		return;
	}
	fprintf(fp, " %9.2f", p.rate);
	if (p.valid)
		fprintf(fp, " %10.3f %9.3f %9.3f %10.3f\n", p.mean, p.jitter,
			p.min, p.max);
	else
		fprintf(fp, " %10s %9s %9s %10s\n", "-", "-", "-", "-");
}

static void
text_cobs(FILE *fp, const struct co_stats *st)
{
	double dur = duration_s(st);
	char name[16];
	unsigned i;

	fprintf(fp, "  cob-id    frames      bytes    rate/s  period-ms "
		"jitter-ms    min-ms     max-ms\n");
	for (i = 0; i < STATS_SFF_SLOTS; i++) {
		if (st->sff[i].frames == 0)
			continue;
		snprintf(name, sizeof(name), "%03X", i);
		text_cob_row(fp, name, &st->sff[i], dur);
	}
	for (i = 0; i < STATS_EFF_SLOTS; i++) {
		if (!st->eff[i].used)
			continue;
		snprintf(name, sizeof(name), "%08" PRIX32, st->eff[i].id);
		text_cob_row(fp, name, &st->eff[i].c, dur);
	}
	if (st->eff_other.frames)
		text_cob_row(fp, "other", &st->eff_other, dur);
}

/* EMCY records of node n, oldest first: calls fn for each. */
static void
emcy_each(const struct co_node *n, FILE *fp,
	  void (*fn)(FILE *fp, unsigned node, const struct net_emcy *r))
{
	unsigned i;

	for (i = 0; i < net_emcy_count(n); i++)
		fn(fp, n->id, net_emcy_at(n, i));
}

static void
text_emcy_rec(FILE *fp, unsigned node, const struct net_emcy *r)
{
	fprintf(fp, "%4u ", node);
	print_ts(fp, r->ts_ns);
	fprintf(fp, " %04X reg=0x%02X mfr=%02X%02X%02X%02X%02X %s\n", r->code,
		r->reg, r->msef[0], r->msef[1], r->msef[2], r->msef[3],
		r->msef[4], co_emcy_text(r->code));
}

static void
text_emcy(FILE *fp, const struct co_net *net)
{
	unsigned i;
	bool head = false;

	for (i = 1; i < NET_NODES; i++) {
		if (net_emcy_count(net_node(net, i)) == 0)
			continue;
		if (!head)
			fprintf(fp, "node EMCY history (last %d per node)\n",
				NET_EMCY_HIST);
		head = true;
		emcy_each(net_node(net, i), fp, text_emcy_rec);
	}
}

/* ---- JSON ---- */

static void
json_emcy_rec(FILE *fp, unsigned node, const struct net_emcy *r)
{
	fprintf(fp, "{\"kind\":\"stats_emcy\",\"node\":%u,\"ts\":", node);
	print_ts(fp, r->ts_ns);
	fprintf(fp, ",\"code\":\"%04X\",\"reg\":%u,\"mfr\":\"%02x%02x%02x"
		"%02x%02x\"}\n", r->code, r->reg, r->msef[0], r->msef[1],
		r->msef[2], r->msef[3], r->msef[4]);
}

static void
json_period(FILE *fp, const struct period *p)
{
	if (!p->timed)
		return;
	fprintf(fp, ",\"rate\":%.3f", p->rate);
	if (p->valid)
		fprintf(fp, ",\"period_ms\":%.3f,\"jitter_ms\":%.3f,"
			"\"min_ms\":%.3f,\"max_ms\":%.3f", p->mean, p->jitter,
			p->min, p->max);
}

static void
json_bus(FILE *fp, const struct co_stats *st, const struct co_net *net)
{
	double dur = duration_s(st);

	fprintf(fp, "{\"kind\":\"stats_bus\",\"frames\":%" PRIu64
		",\"remote\":%" PRIu64 ",\"fd\":%" PRIu64 ",\"error_frames\":%"
		PRIu64 ",\"bytes\":%" PRIu64, st->frames, st->rtr_frames,
		st->fd_frames, st->err_frames, st->bytes);
	if (dur == NO_TS)
		fputs(",\"timestamps\":false", fp);
	else
		fprintf(fp, ",\"duration_s\":%.6f", dur);
	fprintf(fp, ",\"bits_nostuff\":%" PRIu64 ",\"bits_worst\":%" PRIu64,
		st->bits.arb_nostuff + st->bits.data_nostuff,
		st->bits.arb_worst + st->bits.data_worst);
	if (st->bitrate && dur > 0) {
		fprintf(fp, ",\"bitrate\":%" PRIu32 ",\"load_worst\":%.3f,"
			"\"load_nostuff\":%.3f,\"load_peak\":%.3f", st->bitrate,
			100 * stats_bits_time(&st->bits, true, st->bitrate,
					      st->dbitrate) / dur,
			100 * stats_bits_time(&st->bits, false, st->bitrate,
					      st->dbitrate) / dur,
			100 * st->peak_load);
		if (st->exact)
			fprintf(fp, ",\"load_exact\":%.3f", 100 *
				((double)st->bits.arb_exact / st->bitrate +
				 (double)st->bits.data_worst / st->dbitrate) /
				dur);
	}
	if (net->bad_short || net->bad_invalid)
		fprintf(fp, ",\"malformed_short\":%" PRIu64
			",\"malformed_invalid\":%" PRIu64, net->bad_short,
			net->bad_invalid);
	fputs("}\n", fp);
}

static void
json_nodes(FILE *fp, const struct co_stats *st, const struct co_net *net)
{
	unsigned i;
	uint64_t fr, by;

	for (i = 1; i < NET_NODES; i++) {
		const struct co_node *n = net_node(net, i);

		if (!net_node_shown(n))
			continue;
		node_traffic(st, i, &fr, &by);
		fprintf(fp, "{\"kind\":\"stats_node\",\"node\":%u,\"state\":"
			"\"%s\",\"bootups\":%" PRIu32 ",\"frames\":%" PRIu64
			",\"bytes\":%" PRIu64, i, net_state_name(n->state),
			n->bootups, fr, by);
		if (n->hb_n)
			fprintf(fp, ",\"hb_mean_ms\":%.3f,\"hb_min_ms\":%.3f,"
				"\"hb_max_ms\":%.3f",
				(double)n->hb_sum_ns / (double)n->hb_n /
				NS_PER_MS, (double)n->hb_min_ns / NS_PER_MS,
				(double)n->hb_max_ns / NS_PER_MS);
		if (n->seen && duration_s(st) != NO_TS) {
			fputs(",\"last_seen\":", fp);
			print_ts(fp, n->last_ns);
		}
		fprintf(fp, ",\"emcy\":%" PRIu32, n->emcy_total);
		if (n->emcy_active)
			fprintf(fp, ",\"emcy_active\":\"%04X\"", n->emcy_code);
		if (n->bad)
			fprintf(fp, ",\"malformed\":%" PRIu32, n->bad);
		if (n->guard_unanswered)
			fprintf(fp, ",\"guard_unanswered\":%" PRIu32,
				n->guard_unanswered);
		fprintf(fp, ",\"hb_timeouts\":%" PRIu32 ",\"sdo_ok\":%" PRIu32
			",\"sdo_failed\":%" PRIu32 ",\"sdo_aborted\":%" PRIu32
			"}\n", n->timeouts, n->sdo_ok, n->sdo_failed,
			n->sdo_aborted);
	}
}

static void
json_cob(FILE *fp, uint32_t id, bool ext, const struct stats_cob *c,
	 double dur)
{
	struct period p;

	period_of(c, dur, &p);
	fprintf(fp, "{\"kind\":\"stats_cob\",\"cob_id\":%" PRIu32 "%s,"
		"\"frames\":%" PRIu64 ",\"bytes\":%" PRIu64, id,
		ext ? ",\"ext\":true" : "", c->frames, c->bytes);
	json_period(fp, &p);
	fputs("}\n", fp);
}

static void
json_cobs(FILE *fp, const struct co_stats *st)
{
	double dur = duration_s(st);
	unsigned i;

	for (i = 0; i < STATS_SFF_SLOTS; i++)
		if (st->sff[i].frames)
			json_cob(fp, i, false, &st->sff[i], dur);
	for (i = 0; i < STATS_EFF_SLOTS; i++)
		if (st->eff[i].used)
			json_cob(fp, st->eff[i].id, true, &st->eff[i].c, dur);
}

void
stats_print(FILE *fp, const struct co_stats *st, const struct co_net *net,
	    bool json)
{
	unsigned i;

	if (json) {
		json_bus(fp, st, net);
		json_nodes(fp, st, net);
		for (i = 1; i < NET_NODES; i++)
			emcy_each(net_node(net, i), fp, json_emcy_rec);
		json_cobs(fp, st);
		return;
	}
	text_bus(fp, st);
	text_bad(fp, net);
	text_nodes(fp, st, net);
	text_emcy(fp, net);
	text_cobs(fp, st);
}
