#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# gen_demo.py - writes the bundled demo capture (examples/demo.log, candump -l)
# and the EDS files of its devices (examples/demo-*.eds, examples/nodes.conf).
# Deterministic: same output on every run.  Usage: scripts/gen_demo.py [DIR]
#
# The story (times from the first frame):
#  0.0  the master (node 1) and nodes 5 (drive), 10 (I/O), 20 (sensor) boot
#  0.2  the master reads identities (expedited), node 5's name (segmented),
#       sets heartbeats (1017h), node 20's guarding (100Ch/100Dh), remaps
#       node 5's TPDO1, writes a parameter block to node 5 (block download),
#       tries a sub-index node 5 lacks (SDO abort), starts the network
#  1.5  SYNC every 20 ms; TPDOs of nodes 5 and 10 and the master's RPDO to 5
#       follow each SYNC; heartbeats 100/250/500 ms; node 20 guarded
#  8.0  node 5 raises EMCY 2310 (over-current), clears it at 11.0
# 15.0  node 10 drops out (silent); 19.0 it boots again, is configured and
#       started by the master
# 24.0  the master writes a calibration string to node 10 (segmented)
# 30.0  end
import os
import random
import sys

T0 = 1767225600.0          # 2026-01-01T00:00:00Z
END = 30.0
SYNC_S = 0.020

frames = []                 # (t, "ID#DATA")


def put(t, cid, data=b"", rtr=False):
    s = "%03X#" % cid + ("R" if rtr else data.hex().upper())
    frames.append((round(t, 6), s))


def le(v, n):
    return (v & ((1 << (8 * n)) - 1)).to_bytes(n, "little")


def mux(idx, sub):
    return le(idx, 2) + bytes([sub])


class Sdo:
    """A master (client) talking to node n; t advances per frame."""

    def __init__(self, t, node):
        self.t, self.n = t, node

    def c2s(self, data):
        put(self.t, 0x600 + self.n, data.ljust(8, b"\0"))
        self.t += 0.0006

    def s2c(self, data):
        put(self.t, 0x580 + self.n, data.ljust(8, b"\0"))
        self.t += 0.0011

    def upload_exp(self, idx, sub, val, size):
        self.c2s(b"\x40" + mux(idx, sub))
        self.s2c(bytes([0x43 | ((4 - size) << 2)]) + mux(idx, sub) +
                 le(val, size))

    def download_exp(self, idx, sub, val, size):
        self.c2s(bytes([0x23 | ((4 - size) << 2)]) + mux(idx, sub) +
                 le(val, size))
        self.s2c(b"\x60" + mux(idx, sub))

    def upload_seg(self, idx, sub, data):
        self.c2s(b"\x40" + mux(idx, sub))
        self.s2c(b"\x41" + mux(idx, sub) + le(len(data), 4))
        t = 0
        for i in range(0, len(data), 7):
            seg = data[i:i + 7]
            last = i + 7 >= len(data)
            self.c2s(bytes([0x60 | (t << 4)]))
            self.s2c(bytes([(t << 4) | ((7 - len(seg)) << 1) | last]) +
                     seg)
            t ^= 1

    def download_seg(self, idx, sub, data):
        self.c2s(b"\x21" + mux(idx, sub) + le(len(data), 4))
        self.s2c(b"\x60" + mux(idx, sub))
        t = 0
        for i in range(0, len(data), 7):
            seg = data[i:i + 7]
            last = i + 7 >= len(data)
            self.c2s(bytes([(t << 4) | ((7 - len(seg)) << 1) | last]) + seg)
            self.s2c(bytes([0x20 | (t << 4)]))
            t ^= 1

    def download_block(self, idx, sub, data, blksize=127):
        self.c2s(b"\xC6" + mux(idx, sub) + le(len(data), 4))
        self.s2c(b"\xA4" + mux(idx, sub) + bytes([blksize]))
        nseg = (len(data) + 6) // 7
        for i in range(nseg):
            seg = data[i * 7:i * 7 + 7]
            put(self.t, 0x600 + self.n,
                bytes([(i + 1) | (0x80 if i == nseg - 1 else 0)]) +
                seg.ljust(7, b"\0"))
            self.t += 0.0003
        self.s2c(bytes([0xA2, nseg, blksize]))
        unused = nseg * 7 - len(data)
        self.c2s(bytes([0xC1 | (unused << 2)]) + le(crc16(data), 2))
        self.s2c(b"\xA1")

    def abort_reply(self, idx, sub, val, size, code):
        self.c2s(bytes([0x23 | ((4 - size) << 2)]) + mux(idx, sub) +
                 le(val, size))
        self.s2c(b"\x80" + mux(idx, sub) + le(code, 4))


