using System.Text;
using AkkaKv.Persistence.Journal;
using AkkaKv.Persistence.Tests.TestSupport;
using AkkaKv.Testing;

namespace AkkaKv.Persistence.Tests.Journal;

public sealed class ReplicationBacklogTests
{
    private const int SmallestRing = 16 * 1024;

    private static readonly Guid Origin = Guid.Parse("6f1c3a52-9d0e-4b7a-8f21-3c5d7e9a1b24");

    private long _nextVersion = (1_700_000_000_000L << 20) + 1;

    private JournalEntry Entry(int database, params string[] command) =>
        new(database, command.Select(Encoding.UTF8.GetBytes).ToArray(), Origin, _nextVersion++);

    /// <summary>Appends the entry's frame, as the shards encode it.</summary>
    private static void Append(ReplicationBacklog backlog, JournalEntry entry) => backlog.Append(ExpectedFrames.Of(entry));

    private static byte[] ReadAll(ReplicationBacklog backlog, long from)
    {
        Assert.True(backlog.TryRead(from, out var bytes), $"offset {from} should still be held (end {backlog.Offset}, size {backlog.Size})");
        return bytes;
    }

    [Fact]
    public void New_backlog_is_empty_at_offset_zero()
    {
        var backlog = new ReplicationBacklog(SmallestRing);

        Assert.Equal(0, backlog.Offset);
        Assert.Empty(ReadAll(backlog, 0));
    }

    [Theory]
    [InlineData(0, SmallestRing)]
    [InlineData(100, SmallestRing)]
    [InlineData(1024 * 1024, 1024 * 1024)]
    public void Ring_is_never_smaller_than_16kb(long asked, long expected)
    {
        Assert.Equal(expected, new ReplicationBacklog(asked).Size);
    }

    [Fact]
    public void Offset_grows_by_each_frame_size()
    {
        var backlog = new ReplicationBacklog(SmallestRing);
        var entries = new[] { Entry(0, "SET", "k", "v"), Entry(0, "DEL", "k"), Entry(3, "SET", "key", new string('x', 300)) };

        long expectedOffset = 0;
        foreach (var entry in entries)
        {
            Append(backlog, entry);
            expectedOffset += ExpectedFrames.Of(entry).Length;
            Assert.Equal(expectedOffset, backlog.Offset);
        }

        Assert.Equal(entries.SelectMany(ExpectedFrames.Of).ToArray(), ReadAll(backlog, 0));
    }

    [Fact]
    public void A_batch_of_frames_appended_at_once_reads_back_as_its_entries()
    {
        var backlog = new ReplicationBacklog(SmallestRing);
        var binary = new byte[] { 0, 13, 10, 255, (byte)'$', (byte)'*' };
        var entries = new[]
        {
            Entry(0, "SET", "k", "v"),
            new JournalEntry(15, ["SET"u8.ToArray(), binary, []], Origin, _nextVersion++),
            Entry(9, "PEXPIREAT", "k", "1700000000000"),
        };

        backlog.Append(entries.SelectMany(ExpectedFrames.Of).ToArray());

        var read = JournalEntry.ParseAll(ReadAll(backlog, 0));
        Assert.Equal(entries.Length, read.Count);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal((entries[i].Database, entries[i].Origin, entries[i].Version), (read[i].Database, read[i].Origin, read[i].Version));
            Assert.Equal(entries[i].Arguments, read[i].Arguments);
        }
    }

    [Fact]
    public void Reading_from_a_frame_boundary_returns_the_frames_after_it()
    {
        var backlog = new ReplicationBacklog(SmallestRing);
        Append(backlog, Entry(0, "SET", "a", "1"));
        var afterFirst = backlog.Offset;
        Append(backlog, Entry(0, "SET", "b", "2"));
        Append(backlog, Entry(0, "SET", "c", "3"));

        var frames = JournalEntry.ParseAll(ReadAll(backlog, afterFirst));

        Assert.Equal(["SET b 2", "SET c 3"], frames.Select(f => f.Text));
    }

    [Fact]
    public void Reading_at_the_end_gives_nothing_and_beyond_it_is_refused()
    {
        var backlog = new ReplicationBacklog(SmallestRing);
        Append(backlog, Entry(0, "SET", "a", "1"));

        Assert.Empty(ReadAll(backlog, backlog.Offset));
        Assert.False(backlog.TryRead(backlog.Offset + 1, out var beyond));
        Assert.Empty(beyond);
    }

    [Fact]
    public void Wrap_around_keeps_the_last_size_bytes_and_refuses_older_offsets()
    {
        var backlog = new ReplicationBacklog(SmallestRing);
        var everything = new List<byte>();
        for (var i = 0; backlog.Offset < 5 * backlog.Size; i++)
        {
            var entry = Entry(i % 16, "SET", $"key:{i}", new string((char)('a' + (i % 26)), i % 211));
            Append(backlog, entry);
            everything.AddRange(ExpectedFrames.Of(entry));
        }

        Assert.Equal(everything.Count, backlog.Offset);
        var oldestHeld = backlog.Offset - backlog.Size;
        Assert.Equal(everything.Skip((int)oldestHeld).ToArray(), ReadAll(backlog, oldestHeld));
        Assert.Equal(everything.Skip((int)oldestHeld + 100).ToArray(), ReadAll(backlog, oldestHeld + 100));
        Assert.False(backlog.TryRead(oldestHeld - 1, out _));
        Assert.False(backlog.TryRead(0, out _));
    }

    [Fact]
    public void Frames_still_held_after_wrap_around_parse_back_in_order()
    {
        var backlog = new ReplicationBacklog(SmallestRing);
        var entries = new List<JournalEntry>();
        var starts = new List<long>();
        for (var i = 0; backlog.Offset < 3 * backlog.Size + 777; i++)
        {
            var entry = Entry(0, "INCRBY", $"counter:{i % 7}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            starts.Add(backlog.Offset);
            entries.Add(entry);
            Append(backlog, entry);
        }

        var firstHeld = starts.FindIndex(start => start >= backlog.Offset - backlog.Size);
        var frames = JournalEntry.ParseAll(ReadAll(backlog, starts[firstHeld]));

        Assert.Equal(entries.Count - firstHeld, frames.Count);
        Assert.Equal(entries.Skip(firstHeld).Select(e => e.Version), frames.Select(f => f.Version));
        Assert.Equal(entries[^1].Arguments, frames[^1].Arguments);
    }

    [Fact]
    public void Frame_larger_than_the_ring_leaves_its_tail()
    {
        var backlog = new ReplicationBacklog(SmallestRing);
        var entry = Entry(0, "SET", "big", new string('z', SmallestRing + 5000));
        var frame = ExpectedFrames.Of(entry);

        backlog.Append(frame);

        Assert.Equal(frame.Length, backlog.Offset);
        Assert.Equal(frame[^SmallestRing..], ReadAll(backlog, backlog.Offset - SmallestRing));
        Assert.False(backlog.TryRead(0, out _));
    }
}
