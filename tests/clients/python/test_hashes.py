#!/usr/bin/env python3
"""redis-py hash suite: what a Python application sees of HSET, HGETALL, HSCAN and friends on AkkaKv.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2. Hash-field expiry (HEXPIRE and friends, Redis 7.4) runs only where the server has it: Redis
7.4 or later, or a server whose COMMAND INFO knows HEXPIRE (AkkaKv, which reports itself as 7.2):

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_hashes.py

redis-py 4 has no methods for the field-expiry commands, and its reply callbacks only understand RESP2's flat
arrays, so those commands and replies whose shape depends on the protocol go through the plain client (self.x).
"""

import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, make_client, make_plain_client, pairs, server_version  # noqa: E402


def has_field_expiry():
    if server_version() >= (7, 4):
        return True
    with make_plain_client() as c:
        return c.execute_command("COMMAND", "INFO", "HEXPIRE") not in ([None], [])


class HashTestBase(DataTestBase):
    def hgetall(self, key):
        """HGETALL as a dict: redis-py 4's callback only understands RESP2's flat array, so read it plainly."""
        return pairs(self.x.execute_command("HGETALL", key))


class HashTests(HashTestBase):
    def test_set_get_and_delete(self):
        self.assertEqual(self.r.hset("h", "a", "1"), 1)
        self.assertEqual(self.r.hset("h", mapping={"a": "2", "b": "3", "c": ""}), 2)
        self.assertEqual(self.r.hget("h", "a"), "2")
        self.assertIsNone(self.r.hget("h", "nope"))
        self.assertIsNone(self.r.hget("missing", "a"))
        self.assertEqual(self.r.hmget("h", ["a", "nope", "c"]), ["2", None, ""])
        self.assertEqual(self.r.hmget("missing", "a", "b"), [None, None])
        self.assertEqual(self.r.hlen("h"), 3)
        self.assertEqual(self.r.hlen("missing"), 0)
        self.assertTrue(self.r.hexists("h", "b"))
        self.assertFalse(self.r.hexists("h", "nope"))
        self.assertEqual(self.r.hstrlen("h", "b"), 1)
        self.assertEqual(self.r.hstrlen("h", "nope"), 0)
        self.assertFalse(self.r.hsetnx("h", "a", "x"))
        self.assertTrue(self.r.hsetnx("h", "d", "4"))
        self.assertTrue(self.r.hmset("h2", {"x": "1"}))
        self.assertEqual(self.r.hdel("h", "a", "nope", "a"), 1)
        self.assertEqual(self.r.hdel("h", "b", "c", "d"), 3)
        self.assertEqual(self.r.exists("h"), 0)

    def test_getall_keys_and_values(self):
        fields = {f"f{i}": f"v{i}" for i in range(200)}
        self.r.hset("h", mapping=fields)
        self.assertEqual(self.hgetall("h"), fields)
        self.assertEqual(self.hgetall("missing"), {})
        self.assertEqual(sorted(self.r.hkeys("h")), sorted(fields))
        self.assertEqual(sorted(self.r.hvals("h")), sorted(fields.values()))
        self.assertEqual(self.r.hkeys("missing"), [])
        raw = self.x.execute_command("HGETALL", "h")
        if self.PROTOCOL == 3:
            self.assertIsInstance(raw, dict)
        else:
            self.assertIsInstance(raw, list)
            self.assertEqual(len(raw), 400)
        self.assertEqual(pairs(raw), fields)

    def test_increments(self):
        self.assertEqual(self.r.hincrby("h", "n", 5), 5)
        self.assertEqual(self.r.hincrby("h", "n", -7), -2)
        self.assertEqual(self.r.hincrby("h", "big", 17179869184), 17179869184)
        self.assertEqual(self.r.hincrbyfloat("h", "f", 10.5), 10.5)
        self.assertEqual(self.r.hincrbyfloat("h", "f", 0.1), 10.6)
        self.assertEqual(self.r.hget("h", "f"), "10.6")
        self.r.hset("h", mapping={"text": "abc", "max": "9223372036854775807"})
        with self.assertRaisesRegex(ResponseError, "^hash value is not an integer$"):
            self.r.hincrby("h", "text", 1)
        with self.assertRaisesRegex(ResponseError, "^increment or decrement would overflow$"):
            self.r.hincrby("h", "max", 1)
        with self.assertRaisesRegex(ResponseError, "^hash value is not a float$"):
            self.r.hincrbyfloat("h", "text", 1)
        self.assertError("^value is NaN or Infinity$", "HINCRBYFLOAT", "h", "f", "inf")
        self.assertError("^value is not a valid float$", "HINCRBYFLOAT", "h", "f", "x")

    def test_random_fields(self):
        fields = {f"f{i}": f"v{i}" for i in range(20)}
        self.r.hset("h", mapping=fields)
        self.assertIn(self.r.hrandfield("h"), fields)
        self.assertIsNone(self.r.hrandfield("missing"))
        self.assertEqual(self.r.hrandfield("missing", 3), [])
        distinct = self.r.hrandfield("h", 7)
        self.assertEqual(len(distinct), 7)
        self.assertEqual(len(set(distinct)), 7)
        self.assertEqual(sorted(self.r.hrandfield("h", 100)), sorted(fields))
        repeated = self.r.hrandfield("h", -100)
        self.assertEqual(len(repeated), 100)
        self.assertTrue(set(repeated) <= set(fields))
        reply = self.x.execute_command("HRANDFIELD", "h", "-5", "WITHVALUES")
        if self.PROTOCOL == 3:
            self.assertTrue(all(isinstance(p, list) and len(p) == 2 for p in reply), reply)
            picked = [tuple(p) for p in reply]
        else:
            self.assertEqual(len(reply), 10)
            picked = list(zip(reply[0::2], reply[1::2]))
        self.assertEqual(len(picked), 5)
        for field, value in picked:
            self.assertEqual(fields[field], value)
        self.assertError("^value is out of range$", "HRANDFIELD", "h", "-9223372036854770000", "WITHVALUES")

    def test_scan(self):
        small = {"a": "1", "b": "2", "c": "3"}
        self.r.hset("small", mapping=small)
        cursor, page = self.r.hscan("small", 0, count=1)
        self.assertEqual((cursor, page), (0, small))
        big = {f"field:{i}": str(i) for i in range(1000)}
        self.r.hset("big", mapping=big)
        self.assertEqual(dict(self.r.hscan_iter("big", count=50)), big)
        self.assertEqual(sorted(f for f, _ in self.r.hscan_iter("big", match="field:99?")),
                         sorted(f"field:{i}" for i in range(990, 1000)))
        self.assertEqual(self.r.hscan("missing", 0), (0, {}))

    def test_scan_sees_every_stable_field_while_others_churn(self):
        stable = {f"stable:{i}": "s" for i in range(300)}
        self.r.hset("h", mapping={**stable, **{f"churn:{i}": "c" for i in range(300)}})
        stop = threading.Event()

        def churn():
            writer = make_client(self.PROTOCOL)
            rounds = 0
            while not stop.is_set() and rounds < 20000:
                names = [f"churn:{(rounds * 7 + i) % 3000}" for i in range(30)]
                if rounds % 2:
                    writer.hdel("h", *names)
                else:
                    writer.hset("h", mapping={n: "c" for n in names})
                rounds += 1
            writer.close()

        worker = threading.Thread(target=churn)
        worker.start()
        try:
            seen = set()
            cursor, calls = 0, 0
            while True:
                cursor, page = self.r.hscan("h", cursor, count=15)
                seen.update(page)
                calls += 1
                if cursor == 0 or calls > 10000:
                    break
        finally:
            stop.set()
            worker.join(30)
        self.assertEqual(cursor, 0)
        self.assertEqual(set(stable) - seen, set())

    def test_encodings(self):
        entries = self.r.config_get("hash-max-listpack-entries")["hash-max-listpack-entries"]
        value = self.r.config_get("hash-max-listpack-value")["hash-max-listpack-value"]
        try:
            self.r.config_set("hash-max-listpack-entries", 4)
            self.r.config_set("hash-max-listpack-value", 8)
            self.r.hset("h", mapping={"a": "1", "b": "2", "c": "3", "d": "4"})
            self.assertEqual(self.r.object("encoding", "h"), "listpack")
            self.r.hset("h", "e", "5")
            self.assertEqual(self.r.object("encoding", "h"), "hashtable")
            self.r.hset("long", "f", "12345678")
            self.assertEqual(self.r.object("encoding", "long"), "listpack")
            self.r.hset("long", "f", "123456789")
            self.assertEqual(self.r.object("encoding", "long"), "hashtable")
        finally:
            self.r.config_set("hash-max-listpack-entries", entries)
            self.r.config_set("hash-max-listpack-value", value)

    def test_binary_fields_and_values(self):
        blob = bytes(range(256))
        self.assertEqual(self.rb.hset(b"h\x00", blob, b"\r\n\x00\xff"), 1)
        self.assertEqual(self.rb.hget(b"h\x00", blob), b"\r\n\x00\xff")
        plain = make_client(self.PROTOCOL, decode=False)
        plain.response_callbacks = {}
        try:
            self.assertEqual(pairs(plain.execute_command("HGETALL", b"h\x00")), {blob: b"\r\n\x00\xff"})
        finally:
            plain.close()

    def test_wrong_type(self):
        self.r.set("s", "v")
        for args in (("HSET", "s", "f", "v"), ("HGET", "s", "f"), ("HGETALL", "s"), ("HINCRBY", "s", "f", "1"),
                     ("HRANDFIELD", "s"), ("HSCAN", "s", "0"), ("HLEN", "s")):
            with self.assertRaisesRegex(ResponseError, "^WRONGTYPE"):
                self.x.execute_command(*args)


