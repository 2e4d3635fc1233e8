namespace AkkaKv.Server.Journal;

/// <summary>
/// One argument of a journaled effect: bytes (an array, or a slice such as a request argument) or an integer, written
/// as its decimal text. A handler journaling a rewritten effect (SET ... PXAT ms) names its arguments where they
/// already are instead of copying or formatting them into new arrays.
/// </summary>
public readonly struct JournalArgument
{
    private JournalArgument(ReadOnlyMemory<byte> bytes, long integer, bool isInteger)
    {
        Bytes = bytes;
        Integer = integer;
        IsInteger = isInteger;
    }

    internal ReadOnlyMemory<byte> Bytes { get; }
    internal long Integer { get; }
    internal bool IsInteger { get; }

    public static implicit operator JournalArgument(byte[] bytes) => new(bytes, 0, isInteger: false);

    public static implicit operator JournalArgument(ReadOnlyMemory<byte> bytes) => new(bytes, 0, isInteger: false);

    public static implicit operator JournalArgument(long integer) => new(default, integer, isInteger: true);
}
