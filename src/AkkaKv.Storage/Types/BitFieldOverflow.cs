namespace AkkaKv.Storage;

/// <summary>BITFIELD's OVERFLOW behaviour for SET and INCRBY.</summary>
public enum BitFieldOverflow
{
    /// <summary>Wrap around (modulo the width; signed values wrap to the most negative).</summary>
    Wrap,

    /// <summary>Saturate at the type's minimum or maximum.</summary>
    Sat,

    /// <summary>Write nothing and reply null for that operation.</summary>
    Fail,
}