class HashFieldExpiryTests(HashTestBase):
    def setUp(self):
        super().setUp()
        if not has_field_expiry():
            self.tearDown()
            self.skipTest("hash-field expiry is Redis 7.4")

    def test_expire_ttl_and_persist(self):
        self.r.hset("h", mapping={"a": "1", "b": "2"})
        self.assertEqual(self.x.execute_command("HEXPIRE", "h", 100, "FIELDS", 2, "a", "nope"), [1, -2])
        self.assertIn(self.x.execute_command("HTTL", "h", "FIELDS", 2, "a", "b")[0], (99, 100))
        self.assertEqual(self.x.execute_command("HTTL", "h", "FIELDS", 2, "a", "b")[1], -1)
        at = int(time.time() * 1000) + 500_000
        self.assertEqual(self.x.execute_command("HPEXPIREAT", "h", at, "FIELDS", 1, "b"), [1])
        self.assertEqual(self.x.execute_command("HPEXPIRETIME", "h", "FIELDS", 1, "b"), [at])
        self.assertEqual(self.x.execute_command("HEXPIRE", "h", 10, "NX", "FIELDS", 1, "a"), [0])
        self.assertEqual(self.x.execute_command("HPERSIST", "h", "FIELDS", 3, "a", "b", "c"), [1, 1, -2])
        self.assertEqual(self.x.execute_command("HTTL", "missing", "FIELDS", 1, "a"), [-2])
        with self.assertRaisesRegex(ResponseError, "numfields"):
            self.x.execute_command("HEXPIRE", "h", 10, "FIELDS", 2, "a")

    def test_fields_expire(self):
        self.r.hset("h", mapping={"gone": "1", "kept": "2"})
        self.assertEqual(self.x.execute_command("HPEXPIRE", "h", 100, "FIELDS", 1, "gone"), [1])
        time.sleep(0.2)
        self.assertIsNone(self.r.hget("h", "gone"))
        self.assertEqual(self.hgetall("h"), {"kept": "2"})
        self.x.execute_command("HPEXPIRE", "h", 50, "FIELDS", 1, "kept")
        deadline = time.time() + 5
        while self.r.exists("h") and time.time() < deadline:
            time.sleep(0.05)
        self.assertEqual(self.r.exists("h"), 0)

    def test_past_time_deletes_now(self):
        self.r.hset("h", mapping={"a": "1", "b": "2"})
        self.assertEqual(self.x.execute_command("HEXPIRE", "h", 0, "FIELDS", 1, "a"), [2])
        self.assertEqual(self.r.hkeys("h"), ["b"])


for _mixin in (HashTests, HashFieldExpiryTests):
    for _proto in PROTOCOLS:
        _name = f"Test{_mixin.__name__[:-5]}Resp{_proto}"
        globals()[_name] = type(_name, (_mixin, unittest.TestCase), {"PROTOCOL": _proto})
del _mixin, _proto, _name
