/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_keys.c - the key-binding table (htop's Action_setBindings: one
 * entry per key, the help screen is drawn from it); handlers return
 * reaction flags and never draw */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "ui_action.h"
#include "ui_priv.h"

#define KEY_ESC 27
#define KEY_CTRL_L 12
#define UI_KEY_NONE (-1)         /* getch's ERR: never handed to ui_key */

const char *const ui_pane_names[UI_NPANES] = {
	"Nodes", "Trace", "SDO", "PDO", "EMCY", "Stats", "Diag",
};

static int
k_quit(struct ui *u, int key)
{
	(void)u;
	(void)key;
	return UI_QUIT;
}

static int
k_help(struct ui *u, int key)
{
	(void)key;
	u->help = !u->help;
	return UI_REDRAW;
}

static int
k_pane(struct ui *u, int key)
{
	if (key == '\t')
		u->pane = (enum ui_pane)((u->pane + 1) % UI_NPANES);
	else if (key == KEY_BTAB)
		u->pane = (enum ui_pane)((u->pane + UI_NPANES - 1) %
					 UI_NPANES);
	else
		u->pane = (enum ui_pane)(key - '1');
	u->help = false;
	u->detail = 0;
	return UI_REDRAW;
}

/* The drill-down scrolls by rows and pages over what it drew last. */
static void
detail_scroll(struct ui *u, int key, int d, int pg)
{
	int page = u->detail_h > 1 ? u->detail_h - 1 : 1;
	int max = u->detail_rows - u->detail_h;

	if (key == KEY_HOME || key == 'g')
		u->detail_top = 0;
	else if (key == KEY_END || key == 'G')
		u->detail_top = max;
	else
		u->detail_top += d + pg * page;
	if (u->detail_top > max)
		u->detail_top = max;
	if (u->detail_top < 0)
		u->detail_top = 0;
}

static int
k_move(struct ui *u, int key)
{
	int d = key == KEY_UP || key == 'k' ? -1 :
		key == KEY_DOWN || key == 'j' ? 1 : 0;
	int pg = key == KEY_PPAGE ? -1 : key == KEY_NPAGE ? 1 : 0;

	if (u->detail) {
		detail_scroll(u, key, d, pg);
		return UI_REDRAW;
	}
	if (u->pane == UI_TRACE) {
		if (key == KEY_HOME || key == 'g') {
			u->trace.follow = false;
			u->trace.top = ui_trace_first(&u->trace);
		} else if (key == KEY_END || key == 'G' || key == 'F') {
			u->trace.follow = true;
			u->trace.mark = UINT64_MAX;
		} else {
			ui_trace_scroll(u, d, pg);
		}
		return UI_REDRAW;
	}
	if (key == KEY_HOME || key == 'g')
		u->sel[u->pane] = 0;
	else if (key == KEY_END || key == 'G')
		u->sel[u->pane] = NET_NODES;
	else
		u->sel[u->pane] += d + pg * 10;
	if (u->sel[u->pane] < 0)
		u->sel[u->pane] = 0;
	return UI_REDRAW;
}

static int
k_enter(struct ui *u, int key)
{
	uint8_t ids[NET_NODES];
	int n = ui_nodes_list(u, ids, NET_NODES);

	(void)key;
	if (u->pane == UI_DIAG)
		u->diag_open = !u->diag_open;
	if (u->pane == UI_NODES && u->sel[UI_NODES] < n) {
		u->detail = ids[u->sel[UI_NODES]];
		u->detail_top = 0;
	}
	return UI_REDRAW;
}

static int
k_back(struct ui *u, int key)
{
	(void)key;
	u->detail = 0;
	u->help = false;
	u->diag_open = false;
	u->trace.mark = UINT64_MAX;
	return UI_REDRAW;
}

static int
k_prompt(struct ui *u, int key)
{
	u->prompt = key == '/' || key == KEY_F(3) ? UI_PROMPT_SEARCH :
		    UI_PROMPT_FILTER;
	u->input[0] = '\0';
	if (u->prompt == UI_PROMPT_FILTER)
		memcpy(u->input, u->trace.filter, sizeof(u->input));
	return UI_REDRAW;
}

