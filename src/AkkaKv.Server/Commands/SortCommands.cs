using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's sort.c commands: the table entries first, then the handlers.</summary>
public static partial class SortCommands
{
    private const string Group = "generic";
    private const string Cost = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Patterned("sort", CommandFlags.Write | CommandFlags.DenyOom, SourceAndStoreKeys, "Sorts the elements in a list, a set, or a sorted set, optionally storing the result.", Sort, "1.0.0").Changing(ChangedKeys.AllButFirst),
        Patterned("sort_ro", CommandFlags.ReadOnly, SourceKey, "Returns the sorted elements of a list, a set, or a sorted set.", SortRo, "7.0.0"),
    ];

    /// <summary>
    /// COMMAND INFO shows key 1 and "movablekeys" for both, as Redis derives them from its key specs (the STORE key and
    /// the keys the patterns form are "unknown" there). A request whose patterns read other keys runs on every shard.
    /// </summary>
    private static CommandDefinition Patterned(string name, CommandFlags flags, KeyFinder keys, string summary,
        ShardCommandHandler handler, string since) =>
        new()
        {
            Name = name, Arity = -2, Flags = flags, FirstKey = 1, LastKey = 1, KeyStep = 1, Group = Group,
            Summary = summary, Since = since, Complexity = Cost, Routing = CommandRouting.Keys, Execute = handler,
            FindKeys = keys, ReachesUnnamedKeys = ReadsPatternKeys, AclCategory = "@set @sortedset @list @dangerous",
        };

    private static void SourceKey(RequestArgs args, int offset, List<int> keys)
    {
        if (args.Count - offset > 1) keys.Add(1);
    }

    /// <summary>
    /// The source, then the key the last STORE writes, with the options walked exactly as the handler parses them. Redis's
    /// sortGetKeys skips differently (it takes the word after STORE for an option), so for "STORE by STORE d" it names
    /// "by" while d is written; here routing must involve the shard of the key really written, so GETKEYS names d.
    /// </summary>
    private static void SourceAndStoreKeys(RequestArgs args, int offset, List<int> keys)
    {
        var argc = args.Count - offset;
        if (argc < 2) return;
        keys.Add(1);
        var store = -1;
        for (var i = 2; i < argc; i++)
        {
            var left = argc - i - 1;
            var arg = args[offset + i];
            if (Is(arg, "LIMIT"u8) && left >= 2) i += 2;
            else if (Is(arg, "STORE"u8) && left >= 1) store = ++i;
            else if ((Is(arg, "GET"u8) || Is(arg, "BY"u8)) && left >= 1) i++;
        }
        if (store > 0) keys.Add(store);
    }

    /// <summary>
    /// Whether a BY or GET pattern has a '*', so it forms key names of its own (GET # and patterns without '*' read
    /// none). The options are walked as the handler parses them.
    /// </summary>
    private static bool ReadsPatternKeys(RequestArgs args)
    {
        for (var j = 2; j < args.Count; j++)
        {
            var left = args.Count - j - 1;
            var arg = args[j];
            if (Is(arg, "LIMIT"u8) && left >= 2) j += 2;
            else if (Is(arg, "STORE"u8) && left >= 1) j++;
            else if ((Is(arg, "BY"u8) || Is(arg, "GET"u8)) && left >= 1 && HasStar(args[++j])) return true;
        }
        return false;
    }

    private static void Sort(CommandContext c) => SortGeneric(c, readOnly: false);

    private static void SortRo(CommandContext c) => SortGeneric(c, readOnly: true);

    /// <summary>Redis's sortCommandGeneric: options, the source, the elements to order, then the reply or the stored list.</summary>
    private static void SortGeneric(CommandContext c, bool readOnly)
    {
        var options = new SortOptions();
        if (!TryParseOptions(c, readOnly, options)) return;

        var entry = c.LookupRead(c.Arg(1));
        ICollectionValue? source = null;
        if (entry is not null)
        {
            if (entry.Value is not (ListValue or SetValue or SortedSetValue))
            {
                c.WrongType();
                return;
            }
            source = (ICollectionValue)entry.Value;
        }

        // A set has no order of its own: stored, it is sorted ALPHA so replicas and the AOF get the same list.
        if (options.DontSort && source is SetValue && options.Store >= 0)
        {
            options.DontSort = false;
            options.Alpha = true;
            options.By = -1;
        }

        // Redis converts every sorted set it sorts, SORT_RO too, and the encoding stays.
        (source as SortedSetValue)?.ConvertToSkiplist();

        var length = source?.Count ?? 0;
        var start = Math.Min(Math.Max(options.LimitStart, 0), length);
        var count = Math.Min(Math.Max(options.LimitCount, -1), length);
        var end = count < 0 ? length - 1 : start + count - 1;
        if (start >= length)
        {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) end = length - 1;

        SortItem[] items;
        if (options.DontSort && source is ListValue or SortedSetValue)
        {
            // Already in order: read just the requested range, from the end when DESC.
            items = LoadRange(source, start, end, options.Desc);
            end -= start;
            start = 0;
        }
        else
        {
            items = LoadAll(source);
        }

        var reader = new PatternReader(c);
        if (!options.DontSort && !TryOrder(c, options, items, reader))
        {
            c.Error(ErrorReplies.SortScoreNotDouble);
            return;
        }

        var rows = (int)(end - start + 1);
        var outputLength = (long)rows * Math.Max(options.Gets.Count, 1);
        if (options.Store < 0)
        {
            c.Reply.WriteArrayHeader((int)outputLength);
            for (var j = (int)start; j <= end; j++) WriteRow(c, options, reader, items[j].Element);
            return;
        }

        var values = new List<byte[]>((int)outputLength);
        for (var j = (int)start; j <= end; j++) AddRow(c, options, reader, items[j].Element, values);
        Store(c, c.Arg(options.Store), values);
        c.Reply.WriteInteger(outputLength);
    }

    /// <summary>The options, in Redis's order of checks; false after an error reply (the source is not read then).</summary>
    private static bool TryParseOptions(CommandContext c, bool readOnly, SortOptions options)
    {
        for (var j = 2; j < c.ArgCount; j++)
        {
            var left = c.ArgCount - j - 1;
            var arg = c.Arg(j);
            if (Is(arg, "ASC"u8))
            {
                options.Desc = false;
            }
            else if (Is(arg, "DESC"u8))
            {
                options.Desc = true;
            }
            else if (Is(arg, "ALPHA"u8))
            {
                options.Alpha = true;
            }
            else if (Is(arg, "LIMIT"u8) && left >= 2)
            {
                if (!TryInteger(c.Arg(j + 1), out var offset) || !TryInteger(c.Arg(j + 2), out var count))
                {
                    c.NotInteger();
                    return false;
                }
                options.LimitStart = offset;
                options.LimitCount = count;
                j += 2;
            }
            else if (!readOnly && Is(arg, "STORE"u8) && left >= 1)
            {
                options.Store = ++j;
            }
            else if (Is(arg, "BY"u8) && left >= 1)
            {
                options.By = ++j;
                // A pattern without '*' names no weights: nothing to sort by (BY nosort), and that sticks.
                if (!HasStar(c.Arg(j)))
                {
                    options.DontSort = true;
                }
                else if (c.Node.Router.Enabled)
                {
                    c.Error(ErrorReplies.SortByInCluster);
                    return false;
                }
            }
            else if (Is(arg, "GET"u8) && left >= 1)
            {
                if (c.Node.Router.Enabled)
                {
                    c.Error(ErrorReplies.SortGetInCluster);
                    return false;
                }
                options.Gets.Add(++j);
            }
            else
            {
                c.SyntaxError();
                return false;
            }
        }
        return true;
    }

    /// <summary>One element's reply: the element itself without GET, else each GET's value (null when missing).</summary>
    private static void WriteRow(CommandContext c, SortOptions options, PatternReader reader, byte[] element)
    {
        if (options.Gets.Count == 0) c.Reply.WriteBulk(element);
        foreach (var get in options.Gets)
        {
            if (reader.TryRead(c.Arg(get), element, out var value)) c.Reply.WriteBulk(value);
            else c.Reply.WriteNull();
        }
    }

    /// <summary>One element's share of the stored list: as <see cref="WriteRow"/>, a missing value stored as "".</summary>
    private static void AddRow(CommandContext c, SortOptions options, PatternReader reader, byte[] element, List<byte[]> values)
    {
        if (options.Gets.Count == 0) values.Add(element);
        foreach (var get in options.Gets)
        {
            values.Add(reader.TryRead(c.Arg(get), element, out var value) ? value.ToArray() : []);
        }
    }

    /// <summary>
    /// STORE: the result replaces the destination (and its TTL) as a list, or deletes it when empty. Journaled as received
    /// whenever the keyspace changed, as Redis propagates SORT; published as "sortstore", or "del".
    /// </summary>
    private static void Store(CommandContext c, ReadOnlySpan<byte> destination, List<byte[]> values)
    {
        if (values.Count > 0)
        {
            var created = c.WillCreate(destination);
            c.Db(destination).Set(destination, ListValue.FromElements(values, c.Limits), nowMs: c.NowMs);
            c.SignalKeyReady(destination);
            c.Propagate();
            if (created) c.NotifyNew(destination);
            c.Notify(NotifyClass.List, "sortstore"u8, destination);
            return;
        }
        var existing = c.LookupWrite(destination);
        if (existing is null) return;
        c.Db(destination).Delete(existing);
        c.Propagate();
        c.NotifyDel(destination);
    }

    /// <summary>What the options asked for; argument indexes stand for the patterns and the destination.</summary>
    private sealed class SortOptions
    {
        public bool Desc { get; set; }
        public bool Alpha { get; set; }
        public bool DontSort { get; set; }
        public long LimitStart { get; set; }
        public long LimitCount { get; set; } = -1;

        /// <summary>The last BY pattern's argument index; -1 without BY.</summary>
        public int By { get; set; } = -1;

        /// <summary>The destination's argument index; -1 without STORE.</summary>
        public int Store { get; set; } = -1;

        public List<int> Gets { get; } = [];
    }
}
