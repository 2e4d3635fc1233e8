using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AkkaKv.Protocol;

namespace AkkaKv.MultiNode.Tests.Framework;

/// <summary>
/// One role's akkakv-server running as a real process. Every wait is bounded; Dispose kills the process if it is
/// still running, whatever happened before.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private const int SigTerm = 15;
    private const string ReadyLine = "Ready to accept connections";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _disposed;

    private ServerProcess(NodeLaunchCommand launch, Process process)
    {
        Launch = launch;
        _process = process;
        ProcessId = process.Id;
        _process.OutputDataReceived += (_, e) => Capture("out", e.Data);
        _process.ErrorDataReceived += (_, e) => Capture("err", e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public NodeLaunchCommand Launch { get; }

    public RoleName Role => Launch.Role;

    public int ProcessId { get; }

    /// <summary>True once the process ended (a disposed server was killed if it had not).</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>The exit code; only valid once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the process and waits until it logs that it accepts connections.</summary>
    public static ServerProcess Start(NodeLaunchCommand launch, TimeSpan readyTimeout)
    {
        ServerExecutable.EnsureBuilt();
        Directory.CreateDirectory(launch.DataDirectory);
        var process = Process.Start(launch.ToStartInfo()) ?? throw new InvalidOperationException($"could not start {launch}");
        var server = new ServerProcess(launch, process);
        if (server.WaitForOutput(ReadyLine, readyTimeout)) return server;
        var reason = server.HasExited ? $"it exited with code {server.ExitCode}" : $"it was not ready within {readyTimeout}";
        server.Dispose();
        throw new InvalidOperationException($"{launch.Role}: {reason}.\ncommand: {launch}\n{server.Output}");
    }

    /// <summary>True when an output line containing <paramref name="text"/> appeared within the timeout.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal))) return true;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // lets the asynchronous readers drain
                return _output.Any(line => line.Contains(text, StringComparison.Ordinal));
            }
            if (Environment.TickCount64 >= deadline) return false;
            Thread.Sleep(20);
        }
    }

    /// <summary>kill -9: the node vanishes without closing anything, as in a crash or a power cut.</summary>
    public void Kill(TimeSpan timeout)
    {
        if (HasExited) return;
        _process.Kill(entireProcessTree: true);
        if (!WaitForExit(timeout)) throw new TimeoutException($"{Role} (pid {ProcessId}) survived SIGKILL for {timeout}");
    }

    /// <summary>kill -TERM and wait for the exit; returns the exit code (0 for a clean shutdown).</summary>
    public int Stop(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_process.HasExited && SendSignal(_process.Id, SigTerm) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        if (!WaitForExit(timeout))
            throw new TimeoutException($"{Role} (pid {ProcessId}) did not exit within {timeout} of SIGTERM.\n{Output}");
        return _process.ExitCode;
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
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>A client connected to this node (the caller disposes it).</summary>
    public RespClient Connect() => new(Launch.Host, Launch.Port);

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

    private bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    private void Capture(string stream, string? line)
    {
        if (line is not null) _output.Enqueue($"[{Role} {stream}] {line}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
