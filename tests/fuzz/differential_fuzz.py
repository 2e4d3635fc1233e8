#!/usr/bin/env python3
"""Differential fuzzer: AkkaKv against a real redis-server, reply for reply.

Sends the same random (valid-ish and deliberately invalid) LIST, HASH, SET and STREAM commands, plus generic
key commands (TYPE, DEL, EXISTS, RENAME, COPY, EXPIRE, ...) over a small key space to both servers, under RESP2
and RESP3, and compares the replies byte for byte. The command sequence depends only on the seed (never on
replies), so a run can be replayed with the same --seed/--count/--types.

Known, intentional differences are normalised rather than reported:
  * unordered replies (SMEMBERS, SINTER, SSCAN, HGETALL of a hashtable, ...) are compared as multisets;
  * random picks (SPOP, SRANDMEMBER, HRANDFIELD) are compared by shape, count, distinctness and membership;
    after SPOP AkkaKv's set is patched to Redis's so both keyspaces stay identical;
  * times (XPENDING idle, XINFO idle/seen-time/active-time/inactive, delivery times) and TTL +-1 s;
  * XINFO fields AkkaKv (7.2) reports that the reference server (7.0) does not.
When the reference is Redis 7.0, its 7.2 changes are accounted for (each checked against 7.2's sources):
  * LPOS RANK LONG_MIN is a range error; a timeout overflowing now+timeout is "out of range", not "negative";
  * the unbalanced XREAD/XREADGROUP error names the command; HELP ends with "Print this help.";
  * XREADGROUP, XCLAIM and XAUTOCLAIM create their consumer even when they serve nothing (the reference gets an
    XGROUP CREATECONSUMER to match); XSETID below the current max-deleted-entry-id is refused, before the other
    checks (the reference's change is undone); a woken blocked XREAD/XREADGROUP is re-run, so it keeps waiting
    rather than getting [key, []], and gets XREADGROUP's own NOGROUP error rather than "no longer exists".
HSCAN NOVALUES (AkkaKv's documented Redis 7.4 extension) is not generated.
XADD uses explicit (or ms-*) IDs only. Not run by the test suite.

Usage:
  redis-server --port 7431 --save "" --appendonly no --daemonize yes
  dotnet run --project src/AkkaKv.Host -c Release -- --port 7432 &
  /usr/bin/python3 tests/fuzz/differential_fuzz.py --seed 1 --count 20000 --types list,hash,set,stream
  (--small-limits also shrinks the listpack/intset/stream-node limits on both servers for the run.)

Exit status: 0 no mismatch, 1 mismatches found, 2 could not connect.
"""
import argparse
import random
import socket
import sys
import time

# ---------------------------------------------------------------------------------------------- RESP client


class RespError(Exception):
    pass


class Conn:
    """One RESP connection returning (raw bytes, parsed tree) per reply."""

    def __init__(self, host, port, proto, timeout):
        self.host, self.port, self.proto, self.timeout = host, port, proto, timeout
        self.connect()

    def connect(self):
        self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()
        self.pos = 0
        if self.proto == 3:
            self.call([b'HELLO', b'3'])

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    @staticmethod
    def encode(args):
        out = [b'*%d\r\n' % len(args)]
        for a in args:
            out.append(b'$%d\r\n' % len(a))
            out.append(a)
            out.append(b'\r\n')
        return b''.join(out)

    def call(self, args):
        self.sock.sendall(self.encode(args))
        return self.read_reply()

    def read_reply(self):
        start = self.pos
        parsed = self._read()
        raw = bytes(self.buf[start:self.pos])
        del self.buf[:self.pos]
        self.pos = 0
        return raw, parsed

    def _fill(self):
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise RespError('connection closed by %d' % self.port)
        self.buf += chunk

    def _line(self):
        while True:
            i = self.buf.find(b'\r\n', self.pos)
            if i >= 0:
                line = bytes(self.buf[self.pos:i])
                self.pos = i + 2
                return line
            self._fill()

    def _exact(self, n):
        while len(self.buf) < self.pos + n + 2:
            self._fill()
        data = bytes(self.buf[self.pos:self.pos + n])
        self.pos += n + 2
        return data

    def _read(self):
        line = self._line()
        t, rest = chr(line[0]), line[1:]
        if t in '+-,(#':
            return (t, rest)
        if t == ':':
            return (t, int(rest))
        if t == '_':
            return ('_', None)
        if t in '$=!':
            n = int(rest)
            return (t, None) if n < 0 else (t, self._exact(n))
        if t in '*~>':
            n = int(rest)
            return (t, None) if n < 0 else (t, [self._read() for _ in range(n)])
        if t == '%':
            return (t, [(self._read(), self._read()) for _ in range(int(rest))])
        if t == '|':
            for _ in range(int(rest)):
                self._read()
                self._read()
            return self._read()
        raise RespError('unexpected reply type byte %r from %d' % (t, self.port))


def show(node):
    """Compact human-readable form of a parsed reply."""
    t, v = node
    if t in '$=':
        return 'nil' if v is None else repr(v)[1:]
    if t == '+':
        return '+' + v.decode('latin-1')
    if t == '-':
        return '(error) ' + v.decode('latin-1')
    if t == ':':
        return '(int) %d' % v
    if t in ',(#':
        return t + v.decode('latin-1')
    if t == '_':
        return '(null)'
    if t in '*~>':
        return ('nil' + t) if v is None else t + '[' + ', '.join(show(x) for x in v) + ']'
    if t == '%':
        return '{' + ', '.join(show(k) + ': ' + show(x) for k, x in v) + '}'
    return repr(node)


def unordered(node):
    """Sorted-recursive canonical form: arrays/sets/maps compared as multisets."""
    t, v = node
    if t in '*~' and v is not None:
        return ('*', tuple(sorted(repr(unordered(x)) for x in v)))
    if t == '%':
        return ('%', tuple(sorted(repr((unordered(k), unordered(x))) for k, x in v)))
    return node


def pairs_of(node):
    """Map as a list of (key, value) pairs, RESP3 map or RESP2 flat array."""
    t, v = node
    if t == '%':
        return list(v)
    if t == '*' and v is not None and len(v) % 2 == 0:
        return [(v[i], v[i + 1]) for i in range(0, len(v), 2)]
    return None


def rebuild_map(like, pairs):
    if like[0] == '%':
        return ('%', pairs)
    flat = []
    for k, x in pairs:
        flat.append(k)
        flat.append(x)
    return ('*', flat)


def bulk_items(node):
    """Flat list of bulk payloads of an array/set reply (None if not such a reply)."""
    t, v = node
    if t not in '*~' or v is None:
        return None
    out = []
    for x in v:
        if x[0] != '$':
            return None
        out.append(x[1])
    return out


def blank_shape(node):
    """The reply with every bulk payload removed: compares random replies by shape only."""
    t, v = node
    if t in '*~>' and v is not None:
        return (t, tuple(blank_shape(x) for x in v))
    if t == '%':
        return (t, tuple((blank_shape(k), blank_shape(x)) for k, x in v))
    if t == '$' and v is not None:
        return ('$', b'')
    return node

# ---------------------------------------------------------------------------------------------- value pools


KEYS = [b'ka', b'kb', b'kc', b'kd', b'ke', b'k\x00z']  # a NUL: errors quote keys C-string style
SMALL = [b'a', b'b', b'c', b'd', b'e', b'1', b'2', b'3', b'-1', b'10']
ODD = [b'', b'\x00\xff\r\n', b'x' * 70, b'9223372036854775807', b'-9223372036854775808', b'1.5', b' 2',
       b'007', b'foo bar', b'0', b'-0', b'1e3', b'inf', b'\xe9t\xe9', b'18446744073709551616', b'y' * 200]
WEIRD_INTS = [b'0', b'-0', b'9223372036854775807', b'-9223372036854775808', b'9223372036854775808',
              b'-9223372036854775809', b'', b'abc', b'1.5', b' 1', b'1 ', b'+1', b'0x10', b'1e3', b'01', b'-',
              b'18446744073709551616', b'2147483648', b'-2147483649', b'4294967296']
