using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/type/list, continued: LMOVE, RPOPLPUSH, LMPOP and the blocking forms.</summary>
public sealed partial class ListCommandsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    // ---- LMOVE / RPOPLPUSH ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "LEFT", "LEFT", "a", "b c", "a x y")]
    [InlineData(3, "LEFT", "RIGHT", "a", "b c", "x y a")]
    [InlineData(2, "RIGHT", "LEFT", "c", "a b", "c x y")]
    [InlineData(3, "right", "right", "c", "a b", "x y c")]
    public void Lmove_pops_one_end_and_pushes_the_other(int protocol, string from, string to, string moved, string source, string destination)
    {
        using var client = Connect(protocol);
        var (src, dst) = KeysOnDifferentShards("lmove");
        client.Execute("RPUSH", src, "a", "b", "c");
        client.Execute("RPUSH", dst, "x", "y");
        AssertBulk(moved, client.Execute("LMOVE", src, dst, from, to));
        AssertTexts(source.Split(' '), client.Execute("LRANGE", src, "0", "-1"));
        AssertTexts(destination.Split(' '), client.Execute("LRANGE", dst, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rpoplpush_moves_across_shards_and_deletes_the_emptied_source(int protocol)
    {
        using var client = Connect(protocol);
        var (src, dst) = KeysOnDifferentShards("rpoplpush");
        client.Execute("RPUSH", src, "a", "b");
        AssertBulk("b", client.Execute("RPOPLPUSH", src, dst));
        AssertBulk("a", client.Execute("RPOPLPUSH", src, dst));
        AssertInteger(0, client.Execute("EXISTS", src));
        AssertTexts(["a", "b"], client.Execute("LRANGE", dst, "0", "-1"));
        AssertNull(client.Execute("RPOPLPUSH", src, dst));
        AssertTexts(["a", "b"], client.Execute("LRANGE", dst, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Moving_within_one_list_rotates_it(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a", "b", "c");
        AssertBulk("c", client.Execute("RPOPLPUSH", key, key));
        AssertTexts(["c", "a", "b"], client.Execute("LRANGE", key, "0", "-1"));
        AssertBulk("c", client.Execute("LMOVE", key, key, "LEFT", "RIGHT"));
        AssertTexts(["a", "b", "c"], client.Execute("LRANGE", key, "0", "-1"));

        var single = NewKey("single");
        client.Execute("RPUSH", single, "only");
        AssertBulk("only", client.Execute("LMOVE", single, single, "LEFT", "LEFT"));
        AssertTexts(["only"], client.Execute("LRANGE", single, "0", "-1"));
    }

    [Fact]
    public void Lmove_across_shards_is_one_step_to_readers()
    {
        // One element goes back and forth: each move deletes the emptied list and creates the other in one step, so an
        // atomic read of both keys (EXISTS, itself a cross-shard command) always finds exactly one.
        using var client = Connect();
        using var reader = Connect();
        var (left, right) = KeysOnDifferentShards("lmove");
        client.Execute("RPUSH", left, "x");
        var stop = false;
        var anomalies = 0;
        var checks = 0;
        var readerTask = Task.Run(() =>
        {
            while (!Volatile.Read(ref stop) && checks < 100_000)
            {
                if (reader.Execute("EXISTS", left, right).Integer != 1) anomalies++;
                checks++;
            }
        });
        for (var i = 0; i < 300; i++)
        {
            AssertBulk("x", client.Execute("LMOVE", left, right, "LEFT", "RIGHT"));
            AssertBulk("x", client.Execute("RPOPLPUSH", right, left));
        }
        Volatile.Write(ref stop, true);
        Assert.True(readerTask.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(checks > 0);
        Assert.Equal(0, anomalies);
    }

    [Fact]
    public void Moving_from_a_missing_source_replies_null_and_creates_nothing_bytes()
    {
        var (src, dst) = KeysOnDifferentShards("missing");
        AssertRawReply("$-1\r\n$-1\r\n:0\r\n", Command("LMOVE", src, dst, "LEFT", "RIGHT") + Command("RPOPLPUSH", src, dst) + Command("EXISTS", dst));
        AssertRawReply("_\r\n", Command("LMOVE", src, dst, "LEFT", "RIGHT"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_destination_of_another_type_leaves_the_source_alone(int protocol)
    {
        using var client = Connect(protocol);
        var (src, dst) = KeysOnDifferentShards("wrongdst");
        client.Execute("RPUSH", src, "a", "b");
        client.Execute("SET", dst, "x");
        AssertError(WrongType, client.Execute("RPOPLPUSH", src, dst));
        AssertError(WrongType, client.Execute("LMOVE", src, dst, "LEFT", "LEFT"));
        AssertSimple("string", client.Execute("TYPE", dst));
        AssertTexts(["a", "b"], client.Execute("LRANGE", src, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lmove_ends_must_be_left_or_right(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a");
        AssertError("ERR syntax error", client.Execute("LMOVE", key, key, "up", "LEFT"));
        AssertError("ERR syntax error", client.Execute("LMOVE", key, key, "LEFT", "down"));
        AssertError("ERR syntax error", client.Execute("BLMOVE", key, key, "LEFT", "down", "0"));
    }

    [Theory]
    [InlineData(true, "listpack")]
    [InlineData(false, "quicklist")]
    public void A_moved_integer_weighs_nothing_when_it_comes_from_a_quicklist(bool sourceIsQuicklist, string destinationEncoding)
    {
        using var client = Connect();
        var (src, dst) = KeysOnDifferentShards("moveint");
        try
        {
            // A 4 KB limit; the destination's listpack is 4088 bytes, 8 short of it.
            AssertOk(client.Execute("CONFIG", "SET", "list-max-listpack-size", "-1"));
            var k = new string('a', 1000);
            client.Execute("RPUSH", dst, k, k, k, k, new string('b', 63));
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", dst));
            if (sourceIsQuicklist) client.Execute("RPUSH", src, new string('c', 5000), "123456789");
            else client.Execute("RPUSH", src, "123456789");
            AssertBulk(sourceIsQuicklist ? "quicklist" : "listpack", client.Execute("OBJECT", "ENCODING", src));

            // Redis counts a pushed element by its text length, but a quicklist hands an integer back as a number,
            // which counts as nothing: 9 more bytes would pass the limit, 0 do not.
            AssertBulk("123456789", client.Execute("RPOPLPUSH", src, dst));
            AssertBulk(destinationEncoding, client.Execute("OBJECT", "ENCODING", dst));
            AssertBulk("123456789", client.Execute("LINDEX", dst, "0"));
        }
        finally
        {
            client.Execute("CONFIG", "SET", "list-max-listpack-size", "-2");
        }
    }

    // ---- LMPOP ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lmpop_pops_from_the_first_non_empty_list(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("lmpop");
        client.Execute("RPUSH", second, "a", "b", "c", "d");
        var reply = client.Execute("LMPOP", "2", first, second, "LEFT");
        AssertBulk(second, reply.Items![0]);
        AssertTexts(["a"], reply.Items[1]);
        reply = client.Execute("LMPOP", "2", first, second, "RIGHT", "COUNT", "2");
        AssertTexts(["d", "c"], reply.Items![1]);
        reply = client.Execute("LMPOP", "1", second, "left", "count", "10");
        AssertTexts(["b"], reply.Items![1]);
        AssertInteger(0, client.Execute("EXISTS", second));
        AssertNull(client.Execute("LMPOP", "2", first, second, "LEFT"));
    }

    [Fact]
    public void Lmpop_replies_are_byte_exact()
    {
        var key = NewKey();
        var missing = NewKey("missing");
        var name = $"${key.Length}\r\n{key}\r\n";
        AssertRawReply(
            $":2\r\n*2\r\n{name}*2\r\n$1\r\nb\r\n$1\r\na\r\n*-1\r\n",
            Command("RPUSH", key, "a", "b") + Command("LMPOP", "2", missing, key, "RIGHT", "COUNT", "5") + Command("LMPOP", "1", key, "LEFT"));
        AssertRawReply(
            $":1\r\n*2\r\n{name}*1\r\n$1\r\na\r\n_\r\n",
            Command("RPUSH", key, "a") + Command("LMPOP", "1", key, "LEFT") + Command("LMPOP", "1", missing, "LEFT"),
            protocol: 3);
    }

    [Theory]
    [InlineData("ERR numkeys should be greater than 0", "0", "k", "LEFT")]
    [InlineData("ERR numkeys should be greater than 0", "a", "k", "LEFT")]
    [InlineData("ERR numkeys should be greater than 0", "-1", "k", "RIGHT")]
    [InlineData("ERR syntax error", "1", "k", "bad_where")]
    [InlineData("ERR syntax error", "1", "k", "LEFT", "bar_arg")]
    [InlineData("ERR syntax error", "1", "k", "RIGHT", "LEFT")]
    [InlineData("ERR syntax error", "1", "k", "COUNT")]
    [InlineData("ERR syntax error", "1", "k", "LEFT", "COUNT", "1", "COUNT", "2")]
    [InlineData("ERR syntax error", "2", "k", "k2", "bad_arg")]
    [InlineData("ERR syntax error", "2", "k", "LEFT")]
    [InlineData("ERR syntax error", "3", "k", "k2", "LEFT")]
    [InlineData("ERR count should be greater than 0", "1", "k", "LEFT", "COUNT", "0")]
    [InlineData("ERR count should be greater than 0", "1", "k", "RIGHT", "COUNT", "a")]
    [InlineData("ERR count should be greater than 0", "2", "k", "k2", "RIGHT", "COUNT", "-1")]
    public void Lmpop_argument_errors(string error, params string[] args)
    {
        using var client = Connect();
        AssertError(error, client.Execute(["LMPOP", .. args]));
        AssertError(error, client.Execute(["BLMPOP", "0", .. args]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lmpop_keys_are_counted_by_numkeys(int protocol)
    {
        using var client = Connect(protocol);
        AssertTexts(["a", "b"], client.Execute("COMMAND", "GETKEYS", "LMPOP", "2", "a", "b", "LEFT", "COUNT", "3"));
        AssertTexts(["a"], client.Execute("COMMAND", "GETKEYS", "BLMPOP", "0", "1", "a", "RIGHT"));
        AssertTexts(["a", "b"], client.Execute("COMMAND", "GETKEYS", "BLPOP", "a", "b", "0"));
        var info = client.Execute("COMMAND", "INFO", "lmpop").Items![0];
        Assert.Contains("movablekeys", Texts(info.Items![2]));
        Assert.Equal(0, info.Items[3].Integer);
    }

    // ---- blocking forms served at once ------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocking_forms_serve_at_once_when_a_list_has_elements(int protocol)
    {
        using var client = Connect(protocol);
        var (empty, full) = KeysOnDifferentShards("blocking");
        var other = NewKey("other");
        client.Execute("RPUSH", full, "a", "b", "c", "d", "e");
        AssertTexts([full, "a"], client.Execute("BLPOP", empty, full, "1"));
        AssertTexts([full, "e"], client.Execute("BRPOP", empty, full, "0"));
        AssertBulk("d", client.Execute("BRPOPLPUSH", full, other, "0"));
        AssertBulk("b", client.Execute("BLMOVE", full, other, "LEFT", "RIGHT", "0.5"));
        var reply = client.Execute("BLMPOP", "0", "2", empty, full, "LEFT", "COUNT", "5");
        AssertBulk(full, reply.Items![0]);
        AssertTexts(["c"], reply.Items[1]);
        AssertInteger(0, client.Execute("EXISTS", full));
        AssertTexts(["d", "b"], client.Execute("LRANGE", other, "0", "-1"));
    }

    [Fact]
    public void Blpop_reply_is_byte_exact()
    {
        var key = NewKey();
        var name = $"${key.Length}\r\n{key}\r\n";
        AssertRawReply($":1\r\n*2\r\n{name}$1\r\nv\r\n", Command("RPUSH", key, "v") + Command("BLPOP", key, "0"));
        AssertRawReply($":1\r\n*2\r\n{name}$1\r\nv\r\n", Command("RPUSH", key, "v") + Command("BRPOP", key, "0"), protocol: 3);
    }

    [Theory]
    [InlineData("ERR timeout is not a float or out of range", "BLPOP", "k", "abc")]
    [InlineData("ERR timeout is negative", "BRPOP", "k", "-1")]
    [InlineData("ERR timeout is out of range", "BLPOP", "k", "inf")]
    [InlineData("ERR timeout is out of range", "BLPOP", "k", "1e400")]
    [InlineData("ERR timeout is negative", "BLPOP", "k", "-inf")]
    [InlineData("ERR timeout is not a float or out of range", "BLPOP", "k", "nan")]
    [InlineData("ERR timeout is negative", "BLMOVE", "k", "d", "LEFT", "LEFT", "-0.5")]
    [InlineData("ERR timeout is not a float or out of range", "BRPOPLPUSH", "k", "d", "x")]
    [InlineData("ERR timeout is negative", "BLMPOP", "-1", "1", "k", "LEFT")]
    [InlineData("ERR timeout is out of range", "BLMPOP", "inf", "1", "k", "LEFT")]
    public void Blocking_timeouts_are_checked(string error, params string[] request)
    {
        using var client = Connect();
        AssertError(error, client.Execute(request));
    }

    // ---- blocking -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_blocked_blmove_is_served_by_a_push_and_pushes_on(int protocol)
    {
        var (src, dst) = KeysOnDifferentShards("blmove");
        using var waiter = Connect(protocol);
        using var pusher = Connect();
        waiter.Send("BLMOVE", src, dst, "RIGHT", "LEFT", "0");
        WaitUntilBlocked(1);

        pusher.Execute("RPUSH", src, "a", "b");

        AssertBulk("b", waiter.ReadReply(Wait));
        AssertTexts(["a"], pusher.Execute("LRANGE", src, "0", "-1"));
        AssertTexts(["b"], pusher.Execute("LRANGE", dst, "0", "-1"));
    }

    [Fact]
    public void Chained_brpoplpush_waiters_pass_the_element_along()
    {
        var first = NewKey("first");
        var second = NewKey("second");
        var third = NewKey("third");
        using var a = Connect();
        using var b = Connect();
        using var pusher = Connect();
        a.Send("BRPOPLPUSH", first, second, "0");
        WaitUntilBlocked(1);
        b.Send("BRPOPLPUSH", second, third, "0");
        WaitUntilBlocked(2);

        pusher.Execute("RPUSH", first, "foo");

        AssertBulk("foo", a.ReadReply(Wait));
        AssertBulk("foo", b.ReadReply(Wait));
        AssertInteger(0, pusher.Execute("EXISTS", first));
        AssertInteger(0, pusher.Execute("EXISTS", second));
        AssertTexts(["foo"], pusher.Execute("LRANGE", third, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_blocked_blmpop_takes_up_to_its_count(int protocol)
    {
        var (a, b) = KeysOnDifferentShards("blmpop");
        using var waiter = Connect(protocol);
        using var pusher = Connect();
        waiter.Send("BLMPOP", "0", "2", a, b, "RIGHT", "COUNT", "2");
        WaitUntilBlocked(1);

        pusher.Execute("RPUSH", b, "x", "y", "z");

        var reply = waiter.ReadReply(Wait);
        AssertBulk(b, reply.Items![0]);
        AssertTexts(["z", "y"], reply.Items[1]);
        AssertTexts(["x"], pusher.Execute("LRANGE", b, "0", "-1"));
    }

    [Fact]
    public void A_blmove_timeout_is_a_null_array()
    {
        AssertRawReply("*-1\r\n", Command("BLMOVE", NewKey(), NewKey(), "LEFT", "LEFT", "0.01"));
        AssertRawReply("*-1\r\n", Command("BRPOPLPUSH", NewKey(), NewKey(), "0.01"));
        AssertRawReply("_\r\n", Command("BLMPOP", "0.01", "1", NewKey(), "LEFT"), protocol: 3);
    }

    private void WaitUntilBlocked(int expected)
    {
        using var probe = Connect();
        Assert.True(Eventually(() => BlockedClients(probe) == expected), $"expected {expected} blocked clients, INFO says {BlockedClients(probe)}");
    }

    private static long BlockedClients(RespClient client) => Infrastructure.InfoFields.Integer(client, "clients", "blocked_clients");
}
