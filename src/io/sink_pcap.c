/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sink_pcap.c - frame sink writing pcap files through libpcap's dump API:
 * LINKTYPE_CAN_SOCKETCAN (227), nanosecond timestamps */
#include "config.h"
#include "sink.h"
#include "wrec.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * One record per frame, the Linux struct can_frame / canfd_frame as a
 * raw socket delivers it, except that the id is big-endian (libpcap's
 * LINKTYPE_CAN_SOCKETCAN definition; Wireshark reads it that way):
 *
 * Byte  | Meaning
 * ------+-----------------------------------------------------------
 * 0-3   | CAN id, big-endian; bit 31 EFF, bit 30 RTR, bit 29 ERR
 * 4     | payload length (remote frame: requested length)
 * 5     | CAN FD: flags BRS 0x01, ESI 0x02, FDF 0x04 (always set);
 *       | classic: 0
 * 6     | reserved, 0
 * 7     | classic: raw DLC 9..15 of an 8-byte frame (len8_dlc), else 0
 * 8-15  | classic: data, zero padded (16-byte record)
 * 8-71  | CAN FD: data, zero padded (72-byte record)
 *
 * FDF makes Wireshark 4.0 show a 72-byte record as CAN FD: it ignores
 * the record size and classifies by that bit alone.
 */

#define LP_EFF_FLAG 0x80000000u
#define LP_RTR_FLAG 0x40000000u
#define LP_ERR_FLAG 0x20000000u
#define LP_FD_MASK  0x03u          /* BRS | ESI: flags kept from frame */
#define LP_CAN_REC  16u            /* sizeof(struct can_frame) */
#define LP_FD_REC   72u            /* sizeof(struct canfd_frame) */
#define LP_SNAPLEN  65535
#define LP_REC_HDR  16u            /* per-record header */
#define LP_BUF_SIZE (256u * 1024u) /* bytes buffered between writes */

/*
 * libpcap's dumper writes into a memory stream over iobuf (unbuffered, so
 * every record is there at once); drain() writes whole records from it to
 * the file with wrec_write(), so that neither a failed write nor a kill
 * leaves part of a record in the file.
 */
struct sink_pcap {
	struct co_sink sink;
	pcap_t *dead;
	pcap_dumper_t *dumper;
	FILE *mem;             /* memory stream over iobuf */
	int fd;
	bool own_fd;           /* close fd at the end (not stdout) */
	size_t len;            /* bytes in iobuf */
	uint64_t pending;      /* frames in iobuf */
	struct wrec wr;
	/* + 1: glibc's fmemopen() puts a NUL after the data, and over the
	 * last byte when the data fills the stream */
	char iobuf[LP_BUF_SIZE + 1];
};

static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Fill rec (LP_FD_REC bytes) for f; returns the record length. */
static uint32_t
make_record(uint8_t *rec, const struct co_frame *f)
{
	bool fd = co_frame_is_fd(f);
	uint32_t id;
	unsigned len = f->len;

	if (co_frame_is_err(f))
		id = (f->id & CO_ERR_MASK) | LP_ERR_FLAG;
	else if (co_frame_is_eff(f))
		id = (f->id & CO_EFF_MASK) | LP_EFF_FLAG;
	else
		id = f->id & CO_SFF_MASK;
	if (!fd && co_frame_is_rtr(f))
		id |= LP_RTR_FLAG;
	if (len > (fd ? CO_FD_MAX_DLEN : CO_CAN_MAX_DLEN))
		len = fd ? CO_FD_MAX_DLEN : CO_CAN_MAX_DLEN;
	memset(rec, 0, LP_FD_REC);
	put_be32(rec, id);
	rec[4] = (uint8_t)len;
	if (fd) {
		rec[5] = (uint8_t)((f->fd_flags & LP_FD_MASK) | CO_FD_FDF);
		memcpy(rec + 8, f->data, len);
		return LP_FD_REC;
	}
	if (len == CO_CAN_MAX_DLEN && f->raw_dlc > CO_CAN_MAX_DLEN &&
	    f->raw_dlc <= 15)
		rec[7] = f->raw_dlc;
	if (!co_frame_is_rtr(f))
		memcpy(rec + 8, f->data, len);
	return LP_CAN_REC;
}

/* Write iobuf to the file; on failure count the frames not wholly
 * written as lost and keep the sink usable. */
static int
drain(struct sink_pcap *lp)
{
	struct co_sink *s = &lp->sink;
	size_t done;
	int err;

	done = wrec_write(&lp->wr, lp->iobuf, lp->len);
	rewind(lp->mem);
	if (done == lp->len) {
		s->nwritten += lp->pending;
		lp->pending = 0;
		lp->len = 0;
		return 0;
	}
	err = errno;
	/* the file header is a record too, not a frame */
	if (lp->wr.lost > lp->pending)
		lp->wr.lost = (size_t)lp->pending;
	s->nerr += lp->wr.lost;
	s->nwritten += lp->pending - lp->wr.lost;
	snprintf(s->msg, sizeof(s->msg), "%.200s: %s", s->name, strerror(err));
	lp->pending = 0;
	lp->len = 0;
	errno = err;
	return -1;
}

