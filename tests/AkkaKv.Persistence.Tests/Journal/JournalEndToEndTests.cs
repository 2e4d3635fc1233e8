using System.Globalization;
using System.Text;
using AkkaKv.Cluster.Routing;
using AkkaKv.Host;
using AkkaKv.Persistence.Journal;
using AkkaKv.Persistence.Tests.TestSupport;
using AkkaKv.Protocol;
using AkkaKv.Server;
using AkkaKv.Server.Journal;
using AkkaKv.Testing;

namespace AkkaKv.Persistence.Tests.Journal;

/// <summary>
/// A whole node on an ephemeral port: what its writes journal. Versions are not known in advance, but every
/// version has 19 digits and every PXAT / PEXPIREAT time 13, so a write's frame size is known exactly, and the
/// offset growth alone tells which effect was journaled.
/// </summary>
public sealed class JournalEndToEndTests : IAsyncDisposable
{
    private const string Hocon = "akkakv.server { port = 0 }";
    private const string UnixMs = "1700000000000";

    private readonly List<ServerNode> _nodes = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    private ServerNode Launch() => LaunchRecording().Node;

    /// <summary>
    /// The host's own wiring with the backlog started, as a replica attaching starts it, and the journal wrapped so the
    /// test sees each entry.
    /// </summary>
    private (ServerNode Node, RecordingJournal Journal) LaunchRecording()
    {
        var settings = NodeLauncher.SettingsFrom(Hocon);
        RecordingJournal? recording = null;
        var backlog = new BacklogJournal(new ReplicationBacklog(settings.ReplBacklogSize));
        backlog.Activate();
        var node = ServerNode.Start(
            settings,
            _ => recording = new RecordingJournal(backlog),
            new StandaloneRouter(),
            _ => { });
        _nodes.Add(node);
        return (node, recording!);
    }

    private static RespClient Connect(ServerNode node) => new("127.0.0.1", node.EndPoint.Port);

    private static void ExpectOffset(RespClient client, long expected, string after) =>
        Eventually.Equal(expected, () => InfoFields.MasterReplOffset(client), $"master_repl_offset after {after}");

    [Fact]
    public void A_standalone_node_feeds_no_backlog_as_redis_before_its_first_replica()
    {
        var node = NodeLauncher.Start(NodeLauncher.SettingsFrom(Hocon), _ => { });
        _nodes.Add(node);
        using var client = Connect(node);

        Assert.Equal("OK", client.Execute("SET", "k", "v").Text);
        Assert.Equal(1, client.Execute("INCR", "n").Integer);
        Assert.Equal(0, InfoFields.MasterReplOffset(client));
        Assert.Equal("0", InfoFields.Read(client, "replication", "repl_backlog_active"));
        Assert.Equal("0", InfoFields.Read(client, "replication", "repl_backlog_histlen"));
    }

    [Fact]
    public void New_node_has_a_uuid_and_offset_zero()
    {
        var node = Launch();
        using var client = Connect(node);

        Assert.NotEqual(Guid.Empty, InfoFields.NodeId(client));
        Assert.Equal(node.State.NodeId, InfoFields.NodeId(client));
        Assert.Equal(0, InfoFields.MasterReplOffset(client));
    }

    [Fact]
    public void Each_write_grows_master_repl_offset_by_the_frame_of_its_effect()
    {
        var node = Launch();
        using var client = Connect(node);
        long offset = 0;

        void Write(string[] command, string expectedReply, string[] journaled, int database = 0)
        {
            Assert.Equal(expectedReply, client.Execute(command).ToString());
            offset += ExpectedFrames.SizeOf(database, journaled);
            ExpectOffset(client, offset, string.Join(' ', command));
        }

        Write(["SET", "k", "v"], "OK", ["SET", "k", "v"]);
        Write(["EXPIRE", "k", "100"], "(integer) 1", ["PEXPIREAT", "k", UnixMs]);
        Write(["INCRBYFLOAT", "f", "1.5"], "1.5", ["SET", "f", "1.5", "KEEPTTL"]);
        Write(["SET", "e", "v", "EX", "100"], "OK", ["SET", "e", "v", "PXAT", UnixMs]);
        Write(["DEL", "e"], "(integer) 1", ["DEL", "e"]);
        Assert.Equal("OK", client.Execute("SELECT", "7").ToString());
        Write(["SET", "k7", "v"], "OK", ["SET", "k7", "v"], database: 7);
    }

