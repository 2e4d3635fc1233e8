namespace AkkaKv.Storage;

/// <summary>
/// The string commands' semantics over a <see cref="Database"/>, as Redis's t_string.c has them.
/// Protocol-free: statuses and values only. A value handed out is the stored array itself: use it before the next
/// write to its key, which may overwrite it in place (see <see cref="Database.SetString"/>).
/// </summary>
public static partial class StringValue
{
    /// <summary>Redis's default proto-max-bulk-len, the limit APPEND and SETRANGE enforce.</summary>
    public const long MaxStringLength = 512L * 1024 * 1024;

    // OBJECT ENCODING thresholds: OBJ_ENCODING_EMBSTR_SIZE_LIMIT and the longest long long in decimal.
    private const int EmbeddedStringLimit = 44;
    private const int LongestInteger = 20;

    public static StringStatus Get(Database db, ReadOnlySpan<byte> key, long nowMs, out byte[]? value, bool touch = true) =>
        LookupString(db, key, nowMs, touch, out _, out value);

    /// <summary>APPEND; <paramref name="newLength"/> is the length after appending.</summary>
    public static StringStatus Append(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> suffix, long nowMs, out long newLength)
    {
        newLength = 0;
        var status = LookupString(db, key, nowMs, true, out var entry, out var current);
        if (status == StringStatus.WrongType)
        {
            return status;
        }

        var length = (current?.LongLength ?? 0) + suffix.Length;
        if (length > MaxStringLength)
        {
            return StringStatus.TooLarge;
        }

        if (entry is null || current is null)
        {
            db.Set(key, suffix.ToArray(), nowMs: nowMs);
        }
        else
        {
            if (!suffix.IsEmpty)
            {
                var appended = new byte[length];
                current.CopyTo(appended, 0);
                suffix.CopyTo(appended.AsSpan(current.Length));
                entry.Value = appended;
            }

            // Redis appends to an unshared sds, which is "raw" even when nothing was appended.
            entry.StringEncoding = StringEncodingHint.Raw;
        }

        newLength = length;
        return StringStatus.Ok;
    }

    /// <summary>
    /// SETRANGE: writes <paramref name="value"/> at <paramref name="offset"/>, zero-padding as needed.
    /// An empty value changes nothing and creates no key.
    /// </summary>
    public static StringStatus SetRange(Database db, ReadOnlySpan<byte> key, long offset, ReadOnlySpan<byte> value, long nowMs, out long newLength)
    {
        newLength = 0;
        if (offset < 0)
        {
            return StringStatus.OffsetOutOfRange;
        }

        var status = LookupString(db, key, nowMs, true, out var entry, out var current);
        if (status == StringStatus.WrongType)
        {
            return status;
        }

        if (value.IsEmpty)
        {
            newLength = current?.LongLength ?? 0;
            return StringStatus.Ok;
        }

        if (offset > MaxStringLength - value.Length)
        {
            return StringStatus.TooLarge;
        }

        var result = new byte[Math.Max(current?.LongLength ?? 0, offset + value.Length)];
        current?.CopyTo(result, 0);
        value.CopyTo(result.AsSpan((int)offset));
        Store(db, key, entry, result, StringEncodingHint.Raw, nowMs);
        newLength = result.LongLength;
        return StringStatus.Ok;
    }

    /// <summary>
    /// GETRANGE with Redis's index rules: negative indexes count from the end, both ends are clamped,
    /// and an inverted range is empty. A missing key gives <see cref="StringStatus.NotFound"/> and an
    /// empty range.
    /// </summary>
    public static StringStatus GetRange(Database db, ReadOnlySpan<byte> key, long start, long end, long nowMs, out ReadOnlyMemory<byte> range)
    {
        range = ReadOnlyMemory<byte>.Empty;
        var status = LookupString(db, key, nowMs, true, out _, out var value);
        if (status != StringStatus.Ok)
        {
            return status;
        }

        var length = value!.LongLength;
        if (start < 0 && end < 0 && start > end)
        {
            return StringStatus.Ok;
        }

        start = Math.Max(0, start < 0 ? length + start : start);
        end = Math.Max(0, end < 0 ? length + end : end);
        end = Math.Min(end, length - 1);
        if (start <= end && length > 0)
        {
            range = value.AsMemory((int)start, (int)(end - start + 1));
        }

        return StringStatus.Ok;
    }

