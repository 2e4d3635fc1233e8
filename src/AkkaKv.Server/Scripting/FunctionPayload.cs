using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using AkkaKv.Scripting.Functions;
using AkkaKv.Server.Commands;
using AkkaKv.Storage;

namespace AkkaKv.Server.Scripting;

/// <summary>
/// FUNCTION DUMP's payload, as Redis writes it: for each library the RDB opcode FUNCTION2 and its code as an RDB
/// string, then the RDB version (2 bytes, little-endian) and the CRC64 of everything before (8 bytes, little-endian).
/// Reads what Redis writes too: strings LZF-compressed or integer-encoded.
/// </summary>
internal static class FunctionPayload
{
    private const byte FunctionOpcode = 245;
    private const byte PreGaFunctionOpcode = 246;
    private const int FooterLength = 10;

    /// <summary>
    /// The RDB version dumps carry: 10 (Redis 7.0's), whose function records Redis 7.2's 11 left unchanged, so that
    /// Redis 7.0 restores them too (it refuses any version above its own).
    /// </summary>
    private const ushort WrittenRdbVersion = 10;

    /// <summary>The newest RDB version accepted: Redis 7.2's.</summary>
    private const ushort NewestRdbVersion = 11;

    public static byte[] Write(FunctionLibraries libraries)
    {
        var payload = new List<byte>();
        foreach (var library in libraries.Libraries)
        {
            payload.Add(FunctionOpcode);
            WriteLength(payload, library.Code.Length);
            payload.AddRange(library.Code);
        }
        Span<byte> footer = stackalloc byte[FooterLength];
        BinaryPrimitives.WriteUInt16LittleEndian(footer, WrittenRdbVersion);
        payload.Add(footer[0]);
        payload.Add(footer[1]);
        var bytes = payload.ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(footer[2..], Crc64.Compute(bytes));
        return [.. bytes, .. footer[2..]];
    }

    /// <summary>
    /// The libraries' codes in <paramref name="payload"/>, in order; null with Redis's error reply when its footer or a
    /// record is wrong.
    /// </summary>
    public static List<byte[]>? Read(ReadOnlySpan<byte> payload, out string? error)
    {
        error = null;
        if (!FooterIsValid(payload))
        {
            error = ErrorReplies.BadDumpPayload;
            return null;
        }
        var codes = new List<byte[]>();
        var position = 0;
        // As Redis: records until only the footer's 10 bytes are left; a record's string may still run into them.
        while (payload.Length - position > FooterLength)
        {
            var type = payload[position++];
            if (type == PreGaFunctionOpcode) error = ErrorReplies.PreGaFunctionPayload;
            else if (type != FunctionOpcode) error = ErrorReplies.PayloadNotFunction;
            else if (ReadString(payload, ref position) is { } code) codes.Add(code);
            else error = ErrorReplies.FunctionPayloadUnreadable;
            if (error is not null) return null;
        }
        return codes;
    }

    /// <summary>Redis's verifyDumpPayload: at least the footer, an RDB version it knows, and a matching CRC64.</summary>
    private static bool FooterIsValid(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < FooterLength) return false;
        var version = BinaryPrimitives.ReadUInt16LittleEndian(payload[^FooterLength..]);
        if (version > NewestRdbVersion) return false;
        return Crc64.Compute(payload[..^8]) == BinaryPrimitives.ReadUInt64LittleEndian(payload[^8..]);
    }

    /// <summary>rdbSaveLen: 6, 14 or 32 bits (big-endian), by size.</summary>
    private static void WriteLength(List<byte> output, int length)
    {
        if (length < 1 << 6)
        {
            output.Add((byte)length);
        }
        else if (length < 1 << 14)
        {
            output.Add((byte)(0x40 | (length >> 8)));
            output.Add((byte)length);
        }
        else
        {
            output.Add(0x80);
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)length);
            output.AddRange(bytes);
        }
    }

    /// <summary>rdbGenericLoadStringObject: a plain, integer-encoded or LZF-compressed string; null when malformed.</summary>
    private static byte[]? ReadString(ReadOnlySpan<byte> payload, ref int position)
    {
        if (!TryReadLength(payload, ref position, out var length, out var encoding)) return null;
        if (encoding < 0)
        {
            if (length > (ulong)(payload.Length - position)) return null;
            var plain = payload.Slice(position, (int)length).ToArray();
            position += (int)length;
            return plain;
        }
        long? integer = encoding switch
        {
            0 when position + 1 <= payload.Length => (sbyte)payload[position],
            1 when position + 2 <= payload.Length => BinaryPrimitives.ReadInt16LittleEndian(payload[position..]),
            2 when position + 4 <= payload.Length => BinaryPrimitives.ReadInt32LittleEndian(payload[position..]),
            _ => null,
        };
        if (integer is { } value)
        {
            position += 1 << encoding;
            return Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
        }
        if (encoding != 3) return null;
        if (!TryReadLength(payload, ref position, out var compressed, out var e1) || e1 >= 0) return null;
        if (!TryReadLength(payload, ref position, out var expanded, out var e2) || e2 >= 0) return null;
        if (compressed > (ulong)(payload.Length - position) || expanded > int.MaxValue) return null;
        var text = Lzf.Decompress(payload.Slice(position, (int)compressed), (int)expanded);
        position += (int)compressed;
        return text;
    }

    /// <summary>
    /// rdbLoadLenByRef: a length, or (with <paramref name="encoding"/> 0..3) the marker of an encoded string: 0, 1, 2
    /// for an 8, 16 or 32-bit integer, 3 for LZF. <paramref name="encoding"/> is -1 for a plain length.
    /// </summary>
    private static bool TryReadLength(ReadOnlySpan<byte> payload, ref int position, out ulong length, out int encoding)
    {
        length = 0;
        encoding = -1;
        if (position >= payload.Length) return false;
        var first = payload[position++];
        switch (first >> 6)
        {
            case 0:
                length = (ulong)(first & 0x3f);
                return true;
            case 1:
                if (position >= payload.Length) return false;
                length = (ulong)(((first & 0x3f) << 8) | payload[position++]);
                return true;
            case 3:
                encoding = first & 0x3f;
                return true;
        }
        var size = first switch { 0x80 => 4, 0x81 => 8, _ => 0 };
        if (size == 0 || position + size > payload.Length) return false;
        length = size == 4 ? BinaryPrimitives.ReadUInt32BigEndian(payload[position..]) : BinaryPrimitives.ReadUInt64BigEndian(payload[position..]);
        position += size;
        return true;
    }
}
