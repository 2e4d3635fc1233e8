namespace AkkaKv.Storage;

/// <summary>Reading IDs the way Redis's streamGenericParseIDOrReply and string2ull do.</summary>
public readonly partial record struct StreamId
{
    // Redis copies the argument into a 128-byte buffer first and refuses anything longer.
    private const int MaxArgumentLength = 127;

    /// <summary>
    /// Parses "ms-seq", "ms" (seq = <paramref name="missingSeq"/>), "-" (0-0) and "+" (the largest ID); with
    /// <paramref name="strict"/> the last two are refused.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, ulong missingSeq, bool strict, out StreamId id) =>
        TryParse(text, missingSeq, strict, allowAutoSeq: false, out id, out _);

    /// <summary>
    /// Like <see cref="TryParse(ReadOnlySpan{byte}, ulong, bool, out StreamId)"/> (strict), also accepting XADD's "ms-*":
    /// then <paramref name="seqGiven"/> is false and the sequence is left for the stream to choose.
    /// </summary>
    public static bool TryParseForAdd(ReadOnlySpan<byte> text, out StreamId id, out bool seqGiven) =>
        TryParse(text, 0, strict: true, allowAutoSeq: true, out id, out seqGiven);

    private static bool TryParse(ReadOnlySpan<byte> text, ulong missingSeq, bool strict, bool allowAutoSeq, out StreamId id, out bool seqGiven)
    {
        id = default;
        seqGiven = true;
        if (text.Length > MaxArgumentLength) return false;

        // Redis reads the copy as a C string: a NUL byte ends it.
        var nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];

        if (text.Length == 1 && text[0] is (byte)'-' or (byte)'+')
        {
            if (strict) return false;
            id = text[0] == '-' ? Min : Max;
            return true;
        }

        var dash = text.IndexOf((byte)'-');
        if (!TryParseUnsigned(dash < 0 ? text : text[..dash], out var ms)) return false;
        ulong seq;
        if (dash < 0)
        {
            seq = missingSeq;
        }
        else
        {
            var seqText = text[(dash + 1)..];
            if (allowAutoSeq && seqText.Length == 1 && seqText[0] == '*')
            {
                seq = 0;
                seqGiven = false;
            }
            else if (!TryParseUnsigned(seqText, out seq))
            {
                return false;
            }
        }

        id = new StreamId(ms, seq);
        return true;
    }

    /// <summary>
    /// Redis's string2ull: a canonical integer (string2ll) that is not negative, or else whatever C's strtoull
    /// accepts whole: leading white space, a sign ("-" negates modulo 2^64), leading zeros, up to 2^64 - 1.
    /// </summary>
    private static bool TryParseUnsigned(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        if (StringValue.TryParseInteger(text, out var signed))
        {
            if (signed < 0) return false;
            value = (ulong)signed;
            return true;
        }

        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r') i++;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }

        var digitsStart = i;
        ulong magnitude = 0;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9) return false;
            if (magnitude > (ulong.MaxValue - digit) / 10) return false;
            magnitude = magnitude * 10 + digit;
        }

        if (i == digitsStart) return false;
        value = negative ? unchecked(0 - magnitude) : magnitude;
        return true;
    }
}
