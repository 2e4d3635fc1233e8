using System.Net.Sockets;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Shared helpers for the command tests: clients speaking RESP2 or RESP3, unique key names (the server is shared by
/// the tests of one class), assertions on reply types and texts, and raw-socket exchanges for byte-exact checks.
/// </summary>
public abstract class CommandTestBase(ServerFixture server)
{
    private static int _nextKey;

    protected ServerFixture Server => server;

    /// <summary>A client that speaks <paramref name="protocol"/> (it sent HELLO 3 when 3).</summary>
    protected RespClient Connect(int protocol = 2)
    {
        var client = server.Client();
        if (protocol == 3)
        {
            var hello = client.Execute("HELLO", "3");
            Assert.Equal(RespType.Map, hello.Type);
        }
        return client;
    }

    /// <summary>A key name no other test uses.</summary>
    protected string NewKey(string name = "key") =>
        $"{GetType().Name}:{Interlocked.Increment(ref _nextKey)}:{name}";

    /// <summary>Two fresh key names owned by different shards of the fixture's node.</summary>
    protected (string First, string Second) KeysOnDifferentShards(string name = "key")
    {
        var shards = server.Node.State.Shards;
        var first = NewKey(name);
        var firstShard = shards.ShardOf(Encoding.UTF8.GetBytes(first));
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var second = NewKey(name);
            if (shards.ShardOf(Encoding.UTF8.GetBytes(second)) != firstShard) return (first, second);
        }
        throw new InvalidOperationException("no two keys on different shards found");
    }

    /// <summary>Sends <paramref name="request"/> on a fresh raw socket and returns exactly what came back.</summary>
    protected string RawExchange(string request, int expectedLength, int protocol = 2)
    {
        using var socket = server.RawSocket();
        if (protocol == 3) SwitchToResp3(socket);
        return ServerFixture.Exchange(socket, request, expectedLength, 2000);
    }

    /// <summary>Asserts that <paramref name="request"/>, sent on a fresh raw socket, is answered by exactly <paramref name="expected"/>.</summary>
    protected void AssertRawReply(string expected, string request, int protocol = 2) =>
        Assert.Equal(expected, RawExchange(request, expected.Length, protocol));

    /// <summary>Sends HELLO 3 on a raw socket and reads its whole reply, so the next reply starts clean.</summary>
    protected static void SwitchToResp3(Socket socket)
    {
        const string Marker = "$15\r\nhello-3-is-done\r\n";
        socket.Send(Encoding.UTF8.GetBytes(Command("HELLO", "3") + Command("ECHO", "hello-3-is-done")));
        ReadUntil(socket, Marker);
    }

    /// <summary>Reads until the received text ends with <paramref name="terminator"/> (or the timeout passes).</summary>
    protected static string ReadUntil(Socket socket, string terminator, int timeoutMs = 5000) =>
        ServerFixture.ReadUntil(socket, terminator, timeoutMs);

    /// <summary>A request as a RESP array of bulk strings.</summary>
    protected static string Command(params string[] args)
    {
        var text = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args) text.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        return text.ToString();
    }

    protected static void AssertOk(RespValue reply)
    {
        Assert.True(reply.Type == RespType.SimpleString && reply.Text == "OK", $"expected OK, got {reply}");
    }

    protected static void AssertError(string expected, RespValue reply)
    {
        Assert.True(reply.IsError, $"expected the error '{expected}', got {reply}");
        Assert.Equal(expected, reply.Text);
    }

    protected static void AssertErrorStartsWith(string prefix, RespValue reply)
    {
        Assert.True(reply.IsError, $"expected an error starting with '{prefix}', got {reply}");
        Assert.StartsWith(prefix, reply.Text, StringComparison.Ordinal);
    }

    protected static void AssertInteger(long expected, RespValue reply)
    {
        Assert.True(reply.Type == RespType.Integer, $"expected (integer) {expected}, got {reply}");
        Assert.Equal(expected, reply.Integer);
    }

    protected static void AssertBulk(string expected, RespValue reply)
    {
        Assert.True(reply.Type == RespType.BulkString, $"expected the bulk string '{expected}', got {reply}");
        Assert.Equal(expected, reply.Text);
    }

    protected static void AssertSimple(string expected, RespValue reply)
    {
        Assert.True(reply.Type == RespType.SimpleString, $"expected the simple string '{expected}', got {reply}");
        Assert.Equal(expected, reply.Text);
    }

    protected static void AssertNull(RespValue reply)
    {
        Assert.True(reply.IsNull, $"expected a null, got {reply}");
    }

    /// <summary>A text reply: a bulk string under RESP2, a verbatim "txt" string under RESP3 (INFO, CLIENT LIST...).</summary>
    protected static string AssertVerbatimText(RespValue reply, int protocol)
    {
        if (protocol == 3)
        {
            Assert.True(reply.Type == RespType.Verbatim, $"expected a verbatim string, got {reply.Type}");
            Assert.Equal("txt", reply.Format);
        }
        else
        {
            Assert.True(reply.Type == RespType.BulkString, $"expected a bulk string, got {reply.Type}");
        }
        return reply.Text!;
    }

    /// <summary>The items of an array reply as texts (null items as null).</summary>
    protected static string?[] Texts(RespValue reply)
    {
        Assert.True(reply.Type is RespType.Array or RespType.Set, $"expected an array, got {reply}");
        return reply.Items!.Select(i => i.IsNull ? null : i.Text).ToArray();
    }

    /// <summary>Asserts an array reply's items are the texts <paramref name="expected"/> (null for null items), in order.</summary>
    protected static void AssertTexts(IEnumerable<string?> expected, RespValue reply) => AssertTexts(expected, Texts(reply));

    protected static void AssertTexts(IEnumerable<string?> expected, IEnumerable<string?> actual) => Assert.Equal(expected, actual);

    /// <summary>
    /// A map reply: a RESP3 map, or under RESP2 a flat array of key, value pairs. Returns it as a dictionary of
    /// the keys' texts, asserting the keys are unique.
    /// </summary>
    protected static Dictionary<string, RespValue> AssertMap(RespValue reply, int protocol)
    {
        Assert.True(reply.Type == (protocol == 3 ? RespType.Map : RespType.Array), $"expected a {(protocol == 3 ? "map" : "flat array")}, got {reply}");
        var items = reply.Items!;
        Assert.True(items.Count % 2 == 0, "a map needs an even number of items");
        var map = new Dictionary<string, RespValue>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i += 2) map.Add(items[i].Text!, items[i + 1]);
        return map;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; false when it did not within the timeout.</summary>
    protected static bool Eventually(Func<bool> condition, int timeoutMs = 3000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            if (condition()) return true;
            Thread.Sleep(20);
        }
        return condition();
    }
}
