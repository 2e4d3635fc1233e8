#!/usr/bin/env python3
"""redis-py SORT suite: SORT and SORT_RO as a Python application uses them, over RESP2 and RESP3.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, and passes against Redis 7.0 and 7.2 unchanged (the
listpack encoding of a small stored list is 7.2's, so that check depends on the server version):

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_sort.py
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_redis_py import PROTOCOLS, DataTestBase, RawConnection, RawError, server_version  # noqa: E402

WRONGTYPE = r"^WRONGTYPE Operation against a key holding the wrong kind of value$"
NOT_DOUBLE = r"^One or more scores can't be converted into double$"


class SortTests(DataTestBase):
    def setUp(self):
        super().setUp()
        # Redis's numeric SORT checks errno without clearing it first, so an ERANGE left by any earlier command
        # would fail it; ZADD parses its score with errno cleared.
        self.r.zadd("errno-reset", {"m": 1.5})
        self.r.delete("errno-reset")

    def test_numbers_alpha_desc_and_limit(self):
        self.r.rpush("l", 2, 1, 3, 10, 1.5, -1)
        self.assertEqual(self.r.sort("l"), ["-1", "1", "1.5", "2", "3", "10"])
        self.assertEqual(self.r.sort("l", desc=True), ["10", "3", "2", "1.5", "1", "-1"])
        self.assertEqual(self.r.sort("l", alpha=True), ["-1", "1", "1.5", "10", "2", "3"])
        self.assertEqual(self.r.sort("l", start=1, num=2), ["1", "1.5"])
        self.assertEqual(self.r.sort("l", start=4, num=10, desc=True), ["1", "-1"])
        self.assertEqual(self.r.sort("l", start=-5, num=2), ["-1", "1"])
        self.assertEqual(self.r.sort("l", start=2, num=-1), ["1.5", "2", "3", "10"])
        self.assertEqual(self.r.sort("l", start=6, num=1), [])
        self.assertEqual(self.r.sort("l", start=0, num=0), [])
        self.assertEqual(self.r.sort("missing"), [])

    def test_by_weights_and_get_patterns(self):
        self.r.rpush("l", 1, 2, 3)
        self.r.mset({"w_1": 30, "w_2": 10, "w_3": 20})
        self.r.hset("h_1", mapping={"name": "one", "weight": "3"})
        self.r.hset("h_2", mapping={"name": "two", "weight": "1"})
        self.r.hset("h_3", mapping={"weight": "2"})
        self.assertEqual(self.r.sort("l", by="w_*"), ["2", "3", "1"])
        self.assertEqual(self.r.sort("l", by="h_*->weight", desc=True), ["1", "3", "2"])
        self.assertEqual(self.r.sort("l", by="w_*", get=["#", "h_*->name", "w_*"]),
                         ["2", "two", "10", "3", None, "20", "1", "one", "30"])
        self.assertEqual(self.r.sort("l", by="w_*", get=["#", "h_*->name"], groups=True),
                         [("2", "two"), ("3", None), ("1", "one")])
        self.assertEqual(self.r.sort("l", get="nostar"), [None, None, None])
        self.assertEqual(self.r.sort("l", by="nosort", desc=True), ["3", "2", "1"])
        self.assertEqual(self.r.sort("l", by="missing_*", alpha=True), ["1", "2", "3"])
        with RawConnection(self.PROTOCOL) as raw:
            null = b"$-1\r\n" if self.PROTOCOL == 2 else b"_\r\n"
            self.assertEqual(raw.call("SORT", "l", "LIMIT", "0", "1", "GET", "h_*->none", "GET", "#"),
                             b"*2\r\n" + null + b"$1\r\n1\r\n")

    def test_store(self):
        self.r.rpush("src", "b", "c", "a")
        self.r.set("dst", "string", ex=100)
        self.assertEqual(self.r.sort("src", alpha=True, store="dst"), 3)
        self.assertEqual(self.r.lrange("dst", 0, -1), ["a", "b", "c"])
        self.assertEqual(self.r.ttl("dst"), -1)
        self.assertEqual(self.r.object("encoding", "dst"), "listpack" if server_version() >= (7, 2) else "quicklist")
        self.assertEqual(self.r.sort("src", alpha=True, get=["#", "x_*"], store="dst"), 6)
        self.assertEqual(self.r.lrange("dst", 0, -1), ["a", "", "b", "", "c", ""])
        # An empty result deletes the destination.
        self.assertEqual(self.r.sort("src", start=5, num=1, alpha=True, store="dst"), 0)
        self.assertEqual(self.r.exists("dst"), 0)
        self.assertEqual(self.r.sort("missing", store="dst"), 0)
        self.assertEqual(self.r.exists("dst"), 0)
        # A set sorted by a constant is still stored in order.
        self.r.sadd("s", "q", "b", "z", "a")
        self.assertEqual(self.r.sort("s", by="nosort", store="dst"), 4)
        self.assertEqual(self.r.lrange("dst", 0, -1), ["a", "b", "q", "z"])

    def test_sort_ro(self):
        self.r.rpush("l", 3, 1, 2)
        self.r.mset({"w_1": 3, "w_2": 2, "w_3": 1})
        self.assertEqual(self.r.sort_ro("l"), ["1", "2", "3"])
        self.assertEqual(self.r.sort_ro("l", by="w_*", get=["#"]), ["3", "2", "1"])
        self.assertError(r"^syntax error$", "SORT_RO", "l", "STORE", "dst")
        self.assertEqual(self.r.exists("dst"), 0)

    def test_sorted_sets_and_sets(self):
        self.r.zadd("z", {"a": 3, "b": 1, "c": 2})
        self.assertEqual(self.r.object("encoding", "z"), "listpack")
        self.assertEqual(self.r.sort("z", by="nosort"), ["b", "c", "a"])
        self.assertEqual(self.r.sort("z", by="nosort", desc=True, start=1, num=1), ["c"])
        self.assertEqual(self.r.sort("z", alpha=True), ["a", "b", "c"])
        # SORT converts the sorted sets it reads, as Redis does.
        self.assertEqual(self.r.object("encoding", "z"), "skiplist")
        self.r.sadd("s", 5, 3, 9)
        self.assertEqual(self.r.sort("s"), ["3", "5", "9"])
        self.assertEqual(self.r.sort("s", desc=True), ["9", "5", "3"])

    def test_errors(self):
        self.r.set("str", "x")
        self.r.rpush("l", 1, "a")
        self.assertError(WRONGTYPE, "SORT", "str")
        self.assertError(NOT_DOUBLE, "SORT", "l")
        self.assertEqual(self.r.sort("l", alpha=True), ["1", "a"])
        self.assertError(r"^value is not an integer or out of range$", "SORT", "l", "LIMIT", "x", "1")
        self.assertError(r"^syntax error$", "SORT", "l", "BOGUS")
        self.assertError(r"^syntax error$", "SORT", "l", "LIMIT", "1")
        self.assertError(r"^wrong number of arguments for 'sort' command$", "SORT")
        with RawConnection(self.PROTOCOL) as raw:
            self.assertEqual(raw.value("SORT", "l"), RawError("ERR One or more scores can't be converted into double"))
            self.assertEqual(raw.value("SORT", "l", "BY", "w_*"), [b"1", b"a"])

    def test_command_getkeys(self):
        with RawConnection(self.PROTOCOL) as raw:
            self.assertEqual(raw.value("COMMAND", "GETKEYS", "SORT", "a", "STORE", "b", "STORE", "c"), [b"a", b"c"])
            self.assertEqual(raw.value("COMMAND", "GETKEYS", "SORT", "a", "LIMIT", "0", "1", "BY", "w_*"), [b"a"])
            self.assertEqual(raw.value("COMMAND", "GETKEYS", "SORT_RO", "a", "GET", "#"), [b"a"])


for _proto in PROTOCOLS:
    _name = f"TestSortResp{_proto}"
    globals()[_name] = type(_name, (SortTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
