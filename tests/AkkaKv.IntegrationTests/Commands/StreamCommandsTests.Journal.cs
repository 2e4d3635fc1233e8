using System.Text;
using AkkaKv.Cluster.Routing;
using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// What the stream commands journal: the effects Redis propagates (XADD with its ID, exact trims, XREADGROUP as
/// XCLAIMs and XGROUP SETID), checked entry by entry and by replaying them into a second node.
/// </summary>
public sealed partial class StreamCommandsTests
{
    [Fact]
    public async Task Xadd_journals_the_chosen_id_and_an_exact_trim()
    {
        var journal = new CapturingJournal();
        await using var node = StartRecording(journal);
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var key = NewKey();
        var auto = client.Execute("XADD", key, "*", "f", "v").Text!;
        client.Execute("XADD", key, "9999999999999-*", "f", "v");
        client.Execute("XADD", key, "MAXLEN", "~", "1", "LIMIT", "10", "9999999999999-5", "f", "v");
        client.Execute("XADD", key, "MINID", "~", "0", "9999999999999-6", "f", "v");
        client.Execute("XADD", key, "MAXLEN", "=", "3", "9999999999999-7", "f", "v");
        AssertNull(client.Execute("XADD", NewKey(), "NOMKSTREAM", "*", "f", "v"));
        AssertError("ERR The ID specified in XADD is equal or smaller than the target stream top item", client.Execute("XADD", key, "1-1", "f", "v"));

        Assert.Equal(
        [
            $"XADD {key} {auto} f v",
            $"XADD {key} 9999999999999-0 f v",
            $"XADD {key} MAXLEN = 3 9999999999999-5 f v",
            $"XADD {key} MINID = {auto} 9999999999999-6 f v",
            $"XADD {key} MAXLEN = 3 9999999999999-7 f v",
        ], WaitFor(journal, key, 5));
    }

    [Fact]
    public async Task Xtrim_journals_only_when_it_trims_and_approximation_as_the_exact_outcome()
    {
        var journal = new CapturingJournal();
        await using var node = StartRecording(journal);
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var key = NewKey();
        WithNodeSize(client, 10, () =>
        {
            for (var i = 1; i <= 25; i++) client.Execute("XADD", key, $"{i}-0", "f", "v");
        });
        AssertInteger(0, client.Execute("XTRIM", key, "MAXLEN", "~", "20"));
        AssertInteger(10, client.Execute("XTRIM", key, "MAXLEN", "~", "12"));
        AssertInteger(2, client.Execute("XTRIM", key, "MINID", "13"));
        AssertInteger(0, client.Execute("XDEL", key, "1-0"));
        AssertInteger(1, client.Execute("XDEL", key, "20-0"));

        Assert.Equal([$"XTRIM {key} MAXLEN = 15", $"XTRIM {key} MINID 13", $"XDEL {key} 20-0"], WaitFor(journal, key, 28).Skip(25));
    }

    [Fact]
    public async Task Xreadgroup_journals_claims_and_the_group_position()
    {
        var journal = new CapturingJournal();
        await using var node = StartRecording(journal);
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var key = NewKey();
        client.Execute("XADD", key, "1-0", "f", "v");
        client.Execute("XADD", key, "2-0", "f", "v");
        client.Execute("XGROUP", "CREATE", key, "g", "0");
        client.Execute("XREADGROUP", "GROUP", "g", "alice", "STREAMS", key, ">");
        client.Execute("XREADGROUP", "GROUP", "g", "alice", "STREAMS", key, "0");
        client.Execute("XADD", key, "3-0", "f", "v");
        client.Execute("XREADGROUP", "GROUP", "g", "bob", "NOACK", "STREAMS", key, ">");

        var entries = WaitFor(journal, key, 9);
        Assert.Equal($"XGROUP CREATE {key} g 0", entries[2]);
        Assert.Matches($@"^XCLAIM {key} g alice 0 1-0 TIME \d+ RETRYCOUNT 1 FORCE JUSTID LASTID 1-0$", entries[3]);
        Assert.Matches($@"^XCLAIM {key} g alice 0 2-0 TIME \d+ RETRYCOUNT 1 FORCE JUSTID LASTID 2-0$", entries[4]);
        Assert.Equal($"XGROUP SETID {key} g 2-0 ENTRIESREAD 2", entries[5]);
        Assert.Equal($"XADD {key} 3-0 f v", entries[6]);
        Assert.Equal($"XGROUP CREATECONSUMER {key} g bob", entries[7]);
        Assert.Equal($"XGROUP SETID {key} g 3-0 ENTRIESREAD 3", entries[8]);
    }

