/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui.c - the view's life: terminal setup and restore, the consumer that
 * keeps trace lines (formatted when shown), the loop client (keys, redraw at
 * most 10 times a second), the layout of the panes */
#include "config.h"

#include "ui.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "obuf.h"
#include "out.h"
#include "ui_action.h"
#include "ui_priv.h"

bool
ui_possible(void)
{
	const char *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && isatty(STDIN_FILENO) &&
	       term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
}

/* ---- the consumer: raw frames and events ---- */

static void
cons_frame(struct co_consumer *c, const struct co_frame *f)
{
	struct ui *u = c->priv;

	u->frames++;
	stats_frame(&u->stats, f);
	ui_head_frame(u, f);
	u->dirty = true;
}

static void
cons_event(struct co_consumer *c, const struct co_event *ev)
{
	struct ui *u = c->priv;
	const struct ui_line *l = ui_trace_add(&u->trace, ev, u->opt.verbose);
	char buf[UI_LINE_LEN];

	if (ev->kind == CO_EV_DROP) {
		u->drops += ev->u.drop.count;
		ui_head_drop(u, ev);
	}
	if (ev->kind == CO_EV_PDO)
		ui_pdo_event(u, ev);
	ui_node_event(u, ev);
	/* the view's own notes are shown only when no diagnosis runs */
	if (u->opt.diag == NULL)
		ui_note_event(u, ev, ui_line_text(l, buf));
	u->dirty = true;
}

static void
cons_reset(struct co_consumer *c)
{
	struct ui *u = c->priv;
	uint32_t br = u->stats.bitrate;

	stats_init(&u->stats);
	u->stats.bitrate = br;
	u->trace.total = 0;
	u->trace.top = 0;
	u->trace.mark = UINT64_MAX;
	u->nnotes = 0;
	memset(u->node, 0, sizeof(u->node));
	memset(u->pdo, 0, sizeof(u->pdo));
	u->frames = u->drops = 0;
	ui_head_reset(u);
	u->dirty = true;
}

/* ---- layout and drawing ---- */

typedef void (*ui_draw_fn)(struct ui *u, struct ui_rect r);

static const ui_draw_fn pane_draw[UI_NPANES] = {
	ui_nodes_draw, ui_trace_draw, ui_sdo_draw, ui_pdo_draw,
	ui_emcy_draw, ui_stats_draw, ui_diag_draw,
};

static void
draw_tabs(struct ui *u, int y)
{
	int x = 0, i;
	char b[24];

	move(y, 0);
	clrtoeol();
	for (i = 0; i < UI_NPANES && x < COLS; i++) {
		snprintf(b, sizeof(b), i == (int)u->pane ? "[%d%s]" : " %d%s ",
			 i + 1, ui_pane_names[i]);
		ui_put(u, y, x, COLS - x, i == (int)u->pane ? A_REVERSE : 0,
		       b);
		x += (int)strlen(b);
	}
	if (u->trace.filter[0] && x < COLS)
		ui_putf(u, y, x + 1, COLS - x - 1, 0, "filter:%s",
			u->trace.filter);
}

static void
draw_bottom(struct ui *u)
{
	const char *m = u->msgs ? msgring_get(u->msgs, u->msgs->count ?
					      u->msgs->count - 1 : 0) : NULL;

	if (u->prompt != UI_PROMPT_NONE) {
		ui_putf(u, LINES - 1, 0, COLS, 0, "%s%s_",
			u->prompt == UI_PROMPT_SEARCH ? "/" : "filter: ",
			u->input);
		return;
	}
	if (m && LINES > 2)
		ui_put(u, LINES - 2, 0, COLS, ui_attr_warn(u), m);
	ui_put(u, LINES - 1, 0, COLS, A_REVERSE,
	       "F1Help F3Search F4Filter F5Freeze F6Sort p.[]+-Replay "
	       "F10Quit Tab 1-7 Enter Esc");
}

/* The body: the selected pane; on a tall screen the nodes (and the
 * diagnosis beside them when wide) stay on top. */
static void
draw_body(struct ui *u, struct ui_rect r)
{
	struct ui_rect top = r, bot = r;
	enum ui_pane p = u->pane;

	if (u->help) {
		ui_help_draw(u, r);
		return;
	}
	if (u->detail) {
		ui_node_detail_draw(u, r);
		return;
	}
	if (r.h < 30) {
		pane_draw[p](u, r);
		return;
	}
	if (p == UI_NODES)
		p = UI_TRACE;
	top.h = r.h * 2 / 5;
	bot.y = r.y + top.h;
	bot.h = r.h - top.h;
	if (r.w >= 140 && p != UI_DIAG) {
		top.w = r.w * 11 / 20;
		ui_nodes_draw(u, top);
		top.x = top.w + 1;
		top.w = r.w - top.w - 1;
		ui_diag_draw(u, top);
	} else {
		ui_nodes_draw(u, top);
	}
	pane_draw[p](u, bot);
}

