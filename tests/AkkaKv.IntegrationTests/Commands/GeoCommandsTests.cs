using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/geo: the geo commands under RESP2 and RESP3. This part: GEOADD, GEOPOS, GEODIST, GEOHASH, the exact
/// reply bytes and error texts, key positions and what is journaled. The searches are in the Search part.
/// </summary>
public sealed partial class GeoCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static readonly string[] Sicily = ["13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"];

    // ---- GEOADD ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geoadd_creates_updates_and_follows_nx_xx_ch(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("nyc");
        AssertInteger(1, client.Execute("GEOADD", key, "-73.9454966", "40.747533", "lic market"));
        AssertInteger(0, client.Execute("GEOADD", key, "-73.9454966", "40.747533", "lic market"));
        AssertInteger(1, client.Execute("GEOADD", key, "CH", "40.747533", "-73.9454966", "lic market"));
        AssertPosition(client.Execute("GEOPOS", key, "lic market").Items![0], 40.747, -73.945);
        AssertInteger(0, client.Execute("GEOADD", key, "NX", "-73.9454966", "40.747533", "lic market"));
        AssertPosition(client.Execute("GEOPOS", key, "lic market").Items![0], 40.747, -73.945);
        AssertInteger(0, client.Execute("GEOADD", key, "XX", "-83.9454966", "40.747533", "lic market"));
        AssertPosition(client.Execute("GEOPOS", key, "lic market").Items![0], -83.945, 40.747);
        AssertInteger(0, client.Execute("GEOADD", key, "CH", "NX", "-73.9454966", "40.747533", "lic market"));
        AssertInteger(1, client.Execute("GEOADD", key, "CH", "XX", "-73.9454966", "40.747533", "lic market"));
        AssertInteger(0, client.Execute("GEOADD", key, "XX", "1", "1", "absent"));
        AssertNull(client.Execute("ZSCORE", key, "absent"));

        var missing = NewKey();
        AssertInteger(0, client.Execute("GEOADD", missing, "XX", "1", "1", "a"));
        AssertInteger(0, client.Execute("EXISTS", missing));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geoadd_stores_the_52_bit_hashes_as_scores(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("nyc");
        AssertInteger(1, client.Execute("GEOADD", key, "-73.9454966", "40.747533", "lic market"));
        AssertInteger(6, client.Execute("GEOADD", key, "-73.9733487", "40.7648057", "central park n/q/r", "-73.9903085", "40.7362513", "union square",
            "-74.0131604", "40.7126674", "wtc one", "-73.7858139", "40.6428986", "jfk", "-73.9375699", "40.7498929", "q4", "-73.9564142", "40.7480973", "4545"));
        var reply = client.Execute("ZRANGE", key, "0", "-1", "WITHSCORES");
        var flat = protocol == 3 ? reply.Items!.SelectMany(pair => pair.Items!).ToList() : reply.Items!.ToList();
        Assert.Equal(
            ["wtc one", "1791873972053020", "union square", "1791875485187452", "central park n/q/r", "1791875761332224", "4545", "1791875796750882",
             "lic market", "1791875804419201", "q4", "1791875830079666", "jfk", "1791895905559723"],
            flat.Select(item => item.Type == RespType.Double ? item.Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : item.Text));
        Assert.Equal("listpack", client.Execute("OBJECT", "ENCODING", key).Text);
    }

    [Theory]
    [InlineData(2, new[] { "xx", "nx", "1", "1", "m" }, "ERR syntax error")]
    [InlineData(3, new[] { "ch", "xx", "foo", "1", "1", "m" }, "ERR syntax error")]
    [InlineData(2, new[] { "GT", "1", "1", "m" }, "ERR syntax error")]
    [InlineData(3, new[] { "1", "1", "m", "2" }, "ERR syntax error")]
    [InlineData(2, new[] { "NX", "CH", "CH" }, "ERR syntax error")]
    [InlineData(3, new[] { "-73.9454966", "40.747533", "lic market", "foo", "bar", "luck market" }, "ERR value is not a valid float")]
    [InlineData(2, new[] { "nan", "0", "m" }, "ERR value is not a valid float")]
    [InlineData(3, new[] { "200", "100", "m" }, "ERR invalid longitude,latitude pair 200.000000,100.000000")]
    [InlineData(2, new[] { "1", "85.05112879", "m" }, "ERR invalid longitude,latitude pair 1.000000,85.051129")]
    [InlineData(3, new[] { "-inf", "0", "m" }, "ERR invalid longitude,latitude pair -inf,0.000000")]
    [InlineData(2, new[] { "1e300", "0", "m" }, "ERR invalid longitude,latitude pair 1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000,0.000000")]
    public void Geoadd_refuses_bad_arguments_and_changes_nothing(int protocol, string[] arguments, string error)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError(error, client.Execute(["GEOADD", key, .. arguments]));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geo_commands_refuse_other_types(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "x"));
        const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        AssertError(WrongType, client.Execute("GEOADD", key, "1", "1", "m"));
        AssertError(WrongType, client.Execute("GEOPOS", key, "m"));
        AssertError(WrongType, client.Execute("GEOHASH", key, "m"));
        AssertError(WrongType, client.Execute("GEODIST", key, "a", "b"));

        // Positions are checked before the key's type, as Redis's GEOADD does before calling ZADD.
        AssertError("ERR invalid longitude,latitude pair 1.000000,1000.000000", client.Execute("GEOADD", key, "1", "1000", "m"));
        AssertError("ERR unsupported unit provided. please use M, KM, FT, MI", client.Execute("GEODIST", key, "a", "b", "yards"));
    }

    // ---- GEOPOS, GEOHASH, GEODIST ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geopos_replies_the_cell_centres_exactly(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("pos");
        client.Execute(["GEOADD", key, .. Sicily]);
        var request = Command("GEOPOS", key, "Palermo", "nope", "Catania");
        var expected = protocol == 3
            ? "*3\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n_\r\n*2\r\n,15.08726745843887329\r\n,37.50266842333162032\r\n"
            : "*3\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*-1\r\n*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n";
        AssertRawReply(expected, request, protocol);
        AssertRawReply(protocol == 3 ? "*1\r\n_\r\n" : "*1\r\n*-1\r\n", Command("GEOPOS", NewKey(), "a"), protocol);
        AssertRawReply("*0\r\n", Command("GEOPOS", key), protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geopos_decodes_the_edges_and_any_score_zadd_put_there(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("edges");
        AssertInteger(3, client.Execute("GEOADD", key, "-180", "-85.05112878", "sw", "180", "85.05112878", "ne", "0", "0", "zero"));
        AssertInteger(2, client.Execute("ZADD", key, "-1", "minus", "1e30", "huge"));
        var text = protocol == 3 ? ",{0}\r\n,{1}\r\n" : "${2}\r\n{0}\r\n${3}\r\n{1}\r\n";
        string Pair(string x, string y) => "*2\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, text, x, y, x.Length, y.Length);
        var expected = "*5\r\n" + Pair("-179.99999731779098511", "-85.05112751263942528") + Pair("180", "85.0511287799999991")
            + Pair("0.00000268220901489", "0.00000126736058093") + Pair("180", "85.0511287799999991") + Pair("-179.99999731779098511", "-85.05112751263942528");
        AssertRawReply(expected, Command("GEOPOS", key, "sw", "ne", "zero", "minus", "huge"), protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geohash_returns_standard_geohash_strings(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("hash");
        AssertInteger(1, client.Execute("GEOADD", key, "-5.6", "42.6", "test"));
        AssertTexts(["ezs42e44yx0"], client.Execute("GEOHASH", key, "test"));
        client.Execute(["GEOADD", key, .. Sicily]);
        AssertRawReply(protocol == 3 ? "*3\r\n$11\r\nsqc8b49rny0\r\n_\r\n$11\r\nsqdtr74hyu0\r\n" : "*3\r\n$11\r\nsqc8b49rny0\r\n$-1\r\n$11\r\nsqdtr74hyu0\r\n",
            Command("GEOHASH", key, "Palermo", "nope", "Catania"), protocol);
        AssertRawReply("*0\r\n", Command("GEOHASH", key), protocol);
        AssertTexts([null], client.Execute("GEOHASH", NewKey(), "a"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geodist_replies_four_decimals_in_any_unit(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("dist");
        client.Execute(["GEOADD", key, .. Sicily]);
        AssertRawReply("$11\r\n166274.1516\r\n", Command("GEODIST", key, "Palermo", "Catania"), protocol);
        AssertRawReply("$8\r\n166.2742\r\n", Command("GEODIST", key, "Palermo", "Catania", "km"), protocol);
        AssertRawReply("$8\r\n103.3182\r\n", Command("GEODIST", key, "Palermo", "Catania", "MI"), protocol);
        AssertRawReply("$11\r\n545518.8700\r\n", Command("GEODIST", key, "Palermo", "Catania", "Ft"), protocol);
        AssertRawReply("$6\r\n0.0000\r\n", Command("GEODIST", key, "Palermo", "Palermo"), protocol);
        var nullReply = protocol == 3 ? "_\r\n" : "$-1\r\n";
        AssertRawReply(nullReply, Command("GEODIST", key, "Palermo", "Agrigento"), protocol);
        AssertRawReply(nullReply, Command("GEODIST", key, "Ragusa", "Agrigento"), protocol);
        AssertRawReply(nullReply, Command("GEODIST", NewKey(), "Palermo", "Catania"), protocol);
        AssertError("ERR unsupported unit provided. please use M, KM, FT, MI", client.Execute("GEODIST", key, "Palermo", "Catania", "yd"));
        AssertError("ERR syntax error", client.Execute("GEODIST", key, "Palermo", "Catania", "km", "x"));
        AssertError("ERR wrong number of arguments for 'geodist' command", client.Execute("GEODIST", key, "Palermo"));
    }

    // ---- the command table and the journal -----------------------------------------------------------------------

    [Theory]
    [InlineData(new[] { "GEORADIUS", "src", "1", "1", "1", "km", "STORE", "dst", "STOREDIST", "dst2" }, new[] { "src", "dst", "dst2" })]
    [InlineData(new[] { "GEORADIUS", "src", "1", "1", "1", "km", "STORE", "a", "STORE", "b" }, new[] { "src", "a", "b" })]
    [InlineData(new[] { "GEORADIUS", "src", "1", "1", "1", "km", "ASC" }, new[] { "src" })]
    [InlineData(new[] { "GEORADIUSBYMEMBER", "src", "m", "1", "km", "store", "dst" }, new[] { "src", "dst" })]
    [InlineData(new[] { "GEOSEARCHSTORE", "d", "s", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km" }, new[] { "d", "s" })]
    [InlineData(new[] { "GEORADIUS_RO", "src", "1", "1", "1", "km" }, new[] { "src" })]
    public void Command_getkeys_finds_the_store_keys(string[] request, string[] keys)
    {
        using var client = Connect();
        AssertTexts(keys, client.Execute(["COMMAND", "GETKEYS", .. request]));
    }

    [Theory]
    [InlineData("georadius", -6, "write denyoom movablekeys", 1, 1, 1)]
    [InlineData("georadius_ro", -6, "readonly", 1, 1, 1)]
    [InlineData("georadiusbymember", -5, "write denyoom movablekeys", 1, 1, 1)]
    [InlineData("geosearch", -7, "readonly", 1, 1, 1)]
    [InlineData("geosearchstore", -8, "write denyoom", 1, 2, 1)]
    [InlineData("geoadd", -5, "write denyoom", 1, 1, 1)]
    [InlineData("geohash", -2, "readonly", 1, 1, 1)]
    public void Command_info_matches_redis(string name, int arity, string flags, int first, int last, int step)
    {
        using var client = Connect();
        var entry = client.Execute("COMMAND", "INFO", name).Items![0].Items!;
        AssertInteger(arity, entry[1]);
        Assert.Equal(flags.Split(' '), Texts(entry[2]));
        AssertInteger(first, entry[3]);
        AssertInteger(last, entry[4]);
        AssertInteger(step, entry[5]);
        Assert.Contains("@geo", Texts(entry[6]));
    }

    [Fact]
    public async Task Writes_are_journaled_as_redis_propagates_them()
    {
        var journal = new CapturingJournal();
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 1 }");
        await using var node = ServerNode.Start(settings, _ => journal, new TestRouter(enabled: false), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        string[][] commands =
        [
            ["GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"],
            ["GEOADD", "g", "13.361389", "38.115556", "Palermo"],
            ["GEOADD", "g", "ch", "XX", "13.361389", "38", "Palermo", "1", "1", "nope"],
            ["GEORADIUS", "g", "15", "37", "200", "km"],
            ["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST"],
            ["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"],
            ["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"],
            ["GEORADIUSBYMEMBER", "missing", "m", "1", "km", "STORE", "nothing"],
            ["GEORADIUS", "g", "15", "37", "200", "km", "COUNT", "1", "STORE", "e"],
        ];
        foreach (var command in commands) Assert.False(client.Execute(command).IsError, string.Join(' ', command));

        string[] expected =
        [
            "ZADD g 3479099956230698 Palermo 3479447370796909 Catania",
            "ZADD g ch XX 3479096650853999 Palermo 3377822707026402 nope",
            "GEOSEARCHSTORE d g FROMLONLAT 15 37 BYRADIUS 200 km STOREDIST",
            "GEOSEARCHSTORE d g FROMLONLAT 0 0 BYRADIUS 1 km",
            "GEORADIUS g 15 37 200 km COUNT 1 STORE e",
        ];
        Assert.True(Eventually(() => journal.Lines().Count >= expected.Length), "the journal stayed short");
        Assert.Equal(expected, journal.Lines());
    }

    /// <summary>The [longitude, latitude] of a GEOPOS entry, within a thousandth of a degree.</summary>
    private static void AssertPosition(RespValue position, double longitude, double latitude)
    {
        Assert.Equal(2, position.Items!.Count);
        Assert.Equal(longitude, Coordinate(position.Items[0]), 0.001);
        Assert.Equal(latitude, Coordinate(position.Items[1]), 0.001);
    }

    private static double Coordinate(RespValue value) =>
        value.Type == RespType.Double ? value.Double : double.Parse(value.Text!, System.Globalization.CultureInfo.InvariantCulture);
}
