#!/usr/bin/env python3
"""redis-py geo suite: what a Python application sees of GEOADD, GEOSEARCH and friends on AkkaKv.

Runs against $AKKAKV_HOST:$AKKAKV_PORT like test_redis_py.py, under RESP2 and RESP3, and passes against real
Redis 7.0 and 7.2:

    AKKAKV_PORT=6390 /usr/bin/python3 -m unittest -v tests/clients/python/test_geo.py

Distances are strings with 4 decimals in both protocols; coordinates are RESP3 doubles (RESP2 strings), so the
exact reply shapes are checked on the raw bytes.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from redis.exceptions import ResponseError  # noqa: E402

from test_redis_py import DataTestBase, PROTOCOLS, RawConnection  # noqa: E402

SICILY = (13.361389, 38.115556, "Palermo", 15.087269, 37.502669, "Catania")


class GeoTests(DataTestBase):
    def setUp(self):
        super().setUp()
        self.assertEqual(self.r.geoadd("Sicily", SICILY), 2)

    def test_geoadd_options(self):
        self.assertEqual(self.r.geoadd("Sicily", SICILY), 0)
        self.assertEqual(self.r.geoadd("Sicily", (13.5, 38.0, "Palermo", 1, 1, "x"), xx=True, ch=True), 1)
        self.assertIsNone(self.r.zscore("Sicily", "x"))
        self.assertEqual(self.r.geoadd("Sicily", (13.361389, 38.115556, "Palermo", 1, 1, "x"), nx=True), 1)
        self.assertEqual(self.r.zscore("Sicily", "Palermo"), 3479097324432493.0)
        self.assertEqual(self.r.zscore("Sicily", "Catania"), 3479447370796909.0)
        self.assertEqual(self.r.type("Sicily"), "zset")
        with self.assertRaisesRegex(ResponseError, r"^invalid longitude,latitude pair 200\.000000,100\.000000$"):
            self.r.geoadd("Sicily", (200, 100, "bad"))
        with self.assertRaisesRegex(ResponseError, "^syntax error$"):
            self.r.execute_command("GEOADD", "Sicily", "XX", "NX", 1, 1, "m")
        with self.assertRaisesRegex(ResponseError, "^value is not a valid float$"):
            self.r.execute_command("GEOADD", "Sicily", "foo", "bar", "m")

    def test_geopos_geohash_geodist(self):
        pos = self.r.geopos("Sicily", "Palermo", "nope")
        self.assertEqual(pos[1], None)
        self.assertAlmostEqual(pos[0][0], 13.361389, places=5)
        self.assertAlmostEqual(pos[0][1], 38.115556, places=5)
        self.assertEqual(self.r.geohash("Sicily", "Palermo", "Catania", "nope"), ["sqc8b49rny0", "sqdtr74hyu0", None])
        self.assertEqual(self.r.geodist("Sicily", "Palermo", "Catania"), 166274.1516)
        self.assertEqual(self.r.geodist("Sicily", "Palermo", "Catania", "km"), 166.2742)
        self.assertIsNone(self.r.geodist("Sicily", "Palermo", "nope"))
        self.assertIsNone(self.r.geodist("missing", "a", "b"))
        with self.assertRaisesRegex(ResponseError, "^unsupported unit provided. please use M, KM, FT, MI$"):
            self.r.execute_command("GEODIST", "Sicily", "Palermo", "Catania", "yd")

    def test_exact_reply_bytes(self):
        with RawConnection(self.PROTOCOL) as raw:
            if self.PROTOCOL == 3:
                coords = b"*2\r\n,15.08726745843887329\r\n,37.50266842333162032\r\n"
                null_array = b"_\r\n"
            else:
                coords = b"*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n"
                null_array = b"*-1\r\n"
            self.assertEqual(raw.call("GEOPOS", "Sicily", "Catania", "nope"), b"*2\r\n" + coords + null_array)
            self.assertEqual(raw.call("GEODIST", "Sicily", "Palermo", "Catania", "mi"), b"$8\r\n103.3182\r\n")
            self.assertEqual(
                raw.call("GEOSEARCH", "Sicily", "FROMLONLAT", 15, 37, "BYRADIUS", 100, "km", "WITHDIST", "WITHHASH", "WITHCOORD"),
                b"*1\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n" + coords,
            )

    def test_georadius_and_geosearch(self):
        self.assertEqual(self.r.georadius("Sicily", 15, 37, 200, unit="km", sort="ASC"), ["Catania", "Palermo"])
        self.assertEqual(
            self.r.georadius("Sicily", 15, 37, 200, unit="km", withdist=True, sort="DESC"),
            [["Palermo", 190.4424], ["Catania", 56.4413]],
        )
        self.assertEqual(self.r.georadiusbymember("Sicily", "Palermo", 200, unit="km", count=1), ["Palermo"])
        self.assertEqual(
            self.r.geosearch("Sicily", longitude=15, latitude=37, width=400, height=400, unit="km", sort="ASC", withhash=True),
            [["Catania", 3479447370796909], ["Palermo", 3479099956230698]],
        )
        found = self.r.geosearch("Sicily", member="Catania", radius=200, unit="km", withcoord=True, count=2, any=True)
        self.assertEqual([name for name, _ in found], ["Palermo", "Catania"])
        self.assertAlmostEqual(found[1][1][0], 15.087269, places=5)
        self.assertEqual(self.r.geosearch("missing", longitude=1, latitude=1, radius=1), [])
        with self.assertRaisesRegex(ResponseError, "^could not decode requested zset member$"):
            self.r.geosearch("Sicily", member="nope", radius=1)
        with self.assertRaisesRegex(ResponseError, "^the ANY argument requires COUNT argument$"):
            self.r.execute_command("GEOSEARCH", "Sicily", "FROMLONLAT", 15, 37, "BYRADIUS", 1, "km", "ANY")
        with self.assertRaisesRegex(ResponseError, "^COUNT must be > 0$"):
            self.r.execute_command("GEOSEARCH", "Sicily", "FROMLONLAT", 15, 37, "BYRADIUS", 1, "km", "COUNT", 0)
        with self.assertRaisesRegex(ResponseError, "^exactly one of BYRADIUS and BYBOX can be specified for GEOSEARCH$"):
            self.r.execute_command("GEOSEARCH", "Sicily", "FROMLONLAT", 15, 37, "ASC", "WITHDIST")

    def test_stores(self):
        self.assertEqual(self.r.georadius("Sicily", 15, 37, 200, unit="km", store="near"), 2)
        self.assertEqual(self.r.zrange("near", 0, -1), ["Palermo", "Catania"])
        self.assertEqual(self.r.zmscore("near", ["Palermo", "Catania"]), [3479099956230698.0, 3479447370796909.0])
        self.assertEqual(self.r.georadiusbymember("Sicily", "Palermo", 200, unit="km", store_dist="near"), 2)
        self.assertEqual(self.r.zscore("near", "Palermo"), 0.0)
        self.assertAlmostEqual(self.r.zscore("near", "Catania"), 166.274, places=3)
        self.assertEqual(self.r.geosearchstore("far", "Sicily", longitude=15, latitude=37, radius=200, unit="km",
                                               sort="DESC", count=1, storedist=True), 1)
        self.assertEqual(self.r.zrange("far", 0, -1), ["Palermo"])
        self.assertEqual(self.r.geosearchstore("far", "Sicily", longitude=1, latitude=1, radius=1), 0)
        self.assertEqual(self.r.exists("far"), 0)
        with self.assertRaisesRegex(ResponseError, "^STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options$"):
            self.r.execute_command("GEORADIUS", "Sicily", 15, 37, 200, "km", "STORE", "x", "WITHDIST")

    def test_wrong_type(self):
        self.r.set("s", "v")
        for args in (("GEOADD", "s", 1, 1, "a"), ("GEOPOS", "s", "a"), ("GEOHASH", "s", "a"), ("GEODIST", "s", "a", "b"),
                     ("GEOSEARCH", "s", "FROMLONLAT", 1, 1, "BYRADIUS", 1, "km"), ("GEORADIUS_RO", "s", 1, 1, 1, "km")):
            with self.assertRaisesRegex(ResponseError, "^WRONGTYPE"):
                self.x.execute_command(*args)


for _proto in PROTOCOLS:
    _name = f"TestGeoResp{_proto}"
    globals()[_name] = type(_name, (GeoTests, unittest.TestCase), {"PROTOCOL": _proto})
del _proto, _name


if __name__ == "__main__":
    unittest.main(verbosity=2)
