#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/gen/odint_files.py - writes the EDS/DCF files (tests/eds/odint-*)
# and candump logs (tests/logs/odint-*.log) of the EDS-aware decoding
# tests.  Every SDO exchange is a complete CiA 301 7.2.4 transfer
# (request, response, toggles, block CRC); run from the source tree:
#   python3 tests/gen/odint_files.py
import datetime
import os
import struct

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')

# ---------------------------------------------------------------- EDS/DCF


def var(index, name, dtype, access='rw', default=None, pdo=0, param=None,
        sub=None):
    return dict(index=index, sub=sub, name=name, dtype=dtype,
                access=access, default=default, pdo=pdo, param=param)


def section(key, v):
    lines = ['[%s]' % key, 'ParameterName=%s' % v['name'],
             'ObjectType=0x7', 'DataType=0x%04X' % v['dtype'],
             'AccessType=%s' % v['access']]
    if v['default'] is not None:
        lines.append('DefaultValue=%s' % v['default'])
    if v['param'] is not None:
        lines.append('ParameterValue=%s' % v['param'])
    lines.append('PDOMapping=%d' % v['pdo'])
    return '\n'.join(lines) + '\n'


def record(index, name, subs):
    """subs: list of (name, dtype, access, default[, param])"""
    out = ['[%04X]\nParameterName=%s\nObjectType=0x9\nSubNumber=%d\n'
           % (index, name, len(subs))]
    for i, s in enumerate(subs):
        v = var(index, s[0], s[1], s[2], s[3],
                param=s[4] if len(s) > 4 else None,
                pdo=s[5] if len(s) > 5 else 0)
        out.append(section('%04Xsub%X' % (index, i), v))
    return out


def comm(index, cob, trans, param_cob=None, tx=True):
    subs = [('Highest sub-index supported', 5, 'ro', 6 if tx else 5),
            ('COB-ID used by %s' % ('TPDO' if tx else 'RPDO'), 7, 'rw',
             cob, param_cob),
            ('Transmission type', 5, 'rw', trans),
            ('Inhibit time', 6, 'rw', 0),
            ('Reserved' if tx else 'Compatibility entry', 5, 'rw', 0),
            ('Event timer', 6, 'rw', 0)]
    if tx:
        subs.append(('SYNC start value', 5, 'rw', 0))
    return record(index, '%s communication parameter'
                  % ('TPDO' if tx else 'RPDO'), subs)


def mapping(index, entries, params=None, n_param=None, n_default=None):
    n = len(entries) if n_default is None else n_default
    subs = [('Number of mapped objects', 5, 'rw', n, n_param)]
    for i, e in enumerate(entries):
        p = params[i] if params else None
        subs.append(('Mapped object %d' % (i + 1), 7, 'rw',
                     '0x%08X' % e, p))
    return record(index, 'PDO mapping parameter', subs)


def write_eds(path, info, objs, comment, dcf=None):
    idx = []
    for o in objs:
        first = o[0] if isinstance(o, list) else o
        idx.append(int(first.split(']')[0][1:5], 16))
    mand = [i for i in idx if i in (0x1000, 0x1001, 0x1018)]
    opt = [i for i in idx if 0x1000 <= i < 0x2000 and i not in mand]
    mfr = [i for i in idx if i >= 0x2000]
    out = ['; %s\n' % comment]
    if dcf:
        out.append('[DeviceComissioning]\nNodeID=%d\nBaudrate=500\n\n'
                   % dcf)
    out.append('[DeviceInfo]\n%s\n' % info)
    for name, lst in (('MandatoryObjects', mand),
                      ('OptionalObjects', opt),
                      ('ManufacturerObjects', mfr)):
        out.append('[%s]\nSupportedObjects=%d\n' % (name, len(lst)))
        for i, x in enumerate(lst):
            out.append('%d=0x%04X\n' % (i + 1, x))
        out.append('\n')
    for o in objs:
        for s in (o if isinstance(o, list) else [o]):
            out.append(s + '\n')
    with open(os.path.join(TOP, 'eds', path), 'w') as f:
        f.write(''.join(out))


