using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>COMMAND and its subcommands: everything they say is read from the command table.</summary>
public static class IntrospectionCommands
{
    private const string Group = "server";
    private const CommandFlags Flags = CommandFlags.Loading | CommandFlags.Stale;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        new CommandDefinition
        {
            Name = "command", Arity = -1, Flags = Flags, Group = Group, Since = "2.8.13", Complexity = "O(N) where N is the total number of Redis commands",
            Summary = "Returns detailed information about all commands.", Routing = CommandRouting.Session, ExecuteInSession = All,
            Subcommands =
            [
                Define.Session("count", 2, Flags, Group, "Returns a count of commands.", Count, "2.8.13"),
                Define.Session("info", -2, Flags, Group, "Returns information about one, multiple or all commands.", InfoOf, "2.8.13", "O(N) where N is the number of commands to look up"),
                Define.Session("docs", -2, Flags, Group, "Returns documentary information about one, multiple or all commands.", Docs, "7.0.0", "O(N) where N is the number of commands to look up"),
                Define.Session("list", -2, Flags, Group, "Returns a list of command names.", List, "7.0.0", "O(N) where N is the total number of Redis commands"),
                Define.Session("getkeys", -4, Flags, Group, "Extracts the key names from an arbitrary command.", GetKeys, "2.8.13", "O(N) where N is the number of arguments to the command"),
                Define.Session("help", 2, Flags, Group, "Returns helpful text about the different subcommands.", (s, a, r) => Help.Write(r, "COMMAND", HelpLines), "5.0.0"),
            ],
        },
    ];

    private static readonly string[] HelpLines =
    [
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
    ];

    private static void All(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var commands = session.Node.Commands.Commands;
        reply.WriteArrayHeader(commands.Count);
        foreach (var command in commands) WriteInfo(reply, command);
    }

    private static void Count(ClientSession session, RequestArgs args, RespWriter reply) =>
        reply.WriteInteger(session.Node.Commands.Commands.Count);

    private static void InfoOf(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (args.Count == 2)
        {
            All(session, args, reply);
            return;
        }
        reply.WriteArrayHeader(args.Count - 2);
        for (var i = 2; i < args.Count; i++)
        {
            var command = FindByFullName(session, args.ToString(i));
            if (command is null) reply.WriteNull();
            else WriteInfo(reply, command);
        }
    }

    private static CommandDefinition? FindByFullName(ClientSession session, string name)
    {
        var table = session.Node.Commands;
        var bar = name.IndexOf('|');
        if (bar < 0) return table.Find(name);
        var container = table.Find(name[..bar]);
        return container is null ? null : table.FindSubcommand(container, Bytes(name[(bar + 1)..]));
    }

    private static void WriteInfo(RespWriter reply, CommandDefinition command)
    {
        reply.WriteArrayHeader(10);
        reply.WriteBulk(command.FullName);
        reply.WriteInteger(command.Arity);
        var flags = FlagNames(command.Flags).ToList();
        if (command.FindKeys is not null) flags.Add("movablekeys");
        reply.WriteSetHeader(flags.Count);
        foreach (var flag in flags) reply.WriteSimpleString(flag);
        reply.WriteInteger(command.FirstKey);
        reply.WriteInteger(command.LastKey);
        reply.WriteInteger(command.FirstKey > 0 ? command.KeyStep : 0);
        var categories = AclCategories(command).ToList();
        reply.WriteSetHeader(categories.Count);
        foreach (var category in categories) reply.WriteSimpleString(category);
        reply.WriteArrayHeader(0);
        WriteKeySpecs(reply, command);
        reply.WriteArrayHeader(command.Subcommands.Count);
        foreach (var sub in command.Subcommands) WriteInfo(reply, sub);
    }

    private static void WriteKeySpecs(RespWriter reply, CommandDefinition command)
    {
        if (command.FirstKey <= 0)
        {
            reply.WriteArrayHeader(0);
            return;
        }
        reply.WriteArrayHeader(1);
        reply.WriteMapHeader(3);
        reply.WriteBulk("flags"u8);
        reply.WriteSetHeader(2);
        reply.WriteSimpleString(command.IsWrite ? "RW"u8 : "RO"u8);
        reply.WriteSimpleString(command.IsWrite ? "update"u8 : "access"u8);
        reply.WriteBulk("begin_search"u8);
        reply.WriteMapHeader(2);
        reply.WriteBulk("type"u8);
        reply.WriteBulk("index"u8);
        reply.WriteBulk("spec"u8);
        reply.WriteMapHeader(1);
        reply.WriteBulk("index"u8);
        reply.WriteInteger(command.FirstKey);
        reply.WriteBulk("find_keys"u8);
        reply.WriteMapHeader(2);
        reply.WriteBulk("type"u8);
        reply.WriteBulk("range"u8);
        reply.WriteBulk("spec"u8);
        reply.WriteMapHeader(3);
        reply.WriteBulk("lastkey"u8);
        reply.WriteInteger(command.LastKey < 0 ? command.LastKey : command.LastKey - command.FirstKey);
        reply.WriteBulk("keystep"u8);
        reply.WriteInteger(command.KeyStep);
        reply.WriteBulk("limit"u8);
        reply.WriteInteger(0);
    }

    private static IEnumerable<string> FlagNames(CommandFlags flags)
    {
        (CommandFlags Flag, string Name)[] names =
        [
            (CommandFlags.Write, "write"), (CommandFlags.ReadOnly, "readonly"), (CommandFlags.DenyOom, "denyoom"),
            (CommandFlags.Admin, "admin"), (CommandFlags.PubSub, "pubsub"), (CommandFlags.NoScript, "noscript"),
            (CommandFlags.Blocking, "blocking"), (CommandFlags.Loading, "loading"), (CommandFlags.Stale, "stale"),
            (CommandFlags.SkipMonitor, "skip_monitor"), (CommandFlags.SkipSlowlog, "skip_slowlog"), (CommandFlags.Fast, "fast"),
            // may_replicate is not shown: Redis hides it on purpose.
            (CommandFlags.NoAuth, "no_auth"), (CommandFlags.NoMulti, "no_multi"),
            (CommandFlags.AllowBusy, "allow_busy"), (CommandFlags.NoMandatoryKeys, "no_mandatory_keys"),
        ];
        return names.Where(n => (flags & n.Flag) != 0).Select(n => n.Name);
    }

    private static IEnumerable<string> AclCategories(CommandDefinition command)
    {
        var group = command.Parent?.Group ?? command.Group;
        if (command.IsWrite) yield return "@write";
        if ((command.Flags & CommandFlags.ReadOnly) != 0) yield return "@read";
        yield return (command.Flags & CommandFlags.Fast) != 0 ? "@fast" : "@slow";
        if ((command.Flags & CommandFlags.Admin) != 0)
        {
            yield return "@admin";
            yield return "@dangerous";
        }
        // Server commands carry no category of their own; those acting on the keyspace say so in the table.
        var category = command.AclCategory ?? (command.Parent?.AclCategory) ?? group switch
        {
            "generic" => "@keyspace",
            "server" => null,
            "transactions" => "@transaction",
            _ => "@" + group,
        };
        if (category is not null)
        {
            foreach (var name in category.Split(' ')) yield return name;
        }
        if ((command.Flags & CommandFlags.Blocking) != 0) yield return "@blocking";
    }

    private static void Docs(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var commands = new List<CommandDefinition>();
        if (args.Count == 2) commands.AddRange(session.Node.Commands.Commands);
        for (var i = 2; i < args.Count; i++)
        {
            if (FindByFullName(session, args.ToString(i)) is { } command) commands.Add(command);
        }
        reply.WriteMapHeader(commands.Count);
        foreach (var command in commands)
        {
            reply.WriteBulk(command.FullName);
            WriteDoc(reply, command);
        }
    }

    private static void WriteDoc(RespWriter reply, CommandDefinition command)
    {
        reply.WriteMapHeader(command.HasSubcommands ? 5 : 4);
        reply.WriteBulk("summary"u8);
        reply.WriteBulk(command.Summary);
        reply.WriteBulk("since"u8);
        reply.WriteBulk(command.Since);
        reply.WriteBulk("group"u8);
        reply.WriteBulk(command.Parent?.Group ?? command.Group);
        reply.WriteBulk("complexity"u8);
        reply.WriteBulk(command.Complexity);
        if (!command.HasSubcommands) return;
        reply.WriteBulk("subcommands"u8);
        reply.WriteMapHeader(command.Subcommands.Count);
        foreach (var sub in command.Subcommands)
        {
            reply.WriteBulk(sub.FullName);
            WriteDoc(reply, sub);
        }
    }

    private static void List(ClientSession session, RequestArgs args, RespWriter reply)
    {
        IEnumerable<CommandDefinition> commands = session.Node.Commands.All;
        if (args.Count == 5 && Is(args[2], "FILTERBY"u8))
        {
            var value = args.ToString(4);
            if (Is(args[3], "PATTERN"u8)) commands = commands.Where(c => GlobPattern.IsMatch(Bytes(value), Bytes(c.FullName), ignoreCase: true));
            else if (Is(args[3], "ACLCAT"u8)) commands = commands.Where(c => AclCategories(c).Contains("@" + value.ToLowerInvariant()));
            else if (Is(args[3], "MODULE"u8)) commands = [];
            else
            {
                session.ReplyError(reply, ErrorReplies.Syntax);
                return;
            }
        }
        else if (args.Count != 2)
        {
            session.ReplyError(reply, ErrorReplies.Syntax);
            return;
        }
        var names = commands.Select(c => c.FullName).ToList();
        reply.WriteArrayHeader(names.Count);
        foreach (var name in names) reply.WriteBulk(name);
    }

    private static void GetKeys(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var table = session.Node.Commands;
        var command = table.Find(args[2]);
        var argc = args.Count - 2;
        if (command is not null && command.HasSubcommands && argc >= 2) command = table.FindSubcommand(command, args[3]);
        if (command is null)
        {
            session.ReplyError(reply, "ERR Invalid command specified");
            return;
        }
        if (!command.HasKeys)
        {
            session.ReplyError(reply, "ERR The command has no key arguments");
            return;
        }
        if (!command.ArityMatches(argc))
        {
            session.ReplyError(reply, "ERR Invalid number of arguments specified for command");
            return;
        }
        var keys = new List<int>();
        command.CollectKeys(args, 2, keys);
        if (keys.Count == 0)
        {
            session.ReplyError(reply, "ERR Invalid arguments specified for command");
            return;
        }
        reply.WriteArrayHeader(keys.Count);
        foreach (var i in keys) reply.WriteBulk(args[i + 2]);
    }
}
