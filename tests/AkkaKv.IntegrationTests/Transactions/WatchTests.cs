using AkkaKv.IntegrationTests.Commands;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Transactions;

/// <summary>Redis's unit/cas: WATCH makes EXEC fail once a watched key changed, by any client or any means.</summary>
public sealed class WatchTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static void AssertAborted(RespValue reply) => Assert.Equal(RespType.Null, reply.Type);

    private static RespValue ExecPing(RespClient client)
    {
        AssertOk(client.Execute("MULTI"));
        client.Execute("PING");
        return client.Execute("EXEC");
    }

    [Fact]
    public void Exec_runs_when_no_watched_key_changed()
    {
        using var client = Connect();
        AssertOk(client.Execute("WATCH", NewKey(), NewKey(), NewKey()));
        AssertOk(client.Execute("WATCH", NewKey()));
        AssertTexts(["PONG"], ExecPing(client));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Exec_fails_when_a_watched_key_was_modified(int protocol)
    {
        using var client = Connect(protocol);
        var x = NewKey("x");
        client.Execute("SET", x, "30");
        AssertOk(client.Execute("WATCH", NewKey(), x, NewKey()));
        client.Execute("SET", x, "40");
        AssertAborted(ExecPing(client));
    }

    [Fact]
    public void An_aborted_exec_is_a_null_array_in_resp2_and_a_null_in_resp3()
    {
        var key = NewKey();
        AssertRawReply("+OK\r\n+OK\r\n+OK\r\n+QUEUED\r\n*-1\r\n",
            Command("WATCH", key) + Command("SET", key, "1") + Command("MULTI") + Command("PING") + Command("EXEC"));
        AssertRawReply("+OK\r\n+OK\r\n+OK\r\n+QUEUED\r\n_\r\n",
            Command("WATCH", key) + Command("SET", key, "2") + Command("MULTI") + Command("PING") + Command("EXEC"), protocol: 3);
    }

    [Fact]
    public void Another_clients_write_on_another_shard_spoils_the_transaction()
    {
        using var client = Connect();
        using var other = Connect();
        var (watched, written) = KeysOnDifferentShards();
        AssertOk(client.Execute("WATCH", watched));
        AssertOk(client.Execute("MULTI"));
        client.Execute("SET", written, "mine");
        other.Execute("LPUSH", watched, "theirs");
        AssertAborted(client.Execute("EXEC"));
        AssertInteger(0, client.Execute("EXISTS", written));
    }

    [Fact]
    public void Keys_are_unwatched_after_exec_whether_it_ran_or_not()
    {
        using var client = Connect();
        var x = NewKey("x");
        client.Execute("SET", x, "30");
        client.Execute("WATCH", x);
        AssertTexts(["PONG"], ExecPing(client));
        client.Execute("SET", x, "40");
        AssertTexts(["PONG"], ExecPing(client));

        client.Execute("WATCH", x);
        client.Execute("SET", x, "50");
        AssertAborted(ExecPing(client));
        client.Execute("SET", x, "60");
        AssertTexts(["PONG"], ExecPing(client));
    }

    [Fact]
    public void Unwatch_and_discard_forget_the_keys()
    {
        using var client = Connect();
        var x = NewKey("x");
        client.Execute("WATCH", x);
        client.Execute("SET", x, "1");
        AssertOk(client.Execute("UNWATCH"));
        AssertTexts(["PONG"], ExecPing(client));
        AssertOk(client.Execute("UNWATCH"));

        client.Execute("WATCH", x);
        client.Execute("MULTI");
        AssertOk(client.Execute("DISCARD"));
        client.Execute("SET", x, "2");
        AssertTexts(["PONG"], ExecPing(client));
    }

    [Fact]
    public void A_write_that_changes_nothing_does_not_spoil_the_transaction()
    {
        using var client = Connect();
        var x = NewKey("x");
        client.Execute("SET", x, "1");
        client.Execute("WATCH", x);
        AssertInteger(0, client.Execute("SETNX", x, "2"));
        AssertInteger(0, client.Execute("DEL", NewKey()));
        AssertTexts(["PONG"], ExecPing(client));
    }

    [Theory]
    [InlineData("FLUSHALL")]
    [InlineData("FLUSHDB")]
    public void Flushes_touch_watched_keys_that_existed(string flush)
    {
        using var client = Connect();
        client.Execute("SELECT", "6");
        var x = NewKey("x");
        client.Execute("SET", x, "30");
        client.Execute("WATCH", x);
        client.Execute(flush);
        AssertAborted(ExecPing(client));

        client.Execute("DEL", x);
        client.Execute("WATCH", x);
        client.Execute(flush);
        AssertTexts(["PONG"], ExecPing(client));
    }

    [Fact]
    public void Watch_remembers_the_database_of_its_key()
    {
        using var client = Connect();
        var x = NewKey("x");
        client.Execute("SELECT", "7");
        client.Execute("WATCH", x);
        client.Execute("SELECT", "8");
        client.Execute("SET", x, "10");
        AssertTexts(["PONG"], ExecPing(client));
        client.Execute("SELECT", "7");
        client.Execute("WATCH", x);
        client.Execute("SELECT", "8");
        client.Execute("SELECT", "7");
        client.Execute("SET", x, "10");
        AssertAborted(ExecPing(client));
    }

    [Fact]
    public void Swapdb_touches_watched_keys_present_in_either_database()
    {
        using var client = Connect();
        var x = NewKey("x");
        client.Execute("SELECT", "9");
        client.Execute("SET", x, "in 9");
        client.Execute("SELECT", "10");
        client.Execute("WATCH", x);
        AssertOk(client.Execute("SWAPDB", "9", "10"));
        AssertAborted(ExecPing(client));
        client.Execute("SWAPDB", "9", "10");
    }

    [Theory]
    [InlineData("MOVE")]
    [InlineData("COPY")]
    public void A_key_moved_or_copied_into_the_watched_database_spoils_the_transaction(string command)
    {
        using var client = Connect();
        using var other = Connect();
        var x = NewKey("x");
        other.Execute("SELECT", "11");
        other.Execute("SET", x, "from 11");
        client.Execute("SELECT", "12");
        AssertOk(client.Execute("WATCH", x));
        AssertInteger(1, command == "MOVE" ? other.Execute("MOVE", x, "12") : other.Execute("COPY", x, x, "DB", "12"));
        AssertAborted(ExecPing(client));
        client.Execute("DEL", x);
    }

    [Theory]
    [InlineData("SADD {src} a", "SINTERSTORE {dst} {src}")]
    [InlineData("SADD {src} a", "SUNIONSTORE {dst} {src}")]
    [InlineData("ZADD {src} 1 a", "ZUNIONSTORE {dst} 1 {src}")]
    [InlineData("ZADD {src} 1 a", "ZRANGESTORE {dst} {src} 0 -1")]
    [InlineData("SET {src} a", "BITOP NOT {dst} {src}")]
    [InlineData("PFADD {src} a", "PFMERGE {dst} {src}")]
    [InlineData("SET {src} a", "COPY {src} {dst}")]
    [InlineData("RPUSH {src} 2 1", "SORT {src} STORE {dst}")]
    [InlineData("GEOADD {src} 13.361389 38.115556 a", "GEOSEARCHSTORE {dst} {src} FROMLONLAT 15 37 BYRADIUS 200 km")]
    public void A_command_storing_from_a_watched_source_spoils_only_a_watch_on_its_destination(string setup, string store)
    {
        using var client = Connect();
        using var other = Connect();
        var tag = NewKey("{store}");
        var (source, destination) = (tag + ":src", tag + ":dst");
        string[] Request(string template) => template.Replace("{src}", source).Replace("{dst}", destination).Split(' ');
        other.Execute(Request(setup));
        // The source is only read: Redis signals the destination alone.
        AssertOk(client.Execute("WATCH", source));
        Assert.False(other.Execute(Request(store)).IsError);
        AssertTexts(["PONG"], ExecPing(client));
        other.Execute("DEL", destination);
        AssertOk(client.Execute("WATCH", destination));
        other.Execute(Request(store));
        AssertAborted(ExecPing(client));
    }

    [Fact]
    public void A_watched_key_that_expires_spoils_the_transaction()
    {
        using var client = Connect();
        var x = NewKey("x");
        client.Execute("SET", x, "v", "PX", "200");
        client.Execute("WATCH", x);
        Thread.Sleep(300);
        AssertAborted(ExecPing(client));
    }

    [Fact]
    public void A_key_already_expired_when_watched_changes_nothing_by_going()
    {
        using var client = Connect();
        var x = NewKey("x");
        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        try
        {
            client.Execute("SET", x, "v", "PX", "1");
            Thread.Sleep(20);
            client.Execute("WATCH", x);
            // The read removes the stale key: nothing visible changed.
            AssertNull(client.Execute("GET", x));
            AssertTexts(["PONG"], ExecPing(client));
        }
        finally
        {
            client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
    }

    [Fact]
    public void An_unwatch_pipelined_right_after_watch_leaves_nothing_registered()
    {
        // UNWATCH runs in the session while the WATCH ahead of it is still on its way to the shard.
        var key = NewKey();
        AssertRawReply("+OK\r\n+OK\r\n", Command("WATCH", key) + Command("UNWATCH"));
        // Both replies are back, so the WATCH ran on its shard: a registration it left would stay.
        var watches = Server.Node.State.Shards.Watches;
        Assert.True(Eventually(() => watches.Sum(w => w.Count) == 0, 2000));
    }

    [Fact]
    public void Optimistic_increments_from_many_clients_lose_no_update()
    {
        // The WATCH/GET/MULTI/SET/EXEC loop of the Redis docs: retried on abort, every increment lands exactly once.
        var counter = NewKey("counter");
        const int Clients = 4, Increments = 100;
        var tasks = Enumerable.Range(0, Clients).Select(_ => Task.Run(() =>
        {
            using var client = Connect();
            var retries = 0;
            for (var done = 0; done < Increments && retries < 100_000;)
            {
                client.Execute("WATCH", counter);
                var value = client.Execute("GET", counter).Text is { } text ? long.Parse(text) : 0;
                client.Execute("MULTI");
                client.Execute("SET", counter, (value + 1).ToString());
                if (client.Execute("EXEC").Type == RespType.Array) done++;
                else retries++;
            }
        })).ToArray();
        Assert.True(Task.WaitAll(tasks, TimeSpan.FromSeconds(60)));
        using var check = Connect();
        AssertBulk((Clients * Increments).ToString(), check.Execute("GET", counter));
    }
}
