#!/usr/bin/env python3
"""redis-py scripting suite: eval, evalsha and register_script on AkkaKv, as a Python application uses them.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2:

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_scripting.py
"""

import hashlib
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import NoScriptError, ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS  # noqa: E402


class ScriptingTests(DataTestBase):
    def test_eval_returns_converted_values(self):
        self.assertEqual(self.r.eval("return 'hello'", 0), "hello")
        self.assertEqual(self.r.eval("return 100.5", 0), 100)
        self.assertEqual(self.r.eval("return {1, 2, 3, 'ciao', {1, 2}}", 0), [1, 2, 3, "ciao", [1, 2]])
        self.assertEqual(self.r.eval("return {1, 2, nil, 4}", 0), [1, 2])
        self.assertEqual(self.r.eval("return true", 0), 1)
        self.assertIsNone(self.r.eval("return false", 0))
        self.assertEqual(self.r.eval("return {ok='fine'}", 0), "fine")

    def test_keys_and_argv(self):
        self.assertEqual(self.r.eval("return {KEYS[1], KEYS[2], ARGV[1], ARGV[2]}", 2, "a", "b", "x", "y"), ["a", "b", "x", "y"])

    def test_redis_call_reads_and_writes(self):
        self.assertEqual(self.r.eval("redis.call('set', KEYS[1], ARGV[1]) return redis.call('get', KEYS[1])", 1, "k", "v"), "v")
        self.assertEqual(self.r.get("k"), "v")
        self.assertEqual(self.r.eval("return redis.call('incrby', KEYS[1], 5)", 1, "n"), 5)
        self.r.rpush("l", "a", "b")
        self.assertEqual(self.r.eval("return redis.call('lrange', KEYS[1], 0, -1)", 1, "l"), ["a", "b"])

    def test_errors_surface_as_response_errors(self):
        self.r.set("text", "abc")
        with self.assertRaisesRegex(ResponseError, r"^value is not an integer or out of range script: \w{40}, on @user_script:1\.$"):
            self.r.eval("return redis.call('incr', KEYS[1])", 1, "text")
        with self.assertRaisesRegex(ResponseError, "^My Error$"):
            self.r.eval("return redis.error_reply('My Error')", 0)
        with self.assertRaisesRegex(ResponseError, "user_script:1: boom"):
            self.r.eval("error('boom')", 0)
        # redis.pcall hands the error table back to the script, which returns it: an error reply again.
        with self.assertRaisesRegex(ResponseError, "^value is not an integer or out of range$"):
            self.r.eval("return redis.pcall('incr', KEYS[1])", 1, "text")
        self.assertEqual(self.r.eval("return redis.pcall('incr', KEYS[1]).err", 1, "text"), "ERR value is not an integer or out of range")

    def test_register_script_loads_on_first_use(self):
        body = "return redis.call('incrby', KEYS[1], ARGV[1])"
        add = self.r.register_script(body)
        self.assertEqual(add.sha, hashlib.sha1(body.encode()).hexdigest())
        self.r.script_flush()
        self.assertEqual(add(keys=["counter"], args=[3]), 3)
        self.assertEqual(add(keys=["counter"], args=[4]), 7)
        self.assertEqual(self.r.script_exists(add.sha), [True])

    def test_register_script_in_a_pipeline(self):
        add = self.r.register_script("return redis.call('incrby', KEYS[1], ARGV[1])")
        self.r.script_flush()
        with self.r.pipeline() as pipe:
            add(keys=["p"], args=[1], client=pipe)
            add(keys=["p"], args=[2], client=pipe)
            self.assertEqual(pipe.execute(), [1, 3])

    def test_script_load_exists_flush(self):
        sha = self.r.script_load("return 1")
        self.assertEqual(sha, "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
        self.assertEqual(self.r.evalsha(sha, 0), 1)
        self.assertEqual(self.r.script_exists(sha, "0" * 40), [True, False])
        self.assertTrue(self.r.script_flush())
        self.assertEqual(self.r.script_exists(sha), [False])
        with self.assertRaises(NoScriptError):
            self.r.evalsha(sha, 0)

    def test_script_kill_when_nothing_runs(self):
        with self.assertRaisesRegex(ResponseError, "No scripts in execution right now"):
            self.r.script_kill()

    def test_read_only_variants(self):
        self.r.set("k", "v")
        self.assertEqual(self.r.execute_command("EVAL_RO", "return redis.call('get', KEYS[1])", 1, "k"), "v")
        with self.assertRaisesRegex(ResponseError, "Write commands are not allowed from read-only scripts"):
            self.r.execute_command("EVAL_RO", "return redis.call('del', KEYS[1])", 1, "k")
        with self.assertRaisesRegex(ResponseError, "Write commands are not allowed from read-only scripts"):
            self.r.eval("#!lua flags=no-writes\nreturn redis.call('del', KEYS[1])", 1, "k")
        self.assertEqual(self.r.get("k"), "v")

    def test_cjson_round_trip(self):
        encoded = self.r.eval("return cjson.encode({1, 2, {a = 'b'}})", 0)
        self.assertEqual(encoded, '[1,2,{"a":"b"}]')
        self.assertEqual(self.r.eval("return cjson.decode(ARGV[1]).name", 0, '{"name": "akka"}'), "akka")

    def test_cmsgpack_bit_and_struct(self):
        self.assertEqual(self.r.eval("return cmsgpack.unpack(cmsgpack.pack({10, 20}))", 0), [10, 20])
        self.assertEqual(self.r.eval("return bit.band(0xff, 0x0f)", 0), 15)
        self.assertEqual(self.r.eval("return {struct.unpack('>iH', struct.pack('>iH', 7, 9))}", 0), [7, 9, 7])

    def test_resp3_shapes_after_setresp(self):
        self.r.hset("h", "f", "v")
        reply = self.r.eval("redis.setresp(3) return redis.call('hgetall', KEYS[1])", 1, "h")
        if self.PROTOCOL == 3:
            self.assertEqual(reply, {"f": "v"})
        else:
            self.assertEqual(reply, ["f", "v"])

    def test_a_script_is_atomic_across_its_keys(self):
        self.r.mset({"{a}x": 10, "y": 0})
        move = "local v = tonumber(redis.call('get', KEYS[1])) redis.call('decrby', KEYS[1], v) return redis.call('incrby', KEYS[2], v)"
        self.assertEqual(self.r.eval(move, 2, "{a}x", "y"), 10)
        self.assertEqual(self.r.mget("{a}x", "y"), ["0", "10"])


for _proto in PROTOCOLS:
    _name = f"TestScriptingResp{_proto}"
    globals()[_name] = type(_name, (ScriptingTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
