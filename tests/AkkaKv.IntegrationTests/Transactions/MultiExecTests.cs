using AkkaKv.Host;
using AkkaKv.IntegrationTests.Commands;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Transactions;

/// <summary>Redis's unit/multi: queueing, EXEC's replies, queue-time and run-time errors, commands refused in MULTI.</summary>
public sealed class MultiExecTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Exec_replies_each_queued_command_in_order(int protocol)
    {
        using var client = Connect(protocol);
        var list = NewKey("list");
        client.Execute("RPUSH", list, "a", "b", "c");
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("LRANGE", list, "0", "-1"));
        AssertSimple("QUEUED", client.Execute("PING"));
        var reply = client.Execute("EXEC");
        Assert.Equal(2, reply.Items!.Count);
        AssertTexts(["a", "b", "c"], reply.Items[0]);
        AssertSimple("PONG", reply.Items[1]);
    }

    [Fact]
    public void Exec_reply_is_byte_exact()
    {
        var key = NewKey();
        AssertRawReply("+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+OK\r\n$1\r\nv\r\n",
            Command("MULTI") + Command("SET", key, "v") + Command("GET", key) + Command("EXEC"));
    }

    [Fact]
    public void Discard_drops_the_queue()
    {
        using var client = Connect();
        var list = NewKey();
        client.Execute("RPUSH", list, "a", "b", "c");
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("DEL", list));
        AssertOk(client.Execute("DISCARD"));
        AssertTexts(["a", "b", "c"], client.Execute("LRANGE", list, "0", "-1"));
        AssertError("ERR EXEC without MULTI", client.Execute("EXEC"));
        AssertError("ERR DISCARD without MULTI", client.Execute("DISCARD"));
    }

    [Fact]
    public void Nested_multi_and_watch_inside_multi_are_refused_without_aborting()
    {
        using var client = Connect();
        AssertOk(client.Execute("MULTI"));
        AssertError("ERR MULTI calls can not be nested", client.Execute("MULTI"));
        AssertError("ERR WATCH inside MULTI is not allowed", client.Execute("WATCH", NewKey()));
        AssertSimple("QUEUED", client.Execute("PING"));
        AssertTexts(["PONG"], client.Execute("EXEC"));
    }

    [Fact]
    public void Queue_time_errors_abort_the_whole_transaction()
    {
        using var client = Connect();
        var (first, second) = (NewKey("foo1"), NewKey("foo2"));
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("SET", first, "bar1"));
        AssertError("ERR unknown command 'non-existing-command', with args beginning with: ", client.Execute("non-existing-command"));
        AssertError("ERR wrong number of arguments for 'get' command", client.Execute("GET"));
        AssertSimple("QUEUED", client.Execute("SET", second, "bar2"));
        AssertError("EXECABORT Transaction discarded because of previous errors.", client.Execute("EXEC"));
        AssertInteger(0, client.Execute("EXISTS", first, second));
        // The client is out of MULTI again.
        AssertError("ERR EXEC without MULTI", client.Execute("EXEC"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_time_errors_do_not_roll_back(int protocol)
    {
        using var client = Connect(protocol);
        var (text, counter) = KeysOnDifferentShards();
        client.Execute("SET", text, "not a number");
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("INCR", text));
        AssertSimple("QUEUED", client.Execute("INCR", counter));
        var reply = client.Execute("EXEC");
        AssertError("ERR value is not an integer or out of range", reply.Items![0]);
        AssertInteger(1, reply.Items[1]);
        AssertBulk("1", client.Execute("GET", counter));
    }

    [Fact]
    public void Select_inside_multi_applies_to_the_commands_after_it()
    {
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("MULTI"));
        client.Execute("SET", key, "db0");
        client.Execute("SELECT", "5");
        client.Execute("SET", key, "db5");
        client.Execute("GET", key);
        var reply = client.Execute("EXEC");
        AssertBulk("db5", reply.Items![3]);
        AssertBulk("db5", client.Execute("GET", key));
        client.Execute("SELECT", "0");
        AssertBulk("db0", client.Execute("GET", key));
    }

    [Fact]
    public void Blocking_commands_in_multi_answer_at_once()
    {
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("MULTI"));
        client.Execute("BLPOP", key, "0");
        client.Execute("BLMOVE", key, NewKey(), "LEFT", "LEFT", "0");
        var reply = client.Execute("EXEC");
        Assert.Equal(RespType.Null, reply.Items![0].Type);
        Assert.Equal(RespType.Null, reply.Items[1].Type);
    }

    [Fact]
    public void Exec_of_an_empty_transaction_is_an_empty_array()
    {
        AssertRawReply("+OK\r\n*0\r\n", Command("MULTI") + Command("EXEC"));
    }

    [Fact]
    public void Client_list_shows_the_transaction()
    {
        using var client = Connect();
        Assert.Contains(" multi=-1 ", client.Execute("CLIENT", "INFO").Text);
        AssertOk(client.Execute("MULTI"));
        client.Execute("PING");
        client.Execute("CLIENT", "INFO");
        var info = client.Execute("EXEC").Items![1].Text!;
        Assert.Contains(" flags=x ", info);
        Assert.Contains(" multi=2 ", info);
    }

    [Fact]
    public void A_pipelined_transaction_replies_in_order()
    {
        var key = NewKey();
        AssertRawReply("+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n:1\r\n:2\r\n:3\r\n",
            Command("MULTI") + Command("INCR", key) + Command("INCR", key) + Command("EXEC") + Command("INCR", key));
    }

    [Fact]
    public void Commands_pipelined_after_a_connection_only_exec_are_answered_at_once()
    {
        AssertRawReply("+OK\r\n+QUEUED\r\n*1\r\n+PONG\r\n+PONG\r\n",
            Command("MULTI") + Command("PING") + Command("EXEC") + Command("PING"));
    }

    [Fact]
    public async Task In_cluster_mode_exec_refuses_a_transaction_whose_keys_span_slots()
    {
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 1 }");
        await using var node = ServerNode.Start(settings, _ => new CapturingJournal(), new TestRouter(enabled: true), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        // Each command alone is fine; together they span slots: EXEC answers CROSSSLOT and nothing runs.
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("SET", "{a}1", "x"));
        AssertSimple("QUEUED", client.Execute("SET", "{b}1", "y"));
        AssertError("CROSSSLOT Keys in request don't hash to the same slot", client.Execute("EXEC"));
        AssertError("ERR EXEC without MULTI", client.Execute("EXEC"));
        AssertInteger(0, client.Execute("EXISTS", "{a}1"));
        // Keys sharing a hash tag share a slot.
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("SET", "{a}1", "x"));
        AssertSimple("QUEUED", client.Execute("GET", "{a}2"));
        AssertTexts(["OK", null], client.Execute("EXEC"));
    }

    [Fact]
    public void Transfers_across_shards_are_never_seen_half_done()
    {
        // Transfers between two accounts on different shards while a reader sums them in its own transactions: the sum
        // never changes if each EXEC runs atomically and in isolation.
        var (a, b) = KeysOnDifferentShards("account");
        using var writer = Connect();
        using var reader = Connect();
        writer.Execute("SET", a, "1000");
        writer.Execute("SET", b, "1000");
        var stop = false;
        var violations = 0;
        var reads = 0;
        var readerTask = Task.Run(() =>
        {
            while (!Volatile.Read(ref stop) && reads < 200_000)
            {
                reader.Execute("MULTI");
                reader.Execute("GET", a);
                reader.Execute("GET", b);
                var sum = reader.Execute("EXEC").Items!.Sum(item => long.Parse(item.Text!));
                if (sum != 2000) violations++;
                reads++;
            }
        });
        for (var i = 0; i < 2000; i++)
        {
            var (from, to) = i % 2 == 0 ? (a, b) : (b, a);
            writer.Execute("MULTI");
            writer.Execute("DECRBY", from, "7");
            writer.Execute("INCRBY", to, "7");
            var reply = writer.Execute("EXEC");
            Assert.Equal(2, reply.Items!.Count);
        }
        Volatile.Write(ref stop, true);
        Assert.True(readerTask.Wait(TimeSpan.FromSeconds(60)));
        Assert.True(reads > 0);
        Assert.Equal(0, violations);
        AssertBulk("1000", writer.Execute("GET", a));
    }
}
