using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.PubSub;

// PUBSUB introspection, shard channels (unit/pubsubshard), CLIENT LIST / INFO fields, cleanup on disconnect, MULTI,
// and the command table entries.
public sealed partial class PubSubTests
{
    // ---- PUBSUB CHANNELS / NUMSUB / HELP -----------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pubsub_channels_and_numsub_report_the_active_channels(int protocol)
    {
        var prefix = NewKey("intro");
        var (one, two) = (prefix + ".one", prefix + ".two");
        using var a = Connect();
        using var b = Connect(3);
        using var observer = Connect(protocol);
        a.Send("SUBSCRIBE", one, two);
        Next(a);
        Next(a);
        b.Send("SUBSCRIBE", one);
        Next(b);
        b.Send("PSUBSCRIBE", prefix + "*");
        Next(b);

        var all = observer.Execute("PUBSUB", "CHANNELS");
        Assert.Equal(RespType.Array, all.Type);
        Assert.Contains(one, Texts(all));
        Assert.Contains(two, Texts(all));
        Assert.DoesNotContain(prefix + "*", Texts(all));
        var matching = observer.Execute("PUBSUB", "CHANNELS", prefix + ".o*");
        Assert.Equal(RespType.Array, matching.Type);
        AssertTexts([one], matching);
        Assert.Empty(Texts(observer.Execute("PUBSUB", "CHANNELS", prefix + ".O*")));

        // A flat array of pairs under both protocols; pattern subscriptions are not counted.
        var numsub = observer.Execute("PUBSUB", "NUMSUB", one, two, prefix + ".none");
        Assert.Equal($"[{one}, (integer) 2, {two}, (integer) 1, {prefix}.none, (integer) 0]", numsub.ToString());
        Assert.Equal("[]", observer.Execute("PUBSUB", "NUMSUB").ToString());

        a.Send("UNSUBSCRIBE");
        Next(a);
        Next(a);
        AssertTexts([one], observer.Execute("PUBSUB", "CHANNELS", prefix + "*"));
        b.Execute("RESET");
        Assert.Empty(Texts(observer.Execute("PUBSUB", "CHANNELS", prefix + "*")));
    }

