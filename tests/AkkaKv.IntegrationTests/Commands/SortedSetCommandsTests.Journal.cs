using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>What the sorted-set commands journal (replication and AOF): Redis's propagation, effect by effect.</summary>
public sealed partial class SortedSetCommandsTests
{
    [Fact]
    public async Task Writes_are_journaled_as_redis_propagates_them()
    {
        var journal = new CapturingJournal();
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 1 }");
        await using var node = ServerNode.Start(settings, _ => journal, new TestRouter(enabled: false), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        string[][] commands =
        [
            ["ZADD", "k", "1", "a", "2", "b", "3", "c"],
            ["ZADD", "k", "1", "a"],
            ["ZADD", "k", "INCR", "1", "a"],
            ["ZINCRBY", "k", "0", "a"],
            ["ZADD", "k", "NX", "5", "a"],
            ["ZREM", "k", "nope"],
            ["ZPOPMIN", "k"],
            ["ZPOPMIN", "k", "0"],
            ["ZMPOP", "2", "missing", "k", "MAX", "COUNT", "10"],
            ["ZADD", "k2", "1", "x"],
            ["BZPOPMAX", "missing", "k2", "0"],
            ["ZADD", "k3", "1", "x", "2", "y"],
            ["BZMPOP", "0", "1", "k3", "MIN", "COUNT", "5"],
            ["ZRANGESTORE", "d", "nosource", "0", "-1"],
            ["ZADD", "d", "1", "z"],
            ["ZRANGESTORE", "d", "nosource", "0", "-1"],
            ["ZREMRANGEBYSCORE", "missing", "-inf", "+inf"],
            ["ZADD", "u", "1", "m"],
            ["ZUNIONSTORE", "v", "1", "u", "WEIGHTS", "2"],
        ];
        foreach (var command in commands) Assert.False(client.Execute(command).IsError, string.Join(' ', command));

        string[] expected =
        [
            "ZADD k 1 a 2 b 3 c",
            "ZADD k INCR 1 a",
            "ZPOPMIN k",
            "ZPOPMAX k 2",
            "ZADD k2 1 x",
            "ZPOPMAX k2",
            "ZADD k3 1 x 2 y",
            "ZPOPMIN k3 2",
            "ZADD d 1 z",
            "ZRANGESTORE d nosource 0 -1",
            "ZADD u 1 m",
            "ZUNIONSTORE v 1 u WEIGHTS 2",
        ];
        Assert.True(Eventually(() => journal.Lines().Count >= expected.Length), "the journal stayed short");
        Assert.Equal(expected, journal.Lines());
    }
}