    [Fact]
    public void Reads_and_writes_that_change_nothing_are_not_journaled()
    {
        var node = Launch();
        using var client = Connect(node);
        client.Execute("SET", "k", "v");
        var offset = ExpectedFrames.SizeOf(0, "SET", "k", "v");
        ExpectOffset(client, offset, "SET k v");

        Assert.Equal("v", client.Execute("GET", "k").ToString());
        Assert.Equal("(integer) 0", client.Execute("DEL", "missing").ToString());
        Assert.Equal("(integer) 0", client.Execute("EXPIRE", "missing", "10").ToString());
        Assert.Equal("(error) ERR value is not an integer or out of range", client.Execute("INCR", "k").ToString());
        Assert.Equal("OK", client.Execute("SET", "marker", "1").ToString());

        // The marker's entry follows the others on the same connection: once it is counted, nothing else was.
        ExpectOffset(client, offset + ExpectedFrames.SizeOf(0, "SET", "marker", "1"), "read-only and no-op commands");
    }

    [Fact]
    public void Lazily_expired_key_is_journaled_as_del()
    {
        var node = Launch();
        using var client = Connect(node);
        Assert.Equal("OK", client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0").ToString());
        Assert.Equal("OK", client.Execute("SET", "e", "v", "PX", "30").ToString());
        var offset = ExpectedFrames.SizeOf(0, "SET", "e", "v", "PXAT", UnixMs);
        ExpectOffset(client, offset, "SET e v PX 30");
        Thread.Sleep(80);

        Assert.Equal("(nil)", client.Execute("GET", "e").ToString());

        ExpectOffset(client, offset + ExpectedFrames.SizeOf(0, "DEL", "e"), "GET of an expired key");
    }

    [Fact]
    public void Journal_entries_carry_the_node_uuid_increasing_versions_and_the_effects()
    {
        var (node, journal) = LaunchRecording();
        using var client = Connect(node);
        var nodeId = InfoFields.NodeId(client);
        Assert.Equal("OK", client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0").ToString());
        var startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        client.Execute("SET", "k", "v");
        client.Execute("EXPIRE", "k", "100");
        client.Execute("INCRBYFLOAT", "f", "1.5");
        client.Execute("INCRBYFLOAT", "f", "2");
        client.Execute("SET", "e", "v", "PX", "30");
        Thread.Sleep(80);
        Assert.Equal("(nil)", client.Execute("GET", "e").ToString());
        client.Execute("SELECT", "3");
        client.Execute("SET", "k3", "v3", "NX");
        for (var i = 0; i < 20; i++) client.Execute("INCR", "counter");
        var endMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Eventually.Equal(7 + 20, () => journal.Entries.Count, "journal entries");
        var entries = journal.Entries;
        Assert.All(entries, entry => Assert.Equal(nodeId, entry.Origin));
        for (var i = 1; i < entries.Count; i++)
            Assert.True(entries[i].Version > entries[i - 1].Version, $"version {i} ({entries[i].Version}) not above {entries[i - 1].Version}");
        Assert.All(entries, entry => Assert.InRange(VersionClock.TimestampOf(entry.Version), startMs, endMs));

        Assert.Equal("SET k v", entries[0].Text);
        var pexpireat = entries[1].Arguments;
        Assert.Equal(["PEXPIREAT", "k"], pexpireat[..2].Select(a => Encoding.UTF8.GetString(a)));
        Assert.InRange(long.Parse(Encoding.UTF8.GetString(pexpireat[2]), CultureInfo.InvariantCulture), startMs + 100_000, endMs + 100_000);
        Assert.Equal("SET f 1.5 KEEPTTL", entries[2].Text);
        Assert.Equal("SET f 3.5 KEEPTTL", entries[3].Text);
        Assert.StartsWith("SET e v PXAT ", entries[4].Text, StringComparison.Ordinal);
        Assert.Equal("DEL e", entries[5].Text);
        Assert.Equal("SET k3 v3", entries[6].Text);
        Assert.Equal(3, entries[6].Database);
        Assert.All(entries.Take(6), entry => Assert.Equal(0, entry.Database));
        Assert.All(entries.Skip(7), entry => Assert.Equal("INCR counter", entry.Text));

        // The offset INFO reports is the size of exactly these entries' frames, spelled out by hand.
        var expectedOffset = entries.Sum(entry => (long)ExpectedFrames.Of(entry).Length);
        ExpectOffset(client, expectedOffset, "all writes");
        Assert.Equal(expectedOffset, journal.Inner.Offset);
    }
}