    [Fact]
    public async Task Replaying_the_journal_rebuilds_the_same_stream_and_groups()
    {
        var journal = new CapturingJournal();
        await using var node = StartRecording(journal);
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var key = NewKey();
        for (var i = 0; i < 30; i++) client.Execute("XADD", key, "MAXLEN", "~", "10", "*", "n", i.ToString());
        client.Execute("XGROUP", "CREATE", key, "g", "0");
        client.Execute("XGROUP", "CREATE", key, "h", "$");
        client.Execute("XREADGROUP", "GROUP", "g", "alice", "COUNT", "5", "STREAMS", key, ">");
        client.Execute("XREADGROUP", "GROUP", "g", "bob", "NOACK", "COUNT", "3", "STREAMS", key, ">");
        client.Execute("XREADGROUP", "GROUP", "g", "carol", "BLOCK", "10", "STREAMS", key, "0");
        var pending = client.Execute("XPENDING", key, "g", "-", "+", "10").Items!;
        client.Execute("XDEL", key, pending[1].Items![0].Text!);
        client.Execute("XACK", key, "g", pending[2].Items![0].Text!);
        client.Execute("XCLAIM", key, "g", "dave", "0", pending[3].Items![0].Text!, "RETRYCOUNT", "9");
        client.Execute("XAUTOCLAIM", key, "g", "erin", "0", "-", "COUNT", "2");
        client.Execute("XTRIM", key, "MINID", "~", pending[0].Items![0].Text!);
        client.Execute("XSETID", key, "99999999999999-0");
        client.Execute("XGROUP", "CREATECONSUMER", key, "h", "frank");

        await using var replica = StartRecording(new CapturingJournal());
        using var replay = ServerFixture.Connect(replica.EndPoint.Port);
        foreach (var command in ArgumentsFor(journal, key))
        {
            var reply = replay.Execute(command);
            Assert.False(reply.IsError, $"{Encoding.UTF8.GetString(command[0])} failed on replay: {reply}");
        }

        string Snapshot(RespClient c) =>
            string.Join("\n", c.Execute("XRANGE", key, "-", "+").ToString(), Without(c.Execute("XINFO", "STREAM", key), "first-entry", "last-entry"),
                c.Execute("XINFO", "GROUPS", key).ToString(), c.Execute("XPENDING", key, "g").ToString(),
                string.Join(",", c.Execute("XPENDING", key, "g", "-", "+", "100").Items!.Select(p => $"{p.Items![0].Text}/{p.Items[1].Text}/{p.Items[3].Integer}")),
                string.Join(",", c.Execute("XINFO", "CONSUMERS", key, "g").Items!.Select(m => $"{m.Items![1].Text}/{m.Items[3].Integer}")),
                string.Join(",", c.Execute("XINFO", "CONSUMERS", key, "h").Items!.Select(m => m.Items![1].Text)));

        Assert.Equal(Snapshot(client), Snapshot(replay));
    }

    private static string Without(RespValue map, params string[] fields)
    {
        var items = map.Items!;
        var kept = new StringBuilder();
        for (var i = 0; i < items.Count; i += 2)
        {
            if (!fields.Contains(items[i].Text)) kept.Append(items[i].Text).Append('=').Append(items[i + 1]).Append(';');
        }

        return kept.ToString();
    }

    private static ServerNode StartRecording(CapturingJournal journal) =>
        ServerNode.Start(NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 2 }"), _ => journal, new StandaloneRouter());

    /// <summary>The journaled commands naming <paramref name="key"/> as their key, as raw arguments.</summary>
    private static List<byte[][]> ArgumentsFor(CapturingJournal journal, string key)
    {
        var name = Encoding.UTF8.GetBytes(key);
        return journal.Entries.Where(e => e.Arguments.Any(a => a.AsSpan().SequenceEqual(name))).Select(e => e.Arguments).ToList();
    }

    /// <summary>Waits (bounded) for at least <paramref name="count"/> entries about <paramref name="key"/>, then returns them as text.</summary>
    private static List<string> WaitFor(CapturingJournal journal, string key, int count)
    {
        Eventually(() => ArgumentsFor(journal, key).Count >= count);
        return ArgumentsFor(journal, key).Select(a => string.Join(" ", a.Select(Encoding.UTF8.GetString))).ToList();
    }
}
