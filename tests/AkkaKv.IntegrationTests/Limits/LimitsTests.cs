using System.Net.Sockets;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Limits;

/// <summary>
/// The server's resource limits, each on a private node: maxclients, timeout, client-output-buffer-limit,
/// SHUTDOWN, and the transient memory of LCS (bounded by proto-max-bulk-len).
/// </summary>
public sealed class LimitsTests(ITestOutputHelper output)
{
    private const int Kilobyte = 1024;

    [Fact]
    public async Task Maxclients_refuses_one_more_client_with_redis_error_and_accepts_again_after_one_leaves()
    {
        await using var node = ServerFixture.Start("akkakv.server.maxclients = 2");
        var port = node.EndPoint.Port;
        var first = ServerFixture.Connect(port);
        using var second = ServerFixture.Connect(port);
        try
        {
            Assert.Equal("PONG", first.Execute("PING").ToString());
            Assert.Equal("PONG", second.Execute("PING").ToString());

            using (var third = Connect(port))
            {
                var (received, closed) = ReadUntilClosed(third, TimeSpan.FromSeconds(5));
                Assert.Equal("-ERR max number of clients reached\r\n", received);
                Assert.True(closed, "the refused connection was left open");
            }

            Assert.Equal("PONG", second.Execute("PING").ToString());
        }
        finally
        {
            first.Dispose();
        }

        // Once the server has noticed the first client left, a new one is accepted.
        var deadline = Environment.TickCount64 + 5000;
        string last = "";
        while (Environment.TickCount64 < deadline)
        {
            using var fourth = ServerFixture.Connect(port);
            RespValue? reply = null;
            try
            {
                fourth.Send("PING");
                fourth.TryReadReply(TimeSpan.FromSeconds(5), out reply);
            }
            catch (SocketException)
            {
                // Refused and reset before the PING went out: try again.
            }

            if (reply?.ToString() == "PONG")
            {
                Assert.Equal("PONG", second.Execute("PING").ToString());
                return;
            }

            last = reply?.ToString() ?? "(closed)";
            Thread.Sleep(50);
        }

        Assert.Fail($"no connection accepted within 5 s after a client left; last answer: {last}");
    }

    [Fact]
    public async Task Clients_that_vanish_right_after_connecting_give_their_place_back()
    {
        await using var node = ServerFixture.Start("akkakv.server.maxclients = 5");
        for (var i = 0; i < 200; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect("127.0.0.1", node.EndPoint.Port);
            // Linger 0: the close is a reset, so the server may meet a dead socket while it sets the connection up.
            socket.LingerState = new LingerOption(true, 0);
        }
        // Until the server has seen every reset, a newcomer may still be refused; once it has, places are free again.
        var deadline = Environment.TickCount64 + 10_000;
        bool Settled() => Interlocked.Read(ref node.State.Stats.ConnectionsReceived) >= 200 && node.State.Clients.Count == 0;
        while (!Settled() && Environment.TickCount64 < deadline) Thread.Sleep(20);
        Assert.True(Settled(), $"{node.State.Clients.Count} places still held after {node.State.Stats.ConnectionsReceived} connections");
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        Assert.Equal("PONG", client.Execute("PING").ToString());
        Assert.Equal(1, InfoFields.Integer(client, "clients", "connected_clients"));
    }

    [Fact]
    public async Task Timeout_closes_an_idle_client_and_keeps_an_active_one()
    {
        await using var node = ServerFixture.Start("akkakv.server.timeout = 1s");
        var port = node.EndPoint.Port;
        using var idle = ServerFixture.Connect(port);
        using var active = ServerFixture.Connect(port);
        Assert.Equal("PONG", idle.Execute("PING").ToString());
        Assert.Equal("PONG", active.Execute("PING").ToString());
        var started = Environment.TickCount64;

        var keepBusy = Task.Run(() =>
        {
            // 3.5 s of a PING every 200 ms: never idle for a second.
            while (Environment.TickCount64 - started < 3500)
            {
                Assert.Equal("PONG", active.Execute("PING").ToString());
                Thread.Sleep(200);
            }
        });

        var closed = idle.WaitClosed(TimeSpan.FromSeconds(4));
        var elapsed = Environment.TickCount64 - started;
        output.WriteLine($"idle client closed: {closed} after {elapsed} ms");
        Assert.True(closed, "an idle client outlived timeout = 1s by more than 3 s");
        Assert.True(elapsed >= 900, $"the idle client was closed after {elapsed} ms, before the timeout");
        Assert.Equal(0, idle.BufferedBytes); // Redis closes idle clients without a word

        await keepBusy.WaitAsync(TimeSpan.FromSeconds(10)); // rethrows an assertion failure from the pinger
        Assert.True(active.IsConnected);
        Assert.Equal("PONG", active.Execute("PING").ToString());
    }

