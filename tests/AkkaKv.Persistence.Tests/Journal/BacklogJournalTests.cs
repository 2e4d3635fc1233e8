using System.Text;
using AkkaKv.Persistence.Journal;
using AkkaKv.Persistence.Tests.TestSupport;
using AkkaKv.Testing;

namespace AkkaKv.Persistence.Tests.Journal;

public sealed class BacklogJournalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly Guid Origin = Guid.NewGuid();

    private long _nextVersion = 1L << 40;

    private JournalEntry Entry(params string[] command) =>
        new(0, command.Select(Encoding.UTF8.GetBytes).ToArray(), Origin, Interlocked.Increment(ref _nextVersion));

    /// <summary>A batch's frames, as a shard hands them over.</summary>
    private static byte[] Frames(IEnumerable<JournalEntry> batch) => batch.SelectMany(ExpectedFrames.Of).ToArray();

    private static List<JournalEntry> EntriesIn(ReplicationBacklog backlog)
    {
        Assert.True(backlog.TryRead(0, out var bytes));
        return JournalEntry.ParseAll(bytes);
    }

    [Fact]
    public void A_new_journal_is_at_offset_zero_and_reports_the_ring_size()
    {
        var journal = new BacklogJournal(new ReplicationBacklog(64 * 1024));

        Assert.Equal(0, journal.Offset);
        Assert.Equal(64 * 1024, journal.BacklogSize);
    }

    [Fact]
    public void Batches_land_in_the_backlog_in_order_and_grow_the_offset_by_their_frames()
    {
        var backlog = new ReplicationBacklog(64 * 1024);
        var journal = new BacklogJournal(backlog);
        var batches = new[]
        {
            new[] { Entry("SET", "a", "1"), Entry("SET", "b", "2") },
            new[] { Entry("DEL", "a") },
            new[] { Entry("INCR", "c"), Entry("INCR", "c"), Entry("PEXPIREAT", "c", "1700000000000") },
        };

        foreach (var batch in batches) journal.Append(Frames(batch));

        var expected = batches.SelectMany(batch => batch).ToList();
        Assert.Equal(expected.Sum(entry => (long)ExpectedFrames.Of(entry).Length), journal.Offset);
        Assert.Equal(backlog.Offset, journal.Offset);
        var entries = EntriesIn(backlog);
        Assert.Equal(expected.Select(e => e.Version), entries.Select(e => e.Version));
        Assert.Equal(["SET a 1", "SET b 2", "DEL a", "INCR c", "INCR c", "PEXPIREAT c 1700000000000"], entries.Select(e => e.Text));
    }

    [Fact]
    public void The_journal_keeps_a_copy_so_the_caller_may_reuse_its_buffer()
    {
        var backlog = new ReplicationBacklog(64 * 1024);
        var journal = new BacklogJournal(backlog);
        var buffer = Frames([Entry("SET", "k", "v")]);

        journal.Append(buffer);
        buffer.AsSpan().Fill((byte)'x');

        Assert.Equal(["SET k v"], EntriesIn(backlog).Select(e => e.Text));
    }

    [Fact]
    public void Batches_appended_concurrently_stay_whole_and_each_senders_order_is_kept()
    {
        const int Senders = 4;
        const int BatchesPerSender = 50;
        const int EntriesPerBatch = 3;
        var backlog = new ReplicationBacklog(1024 * 1024);
        var journal = new BacklogJournal(backlog);

        var threads = Enumerable.Range(0, Senders).Select(sender => new Thread(() =>
        {
            for (var batch = 0; batch < BatchesPerSender; batch++)
            {
                journal.Append(Frames(Enumerable.Range(0, EntriesPerBatch).Select(i => Entry("SET", $"s{sender}", $"{batch}.{i}"))));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(Timeout)));

        var commands = EntriesIn(backlog).Select(e => e.Text.Split(' ')).ToList();
        Assert.Equal(Senders * BatchesPerSender * EntriesPerBatch, commands.Count);
        for (var i = 0; i < commands.Count; i += EntriesPerBatch)
        {
            var batch = commands.Skip(i).Take(EntriesPerBatch).ToList();
            Assert.All(batch, command => Assert.Equal(batch[0][1], command[1]));
            Assert.Equal(Enumerable.Range(0, EntriesPerBatch).Select(n => $"{batch[0][2].Split('.')[0]}.{n}"), batch.Select(c => c[2]));
        }
        foreach (var senderKey in Enumerable.Range(0, Senders).Select(s => $"s{s}"))
        {
            var order = commands.Where(c => c[1] == senderKey).Select(c => c[2]).ToList();
            var expectedOrder = Enumerable.Range(0, BatchesPerSender).SelectMany(b => Enumerable.Range(0, EntriesPerBatch).Select(n => $"{b}.{n}"));
            Assert.Equal(expectedOrder, order);
        }
    }
}
