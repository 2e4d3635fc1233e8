using AkkaKv.Server.Journal;
using AkkaKv.Server.Tests.Sessions;
using AkkaKv.Testing;

namespace AkkaKv.Server.Tests.Journal;

/// <summary>Every write yields one journal entry describing its effect, tagged with the node and a version.</summary>
public sealed class JournalEntryTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public Task InitializeAsync()
    {
        _node = new TestNode(shards: 2);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    /// <summary>Entries reach the journal after the reply; wait until the expected count arrived.</summary>
    private IReadOnlyList<JournalEntry> EntriesAfter(int count)
    {
        var deadline = Environment.TickCount64 + 5000;
        while (_node.Journal.Entries.Count < count && Environment.TickCount64 < deadline) Thread.Sleep(5);
        return _node.Journal.Entries;
    }

    [Fact]
    public void Writes_are_journaled_reads_are_not()
    {
        var connection = _node.Connect();
        connection.Command("SET", "a", "1");
        connection.Command("GET", "a");
        connection.Command("INCR", "a");
        connection.Command("EXISTS", "a");
        var entries = EntriesAfter(2);
        Assert.Equal(["SET a 1", "INCR a"], _node.Journal.Commands);
        Assert.All(entries, e => Assert.Equal(_node.State.NodeId, e.Origin));
    }

    [Fact]
    public void Versions_are_strictly_increasing_and_carry_the_time()
    {
        var connection = _node.Connect();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < 50; i++) connection.Command("SET", $"v{i}", "x");
        var versions = EntriesAfter(50).Select(e => e.Version).ToList();
        Assert.Equal(versions.OrderBy(v => v), versions.Order());
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.InRange(VersionClock.TimestampOf(versions[0]), before - 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
    }

    [Fact]
    public void Relative_expiry_is_journaled_as_an_absolute_time()
    {
        var connection = _node.Connect();
        connection.Command("SET", "e", "1", "EX", "100");
        connection.Command("EXPIRE", "e", "200");
        EntriesAfter(2);
        var commands = _node.Journal.Commands.ToList();
        Assert.Matches(@"^SET e 1 PXAT \d{13}$", commands[0]);
        Assert.Matches(@"^PEXPIREAT e \d{13}$", commands[1]);
    }

    [Fact]
    public void A_lazily_expired_key_is_journaled_as_a_delete()
    {
        var connection = _node.Connect();
        connection.Command("SET", "gone", "1", "PX", "1");
        Thread.Sleep(20);
        Assert.Equal("$-1\r\n", connection.Command("GET", "gone"));
        EntriesAfter(2);
        Assert.Contains("DEL gone", _node.Journal.Commands);
    }

    [Fact]
    public void A_cross_shard_write_is_one_entry()
    {
        var connection = _node.Connect();
        connection.Command("MSET", "x1", "1", "x2", "2", "x3", "3", "x4", "4");
        EntriesAfter(1);
        Assert.Equal(["MSET x1 1 x2 2 x3 3 x4 4"], _node.Journal.Commands);
    }
}
