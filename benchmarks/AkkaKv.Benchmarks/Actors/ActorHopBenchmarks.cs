using AkkaKv.Actors;
using AkkaKv.Hocon;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Actors;

/// <summary>
/// The cost of moving work between actors on dedicated threads, the way connection actors hand
/// commands to shard actors. Results are per message (Tell hop), per request/reply (round trips),
/// or per command (the batched round trip carries <see cref="BatchSize"/> commands per message).
/// </summary>
[MemoryDiagnoser]
public class ActorHopBenchmarks
{
    private const int Hops = 100_000;
    private const int RoundTrips = 5_000;
    private const int BatchSize = 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private ActorSystem _system = null!;
    private IActorRef _hopSender = null!;
    private IActorRef _pinger = null!;
    private IActorRef _echo = null!;

    /// <summary>The dispatcher all the actors run on: "pinned" (a thread each) or "thread-pool" (the default).</summary>
    [Params("pinned", "thread-pool")]
    public string Dispatcher { get; set; } = "pinned";

    private string DispatcherId => Dispatcher == "pinned" ? DispatcherIds.Pinned : DispatcherIds.Default;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", Config.ParseString("akkakv.actors.log-dead-letters = 0"));
        var receiver = _system.ActorOf(Props.Create(() => new HopReceiver()).WithDispatcher(DispatcherId));
        _hopSender = _system.ActorOf(Props.Create(() => new HopSender(receiver)).WithDispatcher(DispatcherId));
        _echo = _system.ActorOf(Props.Create(() => new Echo()).WithDispatcher(DispatcherId));
        _pinger = _system.ActorOf(Props.Create(() => new Pinger(_echo)).WithDispatcher(DispatcherId));
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Dispose();

    /// <summary>One actor Tells another a stream of messages; per message.</summary>
    [Benchmark(OperationsPerInvoke = Hops)]
    public Done TellHop() => _hopSender.Ask<Done>(new StartHops(Hops), Timeout).GetAwaiter().GetResult();

    /// <summary>A request/reply between two actors, one at a time; per round trip.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public Done RoundTripBetweenActors() =>
        _pinger.Ask<Done>(new StartPings(RoundTrips, Batch: null), Timeout).GetAwaiter().GetResult();

    /// <summary>As above, but every request carries a batch of commands; per command.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips * BatchSize)]
    public Done RoundTripBetweenActorsBatched() =>
        _pinger.Ask<Done>(new StartPings(RoundTrips, new int[BatchSize]), Timeout).GetAwaiter().GetResult();

    /// <summary>Ask from a non-actor thread and block for the reply; per Ask.</summary>
    [Benchmark]
    public object AskRoundTrip() => _echo.Ask<object>(Ping.Instance, Timeout).GetAwaiter().GetResult();

    public sealed class Done
    {
        public static readonly Done Instance = new();
    }

    private sealed record StartHops(int Count);

    private sealed record StartPings(int Count, int[]? Batch);

    private sealed class Hop
    {
        public static readonly Hop Instance = new();
    }

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed class Ping
    {
        public static readonly Ping Instance = new();
    }

    private sealed class HopSender(IActorRef receiver) : ActorBase
    {
        private IActorRef? _asker;

        protected override void Receive(object message)
        {
            if (message is StartHops start)
            {
                _asker = Sender;
                for (var i = 0; i < start.Count; i++)
                {
                    receiver.Tell(Hop.Instance);
                }

                receiver.Tell(Flush.Instance);
            }
            else if (message is Done)
            {
                _asker!.Tell(Done.Instance);
            }
        }
    }

    private sealed class HopReceiver : ActorBase
    {
        private long _received;

        protected override void Receive(object message)
        {
            if (message is Hop)
            {
                _received++;
            }
            else
            {
                Sender.Tell(Done.Instance);
            }
        }
    }

    private sealed class Pinger(IActorRef echo) : ActorBase
    {
        private IActorRef? _asker;
        private object _request = Ping.Instance;
        private int _remaining;

        protected override void Receive(object message)
        {
            if (message is StartPings start)
            {
                _asker = Sender;
                _remaining = start.Count;
                _request = (object?)start.Batch ?? Ping.Instance;
                echo.Tell(_request);
            }
            else if (--_remaining > 0)
            {
                echo.Tell(_request);
            }
            else
            {
                _asker!.Tell(Done.Instance);
            }
        }
    }

    /// <summary>Replies with the request itself (a batch is "executed" first).</summary>
    private sealed class Echo : ActorBase
    {
        protected override void Receive(object message)
        {
            if (message is int[] batch)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i]++;
                }
            }

            Sender.Tell(message);
        }
    }
}
