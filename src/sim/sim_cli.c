/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sim_cli.c - 'cosniff sim IFACE --node N=FILE ...': simulated CANopen
 * slaves from EDS/DCF files, an optional SYNC producer and faults; the
 * program level of the simulator (reports to the user) */
#include "config.h"
#include "sim_cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "can_tx.h"
#include "sim.h"

#define SIM_NODES_MAX 16
#define SIM_WAIT_MAX_MS 200     /* longest sleep: signals are seen */

struct sim_opts {
	const char *iface;
	const char *path[SIM_NODES_MAX];
	uint8_t id[SIM_NODES_MAX];
	int nnodes;
	struct { uint8_t id; struct sim_fault f; } fault[SIM_FAULTS_MAX];
	int nfaults;
	uint32_t sync_ms;
	uint32_t time_ms;       /* --time: stop after; 0 = until a signal */
	bool no_block;
	bool quiet;
};

struct sim {
	struct can_tx *tx;
	struct sim_node node[SIM_NODES_MAX];
	struct od *od[SIM_NODES_MAX];
	int n;
	uint64_t frames_tx;
	uint64_t frames_lost;	/* the queue stayed full: not sent */
	bool losing;		/* the last send was lost (one note each run) */
};

static volatile sig_atomic_t sim_stop;

static void
on_signal(int sig)
{
	(void)sig;
	sim_stop = 1;
}

static void
usage(FILE *fp)
{
	fputs("Usage: cosniff sim IFACE --node N=FILE [--node N=FILE ...] "
	      "[options]\n"
	      "Simulated CANopen slaves from EDS/DCF files (SDO server, NMT,\n"
	      "heartbeat, guarding, PDOs, EMCY) until SIGINT/SIGTERM.\n"
	      "  --node N=FILE     node N (1..127) with the dictionary of FILE\n"
	      "  --sync MS         also produce SYNC (0x080) every MS ms\n"
	      "  --fault N:KIND@MS[:ARG]  at MS ms after start node N\n"
	      "                    emcy[:CODE] sends EMCY CODE (hex, default\n"
	      "                    1000), silent[:FOR_MS] stops answering\n"
	      "  --no-block        decline SDO block transfers (abort 05040001)\n"
	      "  --time MS         stop after MS ms\n"
	      "  -q, --quiet       no start-up note\n", fp);
}

static int
parse_u32(const char *s, uint32_t *v, uint32_t lo, uint32_t hi)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 0);
	if (errno || end == s || *end != '\0' || n < lo || n > hi)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

/* "N=FILE" */
static int
add_node(struct sim_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char num[8];
	uint32_t id;

	if (eq == NULL || eq == arg || (size_t)(eq - arg) >= sizeof(num) ||
	    o->nnodes >= SIM_NODES_MAX)
		return -1;
	memcpy(num, arg, (size_t)(eq - arg));
	num[eq - arg] = '\0';
	if (parse_u32(num, &id, 1, 127) != 0)
		return -1;
	o->id[o->nnodes] = (uint8_t)id;
	o->path[o->nnodes++] = eq + 1;
	return 0;
}

/* "N:KIND@MS[:ARG]" */
static int
add_fault(struct sim_opts *o, const char *arg)
{
	const char *colon = strchr(arg, ':');
	char num[8];
	uint32_t id;

	if (colon == NULL || (size_t)(colon - arg) >= sizeof(num) ||
	    o->nfaults >= SIM_FAULTS_MAX)
		return -1;
	memcpy(num, arg, (size_t)(colon - arg));
	num[colon - arg] = '\0';
	if (parse_u32(num, &id, 1, 127) != 0 ||
	    sim_fault_parse(colon + 1, &o->fault[o->nfaults].f) != 0)
		return -1;
	o->fault[o->nfaults++].id = (uint8_t)id;
	return 0;
}

