using System.Text;
using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>Argument helpers shared by the command groups: case-insensitive keywords and Redis's number rules.</summary>
internal static class ArgParsing
{
    public static bool Is(ReadOnlySpan<byte> arg, ReadOnlySpan<byte> upperKeyword)
    {
        if (arg.Length != upperKeyword.Length) return false;
        for (var i = 0; i < arg.Length; i++)
        {
            var c = arg[i];
            if (c is >= (byte)'a' and <= (byte)'z') c -= 32;
            if (c != upperKeyword[i]) return false;
        }
        return true;
    }

    public static bool TryInteger(ReadOnlySpan<byte> arg, out long value) => StringValue.TryParseInteger(arg, out value);

    public static bool TryDouble(ReadOnlySpan<byte> arg, out double value) => StringValue.TryParseDouble(arg, out value);

    public static string Text(ReadOnlySpan<byte> arg) => Encoding.UTF8.GetString(arg);

    /// <summary>An argument quoted in an error text: Redis formats it with %s, so the quote ends at its first NUL byte.</summary>
    public static string Quoted(ReadOnlySpan<byte> arg)
    {
        var nul = arg.IndexOf((byte)0);
        return Text(nul < 0 ? arg : arg[..nul]);
    }

    public static byte[] Bytes(long value) => StringValue.FormatInteger(value);

    public static byte[] Bytes(string value) => Encoding.UTF8.GetBytes(value);
}
