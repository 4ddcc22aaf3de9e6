/* SPDX-License-Identifier: GPL-2.0-or-later */
/* src_pcap.c - pcap/pcapng reader through libpcap: LINKTYPE_CAN_SOCKETCAN
 * (227) and Linux cooked captures (SLL 113, SLL2 276) of CAN/CAN FD */
#include "config.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LT_CAN_SOCKETCAN 227
#define LT_LINUX_SLL 113
#define LT_LINUX_SLL2 276

#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20
#define ETH_P_CAN 0x000C
#define ETH_P_CANFD 0x000D
#define ETH_P_CANXL 0x000E
#define PACKET_OUTGOING 4

#define CAN_EFF_FLAG 0x80000000u
#define CAN_RTR_FLAG 0x40000000u
#define CAN_ERR_FLAG 0x20000000u
#define CANXL_XLF 0x80u          /* CAN XL header: byte 4 bit 7 */
#define CANFD_MTU 72u            /* struct canfd_frame */
#define SOCKETCAN_HDR_LEN 8

#define PC_DEFAULT_IFACE "can0"
#define PC_PRE_MAX 4096
#define PC_STDIO_BUF (1u << 16)
#define PC_FILE_HDR 24           /* pcap file header */
#define PC_REC_HDR 16            /* pcap record header */

#define NG_SHB 0x0A0D0D0Au
#define NG_IDB 1u
#define NG_PB 2u                 /* obsolete Packet Block */
#define NG_SPB 3u
#define NG_EPB 6u
#define NG_MAX_IF 64
#define NG_KEEP 524              /* block bytes examined: IDB options */
/* Packet blocks the walker can be ahead of libpcap: what fits in the
 * stdio buffer (blocks are at least 16 bytes), with room to spare. */
#define NG_QLEN (2 * PC_STDIO_BUF / 16)

/*
 * libpcap does not say which pcapng interface a packet came from, nor the
 * file's timestamp resolution.  The walker follows the same bytes libpcap
 * reads (it sits in the stream below it), parses just the block headers,
 * remembers if_name/if_tsresol of every Interface Description Block and
 * queues the interface slot of every packet block (slots count over all
 * sections, as the walker may be a section ahead); libpcap returns packets
 * in the same order, so each pcap_next_ex() pops one slot.
 */
struct ng_walk {
	bool pcapng, nsec, broken, be;
	uint8_t nmagic;
	unsigned char magic[4];  /* first bytes of the stream */
	uint32_t have, blen;     /* bytes of the current block, its length */
	unsigned nif;            /* interfaces of all sections so far */
	unsigned base;           /* slot of interface 0 of this section */
	uint32_t qhead, qtail;   /* free-running queue counters */
	uint8_t digits[NG_MAX_IF];
	char name[NG_MAX_IF][CO_IFNAMSIZ];
	uint32_t q[NG_QLEN];
	unsigned char blk[NG_KEEP];
};

/* The input stream handed to libpcap: look-ahead bytes first, then the
 * descriptor, everything shown to the walker on the way. */
struct pc_in {
	struct co_source *src;   /* its wait hook; NULL until opened */
	int fd;
	bool own_fd;
	bool eof;                /* read(2) said end of input */
	uint64_t total;          /* bytes handed to libpcap */
	size_t npre, preoff;
	unsigned char pre[PC_PRE_MAX];
	struct ng_walk w;
};

struct pc_priv {
	pcap_t *pc;
	struct pc_in *in;        /* freed by the stream's close */
	uint64_t done;           /* bytes of the header and records read */
	bool ended;              /* the input ended: SRC_EOF from now on */
	int linktype;
	bool fdlen_noted;        /* told about an FD length between steps */
	bool have_pending;       /* the frame of that note, returned next */
	struct co_frame pending;
};

static uint32_t
get32(const unsigned char *p, bool be)
{
	return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			    (uint32_t)p[2] << 8 | p[3]
		  : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
			    (uint32_t)p[1] << 8 | p[0];
}

