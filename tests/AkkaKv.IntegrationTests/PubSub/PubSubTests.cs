using AkkaKv.IntegrationTests.Commands;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.PubSub;

/// <summary>
/// Pub/Sub (Redis's unit/pubsub and unit/pubsubshard): SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their unsubscribes with
/// their confirmations, PUBLISH/SPUBLISH and the message frames under RESP2 and RESP3, the RESP2 subscribed mode,
/// PUBSUB introspection, CLIENT LIST and INFO fields, and the cleanup when a subscriber goes. The server is shared by
/// the class: every test uses its own channel names and leaves no subscription behind.
/// </summary>
public sealed partial class PubSubTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    // ---- SUBSCRIBE / PUBLISH / UNSUBSCRIBE ----------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Publish_reaches_subscribers_and_unsubscribe_stops_it(int protocol)
    {
        var (first, second) = (NewKey("chan"), NewKey("chan"));
        using var subscriber = Connect(protocol);
        using var publisher = Connect();
        subscriber.Send("SUBSCRIBE", first, second);
        Assert.Equal(Push(protocol, "subscribe", first, 1), Next(subscriber));
        Assert.Equal(Push(protocol, "subscribe", second, 2), Next(subscriber));

        AssertInteger(1, publisher.Execute("PUBLISH", first, "hello"));
        AssertInteger(1, publisher.Execute("PUBLISH", second, "world"));
        Assert.Equal(Push(protocol, "message", first, "hello"), Next(subscriber));
        Assert.Equal(Push(protocol, "message", second, "world"), Next(subscriber));

        subscriber.Send("UNSUBSCRIBE", first);
        Assert.Equal(Push(protocol, "unsubscribe", first, 1), Next(subscriber));
        AssertInteger(0, publisher.Execute("PUBLISH", first, "lost"));
        AssertInteger(1, publisher.Execute("PUBLISH", second, "kept"));
        Assert.Equal(Push(protocol, "message", second, "kept"), Next(subscriber));

        subscriber.Send("UNSUBSCRIBE", second);
        Assert.Equal(Push(protocol, "unsubscribe", second, 0), Next(subscriber));
        AssertSimple("PONG", subscriber.Execute("PING"));
        AssertNothingMore(subscriber);
    }

    [Fact]
    public void Subscribe_and_message_frames_are_redis_bytes_under_resp2()
    {
        var channel = NewKey("chan");
        using var subscriber = Server.RawSocket();
        using var publisher = Connect();
        var subscribed = $"*3\r\n$9\r\nsubscribe\r\n{Bulk(channel)}:1\r\n";
        Assert.Equal(subscribed, ServerFixture.Exchange(subscriber, Command("SUBSCRIBE", channel), subscribed.Length));
        AssertInteger(1, publisher.Execute("PUBLISH", channel, "hi there"));
        var message = $"*3\r\n$7\r\nmessage\r\n{Bulk(channel)}$8\r\nhi there\r\n";
        Assert.Equal(message, ServerFixture.ReadAtLeast(subscriber, message.Length));
        var unsubscribed = $"*3\r\n$11\r\nunsubscribe\r\n{Bulk(channel)}:0\r\n";
        Assert.Equal(unsubscribed, ServerFixture.Exchange(subscriber, Command("UNSUBSCRIBE", channel), unsubscribed.Length));
    }

    [Fact]
    public void Subscribe_and_message_frames_are_redis_bytes_under_resp3()
    {
        var channel = NewKey("chan");
        using var subscriber = Server.RawSocket();
        SwitchToResp3(subscriber);
        using var publisher = Connect();
        var subscribed = $">3\r\n$9\r\nsubscribe\r\n{Bulk(channel)}:1\r\n";
        Assert.Equal(subscribed, ServerFixture.Exchange(subscriber, Command("SUBSCRIBE", channel), subscribed.Length));
        AssertInteger(1, publisher.Execute("PUBLISH", channel, ""));
        var message = $">3\r\n$7\r\nmessage\r\n{Bulk(channel)}$0\r\n\r\n";
        Assert.Equal(message, ServerFixture.ReadAtLeast(subscriber, message.Length));
        // RESP3 allows every command while subscribed; the reply comes between the pushes.
        Assert.Equal("+PONG\r\n", ServerFixture.Exchange(subscriber, Command("PING"), 7));
        var unsubscribed = $">3\r\n$11\r\nunsubscribe\r\n{Bulk(channel)}:0\r\n";
        Assert.Equal(unsubscribed, ServerFixture.Exchange(subscriber, Command("UNSUBSCRIBE"), unsubscribed.Length));
    }

    [Fact]
    public void Unsubscribing_from_nothing_confirms_with_a_null_name_bytes()
    {
        AssertRawReply(
            "*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n*3\r\n$12\r\nsunsubscribe\r\n$-1\r\n:0\r\n",
            Command("UNSUBSCRIBE") + Command("PUNSUBSCRIBE") + Command("SUNSUBSCRIBE"));
        AssertRawReply(
            ">3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n>3\r\n$12\r\npunsubscribe\r\n_\r\n:0\r\n>3\r\n$12\r\nsunsubscribe\r\n_\r\n:0\r\n",
            Command("UNSUBSCRIBE") + Command("PUNSUBSCRIBE") + Command("SUNSUBSCRIBE"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Subscribing_twice_and_unsubscribing_what_is_not_subscribed_keep_the_count(int protocol)
    {
        var (channel, other) = (NewKey("chan"), NewKey("chan"));
        using var subscriber = Connect(protocol);
        subscriber.Send("SUBSCRIBE", channel, channel);
        Assert.Equal(Push(protocol, "subscribe", channel, 1), Next(subscriber));
        Assert.Equal(Push(protocol, "subscribe", channel, 1), Next(subscriber));
        subscriber.Send("UNSUBSCRIBE", other, channel, channel);
        Assert.Equal(Push(protocol, "unsubscribe", other, 1), Next(subscriber));
        Assert.Equal(Push(protocol, "unsubscribe", channel, 0), Next(subscriber));
        Assert.Equal(Push(protocol, "unsubscribe", channel, 0), Next(subscriber));
        AssertSimple("PONG", subscriber.Execute("PING"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Unsubscribe_without_arguments_leaves_every_channel_but_not_the_patterns(int protocol)
    {
        var channels = new[] { NewKey("chan"), NewKey("chan"), NewKey("chan") };
        var pattern = NewKey("pat") + "*";
        using var subscriber = Connect(protocol);
        subscriber.Send(["SUBSCRIBE", .. channels]);
        for (var i = 0; i < channels.Length; i++) Assert.Equal(Push(protocol, "subscribe", channels[i], i + 1), Next(subscriber));
        subscriber.Send("PSUBSCRIBE", pattern);
        Assert.Equal(Push(protocol, "psubscribe", pattern, 4), Next(subscriber));

        subscriber.Send("UNSUBSCRIBE");
        var left = new List<string>();
        for (var count = 3; count >= 1; count--)
        {
            var reply = subscriber.ReadReply(ReadTimeout);
            Assert.Equal("unsubscribe", reply.Items![0].Text);
            left.Add(reply.Items[1].Text!);
            AssertInteger(count, reply.Items[2]);
        }
        Assert.Equal(channels.Order(), left.Order());
        subscriber.Send("PUNSUBSCRIBE");
        Assert.Equal(Push(protocol, "punsubscribe", pattern, 0), Next(subscriber));
        AssertSimple("PONG", subscriber.Execute("PING"));
    }

    [Fact]
    public void Publish_counts_every_subscriber_and_pattern_match_and_takes_binary_payloads()
    {
        var channel = NewKey("chan");
        using var a = Connect();
        using var b = Connect(3);
        using var publisher = Connect();
        a.Send("SUBSCRIBE", channel);
        Next(a);
        a.Send("PSUBSCRIBE", channel[..^2] + "*", channel);
        Next(a);
        Next(a);
        b.Send("SUBSCRIBE", channel);
        Next(b);
        var payload = new byte[] { 0, 13, 10, 255, 36, 42 };
        AssertInteger(4, publisher.Execute("PUBLISH"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(channel), payload));
        var received = a.ReadReply(ReadTimeout);
        Assert.Equal(payload, received.Items![2].Bytes);
        Assert.Equal("pmessage", a.ReadReply(ReadTimeout).Items![0].Text);
        Assert.Equal("pmessage", a.ReadReply(ReadTimeout).Items![0].Text);
        Assert.Equal(payload, b.ReadReply(ReadTimeout).Items![2].Bytes);
        a.Execute("RESET");
        b.Execute("RESET");
    }

    // ---- Subscribed mode (RESP2) ------------------------------------------------------------------------------

    [Fact]
    public void Resp2_subscribed_mode_allows_only_the_subscription_commands_ping_quit_and_reset()
    {
        var channel = NewKey("chan");
        using var subscriber = Connect();
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        AssertError(OnlyPubSub("get"), subscriber.Execute("GET", "k"));
        AssertError(OnlyPubSub("client|list"), subscriber.Execute("CLIENT", "LIST"));
        AssertError(OnlyPubSub("publish"), subscriber.Execute("PUBLISH", channel, "x"));
        AssertError(OnlyPubSub("hello"), subscriber.Execute("HELLO", "3"));
        AssertError(OnlyPubSub("multi"), subscriber.Execute("MULTI"));
        // Unknown commands and wrong arities are reported as such first.
        AssertError("ERR wrong number of arguments for 'get' command", subscriber.Execute("GET"));
        AssertErrorStartsWith("ERR unknown command 'nosuch'", subscriber.Execute("nosuch"));
        Assert.Equal("[pong, ]", subscriber.Execute("PING").ToString());
        Assert.Equal("[pong, hi]", subscriber.Execute("PING", "hi").ToString());
        subscriber.Send("PSUBSCRIBE", "x*");
        Assert.Equal(Push(2, "psubscribe", "x*", 2), Next(subscriber));
        subscriber.Send("PUNSUBSCRIBE", "x*");
        Assert.Equal(Push(2, "punsubscribe", "x*", 1), Next(subscriber));
        subscriber.Send("SSUBSCRIBE", channel);
        Assert.Equal(Push(2, "ssubscribe", channel, 1), Next(subscriber));
        subscriber.Send("SUNSUBSCRIBE", channel);
        Assert.Equal(Push(2, "sunsubscribe", channel, 0), Next(subscriber));
        subscriber.Send("UNSUBSCRIBE", channel);
        Assert.Equal(Push(2, "unsubscribe", channel, 0), Next(subscriber));
        // Subscribed to nothing any more: a normal client again.
        AssertSimple("PONG", subscriber.Execute("PING"));
        AssertNull(subscriber.Execute("GET", NewKey()));
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        AssertOk(subscriber.Execute("QUIT"));
        Assert.True(subscriber.WaitClosed(ReadTimeout));
    }

    [Fact]
    public void Resp2_subscribed_mode_error_bytes() =>
        AssertRawReply(
            "*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n-ERR Can't execute 'set': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n*2\r\n$4\r\npong\r\n$0\r\n\r\n",
            Command("SUBSCRIBE", "c") + Command("SET", "k", "v") + Command("PING"));

    [Fact]
    public void Resp3_allows_every_command_while_subscribed()
    {
        var (channel, key) = (NewKey("chan"), NewKey());
        using var subscriber = Connect(3);
        using var publisher = Connect();
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        AssertOk(subscriber.Execute("SET", key, "v"));
        AssertBulk("v", subscriber.Execute("GET", key));
        AssertSimple("PONG", subscriber.Execute("PING"));
        AssertBulk("hi", subscriber.Execute("PING", "hi"));
        AssertInteger(1, publisher.Execute("PUBLISH", channel, "m"));
        Assert.Equal(Push(3, "message", channel, "m"), Next(subscriber));
        subscriber.Execute("RESET");
    }

    [Fact]
    public void Publishing_to_itself_replies_first_then_pushes_under_resp3()
    {
        var channel = NewKey("chan");
        using var client = Connect(3);
        client.Send("SUBSCRIBE", channel);
        Next(client);
        // Redis 7.2 postpones a push to the publishing client itself until after the command's reply.
        AssertInteger(1, client.Execute("PUBLISH", channel, "me"));
        Assert.Equal(Push(3, "message", channel, "me"), Next(client));
        client.Execute("RESET");
    }

    [Fact]
    public void Hello_2_while_subscribed_under_resp3_enters_resp2_subscribed_mode()
    {
        var channel = NewKey("chan");
        using var subscriber = Connect(3);
        using var publisher = Connect();
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        var hello = subscriber.Execute("HELLO", "2");
        Assert.Equal(RespType.Array, hello.Type);
        AssertError(OnlyPubSub("get"), subscriber.Execute("GET", "k"));
        Assert.Equal("[pong, ]", subscriber.Execute("PING").ToString());
        AssertInteger(1, publisher.Execute("PUBLISH", channel, "as an array"));
        Assert.Equal(Push(2, "message", channel, "as an array"), Next(subscriber));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Reset_leaves_subscribed_mode_and_every_subscription(int protocol)
    {
        var channel = NewKey("chan");
        var pattern = NewKey("pat") + "*";
        using var subscriber = Connect(protocol);
        using var other = Connect();
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        subscriber.Send("PSUBSCRIBE", pattern);
        Next(subscriber);
        subscriber.Send("SSUBSCRIBE", channel);
        Next(subscriber);
        AssertSimple("RESET", subscriber.Execute("RESET"));
        Assert.Equal($"[{channel}, (integer) 0]", other.Execute("PUBSUB", "NUMSUB", channel).ToString());
        Assert.Equal($"[{channel}, (integer) 0]", other.Execute("PUBSUB", "SHARDNUMSUB", channel).ToString());
        AssertInteger(0, other.Execute("PUBLISH", channel, "nobody"));
        AssertNull(subscriber.Execute("GET", NewKey()));
        AssertNothingMore(subscriber);
    }

    // ---- Patterns ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Psubscribe_matches_glob_patterns_and_delivers_pmessage(int protocol)
    {
        var prefix = NewKey("news");
        using var subscriber = Connect(protocol);
        using var publisher = Connect();
        subscriber.Send("PSUBSCRIBE", prefix + ".*", prefix + ".[ab]?");
        Assert.Equal(Push(protocol, "psubscribe", prefix + ".*", 1), Next(subscriber));
        Assert.Equal(Push(protocol, "psubscribe", prefix + ".[ab]?", 2), Next(subscriber));

        AssertInteger(2, publisher.Execute("PUBLISH", prefix + ".a1", "one"));
        AssertInteger(1, publisher.Execute("PUBLISH", prefix + ".c1", "two"));
        AssertInteger(0, publisher.Execute("PUBLISH", prefix + "-x", "three"));
        // One pmessage per matching pattern, in no particular order (Redis walks its pattern dictionary).
        Assert.Equal(
            new[] { Push(protocol, "pmessage", prefix + ".*", prefix + ".a1", "one"), Push(protocol, "pmessage", prefix + ".[ab]?", prefix + ".a1", "one") }.Order(),
            new[] { Next(subscriber), Next(subscriber) }.Order());
        Assert.Equal(Push(protocol, "pmessage", prefix + ".*", prefix + ".c1", "two"), Next(subscriber));

        subscriber.Send("PUNSUBSCRIBE", prefix + ".*");
        Assert.Equal(Push(protocol, "punsubscribe", prefix + ".*", 1), Next(subscriber));
        AssertInteger(0, publisher.Execute("PUBLISH", prefix + ".c1", "gone"));
        subscriber.Send("PUNSUBSCRIBE");
        Assert.Equal(Push(protocol, "punsubscribe", prefix + ".[ab]?", 0), Next(subscriber));
        AssertNothingMore(subscriber);
    }

    [Fact]
    public void Pmessage_bytes()
    {
        var prefix = NewKey("p");
        using var subscriber = Server.RawSocket();
        using var publisher = Connect();
        var subscribed = $"*3\r\n$10\r\npsubscribe\r\n{Bulk(prefix + "*")}:1\r\n";
        Assert.Equal(subscribed, ServerFixture.Exchange(subscriber, Command("PSUBSCRIBE", prefix + "*"), subscribed.Length));
        AssertInteger(1, publisher.Execute("PUBLISH", prefix + "x", "m"));
        var message = $"*4\r\n$8\r\npmessage\r\n{Bulk(prefix + "*")}{Bulk(prefix + "x")}$1\r\nm\r\n";
        Assert.Equal(message, ServerFixture.ReadAtLeast(subscriber, message.Length));
    }

    [Fact]
    public void Numpat_counts_distinct_patterns()
    {
        var pattern = NewKey("pat") + "*";
        using var a = Connect();
        using var b = Connect();
        using var observer = Connect();
        // Subscribers of the tests before may still be going away: start from none.
        const long before = 0;
        Assert.True(Eventually(() => observer.Execute("PUBSUB", "NUMPAT").Integer == before));
        a.Send("PSUBSCRIBE", pattern);
        Next(a);
        b.Send("PSUBSCRIBE", pattern, pattern + "x");
        Next(b);
        Next(b);
        AssertInteger(before + 2, observer.Execute("PUBSUB", "NUMPAT"));
        a.Send("PUNSUBSCRIBE", pattern);
        Next(a);
        AssertInteger(before + 2, observer.Execute("PUBSUB", "NUMPAT"));
        b.Send("PUNSUBSCRIBE");
        Next(b);
        Next(b);
        AssertInteger(before, observer.Execute("PUBSUB", "NUMPAT"));
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    /// <summary>The next reply or push of <paramref name="client"/>, in RespValue's compact text.</summary>
    private static string Next(RespClient client) => client.ReadReply(ReadTimeout).ToString();

    /// <summary>A subscription or message frame as <see cref="Next"/> shows it: integers as counts, the rest as strings.</summary>
    private static string Push(int protocol, params object[] items) =>
        (protocol == 3 ? ">[" : "[") + string.Join(", ", items.Select(i => i is int n ? $"(integer) {n}" : i.ToString())) + "]";

    private static string OnlyPubSub(string command) =>
        $"ERR Can't execute '{command}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

    private static string Bulk(string text) => $"${System.Text.Encoding.UTF8.GetByteCount(text)}\r\n{text}\r\n";

    private static void AssertNothingMore(RespClient client) =>
        Assert.False(client.TryReadReply(TimeSpan.FromMilliseconds(200), out var extra), $"unexpected {extra}");
}
