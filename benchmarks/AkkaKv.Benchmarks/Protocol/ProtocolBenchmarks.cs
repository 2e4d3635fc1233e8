using System.Buffers;
using System.Text;
using AkkaKv.Protocol;
using BenchmarkDotNet.Attributes;

namespace AkkaKv.Benchmarks.Protocol;

/// <summary>
/// The protocol's share of a request: framing and reading a redis-benchmark style pipeline (-P 16,
/// SET then GET per key) and writing the replies. Results are per command.
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private const int Pairs = 8;
    private const int Commands = Pairs * 2;

    private readonly RequestArgs _args = new();
    private readonly RespWriter _writer = new();
    private byte[] _pipeline = [];
    private ReadOnlySequence<byte> _segmentedPipeline;
    private byte[] _value = [];
    private RequestFramer _framer = new(ProtocolLimits.Default);

    /// <summary>Bytes per value: redis-benchmark's default 3, and a typical small object.</summary>
    [Params(3, 256)]
    public int ValueSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _value = Encoding.ASCII.GetBytes(new string('x', ValueSize));
        var text = new StringBuilder();
        for (int i = 0; i < Pairs; i++)
        {
            string key = $"key:{i:D12}";
            text.Append($"*3\r\n$3\r\nSET\r\n${key.Length}\r\n{key}\r\n${ValueSize}\r\n{new string('x', ValueSize)}\r\n");
            text.Append($"*2\r\n$3\r\nGET\r\n${key.Length}\r\n{key}\r\n");
        }

        _pipeline = Encoding.ASCII.GetBytes(text.ToString());
        _segmentedPipeline = TwoSegments(_pipeline, _pipeline.Length / 2);
    }

    [Benchmark(OperationsPerInvoke = Commands, Baseline = true)]
    public int FrameAndReadPipeline()
    {
        int arguments = 0;
        ReadOnlySpan<byte> rest = _pipeline;
        while (_framer.TryFrame(rest, out long length, out FrameKind kind) == FrameStatus.Complete)
        {
            RequestReader.TryRead(rest[..(int)length], kind, _args, out _);
            arguments += _args.Count;
            rest = rest[(int)length..];
        }

        return arguments;
    }

    /// <summary>The same pipeline as a session reads it: each frame's arguments read in the pass that frames it.</summary>
    [Benchmark(OperationsPerInvoke = Commands)]
    public int ReadPipelineWhileFraming()
    {
        int arguments = 0;
        ReadOnlySpan<byte> rest = _pipeline;
        while (_framer.TryFrame(rest, _args, out long length, out FrameKind _, out bool _) == FrameStatus.Complete)
        {
            arguments += _args.Count;
            rest = rest[(int)length..];
        }

        return arguments;
    }

    /// <summary>The same pipeline as a two-segment sequence, as a pipe hands it over after a wrap.</summary>
    [Benchmark(OperationsPerInvoke = Commands)]
    public int FrameAndReadSegmentedPipeline()
    {
        int arguments = 0;
        ReadOnlySequence<byte> rest = _segmentedPipeline;
        while (_framer.TryFrame(rest, out long length, out FrameKind kind) == FrameStatus.Complete)
        {
            RequestReader.TryRead(rest.Slice(0, length), kind, _args, out _);
            arguments += _args.Count;
            rest = rest.Slice(length);
        }

        return arguments;
    }

    /// <summary>The replies to the pipeline: +OK for each SET, the value for each GET.</summary>
    [Benchmark(OperationsPerInvoke = Commands)]
    public int WriteReplies()
    {
        _writer.Reset();
        for (int i = 0; i < Pairs; i++)
        {
            _writer.WriteOk();
            _writer.WriteBulk(_value);
        }

        return _writer.Length;
    }

    /// <summary>Other common shapes: integers, nulls, a small array, a double (RESP3).</summary>
    [Benchmark(OperationsPerInvoke = Commands)]
    public int WriteMixedReplies()
    {
        _writer.Reset();
        _writer.Protocol = 3;
        for (int i = 0; i < Pairs; i++)
        {
            _writer.WriteInteger(1_000_000 + i);
            _writer.WriteNull();
            _writer.WriteArrayHeader(2);
            _writer.WriteBulk(_value);
            _writer.WriteDouble(i + 0.25);
        }

        _writer.Protocol = 2;
        return _writer.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int cut)
    {
        var first = new Segment(bytes.AsMemory(0, cut), 0);
        var second = new Segment(bytes.AsMemory(cut), cut);
        first.Link(second);
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void Link(Segment next) => Next = next;
    }
}
