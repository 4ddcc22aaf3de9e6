/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eds_cli.c - the `cosniff eds` subcommand: print a CiA 306 EDS/DCF as
 * loaded, with every warning, so users can check their files */
#include "config.h"
#include "eds_cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obuf.h"
#include "od_pdo.h"
#include "od_value.h"

enum { EDS_EXIT_OK = 0, EDS_EXIT_LOAD = 1, EDS_EXIT_USAGE = 2 };

/* Did the author write this number in hex? */
static bool
raw_is_hex(const char *raw)
{
	const char *x = strpbrk(raw, "xX");
	size_t n = strlen(raw);

	if (x != NULL)
		return true;
	while (n > 0 && strchr("uUlL ", raw[n - 1]) != NULL)
		n--;
	return n > 0 && (raw[n - 1] == 'h' || raw[n - 1] == 'H');
}

static void
int_text(struct obuf *o, const struct od_val *v, uint16_t dtype)
{
	unsigned bits = od_type_bits(dtype);
	enum od_tclass tc = od_type_class(dtype);
	bool big = bits > 0 && bits < 64 && v->u >> bits != 0;

	if (tc == OD_TC_INT) {
		ob_i64(o, od_sext(v->u, bits ? bits : 64));
	} else if (big || tc == OD_TC_UNKNOWN || tc == OD_TC_REAL) {
		ob_i64(o, (int64_t)v->u);      /* out of range: as written */
	} else if (raw_is_hex(v->raw)) {
		ob_str(o, "0x");
		ob_hexn(o, v->u, bits >= 8 ? (int)(bits + 3) / 4 : 1);
	} else {
		ob_u64(o, v->u, 0);
	}
}

static void
val_text(struct obuf *o, const struct od_val *v, uint16_t dtype)
{
	char t[40];

	switch (v->kind) {
	case OD_V_INT:
		int_text(o, v, dtype);
		break;
	case OD_V_REAL:
		snprintf(t, sizeof(t), "%.9g", v->d);
		ob_str(o, t);
		break;
	case OD_V_BYTES:
		if (od_type_class(dtype) == OD_TC_OSTRING &&
		    v->bytes != (const uint8_t *)v->raw) {
			od_fmt_text(o, dtype, v->bytes, v->nbytes);
			break;
		}
		ob_ch(o, '"');
		od_safe_str(o, v->bytes, v->nbytes);
		ob_ch(o, '"');
		break;
	default:
		ob_str(o, "?\"");
		od_safe_str(o, (const uint8_t *)v->raw, strlen(v->raw));
		ob_ch(o, '"');
		break;
	}
	if (v->nodeid) {
		ob_str(o, " (");
		od_safe_str(o, (const uint8_t *)v->raw, strlen(v->raw));
		ob_ch(o, ')');
	}
}

static void
val_field(struct obuf *o, const char *key, const struct od_val *v,
	  uint16_t dtype)
{
	if (v->kind == OD_V_NONE)
		return;
	ob_ch(o, ' ');
	ob_str(o, key);
	ob_ch(o, '=');
	val_text(o, v, dtype);
}

static void
pad(struct obuf *o, size_t from, size_t width)
{
	while (o->len < from + width)
		ob_ch(o, ' ');
}

static void
type_text(struct obuf *o, uint16_t dtype)
{
	const char *n = od_type_name(dtype);

	if (n != NULL) {
		ob_str(o, n);
	} else {
		ob_str(o, "type:");
		ob_hexn(o, dtype, 4);
	}
}

static void
dump_sub(FILE *fp, const struct od_obj *obj, const struct od_sub *s)
{
	struct obuf o;
	size_t at;

	ob_reset(&o);
	ob_hexn(&o, obj->index, 4);
	ob_ch(&o, ':');
	ob_hex8(&o, s->sub);
	ob_ch(&o, ' ');
	at = o.len;
	ob_str(&o, od_otype_str(s->otype));
	pad(&o, at, 10);
	at = o.len;
	type_text(&o, s->dtype);
	pad(&o, at, 16);
	at = o.len;
	ob_str(&o, od_access_str(s->access));
	if (s->pdo)
		ob_str(&o, ",pdo");
	pad(&o, at, 10);
	ob_ch(&o, '"');
	od_safe_str(&o, (const uint8_t *)s->name, strlen(s->name));
	ob_ch(&o, '"');
	val_field(&o, "default", &s->def, s->dtype);
	val_field(&o, "param", &s->param, s->dtype);
	val_field(&o, "low", &s->low, s->dtype);
	val_field(&o, "high", &s->high, s->dtype);
	if (s->denotation != NULL && s->denotation[0] != '\0') {
		ob_str(&o, " denotation=\"");
		od_safe_str(&o, (const uint8_t *)s->denotation,
			    strlen(s->denotation));
		ob_ch(&o, '"');
	}
	ob_ch(&o, '\n');
	fwrite(o.b, 1, o.len, fp);
}