static void
draw(struct ui *u)
{
	struct ui_rect body;

	if (u->frozen && u->frozen_drawn) {
		/* only the header moves; the body stays as it was */
		move(0, 0);
		clrtoeol();
		move(1, 0);
		clrtoeol();
		ui_header_draw(u, (struct ui_rect){ 0, 0, 2, COLS });
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	u->frozen_drawn = u->frozen;
	erase();
	if (LINES < 10 || COLS < 40) {
		ui_put(u, 0, 0, COLS, 0, "cosniff: terminal too small "
		       "(40x10 at least); capture goes on");
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	ui_header_draw(u, (struct ui_rect){ 0, 0, 2, COLS });
	draw_tabs(u, 2);
	body = (struct ui_rect){ 3, 0, LINES - 5, COLS };
	draw_body(u, body);
	draw_bottom(u);
	ui_act_draw(u);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- the loop client ---- */

static void
client_input(void *arg)
{
	struct ui *u = arg;
	int ch, re = 0;

	while ((ch = getch()) != ERR)
		re |= ui_key(u, ch);
	if (re & UI_QUIT)
		u->loop->stop = true;
	if (re & UI_RESIZE)
		u->frozen_drawn = false;
	if (re & (UI_REDRAW | UI_RESIZE)) {
		u->dirty = true;
		u->last_draw_ns = 0;
	}
}

static uint64_t
min_ns(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t
client_tick(void *arg, uint64_t now_ns)
{
	struct ui *u = arg;
	uint64_t act = ui_act_tick(u, now_ns), next;

	if (u->opt.exit_at_end && u->loop->replay.at_end) {
		/* the end of the file on screen, then leave */
		draw(u);
		u->loop->stop = true;
		return LOOP_NEVER;
	}
	if (now_ns - u->last_draw_ns < UI_REDRAW_NS)
		return min_ns(act, u->last_draw_ns + UI_REDRAW_NS);
	/* ages move with the clock even without frames (live) */
	if (u->dirty || now_ns - u->last_draw_ns >= UI_NS_PER_S) {
		draw(u);
		u->dirty = false;
		u->last_draw_ns = now_ns;
	}
	/* frames make the loop call again at once (each turn); without
	 * them, a second (a time in the past here made the loop spin on
	 * poll(0) at the end of a replay) */
	next = u->last_draw_ns + UI_NS_PER_S;
	return min_ns(act, next);
}

/* ---- open, close ---- */

static void
colors_init(struct ui *u)
{
	const char *nc = getenv("NO_COLOR");

	u->color = !u->opt.no_color && has_colors() &&
		   (nc == NULL || *nc == '\0');
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_RED, -1);
	init_pair(2, COLOR_YELLOW, -1);
	init_pair(3, COLOR_GREEN, -1);
	init_pair(4, COLOR_CYAN, -1);
}

static void
cons_setup(struct ui *u)
{
	u->cons.name = "view";
	u->cons.frame = cons_frame;
	u->cons.event = cons_event;
	u->cons.reset = cons_reset;
	u->cons.priv = u;
	u->client.fd = STDIN_FILENO;
	u->client.input = client_input;
	u->client.tick = client_tick;
	u->client.arg = u;
}

struct ui *
ui_open(const struct ui_opts *opt, const struct co_net *net,
	struct msgring *msgs, struct loop *l)
{
	struct ui *u = calloc(1, sizeof(*u));

	if (u == NULL)
		return NULL;
	u->opt = *opt;
	u->net = net;
	u->msgs = msgs;
	u->loop = l;
	u->sort_desc = false;
	stats_init(&u->stats);
	u->stats.bitrate = opt->bitrate;
	if (ui_trace_init(&u->trace, opt->history) != 0) {
		free(u);
		return NULL;
	}
	cons_setup(u);
	u->act = ui_act_open(opt->tx, opt->tx_iface);
	if (u->act == NULL) {
		ui_trace_free(&u->trace);
		free(u);
		return NULL;
	}
	setlocale(LC_ALL, "");
	if (newterm(NULL, stdout, stdin) == NULL) {
		ui_act_close(u->act);
		ui_trace_free(&u->trace);
		free(u);
		errno = ENOTTY;
		return NULL;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
	colors_init(u);
	u->pane = UI_NODES;
	u->dirty = true;
	return u;
}

struct co_consumer *
ui_consumer(struct ui *u)
{
	return &u->cons;
}

struct loop_client *
ui_client(struct ui *u)
{
	return &u->client;
}

void
ui_close(struct ui *u)
{
	if (u == NULL)
		return;
	endwin();
	ui_act_close(u->act);
	ui_trace_free(&u->trace);
	free(u);
}