WEIRD_FLOATS = [b'0.1', b'-0.1', b'1e308', b'-1e308', b'1e-320', b'inf', b'-inf', b'nan', b'+inf', b'1.7976931348623157e309',
                b'3.0e3', b'.5', b'5.', b'0x10', b'1,5', b'', b' 1', b'1e', b'-0', b'123456789012345678901234567890',
                b'0.30000000000000004', b'1E+2', b'abc']
JUNK = WEIRD_INTS + [b'COUNT', b'LIMIT', b'WITHVALUES', b'STREAMS', b'MATCH', b'RANK', b'MAXLEN', b'MINID',
                     b'REPLACE', b'NX', b'XX', b'GT', b'LT', b'LEFT', b'RIGHT', b'BEFORE', b'AFTER', b'~', b'=',
                     b'JUSTID', b'FORCE', b'MKSTREAM', b'NOACK', b'FULL', b'ka', b'kb', b'-', b'+', b'$', b'>',
                     b'1-1', b'0-1', b'\x00', b'x' * 70]

# ---------------------------------------------------------------------------------------------- generators


def kind_of(name):
    """How a command's reply is compared when the generator builds it without knowing its arguments."""
    if name in (b'SPOP', b'SRANDMEMBER', b'HRANDFIELD'):
        return 'random'
    if name in (b'HGETALL', b'HKEYS', b'HVALS'):
        return 'hash-unordered'
    if name in (b'SMEMBERS', b'SINTER', b'SUNION', b'SDIFF'):
        return 'unordered'
    if name in (b'HSCAN', b'SSCAN'):
        return 'scan'
    if name in (b'XPENDING',):
        return 'xpending'
    if name in (b'XINFO',):
        return 'xinfo'
    return 'blocking' if name.startswith(b'B') else 'exact'