static uint16_t
get16(const unsigned char *p, bool be)
{
	return be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

/* if_tsresol value -> 6 or 9 fraction digits (pcapng spec 4.2). */
static uint8_t
tsresol_digits(uint8_t v)
{
	unsigned dec;

	if (v & 0x80)   /* 2^-n: about n * 0.3 decimal digits */
		dec = (unsigned)(v & 0x7f) * 3 / 10;
	else
		dec = v;
	return dec <= 7 ? 6 : 9;
}

/* if_name and if_tsresol of an IDB (pcapng 4.2): options from byte 16
 * of the n bytes we kept. */
static void
ng_idb(struct ng_walk *w, const unsigned char *b, size_t n)
{
	size_t off = 16, i, k;
	uint16_t code, len;
	char *name = w->name[w->nif];

	w->digits[w->nif] = 6;
	name[0] = '\0';
	while (off + 4 <= n) {
		code = get16(b + off, w->be);
		len = get16(b + off + 2, w->be);
		if (code == 0 || off + 4 + len > n)
			break;
		if (code == 9 && len >= 1)            /* if_tsresol */
			w->digits[w->nif] = tsresol_digits(b[off + 4]);
		if (code == 2 && len > 0) {           /* if_name */
			k = len < CO_IFNAMSIZ ? len : CO_IFNAMSIZ - 1;
			for (i = 0; i < k; i++) {
				unsigned char c = b[off + 4 + i];

				name[i] = (c <= ' ' || c >= 0x7f) ? '_' : (char)c;
			}
			name[k] = '\0';
			while (k > 0 && name[k - 1] == '_')   /* NUL padding */
				name[--k] = '\0';
		}
		off += 4 + (((size_t)len + 3) & ~(size_t)3);
	}
	w->nif++;
}

static void
ng_push(struct ng_walk *w, uint32_t ifid)
{
	if (w->qhead - w->qtail >= NG_QLEN) {
		w->broken = true;
		return;
	}
	/* an id beyond this section's interfaces maps to no slot */
	w->q[w->qhead++ % NG_QLEN] = ifid < w->nif - w->base ?
				     w->base + ifid : NG_MAX_IF;
}

/* The first bytes of a block (min(length, NG_KEEP)) are in w->blk. */
static void
ng_block(struct ng_walk *w, uint32_t type, size_t n)
{
	switch (type) {
	case NG_SHB:
		w->base = w->nif;  /* a new section restarts interface ids */
		break;
	case NG_IDB:
		if (w->nif < NG_MAX_IF)
			ng_idb(w, w->blk, n);
		else
			w->broken = true;
		break;
	case NG_EPB:
		ng_push(w, n >= 12 ? get32(w->blk + 8, w->be) : 0);
		break;
	case NG_PB:
		ng_push(w, n >= 10 ? get16(w->blk + 8, w->be) : 0);
		break;
	case NG_SPB:
		ng_push(w, 0);
		break;
	default:
		break;
	}
}

/* Block length once 12 bytes are in: the SHB carries its byte order. */
static bool
ng_header(struct ng_walk *w)
{
	if (get32(w->blk, true) == NG_SHB)
		w->be = get32(w->blk + 8, true) == 0x1a2b3c4du;
	w->blen = get32(w->blk + 4, w->be);
	return w->blen >= 12 && w->blen % 4 == 0;
}

static void
ng_blocks(struct ng_walk *w, const unsigned char *b, size_t n)
{
	uint32_t keep, k;

	while (n > 0 && !w->broken) {
		if (w->have < 12) {
			k = (uint32_t)(n < 12 - w->have ? n : 12 - w->have);
			memcpy(w->blk + w->have, b, k);
		} else {
			keep = w->blen < NG_KEEP ? w->blen : NG_KEEP;
			k = w->blen - w->have;
			if (k > n)
				k = (uint32_t)n;
			if (w->have < keep)
				memcpy(w->blk + w->have, b,
				       k < keep - w->have ? k : keep - w->have);
		}
		w->have += k;
		b += k;
		n -= k;
		if (w->have == 12 && !ng_header(w)) {
			w->broken = true;
			break;
		}
		keep = w->blen < NG_KEEP ? w->blen : NG_KEEP;
		if (w->have >= 12 && w->have - k < keep && w->have >= keep)
			ng_block(w, get32(w->blk, w->be), keep);
		if (w->have >= 12 && w->have == w->blen)
			w->have = 0;
	}
}

static void
ng_feed(struct ng_walk *w, const unsigned char *b, size_t n)
{
	size_t k;

	if (w->nmagic < 4) {
		k = n < 4u - w->nmagic ? n : 4u - w->nmagic;
		memcpy(w->magic + w->nmagic, b, k);
		w->nmagic = (uint8_t)(w->nmagic + k);
		b += k;
		n -= k;
		if (w->nmagic < 4)
			return;
		w->pcapng = get32(w->magic, true) == NG_SHB;
		w->nsec = get32(w->magic, true) == 0xa1b23c4du ||
			  get32(w->magic, true) == 0x4d3cb2a1u;
		if (w->pcapng)
			ng_blocks(w, w->magic, 4);
	}
	if (w->pcapng)
		ng_blocks(w, b, n);
}

/* Interface name and digits of the packet libpcap just returned. */
static void
ng_packet(struct ng_walk *w, struct co_frame *f)
{
	uint32_t id;

	snprintf(f->iface, sizeof(f->iface), "%s", PC_DEFAULT_IFACE);
	f->ts_digits = w->nsec ? 9 : 6;
	if (!w->pcapng || w->broken || w->qtail == w->qhead)
		return;
	id = w->q[w->qtail++ % NG_QLEN];
	if (id >= NG_MAX_IF)
		return;
	f->ts_digits = w->digits[id];
	if (w->name[id][0])
		memcpy(f->iface, w->name[id], sizeof(f->iface));
}

static ssize_t
pc_in_read(void *cookie, char *buf, size_t size)
{
	struct pc_in *in = cookie;
	ssize_t n;
	size_t k;

	if (in->preoff < in->npre) {
		k = in->npre - in->preoff;
		n = (ssize_t)(k < size ? k : size);
		memcpy(buf, in->pre + in->preoff, (size_t)n);
		in->preoff += (size_t)n;
	} else if (in->src != NULL) {
		n = src_read(in->src, in->fd, buf, size);
	} else {
		do
			n = read(in->fd, buf, size);
		while (n < 0 && errno == EINTR);
	}
	if (n < 0)
		return -1;
	in->eof = n == 0;
	in->total += (uint64_t)n;
	if (n > 0)
		ng_feed(&in->w, (const unsigned char *)buf, (size_t)n);
	return n;
}

static int
pc_in_close(void *cookie)
{
	struct pc_in *in = cookie;

	if (in->own_fd)
		close(in->fd);
	free(in);
	return 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int
pc_bad(struct co_source *src, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(src->msg, sizeof(src->msg), fmt, ap);
	va_end(ap);
	return SRC_BAD;
}

/*
 * SocketCAN header (libpcap LINKTYPE_CAN_SOCKETCAN):
 *   Byte | Meaning
 *   0-3  | CAN id + EFF/RTR/ERR flags (big-endian in 227, host order in SLL)
 *   4    | payload length (CAN XL: flags, XLF 0x80)
 *   5    | FD flags: BRS 0x01, ESI 0x02, FDF 0x04
 *   6    | reserved
 *   7    | classic: len8_dlc (raw DLC 9..15 of an 8-byte frame)
 *   8-   | payload
 * wire is the record's original length, fd says the link layer already
 * declared CAN FD (SLL protocol 0x000D).
 */
static int
decode_socketcan(struct co_source *src, const unsigned char *b, size_t cap,
		 size_t wire, uint32_t raw, bool fd, struct co_frame *f)
{
	unsigned len = b[4];

	if (len & CANXL_XLF)
		return pc_bad(src, "CAN XL frame not supported");
	fd = fd || (b[5] & CO_FD_FDF) || wire == CANFD_MTU;
	if (len > CO_FD_MAX_DLEN)
		return pc_bad(src, "payload length %u > 64", len);
	if (!fd && len > CO_CAN_MAX_DLEN)
		return pc_bad(src, "classic frame length %u > 8", len);
	if (raw & CAN_ERR_FLAG) {
		f->flags |= CO_F_ERR;
		f->id = raw & CO_ERR_MASK;
	} else if (raw & CAN_EFF_FLAG) {
		f->flags |= CO_F_EFF;
		f->id = raw & CO_EFF_MASK;
	} else if (raw & CO_EFF_MASK & ~CO_SFF_MASK) {
		return pc_bad(src, "11-bit CAN id 0x%X out of range",
			      raw & CO_EFF_MASK);
	} else {
		f->id = raw & CO_SFF_MASK;
	}
	f->len = (uint8_t)len;
	if (fd) {
		if (raw & (CAN_RTR_FLAG | CAN_ERR_FLAG))
			return pc_bad(src, "CAN FD frame with RTR or error "
				      "flag");
		f->flags |= CO_F_FD;
		f->fd_flags = b[5] & (CO_FD_BRS | CO_FD_ESI | CO_FD_FDF);
	} else if (raw & CAN_RTR_FLAG) {
		if (f->flags & CO_F_ERR)
			return pc_bad(src, "error frame with RTR flag");
		f->flags |= CO_F_RTR;
		if (len == 8 && b[7] > 8 && b[7] <= 15)
			f->raw_dlc = b[7];
		return SRC_FRAME;
	} else if (len == 8 && b[7] > 8 && b[7] <= 15) {
		f->raw_dlc = b[7];
	}
	if (cap - SOCKETCAN_HDR_LEN < len)
		return pc_bad(src, "truncated record: %u payload bytes "
			      "missing", len - (unsigned)(cap - 8));
	memcpy(f->data, b + SOCKETCAN_HDR_LEN, len);
	return SRC_FRAME;
}

/* Linux cooked header: protocol, direction, then the SocketCAN header
 * with the CAN id in host byte order (libpcap swaps it to ours). */
static int
decode_sll(struct co_source *src, struct pc_priv *pv, const unsigned char *b,
	   size_t cap, size_t wire, struct co_frame *f)
{
	size_t hl = pv->linktype == LT_LINUX_SLL ? SLL_HDR_LEN : SLL2_HDR_LEN;
	unsigned proto, ptype;
	uint32_t raw;

	if (cap < hl + SOCKETCAN_HDR_LEN)
		return pc_bad(src, "truncated record: %u bytes captured",
			      (unsigned)cap);
	if (pv->linktype == LT_LINUX_SLL) {
		proto = get16(b + 14, true);
		ptype = get16(b, true);
	} else {
		proto = get16(b, true);
		ptype = b[10];
	}
	if (proto == ETH_P_CANXL)
		return pc_bad(src, "CAN XL frame not supported");
	if (proto != ETH_P_CAN && proto != ETH_P_CANFD)
		return pc_bad(src, "not a CAN frame (protocol 0x%04X)", proto);
	if (ptype == PACKET_OUTGOING)
		f->flags |= CO_F_TX;
	memcpy(&raw, b + hl, sizeof(raw));
	return decode_socketcan(src, b + hl, cap - hl, wire - hl, raw,
				proto == ETH_P_CANFD, f);
}

/* A length any host may send on vcan: read as captured, noted once. */
static int
note_fd_len(struct co_source *src, struct pc_priv *pv,
	    const struct co_frame *f)
{
	pv->fdlen_noted = true;
	pv->have_pending = true;
	pv->pending = *f;
	snprintf(src->msg, sizeof(src->msg), "CAN FD length %u is not a DLC "
		 "step: a bus sends it as %u bytes (DLC %u); read as the %u "
		 "bytes captured (said once)", f->len,
		 co_dlc2len(co_len2dlc(f->len)), co_len2dlc(f->len), f->len);
	return SRC_NOTE;
}

/*
 * pcap_next_ex() returned no packet: the end, a stop, the file cut short
 * in a record (a writer killed in the middle of a write: the records
 * before it are good, one note says what is left out), or an error.
 */
static int
pc_end(struct co_source *src, struct pc_priv *pv, int rc)
{
	struct pc_in *in = pv->in;
	uint64_t left;

	pv->ended = true;
	if (rc == PCAP_ERROR_BREAK || src->stopped)
		return SRC_EOF;
	if (in->eof && strstr(pcap_geterr(pv->pc), "truncated") != NULL) {
		left = in->w.pcapng ? in->w.have : in->total - pv->done;
		src->pos++;
		snprintf(src->msg, sizeof(src->msg), SRC_PARTIAL_NOTE,
			 "record", (unsigned long long)left,
			 left == 1 ? "" : "s");
		return SRC_NOTE;
	}
	snprintf(src->msg, sizeof(src->msg), "record %llu: %s",
		 (unsigned long long)src->pos + 1, pcap_geterr(pv->pc));
	return SRC_ERR;
}

static int
pc_next(struct co_source *src, struct co_frame *f)
{
	struct pc_priv *pv = src->priv;
	struct pcap_pkthdr *h;
	const u_char *b;
	int rc;

	if (pv->have_pending) {
		pv->have_pending = false;
		*f = pv->pending;
		src->nframes++;
		return SRC_FRAME;
	}
	if (pv->ended)
		return SRC_EOF;
	rc = pcap_next_ex(pv->pc, &h, &b);
	if (rc != 1)
		return pc_end(src, pv, rc);
	src->pos++;
	pv->done += PC_REC_HDR + h->caplen;
	memset(f, 0, sizeof(*f));
	f->pos = src->pos;
	f->index = src->pos;
	f->ts_ns = (uint64_t)h->ts.tv_sec * 1000000000u +
		   (uint64_t)h->ts.tv_usec;
	ng_packet(&pv->in->w, f);
	if (pv->linktype != LT_CAN_SOCKETCAN)
		rc = decode_sll(src, pv, b, h->caplen, h->len, f);
	else if (h->caplen < SOCKETCAN_HDR_LEN)
		rc = pc_bad(src, "truncated record: %u bytes captured",
			    h->caplen);
	else
		rc = decode_socketcan(src, b, h->caplen, h->len,
				      get32(b, true), false, f);
	if (rc == SRC_FRAME && co_frame_is_fd(f) && !co_fd_len_valid(f->len) &&
	    !pv->fdlen_noted)
		return note_fd_len(src, pv, f);
	if (rc == SRC_FRAME)
		src->nframes++;
	else
		src->nbad++;
	return rc;
}

static void
pc_close(struct co_source *src)
{
	struct pc_priv *pv = src->priv;

	pcap_close(pv->pc);    /* closes the stream and frees pv->in */
	free(pv);
	free(src);
}

static char pc_why[PCAP_ERRBUF_SIZE + 128];

static int
check_linktype(struct pc_priv *pv, const char **why)
{
	const char *name;

	pv->linktype = pcap_datalink(pv->pc);
	if (pv->linktype == LT_CAN_SOCKETCAN || pv->linktype == LT_LINUX_SLL ||
	    pv->linktype == LT_LINUX_SLL2)
		return 0;
	name = pcap_datalink_val_to_name(pv->linktype);
	snprintf(pc_why, sizeof(pc_why), "link type %s (%d) not supported: "
		 "expected LINKTYPE_CAN_SOCKETCAN (227) or a Linux cooked "
		 "capture (113, 276) of CAN", name ? name : "?",
		 pv->linktype);
	*why = pc_why;
	errno = EINVAL;
	return -1;
}

/* libpcap on a stdio stream over our pc_in; NULL with *why set. */
static pcap_t *
open_stream(struct pc_in *in, const char **why)
{
	static const cookie_io_functions_t io = {
		.read = pc_in_read, .close = pc_in_close,
	};
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *pc;
	FILE *fp;

	fp = fopencookie(in, "rb", io);
	if (fp == NULL) {
		pc_in_close(in);
		*why = NULL;
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, PC_STDIO_BUF);
	err[0] = '\0';
	pc = pcap_fopen_offline_with_tstamp_precision(fp,
			PCAP_TSTAMP_PRECISION_NANO, err);
	if (pc == NULL) {
		fclose(fp);
		snprintf(pc_why, sizeof(pc_why), "%s", err);
		*why = pc_why;
		errno = EINVAL;
	}
	return pc;
}

static struct co_source *
pc_open(int fd, bool own_fd, const char *name, const void *pre, size_t npre,
	const char **why)
{
	struct co_source *src = calloc(1, sizeof(*src));
	struct pc_priv *pv = calloc(1, sizeof(*pv));
	struct pc_in *in = calloc(1, sizeof(*in));

	*why = NULL;
	if (src == NULL || pv == NULL || in == NULL || npre > PC_PRE_MAX)
		goto fail;
	in->fd = fd;
	in->own_fd = own_fd;
	if (npre)
		memcpy(in->pre, pre, npre);
	in->npre = npre;
	pv->in = in;
	pv->pc = open_stream(in, why);   /* owns in from here on */
	in = NULL;
	if (pv->pc == NULL)
		goto fail_nofd;
	if (check_linktype(pv, why) != 0)
		goto fail_close;
	snprintf(src->name, sizeof(src->name), "%s", name);
	pv->done = PC_FILE_HDR;
	pv->in->src = src;
	src->fd = -1;
	src->unit = "record";
	src->next = pc_next;
	src->close = pc_close;
	src->priv = pv;
	return src;
fail_close:
	pcap_close(pv->pc);
fail_nofd:
	free(pv);
	free(src);
	return NULL;
fail:
	if (npre > PC_PRE_MAX)
		errno = EINVAL;
	if (own_fd)
		close(fd);
	free(in);
	free(pv);
	free(src);
	return NULL;
}

struct co_source *
src_pcap_fdopen(int fd, const char *name, const void *pre, size_t npre,
		bool own_fd, const char **why)
{
	return pc_open(fd, own_fd, name, pre, npre, why);
}

struct co_source *
src_pcap_open(const char *path, const char **why)
{
	int fd;

	*why = NULL;
	if (strcmp(path, "-") == 0)
		return pc_open(STDIN_FILENO, false, CO_STDIN_NAME, NULL, 0,
			       why);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	return pc_open(fd, true, path, NULL, 0, why);
}
