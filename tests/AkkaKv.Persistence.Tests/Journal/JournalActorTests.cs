using System.Text;
using AkkaKv.Actors;
using AkkaKv.Persistence.Journal;
using AkkaKv.Persistence.Tests.TestSupport;
using AkkaKv.Server.Journal;

namespace AkkaKv.Persistence.Tests.Journal;

public sealed class JournalActorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly Guid Origin = Guid.NewGuid();

    private readonly ActorSystem _system = ActorSystem.Create("journal-tests");
    // This system has no server, hence no event-loop dispatcher: the journal runs on the shared pool here.
    private readonly PersistenceSettings _settings = new(AkkaKv.Hocon.Config.ParseString("akkakv.persistence.journal-dispatcher = \"akkakv.actors.default-dispatcher\""));
    private long _nextVersion = 1L << 40;

    public JournalActorTests() => _system.Log = _ => { };

    public void Dispose() => _system.Dispose();

    private JournalEntry Entry(params string[] command) =>
        new(0, command.Select(Encoding.UTF8.GetBytes).ToArray(), Origin, Interlocked.Increment(ref _nextVersion));

    private IActorRef JournalOver(ReplicationBacklog backlog) =>
        _system.ActorOf(JournalActor.Props(backlog, _settings.JournalDispatcher));

    /// <summary>Asking for the state after telling entries also proves the entries before it were handled.</summary>
    private static JournalProtocol.CurrentJournalState StateOf(IActorRef journal) =>
        journal.Ask<JournalProtocol.CurrentJournalState>(JournalProtocol.GetJournalState.Instance, Timeout).Result;

    private static List<ReplayFrame> FramesIn(ReplicationBacklog backlog)
    {
        Assert.True(backlog.TryRead(0, out var bytes));
        return ReplayFrame.ParseAll(bytes);
    }

    [Fact]
    public void Default_dispatcher_comes_from_the_reference_config()
    {
        Assert.Equal("akkakv.server.io-dispatcher", new PersistenceSettings(AkkaKv.Hocon.Config.Empty).JournalDispatcher);
    }

    [Fact]
    public void State_of_a_new_journal_is_offset_zero_and_the_ring_size()
    {
        var journal = JournalOver(new ReplicationBacklog(64 * 1024));

        Assert.Equal(new JournalProtocol.CurrentJournalState(0, 64 * 1024), StateOf(journal));
    }

    [Fact]
    public void Entries_told_to_the_actor_land_in_the_backlog_in_order()
    {
        var backlog = new ReplicationBacklog(64 * 1024);
        var journal = JournalOver(backlog);
        var batches = new[]
        {
            new[] { Entry("SET", "a", "1"), Entry("SET", "b", "2") },
            new[] { Entry("DEL", "a") },
            new[] { Entry("INCR", "c"), Entry("INCR", "c"), Entry("PEXPIREAT", "c", "1700000000000") },
        };

        foreach (var batch in batches) journal.Tell(new JournalProtocol.AppendEntries(batch));
        var state = StateOf(journal);

        var expected = batches.SelectMany(batch => batch).ToList();
        Assert.Equal(expected.Sum(entry => (long)ExpectedFrames.Of(entry).Length), state.Offset);
        Assert.Equal(backlog.Offset, state.Offset);
        Assert.Equal(64 * 1024, state.BacklogSize);
        var frames = FramesIn(backlog);
        Assert.Equal(expected.Select(e => e.Version), frames.Select(f => f.Version));
        Assert.Equal(
            ["SET a 1", "SET b 2", "DEL a", "INCR c", "INCR c", "PEXPIREAT c 1700000000000"],
            frames.Select(f => f.CommandText));
    }

    [Fact]
    public void Batches_told_concurrently_stay_whole_and_each_senders_order_is_kept()
    {
        const int Senders = 4;
        const int BatchesPerSender = 50;
        const int EntriesPerBatch = 3;
        var backlog = new ReplicationBacklog(1024 * 1024);
        var journal = JournalOver(backlog);

        var threads = Enumerable.Range(0, Senders).Select(sender => new Thread(() =>
        {
            for (var batch = 0; batch < BatchesPerSender; batch++)
            {
                var entries = Enumerable.Range(0, EntriesPerBatch)
                    .Select(i => Entry("SET", $"s{sender}", $"{batch}.{i}"))
                    .ToArray();
                journal.Tell(new JournalProtocol.AppendEntries(entries));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(Timeout)));
        StateOf(journal);

        var frames = FramesIn(backlog);
        Assert.Equal(Senders * BatchesPerSender * EntriesPerBatch, frames.Count);
        for (var i = 0; i < frames.Count; i += EntriesPerBatch)
        {
            var batch = frames.Skip(i).Take(EntriesPerBatch).Select(f => f.CommandText.Split(' ')).ToList();
            Assert.All(batch, command => Assert.Equal(batch[0][1], command[1]));
            Assert.Equal(Enumerable.Range(0, EntriesPerBatch).Select(n => $"{batch[0][2].Split('.')[0]}.{n}"), batch.Select(c => c[2]));
        }
        foreach (var senderKey in Enumerable.Range(0, Senders).Select(s => $"s{s}"))
        {
            var order = frames.Select(f => f.CommandText.Split(' ')).Where(c => c[1] == senderKey).Select(c => c[2]).ToList();
            var expectedOrder = Enumerable.Range(0, BatchesPerSender).SelectMany(b => Enumerable.Range(0, EntriesPerBatch).Select(n => $"{b}.{n}"));
            Assert.Equal(expectedOrder, order);
        }
    }

    [Fact]
    public void Actor_journal_appends_without_waiting_and_reports_the_offset()
    {
        var journal = new ActorJournal(_system, _settings, 32 * 1024);
        var entries = new[] { Entry("SET", "k", "v"), Entry("DEL", "k") };
        var expectedOffset = entries.Sum(entry => (long)ExpectedFrames.Of(entry).Length);

        journal.Append(entries);
        var state = StateOf(journal.Actor);

        Assert.Equal(new JournalProtocol.CurrentJournalState(expectedOffset, 32 * 1024), state);
        Assert.Equal(expectedOffset, journal.Offset);
    }
}
