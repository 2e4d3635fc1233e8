using System.Globalization;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// The searches: GEORADIUS, GEORADIUSBYMEMBER and their _RO forms, GEOSEARCH, GEOSEARCHSTORE; options, replies,
/// stores (across shards too), errors, and Redis's fuzzy tests, bounded.
/// </summary>
public sealed partial class GeoCommandsTests
{
    private static readonly string[] Nyc =
    [
        "-73.9454966", "40.747533", "lic market", "-73.9733487", "40.7648057", "central park n/q/r", "-73.9903085", "40.7362513", "union square",
        "-74.0131604", "40.7126674", "wtc one", "-73.7858139", "40.6428986", "jfk", "-73.9375699", "40.7498929", "q4", "-73.9564142", "40.7480973", "4545",
    ];

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Searches_on_a_wrong_type_source_fail(int protocol)
    {
        using var client = Connect(protocol);
        var (source, destination) = KeysOnDifferentShards("src");
        AssertOk(client.Execute("SET", source, "wrong_type"));
        foreach (var request in EdgeRequests(source, destination))
        {
            AssertErrorStartsWith("WRONGTYPE", client.Execute(request));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Searches_on_a_missing_source_reply_empty_and_delete_the_destination(int protocol)
    {
        using var client = Connect(protocol);
        var (source, destination) = KeysOnDifferentShards("src");
        foreach (var request in EdgeRequests(source, destination))
        {
            AssertOk(client.Execute("SET", destination, "old"));
            var stores = request.Contains(destination);
            var reply = client.Execute(request);
            if (stores) AssertInteger(0, reply);
            else Assert.Empty(reply.Items!);
            AssertInteger(stores ? 0 : 1, client.Execute("EXISTS", destination));
        }

        // Nothing is decoded without a source, not even GEORADIUSBYMEMBER's radius.
        Assert.Empty(client.Execute("GEORADIUSBYMEMBER", source, "member", "-5", "km").Items!);
        AssertError("ERR radius cannot be negative", client.Execute("GEORADIUS", source, "1", "1", "-5", "km"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Searches_with_nothing_found_or_a_missing_member(int protocol)
    {
        using var client = Connect(protocol);
        var (source, destination) = KeysOnDifferentShards("src");
        client.Execute(["GEOADD", source, .. Sicily]);
        Assert.Empty(client.Execute("GEORADIUS", source, "1", "1", "1", "km").Items!);
        AssertInteger(0, client.Execute("GEORADIUS", source, "1", "1", "1", "km", "STORE", destination));
        Assert.Empty(client.Execute("GEOSEARCH", source, "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km").Items!);
        AssertInteger(0, client.Execute("GEOSEARCHSTORE", destination, source, "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"));

        const string NotDecodable = "ERR could not decode requested zset member";
        AssertError(NotDecodable, client.Execute("GEORADIUSBYMEMBER", source, "member", "1", "km"));
        AssertError(NotDecodable, client.Execute("GEORADIUSBYMEMBER", source, "member", "1", "km", "STORE", destination));
        AssertError(NotDecodable, client.Execute("GEOSEARCH", source, "FROMMEMBER", "member", "BYBOX", "1", "1", "km"));
        AssertError(NotDecodable, client.Execute("GEOSEARCHSTORE", destination, source, "FROMMEMBER", "member", "BYBOX", "1", "1", "m"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Searches_sort_count_and_any_as_redis(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("nyc");
        client.Execute(["GEOADD", key, .. Nyc]);
        AssertTexts(["central park n/q/r", "4545", "union square"], client.Execute("GEORADIUS", key, "-73.9798091", "40.7598464", "3", "km", "asc"));
        AssertTexts(["central park n/q/r", "4545", "union square", "lic market"],
            client.Execute("GEOSEARCH", key, "fromlonlat", "-73.9798091", "40.7598464", "bybox", "6", "6", "km", "asc"));
        AssertTexts(["central park n/q/r", "4545", "union square"], client.Execute("GEORADIUS", key, "-73.9798091", "40.7598464", "10", "km", "COUNT", "3"));
        AssertTexts(["wtc one", "union square", "central park n/q/r"], client.Execute("GEORADIUS", key, "-73.9798091", "40.7598464", "10", "km", "COUNT", "3", "ANY"));
        AssertTexts(["central park n/q/r", "union square", "wtc one"], client.Execute("GEORADIUS", key, "-73.9798091", "40.7598464", "10", "km", "COUNT", "3", "ANY", "ASC"));
        AssertTexts(["wtc one", "q4"], client.Execute("GEORADIUS", key, "-73.9798091", "40.7598464", "10", "km", "COUNT", "2", "DESC"));
        AssertTexts(["wtc one", "union square", "central park n/q/r", "4545", "lic market"], client.Execute("GEORADIUSBYMEMBER", key, "wtc one", "7", "km"));
        AssertTexts(["wtc one", "union square", "central park n/q/r", "4545", "lic market", "q4"],
            client.Execute("GEOSEARCH", key, "frommember", "wtc one", "bybox", "14", "14", "km"));
        AssertTexts(["wtc one", "union square", "central park n/q/r", "4545", "lic market"], client.Execute("GEORADIUSBYMEMBER_RO", key, "wtc one", "7", "km"));
        AssertTexts(["central park n/q/r", "4545", "union square"], client.Execute("GEORADIUS_RO", key, "-73.9798091", "40.7598464", "3", "km", "asc"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Withdist_withhash_withcoord_replies_are_exact(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("nyc");
        client.Execute(["GEOADD", key, .. Nyc]);
        AssertRawReply("*3\r\n*2\r\n$18\r\ncentral park n/q/r\r\n$6\r\n0.7750\r\n*2\r\n$4\r\n4545\r\n$6\r\n2.3651\r\n*2\r\n$12\r\nunion square\r\n$6\r\n2.7697\r\n",
            Command("GEORADIUS", key, "-73.9798091", "40.7598464", "3", "km", "withdist", "asc"), protocol);
        AssertRawReply("*5\r\n*2\r\n$7\r\nwtc one\r\n$6\r\n0.0000\r\n*2\r\n$12\r\nunion square\r\n$6\r\n3.2544\r\n*2\r\n$18\r\ncentral park n/q/r\r\n$6\r\n6.7000\r\n"
            + "*2\r\n$4\r\n4545\r\n$6\r\n6.1975\r\n*2\r\n$10\r\nlic market\r\n$6\r\n6.8969\r\n",
            Command("GEORADIUSBYMEMBER", key, "wtc one", "7", "km", "withdist"), protocol);

        var sicily = NewKey("sicily");
        client.Execute(["GEOADD", sicily, .. Sicily]);
        var coordinates = protocol == 3
            ? "*2\r\n,15.08726745843887329\r\n,37.50266842333162032\r\n"
            : "*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n";
        AssertRawReply("*1\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n" + coordinates,
            Command("GEOSEARCH", sicily, "FROMLONLAT", "15", "37", "BYRADIUS", "100", "km", "WITHCOORD", "WITHHASH", "WITHDIST"), protocol);
        AssertRawReply("*1\r\n*2\r\n$7\r\nCatania\r\n" + coordinates,
            Command("GEOSEARCH", sicily, "FROMLONLAT", "15", "37", "BYRADIUS", "100", "km", "WITHCOORD"), protocol);
        AssertRawReply("*2\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n118.3357\r\n*2\r\n$7\r\nCatania\r\n$7\r\n35.0711\r\n",
            Command("GEOSEARCH", sicily, "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "mi", "WITHDIST", "DESC"), protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Search_errors_follow_redis(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("nyc");
        client.Execute(["GEOADD", key, .. Nyc]);
        var cases = new (string Error, string[] Request)[]
        {
            ("ERR syntax error", ["geosearch", key, "fromlonlat", "-73.9798091", "40.7598464", "frommember", "xxx", "bybox", "6", "6", "km", "asc"]),
            ("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for geosearch", ["geosearch", key, "bybox", "3", "3", "km", "asc", "desc", "withhash", "withdist", "withcoord"]),
            ("ERR syntax error", ["GEOSEARCH", key, "fromlonlat", "-73.9798091", "40.7598464", "byradius", "3", "km", "bybox", "3", "3", "km", "asc"]),
            ("ERR exactly one of BYRADIUS and BYBOX can be specified for GEOSEARCH", ["GEOSEARCH", key, "fromlonlat", "-73.9798091", "40.7598464", "asc", "desc", "withhash", "withdist", "withcoord"]),
            ("ERR syntax error", ["GEOSEARCH", key, "fromlonlat", "-73.9798091", "40.7598464", "bybox", "6", "6", "km", "asc", "storedist"]),
            ("ERR the ANY argument requires COUNT argument", ["GEORADIUS", key, "-73.9798091", "40.7598464", "10", "km", "ANY", "ASC"]),
            ("ERR syntax error", ["GEORADIUS", key, "-73.9798091", "40.7598464", "10", "km", "COUNT"]),
            ("ERR COUNT must be > 0", ["GEORADIUS", key, "-73.9798091", "40.7598464", "10", "km", "COUNT", "0"]),
            ("ERR COUNT must be > 0", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "COUNT", "-3"]),
            ("ERR value is not an integer or out of range", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "COUNT", "x"]),
            ("ERR unsupported unit provided. please use M, KM, FT, MI", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYRADIUS", "1", "yd"]),
            ("ERR need numeric radius", ["GEORADIUS", key, "1", "1", "x", "km"]),
            ("ERR radius cannot be negative", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYRADIUS", "-1", "km"]),
            ("ERR need numeric width", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYBOX", "x", "1", "km"]),
            ("ERR need numeric height", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYBOX", "1", "x", "km"]),
            ("ERR height or width cannot be negative", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYBOX", "1", "-1", "km"]),
            ("ERR invalid longitude,latitude pair 200.000000,1.000000", ["GEOSEARCH", key, "FROMLONLAT", "200", "1", "BYRADIUS", "1", "km"]),
            ("ERR value is not a valid float", ["GEORADIUS", key, "x", "1", "1", "km"]),
            ("ERR syntax error", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYRADIUS", "1"]),
            ("ERR syntax error", ["GEORADIUS_RO", key, "1", "1", "1", "km", "STORE", "x"]),
            ("ERR syntax error", ["GEOSEARCH", key, "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "STORE", "x"]),
            ("ERR syntax error", ["GEORADIUS", key, "1", "1", "1", "km", "store"]),
            ("ERR syntax error", ["GEOSEARCHSTORE", "abc", key, "fromlonlat", "13.361389", "38.115556", "byradius", "50", "km", "store", "abc"]),
            ("ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options", ["GEORADIUS", key, "1", "1", "50", "km", "store", "x", "withdist"]),
            ("ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options", ["GEORADIUSBYMEMBER", key, "q4", "50", "km", "withhash", "storedist", "x"]),
            ("ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options", ["GEOSEARCHSTORE", "x", key, "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "WITHCOORD"]),
            ("ERR wrong number of arguments for 'geosearch' command", ["GEOSEARCH", key, "BYRADIUS", "1", "km"]),
        };
        foreach (var (error, request) in cases) AssertError(error, client.Execute(request));

        // Repeating FROMMEMBER (or a shape) is allowed: the last one counts.
        AssertTexts(["q4"], client.Execute("GEOSEARCH", key, "FROMMEMBER", "jfk", "FROMMEMBER", "q4", "BYRADIUS", "1", "m"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Search_areas_reach_across_cells_poles_and_the_antimeridian(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("k1");
        client.Execute("GEOADD", key, "-0.15307903289794921875", "85", "n1", "0.3515625", "85.00019260486917005437", "n2");
        AssertTexts(["n1", "n2"], client.Execute("GEORADIUSBYMEMBER", key, "n1", "4891.94", "m"));
        client.Execute("ZREM", key, "n1", "n2");
        client.Execute("GEOADD", key, "-4.95211958885192871094", "85", "n3", "11.25", "85.0511", "n4");
        AssertTexts(["n3", "n4"], client.Execute("GEORADIUSBYMEMBER", key, "n3", "156544", "m"));
        client.Execute("ZREM", key, "n3", "n4");
        client.Execute("GEOADD", key, "-45", "65.50900022111811438208", "n5", "90", "85.0511", "n6");
        AssertTexts(["n5", "n6"], client.Execute("GEORADIUSBYMEMBER", key, "n5", "5009431", "m"));

        var pole = NewKey("pole");
        client.Execute("GEOADD", pole, "45", "65", "n1", "-135", "85.05", "n2");
        AssertTexts(["n1", "n2"], client.Execute("GEORADIUSBYMEMBER", pole, "n1", "5009431", "m"));

        var users = NewKey("users");
        client.Execute("GEOADD", users, "-47.271613776683807", "-54.534504198047678", "user_000000");
        Assert.Single(client.Execute("GEORADIUS", users, "0", "0", "50000", "km", "WITHCOORD").Items!);

        var points = NewKey("points");
        client.Execute("GEOADD", points, "179.5", "36", "point1");
        client.Execute("GEOADD", points, "-179.5", "36", "point2");
        AssertTexts(["point1", "point2"], client.Execute("GEOSEARCH", points, "fromlonlat", "179", "37", "bybox", "400", "400", "km", "asc"));
        AssertTexts(["point2", "point1"], client.Execute("GEOSEARCH", points, "fromlonlat", "-179", "37", "bybox", "400", "400", "km", "asc"));

        var small = NewKey("small");
        client.Execute("GEOADD", small, "-122.407107", "37.794300", "1");
        client.Execute("GEOADD", small, "-122.227336", "37.794300", "2");
        var reply = client.Execute("GEORADIUS", small, "-122.407107", "37.794300", "30", "mi", "ASC", "WITHDIST");
        Assert.Equal([["1", "0.0001"], ["2", "9.8182"]], reply.Items!.Select(Texts));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Box_searches_cover_long_narrow_boxes_and_exact_corners(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("sicily");
        client.Execute(["GEOADD", key, .. Sicily]);
        client.Execute("GEOADD", key, "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "eage2");
        AssertTexts(["Catania", "Palermo"], client.Execute("GEORADIUS", key, "15", "37", "200", "km", "asc"));
        AssertTexts(["Catania", "Palermo", "eage2", "edge1"], client.Execute("GEOSEARCH", key, "fromlonlat", "15", "37", "bybox", "400", "400", "km", "asc"));

        var narrow = NewKey("narrow");
        client.Execute("GEOADD", narrow, "12.75", "36.995", "test1");
        client.Execute("GEOADD", narrow, "12.75", "36.50", "test2");
        client.Execute("GEOADD", narrow, "13.00", "36.50", "test3");
        AssertTexts(["test1"], client.Execute("GEOSEARCH", narrow, "fromlonlat", "15", "37", "bybox", "400", "2", "km"));
        client.Execute("GEOADD", narrow, "-1", "37.00", "test3");
        AssertTexts(["test1", "test3"], client.Execute("GEOSEARCH", narrow, "fromlonlat", "15", "37", "bybox", "3000", "2", "km", "asc"));

        var corners = NewKey("corners");
        client.Execute("GEOADD", corners, "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2", "17.250000", "35.202000", "edge3",
            "12.750000", "35.202000", "edge4", "12.748489955781654", "37", "edge5", "15", "38.798135872540925", "edge6", "17.251510044218346", "37", "edge7",
            "15", "35.201864127459075", "edge8", "12.692799634687903", "38.798135872540925", "corner1", "12.692799634687903", "38.798135872540925", "corner2",
            "17.200560937451133", "35.201864127459075", "corner3", "12.799439062548865", "35.201864127459075", "corner4");
        Assert.Equal(["edge1", "edge2", "edge5", "edge7"], Texts(client.Execute("GEOSEARCH", corners, "fromlonlat", "15", "37", "bybox", "400", "400", "km", "asc")).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Distance_ties_come_out_in_redis_order(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("ties");
        for (var i = 1; i <= 30; i++) client.Execute("GEOADD", key, "10", "10", "m" + i);
        client.Execute("GEOADD", key, "10.001", "10", "far");
        AssertTexts(["m1", "m10", "m11", "m12", "m13"], client.Execute("GEOSEARCH", key, "FROMLONLAT", "10", "10", "BYRADIUS", "10", "km", "COUNT", "5"));
        AssertTexts(["far", "m10", "m11", "m12", "m13"], client.Execute("GEOSEARCH", key, "FROMLONLAT", "10", "10", "BYRADIUS", "10", "km", "COUNT", "5", "DESC"));
        var all = Texts(client.Execute("GEOSEARCH", key, "FROMLONLAT", "10", "10", "BYRADIUS", "10", "km", "DESC"));
        Assert.Equal("far", all[0]);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => "m" + i).Order(StringComparer.Ordinal), all.Skip(1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Stores_write_sorted_sets_across_shards(int protocol)
    {
        using var client = Connect(protocol);
        var (points, stored) = KeysOnDifferentShards("points");
        client.Execute(["GEOADD", points, .. Sicily]);
        AssertInteger(2, client.Execute("GEORADIUS", points, "13.361389", "38.115556", "500", "km", "store", stored));
        Assert.Equal(Texts(client.Execute("ZRANGE", points, "0", "-1", "WITHSCORES")), Texts(client.Execute("ZRANGE", stored, "0", "-1", "WITHSCORES")));

        AssertInteger(2, client.Execute("GEORADIUSBYMEMBER", points, "Palermo", "500", "km", "store", stored));
        AssertTexts(["Palermo", "Catania"], client.Execute("ZRANGE", stored, "0", "-1"));
        AssertInteger(2, client.Execute("GEORADIUSBYMEMBER", points, "Catania", "500", "km", "storedist", stored));
        AssertTexts(["Catania", "Palermo"], client.Execute("ZRANGE", stored, "0", "-1"));
        AssertBulkOrDoubleText("166.27415156960032", client.Execute("ZSCORE", stored, "Palermo"));
        AssertBulkOrDoubleText("0", client.Execute("ZSCORE", stored, "Catania"));

        AssertInteger(2, client.Execute("GEOSEARCHSTORE", stored, points, "fromlonlat", "13.361389", "38.115556", "byradius", "500", "km"));
        Assert.Equal(Texts(client.Execute("ZRANGE", points, "0", "-1", "WITHSCORES")), Texts(client.Execute("ZRANGE", stored, "0", "-1", "WITHSCORES")));
        AssertInteger(2, client.Execute("GEOSEARCHSTORE", stored, points, "fromlonlat", "13.361389", "38.115556", "byradius", "500", "km", "storedist"));
        AssertBulkOrDoubleText("5.3056374386009927e-05", client.Execute("ZSCORE", stored, "Palermo"));
        AssertBulkOrDoubleText("166.27416107465282", client.Execute("ZSCORE", stored, "Catania"));

        AssertInteger(1, client.Execute("GEORADIUS", points, "13.361389", "38.115556", "500", "km", "storedist", stored, "asc", "count", "1"));
        AssertTexts(["Palermo"], client.Execute("ZRANGE", stored, "0", "-1"));
        AssertInteger(1, client.Execute("GEORADIUS", points, "13.361389", "38.115556", "500", "km", "storedist", stored, "desc", "count", "1"));
        AssertTexts(["Catania"], client.Execute("ZRANGE", stored, "0", "-1"));

        // A store replaces any value and its TTL, and an empty result deletes the destination.
        AssertOk(client.Execute("SET", stored, "string", "EX", "100"));
        AssertInteger(2, client.Execute("GEOSEARCHSTORE", stored, points, "FROMMEMBER", "Palermo", "BYBOX", "500", "500", "km"));
        AssertInteger(-1, client.Execute("TTL", stored));
        Assert.Equal("listpack", client.Execute("OBJECT", "ENCODING", stored).Text);
        AssertInteger(0, client.Execute("GEOSEARCHSTORE", stored, points, "FROMLONLAT", "0", "0", "BYBOX", "1", "1", "m", "COUNT", "1", "ANY"));
        AssertInteger(0, client.Execute("EXISTS", stored));

        // The source may be the destination.
        AssertInteger(1, client.Execute("GEOSEARCHSTORE", points, points, "FROMMEMBER", "Palermo", "BYRADIUS", "10", "km"));
        AssertTexts(["Palermo"], client.Execute("ZRANGE", points, "0", "-1"));
    }

    [Fact]
    public void Big_results_are_stored_in_the_big_encoding()
    {
        using var client = Connect();
        var (points, stored) = KeysOnDifferentShards("many");
        var arguments = new List<string> { "GEOADD", points };
        for (var i = 0; i < 200; i++) arguments.AddRange([(i * 0.001).ToString(CultureInfo.InvariantCulture), "0", "p" + i]);
        AssertInteger(200, client.Execute([.. arguments]));
        Assert.Equal("skiplist", client.Execute("OBJECT", "ENCODING", points).Text);
        AssertInteger(200, client.Execute("GEOSEARCHSTORE", stored, points, "FROMLONLAT", "0.1", "0", "BYRADIUS", "100", "km", "STOREDIST"));
        Assert.Equal("skiplist", client.Execute("OBJECT", "ENCODING", stored).Text);
        AssertInteger(100, client.Execute("GEOSEARCHSTORE", stored, points, "FROMLONLAT", "0.1", "0", "BYRADIUS", "100", "km", "COUNT", "100"));
        Assert.Equal("listpack", client.Execute("OBJECT", "ENCODING", stored).Text);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_store_serves_a_client_blocked_on_the_destination(int protocol)
    {
        using var client = Connect(protocol);
        using var popper = Connect(protocol);
        var (points, watched) = KeysOnDifferentShards("watched");
        client.Execute(["GEOADD", points, .. Sicily]);
        var before = InfoFields.Integer(client, "clients", "blocked_clients");
        var pop = Task.Run(() => popper.Execute("BZPOPMIN", watched, "10"));
        Assert.True(Eventually(() => pop.IsCompleted || InfoFields.Integer(client, "clients", "blocked_clients") > before, 5000), "BZPOPMIN did not block");
        AssertInteger(2, client.Execute("GEOSEARCHSTORE", watched, points, "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST"));
        Assert.True(pop.Wait(TimeSpan.FromSeconds(10)), "the blocked BZPOPMIN was not served");
        AssertTexts([watched, "Catania"], Texts(pop.Result).Take(2));
    }

    [Fact]
    public void Radius_searches_find_what_a_haversine_scan_finds()
    {
        // Redis's "GEOSEARCH fuzzy test", bounded: points a radius or box search must return, and no others, up to
        // rounding at the very edge.
        using var client = Connect();
        var random = new Random(20240607);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var key = NewKey("fuzzy");
            var byBox = attempt % 2 == 1;
            var big = random.Next(10) == 0;
            var radiusKm = big ? random.Next(5000) + 10 : random.Next(200) + 10;
            var widthKm = big ? random.Next(5000) + 10 : random.Next(200) + 10;
            var heightKm = big ? random.Next(5000) + 10 : random.Next(200) + 10;
            var (searchLon, searchLat) = RandomPoint(random);
            var arguments = new List<string> { "GEOADD", key };
            var positions = new List<(double Lon, double Lat)>();
            for (var j = 0; j < 2000; j++)
            {
                var (lon, lat) = attempt < 2 ? (searchLon + (random.NextDouble() - 0.5) * 6, Math.Clamp(searchLat + (random.NextDouble() - 0.5) * 6, -85, 85)) : RandomPoint(random);
                lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
                positions.Add((lon, lat));
                arguments.AddRange([Number(lon), Number(lat), "place:" + j]);
            }
            client.Execute([.. arguments]);
            var request = byBox
                ? new[] { "GEOSEARCH", key, "FROMLONLAT", Number(searchLon), Number(searchLat), "BYBOX", Number(widthKm), Number(heightKm), "km" }
                : new[] { "GEOSEARCH", key, "FROMLONLAT", Number(searchLon), Number(searchLat), "BYRADIUS", Number(radiusKm), "km" };
            var found = Texts(client.Execute(request)).ToHashSet();
            var stored = client.Execute(["GEOPOS", key, .. positions.Select((_, j) => "place:" + j)]).Items!;
            for (var j = 0; j < positions.Count; j++)
            {
                var lon = Coordinate(stored[j].Items![0]);
                var lat = Coordinate(stored[j].Items![1]);
                bool inside, nearEdge;
                if (byBox)
                {
                    inside = InRectangle(widthKm, heightKm, lon, lat, searchLon, searchLat, 1);
                    nearEdge = InRectangle(widthKm, heightKm, lon, lat, searchLon, searchLat, 1.001) != InRectangle(widthKm, heightKm, lon, lat, searchLon, searchLat, 0.999);
                }
                else
                {
                    var distance = Haversine(lon, lat, searchLon, searchLat) / 1000;
                    inside = distance < radiusKm;
                    nearEdge = Math.Abs(distance / radiusKm - 1) < 0.001;
                }
                if (!nearEdge) Assert.True(inside == found.Contains("place:" + j), $"place:{j} at {lon},{lat} from {string.Join(' ', request)}");
            }
        }
    }

    [Fact]
    public void Box_edges_are_exact_to_a_few_meters()
    {
        // Redis's "GEOSEARCH box edges fuzzy test", bounded: points on the edges of a box are found by a box 4 m
        // larger and lost by one 4 m smaller, side by side.
        using var client = Connect();
        var random = new Random(77);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var key = NewKey("edges");
            var (lon, lat) = RandomPoint(random);
            double width = random.Next(10000) + 10, height = random.Next(10000) + 10;
            const double R = 6372797.560856;
            var latDelta = Degrees(height / 2 / R);
            double LongDelta(double atLatitude) => Degrees(width / 2 / R / Math.Cos(Radians(atLatitude)));
            var points = new Dictionary<string, (double Lon, double Lat)>
            {
                ["north"] = (lon, lat + latDelta), ["south"] = (lon, lat - latDelta),
                ["east"] = (lon + LongDelta(lat), lat), ["west"] = (lon - LongDelta(lat), lat),
                ["north_east"] = (lon + LongDelta(lat + latDelta), lat + latDelta), ["north_west"] = (lon - LongDelta(lat + latDelta), lat + latDelta),
                ["south_east"] = (lon + LongDelta(lat - latDelta), lat - latDelta), ["south_west"] = (lon - LongDelta(lat - latDelta), lat - latDelta),
            };
            foreach (var (name, (x, y)) in points)
            {
                var wrapped = x > 180 ? x - 360 : x < -180 ? x + 360 : x;
                AssertInteger(1, client.Execute("GEOADD", key, Number(wrapped), Number(y), "place:" + name));
            }

            string[] Search(double w, double h) =>
                Texts(client.Execute("GEOSEARCH", key, "FROMLONLAT", Number(lon), Number(lat), "BYBOX", Number(w), Number(h), "m")).Order(StringComparer.Ordinal).ToArray()!;
            Assert.Equal(points.Keys.Select(n => "place:" + n).Order(StringComparer.Ordinal), Search(width + 4, height + 4));
            Assert.Equal(["place:north", "place:south"], Search(width - 4, height + 4));
            Assert.Equal(["place:east", "place:west"], Search(width + 4, height - 4));
            Assert.Empty(Search(width - 4, height - 4));
        }
    }

    /// <summary>geo.tcl's verify_geo_edge_response_bylonlat and _bymember requests.</summary>
    private static string[][] EdgeRequests(string source, string destination) =>
    [
        ["GEORADIUS", source, "1", "1", "1", "km"],
        ["GEORADIUS", source, "1", "1", "1", "km", "STORE", destination],
        ["GEOSEARCH", source, "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"],
        ["GEOSEARCHSTORE", destination, source, "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"],
        ["GEORADIUSBYMEMBER", source, "member", "1", "km"],
        ["GEORADIUSBYMEMBER", source, "member", "1", "km", "STORE", destination],
        ["GEOSEARCH", source, "FROMMEMBER", "member", "BYBOX", "1", "1", "km"],
        ["GEOSEARCHSTORE", destination, source, "FROMMEMBER", "member", "BYBOX", "1", "1", "m"],
    ];

    /// <summary>A score as a RESP2 bulk string or a RESP3 double, compared by its shortest text.</summary>
    private static void AssertBulkOrDoubleText(string expected, RespValue reply)
    {
        var text = reply.Type == RespType.Double ? reply.Double.ToString("R", CultureInfo.InvariantCulture) : reply.Text;
        Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), double.Parse(text!, CultureInfo.InvariantCulture));
    }

    // geo.tcl keeps random points within ±70 degrees of latitude, where the algorithm is most precise.
    private static (double Lon, double Lat) RandomPoint(Random random) => (-180 + random.NextDouble() * 360, -70 + random.NextDouble() * 140);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians / (Math.PI / 180);

    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        var v = Math.Sin((Radians(lon2) - Radians(lon1)) / 2);
        var u = Math.Sin((Radians(lat2) - Radians(lat1)) / 2);
        return 2.0 * 6372797.560856 * Math.Asin(Math.Sqrt(u * u + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * v * v));
    }

    private static bool InRectangle(double widthKm, double heightKm, double lon, double lat, double searchLon, double searchLat, double error) =>
        Haversine(lon, lat, searchLon, lat) <= widthKm * 1000 * error / 2 && Haversine(lon, lat, lon, searchLat) <= heightKm * 1000 * error / 2;
}
