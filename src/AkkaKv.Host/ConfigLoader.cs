using AkkaKv.Server.Config;

namespace AkkaKv.Host;

/// <summary>
/// Builds the node's configuration: each module's reference.conf &lt; the HOCON file &lt; AKKAKV_* environment
/// variables &lt; command-line flags.
/// </summary>
public static class ConfigLoader
{
    public static ServerSettings Load(CommandLine commandLine, System.Collections.IDictionary environment)
    {
        var config = AkkaKv.Hocon.Config.Empty;
        foreach (var (path, value) in commandLine.Overrides) config = config.WithValue(path, value);
        var fromEnvironment = AkkaKv.Hocon.Config.Empty;
        foreach (var (path, value) in CommandLine.FromEnvironment(environment)) fromEnvironment = fromEnvironment.WithValue(path, value);
        config = config.WithFallback(fromEnvironment);
        if (commandLine.ConfigFile is { } file)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"config file '{file}' not found", file);
            config = config.WithFallback(AkkaKv.Hocon.Config.ParseFile(file));
        }
        config = config.WithFallback(ServerSettings.Reference);
        return new ServerSettings(config, commandLine.ConfigFile);
    }
}
