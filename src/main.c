/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c - command line, wiring of sources, sinks and printers; the only
 * place that reports to the user */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "net.h"
#include "net_od.h"
#include "out_diag.h"
#include "eds_bind.h"
#include "eds_cli.h"
#include "pipe.h"
#include "sink.h"
#include "source.h"
/* live capture */
#include "capture.h"
#include "link.h"
#include "log_rotate.h"
#include "src_socketcan.h"
#include "stats.h"
#include "stats_print.h"

enum exit_code { EXIT_OK = 0, EXIT_SKIPPED = 1, EXIT_FATAL = 2 };

#define MAX_OUT PIPE_MAX_SINKS

struct opts {
	const char *read_path;
	const char *pcap_out[MAX_OUT];
	int npcap;
	const char *log_out[MAX_OUT];
	int nlog;
	enum pipe_fmt fmt;
	bool quiet;
	bool verbose;
	/* live capture */
	const char *ifaces[SCAN_MAX_IFACES];   /* IFACE[,filters] args */
	int nifaces;
	struct scan_opts scan;
	struct rotate_opts rot;
	bool link;
	bool stats;              /* --stats */
	bool diagnose;           /* --diagnose */
	struct eds_bind eds;    /* --eds, --dcf, --eds-dir */
};

/* The model and statistics: large, static, written by the pipe only. */
static struct co_net model;
static struct co_stats bus_stats;

enum long_only {
	OPT_JSON = 0x100,
	OPT_TEXT,
	/* live capture */
	OPT_RCVBUF,
	OPT_SW_TSTAMP,
	OPT_LOG_RXTX,
	OPT_LINK,
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
};

