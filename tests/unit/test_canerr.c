/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_canerr.c - CAN error frames (linux/can/error.h): every class, the
 * candump -e words, the derived controller state, table invariants */
#include "config.h"

#include <string.h>

#include "canerr.h"
#include "check.h"

static struct co_frame
err_frame(uint32_t classes, const uint8_t d[8])
{
	struct co_frame f;

	memset(&f, 0, sizeof(f));
	f.flags = CO_F_ERR;
	f.id = classes;
	f.len = 8;
	memcpy(f.data, d, 8);
	return f;
}

/* canerr_fmt(canerr_parse(f)) == want, non-verbose */
static int
fmt_is(uint32_t classes, const uint8_t d[8], const char *want)
{
	struct co_frame f = err_frame(classes, d);
	struct canerr_info ei;
	char buf[512];
	size_t n;

	canerr_parse(&f, &ei);
	n = canerr_fmt(buf, sizeof(buf), &ei, false);

	if (strcmp(buf, want) != 0 || n != strlen(want)) {
		printf("# got  '%s'\n# want '%s'\n", buf, want);
		return 0;
	}
	return 1;
}

static enum canerr_state
state_of(uint32_t classes, const uint8_t d[8])
{
	struct co_frame f = err_frame(classes, d);
	struct canerr_info ei;

	canerr_parse(&f, &ei);
	return ei.state;
}

/* Sorted by value, no duplicates, no empty strings, terminated. */
static int
table_ok(const struct co_tok *t)
{
	size_t i;

	for (i = 0; t[i].s != NULL; i++) {
		if (t[i].s[0] == '\0')
			return 0;
		if (i > 0 && t[i].v <= t[i - 1].v)
			return 0;
		if (strchr(t[i].s, ' ') || strchr(t[i].s, '\t'))
			return 0;
	}
	return t[i].v == 0 && i > 0;
}

static void
test_tables(void)
{
	const struct co_tok *t;
	const char *name;
	unsigned i;
	char what[80];

	for (i = 0; (t = canerr_table(i, &name)) != NULL; i++) {
		snprintf(what, sizeof(what), "table %s sorted, unique, named",
			 name);
		check(table_ok(t), what);
	}
	check(i == 7, "seven tables are walked");
	check(canerr_table(99, &name) == NULL, "past the last table: NULL");
}

static void
test_classes(void)
{
	static const uint8_t z[8] = { 0 };
	static const uint8_t arb[8] = { 5 };
	static const uint8_t ctl[8] = { 0, 0x04, 0, 0, 0, 0, 0, 96 };
	static const uint8_t prot[8] = { 0, 0, 0x04, 0x0A };
	static const uint8_t prot2[8] = { 0, 0, 0x81, 0x1B };
	static const uint8_t trx[8] = { 0, 0, 0, 0, 0x74 };
	static const uint8_t cnt[8] = { 0, 0, 0, 0, 0, 0, 12, 140 };

	check(fmt_is(0x001, z, "tx-timeout"), "tx-timeout");
	check(fmt_is(0x002, arb, "lost-arbitration{at bit 5}"),
	      "lost-arbitration with bit number");
	check(fmt_is(0x002, z, "lost-arbitration{unspecified}"),
	      "lost-arbitration, bit unspecified");
	check(fmt_is(0x004, ctl, "controller-problem{rx-error-warning} "
		     "error-counter-tx-rx{{0}{96}}"),
	      "controller-problem, counters without CNT class (old kernels)");
	check(fmt_is(0x004, z, "controller-problem{unspecified}"),
	      "controller-problem unspecified");
	check(fmt_is(0x008, prot, "protocol-violation{{bit-stuffing-error}"
		     "{data-field}}"), "protocol-violation type and location");
	check(fmt_is(0x008, prot2, "protocol-violation{{single-bit-error,"
		     "error-on-tx}{acknowledge-delimiter}}"),
	      "protocol-violation, two types");
	check(fmt_is(0x008, z, "protocol-violation{{unspecified}"
		     "{unspecified}}"), "protocol-violation unspecified");
	check(fmt_is(0x010, trx, "transceiver-status{canh-no-wire,"
		     "canl-short-to-gnd}"), "transceiver-status both wires");
	check(fmt_is(0x020, z, "no-acknowledgement-on-tx"), "no ack");
	check(fmt_is(0x040, z, "bus-off"), "bus-off");
	check(fmt_is(0x080, z, "bus-error"), "bus-error");
	check(fmt_is(0x100, z, "restarted-after-bus-off"), "restarted");
	check(fmt_is(0x200, cnt, "error-counter-tx-rx{{12}{140}}"),
	      "error counters with CNT class");
	check(fmt_is(0x200, z, "error-counter-tx-rx{{0}{0}}"),
	      "CNT class with zero counters still shows them");
	check(fmt_is(0x088, prot, "protocol-violation{{bit-stuffing-error}"
		     "{data-field}} bus-error"), "two classes in bit order");
	check(fmt_is(0x000, z, "unspecified"), "no class at all");
	check(fmt_is(0x400, z, "unknown-class{0x00000400}"),
	      "unknown class bits shown in hex");
}

