using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Storage;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Commands;

/// <summary>
/// What a session does with a request before any shard sees it: finding the command by name (any case), checking its
/// arity, and finding its keys and their hash slots (which pick the shard). None of it may allocate. Results are per
/// request.
/// </summary>
[MemoryDiagnoser]
public class CommandDispatchBenchmarks
{
    private readonly CommandTable _table = CommandTable.Default;
    private readonly List<int> _keyIndexes = new(4);
    private readonly RequestArgs _get = RequestArgs.From("GET", "key:000123");
    private readonly RequestArgs _lowercaseSet = RequestArgs.From("set", "key:000123", "xxx");
    private readonly RequestArgs _mset = RequestArgs.From("MSET", "key:1", "a", "key:2", "b", "key:3", "c");
    private readonly RequestArgs _unknown = RequestArgs.From("NOSUCHCOMMAND", "key:000123");

    [Benchmark(Baseline = true)]
    public int Get() => Dispatch(_get);

    /// <summary>Names are matched without regard to case; redis-benchmark sends them in upper case, many clients in lower.</summary>
    [Benchmark]
    public int LowercaseSet() => Dispatch(_lowercaseSet);

    /// <summary>Three keys: a slot each to compute.</summary>
    [Benchmark]
    public int MSet() => Dispatch(_mset);

    [Benchmark]
    public int Unknown() => Dispatch(_unknown);

    /// <summary>Returns the slot of the last key, -1 when the command is unknown or its arity wrong.</summary>
    private int Dispatch(RequestArgs args)
    {
        var command = _table.Find(args[0]);
        if (command is null || !command.ArityMatches(args.Count))
        {
            return -1;
        }

        _keyIndexes.Clear();
        command.CollectKeys(args, 0, _keyIndexes);
        var slot = 0;
        foreach (var index in _keyIndexes)
        {
            slot = HashSlot.Of(args[index]);
        }

        return slot;
    }
}
