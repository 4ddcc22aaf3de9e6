/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c - command line, wiring of sources, sinks and printers; the only
 * place that reports to the user */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net.h"
#include "net_od.h"
#include "net_view.h"
#include "eds_bind.h"
#include "eds_cli.h"
#include "consumer.h"
#include "diag.h"
#include "out_diag.h"
#include "loop.h"
#include "reorder.h"
#include "pipe.h"
#include "sink.h"
#include "source.h"
/* live capture */
#include "capture.h"
#include "link.h"
#include "sink_rotate.h"
#include "src_socketcan.h"
#include "stats.h"
#include "stats_print.h"
#include "msgring.h"
#include "out.h"
#include "out_note.h"
#include "ui.h"
/* active commands and the simulator */
#include "can_tx.h"
#include "cmd_cli.h"
#include "sim_cli.h"

enum exit_code { EXIT_OK = 0, EXIT_SKIPPED = 1, EXIT_FATAL = 2 };

#define MAX_OUT PIPE_MAX_SINKS
#define MAX_MODEL_OPTS 64

enum out_fmt { FMT_TEXT, FMT_JSON };

/* A model or statistics option, applied by model_setup(). */
struct model_opt {
	int c;
	const char *arg;
};

struct opts {
	const char *read_path;
	const char *pcap_out[MAX_OUT];
	int npcap;
	const char *log_out[MAX_OUT];
	int nlog;
	enum out_fmt fmt;
	bool quiet;
	bool verbose;
	int ui;                  /* enum ui_mode */
	double speed;            /* --speed, < 0: not given */
	unsigned history;        /* --history */
	bool exit_at_end;        /* --exit-at-end */
	bool active;             /* --active: the view may send commands */
	bool no_color;           /* --no-color */
	/* live capture */
	const char *ifaces[SOCKETCAN_MAX_IFACES];   /* IFACE[,filters] args */
	int nifaces;
	struct socketcan_opts sock;
	struct rotate_opts rot;
	unsigned reorder_ms;     /* --reorder-ms */
	bool link;
	bool stats;              /* --stats */
	bool diagnose;           /* --diagnose */
	struct eds_bind eds;    /* --eds, --dcf, --eds-dir */
	struct model_opt mopt[MAX_MODEL_OPTS];   /* in command-line order */
	int nmopt;
};

enum long_only {
	OPT_JSON = 0x100,
	OPT_TEXT,
	/* live capture */
	OPT_RCVBUF,
	OPT_SW_TSTAMP,
	OPT_LOG_RXTX,
	OPT_LINK,
	OPT_REORDER,
	OPT_ROT_SIZE,
	OPT_ROT_TIME,
	OPT_ROT_FILES,
	OPT_STATS,               /* model options */
	OPT_DIAGNOSE,
	OPT_HB_TIMEOUT,
	OPT_EXPECT,
	OPT_SDO_TIMEOUT,
	OPT_BITRATE,
	OPT_EXACT_LOAD,
	OPT_EDS,
	OPT_DCF,
	OPT_EDS_DIR,
	OPT_UI,                  /* the view */
	OPT_SPEED,
	OPT_HISTORY,
	OPT_EXIT_AT_END,
	OPT_ACTIVE,
	OPT_NO_COLOR,
};

/* --ui, --text/--json/-q, or neither (live on a terminal: the view) */
enum ui_mode { UI_AUTO, UI_WANTED, UI_LINES };

static const struct option long_opts[] = {
	{ "read", required_argument, NULL, 'r' },
	{ "write-pcap", required_argument, NULL, 'w' },
	{ "write-log", required_argument, NULL, 'W' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "text", no_argument, NULL, OPT_TEXT },
	{ "ui", no_argument, NULL, OPT_UI },
	{ "speed", required_argument, NULL, OPT_SPEED },
	{ "history", required_argument, NULL, OPT_HISTORY },
	{ "exit-at-end", no_argument, NULL, OPT_EXIT_AT_END },
	{ "active", no_argument, NULL, OPT_ACTIVE },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "diagnose", no_argument, NULL, OPT_DIAGNOSE },
	{ "hb-timeout", required_argument, NULL, OPT_HB_TIMEOUT },
	{ "expect", required_argument, NULL, OPT_EXPECT },
	{ "sdo-timeout", required_argument, NULL, OPT_SDO_TIMEOUT },
	{ "bitrate", required_argument, NULL, OPT_BITRATE },
	{ "exact-load", no_argument, NULL, OPT_EXACT_LOAD },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "eds", required_argument, NULL, OPT_EDS },
	{ "dcf", required_argument, NULL, OPT_DCF },
	{ "eds-dir", required_argument, NULL, OPT_EDS_DIR },
	/* live capture */
	{ "rcvbuf", required_argument, NULL, OPT_RCVBUF },
	{ "sw-tstamp", no_argument, NULL, OPT_SW_TSTAMP },
	{ "log-rxtx", no_argument, NULL, OPT_LOG_RXTX },
	{ "reorder-ms", required_argument, NULL, OPT_REORDER },
	{ "link", no_argument, NULL, OPT_LINK },
	{ "rotate-size", required_argument, NULL, OPT_ROT_SIZE },
	{ "rotate-time", required_argument, NULL, OPT_ROT_TIME },
	{ "rotate-files", required_argument, NULL, OPT_ROT_FILES },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The --help text (the man page says the rest). */
