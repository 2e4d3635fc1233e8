#!/usr/bin/env python3
"""redis-py transaction suite: pipelines with MULTI/EXEC, WATCH and the optimistic-locking loop on AkkaKv.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2:

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_transactions.py
"""

import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ExecAbortError, ResponseError, WatchError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, make_client  # noqa: E402


class TransactionTests(DataTestBase):
    def test_a_transactional_pipeline_returns_every_reply(self):
        with self.r.pipeline(transaction=True) as pipe:
            pipe.set("a", 1).incr("a").rpush("l", "x", "y").lrange("l", 0, -1).get("missing")
            self.assertEqual(pipe.execute(), [True, 2, 2, ["x", "y"], None])

    def test_run_time_errors_stay_in_their_place(self):
        self.r.set("text", "abc")
        with self.r.pipeline(transaction=True) as pipe:
            pipe.incr("text").incr("counter")
            results = pipe.execute(raise_on_error=False)
        self.assertIsInstance(results[0], ResponseError)
        self.assertEqual(results[1], 1)

    def test_queue_time_errors_abort_with_execabort(self):
        with self.r.pipeline(transaction=True) as pipe:
            pipe.set("a", 1).execute_command("NO-SUCH-COMMAND").set("b", 2)
            with self.assertRaises((ExecAbortError, ResponseError)):
                pipe.execute()
        self.assertEqual(self.r.exists("a", "b"), 0)

    def test_watch_aborts_on_a_concurrent_write(self):
        self.r.set("balance", 10)
        with self.r.pipeline() as pipe:
            pipe.watch("balance")
            self.assertEqual(pipe.get("balance"), "10")
            self.r.set("balance", 99)
            pipe.multi()
            pipe.set("balance", 11)
            with self.assertRaises(WatchError):
                pipe.execute()
        self.assertEqual(self.r.get("balance"), "99")

    def test_the_transaction_helper_retries_until_it_lands(self):
        self.r.set("counter", 0)
        errors = []

        def add_one(pipe):
            value = int(pipe.get("counter"))  # read while watching, before MULTI
            pipe.multi()
            pipe.set("counter", value + 1)

        def increment(times):
            client = make_client(self.PROTOCOL)
            try:
                for _ in range(times):
                    client.transaction(add_one, "counter")
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)
            finally:
                client.close()

        workers = [threading.Thread(target=increment, args=(50,)) for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        self.assertEqual(errors, [])
        self.assertEqual(self.r.get("counter"), "200")

    def test_discard_and_the_state_errors(self):
        with self.assertRaisesRegex(ResponseError, "EXEC without MULTI"):
            self.r.execute_command("EXEC")
        with self.assertRaisesRegex(ResponseError, "DISCARD without MULTI"):
            self.r.execute_command("DISCARD")


for _proto in PROTOCOLS:
    _name = f"TestTransactionResp{_proto}"
    globals()[_name] = type(_name, (TransactionTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