static int
k_next(struct ui *u, int key)
{
	u->pane = UI_TRACE;
	ui_trace_find(u, key == 'N');
	return UI_REDRAW;
}

static int
k_sort(struct ui *u, int key)
{
	if (key == 'I')
		u->sort_desc = !u->sort_desc;
	else
		u->sort = (u->sort + 1) % 4;
	if (key != 'I')
		u->sort_desc = u->sort != 0;
	u->pane = UI_STATS;
	return UI_REDRAW;
}

static int
k_freeze(struct ui *u, int key)
{
	(void)key;
	u->frozen = !u->frozen;
	u->frozen_drawn = false;
	u->frozen_at = u->frames;
	return UI_REDRAW;
}

static int
k_clear(struct ui *u, int key)
{
	uint32_t br = u->stats.bitrate;

	(void)key;
	stats_init(&u->stats);
	u->stats.bitrate = br;
	ui_base_take(u);
	return UI_REDRAW;
}

static int
k_replay(struct ui *u, int key)
{
	struct loop_replay *r = &u->loop->replay;

	if (!u->opt.replay)
		return UI_NONE;
	switch (key) {
	case 'p': r->paused = !r->paused; break;
	case '.': r->step = true; r->paused = true; break;
	case '+': case KEY_F(8):
		r->speed = r->speed <= 0 ? 0 : r->speed * 2; break;
	case '-': case KEY_F(7):
		r->speed = r->speed <= 0 ? 64 : r->speed / 2; break;
	case ']': r->jump_ns = UI_JUMP_NS; break;
	case '[': r->jump_ns = -UI_JUMP_NS; break;
	default: break;
	}
	return UI_REDRAW;
}

static int
k_time(struct ui *u, int key)
{
	(void)key;
	u->trace.abstime = !u->trace.abstime;
	return UI_REDRAW;
}

static int
k_redraw(struct ui *u, int key)
{
	(void)u;
	(void)key;
	clearok(curscr, TRUE);
	return UI_RESIZE;
}

const struct ui_binding ui_bindings[] = {
	{ '?', "? F1", "help; any key: back", k_help },
	{ KEY_F(1), NULL, NULL, k_help },
	{ 'q', "q F10", "quit", k_quit },
	{ KEY_F(10), NULL, NULL, k_quit },
	{ '\t', "Tab S-Tab", "next / previous pane", k_pane },
	{ KEY_BTAB, NULL, NULL, k_pane },
	{ '1', "1-7", "pane by number", k_pane },
	{ '2', NULL, NULL, k_pane }, { '3', NULL, NULL, k_pane },
	{ '4', NULL, NULL, k_pane }, { '5', NULL, NULL, k_pane },
	{ '6', NULL, NULL, k_pane }, { '7', NULL, NULL, k_pane },
	{ KEY_UP, "Up Down j k", "move / scroll", k_move },
	{ KEY_DOWN, NULL, NULL, k_move }, { 'k', NULL, NULL, k_move },
	{ 'j', NULL, NULL, k_move },
	{ KEY_PPAGE, "PgUp PgDn", "page", k_move },
	{ KEY_NPAGE, NULL, NULL, k_move },
	{ KEY_HOME, "Home g", "first", k_move },
	{ 'g', NULL, NULL, k_move },
	{ KEY_END, "End G F", "last; trace: follow", k_move },
	{ 'G', NULL, NULL, k_move }, { 'F', NULL, NULL, k_move },
	{ '\r', "Enter", "node details; finding: why", k_enter },
	{ '\n', NULL, NULL, k_enter }, { KEY_ENTER, NULL, NULL, k_enter },
	{ KEY_ESC, "Esc", "back", k_back },
	{ '/', "/ F3", "search trace, newest first", k_prompt },
	{ KEY_F(3), NULL, NULL, k_prompt },
	{ 'n', "n N", "older / newer match", k_next },
	{ 'N', NULL, NULL, k_next },
	{ 'f', "f \\ F4", "filter: node=N id=HEX word", k_prompt },
	{ '\\', NULL, NULL, k_prompt }, { KEY_F(4), NULL, NULL, k_prompt },
	{ 's', "s F6", "statistics: sort column", k_sort },
	{ KEY_F(6), NULL, NULL, k_sort },
	{ 'I', "I", "invert the sort order", k_sort },
	{ ' ', "Space F5", "freeze display (not capture)", k_freeze },
	{ KEY_F(5), NULL, NULL, k_freeze },
	{ 'c', "c", "clear statistics", k_clear },
	{ 'p', "p", "replay: pause / play", k_replay },
	{ '.', ".", "replay: one frame", k_replay },
	{ '+', "+ - F8 F7", "replay: faster / slower", k_replay },
	{ '-', NULL, NULL, k_replay },
	{ KEY_F(8), NULL, NULL, k_replay }, { KEY_F(7), NULL, NULL, k_replay },
	{ ']', "[ ]", "replay: jump -/+ 10 s", k_replay },
	{ '[', NULL, NULL, k_replay },
	{ 't', "t", "trace time: relative / absolute", k_time },
	{ 'a', "a", "act on the node (--active)", ui_act_menu_key },
	/* the action menu's own keys, listed for help (never matched) */
	{ UI_KEY_NONE, "a s o p", "NMT start / stop / pre-op", ui_act_key },
	{ UI_KEY_NONE, "a n c", "NMT reset node / comm", ui_act_key },
	{ UI_KEY_NONE, "a r w", "SDO read / write; y: send", ui_act_key },
	{ KEY_CTRL_L, "Ctrl-L", "redraw", k_redraw },
	{ KEY_RESIZE, NULL, NULL, k_redraw },
	{ 0, NULL, NULL, NULL },
};

