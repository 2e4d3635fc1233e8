namespace AkkaKv.Testing;

/// <summary>
/// Where the built server is: akkakv-server.dll beside the test assembly (the test project references src/AkkaKv.Host,
/// which makes the build copy it there), run by dotnet.
/// </summary>
public static class ServerExecutable
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "akkakv-server.dll");

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
            var current = Environment.ProcessPath;
            if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
            return "dotnet";
        }
    }

    public static void EnsureBuilt()
    {
        if (!File.Exists(Dll))
            throw new FileNotFoundException($"akkakv-server.dll is not beside the tests at {Dll}; the test project must reference src/AkkaKv.Host.", Dll);
    }
}