static void
test_odd_values(void)
{
	static const uint8_t ctl[8] = { 0, 0x84 };
	static const uint8_t loc[8] = { 0, 0, 0x02, 0x1F };
	static const uint8_t trx[8] = { 0, 0, 0, 0, 0x09 };
	static const uint8_t act[8] = { 0, 0x40 };

	check(fmt_is(0x004, ctl, "controller-problem{rx-error-warning,0x80}"),
	      "unnamed controller bit shown in hex");
	check(fmt_is(0x008, loc, "protocol-violation{{frame-format-error}"
		     "{location-0x1F}}"), "unnamed location shown in hex");
	check(fmt_is(0x010, trx, "transceiver-status{canh-0x9}"),
	      "unnamed transceiver nibble shown in hex");
	check(fmt_is(0x004, act, "controller-problem{back-to-error-active}"),
	      "back-to-error-active (data[1] bit 6)");
}

static void
test_state(void)
{
	static const uint8_t z[8] = { 0 };
	static const uint8_t warn[8] = { 0, 0x08 };
	static const uint8_t pass[8] = { 0, 0x14 };
	static const uint8_t act[8] = { 0, 0x40 };
	static const uint8_t c95[8] = { 0, 0, 0, 0, 0, 0, 95, 0 };
	static const uint8_t c96[8] = { 0, 0, 0, 0, 0, 0, 0, 96 };
	static const uint8_t c128[8] = { 0, 0, 0, 0, 0, 0, 128, 3 };

	check(state_of(0x040, z) == CANERR_STATE_BUS_OFF, "bus-off state");
	check(state_of(0x044, pass) == CANERR_STATE_BUS_OFF,
	      "bus-off wins over passive");
	check(state_of(0x004, pass) == CANERR_STATE_PASSIVE,
	      "passive wins over warning");
	check(state_of(0x004, warn) == CANERR_STATE_WARNING, "warning state");
	check(state_of(0x004, act) == CANERR_STATE_ACTIVE,
	      "back-to-error-active");
	check(state_of(0x100, z) == CANERR_STATE_ACTIVE,
	      "restarted means error-active");
	check(state_of(0x280, c95) == CANERR_STATE_ACTIVE,
	      "counter 95: error-active");
	check(state_of(0x280, c96) == CANERR_STATE_WARNING,
	      "counter 96: error-warning");
	check(state_of(0x280, c128) == CANERR_STATE_PASSIVE,
	      "counter 128: error-passive");
	check(state_of(0x080, z) == CANERR_STATE_UNKNOWN,
	      "bus-error alone says nothing about the state");
	check(strcmp(canerr_state_name(CANERR_STATE_WARNING),
		     "error-warning") == 0 &&
	      canerr_state_name(CANERR_STATE_UNKNOWN) == NULL,
	      "state names");
}

/* All class bits and all data bits set: the longest text there is. */
static int
longest_fits(void)
{
	static const uint8_t d[8] = { 0xFF, 0xFF, 0xFF, 0x1D, 0xFF, 0, 0xFF,
				      0xFF };
	struct co_frame f = err_frame(CO_ERR_MASK, d);
	struct canerr_info ei;
	char buf[CANERR_FMT_MAX];
	size_t n;

	canerr_parse(&f, &ei);
	n = canerr_fmt(buf, sizeof(buf), &ei, true);

	return n < sizeof(buf) - 1 && n > 500 &&
	       strcmp(buf + n - 17, " class=0x1FFFFFFF") == 0;
}

static void
test_parse(void)
{
	static const uint8_t d[8] = { 7, 0x10, 0x02, 0x19, 0x40, 0xAA, 9, 10 };
	struct co_frame f = err_frame(0x21F, d);
	struct canerr_info ei;
	const char *w[2];
	char buf[512];

	canerr_parse(&f, &ei);
	check(ei.classes == 0x21F && ei.lostarb_bit == 7 && ei.ctrl == 0x10 &&
	      ei.prot_type == 0x02 && ei.prot_loc == 0x19 && ei.trx == 0x40 &&
	      ei.tx_err == 9 && ei.rx_err == 10 && ei.has_counters &&
	      !ei.truncated, "canerr_parse fills every field");
	check(canerr_trx_names(0x40, w) == 1 &&
	      strcmp(w[0], "canl-no-wire") == 0, "canerr_trx_names");
	f.len = 3;
	canerr_parse(&f, &ei);
	check(ei.truncated && ei.prot_loc == 0 && ei.tx_err == 0,
	      "a short error frame reads missing bytes as 0");
	f.len = 8;
	canerr_parse(&f, &ei);
	canerr_fmt(buf, sizeof(buf), &ei, true);
	check(strstr(buf, " state=error-passive class=0x0000021F") != NULL,
	      "verbose adds state and class bits");
	check(strchr(buf, '\n') == NULL && strchr(buf, '\t') == NULL,
	      "one line, no tabs");
	check(canerr_fmt(buf, 8, &ei, false) == 7 && strlen(buf) == 7,
	      "canerr_fmt truncates to the buffer");
	check(longest_fits(), "every bit set: the text fits CANERR_FMT_MAX");
}

int
main(void)
{
	test_tables();
	test_classes();
	test_odd_values();
	test_state();
	test_parse();
	return check_done();
}
