/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_cli.c - 'cosniff cmd IFACE COMMAND...': CiA 309-3 ASCII commands
 * (SDO read/write, NMT, settings) from the command line, a file or stdin;
 * also the option parsing of 'scan' and 'guard' */
#include "config.h"
#include "cmd_cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_ascii.h"
#include "cmd_build.h"
#include "cmd_io.h"
#include "co_tables.h"
#include "od_value.h"
#include "sink.h"

#define CMD_WAIT_MS 3000        /* --wait default */
#define CMD_NET 1               /* the interface is network 1 */
#define CMD_FILE_MAX (16u << 20)
#define GUARD_NODES_MAX 127

struct cli_opts {
	const char *file;       /* -f FILE or "-" */
	const char *log;        /* -W FILE */
	uint32_t wait_ms;       /* --wait: 0 = do not wait */
	int lo, hi;             /* scan --range */
	uint32_t gap_ms;        /* scan pacing */
	uint8_t gnodes[GUARD_NODES_MAX];
	int ngnodes;
	uint32_t guard_ms, factor, time_ms;
	uint32_t tx_wait_ms;    /* --tx-wait */
	bool json;
};

static struct co_net trace_net;
static unsigned long n_errors;  /* ERROR answers: exit status 1 */

static void
usage(FILE *fp, const char *sub)
{
	fprintf(fp, "Usage: cosniff cmd IFACE [options] 'COMMAND' ...\n"
		"       cosniff cmd IFACE [options] -f FILE|-\n"
		"       cosniff scan IFACE [--range LO-HI] [--gap MS] [options]\n"
		"       cosniff guard IFACE --node N[,N...] --guard-time MS "
		"[--life-factor F] [--time MS]\n"
		"CiA 309-3 commands: [seq] [[net] node] r[ead] INDEX SUB [TYPE] "
		"[@FILE]\n"
		"  w[rite] INDEX SUB [TYPE] VALUE|@FILE, start, stop, preop, "
		"reset node,\n"
		"  reset comm, set sdo_timeout MS, set node N, set network N\n"
		"  types: b i8..i64 u8..u64 x8..x64 r32 r64 t td vs os us d\n"
		"Options:\n"
		"  -n, --node N         default node\n"
		"      --timeout MS     SDO timeout (default %u)\n"
		"      --tx-wait MS     wait out a full transmit queue this "
		"long (default %u)\n"
		"      --mode M         auto, exp, seg or block SDO transfers\n"
		"      --blksize N      block size asked for (1..127)\n"
		"      --pst N          block upload protocol switch threshold\n"
		"      --no-crc         block transfers without CRC\n"
		"      --sdo-cob REQ,RSP  SDO COB-IDs (client->server, "
		"server->client)\n"
		"      --eds N=FILE     dictionary of node N: names and types\n"
		"      --wait[=MS]      NMT: wait for the heartbeat/boot-up "
		"(default %u)\n"
		"  -f, --file FILE      commands from FILE ('-' = stdin)\n"
		"      --trace          every frame decoded on stderr\n"
		"      --json           the trace as JSON\n"
		"  -W, --write-log FILE every frame as a candump -L log\n"
		"      --log-rxtx       mark -W lines R/T (ours: T)\n"
		"(%s: see cosniff(1))\n", SDO_CLI_TIMEOUT_MS,
		CAN_TX_BACKOFF_MS, CMD_WAIT_MS,
		sub);
}

enum { O_TIMEOUT = 0x100, O_MODE, O_BLKSIZE, O_PST, O_NO_CRC, O_SDO_COB,
       O_EDS, O_WAIT, O_TRACE, O_JSON, O_LOG_RXTX, O_RANGE, O_GAP,
       O_GUARD_TIME, O_LIFE, O_TIME, O_TX_WAIT };

