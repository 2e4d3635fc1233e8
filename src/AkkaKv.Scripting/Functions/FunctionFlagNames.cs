namespace AkkaKv.Scripting.Functions;

/// <summary>The flags a function may declare, by name: Redis's scripts_flags_def, in its order (FUNCTION LIST's).</summary>
public static class FunctionFlagNames
{
    public static IReadOnlyList<(string Name, ScriptFlags Flag)> All { get; } =
    [
        ("no-writes", ScriptFlags.NoWrites),
        ("allow-oom", ScriptFlags.AllowOom),
        ("allow-stale", ScriptFlags.AllowStale),
        ("no-cluster", ScriptFlags.NoCluster),
        ("allow-cross-slot-keys", ScriptFlags.AllowCrossSlotKeys),
    ];
}
