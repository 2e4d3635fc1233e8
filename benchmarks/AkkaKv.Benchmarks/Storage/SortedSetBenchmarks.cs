using AkkaKv.Storage;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Storage;

/// <summary>
/// A sorted set's operations on the storage API, on a set small enough to be a listpack and on one that is a skiplist
/// (here a hashtable plus an order-statistics tree). Lookups and score updates must not allocate; in the skiplist a
/// new member is an array of its own.
/// </summary>
[MemoryDiagnoser]
public class SortedSetBenchmarks
{
    private readonly CollectionLimits _limits = CollectionLimits.Default;
    private readonly byte[] _newMember = "member:9999999"u8.ToArray();
    private SortedSetValue _set = null!;
    private Names _members = null!;
    private Names _missingMembers = null!;

    // Each pass over the members moves every score by half, one way then back, so every ZADD is an update.
    private double _offset = 0.5;

    /// <summary>Members in the set: 100 is a listpack, 100,000 a skiplist.</summary>
    [Params(100, 100_000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _members = new Names("member:", Members);
        _missingMembers = new Names("nomember:", Members);
        _set = SortedSetValue.Create(Members, _members.All[0].Length, _limits);
        for (var i = 0; i < Members; i++)
        {
            _set.Add(_members.All[i], i, _limits);
        }
    }

    /// <summary>ZSCORE of a member that is there.</summary>
    [Benchmark(Baseline = true)]
    public double ScoreHit()
    {
        _set.TryGetScore(_members.Next(), out var score);
        return score;
    }

    /// <summary>ZSCORE of a member that is not.</summary>
    [Benchmark]
    public bool ScoreMiss() => _set.TryGetScore(_missingMembers.Next(), out _);

    /// <summary>ZRANK of a member that is there.</summary>
    [Benchmark]
    public int Rank() => _set.RankOf(_members.Next(), out _);

    /// <summary>ZADD changing an existing member's score; the member keeps its rank (its score moves by half).</summary>
    [Benchmark]
    public ZAddResult AddExisting()
    {
        var member = _members.Next(out var index);
        if (index == 0)
        {
            _offset = 0.5 - _offset;
        }

        return _set.Add(member, index + _offset, _limits);
    }

    /// <summary>ZADD of a new member with a score in the middle, then ZREM of it: the set keeps its size.</summary>
    [Benchmark]
    public bool AddNewThenRemove()
    {
        _set.Add(_newMember, Members / 2 + 0.25, _limits);
        return _set.Remove(_newMember);
    }
}