def obj(index, name, dtype, access='rw', default=None, pdo=0, param=None):
    return section('%04X' % index, var(index, name, dtype, access, default,
                                       pdo, param))


def identity():
    return record(0x1018, 'Identity object', [
        ('Highest sub-index supported', 5, 'ro', 4),
        ('Vendor-ID', 7, 'ro', '0x00000123'),
        ('Product code', 7, 'ro', '0x00004567'),
        ('Revision number', 7, 'ro', '0x00010002'),
        ('Serial number', 7, 'ro', '0x0000BEEF')])


def drive_eds():
    """node 5: six TPDOs (bit fields, signed fields, dummy, 29-bit COB-ID,
    a COB-ID from another node's predefined range), one RPDO"""
    objs = [
        obj(0x1000, 'Device type', 7, 'ro', '0x00020192'),
        obj(0x1001, 'Error register', 5, 'ro', 0),
        obj(0x1005, 'COB-ID SYNC', 7, 'rw', '0x00000080'),
        obj(0x1014, 'COB-ID EMCY', 7, 'rw', '$NODEID+0x80'),
        obj(0x1017, 'Producer heartbeat time', 6, 'rw', 0),
        identity(),
        comm(0x1400, '$NODEID+0x200', 255, tx=False),
        mapping(0x1600, [0x60400010, 0x60600008]),
        comm(0x1800, '$NODEID+0x180', 255),
        comm(0x1801, '$NODEID+0x280', 255),
        comm(0x1802, '$NODEID+0x380', 1),
        comm(0x1803, '$NODEID+0x480', 254),
        comm(0x1804, '$NODEID+0x1C0', 254),
        comm(0x1805, '0x38FF0100+$NODEID', 254),
        comm(0x1806, '$NODEID+0x4C0', 254),
        mapping(0x1A00, [0x60410010, 0x60640020]),
        mapping(0x1A01, [0x60410010, 0x606C0020]),
        mapping(0x1A02, [0x20010101, 0x20010207, 0x00020008,
                         0x2001030C, 0x20010404]),
        mapping(0x1A03, [0x20020020, 0x20060010]),
        mapping(0x1A04, [0x20030018, 0x20040028]),
        mapping(0x1A05, [0x20050020]),
        mapping(0x1A06, [0x60410010, 0x60410010]),   # same name twice
        record(0x2001, 'Packed status', [
            ('Highest sub-index supported', 5, 'ro', 4),
            ('Enable', 1, 'ro', 0, None, 1),
            ('Mode bits', 5, 'ro', 0, None, 1),
            ('Torque delta', 3, 'ro', 0, None, 1),
            ('Trim', 2, 'ro', 0, None, 1)]),
        obj(0x2002, 'Temperature', 8, 'ro', 0, 1),
        obj(0x2003, 'Load', 0x10, 'ro', 0, 1),
        obj(0x2004, 'Energy', 0x18, 'ro', 0, 1),
        obj(0x2005, 'Tag', 9, 'ro', 'none', 1),
        obj(0x2006, 'Counter', 6, 'ro', 0, 1),
        obj(0x6040, 'Controlword', 6, 'rw', 0, 1),
        obj(0x6041, 'Statusword', 6, 'ro', 0, 1),
        obj(0x6060, 'Modes of operation', 2, 'rw', 0, 1),
        obj(0x6064, 'Position actual value', 4, 'ro', 0, 1),
        obj(0x606C, 'Velocity actual value', 4, 'ro', 0, 1),
    ]
    write_eds('odint-drive.eds',
              'VendorName=cosniff tests\nProductName=Test drive\n'
              'NrOfRXPDO=1\nNrOfTXPDO=7', objs,
              'test drive: six TPDOs (bit fields, signed fields, dummy, '
              '29-bit COB-ID), one RPDO')


