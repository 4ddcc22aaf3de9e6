/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_head.c - the header: per interface link state, bitrate, bus load,
 * frames/s and error frames; frames, drops; logging files with their
 * sizes; replay position and speed; the frozen marker.  Abbreviates to
 * fit 80 columns, says more when wide.  Also the 'c' baseline. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "link.h"
#include "net_view.h"
#include "sink.h"
#include "ui_priv.h"

#define HEAD_WIDE 120            /* long forms from this width on */

/* ---- per-interface figures, over frame time ---- */

/* The bitrate of interfaces whose link tells none: --bitrate.  Without
 * it, main takes the first live link's bitrate, which belongs to that
 * link only (a vcan beside it has none). */
static uint32_t
fallback_bitrate(const struct ui *u)
{
	const struct capture_links *w = u->loop ? u->loop->links : NULL;
	int i;

	for (i = 0; w && i < w->n; i++)
		if (link_bitrate(&w->link[i]) == u->opt.bitrate)
			return 0;
	return u->opt.bitrate;
}

static uint32_t
iface_bitrate(const struct ui *u, const char *name)
{
	const struct capture_links *w = u->loop ? u->loop->links : NULL;
	int i;

	for (i = 0; w && i < w->n; i++)
		if (strcmp(w->link[i].iface, name) == 0 &&
		    link_bitrate(&w->link[i]))
			return link_bitrate(&w->link[i]);
	return fallback_bitrate(u);
}

static struct ui_iface *
iface_of(struct ui *u, const char *name)
{
	struct ui_iface *c;
	int i;

	for (i = 0; i < u->nifc; i++)
		if (strcmp(u->ifc[i].name, name) == 0)
			return &u->ifc[i];
	if (u->nifc == UI_IFACES)
		return NULL;
	c = &u->ifc[u->nifc++];
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->load = -1.0;
	c->br = iface_bitrate(u, name);
	return c;
}

/* Close the one-second windows before ts: the last full one gives the
 * rate and the load. */
static void
iface_window(struct ui *u, struct ui_iface *c, uint64_t ts)
{
	uint32_t br;

	if (c->win_start_ns == 0 || ts < c->win_start_ns)
		c->win_start_ns = ts;
	while (ts >= c->win_start_ns + UI_NS_PER_S) {
		br = c->br;
		c->br = iface_bitrate(u, c->name);
		c->rate = c->win_frames;
		c->load = br ? stats_bits_time(&c->win_bits, false, br, 0)
			     : -1.0;
		memset(&c->win_bits, 0, sizeof(c->win_bits));
		c->win_frames = 0;
		if (ts >= c->win_start_ns + 2 * UI_NS_PER_S) {
			c->rate = 0;      /* a silence: not the last rate */
			c->win_start_ns = ts;
			break;
		}
		c->win_start_ns += UI_NS_PER_S;
	}
}

void
ui_head_frame(struct ui *u, const struct co_frame *f)
{
	struct ui_iface *c = u->nifc && strcmp(u->ifc[0].name, f->iface) == 0
			     ? &u->ifc[0] : iface_of(u, f->iface);
	struct stats_bits b;

	if (c == NULL)
		return;
	c->frames++;
	if (co_frame_is_err(f))
		c->err_frames++;
	iface_window(u, c, f->ts_ns);
	c->win_frames++;
	if (c->br) {
		memset(&b, 0, sizeof(b));
		stats_frame_bits(f, false, &b);
		c->win_bits.arb_nostuff += b.arb_nostuff;
		c->win_bits.data_nostuff += b.data_nostuff;
	}
}

/* Frames lost on one interface (a drop event that names it). */
void
ui_head_drop(struct ui *u, const struct co_event *ev)
{
	struct ui_iface *c;

	if (ev->u.drop.iface == NULL)
		return;
	c = iface_of(u, ev->u.drop.iface);
	if (c != NULL)
		c->drops += ev->u.drop.count;
}

/* A jump back re-feeds the file: the view's counts start again. */
void
ui_head_reset(struct ui *u)
{
	u->nifc = 0;
	memset(&u->base, 0, sizeof(u->base));
	memset(u->obj, 0, sizeof(u->obj));
}

