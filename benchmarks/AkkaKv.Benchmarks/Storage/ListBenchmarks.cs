using AkkaKv.Storage;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Storage;

/// <summary>
/// A list's operations on the storage API, on a list small enough to be one listpack and on one long enough to be a
/// quicklist. The list keeps its length (each push is paired with a pop), so what allocates is the operation itself.
/// The long list's head node is full, so there each push starts a node and each pop drops it again, as in Redis's
/// quicklist: a stored element that needs a new node allocates one.
/// </summary>
[MemoryDiagnoser]
public class ListBenchmarks
{
    private const int RangeLength = 10;

    private readonly CollectionLimits _limits = CollectionLimits.Default;
    private readonly byte[] _element = "element:999999"u8.ToArray();
    private ListValue _list = null!;
    private int _next;

    /// <summary>Elements in the list: 100 is a listpack, 100,000 a quicklist of 8 KB nodes.</summary>
    [Params(100, 100_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _list = new ListValue();
        foreach (var element in new Names("element:", Length).All)
        {
            _list.PrepareToGrow(element.Length, 1, _limits);
            _list.PushTail(element);
        }
    }

    /// <summary>LPUSH then a pop taking the element away (LMOVE pushes it elsewhere): it comes back as a new array.</summary>
    [Benchmark(Baseline = true)]
    public int PushHeadPopHead()
    {
        _list.PrepareToGrow(_element.Length, 1, _limits);
        _list.PushHead(_element);
        return _list.PopHead()!.Length;
    }

    /// <summary>LPUSH then LPOP as its handler pops: the reply is written from the head in place, then the head removed.</summary>
    [Benchmark]
    public int PushHeadReadAndRemoveHead()
    {
        _list.PrepareToGrow(_element.Length, 1, _limits);
        _list.PushHead(_element);
        _list.TryGet(0, out var head);
        var length = head.Length;
        _list.RemoveRange(0, 1);
        return length;
    }

    /// <summary>LINDEX at varying positions.</summary>
    [Benchmark]
    public int Index()
    {
        _list.TryGet(NextIndex(), out var element);
        return element.Length;
    }

    /// <summary>LRANGE of ten elements from varying positions, streamed from the nodes.</summary>
    [Benchmark]
    public int Range()
    {
        var total = 0;
        var taken = 0;
        var elements = _list.Enumerate(NextIndex() % (Length - RangeLength), reverse: false);
        while (taken++ < RangeLength && elements.MoveNext())
        {
            total += elements.Current.Length;
        }

        return total;
    }

    private int NextIndex()
    {
        // A multiplicative step visits every index in a scattered order.
        _next = (int)((_next + 7_919L) % Length);
        return _next;
    }
}
