#!/usr/bin/env python3
"""redis-py client suite: what a Python application sees when it talks to AkkaKv.

Runs against the server at $AKKAKV_HOST:$AKKAKV_PORT (default 127.0.0.1:6379). It must pass against
Redis 7.2 (and, where noted, 7.0) unchanged, so every assertion here is real Redis behaviour.

    /usr/bin/python3 -m unittest -v tests/clients/python/test_redis_py.py
    AKKAKV_PORT=6390 /usr/bin/python3 tests/clients/python/test_redis_py.py

The suite needs the server to itself: it runs FLUSHALL, CONFIG SET (restoring what it changed) and
SWAPDB. Stdlib + redis-py only. Every data test runs twice, once over RESP2 and once over RESP3:
redis-py >= 5 speaks RESP3 natively (protocol=3); for older redis-py (Debian 12 ships 4.3.4) the suite
plugs a small RESP3 parser into redis-py's connection and negotiates with HELLO 3 itself.
"""

import fnmatch
import os
import re
import socket
import sys
import time
import unittest

try:
    import redis
except ImportError:  # run directly by a python3 without redis-py (e.g. pyenv): use Debian's, which has it
    if __name__ == "__main__" and os.path.exists("/usr/bin/python3") and \
            os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise
from redis.exceptions import ResponseError

HOST = os.environ.get("AKKAKV_HOST", "127.0.0.1")
PORT = int(os.environ.get("AKKAKV_PORT", "6379"))
REDIS_PY_VERSION = tuple(int(p) for p in re.findall(r"\d+", redis.__version__)[:2])
NATIVE_RESP3 = REDIS_PY_VERSION >= (5, 0)


# --------------------------------------------------------------------------------------------------
# RESP3 for redis-py < 5: a parser that understands the RESP3 types, and a connection that says HELLO 3.
# --------------------------------------------------------------------------------------------------
if not NATIVE_RESP3:
    from redis.connection import Connection, ConnectionPool, PythonParser
    from redis.exceptions import ConnectionError as RedisConnectionError

    class Resp3Parser(PythonParser):
        """redis-py 4's pure-Python parser, extended with the RESP3 reply types."""

        def read_response(self, disable_decoding=False):
            raw = self._buffer.readline()
            if not raw:
                raise RedisConnectionError("Connection closed by server.")
            kind, line = raw[:1], raw[1:]
            if kind == b"-":
                error = self.parse_error(line.decode("utf-8", errors="replace"))
                if isinstance(error, RedisConnectionError):
                    raise error
                return error
            if kind == b"!":  # blob error
                data = self._buffer.read(int(line))
                return self.parse_error(data.decode("utf-8", errors="replace"))
            if kind == b"+":
                response = line
            elif kind in (b":", b"("):  # integer, big number
                return int(line)
            elif kind == b",":  # double
                return float(line)
            elif kind == b"#":  # boolean
                return line == b"t"
            elif kind == b"_":  # null
                return None
            elif kind == b"$":
                length = int(line)
                if length == -1:
                    return None
                response = self._buffer.read(length)
            elif kind == b"=":  # verbatim string: "txt:" or "mkd:" then the text
                response = self._buffer.read(int(line))[4:]
            elif kind in (b"*", b"~", b">"):  # array, set, push
                length = int(line)
                if length == -1:
                    return None
                return [self.read_response(disable_decoding) for _ in range(length)]
            elif kind == b"%":  # map
                result = {}
                for _ in range(int(line)):
                    key = self.read_response(disable_decoding)
                    result[key] = self.read_response(disable_decoding)
                return result
            elif kind == b"|":  # attribute: read and drop, the reply follows
                for _ in range(2 * int(line)):
                    self.read_response(disable_decoding)
                return self.read_response(disable_decoding)
            else:
                raise redis.exceptions.InvalidResponse(f"Protocol Error: {raw!r}")
            if disable_decoding is False:
                response = self.encoder.decode(response)
            return response

    class Resp3Connection(Connection):
        """A redis-py 4 connection that negotiates RESP3 with HELLO 3 before anything else."""

        def __init__(self, *args, **kwargs):
            kwargs["parser_class"] = Resp3Parser
            super().__init__(*args, **kwargs)

        def on_connect(self):
            self._parser.on_connect(self)
            hello = ["HELLO", "3"]
            if self.password:
                hello += ["AUTH", self.username or "default", self.password]
            if self.client_name:
                hello += ["SETNAME", self.client_name]
            self.send_command(*hello, check_health=False)
            reply = self.read_response()
            proto = reply.get("proto", reply.get(b"proto")) if isinstance(reply, dict) else None
            if proto != 3:
                raise RedisConnectionError(f"HELLO 3 did not switch to RESP3: {reply!r}")
            if self.db:
                self.send_command("SELECT", self.db)
                if redis.connection.str_if_bytes(self.read_response()) != "OK":
                    raise RedisConnectionError("Invalid Database")

    def _config_get_resp3(response, **_options):
        def s(v):
            return v.decode() if isinstance(v, bytes) else v

        if isinstance(response, dict):
            return {s(k): s(v) for k, v in response.items()}
        it = iter([s(v) for v in response])
        return dict(zip(it, it))


def make_client(protocol=2, decode=True, **kwargs):
    """A redis-py client speaking the given protocol (2 or 3) to the server under test."""
    kwargs.setdefault("socket_timeout", 10)
    if protocol == 3 and NATIVE_RESP3:
        return redis.Redis(host=HOST, port=PORT, protocol=3, decode_responses=decode, **kwargs)
    if protocol == 3:
        pool = ConnectionPool(
            connection_class=Resp3Connection, host=HOST, port=PORT, decode_responses=decode, **kwargs
        )
        client = redis.Redis(connection_pool=pool)
        client.set_response_callback("CONFIG GET", _config_get_resp3)
        return client
    return redis.Redis(host=HOST, port=PORT, decode_responses=decode, **kwargs)


def make_plain_client(protocol=2):
    """A client without redis-py's reply post-processing: execute_command returns the decoded reply."""
    client = make_client(protocol)
    client.response_callbacks = {}
    return client


def pairs(reply):
    """A RESP2 flat [k1, v1, k2, v2] list or a RESP3 map, as a dict."""
    if isinstance(reply, dict):
        return dict(reply)
    it = iter(reply)
    return dict(zip(it, it))


def server_version():
    with make_client() as c:
        return tuple(int(p) for p in str(c.info("server")["redis_version"]).split(".")[:2])


# --------------------------------------------------------------------------------------------------
# A raw socket client, to assert the exact bytes on the wire.
# --------------------------------------------------------------------------------------------------
class _Incomplete(Exception):
    pass


class RawError(str):
    """An error reply, e.g. RawError('ERR syntax error')."""


