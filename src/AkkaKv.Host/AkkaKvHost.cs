using System.Runtime.InteropServices;
using AkkaKv.Server;

namespace AkkaKv.Host;

/// <summary>Runs one node in the foreground until SIGTERM, SIGINT or SHUTDOWN, logging like redis-server.</summary>
public static class AkkaKvHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine commandLine;
        Server.Config.ServerSettings settings;
        try
        {
            commandLine = CommandLine.Parse(args);
            if (commandLine.ShowHelp)
            {
                Console.WriteLine(CommandLine.Usage);
                return 0;
            }
            if (commandLine.ShowVersion)
            {
                Console.WriteLine($"AkkaKv server v={typeof(AkkaKvHost).Assembly.GetName().Version} redis_compat={Server.Commands.ConnectionCommands.RedisVersion}");
                return 0;
            }
            settings = ConfigLoader.Load(commandLine, Environment.GetEnvironmentVariables());
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or AkkaKv.Hocon.HoconParseException or AkkaKv.Hocon.ConfigException or FormatException)
        {
            Console.Error.WriteLine($"*** FATAL CONFIG ERROR *** {e.Message}");
            return 1;
        }

        ServerNode node;
        try
        {
            node = NodeLauncher.Start(settings, Log);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Log($"Warning: Could not create server TCP listening socket {settings.Bind}:{settings.Port}: {e.Message}");
            return 1;
        }

        var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult("SIGTERM"); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult("SIGINT"); });
        _ = node.ShutdownRequested.ContinueWith(_ => stop.TrySetResult("SHUTDOWN"), TaskScheduler.Default);

        Log($"AkkaKv {typeof(AkkaKvHost).Assembly.GetName().Version} (Redis {Server.Commands.ConnectionCommands.RedisVersion} compatible), pid={Environment.ProcessId}, node={settings.NodeId}");
        Log($"Configuration: {(settings.ConfigFile ?? "embedded defaults")}; io-threads={settings.IoThreads} shards={settings.Shards} databases={settings.Databases}");
        Log($"Ready to accept connections tcp on {settings.Bind}:{node.EndPoint.Port}");

        var reason = await stop.Task;
        Log($"Received {reason}, shutting down.");
        await node.DisposeAsync();
        Log("AkkaKv is now ready to exit, bye bye...");
        return 0;
    }

    private static void Log(string message) =>
        Console.WriteLine($"{Environment.ProcessId}:M {DateTime.Now:dd MMM yyyy HH:mm:ss.fff} * {message}");
}
