#!/usr/bin/env python3
"""redis-py introspection suite: SLOWLOG, LATENCY, CLIENT PAUSE/UNPAUSE/KILL and INFO's statistics, as a Python
application (or a monitoring tool written in Python) uses them.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real Redis 7.0
and 7.2 (where 7.0 differs from 7.2 the test follows 7.2 and is skipped on 7.0, saying why). Slow commands are Lua busy
loops: real Redis refuses DEBUG unless enable-debug-command is set. The suite changes server-wide settings and restores
them, and always ends a pause it started.

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_introspection.py
"""

import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, make_client, pairs, server_version  # noqa: E402

# A script that keeps the server busy for a while (tens of milliseconds on a fast machine, more on a slow one).
BUSY_LOOP = "local i = 0 while i < 3000000 do i = i + 1 end return i"

# The levels Redis reports LATENCY HISTOGRAM at, in microseconds.
REDIS_LEVELS = {1, 2, 4, 8, 16, 33, 66, 132, 264, 528, 1056, 2113, 4227, 8454, 16908, 33816, 67633, 135266,
                270532, 541065, 1073741}


def logged(entries):
    """The commands of slowlog_get's entries as text (redis-py 4 leaves them as bytes)."""
    return [e["command"].decode() if isinstance(e["command"], bytes) else e["command"] for e in entries]


