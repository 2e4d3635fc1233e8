using System.Collections.Frozen;

namespace AkkaKv.Server.Commands;

/// <summary>
/// All commands, looked up by name without allocating. Built once from each group's definitions; assigns full
/// names ("client|list") and dense ids for statistics.
/// </summary>
public sealed class CommandTable
{
    private const int MaxNameLength = 64;

    private readonly FrozenDictionary<string, CommandDefinition>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<CommandDefinition> _all = [];

    public CommandTable(IEnumerable<CommandDefinition> commands)
    {
        Commands = commands.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        foreach (var command in Commands)
        {
            Register(command, null);
        }
        var byName = Commands.ToFrozenDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _subcommands = Commands.Where(c => c.HasSubcommands).ToFrozenDictionary(
            c => c, c => c.Subcommands.ToFrozenDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>());
    }

    private readonly FrozenDictionary<CommandDefinition, FrozenDictionary<string, CommandDefinition>.AlternateLookup<ReadOnlySpan<char>>> _subcommands;

    public static CommandTable Default { get; } = new(
        ConnectionCommands.Definitions
            .Concat(ServerCommands.Definitions)
            .Concat(IntrospectionCommands.Definitions)
            .Concat(SlowlogCommands.Definitions)
            .Concat(LatencyCommands.Definitions)
            .Concat(KeyCommands.Definitions)
            .Concat(ExpireCommands.Definitions)
            .Concat(StringCommands.Definitions)
            .Concat(ListCommands.Definitions)
            .Concat(HashCommands.Definitions)
            .Concat(SetCommands.Definitions)
            .Concat(SortedSetCommands.Definitions)
            .Concat(MemberExpireCommands.Definitions)
            .Concat(StreamCommands.Definitions)
            .Concat(BitmapCommands.Definitions)
            .Concat(HyperLogLogCommands.Definitions)
            .Concat(GeoCommands.Definitions)
            .Concat(SortCommands.Definitions)
            .Concat(TransactionCommands.Definitions)
            .Concat(PubSubCommands.Definitions)
            .Concat(ScriptingCommands.Definitions)
            .Concat(FunctionCommands.Definitions));

    /// <summary>Top-level commands, sorted by name.</summary>
    public IReadOnlyList<CommandDefinition> Commands { get; }

    /// <summary>Commands and subcommands; index = <see cref="CommandDefinition.Id"/>.</summary>
    public IReadOnlyList<CommandDefinition> All => _all;

    public int Count => _all.Count;

    public CommandDefinition? Find(ReadOnlySpan<byte> name) => Lookup(_lookup, name);

    public CommandDefinition? Find(string name) => Find(System.Text.Encoding.UTF8.GetBytes(name));

    public CommandDefinition? FindSubcommand(CommandDefinition container, ReadOnlySpan<byte> name) =>
        _subcommands.TryGetValue(container, out var lookup) ? Lookup(lookup, name) : null;

    private static CommandDefinition? Lookup(FrozenDictionary<string, CommandDefinition>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<byte> name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength) return null;
        Span<char> chars = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++) chars[i] = (char)name[i];
        return lookup.TryGetValue(chars, out var command) ? command : null;
    }

    private void Register(CommandDefinition command, CommandDefinition? parent)
    {
        command.Parent = parent;
        command.FullName = parent is null ? command.Name : $"{parent.Name}|{command.Name}";
        command.Id = _all.Count;
        _all.Add(command);
        foreach (var sub in command.Subcommands) Register(sub, command);
    }
}