static const struct option cli_long[] = {
	{ "node", required_argument, NULL, 'n' },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "tx-wait", required_argument, NULL, O_TX_WAIT },
	{ "mode", required_argument, NULL, O_MODE },
	{ "blksize", required_argument, NULL, O_BLKSIZE },
	{ "pst", required_argument, NULL, O_PST },
	{ "no-crc", no_argument, NULL, O_NO_CRC },
	{ "sdo-cob", required_argument, NULL, O_SDO_COB },
	{ "eds", required_argument, NULL, O_EDS },
	{ "wait", optional_argument, NULL, O_WAIT },
	{ "file", required_argument, NULL, 'f' },
	{ "trace", no_argument, NULL, O_TRACE },
	{ "json", no_argument, NULL, O_JSON },
	{ "write-log", required_argument, NULL, 'W' },
	{ "log-rxtx", no_argument, NULL, O_LOG_RXTX },
	{ "range", required_argument, NULL, O_RANGE },
	{ "gap", required_argument, NULL, O_GAP },
	{ "guard-time", required_argument, NULL, O_GUARD_TIME },
	{ "life-factor", required_argument, NULL, O_LIFE },
	{ "time", required_argument, NULL, O_TIME },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
set_mode(struct cmd *c, const char *s)
{
	static const char *const names[] = { "auto", "exp", "seg", "block" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcasecmp(s, names[i]) == 0) {
			c->mode = (enum sdo_mode)i;
			return 0;
		}
	return -1;
}

/* "REQ,RSP" in C syntax (0x601,0x581) */
static int
set_cobs(struct cmd *c, const char *s)
{
	char a[16];
	const char *comma = strchr(s, ',');

	if (comma == NULL || (size_t)(comma - s) >= sizeof(a))
		return -1;
	memcpy(a, s, (size_t)(comma - s));
	a[comma - s] = '\0';
	if (!cmd_number(a, CO_SFF_MASK, &c->cob_req) ||
	    !cmd_number(comma + 1, CO_SFF_MASK, &c->cob_rsp))
		return -1;
	return 0;
}

static int
load_eds(struct cmd *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char num[8], err[512];
	uint32_t id;

	if (eq == NULL || (size_t)(eq - arg) >= sizeof(num))
		return -1;
	memcpy(num, arg, (size_t)(eq - arg));
	num[eq - arg] = '\0';
	if (!cmd_number(num, 127, &id) || id == 0)
		return -1;
	od_free(c->od[id]);
	c->od[id] = eds_load(eq + 1, (uint8_t)id, NULL, err, sizeof(err));
	if (c->od[id] == NULL) {
		fprintf(stderr, "cosniff: %s\n", err);
		return -1;
	}
	return 0;
}

/* "1-127" or "5" */
static int
set_range(struct cli_opts *o, const char *s)
{
	char *end;
	long lo, hi;

	lo = strtol(s, &end, 0);
	hi = *end == '-' ? strtol(end + 1, &end, 0) : lo;
	if (*end != '\0' || lo < 1 || hi > 127 || lo > hi)
		return -1;
	o->lo = (int)lo;
	o->hi = (int)hi;
	return 0;
}

