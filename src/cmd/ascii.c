/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ascii.c - CiA 309-3 ASCII command language: request lines, data types
 * (b i8..i64 u8..u64 x8..x64 r32 r64 t td vs os us d), values to and
 * from the little-endian bytes of CiA 301, error codes */
#include "config.h"
#include "cmd_ascii.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eds.h"
#include "od_value.h"

static const struct {
	unsigned code;
	const char *text;
} err_texts[] = {
	{ CMD_ERR_UNSUPPORTED, "Request not supported" },
	{ CMD_ERR_SYNTAX, "Syntax error" },
	{ CMD_ERR_STATE, "Request not processed due to internal state" },
	{ CMD_ERR_TIMEOUT, "Time-out" },
	{ CMD_ERR_NO_NET, "No default net set" },
	{ CMD_ERR_NO_NODE, "No default node set" },
	{ CMD_ERR_BAD_NET, "Unsupported net" },
	{ CMD_ERR_BAD_NODE, "Unsupported node" },
	{ CMD_ERR_GUARD_LOST, "Lost guarding message" },
	{ CMD_ERR_HB_LOST, "Heartbeat lost" },
	{ CMD_ERR_BUS_OFF, "Bus off" },
	{ CMD_ERR_OVERFLOW, "CAN buffer overflow" },
	{ CMD_ERR_NO_MEM, "Running out of memory" },
};

const char *
cmd_err_text(unsigned code)
{
	size_t i;

	for (i = 0; i < sizeof(err_texts) / sizeof(err_texts[0]); i++)
		if (err_texts[i].code == code)
			return err_texts[i].text;
	return NULL;
}

static const struct cmd_type types[] = {
	{ "b", OD_BOOLEAN, 1, false },
	{ "i8", OD_INTEGER8, 1, false }, { "i16", OD_INTEGER16, 2, false },
	{ "i24", OD_INTEGER24, 3, false }, { "i32", OD_INTEGER32, 4, false },
	{ "i40", OD_INTEGER40, 5, false }, { "i48", OD_INTEGER48, 6, false },
	{ "i56", OD_INTEGER56, 7, false }, { "i64", OD_INTEGER64, 8, false },
	{ "u8", OD_UNSIGNED8, 1, false }, { "u16", OD_UNSIGNED16, 2, false },
	{ "u24", OD_UNSIGNED24, 3, false }, { "u32", OD_UNSIGNED32, 4, false },
	{ "u40", OD_UNSIGNED40, 5, false }, { "u48", OD_UNSIGNED48, 6, false },
	{ "u56", OD_UNSIGNED56, 7, false }, { "u64", OD_UNSIGNED64, 8, false },
	{ "x8", OD_UNSIGNED8, 1, true }, { "x16", OD_UNSIGNED16, 2, true },
	{ "x32", OD_UNSIGNED32, 4, true }, { "x64", OD_UNSIGNED64, 8, true },
	{ "r32", OD_REAL32, 4, false }, { "r64", OD_REAL64, 8, false },
	{ "t", OD_TIME_OF_DAY, 6, false },
	{ "td", OD_TIME_DIFFERENCE, 6, false },
	{ "vs", OD_VISIBLE_STRING, 0, false },
	{ "os", OD_OCTET_STRING, 0, false },
	{ "us", OD_UNICODE_STRING, 0, false },
	{ "d", OD_DOMAIN, 0, false },
	{ NULL, 0, 0, false },
};

const struct cmd_type *
cmd_type_find(const char *name)
{
	int i;

	for (i = 0; types[i].name; i++)
		if (strcasecmp(types[i].name, name) == 0)
			return &types[i];
	return NULL;
}

const struct cmd_type *
cmd_type_of(uint16_t dtype)
{
	int i;

	for (i = 0; types[i].name; i++)
		if (types[i].dtype == dtype && !types[i].hex)
			return &types[i];
	return NULL;
}

bool
cmd_number(const char *s, uint32_t max, uint32_t *v)
{
	char *end;
	unsigned long long n;

	if (*s == '-' || *s == '\0')
		return false;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || *end != '\0' || n > max)
		return false;
	*v = (uint32_t)n;
	return true;
}

/* ---- tokens ---- */

#define CMD_TOKENS_MAX 12

struct toks {
	int n;
	char t[CMD_TOKENS_MAX][CMD_LINE_MAX];
	bool quoted[CMD_TOKENS_MAX];
};