/* 'c': what the panes show counts from now on. */
void
ui_base_take(struct ui *u)
{
	unsigned id;
	int i;

	u->base.frames = u->frames;
	u->base.drops = u->drops;
	for (i = 0; i < u->nifc; i++)
		u->ifc[i].frames = u->ifc[i].err_frames = u->ifc[i].drops = 0;
	for (id = 1; id < NET_NODES; id++) {
		const struct co_node *n = net_node(u->net, id);

		u->base.bootups[id] = n->bootups;
		u->base.emcy[id] = n->emcy_total;
		u->base.sdo_ok[id] = n->sdo_ok;
		u->base.sdo_failed[id] = n->sdo_failed;
		u->base.sdo_aborted[id] = n->sdo_aborted;
	}
}

/* ---- formats ---- */

/* 500000 -> "500k", 1000000 -> "1M", 83333 -> "83.3k" */
static void
fmt_bitrate(char *b, size_t n, uint32_t br)
{
	if (br >= 1000000 && br % 1000000 == 0)
		snprintf(b, n, "%uM", br / 1000000);
	else if (br >= 1000 && br % 1000 == 0)
		snprintf(b, n, "%uk", br / 1000);
	else if (br >= 1000)
		snprintf(b, n, "%.1fk", br / 1000.0);
	else
		snprintf(b, n, "%u", br);
}

/* bytes as "812", "12.3k", "4.0M", "1.2G" (powers of 1000, as the
 * --rotate-size suffixes) */
static void
fmt_size(char *b, size_t n, uint64_t v)
{
	if (v < 1000)
		snprintf(b, n, "%llu", (unsigned long long)v);
	else if (v < 1000000)
		snprintf(b, n, "%.1fk", (double)v / 1e3);
	else if (v < 1000000000)
		snprintf(b, n, "%.1fM", (double)v / 1e6);
	else
		snprintf(b, n, "%.1fG", (double)v / 1e9);
}

static void
fmt_clock(char *b, size_t n, uint64_t ns)
{
	uint64_t ms = ns / 1000000u;

	snprintf(b, n, "%02llu:%02llu.%03llu",
		 (unsigned long long)(ms / 60000),
		 (unsigned long long)(ms / 1000 % 60),
		 (unsigned long long)(ms % 1000));
}

static const char *
state_short(enum co_link_state s)
{
	switch (s) {
	case LINK_ST_ERROR_ACTIVE: return "err-act";
	case LINK_ST_ERROR_WARNING: return "err-warn";
	case LINK_ST_ERROR_PASSIVE: return "err-pass";
	case LINK_ST_BUS_OFF: return "BUS-OFF";
	case LINK_ST_STOPPED: return "stopped";
	case LINK_ST_SLEEPING: return "sleep";
	default: return "?";
	}
}

/* ---- one header line, filled left to right with segments ---- */

struct hl {
	struct ui *u;
	int y, x, end;
};

/* Put s when it fits (two spaces before all but the first); false
 * when it does not. */
static bool
hl_add(struct hl *h, int attr, const char *s)
{
	int len = (int)strlen(s), gap = h->x > 0 ? 2 : 0;

	if (h->x + gap + len > h->end)
		return false;
	ui_put(h->u, h->y, h->x + gap, len, attr, s);
	h->x += gap + len;
	return true;
}

/* ---- the segments ---- */

static const struct co_link *
link_of(const struct ui *u, const char *name)
{
	const struct capture_links *w = u->loop ? u->loop->links : NULL;
	int i;

	for (i = 0; w && i < w->n; i++)
		if (strcmp(w->link[i].iface, name) == 0)
			return &w->link[i];
	return NULL;
}

/* How much an interface's figures say: compact when several share a
 * narrow header, full from HEAD_WIDE columns. */
enum head_form { HF_COMPACT, HF_NORMAL, HF_WIDE };

/* "can0 UP err-act 500k" (live) or "can0 500k" (replay); compact
 * leaves out UP; bad states get the bad attribute */
