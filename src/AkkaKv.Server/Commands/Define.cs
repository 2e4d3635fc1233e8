namespace AkkaKv.Server.Commands;

/// <summary>Short factories for command table entries, so each group lists its commands one per line.</summary>
internal static class Define
{
    /// <summary>Declares which of its keys <paramref name="command"/> changes (all, unless said here).</summary>
    public static CommandDefinition Changing(this CommandDefinition command, ChangedKeys changed)
    {
        command.ChangedKeys = changed;
        return command;
    }

    /// <summary>A command on the shard(s) owning keys first..last by step.</summary>
    public static CommandDefinition Keyed(string name, int arity, CommandFlags flags, int first, int last, int step,
        string group, string summary, ShardCommandHandler handler, string since = "1.0.0", string complexity = "O(1)") =>
        new()
        {
            Name = name, Arity = arity, Flags = flags, FirstKey = first, LastKey = last, KeyStep = step,
            Group = group, Summary = summary, Since = since, Complexity = complexity,
            Routing = CommandRouting.Keys, Execute = handler,
        };

    /// <summary>A command whose keys <paramref name="findKeys"/> locates (numkeys, STREAMS...); COMMAND INFO shows the declared range.</summary>
    public static CommandDefinition MovableKeys(string name, int arity, CommandFlags flags, int first, int last, int step,
        KeyFinder findKeys, string group, string summary, ShardCommandHandler handler, string since = "1.0.0", string complexity = "O(1)") =>
        new()
        {
            Name = name, Arity = arity, Flags = flags, FirstKey = first, LastKey = last, KeyStep = step,
            Group = group, Summary = summary, Since = since, Complexity = complexity,
            Routing = CommandRouting.Keys, Execute = handler, FindKeys = findKeys,
        };

    /// <summary>A command over every shard at once (atomically).</summary>
    public static CommandDefinition AllShards(string name, int arity, CommandFlags flags, string group, string summary,
        ShardCommandHandler handler, string since = "1.0.0", string complexity = "O(N)", string? aclCategory = null) =>
        new()
        {
            Name = name, Arity = arity, Flags = flags, Group = group, Summary = summary, Since = since,
            Complexity = complexity, Routing = CommandRouting.AllShards, Execute = handler, AclCategory = aclCategory,
        };

    /// <summary>A command of the connection itself, run in the session.</summary>
    public static CommandDefinition Session(string name, int arity, CommandFlags flags, string group, string summary,
        SessionCommandHandler handler, string since = "1.0.0", string complexity = "O(1)") =>
        new()
        {
            Name = name, Arity = arity, Flags = flags, Group = group, Summary = summary, Since = since,
            Complexity = complexity, Routing = CommandRouting.Session, ExecuteInSession = handler,
        };

    /// <summary>A container such as CLIENT or CONFIG: only its subcommands run.</summary>
    public static CommandDefinition Container(string name, string group, string summary, string since,
        params CommandDefinition[] subcommands) =>
        Container(name, group, summary, since, subcommandSyntaxErrors: false, subcommands);

    /// <param name="subcommandSyntaxErrors">See <see cref="CommandDefinition.SubcommandSyntaxErrors"/>.</param>
    public static CommandDefinition Container(string name, string group, string summary, string since,
        bool subcommandSyntaxErrors, params CommandDefinition[] subcommands) =>
        new()
        {
            Name = name, Arity = -2, Group = group, Summary = summary, Since = since,
            Routing = CommandRouting.Session, Subcommands = subcommands, SubcommandSyntaxErrors = subcommandSyntaxErrors,
        };
}