static const struct option long_opts[] = {
	{ "read", required_argument, NULL, 'r' },
	{ "write-pcap", required_argument, NULL, 'w' },
	{ "write-log", required_argument, NULL, 'W' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "text", no_argument, NULL, OPT_TEXT },
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
	{ "link", no_argument, NULL, OPT_LINK },
	{ "rotate-size", required_argument, NULL, OPT_ROT_SIZE },
	{ "rotate-time", required_argument, NULL, OPT_ROT_TIME },
	{ "rotate-files", required_argument, NULL, OPT_ROT_FILES },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *fp)
{
	fputs("Usage: cosniff -r FILE [options]\n"
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
	      "      --stats            print bus, node and COB-ID statistics at the end\n"
	      "      --diagnose         findings (errors, warnings, notes: what\n"
	      "                         happened, why it matters, what to check)\n"
	      "                         as they are raised and at the end\n"
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
	      "\nLive capture (see LIVE CAPTURE in cosniff(1)); prints the same lines\n"
	      "as -r (a full-screen view is a later feature):\n"
	      "  IFACE[,ID:MASK|,ID~MASK|,#ERRMASK|,j]  candump filter syntax\n"
	      "      --rcvbuf BYTES     socket receive buffer, default 8388608 (8 MiB;\n"
	      "                         SO_RCVBUFFORCE as root)\n"
	      "      --sw-tstamp        software timestamps even if hardware ones exist\n"
	      "      --log-rxtx         live -W logs mark lines R/T (candump -L -x)\n"
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
	      "Live capture runs until SIGINT/SIGTERM, then prints a summary.\n"
	      "See cosniff(1).\n", fp);
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

/* 0 when c was a live option and its argument is good, else -1. */
static int
parse_live_opt(int c, struct opts *o)
{
	uint32_t v;

	switch (c) {
	case OPT_RCVBUF:
		if (parse_u32(optarg, &v, 1) != 0)
			break;
		o->scan.rcvbuf = (int)v;
		return 0;
	case OPT_SW_TSTAMP: o->scan.sw_tstamp = true; return 0;
	case OPT_LOG_RXTX: o->scan.log_rxtx = true; return 0;
	case OPT_LINK: o->link = true; return 0;
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
	fprintf(stderr, "cosniff: bad value '%s' for an option\n", optarg);
	return -1;
}

/* Positional arguments are interfaces to capture from. */
static int
parse_ifaces(int argc, char **argv, struct opts *o)
{
	for (; optind < argc; optind++) {
		if (o->nifaces >= SCAN_MAX_IFACES) {
			fprintf(stderr, "cosniff: at most %d interfaces\n",
				SCAN_MAX_IFACES);
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

/* Options of the model and statistics; reports a bad value. */
static int
model_opt(int c, const char *arg)
{
	int rc = 0;

	switch (c) {
	case OPT_HB_TIMEOUT: rc = net_opt_hb_timeout(&model, arg); break;
	case OPT_EXPECT: rc = net_opt_expect(&model, arg); break;
	case OPT_SDO_TIMEOUT: rc = net_opt_sdo_timeout(&model, arg); break;
	case OPT_BITRATE: rc = stats_opt_bitrate(&bus_stats, arg); break;
	case OPT_EXACT_LOAD: bus_stats.exact = true; break;
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

static struct od *eds_by_node[128];

static void
release_eds(void)
{
	net_od_free(&model);
	eds_bind_release(eds_by_node);
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

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->fmt = PIPE_TEXT;
	net_init(&model);
	stats_init(&bus_stats);
	while ((c = getopt_long(argc, argv, "r:w:W:qvhV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'r': o->read_path = optarg; break;
		case 'w': if (add_path(o->pcap_out, &o->npcap, optarg)) return -1; break;
		case 'W': if (add_path(o->log_out, &o->nlog, optarg)) return -1; break;
		case OPT_JSON: o->fmt = PIPE_JSON; break;
		case OPT_TEXT: o->fmt = PIPE_TEXT; break;
		case OPT_STATS: o->stats = true; break;
		case OPT_DIAGNOSE: o->diagnose = true; break;
		case OPT_HB_TIMEOUT:
		case OPT_EXPECT:
		case OPT_SDO_TIMEOUT:
		case OPT_BITRATE:
		case OPT_EXACT_LOAD:
			if (model_opt(c, optarg) != 0)
				return -1;
			break;
		case OPT_EDS:
		case OPT_DCF:
		case OPT_EDS_DIR:
			if (add_binding(o, c, optarg) != 0)
				return -1;
			break;
		case 'q': o->quiet = true; break;
		case 'v': o->verbose = true; break;
		case 'h': usage(stdout); exit(EXIT_OK);
		case 'V': puts(PACKAGE_STRING); exit(EXIT_OK);
		default:
			if (parse_live_opt(c, o) == 0)
				break;
			usage(stderr);
			return -1;
		}
	}
	if (parse_ifaces(argc, argv, o) != 0)
		return -1;
	if (o->read_path == NULL && o->nifaces == 0) {
		fputs("cosniff: no input: give -r FILE or interfaces\n",
		      stderr);
		usage(stderr);
		return -1;
	}
	return 0;
}

static void
warn_line(const char *msg)
{
	fprintf(stderr, "cosniff: %s\n", msg);
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
		const char *path = pcap ? o->pcap_out[i] : o->log_out[i - o->npcap];
		sink_open_fn fn = pcap ? log_pcap_open : log_candump_open;
		bool rot = o->rot.max_bytes || o->rot.period_s;
		struct co_sink *s;

		if (o->read_path && is_input_file(path, o->read_path)) {
			fprintf(stderr, "cosniff: %s: output file is the "
				"input file\n", path);
			return -1;
		}
		s = rot && strcmp(path, "-") != 0
		    ? log_rotate_open(path, fn, &o->rot) : fn(path);
		if (s == NULL) {
			fprintf(stderr, "cosniff: %s: %s\n", path,
				strerror(errno));
			return -1;
		}
		p->sinks[p->nsinks++] = s;
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
			fprintf(stderr, "cosniff: %s: %llu frame%s not written\n",
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

/* Drain a file source through the pipe; returns the number of bad items. */
static uint64_t
run_source(struct co_source *src, struct pipe *p)
{
	struct co_frame f;
	int rc;

	while ((rc = src->next(src, &f)) != SRC_EOF) {
		switch (rc) {
		case SRC_FRAME:
			pipe_frame(p, &f);
			break;
		case SRC_DROP:
			pipe_drop(p, f.ts_ns, src->drop_delta, src->ndrop);
			break;
		case SRC_BAD:
			fprintf(stderr, "%s:%llu: %s\n", src->name,
				(unsigned long long)src->pos, src->msg);
			pipe_bad(p, src->pos, src->bad_no_ts, src->msg);
			break;
		case SRC_NOTE:
			fprintf(stderr, "%s:%llu: note: %s\n", src->name,
				(unsigned long long)src->pos, src->msg);
			break;
		case SRC_ERR:
			fprintf(stderr, "cosniff: %s: %s\n", src->name, src->msg);
			return src->nbad + 1;
		default:
			break;
		}
	}
	return src->nbad;
}

/* ---- live capture ---- */

static void
live_rcvbuf_note(struct co_source *src, int want)
{
	int got = src_socketcan_rcvbuf(src);

	if (want == 0)
		want = SCAN_RCVBUF_DEFAULT;
	/* the kernel doubles the value for its bookkeeping */
	if (got == 0 || got / 2 >= want)
		return;
	fprintf(stderr, "cosniff: receive buffer is %d bytes, not the %d "
		"asked for: net.core.rmem_max limits it unless run as root "
		"(SO_RCVBUFFORCE); bursts may be dropped\n", got / 2, want);
}

static void
live_summary(const struct capture_stats *st, const struct pipe *p)
{
	fprintf(stderr, "cosniff: %llu frame%s captured, %llu dropped by "
		"the kernel", (unsigned long long)st->frames,
		st->frames == 1 ? "" : "s", (unsigned long long)st->drops);
	if (p->nsink_err)
		fprintf(stderr, ", %llu write error%s",
			(unsigned long long)p->nsink_err,
			p->nsink_err == 1 ? "" : "s");
	fputc('\n', stderr);
}

/* Without --bitrate, the bus load uses the bitrate the first interface
 * with a CAN controller reports (virtual ones have none). */
static void
live_bitrate(const char *const *names, int n)
{
	struct co_link l;
	int i;

	if (bus_stats.bitrate != 0)
		return;
	for (i = 0; i < n; i++) {
		if (link_query(names[i], &l) != 0 || link_bitrate(&l) == 0)
			continue;
		bus_stats.bitrate = link_bitrate(&l);
		bus_stats.dbitrate = l.has_dbt ? l.dbitrate : 0;
		return;
	}
}

/* Capture from the interfaces until SIGINT/SIGTERM. */
static int
run_live(const struct opts *o, struct pipe *p)
{
	struct scan_spec specs[SCAN_MAX_IFACES];
	const char *names[SCAN_MAX_IFACES];
	struct capture_opts co;
	struct capture_stats st;
	struct co_source *src;
	const char *why = NULL;
	int i, rc = EXIT_OK;

	for (i = 0; i < o->nifaces; i++) {
		if (scan_parse_spec(o->ifaces[i], &specs[i], &why) != 0) {
			fprintf(stderr, "cosniff: %s: %s\n", o->ifaces[i],
				why);
			return EXIT_FATAL;
		}
		names[i] = specs[i].iface;
	}
	src = src_socketcan_open(specs, o->nifaces, &o->scan, &why);
	if (src == NULL) {
		fprintf(stderr, "cosniff: %s\n", why ? why : strerror(errno));
		return EXIT_FATAL;
	}
	live_rcvbuf_note(src, o->scan.rcvbuf);
	live_bitrate(names, o->nifaces);
	memset(&co, 0, sizeof(co));
	co.link = o->link;
	co.tty = isatty(STDOUT_FILENO);
	co.ifaces = names;
	co.nifaces = o->nifaces;
	if (capture_run(src, p, &co, &st) != 0)
		rc = EXIT_FATAL;
	src->close(src);
	live_summary(&st, p);
	if (rc == EXIT_OK && p->nsink_err)
		rc = EXIT_SKIPPED;
	return rc;
}

/* The model's PDO/SDO-channel/29-bit tables are bounded. */
static void
note_od_overflow(void)
{
	if (model.od != NULL && model.od->overflow)
		fprintf(stderr, "cosniff: note: more than %d PDOs, %d SDO "
			"channels or %d 29-bit COB-IDs configured; the rest "
			"are not decoded\n", NET_PDO_MAX, NET_SDO_CHAN_MAX,
			NET_COB_EXT_MAX);
}

/* --stats and --diagnose reports at the end of the run. */
static void
print_reports(const struct opts *o, struct diag *d)
{
	if (o->stats)
		stats_print(stdout, &bus_stats, &model, o->fmt == PIPE_JSON);
	if (d != NULL)
		out_diag_report(stdout, d, o->fmt == PIPE_JSON);
	diag_free(d);
}

/* The model (and statistics) are needed for printing, --stats and
 * --diagnose (which also reads the bus load). */
static int
attach_model(const struct opts *o, struct pipe *p, struct diag **d)
{
	bool st = o->stats || o->diagnose;

	*d = NULL;
	if (!o->quiet || st)
		pipe_set_model(p, &model, st ? &bus_stats : NULL);
	if (!o->diagnose)
		return 0;
	*d = diag_new(&model, &bus_stats, NULL, NULL);
	if (*d == NULL) {
		fputs("cosniff: out of memory for the diagnosis\n", stderr);
		return -1;
	}
	pipe_set_diag(p, *d);
	return 0;
}

int
main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	struct opts o;
	struct pipe p;
	struct co_source *src;
	struct diag *diag;
	const char *why = NULL;
	uint64_t nbad;
	int rc = EXIT_OK;

	/* subcommands */
	if (argc > 1 && strcmp(argv[1], "eds") == 0)
		return eds_cli_main(argc - 1, argv + 1);
	if (parse_opts(argc, argv, &o) != 0)
		return EXIT_FATAL;
	atexit(release_eds);
	if (load_eds(&o, eds_by_node) != 0)
		return EXIT_FATAL;
	if (net_od_seed(&model, eds_by_node) != 0) {
		fputs("cosniff: out of memory for the object dictionaries\n",
		      stderr);
		return EXIT_FATAL;
	}
	memset(&p, 0, sizeof(p));
	p.fmt = o.quiet ? PIPE_NONE : o.fmt;
	p.out.verbose = o.verbose;
	p.fp = stdout;
	p.warn = warn_line;
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	if (open_sinks(&p, &o) != 0) {
		close_sinks(&p);
		return EXIT_FATAL;
	}
	if (attach_model(&o, &p, &diag) != 0) {
		close_sinks(&p);
		return EXIT_FATAL;
	}
	if (o.nifaces) {
		rc = run_live(&o, &p);
		pipe_end(&p);
		note_od_overflow();
		print_reports(&o, diag);
		if (close_sinks(&p) != 0 && rc == EXIT_OK)
			rc = EXIT_SKIPPED;
		fflush(stdout);   /* a closed pipe only ends the capture */
		return rc;
	}
	src = src_file_open(o.read_path, &why);
	if (src == NULL) {
		fprintf(stderr, "cosniff: %s: %s\n", o.read_path,
			why ? why : strerror(errno));
		close_sinks(&p);
		diag_free(diag);
		return EXIT_FATAL;
	}
	nbad = run_source(src, &p);
	pipe_end(&p);
	note_od_overflow();
	print_reports(&o, diag);
	if (nbad)
		fprintf(stderr, "cosniff: %s: %llu %s%s skipped\n", src->name,
			(unsigned long long)nbad, src->unit ? src->unit : "line",
			nbad == 1 ? "" : "s");
	src->close(src);
	if (nbad || p.nsink_err)
		rc = EXIT_SKIPPED;
	if (close_sinks(&p) != 0)
		rc = EXIT_SKIPPED;
	if (fflush(stdout) != 0)
		rc = EXIT_FATAL;
	return rc;
}
