#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# ws_compare.py - compare Wireshark's CANopen decode (tshark-canopen.sh
# key=value lines) with cosniff --json -v, frame by frame, field by field.
#
# usage: ws_compare.py NAME TSHARK.txt COSNIFF.jsonl EXPECTED.txt
# Prints TAP lines (no plan): one test per frame.  A difference is allowed
# only if EXPECTED.txt lists it as "NAME FRAME FIELD reason..." (a known
# Wireshark bug or a deliberate cosniff choice; FIELD "*" = any field of
# that frame); listed differences that do not occur are reported as notes
# (block sub-block segments only differ once the model tells the dissector
# that a block is in progress).  Exit status 1 if any frame failed.
import json
import sys

# Wireshark's SDO (direction, cs[, sub-command]) -> cosniff "fn"
SDO_FN = {
    ('c2s', 0): 'download-seg', ('c2s', 1): 'init-download',
    ('c2s', 2): 'init-upload', ('c2s', 3): 'upload-seg',
    ('c2s', 4): 'abort',
    ('c2s', 5, 0): 'blk-upload-init', ('c2s', 5, 1): 'blk-upload-end',
    ('c2s', 5, 2): 'blk-upload-ack', ('c2s', 5, 3): 'blk-upload-start',
    ('c2s', 6, 0): 'blk-download-init', ('c2s', 6, 1): 'blk-download-end',
    ('s2c', 0): 'upload-seg', ('s2c', 1): 'download-seg',
    ('s2c', 2): 'init-upload', ('s2c', 3): 'init-download',
    ('s2c', 4): 'abort',
    ('s2c', 5, 0): 'blk-download-init', ('s2c', 5, 1): 'blk-download-end',
    ('s2c', 5, 2): 'blk-download-ack',
    ('s2c', 6, 0): 'blk-upload-init', ('s2c', 6, 1): 'blk-upload-end',
}

# Wireshark "type" -> (cosniff kinds, extra check)
TYPE_KIND = {
    'NMT': ('nmt',), 'SYNC': ('sync',), 'TIME': ('time',),
    'EMCY': ('emcy',), 'SDO_TX': ('sdo',), 'SDO_RX': ('sdo',),
    'NMT_EC': ('heartbeat', 'bootup', 'guard_response'),
    'LSS_MASTER': ('lss',), 'LSS_SLAVE': ('lss',),
    '-': ('unknown', 'error_frame', 'guard_request', 'pdo'),
}
# Wireshark's "Unknown (fc)" label still decodes with the fc's decoder
FC_TYPE = {0: 'NMT', 2: 'TIME', 11: 'SDO_TX', 12: 'SDO_RX', 14: 'NMT_EC'}

NODE_KINDS = ('emcy', 'heartbeat', 'bootup', 'guard_response', 'sdo', 'pdo')


def parse_ws(path):
    frames = {}
    with open(path) as f:
        for line in f:
            d = {}
            for tok in line.split():
                k, _, v = tok.partition('=')
                d[k] = v
            frames[int(d['frame'])] = d
    return frames


def parse_ours(path):
    frames = {}
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            if 'frame' in d and d['kind'] in (
                    'nmt', 'sync', 'time', 'emcy', 'heartbeat', 'bootup',
                    'guard_request', 'guard_response', 'sdo', 'pdo', 'lss',
                    'error_frame', 'unknown'):
                frames[d['frame']] = d
    return frames


def hexint(v):
    return int(v, 16)


def le_int(hexbytes):
    return int.from_bytes(bytes.fromhex(hexbytes), 'little')


class Cmp:
    def __init__(self, w, j):
        self.w, self.j, self.diffs, self.n = w, j, [], 0

    def eq(self, field, wval, jval):
        self.n += 1
        if wval != jval:
            self.diffs.append((field, wval, jval))

    def pair(self, wkey, jkey, conv=str, jconv=None):
        """compare when Wireshark decoded the field"""
        if wkey not in self.w:
            return
        jv = self.j.get(jkey)
        if jv is not None and jconv:
            jv = jconv(jv)
        self.eq(wkey, conv(self.w[wkey]), jv)