/* One token at *s: "quoted \"text\"" or up to white space. */
static int
token(const char **s, char *out, bool *quoted)
{
	const char *p = *s;
	size_t n = 0;

	*quoted = *p == '"';
	if (*quoted)
		p++;
	while (*p && (*quoted ? *p != '"' : !isspace((unsigned char)*p))) {
		if (*quoted && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		if (n + 1 >= CMD_LINE_MAX)
			return -1;
		out[n++] = *p++;
	}
	if (*quoted && *p++ != '"')
		return -1;
	out[n] = '\0';
	*s = p;
	return 0;
}

static int
tokenize(const char *line, struct toks *tk)
{
	tk->n = 0;
	for (;;) {
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '\0' || (*line == '#' && tk->n == 0))
			return 0;
		if (tk->n >= CMD_TOKENS_MAX ||
		    token(&line, tk->t[tk->n], &tk->quoted[tk->n]) != 0)
			return -1;
		tk->n++;
	}
}

/* ---- requests ---- */

static bool
is_num(const char *s)
{
	uint32_t v;

	return cmd_number(s, UINT32_MAX, &v);
}

static int
parse_rw(const struct toks *tk, int i, struct cmd_req *r, const char **why)
{
	uint32_t sub;
	int left = tk->n - i;

	*why = "read/write needs INDEX SUB";
	if (left < 2)
		return -1;
	snprintf(r->obj, sizeof(r->obj), "%s", tk->t[i]);
	*why = "sub-index is not a number 0..255";
	if (!cmd_number(tk->t[i + 1], 255, &sub))
		return -1;
	r->sub = (uint8_t)sub;
	i += 2;
	left -= 2;
	if (r->verb == CMD_READ && left >= 1 &&
	    tk->t[tk->n - 1][0] == '@' && !tk->quoted[tk->n - 1]) {
		/* read ... @FILE: the value goes to FILE */
		snprintf(r->value, sizeof(r->value), "%s", tk->t[tk->n - 1]);
		r->has_value = true;
		left--;
	}
	if (r->verb == CMD_READ ? left > 1 : left < 1 || left > 2) {
		*why = r->verb == CMD_READ ? "read: INDEX SUB [TYPE] [@FILE]"
					   : "write: INDEX SUB [TYPE] VALUE";
		return -1;
	}
	if ((r->verb == CMD_READ && left == 1) || left == 2) {
		r->type = cmd_type_find(tk->t[i++]);
		*why = "unknown data type";
		if (r->type == NULL)
			return -1;
	}
	if (r->verb == CMD_WRITE) {
		snprintf(r->value, sizeof(r->value), "%s", tk->t[i]);
		r->has_value = true;
	}
	return 0;
}

/* set sdo_timeout MS | set node N | set network N */
static int
parse_set(const struct toks *tk, int i, struct cmd_req *r, const char **why)
{
	const char *what = tk->t[i];

	*why = "set sdo_timeout MS | set node N | set network N";
	if (!strcasecmp(what, "sdo_timeout"))
		r->verb = CMD_SET_TIMEOUT;
	else if (!strcasecmp(what, "node"))
		r->verb = CMD_SET_NODE;
	else if (!strcasecmp(what, "network"))
		r->verb = CMD_SET_NET;
	else
		return -1;
	if (!cmd_number(tk->t[i + 1], r->verb == CMD_SET_NODE ? 127
			: r->verb == CMD_SET_NET ? 0xFFFF : 3600000, &r->num))
		return -1;
	return 0;
}

static int
parse_verb(const struct toks *tk, int i, struct cmd_req *r, const char **why)
{
	const char *v = tk->t[i++];
	int left = tk->n - i;

	if (!strcasecmp(v, "r") || !strcasecmp(v, "read"))
		r->verb = CMD_READ;
	else if (!strcasecmp(v, "w") || !strcasecmp(v, "write"))
		r->verb = CMD_WRITE;
	if (r->verb != CMD_NONE)
		return parse_rw(tk, i, r, why);
	*why = "unexpected words after the command";
	r->verb = CMD_NMT;
	if (!strcasecmp(v, "start"))
		r->nmt_cs = 0x01;
	else if (!strcasecmp(v, "stop"))
		r->nmt_cs = 0x02;
	else if (!strcasecmp(v, "preop") || !strcasecmp(v, "preoperational"))
		r->nmt_cs = 0x80;
	else if (!strcasecmp(v, "reset") && left == 1 &&
		 !strcasecmp(tk->t[i], "node"))
		r->nmt_cs = 0x81, left--;
	else if (!strcasecmp(v, "reset") && left == 1 &&
		 (!strcasecmp(tk->t[i], "comm") ||
		  !strcasecmp(tk->t[i], "communication")))
		r->nmt_cs = 0x82, left--;
	else if (!strcasecmp(v, "set") && left == 2)
		return parse_set(tk, i, r, why);
	else {
		*why = "unknown command";
		return -1;
	}
	return left == 0 ? 0 : -1;
}

