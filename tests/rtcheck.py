#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# rtcheck.py - normalizers for tests/roundtrip.sh: turn a candump -L log
# (own parser, written from can-utils lib.h), a pcap decoded by tshark, an
# ASC file from log2asc, or python-can's CanutilsLogReader output into the
# same one-line-per-frame form, so that the shell test can diff them.
#
#   rtcheck.py ref LOG            reference frames of a candump -L log
#   rtcheck.py ref-pycan LOG      same, in python-can's terms
#   rtcheck.py ref-asc LOG        same, in what log2asc keeps
#   rtcheck.py tshark PCAP        frames as Wireshark decodes them
#   rtcheck.py pycan LOG          frames as python-can reads them
#   rtcheck.py asc ASCFILE        frames of a log2asc ASC file
import subprocess
import sys

ERR_FLAG = 0x20000000
ERR_BUSERROR = 0x80
FD_BRS, FD_ESI = 0x01, 0x02
# error classes whose data bytes Wireshark shows (packet-socketcan.c)
ERR_LOSTARB, ERR_CRTL, ERR_PROT, ERR_TRX = 0x02, 0x04, 0x08, 0x10


def parse_token(tok):
    """candump -L frame token -> dict (lib.h grammar)."""
    ident, rest = tok.split("#", 1)
    f = dict(eff=0, rtr=0, err=0, fd=0, brs=0, esi=0, rawdlc=0, data=b"")
    v = int(ident, 16)
    if len(ident) == 8 and v & ERR_FLAG:
        f["err"], v = 1, v & 0x1FFFFFFF
    elif len(ident) == 8:
        f["eff"] = 1
    f["id"] = v
    if rest[:1] in ("R", "r"):
        f["rtr"] = 1
        f["len"] = int(rest[1], 16) if len(rest) > 1 else 0
        if rest[2:3] == "_":
            f["rawdlc"] = int(rest[3], 16)
        return f
    if rest[:1] == "#":
        flags = int(rest[1], 16)
        f.update(fd=1, brs=int(bool(flags & FD_BRS)),
                 esi=int(bool(flags & FD_ESI)))
        rest = rest[2:]
    if "_" in rest:
        rest, raw = rest.split("_")
        f["rawdlc"] = int(raw, 16)
    f["data"] = bytes.fromhex(rest.replace(".", ""))
    f["len"] = len(f["data"])
    return f


def read_log(path):
    for line in open(path):
        w = line.split()
        if len(w) < 3 or not w[0].startswith("("):
            continue
        sec, frac = w[0][1:-1].split(".")
        f = parse_token(w[2])
        f["t"] = "%s.%s" % (int(sec), frac.ljust(9, "0"))
        f["iface"] = w[1]
        yield f


def err_visible(cls, d):
    """The error frame fields Wireshark 4.0 shows (class bits decide)."""
    out = "class=0x%08x" % cls
    if cls & ERR_LOSTARB:
        out += " d0=%d" % d[0]
    if cls & ERR_CRTL:
        out += " d1=0x%02x" % d[1]
    if cls & ERR_PROT:
        out += " d2=0x%02x d3=%d" % (d[2], d[3])
    if cls & ERR_TRX:
        out += " d4=0x%02x" % d[4]
    return out + " d567=%s" % d[5:8].hex()


def norm(f):
    s = "t=%s" % f["t"]
    if f["err"]:
        return s + " err=1 len=%d %s" % (f["len"], err_visible(
            f["id"], f["data"].ljust(8, b"\0")))
    s += " id=0x%08x eff=%d rtr=%d" % (f["id"], f["eff"], f["rtr"])
    if f["fd"]:
        s += " fd=1 brs=%d esi=%d" % (f["brs"], f["esi"])
    s += " len=%d" % f["len"]
    if not f["rtr"]:
        s += " data=%s" % f["data"].hex()
    return s


def cmd_ref(path):
    for f in read_log(path):
        print(norm(f))


TSHARK_FIELDS = (
    "frame.time_epoch can.id can.flags.xtd can.flags.rtr can.flags.err "
    "can.len canfd.flags.brs canfd.flags.esi data.data can.err.reserved "
    "can.err.tx_timeout can.err.lostarb can.err.ctrl can.err.prot "
    "can.err.trx can.err.ack can.err.busoff can.err.buserror "
    "can.err.restarted can.err.lostarb.bitnum "
    "can.err.ctrl.rx_overflow can.err.ctrl.tx_overflow "
    "can.err.ctrl.rx_warning can.err.ctrl.tx_warning "
    "can.err.ctrl.rx_passive can.err.ctrl.tx_passive can.err.ctrl.active "
    "can.err.prot.type.bit can.err.prot.type.form can.err.prot.type.stuff "
    "can.err.prot.type.bit0 can.err.prot.type.bit1 "
    "can.err.prot.type.overload can.err.prot.type.active "
    "can.err.prot.type.tx can.err.prot.location can.err.trx.canh "
    "can.err.trx.canl can.err.ctrl_specific").split()
CLASS_NAMES = ("tx_timeout lostarb ctrl prot trx ack busoff buserror "
             "restarted").split()
CTRL_NAMES = ("rx_overflow tx_overflow rx_warning tx_warning rx_passive "
            "tx_passive active").split()
PROT_NAMES = "bit form stuff bit0 bit1 overload active tx".split()


def bits(r, prefix, names):
    return sum(1 << i for i, n in enumerate(names)
               if r["%s%s" % (prefix, n)] in ("1", "True"))


