#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""faults.py - write the diagnosis fault corpus: a healthy CANopen network
(CiA 301: boot-up, NMT start, heartbeats per 1017h, SYNC, synchronous and
event PDOs, TIME, SDO configuration and polling) as candump -L logs, then
the same network with one fault each (diag-FAULT.log), one log with all
of them mixed in (diag-mixed.log), and a few captures that are not
CANopen at all.  Deterministic (seeded); stdlib only.

    tests/gen/faults.py [LOGDIR [EDSDIR]]   (default: tests/logs tests/eds)
"""
import os
import random
import sys

T0 = 1700000000 * 1000000          # microseconds
NODES = (5, 6, 7)
HB_MS = 200                        # 1017h written by the master
SYNC_MS = 50
EPOCH_DAYS = 14244                 # 1984-01-01 .. 2023-01-01 (TIME days)


def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def le(v, n):
    return [(v >> (8 * i)) & 0xFF for i in range(n)]


def mux(idx, sub):
    return [idx & 0xFF, idx >> 8, sub]


class Sim:
    """Frames as (time_us, text); sorted when written."""

    def __init__(self, seed=1, dur_ms=3000, sync_counter=False):
        self.rnd = random.Random(seed)
        self.fr = []
        self.dur = dur_ms * 1000
        self.sync_counter = sync_counter
        self.stopped = {}          # node -> (from_us, to_us) silent
        self.hb_state = {}         # node -> list of (from_us, state)

    def add(self, t, cob, data=None, rtr=None, eff=False):
        if rtr is not None:
            tok = "%03X#R%d" % (cob, rtr)
        elif eff:
            tok = "%08X#%s" % (cob, "".join("%02X" % b for b in data))
        else:
            tok = "%03X#%s" % (cob, "".join("%02X" % b for b in data))
        self.fr.append((int(t), tok))

    def raw(self, t, text):
        self.fr.append((int(t), None, text))

    def jit(self, us=200):
        return self.rnd.randint(-us, us)

    def silent(self, node, t):
        a, b = self.stopped.get(node, (0, -1))
        return a <= t < b

    # -- SDO helpers (client 0x600+n, server 0x580+n) --
    def c(self, t, n, d):
        self.add(t, 0x600 + n, (list(d) + [0] * 8)[:8])

    def s(self, t, n, d):
        self.add(t, 0x580 + n, (list(d) + [0] * 8)[:8])

    def exp_dl(self, t, n, idx, sub, val, size, rsp=True):
        self.c(t, n, [0x23 | ((4 - size) << 2)] + mux(idx, sub) +
               le(val, size))
        if rsp:
            self.s(t + 800, n, [0x60] + mux(idx, sub))

    def exp_ul(self, t, n, idx, sub, val, size, delay=800):
        self.c(t, n, [0x40] + mux(idx, sub))
        self.s(t + delay, n, [0x43 | ((4 - size) << 2)] + mux(idx, sub) +
               le(val, size))

    def seg_ul(self, t, n, idx, sub, data, size=None, bad_toggle=None,
               repeat=None):
        size = len(data) if size is None else size
        self.c(t, n, [0x40] + mux(idx, sub))
        self.s(t + 800, n, [0x41] + mux(idx, sub) + le(size, 4))
        t += 1600
        tg = 0
        for k in range(0, len(data), 7):
            chunk = data[k:k + 7]
            last = k + 7 >= len(data)
            self.c(t, n, [0x60 | tg << 4])
            b = tg << 4 | (7 - len(chunk)) << 1 | (1 if last else 0)
            if bad_toggle == k // 7:
                b ^= 0x10
            self.s(t + 800, n, [b] + chunk)
            if repeat == k // 7:
                self.s(t + 1200, n, [b] + chunk)
            t += 1600
            tg ^= 1
        return t

    def seg_dl(self, t, n, idx, sub, data, skip=None):
        self.c(t, n, [0x21] + mux(idx, sub) + le(len(data), 4))
        self.s(t + 800, n, [0x60] + mux(idx, sub))
        t += 1600
        tg = 0
        for k in range(0, len(data), 7):
            chunk = data[k:k + 7]
            last = k + 7 >= len(data)
            if skip != k // 7:
                self.c(t, n, [tg << 4 | (7 - len(chunk)) << 1 |
                              (1 if last else 0)] + chunk)
            self.s(t + 800, n, [0x20 | tg << 4])
            t += 1600
            tg ^= 1
        return t

    def blk_ul(self, t, n, idx, sub, data, bad_crc=False):
        self.c(t, n, [0xA4] + mux(idx, sub) + [127, 0])
        self.s(t + 800, n, [0xC6] + mux(idx, sub) + le(len(data), 4))
        self.c(t + 1600, n, [0xA3])
        t += 2400
        segs = [data[k:k + 7] for k in range(0, len(data), 7)]
        for i, chunk in enumerate(segs):
            last = i == len(segs) - 1
            self.s(t, n, [(0x80 if last else 0) | (i + 1)] + chunk)
            t += 300
        self.c(t, n, [0xA2, len(segs), 127])
        nfree = 7 - len(segs[-1])
        crc = crc16(data) ^ (0x5A5A if bad_crc else 0)
        self.s(t + 800, n, [0xC1 | nfree << 2] + le(crc, 2))
        self.c(t + 1600, n, [0xA1])
        return t + 2400

    def blk_dl_cut(self, t, n, idx, sub, data, after, new):
        """Block download cut short after `after` segments by `new`."""
        self.c(t, n, [0xC6] + mux(idx, sub) + le(len(data), 4))
        self.s(t + 800, n, [0xA4] + mux(idx, sub) + [127])
        t += 1600
        for i in range(after):
            self.c(t, n, [i + 1] + data[i * 7:i * 7 + 7])
            t += 300
        new(t + 5000)

    # -- the healthy network --
    def healthy(self):
        for i, n in enumerate(NODES):
            self.add(10000 + 2000 * i, 0x700 + n, [0x00])
        t = 50000
        for n in NODES:
            self.exp_dl(t, n, 0x1017, 0, HB_MS, 2)
            self.exp_ul(t + 3000, n, 0x1018, 1, 0x0000029C, 4)
            t += 6000
        self.add(200000, 0x000, [0x01, 0x00])
        self.heartbeats()
        self.sync_and_pdos()
        self.time_stamps()
        self.polling()

    def state_at(self, n, t):
        st = 0x7F if t < 200000 else 0x05
        for a, s in self.hb_state.get(n, []):
            if t >= a:
                st = s
        return st

    def heartbeats(self):
        for i, n in enumerate(NODES):
            t = 10000 + 2000 * i + HB_MS * 1000
            while t < self.dur:
                if not self.silent(n, t):
                    self.add(t + self.jit(), 0x700 + n,
                             [self.state_at(n, t)])
                t += HB_MS * 1000

    def sync_and_pdos(self):
        t, ctr, k = 250000, 1, 0
        while t < self.dur:
            if not self.silent(0, t):
                tt = t + self.jit(100)
                self.add(tt, 0x080, [ctr] if self.sync_counter else [])
                ctr = ctr + 1 if ctr < 240 else 1
                if self.state_at(5, t) == 0x05 and not self.silent(5, t):
                    self.add(tt + 300, 0x185, [k & 0xFF, 0x12])
                self.add(tt + 600, 0x207, [0x0F, 0x00])
            t += SYNC_MS * 1000
            k += 1
        t = 300000
        while t < self.dur:
            if self.state_at(6, t) == 0x05 and not self.silent(6, t):
                self.add(t + self.jit(), 0x186, le(0x1000 + t // 1000, 4))
            t += 100000

    def time_stamps(self):
        t = 500000
        while t < self.dur:
            cap_ms = (T0 + t) // 1000
            ms = cap_ms % 86400000
            days = cap_ms // 86400000 - 4383   # 1970 -> 1984
            self.add(t, 0x100, le(ms, 4) + le(days, 2))
            t += 1000000

    def polling(self):
        t = 400000
        while t < self.dur - 10000:
            self.exp_ul(t + 7000, 5, 0x1001, 0, 0, 1,
                        delay=900 + self.rnd.randint(0, 400))
            t += 250000

    # -- output --
    def lines(self):
        out = []
        for e in sorted(self.fr, key=lambda e: e[0]):
            t = T0 + e[0]
            if len(e) == 3:
                out.append(e[2].replace("TS", "(%d.%06d)" %
                                        (t // 1000000, t % 1000000)))
            else:
                out.append("(%d.%06d) can0 %s" %
                           (t // 1000000, t % 1000000, e[1]))
        return out

    def write(self, path):
        with open(path, "w") as f:
            f.write("\n".join(self.lines()) + "\n")


# ---- faults: each takes a healthy Sim being built ----

def f_hb_lost(s):
    s.stopped[6] = (1000000, 2000000)      # 1 s without heartbeat


def f_hb_gone(s):
    s.stopped[7] = (1800000, 10 ** 9)      # never back


def f_reboot(s):
    s.add(1500000, 0x706, [0x00])          # boot-up, no NMT reset
    s.hb_state[6] = [(1500000, 0x7F)]


def f_nmt_no_node(s):
    s.add(220000, 0x000, [0x01, 20])       # start node 20: never seen
    s.add(230000, 0x000, [0x81, 21])


def f_id_conflict(s):
    # a second device with node-ID 7, pre-operational, half a period off
    t = 1000000
    while t < s.dur:
        s.add(t + 100000, 0x707, [0x7F])
        t += HB_MS * 1000


def f_pdo_not_op(s):
    s.add(1200000, 0x000, [0x80, 6])       # node 6 to pre-operational
    s.hb_state[6] = [(1200000, 0x7F)]
    t = 1250000
    while t < 2000000:                     # ... it keeps sending TPDO1
        s.add(t + 50000, 0x186, [1, 2, 3, 4])
        t += 100000


def f_emcy_active(s):
    s.add(900000, 0x085, [0x10, 0x32, 0x05, 0, 0, 0, 0, 0])


def f_emcy_storm(s):
    for i in range(15):
        s.add(1000000 + i * 30000, 0x086,
              [0x30, 0x81, 0x11, 0, 0, 0, 0, 0])
    s.add(1600000, 0x086, [0, 0, 0, 0, 0, 0, 0, 0])


def f_sdo_abort(s):
    s.c(s.t_sdo, 6, [0x23] + mux(0x1017, 0) + [0, 0, 0, 0])
    s.s(s.t_sdo + 800, 6, [0x80] + mux(0x1017, 0) + le(0x06090030, 4))


def f_sdo_timeout(s):
    s.c(s.t_sdo, 7, [0x40] + mux(0x1008, 0))   # never answered


def f_sdo_toggle(s):
    s.seg_ul(s.t_sdo, 6, 0x1008, 0, list(b"cosniff test node"),
             bad_toggle=1)


def f_sdo_lost(s):
    s.seg_dl(s.t_sdo, 6, 0x2000, 1, list(range(30)), skip=2)


def f_sdo_repeat(s):
    s.seg_ul(s.t_sdo, 6, 0x1008, 0, list(b"cosniff test node"),
             repeat=1)


def f_sdo_size(s):
    s.seg_ul(s.t_sdo, 6, 0x1008, 0, list(b"fourteen bytes"), size=20)


def f_sdo_crc(s):
    s.blk_ul(s.t_sdo, 6, 0x2001, 0, list(range(40)), bad_crc=True)


def f_sdo_interrupt(s):
    s.blk_dl_cut(s.t_sdo, 6, 0x1F50, 1, list(range(200)), 10,
                 lambda t: s.exp_ul(t, 6, 0x1018, 1, 0x29C, 4))


def f_sdo_fallback(s):
    t = s.t_sdo
    s.c(t, 7, [0xA4] + mux(0x1008, 0) + [127, 21])
    s.s(t + 800, 7, [0x41] + mux(0x1008, 0) + le(12, 4))
    t += 1600
    for tg, chunk in ((0, b"cosniff"), (1, b" node")):
        last = tg == 1
        s.c(t, 7, [0x60 | tg << 4])
        s.s(t + 800, 7, [tg << 4 | (7 - len(chunk)) << 1 | last] +
            list(chunk))
        t += 1600


def f_sdo_slow(s):
    s.exp_ul(2000000, 5, 0x1001, 0, 0, 1, delay=150000)


def f_pdo_length(s):
    # mapping written by the master: TPDO1 of node 5 carries 3 bytes
    t = 100000
    for idx, sub, val, size in ((0x1A00, 0, 0, 1),
                                (0x1A00, 1, 0x60000108, 4),
                                (0x1A00, 2, 0x60000210, 4),
                                (0x1A00, 0, 2, 1)):
        s.exp_dl(t, 5, idx, sub, val, size)
        t += 2000


def f_pdo_never_sent(s):
    # TPDO3 of node 7: event timer 100 ms, mapped, never on the bus
    t = 100000
    for idx, sub, val, size in ((0x1802, 1, 0x80000387, 4),
                                (0x1A02, 0, 0, 1),
                                (0x1A02, 1, 0x60000108, 4),
                                (0x1A02, 0, 1, 1),
                                (0x1802, 2, 255, 1),
                                (0x1802, 5, 100, 2),
                                (0x1802, 1, 0x00000387, 4)):
        s.exp_dl(t, 7, idx, sub, val, size)
        t += 2000


def f_sync_missing(s):
    s.stopped[0] = (1200000, 1800000)


def f_sync_late(s):
    s.stopped[0] = (1200000, 1240000)      # one SYNC 40 ms late


def f_sync_jitter(s):
    s.jit_sync = True


def f_sync_counter(s):
    s.sync_counter = True
    s.bad_counter = True


def f_time_jump(s):
    s.time_jump = True


def f_errframes(s):
    s.add(1000000, 0x20000004, [0, 0x10, 0, 0, 0, 0, 0x80, 0x88],
          eff=True)                        # rx error-passive, counters
    s.add(1000500, 0x20000088, [0, 0, 0x08, 0x02, 0, 0, 0, 0], eff=True)
    s.add(1001000, 0x20000040, [0] * 8, eff=True)           # bus-off
    s.add(1101000, 0x20000100, [0] * 8, eff=True)           # restarted


def f_drops(s):
    s.raw(1500000, "DROPCOUNT: dropped 12 CAN frames on 'can0' socket "
          "(total drops 12)")


def f_ts_backwards(s):
    s.raw(1500000, "(1700000001.100000) can0 123#01")


def f_no_timestamp(s):
    s.raw(1500000, "can0 123#01")


def f_malformed(s):
    s.raw(1500000, "TS can0 12G#01")
    s.raw(1600000, "TS can0")


def f_gap(s):
    s.gap = (1000000, 2500000)


def f_guarding(s):
    """Node 8 is guarded (100 ms): answers with the toggle bit, one
    answer without it, then no answers for half a second."""
    t, tg, k = 300000, 0, 0
    s.add(20000, 0x708, [0x00])
    while t < s.dur:
        s.add(t, 0x708, rtr=1)
        if not 1500000 <= t < 2000000:
            bad = k == 5
            s.add(t + 1000, 0x708, [(tg ^ bad) << 7 | 0x05])
            tg ^= 1
        t += 100000
        k += 1


def f_missing_1016(s):
    # node 5 is told to watch node 9's heartbeat (500 ms): node 9 never
    # shows up
    s.exp_dl(120000, 5, 0x1016, 1, 0x000901F4, 4)


def f_sdo_incomplete(s):
    s.dur = 2000000
    s.c(1999000, 6, [0x40] + mux(0x1008, 0))


def f_pdo_unmapped(s):
    t = 1000000
    while t < 2000000:                     # TPDO2 of node 6: not valid
        s.add(t + 7000, 0x286, [1, 2])
        t += 100000


def f_bus_load(s):
    t = 1000000
    while t < 2600000:                     # 8-byte frames every 1.3 ms
        s.add(t, 0x190, [0xAA] * 8)        # (TPDO1 of node 16)
        t += 1300


FAULTS = [
    ("hb-lost", f_hb_lost, ""),
    ("hb-gone", f_hb_gone, ""),
    ("reboot", f_reboot, ""),
    ("nmt-no-node", f_nmt_no_node, ""),
    ("missing", None, "--expect 9"),       # on the healthy log
    ("id-conflict", f_id_conflict, ""),
    ("pdo-not-op", f_pdo_not_op, ""),
    ("emcy-active", f_emcy_active, ""),
    ("emcy-storm", f_emcy_storm, ""),
    ("sdo-abort", f_sdo_abort, ""),
    ("sdo-timeout", f_sdo_timeout, ""),
    ("sdo-toggle", f_sdo_toggle, ""),
    ("sdo-lost", f_sdo_lost, ""),
    ("sdo-repeat", f_sdo_repeat, ""),
    ("sdo-size", f_sdo_size, ""),
    ("sdo-crc", f_sdo_crc, ""),
    ("sdo-interrupt", f_sdo_interrupt, ""),
    ("sdo-fallback", f_sdo_fallback, ""),
    ("sdo-slow", f_sdo_slow, ""),
    ("pdo-length", f_pdo_length, ""),
    ("pdo-never-sent", f_pdo_never_sent, ""),
    ("sync-missing", f_sync_missing, ""),
    ("sync-late", f_sync_late, ""),
    ("sync-jitter", f_sync_jitter, ""),
    ("sync-counter", f_sync_counter, ""),
    ("time-jump", f_time_jump, ""),
    ("errframes", f_errframes, ""),
    ("drops", f_drops, ""),
    ("ts-backwards", f_ts_backwards, ""),
    ("no-timestamp", f_no_timestamp, ""),
    ("malformed", f_malformed, ""),
    ("gap", f_gap, ""),
    ("bus-load", f_bus_load, "--bitrate 125k"),
    ("guarding", f_guarding, ""),
    ("missing-1016", f_missing_1016, ""),
    ("missing-dcf", None, "--dcf eds/diag-io9.dcf"),
    ("sdo-incomplete", f_sdo_incomplete, ""),
    ("pdo-unmapped", f_pdo_unmapped, "--eds 6=eds/diag-io.eds"),
]


class FaultSim(Sim):
    """Sim with the switches some faults set before the traffic is made."""

    def __init__(self, seed=1):
        super().__init__(seed)
        self.jit_sync = self.bad_counter = self.time_jump = False
        self.gap = None
        self.t_sdo = 1100000           # when an SDO fault starts

    def sync_and_pdos(self):
        if not self.jit_sync:
            return super().sync_and_pdos()
        t = 250000
        while t < self.dur:
            self.add(t + self.rnd.randint(-15000, 15000), 0x080, [])
            t += SYNC_MS * 1000
        return None

    def time_stamps(self):
        if self.time_jump:
            self.add(1500000 + 300, 0x100, le(3600000, 4) + le(9000, 2))
        super().time_stamps()

    def lines(self):
        if self.bad_counter:
            ctr = [e for e in self.fr if e[1:] and e[1] and
                   e[1].startswith("080#")]
            ctr.sort()
            i = len(ctr) // 2
            t, _ = ctr[i]
            self.fr.remove(ctr[i])
            self.fr.append((t, "080#%02X" % 200))
        if self.gap:
            a, b = self.gap
            self.fr = [e for e in self.fr if not a <= e[0] < b]
        return super().lines()


def build(faults, seed=1):
    s = FaultSim(seed)
    for f in faults:
        if f:
            f(s)
    s.healthy()
    return s


# ---- an EDS and a DCF for the I/O node 6 ----

def eds_var(name, idx, dtype, acc, val, pdo=0):
    return ("[%s]\nParameterName=%s\nObjectType=0x7\nDataType=0x%04X\n"
            "AccessType=%s\nDefaultValue=%s\nPDOMapping=%d\n\n" %
            (idx, name, dtype, acc, val, pdo))


def eds_rec(idx, name, subs):
    out = ("[%s]\nParameterName=%s\nObjectType=0x9\nSubNumber=%d\n\n" %
           (idx, name, len(subs)))
    for k, (sname, dtype, acc, val, pdo) in enumerate(subs):
        out += eds_var(sname, "%ssub%d" % (idx, k), dtype, acc, val, pdo)
    return out


def tpdo_comm(cob):
    return [("Highest sub-index supported", 5, "ro", "5", 0),
            ("COB-ID used by TPDO", 7, "rw", cob, 0),
            ("Transmission type", 5, "rw", "255", 0),
            ("Inhibit time", 6, "rw", "0", 0),
            ("Reserved", 5, "rw", "0", 0),
            ("Event timer", 6, "rw", "100", 0)]


def write_eds(path, dcf_node=None):
    """TPDO1: four 8-bit inputs every 100 ms; TPDO2 not valid (bit 31);
    heartbeat every 200 ms."""
    out = ("; diagnosis tests: I/O node, TPDO1 mapped, TPDO2 disabled\n"
           "[DeviceInfo]\nVendorName=cosniff tests\nProductName=Diag I/O\n"
           "NrOfRXPDO=0\nNrOfTXPDO=2\n\n[MandatoryObjects]\n"
           "SupportedObjects=2\n1=0x1000\n2=0x1001\n\n"
           "[OptionalObjects]\nSupportedObjects=5\n1=0x1017\n2=0x1800\n"
           "3=0x1801\n4=0x1A00\n5=0x1A01\n\n[ManufacturerObjects]\n"
           "SupportedObjects=1\n1=0x6000\n\n")
    if dcf_node:
        out += "[DeviceComissioning]\nNodeID=%d\nBaudrate=250\n\n" % \
            dcf_node
    out += eds_var("Device type", "1000", 7, "ro", "0x00030191")
    out += eds_var("Error register", "1001", 5, "ro", "0")
    out += eds_var("Producer heartbeat time", "1017", 6, "rw", "200")
    out += eds_rec("1800", "TPDO communication parameter",
                   tpdo_comm("$NODEID+0x180"))
    out += eds_rec("1801", "TPDO communication parameter",
                   tpdo_comm("$NODEID+0x80000280"))
    out += eds_rec("1A00", "TPDO mapping parameter",
                   [("Number of mapped objects", 5, "rw", "4", 0)] +
                   [("Mapped object %d" % k, 7, "rw",
                     "0x600001%02X" % 0 if False else
                     "0x6000%02X08" % k, 0) for k in range(1, 5)])
    out += eds_rec("1A01", "TPDO mapping parameter",
                   [("Number of mapped objects", 5, "rw", "0", 0)])
    out += eds_rec("6000", "Read inputs 8 bit",
                   [("Number of inputs", 5, "ro", "4", 0)] +
                   [("Input %d" % k, 5, "ro", "0", 1) for k in range(1, 5)])
    with open(path, "w") as f:
        f.write(out)


# ---- traffic that is not CANopen ----

def j1939(path):
    rnd = random.Random(7)
    lines = []
    t = T0
    pgns = [(0x0CF00400, 8), (0x18FEF100, 8), (0x18FEEE00, 8),
            (0x18FEF200, 8), (0x0CF00300, 8), (0x18FEE900, 8)]
    for k in range(600):
        cid, n = pgns[k % len(pgns)]
        cid |= rnd.choice((0x00, 0x03, 0x0B, 0x17))
        data = "".join("%02X" % rnd.randint(0, 255) for _ in range(n))
        t += 1000 + rnd.randint(0, 3000)
        lines.append("(%d.%06d) can0 %08X#%s" % (t // 1000000, t % 1000000,
                                                 cid, data))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def uds(path):
    """UDS over ISO-TP (ISO 15765-2) on 0x7E0/0x7E8: a tester reading
    data identifiers, single and multi-frame answers."""
    lines = []
    t = T0
    for k in range(150):
        did = 0xF180 + k % 16
        t += 20000
        lines.append("(%d.%06d) can0 7E0#0322%04X55555555" %
                     (t // 1000000, t % 1000000, did))
        t += 2000
        lines.append("(%d.%06d) can0 7E8#101462%04X414243" %
                     (t // 1000000, t % 1000000, did))
        t += 1000
        lines.append("(%d.%06d) can0 7E0#3000000000000000" %
                     (t // 1000000, t % 1000000))
        for sn in (1, 2):
            t += 1000
            lines.append("(%d.%06d) can0 7E8#2%d44454647484950" %
                         (t // 1000000, t % 1000000, sn))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    logdir = sys.argv[1] if len(sys.argv) > 1 else "tests/logs"
    build([]).write(os.path.join(logdir, "diag-healthy.log"))
    # a second healthy network: other seed, SYNC with a counter
    s = FaultSim(2)
    s.sync_counter = True
    s.healthy()
    s.write(os.path.join(logdir, "diag-healthy2.log"))
    # healthy too: one SYNC held up 30 ms on the bus (the next one on the
    # producer's grid again), SDO replies of varying time
    s = FaultSim(4)
    s.healthy()
    syncs = sorted(e for e in s.fr if e[1:] and e[1] == "080#")
    t, tok = syncs[len(syncs) // 2]
    s.fr.remove((t, tok))
    s.fr.append((t + 30000, tok))
    s.write(os.path.join(logdir, "diag-healthy3.log"))
    for name, fn, _ in FAULTS:
        if fn is not None:
            build([fn]).write(os.path.join(logdir, "diag-%s.log" % name))
    def at(fn, t):
        def f(s):
            s.t_sdo = t
            fn(s)
        return f
    mixed = [f_hb_lost, f_reboot, f_nmt_no_node, f_emcy_active,
             at(f_sdo_abort, 600000), at(f_sdo_toggle, 800000),
             at(f_sdo_repeat, 1300000), at(f_sdo_interrupt, 1700000),
             at(f_sdo_fallback, 1100000), f_pdo_length, f_sync_late,
             f_errframes, f_no_timestamp]
    build(mixed, seed=3).write(os.path.join(logdir, "diag-mixed.log"))
    j1939(os.path.join(logdir, "diag-j1939.log"))
    edsdir = sys.argv[2] if len(sys.argv) > 2 else "tests/eds"
    write_eds(os.path.join(edsdir, "diag-io.eds"))
    write_eds(os.path.join(edsdir, "diag-io9.dcf"), dcf_node=9)
    uds(os.path.join(logdir, "diag-uds.log"))


if __name__ == "__main__":
    main()