/* guard --node 5,6,7 */
static int
set_gnodes(struct cli_opts *o, const char *s)
{
	char *end;
	long v;

	for (;;) {
		v = strtol(s, &end, 0);
		if (end == s || v < 1 || v > 127 ||
		    o->ngnodes >= GUARD_NODES_MAX)
			return -1;
		o->gnodes[o->ngnodes++] = (uint8_t)v;
		if (*end == '\0')
			return 0;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

static int
sdo_opt(struct cmd *c, int ch, const char *a)
{
	uint32_t v;

	switch (ch) {
	case O_TIMEOUT:
		if (!cmd_number(a, 3600000, &v) || v == 0)
			return -1;
		c->timeout_ms = v;
		return 0;
	case O_MODE: return set_mode(c, a);
	case O_BLKSIZE:
		if (!cmd_number(a, SDO_BLK_SEGS, &v) || v == 0)
			return -1;
		c->cfg.blksize = (uint8_t)v;
		return 0;
	case O_PST:
		if (!cmd_number(a, 255, &v))
			return -1;
		c->cfg.pst = (uint8_t)v;
		return 0;
	case O_NO_CRC: c->cfg.no_crc = true; return 0;
	case O_SDO_COB: return set_cobs(c, a);
	case O_EDS: return load_eds(c, a);
	default: return -2;
	}
}

static int
other_opt(struct cmd *c, struct cli_opts *o, int ch, const char *a,
	  bool guard)
{
	uint32_t v = 0;

	switch (ch) {
	case 'n':
		if (guard)
			return set_gnodes(o, a);
		if (!cmd_number(a, 127, &v))
			return -1;
		c->node = (int)v;
		return 0;
	case O_WAIT:
		o->wait_ms = CMD_WAIT_MS;
		return a && (!cmd_number(a, 3600000, &o->wait_ms) ||
			     o->wait_ms == 0) ? -1 : 0;
	case 'f': o->file = a; return 0;
	case 'W': o->log = a; return 0;
	case O_TRACE: c->trace = true; return 0;
	case O_JSON: c->trace = o->json = true; return 0;
	case O_LOG_RXTX: c->log_rxtx = true; return 0;
	case O_RANGE: return set_range(o, a);
	case O_GAP: return cmd_number(a, 10000, &o->gap_ms) ? 0 : -1;
	case O_TX_WAIT:
		return cmd_number(a, 3600000, &o->tx_wait_ms) ? 0 : -1;
	case O_GUARD_TIME:
		return cmd_number(a, 65535, &o->guard_ms) && o->guard_ms
			? 0 : -1;
	case O_LIFE:
		return cmd_number(a, 255, &o->factor) && o->factor ? 0 : -1;
	case O_TIME: return cmd_number(a, UINT32_MAX, &o->time_ms) ? 0 : -1;
	default: return -2;
	}
}

static int
parse(int argc, char **argv, struct cmd *c, struct cli_opts *o)
{
	bool guard = strcmp(argv[0], "guard") == 0;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "n:f:W:h", cli_long, NULL))
	       != -1) {
		if (ch == 'h') {
			usage(stdout, argv[0]);
			exit(0);
		}
		rc = sdo_opt(c, ch, optarg);
		if (rc == -2)
			rc = other_opt(c, o, ch, optarg, guard);
		if (rc == -1)
			fprintf(stderr, "cosniff %s: bad value '%s'\n",
				argv[0], optarg ? optarg : "");
		if (rc != 0) {
			usage(stderr, argv[0]);
			return -1;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "cosniff %s: no interface\n", argv[0]);
		return -1;
	}
	c->iface = argv[optind++];
	return 0;
}

/* ---- executing requests ---- */

static void
answer_head(const struct cmd_req *r)
{
	if (r->seq[0])
		printf("[%s] ", r->seq);
}

static void
answer_err(const struct cmd_req *r, uint32_t code)
{
	n_errors++;
	answer_head(r);
	cmd_print_error(stdout, code);
	putchar('\n');
}

static uint8_t *
read_file(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *b = malloc(CMD_FILE_MAX + 1);
	bool bad;

	if (fp == NULL || b == NULL) {
		if (fp)
			fclose(fp);
		free(b);
		return NULL;
	}
	*n = fread(b, 1, CMD_FILE_MAX + 1, fp);
	bad = ferror(fp) != 0;
	fclose(fp);
	if (bad || *n > CMD_FILE_MAX) {
		free(b);
		errno = bad ? EIO : EFBIG;
		return NULL;
	}
	return b;
}

static int
write_file(const char *path, const uint8_t *p, size_t n)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL)
		return -1;
	if (fwrite(p, 1, n, fp) != n) {
		fclose(fp);
		return -1;
	}
	return fclose(fp);
}

static int
node_of(const struct cmd *c, const struct cmd_req *r, uint32_t *err)
{
	int node = r->node >= 0 ? r->node : c->node;

	*err = 0;
	if (r->net >= 0 && r->net != CMD_NET)
		*err = CMD_ERR_BAD_NET;
	else if (node < 0)
		*err = CMD_ERR_NO_NODE;
	else if (node == 0 && r->verb != CMD_NMT)
		*err = CMD_ERR_BAD_NODE;
	return node;
}

