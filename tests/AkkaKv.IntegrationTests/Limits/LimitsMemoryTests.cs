using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Limits;

/// <summary>
/// With default limits (no output buffer limit for normal clients, as in Redis) a client that writes requests
/// but never reads replies must still not make the server buffer without bound: the connection stops reading
/// while its unsent output is above output-backpressure.
/// </summary>
[Collection(LimitsMemoryCollection.Name)]
public sealed class LimitsMemoryTests(ITestOutputHelper output)
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task A_client_that_never_reads_cannot_make_the_server_buffer_without_bound()
    {
        var value = new string('v', 1024);
        await using var memory = await MemoryTestNode.StartAsync(bystander => Assert.Equal("OK", bystander.Execute("SET", "v", value).ToString()));
        var port = memory.Port;
        var bystander = memory.Bystander;
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("*2\r\n$3\r\nGET\r\n$1\r\nv\r\n", 64 * 1024 / 22)));
        const long Goal = 200 * Megabyte;
        long sent = 0;
        var mute = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 64 * 1024 };
        try
        {
            mute.Connect("127.0.0.1", port);
            mute.Blocking = false;
            var clock = Stopwatch.StartNew();
            var sender = Task.Run(() =>
            {
                // Whole chunks only, so the stream stays well-formed however the sends split; 5 s at most.
                var offset = 0;
                while (Interlocked.Read(ref sent) < Goal && clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    if (!mute.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectWrite))
                    {
                        continue;
                    }

                    try
                    {
                        var n = mute.Send(chunk, offset, chunk.Length - offset, SocketFlags.None);
                        offset = (offset + n) % chunk.Length;
                        Interlocked.Add(ref sent, n);
                    }
                    catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
                    {
                        // The server stopped reading and the buffers are full: try again until time is up.
                    }
                }
            });

            long peak = 0;
            var pingsDuringStall = 0;
            while (!sender.IsCompleted)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - memory.HeapBefore);
                Assert.Equal("PONG", bystander.Execute("PING").ToString());
                pingsDuringStall++;
                await Task.WhenAny(sender, Task.Delay(100));
            }

            await sender;
            var growth = memory.LiveHeapGrowth();
            output.WriteLine($"sent {sent / Megabyte} MB of GETs in {clock.Elapsed.TotalSeconds:F1} s without reading; " +
                             $"live heap grew {growth / Megabyte} MB (peak before GC {peak / Megabyte} MB); bystander pinged {pingsDuringStall} times");
            Assert.True(growth < 200 * Megabyte, $"the server buffered {growth / Megabyte} MB for a client that never reads");
            Assert.Equal("PONG", bystander.Execute("PING").ToString());
        }
        finally
        {
            mute.Dispose();
        }

        // Once the mute client is gone the server lets go of it.
        var deadline = Environment.TickCount64 + 5000;
        while (memory.ConnectedClients() != 1 && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.Equal(1, memory.ConnectedClients());
        Assert.Equal(value, bystander.Execute("GET", "v").ToString());
    }
}
