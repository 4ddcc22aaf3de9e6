/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui_priv.h - the view's own state, shared by its pane files (each pane
 * draws from the model read-only plus this state; keys never draw) */
#ifndef COSNIFF_UI_PRIV_H
#define COSNIFF_UI_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "net.h"
#include "od_pdo.h"
#include "stats.h"
#include "ui.h"

#define UI_LINE_LEN 192          /* bytes kept of a trace line */
#define UI_REDRAW_NS 100000000ull   /* at most 10 redraws a second */
#define UI_PROMPT_LEN 64
#define UI_NOTES_MAX 256         /* diagnosis notes kept */
#define UI_STATE_HIST 8          /* NMT state changes kept per node */
#define UI_PDO_SLOTS 512         /* PDO COB-IDs whose last value is kept */
#define UI_JUMP_NS 10000000000ll /* [ ] jump by 10 s */
#define UI_NS_PER_S 1000000000ull

enum ui_pane {
	UI_NODES, UI_TRACE, UI_SDO, UI_PDO, UI_EMCY, UI_STATS, UI_DIAG,
	UI_NPANES
};

/* What a key handler asks for (htop's Htop_Reaction). */
enum ui_reaction {
	UI_NONE = 0,
	UI_REDRAW = 1 << 0,
	UI_QUIT = 1 << 1,
	UI_RESIZE = 1 << 2,
};

enum ui_prompt { UI_PROMPT_NONE, UI_PROMPT_SEARCH, UI_PROMPT_FILTER };

enum ui_sev { UI_SEV_NOTE, UI_SEV_WARN, UI_SEV_ERR };

/* A frame's event kept as a record, its text made only when it is shown
 * (ui_trace.c says which events can be: those whose text needs nothing
 * but the frame and the event's own fields) */
#define UI_REC_U 8               /* bytes kept of the event's union */
struct ui_rec {
	uint64_t ts_ns;
	uint32_t cob_id, id;     /* the event's COB-ID, the frame's id */
	uint16_t has, flags;
	uint8_t kind, len, raw_dlc, fd_flags, ts_digits;
	bool verbose;
	uint8_t data[8];
	uint8_t u[UI_REC_U];
	char iface[CO_IFNAMSIZ];
};

/* A trace line: the text of the event, or its record (lazy). */
struct ui_line {
	uint8_t node;
	bool lazy;
	uint16_t len;            /* of text, when not lazy */
	union {
		char text[UI_LINE_LEN];
		struct ui_rec rec;
	};
};

struct ui_trace {
	struct ui_line *ring;
	unsigned cap;
	uint64_t total;          /* lines ever added; line k is at k % cap */
	uint64_t top;            /* first line shown when not following */
	bool follow;
	bool abstime;            /* times as printed, else since the first */
	uint64_t first_us;       /* time of the first line (relative) */
	uint64_t mark;           /* search hit shown, UINT64_MAX none */
	char filter[UI_PROMPT_LEN];
	char search[UI_PROMPT_LEN];
};

/* A diagnosis note: a derived event worth a look. */
struct ui_note {
	uint8_t sev;             /* enum ui_sev */
	uint8_t node;
	uint64_t ts_ns;
	char text[UI_LINE_LEN];
};

struct ui_state_ch {
	uint64_t ts_ns;
	uint8_t from, to;
};

struct ui_nodeinfo {
	char name[40];           /* 1008h seen on the bus */
	struct ui_state_ch hist[UI_STATE_HIST];
	uint32_t nhist;
};

/* One mapped signal of a PDO, as last received (formatted when drawn:
 * the entry is a copy, the mapping may change later). */
#define UI_PDO_SIGS 16           /* signals kept per PDO */
struct ui_sig {
	struct pdo_entry e;
	bool present;
	uint8_t nbytes;              /* entries over 64 bits: bytes kept */
	uint8_t bytes[8];
	uint64_t u;
	int64_t s;
	uint64_t changed_ns;         /* 0: not changed since it appeared */
};

struct ui_pdoval {
	bool used;
	bool rx;
	uint16_t num;
	uint32_t cob;
	uint8_t node, len;
	uint8_t data[8];
	uint64_t ts_ns, changed_ns;
	uint64_t count;
	uint8_t nsig;                /* 0: no mapping known (raw line) */
	struct ui_sig sig[UI_PDO_SIGS];
};

/* An object read or written over SDO (the drill-down's objects seen). */
#define UI_OBJ_SLOTS 1024
#define UI_OBJ_TEXT 48
struct ui_objseen {
	bool used;
	uint8_t node, dir;           /* SDO_C2S written, SDO_S2C read */
	uint16_t index;
	uint8_t sub;
	uint32_t count;
	uint64_t ts_ns;
	const char *name;            /* owned by the od or a table */
	char value[UI_OBJ_TEXT];
};

struct ui_rect { int y, x, h, w; };

/* One interface's header figures (ui_head.c), over frame time. */
#define UI_IFACES 8
struct ui_iface {
	char name[CO_IFNAMSIZ];
	uint64_t frames, err_frames;
	uint32_t br;                 /* bit/s for the load, 0 unknown */
	uint64_t win_start_ns, win_frames, rate;
	struct stats_bits win_bits;
	double load;                 /* last second, 0..1; <0 unknown */
};

