namespace AkkaKv.IntegrationTests.Commands;

/// <summary>The events of the data type commands, each checked against what Redis 7.2 publishes.</summary>
public sealed partial class KeyspaceEventsTests
{
    // ---- Strings ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void String_events_test(int protocol)
    {
        var (k, n, f, g) = (NewKey("k"), NewKey("n"), NewKey("f"), NewKey("g"));
        Configure("E$gnm");
        using var listener = Listen(protocol, k, n, f, g);
        Run("SET", k, "v");
        Run("SET", k, "v2");
        Run("SET", k, "v", "NX");
        Run("SET", k, "v", "XX", "GET");
        Run("SET", k, "v", "EX", "100");
        Run("SET", k, "v", "KEEPTTL");
        Run("SETNX", k, "x");
        Run("SETEX", k, "10", "v");
        Run("PSETEX", k, "10000", "v");
        // The GET forms read like GET: a missing old value is a miss.
        Run("GETSET", g, "a");
        Run("MSETNX", n, "1", f, "2");
        Run("MSETNX", n, "1", k, "2");
        Run("APPEND", n, "x");
        Run("SETRANGE", n, "5", "y");
        Run("SETRANGE", n, "1", "");
        Run("INCRBY", f, "5");
        Run("DECR", f);
        Run("INCRBYFLOAT", f, "1.5");
        Run("GETEX", n, "EX", "100");
        Run("GETEX", n, "PERSIST");
        Run("GETEX", n);
        Run("GETEX", n, "PXAT", "1");
        Run("GETDEL", f);
        Run("GETDEL", f);
        listener.Expect(
            E("new", k), E("set", k), E("set", k), E("set", k), E("set", k), E("expire", k), E("set", k),
            E("set", k), E("expire", k), E("set", k), E("expire", k),
            E("keymiss", g), E("new", g), E("set", g),
            E("new", n), E("set", n), E("new", f), E("set", f),
            E("append", n), E("setrange", n), E("incrby", f), E("incrby", f), E("incrbyfloat", f),
            E("expire", n), E("persist", n), E("del", n), E("del", f), E("keymiss", f));
        listener.AssertQuiet();
        Run("DEL", k, g);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Strings_created_by_updates_are_new(int protocol)
    {
        var (appended, ranged, counted, floated, empty) = (NewKey("a"), NewKey("r"), NewKey("c"), NewKey("f"), NewKey("e"));
        Configure("E$n");
        using var listener = Listen(protocol, appended, ranged, counted, floated, empty);
        Run("APPEND", appended, "x");
        Run("SETRANGE", ranged, "0", "q");
        // Writing nothing creates nothing.
        AssertInteger(0, Run("SETRANGE", empty, "3", ""));
        Run("INCR", counted);
        Run("INCRBYFLOAT", floated, "1.5");
        listener.Expect(
            E("new", appended), E("append", appended), E("new", ranged), E("setrange", ranged),
            E("new", counted), E("incrby", counted), E("new", floated), E("incrbyfloat", floated));
        listener.AssertQuiet();
        Run("DEL", appended, ranged, counted, floated);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitmap_and_hyperloglog_events_test(int protocol)
    {
        var (bits, field, failed, text, result, hll, merged) =
            (NewKey("b"), NewKey("bf"), NewKey("bff"), NewKey("x"), NewKey("o"), NewKey("h"), NewKey("m"));
        Configure("E$gn");
        using var listener = Listen(protocol, bits, field, failed, text, result, hll, merged);
        Run("SETBIT", bits, "7", "1");
        Run("SETBIT", bits, "7", "1");
        Run("SETBIT", bits, "7", "0");
        Run("BITFIELD", field, "SET", "u8", "0", "255");
        Run("BITFIELD", field, "GET", "u8", "0");
        Run("BITFIELD", field, "INCRBY", "u8", "0", "1");
        // Created, but no field written: "new" without "setbit".
        Run("BITFIELD", failed, "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "300");
        Run("SET", text, "ab");
        Run("BITOP", "AND", result, bits, text);
        Run("BITOP", "AND", result, NewKey("none"), NewKey("none"));
        Run("PFADD", hll, "a");
        Run("PFADD", hll, "a");
        Run("PFMERGE", merged, hll);
        Run("PFMERGE", merged, hll);
        listener.Expect(
            E("new", bits), E("setbit", bits), E("setbit", bits),
            E("new", field), E("setbit", field), E("setbit", field), E("new", failed),
            E("new", text), E("set", text), E("new", result), E("set", result), E("del", result),
            E("new", hll), E("pfadd", hll), E("new", merged), E("pfadd", merged), E("pfadd", merged));
        listener.AssertQuiet();
        Run("DEL", bits, field, failed, text, hll, merged);
    }

    // ---- Lists --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void List_events_test(int protocol)
    {
        var (list, other) = (NewKey("l"), NewKey("o"));
        Configure("Elgn");
        using var listener = Listen(protocol, list, other);
        Run("LPUSH", list, "a", "b");
        Run("RPUSH", list, "c");
        Run("LPUSHX", list, "d");
        Run("RPUSHX", list, "e");
        Run("LPUSHX", other, "d");
        Run("LINSERT", list, "BEFORE", "c", "X");
        Run("LINSERT", list, "BEFORE", "nothere", "X");
        Run("LSET", list, "0", "Y");
        Run("LREM", list, "0", "X");
        Run("LREM", list, "0", "nothere");
        Run("LTRIM", list, "0", "2");
        // A trim that keeps everything is published all the same.
        Run("LTRIM", list, "0", "-1");
        Run("LPOP", list);
        Run("RPOP", list, "1");
        Run("LPOP", list, "5");
        Run("LPOP", list);
        Run("RPUSH", list, "a", "b", "c");
        Run("LTRIM", list, "5", "10");
        listener.Expect(
            E("new", list), E("lpush", list), E("rpush", list), E("lpush", list), E("rpush", list), E("linsert", list),
            E("lset", list), E("lrem", list), E("ltrim", list), E("ltrim", list), E("lpop", list), E("rpop", list),
            E("lpop", list), E("del", list), E("new", list), E("rpush", list), E("ltrim", list), E("del", list));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void List_moves_push_before_they_pop(int protocol)
    {
        var (source, destination, other) = (NewKey("s"), NewKey("d"), NewKey("e"));
        Configure("Elgn");
        using var listener = Listen(protocol, source, destination, other);
        Run("RPUSH", source, "a", "b");
        Run("LMOVE", source, destination, "LEFT", "RIGHT");
        Run("LMOVE", source, destination, "RIGHT", "LEFT");
        Run("RPOPLPUSH", destination, destination);
        Run("RPUSH", source, "1");
        Run("BLMOVE", source, other, "LEFT", "LEFT", "0");
        Run("LMPOP", "2", NewKey("none"), other, "LEFT");
        Run("RPUSH", source, "1", "2");
        Run("BLPOP", source, "0");
        Run("BRPOP", source, "0");
        Run("RPUSH", source, "1");
        Run("BLMPOP", "0", "1", source, "RIGHT", "COUNT", "3");
        listener.Expect(
            E("new", source), E("rpush", source), E("new", destination), E("rpush", destination), E("lpop", source),
            E("lpush", destination), E("rpop", source), E("del", source), E("lpush", destination), E("rpop", destination),
            E("new", source), E("rpush", source), E("new", other), E("lpush", other), E("lpop", source), E("del", source),
            E("lpop", other), E("del", other), E("new", source), E("rpush", source), E("lpop", source),
            E("rpop", source), E("del", source), E("new", source), E("rpush", source), E("rpop", source), E("del", source));
        listener.AssertQuiet();
        Run("DEL", destination);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_blocked_pop_served_by_a_push_publishes_after_the_push(int protocol)
    {
        var list = NewKey("l");
        Configure("Elgn");
        using var listener = Listen(protocol, list);
        using var blocked = Connect();
        blocked.Send("BLPOP", list, "0");
        var deadline = Environment.TickCount64 + 5000;
        while (!Run("CLIENT", "LIST").Text!.Contains("cmd=blpop", StringComparison.Ordinal) && Environment.TickCount64 < deadline) Thread.Sleep(10);
        Run("RPUSH", list, "x");
        AssertTexts([list, "x"], blocked.ReadReply(Wait));
        listener.Expect(E("new", list), E("rpush", list), E("lpop", list), E("del", list));
        listener.AssertQuiet();
    }

    // ---- Hashes -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hash_events_test(int protocol)
    {
        var (hash, counter) = (NewKey("h"), NewKey("c"));
        Configure("Ehgn");
        using var listener = Listen(protocol, hash, counter);
        Run("HSET", hash, "a", "1", "b", "2");
        // HSET publishes even when every field was there already.
        Run("HSET", hash, "a", "1");
        Run("HSETNX", hash, "a", "2");
        Run("HSETNX", hash, "c", "2");
        Run("HMSET", hash, "d", "1");
        Run("HINCRBY", hash, "n", "1");
        Run("HINCRBYFLOAT", hash, "f", "1.5");
        Run("HINCRBY", counter, "n", "1");
        Run("HDEL", hash, "a", "zz");
        Run("HDEL", hash, "zz");
        Run("HDEL", hash, "b", "c", "d", "n", "f");
        listener.Expect(
            E("new", hash), E("hset", hash), E("hset", hash), E("hset", hash), E("hset", hash), E("hincrby", hash),
            E("hincrbyfloat", hash), E("new", counter), E("hincrby", counter), E("hdel", hash), E("hdel", hash), E("del", hash));
        listener.AssertQuiet();
        Run("DEL", counter);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hash_field_expiry_publishes_hexpire_hpersist_hdel_and_hexpired(int protocol)
    {
        var (hash, past, lazy) = (NewKey("h"), NewKey("p"), NewKey("l"));
        Configure("Ehg");
        using var listener = Listen(protocol, hash, past, lazy);
        using var client = Connect();
        client.Execute("HSET", hash, "a", "1", "b", "2", "c", "3");
        client.Execute("HEXPIRE", hash, "100", "FIELDS", "2", "a", "b");
        // Nothing changed: nothing published.
        client.Execute("HEXPIRE", hash, "100", "NX", "FIELDS", "1", "a");
        client.Execute("HPERSIST", hash, "FIELDS", "2", "a", "c");
        client.Execute("HPERSIST", hash, "FIELDS", "1", "c");
        // A time already past deletes the field: "hdel", and "del" when that was the last field.
        client.Execute("HPEXPIREAT", hash, "1", "FIELDS", "1", "c");
        client.Execute("HSET", past, "a", "1");
        client.Execute("HEXPIREAT", past, "1", "FIELDS", "1", "a");
        // Active expiry of the hash's remaining fields.
        client.Execute("HPEXPIRE", hash, "50", "FIELDS", "2", "a", "b");
        listener.Expect(
            E("hset", hash), E("hexpire", hash), E("hpersist", hash), E("hdel", hash),
            E("hset", past), E("hdel", past), E("del", past), E("hexpire", hash));
        Assert.Equal([E("hexpired", hash), E("del", hash)], [listener.Next(), listener.Next()]);

        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        try
        {
            client.Execute("HSET", lazy, "a", "1", "b", "2");
            client.Execute("HPEXPIRE", lazy, "20", "FIELDS", "1", "a");
            Thread.Sleep(100);
            AssertNull(client.Execute("HGET", lazy, "a"));
        }
        finally
        {
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
        }
        listener.Expect(E("hset", lazy), E("hexpire", lazy), E("hexpired", lazy));
        listener.AssertQuiet();
        Run("DEL", lazy);
    }

    // ---- Sets ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_events_test(int protocol)
    {
        var (set, destination, a, b, stored) = (NewKey("s"), NewKey("d"), NewKey("a"), NewKey("b"), NewKey("o"));
        Configure("Esgn");
        using var listener = Listen(protocol, set, destination, a, b, stored);
        Run("SADD", set, "a", "b", "c");
        Run("SADD", set, "a");
        Run("SREM", set, "a", "zz");
        Run("SREM", set, "zz");
        Run("SPOP", set);
        Run("SPOP", set, "5");
        Run("SADD", set, "1", "2", "3");
        Run("SPOP", set, "1");
        Run("SPOP", set, "0");
        // The popped member was random: put it back.
        Run("SADD", set, "1", "2", "3");
        Run("SMOVE", set, destination, "2");
        Run("SMOVE", set, destination, "3");
        Run("SMOVE", set, destination, "1");
        Run("SMOVE", destination, destination, "2");
        Run("SADD", a, "1", "2");
        Run("SADD", b, "2", "3");
        Run("SINTERSTORE", stored, a, b);
        Run("SINTERSTORE", stored, a, b);
        Run("SINTERSTORE", stored, a, NewKey("none"));
        Run("SUNIONSTORE", stored, a, b);
        Run("SDIFFSTORE", stored, a, b);
        Run("SDIFFSTORE", stored, a, a);
        Run("SDIFFSTORE", stored, a, a);
        listener.Expect(
            E("new", set), E("sadd", set), E("srem", set), E("spop", set), E("spop", set), E("del", set),
            E("new", set), E("sadd", set), E("spop", set), E("sadd", set), E("srem", set), E("new", destination),
            E("sadd", destination), E("srem", set), E("sadd", destination), E("srem", set), E("del", set), E("sadd", destination),
            E("new", a), E("sadd", a), E("new", b), E("sadd", b), E("new", stored), E("sinterstore", stored),
            E("sinterstore", stored), E("del", stored), E("new", stored), E("sunionstore", stored),
            E("sdiffstore", stored), E("del", stored));
        listener.AssertQuiet();
        Run("DEL", destination, a, b);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Member_expiry_publishes_the_collection_removal_and_del(int protocol)
    {
        var (set, sorted, hash) = (NewKey("s"), NewKey("z"), NewKey("h"));
        Configure("Eszhg");
        using var listener = Listen(protocol, set, sorted, hash);
        using var client = Connect();
        client.Execute("SADD", set, "a", "b");
        client.Execute("ZADD", sorted, "1", "a");
        client.Execute("HSET", hash, "f", "v");
        // A deadline alone publishes nothing, as in KeyDB; a deadline already past removes the member now.
        AssertInteger(1, client.Execute("EXPIREMEMBER", set, "a", "100"));
        AssertInteger(1, client.Execute("PEXPIREMEMBERAT", set, "b", "1"));
        AssertInteger(1, client.Execute("EXPIREMEMBER", sorted, "a", "50", "ms"));
        AssertInteger(1, client.Execute("EXPIREMEMBER", hash, "f", "50", "ms"));
        listener.Expect(E("sadd", set), E("zadd", sorted), E("hset", hash), E("srem", set));
        // The two keys expire in the active cycle's order; each key's own events come in Redis's order.
        var expired = new[] { listener.Next(), listener.Next(), listener.Next(), listener.Next() };
        Assert.Equal([E("zrem", sorted), E("del", sorted)], expired.Where(e => e.EndsWith(sorted, StringComparison.Ordinal)));
        Assert.Equal([E("hexpired", hash), E("del", hash)], expired.Where(e => e.EndsWith(hash, StringComparison.Ordinal)));
        listener.AssertQuiet();
        Run("DEL", set);
    }

    // ---- Sorted sets --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zset_events_test(int protocol)
    {
        var (z, other) = (NewKey("z"), NewKey("z2"));
        Configure("Ezgn");
        using var listener = Listen(protocol, z, other);
        Run("ZADD", z, "1", "a", "2", "b");
        Run("ZADD", z, "1", "a");
        Run("ZADD", z, "5", "a");
        Run("ZADD", z, "INCR", "1", "a");
        Run("ZADD", z, "NX", "1", "a");
        Run("ZADD", z, "XX", "1", "q");
        Run("ZINCRBY", z, "1", "b");
        Run("ZINCRBY", other, "1", "b");
        Run("ZREM", z, "a", "zz");
        Run("ZREM", z, "zz");
        Run("ZADD", z, "1", "a", "2", "c", "3", "d", "4", "e");
        Run("ZREMRANGEBYSCORE", z, "1", "1");
        Run("ZREMRANGEBYSCORE", z, "100", "200");
        Run("ZREMRANGEBYRANK", z, "0", "0");
        Run("ZREMRANGEBYLEX", z, "[d", "[d");
        Run("ZPOPMIN", z);
        Run("ZPOPMAX", z, "5");
        Run("ZPOPMIN", z);
        Run("ZREMRANGEBYRANK", other, "0", "-1");
        listener.Expect(
            E("new", z), E("zadd", z), E("zadd", z), E("zincr", z), E("zincr", z), E("new", other), E("zincr", other),
            E("zrem", z), E("zadd", z), E("zremrangebyscore", z), E("zremrangebyrank", z), E("zremrangebylex", z),
            E("zpopmin", z), E("zpopmax", z), E("del", z), E("zremrangebyrank", other), E("del", other));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zset_stores_and_pops_across_keys(int protocol)
    {
        var (a, b, stored) = KeysAndStore();
        Configure("Ezgn");
        using var listener = Listen(protocol, a, b, stored);
        Run("ZADD", a, "1", "x", "2", "y");
        Run("ZADD", b, "1", "y");
        Run("ZUNIONSTORE", stored, "2", a, b);
        Run("ZINTERSTORE", stored, "2", a, b);
        Run("ZDIFFSTORE", stored, "2", a, a);
        Run("ZDIFFSTORE", stored, "2", a, b);
        Run("ZRANGESTORE", stored, a, "0", "-1");
        Run("ZRANGESTORE", stored, a, "5", "6");
        Run("ZMPOP", "2", NewKey("none"), a, "MIN");
        Run("BZPOPMIN", a, "0");
        Run("ZADD", a, "1", "x", "2", "y");
        Run("BZPOPMAX", a, "0");
        Run("BZMPOP", "0", "1", a, "MAX", "COUNT", "5");
        listener.Expect(
            E("new", a), E("zadd", a), E("new", b), E("zadd", b), E("new", stored), E("zunionstore", stored),
            E("zinterstore", stored), E("del", stored), E("new", stored), E("zdiffstore", stored), E("zrangestore", stored),
            E("del", stored), E("zpopmin", a), E("zpopmin", a), E("del", a), E("new", a), E("zadd", a),
            E("zpopmax", a), E("zpopmax", a), E("del", a));
        listener.AssertQuiet();
        Run("DEL", b);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Geo_events_are_zadd_and_the_store_of_each_search(int protocol)
    {
        var (geo, stored, radius) = (NewKey("g"), NewKey("o"), NewKey("r"));
        Configure("Ezgn");
        using var listener = Listen(protocol, geo, stored, radius);
        Run("GEOADD", geo, "13.361389", "38.115556", "Palermo");
        Run("GEOADD", geo, "13.361389", "38.115556", "Palermo");
        Run("GEOADD", geo, "15.087269", "37.502669", "Catania");
        Run("GEOSEARCHSTORE", stored, geo, "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC");
        Run("GEOSEARCHSTORE", stored, geo, "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST");
        Run("GEOSEARCHSTORE", stored, geo, "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km");
        Run("GEORADIUS", geo, "15", "37", "200", "km", "STORE", radius);
        Run("GEORADIUSBYMEMBER", geo, "Palermo", "1", "km", "STOREDIST", radius);
        Run("GEOSEARCHSTORE", radius, NewKey("none"), "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km");
        listener.Expect(
            E("new", geo), E("zadd", geo), E("zadd", geo), E("new", stored), E("geosearchstore", stored),
            E("geosearchstore", stored), E("del", stored), E("new", radius), E("georadiusstore", radius),
            E("georadiusstore", radius), E("del", radius));
        listener.AssertQuiet();
        Run("DEL", geo);
    }

    // ---- Streams ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Stream_events_test(int protocol)
    {
        var (stream, created) = (NewKey("s"), NewKey("s2"));
        Configure("Etgn");
        using var listener = Listen(protocol, stream, created);
        Run("XADD", stream, "1-0", "f", "v");
        Run("XADD", stream, "MAXLEN", "1", "2-0", "f", "v");
        Run("XADD", NewKey("none"), "NOMKSTREAM", "*", "f", "v");
        Run("XTRIM", stream, "MAXLEN", "0");
        Run("XTRIM", stream, "MAXLEN", "0");
        Run("XADD", stream, "4-0", "f", "v");
        Run("XDEL", stream, "4-0");
        Run("XDEL", stream, "9-0");
        Run("XADD", stream, "5-0", "f", "v");
        Run("XSETID", stream, "10-0");
        Run("XGROUP", "CREATE", stream, "g", "0");
        Run("XGROUP", "CREATE", created, "g", "$", "MKSTREAM");
        Run("XGROUP", "CREATECONSUMER", stream, "g", "c");
        Run("XGROUP", "CREATECONSUMER", stream, "g", "c");
        Run("XGROUP", "SETID", stream, "g", "0");
        Run("XREADGROUP", "GROUP", "g", "c2", "STREAMS", stream, ">");
        Run("XREADGROUP", "GROUP", "g", "c2", "STREAMS", stream, "0");
        Run("XACK", stream, "g", "5-0");
        Run("XGROUP", "DELCONSUMER", stream, "g", "c");
        Run("XGROUP", "DELCONSUMER", stream, "g", "c");
        Run("XGROUP", "DESTROY", stream, "g");
        Run("XGROUP", "DESTROY", stream, "g");
        listener.Expect(
            E("new", stream), E("xadd", stream), E("xadd", stream), E("xtrim", stream), E("xtrim", stream),
            E("xadd", stream), E("xdel", stream), E("xadd", stream), E("xsetid", stream), E("xgroup-create", stream),
            E("new", created), E("xgroup-create", created), E("xgroup-createconsumer", stream), E("xgroup-setid", stream),
            E("xgroup-createconsumer", stream), E("xgroup-delconsumer", stream), E("xgroup-destroy", stream));
        listener.AssertQuiet();
        Run("DEL", stream, created);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Claims_naming_a_new_consumer_create_it(int protocol)
    {
        var stream = NewKey("s");
        Configure("Et");
        using var listener = Listen(protocol, stream);
        Run("XADD", stream, "1-0", "f", "v");
        Run("XGROUP", "CREATE", stream, "g", "0");
        Run("XREADGROUP", "GROUP", "g", "reader", "STREAMS", stream, ">");
        Run("XCLAIM", stream, "g", "claimer", "0", "1-0");
        Run("XAUTOCLAIM", stream, "g", "auto", "0", "0");
        Run("XCLAIM", stream, "g", "claimer", "0", "1-0");
        listener.Expect(
            E("xadd", stream), E("xgroup-create", stream), E("xgroup-createconsumer", stream),
            E("xgroup-createconsumer", stream), E("xgroup-createconsumer", stream));
        listener.AssertQuiet();
        Run("DEL", stream);
    }

    // ---- SORT ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sort_store_publishes_sortstore_or_del(int protocol)
    {
        var (list, stored, missing) = (NewKey("l"), NewKey("o"), NewKey("none"));
        Configure("Elgnm");
        using var listener = Listen(protocol, list, stored, missing);
        Run("RPUSH", list, "3", "1", "2");
        Run("SORT", list, "STORE", stored);
        Run("SORT", list, "STORE", stored);
        Run("SORT", missing, "STORE", stored);
        Run("SORT", missing, "STORE", stored);
        listener.Expect(
            E("new", list), E("rpush", list), E("new", stored), E("sortstore", stored), E("sortstore", stored),
            E("keymiss", missing), E("del", stored), E("keymiss", missing));
        listener.AssertQuiet();
        Run("DEL", list);
    }

    /// <summary>Two sorted-set keys on different shards and a store destination.</summary>
    private (string A, string B, string Stored) KeysAndStore()
    {
        var (a, b) = KeysOnDifferentShards("z");
        return (a, b, NewKey("stored"));
    }
}
