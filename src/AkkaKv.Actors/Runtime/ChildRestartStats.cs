namespace AkkaKv.Actors.Runtime;

/// <summary>How often a child has been restarted; owned by (and only touched on the thread of) its parent.</summary>
internal sealed class ChildRestartStats
{
    private int _restartCount;
    private long _windowStartMs;

    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan window)
    {
        if (maxNrOfRetries < 0)
        {
            return true;
        }

        if (window <= TimeSpan.Zero)
        {
            return ++_restartCount <= maxNrOfRetries;
        }

        var now = Environment.TickCount64;
        if (_restartCount == 0 || now - _windowStartMs > (long)window.TotalMilliseconds)
        {
            // A new window starts with this restart.
            _windowStartMs = now;
            _restartCount = 1;
            return maxNrOfRetries >= 1;
        }

        return ++_restartCount <= maxNrOfRetries;
    }
}
