namespace AkkaKv.MultiNode.Tests.Framework;

/// <summary>A node's part in a spec ("first", "second"), as Akka's multi-node specs name them.</summary>
public sealed record RoleName(string Name)
{
    public override string ToString() => Name;
}
