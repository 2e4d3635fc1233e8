using System.Globalization;
using System.Text;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting.Libraries;

// cjson.decode: lua-cjson's tokenizer and recursive parser, with its error texts ("Expected value but found T_END at
// character 1"). Numbers go through a strtod, so hex, inf and nan are accepted as lua-cjson accepts them by default.
internal sealed partial class CjsonLibrary
{
    private enum Token
    {
        ObjectBegin,
        ObjectEnd,
        ArrayBegin,
        ArrayEnd,
        String,
        Number,
        Boolean,
        Null,
        Colon,
        Comma,
        End,
        Whitespace,
        Error,
        Unknown,
    }

    private static readonly string[] TokenNames =
        ["T_OBJ_BEGIN", "T_OBJ_END", "T_ARR_BEGIN", "T_ARR_END", "T_STRING", "T_NUMBER", "T_BOOLEAN", "T_NULL", "T_COLON", "T_COMMA", "T_END", "T_WHITESPACE", "T_ERROR", "T_UNKNOWN"];

    private readonly ByteBuilder _text = new();

    /// <summary>The parse in progress: the input, the position, and the last token read.</summary>
    private ref struct Parse
    {
        public ReadOnlySpan<byte> Data;
        public int Position;
        public int Depth;
        public Token Type;
        public int TokenIndex;
        public string? ErrorText;
        public double Number;
        public bool BooleanValue;
    }

