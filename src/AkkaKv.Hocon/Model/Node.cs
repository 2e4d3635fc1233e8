namespace AkkaKv.Hocon.Model;

/// <summary>
/// A value in the configuration tree. Objects, arrays and scalars are "resolved shapes"; substitutions,
/// concatenations and merge stacks exist only until the resolver replaces them.
/// </summary>
internal abstract class Node
{
    /// <summary>True for nodes whose final value depends on substitutions.</summary>
    public abstract bool IsUnresolved { get; }
}
