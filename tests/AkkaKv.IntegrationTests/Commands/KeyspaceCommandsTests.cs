using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/keyspace (and the keyspace parts of unit/scan): DEL, EXISTS, TYPE, KEYS, RENAME, COPY, MOVE, SCAN,
/// RANDOMKEY, under RESP2 and RESP3. Tests that need a database to themselves SELECT one and flush it.
/// </summary>
public sealed class KeyspaceCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string KeysDb = "9";
    private const string ScanDb = "10";
    private const string RandomDb = "8";

    // ---- DEL / UNLINK / EXISTS / TOUCH / TYPE ---------------------------------------------------------------

    [Theory]
    [InlineData(2, "DEL")]
    [InlineData(3, "DEL")]
    [InlineData(2, "UNLINK")]
    [InlineData(3, "UNLINK")]
    public void Del_removes_keys_across_shards_and_counts_them(int protocol, string command)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("del");
        var missing = NewKey("missing");
        AssertOk(client.Execute("MSET", a, "1", b, "2"));
        AssertInteger(2, client.Execute(command, a, b, missing, a));
        AssertInteger(0, client.Execute("EXISTS", a, b));
        AssertInteger(0, client.Execute(command, a));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Exists_counts_repeated_keys_each_time(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("exists");
        AssertOk(client.Execute("MSET", a, "1", b, "2"));
        AssertInteger(3, client.Execute("EXISTS", a, a, b, NewKey()));
        AssertInteger(0, client.Execute("EXISTS", NewKey()));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Touch_counts_existing_keys(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("touch");
        AssertOk(client.Execute("SET", a, "1"));
        AssertInteger(1, client.Execute("TOUCH", a, b));
        AssertInteger(2, client.Execute("TOUCH", a, a));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Type_is_string_or_none_as_a_simple_string(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertSimple("none", client.Execute("TYPE", key));
        AssertOk(client.Execute("SET", key, "v"));
        AssertSimple("string", client.Execute("TYPE", key));
    }

    [Fact]
    public void Del_and_exists_arity_errors()
    {
        using var client = Connect();
        AssertError("ERR wrong number of arguments for 'del' command", client.Execute("DEL"));
        AssertError("ERR wrong number of arguments for 'exists' command", client.Execute("EXISTS"));
        AssertError("ERR wrong number of arguments for 'type' command", client.Execute("TYPE", "a", "b"));
    }

    // ---- KEYS -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "h?llo", "h*llo h?llo hallo hello hxllo")]
    [InlineData(3, "h*llo", "h*llo h?llo hallo heeeello hello hllo hxllo")]
    [InlineData(2, "h[ae]llo", "hallo hello")]
    [InlineData(3, "h[^e]llo", "h*llo h?llo hallo hxllo")]
    [InlineData(2, "h[a-b]llo", "hallo")]
    [InlineData(2, "h\\*llo", "h*llo")]
    [InlineData(3, "h\\?llo", "h?llo")]
    [InlineData(2, "*", "a\\b h*llo h?llo hallo heeeello hello hllo hxllo")]
    [InlineData(2, "a\\\\b", "a\\b")]
    [InlineData(3, "[h]?llo", "h*llo h?llo hallo hello hxllo")]
    [InlineData(2, "nomatch*", "")]
    public void Keys_matches_glob_patterns(int protocol, string pattern, string expected)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", KeysDb));
        AssertOk(client.Execute("FLUSHDB"));
        foreach (var key in new[] { "hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "h?llo", "a\\b" })
            AssertOk(client.Execute("SET", key, "1"));
        var keys = Texts(client.Execute("KEYS", pattern)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(' ', keys));
        AssertOk(client.Execute("FLUSHDB"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Keys_does_not_return_expired_keys(int protocol)
    {
        using var client = Connect(protocol);
        var prefix = NewKey("keys");
        AssertOk(client.Execute("SET", prefix + ":live", "1"));
        AssertOk(client.Execute("SET", prefix + ":dying", "1", "PX", "30"));
        Thread.Sleep(80);
        AssertTexts([prefix + ":live"], client.Execute("KEYS", prefix + "*"));
    }

    // ---- RENAME / RENAMENX ----------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rename_moves_the_value_and_overwrites_the_destination(int protocol)
    {
        using var client = Connect(protocol);
        var source = NewKey("src");
        var target = NewKey("dst");
        AssertOk(client.Execute("SET", source, "hello"));
        AssertOk(client.Execute("SET", target, "old"));
        AssertOk(client.Execute("RENAME", source, target));
        AssertInteger(0, client.Execute("EXISTS", source));
        AssertBulk("hello", client.Execute("GET", target));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rename_of_a_missing_key_is_no_such_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR no such key", client.Execute("RENAME", key, NewKey()));
        AssertError("ERR no such key", client.Execute("RENAMENX", key, NewKey()));
        AssertError("ERR no such key", client.Execute("RENAME", key, key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rename_to_itself_keeps_the_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v", "EX", "100"));
        AssertOk(client.Execute("RENAME", key, key));
        AssertBulk("v", client.Execute("GET", key));
        Assert.InRange(client.Execute("TTL", key).Integer, 98, 100);
        AssertInteger(0, client.Execute("RENAMENX", key, key));
        AssertBulk("v", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Renamenx_refuses_an_existing_destination(int protocol)
    {
        using var client = Connect(protocol);
        var source = NewKey("src");
        var target = NewKey("dst");
        AssertOk(client.Execute("MSET", source, "a", target, "b"));
        AssertInteger(0, client.Execute("RENAMENX", source, target));
        AssertTexts(["a", "b"], client.Execute("MGET", source, target));
        AssertInteger(1, client.Execute("DEL", target));
        AssertInteger(1, client.Execute("RENAMENX", source, target));
        AssertTexts([null, "a"], client.Execute("MGET", source, target));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rename_moves_the_ttl_and_does_not_inherit_the_targets(int protocol)
    {
        using var client = Connect(protocol);
        var source = NewKey("src");
        var target = NewKey("dst");
        AssertOk(client.Execute("SET", source, "v", "EX", "100"));
        AssertOk(client.Execute("RENAME", source, target));
        Assert.InRange(client.Execute("TTL", target).Integer, 98, 100);

        var plain = NewKey("plain");
        AssertOk(client.Execute("SET", plain, "p"));
        AssertOk(client.Execute("RENAME", plain, target));
        AssertInteger(-1, client.Execute("TTL", target));
        AssertBulk("p", client.Execute("GET", target));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rename_across_shards_keeps_value_and_ttl(int protocol)
    {
        using var client = Connect(protocol);
        var (source, target) = KeysOnDifferentShards("rename");
        AssertOk(client.Execute("SET", source, "value", "PX", "100000"));
        AssertOk(client.Execute("SET", target, "old"));
        AssertOk(client.Execute("RENAME", source, target));
        AssertInteger(0, client.Execute("EXISTS", source));
        AssertBulk("value", client.Execute("GET", target));
        Assert.InRange(client.Execute("PTTL", target).Integer, 98000, 100000);

        AssertOk(client.Execute("SET", source, "other"));
        AssertInteger(0, client.Execute("RENAMENX", source, target));
        AssertInteger(1, client.Execute("DEL", source));
        AssertInteger(1, client.Execute("RENAMENX", target, source));
        AssertBulk("value", client.Execute("GET", source));
        Assert.InRange(client.Execute("PTTL", source).Integer, 98000, 100000);
    }

    // ---- COPY -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Copy_duplicates_the_value_and_ttl_independently(int protocol)
    {
        using var client = Connect(protocol);
        var (source, target) = KeysOnDifferentShards("copy");
        AssertOk(client.Execute("SET", source, "v1", "EX", "100"));
        AssertInteger(1, client.Execute("COPY", source, target));
        AssertBulk("v1", client.Execute("GET", target));
        Assert.InRange(client.Execute("TTL", target).Integer, 98, 100);
        AssertInteger(5, client.Execute("APPEND", source, "xxx"));
        AssertBulk("v1", client.Execute("GET", target));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Copy_refuses_an_existing_destination_unless_replace(int protocol)
    {
        using var client = Connect(protocol);
        var source = NewKey("src");
        var target = NewKey("dst");
        AssertOk(client.Execute("MSET", source, "new", target, "old"));
        AssertInteger(0, client.Execute("COPY", source, target));
        AssertBulk("old", client.Execute("GET", target));
        AssertInteger(1, client.Execute("COPY", source, target, "REPLACE"));
        AssertBulk("new", client.Execute("GET", target));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Copy_of_a_missing_key_is_zero(int protocol)
    {
        using var client = Connect(protocol);
        var target = NewKey("dst");
        AssertInteger(0, client.Execute("COPY", NewKey("missing"), target));
        AssertInteger(0, client.Execute("COPY", NewKey("missing"), target, "REPLACE"));
        AssertInteger(0, client.Execute("EXISTS", target));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Copy_to_another_database(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v0"));
        AssertInteger(1, client.Execute("COPY", key, key, "DB", "1"));
        AssertInteger(0, client.Execute("COPY", key, key, "DB", "1"));
        AssertOk(client.Execute("SET", key, "v0b"));
        AssertInteger(1, client.Execute("COPY", key, key, "DB", "1", "REPLACE"));
        AssertOk(client.Execute("SELECT", "1"));
        AssertBulk("v0b", client.Execute("GET", key));
        AssertOk(client.Execute("SELECT", "0"));
        AssertBulk("v0b", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2, "ERR source and destination objects are the same")]
    [InlineData(3, "ERR source and destination objects are the same")]
    public void Copy_to_itself_is_an_error(int protocol, string error)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertError(error, client.Execute("COPY", key, key));
        AssertError(error, client.Execute("COPY", key, key, "DB", "0"));
        AssertError(error, client.Execute("COPY", key, key, "REPLACE"));
    }

    [Theory]
    [InlineData(2, "ERR DB index is out of range", "DB", "16")]
    [InlineData(3, "ERR DB index is out of range", "DB", "-1")]
    [InlineData(2, "ERR value is not an integer or out of range", "DB", "abc")]
    [InlineData(2, "ERR value is not an integer or out of range", "DB", "99999999999999999999")]
    [InlineData(3, "ERR syntax error", "FOO")]
    [InlineData(2, "ERR syntax error", "DB")]
    public void Copy_rejects_bad_options(int protocol, string error, params string[] options)
    {
        using var client = Connect(protocol);
        var source = NewKey("src");
        var target = NewKey("dst");
        AssertOk(client.Execute("SET", source, "v"));
        AssertError(error, client.Execute(["COPY", source, target, .. options]));
        AssertInteger(0, client.Execute("EXISTS", target));
    }

    // ---- MOVE -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Move_to_another_database_keeps_the_ttl(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var plain = NewKey("plain");
        AssertOk(client.Execute("SET", key, "v", "EX", "100"));
        AssertOk(client.Execute("SET", plain, "p"));
        AssertInteger(1, client.Execute("MOVE", key, "1"));
        AssertInteger(1, client.Execute("MOVE", plain, "1"));
        AssertInteger(0, client.Execute("EXISTS", key, plain));
        AssertOk(client.Execute("SELECT", "1"));
        AssertBulk("v", client.Execute("GET", key));
        Assert.InRange(client.Execute("TTL", key).Integer, 98, 100);
        AssertInteger(-1, client.Execute("TTL", plain));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Move_refuses_an_existing_target_and_a_missing_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("MOVE", key, "1"));
        AssertOk(client.Execute("SET", key, "db0"));
        AssertOk(client.Execute("SELECT", "1"));
        AssertOk(client.Execute("SET", key, "db1"));
        AssertOk(client.Execute("SELECT", "0"));
        AssertInteger(0, client.Execute("MOVE", key, "1"));
        AssertBulk("db0", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2, "0", "ERR source and destination objects are the same")]
    [InlineData(3, "16", "ERR DB index is out of range")]
    [InlineData(2, "-1", "ERR DB index is out of range")]
    [InlineData(3, "abc", "ERR value is not an integer or out of range")]
    public void Move_rejects_bad_databases(int protocol, string db, string error)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertError(error, client.Execute("MOVE", key, db));
        AssertBulk("v", client.Execute("GET", key));
    }

    // ---- SCAN -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Scan_full_iteration_returns_every_key(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", ScanDb));
        AssertOk(client.Execute("FLUSHDB"));
        var keys = FillKeys(client, "scan", 1000);
        foreach (var count in new[] { "1", "10", "100", "5000" })
        {
            var seen = ScanAll(client, "COUNT", count);
            Assert.True(keys.IsSubsetOf(seen), $"COUNT {count}: {keys.Except(seen).Count()} keys never returned");
            Assert.Equal(keys.Count, seen.Count);
        }
        var defaultCount = ScanAll(client);
        Assert.True(keys.SetEquals(defaultCount));
        AssertOk(client.Execute("FLUSHDB"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Scan_match_returns_only_and_all_matching_keys(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", ScanDb));
        AssertOk(client.Execute("FLUSHDB"));
        var foo = FillKeys(client, "foo", 300);
        FillKeys(client, "bar", 300);
        var seen = ScanAll(client, "MATCH", "foo:*", "COUNT", "37");
        Assert.True(foo.SetEquals(seen));
        Assert.Empty(ScanAll(client, "MATCH", "nomatch*"));
        AssertOk(client.Execute("FLUSHDB"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Scan_type_filters_by_type(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", ScanDb));
        AssertOk(client.Execute("FLUSHDB"));
        var keys = FillKeys(client, "typed", 100);
        Assert.True(keys.SetEquals(ScanAll(client, "TYPE", "string", "COUNT", "20")));
        Assert.True(keys.SetEquals(ScanAll(client, "TYPE", "STRING")));
        Assert.Empty(ScanAll(client, "TYPE", "list"));
        // Redis 7.2 accepts an unknown type name and returns nothing (8.0 replies an error).
        Assert.Empty(ScanAll(client, "TYPE", "nosuchtype"));
        AssertOk(client.Execute("FLUSHDB"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Scan_does_not_return_expired_keys(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", ScanDb));
        AssertOk(client.Execute("FLUSHDB"));
        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        try
        {
            var live = FillKeys(client, "live", 20);
            for (var i = 0; i < 20; i++) AssertOk(client.Execute("SET", $"dying:{i}", "v", "PX", "20"));
            Thread.Sleep(80);
            Assert.True(live.SetEquals(ScanAll(client, "COUNT", "7")));
        }
        finally
        {
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
            AssertOk(client.Execute("FLUSHDB"));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Scan_of_an_empty_database_ends_at_cursor_zero(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", ScanDb));
        AssertOk(client.Execute("FLUSHDB"));
        Assert.Empty(ScanAll(client));
    }

    [Theory]
    [InlineData(2, "ERR invalid cursor", "abc")]
    [InlineData(3, "ERR invalid cursor", " 1")]
    [InlineData(2, "ERR invalid cursor", "18446744073709551616")]
    [InlineData(2, "ERR syntax error", "0", "COUNT", "0")]
    [InlineData(3, "ERR syntax error", "0", "COUNT", "-1")]
    [InlineData(2, "ERR value is not an integer or out of range", "0", "COUNT", "abc")]
    [InlineData(2, "ERR syntax error", "0", "MATCH")]
    [InlineData(3, "ERR syntax error", "0", "FOO", "bar")]
    [InlineData(2, "ERR syntax error", "0", "COUNT", "10", "TYPE")]
    public void Scan_rejects_bad_arguments(int protocol, string error, params string[] args)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["SCAN", .. args]));
    }

    [Fact]
    public void Scan_accepts_the_largest_cursor()
    {
        using var client = Connect();
        var reply = client.Execute("SCAN", "18446744073709551615");
        Assert.Equal(RespType.Array, reply.Type);
        Assert.Equal(2, reply.Items!.Count);
        Assert.Equal(RespType.BulkString, reply.Items[0].Type);
    }

    // ---- RANDOMKEY ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Randomkey_of_an_empty_database_is_null(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", RandomDb));
        AssertOk(client.Execute("FLUSHDB"));
        AssertNull(client.Execute("RANDOMKEY"));
    }

    [Fact]
    public void Randomkey_of_an_empty_database_is_null_bytes()
    {
        using (var client = Connect())
        {
            AssertOk(client.Execute("SELECT", RandomDb));
            AssertOk(client.Execute("FLUSHDB"));
        }
        var select = Command("SELECT", RandomDb);
        AssertRawReply("+OK\r\n$-1\r\n", select + Command("RANDOMKEY"));
        AssertRawReply("+OK\r\n_\r\n", select + Command("RANDOMKEY"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Randomkey_returns_existing_keys(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", RandomDb));
        AssertOk(client.Execute("FLUSHDB"));
        AssertOk(client.Execute("SET", "only", "1"));
        AssertBulk("only", client.Execute("RANDOMKEY"));
        var keys = FillKeys(client, "random", 20);
        keys.Add("only");
        var seen = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var key = client.Execute("RANDOMKEY").Text!;
            Assert.Contains(key, keys);
            seen.Add(key);
        }
        Assert.True(seen.Count > 5, $"RANDOMKEY returned only {seen.Count} distinct keys out of 21");
        AssertOk(client.Execute("FLUSHDB"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Randomkey_skips_expired_keys(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", RandomDb));
        AssertOk(client.Execute("FLUSHDB"));
        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        try
        {
            for (var i = 0; i < 10; i++) AssertOk(client.Execute("SET", $"dying:{i}", "v", "PX", "20"));
            Thread.Sleep(80);
            AssertNull(client.Execute("RANDOMKEY"));
            AssertOk(client.Execute("SET", "alive", "v"));
            AssertBulk("alive", client.Execute("RANDOMKEY"));
        }
        finally
        {
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
            AssertOk(client.Execute("FLUSHDB"));
        }
    }

    // ---- OBJECT ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Object_subcommands_of_a_missing_key_are_null(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        foreach (var subcommand in new[] { "ENCODING", "REFCOUNT", "IDLETIME", "FREQ" }) AssertNull(client.Execute("OBJECT", subcommand, key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Object_refcount_idletime_and_freq(int protocol)
    {
        using var client = Connect(protocol);
        var text = NewKey("text");
        var shared = NewKey("shared");
        AssertOk(client.Execute("SET", text, "hello"));
        AssertOk(client.Execute("SET", shared, "100"));
        AssertInteger(1, client.Execute("OBJECT", "REFCOUNT", text));
        // Integers below 10000 are shared objects, reported with refcount INT_MAX.
        AssertInteger(int.MaxValue, client.Execute("OBJECT", "REFCOUNT", shared));
        AssertInteger(0, client.Execute("OBJECT", "IDLETIME", text));
        AssertError("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
            client.Execute("OBJECT", "FREQ", text));
    }

    [Fact]
    public void Object_help_arity_and_unknown_subcommand()
    {
        using var client = Connect();
        var help = Texts(client.Execute("OBJECT", "HELP"));
        Assert.Equal("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help[0]);
        Assert.Equal("ENCODING <key>", help[1]);
        AssertTexts(["HELP", "    Print this help."], help[^2..]);
        AssertError("ERR unknown subcommand 'foo'. Try OBJECT HELP.", client.Execute("OBJECT", "foo"));
        AssertError("ERR wrong number of arguments for 'object|encoding' command", client.Execute("OBJECT", "ENCODING"));
    }

    /// <summary>Creates <paramref name="count"/> keys "prefix:i" in the selected database.</summary>
    private static HashSet<string> FillKeys(RespClient client, string prefix, int count)
    {
        var keys = new HashSet<string>();
        var args = new List<string> { "MSET" };
        for (var i = 0; i < count; i++)
        {
            var key = $"{prefix}:{i}";
            keys.Add(key);
            args.Add(key);
            args.Add("v");
        }
        AssertOk(client.Execute(args.ToArray()));
        return keys;
    }

    /// <summary>Runs a SCAN iteration to its end and returns every key seen (checking the reply shape on the way).</summary>
    private static HashSet<string> ScanAll(RespClient client, params string[] options)
    {
        var seen = new HashSet<string>();
        var cursor = "0";
        for (var calls = 0; calls < 100_000; calls++)
        {
            var reply = client.Execute(["SCAN", cursor, .. options]);
            Assert.True(reply.Type == RespType.Array && reply.Items!.Count == 2, $"unexpected SCAN reply {reply}");
            Assert.Equal(RespType.BulkString, reply.Items[0].Type);
            cursor = reply.Items[0].Text!;
            foreach (var key in Texts(reply.Items[1])) seen.Add(key!);
            if (cursor == "0") return seen;
        }
        throw new InvalidOperationException("SCAN did not end");
    }
}
