namespace AkkaKv.Storage;

/// <summary>A node of a <see cref="ZSetTree"/>: a leaf of elements or a branch of nodes.</summary>
internal abstract class ZSetNode
{
    /// <summary>Entries in this node: elements of a leaf, children of a branch.</summary>
    public int Length { get; set; }

    /// <summary>The number of elements under this node.</summary>
    public abstract int Total { get; }
}
