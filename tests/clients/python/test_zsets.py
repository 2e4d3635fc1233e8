#!/usr/bin/env python3
"""redis-py sorted-set suite: what a Python application sees of ZADD, ZRANGE and friends on AkkaKv.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2 (7.2-only behaviour is guarded by the server version):

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_zsets.py

redis-py 4's sorted-set reply callbacks only understand RESP2's flat WITHSCORES arrays, so replies whose shape
depends on the protocol are read through the plain client (self.x) and checked per protocol.
"""

import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, server_version  # noqa: E402


def scored(protocol, reply):
    """A WITHSCORES reply as [(member, float score)]: flat under RESP2, [member, score] pairs under RESP3."""
    if protocol == 3:
        for pair in reply:
            assert isinstance(pair, list) and len(pair) == 2, f"expected a [member, score] pair, got {pair!r}"
            assert isinstance(pair[1], float), f"expected a RESP3 double, got {pair[1]!r}"
        return [(m, s) for m, s in reply]
    assert all(isinstance(item, str) for item in reply), f"expected a flat array of strings, got {reply!r}"
    return [(reply[i], float(reply[i + 1])) for i in range(0, len(reply), 2)]


class ZSetTests(DataTestBase):
    def score_text(self, reply):
        """A score reply: a bulk string under RESP2, a double under RESP3."""
        if self.PROTOCOL == 3:
            self.assertIsInstance(reply, float)
            return reply
        self.assertIsInstance(reply, str)
        return float(reply)

    def test_zadd_and_basic_reads(self):
        self.assertEqual(self.r.zadd("z", {"a": 1, "b": 2, "c": 3}), 3)
        self.assertEqual(self.r.zadd("z", {"a": 10, "d": 4}), 1)
        self.assertEqual(self.r.zcard("z"), 4)
        self.assertEqual(self.r.zrange("z", 0, -1), ["b", "c", "d", "a"])
        self.assertEqual(self.r.zrevrange("z", 0, 1), ["a", "d"])
        self.assertEqual(self.r.zscore("z", "a"), 10.0)
        self.assertIsNone(self.r.zscore("z", "nope"))
        self.assertEqual(self.r.zmscore("z", ["b", "nope", "c"]), [2.0, None, 3.0])
        self.assertEqual(self.r.zrank("z", "d"), 2)
        self.assertEqual(self.r.zrevrank("z", "d"), 1)
        self.assertIsNone(self.r.zrank("z", "nope"))
        self.assertEqual(self.r.zcount("z", 2, "(4"), 2)
        self.assertEqual(self.r.zincrby("z", 0.5, "b"), 2.5)
        self.assertEqual(self.r.zrem("z", "a", "nope"), 1)
        self.assertEqual(self.r.zrem("z", "b", "c", "d"), 3)
        self.assertEqual(self.r.exists("z"), 0)

    def test_zadd_options(self):
        self.assertEqual(self.r.zadd("z", {"a": 1}, xx=True), 0)
        self.assertEqual(self.r.exists("z"), 0)
        self.assertEqual(self.r.zadd("z", {"a": 1}, nx=True), 1)
        self.assertEqual(self.r.zadd("z", {"a": 5}, nx=True), 0)
        self.assertEqual(self.r.zadd("z", {"a": 5, "b": 1}, ch=True), 2)
        self.assertEqual(self.r.zadd("z", {"a": 4, "b": 2}, gt=True, ch=True), 1)
        self.assertEqual(self.r.zadd("z", {"a": 4, "b": 0}, lt=True, ch=True), 2)
        self.assertEqual(self.score_text(self.x.execute_command("ZADD", "z", "INCR", "2.5", "a")), 6.5)
        self.assertIsNone(self.x.execute_command("ZADD", "z", "NX", "INCR", "1", "a"))
        self.assertError("XX and NX options at the same time are not compatible", "ZADD", "z", "NX", "XX", "1", "a")
        self.assertError("GT, LT, and/or NX options at the same time are not compatible", "ZADD", "z", "GT", "LT", "1", "a")
        self.assertError("INCR option supports a single increment-element pair", "ZADD", "z", "INCR", "1", "a", "2", "b")
        self.assertError("value is not a valid float", "ZADD", "z", "x", "a")
        self.assertError("syntax error", "ZADD", "z", "1", "a", "2")
        self.r.zadd("inf", {"m": float("-inf")})
        self.assertError(r"resulting score is not a number \(NaN\)", "ZINCRBY", "inf", "+inf", "m")

    def test_scores_are_printed_as_redis_does(self):
        self.r.zadd("z", {"half": 1.5, "two": 2, "neg": -2.5, "pinf": float("inf"), "ninf": float("-inf")})
        with_scores = scored(self.PROTOCOL, self.x.execute_command("ZRANGE", "z", "0", "-1", "WITHSCORES"))
        self.assertEqual(with_scores, [("ninf", float("-inf")), ("neg", -2.5), ("half", 1.5), ("two", 2.0), ("pinf", float("inf"))])
        if self.PROTOCOL == 2:
            raw = self.x.execute_command("ZRANGE", "z", "0", "-1", "WITHSCORES")
            self.assertEqual(raw[1::2], ["-inf", "-2.5", "1.5", "2", "inf"])
            self.assertEqual(self.x.execute_command("ZSCORE", "z", "pinf"), "inf")

    def test_zrange_by_score_and_lex(self):
        self.r.zadd("z", {"a": 1, "b": 2, "c": 3, "d": 4})
        self.assertEqual(self.r.zrangebyscore("z", "(1", 3), ["b", "c"])
        self.assertEqual(self.r.zrevrangebyscore("z", "+inf", "(2"), ["d", "c"])
        self.assertEqual(self.r.zrangebyscore("z", "-inf", "+inf", start=1, num=2), ["b", "c"])
        self.assertEqual(self.x.execute_command("ZRANGE", "z", "4", "1", "BYSCORE", "REV", "LIMIT", "1", "2"), ["c", "b"])
        self.assertEqual(scored(self.PROTOCOL, self.x.execute_command("ZRANGEBYSCORE", "z", "3", "+inf", "WITHSCORES")),
                         [("c", 3.0), ("d", 4.0)])
        self.r.zadd("lex", {"alpha": 0, "bar": 0, "cool": 0, "down": 0})
        self.assertEqual(self.r.zrangebylex("lex", "[bar", "(down"), ["bar", "cool"])
        self.assertEqual(self.r.zrevrangebylex("lex", "+", "-", start=0, num=2), ["down", "cool"])
        self.assertEqual(self.r.zlexcount("lex", "-", "+"), 4)
        self.assertError("min or max is not a float", "ZRANGEBYSCORE", "z", "x", "1")
        self.assertError("min or max not valid string range item", "ZRANGEBYLEX", "lex", "a", "b")
        self.assertError("LIMIT is only supported in combination with either BYSCORE or BYLEX",
                         "ZRANGE", "z", "0", "1", "LIMIT", "0", "1")
        self.assertError("WITHSCORES not supported in combination with BYLEX", "ZRANGE", "lex", "-", "+", "BYLEX", "WITHSCORES")

    def test_zremrange_and_zrangestore(self):
        self.r.zadd("z", {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
        self.assertEqual(self.r.zremrangebyrank("z", 0, 0), 1)
        self.assertEqual(self.r.zremrangebyscore("z", "(4", "+inf"), 1)
        self.assertEqual(self.r.zrangestore("dst", "z", 0, -1), 3)
        self.assertEqual(self.r.zrange("dst", 0, -1), ["b", "c", "d"])
        self.assertEqual(self.x.execute_command("ZRANGESTORE", "dst", "z", "10", "20", "BYSCORE"), 0)
        self.assertEqual(self.r.exists("dst"), 0)
        self.r.zadd("lex", {"a": 0, "b": 0, "c": 0})
        self.assertEqual(self.r.zremrangebylex("lex", "-", "[b"), 2)
        self.assertEqual(self.r.zrange("lex", 0, -1), ["c"])

    def test_pops(self):
        self.r.zadd("z", {"a": 1, "b": 2, "c": 3, "d": 4})
        single = self.x.execute_command("ZPOPMIN", "z")
        self.assertEqual(single[0], "a")
        self.assertEqual(self.score_text(single[1]), 1.0)
        self.assertEqual(scored(self.PROTOCOL, self.x.execute_command("ZPOPMAX", "z", "2")), [("d", 4.0), ("c", 3.0)])
        self.assertEqual(self.x.execute_command("ZPOPMIN", "missing"), [])
        self.r.zadd("other", {"x": 1, "y": 2})
        key, popped = self.x.execute_command("ZMPOP", "2", "missing", "other", "MAX", "COUNT", "5")
        self.assertEqual(key, "other")
        self.assertEqual([(m, float(s)) for m, s in popped], [("y", 2.0), ("x", 1.0)])
        self.assertIsNone(self.x.execute_command("ZMPOP", "1", "other", "MIN"))
        self.assertEqual(self.r.exists("other"), 0)
        got = self.x.execute_command("BZPOPMIN", "missing", "z", "1")
        self.assertEqual(got[:2], ["z", "b"])
        self.assertEqual(self.r.exists("z"), 0)
        self.assertError("value is out of range, must be positive", "ZPOPMIN", "z", "-1")
        self.assertError("numkeys should be greater than 0", "ZMPOP", "0", "z", "MIN")

    def test_blocking_pop_is_served_by_a_later_zadd(self):
        result = {}

        def pop():
            result["reply"] = self.r.bzpopmax("later", timeout=5)

        waiter = threading.Thread(target=pop)
        waiter.start()
        for _ in range(100):
            if "blocked_clients:1" in self.x.execute_command("INFO", "clients"):
                break
            threading.Event().wait(0.02)
        self.r.zadd("later", {"m": 7})
        waiter.join(6)
        self.assertFalse(waiter.is_alive())
        self.assertEqual(result["reply"], ("later", "m", 7.0))

    def test_zrandmember(self):
        self.r.zadd("z", {"a": 1, "b": 2, "c": 3})
        self.assertIn(self.r.zrandmember("z"), ["a", "b", "c"])
        self.assertIsNone(self.r.zrandmember("missing"))
        picks = self.r.zrandmember("z", 2)
        self.assertEqual(len(set(picks)), 2)
        self.assertTrue(set(picks) <= {"a", "b", "c"})
        self.assertEqual(self.x.execute_command("ZRANDMEMBER", "z", "5"), ["c", "b", "a"])
        self.assertEqual(len(self.x.execute_command("ZRANDMEMBER", "z", "-7")), 7)
        picks = scored(self.PROTOCOL, self.x.execute_command("ZRANDMEMBER", "z", "-4", "WITHSCORES"))
        self.assertEqual(len(picks), 4)
        for member, score in picks:
            self.assertEqual(score, {"a": 1.0, "b": 2.0, "c": 3.0}[member])

    def test_zscan(self):
        members = {f"m{i}": i for i in range(300)}
        self.r.zadd("z", members)
        self.assertEqual(dict(self.r.zscan_iter("z", count=20)), {m: float(s) for m, s in members.items()})
        self.assertEqual(dict(self.r.zscan_iter("z", match="m1?")), {f"m1{i}": float(10 + i) for i in range(10)})
        cursor, items = self.x.execute_command("ZSCAN", "z", "0", "COUNT", "5")
        self.assertTrue(all(isinstance(item, str) for item in items))
        self.assertError("invalid cursor", "ZSCAN", "z", "x")

    def test_set_algebra(self):
        self.r.zadd("a", {"x": 1, "y": 2, "z": 3})
        self.r.zadd("b", {"y": 10, "z": 20, "w": 30})
        self.assertEqual(self.r.zunionstore("u", ["a", "b"]), 4)
        self.assertEqual(self.r.zrange("u", 0, -1, withscores=True) if self.PROTOCOL == 2 else
                         scored(3, self.x.execute_command("ZRANGE", "u", "0", "-1", "WITHSCORES")),
                         [("x", 1.0), ("y", 12.0), ("z", 23.0), ("w", 30.0)])
        self.assertEqual(self.r.zinterstore("i", {"a": 2, "b": 1}, aggregate="MAX"), 2)
        self.assertEqual(self.r.zrange("i", 0, -1), ["y", "z"])
        self.assertEqual(scored(self.PROTOCOL, self.x.execute_command("ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES")),
                         [("x", 1.0), ("y", 2.0), ("z", 3.0), ("w", 30.0)])
        self.assertEqual(self.x.execute_command("ZINTER", "2", "a", "b"), ["y", "z"])
        self.assertEqual(self.x.execute_command("ZDIFF", "2", "a", "b"), ["x"])
        self.assertEqual(self.x.execute_command("ZDIFFSTORE", "d", "2", "b", "a"), 1)
        self.assertEqual(self.x.execute_command("ZINTERCARD", "2", "a", "b", "LIMIT", "1"), 1)
        self.assertError("at least 1 input key is needed for 'zunionstore' command", "ZUNIONSTORE", "u", "0", "a")
        self.assertError("weight value is not a float", "ZUNION", "1", "a", "WEIGHTS", "x")

    def test_set_inputs_count_with_score_one(self):
        self.r.sadd("s", "a", "b", "c")
        self.r.zadd("z", {"b": 10, "d": 20})
        self.assertEqual(scored(self.PROTOCOL, self.x.execute_command("ZUNION", "2", "s", "z", "WITHSCORES")),
                         [("a", 1.0), ("c", 1.0), ("b", 11.0), ("d", 20.0)])
        self.assertEqual(self.x.execute_command("ZINTER", "2", "s", "z"), ["b"])
        self.assertEqual(self.x.execute_command("ZDIFF", "2", "s", "z"), ["a", "c"])

    def test_encoding_conversions(self):
        before = self.r.config_get("zset-max-listpack-entries")["zset-max-listpack-entries"]
        self.r.config_set("zset-max-listpack-entries", 3)
        try:
            self.r.zadd("z", {"a": 1, "b": 2, "c": 3})
            self.assertEqual(self.r.object("encoding", "z"), "listpack")
            self.r.zadd("z", {"d": 4})
            self.assertEqual(self.r.object("encoding", "z"), "skiplist")
            self.r.zrem("z", "a", "b")
            self.assertEqual(self.r.object("encoding", "z"), "skiplist")
            self.assertEqual(self.r.zrange("z", 0, -1), ["c", "d"])
        finally:
            self.r.config_set("zset-max-listpack-entries", before)

    def test_zrank_withscore_on_7_2(self):
        if server_version() < (7, 2):
            self.skipTest("ZRANK WITHSCORE is Redis 7.2")
        self.r.zadd("z", {"a": 1.5})
        rank, score = self.x.execute_command("ZRANK", "z", "a", "WITHSCORE")
        self.assertEqual((rank, self.score_text(score)), (0, 1.5))
        self.assertIsNone(self.x.execute_command("ZRANK", "z", "b", "WITHSCORE"))

    def test_wrong_type(self):
        self.r.set("s", "v")
        for args in (("ZADD", "s", "1", "a"), ("ZRANGE", "s", "0", "-1"), ("ZSCORE", "s", "a"), ("ZPOPMIN", "s"),
                     ("ZUNION", "1", "s"), ("ZSCAN", "s", "0")):
            with self.assertRaisesRegex(ResponseError, "^WRONGTYPE"):
                self.x.execute_command(*args)


for _proto in PROTOCOLS:
    _name = f"TestZSetResp{_proto}"
    globals()[_name] = type(_name, (ZSetTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
