/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_eds.c - CiA 306 numbers and $NODEID expressions, dictionary
 * lookups, bounded warnings, and the --eds/--dcf/--eds-dir bindings */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eds.h"
#include "eds_bind.h"
#include "check.h"

static int
num(const char *s, uint64_t v, bool nodeid)
{
	struct eds_num n;

	if (eds_parse_int(s, &n) != 0) {
		printf("# '%s': %s\n", s, n.why);
		return 0;
	}
	if (n.v != v || n.nodeid != nodeid) {
		printf("# '%s': got %llu nodeid %d\n", s,
		       (unsigned long long)n.v, n.nodeid);
		return 0;
	}
	return 1;
}

static int
bad(const char *s, const char *why)
{
	struct eds_num n;

	return eds_parse_int(s, &n) != 0 && strcmp(n.why, why) == 0;
}

static void
numbers(void)
{
	struct eds_num n;

	check(num("7", 7, false) && num("0x7", 7, false) &&
	      num("0x0007", 7, false) && num("0X1a", 26, false),
	      "7, 0x7, 0x0007, 0X1a");
	check(num("0000h", 0, false) && num("00FFh", 255, false) &&
	      num("1AH", 26, false), "h-suffixed hex");
	check(num("1234UL", 1234, false) && num("0x10u", 16, false) &&
	      num("0x1234567890ABCDEFLL", 0x1234567890ABCDEFull, false),
	      "C suffixes dropped");
	eds_parse_int("5ULL", &n);
	check(n.csuffix, "C suffix reported");
	check(num("-5", (uint64_t)-5, false) && num("-0x10", (uint64_t)-16,
						   false), "negative numbers");
	eds_parse_int("-5", &n);
	check(n.neg, "negative reported");
	eds_parse_int("0xFFFFFFFFFFFFFFFF", &n);
	check(!n.neg, "a large unsigned value is not negative");
	check(num("$NODEID+0x180", 0x180, true) &&
	      num("0x180+$NODEID", 0x180, true) &&
	      num("$NodeID + 0x600", 0x600, true) &&
	      num("1280+$NODEID", 1280, true) &&
	      num("$nodeid", 0, true) && num("  $NODEID +0x80 ", 0x80, true),
	      "$NODEID in either order, any case, blanks");
	check(num("$NODEID+0x280+0x40000000", 0x40000280, true),
	      "sums of several terms");
	check(bad("", "empty value") && bad("12abc", "not a number") &&
	      bad("0x", "not a number") &&
	      bad("$NODEID+$NODEID", "$NODEID used twice") &&
	      bad("0x100-$NODEID", "$NODEID subtracted") &&
	      bad("1 2", "expected '+' or '-' between terms") &&
	      bad("99999999999999999999", "not a number"),
	      "malformed numbers rejected with a reason");
	eds_parse_int("010", &n);
	check(n.v == 10 && n.leadzero, "leading zero is decimal, flagged");
	eds_parse_int("007", &n);
	check(n.v == 7 && !n.leadzero, "007 is the same in any base");
}

static const char small[] =
	"[DeviceInfo]\r\nVendorName=Mem\r\n"
	"[MandatoryObjects]\r\nSupportedObjects=1\r\n1=0x1000\r\n"
	"[1000]\r\nParameterName=Device type\r\nDataType=0x0007\r\n"
	"AccessType=ro\r\nDefaultValue=$NODEID+0x100\r\n"
	"[2000]\r\nParameterName=Arr\r\nObjectType=8\r\nSubNumber=3\r\n"
	"[2000sub0]\r\nParameterName=n\r\nDataType=5\r\nAccessType=ro\r\n"
	"DefaultValue=2\r\n"
	"[2000sub2]\r\nParameterName=b\r\nDataType=6\r\nAccessType=rw\r\n"
	"DefaultValue=0x20\r\nParameterValue=0x30\r\n"
	"[2000sub1]\r\nParameterName=a\r\nDataType=6\r\nAccessType=rw\r\n"
	"DefaultValue=0x10\r\n";

