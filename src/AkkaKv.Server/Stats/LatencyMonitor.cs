namespace AkkaKv.Server.Stats;

/// <summary>
/// Redis's latency monitor: per event ("command", "fast-command", "expire-cycle"), the last 160 seconds in which it
/// took at least latency-monitor-threshold ms, keeping each second's worst, and its all-time worst. Events appear when
/// first recorded. Shards and sessions record from their own threads, so it is locked; recording only happens above the
/// threshold, which the callers check first.
/// </summary>
public sealed class LatencyMonitor
{
    /// <summary>Samples kept per event (Redis's LATENCY_TS_LEN).</summary>
    public const int SamplesPerEvent = 160;

    public const string Command = "command";
    public const string FastCommand = "fast-command";
    public const string ExpireCycle = "expire-cycle";

    private readonly Lock _lock = new();
    private readonly List<Series> _events = [];

    /// <summary>Records <paramref name="microseconds"/> under <paramref name="eventName"/> when the monitor is on and it reaches the threshold.</summary>
    public void RecordIfNeeded(string eventName, long microseconds, long thresholdMilliseconds)
    {
        var milliseconds = microseconds / 1000;
        if (thresholdMilliseconds > 0 && milliseconds >= thresholdMilliseconds) Record(eventName, milliseconds);
    }

    public void Record(string eventName, long milliseconds)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        lock (_lock)
        {
            var series = _events.Find(e => e.Name == eventName);
            if (series is null)
            {
                series = new Series(eventName);
                _events.Add(series);
            }
            series.Add(now, milliseconds);
        }
    }

    /// <summary>Every event's history, in the order the events first happened.</summary>
    public List<LatencyEventHistory> Snapshot()
    {
        lock (_lock) return _events.Select(e => e.Copy()).ToList();
    }

    /// <summary>One event's history by its exact name (LATENCY HISTORY and GRAPH compare case-sensitively), or null.</summary>
    public LatencyEventHistory? Find(string eventName)
    {
        lock (_lock) return _events.Find(e => e.Name == eventName)?.Copy();
    }

    /// <summary>Forgets the event (any case), or every event when null; returns how many were forgotten.</summary>
    public int Reset(string? eventName)
    {
        lock (_lock)
        {
            return eventName is null
                ? Clear()
                : _events.RemoveAll(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        }
    }

    private int Clear()
    {
        var count = _events.Count;
        _events.Clear();
        return count;
    }

    /// <summary>A ring of samples; a sample in the same second as the previous one only raises it.</summary>
    private sealed class Series(string name)
    {
        private readonly LatencySample[] _samples = new LatencySample[SamplesPerEvent];
        private int _next;
        private int _count;
        private long _max;

        public string Name { get; } = name;

        public void Add(long unixSeconds, long milliseconds)
        {
            _max = Math.Max(_max, milliseconds);
            var previous = (_next + SamplesPerEvent - 1) % SamplesPerEvent;
            if (_count > 0 && _samples[previous].UnixTimeSeconds == unixSeconds)
            {
                if (milliseconds > _samples[previous].Milliseconds) _samples[previous] = new LatencySample(unixSeconds, milliseconds);
                return;
            }
            _samples[_next] = new LatencySample(unixSeconds, milliseconds);
            _next = (_next + 1) % SamplesPerEvent;
            _count = Math.Min(_count + 1, SamplesPerEvent);
        }

        public LatencyEventHistory Copy()
        {
            var samples = new LatencySample[_count];
            for (var i = 0; i < _count; i++) samples[i] = _samples[(_next - _count + i + SamplesPerEvent) % SamplesPerEvent];
            return new LatencyEventHistory(Name, samples, _max);
        }
    }
}
