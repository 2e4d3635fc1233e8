using System.Globalization;

namespace AkkaKv.Hocon.Units;

/// <summary>Splits "15 s" or "1.5GiB" into its number and its (possibly empty) unit name.</summary>
internal static class UnitText
{
    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        var trimmed = text.AsSpan().Trim();
        var end = 0;
        if (end < trimmed.Length && trimmed[end] is '-' or '+')
        {
            end++;
        }

        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        unit = trimmed[end..].Trim().ToString();
        if (unit.Any(c => !char.IsLetter(c)))
        {
            number = 0;
            return false;
        }

        return decimal.TryParse(trimmed[..end], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }
}
