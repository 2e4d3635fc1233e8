using System.Net;
using System.Net.Sockets;
using System.Text;
using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class EventLoopTests : ActorTestBase
{
    private static readonly TimeSpan Timeout = TestProbe.DefaultTimeout;

    public EventLoopTests() => CreateSystem("""test.loop { type = event-loop, thread-count = 1, thread-name-prefix = "loop" }""", "event-loop-tests");

    [Fact]
    public void A_watched_socket_tells_its_actor_when_data_arrives_and_when_the_peer_closes()
    {
        var (client, server) = ConnectedPair();
        using (client)
        {
            var probe = new TestProbe();
            System.ActorOf(Props.Create(() => new SocketReader(server, probe)).WithDispatcher("test.loop"));
            Assert.Equal("watching on loop-0 (index 0)", probe.ExpectMsg<string>(Timeout));

            client.Send("hello"u8);
            Assert.Equal("read hello", probe.ExpectMsg<string>(Timeout));
            // Nothing more arrives, so no notice comes either.
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

            client.Send("bye"u8);
            Assert.Equal("read bye", probe.ExpectMsg<string>(Timeout));
            // The reader drained the socket before the shutdown, so the end of the stream can only come as the
            // peer-closed notice (sent together with data, a reader may find the end on a plain ready notice).
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal("peer closed end of stream", probe.ExpectMsg<string>(Timeout));
        }
    }

    [Fact]
    public void Event_loop_is_null_off_a_loop_thread()
    {
        Assert.Null(EventLoop.Current);
    }

    [Fact]
    public void A_busy_actor_lets_the_others_on_its_thread_run_except_those_it_names()
    {
        var probe = new TestProbe();
        using var helperRan = new ManualResetEventSlim();
        var helper = System.ActorOf(Props.Create(() => new Echo("helper", probe, helperRan)).WithDispatcher("test.loop"));
        var excluded = System.ActorOf(Props.Create(() => new Echo("excluded", probe, null)).WithDispatcher("test.loop"));
        var busy = System.ActorOf(Props.Create(() => new BusyActor(probe, excluded, helperRan)).WithDispatcher("test.loop"));

        busy.Tell("work");
        Assert.Equal("busy", probe.ExpectMsg<string>(Timeout));
        excluded.Tell("ping");
        helper.Tell("ping");
        // The helper answers while the busy actor still runs; the excluded actor only once it is done.
        Assert.Equal(["helper", "busy done", "excluded"], probe.ReceiveN<string>(3, Timeout));
    }

    private static (Socket Client, Socket Server) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        return (client, listener.Accept());
    }

    /// <summary>Reads its socket without blocking whenever the loop says so, reporting what it read.</summary>
    private sealed class SocketReader(Socket socket, TestProbe probe) : ActorBase
    {
        private IoRegistration? _watch;

        protected override void PreStart()
        {
            socket.Blocking = false;
            var loop = EventLoop.Current!;
            _watch = loop.Watch(socket.SafeHandle, Self, "ready", "closed");
            probe.Tell($"watching on {Thread.CurrentThread.Name} (index {loop.Index})");
        }

        protected override void PostStop()
        {
            _watch?.Dispose();
            socket.Dispose();
        }

        protected override void Receive(object message)
        {
            // One report per turn, sent once the socket is drained, so the test knows no read is still under way.
            var report = new StringBuilder(message is "closed" ? "peer closed " : "");
            var buffer = new byte[64];
            while (true)
            {
                var count = socket.Receive(buffer, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    // A notice with nothing to read (the socket became writable) is not reported.
                    if (report.Length > 0) probe.Tell(report.ToString().TrimEnd());
                    return;
                }
                if (count == 0)
                {
                    probe.Tell(report.Append("end of stream").ToString());
                    Context.Stop(Self);
                    return;
                }
                report.Append("read ").Append(Encoding.ASCII.GetString(buffer, 0, count)).Append(' ');
            }
        }
    }

    private sealed class Echo(string name, TestProbe probe, ManualResetEventSlim? ran) : ActorBase
    {
        protected override void Receive(object message)
        {
            probe.Tell(name);
            ran?.Set();
        }
    }

    /// <summary>Runs long, letting the thread's other actors run meanwhile, until the helper answered.</summary>
    private sealed class BusyActor(TestProbe probe, IActorRef excluded, ManualResetEventSlim helperRan) : ActorBase
    {
        protected override void Receive(object message)
        {
            probe.Tell("busy");
            var deadline = DateTime.UtcNow + Timeout;
            while (DateTime.UtcNow < deadline && !helperRan.IsSet)
            {
                EventLoop.Current!.RunOthersWhileBusy([Self, excluded]);
                Thread.Sleep(1);
            }
            probe.Tell("busy done");
        }
    }
}