/* "[seq]" first, then up to two numbers: [net] node. */
static int
parse_toks(const struct toks *tk, struct cmd_req *r, const char **why)
{
	uint32_t v[2];
	int i = 0, nn = 0;
	size_t len;

	if (tk->n == 0)
		return 0;
	len = strlen(tk->t[0]);
	if (!tk->quoted[0] && tk->t[0][0] == '[' && tk->t[0][len - 1] == ']') {
		*why = "sequence number too long";
		if (len - 2 >= sizeof(r->seq))
			return -1;
		memcpy(r->seq, tk->t[0] + 1, len - 2);
		r->seq[len - 2] = '\0';
		i++;
	}
	while (i < tk->n && nn < 2 && is_num(tk->t[i])) {
		*why = "net or node number out of range";
		if (!cmd_number(tk->t[i], 0xFFFF, &v[nn]))
			return -1;
		nn++;
		i++;
	}
	*why = "no command";
	if (i >= tk->n)
		return -1;
	r->node = nn ? (int)v[nn - 1] : -1;
	r->net = nn == 2 ? (int)v[0] : -1;
	*why = "node number out of range (0..127)";
	if (r->node > 127)
		return -1;
	return parse_verb(tk, i, r, why);
}

int
cmd_parse(const char *line, struct cmd_req *r, const char **why)
{
	struct toks *tk;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	r->net = r->node = -1;
	*why = "out of memory";
	tk = malloc(sizeof(*tk));
	if (tk == NULL)
		return -1;
	*why = "unbalanced quotes or too many words";
	if (tokenize(line, tk) == 0)
		rc = parse_toks(tk, r, why);
	free(tk);
	return rc;
}

/* ---- values ---- */

static int
enc_int(const struct cmd_type *t, const char *s, uint8_t *b,
	const char **why)
{
	unsigned bits = t->bytes * 8u;
	char *end;
	uint64_t u;
	int64_t i;
	unsigned k;

	errno = 0;
	*why = "not a number of that type";
	if (t->dtype == OD_BOOLEAN && (!strcasecmp(s, "true") ||
				       !strcasecmp(s, "false"))) {
		b[0] = !strcasecmp(s, "true");
		return 0;
	}
	if (t->name[0] == 'i') {
		i = strtoll(s, &end, 0);
		if (bits < 64 && (i < -((int64_t)1 << (bits - 1)) ||
				  i >= ((int64_t)1 << (bits - 1))))
			errno = ERANGE;
		u = (uint64_t)i;
	} else {
		if (*s == '-')
			return -1;
		u = strtoull(s, &end, 0);
		if ((bits < 64 && u >> bits) ||
		    (t->dtype == OD_BOOLEAN && u > 1))
			errno = ERANGE;
	}
	if (errno || end == s || *end != '\0')
		return -1;
	for (k = 0; k < t->bytes; k++)
		b[k] = (uint8_t)(u >> (8 * k));
	return 0;
}

static int
enc_real(const struct cmd_type *t, const char *s, uint8_t *b)
{
	char *end;
	double d;
	float f;

	errno = 0;
	d = strtod(s, &end);
	if (errno || end == s || *end != '\0')
		return -1;
	if (t->bytes == 4) {
		f = (float)d;
		memcpy(b, &f, 4);
	} else {
		memcpy(b, &d, 8);
	}
	return 0;
}

