using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using AkkaKv.Protocol;

namespace AkkaKv.Testing;

/// <summary>
/// The real akkakv-server running as a child process, its output captured line by line. Every wait is bounded;
/// Dispose kills the process if it is still running, whatever happened before.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private const int SigTerm = 15;
    private const string ReadyLine = "Ready to accept connections";

    private readonly Process _process;
    private readonly ConcurrentQueue<(bool IsError, string Text)> _lines = new();
    private bool _disposed;

    private ServerProcess(ServerLaunch launch, Process process)
    {
        Launch = launch;
        _process = process;
        ProcessId = process.Id;
        _process.OutputDataReceived += (_, e) => Capture(isError: false, e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(isError: true, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ServerLaunch Launch { get; }

    public string Name => Launch.Name;

    public int ProcessId { get; }

    /// <summary>True once the process ended (a disposed server was killed if it had not).</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>The exit code; only valid once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public string Stdout => string.Join('\n', _lines.Where(l => !l.IsError).Select(l => l.Text));

    public string Stderr => string.Join('\n', _lines.Where(l => l.IsError).Select(l => l.Text));

    /// <summary>Everything the process printed so far, stdout and stderr interleaved as they arrived, each line tagged.</summary>
    public string Output => string.Join('\n', _lines.Select(l => $"[{Name} {(l.IsError ? "err" : "out")}] {l.Text}"));

    /// <summary>Starts <c>dotnet akkakv-server.dll arguments...</c> beside the tests, without waiting for anything.</summary>
    public static ServerProcess Start(params string[] arguments) => Start(new ServerLaunch(arguments));

    /// <summary>Starts the process without waiting for anything.</summary>
    public static ServerProcess Start(ServerLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ServerExecutable.EnsureBuilt();
        Directory.CreateDirectory(launch.WorkingDirectory);
        var process = Process.Start(launch.ToStartInfo()) ?? throw new InvalidOperationException($"could not start {launch}");
        return new ServerProcess(launch, process);
    }

    /// <summary>Starts the process and waits until it logs that it accepts connections.</summary>
    public static ServerProcess StartReady(ServerLaunch launch, TimeSpan readyTimeout)
    {
        var server = Start(launch);
        if (server.WaitForOutput(ReadyLine, readyTimeout)) return server;
        var reason = server.HasExited ? $"it exited with code {server.ExitCode}" : $"it was not ready within {readyTimeout}";
        server.Dispose();
        throw new InvalidOperationException($"{launch.Name}: {reason}.\ncommand: {launch}\n{server.Output}");
    }

    /// <summary>Runs the executable to completion; the process is killed if it outlives <paramref name="timeout"/>.</summary>
    public static ServerProcess Run(TimeSpan timeout, params string[] arguments)
    {
        var server = Start(arguments);
        if (!server.WaitForExit(timeout))
        {
            server.Dispose();
            throw new TimeoutException($"{server.Launch} still running after {timeout}.\n{server.Output}");
        }
        return server;
    }

    /// <summary>A TCP port nobody listens on right now (the OS's next ephemeral one).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when an output line containing <paramref name="text"/> appeared within the timeout.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            if (HasPrinted(text)) return true;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // lets the asynchronous readers drain
                return HasPrinted(text);
            }
            if (Environment.TickCount64 >= deadline) return false;
            Thread.Sleep(20);
        }
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
        ObjectDisposedException.ThrowIf(_disposed, this);
        // A process that exits meanwhile makes kill fail; only a live one that did not get the signal is an error.
        if (!_process.HasExited && SendSignal(_process.Id, SigTerm) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>kill -TERM and wait for the exit; returns the exit code (0 for a clean shutdown).</summary>
    public int Stop(TimeSpan timeout)
    {
        Terminate();
        if (!WaitForExit(timeout))
            throw new TimeoutException($"{Name} (pid {ProcessId}) did not exit within {timeout} of SIGTERM.\n{Output}");
        return _process.ExitCode;
    }

    /// <summary>kill -9: the node vanishes without closing anything, as in a crash or a power cut.</summary>
    public void Kill(TimeSpan timeout)
    {
        if (HasExited) return;
        _process.Kill(entireProcessTree: true);
        if (!WaitForExit(timeout)) throw new TimeoutException($"{Name} (pid {ProcessId}) survived SIGKILL for {timeout}");
    }

    /// <summary>True when the node accepts a connection and answers PING with PONG within the timeout.</summary>
    public bool IsAnswering(TimeSpan timeout)
    {
        try
        {
            using var client = Connect();
            client.Timeout = timeout;
            return client.Execute("PING").ToString() == "PONG";
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>A client connected to <see cref="ServerLaunch.EndPoint"/> (the caller disposes it).</summary>
    public RespClient Connect()
    {
        var endPoint = Launch.EndPoint ?? throw new InvalidOperationException($"{Name} was launched without an endpoint to connect to");
        return new RespClient(endPoint.Host, endPoint.Port);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
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
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private bool HasPrinted(string text) => _lines.Any(line => line.Text.Contains(text, StringComparison.Ordinal));

    private void Capture(bool isError, string? line)
    {
        if (line is not null) _lines.Enqueue((isError, line));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
