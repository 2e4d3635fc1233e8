namespace AkkaKv.Storage;

/// <summary>Receives hash entries one by one (HSCAN, HRANDFIELD), so a reply streams without an intermediate list.</summary>
public interface IHashEntryVisitor
{
    /// <summary>Takes one entry; false stops the walk (a reply grown too big).</summary>
    bool Visit(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value);
}
