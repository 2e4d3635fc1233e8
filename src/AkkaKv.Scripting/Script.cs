using System.Security.Cryptography;
using System.Text;

namespace AkkaKv.Scripting;

/// <summary>
/// One cached script: its body, SHA1 and shebang flags. Immutable and shared by every shard's interpreter, which
/// compiles it on first use.
/// </summary>
public sealed class Script
{
    private Script(string sha, byte[] body, ScriptFlags flags, int codeStart)
    {
        Sha = sha;
        Body = body;
        Flags = flags;
        CodeStart = codeStart;
    }

    /// <summary>Lower-case hex SHA1 of the body, as SCRIPT LOAD returns it.</summary>
    public string Sha { get; }

    public byte[] Body { get; }

    public ScriptFlags Flags { get; }

    /// <summary>Where the Lua code starts: at the shebang's newline, so line numbers still count the shebang line.</summary>
    public int CodeStart { get; }

    public bool HasShebang => (Flags & ScriptFlags.Shebang) != 0;

    /// <summary>A script that declared <c>no-writes</c> in its shebang.</summary>
    public bool IsReadOnly => (Flags & ScriptFlags.NoWrites) != 0;

    public ReadOnlySpan<byte> Code => Body.AsSpan(CodeStart);

    /// <summary>Redis's sha1hex: the lower-case hex SHA1 of <paramref name="data"/>.</summary>
    public static string Sha1Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Parses the shebang of <paramref name="body"/> (copied); null with Redis's error text (without the ERR code) when
    /// it is malformed.
    /// </summary>
    public static Script? Parse(ReadOnlySpan<byte> body, string sha, out string? error)
    {
        var flags = ScriptFlags.None;
        var codeStart = 0;
        error = null;
        if (body.StartsWith("#!"u8))
        {
            var newline = body.IndexOf((byte)'\n');
            if (newline < 0)
            {
                error = "Invalid script shebang";
                return null;
            }
            codeStart = newline;
            flags = ParseShebang(Encoding.UTF8.GetString(body[..newline]), out error);
            if (error is not null) return null;
        }
        return new Script(sha, body.ToArray(), flags, codeStart);
    }

    private static ScriptFlags ParseShebang(string line, out string? error)
    {
        error = null;
        // Redis splits the line as sdssplitargs does: blanks separate, quotes group.
        var parts = ShebangWords.Split(line);
        if (parts is null || parts.Count == 0)
        {
            error = "Invalid engine in script shebang";
            return ScriptFlags.None;
        }
        if (parts[0] != "#!lua")
        {
            error = "Unexpected engine in script shebang: " + parts[0];
            return ScriptFlags.None;
        }
        var flags = ScriptFlags.Shebang;
        foreach (var part in parts.Skip(1))
        {
            if (!part.StartsWith("flags=", StringComparison.Ordinal))
            {
                error = "Unknown lua shebang option: " + part;
                return ScriptFlags.None;
            }
            var list = part["flags=".Length..];
            if (list.Length == 0) continue;
            foreach (var name in list.Split(','))
            {
                var flag = name switch
                {
                    "no-writes" => ScriptFlags.NoWrites,
                    "allow-oom" => ScriptFlags.AllowOom,
                    "allow-stale" => ScriptFlags.AllowStale,
                    "no-cluster" => ScriptFlags.NoCluster,
                    "allow-cross-slot-keys" => ScriptFlags.AllowCrossSlotKeys,
                    _ => ScriptFlags.None,
                };
                if (flag == ScriptFlags.None)
                {
                    error = "Unexpected flag in script shebang: " + name;
                    return ScriptFlags.None;
                }
                flags |= flag;
            }
        }
        return flags;
    }
}
