namespace AkkaKv.Storage;

/// <summary>
/// One BITFIELD GET, SET or INCRBY: an integer of <paramref name="Bits"/> bits (1..64 signed, 1..63 unsigned) at bit
/// <paramref name="Offset"/>, the most significant bit first; <paramref name="Value"/> is SET's value or INCRBY's increment.
/// </summary>
public readonly record struct BitFieldOperation(BitFieldKind Kind, bool Signed, int Bits, long Offset, long Value, BitFieldOverflow Overflow)
{
    /// <summary>The last bit of the field: the string must reach it before SET or INCRBY writes.</summary>
    public long LastBit => Offset + Bits - 1;
}
