namespace AkkaKv.Scripting;

/// <summary>What a script's shebang line (<c>#!lua flags=...</c>) declares; none without a shebang.</summary>
[Flags]
public enum ScriptFlags
{
    None = 0,
    /// <summary>The script starts with a <c>#!lua</c> line: it touches only the keys it declares.</summary>
    Shebang = 1 << 0,
    NoWrites = 1 << 1,
    AllowOom = 1 << 2,
    AllowStale = 1 << 3,
    NoCluster = 1 << 4,
    AllowCrossSlotKeys = 1 << 5,
}
