using AkkaKv.Cluster.Routing;
using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis 7.4's unit/type/hash-field-expire, and what the hash commands journal.</summary>
public sealed partial class HashCommandsTests
{
    private const long MaxFieldDeadline = (1L << 46) - 1;

    private static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hexpire_sets_deadlines_that_httl_and_hexpiretime_report(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "a", "1", "b", "2", "c", "3");
        AssertCodes([1, -2], client.Execute("HEXPIRE", key, "100", "FIELDS", "2", "a", "nope"));
        AssertCodes([1], client.Execute("HPEXPIRE", key, "50000", "FIELDS", "1", "b"));
        var at = NowMs / 1000 * 1000 + 200_123;
        AssertCodes([1], client.Execute("HPEXPIREAT", key, Number(at), "FIELDS", "1", "c"));

        var ttl = client.Execute("HTTL", key, "FIELDS", "3", "a", "nope", "nope").Items!;
        Assert.InRange(ttl[0].Integer, 99, 100);
        AssertInteger(-2, ttl[2]);
        var pttl = client.Execute("HPTTL", key, "FIELDS", "2", "b", "nope").Items!;
        Assert.InRange(pttl[0].Integer, 40_000, 50_000);
        AssertInteger(-2, pttl[1]);
        Assert.InRange(client.Execute("HTTL", key, "FIELDS", "1", "c").Items![0].Integer, 199, 201);
        AssertCodes([at, -2], client.Execute("HPEXPIRETIME", key, "FIELDS", "2", "c", "nope"));
        // Seconds round up, as Redis 7.4 computes (ms + 999) / 1000.
        AssertCodes([(at + 999) / 1000], client.Execute("HEXPIRETIME", key, "FIELDS", "1", "c"));
        AssertInteger(3, client.Execute("HLEN", key));
    }

    [Fact]
    public void Hexpire_conditions_treat_a_field_without_ttl_as_never_expiring()
    {
        using var client = Connect();
        var key = NewKey();
        var at = NowMs + 100_000;
        client.Execute("HSET", key, "ttl", "1", "none", "2");
        AssertCodes([1], client.Execute("HPEXPIREAT", key, Number(at), "FIELDS", "1", "ttl"));

        AssertCodes([0, 1], client.Execute("HPEXPIREAT", key, Number(at + 1), "NX", "FIELDS", "2", "ttl", "none"));
        AssertCodes([1], client.Execute("HPERSIST", key, "FIELDS", "1", "none"));
        AssertCodes([1, 0], client.Execute("HPEXPIREAT", key, Number(at + 1), "XX", "FIELDS", "2", "ttl", "none"));
        AssertCodes([0, 0], client.Execute("HPEXPIREAT", key, Number(at + 1), "gt", "FIELDS", "2", "ttl", "none"));
        AssertCodes([1], client.Execute("HPEXPIREAT", key, Number(at + 2), "GT", "FIELDS", "1", "ttl"));
        AssertCodes([0, 1], client.Execute("HPEXPIREAT", key, Number(at + 2), "lt", "FIELDS", "2", "ttl", "none"));
        AssertCodes([1], client.Execute("HPEXPIREAT", key, Number(at), "LT", "FIELDS", "1", "ttl"));
        AssertCodes([at, at + 2], client.Execute("HPEXPIRETIME", key, "FIELDS", "2", "ttl", "none"));
        AssertCodes([1], client.Execute("HPEXPIREAT", key, Number(at), "FIELDS", "1", "ttl"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_time_not_in_the_future_deletes_the_fields_and_the_emptied_hash(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "f1", "v1", "f2", "v2", "f4", "v4");
        client.Execute("HEXPIRE", key, "1000", "NX", "FIELDS", "1", "f4");
        AssertCodes([2, 2, -2, 0], client.Execute("HEXPIREAT", key, Number(NowMs / 1000 - 1), "NX", "FIELDS", "4", "f1", "f2", "f3", "f4"));
        AssertInteger(0, client.Execute("HEXISTS", key, "f1"));
        AssertInteger(1, client.Execute("HLEN", key));
        AssertCodes([2], client.Execute("HPEXPIRE", key, "0", "FIELDS", "1", "f4"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData("HEXPIRE", "10")]
    [InlineData("HPEXPIRE", "10")]
    [InlineData("HEXPIREAT", "9999999999")]
    [InlineData("HPEXPIREAT", "9999999999")]
    public void Field_expiry_commands_on_a_missing_key_reply_minus_two_per_field(string command, string time)
    {
        using var client = Connect();
        var key = NewKey();
        AssertCodes([-2, -2], client.Execute(command, key, time, "FIELDS", "2", "a", "b"));
        AssertCodes([-2], client.Execute("HTTL", key, "FIELDS", "1", "a"));
        AssertCodes([-2, -2], client.Execute("HPEXPIRETIME", key, "FIELDS", "2", "a", "b"));
        AssertCodes([-2], client.Execute("HPERSIST", key, "FIELDS", "1", "a"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Fact]
    public void Field_expiry_argument_errors_as_redis_7_4()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "f1", "v1");
        AssertError("ERR value is not an integer or out of range", client.Execute("HEXPIRE", key, "x", "FIELDS", "1", "f1"));
        AssertError("ERR invalid expire time, must be >= 0", client.Execute("HEXPIRE", key, "-1", "FIELDS", "1", "f1"));
        AssertError("ERR Mandatory argument FIELDS is missing or not at the right position", client.Execute("HEXPIRE", key, "100", "BADCOND", "FIELDS", "1", "f1"));
        AssertError("ERR Mandatory argument FIELDS is missing or not at the right position", client.Execute("HEXPIRE", key, "100", "NX", "1", "f1"));
        AssertError("ERR Parameter `numFields` should be greater than 0", client.Execute("HPEXPIRE", key, "1000", "NX", "FIELDS", "0", "f1", "f2", "f3"));
        AssertError("ERR Parameter `numFields` should be greater than 0", client.Execute("HEXPIRE", key, "100", "FIELDS", "x", "f1"));
        AssertError("ERR The `numfields` parameter must match the number of arguments", client.Execute("HPEXPIRE", key, "1000", "NX", "FIELDS", "4", "f1", "f2", "f3"));
        AssertError("ERR The `numfields` parameter must match the number of arguments", client.Execute("HPEXPIRE", key, "1000", "NX", "FIELDS", "2", "f1", "f2", "f3"));
        AssertError("ERR Mandatory argument FIELDS is missing or not at the right position", client.Execute("HTTL", key, "NOTFIELDS", "1", "f1"));
        AssertError("ERR Number of fields must be a positive integer", client.Execute("HTTL", key, "FIELDS", "0", "f1"));
        AssertError("ERR Number of fields must be a positive integer", client.Execute("HPERSIST", key, "FIELDS", "x", "f1"));
        AssertError("ERR The `numfields` parameter must match the number of arguments", client.Execute("HPTTL", key, "FIELDS", "1", "f1", "f2"));
        AssertError("ERR The `numfields` parameter must match the number of arguments", client.Execute("HEXPIRETIME", key, "FIELDS", "3", "f1", "f2"));
        AssertError("ERR wrong number of arguments for 'hexpire' command", client.Execute("HEXPIRE", key, "100", "FIELDS", "1"));
        AssertError("ERR wrong number of arguments for 'hpersist' command", client.Execute("HPERSIST", key, "FIELDS", "1"));
        AssertInteger(-1, client.Execute("HTTL", key, "FIELDS", "1", "f1").Items![0]);
    }

    [Fact]
    public void Field_deadlines_are_capped_at_2_pow_46_ms()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "f", "v");
        AssertCodes([1], client.Execute("HPEXPIREAT", key, Number(MaxFieldDeadline), "FIELDS", "1", "f"));
        AssertError("ERR invalid expire time in 'hpexpireat' command", client.Execute("HPEXPIREAT", key, Number(MaxFieldDeadline + 1), "FIELDS", "1", "f"));
        AssertCodes([1], client.Execute("HEXPIREAT", key, Number(MaxFieldDeadline / 1000), "FIELDS", "1", "f"));
        AssertError("ERR invalid expire time in 'hexpireat' command", client.Execute("HEXPIREAT", key, Number(MaxFieldDeadline / 1000 + 1), "FIELDS", "1", "f"));
        AssertCodes([1], client.Execute("HPEXPIRE", key, Number(MaxFieldDeadline - NowMs - 60_000), "FIELDS", "1", "f"));
        AssertError("ERR invalid expire time in 'hpexpire' command", client.Execute("HPEXPIRE", key, Number(MaxFieldDeadline - NowMs + 60_000), "FIELDS", "1", "f"));
        AssertError("ERR invalid expire time in 'hexpire' command", client.Execute("HEXPIRE", key, "9223372036854775807", "FIELDS", "1", "f"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hpersist_removes_deadlines(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "a", "1", "b", "2");
        client.Execute("HEXPIRE", key, "100", "FIELDS", "1", "a");
        AssertCodes([1, -1, -2], client.Execute("HPERSIST", key, "FIELDS", "3", "a", "b", "c"));
        AssertCodes([-1, -1], client.Execute("HTTL", key, "FIELDS", "2", "a", "b"));
        AssertCodes([-1], client.Execute("HPERSIST", key, "FIELDS", "1", "a"));
    }

    [Fact]
    public void Hset_clears_a_field_deadline_but_increments_keep_it()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "s", "1", "i", "1", "f", "1", "n", "1");
        client.Execute("HEXPIRE", key, "100", "FIELDS", "4", "s", "i", "f", "n");
        client.Execute("HSET", key, "s", "2");
        client.Execute("HINCRBY", key, "i", "1");
        client.Execute("HINCRBYFLOAT", key, "f", "1.5");
        AssertInteger(0, client.Execute("HSETNX", key, "n", "2"));
        var ttls = client.Execute("HTTL", key, "FIELDS", "4", "s", "i", "f", "n").Items!.Select(i => i.Integer).ToArray();
        Assert.Equal(-1, ttls[0]);
        Assert.All(ttls[1..], t => Assert.InRange(t, 99, 100));
        client.Execute("HDEL", key, "n");
        client.Execute("HSET", key, "n", "back");
        AssertCodes([-1], client.Execute("HTTL", key, "FIELDS", "1", "n"));
    }

    [Fact]
    public void Object_encoding_is_listpackex_once_field_expiry_touched_a_compact_hash()
    {
        using var client = Connect();
        var (touched, big) = (NewKey(), NewKey());
        client.Execute("HSET", touched, "a", "1");
        AssertCodes([-2], client.Execute("HEXPIRE", touched, "100", "FIELDS", "1", "nope"));
        AssertBulk("listpackex", client.Execute("OBJECT", "ENCODING", touched));
        client.Execute("HSET", big, "a", "1", "b", new string('b', 100));
        client.Execute("HEXPIRE", big, "100", "FIELDS", "1", "a");
        AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", big));
        Assert.InRange(client.Execute("HTTL", big, "FIELDS", "1", "a").Items![0].Integer, 99, 100);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expired_fields_vanish_when_read(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "gone", "1", "kept", "2");
        AssertCodes([1], client.Execute("HPEXPIRE", key, "100", "FIELDS", "1", "gone"));
        Thread.Sleep(150);
        AssertNull(client.Execute("HGET", key, "gone"));
        AssertInteger(1, client.Execute("HLEN", key));
        AssertMap(client.Execute("HGETALL", key), protocol);
        AssertCodes([-2], client.Execute("HTTL", key, "FIELDS", "1", "gone"));
    }

    [Fact]
    public void A_hash_whose_last_field_expires_is_deleted()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "a", "1", "b", "2");
        client.Execute("HPEXPIRE", key, "50", "FIELDS", "2", "a", "b");
        Assert.True(Eventually(() => client.Execute("EXISTS", key).Integer == 0, 3000));
        AssertNull(client.Execute("HGET", key, "a"));
    }

    [Fact]
    public void Fields_expire_actively_without_being_accessed()
    {
        var journal = new CapturingJournal();
        using var node = new JournalNode(journal);
        using var client = ServerFixture.Connect(node.Port);
        client.Execute("HSET", "h", "a", "1", "b", "2", "c", "3");
        client.Execute("HSET", "lone", "x", "1");
        client.Execute("HPEXPIRE", "h", "50", "FIELDS", "2", "a", "b");
        client.Execute("HPEXPIRE", "lone", "50", "FIELDS", "1", "x");

        // Nothing reads the keys: only the active cycle can produce these HDELs and shrink the key count.
        Assert.True(Eventually(() => Removed(journal, "h").SetEquals(["a", "b"]) && Removed(journal, "lone").SetEquals(["x"]), 5000), string.Join(" | ", journal.Lines()));
        AssertInteger(1, client.Execute("DBSIZE"));
        AssertInteger(1, client.Execute("HLEN", "h"));
    }

    [Fact]
    public void Writes_journal_their_effects()
    {
        var journal = new CapturingJournal();
        using var node = new JournalNode(journal);
        using var client = ServerFixture.Connect(node.Port);
        client.Execute("HSET", "h", "f", "10.5", "a", "1", "b", "2", "c", "3");
        AssertBulk("10.6", client.Execute("HINCRBYFLOAT", "h", "f", "0.1"));
        client.Execute("HSETNX", "h", "f", "x");
        client.Execute("HDEL", "h", "nope");
        // Well below what the GT step sets later, so that one never meets an equal deadline.
        var at = NowMs + 90_000;
        AssertCodes([1, -2, 1], client.Execute("HPEXPIREAT", "h", Number(at), "FIELDS", "3", "a", "nope", "c"));
        AssertCodes([2, 0], client.Execute("HEXPIRE", "h", "0", "XX", "FIELDS", "2", "a", "b"));
        AssertCodes([1], client.Execute("HEXPIRE", "h", "100", "GT", "FIELDS", "1", "c"));
        AssertCodes([1], client.Execute("HPERSIST", "h", "FIELDS", "1", "c"));
        AssertCodes([-1], client.Execute("HPERSIST", "h", "FIELDS", "1", "c"));

        var lines = journal.Lines().Where(l => l.Split(' ')[1] == "h").ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal("HSET h f 10.5 a 1 b 2 c 3", lines[0]);
        Assert.Equal("HSET h f 10.6", lines[1]);
        Assert.Equal($"HPEXPIREAT h {at} FIELDS 2 a c", lines[2]);
        Assert.Equal("HDEL h a", lines[3]);
        Assert.Matches(@"^HPEXPIREAT h \d+ GT FIELDS 1 c$", lines[4]);
        Assert.InRange(long.Parse(lines[4].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture), NowMs + 90_000, NowMs + 100_000);
        Assert.Equal("HPERSIST h FIELDS 1 c", lines[5]);
    }

    private static void AssertCodes(long[] expected, RespValue reply)
    {
        Assert.True(reply.Type == RespType.Array, $"expected an array, got {reply}");
        Assert.Equal(expected, reply.Items!.Select(i =>
        {
            Assert.Equal(RespType.Integer, i.Type);
            return i.Integer;
        }));
    }

    private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fields journaled as HDEL for a key, however they were grouped.</summary>
    private static HashSet<string> Removed(CapturingJournal journal, string key) =>
        journal.Lines().Select(l => l.Split(' ')).Where(a => a[0] == "HDEL" && a[1] == key).SelectMany(a => a[2..]).ToHashSet();

    /// <summary>A node of its own whose journal the test reads.</summary>
    private sealed class JournalNode(CapturingJournal journal) : IDisposable
    {
        private readonly ServerNode _node = ServerNode.Start(
            NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 2 }"), _ => journal, new StandaloneRouter());

        public int Port => _node.EndPoint.Port;

        public void Dispose() => _node.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
    }
}
