using AkkaKv.Storage;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Storage;

/// <summary>
/// A set's operations on the storage API, on a set small enough to be a listpack and on one that is a hashtable
/// (members are not integers, so never an intset). Lookups and adding a member already there must not allocate;
/// in the hashtable a new member is an array of its own.
/// </summary>
[MemoryDiagnoser]
public class SetBenchmarks
{
    private readonly CollectionLimits _limits = CollectionLimits.Default;
    private readonly byte[] _newMember = "member:9999999"u8.ToArray();
    private SetValue _set = null!;
    private Names _members = null!;
    private Names _missingMembers = null!;

    /// <summary>Members in the set: 100 is a listpack, 100,000 a hashtable.</summary>
    [Params(100, 100_000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _members = new Names("member:", Members);
        _missingMembers = new Names("nomember:", Members);
        _set = SetValue.Create(_members.All[0], Members, _limits);
        foreach (var member in _members.All)
        {
            _set.Add(member, _limits);
        }
    }

    /// <summary>SISMEMBER of a member that is there.</summary>
    [Benchmark(Baseline = true)]
    public bool ContainsHit() => _set.Contains(_members.Next());

    /// <summary>SISMEMBER of a member that is not.</summary>
    [Benchmark]
    public bool ContainsMiss() => _set.Contains(_missingMembers.Next());

    /// <summary>SADD of a member already there.</summary>
    [Benchmark]
    public bool AddExisting() => _set.Add(_members.Next(), _limits);

    /// <summary>SADD of a new member, then SREM of it: the set keeps its size.</summary>
    [Benchmark]
    public bool AddNewThenRemove()
    {
        _set.Add(_newMember, _limits);
        return _set.Remove(_newMember);
    }
}
