using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Fuzz;

/// <summary>
/// Throws at least 100,000 frames at a private node over several connections: valid commands from the command
/// table with random arguments, and mutated ones (bit flips, truncations, garbage, huge counts). Afterwards the
/// node must still answer, and keys written to db 15 beforehand (a database the fuzzer cannot reach) must be intact.
/// Oracles along the way: replies are always well-formed RESP, every valid frame gets exactly one reply, no reply
/// is "ERR internal error" (a handler threw), and a connection the client half-closes is closed by the server.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 0x5EED_2026;
    private const int Workers = 4;
    private const int FramesPerWorker = 25_500;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    /// <summary>
    /// Never generated, and no chunk is sent that holds one of these as a word (mutation or garbage could spell
    /// them): commands that could reach db 15 or the whole server (SELECT, FLUSHALL, SWAPDB, MOVE, COPY ... DB),
    /// stop it, change its config or users, or break the one-reply-per-request accounting (MONITOR, CLIENT REPLY,
    /// QUIT, MULTI, pub/sub, blocking ones). LCS is left out until the server bounds its transient table
    /// (LimitsTests.Lcs_refuses_a_transient_table_larger_than_proto_max_bulk_len): strings grown by APPEND and
    /// SETRANGE would make it allocate gigabytes.
    /// </summary>
    private static readonly string[] Forbidden =
    [
        "select", "flushall", "flushdb", "swapdb", "move", "copy", "shutdown", "debug", "config", "client", "monitor",
        "quit", "multi", "exec", "discard", "watch", "unwatch", "eval", "eval_ro", "evalsha", "evalsha_ro", "fcall",
        "fcall_ro", "function", "script", "acl", "module", "replicaof", "slaveof", "failover", "sync", "psync", "replconf",
        "save", "bgsave", "bgrewriteaof", "migrate", "cluster", "wait", "waitaof", "subscribe", "psubscribe",
        "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe", "publish", "spublish", "pubsub", "lcs",
    ];

    [Fact]
    public async Task Server_survives_random_and_mutated_frames_and_keeps_unreachable_data_intact()
    {
        output.WriteLine($"fuzz seed: {Seed} (workers {Workers}, {FramesPerWorker} frames each)");
        await using var node = ServerFixture.Start();
        var port = node.EndPoint.Port;
        var known = WriteKnownKeys(port);

        var commands = CommandTable.Default.Commands
            .Where(c => !IsForbidden(c.Name) && (c.Flags & (CommandFlags.Admin | CommandFlags.Blocking | CommandFlags.PubSub)) == 0)
            .ToArray();
        output.WriteLine($"fuzzing {commands.Length} commands: {string.Join(' ', commands.Select(c => c.Name))}");

        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers)
            .Select(w => Task.Factory.StartNew(() => new Worker(port, new Random(Seed + w), commands, failures, clock).Run(FramesPerWorker), TaskCreationOptions.LongRunning))
            .ToArray();
        var finished = Task.WaitAll(workers, Budget + TimeSpan.FromSeconds(20));
        var stats = workers.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToArray();
        output.WriteLine(
            $"{stats.Sum(s => s.Frames)} frames ({stats.Sum(s => s.Mutated)} mutated) in {stats.Sum(s => s.Chunks)} chunks over " +
            $"{stats.Sum(s => s.Connections)} connections in {clock.Elapsed.TotalSeconds:F1} s; {stats.Sum(s => s.Replies)} replies, " +
            $"{stats.Sum(s => s.ProtocolErrors)} protocol errors; time in valid chunks {stats.Sum(s => s.ValidMs)} ms, in mutated ones {stats.Sum(s => s.MutatedMs)} ms");
        foreach (var failure in failures.Take(20))
        {
            output.WriteLine("FAILURE: " + failure);
        }

        Assert.True(finished, "the fuzz workers did not finish in time");
        Assert.Equal(Workers, stats.Length);
        Assert.Empty(failures);
        Assert.True(stats.Sum(s => s.Frames) >= 100_000, $"only {stats.Sum(s => s.Frames)} frames within {Budget}");

        // The node still answers a newcomer, and db 15 is exactly what was written before.
        using var client = ServerFixture.Connect(port);
        Assert.Equal("PONG", client.Execute("PING").ToString());
        Assert.Equal("OK", client.Execute("SELECT", "15").ToString());
        Assert.Equal(known.Values.Count, client.Execute("DBSIZE").Integer);
        foreach (var (key, (value, digest)) in known)
        {
            var reply = client.Execute(Encoding.UTF8.GetBytes("GET"), Encoding.UTF8.GetBytes(key));
            Assert.True(value.AsSpan().SequenceEqual(reply.Bytes), $"db 15 key {key} changed: now {reply}");
            Assert.Equal(digest, client.Execute("DEBUG", "DIGEST-VALUE", key).Items![0].ToString());
        }

        var deadline = Environment.TickCount64 + 5000;
        while (ConnectedClients(client) != 1 && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.Equal(1, ConnectedClients(client));
    }

    private static bool IsForbidden(string name) => Forbidden.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a forbidden name occurs in the bytes as a word of its own (not inside SMOVE or GETKEYS, say).</summary>
    private static bool HoldsForbiddenWord(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        foreach (var word in Forbidden)
        {
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var before = at == 0 ? ' ' : text[at - 1];
                var after = at + word.Length == text.Length ? ' ' : text[at + word.Length];
                if (!IsWordChar(before) && !IsWordChar(after))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '|' or '-';

    private static Dictionary<string, (byte[] Value, string Digest)> WriteKnownKeys(int port)
    {
        var random = new Random(Seed);
        using var client = ServerFixture.Connect(port);
        Assert.Equal("OK", client.Execute("SELECT", "15").ToString());
        var known = new Dictionary<string, (byte[], string)>();
        for (var i = 0; i < 64; i++)
        {
            var key = $"fuzz:known:{i}";
            var value = new byte[i == 0 ? 20_000 : random.Next(0, 200)];
            random.NextBytes(value);
            Assert.Equal("OK", client.Execute(Encoding.UTF8.GetBytes("SET"), Encoding.UTF8.GetBytes(key), value).ToString());
            known[key] = (value, "");
        }

        Assert.Equal(1, client.Execute("EXPIRE", "fuzz:known:1", "100000").Integer);
        foreach (var key in known.Keys.ToArray())
        {
            known[key] = (known[key].Item1, client.Execute("DEBUG", "DIGEST-VALUE", key).Items![0].ToString());
        }

        return known;
    }

    private static long ConnectedClients(RespClient client) => InfoFields.Integer(client, "clients", "connected_clients");

    private sealed record WorkerStats(long Frames, long Mutated, long Chunks, long Connections, long Replies, long ProtocolErrors, long ValidMs, long MutatedMs);

    /// <summary>One fuzzing connection at a time: sends chunks of frames, checks the replies, reconnects after closes.</summary>
    private sealed class Worker(int port, Random random, CommandDefinition[] commands, ConcurrentQueue<string> failures, Stopwatch clock)
    {
        private static readonly TimeSpan ChunkTimeout = TimeSpan.FromSeconds(15);
        private readonly Random _random = random;
        private readonly FrameGenerator _generator = new(random, commands);
        private Socket? _socket;
        private long _frames;
        private long _mutated;
        private long _chunks;
        private long _connections;
        private long _replies;
        private long _protocolErrors;
        private int _sentinels;
        private long _validMs;
        private long _mutatedMs;

        public WorkerStats Run(int frames)
        {
            try
            {
                while (_frames < frames && clock.Elapsed < Budget && failures.Count < 20)
                {
                    RunChunk();
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"worker crashed: {e}");
            }
            finally
            {
                _socket?.Dispose();
            }

            return new WorkerStats(_frames, _mutated, _chunks, _connections, _replies, _protocolErrors, _validMs, _mutatedMs);
        }

        private void RunChunk()
        {
            // Valid chunks are long pipelines on a kept connection; mutated ones are short, end with a mutation
            // (so most of their frames run before a protocol error closes the connection) and use a new connection.
            var mutatedChunk = _random.NextDouble() < 0.4;
            var count = mutatedChunk ? _random.Next(1, 30) : _random.Next(20, 200);
            var frames = new List<(byte[] Bytes, string Description, bool Valid)>(count);
            for (var i = 0; i < count; i++)
            {
                var mutate = mutatedChunk && (i == count - 1 || _random.NextDouble() < 0.3);
                frames.Add(_generator.Next(mutate));
            }

            var bytes = frames.SelectMany(f => f.Bytes).ToArray();
            if (HoldsForbiddenWord(bytes))
            {
                return; // astronomically rare; skipping keeps the run deterministic
            }

            _chunks++;
            _frames += count;
            _mutated += frames.Count(f => !f.Valid);
            if (_socket is null)
            {
                _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                _socket.Connect("127.0.0.1", port);
                _connections++;
            }

            var started = Environment.TickCount64;
            if (frames.All(f => f.Valid))
            {
                RunValidChunk(bytes, frames);
                _validMs += Environment.TickCount64 - started;
            }
            else
            {
                RunMutatedChunk(bytes);
                _mutatedMs += Environment.TickCount64 - started;
            }
        }

        /// <summary>Valid frames then a sentinel ECHO: exactly one reply per frame, then the sentinel.</summary>
        private void RunValidChunk(byte[] bytes, List<(byte[] Bytes, string Description, bool Valid)> frames)
        {
            var sentinel = $"fuzz-sentinel-{_sentinels++}";
            var request = bytes.Concat(Encoding.ASCII.GetBytes($"*2\r\n$4\r\nECHO\r\n${sentinel.Length}\r\n{sentinel}\r\n")).ToArray();
            var socket = _socket!;
            var sender = Task.Run(() => SendQuietly(socket, request));
            var replies = new List<RespValue>(frames.Count + 1);
            var (closed, malformed) = Read(socket, replies, stopAt: v => v.Type is RespType.BulkString && v.Text == sentinel);
            sender.Wait(ChunkTimeout);
            _replies += replies.Count;
            if (malformed is not null)
            {
                failures.Enqueue($"malformed reply after valid frames: {malformed}");
                Reconnect();
                return;
            }

            for (var i = 0; i < Math.Min(frames.Count, replies.Count); i++)
            {
                CheckReply(replies[i], frames[i].Description);
            }

            if (closed || replies.Count != frames.Count + 1 || replies[^1].Text != sentinel)
            {
                var answered = Math.Min(replies.Count, frames.Count);
                failures.Enqueue($"{frames.Count} valid frames got {replies.Count} replies and no sentinel within {ChunkTimeout} (closed: {closed}); " +
                                 $"first unanswered frame: {(answered < frames.Count ? frames[answered].Description : "(none)")}; " +
                                 $"last reply: {Shorten(replies.Count > 0 ? replies[^1].ToString() : "(none)")}");
                Reconnect();
            }
        }

        /// <summary>Frames with mutations: send, half-close, and read until the server closes; replies must stay well-formed.</summary>
        private void RunMutatedChunk(byte[] bytes)
        {
            var socket = _socket!;
            var sender = Task.Run(() =>
            {
                SendQuietly(socket, bytes);
                try
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
                catch (SocketException)
                {
                    // Already closed by the server.
                }
            });
            var replies = new List<RespValue>();
            var (closed, malformed) = Read(socket, replies, stopAt: null);
            sender.Wait(ChunkTimeout);
            _replies += replies.Count;
            foreach (var reply in replies)
            {
                CheckReply(reply, "(a chunk with mutated frames)");
            }

            if (malformed is not null)
            {
                failures.Enqueue($"malformed reply after mutated frames: {malformed}");
            }
            else if (!closed)
            {
                failures.Enqueue($"the server did not close a half-closed connection within {ChunkTimeout} ({replies.Count} replies read)");
            }

            Reconnect();
        }

        private void CheckReply(RespValue reply, string frame)
        {
            if (!reply.IsError)
            {
                return;
            }

            var text = reply.Text ?? "";
            if (text.StartsWith("ERR Protocol error", StringComparison.Ordinal))
            {
                _protocolErrors++;
                if (frame[0] != '(')
                {
                    failures.Enqueue($"a valid frame got a protocol error: {Shorten(frame)} -> {text}");
                }
            }
            else if (text.Contains("internal error", StringComparison.OrdinalIgnoreCase))
            {
                failures.Enqueue($"a handler threw: {Shorten(frame)} -> {text}");
            }
        }

        private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"... ({text.Length} chars)";

        private void Reconnect()
        {
            _socket?.Dispose();
            _socket = null;
        }

        /// <summary>Reads and parses replies until <paramref name="stopAt"/> matches one, the server closes, or the chunk timeout.</summary>
        private static (bool Closed, string? Malformed) Read(Socket socket, List<RespValue> replies, Func<RespValue, bool>? stopAt)
        {
            var buffer = new byte[1024 * 1024];
            var pending = new ArrayBufferWriter<byte>();
            var deadline = Environment.TickCount64 + (long)ChunkTimeout.TotalMilliseconds;
            while (true)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
                {
                    return (false, null);
                }

                int n;
                try
                {
                    n = socket.Receive(buffer);
                }
                catch (SocketException)
                {
                    n = 0;
                }

                if (n == 0)
                {
                    return (true, null);
                }

                pending.Write(buffer.AsSpan(0, n));
                var sequence = new ReadOnlySequence<byte>(pending.WrittenMemory);
                try
                {
                    while (RespReader.TryRead(ref sequence, out var reply))
                    {
                        replies.Add(reply!);
                        if (stopAt is not null && stopAt(reply!))
                        {
                            return (false, null);
                        }
                    }
                }
                catch (RespFormatException e)
                {
                    return (false, $"{e.Message} in '{Encoding.ASCII.GetString(sequence.Slice(0, Math.Min(80, sequence.Length)).ToArray())}'");
                }

                var rest = sequence.ToArray();
                pending.Clear();
                pending.Write(rest);
            }
        }

        private static void SendQuietly(Socket socket, byte[] bytes)
        {
            try
            {
                var offset = 0;
                while (offset < bytes.Length)
                {
                    offset += socket.Send(bytes, offset, bytes.Length - offset, SocketFlags.None);
                }
            }
            catch (SocketException)
            {
                // The server closed the connection (a protocol error): the reader sees it.
            }
            catch (ObjectDisposedException)
            {
                // The reader gave up on this connection.
            }
        }
    }

    /// <summary>Random frames: valid commands with random arguments, and mutations of them.</summary>
    private sealed class FrameGenerator(Random random, CommandDefinition[] commands)
    {
        private static readonly string[] Words =
        [
            "EX", "PX", "EXAT", "PXAT", "NX", "XX", "GT", "LT", "KEEPTTL", "GET", "PERSIST", "IDX", "LEN", "MINMATCHLEN",
            "WITHMATCHLEN", "REPLACE", "MATCH", "COUNT", "TYPE", "string", "*", "k*", "?", "[a-z]*", "ENCODING", "FREQ",
            "IDLETIME", "REFCOUNT", "DOCS", "INFO", "LIST", "GETKEYS", "HELP", "server", "keyspace", "all", "everything",
            "3", "2", "AUTH", "SETNAME", "default", "FILTERBY", "PATTERN",
        ];

        private static readonly string[] Numbers =
        [
            "0", "1", "-1", "2", "3", "5", "10", "100", "1000", "4096", "65535", "-100", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "18446744073709551616", "1.5", "-0.0", "1e3", "inf", "-inf",
            "nan", "+5", "0x10", " 1", "1 ", "", "00012", "3.0000000000000001", "1e400", "17179869184",
        ];

        private readonly string[] _keys = Enumerable.Range(0, 24).Select(i => $"k{i}")
            .Concat(["{t}a", "{t}b", "{t}c", "", "\u00e9", "key with spaces", "k\r\nx"]).ToArray();

        public (byte[] Bytes, string Description, bool Valid) Next(bool mutate)
        {
            var args = Command();
            var description = Describe(args);
            var inline = !mutate && random.NextDouble() < 0.1 && args.All(a => a.Length > 0 && a.All(IsInlineSafe));
            var bytes = inline ? Inline(args) : MultiBulk(args);
            if (!mutate)
            {
                return (bytes, description, true);
            }

            return (Mutate(bytes), "(mutated) " + description, false);
        }

        private static bool IsInlineSafe(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)':' or (byte)'{' or (byte)'}' or (byte)'-' or (byte)'.';

        private byte[][] Command()
        {
            if (random.NextDouble() < 0.02)
            {
                return [Encoding.ASCII.GetBytes("NOSUCHCOMMAND" + random.Next(100)), Argument()];
            }

            var command = commands[random.Next(commands.Length)];
            if (command.Name is "command" or "info" && random.NextDouble() < 0.8)
            {
                // Their replies are tens of kilobytes: drawn less often, so the frames go to the data paths.
                command = commands[random.Next(commands.Length)];
            }

            var names = new List<byte[]> { Encoding.ASCII.GetBytes(random.NextDouble() < 0.5 ? command.Name : command.Name.ToUpperInvariant()) };
            var definition = command;
            if (command.HasSubcommands)
            {
                var subcommands = command.Subcommands.Where(s => !IsForbidden(s.Name)).ToArray();
                if (subcommands.Length == 0 || random.NextDouble() < 0.05)
                {
                    names.Add(Encoding.ASCII.GetBytes("nosuchsub"));
                    return [.. names];
                }

                definition = subcommands[random.Next(subcommands.Length)];
                names.Add(Encoding.ASCII.GetBytes(definition.Name));
            }

            var arity = definition.Arity;
            var total = arity >= 0 ? arity : -arity + random.Next(0, 5);
            if (random.NextDouble() < 0.03)
            {
                total = Math.Max(names.Count, total + random.Next(-2, 3)); // the wrong number of arguments
            }

            var args = new List<byte[]>(names);
            var keys = definition.KeyIndexesOf(total);
            for (var i = args.Count; i < total; i++)
            {
                var isKey = keys.Count > 0 && i >= keys.First && i <= keys.Last && (i - keys.First) % keys.Step == 0;
                args.Add(isKey && random.NextDouble() < 0.95 ? Encoding.UTF8.GetBytes(_keys[random.Next(_keys.Length)]) : Argument());
            }

            return [.. args];
        }

        private byte[] Argument()
        {
            var roll = random.NextDouble();
            if (roll < 0.3)
            {
                return Encoding.UTF8.GetBytes(Numbers[random.Next(Numbers.Length)]);
            }

            if (roll < 0.5)
            {
                return Encoding.UTF8.GetBytes(Words[random.Next(Words.Length)]);
            }

            if (roll < 0.65)
            {
                return Encoding.UTF8.GetBytes(_keys[random.Next(_keys.Length)]);
            }

            var length = roll < 0.98 ? random.Next(0, 16) : random.Next(100, 4096);
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        private byte[] Mutate(byte[] frame)
        {
            var bytes = new List<byte>(frame);
            switch (random.Next(8))
            {
                case 0: // bit flips
                    for (var flips = random.Next(1, 4); flips > 0; flips--)
                    {
                        var at = random.Next(bytes.Count);
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1: // truncation
                    var cut = random.Next(bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                case 2: // garbage appended
                    bytes.AddRange(Garbage());
                    break;
                case 3: // garbage instead of the frame
                    bytes = [.. Garbage()];
                    break;
                case 4: // a huge or broken count
                    bytes = [.. Encoding.ASCII.GetBytes(Pick("*2147483647\r\n", "*3000000000\r\n", "*-7\r\n", "*1048577\r\n", "*99999999999999999999\r\n", "*\r\n", "*1\r\n$-1\r\n", "*0\r\n")), .. bytes];
                    break;
                case 5: // a huge or broken bulk length
                    bytes = [.. Encoding.ASCII.GetBytes("*2\r\n$4\r\nECHO\r\n" + Pick("$536870912\r\n", "$536870913\r\n", "$-2\r\n", "$1x\r\n", "$\r\n", "$9223372036854775808\r\n", "$100\r\nshort\r\n")), .. bytes];
                    break;
                case 6: // bytes inserted and removed
                    for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
                    {
                        if (random.Next(2) == 0)
                        {
                            bytes.Insert(random.Next(bytes.Count + 1), (byte)Pick('\r', '\n', '*', '$', '"', '\'', ' ', '\0', (char)random.Next(256)));
                        }
                        else
                        {
                            bytes.RemoveAt(random.Next(bytes.Count));
                        }
                    }

                    break;
                default: // a header line with no end
                    bytes = [.. Encoding.ASCII.GetBytes(Pick("*", "*1\r\n$", "PING \"", "SET k 'v")), .. Enumerable.Repeat((byte)'7', random.Next(1, 70_000))];
                    break;
            }

            return [.. bytes];
        }

        private byte[] Garbage()
        {
            var garbage = new byte[random.Next(1, 64)];
            random.NextBytes(garbage);
            if (random.Next(2) == 0)
            {
                garbage[random.Next(garbage.Length)] = (byte)'\n';
            }

            return garbage;
        }

        private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

        private static byte[] MultiBulk(byte[][] args)
        {
            var bytes = new List<byte>(Encoding.ASCII.GetBytes($"*{args.Length}\r\n"));
            foreach (var arg in args)
            {
                bytes.AddRange(Encoding.ASCII.GetBytes($"${arg.Length}\r\n"));
                bytes.AddRange(arg);
                bytes.AddRange("\r\n"u8.ToArray());
            }

            return [.. bytes];
        }

        private static byte[] Inline(byte[][] args) => Encoding.ASCII.GetBytes(string.Join(' ', args.Select(Encoding.ASCII.GetString)) + "\r\n");

        private static string Describe(byte[][] args) =>
            string.Join(' ', args.Select(a => a.Length > 40 ? $"<{a.Length} bytes>" : Escape(a)));

        private static string Escape(byte[] arg)
        {
            var text = new StringBuilder("\"");
            foreach (var b in arg)
            {
                text.Append(b is >= 32 and < 127 and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}");
            }

            return text.Append('"').ToString();
        }
    }
}