static const char usage_text[] =
	"Usage: cosniff -r FILE [options]\n"
	"       cosniff [options] IFACE[,FILTER...] ...   (live, 'any' = all)\n"
	"CANopen bus analyzer: decode candump logs, pcap files and live\n"
	"SocketCAN traffic.\n"
	"\n"
	"  -r, --read FILE        read a candump log or pcap/pcapng ('-' = stdin)\n"
	"  -w, --write-pcap FILE  also write every frame to a pcap file\n"
	"  -W, --write-log FILE   also write every frame as a candump -L log\n"
	"      --text             print one text line per frame/event (default)\n"
	"      --json             print one JSON object per frame/event\n"
	"  -q, --quiet            print no per-frame lines\n"
	"      --ui               full-screen view (default live on a terminal;\n"
	"                         ? in it for keys); with -r: replay into it\n"
	"      --speed F          replay pace: F times the recorded one (0 = at\n"
	"                         once; default 1 with --ui, else 0)\n"
	"      --history N        trace lines the view keeps (default 100000)\n"
	"      --exit-at-end      replay: leave the view once the end of the\n"
	"                         file is on screen (scripts, benchmarks)\n"
	"      --active           live view: 'a' on a node sends NMT commands\n"
	"                         and SDO reads/writes, each confirmed on\n"
	"                         screen (on the first interface); without\n"
	"                         it the view never transmits\n"
	"      --no-color         the view without colour (as NO_COLOR=1)\n"
	"      --stats            print bus, node and COB-ID statistics at the end\n"
	"      --diagnose         findings: errors, warnings, notes (what happened,\n"
	"                         why it matters, what to check) as they are\n"
	"                         raised and grouped at the end\n"
	"      --bitrate N[,D]    bit/s (and CAN FD data bit/s) for the bus load\n"
	"      --exact-load       also count stuff bits exactly (slower)\n"
	"      --hb-timeout NODE=MS  heartbeat/guarding loss after MS ms of silence\n"
	"                         (NODE 1..127 or all, MS or auto; repeatable)\n"
	"      --expect N[,N-M..] nodes that must appear (else 'node missing')\n"
	"      --sdo-timeout MS   SDO transfer timeout (default 1000 ms)\n"
	"  -v, --verbose          more detail on each line\n"
	"      --eds NODE=FILE    object dictionary of node NODE (or LO-HI)\n"
	"      --dcf [NODE=]FILE  DCF; node from its NodeID unless given\n"
	"      --eds-dir DIR      DIR/nodes.conf (NODE = FILE lines) and\n"
	"                         every DIR/*.dcf by its NodeID\n"
	"\nLive capture (see LIVE CAPTURE in cosniff(1)): the view on a terminal,\n"
	"else the same lines as -r:\n"
	"  IFACE[,ID:MASK|,ID~MASK|,#ERRMASK|,j]  candump filter syntax\n"
	"      --rcvbuf BYTES     socket receive buffer, default 8388608 (8 MiB;\n"
	"                         SO_RCVBUFFORCE as root)\n"
	"      --sw-tstamp        software timestamps even if hardware ones exist\n"
	"      --log-rxtx         live -W logs mark lines R/T (candump -L -x)\n"
	"      --reorder-ms MS    hold frames up to MS ms to pass them on in\n"
	"                         timestamp order (default 10; 0: arrival order)\n"
	"      --link             print link status (state, bitrate, error\n"
	"                         counters) at start and end on stderr\n"
	"      --rotate-size SIZE new -w/-W file every SIZE bytes (k/M/G suffix;\n"
	"                         a plain number means MB): FILE, FILE.1, ...\n"
	"      --rotate-time SEC  new -w/-W file every SEC seconds of frame time\n"
	"      --rotate-files N   keep at most N files per output (ring)\n"
	"\n"
	"  -h, --help             this help\n"
	"  -V, --version          print the version\n"
	"\n"
	"Exit status: 0 ok, 1 input lines skipped or writes failed, 2 error.\n"
	"'cosniff eds FILE...' checks EDS/DCF files (cosniff eds --help).\n"
	"'cosniff cmd|scan|guard IFACE ...' send CiA 309-3 commands, find\n"
	"nodes, guard them; 'cosniff sim IFACE --node N=FILE' simulates\n"
	"nodes (each with --help).  Plain capture never transmits.\n"
	"Live capture runs until SIGINT/SIGTERM, then prints a summary.\n"
	"See cosniff(1).\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
}

static int
add_path(const char **list, int *n, const char *path)
{
	if (*n >= MAX_OUT) {
		fprintf(stderr, "cosniff: too many output files (max %d)\n",
			MAX_OUT);
		return -1;
	}
	list[(*n)++] = path;
	return 0;
}

