namespace AkkaKv.Host;

/// <summary>
/// redis-server's command line: an optional HOCON file first, then --name value pairs where name is any parameter
/// CONFIG GET knows. Each flag becomes HOCON assignments through the one parameter table.
/// </summary>
public sealed record CommandLine(string? ConfigFile, IReadOnlyList<(string Path, string Value)> Overrides, bool ShowHelp, bool ShowVersion)
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? file = null;
        var overrides = new List<(string, string)>();
        var i = 0;
        if (args.Count > 0 && args[0] is "-h" or "--help") return new CommandLine(null, overrides, true, false);
        if (args.Count > 0 && args[0] is "-v" or "--version") return new CommandLine(null, overrides, false, true);
        if (args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            file = args[0];
            i = 1;
        }
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{arg}': options are --name value");
            string name, value;
            var equals = arg.IndexOf('=');
            if (equals > 0)
            {
                name = arg[2..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg[2..];
                if (i + 1 >= args.Count) throw new ArgumentException($"option '--{name}' needs a value");
                value = args[++i];
            }
            overrides.AddRange(ToHocon(name, value, $"option '--{name}'"));
        }
        return new CommandLine(file, overrides, false, false);
    }

    /// <summary>AKKAKV_PORT=7000, AKKAKV_IO_THREADS=2 ...: every variable naming a known parameter.</summary>
    public static IReadOnlyList<(string Path, string Value)> FromEnvironment(System.Collections.IDictionary variables)
    {
        var overrides = new List<(string, string)>();
        foreach (System.Collections.DictionaryEntry variable in variables)
        {
            var key = (string)variable.Key;
            if (!key.StartsWith("AKKAKV_", StringComparison.Ordinal)) continue;
            var name = key["AKKAKV_".Length..].ToLowerInvariant().Replace('_', '-');
            if (Server.Config.ConfigParameters.Find(name) is null) continue;
            overrides.AddRange(ToHocon(name, (string?)variable.Value ?? "", $"environment variable {key}"));
        }
        return overrides;
    }

    private static IEnumerable<(string, string)> ToHocon(string name, string value, string source)
    {
        var parameter = Server.Config.ConfigParameters.Find(name)
            ?? throw new ArgumentException($"{source}: unknown configuration parameter '{name}'");
        try
        {
            return parameter.ToHocon(value).ToList();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{source}: {e.Message}");
        }
    }

    public const string Usage = """
        Usage: ./akkakv-server [/path/to/akkakv.conf] [--name value ...]
               ./akkakv-server -v or --version
               ./akkakv-server -h or --help

        Examples:
               ./akkakv-server                      (embedded defaults, port 6379)
               ./akkakv-server --port 7777
               ./akkakv-server hocon/standalone.conf --io-threads 2 --shards 2
               ./akkakv-server --maxclients 100 --requirepass secret

        Any parameter CONFIG GET lists is accepted as --name value. Precedence, lowest first:
        reference.conf < the HOCON file < AKKAKV_<NAME> environment variables < flags.
        """;
}