static int
link_text(const struct ui *u, const char *name, char *b, size_t n,
	  enum head_form f)
{
	const struct co_link *l = link_of(u, name);
	uint32_t br = iface_bitrate(u, name);
	const char *up = f == HF_COMPACT ? "" : " UP";
	char rate[16] = "";
	size_t k;

	if (br)
		fmt_bitrate(rate, sizeof(rate), br);
	k = (size_t)snprintf(b, n, "%s", name);
	if (l && !l->up) {
		snprintf(b + k, n - k, " DOWN");
		return ui_attr_bad(u);
	}
	if (l && l->is_virtual)
		k += (size_t)snprintf(b + k, n - k, "%s virtual", up);
	else if (l && l->has_state)
		k += (size_t)snprintf(b + k, n - k, "%s %s", up, f == HF_WIDE ?
				      link_state_name(l->state) :
				      state_short(l->state));
	if (rate[0] && k < n)
		k += (size_t)snprintf(b + k, n - k, " %s", rate);
	if (f == HF_WIDE && l && l->has_berr && k < n)
		snprintf(b + k, n - k, " tec %u rec %u", l->txerr, l->rxerr);
	return l && l->has_state && l->state >= LINK_ST_ERROR_PASSIVE ?
	       ui_attr_bad(u) : l && l->has_state &&
	       l->state == LINK_ST_ERROR_WARNING ? ui_attr_warn(u) : 0;
}

static void
head_iface(struct hl *h, const char *name, const struct ui_iface *c,
	   enum head_form f)
{
	struct ui *u = h->u;
	char b[128], bar[16];
	int attr = link_text(u, name, b, sizeof(b), f), i;
	double load = c ? c->load : -1.0;
	size_t k;

	if (f == HF_COMPACT) {
		/* "can0 err-act 500k 3.4% 226/s" in one piece */
		k = strlen(b);
		if (load >= 0)
			k += (size_t)snprintf(b + k, sizeof(b) - k, " %.1f%%",
					      load * 100);
		k += (size_t)snprintf(b + k, sizeof(b) - k, " %llu/s",
				      (unsigned long long)(c ? c->rate : 0));
		if (c && c->drops && k < sizeof(b))
			snprintf(b + k, sizeof(b) - k, " drop %llu",
				 (unsigned long long)c->drops);
		hl_add(h, c && c->drops ? ui_attr_bad(u) : attr, b);
		return;
	}
	hl_add(h, attr, b);
	if (load < 0) {
		snprintf(b, sizeof(b), "load -");
	} else if (f == HF_WIDE) {
		for (i = 0; i < 10; i++)
			bar[i] = i < (int)(load * 10 + 0.5) ? '#' : '-';
		bar[10] = '\0';
		snprintf(b, sizeof(b), "load %.1f%% [%s]", load * 100, bar);
	} else {
		snprintf(b, sizeof(b), "load %.1f%%", load * 100);
	}
	hl_add(h, load > 0.8 ? ui_attr_warn(u) : 0, b);
	snprintf(b, sizeof(b), "%llu fr/s",
		 (unsigned long long)(c ? c->rate : 0));
	hl_add(h, 0, b);
	snprintf(b, sizeof(b), "errfr %llu",
		 (unsigned long long)(c ? c->err_frames : 0));
	hl_add(h, c && c->err_frames ? ui_attr_warn(u) : 0, b);
	if (c && c->drops && u->nifc > 1) {  /* which one lost them */
		snprintf(b, sizeof(b), "drop %llu",
			 (unsigned long long)c->drops);
		hl_add(h, ui_attr_bad(u), b);
	}
}

static const struct ui_iface *
ifc_of(const struct ui *u, const char *name)
{
	int k;

	for (k = 0; k < u->nifc; k++)
		if (strcmp(u->ifc[k].name, name) == 0)
			return &u->ifc[k];
	return NULL;
}

/* Every interface: the live links first (even without frames), then
 * those seen in frames.  Returns the form used. */
