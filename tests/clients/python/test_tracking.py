#!/usr/bin/env python3
"""redis-py client-side caching suite: CLIENT TRACKING with its invalidations redirected to a RESP2 connection
subscribed to __redis__:invalidate (redis-py 4.3 speaks RESP2 only), BCAST prefixes, flushes and the tracking
introspection commands.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, and passes against real Redis 7.0 and 7.2:

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_tracking.py
"""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_redis_py import DataTestBase, make_client  # noqa: E402

WAIT = 5.0


class TrackingTests(DataTestBase, unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.writer = make_client(2)
        self.invalidations = self.r.pubsub()
        # The pub/sub connection's id, to redirect to, asked before it subscribes (RESP2 refuses CLIENT ID after).
        self.invalidations.connection = self.r.connection_pool.get_connection("pubsub")
        self.invalidations.connection.send_command("CLIENT", "ID")
        self.target = self.invalidations.connection.read_response()
        self.invalidations.subscribe("__redis__:invalidate")
        self.assertEqual(self.next_message()["type"], "subscribe")

    def tearDown(self):
        self.invalidations.close()
        self.writer.close()
        super().tearDown()

    def next_message(self, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.invalidations.get_message(timeout=max(0.0, deadline - time.monotonic()))
            if message is not None:
                return message
        raise AssertionError(f"no message within {timeout} s")

    def assertNoMessage(self):
        self.assertIsNone(self.invalidations.get_message(timeout=0.2))

    def test_read_keys_are_invalidated_once(self):
        self.assertTrue(self.x.execute_command("CLIENT", "TRACKING", "ON", "REDIRECT", self.target))
        self.assertEqual(self.x.execute_command("CLIENT", "GETREDIR"), self.target)
        self.x.execute_command("MGET", "a", "b")
        self.writer.mset({"a": "1", "b": "2", "c": "3"})
        received = sorted(tuple(self.next_message()["data"]) for _ in range(2))
        self.assertEqual(received, [("a",), ("b",)])
        self.writer.set("a", "again")
        self.assertNoMessage()

    def test_flush_sends_a_null_invalidation(self):
        self.x.execute_command("CLIENT", "TRACKING", "ON", "REDIRECT", self.target)
        self.writer.flushdb()
        message = self.next_message()
        self.assertEqual(message["channel"], "__redis__:invalidate")
        self.assertIsNone(message["data"])

    def test_broadcast_reports_keys_under_the_prefixes(self):
        self.x.execute_command("CLIENT", "TRACKING", "ON", "REDIRECT", self.target, "BCAST", "PREFIX", "user:", "PREFIX", "job:")
        self.writer.mset({"user:2": "x", "user:1": "y", "other": "z"})
        data = self.next_message()["data"]
        self.assertEqual(data, ["user:1", "user:2"])
        self.assertNoMessage()

    def test_trackinginfo_and_errors(self):
        info = self.x.execute_command("CLIENT", "TRACKINGINFO")
        self.assertEqual(info, ["flags", ["off"], "redirect", -1, "prefixes", []])
        self.x.execute_command("CLIENT", "TRACKING", "ON", "OPTOUT", "NOLOOP", "REDIRECT", self.target)
        info = self.x.execute_command("CLIENT", "TRACKINGINFO")
        self.assertEqual(info, ["flags", ["on", "optout", "noloop"], "redirect", self.target, "prefixes", []])
        with self.assertRaisesRegex(Exception, "^CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.$"):
            self.x.execute_command("CLIENT", "CACHING", "YES")
        with self.assertRaisesRegex(Exception, "^PREFIX option requires BCAST mode to be enabled$"):
            self.r.execute_command("CLIENT", "TRACKING", "ON", "PREFIX", "a")
        self.assertIn("flags=t", self.x.execute_command("CLIENT", "INFO"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
