namespace AkkaKv.MultiNode.Tests.Framework;

/// <summary>
/// Akka's EnterBarrier for roles that run as threads of one test process: a role entering a barrier waits until
/// every role entered the barrier of the same name. Once anything goes wrong (a timeout, two names, a role that
/// failed) every waiting and every later entry fails at once, so no role hangs on a partner that is gone.
/// </summary>
public sealed class BarrierCoordinator(IReadOnlyCollection<RoleName> roles)
{
    private readonly object _gate = new();
    private readonly HashSet<RoleName> _arrived = [];
    private string? _open;
    private long _passed;
    private string? _failure;

    /// <summary>Barriers every role has passed, in order.</summary>
    public List<string> Passed { get; } = [];

    public void Enter(RoleName role, string name, TimeSpan timeout)
    {
        lock (_gate)
        {
            ThrowIfFailed(role, name);
            if (_open is not null && _open != name)
                FailLocked($"{role} entered barrier '{name}' while {string.Join(", ", _arrived)} wait in '{_open}'");
            ThrowIfFailed(role, name);
            _open = name;
            _arrived.Add(role);
            if (_arrived.Count == roles.Count)
            {
                Passed.Add(name);
                _arrived.Clear();
                _open = null;
                _passed++;
                Monitor.PulseAll(_gate);
                return;
            }

            var generation = _passed;
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (_passed == generation)
            {
                ThrowIfFailed(role, name);
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    var missing = roles.Where(r => !_arrived.Contains(r));
                    FailLocked($"barrier '{name}' timed out after {timeout}: {string.Join(", ", missing)} never arrived");
                    ThrowIfFailed(role, name);
                }
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(Math.Max(1, remaining)));
            }
        }
    }

    /// <summary>Breaks every barrier, now and later, with <paramref name="reason"/> (the first reason wins).</summary>
    public void Fail(string reason)
    {
        lock (_gate) FailLocked(reason);
    }

    private void FailLocked(string reason)
    {
        _failure ??= reason;
        Monitor.PulseAll(_gate);
    }

    private void ThrowIfFailed(RoleName role, string name)
    {
        if (_failure is not null) throw new BarrierFailedException($"{role} cannot pass barrier '{name}': {_failure}");
    }
}
