namespace AkkaKv.Hocon.Units;

/// <summary>
/// Sizes in bytes. The short units Redis users know follow Redis's memtoull, case-insensitively:
/// k=1000, kb=1024, m=1000², mb=1024², g=1000³, gb=1024³. Everything else follows HOCON (KiB, MiB,
/// kilobytes, T, TB, ...). The one exception is HOCON's exact spelling "kB", which keeps its SI meaning 1000.
/// </summary>
internal static class ByteSizeParser
{
    public const string Expectation = "a size in bytes such as 512mb, 1gb, 64k, 100b or 10MiB (a plain number is bytes)";

    private static readonly Dictionary<string, decimal> RedisUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b"] = 1,
        ["k"] = 1000,
        ["kb"] = 1024,
        ["m"] = 1000 * 1000,
        ["mb"] = 1024 * 1024,
        ["g"] = 1000L * 1000 * 1000,
        ["gb"] = 1024L * 1024 * 1024,
    };

    private static readonly Dictionary<string, decimal> HoconUnits = BuildHoconUnits();

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (!UnitText.TrySplit(text, out var number, out var unit))
        {
            return false;
        }

        decimal multiplier;
        if (unit.Length == 0)
        {
            multiplier = 1;
        }
        else if (unit == "kB")
        {
            multiplier = 1000;
        }
        else if (!RedisUnits.TryGetValue(unit, out multiplier) && !HoconUnits.TryGetValue(unit, out multiplier))
        {
            return false;
        }

        var value = decimal.Truncate(number * multiplier);
        if (value > long.MaxValue || value < long.MinValue)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    private static Dictionary<string, decimal> BuildHoconUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        Add(units, 1, "byte", "bytes");
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi"];
        const string Letters = "KMGTPE";
        decimal thousands = 1;
        decimal kibis = 1;
        for (var i = 0; i < Letters.Length; i++)
        {
            thousands *= 1000;
            kibis *= 1024;
            var letter = Letters[i].ToString();
            Add(units, thousands, letter + "B", decimalNames[i] + "byte", decimalNames[i] + "bytes");
            Add(units, kibis, letter, letter + "i", letter + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes");
        }

        return units;
    }

    private static void Add(Dictionary<string, decimal> units, decimal multiplier, params string[] names)
    {
        foreach (var name in names)
        {
            units[name] = multiplier;
        }
    }
}
