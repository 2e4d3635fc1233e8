using AkkaKv.Hocon;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Keyspace notifications (Redis's unit/pubsub "Keyspace notifications: ..." tests, and more): notify-keyspace-events
/// parsing and printing, the K and E channels, and the exact sequence of events every command publishes. A listener
/// subscribes on its own connection (RESP2 or RESP3) and keeps only the events about its test's keys, so the order
/// within a test is checked exactly; each test ends by checking nothing more came. The config is node-wide: every
/// test sets the classes it needs first.
/// </summary>
public sealed partial class KeyspaceEventsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private const string InvalidClasses =
        "ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

    // ---- notify-keyspace-events ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("KEA", "AKE")]
    [InlineData("g$lshzxetdKE", "AKE")]
    [InlineData("gKE", "gKE")]
    [InlineData("$lshzxeKE", "$lshzxeKE")]
    [InlineData("KA", "AK")]
    [InlineData("EA", "AE")]
    [InlineData("mEK", "KEm")]
    [InlineData("nKEm", "nKEm")]
    [InlineData("tdn", "tdn")]
    [InlineData("Anm", "Am")]
    [InlineData("xx", "x")]
    [InlineData("", "")]
    public void Config_reads_the_classes_back_as_redis_prints_them(string set, string expected)
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "SET", "notify-keyspace-events", set));
        AssertTexts(["notify-keyspace-events", expected], client.Execute("CONFIG", "GET", "notify-keyspace-events"));
    }

    [Fact]
    public void Config_refuses_an_unknown_class_and_keeps_the_old_value()
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "SET", "notify-keyspace-events", "Kl"));
        AssertError(InvalidClasses, client.Execute("CONFIG", "SET", "notify-keyspace-events", "KEQ"));
        AssertError(InvalidClasses, client.Execute("CONFIG", "SET", "notify-keyspace-events", "ke"));
        AssertTexts(["notify-keyspace-events", "lK"], client.Execute("CONFIG", "GET", "notify-keyspace-events"));
    }

    [Fact]
    public async Task Hocon_sets_the_classes_at_start_and_an_unknown_class_is_a_config_error()
    {
        await using (var node = ServerFixture.Start("akkakv.server.notify-keyspace-events = \"KE$\""))
        {
            using var client = ServerFixture.Connect(node.EndPoint.Port);
            AssertTexts(["notify-keyspace-events", "$KE"], client.Execute("CONFIG", "GET", "notify-keyspace-events"));
            using var listener = new Listener(ServerFixture.Connect(node.EndPoint.Port), 2, ["k"]);
            AssertOk(client.Execute("SET", "k", "v"));
            listener.Expect(K("k", "set"), E("set", "k"));
            listener.AssertQuiet();
        }
        Assert.Throws<ConfigException>(() => ServerFixture.Start("akkakv.server.notify-keyspace-events = \"KEz?\""));
    }

    [Fact]
    public void Nothing_is_published_when_notifications_are_off_or_name_no_channel_or_no_class()
    {
        var key = NewKey();
        using var client = Connect();
        using var listener = Listen(2, key);
        // Off; every class but no channel; a class without channel; both channels but no class.
        foreach (var classes in new[] { "", "A", "gm", "KE" })
        {
            Configure(classes);
            AssertOk(client.Execute("SET", key, "v"));
            AssertInteger(1, client.Execute("DEL", key));
            AssertNull(client.Execute("GET", key));
        }
        listener.AssertQuiet();
    }

    // ---- K and E channels (pubsub.tcl) ------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void We_receive_keyspace_notifications(int protocol)
    {
        var key = NewKey("foo");
        Configure("KA");
        using var listener = Listen(protocol, key);
        Run("SET", key, "bar");
        listener.Expect(K(key, "set"));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void We_receive_keyevent_notifications(int protocol)
    {
        var key = NewKey("foo");
        Configure("EA");
        using var listener = Listen(protocol, key);
        Run("SET", key, "bar");
        listener.Expect(E("set", key));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void We_can_receive_both_kind_of_events_keyspace_first(int protocol)
    {
        var key = NewKey("foo");
        Configure("KEA");
        using var listener = Listen(protocol, key);
        Run("SET", key, "bar");
        listener.Expect(K(key, "set"), E("set", key));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void We_are_able_to_mask_events(int protocol)
    {
        var (key, list) = (NewKey("foo"), NewKey("mylist"));
        Configure("KEl");
        using var listener = Listen(protocol, key, list);
        Run("SET", key, "bar");
        Run("LPUSH", list, "a");
        listener.Expect(K(list, "lpush"), E("lpush", list));
        listener.AssertQuiet();
    }

    [Fact]
    public void Events_of_another_database_name_it_in_both_channels()
    {
        var key = NewKey();
        Configure("KEA");
        using var listener = Listen(2, key);
        using var client = Connect();
        AssertOk(client.Execute("SELECT", "5"));
        AssertOk(client.Execute("SET", key, "v"));
        listener.Expect(K(key, "set", db: 5), E("set", key, db: 5));
        listener.AssertQuiet();
    }

    [Fact]
    public void Events_reach_plain_channel_subscribers_as_redis_bytes()
    {
        var key = NewKey();
        Configure("KEg");
        using var socket = Server.RawSocket();
        var keyspace = $"__keyspace@0__:{key}";
        var subscribed = $"*3\r\n$9\r\nsubscribe\r\n{Bulk(keyspace)}:1\r\n*3\r\n$9\r\nsubscribe\r\n$18\r\n__keyevent@0__:del\r\n:2\r\n";
        Assert.Equal(subscribed, ServerFixture.Exchange(socket, Command("SUBSCRIBE", keyspace, "__keyevent@0__:del"), subscribed.Length));
        Run("SET", key, "v");
        Run("DEL", key);
        var messages = $"*3\r\n$7\r\nmessage\r\n{Bulk(keyspace)}$3\r\ndel\r\n*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:del\r\n{Bulk(key)}";
        Assert.Equal(messages, ServerFixture.ReadAtLeast(socket, messages.Length));
    }

    [Fact]
    public void Events_reach_resp3_pattern_subscribers_as_push_bytes()
    {
        var key = NewKey();
        Configure("Eg");
        using var socket = Server.RawSocket();
        SwitchToResp3(socket);
        var subscribed = $">3\r\n$10\r\npsubscribe\r\n$16\r\n__keyevent@*__:*\r\n:1\r\n";
        Assert.Equal(subscribed, ServerFixture.Exchange(socket, Command("PSUBSCRIBE", "__keyevent@*__:*"), subscribed.Length));
        Run("SET", key, "v");
        Run("DEL", key);
        var message = $">4\r\n$8\r\npmessage\r\n$16\r\n__keyevent@*__:*\r\n$18\r\n__keyevent@0__:del\r\n{Bulk(key)}";
        Assert.Equal(message, ServerFixture.ReadAtLeast(socket, message.Length));
    }

    // ---- Generic commands ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void General_events_test(int protocol)
    {
        var key = NewKey("foo");
        Configure("KEg");
        using var listener = Listen(protocol, key);
        Run("SET", key, "bar");
        Run("EXPIRE", key, "1");
        Run("DEL", key);
        listener.Expect(K(key, "expire"), E("expire", key), K(key, "del"), E("del", key));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expire_family_persist_and_del_publish_generic_events(int protocol)
    {
        var (a, b, c, missing) = (NewKey("a"), NewKey("b"), NewKey("c"), NewKey("missing"));
        Configure("Eg");
        using var listener = Listen(protocol, a, b, c, missing);
        Run("MSET", a, "1", b, "2", c, "3");
        Run("EXPIRE", a, "100");
        Run("PEXPIRE", a, "100000");
        Run("EXPIREAT", a, "99999999999");
        Run("PEXPIREAT", a, "99999999999999");
        AssertInteger(0, Run("EXPIRE", a, "100", "NX"));
        AssertInteger(0, Run("EXPIRE", missing, "10"));
        AssertInteger(1, Run("PERSIST", a));
        AssertInteger(0, Run("PERSIST", a));
        // A time already past deletes the key: "del", never "expire" or "expired".
        AssertInteger(1, Run("EXPIRE", a, "-1"));
        AssertInteger(1, Run("PEXPIREAT", b, "1"));
        AssertInteger(1, Run("UNLINK", c, missing));
        listener.Expect(
            E("expire", a), E("expire", a), E("expire", a), E("expire", a), E("persist", a),
            E("del", a), E("del", b), E("del", c));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rename_copy_and_move_publish_new_and_their_pairs(int protocol)
    {
        var (source, target, other, copy, moved) = (NewKey("src"), NewKey("dst"), NewKey("other"), NewKey("copy"), NewKey("moved"));
        Configure("Egn");
        using var listener = Listen(protocol, source, target, other, copy, moved);
        Run("SET", source, "1");
        Run("SET", target, "2");
        // The target existed: Redis deletes it and adds the key anew, so it is "new" all the same.
        AssertOk(Run("RENAME", source, target));
        AssertOk(Run("RENAME", target, target));
        Run("SET", other, "3");
        AssertInteger(0, Run("RENAMENX", other, target));
        AssertInteger(1, Run("COPY", target, copy));
        AssertInteger(0, Run("COPY", target, copy));
        AssertInteger(1, Run("COPY", target, copy, "REPLACE"));
        AssertInteger(1, Run("COPY", target, copy, "DB", "3"));
        Run("SET", moved, "4");
        AssertInteger(1, Run("MOVE", moved, "4"));
        listener.Expect(
            E("new", source), E("new", target), E("new", target), E("rename_from", source), E("rename_to", target),
            E("new", other), E("new", copy), E("copy_to", copy), E("new", copy), E("copy_to", copy),
            E("new", copy, db: 3), E("copy_to", copy, db: 3),
            E("new", moved), E("new", moved, db: 4), E("move_from", moved), E("move_to", moved, db: 4));
        listener.AssertQuiet();
        CleanUp(3, copy);
        CleanUp(4, moved);
    }

    // ---- Expiry -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expired_events_background_expire(int protocol)
    {
        var (foo, bar) = (NewKey("foo"), NewKey("bar"));
        Configure("Ex");
        using var listener = Listen(protocol, foo, bar);
        Run("PSETEX", foo, "100", "1");
        Run("PSETEX", bar, "100", "1");
        // Nobody reads them: only the active cycle can find them; the order it does is its own.
        var events = new[] { listener.Next(), listener.Next() };
        Assert.Equal(new[] { E("expired", bar), E("expired", foo) }.Order(), events.Order());
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expired_events_triggered_expire_come_before_the_miss_and_the_new_key(int protocol)
    {
        var (read, written) = (NewKey("read"), NewKey("written"));
        Configure("E$xmn");
        using var listener = Listen(protocol, read, written);
        using var client = Connect();
        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        try
        {
            AssertOk(client.Execute("SET", read, "1", "PX", "20"));
            AssertOk(client.Execute("SET", written, "1", "PX", "20"));
            Thread.Sleep(100);
            AssertNull(client.Execute("GET", read));
            AssertOk(client.Execute("SET", written, "2"));
        }
        finally
        {
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
        }
        listener.Expect(
            E("new", read), E("set", read), E("new", written), E("set", written),
            E("expired", read), E("keymiss", read), E("expired", written), E("new", written), E("set", written));
        listener.AssertQuiet();
    }

    // ---- new and keymiss ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void New_key_test(int protocol)
    {
        var (foo, list) = (NewKey("foo"), NewKey("list"));
        Configure("En");
        using var listener = Listen(protocol, foo, list);
        Run("SET", foo, "bar");
        Run("SET", foo, "baz");
        Run("LPUSH", list, "a");
        Run("RPUSH", list, "b");
        Run("DEL", foo);
        Run("INCR", foo);
        listener.Expect(E("new", foo), E("new", list), E("new", foo));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Key_miss_is_published_for_reads_of_missing_keys_only(int protocol)
    {
        var (present, missing, other) = (NewKey("present"), NewKey("missing"), NewKey("other"));
        Configure("Em");
        using var listener = Listen(protocol, present, missing, other);
        Run("SET", present, "1");
        Run("GET", present);
        Run("GET", missing);
        Run("MGET", present, missing, other);
        Run("EXISTS", missing, present);
        Run("TYPE", other);
        Run("TTL", missing);
        Run("HGET", missing, "f");
        Run("LRANGE", other, "0", "-1");
        // Writes and OBJECT look without a miss.
        Run("DEL", missing);
        Run("LPOP", missing);
        Run("OBJECT", "ENCODING", missing);
        listener.Expect(
            E("keymiss", missing), E("keymiss", missing), E("keymiss", other), E("keymiss", missing), E("keymiss", other),
            E("keymiss", missing), E("keymiss", missing), E("keymiss", other));
        listener.AssertQuiet();
    }

    // ---- Transactions, scripts, several shards ------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Transactions_and_scripts_publish_the_events_of_their_commands(int protocol)
    {
        var (first, second) = KeysOnDifferentShards("tx");
        Configure("E$ln");
        using var listener = Listen(protocol, first, second);
        using var client = Connect();
        AssertOk(client.Execute("MULTI"));
        client.Execute("SET", first, "1");
        client.Execute("INCR", first);
        client.Execute("RPUSH", second, "x");
        Assert.Equal(3, client.Execute("EXEC").Items!.Count);
        AssertInteger(1, client.Execute("EVAL", "redis.call('append', KEYS[1], 'x'); return redis.call('lpop', KEYS[2]) and 1", "2", first, second));
        listener.Expect(
            E("new", first), E("set", first), E("incrby", first), E("new", second), E("rpush", second),
            E("append", first), E("lpop", second));
        listener.AssertQuiet();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Multi_key_commands_across_shards_publish_per_key_in_order(int protocol)
    {
        var (a, b) = KeysOnDifferentShards("x");
        Configure("Eg$sln");
        using var listener = Listen(protocol, a, b);
        AssertOk(Run("MSET", a, "1", b, "2"));
        AssertOk(Run("RENAME", a, b));
        Run("SADD", a, "m");
        AssertInteger(1, Run("SMOVE", a, b + "s", "m"));
        Run("DEL", b);
        Run("RPUSH", a, "e");
        Run("LMOVE", a, b, "LEFT", "RIGHT");
        listener.Expect(
            E("new", a), E("set", a), E("new", b), E("set", b), E("new", b), E("rename_from", a), E("rename_to", b),
            E("new", a), E("sadd", a), E("srem", a), E("del", a), E("del", b),
            E("new", a), E("rpush", a), E("new", b), E("rpush", b), E("lpop", a), E("del", a));
        listener.AssertQuiet();
        Run("DEL", b, b + "s");
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    /// <summary>The keyevent message of <paramref name="eventName"/> about <paramref name="key"/>, as the listener shows it.</summary>
    private static string E(string eventName, string key, int db = 0) => $"__keyevent@{db}__:{eventName} {key}";

    /// <summary>The keyspace message of <paramref name="eventName"/> about <paramref name="key"/>, as the listener shows it.</summary>
    private static string K(string key, string eventName, int db = 0) => $"__keyspace@{db}__:{key} {eventName}";

    private void Configure(string classes)
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "SET", "notify-keyspace-events", classes));
    }

    /// <summary>Runs one command on a fresh RESP2 connection and returns its reply.</summary>
    private RespValue Run(params string[] args)
    {
        using var client = Connect();
        return client.Execute(args);
    }

    private void CleanUp(int db, params string[] keys)
    {
        using var client = Connect();
        AssertOk(client.Execute("SELECT", db.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        client.Execute(["DEL", .. keys]);
    }

    private Listener Listen(int protocol, params string[] keys) => new(Connect(protocol), protocol, keys);

    private static string Bulk(string text) => $"${System.Text.Encoding.UTF8.GetByteCount(text)}\r\n{text}\r\n";

    /// <summary>
    /// A client subscribed to every keyspace and keyevent channel of every database, reading the events about its keys
    /// (others, from the active expiry of earlier tests' keys for instance, are skipped).
    /// </summary>
    private sealed class Listener : IDisposable
    {
        private readonly RespClient _client;
        private readonly int _protocol;
        private readonly HashSet<string> _keys;

        public Listener(RespClient client, int protocol, IEnumerable<string> keys)
        {
            _client = client;
            _protocol = protocol;
            _keys = [.. keys];
            client.Send("PSUBSCRIBE", "__key*@*__:*");
            Assert.Equal("psubscribe", client.ReadReply(Wait).Items![0].Text);
        }

        /// <summary>The next event about the keys, as "channel payload".</summary>
        public string Next()
        {
            var deadline = Environment.TickCount64 + (long)Wait.TotalMilliseconds;
            while (true)
            {
                RespValue? message = null;
                var left = deadline - Environment.TickCount64;
                Assert.True(left > 0 && _client.TryReadReply(TimeSpan.FromMilliseconds(left), out message), "no event arrived in time");
                if (Describe(message!) is { } text) return text;
            }
        }

        /// <summary>Reads as many events about the keys as expected and asserts they are exactly these, in order.</summary>
        public void Expect(params string[] expected)
        {
            var received = new List<string>(expected.Length);
            try
            {
                while (received.Count < expected.Length) received.Add(Next());
            }
            catch (Xunit.Sdk.TrueException)
            {
                Assert.Fail($"expected [{string.Join(", ", expected)}] but only [{string.Join(", ", received)}] arrived");
            }
            Assert.Equal(expected, received);
        }

        /// <summary>No further event about the keys within a short while.</summary>
        public void AssertQuiet()
        {
            var deadline = Environment.TickCount64 + 250;
            while (Environment.TickCount64 < deadline)
            {
                if (!_client.TryReadReply(TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64)), out var message)) return;
                Assert.True(Describe(message!) is null, $"unexpected event {Describe(message!)}");
            }
        }

        private string? Describe(RespValue message)
        {
            Assert.Equal(_protocol == 3 ? RespType.Push : RespType.Array, message.Type);
            var items = message.Items!;
            Assert.Equal("pmessage", items[0].Text);
            var (channel, payload) = (items[2].Text!, items[3].Text!);
            var key = channel.StartsWith("__keyevent@", StringComparison.Ordinal) ? payload : channel[(channel.IndexOf("__:", StringComparison.Ordinal) + 3)..];
            return _keys.Contains(key) ? $"{channel} {payload}" : null;
        }

        public void Dispose() => _client.Dispose();
    }
}