    [Fact]
    public void Pubsub_subcommand_errors_and_help()
    {
        using var client = Connect();
        AssertError("ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.",
            client.Execute("PUBSUB", "channels", "a", "b"));
        AssertError("ERR unknown subcommand or wrong number of arguments for 'ShardChannels'. Try PUBSUB HELP.",
            client.Execute("PUBSUB", "ShardChannels", "a", "b"));
        AssertError("ERR wrong number of arguments for 'pubsub|numpat' command", client.Execute("PUBSUB", "NUMPAT", "x"));
        AssertError("ERR unknown subcommand 'foo'. Try PUBSUB HELP.", client.Execute("PUBSUB", "foo"));
        AssertError("ERR wrong number of arguments for 'pubsub' command", client.Execute("PUBSUB"));
        AssertError("ERR wrong number of arguments for 'publish' command", client.Execute("PUBLISH", "c"));
        AssertError("ERR wrong number of arguments for 'subscribe' command", client.Execute("SUBSCRIBE"));
        AssertError("ERR wrong number of arguments for 'spublish' command", client.Execute("SPUBLISH", "c", "m", "x"));
        var help = Texts(client.Execute("PUBSUB", "HELP"));
        Assert.Equal("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help[0]);
        Assert.Contains("SHARDNUMSUB [<shardchannel> ...]", help);
        AssertTexts(["HELP", "    Print this help."], help[^2..]);
    }

    // ---- Shard channels ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ssubscribe_and_spublish_deliver_smessage_with_their_own_count(int protocol)
    {
        var (shard, classic) = (NewKey("shard"), NewKey("chan"));
        using var subscriber = Connect(protocol);
        using var publisher = Connect();
        subscriber.Send("SUBSCRIBE", classic);
        Assert.Equal(Push(protocol, "subscribe", classic, 1), Next(subscriber));
        subscriber.Send("SSUBSCRIBE", shard, shard + "2");
        // The shard count is the client's shard channels only.
        Assert.Equal(Push(protocol, "ssubscribe", shard, 1), Next(subscriber));
        Assert.Equal(Push(protocol, "ssubscribe", shard + "2", 2), Next(subscriber));

        AssertInteger(1, publisher.Execute("SPUBLISH", shard, "sharded"));
        Assert.Equal(Push(protocol, "smessage", shard, "sharded"), Next(subscriber));
        // The two spaces are apart: PUBLISH does not reach shard subscribers, SPUBLISH neither channel nor pattern ones.
        AssertInteger(0, publisher.Execute("PUBLISH", shard, "classic"));
        AssertInteger(0, publisher.Execute("SPUBLISH", classic, "sharded"));
        subscriber.Send("PSUBSCRIBE", shard[..^3] + "*");
        Assert.Equal(Push(protocol, "psubscribe", shard[..^3] + "*", 2), Next(subscriber));
        AssertInteger(1, publisher.Execute("SPUBLISH", shard, "no pattern"));
        Assert.Equal(Push(protocol, "smessage", shard, "no pattern"), Next(subscriber));

        Assert.Equal($"[{shard}, (integer) 1, {classic}, (integer) 0]", publisher.Execute("PUBSUB", "SHARDNUMSUB", shard, classic).ToString());
        Assert.Contains(shard, Texts(publisher.Execute("PUBSUB", "SHARDCHANNELS")));
        AssertTexts([shard + "2"], publisher.Execute("PUBSUB", "SHARDCHANNELS", shard + "?"));
        Assert.DoesNotContain(shard, Texts(publisher.Execute("PUBSUB", "CHANNELS")));

        subscriber.Send("SUNSUBSCRIBE", shard);
        Assert.Equal(Push(protocol, "sunsubscribe", shard, 1), Next(subscriber));
        subscriber.Send("SUNSUBSCRIBE");
        Assert.Equal(Push(protocol, "sunsubscribe", shard + "2", 0), Next(subscriber));
        subscriber.Send("UNSUBSCRIBE");
        Assert.Equal(Push(protocol, "unsubscribe", classic, 1), Next(subscriber));
        subscriber.Send("PUNSUBSCRIBE");
        Assert.Equal(Push(protocol, "punsubscribe", shard[..^3] + "*", 0), Next(subscriber));
        AssertInteger(0, publisher.Execute("SPUBLISH", shard, "gone"));
        AssertNothingMore(subscriber);
    }

    [Fact]
    public void Smessage_bytes()
    {
        var shard = NewKey("shard");
        using var subscriber = Server.RawSocket();
        SwitchToResp3(subscriber);
        using var publisher = Connect();
        var subscribed = $">3\r\n$10\r\nssubscribe\r\n{Bulk(shard)}:1\r\n";
        Assert.Equal(subscribed, ServerFixture.Exchange(subscriber, Command("SSUBSCRIBE", shard), subscribed.Length));
        AssertInteger(1, publisher.Execute("SPUBLISH", shard, "s"));
        var message = $">3\r\n$8\r\nsmessage\r\n{Bulk(shard)}$1\r\ns\r\n";
        Assert.Equal(message, ServerFixture.ReadAtLeast(subscriber, message.Length));
    }

    [Fact]
    public void Spublish_reaches_subscribers_of_channels_owned_by_every_shard()
    {
        var (first, second) = KeysOnDifferentShards("shard");
        using var subscriber = Connect();
        using var publisher = Connect();
        subscriber.Send("SSUBSCRIBE", first, second);
        Next(subscriber);
        Next(subscriber);
        publisher.Send("SPUBLISH", first, "1");
        publisher.Send("SPUBLISH", second, "2");
        AssertInteger(1, publisher.ReadReply(ReadTimeout));
        AssertInteger(1, publisher.ReadReply(ReadTimeout));
        var received = new[] { Next(subscriber), Next(subscriber) };
        Assert.Equal(new[] { Push(2, "smessage", first, "1"), Push(2, "smessage", second, "2") }.Order(), received.Order());
        subscriber.Execute("RESET");
    }

    // ---- CLIENT LIST, INFO and cleanup ------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_list_shows_subscription_counts_flag_and_type(int protocol)
    {
        var channel = NewKey("chan");
        using var subscriber = Connect(protocol);
        using var observer = Connect();
        var id = subscriber.Execute("CLIENT", "ID").Integer;
        subscriber.Send("SUBSCRIBE", channel, channel + "2");
        Next(subscriber);
        Next(subscriber);
        subscriber.Send("PSUBSCRIBE", channel + "*");
        Next(subscriber);
        subscriber.Send("SSUBSCRIBE", channel);
        Next(subscriber);

        var line = ClientLine(observer, id);
        Assert.Contains(" flags=P ", line, StringComparison.Ordinal);
        Assert.Contains(" sub=2 psub=1 ssub=1 ", line, StringComparison.Ordinal);
        Assert.Contains($"id={id} ", AssertVerbatimText(observer.Execute("CLIENT", "LIST", "TYPE", "pubsub"), 2));
        Assert.DoesNotContain($"id={id} ", AssertVerbatimText(observer.Execute("CLIENT", "LIST", "TYPE", "normal"), 2));

        subscriber.Execute("RESET");
        line = ClientLine(observer, id);
        Assert.Contains(" flags=N ", line, StringComparison.Ordinal);
        Assert.Contains(" sub=0 psub=0 ssub=0 ", line, StringComparison.Ordinal);
        Assert.DoesNotContain($"id={id} ", AssertVerbatimText(observer.Execute("CLIENT", "LIST", "TYPE", "pubsub"), 2));
    }

    [Fact]
    public void Client_kill_type_pubsub_kills_subscribers_only()
    {
        var channel = NewKey("chan");
        using var subscriber = Connect();
        using var bystander = Connect();
        using var killer = Connect();
        var subscriberId = subscriber.Execute("CLIENT", "ID").Integer.ToString();
        var bystanderId = bystander.Execute("CLIENT", "ID").Integer.ToString();
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        AssertInteger(0, killer.Execute("CLIENT", "KILL", "TYPE", "pubsub", "ID", bystanderId));
        AssertInteger(0, killer.Execute("CLIENT", "KILL", "TYPE", "normal", "ID", subscriberId));
        AssertInteger(1, killer.Execute("CLIENT", "KILL", "TYPE", "pubsub", "ID", subscriberId));
        Assert.True(subscriber.WaitClosed(ReadTimeout));
        AssertSimple("PONG", bystander.Execute("PING"));
        Assert.True(Eventually(() => killer.Execute("PUBSUB", "NUMSUB", channel).Items![1].Integer == 0));
    }

    [Fact]
    public void Info_counts_channels_patterns_and_shard_channels()
    {
        var channel = NewKey("chan");
        using var observer = Connect();
        // Subscribers of the tests before may still be going away: start from none.
        var before = new PubSubStats(0, 0, 0);
        Assert.True(Eventually(() => StatsOf(observer) == before), $"left over: {StatsOf(observer)}");
        using (var subscriber = Connect())
        {
            subscriber.Send("SUBSCRIBE", channel, channel + "2");
            Next(subscriber);
            Next(subscriber);
            subscriber.Send("PSUBSCRIBE", channel + "*");
            Next(subscriber);
            subscriber.Send("SSUBSCRIBE", channel);
            Next(subscriber);
            var during = StatsOf(observer);
            Assert.Equal(before.Channels + 2, during.Channels);
            Assert.Equal(before.Patterns + 1, during.Patterns);
            Assert.Equal(before.Shard + 1, during.Shard);
        }
        // The subscriber went away: nothing is left behind.
        Assert.True(Eventually(() => StatsOf(observer) == before), $"before {before}, now {StatsOf(observer)}");
    }

    [Fact]
    public void A_disconnected_subscriber_leaves_no_subscription_behind()
    {
        var channel = NewKey("chan");
        using var observer = Connect();
        var subscribers = Enumerable.Range(0, 8).Select(i => Connect(i % 2 == 0 ? 2 : 3)).ToList();
        foreach (var subscriber in subscribers)
        {
            subscriber.Send("SUBSCRIBE", channel);
            Next(subscriber);
            subscriber.Send("SSUBSCRIBE", channel);
            Next(subscriber);
        }
        Assert.Equal($"[{channel}, (integer) 8]", observer.Execute("PUBSUB", "NUMSUB", channel).ToString());
        foreach (var subscriber in subscribers) subscriber.Dispose();
        Assert.True(Eventually(() => observer.Execute("PUBSUB", "NUMSUB", channel).Items![1].Integer == 0), "NUMSUB stayed above 0");
        Assert.True(Eventually(() => observer.Execute("PUBSUB", "SHARDNUMSUB", channel).Items![1].Integer == 0), "SHARDNUMSUB stayed above 0");
        AssertInteger(0, observer.Execute("PUBLISH", channel, "anyone?"));
        Assert.DoesNotContain(channel, Texts(observer.Execute("PUBSUB", "CHANNELS")));
    }

    // ---- MULTI ------------------------------------------------------------------------------------------------

    [Fact]
    public void Transactions_run_subscribe_and_publish_but_refuse_ssubscribe()
    {
        var (channel, key) = (NewKey("chan"), NewKey());
        using var client = Connect();
        using var subscriber = Connect();
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("SET", key, "v"));
        AssertSimple("QUEUED", client.Execute("PUBLISH", channel, key));
        AssertSimple("QUEUED", client.Execute("SSUBSCRIBE", channel));
        AssertSimple("QUEUED", client.Execute("SUBSCRIBE", channel));
        Assert.Equal(
            $"[OK, (integer) 1, (error) ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client, [subscribe, {channel}, (integer) 1]]",
            client.Execute("EXEC").ToString());
        Assert.Equal(Push(2, "message", channel, key), Next(subscriber));
        // EXEC left the client subscribed, so in RESP2 subscribed mode.
        AssertError(OnlyPubSub("get"), client.Execute("GET", key));
        client.Execute("RESET");
        subscriber.Execute("RESET");
    }

