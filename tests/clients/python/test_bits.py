#!/usr/bin/env python3
"""redis-py client suite for bitmaps and HyperLogLogs: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD,
BITFIELD_RO, PFADD, PFCOUNT, PFMERGE, through redis-py's own methods, over RESP2 and RESP3.

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_bits.py

Every assertion is real Redis behaviour (it passes against redis-server 7.0 and 7.2). HLL counts are exact: the
server must produce Redis's own estimate for the same elements.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, RawConnection  # noqa: E402

# PFADD of "1".."100" on redis-server: a sparse HLL whose cache is not yet valid.
REDIS_100 = bytes.fromhex(
    "48594c4c01000000000000000000008041768c407684409a9040c9804100801c8c40418840e688405f803f80416880404198407084088041"
    "20804059842080078040f48042108841368040e2800a8040b08c37883380407680404680408580405f803380404d8840549040da80415b80"
    "228040e2804058804094803780248041718040658442119440aa8040799040db8040ac904147881a84414280158440bf8440d28c41158440"
    "81940b8c40b380318c28802d803c80404780446e8040928041e6881588408d80410a8040488440eb803784405a8440a580406d84413e8429"
    "8040da802480405880068042f4804059801d8840aa8c40ed80404880404a942c80388c308040b28840f28c40b880158418883a8040d99440"
    "8a80407b8040e8"
)


class BitmapTests(DataTestBase):
    def test_setbit_getbit(self):
        self.assertEqual(self.r.setbit("b", 7, 1), 0)
        self.assertEqual(self.r.setbit("b", 7, 1), 1)
        self.assertEqual(self.r.getbit("b", 7), 1)
        self.assertEqual(self.r.getbit("b", 6), 0)
        self.assertEqual(self.r.getbit("b", 1000), 0)
        self.assertEqual(self.r.getbit("missing", 0), 0)
        self.assertEqual(self.rb.get(b"b"), b"\x01")
        self.assertEqual(self.r.setbit("b", 23, 1), 0)
        self.assertEqual(self.rb.get(b"b"), b"\x01\x00\x01")
        self.assertEqual(self.r.object("encoding", "b"), "raw")

    def test_setbit_errors(self):
        self.assertError("^bit offset is not an integer or out of range$", "SETBIT", "b", -1, 1)
        self.assertError("^bit offset is not an integer or out of range$", "SETBIT", "b", 4294967296, 1)
        self.assertError("^bit is not an integer or out of range$", "SETBIT", "b", 0, 2)
        self.r.rpush("list", "a")
        with self.assertRaisesRegex(ResponseError, "^WRONGTYPE"):
            self.r.setbit("list", 0, 1)
        with self.assertRaisesRegex(ResponseError, "^WRONGTYPE"):
            self.r.getbit("list", 0)

    def test_bitcount(self):
        self.r.set("s", "foobar")
        self.assertEqual(self.r.bitcount("s"), 26)
        self.assertEqual(self.r.bitcount("s", 0, 0), 4)
        self.assertEqual(self.r.bitcount("s", 1, 1), 6)
        self.assertEqual(self.r.bitcount("s", 1, -2), 18)
        self.assertEqual(self.r.bitcount("s", 5, 30, "BIT"), 17)
        self.assertEqual(self.r.bitcount("s", -33, -1, "bit"), 17)
        self.assertEqual(self.r.bitcount("s", -1, -2), 0)
        self.assertEqual(self.r.bitcount("missing"), 0)
        self.assertError("^syntax error$", "BITCOUNT", "s", 0)
        self.assertError("^syntax error$", "BITCOUNT", "s", 0, 1, "nibble")

    def test_bitpos(self):
        self.rb.set(b"p", b"\xff\xf0\x00")
        self.assertEqual(self.r.bitpos("p", 0), 12)
        self.assertEqual(self.r.bitpos("p", 1), 0)
        self.assertEqual(self.r.bitpos("p", 0, 2), 16)
        self.assertEqual(self.r.bitpos("p", 1, 2), -1)
        self.assertEqual(self.r.bitpos("p", 1, 2, -1), -1)
        self.assertEqual(self.r.bitpos("p", 1, 7, 15, "BIT"), 7)
        self.assertEqual(self.r.bitpos("p", 0, 7, 15, "bit"), 12)
        self.assertEqual(self.r.bitpos("missing", 0), 0)
        self.assertEqual(self.r.bitpos("missing", 1), -1)
        self.rb.set(b"ones", b"\xff\xff")
        self.assertEqual(self.r.bitpos("ones", 0), 16)
        self.assertEqual(self.r.bitpos("ones", 0, 0, -1), -1)
        self.assertError("^The bit argument must be 1 or 0.$", "BITPOS", "p", 2)

    def test_bitop(self):
        self.rb.set(b"a", b"\xf0\xff\x0f")
        self.rb.set(b"b", b"\xff")
        self.assertEqual(self.r.bitop("AND", "d", "a", "b"), 3)
        self.assertEqual(self.rb.get(b"d"), b"\xf0\x00\x00")
        self.assertEqual(self.r.bitop("OR", "d", "a", "b"), 3)
        self.assertEqual(self.rb.get(b"d"), b"\xff\xff\x0f")
        self.assertEqual(self.r.bitop("XOR", "d", "a", "b", "missing"), 3)
        self.assertEqual(self.rb.get(b"d"), b"\x0f\xff\x0f")
        self.assertEqual(self.r.bitop("NOT", "d", "a"), 3)
        self.assertEqual(self.rb.get(b"d"), b"\x0f\x00\xf0")
        self.assertEqual(self.r.bitop("OR", "d", "missing"), 0)
        self.assertEqual(self.r.exists("d"), 0)
        self.assertError("^BITOP NOT must be called with a single source key.$", "BITOP", "NOT", "d", "a", "b")
        self.assertError("^syntax error$", "BITOP", "NAND", "d", "a")

    def test_bitfield(self):
        bf = self.r.bitfield("f")
        self.assertEqual(bf.set("i8", 0, -100).set("i8", 0, 101).get("i8", 0).execute(), [0, -100, 101])
        self.assertEqual(self.r.bitfield("f").set("u8", "#1", 255).incrby("u8", "#1", 10).execute(), [0, 9])
        sat = self.r.bitfield("f", default_overflow="SAT")
        self.assertEqual(sat.incrby("u8", "#1", 1000).incrby("i8", 0, -1000).execute(), [255, -128])
        fail = self.r.bitfield("f").overflow("FAIL").incrby("u8", "#1", 1).overflow("WRAP").incrby("u8", "#1", 1)
        self.assertEqual(fail.execute(), [None, 0])
        self.assertEqual(self.r.bitfield("f").get("u16", 0).get("i64", 0).execute(), [0x80 << 8, -(1 << 63)])
        self.assertEqual(self.r.bitfield("none").get("u8", 0).execute(), [0])
        self.assertEqual(self.r.exists("none"), 0)
        self.assertEqual(self.x.execute_command("BITFIELD_RO", "f", "GET", "u8", "#1"), [0])
        self.assertError("^BITFIELD_RO only supports the GET subcommand$", "BITFIELD_RO", "f", "SET", "u8", 0, 1)
        self.assertError("^Invalid bitfield type", "BITFIELD", "f", "GET", "u64", 0)
        self.assertError("^Invalid OVERFLOW type specified$", "BITFIELD", "f", "OVERFLOW", "CLAMP")

    def test_bitfield_fail_null_on_the_wire(self):
        with RawConnection(self.PROTOCOL) as raw:
            null = b"_\r\n" if self.PROTOCOL == 3 else b"$-1\r\n"
            self.assertEqual(raw.call("BITFIELD", "w", "OVERFLOW", "FAIL", "INCRBY", "u2", 0, 4), b"*1\r\n" + null)


class HyperLogLogTests(DataTestBase):
    def test_pfadd_pfcount(self):
        self.assertEqual(self.r.pfadd("h"), 1)
        self.assertEqual(self.r.pfcount("h"), 0)
        self.assertEqual(self.r.pfadd("h", "a", "b", "c"), 1)
        self.assertEqual(self.r.pfadd("h", "a", "b", "c"), 0)
        self.assertEqual(self.r.pfcount("h"), 3)
        self.assertEqual(self.r.pfcount("missing"), 0)

    def test_counts_are_redis_own(self):
        for start in range(1, 10001, 1000):
            self.r.pfadd("big", *range(start, start + 1000))
        self.assertEqual(self.r.pfcount("big"), 9988)
        self.r.pfadd("small", *range(1, 201))
        self.assertEqual(self.r.pfcount("small"), 201)
        self.assertEqual(self.r.execute_command("PFDEBUG", "ENCODING", "small"), "sparse")
        self.assertEqual(self.r.execute_command("PFDEBUG", "ENCODING", "big"), "dense")

    def test_an_hll_copied_from_redis(self):
        self.rb.set(b"copy", REDIS_100)
        self.assertEqual(self.r.pfcount("copy"), 100)
        cached = self.rb.get(b"copy")
        self.assertEqual(cached[8:16], (100).to_bytes(8, "little"))
        self.assertEqual(cached[16:], REDIS_100[16:])

    def test_pfmerge(self):
        self.r.pfadd("h1", "a", "b", "c")
        self.r.pfadd("h2", "b", "c", "d")
        self.r.pfadd("h3", "c", "d", "e")
        self.assertTrue(self.r.pfmerge("h", "h1", "h2", "h3"))
        self.assertEqual(self.r.pfcount("h"), 5)
        self.assertEqual(self.r.pfcount("h1", "h2", "h3"), 5)
        self.assertTrue(self.r.pfmerge("empty", "nope1", "nope2"))
        self.assertEqual(self.r.exists("empty"), 1)
        self.assertEqual(self.r.pfcount("empty"), 0)

    def test_type_errors(self):
        self.r.set("s", "bar")
        for call in (lambda: self.r.pfadd("s", 1), lambda: self.r.pfcount("s"), lambda: self.r.pfmerge("s", "s")):
            with self.assertRaisesRegex(ResponseError, "Key is not a valid HyperLogLog string value.$"):
                call()
        self.r.pfadd("h", "a")
        self.r.append("h", "hello")
        with self.assertRaisesRegex(ResponseError, "Corrupted HLL object detected"):
            self.r.pfcount("h")


for _mixin in (BitmapTests, HyperLogLogTests):
    for _proto in PROTOCOLS:
        _name = f"Test{_mixin.__name__[:-5]}Resp{_proto}"
        globals()[_name] = type(_name, (_mixin, unittest.TestCase), {"PROTOCOL": _proto})
del _mixin, _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
