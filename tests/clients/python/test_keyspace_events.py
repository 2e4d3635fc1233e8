#!/usr/bin/env python3
"""redis-py keyspace notifications suite: notify-keyspace-events and the events commands publish, as a redis-py
application subscribed to __keyspace@*__ / __keyevent@*__ sees them.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2 (the hash-field expiry test needs HEXPIRE, Redis 7.4, and is skipped where it is missing):

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_keyspace_events.py
"""

import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_redis_py import DataTestBase, PROTOCOLS  # noqa: E402

WAIT = 5.0
QUIET = 0.3


def ev(event, key, db=0):
    """A keyevent message as `events` shows it."""
    return f"__keyevent@{db}__:{event} {key}"


def ks(key, event, db=0):
    """A keyspace message as `events` shows it."""
    return f"__keyspace@{db}__:{key} {event}"


class KeyspaceEventTests(DataTestBase):
    def setUp(self):
        super().setUp()
        self.saved = self.r.config_get("notify-keyspace-events")["notify-keyspace-events"]
        self.p = self.r.pubsub()
        self.p.psubscribe("__key*@*__:*")
        self.assertEqual(self._next()["type"], "psubscribe")

    def tearDown(self):
        self.p.close()
        self.r.config_set("notify-keyspace-events", self.saved)
        super().tearDown()

    def notify(self, classes):
        self.r.config_set("notify-keyspace-events", classes)

    def _next(self, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.p.get_message(timeout=max(0.0, deadline - time.monotonic()))
            if message is not None:
                return message
        return None

    def events(self, count):
        """The next `count` keyspace messages, as "channel payload"."""
        received = []
        while len(received) < count:
            message = self._next()
            self.assertIsNotNone(message, f"only {received} arrived, {count} expected")
            self.assertEqual(message["type"], "pmessage")
            received.append(f"{message['channel']} {message['data']}")
        return received

    def expect(self, *expected):
        self.assertEqual(self.events(len(expected)), list(expected))

    def assertQuiet(self):
        message = self._next(QUIET)
        self.assertIsNone(message, f"unexpected {message}")

    # ---- notify-keyspace-events ------------------------------------------------------------------------------

    def test_config_reads_the_classes_back_as_redis_prints_them(self):
        for given, printed in [("KEA", "AKE"), ("g$lshzxetdKE", "AKE"), ("gKE", "gKE"), ("$lshzxeKE", "$lshzxeKE"),
                               ("KA", "AK"), ("EA", "AE"), ("mEK", "KEm"), ("nKEm", "nKEm"), ("Anm", "Am"), ("", "")]:
            self.notify(given)
            self.assertEqual(self.r.config_get("notify-keyspace-events")["notify-keyspace-events"], printed, given)

    def test_config_refuses_an_unknown_class(self):
        self.notify("Kl")
        self.assertError(r"^CONFIG SET failed \(possibly related to argument 'notify-keyspace-events'\) - "
                         r"Invalid event class character\. Use 'Ag\$lshzxeKEtmdn'\.$",
                         "CONFIG", "SET", "notify-keyspace-events", "KEQ")
        self.assertEqual(self.r.config_get("notify-keyspace-events")["notify-keyspace-events"], "lK")

    # ---- channels ----------------------------------------------------------------------------------------------

    def test_keyspace_keyevent_and_both(self):
        self.notify("KA")
        self.r.set("foo", "bar")
        self.expect(ks("foo", "set"))
        self.notify("EA")
        self.r.set("foo", "bar")
        self.expect(ev("set", "foo"))
        self.notify("KEA")
        self.r.set("foo", "bar")
        self.expect(ks("foo", "set"), ev("set", "foo"))
        self.notify("")
        self.r.set("foo", "bar")
        self.assertQuiet()

    def test_masked_classes_publish_nothing(self):
        self.notify("KEl")
        self.r.set("foo", "bar")
        self.r.lpush("mylist", "a")
        self.expect(ks("mylist", "lpush"), ev("lpush", "mylist"))
        self.assertQuiet()

    def test_another_database(self):
        self.notify("Eg")
        self.r.execute_command("SELECT", 5)
        try:
            self.r.set("k", "v")
            self.r.delete("k")
        finally:
            self.r.execute_command("SELECT", 0)
        self.expect(ev("del", "k", db=5))

    # ---- generic -----------------------------------------------------------------------------------------------

    def test_generic_events(self):
        self.notify("Egn")
        self.r.set("a", "1")
        self.r.set("b", "2")
        self.r.expire("a", 100)
        self.r.pexpireat("a", 99999999999999)
        self.r.persist("a")
        self.r.persist("a")
        self.r.rename("a", "b")
        self.r.execute_command("COPY", "b", "c")
        self.r.execute_command("MOVE", "c", 3)
        self.r.expire("b", -1)
        self.r.delete("missing")
        self.expect(ev("new", "a"), ev("new", "b"), ev("expire", "a"), ev("expire", "a"), ev("persist", "a"),
                    ev("new", "b"), ev("rename_from", "a"), ev("rename_to", "b"), ev("new", "c"), ev("copy_to", "c"),
                    ev("new", "c", db=3), ev("move_from", "c"), ev("move_to", "c", db=3), ev("del", "b"))
        self.assertQuiet()

    def test_new_and_keymiss(self):
        self.notify("Enm")
        self.r.set("foo", "bar")
        self.r.set("foo", "baz")
        self.r.get("missing")
        self.r.execute_command("GETSET", "other", "x")
        self.r.mget("foo", "missing")
        self.r.exists("missing")
        self.r.hget("missing", "f")
        self.r.lpop("missing")
        self.expect(ev("new", "foo"), ev("keymiss", "missing"), ev("keymiss", "other"), ev("new", "other"),
                    ev("keymiss", "missing"), ev("keymiss", "missing"), ev("keymiss", "missing"))
        self.assertQuiet()

    def test_expired_events_background_expire(self):
        self.notify("Ex")
        self.r.psetex("foo", 100, "1")
        self.expect(ev("expired", "foo"))

    # ---- types -------------------------------------------------------------------------------------------------

    def test_string_events(self):
        self.notify("E$g")
        self.r.set("k", "v", ex=100)
        self.r.execute_command("SET", "k", "v", "NX")
        self.r.append("k", "x")
        self.r.setrange("k", 1, "y")
        self.r.setrange("k", 1, "")
        self.r.incr("n")
        self.r.decrby("n", 2)
        self.r.incrbyfloat("n", 1.5)
        self.r.execute_command("GETEX", "k", "PERSIST")
        self.r.execute_command("GETDEL", "k")
        self.r.setbit("b", 7, 1)
        self.r.setbit("b", 7, 1)
        self.r.pfadd("h", "a")
        self.r.execute_command("PFMERGE", "h2", "h")
        self.expect(ev("set", "k"), ev("expire", "k"), ev("append", "k"), ev("setrange", "k"), ev("incrby", "n"),
                    ev("incrby", "n"), ev("incrbyfloat", "n"), ev("persist", "k"), ev("del", "k"), ev("setbit", "b"),
                    ev("pfadd", "h"), ev("pfadd", "h2"))
        self.assertQuiet()

    def test_list_events(self):
        self.notify("Elg")
        self.r.rpush("l", "a", "b", "c")
        self.r.linsert("l", "BEFORE", "b", "x")
        self.r.lset("l", 0, "y")
        self.r.lrem("l", 0, "x")
        self.r.ltrim("l", 0, -1)
        self.r.execute_command("LMOVE", "l", "d", "LEFT", "RIGHT")
        self.r.rpop("l", 5)
        self.r.blpop("d", 1)
        self.expect(ev("rpush", "l"), ev("linsert", "l"), ev("lset", "l"), ev("lrem", "l"), ev("ltrim", "l"),
                    ev("rpush", "d"), ev("lpop", "l"), ev("rpop", "l"), ev("del", "l"), ev("lpop", "d"), ev("del", "d"))
        self.assertQuiet()

    def test_hash_and_set_events(self):
        self.notify("Ehsg")
        self.r.hset("h", mapping={"a": "1", "b": "2"})
        self.r.hincrby("h", "n", 1)
        self.r.hincrbyfloat("h", "f", 1.5)
        self.r.hdel("h", "a", "b", "n", "f")
        self.r.sadd("s", "1", "2")
        self.r.smove("s", "d", "1")
        self.r.sunionstore("u", ["s", "d"])
        self.r.sinterstore("u", ["s", "d"])
        self.r.srem("s", "2")
        self.expect(ev("hset", "h"), ev("hincrby", "h"), ev("hincrbyfloat", "h"), ev("hdel", "h"), ev("del", "h"),
                    ev("sadd", "s"), ev("srem", "s"), ev("sadd", "d"), ev("sunionstore", "u"), ev("del", "u"),
                    ev("srem", "s"), ev("del", "s"))
        self.assertQuiet()

    def test_zset_and_geo_events(self):
        self.notify("Ezg")
        self.r.zadd("z", {"a": 1, "b": 2})
        self.r.zincrby("z", 1, "a")
        self.r.zremrangebyscore("z", 0, 0)
        self.r.zadd("w", {"c": 3})
        self.r.zunionstore("u", ["z", "w"])
        self.r.zpopmin("z")
        self.r.zpopmax("z", 5)
        self.r.geoadd("g", (13.361389, 38.115556, "Palermo"))
        self.r.execute_command("GEOSEARCHSTORE", "gs", "g", "FROMLONLAT", 13, 38, "BYRADIUS", 200, "km")
        self.expect(ev("zadd", "z"), ev("zincr", "z"), ev("zadd", "w"), ev("zunionstore", "u"), ev("zpopmin", "z"),
                    ev("zpopmax", "z"), ev("del", "z"), ev("zadd", "g"), ev("geosearchstore", "gs"))
        self.assertQuiet()

    def test_stream_events(self):
        self.notify("Etn")
        self.r.xadd("s", {"f": "v"}, id="1-0")
        self.r.xadd("s", {"f": "v"}, id="2-0", maxlen=1, approximate=False)
        self.r.xgroup_create("s", "g", id="0")
        self.r.xgroup_createconsumer("s", "g", "c")
        # Reading an entry creates the reader (Redis 7.0 creates it only when there is something to read).
        self.x.execute_command("XREADGROUP", "GROUP", "g", "reader", "STREAMS", "s", ">")
        self.r.xdel("s", "2-0")
        self.r.xgroup_setid("s", "g", id="0")
        self.r.xgroup_delconsumer("s", "g", "c")
        self.r.xgroup_destroy("s", "g")
        self.expect(ev("new", "s"), ev("xadd", "s"), ev("xadd", "s"), ev("xtrim", "s"), ev("xgroup-create", "s"),
                    ev("xgroup-createconsumer", "s"), ev("xgroup-createconsumer", "s"), ev("xdel", "s"),
                    ev("xgroup-setid", "s"), ev("xgroup-delconsumer", "s"), ev("xgroup-destroy", "s"))
        self.assertQuiet()

    def test_transactions_and_scripts(self):
        self.notify("E$l")
        with self.r.pipeline(transaction=True) as pipe:
            pipe.set("a", "1").incr("a").execute()
        self.r.eval("redis.call('rpush', KEYS[1], 'x') return 1", 1, "l")
        self.expect(ev("set", "a"), ev("incrby", "a"), ev("rpush", "l"))

    def test_hash_field_expiry(self):
        if not self.x.execute_command("COMMAND", "INFO", "hexpire")[0]:
            self.skipTest("HEXPIRE needs Redis 7.4")
        self.notify("Ehg")
        self.r.hset("h", mapping={"a": "1", "b": "2"})
        self.r.execute_command("HEXPIRE", "h", 100, "FIELDS", 1, "a")
        self.r.execute_command("HPERSIST", "h", "FIELDS", 1, "a")
        self.r.execute_command("HPEXPIRE", "h", 50, "FIELDS", 2, "a", "b")
        self.expect(ev("hset", "h"), ev("hexpire", "h"), ev("hpersist", "h"), ev("hexpire", "h"),
                    ev("hexpired", "h"), ev("del", "h"))


for _proto in PROTOCOLS:
    _name = f"TestKeyspaceEventsResp{_proto}"
    globals()[_name] = type(_name, (KeyspaceEventTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
