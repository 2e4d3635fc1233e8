using System.Net.Sockets;
using System.Text;
using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;
using AkkaKv.Storage;

namespace AkkaKv.IntegrationTests.PubSub;

// Delivery across I/O threads and its ordering guarantees, the pubsub output buffer limit, and cluster routing of
// shard channels.
public sealed partial class PubSubTests
{
    private const int Kilobyte = 1024;

    // ---- Across connections and I/O threads -------------------------------------------------------------------

    [Fact]
    public async Task Publishes_reach_subscribers_on_every_io_thread_in_one_order()
    {
        const int Subscribers = 24;
        const int PerPublisher = 150;
        var channel = NewKey("fanout");
        var subscribers = Enumerable.Range(0, Subscribers).Select(i => Connect(i % 2 == 0 ? 2 : 3)).ToList();
        try
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Send("SUBSCRIBE", channel);
                Next(subscriber);
            }
            // Two publishers on their own connections, so on their own threads, publishing at once.
            var publishers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
            {
                using var publisher = Connect();
                for (var i = 0; i < PerPublisher; i++) publisher.Send("PUBLISH", channel, $"{p}:{i}");
                return Enumerable.Range(0, PerPublisher).Sum(_ => publisher.ReadReply(ReadTimeout).Integer);
            })).ToList();
            foreach (var delivered in await Task.WhenAll(publishers)) Assert.Equal(Subscribers * PerPublisher, delivered);

            List<string>? first = null;
            foreach (var subscriber in subscribers)
            {
                var received = Enumerable.Range(0, 2 * PerPublisher).Select(_ => subscriber.ReadReply(ReadTimeout).Items![2].Text!).ToList();
                // Each publisher's messages in its order, and every subscriber sees the same interleaving.
                for (var p = 0; p < 2; p++)
                {
                    Assert.Equal(Enumerable.Range(0, PerPublisher).Select(i => $"{p}:{i}"), received.Where(m => m.StartsWith($"{p}:", StringComparison.Ordinal)));
                }
                first ??= received;
                Assert.Equal(first, received);
                AssertNothingMore(subscriber);
            }
        }
        finally
        {
            foreach (var subscriber in subscribers) subscriber.Dispose();
        }
    }

    [Fact]
    public void A_publish_pipelined_after_a_write_is_delivered_once_the_write_is_done()
    {
        // DEBUG SLEEP parks every shard; a SET and a PUBLISH right behind it in one packet must take effect in that order,
        // so the message may not reach the subscriber before the sleep is over and the SET has run.
        var (channel, key) = (NewKey("chan"), NewKey());
        using var subscriber = Connect();
        using var writer = Connect();
        using var sleeper = Connect();
        using var probe = Connect();
        subscriber.Send("SUBSCRIBE", channel);
        Next(subscriber);
        sleeper.Send("DEBUG", "SLEEP", "1");
        // The shards are parked once a GET no longer gets through within 100 ms.
        var probes = 0;
        do
        {
            Assert.True(++probes < 50, "DEBUG SLEEP never parked the shards");
            probe.Send("GET", key);
        }
        while (probe.TryReadReply(TimeSpan.FromMilliseconds(100), out _));
        var sent = System.Diagnostics.Stopwatch.StartNew();
        writer.SendRaw(Encoding.ASCII.GetBytes(Command("SET", key, "v") + Command("PUBLISH", channel, key)));
        Assert.Equal(Push(2, "message", channel, key), Next(subscriber));
        // Most of the second was left when the SET was sent (the sleep began at most one probe earlier): the message waits.
        Assert.True(sent.ElapsedMilliseconds >= 300, $"the message came {sent.ElapsedMilliseconds} ms after it was sent, during the sleep, before the SET it follows");
        AssertOk(writer.ReadReply(ReadTimeout));
        AssertInteger(1, writer.ReadReply(ReadTimeout));
        AssertOk(sleeper.ReadReply(ReadTimeout));
        AssertNull(probe.ReadReply(ReadTimeout));
        AssertNothingMore(probe);
        subscriber.Execute("RESET");
    }

    [Fact]
    public void A_resp2_subscribe_behind_a_pending_write_is_confirmed_before_any_message()
    {
        var (channel, key) = (NewKey("chan"), NewKey("list"));
        using var flood = Flood(channel);
        for (var round = 0; round < 5; round++)
        {
            using var subscriber = Connect();
            subscriber.SendRaw(Encoding.ASCII.GetBytes(Command(["RPUSH", key, .. Enumerable.Repeat("x", 20_000)]) + Command("SUBSCRIBE", channel)));
            Assert.Equal(RespType.Integer, subscriber.ReadReply(ReadTimeout).Type);
            Assert.Equal(Push(2, "subscribe", channel, 1), Next(subscriber));
            Assert.Equal("message", subscriber.ReadReply(ReadTimeout).Items![0].Text);
        }
        Assert.True(flood.Published > 0);
    }

    [Fact]
    public void Messages_in_flight_at_an_unsubscribe_do_not_follow_its_confirmation()
    {
        var channel = NewKey("chan");
        using var flood = Flood(channel);
        for (var round = 0; round < 20; round++)
        {
            using var subscriber = Connect();
            subscriber.Send("SUBSCRIBE", channel);
            Next(subscriber);
            Assert.Equal("message", subscriber.ReadReply(ReadTimeout).Items![0].Text);
            // Out of subscribed mode right after the confirmation: the next reply is PING's, not a message.
            subscriber.Send("UNSUBSCRIBE");
            subscriber.Send("PING");
            RespValue reply;
            var skipped = 0;
            while ((reply = subscriber.ReadReply(ReadTimeout)).Items?[0].Text == "message") Assert.True(++skipped < 1_000_000);
            Assert.Equal(Push(2, "unsubscribe", channel, 0), reply.ToString());
            AssertSimple("PONG", subscriber.ReadReply(ReadTimeout));
            AssertNothingMore(subscriber);
        }
        Assert.True(flood.Published > 0);
    }

    // ---- client-output-buffer-limit pubsub --------------------------------------------------------------------

    [Fact]
    public async Task The_pubsub_hard_limit_set_by_config_cuts_off_a_subscriber_that_never_reads()
    {
        await using var node = ServerFixture.Start();
        var port = node.EndPoint.Port;
        using var admin = ServerFixture.Connect(port);
        AssertOk(admin.Execute("CONFIG", "SET", "client-output-buffer-limit", "pubsub 512kb 0 0"));
        Assert.Equal("normal 0 0 0 slave 268435456 67108864 60 pubsub 524288 0 0",
            Texts(admin.Execute("CONFIG", "GET", "client-output-buffer-limit"))[1]);

        var channel = "stalled";
        using var stalled = SubscribeWithoutReading(port, channel);
        using var reader = ServerFixture.Connect(port);
        reader.Send("SUBSCRIBE", channel);
        reader.ReadReply(ReadTimeout);
        // A subscriber that keeps reading is never cut off: it receives alongside, on its own thread.
        var received = 0L;
        using var stopReading = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reading = Task.Run(() =>
        {
            while (!stopReading.IsCancellationRequested && reader.IsConnected)
            {
                if (reader.TryReadReply(TimeSpan.FromMilliseconds(200), out var push)) Interlocked.Add(ref received, push!.Items![2].Bytes!.Length);
            }
        });

        // 16 KB messages, at most 64 MB and 20 s: the stalled subscriber goes once its backlog passes 512 KB.
        var message = new string('m', 16 * Kilobyte);
        var (published, cutOff) = PublishUntilAlone(admin, channel, message, maxBytes: 64L * 1024 * 1024, TimeSpan.FromSeconds(20));
        Assert.True(cutOff, $"the stalled subscriber was still there after {published} bytes");
        Assert.True(Eventually(() => Interlocked.Read(ref received) == published, 10_000), $"the reader got {received} of {published} bytes");
        await stopReading.CancelAsync();
        await reading;
        Assert.Equal("[pong, ]", reader.Execute("PING").ToString());
        AssertInteger(1, admin.Execute("PUBLISH", channel, "still here"));
    }

    [Fact]
    public async Task The_pubsub_soft_limit_cuts_off_a_subscriber_that_stays_above_it()
    {
        await using var node = ServerFixture.Start("akkakv.server.client-output-buffer-limit.pubsub { hard = 0, soft = 256kb, soft-seconds = 1s }");
        var port = node.EndPoint.Port;
        using var publisher = ServerFixture.Connect(port);
        var channel = "stalled";
        using var stalled = SubscribeWithoutReading(port, channel);
        var started = Environment.TickCount64;
        // Paced (128 KB every 20 ms) so that the second above the soft limit passes well before the 64 MB bound.
        var (published, cutOff) = PublishUntilAlone(publisher, channel, new string('s', 4 * Kilobyte), maxBytes: 64L * 1024 * 1024,
            TimeSpan.FromSeconds(20), pauseMs: 20);
        Assert.True(cutOff, $"the stalled subscriber was still there after {published} bytes");
        Assert.True(Environment.TickCount64 - started >= 1000, "cut off before the soft limit's second passed");
    }

    // ---- Cluster ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task In_a_cluster_shard_channels_are_routed_by_slot_and_classic_channels_are_not()
    {
        var journal = new CapturingJournal();
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 2 }");
        await using var node = ServerNode.Start(settings, _ => journal, new TestRouter(enabled: true, IsLocal), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var local = ChannelInSlots(local: true);
        var foreign = ChannelInSlots(local: false);
        var foreignSlot = HashSlot.Of(Encoding.UTF8.GetBytes(foreign));

        AssertError($"MOVED {foreignSlot} 127.0.0.1:7000", client.Execute("SSUBSCRIBE", foreign));
        AssertError($"MOVED {foreignSlot} 127.0.0.1:7000", client.Execute("SPUBLISH", foreign, "m"));
        AssertError($"MOVED {foreignSlot} 127.0.0.1:7000", client.Execute("SUNSUBSCRIBE", foreign));
        AssertError("CROSSSLOT Keys in request don't hash to the same slot", client.Execute("SSUBSCRIBE", local, foreign));
        // Classic channels belong to no slot.
        AssertInteger(0, client.Execute("PUBLISH", foreign, "m"));

        using var subscriber = ServerFixture.Connect(node.EndPoint.Port);
        subscriber.Send("SSUBSCRIBE", local, "{" + local + "}2");
        Assert.Equal(Push(2, "ssubscribe", local, 1), Next(subscriber));
        Assert.Equal(Push(2, "ssubscribe", "{" + local + "}2", 2), Next(subscriber));
        AssertInteger(1, client.Execute("SPUBLISH", local, "here"));
        Assert.Equal(Push(2, "smessage", local, "here"), Next(subscriber));
        subscriber.Send("SUNSUBSCRIBE");
        Next(subscriber);
        Next(subscriber);

        // Publishing changes no data: nothing is journaled (Redis propagates it to replicas only, never to the AOF).
        AssertInteger(0, client.Execute("PUBLISH", local, "m"));
        Assert.DoesNotContain(journal.Lines(), t => t.Contains("PUBLISH", StringComparison.OrdinalIgnoreCase));
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    /// <summary>A RESP2 subscriber with a small receive buffer that reads its confirmation and then nothing more.</summary>
    private static Socket SubscribeWithoutReading(int port, string channel)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 16 * Kilobyte };
        socket.Connect("127.0.0.1", port);
        var confirmation = $"*3\r\n$9\r\nsubscribe\r\n{Bulk(channel)}:1\r\n";
        Assert.Equal(confirmation, ServerFixture.Exchange(socket, Command("SUBSCRIBE", channel), confirmation.Length));
        return socket;
    }

    /// <summary>
    /// Publishes <paramref name="message"/> in batches until the channel has one subscriber left (the cut-off one gone),
    /// at most <paramref name="maxBytes"/> or <paramref name="timeout"/>. Returns the payload bytes published and whether
    /// the cut happened.
    /// </summary>
    private static (long Published, bool CutOff) PublishUntilAlone(RespClient publisher, string channel, string message, long maxBytes,
        TimeSpan timeout, int pauseMs = 0)
    {
        const int Batch = 32;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var published = 0L;
        var receivers = publisher.Execute("PUBSUB", "NUMSUB", channel).Items![1].Integer;
        while (published < maxBytes && Environment.TickCount64 < deadline)
        {
            for (var i = 0; i < Batch; i++) publisher.Send("PUBLISH", channel, message);
            for (var i = 0; i < Batch; i++) publisher.ReadReply(ReadTimeout);
            published += Batch * message.Length;
            if (publisher.Execute("PUBSUB", "NUMSUB", channel).Items![1].Integer < receivers) return (published, true);
            if (pauseMs > 0) Thread.Sleep(pauseMs);
        }
        return (published, false);
    }

    /// <summary>Publishes to <paramref name="channel"/> as fast as it can until disposed (at most 30 s).</summary>
    private Flooder Flood(string channel) => new(Connect(), channel);

    private sealed class Flooder : IDisposable
    {
        // Publishes until disposed; the bound only stops a flood whose test hung. It must outlast a test slowed down by
        // a loaded machine, whose rounds each wait for a message.
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(120));
        private readonly Task _task;
        private long _published;

        public Flooder(RespClient publisher, string channel)
        {
            _task = Task.Run(() =>
            {
                using (publisher)
                {
                    for (var n = 0L; !_stop.IsCancellationRequested; n++)
                    {
                        for (var i = 0; i < 50; i++) publisher.Send("PUBLISH", channel, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        for (var i = 0; i < 50; i++) publisher.ReadReply(TimeSpan.FromSeconds(30));
                        Interlocked.Add(ref _published, 50);
                    }
                }
            });
        }

        public long Published => Interlocked.Read(ref _published);

        public void Dispose()
        {
            _stop.Cancel();
            _task.Wait(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }

    /// <summary>The slots this test's cluster node serves: the lower half; the others live at 127.0.0.1:7000.</summary>
    private static bool IsLocal(int slot) => slot < HashSlot.Count / 2;

    private static string ChannelInSlots(bool local)
    {
        for (var i = 0; ; i++)
        {
            var name = $"ch{i}";
            if (IsLocal(HashSlot.Of(Encoding.UTF8.GetBytes(name))) == local) return name;
        }
    }
}
