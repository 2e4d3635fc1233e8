#!/usr/bin/env python3
"""redis-py Pub/Sub suite: the PubSub API (subscribe, get_message, psubscribe, handlers, run_in_thread) on AkkaKv.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2:

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_pubsub.py
"""

import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_redis_py import DataTestBase, PROTOCOLS, RawConnection, make_client  # noqa: E402

WAIT = 5.0


def next_message(pubsub, timeout=WAIT):
    """The next message (subscription confirmations included), waiting at most `timeout` seconds in all."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = pubsub.get_message(timeout=max(0.0, deadline - time.monotonic()))
        if message is not None:
            return message
    raise AssertionError(f"no message within {timeout} s")


def eventually(condition, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class PubSubTests(DataTestBase):
    def setUp(self):
        super().setUp()
        self.p = self.r.pubsub()

    def tearDown(self):
        self.p.close()
        super().tearDown()

    def test_subscribe_publish_unsubscribe(self):
        self.p.subscribe("news", "music")
        self.assertEqual(next_message(self.p), {"type": "subscribe", "pattern": None, "channel": "news", "data": 1})
        self.assertEqual(next_message(self.p), {"type": "subscribe", "pattern": None, "channel": "music", "data": 2})
        self.assertEqual(self.r.publish("news", "hello"), 1)
        self.assertEqual(self.r.publish("nobody", "lost"), 0)
        self.assertEqual(next_message(self.p), {"type": "message", "pattern": None, "channel": "news", "data": "hello"})
        self.p.unsubscribe("news")
        self.assertEqual(next_message(self.p), {"type": "unsubscribe", "pattern": None, "channel": "news", "data": 1})
        self.assertEqual(self.r.publish("news", "gone"), 0)
        self.assertEqual(self.r.publish("music", "still"), 1)
        self.assertEqual(next_message(self.p)["data"], "still")
        self.p.unsubscribe()
        self.assertEqual(next_message(self.p), {"type": "unsubscribe", "pattern": None, "channel": "music", "data": 0})
        self.assertIsNone(self.p.get_message(timeout=0.2))

    def test_psubscribe_delivers_pmessage_with_the_pattern(self):
        self.p.psubscribe("news.*", "news.[ab]")
        self.assertEqual(next_message(self.p)["type"], "psubscribe")
        self.assertEqual(next_message(self.p)["data"], 2)
        self.assertEqual(self.r.publish("news.a", "both"), 2)
        self.assertEqual(self.r.publish("news.zz", "one"), 1)
        self.assertEqual(self.r.publish("sport", "none"), 0)
        got = [next_message(self.p) for _ in range(3)]
        self.assertEqual(sorted((m["pattern"], m["channel"], m["data"]) for m in got[:2]),
                         [("news.*", "news.a", "both"), ("news.[ab]", "news.a", "both")])
        self.assertEqual(got[2], {"type": "pmessage", "pattern": "news.*", "channel": "news.zz", "data": "one"})
        self.p.punsubscribe()
        types = {next_message(self.p)["type"] for _ in range(2)}
        self.assertEqual(types, {"punsubscribe"})
        self.assertEqual(self.r.publish("news.a", "gone"), 0)

    def test_binary_payloads_arrive_unchanged(self):
        p = self.rb.pubsub()
        try:
            p.subscribe(b"bin")
            next_message(p)
            payload = bytes(range(256)) + b"\r\n$-1\r\n"
            self.assertEqual(self.rb.publish(b"bin", payload), 1)
            self.assertEqual(next_message(p)["data"], payload)
        finally:
            p.close()

    def test_handlers_run_in_a_thread(self):
        received = []
        done = threading.Event()

        def handler(message):
            received.append(message["data"])
            if len(received) == 100:
                done.set()

        self.p.subscribe(**{"jobs": handler})
        self.p.psubscribe(**{"job*": handler})
        thread = self.p.run_in_thread(sleep_time=0.01, daemon=True)
        try:
            self.assertTrue(eventually(lambda: self.r.pubsub_numsub("jobs") == [("jobs", 1)]))
            for i in range(50):
                self.assertEqual(self.r.publish("jobs", f"job-{i}"), 2)
            self.assertTrue(done.wait(WAIT), f"{len(received)} of 100 messages handled")
        finally:
            thread.stop()
            thread.join(WAIT)
        # Each message twice (channel and pattern), in publish order.
        self.assertEqual(received[::2], [f"job-{i}" for i in range(50)])
        self.assertEqual(received[1::2], [f"job-{i}" for i in range(50)])

    def test_many_subscribers_each_get_every_message(self):
        subscribers = [make_client(self.PROTOCOL).pubsub() for _ in range(10)]
        try:
            for s in subscribers:
                s.subscribe("fanout")
                next_message(s)
            for i in range(20):
                self.assertEqual(self.r.publish("fanout", str(i)), 10)
            for s in subscribers:
                self.assertEqual([next_message(s)["data"] for _ in range(20)], [str(i) for i in range(20)])
        finally:
            for s in subscribers:
                s.close()

    def test_introspection_and_cleanup_when_the_subscriber_leaves(self):
        self.p.subscribe("a", "b")
        self.p.psubscribe("a*")
        for _ in range(3):
            next_message(self.p)
        self.assertEqual(sorted(self.r.pubsub_channels()), ["a", "b"])
        self.assertEqual(self.r.pubsub_channels("a*"), ["a"])
        self.assertEqual(self.r.pubsub_numsub("a", "b", "c"), [("a", 1), ("b", 1), ("c", 0)])
        self.assertEqual(self.r.pubsub_numpat(), 1)
        self.assertIn("flags=P", self.x.execute_command("CLIENT", "LIST", "TYPE", "pubsub"))
        self.p.close()
        self.assertTrue(eventually(lambda: self.r.pubsub_numsub("a", "b") == [("a", 0), ("b", 0)]))
        self.assertTrue(eventually(lambda: self.r.pubsub_numpat() == 0))
        self.assertEqual(self.r.pubsub_channels(), [])

    def test_sharded_channels_through_raw_commands(self):
        # redis-py 4 has no sharded PubSub API: the replies are read off a raw connection.
        with RawConnection(self.PROTOCOL) as raw:
            raw.send("SSUBSCRIBE", "orders")
            self.assertEqual(raw.read_reply()[1], [b"ssubscribe", b"orders", 1])
            self.assertEqual(self.r.execute_command("SPUBLISH", "orders", "o1"), 1)
            self.assertEqual(self.r.publish("orders", "not sharded"), 0)
            self.assertEqual(raw.read_reply()[1], [b"smessage", b"orders", b"o1"])
            self.assertEqual(self.r.execute_command("PUBSUB", "SHARDNUMSUB", "orders"), ["orders", 1])


class Resp2SubscribedModeTests(DataTestBase):
    PROTOCOL = 2

    def test_ping_answers_pong_inside_subscribed_mode(self):
        p = self.r.pubsub()
        try:
            p.subscribe("c")
            next_message(p)
            p.ping()
            self.assertEqual(next_message(p), {"type": "pong", "pattern": None, "channel": None, "data": ""})
            p.ping("hello")
            self.assertEqual(next_message(p)["data"], "hello")
        finally:
            p.close()

    def test_other_commands_are_refused_while_subscribed(self):
        with RawConnection(2) as raw:
            self.assertEqual(raw.value("SUBSCRIBE", "c"), [b"subscribe", b"c", 1])
            self.assertEqual(raw.call("GET", "k"), b"-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / "
                                                    b"PING / QUIT / RESET are allowed in this context\r\n")
            self.assertEqual(raw.call("PING"), b"*2\r\n$4\r\npong\r\n$0\r\n\r\n")
            self.assertEqual(raw.call("RESET"), b"+RESET\r\n")
            self.assertIsNone(raw.value("GET", "k"))


for _proto in PROTOCOLS:
    _name = f"TestPubSubResp{_proto}"
    globals()[_name] = type(_name, (PubSubTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name
TestResp2SubscribedMode = type("TestResp2SubscribedMode", (Resp2SubscribedModeTests, unittest.TestCase), {})


if __name__ == "__main__":
    unittest.main(verbosity=2)