class RawConnection:
    """Sends commands as RESP arrays (or raw bytes) and returns each reply's exact bytes."""

    def __init__(self, protocol=2, timeout=10):
        self.sock = socket.create_connection((HOST, PORT), timeout=timeout)
        self.buf = b""
        if protocol == 3:
            reply = self.call("HELLO", "3")
            assert reply.startswith(b"%"), reply

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @staticmethod
    def encode(*args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        return b"".join(out)

    def send_raw(self, data):
        self.sock.sendall(data)

    def send(self, *args):
        self.sock.sendall(self.encode(*args))

    def call(self, *args):
        """Sends one command, returns the exact bytes of its reply."""
        self.send(*args)
        return self.read_reply()[0]

    def value(self, *args):
        """Sends one command, returns its reply parsed (errors as RawError)."""
        self.send(*args)
        return self.read_reply()[1]

    def read_reply(self):
        while True:
            try:
                value, end = self._parse(0)
            except _Incomplete:
                data = self.sock.recv(1 << 16)
                if not data:
                    raise ConnectionError("server closed the connection")
                self.buf += data
                continue
            raw, self.buf = self.buf[:end], self.buf[end:]
            return raw, value

    def _parse(self, pos):
        end = self.buf.find(b"\r\n", pos)
        if end < 0:
            raise _Incomplete()
        kind, line, pos = self.buf[pos : pos + 1], self.buf[pos + 1 : end], end + 2
        if kind == b"+":
            return line, pos
        if kind == b"-":
            return RawError(line.decode()), pos
        if kind in (b":", b"("):
            return int(line), pos
        if kind == b",":
            return float(line), pos
        if kind == b"#":
            return line == b"t", pos
        if kind == b"_":
            return None, pos
        if kind in (b"$", b"=", b"!"):
            n = int(line)
            if n < 0:
                return None, pos
            if len(self.buf) < pos + n + 2:
                raise _Incomplete()
            data = self.buf[pos : pos + n]
            return (RawError(data.decode()) if kind == b"!" else data), pos + n + 2
        if kind in (b"*", b"~", b">"):
            n = int(line)
            if n < 0:
                return None, pos
            items = []
            for _ in range(n):
                item, pos = self._parse(pos)
                items.append(item)
            return items, pos
        if kind in (b"%", b"|"):
            result = {}
            for _ in range(int(line)):
                k, pos = self._parse(pos)
                v, pos = self._parse(pos)
                result[k if not isinstance(k, list) else tuple(k)] = v
            if kind == b"|":
                return self._parse(pos)
            return result, pos
        raise AssertionError(f"unknown RESP type byte {kind!r} in {self.buf!r}")


# --------------------------------------------------------------------------------------------------
# Connection-level tests: handshake, protocol framing, CLIENT. Run once (they pick their protocol).
# --------------------------------------------------------------------------------------------------
class TestHandshake(unittest.TestCase):
    def setUp(self):
        with make_client() as c:
            c.flushall()

    def test_ping(self):
        with make_client() as r:
            self.assertTrue(r.ping())
        with RawConnection() as raw:
            self.assertEqual(raw.call("PING"), b"+PONG\r\n")
            self.assertEqual(raw.call("PING", "hello"), b"$5\r\nhello\r\n")
            self.assertEqual(raw.call("ping"), b"+PONG\r\n")

    def test_echo(self):
        with make_client() as r:
            self.assertEqual(r.echo("héllo wörld"), "héllo wörld")
        with RawConnection() as raw:
            self.assertEqual(raw.call("ECHO", ""), b"$0\r\n\r\n")

    def test_hello_2(self):
        with RawConnection() as raw:
            reply = raw.value("HELLO", "2")
            self.assertIsInstance(reply, list)
            info = pairs(reply)
            self.assertEqual(info[b"proto"], 2)
            self.assertEqual(
                set(info), {b"server", b"version", b"proto", b"id", b"mode", b"role", b"modules"}
            )
            self.assertRegex(info[b"version"].decode(), r"^\d+\.\d+\.\d+")
            self.assertEqual(info[b"mode"], b"standalone")
            self.assertEqual(info[b"role"], b"master")
            self.assertEqual(info[b"modules"], [])

    def test_hello_3_raw_is_a_map(self):
        with RawConnection() as raw:
            reply = raw.call("HELLO", "3")
            self.assertTrue(reply.startswith(b"%7\r\n"), reply)
            self.assertIn(b"$5\r\nproto\r\n:3\r\n", reply)
            # Now in RESP3: nulls are '_', CONFIG GET is a map, INFO is a verbatim string.
            self.assertEqual(raw.call("GET", "missing"), b"_\r\n")
            raw.call("SET", "a", "1")
            self.assertEqual(raw.call("MGET", "a", "missing"), b"*2\r\n$1\r\n1\r\n_\r\n")
            self.assertTrue(raw.call("CONFIG", "GET", "maxclients").startswith(b"%1\r\n"))
            info = raw.call("INFO", "server")
            self.assertTrue(info.startswith(b"="), info[:20])
            self.assertIn(b"\r\ntxt:# Server\r\n", info)
            # Back to RESP2 on the same connection.
            self.assertTrue(raw.call("HELLO", "2").startswith(b"*14\r\n"))
            self.assertEqual(raw.call("GET", "missing"), b"$-1\r\n")
            self.assertEqual(raw.call("MGET", "a", "missing"), b"*2\r\n$1\r\n1\r\n$-1\r\n")
            self.assertEqual(
                raw.call("CONFIG", "GET", "nonexistent-config-param"), b"*0\r\n"
            )

    def test_hello_3_via_redis_py(self):
        with make_client(3) as r:
            info = pairs(r.execute_command("HELLO", "3"))
            info = {(k.decode() if isinstance(k, bytes) else k): v for k, v in info.items()}
            self.assertEqual(info["proto"], 3)
            self.assertIsInstance(info["id"], int)
            self.assertEqual(info["modules"], [])
            self.assertIn("resp=3", r.execute_command("CLIENT", "INFO"))
            self.assertIsNone(r.get("missing"))
            self.assertTrue(r.set("k", "v"))
            self.assertEqual(r.get("k"), "v")

    def test_hello_without_arguments_and_errors(self):
        with RawConnection() as raw:
            info = pairs(raw.value("HELLO"))  # no version: keeps the current protocol
            self.assertEqual(info[b"proto"], 2)
            self.assertEqual(raw.call("HELLO", "4"), b"-NOPROTO unsupported protocol version\r\n")
            self.assertEqual(raw.call("HELLO", "1"), b"-NOPROTO unsupported protocol version\r\n")
            self.assertEqual(raw.call("PING"), b"+PONG\r\n")

    def test_hello_setname(self):
        with RawConnection() as raw:
            info = raw.value("HELLO", "3", "SETNAME", "hello-name")
            self.assertEqual(info[b"proto"], 3)
            self.assertEqual(raw.value("CLIENT", "GETNAME"), b"hello-name")

    def test_inline_commands(self):
        with RawConnection() as raw:
            raw.send_raw(b"PING\r\n")
            self.assertEqual(raw.read_reply()[0], b"+PONG\r\n")
            raw.send_raw(b"SET inline value\r\nGET inline\r\n")
            self.assertEqual(raw.read_reply()[0], b"+OK\r\n")
            self.assertEqual(raw.read_reply()[0], b"$5\r\nvalue\r\n")

    def test_frames_split_byte_by_byte(self):
        with RawConnection() as raw:
            frame = RawConnection.encode("SET", "split", "x" * 20) + RawConnection.encode("GET", "split")
            for i in range(len(frame)):
                raw.send_raw(frame[i : i + 1])
            self.assertEqual(raw.read_reply()[0], b"+OK\r\n")
            self.assertEqual(raw.read_reply()[0], b"$20\r\n" + b"x" * 20 + b"\r\n")

    def test_raw_pipeline_of_1000_commands_in_one_write(self):
        with RawConnection() as raw:
            raw.send_raw(b"".join(RawConnection.encode("INCR", "ctr") for _ in range(1000)))
            for i in range(1, 1001):
                self.assertEqual(raw.read_reply()[0], b":%d\r\n" % i)

    def test_select_db_isolation(self):
        with make_client() as r0, make_client(db=1) as r1, make_client(db=15) as r15:
            r0.set("k", "db0")
            r1.set("k", "db1")
            self.assertEqual(r0.get("k"), "db0")
            self.assertEqual(r1.get("k"), "db1")
            self.assertIsNone(r15.get("k"))
            self.assertEqual(r1.dbsize(), 1)
        with RawConnection() as raw:
            self.assertEqual(raw.call("SELECT", "1"), b"+OK\r\n")
            self.assertEqual(raw.call("GET", "k"), b"$3\r\ndb1\r\n")
            self.assertEqual(raw.call("SELECT", "16"), b"-ERR DB index is out of range\r\n")
            self.assertEqual(raw.call("SELECT", "-1"), b"-ERR DB index is out of range\r\n")
            self.assertEqual(
                raw.call("SELECT", "abc"), b"-ERR value is not an integer or out of range\r\n"
            )
            self.assertEqual(raw.call("GET", "k"), b"$3\r\ndb1\r\n")  # failed SELECT keeps db 1

    def test_client_setname_getname_id_list(self):
        with make_client() as r:
            self.assertIsNone(r.client_getname())
            self.assertTrue(r.client_setname("py-suite"))
            self.assertEqual(r.client_getname(), "py-suite")
            my_id = r.client_id()
            self.assertIsInstance(my_id, int)
            self.assertGreater(my_id, 0)
            clients = r.client_list()
            mine = [c for c in clients if c["id"] == str(my_id)]
            self.assertEqual(len(mine), 1, clients)
            me = mine[0]
            for field in ("id", "addr", "laddr", "fd", "name", "age", "idle", "flags", "db",
                          "sub", "psub", "multi", "cmd", "resp"):
                self.assertIn(field, me)
            self.assertEqual(me["name"], "py-suite")
            self.assertEqual(me["db"], "0")
            self.assertEqual(me["resp"], "2")
            self.assertEqual(me["cmd"], "client|list")
            self.assertRegex(me["addr"], r"^[\d.:\[\]a-f]+:\d+$")
            only = r.client_list(client_id=[str(my_id)])
            self.assertEqual(len(only), 1)
            self.assertEqual(only[0]["id"], str(my_id))
            info = r.client_info()
            self.assertEqual(int(info["id"]), my_id)
            self.assertEqual(info["name"], "py-suite")
            with self.assertRaisesRegex(ResponseError, "Client names cannot contain spaces"):
                r.client_setname("bad name")
            self.assertTrue(r.client_setname(""))
            self.assertIsNone(r.client_getname())

    def test_client_list_sees_other_connections(self):
        with make_client() as a, make_client() as b:
            a.client_setname("conn-a")
            b.client_setname("conn-b")
            names = {c["name"] for c in a.client_list()}
            self.assertTrue({"conn-a", "conn-b"} <= names, names)
            self.assertGreaterEqual(int(a.info("clients")["connected_clients"]), 2)

    def test_client_setinfo_7_2(self):
        # Redis 7.2 added CLIENT SETINFO (redis-py >= 5 sends it on connect) and the lib-name/lib-ver
        # fields of CLIENT LIST/INFO. Redis 7.0 answers "unknown subcommand": skipped there.
        if server_version() < (7, 2):
            self.skipTest("CLIENT SETINFO is Redis 7.2+")
        with make_client() as r:
            self.assertTrue(r.execute_command("CLIENT", "SETINFO", "LIB-NAME", "akkakv-suite"))
            self.assertTrue(r.execute_command("CLIENT", "SETINFO", "LIB-VER", "1.2.3"))
            info = r.client_info()
            self.assertEqual(info["lib-name"], "akkakv-suite")
            # CLIENT INFO ends with "\n" (Redis appends it) and redis-py 4.x keeps it on the last field.
            self.assertEqual(info["lib-ver"].strip(), "1.2.3")


# --------------------------------------------------------------------------------------------------
# Data tests: each mixin runs under RESP2 and RESP3 (classes generated at the bottom).
# --------------------------------------------------------------------------------------------------
class DataTestBase:
    PROTOCOL = 2

    def setUp(self):
        self.r = make_client(self.PROTOCOL)
        self.rb = make_client(self.PROTOCOL, decode=False)
        self.x = make_plain_client(self.PROTOCOL)
        self.r.flushall()

    def tearDown(self):
        for c in (self.r, self.rb, self.x):
            c.close()

    def assertError(self, expected_regex, *args):
        with self.assertRaisesRegex(ResponseError, expected_regex):
            self.r.execute_command(*args)

    def assertTtlBetween(self, key, low, high):
        ttl = self.r.ttl(key)
        self.assertTrue(low <= ttl <= high, f"TTL of {key} is {ttl}, expected {low}..{high}")

    def assertPttlBetween(self, key, low, high):
        pttl = self.r.pttl(key)
        self.assertTrue(low <= pttl <= high, f"PTTL of {key} is {pttl}, expected {low}..{high}")


class StringTests(DataTestBase):
    def test_protocol_negotiated(self):
        self.assertIn(f"resp={self.PROTOCOL}", self.x.execute_command("CLIENT", "INFO"))

    def test_set_get(self):
        self.assertTrue(self.r.set("k", "v"))
        self.assertEqual(self.r.get("k"), "v")
        self.assertTrue(self.r.set("k", "v2"))
        self.assertEqual(self.r.get("k"), "v2")
        self.assertIsNone(self.r.get("missing"))
        self.assertTrue(self.r.set("empty", ""))
        self.assertEqual(self.r.get("empty"), "")
        self.assertTrue(self.r.set("int", 42))
        self.assertEqual(self.r.get("int"), "42")

    def test_set_nx_xx(self):
        self.assertTrue(self.r.set("k", "v1", nx=True))
        self.assertIsNone(self.r.set("k", "v2", nx=True))
        self.assertEqual(self.r.get("k"), "v1")
        self.assertTrue(self.r.set("k", "v3", xx=True))
        self.assertEqual(self.r.get("k"), "v3")
        self.assertIsNone(self.r.set("missing", "v", xx=True))
        self.assertEqual(self.r.exists("missing"), 0)
        self.assertError("syntax error", "SET", "k", "v", "NX", "XX")

    def test_set_get_option(self):
        self.r.set("k", "v1")
        self.assertEqual(self.r.set("k", "v2", get=True), "v1")
        self.assertEqual(self.r.get("k"), "v2")
        self.assertIsNone(self.r.set("new", "x", get=True))
        self.assertEqual(self.r.get("new"), "x")
        # NX together with GET is allowed since Redis 7.0: returns the old value, sets nothing.
        self.assertEqual(self.r.set("k", "v3", nx=True, get=True), "v2")
        self.assertEqual(self.r.get("k"), "v2")
        self.assertIsNone(self.r.set("nx-new", "v", nx=True, get=True))
        self.assertEqual(self.r.get("nx-new"), "v")
        self.assertIsNone(self.r.set("xx-missing", "v", xx=True, get=True))
        self.assertEqual(self.r.exists("xx-missing"), 0)

    def test_set_expiry_options(self):
        now = time.time()
        self.r.set("ex", "v", ex=100)
        self.assertTtlBetween("ex", 99, 100)
        self.r.set("px", "v", px=100000)
        self.assertPttlBetween("px", 98000, 100000)
        self.r.set("exat", "v", exat=int(now) + 100)
        self.assertTtlBetween("exat", 98, 100)
        self.r.set("pxat", "v", pxat=int(now * 1000) + 100000)
        self.assertPttlBetween("pxat", 98000, 100000)
        self.assertEqual(self.r.ttl("ex"), self.r.ttl("ex"))
        # An absolute time in the past: accepted, and the key is gone at once.
        self.assertTrue(self.r.set("past", "v", exat=1))
        self.assertEqual(self.r.exists("past"), 0)
        self.assertError(r"^invalid expire time in 'set' command$", "SET", "k", "v", "EX", "0")
        self.assertError(r"^invalid expire time in 'set' command$", "SET", "k", "v", "PX", "-5")
        self.assertError(r"^value is not an integer or out of range$", "SET", "k", "v", "EX", "abc")
        self.assertError(r"^syntax error$", "SET", "k", "v", "EX", "10", "PX", "10000")
        self.assertError(r"^syntax error$", "SET", "k", "v", "EX")
        self.assertError(r"^syntax error$", "SET", "k", "v", "BOGUS")
        self.assertEqual(self.r.exists("k"), 0)

    def test_set_keepttl(self):
        self.r.set("k", "v1", ex=100)
        self.assertTrue(self.r.set("k", "v2", keepttl=True))
        self.assertEqual(self.r.get("k"), "v2")
        self.assertTtlBetween("k", 99, 100)
        self.r.set("k", "v3")
        self.assertEqual(self.r.ttl("k"), -1)
        self.assertError("syntax error", "SET", "k", "v", "KEEPTTL", "EX", "10")

    def test_getex(self):
        self.r.set("k", "v")
        self.assertEqual(self.r.getex("k"), "v")
        self.assertEqual(self.r.ttl("k"), -1)
        self.assertEqual(self.r.getex("k", ex=100), "v")
        self.assertTtlBetween("k", 99, 100)
        self.assertEqual(self.r.getex("k", px=200000), "v")
        self.assertPttlBetween("k", 198000, 200000)
        self.assertEqual(self.r.getex("k", exat=int(time.time()) + 300), "v")
        self.assertTtlBetween("k", 298, 300)
        self.assertEqual(self.r.getex("k", pxat=int(time.time() * 1000) + 400000), "v")
        self.assertTtlBetween("k", 398, 400)
        self.assertEqual(self.r.getex("k", persist=True), "v")
        self.assertEqual(self.r.ttl("k"), -1)
        self.assertIsNone(self.r.getex("missing", ex=10))
        self.assertEqual(self.r.exists("missing"), 0)
        self.assertError("syntax error", "GETEX", "k", "EX", "10", "PERSIST")
        self.assertError(r"^invalid expire time in 'getex' command$", "GETEX", "k", "EX", "0")

    def test_getdel_getset(self):
        self.r.set("k", "v")
        self.assertEqual(self.r.getdel("k"), "v")
        self.assertEqual(self.r.exists("k"), 0)
        self.assertIsNone(self.r.getdel("k"))
        self.assertIsNone(self.r.getset("k", "a"))
        self.assertEqual(self.r.getset("k", "b"), "a")
        self.assertEqual(self.r.get("k"), "b")
        self.r.set("ttl", "v", ex=100)
        self.r.getset("ttl", "w")
        self.assertEqual(self.r.ttl("ttl"), -1)  # GETSET discards the TTL like SET

    def test_setnx_setex_psetex(self):
        self.assertTrue(self.r.setnx("k", "v"))
        self.assertFalse(self.r.setnx("k", "w"))
        self.assertEqual(self.r.get("k"), "v")
        self.assertTrue(self.r.setex("ex", 100, "v"))
        self.assertTtlBetween("ex", 99, 100)
        self.assertEqual(self.r.get("ex"), "v")
        self.assertTrue(self.r.psetex("px", 100000, "v"))
        self.assertPttlBetween("px", 98000, 100000)
        self.assertError(r"^invalid expire time in 'setex' command$", "SETEX", "k", "0", "v")
        self.assertError(r"^invalid expire time in 'psetex' command$", "PSETEX", "k", "-5", "v")
        self.assertError("value is not an integer or out of range", "SETEX", "k", "x", "v")

    def test_mset_mget_many_keys(self):
        mapping = {f"user:{i}:name": f"value-{i}" for i in range(500)}
        self.assertTrue(self.r.mset(mapping))
        keys = list(mapping)
        self.assertEqual(self.r.mget(keys), [mapping[k] for k in keys])
        mixed = ["user:0:name", "nope:1", "user:499:name", "nope:2", "user:250:name"]
        self.assertEqual(self.r.mget(mixed), ["value-0", None, "value-499", None, "value-250"])
        self.assertEqual(self.r.mget(["nope"]), [None])
        self.assertTrue(self.r.mset({"user:0:name": "changed", "extra": "x"}))
        self.assertEqual(self.r.mget("user:0:name", "extra"), ["changed", "x"])
        self.assertEqual(self.r.dbsize(), 501)
        self.assertError(r"^wrong number of arguments for 'mset' command$", "MSET", "a", "b", "c")
        self.assertError(r"^wrong number of arguments for 'mget' command$", "MGET")

    def test_msetnx(self):
        self.assertTrue(self.r.msetnx({"a": "1", "b": "2"}))
        self.assertFalse(self.r.msetnx({"b": "3", "c": "4"}))
        self.assertEqual(self.r.mget("a", "b", "c"), ["1", "2", None])
        self.assertError(r"^wrong number of arguments for 'msetnx' command$", "MSETNX", "a")

    def test_append_strlen(self):
        self.assertEqual(self.r.append("k", "Hello"), 5)
        self.assertEqual(self.r.append("k", " World"), 11)
        self.assertEqual(self.r.get("k"), "Hello World")
        self.assertEqual(self.r.strlen("k"), 11)
        self.assertEqual(self.r.strlen("missing"), 0)
        self.r.set("n", 12)
        self.assertEqual(self.r.append("n", 3), 3)
        self.assertEqual(self.r.get("n"), "123")

    def test_getrange_substr(self):
        self.r.set("k", "This is a string")
        for start, end, expected in [
            (0, 3, "This"), (-3, -1, "ing"), (0, -1, "This is a string"), (10, 100, "string"),
            (5, 3, ""), (-100, 3, "This"), (20, 30, ""), (-1, -1, "g"),
        ]:
            self.assertEqual(self.r.getrange("k", start, end), expected, (start, end))
            self.assertEqual(self.r.execute_command("SUBSTR", "k", start, end), expected)
        self.assertEqual(self.r.getrange("missing", 0, -1), "")
        self.r.set("n", 12345)
        self.assertEqual(self.r.getrange("n", 1, 2), "23")
        self.assertError("value is not an integer or out of range", "GETRANGE", "k", "a", "1")

    def test_setrange(self):
        self.r.set("k", "Hello World")
        self.assertEqual(self.r.setrange("k", 6, "Redis"), 11)
        self.assertEqual(self.r.get("k"), "Hello Redis")
        self.assertEqual(self.r.setrange("k", 11, "!"), 12)
        self.assertEqual(self.r.get("k"), "Hello Redis!")
        self.assertEqual(self.r.setrange("pad", 5, "x"), 6)
        self.assertEqual(self.rb.get("pad"), b"\x00\x00\x00\x00\x00x")
        self.assertEqual(self.r.setrange("none", 0, ""), 0)
        self.assertEqual(self.r.exists("none"), 0)
        self.assertError(r"^offset is out of range$", "SETRANGE", "k", "-1", "x")
        self.assertError(
            "string exceeds maximum allowed size", "SETRANGE", "k", str(512 * 1024 * 1024), "x"
        )

    def test_incr_decr(self):
        self.assertEqual(self.r.incr("c"), 1)
        self.assertEqual(self.r.incrby("c", 10), 11)
        self.assertEqual(self.r.decr("c"), 10)
        self.assertEqual(self.r.decrby("c", 5), 5)
        self.assertEqual(self.r.incrby("c", -3), 2)
        self.assertEqual(self.r.get("c"), "2")
        self.assertEqual(self.r.decr("neg"), -1)
        self.assertEqual(self.r.object("encoding", "c"), "int")
        self.r.set("big", "9223372036854775806")
        self.assertEqual(self.r.incr("big"), 9223372036854775807)
        self.assertError(r"^increment or decrement would overflow$", "INCR", "big")
        self.r.set("small", "-9223372036854775808")
        self.assertError(r"^increment or decrement would overflow$", "DECR", "small")
        for bad in ("abc", " 1", "1 ", "01", "1.5", "", "99999999999999999999"):
            self.r.set("bad", bad)
            self.assertError(r"^value is not an integer or out of range$", "INCR", "bad")
        self.assertError(r"^value is not an integer or out of range$", "INCRBY", "c", "x")
        self.assertError(r"^value is not an integer or out of range$", "DECRBY", "c", "1.0")
        self.r.set("ttl", 1, ex=100)
        self.r.incr("ttl")
        self.assertTtlBetween("ttl", 99, 100)  # INCR keeps the TTL

    def test_incrbyfloat(self):
        self.r.set("f", "10.50")
        self.assertEqual(self.x.execute_command("INCRBYFLOAT", "f", "0.1"), "10.6")
        self.assertEqual(self.x.execute_command("INCRBYFLOAT", "f", "-5"), "5.6")
        self.r.set("e", "5.0e3")
        self.assertEqual(self.x.execute_command("INCRBYFLOAT", "e", "2.0e2"), "5200")
        self.assertEqual(self.x.execute_command("INCRBYFLOAT", "new", "1.5"), "1.5")
        self.assertEqual(self.r.incrbyfloat("new", 1), 2.5)
        self.r.set("i", 3)
        self.assertEqual(self.x.execute_command("INCRBYFLOAT", "i", "1.25"), "4.25")
        self.assertEqual(self.r.get("i"), "4.25")
        self.r.set("s", "abc")
        self.assertError(r"^value is not a valid float$", "INCRBYFLOAT", "s", "1")
        self.assertError(r"^value is not a valid float$", "INCRBYFLOAT", "f", "x")
        self.assertError(r"^increment would produce NaN or Infinity$", "INCRBYFLOAT", "f", "inf")

    def _lcs_idx(self, *extra):
        reply = self.x.execute_command("LCS", "k1", "k2", "IDX", *extra)
        info = pairs(reply)
        return info["matches"], info["len"]

    def test_lcs(self):
        self.r.mset({"k1": "ohmytext", "k2": "mynewtext"})
        self.assertEqual(self.x.execute_command("LCS", "k1", "k2"), "mytext")
        self.assertEqual(self.x.execute_command("LCS", "k1", "k2", "LEN"), 6)
        self.assertEqual(self._lcs_idx(), ([[[4, 7], [5, 8]], [[2, 3], [0, 1]]], 6))
        self.assertEqual(
            self._lcs_idx("WITHMATCHLEN"), ([[[4, 7], [5, 8], 4], [[2, 3], [0, 1], 2]], 6)
        )
        self.assertEqual(self._lcs_idx("MINMATCHLEN", "4"), ([[[4, 7], [5, 8]]], 6))
        self.assertEqual(
            self._lcs_idx("MINMATCHLEN", "3", "WITHMATCHLEN"), ([[[4, 7], [5, 8], 4]], 6)
        )
        self.assertEqual(self.x.execute_command("LCS", "k1", "missing"), "")
        self.assertEqual(self.x.execute_command("LCS", "missing", "missing2", "LEN"), 0)
        self.assertError(
            "If you want both the length and indexes, please just use IDX.",
            "LCS", "k1", "k2", "LEN", "IDX",
        )
        self.assertError(r"^wrong number of arguments for 'lcs' command$", "LCS", "k1")


class KeyTests(DataTestBase):
    def test_del_unlink_exists(self):
        self.r.mset({"a": 1, "b": 2, "c": 3, "d": 4})
        self.assertEqual(self.r.exists("a", "b", "nope", "a"), 3)  # duplicates count twice
        self.assertEqual(self.r.delete("a", "nope"), 1)
        self.assertEqual(self.r.unlink("b", "c", "nope"), 2)
        self.assertEqual(self.r.exists("a", "b", "c"), 0)
        self.assertEqual(self.r.exists("d"), 1)
        self.assertEqual(self.r.delete("nope"), 0)
        self.assertError(r"^wrong number of arguments for 'del' command$", "DEL")

    def test_type(self):
        self.r.set("s", "v")
        self.assertEqual(self.r.type("s"), "string")
        self.assertEqual(self.r.type("missing"), "none")

    def test_rename_renamenx(self):
        self.r.set("a", "1", ex=100)
        self.assertTrue(self.r.rename("a", "b"))
        self.assertEqual(self.r.exists("a"), 0)
        self.assertEqual(self.r.get("b"), "1")
        self.assertTtlBetween("b", 99, 100)  # RENAME carries the TTL
        self.assertTrue(self.r.rename("b", "b"))
        self.assertEqual(self.r.get("b"), "1")
        self.r.set("c", "3")
        self.assertTrue(self.r.rename("c", "b"))  # overwrites, and the target's TTL goes with it
        self.assertEqual(self.r.get("b"), "3")
        self.assertEqual(self.r.ttl("b"), -1)
        self.assertError(r"^no such key$", "RENAME", "missing", "x")
        self.r.set("d", "4")
        self.assertFalse(self.r.renamenx("d", "b"))
        self.assertTrue(self.r.renamenx("d", "e"))
        self.assertEqual(self.r.mget("b", "d", "e"), ["3", None, "4"])
        self.assertError(r"^no such key$", "RENAMENX", "missing", "x")

    def test_copy(self):
        self.r.set("src", "v", ex=100)
        self.assertTrue(self.r.copy("src", "dst"))
        self.assertEqual(self.r.get("dst"), "v")
        self.assertTtlBetween("dst", 99, 100)
        self.r.set("src", "v2")
        self.assertFalse(self.r.copy("src", "dst"))
        self.assertEqual(self.r.get("dst"), "v")
        self.assertTrue(self.r.copy("src", "dst", replace=True))
        self.assertEqual(self.r.get("dst"), "v2")
        self.assertFalse(self.r.copy("missing", "dst2"))
        self.assertTrue(self.r.copy("src", "src", destination_db=1))
        with make_client(self.PROTOCOL, db=1) as r1:
            self.assertEqual(r1.get("src"), "v2")
        self.assertEqual(self.r.get("src"), "v2")
        self.assertError(r"^source and destination objects are the same$", "COPY", "src", "src")
        self.assertError(r"^DB index is out of range$", "COPY", "src", "x", "DB", "99")
        self.assertError(r"^syntax error$", "COPY", "src", "x", "BOGUS")

    def test_move(self):
        self.r.set("k", "v")
        self.assertTrue(self.r.move("k", 1))
        self.assertEqual(self.r.exists("k"), 0)
        with make_client(self.PROTOCOL, db=1) as r1:
            self.assertEqual(r1.get("k"), "v")
        self.r.set("k", "again")
        self.assertFalse(self.r.move("k", 1))  # target exists: nothing moves
        self.assertEqual(self.r.get("k"), "again")
        self.assertFalse(self.r.move("missing", 1))
        self.assertError(r"^source and destination objects are the same$", "MOVE", "k", "0")
        self.assertError(r"^DB index is out of range$", "MOVE", "k", "16")

    def test_keys_pattern(self):
        for k in ("hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "other"):
            self.r.set(k, 1)
        cases = {
            "h?llo": {"hello", "hallo", "hxllo", "h*llo"},
            "h*llo": {"hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo"},
            "h[ae]llo": {"hello", "hallo"},
            "h[^e]llo": {"hallo", "hxllo", "h*llo"},
            "h[a-b]llo": {"hallo"},
            "h\\*llo": {"h*llo"},
            "*": {"hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "other"},
            "nomatch*": set(),
        }
        for pattern, expected in cases.items():
            self.assertEqual(set(self.r.keys(pattern)), expected, pattern)

    def test_scan(self):
        keys = {f"key:{i}" for i in range(300)}
        others = {f"other:{i}" for i in range(10)}
        self.r.mset({k: "v" for k in keys | others})
        self.assertEqual(set(self.r.scan_iter(count=10)), keys | others)
        self.assertEqual(set(self.r.scan_iter(match="other:*", count=7)), others)
        self.assertEqual(set(self.r.scan_iter(match="key:1?", count=1000)),
                         {f"key:{i}" for i in range(10, 20)})
        self.assertEqual(set(self.r.scan_iter(_type="string", count=50)), keys | others)
        self.assertEqual(set(self.r.scan_iter(_type="list")), set())
        # The cursor loop by hand: every key returned, cursor back to 0, duplicates allowed.
        seen, cursor, rounds = [], 0, 0
        while True:
            cursor, batch = self.r.scan(cursor, count=20)
            seen.extend(batch)
            rounds += 1
            if cursor == 0:
                break
            self.assertLess(rounds, 1000)
        self.assertEqual(set(seen), keys | others)
        raw_cursor = self.x.execute_command("SCAN", "0")[0]
        self.assertRegex(raw_cursor, r"^\d+$")
        self.assertError(r"^invalid cursor$", "SCAN", "abc")
        self.assertError(r"^syntax error$", "SCAN", "0", "COUNT", "0")

    def test_randomkey(self):
        self.assertIsNone(self.r.randomkey())
        self.r.mset({"a": 1, "b": 2, "c": 3})
        for _ in range(10):
            self.assertIn(self.r.randomkey(), {"a", "b", "c"})

    def test_touch(self):
        self.r.mset({"a": 1, "b": 2})
        self.assertEqual(self.r.touch("a", "b", "nope"), 2)

    def test_object(self):
        self.r.set("int", "12345")
        self.r.set("short", "hello")
        self.r.set("long", "x" * 100)
        self.assertEqual(self.r.object("encoding", "int"), "int")
        self.assertEqual(self.r.object("encoding", "short"), "embstr")
        self.assertEqual(self.r.object("encoding", "long"), "raw")
        self.r.append("short", "!")
        self.assertEqual(self.r.object("encoding", "short"), "raw")  # APPEND un-embeds
        self.assertIsNone(self.r.object("encoding", "missing"))
        self.assertIsNone(self.r.object("idletime", "missing"))
        idle = self.r.object("idletime", "int")
        self.assertIsInstance(idle, int)
        self.assertTrue(0 <= idle <= 2, idle)
        self.assertEqual(self.r.object("refcount", "long"), 1)
        self.assertIsInstance(self.r.object("refcount", "int"), int)
        self.assertError(r"^unknown subcommand 'FOO'. Try OBJECT HELP.$", "OBJECT", "FOO", "int")

    def test_dbsize_flushdb(self):
        self.assertEqual(self.r.dbsize(), 0)
        self.r.mset({f"k{i}": i for i in range(10)})
        self.assertEqual(self.r.dbsize(), 10)
        with make_client(self.PROTOCOL, db=1) as r1:
            r1.set("keep", "1")
            self.assertTrue(self.r.flushdb())
            self.assertEqual(self.r.dbsize(), 0)
            self.assertEqual(r1.dbsize(), 1)  # FLUSHDB is per database
        self.r.set("a", 1)
        self.assertTrue(self.r.flushdb(asynchronous=True))
        self.assertEqual(self.r.dbsize(), 0)
        self.r.set("a", 1)
        self.assertEqual(self.x.execute_command("FLUSHDB", "SYNC"), "OK")
        self.assertEqual(self.r.dbsize(), 0)
        self.assertError(r"^syntax error$", "FLUSHDB", "BOGUS")

    def test_swapdb(self):
        with make_client(self.PROTOCOL, db=1) as r1:
            self.r.set("a", "db0")
            r1.mset({"a": "db1", "b": "db1"})
            self.assertTrue(self.r.swapdb(0, 1))
            self.assertEqual(self.r.mget("a", "b"), ["db1", "db1"])
            self.assertEqual(r1.mget("a", "b"), ["db0", None])
            self.assertEqual(self.r.dbsize(), 2)
            self.assertTrue(self.r.swapdb(1, 0))
            self.assertEqual(self.r.get("a"), "db0")
        self.assertError(r"^DB index is out of range$", "SWAPDB", "0", "16")
        self.assertError(r"^invalid first DB index$", "SWAPDB", "x", "1")


class ExpiryTests(DataTestBase):
    def test_expire_family(self):
        self.r.set("k", "v")
        self.assertTrue(self.r.expire("k", 100))
        self.assertTtlBetween("k", 99, 100)
        self.assertTrue(self.r.pexpire("k", 200000))
        self.assertPttlBetween("k", 198000, 200000)
        self.assertTrue(self.r.expireat("k", int(time.time()) + 300))
        self.assertTtlBetween("k", 298, 300)
        self.assertTrue(self.r.pexpireat("k", int(time.time() * 1000) + 400000))
        self.assertTtlBetween("k", 398, 400)
        self.assertFalse(self.r.expire("missing", 100))
        self.assertFalse(self.r.pexpire("missing", 100))
        self.assertError(r"^value is not an integer or out of range$", "EXPIRE", "k", "abc")
        self.assertError(r"^invalid expire time in 'expire' command$",
                         "EXPIRE", "k", "9223372036854775807")
        # A non-positive relative expiry deletes the key.
        self.assertTrue(self.r.expire("k", -1))
        self.assertEqual(self.r.exists("k"), 0)
        self.r.set("k2", "v")
        self.assertTrue(self.r.expireat("k2", 1))
        self.assertEqual(self.r.exists("k2"), 0)

    def test_expire_nx_xx_gt_lt(self):
        self.r.set("k", "v")
        self.assertFalse(self.r.expire("k", 100, xx=True))  # no TTL yet
        self.assertFalse(self.r.expire("k", 100, gt=True))  # no TTL counts as infinite
        self.assertTrue(self.r.expire("k", 100, nx=True))
        self.assertFalse(self.r.expire("k", 200, nx=True))
        self.assertTrue(self.r.expire("k", 200, xx=True))
        self.assertTtlBetween("k", 199, 200)
        self.assertFalse(self.r.expire("k", 100, gt=True))
        self.assertTrue(self.r.expire("k", 300, gt=True))
        self.assertFalse(self.r.expire("k", 400, lt=True))
        self.assertTrue(self.r.expire("k", 50, lt=True))
        self.assertTtlBetween("k", 49, 50)
        self.r.set("nottl", "v")
        self.assertTrue(self.r.expire("nottl", 100, lt=True))  # anything is less than infinite
        self.assertTrue(self.r.pexpire("k", 40000, lt=True))
        self.assertTrue(self.r.execute_command("EXPIREAT", "k", int(time.time()) + 500, "GT"))
        self.assertError("NX and XX, GT or LT options at the same time are not compatible",
                         "EXPIRE", "k", "10", "NX", "XX")
        self.assertError("GT and LT options at the same time are not compatible",
                         "EXPIRE", "k", "10", "GT", "LT")
        self.assertError(r"^Unsupported option foo$", "EXPIRE", "k", "10", "foo")

    def test_ttl_pttl_expiretime(self):
        self.r.set("k", "v")
        self.assertEqual(self.r.ttl("missing"), -2)
        self.assertEqual(self.r.pttl("missing"), -2)
        self.assertEqual(self.r.ttl("k"), -1)
        self.assertEqual(self.r.pttl("k"), -1)
        self.assertEqual(self.r.expiretime("missing"), -2)
        self.assertEqual(self.r.expiretime("k"), -1)
        self.assertEqual(self.r.pexpiretime("k"), -1)
        at = int(time.time()) + 1000
        self.r.expireat("k", at)
        self.assertEqual(self.r.expiretime("k"), at)
        self.assertEqual(self.r.pexpiretime("k"), at * 1000)
        self.r.pexpireat("k", (at + 5) * 1000)
        self.assertEqual(self.r.expiretime("k"), at + 5)
        self.assertEqual(self.r.pexpiretime("k"), (at + 5) * 1000)

    def test_persist(self):
        self.r.set("k", "v", ex=100)
        self.assertTrue(self.r.persist("k"))
        self.assertEqual(self.r.ttl("k"), -1)
        self.assertFalse(self.r.persist("k"))
        self.assertFalse(self.r.persist("missing"))

    def test_expired_keys_disappear(self):
        self.r.set("short", "v", px=50)
        self.r.set("long", "v", ex=100)
        self.assertEqual(self.r.get("short"), "v")
        time.sleep(0.15)
        self.assertIsNone(self.r.get("short"))
        self.assertEqual(self.r.exists("short"), 0)
        self.assertEqual(self.r.ttl("short"), -2)
        self.assertEqual(self.r.mget("short", "long"), [None, "v"])
        self.assertTrue(self.r.set("short", "again", nx=True))  # an expired key counts as absent

    def test_active_expiry_reclaims_keys(self):
        # Keys nobody reads again must still go: DBSIZE drops without touching them.
        pipe = self.r.pipeline(transaction=False)
        for i in range(200):
            pipe.set(f"tmp:{i}", "v", px=30)
        pipe.set("stay", "v")
        pipe.execute()
        deadline = time.time() + 5
        while time.time() < deadline and self.r.dbsize() > 1:
            time.sleep(0.05)
        self.assertEqual(self.r.dbsize(), 1)
        self.assertEqual(self.r.info("keyspace")["db0"]["keys"], 1)


class PipelineTests(DataTestBase):
    def test_pipeline_1000_commands(self):
        pipe = self.r.pipeline(transaction=False)
        for i in range(1000):
            pipe.set(f"p:{i}", i)
        self.assertEqual(pipe.execute(), [True] * 1000)
        pipe = self.r.pipeline(transaction=False)
        for i in range(1000):
            pipe.get(f"p:{i}")
        self.assertEqual(pipe.execute(), [str(i) for i in range(1000)])
        self.assertEqual(self.r.dbsize(), 1000)

    def test_pipeline_keeps_order_across_keys(self):
        pipe = self.r.pipeline(transaction=False)
        for i in range(500):
            pipe.incr(f"ctr:{i % 7}")
            pipe.get(f"ctr:{i % 7}")
        results = pipe.execute()
        counts = [0] * 7
        for i in range(500):
            counts[i % 7] += 1
            self.assertEqual(results[2 * i], counts[i % 7])
            self.assertEqual(results[2 * i + 1], str(counts[i % 7]))

    def test_pipeline_errors_in_place(self):
        pipe = self.r.pipeline(transaction=False)
        pipe.set("a", 1)
        pipe.execute_command("FOO")
        pipe.incr("a")
        pipe.execute_command("GET")
        pipe.get("a")
        results = pipe.execute(raise_on_error=False)
        self.assertEqual(results[0], True)
        self.assertIsInstance(results[1], ResponseError)
        self.assertEqual(results[2], 2)
        self.assertIsInstance(results[3], ResponseError)
        self.assertIn("wrong number of arguments for 'get' command", str(results[3]))
        self.assertEqual(results[4], "2")


class ErrorTests(DataTestBase):
    """Exact error texts, byte for byte, under this protocol."""

    def raw(self):
        return RawConnection(self.PROTOCOL)

    def test_wrong_arity(self):
        with self.raw() as raw:
            self.assertEqual(raw.call("GET"), b"-ERR wrong number of arguments for 'get' command\r\n")
            self.assertEqual(raw.call("get", "a", "b"),
                             b"-ERR wrong number of arguments for 'get' command\r\n")
            self.assertEqual(raw.call("SET", "k"),
                             b"-ERR wrong number of arguments for 'set' command\r\n")
            self.assertEqual(raw.call("CLIENT", "SETNAME"),
                             b"-ERR wrong number of arguments for 'client|setname' command\r\n")
            self.assertEqual(raw.call("PING"), b"+PONG\r\n")
        with self.assertRaisesRegex(ResponseError, "wrong number of arguments for 'get' command"):
            self.r.execute_command("GET")

    def test_unknown_command(self):
        with self.raw() as raw:
            self.assertEqual(raw.call("foo", "bar"),
                             b"-ERR unknown command 'foo', with args beginning with: 'bar' \r\n")
            self.assertEqual(raw.call("FOO"), b"-ERR unknown command 'FOO', with args beginning with: \r\n")
            self.assertEqual(raw.call("foo", "a", "b"),
                             b"-ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n")
            self.assertEqual(raw.call("CLIENT", "FOO"),
                             b"-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n")
            self.assertEqual(raw.call("PING"), b"+PONG\r\n")

    def test_syntax_error(self):
        with self.raw() as raw:
            self.assertEqual(raw.call("SET", "k", "v", "NX", "XX"), b"-ERR syntax error\r\n")
            self.assertEqual(raw.call("SET", "k", "v", "WHATEVER"), b"-ERR syntax error\r\n")

    def test_not_an_integer(self):
        with self.raw() as raw:
            msg = b"-ERR value is not an integer or out of range\r\n"
            self.assertEqual(raw.call("INCRBY", "k", "abc"), msg)
            self.assertEqual(raw.call("EXPIRE", "k", "1.5"), msg)
            self.assertEqual(raw.call("SET", "k", "v", "EX", "ten"), msg)
            self.assertEqual(raw.call("SET", "k", "abc"), b"+OK\r\n")
            self.assertEqual(raw.call("INCR", "k"), msg)

    def test_errors_do_not_break_the_connection(self):
        for _ in range(3):
            with self.assertRaises(ResponseError):
                self.r.execute_command("NOSUCHCOMMAND")
        self.assertTrue(self.r.set("k", "v"))
        self.assertEqual(self.r.get("k"), "v")


class ServerTests(DataTestBase):
    def test_info(self):
        self.r.set("k", "v")
        self.r.set("t", "v", ex=100)
        info = self.r.info()
        self.assertIn("redis_version", info)
        self.assertRegex(str(info["redis_version"]), r"^\d+\.\d+\.\d+")
        self.assertIsInstance(info["connected_clients"], int)
        self.assertGreaterEqual(info["connected_clients"], 1)
        self.assertIsInstance(info["used_memory"], int)
        self.assertGreater(info["used_memory"], 0)
        self.assertEqual(info["db0"]["keys"], 2)
        self.assertEqual(info["db0"]["expires"], 1)
        self.assertIn("avg_ttl", info["db0"])
        for field in ("redis_mode", "tcp_port", "uptime_in_seconds", "process_id", "run_id"):
            self.assertIn(field, info)
        self.assertEqual(int(info["tcp_port"]), PORT)
        server = self.r.info("server")
        self.assertIn("redis_version", server)
        self.assertNotIn("used_memory", server)
        both = self.r.execute_command("INFO", "server", "clients")  # several sections: 7.0+
        self.assertIn("redis_version", both)
        self.assertIn("connected_clients", both)
        self.assertNotIn("used_memory", both)
        keyspace = self.r.info("keyspace")
        self.assertEqual(set(keyspace), {"db0"})
        raw = self.x.execute_command("INFO", "keyspace")
        self.assertIn("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=", raw)
        stats = self.r.info("stats")
        self.assertIn("total_commands_processed", stats)
        self.assertIn("keyspace_hits", stats)

    def test_config_get(self):
        got = self.r.config_get("maxclients")
        self.assertEqual(list(got), ["maxclients"])
        self.assertRegex(got["maxclients"], r"^\d+$")
        many = self.r.config_get("*max-*")
        self.assertGreaterEqual(len(many), 1)
        for name in many:
            self.assertTrue(fnmatch.fnmatchcase(name, "*max-*"), name)
        self.assertIn("proto-max-bulk-len", many)
        self.assertEqual(self.r.config_get("no-such-parameter"), {})
        two = self.r.config_get("maxclients", "databases")  # several names at once: 7.0+
        self.assertEqual(set(two), {"maxclients", "databases"})
        self.assertEqual(two["databases"], "16")
        # Names are case-insensitive. (Redis echoes the name as asked; only the value is asserted.)
        upper = self.r.config_get("MAXCLIENTS")
        self.assertEqual({k.lower(): v for k, v in upper.items()}, got)

    def test_config_set_two_pairs(self):
        before = self.r.config_get("maxclients")["maxclients"], self.r.config_get("timeout")["timeout"]
        try:
            self.assertTrue(self.r.config_set("timeout", "1234", "maxclients", "999"))
            self.assertEqual(self.r.config_get("timeout"), {"timeout": "1234"})
            self.assertEqual(self.r.config_get("maxclients"), {"maxclients": "999"})
            self.assertError("Unknown option or number of arguments for CONFIG SET - 'no-such-param'",
                             "CONFIG", "SET", "no-such-param", "1")
            self.assertError("duplicate parameter", "CONFIG", "SET", "timeout", "1", "timeout", "2")
            self.assertError("argument couldn't be parsed into an integer",
                             "CONFIG", "SET", "timeout", "abc")
            # A failing multi-set changes nothing.
            with self.assertRaises(ResponseError):
                self.r.config_set("timeout", "77", "maxclients", "not-a-number")
            self.assertEqual(self.r.config_get("timeout"), {"timeout": "1234"})
        finally:
            self.r.config_set("maxclients", before[0], "timeout", before[1])
        self.assertEqual(self.r.config_get("timeout"), {"timeout": before[1]})

    def test_time(self):
        secs, usecs = self.r.time()
        self.assertLess(abs(secs + usecs / 1e6 - time.time()), 5)
        self.assertTrue(0 <= usecs < 1000000)
        raw = self.x.execute_command("TIME")
        self.assertEqual(len(raw), 2)
        self.assertRegex(raw[0], r"^\d+$")
        self.assertRegex(raw[1], r"^\d+$")

    def test_debug_digest(self):
        try:
            empty = self.x.execute_command("DEBUG", "DIGEST")
        except ResponseError as e:
            if "DEBUG command not allowed" in str(e):
                self.skipTest("server runs with DEBUG disabled (enable-debug-command)")
            raise
        self.assertEqual(empty, "0" * 40)
        self.r.set("k", "v1")
        d1 = self.x.execute_command("DEBUG", "DIGEST")
        self.assertRegex(d1, r"^[0-9a-f]{40}$")
        self.assertNotEqual(d1, empty)
        self.r.set("k", "v2")
        d2 = self.x.execute_command("DEBUG", "DIGEST")
        self.assertNotEqual(d2, d1)
        self.r.set("k", "v1")
        self.assertEqual(self.x.execute_command("DEBUG", "DIGEST"), d1)  # content, not history
        self.r.expire("k", 100)
        self.assertNotEqual(self.x.execute_command("DEBUG", "DIGEST"), d1)  # TTLs count
        self.r.delete("k")
        self.assertEqual(self.x.execute_command("DEBUG", "DIGEST"), empty)


class BinaryTests(DataTestBase):
    def test_all_byte_values(self):
        value = bytes(range(256))
        self.assertTrue(self.rb.set(b"bin", value))
        self.assertEqual(self.rb.get(b"bin"), value)
        self.assertEqual(self.rb.strlen(b"bin"), 256)
        self.assertEqual(self.rb.getrange(b"bin", 10, 13), bytes([10, 11, 12, 13]))
        self.assertEqual(self.rb.append(b"bin", b"\r\n\x00"), 259)
        self.assertEqual(self.rb.get(b"bin"), value + b"\r\n\x00")
        key = b"k\x00e\r\ny\xff\xfe*"
        self.assertTrue(self.rb.set(key, b"\x00"))
        self.assertEqual(self.rb.get(key), b"\x00")
        self.assertEqual(self.rb.exists(key), 1)
        self.assertEqual(self.rb.get(b"k\x00e\r\ny\xff\xfe"), None)
        self.assertIn(key, self.rb.keys(b"k\x00*"))
        self.assertEqual(self.rb.mget([key, b"bin"]), [b"\x00", value + b"\r\n\x00"])
        for i in range(256):
            self.rb.set(bytes([i]), bytes([255 - i]))
        self.assertEqual(self.rb.mget([bytes([i]) for i in range(256)]),
                         [bytes([255 - i]) for i in range(256)])

    def test_one_megabyte_values(self):
        big = os.urandom(1 << 20)
        self.assertTrue(self.rb.set(b"big", big))
        self.assertEqual(self.rb.get(b"big"), big)
        self.assertEqual(self.rb.strlen(b"big"), 1 << 20)
        self.assertEqual(self.rb.append(b"big", big), 2 << 20)
        self.assertEqual(self.rb.getrange(b"big", (1 << 20) - 2, (1 << 20) + 1), big[-2:] + big[:2])
        self.assertEqual(self.rb.setrange(b"big", 3 << 20, b"end"), (3 << 20) + 3)
        pipe = self.rb.pipeline(transaction=False)
        for i in range(4):
            pipe.set(b"p%d" % i, big)
        pipe.mget([b"p%d" % i for i in range(4)])
        self.assertEqual(pipe.execute()[-1], [big] * 4)
        with RawConnection(self.PROTOCOL) as raw:
            self.assertEqual(raw.value("GET", "p0"), big)


PROTOCOLS = (2, 3)
for _mixin in (StringTests, KeyTests, ExpiryTests, PipelineTests, ErrorTests, ServerTests, BinaryTests):
    for _proto in PROTOCOLS:
        _name = f"Test{_mixin.__name__[:-5]}Resp{_proto}"
        globals()[_name] = type(_name, (_mixin, unittest.TestCase), {"PROTOCOL": _proto})
del _mixin, _proto, _name


if __name__ == "__main__":
    print(f"redis-py {redis.__version__} ({'native' if NATIVE_RESP3 else 'suite-provided'} RESP3) "
          f"against {HOST}:{PORT}", flush=True)
    unittest.main(verbosity=2)
