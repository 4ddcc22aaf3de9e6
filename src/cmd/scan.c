/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scan.c - 'cosniff scan' (which nodes answer SDO reads of 1000h, 1018h
 * and 1008h-100Ah) and 'cosniff guard' (CiA 301 node guarding master) */
#include "config.h"

#include <string.h>

#include "cmd_ascii.h"
#include "cmd_build.h"
#include "cmd_io.h"
#include "co_tables.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define SCAN_GAP_MS 5           /* default pause between first reads */

/* What scan reads from each node that answered 1000h. */
static const struct {
	uint16_t index;
	uint8_t sub;
	bool str;
	const char *head;
} scan_objs[] = {
	{ 0x1000, 0, false, "device-type" },
	{ 0x1018, 1, false, "vendor-id" },
	{ 0x1018, 2, false, "product" },
	{ 0x1018, 3, false, "revision" },
	{ 0x1018, 4, false, "serial" },
	{ 0x1008, 0, true, "name" },
	{ 0x1009, 0, true, "hw" },
	{ 0x100A, 0, true, "sw" },
};
#define SCAN_NOBJS (sizeof(scan_objs) / sizeof(scan_objs[0]))
#define SCAN_STR_MAX 40         /* strings shown at most this long */

struct scan_node {
	struct sdo_cli cli;
	int next;               /* index into scan_objs; -1 not started */
	bool running, answered, finished;
	bool have[SCAN_NOBJS];
	uint32_t u[SCAN_NOBJS];
	char s[SCAN_NOBJS][SCAN_STR_MAX + 1];
};

static struct scan_node scan_tab[128];

static void
scan_start(struct cmd *c, int n)
{
	struct scan_node *sn = &scan_tab[n];
	struct sdo_cli_cfg cfg;
	struct co_frame f;

	cmd_sdo_cfg(c, (uint8_t)n, &cfg);
	cfg.cob_req = COB_SDO_RX + (uint32_t)n;
	cfg.cob_rsp = COB_SDO_TX + (uint32_t)n;
	sdo_cli_init(&sn->cli, &cfg);
	sdo_cli_upload(&sn->cli, scan_objs[sn->next].index,
		       scan_objs[sn->next].sub, SDO_MODE_AUTO,
		       can_tx_now_us());
	sn->running = true;
	while (sdo_cli_pop(&sn->cli, &f))
		cmd_send(c, &f);
}

static void
scan_keep(struct scan_node *sn, int k)
{
	const struct sdo_cli *s = &sn->cli;
	size_t i, n = s->len < SCAN_STR_MAX ? s->len : SCAN_STR_MAX;

	sn->have[k] = true;
	if (!scan_objs[k].str) {
		for (i = 0; i < s->len && i < 4; i++)
			sn->u[k] |= (uint32_t)s->buf[i] << (8 * i);
		return;
	}
	for (i = 0; i < n; i++)
		sn->s[k][i] = s->buf[i] >= 0x20 && s->buf[i] < 0x7F
			      ? (char)s->buf[i] : '?';
	sn->s[k][n] = '\0';
}

/* A transfer of node n ended with rc: keep the value, start the next. */
static void
scan_next(struct cmd *c, int n, enum sdo_cli_rc rc)
{
	struct scan_node *sn = &scan_tab[n];
	struct co_frame f;

	while (sdo_cli_pop(&sn->cli, &f))
		cmd_send(c, &f);
	if (rc == SDO_CLI_BUSY)
		return;
	sn->running = false;
	if (rc == SDO_CLI_DONE)
		scan_keep(sn, sn->next);
	if (rc == SDO_CLI_DONE || sn->cli.by_server)
		sn->answered = true;
	sdo_cli_free(&sn->cli);
	if (!sn->answered || ++sn->next >= (int)SCAN_NOBJS) {
		sn->finished = true;
		return;
	}
	scan_start(c, n);
}

/* Time passes and frames come in for every running transfer. */
static void
scan_poll(struct cmd *c, int lo, int hi, uint64_t until)
{
	struct co_frame f;
	uint64_t now, dl = until;
	int n;

	for (n = lo; n <= hi; n++)
		if (scan_tab[n].running && scan_tab[n].cli.deadline_us < dl)
			dl = scan_tab[n].cli.deadline_us;
	if (cmd_recv(c, &f, dl) == 1 && f.id > COB_SDO_TX &&
	    f.id <= COB_SDO_TX + 127 && !(f.flags & CO_F_TX)) {
		n = (int)(f.id - COB_SDO_TX);
		if (n >= lo && n <= hi && scan_tab[n].running)
			scan_next(c, n, sdo_cli_rx(&scan_tab[n].cli, &f,
						   can_tx_now_us()));
	}
	now = can_tx_now_us();
	for (n = lo; n <= hi; n++)
		if (scan_tab[n].running)
			scan_next(c, n, sdo_cli_tick(&scan_tab[n].cli, now));
}

static bool
scan_busy(int lo, int hi)
{
	int n;

	for (n = lo; n <= hi; n++)
		if (!scan_tab[n].finished)
			return true;
	return false;
}

static void
scan_print(int lo, int hi)
{
	const struct scan_node *sn;
	unsigned k, count = 0;
	int n;

	printf("node");
	for (k = 0; k < SCAN_NOBJS; k++)
		printf(scan_objs[k].str ? " %s" : " %-10s", scan_objs[k].head);
	putchar('\n');
	for (n = lo; n <= hi; n++) {
		sn = &scan_tab[n];
		if (!sn->answered)
			continue;
		count++;
		printf("%4d", n);
		for (k = 0; k < SCAN_NOBJS; k++) {
			if (!sn->have[k])
				printf(scan_objs[k].str ? " -" : " %-10s", "-");
			else if (scan_objs[k].str)
				printf(" \"%s\"", sn->s[k]);
			else
				printf(" 0x%08X", sn->u[k]);
		}
		putchar('\n');
	}
	printf("%u node%s answered in %d..%d:", count, count == 1 ? "" : "s",
	       lo, hi);
	for (n = lo; n <= hi; n++)
		if (scan_tab[n].answered)
			printf(" %d", n);
	putchar('\n');
}

