namespace AkkaKv.Scripting.Functions;

/// <summary>
/// A function a library's code registered while it loaded in one interpreter: what FUNCTION LIST shows of it, and the
/// registry reference of its callback in that interpreter's Lua state.
/// </summary>
public readonly record struct RegisteredFunction(string Name, byte[]? Description, ScriptFlags Flags, int Reference);
