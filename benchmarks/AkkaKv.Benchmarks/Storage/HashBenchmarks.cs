using AkkaKv.Storage;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Storage;

/// <summary>
/// A hash's operations on the storage API, on a hash small enough to be a listpack and on one that is a hashtable.
/// Lookups must not allocate. Storing a field does: in the hashtable each field is an array of its own, and an
/// overwrite makes a new one, as stored arrays are never changed in place (clones share them).
/// </summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private readonly CollectionLimits _limits = CollectionLimits.Default;
    private readonly byte[] _newField = "field:9999999"u8.ToArray();
    private readonly byte[] _value = "value:000000"u8.ToArray();
    private HashValue _hash = null!;
    private Names _fields = null!;
    private Names _missingFields = null!;

    /// <summary>Fields in the hash: 100 is a listpack, 100,000 a hashtable.</summary>
    [Params(100, 100_000)]
    public int Fields { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hash = new HashValue();
        _fields = new Names("field:", Fields);
        _missingFields = new Names("nofield:", Fields);
        foreach (var field in _fields.All)
        {
            _hash.Set(field, _value, _limits);
        }
    }

    /// <summary>HGET of a field that is there.</summary>
    [Benchmark(Baseline = true)]
    public int GetHit()
    {
        _hash.TryGet(_fields.Next(), out var value);
        return value.Length;
    }

    /// <summary>HGET of a field that is not.</summary>
    [Benchmark]
    public bool GetMiss() => _hash.TryGet(_missingFields.Next(), out _);

    /// <summary>HSET of an existing field with a value of the same length.</summary>
    [Benchmark]
    public bool SetExisting() => _hash.Set(_fields.Next(), _value, _limits);

    /// <summary>HSET of a new field, then HDEL of it: the hash keeps its size.</summary>
    [Benchmark]
    public bool SetNewThenRemove()
    {
        _hash.Set(_newField, _value, _limits);
        return _hash.Remove(_newField);
    }
}