static enum head_form
head_ifaces(struct hl *h, bool wide)
{
	struct ui *u = h->u;
	const struct capture_links *w = u->loop ? u->loop->links : NULL;
	int i, k, n = w ? w->n : 0;
	enum head_form f;

	for (k = 0; k < u->nifc; k++)
		n += link_of(u, u->ifc[k].name) == NULL;
	f = wide ? HF_WIDE : n > 1 ? HF_COMPACT : HF_NORMAL;
	for (i = 0; w && i < w->n; i++)
		head_iface(h, w->link[i].iface, ifc_of(u, w->link[i].iface),
			   f);
	for (k = 0; k < u->nifc; k++)
		if (link_of(u, u->ifc[k].name) == NULL)
			head_iface(h, u->ifc[k].name, &u->ifc[k], f);
	if (n == 0)
		head_iface(h, u->opt.replay ? "-" : u->opt.source, NULL, f);
	return f;
}

/* "-W bus.log 1.2M" (with rotation "-W bus.log.3 1.2M #4"); short: the
 * file's last path element */
static void
log_text(const struct ui *u, int i, char *b, size_t n, bool shrt)
{
	const struct co_sink *s = u->opt.pipe->sinks[i];
	struct sink_status st;
	const char *file, *flag = "";
	char sz[16];
	size_t k;

	sink_status(s, &st);
	file = st.file;
	if (shrt && strrchr(file, '/'))
		file = strrchr(file, '/') + 1;
	if (u->opt.pipe->nsinks == u->opt.nlogs)
		flag = i < u->opt.npcap ? "-w " : "-W ";
	fmt_size(sz, sizeof(sz), st.bytes);
	k = (size_t)snprintf(b, n, "%s%s %s", flag, file, sz);
	if (st.files > 1 && k < n)
		snprintf(b + k, n - k, " #%u", st.files);
}

/* Logging files where they fit: in full, else by their last name. */
static void
head_logs(struct hl *h1, struct hl *h2)
{
	struct ui *u = h1->u;
	char b[300];
	int i;

	for (i = 0; u->opt.pipe && i < u->opt.pipe->nsinks; i++) {
		log_text(u, i, b, sizeof(b), false);
		if (hl_add(h1, 0, b) || hl_add(h2, 0, b))
			continue;
		log_text(u, i, b, sizeof(b), true);
		if (!hl_add(h1, 0, b) && !hl_add(h2, 0, b))
			break;
	}
}

/* "PLAY  x1  00:03.214 / 00:05.000 [######----]"; short: no bar, no
 * hint */
