namespace AkkaKv.Hocon.Units;

/// <summary>HOCON durations: a number and an optional unit ("15s", "100 ms", "2 minutes"); no unit means milliseconds.</summary>
internal static class DurationParser
{
    public const string Expectation = "a duration such as 15s, 100ms, 2 minutes, 1h or 500us (a plain number is milliseconds)";

    private static readonly Dictionary<string, decimal> TicksPerUnit = BuildUnits();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (!UnitText.TrySplit(text, out var number, out var unit))
        {
            return false;
        }

        var perUnit = unit.Length == 0 ? TimeSpan.TicksPerMillisecond : TicksPerUnit.GetValueOrDefault(unit);
        if (perUnit == 0)
        {
            return false;
        }

        var ticks = decimal.Round(number * perUnit, MidpointRounding.AwayFromZero);
        if (ticks > long.MaxValue || ticks < long.MinValue)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        Add(units, 0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(units, TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(units, TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(units, TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(units, TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(units, TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(units, TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    private static void Add(Dictionary<string, decimal> units, decimal ticks, params string[] names)
    {
        foreach (var name in names)
        {
            units[name] = ticks;
        }
    }
}
