using System.Net.Sockets;
using System.Text;
using AkkaKv.Host;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Infrastructure;

/// <summary>
/// An AkkaKv node started in-process on an ephemeral loopback port, shared by the tests of one class
/// (IClassFixture). Tests that change server-wide state start their own with <see cref="Start"/>.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerNode? _node;

    /// <summary>Extra HOCON for this fixture's node (over the reference defaults).</summary>
    public string Hocon { get; init; } = "";

    public ServerNode Node => _node ?? throw new InvalidOperationException("server not started");

    public int Port => Node.EndPoint.Port;

    public Task InitializeAsync()
    {
        _node = Start(Hocon);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    /// <summary>Starts a node on an ephemeral port with the given HOCON (under akkakv.server unless it names its own paths).</summary>
    public static ServerNode Start(string hocon = "")
    {
        var settings = NodeLauncher.SettingsFrom($"akkakv.server {{ port = 0, shards = 2, io-threads = 2 }}\n{hocon}");
        return NodeLauncher.Start(settings, _ => { });
    }

    /// <summary>A connected test client (RESP2 until it sends HELLO 3).</summary>
    public RespClient Client() => Connect(Port);

    public static RespClient Connect(int port) => new("127.0.0.1", port);

    /// <summary>Opens a raw socket for byte-exact tests.</summary>
    public Socket RawSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect("127.0.0.1", Port);
        return socket;
    }

    /// <summary>Sends raw bytes and reads until <paramref name="expectedLength"/> bytes arrived or the timeout passed.</summary>
    public static string Exchange(Socket socket, string request, int expectedLength, int timeoutMs = 5000)
    {
        if (request.Length > 0) socket.Send(Encoding.UTF8.GetBytes(request));
        return ReadAtLeast(socket, expectedLength, timeoutMs);
    }

    public static string ReadAtLeast(Socket socket, int expectedLength, int timeoutMs = 5000) =>
        ReadUntil(socket, received => received.Count >= expectedLength, timeoutMs);

    /// <summary>Reads until the received text ends with <paramref name="terminator"/>, the peer closes, or the timeout passes.</summary>
    public static string ReadUntil(Socket socket, string terminator, int timeoutMs = 5000)
    {
        var tail = Encoding.UTF8.GetBytes(terminator);
        return ReadUntil(socket, received => received.Count >= tail.Length && received[^tail.Length..].SequenceEqual(tail), timeoutMs);
    }

    private static string ReadUntil(Socket socket, Func<List<byte>, bool> isComplete, int timeoutMs)
    {
        var received = new List<byte>();
        var buffer = new byte[64 * 1024];
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!isComplete(received) && Environment.TickCount64 < deadline)
        {
            socket.ReceiveTimeout = (int)Math.Max(1, deadline - Environment.TickCount64);
            int n;
            try
            {
                n = socket.Receive(buffer);
            }
            catch (SocketException)
            {
                break;
            }
            if (n == 0) break;
            received.AddRange(buffer.AsSpan(0, n));
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }
}
