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

#include "net.h"
#include "net_od.h"
#include "eds_bind.h"
#include "eds_cli.h"
#include "pipe.h"
#include "sink.h"
#include "source.h"
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
	bool stats;              /* --stats */
	struct eds_bind eds;    /* --eds, --dcf, --eds-dir */
};

/* The model and statistics: large, static, written by the pipe only. */
static struct co_net model;
static struct co_stats bus_stats;

enum long_only {
	OPT_JSON = 0x100,
	OPT_TEXT,
	OPT_STATS,               /* model options */
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
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *fp)
{
	fputs("Usage: cosniff -r FILE [options]\n"
	      "CANopen bus analyzer: decode candump logs and pcap files.\n"
	      "\n"
	      "  -r, --read FILE        read a candump log or pcap/pcapng ('-' = stdin)\n"
	      "  -w, --write-pcap FILE  also write every frame to a pcap file\n"
	      "  -W, --write-log FILE   also write every frame as a candump -L log\n"
	      "      --text             print one text line per frame/event (default)\n"
	      "      --json             print one JSON object per frame/event\n"
	      "  -q, --quiet            print no per-frame lines\n"
	      "      --stats            print bus, node and COB-ID statistics at the end\n"
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
	      "  -h, --help             this help\n"
	      "  -V, --version          print the version\n"
	      "\n"
	      "Exit status: 0 ok, 1 input lines skipped or writes failed, 2 error.\n"
	      "'cosniff eds FILE...' checks EDS/DCF files (cosniff eds --help).\n"
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
		default: usage(stderr); return -1;
		}
	}
	if (o->read_path == NULL) {
		fputs("cosniff: no input: give -r FILE\n", stderr);
		usage(stderr);
		return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "cosniff: unexpected argument '%s'\n",
			argv[optind]);
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
		struct co_sink *s;

		if (is_input_file(path, o->read_path)) {
			fprintf(stderr, "cosniff: %s: output file is the "
				"input file\n", path);
			return -1;
		}
		s = pcap ? log_pcap_open(path) : log_candump_open(path);
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

int
main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	struct opts o;
	struct pipe p;
	struct co_source *src;
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
	src = src_file_open(o.read_path, &why);
	if (src == NULL) {
		fprintf(stderr, "cosniff: %s: %s\n", o.read_path,
			why ? why : strerror(errno));
		close_sinks(&p);
		return EXIT_FATAL;
	}
	if (!o.quiet || o.stats)
		pipe_set_model(&p, &model, o.stats ? &bus_stats : NULL);
	nbad = run_source(src, &p);
	pipe_end(&p);
	if (model.od != NULL && model.od->overflow)
		fprintf(stderr, "cosniff: note: more than %d PDOs, %d SDO "
			"channels or %d 29-bit COB-IDs configured; the rest "
			"are not decoded\n", NET_PDO_MAX, NET_SDO_CHAN_MAX,
			NET_COB_EXT_MAX);
	if (o.stats)
		stats_print(stdout, &bus_stats, &model, o.fmt == PIPE_JSON);
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