static void
lookups(void)
{
	struct eds_diag d = { 0 };
	char err[128];
	struct od *od = eds_load_mem("mem.eds", small, sizeof(small) - 1, 3,
				     &d, err, sizeof(err));
	const struct od_sub *s;
	uint64_t v = 0;

	check(od != NULL && od->nobjs == 2 && od->nsubs == 4,
	      "in-memory EDS with CRLF loads");
	if (od == NULL)
		return;
	s = od_find_sub(od, 0x2000, 1);
	check(s && strcmp(s->name, "a") == 0 && s->sub == 1,
	      "sub-index sections sorted by sub whatever the file order");
	check(od_find(od, 0x1FFF) == NULL && od_find_sub(od, 0x2000, 3) ==
	      NULL, "absent objects and subs are NULL");
	check(od_get_u64(od, 0x1000, 0, &v) && v == 0x103,
	      "$NODEID applied for node 3");
	od_set_node(od, 0x20);
	check(od_get_u64(od, 0x1000, 0, &v) && v == 0x120,
	      "od_set_node re-resolves");
	check(od_get_u64(od, 0x2000, 2, &v) && v == 0x30,
	      "ParameterValue wins over DefaultValue");
	check(d.n == 1 && strcmp(d.msg[0], "mem.eds:11: [2000]: object not "
				 "in any object list") == 0,
	      "warning text with file:line");
	od_free(od);
	eds_diag_free(&d);
}

/* More warnings than EDS_DIAG_MAX: memory stays bounded. */
static void
bounded(void)
{
	struct eds_diag d = { 0 };
	size_t i, n = EDS_DIAG_MAX + 500, len = 0;
	char *text = malloc(n * 16 + 64), err[128];
	struct od *od;

	len += (size_t)sprintf(text, "[1000]\nDataType=7\nAccessType=ro\n");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "junk line %zu\n", i);
	od = eds_load_mem("big.eds", text, len, 0, &d, err, sizeof(err));
	check(od != NULL && d.n == EDS_DIAG_MAX && d.dropped > 500,
	      "warnings capped at EDS_DIAG_MAX, the rest counted");
	od_free(od);
	eds_diag_free(&d);
	free(text);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

#define CLEAN "[DeviceInfo]\nVendorName=x\n[MandatoryObjects]\n1=0x1000\n"

static const char eds_text[] = CLEAN
	"[1000]\nParameterName=Device type\nDataType=7\nAccessType=ro\n"
	"DefaultValue=$NODEID\n";
static const char dcf_text[] = CLEAN
	"[DeviceComissioning]\nNodeID=0x0C\n"
	"[1000]\nParameterName=Device type\nDataType=7\nAccessType=ro\n"
	"DefaultValue=$NODEID\n";
static const char dcf_nonode[] = CLEAN
	"[DeviceComissioning]\nBaudrate=500\n"
	"[1000]\nParameterName=Device type\nDataType=7\nAccessType=ro\n";

/* Resolve b; 0 on success, with err holding any message. */
static int
resolve(struct eds_bind *b, struct od *t[128], struct eds_diag *d,
	char *err, size_t errlen)
{
	err[0] = '\0';
	return eds_bind_resolve(b, t, d, err, errlen);
}

/* Does some message contain both a and b? */
static bool
has_msg(const struct eds_diag *d, const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->msg[i], a) && strstr(d->msg[i], b))
			return true;
	return false;
}

static void
bind_options(void)
{
	struct eds_bind b;
	char err[512];

	memset(&b, 0, sizeof(b));
	check(eds_bind_add(&b, "eds", "5=a.eds", err, sizeof(err)) == 0 &&
	      b.ent[0].lo == 5 && b.ent[0].hi == 5 &&
	      strcmp(b.ent[0].path, "a.eds") == 0, "--eds 5=a.eds");
	check(eds_bind_add(&b, "eds", "0x10-0x12=io.eds", err,
			   sizeof(err)) == 0 && b.ent[1].lo == 16 &&
	      b.ent[1].hi == 18, "--eds with a hex node range");
	check(eds_bind_add(&b, "dcf", "x.dcf", err, sizeof(err)) == 0 &&
	      b.ent[2].lo == 0, "--dcf FILE takes the node from the file");
	check(eds_bind_add(&b, "eds", "128=a.eds", err, sizeof(err)) != 0 &&
	      strstr(err, "'128' is not a node-ID") != NULL,
	      "node 128 rejected");
	check(eds_bind_add(&b, "eds", "a.eds", err, sizeof(err)) != 0 &&
	      strstr(err, "expected NODE=FILE") != NULL,
	      "--eds without NODE= rejected");
	check(eds_bind_add(&b, "eds", "5-3=a.eds", err, sizeof(err)) != 0,
	      "reversed range rejected");
	check(eds_bind_add(&b, "eds-dir", "d", err, sizeof(err)) == 0 &&
	      eds_bind_add(&b, "eds-dir", "e", err, sizeof(err)) != 0,
	      "one --eds-dir");
}

