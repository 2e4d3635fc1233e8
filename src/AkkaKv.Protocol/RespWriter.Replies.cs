using System.Text;

namespace AkkaKv.Protocol;

/// <summary>The reply types, each in the form Redis gives it for the connection's protocol.</summary>
public sealed partial class RespWriter
{
    public void WriteOk() => WriteRaw("+OK\r\n"u8);

    /// <summary>A status line; CR and LF are replaced by spaces so the reply stays one line.</summary>
    public void WriteSimpleString(ReadOnlySpan<byte> s)
    {
        WriteByte((byte)'+');
        int start = _length;
        WriteRaw(s);
        ReplaceLineBreaks(start);
        WriteCrlf();
    }

    public void WriteSimpleString(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        WriteByte((byte)'+');
        ReplaceLineBreaks(WriteUtf8(s));
        WriteCrlf();
    }

    /// <summary>
    /// An error whose text starts with its code ("ERR ...", "WRONGTYPE ..."); a leading '-' is not doubled.
    /// Like addReplyErrorFormat, CR and LF at the ends are trimmed and the ones inside become spaces.
    /// </summary>
    public void WriteError(ReadOnlySpan<byte> message)
    {
        WriteByte((byte)'-');
        int start = _length;
        WriteRaw(message.StartsWith("-"u8) ? message[1..] : message);
        FinishErrorLine(start);
    }

