using System.Diagnostics;
using AkkaKv.IntegrationTests.Commands;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Blocking;

/// <summary>
/// Redis's blocking rules (unit/type/list's blocking tests, unit/info's blocked_clients): first blocked first served,
/// a served push is seen by no one else, keys on different shards waited on together, sub-second timeouts,
/// CLIENT UNBLOCK, and a client that goes away leaves nothing behind.
/// </summary>
public sealed class BlockingCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_blocked_pop_is_served_by_a_later_push(int protocol)
    {
        var key = NewKey();
        using var waiter = Connect(protocol);
        using var pusher = Connect();
        waiter.Send("BLPOP", key, "0");
        WaitUntilBlocked(1);

        AssertInteger(1, pusher.Execute("RPUSH", key, "v"));

        AssertTexts([key, "v"], waiter.ReadReply(Wait));
        // The pushed element went to the waiter: nobody else sees it.
        AssertInteger(0, pusher.Execute("EXISTS", key));
    }

    [Fact]
    public void A_blocked_pop_keeps_waiting_through_a_flush_and_a_swapdb()
    {
        var key = NewKey();
        using var waiter = Connect();
        using var other = Connect();
        waiter.Execute("SELECT", "3");
        other.Execute("SELECT", "3");
        waiter.Send("BLPOP", key, "0");
        WaitUntilBlocked(1);

        // Both make every waited key ready; a list reader finds nothing there and waits on, as in Redis.
        other.Execute("FLUSHDB");
        other.Execute("SWAPDB", "3", "4");
        WaitUntilBlocked(1);
        AssertInteger(1, other.Execute("RPUSH", key, "v"));

        AssertTexts([key, "v"], waiter.ReadReply(Wait));
    }

    [Fact]
    public void A_key_named_many_times_is_waited_on_once()
    {
        // Each mention re-running the command on every push made one push cost O(n²) (seconds for a few thousand).
        var key = NewKey();
        using var first = Connect();
        using var repeated = Connect();
        using var pusher = Connect();
        first.Send("BLPOP", key, "0");
        WaitUntilBlocked(1);
        repeated.Send(["BLPOP", .. Enumerable.Repeat(key, 5000), "0"]);
        WaitUntilBlocked(2);

        var started = Stopwatch.GetTimestamp();
        AssertInteger(2, pusher.Execute("RPUSH", key, "a", "b"));
        AssertTexts([key, "a"], first.ReadReply(Wait));
        AssertTexts([key, "b"], repeated.ReadReply(Wait));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_timeout_longer_than_a_timer_can_take_still_blocks()
    {
        var key = NewKey();
        using var waiter = Connect();
        using var pusher = Connect();
        waiter.Send("BLPOP", key, "4294968");
        WaitUntilBlocked(1);
        AssertInteger(1, pusher.Execute("RPUSH", key, "v"));
        AssertTexts([key, "v"], waiter.ReadReply(Wait));
    }

    [Theory]
    [InlineData("RENAME")]
    [InlineData("COPY")]
    public void A_list_renamed_or_copied_onto_a_waited_key_serves_the_waiter(string command)
    {
        var key = NewKey();
        var source = NewKey("source");
        using var waiter = Connect();
        using var other = Connect();
        waiter.Send("BLPOP", key, "0");
        WaitUntilBlocked(1);
        other.Execute("RPUSH", source, "v");
        other.Execute(command, source, key);
        AssertTexts([key, "v"], waiter.ReadReply(Wait));
    }

    [Fact]
    public void A_waited_key_that_now_holds_another_type_keeps_the_client_waiting()
    {
        var key = NewKey();
        using var waiter = Connect();
        using var other = Connect();
        waiter.Execute("SELECT", "11");
        other.Execute("SELECT", "12");
        other.Execute("SET", key, "a string");
        waiter.Send("BLPOP", key, "0");
        WaitUntilBlocked(1);

        // SWAPDB makes every waited key ready; a string there cannot serve BLPOP, so it waits on (Redis does not
        // answer WRONGTYPE).
        AssertOk(other.Execute("SWAPDB", "11", "12"));
        WaitUntilBlocked(1);
        other.Execute("SELECT", "11");
        other.Execute("DEL", key);
        AssertInteger(1, other.Execute("RPUSH", key, "v"));
        AssertTexts([key, "v"], waiter.ReadReply(Wait));
    }

    [Fact]
    public void Waiters_are_served_after_a_transaction_not_in_the_middle()
    {
        var key = NewKey();
        using var waiter = Connect();
        using var client = Connect();
        waiter.Send("BLPOP", key, "0");
        WaitUntilBlocked(1);
        client.Execute("MULTI");
        client.Execute("RPUSH", key, "v");
        client.Execute("LRANGE", key, "0", "-1");
        var reply = client.Execute("EXEC");
        AssertTexts(["v"], reply.Items![1]);
        AssertTexts([key, "v"], waiter.ReadReply(Wait));
    }

    [Fact]
    public void Waiters_are_served_first_blocked_first_served()
    {
        var key = NewKey();
        using var first = Connect();
        using var second = Connect();
        using var pusher = Connect();
        first.Send("BRPOP", key, "0");
        WaitUntilBlocked(1);
        second.Send("BRPOP", key, "0");
        WaitUntilBlocked(2);

        pusher.Execute("RPUSH", key, "a", "b");

        // One push of two elements serves both, in the order they blocked; BRPOP takes from the tail.
        AssertTexts([key, "b"], first.ReadReply(Wait));
        AssertTexts([key, "a"], second.ReadReply(Wait));
    }

    [Fact]
    public void Keys_on_different_shards_are_waited_on_together()
    {
        var (a, b) = KeysOnDifferentShards();
        using var waiter = Connect();
        using var pusher = Connect();
        waiter.Send("BLPOP", a, b, "0");
        WaitUntilBlocked(1);

        pusher.Execute("LPUSH", b, "from-b");

        AssertTexts([b, "from-b"], waiter.ReadReply(Wait));
        AssertInteger(0, pusher.Execute("EXISTS", b));
        WaitUntilBlocked(0);
    }

    [Fact]
    public void A_waiter_that_takes_nothing_from_a_pushed_key_does_not_hold_up_the_waiters_behind_it()
    {
        var source = NewKey("{t}src");
        var destination = "{t}dst:" + NewKey();
        using var mover = Connect();
        using var popper = Connect();
        using var pusher = Connect();
        var moverId = mover.Execute("CLIENT", "ID").Integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        mover.Send("BLMOVE", "{t}" + source, destination, "LEFT", "LEFT", "0");
        WaitUntilBlocked(1);
        popper.Send("BLPOP", destination, "0");
        WaitUntilBlocked(2);

        pusher.Execute("RPUSH", destination, "x");

        AssertTexts([destination, "x"], popper.ReadReply(Wait));
        AssertInteger(1, pusher.Execute("CLIENT", "UNBLOCK", moverId));
        AssertNull(mover.ReadReply(Wait));
    }

    [Fact]
    public void A_timeout_replies_null_after_about_that_long()
    {
        using var client = Connect();
        var clock = Stopwatch.StartNew();

        var reply = client.Execute("BLPOP", NewKey(), "0.2");

        AssertNull(reply);
        Assert.InRange(clock.ElapsedMilliseconds, 150, 3000);
        WaitUntilBlocked(0);
    }

    [Fact]
    public void A_timeout_is_a_null_array_under_resp2_and_null_under_resp3()
    {
        AssertRawReply("*-1\r\n", Command("BLPOP", NewKey(), "0.01"));
        AssertRawReply("_\r\n", Command("BLPOP", NewKey(), "0.01"), protocol: 3);
    }

    [Fact]
    public void Requests_after_a_blocked_one_wait_for_it()
    {
        var key = NewKey();
        var marker = NewKey("marker");
        using var waiter = Connect();
        using var other = Connect();
        waiter.SendRaw(Command("BLPOP", key, "0") + Command("SET", marker, "1"));
        WaitUntilBlocked(1);

        AssertNull(other.Execute("GET", marker));
        other.Execute("RPUSH", key, "x");

        AssertTexts([key, "x"], waiter.ReadReply(Wait));
        AssertOk(waiter.ReadReply(Wait));
    }

    [Theory]
    [InlineData("TIMEOUT")]
    [InlineData("ERROR")]
    public void Client_unblock_ends_the_wait(string reason)
    {
        using var waiter = Connect();
        using var admin = Connect();
        var id = waiter.Execute("CLIENT", "ID").Integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        waiter.Send("BLPOP", NewKey(), "0");
        WaitUntilBlocked(1);

        AssertInteger(1, admin.Execute("CLIENT", "UNBLOCK", id, reason));

        var reply = waiter.ReadReply(Wait);
        if (reason == "ERROR") AssertError("UNBLOCKED client unblocked via CLIENT UNBLOCK", reply);
        else AssertNull(reply);
        AssertInteger(0, admin.Execute("CLIENT", "UNBLOCK", id));
        AssertPong(waiter);
    }

    [Fact]
    public void Client_unblock_checks_its_arguments()
    {
        using var client = Connect();
        AssertError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR", client.Execute("CLIENT", "UNBLOCK", "1", "LATER"));
        AssertError("ERR value is not an integer or out of range", client.Execute("CLIENT", "UNBLOCK", "x"));
        AssertInteger(0, client.Execute("CLIENT", "UNBLOCK", "999999"));
    }

    [Fact]
    public void A_client_that_disconnects_while_blocked_leaves_nothing_behind()
    {
        var key = NewKey();
        var waiter = Connect();
        waiter.Send("BLPOP", key, "0");
        WaitUntilBlocked(1);

        waiter.Dispose();
        WaitUntilBlocked(0);

        using var pusher = Connect();
        pusher.Execute("RPUSH", key, "kept");
        // No ghost waiter took it.
        AssertTexts(["kept"], pusher.Execute("LRANGE", key, "0", "-1"));
    }

    [Fact]
    public void Blocked_clients_show_the_b_flag_in_client_list()
    {
        using var waiter = Connect();
        using var admin = Connect();
        var id = waiter.Execute("CLIENT", "ID").Integer;
        waiter.Send("BLPOP", NewKey(), "0");
        WaitUntilBlocked(1);

        var list = admin.Execute("CLIENT", "LIST", "ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Text!;
        Assert.Contains(" flags=b ", list, StringComparison.Ordinal);
        AssertInteger(1, admin.Execute("CLIENT", "UNBLOCK", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        AssertNull(waiter.ReadReply(Wait));
    }

    [Fact]
    public void Concurrent_pushers_and_waiters_lose_and_duplicate_nothing()
    {
        var keys = new[] { NewKey("q1"), NewKey("q2"), NewKey("q3") };
        const int Waiters = 6;
        const int PerWaiter = 50;
        var received = new System.Collections.Concurrent.ConcurrentBag<string>();
        var consumers = Enumerable.Range(0, Waiters).Select(_ => Task.Run(() =>
        {
            using var client = Connect();
            for (var i = 0; i < PerWaiter; i++)
            {
                var reply = client.Execute(["BLPOP", .. keys, "5"]);
                Assert.False(reply.IsNull, "a waiter timed out: an element was lost");
                received.Add(reply.Items![1].Text!);
            }
        })).ToArray();
        using (var pusher = Connect())
        {
            for (var i = 0; i < Waiters * PerWaiter; i++) pusher.Execute("RPUSH", keys[i % keys.Length], "e" + i);
        }

        Assert.True(Task.WaitAll(consumers, TimeSpan.FromSeconds(60)), "the waiters did not finish");
        Assert.Equal(Enumerable.Range(0, Waiters * PerWaiter).Select(i => "e" + i).Order(), received.Order());
    }

    private void WaitUntilBlocked(int expected)
    {
        using var probe = Connect();
        Assert.True(Eventually(() => BlockedClients(probe) == expected), $"expected {expected} blocked clients, INFO says {BlockedClients(probe)}");
    }

    private static long BlockedClients(RespClient client)
    {
        var info = client.Execute("INFO", "clients").Text!;
        var line = info.Split("\r\n").First(l => l.StartsWith("blocked_clients:", StringComparison.Ordinal));
        return long.Parse(line["blocked_clients:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AssertPong(RespClient client) => AssertSimple("PONG", client.Execute("PING"));
}