def ws_type(w):
    t = w.get('type', '-')
    if t.startswith('UNKNOWN_FC'):
        return FC_TYPE.get(int(t[10:]), '-')
    return t


def cmp_frame_level(c, w, j):
    wid = w['id']
    if wid == 'err':
        c.eq('id', 'err', 'err' if j['kind'] == 'error_frame' else 'no')
    else:
        c.eq('id', hexint(wid), j['cob_id'])
        c.eq('ext', len(wid) == 10, j.get('ext', False))
    c.eq('rtr', w.get('rtr') == '1', j.get('rtr', False))
    c.pair('len', 'len', int)
    t = ws_type(w)
    if t.startswith(('TPDO', 'RPDO')):
        c.eq('type', t, j.get('pdo') if j['kind'] == 'pdo' else j['kind'])
    else:
        kinds = TYPE_KIND.get(t, ())
        c.eq('type', t, t if j['kind'] in kinds else j['kind'])
    if t in ('SDO_TX', 'SDO_RX'):
        c.eq('dir', 's2c' if t == 'SDO_TX' else 'c2s', j.get('dir'))
    if t in ('LSS_MASTER', 'LSS_SLAVE'):
        c.eq('dir', 'm2s' if t == 'LSS_MASTER' else 's2m', j.get('dir'))
    if j['kind'] in NODE_KINDS and 'node' in w:
        c.eq('node', hexint(w['node']), j['node'])
    c.eq('malformed', w.get('malformed') == '1', j.get('status') == 'short')
    if 'data' in w:
        c.eq('data', w['data'], j.get('data', j.get('raw')))


def cmp_simple(c):
    c.pair('nmt.cs', 'cs', hexint, hexint)
    c.pair('nmt.node', 'target', hexint)
    c.pair('state', 'state_code', hexint)
    if 'toggle' in c.w:
        c.eq('toggle', c.w['toggle'] == '1', c.j.get('toggle', False))
    c.pair('sync.cnt', 'counter', int)
    c.pair('time.ms', 'ms', int)
    c.pair('time.days', 'days', int)
    c.pair('time', 'time')
    c.pair('emcy.code', 'code', hexint, hexint)
    c.pair('emcy.reg', 'register', hexint, hexint)
    c.pair('emcy.msef', 'mfr')
    if 'pdo' in c.w:
        c.eq('pdo', '' if c.w['pdo'] == 'empty' else c.w['pdo'],
             c.j.get('data'))


def cmp_sdo_fn(c, w, j):
    cs = w.get('ccs', w.get('scs'))
    if cs is None and 'sdo.cmd' in w:
        # only the command byte: a specifier Wireshark does not know
        c.eq('sdo.fn', 'unknown', j.get('fn'))
        return
    if cs is None:
        # no field at all (Wireshark skips CRC-flagged block initiates)
        c.eq('sdo.cmd', None, j.get('cmd'))
        return
    sub = w.get('cs', w.get('ss'))
    key = (j.get('dir'), int(cs)) if sub is None else \
        (j.get('dir'), int(cs), int(sub))
    c.eq('sdo.fn', SDO_FN.get(key, 'unknown'), j.get('fn'))


def cmp_sdo_data(c, w, j):
    if 'sdo.data' not in w:
        return
    wd, fn = w['sdo.data'], j.get('fn')
    if fn in ('blk-download-end', 'blk-upload-end'):
        c.eq('sdo.data', le_int(wd), hexint(j.get('crc_val', '-1')))
    elif 'data' in j:
        c.eq('sdo.data', wd[:len(j['data'])], j['data'])
    elif j.get('s'):
        c.eq('sdo.data', le_int(wd), j.get('size'))


