using System.Buffers;
using System.Net.Sockets;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Storage;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Protocol;

/// <summary>
/// Mirrors Redis's tests/unit/protocol.tcl: framing across arbitrary read boundaries, big pipelines, inline
/// commands, every protocol error with Redis's exact text followed by the close, and RESP3 after HELLO 3.
/// </summary>
public sealed class ProtocolTests(ServerFixture server, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    // ---------------------------------------------------------------------------------------------
    // Split frames
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Pipeline_sent_one_byte_at_a_time_gets_the_same_replies_as_in_one_write()
    {
        var (request, count) = SplitPipeline("split:bytes", bigValueLength: 2000);
        var reference = Run(request, count, _ => request.Length);
        var split = Run(request, count, _ => 1);
        AssertSameBytes(reference, split);
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 64)]
    [InlineData(3, 1500)]
    [InlineData(4, 20000)]
    public void Pipeline_sent_in_random_chunks_gets_the_same_replies_as_in_one_write(int seed, int maxChunk)
    {
        var (request, count) = SplitPipeline("split:chunks" + seed, bigValueLength: 40_000);
        var reference = Run(request, count, _ => request.Length);
        var random = new Random(seed);
        var split = Run(request, count, _ => random.Next(1, maxChunk + 1));
        AssertSameBytes(reference, split);
    }

    /// <summary>Sends <paramref name="request"/> in pieces of the given sizes on a new connection; returns exactly <paramref name="replies"/> replies' bytes.</summary>
    private byte[] Run(byte[] request, int replies, Func<int, int> chunkSize)
    {
        using var socket = server.RawSocket();
        var sender = Task.Run(() =>
        {
            var offset = 0;
            while (offset < request.Length)
            {
                var n = Math.Min(chunkSize(offset), request.Length - offset);
                SendAll(socket, request.AsSpan(offset, n));
                offset += n;
            }
        });
        var bytes = ReadReplies(socket, replies, ReadTimeout, out var values);
        Assert.True(sender.Wait(ReadTimeout), "sending the pipeline did not finish");
        Assert.Equal(replies, values.Count);
        return bytes;
    }

    /// <summary>A pipeline whose replies are the same on every run: it starts by deleting its keys.</summary>
    private static (byte[] Request, int Replies) SplitPipeline(string prefix, int bigValueLength)
    {
        var a = KeyOnShard(prefix + ":a", 0);
        var b = KeyOnShard(prefix + ":b", 1);
        var n = prefix + ":n";
        var big = prefix + ":big";
        var random = new Random(42);
        var bigValue = new byte[bigValueLength];
        random.NextBytes(bigValue);
        var binary = Encoding.ASCII.GetBytes("x\r\n$5\r\n*1\r\n\0\u0001end");
        var request = new RequestBuilder()
            .Command("DEL", a, b, n, big)
            .Command("SET", a, "hello")
            .Command("GET", a)
            .Command("APPEND", a, " world")
            .Command("INCR", n)
            .Command("INCR", n)
            .Command("INCRBY", n, "40")
            .Command("MSET", a, "1", b, "2")
            .Command("MGET", a, b, prefix + ":missing")
            .Command(Encoding.ASCII.GetBytes("ECHO"), binary)
            .Inline("PING")
            .Inline("ECHO \"quoted \\x41 value\"")
            .Inline("")
            .Command(Encoding.ASCII.GetBytes("SET"), Encoding.ASCII.GetBytes(big), bigValue)
            .Command("STRLEN", big)
            .Command("GET", big)
            .Command("EXISTS", a, b, big, prefix + ":missing")
            .Command("PING", "with argument")
            .Command("NOSUCHCOMMAND", "x")
            .Command("GET")
            .Command("DEL", a, b, n, big);
        return (request.ToArray(), request.Count);
    }

    // ---------------------------------------------------------------------------------------------
    // Big pipelines
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Ten_thousand_commands_in_one_write_reply_in_order()
    {
        var c0 = KeyOnShard("pipe:c0", 0);
        var c1 = KeyOnShard("pipe:c1", 1);
        var m0 = KeyOnShard("pipe:m0", 0);
        var m1 = KeyOnShard("pipe:m1", 1);
        using (var client = server.Client())
        {
            client.Execute("DEL", c0, c1, m0, m1);
        }

        const int Commands = 10_000;
        var request = new RequestBuilder();
        var expected = new List<string>(Commands);
        long n0 = 0, n1 = 0;
        string? last = null;
        for (var i = 0; i < Commands; i++)
        {
            switch (i % 4)
            {
                case 0:
                    request.Command("INCR", c0);
                    expected.Add($"(integer) {++n0}");
                    break;
                case 1:
                    request.Command("INCR", c1);
                    expected.Add($"(integer) {++n1}");
                    break;
                case 2:
                    request.Command("ECHO", "e" + i);
                    expected.Add("e" + i);
                    break;
                default:
                    if (i % 400 == 3)
                    {
                        // A cross-shard command in the middle of the pipeline: it must neither overtake nor be overtaken.
                        request.Command("MSET", m0, "v" + i, m1, "v" + i);
                        expected.Add("OK");
                        last = "v" + i;
                    }
                    else
                    {
                        request.Command("GET", m1);
                        expected.Add(last ?? "(nil)");
                    }

                    break;
            }
        }

        var bytes = request.ToArray();
        using var socket = server.RawSocket();
        var sender = Task.Run(() => SendAll(socket, bytes));
        ReadReplies(socket, Commands, TimeSpan.FromSeconds(30), out var replies);
        Assert.True(sender.Wait(ReadTimeout));
        Assert.Equal(Commands, replies.Count);
        for (var i = 0; i < Commands; i++)
        {
            if (expected[i] != replies[i].ToString())
            {
                Assert.Fail($"reply {i} of {Commands}: expected '{expected[i]}', got '{replies[i]}'");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Inline commands
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Inline_ping_replies_pong()
    {
        using var socket = server.RawSocket();
        Assert.Equal("+PONG\r\n", ServerFixture.Exchange(socket, "PING\r\n", "+PONG\r\n".Length));
        Assert.Equal("+PONG\r\n", ServerFixture.Exchange(socket, "ping\n", "+PONG\r\n".Length));
    }

    [Fact]
    public void Inline_set_with_a_quoted_value_keeps_the_space()
    {
        using var socket = server.RawSocket();
        Assert.Equal("+OK\r\n", ServerFixture.Exchange(socket, "SET inline:quoted \"b c\"\r\n", 5));
        Assert.Equal("$3\r\nb c\r\n", ServerFixture.Exchange(socket, "GET inline:quoted\r\n", 9));
        using var client = server.Client();
        Assert.Equal("b c", client.Execute("GET", "inline:quoted").ToString());
    }

    [Fact]
    public void Inline_arguments_follow_redis_quoting_rules()
    {
        using var socket = server.RawSocket();
        // Double quotes take C escapes (\x41 is 'A', \t a tab); single quotes only \'.
        const string expected = "$5\r\naA\tb!\r\n$4\r\nit's\r\n$3\r\na b\r\n";
        var reply = ServerFixture.Exchange(socket, "ECHO \"a\\x41\\tb!\"\r\nECHO 'it\\'s'\r\nECHO   \"a b\"   \r\n", expected.Length);
        Assert.Equal(expected, reply);
    }

    [Fact]
    public void Empty_lines_and_empty_multibulks_are_ignored()
    {
        using var socket = server.RawSocket();
        // Blank inline lines, a line of spaces, "*0" and "*-1" produce no reply at all (Redis resets and reads on).
        const string expected = "+PONG\r\n$1\r\nx\r\n";
        var reply = ServerFixture.Exchange(socket, "\r\n\r\n\n   \r\n*0\r\n*-1\r\nPING\r\n\r\n*2\r\n$4\r\nECHO\r\n$1\r\nx\r\n", expected.Length + 1, timeoutMs: 1000);
        Assert.Equal(expected, reply);
        Assert.Equal("+PONG\r\n", ServerFixture.Exchange(socket, "PING\r\n", 7));
    }

    [Fact]
    public void Inline_and_multibulk_requests_mix_in_one_pipeline()
    {
        using var socket = server.RawSocket();
        const string expected = "+OK\r\n$2\r\nv1\r\n+PONG\r\n:1\r\n";
        var reply = ServerFixture.Exchange(
            socket,
            "SET inline:mix v1\r\n*2\r\n$3\r\nGET\r\n$10\r\ninline:mix\r\nPING\r\nEXISTS inline:mix\r\n",
            expected.Length);
        Assert.Equal(expected, reply);
    }

    // ---------------------------------------------------------------------------------------------
    // Protocol errors: Redis's exact text, then the connection closes
    // ---------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> ProtocolErrorCases() => new()
    {
        { "non-numeric multibulk count", "*abc\r\n", ProtocolErrors.InvalidMultibulkLength },
        { "multibulk count over INT_MAX", "*3000000000\r\n", ProtocolErrors.InvalidMultibulkLength },
        { "multibulk count with trailing garbage", "*1x\r\n", ProtocolErrors.InvalidMultibulkLength },
        { "bulk header without '$'", "*1\r\nfoo\r\n", "ERR Protocol error: expected '$', got 'f'" },
        { "third argument without '$' (protocol.tcl)", "*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n", "ERR Protocol error: expected '$', got 'f'" },
        { "negative bulk length", "*1\r\n$-5\r\n", ProtocolErrors.InvalidBulkLength },
        { "non-numeric bulk length", "*3\r\n$3\r\nSET\r\n$blabla\r\n", ProtocolErrors.InvalidBulkLength },
        { "bulk length over proto-max-bulk-len (512mb + 1)", "*1\r\n$536870913\r\n", ProtocolErrors.InvalidBulkLength },
        { "bulk length of 2 billion (protocol.tcl)", "*3\r\n$3\r\nSET\r\n$2000000000\r\n", ProtocolErrors.InvalidBulkLength },
        { "unbalanced double quote", "SET a \"b\r\n", ProtocolErrors.UnbalancedQuotes },
        { "unbalanced single quote", "SET a 'b\r\n", ProtocolErrors.UnbalancedQuotes },
        { "closing quote not followed by a space", "ECHO \"a\"b\r\n", ProtocolErrors.UnbalancedQuotes },
    };

    [Theory]
    [MemberData(nameof(ProtocolErrorCases))]
    public void Protocol_error_replies_redis_text_then_closes(string name, string request, string error)
    {
        output.WriteLine($"{name}: {Escape(request)}");
        using var socket = server.RawSocket();
        var (received, closed) = SendAndReadUntilClosed(socket, Encoding.ASCII.GetBytes(request), TimeSpan.FromSeconds(5));
        Assert.Equal("-" + error + "\r\n", received);
        Assert.True(closed, "the server kept the connection open after a protocol error");
    }

    [Fact]
    public void Too_big_inline_request_is_refused_and_closed()
    {
        // PROTO_INLINE_MAX_SIZE is 64 KB: one byte more without a newline is refused.
        var request = Enumerable.Repeat((byte)'a', (64 * 1024) + 1).ToArray();
        using var socket = server.RawSocket();
        var (received, closed) = SendAndReadUntilClosed(socket, request, TimeSpan.FromSeconds(5));
        Assert.Equal("-" + ProtocolErrors.TooBigInlineRequest + "\r\n", received);
        Assert.True(closed);
    }

    [Fact]
    public void Too_big_multibulk_count_line_is_refused_and_closed()
    {
        var request = Encoding.ASCII.GetBytes("*" + new string('1', 64 * 1024));
        using var socket = server.RawSocket();
        var (received, closed) = SendAndReadUntilClosed(socket, request, TimeSpan.FromSeconds(5));
        Assert.Equal("-" + ProtocolErrors.TooBigMbulkCountString + "\r\n", received);
        Assert.True(closed);
    }

    [Fact]
    public void Too_big_bulk_count_line_is_refused_and_closed()
    {
        var request = Encoding.ASCII.GetBytes("*1\r\n$" + new string('1', 64 * 1024));
        using var socket = server.RawSocket();
        var (received, closed) = SendAndReadUntilClosed(socket, request, TimeSpan.FromSeconds(5));
        Assert.Equal("-" + ProtocolErrors.TooBigBulkCountString + "\r\n", received);
        Assert.True(closed);
    }

    [Fact]
    public void Commands_before_a_protocol_error_get_their_replies_first()
    {
        var key = KeyOnShard("protoerr:before", 1);
        var other = KeyOnShard("protoerr:other", 0);
        using (var client = server.Client())
        {
            client.Execute("DEL", key, other);
        }

        var request = new RequestBuilder()
            .Inline("PING")
            .Command("SET", key, "written")
            .Command("MSET", key, "written", other, "too")
            .Command("GET", key);
        var bytes = request.ToArray().Concat(Encoding.ASCII.GetBytes("*abc\r\n*1\r\n$4\r\nPING\r\n")).ToArray();
        using var socket = server.RawSocket();
        var (received, closed) = SendAndReadUntilClosed(socket, bytes, TimeSpan.FromSeconds(5));
        Assert.Equal("+PONG\r\n+OK\r\n+OK\r\n$7\r\nwritten\r\n-" + ProtocolErrors.InvalidMultibulkLength + "\r\n", received);
        Assert.True(closed);

        // The commands before the error really ran; the PING after it did not matter.
        using var check = server.Client();
        Assert.Equal("[written, too]", check.Execute("MGET", key, other).ToString());
    }

    [Fact]
    public async Task Bulk_of_exactly_proto_max_bulk_len_is_accepted_one_byte_more_is_refused()
    {
        await using var node = ServerFixture.Start("akkakv.server.proto-max-bulk-len = 1mb");
        var limit = 1024 * 1024;
        var payload = new byte[limit];
        new Random(7).NextBytes(payload);
        using (var client = ServerFixture.Connect(node.EndPoint.Port))
        {
            var echoed = client.Execute(Encoding.ASCII.GetBytes("ECHO"), payload);
            Assert.Equal(RespType.BulkString, echoed.Type);
            Assert.Equal(payload, echoed.Bytes);
        }

        using var socket = Connect(node.EndPoint.Port);
        var (received, closed) = SendAndReadUntilClosed(socket, Encoding.ASCII.GetBytes($"*2\r\n$4\r\nECHO\r\n${limit + 1}\r\n"), TimeSpan.FromSeconds(5));
        Assert.Equal("-" + ProtocolErrors.InvalidBulkLength + "\r\n", received);
        Assert.True(closed);
    }

    [Fact]
    public async Task Client_query_buffer_limit_closes_a_connection_that_sends_more_unparsed_input()
    {
        await using var node = ServerFixture.Start("akkakv.server.client-query-buffer-limit = 1mb");
        using var socket = Connect(node.EndPoint.Port);
        using var bystander = ServerFixture.Connect(node.EndPoint.Port);
        Assert.Equal("PONG", bystander.Execute("PING").ToString());

        // A 3 MB bulk is announced but only 2 MB of it sent: the request never completes, the buffer passes 1 MB.
        var header = Encoding.ASCII.GetBytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n");
        var body = new byte[2 * 1024 * 1024];
        new Random(3).NextBytes(body);
        var (received, closed) = SendAndReadUntilClosed(socket, header.Concat(body).ToArray(), TimeSpan.FromSeconds(10));
        Assert.True(closed, "the server kept a client whose query buffer passed client-query-buffer-limit");
        Assert.Equal("", received); // Redis closes without a reply ("closing client that reached max query buffer length").
        Assert.Equal("PONG", bystander.Execute("PING").ToString());
        Assert.Equal("(nil)", bystander.Execute("GET", "k").ToString());
    }

    // ---------------------------------------------------------------------------------------------
    // RESP3
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Hello_3_switches_the_connection_to_resp3_types()
    {
        var key = KeyOnShard("resp3:k", 0);
        var other = KeyOnShard("resp3:o", 1);
        using var client = server.Client();
        client.Execute("DEL", key, other);

        var hello = client.Execute("HELLO", "3");
        Assert.Equal(RespType.Map, hello.Type);
        var fields = ToDictionary(hello);
        Assert.Equal("redis", fields["server"].ToString());
        Assert.Equal(RespType.Integer, fields["proto"].Type);
        Assert.Equal(3, fields["proto"].Integer);
        Assert.Equal(RespType.Integer, fields["id"].Type);
        Assert.Equal("standalone", fields["mode"].ToString());
        Assert.Equal("master", fields["role"].ToString());
        Assert.Equal(RespType.Array, fields["modules"].Type);

        // Byte-exact replies on a raw socket switched to RESP3 as well.
        using var socket = server.RawSocket();
        var helloBytes = ReadRaw(socket, new RequestBuilder().Command("HELLO", "3").ToArray(), 1);
        Assert.StartsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n", Encoding.ASCII.GetString(helloBytes));
        Assert.Equal("_\r\n", Encoding.ASCII.GetString(ReadRaw(socket, new RequestBuilder().Command("GET", key).ToArray(), 1)));
        Assert.Equal(
            "*3\r\n_\r\n$1\r\nv\r\n_\r\n",
            Encoding.ASCII.GetString(ReadRaw(socket, new RequestBuilder().Command("SET", other, "v").Command("MGET", key, other, key).ToArray(), 2)).Substring(5));
        Assert.Equal(
            "%1\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n",
            Encoding.ASCII.GetString(ReadRaw(socket, new RequestBuilder().Command("CONFIG", "GET", "maxclients").ToArray(), 1)));
        var info = Encoding.ASCII.GetString(ReadRaw(socket, new RequestBuilder().Command("INFO", "server").ToArray(), 1));
        Assert.StartsWith("=", info);
        Assert.Contains("\r\ntxt:# Server\r\n", info);

        // Parsed: null, verbatim text and a map.
        Assert.Equal(RespType.Null, client.Execute("GET", key).Type);
        Assert.Equal(RespType.Map, client.Execute("CONFIG", "GET", "maxclients").Type);
        Assert.Equal(RespType.Verbatim, client.Execute("INFO", "server").Type);
        Assert.Equal(RespType.Integer, client.Execute("EXISTS", other).Type);

        // Back to RESP2: the same commands reply with RESP2 types.
        Assert.Equal(RespType.Array, client.Execute("HELLO", "2").Type);
        Assert.EndsWith("\r\n$-1\r\n", Encoding.ASCII.GetString(ReadRaw(socket, new RequestBuilder().Command("HELLO", "2").Command("GET", key).ToArray(), 2)));
        Assert.Equal(RespType.Null, client.Execute("GET", key).Type);
        Assert.Equal(RespType.Array, client.Execute("CONFIG", "GET", "maxclients").Type);
        Assert.Equal(RespType.BulkString, client.Execute("INFO", "server").Type);
    }

    [Fact]
    public void Hello_with_an_unsupported_version_is_refused_and_keeps_resp2()
    {
        using var socket = server.RawSocket();
        const string expected = "-NOPROTO unsupported protocol version\r\n$-1\r\n";
        var reply = ServerFixture.Exchange(socket, "HELLO 4\r\nGET resp3:never-set\r\n", expected.Length);
        Assert.Equal(expected, reply);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static Dictionary<string, RespValue> ToDictionary(RespValue map)
    {
        var items = map.Items ?? [];
        var result = new Dictionary<string, RespValue>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            result[items[i].ToString()] = items[i + 1];
        }

        return result;
    }

    private static byte[] ReadRaw(Socket socket, byte[] request, int replies)
    {
        SendAll(socket, request);
        return ReadReplies(socket, replies, ReadTimeout, out _);
    }

    /// <summary>The first key named <paramref name="prefix"/>, <paramref name="prefix"/>.1, ... that lives on <paramref name="shard"/> of the fixture's 2.</summary>
    private static string KeyOnShard(string prefix, int shard)
    {
        for (var i = 0; ; i++)
        {
            var key = i == 0 ? prefix : $"{prefix}.{i}";
            if (HashSlot.Of(Encoding.UTF8.GetBytes(key)) * 2 / HashSlot.Count == shard)
            {
                return key;
            }
        }
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect("127.0.0.1", port);
        return socket;
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = socket.Send(bytes);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Reads until <paramref name="count"/> whole replies arrived; returns their bytes. Fails on timeout or close.</summary>
    private static byte[] ReadReplies(Socket socket, int count, TimeSpan timeout, out List<RespValue> replies)
    {
        replies = new List<RespValue>(count);
        var received = new List<byte>();
        var buffer = new byte[64 * 1024];
        var parsed = 0;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (replies.Count < count)
        {
            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0)
            {
                Assert.Fail($"only {replies.Count} of {count} replies within {timeout}");
            }

            if (!socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
            {
                continue;
            }

            var n = socket.Receive(buffer);
            if (n == 0)
            {
                Assert.Fail($"the server closed the connection after {replies.Count} of {count} replies");
            }

            received.AddRange(buffer.AsSpan(0, n));
            var sequence = new ReadOnlySequence<byte>(received.ToArray(), parsed, received.Count - parsed);
            while (replies.Count < count && RespReader.TryRead(ref sequence, out var reply))
            {
                replies.Add(reply!);
                parsed = received.Count - (int)sequence.Length;
            }
        }

        Assert.Equal(received.Count, parsed); // nothing beyond the expected replies
        return received.ToArray();
    }

    /// <summary>Sends, then reads everything until the server closes the connection or the timeout passes.</summary>
    private static (string Received, bool Closed) SendAndReadUntilClosed(Socket socket, byte[] request, TimeSpan timeout)
    {
        var sender = Task.Run(() =>
        {
            try
            {
                SendAll(socket, request);
            }
            catch (SocketException)
            {
                // The server may close before it has read everything: that is the point of these tests.
            }
        });
        var received = new List<byte>();
        var buffer = new byte[64 * 1024];
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var closed = false;
        while (!closed)
        {
            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
            {
                break;
            }

            try
            {
                var n = socket.Receive(buffer);
                if (n == 0)
                {
                    closed = true;
                }
                else
                {
                    received.AddRange(buffer.AsSpan(0, n));
                }
            }
            catch (SocketException)
            {
                closed = true;
            }
        }

        sender.Wait(timeout);
        return (Encoding.ASCII.GetString(received.ToArray()), closed);
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }

        var at = expected.AsSpan().CommonPrefixLength(actual);
        Assert.Fail($"replies differ at byte {at} (lengths {expected.Length} and {actual.Length}): expected '{Excerpt(expected, at)}', got '{Excerpt(actual, at)}'");
    }

    private static string Excerpt(byte[] bytes, int at) =>
        Escape(Encoding.ASCII.GetString(bytes, Math.Max(0, at - 20), Math.Min(bytes.Length, at + 40) - Math.Max(0, at - 20)));

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Builds a pipeline of RESP multibulk requests and inline lines, counting the replies it will get.</summary>
    private sealed class RequestBuilder
    {
        private readonly List<byte> _bytes = [];

        public int Count { get; private set; }

        public RequestBuilder Command(params string[] args) => Command(args.Select(Encoding.UTF8.GetBytes).ToArray());

        public RequestBuilder Command(params byte[][] args)
        {
            _bytes.AddRange(Encoding.ASCII.GetBytes($"*{args.Length}\r\n"));
            foreach (var arg in args)
            {
                _bytes.AddRange(Encoding.ASCII.GetBytes($"${arg.Length}\r\n"));
                _bytes.AddRange(arg);
                _bytes.AddRange("\r\n"u8.ToArray());
            }

            Count++;
            return this;
        }

        /// <summary>An inline line; an empty one gets no reply.</summary>
        public RequestBuilder Inline(string line)
        {
            _bytes.AddRange(Encoding.ASCII.GetBytes(line + "\r\n"));
            if (line.Trim().Length > 0)
            {
                Count++;
            }

            return this;
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