static void
bind_dir(const char *dir)
{
	struct eds_bind b;
	struct eds_diag d = { 0 };
	struct od *t[128];
	char err[512], arg[512];
	int rc;

	write_file(dir, "drive.eds", eds_text);
	write_file(dir, "io.dcf", dcf_text);
	write_file(dir, "spare.eds", eds_text);
	write_file(dir, "nodes.conf", "# node = file\n5 = drive.eds\n"
		   "  ; comment\n20-21 = drive.eds\n");
	memset(&b, 0, sizeof(b));
	eds_bind_add(&b, "eds-dir", dir, err, sizeof(err));
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc == 0 && t[5] && t[20] && t[21] && t[12] && !t[1],
	      "nodes.conf entries and a DCF by its NodeID");
	if (rc != 0)
		printf("# %s\n", err);
	check(rc == 0 && t[5]->node == 5 && t[21]->node == 21 &&
	      t[12]->node == 12, "each dictionary resolved for its node");
	check(d.n == 1 && strstr(d.msg[0], "spare.eds: not bound to a node"),
	      "an EDS not in nodes.conf is reported");
	eds_bind_release(t);
	eds_diag_free(&d);

	snprintf(arg, sizeof(arg), "12=%s/drive.eds", dir);
	eds_bind_add(&b, "eds", arg, err, sizeof(err));
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc == 0 && t[12] && !t[12]->dcf && d.n == 2 &&
	      has_msg(&d, "io.dcf: node 12: --eds 12=", "overrides"),
	      "command line overrides the directory, with a warning");
	eds_bind_release(t);
	eds_diag_free(&d);

	write_file(dir, "nodes.conf", "5 = drive.eds\n5 = io.dcf\n");
	memset(&b, 0, sizeof(b));
	eds_bind_add(&b, "eds-dir", dir, err, sizeof(err));
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc != 0 && strstr(err, "node 5 is bound twice") &&
	      strstr(err, "nodes.conf:1") && strstr(err, "nodes.conf:2"),
	      "same node twice in nodes.conf: error naming both lines");
	eds_diag_free(&d);

	write_file(dir, "nodes.conf", "5 drive.eds\n");
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc != 0 && strstr(err, "nodes.conf:1: expected NODE = FILE"),
	      "bad nodes.conf line: error with file:line");
	eds_diag_free(&d);

	write_file(dir, "nodes.conf", "7 = missing.eds\n");
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc != 0 && strstr(err, "missing.eds: No such file") &&
	      strstr(err, "nodes.conf:1"), "missing file: error and origin");
	eds_diag_free(&d);
	snprintf(arg, sizeof(arg), "%s/nodes.conf", dir);
	unlink(arg);
}

static void
bind_cmdline(const char *dir)
{
	struct eds_bind b;
	struct eds_diag d = { 0 };
	struct od *t[128];
	char err[512], a1[512], a2[512];
	int rc;

	write_file(dir, "nonode.dcf", dcf_nonode);
	memset(&b, 0, sizeof(b));
	snprintf(a1, sizeof(a1), "%s/nonode.dcf", dir);
	eds_bind_add(&b, "dcf", a1, err, sizeof(err));
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc != 0 && strstr(err, "no NodeID in [DeviceComissioning]"),
	      "--dcf without NodeID: error says how to bind it");
	eds_diag_free(&d);
	memset(&b, 0, sizeof(b));
	snprintf(a2, sizeof(a2), "9=%s/nonode.dcf", dir);
	eds_bind_add(&b, "dcf", a2, err, sizeof(err));
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc == 0 && t[9] != NULL, "--dcf NODE=FILE binds it");
	eds_bind_release(t);
	eds_diag_free(&d);
	memset(&b, 0, sizeof(b));
	snprintf(a1, sizeof(a1), "12=%s/drive.eds", dir);
	snprintf(a2, sizeof(a2), "%s/io.dcf", dir);
	eds_bind_add(&b, "eds", a1, err, sizeof(err));
	eds_bind_add(&b, "dcf", a2, err, sizeof(err));
	rc = resolve(&b, t, &d, err, sizeof(err));
	check(rc != 0 && strstr(err, "node 12 is bound twice: --eds 12="),
	      "--eds and --dcf for one node: error");
	check(t[12] == NULL, "nothing stays loaded after an error");
	eds_diag_free(&d);
}

int
main(void)
{
	char dir[] = "/tmp/cosniff-eds-XXXXXX";
	char path[600];
	static const char *const names[] = { "drive.eds", "io.dcf",
		"spare.eds", "nonode.dcf", "nodes.conf" };
	size_t i;

	numbers();
	lookups();
	bounded();
	bind_options();
	if (mkdtemp(dir) == NULL) {
		check(0, "temporary directory");
		return check_done();
	}
	bind_dir(dir);
	bind_cmdline(dir);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return check_done();
}
