using System.Globalization;
using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// KeyDB's member expiry on sorted sets (EXPIREMEMBER, PEXPIREMEMBERAT): lazy and active removal in both encodings,
/// the key deleted with its last member, what keeps or drops a deadline, and the ZREM journaled for an expired member.
/// </summary>
public sealed partial class SortedSetCommandsTests
{
    [Theory]
    [InlineData(2, "listpack")]
    [InlineData(3, "skiplist")]
    public void A_member_expires_lazily_and_the_key_goes_with_its_last_member(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var last = NewKey();
        WithListpackEntries(client, encoding == "listpack" ? "128" : "0", () =>
        {
            client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c");
            client.Execute("ZADD", last, "1", "only");
        });
        AssertBulk(encoding, client.Execute("OBJECT", "ENCODING", key));
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, "b", "100", "ms"));
        AssertInteger(0, client.Execute("EXPIREMEMBER", key, "nope", "100", "ms"));
        AssertBulkOrDouble("2", client.Execute("ZSCORE", key, "b"));
        Assert.True(Eventually(() => client.Execute("ZSCORE", key, "b").IsNull, 3000), "the member did not expire");
        AssertTexts(["a", "c"], client.Execute("ZRANGE", key, "0", "-1"));
        AssertInteger(2, client.Execute("ZCARD", key));

        AssertInteger(1, client.Execute("EXPIREMEMBER", last, "only", "50", "ms"));
        Assert.True(Eventually(() => client.Execute("EXISTS", last).Integer == 0, 3000), "the emptied key stayed");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Changing_a_score_keeps_the_deadline_and_removing_the_member_drops_it(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b");
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, "a", "150", "ms"));
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, "b", "150", "ms"));
        AssertInteger(0, client.Execute("ZADD", key, "10", "a"));
        AssertInteger(1, client.Execute("ZREM", key, "b"));
        AssertInteger(1, client.Execute("ZADD", key, "2", "b"));
        Assert.True(Eventually(() => client.Execute("ZSCORE", key, "a").IsNull, 3000), "the rescored member did not expire");
        Thread.Sleep(200);
        AssertTexts(["b"], client.Execute("ZRANGE", key, "0", "-1"));
    }

    [Fact]
    public void Members_nobody_reads_expire_actively()
    {
        using var client = Connect();
        AssertOk(client.Execute("SELECT", "9"));
        client.Execute("FLUSHDB");
        // Far enough ahead that the 60 setup commands finish first, even on a loaded CI machine.
        var at = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1500).ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < 20; i++)
        {
            var key = NewKey("active");
            client.Execute("ZADD", key, "1", "a", "2", "b");
            client.Execute("PEXPIREMEMBERAT", key, "a", at);
            client.Execute("PEXPIREMEMBERAT", key, "b", at);
        }

        AssertInteger(20, client.Execute("DBSIZE"));
        Assert.True(Eventually(() => client.Execute("DBSIZE").Integer == 0, 6500), "the keys were not expired actively");
    }

    [Fact]
    public async Task An_expired_member_is_journaled_as_zrem()
    {
        var journal = new CapturingJournal();
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 1 }");
        await using var node = ServerNode.Start(settings, _ => journal, new TestRouter(enabled: false), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("ZADD", "z", "1", "a", "2", "b");
        client.Execute("EXPIREMEMBER", "z", "a", "50", "ms");
        Assert.True(Eventually(() => journal.Lines().Contains("ZREM z a"), 3000), string.Join(" | ", journal.Lines()));
        AssertTexts(["b"], client.Execute("ZRANGE", "z", "0", "-1"));
    }
}
