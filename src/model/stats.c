/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats.c - bus statistics per COB-ID and bus load (ISO 11898-1 frame
 * bit counts, stuffing as can-utils canbusload counts it) */
#include "config.h"
#include "stats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "co_ids.h"

#define CRC15_POLY 0x4599u
#define SFF_BITS 47u        /* classic 11-bit frame without data, unstuffed */
#define EFF_BITS 67u
#define SFF_WORST 55u       /* worst-case stuffing (Tindell, revised) */
#define EFF_WORST 80u
#define TRAIL_BITS 13u      /* CRC delimiter, ACK, ACK delimiter, EOF, IFS */

void
stats_init(struct co_stats *st)
{
	memset(st, 0, sizeof(*st));
}

void
stats_set_bitrate(struct co_stats *st, uint32_t bitrate, uint32_t dbitrate)
{
	st->bitrate = bitrate;
	st->dbitrate = dbitrate;
}

void
stats_set_exact(struct co_stats *st, bool exact)
{
	st->exact = exact;
}

static int
parse_rate(const char *s, char **end, uint32_t *v)
{
	unsigned long r;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	r = strtoul(s, end, 10);
	if (errno)
		return -1;
	if (**end == 'k') {
		r *= 1000;
		(*end)++;
	} else if (**end == 'M') {
		r *= 1000000;
		(*end)++;
	}
	if (r == 0 || r > 20000000)
		return -1;
	*v = (uint32_t)r;
	return 0;
}

