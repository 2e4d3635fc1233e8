namespace AkkaKv.Storage;

/// <summary>A BITFIELD subcommand that reads or writes an integer (OVERFLOW only changes the operations after it).</summary>
public enum BitFieldKind
{
    Get,
    Set,
    IncrBy,
}
