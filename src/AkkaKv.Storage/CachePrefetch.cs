using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace AkkaKv.Storage;

/// <summary>
/// Asks the CPU to start loading a cache line that is about to be read. A hint only: it never faults and changes
/// nothing, so an address gone stale (the GC moved the object) costs a wasted load at most. A no-op where x86's
/// prefetch instruction is not available.
/// </summary>
internal static unsafe class CachePrefetch
{
    public static void Line<T>(ref T location)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref location));
    }

    /// <summary>The start of an object: its header and first fields (an array's length and first elements).</summary>
    public static void Object(object? target)
    {
        if (Sse.IsSupported && target is not null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref target));
    }
}