    // ---- The command table ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("subscribe", -2, "pubsub noscript loading stale", 0, 0, 0)]
    [InlineData("unsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0)]
    [InlineData("psubscribe", -2, "pubsub noscript loading stale", 0, 0, 0)]
    [InlineData("punsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0)]
    [InlineData("publish", 3, "pubsub loading stale fast", 0, 0, 0)]
    [InlineData("ssubscribe", -2, "pubsub noscript loading stale", 1, -1, 1)]
    // Redis shows no no_mandatory_keys for SUNSUBSCRIBE; the command table requires it for keys the arity lets go.
    [InlineData("sunsubscribe", -1, "pubsub noscript loading stale", 1, -1, 1)]
    [InlineData("spublish", 3, "pubsub loading stale fast", 1, 1, 1)]
    [InlineData("pubsub|channels", -2, "pubsub loading stale", 0, 0, 0)]
    [InlineData("pubsub|numsub", -2, "pubsub loading stale", 0, 0, 0)]
    [InlineData("pubsub|numpat", 2, "pubsub loading stale", 0, 0, 0)]
    [InlineData("pubsub|shardchannels", -2, "pubsub loading stale", 0, 0, 0)]
    [InlineData("pubsub|shardnumsub", -2, "pubsub loading stale", 0, 0, 0)]
    public void Command_info_matches_redis(string name, int arity, string flags, int first, int last, int step)
    {
        using var client = Connect();
        var entry = Assert.Single(client.Execute("COMMAND", "INFO", name).Items!);
        AssertBulk(name, entry.Items![0]);
        AssertInteger(arity, entry.Items[1]);
        Assert.Equal(flags.Split(' ').Order(), Texts(entry.Items[2]).Order());
        AssertInteger(first, entry.Items[3]);
        AssertInteger(last, entry.Items[4]);
        AssertInteger(step, entry.Items[5]);
        Assert.Contains("@pubsub", Texts(entry.Items[6]));
        Assert.Contains(flags.Contains("fast") ? "@fast" : "@slow", Texts(entry.Items[6]));
    }

    [Fact]
    public void Command_getkeys_finds_the_shard_channels()
    {
        using var client = Connect();
        AssertTexts(["a", "b"], client.Execute("COMMAND", "GETKEYS", "SSUBSCRIBE", "a", "b"));
        AssertTexts(["a"], client.Execute("COMMAND", "GETKEYS", "SPUBLISH", "a", "m"));
        AssertError("ERR The command has no key arguments", client.Execute("COMMAND", "GETKEYS", "PUBLISH", "a", "m"));
    }

    private static string ClientLine(RespClient observer, long id) =>
        AssertVerbatimText(observer.Execute("CLIENT", "LIST", "ID", id.ToString()), 2).TrimEnd('\n');

    private readonly record struct PubSubStats(long Channels, long Patterns, long Shard);

    private static PubSubStats StatsOf(RespClient client)
    {
        var fields = AssertVerbatimText(client.Execute("INFO", "stats"), 2)
            .Split("\r\n")
            .Select(l => l.Split(':'))
            .Where(p => p.Length == 2 && p[0].StartsWith("pubsub", StringComparison.Ordinal))
            .ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new PubSubStats(fields["pubsub_channels"], fields["pubsub_patterns"], fields["pubsubshard_channels"]);
    }
}