/* ---- live capture options ---- */

/* "20k", "5M", "1G" bytes; a plain number is MB (tcpdump -C). */
static int
parse_size(const char *arg, uint64_t *v)
{
	char *end;
	unsigned long long n;
	uint64_t mul = 1000000;

	errno = 0;
	n = strtoull(arg, &end, 10);
	if (errno || end == arg || n == 0)
		return -1;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': mul = 1000; end++; break;
	case 'm': case 'M': mul = 1000000; end++; break;
	case 'g': case 'G': mul = 1000000000; end++; break;
	default: return -1;
	}
	if (*end != '\0' || n > UINT64_MAX / mul)
		return -1;
	*v = n * mul;
	return 0;
}

static int
parse_u32(const char *arg, uint32_t *v, uint32_t min)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (errno || end == arg || *end != '\0' || n < min || n > INT32_MAX)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

/* The long name of option c, for messages. */
static const char *
opt_name(int c)
{
	const struct option *o;

	for (o = long_opts; o->name != NULL; o++)
		if (o->val == c)
			return o->name;
	return "an option";
}

/* 0 when c was a live option and its argument is good, else -1. */
static int
parse_live_opt(int c, struct opts *o)
{
	uint32_t v;

	switch (c) {
	case OPT_RCVBUF:
		if (parse_u32(optarg, &v, 1) != 0)
			break;
		o->sock.rcvbuf = (int)v;
		return 0;
	case OPT_SW_TSTAMP: o->sock.sw_tstamp = true; return 0;
	case OPT_LOG_RXTX: o->sock.log_rxtx = true; return 0;
	case OPT_LINK: o->link = true; return 0;
	case OPT_REORDER:
		if (parse_u32(optarg, &v, 0) != 0 || v > REORDER_MS_MAX)
			break;
		o->reorder_ms = v;
		return 0;
	case OPT_ROT_SIZE:
		if (parse_size(optarg, &o->rot.max_bytes) != 0)
			break;
		return 0;
	case OPT_ROT_TIME:
		if (parse_u32(optarg, &o->rot.period_s, 1) != 0)
			break;
		return 0;
	case OPT_ROT_FILES:
		if (parse_u32(optarg, &o->rot.max_files, 1) != 0)
			break;
		return 0;
	default:
		return -1;
	}
	fprintf(stderr, "cosniff: bad value '%s' for --%s\n", optarg,
		opt_name(c));
	return -1;
}

/* Positional arguments are interfaces to capture from. */
static int
parse_ifaces(int argc, char **argv, struct opts *o)
{
	for (; optind < argc; optind++) {
		if (o->nifaces >= SOCKETCAN_MAX_IFACES) {
			fprintf(stderr, "cosniff: at most %d interfaces\n",
				SOCKETCAN_MAX_IFACES);
			return -1;
		}
		o->ifaces[o->nifaces++] = argv[optind];
	}
	if (o->nifaces && o->read_path) {
		fputs("cosniff: give -r FILE or interfaces, not both\n",
		      stderr);
		return -1;
	}
	return 0;
}

/* The model and the statistics of one run, and what feeds them.  Both
 * are large (the model about 730 KiB): allocated once. */
struct run {
	struct opts o;
	struct co_net *net;
	struct co_stats *stats;
	struct od *eds_by_node[128];
	struct pipe pipe;
	struct co_printer printer;
	struct co_consumer stats_c;
	struct co_consumer notes_c;  /* live notes also on stderr */
	/* While a full-screen view owns the terminal, messages go to this
	 * ring (the view shows them; printed after the screen is
	 * restored); NULL: straight to stderr. */
	struct msgring *msgs;
	bool view;                   /* the full-screen view is wanted */
	struct msgring view_msgs;
	struct ui *ui;
	struct can_tx *tx;           /* --active in the view, else NULL */
	const char *tx_iface;
	/* The view's keys and redraws (loop.h), or NULL; while the loop
	 * runs, loop points at it (the view reads and sets loop->replay and
	 * loop->stop from its callbacks). */
	struct loop_client *client;
	struct loop *loop;
	struct diag *diag;          /* --diagnose */
	struct co_consumer diag_c;
	struct out_diag_stream diag_out;
};

