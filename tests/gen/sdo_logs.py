#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""sdo_logs.py - write protocol-correct CANopen candump -L logs for the
model's golden tests (CiA 301 SDO expedited/segmented/block, heartbeat,
guarding, NMT).  Deterministic; stdlib only.

    tests/gen/sdo_logs.py [OUTDIR]      (default: tests/logs)
"""
import os
import sys

T0 = 1700000000 * 1000000


def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def mux(idx, sub):
    return [idx & 0xFF, idx >> 8, sub]


def le32(v):
    return [v & 0xFF, v >> 8 & 0xFF, v >> 16 & 0xFF, v >> 24 & 0xFF]


class Log:
    def __init__(self):
        self.t = T0
        self.lines = []

    def frame(self, cob, data, gap_us=1000, rtr=None):
        self.t += gap_us
        if rtr is not None:
            tok = "%03X#R%d" % (cob, rtr)
        else:
            tok = "%03X#%s" % (cob, "".join("%02X" % b for b in data))
        self.lines.append("(%d.%06d) can0 %s\n" %
                          (self.t // 1000000, self.t % 1000000, tok))

    def wait(self, us):
        self.t += us

    def c(self, node, data, gap=1000):
        self.frame(0x600 + node, (list(data) + [0] * 8)[:8], gap)

    def s(self, node, data, gap=1000):
        self.frame(0x580 + node, (list(data) + [0] * 8)[:8], gap)

    def write(self, path):
        with open(path, "w") as f:
            f.writelines(self.lines)


# ---- SDO frame sequences, as (dir, bytes) lists -------------------------

def download(idx, sub, d):
    out = []
    if 1 <= len(d) <= 4:
        out.append(("c", [0x23 | (4 - len(d)) << 2] + mux(idx, sub) + list(d)))
        out.append(("s", [0x60] + mux(idx, sub)))
        return out
    out.append(("c", [0x21] + mux(idx, sub) + le32(len(d))))
    out.append(("s", [0x60] + mux(idx, sub)))
    out += segments("c", d)
    return out


def upload(idx, sub, d):
    out = [("c", [0x40] + mux(idx, sub))]
    if 1 <= len(d) <= 4:
        out.append(("s", [0x43 | (4 - len(d)) << 2] + mux(idx, sub) + list(d)))
        return out
    out.append(("s", [0x41] + mux(idx, sub) + le32(len(d))))
    out += segments("s", d)
    return out


def segments(sender, d):
    out, off, t = [], 0, 0
    while True:
        k = min(7, len(d) - off)
        last = off + k == len(d)
        seg = [t << 4 | (7 - k) << 1 | int(last)] + list(d[off:off + k])
        if sender == "c":
            out.append(("c", seg))
            out.append(("s", [0x20 | t << 4]))
        else:
            out.append(("c", [0x60 | t << 4]))
            out.append(("s", seg))
        off += k
        t ^= 1
        if last:
            return out


def subblocks(sender, d, blksize):
    peer = "s" if sender == "c" else "c"
    out, off = [], 0
    while off < len(d):
        seq = 0
        while off < len(d) and seq < blksize:
            k = min(7, len(d) - off)
            seq += 1
            out.append((sender, [int(off + k == len(d)) << 7 | seq] +
                        list(d[off:off + k])))
            off += k
        out.append((peer, [0xA2, seq, blksize]))
    return out


def blk_end(sender, d, crc=None):
    last = len(d) % 7 or 7
    crc = crc16(d) if crc is None else crc
    return [(sender, [0xC1 | (7 - last) << 2, crc & 0xFF, crc >> 8]),
            ("s" if sender == "c" else "c", [0xA1])]


def blk_download(idx, sub, d, blksize=127):
    return ([("c", [0xC6] + mux(idx, sub) + le32(len(d))),
             ("s", [0xA4] + mux(idx, sub) + [blksize])] +
            subblocks("c", d, blksize) + blk_end("c", d))


def blk_upload(idx, sub, d, blksize=127):
    return ([("c", [0xA4] + mux(idx, sub) + [blksize, 0]),
             ("s", [0xC6] + mux(idx, sub) + le32(len(d))),
             ("c", [0xA3])] + subblocks("s", d, blksize) + blk_end("s", d))


def play(log, node, seq, gap=1000):
    for d, data in seq:
        (log.c if d == "c" else log.s)(node, data, gap)


def pattern(n, seed=0):
    return bytes((i * 31 + seed + 1) & 0xFF for i in range(n))


# ---- logs ---------------------------------------------------------------

def sdo_modes():
    """Every transfer mode both ways, the sizes at the mode boundaries."""
    log = Log()
    text = b"CANopen cosniff SDO test data, 40 bytes!"
    for n in (1, 2, 3, 4):
        play(log, 5, download(0x2000, n, pattern(n)))
        play(log, 5, upload(0x2000, n, pattern(n, 7)))
    for n in (0, 5, 7, 8, 14):
        play(log, 5, download(0x2001, n, pattern(n)))
        play(log, 5, upload(0x2001, n, pattern(n, 3)))
    play(log, 5, upload(0x1008, 0, text))
    play(log, 5, download(0x1F50, 1, pattern(1000)), 300)
    play(log, 5, upload(0x1F50, 1, pattern(1000, 9)), 300)
    for n in (1, 7, 889, 890):
        play(log, 5, blk_download(0x1F51, 1, pattern(n)), 200)
        play(log, 5, blk_upload(0x1F51, 2, pattern(n, 5)), 200)
    play(log, 5, blk_upload(0x1008, 0, text, 4))
    # beyond the 4096 bytes kept: size and CRC still checked
    play(log, 5, blk_download(0x1F52, 0, pattern(5000, 1)), 150)
    return log


def sdo_errors():
    """Broken and odd transfers, one after the other, node 6."""
    log = Log()
    d = pattern(30)
    # toggle error: second server segment keeps t=0
    seq = upload(0x2100, 1, d)
    seq[5] = ("s", [seq[5][1][0] & ~0x10] + seq[5][1][1:])
    play(log, 6, seq)
    # lost segment (segmented download): 2nd client segment missing
    seq = download(0x2100, 2, d)
    del seq[4]
    play(log, 6, seq)
    # lost segment (block download): segment 3 missing, server acks 5
    seq = blk_download(0x2100, 3, d)
    del seq[4]
    play(log, 6, seq)
    # duplicated upload segment request: a retry, transfer is fine
    seq = upload(0x2100, 4, pattern(20))
    seq.insert(3, seq[2])
    play(log, 6, seq)
    # duplicated block segment: ignored by the receiver
    seq = blk_download(0x2100, 5, pattern(40))
    seq.insert(4, seq[3])
    play(log, 6, seq)
    # abort mid-transfer by the server
    seq = download(0x2100, 6, d)[:4]
    seq.append(("s", [0x80] + mux(0x2100, 6) + le32(0x06070010)))
    play(log, 6, seq)
    # block retransmission: blksize 5, server takes 3, client resends 4..
    seq = [("c", [0xC6] + mux(0x2100, 7) + le32(49)),
           ("s", [0xA4] + mux(0x2100, 7) + [5])]
    b = pattern(49, 2)
    seq += [("c", [i + 1] + list(b[i * 7:i * 7 + 7])) for i in range(5)]
    seq.append(("s", [0xA2, 3, 5]))
    rest = b[21:]
    seq += [("c", [(0x80 if i == 3 else 0) | (i + 1)] +
             list(rest[i * 7:i * 7 + 7])) for i in range(4)]
    seq.append(("s", [0xA2, 4, 5]))
    seq += blk_end("c", b)
    play(log, 6, seq)
    # CRC mismatch (block upload): server sends a wrong CRC
    seq = blk_upload(0x2100, 8, d)
    seq[-2] = ("s", seq[-2][1][:1] + [0x34, 0x12])
    play(log, 6, seq)
    # size mismatch: indicated 31, 30 sent
    seq = upload(0x2100, 9, d)
    seq[1] = ("s", [0x41] + mux(0x2100, 9) + le32(31))
    play(log, 6, seq)
    # block upload answered with a normal expedited response (pst)
    play(log, 6, [("c", [0xA4] + mux(0x1000, 0) + [127, 10]),
                  ("s", [0x43] + mux(0x1000, 0) + [0x92, 0x01, 0x02, 0x00])])
    # block upload answered segmented (pst)
    seq = upload(0x1008, 0, b"cosniff node")
    seq[0] = ("c", [0xA4] + mux(0x1008, 0) + [127, 20])
    play(log, 6, seq)
    # the sender of a sub-block aborts (0x80 where a segment would be)
    seq = blk_download(0x2100, 10, pattern(100))[:5]
    seq.append(("c", [0x80] + mux(0x2100, 10) + le32(0x05040001)))
    play(log, 6, seq)
    # timeout: a segmented upload stops; the bus goes on
    play(log, 6, upload(0x2100, 11, d)[:4])
    log.wait(1500000)
    log.frame(0x080, [])
    # capture starting mid-transfer (node 7): segments without initiate,
    # reported once
    play(log, 7, [("c", [0x70]), ("s", [0x10, 1, 2, 3, 4, 5, 6, 7]),
                  ("c", [0x60]), ("s", [0x0B, 8, 9, 10, 11])])
    # transfer still open at the end of the input
    play(log, 6, upload(0x2100, 12, d)[:3])
    return log


def sdo_interleaved():
    """Three nodes, three modes, frames interleaved round-robin."""
    log = Log()
    seqs = [(1, upload(0x1008, 0, b"node one device name")),
            (2, blk_download(0x1F50, 1, pattern(60))),
            (3, download(0x2001, 2, pattern(14)))]
    i = 0
    while any(i < len(s) for _, s in seqs):
        for node, s in seqs:
            if i < len(s):
                play(log, node, [s[i]], 300)
        i += 1
    return log


def hb_timeout():
    """Nodes 1-3 heartbeat every 100 ms; node 2 is silent 1 s then back,
    node 3 stops for good; node 4 never appears."""
    log = Log()
    for n in (1, 2, 3):
        log.frame(0x700 + n, [0x00], 100)
    t = 0
    for step in range(30):
        for n in (1, 2, 3):
            silent = (n == 2 and 5 <= step < 15) or (n == 3 and step >= 20)
            if not silent:
                log.frame(0x700 + n, [0x05], 200)
        log.wait(100000 - 600)
        t += 1
    return log


def guarding():
    """Node guarding of node 7: toggle 0, 1, then 1 again (error), then a
    reset communication, and a first answer with toggle 1 (error); later
    three requests go unanswered."""
    log = Log()
    log.frame(0x707, [0x00])
    for tog in (0, 1, 1, 0):
        log.frame(0x707, [], 100000, rtr=1)
        log.frame(0x707, [tog << 7 | 0x7F], 500)
    log.frame(0x000, [0x82, 0x07], 10000)
    log.frame(0x707, [0x00], 20000)
    log.frame(0x707, [], 100000, rtr=1)
    log.frame(0x707, [0x80 | 0x7F], 500)
    log.frame(0x707, [], 100000, rtr=1)
    log.frame(0x707, [0x7F], 500)
    # the node stops answering three requests, then answers again
    for _ in range(3):
        log.frame(0x707, [], 100000, rtr=1)
    log.frame(0x707, [], 100000, rtr=1)
    log.frame(0x707, [0x80 | 0x7F], 500)
    return log


def nmt_states():
    """Boot-ups, NMT commands broadcast and addressed, heartbeats."""
    log = Log()
    for n in (1, 2):
        log.frame(0x700 + n, [0x00])
    log.frame(0x000, [0x01, 0x00], 10000)
    for n in (1, 2):
        log.frame(0x700 + n, [0x05])
    log.frame(0x000, [0x02, 0x02], 10000)
    log.frame(0x702, [0x04], 5000)
    log.frame(0x000, [0x80, 0x00], 10000)
    log.frame(0x701, [0x7F], 5000)
    log.frame(0x702, [0x7F], 500)
    log.frame(0x000, [0x81, 0x01], 10000)
    log.frame(0x701, [0x00], 20000)
    log.frame(0x701, [0x7F], 100000)
    log.frame(0x000, [0x82, 0x00], 10000)
    for n in (1, 2):
        log.frame(0x700 + n, [0x00], 20000)
    log.frame(0x702, [0x05], 100000)
    return log


def hb_learn():
    """The master configures node 1 to consume node 4's heartbeat with
    250 ms (1016:01 = 0x000400FA) and node 4 to produce every 100 ms
    (1017:00); node 4 then stops after 5 heartbeats."""
    log = Log()
    play(log, 1, download(0x1016, 1, bytes([0xFA, 0x00, 0x04, 0x00])))
    play(log, 4, download(0x1017, 0, bytes([100, 0])))
    for _ in range(5):
        log.frame(0x704, [0x05], 100000)
    log.frame(0x701, [0x05], 500000)
    return log


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "logs")
    for name, fn in (("sdo-modes", sdo_modes), ("sdo-errors", sdo_errors),
                     ("sdo-interleaved", sdo_interleaved),
                     ("hb-timeout", hb_timeout), ("guarding", guarding),
                     ("nmt-states", nmt_states), ("hb-learn", hb_learn)):
        fn().write(os.path.join(out, name + ".log"))


if __name__ == "__main__":
    main()
