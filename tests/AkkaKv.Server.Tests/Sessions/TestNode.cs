using System.Text;
using AkkaKv.Actors;
using AkkaKv.Server;
using AkkaKv.Server.Cluster;
using AkkaKv.Server.Config;
using AkkaKv.Server.Journal;
using AkkaKv.Server.Sessions;
using AkkaKv.Testing;

namespace AkkaKv.Server.Tests.Sessions;

/// <summary>A node with a capturing journal, driven through in-process connections (no sockets).</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly ServerNode _node;

    public TestNode(int shards = 2, string hocon = "")
    {
        var config = AkkaKv.Hocon.Config.ParseString($"akkakv.server {{ port = 0, shards = {shards}, io-threads = 1 }}\n{hocon}")
            .WithFallback(ServerSettings.Reference);
        _node = ServerNode.Start(new ServerSettings(config), _ => Journal, new NoCluster(), _ => { });
    }

    public CapturingJournal Journal { get; } = new();

    public NodeState State => _node.State;

    public Connection Connect() => new(State.System.ActorOf(InProcessConnectionActor.Props(State)));

    public ValueTask DisposeAsync() => _node.DisposeAsync();

    /// <summary>One in-process client connection.</summary>
    public sealed class Connection(IActorRef actor)
    {
        /// <summary>Sends raw request bytes; returns every reply byte once the session is idle.</summary>
        public string Send(string request) => SendForResult(request).Output;

        public (string Output, bool Closed) SendForResult(string request)
        {
            var fed = actor.Ask<InProcessConnectionActor.Fed>(new InProcessConnectionActor.Feed(Encoding.UTF8.GetBytes(request)), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            return (Encoding.UTF8.GetString(fed.Output), fed.Closed);
        }

        /// <summary>Sends one command in RESP.</summary>
        public string Command(params string[] args) => Send(Resp(args));

        public static string Resp(params string[] args)
        {
            var text = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
            foreach (var arg in args) text.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
            return text.ToString();
        }
    }

    private sealed class NoCluster : IClusterRouter
    {
        public bool Enabled => false;
        public string? RedirectFor(int slot) => null;
    }

    /// <summary>Keeps every journal entry, read back from the frames, thread-safely (shards append concurrently).</summary>
    public sealed class CapturingJournal : IJournal
    {
        private readonly List<JournalEntry> _entries = [];

        public bool IsRecording => true;

        public long Offset => 0;

        public long BacklogSize => 0;

        public void Append(ReadOnlySpan<byte> frames)
        {
            var entries = JournalEntry.ParseAll(frames);
            lock (_entries) _entries.AddRange(entries);
        }

        public IReadOnlyList<JournalEntry> Entries
        {
            get
            {
                lock (_entries) return _entries.ToList();
            }
        }

        public IEnumerable<string> Commands => Entries.Select(e => e.Text);
    }
}
