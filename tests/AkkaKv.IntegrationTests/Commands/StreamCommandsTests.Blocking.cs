using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>XREAD BLOCK and XREADGROUP BLOCK: served by later writes, woken by group and key changes, timing out.</summary>
public sealed partial class StreamCommandsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocked_xread_is_served_by_a_later_xadd(int protocol)
    {
        using var client = Connect(protocol);
        using var reader = Connect(protocol);
        var (first, second) = KeysOnDifferentShards();
        client.Execute("XADD", second, "1-0", "old", "v");
        var read = Blocked(client, () => reader.Execute("XREAD", "BLOCK", "10000", "STREAMS", first, second, "$", "$"));
        client.Execute("XADD", second, "2-0", "new", "v");
        var reply = ReadReply(Finish(read), protocol);
        Assert.Equal([second], reply.Keys);
        Assert.Equal(["2-0 new=v"], reply[second]);
    }

    [Fact]
    public void Blocked_xread_keeps_the_last_id_of_when_it_blocked()
    {
        // "$" is pinned when blocking: recreated under the same name, the stream serves what is newer than that ID.
        using var client = Connect();
        using var reader = Connect();
        var key = NewKey();
        client.Execute("XADD", key, "666", "f", "v");
        var read = Blocked(client, () => reader.Execute("XREAD", "BLOCK", "10000", "STREAMS", key, "$"));
        client.Execute("DEL", key);
        client.Execute("XADD", key, "667", "f", "v");
        Assert.Equal(["667-0 f=v"], ReadReply(Finish(read), 2)[key]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocked_xreadgroup_gets_new_entries_and_makes_them_pending(int protocol)
    {
        using var client = Connect(protocol);
        using var reader = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "g", "$", "MKSTREAM");
        var read = Blocked(client, () => reader.Execute("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "10000", "STREAMS", key, ">"));
        client.Execute("XADD", key, "5-0", "f", "v");
        Assert.Equal(["5-0 f=v"], ReadReply(Finish(read), protocol)[key]);
        Assert.Equal(["5-0"], client.Execute("XPENDING", key, "g", "-", "+", "10", "alice").Items!.Select(p => p.Items![0].Text));
    }

    [Fact]
    public void Blocked_xreadgroup_does_not_wake_for_an_entry_deleted_before_it_could_read()
    {
        using var client = Connect();
        using var reader = Connect();
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "g", "$", "MKSTREAM");
        client.Execute("XADD", key, "666", "f", "v");
        Assert.Single(ReadReply(client.Execute("XREADGROUP", "GROUP", "g", "Alice", "BLOCK", "10", "STREAMS", key, ">"), 2)[key]);
        client.Execute("XADD", key, "667", "f2", "v2");
        client.Execute("XDEL", key, "667");
        AssertNull(reader.Execute("XREADGROUP", "GROUP", "g", "Alice", "BLOCK", "50", "STREAMS", key, ">"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Destroying_the_group_fails_a_blocked_xreadgroup_with_nogroup(int protocol)
    {
        using var client = Connect(protocol);
        using var reader = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "mygroup", "$", "MKSTREAM");
        var read = Blocked(client, () => reader.Execute("XREADGROUP", "GROUP", "mygroup", "Alice", "BLOCK", "0", "STREAMS", key, ">"));
        AssertInteger(1, client.Execute("XGROUP", "DESTROY", key, "mygroup"));
        AssertErrorStartsWith("NOGROUP", Finish(read));
    }

    [Fact]
    public void Deleting_the_key_fails_a_blocked_xreadgroup_with_nogroup()
    {
        using var client = Connect();
        using var reader = Connect();
        var key = NewKey();
        client.Execute("XADD", key, "666", "f", "v");
        client.Execute("XGROUP", "CREATE", key, "mygroup", "$");
        var read = Blocked(client, () => reader.Execute("XREADGROUP", "GROUP", "mygroup", "Alice", "BLOCK", "0", "STREAMS", key, ">"));
        client.Execute("DEL", key);
        AssertErrorStartsWith("NOGROUP", Finish(read));
    }

    [Theory]
    [InlineData("FLUSHDB")]
    [InlineData("FLUSHALL")]
    [InlineData("SWAPDB")]
    public void Emptying_the_database_fails_a_blocked_xreadgroup_with_nogroup(string command)
    {
        // Databases of their own: the class's other tests keep their keys.
        using var client = Connect();
        using var reader = Connect();
        client.Execute("SELECT", "7");
        reader.Execute("SELECT", "7");
        var key = NewKey();
        client.Execute("XADD", key, "666", "f", "v");
        client.Execute("XGROUP", "CREATE", key, "mygroup", "$");
        var read = Blocked(client, () => reader.Execute("XREADGROUP", "GROUP", "mygroup", "Alice", "BLOCK", "0", "STREAMS", key, ">"));
        if (command == "SWAPDB") client.Execute("SWAPDB", "7", "8");
        else client.Execute(command);
        AssertErrorStartsWith("NOGROUP", Finish(read));
    }

    [Fact]
    public void Blocked_xreadgroup_gets_wrongtype_when_the_key_becomes_another_type()
    {
        using var client = Connect();
        using var reader = Connect();
        var key = NewKey();
        client.Execute("XADD", key, "666", "f", "v");
        client.Execute("XGROUP", "CREATE", key, "mygroup", "$");
        var read = Blocked(client, () => reader.Execute("XREADGROUP", "GROUP", "mygroup", "Alice", "BLOCK", "0", "STREAMS", key, ">"));
        client.Execute("SET", key, "val1");
        AssertErrorStartsWith("WRONGTYPE", Finish(read));
    }

    [Fact]
    public void Blocked_xread_times_out_with_nil()
    {
        using var client = Connect();
        var key = NewKey();
        var started = Environment.TickCount64;
        AssertNull(client.Execute("XREAD", "BLOCK", "150", "STREAMS", key, "$"));
        Assert.InRange(Environment.TickCount64 - started, 100, 5000);
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
