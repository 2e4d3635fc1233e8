using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AkkaKv.Cluster.Routing;
using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Scripting;

/// <summary>
/// A script is one step across every shard it reaches: moving value between keys of two shards while readers sum them
/// never shows a half-done move. And its writes are journaled as the commands it ran (effects replication).
/// </summary>
public sealed partial class ScriptingTests
{
    private const string Move =
        "local n = tonumber(ARGV[1]) local v = tonumber(redis.call('get', KEYS[1])) " +
        "if v >= n then redis.call('decrby', KEYS[1], n) redis.call('incrby', KEYS[2], n) end return v";

    private const string Sum = "return tonumber(redis.call('get', KEYS[1])) + tonumber(redis.call('get', KEYS[2]))";

    [Fact]
    public void Readers_never_see_half_of_a_script_moving_value_between_shards()
    {
        var (a, b) = KeysOnDifferentShards("move");
        using (var setup = Connect())
        {
            setup.Execute("SET", a, "1000");
            setup.Execute("SET", b, "1000");
        }
        var writes = 0L;
        var reads = 0L;
        var violations = new ConcurrentQueue<string>();
        var deadline = Stopwatch.StartNew();
        bool Running(long iterations) => deadline.Elapsed < TimeSpan.FromSeconds(2.5) && iterations < 20_000;

        var workers = new List<Task>();
        for (var w = 0; w < 2; w++)
        {
            var shebang = w == 1;
            // Threads of their own: pool threads may be scarce while other test classes block theirs.
            workers.Add(Task.Factory.StartNew(() =>
            {
                using var client = Connect();
                var script = shebang ? "#!lua\n" + Move : Move;
                for (long i = 0; Running(i); i++)
                {
                    var (from, to) = i % 2 == 0 ? (a, b) : (b, a);
                    var reply = client.Execute("EVAL", script, "2", from, to, (1 + (i % 7)).ToString(CultureInfo.InvariantCulture));
                    if (reply.Type != RespType.Integer) violations.Enqueue($"move replied {reply}");
                    Interlocked.Increment(ref writes);
                }
            }, TaskCreationOptions.LongRunning));
        }
        for (var r = 0; r < 2; r++)
        {
            var byScript = r == 0;
            workers.Add(Task.Factory.StartNew(() =>
            {
                using var client = Connect();
                for (long i = 0; Running(i); i++)
                {
                    long total;
                    if (byScript)
                    {
                        total = client.Execute("EVAL", Sum, "2", a, b).Integer;
                    }
                    else
                    {
                        var values = client.Execute("MGET", a, b).Items!;
                        total = long.Parse(values[0].Text!, CultureInfo.InvariantCulture) + long.Parse(values[1].Text!, CultureInfo.InvariantCulture);
                    }
                    if (total != 2000) violations.Enqueue($"{(byScript ? "script" : "MGET")} saw a sum of {total}");
                    Interlocked.Increment(ref reads);
                }
            }, TaskCreationOptions.LongRunning));
        }
        Assert.True(Task.WaitAll(workers.ToArray(), TimeSpan.FromSeconds(60)), "the race did not finish");
        Assert.Empty(violations);
        Assert.True(writes >= 100 && reads >= 100, $"too few iterations to mean anything: {writes} moves, {reads} sums");
        using var check = Connect();
        AssertInteger(2000, check.Execute("EVAL", Sum, "2", a, b));
    }

    [Fact]
    public async Task Script_writes_are_journaled_as_the_commands_the_script_ran()
    {
        var journal = new CapturingJournal();
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 2 }");
        await using var node = ServerNode.Start(settings, _ => journal, new StandaloneRouter(), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("EVAL", "redis.call('set', KEYS[1], 'v') redis.call('incr', KEYS[2]) return redis.call('get', KEYS[1])", "2", "a", "b");
        client.Execute("EVAL", "return redis.call('get', KEYS[1])", "1", "a");
        client.Execute("EVAL", "redis.call('select', 2) redis.call('set', KEYS[1], 'two') return 1", "1", "c");
        // No rollback: what ran before the error stays, and is journaled.
        client.Execute("EVAL", "redis.call('rpush', KEYS[1], 'x') return redis.call('incr', KEYS[1])", "1", "list");
        client.Execute("SET", "done", "1");
        Assert.True(Eventually(() => journal.Lines().Contains("SET done 1")));
        // As Redis replicates them: the arguments the script passed ("incr" as written), SET in its canonical form.
        Assert.Equal(["SET a v", "incr b", "SET c two", "rpush list x", "SET done 1"], journal.Lines());
        Assert.Equal(2, journal.Entries.Single(e => Encoding.UTF8.GetString(e.Arguments[1]) == "c").Database);
    }
}
