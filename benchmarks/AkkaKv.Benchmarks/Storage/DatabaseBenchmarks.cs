using System.Text;
using AkkaKv.Storage;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Storage;

/// <summary>
/// The storage's share of GET and SET on a database of 2^20 (about 1M) keys with 100-byte values,
/// keys visited in random order so the caches see what a real keyspace does to them. GET and the
/// overwriting SET must not allocate.
/// </summary>
[MemoryDiagnoser]
public class DatabaseBenchmarks
{
    private const int KeyCount = 1 << 20;
    private const long Now = 1_700_000_000_000;

    private readonly Database _database = new(0);
    private byte[][] _keys = [];
    private byte[][] _missingKeys = [];
    private byte[] _value = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _keys = new byte[KeyCount][];
        _missingKeys = new byte[KeyCount][];
        for (var i = 0; i < KeyCount; i++)
        {
            _keys[i] = Encoding.ASCII.GetBytes("key:" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
            _missingKeys[i] = Encoding.ASCII.GetBytes("nokey:" + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture));
            _database.Set(_keys[i], new byte[100], nowMs: Now);
        }

        random.Shuffle(_keys);
        random.Shuffle(_missingKeys);
        _value = new byte[100];
    }

    [Benchmark]
    public KeyEntry? LookupHit() => _database.Lookup(NextKey(_keys), Now);

    [Benchmark]
    public KeyEntry? LookupMiss() => _database.Lookup(NextKey(_missingKeys), Now);

    [Benchmark]
    public byte[]? GetHit()
    {
        StringValue.Get(_database, NextKey(_keys), Now, out var value);
        return value;
    }

    [Benchmark]
    public KeyEntry SetOverwrite() => _database.Set(NextKey(_keys), _value, nowMs: Now);

    private byte[] NextKey(byte[][] keys) => keys[_next++ & (KeyCount - 1)];
}