static void
print_read(const struct cmd_req *r, const struct cmd_type *t,
	   const struct sdo_cli *s)
{
	answer_head(r);
	if (r->has_value) {     /* @FILE */
		if (write_file(r->value + 1, s->buf, s->len) != 0)
			fprintf(stderr, "cosniff: %s: %s\n", r->value + 1,
				strerror(errno));
		printf("OK\n");
		return;
	}
	cmd_print_value(stdout, t, s->buf, s->len);
	putchar('\n');
}

static void
do_read(struct cmd *c, const struct cmd_req *r, uint8_t node)
{
	struct sdo_cli_cfg cfg;
	struct sdo_cli s;
	const struct cmd_type *t;
	uint16_t index;
	uint32_t code;

	if (!cmd_resolve_index(c->od[node], r->obj, &index)) {
		answer_err(r, CMD_ERR_SYNTAX);
		return;
	}
	t = cmd_type_for(c->od[node], r, index);
	cmd_sdo_cfg(c, node, &cfg);
	sdo_cli_init(&s, &cfg);
	if (sdo_cli_upload(&s, index, r->sub, c->mode, can_tx_now_us()) != 0)
		code = CMD_ERR_NO_MEM;
	else
		code = cmd_sdo_run(c, &s);
	if (code == 0 && t && t->bytes && s.len != t->bytes && !r->has_value)
		code = SDO_AB_LEN;      /* not the size of the type asked for */
	if (code)
		answer_err(r, code);
	else
		print_read(r, t, &s);
	sdo_cli_free(&s);
}

/* The bytes to write: @FILE, or the value text by type. */
static uint32_t
write_bytes(const struct cmd_req *r, const struct cmd_type *t, uint8_t **p,
	    size_t *n)
{
	const char *why;

	if (r->value[0] == '@' && (t == NULL || !t->bytes)) {
		*p = read_file(r->value + 1, n);
		if (*p == NULL)
			fprintf(stderr, "cosniff: %s: %s\n", r->value + 1,
				strerror(errno));
		return *p ? 0 : CMD_ERR_SYNTAX;
	}
	if (t == NULL)
		t = cmd_type_find("d");    /* no type known: hex bytes */
	if (cmd_encode(t, r->value, p, n, &why) != 0)
		return CMD_ERR_SYNTAX;
	return 0;
}

static void
do_write(struct cmd *c, const struct cmd_req *r, uint8_t node)
{
	struct sdo_cli_cfg cfg;
	struct sdo_cli s;
	uint8_t *p = NULL;
	size_t n = 0;
	uint16_t index;
	uint32_t code;

	if (!cmd_resolve_index(c->od[node], r->obj, &index)) {
		answer_err(r, CMD_ERR_SYNTAX);
		return;
	}
	code = write_bytes(r, cmd_type_for(c->od[node], r, index), &p, &n);
	if (code == 0) {
		cmd_sdo_cfg(c, node, &cfg);
		sdo_cli_init(&s, &cfg);
		if (sdo_cli_download(&s, index, r->sub, p, n,
				     c->mode == SDO_MODE_EXP && (n == 0 || n > 4)
				     ? SDO_MODE_AUTO : c->mode,
				     can_tx_now_us()) != 0)
			code = CMD_ERR_NO_MEM;
		else
			code = cmd_sdo_run(c, &s);
		sdo_cli_free(&s);
	}
	free(p);
	if (code)
		answer_err(r, code);
	else {
		answer_head(r);
		printf("OK\n");
	}
}

/* The NMT state a node shows after command cs (boot-up after resets). */
static uint8_t
nmt_target(uint8_t cs)
{
	switch (cs) {
	case NMT_CS_START: return NMT_ST_OPERATIONAL;
	case NMT_CS_STOP: return NMT_ST_STOPPED;
	case NMT_CS_PREOP: return NMT_ST_PREOP;
	default: return NMT_ST_BOOTUP;
	}
}

