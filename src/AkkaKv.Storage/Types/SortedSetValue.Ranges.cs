namespace AkkaKv.Storage;

/// <summary>Ranks and ranges: every range query is turned into a span of ranks, then read or removed in order.</summary>
public sealed partial class SortedSetValue
{
    /// <summary>The 0-based rank of a member from the lowest score (ZRANK), -1 when absent.</summary>
    public int RankOf(ReadOnlySpan<byte> member, out double score)
    {
        if (_tree is null) return ListpackFind(member, out score, out _);

        var slot = _table!.IndexOf(member);
        if (slot < 0)
        {
            score = 0;
            return -1;
        }

        score = _table[slot].Score;
        return _tree.RankOf(score, member);
    }

    /// <summary>The ranks [Start, End) of the elements whose score is in the range.</summary>
    public (int Start, int End) RankSpan(in ZScoreRange range)
    {
        if (range.IsEmpty) return (0, 0);
        var start = CountBefore(new ScoreMinBound(range));
        return (start, Math.Max(start, CountBefore(new ScoreMaxBound(range))));
    }

    /// <summary>The ranks [Start, End) of the elements whose member is in the range (all scores being equal).</summary>
    public (int Start, int End) RankSpan(ZLexRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.IsEmpty) return (0, 0);
        var start = CountBefore(new LexMinBound(range));
        return (start, Math.Max(start, CountBefore(new LexMaxBound(range))));
    }

    /// <summary>The element at a rank (0 &lt;= rank &lt; Count).</summary>
    public ZSetEntry At(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, Size);
        if (_tree is null) return ReadEntryAt(ListpackStart(rank), out _);
        var leaf = _tree.Locate(rank, out var index);
        ref readonly var item = ref leaf.Items[index];
        return new ZSetEntry(item.Member, item.Score);
    }

    /// <summary>
    /// <paramref name="count"/> elements in order from the one at rank <paramref name="start"/>, going down the ranks
    /// when <paramref name="reverse"/>. The set must not change while they are read.
    /// </summary>
    public ZSetRange Range(int start, int count, bool reverse)
    {
        if (count <= 0) return default;
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(start, Size);
        var available = reverse ? start + 1 : Size - start;
        count = Math.Min(count, available);
        if (_tree is not null)
        {
            var leaf = _tree.Locate(start, out var index);
            return new ZSetRange(this, leaf, index, count, reverse);
        }

        if (!reverse) return new ZSetRange(this, null, ListpackStart(start), count, reverse: false);

        // A listpack is walked forwards only: note where each element of the range starts, then read them backwards.
        var offsets = new int[count];
        offsets[0] = ListpackStart(start - count + 1);
        for (var i = 1; i < count; i++) offsets[i] = ListpackNext(offsets[i - 1]);
        return new ZSetRange(this, offsets, count);
    }

    /// <summary>Removes the elements of ranks start..end-1 (and their deadlines); returns how many.</summary>
    public int RemoveRange(int start, int end)
    {
        start = Math.Max(start, 0);
        end = Math.Min(end, Size);
        if (start >= end) return 0;
        if (_tree is null)
        {
            if (_deadlines is not null)
            {
                foreach (var entry in Range(start, end - start, reverse: false)) ForgetDeadline(entry.Member.Span);
            }

            ListpackRemoveRange(start, end);
            return end - start;
        }

        var doomed = new List<ZSetMember>(end - start);
        CollectFromTree(start, end - start, reverse: false, doomed);
        foreach (var item in doomed)
        {
            _table!.Remove(item.Member);
            _tree.Remove(item.Score, item.Member);
            ForgetDeadline(item.Member);
        }

        return doomed.Count;
    }

    /// <summary>
    /// Removes up to <paramref name="count"/> elements from the lowest scores, or the highest when
    /// <paramref name="fromMax"/>, and returns them in that order (ZPOPMIN, ZPOPMAX).
    /// </summary>
    public List<ZSetMember> Pop(int count, bool fromMax)
    {
        var size = Size;
        count = Math.Min(count, size);
        var popped = new List<ZSetMember>(Math.Max(count, 0));
        if (count <= 0) return popped;
        var start = fromMax ? size - 1 : 0;
        if (_tree is not null)
        {
            CollectFromTree(start, count, fromMax, popped);
        }
        else
        {
            foreach (var entry in Range(start, count, fromMax)) popped.Add(new ZSetMember(entry.Member.ToArray(), entry.Score));
        }

        if (fromMax) RemoveRange(size - count, size);
        else RemoveRange(0, count);
        return popped;
    }

    /// <summary>The listpack element at a byte offset, and where the next one starts.</summary>
    internal ZSetEntry ListpackEntryAt(int offset, out int next) => ReadEntryAt(offset, out next);

    private int CountBefore<TBound>(in TBound bound)
        where TBound : struct, IZSetBound =>
        _tree is null ? ListpackCountBefore(bound, out _) : _tree.CountBefore(bound);

    /// <summary>Copies <paramref name="count"/> tree elements from rank <paramref name="start"/> on (down when reversed).</summary>
    private void CollectFromTree(int start, int count, bool reverse, List<ZSetMember> into)
    {
        var leaf = _tree!.Locate(start, out var index);
        for (var i = 0; i < count; i++)
        {
            into.Add(leaf.Items[index]);
            if (reverse && --index < 0 && i + 1 < count)
            {
                leaf = leaf.Previous!;
                index = leaf.Length - 1;
            }
            else if (!reverse && ++index == leaf.Length && i + 1 < count)
            {
                leaf = leaf.Next!;
                index = 0;
            }
        }
    }

    private readonly struct ScoreMinBound(ZScoreRange range) : IZSetBound
    {
        public bool IsBefore(double score, ReadOnlySpan<byte> member) => !range.IsAboveMin(score);
    }

    private readonly struct ScoreMaxBound(ZScoreRange range) : IZSetBound
    {
        public bool IsBefore(double score, ReadOnlySpan<byte> member) => range.IsBelowMax(score);
    }

    private readonly struct LexMinBound(ZLexRange range) : IZSetBound
    {
        public bool IsBefore(double score, ReadOnlySpan<byte> member) => !range.IsAboveMin(member);
    }

    private readonly struct LexMaxBound(ZLexRange range) : IZSetBound
    {
        public bool IsBefore(double score, ReadOnlySpan<byte> member) => range.IsBelowMax(member);
    }
}