class Gen:
    """Random command generator; depends only on its own RNG (never on replies)."""

    def __init__(self, rng):
        self.r = rng
        self.tick = 0  # drives stream IDs upward so most XADDs succeed

    # ---- primitives
    def ch(self, seq):
        return self.r.choice(seq)

    def p(self, prob):
        return self.r.random() < prob

    def key(self):
        return self.ch(KEYS)

    def keys(self, lo=1, hi=3):
        return [self.key() for _ in range(self.r.randint(lo, hi))]

    def elem(self):
        x = self.r.random()
        if x < 0.6:
            return self.ch(SMALL)
        if x < 0.8:
            return self.ch(ODD)
        return str(self.r.randint(-20, 600)).encode()

    def elems(self, lo=1, hi=4):
        if self.p(0.02):
            n = self.r.randint(100, 300)
            if self.p(0.5):
                return [str(self.r.randint(-1000, 1000)).encode() for _ in range(n)]
            return [b'm%d' % self.r.randint(0, 400) for _ in range(n)]
        return [self.elem() for _ in range(self.r.randint(lo, hi))]

    def num(self, s):
        return str(s).encode()

    def idx(self):
        if self.p(0.1):
            return self.ch(WEIRD_INTS)
        return self.num(self.r.randint(-7, 7))

    def count(self, lo=-2, hi=8):
        if self.p(0.08):
            return self.ch(WEIRD_INTS)
        return self.num(self.r.randint(lo, hi))

    def timeout(self):
        if self.p(0.1):
            return self.ch([b'-1', b'abc', b'1e400', b'inf', b'-0.5', b'0x1', b'', b'99999999999999999999'])
        return self.ch([b'0.01', b'0.02', b'0.001'])

    def fields(self):
        return [b'f1', b'f2', b'f3', b'f4', b'', b'x' * 70, b'1', b'\x00']

    def field(self):
        return self.ch(self.fields())

    # ---- generic key commands and foreign writes (cause cross-type collisions)
    def generic(self):
        k = self.r.randint(0, 12)
        key = self.key()
        if k == 0:
            return [b'TYPE', key], 'exact'
        if k == 1:
            return [b'DEL'] + self.keys(1, 3), 'exact'
        if k == 2:
            return [b'EXISTS'] + self.keys(1, 4), 'exact'
        if k == 3:
            return [b'RENAME', key, self.key()], 'exact'
        if k == 4:
            return [b'RENAMENX', key, self.key()], 'exact'
        if k == 5:
            cmd = [b'COPY', key, self.key()]
            if self.p(0.5):
                cmd.append(b'REPLACE')
            if self.p(0.05):
                cmd += [b'DB', self.ch([b'0', b'1', b'-1', b'abc'])]
            return cmd, 'exact'
        if k == 6:
            secs = self.ch([b'100000', b'5000', b'0', b'-5', b'200000', b'9223372036854775807', b'abc'])
            cmd = [b'EXPIRE', key, secs]
            if self.p(0.5):
                cmd.append(self.ch([b'NX', b'XX', b'GT', b'LT', b'FOO']))
            if self.p(0.05):
                cmd.append(self.ch([b'NX', b'XX', b'GT', b'LT']))
            return cmd, 'exact'
        if k == 7:
            return [b'TTL', key], 'ttl'
        if k == 8:
            return [b'PERSIST', key], 'exact'
        if k == 9:
            return [b'UNLINK'] + self.keys(1, 2), 'exact'
        if k == 10:
            return [b'SET', key, self.elem()], 'exact'
        if k == 11:
            return [b'GET', key], 'exact'
        return [b'DBSIZE'], 'exact'

    def foreign(self):
        key = self.key()
        k = self.r.randint(0, 3)
        if k == 0:
            return [b'RPUSH', key] + self.elems(1, 3), 'exact'
        if k == 1:
            return [b'HSET', key, self.field(), self.elem()], 'exact'
        if k == 2:
            return [b'SADD', key] + self.elems(1, 3), 'exact'
        return [b'XADD', key, self.stream_id(add=True), b'f', self.elem()], 'exact'

    # ---- LIST
    def list_cmd(self):
        key = self.key()
        k = self.r.randint(0, 24)
        if k <= 3:
            name = self.ch([b'LPUSH', b'RPUSH', b'LPUSHX', b'RPUSHX'])
            return [name, key] + self.elems(), 'exact'
        if k == 4 or k == 5:
            cmd = [self.ch([b'LPOP', b'RPOP']), key]
            if self.p(0.5):
                cmd.append(self.count(-2, 6))
            return cmd, 'exact'
        if k == 6 or k == 7:
            return [b'LRANGE', key, self.idx(), self.idx()], 'exact'
        if k == 8:
            return [b'LINDEX', key, self.idx()], 'exact'
        if k == 9:
            return [b'LSET', key, self.idx(), self.elem()], 'exact'
        if k == 10:
            where = self.ch([b'BEFORE', b'AFTER', b'before', b'after', b'MIDDLE'])
            return [b'LINSERT', key, where, self.elem(), self.elem()], 'exact'
        if k == 11:
            return [b'LLEN', key], 'exact'
        if k == 12:
            return [b'LREM', key, self.count(-3, 3), self.elem()], 'exact'
        if k == 13:
            return [b'LTRIM', key, self.idx(), self.idx()], 'exact'
        if k == 14:
            cmd = [b'LPOS', key, self.elem()]
            opts = [[b'RANK', self.ch([b'1', b'2', b'-1', b'-2', b'0', b'3', b'-9223372036854775808',
                                      b'9223372036854775807', b'x'])],
                    [b'COUNT', self.ch([b'0', b'1', b'2', b'-1', b'5', b'x'])],
                    [b'MAXLEN', self.ch([b'0', b'1', b'3', b'-1', b'100', b'x'])]]
            for o in self.r.sample(opts, self.r.randint(0, 3)):
                cmd += o
            if self.p(0.05):
                cmd.append(self.ch([b'RANK', b'FOO', b'COUNT']))
            return cmd, 'exact'
        if k == 15:
            return [b'LMOVE', key, self.key(), self.ch([b'LEFT', b'RIGHT', b'left', b'UP']),
                    self.ch([b'LEFT', b'RIGHT', b'right', b'DOWN'])], 'exact'
        if k == 16:
            return [b'RPOPLPUSH', key, self.key()], 'exact'
        if k == 17 or k == 18:
            ks = self.keys(1, 3)
            numkeys = self.num(len(ks)) if self.p(0.9) else self.ch([b'0', b'-1', b'5', b'x', b'2'])
            cmd = [b'LMPOP', numkeys] + ks + [self.ch([b'LEFT', b'RIGHT', b'MIDDLE'])]
            if self.p(0.6):
                cmd += [b'COUNT', self.count(-1, 5)]
            if self.p(0.03):
                cmd += [b'COUNT', b'1']
            return cmd, 'exact'
        if k == 19:
            return [self.ch([b'BLPOP', b'BRPOP'])] + self.keys(1, 3) + [self.timeout()], 'blocking'
        if k == 20:
            return [b'BLMOVE', key, self.key(), self.ch([b'LEFT', b'RIGHT']), self.ch([b'LEFT', b'RIGHT']),
                    self.timeout()], 'blocking'
        if k == 21:
            return [b'BRPOPLPUSH', key, self.key(), self.timeout()], 'blocking'
        if k == 22:
            ks = self.keys(1, 2)
            cmd = [b'BLMPOP', self.timeout(), self.num(len(ks))] + ks + [self.ch([b'LEFT', b'RIGHT'])]
            if self.p(0.5):
                cmd += [b'COUNT', self.count(0, 4)]
            return cmd, 'blocking'
        if k == 23:
            # argument count errors
            name = self.ch([b'LPUSH', b'LRANGE', b'LINDEX', b'LSET', b'LINSERT', b'LREM', b'LTRIM', b'LPOS',
                            b'LMOVE', b'LMPOP', b'LPOP', b'BLPOP', b'BLMPOP', b'LLEN'])
            return [name] + [key] * self.r.randint(0, 1), kind_of(name)
        return [b'LRANGE', key, b'0', b'-1'], 'exact'

    # ---- HASH
    def hash_cmd(self):
        key = self.key()
        k = self.r.randint(0, 21)
        if k <= 2:
            cmd = [self.ch([b'HSET', b'HMSET']), key]
            if self.p(0.02):
                n = self.r.randint(100, 200)
                for i in range(n):
                    cmd += [b'h%d' % self.r.randint(0, 300), self.elem()]
            else:
                for _ in range(self.r.randint(1, 3)):
                    cmd += [self.field(), self.elem()]
            if self.p(0.05):
                cmd.append(self.field())
            return cmd, 'exact'
        if k == 3:
            return [b'HSETNX', key, self.field(), self.elem()], 'exact'
        if k == 4:
            return [b'HGET', key, self.field()], 'exact'
        if k == 5:
            return [b'HMGET', key] + [self.field() for _ in range(self.r.randint(1, 4))], 'exact'
        if k == 6:
            return [b'HDEL', key] + [self.field() for _ in range(self.r.randint(1, 3))], 'exact'
        if k == 7:
            return [b'HLEN', key], 'exact'
        if k == 8:
            return [b'HSTRLEN', key, self.field()], 'exact'
        if k == 9:
            return [b'HEXISTS', key, self.field()], 'exact'
        if k == 10 or k == 11:
            return [self.ch([b'HKEYS', b'HVALS', b'HGETALL']), key], 'hash-unordered'
        if k == 12 or k == 13:
            inc = self.ch([b'1', b'-1', b'5', b'100', b'9223372036854775807', b'-9223372036854775808', b'0',
                           b'abc', b'1.5', b'', b' 1', b'-5'])
            return [b'HINCRBY', key, self.field(), inc], 'exact'
        if k == 14 or k == 15:
            inc = self.ch(WEIRD_FLOATS + [b'1', b'-1', b'2.5', b'0.1', b'10'])
            return [b'HINCRBYFLOAT', key, self.field(), inc], 'exact'
        if k == 16 or k == 17:
            cmd = [b'HRANDFIELD', key]
            if self.p(0.8):
                cmd.append(self.ch([b'0', b'1', b'2', b'3', b'10', b'-1', b'-3', b'-10', b'200', b'-200', b'x',
                                    b'-9223372036854775808', b'9223372036854775807']))
                if self.p(0.5):
                    cmd.append(self.ch([b'WITHVALUES', b'withvalues', b'FOO']))
            return cmd, 'random'
        if k == 18:
            return self.scan_cmd(b'HSCAN', key), 'scan'
        if k == 19:
            name = self.ch([b'HSET', b'HGET', b'HMGET', b'HDEL', b'HINCRBY', b'HINCRBYFLOAT', b'HRANDFIELD',
                            b'HSCAN', b'HSETNX', b'HLEN', b'HSTRLEN', b'HGETALL'])
            return [name] + [key] * self.r.randint(0, 1), kind_of(name)
        return [b'HGETALL', key], 'hash-unordered'

    def scan_cmd(self, name, key):
        cmd = [name, key, self.ch([b'0', b'0', b'0', b'1', b'abc', b'-1', b'18446744073709551615'])]
        if self.p(0.4):
            cmd += [b'MATCH', self.ch([b'*', b'f*', b'*1*', b'a', b'[a-c]', b'm1*', b'h1*', b''])]
        if self.p(0.4):
            cmd += [b'COUNT', self.ch([b'1000', b'1000', b'2', b'0', b'-1', b'x'])]
        if self.p(0.05):
            cmd += [self.ch([b'TYPE', b'FOO'])]  # not NOVALUES: AkkaKv's documented 7.4 extension
        return cmd

    # ---- SET
    def set_cmd(self):
        key = self.key()
        k = self.r.randint(0, 22)
        if k <= 2:
            return [b'SADD', key] + self.elems(), 'exact'
        if k == 3:
            return [b'SREM', key] + self.elems(1, 3), 'exact'
        if k == 4:
            return [b'SCARD', key], 'exact'
        if k == 5:
            return [b'SISMEMBER', key, self.elem()], 'exact'
        if k == 6:
            return [b'SMISMEMBER', key] + self.elems(1, 3), 'exact'
        if k == 7:
            return [b'SMEMBERS', key], 'unordered'
        if k == 8:
            return [b'SMOVE', key, self.key(), self.elem()], 'exact'
        if k == 9:
            cmd = [b'SPOP', key]
            if self.p(0.7):
                cmd.append(self.ch([b'0', b'1', b'2', b'3', b'5', b'10', b'200', b'-1', b'x',
                                    b'9223372036854775807', b'-9223372036854775808']))
            return cmd, 'random'
        if k == 10 or k == 11:
            cmd = [b'SRANDMEMBER', key]
            if self.p(0.8):
                cmd.append(self.ch([b'0', b'1', b'2', b'3', b'10', b'-1', b'-3', b'-10', b'200', b'-200', b'x',
                                    b'-9223372036854775808', b'9223372036854775807']))
            return cmd, 'random'
        if k == 12 or k == 13:
            return [self.ch([b'SINTER', b'SUNION', b'SDIFF'])] + self.keys(1, 3), 'unordered'
        if k == 14 or k == 15:
            return [self.ch([b'SINTERSTORE', b'SUNIONSTORE', b'SDIFFSTORE']), self.key()] + self.keys(1, 3), 'exact'
        if k == 16 or k == 17:
            ks = self.keys(1, 3)
            numkeys = self.num(len(ks)) if self.p(0.9) else self.ch([b'0', b'-1', b'5', b'x'])
            cmd = [b'SINTERCARD', numkeys] + ks
            if self.p(0.5):
                cmd += [b'LIMIT', self.ch([b'0', b'1', b'2', b'-1', b'x', b'100'])]
            return cmd, 'exact'
        if k == 18:
            return self.scan_cmd(b'SSCAN', key), 'scan'
        if k == 19:
            name = self.ch([b'SADD', b'SREM', b'SMOVE', b'SPOP', b'SRANDMEMBER', b'SINTER', b'SINTERCARD',
                            b'SINTERSTORE', b'SSCAN', b'SISMEMBER', b'SMISMEMBER', b'SCARD'])
            return [name] + [key] * self.r.randint(0, 1), kind_of(name)
        return [b'SCARD', key], 'exact'

    # ---- STREAM
    def stream_id(self, add=False, special=True):
        x = self.r.random()
        base = max(0, self.tick // 8)
        if x < 0.55:
            ms = max(0, base + self.r.randint(-3, 2))
            if add and self.p(0.2):
                return b'%d-*' % ms
            return b'%d-%d' % (ms, self.r.randint(0, 3))
        if x < 0.7:
            return self.num(max(0, base + self.r.randint(-4, 2)))
        if special and x < 0.85:
            return self.ch([b'-', b'+', b'0', b'0-0', b'0-1', b'$', b'(0-1', b'(%d' % base, b'18446744073709551615-18446744073709551615'])
        return self.ch([b'abc', b'1-', b'-1', b'1-2-3', b'', b'18446744073709551616', b'1-18446744073709551616',
                        b'0-*', b'1-x', b'18446744073709551615-*', b'99999999999999-0', b'(18446744073709551615-18446744073709551615'])

    def group(self):
        return self.ch([b'g1', b'g2', b'g1', b'g1', b'g2', b'nogroup', b'g1\x00x'])

    def consumer(self):
        return self.ch([b'c1', b'c2', b'c3', b''])

    def trim_args(self):
        out = [self.ch([b'MAXLEN', b'MINID', b'maxlen', b'LEN'])]
        if self.p(0.5):
            out.append(self.ch([b'~', b'=']))
        if out[0] in (b'MINID',):
            out.append(self.stream_id(special=False))
        else:
            out.append(self.ch([b'0', b'1', b'2', b'5', b'-1', b'x', b'100', b'3']))
        if self.p(0.2):
            out += [b'LIMIT', self.ch([b'0', b'1', b'10', b'-1', b'x', b'100'])]
        return out

    def stream_cmd(self):
        self.tick += 1
        key = self.key()
        k = self.r.randint(0, 33)
        if k >= 31:
            cmd = [b'XGROUP', b'CREATE', key, self.ch([b'g1', b'g1', b'g2']), self.ch([b'$', b'0', b'0', self.stream_id(special=False)])]
            return cmd + [b'MKSTREAM'] * self.r.randint(0, 1), 'exact'
        if k <= 5:
            cmd = [b'XADD', key]
            if self.p(0.1):
                cmd.append(b'NOMKSTREAM')
            if self.p(0.15):
                cmd += self.trim_args()
            cmd.append(self.stream_id(add=True))
            if self.p(0.01):
                for i in range(self.r.randint(100, 250)):
                    cmd += [b'f%d' % i, self.elem()]
            else:
                for _ in range(self.r.randint(1, 3)):
                    cmd += [self.ch([b'f', b'g', b'h', b'', b'x' * 70]), self.elem()]
            if self.p(0.05):
                cmd.append(b'odd')
            return cmd, 'exact'
        if k == 6 or k == 7:
            cmd = [b'XRANGE', key, self.stream_id(), self.stream_id()]
            if self.p(0.4):
                cmd += [b'COUNT', self.count(-1, 5)]
            return cmd, 'exact'
        if k == 8:
            cmd = [b'XREVRANGE', key, self.stream_id(), self.stream_id()]
            if self.p(0.4):
                cmd += [b'COUNT', self.count(-1, 5)]
            return cmd, 'exact'
        if k == 9:
            return [b'XLEN', key], 'exact'
        if k == 10:
            return [b'XDEL', key] + [self.stream_id(special=False) for _ in range(self.r.randint(1, 3))], 'exact'
        if k == 11:
            return [b'XTRIM', key] + self.trim_args(), 'exact'
        if k == 12 or k == 13:
            cmd = [b'XREAD']
            if self.p(0.4):
                cmd += [b'COUNT', self.count(-1, 5)]
            blocking = self.p(0.1)
            if blocking:
                cmd += [b'BLOCK', self.ch([b'10', b'5', b'-1', b'x'])]
            ks = self.keys(1, 2)
            ids = [self.stream_id() for _ in ks]
            if self.p(0.05):
                ids = ids[:-1]
            cmd += [b'STREAMS'] + ks + ids
            return cmd, 'blocking' if blocking else 'exact'
        if k in (14, 15, 16):
            cmd = [b'XREADGROUP', b'GROUP', self.group(), self.consumer()]
            if self.p(0.4):
                cmd += [b'COUNT', self.count(-1, 4)]
            blocking = self.p(0.08)
            if blocking:
                cmd += [b'BLOCK', self.ch([b'10', b'5'])]
            if self.p(0.15):
                cmd.append(b'NOACK')
            ks = self.keys(1, 2)
            ids = [self.ch([b'>', b'>', b'0', self.stream_id(special=False)]) for _ in ks]
            cmd += [b'STREAMS'] + ks + ids
            return cmd, 'blocking' if blocking else 'exact'
        if k in (17, 18):
            sub = self.r.randint(0, 6)
            if sub <= 1:
                cmd = [b'XGROUP', b'CREATE', key, self.group(), self.ch([b'$', b'0', self.stream_id(special=False)])]
                if self.p(0.4):
                    cmd.append(b'MKSTREAM')
                if self.p(0.15):
                    cmd += [b'ENTRIESREAD', self.ch([b'0', b'1', b'3', b'-1', b'-2', b'x', b'100'])]
                return cmd, 'exact'
            if sub == 2:
                cmd = [b'XGROUP', b'SETID', key, self.group(), self.ch([b'$', b'0', self.stream_id(special=False)])]
                if self.p(0.2):
                    cmd += [b'ENTRIESREAD', self.ch([b'0', b'1', b'3', b'-1', b'-2', b'x'])]
                return cmd, 'exact'
            if sub == 3:
                return [b'XGROUP', b'DESTROY', key, self.group()], 'exact'
            if sub == 4:
                return [b'XGROUP', b'CREATECONSUMER', key, self.group(), self.consumer()], 'exact'
            if sub == 5:
                return [b'XGROUP', b'DELCONSUMER', key, self.group(), self.consumer()], 'exact'
            return [b'XGROUP', self.ch([b'HELP', b'FOO', b'CREATE', b'help'])], 'exact'
        if k == 19:
            return [b'XACK', key, self.group()] + [self.stream_id(special=False) for _ in range(self.r.randint(1, 3))], 'exact'
        if k == 20 or k == 21:
            cmd = [b'XPENDING', key, self.group()]
            if self.p(0.6):
                if self.p(0.2):
                    cmd += [b'IDLE', self.ch([b'0', b'100000000', b'x', b'-1'])]
                cmd += [self.stream_id(), self.stream_id(), self.count(-1, 5)]
                if self.p(0.4):
                    cmd.append(self.consumer())
            return cmd, 'xpending'
        if k == 22:
            cmd = [b'XCLAIM', key, self.group(), self.consumer(), self.ch([b'0', b'0', b'100000000', b'x', b'-1'])]
            cmd += [self.stream_id(special=False) for _ in range(self.r.randint(1, 3))]
            opts = [[b'IDLE', self.ch([b'0', b'1000000', b'x', b'-5'])],
                    [b'TIME', self.ch([b'0', b'1000', b'x', b'-5'])],
                    [b'RETRYCOUNT', self.ch([b'0', b'3', b'x', b'-1'])], [b'FORCE'], [b'JUSTID'],
                    [b'LASTID', self.stream_id(special=False)]]
            for o in self.r.sample(opts, self.r.randint(0, 3)):
                cmd += o
            return cmd, 'xclaim'
        if k == 23:
            cmd = [b'XAUTOCLAIM', key, self.group(), self.consumer(), self.ch([b'0', b'0', b'100000000', b'x', b'-1']),
                   self.ch([b'0', b'0-0', b'-', self.stream_id(special=False)])]
            if self.p(0.4):
                cmd += [b'COUNT', self.ch([b'1', b'2', b'100', b'0', b'-1', b'x', b'1000000000'])]
            if self.p(0.3):
                cmd.append(b'JUSTID')
            return cmd, 'xclaim'
        if k in (24, 25):
            sub = self.r.randint(0, 4)
            if sub == 0:
                cmd = [b'XINFO', b'STREAM', key]
                if self.p(0.4):
                    cmd.append(b'FULL')
                    if self.p(0.5):
                        cmd += [b'COUNT', self.ch([b'0', b'1', b'2', b'-1', b'x'])]
                return cmd, 'xinfo'
            if sub == 1:
                return [b'XINFO', b'GROUPS', key], 'xinfo'
            if sub == 2:
                return [b'XINFO', b'CONSUMERS', key, self.group()], 'xinfo'
            if sub == 3:
                return [b'XINFO', b'STREAM', key], 'xinfo'
            return [b'XINFO', self.ch([b'HELP', b'FOO', b'STREAM'])], 'exact'
        if k == 26:
            cmd = [b'XSETID', key, self.stream_id(special=False)]
            if self.p(0.3):
                cmd += [b'ENTRIESADDED', self.ch([b'0', b'1', b'5', b'100', b'-1', b'x'])]
            if self.p(0.3):
                cmd += [b'MAXDELETEDID', self.stream_id(special=False)]
            return cmd, 'exact'
        if k == 27:
            name = self.ch([b'XADD', b'XRANGE', b'XREVRANGE', b'XDEL', b'XTRIM', b'XREAD', b'XREADGROUP', b'XGROUP',
                            b'XACK', b'XPENDING', b'XCLAIM', b'XAUTOCLAIM', b'XINFO', b'XSETID', b'XLEN'])
            return [name] + [key] * self.r.randint(0, 2), kind_of(name)
        return [b'XRANGE', key, b'-', b'+'], 'exact'

    # ---- mutation of a generated command
    def mutate(self, cmd):
        cmd = list(cmd)
        m = self.r.randint(0, 3)
        if m == 0 and len(cmd) > 1:
            cmd.pop()
        elif m == 1 and len(cmd) > 2:
            cmd.pop(self.r.randint(1, len(cmd) - 1))
        elif m == 2:
            cmd.append(self.ch(JUNK))
        elif len(cmd) > 1:
            cmd[self.r.randint(1, len(cmd) - 1)] = self.ch(JUNK)
        return cmd

    def burst(self, typ):
        """Many elements into one key: crosses the compact-encoding limits and stream node boundaries."""
        key = self.key()
        if typ == 'list':
            out = []
            for _ in range(self.r.randint(1, 4)):
                els = [self.ch([b'x' * self.r.randint(1, 1500), self.elem(), self.elem()]) for _ in range(self.r.randint(50, 300))]
                out.append(([self.ch([b'RPUSH', b'LPUSH']), key] + els, 'exact'))
            return out
        if typ == 'hash':
            cmd = [b'HSET', key]
            for _ in range(self.r.randint(100, 300)):
                cmd += [b'h%d' % self.r.randint(0, 400), self.elem()]
            return [(cmd, 'exact')]
        if typ == 'set':
            if self.p(0.5):
                return [([b'SADD', key] + [b'%d' % self.r.randint(-2000, 2000) for _ in range(self.r.randint(400, 700))], 'exact')]
            return [([b'SADD', key] + [b's%d' % self.r.randint(0, 500) for _ in range(self.r.randint(100, 300))], 'exact')]
        out = []
        base = self.tick // 8
        for i in range(self.r.randint(90, 350)):
            fields = [b'f', self.elem()] if self.p(0.8) else [b'g', self.elem(), b'h', b'y' * self.r.randint(0, 300)]
            out.append(([b'XADD', key, b'%d-*' % (base + i // 4)] + fields, 'exact'))
        self.tick += 8 * (len(out) // 4 + 1)
        return out

    def blocked_pair(self, typ):
        """A blocking command left waiting on its own connection, then a command that should serve it."""
        key = self.key()
        if typ == 'list':
            k = self.r.randint(0, 3)
            if k == 0:
                blocker = [self.ch([b'BLPOP', b'BRPOP']), key, self.key(), b'0.5']
            elif k == 1:
                blocker = [b'BLMOVE', key, self.key(), self.ch([b'LEFT', b'RIGHT']), self.ch([b'LEFT', b'RIGHT']), b'0.5']
            elif k == 2:
                blocker = [b'BRPOPLPUSH', key, self.key(), b'0.5']
            else:
                blocker = [b'BLMPOP', b'0.5', b'2', key, self.key(), self.ch([b'LEFT', b'RIGHT']), b'COUNT', self.ch([b'1', b'2', b'5'])]
            server = [self.ch([b'LPUSH', b'RPUSH']), key] + self.elems(1, 3)
            if self.p(0.2):
                server = [b'LMOVE', self.key(), key, b'LEFT', b'RIGHT']
            return blocker, server
        self.tick += 8
        if self.p(0.5):
            blocker = [b'XREAD', b'COUNT', self.ch([b'1', b'10']), b'BLOCK', b'500', b'STREAMS', key, self.ch([b'$', b'0-0', b'+'])]
        else:
            blocker = [b'XREADGROUP', b'GROUP', self.group(), self.consumer(), b'BLOCK', b'500'] + \
                [b'NOACK'] * self.r.randint(0, 1) + [b'STREAMS', key, b'>']
        server = [b'XADD', key, self.stream_id(add=True), b'f', self.elem()]
        if self.p(0.15):
            server = [b'XGROUP', b'DESTROY', key, self.group()]
        elif self.p(0.1):
            server = [b'DEL', key]
        return blocker, server

    def next_batch(self, typ):
        """One generated step: usually one command, rarely a burst or a blocked client to serve."""
        if self.p(0.003):
            return self.burst(typ)
        if typ in ('list', 'stream') and self.p(0.004):
            blocker, server = self.blocked_pair(typ)
            return [((blocker, server), 'served')]
        return [self.next(typ)]

    def next(self, typ):
        x = self.r.random()
        if x < 0.02:
            cmd, kind = [b'DEL', self.key()], 'exact'  # recycles keys taken by other types
        elif x < 0.10:
            cmd, kind = self.generic()
        elif x < 0.14:
            cmd, kind = self.foreign()
        else:
            cmd, kind = getattr(self, typ + '_cmd')()
        if kind in ('exact', 'unordered', 'hash-unordered') and self.p(0.04):
            cmd = self.mutate(cmd)
        return cmd, kind

# ---------------------------------------------------------------------------------------------- comparison


TIME_FIELDS = {b'idle', b'seen-time', b'active-time', b'inactive'}


def norm_times(node):
    """Zero the time-valued fields of XINFO / XPENDING replies (both servers are compared after this)."""
    t, v = node
    pairs = pairs_of(node) if t in '%*' else None
    if pairs is not None and pairs and all(k[0] in '$+' for k, _ in pairs) and any(
            k[1] in (b'name', b'length', b'pending', b'consumers', b'last-delivered-id', b'seen-time', b'entries', b'groups')
            for k, _ in pairs):
        out = []
        for k, x in pairs:
            if k[1] in TIME_FIELDS and x[0] == ':':
                x = (':', 0)
            elif k[1] == b'pending' and x[0] == '*':
                x = ('*', [norm_pel(e) for e in x[1]])
            else:
                x = norm_times(x)
            out.append((k, x))
        return rebuild_map(node, out)
    if t in '*~' and v is not None:
        return (t, [norm_times(x) for x in v])
    return node


def norm_pel(e):
    """PEL entries in XINFO STREAM FULL: [id, consumer, delivery-time, count] or [id, delivery-time, count]."""
    t, v = e
    if t != '*' or v is None:
        return e
    v = list(v)
    if len(v) == 4 and v[2][0] == ':':
        v[2] = (':', 0)
    elif len(v) == 3 and v[1][0] == ':':
        v[1] = (':', 0)
    return ('*', v)


def drop_extra_fields(ours, ref):
    """Drop map fields AkkaKv reports (Redis 7.2 additions) that the reference server does not."""
    po, pr = pairs_of(ours), pairs_of(ref)
    if po is None or pr is None or ours[0] != ref[0]:
        if ours[0] in '*~' and ref[0] == ours[0] and ours[1] is not None and ref[1] is not None \
                and len(ours[1]) == len(ref[1]):
            return (ours[0], [drop_extra_fields(a, b) for a, b in zip(ours[1], ref[1])])
        return ours
    if not pr or not all(k[0] in '$+' for k, _ in pr) or not all(k[0] in '$+' for k, _ in po):
        if ours[0] == '*' and ours[1] is not None and ref[1] is not None and len(ours[1]) == len(ref[1]):
            return ('*', [drop_extra_fields(a, b) for a, b in zip(ours[1], ref[1])])
        return ours
    names = {k[1]: x for k, x in pr}
    kept = [(k, drop_extra_fields(x, names[k[1]])) for k, x in po if k[1] in names]
    return rebuild_map(ours, kept)


def norm_xpending(node):
    """Extended XPENDING: [[id, consumer, idle, deliveries], ...] -> idle zeroed."""
    t, v = node
    if t == '*' and v and all(e[0] == '*' and e[1] is not None and len(e[1]) == 4 for e in v):
        return ('*', [('*', [e[1][0], e[1][1], (':', 0), e[1][3]]) for e in v])
    return node


def signature_of(reply):
    """Reply type, plus the error text for errors: groups repeated mismatches in the summary."""
    if reply is None:
        return 'none'
    node = reply[1]
    return node[0] + (node[1][:60].decode('latin-1') if node[0] == '-' else '')


# --small-limits: tiny compact-encoding and stream-node limits on both servers, so conversions and node splits
# happen all the time (restored at exit).
SMALL_LIMITS = {b'hash-max-listpack-entries': b'8', b'hash-max-listpack-value': b'16', b'list-max-listpack-size': b'4',
                b'set-max-intset-entries': b'16', b'set-max-listpack-entries': b'8', b'stream-node-max-entries': b'5',
                b'stream-node-max-bytes': b'256'}
XSETID_BELOW_MAX_DELETED = b'ERR The ID specified in XSETID is smaller than current max_deleted_entry_id'
LONG_MIN = b'-9223372036854775808'
RANGE_ERROR = b'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'


def known_difference(cmd, ref, ours):
    """Replies that changed between the reference 7.0 and Redis 7.2 (AkkaKv follows 7.2)."""
    r, o = ref[1], ours[1]
    name = cmd[0].upper()
    # 7.2 re-runs a blocked command when its key changes: a blocked XREAD whose stream gained nothing keeps waiting
    # (7.0 woke it with [key, []]), and a blocked XREADGROUP whose group went away gets the command's own NOGROUP
    # error (7.0: "no longer exists").
    if name == b'XREAD' and r[0] in '*%' and r[1] and o[0] in '*_' and o[1] is None:
        streams = r[1] if r[0] == '*' else [('*', [k, v]) for k, v in r[1]]
        return all(x[1][1] == ('*', []) for x in streams)
    if o[0] != '-':
        return False
    if r == ('-', b'NOGROUP the consumer group this client was blocked on no longer exists'):
        return o[1].startswith(b'NOGROUP No such key ') and o[1].endswith(b' in XREADGROUP with GROUP option')
    # 7.2 rejects an LPOS RANK of LONG_MIN up front (getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX)).
    if o[1] == RANGE_ERROR and name == b'LPOS' and any(
            a.upper() == b'RANK' and b == LONG_MIN for a, b in zip(cmd[3:], cmd[4:])):
        return True
    # 7.2 reports a timeout overflowing now+timeout as out of range; 7.0 wrapped around to "negative".
    if r == ('-', b'ERR timeout is negative') and o[1] == b'ERR timeout is out of range':
        return True
    # 7.2 names the command (and '>' for XREADGROUP) in the unbalanced streams error.
    if r[0] == '-' and r[1].startswith(b'ERR Unbalanced XREAD list of streams'):
        return o[1] == b"ERR Unbalanced '%s' list of streams: for each stream key an ID or '%s' must be specified." % (
            cmd[0].lower(), b'>' if name == b'XREADGROUP' else b'$')
    return False


def as_72(raw):
    """The reference reply with the HELP footer Redis 7.2 reworded."""
    return raw.replace(b'+    Prints this help.\r\n', b'+    Print this help.\r\n')


# ---------------------------------------------------------------------------------------------- runner


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.protos = [int(p) for p in args.protocols.split(',')]
        self.conns = {}
        for name, port in (('redis', args.redis_port), ('akkakv', args.akkakv_port)):
            for proto in self.protos:
                self.conns[(name, proto)] = Conn(args.host, port, proto, args.timeout)
        self.ref_side = Conn(args.host, args.redis_port, 2, args.timeout)   # state reads, not compared
        self.ours_side = Conn(args.host, args.akkakv_port, 2, args.timeout)
        self.mismatches = 0
        self.by_signature = {}
        self.history = []
        self.commands = 0
        self.blockers = {}  # (server, protocol) -> connection left blocked by run_served
        self.stats = {}  # command name -> [error replies, other replies] from the reference server

    def reset(self):
        for c in (self.ref_side, self.ours_side):
            c.call([b'FLUSHALL'])
        self.history = []

    def report(self, typ, proto, cmd, ref, ours, note=''):
        self.mismatches += 1
        sig = (cmd[0].upper() if cmd else b'?', note, signature_of(ref), signature_of(ours))
        seen = self.by_signature.get(sig, 0)
        self.by_signature[sig] = seen + 1
        if seen >= self.args.max_reports:
            return
        print('=' * 100)
        print('MISMATCH [%s] type=%s RESP%d cmd#%d %s' % (note or 'reply', typ, proto, self.commands, fmt_cmd(cmd)))
        print('  redis : %s' % ('(no reply)' if ref is None else trunc(show(ref[1]))))
        print('  akkakv: %s' % ('(no reply)' if ours is None else trunc(show(ours[1]))))
        if ref is not None and ours is not None:
            if show(ref[1]) == show(ours[1]):
                print('  redis raw : %r' % trunc(ref[0]))
                print('  akkakv raw: %r' % trunc(ours[0]))
        if seen == 0 and self.history:
            print('  history since last reset (last %d):' % min(len(self.history), self.args.history))
            for h in self.history[-self.args.history:]:
                print('    RESP%d %s' % (h[0], fmt_cmd(h[1])))
        sys.stdout.flush()

    def pre_state(self, cmd):
        """Reference contents of the key a random command reads (for membership checks)."""
        if len(cmd) < 2:
            return None
        key = cmd[1]
        typ = self.ref_side.call([b'TYPE', key])[1][1]
        if typ == b'set':
            return ('set', set(bulk_items(self.ref_side.call([b'SMEMBERS', key])[1])))
        if typ == b'hash':
            items = bulk_items(self.ref_side.call([b'HGETALL', key])[1])
            return ('hash', dict(zip(items[0::2], items[1::2])))
        return None

    def check_random(self, cmd, ref, ours, state):
        """SPOP/SRANDMEMBER/HRANDFIELD: same shape, count, distinctness (positive counts) and membership."""
        r, o = ref[1], ours[1]
        if r[0] == '-' or o[0] == '-':
            return ref[0] == ours[0] or known_difference(cmd, ref, ours)
        if blank_shape(r) != blank_shape(o):
            return False
        if state is None:
            return r == o
        name = cmd[0].upper()
        count = None
        if len(cmd) > 2:
            try:
                count = int(cmd[2])
            except ValueError:
                count = None
        withvalues = len(cmd) > 3 and cmd[3].upper() == b'WITHVALUES'
        if r[0] == '$':
            items = [o[1]] if o[1] is not None else []
        elif withvalues:
            flat = []
            for x in o[1]:
                if x[0] == '*':
                    flat += [y[1] for y in x[1]]
                else:
                    flat.append(x[1])
            pairs = list(zip(flat[0::2], flat[1::2]))
            if any(state[1].get(f) != v for f, v in pairs):
                return False
            items = [f for f, _ in pairs]
        else:
            items = bulk_items(o)
            if items is None:
                return False
        members = state[1]
        if any(i not in members for i in items):
            return False
        if (count is None or count >= 0 or name == b'SPOP') and len(set(items)) != len(items):
            return False
        return True

    def fix_spop(self, cmd, ref, ours):
        """Make AkkaKv's set equal Redis's after both popped different random members."""
        if ref[1][0] == '-' or ours[1][0] == '-':
            return
        def popped(node):
            if node[0] == '$':
                return [] if node[1] is None else [node[1]]
            return bulk_items(node) or []
        pr, po = set(popped(ref[1])), set(popped(ours[1]))
        key = cmd[1]
        if po - pr:
            self.ours_side.call([b'SADD', key] + sorted(po - pr))
        if pr - po:
            self.ours_side.call([b'SREM', key] + sorted(pr - po))

    def compare(self, cmd, kind, ref, ours):
        if ref[0] == ours[0] or as_72(ref[0]) == ours[0]:
            return True, ''
        r, o = ref[1], ours[1]
        if r[0] == '-' or o[0] == '-':
            return known_difference(cmd, ref, ours), 'known'
        if kind == 'unordered':
            return unordered(r) == unordered(o), 'unordered'
        if kind == 'hash-unordered':
            encodings = [side.call([b'OBJECT', b'ENCODING', cmd[1]])[1] for side in (self.ref_side, self.ours_side)]
            if ('$', b'hashtable') in encodings:
                return unordered(r) == unordered(o), 'unordered'
            return False, ''
        if kind == 'scan':
            if r[0] != '*' or o[0] != '*' or len(r[1]) != 2 or len(o[1]) != 2:
                return False, ''
            # Hashtable scans from a non-zero cursor return what sits in Redis's buckets: shape only.
            if cmd[2] == b'0' and r[1][0][1] == b'0' and o[1][0][1] == b'0':
                if cmd[0].upper() == b'HSCAN':
                    return unordered(('%', pairs_of(r[1][1]))) == unordered(('%', pairs_of(o[1][1]))), 'scan'
                return unordered(r[1][1]) == unordered(o[1][1]), 'scan'
            if cmd[2] == b'0' and r[1][0][1] == b'0':
                # Redis answered in one go (a compact encoding): AkkaKv may page only if its value is a hashtable.
                enc = self.ours_side.call([b'OBJECT', b'ENCODING', cmd[1]])[1]
                if enc != ('$', b'hashtable'):
                    return False, ''
            return blank_shape(o[1][0]) == blank_shape(r[1][0]) and o[1][1][0] == '*', 'scan'
        if kind == 'ttl':
            return r[0] == ':' and o[0] == ':' and abs(r[1] - o[1]) <= 1 and (r[1] < 0) == (o[1] < 0), 'ttl'
        if kind == 'xpending':
            return norm_xpending(r) == norm_xpending(o), 'xpending'
        if kind == 'xinfo':
            return norm_times(r) == norm_times(drop_extra_fields(o, r)), 'xinfo'
        return False, ''

    def mirror_72_consumers(self, cmd, kind):
        """Redis 7.2 creates the consumer of XCLAIM/XAUTOCLAIM/XREADGROUP even when nothing is served (it
        records the attempt's seen-time); 7.0 only when serving. Do the same on the reference."""
        upper = [a.upper() for a in cmd]
        if kind == 'xclaim':
            self.ref_side.call([b'XGROUP', b'CREATECONSUMER', cmd[1], cmd[2], cmd[3]])
        elif upper[0] == b'XREADGROUP' and b'GROUP' in upper and b'STREAMS' in upper:
            g = upper.index(b'GROUP')
            at = upper.index(b'STREAMS') + 1
            for key in cmd[at:at + (len(cmd) - at) // 2]:
                self.ref_side.call([b'XGROUP', b'CREATECONSUMER', key, cmd[g + 1], cmd[g + 2]])

    def stream_info(self, key):
        """Reference XINFO STREAM fields of key as a dict (None if not a stream)."""
        if self.ref_side.call([b'TYPE', key])[1][1] != b'stream':
            return None
        return dict((k[1], x[1]) for k, x in pairs_of(self.ref_side.call([b'XINFO', b'STREAM', key])[1]))

    def xsetid_72(self, cmd, before, ref, ours):
        """Redis 7.2 (PR #11444) refuses an XSETID below the stream's current max-deleted-entry-id; 7.0 accepts it.
        Accept AkkaKv's refusal when the reference's state warranted it, and undo the reference's change."""
        later_checks = (b'ERR The ID specified in XSETID is smaller than the target stream top item',
                        b'ERR The entries_added specified in XSETID is smaller than the target stream length')
        if before is None or ours[1] != ('-', XSETID_BELOW_MAX_DELETED) or (
                ref[1] != ('+', b'OK') and not (ref[1][0] == '-' and ref[1][1] in later_checks)):
            return False
        ms, seq = (int(x) for x in before[b'max-deleted-entry-id'].split(b'-'))
        parts = cmd[2].split(b'-')
        asked = (int(parts[0]), int(parts[1]) if len(parts) > 1 else 0)
        if asked >= (ms, seq):
            return False
        if ref[1][0] == '-':
            return True  # 7.2 checks the max deleted ID before the top item and the length
        self.ref_side.call([b'XSETID', cmd[1], before[b'last-generated-id'], b'ENTRIESADDED', b'%d' % before[b'entries-added'],
                            b'MAXDELETEDID', before[b'max-deleted-entry-id']])
        return True

    def run_served(self, typ, pair, proto):
        """Block a client on both servers, run the serving command, then compare what the blocked client got."""
        blocker, server = pair
        waiting = {}
        for name, port in (('redis', self.args.redis_port), ('akkakv', self.args.akkakv_port)):
            conn = self.blockers.get((name, proto))
            if conn is None:
                conn = self.blockers[(name, proto)] = Conn(self.args.host, port, proto, self.args.timeout)
            conn.sock.sendall(Conn.encode(blocker))
            waiting[name] = conn
        time.sleep(0.05)  # both servers have registered the blocked client before it can be served
        self.history.append((proto, [b'(blocked)'] + blocker))
        self.run_one(typ, server, 'exact', proto)
        replies = {}
        for name, conn in waiting.items():
            try:
                replies[name] = conn.read_reply()
            except (OSError, RespError) as e:
                print('  %s RESP%d blocked client: %s' % (name, proto, e))
                conn.close()
                del self.blockers[(name, proto)]
                replies[name] = None
        ref, ours = replies['redis'], replies['akkakv']
        if ref is not None:
            stat = self.stats.setdefault(b'(served)' + blocker[0].upper(), [0, 0])
            stat[0 if ref[1][0] in '-_' or ref[1][1] is None else 1] += 1
        if ref is None or ours is None or (ref[0] != ours[0] and not known_difference(blocker, ref, ours)):
            self.report(typ, proto, blocker, ref, ours, 'served')
            self.reset()
        elif ref[1][0] != '-':
            self.mirror_72_consumers(blocker, 'exact')

    def run_one(self, typ, cmd, kind, proto):
        if kind == 'served':
            self.run_served(typ, cmd, proto)
            return
        state = self.pre_state(cmd) if kind == 'random' else None
        xsetid = cmd[0].upper() == b'XSETID' and len(cmd) > 2
        before = self.stream_info(cmd[1]) if xsetid else None
        ref = self.call('redis', proto, cmd)
        ours = self.call('akkakv', proto, cmd)
        self.commands += 1
        self.history.append((proto, cmd))
        if ref is not None:
            stat = self.stats.setdefault(cmd[0].upper(), [0, 0])
            stat[0 if ref[1][0] == '-' else 1] += 1
        if ref is None or ours is None:
            self.report(typ, proto, cmd, ref, ours, 'connection')
            self.reset()
            return
        if kind == 'random':
            ok = self.check_random(cmd, ref, ours, state)
            if cmd[0].upper() == b'SPOP':
                self.fix_spop(cmd, ref, ours)
            if not ok:
                self.report(typ, proto, cmd, ref, ours, 'random')
            return
        ok, _ = self.compare(cmd, kind, ref, ours)
        if not ok and xsetid:
            ok = self.xsetid_72(cmd, before, ref, ours)
        if ref[1][0] != '-' and ours[1][0] != '-':
            self.mirror_72_consumers(cmd, kind)
        if not ok:
            self.report(typ, proto, cmd, ref, ours)
            if ref[1][0] != '-' and ours[1][0] != '-' or ref[1][0] != ours[1][0]:
                self.check_state(typ, 'after mismatch')
                self.reset()

    def call(self, name, proto, cmd):
        conn = self.conns[(name, proto)]
        try:
            return conn.call(cmd)
        except (OSError, RespError) as e:
            print('  %s RESP%d: %s on %s' % (name, proto, e, fmt_cmd(cmd)))
            conn.close()
            conn.connect()
            return None

    def dump(self, conn, key):
        typ = conn.call([b'TYPE', key])[1][1]
        if typ == b'none':
            return (typ,)
        ttl = conn.call([b'TTL', key])[1][1]
        ttl = 'persistent' if ttl < 0 else 'volatile'
        if typ == b'list':
            body = conn.call([b'LRANGE', key, b'0', b'-1'])[1]
        elif typ == b'set':
            body = unordered(conn.call([b'SMEMBERS', key])[1])
        elif typ == b'hash':
            body = unordered(('%', pairs_of(conn.call([b'HGETALL', key])[1])))
        elif typ == b'string':
            body = conn.call([b'GET', key])[1]
        elif typ == b'stream':
            body = [conn.call([b'XRANGE', key, b'-', b'+'])[1]]
            groups = conn.call([b'XINFO', b'GROUPS', key])[1]
            body.append(groups)
            for g in groups[1]:
                gname = dict((k[1], x) for k, x in pairs_of(g))[b'name'][1]
                body.append(norm_xpending(conn.call([b'XPENDING', key, gname, b'-', b'+', b'1000'])[1]))
                body.append(norm_times(conn.call([b'XINFO', b'CONSUMERS', key, gname])[1]))
        else:
            body = None
        return (typ, ttl, body)

    def check_state(self, typ, when):
        for key in KEYS:
            r, o = self.dump(self.ref_side, key), self.dump(self.ours_side, key)
            if r[0] == b'stream' and o[0] == b'stream':
                o = (o[0], o[1], [o[2][0], drop_extra_fields(o[2][1], r[2][1])] + [
                    drop_extra_fields(a, b) for a, b in zip(o[2][2:], r[2][2:])])
                r = (r[0], r[1], [r[2][0], r[2][1]] + r[2][2:])
            if r != o:
                self.mismatches += 1
                print('=' * 100)
                print('STATE MISMATCH (%s) type=%s key=%r cmd#%d' % (when, typ, key, self.commands))
                print('  redis : %s' % trunc(repr(r)))
                print('  akkakv: %s' % trunc(repr(o)))
                print('  history since last reset (last %d):' % min(len(self.history), self.args.history))
                for h in self.history[-self.args.history:]:
                    print('    RESP%d %s' % (h[0], fmt_cmd(h[1])))
                self.reset()
                return

    def set_limits(self, limits):
        """CONFIG SET on both servers; returns the previous values (a parameter a server lacks is skipped)."""
        previous = []
        for side in (self.ref_side, self.ours_side):
            old = {}
            for name, value in limits.items():
                got = side.call([b'CONFIG', b'GET', name])[1]
                if got[0] == '*' and len(got[1]) == 2:
                    old[name] = got[1][1][1]
                    side.call([b'CONFIG', b'SET', name, value])
            previous.append(old)
        return previous

    def run(self):
        restore = None
        if self.args.small_limits:
            restore = self.set_limits(SMALL_LIMITS)
        try:
            return self.run_types()
        finally:
            if restore is not None:
                for side, old in zip((self.ref_side, self.ours_side), restore):
                    for name, value in old.items():
                        side.call([b'CONFIG', b'SET', name, value])

    def run_types(self):
        for typ in self.args.types.split(','):
            rng = random.Random('%d:%s' % (self.args.seed, typ))
            gen = Gen(rng)
            self.reset()
            start, before = time.time(), self.mismatches
            for i in range(self.args.count):
                for cmd, kind in gen.next_batch(typ):
                    proto = rng.choice(self.protos)
                    self.run_one(typ, cmd, kind, proto)
                if (i + 1) % self.args.check_every == 0:
                    self.check_state(typ, 'periodic')
                if (i + 1) % self.args.reset_every == 0:
                    self.reset()
            self.check_state(typ, 'end')
            print('type=%s seed=%d count=%d mismatches=%d (%.1fs)' % (
                typ, self.args.seed, self.args.count, self.mismatches - before, time.time() - start))
            sys.stdout.flush()
        if self.args.stats:
            print('reference replies per command (errors / others):')
            for name, (errs, oks) in sorted(self.stats.items()):
                print('  %-14s %6d / %6d' % (name.decode(), errs, oks))
        if self.by_signature:
            print('mismatch signatures (command, normaliser, redis reply type, akkakv reply type): count')
            for sig, n in sorted(self.by_signature.items(), key=lambda kv: -kv[1]):
                print('  %r: %d' % (sig, n))
        return 1 if self.mismatches else 0


def fmt_cmd(cmd):
    def one(a):
        if a and all(33 <= b < 127 and b not in b'"\'\\' for b in a):
            return a.decode()
        return repr(a)[1:]
    return trunc(' '.join(one(a) for a in cmd))


def trunc(s, n=600):
    s = s if isinstance(s, str) else repr(s)
    return s if len(s) <= n else s[:n] + '...(%d chars)' % len(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--redis-port', type=int, default=7431)
    ap.add_argument('--akkakv-port', type=int, default=7432)
    ap.add_argument('--seed', type=int, default=None, help='random seed (printed; default: time based)')
    ap.add_argument('--count', type=int, default=20000, help='commands per type')
    ap.add_argument('--types', default='list,hash,set,stream')
    ap.add_argument('--protocols', default='2,3', help='RESP versions to mix, e.g. 2 or 2,3')
    ap.add_argument('--check-every', type=int, default=500, help='full keyspace comparison period')
    ap.add_argument('--reset-every', type=int, default=3000, help='FLUSHALL period (keeps repro windows short)')
    ap.add_argument('--max-reports', type=int, default=3, help='examples printed per mismatch signature')
    ap.add_argument('--history', type=int, default=25, help='commands of context printed with a first mismatch')
    ap.add_argument('--timeout', type=float, default=10.0, help='socket timeout in seconds')
    ap.add_argument('--small-limits', action='store_true', help='tiny encoding/stream-node limits on both servers')
    ap.add_argument('--stats', action='store_true', help='print error/other reply counts per command')
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int(time.time() * 1000) % 1000000007
    for t in args.types.split(','):
        if t not in ('list', 'hash', 'set', 'stream'):
            ap.error('unknown type %r' % t)
    print('differential fuzz: seed=%d count=%d types=%s protocols=%s redis=%d akkakv=%d' % (
        args.seed, args.count, args.types, args.protocols, args.redis_port, args.akkakv_port))
    sys.stdout.flush()
    try:
        fuzzer = Fuzzer(args)
    except OSError as e:
        print('cannot connect: %s' % e)
        return 2
    return fuzzer.run()


if __name__ == '__main__':
    sys.exit(main())
