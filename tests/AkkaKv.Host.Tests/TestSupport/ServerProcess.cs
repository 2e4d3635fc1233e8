using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AkkaKv.Host.Tests.TestSupport;

/// <summary>
/// The real executable (<c>dotnet akkakv-server.dll ...</c>, copied beside the test assembly by the project reference)
/// running as a child process, its output captured line by line. Killed on Dispose if still running.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _stdout.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _stderr.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string ServerDll { get; } = Path.Combine(AppContext.BaseDirectory, "akkakv-server.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    public string Output => $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public static ServerProcess Start(params string[] arguments)
    {
        if (!File.Exists(ServerDll)) throw new FileNotFoundException($"akkakv-server.dll not found beside the tests at {ServerDll}", ServerDll);
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The node must see only what the test gives it, not AKKAKV_* variables of whoever runs the tests.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AKKAKV_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs the executable to completion; the process is killed if it outlives <paramref name="timeout"/>.</summary>
    public static ServerProcess Run(TimeSpan timeout, params string[] arguments)
    {
        var server = Start(arguments);
        if (!server.WaitForExit(timeout))
        {
            server.Dispose();
            throw new TimeoutException($"akkakv-server {string.Join(' ', arguments)} still running after {timeout}.\n{server.Output}");
        }
        return server;
    }

    /// <summary>True when a stdout line containing <paramref name="text"/> appeared within the timeout.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (_stdout.Any(line => line.Contains(text, StringComparison.Ordinal))) return true;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the asynchronous readers
                return _stdout.Any(line => line.Contains(text, StringComparison.Ordinal));
            }
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>Waits for the exit and for the captured output to be complete.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    /// <summary>Sends SIGTERM, as <c>kill -TERM pid</c> does.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>A TCP port nobody listens on right now (the OS's next ephemeral one).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return "dotnet";
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
