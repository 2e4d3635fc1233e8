using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

public static partial class SortedSetCommands
{
    /// <summary>One input of ZUNION and friends with its weight: a sorted set, a set (scores 1), or nothing for a missing key.</summary>
    private sealed class AlgebraInput
    {
        private readonly SortedSetValue? _sortedSet;
        private readonly SetValue? _set;

        private AlgebraInput(SortedSetValue? sortedSet, SetValue? set)
        {
            _sortedSet = sortedSet;
            _set = set;
        }

        public double Weight { get; set; } = 1;

        public long Count => _sortedSet?.Count ?? _set?.Count ?? 0;

        /// <summary>False when the key holds a type that cannot be an input.</summary>
        public static bool TryCreate(KeyEntry? entry, out AlgebraInput input)
        {
            input = new AlgebraInput(entry?.Value as SortedSetValue, entry?.Value as SetValue);
            return entry is null || input._sortedSet is not null || input._set is not null;
        }

        public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
        {
            score = 1;
            if (_set is not null) return _set.Contains(member);
            return _sortedSet is not null && _sortedSet.TryGetScore(member, out score);
        }

        /// <summary>The elements: a sorted set's from the highest rank down as Redis walks them, a set's with score 1.</summary>
        public IEnumerable<ZSetEntry> Elements()
        {
            if (_set is not null) return SetElements(_set);
            return _sortedSet is { Count: > 0 } sortedSet ? SortedSetElements(sortedSet) : [];
        }

        private static List<ZSetEntry> SetElements(SetValue set)
        {
            // The set's enumerator lends its members, so they are copied for the caller to keep.
            var elements = new List<ZSetEntry>((int)set.Count);
            foreach (var member in set) elements.Add(new ZSetEntry(member.ToArray(), 1));
            return elements;
        }

        private static IEnumerable<ZSetEntry> SortedSetElements(SortedSetValue set)
        {
            foreach (var element in set.Range((int)set.Count - 1, (int)set.Count, reverse: true)) yield return element;
        }
    }
}