    [Fact]
    public async Task Output_buffer_hard_limit_disconnects_a_client_that_does_not_read()
    {
        await using var node = ServerFixture.Start("akkakv.server.client-output-buffer-limit.normal { hard = 1mb, soft = 0, soft-seconds = 0s }");
        var port = node.EndPoint.Port;
        var value = new byte[100 * Kilobyte];
        new Random(5).NextBytes(value);
        using var bystander = ServerFixture.Connect(port);
        Assert.Equal("OK", bystander.Execute(Encoding.ASCII.GetBytes("SET"), Encoding.ASCII.GetBytes("big"), value).ToString());

        const int Gets = 2000;
        var replyLength = $"${value.Length}\r\n".Length + value.Length + 2;
        long everything = (long)Gets * replyLength;
        var request = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n", Gets)));
        using var greedy = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 64 * Kilobyte };
        greedy.Connect("127.0.0.1", port);
        greedy.Send(request);

        Thread.Sleep(1000); // not reading: replies pile up on the server
        var (received, closed) = Drain(greedy, everything, TimeSpan.FromSeconds(15));
        output.WriteLine($"received {received} of {everything} reply bytes; closed by server: {closed}");
        Assert.True(closed, "the server kept a client whose output passed the 1 MB hard limit");
        Assert.True(received < everything, "the client got every reply although it passed the hard limit");

        // Everyone else is still served.
        Assert.Equal("PONG", bystander.Execute("PING").ToString());
        Assert.Equal(value, bystander.Execute("GET", "big").Bytes);
        using var newcomer = ServerFixture.Connect(port);
        Assert.Equal(value.Length, newcomer.Execute("STRLEN", "big").Integer);
    }

    [Fact]
    public async Task Shutdown_closes_the_connection_without_a_reply_and_requests_the_node_to_stop()
    {
        var node = ServerFixture.Start();
        try
        {
            using var client = ServerFixture.Connect(node.EndPoint.Port);
            Assert.Equal("ERR syntax error", client.Execute("SHUTDOWN", "BOGUS").Text);
            Assert.False(node.ShutdownRequested.IsCompleted, "a refused SHUTDOWN requested the shutdown");

            client.Send("SHUTDOWN", "NOSAVE");
            Assert.True(client.WaitClosed(TimeSpan.FromSeconds(5)), "SHUTDOWN left the connection open");
            Assert.Equal(0, client.BufferedBytes);
            await node.ShutdownRequested.WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Lcs_refuses_a_transient_table_larger_than_proto_max_bulk_len()
    {
        // Redis: the LCS table is (len(a)+1) * (len(b)+1) * 4 bytes; over proto-max-bulk-len the command is refused.
        await using var node = ServerFixture.Start("akkakv.server.proto-max-bulk-len = 1mb");
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        Assert.Equal("OK", client.Execute("MSET", "{lcs}a", new string('a', 600), "{lcs}b", new string('a', 600)).ToString());
        var reply = client.Execute("LCS", "{lcs}a", "{lcs}b", "LEN");
        Assert.Equal("(error) ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len", reply.ToString());

        // Small enough tables still work: 400 x 400 x 4 bytes = 640 KB.
        Assert.Equal("OK", client.Execute("MSET", "{lcs}c", new string('a', 400), "{lcs}d", new string('a', 400)).ToString());
        Assert.Equal(400, client.Execute("LCS", "{lcs}c", "{lcs}d", "LEN").Integer);
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect("127.0.0.1", port);
        return socket;
    }

    private static (string Received, bool Closed) ReadUntilClosed(Socket socket, TimeSpan timeout)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
            {
                return (Encoding.ASCII.GetString(received.ToArray()), false);
            }

            try
            {
                var n = socket.Receive(buffer);
                if (n == 0)
                {
                    return (Encoding.ASCII.GetString(received.ToArray()), true);
                }

                received.AddRange(buffer.AsSpan(0, n));
            }
            catch (SocketException)
            {
                return (Encoding.ASCII.GetString(received.ToArray()), true);
            }
        }
    }

    /// <summary>Reads and counts bytes until the server closes, <paramref name="all"/> bytes came, or the timeout passed.</summary>
    private static (long Received, bool Closed) Drain(Socket socket, long all, TimeSpan timeout)
    {
        var buffer = new byte[256 * Kilobyte];
        long received = 0;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (received < all)
        {
            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
            {
                return (received, false);
            }

            try
            {
                var n = socket.Receive(buffer);
                if (n == 0)
                {
                    return (received, true);
                }

                received += n;
            }
            catch (SocketException)
            {
                return (received, true);
            }
        }

        return (received, false);
    }
}
