using System.Net.Sockets;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Protocol;

/// <summary>
/// A request may announce far more than it sends: a 512 MB bulk, two billion arguments. The server must not
/// allocate for what it was promised, only for what arrived (Redis itself preallocates big bulks; we do not).
/// </summary>
[Collection(ProtocolMemoryCollection.Name)]
public sealed class ProtocolMemoryTests(ITestOutputHelper output)
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task Huge_declared_bulks_and_counts_do_not_make_the_server_allocate()
    {
        await using var memory = await MemoryTestNode.StartAsync(bystander => Assert.Equal("PONG", bystander.Execute("PING").ToString()));
        var port = memory.Port;
        var bystander = memory.Bystander;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        string[] promises =
        [
            "*1\r\n$536870912\r\n", // exactly proto-max-bulk-len: accepted, then nothing follows
            "*2\r\n$3\r\nGET\r\n$536870912\r\n",
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$536870000\r\nabc", // a few payload bytes of a 512 MB value
            "*2147483647\r\n", // INT_MAX arguments
            "*2147483647\r\n$3\r\nSET\r\n$1\r\nk\r\n",
        ];
        var sockets = new List<Socket>();
        try
        {
            foreach (var promise in promises)
            {
                var socket = Connect(port);
                sockets.Add(socket);
                socket.Send(Encoding.ASCII.GetBytes(promise));
            }

            // Let the server read and react; it must neither reply nor close: the requests are merely incomplete.
            Thread.Sleep(500);
            for (var i = 0; i < sockets.Count; i++)
            {
                Assert.False(sockets[i].Poll(0, SelectMode.SelectRead), $"the server replied to or closed '{promises[i].Replace("\r\n", "\\r\\n", StringComparison.Ordinal)}'");
            }

            Assert.Equal("PONG", bystander.Execute("PING").ToString());
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var heapGrowth = memory.LiveHeapGrowth();
            output.WriteLine($"while 5 connections promised 512 MB or 2^31 arguments: allocated {allocated / Megabyte} MB, live heap grew {heapGrowth / Megabyte} MB");
            // Generous bounds (other work in the process adds noise); allocating what was promised would be gigabytes.
            Assert.True(allocated < 256 * Megabyte, $"the process allocated {allocated / Megabyte} MB for requests that sent a few bytes");
            Assert.True(heapGrowth < 256 * Megabyte, $"the live heap grew {heapGrowth / Megabyte} MB for requests that sent a few bytes");

            // Usable until closed: the promised bulk keeps arriving and the connection stays open.
            var more = new byte[256 * 1024];
            sockets[0].Send(more);
            Thread.Sleep(100);
            Assert.False(sockets[0].Poll(0, SelectMode.SelectRead), "the server closed a connection whose bulk was still arriving");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        // The server lets go of them: only the bystander stays connected.
        Assert.True(WaitUntil(() => memory.ConnectedClients() == 1, TimeSpan.FromSeconds(5)), $"connected_clients stayed at {memory.ConnectedClients()}");
    }

    [Fact]
    public async Task A_big_bulk_arriving_slowly_in_pieces_is_answered_once_complete()
    {
        await using var node = ServerFixture.Start();
        using var socket = Connect(node.EndPoint.Port);
        var payload = new byte[5 * Megabyte];
        new Random(11).NextBytes(payload);
        socket.Send(Encoding.ASCII.GetBytes($"*2\r\n$4\r\nECHO\r\n${payload.Length}\r\n"));
        var random = new Random(12);
        var offset = 0;
        while (offset < payload.Length)
        {
            var n = Math.Min(random.Next(1, 512 * 1024), payload.Length - offset);
            socket.Send(payload.AsSpan(offset, n));
            offset += n;
            Assert.False(offset < payload.Length && socket.Poll(0, SelectMode.SelectRead), "the server answered or closed before the bulk was complete");
        }

        socket.Send("\r\n"u8);
        var expectedHeader = Encoding.ASCII.GetBytes($"${payload.Length}\r\n");
        var reply = ReadExactly(socket, expectedHeader.Length + payload.Length + 2, TimeSpan.FromSeconds(10));
        Assert.Equal(expectedHeader, reply[..expectedHeader.Length]);
        Assert.True(payload.AsSpan().SequenceEqual(reply.AsSpan(expectedHeader.Length, payload.Length)), "ECHO returned other bytes");
    }

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect("127.0.0.1", port);
        return socket;
    }

    private static byte[] ReadExactly(Socket socket, int length, TimeSpan timeout)
    {
        var result = new byte[length];
        var read = 0;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (read < length)
        {
            var remaining = deadline - Environment.TickCount64;
            Assert.True(remaining > 0 && socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead), $"only {read} of {length} bytes within {timeout}");
            var n = socket.Receive(result, read, length - read, SocketFlags.None);
            Assert.True(n > 0, $"the server closed the connection after {read} of {length} bytes");
            read += n;
        }

        return result;
    }
}
