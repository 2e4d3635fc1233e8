#!/usr/bin/env python3
"""redis-py set suite: what a Python application sees of SADD, SMEMBERS, SPOP, SINTER and friends on AkkaKv.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2. The listpack encoding of small sets is Redis 7.2's (7.0 uses a hashtable), so encoding checks
depend on the server version. KeyDB's member expiry (EXPIREMEMBER) runs only where the server knows the command:

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_sets.py
"""

import collections
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, RawConnection, make_plain_client, server_version  # noqa: E402


def has_member_expiry():
    with make_plain_client() as c:
        return c.execute_command("COMMAND", "INFO", "EXPIREMEMBER") not in ([None], [])


class SetTests(DataTestBase):
    def small_encoding(self):
        """The encoding of a small set of strings: listpack from Redis 7.2, a hashtable before."""
        return "listpack" if server_version() >= (7, 2) else "hashtable"

    def test_add_members_and_cardinality(self):
        self.assertEqual(self.r.sadd("s", "a", "b", "c"), 3)
        self.assertEqual(self.r.sadd("s", "A", "a", "b", "c", "B"), 2)
        self.assertEqual(self.r.scard("s"), 5)
        self.assertEqual(self.r.smembers("s"), {"a", "b", "c", "A", "B"})
        self.assertTrue(self.r.sismember("s", "a"))
        self.assertFalse(self.r.sismember("s", "z"))
        self.assertEqual(self.x.execute_command("SMISMEMBER", "s", "a", "z", "B"), [1, 0, 1])
        self.assertEqual(self.x.execute_command("SMISMEMBER", "missing", "a"), [0])
        self.assertEqual(self.r.smembers("missing"), set())
        self.assertEqual(self.r.scard("missing"), 0)

    def test_smembers_reply_type_per_protocol(self):
        self.r.sadd("s", 3, 1, 2)
        with RawConnection(self.PROTOCOL) as raw:
            kind = b"~" if self.PROTOCOL == 3 else b"*"
            self.assertEqual(raw.call("SMEMBERS", "s"), kind + b"3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n")
            self.assertEqual(raw.call("SMEMBERS", "missing"), kind + b"0\r\n")
            self.assertEqual(raw.call("SRANDMEMBER", "s", 0), b"*0\r\n")
            self.assertEqual(raw.call("SPOP", "missing", 2), kind + b"0\r\n")

    def test_srem_deletes_the_emptied_set(self):
        self.r.sadd("s", 1, 2, 3)
        self.assertEqual(self.r.srem("s", 9), 0)
        self.assertEqual(self.r.srem("s", 1, 2, 3, 4), 3)
        self.assertEqual(self.r.exists("s"), 0)
        self.assertEqual(self.r.srem("missing", "a"), 0)

    def test_encodings(self):
        self.r.sadd("ints", *range(10))
        self.assertEqual(self.r.object("encoding", "ints"), "intset")
        self.r.sadd("ints", "x")
        self.assertEqual(self.r.object("encoding", "ints"), self.small_encoding())
        self.r.sadd("strings", *("m%d" % i for i in range(200)))
        self.assertEqual(self.r.object("encoding", "strings"), "hashtable")
        self.r.sadd("many", *range(513))
        self.assertEqual(self.r.object("encoding", "many"), "hashtable")

    def test_smove(self):
        self.r.sadd("src", "a", "b")
        self.r.sadd("dst", 1)
        self.assertTrue(self.r.smove("src", "dst", "a"))
        self.assertFalse(self.r.smove("src", "dst", "nope"))
        self.assertFalse(self.r.smove("missing", "dst", "a"))
        self.assertTrue(self.r.smove("src", "dst", "b"))
        self.assertEqual(self.r.exists("src"), 0)
        self.assertEqual(self.r.smembers("dst"), {"1", "a", "b"})
        self.assertTrue(self.r.smove("dst", "dst", "a"))
        self.assertTrue(self.r.smove("dst", "new", "1"))
        self.assertEqual(self.r.object("encoding", "new"), "intset")

    def test_spop(self):
        self.r.sadd("s", *range(20))
        one = self.r.spop("s")
        some = self.r.spop("s", 5)
        self.assertEqual(len(some), 5)
        rest = self.r.spop("s", 100)
        self.assertEqual(sorted([one] + some + rest, key=int), [str(i) for i in range(20)])
        self.assertEqual(self.r.exists("s"), 0)
        self.assertIsNone(self.r.spop("missing"))
        self.assertEqual(self.r.spop("missing", 3), [])
        self.r.sadd("s", "a")
        for count in ("-1", "abc"):
            with self.assertRaisesRegex(ResponseError, "^value is out of range, must be positive"):
                self.x.execute_command("SPOP", "s", count)

    def test_srandmember(self):
        members = {"a", "b", "c", "d", "e"}
        self.r.sadd("s", *members)
        self.assertIn(self.r.srandmember("s"), members)
        distinct = self.r.srandmember("s", 3)
        self.assertEqual(len(set(distinct)), 3)
        self.assertEqual(set(self.r.srandmember("s", 10)), members)
        repeated = self.r.srandmember("s", -1000)
        self.assertEqual(len(repeated), 1000)
        counts = collections.Counter(repeated)
        self.assertEqual(set(counts), members)
        self.assertTrue(all(120 <= n <= 280 for n in counts.values()), counts)
        self.assertIsNone(self.r.srandmember("missing"))
        self.assertEqual(self.r.srandmember("missing", 5), [])
        with self.assertRaisesRegex(ResponseError, "^value is out of range"):
            self.x.execute_command("SRANDMEMBER", "s", "-9223372036854775808")

    def test_algebra_and_stores(self):
        self.r.sadd("a", 1, 2, 3, "x")
        self.r.sadd("b", 2, 3, 4, "x")
        self.r.sadd("c", 3, "x", "y")
        self.assertEqual(self.r.sinter("a", "b", "c"), {"3", "x"})
        self.assertEqual(self.r.sinter("a", "missing"), set())
        self.assertEqual(self.r.sunion("a", "c"), {"1", "2", "3", "x", "y"})
        self.assertEqual(self.r.sdiff("a", "b"), {"1"})
        self.assertEqual(self.r.sdiff("a", "a"), set())
        self.assertEqual(self.r.sinterstore("d", "a", "b"), 3)
        self.assertEqual(self.r.smembers("d"), {"2", "3", "x"})
        self.assertEqual(self.r.sunionstore("d", "a", "b"), 5)
        self.assertEqual(self.r.sdiffstore("d", "a", "b", "c"), 1)
        self.assertEqual(self.r.smembers("d"), {"1"})
        self.assertEqual(self.r.sinterstore("d", "a", "missing"), 0)
        self.assertEqual(self.r.exists("d"), 0)
        self.r.sadd("ia", 1, 2, 3)
        self.r.sadd("ib", 2, 3, 4, "x")
        self.r.sinterstore("ic", "ia", "ib")
        self.assertEqual(self.r.object("encoding", "ic"), "intset")

    def test_sintercard(self):
        self.r.sadd("a", 1, 2, 3, 4)
        self.r.sadd("b", 2, 3, 4, 5)
        self.assertEqual(self.x.execute_command("SINTERCARD", 2, "a", "b"), 3)
        self.assertEqual(self.x.execute_command("SINTERCARD", 2, "a", "b", "LIMIT", 2), 2)
        self.assertEqual(self.x.execute_command("SINTERCARD", 1, "missing"), 0)
        for args, error in (((0, "a"), "numkeys should be greater than 0"),
                            ((3, "a", "b"), "Number of keys can't be greater than number of args"),
                            ((2, "a", "b", "LIMIT", -1), "LIMIT can't be negative"),
                            ((1, "a", "b"), "syntax error")):
            with self.assertRaisesRegex(ResponseError, "^" + error):
                self.x.execute_command("SINTERCARD", *args)

    def test_sscan_returns_everything(self):
        self.r.sadd("small", *range(10))
        cursor, members = self.r.sscan("small", 0, count=2)
        self.assertEqual(cursor, 0)
        self.assertEqual(sorted(members, key=int), [str(i) for i in range(10)])
        big = {"m%d" % i for i in range(1000)}
        self.r.sadd("big", *big)
        self.assertEqual(set(self.r.sscan_iter("big", count=50)), big)
        self.assertEqual(set(self.r.sscan_iter("big", match="m99*")), {"m99"} | {"m99%d" % i for i in range(10)})
        self.assertEqual(self.r.sscan("missing", 0), (0, []))
        with self.assertRaisesRegex(ResponseError, "^invalid cursor"):
            self.x.execute_command("SSCAN", "big", "abc")

    def test_wrong_type(self):
        self.r.set("str", "v")
        self.r.sadd("set", "a")
        for args in (("SADD", "str", "a"), ("SMEMBERS", "str"), ("SPOP", "str"), ("SRANDMEMBER", "str", "2"),
                     ("SINTER", "set", "str"), ("SUNIONSTORE", "d", "str"), ("SMOVE", "set", "str", "a"),
                     ("SSCAN", "str", "0"), ("SINTERCARD", "1", "str")):
            with self.assertRaisesRegex(ResponseError, "^WRONGTYPE"):
                self.x.execute_command(*args)

    def test_binary_members(self):
        member = bytes(range(256))
        self.assertEqual(self.rb.sadd(b"bin", member, b""), 2)
        self.assertEqual(self.rb.smembers(b"bin"), {member, b""})
        self.assertTrue(self.rb.sismember(b"bin", member))

    @unittest.skipUnless(has_member_expiry(), "the server has no EXPIREMEMBER (KeyDB's member expiry)")
    def test_member_expiry(self):
        self.r.sadd("s", 1, 2, "a")
        self.assertEqual(self.x.execute_command("EXPIREMEMBER", "s", "a", 100, "ms"), 1)
        self.assertEqual(self.x.execute_command("EXPIREMEMBER", "s", "nope", 100), 0)
        self.assertEqual(self.x.execute_command("EXPIREMEMBER", "missing", "a", 100), 0)
        self.assertEqual(self.x.execute_command("EXPIREMEMBERAT", "s", "1", 1), 1)
        self.assertEqual(self.r.smembers("s"), {"2", "a"})
        deadline = time.time() + 3
        while self.r.sismember("s", "a") and time.time() < deadline:
            time.sleep(0.02)
        self.assertEqual(self.r.smembers("s"), {"2"})
        self.assertEqual(self.x.execute_command("PEXPIREMEMBERAT", "s", "2", int(time.time() * 1000) + 50), 1)
        deadline = time.time() + 3
        while self.r.exists("s") and time.time() < deadline:
            time.sleep(0.02)
        self.assertEqual(self.r.exists("s"), 0)
        self.r.set("str", "v")
        with self.assertRaisesRegex(ResponseError, "^WRONGTYPE"):
            self.x.execute_command("EXPIREMEMBER", "str", "v", 10)


for _proto in PROTOCOLS:
    _name = f"TestSetResp{_proto}"
    globals()[_name] = type(_name, (SetTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
