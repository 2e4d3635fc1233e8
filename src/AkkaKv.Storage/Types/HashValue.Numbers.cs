namespace AkkaKv.Storage;

/// <summary>HINCRBY and HINCRBYFLOAT, with Redis's number rules (string2ll, and long double for floats).</summary>
public sealed partial class HashValue
{
    /// <summary>
    /// Checks HINCRBYFLOAT's increment the way Redis does before it even looks the key up: long double syntax
    /// (<see cref="HashStatus.IncrementNotFloat"/>), and finite (<see cref="HashStatus.IncrementNotFinite"/>).
    /// </summary>
    public static HashStatus CheckFloatIncrement(ReadOnlySpan<byte> increment)
    {
        if (!LongDouble.TryParse(increment, out var parsed))
        {
            return HashStatus.IncrementNotFloat;
        }

        return parsed.IsFinite ? HashStatus.Ok : HashStatus.IncrementNotFinite;
    }

    /// <summary>HINCRBY: a missing field counts as 0; the field keeps its deadline.</summary>
    public HashStatus IncrBy(ReadOnlySpan<byte> field, long delta, CollectionLimits limits, out long result)
    {
        result = 0;
        long value = 0;
        if (TryGet(field, out var current) && !StringValue.TryParseInteger(current, out value))
        {
            return HashStatus.ValueNotInteger;
        }

        if ((delta < 0 && value < 0 && delta < long.MinValue - value) ||
            (delta > 0 && value > 0 && delta > long.MaxValue - value))
        {
            return HashStatus.Overflow;
        }

        result = value + delta;
        Span<byte> text = stackalloc byte[20];
        result.TryFormat(text, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Set(field, text[..written], limits, keepDeadline: true);
        return HashStatus.Ok;
    }

    /// <summary>
    /// HINCRBYFLOAT: value and increment are added in long double precision and the sum stored formatted as Redis's
    /// ld2string does (it is also what the command replies and journals); a missing field counts as 0, and the field
    /// keeps its deadline.
    /// </summary>
    public HashStatus IncrByFloat(ReadOnlySpan<byte> field, ReadOnlySpan<byte> increment, CollectionLimits limits, out byte[] formatted)
    {
        formatted = [];
        var check = CheckFloatIncrement(increment);
        if (check != HashStatus.Ok)
        {
            return check;
        }

        LongDouble.TryParse(increment, out var delta);
        var value = LongDouble.Zero;
        if (TryGet(field, out var current) && !LongDouble.TryParse(current, out value))
        {
            return HashStatus.ValueNotFloat;
        }

        var sum = value.Add(delta);
        if (!sum.IsFinite)
        {
            return HashStatus.ResultNotFinite;
        }

        formatted = sum.ToHumanString();
        Set(field, formatted, limits, keepDeadline: true);
        return HashStatus.Ok;
    }
}
