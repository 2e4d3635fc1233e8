namespace AkkaKv.Storage;

/// <summary>Receives set members one by one (SSCAN, SRANDMEMBER, SINTER), so a reply streams without a copy of each.</summary>
public interface ISetMemberVisitor
{
    /// <summary>Takes one member, valid only during the call; false stops the walk.</summary>
    bool Visit(ReadOnlySpan<byte> member);
}
