namespace AkkaKv.Scripting.Functions;

/// <summary>One function of a loaded library, as FUNCTION LIST shows it and FCALL finds it. Immutable.</summary>
public sealed class LibraryFunction
{
    internal LibraryFunction(FunctionLibrary library, string name, byte[]? description, ScriptFlags flags)
    {
        Library = library;
        Name = name;
        Description = description;
        Flags = flags;
    }

    public FunctionLibrary Library { get; }

    public string Name { get; }

    /// <summary>The description given to redis.register_function, if any (any bytes).</summary>
    public byte[]? Description { get; }

    /// <summary>The flags given to redis.register_function (never <see cref="ScriptFlags.Shebang"/>).</summary>
    public ScriptFlags Flags { get; }

    /// <summary>Declared <c>no-writes</c>: FCALL_RO may run it, and its writes are refused.</summary>
    public bool IsReadOnly => (Flags & ScriptFlags.NoWrites) != 0;
}