int
stats_opt_bitrate(struct co_stats *st, const char *arg)
{
	char *end;

	if (parse_rate(arg, &end, &st->bitrate) != 0)
		goto bad;
	st->dbitrate = st->bitrate;
	if (*end == ',' && parse_rate(end + 1, &end, &st->dbitrate) != 0)
		goto bad;
	if (*end == '\0')
		return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* ---- bit counts ---- */

static unsigned
put_bits(uint8_t *bits, unsigned pos, uint32_t v, unsigned n)
{
	while (n-- > 0)
		bits[pos++] = (uint8_t)(v >> n & 1);
	return pos;
}

static uint16_t
crc15(const uint8_t *bits, unsigned n)
{
	uint16_t crc = 0;
	unsigned i;

	for (i = 0; i < n; i++) {
		unsigned nxt = bits[i] ^ (crc >> 14 & 1);

		crc = (uint16_t)(crc << 1 & 0x7FFF);
		if (nxt)
			crc ^= CRC15_POLY;
	}
	return crc;
}

/* Stuff bits: after five equal bits a complement is inserted, which
 * starts the next run. */
static unsigned
stuff_count(const uint8_t *bits, unsigned n)
{
	unsigned i, run = 0, stuffed = 0;
	uint8_t prev = 2;

	for (i = 0; i < n; i++) {
		if (bits[i] == prev) {
			run++;
		} else {
			prev = bits[i];
			run = 1;
		}
		if (run == 5) {
			stuffed++;
			prev = (uint8_t)!prev;
			run = 1;
		}
	}
	return stuffed;
}

/* Classic frame, exact: SOF .. CRC laid out, CRC-15 computed, stuff bits
 * counted over that span. */
static unsigned
exact_bits(const struct co_frame *f)
{
	uint8_t bits[160];
	unsigned n, i, len = co_frame_is_rtr(f) ? 0 : f->len;
	unsigned rtr = co_frame_is_rtr(f) ? 1 : 0;
	unsigned dlc = f->raw_dlc ? f->raw_dlc : f->len;

	if (len > CO_CAN_MAX_DLEN)
		len = CO_CAN_MAX_DLEN;
	n = put_bits(bits, 0, 0, 1);
	if (co_frame_is_eff(f)) {
		n = put_bits(bits, n, f->id >> 18, 11);
		n = put_bits(bits, n, 3, 2);            /* SRR, IDE */
		n = put_bits(bits, n, f->id & 0x3FFFF, 18);
		n = put_bits(bits, n, rtr, 1);
		n = put_bits(bits, n, 0, 2);            /* r1, r0 */
	} else {
		n = put_bits(bits, n, f->id, 11);
		n = put_bits(bits, n, rtr, 1);
		n = put_bits(bits, n, 0, 2);            /* IDE, r0 */
	}
	n = put_bits(bits, n, dlc, 4);
	for (i = 0; i < len; i++)
		n = put_bits(bits, n, f->data[i], 8);
	n = put_bits(bits, n, crc15(bits, n), 15);
	return n + stuff_count(bits, n) + TRAIL_BITS;
}

static void
fd_bits(const struct co_frame *f, struct stats_bits *b)
{
	unsigned crc = f->len >= 16 ? 21 : 17;
	unsigned all = 1 + (co_frame_is_eff(f) ? 29 : 11) + crc + 5 + 12 +
		       8u * f->len;
	unsigned data = 0;

	if (f->fd_flags & CO_FD_BRS)
		data = 1 + 1 + 4 + crc + 8u * f->len;
	b->arb_nostuff = all - data;
	b->arb_worst = all * 5 / 4 - data * 5 / 4;
	b->arb_exact = b->arb_worst;
	b->data_nostuff = data;
	b->data_worst = data * 5 / 4;
}

void
stats_frame_bits(const struct co_frame *f, bool exact, struct stats_bits *b)
{
	unsigned len = co_frame_is_rtr(f) ? 0 : f->len;
	bool eff = co_frame_is_eff(f);

	if (co_frame_is_fd(f)) {
		fd_bits(f, b);
		return;
	}
	if (len > CO_CAN_MAX_DLEN)
		len = CO_CAN_MAX_DLEN;
	b->arb_nostuff = (eff ? EFF_BITS : SFF_BITS) + 8u * len;
	b->arb_worst = (eff ? EFF_WORST : SFF_WORST) + 10u * len;
	b->arb_exact = exact ? exact_bits(f) : 0;
	b->data_nostuff = 0;
	b->data_worst = 0;
}

double
stats_bits_time(const struct stats_bits *b, bool worst, uint32_t bitrate,
		uint32_t dbitrate)
{
	double t;

	if (bitrate == 0)
		return 0;
	if (dbitrate == 0)
		dbitrate = bitrate;
	t = (double)(worst ? b->arb_worst : b->arb_nostuff) / bitrate;
	return t + (double)(worst ? b->data_worst : b->data_nostuff) /
		   dbitrate;
}

/* ---- accounting ---- */

static void
add_bits(struct stats_bits *sum, const struct stats_bits *b, int sign)
{
	sum->arb_nostuff += (uint64_t)sign * b->arb_nostuff;
	sum->arb_worst += (uint64_t)sign * b->arb_worst;
	sum->arb_exact += (uint64_t)sign * b->arb_exact;
	sum->data_nostuff += (uint64_t)sign * b->data_nostuff;
	sum->data_worst += (uint64_t)sign * b->data_worst;
}

/* Bits of the frames summed in a (classic: 47/67 + 8n, 55/80 + 10n). */
static void
acc_bits(const struct stats_acc *a, struct stats_bits *b)
{
	*b = a->fd;
	b->arb_nostuff += SFF_BITS * a->sff + EFF_BITS * a->eff + 8 * a->bytes;
	b->arb_worst += SFF_WORST * a->sff + EFF_WORST * a->eff +
			10 * a->bytes;
	b->arb_exact += a->exact;
}

/* Close the one-second window that ends at win_end_ns: its bits are the
 * totals now minus the totals when it opened. */
static void
window_close(struct co_stats *st)
{
	struct stats_bits now, then;
	double load;

	acc_bits(&st->acc, &now);
	acc_bits(&st->win_start, &then);
	add_bits(&now, &then, -1);
	load = stats_bits_time(&now, true, st->bitrate, st->dbitrate);
	if (load > st->peak_load) {
		st->peak_load = load;
		st->peak_start_ns = st->win_end_ns - NS_PER_S;
	}
}

static void
window_next(struct co_stats *st, uint64_t ts_ns)
{
	if (st->win_end_ns != 0)
		window_close(st);
	st->win_end_ns = (ts_ns / NS_PER_S + 1) * NS_PER_S;
	st->win_start = st->acc;
}

static void
acc_frame(struct co_stats *st, const struct co_frame *f)
{
	struct stats_bits b;

	if (co_frame_is_fd(f)) {
		st->fd_frames++;
		stats_frame_bits(f, false, &b);
		add_bits(&st->acc.fd, &b, 1);
		return;
	}
	if (co_frame_is_eff(f))
		st->acc.eff++;
	else
		st->acc.sff++;
	if (!co_frame_is_rtr(f))
		st->acc.bytes += f->len < CO_CAN_MAX_DLEN ? f->len
							  : CO_CAN_MAX_DLEN;
	if (st->exact)
		st->acc.exact += exact_bits(f);
}

static void
cob_add(struct stats_cob *c, const struct co_frame *f)
{
	uint64_t dt;

	if (c->frames != 0 && f->ts_ns >= c->last_ns) {
		dt = f->ts_ns - c->last_ns;
		if (c->frames == 1 || dt < c->dt_min_ns)
			c->dt_min_ns = dt;
		if (dt > c->dt_max_ns)
			c->dt_max_ns = dt;
		c->dt_sum_ns += dt;
		c->dt_sq += (double)dt * (double)dt;
	}
	if (c->frames == 0)
		c->first_ns = f->ts_ns;
	c->frames++;
	c->bytes += co_frame_is_rtr(f) ? 0 : f->len;
	c->last_ns = f->ts_ns;
}

static struct stats_cob *
eff_slot(struct co_stats *st, uint32_t id)
{
	unsigned h = (id * 2654435761u) >> 26, i;   /* 64 slots */

	for (i = 0; i < STATS_EFF_SLOTS; i++) {
		struct stats_eff *e = &st->eff[(h + i) % STATS_EFF_SLOTS];

		if (e->used && e->id == id)
			return &e->c;
		if (!e->used) {
			e->used = true;
			e->id = id;
			return &e->c;
		}
	}
	return &st->eff_other;
}

void
stats_frame(struct co_stats *st, const struct co_frame *f)
{
	if (co_frame_is_err(f)) {
		st->err_frames++;
		return;
	}
	if (st->frames == 0)
		st->first_ns = f->ts_ns;
	st->frames++;
	st->bytes += co_frame_is_rtr(f) ? 0 : f->len;
	if (f->ts_ns > st->last_ns)
		st->last_ns = f->ts_ns;
	st->rtr_frames += co_frame_is_rtr(f);
	if (st->bitrate && f->ts_ns >= st->win_end_ns)
		window_next(st, f->ts_ns);
	acc_frame(st, f);
	if (co_frame_is_eff(f))
		cob_add(eff_slot(st, f->id), f);
	else
		cob_add(&st->sff[f->id & CO_SFF_MASK], f);
}

void
stats_finish(struct co_stats *st)
{
	if (st->bitrate && st->win_end_ns != 0)
		window_close(st);
	acc_bits(&st->acc, &st->bits);
}