/* One message line for the user, during the run. */
static void __attribute__((format(printf, 2, 3)))
say(struct run *r, const char *fmt, ...)
{
	char line[MSGRING_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (r->msgs)
		msgring_add(r->msgs, line);
	else
		fprintf(stderr, "%s\n", line);
}

/* Apply one model or statistics option; reports a bad value. */
static int
model_opt(struct run *r, int c, const char *arg)
{
	int rc = 0;

	switch (c) {
	case OPT_HB_TIMEOUT: rc = net_opt_hb_timeout(r->net, arg); break;
	case OPT_EXPECT: rc = net_opt_expect(r->net, arg); break;
	case OPT_SDO_TIMEOUT: rc = net_opt_sdo_timeout(r->net, arg); break;
	case OPT_BITRATE: rc = stats_opt_bitrate(r->stats, arg); break;
	case OPT_EXACT_LOAD: stats_set_exact(r->stats, true); break;
	default: break;
	}
	if (rc != 0)
		fprintf(stderr, "cosniff: bad value '%s' for --%s\n", arg,
			c == OPT_HB_TIMEOUT ? "hb-timeout (NODE=MS|auto)" :
			c == OPT_EXPECT ? "expect (N[,N-M...])" :
			c == OPT_SDO_TIMEOUT ? "sdo-timeout (MS)" :
			"bitrate (N[,DATA], k/M suffix)");
	return rc;
}

static int
add_model_opt(struct opts *o, int c, const char *arg)
{
	if (o->nmopt >= MAX_MODEL_OPTS) {
		fprintf(stderr, "cosniff: too many model options (max %d)\n",
			MAX_MODEL_OPTS);
		return -1;
	}
	o->mopt[o->nmopt].c = c;
	o->mopt[o->nmopt++].arg = arg;
	return 0;
}

static int
add_binding(struct opts *o, int c, const char *arg)
{
	char err[256];
	const char *opt = c == OPT_EDS ? "eds" : c == OPT_DCF ? "dcf"
							  : "eds-dir";

	if (eds_bind_add(&o->eds, opt, arg, err, sizeof(err)) == 0)
		return 0;
	fprintf(stderr, "cosniff: %s\n", err);
	return -1;
}

/* Load the bound EDS/DCF files; per-node dictionaries for the model
 * (PDOs, COB-IDs, object names and types, heartbeat expectations). */
static int
load_eds(const struct opts *o, struct od *od_for_node[128])
{
	struct eds_diag diag = { 0 };
	char err[512];
	int rc = 0;

	memset(od_for_node, 0, 128 * sizeof(*od_for_node));
	if (eds_bind_empty(&o->eds))
		return 0;
	if (eds_bind_resolve(&o->eds, od_for_node, &diag, err,
			     sizeof(err)) != 0) {
		fprintf(stderr, "cosniff: %s\n", err);
		rc = -1;
	} else if (o->verbose) {
		eds_cli_warnings(stderr, &diag);
	} else if (diag.n + diag.dropped > 0) {
		fprintf(stderr, "cosniff: %zu warnings in EDS/DCF files "
			"(-v shows them; so does 'cosniff eds FILE')\n",
			diag.n + diag.dropped);
	}
	eds_diag_free(&diag);
	return rc;
}

/* One option of parse_opts' switch that is not a single assignment. */
static int
parse_opt(int c, struct opts *o)
{
	switch (c) {
	case 'w': return add_path(o->pcap_out, &o->npcap, optarg);
	case 'W': return add_path(o->log_out, &o->nlog, optarg);
	case OPT_HB_TIMEOUT:
	case OPT_EXPECT:
	case OPT_SDO_TIMEOUT:
	case OPT_BITRATE:
	case OPT_EXACT_LOAD:
		return add_model_opt(o, c, optarg);
	case OPT_EDS:
	case OPT_DCF:
	case OPT_EDS_DIR:
		return add_binding(o, c, optarg);
	case 'h': usage(stdout); exit(EXIT_OK);
	case 'V': puts(PACKAGE_STRING); exit(EXIT_OK);
	default:
		if (parse_live_opt(c, o) == 0)
			return 0;
		usage(stderr);
		return -1;
	}
}

/* --speed F, --history N */
static int
parse_view_opt(int c, struct opts *o)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(optarg, &end);
	if (c == OPT_SPEED && end != optarg && *end == '\0' && errno == 0 &&
	    v >= 0 && v <= 1000) {
		o->speed = v;
		return 0;
	}
	if (c == OPT_HISTORY && end != optarg && *end == '\0' && v >= 100 &&
	    v <= UI_HISTORY_MAX && v == (unsigned)v) {
		o->history = (unsigned)v;
		return 0;
	}
	fprintf(stderr, "cosniff: bad value '%s' for --%s\n", optarg,
		c == OPT_SPEED ? "speed (0..1000)" :
		"history (100..10000000 lines)");
	return -1;
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->fmt = FMT_TEXT;
	o->speed = -1;
	o->history = UI_HISTORY_DEFAULT;
	o->reorder_ms = REORDER_MS_DEFAULT;
	while ((c = getopt_long(argc, argv, "r:w:W:qvhV", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'r': o->read_path = optarg; break;
		case OPT_JSON: o->fmt = FMT_JSON; o->ui = UI_LINES; break;
		case OPT_TEXT: o->fmt = FMT_TEXT; o->ui = UI_LINES; break;
		case OPT_UI: o->ui = UI_WANTED; break;
		case OPT_ACTIVE: o->active = true; break;
		case OPT_NO_COLOR: o->no_color = true; break;
		case OPT_STATS: o->stats = true; break;
		case OPT_EXIT_AT_END: o->exit_at_end = true; break;
		case OPT_DIAGNOSE: o->diagnose = true; break;
		case 'q':
			o->quiet = true;
			if (o->ui == UI_AUTO)
				o->ui = UI_LINES;
			break;
		case 'v': o->verbose = true; break;
		case OPT_SPEED:
		case OPT_HISTORY:
			if (parse_view_opt(c, o) != 0)
				return -1;
			break;
		default:
			if (parse_opt(c, o) != 0)
				return -1;
		}
	}
	if (parse_ifaces(argc, argv, o) != 0)
		return -1;
	if (o->active && o->read_path) {
		fputs("cosniff: --active acts on live interfaces, not with "
		      "-r\n", stderr);
		return -1;
	}
	if (o->read_path == NULL && o->nifaces == 0) {
		fputs("cosniff: no input: give -r FILE or interfaces\n",
		      stderr);
		usage(stderr);
		return -1;
	}
	return 0;
}

/* Model and statistics to their state before the first frame: defaults,
 * the command-line options, the EDS/DCF dictionaries. */
static int
model_setup(struct run *r)
{
	int i;

	net_od_free(r->net);
	net_init(r->net);
	stats_init(r->stats);
	for (i = 0; i < r->o.nmopt; i++)
		if (model_opt(r, r->o.mopt[i].c, r->o.mopt[i].arg) != 0)
			return -1;
	if (net_od_seed(r->net, r->eds_by_node) != 0) {
		fputs("cosniff: out of memory for the object dictionaries\n",
		      stderr);
		return -1;
	}
	return 0;
}

/* loop.reset: a replay jumped back */
static void
model_reset(void *arg)
{
	model_setup(arg);
}

/* pipe.warn: a sink's first failure */
static void
warn_line(void *arg, const char *msg)
{
	say(arg, "cosniff: %s", msg);
}

/* The live capture's notes (CO_EV_NOTE, CO_EV_LINK*) as stderr lines,
 * as well as in the stream. */
static void
notes_event(struct co_consumer *c, const struct co_event *ev)
{
	char msg[512];

	if (!out_is_note(ev))
		return;
	out_note_msg(msg, sizeof(msg), ev);
	say(c->priv, "cosniff: %s", msg);
}

/* true if out names the regular file in (opening out would empty it) */
static bool
is_input_file(const char *out, const char *in)
{
	struct stat so, si;

	if (strcmp(out, "-") == 0 || strcmp(in, "-") == 0)
		return false;
	if (stat(out, &so) != 0 || stat(in, &si) != 0)
		return false;
	return S_ISREG(so.st_mode) && so.st_dev == si.st_dev &&
	       so.st_ino == si.st_ino;
}

static int
open_sinks(struct pipe *p, const struct opts *o)
{
	int i;

	for (i = 0; i < o->npcap + o->nlog; i++) {
		bool pcap = i < o->npcap;
		const char *path = pcap ? o->pcap_out[i]
					: o->log_out[i - o->npcap];
		sink_open_fn fn = pcap ? sink_pcap_open : sink_candump_open;
		bool rot = o->rot.max_bytes || o->rot.period_s;
		struct co_sink *s;

		if (o->read_path && is_input_file(path, o->read_path)) {
			fprintf(stderr, "cosniff: %s: output file is the "
				"input file\n", path);
			return -1;
		}
		s = rot && strcmp(path, "-") != 0
		    ? sink_rotate_open(path, fn, &o->rot) : fn(path);
		if (s == NULL) {
			fprintf(stderr, "cosniff: %s: %s\n", path,
				strerror(errno));
			return -1;
		}
		pipe_add_sink(p, s);
	}
	return 0;
}

static int
close_sinks(struct pipe *p)
{
	int i, rc = 0;

	for (i = 0; i < p->nsinks; i++) {
		struct co_sink *s = p->sinks[i];
		uint64_t nerr = s->nerr;

		/* flush first so that frames lost now are counted below */
		if (s->flush(s) != 0 && nerr == 0)
			fprintf(stderr, "cosniff: %s\n", s->msg);
		if (s->nerr) {
			fprintf(stderr,
				"cosniff: %s: %llu frame%s not written\n",
				s->name, (unsigned long long)s->nerr,
				s->nerr == 1 ? "" : "s");
			rc = -1;
		}
		if (s->close(s) != 0) {
			fprintf(stderr, "cosniff: %s: %s\n", s->name,
				strerror(errno));
			rc = -1;
		}
	}
	p->nsinks = 0;
	return rc;
}

/* loop.report: a message of the source, as "file:line: what" for files
 * and "cosniff: what" live */
static void
report_source(void *arg, const struct co_source *src, int rc)
{
	struct run *r = arg;
	unsigned long long pos = src->pos;

	if (r->diag && rc == SRC_BAD && !r->o.nifaces)
		diag_input_bad(r->diag, src->pos, src->bad_no_ts, src->msg);
	if (r->o.nifaces)
		say(r, "cosniff: %s", src->msg);
	else if (rc == SRC_BAD)
		say(r, "%s:%llu: %s", src->name, pos, src->msg);
	else if (rc == SRC_NOTE)
		say(r, "%s:%llu: note: %s", src->name, pos, src->msg);
	else if (rc == SRC_ERR)
		say(r, "cosniff: %s: %s", src->name, src->msg);
}

/* ---- live capture ---- */

static void
live_rcvbuf_note(struct co_source *src, int want)
{
	int got = src_socketcan_rcvbuf(src);

	if (want == 0)
		want = SOCKETCAN_RCVBUF_DEFAULT;
	/* the kernel doubles the value for its bookkeeping */
	if (got == 0 || got / 2 >= want)
		return;
	fprintf(stderr, "cosniff: receive buffer is %d bytes, not the %d "
		"asked for: net.core.rmem_max limits it unless run as root "
		"(SO_RCVBUFFORCE); bursts may be dropped\n", got / 2, want);
}

/* Without --bitrate, the bus load uses the bitrate the first interface
 * with a CAN controller reports (virtual ones have none). */
static void
live_bitrate(struct co_stats *st, const char *const *names, int n)
{
	struct co_link l;
	int i;

	if (st->bitrate != 0)
		return;
	for (i = 0; i < n; i++) {
		if (link_query(names[i], &l) != 0 || link_bitrate(&l) == 0)
			continue;
		stats_set_bitrate(st, link_bitrate(&l),
				  l.has_dbt ? l.dbitrate : 0);
		return;
	}
}

/* Open the interfaces; NULL after a message.  names[] point into specs[],
 * which must outlive the capture (the link status reads them). */
static struct co_source *
open_live(struct run *r, struct ifspec specs[SOCKETCAN_MAX_IFACES],
	  const char *names[SOCKETCAN_MAX_IFACES])
{
	struct co_source *src;
	const char *why = NULL;
	int i;

	for (i = 0; i < r->o.nifaces; i++) {
		if (ifspec_parse(r->o.ifaces[i], &specs[i], &why) != 0) {
			fprintf(stderr, "cosniff: %s: %s\n", r->o.ifaces[i],
				why);
			return NULL;
		}
		names[i] = specs[i].iface;
	}
	src = src_socketcan_open(specs, r->o.nifaces, &r->o.sock, &why);
	if (src == NULL) {
		fprintf(stderr, "cosniff: %s\n", why ? why : strerror(errno));
		return NULL;
	}
	live_rcvbuf_note(src, r->o.sock.rcvbuf);
	live_bitrate(r->stats, names, r->o.nifaces);
	return src;
}

static struct co_source *
open_file(const char *path)
{
	const char *why = NULL;
	struct co_source *src = src_file_open(path, &why);

	if (src == NULL)
		fprintf(stderr, "cosniff: %s: %s\n", path,
			why ? why : strerror(errno));
	return src;
}

/* ---- one run, one tail ---- */

/* The model's tables are bounded (net_view.h net_overflowed). */
static void
note_od_overflow(const struct co_net *net)
{
	struct net_overflow o = net_overflowed(net);

	if (o.od)
		fprintf(stderr, "cosniff: note: more than %d PDOs, %d SDO "
			"channels or %d 29-bit COB-IDs configured; the rest "
			"are not decoded\n", NET_PDO_MAX, NET_SDO_CHAN_MAX,
			NET_COB_EXT_MAX);
	if (o.sdo)
		fprintf(stderr, "cosniff: note: transfers on more than %d "
			"configured SDO channels at once; the others were not "
			"followed\n", NET_SDO_EXTRA);
}

static void
live_summary(const struct capture_stats *st, const struct pipe *p)
{
	if (st->final_drops)
		fprintf(stderr, "cosniff: %llu more frame%s dropped by the "
			"kernel at the end of the capture\n",
			(unsigned long long)st->final_drops,
			st->final_drops == 1 ? "" : "s");
	fprintf(stderr, "cosniff: %llu frame%s captured, %llu dropped by "
		"the kernel", (unsigned long long)st->frames,
		st->frames == 1 ? "" : "s", (unsigned long long)st->drops);
	if (p->nsink_err)
		fprintf(stderr, ", %llu write error%s",
			(unsigned long long)p->nsink_err,
			p->nsink_err == 1 ? "" : "s");
	fputc('\n', stderr);
	if (st->reordered || st->late)
		fprintf(stderr, "cosniff: %llu frame%s put back in timestamp "
			"order, %llu later than --reorder-ms\n",
			(unsigned long long)st->reordered,
			st->reordered == 1 ? "" : "s",
			(unsigned long long)st->late);
}

/* File input: what was skipped or cut short.  Returns the exit code. */
static int
file_summary(const struct loop *l)
{
	const struct co_source *src = l->src;
	uint64_t nbad = src->nbad + (l->src_failed ? 1 : 0);

	if (nbad)
		fprintf(stderr, "cosniff: %s: %llu %s%s skipped\n", src->name,
			(unsigned long long)nbad,
			src->unit ? src->unit : "line",
			nbad == 1 ? "" : "s");
	if (l->signal)
		fprintf(stderr, "cosniff: %s: interrupted after %llu "
			"frame%s\n", src->name,
			(unsigned long long)l->st.frames,
			l->st.frames == 1 ? "" : "s");
	return nbad ? EXIT_SKIPPED : EXIT_OK;
}

/* After the loop: statistics, summaries, files closed; the exit code. */
static int
finish(struct run *r, struct loop *l, int rc)
{
	bool live = l->live != NULL;

	if (r->msgs)
		msgring_print(r->msgs, stderr);
	note_od_overflow(r->net);
	if (r->o.stats)
		stats_print(stdout, r->stats, r->net, r->o.fmt == FMT_JSON);
	if (r->diag && r->o.diagnose)
		out_diag_report(stdout, r->diag, r->o.fmt == FMT_JSON);
	if (live)
		live_summary(&l->st, &r->pipe);
	else if (rc == EXIT_OK)
		rc = file_summary(l);
	l->src->close(l->src);
	if (rc == EXIT_OK && r->pipe.nsink_err)
		rc = EXIT_SKIPPED;
	if (close_sinks(&r->pipe) != 0 && rc == EXIT_OK)
		rc = EXIT_SKIPPED;
	/* live: a closed pipe only ends the capture */
	if (fflush(stdout) != 0 && !live)
		rc = EXIT_FATAL;
	return rc;
}

/* Consumers and the model, as the options ask. */
static void
wire_pipe(struct run *r)
{
	struct out_opts out = { .verbose = r->o.verbose };

	r->pipe.warn = warn_line;
	r->pipe.warn_arg = r;
	r->notes_c.name = "stderr notes";
	r->notes_c.event = notes_event;
	r->notes_c.notes_only = true;
	r->notes_c.priv = r;
	pipe_add_consumer(&r->pipe, &r->notes_c);
	if (!r->o.quiet && !r->view) {
		if (r->o.fmt == FMT_JSON)
			consumer_json_init(&r->printer, stdout, &out);
		else
			consumer_text_init(&r->printer, stdout, &out);
		pipe_add_consumer(&r->pipe, &r->printer.c);
	}
	/* --diagnose reads the bus load: statistics first (their end()
	 * computes it before the diagnosis' end()) */
	if (r->o.stats || r->diag) {
		consumer_stats_init(&r->stats_c, r->stats);
		pipe_add_consumer(&r->pipe, &r->stats_c);
	}
	if (r->diag) {
		consumer_diag_init(&r->diag_c, r->diag);
		pipe_add_consumer(&r->pipe, &r->diag_c);
		r->pipe.diag = r->diag;
	}
	if (!r->o.quiet || r->o.stats || r->diag || r->view)
		pipe_set_model(&r->pipe, r->net);
}

/* The view wanted (--ui, or live on a terminal) and possible; a note on
 * stderr when --ui cannot be had. */
static bool
view_wanted(const struct opts *o)
{
	bool want = o->ui == UI_WANTED ||
		    (o->ui == UI_AUTO && o->nifaces > 0 &&
		     isatty(STDOUT_FILENO));

	if (!want)
		return false;
	if (ui_possible())
		return true;
	if (o->ui == UI_WANTED)
		fputs("cosniff: --ui needs a terminal on stdin and stdout; "
		      "printing lines instead\n", stderr);
	return false;
}

/* Take the terminal for the view; on failure, lines as without it. */
static void
view_open(struct run *r, struct loop *l)
{
	struct ui_opts uo;
	struct out_opts out = { .verbose = r->o.verbose };
	int i;

	memset(&uo, 0, sizeof(uo));
	uo.source = r->o.read_path ? r->o.read_path : r->o.ifaces[0];
	uo.replay = l->live == NULL;
	uo.history = r->o.history;
	uo.exit_at_end = r->o.exit_at_end;
	uo.verbose = r->o.verbose;
	uo.bitrate = r->stats->bitrate;
	uo.diag = r->diag;
	uo.tx = r->tx;
	uo.tx_iface = r->tx_iface;
	uo.pipe = &r->pipe;
	uo.no_color = r->o.no_color;
	for (i = 0; i < r->o.npcap && uo.nlogs < 32; i++)
		uo.logs[uo.nlogs++] = r->o.pcap_out[i];
	uo.npcap = uo.nlogs;
	for (i = 0; i < r->o.nlog && uo.nlogs < 32; i++)
		uo.logs[uo.nlogs++] = r->o.log_out[i];
	msgring_init(&r->view_msgs);
	r->ui = ui_open(&uo, r->net, &r->view_msgs, l);
	if (r->ui == NULL) {
		fputs("cosniff: cannot start the view; printing lines "
		      "instead\n", stderr);
		consumer_text_init(&r->printer, stdout, &out);
		pipe_add_consumer(&r->pipe, &r->printer.c);
		return;
	}
	r->msgs = &r->view_msgs;
	pipe_add_consumer(&r->pipe, ui_consumer(r->ui));
	l->client = ui_client(r->ui);
	l->replay.speed = r->o.speed < 0 ? 1.0 : r->o.speed;
}

/* --diagnose: findings raised go to stdout with the event lines (not
 * with -q: then only the report at the end). */
static int
diag_setup(struct run *r)
{
	/* the view's diagnosis pane reads the findings too */
	if (!r->o.diagnose && !r->view)
		return 0;
	r->diag_out.fp = stdout;
	r->diag_out.json = r->o.fmt == FMT_JSON;
	r->diag = diag_new(r->net, r->stats, r->o.quiet || r->view ? NULL :
			   out_diag_emit,
			   &r->diag_out);
	if (r->diag == NULL) {
		fputs("cosniff: out of memory for the diagnosis\n", stderr);
		return -1;
	}
	return 0;
}

/* --active: the socket the view's commands go out on (the first
 * interface).  Without the view nothing is ever sent: a note says so. */
static int
open_tx(struct run *r, const char *const *names)
{
	const char *why = NULL;

	if (!r->o.active)
		return 0;
	if (!r->view) {
		fputs("cosniff: --active needs the view (a terminal, no "
		      "--text/--json/-q); nothing will be sent\n", stderr);
		return 0;
	}
	r->tx = can_tx_open(names[0], &why);
	r->tx_iface = names[0];
	if (r->tx != NULL)
		return 0;
	fprintf(stderr, "cosniff: %s: --active: %s\n", names[0], why);
	return -1;
}

/* Open the input and run the loop over it; the exit code. */
static int
run_input(struct run *r)
{
	struct ifspec specs[SOCKETCAN_MAX_IFACES];
	const char *names[SOCKETCAN_MAX_IFACES];
	struct capture_opts co;
	struct loop l;
	int rc = EXIT_OK;

	memset(&l, 0, sizeof(l));
	memset(&co, 0, sizeof(co));
	l.pipe = &r->pipe;
	l.report = report_source;
	l.report_arg = r;
	l.reset = model_reset;
	l.reset_arg = r;
	if (r->o.nifaces) {
		l.src = open_live(r, specs, names);
		co.link = r->o.link;
		co.ifaces = names;
		co.nifaces = r->o.nifaces;
		l.live = &co;
		l.reorder_ms = r->o.reorder_ms;
		l.flush_idle = isatty(STDOUT_FILENO);
	} else {
		l.src = open_file(r->o.read_path);
		l.path = r->o.read_path;
		if (r->o.speed > 0)
			l.replay.speed = r->o.speed;
	}
	if (l.src == NULL || open_tx(r, names) != 0) {
		if (l.src)
			l.src->close(l.src);
		close_sinks(&r->pipe);
		return EXIT_FATAL;
	}
	l.client = r->client;
	r->loop = &l;
	if (r->view)
		view_open(r, &l);
	if (loop_run(&l) != 0 && l.live)
		rc = EXIT_FATAL;
	r->loop = NULL;
	if (r->ui) {
		ui_close(r->ui);
		r->ui = NULL;
	}
	can_tx_close(r->tx);
	r->tx = NULL;
	return finish(r, &l, rc);
}

static void
run_free(struct run *r)
{
	if (r->net)
		net_od_free(r->net);
	eds_bind_release(r->eds_by_node);
	diag_free(r->diag);
	free(r->net);
	free(r->stats);
}

/* A failed write to standard output (a full disk, /dev/full) is said
 * once, at the end, with exit status 2; a reader that went away (EPIPE,
 * "| head") is not an error. */
static int
stdout_check(int rc)
{
	int err;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	err = errno;
	if (err == EPIPE)
		return rc;
	/* stdio forgets the errno of the write that failed earlier */
	fprintf(stderr, "cosniff: standard output: %s; output is "
		"incomplete\n", err ? strerror(err) : "write failed");
	return EXIT_FATAL;
}

int
main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	static struct run r;
	int rc = EXIT_FATAL;

	/* subcommands */
	if (argc > 1 && strcmp(argv[1], "eds") == 0)
		return stdout_check(eds_cli_main(argc - 1, argv + 1));
	if (argc > 1 && strcmp(argv[1], "sim") == 0)
		return sim_cli_main(argc - 1, argv + 1);
	if (argc > 1 && (strcmp(argv[1], "cmd") == 0 ||
			 strcmp(argv[1], "scan") == 0 ||
			 strcmp(argv[1], "guard") == 0))
		return stdout_check(cmd_cli_main(argc - 1, argv + 1));
	if (parse_opts(argc, argv, &r.o) != 0)
		return EXIT_FATAL;
	r.net = calloc(1, sizeof(*r.net));
	r.stats = calloc(1, sizeof(*r.stats));
	if (r.net == NULL || r.stats == NULL) {
		fputs("cosniff: out of memory\n", stderr);
		goto out;
	}
	r.view = view_wanted(&r.o);
	if (load_eds(&r.o, r.eds_by_node) != 0 || model_setup(&r) != 0 ||
	    diag_setup(&r) != 0)
		goto out;
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	if (open_sinks(&r.pipe, &r.o) != 0) {
		close_sinks(&r.pipe);
		goto out;
	}
	wire_pipe(&r);
	rc = run_input(&r);
out:
	run_free(&r);
	return stdout_check(rc);
}