def crc16(data):
    """CRC-16-CCITT (XMODEM), as SDO block transfers use it."""
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def configure(t):
    """The master's configuration of the network; returns the end time."""
    for node, devtype in ((5, 0x00020192), (10, 0x000F0191),
                          (20, 0x00080194)):
        s = Sdo(t, node)
        s.upload_exp(0x1000, 0, devtype, 4)
        s.upload_exp(0x1018, 1, 0x0000C05F, 4)
        t = s.t + 0.004
    s = Sdo(t, 5)
    s.upload_seg(0x1008, 0, b"DX-400 servo drive")
    s.download_exp(0x1017, 0, 250, 2)
    # remap TPDO1: disable, clear, map statusword + velocity, enable
    s.download_exp(0x1800, 1, 0x80000185, 4)
    s.download_exp(0x1A00, 0, 0, 1)
    s.download_exp(0x1A00, 1, 0x60410010, 4)
    s.download_exp(0x1A00, 2, 0x606C0020, 4)
    s.download_exp(0x1A00, 0, 2, 1)
    s.download_exp(0x1800, 2, 1, 1)
    s.download_exp(0x1800, 1, 0x00000185, 4)
    s.download_block(0x2000, 0, bytes(range(0x30, 0x30 + 40)))
    s.abort_reply(0x2001, 4, 3, 1, 0x06090011)
    s = Sdo(s.t + 0.003, 10)
    s.download_exp(0x1017, 0, 500, 2)
    s = Sdo(s.t + 0.003, 20)
    s.upload_seg(0x1008, 0, b"TS-20 temperature sensor")
    s.download_exp(0x100C, 0, 200, 2)
    s.download_exp(0x100D, 0, 3, 1)
    return s.t + 0.01


