using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AkkaKv.Protocol.Tests;

/// <summary>The test client against a scripted loopback server.</summary>
public sealed class RespClientTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RespClientTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Stop();

    [Fact]
    public void Execute_sends_a_multibulk_command_and_reads_the_reply()
    {
        Task<string> server = Serve(async (stream, received) =>
        {
            await received(32);
            await stream.WriteAsync("$3\r\nbar\r\n"u8.ToArray());
        });
        using var client = RespClient.Connect("127.0.0.1", Port);

        RespValue reply = client.Execute("SET", "foo", "bar\u00e9");

        Assert.Equal("bar", reply.Text);
        Assert.Equal("*3\r\n$3\r\nSET\r\n$3\r\nfoo\r\n$5\r\nbar\u00c3\u00a9\r\n", server.Result);
    }

    [Fact]
    public void Execute_with_bytes_sends_them_unchanged()
    {
        Task<string> server = Serve(async (stream, received) =>
        {
            await received(16);
            await stream.WriteAsync(":1\r\n"u8.ToArray());
        });
        using var client = RespClient.Connect(new IPEndPoint(IPAddress.Loopback, Port));

        RespValue reply = client.Execute([(byte)'X'], [0, 255]);

        Assert.Equal(1, reply.Integer);
        Assert.Equal("*2\r\n$1\r\nX\r\n$2\r\n\0\u00ff\r\n", server.Result);
    }

    [Fact]
    public void Reads_a_reply_that_arrives_in_pieces()
    {
        _ = Serve(async (stream, received) =>
        {
            await received(1);
            foreach (string piece in new[] { "*2\r\n$5\r\nhel", "lo\r\n", ":4", "2\r\n" })
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(piece));
                await stream.FlushAsync();
                await Task.Delay(20);
            }
        });
        using var client = RespClient.Connect("127.0.0.1", Port);
        client.SendRaw("PING\r\n");

        Assert.Equal("[hello, (integer) 42]", client.ReadReply(TimeSpan.FromSeconds(5)).ToString());
    }

    [Fact]
    public void Reads_a_large_reply()
    {
        string big = new('x', 1_000_000);
        _ = Serve(async (stream, received) =>
        {
            await received(1);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"${big.Length}\r\n{big}\r\n+OK\r\n"));
        });
        using var client = RespClient.Connect("127.0.0.1", Port);
        client.SendRaw("GET\r\n");

        Assert.Equal(big, client.ReadReply(TimeSpan.FromSeconds(10)).Text);
        Assert.Equal("OK", client.ReadReply(TimeSpan.FromSeconds(10)).Text);
    }

    [Fact]
    public void ReadReply_times_out_when_no_reply_comes()
    {
        _ = Serve(async (_, received) => await received(1_000_000));
        using var client = RespClient.Connect("127.0.0.1", Port);

        Assert.Throws<TimeoutException>(() => client.ReadReply(TimeSpan.FromMilliseconds(100)));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public void WaitClosed_sees_the_server_close_after_its_reply()
    {
        _ = Serve(async (stream, received) =>
        {
            await received(1);
            await stream.WriteAsync("-ERR Protocol error: invalid multibulk length\r\n"u8.ToArray());
        });
        using var client = RespClient.Connect("127.0.0.1", Port);
        client.SendRaw("*x\r\n");

        Assert.True(client.WaitClosed(TimeSpan.FromSeconds(5)));

        Assert.False(client.IsConnected);
        Assert.Equal("ERR Protocol error: invalid multibulk length", client.ReadReply(TimeSpan.FromSeconds(1)).Text);
        Assert.Throws<IOException>(() => client.ReadReply(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void WaitClosed_is_false_while_the_server_keeps_the_connection()
    {
        _ = Serve(async (_, received) => await received(1_000_000));
        using var client = RespClient.Connect("127.0.0.1", Port);

        Assert.False(client.WaitClosed(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Disposes_asynchronously()
    {
        _ = Serve(async (_, received) => await received(1_000_000));
        var client = RespClient.Connect("127.0.0.1", Port);

        await client.DisposeAsync();

        Assert.False(client.IsConnected);
        Assert.Throws<ObjectDisposedException>(() => client.SendRaw("PING\r\n"));
    }

    /// <summary>
    /// Accepts one connection and runs the script, which can wait until n bytes have arrived; then
    /// closes. The result is everything the client sent.
    /// </summary>
    private Task<string> Serve(Func<NetworkStream, Func<int, Task>, Task> script) => Task.Run(async () =>
    {
        using TcpClient connection = await _listener.AcceptTcpClientAsync();
        NetworkStream stream = connection.GetStream();
        var received = new List<byte>();
        async Task Received(int count)
        {
            var chunk = new byte[64 * 1024];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                while (received.Count < count)
                {
                    int read = await stream.ReadAsync(chunk, timeout.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    received.AddRange(chunk.AsSpan(0, read).ToArray());
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        await script(stream, Received);
        return Encoding.Latin1.GetString([.. received]);
    });
}
