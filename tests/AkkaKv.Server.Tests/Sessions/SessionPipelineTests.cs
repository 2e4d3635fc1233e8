using AkkaKv.Storage;

namespace AkkaKv.Server.Tests.Sessions;

/// <summary>The session's pipeline driven in-process: ordering across shards, stages, closing.</summary>
public sealed class SessionPipelineTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public Task InitializeAsync()
    {
        _node = new TestNode(shards: 4);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    /// <summary>Keys on as many different shards as asked for.</summary>
    private string[] KeysOnDistinctShards(int count)
    {
        var shards = _node.State.Shards;
        var found = new Dictionary<int, string>();
        for (var i = 0; found.Count < count; i++)
        {
            var key = $"k{i}";
            found.TryAdd(shards.ShardOf(System.Text.Encoding.UTF8.GetBytes(key)), key);
        }
        return found.Values.ToArray();
    }

    [Fact]
    public void Replies_come_back_in_request_order_across_shards()
    {
        var keys = KeysOnDistinctShards(4);
        var connection = _node.Connect();
        var request = string.Concat(keys.Select((k, i) => TestNode.Connection.Resp("SET", k, i.ToString())))
            + string.Concat(keys.Select(k => TestNode.Connection.Resp("GET", k)));
        var reply = connection.Send(request);
        Assert.Equal(string.Concat(keys.Select(_ => "+OK\r\n")) + string.Concat(keys.Select((_, i) => $"$1\r\n{i}\r\n")), reply);
    }

    [Fact]
    public void A_cross_shard_command_sees_the_writes_pipelined_before_it_and_is_seen_by_those_after()
    {
        var keys = KeysOnDistinctShards(2);
        var connection = _node.Connect();
        var reply = connection.Send(
            TestNode.Connection.Resp("SET", keys[0], "before") +
            TestNode.Connection.Resp("MGET", keys[0], keys[1]) +
            TestNode.Connection.Resp("MSET", keys[0], "x", keys[1], "y") +
            TestNode.Connection.Resp("GET", keys[1]) +
            TestNode.Connection.Resp("PING"));
        Assert.Equal("+OK\r\n*2\r\n$6\r\nbefore\r\n$-1\r\n+OK\r\n$1\r\ny\r\n+PONG\r\n", reply);
    }

    [Fact]
    public void Session_commands_between_shard_commands_keep_their_place()
    {
        var connection = _node.Connect();
        var reply = connection.Send(
            TestNode.Connection.Resp("SET", "a", "1") +
            TestNode.Connection.Resp("SELECT", "1") +
            TestNode.Connection.Resp("GET", "a") +
            TestNode.Connection.Resp("SELECT", "0") +
            TestNode.Connection.Resp("GET", "a"));
        Assert.Equal("+OK\r\n+OK\r\n$-1\r\n+OK\r\n$1\r\n1\r\n", reply);
    }

    [Fact]
    public void Quit_replies_then_closes_and_ignores_what_follows()
    {
        var connection = _node.Connect();
        var (output, closed) = connection.SendForResult(TestNode.Connection.Resp("QUIT") + TestNode.Connection.Resp("SET", "after-quit", "1"));
        Assert.Equal("+OK\r\n", output);
        Assert.True(closed);
        Assert.Equal("$-1\r\n", _node.Connect().Command("GET", "after-quit"));
    }

    [Fact]
    public void A_protocol_error_is_replied_after_the_replies_of_earlier_commands_then_closes()
    {
        var connection = _node.Connect();
        var (output, closed) = connection.SendForResult(TestNode.Connection.Resp("SET", "p", "1") + "*1\r\nx\r\n");
        Assert.Equal("+OK\r\n-ERR Protocol error: expected '$', got 'x'\r\n", output);
        Assert.True(closed);
    }

    [Fact]
    public void Split_frames_give_the_same_replies_as_whole_ones()
    {
        var connection = _node.Connect();
        var request = TestNode.Connection.Resp("SET", "split", "value") + TestNode.Connection.Resp("GET", "split");
        var output = string.Concat(request.Select(c => connection.Send(c.ToString())));
        Assert.Equal("+OK\r\n$5\r\nvalue\r\n", output);
    }

    [Fact]
    public void Client_reply_off_and_skip_drop_replies()
    {
        var connection = _node.Connect();
        var reply = connection.Send(
            TestNode.Connection.Resp("CLIENT", "REPLY", "SKIP") +
            TestNode.Connection.Resp("SET", "r", "1") +
            TestNode.Connection.Resp("GET", "r") +
            TestNode.Connection.Resp("CLIENT", "REPLY", "OFF") +
            TestNode.Connection.Resp("GET", "r") +
            TestNode.Connection.Resp("CLIENT", "REPLY", "ON") +
            TestNode.Connection.Resp("GET", "r"));
        Assert.Equal("$1\r\n1\r\n+OK\r\n$1\r\n1\r\n", reply);
    }

    [Fact]
    public void Unknown_commands_wrong_arity_and_auth_are_rejected_without_reaching_a_shard()
    {
        var connection = _node.Connect();
        Assert.Equal("-ERR unknown command 'nope', with args beginning with: 'a' 'b' \r\n", connection.Command("nope", "a", "b"));
        Assert.Equal("-ERR wrong number of arguments for 'get' command\r\n", connection.Command("GET"));
        Assert.Equal("-ERR unknown subcommand 'bogus'. Try CLIENT HELP.\r\n", connection.Command("CLIENT", "bogus"));
        Assert.Equal("-ERR wrong number of arguments for 'client|setname' command\r\n", connection.Command("CLIENT", "SETNAME"));
    }

    [Fact]
    public void Each_key_lands_on_the_shard_owning_its_slot()
    {
        var connection = _node.Connect();
        connection.Command("SET", "{tag}one", "1");
        connection.Command("SET", "{tag}two", "2");
        var shard = _node.State.Shards.ShardOfSlot(HashSlot.Of("tag"u8));
        Assert.Equal(2, _node.State.Shards.Keyspaces[shard][0].Count);
    }
}
