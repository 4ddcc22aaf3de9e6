/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log_pcap.c - frame sink writing pcap files through libpcap's dump API:
 * LINKTYPE_CAN_SOCKETCAN (227), nanosecond timestamps */
#include "config.h"
#include "sink.h"

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
#define LP_HDR_SIZE 24u            /* file header written at open */
#define LP_REC_HDR  16u            /* per-record header */
#define LP_BUF_SIZE (256u * 1024u) /* stdio buffer: bytes per write(2) */

struct log_pcap {
	struct co_sink sink;
	pcap_t *dead;
	pcap_dumper_t *dumper;
	FILE *fp;
	size_t pending_bytes;  /* bytes in the stdio buffer */
	uint64_t pending;      /* frames in the stdio buffer */
	char iobuf[LP_BUF_SIZE];
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

/* Flush the stdio buffer; on failure count its frames as lost (glibc
 * drops a buffer it could not write) and keep the sink usable. */
static int
drain(struct log_pcap *lp)
{
	struct co_sink *s = &lp->sink;
	int err;

	if (pcap_dump_flush(lp->dumper) == 0 && !ferror(lp->fp)) {
		s->nwritten += lp->pending;
		lp->pending = 0;
		lp->pending_bytes = 0;
		return 0;
	}
	err = errno ? errno : EIO;
	s->nerr += lp->pending;
	snprintf(s->msg, sizeof(s->msg), "%.200s: %s", s->name, strerror(err));
	clearerr(lp->fp);
	lp->pending = 0;
	lp->pending_bytes = 0;
	errno = err;
	return -1;
}

static int
pcap_sink_write(struct co_sink *s, const struct co_frame *f)
{
	struct log_pcap *lp = s->priv;
	struct pcap_pkthdr h;
	uint8_t rec[LP_FD_REC];
	int rc = 0;

	memset(&h, 0, sizeof(h));
	h.caplen = h.len = make_record(rec, f);
	h.ts.tv_sec = (time_t)(f->ts_ns / 1000000000u);
	h.ts.tv_usec = (suseconds_t)(f->ts_ns % 1000000000u); /* ns file */
	/* flush before stdio would, so that we know which frames a failed
	 * write(2) took with it */
	if (lp->pending_bytes + LP_REC_HDR + h.caplen > LP_BUF_SIZE)
		rc = drain(lp);
	errno = 0;
	pcap_dump((u_char *)lp->dumper, &h, rec);
	lp->pending_bytes += LP_REC_HDR + h.caplen;
	lp->pending++;
	if (ferror(lp->fp) && drain(lp) != 0)
		rc = -1;
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
	struct log_pcap *lp = s->priv;
	int rc, err = 0;

	rc = drain(lp);
	if (rc != 0)
		err = errno;
	/* pcap_dump_close() fcloses our FILE (and its descriptor) */
	pcap_dump_close(lp->dumper);
	pcap_close(lp->dead);
	free(lp);
	errno = err;
	return rc;
}

/* A FILE with our large buffer on path, or on a copy of stdout for "-"
 * (so that closing the dumper leaves stdout open). */
static FILE *
open_file(const char *path, char *buf, size_t size)
{
	FILE *fp;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	else
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  0666);
	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "wb");
	if (fp == NULL) {
		int err = errno;

		close(fd);
		errno = err;
		return NULL;
	}
	setvbuf(fp, buf, _IOFBF, size);
	return fp;
}

struct co_sink *
log_pcap_open(const char *path)
{
	struct log_pcap *lp;
	int err;

	lp = calloc(1, sizeof(*lp));
	if (lp == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	lp->fp = open_file(path, lp->iobuf, sizeof(lp->iobuf));
	if (lp->fp == NULL)
		goto fail_free;
	lp->dead = pcap_open_dead_with_tstamp_precision(DLT_CAN_SOCKETCAN,
			LP_SNAPLEN, PCAP_TSTAMP_PRECISION_NANO);
	if (lp->dead == NULL) {
		errno = ENOMEM;
		goto fail_fclose;
	}
	lp->dumper = pcap_dump_fopen(lp->dead, lp->fp);
	if (lp->dumper == NULL) {
		errno = EIO;
		goto fail_pclose;
	}
	lp->pending_bytes = LP_HDR_SIZE;
	snprintf(lp->sink.name, sizeof(lp->sink.name), "%s", path);
	lp->sink.write = pcap_sink_write;
	lp->sink.flush = pcap_sink_flush;
	lp->sink.close = pcap_sink_close;
	lp->sink.priv = lp;
	return &lp->sink;

fail_pclose:
	pcap_close(lp->dead);
fail_fclose:
	err = errno;
	fclose(lp->fp);
	errno = err;
fail_free:
	err = errno;
	free(lp);
	errno = err;
	return NULL;
}