static int
pcap_sink_write(struct co_sink *s, const struct co_frame *f)
{
	struct sink_pcap *lp = s->priv;
	struct pcap_pkthdr h;
	uint8_t rec[LP_FD_REC];
	long pos;
	int rc = 0;

	memset(&h, 0, sizeof(h));
	h.caplen = h.len = make_record(rec, f);
	h.ts.tv_sec = (time_t)(f->ts_ns / 1000000000u);
	h.ts.tv_usec = (suseconds_t)(f->ts_ns % 1000000000u); /* ns file */
	if (lp->len + LP_REC_HDR + h.caplen > LP_BUF_SIZE ||
	    !wrec_room(&lp->wr))
		rc = drain(lp);
	pcap_dump((u_char *)lp->dumper, &h, rec);
	pos = ftell(lp->mem);
	if (ferror(lp->mem) || pos != (long)(lp->len + LP_REC_HDR + h.caplen))
		abort();        /* cannot happen: the record fits in iobuf */
	lp->len = (size_t)pos;
	wrec_add(&lp->wr, lp->len);
	lp->pending++;
	return rc;
}

static int
pcap_sink_flush(struct co_sink *s)
{
	return drain(s->priv);
}

static int
pcap_sink_close(struct co_sink *s)
{
	struct sink_pcap *lp = s->priv;
	int rc, err = 0;

	rc = drain(lp);
	if (rc != 0)
		err = errno;
	/* pcap_dump_close() fcloses the memory stream */
	pcap_dump_close(lp->dumper);
	pcap_close(lp->dead);
	if (lp->own_fd && close(lp->fd) != 0 && rc == 0) {
		err = errno;
		snprintf(s->msg, sizeof(s->msg), "%.200s: %s", s->name,
			 strerror(err));
		rc = -1;
	}
	free(lp);
	errno = err;
	return rc;
}

/* The memory stream for libpcap's dumper, with the file header in it. */
static int
open_dumper(struct sink_pcap *lp)
{
	lp->mem = fmemopen(lp->iobuf, sizeof(lp->iobuf), "w");
	if (lp->mem == NULL)
		return -1;
	setvbuf(lp->mem, NULL, _IONBF, 0);
	lp->dead = pcap_open_dead_with_tstamp_precision(DLT_CAN_SOCKETCAN,
			LP_SNAPLEN, PCAP_TSTAMP_PRECISION_NANO);
	if (lp->dead == NULL) {
		fclose(lp->mem);
		errno = ENOMEM;
		return -1;
	}
	lp->dumper = pcap_dump_fopen(lp->dead, lp->mem);
	if (lp->dumper == NULL) {
		pcap_close(lp->dead);
		fclose(lp->mem);
		errno = EIO;
		return -1;
	}
	lp->len = (size_t)ftell(lp->mem);
	wrec_add(&lp->wr, lp->len);
	return 0;
}

/* The file header to the file at once: a file killed before its first
 * frames is an empty capture, not an empty file.  What cannot be written
 * now stays buffered; the first flush says why it fails. */
static void
write_header(struct sink_pcap *lp)
{
	size_t done = wrec_write(&lp->wr, lp->iobuf, lp->len);

	memmove(lp->iobuf, lp->iobuf + done, lp->len - done);
	lp->len -= done;
	fseek(lp->mem, (long)lp->len, SEEK_SET);
	if (lp->len > 0)
		wrec_add(&lp->wr, lp->len);
}

/* Bytes in the file and in the buffer. */
static void
pcap_sink_status(const struct co_sink *s, struct sink_status *st)
{
	const struct sink_pcap *lp = s->priv;

	st->bytes = lp->wr.off + lp->len;
}

struct co_sink *
sink_pcap_open(const char *path)
{
	struct sink_pcap *lp;
	int fd, err;

	if (strcmp(path, "-") == 0)
		fd = STDOUT_FILENO;
	else if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			    0666)) < 0)
		return NULL;
	lp = calloc(1, sizeof(*lp));
	if (lp == NULL) {
		errno = ENOMEM;
		goto fail_close;
	}
	lp->fd = fd;
	lp->own_fd = fd != STDOUT_FILENO;
	wrec_init(&lp->wr, fd);
	if (open_dumper(lp) != 0)
		goto fail_free;
	write_header(lp);
	snprintf(lp->sink.name, sizeof(lp->sink.name), "%s", path);
	lp->sink.write = pcap_sink_write;
	lp->sink.flush = pcap_sink_flush;
	lp->sink.close = pcap_sink_close;
	lp->sink.status = pcap_sink_status;
	lp->sink.priv = lp;
	return &lp->sink;

fail_free:
	err = errno;
	free(lp);
	errno = err;
fail_close:
	err = errno;
	if (fd != STDOUT_FILENO)
		close(fd);
	errno = err;
	return NULL;
}
