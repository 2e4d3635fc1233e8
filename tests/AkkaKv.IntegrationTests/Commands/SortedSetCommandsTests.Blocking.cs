using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>BZPOPMIN, BZPOPMAX and BZMPOP that block: served by later writes in arrival order, or timing out.</summary>
public sealed partial class SortedSetCommandsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocked_bzpopmin_is_served_by_a_later_zadd(int protocol)
    {
        using var client = Connect(protocol);
        using var popper = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("blocked");
        var pop = Blocked(client, () => popper.Execute("BZPOPMIN", first, second, "10"));
        AssertInteger(2, client.Execute("ZADD", second, "2", "b", "1.5", "a"));
        var reply = Finish(pop);
        Assert.Equal(3, reply.Items!.Count);
        AssertBulk(second, reply.Items[0]);
        AssertBulk("a", reply.Items[1]);
        AssertBulkOrDouble("1.5", reply.Items[2]);
        Assert.Equal(protocol == 3 ? RespType.Double : RespType.BulkString, reply.Items[2].Type);
        AssertTexts(["b"], client.Execute("ZRANGE", second, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocked_bzmpop_is_served_by_a_store_into_its_key(int protocol)
    {
        using var client = Connect(protocol);
        using var popper = Connect(protocol);
        var (source, watched) = KeysOnDifferentShards("store");
        client.Execute("ZADD", source, "1", "a", "2", "b", "3", "c");
        var pop = Blocked(client, () => popper.Execute("BZMPOP", "10", "1", watched, "MAX", "COUNT", "2"));
        AssertInteger(3, client.Execute("ZUNIONSTORE", watched, "1", source));
        var reply = Finish(pop);
        AssertBulk(watched, reply.Items![0]);
        AssertPairs(reply.Items[1], "c", "3", "b", "2");
        AssertInteger(1, client.Execute("ZCARD", watched));
    }

    [Fact]
    public void Blocked_pops_are_served_first_come_first_served()
    {
        using var client = Connect();
        using var firstPopper = Connect();
        using var secondPopper = Connect();
        var key = NewKey();
        var first = Blocked(client, () => firstPopper.Execute("BZPOPMIN", key, "10"));
        var second = Blocked(client, () => secondPopper.Execute("BZPOPMAX", key, "10"));
        client.Execute("ZADD", key, "1", "low", "2", "mid", "3", "high");
        AssertTexts([key, "low", "1"], Finish(first));
        AssertTexts([key, "high", "3"], Finish(second));
        AssertTexts(["mid"], client.Execute("ZRANGE", key, "0", "-1"));
    }

    [Fact]
    public void A_blocked_pop_times_out_with_a_null_array_bytes()
    {
        var key = NewKey();
        AssertRawReply("*-1\r\n", Command("BZPOPMIN", key, "0.1"));
        AssertRawReply("_\r\n", Command("BZMPOP", "0.1", "1", key, "MIN"), protocol: 3);
    }

    [Fact]
    public async Task A_blocked_pop_served_later_is_journaled_as_the_pop_it_did()
    {
        var journal = new CapturingJournal();
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 1 }");
        await using var node = ServerNode.Start(settings, _ => journal, new TestRouter(enabled: false), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        using var popper = ServerFixture.Connect(node.EndPoint.Port);
        var pop = Blocked(client, () => popper.Execute("BZMPOP", "10", "2", "other", "w", "MIN", "COUNT", "3"));
        client.Execute("ZADD", "w", "1", "a", "2", "b");
        Assert.Equal("w", Finish(pop).Items![0].Text);
        Assert.True(Eventually(() => journal.Lines().Count >= 2), "the journal stayed short");
        Assert.Equal(["ZADD w 1 a 2 b", "ZPOPMIN w 2"], journal.Lines());
    }

    /// <summary>Runs a blocking command on its own thread and returns once the server counts it as blocked.</summary>
    private static Task<RespValue> Blocked(RespClient observer, Func<RespValue> command)
    {
        var before = InfoFields.Integer(observer, "clients", "blocked_clients");
        var task = Task.Run(command);
        Assert.True(Eventually(() => task.IsCompleted || InfoFields.Integer(observer, "clients", "blocked_clients") > before, 5000),
            "the command did not block");
        Assert.False(task.IsCompleted, $"expected to block, got {(task.IsCompleted ? task.Result : null)}");
        return task;
    }

    private static RespValue Finish(Task<RespValue> blocked)
    {
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(10)), "the blocked command was not answered");
        return blocked.Result;
    }
}