/* Counters as they were at the last 'c' (shown minus these). */
struct ui_base {
	uint64_t frames, drops, err_frames;
	uint32_t bootups[NET_NODES], emcy[NET_NODES];
	uint32_t sdo_ok[NET_NODES], sdo_failed[NET_NODES],
		 sdo_aborted[NET_NODES];
};

struct ui {
	struct ui_opts opt;
	const struct co_net *net;
	struct msgring *msgs;
	struct loop *loop;
	struct co_consumer cons;
	struct loop_client client;
	struct co_stats stats;       /* the view's own (c clears them) */
	struct ui_trace trace;
	struct ui_note notes[UI_NOTES_MAX];
	uint64_t nnotes;
	struct ui_nodeinfo node[NET_NODES];
	struct ui_pdoval pdo[UI_PDO_SLOTS];
	struct ui_objseen obj[UI_OBJ_SLOTS];
	/* display */
	bool color;
	enum ui_pane pane;
	bool help;
	int detail;                  /* node shown in drill-down, 0 none */
	int detail_top;              /* its first row on screen (scrolled) */
	int detail_rows, detail_h;   /* its rows at the last draw; shown */
	bool diag_open;              /* selected finding shown whole */
	int sel[UI_NPANES];          /* selected row per pane */
	int sort;                    /* statistics sort column */
	bool sort_desc;
	bool frozen;
	bool frozen_drawn;           /* the frozen body is on screen */
	uint64_t frozen_at;          /* frames when frozen */
	enum ui_prompt prompt;
	char input[UI_PROMPT_LEN];
	bool dirty;
	uint64_t last_draw_ns;
	uint64_t frames;
	uint64_t drops;
	struct ui_act *act;          /* actions on nodes (ui_action.h) */
	struct ui_iface ifc[UI_IFACES];
	int nifc;
	struct ui_base base;
};

/* ui_draw.c: clipped output helpers */
void ui_put(struct ui *u, int y, int x, int w, int attr, const char *s);
int ui_wrap(struct ui *u, struct ui_rect r, int y, int attr,
	    const char *s);
void __attribute__((format(printf, 6, 7)))
ui_putf(struct ui *u, int y, int x, int w, int attr, const char *fmt, ...);
const char *ui_skip_words(const char *s, int n);
int ui_attr_bad(const struct ui *u);      /* LOST, errors */
int ui_attr_warn(const struct ui *u);     /* late, warnings */
int ui_attr_ok(const struct ui *u);
int ui_attr_title(const struct ui *u);
void ui_fmt_age(char *b, size_t n, uint64_t now_ns, uint64_t then_ns);
void ui_fmt_time(char *b, size_t n, const struct ui *u, uint64_t ts_ns);

/* ui_head.c: the header; per-interface figures; 'c' baseline */
void ui_head_frame(struct ui *u, const struct co_frame *f);
void ui_head_reset(struct ui *u);
void ui_base_take(struct ui *u);

/* panes: draw functions read the model and their state only */
void ui_header_draw(struct ui *u, struct ui_rect r);
void ui_nodes_draw(struct ui *u, struct ui_rect r);
void ui_node_detail_draw(struct ui *u, struct ui_rect r);
void ui_trace_draw(struct ui *u, struct ui_rect r);
void ui_sdo_draw(struct ui *u, struct ui_rect r);
void ui_pdo_draw(struct ui *u, struct ui_rect r);
void ui_emcy_draw(struct ui *u, struct ui_rect r);
void ui_stats_draw(struct ui *u, struct ui_rect r);
void ui_diag_draw(struct ui *u, struct ui_rect r);
void ui_help_draw(struct ui *u, struct ui_rect r);

/* event hooks of the consumer (ui.c): the view's own history */
void ui_node_event(struct ui *u, const struct co_event *ev);
void ui_pdo_event(struct ui *u, const struct co_event *ev);
void ui_note_event(struct ui *u, const struct co_event *ev,
		   const char *line);

/* ui_nodes.c */
int ui_nodes_list(const struct ui *u, uint8_t *ids, int max);
const char *ui_node_name(const struct ui *u, unsigned id);
const char *ui_unit(const struct ui *u, unsigned node, uint16_t index);
void ui_sig_text(char *b, size_t n, const struct ui_sig *s);
const char *ui_node_expected(const struct ui *u, unsigned id, char *b,
			     size_t n);
/* ui_trace.c */
int ui_trace_init(struct ui_trace *t, unsigned cap);
void ui_trace_free(struct ui_trace *t);
const struct ui_line *ui_trace_add(struct ui_trace *t,
				   const struct co_event *ev, bool verbose);
void ui_trace_add_text(struct ui_trace *t, uint8_t node, const char *text,
		       size_t len);
const char *ui_line_text(const struct ui_line *l, char *buf);  /* buf:
						* UI_LINE_LEN bytes */
bool ui_trace_match(const struct ui_trace *t, const struct ui_line *l);
uint64_t ui_trace_first(const struct ui_trace *t);
void ui_trace_scroll(struct ui *u, int lines, int page);
void ui_trace_find(struct ui *u, bool forward);
/* ui_stats.c */
int ui_stats_rows(const struct ui *u, uint16_t *ids, int max);
/* ui_keys.c */
int ui_key(struct ui *u, int key);
extern const char *const ui_pane_names[UI_NPANES];
struct ui_binding {
	int key;
	const char *keyname;       /* for help; NULL: not listed */
	const char *what;
	int (*fn)(struct ui *u, int key);
};
extern const struct ui_binding ui_bindings[];

#endif
