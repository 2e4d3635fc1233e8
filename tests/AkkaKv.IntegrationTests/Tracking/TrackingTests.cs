using AkkaKv.IntegrationTests.Commands;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Tracking;

/// <summary>
/// Client-side caching (Redis's unit/tracking): CLIENT TRACKING in default, BCAST, OPTIN/OPTOUT and NOLOOP modes,
/// invalidations as RESP3 pushes and, redirected to a RESP2 subscriber, as __redis__:invalidate messages, flushes,
/// expiry, the bounded table, broken redirections, and CLIENT CACHING / GETREDIR / TRACKINGINFO. The server is shared
/// by the class: every test uses its own keys and its own connections.
/// </summary>
public sealed partial class TrackingTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    // ---- Default mode -----------------------------------------------------------------------------------------

    [Fact]
    public void A_read_key_is_invalidated_once_when_another_client_changes_it()
    {
        var key = NewKey();
        using var reader = Connect(3);
        using var writer = Connect();
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON"));
        AssertNull(reader.Execute("GET", key));
        AssertOk(writer.Execute("SET", key, "1"));
        Assert.Equal(Invalidate(key), Next(reader));
        // Forgotten once invalidated: a second change is not reported until the key is read again.
        AssertOk(writer.Execute("SET", key, "2"));
        AssertNothingMore(reader);
        AssertBulk("2", reader.Execute("GET", key));
        AssertInteger(1, writer.Execute("DEL", key));
        Assert.Equal(Invalidate(key), Next(reader));
    }

    [Fact]
    public void Keys_read_on_different_shards_are_each_invalidated_and_unread_keys_are_not()
    {
        var (first, second) = KeysOnDifferentShards();
        var unread = NewKey();
        using var reader = Connect(3);
        using var writer = Connect();
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON"));
        reader.Execute("MGET", first, second);
        AssertOk(writer.Execute("MSET", first, "1", second, "2", unread, "3"));
        var received = new[] { Next(reader), Next(reader) };
        Assert.Equal(new[] { Invalidate(first), Invalidate(second) }.Order(), received.Order());
        AssertNothingMore(reader);
    }

    [Fact]
    public void A_clients_own_write_is_invalidated_after_its_reply_and_not_at_all_with_noloop()
    {
        var key = NewKey();
        using var socket = Server.RawSocket();
        SwitchToResp3(socket);
        Assert.Equal("+OK\r\n", ServerFixture.Exchange(socket, Command("CLIENT", "TRACKING", "ON"), 5));
        Assert.Equal("_\r\n", ServerFixture.Exchange(socket, Command("GET", key), 3));
        var expected = $"+OK\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n{Bulk(key)}";
        Assert.Equal(expected, ServerFixture.Exchange(socket, Command("SET", key, "v"), expected.Length));

        using var noLoop = Connect(3);
        using var other = Connect();
        AssertOk(noLoop.Execute("CLIENT", "TRACKING", "ON", "NOLOOP"));
        AssertBulk("v", noLoop.Execute("GET", key));
        AssertOk(noLoop.Execute("SET", key, "mine"));
        AssertNothingMore(noLoop);
        AssertBulk("mine", noLoop.Execute("GET", key));
        AssertOk(other.Execute("SET", key, "theirs"));
        Assert.Equal(Invalidate(key), Next(noLoop));
    }

    [Fact]
    public void Redirected_invalidations_reach_a_resp2_subscriber_as_messages()
    {
        var (first, second) = (NewKey(), NewKey());
        using var target = Server.RawSocket();
        target.Send(System.Text.Encoding.UTF8.GetBytes(Command("CLIENT", "ID")));
        var id = ReadUntil(target, "\r\n");
        var subscribed = $"*3\r\n$9\r\nsubscribe\r\n$20\r\n__redis__:invalidate\r\n:1\r\n";
        Assert.Equal(subscribed, ServerFixture.Exchange(target, Command("SUBSCRIBE", "__redis__:invalidate"), subscribed.Length));
        using var reader = Connect();
        using var writer = Connect();
        var targetId = ReadInteger(id);
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON", "REDIRECT", targetId.ToString()));
        AssertInteger(targetId, reader.Execute("CLIENT", "GETREDIR"));
        reader.Execute("MGET", first, second);
        AssertOk(writer.Execute("SET", first, "1"));
        var message = $"*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n{Bulk(first)}";
        Assert.Equal(message, ServerFixture.ReadAtLeast(target, message.Length));
        // A flush invalidates everything: a null in place of the keys.
        AssertOk(writer.Execute("FLUSHALL"));
        var flushed = "*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n$-1\r\n";
        Assert.Equal(flushed, ServerFixture.ReadAtLeast(target, flushed.Length));
    }

    [Fact]
    public void A_resp2_client_without_redirection_tracks_but_cannot_be_told()
    {
        var key = NewKey();
        using var reader = Connect();
        using var writer = Connect();
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON"));
        reader.Execute("GET", key);
        AssertOk(writer.Execute("SET", key, "1"));
        AssertNothingMore(reader);
        AssertBulk("1", reader.Execute("GET", key));
    }

    [Fact]
    public void Flushes_send_every_tracking_client_a_null_invalidation()
    {
        using var first = Connect(3);
        using var broadcast = Connect(3);
        using var writer = Connect();
        AssertOk(first.Execute("CLIENT", "TRACKING", "ON"));
        AssertOk(broadcast.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", NewKey("nothing-matches")));
        AssertOk(writer.Execute("FLUSHDB"));
        Assert.Equal(">[invalidate, (nil)]", Next(first));
        Assert.Equal(">[invalidate, (nil)]", Next(broadcast));
        AssertOk(writer.Execute("FLUSHALL", "SYNC"));
        Assert.Equal(">[invalidate, (nil)]", Next(first));
        Assert.Equal(">[invalidate, (nil)]", Next(broadcast));
    }

    [Fact]
    public void An_expired_key_is_invalidated()
    {
        var key = NewKey();
        using var reader = Connect(3);
        using var writer = Connect();
        AssertOk(writer.Execute("SET", key, "v", "PX", "400"));
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON"));
        AssertBulk("v", reader.Execute("GET", key));
        // Lazy expiry on the next access, or the active cycle before it: either way the reader hears of it.
        Thread.Sleep(500);
        AssertInteger(0, writer.Execute("EXISTS", key));
        Assert.Equal(Invalidate(key), Next(reader));
    }

    [Fact]
    public void Keys_read_in_a_transaction_or_by_a_script_are_tracked()
    {
        var (first, second) = KeysOnDifferentShards();
        using var reader = Connect(3);
        using var writer = Connect();
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON"));
        AssertOk(reader.Execute("MULTI"));
        reader.Execute("GET", first);
        reader.Execute("EXEC");
        reader.Execute("EVAL", "return redis.call('GET', KEYS[1])", "1", second);
        AssertOk(writer.Execute("MSET", first, "1", second, "2"));
        var received = new[] { Next(reader), Next(reader) };
        Assert.Equal(new[] { Invalidate(first), Invalidate(second) }.Order(), received.Order());
        // A script's writes invalidate too.
        reader.Execute("GET", first);
        writer.Execute("EVAL", "return redis.call('SET', KEYS[1], 'x')", "1", first);
        Assert.Equal(Invalidate(first), Next(reader));
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    private static string Next(RespClient client) => client.ReadReply(ReadTimeout).ToString();

    private static string Invalidate(params string[] keys) => $">[invalidate, [{string.Join(", ", keys)}]]";

    private static string Bulk(string text) => $"${System.Text.Encoding.UTF8.GetByteCount(text)}\r\n{text}\r\n";

    private static long ReadInteger(string reply) => long.Parse(reply.AsSpan(1, reply.Length - 3), System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertNothingMore(RespClient client) =>
        Assert.False(client.TryReadReply(TimeSpan.FromMilliseconds(200), out var extra), $"unexpected {extra}");
}