    private int Decode(nint l)
    {
        if (GetTop(l) != 1) return LuaArgs.Fail(l, LuaArgs.ArgError(1, "decode", "expected 1 argument"));
        if (!LuaArgs.TryString(l, 1, out var data)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 1, "decode", "string"));
        // lua-cjson reads a C string: a NUL ends the input.
        var nul = data.IndexOf((byte)0);
        if (data.Length >= 2 && (data[0] == 0 || data[1] == 0)) return LuaArgs.Fail(l, "JSON parser does not support UTF-16 or UTF-32");
        var parse = new Parse { Data = nul >= 0 ? data[..nul] : data };
        NextToken(ref parse);
        var error = ProcessValue(l, ref parse);
        if (error is null)
        {
            NextToken(ref parse);
            if (parse.Type != Token.End) error = Expected("the end", ref parse);
        }
        if (error is not null) return LuaArgs.Fail(l, error);
        PushBoolean(l, 1);
        Insert(l, -2);
        return 2;
    }

    private static string Expected(string what, ref Parse parse) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Expected {what} but found {(parse.Type == Token.Error ? parse.ErrorText : TokenNames[(int)parse.Type])} at character {parse.TokenIndex + 1}");

    private string? ProcessValue(nint l, ref Parse parse)
    {
        if (CheckStack(l, 4) == 0) return "Found too many nested data structures";
        switch (parse.Type)
        {
            case Token.String:
                PushString(l, _text.Span);
                return null;
            case Token.Number:
                PushJsonNumber(l, parse.Number);
                return null;
            case Token.Boolean:
                PushBoolean(l, parse.BooleanValue ? 1 : 0);
                return null;
            case Token.Null:
                unsafe
                {
                    PushLightUserData(l, null);
                }
                return null;
            case Token.ObjectBegin:
                return ParseObject(l, ref parse);
            case Token.ArrayBegin:
                return ParseArray(l, ref parse);
            default:
                return Expected("value", ref parse);
        }
    }

    /// <summary>Integral numbers become Lua integers, so they print as 5.1 printed its doubles ("5", not "5.0").</summary>
    private static void PushJsonNumber(nint l, double value)
    {
        if (Math.Floor(value) == value && Math.Abs(value) <= 9007199254740992.0 && !(value == 0 && double.IsNegative(value)))
        {
            PushInteger(l, (long)value);
        }
        else
        {
            PushNumber(l, value);
        }
    }

    private string? EnterNested(ref Parse parse)
    {
        parse.Depth++;
        return parse.Depth > _decodeMaxDepth
            ? string.Create(CultureInfo.InvariantCulture, $"Found too many nested data structures ({parse.Depth}) at character {parse.TokenIndex + 1}")
            : null;
    }

    private string? ParseObject(nint l, ref Parse parse)
    {
        var error = EnterNested(ref parse);
        if (error is not null) return error;
        CreateTable(l, 0, 0);
        NextToken(ref parse);
        if (parse.Type == Token.ObjectEnd)
        {
            parse.Depth--;
            return null;
        }
        while (true)
        {
            if (parse.Type != Token.String) return Expected("object key string", ref parse);
            PushString(l, _text.Span);
            NextToken(ref parse);
            if (parse.Type != Token.Colon) return Expected("colon", ref parse);
            NextToken(ref parse);
            error = ProcessValue(l, ref parse);
            if (error is not null) return error;
            RawSet(l, -3);
            NextToken(ref parse);
            if (parse.Type == Token.ObjectEnd) break;
            if (parse.Type != Token.Comma) return Expected("comma or object end", ref parse);
            NextToken(ref parse);
        }
        parse.Depth--;
        return null;
    }

    private string? ParseArray(nint l, ref Parse parse)
    {
        var error = EnterNested(ref parse);
        if (error is not null) return error;
        CreateTable(l, 0, 0);
        NextToken(ref parse);
        if (parse.Type == Token.ArrayEnd)
        {
            parse.Depth--;
            return null;
        }
        for (long i = 1; ; i++)
        {
            error = ProcessValue(l, ref parse);
            if (error is not null) return error;
            RawSetI(l, -2, i);
            NextToken(ref parse);
            if (parse.Type == Token.ArrayEnd) break;
            if (parse.Type != Token.Comma) return Expected("comma or array end", ref parse);
            NextToken(ref parse);
        }
        parse.Depth--;
        return null;
    }

    private void NextToken(ref Parse parse)
    {
        var data = parse.Data;
        while (parse.Position < data.Length && data[parse.Position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') parse.Position++;
        parse.TokenIndex = parse.Position;
        if (parse.Position >= data.Length)
        {
            parse.Type = Token.End;
            return;
        }
        var rest = data[parse.Position..];
        switch (rest[0])
        {
            case (byte)'{': Single(ref parse, Token.ObjectBegin); return;
            case (byte)'}': Single(ref parse, Token.ObjectEnd); return;
            case (byte)'[': Single(ref parse, Token.ArrayBegin); return;
            case (byte)']': Single(ref parse, Token.ArrayEnd); return;
            case (byte)':': Single(ref parse, Token.Colon); return;
            case (byte)',': Single(ref parse, Token.Comma); return;
            case (byte)'"': StringToken(ref parse); return;
        }
        if (rest[0] == '-' || char.IsAsciiDigit((char)rest[0]))
        {
            if (!_decodeInvalidNumbers && IsInvalidNumber(rest)) SetError(ref parse, "invalid number");
            else NumberToken(ref parse);
        }
        else if (rest.StartsWith("true"u8))
        {
            Keyword(ref parse, Token.Boolean, 4, true);
        }
        else if (rest.StartsWith("false"u8))
        {
            Keyword(ref parse, Token.Boolean, 5, false);
        }
        else if (rest.StartsWith("null"u8))
        {
            Keyword(ref parse, Token.Null, 4, false);
        }
        else if (_decodeInvalidNumbers && IsInvalidNumber(rest))
        {
            NumberToken(ref parse);
        }
        else
        {
            SetError(ref parse, "invalid token");
        }
    }

    private static void Single(ref Parse parse, Token type)
    {
        parse.Type = type;
        parse.Position++;
    }

    private static void Keyword(ref Parse parse, Token type, int length, bool value)
    {
        parse.Type = type;
        parse.BooleanValue = value;
        parse.Position += length;
    }

    private static void SetError(ref Parse parse, string text)
    {
        parse.Type = Token.Error;
        parse.TokenIndex = parse.Position;
        parse.ErrorText = text;
    }

    /// <summary>What strict JSON forbids but strtod reads: a leading '+', hex, leading zeros, inf and nan.</summary>
    private static bool IsInvalidNumber(ReadOnlySpan<byte> p)
    {
        if (p[0] == '+') return true;
        if (p[0] == '-') p = p[1..];
        if (p.IsEmpty) return false;
        if (p[0] == '0')
        {
            if (p.Length < 2) return false;
            return (p[1] | 0x20) == 'x' || char.IsAsciiDigit((char)p[1]);
        }
        if (p[0] <= '9') return false;
        return StartsWithIgnoreCase(p, "inf"u8) || StartsWithIgnoreCase(p, "nan"u8);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix)
    {
        if (text.Length < prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if ((text[i] | 0x20) != prefix[i]) return false;
        }
        return true;
    }

    private static void NumberToken(ref Parse parse)
    {
        var length = StrtodLength(parse.Data[parse.Position..], out var value);
        if (length == 0)
        {
            SetError(ref parse, "invalid number");
            return;
        }
        parse.Type = Token.Number;
        parse.Number = value;
        parse.Position += length;
    }

    /// <summary>C's strtod in the C locale: how many bytes form a number (0: none) and its value.</summary>
    private static int StrtodLength(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
        {
            negative = s[i] == '-';
            i++;
        }
        var body = s[i..];
        if (StartsWithIgnoreCase(body, "inf"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return i + (StartsWithIgnoreCase(body, "infinity"u8) ? 8 : 3);
        }
        if (StartsWithIgnoreCase(body, "nan"u8))
        {
            value = double.NaN;
            var end = 3;
            if (end < body.Length && body[end] == '(')
            {
                var close = body[end..].IndexOf((byte)')');
                if (close > 0 && AllNanChars(body.Slice(end + 1, close - 1))) end += close + 1;
            }
            return i + end;
        }
        if (body.Length >= 3 && body[0] == '0' && (body[1] | 0x20) == 'x' && char.IsAsciiHexDigit((char)body[2]))
        {
            var hexLength = HexLength(body[2..], out var hex);
            value = negative ? -hex : hex;
            return i + 2 + hexLength;
        }
        var j = 0;
        var digits = 0;
        while (j < body.Length && char.IsAsciiDigit((char)body[j]))
        {
            j++;
            digits++;
        }
        if (j < body.Length && body[j] == '.')
        {
            j++;
            while (j < body.Length && char.IsAsciiDigit((char)body[j]))
            {
                j++;
                digits++;
            }
        }
        if (digits == 0) return 0;
        if (j < body.Length && (body[j] | 0x20) == 'e')
        {
            var k = j + 1;
            if (k < body.Length && body[k] is (byte)'+' or (byte)'-') k++;
            if (k < body.Length && char.IsAsciiDigit((char)body[k]))
            {
                while (k < body.Length && char.IsAsciiDigit((char)body[k])) k++;
                j = k;
            }
        }
        value = double.Parse(Encoding.ASCII.GetString(body[..j]), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (negative) value = -value;
        return i + j;
    }

    private static bool AllNanChars(ReadOnlySpan<byte> chars)
    {
        foreach (var c in chars)
        {
            if (!char.IsAsciiLetterOrDigit((char)c) && c != '_') return false;
        }
        return true;
    }

    /// <summary>A hexadecimal mantissa with an optional fraction and binary exponent (strtod's 0x form).</summary>
    private static int HexLength(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        while (i < s.Length && char.IsAsciiHexDigit((char)s[i])) value = value * 16 + HexValue(s[i++]);
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var scale = 1.0 / 16;
            while (i < s.Length && char.IsAsciiHexDigit((char)s[i]))
            {
                value += HexValue(s[i++]) * scale;
                scale /= 16;
            }
        }
        if (i < s.Length && (s[i] | 0x20) == 'p')
        {
            var k = i + 1;
            var negative = false;
            if (k < s.Length && s[k] is (byte)'+' or (byte)'-') negative = s[k++] == '-';
            if (k < s.Length && char.IsAsciiDigit((char)s[k]))
            {
                var exponent = 0;
                while (k < s.Length && char.IsAsciiDigit((char)s[k])) exponent = Math.Min(exponent * 10 + (s[k++] - '0'), 100_000);
                value = Math.ScaleB(value, negative ? -exponent : exponent);
                i = k;
            }
        }
        return i;
    }

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>A string token: escapes decoded into <see cref="_text"/>, \u escapes (and surrogate pairs) as UTF-8.</summary>
    private void StringToken(ref Parse parse)
    {
        var data = parse.Data;
        _text.Clear();
        parse.Position++;
        while (true)
        {
            if (parse.Position >= data.Length)
            {
                SetError(ref parse, "unexpected end of string");
                return;
            }
            var ch = data[parse.Position];
            if (ch == '"') break;
            if (ch == '\\')
            {
                var escape = parse.Position + 1 < data.Length ? data[parse.Position + 1] : (byte)0;
                if (escape == 'u')
                {
                    if (AppendUnicodeEscape(ref parse)) continue;
                    SetError(ref parse, "invalid unicode escape code");
                    return;
                }
                byte translated = escape switch
                {
                    (byte)'"' => (byte)'"',
                    (byte)'\\' => (byte)'\\',
                    (byte)'/' => (byte)'/',
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => 0,
                };
                if (translated == 0)
                {
                    SetError(ref parse, "invalid escape code");
                    return;
                }
                _text.Append(translated);
                parse.Position += 2;
                continue;
            }
            _text.Append(ch);
            parse.Position++;
        }
        parse.Position++;
        parse.Type = Token.String;
    }

    /// <summary>At "\uXXXX" (a high surrogate must be followed by "\uXXXX" with its low half); false when malformed.</summary>
    private bool AppendUnicodeEscape(ref Parse parse)
    {
        var data = parse.Data[parse.Position..];
        if (!TryHex4(data, 2, out var codepoint)) return false;
        var consumed = 6;
        if (codepoint is >= 0xDC00 and <= 0xDFFF) return false;
        if (codepoint is >= 0xD800 and <= 0xDBFF)
        {
            if (data.Length < 12 || data[6] != '\\' || data[7] != 'u' || !TryHex4(data, 8, out var low) || low is < 0xDC00 or > 0xDFFF) return false;
            codepoint = (((codepoint & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
            consumed = 12;
        }
        Span<byte> utf8 = stackalloc byte[4];
        var length = new Rune(codepoint).EncodeToUtf8(utf8);
        _text.Append(utf8[..length]);
        parse.Position += consumed;
        return true;
    }

    private static bool TryHex4(ReadOnlySpan<byte> data, int at, out int value)
    {
        value = 0;
        if (data.Length < at + 4) return false;
        for (var i = at; i < at + 4; i++)
        {
            if (!char.IsAsciiHexDigit((char)data[i])) return false;
            value = value * 16 + HexValue(data[i]);
        }
        return true;
    }
}
