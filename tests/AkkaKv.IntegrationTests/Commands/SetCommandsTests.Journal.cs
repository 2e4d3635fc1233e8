using AkkaKv.Cluster.Routing;
using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// What the set commands journal (replication and AOF replay it): SPOP as SREM or DEL, no-ops nothing. Runs on a
/// private node whose journal the test reads.
/// </summary>
public sealed partial class SetCommandsTests
{
    [Fact]
    public async Task Spop_is_journaled_as_srem_of_the_popped_members_or_del_of_the_whole_set()
    {
        await using var node = JournaledNode.Start();
        using var client = ServerFixture.Connect(node.Port);
        client.Execute("SADD", "one", "a", "b", "c");
        var popped = client.Execute("SPOP", "one").Text!;
        Assert.True(node.Eventually($"SREM one {popped}"));

        client.Execute("SADD", "some", "1", "2", "3", "4", "5", "6");
        var some = Texts(client.Execute("SPOP", "some", "2"));
        Assert.True(node.Eventually(e => e.StartsWith("SREM some ", StringComparison.Ordinal)
            && e["SREM some ".Length..].Split(' ').Order().SequenceEqual(some.Order())));

        client.Execute("SADD", "most", "1", "2", "3", "4", "5", "6");
        var most = Texts(client.Execute("SPOP", "most", "5"));
        Assert.True(node.Eventually(e => e.StartsWith("SREM most ", StringComparison.Ordinal)
            && e["SREM most ".Length..].Split(' ').Order().SequenceEqual(most.Order())));

        client.Execute("SADD", "all", "1", "2", "3");
        client.Execute("SPOP", "all", "3");
        Assert.True(node.Eventually("DEL all"));
        client.Execute("SADD", "all", "x");
        client.Execute("SPOP", "all");
        Assert.True(node.Eventually("SREM all x"));
    }

    [Fact]
    public async Task A_big_spop_is_journaled_in_batches_of_1024()
    {
        await using var node = JournaledNode.Start();
        using var client = ServerFixture.Connect(node.Port);
        client.Execute(["SADD", "big", .. Enumerable.Range(0, 2000).Select(i => "m" + i)]);
        var popped = Texts(client.Execute("SPOP", "big", "1500"));
        Assert.True(Eventually(() => node.Entries().Count(e => e.StartsWith("SREM big ", StringComparison.Ordinal)) == 2));
        var batches = node.Entries().Where(e => e.StartsWith("SREM big ", StringComparison.Ordinal)).Select(e => e.Split(' ').Length - 2).ToArray();
        Assert.Equal([1024, 476], batches);
        var journaled = node.Entries().Where(e => e.StartsWith("SREM big ", StringComparison.Ordinal)).SelectMany(e => e.Split(' ').Skip(2));
        Assert.Equal(popped.Order(StringComparer.Ordinal), journaled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writes_that_change_nothing_journal_nothing()
    {
        await using var node = JournaledNode.Start();
        using var client = ServerFixture.Connect(node.Port);
        client.Execute("SADD", "s", "a");
        client.Execute("SADD", "s", "a");
        client.Execute("SREM", "s", "zz");
        client.Execute("SREM", "missing", "a");
        client.Execute("SMOVE", "s", "d", "zz");
        client.Execute("SMOVE", "s", "s", "a");
        client.Execute("SPOP", "missing");
        client.Execute("SPOP", "s", "0");
        client.Execute("SINTERSTORE", "dst", "missing", "s");
        client.Execute("SMOVE", "s", "d", "a");
        Assert.True(node.Eventually("SMOVE s d a"));
        Assert.Equal(["SADD s a", "SMOVE s d a"], node.Entries());
    }

    [Fact]
    public async Task Stores_journal_the_command_and_an_emptied_destination_too()
    {
        await using var node = JournaledNode.Start();
        using var client = ServerFixture.Connect(node.Port);
        client.Execute("SADD", "a", "1", "2");
        client.Execute("SADD", "dst", "x");
        client.Execute("SUNIONSTORE", "dst", "a");
        client.Execute("SINTERSTORE", "dst", "a", "missing");
        client.Execute("SDIFFSTORE", "dst", "missing");
        Assert.True(node.Eventually("SINTERSTORE dst a missing"));
        Assert.Equal(["SADD a 1 2", "SADD dst x", "SUNIONSTORE dst a", "SINTERSTORE dst a missing"], node.Entries());
    }

    /// <summary>A node of its own whose journal entries the test reads, as "COMMAND arg arg".</summary>
    private sealed class JournaledNode : IAsyncDisposable
    {
        private readonly ServerNode _node;
        private readonly CapturingJournal _journal;

        private JournaledNode(ServerNode node, CapturingJournal journal)
        {
            _node = node;
            _journal = journal;
        }

        public int Port => _node.EndPoint.Port;

        public static JournaledNode Start()
        {
            var journal = new CapturingJournal();
            var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 2 }");
            return new JournaledNode(ServerNode.Start(settings, _ => journal, new StandaloneRouter(), _ => { }), journal);
        }

        public List<string> Entries() => _journal.Lines();

        public bool Eventually(string entry) => Eventually(e => e == entry);

        public bool Eventually(Func<string, bool> match) => CommandTestBase.Eventually(() => Entries().Any(match));

        public ValueTask DisposeAsync() => _node.DisposeAsync();
    }
}
