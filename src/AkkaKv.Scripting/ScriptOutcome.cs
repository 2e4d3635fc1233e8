namespace AkkaKv.Scripting;

/// <summary>
/// How a script ended: its reply written, or the error line to reply instead. <see cref="Error"/> is the whole line as
/// Redis sends it, starting with '-' (a script's <c>{err="-X"}</c> gives "--X", as in Redis).
/// </summary>
public readonly record struct ScriptOutcome(string? Error, bool ErrorCountedByCommand)
{
    public static ScriptOutcome Success => default;

    public bool Succeeded => Error is null;

    public static ScriptOutcome Failure(string line, bool countedByCommand = false) => new(line, countedByCommand);
}
