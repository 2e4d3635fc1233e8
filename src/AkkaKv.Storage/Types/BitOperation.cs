namespace AkkaKv.Storage;

/// <summary>The operation of BITOP.</summary>
public enum BitOperation
{
    And,
    Or,
    Xor,
    Not,
}
