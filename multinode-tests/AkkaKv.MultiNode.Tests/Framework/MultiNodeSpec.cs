using System.Collections.Concurrent;
using AkkaKv.Protocol;
using AkkaKv.Testing;
using Xunit.Abstractions;

namespace AkkaKv.MultiNode.Tests.Framework;

/// <summary>
/// Akka's multi-node spec, in one test process: the spec declares roles, and <see cref="RunSpec"/> runs the spec's body
/// once per role, each on its own thread, as each node would run it in its own process. <see cref="RunOn(RoleName, Action)"/>
/// runs a step only on the named role; <see cref="EnterBarrier"/> waits until every role reached the barrier of that
/// name. Each role's server is a real akkakv-server process with its own port and data directory. Every wait is
/// bounded, and Dispose kills every process whatever happened.
/// </summary>
public abstract class MultiNodeSpec : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _root;
    private readonly BarrierCoordinator _barriers;
    private readonly AsyncLocal<RoleName?> _myself = new();
    private readonly ConcurrentDictionary<RoleName, NodeLaunchCommand> _launches = new();
    private readonly ConcurrentDictionary<RoleName, ServerProcess> _nodes = new();
    private readonly ConcurrentQueue<ServerProcess> _everyProcess = new();
    private bool _disposed;

    protected MultiNodeSpec(ITestOutputHelper output, params RoleName[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0 || roles.Distinct().Count() != roles.Length)
            throw new ArgumentException("a spec needs at least one role and no role twice", nameof(roles));
        _output = output;
        Roles = roles;
        _barriers = new BarrierCoordinator(roles);
        _root = Directory.CreateTempSubdirectory("akkakv-multinode-").FullName;
    }

    public IReadOnlyList<RoleName> Roles { get; }

    /// <summary>How long a role waits in a barrier for the others.</summary>
    protected virtual TimeSpan BarrierTimeout => TimeSpan.FromSeconds(20);

    /// <summary>How long a node may take from launch to accepting connections.</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(20);

    /// <summary>How long a node may take to exit after SIGTERM or SIGKILL.</summary>
    protected virtual TimeSpan StopTimeout => TimeSpan.FromSeconds(15);

    /// <summary>The role whose thread is running (only inside <see cref="RunSpec"/>).</summary>
    protected RoleName Myself => _myself.Value ?? throw new InvalidOperationException("Myself is only known inside RunSpec");

    /// <summary>Runs <paramref name="body"/> once per role, concurrently, and fails with every role's failure.</summary>
    protected void RunSpec(Action body, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var failures = new ConcurrentQueue<(RoleName Role, Exception Error)>();
        var threads = Roles.Select(role => new Thread(() =>
        {
            _myself.Value = role;
            try
            {
                body();
            }
            catch (Exception e)
            {
                failures.Enqueue((role, e));
                _barriers.Fail($"{role} failed: {e.Message}");
            }
        })
        {
            IsBackground = true,
            Name = $"multinode-{role}",
        }).ToList();
        threads.ForEach(thread => thread.Start());

        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        var hanging = threads.Where(thread => !thread.Join(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)))).ToList();
        if (hanging.Count > 0)
        {
            // Break the barriers and take the servers away so that blocked roles fail instead of hanging on.
            _barriers.Fail($"the spec did not finish within {limit}");
            KillEveryProcess();
            hanging.ForEach(thread => thread.Join(TimeSpan.FromSeconds(5)));
            failures.Enqueue((Roles[0], new TimeoutException($"the spec did not finish within {limit}; still running: {string.Join(", ", hanging.Select(t => t.Name))}")));
        }

        if (!failures.IsEmpty)
        {
            // The roles' own failures first; a barrier that broke because of them is only the echo.
            var ordered = failures.OrderBy(f => f.Error is BarrierFailedException).ToList();
            throw new AggregateException(
                $"multi-node spec failed: {string.Join("; ", ordered.Select(f => $"{f.Role}: {f.Error.Message}"))}",
                ordered.Select(f => f.Error));
        }
    }

    protected void RunOn(RoleName role, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Myself == role) action();
    }

    protected void RunOn(IEnumerable<RoleName> roles, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (roles.Contains(Myself)) action();
    }

    protected void EnterBarrier(string name)
    {
        Log($"enters barrier '{name}'");
        _barriers.Enter(Myself, name, BarrierTimeout);
    }

    /// <summary>Writes to the test's output, tagged with the role whose thread writes.</summary>
    protected void Log(string message) => _output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [{_myself.Value?.Name ?? "spec"}] {message}");

    /// <summary>
    /// How a role's server is launched. Loopback, a free port and a data directory of its own by default; a spec that
    /// puts nodes in network namespaces overrides this to set the prefix (ip netns exec ns) and the address.
    /// </summary>
    protected virtual NodeLaunchCommand CreateLaunchCommand(RoleName role) =>
        new(role, "127.0.0.1", ServerProcess.FreePort(), Path.Combine(_root, role.Name));

    /// <summary>The launch of <paramref name="role"/>: the same address, port and directory on every (re)start.</summary>
    protected NodeLaunchCommand LaunchOf(RoleName role) => _launches.GetOrAdd(role, CreateLaunchCommand);

    /// <summary>Starts the role's server process and waits until it accepts connections.</summary>
    protected ServerProcess StartNode(RoleName role)
    {
        if (_nodes.TryGetValue(role, out var running) && !running.HasExited)
            throw new InvalidOperationException($"{role} is already running (pid {running.ProcessId})");
        var launch = LaunchOf(role);
        Log($"starts {role}: {launch}");
        var server = ServerProcess.StartReady(launch.ToServerLaunch(), StartTimeout);
        _everyProcess.Enqueue(server);
        _nodes[role] = server;
        Log($"{role} is ready on {launch.Host}:{launch.Port} (pid {server.ProcessId})");
        return server;
    }

    /// <summary>The role's most recently started server process.</summary>
    protected ServerProcess Node(RoleName role) =>
        _nodes.TryGetValue(role, out var server) ? server : throw new InvalidOperationException($"{role} was never started");

    /// <summary>kill -9 the role's server and wait until it is gone.</summary>
    protected void KillNode(RoleName role)
    {
        Log($"kills {role} (SIGKILL)");
        Node(role).Kill(StopTimeout);
    }

    /// <summary>kill -TERM the role's server; returns its exit code once it exited.</summary>
    protected int StopNode(RoleName role)
    {
        Log($"stops {role} (SIGTERM)");
        var exitCode = Node(role).Stop(StopTimeout);
        Log($"{role} exited with code {exitCode}");
        return exitCode;
    }

    /// <summary>True when the role's server accepts a connection and answers PING within the timeout.</summary>
    protected bool IsAnswering(RoleName role, TimeSpan? timeout = null) =>
        _nodes.TryGetValue(role, out var server) && server.IsAnswering(timeout ?? TimeSpan.FromSeconds(2));

    /// <summary>A client of the role's server (the caller disposes it).</summary>
    protected RespClient Connect(RoleName role)
    {
        var client = Node(role).Connect();
        client.Timeout = TimeSpan.FromSeconds(5);
        return client;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        KillEveryProcess();
        foreach (var server in _everyProcess)
        {
            _output.WriteLine($"--- {server.Name} (pid {server.ProcessId}) output ---");
            _output.WriteLine(server.Output);
            server.Dispose();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private void KillEveryProcess()
    {
        foreach (var server in _everyProcess)
        {
            try
            {
                server.Kill(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                _output.WriteLine($"could not kill {server.Name}: {e.Message}");
            }
        }
    }
}