/*
 * Wait for heartbeats or boot-ups confirming cs: from node, or with node
 * 0 from every node heard during the wait.  The number of nodes that
 * confirmed (listed on stderr for node 0).
 */
static int
nmt_wait(struct cmd *c, uint8_t cs, uint8_t node, uint32_t wait_ms)
{
	uint64_t end = can_tx_now_us() + (uint64_t)wait_ms * 1000u;
	bool seen[128] = { false };
	struct co_frame f;
	uint8_t want = nmt_target(cs), n;
	int count = 0;

	while (cmd_recv(c, &f, end) == 1) {
		n = (uint8_t)(f.id - COB_NMT_EC);
		if ((f.flags & (CO_F_RTR | CO_F_EFF | CO_F_TX)) ||
		    f.id <= COB_NMT_EC || f.id > COB_NMT_EC + 127 ||
		    f.len != 1 || (f.data[0] & 0x7Fu) != want || seen[n] ||
		    (node != 0 && n != node))
			continue;
		seen[n] = true;
		count++;
		if (node != 0)
			return 1;
	}
	if (node == 0 && count) {
		fputs("cosniff: confirmed by node", stderr);
		for (n = 1; n < 128; n++)
			if (seen[n])
				fprintf(stderr, " %u", n);
		fputc('\n', stderr);
	}
	return count;
}

static void
do_nmt(struct cmd *c, const struct cmd_req *r, uint8_t node,
       uint32_t wait_ms)
{
	struct co_frame f;

	cmd_nmt(&f, r->nmt_cs, node);
	if (cmd_send(c, &f) != 0) {
		answer_err(r, c->fatal_err);
		return;
	}
	if (wait_ms && nmt_wait(c, r->nmt_cs, node, wait_ms) == 0) {
		answer_err(r, c->fatal ? c->fatal_err : CMD_ERR_TIMEOUT);
		return;
	}
	answer_head(r);
	printf("OK\n");
}

static void
do_set(struct cmd *c, const struct cmd_req *r)
{
	switch (r->verb) {
	case CMD_SET_TIMEOUT:
		if (r->num == 0) {
			answer_err(r, CMD_ERR_SYNTAX);
			return;
		}
		c->timeout_ms = r->num;
		break;
	case CMD_SET_NODE: c->node = (int)r->num; break;
	default:
		if (r->num != CMD_NET) {
			answer_err(r, CMD_ERR_BAD_NET);
			return;
		}
		break;
	}
	answer_head(r);
	printf("OK\n");
}

/* One request line; false once the interface failed. */
static bool
run_line(struct cmd *c, const char *line, const struct cli_opts *o)
{
	struct cmd_req *r = malloc(sizeof(*r));
	const char *why;
	uint32_t err;
	int node;

	if (r == NULL)
		return false;
	if (cmd_parse(line, r, &why) != 0) {
		answer_err(r, CMD_ERR_SYNTAX);
		fprintf(stderr, "cosniff: '%s': %s\n", line, why);
	} else if (r->verb == CMD_SET_TIMEOUT || r->verb == CMD_SET_NODE ||
		   r->verb == CMD_SET_NET) {
		do_set(c, r);
	} else if (r->verb != CMD_NONE) {
		node = node_of(c, r, &err);
		if (err)
			answer_err(r, err);
		else if (r->verb == CMD_READ)
			do_read(c, r, (uint8_t)node);
		else if (r->verb == CMD_WRITE)
			do_write(c, r, (uint8_t)node);
		else
			do_nmt(c, r, (uint8_t)node, o->wait_ms);
	}
	fflush(stdout);
	free(r);
	return c->fatal == NULL;
}

