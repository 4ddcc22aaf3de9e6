/* SPDX-License-Identifier: GPL-2.0-or-later */
/* act.c - one NMT command or SDO read/write for the full-screen view:
 * the CiA 309-3 words parsed and typed, what will be sent described for
 * the confirmation, the SDO client stepped by frames and time */
#include "config.h"
#include "cmd_act.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_ascii.h"
#include "cmd_build.h"
#include "cmd_sdo.h"
#include "co_tables.h"

enum act_kind { ACT_NMT, ACT_READ, ACT_WRITE };

struct cmd_act {
	enum act_kind kind;
	enum cmd_act_state state;
	uint8_t node, cs;
	uint16_t index;
	uint8_t sub;
	const struct cmd_type *type;   /* NULL: hex bytes */
	uint8_t *data;                 /* write: the bytes */
	size_t n;
	struct sdo_cli_cfg cfg;
	struct sdo_cli sdo;
	struct cmd_outq out;           /* NMT: its frame */
	char label[CMD_ACT_TEXT];      /* "SDO read 1017:00 u16" */
	char what[CMD_ACT_TEXT];       /* label: first frame */
	char result[CMD_ACT_TEXT];
};

struct cmd_act *
cmd_act_new(void)
{
	return calloc(1, sizeof(struct cmd_act));
}

static void
reset(struct cmd_act *a)
{
	sdo_cli_free(&a->sdo);
	free(a->data);
	memset(a, 0, sizeof(*a));
}

void
cmd_act_free(struct cmd_act *a)
{
	if (a == NULL)
		return;
	reset(a);
	free(a);
}

/* "ID#HEX" as cansend takes it */
static void
frame_text(char *b, size_t n, const struct co_frame *f)
{
	int k = snprintf(b, n, "%03X#", (unsigned)f->id);
	unsigned i;

	if (f->flags & CO_F_RTR) {
		snprintf(b + k, n - (size_t)k, "R");
		return;
	}
	for (i = 0; i < f->len && (size_t)k + 3 < n; i++)
		k += snprintf(b + k, n - (size_t)k, "%02X", f->data[i]);
}

void
cmd_act_nmt(struct cmd_act *a, uint8_t node, uint8_t cs)
{
	char fr[32];
	struct co_frame *f;

	reset(a);
	a->kind = ACT_NMT;
	a->node = node;
	a->cs = cs;
	f = cmd_outq_push(&a->out);
	cmd_nmt(f, cs, node);
	frame_text(fr, sizeof(fr), f);
	snprintf(a->label, sizeof(a->label), "NMT %s",
		 tok_str(co_nmt_cmds, cs, "command"));
	snprintf(a->what, sizeof(a->what), "%.100s: %s", a->label, fr);
	a->state = CMD_ACT_READY;
}

/* The first frame of the transfer, for the confirmation. */
static void
first_frame(struct cmd_act *a, char *b, size_t n)
{
	struct sdo_cli s;
	struct co_frame f;
	int rc;

	sdo_cli_init(&s, &a->cfg);
	rc = a->kind == ACT_READ ?
	     sdo_cli_upload(&s, a->index, a->sub, SDO_MODE_AUTO, 0) :
	     sdo_cli_download(&s, a->index, a->sub, a->data, a->n,
			      SDO_MODE_AUTO, 0);
	if (rc == 0 && sdo_cli_pop(&s, &f))
		frame_text(b, n, &f);
	else
		snprintf(b, n, "?");
	sdo_cli_free(&s);
}

static void
describe(struct cmd_act *a, const char *value)
{
	char fr[32];

	first_frame(a, fr, sizeof(fr));
	snprintf(a->label, sizeof(a->label), "SDO %s %04X:%02X %s%s%.60s",
		 a->kind == ACT_READ ? "read" : "write", a->index, a->sub,
		 a->type ? a->type->name : "(hex)", value ? " " : "",
		 value ? value : "");
	snprintf(a->what, sizeof(a->what), "%.100s: %s%s", a->label, fr,
		 a->kind == ACT_WRITE && a->n > SDO_EXP_MAX ?
		 " (first frame)" : "");
}

/* Parse "r WORDS" or "w WORDS" as CiA 309-3 and type it. */
static int
sdo_words(struct cmd_act *a, bool write, const char *words,
	  const struct od *od, struct cmd_req *r, const char **why)
{
	char line[CMD_LINE_MAX];

	snprintf(line, sizeof(line), "%s %s", write ? "w" : "r", words);
	if (cmd_parse(line, r, why) != 0)
		return -1;
	*why = "give INDEX SUB [TYPE]";
	if (r->verb != (write ? CMD_WRITE : CMD_READ) || r->node >= 0 ||
	    (r->has_value && !write))
		return -1;
	*why = "no such object name in the node's EDS/DCF";
	if (!cmd_resolve_index(od, r->obj, &a->index))
		return -1;
	a->sub = r->sub;
	a->type = cmd_type_for(od, r, a->index);
	if (!write)
		return 0;
	*why = "no VALUE";
	if (!r->has_value)
		return -1;
	return cmd_encode(a->type ? a->type : cmd_type_find("d"), r->value,
			  &a->data, &a->n, why);
}

