using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Storage;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Atomicity;

/// <summary>
/// Commands whose keys span shards run as one ShardTransaction (DESIGN.md section 2): no client may ever observe
/// half of one. Writers and readers race on keys placed on different shards, for a bounded time each.
/// </summary>
public sealed class CrossShardAtomicityTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan RaceDuration = TimeSpan.FromSeconds(2.5);

    [Fact]
    public void Test_keys_really_land_on_different_shards()
    {
        Assert.Equal(2, server.Node.State.Shards.Count);
        var keys = KeysAcrossShards("atom:check", 6);
        foreach (var key in keys)
        {
            Assert.Equal(ShardOf(key), server.Node.State.Shards.ShardOf(Encoding.UTF8.GetBytes(key)));
        }

        Assert.Equal([0, 1], keys.Select(ShardOf).Distinct().Order().ToArray());
    }

    [Fact]
    public void Readers_never_see_half_of_an_mset()
    {
        var keys = KeysAcrossShards("atom:mset", 8);
        AssertSpanShards(keys);
        using (var setup = server.Client())
        {
            Assert.Equal("OK", setup.Execute(MSetArgs(keys, "initial")).ToString());
        }

        var writes = new long[2];
        var reads = new long[2];
        var failures = Race(
            writers: 2,
            readers: 2,
            writer: (client, id, iteration) =>
            {
                var reply = client.Execute(MSetArgs(keys, $"w{id}:{iteration}"));
                writes[id]++;
                return reply.ToString() == "OK" ? null : $"MSET replied {reply}";
            },
            reader: (client, id, _) =>
            {
                var reply = client.Execute(["MGET", .. keys]);
                reads[id]++;
                var values = reply.Items!.Select(v => v.ToString()).ToArray();
                return values.Distinct().Count() == 1 && values[0] != "(nil)" ? null : $"MGET saw a torn MSET: {string.Join(", ", values)}";
            });

        output.WriteLine($"MSET {writes.Sum()} times, MGET {reads.Sum()} times over {keys.Length} keys on 2 shards");
        Assert.Empty(failures);
        Assert.True(writes.Sum() >= 100 && reads.Sum() >= 100, $"too few iterations to mean anything: {writes.Sum()} writes, {reads.Sum()} reads");
    }

    [Fact]
    public void A_key_renamed_back_and_forth_between_shards_is_always_in_exactly_one_place()
    {
        var here = KeyOnShard("atom:rename:here", 0);
        var there = KeyOnShard("atom:rename:there", 1);
        AssertSpanShards(here, there);
        using (var setup = server.Client())
        {
            setup.Execute("DEL", here, there);
            Assert.Equal("OK", setup.Execute("SET", here, "token").ToString());
        }

        long renames = 0, missing = 0, checks = 0;
        var failures = Race(
            writers: 2,
            readers: 2,
            writer: (client, id, iteration) =>
            {
                // Two movers: each RENAME either moves the token or finds it already gone ("no such key").
                var (from, to) = iteration % 2 == id ? (here, there) : (there, here);
                var reply = client.Execute("RENAME", from, to);
                if (reply.ToString() == "OK")
                {
                    Interlocked.Increment(ref renames);
                    return null;
                }

                Interlocked.Increment(ref missing);
                return reply.ToString() == "(error) ERR no such key" ? null : $"RENAME replied {reply}";
            },
            reader: (client, id, iteration) =>
            {
                Interlocked.Increment(ref checks);
                if (iteration % 2 == 0)
                {
                    var exists = client.Execute("EXISTS", here, there);
                    return exists.Integer == 1 ? null : $"EXISTS {here} {there} = {exists}";
                }

                var values = client.Execute("MGET", here, there).Items!.Select(v => v.ToString()).ToArray();
                return values.Count(v => v == "token") == 1 && values.Count(v => v == "(nil)") == 1
                    ? null
                    : $"MGET {here} {there} = {string.Join(", ", values)}";
            });

        output.WriteLine($"{renames} renames ({missing} found the key gone), {checks} checks");
        Assert.Empty(failures);
        Assert.True(renames >= 100, $"only {renames} renames");
    }

    [Fact]
    public void Msetnx_is_all_or_nothing_under_races()
    {
        const int Contenders = 3;
        // A fixed number of rounds, not a time slice: the test proves as much on a loaded CI machine as on a quiet one.
        const int TargetRounds = 100;
        var rounds = 0;
        var failures = new ConcurrentQueue<string>();
        var clients = Enumerable.Range(0, Contenders + 1).Select(_ => server.Client()).ToArray();
        try
        {
            using var barrier = new Barrier(Contenders);
            var winners = new int[Contenders];
            var currentRound = -1;
            var clock = Stopwatch.StartNew();
            var stop = 0;

            // Each round: fresh keys; contender c asks for keys c .. c+3 of 6 (any two overlap), all at once.
            string[] RoundKeys(int round) => KeysAcrossShards($"atom:msetnx:{round}", 6);
            AssertSpanShards(RoundKeys(0));
            AssertSpanShards(RoundKeys(0).Take(4).ToArray());

            var reader = Task.Factory.StartNew(() =>
            {
                var client = clients[Contenders];
                while (Volatile.Read(ref stop) == 0 && failures.IsEmpty)
                {
                    var round = Volatile.Read(ref currentRound);
                    if (round < 0)
                    {
                        Thread.Yield();
                        continue;
                    }

                    var keys = RoundKeys(round);
                    var values = client.Execute(["MGET", .. keys]).Items!.Select(v => v.ToString()).ToArray();
                    for (var c = 0; c < Contenders; c++)
                    {
                        var mine = values.Skip(c).Take(4).ToArray();
                        if (mine.Contains($"c{c}:{round}") && mine.Any(v => v != $"c{c}:{round}"))
                        {
                            failures.Enqueue($"round {round}: contender {c}'s MSETNX is half visible: {string.Join(", ", values)}");
                        }
                    }
                }
            }, TaskCreationOptions.LongRunning);

            var contenders = Enumerable.Range(0, Contenders).Select(c => Task.Factory.StartNew(() =>
            {
                var client = clients[c];
                for (var round = 0; ; round++)
                {
                    if (!barrier.SignalAndWait(TimeSpan.FromSeconds(10)))
                    {
                        failures.Enqueue($"contender {c} timed out at the barrier of round {round}");
                        return;
                    }

                    // Contender 0 decides for everyone whether there is another round, between two barriers.
                    if (c == 0)
                    {
                        Volatile.Write(ref stop, round >= TargetRounds || clock.Elapsed > TimeSpan.FromSeconds(60) || !failures.IsEmpty ? 1 : 0);
                        if (Volatile.Read(ref stop) == 0)
                        {
                            Volatile.Write(ref currentRound, round);
                            rounds = round + 1;
                        }
                    }

                    if (!barrier.SignalAndWait(TimeSpan.FromSeconds(10)))
                    {
                        failures.Enqueue($"contender {c} timed out at the second barrier of round {round}");
                        return;
                    }

                    if (Volatile.Read(ref stop) != 0)
                    {
                        return;
                    }

                    var keys = RoundKeys(round).Skip(c).Take(4).ToArray();
                    var args = new List<string> { "MSETNX" };
                    foreach (var key in keys)
                    {
                        args.Add(key);
                        args.Add($"c{c}:{round}");
                    }

                    var reply = client.Execute([.. args]);
                    if (reply.Type != RespType.Integer)
                    {
                        failures.Enqueue($"round {round}: MSETNX replied {reply}");
                    }
                    else if (reply.Integer == 1)
                    {
                        Interlocked.Increment(ref winners[c]);
                    }
                }
            }, TaskCreationOptions.LongRunning)).ToArray();

            Assert.True(Task.WaitAll(contenders, TimeSpan.FromSeconds(30)), "contenders did not finish");
            Volatile.Write(ref stop, 1);
            Assert.True(reader.Wait(TimeSpan.FromSeconds(10)), "the reader did not finish");

            // Afterwards, every round holds exactly one winner's value on each of its keys that the winner claimed,
            // and the overlapping keys rule out a second winner.
            var check = clients[0];
            for (var round = 0; round < rounds; round++)
            {
                var keys = RoundKeys(round);
                var values = check.Execute(["MGET", .. keys]).Items!.Select(v => v.ToString()).ToArray();
                var owners = values.Where(v => v != "(nil)").Select(v => v.Split(':')[0]).Distinct().ToArray();
                if (owners.Length != 1)
                {
                    failures.Enqueue($"round {round}: {owners.Length} contenders won: {string.Join(", ", values)}");
                    continue;
                }

                var winner = int.Parse(owners[0][1..], System.Globalization.CultureInfo.InvariantCulture);
                var expected = Enumerable.Range(0, keys.Length).Select(i => i >= winner && i < winner + 4 ? $"c{winner}:{round}" : "(nil)");
                if (!expected.SequenceEqual(values))
                {
                    failures.Enqueue($"round {round}: contender {winner} won but the keys hold {string.Join(", ", values)}");
                }
            }

            output.WriteLine($"{rounds} rounds of {Contenders} racing MSETNX; wins per contender: {string.Join(", ", winners)}");
            Assert.Empty(failures);
            Assert.Equal(rounds, winners.Sum());
            Assert.Equal(TargetRounds, rounds);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public void Del_across_shards_removes_all_keys_or_none_as_seen_by_everyone()
    {
        var keys = KeysAcrossShards("atom:del", 6);
        AssertSpanShards(keys);
        long deletes = 0, deletedAll = 0, reads = 0;
        var failures = Race(
            writers: 2,
            readers: 2,
            writer: (client, id, iteration) =>
            {
                if (id == 0)
                {
                    var reply = client.Execute(MSetArgs(keys, $"v{iteration}"));
                    return reply.ToString() == "OK" ? null : $"MSET replied {reply}";
                }

                var deleted = client.Execute(["DEL", .. keys]);
                Interlocked.Increment(ref deletes);
                if (deleted.Integer == keys.Length)
                {
                    Interlocked.Increment(ref deletedAll);
                }

                return deleted.Integer == 0 || deleted.Integer == keys.Length ? null : $"DEL removed {deleted.Integer} of {keys.Length} keys";
            },
            reader: (client, id, iteration) =>
            {
                Interlocked.Increment(ref reads);
                if (iteration % 2 == 0)
                {
                    var exists = client.Execute(["EXISTS", .. keys]).Integer;
                    return exists == 0 || exists == keys.Length ? null : $"EXISTS saw {exists} of {keys.Length} keys";
                }

                var values = client.Execute(["MGET", .. keys]).Items!.Select(v => v.ToString()).Distinct().ToArray();
                return values.Length == 1 ? null : $"MGET saw a torn state: {string.Join(", ", values)}";
            });

        output.WriteLine($"{deletes} DELs ({deletedAll} removed everything), {reads} reads");
        Assert.Empty(failures);
        Assert.True(deletedAll > 0, "no DEL ever found the keys set: the race did not happen");
    }

    /// <summary>
    /// Runs writers and readers, each on its own connection, for <see cref="RaceDuration"/>; each step returns null
    /// or a failure, and the first failures stop the race. Returns the failures.
    /// </summary>
    private List<string> Race(int writers, int readers, Func<RespClient, int, long, string?> writer, Func<RespClient, int, long, string?> reader)
    {
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, writers + readers).Select(_ => server.Client()).ToArray();
        try
        {
            var tasks = new List<Task>();
            for (var i = 0; i < writers + readers; i++)
            {
                var client = clients[i];
                var isWriter = i < writers;
                var id = isWriter ? i : i - writers;
                tasks.Add(Task.Factory.StartNew(() =>
                {
                    try
                    {
                        for (long iteration = 0; clock.Elapsed < RaceDuration && failures.Count < 5; iteration++)
                        {
                            var failure = isWriter ? writer(client, id, iteration) : reader(client, id, iteration);
                            if (failure is not null)
                            {
                                failures.Enqueue($"{(isWriter ? "writer" : "reader")} {id}, iteration {iteration}: {failure}");
                            }
                        }
                    }
                    catch (Exception e)
                    {
                        // A timeout, a closed connection, or a reply of the wrong type (an error where an array was due).
                        failures.Enqueue($"{(isWriter ? "writer" : "reader")} {id}: {e.GetType().Name}: {e.Message}");
                    }
                }, TaskCreationOptions.LongRunning));
            }

            if (!Task.WaitAll([.. tasks], RaceDuration + TimeSpan.FromSeconds(20)))
            {
                failures.Enqueue("the race did not finish in time: a command hung");
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        return [.. failures];
    }

    /// <summary>The node itself places the keys on both of its shards, as the test meant them to be.</summary>
    private void AssertSpanShards(params string[] keys)
    {
        var shards = keys.Select(k => server.Node.State.Shards.ShardOf(Encoding.UTF8.GetBytes(k))).ToArray();
        Assert.Equal(keys.Select(ShardOf), shards);
        Assert.True(shards.Distinct().Count() == 2, $"keys {string.Join(", ", keys)} do not span both shards");
    }

    private static string[] MSetArgs(string[] keys, string value) =>
        ["MSET", .. keys.SelectMany(k => new[] { k, value })];

    private static int ShardOf(string key) => HashSlot.Of(Encoding.UTF8.GetBytes(key)) * 2 / HashSlot.Count;

    private static string KeyOnShard(string prefix, int shard)
    {
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}.{i}";
            if (ShardOf(key) == shard)
            {
                return key;
            }
        }
    }

    /// <summary><paramref name="count"/> keys alternating between shard 0 and shard 1.</summary>
    private static string[] KeysAcrossShards(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => KeyOnShard($"{prefix}:{i}", i % 2)).ToArray();
}
