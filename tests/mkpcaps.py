#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""mkpcaps.py - write the pcap/pcapng test inputs of tests/logs/ byte by byte.

Layouts follow libpcap's savefile formats and link-type pages:
  pcap: 24-byte file header (magic a1b2c3d4 = us, a1b23c4d = ns), 16-byte
        record headers.
  pcapng: SHB, IDB (options if_name=2, if_tsresol=9), EPB per packet.
  LINKTYPE_CAN_SOCKETCAN (227): CAN id + flags big-endian, len, FD flags,
        reserved, len8_dlc, payload (16 bytes classic, 72 bytes FD).
  LINKTYPE_LINUX_SLL (113) / SLL2 (276): cooked header, protocol 0x000C
        (CAN) / 0x000D (CAN FD) / 0x000E (CAN XL), then the SocketCAN
        header with the CAN id in the writer's host byte order (these
        files: little-endian, as the file header).
Run from tests/:  python3 mkpcaps.py  (rewrites logs/pc-*.pcap*).
"""
import struct
import sys

EFF, RTR, ERR = 0x80000000, 0x40000000, 0x20000000
BRS, ESI, FDF = 0x01, 0x02, 0x04


def sc(can_id, data=b"", length=None, fdflags=0, len8=0, fd=False,
       be=True, pad=True):
    """A SocketCAN header plus payload."""
    n = len(data) if length is None else length
    hdr = struct.pack(">I" if be else "<I", can_id)
    hdr += struct.pack("BBBB", n, fdflags, 0, len8)
    if pad:
        data = data.ljust(64 if fd else 8, b"\0")
    return hdr + data


def pcap(path, linktype, recs, ns=False):
    """recs: (sec, frac, bytes[, origlen])"""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B23C4D if ns else 0xA1B2C3D4,
                            2, 4, 0, 0, 262144, linktype))
        for r in recs:
            sec, frac, pkt = r[:3]
            orig = r[3] if len(r) > 3 else len(pkt)
            f.write(struct.pack("<IIII", sec, frac, len(pkt), orig))
            f.write(pkt)


def opt(code, val):
    pad = (-len(val)) % 4
    return struct.pack("<HH", code, len(val)) + val + b"\0" * pad


def block(btype, body):
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def shb():
    return block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + opt(0, b""))


def idb(linktype, ifname, tsresol):
    body = struct.pack("<HHI", linktype, 0, 262144)
    if ifname:
        body += opt(2, ifname.encode())
    if tsresol is not None:
        body += opt(9, bytes([tsresol]))
    return block(1, body + opt(0, b""))


def epb(ifid, t, pkt):
    body = struct.pack("<IIIII", ifid, t >> 32, t & 0xFFFFFFFF, len(pkt), len(pkt))
    return block(6, body + pkt + b"\0" * ((-len(pkt)) % 4))


def pcapng_multi(path):
    """Two sections; the first with can0 (us) and vcan1 (ns, a 300-byte
    comment option first), an ISB and 3000 packets alternating between
    them (crossing the 64 KiB read buffer); the second section has one
    interface, so its ids restart at 0."""
    out = shb()
    out += idb(227, "can0", 6)
    out += block(1, struct.pack("<HHI", 227, 0, 262144) + opt(1, b"x" * 300)
                 + opt(2, b"vcan1") + opt(9, bytes([9])) + opt(0, b""))
    for i in range(3000):
        ifid = i % 2
        t = T * (10 ** 6 if ifid == 0 else 10 ** 9) + i
        out += epb(ifid, t, sc(0x100 + (i % 0x7F) + 1, struct.pack(">H", i)))
        if i == 1500:   # Interface Statistics Block: skipped by both
            out += block(5, struct.pack("<III", 0, 0, 0) + opt(0, b""))
    out += shb() + idb(227, "vcan5", 9)
    out += epb(0, T * 10 ** 9 + 42, sc(0x123, b"\x42"))
    with open(path, "wb") as f:
        f.write(out)


def pcapng(path, linktype, recs, ifname, tsresol):
    shb = struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + opt(0, b"")
    idb = struct.pack("<HHI", linktype, 0, 262144)
    idb += opt(2, ifname.encode()) + opt(9, bytes([tsresol])) + opt(0, b"")
    units = 10 ** tsresol
    with open(path, "wb") as f:
        f.write(block(0x0A0D0D0A, shb))
        f.write(block(1, idb))
        for sec, frac, pkt in recs:
            t = sec * units + frac
            body = struct.pack("<IIIII", 0, t >> 32, t & 0xFFFFFFFF,
                               len(pkt), len(pkt))
            body += pkt + b"\0" * ((-len(pkt)) % 4)
            f.write(block(6, body))


def sll(proto, pkt, outgoing=False):
    return struct.pack(">HHH8sH", 4 if outgoing else 0, 280, 0, b"", proto) + pkt


def sll2(proto, pkt, outgoing=False):
    return struct.pack(">HHIHBB8s", proto, 0, 7, 280,
                       4 if outgoing else 0, 0, b"") + pkt


T = 1700000000


def main():
    # nanosecond pcap, classic frames of every kind
    pcap("logs/pc-classic-ns.pcap", 227, [
        (T, 123456789, sc(0x123, b"\x11\x22\x33")),
        (T, 123456790, sc(EFF | 0x12345678, b"\x01\x02\x03\x04\x05\x06\x07\x08")),
        (T, 200000000, sc(0x7FF)),
        (T + 1, 0, sc(RTR | 0x6F5, length=1)),
        (T + 1, 1, sc(RTR | EFF | 0x1FFFFFFF, length=8, len8=0xF)),
        (T + 1, 2, sc(0x6A1, b"\xAA" * 8, len8=0xC)),
        (T + 2, 0, sc(ERR | 0x04, b"\x00\x04\x00\x00\x00\x00\x00\x00")),
        (T + 2, 1, sc(ERR | 0x80)),
    ], ns=True)
    # pcapng, named interface, ns resolution, CAN FD
    pcapng("logs/pc-fd.pcapng", 227, [
        (T, 1, sc(0x123, bytes(range(12)), fdflags=FDF | BRS, fd=True)),
        (T, 2, sc(EFF | 0x1ABCDEF0, bytes(range(64)), fdflags=FDF | ESI, fd=True)),
        (T, 3, sc(0x124, b"\x01\x02", fd=True)),          # 72 bytes, no FDF
        (T, 4, sc(0x125, b"", fdflags=FDF, fd=True)),
        (T, 5, sc(0x126, b"\x42")),                        # classic
    ], "vcan1", 9)
    pcapng_multi("logs/pc-multi.pcapng")
    # Linux cooked captures (tcpdump -i any)
    le = dict(be=False)
    pcap("logs/pc-sll.pcap", 113, [
        (T, 100, sll(0x000C, sc(0x123, b"\x01\x02", **le))),
        (T, 200, sll(0x000C, sc(EFF | 0x12345678, b"\x03", **le), True)),
        (T, 300, sll(0x000D, sc(0x124, bytes(16), fdflags=BRS, fd=True, **le))),
        (T, 400, sll(0x0800, b"\x45" + bytes(27))),
        (T, 500, sll(0x000E, bytes(16))),
        (T, 600, sll(0x000C, sc(RTR | 0x6F5, length=1, **le))),
    ])
    pcap("logs/pc-sll2.pcap", 276, [
        (T, 100, sll2(0x000C, sc(0x123, b"\x01\x02", **le))),
        (T, 200, sll2(0x000D, sc(0x124, bytes(8), fdflags=FDF | ESI, fd=True, **le), True)),
        (T, 300, sll2(0x000C, sc(ERR | 0x10, bytes(8), **le))),
    ])
    # bad records, each followed by a good one
    pcap("logs/pc-bad.pcap", 227, [
        (T, 1, b"\x00\x00\x01"),                            # caplen 3
        (T, 2, sc(0x101, b"\x01")),
        (T, 3, sc(0x102, length=65, pad=False) + bytes(65)),
        (T, 4, sc(0x103, bytes(9), pad=False)),              # classic 9
        (T, 5, sc(0x104, bytes(9), fdflags=FDF, pad=False)), # FD 9
        (T, 6, sc(0x105, length=8, pad=False) + b"\x01\x02"),# truncated
        (T, 7, sc(0x00000FFF, b"\x01")),                     # SFF > 0x7FF
        (T, 8, sc(0x106, length=0x80, pad=False) + bytes(8)),# CAN XL flag
        (T, 9, sc(0x107, b"\x07")),
    ])
    # not CAN: an Ethernet capture
    pcap("logs/pc-ether.pcap", 1, [(T, 0, bytes(60))])
    # cut in the middle of the second record
    pcap("logs/pc-cut.pcap", 227, [(T, 0, sc(0x123, b"\x01")),
                                   (T, 1, sc(0x124, b"\x02"))])
    with open("logs/pc-cut.pcap", "r+b") as f:
        f.truncate(24 + 16 + 16 + 16 + 5)
    # what a killed writer may leave: cut in a record header; a pcapng
    # cut in its last Enhanced Packet Block
    pcap("logs/pc-cut-hdr.pcap", 227, [(T, 0, sc(0x123, b"\x01")),
                                       (T, 1, sc(0x124, b"\x02"))])
    with open("logs/pc-cut-hdr.pcap", "r+b") as f:
        f.truncate(24 + 16 + 16 + 9)
    pcapng("logs/pc-cut.pcapng", 227, [(T, 0, sc(0x123, b"\x01")),
                                       (T, 1, sc(0x124, b"\x02"))],
           "can1", 9)
    with open("logs/pc-cut.pcapng", "r+b") as f:
        f.seek(0, 2)
        f.truncate(f.tell() - 7)
    return 0


if __name__ == "__main__":
    sys.exit(main())