def cmp_sdo(c):
    w, j = c.w, c.j
    c.pair('sdo.cmd', 'cmd', hexint, hexint)
    if 'sdo.cmd' in w or 'cmd' in j:
        cmp_sdo_fn(c, w, j)
    c.eq('idx', hexint(w['idx']) if 'idx' in w else None,
         hexint(j['index']) if 'index' in j else None)
    c.pair('sub', 'sub', hexint, hexint)
    c.pair('sdo.t', 'toggle', lambda v: v == '1')
    if 'n' in j:
        c.pair('sdo.n', 'n', int)
    c.pair('sdo.e', 'e', lambda v: v == '1')
    c.pair('sdo.s', 's', lambda v: v == '1')
    c.pair('sdo.c', 'last', lambda v: v == '1')
    c.pair('crc', 'crc', lambda v: v == '1')
    for k in ('ackseq', 'blksize', 'pst'):
        c.pair(k, k, int)
    c.pair('abort', 'abort_code', hexint, hexint)
    cmp_sdo_data(c, w, j)


def cmp_lss(c):
    c.pair('lss.cs', 'cs', hexint, hexint)
    c.pair('lss.mode', 'mode_code', hexint)
    c.pair('lss.nid', 'node_id', hexint)
    for wk, jk in (('lss.vendor', 'vendor'), ('lss.product', 'product'),
                   ('lss.rev', 'revision'), ('lss.rev_lo', 'revision_low'),
                   ('lss.rev_hi', 'revision_high'), ('lss.serial', 'serial'),
                   ('lss.serial_lo', 'serial_low'),
                   ('lss.serial_hi', 'serial_high'), ('lss.fs.id', 'id')):
        c.pair(wk, jk, hexint, hexint)
    c.pair('lss.fs.check', 'bit_check', hexint)
    c.pair('lss.fs.sub', 'lss_sub', hexint)
    c.pair('lss.fs.next', 'lss_next', hexint)
    for wk in ('lss.err.id', 'lss.err.bt', 'lss.err.store'):
        c.pair(wk, 'error', hexint)
    c.pair('lss.spec_err', 'spec_error', hexint)
    c.pair('lss.bt.sel', 'table', hexint)
    c.pair('lss.bt.idx', 'index', hexint)
    c.pair('lss.delay', 'delay_ms', int)


def compare(w, j):
    c = Cmp(w, j)
    cmp_frame_level(c, w, j)
    cmp_simple(c)
    if j['kind'] == 'sdo' or 'sdo.cmd' in w:
        cmp_sdo(c)
    if j['kind'] == 'lss' or 'lss.cs' in w:
        cmp_lss(c)
    return c


def load_expected(path, name):
    exp = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4:
                sys.exit('%s: bad line: %s' % (path, line))
            if parts[0] == name:
                exp[(int(parts[1]), parts[2])] = parts[3]
    return exp


def main():
    name, ws_path, our_path, exp_path = sys.argv[1:5]
    ws, ours = parse_ws(ws_path), parse_ours(our_path)
    exp = load_expected(exp_path, name)
    used, failed, n = set(), 0, 0
    for fr in sorted(set(ws) | set(ours)):
        n += 1
        if fr not in ws or fr not in ours:
            failed += 1
            print('not ok - %s frame %d: only in %s' %
                  (name, fr, 'tshark' if fr in ws else 'cosniff'))
            continue
        c = compare(ws[fr], ours[fr])
        bad = []
        notes = []
        for field, wv, jv in c.diffs:
            key = (fr, field)
            if key not in exp and (fr, '*') in exp:
                key = (fr, '*')
            if key in exp:
                used.add(key)
                notes.append('# expected: %s tshark=%r cosniff=%r (%s)' %
                             (field, wv, jv, exp[key]))
            else:
                bad.append('# %s: tshark=%r cosniff=%r' % (field, wv, jv))
        status = 'not ok' if bad else 'ok'
        failed += 1 if bad else 0
        print('%s - %s frame %d: %d fields agree with tshark' %
              (status, name, fr, c.n - len(c.diffs)))
        for line in bad + notes:
            print(line)
    for key in sorted(set(exp) - used):
        print('# note: %s frame %d %s listed but not different (%s)' %
              (name, key[0], key[1], exp[key]))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