static void
dump_obj(FILE *fp, const struct od_obj *obj)
{
	uint16_t i;

	if (obj->otype == OD_OT_ARRAY || obj->otype == OD_OT_RECORD ||
	    obj->otype == OD_OT_DEFSTRUCT) {
		fprintf(fp, "%04X    %-10s\"", obj->index,
			od_otype_str(obj->otype));
		{
			struct obuf o;

			ob_reset(&o);
			od_safe_str(&o, (const uint8_t *)obj->name,
				    strlen(obj->name));
			fwrite(o.b, 1, o.len, fp);
		}
		fprintf(fp, "\" subs=%u%s%s\n", obj->nsubs,
			obj->compact ? " compact" : "",
			obj->listed ? "" : " unlisted");
	}
	for (i = 0; i < obj->nsubs; i++)
		dump_sub(fp, obj, &obj->subs[i]);
}

static void
header_str(FILE *fp, const char *key, const char *v)
{
	struct obuf o;

	if (v == NULL)
		return;
	ob_reset(&o);
	od_safe_str(&o, (const uint8_t *)v, strlen(v));
	fprintf(fp, "# %s: \"%.*s\"\n", key, (int)o.len, o.b);
}

static void
header_num(FILE *fp, const char *key, bool has, uint32_t v)
{
	if (has)
		fprintf(fp, "# %s: 0x%08X\n", key, (unsigned)v);
}

static void
dump_pdo(FILE *fp, const struct pdo_map *m)
{
	struct obuf o;
	unsigned i;

	ob_reset(&o);
	ob_str(&o, m->tx ? "# TPDO" : "# RPDO");
	ob_u64(&o, m->num, 0);
	ob_str(&o, " cob-id=0x");
	ob_hexn(&o, m->cob_raw, 8);
	if (m->valid) {
		ob_str(&o, " can-id=0x");
		ob_hexn(&o, m->can_id, m->ext ? 8 : 3);
	} else {
		ob_str(&o, " invalid");
	}
	if (m->has_trans) {
		ob_str(&o, " trans=");
		ob_u64(&o, m->trans_type, 0);
	}
	if (m->inhibit_100us) {
		ob_str(&o, " inhibit=");
		ob_u64(&o, m->inhibit_100us, 0);
	}
	if (m->event_ms) {
		ob_str(&o, " event=");
		ob_u64(&o, m->event_ms, 0);
	}
	if (m->sync_start) {
		ob_str(&o, " sync-start=");
		ob_u64(&o, m->sync_start, 0);
	}
	if (!m->has_map)
		ob_str(&o, " no-mapping-object");
	ob_str(&o, " bits=");
	ob_u64(&o, m->total_bits, 0);
	if (m->bad)
		ob_str(&o, " BAD");
	ob_ch(&o, ':');
	for (i = 0; i < m->nentries; i++) {
		const struct pdo_entry *e = &m->e[i];

		ob_ch(&o, ' ');
		ob_hexn(&o, e->index, 4);
		ob_ch(&o, ':');
		ob_hex8(&o, e->sub);
		ob_ch(&o, '/');
		ob_u64(&o, e->bits, 0);
		if (e->dummy)
			ob_str(&o, "(dummy)");
	}
	ob_ch(&o, '\n');
	fwrite(o.b, 1, o.len, fp);
}

static void
dump_comm(FILE *fp, const struct od *od)
{
	struct od_comm *c = malloc(sizeof(*c));
	size_t i;

	if (c == NULL)
		return;
	od_comm_get(od, c);
	if (c->has_sync)
		fprintf(fp, "# SYNC cob-id=0x%08X\n", (unsigned)c->sync_cob);
	if (c->has_time)
		fprintf(fp, "# TIME cob-id=0x%08X\n", (unsigned)c->time_cob);
	if (c->has_emcy)
		fprintf(fp, "# EMCY cob-id=0x%08X\n", (unsigned)c->emcy_cob);
	if (c->has_hb_producer)
		fprintf(fp, "# heartbeat producer %u ms\n", c->hb_producer_ms);
	for (i = 0; i < c->nhb_cons; i++)
		fprintf(fp, "# heartbeat consumer node %u %u ms\n",
			c->hb_cons[i].node, c->hb_cons[i].ms);
	if (c->has_guard)
		fprintf(fp, "# guarding %u ms x %u = %u ms\n",
			c->guard_time_ms, c->life_factor,
			(unsigned)c->life_time_ms);
	for (i = 0; i < c->nsdo; i++)
		fprintf(fp, "# SDO %s %04X c->s=0x%08X s->c=0x%08X\n",
			c->sdo[i].client ? "client" : "server",
			c->sdo[i].index, (unsigned)c->sdo[i].cob_c2s,
			(unsigned)c->sdo[i].cob_s2c);
	free(c);
}