def tshark_err(r):
    cls = bits(r, "can.err.", CLASS_NAMES)
    cls |= int(r["can.err.reserved"] or "0", 16) << 9
    d = bytearray(8)
    d[0] = int(r["can.err.lostarb.bitnum"] or 0)
    d[1] = bits(r, "can.err.ctrl.", CTRL_NAMES)
    d[2] = bits(r, "can.err.prot.type.", PROT_NAMES)
    d[3] = int(r["can.err.prot.location"] or 0)
    d[4] = int(r["can.err.trx.canh"] or 0) | \
        int(r["can.err.trx.canl"] or 0) << 4
    d[5:8] = bytes.fromhex(r["can.err.ctrl_specific"].replace(" ", "")
                           or "000000")
    return "err=1 len=%s %s" % (r["can.len"], err_visible(cls, bytes(d)))


def cmd_tshark(path):
    args = ["tshark", "-n", "-r", path, "-T", "fields",
            "-E", "separator=/t", "-E", "occurrence=f"]
    for h in ("autosar_nm_can_heur", "signal_pdu_can_heur",
              "ipdu_multiplexer_can_heur"):
        args += ["--disable-heuristic", h]
    for name in TSHARK_FIELDS:
        args += ["-e", name]
    out = subprocess.run(args, check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        r = dict(zip(TSHARK_FIELDS, line.split("\t")))
        sec, frac = r["frame.time_epoch"].split(".")
        s = "t=%s.%s " % (sec, frac.ljust(9, "0"))
        if r["can.flags.err"] in ("1", "True"):
            print(s + tshark_err(r))
            continue
        rtr = r["can.flags.rtr"] in ("1", "True")
        s += "id=0x%08x eff=%d rtr=%d" % (
            int(r["can.id"]), r["can.flags.xtd"] in ("1", "True"), rtr)
        if r["canfd.flags.brs"] != "":
            s += " fd=1 brs=%d esi=%d" % (
                r["canfd.flags.brs"] in ("1", "True"),
                r["canfd.flags.esi"] in ("1", "True"))
        s += " len=%s" % r["can.len"]
        if not rtr:
            s += " data=%s" % r["data.data"].replace(":", "")
        print(s)


def pycan_line(ts, ident, ext, rtr, err, fd, brs, esi, dlc, data):
    return ("t=%.6f id=0x%08x ext=%d rtr=%d err=%d fd=%d brs=%d esi=%d "
            "dlc=%d data=%s" % (ts, ident, ext, rtr, err, fd, brs, esi, dlc,
                                data))


def cmd_ref_pycan(path):
    """What python-can 4.1 should make of each line: error frames only
    with CAN_ERR_BUSERROR become error messages (no id or data)."""
    for f in read_log(path):
        t = float(f["t"])
        if f["err"] and f["id"] & ERR_BUSERROR:
            print(pycan_line(t, 0, 1, 0, 1, 0, 0, 0, 0, ""))
            continue
        ident = f["id"] | (ERR_FLAG if f["err"] else 0)
        print(pycan_line(t, ident & 0x1FFFFFFF, f["eff"] or f["err"],
                         f["rtr"], 0, f["fd"], f["brs"], f["esi"],
                         f["len"], "" if f["rtr"] else f["data"].hex()))


def cmd_pycan(path):
    import can
    with can.CanutilsLogReader(path) as rd:
        for m in rd:
            print(pycan_line(m.timestamp, m.arbitration_id, m.is_extended_id,
                             m.is_remote_frame, m.is_error_frame, m.is_fd,
                             m.bitrate_switch, m.error_state_indicator,
                             m.dlc, bytes(m.data or b"").hex()))


def cmd_ref_asc(path):
    """log2asc keeps per frame: id (x = 29-bit), r/d, length, data, or
    ErrorFrame; CAN FD lines also BRS/ESI."""
    for f in read_log(path):
        if f["err"]:
            print("ErrorFrame")
            continue
        ident = "%X%s" % (f["id"], "x" if f["eff"] else "")
        if f["fd"]:
            print("FD %s brs=%d esi=%d len=%d %s" % (
                ident, f["brs"], f["esi"], f["len"], f["data"].hex()))
        elif f["rtr"]:
            print("%s r %d" % (ident, f["len"]))
        else:
            print("%s d %d %s" % (ident, f["len"], f["data"].hex()))


def cmd_asc(path):
    for line in open(path):
        w = line.split()
        if len(w) < 3 or not w[0][0].isdigit() or "." not in w[0]:
            continue
        if w[2] == "ErrorFrame":
            print("ErrorFrame")
        elif w[1] == "CANFD":
            n = int(w[8])
            print("FD %s brs=%s esi=%s len=%d %s" % (
                w[4], w[5], w[6], n, "".join(w[9:9 + n]).lower()))
        elif w[4] == "r":
            print("%s r %s" % (w[2], w[5]))
        else:
            n = int(w[5])
            print("%s d %d %s" % (w[2], n, "".join(w[6:6 + n]).lower()))


CMDS = {"ref": cmd_ref, "ref-pycan": cmd_ref_pycan, "ref-asc": cmd_ref_asc,
        "tshark": cmd_tshark, "pycan": cmd_pycan, "asc": cmd_asc}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in CMDS:
        sys.exit("usage: rtcheck.py %s FILE" % "|".join(CMDS))
    CMDS[sys.argv[1]](sys.argv[2])
