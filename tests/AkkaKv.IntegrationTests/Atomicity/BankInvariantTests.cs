using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AkkaKv.IntegrationTests.Commands;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Atomicity;

/// <summary>
/// The promise job queues, rate limiters and locks are built on: transactions and scripts are atomic and isolated
/// across shards. Accounts spread over every shard; writers move money between them at once in every way a Redis
/// user would (MULTI/EXEC, WATCH with retries, EVAL, EVALSHA, FCALL); readers total them in every way too (MULTI, a
/// script, MGET). Every total seen must be the same, every move must balance, and the final state must add up.
/// </summary>
public sealed class BankInvariantTests(ServerFixture server, ITestOutputHelper output) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const int Accounts = 8;
    private const int Opening = 1000;
    private const int Writers = 5;
    private const int MovesPerWriter = 1000;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    private const string MoveScript =
        "local n = tonumber(ARGV[1]) if tonumber(redis.call('get', KEYS[1])) < n then return 0 end " +
        "redis.call('decrby', KEYS[1], n) redis.call('incrby', KEYS[2], n) return 1";

    private const string Library = "#!lua name=bank\nredis.register_function('move', function(keys, args) " +
        "local n = tonumber(args[1]) if tonumber(redis.call('get', keys[1])) < n then return 0 end " +
        "redis.call('decrby', keys[1], n) redis.call('incrby', keys[2], n) return 1 end)";

    private const string SumScript = "local s = 0 for _, k in ipairs(KEYS) do s = s + tonumber(redis.call('get', k)) end return s";

    [Fact]
    public void Money_moved_every_way_at_once_is_never_seen_created_or_lost()
    {
        var accounts = AccountsOnEveryShard();
        using (var setup = Connect())
        {
            AssertOk(setup.Execute(["MSET", .. accounts.SelectMany(a => new[] { a, Opening.ToString(CultureInfo.InvariantCulture) })]));
            AssertBulk("bank", setup.Execute("FUNCTION", "LOAD", "REPLACE", Library));
        }
        var violations = new ConcurrentQueue<string>();
        var moves = new long[Writers];
        var totals = new long[3];
        var retries = 0L;
        var clock = Stopwatch.StartNew();
        var writersDone = 0;

        // Threads of their own: pool threads may be scarce while other test classes block theirs.
        Task Writer(int kind) => Task.Factory.StartNew(() =>
        {
            using var client = Connect();
            var sha = client.Execute("SCRIPT", "LOAD", MoveScript).Text!;
            var random = new Random(kind);
            for (var i = 0; i < MovesPerWriter && clock.Elapsed < Limit; i++)
            {
                var from = accounts[random.Next(Accounts)];
                var to = accounts[(Array.IndexOf(accounts, from) + 1 + random.Next(Accounts - 1)) % Accounts];
                var amount = (1 + random.Next(9)).ToString(CultureInfo.InvariantCulture);
                switch (kind)
                {
                    case 0:
                        client.Execute("MULTI");
                        client.Execute("DECRBY", from, amount);
                        client.Execute("INCRBY", to, amount);
                        var exec = client.Execute("EXEC");
                        if (exec.Items?.Count != 2) violations.Enqueue($"EXEC replied {exec}");
                        break;
                    case 1:
                        retries += MoveWatched(client, from, to, int.Parse(amount, CultureInfo.InvariantCulture), violations);
                        break;
                    case 2:
                        Expect(client.Execute("EVAL", MoveScript, "2", from, to, amount), violations);
                        break;
                    case 3:
                        Expect(client.Execute("EVALSHA", sha, "2", from, to, amount), violations);
                        break;
                    default:
                        Expect(client.Execute("FCALL", "move", "2", from, to, amount), violations);
                        break;
                }
                moves[kind]++;
            }
            Interlocked.Increment(ref writersDone);
        }, TaskCreationOptions.LongRunning);

        Task Reader(int kind) => Task.Factory.StartNew(() =>
        {
            using var client = Connect();
            while (Volatile.Read(ref writersDone) < Writers && clock.Elapsed < Limit)
            {
                long total;
                switch (kind)
                {
                    case 0:
                        client.Execute("MULTI");
                        foreach (var account in accounts) client.Execute("GET", account);
                        total = client.Execute("EXEC").Items!.Sum(v => long.Parse(v.Text!, CultureInfo.InvariantCulture));
                        break;
                    case 1:
                        total = client.Execute(["EVAL", SumScript, Accounts.ToString(CultureInfo.InvariantCulture), .. accounts]).Integer;
                        break;
                    default:
                        total = client.Execute(["MGET", .. accounts]).Items!.Sum(v => long.Parse(v.Text!, CultureInfo.InvariantCulture));
                        break;
                }
                if (total != Accounts * Opening) violations.Enqueue($"reader {kind} saw a total of {total}");
                totals[kind]++;
            }
        }, TaskCreationOptions.LongRunning);

        var all = Enumerable.Range(0, Writers).Select(Writer).Concat(Enumerable.Range(0, 3).Select(Reader)).ToArray();
        Assert.True(Task.WaitAll(all, Limit + TimeSpan.FromSeconds(20)), "the race did not finish");

        output.WriteLine($"moves: MULTI {moves[0]}, WATCH {moves[1]} ({retries} retries), EVAL {moves[2]}, EVALSHA {moves[3]}, FCALL {moves[4]}; " +
            $"totals read: MULTI {totals[0]}, script {totals[1]}, MGET {totals[2]}; {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(violations);
        Assert.True(moves.Sum() >= 1000 && totals.Sum() >= 100, $"too few iterations to mean anything: {moves.Sum()} moves, {totals.Sum()} totals");
        using var check = Connect();
        var balances = check.Execute(["MGET", .. accounts]).Items!.Select(v => long.Parse(v.Text!, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Accounts * Opening, balances.Sum());
    }

    /// <summary>Optimistic locking as clients write it: WATCH, read, MULTI, write, EXEC; a null EXEC means retry.</summary>
    private static long MoveWatched(RespClient client, string from, string to, int amount, ConcurrentQueue<string> violations)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            AssertOk(client.Execute("WATCH", from, to));
            var balances = client.Execute("MGET", from, to).Items!.Select(v => long.Parse(v.Text!, CultureInfo.InvariantCulture)).ToArray();
            client.Execute("MULTI");
            client.Execute("SET", from, (balances[0] - amount).ToString(CultureInfo.InvariantCulture));
            client.Execute("SET", to, (balances[1] + amount).ToString(CultureInfo.InvariantCulture));
            var exec = client.Execute("EXEC");
            if (exec.Type is RespType.Array && exec.Items!.Count == 2) return attempt;
            if (!exec.IsNull) violations.Enqueue($"watched EXEC replied {exec}");
        }
        violations.Enqueue("a watched move never got through");
        return 1000;
    }

    private static void Expect(RespValue reply, ConcurrentQueue<string> violations)
    {
        if (reply.Type != RespType.Integer) violations.Enqueue($"move script replied {reply}");
    }

    private string[] AccountsOnEveryShard()
    {
        var shards = Server.Node.State.Shards;
        var accounts = new List<string>();
        while (accounts.Count < Accounts)
        {
            var key = NewKey("account");
            if (shards.ShardOf(System.Text.Encoding.UTF8.GetBytes(key)) == accounts.Count % shards.Count) accounts.Add(key);
        }
        return [.. accounts];
    }
}