int
cmd_act_sdo(struct cmd_act *a, uint8_t node, bool write,
	    const char *words, const struct od *od, uint32_t timeout_ms,
	    char *err, size_t errlen)
{
	struct cmd_req *r = malloc(sizeof(*r));
	const char *why = "out of memory";
	int rc = -1;

	reset(a);
	a->kind = write ? ACT_WRITE : ACT_READ;
	a->node = node;
	a->cfg.cob_req = COB_SDO_RX + node;
	a->cfg.cob_rsp = COB_SDO_TX + node;
	a->cfg.timeout_ms = timeout_ms;
	if (r != NULL && node >= 1 && node <= 127)
		rc = sdo_words(a, write, words, od, r, &why);
	else if (r != NULL)
		why = "SDO needs a node 1..127";
	if (rc == 0)
		describe(a, write ? r->value : NULL);
	else
		snprintf(err, errlen, "%s", why);
	a->state = CMD_ACT_READY;
	free(r);
	return rc;
}

const char *
cmd_act_what(const struct cmd_act *a)
{
	return a->what;
}

const char *
cmd_act_label(const struct cmd_act *a)
{
	return a->label;
}

uint8_t
cmd_act_node(const struct cmd_act *a)
{
	return a->node;
}

int32_t
cmd_act_rsp_cob(const struct cmd_act *a)
{
	return a->kind == ACT_NMT ? -1 : (int32_t)a->cfg.cob_rsp;
}

static void
finish_error(struct cmd_act *a, uint32_t code, const char *why)
{
	const char *t;

	a->state = CMD_ACT_FAILED;
	if (code >= 0x01000000u) {
		t = tok_str(co_sdo_aborts, code, "unknown abort code");
		snprintf(a->result, sizeof(a->result), "ERROR:0x%08X #%s",
			 code, t);
		return;
	}
	t = cmd_err_text(code);
	snprintf(a->result, sizeof(a->result), "ERROR:%u #%s%s%s%s", code,
		 t ? t : "error", why ? " (" : "", why ? why : "",
		 why ? ")" : "");
}

/* The value read, as cosniff cmd prints it (cut to fit). */
static void
finish_read(struct cmd_act *a)
{
	const struct sdo_cli *s = &a->sdo;
	size_t n = sizeof(a->result);
	FILE *fp;

	if (a->type && a->type->bytes && s->len != a->type->bytes) {
		finish_error(a, SDO_AB_LEN, NULL);
		return;
	}
	a->state = CMD_ACT_DONE;
	memset(a->result, 0, n);
	fp = fmemopen(a->result, n, "w");
	if (fp == NULL) {
		snprintf(a->result, n, "(%zu bytes)", s->len);
		return;
	}
	setvbuf(fp, NULL, _IONBF, 0);
	cmd_print_value(fp, a->type, s->buf, s->len);
	fclose(fp);
	a->result[n - 1] = '\0';
	if (strlen(a->result) >= n - 1)
		memcpy(a->result + n - 4, "...", 4);
}

void
cmd_act_start(struct cmd_act *a, uint64_t now_us)
{
	int rc = 0;

	if (a->state != CMD_ACT_READY)
		return;
	a->state = CMD_ACT_BUSY;
	if (a->kind == ACT_NMT) {
		snprintf(a->result, sizeof(a->result), "OK");
		return;
	}
	sdo_cli_init(&a->sdo, &a->cfg);
	if (a->kind == ACT_READ)
		rc = sdo_cli_upload(&a->sdo, a->index, a->sub, SDO_MODE_AUTO,
				    now_us);
	else
		rc = sdo_cli_download(&a->sdo, a->index, a->sub, a->data,
				      a->n, SDO_MODE_AUTO, now_us);
	if (rc != 0)
		finish_error(a, CMD_ERR_NO_MEM, NULL);
}

bool
cmd_act_pop(struct cmd_act *a, struct co_frame *f)
{
	if (a->kind == ACT_NMT) {
		if (a->state != CMD_ACT_BUSY || !cmd_outq_pop(&a->out, f))
			return false;
		/* the command is given once its frame is taken */
		a->state = CMD_ACT_DONE;
		return true;
	}
	/* an abort after a timeout is still sent */
	return a->state != CMD_ACT_READY && sdo_cli_pop(&a->sdo, f);
}

static enum cmd_act_state
sdo_step(struct cmd_act *a, enum sdo_cli_rc rc)
{
	if (rc == SDO_CLI_DONE && a->kind == ACT_READ) {
		finish_read(a);
	} else if (rc == SDO_CLI_DONE) {
		snprintf(a->result, sizeof(a->result), "OK");
		a->state = CMD_ACT_DONE;
	} else if (rc == SDO_CLI_ABORTED) {
		finish_error(a, a->sdo.abort, NULL);
	}
	return a->state;
}

enum cmd_act_state
cmd_act_rx(struct cmd_act *a, const struct co_frame *f, uint64_t now_us)
{
	if (a->kind == ACT_NMT || a->state != CMD_ACT_BUSY)
		return a->state;
	return sdo_step(a, sdo_cli_rx(&a->sdo, f, now_us));
}

enum cmd_act_state
cmd_act_tick(struct cmd_act *a, uint64_t now_us)
{
	if (a->kind == ACT_NMT || a->state != CMD_ACT_BUSY)
		return a->state;
	return sdo_step(a, sdo_cli_tick(&a->sdo, now_us));
}

void
cmd_act_fail(struct cmd_act *a, const char *why)
{
	finish_error(a, CMD_ERR_BUS_OFF, why);
}

enum cmd_act_state
cmd_act_state(const struct cmd_act *a)
{
	return a->state;
}

const char *
cmd_act_result(const struct cmd_act *a)
{
	return a->result;
}