class Bus:
    def __init__(self, rnd):
        self.rnd = rnd
        self.emcy = False
        self.io_up = True
        self.guard_t = 0

    def jit(self, ms):
        return self.rnd.uniform(0, ms / 1000.0)

    def cycle(self, t, k):
        """One SYNC cycle at t (cycle number k)."""
        put(t, 0x080)
        vel = int(1500 * (1 - abs((k % 400) - 200) / 200.0)) - 200
        sw = 0x0608 if self.emcy else 0x0637
        put(t + 0.0002 + self.jit(0.05), 0x185, le(sw, 2) + le(vel, 4))
        if self.io_up:
            di = (k // 50) & 0xFF
            ai = int(1000 + 300 * ((k % 100) / 100.0))
            put(t + 0.0004 + self.jit(0.05), 0x18A, bytes([di]) + le(ai, 2))
        cw = 0x0080 if self.emcy and k % 50 == 0 else 0x000F
        put(t + 0.0006 + self.jit(0.05), 0x205,
            le(cw, 2) + le(vel + 10, 4))


def heartbeats(t_start, bus, periodic):
    for node, per, state in ((1, 0.100, 0x05), (5, 0.250, 0x05),
                             (10, 0.500, 0x05)):
        t = t_start + node * 0.0013
        while t < END:
            if node == 10 and t >= 15.0:
                break
            periodic.append((t + bus.jit(0.3), 0x700 + node, state))
            t += per
    # node 10 back: heartbeats once the master set 1017h again (19.2)
    t = 19.2016
    while t < END:
        periodic.append((t + bus.jit(0.3), 0x70A, 0x05 if t > 19.21
                         else 0x7F))
        t += 0.500


def guarding(t_start, bus):
    t, tog = t_start, 0
    while t < END:
        put(t, 0x714, rtr=True)
        put(t + 0.0008 + bus.jit(0.1), 0x714, bytes([(tog << 7) | 0x05]))
        tog ^= 1
        t += 0.200


def story():
    rnd = random.Random(20260101)
    bus = Bus(rnd)
    put(0.000, 0x701, b"\x00")
    for i, n in enumerate((5, 10, 20)):
        put(0.030 + 0.011 * i, 0x700 + n, b"\x00")
    t = configure(0.2)
    put(t, 0x000, b"\x01\x00")             # NMT start all
    hb = []
    heartbeats(t + 0.05, bus, hb)
    for ht, cid, st in hb:
        put(ht, cid, bytes([st]))
    guarding(t + 0.07, bus)
    k, ts = 0, 1.5
    while ts < END:
        bus.emcy = 8.0 <= ts < 11.0
        bus.io_up = not (15.0 <= ts < 19.4)
        bus.cycle(ts + bus.jit(0.2), k)
        k += 1
        ts = 1.5 + k * SYNC_S
    put(8.0021, 0x085, b"\x10\x23\x03" + b"\x00\x12\x00\x00\x00")
    put(11.0043, 0x085, b"\x00\x00\x00" + b"\x00" * 5)
    put(19.0, 0x70A, b"\x00")               # node 10 back
    s = Sdo(19.2, 10)
    s.download_exp(0x1017, 0, 500, 2)
    put(s.t + 0.002, 0x000, b"\x01\x0A")
    s = Sdo(24.0, 10)
    s.download_seg(0x2002, 0, b"calibrated 2026-01-01 by line 3")


EDS_HEAD = """; {file} - {what}
; written for cosniff's demo capture (scripts/gen_demo.py)
[FileInfo]
FileName={file}
FileVersion=1
Description={what}
CreatedBy=cosniff
EDSVersion=4.0

[DeviceInfo]
VendorName=cosniff demo
VendorNumber=0x0000C05F
ProductName={product}
ProductNumber={pnum}
RevisionNumber=0x00010000
BaudRate_125=1
BaudRate_250=1
BaudRate_500=1
BaudRate_1000=1
SimpleBootUpMaster={master}
SimpleBootUpSlave={slave}
Granularity=8
NrOfRXPDO={nrx}
NrOfTXPDO={ntx}
LSS_Supported=0
"""


def var(idx, name, dtype, access, default, sub=None, pdo=0):
    sec = "%04X" % idx if sub is None else "%04Xsub%X" % (idx, sub)
    return ("[%s]\nParameterName=%s\nObjectType=0x7\nDataType=0x%04X\n"
            "AccessType=%s\nDefaultValue=%s\nPDOMapping=%d\n\n" %
            (sec, name, dtype, access, default, pdo))


def rec(idx, name, subs, otype=0x9):
    s = "[%04X]\nParameterName=%s\nObjectType=0x%X\nSubNumber=%d\n\n" % (
        idx, name, otype, len(subs))
    for i, (n, dt, acc, dv) in enumerate(subs):
        s += var(idx, n, dt, acc, dv, sub=i)
    return s


U8, U16, U32, I16, I32, VS, DOM = 5, 6, 7, 3, 4, 9, 0xF


def comm(idx, rx, cob, trans):
    w = "RPDO" if rx else "TPDO"
    return rec(idx, "%s communication parameter" % w, [
        ("Highest sub-index supported", U8, "ro", "5"),
        ("COB-ID used by %s" % w, U32, "rw", cob),
        ("Transmission type", U8, "rw", str(trans)),
        ("Inhibit time", U16, "rw", "0"),
        ("Compatibility entry", U8, "rw", "0"),
        ("Event timer", U16, "rw", "0")])


def mapping(idx, rx, entries):
    w = "RPDO" if rx else "TPDO"
    subs = [("Number of mapped objects", U8, "rw", str(len(entries)))]
    for i in range(8):
        subs.append(("Mapped object %d" % (i + 1), U32, "rw",
                     "0x%08X" % entries[i] if i < len(entries) else "0"))
    return rec(idx, "%s mapping parameter" % w, subs)


def common(devtype, name):
    return (var(0x1000, "Device type", U32, "ro", "0x%08X" % devtype) +
            var(0x1001, "Error register", U8, "ro", "0", pdo=1) +
            var(0x1008, "Manufacturer device name", VS, "const", name) +
            var(0x1017, "Producer heartbeat time", U16, "rw", "0") +
            rec(0x1018, "Identity object", [
                ("Highest sub-index supported", U8, "ro", "4"),
                ("Vendor-ID", U32, "ro", "0x0000C05F"),
                ("Product code", U32, "ro", "0x00000001"),
                ("Revision number", U32, "ro", "0x00010000"),
                ("Serial number", U32, "ro", "0x00000000")]))


def lists(mand, opt, mfr):
    s = ""
    for title, objs in (("MandatoryObjects", mand), ("OptionalObjects", opt),
                        ("ManufacturerObjects", mfr)):
        s += "[%s]\nSupportedObjects=%d\n" % (title, len(objs))
        for i, o in enumerate(objs):
            s += "%d=0x%04X\n" % (i + 1, o)
        s += "\n"
    return s


def eds_files():
    out = {}
    head = dict(master=0, slave=1)
    out["demo-master.eds"] = EDS_HEAD.format(
        file="demo-master.eds", what="demo network master (NMT, SDO client)",
        product="demo master MC-1", pnum="0x00000001", nrx=0, ntx=0,
        master=1, slave=0) + "\n" + lists(
        [0x1000, 0x1001, 0x1018], [0x1008, 0x1017], []) + common(
        0x00000000, "MC-1 master")
    out["demo-drive.eds"] = EDS_HEAD.format(
        file="demo-drive.eds", what="demo servo drive (CiA 402 subset)",
        product="DX-400 servo drive", pnum="0x00000400", nrx=1, ntx=1,
        **head) + "\n" + lists(
        [0x1000, 0x1001, 0x1018],
        [0x1008, 0x1017, 0x1400, 0x1600, 0x1800, 0x1A00],
        [0x2000, 0x2001, 0x6040, 0x6041, 0x606C, 0x60FF]) + common(
        0x00020192, "DX-400 servo drive") + \
        comm(0x1400, True, "$NODEID+0x200", 255) + \
        mapping(0x1600, True, [0x60400010, 0x60FF0020]) + \
        comm(0x1800, False, "$NODEID+0x180", 255) + \
        mapping(0x1A00, False, [0x60410010]) + \
        var(0x2000, "Parameter set", DOM, "rw", "") + \
        rec(0x2001, "Trim", [
            ("Highest sub-index supported", U8, "ro", "2"),
            ("Trim offset", I16, "rw", "0"),
            ("Trim gain", I16, "rw", "100")]) + \
        var(0x6040, "Controlword", U16, "rw", "0", pdo=1) + \
        var(0x6041, "Statusword", U16, "ro", "0", pdo=1) + \
        var(0x606C, "Velocity actual value", I32, "ro", "0", pdo=1) + \
        var(0x60FF, "Target velocity", I32, "rw", "0", pdo=1)
    out["demo-io.eds"] = EDS_HEAD.format(
        file="demo-io.eds", what="demo I/O module (CiA 401 subset)",
        product="IO-8 I/O module", pnum="0x00000008", nrx=0, ntx=1,
        **head) + "\n" + lists(
        [0x1000, 0x1001, 0x1018], [0x1008, 0x1017, 0x1800, 0x1A00],
        [0x2002, 0x6000, 0x6401]) + common(
        0x000F0191, "IO-8 I/O module") + \
        comm(0x1800, False, "$NODEID+0x180", 1) + \
        mapping(0x1A00, False, [0x60000108, 0x64010110]) + \
        var(0x2002, "Calibration note", VS, "rw", "") + \
        rec(0x6000, "Read input 8-bit", [
            ("Highest sub-index supported", U8, "ro", "1"),
            ("Digital inputs 1-8", U8, "ro", "0")], otype=0x8) + \
        rec(0x6401, "Read analogue input 16-bit", [
            ("Highest sub-index supported", U8, "ro", "1"),
            ("Analogue input 1", I16, "ro", "0")], otype=0x8)
    out["demo-sensor.eds"] = EDS_HEAD.format(
        file="demo-sensor.eds", what="demo temperature sensor (guarded)",
        product="TS-20 temperature sensor", pnum="0x00000020", nrx=0,
        ntx=0, **head) + "\n" + lists(
        [0x1000, 0x1001, 0x1018], [0x1008, 0x100C, 0x100D, 0x1017],
        []) + common(0x00080194, "TS-20 temperature sensor") + \
        var(0x100C, "Guard time", U16, "rw", "0") + \
        var(0x100D, "Life time factor", U8, "rw", "0")
    out["nodes.conf"] = ("# demo capture: node = EDS file (cosniff "
                         "--eds-dir examples)\n1 = demo-master.eds\n"
                         "5 = demo-drive.eds\n10 = demo-io.eds\n"
                         "20 = demo-sensor.eds\n")
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "examples")
    story()
    frames.sort(key=lambda f: f[0])
    with open(os.path.join(d, "demo.log"), "w") as f:
        for t, s in frames:
            f.write("(%.6f) can0 %s\n" % (T0 + t, s))
    for name, text in eds_files().items():
        with open(os.path.join(d, name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
