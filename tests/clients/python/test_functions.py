#!/usr/bin/env python3
"""redis-py functions suite: FUNCTION LOAD/LIST/DELETE/DUMP/RESTORE/STATS and FCALL as a Python application uses them.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2:

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_functions.py
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, pairs  # noqa: E402

LIBRARY = """#!lua name=mylib
local function set(keys, args) return redis.call('set', keys[1], args[1]) end
redis.register_function('my_set', set)
redis.register_function{function_name='my_get', callback=function(keys) return redis.call('get', keys[1]) end,
  flags={'no-writes'}, description='reads one key'}
redis.register_function('my_sum', function(keys, args) return tonumber(args[1]) + tonumber(args[2]) end)
"""


class FunctionTests(DataTestBase):
    def setUp(self):
        super().setUp()
        # FLUSHALL leaves functions alone, as in Redis.
        self.r.function_flush()

    def test_load_and_call(self):
        self.assertEqual(self.r.function_load(LIBRARY), "mylib")
        self.assertEqual(self.r.fcall("my_set", 1, "k", "v"), "OK")
        self.assertEqual(self.r.get("k"), "v")
        self.assertEqual(self.r.fcall_ro("my_get", 1, "k"), "v")
        self.assertEqual(self.r.fcall("MY_SUM", 0, 40, 2), 42)

    def test_load_errors(self):
        with self.assertRaisesRegex(ResponseError, "^Missing library metadata$"):
            self.r.function_load("return 1")
        self.r.function_load(LIBRARY)
        with self.assertRaisesRegex(ResponseError, "^Library 'mylib' already exists$"):
            self.r.function_load(LIBRARY)
        with self.assertRaisesRegex(ResponseError, r"^Function my_\w+ already exists$"):
            self.r.function_load(LIBRARY.replace("name=mylib", "name=other"))
        self.assertEqual(self.r.function_load(LIBRARY.replace("args[1]", "'replaced'"), replace=True), "mylib")
        self.assertEqual(self.r.fcall("my_set", 1, "k", "ignored"), "OK")
        self.assertEqual(self.r.get("k"), "replaced")

    def test_fcall_errors(self):
        self.r.function_load(LIBRARY)
        with self.assertRaisesRegex(ResponseError, "^Function not found$"):
            self.r.fcall("nosuch", 0)
        with self.assertRaisesRegex(ResponseError, r"^Can not execute a script with write flag using \*_ro command\.$"):
            self.r.fcall_ro("my_set", 1, "k", "v")
        with self.assertRaisesRegex(ResponseError, "^Number of keys can't be greater than number of args$"):
            self.r.fcall("my_get", 3, "k")

    def test_list_shows_libraries_functions_and_code(self):
        self.r.function_load(LIBRARY)
        listed = self.r.function_list(withcode=True)
        self.assertEqual(len(listed), 1)
        library = pairs(listed[0])
        self.assertEqual(library["library_name"], "mylib")
        self.assertEqual(library["engine"], "LUA")
        self.assertEqual(library["library_code"], LIBRARY)
        functions = {f["name"]: f for f in (pairs(f) for f in library["functions"])}
        self.assertEqual(sorted(functions), ["my_get", "my_set", "my_sum"])
        self.assertEqual(functions["my_get"]["description"], "reads one key")
        self.assertEqual(list(functions["my_get"]["flags"]), ["no-writes"])
        self.assertIsNone(functions["my_set"]["description"])
        self.assertEqual(list(functions["my_set"]["flags"]), [])
        self.assertEqual(self.r.function_list(library="MY*"), self.r.function_list())
        self.assertEqual(self.r.function_list(library="other*"), [])

    def test_delete(self):
        self.r.function_load(LIBRARY)
        self.assertTrue(self.r.function_delete("mylib"))
        with self.assertRaisesRegex(ResponseError, "^Library not found$"):
            self.r.function_delete("mylib")
        with self.assertRaisesRegex(ResponseError, "^Function not found$"):
            self.r.fcall("my_sum", 0, 1, 2)

    def test_dump_and_restore(self):
        self.r.function_load(LIBRARY)
        payload = self.r.function_dump()
        self.assertIsInstance(payload, bytes)
        self.r.function_flush()
        self.assertTrue(self.r.function_restore(payload))
        self.assertEqual(self.r.fcall("my_sum", 0, 1, 2), 3)
        with self.assertRaisesRegex(ResponseError, "^Library mylib already exists$"):
            self.r.function_restore(payload)
        self.assertTrue(self.r.function_restore(payload, "REPLACE"))
        self.assertTrue(self.r.function_restore(payload, "FLUSH"))
        with self.assertRaisesRegex(ResponseError, "^DUMP payload version or checksum are wrong$"):
            self.r.function_restore(payload[:-1] + bytes([payload[-1] ^ 1]))

    def test_stats_and_kill_when_idle(self):
        self.r.function_load(LIBRARY)
        stats = pairs(self.r.function_stats())
        self.assertIsNone(stats["running_script"])
        self.assertEqual(pairs(pairs(stats["engines"])["LUA"]), {"libraries_count": 1, "functions_count": 3})
        with self.assertRaisesRegex(ResponseError, "^NOTBUSY No scripts in execution right now\\.$"):
            self.r.function_kill()

    def test_fcall_in_a_pipeline_and_a_transaction(self):
        self.r.function_load(LIBRARY)
        pipe = self.r.pipeline(transaction=False)
        pipe.fcall("my_set", 1, "p", "1").fcall_ro("my_get", 1, "p")
        self.assertEqual(pipe.execute(), ["OK", "1"])
        tx = self.r.pipeline(transaction=True)
        tx.fcall("my_set", 1, "t", "2").fcall("my_sum", 0, 2, 3)
        self.assertEqual(tx.execute(), ["OK", 5])


for _proto in PROTOCOLS:
    _name = f"TestFunctionsResp{_proto}"
    globals()[_name] = type(_name, (FunctionTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
