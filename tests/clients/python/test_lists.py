#!/usr/bin/env python3
"""redis-py list suite: the list commands as a Python application uses them, over RESP2 and RESP3.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, and passes against Redis 7.0 and 7.2 unchanged
(what differs between them is checked by version):

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_lists.py
"""

import os
import sys
import threading
import time
import unittest

# Run as a file path from the repository root too: the shared suite sits next to this one.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_redis_py import PROTOCOLS, DataTestBase, RawConnection, RawError, make_client, server_version  # noqa: E402

WRONGTYPE = r"^WRONGTYPE Operation against a key holding the wrong kind of value$"


class ListTests(DataTestBase):
    def test_push_pop_and_length(self):
        self.assertEqual(self.r.lpush("l", "b", "a"), 2)
        self.assertEqual(self.r.rpush("l", "c", 4), 4)
        self.assertEqual(self.r.llen("l"), 4)
        self.assertEqual(self.r.lrange("l", 0, -1), ["a", "b", "c", "4"])
        self.assertEqual(self.r.lpop("l"), "a")
        self.assertEqual(self.r.rpop("l"), "4")
        self.assertEqual(self.r.lpop("l", 5), ["b", "c"])
        self.assertEqual(self.r.exists("l"), 0)
        self.assertIsNone(self.r.lpop("l"))
        self.assertIsNone(self.r.rpop("l", 2))
        self.assertEqual(self.r.llen("l"), 0)

    def test_pop_count_shapes(self):
        self.r.rpush("l", "a", "b", "c")
        self.assertEqual(self.r.lpop("l", 0), [])
        self.assertEqual(self.r.rpop("l", 2), ["c", "b"])
        with RawConnection(self.PROTOCOL) as raw:
            self.assertEqual(raw.call("LPOP", "missing", "2"), b"*-1\r\n" if self.PROTOCOL == 2 else b"_\r\n")
            self.assertEqual(raw.call("LPOP", "missing"), b"$-1\r\n" if self.PROTOCOL == 2 else b"_\r\n")
            self.assertEqual(raw.call("LPOP", "l", "0"), b"*0\r\n")
            self.assertEqual(raw.value("LPOP", "l", "-1"), RawError("ERR value is out of range, must be positive"))
            self.assertEqual(raw.value("LPOP", "l", "1", "2"), RawError("ERR wrong number of arguments for 'lpop' command"))

    def test_pushx(self):
        self.assertEqual(self.r.lpushx("l", "a"), 0)
        self.assertEqual(self.r.rpushx("l", "a"), 0)
        self.assertEqual(self.r.exists("l"), 0)
        self.r.rpush("l", "m")
        self.assertEqual(self.r.lpushx("l", "a"), 2)
        self.assertEqual(self.r.rpushx("l", "z"), 3)
        self.assertEqual(self.r.lrange("l", 0, -1), ["a", "m", "z"])

    def test_lrange_and_lindex(self):
        self.r.rpush("l", *range(10))
        self.assertEqual(self.r.lrange("l", 1, -2), [str(i) for i in range(1, 9)])
        self.assertEqual(self.r.lrange("l", -3, -1), ["7", "8", "9"])
        self.assertEqual(self.r.lrange("l", 6, 3), [])
        self.assertEqual(self.r.lrange("l", -100, 100), [str(i) for i in range(10)])
        self.assertEqual(self.r.lrange("missing", 0, -1), [])
        self.assertEqual(self.r.lindex("l", 0), "0")
        self.assertEqual(self.r.lindex("l", -1), "9")
        self.assertIsNone(self.r.lindex("l", 10))
        self.assertIsNone(self.r.lindex("missing", 0))
        self.assertError(r"^value is not an integer or out of range$", "LINDEX", "l", "x")

    def test_lset(self):
        self.r.rpush("l", "a", "b", "c")
        self.assertTrue(self.r.lset("l", 1, "B"))
        self.assertTrue(self.r.lset("l", -1, "C"))
        self.assertEqual(self.r.lrange("l", 0, -1), ["a", "B", "C"])
        self.assertError(r"^index out of range$", "LSET", "l", "3", "x")
        self.assertError(r"^no such key$", "LSET", "missing", "0", "x")

    def test_linsert(self):
        self.r.rpush("l", "a", "b", "c", "d")
        self.assertEqual(self.r.linsert("l", "before", "c", "zz"), 5)
        self.assertEqual(self.r.linsert("l", "after", "c", "yy"), 6)
        self.assertEqual(self.r.linsert("l", "after", "nope", "x"), -1)
        self.assertEqual(self.r.linsert("missing", "after", "a", "x"), 0)
        self.assertEqual(self.r.lrange("l", 0, -1), ["a", "b", "zz", "c", "yy", "d"])
        self.assertError(r"^syntax error$", "LINSERT", "l", "middle", "a", "x")

    def test_lrem_and_ltrim(self):
        self.r.rpush("l", "x", "a", "x", "b", "x", "c", "x")
        self.assertEqual(self.r.lrem("l", 1, "x"), 1)
        self.assertEqual(self.r.lrem("l", -2, "x"), 2)
        self.assertEqual(self.r.lrange("l", 0, -1), ["a", "x", "b", "c"])
        self.assertEqual(self.r.lrem("l", 0, "x"), 1)
        self.assertEqual(self.r.lrem("l", 0, "none"), 0)
        self.assertTrue(self.r.ltrim("l", 1, -1))
        self.assertEqual(self.r.lrange("l", 0, -1), ["b", "c"])
        self.assertTrue(self.r.ltrim("l", 5, 10))
        self.assertEqual(self.r.exists("l"), 0)
        self.assertTrue(self.r.ltrim("missing", 0, 1))

    def test_lpos(self):
        self.r.rpush("l", "a", "b", "c", "1", "2", "3", "c", "c")
        self.assertEqual(self.r.lpos("l", "c"), 2)
        self.assertEqual(self.r.lpos("l", "c", rank=2), 6)
        self.assertEqual(self.r.lpos("l", "c", rank=-1), 7)
        self.assertIsNone(self.r.lpos("l", "c", rank=4))
        self.assertEqual(self.r.lpos("l", "c", count=0), [2, 6, 7])
        self.assertEqual(self.r.lpos("l", "c", count=2, rank=-1), [7, 6])
        self.assertEqual(self.r.lpos("l", "c", count=0, maxlen=3), [2])
        self.assertEqual(self.r.lpos("l", "x", count=2), [])
        self.assertIsNone(self.r.lpos("missing", "c"))
        self.assertEqual(self.r.lpos("missing", "c", count=1), [])
        self.assertError(r"^RANK can't be zero: use 1 to start from the first match, 2 from the second \.\.\. "
                         r"or use negative to start from the end of the list$", "LPOS", "l", "c", "RANK", "0")
        self.assertError(r"^COUNT can't be negative$", "LPOS", "l", "c", "COUNT", "-1")
        self.assertError(r"^MAXLEN can't be negative$", "LPOS", "l", "c", "MAXLEN", "-1")
        self.assertError(r"^syntax error$", "LPOS", "l", "c", "RANK")
        if server_version() >= (7, 2):
            self.assertError(r"^value is out of range, value must between -9223372036854775807 and 9223372036854775807$",
                             "LPOS", "l", "c", "RANK", "-9223372036854775808")

    def test_lmove_and_rpoplpush(self):
        self.r.rpush("src", "a", "b", "c")
        self.assertEqual(self.r.lmove("src", "dst", "LEFT", "RIGHT"), "a")
        self.assertEqual(self.r.rpoplpush("src", "dst"), "c")
        self.assertEqual(self.r.lrange("dst", 0, -1), ["c", "a"])
        self.assertEqual(self.r.lmove("dst", "dst", "RIGHT", "LEFT"), "a")
        self.assertEqual(self.r.lrange("dst", 0, -1), ["a", "c"])
        self.assertEqual(self.r.rpoplpush("src", "dst"), "b")
        self.assertEqual(self.r.exists("src"), 0)
        self.assertIsNone(self.r.rpoplpush("src", "dst"))
        self.assertIsNone(self.r.lmove("src", "dst"))
        self.assertError(r"^syntax error$", "LMOVE", "dst", "src", "UP", "LEFT")

    def test_lmpop(self):
        self.r.rpush("b", "1", "2", "3", "4")
        self.assertEqual(self.r.lmpop(2, "a", "b", direction="LEFT"), ["b", ["1"]])
        self.assertEqual(self.r.lmpop(2, "a", "b", direction="RIGHT", count=2), ["b", ["4", "3"]])
        self.assertEqual(self.r.lmpop(1, "b", direction="LEFT", count=10), ["b", ["2"]])
        self.assertIsNone(self.r.lmpop(2, "a", "b", direction="LEFT"))
        self.assertError(r"^numkeys should be greater than 0$", "LMPOP", "0", "a", "LEFT")
        self.assertError(r"^count should be greater than 0$", "LMPOP", "1", "a", "LEFT", "COUNT", "0")
        self.assertError(r"^syntax error$", "LMPOP", "2", "a", "LEFT")
        with RawConnection(self.PROTOCOL) as raw:
            self.assertEqual(raw.call("LMPOP", "1", "a", "LEFT"), b"*-1\r\n" if self.PROTOCOL == 2 else b"_\r\n")

    def test_blocking_forms_serve_at_once(self):
        self.r.rpush("full", "a", "b", "c", "d", "e")
        self.assertEqual(self.r.blpop(["empty", "full"], timeout=1), ("full", "a"))
        self.assertEqual(self.r.brpop(["empty", "full"], timeout=0), ("full", "e"))
        self.assertEqual(self.r.brpoplpush("full", "other", timeout=0), "d")
        self.assertEqual(self.r.blmove("full", "other", 0, "LEFT", "RIGHT"), "b")
        self.assertEqual(self.r.blmpop(0, 2, "empty", "full", direction="LEFT", count=3), ["full", ["c"]])
        self.assertEqual(self.r.lrange("other", 0, -1), ["d", "b"])
        self.assertIsNone(self.r.blpop(["empty"], timeout=0.05))
        self.assertIsNone(self.r.blmove("empty", "other", 0.05))
        self.assertError(r"^timeout is negative$", "BLPOP", "empty", "-1")
        self.assertError(r"^timeout is not a float or out of range$", "BRPOP", "empty", "x")

    def test_blocked_pop_is_served_by_a_push(self):
        result = {}

        def wait():
            with make_client(self.PROTOCOL) as waiter:
                result["reply"] = waiter.blpop(["queue"], timeout=5)

        thread = threading.Thread(target=wait)
        thread.start()
        deadline = time.time() + 5
        while time.time() < deadline and int(self.r.info("clients")["blocked_clients"]) < 1:
            time.sleep(0.02)
        self.r.rpush("queue", "job")
        thread.join(10)
        self.assertFalse(thread.is_alive())
        self.assertEqual(result["reply"], ("queue", "job"))
        self.assertEqual(self.r.exists("queue"), 0)

    def test_wrong_type(self):
        self.r.set("s", "v")
        for args in (("LPUSH", "s", "a"), ("LPOP", "s"), ("LRANGE", "s", "0", "-1"), ("LLEN", "s"), ("LINDEX", "s", "0"),
                     ("LSET", "s", "0", "a"), ("LREM", "s", "0", "a"), ("LPOS", "s", "a"), ("RPOPLPUSH", "s", "d"),
                     ("LMPOP", "1", "s", "LEFT"), ("BLPOP", "s", "0")):
            self.assertError(WRONGTYPE, *args)
        self.assertEqual(self.r.get("s"), "v")

    def test_binary_elements(self):
        blob = bytes(range(256)) * 40
        self.assertEqual(self.rb.rpush(b"bin", blob, b"", b"\x00\r\n"), 3)
        self.assertEqual(self.rb.lrange(b"bin", 0, -1), [blob, b"", b"\x00\r\n"])
        self.assertEqual(self.rb.lpos(b"bin", b"\x00\r\n"), 2)

    def test_encoding_follows_list_max_listpack_size(self):
        small = "listpack" if server_version() >= (7, 2) else "quicklist"
        old = self.r.config_get("list-max-listpack-size")["list-max-listpack-size"]
        try:
            self.r.config_set("list-max-listpack-size", 4)
            self.r.rpush("l", "a", "b", "c", "d")
            self.assertEqual(self.r.object("encoding", "l"), small)
            self.r.rpush("l", "e")
            self.assertEqual(self.r.object("encoding", "l"), "quicklist")
            self.r.rpop("l", 3)
            self.assertEqual(self.r.object("encoding", "l"), small)
        finally:
            self.r.config_set("list-max-listpack-size", old)

    def test_digest_matches_redis(self):
        self.r.rpush("dl", "a", "1", "-5", "007", "12345678901", "", "hello", "-0", "9223372036854775807")
        self.assertEqual(self.x.execute_command("DEBUG", "DIGEST-VALUE", "dl"), ["2584476cef08b843a7b106e81c36e8fa7c39ac9d"])

    def test_pipeline(self):
        pipe = self.r.pipeline(transaction=False)
        for i in range(100):
            pipe.rpush("p", i)
        pipe.lrange("p", 98, -1)
        pipe.llen("p")
        replies = pipe.execute()
        self.assertEqual(replies[-2:], [["98", "99"], 100])


for _proto in PROTOCOLS:
    _name = f"TestListsResp{_proto}"
    globals()[_name] = type(_name, (ListTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
