using System.Globalization;
using System.Text;

namespace AkkaKv.Benchmarks.Storage;

/// <summary>
/// Keys or members for the benchmarks, <paramref name="prefix"/> and a six-digit number, in a fixed random order so the
/// data structure's memory is visited as real traffic visits it. <see cref="Next"/> reads them back to back from one
/// array, as requests arrive in a receive buffer: the argument's own bytes are where the prefetcher expects them, and
/// only the structure being measured misses the cache.
/// </summary>
internal sealed class Names
{
    private readonly byte[] _stream;
    private readonly int _length;
    private int _next;

    public Names(string prefix, int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1_000_000);
        All = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            All[i] = Encoding.ASCII.GetBytes(prefix + i.ToString("D6", CultureInfo.InvariantCulture));
        }

        new Random(seed).Shuffle(All);
        _length = All[0].Length;
        _stream = All.SelectMany(name => name).ToArray();
    }

    /// <summary>Every name, in the random order (all of the same length).</summary>
    public byte[][] All { get; }

    /// <summary>The next name in the order, starting over after the last.</summary>
    public ReadOnlySpan<byte> Next() => Next(out _);

    /// <summary>The next name and its index in <see cref="All"/>.</summary>
    public ReadOnlySpan<byte> Next(out int index)
    {
        index = _next;
        _next = _next + 1 == All.Length ? 0 : _next + 1;
        return _stream.AsSpan(index * _length, _length);
    }
}
