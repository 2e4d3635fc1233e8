namespace AkkaKv.Storage;

/// <summary>
/// Set algebra (SINTER, SUNION, SDIFF and their STORE and CARD forms), computed as Redis does so results get the same
/// form: a union or difference grows from an empty intset member by member; a stored intersection starts as the form
/// of its smallest input and ends as an intset when all its members are integers.
/// </summary>
public sealed partial class SetValue
{
    /// <summary>The members of every set, a null entry standing for a missing key; members in order of the inputs.</summary>
    public static SetValue Union(IReadOnlyList<SetValue?> sets, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(limits);
        var result = new SetValue(SetEncoding.Intset);
        foreach (var set in sets)
        {
            if (set is null)
            {
                continue;
            }

            foreach (var member in set)
            {
                result.Add(member, limits);
            }
        }

        return result;
    }

    /// <summary>
    /// The members of the first set in none of the others (a null entry stands for a missing key). Redis's two
    /// algorithms, picked by the same estimate: testing each member of the first set against the others (largest
    /// first), or copying the first set and removing the others' members.
    /// </summary>
    public static SetValue Difference(IReadOnlyList<SetValue?> sets, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(limits);
        var result = new SetValue(SetEncoding.Intset);
        if (sets.Count == 0 || sets[0] is not { } first)
        {
            return result;
        }

        long testingWork = 0, removingWork = 0;
        for (var i = 0; i < sets.Count; i++)
        {
            if (sets[i] is not { } set)
            {
                continue;
            }

            if (i > 0 && ReferenceEquals(set, first))
            {
                // The first key given again: nothing can remain.
                return result;
            }

            testingWork += first.Count;
            removingWork += set.Count;
        }

        // Testing has better constants and stops early on common members: Redis halves its estimate.
        if (testingWork / 2 <= removingWork)
        {
            var others = new List<SetValue>(sets.Count - 1);
            for (var i = 1; i < sets.Count; i++)
            {
                if (sets[i] is { } set)
                {
                    others.Add(set);
                }
            }

            // Largest first: a member present elsewhere is likelier to be found at once.
            var ordered = others.OrderByDescending(s => s.Count).ToArray();
            foreach (var member in first)
            {
                if (!ContainedInAny(ordered, member))
                {
                    result.Add(member, limits);
                }
            }

            return result;
        }

        foreach (var member in first)
        {
            result.Add(member, limits);
        }

        for (var i = 1; i < sets.Count && result.Count > 0; i++)
        {
            if (sets[i] is not { } set)
            {
                continue;
            }

            foreach (var member in set)
            {
                result.RemoveMember(member);
            }
        }

        return result;
    }

    /// <summary>
    /// Visits the members common to all sets (none may be missing: a missing key makes the intersection empty), walking
    /// the smallest set; false from the visitor stops (SINTERCARD's LIMIT).
    /// </summary>
    public static void VisitIntersection<TVisitor>(IReadOnlyList<SetValue> sets, TVisitor visitor)
        where TVisitor : ISetMemberVisitor
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(visitor);
        if (sets.Count == 0)
        {
            return;
        }

        var ordered = sets.OrderBy(s => s.Count).ToArray();
        var smallest = ordered[0];
        foreach (var member in smallest)
        {
            if (InAllOthers(ordered, smallest, member) && !visitor.Visit(member))
            {
                return;
            }
        }
    }

    /// <summary>SINTERSTORE's result: <see cref="VisitIntersection"/> collected into a set of the form Redis gives it.</summary>
    public static SetValue Intersection(IReadOnlyList<SetValue> sets, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(limits);
        var smallest = sets.Count == 0 ? null : sets.MinBy(s => s.Count);
        var collector = new IntersectionCollector(
            new SetValue(smallest?._encoding == SetEncoding.Intset ? SetEncoding.Intset : SetEncoding.Listpack), limits);
        VisitIntersection(sets, collector);
        var result = collector.Result;
        if (result.Count > 0 && collector.OnlyIntegers)
        {
            result.ConvertToIntsetIfFits(limits);
        }

        return result;
    }

    private static bool ContainedInAny(SetValue[] sets, ReadOnlySpan<byte> member)
    {
        foreach (var set in sets)
        {
            if (set.Contains(member))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InAllOthers(SetValue[] sets, SetValue walked, ReadOnlySpan<byte> member)
    {
        foreach (var set in sets)
        {
            if (!ReferenceEquals(set, walked) && !set.Contains(member))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds each common member to the result, noting whether all are integers.</summary>
    private sealed class IntersectionCollector(SetValue result, CollectionLimits limits) : ISetMemberVisitor
    {
        public SetValue Result => result;

        public bool OnlyIntegers { get; private set; } = true;

        public bool Visit(ReadOnlySpan<byte> member)
        {
            if (OnlyIntegers && !StringValue.TryParseInteger(member, out _))
            {
                OnlyIntegers = false;
            }

            result.Add(member, limits);
            return true;
        }
    }
}