def wait_until(condition, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class IntrospectionTestBase(DataTestBase):
    """Restores the settings the tests change, and ends any pause."""

    SETTINGS = ("slowlog-log-slower-than", "slowlog-max-len", "latency-monitor-threshold",
                "latency-tracking-info-percentiles")

    def setUp(self):
        super().setUp()
        self.saved = {name: self.r.config_get(name)[name] for name in self.SETTINGS}

    def tearDown(self):
        self.r.client_unpause()
        for name, value in self.saved.items():
            self.r.config_set(name, value)
        super().tearDown()

    def blocked_clients(self):
        return int(self.r.info("clients")["blocked_clients"])


class SlowlogTests(IntrospectionTestBase):
    def test_entries_as_redis_py_parses_them(self):
        self.r.config_set("slowlog-log-slower-than", 0)
        self.r.slowlog_reset()
        self.r.client_setname("py-slowlog")
        self.r.set("key", "value")
        entries = self.r.slowlog_get(2)
        self.assertEqual(logged(entries), ["SET key value", "CLIENT SETNAME py-slowlog"])
        newest = entries[0]
        self.assertGreaterEqual(newest["duration"], 0)
        self.assertLessEqual(abs(newest["start_time"] - time.time()), 60)
        self.assertGreater(newest["id"], entries[1]["id"])
        raw = next(e for e in self.x.execute_command("SLOWLOG", "GET", "-1") if e[3] == ["SET", "key", "value"])
        self.assertEqual(len(raw), 6)
        self.assertRegex(raw[4], r"^127\.0\.0\.1:\d+$")
        self.assertEqual(raw[5], "py-slowlog")

    def test_only_slow_commands_are_logged(self):
        self.r.config_set("slowlog-log-slower-than", 1000000)
        self.r.slowlog_reset()
        self.r.ping()
        self.assertEqual(self.r.slowlog_len(), 0)
        self.r.config_set("slowlog-log-slower-than", 1)
        self.r.eval(BUSY_LOOP, 0)
        self.r.config_set("slowlog-log-slower-than", 1000000)
        self.assertIn("EVAL " + BUSY_LOOP + " 0", logged(self.r.slowlog_get(-1)))

    def test_length_limit_trimming_and_redaction(self):
        self.r.config_set("slowlog-log-slower-than", 0)
        self.r.config_set("slowlog-max-len", 5)
        for i in range(20):
            self.r.echo(str(i))
        self.assertEqual(self.r.slowlog_len(), 5)
        self.r.config_set("slowlog-max-len", 128)
        self.r.slowlog_reset()
        self.r.sadd("set", *range(3, 34))
        self.r.sadd("set", "A" * 129)
        with self.assertRaises(ResponseError):
            self.r.execute_command("AUTH", "nosuchuser", "secret")
        commands = logged(self.r.slowlog_get(3))
        self.assertEqual(commands[0], "AUTH (redacted) (redacted)")
        self.assertEqual(commands[1], "SADD set " + "A" * 128 + "... (1 more bytes)")
        self.assertTrue(commands[2].endswith(" 31 ... (2 more arguments)"), commands[2])

    def test_exec_is_not_logged(self):
        self.r.config_set("slowlog-log-slower-than", 0)
        self.r.slowlog_reset()
        pipe = self.r.pipeline(transaction=True)
        pipe.set("a", "1")
        pipe.incr("a")
        pipe.execute()
        commands = logged(self.r.slowlog_get(-1))
        # redis-py sends INCR as INCRBY a 1.
        self.assertEqual(commands[:3], ["INCRBY a 1", "SET a 1", "MULTI"])
        self.assertNotIn("EXEC", commands)

    def test_errors(self):
        self.assertError("^count should be greater than or equal to -1$", "SLOWLOG", "GET", "-2")
        self.assertError("^wrong number of arguments for 'slowlog\\|len' command$", "SLOWLOG", "LEN", "x")


class LatencyTests(IntrospectionTestBase):
    def test_events_latest_history_doctor_and_reset(self):
        self.r.config_set("latency-monitor-threshold", 1)
        self.r.execute_command("LATENCY", "RESET")
        # The busy loop needs at least a millisecond anywhere; take the longest of a few runs in case one is quick.
        for _ in range(3):
            self.r.eval(BUSY_LOOP, 0)
        latest = self.x.execute_command("LATENCY", "LATEST")
        self.assertEqual([e[0] for e in latest], ["command"])
        name, when, last, worst = latest[0]
        self.assertLessEqual(abs(when - time.time()), 60)
        self.assertGreaterEqual(worst, last)
        history = self.x.execute_command("LATENCY", "HISTORY", "command")
        self.assertGreaterEqual(len(history), 1)
        self.assertTrue(all(len(sample) == 2 for sample in history))
        doctor = self.x.execute_command("LATENCY", "DOCTOR")
        self.assertTrue(doctor.startswith("Dave, I have observed latency spikes in this Redis instance."), doctor)
        self.assertIn("1. command: ", doctor)
        graph = self.x.execute_command("LATENCY", "GRAPH", "command")
        self.assertTrue(graph.startswith("command - high "), graph)
        self.assertEqual(self.x.execute_command("LATENCY", "RESET", "command"), 1)
        self.assertEqual(self.x.execute_command("LATENCY", "LATEST"), [])

    def test_doctor_when_disabled(self):
        self.r.config_set("latency-monitor-threshold", 0)
        self.r.execute_command("LATENCY", "RESET")
        doctor = self.x.execute_command("LATENCY", "DOCTOR")
        self.assertTrue(doctor.startswith("I'm sorry, Dave, I can't do that. Latency monitoring is disabled"), doctor)

    def test_histogram_shape(self):
        self.r.config_resetstat()
        for i in range(10):
            self.r.set("k%d" % i, i)
        self.r.client_id()
        histograms = pairs(self.x.execute_command("LATENCY", "HISTOGRAM", "set", "client", "nosuch"))
        self.assertEqual(sorted(histograms), ["client|id", "set"])
        fields = pairs(histograms["set"])
        self.assertEqual(fields["calls"], 10)
        buckets = pairs(fields["histogram_usec"])
        self.assertTrue(set(buckets) <= REDIS_LEVELS, buckets)
        counts = [buckets[level] for level in sorted(buckets)]
        self.assertEqual(counts, sorted(counts))
        self.assertEqual(counts[-1], 10)

    def test_info_latencystats_percentiles(self):
        self.r.config_set("latency-tracking-info-percentiles", "50 99.9 100")
        self.assertEqual(self.r.config_get("latency-tracking-info-percentiles"),
                         {"latency-tracking-info-percentiles": "50 99.9 100"})
        self.r.ping()
        stats = self.r.info("latencystats")["latency_percentiles_usec_ping"]
        self.assertEqual(sorted(stats), ["p100", "p50", "p99.9"])
        self.assertTrue(all(isinstance(v, float) for v in stats.values()), stats)


class PauseTests(IntrospectionTestBase):
    def test_writes_wait_reads_do_not(self):
        self.r.set("foo", "bar")
        self.assertTrue(self.r.client_pause(60000, all=False))
        self.assertEqual(self.r.get("foo"), "bar")
        writer = make_client(self.PROTOCOL)
        result = {}
        thread = threading.Thread(target=lambda: result.setdefault("set", writer.set("foo", "baz")))
        thread.start()
        try:
            self.assertTrue(wait_until(lambda: self.blocked_clients() == 1), "the SET was not held")
            self.assertEqual(self.r.get("foo"), "bar")
            self.assertTrue(self.r.client_unpause())
            thread.join(10)
            self.assertEqual(result.get("set"), True)
            self.assertEqual(self.r.get("foo"), "baz")
        finally:
            self.r.client_unpause()
            thread.join(10)
            writer.close()

    def test_pause_all_holds_reads_until_it_ends(self):
        reader = make_client(self.PROTOCOL)
        try:
            started = time.time()
            self.assertTrue(self.r.client_pause(300))
            self.assertEqual(reader.ping(), True)
            self.assertGreaterEqual(time.time() - started, 0.29)
        finally:
            reader.close()

    def test_pause_errors(self):
        self.assertError("^timeout is negative$", "CLIENT", "PAUSE", "-1")
        self.assertError("^timeout is not an integer or out of range$", "CLIENT", "PAUSE", "soon")
        self.assertError("^CLIENT PAUSE mode must be WRITE or ALL$", "CLIENT", "PAUSE", "10", "READ")


class KillTests(IntrospectionTestBase):
    def test_kill_filters(self):
        victim = make_client(self.PROTOCOL)
        try:
            victim_id = victim.client_id()
            self.assertEqual(self.r.client_kill_filter(_id=victim_id, _type="pubsub"), 0)
            self.assertEqual(self.r.client_kill_filter(_id=victim_id, _type="normal", skipme=True), 1)
            self.assertEqual(self.r.client_kill_filter(_id=victim_id), 0)
        finally:
            victim.close()

    def test_kill_errors_come_in_option_order(self):
        self.assertError("^client-id should be greater than 0$", "CLIENT", "KILL", "ID", "x", "TYPE")
        self.assertError("^Unknown client type 'x'$", "CLIENT", "KILL", "TYPE", "x")
        self.assertError("^No such client$", "CLIENT", "KILL", "1.2.3.4:5")


class Redis72Tests(IntrospectionTestBase):
    """Where Redis 7.0 differs from 7.2, the behaviour of 7.2."""

    def setUp(self):
        super().setUp()
        if server_version() < (7, 2):
            self.skipTest("Redis 7.2 changed HELP's last line from 'Prints this help.' to 'Print this help.'")

    def test_help_last_line(self):
        self.assertEqual(self.x.execute_command("SLOWLOG", "HELP")[-1], "    Print this help.")
        self.assertEqual(self.x.execute_command("LATENCY", "HELP")[-1], "    Print this help.")


for _mixin in (SlowlogTests, LatencyTests, PauseTests, KillTests, Redis72Tests):
    for _proto in PROTOCOLS:
        _name = f"Test{_mixin.__name__[:-5]}Resp{_proto}"
        globals()[_name] = type(_name, (_mixin, unittest.TestCase), {"PROTOCOL": _proto})
del _mixin, _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
