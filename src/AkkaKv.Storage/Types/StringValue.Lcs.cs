namespace AkkaKv.Storage;

/// <summary>LCS: longest common subsequence by dynamic programming, backtracked as Redis does.</summary>
public static partial class StringValue
{
    /// <summary>
    /// The transient table Redis allocates for LCS, in bytes; Redis refuses the command when this exceeds
    /// proto-max-bulk-len ("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len").
    /// </summary>
    public static long LcsTableBytes(long aLength, long bLength) => (aLength + 1) * (bLength + 1) * sizeof(uint);

    /// <summary>
    /// The LCS and its matching runs, in the order LCS IDX reports them (from the end backwards). The
    /// backtrack follows Redis's tie-breaking, so the runs reported are the ones Redis reports.
    /// </summary>
    public static LcsResult Lcs(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var columns = b.Length + 1;
        var table = BuildLcsTable(a, b);
        var sequence = new byte[table[((long)a.Length * columns) + b.Length]];
        var matches = new List<LcsMatch>();
        var next = sequence.Length;
        var i = a.Length;
        var j = b.Length;
        var run = default(LcsMatch);
        var inRun = false;
        while (i > 0 && j > 0)
        {
            if (a[i - 1] == b[j - 1])
            {
                sequence[--next] = a[i - 1];
                if (inRun && run.AStart == i && run.BStart == j)
                {
                    run = run with { AStart = i - 1, BStart = j - 1 };
                }
                else
                {
                    if (inRun)
                    {
                        matches.Add(run);
                    }

                    run = new LcsMatch(i - 1, i - 1, j - 1, j - 1);
                    inRun = true;
                }

                i--;
                j--;
            }
            else
            {
                if (inRun)
                {
                    matches.Add(run);
                    inRun = false;
                }

                // Redis moves in a unless b's side is strictly better.
                if (table[((long)(i - 1) * columns) + j] > table[((long)i * columns) + j - 1])
                {
                    i--;
                }
                else
                {
                    j--;
                }
            }
        }

        if (inRun)
        {
            matches.Add(run);
        }

        return new LcsResult(sequence, matches);
    }

    /// <summary>LCS LEN: only the length, in memory linear in the shorter string.</summary>
    public static long LcsLength(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var x in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    // table[i * (|b|+1) + j] = LCS length of a[..i] and b[..j].
    private static int[] BuildLcsTable(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var columns = b.Length + 1;
        var table = new int[(long)(a.Length + 1) * columns];
        for (var i = 1; i <= a.Length; i++)
        {
            var row = (long)i * columns;
            var above = row - columns;
            for (var j = 1; j <= b.Length; j++)
            {
                table[row + j] = a[i - 1] == b[j - 1]
                    ? table[above + j - 1] + 1
                    : Math.Max(table[above + j], table[row + j - 1]);
            }
        }

        return table;
    }
}