/* DAYS:MS -> ms (28 bits) then days (16 bits) */
static int
enc_time(const char *s, uint8_t *b)
{
	unsigned long days, ms;
	char *end;

	errno = 0;
	days = strtoul(s, &end, 10);
	if (errno || end == s || *end != ':' || days > 0xFFFF)
		return -1;
	s = end + 1;
	ms = strtoul(s, &end, 10);
	if (errno || end == s || *end != '\0' || ms > 0x0FFFFFFF)
		return -1;
	b[0] = (uint8_t)ms;
	b[1] = (uint8_t)(ms >> 8);
	b[2] = (uint8_t)(ms >> 16);
	b[3] = (uint8_t)(ms >> 24);
	b[4] = (uint8_t)days;
	b[5] = (uint8_t)(days >> 8);
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int
enc_hex(const char *s, uint8_t *b, size_t *n)
{
	size_t k = 0;
	int hi, lo;

	while (*s) {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		hi = hexval((unsigned char)s[0]);
		lo = s[1] ? hexval((unsigned char)s[1]) : -1;
		if (hi < 0 || lo < 0)
			return -1;
		b[k++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	*n = k;
	return 0;
}

static int
enc_var(const struct cmd_type *t, const char *s, uint8_t *b, size_t *n)
{
	size_t k, len = strlen(s);

	switch (t->dtype) {
	case OD_VISIBLE_STRING:
		memcpy(b, s, len);
		*n = len;
		return 0;
	case OD_UNICODE_STRING:
		for (k = 0; k < len; k++) {
			b[2 * k] = (uint8_t)s[k];
			b[2 * k + 1] = 0;
		}
		*n = 2 * len;
		return 0;
	default:
		return enc_hex(s, b, n);
	}
}

int
cmd_encode(const struct cmd_type *t, const char *text, uint8_t **p,
	   size_t *n, const char **why)
{
	size_t cap = 2 * strlen(text) + 9;
	uint8_t *b = calloc(1, cap);
	int rc;

	*why = "out of memory";
	if (b == NULL)
		return -1;
	*n = t->bytes;
	*why = "value does not fit the data type";
	if (t->dtype == OD_REAL32 || t->dtype == OD_REAL64)
		rc = enc_real(t, text, b);
	else if (t->dtype == OD_TIME_OF_DAY || t->dtype == OD_TIME_DIFFERENCE)
		rc = enc_time(text, b);
	else if (t->bytes)
		rc = enc_int(t, text, b, why);
	else
		rc = enc_var(t, text, b, n);
	if (rc != 0) {
		free(b);
		return -1;
	}
	*p = b;
	return 0;
}

static void
print_str(FILE *fp, const uint8_t *p, size_t n, size_t step)
{
	size_t k;
	unsigned c;

	fputc('"', fp);
	for (k = 0; k + step <= n; k += step) {
		c = step == 2 ? (unsigned)(p[k] | p[k + 1] << 8) : p[k];
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c >= 0x20 && c < 0x7F)
			fputc((int)c, fp);
		else if (step == 2)
			fprintf(fp, "\\u%04x", c);
		else
			fprintf(fp, "\\x%02x", c);
	}
	fputc('"', fp);
}

static void
print_num(FILE *fp, const struct cmd_type *t, const uint8_t *p)
{
	uint64_t u = 0;
	unsigned k;
	float f;
	double d;

	for (k = 0; k < t->bytes && k < 8; k++)
		u |= (uint64_t)p[k] << (8 * k);
	if (t->dtype == OD_REAL32) {
		memcpy(&f, p, 4);
		fprintf(fp, "%.9g", (double)f);
	} else if (t->dtype == OD_REAL64) {
		memcpy(&d, p, 8);
		fprintf(fp, "%.17g", d);
	} else if (t->dtype == OD_TIME_OF_DAY ||
		   t->dtype == OD_TIME_DIFFERENCE) {
		fprintf(fp, "%u:%u", (unsigned)(u >> 32 & 0xFFFF),
			(unsigned)(u & 0x0FFFFFFF));
	} else if (t->hex) {
		fprintf(fp, "0x%0*" PRIX64, 2 * t->bytes, u);
	} else if (t->name[0] == 'i') {
		fprintf(fp, "%" PRId64, od_sext(u, t->bytes * 8u));
	} else {
		fprintf(fp, "%" PRIu64, u);
	}
}

void
cmd_print_value(FILE *fp, const struct cmd_type *t, const uint8_t *p,
		size_t n)
{
	size_t k;

	if (t != NULL && t->bytes && n == t->bytes) {
		print_num(fp, t, p);
	} else if (t != NULL && t->dtype == OD_VISIBLE_STRING) {
		print_str(fp, p, n, 1);
	} else if (t != NULL && t->dtype == OD_UNICODE_STRING) {
		print_str(fp, p, n, 2);
	} else if (n == 0) {
		fputs("\"\"", fp);
	} else {
		for (k = 0; k < n; k++)
			fprintf(fp, "%02x", p[k]);
	}
}

/* ---- objects of a dictionary ---- */

/* Object names compare without case, blanks and underscores alike. */
static bool
same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == ' ' ? '_' : *a, y = *b == ' ' ? '_' : *b;

		if ((x | 0x20) != (y | 0x20) && x != y)
			return false;
	}
	return *a == *b;
}

/* INDEX as a number or an object name of the node's dictionary. */
bool
cmd_resolve_index(const struct od *od, const char *s, uint16_t *index)
{
	uint32_t v;
	size_t i;

	if (cmd_number(s, 0xFFFF, &v)) {
		*index = (uint16_t)v;
		return true;
	}
	for (i = 0; od != NULL && i < od->nobjs; i++)
		if (od->objs[i].name && same_name(od->objs[i].name, s)) {
			*index = od->objs[i].index;
			return true;
		}
	return false;
}

/* The type given, else the dictionary's, else NULL (hex). */
const struct cmd_type *
cmd_type_for(const struct od *od, const struct cmd_req *r, uint16_t index)
{
	const struct od_obj *o;
	const struct od_sub *s;

	if (r->type || od == NULL)
		return r->type;
	o = od_find(od, index);
	s = od_find_sub(od, index, r->sub);
	if (o == NULL || s == NULL)
		return NULL;
	return cmd_type_of(o->otype == OD_OT_DOMAIN ? OD_DOMAIN : s->dtype);
}