TYPES = [
    (0x01, 'BOOLEAN'), (0x02, 'INTEGER8'), (0x03, 'INTEGER16'),
    (0x04, 'INTEGER32'), (0x05, 'UNSIGNED8'), (0x06, 'UNSIGNED16'),
    (0x07, 'UNSIGNED32'), (0x08, 'REAL32'), (0x09, 'VISIBLE_STRING'),
    (0x0A, 'OCTET_STRING'), (0x0B, 'UNICODE_STRING'),
    (0x0C, 'TIME_OF_DAY'), (0x0D, 'TIME_DIFFERENCE'), (0x0F, 'DOMAIN'),
    (0x10, 'INTEGER24'), (0x11, 'REAL64'), (0x12, 'INTEGER40'),
    (0x13, 'INTEGER48'), (0x14, 'INTEGER56'), (0x15, 'INTEGER64'),
    (0x16, 'UNSIGNED24'), (0x18, 'UNSIGNED40'), (0x19, 'UNSIGNED48'),
    (0x1A, 'UNSIGNED56'), (0x1B, 'UNSIGNED64')]


def types_eds():
    objs = [obj(0x1000, 'Device type', 7, 'ro', 0)]
    for code, name in TYPES:
        dflt = '' if code in (0x09, 0x0A, 0x0B, 0x0F) else 0
        o = obj(0x2100 + code, 'Value %s' % name, code, 'rw',
                dflt if dflt != '' else None)
        objs.append(o)
    write_eds('odint-types.eds',
              'VendorName=cosniff tests\nProductName=One object per type',
              objs, 'one object per CiA 301 data type: 2100h + type index')


def io_dcf():
    """node 16 (DCF NodeID): values in force differ from the defaults"""
    objs = [
        obj(0x1000, 'Device type', 7, 'ro', '0x000F0191'),
        obj(0x1001, 'Error register', 5, 'ro', 0),
        obj(0x1014, 'COB-ID EMCY', 7, 'rw', '$NODEID+0x80', 0, '0x000000A0'),
        obj(0x1017, 'Producer heartbeat time', 6, 'rw', 0, 0, 50),
        identity(),
        record(0x1201, 'SDO server parameter 2', [
            ('Highest sub-index supported', 5, 'ro', 3),
            ('COB-ID client to server', 7, 'rw', '0x80000000', '0x6E0'),
            ('COB-ID server to client', 7, 'rw', '0x80000000', '0x5E0'),
            ('Node-ID of the SDO client', 5, 'rw', 0, 1)]),
        comm(0x1400, '$NODEID+0x200', 255, '$NODEID+0x200', tx=False),
        mapping(0x1600, [0x62000108], [None], None),
        comm(0x1800, '$NODEID+0x180', 255, '0x2B0'),
        comm(0x1801, '$NODEID+0x280', 255, '0x80000290'),
        mapping(0x1A00, [0x60000108, 0x60000208], None, 2, 1),
        mapping(0x1A01, [0x64010110]),
        record(0x6000, 'Read input 8-bit', [
            ('Highest sub-index supported', 5, 'ro', 2),
            ('Read inputs 1 to 8', 5, 'ro', 0, None, 1),
            ('Read inputs 9 to 16', 5, 'ro', 0, None, 1)]),
        record(0x6200, 'Write output 8-bit', [
            ('Highest sub-index supported', 5, 'ro', 1),
            ('Write outputs 1 to 8', 5, 'rw', 0, None, 1)]),
        record(0x6401, 'Read analog input 16-bit', [
            ('Highest sub-index supported', 5, 'ro', 1),
            ('Analog input 1', 3, 'ro', 0, None, 1)]),
    ]
    write_eds('odint-io.dcf',
              'VendorName=cosniff tests\nProductName=IO module\n'
              'NrOfRXPDO=1\nNrOfTXPDO=2', objs,
              'IO module, configured: TPDO1 on 0x2B0 with two bytes, TPDO2 '
              'disabled, EMCY on 0x0A0, second SDO channel 0x6E0/0x5E0, '
              'heartbeat 50 ms', dcf=16)