    /// <summary>INCRBY (and INCR, DECR, DECRBY): a missing key counts as 0; the TTL is kept.</summary>
    public static StringStatus IncrBy(Database db, ReadOnlySpan<byte> key, long delta, long nowMs, out long result)
    {
        result = 0;
        var status = LookupString(db, key, nowMs, true, out var entry, out var current);
        if (status == StringStatus.WrongType)
        {
            return status;
        }

        long value = 0;
        if (current is not null && !TryParseInteger(current, out value))
        {
            return StringStatus.NotInteger;
        }

        if ((delta < 0 && value < 0 && delta < long.MinValue - value) ||
            (delta > 0 && value > 0 && delta > long.MaxValue - value))
        {
            return StringStatus.Overflow;
        }

        result = value + delta;
        Span<byte> text = stackalloc byte[MaxIntegerTextLength];
        var formatted = FormatInteger(result, text);
        // Most increments keep the length: the counter's array is reused then (see Database.SetString).
        var stored = current?.Length == formatted.Length ? current : new byte[formatted.Length];
        formatted.CopyTo(stored);
        Store(db, key, entry, stored, StringEncodingHint.FromContent, nowMs);
        return StringStatus.Ok;
    }

    /// <summary>
    /// INCRBYFLOAT with the increment already parsed. The double is taken as its shortest round-trip
    /// text, which is what a client typed in all usual cases; <see cref="IncrByFloat(Database, ReadOnlySpan{byte}, ReadOnlySpan{byte}, long, out byte[])"/>
    /// parses the client's text itself and matches Redis exactly in every case.
    /// </summary>
    public static StringStatus IncrByFloat(Database db, ReadOnlySpan<byte> key, double delta, long nowMs, out byte[] formatted) =>
        IncrByFloat(db, key, true, LongDouble.FromDouble(delta), nowMs, out formatted);

    /// <summary>
    /// INCRBYFLOAT: the stored value and the increment are parsed and added in long double precision and
    /// the sum is stored formatted as Redis does (10.5 + 0.1 is "10.6"); the TTL is kept.
    /// </summary>
    public static StringStatus IncrByFloat(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> increment, long nowMs, out byte[] formatted)
    {
        var valid = LongDouble.TryParse(increment, out var parsed);
        return IncrByFloat(db, key, valid, parsed, nowMs, out formatted);
    }

    /// <summary>OBJECT ENCODING of a string judged by its content alone: "int", "embstr" or "raw".</summary>
    public static ReadOnlySpan<byte> Encoding(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= LongestInteger && TryParseInteger(value, out _))
        {
            return "int"u8;
        }

        return value.Length <= EmbeddedStringLimit ? "embstr"u8 : "raw"u8;
    }

    /// <summary>
    /// OBJECT ENCODING of a stored string, which also depends on how it was written: APPEND and SETRANGE
    /// leave "raw", INCRBYFLOAT never "int".
    /// </summary>
    public static ReadOnlySpan<byte> Encoding(KeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = (byte[])entry.Value;
        return entry.StringEncoding switch
        {
            StringEncodingHint.Raw => "raw"u8,
            StringEncodingHint.NotInteger => value.Length <= EmbeddedStringLimit ? "embstr"u8 : "raw"u8,
            _ => Encoding(value),
        };
    }

    // Redis parses the stored value before the increment, which decides nothing but the order of checks.
    private static StringStatus IncrByFloat(Database db, ReadOnlySpan<byte> key, bool incrementValid, LongDouble increment, long nowMs, out byte[] formatted)
    {
        formatted = [];
        var status = LookupString(db, key, nowMs, true, out var entry, out var current);
        if (status == StringStatus.WrongType)
        {
            return status;
        }

        var value = LongDouble.Zero;
        if ((current is not null && !LongDouble.TryParse(current, out value)) || !incrementValid)
        {
            return StringStatus.NotFloat;
        }

        var sum = value.Add(increment);
        if (!sum.IsFinite)
        {
            return StringStatus.NaNOrInfinity;
        }

        formatted = sum.ToHumanString();
        Store(db, key, entry, formatted, StringEncodingHint.NotInteger, nowMs);
        return StringStatus.Ok;
    }

    /// <summary>Replaces the value of an existing entry (keeping its TTL) or creates the key.</summary>
    private static void Store(Database db, ReadOnlySpan<byte> key, KeyEntry? entry, byte[] value, StringEncodingHint encoding, long nowMs)
    {
        if (entry is null)
        {
            entry = db.Set(key, value, nowMs: nowMs);
        }
        else
        {
            entry.Value = value;
        }

        entry.StringEncoding = encoding;
    }

    /// <summary>Ok with the value, NotFound (null entry and value) or WrongType (entry set, value null).</summary>
    private static StringStatus LookupString(Database db, ReadOnlySpan<byte> key, long nowMs, bool touch, out KeyEntry? entry, out byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(db);
        value = null;
        entry = db.Lookup(key, nowMs, touch);
        if (entry is null)
        {
            return StringStatus.NotFound;
        }

        value = entry.Value as byte[];
        return value is null ? StringStatus.WrongType : StringStatus.Ok;
    }
}