static const struct option sim_long[] = {
	{ "node", required_argument, NULL, 'n' },
	{ "sync", required_argument, NULL, 's' },
	{ "fault", required_argument, NULL, 'f' },
	{ "no-block", no_argument, NULL, 'b' },
	{ "time", required_argument, NULL, 't' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
one_opt(struct sim_opts *o, int c)
{
	switch (c) {
	case 'n': return add_node(o, optarg);
	case 'f': return add_fault(o, optarg);
	case 's': return parse_u32(optarg, &o->sync_ms, 1, 60000);
	case 't': return parse_u32(optarg, &o->time_ms, 1, UINT32_MAX);
	case 'b': o->no_block = true; return 0;
	case 'q': o->quiet = true; return 0;
	case 'h': usage(stdout); exit(0);
	default: return -2;
	}
}

static int
parse(int argc, char **argv, struct sim_opts *o)
{
	int c, rc;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", sim_long, NULL)) != -1) {
		rc = one_opt(o, c);
		if (rc == -1)
			fprintf(stderr, "cosniff sim: bad value '%s'\n",
				optarg);
		if (rc != 0) {
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc - 1 || o->nnodes == 0) {
		fputs("cosniff sim: give one interface and at least one "
		      "--node N=FILE\n", stderr);
		usage(stderr);
		return -1;
	}
	o->iface = argv[optind];
	return 0;
}

static int
load_nodes(struct sim *s, const struct sim_opts *o, uint64_t now)
{
	struct eds_diag diag = { 0 };
	char err[512];
	int i, j;

	for (i = 0; i < o->nnodes; i++) {
		s->od[i] = eds_load(o->path[i], o->id[i], &diag, err,
				    sizeof(err));
		if (s->od[i] == NULL) {
			fprintf(stderr, "cosniff sim: %s\n", err);
			break;
		}
		if (sim_node_init(&s->node[i], o->id[i], s->od[i], now)) {
			fputs("cosniff sim: out of memory\n", stderr);
			od_free(s->od[i]);
			break;
		}
		s->node[i].sdo.no_block = o->no_block;
		for (j = 0; j < o->nfaults; j++)
			if (o->fault[j].id == o->id[i])
				s->node[i].fault[s->node[i].nfault++] =
					o->fault[j].f;
		s->n++;
		if (!o->quiet)
			fprintf(stderr, "cosniff sim: %s: node %u from %s "
				"(%zu objects)\n", o->iface, o->id[i],
				o->path[i], s->od[i]->nobjs);
	}
	eds_diag_free(&diag);
	return s->n == o->nnodes ? 0 : -1;
}

static void
free_nodes(struct sim *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		sim_node_free(&s->node[i]);
		od_free(s->od[i]);
	}
	s->n = 0;
}

/* Send f and show it to the other simulated nodes (a real bus would). */
static int
send_local(struct sim *s, int from, const struct co_frame *f, uint64_t now)
{
	const char *why = NULL;
	int i;

	if (can_tx_send(s->tx, f, &why) != 0) {
		if (errno != ENOBUFS) {
			fprintf(stderr, "cosniff sim: %s\n", why);
			return -1;
		}
		/* a node whose frames cannot go out loses them and goes on */
		if (!s->losing)
			fprintf(stderr, "cosniff sim: %s: frames are lost until "
				"it drains\n", why);
		s->losing = true;
		s->frames_lost++;
		return 0;
	}
	s->losing = false;
	s->frames_tx++;
	for (i = 0; i < s->n; i++)
		if (i != from)
			sim_node_rx(&s->node[i], f, now);
	return 0;
}

/* Send everything the nodes have queued, until nothing new comes. */
static int
flush(struct sim *s, uint64_t now)
{
	struct co_frame f;
	bool more = true;
	int i;

	while (more) {
		more = false;
		for (i = 0; i < s->n; i++)
			while (sim_node_pop(&s->node[i], &f)) {
				if (send_local(s, i, &f, now) != 0)
					return -1;
				more = true;
			}
	}
	return 0;
}

static uint64_t
next_deadline(const struct sim *s, uint64_t t)
{
	uint64_t d;
	int i;

	for (i = 0; i < s->n; i++) {
		d = sim_node_deadline(&s->node[i]);
		if (d < t)
			t = d;
	}
	return t;
}

static int
wait_ms(uint64_t now, uint64_t deadline)
{
	uint64_t ms;

	if (deadline <= now)
		return 0;
	ms = (deadline - now + 999) / 1000;
	return ms > SIM_WAIT_MAX_MS ? SIM_WAIT_MAX_MS : (int)ms;
}

static int
step(struct sim *s, const struct sim_opts *o, uint64_t *next_sync)
{
	struct co_frame f;
	const char *why = NULL;
	uint64_t now = can_tx_now_us();
	int i, rc;

	rc = can_tx_recv(s->tx, &f, wait_ms(now, next_deadline(s, *next_sync)),
			 &why);
	if (rc < 0) {
		fprintf(stderr, "cosniff sim: %s: %s\n", o->iface, why);
		return -1;
	}
	now = can_tx_now_us();
	if (rc == 1 && !(f.flags & CO_F_TX))
		for (i = 0; i < s->n; i++)
			sim_node_rx(&s->node[i], &f, now);
	if (o->sync_ms && now >= *next_sync) {
		cmd_sync(&f, COB_SYNC, -1);
		if (send_local(s, -1, &f, now) != 0)
			return -1;
		*next_sync += (uint64_t)o->sync_ms * 1000u;
		if (*next_sync <= now)
			*next_sync = now + (uint64_t)o->sync_ms * 1000u;
	}
	for (i = 0; i < s->n; i++)
		sim_node_tick(&s->node[i], now);
	return flush(s, now);
}

static int
run(struct sim *s, const struct sim_opts *o)
{
	uint64_t start = can_tx_now_us(), next_sync = UINT64_MAX;
	uint64_t end = o->time_ms ? start + (uint64_t)o->time_ms * 1000u
				  : UINT64_MAX;

	if (o->sync_ms)
		next_sync = start + (uint64_t)o->sync_ms * 1000u;
	if (flush(s, start) != 0)
		return -1;
	while (!sim_stop && can_tx_now_us() < end)
		if (step(s, o, &next_sync) != 0)
			return -1;
	return 0;
}

int
sim_cli_main(int argc, char **argv)
{
	struct sigaction sa;
	struct sim_opts o;
	static struct sim s;
	const char *why = NULL;
	int rc;

	if (parse(argc, argv, &o) != 0)
		return 2;
	s.tx = can_tx_open(o.iface, &why);
	if (s.tx == NULL) {
		fprintf(stderr, "cosniff sim: %s: %s\n", o.iface, why);
		return 2;
	}
	if (load_nodes(&s, &o, can_tx_now_us()) != 0) {
		free_nodes(&s);
		can_tx_close(s.tx);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = run(&s, &o);
	if (!o.quiet)
		fprintf(stderr, "cosniff sim: %llu frames sent, %llu send "
			"back-offs (queue full), %llu lost (queue stayed "
			"full)\n",
			(unsigned long long)s.frames_tx,
			(unsigned long long)can_tx_backoffs(s.tx),
			(unsigned long long)s.frames_lost);
	free_nodes(&s);
	can_tx_close(s.tx);
	return rc == 0 ? 0 : 2;
}
