using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AkkaKv.Scripting.Libraries;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting;

/// <summary>
/// Turns a compiled script's tail calls into ordinary calls. In Redis, redis.call and the libraries are C functions,
/// so <c>return redis.call(...)</c> keeps the script's frame and an error names the script's line; here they are Lua
/// wrappers (errors can only be raised from Lua), and a tail call to one would drop that frame. The rewrite works on
/// the dumped bytecode: OP_TAILCALL becomes OP_CALL with all results, which the OP_RETURN the compiler always emits
/// after it then returns. Scripts lose proper tail calls (deep tail recursion overflows sooner) and keep their lines.
/// </summary>
internal static unsafe class TailCalls
{
    private const int OpCall = 68;
    private const int OpTailCall = 69;
    private const int HeaderSize = 32;

    /// <summary>
    /// Replaces the function on top of <paramref name="l"/> with its rewritten copy; leaves it as it is when the dump
    /// is not in the layout this code knows (then only error positions suffer).
    /// </summary>
    public static void Rewrite(nint l, ByteBuilder scratch)
    {
        scratch.Clear();
        var handle = GCHandle.Alloc(scratch);
        try
        {
            if (Dump(l, &Write, GCHandle.ToIntPtr(handle), 0) != 0) return;
        }
        finally
        {
            handle.Free();
        }
        var chunk = scratch.Span.ToArray();
        if (chunk.Length < HeaderSize || !chunk.AsSpan(0, 5).SequenceEqual("\u001bLuaT"u8)) return;
        var position = HeaderSize;
        if (!TryPatchFunction(chunk, ref position) || position != chunk.Length) return;
        if (LoadBinary(l, chunk, "=user_script\0"u8) != StatusOk)
        {
            Pop(l, 1);
            return;
        }
        // Replace the original below with the rewritten copy.
        Rotate(l, -2, 1);
        Pop(l, 1);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(nint l, byte* data, nuint size, nint userData)
    {
        try
        {
            var scratch = (ByteBuilder)GCHandle.FromIntPtr(userData).Target!;
            scratch.Append(new ReadOnlySpan<byte>(data, checked((int)size)));
            return 0;
        }
        catch (Exception)
        {
            return 1;
        }
    }

    /// <summary>One function of the dump (lundump.c's loadFunction), its nested functions included.</summary>
    private static bool TryPatchFunction(byte[] chunk, ref int position)
    {
        if (!TrySkipString(chunk, ref position) || !TryVarint(chunk, ref position, out _) || !TryVarint(chunk, ref position, out _)) return false;
        position += 3;
        if (!TryVarint(chunk, ref position, out var code) || position + code * 4 > chunk.Length) return false;
        for (var i = 0L; i < code; i++)
        {
            var at = chunk.AsSpan(position + (int)i * 4, 4);
            var instruction = BinaryPrimitives.ReadUInt32LittleEndian(at);
            if ((instruction & 0x7f) != OpTailCall) continue;
            // CALL A B C=0 (all results), k cleared: A and B stay.
            instruction = (instruction & 0x00FF7F80) | OpCall;
            BinaryPrimitives.WriteUInt32LittleEndian(at, instruction);
        }
        position += (int)code * 4;
        if (!TryVarint(chunk, ref position, out var constants)) return false;
        for (var i = 0L; i < constants; i++)
        {
            if (position >= chunk.Length) return false;
            switch (chunk[position++])
            {
                case 0 or 1 or 17: break;
                case 3 or 19: position += 8; break;
                case 4 or 20:
                    if (!TrySkipString(chunk, ref position)) return false;
                    break;
                default: return false;
            }
        }
        if (!TryVarint(chunk, ref position, out var upvalues)) return false;
        position += (int)upvalues * 3;
        if (!TryVarint(chunk, ref position, out var protos)) return false;
        for (var i = 0L; i < protos; i++)
        {
            if (!TryPatchFunction(chunk, ref position)) return false;
        }
        if (!TryVarint(chunk, ref position, out var lineInfo)) return false;
        position += (int)lineInfo;
        if (!TryVarint(chunk, ref position, out var absoluteLines)) return false;
        for (var i = 0L; i < absoluteLines * 2; i++)
        {
            if (!TryVarint(chunk, ref position, out _)) return false;
        }
        if (!TryVarint(chunk, ref position, out var locals)) return false;
        for (var i = 0L; i < locals; i++)
        {
            if (!TrySkipString(chunk, ref position) || !TryVarint(chunk, ref position, out _) || !TryVarint(chunk, ref position, out _)) return false;
        }
        if (!TryVarint(chunk, ref position, out var upvalueNames)) return false;
        for (var i = 0L; i < upvalueNames; i++)
        {
            if (!TrySkipString(chunk, ref position)) return false;
        }
        return position <= chunk.Length;
    }

    /// <summary>lundump's loadSize: big-endian 7-bit groups, the last one marked by its high bit.</summary>
    private static bool TryVarint(byte[] chunk, ref int position, out long value)
    {
        value = 0;
        while (position < chunk.Length)
        {
            var b = chunk[position++];
            value = (value << 7) | (b & 0x7fL);
            if ((b & 0x80) != 0) return value <= int.MaxValue;
        }
        return false;
    }

    /// <summary>A dumped string: its size plus one (0 for none), then its bytes.</summary>
    private static bool TrySkipString(byte[] chunk, ref int position)
    {
        if (!TryVarint(chunk, ref position, out var size)) return false;
        if (size > 0) position += (int)size - 1;
        return position <= chunk.Length;
    }
}
