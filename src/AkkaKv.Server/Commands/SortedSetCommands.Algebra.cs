using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (Redis's zunionInterDiffGenericCommand). Inputs may be
/// sorted sets or sets, whose members count with score 1; missing keys are empty inputs.
/// </summary>
public static partial class SortedSetCommands
{
    private enum SetOperation
    {
        Union,
        Inter,
        Diff,
    }

    private enum Aggregate
    {
        Sum,
        Min,
        Max,
    }

    private static void ZUnion(CommandContext c) => AlgebraGeneric(c, 1, store: false, SetOperation.Union, cardinalityOnly: false);

    private static void ZInter(CommandContext c) => AlgebraGeneric(c, 1, store: false, SetOperation.Inter, cardinalityOnly: false);

    private static void ZDiff(CommandContext c) => AlgebraGeneric(c, 1, store: false, SetOperation.Diff, cardinalityOnly: false);

    private static void ZUnionStore(CommandContext c) => AlgebraGeneric(c, 2, store: true, SetOperation.Union, cardinalityOnly: false);

    private static void ZInterStore(CommandContext c) => AlgebraGeneric(c, 2, store: true, SetOperation.Inter, cardinalityOnly: false);

    private static void ZDiffStore(CommandContext c) => AlgebraGeneric(c, 2, store: true, SetOperation.Diff, cardinalityOnly: false);

    private static void ZInterCard(CommandContext c) => AlgebraGeneric(c, 1, store: false, SetOperation.Inter, cardinalityOnly: true);

    private static void AlgebraGeneric(CommandContext c, int numKeysIndex, bool store, SetOperation operation, bool cardinalityOnly)
    {
        if (!TryInteger(c.Arg(numKeysIndex), out var numKeys))
        {
            c.NotInteger();
            return;
        }
        if (numKeys < 1)
        {
            c.Error(ErrorReplies.ZSetNeedsInputKey(c.Command.FullName));
            return;
        }
        if (numKeys > c.ArgCount - numKeysIndex - 1)
        {
            c.SyntaxError();
            return;
        }

        // The inputs are looked up (and their types checked) before the options are parsed, as in Redis.
        var inputs = new List<AlgebraInput>((int)numKeys);
        var i = numKeysIndex + 1;
        for (; i < numKeysIndex + 1 + numKeys; i++)
        {
            var entry = c.LookupRead(c.Arg(i));
            if (!AlgebraInput.TryCreate(entry, out var input))
            {
                c.WrongType();
                return;
            }
            inputs.Add(input);
        }

        var aggregate = Aggregate.Sum;
        var withScores = false;
        long limit = 0;
        while (i < c.ArgCount)
        {
            var remaining = c.ArgCount - i;
            var arg = c.Arg(i);
            if (operation != SetOperation.Diff && !cardinalityOnly && remaining >= numKeys + 1 && Is(arg, "WEIGHTS"u8))
            {
                i++;
                foreach (var input in inputs)
                {
                    if (!TryDouble(c.Arg(i++), out var weight))
                    {
                        c.Error(ErrorReplies.ZSetWeightNotFloat);
                        return;
                    }
                    input.Weight = weight;
                }
            }
            else if (operation != SetOperation.Diff && !cardinalityOnly && remaining >= 2 && Is(arg, "AGGREGATE"u8))
            {
                var name = c.Arg(i + 1);
                if (Is(name, "SUM"u8)) aggregate = Aggregate.Sum;
                else if (Is(name, "MIN"u8)) aggregate = Aggregate.Min;
                else if (Is(name, "MAX"u8)) aggregate = Aggregate.Max;
                else
                {
                    c.SyntaxError();
                    return;
                }
                i += 2;
            }
            else if (!store && !cardinalityOnly && Is(arg, "WITHSCORES"u8))
            {
                withScores = true;
                i++;
            }
            else if (cardinalityOnly && remaining >= 2 && Is(arg, "LIMIT"u8))
            {
                if (!TryInteger(c.Arg(i + 1), out limit) || limit < 0)
                {
                    c.Error(ErrorReplies.LimitNegative);
                    return;
                }
                i += 2;
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }

        // Smallest first: an intersection then probes the bigger inputs for the few candidates of the smallest.
        if (operation != SetOperation.Diff) inputs = [.. inputs.OrderBy(input => input.Count)];
        if (cardinalityOnly)
        {
            c.Reply.WriteInteger(InterCardinality(inputs, limit));
            return;
        }

        var result = operation switch
        {
            SetOperation.Union => Union(inputs, aggregate),
            SetOperation.Inter => Intersect(inputs, aggregate),
            _ => Difference(inputs),
        };

        if (store)
        {
            Store(c, c.Arg(1), result, operation switch
            {
                SetOperation.Union => "zunionstore"u8,
                SetOperation.Inter => "zinterstore"u8,
                _ => "zdiffstore"u8,
            });
            return;
        }

        result.Sort(static (a, b) => CompareElements(a, b));
        WriteElementsHeader(c, result.Count, withScores);
        foreach (var element in result) WriteElement(c, element.Member, element.Score, withScores);
    }

    private static List<ZSetMember> Union(List<AlgebraInput> inputs, Aggregate aggregate)
    {
        var scores = new Dictionary<byte[], double>(ByteArrayComparer.Instance);
        var lookup = scores.GetAlternateLookup<ReadOnlySpan<byte>>();
        foreach (var input in inputs)
        {
            foreach (var element in input.Elements())
            {
                var score = Weighted(input.Weight, element.Score);
                var member = element.Member.Span;
                if (lookup.TryGetValue(member, out var existing)) lookup[member] = Combine(existing, score, aggregate);
                else scores.Add(member.ToArray(), score);
            }
        }

        var result = new List<ZSetMember>(scores.Count);
        foreach (var (member, score) in scores) result.Add(new ZSetMember(member, score));
        return result;
    }

    private static List<ZSetMember> Intersect(List<AlgebraInput> inputs, Aggregate aggregate)
    {
        var result = new List<ZSetMember>();
        foreach (var element in inputs[0].Elements())
        {
            if (TryIntersect(inputs, element, aggregate, out var score)) result.Add(new ZSetMember(element.Member.ToArray(), score));
        }

        return result;
    }

    /// <summary>How many members all inputs share, stopping at <paramref name="limit"/> (0: no limit).</summary>
    private static long InterCardinality(List<AlgebraInput> inputs, long limit)
    {
        long count = 0;
        foreach (var element in inputs[0].Elements())
        {
            if (!TryIntersect(inputs, element, Aggregate.Sum, out _)) continue;
            if (++count == limit) break;
        }

        return count;
    }

    /// <summary>Whether every other input holds the member of <paramref name="element"/> (from the first), and its score.</summary>
    private static bool TryIntersect(List<AlgebraInput> inputs, ZSetEntry element, Aggregate aggregate, out double score)
    {
        score = Weighted(inputs[0].Weight, element.Score);
        for (var j = 1; j < inputs.Count; j++)
        {
            if (!inputs[j].TryGetScore(element.Member.Span, out var value)) return false;
            // Unlike the first input's, these products are not cleaned of NaN: Redis aggregates them as they are.
            score = Combine(score, value * inputs[j].Weight, aggregate);
        }

        return true;
    }

    private static List<ZSetMember> Difference(List<AlgebraInput> inputs)
    {
        var result = new List<ZSetMember>();
        foreach (var element in inputs[0].Elements())
        {
            var elsewhere = false;
            for (var j = 1; j < inputs.Count && !elsewhere; j++) elsewhere = inputs[j].TryGetScore(element.Member.Span, out _);
            if (!elsewhere) result.Add(new ZSetMember(element.Member.ToArray(), element.Score));
        }

        return result;
    }

    /// <summary>A score times its input's weight; 0 × ±inf counts as 0, as in Redis.</summary>
    private static double Weighted(double weight, double score)
    {
        var product = weight * score;
        return double.IsNaN(product) ? 0 : product;
    }

    /// <summary>Redis's zunionInterAggregate: a sum of +inf and -inf is 0; MIN and MAX keep the current score on NaN.</summary>
    private static double Combine(double current, double value, Aggregate aggregate)
    {
        switch (aggregate)
        {
            case Aggregate.Sum:
                var sum = current + value;
                return double.IsNaN(sum) ? 0 : sum;
            case Aggregate.Min:
                return value < current ? value : current;
            default:
                return value > current ? value : current;
        }
    }

    private static int CompareElements(ZSetMember a, ZSetMember b)
    {
        if (a.Score < b.Score) return -1;
        if (a.Score > b.Score) return 1;
        return a.Member.AsSpan().SequenceCompareTo(b.Member);
    }
}
