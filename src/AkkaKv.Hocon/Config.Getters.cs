using System.Globalization;
using AkkaKv.Hocon.Model;
using AkkaKv.Hocon.Paths;
using AkkaKv.Hocon.Units;

namespace AkkaKv.Hocon;

public sealed partial class Config
{
    private const string IntExpectation = "a 32-bit integer";
    private const string LongExpectation = "a 64-bit integer";
    private const string DoubleExpectation = "a number";
    private const string BooleanExpectation = "a boolean (true/false, yes/no, on/off)";
    private const string StringExpectation = "a string";

    public string GetString(string path) => Required(path, StringExpectation).Text;

    public string GetString(string path, string defaultValue) => Optional(path, StringExpectation)?.Text ?? defaultValue;

    public int GetInt(string path) => ToInt(path, Required(path, IntExpectation));

    public int GetInt(string path, int defaultValue) =>
        Optional(path, IntExpectation) is { } scalar ? ToInt(path, scalar) : defaultValue;

    public long GetLong(string path) => ToLong(path, Required(path, LongExpectation), LongExpectation);

    public long GetLong(string path, long defaultValue) =>
        Optional(path, LongExpectation) is { } scalar ? ToLong(path, scalar, LongExpectation) : defaultValue;

    public double GetDouble(string path)
    {
        var scalar = Required(path, DoubleExpectation);
        return double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(path, scalar, DoubleExpectation);
    }

    public bool GetBoolean(string path) => ToBoolean(path, Required(path, BooleanExpectation));

    public bool GetBoolean(string path, bool defaultValue) =>
        Optional(path, BooleanExpectation) is { } scalar ? ToBoolean(path, scalar) : defaultValue;

    /// <summary>"15s", "100ms", "2 minutes", "1h", "500us"; a plain number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) => ToDuration(path, Required(path, DurationParser.Expectation));

    public TimeSpan GetDuration(string path, TimeSpan defaultValue) =>
        Optional(path, DurationParser.Expectation) is { } scalar ? ToDuration(path, scalar) : defaultValue;

    /// <summary>"512mb", "1gb", "64k", "10MiB"; a plain number is bytes. See <see cref="ByteSizeParser"/> for the units.</summary>
    public long GetBytes(string path) => ToBytes(path, Required(path, ByteSizeParser.Expectation));

    public long GetBytes(string path, long defaultValue) =>
        Optional(path, ByteSizeParser.Expectation) is { } scalar ? ToBytes(path, scalar) : defaultValue;

    /// <summary>An array of simple values, each as its text.</summary>
    public IReadOnlyList<string> GetStringList(string path)
    {
        const string Expectation = "a list of strings";
        var node = _resolver.FindResolved(HoconPath.Parse(path));
        if (node is not ArrayNode array)
        {
            throw node is null ? Missing(path, Expectation) : WrongType(path, node, Expectation);
        }

        var strings = new List<string>(array.Elements.Count);
        for (var i = 0; i < array.Elements.Count; i++)
        {
            strings.Add(array.Elements[i] is ScalarNode { Kind: not ScalarKind.Null } scalar
                ? scalar.Text
                : throw WrongType($"{path}[{i}]", array.Elements[i], StringExpectation));
        }

        return strings;
    }

    private ScalarNode Required(string path, string expected) =>
        Optional(path, expected) ?? throw (HasPathOrNull(path)
            ? new ConfigException($"Configuration path '{path}' is null; expected {expected}")
            : Missing(path, expected));

    /// <summary>The scalar at the path; null when it is missing or null; an error when it is an object or array.</summary>
    private ScalarNode? Optional(string path, string expected) => _resolver.Find(HoconPath.Parse(path)) switch
    {
        null or ScalarNode { Kind: ScalarKind.Null } => null,
        ScalarNode scalar => scalar,
        var other => throw WrongType(path, other, expected),
    };

    private bool HasPathOrNull(string path) => _resolver.Find(HoconPath.Parse(path)) is not null;

    private static int ToInt(string path, ScalarNode scalar)
    {
        var value = ToLong(path, scalar, IntExpectation);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Invalid(path, scalar, IntExpectation + " (out of range)");
    }

    private static long ToLong(string path, ScalarNode scalar, string expected)
    {
        if (long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // 1e3 or 5.0 are whole numbers too.
        if (double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && real == Math.Floor(real) && real >= long.MinValue && real < long.MaxValue)
        {
            return (long)real;
        }

        throw Invalid(path, scalar, expected);
    }

    private static bool ToBoolean(string path, ScalarNode scalar) => scalar.Text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw Invalid(path, scalar, BooleanExpectation),
    };

    private static TimeSpan ToDuration(string path, ScalarNode scalar) =>
        DurationParser.TryParse(scalar.Text, out var duration) ? duration : throw Invalid(path, scalar, DurationParser.Expectation);

    private static long ToBytes(string path, ScalarNode scalar) =>
        ByteSizeParser.TryParse(scalar.Text, out var bytes) ? bytes : throw Invalid(path, scalar, ByteSizeParser.Expectation);

    private static ConfigException Missing(string path, string expected) =>
        new($"Configuration path '{path}' is missing; expected {expected}");

    private static ConfigException Invalid(string path, ScalarNode scalar, string expected)
    {
        var origin = scalar.Origin is null ? "" : $" (at {scalar.Origin})";
        return new ConfigException($"Configuration path '{path}' has value '{scalar.Text}'{origin}; expected {expected}");
    }

    private static ConfigException WrongType(string path, Node node, string expected)
    {
        var found = node switch
        {
            ObjectNode => "an object",
            ArrayNode => "an array",
            ScalarNode { Kind: ScalarKind.Null } => "null",
            ScalarNode scalar => $"'{scalar.Text}'",
            _ => "unresolved",
        };
        return new ConfigException($"Configuration path '{path}' is {found}; expected {expected}");
    }
}