static int
run_file(struct cmd *c, const struct cli_opts *o)
{
	FILE *fp = strcmp(o->file, "-") == 0 ? stdin : fopen(o->file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (fp == NULL) {
		fprintf(stderr, "cosniff: %s: %s\n", o->file, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!run_line(c, line, o))
			break;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	return 0;
}

/* ---- set-up ---- */

static void
trace_warn(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "cosniff: %s\n", msg);
}

static int
open_trace(struct cmd *c, const struct cli_opts *o)
{
	static struct out_opts out;
	struct co_sink *s;

	memset(&c->pipe, 0, sizeof(c->pipe));
	c->pipe.warn = trace_warn;
	net_init(&trace_net);
	c->net = &trace_net;
	pipe_set_model(&c->pipe, &trace_net);
	if (c->trace) {
		if (o->json)
			consumer_json_init(&c->printer, stderr, &out);
		else
			consumer_text_init(&c->printer, stderr, &out);
		pipe_add_consumer(&c->pipe, &c->printer.c);
	}
	if (o->log == NULL)
		return 0;
	s = sink_candump_open(o->log);
	if (s == NULL) {
		fprintf(stderr, "cosniff: %s: %s\n", o->log, strerror(errno));
		return -1;
	}
	pipe_add_sink(&c->pipe, s);
	return 0;
}

static void
close_trace(struct cmd *c)
{
	int i;

	pipe_end(&c->pipe);
	for (i = 0; i < c->pipe.nsinks; i++) {
		c->pipe.sinks[i]->flush(c->pipe.sinks[i]);
		c->pipe.sinks[i]->close(c->pipe.sinks[i]);
	}
	c->pipe.nsinks = 0;
	fflush(stderr);
}

static int
run(struct cmd *c, const struct cli_opts *o, int argc, char **argv,
    const char *sub)
{
	int i;

	if (strcmp(sub, "scan") == 0)
		return cmd_scan(c, o->lo ? o->lo : 1, o->hi ? o->hi : 127,
				o->gap_ms);
	if (strcmp(sub, "guard") == 0) {
		if (o->ngnodes == 0 || o->guard_ms == 0) {
			fputs("cosniff guard: give --node N[,N...] and "
			      "--guard-time MS\n", stderr);
			return -1;
		}
		return cmd_guard(c, o->gnodes, o->ngnodes, o->guard_ms,
				 o->factor ? o->factor : 3, o->time_ms);
	}
	if (o->file)
		return run_file(c, o);
	if (optind >= argc) {
		fputs("cosniff cmd: no command (give 'COMMAND' or -f FILE)\n",
		      stderr);
		return -1;
	}
	for (i = optind; i < argc; i++)
		if (!run_line(c, argv[i], o))
			break;
	return 0;
}

int
cmd_cli_main(int argc, char **argv)
{
	static struct cmd c;
	struct cli_opts o;
	const char *why = NULL;
	int rc, i;

	memset(&o, 0, sizeof(o));
	o.tx_wait_ms = CAN_TX_BACKOFF_MS;
	c.node = -1;
	c.timeout_ms = SDO_CLI_TIMEOUT_MS;
	if (parse(argc, argv, &c, &o) != 0)
		return 2;
	c.tx = can_tx_open(c.iface, &why);
	if (c.tx == NULL) {
		fprintf(stderr, "cosniff: %s: %s\n", c.iface, why);
		return 2;
	}
	can_tx_set_wait(c.tx, o.tx_wait_ms);
	rc = open_trace(&c, &o) == 0 ? run(&c, &o, argc, argv, argv[0]) : -1;
	cmd_drain(&c);
	close_trace(&c);
	if (c.fatal)
		fprintf(stderr, "cosniff: %s: %s\n", c.iface, c.fatal);
	if (can_tx_backoffs(c.tx))
		fprintf(stderr, "cosniff: %s: transmit queue full %llu "
			"times; waited and sent again\n", c.iface,
			(unsigned long long)can_tx_backoffs(c.tx));
	can_tx_close(c.tx);
	for (i = 0; i < 128; i++)
		od_free(c.od[i]);
	if (rc < 0 || c.fatal)
		return 2;
	return rc > 0 || n_errors ? 1 : 0;      /* guard: a node lost */
}
