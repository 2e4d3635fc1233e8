using System.Diagnostics;
using AkkaKv.Actors;
using AkkaKv.Benchmarks.Storage;
using AkkaKv.Hocon;
using AkkaKv.Protocol;
using AkkaKv.Server;
using AkkaKv.Server.Cluster;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Config;
using AkkaKv.Server.Journal;
using AkkaKv.Server.Stats;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Commands;

/// <summary>
/// The real GET, SET and INCR handlers run the way a shard runs a batch (ShardActor.RunBatch and Run): the context
/// entered once per batch, each request prepared, executed, followed up and timed into the stats, its reply written
/// into the batch's writer, the batch's journal frames handed over on exit. Arguments go into one reused
/// <see cref="RequestArgs"/>, as the request reader fills them. 65,536 keys, visited in random order, hold 3-byte
/// values (redis-benchmark's default). Results are per command.
/// </summary>
[MemoryDiagnoser]
public class StringCommandBenchmarks
{
    private const int Commands = 16;

    private static readonly byte[] Get = "GET"u8.ToArray();
    private static readonly byte[] Set = "SET"u8.ToArray();
    private static readonly byte[] Incr = "INCR"u8.ToArray();

    private readonly RequestArgs _args = new();
    private readonly RespWriter _replies = new();
    private readonly byte[] _value = "xxx"u8.ToArray();
    private ActorSystem _system = null!;
    private NodeState _node = null!;
    private CommandContext _context = null!;
    private CommandDefinition _get = null!;
    private CommandDefinition _set = null!;
    private CommandDefinition _incr = null!;
    private Names _keys = null!;
    private Names _missingKeys = null!;
    private Names _counters = null!;

    /// <summary>Commands per batch: 1 as from a client waiting for each reply, 16 as from redis-benchmark -P 16.</summary>
    [Params(1, 16)]
    public int Pipeline { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", Config.ParseString("akkakv.actors.log-dead-letters = 0"));
        var settings = new ServerSettings(Config.ParseString("akkakv.server.shards = 1").WithFallback(ServerSettings.Reference));
        _node = new NodeState(_system, settings, new DiscardingJournal(), new Standalone());
        _context = new CommandContext(_node, _node.Stats.Shards[0]);
        _get = _node.Commands.Find(Get)!;
        _set = _node.Commands.Find(Set)!;
        _incr = _node.Commands.Find(Incr)!;

        // Wired as the shard wires its keyspace.
        var keyspace = _node.Shards.Keyspaces[0];
        keyspace.KeyExpired = CommandContext.OnKeyExpired;
        keyspace.MembersExpired = CommandContext.OnMembersExpired;
        keyspace.KeyUnlinked = CommandContext.OnKeyUnlinked;
        keyspace.KeepsExpiredKeys = () => _node.Pause.HoldsExpiry;

        const int KeyCount = 65_536;
        _keys = new Names("key:", KeyCount);
        _missingKeys = new Names("nokey:", KeyCount);
        _counters = new Names("counter:", KeyCount);
        var now = NodeState.NowMs();
        foreach (var key in _keys.All)
        {
            keyspace[0].Set(key, _value.ToArray(), nowMs: now);
        }

        // Seven digits, as a counter that has been counting a while.
        foreach (var counter in _counters.All)
        {
            keyspace[0].Set(counter, "1000000"u8.ToArray(), nowMs: now);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _replies.Dispose();
        _system.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Commands, Baseline = true)]
    public int GetHit() => RunBatches(_get, Get, _keys, value: null);

    [Benchmark(OperationsPerInvoke = Commands)]
    public int GetMiss() => RunBatches(_get, Get, _missingKeys, value: null);

    /// <summary>SET of an existing key: the value, of the same length, is overwritten in its array, and the write is journaled.</summary>
    [Benchmark(OperationsPerInvoke = Commands)]
    public int SetOverwrite() => RunBatches(_set, Set, _keys, _value);

    [Benchmark(OperationsPerInvoke = Commands)]
    public int IncrExisting() => RunBatches(_incr, Incr, _counters, value: null);

    private int RunBatches(CommandDefinition command, byte[] name, Names keys, byte[]? value)
    {
        _replies.Reset();
        for (var done = 0; done < Commands; done += Pipeline)
        {
            _context.Enter(NodeState.NowMs());
            _context.ReachableShards = 1;
            for (var i = 0; i < Pipeline; i++)
            {
                _args.Reset();
                _args.Add(name);
                _args.Add(keys.Next());
                if (value is not null)
                {
                    _args.Add(value);
                }

                Run(command);
            }

            _context.Exit();
        }

        return _replies.Length;
    }

    /// <summary>ShardActor.Run's steps for one request.</summary>
    private void Run(CommandDefinition command)
    {
        var started = Stopwatch.GetTimestamp();
        _context.Prepare(command, _args, 0, _replies, noTouch: false);
        var writes = _context.CommandWrites;
        command.Execute!(_context);
        _context.AfterCommand(command, _args, 0, changed: _context.CommandWrites != writes);
        var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        _context.Stats.Record(command.Id, micros, _context.Failed);
        if ((ulong)micros >= _node.Settings.CommandReportMicros)
        {
            SlowCommandReport.Submit(_node, command, _args, micros, client: null);
        }
    }

    /// <summary>Drops the batches: what a journal does with them is the journal's cost, not the command's.</summary>
    private sealed class DiscardingJournal : IJournal
    {
        public bool IsRecording => true;

        public long Offset => 0;

        public long BacklogSize => 0;

        public void Append(ReadOnlySpan<byte> frames)
        {
        }
    }

    private sealed class Standalone : IClusterRouter
    {
        public bool Enabled => false;

        public string? RedirectFor(int slot) => null;
    }
}
