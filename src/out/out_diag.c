/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_diag.c - diagnosis findings as text and JSON (stream events and
 * the --diagnose report) */
#include "config.h"
#include "out_diag.h"

#include "ojson.h"

#define TS_DIGITS 6

/* "error HB_LOST node 5" / "warning BUS_LOAD bus" */
static void
text_id(struct obuf *o, const struct diag_finding *f)
{
	ob_str(o, diag_sev_name(f->sev));
	ob_ch(o, ' ');
	ob_str(o, diag_code_name(f->code));
	if (f->node) {
		ob_str(o, " node ");
		ob_u64(o, f->node, 0);
	} else {
		ob_str(o, f->code >= DG_FILE_TS_BACKWARDS ? " file" : " bus");
	}
}

void
out_diag_text_event(struct obuf *o, const struct co_event *ev)
{
	const struct diag_finding *f = ev->u.finding;

	ob_ts(o, ev->ts_ns, TS_DIGITS);
	ob_str(o, " - - FINDING ");
	text_id(o, f);
	ob_str(o, ": ");
	ob_str(o, f->what);
}

static void
json_finding(struct obuf *o, const struct diag_finding *f, uint64_t ts)
{
	ob_str(o, "{\"ts\":");
	ob_ts(o, ts, TS_DIGITS);
	json_skv(o, "kind", "finding");
	json_ukv(o, "node", f->node);
	json_skv(o, "code", diag_code_name(f->code));
	json_skv(o, "severity", diag_sev_name(f->sev));
	json_key(o, "first");
	ob_ts(o, f->first_ns, TS_DIGITS);
	json_key(o, "last");
	ob_ts(o, f->last_ns, TS_DIGITS);
	json_ukv(o, "count", f->count);
	json_skv(o, "what", f->what);
	json_skv(o, "why", diag_why(f));
	json_skv(o, "check", diag_check(f));
}

void
out_diag_json_event(struct obuf *o, const struct co_event *ev)
{
	json_finding(o, ev->u.finding, ev->ts_ns);
	ob_ch(o, '}');
}

void
out_diag_emit(void *arg, const struct co_event *ev)
{
	const struct out_diag_stream *s = arg;
	struct obuf o;

	if (ev->kind != CO_EV_FINDING)
		return;
	ob_reset(&o);
	if (s->json)
		out_diag_json_event(&o, ev);
	else
		out_diag_text_event(&o, ev);
	ob_ch(&o, '\n');
	fwrite(o.b, 1, o.len, s->fp);
}

static void
report_text(FILE *fp, const struct diag_finding *f)
{
	struct obuf o;

	ob_reset(&o);
	text_id(&o, f);
	ob_str(&o, ", ");
	ob_u64(&o, f->count, 0);
	ob_str(&o, f->count == 1 ? " time, " : " times, ");
	ob_ts(&o, f->first_ns, TS_DIGITS);
	if (f->last_ns != f->first_ns) {
		ob_str(&o, " .. ");
		ob_ts(&o, f->last_ns, TS_DIGITS);
	}
	ob_str(&o, "\n  what:  ");
	ob_str(&o, f->what);
	ob_str(&o, "\n  why:   ");
	ob_str(&o, diag_why(f));
	ob_str(&o, "\n  check: ");
	ob_str(&o, diag_check(f));
	ob_ch(&o, '\n');
	fwrite(o.b, 1, o.len, fp);
}

static void
report_head(FILE *fp, const struct diag *d)
{
	size_t ne = diag_count(d, DIAG_ERROR), nw = diag_count(d, DIAG_WARNING);
	size_t nn = diag_count(d, DIAG_NOTE);

	if (ne + nw + nn == 0) {
		fputs("Diagnosis: no findings\n", fp);
		return;
	}
	fprintf(fp, "Diagnosis: %zu error%s, %zu warning%s, %zu note%s\n",
		ne, ne == 1 ? "" : "s", nw, nw == 1 ? "" : "s", nn,
		nn == 1 ? "" : "s");
}

void
out_diag_report(FILE *fp, const struct diag *d, bool json)
{
	static const struct diag_finding *v[DIAG_MAX];
	size_t n = diag_sorted(d, v, DIAG_MAX), i;
	struct obuf o;

	if (!json)
		report_head(fp, d);
	for (i = 0; i < n; i++) {
		if (!json) {
			report_text(fp, v[i]);
			continue;
		}
		ob_reset(&o);
		json_finding(&o, v[i], v[i]->last_ns);
		json_bkv(&o, "final", true);
		ob_str(&o, "}\n");
		fwrite(o.b, 1, o.len, fp);
	}
	if (d->lost && !json)
		fprintf(fp, "(%u more findings not kept)\n", d->lost);
}