def master_dcf():
    objs = [
        obj(0x1000, 'Device type', 7, 'ro', 0),
        obj(0x1001, 'Error register', 5, 'ro', 0),
        record(0x1016, 'Consumer heartbeat time', [
            ('Highest sub-index supported', 5, 'ro', 2),
            ('Consumer heartbeat time 1', 7, 'rw', 0, '0x00110064'),
            ('Consumer heartbeat time 2', 7, 'rw', 0, 0)]),
        obj(0x1017, 'Producer heartbeat time', 6, 'rw', 0, 0, 0),
    ]
    write_eds('odint-master.dcf',
              'VendorName=cosniff tests\nProductName=Master', objs,
              'master: consumes the heartbeat of node 17 within 100 ms',
              dcf=1)

# ---------------------------------------------------------------- logs


class Log:
    def __init__(self, t0=1700000000):
        self.us = t0 * 1000000          # integer microseconds
        self.lines = []

    def at(self, dt):
        self.us += round(dt * 1e6)

    def frame(self, cob, data, rtr=False, step=0.001):
        if rtr:
            body = 'R'
        else:
            body = ''.join('%02X' % b for b in data)
        w = 8 if cob > 0x7FF else 3
        self.lines.append('(%d.%06d) can0 %0*X#%s' % (
            self.us // 1000000, self.us % 1000000, w, cob, body))
        self.us += round(step * 1e6)

    def write(self, name):
        with open(os.path.join(TOP, 'logs', name), 'w') as f:
            f.write('\n'.join(self.lines) + '\n')


def pad(b):
    return bytes(b) + bytes(8 - len(b))


def mux(index, sub):
    return [index & 0xFF, index >> 8, sub]


def sdo_dl_exp(log, node, index, sub, val, size, tx=0x600, rx=0x580):
    data = list(val.to_bytes(size, 'little'))
    cmd = 0x23 | ((4 - size) << 2)
    log.frame(tx + node, pad([cmd] + mux(index, sub) + data))
    log.frame(rx + node, pad([0x60] + mux(index, sub)))


def sdo_ul_exp(log, node, index, sub, data, tx=0x600, rx=0x580):
    log.frame(tx + node, pad([0x40] + mux(index, sub)))
    cmd = 0x43 | ((4 - len(data)) << 2)
    log.frame(rx + node, pad([cmd] + mux(index, sub) + list(data)))


def sdo_ul_seg(log, node, index, sub, data, tx=0x600, rx=0x580):
    log.frame(tx + node, pad([0x40] + mux(index, sub)))
    log.frame(rx + node, pad([0x41] + mux(index, sub) +
                             list(struct.pack('<I', len(data)))))
    t = 0
    for i in range(0, len(data), 7):
        chunk = list(data[i:i + 7])
        last = i + 7 >= len(data)
        log.frame(tx + node, pad([0x60 | t << 4]))
        cmd = t << 4 | (7 - len(chunk)) << 1 | (1 if last else 0)
        log.frame(rx + node, pad([cmd] + chunk))
        t ^= 1


def sdo_dl_seg(log, node, index, sub, data):
    log.frame(0x600 + node, pad([0x21] + mux(index, sub) +
                                list(struct.pack('<I', len(data)))))
    log.frame(0x580 + node, pad([0x60] + mux(index, sub)))
    t = 0
    for i in range(0, len(data), 7):
        chunk = list(data[i:i + 7])
        last = i + 7 >= len(data)
        cmd = t << 4 | (7 - len(chunk)) << 1 | (1 if last else 0)
        log.frame(0x600 + node, pad([cmd] + chunk))
        log.frame(0x580 + node, pad([0x20 | t << 4]))
        t ^= 1


def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = (crc << 1 ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def sdo_dl_block(log, node, index, sub, data):
    """one sub-block, CRC on"""
    log.frame(0x600 + node, pad([0xC6] + mux(index, sub) +
                                list(struct.pack('<I', len(data)))))
    log.frame(0x580 + node, pad([0xA4] + mux(index, sub) + [127]))
    segs = [data[i:i + 7] for i in range(0, len(data), 7)]
    for i, s in enumerate(segs):
        seq = i + 1 | (0x80 if i == len(segs) - 1 else 0)
        log.frame(0x600 + node, pad([seq] + list(s)))
    log.frame(0x580 + node, pad([0xA2, len(segs), 127]))
    n = 7 - len(segs[-1])
    crc = crc16(data)
    log.frame(0x600 + node, pad([0xC1 | n << 2, crc & 0xFF, crc >> 8]))
    log.frame(0x580 + node, pad([0xA1]))


def hb(log, node, state=0x05):
    log.frame(0x700 + node, [state])


def pdo_log():
    """node 5 with odint-drive.eds: PDOs from the EDS defaults"""
    g = Log()
    hb(g, 5)
    g.at(0.01)
    g.frame(0x185, [0x37, 0x06, 0xE8, 0x03, 0x00, 0x00])  # 1591, 1000
    g.frame(0x285, [0x37, 0x02, 0x18, 0xFC, 0xFF, 0xFF])  # 567, -1000
    # TPDO3: Enable=1, Mode bits=0x55, dummy 0xAA, Torque delta -1 (12
    # bits 0xFFF), Trim -8 (4 bits 0x8) -> 0xAB 0xAA 0xFF 0x8F
    g.frame(0x385, [0xAB, 0xAA, 0xFF, 0x8F])
    # Enable=0, Mode bits=3, Torque delta +2047 (0x7FF), Trim +7
    g.frame(0x385, [0x06, 0x00, 0xFF, 0x77])
    g.frame(0x485, list(struct.pack('<fH', 21.5, 4242)))
    # TPDO5 on 0x1C5 (TPDO1 of node 69 in the predefined set)
    g.frame(0x1C5, list((-1234567 & 0xFFFFFF).to_bytes(3, 'little')) +
            list((0x0102030405).to_bytes(5, 'little')))
    g.frame(0x18FF0105, list(b'AX-1'))          # TPDO6, 29-bit
    g.frame(0x4C5, [0x37, 0x06, 0x21, 0x02])    # TPDO7: keys stay unique
    g.frame(0x205, [0x0F, 0x00, 0xFD])          # RPDO1: 15, -3
    g.frame(0x185, [0x37, 0x06, 0xE8])          # 3 of 6 bytes
    g.frame(0x185, [0x37, 0x06, 0xE8, 0x03, 0x00, 0x00, 0x00])
    g.frame(0x185, [], rtr=True)                # TPDO1 request
    g.frame(0x1C5, [], rtr=True)                # TPDO5 request
    g.frame(0x205, [], rtr=True)                # RTR on an RPDO
    g.frame(0x186, [0x01, 0x02])                # node 6: no EDS
    g.write('odint-pdo.log')


def remap_log():
    """node 5 (EDS) re-mapped by SDO downloads of every mode, COB-IDs
    moved; node 7 (no EDS) learns a mapping too"""
    g = Log()
    g.frame(0x185, [0x37, 0x06, 0xE8, 0x03, 0x00, 0x00])
    g.frame(0x000, [0x80, 0x05])                # pre-operational
    g.at(0.01)
    sdo_dl_exp(g, 5, 0x1800, 1, 0x80000185, 4)  # 1. TPDO1 not valid
    sdo_dl_exp(g, 5, 0x1A00, 0, 0, 1)           # 2. sub 0 = 0
    sdo_dl_exp(g, 5, 0x1A00, 1, 0x60410010, 4)  # 3. entries
    sdo_dl_seg(g, 5, 0x1A00, 2, struct.pack('<I', 0x606C0020))
    sdo_dl_block(g, 5, 0x1A00, 3, struct.pack('<I', 0x20010404))
    sdo_dl_exp(g, 5, 0x1A00, 0, 3, 1)           # 4. sub 0 = 3
    sdo_dl_exp(g, 5, 0x1800, 1, 0x00000190, 4)  # 5. valid, moved
    sdo_dl_exp(g, 5, 0x1800, 2, 1, 1)           # every SYNC
    sdo_dl_exp(g, 5, 0x1014, 0, 0x000000C5, 4)  # EMCY moved
    sdo_dl_exp(g, 5, 0x1005, 0, 0x00000081, 4)  # SYNC moved
    sdo_dl_exp(g, 5, 0x1012, 0, 0x40000101, 4)  # TIME produced on 0x101
    g.frame(0x000, [0x01, 0x05])                # start
    g.at(0.01)
    g.frame(0x081, [])
    g.frame(0x101, list(struct.pack('<IH', 43200500, 15665)))
    # Statusword 0x0637, velocity -1000, Trim -3
    g.frame(0x190, [0x37, 0x06, 0x18, 0xFC, 0xFF, 0xFF, 0x0D])
    g.frame(0x185, [0x37, 0x06, 0xE8, 0x03, 0x00, 0x00])
    g.frame(0x0C5, [0x00, 0x10, 0x01, 0, 0, 0, 0, 0])
    g.at(0.01)
    # node 7 has no EDS
    sdo_dl_exp(g, 7, 0x1A00, 0, 0, 1)
    g.frame(0x187, [0x37, 0x06])                # empty mapping: raw
    sdo_dl_exp(g, 7, 0x1A00, 1, 0x60410010, 4)
    sdo_dl_exp(g, 7, 0x1A00, 2, 0x60640020, 4)
    sdo_dl_exp(g, 7, 0x1A00, 0, 2, 1)
    g.frame(0x187, [0x37, 0x06, 0xE8, 0x03, 0x00, 0x00])
    # a write the node refuses changes nothing
    g.frame(0x607, pad([0x2F, 0x00, 0x1A, 0x00, 0x09]))
    g.frame(0x587, pad([0x80, 0x00, 0x1A, 0x00, 0x42, 0x00, 0x04, 0x06]))
    g.frame(0x187, [0x37, 0x06, 0xE8, 0x03, 0x00, 0x00])
    # CiA 402 names until the device type says CiA 401
    sdo_ul_exp(g, 7, 0x1000, 0, list(struct.pack('<I', 0x000F0191)))
    g.frame(0x187, [0x37, 0x06, 0xE8, 0x03, 0x00, 0x00])
    g.write('odint-remap.log')


def upload_log():
    """a master reads the configuration of node 8 (no EDS)"""
    g = Log()
    sdo_ul_exp(g, 8, 0x1A00, 0, [2])
    sdo_ul_exp(g, 8, 0x1A00, 1, list(struct.pack('<I', 0x20000020)))
    sdo_ul_exp(g, 8, 0x1A00, 2, list(struct.pack('<I', 0x20010008)))
    sdo_ul_exp(g, 8, 0x1800, 1, list(struct.pack('<I', 0x400001A8)))
    sdo_ul_exp(g, 8, 0x1800, 2, [0xFE])
    sdo_ul_exp(g, 8, 0x1800, 5, list(struct.pack('<H', 100)))
    sdo_ul_exp(g, 8, 0x1017, 0, list(struct.pack('<H', 20)))
    g.at(0.01)
    hb(g, 8)
    g.frame(0x1A8, [0x78, 0x56, 0x34, 0x12, 0x9A])
    g.frame(0x1A8, [], rtr=True)
    g.at(0.02)
    hb(g, 8)
    g.at(0.05)                                  # silent: lost after 30 ms
    hb(g, 8)
    g.write('odint-upload.log')


def types_log():
    """node 9 with odint-types.eds: one upload per data type"""
    g = Log()
    vals = {
        0x01: b'\x01', 0x02: b'\x85', 0x03: struct.pack('<h', -300),
        0x04: struct.pack('<i', -70000), 0x05: b'\xC8',
        0x06: struct.pack('<H', 65535), 0x07: struct.pack('<I', 4000000000),
        0x08: struct.pack('<f', -1.25), 0x09: b'Hello, CANopen',
        0x0A: bytes([1, 2, 3, 0xFE, 0xFF]), 0x0B: 'Grüße'.encode('utf-16-le'),
        # 2026-11-21 12:00:00.500 = days since 1984-01-01, ms after midnight
        0x0C: struct.pack('<IH', 43200500, (datetime.date(2026, 11, 21) -
                                            datetime.date(1984, 1, 1)).days),
        0x0D: struct.pack('<IH', 3723004, 2),
        0x0F: bytes(range(0x10, 0x1A)),
        0x10: (-2 & 0xFFFFFF).to_bytes(3, 'little'),
        0x11: struct.pack('<d', 3.141592653589793),
        0x12: (-(1 << 39)).to_bytes(5, 'little', signed=True),
        0x13: (123456789012).to_bytes(6, 'little', signed=True),
        0x14: (-1).to_bytes(7, 'little', signed=True),
        0x15: (-9223372036854775807).to_bytes(8, 'little', signed=True),
        0x16: (0xABCDEF).to_bytes(3, 'little'),
        0x18: (0xFFFFFFFFFF).to_bytes(5, 'little'),
        0x19: (281474976710655).to_bytes(6, 'little'),
        0x1A: (0x01020304050607).to_bytes(7, 'little'),
        0x1B: (18446744073709551615).to_bytes(8, 'little'),
    }
    for code, _ in TYPES:
        d = vals[code]
        if len(d) <= 4:
            sdo_ul_exp(g, 9, 0x2100 + code, 0, list(d))
        else:
            sdo_ul_seg(g, 9, 0x2100 + code, 0, d)
        g.at(0.001)
    # size mismatches: 4 bytes for UNSIGNED16, 2 for INTEGER32
    sdo_ul_exp(g, 9, 0x2106, 0, [1, 0, 0, 0])
    sdo_ul_exp(g, 9, 0x2104, 0, [1, 0])
    # download of a REAL32, standard objects without EDS entries
    sdo_dl_exp(g, 9, 0x2108, 0, 0x40490FDB, 4)
    sdo_ul_exp(g, 9, 0x1018, 1, list(struct.pack('<I', 0x123)))
    sdo_ul_exp(g, 9, 0x1000, 0, list(struct.pack('<I', 0x191)))
    g.write('odint-types.log')


def dcf_log():
    """node 16 (odint-io.dcf), node 17 watched by the master (node 1,
    odint-master.dcf)"""
    g = Log()
    for _ in range(3):
        hb(g, 16)
        hb(g, 17)
        g.at(0.048)
    g.frame(0x2B0, [0x81, 0x7E])                # TPDO1 moved
    g.frame(0x290, [0x01, 0x02])                # TPDO2 disabled
    g.frame(0x210, [0x55])                      # RPDO1
    g.frame(0x0A0, [0x00, 0x50, 0x01, 0, 0, 0, 0, 0])   # EMCY of 16
    sdo_ul_exp(g, 16, 0x1018, 1, list(struct.pack('<I', 0x123)),
               0x6E0 - 16, 0x5E0 - 16)          # second SDO channel
    g.at(0.02)
    hb(g, 17)
    g.at(0.05)
    hb(g, 17)
    g.at(0.15)                                  # 16 lost after 75 ms,
    hb(g, 17)                                   # 17 after 100 ms
    g.write('odint-dcf.log')


if __name__ == '__main__':
    drive_eds()
    types_eds()
    io_dcf()
    master_dcf()
    pdo_log()
    remap_log()
    upload_log()
    types_log()
    dcf_log()