/* PDOs and other communication objects, as the model will use them. */
static void
dump_links(FILE *fp, const struct od *od, struct eds_diag *diag)
{
	struct pdo_list pl;
	size_t i;

	dump_comm(fp, od);
	if (od_pdo_list(od, &pl, diag) != 0)
		return;
	for (i = 0; i < pl.n; i++)
		dump_pdo(fp, &pl.v[i]);
	od_pdo_list_free(&pl);
}

/* Print a loaded dictionary, one line per object and sub-index. */
static void
eds_cli_dump(FILE *fp, const struct od *od)
{
	const struct od_devinfo *d = &od->info;
	size_t i;

	fprintf(fp, "# file: %s (%s)\n", od->path, od->dcf ? "DCF" : "EDS");
	header_str(fp, "vendor", d->vendor_name);
	header_num(fp, "vendor-id", d->has_vendor_number, d->vendor_number);
	header_str(fp, "product", d->product_name);
	header_num(fp, "product-code", d->has_product_number,
		   d->product_number);
	header_num(fp, "revision", d->has_revision_number,
		   d->revision_number);
	if (od->dcf_node > 0)
		fprintf(fp, "# dcf: NodeID=%d Baudrate=%u\n", od->dcf_node,
			(unsigned)od->dcf_baud);
	if (od->node)
		fprintf(fp, "# node: %u ($NODEID)\n", od->node);
	else
		fputs("# node: none ($NODEID taken as 0)\n", fp);
	fprintf(fp, "# %zu objects, %zu sub-indices\n", od->nobjs, od->nsubs);
	for (i = 0; i < od->nobjs; i++)
		dump_obj(fp, &od->objs[i]);
}

void
eds_cli_warnings(FILE *fp, const struct eds_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(fp, "%s\n", d->msg[i]);
	if (d->dropped)
		fprintf(fp, "cosniff: %zu more warnings not shown\n",
			d->dropped);
}

static void
usage(FILE *fp)
{
	fputs("Usage: cosniff eds [--node N] [-q] FILE...\n"
	      "Load CiA 306 EDS/DCF files and print the object dictionary as\n"
	      "loaded (index:sub, object, type, access, name, values) and\n"
	      "every warning as file:line on standard error.\n"
	      "\n"
	      "  -n, --node N   resolve $NODEID with node-ID N (1..127);\n"
	      "                 default: the DCF's NodeID, else none\n"
	      "  -q, --quiet    print only the summary and the warnings\n"
	      "  -h, --help     this help\n"
	      "\n"
	      "Exit status: 0 all files loaded (even with warnings), 1 a\n"
	      "file could not be loaded, 2 usage error.\n", fp);
}

static const struct option eds_opts[] = {
	{ "node", required_argument, NULL, 'n' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
parse_node(const char *s, uint8_t *node)
{
	struct eds_num n;

	if (eds_parse_int(s, &n) != 0 || n.nodeid || n.neg || n.v < 1 ||
	    n.v > 127)
		return -1;
	*node = (uint8_t)n.v;
	return 0;
}

static int
load_one(const char *path, uint8_t node, bool quiet)
{
	struct eds_diag diag = { 0 };
	char err[256];
	struct od *od = eds_load(path, node, &diag, err, sizeof(err));
	struct pdo_list pl;
	int rc = EDS_EXIT_OK;

	/* PDO mapping problems are file problems too */
	if (od != NULL && od_pdo_list(od, &pl, &diag) == 0)
		od_pdo_list_free(&pl);
	fflush(stdout);
	eds_cli_warnings(stderr, &diag);
	if (od == NULL) {
		fprintf(stderr, "cosniff: %s: %s\n", path, err);
		rc = EDS_EXIT_LOAD;
	} else if (quiet) {
		printf("%s: %zu objects, %zu sub-indices, %zu warning%s\n",
		       path, od->nobjs, od->nsubs, diag.n + diag.dropped,
		       diag.n + diag.dropped == 1 ? "" : "s");
	} else {
		eds_cli_dump(stdout, od);
		dump_links(stdout, od, NULL);
		printf("# %zu warning%s\n", diag.n + diag.dropped,
		       diag.n + diag.dropped == 1 ? "" : "s");
	}
	fflush(stdout);
	od_free(od);
	eds_diag_free(&diag);
	return rc;
}

int
eds_cli_main(int argc, char **argv)
{
	uint8_t node = 0;
	bool quiet = false;
	int c, i, rc = EDS_EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:qh", eds_opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (parse_node(optarg, &node) != 0) {
				fprintf(stderr, "cosniff eds: --node %s: not "
					"a node-ID 1..127\n", optarg);
				return EDS_EXIT_USAGE;
			}
			break;
		case 'q': quiet = true; break;
		case 'h': usage(stdout); return EDS_EXIT_OK;
		default: usage(stderr); return EDS_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("cosniff eds: no file given\n", stderr);
		usage(stderr);
		return EDS_EXIT_USAGE;
	}
	for (i = optind; i < argc; i++)
		if (load_one(argv[i], node, quiet) != EDS_EXIT_OK)
			rc = EDS_EXIT_LOAD;
	return rc;
}