static void
replay_text(const struct ui *u, char *b, size_t n, bool shrt)
{
	const struct loop_replay *rp = &u->loop->replay;
	uint64_t pos = rp->cur_ns > rp->first_ns ? rp->cur_ns - rp->first_ns
						 : 0;
	uint64_t len = rp->last_ns > rp->first_ns ?
		       rp->last_ns - rp->first_ns : 0;
	char cp[32], cl[32], sp[16], bar[11];
	int fill = len ? (int)(pos * 10 / len) : 0, i;

	for (i = 0; i < 10; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[10] = '\0';
	fmt_clock(cp, sizeof(cp), pos);
	fmt_clock(cl, sizeof(cl), len);
	if (rp->speed <= 0)
		snprintf(sp, sizeof(sp), "max");
	else
		snprintf(sp, sizeof(sp), "x%g", rp->speed);
	snprintf(b, n, "%s %s  %s / %s%s%s%s%s",
		 rp->at_end ? "END " : rp->paused ? "PAUSE" : "PLAY ", sp,
		 cp, cl, shrt ? "" : " [", shrt ? "" : bar, shrt ? "" : "]",
		 rp->at_end && !shrt ? "  q: quit" : "");
}

/* Line 1 of a replay: the file (by its last path element when the
 * whole path leaves no room), position and speed; the short form when
 * logging files want the room on a narrow screen. */
static void
head_replay(struct hl *h, bool shrt)
{
	const struct loop_replay *rp = &h->u->loop->replay;
	const char *s = h->u->opt.source, *base = strrchr(s, '/');
	int attr = rp->paused && !rp->at_end ? (int)A_REVERSE : 0;
	char b[160];

	replay_text(h->u, b, sizeof(b), shrt);
	if (base && h->x + 2 + (int)strlen(s) + 1 + (int)strlen(b) > h->end)
		s = base + 1;
	hl_add(h, 0, s);
	h->x--;                 /* one space after the file name */
	if (!hl_add(h, attr, b)) {
		replay_text(h->u, b, sizeof(b), true);
		hl_add(h, attr, b);
	}
}

/* Wide: the network at a glance, "nodes 4  LOST 1  NEVER 1  EMCY 1
 * active  SDO 1 running" (the words only when there are such). */
static void
head_summary(struct hl *h)
{
	struct ui *u = h->u;
	struct net_sdo_info run[16];
	uint8_t ids[NET_NODES];
	int n = ui_nodes_list(u, ids, NET_NODES), i, lost = 0, never = 0;
	int emcy = 0;
	unsigned nrun = net_sdo_running(u->net, run, 16);
	char b[96];

	for (i = 0; i < n; i++) {
		const struct co_node *nd = net_node(u->net, ids[i]);

		lost += nd->seen && nd->timed_out;
		never += !nd->seen;
		emcy += nd->emcy_active;
	}
	snprintf(b, sizeof(b), "nodes %d", n);
	hl_add(h, 0, b);
	if (lost) {
		snprintf(b, sizeof(b), "LOST %d", lost);
		hl_add(h, ui_attr_bad(u), b);
	}
	if (never) {
		snprintf(b, sizeof(b), "NEVER %d", never);
		hl_add(h, ui_attr_bad(u), b);
	}
	if (emcy) {
		snprintf(b, sizeof(b), "EMCY %d active", emcy);
		hl_add(h, ui_attr_bad(u), b);
	}
	if (nrun) {
		snprintf(b, sizeof(b), "SDO %u running", nrun);
		hl_add(h, 0, b);
	}
}

void
ui_header_draw(struct ui *u, struct ui_rect r)
{
	struct hl h1 = { u, r.y, r.x, r.x + r.w };
	struct hl h2 = { u, r.y + 1, r.x, r.x + r.w };
	bool wide = r.w >= HEAD_WIDE;
	enum head_form form;
	uint64_t errs = 0;
	char b[64], t[32];
	int i;

	hl_add(&h1, A_BOLD, "cosniff");
	if (u->opt.replay) {
		head_replay(&h1, !wide && u->opt.pipe &&
			    u->opt.pipe->nsinks > 0);
	} else {
		hl_add(&h1, 0, u->opt.source);
	}
	if (!u->opt.replay && u->net->started) {
		fmt_clock(t, sizeof(t), u->net->now_ns - u->net->first_ns);
		snprintf(b, sizeof(b), "run %s", t);
		hl_add(&h1, 0, b);
	}
	if (u->frozen) {
		snprintf(b, sizeof(b), " FROZEN +%llu fr ",
			 (unsigned long long)(u->frames - u->frozen_at));
		h2.end -= (int)strlen(b) + 1;
		ui_put(u, h2.y, h2.end + 1, (int)strlen(b),
		       ui_attr_warn(u) | A_REVERSE, b);
	}
	/* windows close on the model's clock too: a silent bus is 0/s */
	for (i = 0; i < u->nifc; i++)
		if (u->ifc[i].win_start_ns &&
		    u->net->now_ns >= u->ifc[i].win_start_ns)
			iface_window(u, &u->ifc[i], u->net->now_ns);
	form = head_ifaces(&h2, wide);
	snprintf(b, sizeof(b), "frames %llu",
		 (unsigned long long)(u->frames - u->base.frames));
	hl_add(&h2, 0, b);
	snprintf(b, sizeof(b), "drop %llu",
		 (unsigned long long)(u->drops - u->base.drops));
	hl_add(&h2, u->drops > u->base.drops ? ui_attr_bad(u) : 0, b);
	if (form == HF_COMPACT) {
		for (i = 0; i < u->nifc; i++)
			errs += u->ifc[i].err_frames;
		snprintf(b, sizeof(b), "errfr %llu", (unsigned long long)errs);
		hl_add(&h2, errs ? ui_attr_warn(u) : 0, b);
	}
	if (wide)
		head_summary(&h2);
	head_logs(&h1, &h2);
}
