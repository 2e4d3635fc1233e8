#!/usr/bin/env python3
"""redis-py stream suite: XADD ... XAUTOCLAIM as a Python application uses them, over RESP2 and RESP3.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py and must pass against Redis 7.0 and 7.2 as well
(fields Redis 7.2 added are checked only when the server says it is 7.2 or later):

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_streams.py

redis-py 4 parses stream replies assuming RESP2 shapes; under RESP3 the commands whose reply is a map (XREAD,
XREADGROUP, XINFO) are read with the plain client and normalized here, which is what an application on RESP3
with redis-py 4 has to do too.
"""

import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, RawConnection, RawError, make_client, pairs, server_version  # noqa: E402


def entries(reply):
    """An XRANGE-shaped reply as [(id, {field: value})]."""
    return [(e[0], None if e[1] is None else pairs(e[1])) for e in reply]


class StreamTests(DataTestBase):
    def read(self, *args):
        """XREAD/XREADGROUP through the plain client: {stream: [(id, fields)]} in reply order, or None."""
        reply = self.x.execute_command(*args)
        if reply is None:
            return None
        items = reply.items() if isinstance(reply, dict) else [(k, v) for k, v in reply]
        return {k: entries(v) for k, v in items}

    def info(self, *args):
        """XINFO STREAM/GROUPS/CONSUMERS through the plain client, maps as dicts whatever the protocol."""
        reply = self.x.execute_command("XINFO", *args)
        return [pairs(m) for m in reply] if args[0].upper() != "STREAM" else pairs(reply)

    # ---- adding and reading -----------------------------------------------------------------------------------------

    def test_xadd_xlen_xrange(self):
        first = self.r.xadd("s", {"item": "1", "value": "a"})
        second = self.r.xadd("s", {"item": "2", "value": "b"})
        ms1, seq1 = map(int, first.split("-"))
        ms2, seq2 = map(int, second.split("-"))
        self.assertLess((ms1, seq1), (ms2, seq2))
        self.assertEqual(self.r.xlen("s"), 2)
        self.assertEqual(self.r.xrange("s"), [(first, {"item": "1", "value": "a"}), (second, {"item": "2", "value": "b"})])
        self.assertEqual(self.r.xrevrange("s", count=1), [(second, {"item": "2", "value": "b"})])
        self.assertEqual(self.r.xlen("missing"), 0)
        self.assertEqual(self.r.xrange("missing"), [])

    def test_explicit_and_partial_ids(self):
        self.assertEqual(self.r.xadd("s", {"f": "v"}, id="5-*"), "5-0")
        self.assertEqual(self.r.xadd("s", {"f": "v"}, id="5-*"), "5-1")
        self.assertEqual(self.r.xadd("s", {"f": "v"}, id=7), "7-0")
        with self.assertRaisesRegex(ResponseError, "equal or smaller than the target stream top item"):
            self.r.xadd("s", {"f": "v"}, id="6-0")
        with self.assertRaisesRegex(ResponseError, "must be greater than 0-0"):
            self.r.xadd("other", {"f": "v"}, id="0-0")
        self.assertEqual(self.r.exists("other"), 0)
        self.assertError("Invalid stream ID specified as stream command argument", "XADD", "s", "nope", "f", "v")
        self.assertError("wrong number of arguments for 'xadd' command", "XADD", "s", "*", "f")

    def test_ranges_counts_and_exclusive_bounds(self):
        for i in range(1, 6):
            self.r.xadd("s", {"n": i}, id=f"{i}-0")
        ids = lambda reply: [e[0] for e in reply]  # noqa: E731
        self.assertEqual(ids(self.r.xrange("s", "(1-0", "(4-0")), ["2-0", "3-0"])
        self.assertEqual(ids(self.r.xrange("s", "2", "+", count=2)), ["2-0", "3-0"])
        self.assertEqual(ids(self.r.xrevrange("s", "+", "(3-0")), ["5-0", "4-0"])
        self.assertIsNone(self.x.execute_command("XRANGE", "s", "-", "+", "COUNT", "0"))
        self.assertError("invalid end ID for the interval", "XRANGE", "s", "-", "(0-0")

    def test_binary_values(self):
        value = bytes(range(256)) * 300
        self.rb.xadd(b"bin", {b"\x00\r\n": value}, id="1-1")
        self.assertEqual(self.rb.xrange(b"bin"), [(b"1-1", {b"\x00\r\n": value})])

    def test_trimming(self):
        for i in range(1, 21):
            self.r.xadd("s", {"n": i}, id=f"{i}-0", maxlen=10, approximate=False)
        self.assertEqual(self.r.xlen("s"), 10)
        self.assertEqual(self.r.xtrim("s", maxlen=5, approximate=False), 5)
        self.assertEqual(self.r.xtrim("s", minid="18", approximate=False), 2)
        self.assertEqual([e[0] for e in self.r.xrange("s")], ["18-0", "19-0", "20-0"])
        self.assertEqual(self.r.xtrim("s", maxlen=100), 0)
        self.assertEqual(self.r.xtrim("missing", maxlen=0, approximate=False), 0)
        with self.assertRaisesRegex(ResponseError, "LIMIT cannot be used without the special ~ option"):
            self.r.xtrim("s", maxlen=1, approximate=False, limit=5)
        # Approximate trimming removes whole nodes only (100 entries each by default).
        for i in range(250):
            self.r.xadd("big", {"n": i})
        self.assertEqual(self.r.xtrim("big", maxlen=120, approximate=True), 100)
        self.assertEqual(self.r.xlen("big"), 150)
        self.assertEqual(self.r.xtrim("big", maxlen=120, approximate=True, limit=50), 0)
        self.assertEqual(self.r.xtrim("big", maxlen=0, approximate=False), 150)
        self.assertEqual(self.r.exists("big"), 1)

    def test_nomkstream_and_empty_streams_stay(self):
        self.assertIsNone(self.r.xadd("s", {"f": "v"}, nomkstream=True))
        self.assertEqual(self.r.exists("s"), 0)
        self.assertEqual(self.x.execute_command("XADD", "s", "MAXLEN", "0", "1-0", "f", "v"), "1-0")
        self.assertEqual(self.r.xlen("s"), 0)
        self.assertEqual(self.r.type("s"), "stream")
        self.assertEqual(self.info("STREAM", "s")["last-generated-id"], "1-0")

    def test_xdel_and_counters(self):
        for i in range(1, 4):
            self.r.xadd("s", {"f": i}, id=f"{i}-0")
        self.assertEqual(self.r.xdel("s", "2-0", "9-9"), 1)
        self.assertEqual(self.r.xdel("s", "1-0"), 1)
        info = self.info("STREAM", "s")
        self.assertEqual(info["length"], 1)
        self.assertEqual(info["max-deleted-entry-id"], "2-0")
        self.assertEqual(info["recorded-first-entry-id"], "3-0")
        self.assertEqual(info["entries-added"], 3)
        self.assertEqual(info["radix-tree-keys"], 1)
        self.assertEqual(info["first-entry"], ["3-0", ["f", "3"]])

    def test_xread(self):
        self.r.xadd("a", {"x": "1"}, id="1-0")
        self.r.xadd("a", {"x": "2"}, id="2-0")
        self.r.xadd("b", {"y": "1"}, id="5-0")
        got = self.read("XREAD", "COUNT", "1", "STREAMS", "missing", "a", "b", "0", "0", "0")
        self.assertEqual(list(got), ["a", "b"])
        self.assertEqual(got["a"], [("1-0", {"x": "1"})])
        self.assertEqual(self.read("XREAD", "STREAMS", "a", "b", "1-0", "$"), {"a": [("2-0", {"x": "2"})]})
        self.assertIsNone(self.read("XREAD", "STREAMS", "a", "$"))
        if self.PROTOCOL == 2:
            self.assertEqual(self.r.xread({"a": "1-0"}), [["a", [("2-0", {"x": "2"})]]])
            self.assertEqual(self.r.xread({"a": "$"}, block=50), [])
        self.assertError("(?i)Unbalanced '?xread'? list of streams", "XREAD", "STREAMS", "a", "b", "0")
        self.assertError("Invalid stream ID specified", "XREAD", "STREAMS", "a", "+")

    def test_xread_resp_shapes(self):
        self.r.xadd("k", {"a": "1"}, id="1-1")
        entry = b"*1\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n"
        with RawConnection(self.PROTOCOL) as raw:
            head = b"%1\r\n" if self.PROTOCOL == 3 else b"*1\r\n*2\r\n"
            self.assertEqual(raw.call("XREAD", "STREAMS", "k", "0"), head + b"$1\r\nk\r\n" + entry)
            self.assertEqual(raw.call("XREAD", "STREAMS", "k", "$"), b"_\r\n" if self.PROTOCOL == 3 else b"*-1\r\n")

    def test_xread_block_times_out_with_nil(self):
        self.r.xadd("s", {"f": "v"}, id="1-0")
        started = time.monotonic()
        self.assertIsNone(self.read("XREAD", "BLOCK", "100", "STREAMS", "s", "$"))
        self.assertLess(time.monotonic() - started, 5)

    def test_xread_block_is_served_by_a_later_xadd(self):
        def add_later():
            time.sleep(0.2)
            with make_client(self.PROTOCOL) as other:
                other.xadd("s", {"late": "1"}, id="9-0")

        self.r.xadd("s", {"f": "v"}, id="1-0")
        writer = threading.Thread(target=add_later)
        writer.start()
        try:
            got = self.read("XREAD", "BLOCK", "5000", "STREAMS", "s", "$")
        finally:
            writer.join(10)
        self.assertEqual(got, {"s": [("9-0", {"late": "1"})]})

    # ---- consumer groups ----------------------------------------------------------------------------------------------

    def test_consumer_group_flow(self):
        self.assertTrue(self.r.xgroup_create("s", "g", id="$", mkstream=True))
        with self.assertRaisesRegex(ResponseError, "BUSYGROUP"):
            self.r.xgroup_create("s", "g")
        for i in range(1, 5):
            self.r.xadd("s", {"n": i}, id=f"{i}-0")
        self.assertEqual(self.read("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"),
                         {"s": [("1-0", {"n": "1"}), ("2-0", {"n": "2"})]})
        self.assertEqual(self.read("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"),
                         {"s": [("3-0", {"n": "3"}), ("4-0", {"n": "4"})]})
        self.assertIsNone(self.read("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"))
        self.assertEqual(self.read("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"),
                         {"s": [("1-0", {"n": "1"}), ("2-0", {"n": "2"})]})

        summary = self.r.xpending("s", "g")
        self.assertEqual(summary["pending"], 4)
        self.assertEqual((summary["min"], summary["max"]), ("1-0", "4-0"))
        self.assertEqual(summary["consumers"], [{"name": "alice", "pending": 2}, {"name": "bob", "pending": 2}])
        detail = self.r.xpending_range("s", "g", "-", "+", 10, consumername="alice")
        self.assertEqual([d["message_id"] for d in detail], ["1-0", "2-0"])
        self.assertEqual([d["times_delivered"] for d in detail], [2, 2])

        self.assertEqual(self.r.xack("s", "g", "1-0", "3-0", "9-0"), 2)
        self.assertEqual(self.r.xpending("s", "g")["pending"], 2)
        groups = self.info("GROUPS", "s")
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["name"], "g")
        self.assertEqual(groups[0]["consumers"], 2)
        self.assertEqual(groups[0]["pending"], 2)
        self.assertEqual(groups[0]["last-delivered-id"], "4-0")
        self.assertEqual((groups[0]["entries-read"], groups[0]["lag"]), (4, 0))
        consumers = self.info("CONSUMERS", "s", "g")
        self.assertEqual([(c["name"], c["pending"]) for c in consumers], [("alice", 1), ("bob", 1)])
        if server_version() >= (7, 2):
            self.assertTrue(all(c["inactive"] >= 0 for c in consumers))

    def test_claiming(self):
        for i in range(1, 4):
            self.r.xadd("s", {"f": f"v{i}"}, id=f"{i}-0")
        self.r.xgroup_create("s", "g", id="0")
        self.read("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        time.sleep(0.02)
        self.assertEqual(self.r.xclaim("s", "g", "bob", 100000, ["1-0"]), [])
        self.assertEqual(self.r.xclaim("s", "g", "bob", 10, ["1-0"]), [("1-0", {"f": "v1"})])
        self.assertEqual(self.r.xclaim("s", "g", "carol", 0, ["1-0"], justid=True), ["1-0"])
        self.r.xdel("s", "2-0")
        claimed = self.x.execute_command("XAUTOCLAIM", "s", "g", "dave", "0", "0-0", "COUNT", "10")
        self.assertEqual(claimed[0], "0-0")
        self.assertEqual(entries(claimed[1]), [("1-0", {"f": "v1"}), ("3-0", {"f": "v3"})])
        self.assertEqual(claimed[2], ["2-0"])
        self.assertEqual(self.r.xautoclaim("s", "g", "erin", 0, "0-0", justid=True), ["1-0", "3-0"])
        pending = self.r.xpending_range("s", "g", "-", "+", 10)
        self.assertEqual([(p["message_id"], p["consumer"]) for p in pending], [("1-0", "erin"), ("3-0", "erin")])
        self.assertError("COUNT must be > 0", "XAUTOCLAIM", "s", "g", "c", "0", "0", "COUNT", "0")
        self.assertError("NOGROUP No such key 's' or consumer group 'nog'", "XCLAIM", "s", "nog", "c", "0", "1-0")

    def test_group_admin(self):
        self.r.xadd("s", {"f": "v"}, id="1-0")
        self.r.xgroup_create("s", "g", id="0")
        self.assertEqual(self.r.xgroup_createconsumer("s", "g", "c"), 1)
        self.assertEqual(self.r.xgroup_createconsumer("s", "g", "c"), 0)
        self.read("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">")
        self.assertEqual(self.r.xgroup_delconsumer("s", "g", "c"), 1)
        self.assertTrue(self.r.xgroup_setid("s", "g", "0"))
        self.assertEqual(self.r.xgroup_destroy("s", "g"), 1)
        self.assertEqual(self.r.xgroup_destroy("s", "g"), 0)
        self.assertError("requires the key to exist", "XGROUP", "CREATE", "missing", "g", "$")
        self.assertError("NOGROUP No such consumer group 'g' for key name 's'", "XGROUP", "SETID", "s", "g", "0")
        self.assertError("NOGROUP No such key 's' or consumer group 'g' in XREADGROUP with GROUP option",
                         "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">")

    def test_xinfo_stream_full(self):
        for i in range(1, 4):
            self.r.xadd("s", {"f": i}, id=f"{i}-0")
        self.r.xgroup_create("s", "g", id="0")
        self.read("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">")
        full = self.info("STREAM", "s", "FULL")
        self.assertEqual(full["length"], 3)
        self.assertEqual(entries(full["entries"]), [("1-0", {"f": "1"}), ("2-0", {"f": "2"}), ("3-0", {"f": "3"})])
        group = pairs(full["groups"][0])
        self.assertEqual((group["name"], group["last-delivered-id"], group["pel-count"]), ("g", "1-0", 1))
        self.assertEqual((group["entries-read"], group["lag"]), (1, 2))
        consumer = pairs(group["consumers"][0])
        self.assertEqual(consumer["name"], "alice")
        self.assertEqual(consumer["pending"][0][0], "1-0")
        if server_version() >= (7, 2):
            self.assertEqual(consumer["active-time"], consumer["seen-time"])
        if self.PROTOCOL == 2:
            parsed = self.r.xinfo_stream("s")
            self.assertEqual(parsed["first-entry"], ("1-0", {"f": "1"}))
            self.assertEqual(parsed["groups"], 1)

    def test_xsetid_and_wrong_type(self):
        self.r.xadd("s", {"f": "v"}, id="5-0")
        self.assertEqual(self.x.execute_command("XSETID", "s", "10-0"), "OK")
        self.assertEqual(self.r.xadd("s", {"f": "v"}, id="10-*"), "10-1")
        self.assertError("smaller than the target stream top item", "XSETID", "s", "1-0")
        self.assertError("no such key", "XSETID", "missing", "1-0")
        self.r.set("str", "v")
        for args in (("XADD", "str", "*", "f", "v"), ("XLEN", "str"), ("XRANGE", "str", "-", "+"),
                     ("XREAD", "STREAMS", "str", "0"), ("XINFO", "STREAM", "str"), ("XGROUP", "CREATE", "str", "g", "$")):
            self.assertError("WRONGTYPE", *args)

    def test_raw_error_texts(self):
        with RawConnection(self.PROTOCOL) as raw:
            self.assertEqual(raw.value("XADD", "s", "MAXLEN", "1", "MINID", "1", "*", "f", "v"),
                             RawError("ERR syntax error, MAXLEN and MINID options at the same time are not compatible"))
            self.assertEqual(raw.value("XTRIM", "s", "LIMIT", "0"),
                             RawError("ERR syntax error, XTRIM must be called with a trimming strategy"))
            self.assertEqual(raw.value("XREAD", "GROUP", "g", "c", "STREAMS", "s", "0"),
                             RawError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead."))


for _proto in PROTOCOLS:
    _name = f"TestStreamsResp{_proto}"
    globals()[_name] = type(_name, (StreamTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
