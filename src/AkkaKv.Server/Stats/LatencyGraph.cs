using System.Globalization;
using System.Text;

namespace AkkaKv.Server.Stats;

/// <summary>
/// LATENCY GRAPH's ASCII art, drawn as Redis's sparkline does: a header, a rule, then four rows of "_o#|" per 80
/// samples (filled up to each sample's height between the event's lowest and highest), and under each column, written
/// downwards after a blank row, how long ago its sample was (s, m, h or d).
/// </summary>
public static class LatencyGraph
{
    private const int Columns = 80;
    private const int Rows = 4;
    private const string Fill = "_o#";

    public static string Render(LatencyEventHistory history, long nowSeconds)
    {
        var samples = history.Samples;
        var min = samples.Min(s => s.Milliseconds);
        var max = samples.Max(s => s.Milliseconds);
        var graph = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{history.Name} - high {max} ms, low {min} ms (all time high {history.MaxMilliseconds} ms)\n")
            .Append('-', Columns).Append('\n');
        var labels = samples.Select(s => Ago(nowSeconds - s.UnixTimeSeconds)).ToArray();
        for (var start = 0; start < samples.Count; start += Columns)
        {
            if (start != 0) graph.Append('\n');
            RenderRange(graph, samples, labels, start, Math.Min(Columns, samples.Count - start), min, max);
        }
        return graph.ToString();
    }

    private static void RenderRange(StringBuilder graph, IReadOnlyList<LatencySample> samples, string[] labels, int start, int length,
        long min, long max)
    {
        var range = max - min == 0 ? 1.0 : max - min;
        var steps = Fill.Length * Rows;
        var line = new char[length];
        for (var row = 0; ; row++)
        {
            var more = false;
            Array.Fill(line, ' ');
            for (var j = 0; j < length; j++)
            {
                if (row < Rows)
                {
                    more = true;
                    var step = Math.Clamp((int)((int)((samples[start + j].Milliseconds - min) * steps) / range), 0, steps - 1);
                    var index = step - (Rows - row - 1) * Fill.Length;
                    if (index >= Fill.Length) line[j] = '|';
                    else if (index >= 0) line[j] = Fill[index];
                }
                else if (row == Rows)
                {
                    // One blank row between the graph and the labels.
                    more = true;
                    break;
                }
                else if (row - Rows - 1 < labels[start + j].Length)
                {
                    more = true;
                    line[j] = labels[start + j][row - Rows - 1];
                }
            }
            if (!more) return;
            graph.Append(line).Append('\n');
        }
    }

    private static string Ago(long seconds) => seconds switch
    {
        < 60 => $"{seconds}s",
        < 3600 => $"{seconds / 60}m",
        < 86400 => $"{seconds / 3600}h",
        _ => $"{seconds / 86400}d",
    };
}
