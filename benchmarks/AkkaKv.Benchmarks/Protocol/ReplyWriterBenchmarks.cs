using AkkaKv.Protocol;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Protocol;

/// <summary>
/// Each reply shape on its own, under RESP2 and RESP3 (where the shapes differ, null and double). The writer's buffer
/// is reused as a session reuses it, so no reply may allocate. Results are per reply.
/// </summary>
[MemoryDiagnoser]
public class ReplyWriterBenchmarks
{
    private const int Replies = 64;

    private readonly RespWriter _writer = new();
    private readonly byte[] _small = "xxx"u8.ToArray();
    private readonly byte[] _large = new byte[256];

    /// <summary>The connection's protocol, as HELLO set it.</summary>
    [Params(2, 3)]
    public int Protocol { get; set; }

    [GlobalSetup]
    public void Setup() => _writer.Protocol = Protocol;

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(OperationsPerInvoke = Replies, Baseline = true)]
    public int Ok()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteOk();
        }

        return _writer.Length;
    }

    /// <summary>A GET hit on redis-benchmark's default 3-byte value.</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public int BulkSmall()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteBulk(_small);
        }

        return _writer.Length;
    }

    [Benchmark(OperationsPerInvoke = Replies)]
    public int BulkLarge()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteBulk(_large);
        }

        return _writer.Length;
    }

    /// <summary>A single digit takes the writer's short path; INCR's counters soon have more.</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public int IntegerOneDigit()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteInteger(i & 7);
        }

        return _writer.Length;
    }

    [Benchmark(OperationsPerInvoke = Replies)]
    public int IntegerManyDigits()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteInteger(1_000_000_007L * i);
        }

        return _writer.Length;
    }

    /// <summary>A GET miss: <c>$-1</c> in RESP2, <c>_</c> in RESP3.</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public int Null()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteNull();
        }

        return _writer.Length;
    }

    /// <summary>The header of an LRANGE or MGET reply.</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public int ArrayHeader()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteArrayHeader(i);
        }

        return _writer.Length;
    }

    /// <summary>ZSCORE's reply: a bulk string in RESP2, <c>,</c> in RESP3; integral scores print as integers.</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public int DoubleIntegral()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteDouble(i);
        }

        return _writer.Length;
    }

    /// <summary>A fractional score goes through the Grisu2 shortest-digits conversion.</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public int DoubleFractional()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteDouble(i + 0.1);
        }

        return _writer.Length;
    }

    /// <summary>WRONGTYPE as commands send it, from a string (encoded into the buffer, then scanned for line breaks).</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public int Error()
    {
        _writer.Reset();
        for (var i = 0; i < Replies; i++)
        {
            _writer.WriteError("WRONGTYPE Operation against a key holding the wrong kind of value");
        }

        return _writer.Length;
    }
}