int
cmd_scan(struct cmd *c, int lo, int hi, uint32_t gap_ms)
{
	uint64_t next = can_tx_now_us();
	int n = lo;

	if (gap_ms == 0)
		gap_ms = SCAN_GAP_MS;
	memset(scan_tab, 0, sizeof(scan_tab));
	while (!c->fatal && (n <= hi || scan_busy(lo, hi))) {
		if (n <= hi && can_tx_now_us() >= next) {
			scan_start(c, n++);
			next += (uint64_t)gap_ms * 1000u;
		}
		scan_poll(c, lo, hi, n <= hi ? next : UINT64_MAX);
	}
	if (c->fatal)
		return -1;
	scan_print(lo, hi);
	fflush(stdout);
	return 0;
}

/* ---- node guarding master (CiA 301 7.2.8.3.2.1) ---- */

struct guard_node {
	uint8_t id;
	bool waiting;           /* an RTR is out, no answer yet */
	bool started;           /* answered at least once */
	bool lost;
	bool toggle;            /* expected toggle bit of the next answer */
	uint8_t state;
	uint32_t missed;        /* guard times without a good answer */
};

static volatile sig_atomic_t guard_stop;

static void
guard_signal(int sig)
{
	(void)sig;
	guard_stop = 1;
}

static void event(uint64_t t0, const struct guard_node *g, const char *fmt,
		  ...) __attribute__((format(printf, 3, 4)));

/* "SECONDS node N: what" on stdout */
static void
event(uint64_t t0, const struct guard_node *g, const char *fmt, ...)
{
	uint64_t dt = can_tx_now_us() - t0;
	va_list ap;

	printf("%llu.%03llu node %u: ", (unsigned long long)(dt / 1000000u),
	       (unsigned long long)(dt / 1000u % 1000u), g->id);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static const char *
state_name(uint8_t st)
{
	return tok_str(co_nmt_states, st, "unknown state");
}

/* An answer to our RTR: toggle and state checked. */
static unsigned
guard_answer(struct guard_node *g, const struct co_frame *f, uint64_t t0)
{
	bool t = (f->data[0] & 0x80u) != 0;
	uint8_t st = f->data[0] & 0x7Fu;

	g->waiting = false;
	if (g->started && t != g->toggle) {
		event(t0, g, "toggle bit not alternated (%s)",
		      t ? "1 twice" : "0 twice");
		g->toggle = !t;
		return 1;
	}
	g->toggle = !t;
	if (!g->started || g->lost)
		event(t0, g, g->lost ? "guarding resumed, %s"
				     : "guarding started, %s",
		      state_name(st));
	else if (st != g->state)
		event(t0, g, "state %s", state_name(st));
	g->started = true;
	g->lost = false;
	g->missed = 0;
	g->state = st;
	return 0;
}

/* Guard time is over: count a missing answer, send the next RTR. */
static unsigned
guard_tick(struct cmd *c, struct guard_node *g, uint32_t factor,
	   uint32_t guard_ms, uint64_t t0)
{
	struct co_frame f;
	unsigned bad = 0;

	if (g->waiting && !g->lost) {
		g->missed++;
		if (g->missed >= factor) {
			event(t0, g, "guarding lost: no answer for the life "
			      "time (%u ms)", (unsigned)(guard_ms * factor));
			g->lost = true;
			bad = 1;
		} else {
			event(t0, g, "no answer to a guarding request");
		}
	}
	cmd_guard_rtr(&f, g->id);
	cmd_send(c, &f);
	g->waiting = true;
	return bad;
}

static struct guard_node *
guard_find(struct guard_node *g, int n, const struct co_frame *f)
{
	int i;

	if ((f->flags & (CO_F_RTR | CO_F_EFF | CO_F_TX | CO_F_ERR)) ||
	    f->len != 1 || f->id <= COB_NMT_EC || f->id > COB_NMT_EC + 127)
		return NULL;
	for (i = 0; i < n; i++)
		if (g[i].id == f->id - COB_NMT_EC && g[i].waiting)
			return &g[i];
	return NULL;
}

int
cmd_guard(struct cmd *c, const uint8_t *nodes, int n, uint32_t guard_ms,
	  uint32_t factor, uint32_t time_ms)
{
	static struct guard_node g[127];
	struct sigaction sa;
	struct co_frame f;
	struct guard_node *gn;
	uint64_t t0 = can_tx_now_us(), next = t0;
	uint64_t end = time_ms ? t0 + (uint64_t)time_ms * 1000u : UINT64_MAX;
	unsigned bad = 0;
	int i;

	memset(g, 0, sizeof(g));
	for (i = 0; i < n; i++)
		g[i].id = nodes[i];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = guard_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	while (!guard_stop && !c->fatal && can_tx_now_us() < end) {
		if (can_tx_now_us() >= next) {
			for (i = 0; i < n; i++)
				bad += guard_tick(c, &g[i], factor, guard_ms,
						  t0);
			next += (uint64_t)guard_ms * 1000u;
		}
		if (cmd_recv(c, &f, next < end ? next : end) == 1 &&
		    (gn = guard_find(g, n, &f)) != NULL)
			bad += guard_answer(gn, &f, t0);
	}
	return c->fatal ? -1 : bad ? 1 : 0;
}