    public void WriteError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteByte((byte)'-');
        int start = WriteUtf8(message.StartsWith('-') ? message[1..] : message);
        FinishErrorLine(start);
    }

    public void WriteInteger(long value) => WriteNumberLine((byte)':', value);

    public void WriteBulk(ReadOnlySpan<byte> value)
    {
        WriteNumberLine((byte)'$', value.Length);
        WriteRaw(value);
        WriteCrlf();
    }

    public void WriteBulk(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteNumberLine((byte)'$', Encoding.UTF8.GetByteCount(value));
        WriteUtf8(value);
        WriteCrlf();
    }

    /// <summary>An integer as a bulk string (addReplyBulkLongLong).</summary>
    public void WriteBulk(long value)
    {
        Span<byte> digits = stackalloc byte[MaxIntegerLength];
        System.Buffers.Text.Utf8Formatter.TryFormat(value, digits, out int written);
        WriteBulk(digits[..written]);
    }

    /// <summary>The null bulk string: RESP2 <c>$-1</c>, RESP3 <c>_</c>.</summary>
    public void WriteNull() => WriteRaw(IsResp3 ? "_\r\n"u8 : "$-1\r\n"u8);

    /// <summary>The null array: RESP2 <c>*-1</c>, RESP3 <c>_</c>.</summary>
    public void WriteNullArray() => WriteRaw(IsResp3 ? "_\r\n"u8 : "*-1\r\n"u8);

    public void WriteArrayHeader(int count) => WriteNumberLine((byte)'*', count);

    /// <summary>RESP3 <c>%n</c>; RESP2 a flat array of 2n elements, key then value.</summary>
    public void WriteMapHeader(int pairs)
    {
        if (IsResp3)
        {
            WriteNumberLine((byte)'%', pairs);
        }
        else
        {
            WriteNumberLine((byte)'*', pairs * 2L);
        }
    }

    /// <summary>RESP3 <c>~n</c>; RESP2 an array.</summary>
    public void WriteSetHeader(int count) => WriteNumberLine(IsResp3 ? (byte)'~' : (byte)'*', count);

    /// <summary>RESP3 <c>&gt;n</c>; RESP2 an array, as pub/sub messages are sent there.</summary>
    public void WritePushHeader(int count) => WriteNumberLine(IsResp3 ? (byte)'>' : (byte)'*', count);

    /// <summary>
    /// RESP3 <c>|n</c>, to be followed by n key/value pairs and then the reply they describe. RESP2 has
    /// no attributes, so this writes nothing there, and the caller must skip the pairs too (check
    /// <see cref="Protocol"/>); Redis itself never sends attributes to a RESP2 client.
    /// </summary>
    public void WriteAttributeHeader(int pairs)
    {
        if (IsResp3)
        {
            WriteNumberLine((byte)'|', pairs);
        }
    }

    /// <summary>RESP3 <c>#t</c>/<c>#f</c>; RESP2 the integers 1 and 0.</summary>
    public void WriteBoolean(bool value) => WriteRaw((IsResp3, value) switch
    {
        (true, true) => "#t\r\n"u8,
        (true, false) => "#f\r\n"u8,
        (false, true) => ":1\r\n"u8,
        (false, false) => ":0\r\n"u8,
    });

    /// <summary>RESP3 <c>,d</c>; RESP2 a bulk string. Formatted as Redis 7.2 does (see <see cref="DoubleFormatter"/>).</summary>
    public void WriteDouble(double value)
    {
        if (IsResp3)
        {
            Span<byte> target = Reserve(1 + DoubleFormatter.MaxLength + 2);
            target[0] = (byte)',';
            int length = DoubleFormatter.FormatInto(value, target[1..]);
            target[1 + length] = (byte)'\r';
            target[2 + length] = (byte)'\n';
            _length += length + 3;
        }
        else
        {
            Span<byte> text = stackalloc byte[DoubleFormatter.MaxLength];
            WriteBulk(text[..DoubleFormatter.FormatInto(value, text)]);
        }
    }

    /// <summary>
    /// A double already formatted, as Redis's addReplyHumanLongDouble sends GEOPOS coordinates: RESP3 <c>,text</c>;
    /// RESP2 a bulk string.
    /// </summary>
    public void WriteDoubleText(ReadOnlySpan<byte> text)
    {
        if (!IsResp3)
        {
            WriteBulk(text);
            return;
        }
        WriteRaw(","u8);
        WriteRaw(text);
        WriteRaw("\r\n"u8);
    }

    /// <summary>RESP3 <c>(digits</c>; RESP2 a bulk string.</summary>
    public void WriteBigNumber(ReadOnlySpan<byte> digits)
    {
        if (IsResp3)
        {
            WriteByte((byte)'(');
            WriteRaw(digits);
            WriteCrlf();
        }
        else
        {
            WriteBulk(digits);
        }
    }

    /// <summary>
    /// RESP3 <c>=len\r\nfmt:text</c> where fmt is three bytes ("txt", "mkd"), padded with spaces or cut
    /// as Redis's addReplyVerbatim does; RESP2 a bulk string of the text alone.
    /// </summary>
    public void WriteVerbatim(ReadOnlySpan<byte> format3, ReadOnlySpan<byte> text)
    {
        if (!IsResp3)
        {
            WriteBulk(text);
            return;
        }

        WriteNumberLine((byte)'=', text.Length + 4L);
        Span<byte> prefix = Reserve(4);
        for (int i = 0; i < 3; i++)
        {
            prefix[i] = i < format3.Length ? format3[i] : (byte)' ';
        }

        prefix[3] = (byte)':';
        _length += 4;
        WriteRaw(text);
        WriteCrlf();
    }

    /// <summary>RESP3 <c>!len\r\nmessage</c> (binary safe); RESP2 a simple error.</summary>
    public void WriteBlobError(ReadOnlySpan<byte> message)
    {
        if (!IsResp3)
        {
            WriteError(message);
            return;
        }

        WriteNumberLine((byte)'!', message.Length);
        WriteRaw(message);
        WriteCrlf();
    }

    private void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    private void FinishErrorLine(int start)
    {
        Span<byte> text = _buffer.AsSpan(start, _length - start);
        int trimmedStart = 0;
        while (trimmedStart < text.Length && text[trimmedStart] is (byte)'\r' or (byte)'\n')
        {
            trimmedStart++;
        }

        int trimmedEnd = text.Length;
        while (trimmedEnd > trimmedStart && text[trimmedEnd - 1] is (byte)'\r' or (byte)'\n')
        {
            trimmedEnd--;
        }

        if (trimmedStart > 0)
        {
            text[trimmedStart..trimmedEnd].CopyTo(text);
        }

        _length = start + (trimmedEnd - trimmedStart);
        ReplaceLineBreaks(start);
        WriteCrlf();
    }

    private void ReplaceLineBreaks(int start)
    {
        Span<byte> text = _buffer.AsSpan(start, _length - start);
        int found;
        while ((found = text.IndexOfAny((byte)'\r', (byte)'\n')) >= 0)
        {
            text[found] = (byte)' ';
            text = text[(found + 1)..];
        }
    }
}