/* A key typed into the search or filter prompt. */
static int
prompt_key(struct ui *u, int key)
{
	size_t n = strlen(u->input);

	if (key == KEY_ESC) {
		u->prompt = UI_PROMPT_NONE;
	} else if (key == '\r' || key == '\n' || key == KEY_ENTER) {
		if (u->prompt == UI_PROMPT_SEARCH) {
			memcpy(u->trace.search, u->input, sizeof(u->input));
			u->trace.mark = UINT64_MAX;
			u->prompt = UI_PROMPT_NONE;
			k_next(u, 'n');
		} else {
			memcpy(u->trace.filter, u->input, sizeof(u->input));
			u->prompt = UI_PROMPT_NONE;
		}
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (n)
			u->input[n - 1] = '\0';
	} else if (key >= 0x20 && key < 0x7F && n + 1 < sizeof(u->input)) {
		u->input[n] = (char)key;
		u->input[n + 1] = '\0';
	}
	return UI_REDRAW;
}

int
ui_key(struct ui *u, int key)
{
	const struct ui_binding *b;

	if (u->prompt != UI_PROMPT_NONE)
		return prompt_key(u, key);
	if (ui_act_modal(u))
		return ui_act_key(u, key);
	if (u->help && key != 'q' && key != KEY_F(10) && key != KEY_RESIZE) {
		u->help = false;
		return UI_REDRAW;
	}
	for (b = ui_bindings; b->fn; b++)
		if (b->key == key)
			return b->fn(u, key);
	return UI_NONE;
}

void
ui_help_draw(struct ui *u, struct ui_rect r)
{
	const struct ui_binding *b;
	int y = r.y + 1, x = r.x, w = r.w;

	ui_put(u, r.y, r.x, r.w, ui_attr_title(u), "Keys  (any key: back)");
	for (b = ui_bindings; b->fn; b++) {
		if (b->keyname == NULL)
			continue;
		if (y >= r.y + r.h) {
			if (x != r.x)
				break;
			x = r.x + r.w / 2;
			y = r.y + 1;
		}
		if (r.h < 30)
			w = r.w / 2;
		ui_putf(u, y++, x, w - 1, 0, " %-10s %s", b->keyname, b->what);
	}
}
