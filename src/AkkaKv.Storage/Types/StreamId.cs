using System.Buffers.Text;
using System.Text;

namespace AkkaKv.Storage;

/// <summary>
/// A stream entry ID, "ms-seq": two unsigned 64-bit numbers ordered by ms, then seq (Redis's streamID).
/// </summary>
public readonly partial record struct StreamId(ulong Ms, ulong Seq) : IComparable<StreamId>
{
    /// <summary>Longest text form: two 20-digit numbers and the dash.</summary>
    public const int MaxTextLength = 41;

    public static StreamId Min => default;

    public static StreamId Max => new(ulong.MaxValue, ulong.MaxValue);

    public bool IsZero => Ms == 0 && Seq == 0;

    public int CompareTo(StreamId other)
    {
        var byMs = Ms.CompareTo(other.Ms);
        return byMs != 0 ? byMs : Seq.CompareTo(other.Seq);
    }

    public static bool operator <(StreamId left, StreamId right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamId left, StreamId right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamId left, StreamId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamId left, StreamId right) => left.CompareTo(right) >= 0;

    /// <summary>The next ID (streamIncrID); false, and 0-0, when this is the largest ID.</summary>
    public bool TryIncrement(out StreamId next)
    {
        if (Seq != ulong.MaxValue)
        {
            next = new StreamId(Ms, Seq + 1);
            return true;
        }

        if (Ms != ulong.MaxValue)
        {
            next = new StreamId(Ms + 1, 0);
            return true;
        }

        next = Min;
        return false;
    }

    /// <summary>The previous ID (streamDecrID); false, and the largest ID, when this is 0-0.</summary>
    public bool TryDecrement(out StreamId previous)
    {
        if (Seq != 0)
        {
            previous = new StreamId(Ms, Seq - 1);
            return true;
        }

        if (Ms != 0)
        {
            previous = new StreamId(Ms - 1, ulong.MaxValue);
            return true;
        }

        previous = Max;
        return false;
    }

    /// <summary>Writes "ms-seq" into <paramref name="destination"/> (at least <see cref="MaxTextLength"/> bytes) and returns the length.</summary>
    public int Format(Span<byte> destination) => Format(destination, (byte)'-');

    /// <summary>"ms.seq", the form Redis mixes into DEBUG DIGEST.</summary>
    internal int FormatForDigest(Span<byte> destination) => Format(destination, (byte)'.');

    public byte[] ToBytes()
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        return text[..Format(text)].ToArray();
    }

    public override string ToString()
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        return Encoding.ASCII.GetString(text[..Format(text)]);
    }

    private int Format(Span<byte> destination, byte separator)
    {
        Utf8Formatter.TryFormat(Ms, destination, out var msLength);
        destination[msLength] = separator;
        Utf8Formatter.TryFormat(Seq, destination[(msLength + 1)..], out var seqLength);
        return msLength + 1 + seqLength;
    }
}
